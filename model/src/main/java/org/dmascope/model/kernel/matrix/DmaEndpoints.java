package org.dmascope.model.kernel.matrix;

import java.util.List;

import org.dmascope.model.topology.DeviceKind;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Topology;

/**
 * Which functions the P2P matrix lists: functions that do DMA of their own. A function counts when
 * it is not plumbing (no bridge header, not a root/switch port, not a PCIe/PCI bridge or event
 * collector) and its {@link DeviceKind#isDmaInitiator()}: GPUs, accelerators, NVMe and other storage,
 * network, USB, audio and unclassified devices. SR-IOV VFs count like their PF. Host bridges and
 * system peripherals (IOMMU units, timers, the Ice Lake VT-d/memory-map function) do not.
 */
public final class DmaEndpoints {
    private DmaEndpoints() {
    }

    public static boolean counts(PciFunction f) {
        if (f.bridge().isPresent()) return false;
        if (f.portType().isPresent()) {
            PortType t = f.portType().get();
            if (t.isBridgePort() || t == PortType.RC_EVENT_COLLECTOR) return false;
        }
        return f.kind().isDmaInitiator();
    }

    /** The counted functions in address order. */
    public static List<PciFunction> of(Topology t) {
        return t.functions().stream().filter(DmaEndpoints::counts).toList();
    }
}
