package org.dmascope.app.cli;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.dmascope.model.mapping.BlockPath;
import org.dmascope.model.mapping.BlockQueueInputs;
import org.dmascope.model.mapping.IommuMode;
import org.dmascope.model.mapping.MapApi;
import org.dmascope.model.session.MapOptions;
import org.dmascope.model.topology.DmaParameters;

import picocli.CommandLine.Option;

/** The options of a map call ({@code --api}, {@code --iommu-mode}, the DMA parameters…), shared by map and designs. */
final class MapCallOptions {
    @Option(names = "--api", paramLabel = "sg|phys|block|iova", converter = Choices.Api.class,
            completionCandidates = Choices.Api.class,
            description = "sg = dma_map_sg (default), phys = dma_map_phys per range, block = a block request, "
                    + "iova = the two-step dma_iova_* API")
    private MapApi api = MapApi.SG;

    @Option(names = "--iommu-mode", paramLabel = "M", converter = Choices.DeviceIommuMode.class,
            completionCandidates = Choices.DeviceIommuMode.class,
            description = "the initiator's IOMMU default domain: dma (strict), lazy (DMA-FQ), identity "
                    + "(passthrough), off (no IOMMU); "
                    + "default: the kernel's default-domain rule (R-GRP-3) for the initiator's IOMMU group")
    private IommuMode iommuMode;

    @Option(names = "--domain", paramLabel = "NAME",
            description = "the IOMMU domain identity (devices of one IOMMU group share one); default: the "
                    + "initiator's IOMMU group "
                    + "as the kernel forms it (R-GRP-2)")
    private String domain;

    @Option(names = "--dma-mask", paramLabel = "BITS", converter = WholeNumber.MaskBits.class,
            description = "DMA mask width, 1 to 64")
    private Integer dmaMaskBits;

    @Option(names = "--max-seg", paramLabel = "SIZE", converter = SegmentSize.class,
            description = "max segment size, 1 byte to 0xffffffff (65536, 0x10000, 64KiB)")
    private Long maxSegment;

    @Option(names = "--seg-boundary", paramLabel = "MASK", converter = HexMask.Boundary.class,
            description = "segment boundary, a mask 2^n-1 such as 0xffffffff")
    private Long segmentBoundary;

    @Option(names = "--min-align", paramLabel = "MASK", converter = HexMask.class,
            description = "minimum alignment mask, such as 0xfff")
    private Long minAlign;

    @Option(names = "--block-path", paramLabel = "auto|dma-iter|map-sg", converter = Choices.Block.class,
            completionCandidates = Choices.Block.class,
            description = "for --api block: blk_rq_dma_map_iter (dma-iter, v6.17+), blk_rq_map_sg + dma_map_sg "
                    + "(map-sg), "
                    + "or the kernel's choice (auto, default)")
    private BlockPath blockPath = BlockPath.AUTO;

    @Option(names = "--mdts", paramLabel = "N", converter = WholeNumber.Mdts.class,
            description = "for --api block on NVMe: the controller's MDTS (nvme id-ctrl; 2^N pages of 4 KiB, 0 = no "
                    + "limit); lowers max_hw_sectors")
    private Integer mdts;

    @Option(names = "--max-sectors-kb", paramLabel = "KIB", converter = WholeNumber.MaxSectorsKb.class,
            description = "for --api block: the queue's max_sectors_kb as set in sysfs (at most max_hw_sectors_kb "
                    + "takes effect); default: the block layer's 1280 KiB cap")
    private Integer maxSectorsKb;

    MapApi api() {
        return api;
    }

    /** The IOMMU mode the user chose, if any. */
    Optional<IommuMode> iommuMode() {
        return Optional.ofNullable(iommuMode);
    }

    MapOptions options() {
        return MapOptions.DEFAULTS.withApi(api).withIommuMode(Optional.ofNullable(iommuMode))
                .withDomainId(Optional.ofNullable(domain))
                .withBlockPath(blockPath).withDma(new DmaParameters(dmaMaskBits == null ? OptionalInt.empty()
                        : OptionalInt.of(dmaMaskBits), optional(maxSegment), optional(segmentBoundary),
                                optional(minAlign)))
                .withQueue(new BlockQueueInputs(mdts == null ? OptionalInt.empty() : OptionalInt.of(mdts),
                        maxSectorsKb == null ? OptionalLong.empty() : OptionalLong.of(maxSectorsKb)));
    }

    private static OptionalLong optional(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
