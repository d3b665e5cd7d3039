package org.dmascope.model.io.formats;

import java.util.Optional;

import org.dmascope.model.io.source.SourceText;

/** XML that is not hwloc's: any file opening with {@code <} that {@link HwlocXmlFormat} did not claim. */
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
        return "this XML is not an hwloc topology (it has no <topology> element)";
    }
}
