package org.dmascope.model.kernel.iommu;

import static org.dmascope.model.kernel.dma.KernelArith.DMA_MAPPING_ERROR;

import java.util.function.IntFunction;

import org.dmascope.model.kernel.dma.DeviceDma;
import org.dmascope.model.kernel.dma.DmaDirection;
import org.dmascope.model.kernel.dma.Errno;
import org.dmascope.model.kernel.dma.KernelArith;
import org.dmascope.model.kernel.dma.KmallocBounce;
import org.dmascope.model.kernel.dma.P2pMapState;
import org.dmascope.model.kernel.dma.P2pProvider;
import org.dmascope.model.kernel.dma.SgMapResult;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.pagetable.IoPageTable;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.kernel.sg.ScatterList;
import org.dmascope.model.kernel.swiotlb.SwiotlbContext;
import org.dmascope.model.kernel.trace.MapTrace;

/**
 * R-IOMMU-6 {@code iommu_dma_map_sg()} and {@code iommu_map_sg()} (drivers/iommu/dma-iommu.c,
 * drivers/iommu/iommu.c, read in torvalds/linux). First pass, in place and reversible: each entry is
 * widened to whole granules (the unaligned parts stashed in the DMA fields), and an entry that would
 * straddle a segment boundary pads the previous one up to it; the sum is one IOVA allocation.
 * {@code iommu_map_sg} then maps physically contiguous neighbours as one range (so larger pages can be
 * used) and skips bus-address entries; R-IOMMU-7 builds the output. An untrusted device maps every
 * entry on its own through R-IOMMU-5 (swiotlb) and the list is never merged.
 *
 * <p>A {@code BUS_ADDR} entry's DMA length is {@code sg->length} of the list's first entry in v6.16+
 * (the refactor a25e7962db0d, dma-mapping-6.16 pull, wrote {@code sg_dma_len(s) = sg->length}; still so in the
 * 6.19 {@code p2pdma_provider} form); it equals the entry's own length when the
 * entries have equal lengths. Earlier kernels used the entry's own length.
 */
@KernelRule("R-IOMMU-6")
public final class IommuMapSg {
    private IommuMapSg() {
    }

    /** Where the IOVA range of a successful map lies, for unmapping; null when no IOVA was used. */
    public record IovaUse(long iova, long length) {
    }

    /** The result and the IOVA range (if any). */
    public record Result(SgMapResult result, IovaUse iova) {
    }

    public static Result map(ScatterList sg, IommuDmaDomain domain, DeviceDma dev, IommuDeviceState devState,
            DmaDirection dir,
                             SwiotlbContext tlb, P2pMapState p2p, IntFunction<P2pProvider> providers,
                                     KernelProfile profile,
                             MapTrace trace) {
        int n = sg.nents();
        if (devUseSgSwiotlb(sg, dev, dir, tlb)) return new Result(mapSgSwiotlb(sg, domain, dev, devState, dir, tlb,
                profile, trace), null);
        int prot = IommuMap.prot(dir.deviceReads(), dir.deviceWrites(), dev.coherent());
        long mask = dev.segBoundaryMask();
        long iovaLen = 0;
        int prev = -1;
        long[] dmaAddresses = sg.dmaAddressColumn();
        int[] dmaLengths = sg.dmaLengthColumn();
        int[] lengths = sg.lengthColumn();
        long granuleMask = domain.iovad().granule() - 1;
        boolean ordinary = sg.noOffsets() && sg.noProviders();
        int i = 0;
        while (i < n) {
            if (ordinary) {
                // The common entry, in a loop of its own over the columns (no call, no rare case):
                // ordinary memory (P2P state NONE), offset 0 and whole granules, so nothing is
                // stashed but the length and nothing changes, and no segment boundary to pad to.
                int from = i;
                for (; i < n; i++) {
                    long sLength = Integer.toUnsignedLong(lengths[i]);
                    long padLen = (mask - iovaLen + 1) & mask;
                    if ((sLength & granuleMask) != 0 || (padLen != 0 && Long.compareUnsigned(padLen,
                            sLength - 1) < 0)) break;
                    dmaAddresses[i] = 0;
                    dmaLengths[i] = (int) sLength;
                    iovaLen += sLength;
                }
                if (i > from) prev = i - 1;
                if (i == n) break;
            }
            long sIovaOff = domain.iovad().offset(sg.offset(i));
            long sLength = sg.length(i);
            long padLen = (mask - iovaLen + 1) & mask;
            P2pMapType type = p2p.state(sg.provider(i));
            switch (type) {
                case THRU_HOST_BRIDGE:
                case NONE:
                    break;
                case BUS_ADDR: {
                    sg.setDmaAddress(i, providers.apply(p2p.mem()).busAddress(sg.phys(i)));
                    long len = profile.atLeast(6, 16) ? sg.length(0) : sg.length(i);
                    if (len != sg.length(i)) {
                        trace.note("a bus-address entry got the first entry's length (sg->length, Linux 6.16+), not "
                                + "its own");
                    }
                    sg.setDmaLength(i, len);
                    sg.markBusAddress(i);
                    i++;
                    continue;
                }
                default:
                    invalidate(sg);
                    return new Result(SgMapResult.fail(Errno.EREMOTEIO), null);
            }
            sg.setDma(i, sIovaOff, sLength);
            sg.setOffset(i, sg.offset(i) - sIovaOff);
            sLength = domain.iovad().align(sLength + sIovaOff);
            sg.setLength(i, sLength);
            if (padLen != 0 && Long.compareUnsigned(padLen, sLength - 1) < 0) {
                sg.setLength(prev, sg.length(prev) + padLen);
                iovaLen += padLen;
            }
            iovaLen += sLength;
            prev = i;
            i++;
        }
        if (iovaLen == 0) return new Result(SgMapResult.ok(FinaliseSg.finalise(sg, dev, 0)), null);
        long iova = IommuAllocIova.alloc(domain, iovaLen, dev.dmaMask(), dev, devState, profile, trace);
        if (iova == 0) {
            invalidate(sg);
            return new Result(SgMapResult.fail(Errno.ENOMEM), null);
        }
        long mapped = mapSg(domain, iova, sg, prot, iovaLen);
        if (mapped < 0 || mapped < iovaLen) {
            IommuDmaUnmap.freeIova(domain, iova, iovaLen, false);
            invalidate(sg);
            return new Result(SgMapResult.fail(Errno.EINVAL), null);
        }
        int count = FinaliseSg.finalise(sg, dev, iova);
        return new Result(SgMapResult.ok(count), new IovaUse(iova, iovaLen));
    }

    /**
     * {@code iommu_map_sg(domain, iova, sg, nents, prot)}: maps runs of physically contiguous entries.
     *
     * @return bytes mapped, or -1 on failure (what was mapped is unmapped again)
     */
    static long mapSg(IommuDmaDomain domain, long iova, ScatterList sg, int prot, long iovaLen) {
        long granuleRuns = mapGranuleRuns(domain, iova, sg, prot, iovaLen);
        return granuleRuns >= 0 ? granuleRuns : mapSgRunByRun(domain, iova, sg, prot);
    }

    /** {@link #mapSg} as the kernel writes it: one {@code iommu_map()} per physically contiguous run. */
    static long mapSgRunByRun(IommuDmaDomain domain, long iova, ScatterList sg, int prot) {
        long len = 0;
        long mapped = 0;
        long start = 0;
        int n = sg.nents();
        for (int i = 0; i <= n; i++) {
            boolean end = i == n;
            long sPhys = end ? 0 : sg.phys(i);
            if (len != 0 && (end || sPhys != start + len)) {
                if (IommuMap.map(domain, iova + mapped, start, len, prot) != null) {
                    if (mapped != 0) IommuMap.unmap(domain, iova, mapped);
                    return -1;
                }
                mapped += len;
                len = 0;
            }
            if (end || sg.isBusAddress(i)) continue;
            if (len != 0) {
                len += sg.length(i);
            } else {
                len = sg.length(i);
                start = sPhys;
            }
        }
        return mapped;
    }

    /**
     * {@link #mapSg} for the common list, with the same result: no bus-address entries, every entry
     * whole granules, and every physically contiguous run shorter than the next page size above the
     * granule. Then {@code iommu_pgsize()} answers the granule for the whole of each run, so each
     * {@code iommu_map()} is one {@code map_pages} call of granule pages, and all of them together
     * write the entries' pages in order at consecutive IOVAs: they are written table by table instead
     * of run by run (a quarter of a million runs of one to eight pages cost a mispredicted branch each
     * in every loop over a run). When the IOVA range is free, no {@code map_pages} can fail.
     *
     * @param total the sum of the entries' lengths (what pass one allocated)
     * @return bytes mapped, or -1 when the list or the range is not like that (the general path decides)
     */
    static long mapGranuleRuns(IommuDmaDomain domain, long iova, ScatterList sg, int prot, long total) {
        IoPageTable pt = domain.pageTable();
        int n = sg.nents();
        long bitmap = domain.pgsizeBitmap();
        long granule = Long.lowestOneBit(bitmap);
        int shift = Long.numberOfTrailingZeros(granule);
        if (n == 0 || !pt.writesGranuleLeaves() || ((iova | total) & (granule - 1)) != 0 || total <= 0
                || total >>> shift > Integer.MAX_VALUE - 16 || !pt.isFree(iova, total)) {
            return -1;
        }
        long above = Long.lowestOneBit(bitmap & -(granule << 1));
        long runLimit = above == 0 ? Long.MAX_VALUE : above;
        long[] pages = sg.fromPages();
        if (pages != null && granule == KernelArith.PAGE_SIZE && (long) pages.length << shift == total
                && sg.longestEntry() < runLimit) {
            // every entry is a run of whole pages, none continues the one before: the leaves are the pages
            pt.mapGranuleLeaves(iova, pages, pages.length, prot);
            return total;
        }
        long[] phys = new long[(int) (total >>> shift)];
        long run = 0;
        long runEnd = -1;
        int j = 0;
        // checks the list and lists its pages in one pass; the array is dropped when a check fails
        for (int i = 0; i < n; i++) {
            long p = sg.phys(i);
            long len = sg.length(i);
            if (sg.isBusAddress(i) || len == 0 || ((p | len) & (granule - 1)) != 0) return -1;
            run = p == runEnd ? run + len : len;
            if (run >= runLimit) return -1;
            runEnd = p + len;
            int c = (int) (len >>> shift);
            if (c > phys.length - j) return -1;
            if (c <= 8 && j + 8 <= phys.length) {
                // a fixed eight writes instead of a loop as long as the run: the entries after this one overwrite the
                // surplus
                for (int k = 0; k < 8; k++) phys[j + k] = p + ((long) k << shift);
            } else {
                for (int k = 0; k < c; k++) phys[j + k] = p + ((long) k << shift);
            }
            j += c;
        }
        if (j != phys.length) return -1;
        pt.mapGranuleLeaves(iova, phys, phys.length, prot);
        return total;
    }

    /** {@code __invalidate_sg()}: restores the list after a failure. */
    static void invalidate(ScatterList sg) {
        for (int i = 0; i < sg.nents(); i++) {
            if (sg.isBusAddress(i)) {
                sg.unmarkBusAddress(i);
            } else {
                if (sg.dmaAddress(i) != DMA_MAPPING_ERROR) sg.setOffset(i, sg.offset(i) + sg.dmaAddress(i));
                if (sg.dmaLength(i) != 0) sg.setLength(i, sg.dmaLength(i));
            }
            sg.setDma(i, DMA_MAPPING_ERROR, 0);
        }
    }

    /** {@code dev_use_sg_swiotlb()}: untrusted, or an unaligned kmalloc length on a non-coherent device. */
    static boolean devUseSgSwiotlb(ScatterList sg, DeviceDma dev, DmaDirection dir, SwiotlbContext tlb) {
        if (dev.untrusted()) return true;
        if (!tlb.archBouncesUnalignedKmalloc()) return false;
        for (int i = 0; i < sg.nents(); i++) {
            if (KmallocBounce.needsBounce(tlb.archBouncesUnalignedKmalloc(), dev, sg.length(i), dir)) return true;
        }
        return false;
    }

    /** {@code iommu_dma_map_sg_swiotlb()}: entry by entry through R-IOMMU-5, never merged. */
    static SgMapResult mapSgSwiotlb(ScatterList sg, IommuDmaDomain domain, DeviceDma dev, IommuDeviceState devState,
                                    DmaDirection dir, SwiotlbContext tlb, KernelProfile profile, MapTrace trace) {
        sg.markSwiotlb();
        for (int i = 0; i < sg.nents(); i++) {
            long dma = IommuMapPhys.map(domain, dev, devState, sg.phys(i), sg.length(i), dir, false, tlb, profile,
                    trace);
            if (dma == DMA_MAPPING_ERROR) {
                for (int j = 0; j < i; j++) {
                    IommuDmaUnmap.unmap(domain, sg.dmaAddress(j), sg.dmaLength(j));
                }
                for (var a : trace.bounces()) {
                    tlb.pool().release(a.tlbAddr());
                    trace.bounceReleased(a);
                }
                return SgMapResult.fail(Errno.EIO);
            }
            sg.setDma(i, dma, sg.length(i));
            sg.setFormedFrom(i, i);
        }
        return SgMapResult.ok(sg.nents());
    }
}
