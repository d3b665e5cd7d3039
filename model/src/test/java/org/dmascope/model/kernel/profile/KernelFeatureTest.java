package org.dmascope.model.kernel.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.kernel.platform.KernelCommandLine;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.mapping.BlockPath;
import org.dmascope.model.mapping.BufferSpecParser;
import org.dmascope.model.mapping.MapApi;
import org.dmascope.model.session.KernelSession;
import org.dmascope.model.session.MapCall;
import org.dmascope.model.session.MapOptions;
import org.dmascope.model.session.MapOutcome;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/** "Not in X (since Y)": each feature in the profile just before its release and the one at it. */
class KernelFeatureTest {
    private static Topology sample() {
        return SampleCatalog.load().samples().stream().filter(s -> s.fileName().equals("switch-p2p-server.json"))
                .findFirst().orElseThrow().topology();
    }

    private static MapOutcome map(KernelProfile k, MapApi api, BlockPath path) {
        KernelSession s = KernelSession.boot(sample(), PlatformOverrides.NONE.withProfile(k));
        return s.map(new MapCall(Bdf.parse("0000:03:00.0"), BufferSpecParser.parse("host:node0:64KiB"),
                MapOptions.DEFAULTS.withApi(api).withBlockPath(path)));
    }

    @Test
    void theWordsNameTheFeatureTheKernelAndTheRelease() {
        assertEquals(Optional.of("dma_iova_try_alloc is not in Linux 6.12 (since 6.16)"),
                KernelFeature.IOVA_API.refusal(KernelProfile.V6_12));
        assertEquals(Optional.empty(), KernelFeature.IOVA_API.refusal(KernelProfile.V6_16));
        assertEquals(Optional.of("blk_rq_dma_map_iter_start is not in Linux 6.16 (since 6.17)"),
                KernelFeature.BLOCK_DMA_ITER.refusal(KernelProfile.V6_16));
        assertEquals(Optional.empty(), KernelFeature.BLOCK_DMA_ITER.refusal(KernelProfile.V6_17));
        assertEquals(Optional.of("dma_map_phys is not in Linux 6.17 (since 6.18)"),
                KernelFeature.MAP_PHYS.refusal(KernelProfile.V6_17));
        assertEquals(Optional.of("DMA_ATTR_MMIO is not in Linux 6.17 (since 6.18)"),
                KernelFeature.ATTR_MMIO.refusal(KernelProfile.V6_17));
        assertEquals(Optional.empty(), KernelFeature.MAP_PHYS.refusal(KernelProfile.V6_18));
    }

    @Test
    void theSessionRefusesAnApiItsKernelDoesNotHave() {
        MapOutcome iova = map(KernelProfile.V6_12, MapApi.IOVA, BlockPath.AUTO);
        assertEquals(Optional.of("dma_iova_try_alloc is not in Linux 6.12 (since 6.16)"), iova.problem());
        assertTrue(map(KernelProfile.V6_16, MapApi.IOVA, BlockPath.AUTO).mapping().verdict().isOk());
        assertEquals(Optional.of("blk_rq_dma_map_iter_start is not in Linux 6.16 (since 6.17)"),
                map(KernelProfile.V6_16, MapApi.BLOCK, BlockPath.DMA_ITER).problem());
        assertTrue(map(KernelProfile.V6_17, MapApi.BLOCK, BlockPath.DMA_ITER).mapping().verdict().isOk());
        assertTrue(map(KernelProfile.V6_16, MapApi.BLOCK, BlockPath.AUTO).mapping().verdict().isOk(),
                "blk_rq_map_sg is in every profile");
        assertEquals(Optional.of("dma_map_phys is not in Linux 6.17 (since 6.18)"),
                map(KernelProfile.V6_17, MapApi.PHYS, BlockPath.AUTO).problem());
        assertTrue(map(KernelProfile.V6_18, MapApi.PHYS, BlockPath.AUTO).mapping().verdict().isOk());
    }

    @Test
    void eachStepOfAChangedRuleSaysSinceWhen() {
        MapOutcome iova = map(KernelProfile.V6_16, MapApi.IOVA, BlockPath.AUTO);
        assertTrue(iova.mapping().steps().stream().anyMatch(s -> s.since().equals("since 6.16 (393cf700be6f)")),
                iova.mapping().steps().toString());
        MapOutcome block = map(KernelProfile.V6_17, MapApi.BLOCK, BlockPath.DMA_ITER);
        assertTrue(block.mapping().steps().stream().anyMatch(s -> s.since().startsWith("since 6.17")));
    }

    @Test
    void configAcsBeforeItsReleaseIsAnUnknownOptionInTheseWords() {
        KernelCommandLine old = KernelCommandLine.parse("pci=config_acs=10x@pci:0:0", KernelProfile.V6_6, true);
        assertTrue(old.problems().stream().anyMatch(p -> p.contains(
                "pci=config_acs= is not in Linux 6.6 (since 6.11)")), old.problems().toString());
        KernelCommandLine now = KernelCommandLine.parse("pci=config_acs=10x@pci:0:0", KernelProfile.V6_12, true);
        assertTrue(now.configAcs().isPresent());
    }
}
