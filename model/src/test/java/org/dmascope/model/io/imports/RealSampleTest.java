package org.dmascope.model.io.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.io.TopologyJsonWriter;
import org.dmascope.model.topology.Platform;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.topology.TopologySource;
import org.junit.jupiter.api.Test;

/**
 * The Supermicro 4028GR-TVRT sample is the import of its corpus dump plus name, description, source
 * and the platform facts stated there as added by hand. This test is its generator: with
 * {@code -Ddmascope.rewriteSamples=true} it rewrites the sample (see SampleTopologiesTest).
 */
class RealSampleTest {
    static final String FILE = "supermicro-4028gr-tvrt-8xv100-pex9765.json";
    static final String CORPUS = "supermicro-4028gr-tvrt-8xv100-pex9765.verbose.txt";

    static final String NAME = "Supermicro 4028GR-TVRT: 8× V100 behind PEX9765 switches";
    static final String DESCRIPTION = "A real dual-socket Supermicro SuperServer 4028GR-TVRT (two Xeon E5 v4, NUMA "
            + "nodes 0 and 1),"
            + " imported from its lspci -vvv -PP dump. Eight Tesla V100 SXM2 GPUs sit in pairs below four "
                    + "Broadcom/PLX PEX9765"
            + " switches, one per CPU root port (00:02.0, 00:03.0 on socket 0; 80:02.0, 80:03.0 on socket 1). Two "
                    + "GPUs below the"
            + " same switch reach each other inside it; GPUs below different switches go through the host bridge, "
                    + "and across"
            + " sockets over QPI. The third downstream port of each PEX9765 cascades into a PLX PEX8733 (with four DMA"
            + " functions) or an ASMedia ASM2824 switch full of NVMe drives, and a PMC-Sierra PM8533 Switchtec PFX "
                    + "fan-out switch"
            + " on 00:01.0 holds eight more NVMe SSDs, so an NVMe drive sits five bridges below its root bus. Root "
                    + "ports and switch"
            + " downstream ports have an ACS capability but every ACS Control register is 0: the kernel only sets "
                    + "ACS bits"
            + " when an IOMMU driver asks for them, so this machine ran without one. Added by hand, not in the "
                    + "export: the"
            + " architecture (x86_64) and the CPU (Intel, family 6, Broadwell-EP), read from the host bridge's "
                    + "device name"
            + " \"Xeon E7 v4/Xeon E5 v4/Xeon E3 v4/Xeon D DMI2\".";
    static final String SOURCE = "corpus/" + CORPUS + ": lspci -vvv -PP of a Supermicro SuperServer 4028GR-TVRT, from"
            + " github.com/mithro/pciee, 4028GR-TVRT/lspci.vvv at commit 7f6da35286c3f9faafa228bfa913299a86e45b2b;"
            + " imported with dmascope import.";

    private static Path samplesDir() {
        return Path.of(System.getProperty("dmascope.samples", "../sample-topologies"));
    }

    static Topology build() {
        Topology imported = ImportTesting.loaded(ImportTesting.corpus(CORPUS));
        Platform platform = new Platform(Optional.of(Platform.Architecture.X86_64),
                new Platform.Cpu(Optional.of(Platform.CpuVendor.INTEL), OptionalInt.of(6),
                        Optional.of("Broadwell-EP (Xeon E5 v4)")),
                Platform.Iommu.UNKNOWN, Platform.Swiotlb.UNKNOWN, Optional.empty(), Optional.empty());
        return new Topology(NAME, Optional.of(DESCRIPTION), Optional.of(new TopologySource(TopologySource.Kind.REAL,
                Optional.of(SOURCE))),
                platform, imported.numaNodes(), imported.hostBridges(), imported.functions());
    }

    @Test
    void theShippedSampleIsTheImportOfItsCorpusDumpPlusTheHandAddedFacts() throws IOException {
        String expected = TopologyJsonWriter.write(build());
        Path file = samplesDir().resolve(FILE);
        if (Boolean.getBoolean("dmascope.rewriteSamples")) Files.writeString(file, expected, StandardCharsets.UTF_8);
        assertEquals(expected, Files.readString(file, StandardCharsets.UTF_8),
                "regenerate with -Ddmascope.rewriteSamples=true after changing the importer");
    }

    @Test
    void listedInTheMenuAfterTheDefault() {
        List<String> index = SampleCatalog.index();
        assertTrue(index.indexOf(FILE) > 0, index.toString());
        assertTrue(DESCRIPTION.contains("Added by hand"));
    }
}
