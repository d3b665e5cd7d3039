package org.dmascope.views.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dmascope.model.kernel.KernelProfile;
import org.dmascope.model.kernel.P2pMapType;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.mapping.DmaSegments;
import org.dmascope.model.mapping.IommuMode;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.testing.Samples;
import org.junit.jupiter.api.Test;

class MappingSessionTest {
    private static final Bdf T4 = Bdf.parse("0000:03:00.0");

    private static DropRequest drop(Topology t, int source, BufferSettings s, Bdf initiator) {
        return new DropRequest(BufferSource.of(t).get(source), s, initiator);
    }

    @Test
    void theCmbForAT4BehindTheSameSwitchIsABusAddressInsideTheFabric() {
        Topology t = Samples.switchP2p();
        MappingOutcome o = new MappingSession(t, PlatformOverrides.NONE).map(drop(t, 1, BufferSettings.P2P_DEFAULT, T4),
                MappingOptions.DEFAULTS);
        assertEquals(P2pMapType.BUS_ADDR, o.mapping().mapType());
        assertEquals(5, o.mapping().route().orElseThrow().hops().size());
        assertEquals(1, o.mapping().segments().count());
        assertTrue(o.mapping().segments().has(0, DmaSegments.BUS));
        assertEquals(Bdf.parse("0000:01:00.0"), o.p2p().orElseThrow().commonUpstream().orElseThrow());
        assertTrue(o.iommuReason().startsWith("IOMMU group"), o.iommuReason());
    }

    @Test
    void aSecondDropLandsNextToTheFirstAndUnmappingGivesItBack() {
        Topology t = Samples.switchP2p();
        MappingSession s = new MappingSession(t, PlatformOverrides.NONE);
        MappingOutcome first = s.map(drop(t, 0, BufferSettings.HOST_DEFAULT, T4), MappingOptions.DEFAULTS);
        MappingOutcome second = s.map(drop(t, 0, BufferSettings.HOST_DEFAULT, T4), MappingOptions.DEFAULTS);
        long a = first.mapping().segments().address(0);
        long b = second.mapping().segments().address(0);
        assertNotEquals(a, b, "the first IOVA is still allocated");
        assertEquals(a - (64 << 10), b, "the IOVA allocator hands out the range just below");
        assertEquals(2, second.live().count());
        assertEquals(2, second.live().countInDomainOf(second.mapping()));
        assertEquals("group 4", second.live().domains().get(0).id());
        assertTrue(s.release(first.mapping()).isPresent());
        assertFalse(s.release(first.mapping()).isPresent(), "only a live mapping is released");
        assertEquals(1, s.live().count());
        assertEquals(1, s.live().domains().get(0).queued(), "a lazy domain queues the unmapped IOVA");
        assertEquals(1, s.flush("group 4"));
        s.clear();
        assertEquals(0, s.live().count());
    }

    @Test
    void theOptionsReachTheEngine() {
        Topology t = Samples.switchP2p();
        MappingSession s = new MappingSession(t, PlatformOverrides.NONE);
        MappingOutcome direct = s.map(drop(t, 0, BufferSettings.HOST_DEFAULT, T4),
                MappingOptions.DEFAULTS.withIommuMode(java.util.Optional.of(IommuMode.IDENTITY)));
        assertNull(direct.mapping().domainId(), "identity: dma-direct, no domain");
        assertTrue(direct.iommuReason().startsWith("chosen in the options"));
        MappingOutcome small = s.map(drop(t, 0, BufferSettings.HOST_DEFAULT.withLayout(org.dmascope.model.mapping.PageLayout.Kind.CONTIGUOUS), T4),
                MappingOptions.DEFAULTS.withIommuMode(java.util.Optional.of(IommuMode.OFF)).withMaxSegmentSize(java.util.OptionalLong.of(4096)));
        assertEquals(16, small.mapping().segments().count(), "4 KiB max segments cut 64 KiB into 16");
    }

    @Test
    void linux54RefusesTheAcsRedirectedPairThatMainlineRoutesThroughTheHostBridge() {
        Topology t = Samples.acsRedirect();
        DropRequest d = drop(t, 1, BufferSettings.P2P_DEFAULT, T4);
        MappingOutcome mainline = new MappingSession(t, PlatformOverrides.NONE).map(d, MappingOptions.DEFAULTS);
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, mainline.mapping().mapType());
        assertTrue(mainline.mapping().verdict().isOk());
        MappingOutcome old = new MappingSession(t, PlatformOverrides.NONE.withProfile(KernelProfile.V5_4))
                .map(d, MappingOptions.DEFAULTS.withProfile(KernelProfile.V5_4));
        assertEquals(P2pMapType.NOT_SUPPORTED, old.mapping().mapType());
        assertEquals("EREMOTEIO", old.mapping().verdict().code());
        assertEquals("pci=disable_acs_redir=0000:02:02.0;0000:02:00.0", old.p2p().orElseThrow().suggestion().orElseThrow());
        assertEquals(0, old.live().count(), "a failed mapping holds nothing");
    }

    @Test
    void aBufferTheMachineCannotHoldIsAProblemNotACrash() {
        Topology t = Samples.legacy();
        MappingOutcome o = new MappingSession(t, PlatformOverrides.NONE).map(drop(t, 0,
                BufferSettings.HOST_DEFAULT.withSize(1L << 30).withLayout(org.dmascope.model.mapping.PageLayout.Kind.HUGE_1G)
                        .withOffset(0), Bdf.parse("0000:01:00.0")), MappingOptions.DEFAULTS);
        if (o.hasMapping()) {
            assertTrue(o.mapping().verdict().isOk(), "either mapped or explained");
        } else {
            assertTrue(o.problem().isPresent());
        }
        MappingOutcome missing = new MappingSession(t, PlatformOverrides.NONE).map(new DropRequest(new BufferSource.Ram(7, 1 << 30),
                BufferSettings.HOST_DEFAULT, Bdf.parse("0000:01:00.0")), MappingOptions.DEFAULTS);
        assertFalse(missing.hasMapping());
        assertTrue(missing.problem().orElseThrow().contains("NUMA node 7"), missing.problem().get());
    }
}
