package org.dmascope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code dmascope map … --format markdown}: the window's report, printed by the command line. */
class MapMarkdownTest {

    @Test
    void theDefaultSamplesP2pMappingPrintsTheReport() {
        CliRun run = CliRun.of("map", CliRun.SAMPLE, "--initiator", "03:00.0", "--buffer",
                "bar:0000:05:00.0:2:64KiB", "--format", "markdown");
        assertEquals(0, run.status(), run::toString);
        String md = run.out();
        assertTrue(md.startsWith("# DMA mapping report: bar:0000:05:00.0:2"), md);
        assertTrue(md.contains("**Verdict: BUS_ADDR**"), md);
        assertTrue(md.contains("| P2P map type | BUS_ADDR |"), md);
        assertTrue(md.contains("1. `0000:03:00.0` requester"), md);
        assertTrue(md.contains("3. `0000:01:00.0` switch upstream port"), "the turn inside the switch: " + md);
        assertTrue(md.contains("5. `0000:05:00.0`"), md);
        assertTrue(md.contains("| p2pMemory |"), md);
        assertTrue(md.matches("(?s).*\nMade by dmascope \\Q" + AppVersion.text()
                + "\\E with the Linux \\d+\\.\\d+[^\n]* kernel profile\\..*"), md);
    }

    @Test
    void theKernelOptionIsTheReportsProfileAndLimitCutsTheSegments() {
        CliRun run = CliRun.of("map", CliRun.SAMPLE, "--initiator", "07:00.0", "--buffer",
                "host:node0:1MiB:scattered", "--iommu-mode", "off", "--kernel", "5.15", "--limit", "3", "--format",
                "md");
        assertTrue(run.status() == 0 || run.status() == 1, run::toString);
        String md = run.out();
        assertTrue(md.contains("| Kernel profile | Linux 5.15"), md);
        assertTrue(md.contains("\n| 2 | `"), md);
        assertTrue(md.contains(" more ("), "more than three segments, said so: " + md);
    }

    @Test
    void otherCommandsDoNotTakeMarkdown() {
        CliRun run = CliRun.of("p2p", CliRun.SAMPLE, "--provider", "05:00.0", "--client", "03:00.0", "--format",
                "markdown");
        assertEquals(Cli.UNUSABLE, run.status(), run::toString);
        assertTrue(run.err().contains("markdown is not an output format (text or json)"), run::toString);
    }
}
