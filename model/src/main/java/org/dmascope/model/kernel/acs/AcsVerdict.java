package org.dmascope.model.kernel.acs;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether one function counts as ACS-isolating for a request, and why, as the end of a sentence
 * about the device: "root port 0000:00:1c.0 {@code has no ACS capability and no quirk}".
 *
 * @param enabled the kernel's answer ({@code pci_acs_enabled()} != 0)
 * @param clause  the reason, phrased to follow the device's name
 * @param quirk   the {@code pci_dev_acs_enabled[]} quirk that decided, if one did
 */
public record AcsVerdict(boolean enabled, String clause, Optional<String> quirk) {

    public AcsVerdict {
        Objects.requireNonNull(clause);
        Objects.requireNonNull(quirk);
    }

    public static AcsVerdict of(boolean enabled, String clause) {
        return new AcsVerdict(enabled, clause, Optional.empty());
    }

    public static AcsVerdict byQuirk(boolean enabled, String quirk, String clause) {
        return new AcsVerdict(enabled, clause, Optional.of(quirk));
    }
}
