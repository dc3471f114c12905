package dev.mvm.api;

import java.util.Objects;

/**
 * A typed per-VM setting, the analogue of the OS/2 "DOS settings": VDDs declare the
 * properties they read, and hosts set them on the builder.
 *
 * <pre>{@code
 * public static final VmProperty<Integer> COM1_BASE = VmProperty.of("VCOM.COM1_BASE", Integer.class, 0x3F8);
 *
 * Vm vm = Vm.builder().property(VCom.COM1_BASE, 0x2F8).build();     // host side
 * int base = ctx.property(VCom.COM1_BASE);                           // VDD side
 * }</pre>
 *
 * @param name a unique name, by convention prefixed with the VDD's id
 * @param type the value's type
 * @param defaultValue the value when the host sets none
 * @param <T> the value's type
 */
public record VmProperty<T>(String name, Class<T> type, T defaultValue) {

  /**
   * Checks the default against the type.
   *
   * @throws IllegalArgumentException if the name is blank or the default has the wrong type
   */
  public VmProperty {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(defaultValue, "defaultValue");
    if (name.isBlank()) {
      throw new IllegalArgumentException("property name must not be blank");
    }
    if (!type.isInstance(defaultValue)) {
      throw new IllegalArgumentException(
          "default of property " + name + " is not a " + type.getName() + ": " + defaultValue);
    }
  }

  /**
   * @param name a unique name
   * @param type the value's type
   * @param defaultValue the value when the host sets none
   * @param <T> the value's type
   * @return the property
   */
  public static <T> VmProperty<T> of(String name, Class<T> type, T defaultValue) {
    return new VmProperty<>(name, type, defaultValue);
  }

  /**
   * Checks that a value fits this property.
   *
   * @param value a value from the host
   * @return the value as {@code T}
   * @throws VmConfigurationException if it has the wrong type
   */
  public T cast(Object value) {
    if (!type.isInstance(value)) {
      throw new VmConfigurationException(
          "property " + name + " takes a " + type.getSimpleName() + ": " + value);
    }
    return type.cast(value);
  }
}
