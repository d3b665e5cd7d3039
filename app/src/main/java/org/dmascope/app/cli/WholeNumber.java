package org.dmascope.app.cli;

import java.math.BigInteger;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A whole number within bounds; a value outside them is named with the bound it crosses. */
abstract class WholeNumber implements ITypeConverter<Integer> {
    private final String what;
    private final int min;
    private final int max;

    WholeNumber(String what, int min, int max) {
        this.what = what;
        this.min = min;
        this.max = max;
    }

    @Override
    public Integer convert(String value) {
        if (!value.matches("[+-]?\\d+")) throw new TypeConversionException(value + " is not " + what + " (" + min
                + " to " + max + ")");
        BigInteger n = new BigInteger(value);
        if (n.compareTo(BigInteger.valueOf(min)) < 0) throw new TypeConversionException(value
                + " is too small (at least " + min + ")");
        if (n.compareTo(BigInteger.valueOf(max)) > 0) throw new TypeConversionException(value
                + " is too large (at most " + max + ")");
        return n.intValue();
    }

    /** {@code --limit}: how many entries of each list to print. */
    static final class ListLength extends WholeNumber {
        ListLength() {
            super("a whole number", 0, Integer.MAX_VALUE);
        }
    }

    /** {@code --mdts}: an NVMe controller's Maximum Data Transfer Size. */
    static final class Mdts extends WholeNumber {
        Mdts() {
            super("an MDTS (0 = no limit)", 0, 20);
        }
    }

    /** {@code --max-sectors-kb}: the queue's sysfs max_sectors_kb. */
    static final class MaxSectorsKb extends WholeNumber {
        MaxSectorsKb() {
            super("a size in KiB", 4, Integer.MAX_VALUE);
        }
    }

    /** {@code --dma-mask}: the width of the device's DMA mask. */
    static final class MaskBits extends WholeNumber {
        MaskBits() {
            super("a bit count", 1, 64);
        }
    }
}
