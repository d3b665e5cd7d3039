package org.dmascope.model.addresses;

import java.util.List;
import java.util.Objects;

/**
 * One address space of the map: the CPU's physical memory space, the I/O port space, or the IOVA space of
 * one IOMMU DMA domain, with its ranges sorted by start address (unsigned), larger first on a tie.
 *
 * @param title   e.g. {@code CPU physical address space}, {@code IOVA: group 7 (0000:03:00.0)}
 * @param summary a line about the space (what the IOVA space's domain is, who is attached)
 */
public record AddressSpace(Kind kind, String title, String summary, List<MappedRange> ranges) {
    public enum Kind { CPU_MEMORY, IO_PORTS, IOVA }

    public AddressSpace {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(title);
        Objects.requireNonNull(summary);
        ranges = List.copyOf(ranges);
    }

    /** The ranges of one kind. */
    public List<MappedRange> ranges(RangeKind k) {
        return ranges.stream().filter(r -> r.kind() == k).toList();
    }
}
