package org.dmascope.views.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Optional;
import java.util.OptionalInt;

import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Card names from names real lspci output prints (corpus/ and pci.ids): the part that tells the device
 * apart first, never a codename another device goes by, never just the vendor.
 */
class DeviceTextTest {
    private static PciFunction device(int classCode, Optional<String> vendor, String device) {
        PciIdentity id = new PciIdentity(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(),
                OptionalInt.empty(), OptionalInt.of(classCode), OptionalInt.empty(), vendor, Optional.of(device),
                Optional.empty(), Optional.empty());
        return PciFunction.builder(Bdf.parse("0000:03:00.0")).identity(id).build();
    }

    // CHECKSTYLE.OFF: LineLength
    /** As an import splits them: vendor and device name apart. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            030000 | Advanced Micro Devices, Inc. [AMD/ATI] | Navi 10 [Radeon Pro W5700]            | AMD Radeon Pro W5700
            030000 | NVIDIA Corporation                     | GP102 [TITAN X]                       | NVIDIA TITAN X
            030200 | NVIDIA Corporation                     | GV100GL [Tesla V100 SXM2 16GB]        | NVIDIA Tesla V100 SXM2 16GB
            020700 | Mellanox Technologies                  | MT28908 Family [ConnectX-6]           | Mellanox ConnectX-6
            010802 | Samsung Electronics Co Ltd             | NVMe SSD Controller SM981/PM981/PM983 | Samsung SM981/PM981/PM983 NVMe SSD Controller
            010802 | Samsung Electronics Co Ltd             | NVMe SSD Controller PM9C1a (DRAM-less) | Samsung PM9C1a NVMe SSD Controller (DRAM-less)
            010802 | Samsung Electronics Co Ltd             | NVMe SSD Controller S4LV008[Pascal]   | Samsung S4LV008 NVMe SSD Controller
            020000 | Intel Corporation                      | Ethernet Controller I225-V            | Intel I225-V Ethernet Controller
            020000 | Intel Corporation                      | 82576 Gigabit Network Connection      | Intel 82576 Gigabit Network Connection
            020000 | Realtek Semiconductor Co., Ltd.        | RTL8125 2.5GbE Controller             | Realtek RTL8125 2.5GbE Controller
            040300 | Advanced Micro Devices, Inc. [AMD/ATI] | Radeon High Definition Audio Controller [Rembrandt/Strix] | AMD Radeon High Definition Audio Controller
            060100 | Intel Corporation                      | 82371SB PIIX3 ISA [Natoma/Triton II]  | 82371SB PIIX3 ISA
            060000 | Advanced Micro Devices, Inc. [AMD]     | Raphael/Granite Ridge Root Complex    | Raphael/Granite Ridge Root Complex
            010000 | Red Hat, Inc.                          | Virtio block device                   | Red Hat Virtio block device
            0c0330 | NEC Corporation                        | uPD720200 USB 3.0 Host Controller     | NEC uPD720200 USB 3.0 Host Controller
            """)
    void cardsLeadWithWhatTellsTheDeviceApart(String cls, String vendor, String name, String card) {
        assertEquals(card, DeviceText.shortName(device(Integer.parseInt(cls, 16), Optional.of(vendor), name)));
    }

    /** As lspci prints them, in one string (topologies imported before names were split, unknown vendors). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            060000 | Advanced Micro Devices, Inc. [AMD] Raphael/Granite Ridge Root Complex        | Raphael/Granite Ridge Root Complex
            030000 | Advanced Micro Devices, Inc. [AMD/ATI] Navi 10 [Radeon Pro W5700]            | AMD Radeon Pro W5700
            010802 | Samsung Electronics Co Ltd NVMe SSD Controller SM981/PM981/PM983            | Samsung SM981/PM981/PM983 NVMe SSD Controller
            020000 | Realtek Semiconductor Co., Ltd. RTL8125 2.5GbE Controller                  | Realtek RTL8125 2.5GbE Controller
            0c0330 | Fresco Logic FL1100 USB 3.0 Host Controller                                | Fresco Logic FL1100 USB 3.0 Host Controller
            """)
    void namesStillHoldingTheVendorLoseItFirst(String cls, String combined, String card) {
        assertEquals(card, DeviceText.shortName(device(Integer.parseInt(cls, 16), Optional.empty(), combined)));
    }

    // CHECKSTYLE.ON: LineLength

    @Test
    void noCardOfTheRaphaelTreeIsJustTheVendor() {
        // corpus/amd-raphael-desktop-w5700.tree.txt: dozens of "Advanced Micro Devices, Inc. [AMD] …" lines.
        for (String line : new String[] {"Raphael/Granite Ridge Dummy Host Bridge", "Family 19h PSP/CCP",
                "Raphael/Granite Ridge Data Fabric; Function 3", "Raphael/Granite Ridge USB 3.1 xHCI"}) {
            String card = DeviceText.title(device(0x088000, Optional.empty(),
                    "Advanced Micro Devices, Inc. [AMD] " + line));
            assertEquals("AMD " + line, card);
        }
        assertFalse(DeviceText.shortName(device(0x010802, Optional.of("Samsung Electronics Co Ltd"),
                "NVMe SSD Controller S4LV008[Pascal]")).contains("Pascal"), "Pascal is NVIDIA's, not Samsung's");
    }
}
