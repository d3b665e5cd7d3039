package org.dmascope.model.topology;

import java.util.Arrays;
import java.util.Optional;

/**
 * PCIe link speeds (the LnkCap/LnkSta speed code) with their usable payload bandwidth per lane.
 * 2.5 and 5 GT/s use 8b/10b coding, 8–32 GT/s 128b/130b, 64 GT/s and above FLIT mode (242/256).
 * {@link #UNKNOWN} is what a device reports when the code is not a valid speed (link down).
 */
public enum LinkSpeed {
    GT_2_5("2.5GT/s", 1, 2.5, 8.0 / 10.0),
    GT_5("5GT/s", 2, 5.0, 8.0 / 10.0),
    GT_8("8GT/s", 3, 8.0, 128.0 / 130.0),
    GT_16("16GT/s", 4, 16.0, 128.0 / 130.0),
    GT_32("32GT/s", 5, 32.0, 128.0 / 130.0),
    GT_64("64GT/s", 6, 64.0, 242.0 / 256.0),
    GT_128("128GT/s", 8, 128.0, 242.0 / 256.0),
    UNKNOWN("unknown", 0, 0.0, 0.0);

    private final String text;
    private final int code;
    private final double gigaTransfers;
    private final double efficiency;

    LinkSpeed(String text, int code, double gigaTransfers, double efficiency) {
        this.text = text;
        this.code = code;
        this.gigaTransfers = gigaTransfers;
        this.efficiency = efficiency;
    }

    /** As lspci prints it: {@code 16GT/s}. */
    public String text() {
        return text;
    }

    public int code() {
        return code;
    }

    public double gigaTransfersPerSecond() {
        return gigaTransfers;
    }

    /** Raw one-direction payload bandwidth of one lane in GB/s (after line coding). */
    public double gigabytesPerSecondPerLane() {
        return gigaTransfers * efficiency / 8.0;
    }

    public static Optional<LinkSpeed> fromText(String text) {
        String t = text.trim();
        if (t.endsWith("GT/s") || t.equals("unknown")) {
            return Arrays.stream(values()).filter(s -> s.text.equalsIgnoreCase(t)).findFirst();
        }
        return Optional.empty();
    }

    public static LinkSpeed fromCode(int code) {
        return Arrays.stream(values()).filter(s -> s.code == code && s != UNKNOWN).findFirst().orElse(UNKNOWN);
    }
}
