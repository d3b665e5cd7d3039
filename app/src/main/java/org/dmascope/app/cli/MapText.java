package org.dmascope.app.cli;

import java.io.PrintStream;
import java.util.Map;

import org.dmascope.model.kernel.pagetable.PageTableChanges;
import org.dmascope.model.kernel.swiotlb.SwiotlbAllocation;
import org.dmascope.model.mapping.DmaSegments;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.mapping.MetadataCost;
import org.dmascope.model.mapping.Step;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;

/** The text form of {@code dmascope map}: verdict, numbered steps, segments, page-table entries, bounce buffers. */
final class MapText {
    private MapText() {
    }

    static void print(Mapping m, String modeReason, int limit, PrintStream out) {
        out.println("map " + m.request().buffer().spec() + " for " + m.request().initiator() + " with " + m.request()
                .api().kernelName()
                + " (" + m.request().profile().label() + ")");
        out.println("IOMMU: " + m.request().iommuMode().words() + (modeReason.isEmpty() ? "" : " [" + modeReason + "]")
                + (m.domainId() == null ? "" : ", domain \"" + m.domainId() + "\""));
        out.println("verdict: " + m.verdict().code() + " - " + m.verdict().summary());
        out.println("  " + m.verdict().kernelReturn());
        out.println("P2P map type: " + m.mapType());
        out.println();
        int n = 1;
        for (Step s : m.steps()) {
            out.println(n++ + ". " + s.title() + (s.ruleId().isEmpty() ? "" : "  [" + s.ruleId() + "]"));
            if (!s.since().isEmpty()) out.println("   kernel history: " + s.since());
            out.println("   " + s.narration());
            if (!s.inputs().isEmpty()) out.println("   in:  " + fields(s.inputs()));
            if (!s.outputs().isEmpty()) out.println("   out: " + fields(s.outputs()));
        }
        DmaSegments seg = m.segments();
        if (seg.count() > 0) {
            out.println();
            out.println("DMA segments (" + seg.count() + ", " + ByteSize.format(seg.totalLength()) + "):");
            if (seg.swiotlbMarked()) {
                out.println("  the list is marked SG_DMA_SWIOTLB (sg_dma_mark_swiotlb on its first entry: every "
                        + "segment is synced and unmapped through swiotlb)");
            }
            for (int i = 0; i < Math.min(limit, seg.count()); i++) {
                out.printf("  %4d  %-20s %10s  %-12s inputs %d..%d%n", i, Hex.addr(seg.address(i)),
                        Hex.addr(seg.length(i)),
                        String.join(",", seg.flagNames(i)), seg.firstInput(i),
                                seg.firstInput(i) + seg.inputCount(i) - 1);
            }
            more(out, seg.count(), limit);
        }
        PageTableChanges pt = m.pageTable();
        if (pt.leafCount() > 0) {
            out.println();
            out.println("I/O page-table entries written (" + pt.leafCount() + ", " + pt.newTableCount()
                    + " new tables; "
                    + pt.geometry().describe() + "):");
            for (int i = 0; i < Math.min(limit, pt.leafCount()); i++) {
                StringBuilder walk = new StringBuilder();
                for (PageTableChanges.LevelIndex li : pt.walk(i)) {
                    if (walk.length() > 0) walk.append(" ");
                    walk.append(li.levelName()).append('[').append(li.index()).append(']');
                }
                out.printf("  IOVA %-18s -> %-18s %6s  %s%n", Hex.addr(pt.leafIova(i)), Hex.addr(pt.leafPhys(i)),
                        ByteSize.format(pt.leafSize(i)), walk);
            }
            more(out, pt.leafCount(), limit);
        }
        if (!m.swiotlb().isEmpty()) {
            out.println();
            out.println("swiotlb bounce buffers (" + m.swiotlb().size() + "):");
            for (int i = 0; i < Math.min(limit, m.swiotlb().size()); i++) {
                SwiotlbAllocation a = m.swiotlb().get(i);
                out.printf("  %s -> %s  slots %d-%d (area %d)%n", Hex.addr(a.origAddr()), Hex.addr(a.tlbAddr()),
                        a.firstSlot(),
                        a.firstSlot() + a.nslots() - 1, a.area());
            }
            more(out, m.swiotlb().size(), limit);
        }
        MetadataCost c = m.cost();
        out.println();
        out.printf("metadata: %d pages (%d B of page pointers), scatterlist %d entries = %d B, phyr %d ranges = %d B, "
                + "dma_range %d = %d B%n", c.pages(), c.pageArrayBytes(), c.scatterlistEntries(), c.scatterlistBytes(),
                        c.phyrRanges(),
                c.phyrBytes(), c.dmaRanges(), c.dmaRangeBytes());
        for (String l : m.kernelLog()) out.println("kernel log: " + l);
        for (String l : m.notes()) out.println("note: " + l);
        for (String d : m.device().defaultsApplied()) out.println("default: " + d);
    }

    private static void more(PrintStream out, int total, int limit) {
        if (total > limit) out.println("  ... " + (total - limit) + " more (--limit N shows more)");
    }

    private static String fields(Map<String, String> m) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : m.entrySet()) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(e.getKey()).append(' ').append(e.getValue());
        }
        return sb.toString();
    }
}
