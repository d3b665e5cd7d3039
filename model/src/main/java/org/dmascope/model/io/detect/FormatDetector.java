package org.dmascope.model.io.detect;

import java.util.regex.Pattern;

import org.dmascope.model.io.lspci.DeviceLine;
import org.dmascope.model.io.source.SourceText;

/**
 * Tells the kind of an export from its first lines. Each line is checked against the signatures of
 * the formats; the first line that matches one decides. Kernel logs and nvidia-smi matrices are
 * recognised so they can be refused with a reason rather than misread.
 */
public final class FormatDetector {
    /** Lines looked at before giving up. */
    static final int SCAN_LINES = 400;

    private static final Pattern DMESG = Pattern.compile("^\\s*\\[\\s*\\d+\\.\\d+\\]|Adding to iommu group \\d+|\\bAMD-Vi:|\\bDMAR:");
    private static final Pattern NVSMI = Pattern.compile("^\\s*GPU\\d+(\\s+(X|PIX|PXB|PHB|NODE|SYS|SOC|NV\\d+))+\\b|^\\s*GPU0(\\s+GPU\\d+)+\\s+CPU Affinity");
    private static final Pattern GROUPS = Pattern.compile("^\\s*\\*?\\s*IOMMU [Gg]roup \\d+|/sys/kernel/iommu_groups/\\d+/devices/");
    private static final Pattern TREE = Pattern.compile(
            "^[\\s|]*(?:-\\+-|\\+-|\\\\-|-)\\[[0-9a-fA-F]{4,8}:[0-9a-fA-F]{2}]|^[\\s|]*[+\\\\]-[0-9a-fA-F]{2}\\.[0-7]");
    private static final Pattern VMM = Pattern.compile("^(?:Slot|Device):\\s+(?:[0-9a-fA-F]{4,8}:)?[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]\\s*$");
    private static final Pattern HEX = Pattern.compile("^[0-9a-fA-F]{2,3}:( [0-9a-fA-F]{2}){1,16}$");

    private FormatDetector() {
    }

    public static Detection detect(SourceText text) {
        if (text.binary()) return new Detection(InputFormat.BINARY, 0);
        if (text.blank()) return new Detection(InputFormat.EMPTY, 0);
        int first = 0;
        while (text.line(first).isBlank()) first++;
        String head = text.line(first).trim();
        if (head.startsWith("{")) return new Detection(InputFormat.TOPOLOGY_JSON, first + 1);
        if (head.startsWith("<")) {
            for (int i = first; i < Math.min(text.lineCount(), first + 50); i++) {
                if (text.line(i).contains("<topology")) return new Detection(InputFormat.HWLOC_XML, i + 1);
            }
            return new Detection(InputFormat.OTHER_XML, first + 1);
        }
        int seen = 0;
        for (int i = first; i < text.lineCount() && seen < SCAN_LINES; i++) {
            String line = text.line(i);
            if (line.isBlank()) continue;
            seen++;
            InputFormat f = classify(line);
            if (f != null) return new Detection(f, i + 1);
        }
        return new Detection(InputFormat.UNKNOWN, 0);
    }

    private static InputFormat classify(String line) {
        if (DMESG.matcher(line).find()) return InputFormat.KERNEL_LOG;
        if (NVSMI.matcher(line).find()) return InputFormat.NVIDIA_SMI_TOPO;
        if (GROUPS.matcher(line).find()) return InputFormat.IOMMU_GROUPS;
        if (TREE.matcher(line).find()) return InputFormat.LSPCI_TREE;
        if (VMM.matcher(line.trim()).matches()) return InputFormat.LSPCI_MACHINE;
        if (DeviceLine.parse(line).isPresent()) {
            int slotEnd = line.trim().indexOf(' ');
            return slotEnd > 0 && line.trim().startsWith("\"", slotEnd + 1) ? InputFormat.LSPCI_MACHINE : InputFormat.LSPCI_LISTING;
        }
        if (HEX.matcher(line.trim()).matches()) return InputFormat.LSPCI_LISTING;
        return null;
    }
}
