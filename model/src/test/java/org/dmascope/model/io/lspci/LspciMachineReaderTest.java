package org.dmascope.model.io.lspci;

import static org.dmascope.model.io.imports.ImportTesting.fn;
import static org.dmascope.model.io.imports.ImportTesting.loaded;
import static org.dmascope.model.io.imports.ImportTesting.texts;
import static org.dmascope.model.io.imports.ImportTesting.warningsAbout;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.OptionalInt;

import org.dmascope.model.io.imports.ImportResult;
import org.dmascope.model.topology.PciIdentity;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/** lspci -vmm / -vmmnn / -vm / -mm, in the forms of lspci-formats.md §6. */
class LspciMachineReaderTest {

    @Test
    void vmmnnRecordsKeepVendorAndDeviceNamesApart() {
        Topology t = loaded(texts("vmm.txt", """
                Slot:\t0000:04:00.0
                Class:\tNon-Volatile memory controller [0108]
                Vendor:\tKIOXIA Corporation [1e0f]
                Device:\tDevice [abcd]
                SVendor:\tKIOXIA Corporation [1e0f]
                SDevice:\tDevice [0001]
                Rev:\t01
                ProgIf:\t02
                Driver:\tnvme
                Module:\tnvme
                NUMANode:\t1
                IOMMUGroup:\t14

                Slot:\t0000:04:00.1
                Class:\tUnassigned class [ff00]
                Vendor:\tVendor [1fff]
                Device:\tDevice [0001]
                ProgIf:\t00
                """));
        PciIdentity nvme = fn(t, "04:00.0").identity();
        assertEquals(OptionalInt.of(0x1e0f), nvme.vendorId());
        assertEquals(OptionalInt.of(0xabcd), nvme.deviceId());
        assertEquals(Optional.of("KIOXIA Corporation"), nvme.vendorName());
        assertEquals(Optional.empty(), nvme.deviceName(),
                "\"Device [abcd]\" is lspci's placeholder for an unknown name");
        assertEquals(OptionalInt.of(0x010802), nvme.classCode());
        assertEquals(OptionalInt.of(0x01), nvme.revision());
        assertEquals(OptionalInt.of(1), nvme.subsystemDeviceId());
        assertEquals(Optional.of("nvme"), fn(t, "04:00.0").driver());
        assertEquals(OptionalInt.of(1), fn(t, "04:00.0").numaNode());
        assertEquals(OptionalInt.of(14), fn(t, "04:00.0").iommuGroup());
        assertEquals(OptionalInt.of(0xff0000), fn(t, "04:00.1").identity().classCode());
        assertEquals(OptionalInt.of(0x1fff), fn(t, "04:00.1").identity().vendorId());
    }

    @Test
    void vmUsesDeviceForTheSlotToo() {
        Topology t = loaded(texts("vm.txt", """
                Device:\t00:1f.3
                Class:\tAudio device
                Vendor:\tIntel Corporation
                Device:\tComet Lake PCH cAVS
                SVendor:\tIntel Corporation
                SDevice:\tDevice 7270

                Device:\t00:1f.4
                Class:\tSMBus
                Vendor:\tIntel Corporation
                Device:\tComet Lake PCH SMBus Controller
                """));
        assertEquals(Optional.of("Comet Lake PCH cAVS"), fn(t, "00:1f.3").identity().deviceName());
        assertEquals(OptionalInt.of(0x040300), fn(t, "00:1f.3").identity().classCode());
        assertEquals(OptionalInt.of(0x7270), fn(t, "00:1f.3").identity().subsystemDeviceId());
        assertEquals(OptionalInt.of(0x0c0500), fn(t, "00:1f.4").identity().classCode());
    }

    @Test
    void mmLinesWithQuotesAndEscapes() {
        ImportResult r = texts("mm.txt", """
                04:00.0 "Non-Volatile memory controller" "KIOXIA Corporation" "Device abcd" -r01 -p02 "" ""
                04:00.1 "Unassigned class [ff00]" "Vendor 1fff" "Device 0001" "" ""
                05:00.0 "Ethernet controller" "Vendor \\"Quoted\\" Inc" "NIC" -p00 "Vendor \\"Quoted\\" Inc" "NIC"
                06:00.0 "only class"
                """);
        Topology t = loaded(r);
        assertEquals(OptionalInt.of(0x010802), fn(t, "04:00.0").identity().classCode());
        assertEquals(OptionalInt.of(0xabcd), fn(t, "04:00.0").identity().deviceId());
        assertEquals(OptionalInt.of(0x01), fn(t, "04:00.0").identity().revision());
        assertEquals(OptionalInt.of(0x1fff), fn(t, "04:00.1").identity().vendorId());
        assertEquals(Optional.of("Vendor \"Quoted\" Inc"), fn(t, "05:00.0").identity().vendorName());
        assertEquals(1, warningsAbout(r, "fewer than three quoted fields").size());
        assertEquals(4, warningsAbout(r, "fewer than three quoted fields").get(0).line());
    }

    @Test
    void aDomainBeyondTheKernelsIntIsNoSlotAndNoCrash() {
        // Found by the fuzzer: eight hex digits of domain from 80000000 up wrapped to a negative int.
        ImportResult r = texts("vmm.txt", """
                Slot:\t0000:00:00.0
                Class:\tHost bridge
                Vendor:\tIntel Corporation
                Device:\tDevice 1234

                Slot:\t80000000:01:01.0
                Class:\tEthernet controller
                Vendor:\tIntel Corporation
                Device:\tDevice 1533
                """);
        assertEquals(1, warningsAbout(r, "is not a PCI slot").size());
        assertEquals(6, warningsAbout(r, "is not a PCI slot").get(0).line());
        assertEquals(1, loaded(r).functions().size());
    }
}
