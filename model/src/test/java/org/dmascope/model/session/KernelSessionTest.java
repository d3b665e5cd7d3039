package org.dmascope.model.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalLong;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.mapping.BufferSpecParser;
import org.dmascope.model.mapping.DmaSegments;
import org.dmascope.model.mapping.IommuMode;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/** One booted machine: successive calls see what earlier ones left, as in a running kernel. */
class KernelSessionTest {
    private static final Bdf T4 = Bdf.parse("0000:03:00.0");
    private static final String RAM = "host:node0:64KiB:scattered";
    private static final String CMB = "bar:0000:05:00.0:2:64KiB";

    static Topology sample(String file) {
        return SampleCatalog.load().samples().stream().filter(s -> s.fileName().equals(file)).findFirst().orElseThrow()
                .topology();
    }

    private static MapCall call(String spec) {
        return new MapCall(T4, BufferSpecParser.parse(spec), MapOptions.DEFAULTS);
    }

    @Test
    void theCmbForAT4BehindTheSameSwitchIsABusAddressInsideTheFabric() {
        MapOutcome o = KernelSession.boot(sample("switch-p2p-server.json"), PlatformOverrides.NONE).map(call(CMB));
        assertEquals(P2pMapType.BUS_ADDR, o.mapping().mapType());
        assertEquals(5, o.mapping().route().orElseThrow().hops().size());
        assertEquals(1, o.mapping().segments().count());
        assertTrue(o.mapping().segments().has(0, DmaSegments.BUS));
        assertEquals(Bdf.parse("0000:01:00.0"), o.p2p().orElseThrow().commonUpstream().orElseThrow());
        assertTrue(o.iommuReason().startsWith("IOMMU group"), o.iommuReason());
    }

    @Test
    void aSecondMappingLandsBelowTheFirstAndUnmappingGivesItBack() {
        KernelSession s = KernelSession.boot(sample("switch-p2p-server.json"), PlatformOverrides.NONE);
        MapOutcome first = s.map(call(RAM));
        MapOutcome second = s.map(call(RAM));
        long a = first.mapping().segments().address(0);
        long b = second.mapping().segments().address(0);
        assertNotEquals(a, b, "the first IOVA is still allocated");
        assertEquals(a - (64 << 10), b, "the IOVA allocator hands out the range just below");
        assertEquals(2, second.after().liveCount());
        assertEquals(2, second.after().countInDomainOf(second.mapping()));
        SessionSnapshot.Domain d = second.after().domains().get(0);
        assertEquals("group 4", d.id());
        assertEquals(2, d.allocated().size(), "two IOVA ranges in the tree");
        assertEquals(1, first.after().liveCount(), "an outcome's snapshot stays as it was");
        assertTrue(s.unmap(first.mapping()).isPresent());
        assertFalse(s.unmap(first.mapping()).isPresent(), "only a live mapping is unmapped");
        SessionSnapshot after = s.snapshot();
        assertEquals(1, after.liveCount());
        assertEquals(1, after.domain("group 4").orElseThrow().flushQueue().size(),
                "a lazy domain queues the unmapped IOVA");
        assertEquals(1, s.flush("group 4"));
        assertEquals(0, s.snapshot().domain("group 4").orElseThrow().flushQueue().size());
        assertEquals(1, s.snapshot().domain("group 4").orElseThrow().flushes());
        s.clear();
        assertEquals(0, s.snapshot().liveCount());
    }

    @Test
    void aFreedIovaComesBackFromTheRangeCache() {
        KernelSession s = KernelSession.boot(sample("switch-p2p-server.json"), PlatformOverrides.NONE);
        MapCall strict = call(RAM).withOptions(MapOptions.DEFAULTS.withIommuMode(Optional.of(IommuMode.DMA)));
        MapOutcome first = s.map(strict);
        long iova = first.mapping().segments().address(0);
        s.unmap(first.mapping().id()).orElseThrow();
        SessionSnapshot freed = s.snapshot();
        assertEquals(1, freed.domains().get(0).cachedPfns().size(), "strict: the IOVA goes to the range cache at once");
        MapOutcome again = s.map(strict);
        assertEquals(iova, again.mapping().segments().address(0), "the cached range is handed out again");
        assertEquals(0, again.after().domains().get(0).cachedPfns().size());
    }

    @Test
    void theOptionsReachTheEngine() {
        KernelSession s = KernelSession.boot(sample("switch-p2p-server.json"), PlatformOverrides.NONE);
        MapOutcome direct = s.map(call(RAM)
                .withOptions(MapOptions.DEFAULTS.withIommuMode(Optional.of(IommuMode.IDENTITY))));
        assertNull(direct.mapping().domainId(), "identity: dma-direct, no domain");
        assertTrue(direct.iommuReason().startsWith("chosen in the options"));
        MapOutcome decided = s.map(call(RAM));
        assertEquals(decided.kernelIommu(), direct.kernelIommu(), "the kernel's own mode is there beside the choice");
        assertTrue(direct.iommuOverruled(), "identity was chosen, the kernel gives the T4 "
                + direct.kernelIommu().orElseThrow().mode());
        assertFalse(decided.iommuOverruled());
        MapOutcome small = s.map(call("host:node0:64KiB:contiguous").withOptions(MapOptions.DEFAULTS
                .withIommuMode(Optional.of(IommuMode.OFF)).withMaxSegmentSize(OptionalLong.of(4096))));
        assertEquals(16, small.mapping().segments().count(), "4 KiB max segments cut 64 KiB into 16");
        assertEquals(2, small.after().direct().size());
    }

    @Test
    void linux54RefusesTheAcsRedirectedPairThatMainlineRoutesThroughTheHostBridge() {
        Topology t = sample("acs-redirect-server.json");
        KernelSession mainline = KernelSession.boot(t, PlatformOverrides.NONE);
        MapOutcome now = mainline.map(call(CMB));
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, now.mapping().mapType());
        assertTrue(now.mapping().verdict().isOk());
        KernelSession old = mainline.reboot(PlatformOverrides.NONE.withProfile(KernelProfile.V5_4));
        assertEquals(KernelProfile.V5_4, old.profile());
        assertEquals(0, old.snapshot().liveCount(), "another kernel boots with nothing mapped");
        MapOutcome refused = old.map(call(CMB));
        assertEquals(P2pMapType.NOT_SUPPORTED, refused.mapping().mapType());
        assertEquals("EREMOTEIO", refused.mapping().verdict().code());
        assertEquals("pci=disable_acs_redir=0000:02:02.0;0000:02:00.0", refused.p2p().orElseThrow().suggestion()
                .orElseThrow());
        assertEquals(0, refused.after().liveCount(), "a failed mapping holds nothing");
    }

    @Test
    void aCallTheMachineCannotServeIsAProblemNotACrash() {
        KernelSession s = KernelSession.boot(sample("legacy-pci-no-iommu.json"), PlatformOverrides.NONE);
        MapOutcome missing = s.map(new MapCall(Bdf.parse("0000:01:00.0"), BufferSpecParser.parse("host:node7:64KiB"),
                MapOptions.DEFAULTS));
        assertFalse(missing.hasMapping());
        assertTrue(missing.problem().orElseThrow().contains("NUMA node 7"), missing.problem().get());
        MapOutcome nobody = s.map(new MapCall(Bdf.parse("0000:42:00.0"), BufferSpecParser.parse(RAM),
                MapOptions.DEFAULTS));
        assertEquals("0000:42:00.0 is not in this topology", nobody.problem().orElseThrow());
        assertEquals(0, s.snapshot().liveCount());
    }

    @Test
    void warmingUpLeavesTheStateAlone() {
        KernelSession s = KernelSession.boot(sample("switch-p2p-server.json"), PlatformOverrides.NONE);
        s.warmUp();
        assertEquals(SessionSnapshot.EMPTY.liveCount(), s.snapshot().liveCount());
        assertTrue(s.snapshot().domains().isEmpty());
        assertEquals(1, s.map(call(RAM)).mapping().id(), "the first real mapping is #1");
    }
}
