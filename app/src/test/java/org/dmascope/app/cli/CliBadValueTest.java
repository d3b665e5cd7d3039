package org.dmascope.app.cli;

import static org.dmascope.app.cli.CliRun.SAMPLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every bad value ends in one sentence that names the option, the value and what is accepted, exit
 * status 2, nothing on stdout; never "internal error" or a stack trace.
 */
class CliBadValueTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "map|--initiator|ffffffff:03:00.0|dmascope map: --initiator: ffffffff:03:00.0 is not a PCI address: "
                    + "a domain is at most 7fffffff",
            "map|--initiator|03:20.0|dmascope map: --initiator: 03:20.0 is not a PCI address: a device number is at "
                    + "most 1f",
            "p2p|--provider|zz|dmascope p2p: --provider: zz is not a PCI address: expected DDDD:BB:DD.F or BB:DD.F",
            "map|--limit|99999999999|dmascope map: --limit: 99999999999 is too large (at most 2147483647)",
            "map|--limit|-1|dmascope map: --limit: -1 is too small (at least 0)",
            "map|--limit|many|dmascope map: --limit: many is not a whole number (0 to 2147483647)",
            "map|--buffer|host:node0:0xffffffffffffffff|dmascope map: --buffer: bad buffer spec "
                    + "\"host:node0:0xffffffffffffffff\": "
                    + "\"0xffffffffffffffff\" is too large (at most 0x7fffffffffffffff bytes)",
            "map|--buffer|host:node0:8EiB|dmascope map: --buffer: bad buffer spec \"host:node0:8EiB\": \"8EiB\" is "
                    + "too large",
            "map|--buffer|bar:ffffffff:05:00.0:2:4KiB|is not a PCI address: a domain is at most 7fffffff",
            "map|--buffer|host:node0:1MiB:sideways|dmascope map: --buffer: bad buffer spec "
                    + "\"host:node0:1MiB:sideways\": "
                    + "\"sideways\" is neither",
            "map|--dma-mask|65|dmascope map: --dma-mask: 65 is too large (at most 64)",
            "map|--dma-mask|0|dmascope map: --dma-mask: 0 is too small (at least 1)",
            "map|--max-seg|0|dmascope map: --max-seg: 0 is too small (at least 1 byte)",
            "map|--max-seg|4GiB|dmascope map: --max-seg: 4GiB is too large (at most 0xffffffff bytes)",
            "map|--max-seg|8EiB|dmascope map: --max-seg: 8EiB is too large (at most 0xffffffff bytes)",
            "map|--max-seg|lots|dmascope map: --max-seg: lots is not a size (such as 65536, 0x10000 or 64KiB",
            "map|--seg-boundary|0x1234|dmascope map: --seg-boundary: 0x1234 is not a mask 2^n-1 (such as 0xffffffff)",
            "map|--min-align|xyz|dmascope map: --min-align: xyz is not a 64-bit hex mask (such as 0xfff)",
            "map|--api|dma|dmascope map: --api: dma is not a DMA API (sg, phys, block or iova)",
            "map|--block-path|x|dmascope map: --block-path: x is not a block path (auto, dma-iter or map-sg)",
            "map|--iommu-mode|sometimes|dmascope map: --iommu-mode: sometimes is not an IOMMU mode (dma, lazy, "
                    + "identity or off)",
            "groups|--iommu-mode|off|dmascope groups: --iommu-mode: off is not a default domain type (dma, lazy or "
                    + "identity)",
            "groups|--kernel|4.19|dmascope groups: --kernel: 4.19 is not a kernel profile (mainline, 7.4, 7.1, 7.0, "
                    + "6.19, 6.18, 6.17, 6.16, 6.12, 6.6, 6.1, 5.15, 5.10, 5.9 or 5.4)",
            "matrix|--iommu|bad|dmascope matrix: --iommu: bad is not an IOMMU driver (none, vtd, amdvi or smmuv3)",
            "groups|--acs-requested|maybe|dmascope groups: --acs-requested: maybe is not an answer (yes or no)",
            "p2p|--cpu|via|dmascope p2p: --cpu: unknown CPU vendor \"via\" (one of intel, amd",
            "import|--format|xml|dmascope import: --format: xml is not an output format (text or json)"})
    void aBadValueIsNamedWithWhatIsAccepted(String command, String option, String value, String message) {
        CliRun r = CliRun.of(argsWith(command, option, value));
        assertEquals(Cli.UNUSABLE, r.status(), r.toString());
        assertTrue(r.err().contains(message), r.toString());
        assertTrue(r.err().endsWith("Try 'dmascope " + command + " --help' for more information.\n"), r.toString());
        assertEquals("", r.out());
        for (String never : List.of("internal error", "defect", "Exception", "\tat ")) {
            assertFalse(r.err().contains(never), never + "\n" + r);
        }
    }

    /** A command line that would run but for the value under test. */
    private static String[] argsWith(String command, String option, String value) {
        List<String> args = new ArrayList<>(List.of(command, SAMPLE));
        if (command.equals("map")) {
            if (!option.equals("--initiator")) args.addAll(List.of("--initiator", "06:00.0"));
            if (!option.equals("--buffer")) args.addAll(List.of("--buffer", "host:node0:4KiB"));
        }
        if (command.equals("p2p")) {
            if (!option.equals("--provider")) args.addAll(List.of("--provider", "05:00.0"));
            args.addAll(List.of("--client", "03:00.0"));
        }
        args.addAll(List.of(option, value));
        return args.toArray(String[]::new);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"YES|THRU_HOST_BRIDGE", "No|BUS_ADDR"})
    void yesAndNoAreValuesInAnyCase(String answer, String mapType) {
        CliRun r = CliRun.of("p2p", SAMPLE, "--provider", "05:00.0", "--client", "03:00.0", "--acs-requested", answer,
                "--cmdline",
                "intel_iommu=on", "--format", "json");
        assertEquals(Cli.OK, r.status(), r.toString());
        assertTrue(r.out().contains("\"mapType\" : \"" + mapType + "\""), r.toString());
    }
}
