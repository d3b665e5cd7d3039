package org.dmascope.model.addresses;

/**
 * The kinds of address problem the kernel itself notices while it claims and sizes PCI resources, each
 * with its rule id (docs/kernel-rules-extra.md, R-ADDR) and a short title.
 */
public enum ProblemKind {
    OUTSIDE_WINDOW("R-ADDR-1", "outside its bridge window"),
    OVERLAP("R-ADDR-2", "overlap"),
    MISALIGNED("R-ADDR-3", "misaligned"),
    BELOW_4G("R-ADDR-4", "64-bit BAR below 4 GiB"),
    WINDOW_TOO_SMALL("R-ADDR-5", "window too small for its BARs"),
    REBAR_NOT_LARGEST("R-ADDR-6", "resizable BAR not at its largest size");

    private final String rule;
    private final String title;

    ProblemKind(String rule, String title) {
        this.rule = rule;
        this.title = title;
    }

    public String rule() {
        return rule;
    }

    public String title() {
        return title;
    }
}
