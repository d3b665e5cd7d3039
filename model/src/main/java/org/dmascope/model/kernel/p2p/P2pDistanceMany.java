package org.dmascope.model.kernel.p2p;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.topology.Bdf;

/**
 * R-P2P-6 {@code pci_p2pdma_distance_many(provider, clients, n, verbose)} (drivers/pci/p2pdma.c):
 * no clients, or a client with no PCI ancestor, gives -1; otherwise the distances of every pair add
 * up, and any NOT_SUPPORTED pair makes the result -1 (a non-verbose call stops at the first one).
 * THRU_HOST_BRIDGE pairs count with their plain hop distance.
 */
@KernelRule("R-P2P-6")
public final class P2pDistanceMany {
    private P2pDistanceMany() {
    }

    /**
     * @param distance the kernel's return value (-1 = not usable)
     * @param pairs    the per-client verdicts computed before the walk stopped
     * @param reason   a sentence
     */
    public record Result(int distance, List<P2pVerdict> pairs, String reason) {
        public Result {
            pairs = List.copyOf(pairs);
        }
    }

    public static Result evaluate(P2pIndex x, Bdf provider, List<P2pClient> clients, boolean verbose) {
        if (clients.isEmpty()) return new Result(-1, List.of(), "no clients: pci_p2pdma_distance_many() returns -1");
        Optional<Integer> p = x.indexOf(provider);
        if (p.isEmpty()) throw new IllegalArgumentException("provider " + provider + " is not in the topology");
        List<P2pVerdict> pairs = new ArrayList<>();
        int total = 0;
        boolean notSupported = false;
        String firstFailure = null;
        for (P2pClient c : clients) {
            Optional<Bdf> parent = c.parentPciDevice();
            Optional<Integer> ci = parent.flatMap(x::indexOf);
            if (ci.isEmpty()) {
                return new Result(-1, pairs,
                        c.name() + " cannot be used for peer-to-peer DMA as it is not a PCI device "
                        + "(no PCI ancestor): -1");
            }
            P2pVerdict v = MapTypeCalculator.verdict(x, p.get(), ci.get());
            pairs.add(v);
            if (v.mapType() == P2pMapType.NOT_SUPPORTED) {
                notSupported = true;
                if (firstFailure == null) firstFailure = c.name() + ": " + v.reason();
            }
            if (notSupported && !verbose) break;
            total += v.distance();
        }
        if (notSupported) return new Result(-1, pairs, "a client cannot use the provider, so the result is -1 ("
                + firstFailure + ")");
        return new Result(total, pairs, "sum of " + pairs.size() + " distance(s) = " + total);
    }
}
