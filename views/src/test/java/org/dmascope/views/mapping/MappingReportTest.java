package org.dmascope.views.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.mapping.BufferSpecParser;
import org.dmascope.model.mapping.Step;
import org.dmascope.model.session.KernelSession;
import org.dmascope.model.session.MapCall;
import org.dmascope.model.session.MapOptions;
import org.dmascope.model.session.MapOutcome;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.testing.Samples;
import org.junit.jupiter.api.Test;

/** The Markdown report of real mappings on the samples: what a bug report or a vendor ticket needs. */
class MappingReportTest {

    private static MapOutcome map(Topology t, String initiator, String spec) {
        return KernelSession.boot(t, PlatformOverrides.NONE).map(new MapCall(Bdf.parse(initiator),
                BufferSpecParser.parse(spec), MapOptions.DEFAULTS));
    }

    @Test
    void theDefaultSamplesHostMappingReportsItsRouteStepsRulesAndVersions() {
        Topology t = Samples.switchP2p();
        MapOutcome o = map(t, "0000:03:00.0", "host:node0:1MiB:scattered");
        String md = MappingReport.markdown(o, t, "9.9.9-test", MappingReport.DEFAULT_SEGMENTS);
        assertTrue(md.startsWith("# DMA mapping report: host:node0:1MiB:scattered for 0000:03:00.0\n"), md);
        assertTrue(md.contains("**Verdict: IOMMU**"), md);
        assertTrue(md.contains("| Initiator | 0000:03:00.0 NVIDIA Corporation TU104GL \\[Tesla T4\\]"), md);
        String kernel = o.mapping().request().profile().label();
        assertTrue(md.contains("| Kernel profile | " + kernel + " |"), md);
        // the route, hop by hop, as the canvas numbers it
        List<String> hops = List.of("1. `0000:03:00.0` requester", "2. `0000:02:00.0` switch downstream port",
                "3. `0000:01:00.0` switch upstream port", "4. `0000:00:01.0` root port", "5. `pci0000:00` host bridge",
                "6. `RAM (NUMA node 0)` system memory");
        int at = md.indexOf("## Route");
        for (String h : hops) {
            int i = md.indexOf(h, at);
            assertTrue(i > at, "in order: " + h + "\n" + md);
            at = i;
        }
        // every step with its rule id
        for (Step s : o.mapping().steps()) {
            assertTrue(md.contains("**" + MappingReport.md(s.title()) + "**" + (s.ruleId().isEmpty() ? ""
                    : " `" + s.ruleId() + "`")), s.title());
        }
        assertTrue(md.contains("`R-IOMMU-7`") && md.contains("`R-MAP-4`"), md);
        assertTrue(md.contains("| 0 | `0xfff00000` | `0x100000` | IOVA | 0..191 |"), md);
        // platform facts with their sources; the defaulted ones again under the assumptions
        assertTrue(md.contains("| iommu | vtd | topology file |"), md);
        assertTrue(md.contains("| kernel | " + o.mapping().request().profile().id() + " | default |"), md);
        String assumed = md.substring(md.indexOf("## Assumptions made"));
        assertTrue(assumed.contains("- kernel = " + o.mapping().request().profile().id() + " (default)"), assumed);
        assertFalse(assumed.contains("iommu = vtd"), "a fact the file states is no assumption");
        assertTrue(md.contains("Made by dmascope 9.9.9-test with the " + kernel + " kernel profile."), md);
    }

    @Test
    void longSegmentListsStopAtTheLimitAndSayHowManyMore() {
        Topology t = Samples.legacy();
        MapOutcome o = map(t, "0000:03:00.0", "host:node0:1MiB:scattered");
        int count = o.mapping().segments().count();
        assertTrue(count > 5, "a scattered buffer through dma-direct: " + count + " segments");
        String md = MappingReport.markdown(o, t, "v", 5);
        assertTrue(md.contains(count + " segments, "), md);
        assertTrue(md.contains("\n| 4 | `"), md);
        assertFalse(md.contains("\n| 5 | `"), md);
        assertTrue(md.contains("…and " + (count - 5) + " more (" + count + " in all)."), md);
    }

    @Test
    void aRefusedP2pMappingSaysWhatWouldChangeItAndItsAssumedMemory() {
        Topology t = Samples.acsRedirect();
        MapOutcome o = map(t, "0000:03:00.0", "bar:0000:05:00.0:2:64KiB");
        String md = MappingReport.markdown(o, t, "v", 32);
        VerdictText v = VerdictText.of(o, t);
        assertTrue(md.contains("**Verdict: " + v.code() + "**"), md);
        assertEquals(v.remedy().isPresent(), md.contains("What would change it: "), md);
        assertTrue(md.contains("| p2pMemory |"), md);
        assertTrue(md.contains("| cpu |") && md.contains("| acsRequested |"), "the facts the P2P verdict read: " + md);
    }

    @Test
    void markupInNamesIsEscapedAndTableCellsStayOnOneLine() {
        assertEquals("a \\*b\\* \\[c\\] dma_map_sg \\<x>", MappingReport.md("a *b* [c] dma_map_sg <x>"));
        assertEquals("one \\| two three", MappingReport.cell("one | two\nthree"));
        assertEquals("it's", MappingReport.code("it`s"));
    }

    @Test
    void nothingMappedStillReportsTheMachineAndWhy() {
        Topology t = Samples.switchP2p();
        MapOutcome o = map(t, "0000:03:00.0", "host:node7:4KiB");
        assertFalse(o.hasMapping());
        String md = MappingReport.markdown(o, t, "v", 32);
        assertTrue(md.startsWith("# DMA mapping report: nothing mapped"), md);
        assertTrue(md.contains("| Machine | "), md);
    }
}
