package org.dmascope.model.kernel.iommu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.dmascope.model.kernel.pagetable.AmdV1Geometry;
import org.dmascope.model.kernel.pagetable.ArmLpaeGeometry;
import org.dmascope.model.kernel.pagetable.PageTableChanges;
import org.dmascope.model.kernel.pagetable.PageTableGeometry;
import org.dmascope.model.kernel.pagetable.PageTableLog;
import org.dmascope.model.kernel.pagetable.VtdGeometry;
import org.dmascope.model.kernel.sg.ScatterList;
import org.dmascope.model.kernel.sg.SgFromPages;
import org.junit.jupiter.api.Test;

/**
 * R-IOMMU-6, R-IOMMU-8: {@code iommu_map_sg} writing a list of granule-page runs table by table
 * leaves the page table and the log exactly as one {@code iommu_map()} per run does, in every format; a list or range
 * it cannot take (a run long enough for a larger page, an entry in use)
 * is left to the run-by-run path.
 */
class MapSgGranuleRunsTest {
    static final int PROT = 3;

    static PageTableGeometry[] geometries() {
        // dma-iommu takes granules up to PAGE_SIZE only (IovaDomain), so 4 KiB tables of each format
        return new PageTableGeometry[] {new VtdGeometry(48, false), new VtdGeometry(39, false), new VtdGeometry(57,
                true),
                new ArmLpaeGeometry(4096, 48, false), new ArmLpaeGeometry(4096, 40, true), new AmdV1Geometry(48)};
    }

    /** A list of whole-granule entries, mostly scattered, now and then continuing the previous one. */
    static ScatterList list(SplittableRandom r, long granule, int n, int maxGranules) {
        ScatterList sg = new ScatterList(n);
        long next = 0;
        for (int i = 0; i < n; i++) {
            long len = granule * (1 + r.nextInt(maxGranules));
            long phys = i > 0 && r.nextInt(5) == 0 ? next : (1 + r.nextLong(1L << 22)) * granule;
            sg.addPhys(phys, len, ScatterList.NO_PROVIDER);
            next = phys + len;
        }
        return sg;
    }

    static long total(ScatterList sg) {
        long t = 0;
        for (int i = 0; i < sg.nents(); i++) t += sg.length(i);
        return t;
    }

    @Test
    void granuleRunsWriteWhatOneIommuMapPerRunWrites() {
        SplittableRandom r = new SplittableRandom(7);
        int fast = 0;
        for (PageTableGeometry g : geometries()) {
            long granule = g.granule();
            for (int round = 0; round < 40; round++) {
                ScatterList sg = list(r, granule, 1 + r.nextInt(round < 10 ? 5 : 3000), 1 + r.nextInt(8));
                long iova = (r.nextLong(1L << 20) + 1) * granule * 512 + granule * r.nextInt(512);
                IommuDmaDomain a = new IommuDmaDomain("a", g, DmaDomainType.DMA, 0);
                IommuDmaDomain b = new IommuDmaDomain("b", g, DmaDomainType.DMA, 0);
                if (r.nextBoolean()) {
                    // something mapped already, below and above the range
                    assertEquals(null, IommuMap.map(a, iova - 2 * granule, 0x1000_0000L, granule, PROT));
                    assertEquals(null, IommuMap.map(b, iova - 2 * granule, 0x1000_0000L, granule, PROT));
                }
                PageTableLog la = new PageTableLog();
                PageTableLog lb = new PageTableLog();
                a.pageTable().record(la);
                b.pageTable().record(lb);
                long total = total(sg);
                long got = IommuMapSg.mapGranuleRuns(a, iova, sg, PROT, total);
                long want = IommuMapSg.mapSgRunByRun(b, iova, sg, PROT);
                String what = g.describe() + ", round " + round + ", " + sg.nents() + " entries";
                if (got < 0) {
                    got = IommuMapSg.mapSgRunByRun(a, iova, sg, PROT);
                } else {
                    fast++;
                }
                assertEquals(want, got, what);
                assertSameTables(a, b, iova, total, what);
                assertSameLog(la.freeze(g), lb.freeze(g), what);
            }
        }
        assertTrue(fast > 100, "the table-by-table path was taken " + fast + " times");
    }

    @Test
    void aListCutFromWholePagesIsWrittenFromThePagesThemselves() {
        SplittableRandom r = new SplittableRandom(11);
        int shared = 0;
        for (PageTableGeometry g : geometries()) {
            for (int round = 0; round < 30; round++) {
                int n = 1 + r.nextInt(round < 5 ? 4 : 5000);
                long[] pages = new long[n];
                for (int i = 0; i < n; i++) {
                    pages[i] = i > 0 && r.nextInt(4) == 0 ? pages[i - 1] + 4096 : (1 + r.nextLong(1L << 22)) << 12;
                }
                ScatterList sg = SgFromPages.build(pages, null, n, 0, (long) n << 12, 0xFFFF_FFFFL);
                assertSame(pages, sg.fromPages(), "built from whole pages");
                ScatterList copy = sg.copyInputs();
                long iova = (r.nextLong(1L << 20) + 1) << 21;
                IommuDmaDomain a = new IommuDmaDomain("a", g, DmaDomainType.DMA, 0);
                IommuDmaDomain b = new IommuDmaDomain("b", g, DmaDomainType.DMA, 0);
                PageTableLog la = new PageTableLog();
                PageTableLog lb = new PageTableLog();
                a.pageTable().record(la);
                b.pageTable().record(lb);
                long total = (long) n << 12;
                long got = IommuMapSg.mapGranuleRuns(a, iova, sg, PROT, total);
                long want = IommuMapSg.mapSgRunByRun(b, iova, copy, PROT);
                String what = g.describe() + ", round " + round + ", " + n + " pages";
                if (got < 0) {
                    got = IommuMapSg.mapSgRunByRun(a, iova, sg, PROT);
                } else {
                    PageTableChanges ch = la.freeze(g);
                    assertEquals(ch.footprintBytes() - 8L * n, ch.footprintBytesBesides(pages),
                            what + ": the log keeps the page array itself");
                    shared++;
                }
                assertEquals(want, got, what);
                assertSameTables(a, b, iova, total, what);
                assertSameLog(la.freeze(g), lb.freeze(g), what);
            }
        }
        assertTrue(shared > 60, "the pages were the leaves " + shared + " times");
    }

    @Test
    void aChangedEntryOrAPartialPageForgetsThePages() {
        long[] pages = {0x10_0000L, 0x10_1000L, 0x30_0000L};
        ScatterList sg = SgFromPages.build(pages, null, 3, 0, 0x3000, 0xFFFF_FFFFL);
        assertSame(pages, sg.fromPages());
        assertEquals(0x2000, sg.longestEntry());
        sg.setLength(1, 0x1000);
        assertSame(pages, sg.fromPages(), "the same length is no change");
        sg.setLength(1, 0x2000);
        assertNull(sg.fromPages(), "a padded entry no longer covers just its pages");
        assertNull(SgFromPages.build(pages, null, 3, 0x200, 0x2E00, 0xFFFF_FFFFL).fromPages(),
                "the buffer starts inside its first page");
        assertNull(SgFromPages.build(pages, null, 3, 0, 0x2800, 0xFFFF_FFFFL).fromPages(),
                "the buffer ends inside its last page");
        assertNull(SgFromPages.build(pages, new int[3], 3, 0, 0x3000, 0xFFFF_FFFFL).fromPages(), "P2P pages");
        ScatterList marked = SgFromPages.build(pages, null, 3, 0, 0x3000, 0xFFFF_FFFFL);
        marked.markBusAddress(0);
        assertNull(marked.fromPages());
    }

    @Test
    void aRunLongEnoughForALargePageOrAnEntryInUseGoesRunByRun() {
        PageTableGeometry g = new VtdGeometry(48, false);
        IommuDmaDomain d = new IommuDmaDomain("d", g, DmaDomainType.DMA, 0);
        ScatterList big = new ScatterList(1);
        big.addPhys(0x4000_0000L, 2L << 20, ScatterList.NO_PROVIDER);
        assertEquals(-1, IommuMapSg.mapGranuleRuns(d, 0x20_0000L, big, PROT, 2L << 20),
                "a 2 MiB run may take a 2 MiB page");
        ScatterList small = new ScatterList(2);
        small.addPhys(0x4000_0000L, 0x1000, ScatterList.NO_PROVIDER);
        small.addPhys(0x5000_0000L, 0x1000, ScatterList.NO_PROVIDER);
        assertEquals(null, IommuMap.map(d, 0x10_1000L, 0x7000_0000L, 0x1000, PROT));
        assertEquals(-1, IommuMapSg.mapGranuleRuns(d, 0x10_0000L, small, PROT, 0x2000),
                "the second page's entry is in use");
        assertEquals(-1, IommuMapSg.mapSg(d, 0x10_0000L, small, PROT, 0x2000),
                "run by run, iommu_map fails with -EEXIST");
        assertEquals(0x7000_0000L, d.pageTable().iovaToPhys(0x10_1000L), "what was there stays");
        assertEquals(0, d.pageTable().iovaToPhys(0x10_0000L), "what was mapped before the failure is unmapped");
        assertEquals(0x2000, IommuMapSg.mapGranuleRuns(d, 0x20_0000L, small, PROT, 0x2000));
    }

    static void assertSameTables(IommuDmaDomain a, IommuDmaDomain b, long iova, long total, String what) {
        assertEquals(b.pageTable().tableCount(), a.pageTable().tableCount(), what + ": tables");
        assertEquals(b.pageTable().leafPteCount(), a.pageTable().leafPteCount(), what + ": leaf PTEs");
        long granule = a.geometry().granule();
        for (long off = -2 * granule; off < total + granule; off += granule) {
            assertEquals(b.pageTable().iovaToPhys(iova + off), a.pageTable().iovaToPhys(iova + off),
                    what + " at +" + off);
            assertEquals(b.pageTable().walk(iova + off), a.pageTable().walk(iova + off), what + " walk at +" + off);
        }
    }

    static void assertSameLog(PageTableChanges a, PageTableChanges b, String what) {
        assertEquals(b.leafCount(), a.leafCount(), what + ": logged leaves");
        for (int i = 0; i < b.leafCount(); i++) {
            assertEquals(b.leafIova(i), a.leafIova(i), what + ": leaf " + i);
            assertEquals(b.leafPhys(i), a.leafPhys(i), what + ": leaf " + i);
            assertEquals(b.leafSize(i), a.leafSize(i), what + ": leaf " + i);
            assertEquals(b.leafLevel(i), a.leafLevel(i), what + ": leaf " + i);
            assertEquals(b.leafProt(i), a.leafProt(i), what + ": leaf " + i);
        }
        assertEquals(b.newTableCount(), a.newTableCount(), what + ": new tables");
        for (int i = 0; i < b.newTableCount(); i++) assertEquals(b.newTable(i), a.newTable(i), what + ": table " + i);
        assertEquals(b.leavesBySize(), a.leavesBySize(), what);
    }
}
