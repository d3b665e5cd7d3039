package org.dmascope.model.io.formats;

import java.util.Optional;

import org.dmascope.model.io.source.SourceText;

/** Not text at all ({@link SourceText#binary()}): most likely the wrong file was picked. */
public final class BinaryFormat implements RefusedFormat {

    @Override
    public String name() {
        return "binary data";
    }

    @Override
    public Optional<Detection> detect(SourceText text) {
        return text.binary() ? Optional.of(Detection.whole(this, Confidence.CONTENT)) : Optional.empty();
    }

    @Override
    public String refusal() {
        return "this is not a text file (it holds NUL bytes or control characters); is it the right file?";
    }
}
