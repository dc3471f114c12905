package dev.mvm.testkit;

import dev.mvm.api.cpu.CpuModel;
import dev.mvm.api.vdd.Vdd;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes the machine {@link VddTestKitExtension} injects into a test method's {@link
 * EmbeddedMachine} parameter. The machine is closed after the test.
 *
 * <pre>{@code
 * @ExtendWith(VddTestKitExtension.class)
 * class CounterVddTest {
 *   @Test
 *   void countsTicks(@Embed(vdds = CounterVdd.class) EmbeddedMachine machine) {
 *     machine.advance(Duration.ofMillis(5));
 *     assertThat(machine.inb(0x300)).isEqualTo(5);
 *   }
 * }
 * }</pre>
 */
@Target({ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Embed {

  /**
   * VDDs found by id through {@link java.util.ServiceLoader}.
   *
   * @return the ids
   */
  String[] value() default {};

  /**
   * VDD classes, each created with its public no-argument constructor.
   *
   * @return the classes
   */
  Class<? extends Vdd>[] vdds() default {};

  /**
   * Whether the machine has a CPU, for guest snippets.
   *
   * @return true for a CPU of {@link #model()}
   */
  boolean cpu() default false;

  /**
   * The CPU model when {@link #cpu()} is set.
   *
   * @return the model
   */
  CpuModel model() default CpuModel.I80286;

  /**
   * Whether the VDDs see the built-in BIOS (and so provide their BIOS services).
   *
   * @return true to use the built-in BIOS
   */
  boolean builtInBios() default false;
}
