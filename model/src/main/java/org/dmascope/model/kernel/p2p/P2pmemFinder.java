package org.dmascope.model.kernel.p2p;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

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

    /**
     * A provider that was scored.
     *
     * @param assumed its P2P memory is not in the input but assumed "if a driver registered it"
     *                ({@code AssumedMachine}): the input cannot show what a driver registered or published
     */
    public record Candidate(Bdf provider, int distance, String reason, boolean assumed) {
    }

    /**
     * @param chosen     the provider the kernel would return, if any
     * @param best       every provider tied at the smallest distance (the random choice is among these)
     * @param scored     every published provider with its distance (-1 = unusable)
     * @param reason     a sentence; where the answer rests on assumed P2P memory, also what it would be otherwise
     */
    public record Result(Optional<Bdf> chosen, List<Candidate> best, List<Candidate> scored, String reason) {
        public Result {
            best = List.copyOf(best);
            scored = List.copyOf(scored);
        }
    }

    /**
     * The kernel's answer on the machine as the rules run it. Where that rests on P2P memory the input does not
     * show (offered "if a driver registered it"), the reason says so and gives the answer the other way: without
     * the assumed memory when an assumed provider is among the closest, or with it published when nothing is
     * (a GPU driver that registers its BAR does not publish it; whether one published it the input cannot show).
     */
    public static Result find(P2pIndex x, List<P2pClient> clients, RandomSource random) {
        Result asRun = search(x, clients, random, P2pMemory::published);
        if (asRun.best().stream().anyMatch(Candidate::assumed)) {
            Result without = search(x, clients, random, m -> m.published() && !m.candidate());
            return new Result(asRun.chosen(), asRun.best(), asRun.scored(), asRun.reason() + ". Assumed: the "
                    + "input cannot show whether a driver registered and published that memory; if none did, "
                    + "pci_p2pmem_find_many would return " + answer(without));
        }
        List<Bdf> unpublished = assumedUnpublished(x);
        if (asRun.chosen().isEmpty() && !unpublished.isEmpty()) {
            Result published = search(x, clients, random, m -> m.published() || m.candidate());
            return new Result(asRun.chosen(), asRun.best(), asRun.scored(), asRun.reason() + ". Assumed: "
                    + some(unpublished) + (unpublished.size() == 1 ? " has" : " have")
                    + " P2P memory registered but not published (pci_p2pmem_publish); the input cannot show "
                    + "either. If it were published, pci_p2pmem_find_many would return " + answer(published));
        }
        return asRun;
    }

    /** R-P2P-7 itself, over the memory {@code counts} takes as published. */
    private static Result search(P2pIndex x, List<P2pClient> clients, RandomSource random,
            Predicate<P2pMemory> counts) {
        int best = Integer.MAX_VALUE;
        List<Candidate> ties = new ArrayList<>();
        List<Candidate> scored = new ArrayList<>();
        for (PciFunction f : x.topology().hierarchy().kernelOrder()) {
            List<P2pMemory> published = f.p2pMemory().stream().filter(counts).toList();
            if (published.isEmpty()) continue;
            P2pDistanceMany.Result d = P2pDistanceMany.evaluate(x, f.address(), clients, false);
            Candidate c = new Candidate(f.address(), d.distance(), d.reason(),
                    published.stream().allMatch(P2pMemory::candidate));
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

    /** The devices whose only P2P memory is assumed and unpublished, in the kernel's order. */
    private static List<Bdf> assumedUnpublished(P2pIndex x) {
        List<Bdf> out = new ArrayList<>();
        for (PciFunction f : x.topology().hierarchy().kernelOrder()) {
            if (!f.p2pMemory().isEmpty() && f.p2pMemory().stream().allMatch(m -> m.candidate() && !m.published())) {
                out.add(f.address());
            }
        }
        return out;
    }

    /** The first four devices and how many more. */
    private static String some(List<Bdf> devices) {
        String named = devices.stream().limit(4).map(Bdf::toString).collect(Collectors.joining(", "));
        return devices.size() > 4 ? named + " and " + (devices.size() - 4) + " more" : named;
    }

    private static String answer(Result r) {
        return r.chosen().map(Bdf::toString).orElse("NULL") + " (" + r.reason() + ")";
    }
}
