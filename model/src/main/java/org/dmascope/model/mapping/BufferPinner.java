package org.dmascope.model.mapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.dmascope.model.kernel.dma.P2pBusOffset;
import org.dmascope.model.kernel.dma.P2pProvider;
import org.dmascope.model.kernel.sg.ScatterList;
import org.dmascope.model.topology.AddressRange;
import org.dmascope.model.topology.Bar;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.NumaNode;
import org.dmascope.model.topology.P2pMemory;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;

/**
 * The pin step: turns a buffer spec into pages. Host pages come from the node's System RAM (never
 * the first MiB, never the swiotlb pool), placed deterministically from the seed: contiguous, or
 * scattered in short runs of neighbouring pages the way a busy page allocator hands them out, or in
 * huge pages; a page is never used twice. P2P pages are the provider BAR's, inside memory its driver
 * registered with {@code pci_p2pdma_add_resource}.
 */
public final class BufferPinner {
    private static final long PAGE = 4096;
    private static final long LOW_RESERVED = 1L << 20;
    /**
     * A scattered run continues with the next physical page with a chance of a quarter: when the top
     * two bits of a draw are zero, which is exactly {@code nextDouble() < 0.25} without the conversion.
     */
    private static final int RUN_CONTINUES_SHIFT = 62;

    private BufferPinner() {
    }

    /**
     * @param exclude a physical range no page may use (the swiotlb pool), or null
     * @throws IllegalArgumentException when the buffer cannot exist in this topology
     */
    public static PinnedBuffer pin(BufferSpec spec, Topology t, AddressRange exclude) {
        if (spec instanceof BufferSpec.Host h) return host(h, t, exclude);
        if (spec instanceof BufferSpec.DmaBuf d) return dmabuf(d, t);
        if (spec instanceof BufferSpec.Sg s) return sg(s, t, exclude);
        return bar((BufferSpec.Bar) spec, t);
    }

    /**
     * An explicit scatterlist: the host entries of each node lie one after another in one contiguous run of the
     * node's RAM (placed by the seed, as a contiguous host buffer), every entry starting on a page of its own at
     * its offset; the P2P entries of each provider BAR lie one after another in its registered P2P memory the
     * same way; an entry at an address is where it says. Each entry is physically contiguous, as an entry must be.
     */
    private static PinnedBuffer sg(BufferSpec.Sg s, Topology t, AddressRange exclude) {
        List<BufferSpec.SgEntry> es = s.entries();
        Map<Integer, Long> nodePages = new LinkedHashMap<>();
        Map<BufferSpec.SgEntry.InBar, Long> barPages = new LinkedHashMap<>();
        long totalPages = 0;
        for (BufferSpec.SgEntry e : es) {
            totalPages += e.pages();
            if (e.place() instanceof BufferSpec.SgEntry.OnNode n) nodePages.merge(n.node(), e.pages(), Long::sum);
            if (e.place() instanceof BufferSpec.SgEntry.InBar b) barPages.merge(b, e.pages(), Long::sum);
        }
        if (totalPages > Integer.MAX_VALUE / 2) throw new IllegalArgumentException("scatterlist too large to model "
                + "page by page (at most " + (Integer.MAX_VALUE / 2) + " pages of 4 KiB)");
        Map<Integer, PinnedBuffer> onNode = new HashMap<>();
        for (Map.Entry<Integer, Long> n : nodePages.entrySet()) {
            PageLayout contiguous = new PageLayout(PageLayout.Kind.CONTIGUOUS, s.seed(), OptionalLong.empty(), null);
            onNode.put(n.getKey(), host(new BufferSpec.Host(n.getKey(), n.getValue() * PAGE, 0, contiguous,
                    s.direction()), t, exclude));
        }
        Map<BufferSpec.SgEntry.InBar, PinnedBuffer> inBar = new HashMap<>();
        List<BufferSpec.SgEntry.InBar> providerOrder = new ArrayList<>(barPages.keySet());
        List<P2pProvider> providers = new ArrayList<>();
        for (BufferSpec.SgEntry.InBar b : providerOrder) {
            PciFunction f = t.function(b.provider()).orElseThrow(() -> new IllegalArgumentException("provider "
                    + b.provider() + " is not in the topology"));
            long start = f.p2pMemory().stream().filter(m -> m.bar() == b.bar()).mapToLong(P2pMemory::offset).min()
                    .orElse(0);
            PinnedBuffer pb = bar(new BufferSpec.Bar(b.provider(), b.bar(), start, barPages.get(b) * PAGE,
                    s.direction()), t);
            inBar.put(b, pb);
            providers.add(pb.provider());
        }
        Map<Object, Integer> cursor = new HashMap<>();
        long[] pages = new long[(int) totalPages];
        long[] phys = new long[es.size()];
        long[] len = new long[es.size()];
        int[] prov = new int[es.size()];
        int pi = 0;
        for (int i = 0; i < es.size(); i++) {
            BufferSpec.SgEntry e = es.get(i);
            long first;
            prov[i] = ScatterList.NO_PROVIDER;
            if (e.place() instanceof BufferSpec.SgEntry.At a) {
                first = a.phys() & -PAGE;
                long end = a.phys() + e.length();
                if (t.numaNodes().stream().noneMatch(n -> inRam(n, first, end - first))) {
                    throw new IllegalArgumentException("entry " + i + ": " + Hex.addr(a.phys()) + "+"
                            + Hex.addr(e.length()) + " is not System RAM of any node");
                }
            } else {
                PinnedBuffer from = e.place() instanceof BufferSpec.SgEntry.OnNode n ? onNode.get(n.node())
                        : inBar.get((BufferSpec.SgEntry.InBar) e.place());
                int c = cursor.getOrDefault(e.place(), 0);
                first = from.page(c);
                cursor.put(e.place(), c + (int) e.pages());
                if (e.place() instanceof BufferSpec.SgEntry.InBar b) prov[i] = providerOrder.indexOf(b);
            }
            phys[i] = first + e.offset();
            len[i] = e.length();
            for (long k = 0; k < e.pages(); k++) pages[pi++] = first + k * PAGE;
        }
        return new PinnedBuffer(pages, new PinnedEntries(phys, len, prov, providers));
    }

    private static PinnedBuffer host(BufferSpec.Host h, Topology t, AddressRange exclude) {
        NumaNode node = t.numaNodes().stream().filter(n -> n.id() == h.node()).findFirst().orElseThrow(
                () -> new IllegalArgumentException("NUMA node " + h.node() + " is not in the topology (it has "
                        + t.numaNodes().size() + " node(s))"));
        PageLayout layout = h.layout();
        long unit = layout.unit();
        long firstPage = h.offset() / PAGE;
        long offset4k = h.offset() % PAGE;
        // Checked before any sum: a size near 2^63 would wrap the page count below to a small positive number.
        long most = (Integer.MAX_VALUE / 2) * PAGE;
        if (h.size() > most || h.offset() > most) {
            throw new IllegalArgumentException("buffer too large to model page by page (at most "
                    + (Integer.MAX_VALUE / 2) + " pages of 4 KiB, just under 4 TiB)");
        }
        long nPagesL = (offset4k + h.size() + PAGE - 1) / PAGE;
        int nPages = (int) nPagesL;
        if (layout.kind() == PageLayout.Kind.EXPLICIT) {
            long[] pages = new long[nPages];
            long[] given = layout.pages();
            PfnSet seen = new PfnSet(given.length);
            for (int i = 0; i < nPages; i++) {
                long p = given[i];
                if (!inRam(node, p, PAGE)) {
                    throw new IllegalArgumentException("page " + Hex.addr(p) + " is not System RAM of node "
                            + node.id());
                }
                if (seen.contains(p)) throw new IllegalArgumentException("page " + Hex.addr(p) + " is listed twice");
                seen.add(p);
                pages[i] = p;
            }
            return new PinnedBuffer(pages, offset4k, h.size(), null);
        }
        long units = (h.offset() + h.size() + unit - 1) / unit;
        Intervals free = new Intervals(node, unit, exclude);
        long[] unitAddr;
        int runsOfUnits = -1;
        SplitMix rng = new SplitMix(layout.seed());
        if (layout.kind() == PageLayout.Kind.CONTIGUOUS) {
            long start;
            if (layout.at().isPresent()) {
                start = layout.at().getAsLong();
                if (!inRam(node, start, units * unit)) {
                    throw new IllegalArgumentException("at=" + Hex.addr(start) + ": " + ByteSize.format(units * unit)
                            + " from there is not System RAM of node " + node.id());
                }
            } else {
                start = free.pickContiguous(units, rng) * unit;
            }
            unitAddr = new long[(int) units];
            for (int i = 0; i < units; i++) unitAddr[i] = start + i * unit;
        } else {
            Placement p = scatter(free, units, layout.kind() == PageLayout.Kind.SCATTERED, rng, node, unit);
            unitAddr = p.addr;
            runsOfUnits = p.ranges;
        }
        if (unit == PAGE && unitAddr.length == nPages) return new PinnedBuffer(unitAddr, offset4k, h.size(), null,
                runsOfUnits);
        long pagesPerUnit = unit / PAGE;
        long[] pages = new long[nPages];
        for (int i = 0; i < nPages; i++) {
            long p = firstPage + i;
            pages[i] = unitAddr[(int) (p / pagesPerUnit)] + (p % pagesPerUnit) * PAGE;
        }
        return new PinnedBuffer(pages, offset4k, h.size(), null);
    }

    /** Placed units and how many physically contiguous ranges they form (-1: not counted). */
    private record Placement(long[] addr, int ranges) {
    }

    /** Longest run of neighbouring pages in a scattered layout. */
    private static final int MAX_RUN = 8;

    /**
     * Scattered placement. The node's usable RAM is cut into one stratum per page of the buffer; a
     * run of pages starting at buffer page {@code j} goes to stratum {@code (a * j + b) mod pages}
     * (a random affine permutation: consecutive buffer pages land far apart, in no physical order),
     * at a random place inside that stratum. Distinct start pages have distinct strata, so no page is
     * used twice and no lookup table is needed. A buffer too large for that (less than 16 pages of RAM
     * per page) is placed by random picks with a check for clashes instead.
     */
    private static Placement scatter(Intervals free, long units, boolean runs, SplitMix rng, NumaNode node, long unit) {
        if (units > free.total / 2) {
            throw new IllegalArgumentException("node " + node.id() + " has too little RAM for " + units + " scattered "
                    + ByteSize.format(unit) + " pages");
        }
        long width = free.total / units;
        if (width < 2 * MAX_RUN || free.smallest < 2 * MAX_RUN) {
            return new Placement(scatterByRejection(free, units, runs, rng, node, unit), -1);
        }
        long mul = coprimeMultiplier((int) units, rng);
        long stratum = rng.nextLong(units);
        // moving on by a run of len strata is one addition modulo units
        long[] advance = new long[MAX_RUN + 1];
        for (int len = 0; len <= MAX_RUN; len++) advance[len] = mul * len % units;
        long[] out = new long[(int) units];
        int n = 0;
        int ranges = 0;
        long nextAddr = -1;
        // the generator's state lives in a local here: no field load and store per draw
        long seed = rng.seed;
        while (n < units) {
            int len = 1;
            if (runs) {
                long left = units - n;
                while (len < left && len < MAX_RUN
                        && SplitMix.mix64(seed += SplitMix.GOLDEN_GAMMA) >>> RUN_CONTINUES_SHIFT == 0) len++;
            }
            long s0 = stratum * width;
            long bound = width - len + 1;
            long pick;
            if (bound < (1L << 31)) {
                pick = below32(SplitMix.mix32(seed += SplitMix.GOLDEN_GAMMA), bound);
            } else {
                rng.seed = seed;
                pick = rng.nextLong(bound);
                seed = rng.seed;
            }
            long v = s0 + pick;
            int iv = free.intervalOf(v);
            long ivEnd = free.cumulative[iv];
            if (v + len > ivEnd) {
                v = ivEnd + len <= s0 + width ? ivEnd : ivEnd - len;
                iv = free.intervalOf(v);
            }
            long base = (free.lo[iv] + v - (free.cumulative[iv] - (free.hi[iv] - free.lo[iv]))) * unit;
            if (base != nextAddr) ranges++;
            for (int k = 0; k < len; k++) out[n + k] = base + k * unit;
            n += len;
            nextAddr = base + len * unit;
            stratum += advance[len];
            if (stratum >= units) stratum -= units;
        }
        rng.seed = seed;
        return new Placement(out, ranges);
    }

    /** How many pages a scattered run has (see {@link #RUN_CONTINUES_SHIFT}). */
    private static int runLength(boolean runs, long left, SplitMix rng) {
        int run = 1;
        if (runs) {
            while (run < left && run < MAX_RUN && rng.nextLong() >>> RUN_CONTINUES_SHIFT == 0) run++;
        }
        return run;
    }

    private static long[] scatterByRejection(Intervals free, long units, boolean runs, SplitMix rng, NumaNode node,
            long unit) {
        long[] out = new long[(int) units];
        PfnSet used = new PfnSet((int) Math.min(units, 1 << 26));
        int n = 0;
        int failures = 0;
        while (n < units) {
            int run = runLength(runs, units - n, rng);
            long startUnit = free.pick(run, rng);
            boolean clash = startUnit < 0;
            for (int k = 0; !clash && k < run; k++) clash = used.contains(startUnit + k);
            if (clash) {
                if (++failures > 1000 + units) throw new IllegalArgumentException("could not place the pages on node "
                        + node.id());
                continue;
            }
            for (int k = 0; k < run; k++) {
                used.add(startUnit + k);
                out[n++] = (startUnit + k) * unit;
            }
        }
        return out;
    }

    /**
     * A random number in {@code [0, bound)} from a 32-bit draw by multiply-shift (Lemire), for a bound under 2^31: no
     * division per page.
     */
    private static long below32(int draw, long bound) {
        return ((draw & 0xFFFF_FFFFL) * bound) >>> 32;
    }

    /** A multiplier near the golden ratio of {@code n}, nudged by the seed, that is coprime to n. */
    private static long coprimeMultiplier(int n, SplitMix rng) {
        if (n <= 2) return 1;
        long m = (long) (n * 0.6180339887) + rng.nextInt(Math.max(1, n / 16));
        m = Math.max(1, m % n);
        while (gcd(m, n) != 1) m = m % n + 1;
        return m;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** Usable RAM of a node as intervals of whole units, for weighted random picks. */
    private static final class Intervals {
        final long[] lo;
        final long[] hi;
        final long[] cumulative;
        final long total;
        final long smallest;

        Intervals(NumaNode node, long unit, AddressRange exclude) {
            List<long[]> list = new ArrayList<>();
            for (AddressRange r : node.memory()) {
                long start = Math.max(r.start(), LOW_RESERVED);
                long end = r.end() + 1;
                if (end == 0) end = Long.MAX_VALUE;
                List<long[]> parts = new ArrayList<>();
                if (exclude != null && exclude.start() < end && exclude.end() >= start) {
                    parts.add(new long[] {start, exclude.start()});
                    parts.add(new long[] {exclude.end() + 1, end});
                } else {
                    parts.add(new long[] {start, end});
                }
                for (long[] p : parts) {
                    long ulo = (p[0] + unit - 1) / unit;
                    long uhi = p[1] / unit;
                    if (uhi > ulo) list.add(new long[] {ulo, uhi});
                }
            }
            lo = new long[list.size()];
            hi = new long[list.size()];
            cumulative = new long[list.size()];
            long t = 0;
            for (int i = 0; i < list.size(); i++) {
                lo[i] = list.get(i)[0];
                hi[i] = list.get(i)[1];
                t += hi[i] - lo[i];
                cumulative[i] = t;
            }
            total = t;
            long small = Long.MAX_VALUE;
            for (int i = 0; i < lo.length; i++) small = Math.min(small, hi[i] - lo[i]);
            smallest = small;
            if (total == 0) throw new IllegalArgumentException("node " + node.id() + " has no usable System RAM in "
                    + ByteSize.format(unit) + " pages");
        }

        /** The interval holding virtual unit {@code v}. */
        int intervalOf(long v) {
            int i = 0;
            while (cumulative[i] <= v) i++;
            return i;
        }

        /** A random start unit for a run of {@code len} units inside one interval, or -1. */
        long pick(int len, SplitMix rng) {
            long x = rng.nextLong(total);
            int i = 0;
            int a = 0;
            int b = cumulative.length - 1;
            while (a < b) {
                int m = (a + b) >>> 1;
                if (cumulative[m] > x) b = m;
                else a = m + 1;
            }
            i = a;
            long base = cumulative[i] - (hi[i] - lo[i]);
            long u = lo[i] + (x - base);
            if (u + len > hi[i]) return -1;
            return u;
        }

        long pickContiguous(long units, SplitMix rng) {
            long room = 0;
            for (int i = 0; i < lo.length; i++) room += Math.max(0, hi[i] - lo[i] - units + 1);
            if (room <= 0) throw new IllegalArgumentException("no contiguous stretch of RAM that large");
            long x = rng.nextLong(room);
            for (int i = 0; i < lo.length; i++) {
                long r = Math.max(0, hi[i] - lo[i] - units + 1);
                if (x < r) return lo[i] + x;
                x -= r;
            }
            throw new IllegalStateException();
        }
    }

    private static boolean inRam(NumaNode node, long start, long size) {
        AddressRange want = AddressRange.ofSize(start, size);
        return node.memory().stream().anyMatch(r -> r.contains(want));
    }

    private static PinnedBuffer bar(BufferSpec.Bar b, Topology t) {
        PciFunction f = t.function(b.provider()).orElseThrow(
                () -> new IllegalArgumentException("provider " + b.provider() + " is not in the topology"));
        Bar bar = f.bar(b.bar()).orElseThrow(() -> new IllegalArgumentException(b.provider() + " has no BAR "
                + b.bar()));
        if (!bar.isMemory()) throw new IllegalArgumentException(b.provider() + " BAR " + b.bar()
                + " is an I/O BAR, not memory");
        AddressRange range = bar.range().orElseThrow(
                () -> new IllegalArgumentException(b.provider() + " BAR " + b.bar()
                        + " has no known address and size"));
        long barSize = range.size();
        if (b.offset() + b.size() > barSize || b.offset() + b.size() < 0) {
            throw new IllegalArgumentException("offset " + Hex.addr(b.offset()) + " + " + ByteSize.format(b.size())
                    + " runs past the end of BAR " + b.bar() + " (" + ByteSize.format(barSize) + ")");
        }
        List<P2pMemory> regs = f.p2pMemory().stream().filter(m -> m.bar() == b.bar()).toList();
        boolean registered = regs.stream().anyMatch(m -> b.offset() >= m.offset() && b.offset() + b.size() <= m.offset()
                + m.size());
        if (!registered) {
            throw new IllegalArgumentException(b.provider() + " BAR " + b.bar() + " at offset " + Hex.addr(b.offset())
                    + " is not P2P memory its driver registered (pci_p2pdma_add_resource)"
                    + (regs.isEmpty() ? "; this BAR has none" : ""));
        }
        HostBridge hb = t.hierarchy().hostBridgeOf(f).orElse(null);
        long busOffset = P2pBusOffset.of(hb, range);
        P2pProvider provider = new P2pProvider(f.address(), b.bar(), range.start(), barSize, busOffset);
        long start = range.start() + b.offset();
        long first = start & -PAGE;
        long offset4k = start - first;
        int n = (int) ((offset4k + b.size() + PAGE - 1) / PAGE);
        long[] pages = new long[n];
        for (int i = 0; i < n; i++) pages[i] = first + i * PAGE;
        return new PinnedBuffer(pages, offset4k, b.size(), provider);
    }

    /**
     * The exported range of a vfio-pci dma-buf: one physical vector {@code {bar_start + offset, size}} whose
     * provider is {@code pcim_p2pdma_provider(pdev, bar)}; unlike {@code pci_alloc_p2pmem} memory it needs no
     * registration (vfio_pci_core_get_dmabuf_phys, drivers/vfio/pci/vfio_pci_dmabuf.c).
     */
    private static PinnedBuffer dmabuf(BufferSpec.DmaBuf d, Topology t) {
        PciFunction f = t.function(d.exporter()).orElseThrow(
                () -> new IllegalArgumentException("exporter " + d.exporter() + " is not in the topology"));
        Bar bar = f.bar(d.bar()).orElseThrow(() -> new IllegalArgumentException(d.exporter() + " has no BAR "
                + d.bar()));
        if (!bar.isMemory()) throw new IllegalArgumentException(d.exporter() + " BAR " + d.bar()
                + " is an I/O BAR: vfio exports only memory BARs");
        AddressRange range = bar.range().orElseThrow(
                () -> new IllegalArgumentException(d.exporter() + " BAR " + d.bar()
                        + " has no known address and size"));
        long barSize = range.size();
        if (d.offset() + d.size() > barSize || d.offset() + d.size() < 0) {
            throw new IllegalArgumentException("offset " + Hex.addr(d.offset()) + " + " + ByteSize.format(d.size())
                    + " runs past the end of BAR " + d.bar() + " (" + ByteSize.format(barSize) + ")");
        }
        HostBridge hb = t.hierarchy().hostBridgeOf(f).orElse(null);
        long busOffset = P2pBusOffset.of(hb, range);
        P2pProvider provider = new P2pProvider(f.address(), d.bar(), range.start(), barSize, busOffset);
        long start = range.start() + d.offset();
        long first = start & -PAGE;
        long offset4k = start - first;
        long n = (offset4k + d.size() + PAGE - 1) / PAGE;
        if (n > Integer.MAX_VALUE / 2) throw new IllegalArgumentException("buffer too large to model page by page");
        long[] pages = new long[(int) n];
        for (int i = 0; i < n; i++) pages[i] = first + i * PAGE;
        return new PinnedBuffer(pages, offset4k, d.size(), provider);
    }
}
