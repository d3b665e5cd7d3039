package org.dmascope.model.io.formats;

import java.util.Optional;

import org.dmascope.model.io.source.SourceText;

/**
 * Nothing but blank lines. A binary file has no lines either, so {@link BinaryFormat} is registered
 * first to name it for what it is.
 */
public final class EmptyFormat implements RefusedFormat {

    @Override
    public String name() {
        return "empty file";
    }

    @Override
    public Optional<Detection> detect(SourceText text) {
        return text.blank() ? Optional.of(Detection.whole(this, Confidence.CONTENT)) : Optional.empty();
    }

    @Override
    public String refusal() {
        return "the file is empty";
    }
}
