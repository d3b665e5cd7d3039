package org.dmascope.model.kernel.swiotlb;

/**
 * One bounce buffer taken from the pool by {@code swiotlb_tbl_map_single}.
 *
 * @param origAddr     the original buffer's physical address
 * @param mappingSize  bytes copied
 * @param tlbAddr      physical address of the bounce buffer
 * @param firstSlot    first slot used (padding slots included)
 * @param nslots       slots used (padding slots included)
 * @param padSlots     leading slots skipped to keep the min-align offset
 * @param area         the area the slots came from
 */
public record SwiotlbAllocation(long origAddr, long mappingSize, long tlbAddr, int firstSlot, int nslots, int padSlots,
                                int area) {
}
