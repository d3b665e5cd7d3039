package org.dmascope.app.cli;

import org.dmascope.model.mapping.BufferSpec;
import org.dmascope.model.mapping.BufferSpecParser;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --buffer SPEC}; the parser's sentence names the spec and the part that is wrong. */
final class BufferSpecConverter implements ITypeConverter<BufferSpec> {
    @Override
    public BufferSpec convert(String value) {
        try {
            return BufferSpecParser.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
