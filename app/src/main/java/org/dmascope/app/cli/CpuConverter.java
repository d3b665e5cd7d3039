package org.dmascope.app.cli;

import org.dmascope.model.kernel.platform.CpuIdentity;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --cpu V[:FAMILY]}; the model's sentence names the vendor or family that is wrong and the choices. */
final class CpuConverter implements ITypeConverter<CpuIdentity> {
    @Override
    public CpuIdentity convert(String value) {
        try {
            return CpuIdentity.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
