package org.dmascope.model.mapping;

import java.util.Objects;
import java.util.Optional;

import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.DmaParameters;
import org.dmascope.model.topology.Topology;

/**
 * Everything one mapping depends on.
 *
 * @param initiator    the device that will do the DMA
 * @param iommuMode    the device's resolved IOMMU mode (R-GRP-3 decides it per device)
 * @param domainId     the IOMMU domain the device is attached to; devices of one IOMMU group share one.
 *                     Empty: one domain per device ({@code device BDF}).
 * @param dmaOverrides DMA parameters that replace what the topology says (unknown ones fall back to R-MAP-4)
 * @param cpu          the CPU doing the mapping (picks the first swiotlb area)
 * @param platform     the resolved platform facts and command line of the boot (swiotlb, SME C-bit,
 *                     {@code iommu.forcedac}, DMA-domain page table); its profile is {@code profile}
 * @param queue        the block queue's MDTS and {@code max_sectors_kb} (block requests only)
 */
public record MapRequest(Topology topology, Bdf initiator, BufferSpec buffer, MapApi api, IommuMode iommuMode,
                         Optional<String> domainId, DmaParameters dmaOverrides, KernelProfile profile,
                                 BlockPath blockPath,
                         int cpu, PlatformAssumptions platform, BlockQueueInputs queue) {
    public MapRequest {
        Objects.requireNonNull(topology);
        Objects.requireNonNull(initiator);
        Objects.requireNonNull(buffer);
        Objects.requireNonNull(api);
        Objects.requireNonNull(iommuMode);
        Objects.requireNonNull(domainId);
        Objects.requireNonNull(dmaOverrides);
        Objects.requireNonNull(profile);
        Objects.requireNonNull(blockPath);
        Objects.requireNonNull(platform);
        Objects.requireNonNull(queue);
        if (platform.profile() != profile) {
            throw new IllegalArgumentException("the request's kernel " + profile.id()
                    + " differs from its platform's " + platform.profile().id());
        }
    }

    public static Builder builder(Topology t, Bdf initiator, BufferSpec buffer) {
        return new Builder(t, initiator, buffer);
    }

    /** The domain identity used: the given one, else one domain per device. */
    public String effectiveDomainId() {
        return domainId.orElse("device " + initiator);
    }

    public static final class Builder {
        private final Topology t;
        private final Bdf initiator;
        private final BufferSpec buffer;
        private MapApi api = MapApi.SG;
        private IommuMode mode;
        private Optional<String> domainId = Optional.empty();
        private DmaParameters overrides = DmaParameters.UNKNOWN;
        private KernelProfile profile;
        private PlatformAssumptions platform;
        private BlockPath blockPath = BlockPath.AUTO;
        private int cpu;
        private BlockQueueInputs queue = BlockQueueInputs.NONE;

        private Builder(Topology t, Bdf initiator, BufferSpec buffer) {
            this.t = t;
            this.initiator = initiator;
            this.buffer = buffer;
        }

        public Builder api(MapApi v) { api = v; return this; }
        public Builder iommuMode(IommuMode v) { mode = v; return this; }
        public Builder domainId(String v) { domainId = Optional.ofNullable(v); return this; }
        public Builder dma(DmaParameters v) { overrides = v; return this; }
        public Builder profile(KernelProfile v) { profile = v; return this; }
        /** The boot's resolved platform facts; they also give the kernel profile. */
        public Builder platform(PlatformAssumptions v) { platform = v; return this; }
        public Builder blockPath(BlockPath v) { blockPath = v; return this; }
        public Builder cpu(int v) { cpu = v; return this; }
        public Builder queue(BlockQueueInputs v) { queue = v; return this; }

        /**
         * Without an explicit mode, the platform decides ({@link IommuMode#fromPlatform}); without platform
         * facts, the topology's own under the profile (mainline by default).
         */
        public MapRequest build() {
            IommuMode m = mode != null ? mode : IommuMode.fromPlatform(t.platform()).mode();
            PlatformAssumptions a = platform != null ? platform : PlatformAssumptions.resolve(t,
                    PlatformOverrides.NONE.withProfile(profile != null ? profile : KernelProfile.MAINLINE));
            KernelProfile k = profile != null ? profile : a.profile();
            return new MapRequest(t, initiator, buffer, api, m, domainId, overrides, k, blockPath, cpu, a, queue);
        }
    }
}
