package org.dmascope.model.session;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.dmascope.model.mapping.BlockPath;
import org.dmascope.model.mapping.BlockQueueInputs;
import org.dmascope.model.mapping.IommuMode;
import org.dmascope.model.mapping.MapApi;
import org.dmascope.model.topology.DmaParameters;

/**
 * How a buffer is mapped, beyond the buffer and the device: the driver's API and what the user set
 * in place of the kernel's own decisions. Every empty value means "as the topology and the kernel's
 * rules say". The kernel itself (profile, command line, platform facts) is not here: it belongs to the
 * session, since changing it reboots the machine.
 *
 * @param iommuMode  empty: the device's group default domain (R-GRP-3)
 * @param dma        the device's DMA parameters to replace (unknown ones keep the device's, or R-MAP-4)
 * @param blockPath  for {@link MapApi#BLOCK}: which block-layer mapping path
 * @param domainId   the IOMMU domain identity; empty: the device's IOMMU group's (R-GRP-2)
 * @param queue      the block queue's MDTS and {@code max_sectors_kb}; empty: the driver's defaults
 */
public record MapOptions(MapApi api, Optional<IommuMode> iommuMode, DmaParameters dma, BlockPath blockPath,
                         Optional<String> domainId, BlockQueueInputs queue) {

    public static final MapOptions DEFAULTS = new MapOptions(MapApi.SG, Optional.empty(), DmaParameters.UNKNOWN,
            BlockPath.AUTO, Optional.empty(), BlockQueueInputs.NONE);

    public MapOptions {
        Objects.requireNonNull(api);
        Objects.requireNonNull(iommuMode);
        Objects.requireNonNull(dma);
        Objects.requireNonNull(blockPath);
        Objects.requireNonNull(domainId);
        Objects.requireNonNull(queue);
    }

    public MapOptions withApi(MapApi v) {
        return new MapOptions(v, iommuMode, dma, blockPath, domainId, queue);
    }

    public MapOptions withIommuMode(Optional<IommuMode> v) {
        return new MapOptions(api, v, dma, blockPath, domainId, queue);
    }

    public MapOptions withDma(DmaParameters v) {
        return new MapOptions(api, iommuMode, v, blockPath, domainId, queue);
    }

    public MapOptions withDmaMaskBits(OptionalInt v) {
        return withDma(new DmaParameters(v, dma.maxSegmentSize(), dma.segmentBoundaryMask(), dma.minAlignMask()));
    }

    public MapOptions withMaxSegmentSize(OptionalLong v) {
        return withDma(new DmaParameters(dma.maskBits(), v, dma.segmentBoundaryMask(), dma.minAlignMask()));
    }

    public MapOptions withSegmentBoundaryMask(OptionalLong v) {
        return withDma(new DmaParameters(dma.maskBits(), dma.maxSegmentSize(), v, dma.minAlignMask()));
    }

    public MapOptions withMinAlignMask(OptionalLong v) {
        return withDma(new DmaParameters(dma.maskBits(), dma.maxSegmentSize(), dma.segmentBoundaryMask(), v));
    }

    public MapOptions withBlockPath(BlockPath v) {
        return new MapOptions(api, iommuMode, dma, v, domainId, queue);
    }

    public MapOptions withDomainId(Optional<String> v) {
        return new MapOptions(api, iommuMode, dma, blockPath, v, queue);
    }

    public MapOptions withQueue(BlockQueueInputs v) {
        return new MapOptions(api, iommuMode, dma, blockPath, domainId, v);
    }
}
