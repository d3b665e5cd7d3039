package org.dmascope.views.mapping;

import java.util.Optional;

import org.dmascope.model.kernel.matrix.DmaEndpoints;
import org.dmascope.model.topology.DeviceKind;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.topology.TopologyItem;

/**
 * Which canvas items a dragged buffer can be dropped on: functions that do DMA of their own (the
 * P2P matrix's {@link DmaEndpoints}), except the provider of a P2P buffer itself. Every refusal says
 * why in words a newcomer understands.
 */
public final class DropTargets {
    private DropTargets() {
    }

    /** Empty when {@code item} can map a buffer from {@code source}; else why not. */
    public static Optional<String> refusal(Topology t, BufferSource source, TopologyItem item) {
        if (item instanceof TopologyItem.Host) {
            return Optional.of("a host bridge is where DMA ends up, not a device that starts it");
        }
        if (item instanceof TopologyItem.Numa) {
            return Optional.of("drop the buffer on a PCI device: the device, not the memory, does the DMA");
        }
        TopologyItem.Device d = (TopologyItem.Device) item;
        Optional<PciFunction> found = t == null ? Optional.empty() : t.function(d.address());
        if (found.isEmpty()) return Optional.of(d.address() + " is not in this topology");
        PciFunction f = found.get();
        if (source instanceof BufferSource.P2pMem p && p.provider().equals(f.address())) {
            return Optional.of("this is the provider itself: a device reaches its own BAR without a DMA mapping");
        }
        if (source instanceof BufferSource.DmaBufBar x && x.exporter().equals(f.address())) {
            return Optional.of("this is the exporter itself: a device reaches its own BAR without a dma-buf");
        }
        if (DmaEndpoints.counts(f)) return Optional.empty();
        return Optional.of(whyNoDma(f));
    }

    private static String whyNoDma(PciFunction f) {
        if (f.portType().isPresent()) {
            PortType p = f.portType().get();
            switch (p) {
                case SWITCH_UPSTREAM:
                case SWITCH_DOWNSTREAM:
                    return "a PCIe switch port does not initiate DMA: it only forwards TLPs";
                case ROOT_PORT:
                    return "a root port does not initiate DMA: it only forwards TLPs";
                case PCIE_TO_PCI_BRIDGE:
                case PCI_TO_PCIE_BRIDGE:
                    return "a bridge does not initiate DMA: it only forwards TLPs";
                case RC_EVENT_COLLECTOR:
                    return "a root complex event collector does not do DMA";
                default:
                    break;
            }
        }
        if (f.bridge().isPresent()) return "a bridge does not initiate DMA: it only forwards TLPs";
        if (f.kind() == DeviceKind.HOST_BRIDGE) return "the host bridge function does not initiate DMA";
        if (f.kind() == DeviceKind.SYSTEM) return "a system peripheral (" + f.identity().displayName()
                + ") does no DMA of its own";
        return "this function does no DMA of its own";
    }
}
