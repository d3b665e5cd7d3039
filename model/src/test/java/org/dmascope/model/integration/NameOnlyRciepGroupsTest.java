package org.dmascope.model.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;

import org.dmascope.model.io.imports.ImportInput;
import org.dmascope.model.io.imports.ImportProgress;
import org.dmascope.model.io.imports.ImportResult;
import org.dmascope.model.io.imports.Importer;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.doctor.Diagnosis;
import org.dmascope.model.kernel.doctor.Doctor;
import org.dmascope.model.kernel.groups.IommuGroup;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's first finding: a dual-socket Sky Lake-E {@code lspci -vvv} without {@code -nn} names its root-complex
 * integrated endpoints "Intel Corporation" but carries no vendor ID. The vendor comes from pci.ids by name, so
 * {@code pci_quirk_rciep_acs} (drivers/pci/quirks.c, {@code PCI_VENDOR_ID_INTEL, PCI_ANY_ID}) isolates each of them,
 * as the kernel does; an ambiguous device name (the Ubox functions share one) does not stand in the way, because the
 * quirk matches the vendor only. The excerpt is built in the shape of such a dump (blocks abridged).
 */
class NameOnlyRciepGroupsTest {

    private static String block(String bdf, String name, int node) {
        // CHECKSTYLE.OFF: LineLength (lines in the shape of lspci -vvv output)
        return bdf + " System peripheral: Intel Corporation " + name + " (rev 04)\n"
                + "\tSubsystem: Intel Corporation Device 0000\n"
                + "\tControl: I/O- Mem+ BusMaster+ SpecCycle- MemWINV- VGASnoop- ParErr- Stepping- SERR- FastB2B- DisINTx+\n"
                + "\tStatus: Cap+ 66MHz- UDF- FastB2B- ParErr- DEVSEL=fast >TAbort- <TAbort- <MAbort- >SERR- <PERR- INTx-\n"
                + "\tNUMA node: " + node + "\n"
                + "\tCapabilities: [90] Express (v2) Root Complex Integrated Endpoint, MSI 00\n"
                + "\t\tDevCap:\tMaxPayload 128 bytes, PhantFunc 0\n"
                + "\t\t\tExtTag- RBE-\n"
                + "\tCapabilities: [e0] Power Management version 3\n"
                + "\t\tFlags: PMEClk- DSI- D1- D2- AuxCurrent=0mA PME(D0-,D1-,D2-,D3hot-,D3cold-)\n\n";
        // CHECKSTYLE.ON: LineLength
    }

    private static final String[][] FUNCTIONS = {
        {"00:04.0", "Sky Lake-E CBDMA Registers", "0"}, {"00:04.1", "Sky Lake-E CBDMA Registers", "0"},
        {"00:04.2", "Sky Lake-E CBDMA Registers", "0"}, {"00:05.0", "Sky Lake-E MM/Vt-d Configuration Registers", "0"},
        {"00:05.2", "Sky Lake-E RAS", "0"}, {"00:05.4", "Sky Lake-E IOAPIC", "0"},
        {"16:08.0", "Sky Lake-E Ubox Registers", "0"}, {"16:08.1", "Sky Lake-E Ubox Registers", "0"},
        {"16:08.2", "Sky Lake-E Ubox Registers", "0"}, {"80:04.0", "Sky Lake-E CBDMA Registers", "1"},
        {"80:04.1", "Sky Lake-E CBDMA Registers", "1"}, {"85:0e.0", "Sky Lake-E KTI 0", "1"},
    };

    private static Topology dump(String vendor) {
        StringBuilder sb = new StringBuilder();
        for (String[] f : FUNCTIONS) sb.append(block(f[0], f[1], Integer.parseInt(f[2])));
        String text = sb.toString().replace("Intel Corporation", vendor);
        ImportResult r = Importer.importInputs(List.of(new ImportInput("skx-2s.verbose.txt",
                text.getBytes(StandardCharsets.UTF_8))), ImportProgress.NONE, () -> false);
        return r.topology().orElseThrow(() -> new AssertionError(r.report().toText()));
    }

    @Test
    void everyIntelRciepOfANameOnlyDumpHasAGroupOfItsOwn() {
        Topology t = dump("Intel Corporation");
        TopologyRules rules = TopologyRules.of(t);
        assertEquals(FUNCTIONS.length, t.functions().size());
        for (String[] f : FUNCTIONS) {
            Bdf b = Bdf.parse("0000:" + f[0]);
            assertEquals(OptionalInt.of(0x8086), t.function(b).orElseThrow().identity().vendorId(), f[0]);
            assertEquals(PortType.RC_INTEGRATED_ENDPOINT, t.function(b).orElseThrow().portType().orElseThrow());
            IommuGroup g = rules.groups().groupOf(b).orElseThrow();
            assertEquals(List.of(b), g.addresses(), f[0] + " is isolated: " + g.members());
            assertTrue(rules.acsIsolation(b).quirk().orElse("").equals("pci_quirk_rciep_acs"),
                    rules.acsIsolation(b).toString());
        }
        assertEquals(OptionalInt.empty(), t.function(Bdf.parse("0000:16:08.0")).orElseThrow().identity().deviceId(),
                "the Ubox name belongs to three IDs; the quirk needs the vendor only");
    }

    @Test
    void aVendorPciIdsDoesNotKnowLeavesTheSlotTogetherAndTheDoctorSaysWhatIntelWouldGive() {
        Topology t = dump("Unknown Vendor Inc.");
        TopologyRules rules = TopologyRules.of(t);
        Bdf cbdma = Bdf.parse("0000:00:04.0");
        assertEquals(OptionalInt.empty(), t.function(cbdma).orElseThrow().identity().vendorId());
        assertEquals(3, rules.groups().groupOf(cbdma).orElseThrow().members().size(),
                "a multifunction RCiEP without ACS and without the quirk shares its slot's group");
        Diagnosis d = new Doctor(rules).groupOf(cbdma).orElseThrow();
        assertTrue(d.premises().stream().anyMatch(p -> p.sentence().contains("otherwise (it is Intel's, so "
                + "pci_quirk_rciep_acs isolates it)")), d.premises().toString());
    }
}
