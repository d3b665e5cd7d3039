package org.dmascope.app.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import org.dmascope.model.kernel.platform.DefaultDomainChoice;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.mapping.BlockPath;
import org.dmascope.model.mapping.IommuMode;
import org.dmascope.model.mapping.MapApi;
import org.dmascope.model.topology.Platform.IommuDriver;

/** The one-word options of the command line, each accepting exactly what it accepted before picocli. */
final class Choices {
    private Choices() {
    }

    /** {@code --format}: exactly {@code text} or {@code json}. */
    static final class Format extends Choice<OutputFormat> {
        Format() {
            super("an output format", List.of("text", "json"), v -> switch (v) {
                case "text" -> Optional.of(OutputFormat.TEXT);
                case "json" -> Optional.of(OutputFormat.JSON);
                default -> Optional.empty();
            });
        }
    }

    /** {@code map --format}: the output formats and the Markdown report. */
    static final class MapFormat extends Choice<OutputFormat> {
        MapFormat() {
            super("an output format", List.of("text", "json", "markdown"), v -> switch (v) {
                case "text" -> Optional.of(OutputFormat.TEXT);
                case "json" -> Optional.of(OutputFormat.JSON);
                case "markdown", "md" -> Optional.of(OutputFormat.MARKDOWN);
                default -> Optional.empty();
            });
        }
    }

    /** {@code --kernel}: a kernel profile id, any case. */
    static final class Kernel extends Choice<KernelProfile> {
        Kernel() {
            super("a kernel profile", Stream.concat(Stream.of(KernelProfile.MAINLINE_ID),
                    Arrays.stream(KernelProfile.values()).map(KernelProfile::id)).toList(), KernelProfile::byId);
        }
    }

    /** {@code --iommu}: the IOMMU driver, any case, with the names the kernel and vendors use. */
    static final class Iommu extends Choice<IommuDriver> {
        Iommu() {
            super("an IOMMU driver", List.of("none", "vtd", "amdvi", "smmuv3"),
                    v -> switch (v.toLowerCase(Locale.ROOT)) {
                case "none", "off" -> Optional.of(IommuDriver.NONE);
                case "vtd", "intel", "dmar" -> Optional.of(IommuDriver.INTEL_VTD);
                case "amdvi", "amd-vi", "amd" -> Optional.of(IommuDriver.AMD_VI);
                case "smmuv3", "smmu" -> Optional.of(IommuDriver.ARM_SMMU_V3);
                default -> Optional.empty();
            });
        }
    }

    /** {@code --iommu-mode} of the topology commands: the platform's default domain type. */
    static final class DefaultDomain extends Choice<DefaultDomainChoice> {
        DefaultDomain() {
            super("a default domain type", Arrays.stream(DefaultDomainChoice.values()).map(DefaultDomainChoice::id)
                    .toList(),
                    DefaultDomainChoice::byId);
        }
    }

    /** {@code --iommu-mode} of {@code map}: the initiator's own translation, {@code off} included. */
    static final class DeviceIommuMode extends Choice<IommuMode> {
        DeviceIommuMode() {
            super("an IOMMU mode", Arrays.stream(IommuMode.values()).map(IommuMode::cli).toList(), IommuMode::parse);
        }
    }

    /**
     * A yes/no answer. Not a {@code Boolean}: picocli would read a Boolean option as a flag, taking
     * {@code --acs-requested yes} for the flag followed by a file called "yes".
     */
    enum Answer {
        YES, NO
    }

    /** {@code --acs-requested}: yes or no, any case. */
    static final class YesNo extends Choice<Answer> {
        YesNo() {
            super("an answer", List.of("yes", "no"), v -> switch (v.toLowerCase(Locale.ROOT)) {
                case "yes" -> Optional.of(Answer.YES);
                case "no" -> Optional.of(Answer.NO);
                default -> Optional.empty();
            });
        }
    }

    /** {@code --api}: the DMA API the driver calls. */
    static final class Api extends Choice<MapApi> {
        Api() {
            super("a DMA API", Arrays.stream(MapApi.values()).map(MapApi::cli).toList(), MapApi::parse);
        }
    }

    /** {@code --block-path}: exactly auto, dma-iter or map-sg. */
    static final class Block extends Choice<BlockPath> {
        Block() {
            super("a block path", List.of("auto", "dma-iter", "map-sg"), v -> switch (v) {
                case "auto" -> Optional.of(BlockPath.AUTO);
                case "dma-iter" -> Optional.of(BlockPath.DMA_ITER);
                case "map-sg" -> Optional.of(BlockPath.MAP_SG);
                default -> Optional.empty();
            });
        }
    }
}
