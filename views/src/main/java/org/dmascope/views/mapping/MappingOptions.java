package org.dmascope.views.mapping;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.dmascope.model.kernel.KernelProfile;
import org.dmascope.model.mapping.IommuMode;
import org.dmascope.model.mapping.MapApi;
import org.dmascope.model.topology.DmaParameters;

/**
 * How a dropped buffer is mapped: the driver's API, the IOMMU mode, the device's DMA parameters and
 * the kernel. Unset values mean "as the topology and the kernel's rules say".
 *
 * @param iommuMode           empty: as the kernel decides for the device's group (R-GRP-3)
 * @param dmaMaskBits         empty: the device's mask (or the PCI default)
 * @param maxSegmentSize      empty: the device's (or 64 KiB)
 * @param segmentBoundaryMask empty: the device's (or 0xffffffff)
 */
public record MappingOptions(MapApi api, Optional<IommuMode> iommuMode, OptionalInt dmaMaskBits, OptionalLong maxSegmentSize,
                             OptionalLong segmentBoundaryMask, KernelProfile profile) {

    public static final MappingOptions DEFAULTS = new MappingOptions(MapApi.SG, Optional.empty(), OptionalInt.empty(),
            OptionalLong.empty(), OptionalLong.empty(), KernelProfile.MAINLINE);

    public MappingOptions {
        Objects.requireNonNull(api);
        Objects.requireNonNull(iommuMode);
        Objects.requireNonNull(dmaMaskBits);
        Objects.requireNonNull(maxSegmentSize);
        Objects.requireNonNull(segmentBoundaryMask);
        Objects.requireNonNull(profile);
    }

    public MappingOptions withApi(MapApi v) {
        return new MappingOptions(v, iommuMode, dmaMaskBits, maxSegmentSize, segmentBoundaryMask, profile);
    }

    public MappingOptions withIommuMode(Optional<IommuMode> v) {
        return new MappingOptions(api, v, dmaMaskBits, maxSegmentSize, segmentBoundaryMask, profile);
    }

    public MappingOptions withDmaMaskBits(OptionalInt v) {
        return new MappingOptions(api, iommuMode, v, maxSegmentSize, segmentBoundaryMask, profile);
    }

    public MappingOptions withMaxSegmentSize(OptionalLong v) {
        return new MappingOptions(api, iommuMode, dmaMaskBits, v, segmentBoundaryMask, profile);
    }

    public MappingOptions withSegmentBoundaryMask(OptionalLong v) {
        return new MappingOptions(api, iommuMode, dmaMaskBits, maxSegmentSize, v, profile);
    }

    public MappingOptions withProfile(KernelProfile v) {
        return new MappingOptions(api, iommuMode, dmaMaskBits, maxSegmentSize, segmentBoundaryMask, v);
    }

    /** The DMA parameters that replace the device's. */
    public DmaParameters dmaOverrides() {
        return new DmaParameters(dmaMaskBits, maxSegmentSize, segmentBoundaryMask, OptionalLong.empty());
    }
}
