package org.dmascope.model.kernel.platform;

import java.util.Objects;

/**
 * One platform fact a decision relied on: its value, how to show it, where it came from and why
 * that value (for defaults: what the default stands for).
 *
 * @param name   short key, e.g. {@code cpu}, {@code iommu}, {@code acsRequested}
 * @param value  the value the rules use
 * @param shown  the value in words, e.g. {@code amd family 0x19}
 * @param source where it came from
 * @param detail a sentence on what it means or why it was chosen
 */
public record Assumption<T>(String name, T value, String shown, AssumptionSource source, String detail) {

    public Assumption {
        Objects.requireNonNull(name);
        Objects.requireNonNull(value);
        Objects.requireNonNull(shown);
        Objects.requireNonNull(source);
        Objects.requireNonNull(detail);
    }

    public static <T> Assumption<T> of(String name, T value, String shown, AssumptionSource source, String detail) {
        return new Assumption<>(name, value, shown, source, detail);
    }

    /** {@code cpu = amd family 0x19 (option --cpu)}. */
    public String sentence() {
        return name + " = " + shown + " (" + source.words() + "): " + detail;
    }
}
