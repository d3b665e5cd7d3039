package org.dmascope.model.mapping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dmascope.model.kernel.dma.DmaDirection;
import org.dmascope.model.topology.Bdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BufferSpecParserTest {
    @Test
    void hostSpecWithLayoutAndSeed() {
        BufferSpec.Host h = (BufferSpec.Host) BufferSpecParser.parse("host:node0:1MiB:scattered:seed=7");
        assertEquals(0, h.node());
        assertEquals(1L << 20, h.size());
        assertEquals(PageLayout.Kind.SCATTERED, h.layout().kind());
        assertEquals(7, h.layout().seed());
        assertEquals(DmaDirection.BIDIRECTIONAL, h.direction());
        assertEquals("host:node0:1MiB:scattered:seed=7", h.spec());
    }

    @Test
    void barSpecWithDomainAndWithout() {
        BufferSpec.Bar b = (BufferSpec.Bar) BufferSpecParser.parse("bar:0000:04:00.0:2:offset=0x2000:64KiB");
        assertEquals(Bdf.parse("0000:04:00.0"), b.provider());
        assertEquals(2, b.bar());
        assertEquals(0x2000, b.offset());
        assertEquals(64 << 10, b.size());
        assertEquals("bar:0000:04:00.0:2:64KiB:offset=0x2000", b.spec());
        assertEquals(b.spec(), BufferSpecParser.parse(b.spec()).spec(), "spec() parses back");
        BufferSpec.Bar short_ = (BufferSpec.Bar) BufferSpecParser.parse("bar:05:00.0:2:4096:direction=from-device");
        assertEquals(Bdf.parse("0000:05:00.0"), short_.provider());
        assertEquals(DmaDirection.FROM_DEVICE, short_.direction());
    }

    @Test
    void explicitPagesHugePagesAndPlacement() {
        BufferSpec.Host e = (BufferSpec.Host) BufferSpecParser.parse(
                "host:0:0x1ff0:pages=0x100000000,0x200000000:offset=0x10");
        assertEquals(PageLayout.Kind.EXPLICIT, e.layout().kind());
        assertArrayEquals(new long[] {0x1_0000_0000L, 0x2_0000_0000L}, e.layout().pages());
        assertEquals(0x10, e.offset());
        BufferSpec.Host h = (BufferSpec.Host) BufferSpecParser.parse("host:node1:4MiB:huge2m:offset=0x1000");
        assertEquals(2L << 20, h.layout().unit());
        BufferSpec.Host at = (BufferSpec.Host) BufferSpecParser.parse("host:node0:64KiB:contiguous:at=0x200000000");
        assertEquals(0x2_0000_0000L, at.layout().at().getAsLong());
        assertEquals(at.spec(), BufferSpecParser.parse(at.spec()).spec());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|empty",
            "disk:node0:4KiB|must start with host:, bar:, dmabuf: or sg:",
            "host:nodeX:4KiB|not a NUMA node",
            "host:node0:scattered|no size given",
            "host:node0:4KiB:8KiB|two sizes",
            "host:node0:4KiB:sideways|neither a size",
            "host:node0:4KiB:scattered:huge2m|two layouts",
            "host:node0:4KiB:offset=0x1000|not inside the first 4KiB page",
            "host:node0:4KiB:seed=abc|not a whole number",
            "host:node0:4KiB:direction=up|not to-device",
            "host:node0:4KiB:colour=red|unknown option",
            "host:node0:4KiB:pages=0x1001|not 4 KiB aligned",
            "host:node0:8KiB:pages=0x1000|needs 2",
            "host:node0:4KiB:scattered:at=0x1000|only applies to a contiguous",
            "bar:0000:04:00.0|expected bar:BDF:BAR:SIZE",
            "bar:0000:04:00.0:7:4KiB|BAR 7 does not exist",
            "bar:0000:04:00.0:2:scattered:4KiB|always contiguous",
            "bar:zz:00.0:2:4KiB|not a PCI address",
            "host:node0:0|at least one byte",
            "host:node0:0xffffffffffffffff|\"0xffffffffffffffff\" is too large (at most 0x7fffffffffffffff bytes)",
            "host:node0:8EiB|\"8EiB\" is too large",
            "host:node0:99999999999999999999|is too large",
            "host:node0:4KiB:offset=0x10000000000000000|offset=0x10000000000000000 is too large",
            "bar:ffffffff:04:00.0:2:4KiB|a domain is at most 7fffffff",
            "bar:0000:04:20.0:2:4KiB|a device number is at most 1f"})
    void badSpecsSayWhatIsWrong(String spec, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BufferSpecParser.parse(spec));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().startsWith("bad buffer spec"), e.getMessage());
    }

    @Test
    void scatterlistSpecNamesEachEntry() {
        BufferSpec.Sg sg = (BufferSpec.Sg) BufferSpecParser.parse(
                "sg:4KiB,512+0x200,100@0x100000f00,64KiB@05:00.0/bar2,4K@node1:seed=3:direction=to-device");
        assertEquals(5, sg.entries().size());
        assertEquals(512, sg.entries().get(1).length());
        assertEquals(0x200, sg.entries().get(1).offset());
        assertEquals(new BufferSpec.SgEntry.At(0x1_0000_0F00L), sg.entries().get(2).place());
        assertEquals(0xF00, sg.entries().get(2).offset(), "an address sets the offset");
        assertEquals(new BufferSpec.SgEntry.InBar(Bdf.parse("0000:05:00.0"), 2), sg.entries().get(3).place());
        assertEquals(new BufferSpec.SgEntry.OnNode(1), sg.entries().get(4).place());
        assertEquals(3, sg.seed());
        assertEquals(DmaDirection.TO_DEVICE, sg.direction());
        assertTrue(sg.mixed());
        assertEquals(4096 + 512 + 100 + 65536 + 4096, sg.size());
        assertEquals(sg, BufferSpecParser.parse(sg.spec()), "spec() parses back: " + sg.spec());
        assertEquals("sg:4KiB,512B+0x200,4KiB", BufferSpecParser.parse("sg:4096,512+0x200,4KiB").spec());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sg:|no entries",
        "sg:4KiB,,4KiB|entry 1 is empty",
        "sg:4KiB,0|at least one byte",
        "sg:4KiB,512+0x1000|inside its first 4 KiB page",
        "sg:8GiB|unsigned int",
        "sg:512+0x10@0x1000|the address sets it",
        "sg:4KiB@node|not a NUMA node",
        "sg:4KiB@05:00.0/bar9|bar0-bar5",
        "sg:4KiB@zz:00.0/bar2|not a PCI address",
        "sg:4KiB@somewhere|neither nodeN",
        "sg:4KiB:direction=sideways|not to-device",
        "sg:4KiB:seed=1:seed=2|seed= given twice",
    })
    void badScatterlistSpecsSayWhy(String spec, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BufferSpecParser.parse(spec));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    /** Found by the bufferSpec fuzz target: "sg" and NULs, the colon gone with the trimmed control characters. */
    @ParameterizedTest
    @CsvSource({"sg", "'sg\u0000\u0000'", "sg:", "SG:"})
    void anSgSpecWithoutEntriesIsRefusedWithTheReason(String spec) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BufferSpecParser.parse(spec));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "a refusal says why");
    }
}
