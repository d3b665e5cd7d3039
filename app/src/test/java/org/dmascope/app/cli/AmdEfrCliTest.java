package org.dmascope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dmascope.model.testing.Corpus;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 5: the AMD IOMMU's EFR and SNP state on the command line ({@code --amd-efr}, {@code --amd-snp}),
 * on the corpus's AMD machine, whose GPU 01:00.0 has ATS, PRI and PASID capabilities (R-AMD-1).
 */
class AmdEfrCliTest {
    private static final String RAVEN = Corpus.file("lenovo-ryzen-raven-radeon-wx3100.hex.txt").toString();

    @Test
    void groupsShowTheGpusIdentityDomainAndTheAssumedEfr() {
        CliRun r = CliRun.of("groups", RAVEN);
        assertEquals(0, r.status(), r::toString);
        assertTrue(r.out().contains("[identity]") && r.out().contains("the AMD IOMMU driver asks it for a "
                + "PASID-capable member (R-AMD-1)"), r::toString);
        assertTrue(r.out().contains("amdEfr            GT PPR GIOSup EPHSup (assumed)  [default] lspci cannot show"),
                r::toString);
    }

    @Test
    void anEfrWithoutGtOrSnpOnTakesItAway() {
        CliRun none = CliRun.of("groups", RAVEN, "--amd-efr", "none");
        assertEquals(0, none.status(), none::toString);
        assertTrue(!none.out().contains("[identity]") && none.out().contains("amdEfr            none of GT, PPR"),
                none::toString);
        CliRun snp61 = CliRun.of("groups", RAVEN, "--amd-snp", "yes", "--kernel", "6.1");
        assertTrue(snp61.out().contains("[identity]"), "6.1 does not check SNP: " + snp61);
        CliRun snp66 = CliRun.of("groups", RAVEN, "--amd-snp", "yes", "--kernel", "6.6");
        assertTrue(!snp66.out().contains("[identity]") && snp66.out().contains("amdSnp            yes  [option]"),
                snp66::toString);
    }

    @Test
    void theMapOfTheGpuGoesDirectAndNamesTheEfr() throws Exception {
        CliRun r = CliRun.of("map", RAVEN, "--initiator", "01:00.0", "--buffer", "host:node0:64KiB", "--format",
                "json");
        assertEquals(0, r.status(), r::toString);
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertTrue(j.toString().contains("R-AMD-1"), j::toPrettyString);
        boolean named = false;
        for (JsonNode a : j.get("assumptions")) named |= a.get("name").asText().equals("amdEfr");
        assertTrue(named, j.get("assumptions")::toPrettyString);
        CliRun off = CliRun.of("map", RAVEN, "--initiator", "01:00.0", "--buffer", "host:node0:64KiB", "--amd-efr",
                "0x400f77ef22294ada", "--cmdline", "amd_iommu=force_isolation");
        assertEquals(0, off.status(), off::toString);
        assertTrue(off.out().contains("IOMMU: IOMMU DMA domain, lazy (flush queue)")
                && off.out().contains("amdEfr            0x400f77ef22294ada (GT PPR GIOSup EPHSup)  [option]"),
                "force_isolation keeps the global default: " + off);
        CliRun direct = CliRun.of("map", RAVEN, "--initiator", "01:00.0", "--buffer", "host:node0:64KiB");
        assertTrue(direct.out().contains("IOMMU: IOMMU identity (passthrough) domain: dma-direct")
                && direct.out().contains("implementation dma-direct"), direct::toString);
    }

    @Test
    void aBadEfrIsRefusedWithWhatIsAccepted() {
        CliRun r = CliRun.of("groups", RAVEN, "--amd-efr", "iommuv2");
        assertEquals(2, r.status(), r::toString);
        assertTrue(r.err().contains("\"iommuv2\" is not an AMD IOMMU EFR") && r.err().contains("gt, ppr, giosup"),
                r::toString);
    }
}
