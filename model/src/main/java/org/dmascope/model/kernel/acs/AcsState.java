package org.dmascope.model.kernel.acs;

import java.util.Objects;

/**
 * The ACS registers the rules read for one function, after the kernel-set control bits were
 * applied where the input could not show them (section 1.2 "Kernel-set control bits").
 *
 * @param presence   whether the function has an ACS capability ({@code pdev->acs_cap})
 * @param capability the ACS Capability register (0 unless present)
 * @param control    the ACS Control register at +6, the one lspci shows (0 unless present)
 * @param origin     where the control value came from
 * @param note       a sentence for reports when the value did not come straight from the input; empty otherwise
 */
public record AcsState(Presence presence, int capability, int control, ControlOrigin origin, String note) {

    /** Whether the capability exists. */
    public enum Presence {
        /** The export did not show extended capabilities; the rules treat the function as having none. */
        UNKNOWN,
        /** No ACS capability. */
        ABSENT,
        /** An ACS capability. */
        PRESENT
    }

    /** Where the control register value came from. */
    public enum ControlOrigin {
        /** No capability, so no register. */
        NONE,
        /** As the input shows it (a running kernel already applied its own settings). */
        INPUT,
        /** What-if: the input's value plus what the kernel sets when ACS is requested. */
        WHAT_IF,
        /** The input had no control value; the kernel's enable rule filled it in. */
        KERNEL_RULE,
        /** The input had no control value and nothing requested ACS: taken as 0. */
        ASSUMED_ZERO,
        /**
         * The command line's ACS options ({@code pci=disable_acs_redir=}, {@code pci=config_acs=}) decided the value:
         * on a port whose value the input lacks, or where the user's command line replaces the booted one.
         */
        COMMAND_LINE
    }

    public AcsState {
        Objects.requireNonNull(presence);
        Objects.requireNonNull(origin);
        Objects.requireNonNull(note);
    }

    public static final AcsState ABSENT = new AcsState(Presence.ABSENT, 0, 0, ControlOrigin.NONE, "");

    public boolean present() {
        return presence == Presence.PRESENT;
    }
}
