package org.dmascope.model.io.formats;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.dmascope.model.io.lspci.LspciTreeReader;
import org.dmascope.model.io.merge.MachineFacts;
import org.dmascope.model.io.source.Checkpoint;
import org.dmascope.model.io.source.Findings;
import org.dmascope.model.io.source.SourceText;

/** {@code lspci -t} trees: a branch ({@code +-}, {@code \-}) leading to a root bus or a device.function. */
public final class LspciTreeFormat implements FactsFormat {
    private static final Pattern SIGNATURE = Pattern.compile(
            "^[\\s|]*(?:-\\+-|\\+-|\\\\-|-)\\[[0-9a-fA-F]{4,8}:[0-9a-fA-F]{2}]|^[\\s|]*[+\\\\]-[0-9a-fA-F]{2}\\.[0-7]");

    @Override
    public String name() {
        return "lspci -t tree";
    }

    @Override
    public Optional<Detection> detect(SourceText text) {
        return Lines.firstSigned(text, line -> SIGNATURE.matcher(line).find(), this);
    }

    @Override
    public MachineFacts read(SourceText text, Findings findings, Checkpoint checkpoint) {
        return LspciTreeReader.read(text, findings, checkpoint);
    }

    @Override
    public FileFilter filter() {
        return new FileFilter("lspci -t tree", "*.txt", "*.tree");
    }

    @Override
    public String help() {
        return "lspci -t/-tv/-tvnn/-tn trees: root buses, the buses behind each bridge, the functions on each bus";
    }

    @Override
    public List<String> nameSuffixes() {
        return List.of(".tree");
    }
}
