package org.dmascope.model.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.dmascope.model.kernel.DmaApi;
import org.dmascope.model.kernel.direct.DirectSupported;
import org.dmascope.model.kernel.dma.DeviceDma;
import org.dmascope.model.kernel.dma.DmaParameterDefaults;
import org.dmascope.model.kernel.dma.DmaRangeMap;
import org.dmascope.model.kernel.dma.Errno;
import org.dmascope.model.kernel.dma.KernelArith;
import org.dmascope.model.kernel.dma.P2pMapperAction;
import org.dmascope.model.kernel.dma.P2pProvider;
import org.dmascope.model.kernel.dma.SwiotlbActivation;
import org.dmascope.model.kernel.iommu.DmaDomainType;
import org.dmascope.model.kernel.iommu.IommuDeviceState;
import org.dmascope.model.kernel.iommu.IommuDmaDomain;
import org.dmascope.model.kernel.iommu.IovaReservedRegions;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.pagetable.PageTableChanges;
import org.dmascope.model.kernel.profile.KernelFeature;
import org.dmascope.model.kernel.pagetable.PageTableGeometry;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.route.RouteHop;
import org.dmascope.model.kernel.route.TlpRoute;
import org.dmascope.model.kernel.sg.SgFromPages;
import org.dmascope.model.kernel.sg.SgTableLayout;
import org.dmascope.model.kernel.swiotlb.SwiotlbContext;
import org.dmascope.model.kernel.swiotlb.SwiotlbPool;
import org.dmascope.model.kernel.swiotlb.SwiotlbSizing;
import org.dmascope.model.kernel.trace.MapTrace;
import org.dmascope.model.topology.AddressRange;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.NumaNode;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Platform;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;

/**
 * Computes what the kernel does with a buffer a device will DMA to: resolves the device's DMA
 * parameters, pins the buffer, asks the P2P rules for the map type, builds the scatterlist or
 * physical vectors, and maps them through dma-direct/swiotlb or dma-iommu (IOVA allocation and
 * I/O page tables) exactly as the chosen API does. Persistent kernel state lives in the
 * {@link DmaState} passed in; the returned {@link Mapping} is immutable.
 */
public final class MappingEngine {
    private final P2pMapTypeSource p2pRules;
    private final RouteSource routes;

    /** An engine for one topology's rules: P2P map types, per-device domains and routes. */
    public MappingEngine(TopologyMappingRules rules) {
        this(rules, rules);
    }

    /**
     * @param p2pRules answers {@code pci_p2pdma_map_type(provider, client)} (the topology rules)
     * @param routes   the TLP route of each mapping, or {@link RouteSource#NONE}
     */
    public MappingEngine(P2pMapTypeSource p2pRules, RouteSource routes) {
        this.p2pRules = Objects.requireNonNull(p2pRules);
        this.routes = Objects.requireNonNull(routes);
    }

    /** An engine without routes, for checking the mapping rules against their vectors. */
    public MappingEngine(P2pMapTypeSource p2pRules) {
        this(p2pRules, RouteSource.NONE);
    }

    /**
     * Maps the request's buffer for its initiator, updating {@code state}. A kernel error is a
     * {@link Verdict}, not an exception.
     *
     * @throws IllegalArgumentException when the request does not fit the topology (no such device,
     *                                  node, BAR, or P2P memory), with a sentence saying why
     */
    public Mapping map(MapRequest req, DmaState state) {
        Optional<String> missing = missingFeature(req);
        if (missing.isPresent()) throw new NotInKernelException(missing.get());
        if (req.buffer() instanceof BufferSpec.Sg s && s.mixed() && req.api() != MapApi.SG) {
            throw new IllegalArgumentException("a list mixing host RAM and P2P memory is modelled through dma_map_sg "
                    + "only (--api sg); " + req.api().kernelName() + " is not modelled for it");
        }
        Topology t = req.topology();
        PciFunction f = t.function(req.initiator()).orElseThrow(
                () -> new IllegalArgumentException("initiator " + req.initiator() + " is not in the topology"));
        List<Step> steps = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        MapTrace trace = new MapTrace();
        PlatformAssumptions a = req.platform();
        HostBridge hb = t.hierarchy().hostBridgeOf(f).orElse(null);
        DmaRangeMap rangeMap = (hb == null ? DmaRangeMap.IDENTITY : DmaRangeMap.fromHostBridge(hb.dmaRanges()))
                .withEncryptionMask(a.smeMask());
        DeviceDma dev = DmaParameterDefaults.resolve(f, req.dmaOverrides(), rangeMap);
        steps.add(deviceStep(f, dev));

        long lastRam = lastRamByte(t);
        SwiotlbActivation.Decision sw = SwiotlbActivation.decide(a, lastRam);
        SwiotlbPool pool = null;
        if (sw.active()) {
            SwiotlbSizing sizing = SwiotlbPoolPlacement.of(t, a, sw.forceBounce(), notes);
            pool = state.poolFor(sizing);
        }
        boolean arm64 = t.platform().architecture().map(x -> x == Platform.Architecture.ARM64).orElse(false);
        SwiotlbContext tlb = new SwiotlbContext(pool, sw.forceBounce(), req.cpu(), arm64);

        IommuDmaDomain domain = null;
        String domainId = null;
        if (req.iommuMode().translates()) {
            PageTableGeometry g = IommuGeometries.of(IommuGeometries.resolved(t.platform().iommu(), a), notes);
            domainId = req.effectiveDomainId();
            DmaDomainType type = req.iommuMode() == IommuMode.DMA_FQ ? DmaDomainType.DMA_FQ : DmaDomainType.DMA;
            long lowest = 0;
            if (!rangeMap.isIdentity()) {
                lowest = rangeMap.regions().stream().mapToLong(DmaRangeMap.Region::dmaStart).min().orElse(0);
            }
            domain = state.domainFor(domainId, g, type, lowest, notes);
            domain.attach(f.address().toString(), IovaReservedRegions.of(hb, a.iommuPresent() ? a.iommu()
                    : t.platform().iommu().driver().orElse(Platform.IommuDriver.INTEL_VTD)));
        }
        IommuDeviceState devState = state.deviceState(f.address(), a.forceDac());
        DmaApi api = new DmaApi(dev, req.buffer().direction(), tlb, domain, devState, req.profile(), trace);
        if (a.smeMask() != 0 && !api.usesIommu()) {
            notes.add(String.format("SME host: phys_to_dma() sets the C-bit 0x%x (bit %d, %s), so a device whose "
                    + "DMA mask cannot carry it bounces through the decrypted swiotlb pool (R-DIR-1)", a.smeMask(),
                    a.cBitAssumption().value(), a.cBitAssumption().source().words()));
        }
        if (a.forceDac() && api.usesIommu()) notes.add(a.forceDacAssumption().detail() + " (R-CMD-7)");
        steps.add(dispatchStep(req, api, sw));

        PinnedBuffer buf = BufferPinner.pin(req.buffer(), t, pool == null ? null
                : AddressRange.ofSize(pool.start(), pool.sizing().bytes()));
        steps.add(pinStep(req, buf));

        P2pMapType mapType = P2pMapType.NONE;
        List<P2pMapType> mapTypes = new ArrayList<>();
        for (P2pProvider p : buf.providers()) {
            PciFunction provider = t.function(p.owner()).orElseThrow();
            P2pMapType type = Objects.requireNonNull(req.buffer() instanceof BufferSpec.DmaBuf
                    ? p2pRules.exporterMapType(provider, f) : p2pRules.mapType(provider, f),
                    "P2P rules returned no map type");
            mapTypes.add(type);
            steps.add(p2pStep(req, p, type, f));
        }
        if (!mapTypes.isEmpty()) mapType = mapTypes.get(0);
        if (mapTypes.isEmpty()) mapTypes.add(P2pMapType.NONE);

        Optional<Bdf> provider = buf.isP2p() ? Optional.of(buf.provider().owner()) : Optional.empty();
        int node = req.buffer() instanceof BufferSpec.Host h ? h.node() : firstHostNode(req.buffer());
        Optional<TlpRoute> route = routes.route(f.address(), provider, node, mapType, api.usesIommu());
        route.ifPresent(r -> steps.add(routeStep(r)));

        MapContext c = new MapContext(req, f, dev, api, trace, buf, mapTypes, steps, notes);
        if (!api.usesIommu() && Long.compareUnsigned(dev.dmaMask(), KernelArith.dmaBitMask(32)) < 0
                && !DirectSupported.supported(dev, dev.dmaMask(), lastRam, DirectSupported.X86_ZONE_DMA_LIMIT)) {
            c.fail("EIO", Errno.EIO, "dma_set_mask() = -EIO",
                    "dma_direct_supported() refuses a " + dev.maskBits()
                            + "-bit mask: it cannot reach even ZONE_DMA (R-DIR-7)");
        } else {
            if (req.buffer() instanceof BufferSpec.DmaBuf) {
                DmaBufMapPath.run(c);
            } else switch (req.api()) {
                case SG:
                    SgMapPath.run(c);
                    break;
                case PHYS:
                    PhysMapPath.run(c);
                    break;
                case BLOCK:
                    BlockMapPath.run(c);
                    break;
                default:
                    IovaLinkPath.run(c);
                    break;
            }
        }
        for (String n : trace.notes()) if (!notes.contains(n)) notes.add(n);
        MetadataCost cost = cost(c);
        boolean ok = c.verdict.isOk();
        if (ok) steps.add(resultStep(c, cost));
        if (!notes.isEmpty()) {
            Step.Builder v = Step.of(StepKind.RESULT, "", "Version-specific behaviour and assumptions")
                    .in("kernel", req.profile().label());
            for (String n : notes) v.say(Character.toUpperCase(n.charAt(0)) + n.substring(1) + ".");
            steps.add(v.build());
        }
        PageTableChanges pt = ok ? c.pageTableChanges() : PageTableChanges.NONE;
        List<DmaApi.Resource> resources = api.resources();
        Mapping m = new Mapping(state.nextId(), req, domainId, c.verdict, mapType, route, steps, pt,
                ok ? trace.bounces() : List.of(),
                c.inputs, ok ? new DmaSegments(c.out) : DmaSegments.EMPTY, buf, cost, dev,
                        ok ? trace.iovas() : List.of(),
                trace.kernelLog(), notes, ok ? resources : List.of());
        if (ok) state.addLive(m);
        else if (!resources.isEmpty()) state.release(m, domainId, resources);
        return m;
    }

    /**
     * The API or path the request names when its kernel predates it: "dma_iova_try_alloc is not in Linux 6.12
     * (since 6.16)". A block request under {@link BlockPath#AUTO} is not refused: before 6.17 the kernel's own
     * choice is {@code blk_rq_map_sg}, which every profile has.
     */
    public static Optional<String> missingFeature(MapRequest req) {
        if (req.buffer() instanceof BufferSpec.DmaBuf) {
            Optional<String> export = KernelFeature.VFIO_DMABUF.refusal(req.profile());
            if (export.isPresent()) return export;
            return DmaBufMapPath.importer(req).feature().flatMap(f -> f.refusal(req.profile()));
        }
        return req.api().requiredFeature(req.blockPath()).flatMap(f -> f.refusal(req.profile()));
    }

    private static Step deviceStep(PciFunction f, DeviceDma dev) {
        Step.Builder s = Step.of(StepKind.DEVICE, "R-MAP-4", "The device's DMA parameters")
                .say("The driver's DMA mask says which bus addresses the device can emit; the max segment size and "
                        + "segment boundary limit each segment.")
                .in("initiator", f.label())
                .out("DMA mask", dev.maskBits() + " bits").out("max segment", ByteSize.format(dev.maxSegSize()))
                .out("segment boundary", Hex.addr(dev.segBoundaryMask())).out("min align mask",
                        Hex.addr(dev.minAlignMask()));
        if (dev.untrusted()) s.say("The device is untrusted (behind an external-facing port), so the IOMMU path "
                + "bounces partial pages.");
        for (String d : dev.defaultsApplied()) s.say(Character.toUpperCase(d.charAt(0)) + d.substring(1) + ".");
        return s.build();
    }

    private static Step dispatchStep(MapRequest req, DmaApi api, SwiotlbActivation.Decision sw) {
        Step.Builder s = Step.of(StepKind.DISPATCH, "R-MAP-1, R-DIR-6", "Choose the DMA implementation")
                .in("IOMMU mode", req.iommuMode().words());
        if (api.usesIommu()) {
            IommuDmaDomain d = api.domain();
            s.say("The device sits in an IOMMU DMA domain, so the DMA API goes through dma-iommu: every mapping gets "
                    + "an IOVA and I/O page-table entries.")
                    .say(d.type().words() + ".")
                    .out("implementation", "dma-iommu").out("domain", d.id()).out("page table",
                            d.geometry().describe());
        } else {
            s.say("No IOMMU translates for the device, so dma-direct maps: the DMA address is the physical address "
                    + "seen through the host bridge.")
                    .out("implementation", "dma-direct");
        }
        s.say("swiotlb: " + sw.reason() + ".").out("swiotlb", sw.active() ? (sw.forceBounce() ? "active, forced"
                : "active") : "inactive");
        return s.build();
    }

    private static Step pinStep(MapRequest req, PinnedBuffer buf) {
        if (req.buffer() instanceof BufferSpec.DmaBuf d) {
            return Step.of(StepKind.PIN, "R-DMABUF-1", "The exporter's BAR range")
                    .say("A dma-buf of vfio-pci: nothing is pinned; the exporter describes " + d.exporter() + " BAR "
                            + d.bar() + " by physical address and length.")
                    .in("buffer", req.buffer().spec()).out("physical ranges", 1)
                    .out("first page", Hex.addr(buf.page(0))).build();
        }
        if (buf.entries() != null) {
            PinnedEntries e = buf.entries();
            int p2p = 0;
            long shortest = Long.MAX_VALUE;
            for (int i = 0; i < e.count(); i++) {
                if (e.providerIndex(i) >= 0) p2p++;
                shortest = Math.min(shortest, e.length(i));
            }
            return Step.of(StepKind.PIN, buf.isP2p() ? "R-P2P-11" : "", "The driver's own scatterlist")
                    .say("The driver fills the list itself, one sg_set_page(sg, page, length, offset) per entry: the "
                            + "entries need not be whole pages, and the mapping code sees exactly them.")
                    .say(p2p > 0 ? p2p + " of the entries are P2P memory: ZONE_DEVICE pages from pci_alloc_p2pmem() "
                            + "whose dev_pagemap names their provider; the rest are host RAM." : "")
                    .in("buffer", req.buffer().spec()).out("entries", e.count()).out("P2P entries", p2p)
                    .out("shortest entry", ByteSize.format(shortest))
                    .out("first entry", Hex.addr(e.phys(0)) + "+" + Hex.addr(e.length(0))).build();
        }
        if (buf.isP2p()) {
            PhysRanges r = buf.phyr();
            return Step.of(StepKind.PIN, "R-P2P-11", "P2P memory from the provider's BAR")
                    .say("pci_alloc_p2pmem() hands out pages of the BAR the provider's driver registered; they are "
                            + "ZONE_DEVICE pages whose dev_pagemap names the provider.")
                    .in("buffer", req.buffer().spec()).out("pages", buf.pageCount()).out("first page",
                            Hex.addr(buf.page(0)))
                    .out("physical ranges", r.count()).build();
        }
        int ranges = buf.phyrCount();
        long firstLen = Math.min(buf.size(), 4096 - buf.offset());
        for (int i = 1; i < buf.pageCount() && buf.page(i) == buf.page(i - 1) + 4096 && firstLen < buf.size(); i++) {
            firstLen = Math.min(buf.size(), firstLen + 4096);
        }
        BufferSpec.Host h = (BufferSpec.Host) req.buffer();
        String how;
        switch (h.layout().kind()) {
            case CONTIGUOUS:
                how = "one physically contiguous stretch";
                break;
            case SCATTERED:
                how = "pages scattered over the node's RAM, now and then two or three in a row";
                break;
            case HUGE_2M:
                how = "2 MiB huge pages";
                break;
            case HUGE_1G:
                how = "1 GiB huge pages";
                break;
            default:
                how = "the listed pages";
        }
        return Step.of(StepKind.PIN, "", "Pin the pages")
                .say("pin_user_pages() returns the buffer's pages in order: " + how
                        + ". Neighbouring pages form the physical ranges (phyr: address + length).")
                .in("buffer", req.buffer().spec()).out("pages", buf.pageCount()).out("physical ranges", ranges)
                .out("first range", Hex.addr(buf.page(0) + buf.offset()) + "+" + Hex.addr(firstLen)).build();
    }

    private static Step routeStep(TlpRoute r) {
        StringBuilder path = new StringBuilder();
        for (RouteHop h : r.hops()) path.append(path.length() == 0 ? "" : " → ").append(h.node());
        Step.Builder s = Step.of(StepKind.ROUTE, r.to().isPresent() ? "R-P2P-5" : "", "The path of the DMA")
                .say(r.to().isPresent()
                        ? (r.viaRootComplex()
                                ? "The device's requests go up to the root complex and back down to the provider."
                                : "The device's requests turn at " + r.commonUpstream().map(Bdf::toString)
                                        .orElse("the common port")
                                        + " and never reach the root complex.")
                        : "The device's requests travel up to the host bridge and on to RAM.")
                .in("from", r.from()).out("hops", path);
        r.bottleneck().ifPresent(b -> s.out("bottleneck", b));
        if (!r.delivered()) s.say("The route is blocked, so this traffic cannot flow.");
        return s.build();
    }

    private static Step p2pStep(MapRequest req, P2pProvider provider, P2pMapType type, PciFunction client) {
        P2pMapperAction action = P2pMapperAction.of(type);
        boolean dmabuf = req.buffer() instanceof BufferSpec.DmaBuf;
        return Step.of(StepKind.P2P, "R-P2P-9, R-P2P-10, R-P2P-12", "P2P map type")
                .say(dmabuf ? "dma_buf_phys_vec_to_sgt() asks pci_p2pdma_map_type(provider, " + client.address()
                        + ") once for the whole buffer (the same distance and ACS checks as P2P memory)."
                        : "pci_p2pdma_state() asks pci_p2pdma_map_type(provider, " + client.address()
                        + ") once and reuses the answer for every page of the same provider.")
                .say(action.explain(type) + ".")
                .say("The provider's bus_offset is " + Hex.addr(provider.busOffset())
                        + " (bus address minus CPU address of its BAR, from the host-bridge window).")
                .in("provider", provider.label()).out("map type", type.name()).out("bus offset",
                        Hex.addr(provider.busOffset()))
                .build();
    }

    private static Step resultStep(MapContext c, MetadataCost cost) {
        DmaSegments seg = new DmaSegments(c.out);
        Step.Builder s = Step.of(StepKind.RESULT, "R-MAP-2", "What the device is handed")
                .say(Words.count(c.inputs.count(), "input entry").replace("entrys",
                        "entries") + " became " + Words.count(seg.count(), "DMA segment") + " covering "
                        + ByteSize.format(seg.totalLength()) + ".")
                .say("Described as a scatterlist this takes " + cost.scatterlistBytes() + " bytes; as physical ranges "
                        + cost.phyrBytes()
                        + " bytes; the DMA side as dma_range entries " + cost.dmaRangeBytes() + " bytes.")
                .out("segments", seg.count()).out("bytes", seg.totalLength());
        if (seg.count() > 0) s.out("first segment", Hex.addr(seg.address(0)) + "+" + Hex.addr(seg.length(0)));
        return s.build();
    }

    private static MetadataCost cost(MapContext c) {
        PinnedBuffer b = c.buf;
        int entries;
        int chains;
        if (c.sgLayout != null) {
            entries = c.sgLayout.entriesAllocated();
            chains = c.sgLayout.chainEntries();
        } else if (b.entries() != null) {
            SgTableLayout.Layout l = SgTableLayout.alloc(b.entries().count());
            entries = l.entriesAllocated();
            chains = l.chainEntries();
        } else {
            int n = SgFromPages.countEntries(b.pagesArray(), c.pgmap(), b.pageCount(), c.dev.maxSegSize());
            SgTableLayout.Layout l = SgTableLayout.alloc(Math.max(0, n));
            entries = l.entriesAllocated();
            chains = l.chainEntries();
        }
        int ranges = b.phyrCount();
        int dma = c.out.size();
        return new MetadataCost(b.pageCount(), 8L * b.pageCount(), entries, chains,
                (long) entries * SgTableLayout.SCATTERLIST_BYTES,
                ranges, (long) ranges * PhysRanges.BYTES_PER_RANGE, dma, (long) dma * DmaSegments.DMA_RANGE_BYTES);
    }

    static long lastRamByte(Topology t) {
        long last = 0;
        for (NumaNode n : t.numaNodes()) {
            for (AddressRange r : n.memory()) if (Long.compareUnsigned(r.end(), last) > 0) last = r.end();
        }
        return last;
    }

    /** The node of an explicit list's first host entry placed on a node, -1 when it has none. */
    private static int firstHostNode(BufferSpec b) {
        if (!(b instanceof BufferSpec.Sg sg)) return -1;
        for (BufferSpec.SgEntry e : sg.entries()) {
            if (e.place() instanceof BufferSpec.SgEntry.OnNode n) return n.node();
        }
        return -1;
    }
}
