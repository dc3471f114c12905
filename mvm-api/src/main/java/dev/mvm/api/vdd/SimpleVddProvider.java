package dev.mvm.api.vdd;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A {@link VddProvider} in one line: extend it with a public no-argument constructor that
 * names the id and how to create the VDD.
 *
 * <pre>{@code
 * public final class CounterVdd implements Vdd {
 *   public static final class Provider extends SimpleVddProvider {
 *     public Provider() {
 *       super("COUNTER", CounterVdd::new, false);
 *     }
 *   }
 *   ...
 * }
 * }</pre>
 */
public abstract class SimpleVddProvider implements VddProvider {
  private final String id;
  private final Supplier<? extends Vdd> factory;
  private final boolean standard;

  /**
   * @param id the id of the VDDs created
   * @param factory creates a new VDD
   * @param standard whether it belongs to the standard set every VM gets
   */
  protected SimpleVddProvider(String id, Supplier<? extends Vdd> factory, boolean standard) {
    this.id = Objects.requireNonNull(id, "id");
    this.factory = Objects.requireNonNull(factory, "factory");
    this.standard = standard;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final Vdd create() {
    return factory.get();
  }

  @Override
  public final boolean isStandard() {
    return standard;
  }
}
