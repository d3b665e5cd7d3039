package org.dmascope.model.mapping;

import java.util.List;

import org.dmascope.model.kernel.dma.KernelArith;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.platform.SwiotlbParameter;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.kernel.swiotlb.SwiotlbPool;
import org.dmascope.model.kernel.swiotlb.SwiotlbSizing;
import org.dmascope.model.topology.AddressRange;
import org.dmascope.model.topology.NumaNode;
import org.dmascope.model.topology.Topology;

/**
 * Where the default swiotlb pool lies and how large it is: the size {@code swiotlb=N[,A]} asks for (R-CMD-8),
 * else the one the topology reports, else 64 MiB ({@code IO_TLB_DEFAULT_SIZE}), sized as boot sizes it
 * (R-TLB-1); at the address the topology reports, else at the top of System RAM below 4 GiB (boot allocates
 * it with {@code memblock_alloc_low}, top-down); one area per possible CPU rounded to a power of two (one
 * when the CPU count is unknown) unless {@code swiotlb=N,A} names the count.
 */
public final class SwiotlbPoolPlacement {
    private SwiotlbPoolPlacement() {
    }

    /** The pool under the topology's own platform facts (mainline). */
    public static SwiotlbSizing of(Topology t, boolean forceBounce, List<String> notes) {
        return of(t, forceBounce, notes, KernelProfile.MAINLINE);
    }

    /** As {@link #of(Topology, boolean, List)}; kernels before v6.0 have no areas (one index, one lock). */
    public static SwiotlbSizing of(Topology t, boolean forceBounce, List<String> notes, KernelProfile profile) {
        return of(t, PlatformAssumptions.resolve(t, PlatformOverrides.NONE.withProfile(profile)), forceBounce, notes);
    }

    /** The pool under resolved platform facts and command line. */
    public static SwiotlbSizing of(Topology t, PlatformAssumptions a, boolean forceBounce, List<String> notes) {
        KernelProfile profile = a.profile();
        SwiotlbParameter sp = a.swiotlb();
        int cpus = cpuCount(t);
        boolean areas = profile.atLeast(6, 0);
        String areaNote = null;
        if (!areas) {
            if (cpus > 1) areaNote = "swiotlb areas arrived in v6.0: " + profile.label()
                    + " searches one pool-wide index";
            cpus = 1;
        } else if (cpus == 0 && sp.nareas().isEmpty()) {
            cpus = 1;
            areaNote = "CPU count unknown: the swiotlb pool is modelled with one area";
        }
        SwiotlbSizing s;
        if (sp.nslabs().isEmpty() && a.swiotlbReportedBytes().isPresent()) {
            s = SwiotlbSizing.of(0, a.swiotlbReportedBytes().getAsLong(), cpus, forceBounce);
        } else {
            long nslabs = sp.nslabs().orElse(SwiotlbSizing.IO_TLB_DEFAULT_SIZE >>> SwiotlbPool.IO_TLB_SHIFT);
            s = SwiotlbSizing.atBoot(0, nslabs, sp.nareas(), cpus, areas, forceBounce);
            if (sp.nslabs().isPresent() && s.nslabs() != sp.nslabs().getAsLong()) {
                notes.add("swiotlb=" + sp.nslabs().getAsLong() + " slabs rounded to " + s.nslabs()
                        + " (\"SWIOTLB bounce buffer size roundup to " + (s.bytes() >> 20) + "MB\")");
            }
        }
        long start;
        if (t.platform().swiotlb().start().isPresent()) {
            start = t.platform().swiotlb().start().getAsLong();
        } else {
            start = defaultStart(t, s.bytes());
            notes.add("swiotlb pool address unknown: placed at the top of RAM below 4 GiB, " + String.format("0x%x",
                    start));
        }
        if (areaNote != null) notes.add(areaNote);
        return new SwiotlbSizing(start, s.nslabs(), s.nareas(), s.forceBounce());
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
