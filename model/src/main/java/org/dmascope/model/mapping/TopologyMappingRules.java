package org.dmascope.model.mapping;

import java.util.Map;
import java.util.Optional;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.groups.DomainDecision;
import org.dmascope.model.kernel.groups.GroupPartitions;
import org.dmascope.model.kernel.groups.IommuGroup;
import org.dmascope.model.kernel.p2p.P2pClient;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.kernel.route.TlpRoute;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;

/**
 * The topology rules as the mapping engine needs them: the P2PDMA map type a mapping call sees
 * (R-P2P-8), each device's default domain type (R-GRP-3) and the IOMMU group whose domain it shares
 * (R-GRP-2), and the route its DMA takes. One instance per topology and platform assumptions; the
 * kernel profile of the requests must be {@link #profile()}, so both halves answer for one kernel.
 */
public final class TopologyMappingRules implements P2pMapTypeSource, RouteSource {
    private final TopologyRules rules;
    /** Derived group id to the number the steps name it by; made on first use. */
    private Map<Integer, Integer> numbers;

    public TopologyMappingRules(TopologyRules rules) {
        this.rules = rules;
    }

    /** Rules with the assumptions the topology file implies. */
    public static TopologyMappingRules of(Topology t) {
        return new TopologyMappingRules(TopologyRules.of(t));
    }

    public TopologyRules rules() {
        return rules;
    }

    /** The kernel profile the topology rules were made for. */
    public KernelProfile profile() {
        return rules.assumptions().profile();
    }

    /** R-P2P-8: {@code pci_p2pdma_map_type(provider, client)}, computed and cached like the kernel's xarray. */
    @Override
    public P2pMapType mapType(PciFunction provider, PciFunction client) {
        return rules.mapTypeAtMapTime(provider.address(), P2pClient.pci(client.address())).mapType();
    }

    @Override
    public P2pMapType exporterMapType(PciFunction provider, PciFunction client) {
        return rules.mapTypeOfExporter(provider.address(), P2pClient.pci(client.address())).mapType();
    }

    /**
     * R-GRP-3 for the device's group: how its DMA is translated, and why. Without an IOMMU, or for a
     * device the IOMMU does not take into a group, it is dma-direct.
     */
    public IommuMode.Resolved iommuMode(PciFunction device) {
        if (!rules.assumptions().iommuPresent()) {
            return new IommuMode.Resolved(IommuMode.OFF, "no IOMMU: " + rules.assumptions().iommuAssumption()
                    .sentence());
        }
        Optional<TopologyRules.GroupInfo> g = rules.groupOf(device.address());
        if (g.isEmpty()) {
            String why = rules.groups().ungrouped().getOrDefault(device.address(), "the IOMMU puts it in no group");
            return new IommuMode.Resolved(IommuMode.OFF, why);
        }
        DomainDecision d = g.get().domain();
        String where = "IOMMU group " + number(g.get().group()) + ": " + d.reason();
        switch (d.type()) {
            case IDENTITY:
                return new IommuMode.Resolved(IommuMode.IDENTITY, where);
            case DMA:
                return new IommuMode.Resolved(IommuMode.DMA, where);
            case DMA_FQ:
                return new IommuMode.Resolved(IommuMode.DMA_FQ, where);
            default:
                return new IommuMode.Resolved(IommuMode.OFF,
                        where + " (a blocked domain: the device cannot DMA at all)");
        }
    }

    /** The IOMMU domain the device is attached to: its group's, shared by every member. */
    public Optional<String> domainId(PciFunction device) {
        return rules.groupOf(device.address()).map(g -> "group " + number(g.group()));
    }

    /** The group's number as the kernel gave it when the input lists that same group, else its own. */
    private synchronized int number(IommuGroup g) {
        if (numbers == null) {
            numbers = GroupPartitions.kernelNumbers(rules.groups().groups(),
                    GroupPartitions.reported(rules.topology()));
        }
        return numbers.getOrDefault(g.id(), g.id());
    }

    @Override
    public Optional<TlpRoute> route(Bdf initiator, Optional<Bdf> provider, int numaNode, P2pMapType mapType,
                                    boolean translated) {
        if (provider.isPresent()) return Optional.of(rules.route(rules.p2p(provider.get(), initiator)));
        return Optional.of(rules.routeToMemory(initiator, numaNode, translated));
    }

    /** A request builder with this device's resolved mode, domain and the rules' profile filled in. */
    public MapRequest.Builder request(Topology t, PciFunction initiator, BufferSpec buffer) {
        return MapRequest.builder(t, initiator.address(), buffer)
                .iommuMode(iommuMode(initiator).mode())
                .domainId(domainId(initiator).orElse(null))
                .profile(profile())
                .platform(rules.assumptions());
    }
}
