package org.dmascope.model.topology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A machine: platform, NUMA nodes, host bridges and PCI functions, and what other tools reported about
 * it ({@link ToolReport}, kept beside the facts, never merged into them). Immutable; edits return a new
 * topology. The PCI hierarchy (buses, parents, children) is derived once, on first use.
 */
public final class Topology {
    private final String name;
    private final Optional<String> description;
    private final Optional<TopologySource> source;
    private final Platform platform;
    private final List<NumaNode> numaNodes;
    private final List<HostBridge> hostBridges;
    private final List<PciFunction> functions;
    private final Map<Bdf, PciFunction> byAddress;
    private final List<ToolReport> reports;
    private final List<String> edits;
    private volatile PciHierarchy hierarchy;

    public Topology(String name, Optional<String> description, Optional<TopologySource> source, Platform platform,
                    List<NumaNode> numaNodes, List<HostBridge> hostBridges, List<PciFunction> functions) {
        this(name, description, source, platform, numaNodes, hostBridges, functions, List.of());
    }

    /** @param reports what other tools (nvidia-smi, NCCL) said about this machine, kept beside it */
    public Topology(String name, Optional<String> description, Optional<TopologySource> source, Platform platform,
                    List<NumaNode> numaNodes, List<HostBridge> hostBridges, List<PciFunction> functions,
                    List<ToolReport> reports) {
        this(name, description, source, platform, numaNodes, hostBridges, functions, reports, List.of());
    }

    /**
     * @param edits the what-if edits made to the machine since it was read, oldest first, by their names
     *              ({@code Move 06:00.0 to 00:03.0}); empty for a machine as its source describes it
     */
    public Topology(String name, Optional<String> description, Optional<TopologySource> source, Platform platform,
                    List<NumaNode> numaNodes, List<HostBridge> hostBridges, List<PciFunction> functions,
                    List<ToolReport> reports, List<String> edits) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description);
        this.source = Objects.requireNonNull(source);
        this.platform = Objects.requireNonNull(platform);
        this.numaNodes = List.copyOf(numaNodes);
        this.hostBridges = List.copyOf(hostBridges);
        List<PciFunction> sorted = new ArrayList<>(functions);
        sorted.sort((a, b) -> a.address().compareTo(b.address()));
        this.functions = Collections.unmodifiableList(sorted);
        Map<Bdf, PciFunction> map = new LinkedHashMap<>();
        for (PciFunction f : this.functions) map.putIfAbsent(f.address(), f);
        this.byAddress = Collections.unmodifiableMap(map);
        this.reports = List.copyOf(reports);
        this.edits = List.copyOf(edits);
    }

    public String name() {
        return name;
    }

    /** What the machine teaches, or where it is from. */
    public Optional<String> description() {
        return description;
    }

    public Optional<TopologySource> source() {
        return source;
    }

    public Platform platform() {
        return platform;
    }

    public List<NumaNode> numaNodes() {
        return numaNodes;
    }

    public List<HostBridge> hostBridges() {
        return hostBridges;
    }

    /** All functions, sorted by address (domain, bus, devfn). */
    public List<PciFunction> functions() {
        return functions;
    }

    public Optional<PciFunction> function(Bdf address) {
        return Optional.ofNullable(byAddress.get(address));
    }

    /** What other tools reported about this machine, in import order; empty when none was imported. */
    public List<ToolReport> reports() {
        return reports;
    }

    /** The what-if edits made to this machine, oldest first (the topology JSON keeps them as {@code edits}). */
    public List<String> edits() {
        return edits;
    }

    /** The derived bus hierarchy; computed once. */
    public PciHierarchy hierarchy() {
        PciHierarchy h = hierarchy;
        if (h == null) {
            synchronized (this) {
                h = hierarchy;
                if (h == null) hierarchy = h = PciHierarchy.of(this);
            }
        }
        return h;
    }

    public Topology withName(String newName) {
        return new Topology(newName, description, source, platform, numaNodes, hostBridges, functions, reports, edits);
    }

    public Topology withPlatform(Platform newPlatform) {
        return new Topology(name, description, source, newPlatform, numaNodes, hostBridges, functions, reports, edits);
    }

    public Topology withNumaNodes(List<NumaNode> newNodes) {
        return new Topology(name, description, source, platform, newNodes, hostBridges, functions, reports, edits);
    }

    public Topology withFunctions(List<PciFunction> newFunctions) {
        return new Topology(name, description, source, platform, numaNodes, hostBridges, newFunctions, reports, edits);
    }

    public Topology withReports(List<ToolReport> newReports) {
        return new Topology(name, description, source, platform, numaNodes, hostBridges, functions, newReports, edits);
    }

    /** The same machine with one more what-if edit named in {@link #edits()}. */
    public Topology withEdit(String editName) {
        List<String> more = new ArrayList<>(edits);
        more.add(editName);
        return new Topology(name, description, source, platform, numaNodes, hostBridges, functions, reports, more);
    }

    /** Returns a topology where the function at {@code address} is replaced by {@code edit} of it. */
    public Topology withFunction(Bdf address, UnaryOperator<PciFunction> edit) {
        if (!byAddress.containsKey(address)) throw new IllegalArgumentException("no function at " + address);
        List<PciFunction> list = new ArrayList<>(functions.size());
        for (PciFunction f : functions) list.add(f.address().equals(address) ? edit.apply(f) : f);
        return withFunctions(list);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof Topology t)) return false;
        return name.equals(t.name) && description.equals(t.description) && source.equals(t.source)
                && platform.equals(t.platform) && numaNodes.equals(t.numaNodes)
                && hostBridges.equals(t.hostBridges) && functions.equals(t.functions) && reports.equals(t.reports)
                && edits.equals(t.edits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, description, source, platform, numaNodes, hostBridges, functions, reports, edits);
    }

    @Override
    public String toString() {
        return "Topology[" + name + ", " + functions.size() + " functions, " + hostBridges.size() + " host bridges]";
    }
}
