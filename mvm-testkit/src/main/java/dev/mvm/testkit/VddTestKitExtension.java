package dev.mvm.testkit;

import dev.mvm.api.vdd.Vdd;
import java.lang.reflect.InvocationTargetException;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects an {@link EmbeddedMachine} described by {@link Embed} into test methods, and closes
 * it when the test ends. The annotation may sit on the parameter, the method or the class, the
 * nearest one winning.
 */
public final class VddTestKitExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(VddTestKitExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == EmbeddedMachine.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Embed embed = parameter.findAnnotation(Embed.class)
        .or(() -> context.getTestMethod().flatMap(m -> Optional.ofNullable(m.getAnnotation(Embed.class))))
        .or(() -> context.getTestClass().flatMap(c -> Optional.ofNullable(c.getAnnotation(Embed.class))))
        .orElseThrow(() -> new ParameterResolutionException(
            "an EmbeddedMachine parameter needs @Embed on the parameter, method or class"));
    VddTestKit kit = VddTestKit.embed(embed.value());
    for (Class<? extends Vdd> type : embed.vdds()) {
      kit.with(instantiate(type));
    }
    if (embed.cpu()) {
      kit.withCpu(embed.model());
    }
    if (embed.builtInBios()) {
      kit.builtInBios();
    }
    EmbeddedMachine machine = kit.start();
    // The store closes what it holds when the test ends.
    context.getStore(NAMESPACE).put("machine-" + parameter.getIndex(), machine);
    return machine;
  }

  private static Vdd instantiate(Class<? extends Vdd> type) {
    try {
      return type.getDeclaredConstructor().newInstance();
    } catch (InvocationTargetException e) {
      throw new ParameterResolutionException(
          "constructor of " + type.getName() + " threw: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new ParameterResolutionException(
          "cannot create " + type.getName() + " with a public no-argument constructor", e);
    }
  }
}
