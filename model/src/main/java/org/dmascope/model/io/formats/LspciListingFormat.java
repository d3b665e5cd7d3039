package org.dmascope.model.io.formats;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.dmascope.model.io.lspci.DeviceLine;
import org.dmascope.model.io.lspci.LspciVerboseReader;
import org.dmascope.model.io.merge.MachineFacts;
import org.dmascope.model.io.source.Checkpoint;
import org.dmascope.model.io.source.Findings;
import org.dmascope.model.io.source.SourceText;

/**
 * lspci listings, verbose or not, and hex dumps: a device line ({@code 03:00.0 VGA compatible
 * controller: …}) or a row of config-space bytes ({@code 00: 86 80 …}).
 */
public final class LspciListingFormat implements FactsFormat {
    private static final Pattern HEX_ROW = Pattern.compile("^[0-9a-fA-F]{2,3}:( [0-9a-fA-F]{2}){1,16}$");

    @Override
    public String name() {
        return "lspci listing";
    }

    @Override
    public Optional<Detection> detect(SourceText text) {
        return Lines.firstSigned(text, line -> DeviceLine.parse(line).isPresent() || HEX_ROW.matcher(line.trim())
                .matches(), this);
    }

    @Override
    public MachineFacts read(SourceText text, Findings findings, Checkpoint checkpoint) {
        return LspciVerboseReader.read(text, findings, checkpoint);
    }

    @Override
    public FileFilter filter() {
        return new FileFilter("lspci listing or hex dump", "*.txt", "*.lspci", "*.verbose", "*.hex");
    }

    @Override
    public String help() {
        return "lspci -v/-vv/-vvv listings (with -D, -P/-PP, -nn, -k, -b) and -x/-xxx/-xxxx hex dumps: IDs, BARs,"
                + " bridge windows, ACS, links, SR-IOV, drivers";
    }

    @Override
    public List<String> nameSuffixes() {
        return List.of(".verbose", ".hex", ".lspci");
    }
}
