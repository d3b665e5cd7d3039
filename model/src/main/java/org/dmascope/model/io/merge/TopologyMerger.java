package org.dmascope.model.io.merge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.dmascope.model.io.pciids.PciIdSource;
import org.dmascope.model.io.source.Findings;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Bridge;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.Link;
import org.dmascope.model.topology.LinkState;
import org.dmascope.model.topology.NumaNode;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciIdentity;
import org.dmascope.model.topology.Platform;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Provenance;
import org.dmascope.model.topology.SourceRef;
import org.dmascope.model.topology.Sriov;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.topology.TopologySource;

/**
 * Combines what several exports of one machine say into one {@link Topology}: facts are merged field
 * by field (disagreements reported), VFs are tied to their PF through the PF's SR-IOV registers, and a
 * host bridge is created for every root bus. Nothing is guessed: a field no export states stays unknown.
 */
public final class TopologyMerger {
    private final Findings findings;
    private final MachineFacts all = new MachineFacts();

    private TopologyMerger(Findings findings) {
        this.findings = findings;
    }

    /** Merges without pci.ids: names and IDs stay as the exports give them. */
    public static Topology merge(List<ImportedSource> sources, Findings findings) {
        return merge(sources, findings, Optional.empty());
    }

    /**
     * Merges, then completes the identities from {@code pciIds} (IDs of functions named without them,
     * names of functions given by ID) before anything is derived from them.
     */
    public static Topology merge(List<ImportedSource> sources, Findings findings, Optional<PciIdSource> pciIds) {
        TopologyMerger m = new TopologyMerger(findings);
        for (ImportedSource s : sources) m.all.absorb(s.facts(), findings);
        pciIds.ifPresent(p -> PciIdResolution.apply(m.all, p, findings));
        m.linkVirtualFunctions();
        VirtualFunctionsByDeviceId.apply(m.all, findings);
        m.checkLinkBandwidth();
        m.inferRootBuses();
        PortTypeInference.apply(m.all, findings);
        return m.build(sources);
    }

    /**
     * VF {@code n} of a PF has routing ID {@code PF RID + offset + (n-1) * stride} (PCIe SR-IOV spec,
     * kernel {@code pci_iov_virtfn_bus/devfn}); a listed function at such an address is that PF's VF.
     */
    private void linkVirtualFunctions() {
        for (FunctionFacts pf : new ArrayList<>(all.functions())) {
            Optional<Fact<Sriov>> sriov = pf.fact(FactKey.SRIOV);
            if (sriov.isEmpty()) continue;
            Sriov s = sriov.get().value();
            for (int n = 1; n <= Math.min(s.numVfs(), 0x10000); n++) {
                int rid = s.vfRequesterId(pf.address(), n);
                if (rid < 0 || rid > 0xFFFF) break;
                Bdf vf = Bdf.ofDevfn(pf.address().domain(), rid >> 8, rid & 0xFF);
                Optional<FunctionFacts> f = all.existing(vf);
                if (f.isEmpty() || f.get() == pf || f.get().fact(FactKey.SRIOV).isPresent()) continue;
                OptionalInt vfDevice = s.vfDeviceId();
                Optional<PciIdentity> id = f.get().get(FactKey.IDENTITY);
                if (vfDevice.isPresent() && id.isPresent() && id.get().deviceId().isPresent()
                        && id.get().deviceId().getAsInt() != vfDevice.getAsInt()) {
                    continue;
                }
                f.get().put(FactKey.PHYSICAL_FUNCTION, pf.address(), sriov.get().source(), findings);
            }
        }
    }

    /** hwloc's bandwidth must match what the link status another export shows would carry. */
    private void checkLinkBandwidth() {
        for (FunctionFacts f : all.functions()) {
            Optional<Fact<Double>> bw = f.fact(FactKey.LINK_BANDWIDTH);
            Optional<Fact<Link>> link = f.fact(FactKey.LINK);
            if (bw.isEmpty() || link.isEmpty() || link.get().value().status().isEmpty()) continue;
            LinkState status = link.get().value().status().get();
            double expected = status.gigabytesPerSecond();
            double stated = bw.get().value();
            if (Math.abs(expected - stated) > 0.02 * Math.max(expected, stated)) {
                findings.warning(bw.get().source(), String.format(Locale.ROOT,
                        "%s: %s gives the link %.2f GB/s, but the link status %s at %s carries %.2f GB/s; the link "
                                + "may have"
                                + " retrained between the two exports", f.address(), bw.get().source(), stated, status,
                        link.get().source(), expected), f.address().toString());
            }
        }
    }

    /**
     * A bus nothing in the exports leads to is a root bus when it is bus 00 or holds what only a root
     * bus holds (a root port, a root-complex integrated endpoint or event collector, a host bridge
     * device). Other unreached buses stay orphans: the export was a fragment.
     */
    private void inferRootBuses() {
        Map<Long, List<FunctionFacts>> byBus = new TreeMap<>();
        List<Bridge> bridges = new ArrayList<>();
        List<Integer> bridgeDomains = new ArrayList<>();
        for (FunctionFacts f : all.functions()) {
            byBus.computeIfAbsent(key(f.address().domain(), f.address().bus()), k -> new ArrayList<>()).add(f);
            f.get(FactKey.BRIDGE).ifPresent(b -> {
                bridges.add(b);
                bridgeDomains.add(f.address().domain());
            });
        }
        Set<Long> roots = new LinkedHashSet<>();
        for (HostBridgeFacts hb : all.hostBridges()) roots.add(key(hb.domain(), hb.rootBus()));
        for (Map.Entry<Long, List<FunctionFacts>> e : byBus.entrySet()) {
            if (roots.contains(e.getKey())) continue;
            int domain = (int) (e.getKey() >> 8);
            int bus = (int) (e.getKey() & 0xFF);
            boolean reached = false;
            for (int i = 0; i < bridges.size() && !reached; i++) {
                reached = bridgeDomains.get(i) == domain && bridges.get(i).coversBus(bus);
            }
            if (reached) continue;
            Optional<FunctionFacts> witness = e.getValue().stream().filter(TopologyMerger::onlyOnRootBus).findFirst();
            if (bus == 0 && witness.isEmpty()) witness = Optional.of(e.getValue().get(0));
            witness.ifPresent(w -> all.hostBridge(domain, bus, w.listed()));
        }
    }

    private static boolean onlyOnRootBus(FunctionFacts f) {
        Optional<PortType> t = f.get(FactKey.PORT_TYPE);
        if (t.isPresent() && (t.get() == PortType.ROOT_PORT || t.get() == PortType.RC_INTEGRATED_ENDPOINT
                || t.get() == PortType.RC_EVENT_COLLECTOR)) {
            return true;
        }
        return f.get(FactKey.IDENTITY).flatMap(id -> id.classAndSubclass().isPresent()
                ? Optional.of(id.classAndSubclass().getAsInt()) : Optional.empty()).map(c -> c == 0x0600).orElse(false);
    }

    private Topology build(List<ImportedSource> sources) {
        List<PciFunction> functions = new ArrayList<>();
        Set<Integer> numaIds = new TreeSet<>();
        for (FunctionFacts f : all.functions()) {
            PciFunction pf = function(f);
            pf.numaNode().ifPresent(numaIds::add);
            functions.add(pf);
        }
        List<HostBridge> hostBridges = new ArrayList<>();
        Map<Long, HostBridgeFacts> sorted = new TreeMap<>();
        for (HostBridgeFacts hb : all.hostBridges()) sorted.put(key(hb.domain(), hb.rootBus()), hb);
        for (HostBridgeFacts hb : sorted.values()) {
            HostBridge h = hostBridge(hb);
            h.numaNode().ifPresent(numaIds::add);
            hostBridges.add(h);
        }
        Map<Integer, NumaNode> nodes = new TreeMap<>();
        for (NumaFacts n : all.numaNodes()) {
            nodes.put(n.id(), new NumaNode(n.id(), n.socket().map(OptionalInt::of).orElse(OptionalInt.empty()),
                    n.cpus(), List.of()));
        }
        for (int id : numaIds) nodes.putIfAbsent(id, new NumaNode(id, OptionalInt.empty(), Optional.empty(),
                List.of()));
        Topology t = new Topology(name(sources), Optional.of(description(sources)),
                Optional.of(new TopologySource(TopologySource.Kind.IMPORTED, Optional.of(detail(sources)))),
                platform(), List.copyOf(nodes.values()), hostBridges, functions);
        return ToolReportTies.tie(hostBridgeNodes(t), sources, findings);
    }

    /**
     * A host bridge no export places on a NUMA node is on the node its functions report: the kernel gives
     * every device below a root bus that bus's node ({@code pcibus_to_node()}, from the host bridge's ACPI
     * {@code _PXM}), which is what lspci prints as {@code NUMA node:}. Inferred only when the functions below
     * agree; the provenance names the function and its line.
     */
    private Topology hostBridgeNodes(Topology t) {
        if (t.hostBridges().stream().allMatch(hb -> hb.numaNode().isPresent())) return t;
        Map<String, Integer> node = new HashMap<>();
        Map<String, PciFunction> witness = new HashMap<>();
        Set<String> disagree = new TreeSet<>();
        for (PciFunction f : t.functions()) {
            if (f.numaNode().isEmpty()) continue;
            Optional<HostBridge> hb = t.hierarchy().hostBridgeOf(f);
            if (hb.isEmpty() || hb.get().numaNode().isPresent()) continue;
            Integer old = node.putIfAbsent(hb.get().id(), f.numaNode().getAsInt());
            if (old == null) witness.put(hb.get().id(), f);
            else if (old != f.numaNode().getAsInt()) disagree.add(hb.get().id());
        }
        if (node.isEmpty()) return t;
        List<HostBridge> bridges = new ArrayList<>();
        for (HostBridge hb : t.hostBridges()) {
            PciFunction w = witness.get(hb.id());
            Optional<SourceRef> line = w == null ? Optional.empty() : w.provenance().of("numaNode");
            if (w == null || disagree.contains(hb.id()) || line.isEmpty()) {
                bridges.add(hb);
                continue;
            }
            bridges.add(new HostBridge(hb.id(), hb.domain(), hb.rootBus(), hb.busRange(),
                    OptionalInt.of(node.get(hb.id())), hb.windows(), hb.dmaRanges(),
                    hb.provenance().with("numaNode", SourceRef.inferredFrom("the NUMA node of " + w.address(),
                            line.get()))));
        }
        for (String id : disagree) {
            findings.warning(witness.get(id).provenance().of("numaNode").orElse(witness.get(id).provenance()
                    .of("address").orElseThrow()), "the functions below host bridge " + id + " report different "
                    + "NUMA nodes; the host bridge's node is left unknown", id);
        }
        return new Topology(t.name(), t.description(), t.source(), t.platform(), t.numaNodes(), bridges,
                t.functions(), t.reports());
    }

    private static PciFunction function(FunctionFacts f) {
        PciFunction.Builder b = PciFunction.builder(f.address());
        Map<String, SourceRef> prov = new HashMap<>();
        prov.put("address", f.listed());
        for (FactKey<?> k : FactKey.ALL) f.fact(k).ifPresent(fact -> prov.put(k.name(), fact.source()));
        prov.putAll(f.partSources());
        b.identity(f.get(FactKey.IDENTITY).orElse(PciIdentity.UNKNOWN));
        b.portType(f.get(FactKey.PORT_TYPE));
        f.get(FactKey.HEADER_TYPE).ifPresent(b::headerType);
        b.multifunction(f.get(FactKey.MULTIFUNCTION));
        b.bridge(f.get(FactKey.BRIDGE));
        f.get(FactKey.BARS).ifPresent(b::bars);
        b.acs(f.get(FactKey.ACS));
        b.ats(f.get(FactKey.ATS));
        b.pasid(f.get(FactKey.PASID));
        b.pri(f.get(FactKey.PRI));
        b.sriov(f.get(FactKey.SRIOV));
        b.physicalFunction(f.get(FactKey.PHYSICAL_FUNCTION));
        b.link(f.get(FactKey.LINK));
        b.numaNode(f.get(FactKey.NUMA_NODE).map(OptionalInt::of).orElse(OptionalInt.empty()));
        b.driver(f.get(FactKey.DRIVER));
        b.iommuGroup(f.get(FactKey.IOMMU_GROUP).map(OptionalInt::of).orElse(OptionalInt.empty()));
        b.provenance(new Provenance(prov));
        return b.build();
    }

    private static HostBridge hostBridge(HostBridgeFacts hb) {
        Map<String, SourceRef> prov = new HashMap<>();
        prov.put("rootBus", hb.seen());
        hb.busRange().ifPresent(f -> prov.put("busRange", f.source()));
        hb.numaNode().ifPresent(f -> prov.put("numaNode", f.source()));
        HostBridge bare = HostBridge.bare(hb.domain(), hb.rootBus());
        return new HostBridge(bare.id(), hb.domain(), hb.rootBus(), hb.busRange().map(Fact::value),
                hb.numaNode().map(f -> OptionalInt.of(f.value())).orElse(OptionalInt.empty()), List.of(), List.of(),
                new Provenance(prov));
    }

    private Platform platform() {
        Platform.Cpu cpu = new Platform.Cpu(all.cpuVendor().map(Fact::value),
                all.cpuFamily().map(f -> OptionalInt.of(f.value())).orElse(OptionalInt.empty()),
                all.cpuModel().map(Fact::value));
        return new Platform(all.architecture().map(Fact::value), cpu, Platform.Iommu.UNKNOWN, Platform.Swiotlb.UNKNOWN,
                Optional.empty(), Optional.empty());
    }

    /** The machine name the files share ({@code x99-i7-5930k} for its tree and verbose dumps). */
    static String name(List<ImportedSource> sources) {
        Set<String> names = new LinkedHashSet<>();
        for (ImportedSource s : sources) names.add(s.machine());
        return String.join(" + ", names);
    }

    private static String description(List<ImportedSource> sources) {
        StringBuilder sb = new StringBuilder("Imported from ");
        for (int i = 0; i < sources.size(); i++) {
            if (i > 0) sb.append(i == sources.size() - 1 ? " and " : ", ");
            sb.append(sources.get(i).file()).append(" (").append(sources.get(i).format()).append(')');
        }
        return sb.append(". What these exports do not show is left unknown.").toString();
    }

    private static String detail(List<ImportedSource> sources) {
        List<String> files = new ArrayList<>();
        for (ImportedSource s : sources) files.add(s.file());
        return String.join(", ", files);
    }

    private static long key(int domain, int bus) {
        return (long) domain << 8 | bus;
    }
}
