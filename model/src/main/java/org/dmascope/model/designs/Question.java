package org.dmascope.model.designs;

/** The six questions of the design lab, in the order the threads raised them. */
public enum Question {
    CARRIER(1, "What carries the pages into the DMA API"),
    OUTPUT(2, "What comes out"),
    PROVIDER(3, "Finding the P2P provider from a physical address"),
    UNREACHABLE_BAR(4, "BAR memory that cannot go peer-to-peer"),
    WHO_MAPS(5, "Who maps"),
    CPU_ACCESS(6, "A DMA-only scatterlist");

    private final int number;
    private final String title;

    Question(int number, String title) {
        this.number = number;
        this.title = title;
    }

    public int number() {
        return number;
    }

    public String title() {
        return title;
    }
}
