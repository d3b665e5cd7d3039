package org.dmascope.model.io.formats;

import java.util.Optional;

import org.dmascope.model.io.source.SourceText;

/**
 * XML that is neither hwloc's nor NCCL's: any file opening with {@code <} that {@link HwlocXmlFormat} and
 * {@link NcclTopologyXmlFormat} did not claim.
 */
public final class OtherXmlFormat implements RefusedFormat {

    @Override
    public String name() {
        return "XML";
    }

    @Override
    public Optional<Detection> detect(SourceText text) {
        int first = Lines.firstNonBlank(text);
        if (first < 0 || !text.line(first).trim().startsWith("<")) return Optional.empty();
        return Optional.of(new Detection(this, Confidence.OPENING, first + 1));
    }

    @Override
    public String refusal() {
        return "this XML is neither an hwloc topology (it has no <topology> element) nor an NCCL topology (no "
                + "<system> root)";
    }
}
