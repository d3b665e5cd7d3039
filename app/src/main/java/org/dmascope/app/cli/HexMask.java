package org.dmascope.app.cli;

import org.dmascope.model.util.Hex;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --min-align}: a 64-bit mask in hex, with or without {@code 0x}. */
class HexMask implements ITypeConverter<Long> {
    private final String example;

    HexMask() {
        this("0xfff");
    }

    HexMask(String example) {
        this.example = example;
    }

    @Override
    public Long convert(String value) {
        try {
            return Hex.parse(value);
        } catch (NumberFormatException e) {
            throw new TypeConversionException(value + " is not a 64-bit hex mask (such as " + example + ")");
        }
    }

    /** {@code --seg-boundary}: a mask of the form 2^n-1, as {@code dma_get_seg_boundary()} assumes. */
    static final class Boundary extends HexMask {
        Boundary() {
            super("0xffffffff");
        }

        @Override
        public Long convert(String value) {
            long mask = super.convert(value);
            if (mask != -1L && Long.bitCount(mask + 1) != 1) {
                throw new TypeConversionException(value + " is not a mask 2^n-1 (such as 0xffffffff)");
            }
            return mask;
        }
    }
}
