package org.dmascope.model.io.formats;

import java.util.Optional;

import org.dmascope.model.io.source.SourceText;

/**
 * NCCL's (or RCCL's) topology XML ({@code NCCL_TOPO_DUMP_FILE}): a {@code <system>} root holding
 * {@code <cpu>} and {@code <pci busid=…>} elements.
 */
public final class NcclTopologyXmlFormat implements RefusedFormat {
    /** How far into the file the root element may start (an XML declaration and a licence comment come first). */
    private static final int ROOT_WITHIN = 40;

    @Override
    public String name() {
        return "NCCL topology XML";
    }

    @Override
    public Optional<Detection> detect(SourceText text) {
        int first = Lines.firstNonBlank(text);
        if (first < 0 || !text.line(first).trim().startsWith("<")) return Optional.empty();
        for (int i = first; i < Math.min(text.lineCount(), first + ROOT_WITHIN); i++) {
            if (text.line(i).trim().startsWith("<system ")) return Optional.of(new Detection(this, Confidence.DOCUMENT,
                    i + 1));
        }
        return Optional.empty();
    }

    @Override
    public String refusal() {
        return "this is an NCCL topology dump (NCCL_TOPO_DUMP_FILE): this build cannot read it yet; export lspci "
                + "-tvnn and"
                + " lspci -vvv instead";
    }
}
