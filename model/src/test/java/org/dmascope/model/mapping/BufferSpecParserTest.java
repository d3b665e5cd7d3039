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
            "disk:node0:4KiB|must start with host:, bar: or dmabuf:",
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
}
