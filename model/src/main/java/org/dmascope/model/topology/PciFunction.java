package org.dmascope.model.topology;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One PCI function, immutable. Every field the exports can leave out is an {@code Optional}:
 * empty means "not known", never a guessed default.
 *
 * @param address          domain, bus, device, function
 * @param identity         IDs, class and names
 * @param portType         PCIe device/port type, or conventional PCI
 * @param headerType       config header layout: 0 endpoint, 1 PCI-to-PCI bridge, 2 CardBus
 * @param multifunction    the multifunction bit of the header type register
 * @param bridge           bus numbers and windows, for bridges
 * @param bars             the BARs that are implemented, by index
 * @param acs              ACS capability, {@link Acs#ABSENT} when it has none, empty when unknown
 * @param ats              has an ATS capability
 * @param pasid            has a PASID capability
 * @param pri              has a PRI capability
 * @param sriov            SR-IOV capability of a physical function
 * @param physicalFunction for a virtual function: its PF
 * @param link             PCIe link capability and status
 * @param numaNode         NUMA node the kernel reports
 * @param driver           bound kernel driver
 * @param dma              DMA parameters the driver set
 * @param p2pMemory        P2P memory the driver registered
 * @param untrusted        {@code pdev->untrusted}: behind an external-facing port
 * @param externalFacing   {@code pdev->external_facing}: a port that leads outside the box (Thunderbolt)
 * @param iommuGroup       the IOMMU group number the kernel reported
 * @param provenance       where each field came from
 */
public record PciFunction(Bdf address, PciIdentity identity, Optional<PortType> portType, OptionalInt headerType,
                          Optional<Boolean> multifunction, Optional<Bridge> bridge, List<Bar> bars, Optional<Acs> acs,
                          Optional<Boolean> ats, Optional<Boolean> pasid, Optional<Boolean> pri,
                          Optional<Sriov> sriov, Optional<Bdf> physicalFunction, Optional<Link> link,
                          OptionalInt numaNode, Optional<String> driver, DmaParameters dma,
                          List<P2pMemory> p2pMemory, Optional<Boolean> untrusted, Optional<Boolean> externalFacing,
                          OptionalInt iommuGroup, Provenance provenance) {

    public PciFunction {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(identity, "identity");
        bars = List.copyOf(bars);
        p2pMemory = List.copyOf(p2pMemory);
        Objects.requireNonNull(dma, "dma");
        Objects.requireNonNull(provenance, "provenance");
    }

    public static Builder builder(Bdf address) {
        return new Builder(address);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** True for an SR-IOV virtual function ({@code pdev->is_virtfn}). */
    public boolean isVirtualFunction() {
        return physicalFunction.isPresent();
    }

    /** The BAR with this index, if implemented. */
    public Optional<Bar> bar(int index) {
        return bars.stream().filter(b -> b.index() == index).findFirst();
    }

    /** The coarse device kind, for icons and for telling initiators from plumbing. */
    public DeviceKind kind() {
        return DeviceKind.of(this);
    }

    /** A one-line label: {@code 03:00.0 NVIDIA T4}. */
    public String label() {
        return address.shortText() + " " + identity.displayName();
    }

    /** Mutable builder; every field starts unknown. */
    public static final class Builder {
        private Bdf address;
        private PciIdentity identity = PciIdentity.UNKNOWN;
        private Optional<PortType> portType = Optional.empty();
        private OptionalInt headerType = OptionalInt.empty();
        private Optional<Boolean> multifunction = Optional.empty();
        private Optional<Bridge> bridge = Optional.empty();
        private List<Bar> bars = List.of();
        private Optional<Acs> acs = Optional.empty();
        private Optional<Boolean> ats = Optional.empty();
        private Optional<Boolean> pasid = Optional.empty();
        private Optional<Boolean> pri = Optional.empty();
        private Optional<Sriov> sriov = Optional.empty();
        private Optional<Bdf> physicalFunction = Optional.empty();
        private Optional<Link> link = Optional.empty();
        private OptionalInt numaNode = OptionalInt.empty();
        private Optional<String> driver = Optional.empty();
        private DmaParameters dma = DmaParameters.UNKNOWN;
        private List<P2pMemory> p2pMemory = List.of();
        private Optional<Boolean> untrusted = Optional.empty();
        private Optional<Boolean> externalFacing = Optional.empty();
        private OptionalInt iommuGroup = OptionalInt.empty();
        private Provenance provenance = Provenance.NONE;

        private Builder(Bdf address) {
            this.address = Objects.requireNonNull(address);
        }

        private Builder(PciFunction f) {
            address = f.address;
            identity = f.identity;
            portType = f.portType;
            headerType = f.headerType;
            multifunction = f.multifunction;
            bridge = f.bridge;
            bars = f.bars;
            acs = f.acs;
            ats = f.ats;
            pasid = f.pasid;
            pri = f.pri;
            sriov = f.sriov;
            physicalFunction = f.physicalFunction;
            link = f.link;
            numaNode = f.numaNode;
            driver = f.driver;
            dma = f.dma;
            p2pMemory = f.p2pMemory;
            untrusted = f.untrusted;
            externalFacing = f.externalFacing;
            iommuGroup = f.iommuGroup;
            provenance = f.provenance;
        }

        public Builder address(Bdf v) { address = Objects.requireNonNull(v); return this; }
        public Builder identity(PciIdentity v) { identity = Objects.requireNonNull(v); return this; }
        public Builder portType(PortType v) { portType = Optional.ofNullable(v); return this; }
        public Builder portType(Optional<PortType> v) { portType = v; return this; }
        public Builder headerType(int v) { headerType = OptionalInt.of(v); return this; }
        public Builder headerType(OptionalInt v) { headerType = v; return this; }
        public Builder multifunction(boolean v) { multifunction = Optional.of(v); return this; }
        public Builder multifunction(Optional<Boolean> v) { multifunction = v; return this; }
        public Builder bridge(Bridge v) { bridge = Optional.ofNullable(v); return this; }
        public Builder bridge(Optional<Bridge> v) { bridge = v; return this; }
        public Builder bars(List<Bar> v) { bars = v; return this; }
        public Builder acs(Acs v) { acs = Optional.ofNullable(v); return this; }
        public Builder acs(Optional<Acs> v) { acs = v; return this; }
        public Builder ats(Optional<Boolean> v) { ats = v; return this; }
        public Builder pasid(Optional<Boolean> v) { pasid = v; return this; }
        public Builder pri(Optional<Boolean> v) { pri = v; return this; }
        public Builder sriov(Optional<Sriov> v) { sriov = v; return this; }
        public Builder physicalFunction(Optional<Bdf> v) { physicalFunction = v; return this; }
        public Builder link(Optional<Link> v) { link = v; return this; }
        public Builder link(Link v) { link = Optional.ofNullable(v); return this; }
        public Builder numaNode(OptionalInt v) { numaNode = v; return this; }
        public Builder driver(Optional<String> v) { driver = v; return this; }
        public Builder dma(DmaParameters v) { dma = Objects.requireNonNull(v); return this; }
        public Builder p2pMemory(List<P2pMemory> v) { p2pMemory = v; return this; }
        public Builder untrusted(Optional<Boolean> v) { untrusted = v; return this; }
        public Builder externalFacing(Optional<Boolean> v) { externalFacing = v; return this; }
        public Builder iommuGroup(OptionalInt v) { iommuGroup = v; return this; }
        public Builder provenance(Provenance v) { provenance = Objects.requireNonNull(v); return this; }

        public PciFunction build() {
            return new PciFunction(address, identity, portType, headerType, multifunction, bridge, bars, acs, ats,
                    pasid, pri, sriov, physicalFunction, link, numaNode, driver, dma, p2pMemory, untrusted,
                    externalFacing, iommuGroup, provenance);
        }
    }
}
