package org.dmascope.model.io.lspci;

import static org.dmascope.model.io.imports.ImportTesting.corpus;
import static org.dmascope.model.io.imports.ImportTesting.fn;
import static org.dmascope.model.io.imports.ImportTesting.loaded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.Bar;
import org.dmascope.model.topology.Bridge;
import org.dmascope.model.topology.BridgeWindow;
import org.dmascope.model.topology.Link;
import org.dmascope.model.topology.LinkSpeed;
import org.dmascope.model.topology.LinkState;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Sriov;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

class ConfigSpaceDecoderTest {

    /** A dump of {@code length} bytes, zero except where {@code put} wrote. */
    private static final class Dump {
        final byte[] b;

        Dump(int length) {
            b = new byte[length];
        }

        Dump u8(int at, int v) {
            b[at] = (byte) v;
            return this;
        }

        Dump u16(int at, int v) {
            return u8(at, v).u8(at + 1, v >> 8);
        }

        Dump u32(int at, long v) {
            return u16(at, (int) v).u16(at + 2, (int) (v >> 16));
        }

        ConfigSpaceDecoder.Result decode() {
            return ConfigSpaceDecoder.decode(ConfigSpace.of(b));
        }
    }

    /** A ConnectX-like PF: 64-bit BAR resized by Resizable BAR, Express endpoint, ARI, ATS, SR-IOV, PASID, PRI. */
    private static Dump endpoint() {
        Dump d = new Dump(4096)
                .u16(0x00, 0x15b3).u16(0x02, 0x1017).u16(0x04, 0x0406).u16(0x06, 0x0010)
                .u32(0x08, 0x02000000).u8(0x0e, 0x80)
                .u32(0x10, 0x0000000c).u32(0x14, 0x00000038).u32(0x20, 0x0000e001)
                .u16(0x2c, 0x15b3).u16(0x2e, 0x0008).u8(0x34, 0x60)
                .u8(0x60, 0x10).u8(0x61, 0x00).u16(0x62, 0x0002).u32(0x6c, 0x00000103).u16(0x72, 0x0083);
        d.u32(0x100, 0x11010000L | 0x0e).u16(0x104, 0x0100);
        d.u32(0x110, 0x12010000L | 0x0f);
        d.u32(0x120, 0x16010000L | 0x10).u16(0x12c, 8).u16(0x12e, 8).u16(0x130, 4).u16(0x134, 2).u16(0x136,
                1).u16(0x13a, 0x1018);
        d.u32(0x160, 0x17010000L | 0x1b);
        d.u32(0x170, 0x18010000L | 0x13);
        // Resizable BAR: BAR 0 supports 1 MiB to 1 GiB (capability bits 14:4), one entry, now 256 MiB (2^8 MiB).
        d.u32(0x180, 0x00010000L | 0x15).u32(0x184, 0x7ff0).u32(0x188, 0x0820);
        return d;
    }

    @Test
    void endpointHeaderBarsAndEveryCapabilityTheModelUses() {
        ConfigSpaceDecoder.Result r = endpoint().decode();
        assertEquals(List.of(), r.problems());
        assertEquals(OptionalInt.of(0x15b3), r.identity().orElseThrow().value().vendorId());
        assertEquals(OptionalInt.of(0x020000), r.identity().orElseThrow().value().classCode());
        assertEquals(OptionalInt.of(0x0008), r.identity().orElseThrow().value().subsystemDeviceId());
        assertEquals(0, r.headerType().orElseThrow().value());
        assertEquals(true, r.multifunction().orElseThrow().value(), "bit 7 of the header type");
        assertEquals(List.of(
                        new Bar(0, Bar.Space.MEMORY, true, true, OptionalLong.of(0x38_0000_0000L),
                                OptionalLong.of(256L << 20), Bar.rebarSizes(0x7ff)),
                        new Bar(4, Bar.Space.IO, false, false, OptionalLong.of(0xe000), OptionalLong.empty())),
                r.bars().orElseThrow().value(), "BAR 1 is BAR 0's upper half; only the Resizable BAR gives a size");
        assertEquals(Map.of(0, 256L << 20), r.resizableBarSizes());
        assertEquals(OptionalLong.of(1L << 30), r.bars().orElseThrow().value().get(0).largestSize());
        assertEquals(11, r.bars().orElseThrow().value().get(0).resizableSizes().size(), "1 MiB, 2 MiB, … 1 GiB");
        assertEquals(PortType.ENDPOINT, r.portType().orElseThrow().value());
        assertEquals(0x60, r.portType().orElseThrow().offset());
        assertEquals(Link.of(new LinkState(LinkSpeed.GT_8, 16), new LinkState(LinkSpeed.GT_8, 8)),
                r.link().orElseThrow().value());
        assertEquals(1, r.ariNextFunction().orElseThrow().value());
        assertEquals(true, r.ats().orElseThrow().value());
        assertEquals(true, r.pasid().orElseThrow().value());
        assertEquals(true, r.pri().orElseThrow().value());
        assertEquals(new Sriov(8, 4, 2, 1, OptionalInt.of(0x1018)), r.sriov().orElseThrow().value());
        assertEquals(Acs.ABSENT, r.acs().orElseThrow().value(), "the whole chain was dumped and has no ACS");
    }

    @Test
    void aShortDumpLeavesCapabilitiesUnknown() {
        Dump full = endpoint();
        byte[] first64 = java.util.Arrays.copyOf(full.b, 64);
        ConfigSpaceDecoder.Result r = ConfigSpaceDecoder.decode(ConfigSpace.of(first64));
        assertTrue(r.portType().isEmpty(), "the capability list starts at 0x60, beyond a -x dump");
        assertTrue(r.acs().isEmpty());
        assertEquals(2, r.bars().orElseThrow().value().size());
        byte[] first256 = java.util.Arrays.copyOf(full.b, 256);
        ConfigSpaceDecoder.Result r256 = ConfigSpaceDecoder.decode(ConfigSpace.of(first256));
        assertEquals(PortType.ENDPOINT, r256.portType().orElseThrow().value());
        assertTrue(r256.acs().isEmpty() && r256.ats().isEmpty() && r256.sriov().isEmpty(),
                "extended capabilities need -xxxx");
    }

    @Test
    void conventionalDeviceWithoutCapabilityListHasNoAcs() {
        ConfigSpaceDecoder.Result r = new Dump(256).u16(0, 0x1106).u16(2, 0x3106).u32(8, 0x02000086).decode();
        assertEquals(PortType.CONVENTIONAL_PCI, r.portType().orElseThrow().value());
        assertEquals(Acs.ABSENT, r.acs().orElseThrow().value());
        assertEquals(false, r.ats().orElseThrow().value());
    }

    @Test
    void brokenListsAreReportedNotFollowedForever() {
        ConfigSpaceDecoder.Result loop = new Dump(256).u16(0, 0x8086).u16(6, 0x0010).u8(0x34, 0x40).u8(0x40,
                0x01).u8(0x41, 0x40).decode();
        assertTrue(loop.problems().get(0).contains("loops back"), loop.problems().toString());
        assertTrue(loop.portType().isEmpty());
        Dump ext = endpoint();
        ext.u32(0x180, 0x10010000L | 0x15);
        ConfigSpaceDecoder.Result extLoop = ext.decode();
        assertTrue(extLoop.problems().get(0).contains("extended capability list loops"), extLoop.problems().toString());
        assertTrue(extLoop.acs().isEmpty(), "a looping chain cannot prove ACS absent");
        ConfigSpaceDecoder.Result ones = new Dump(64).u32(0, 0xffffffffL).decode();
        assertTrue(ones.identity().isEmpty());
        assertTrue(ones.problems().get(0).contains("all ones"));
    }

    @Test
    void bridgeDumpFromTheCorpus() {
        Topology t = loaded(corpus("x99-i7-5930k.hex.txt"));
        PciFunction rp = fn(t, "00:01.0");
        assertEquals(Optional.of(true), rp.multifunction());
        assertEquals(OptionalInt.of(1), rp.headerType());
        assertEquals(new Bridge(OptionalInt.of(0), 4, 4, Optional.of(BridgeWindow.DISABLED),
                Optional.of(BridgeWindow.DISABLED),
                Optional.of(BridgeWindow.DISABLED)), rp.bridge().orElseThrow());
        assertEquals(Optional.of(Acs.of(0x1f, 0x1d)), rp.acs(), "ACS at 0x110: cap +4, ctl +6");
        assertEquals(Optional.of(PortType.ROOT_PORT), rp.portType());
        assertEquals(Link.of(new LinkState(LinkSpeed.GT_8, 4), new LinkState(LinkSpeed.GT_2_5, 0)),
                rp.link().orElseThrow());
        assertEquals(Optional.of(BridgeWindow.of(0xfb600000L, 0xfb6fffffL)), fn(t, "00:01.1").bridge().orElseThrow()
                .memory());
        assertEquals(Optional.of(Acs.ABSENT), fn(t, "00:1c.4").acs(), "the PCH root port has no ACS capability");
        assertEquals("x99-i7-5930k.hex.txt:19", rp.provenance().of("acs").orElseThrow().toString(),
                "the dump row at 110:");
        assertTrue(rp.bars().isEmpty());
    }
}
