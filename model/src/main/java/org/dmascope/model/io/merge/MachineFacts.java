package org.dmascope.model.io.merge;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.dmascope.model.io.source.Findings;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Platform;
import org.dmascope.model.topology.SourceRef;
import org.dmascope.model.topology.ToolReport;

/**
 * What one or more exports say about a machine: its PCI functions, host bridges, NUMA nodes and the
 * few platform facts some exports carry (hwloc names the architecture and CPU). Readers fill one per
 * file; {@link TopologyMerger} combines them.
 */
public final class MachineFacts {
    private final Map<Bdf, FunctionFacts> functions = new LinkedHashMap<>();
    private final Map<Long, HostBridgeFacts> hostBridges = new LinkedHashMap<>();
    private final Map<Integer, NumaFacts> numaNodes = new TreeMap<>();
    private Fact<Platform.Architecture> architecture;
    private Fact<Platform.CpuVendor> cpuVendor;
    private Fact<Integer> cpuFamily;
    private Fact<String> cpuModel;
    private final List<ToolReport> toolReports = new ArrayList<>();

    /** The function at {@code address}, created (and marked as listed at {@code at}) on first mention. */
    public FunctionFacts function(Bdf address, SourceRef at) {
        return functions.computeIfAbsent(address, a -> new FunctionFacts(a, at));
    }

    public Optional<FunctionFacts> existing(Bdf address) {
        return Optional.ofNullable(functions.get(address));
    }

    public Collection<FunctionFacts> functions() {
        return functions.values();
    }

    /** Notes that bus {@code rootBus} of {@code domain} is the root bus of a host bridge. */
    public HostBridgeFacts hostBridge(int domain, int rootBus, SourceRef at) {
        return hostBridges.computeIfAbsent(key(domain, rootBus), k -> new HostBridgeFacts(domain, rootBus, at));
    }

    public Collection<HostBridgeFacts> hostBridges() {
        return hostBridges.values();
    }

    public NumaFacts numaNode(int id, SourceRef at) {
        return numaNodes.computeIfAbsent(id, k -> new NumaFacts(id, at));
    }

    public Collection<NumaFacts> numaNodes() {
        return numaNodes.values();
    }

    public void architecture(Platform.Architecture a, SourceRef at, Findings findings) {
        architecture = Fact.agree(architecture, new Fact<>(a, at), "", "architecture", findings);
    }

    public void cpuVendor(Platform.CpuVendor v, SourceRef at, Findings findings) {
        cpuVendor = Fact.agree(cpuVendor, new Fact<>(v, at), "", "CPU vendor", findings);
    }

    public void cpuFamily(int family, SourceRef at, Findings findings) {
        cpuFamily = Fact.agree(cpuFamily, new Fact<>(family, at), "", "CPU family", findings);
    }

    public void cpuModel(String model, SourceRef at, Findings findings) {
        cpuModel = Fact.agree(cpuModel, new Fact<>(model, at), "", "CPU model", findings);
    }

    Optional<Fact<Platform.Architecture>> architecture() {
        return Optional.ofNullable(architecture);
    }

    Optional<Fact<Platform.CpuVendor>> cpuVendor() {
        return Optional.ofNullable(cpuVendor);
    }

    Optional<Fact<Integer>> cpuFamily() {
        return Optional.ofNullable(cpuFamily);
    }

    Optional<Fact<String>> cpuModel() {
        return Optional.ofNullable(cpuModel);
    }

    /**
     * Keeps what another tool (nvidia-smi, NCCL) said about the machine, beside the facts: its labels are
     * compared with dmascope's derivation, never merged into the topology.
     */
    public void toolReport(ToolReport report) {
        toolReports.add(report);
    }

    public List<ToolReport> toolReports() {
        return List.copyOf(toolReports);
    }

    /** Adds everything {@code other} says, reporting disagreements with what this already holds. */
    public void absorb(MachineFacts other, Findings findings) {
        for (FunctionFacts f : other.functions.values()) function(f.address(), f.listed()).absorb(f, findings);
        for (HostBridgeFacts hb : other.hostBridges.values()) hostBridge(hb.domain(), hb.rootBus(),
                hb.seen()).absorb(hb, findings);
        for (NumaFacts n : other.numaNodes.values()) numaNode(n.id(), n.seen()).absorb(n, findings);
        other.architecture().ifPresent(f -> architecture = Fact.agree(architecture, f, "", "architecture", findings));
        other.cpuVendor().ifPresent(f -> cpuVendor = Fact.agree(cpuVendor, f, "", "CPU vendor", findings));
        other.cpuFamily().ifPresent(f -> cpuFamily = Fact.agree(cpuFamily, f, "", "CPU family", findings));
        other.cpuModel().ifPresent(f -> cpuModel = Fact.agree(cpuModel, f, "", "CPU model", findings));
        toolReports.addAll(other.toolReports);
    }

    private static long key(int domain, int bus) {
        return (long) domain << 8 | bus;
    }
}
