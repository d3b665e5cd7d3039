package org.dmascope.model.io.groups;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dmascope.model.io.lspci.DeviceLine;
import org.dmascope.model.io.merge.FactKey;
import org.dmascope.model.io.merge.FunctionFacts;
import org.dmascope.model.io.merge.MachineFacts;
import org.dmascope.model.io.source.Checkpoint;
import org.dmascope.model.io.source.Findings;
import org.dmascope.model.io.source.SourceText;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciIdentity;
import org.dmascope.model.topology.SourceRef;

/**
 * Reads listings of the kernel's IOMMU groups, as the usual {@code /sys/kernel/iommu_groups} loops
 * print them: a {@code IOMMU Group N:} heading (also {@code *IOMMU Group N :}) followed by
 * {@code lspci -nns}-style device lines, a heading and a device on one line, or bare sysfs paths
 * ({@code /sys/kernel/iommu_groups/N/devices/0000:00:01.0}). Each device gets its kernel group number.
 */
public final class IommuGroupReader {
    static final Pattern HEADING = Pattern.compile("^\\s*\\*?\\s*IOMMU [Gg]roup (\\d{1,9})\\s*:?\\s*(.*)$");
    static final Pattern SYSFS = Pattern.compile("/sys/kernel/iommu_groups/(\\d{1,9})/devices/(\\S+)");

    private IommuGroupReader() {
    }

    public static MachineFacts read(SourceText text, Findings findings, Checkpoint checkpoint) {
        MachineFacts machine = new MachineFacts();
        int group = -1;
        int n = text.lineCount();
        for (int i = 0; i < n; i++) {
            if ((i & 255) == 0) checkpoint.reached(i, n);
            String line = text.line(i);
            if (line.isBlank()) continue;
            SourceRef at = new SourceRef(text.name(), i + 1);
            Matcher s = SYSFS.matcher(line);
            if (s.find()) {
                Optional<DeviceLine> d = DeviceLine.parse(s.group(2));
                if (d.isEmpty() || d.get().hasPath()) {
                    findings.warning(text.name(), i + 1,
                            "\"" + s.group(2) + "\" is not a PCI address; the line was ignored");
                } else {
                    device(machine, d.get(), Integer.parseInt(s.group(1)), at, findings, false);
                }
                continue;
            }
            Matcher h = HEADING.matcher(line);
            String rest = line;
            if (h.matches()) {
                group = Integer.parseInt(h.group(1));
                rest = h.group(2);
                if (rest.isBlank()) continue;
            }
            Optional<DeviceLine> d = DeviceLine.parse(rest);
            if (d.isEmpty() || d.get().hasPath()) {
                findings.warning(text.name(), i + 1,
                        "this line is neither an IOMMU group heading nor a device line; it was ignored");
            } else if (group < 0) {
                findings.warning(text.name(), i + 1,
                        "this device is listed before any IOMMU Group heading; it was ignored");
            } else {
                device(machine, d.get(), group, at, findings, true);
            }
        }
        return machine;
    }

    private static void device(MachineFacts machine, DeviceLine d, int group, SourceRef at, Findings findings,
            boolean identity) {
        DeviceLine.Hop h = d.slot();
        Bdf address = Bdf.of(h.domain().orElse(0), h.bus().getAsInt(), h.device(), h.function());
        FunctionFacts f = machine.function(address, at);
        if (identity) {
            PciIdentity id = d.identity();
            if (!id.equals(PciIdentity.UNKNOWN)) f.put(FactKey.IDENTITY, id, at, findings);
        }
        f.put(FactKey.IOMMU_GROUP, group, at, findings);
    }
}
