package org.dmascope.model.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.report.Severity;
import org.dmascope.model.topology.Bar;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** How reading topology JSON reports bad input: always a sentence with file, line, column and JSON path. */
class TopologyJsonReaderTest {

    private static final String HEAD = "{\n  \"format\": \"dmascope-topology\",\n  \"version\": 1,\n  \"name\": "
            + "\"t\",\n";

    /** A small valid file; line numbers below refer to it. */
    private static final String GOOD = HEAD
            + "  \"hostBridges\": [{\"id\": \"pci0000:00\", \"domain\": \"0000\", \"rootBus\": \"00\"}],\n" // 5
            + "  \"functions\": [\n"                                                          // 6
            + "    {\"address\": \"0000:00:00.0\", \"vendor\": \"8086\", \"deviceName\": \"Host\"},\n" // 7
            + "    {\n"                                                                      // 8
            + "      \"address\": \"0000:00:02.0\",\n"                                        // 9
            + "      \"deviceName\": \"GPU\",\n"                                              // 10
            + "      \"bars\": [{\"index\": 0, \"space\": \"mem\", \"bits\": 64, \"address\": \"0xc0000000\", "
                    + "\"size\": \"16MiB\"}]\n"
            + "    }\n"
            + "  ]\n"
            + "}\n";

    private static LoadResult read(String text) {
        return TopologyJsonReader.read(text, "t.json");
    }

    private static Diagnostic onlyError(LoadResult r) {
        assertFalse(r.ok(), "the file must be refused");
        assertEquals(1, r.report().errors().size(), r.report()::toText);
        Diagnostic d = r.report().errors().get(0);
        assertEquals(Optional.of("t.json"), d.file());
        return d;
    }

    @Test
    void theGoodFileLoadsCleanly() {
        LoadResult r = read(GOOD);
        assertTrue(r.ok(), r.report()::toText);
        assertTrue(r.report().isEmpty(), r.report()::toText);
        assertEquals(2, r.topology().orElseThrow().functions().size());
    }

    @Nested
    class Syntax {
        @Test
        void malformedJsonGivesLineAndColumn() {
            Diagnostic d = onlyError(read(HEAD + "  \"functions\": [\n    {\"address\": \"0000:00:00.0\",}\n  ]\n}\n"));
            assertTrue(d.message().startsWith("not valid JSON: "), d::toString);
            assertEquals(6, d.line(), d::toString);
            assertEquals(32, d.column(), d::toString);
        }

        @Test
        void unterminatedFileSaysWhereItEnded() {
            Diagnostic d = onlyError(read(HEAD + "  \"functions\": [\n"));
            assertTrue(d.message().startsWith("not valid JSON: "), d::toString);
            assertEquals(6, d.line(), d::toString);
        }

        @Test
        void emptyFileIsRefused() {
            Diagnostic d = onlyError(read("  \n"));
            assertTrue(d.message().contains("the file is empty"), d::toString);
        }

        @Test
        void contentAfterTheDocumentIsRefused() {
            Diagnostic d = onlyError(read(GOOD + "{}\n"));
            assertTrue(d.message().contains("unexpected content after the end of the JSON document"), d::toString);
            assertEquals(15, d.line(), d::toString);
        }

        @Test
        void duplicateKeysAreRefusedWithTheKeyAndItsPlace() {
            Diagnostic d = onlyError(read(HEAD + "  \"name\": \"again\",\n  \"functions\": []\n}\n"));
            assertTrue(d.message().contains("a key appears twice in one object") && d.message().contains("\"name\""),
                    d::toString);
            assertEquals(5, d.line(), d::toString);
        }

        @Test
        void hugeNestingIsRefusedWithoutExhaustingTheStack() {
            String deep = "[".repeat(200_000) + "]".repeat(200_000);
            Diagnostic d = onlyError(read(HEAD + "  \"functions\": " + deep + "\n}\n"));
            assertTrue(d.message().startsWith("not valid JSON: ") && d.message().toLowerCase()
                    .contains("nesting depth"), d::toString);
            assertEquals(5, d.line(), d::toString);
        }
    }

    @Nested
    class Content {
        @Test
        void eachRepeatOfAHostBridgeIdIsReportedAtItsOwnLine() {
            String text = HEAD
                    + "  \"hostBridges\": [\n"                                                               // 5
                    + "    {\"id\": \"pci0000:00\", \"domain\": \"0000\", \"rootBus\": \"00\"},\n"           // 6
                    + "    {\"id\": \"pci0000:00\", \"domain\": \"0000\", \"rootBus\": \"40\"},\n"           // 7
                    + "    {\"id\": \"pci0000:00\", \"domain\": \"0000\", \"rootBus\": \"80\"}\n"            // 8
                    + "  ],\n"
                    + "  \"functions\": []\n"
                    + "}\n";
            List<Diagnostic> errors = read(text).report().errors();
            assertEquals(List.of("host bridge pci0000:00: the id is used by another host bridge"), errors.stream()
                    .map(Diagnostic::message).distinct().toList(), errors::toString);
            assertEquals(List.of(7, 8), errors.stream().map(Diagnostic::line).toList(), "the repeats, not the first "
                    + "or the last bridge with the id: " + errors);
            assertEquals(List.of(Optional.of("hostBridge#2:pci0000:00"), Optional.of("hostBridge#3:pci0000:00")),
                    errors.stream().map(Diagnostic::subject).toList());
        }

        @Test
        void missingRequiredFieldGivesThePathAndTheLineOfTheEnclosingObject() {
            String text = GOOD.replace("      \"address\": \"0000:00:02.0\",\n", "");
            Diagnostic d = onlyError(read(text));
            assertEquals("$.functions[1]: the required field \"address\" is missing", d.message());
            assertEquals(8, d.line(), d::toString);
            assertEquals(5, d.column(), d::toString);
            assertEquals(Optional.of("$.functions[1].address"), d.subject());
        }

        @Test
        void nullCountsAsMissing() {
            Diagnostic d = onlyError(read(GOOD.replace("\"name\": \"t\"", "\"name\": null")));
            assertEquals("$: the required field \"name\" is missing", d.message());
            assertEquals(1, d.line());
        }

        @Test
        void wrongTypesNameWhatWasExpectedAndFound() {
            LoadResult r = read(GOOD.replace("\"version\": 1", "\"version\": \"1\"").replace("\"index\": 0",
                    "\"index\": \"0\"")
                    .replace("\"bits\": 64", "\"bits\": true"));
            assertFalse(r.ok());
            List<String> messages = r.report().errors().stream().map(Diagnostic::message).toList();
            assertTrue(messages.contains("$.version: expected a number, found a string"), messages::toString);
            assertTrue(messages.contains("$.functions[1].bars[0].index: expected a number, found a string"),
                    messages::toString);
            assertTrue(messages.contains("$.functions[1].bars[0].bits: expected a number, found true/false"),
                    messages::toString);
            Diagnostic version = r.report().errors().stream().filter(d -> d.message().startsWith("$.version"))
                    .findFirst().orElseThrow();
            assertEquals(3, version.line());
            assertEquals(14, version.column());
        }

        @Test
        void valuesThatDoNotParseSayWhatWasExpected() {
            LoadResult r = read(GOOD.replace("\"16MiB\"", "\"sixteen\"").replace("\"8086\"", "\"intel\""));
            List<String> messages = r.report().errors().stream().map(Diagnostic::message).toList();
            assertTrue(messages.contains("$.functions[0].vendor: expected a hex number such as \"10de\" or \"0x1d\", "
                    + "found \"intel\""),
                    messages::toString);
            assertTrue(messages.contains("$.functions[1].bars[0].size: expected a size such as \"4KiB\", \"1GiB\" or "
                    + "\"0x1000\", "
                    + "found \"sixteen\""), messages::toString);
        }

        @Test
        void theAmdIommuFeaturesAreReadAndABadEfrSaysWhere() {
            String platform = "  \"platform\": {\"iommu\": {\"driver\": \"amd-vi\", \"efr\": \"EFR\", "
                    + "\"snp\": true}},\n";
            Topology t = read(GOOD.replace(HEAD, HEAD + platform.replace("EFR", "0x400f77ef22294ada")))
                    .topology().orElseThrow();
            assertEquals(OptionalLong.of(0x400f77ef22294adaL), t.platform().iommu().amdEfr());
            assertEquals(Optional.of(true), t.platform().iommu().amdSnp());
            String written = TopologyJsonWriter.write(t);
            assertTrue(written.contains("\"efr\": \"0x400f77ef22294ada\"") && written.contains("\"snp\": true"),
                    written);
            Diagnostic d = onlyError(read(GOOD.replace(HEAD, HEAD + platform.replace("EFR", "GT PPR"))));
            assertTrue(d.message().startsWith("$.platform.iommu.efr: expected the AMD IOMMU's Extended Feature "
                    + "Register in hex"), d.message());
            assertEquals(5, d.line(), "the line of the value");
        }

        @Test
        void negativeSizesAreRefused() {
            Diagnostic d = onlyError(read(GOOD.replace("\"16MiB\"", "-16")));
            assertEquals("$.functions[1].bars[0].size: expected a size in bytes, found the negative number -16",
                    d.message());
        }

        @Test
        void resizableBarSizesAreReadAndWrittenBack() {
            Topology t = read(GOOD.replace("\"size\": \"16MiB\"}", "\"size\": \"16MiB\", \"resizable\": [\"16MiB\", "
                    + "\"0x10000000\", \"8GiB\"]}")).topology().orElseThrow();
            Bar b = t.function(Bdf.parse("00:02.0")).orElseThrow().bars().get(0);
            assertEquals(List.of(16L << 20, 256L << 20, 8L << 30), b.resizableSizes());
            assertEquals(OptionalLong.of(8L << 30), b.largestSize());
            String written = TopologyJsonWriter.write(t);
            assertTrue(written.contains("\"resizable\": [\"16MiB\", \"256MiB\", \"8GiB\"]"), written);
            assertEquals(t, read(written).topology().orElseThrow());
        }

        @Test
        void wrongResizableBarSizesAreErrorsAtTheirPlace() {
            for (String[] c : new String[][] {
                    {"[\"16MiB\", \"24MiB\"]", "$.functions[1].bars[0].resizable[1]: a resizable BAR size is a power "
                            + "of two from 1MiB to 128TiB, found \"24MiB\""},
                    {"[\"512KiB\"]", "$.functions[1].bars[0].resizable[0]: a resizable BAR size is a power of two "
                            + "from 1MiB to 128TiB, found \"512KiB\""},
                    {"[\"32MiB\", \"16MiB\"]", "$.functions[1].bars[0].resizable[1]: resizable BAR sizes are listed "
                            + "once each, smallest first; \"16MiB\" comes after 32MiB"},
                    {"[\"big\"]", "$.functions[1].bars[0].resizable[0]: expected a size such as \"256MiB\", found "
                            + "\"big\""}}) {
                Diagnostic d = onlyError(read(GOOD.replace("\"size\": \"16MiB\"}", "\"size\": \"16MiB\", "
                        + "\"resizable\": " + c[0] + "}")));
                assertEquals(c[1], d.message(), c[0]);
            }
        }

        @Test
        void unknownFieldWarnsWithItsPathAndTheFileStillLoads() {
            LoadResult r = read(GOOD.replace("\"deviceName\": \"GPU\",",
                    "\"deviceName\": \"GPU\",\n      \"colour\": \"green\","));
            assertTrue(r.ok(), r.report()::toText);
            assertEquals(1, r.report().warnings().size(), r.report()::toText);
            Diagnostic d = r.report().warnings().get(0);
            assertEquals("$.functions[1].colour: unknown field \"colour\" is ignored (it will not be saved)",
                    d.message());
            assertEquals(11, d.line());
            assertEquals(Optional.of("$.functions[1].colour"), d.subject());
        }

        @Test
        void newerVersionIsRefusedWithAClearMessage() {
            Diagnostic d = onlyError(read(GOOD.replace("\"version\": 1", "\"version\": 2")));
            assertEquals("$.version: the file has format version 2, newer than this dmascope reads (1); update "
                    + "dmascope", d.message());
            assertEquals(3, d.line());
        }

        @Test
        void versionZeroIsRefused() {
            Diagnostic d = onlyError(read(GOOD.replace("\"version\": 1", "\"version\": 0")));
            assertTrue(d.message().startsWith("$.version: expected a whole number from 1"), d::toString);
        }

        @Test
        void otherJsonIsNotATopology() {
            Diagnostic d = onlyError(read("{\"format\": \"dmascope-scenario\", \"version\": 1, \"steps\": []}"));
            assertEquals("$.format: this is not a dmascope topology (format is \"dmascope-scenario\", expected "
                    + "\"dmascope-topology\")",
                    d.message());
            Diagnostic array = onlyError(read("[1, 2, 3]"));
            assertEquals("$: expected an object, found an array", array.message());
            LoadResult noFormat = read("{\"name\": \"x\", \"functions\": []}");
            assertFalse(noFormat.ok());
            assertTrue(noFormat.report().errors().stream().anyMatch(e -> e.message()
                    .equals("$: the required field \"format\" is missing")),
                    noFormat.report()::toText);
        }

        @Test
        void unknownChoiceListsTheChoices() {
            Diagnostic d = onlyError(read(GOOD.replace("\"space\": \"mem\"", "\"space\": \"memory\"")));
            assertEquals("$.functions[1].bars[0].space: \"memory\" is not one of: mem, io", d.message());
        }

        @Test
        void validationFindingPointsAtTheOffendingDevicesObject() {
            // A second device whose BAR overlaps the GPU's: the finding is about 0000:00:03.0, whose object starts on
            // line 13. Linux boots with it (R-ADDR-2), so the file loads with a warning.
            String text = GOOD.replace("    }\n  ]", "    },\n"
                    + "    {\"address\": \"0000:00:03.0\", \"deviceName\": \"NIC\",\n"
                    + "     \"bars\": [{\"index\": 0, \"space\": \"mem\", \"bits\": 64, \"address\": \"0xc0800000\", "
                            + "\"size\": \"1MiB\"}]}\n  ]");
            LoadResult r = read(text);
            assertTrue(r.ok(), r.report()::toText);
            assertEquals(1, r.report().warnings().size(), r.report()::toText);
            Diagnostic d = r.report().warnings().get(0);
            assertEquals("0000:00:03.0 (NIC): BAR 0xc0800000-0xc08fffff overlaps a BAR of 0000:00:02.0", d.message());
            assertEquals(13, d.line(), d::toString);
            assertEquals(5, d.column(), d::toString);
            assertEquals(Optional.of("0000:00:03.0"), d.subject());
        }

        @Test
        void validationWarningAboutThePlatformPointsAtThePlatformObject() {
            String text = GOOD.replace("  \"functions\"", "  \"platform\": {\n    \"architecture\": \"arm64\",\n"
                    + "    \"iommu\": {\"driver\": \"vtd\"}\n  },\n  \"functions\"");
            LoadResult r = read(text);
            assertTrue(r.ok(), r.report()::toText);
            Diagnostic d = r.report().warnings().get(0);
            assertEquals("platform: the IOMMU driver vtd exists only on x86, but the architecture is arm64",
                    d.message());
            assertEquals(6, d.line());
        }

        @Test
        void barsAreKeptInIndexOrderWhateverTheFileSays() {
            String text = GOOD.replace("\"bars\": [{\"index\": 0, \"space\": \"mem\", \"bits\": 64, \"address\": "
                    + "\"0xc0000000\", \"size\": \"16MiB\"}]",
                    "\"bars\": [{\"index\": 2, \"space\": \"io\", \"address\": \"0x1000\", \"size\": \"64B\"}, "
                            + "{\"index\": 0, \"space\": \"mem\", \"bits\": 64, \"address\": \"0xc0000000\", "
                                    + "\"size\": \"16MiB\"}]");
            Topology t = read(text).topology().orElseThrow();
            assertEquals(List.of(0, 2), t.function(Bdf.parse("00:02.0")).orElseThrow().bars().stream()
                    .map(b -> b.index()).toList());
            assertEquals(t, read(TopologyJsonWriter.write(t)).topology().orElseThrow());
        }

        @Test
        void everyProblemInAFileIsReportedInOnePass() {
            LoadResult r = read(GOOD.replace("\"8086\"", "\"intel\"").replace("\"space\": \"mem\"", "\"space\": 1")
                    .replace("      \"address\": \"0000:00:02.0\",\n", ""));
            assertEquals(3, r.report().errors().size(), r.report()::toText);
            assertTrue(r.report().errors().stream().allMatch(d -> d.severity() == Severity.ERROR && d.line() > 0
                    && d.column() > 0));
        }
    }
}
