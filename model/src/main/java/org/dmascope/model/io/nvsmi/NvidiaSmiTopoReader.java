package org.dmascope.model.io.nvsmi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dmascope.model.io.merge.MachineFacts;
import org.dmascope.model.io.source.Checkpoint;
import org.dmascope.model.io.source.Findings;
import org.dmascope.model.io.source.SourceText;
import org.dmascope.model.topology.SourceRef;
import org.dmascope.model.topology.ToolReport;
import org.dmascope.model.topology.ToolReport.Device;
import org.dmascope.model.topology.ToolReport.Kind;
import org.dmascope.model.topology.ToolReport.Match;
import org.dmascope.model.topology.ToolReport.Pair;
import org.dmascope.model.topology.ToolReport.Tool;

/**
 * Reads {@code nvidia-smi topo -m} and {@code nvidia-smi topo -p2p r|w|n|a|p} output: a header naming the
 * devices (GPU0…, NIC0… or, from older drivers, mlx5_0…) and the "CPU Affinity", "NUMA Affinity" and
 * "GPU NUMA ID" columns; one row per device with a label per column (X, PIX, PXB, PHB, NODE, SYS, SOC,
 * NV#; or OK, CNS, GNS, TNS, NS, U for {@code -p2p}) and the affinity values; the NIC legend
 * ({@code NIC0: mlx5_0}). Tabs or spaces, indented or not (a paste inside a markdown block), several
 * matrices in one file: each becomes one {@link ToolReport}.
 *
 * <p>The matrix names no PCI address: its devices are tied to functions only when an lspci export of
 * the machine is imported with it ({@code ToolReportTies}). By itself it says which NUMA node each GPU is
 * near and that node's CPUs (nvidia-smi's CPU affinity is the node's CPU list), which become facts.
 */
public final class NvidiaSmiTopoReader {
    /** More devices than this in one header is not nvidia-smi output (and would make the pairs explode). */
    static final int MAX_DEVICES = 512;
    private static final Pattern DEVICE = Pattern.compile("GPU\\d+|NIC\\d+|mlx\\w*\\d|[a-z][a-z0-9]*_[a-z0-9_]*\\d");
    private static final Pattern LABEL = Pattern.compile("X|[A-Z][A-Z0-9]*#?");
    private static final Pattern TOPO_LABEL = Pattern.compile("X|PIX|PXB|PHB|NODE|SYS|SOC|NV\\d+");
    private static final Set<String> P2P_LABELS = Set.of("X", "OK", "CNS", "GNS", "TNS", "NS", "U");
    private static final Pattern CPU_LIST = Pattern.compile("\\d{1,6}(-\\d{1,6})?(,\\d{1,6}(-\\d{1,6})?){0,4095}");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,4}");
    private static final Pattern NIC_LEGEND = Pattern.compile("^(NIC\\d+)\\s*:\\s*(\\S+)$");
    private static final Pattern P2P_MODE = Pattern.compile("(?:-p2p|--p2pstatus)\\s+([rwnap])\\b");
    private static final List<String> COLUMNS = List.of("CPU Affinity", "NUMA Affinity", "GPU NUMA ID");

    private final SourceText text;
    private final Findings findings;
    private final MachineFacts machine = new MachineFacts();
    private final Map<String, String> nicNames = new HashMap<>();

    private NvidiaSmiTopoReader(SourceText text, Findings findings) {
        this.text = text;
        this.findings = findings;
    }

    /** Reads every matrix of the file; problems go to {@code findings} with their line. */
    public static MachineFacts read(SourceText text, Findings findings, Checkpoint checkpoint) {
        NvidiaSmiTopoReader r = new NvidiaSmiTopoReader(text, findings);
        r.run(checkpoint);
        return r.machine;
    }

    /** One matrix as read: its header and rows, before it becomes a report. */
    private static final class Matrix {
        final int headerLine;
        final List<String> devices;
        final List<String> columns;
        final Map<String, Row> rows = new LinkedHashMap<>();
        final Optional<String> mode;

        Matrix(int headerLine, List<String> devices, List<String> columns, Optional<String> mode) {
            this.headerLine = headerLine;
            this.devices = devices;
            this.columns = columns;
            this.mode = mode;
        }
    }

    private record Row(int line, List<String> labels, Map<String, String> values) {
    }

    private void run(Checkpoint checkpoint) {
        List<Matrix> matrices = new ArrayList<>();
        Matrix current = null;
        int since = 0;
        for (int i = 0; i < text.lineCount(); i++) {
            if ((i & 255) == 0) checkpoint.reached(i, text.lineCount());
            String[] tokens = tokens(text.line(i));
            Matcher legend = NIC_LEGEND.matcher(String.join(" ", tokens));
            if (legend.matches()) {
                nicNames.put(legend.group(1), legend.group(2));
                continue;
            }
            Optional<Matrix> header = header(tokens, i + 1, since);
            if (header.isPresent()) {
                current = header.get();
                matrices.add(current);
                since = i + 1;
                continue;
            }
            if (current == null) continue;
            if (tokens.length == 0 || !DEVICE.matcher(tokens[0]).matches()) {
                if (!current.rows.isEmpty()) {
                    current = null;
                    since = i;
                }
                continue;
            }
            row(current, tokens, i + 1);
        }
        if (matrices.isEmpty()) {
            findings.error(text.name(), firstSignedLine(), "this looks like nvidia-smi topo output, but no matrix "
                    + "header (GPU0 GPU1 … CPU Affinity) was found above its rows");
            return;
        }
        for (Matrix m : matrices) report(m);
    }

    /** Whitespace-separated fields, with markdown fences and table pipes taken for the blanks they stand for. */
    private static String[] tokens(String line) {
        String t = line.strip();
        if (t.startsWith("```")) return new String[0];
        if (t.startsWith("|")) t = t.replace('|', ' ').strip();
        return t.isEmpty() ? new String[0] : t.split("\\s+");
    }

    private int firstSignedLine() {
        for (int i = 0; i < text.lineCount(); i++) {
            String[] t = tokens(text.line(i));
            if (t.length > 1 && DEVICE.matcher(t[0]).matches()) return i + 1;
        }
        return 0;
    }

    /** A header: device names (the first a GPU), then the names of the affinity columns, if any. */
    private Optional<Matrix> header(String[] tokens, int line, int since) {
        if (tokens.length == 0 || !tokens[0].startsWith("GPU") || !DEVICE.matcher(tokens[0]).matches()) {
            return Optional.empty();
        }
        int k = 0;
        while (k < tokens.length && DEVICE.matcher(tokens[k]).matches()) k++;
        if (k < tokens.length && LABEL.matcher(tokens[k]).matches() && !tokens[k].equals("CPU")
                && !tokens[k].equals("NUMA") && !tokens[k].equals("GPU")) {
            return Optional.empty(); // a row: a device, then labels
        }
        if (k == 1 && tokens.length == 1) return Optional.empty();
        List<String> devices = List.of(tokens).subList(0, k);
        if (devices.size() > MAX_DEVICES) {
            findings.error(text.name(), line, "this header names " + devices.size() + " devices; nvidia-smi "
                    + "output with more than " + MAX_DEVICES + " is not read");
            return Optional.empty();
        }
        if (devices.stream().distinct().count() != devices.size()) {
            findings.warning(text.name(), line, "this header names a device twice; the matrix under it is ignored");
            return Optional.empty();
        }
        List<String> columns = columns(String.join(" ", List.of(tokens).subList(k, tokens.length)), line);
        return Optional.of(new Matrix(line, devices, columns, mode(since, line - 1)));
    }

    private List<String> columns(String rest, int line) {
        List<String> out = new ArrayList<>();
        String left = rest.trim();
        while (!left.isEmpty()) {
            String found = null;
            for (String c : COLUMNS) if (left.startsWith(c)) found = c;
            if (found == null) {
                int space = left.indexOf(' ');
                found = space < 0 ? left : left.substring(0, space);
                findings.warning(text.name(), line, "the column \"" + found + "\" is not one dmascope knows; its "
                        + "values are ignored");
            }
            out.add(found);
            left = left.substring(found.length()).trim();
        }
        return out;
    }

    /** {@code -p2p r} in a prompt or title line above the matrix names the capability. */
    private Optional<String> mode(int from, int to) {
        for (int i = Math.max(0, from); i < to; i++) {
            Matcher m = P2P_MODE.matcher(text.line(i));
            if (m.find()) return Optional.of(m.group(1));
        }
        return Optional.empty();
    }

    private void row(Matrix m, String[] tokens, int line) {
        String device = tokens[0];
        if (!m.devices.contains(device)) {
            findings.warning(text.name(), line, device + " is not a column of the matrix (header at line "
                    + m.headerLine + "); its row is ignored");
            return;
        }
        if (m.rows.containsKey(device)) {
            findings.warning(text.name(), line, device + " has a row already (line " + m.rows.get(device).line
                    + "); this one is ignored");
            return;
        }
        int k = m.devices.size();
        List<String> labels = new ArrayList<>();
        for (int j = 1; j <= k && j < tokens.length && LABEL.matcher(tokens[j]).matches(); j++) labels.add(tokens[j]);
        if (labels.size() != k) {
            findings.warning(text.name(), line, device + "'s row has " + labels.size() + " label"
                    + (labels.size() == 1 ? "" : "s") + " where the header names " + k + " devices; the row is "
                    + "ignored");
            return;
        }
        Map<String, String> values = new HashMap<>();
        for (int j = 0; j < m.columns.size() && k + 1 + j < tokens.length; j++) {
            values.put(m.columns.get(j), tokens[k + 1 + j]);
        }
        if (tokens.length > k + 1 + m.columns.size()) {
            findings.warning(text.name(), line, device + "'s row has more values than the header has columns; "
                    + "the extra ones are ignored");
        }
        m.rows.put(device, new Row(line, labels, values));
    }

    private void report(Matrix m) {
        if (m.rows.isEmpty()) {
            findings.error(text.name(), m.headerLine, "no row of this matrix could be read (each row is a device "
                    + "name and one label per column)");
            return;
        }
        Tool tool = tool(m);
        List<Device> devices = new ArrayList<>();
        for (String name : m.devices) devices.add(device(m, name));
        List<Pair> pairs = new ArrayList<>();
        for (Map.Entry<String, Row> e : m.rows.entrySet()) {
            String a = e.getKey();
            Row row = e.getValue();
            for (int c = 0; c < m.devices.size(); c++) {
                String b = m.devices.get(c);
                String label = row.labels.get(c);
                SourceRef at = new SourceRef(text.name(), row.line);
                if (a.equals(b)) {
                    if (!label.equals("X")) findings.warning(at, a + " against itself is " + label + ", not X", null);
                    continue;
                }
                checkLabel(tool, label, at);
                checkSymmetry(m, tool, a, b, label, at);
                pairs.add(new Pair(a, b, label, Optional.empty(), at));
            }
        }
        for (String name : m.devices) {
            if (!m.rows.containsKey(name)) {
                findings.warning(text.name(), m.headerLine, name + " is a column but has no row; only the other "
                        + "rows' labels for it are kept");
            }
        }
        List<String> notes = new ArrayList<>();
        if (tool.isP2pStatus()) {
            notes.add("rows are taken as the GPU doing the access and columns as its peer, as CUDA's "
                    + "cudaDeviceCanAccessPeer(device, peer) orders them; nvidia-smi does not say");
        }
        if (tool == Tool.NVIDIA_SMI_P2P) {
            notes.add("the file does not name the -p2p capability (r, w, n, a or p) above this matrix");
        }
        machine.toolReport(new ToolReport(tool, new SourceRef(text.name(), m.headerLine), devices, pairs, notes));
    }

    private Tool tool(Matrix m) {
        boolean p2p = m.rows.values().stream().flatMap(r -> r.labels.stream()).allMatch(P2P_LABELS::contains);
        if (!p2p) return Tool.NVIDIA_SMI_TOPO;
        return switch (m.mode.orElse("")) {
            case "r" -> Tool.NVIDIA_SMI_P2P_READ;
            case "w" -> Tool.NVIDIA_SMI_P2P_WRITE;
            case "n" -> Tool.NVIDIA_SMI_P2P_NVLINK;
            case "a" -> Tool.NVIDIA_SMI_P2P_ATOMICS;
            case "p" -> Tool.NVIDIA_SMI_P2P_PROP;
            default -> Tool.NVIDIA_SMI_P2P;
        };
    }

    private void checkLabel(Tool tool, String label, SourceRef at) {
        boolean known = tool.isP2pStatus() ? P2P_LABELS.contains(label) : TOPO_LABEL.matcher(label).matches();
        if (!known) {
            findings.warning(at, "the label " + label + " is not in nvidia-smi's legend as dmascope knows it; it is "
                    + "kept as it is and not compared", null);
        }
    }

    /** {@code topo -m} is symmetric: a pair labelled two ways means a damaged paste. */
    private void checkSymmetry(Matrix m, Tool tool, String a, String b, String label, SourceRef at) {
        if (tool != Tool.NVIDIA_SMI_TOPO || a.compareTo(b) < 0) return;
        Row other = m.rows.get(b);
        if (other == null) return;
        String mirrored = other.labels.get(m.devices.indexOf(a));
        if (!mirrored.equals(label)) {
            findings.warning(at, a + "–" + b + " is " + label + " here but " + mirrored + " on line " + other.line
                    + "; the matrix should be symmetric", null);
        }
    }

    /** A device with the affinity its row gives; GPUs with a NUMA node add that node and its CPUs as facts. */
    private Device device(Matrix m, String name) {
        Row row = m.rows.get(name);
        SourceRef at = new SourceRef(text.name(), row == null ? m.headerLine : row.line);
        Kind kind = name.startsWith("GPU") ? Kind.GPU : Kind.NIC;
        OptionalInt numa = OptionalInt.empty();
        Optional<String> cpus = Optional.empty();
        if (row != null) {
            String n = row.values.getOrDefault("NUMA Affinity", "");
            if (NUMBER.matcher(n).matches()) numa = OptionalInt.of(Integer.parseInt(n));
            String c = row.values.getOrDefault("CPU Affinity", "");
            if (CPU_LIST.matcher(c).matches()) cpus = Optional.of(c);
            else if (!c.isEmpty() && !c.equals("N/A")) {
                findings.warning(at, "\"" + c + "\" is not a CPU list; " + name + "'s CPU affinity is left unknown",
                        null);
            }
            String own = row.values.getOrDefault("GPU NUMA ID", "");
            if (NUMBER.matcher(own).matches()) machine.numaNode(Integer.parseInt(own), at);
        }
        if (numa.isPresent()) {
            var node = machine.numaNode(numa.getAsInt(), at);
            cpus.ifPresent(c -> node.cpus(c, at, findings));
        }
        Optional<String> alias = Optional.ofNullable(nicNames.get(name));
        return new Device(name, kind, alias, Optional.empty(), Optional.empty(), Match.NONE, numa, cpus,
                Optional.empty(), at);
    }
}
