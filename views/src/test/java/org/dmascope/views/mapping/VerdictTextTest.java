package org.dmascope.views.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.mapping.IommuMode;
import org.dmascope.model.mapping.PageLayout;
import org.dmascope.model.session.KernelSession;
import org.dmascope.model.session.MapCall;
import org.dmascope.model.session.MapOptions;
import org.dmascope.model.session.MapOutcome;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.testing.Samples;
import org.junit.jupiter.api.Test;

class VerdictTextTest {
    private static final Bdf T4 = Bdf.parse("0000:03:00.0");

    private static VerdictText verdict(Topology t, int source, BufferSettings s, Bdf initiator, MapOptions o) {
        return verdict(t, source, s, initiator, KernelProfile.MAINLINE, o);
    }

    private static VerdictText verdict(Topology t, int source, BufferSettings s, Bdf initiator, KernelProfile p,
            MapOptions o) {
        return VerdictText.of(Drops.map(t, source, s, initiator, p, o), t);
    }

    @Test
    void busAddrNamesTheSwitchAndSaysItBypassesTheIommu() {
        VerdictText v = verdict(Samples.switchP2p(), 1, BufferSettings.P2P_DEFAULT, T4, MapOptions.DEFAULTS);
        assertEquals(VerdictText.Tone.PEER, v.tone());
        assertEquals("BUS_ADDR", v.code());
        assertEquals("Peer-to-peer through Broadcom PEX880xx PCIe Gen 4 Switch (01:00.0), bypasses the IOMMU",
                v.headline());
        assertTrue(v.detail().startsWith("NVIDIA Tesla T4 (03:00.0) gets the PCI bus address 0x3840000000"),
                v.detail());
    }

    @Test
    void throughTheHostBridgeSaysWhy() {
        VerdictText v = verdict(Samples.acsRedirect(), 1, BufferSettings.P2P_DEFAULT, T4, MapOptions.DEFAULTS);
        assertEquals("THRU_HOST_BRIDGE", v.code());
        assertEquals(VerdictText.Tone.HOST, v.tone());
        assertTrue(v.headline().contains("host bridge pci0000:00"), v.headline());
        assertTrue(v.detail().contains("gets IOVA"), v.detail());
        assertTrue(v.detail().contains("ACS redirect (ReqRedir+ CmpltRedir+) on 0000:02:02.0"), v.detail());
        assertEquals("To keep it inside the switch (BUS_ADDR): boot with "
                + "pci=disable_acs_redir=0000:02:02.0;0000:02:00.0.",
                v.remedy().orElseThrow());
    }

    @Test
    void aRefusalGivesTheReasonAndWhatWouldChangeIt() {
        VerdictText v = verdict(Samples.acsRedirect(), 1, BufferSettings.P2P_DEFAULT, T4,
                KernelProfile.V5_4, MapOptions.DEFAULTS);
        assertEquals("NOT_SUPPORTED", v.code());
        assertEquals(VerdictText.Tone.REFUSED, v.tone());
        assertTrue(v.headline().startsWith("Refused: NVIDIA Tesla T4 (03:00.0) cannot reach the memory of"),
                v.headline());
        assertTrue(v.detail().contains("not on the P2PDMA whitelist of Linux 5.4"), v.detail());
        assertTrue(v.detail().contains("-EREMOTEIO"), v.detail());
        assertEquals("What would change it: boot with pci=disable_acs_redir=0000:02:02.0;0000:02:00.0 so the switch "
                + "routes the TLPs "
                + "itself (BUS_ADDR).", v.remedy().orElseThrow());
    }

    @Test
    void a32BitCardBouncesThroughSwiotlb() {
        VerdictText v = verdict(Samples.legacy(), 0, BufferSettings.HOST_DEFAULT.withLayout(PageLayout.Kind.CONTIGUOUS),
                T4, MapOptions.DEFAULTS);
        assertEquals("SWIOTLB", v.code());
        assertEquals(VerdictText.Tone.BOUNCE, v.tone());
        assertTrue(v.detail().contains("(DMA mask 32 bits) cannot reach the buffer"), v.detail());
        assertTrue(v.detail().contains("0xb7000000"), v.detail());
    }

    @Test
    void hostMemoryThroughTheIommuOrDirect() {
        VerdictText iommu = verdict(Samples.switchP2p(), 0, BufferSettings.HOST_DEFAULT, T4, MapOptions.DEFAULTS);
        assertEquals("IOMMU", iommu.code());
        assertTrue(iommu.detail().contains("domain “group 4”"), iommu.detail());
        VerdictText direct = verdict(Samples.switchP2p(), 0, BufferSettings.HOST_DEFAULT, T4,
                MapOptions.DEFAULTS.withIommuMode(Optional.of(IommuMode.OFF)));
        assertEquals("DIRECT", direct.code());
        assertEquals(VerdictText.Tone.DIRECT, direct.tone());
    }

    @Test
    void aKernelErrorIsShownAsTheKernelReturnsIt() {
        VerdictText v = verdict(Samples.legacy(), 0, BufferSettings.HOST_DEFAULT, Bdf.parse("0000:03:00.0"),
                MapOptions.DEFAULTS.withDmaMaskBits(java.util.OptionalInt.of(24)));
        assertEquals(VerdictText.Tone.REFUSED, v.tone());
        assertEquals("-EIO", v.code());
        assertTrue(v.detail().contains("dma_map_sgtable() = -EIO"), "what the call returned: " + v.detail());
        assertTrue(v.detail().contains("swiotlb addr 0xb7000000+4096 overflow"), "the kernel's log line: "
                + v.detail());
    }

    @Test
    void aProblemIsNotAKernelVerdict() {
        Topology t = Samples.switchP2p();
        MapOutcome out = KernelSession.boot(t, PlatformOverrides.NONE).map(new MapCall(T4,
                BufferSettings.HOST_DEFAULT.spec(new BufferSource.Ram(3, 1 << 30)), MapOptions.DEFAULTS));
        VerdictText v = VerdictText.of(out, t);
        assertEquals(VerdictText.Tone.ERROR, v.tone());
        assertTrue(v.detail().contains("NUMA node 3"), v.detail());
    }
}
