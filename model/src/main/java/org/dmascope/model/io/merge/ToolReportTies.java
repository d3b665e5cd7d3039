package org.dmascope.model.io.merge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.dmascope.model.io.source.Findings;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.DeviceKind;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.SourceRef;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.topology.ToolReport;
import org.dmascope.model.topology.ToolReport.Device;
import org.dmascope.model.topology.ToolReport.Kind;
import org.dmascope.model.topology.ToolReport.Match;

/**
 * Ties the devices other tools name to the functions of the merged topology, and says how:
 * <ul>
 *   <li>by the bus id the tool states (NCCL's XML): the function at that address;</li>
 *   <li>in bus order, for nvidia-smi, whose matrix names no PCI address: GPU n is taken to be the n-th
 *       NVIDIA display or 3D function by address (nvidia-smi numbers GPUs by PCI bus id; CUDA numbers
 *       them the same way only with {@code CUDA_DEVICE_ORDER=PCI_BUS_ID}), NIC n the n-th network
 *       function (mlx5 names its devices in probe order, which follows the bus). Only when the counts
 *       agree; the assumption is written into the report's notes.</li>
 * </ul>
 * What contradicts a tie (another NUMA node, another kind of device, a bus id no other export lists) is
 * reported as a warning at the tool's line. Nothing here changes a function: the reports stay beside
 * the topology.
 */
final class ToolReportTies {
    private static final int NVIDIA = 0x10de;
    private static final int MELLANOX = 0x15b3;

    private final Topology topology;
    private final List<ImportedSource> sources;
    private final Findings findings;

    private ToolReportTies(Topology topology, List<ImportedSource> sources, Findings findings) {
        this.topology = topology;
        this.sources = sources;
        this.findings = findings;
    }

    /** The topology with every report's devices tied to its functions. */
    static Topology tie(Topology t, List<ImportedSource> sources, Findings findings) {
        List<ToolReport> reports = new ArrayList<>();
        for (ImportedSource s : sources) reports.addAll(s.facts().toolReports());
        if (reports.isEmpty()) return t;
        ToolReportTies ties = new ToolReportTies(t, sources, findings);
        return t.withReports(reports.stream().map(ties::tie).toList());
    }

    private ToolReport tie(ToolReport r) {
        List<Device> devices = new ArrayList<>(r.devices());
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            Device d = devices.get(i);
            if (d.busId().isPresent()) devices.set(i, byBusId(r, d));
        }
        inOrder(r, devices, Kind.GPU, notes);
        inOrder(r, devices, Kind.NIC, notes);
        return r.withDevices(devices, notes);
    }

    private Device byBusId(ToolReport r, Device d) {
        Bdf at = d.busId().get();
        var f = topology.function(at);
        if (f.isEmpty()) {
            findings.warning(d.at(), r.tool().label() + " names " + d.name() + " at " + at
                    + ", which no export lists; it is not compared", at.toString());
            return d.untied();
        }
        List<String> others = sources.stream().filter(s -> !s.file().equals(r.source().file()))
                .filter(s -> !s.facts().functions().isEmpty()).map(ImportedSource::file).toList();
        boolean listedElsewhere = sources.stream().filter(s -> !s.file().equals(r.source().file()))
                .anyMatch(s -> s.facts().existing(at).isPresent());
        if (!others.isEmpty() && !listedElsewhere) {
            findings.warning(d.at(), r.tool().label() + " names " + d.name() + " at " + at + ", which "
                    + String.join(", ", others) + " do" + (others.size() == 1 ? "es" : "") + " not list: are the "
                    + "files of the same machine?", at.toString());
        }
        DeviceKind kind = f.get().kind();
        boolean fits = d.kind() == Kind.GPU ? kind == DeviceKind.GPU || kind == DeviceKind.ACCELERATOR
                : kind == DeviceKind.NETWORK;
        if (!fits && f.get().identity().classAndSubclass().isPresent()) {
            findings.warning(d.at(), r.tool().label() + " calls " + at + " a " + d.kind().label() + " (" + d.name()
                    + "), but the exports list a " + kind.label() + " there", at.toString());
        }
        return d.tiedTo(at, Match.BUS_ID);
    }

    /** Devices of one kind that state no bus id, tied to the functions of that kind in bus order. */
    private void inOrder(ToolReport r, List<Device> devices, Kind kind, List<String> notes) {
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            if (devices.get(i).kind() == kind && devices.get(i).busId().isEmpty()) open.add(i);
        }
        if (open.isEmpty()) return;
        String names = open.size() == 1 ? devices.get(open.get(0)).name()
                : devices.get(open.get(0)).name() + "…" + devices.get(open.get(open.size() - 1)).name();
        SourceRef at = devices.get(open.get(0)).at();
        if (kind == Kind.NIC && open.stream().anyMatch(i -> nameOf(devices.get(i)).contains("bond"))) {
            notes.add(names + " are bonded devices (one name for several functions): not tied to functions");
            return;
        }
        List<PciFunction> candidates = topology.functions().stream().filter(f -> !f.isVirtualFunction())
                .filter(candidate(kind, open.stream().map(devices::get).toList())).toList();
        String what = kind == Kind.GPU ? "NVIDIA display/3D functions" : "network functions";
        if (topology.functions().isEmpty()) {
            findings.warning(at, r.tool().label() + " names " + names + " but no PCI address; import an lspci "
                    + "export of the same machine with it to tie them to functions and compare its labels", null);
            notes.add(names + " are not tied to PCI functions: no export lists any");
            return;
        }
        if (candidates.size() != open.size()) {
            findings.warning(at, r.tool().label() + " names " + open.size() + " " + kind.label() + (open.size() == 1
                    ? "" : "s") + " (" + names + "); the exports list " + candidates.size() + " " + what
                    + ": they are not tied to functions (are the files of the same machine?)", null);
            notes.add(names + " are not tied to PCI functions: " + open.size() + " named, " + candidates.size()
                    + " " + what + " listed");
            return;
        }
        for (int k = 0; k < open.size(); k++) {
            Device d = devices.get(open.get(k));
            PciFunction f = candidates.get(k);
            devices.set(open.get(k), d.tiedTo(f.address(), Match.BUS_ORDER));
            checkNuma(r, d, f);
        }
        String tied = candidates.stream().map(f -> f.address().toString()).collect(Collectors.joining(", "));
        notes.add(kind == Kind.GPU
                ? names + " are tied to the " + what + " in bus order (" + tied + "): nvidia-smi numbers GPUs by "
                        + "PCI bus id (CUDA does so only with CUDA_DEVICE_ORDER=PCI_BUS_ID). This is an assumption: "
                        + r.tool().label() + " names no bus id"
                : names + " are tied to the " + what + " in bus order (" + tied + "): the driver numbers its devices"
                        + " in probe order, which follows the bus on most machines. This is an assumption: "
                        + r.tool().label() + " names no bus id");
    }

    private static Predicate<PciFunction> candidate(Kind kind, List<Device> named) {
        if (kind == Kind.GPU) {
            return f -> f.identity().vendorId().orElse(-1) == NVIDIA && (f.identity().classAndSubclass().orElse(-1)
                    == 0x0300 || f.identity().classAndSubclass().orElse(-1) == 0x0302);
        }
        boolean mellanox = named.stream().allMatch(d -> nameOf(d).toLowerCase(Locale.ROOT).startsWith("mlx"));
        return f -> f.kind() == DeviceKind.NETWORK && (!mellanox || f.identity().vendorId().orElse(-1) == MELLANOX);
    }

    private static String nameOf(Device d) {
        return d.alias().orElse(d.name());
    }

    /** A tie in bus order is an assumption: a NUMA node the tool and the exports disagree on puts it in doubt. */
    private void checkNuma(ToolReport r, Device d, PciFunction f) {
        if (d.numaNode().isEmpty()) return;
        OptionalInt node = f.numaNode();
        if (node.isEmpty()) {
            node = topology.hierarchy().hostBridgeOf(f).map(h -> h.numaNode()).orElse(OptionalInt.empty());
        }
        if (node.isPresent() && node.getAsInt() != d.numaNode().getAsInt()) {
            findings.warning(d.at(), r.tool().label() + " puts " + d.name() + " on NUMA node "
                    + d.numaNode().getAsInt() + ", but " + f.address() + ", the function it is tied to in bus order,"
                    + " is on node " + node.getAsInt() + ": the order may differ (CUDA_DEVICE_ORDER?) or the files "
                    + "are of different machines", f.address().toString());
        }
    }
}
