package org.dmascope.model.kernel.p2p;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.dmascope.model.topology.AddressRange;
import org.dmascope.model.topology.DmaRange;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.HostWindow;

/**
 * The IOVA ranges a DMA domain reserves for devices below a host bridge (R-IOMMU-1,
 * {@code iova_reserve_pci_windows()} in drivers/iommu/dma-iommu.c): every MEM window translated to
 * bus addresses ({@code cpu - offset}), so IOVAs never collide with peer BAR bus addresses, and the
 * gaps between the sorted {@code dma_ranges} plus everything above the last one. Reservations cover
 * whole IOVA granules ({@code iova_pfn()} of both ends).
 */
public final class HostBridgeIovaReservations {
    private HostBridgeIovaReservations() {
    }

    public static List<AddressRange> of(HostBridge hb, long granule) {
        long mask = granule - 1;
        List<AddressRange> out = new ArrayList<>();
        for (HostWindow w : hb.windows()) {
            if (!w.kind().isMemory()) continue;
            out.add(pages(w.busRange().start(), w.busRange().end(), mask));
        }
        List<DmaRange> ranges = new ArrayList<>(hb.dmaRanges());
        ranges.sort(Comparator.comparing(DmaRange::busStart, Long::compareUnsigned));
        long start = 0;
        for (int i = 0; i < ranges.size(); i++) {
            DmaRange r = ranges.get(i);
            long end = r.busStart();
            if (Long.compareUnsigned(end, start) > 0) out.add(pages(start, end, mask));
            start = r.busRange().end() + 1;
            if (i == ranges.size() - 1 && r.busRange().end() != -1L) out.add(pages(start, -1L, mask));
        }
        out.sort(Comparator.comparing(AddressRange::start, Long::compareUnsigned));
        return out;
    }

    private static AddressRange pages(long lo, long hi, long mask) {
        return new AddressRange(lo & ~mask, hi | mask);
    }

    /** Bytes of IOVA space in {@code [from, to]} that no reservation covers. */
    public static long freeBytes(List<AddressRange> reserved, long from, long to) {
        long free = 0;
        long cursor = from;
        boolean done = false;
        for (AddressRange r : reserved) {
            if (done) break;
            if (Long.compareUnsigned(r.end(), cursor) < 0) continue;
            if (Long.compareUnsigned(r.start(), to) > 0) break;
            if (Long.compareUnsigned(r.start(), cursor) > 0) free += r.start() - cursor;
            if (Long.compareUnsigned(r.end(), to) >= 0) {
                done = true;
                cursor = to;
                break;
            }
            cursor = r.end() + 1;
        }
        if (!done && Long.compareUnsigned(cursor, to) <= 0) free += to - cursor + 1;
        return free;
    }
}
