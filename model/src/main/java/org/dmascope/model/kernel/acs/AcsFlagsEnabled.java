package org.dmascope.model.kernel.acs;

import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.topology.Acs;

/**
 * R-ACS-1 {@code pci_acs_flags_enabled(dev, flags)} (drivers/pci/pci.c): no ACS capability means
 * false; otherwise the request is reduced to the features the capability register implements plus
 * EC (a feature the device does not implement is hard-wired, so it counts as enabled, except Egress
 * Control), and every remaining flag must be set in the control register.
 */
@KernelRule("R-ACS-1")
public final class AcsFlagsEnabled {
    private AcsFlagsEnabled() {
    }

    public static AcsVerdict evaluate(AcsState s, int flags) {
        if (s.presence() == AcsState.Presence.UNKNOWN) {
            return AcsVerdict.of(false, "shows no extended capabilities in the input (ACS unknown, treated as absent)");
        }
        if (!s.present()) return AcsVerdict.of(false, "has no ACS capability");
        int required = flags & (s.capability() | Acs.EC);
        int hardwired = flags & ~required;
        int missing = required & ~s.control();
        if (missing == 0) {
            String hw = hardwired == 0 ? "" : " (" + Acs.shortBits(hardwired)
                    + " not implemented, so treated as enabled)";
            if (required == 0) return AcsVerdict.of(true, "has ACS implementing none of " + Acs.shortBits(flags)
                    + ", so all count as enabled");
            return AcsVerdict.of(true, "has ACS with " + Acs.shortBits(required) + " enabled" + hw);
        }
        return AcsVerdict.of(false, "has ACS but its control " + EffectiveAcs.hex(s.control()) + " lacks "
                + Acs.shortBits(missing) + " (" + Acs.shortBits(required) + " needed)");
    }
}
