package org.dmascope.model.kernel.matrix;

import java.util.OptionalInt;

import org.dmascope.model.kernel.p2p.P2pIndex;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PortType;

/**
 * The nvidia-smi style class of a pair, from the NVML topology levels (nvidia-smi's legend; NVML is
 * closed source, so the classes are derived from their documented meaning):
 * <ul>
 *   <li>X: the same function;</li>
 *   <li>PIX: the chains meet below the host bridge and the path crosses at most one PCIe bridge,
 *       counting a switch (its upstream port and downstream ports) as one;</li>
 *   <li>PXB: they meet below the host bridge across several switches/bridges;</li>
 *   <li>PHB: they only meet in the host bridge (different root ports of one host bridge);</li>
 *   <li>NODE: different host bridges in the same NUMA node (same node assumed when unknown);</li>
 *   <li>SYS: host bridges in different NUMA nodes.</li>
 * </ul>
 */
public final class NvidiaSmiClassifier {

    /** Which case of the legend applied. */
    public enum Rule {
        SELF("the same function"),
        ONE_BRIDGE("the path crosses at most one PCIe bridge (one switch counts once)"),
        SEVERAL_BRIDGES("the path crosses several PCIe bridges/switches without reaching the host bridge"),
        SAME_HOST_BRIDGE("the devices only meet in their host bridge"),
        SAME_NUMA_NODE("different host bridges in the same NUMA node"),
        NUMA_UNKNOWN("different host bridges; NUMA nodes unknown, the same node is assumed"),
        OTHER_NUMA_NODE("host bridges in different NUMA nodes");

        private final String words;

        Rule(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** The label, its rule and the number of switches/bridges crossed (for explanations). */
    public record Result(NvidiaSmiLabel label, Rule rule, int bridges) {
    }

    private final P2pIndex x;
    private final int[] stamp;
    private int currentRow = -1;
    private final int[] scratch = new int[64];

    public NvidiaSmiClassifier(P2pIndex x) {
        this.x = x;
        this.stamp = new int[x.size()];
        java.util.Arrays.fill(stamp, -1);
    }

    public Result classify(int a, int b) {
        if (a == b) return new Result(NvidiaSmiLabel.X, Rule.SELF, 0);
        markRow(a);
        int common = -1;
        for (int n = b; n != -1; n = x.upstream(n)) {
            if (stamp[n] == a) {
                common = n;
                break;
            }
        }
        if (common != -1) {
            int bridges = countBridges(a, b, common);
            return bridges <= 1 ? new Result(NvidiaSmiLabel.PIX, Rule.ONE_BRIDGE, bridges)
                    : new Result(NvidiaSmiLabel.PXB, Rule.SEVERAL_BRIDGES, bridges);
        }
        if (x.rootBus(a) == x.rootBus(b)) return new Result(NvidiaSmiLabel.PHB, Rule.SAME_HOST_BRIDGE, 0);
        OptionalInt na = numa(a);
        OptionalInt nb = numa(b);
        if (na.isEmpty() || nb.isEmpty()) return new Result(NvidiaSmiLabel.NODE, Rule.NUMA_UNKNOWN, 0);
        return na.getAsInt() == nb.getAsInt() ? new Result(NvidiaSmiLabel.NODE, Rule.SAME_NUMA_NODE, 0)
                : new Result(NvidiaSmiLabel.SYS, Rule.OTHER_NUMA_NODE, 0);
    }

    private void markRow(int a) {
        if (currentRow == a) return;
        for (int n = a; n != -1; n = x.upstream(n)) {
            stamp[n] = a;
        }
        currentRow = a;
    }

    /** Bridges strictly between a and b (the common device included), a switch's ports counted once. */
    private int countBridges(int a, int b, int common) {
        int k = 0;
        if (common != a) {
            for (int n = x.upstream(a); n != -1; n = x.upstream(n)) {
                if (n == b) break;
                scratch[k++] = switchKey(n);
                if (n == common || k >= scratch.length) break;
            }
        }
        if (common != b) {
            for (int n = x.upstream(b); n != -1 && n != common && n != a && k < scratch.length; n = x.upstream(n)) {
                scratch[k++] = switchKey(n);
            }
        }
        int distinct = 0;
        for (int i = 0; i < k; i++) {
            boolean seen = false;
            for (int j = 0; j < i; j++) {
                if (scratch[j] == scratch[i]) {
                    seen = true;
                    break;
                }
            }
            if (!seen) distinct++;
        }
        return distinct;
    }

    private int switchKey(int n) {
        PciFunction f = x.function(n);
        if (f.portType().orElse(null) == PortType.SWITCH_DOWNSTREAM) {
            int up = x.upstream(n);
            if (up != -1 && x.function(up).portType().orElse(null) == PortType.SWITCH_UPSTREAM) return up;
        }
        return n;
    }

    OptionalInt numa(int i) {
        PciFunction f = x.function(i);
        if (f.numaNode().isPresent()) return f.numaNode();
        return x.rootBusObject(x.rootBus(i)).host().map(h -> h.numaNode()).orElse(OptionalInt.empty());
    }
}
