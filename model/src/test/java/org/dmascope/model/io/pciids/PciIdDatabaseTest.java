package org.dmascope.model.io.pciids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The reader on the pci.ids dmascope ships (Debian bookworm's {@code pci.ids} package) and on damaged copies. */
class PciIdDatabaseTest {
    private static PciIdDatabase db;
    private static String text;

    @BeforeAll
    static void readShipped() throws IOException {
        db = PciIdSource.shipped().database();
        try (InputStream in = new GZIPInputStream(PciIdSource.class.getResourceAsStream(
                PciIdSource.SHIPPED_RESOURCE))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theHeaderGivesVersionAndDate() {
        assertEquals("2023.04.10", db.header().version());
        assertEquals(Optional.of(LocalDate.of(2023, 4, 10)), db.header().date());
        assertEquals(db.header(), PciIdSource.shipped().header(), "the header alone reads the same");
        assertEquals("pci.ids (2023-04-10)", PciIdSource.shipped().provenanceName());
    }

    @Test
    void everyEntryOfTheFileIsRead() {
        // Counted independently of the reader: the lines of each shape, vendors and devices before the class part.
        String vendorPart = text.substring(0, text.indexOf("\nC 00"));
        String classPart = text.substring(text.indexOf("\nC 00"));
        assertEquals(count("(?m)^[0-9a-f]{4}  \\S", vendorPart), db.vendorCount());
        assertEquals(count("(?m)^\\t[0-9a-f]{4}  \\S", vendorPart), db.deviceCount());
        assertEquals(count("(?m)^\\t\\t[0-9a-f]{4} [0-9a-f]{4}  \\S", vendorPart), db.subsystemCount());
        assertEquals(count("(?m)^C [0-9a-f]{2}  \\S", classPart), db.classCount());
        assertEquals(count("(?m)^\\t[0-9a-f]{2}  \\S", classPart), db.subclassCount());
        assertEquals(0, db.skippedLines());
        assertTrue(db.deviceCount() > 17_000, "a real pci.ids: " + db.deviceCount());
    }

    private static int count(String regex, String in) {
        return (int) Pattern.compile(regex).matcher(in).results().count();
    }

    @Test
    void knownIdsHaveTheirNamesAndLines() {
        assertEquals("Intel Corporation", db.vendor(0x8086).orElseThrow().name());
        PciIdDatabase.Device titan = db.device(0x10de, 0x1b00).orElseThrow();
        assertEquals("GP102 [TITAN X]", titan.name());
        assertEquals("\t1b00  GP102 [TITAN X]", text.lines().skip(titan.line() - 1).findFirst().orElseThrow());
        assertEquals("Navi 10 [Radeon Pro W5700]", db.device(0x1002, 0x7312).orElseThrow().name());
        assertEquals("Sky Lake-E CBDMA Registers", db.device(0x8086, 0x2021).orElseThrow().name());
        assertEquals("NVMe SSD Controller SM981/PM981/PM983", db.device(0x144d, 0xa808).orElseThrow().name());
        assertEquals("SSD 970 EVO", db.subsystem(0x144d, 0xa808, 0x144d, 0xa801).orElseThrow().name());
        assertEquals(Optional.empty(), db.subsystem(0x144d, 0xa808, 0x144d, 0xffff));
        assertEquals(Optional.empty(), db.device(0x8086, 0xffff));
        assertEquals(Optional.empty(), db.vendor(0x1fff));
    }

    @Test
    void classNamesFallBackToTheBaseClass() {
        assertEquals(Optional.of("Non-Volatile memory controller"), db.className(0x0108));
        assertEquals(Optional.of("Bluetooth"), db.className(0x0d11));
        assertEquals(Optional.of("Wireless controller"), db.className(0x0d42), "no subclass 42: the base class");
        assertEquals(Optional.empty(), db.className(0xfe00));
    }

    @Test
    void vendorsAreFoundByNameWhateverTheLegalFormAndPunctuation() {
        assertEquals(List.of(0x8086), ids(db.vendorsNamed("Intel Corporation")));
        assertEquals(List.of(0x8086), ids(db.vendorsNamed("intel corp.")));
        assertEquals(List.of(0x144d), ids(db.vendorsNamed("Samsung Electronics Co Ltd")));
        assertEquals(List.of(0x1249), ids(db.vendorsNamed("SAMSUNG ELECTRONICS CO., LTD.")), "1249's own text");
        assertEquals(List.of(0x1099, 0x1249, 0x144d), ids(db.vendorsNamed("Samsung Electronics, Limited")),
                "a variant of three vendors' names gives all three");
        assertEquals(List.of(0x1022), ids(db.vendorsNamed("Advanced Micro Devices, Inc. [AMD]")),
                "the bracket tells AMD's CPU side from its GPU side");
        assertEquals(List.of(0x1002), ids(db.vendorsNamed("Advanced Micro Devices, Inc. [AMD/ATI]")));
        assertEquals(List.of(0x14e4), ids(db.vendorsNamed("Broadcom Inc. and subsidiaries")),
                "the same text wins over vendors named Broadcom");
        assertEquals(List.of(0x1033, 0x11c3, 0x1bcf, 0xa200), ids(db.vendorsNamed("NEC Corporation")),
                "a name four vendors share gives all four");
        assertEquals(List.of(), db.vendorsNamed("No Such Vendor Corporation"));
    }

    @Test
    void devicesAreFoundByVendorAndName() {
        assertEquals(List.of(0x1b00), deviceIds(db.devicesNamed(0x10de, "gp102 [TITAN X]")));
        assertEquals(List.of(0xa808), deviceIds(db.devicesNamed(0x144d, "NVMe SSD Controller SM981/PM981/PM983")));
        assertEquals(List.of(0x2054, 0x2055, 0x2056, 0x2057, 0x208d, 0x208e),
                deviceIds(db.devicesNamed(0x8086, "Sky Lake-E CHA Registers")), "one name, six devices");
        assertEquals(List.of(), db.devicesNamed(0x8086, "GP102 [TITAN X]"), "another vendor's device");
    }

    private static List<Integer> ids(List<PciIdDatabase.Vendor> vendors) {
        return vendors.stream().map(PciIdDatabase.Vendor::id).sorted().toList();
    }

    private static List<Integer> deviceIds(List<PciIdDatabase.Device> devices) {
        return devices.stream().map(PciIdDatabase.Device::id).sorted().toList();
    }

    private static final String SMALL = String.join("\n",
            "#",
            "#\tList of PCI ID's",
            "#",
            "#\tVersion: 2031.01.02",
            "#\tDate:    2031-01-02 03:04:05",
            "#",
            "",
            "1234  Example Corp.",
            "\tabcd  Widget [Gizmo 9000]",
            "\t\t1234 0001  Gizmo 9000 Pro",
            "\tthis line is damaged",
            "zzzz  not a vendor",
            "\t0001  a device of no vendor",
            "5678  Second Vendor, Inc.",
            "\t0002  Thing\r",
            "C 02  Network controller",
            "\t00  Ethernet controller",
            "\t\t00  a programming interface",
            "");

    @Test
    void aDamagedCopyYieldsEverythingItHolds() throws IOException {
        PciIdDatabase small = PciIdDatabase.read(new ByteArrayInputStream(SMALL.getBytes(StandardCharsets.UTF_8)));
        assertEquals("2031.01.02", small.header().version());
        assertEquals(Optional.of(LocalDate.of(2031, 1, 2)), small.header().date());
        assertEquals(2, small.vendorCount());
        assertEquals(2, small.deviceCount());
        assertEquals(3, small.skippedLines(), "the damaged device, the bad vendor and its device");
        assertEquals("Thing", small.device(0x5678, 2).orElseThrow().name(), "a CR before the newline is no part");
        assertEquals("Gizmo 9000 Pro", small.subsystem(0x1234, 0xabcd, 0x1234, 1).orElseThrow().name());
        assertEquals(Optional.of("Ethernet controller"), small.className(0x0200));
        assertEquals(15, small.device(0x5678, 2).orElseThrow().line());
    }

    @Test
    void gzipAndPlainReadTheSame() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(SMALL.getBytes(StandardCharsets.UTF_8));
        }
        PciIdDatabase a = PciIdDatabase.read(new ByteArrayInputStream(SMALL.getBytes(StandardCharsets.UTF_8)));
        PciIdDatabase b = PciIdDatabase.read(new ByteArrayInputStream(gz.toByteArray()));
        assertEquals(a.header(), b.header());
        assertEquals(a.device(0x1234, 0xabcd), b.device(0x1234, 0xabcd));
        assertEquals(PciIdDatabase.readHeader(new ByteArrayInputStream(gz.toByteArray())), a.header());
    }

    @Test
    void aFileWithoutHeaderIsUndated() throws IOException {
        PciIdDatabase bare = PciIdDatabase.read(new ByteArrayInputStream("8086  Intel Corporation\n"
                .getBytes(StandardCharsets.UTF_8)));
        assertEquals(PciIdHeader.UNKNOWN, bare.header());
        assertEquals("undated", bare.header().dateText());
        assertEquals(1, bare.vendorCount());
    }
}
