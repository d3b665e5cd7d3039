package org.dmascope.model.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.io.imports.ImportProgress;
import org.dmascope.model.io.imports.ImportResult;
import org.dmascope.model.io.imports.Importer;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.profile.KernelChange;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.mapping.BufferSpecParser;
import org.dmascope.model.mapping.IommuMode;
import org.dmascope.model.mapping.MapApi;
import org.dmascope.model.testing.Corpus;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/**
 * The across-versions table on the samples, rows checked by hand against the rules' boundaries: the CMB of
 * 05:00.0 (BAR 2 at 0x38_4000_0000, bus offset 0 behind an identity host bridge) mapped by dma-direct.
 */
class AcrossVersionsTest {
    private static final MapOptions DIRECT = MapOptions.DEFAULTS.withIommuMode(Optional.of(IommuMode.OFF));

    private static Topology sample(String file) {
        return SampleCatalog.load().samples().stream().filter(s -> s.fileName().equals(file)).findFirst()
                .orElseThrow().topology();
    }

    private static AcrossVersions.Table table(Topology t, String initiator, String buffer, MapOptions o) {
        return AcrossVersions.of(t, PlatformOverrides.NONE, new MapCall(Bdf.parse(initiator),
                BufferSpecParser.parse(buffer), o));
    }

    private static List<String> kernels(AcrossVersions.Table t) {
        return t.rows().stream().map(r -> r.outcome().kernel().id()).toList();
    }

    /** R-AMD-1 on the Raven GPU under SME: identity (bounced dma-direct) on 5.4, IOVA from 5.9 (7cad554887f1). */
    @Test
    void theAmdIdentityDomainUnderSmeEndsIn59AndTheRowSaysWhy() {
        ImportResult r = Importer.importFiles(List.of(Corpus.file("lenovo-ryzen-raven-radeon-wx3100.hex.txt")),
                ImportProgress.NONE, () -> false);
        Topology t = r.topology().orElseThrow();
        AcrossVersions.Table tab = AcrossVersions.of(t, PlatformOverrides.NONE.withCommandLine("mem_encrypt=on"),
                new MapCall(Bdf.parse("0000:01:00.0"), BufferSpecParser.parse("host:node0:64KiB"),
                        MapOptions.DEFAULTS));
        assertEquals(List.of("5.4", "5.9"), kernels(tab));
        assertTrue(tab.rows().get(0).outcome().segments().get(0).endsWith("BOUNCED"), tab.rows().toString());
        assertTrue(tab.rows().get(1).outcome().segments().get(0).endsWith("IOVA"), tab.rows().toString());
        assertEquals(List.of(KernelChange.AMD_DEF_DOMAIN, KernelChange.AMD_SME_NO_IDENTITY),
                tab.rows().get(1).changes(), "the domain's rule names the changes");
    }

    @Test
    void defaultSampleBusAddressLengthIsLostIn616And617() {
        Topology t = SampleCatalog.load().defaultSample().topology();
        AcrossVersions.Table tab = table(t, "0000:06:00.0", "bar:0000:05:00.0:2:64KiB", DIRECT);
        assertEquals(KernelProfile.values().length, tab.outcomes().size(), "every profile is mapped");
        assertEquals(List.of("5.4", "6.16", "6.18"), kernels(tab));
        AcrossVersions.Row base = tab.rows().get(0);
        assertEquals(List.of("0x3840000000+0x10000 BUS"), base.outcome().segments());
        assertEquals("BUS_ADDR", base.outcome().mapType());
        AcrossVersions.Row broken = tab.rows().get(1);
        assertEquals(List.of("0x3840000000+0x0 BUS"), broken.outcome().segments());
        assertEquals(Optional.of(KernelProfile.V6_12), broken.previous());
        assertEquals(List.of(KernelChange.P2P_REFACTOR), broken.changes());
        assertEquals(List.of("segment 0 0x3840000000+0x10000 BUS → 0x3840000000+0x0 BUS"), broken.differences());
        AcrossVersions.Row fixed = tab.rows().get(2);
        assertEquals(base.outcome().segments(), fixed.outcome().segments());
        assertEquals(KernelChange.BUS_ADDR_LENGTH, fixed.changes().get(0));
    }

    @Test
    void acsRedirectSampleShowsTheWhitelistTheThruHostBridgeBugAndItsFix() {
        AcrossVersions.Table tab = table(sample("acs-redirect-server.json"), "0000:06:00.0",
                "bar:0000:05:00.0:2:64KiB", DIRECT);
        assertEquals(List.of("5.4", "6.1", "6.16", "7.1"), kernels(tab));
        assertEquals("EREMOTEIO", tab.rows().get(0).outcome().verdict(), "5.15 has no 09a2 entry: NOT_SUPPORTED");
        AcrossVersions.Row whitelisted = tab.rows().get(1);
        assertEquals("ok", whitelisted.outcome().verdict());
        assertEquals("THRU_HOST_BRIDGE", whitelisted.outcome().mapType());
        assertEquals(List.of("0x3840000000+0x10000"), whitelisted.outcome().segments(), "the CPU physical address");
        assertTrue(whitelisted.changes().contains(KernelChange.ICELAKE_WHITELIST), whitelisted.changes().toString());
        assertTrue(whitelisted.differences().contains("P2P map type NOT_SUPPORTED → THRU_HOST_BRIDGE"));
        AcrossVersions.Row unset = tab.rows().get(2);
        assertEquals(List.of("0x0+0x10000 UNSET"), unset.outcome().segments());
        assertEquals(List.of(KernelChange.P2P_REFACTOR), unset.changes());
        AcrossVersions.Row fixed = tab.rows().get(3);
        assertEquals(Optional.of(KernelProfile.V7_0), fixed.previous());
        assertEquals(List.of("0x3840000000+0x10000"), fixed.outcome().segments());
        assertEquals(List.of(KernelChange.THRU_HOST_BRIDGE_FIX), fixed.changes());
    }

    @Test
    void anApiTheOldKernelsLackIsARefusalRow() {
        Topology t = SampleCatalog.load().defaultSample().topology();
        AcrossVersions.Table tab = table(t, "0000:03:00.0", "host:node0:64KiB", MapOptions.DEFAULTS
                .withApi(MapApi.IOVA));
        assertEquals(List.of("5.4", "6.16"), kernels(tab), "one row for all the kernels without the API");
        AcrossVersions.Row first = tab.rows().get(0);
        assertEquals("not in this kernel", first.outcome().verdict());
        assertEquals("dma_iova_try_alloc is not in Linux 5.4 (since 6.16)", first.outcome().error());
        AcrossVersions.Row arrives = tab.rows().get(1);
        assertEquals("ok", arrives.outcome().verdict());
        assertTrue(arrives.changes().contains(KernelChange.IOVA_API), arrives.changes().toString());
    }
}
