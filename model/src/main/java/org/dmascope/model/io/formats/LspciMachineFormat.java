package org.dmascope.model.io.formats;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.dmascope.model.io.lspci.DeviceLine;
import org.dmascope.model.io.lspci.LspciMachineReader;
import org.dmascope.model.io.merge.MachineFacts;
import org.dmascope.model.io.source.Checkpoint;
import org.dmascope.model.io.source.Findings;
import org.dmascope.model.io.source.SourceText;

/**
 * lspci's machine-readable output: a {@code Slot:} (or, with {@code -vm}, {@code Device:}) line alone,
 * or a device line whose fields are quoted ({@code -m}/{@code -mm}). Registered before
 * {@link LspciListingFormat}, whose device lines the quoted ones also are.
 */
public final class LspciMachineFormat implements FactsFormat {
    private static final Pattern SLOT = Pattern.compile(
            "^(?:Slot|Device):\\s+(?:[0-9a-fA-F]{4,8}:)?[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]\\s*$");

    @Override
    public String name() {
        return "lspci -vmm/-mm machine-readable output";
    }

    @Override
    public Optional<Detection> detect(SourceText text) {
        return Lines.firstSigned(text, LspciMachineFormat::signs, this);
    }

    private static boolean signs(String line) {
        String trimmed = line.trim();
        if (SLOT.matcher(trimmed).matches()) return true;
        int slotEnd = trimmed.indexOf(' ');
        return slotEnd > 0 && trimmed.startsWith("\"", slotEnd + 1) && DeviceLine.parse(line).isPresent();
    }

    @Override
    public MachineFacts read(SourceText text, Findings findings, Checkpoint checkpoint) {
        return LspciMachineReader.read(text, findings, checkpoint);
    }

    @Override
    public FileFilter filter() {
        return new FileFilter("lspci -vmm/-mm output", "*.txt", "*.vmm");
    }

    @Override
    public String help() {
        return "lspci -vmm/-vmmnn/-mm: IDs and names kept apart, drivers, NUMA nodes, IOMMU groups";
    }

    @Override
    public List<String> nameSuffixes() {
        return List.of(".vmm");
    }
}
