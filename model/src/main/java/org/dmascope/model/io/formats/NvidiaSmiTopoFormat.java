package org.dmascope.model.io.formats;

import java.util.Optional;
import java.util.regex.Pattern;

import org.dmascope.model.io.source.SourceText;

/** {@code nvidia-smi topo -m}: a matrix row of link labels, or the header naming GPUs and CPU affinity. */
public final class NvidiaSmiTopoFormat implements RefusedFormat {
    private static final Pattern SIGNATURE = Pattern.compile(
            "^\\s*GPU\\d+(\\s+(X|PIX|PXB|PHB|NODE|SYS|SOC|NV\\d+))+\\b|^\\s*GPU0(\\s+GPU\\d+)+\\s+CPU Affinity");

    @Override
    public String name() {
        return "nvidia-smi topo -m matrix";
    }

    @Override
    public Optional<Detection> detect(SourceText text) {
        return Lines.firstSigned(text, line -> SIGNATURE.matcher(line).find(), this);
    }

    @Override
    public String refusal() {
        return "this is an nvidia-smi topo -m matrix: it names how GPUs reach each other (PIX, PHB, SYS, ...) but no "
                + "PCI"
                + " addresses or buses, so no topology can be built from it; export lspci -tvnn and lspci -vvv instead";
    }
}
