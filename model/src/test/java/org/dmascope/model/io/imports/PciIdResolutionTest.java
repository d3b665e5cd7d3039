package org.dmascope.model.io.imports;

import static org.dmascope.model.io.imports.ImportTesting.corpus;
import static org.dmascope.model.io.imports.ImportTesting.fn;
import static org.dmascope.model.io.imports.ImportTesting.loaded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.dmascope.model.io.TopologyJsonReader;
import org.dmascope.model.io.TopologyJsonWriter;
import org.dmascope.model.io.formats.ImportFormats;
import org.dmascope.model.io.pciids.PciIdSource;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.groups.GroupPartitions;
import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.report.Severity;
import org.dmascope.model.testing.Corpus;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciId;
import org.dmascope.model.topology.PciIdentity;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Names and IDs completed from pci.ids at import, on real exports: dumps without {@code -nn} get the IDs
 * of their names (so ID-keyed quirks apply), ID-only trees get names, an ambiguous name keeps every
 * candidate, and a {@code -nn} dump and the same dump without its IDs give the same IDs and groups.
 */
class PciIdResolutionTest {
    private static final String SHIPPED = "pci.ids (2023-04-10)";

    @Test
    void aVerboseDumpWithoutNnGetsIntelsVendorIdOnEveryIntelFunction() {
        ImportResult r = corpus("ni-haswell-ep-e5-2618lv3-wellsburg.verbose.txt");
        Topology t = loaded(r);
        List<PciFunction> intel = t.functions().stream()
                .filter(f -> f.identity().vendorName().equals(Optional.of("Intel Corporation"))).toList();
        assertTrue(intel.size() > 70, "most of this Haswell-EP is Intel: " + intel.size());
        for (PciFunction f : intel) {
            assertEquals(OptionalInt.of(0x8086), f.identity().vendorId(), f.address().toString());
            assertEquals(SHIPPED, f.provenance().of("vendor").orElseThrow().file(), "the ID says where it came from");
        }
        PciFunction pch = fn(t, "00:1f.2");
        assertEquals("C610/X99 series chipset 6-Port SATA Controller [AHCI mode]", pch.identity().deviceName()
                .orElseThrow());
        assertEquals(OptionalInt.of(0x8d02), pch.identity().deviceId(), "a name pci.ids gives one ID");
        List<Diagnostic> info = r.report().diagnostics().stream().filter(d -> d.severity() == Severity.INFO).toList();
        assertEquals(1, info.size());
        assertTrue(info.get(0).message().startsWith("IDs from names: pci.ids 2023.04.10 (2023-04-10), shipped with "
                + "dmascope gives the vendor and device ID of "), info.get(0).message());
    }

    @Test
    void anAmbiguousNameSaysSoAndKeepsEveryCandidate() {
        ImportResult r = corpus("ni-haswell-ep-e5-2618lv3-wellsburg.verbose.txt");
        PciIdentity rp = fn(loaded(r), "00:1c.0").identity();
        assertEquals(OptionalInt.empty(), rp.deviceId(), "8d10 or 8d11: not guessed");
        assertEquals(List.of(PciId.of(0x8086, 0x8d10), PciId.of(0x8086, 0x8d11)), rp.idCandidates());
        List<Diagnostic> w = ImportTesting.warningsAbout(r, "C610/X99 series chipset PCI Express Root Port #1");
        assertEquals(1, w.size());
        assertEquals(446, w.get(0).line());
        assertTrue(w.get(0).message().contains("gives this name to 2 IDs (8086:8d10, 8086:8d11)"), w.get(0).message());
    }

    @Test
    void aTreeWithoutNnGetsIdsAndItsNamesSplit() {
        Topology t = loaded(corpus("amd-raphael-desktop-w5700.tree.txt"));
        PciIdentity gpu = fn(t, "03:00.0").identity();
        assertEquals(PciId.of(0x1002, 0x7312), PciId.of(gpu.vendorId().getAsInt(), gpu.deviceId().getAsInt()));
        assertEquals(Optional.of("Advanced Micro Devices, Inc. [AMD/ATI]"), gpu.vendorName());
        assertEquals(Optional.of("Navi 10 [Radeon Pro W5700]"), gpu.deviceName());
        PciIdentity nvme = fn(t, "04:00.0").identity();
        assertEquals(PciId.of(0x144d, 0xa808), PciId.of(nvme.vendorId().getAsInt(), nvme.deviceId().getAsInt()));
        assertEquals(OptionalInt.of(0x1022), fn(t, "00:00.0").identity().vendorId(),
                "a Raphael root complex is too new for this pci.ids: the vendor is known, the device is not");
        assertEquals(5, fn(t, "09:00.0").identity().idCandidates().size(), "82576 Gigabit Network Connection");
    }

    @Test
    void anIdOnlyTreeGetsNames() {
        Topology t = loaded(corpus("loongson-3a-ls7a-ht.tree.txt"));
        long named = t.functions().stream().filter(f -> f.provenance().of("deviceName")
                .map(s -> s.file().equals(SHIPPED)).orElse(false)).count();
        assertTrue(named >= 10, "lspci -tn prints no names; pci.ids names " + named + " functions");
        for (PciFunction f : t.functions()) {
            if (f.identity().deviceName().isEmpty()) continue;
            assertEquals(SHIPPED, f.provenance().of("deviceName").orElseThrow().file());
        }
    }

    @Test
    void anIdAnExportGivesIsNeverReplaced() {
        // The IOMMU group listing gives IDs (-nns); the verbose dumps of the same machine only names.
        Topology t = loaded(corpus("x99-i7-5930k-k58.iommu-groups.txt", "x99-i7-5930k.verbose.txt"));
        PciFunction rp = fn(t, "00:1c.4");
        assertEquals(OptionalInt.of(0x8d18), rp.identity().deviceId());
        assertEquals(List.of(), rp.identity().idCandidates());
        assertEquals(Optional.empty(), rp.provenance().of("device"), "the ID is the listing's, not pci.ids'");
    }

    @Test
    void candidatesAndPciIdsProvenanceSurviveJson() {
        Topology t = loaded(corpus("ni-haswell-ep-e5-2618lv3-wellsburg.verbose.txt"));
        Topology back = TopologyJsonReader.read(TopologyJsonWriter.write(t), "t.json").topology().orElseThrow();
        for (PciFunction f : t.functions()) {
            PciFunction g = back.function(f.address()).orElseThrow();
            assertEquals(f.identity(), g.identity());
            assertEquals(f.provenance(), g.provenance());
        }
    }

    /**
     * lspci without {@code -nn} prints {@code Device dddd} for a device its pci.ids does not know and
     * {@code Device vvvv:dddd} for an unknown vendor; with {@code -nn} they are {@code Device [vvvv:dddd]}.
     */
    static String withoutNn(String dump) {
        return dump.replaceAll("(: )Device \\[([0-9a-fA-F]{4}:[0-9a-fA-F]{4})]", "$1Device $2")
                .replaceAll(" Device \\[[0-9a-fA-F]{4}:([0-9a-fA-F]{4})]", " Device $1")
                .replaceAll(" \\[[0-9a-fA-F]{4}:[0-9a-fA-F]{4}]", "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"apple-imac20-cometlake-titanridge.verbose.txt",
            "msi-cyborg15-a12ve-laptop-nonroot.verbose.txt", "x99-i7-5930k-k58.iommu-groups.txt"})
    void aDumpWithNnAndTheSameWithoutGiveTheSameIdsAndGroups(String name) throws IOException {
        String nn = Files.readString(Corpus.file(name), StandardCharsets.UTF_8);
        String plain = withoutNn(nn);
        assertFalse(plain.matches("(?s).*\\[[0-9a-f]{4}:[0-9a-f]{4}].*"), "every ID stripped");
        Topology withIds = loaded(ImportTesting.texts(name, nn));
        Topology names = loaded(ImportTesting.texts(name, plain));
        int same = 0;
        List<String> wrong = new ArrayList<>();
        for (PciFunction f : withIds.functions()) {
            PciIdentity truth = f.identity();
            if (truth.vendorId().isEmpty() || truth.deviceId().isEmpty()) continue;
            PciId id = PciId.of(truth.vendorId().getAsInt(), truth.deviceId().getAsInt());
            PciIdentity resolved = names.function(f.address()).orElseThrow().identity();
            if (resolved.deviceId().isPresent()) {
                if (PciId.of(resolved.vendorId().getAsInt(), resolved.deviceId().getAsInt()).equals(id)) same++;
                else wrong.add(f.address() + ": " + id + " resolved as " + resolved);
            } else if (!resolved.idCandidates().isEmpty() && !resolved.idCandidates().contains(id)) {
                wrong.add(f.address() + ": " + id + " is not among " + resolved.idCandidates());
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(same * 3 > withIds.functions().size(), name + ": only " + same + " resolved");
        Map<Bdf, Integer> a = TopologyRules.of(withIds).groups().assignment();
        Map<Bdf, Integer> b = TopologyRules.of(names).groups().assignment();
        GroupPartitions.Comparison c = GroupPartitions.compare(a, b);
        assertTrue(c.equal(), String.join("\n", c.differences()));
    }

    // CHECKSTYLE.OFF: LineLength
    /** A Sky Lake-E CBDMA engine as lspci -vvv prints it without -nn: four RCiEP functions, no ACS capability. */
    private static String cbdma(boolean nn) {
        StringBuilder sb = new StringBuilder();
        for (int fn = 0; fn < 4; fn++) {
            sb.append("00:04.").append(fn).append(" System peripheral").append(nn ? " [0880]" : "")
                    .append(": Intel Corporation Sky Lake-E CBDMA Registers").append(nn ? " [8086:202" + fn + "]" : "")
                    .append(" (rev 04)\n")
                    .append("\tControl: I/O- Mem+ BusMaster+ SpecCycle- MemWINV- VGASnoop- ParErr- Stepping- SERR- FastB2B- DisINTx-\n")
                    .append("\tNUMA node: 0\n")
                    .append("\tRegion 0: Memory at 387ffff").append(Integer.toHexString(fn * 4)).append("0000 (64-bit, non-prefetchable) [size=16K]\n")
                    .append("\tCapabilities: [90] Express (v2) Root Complex Integrated Endpoint, MSI 00\n")
                    .append("\t\tDevCap:\tMaxPayload 128 bytes, PhantFunc 0\n")
                    .append("\tKernel driver in use: ioatdma\n\n");
        }
        return sb.toString();
    }
    // CHECKSTYLE.ON: LineLength

    @Test
    void theRciepQuirkAppliesToADumpThatOnlyNamesTheVendor() {
        // pci_quirk_rciep_acs is keyed on Intel's vendor ID: without it the four functions share one group.
        Topology named = loaded(ImportTesting.texts("skx.verbose.txt", cbdma(false)));
        Topology numbered = loaded(ImportTesting.texts("skx.verbose.txt", cbdma(true)));
        Map<Bdf, Integer> groups = TopologyRules.of(named).groups().assignment();
        assertEquals(4, groups.values().stream().distinct().count(), groups.toString());
        assertTrue(GroupPartitions.compare(groups, TopologyRules.of(numbered).groups().assignment()).equal());
        Importer without = new Importer(ImportFormats.standard(), PciIdSource.of("an empty pci.ids",
                () -> new ByteArrayInputStream("#\tVersion: 1999.01.01\n".getBytes(StandardCharsets.UTF_8))));
        ImportResult r = without.fromInputs(List.of(new ImportInput("skx.verbose.txt", cbdma(false)
                .getBytes(StandardCharsets.UTF_8))), ImportProgress.NONE, () -> false);
        Map<Bdf, Integer> unresolved = TopologyRules.of(loaded(r)).groups().assignment();
        assertEquals(1, unresolved.values().stream().distinct().count(), "the bug this fixes: " + unresolved);
        assertEquals(1, ImportTesting.warningsAbout(r, "not even its vendor's").size(), r.report().toText());
    }

    @Test
    void aPciIdsThatCannotBeReadIsReportedAndNothingIsResolved() {
        Importer broken = new Importer(ImportFormats.standard(), PciIdSource.of("a broken pci.ids", () -> {
            throw new IOException("disk on fire");
        }));
        ImportResult r = broken.fromInputs(List.of(new ImportInput("skx.verbose.txt", cbdma(false)
                .getBytes(StandardCharsets.UTF_8))), ImportProgress.NONE, () -> false);
        assertEquals(OptionalInt.empty(), fn(loaded(r), "00:04.0").identity().vendorId());
        assertEquals(1, ImportTesting.warningsAbout(r, "a broken pci.ids could not be read: disk on fire").size(),
                r.report().toText());
    }
}
