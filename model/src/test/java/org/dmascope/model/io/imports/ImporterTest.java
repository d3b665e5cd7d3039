package org.dmascope.model.io.imports;

import static org.dmascope.model.io.imports.ImportTesting.corpus;
import static org.dmascope.model.io.imports.ImportTesting.fn;
import static org.dmascope.model.io.imports.ImportTesting.loaded;
import static org.dmascope.model.io.imports.ImportTesting.texts;
import static org.dmascope.model.io.imports.ImportTesting.warningsAbout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;

import org.dmascope.model.io.LoadResult;
import org.dmascope.model.io.source.SourceText;
import org.dmascope.model.kernel.fixtures.Samples;
import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.testing.Corpus;
import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.SourceRef;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.topology.TopologySource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImporterTest {

    @Test
    void threeFilesOfOneMachineMergeWithEachFieldFromItsFile() {
        ImportResult r = corpus("x99-i7-5930k.verbose.txt", "x99-i7-5930k.hex.txt",
                "x99-i7-5930k-k58.iommu-groups.txt");
        Topology t = loaded(r);
        assertEquals("x99-i7-5930k + x99-i7-5930k-k58", t.name());
        assertEquals(new TopologySource(TopologySource.Kind.IMPORTED,
                Optional.of("x99-i7-5930k.verbose.txt, x99-i7-5930k.hex.txt, x99-i7-5930k-k58.iommu-groups.txt")),
                        t.source().orElseThrow());
        PciFunction pch = fn(t, "00:1c.4");
        assertEquals(Optional.of(Acs.ABSENT), pch.acs(), "the verbose block is cut off; the 4 KiB dump shows no ACS");
        assertEquals(new SourceRef("x99-i7-5930k.hex.txt", 534), pch.provenance().of("acs").orElseThrow());
        assertEquals(Optional.of(true), pch.multifunction());
        assertEquals("x99-i7-5930k.hex.txt", pch.provenance().of("multifunction").orElseThrow().file());
        assertEquals(new SourceRef("x99-i7-5930k.verbose.txt", 171), pch.provenance().of("iommuGroup").orElseThrow());
        assertEquals(OptionalInt.of(31), pch.iommuGroup());
        PciFunction gpu = fn(t, "03:00.0");
        assertEquals("x99-i7-5930k-k58.iommu-groups.txt", gpu.provenance().of("iommuGroup").orElseThrow().file());
        assertTrue(r.report().errors().isEmpty());
    }

    @Test
    void disagreementsNameBothFilesAndLines() {
        ImportResult r = corpus("x99-i7-5930k-k58.iommu-groups.txt", "x99-i7-5930k-k59.iommu-groups.txt");
        Topology t = loaded(r);
        assertEquals(OptionalInt.of(31), fn(t, "00:1c.4").iommuGroup(), "the first file's value is kept");
        Diagnostic d = warningsAbout(r, "0000:00:1c.4").stream().filter(x -> x.message().contains("disagree"))
                .findFirst().orElseThrow();
        assertEquals("x99-i7-5930k-k59.iommu-groups.txt", d.file().orElseThrow());
        assertEquals(64, d.line());
        assertTrue(d.message().contains("x99-i7-5930k-k58.iommu-groups.txt:72") && d.message()
                .contains("IOMMU group 31 vs 29"), d.message());
    }

    @Test
    void kernelGroupsOfTheImacLandInIommuGroup() {
        Topology t = loaded(corpus("apple-imac20-cometlake-titanridge.verbose.txt"));
        assertEquals(OptionalInt.of(1), fn(t, "00:01.0").iommuGroup());
        assertEquals(33, t.functions().stream().filter(f -> f.iommuGroup().isPresent()).count());
    }

    @Test
    void virtualFunctionsAreTiedToTheirPfThroughOffsetAndStride() {
        String pf = """
                b1:00.0 Ethernet controller: Mellanox Technologies MT2910 Family [ConnectX-7]
                \tCapabilities: [180 v1] Single Root I/O Virtualization (SR-IOV)
                \t\tInitial VFs: 8, Total VFs: 8, Number of VFs: 3, Function Dependency Link: 00
                \t\tVF offset: 2, stride: 1, Device ID: 101e

                """;
        String tree = """
                 +-[0000:b0]-+-00.0  Intel Corporation Ice Lake Memory Map/VT-d
                 |           \\-04.0-[b1-b2]--+-00.0  Mellanox Technologies MT2910 Family [ConnectX-7]
                 |                           +-00.1  Mellanox Technologies MT2910 Family [ConnectX-7]
                 |                           +-00.2  Mellanox Technologies ConnectX Family mlx5Gen Virtual Function
                 |                           +-00.3  Mellanox Technologies ConnectX Family mlx5Gen Virtual Function
                 |                           \\-00.4  Mellanox Technologies ConnectX Family mlx5Gen Virtual Function
                """;
        Topology t = loaded(texts("pf.txt", pf, "tree.txt", tree));
        Bdf pfAddress = Bdf.parse("b1:00.0");
        for (String vf : List.of("b1:00.2", "b1:00.3", "b1:00.4")) {
            assertEquals(Optional.of(pfAddress), fn(t, vf).physicalFunction(), vf);
            assertEquals(new SourceRef("pf.txt", 2), fn(t, vf).provenance().of("physicalFunction").orElseThrow());
        }
        assertTrue(fn(t, "b1:00.1").physicalFunction().isEmpty());
    }

    @Test
    void progressReachesTheEndAndCancellingStopsTheImport() throws Exception {
        byte[] big = Files.readAllBytes(Corpus.file("supermicro-4028gr-tvrt-8xv100-pex9765.verbose.txt"));
        List<ImportProgress.Step> steps = new ArrayList<>();
        ImportResult done = Importer.importInputs(List.of(new ImportInput("big.txt", big)), steps::add, () -> false);
        assertTrue(done.ok());
        assertTrue(steps.size() > 10, "progress every few hundred lines");
        for (int i = 1; i < steps.size(); i++) assertTrue(steps.get(i).bytesDone() >= steps.get(i - 1).bytesDone());
        assertEquals(1.0, steps.get(steps.size() - 1).fraction());
        assertEquals(big.length, steps.get(0).bytesTotal());

        AtomicInteger calls = new AtomicInteger();
        ImportResult cancelled = Importer.importInputs(List.of(new ImportInput("big.txt", big)),
                s -> calls.incrementAndGet(),
                () -> calls.get() >= 3);
        assertTrue(cancelled.cancelled());
        assertTrue(cancelled.topology().isEmpty());
        assertTrue(cancelled.report().toText().contains("cancelled"));
        assertTrue(calls.get() < 10, "stopped soon after the request");
    }

    @Test
    void topologyJsonIsReadAsItIsAndNotMergedWithExports(@TempDir Path dir) throws Exception {
        Path json = Samples.file("switch-p2p-server.json");
        LoadResult alone = TopologyInputs.load(List.of(json));
        assertTrue(alone.ok(), alone.report().toText());
        assertEquals(TopologySource.Kind.SYNTHETIC, alone.topology().get().source().orElseThrow().kind());
        Path tree = Files.copy(Corpus.file("qemu-q35-kbusch-switch-vm.tree.txt"), dir.resolve("t.txt"));
        LoadResult mixed = TopologyInputs.load(List.of(json, tree));
        assertFalse(mixed.ok());
        assertTrue(mixed.report().errors().get(0).message().contains("cannot be merged with exports"));
        LoadResult missing = TopologyInputs.load(List.of(dir.resolve("nope.txt")));
        assertFalse(missing.ok());
        assertEquals("nope.txt", missing.report().errors().get(0).file().orElseThrow());
    }

    @Test
    void unusableFilesSayWhatTheyAre() {
        assertError(texts("e.txt", "\n\n   \n"), "the file is empty");
        assertError(texts("b.bin", "\u0000\u0001\u0002binary"), "not a text file");
        assertError(texts("n.txt", "hello world\nthis is not lspci\n"), "does not recognise this file");
        assertError(texts("x.xml", "<?xml version=\"1.0\"?>\n<html><body/></html>\n"), "neither an hwloc topology");
        assertError(texts("x.xml", "<?xml version=\"1.0\"?>\n<topology version=\"2.0\"><object type=\"Machine\">\n"),
                "not well-formed");
    }

    private static void assertError(ImportResult r, String part) {
        assertFalse(r.ok());
        assertTrue(r.report().errors().stream().anyMatch(d -> d.message().contains(part)), r.report().toText());
    }

    @Test
    void aTopologyFileLargerThanWhatRecognitionReadsIsParsedFromItsBytesUndecoded() throws Exception {
        String sample = Files.readString(Samples.file("legacy-pci-no-iommu.json"));
        // padded past the head recognition reads, with a name that is not ASCII
        String big = sample.replaceFirst("\"name\": \"", "\"name\": \"8× ")
                + " ".repeat(SourceText.HEAD_BYTES) + "\n";
        ImportResult r = texts("big.json", big);
        assertTrue(r.topology().isPresent(), () -> r.report().toText());
        assertTrue(r.topology().get().name().startsWith("8× "), r.topology().get().name());
        assertTrue(r.sources().get(0).undecodedBytes().isPresent(), "recognised from its head, read from bytes");
        assertTrue(r.sources().get(0).line(0).startsWith("{"), "its lines are still there for the report");
        assertTrue(r.sources().get(0).undecodedBytes().isEmpty(), "decoded once asked for lines");
    }

    @Test
    void aSmallTopologyFileIsReadFromItsBytesToo() throws Exception {
        // one way for every size, so a finding's column never depends on how large the file is
        String sample = Files.readString(Samples.file("legacy-pci-no-iommu.json"));
        ImportResult r = texts("small.json", sample);
        assertTrue(r.topology().isPresent(), () -> r.report().toText());
        assertTrue(r.sources().get(0).undecodedBytes().isPresent(), "recognised from a decoded copy");
    }

    @Test
    void aListingLargerThanWhatRecognitionReadsIsRecognisedAndReadWhole() throws Exception {
        String listing = Files.readString(Corpus.file("supermicro-4028gr-tvrt-8xv100-pex9765.verbose.txt"));
        StringBuilder big = new StringBuilder(listing);
        while (big.length() <= SourceText.HEAD_BYTES) big.append("\n").append(listing);
        ImportResult r = texts("big.txt", big.toString());
        Topology t = loaded(r);
        assertEquals(loaded(corpus("supermicro-4028gr-tvrt-8xv100-pex9765.verbose.txt")).functions().size(),
                t.functions().size(), "the repeats fold into the machine's functions");
        assertTrue(r.report().diagnostics().stream().anyMatch(d -> d.message().contains("listed before")),
                () -> r.report().diagnostics().toString());
    }
}
