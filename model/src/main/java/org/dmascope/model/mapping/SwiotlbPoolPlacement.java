package org.dmascope.model.mapping;

import java.util.List;

import org.dmascope.model.kernel.dma.KernelArith;
import org.dmascope.model.kernel.swiotlb.SwiotlbSizing;
import org.dmascope.model.topology.AddressRange;
import org.dmascope.model.topology.NumaNode;
import org.dmascope.model.topology.Topology;

/**
 * Where the default swiotlb pool lies and how many areas it has: what the topology reports, else
 * 64 MiB ({@code IO_TLB_DEFAULT_SIZE}) at the top of System RAM below 4 GiB (boot allocates it with
 * {@code memblock_alloc_low}, top-down), and one area per possible CPU rounded to a power of two
 * (one when the CPU count is unknown).
 */
public final class SwiotlbPoolPlacement {
    private SwiotlbPoolPlacement() {
    }

    public static SwiotlbSizing of(Topology t, boolean forceBounce, List<String> notes) {
        return of(t, forceBounce, notes, org.dmascope.model.kernel.profile.KernelProfile.MAINLINE);
    }

    /** As {@link #of(Topology, boolean, List)}; kernels before v6.0 have no areas (one index, one lock). */
    public static SwiotlbSizing of(Topology t, boolean forceBounce, List<String> notes,
            org.dmascope.model.kernel.profile.KernelProfile profile) {
        long size = t.platform().swiotlb().size().orElse(SwiotlbSizing.IO_TLB_DEFAULT_SIZE);
        long start;
        if (t.platform().swiotlb().start().isPresent()) {
            start = t.platform().swiotlb().start().getAsLong();
        } else {
            start = defaultStart(t, size);
            notes.add("swiotlb pool address unknown: placed at the top of RAM below 4 GiB, " + String.format("0x%x",
                    start));
        }
        int cpus = cpuCount(t);
        if (!profile.atLeast(6, 0)) {
            if (cpus > 1) notes.add("swiotlb areas arrived in v6.0: " + profile.label()
                    + " searches one pool-wide index");
            cpus = 1;
        } else if (cpus == 0) {
            cpus = 1;
            notes.add("CPU count unknown: the swiotlb pool is modelled with one area");
        }
        return SwiotlbSizing.of(start, size, cpus, forceBounce);
    }

    static long defaultStart(Topology t, long size) {
        long best = -1;
        for (NumaNode n : t.numaNodes()) {
            for (AddressRange r : n.memory()) {
                long end = Math.min(r.end() + 1, 1L << 32);
                long start = KernelArith.alignDown(end - size, KernelArith.PAGE_SIZE);
                if (end > r.start() && start >= r.start() && start > best) best = start;
            }
        }
        return best < 0 ? 0x5000_0000L : best;
    }

    /** Counts CPUs from the nodes' {@code cpus} lists ({@code 0-15,32-47}); 0 when none is known. */
    static int cpuCount(Topology t) {
        int n = 0;
        for (NumaNode node : t.numaNodes()) {
            if (node.cpus().isEmpty()) continue;
            for (String part : node.cpus().get().split(",")) {
                part = part.trim();
                if (part.isEmpty()) continue;
                try {
                    int dash = part.indexOf('-');
                    if (dash < 0) n++;
                    else n += Integer.parseInt(part.substring(dash + 1).trim()) - Integer.parseInt(part.substring(0,
                            dash).trim()) + 1;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return n;
    }
}
