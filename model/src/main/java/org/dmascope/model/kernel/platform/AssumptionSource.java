package org.dmascope.model.kernel.platform;

/** Where a platform fact used by a decision came from, so every result can say so. */
public enum AssumptionSource {
    /** Read from the topology's platform section. */
    TOPOLOGY("topology file"),
    /** Parsed from the kernel command line recorded in the topology (or given with --cmdline). */
    KERNEL_COMMAND_LINE("kernel command line"),
    /** Given by the user for this run (a CLI option or a GUI what-if). */
    OPTION("option"),
    /** Not stated, but implied by the export's devices: the detail names the device and its line. */
    INFERRED("inferred from the export"),
    /** Nothing said it: a stated default applies. */
    DEFAULT("default");

    private final String words;

    AssumptionSource(String words) {
        this.words = words;
    }

    /** How the source is named to the user: {@code topology file}, {@code option} … */
    public String words() {
        return words;
    }
}
