package org.dmascope.model.designs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

import org.dmascope.model.kernel.dma.P2pProvider;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.sg.SgTableLayout;
import org.dmascope.model.mapping.DmaSegments;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.mapping.PhysRanges;
import org.dmascope.model.mapping.PinnedBuffer;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;

/**
 * What the design lab computes from: the engine's mapping of the buffer, one {@link Mapping} per part.
 * A buffer mixing host RAM and P2P memory is either one explicit scatterlist ({@code sg:} spec, whose
 * {@link org.dmascope.model.mapping.PinnedEntries} say each entry's provider: the engine maps it in one call,
 * as a driver would) or its parts in transfer order, each mapped by the engine for the same initiator. The
 * kernel's own figures (scatterlist entries, DMA segments, map type, verdict) are read from those mappings,
 * never recomputed; only the mixed list's chaining uses the kernel's table layout rule ({@link SgTableLayout})
 * on the parts' entries put end to end.
 */
public final class DesignInput {
    /**
     * The largest length a u32 length field holds that keeps the next entry page aligned: UINT_MAX
     * aligned down to 4 KiB, the value lib/scatterlist.c ({@code sg_alloc_append_table_from_pages})
     * also splits at. Used for the designs with a u32 length (bio_vec, phy_range, dma_range).
     */
    public static final long U32_CHUNK = 0xFFFF_F000L;

    private final List<Mapping> parts;
    private final Topology topology;
    private final long[] rangeAddr;
    private final long[] rangeLen;
    private final int[] rangePart;
    /** The provider of each range, null for host RAM: a part's own, or an explicit list's entry's. */
    private final P2pProvider[] rangeProvider;
    /** The ranges cut at a u32 length and at none, made once: most designs read one of them. */
    private SplitRanges u32Split;
    private SplitRanges wholeRanges;
    private List<int[]> segmentIndex;

    private DesignInput(List<Mapping> parts) {
        if (parts.isEmpty()) throw new IllegalArgumentException("the design lab needs at least one mapping");
        Bdf initiator = parts.get(0).request().initiator();
        for (Mapping m : parts) {
            if (!m.request().initiator().equals(initiator)) {
                throw new IllegalArgumentException("every part of a buffer is mapped for the same initiator");
            }
            if (m.pinned() == null) throw new IllegalArgumentException("part " + m.request().buffer().spec()
                    + " could not be pinned");
        }
        this.parts = List.copyOf(parts);
        this.topology = parts.get(0).request().topology();
        int n = 0;
        for (Mapping m : parts) n += m.phyr().count();
        rangeAddr = new long[n];
        rangeLen = new long[n];
        rangePart = new int[n];
        rangeProvider = new P2pProvider[n];
        int r = 0;
        for (int p = 0; p < parts.size(); p++) {
            PhysRanges ph = parts.get(p).phyr();
            PinnedBuffer pinned = parts.get(p).pinned();
            P2pProvider[] own = pinned.entries() != null ? pinned.entries().rangeProviders() : null;
            for (int i = 0; i < ph.count(); i++, r++) {
                rangeAddr[r] = ph.addr(i);
                rangeLen[r] = ph.len(i);
                rangePart[r] = p;
                rangeProvider[r] = own != null ? own[i] : pinned.provider();
            }
        }
    }

    /** The buffer the engine mapped as one mapping. */
    public static DesignInput of(Mapping mapping) {
        return new DesignInput(List.of(mapping));
    }

    /** A buffer of several parts (host RAM and P2P memory), each mapped by the engine, in transfer order. */
    public static DesignInput of(List<Mapping> parts) {
        return new DesignInput(parts);
    }

    public List<Mapping> parts() {
        return parts;
    }

    public Topology topology() {
        return topology;
    }

    public Bdf initiator() {
        return parts.get(0).request().initiator();
    }

    /** The buffer specs of the parts, joined with " + ". */
    public String spec() {
        return String.join(" + ", parts.stream().map(m -> m.request().buffer().spec()).toList());
    }

    /**
     * Whether the buffer mixes host RAM and P2P memory: parts of both kinds, or one explicit list
     * ({@code sg:}) whose entries are of both.
     */
    public boolean mixed() {
        boolean host = false;
        boolean p2p = false;
        for (P2pProvider p : rangeProvider) {
            if (p == null) host = true;
            else p2p = true;
        }
        return host && p2p;
    }

    public long bytes() {
        long b = 0;
        for (Mapping m : parts) b += m.pinned().size();
        return b;
    }

    public long pages() {
        long n = 0;
        for (Mapping m : parts) n += m.pinned().pageCount();
        return n;
    }

    public long p2pBytes() {
        long b = 0;
        for (int i = 0; i < rangeLen.length; i++) if (rangeProvider[i] != null) b += rangeLen[i];
        return b;
    }

    /** 4 KiB pages of P2P memory: those the P2P ranges touch. */
    public long p2pPages() {
        long n = 0;
        for (int i = 0; i < rangeLen.length; i++) {
            if (rangeProvider[i] == null) continue;
            long first = rangeAddr[i] >>> 12;
            long last = (rangeAddr[i] + rangeLen[i] - 1) >>> 12;
            n += last - first + 1;
        }
        return n;
    }

    // ---- physical ranges ("phyr"): maximal physically contiguous runs, per part

    public int ranges() {
        return rangeAddr.length;
    }

    public long rangeAddr(int i) {
        return rangeAddr[i];
    }

    public long rangeLen(int i) {
        return rangeLen[i];
    }

    /** The provider of range {@code i}, or null for host RAM. */
    public P2pProvider rangeProvider(int i) {
        return rangeProvider[i];
    }

    public int p2pRanges() {
        int n = 0;
        for (int i = 0; i < rangePart.length; i++) if (rangeProvider(i) != null) n++;
        return n;
    }

    /** The distinct providers of the buffer's P2P memory, in buffer order. */
    public List<P2pProvider> providers() {
        Set<P2pProvider> s = new LinkedHashSet<>();
        for (P2pProvider p : rangeProvider) if (p != null) s.add(p);
        return List.copyOf(s);
    }

    /**
     * How often the provider changes walking the buffer's entries in order (host RAM to P2P, or one
     * provider to another): each change is a new {@code pci_p2pdma_map_type} answer for a cached state.
     */
    public int providerChanges() {
        int changes = 0;
        P2pProvider last = null;
        for (P2pProvider p : rangeProvider) {
            if (p != null && !p.equals(last)) changes++;
            last = p;
        }
        return changes;
    }

    /** P2P memory the machine offers: one provider ({@code struct p2pdma_provider}) per registered BAR. */
    public int machineProviders() {
        int n = 0;
        for (PciFunction f : topology.functions()) {
            n += (int) f.p2pMemory().stream().map(m -> m.bar()).distinct().count();
        }
        return n;
    }

    /** The NUMA node of a provider's device, as the topology states it. */
    public OptionalInt providerNode(P2pProvider p) {
        return topology.function(p.owner()).map(PciFunction::numaNode).orElse(OptionalInt.empty());
    }

    // ---- the kernel's answer, from the engine

    /** Data entries of the kernel's scatterlist (chain entries excluded), all parts end to end. */
    public int kernelSgEntries() {
        int n = 0;
        for (Mapping m : parts) n += m.cost().scatterlistEntries() - m.cost().scatterlistChainEntries();
        return n;
    }

    /** Chain entries of the kernel's scatterlist: the engine's for one part, R-SG-2 on the joined list for more. */
    public int kernelSgChains() {
        if (parts.size() == 1) return parts.get(0).cost().scatterlistChainEntries();
        return SgTableLayout.alloc(kernelSgEntries()).chainEntries();
    }

    /** Bytes of the kernel's scatterlist table (data and chain entries). */
    public long kernelSgBytes() {
        return (long) (kernelSgEntries() + kernelSgChains()) * SgTableLayout.SCATTERLIST_BYTES;
    }

    /** Whether the kernel mapped every part. */
    public boolean kernelMapped() {
        return parts.stream().allMatch(m -> m.verdict().isOk());
    }

    /** The kernel's verdict codes, one per part. */
    public List<String> kernelVerdicts() {
        return parts.stream().map(m -> m.verdict().code()).toList();
    }

    /** The P2P map types, one per part ({@code NONE} for host RAM). */
    public List<P2pMapType> mapTypes() {
        return parts.stream().map(Mapping::mapType).toList();
    }

    /** DMA segments the device is handed, all parts (a refused part hands none). */
    public int dmaSegments() {
        int n = 0;
        for (Mapping m : parts) n += m.verdict().isOk() ? m.segments().count() : 0;
        return n;
    }

    /** The DMA segments of all mapped parts in order, as (part, index) pairs; made once. */
    public synchronized List<int[]> segmentIndex() {
        if (segmentIndex == null) segmentIndex = Collections.unmodifiableList(segments());
        return segmentIndex;
    }

    private List<int[]> segments() {
        List<int[]> out = new ArrayList<>();
        for (int p = 0; p < parts.size(); p++) {
            Mapping m = parts.get(p);
            if (!m.verdict().isOk()) continue;
            for (int i = 0; i < m.segments().count(); i++) out.add(new int[] {p, i});
        }
        return out;
    }

    /** Segments with the given {@link DmaSegments} flag. */
    public int segmentsWith(int flag) {
        int n = 0;
        for (Mapping m : parts) {
            if (!m.verdict().isOk()) continue;
            for (int i = 0; i < m.segments().count(); i++) if (m.segments().has(i, flag)) n++;
        }
        return n;
    }

    /** Bytes of the parts whose map type is {@code type}. */
    public long bytesOfMapType(P2pMapType type) {
        long b = 0;
        for (Mapping m : parts) if (m.mapType() == type) b += m.pinned().size();
        return b;
    }

    /** The ranges cut at {@link #U32_CHUNK} or (for any other chunk) not at all, computed on first use. */
    synchronized SplitRanges split(long chunk) {
        if (chunk == U32_CHUNK) {
            if (u32Split == null) u32Split = new SplitRanges(this, U32_CHUNK);
            return u32Split;
        }
        if (chunk != Long.MAX_VALUE) return new SplitRanges(this, chunk);
        if (wholeRanges == null) wholeRanges = new SplitRanges(this, Long.MAX_VALUE);
        return wholeRanges;
    }
}
