package org.dmascope.model.kernel.iommu;

import static org.dmascope.model.kernel.dma.KernelArith.DMA_MAPPING_ERROR;

import org.dmascope.model.kernel.dma.DeviceDma;
import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.kernel.sg.ScatterList;

/**
 * R-IOMMU-7 {@code __finalise_sg(dev, sg, nents, dma_addr)} (drivers/iommu/dma-iommu.c, read in
 * torvalds/linux): the second pass restores each entry's offset and length and writes the output
 * segments in place. An entry is concatenated onto the current segment when the segment is open, the
 * entry starts on a granule, the running IOVA is not on a segment boundary, and the result stays within
 * the max segment size (unsigned 32-bit arithmetic, as in C); an entry that did not end on a granule
 * (or was padded) closes the segment. Bus-address entries are copied through as their own segments.
 */
@KernelRule("R-IOMMU-7")
public final class FinaliseSg {
    private FinaliseSg() {
    }

    /** @return the number of output segments */
    public static int finalise(ScatterList sg, DeviceDma dev, long dmaAddr) {
        long segMask = dev.segBoundaryMask();
        long maxLen = dev.maxSegSize() & 0xFFFF_FFFFL;
        long[] dmaAddresses = sg.dmaAddressColumn();
        int[] dmaLengths = sg.dmaLengthColumn();
        int[] lengths = sg.lengthColumn();
        byte[] flags = sg.dmaFlagsColumn();
        long curLen = 0;
        int cur = 0;
        int count = 0;
        int n = sg.nents();
        int i = 0;
        while (i < n) {
            // The common entry, in a loop of its own over the columns (no call, no rare case: it runs
            // at twice the speed): not a bus address, started on a granule, its length unchanged by
            // the first pass, and joining the open segment. Anything else takes the full step below.
            int from = i;
            for (; i < n; i++) {
                long sLength = Integer.toUnsignedLong(dmaLengths[i]);
                if ((dmaAddresses[i] & 0xFFFF_FFFFL) != 0 || dmaLengths[i] != lengths[i] || (flags != null
                        && flags[i] != 0)
                        || curLen == 0 || (dmaAddr & segMask) == 0 || ((maxLen - curLen) & 0xFFFF_FFFFL) < sLength) {
                    break;
                }
                dmaAddresses[i] = DMA_MAPPING_ERROR;
                dmaLengths[i] = 0;
                curLen += sLength;
                dmaAddr += sLength;
            }
            if (i > from) sg.setDmaLength(cur, curLen);
            if (i == n) break;

            long sDmaAddr = sg.dmaAddress(i);
            long sIovaOff = sDmaAddr & 0xFFFF_FFFFL;
            long sLength = sg.dmaLength(i);
            long sIovaLen = sg.length(i);
            sg.setDma(i, DMA_MAPPING_ERROR, 0);
            if (sg.isBusAddress(i)) {
                if (i > 0) cur++;
                sg.unmarkBusAddress(i);
                sg.setDma(cur, sDmaAddr, sLength);
                sg.markBusAddress(cur);
                sg.setFormedFrom(cur, i);
                count++;
                curLen = 0;
            } else {
                sg.setOffset(i, sg.offset(i) + sIovaOff);
                sg.setLength(i, sLength);
                if (curLen != 0 && sIovaOff == 0 && (dmaAddr & segMask) != 0
                        && ((maxLen - curLen) & 0xFFFF_FFFFL) >= sLength) {
                    curLen += sLength;
                } else {
                    if (i > 0) cur++;
                    curLen = sLength;
                    count++;
                    sg.setDmaAddress(cur, dmaAddr + sIovaOff);
                    sg.setFormedFrom(cur, i);
                }
                sg.setDmaLength(cur, curLen);
                dmaAddr += sIovaLen;
                if (sLength + sIovaOff < sIovaLen) curLen = 0;
            }
            i++;
        }
        return count;
    }
}
