package org.dmascope.model.io.formats;

import java.util.Locale;
import java.util.Optional;

import org.dmascope.model.io.LoadResult;
import org.dmascope.model.io.TopologyFiles;
import org.dmascope.model.io.source.SourceText;

/**
 * dmascope's own topology JSON (docs/topology-format.md). This is the one place that decides a file is
 * one: by its name, so a damaged {@code .json} file gets the JSON reader's precise message, or by its
 * first character opening an object.
 */
public final class TopologyJsonFormat implements DocumentFormat {

    @Override
    public String name() {
        return "dmascope topology JSON";
    }

    @Override
    public Optional<Detection> detect(SourceText text) {
        int first = Lines.firstNonBlank(text);
        boolean object = first >= 0 && text.line(first).trim().startsWith("{");
        int line = object ? first + 1 : 0;
        if (text.name().toLowerCase(Locale.ROOT).endsWith(".json")) return Optional.of(new Detection(this,
                Confidence.NAMED, line));
        return object ? Optional.of(new Detection(this, Confidence.DOCUMENT, line)) : Optional.empty();
    }

    @Override
    public LoadResult read(SourceText text, Runnable checkpoint) {
        return TopologyFiles.load(text, checkpoint);
    }

    @Override
    public FileFilter filter() {
        return new FileFilter("Topology JSON", "*.json");
    }

    @Override
    public String help() {
        return "dmascope topology JSON: a whole machine as dmascope saves it, opened on its own";
    }
}
