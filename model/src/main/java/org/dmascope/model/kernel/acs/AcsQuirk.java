package org.dmascope.model.kernel.acs;

import java.util.Optional;

import org.dmascope.model.topology.PciFunction;

/**
 * One {@code acs_enabled} quirk function of {@code pci_dev_acs_enabled[]} (drivers/pci/quirks.c,
 * R-ACS-2 step 1). A quirk either decides (returns &ge; 0 in the kernel: enabled or not) or says
 * "not mine" (-ENOTTY / -ENODEV), in which case the table search goes on.
 */
public interface AcsQuirk {

    /** The kernel's name of the quirk function, e.g. {@code pci_quirk_intel_pch_acs}. */
    String kernelName();

    /**
     * @param dev   the function asked about
     * @param flags the requested ACS flags
     * @param rules the ACS state of the machine
     * @return the verdict, or empty for "not mine"
     */
    Optional<AcsVerdict> decide(PciFunction dev, int flags, AcsRules rules);

    /** {@code pci_acs_ctrl_enabled(req, enabled)}: every requested bit is in {@code enabled}. */
    static boolean ctrlEnabled(int requested, int enabled) {
        return (requested & enabled) == requested;
    }
}
