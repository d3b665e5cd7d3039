package org.dmascope.model.io.lspci;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * Reads lspci's machine-readable output (lspci-formats.md §6.1–6.2): {@code -vmm}/{@code -vmmnn}
 * records of {@code Tag:<TAB>value} lines separated by blank lines ({@code -vm} names the slot
 * {@code Device:} too), and {@code -m}/{@code -mm} one-line records of quoted fields. Unlike the
 * human formats these keep vendor and device names apart.
 */
public final class LspciMachineReader {
    private static final Pattern TAG = Pattern.compile("^([A-Za-z]+):\\s*(.*)$");
    private static final Pattern NAME_WITH_ID = Pattern.compile("^(.*?)\\s*\\[([0-9a-fA-F]{4})]$");
    private static final Pattern BARE_ID = Pattern.compile("^(?:(?:Unknown )?(?:[Vv]endor|[Dd]evice) "
            + ")?([0-9a-fA-F]{4})$");

    private final SourceText text;
    private final Findings findings;
    private final MachineFacts machine = new MachineFacts();

    private LspciMachineReader(SourceText text, Findings findings) {
        this.text = text;
        this.findings = findings;
    }

    public static MachineFacts read(SourceText text, Findings findings, Checkpoint checkpoint) {
        LspciMachineReader r = new LspciMachineReader(text, findings);
        Record current = null;
        int n = text.lineCount();
        for (int i = 0; i < n; i++) {
            if ((i & 255) == 0) checkpoint.reached(i, n);
            String line = text.line(i);
            if (line.isBlank()) {
                if (current != null) r.finish(current);
                current = null;
                continue;
            }
            if (line.indexOf('"') > 0 && DeviceLine.parse(line).isPresent()) {
                if (current != null) r.finish(current);
                current = null;
                r.oneLine(line, i + 1);
                continue;
            }
            Matcher m = TAG.matcher(line.trim());
            if (!m.matches()) {
                r.findings.warning(text.name(), i + 1,
                        "this line is neither a Tag:<TAB>value line of lspci -vmm nor an lspci -mm record; it was "
                        + "ignored");
                continue;
            }
            String tag = m.group(1);
            String value = m.group(2).trim();
            boolean slot = tag.equals("Slot") || tag.equals("Device") && DeviceLine.parse(value).isPresent()
                    && (current == null || current.slot == null);
            if (slot) {
                if (current != null && current.slot != null) r.finish(current);
                current = new Record();
                current.slot = value;
                current.line = i + 1;
                continue;
            }
            if (current == null) {
                r.findings.warning(text.name(), i + 1, "this field comes before any Slot: line; it was ignored");
                continue;
            }
            current.put(tag, value, i + 1);
        }
        if (current != null) r.finish(current);
        return r.machine;
    }

    /** The fields of one -vmm record. */
    private static final class Record {
        String slot;
        int line;
        String cls;
        String vendor;
        String device;
        String svendor;
        String sdevice;
        String rev;
        String progIf;
        String driver;
        int driverLine;
        String numa;
        int numaLine;
        String group;
        int groupLine;

        void put(String tag, String value, int at) {
            switch (tag) {
                case "Class" -> cls = value;
                case "Vendor" -> vendor = value;
                case "Device" -> device = value;
                case "SVendor" -> svendor = value;
                case "SDevice" -> sdevice = value;
                case "Rev" -> rev = value;
                case "ProgIf" -> progIf = value;
                case "Driver" -> {
                    driver = value;
                    driverLine = at;
                }
                case "NUMANode" -> {
                    numa = value;
                    numaLine = at;
                }
                case "IOMMUGroup" -> {
                    group = value;
                    groupLine = at;
                }
                default -> {
                }
            }
        }
    }

    private void finish(Record r) {
        Optional<DeviceLine> slot = DeviceLine.parse(r.slot);
        if (slot.isEmpty() || slot.get().hasPath()) {
            findings.warning(text.name(), r.line,
                    "\"" + r.slot + "\" is not a PCI slot such as 0000:03:00.0; the record was ignored");
            return;
        }
        DeviceLine.Hop h = slot.get().slot();
        Bdf address = Bdf.of(h.domain().orElse(0), h.bus().getAsInt(), h.device(), h.function());
        FunctionFacts f = machine.function(address, ref(r.line));
        identity(f, r.line, r.cls, r.vendor, r.device, r.svendor, r.sdevice, r.rev, r.progIf);
        if (r.driver != null && !r.driver.isEmpty()) f.put(FactKey.DRIVER, r.driver, ref(r.driverLine), findings);
        number(r.numa).ifPresent(v -> f.put(FactKey.NUMA_NODE, v, ref(r.numaLine), findings));
        number(r.group).ifPresent(v -> f.put(FactKey.IOMMU_GROUP, v, ref(r.groupLine), findings));
    }

    /**
     * {@code SLOT "CLASS" "VENDOR" "DEVICE" [-rRR] [-pPP] "SVENDOR" "SDEVICE"} with backslash escapes inside quotes.
     */
    private void oneLine(String line, int at) {
        DeviceLine d = DeviceLine.parse(line).orElseThrow();
        List<String> quoted = new ArrayList<>();
        String rev = null;
        String progIf = null;
        String s = d.description();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < s.length() && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < s.length()) i++;
                    sb.append(s.charAt(i++));
                }
                i++;
                quoted.add(sb.toString());
            } else if (c == '-' && i + 1 < s.length() && (s.charAt(i + 1) == 'r' || s.charAt(i + 1) == 'p')) {
                int end = i + 2;
                while (end < s.length() && s.charAt(end) != ' ') end++;
                if (s.charAt(i + 1) == 'r') rev = s.substring(i + 2, end);
                else progIf = s.substring(i + 2, end);
                i = end;
            } else {
                i++;
            }
        }
        if (quoted.size() < 3 || d.hasPath()) {
            findings.warning(text.name(), at,
                    "this lspci -mm record has fewer than three quoted fields (class, vendor, device); it was ignored");
            return;
        }
        DeviceLine.Hop h = d.slot();
        Bdf address = Bdf.of(h.domain().orElse(0), h.bus().getAsInt(), h.device(), h.function());
        FunctionFacts f = machine.function(address, ref(at));
        identity(f, at, quoted.get(0), quoted.get(1), quoted.get(2), quoted.size() > 3 ? quoted.get(3) : null,
                quoted.size() > 4 ? quoted.get(4) : null, rev, progIf);
    }

    private void identity(FunctionFacts f, int at, String cls, String vendor, String device, String svendor,
            String sdevice,
                          String rev, String progIf) {
        DeviceLine.ClassText c = cls == null ? new DeviceLine.ClassText(OptionalInt.empty(),
                Optional.empty()) : DeviceLine.classText(cls);
        Named v = named(vendor);
        Named d = named(device);
        Named sv = named(svendor);
        Named sd = named(sdevice);
        OptionalInt pi = hexByte(progIf);
        OptionalInt code = c.code().isPresent() ? OptionalInt.of(c.code().getAsInt() << 8 | pi.orElse(0))
                : OptionalInt.empty();
        Optional<String> subsystemName = sv.name.isPresent() || sd.name.isPresent()
                ? Optional.of((sv.name.orElse("") + " " + sd.name.orElse("")).trim()) : Optional.empty();
        PciIdentity id = new PciIdentity(v.id, d.id, sv.id, sd.id, code, hexByte(rev), v.name, d.name, subsystemName,
                c.name());
        if (!id.equals(PciIdentity.UNKNOWN)) f.put(FactKey.IDENTITY, id, ref(at), findings);
    }

    private record Named(OptionalInt id, Optional<String> name) {
    }

    /** {@code Intel Corporation [8086]}, {@code 8086}, {@code Vendor 1fff}, {@code Device abcd} or a plain name. */
    private static Named named(String value) {
        if (value == null || value.isBlank()) return new Named(OptionalInt.empty(), Optional.empty());
        Matcher m = NAME_WITH_ID.matcher(value);
        if (m.matches()) {
            String name = m.group(1).trim();
            boolean placeholder = name.isEmpty() || name.matches("(?:Unknown )?(?:[Vv]endor|[Dd]evice)");
            return new Named(OptionalInt.of(Integer.parseInt(m.group(2), 16)), placeholder ? Optional.empty()
                    : Optional.of(name));
        }
        m = BARE_ID.matcher(value);
        if (m.matches()) return new Named(OptionalInt.of(Integer.parseInt(m.group(1), 16)), Optional.empty());
        return new Named(OptionalInt.empty(), Optional.of(value));
    }

    private static OptionalInt hexByte(String v) {
        if (v == null || !v.matches("[0-9a-fA-F]{1,2}")) return OptionalInt.empty();
        return OptionalInt.of(Integer.parseInt(v, 16));
    }

    private static Optional<Integer> number(String v) {
        if (v == null || !v.matches("\\d{1,9}")) return Optional.empty();
        return Optional.of(Integer.parseInt(v));
    }

    private SourceRef ref(int line) {
        return new SourceRef(text.name(), line);
    }
}
