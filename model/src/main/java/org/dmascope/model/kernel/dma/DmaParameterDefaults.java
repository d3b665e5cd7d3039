package org.dmascope.model.kernel.dma;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.topology.DmaParameters;
import org.dmascope.model.topology.PciFunction;

/**
 * R-MAP-4 the DMA parameters a PCI device has before its driver changes them
 * ({@code pci_device_add()} in drivers/pci/probe.c, {@code dma_get_max_seg_size()} /
 * {@code dma_get_seg_boundary()} in include/linux/dma-mapping.h): streaming and coherent mask
 * 32 bits, max segment size 65536, segment boundary 0xFFFF_FFFF, no min-align mask.
 */
@KernelRule("R-MAP-4")
public final class DmaParameterDefaults {
    /** {@code pdev->dma_mask = 0xffffffff} in {@code pci_device_add()}. */
    public static final int PCI_MASK_BITS = 32;
    /** {@code dma_set_max_seg_size(&dev->dev, 65536)} in {@code pci_device_add()}. */
    public static final long PCI_MAX_SEG_SIZE = 65536;
    /** {@code dma_set_seg_boundary(&dev->dev, 0xffffffff)} in {@code pci_device_add()}. */
    public static final long PCI_SEG_BOUNDARY = 0xFFFF_FFFFL;

    private DmaParameterDefaults() {
    }

    /**
     * Resolves a function's parameters: the user's overrides first, then what the topology says the
     * driver set, then the PCI defaults (each default named in {@link DeviceDma#defaultsApplied()}).
     */
    public static DeviceDma resolve(PciFunction f, DmaParameters overrides, DmaRangeMap rangeMap) {
        DmaParameters known = f.dma();
        List<String> notes = new ArrayList<>();
        OptionalInt bits = first(overrides.maskBits(), known.maskBits());
        long mask;
        if (bits.isPresent()) {
            mask = KernelArith.dmaBitMask(bits.getAsInt());
        } else {
            mask = KernelArith.dmaBitMask(PCI_MASK_BITS);
            notes.add("DMA mask unknown: using the PCI default 32 bits (pci_device_add) as if the driver never "
                    + "called dma_set_mask()");
        }
        OptionalLong seg = first(overrides.maxSegmentSize(), known.maxSegmentSize());
        if (seg.isEmpty()) notes.add("max segment size unknown: using the PCI default 65536 (R-MAP-4)");
        OptionalLong boundary = first(overrides.segmentBoundaryMask(), known.segmentBoundaryMask());
        if (boundary.isEmpty()) notes.add("segment boundary unknown: using the PCI default 0xffffffff (R-MAP-4)");
        OptionalLong align = first(overrides.minAlignMask(), known.minAlignMask());
        boolean untrusted = f.untrusted().orElse(false);
        return new DeviceDma(mask, KernelArith.dmaBitMask(32), 0, rangeMap, seg.orElse(PCI_MAX_SEG_SIZE),
                boundary.orElse(PCI_SEG_BOUNDARY), align.orElse(0), true, untrusted, notes);
    }

    private static OptionalInt first(OptionalInt a, OptionalInt b) {
        return a.isPresent() ? a : b;
    }

    private static OptionalLong first(OptionalLong a, OptionalLong b) {
        return a.isPresent() ? a : b;
    }
}
