package org.dmascope.app.cli;

import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --max-seg}: a segment length the kernel's {@code unsigned int max_segment_size} can hold. */
final class SegmentSize implements ITypeConverter<Long> {
    private static final long MAX = 0xFFFF_FFFFL;

    @Override
    public Long convert(String value) {
        long size;
        try {
            size = ByteSize.parseLength(value);
        } catch (ByteSize.TooLarge e) {
            throw tooLarge(value);
        } catch (NumberFormatException e) {
            throw new TypeConversionException(value + " is not a size (such as 65536, 0x10000 or 64KiB; 1 to "
                    + Hex.addr(MAX) + " bytes)");
        }
        if (size < 1) throw new TypeConversionException(value + " is too small (at least 1 byte)");
        if (size > MAX) throw tooLarge(value);
        return size;
    }

    private static TypeConversionException tooLarge(String value) {
        return new TypeConversionException(value + " is too large (at most " + Hex.addr(MAX) + " bytes)");
    }
}
