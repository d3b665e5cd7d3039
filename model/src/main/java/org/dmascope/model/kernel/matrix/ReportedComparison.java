package org.dmascope.model.kernel.matrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dmascope.model.kernel.acs.DeviceWords;
import org.dmascope.model.kernel.matrix.ReportedLabel.Agreement;
import org.dmascope.model.kernel.p2p.MapTypeCalculator;
import org.dmascope.model.kernel.p2p.P2pIndex;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.p2p.P2pVerdict;
import org.dmascope.model.topology.PciBus;
import org.dmascope.model.topology.ToolReport;
import org.dmascope.model.topology.ToolReport.Match;
import org.dmascope.model.topology.ToolReport.Pair;

/**
 * Sets another tool's label beside dmascope's derivation of the same kind and says, in sentences, how
 * they relate. A label further from the devices than dmascope's, or nearer, is a disagreement whose
 * likely causes are named from what dmascope knows about the pair (an unknown path above a device, ACS
 * redirect on the path, NUMA nodes it does not know, a tie made in bus order); an NVLink, xGMI or C2C
 * label is a link lspci cannot show, not a contradiction.
 */
final class ReportedComparison {
    private static final List<String> SMI_ORDER = List.of("X", "PIX", "PXB", "PHB", "NODE", "SYS");
    private static final List<String> NCCL_ORDER = List.of("LOC", "PIX", "PXB", "PHB", "SYS");
    private static final Pattern NVLINKS = Pattern.compile("NV(\\d+)");

    private final P2pIndex x;
    private final NcclTopology nccl;
    private final NvidiaSmiClassifier smi;

    ReportedComparison(P2pIndex x, NcclTopology nccl, NvidiaSmiClassifier smi) {
        this.x = x;
        this.nccl = nccl;
        this.smi = smi;
    }

    /**
     * @param provider the P2pIndex index of the cell's provider
     * @param client   the P2pIndex index of the cell's client
     */
    ReportedLabel compare(ToolReport report, Pair pair, MatrixCell cell, int provider, int client) {
        ToolReport.Tool tool = report.tool();
        if (tool.isP2pStatus()) return p2pStatus(report, pair, cell, provider, client);
        if (tool.isNccl()) return nccl(report, pair, cell, provider, client);
        return nvidiaSmi(report, pair, cell, provider, client);
    }

    private ReportedLabel nvidiaSmi(ToolReport r, Pair p, MatrixCell cell, int a, int b) {
        String derived = cell.smi().name();
        String label = p.label();
        String own = derived + ": " + cell.smiRule().words();
        Matcher nv = NVLINKS.matcher(label);
        if (nv.matches()) {
            return new ReportedLabel(r.tool(), p.at(), label, derived, Agreement.BEYOND_PCIE, "nvidia-smi says "
                    + label + ": " + nv.group(1) + " bonded NVLink" + (nv.group(1).equals("1") ? "" : "s")
                    + " join the GPUs, which lspci cannot show; over PCIe dmascope derives " + own + ".");
        }
        String said = label.equals("SOC") ? "SYS" : label;
        String sayWhat = "nvidia-smi says " + label + (label.equals("SOC") ? " (its old name for SYS)" : "");
        int reported = SMI_ORDER.indexOf(said);
        if (reported < 0) {
            return new ReportedLabel(r.tool(), p.at(), label, derived, Agreement.NOT_COMPARED, sayWhat
                    + ", a label dmascope does not derive; dmascope says " + own + ".");
        }
        if (said.equals(derived)) {
            return new ReportedLabel(r.tool(), p.at(), label, derived, Agreement.AGREES, sayWhat
                    + " and dmascope derives the same: " + cell.smiRule().words() + ".");
        }
        String full = NvidiaSmiLabel.valueOf(said).legend();
        String legend = full.substring(0, 1).toLowerCase(Locale.ROOT) + full.substring(1);
        StringBuilder why = new StringBuilder(sayWhat + " (" + legend + "); dmascope derives " + own + ".");
        int ours = SMI_ORDER.indexOf(derived);
        causes(why, reported < ours, cell, a, b);
        if (Math.max(reported, ours) >= SMI_ORDER.indexOf("NODE") && Math.min(reported, ours) >= SMI_ORDER.indexOf(
                "PHB")) {
            why.append(' ').append(numa(cell, a, b));
        }
        why.append(ties(r, p));
        return new ReportedLabel(r.tool(), p.at(), label, derived, Agreement.DISAGREES, why.toString());
    }

    private ReportedLabel nccl(ToolReport r, Pair p, MatrixCell cell, int a, int b) {
        String derived = cell.nccl().shortName();
        String label = p.label();
        String name = r.tool() == ToolReport.Tool.RCCL_XML ? "RCCL" : "NCCL";
        String path = p.detail().map(d -> " (" + d + ")").orElse("");
        String own = derived + ": " + cell.ncclRule().words() + meeting(a, b);
        switch (label) {
            case "NVL", "NVB", "XGMI", "C2C", "P2C", "PXN" -> {
                String link = label.equals("XGMI") ? "xGMI" : label.equals("C2C") || label.equals("P2C")
                        ? "the CPU's C2C link" : "NVLink";
                return new ReportedLabel(r.tool(), p.at(), label, derived, Agreement.BEYOND_PCIE, name + " reaches "
                        + "it over " + link + path + ", which lspci cannot show; over PCIe dmascope derives " + own
                        + ".");
            }
            default -> {
            }
        }
        int reported = NCCL_ORDER.indexOf(label);
        if (reported < 0) {
            return new ReportedLabel(r.tool(), p.at(), label, derived, Agreement.NOT_COMPARED, name + " gives "
                    + label + path + ", a path type dmascope does not derive; dmascope says " + own + ".");
        }
        if (label.equals(derived)) {
            return new ReportedLabel(r.tool(), p.at(), label, derived, Agreement.AGREES, name + "'s own tree and "
                    + "dmascope's both give " + label + path + ".");
        }
        StringBuilder why = new StringBuilder(name + "'s own tree gives " + label + path + "; from the exports "
                + "dmascope derives " + own + ".");
        causes(why, reported < NCCL_ORDER.indexOf(derived), cell, a, b);
        why.append(ties(r, p));
        return new ReportedLabel(r.tool(), p.at(), label, derived, Agreement.DISAGREES, why.toString());
    }

    /** What could make the tool see the pair nearer (or further apart) than the exports show. */
    private void causes(StringBuilder why, boolean toolNearer, MatrixCell cell, int a, int b) {
        List<String> unknown = new ArrayList<>();
        for (int i : new int[] {a, b}) {
            PciBus root = x.rootBusObject(x.rootBus(i));
            if (root.kind() != PciBus.Kind.ROOT && !unknown.contains(x.function(i).address().toString())) {
                unknown.add(x.function(i).address().toString());
            }
        }
        if (!unknown.isEmpty()) {
            why.append(" dmascope does not know the path above ").append(String.join(" and ", unknown))
                    .append(": no export shows the bridge leading to ").append(unknown.size() == 1 ? "its bus"
                            : "their buses").append(" (NCCL's XML names the switches above a device but not the ports"
                            + " between them); import lspci -tvnn of the machine with it.");
            return;
        }
        if (toolNearer) {
            why.append(" The exports show nothing joining them that closely: are the files of the same machine? Is "
                    + "a switch missing from the export (a virtual machine shows its guest a flattened tree; an "
                    + "abridged listing leaves ports out)?");
            return;
        }
        why.append(" The exports put them closer than the tool does: are the files of the same machine?");
        P2pVerdict v = MapTypeCalculator.verdict(x, a, b);
        if (!v.acsRedirects().isEmpty()) {
            why.append(" ACS redirects their peer requests up to the root complex (the kernel maps the pair ")
                    .append(cell.mapType()).append("), so their traffic does take the longer way.");
        }
        why.append(" In a virtual machine the hypervisor may place the devices differently in the guest.");
    }

    private String numa(MatrixCell cell, int a, int b) {
        OptionalInt na = smi.numa(a);
        OptionalInt nb = smi.numa(b);
        if (na.isEmpty() || nb.isEmpty()) {
            return "dmascope does not know their NUMA nodes and takes them for one; an hwloc XML or lspci -vv export"
                    + " gives them.";
        }
        return na.getAsInt() == nb.getAsInt() ? "The exports put both on NUMA node " + na.getAsInt() + "."
                : "The exports put them on NUMA nodes " + na.getAsInt() + " and " + nb.getAsInt() + ".";
    }

    private String meeting(int a, int b) {
        NcclTopology.Result r = nccl.classify(a, b);
        if (r.meetingNode() >= 0) return ", meeting at " + DeviceWords.of(x.function(r.meetingNode()));
        if (r.meetingNode() < -1) return ", meeting at the CPU of NUMA node " + NcclTopology.numaOfCpu(r.meetingNode());
        return "";
    }

    /** The driver's peer-to-peer verdict against the kernel's P2PDMA map type: different deciders, compared. */
    private ReportedLabel p2pStatus(ToolReport r, Pair p, MatrixCell cell, int provider, int client) {
        String derived = cell.mapType().name();
        String label = p.label();
        ToolReport.Tool t = r.tool();
        if (t == ToolReport.Tool.NVIDIA_SMI_P2P_NVLINK || t == ToolReport.Tool.NVIDIA_SMI_P2P_ATOMICS
                || t == ToolReport.Tool.NVIDIA_SMI_P2P_PROP) {
            return new ReportedLabel(t, p.at(), label, derived, Agreement.NOT_COMPARED, t.label() + " says " + label
                    + "; dmascope has nothing of that kind to compare it with.");
        }
        String access = t == ToolReport.Tool.NVIDIA_SMI_P2P_WRITE ? "peer writes"
                : t == ToolReport.Tool.NVIDIA_SMI_P2P_READ ? "peer reads" : "peer access";
        boolean kernelMaps = cell.mapType() == P2pMapType.BUS_ADDR || cell.mapType() == P2pMapType.THRU_HOST_BRIDGE;
        String caveat = " CUDA peer access is the NVIDIA driver's own decision and does not go through the kernel's "
                + "P2PDMA, so the two can differ.";
        switch (label) {
            case "OK" -> {
                if (kernelMaps) {
                    return new ReportedLabel(t, p.at(), label, derived, Agreement.AGREES, "The driver allows " + access
                            + " and the kernel's P2PDMA maps the pair " + derived + ".");
                }
                P2pVerdict v = MapTypeCalculator.verdict(x, provider, client);
                return new ReportedLabel(t, p.at(), label, derived, Agreement.DISAGREES, "The driver allows " + access
                        + " where the kernel's P2PDMA refuses: " + v.reason() + caveat);
            }
            case "CNS", "TNS", "NS" -> {
                String what = switch (label) {
                    case "CNS" -> "chipset not supported";
                    case "TNS" -> "topology not supported";
                    default -> "not supported";
                };
                if (!kernelMaps) {
                    return new ReportedLabel(t, p.at(), label, derived, Agreement.AGREES, "The driver refuses " + access
                            + " (" + what + ") and so does the kernel's P2PDMA.");
                }
                return new ReportedLabel(t, p.at(), label, derived, Agreement.DISAGREES, "The driver refuses "
                        + access + " (" + label + ": " + what + ") where the kernel's P2PDMA would map the pair "
                        + derived + "." + caveat + " The driver keeps its own lists of chipsets and topologies.");
            }
            default -> {
                String what = label.equals("GNS") ? " (GPU not supported: a property of the GPU dmascope does not "
                        + "model)" : label.equals("U") ? " (unknown)" : "";
                return new ReportedLabel(t, p.at(), label, derived, Agreement.NOT_COMPARED, t.label() + " says "
                        + label + what + "; the kernel's P2PDMA maps the pair " + derived + ".");
            }
        }
    }

    /** A tie made in bus order is an assumption a disagreement may come from. */
    private static String ties(ToolReport r, Pair p) {
        boolean assumed = r.device(p.row()).map(d -> d.match() == Match.BUS_ORDER).orElse(false)
                || r.device(p.column()).map(d -> d.match() == Match.BUS_ORDER).orElse(false);
        return assumed ? " (" + p.row() + " and " + p.column() + " were tied to functions in bus order, an "
                + "assumption: another order would pair other functions.)" : "";
    }
}
