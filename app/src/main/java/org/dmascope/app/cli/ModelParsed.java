package org.dmascope.app.cli;

import java.util.function.Function;

import org.dmascope.model.kernel.platform.AmdEfr;
import org.dmascope.model.kernel.platform.CpuIdentity;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.platform.PlatformSettings;
import org.dmascope.model.mapping.BufferSpec;
import org.dmascope.model.mapping.BufferSpecParser;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * An option the model parses itself. Its parser already says in a sentence what is wrong and what it
 * expects (an IllegalArgumentException); that sentence becomes the message.
 */
abstract class ModelParsed<T> implements ITypeConverter<T> {
    private final Function<String, T> parse;

    ModelParsed(Function<String, T> parse) {
        this.parse = parse;
    }

    @Override
    public T convert(String value) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** {@code --buffer SPEC}: the sentence names the spec and the part that is wrong. */
    static final class Buffer extends ModelParsed<BufferSpec> {
        Buffer() {
            super(BufferSpecParser::parse);
        }
    }

    /** {@code --cpu V[:FAMILY]}: the sentence names the vendor or family and the choices. */
    static final class Cpu extends ModelParsed<CpuIdentity> {
        Cpu() {
            super(CpuIdentity::parse);
        }
    }

    /** {@code --c-bit N}: read as the platform panel reads it (PlatformSettings). */
    static final class CBit extends ModelParsed<Integer> {
        CBit() {
            super(v -> PlatformSettings.set(PlatformOverrides.NONE, PlatformSettings.C_BIT, v).cBit().orElseThrow());
        }
    }

    /** {@code --amd-efr EFR}: read as the platform panel reads it (PlatformSettings). */
    static final class Efr extends ModelParsed<AmdEfr> {
        Efr() {
            super(v -> PlatformSettings.set(PlatformOverrides.NONE, PlatformSettings.AMD_EFR, v).amdEfr()
                    .orElseThrow());
        }
    }
}
