package org.dmascope.model.kernel.matrix;

import java.util.OptionalLong;

import org.dmascope.model.kernel.p2p.P2pIndex;
import org.dmascope.model.topology.PciFunction;

/**
 * NCCL's view of the PCIe tree (NVIDIA/nccl src/graph/xml.cc, topo.cc, paths.cc):
 * <ul>
 *   <li>a device's parent is found from its sysfs path by rewinding two levels ("Rewind two / and
 *       follow the upper PCI switch, or stop if we reach a CPU root complex"): the bridge two levels
 *       up becomes a PCI node (in practice a switch upstream port); a device whose bridge one or two
 *       levels up is the root complex hangs off the CPU node of its NUMA node;</li>
 *   <li>Broadcom PEX switches absorb their sub-switch ({@code ncclTopoFlattenBcmSwitches},
 *       {@code getBcmGen}, NVIDIA/nccl master of 2026-06; id = vendor:device:subvendor:subdevice): Gen4 in
 *       base mode, {@code (id & 0xfffffffffffff000) == 0x1000c0101000a000}, below a Gen4 switch; Gen5,
 *       {@code 0x1000c03010000000} for the switch and {@code 0x1000c03010001000} for its sub-switch;</li>
 *   <li>{@code ncclTopoSetPaths}: a GPU/NIC–PCI link is PIX, PCI–PCI is PXB, any PCI link to a CPU
 *       node is PHB, CPU–CPU is SYS; a path's type is the largest along it.</li>
 * </ul>
 */
public final class NcclTopology {

    /** Which case applied. */
    public enum Rule {
        SELF("the same device"),
        SAME_SWITCH("both attach to the same NCCL PCI switch node"),
        SEVERAL_SWITCHES("the path links NCCL PCI switch nodes to each other (PCI-PCI link)"),
        THROUGH_CPU("the path goes through the CPU (NUMA node) both attach to"),
        CROSS_CPU("the path crosses between CPU nodes (NUMA nodes)");

        private final String words;

        Rule(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** The path type, its rule, and the NCCL parent nodes met (for explanations). */
    public record Result(NcclPathType type, Rule rule, int meetingNode) {
    }

    private static final long BCM_MASK = 0xfffffffffffff000L;
    private static final long BCM_GEN4_BASE = 0x1000c0101000a000L;
    private static final long BCM_GEN5 = 0x1000c03010000000L;

    private final P2pIndex x;
    /** NCCL parent per function: &ge; 0 a PCI node (function index); &lt; 0 the CPU node of NUMA id (-parent - 2). */
    private final int[] parent;

    public NcclTopology(P2pIndex x) {
        this.x = x;
        int n = x.size();
        parent = new int[n];
        NvidiaSmiClassifier numa = new NvidiaSmiClassifier(x);
        for (int i = 0; i < n; i++) {
            int up1 = x.upstream(i);
            int up2 = up1 == -1 ? -1 : x.upstream(up1);
            parent[i] = up2 == -1 ? cpu(numa, i) : up2;
        }
        for (int i = 0; i < n; i++) {
            int q = parent[i];
            if (q < 0) continue;
            int s = parent[q];
            if (s >= 0) {
                OptionalLong ds = device64(s);
                OptionalLong dq = device64(q);
                int gen = ds.isPresent() ? broadcomGeneration(ds.getAsLong(), 0) : 0;
                if (gen != 0 && dq.isPresent() && broadcomGeneration(dq.getAsLong(), 1) == gen) {
                    parent[i] = s;
                }
            }
        }
    }

    /** NCCL's {@code getBcmGen}: 4 or 5 for a Broadcom PEX switch at that level (0 the switch, 1 a sub-switch). */
    static int broadcomGeneration(long id, int level) {
        if ((id & BCM_MASK) == BCM_GEN4_BASE) return 4;
        if ((id & BCM_MASK) == (BCM_GEN5 | level * 0x1000L)) return 5;
        return 0;
    }

    private static int cpu(NvidiaSmiClassifier numa, int i) {
        return -numa.numa(i).orElse(-1) - 2;
    }

    /** NCCL's 64-bit {@code pci.device}: vendor, device, subsystem vendor, subsystem device. */
    OptionalLong device64(int i) {
        PciFunction f = x.function(i);
        var id = f.identity();
        if (id.vendorId().isEmpty() || id.deviceId().isEmpty() || id.subsystemVendorId().isEmpty()
                || id.subsystemDeviceId().isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of((long) id.vendorId().getAsInt() << 48 | (long) id.deviceId().getAsInt() << 32
                | (long) id.subsystemVendorId().getAsInt() << 16 | id.subsystemDeviceId().getAsInt());
    }

    /** The NCCL parent of a function: a PCI node index (&ge; 0) or a CPU node (&lt; 0). */
    public int parentOf(int i) {
        return parent[i];
    }

    /** The NUMA id of a CPU node value returned by {@link #parentOf}. */
    public static int numaOfCpu(int cpuNode) {
        return -cpuNode - 2;
    }

    public Result classify(int a, int b) {
        if (a == b) return new Result(NcclPathType.PATH_LOC, Rule.SELF, -1);
        boolean pciPciA = false;
        for (int pa = parent[a], depthA = 0; depthA < 300; depthA++) {
            boolean pciPciB = false;
            for (int pb = parent[b], depthB = 0; depthB < 300; depthB++) {
                if (pa == pb) {
                    if (pa >= 0) {
                        boolean pxb = pciPciA || pciPciB;
                        return pxb ? new Result(NcclPathType.PATH_PXB, Rule.SEVERAL_SWITCHES, pa)
                                : new Result(NcclPathType.PATH_PIX, Rule.SAME_SWITCH, pa);
                    }
                    return new Result(NcclPathType.PATH_PHB, Rule.THROUGH_CPU, pa);
                }
                if (pb < 0) break;
                int next = parent[pb];
                if (next >= 0) pciPciB = true;
                pb = next;
            }
            if (pa < 0) break;
            int next = parent[pa];
            if (next >= 0) pciPciA = true;
            pa = next;
        }
        return new Result(NcclPathType.PATH_SYS, Rule.CROSS_CPU, -1);
    }
}
