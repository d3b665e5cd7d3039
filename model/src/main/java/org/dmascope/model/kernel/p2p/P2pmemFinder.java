package org.dmascope.model.kernel.p2p;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.P2pMemory;
import org.dmascope.model.topology.PciFunction;

/**
 * R-P2P-7 {@code pci_p2pmem_find_many(clients, n)} (drivers/pci/p2pdma.c): over all PCI devices in
 * the kernel's device list order, those with published P2P memory (a pool registered with
 * {@code pci_p2pdma_add_resource()} and {@code pci_p2pmem_publish()}) are scored with
 * {@link P2pDistanceMany} (non-verbose); the smallest distance wins, up to PAGE_SIZE/8 = 512 ties are
 * kept, and one of the ties is picked with {@code get_random_u32_below()}.
 */
@KernelRule("R-P2P-7")
public final class P2pmemFinder {
    /** {@code PAGE_SIZE / sizeof(struct pci_dev *)} on a 64-bit kernel with 4 KiB pages. */
    public static final int MAX_TIES = 4096 / 8;

    private P2pmemFinder() {
    }

    /** A provider that was scored. */
    public record Candidate(Bdf provider, int distance, String reason) {
    }

    /**
     * @param chosen     the provider the kernel would return, if any
     * @param best       every provider tied at the smallest distance (the random choice is among these)
     * @param scored     every published provider with its distance (-1 = unusable)
     * @param reason     a sentence
     */
    public record Result(Optional<Bdf> chosen, List<Candidate> best, List<Candidate> scored, String reason) {
        public Result {
            best = List.copyOf(best);
            scored = List.copyOf(scored);
        }
    }

    public static boolean hasPublishedP2pmem(PciFunction f) {
        return f.p2pMemory().stream().anyMatch(P2pMemory::published);
    }

    public static Result find(P2pIndex x, List<P2pClient> clients, RandomSource random) {
        int best = Integer.MAX_VALUE;
        List<Candidate> ties = new ArrayList<>();
        List<Candidate> scored = new ArrayList<>();
        for (PciFunction f : x.topology().hierarchy().kernelOrder()) {
            if (!hasPublishedP2pmem(f)) continue;
            P2pDistanceMany.Result d = P2pDistanceMany.evaluate(x, f.address(), clients, false);
            Candidate c = new Candidate(f.address(), d.distance(), d.reason());
            scored.add(c);
            if (d.distance() < 0 || d.distance() > best) continue;
            if (d.distance() == best && ties.size() >= MAX_TIES) continue;
            if (d.distance() < best) {
                ties.clear();
                best = d.distance();
            }
            ties.add(c);
        }
        if (ties.isEmpty()) {
            return new Result(Optional.empty(), ties, scored, scored.isEmpty()
                    ? "no device has published P2P memory" : "no published provider can serve every client");
        }
        Candidate pick = ties.get(random.below(ties.size()));
        String why = ties.size() == 1
                ? pick.provider() + " is the closest published provider (distance " + best + ")"
                : ties.size() + " published providers tie at distance " + best + "; the kernel picks one at random "
                + "(get_random_u32_below), here " + pick.provider();
        return new Result(Optional.of(pick.provider()), ties, scored, why);
    }
}
