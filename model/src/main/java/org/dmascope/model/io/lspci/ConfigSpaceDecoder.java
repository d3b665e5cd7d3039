package org.dmascope.model.io.lspci;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;

import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.Bar;
import org.dmascope.model.topology.Bridge;
import org.dmascope.model.topology.BridgeWindow;
import org.dmascope.model.topology.Link;
import org.dmascope.model.topology.LinkSpeed;
import org.dmascope.model.topology.LinkState;
import org.dmascope.model.topology.PciIdentity;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Sriov;

/**
 * Decodes a configuration-space dump the way the kernel reads the registers (include/uapi/linux/pci_regs.h;
 * lspci-formats.md §7). Only what the bytes say is decoded: BAR sizes need the all-ones probe a dump
 * does not record, so they stay unknown (a Resizable BAR capability's current size is the one
 * exception); a capability list that runs past the dumped bytes leaves "absent" unknown.
 */
public final class ConfigSpaceDecoder {
    static final int PCI_VENDOR_ID = 0x00;
    static final int PCI_STATUS = 0x06;
    static final int PCI_STATUS_CAP_LIST = 0x10;
    static final int PCI_REVISION_ID = 0x08;
    static final int PCI_HEADER_TYPE = 0x0E;
    static final int PCI_BASE_ADDRESS_0 = 0x10;
    static final int PCI_PRIMARY_BUS = 0x18;
    static final int PCI_IO_BASE = 0x1C;
    static final int PCI_MEMORY_BASE = 0x20;
    static final int PCI_PREF_MEMORY_BASE = 0x24;
    static final int PCI_PREF_BASE_UPPER32 = 0x28;
    static final int PCI_PREF_LIMIT_UPPER32 = 0x2C;
    static final int PCI_IO_BASE_UPPER16 = 0x30;
    static final int PCI_SUBSYSTEM_VENDOR_ID = 0x2C;
    static final int PCI_CAPABILITY_LIST = 0x34;
    static final int PCI_CB_CAPABILITY_LIST = 0x14;
    static final int PCI_CAP_ID_PCIX = 0x07;
    static final int PCI_CAP_ID_SSVID = 0x0D;
    static final int PCI_CAP_ID_EXP = 0x10;
    static final int PCI_EXP_LNKCAP = 0x0C;
    static final int PCI_EXP_LNKSTA = 0x12;
    static final int PCI_EXT_CAP_ID_ACS = 0x0D;
    static final int PCI_EXT_CAP_ID_ARI = 0x0E;
    static final int PCI_EXT_CAP_ID_ATS = 0x0F;
    static final int PCI_EXT_CAP_ID_SRIOV = 0x10;
    static final int PCI_EXT_CAP_ID_PRI = 0x13;
    static final int PCI_EXT_CAP_ID_REBAR = 0x15;
    static final int PCI_EXT_CAP_ID_PASID = 0x1B;
    static final int PCI_CFG_SPACE_SIZE = 0x100;

    /** A decoded value and the config-space offset it was read from (for provenance). */
    public record Located<T>(T value, int offset) {
    }

    /**
     * Everything decoded. Optional fields are empty when the dump does not show them.
     *
     * @param ariNextFunction    the ARI capability's Next Function Number (the model has no field for it)
     * @param resizableBarSizes  BAR index → current size from a Resizable BAR capability
     * @param problems           sentences about inconsistencies found in the bytes
     */
    public record Result(Optional<Located<PciIdentity>> identity, Optional<Located<Integer>> headerType,
                         Optional<Located<Boolean>> multifunction, Optional<Located<List<Bar>>> bars,
                         Optional<Located<Bridge>> bridge, Optional<Located<PortType>> portType,
                         Optional<Located<Link>> link, Optional<Located<Acs>> acs, Optional<Located<Boolean>> ats,
                         Optional<Located<Boolean>> pasid, Optional<Located<Boolean>> pri,
                         Optional<Located<Sriov>> sriov, Optional<Located<Integer>> ariNextFunction,
                         Map<Integer, Long> resizableBarSizes, List<String> problems) {
    }

    private final ConfigSpace cs;
    private final List<String> problems = new ArrayList<>();
    private Optional<Located<PciIdentity>> identity = Optional.empty();
    private Optional<Located<Integer>> headerType = Optional.empty();
    private Optional<Located<Boolean>> multifunction = Optional.empty();
    private Optional<Located<List<Bar>>> bars = Optional.empty();
    private Optional<Located<Bridge>> bridge = Optional.empty();
    private Optional<Located<PortType>> portType = Optional.empty();
    private Optional<Located<Link>> link = Optional.empty();
    private Optional<Located<Acs>> acs = Optional.empty();
    private Optional<Located<Boolean>> ats = Optional.empty();
    private Optional<Located<Boolean>> pasid = Optional.empty();
    private Optional<Located<Boolean>> pri = Optional.empty();
    private Optional<Located<Sriov>> sriov = Optional.empty();
    private Optional<Located<Integer>> ari = Optional.empty();
    private final Map<Integer, Long> rebar = new TreeMap<>();
    /** BAR index → the sizes its Resizable BAR capability dword supports. */
    private final Map<Integer, List<Long>> rebarSupported = new TreeMap<>();
    private OptionalInt subsystemVendor = OptionalInt.empty();
    private OptionalInt subsystemDevice = OptionalInt.empty();

    private ConfigSpaceDecoder(ConfigSpace cs) {
        this.cs = cs;
    }

    public static Result decode(ConfigSpace cs) {
        ConfigSpaceDecoder d = new ConfigSpaceDecoder(cs);
        d.run();
        return new Result(d.identity, d.headerType, d.multifunction, d.bars, d.bridge, d.portType, d.link, d.acs, d.ats,
                d.pasid, d.pri, d.sriov, d.ari, Map.copyOf(d.rebar), List.copyOf(d.problems));
    }

    private void run() {
        if (!cs.known(PCI_VENDOR_ID, 4)) {
            if (!cs.isEmpty()) problems.add("the dump does not show the vendor and device IDs (offset 00), so it was "
                    + "not decoded");
            return;
        }
        if (cs.u16(PCI_VENDOR_ID) == 0xFFFF) {
            problems.add("the configuration space reads as all ones (ffff), as for a device that is absent or was "
                    + "not readable");
            return;
        }
        int type = -1;
        if (cs.known(PCI_HEADER_TYPE, 1)) {
            int ht = cs.u8(PCI_HEADER_TYPE);
            type = ht & 0x7F;
            if (type > 2) {
                problems.add(String.format("header type %02x is not one of 0 (device), 1 (bridge), 2 (CardBus)", type));
                return;
            }
            headerType = Optional.of(new Located<>(type, PCI_HEADER_TYPE));
            multifunction = Optional.of(new Located<>((ht & 0x80) != 0, PCI_HEADER_TYPE));
        }
        if (type == 0 && cs.known(PCI_SUBSYSTEM_VENDOR_ID, 4)) {
            int sv = cs.u16(PCI_SUBSYSTEM_VENDOR_ID);
            if (sv != 0 && sv != 0xFFFF) {
                subsystemVendor = OptionalInt.of(sv);
                subsystemDevice = OptionalInt.of(cs.u16(PCI_SUBSYSTEM_VENDOR_ID + 2));
            }
        }
        if (type == 0) decodeBars(6);
        if (type == 1) {
            decodeBars(2);
            decodeBridge();
        }
        if (type == 2 && cs.known(PCI_PRIMARY_BUS, 3)) bridge = busNumbers(Optional.empty(), Optional.empty(),
                Optional.empty());
        if (type >= 0) decodeCapabilities(type);
        identity();
        applyResizableBarSizes();
    }

    private void identity() {
        OptionalInt cls = OptionalInt.empty();
        OptionalInt rev = OptionalInt.empty();
        if (cs.known(PCI_REVISION_ID, 4)) {
            rev = OptionalInt.of(cs.u8(PCI_REVISION_ID));
            cls = OptionalInt.of((int) (cs.u32(PCI_REVISION_ID) >>> 8));
        }
        identity = Optional.of(new Located<>(new PciIdentity(OptionalInt.of(cs.u16(0)), OptionalInt.of(cs.u16(2)),
                subsystemVendor, subsystemDevice, cls, rev, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty()), PCI_VENDOR_ID));
    }

    /**
     * Bit 0 selects I/O; memory BARs carry their type in bits 2:1 (10 = 64-bit, the next BAR holds the
     * upper half) and prefetchable in bit 3. A register reading 0 is skipped, as lspci -F does: a dump
     * cannot tell an unimplemented BAR from an unassigned 32-bit one.
     */
    private void decodeBars(int count) {
        List<Bar> list = new ArrayList<>();
        boolean any = false;
        for (int i = 0; i < count; i++) {
            int off = PCI_BASE_ADDRESS_0 + 4 * i;
            if (!cs.known(off, 4)) break;
            any = true;
            long v = cs.u32(off);
            if (v == 0) continue;
            if ((v & 1) != 0) {
                long addr = v & ~0x3L;
                list.add(new Bar(i, Bar.Space.IO, false, false, addr == 0 ? OptionalLong.empty()
                        : OptionalLong.of(addr), OptionalLong.empty()));
                continue;
            }
            int memType = (int) (v >> 1) & 3;
            boolean pref = (v & 8) != 0;
            long addr = v & ~0xFL;
            boolean is64 = memType == 2;
            if (is64) {
                if (i == count - 1) {
                    problems.add("BAR " + i + " says it is 64-bit but it is the last BAR, so it has no upper half");
                    continue;
                }
                if (!cs.known(off + 4, 4)) break;
                addr |= cs.u32(off + 4) << 32;
            }
            list.add(new Bar(i, Bar.Space.MEMORY, is64, pref, addr == 0 ? OptionalLong.empty() : OptionalLong.of(addr),
                    OptionalLong.empty()));
            if (is64) i++;
        }
        if (any) bars = Optional.of(new Located<>(List.copyOf(list), PCI_BASE_ADDRESS_0));
    }

    private void decodeBridge() {
        if (!cs.known(PCI_PRIMARY_BUS, 3)) return;
        Optional<BridgeWindow> io = Optional.empty();
        Optional<BridgeWindow> mem = Optional.empty();
        Optional<BridgeWindow> pref = Optional.empty();
        if (cs.known(PCI_IO_BASE, 2) && cs.known(PCI_IO_BASE_UPPER16, 4)) io = Optional.of(ioWindow());
        if (cs.known(PCI_MEMORY_BASE, 4)) mem = Optional.of(memoryWindow());
        if (cs.known(PCI_PREF_MEMORY_BASE, 4) && cs.known(PCI_PREF_BASE_UPPER32,
                8)) pref = Optional.of(prefetchableWindow());
        bridge = busNumbers(io, mem, pref);
    }

    private Optional<Located<Bridge>> busNumbers(Optional<BridgeWindow> io, Optional<BridgeWindow> mem,
            Optional<BridgeWindow> pref) {
        int primary = cs.u8(PCI_PRIMARY_BUS);
        int secondary = cs.u8(PCI_PRIMARY_BUS + 1);
        int subordinate = cs.u8(PCI_PRIMARY_BUS + 2);
        if (secondary == 0 && subordinate == 0) {
            problems.add("the bridge has no bus numbers assigned (secondary and subordinate are 00)");
            return Optional.empty();
        }
        return Optional.of(new Located<>(new Bridge(OptionalInt.of(primary), secondary, subordinate, io, mem, pref),
                PCI_PRIMARY_BUS));
    }

    /** I/O base/limit: high nibble = address bits 15:12, low nibble 1 = 32-bit (upper 16 bits at 0x30/0x32). */
    private BridgeWindow ioWindow() {
        int baseReg = cs.u8(PCI_IO_BASE);
        int limitReg = cs.u8(PCI_IO_BASE + 1);
        long base = (long) (baseReg & 0xF0) << 8;
        long limit = (long) (limitReg & 0xF0) << 8 | 0xFFF;
        if ((baseReg & 0x0F) == 1) {
            base |= (long) cs.u16(PCI_IO_BASE_UPPER16) << 16;
            limit |= (long) cs.u16(PCI_IO_BASE_UPPER16 + 2) << 16;
        }
        return window(base, limit);
    }

    /** Memory base/limit: bits 15:4 = address bits 31:20; the limit is inclusive of its last MiB. */
    private BridgeWindow memoryWindow() {
        long base = (long) (cs.u16(PCI_MEMORY_BASE) & 0xFFF0) << 16;
        long limit = (long) (cs.u16(PCI_MEMORY_BASE + 2) & 0xFFF0) << 16 | 0xFFFFF;
        return window(base, limit);
    }

    private BridgeWindow prefetchableWindow() {
        int baseReg = cs.u16(PCI_PREF_MEMORY_BASE);
        int limitReg = cs.u16(PCI_PREF_MEMORY_BASE + 2);
        long base = (long) (baseReg & 0xFFF0) << 16;
        long limit = (long) (limitReg & 0xFFF0) << 16 | 0xFFFFF;
        if ((baseReg & 0xF) == 1) {
            base |= cs.u32(PCI_PREF_BASE_UPPER32) << 32;
            limit |= cs.u32(PCI_PREF_LIMIT_UPPER32) << 32;
        }
        return window(base, limit);
    }

    private static BridgeWindow window(long base, long limit) {
        return Long.compareUnsigned(base, limit) > 0 ? BridgeWindow.DISABLED : BridgeWindow.of(base, limit);
    }

    private void decodeCapabilities(int type) {
        if (!cs.known(PCI_STATUS, 2)) return;
        boolean express = false;
        boolean pcix = false;
        boolean complete = true;
        if ((cs.u16(PCI_STATUS) & PCI_STATUS_CAP_LIST) != 0) {
            int listAt = type == 2 ? PCI_CB_CAPABILITY_LIST : PCI_CAPABILITY_LIST;
            if (!cs.known(listAt, 1)) return;
            boolean[] seen = new boolean[256];
            int ptr = cs.u8(listAt) & 0xFC;
            while (ptr != 0) {
                if (ptr < 0x40) {
                    problems.add(String.format("a capability pointer (%02x) points into the header", ptr));
                    complete = false;
                    break;
                }
                if (seen[ptr]) {
                    problems.add(String.format("the capability list loops back to offset %02x", ptr));
                    complete = false;
                    break;
                }
                seen[ptr] = true;
                if (!cs.known(ptr, 2)) {
                    complete = false;
                    break;
                }
                int id = cs.u8(ptr);
                if (id == PCI_CAP_ID_EXP && !express) {
                    express = true;
                    express(ptr);
                } else if (id == PCI_CAP_ID_PCIX) {
                    pcix = true;
                } else if (id == PCI_CAP_ID_SSVID && type == 1 && cs.known(ptr + 4, 4)) {
                    subsystemVendor = OptionalInt.of(cs.u16(ptr + 4));
                    subsystemDevice = OptionalInt.of(cs.u16(ptr + 6));
                }
                ptr = cs.u8(ptr + 1) & 0xFC;
            }
        }
        if (!express && complete) portType = Optional.of(new Located<>(PortType.CONVENTIONAL_PCI, PCI_STATUS));
        if (!complete) return;
        boolean extKnown;
        if (express || pcix) {
            extKnown = extendedCapabilities();
        } else {
            extKnown = true; // conventional PCI has no extended configuration space (pci_cfg_space_size)
        }
        if (extKnown) {
            int at = express || pcix ? PCI_CFG_SPACE_SIZE : PCI_STATUS;
            if (acs.isEmpty()) acs = Optional.of(new Located<>(Acs.ABSENT, at));
            if (ats.isEmpty()) ats = Optional.of(new Located<>(false, at));
            if (pasid.isEmpty()) pasid = Optional.of(new Located<>(false, at));
            if (pri.isEmpty()) pri = Optional.of(new Located<>(false, at));
        }
    }

    /** The PCI Express capability: device/port type in bits 7:4 of its flags, link registers after. */
    private void express(int at) {
        if (!cs.known(at + 2, 2)) return;
        int code = cs.u16(at + 2) >> 4 & 0xF;
        Optional<PortType> t = PortType.fromPcieTypeCode(code);
        if (t.isEmpty()) {
            problems.add("the PCI Express capability names device/port type " + code + ", which is not defined");
            return;
        }
        portType = Optional.of(new Located<>(t.get(), at));
        if (t.get() == PortType.RC_INTEGRATED_ENDPOINT || t.get() == PortType.RC_EVENT_COLLECTOR) return;
        Optional<LinkState> cap = Optional.empty();
        Optional<LinkState> sta = Optional.empty();
        if (cs.known(at + PCI_EXP_LNKCAP, 4)) cap = linkState((int) cs.u32(at + PCI_EXP_LNKCAP));
        if (cs.known(at + PCI_EXP_LNKSTA, 2)) sta = linkState(cs.u16(at + PCI_EXP_LNKSTA));
        if (cap.isPresent() || sta.isPresent()) link = Optional.of(new Located<>(new Link(cap, sta),
                at + PCI_EXP_LNKCAP));
    }

    /** Speed code in bits 3:0, width in bits 9:4 (LnkCap and LnkSta alike). */
    private static Optional<LinkState> linkState(int reg) {
        int width = reg >> 4 & 0x3F;
        if (width > 32) return Optional.empty();
        return Optional.of(new LinkState(LinkSpeed.fromCode(reg & 0xF), width));
    }

    /** Walks the extended capabilities from 0x100; true when the whole chain was in the dump. */
    private boolean extendedCapabilities() {
        int off = PCI_CFG_SPACE_SIZE;
        if (!cs.known(off, 4)) return false;
        long h = cs.u32(off);
        if (h == 0 || h == 0xFFFF_FFFFL) return true;
        boolean[] seen = new boolean[ConfigSpace.SIZE / 4];
        while (true) {
            if (seen[off >> 2]) {
                problems.add(String.format("the extended capability list loops back to offset %03x", off));
                return false;
            }
            seen[off >> 2] = true;
            int id = (int) (h & 0xFFFF);
            int next = (int) (h >>> 20) & 0xFFC;
            extendedCapability(id, off);
            if (next == 0) return true;
            if (next < PCI_CFG_SPACE_SIZE) {
                problems.add(String.format("an extended capability pointer (%03x) points below 100", next));
                return false;
            }
            if (!cs.known(next, 4)) return false;
            off = next;
            h = cs.u32(off);
        }
    }

    private void extendedCapability(int id, int off) {
        switch (id) {
            case PCI_EXT_CAP_ID_ACS -> {
                if (cs.known(off + 4, 4)) acs = Optional.of(new Located<>(Acs.of(cs.u16(off + 4), cs.u16(off + 6)),
                        off));
                else acs = Optional.of(new Located<>(new Acs(true, OptionalInt.empty(), OptionalInt.empty()), off));
            }
            case PCI_EXT_CAP_ID_ARI -> {
                if (cs.known(off + 4, 2)) ari = Optional.of(new Located<>(cs.u16(off + 4) >> 8 & 0xFF, off));
            }
            case PCI_EXT_CAP_ID_ATS -> ats = Optional.of(new Located<>(true, off));
            case PCI_EXT_CAP_ID_PRI -> pri = Optional.of(new Located<>(true, off));
            case PCI_EXT_CAP_ID_PASID -> pasid = Optional.of(new Located<>(true, off));
            case PCI_EXT_CAP_ID_SRIOV -> {
                if (cs.known(off + 0x0C, 0x10)) {
                    int total = cs.u16(off + 0x0E);
                    int num = cs.u16(off + 0x10);
                    int offset = cs.u16(off + 0x14);
                    int stride = cs.u16(off + 0x16);
                    int vfDevice = cs.u16(off + 0x1A);
                    sriov = Optional.of(new Located<>(new Sriov(total, num, offset, stride, OptionalInt.of(vfDevice)),
                            off));
                }
            }
            case PCI_EXT_CAP_ID_REBAR -> resizableBar(off);
            default -> {
            }
        }
    }

    /**
     * Resizable BAR: each entry's capability dword holds the supported sizes (bits 31:4, bit n+4 = 2^n MiB, read by
     * {@code pci_rebar_get_possible_sizes}, drivers/pci/rebar.c), its control dword the BAR index (bits 2:0), the
     * number of entries (bits 7:5, first entry) and the current size as log2 of MiB (bits 13:8).
     */
    private void resizableBar(int off) {
        if (!cs.known(off + 8, 4)) return;
        int entries = (int) (cs.u32(off + 8) >> 5) & 7;
        for (int i = 0; i < entries; i++) {
            int at = off + 8 + 8 * i;
            if (!cs.known(at, 4)) return;
            long ctl = cs.u32(at);
            int bar = (int) (ctl & 7);
            int log2Mib = (int) (ctl >> 8) & 0x3F;
            if (bar <= 5 && log2Mib <= 43) rebar.put(bar, 1L << (20 + log2Mib));
            if (bar <= 5 && cs.known(at - 4, 4)) {
                List<Long> sizes = Bar.rebarSizes(cs.u32(at - 4) >>> 4);
                if (!sizes.isEmpty()) rebarSupported.put(bar, sizes);
            }
        }
    }

    private void applyResizableBarSizes() {
        if (rebar.isEmpty() || bars.isEmpty()) return;
        List<Bar> sized = new ArrayList<>();
        for (Bar b : bars.get().value()) {
            Long size = rebar.get(b.index());
            sized.add(size == null || !b.isMemory() ? b
                    : new Bar(b.index(), b.space(), b.is64Bit(), b.prefetchable(), b.address(), OptionalLong.of(size),
                            rebarSupported.getOrDefault(b.index(), List.of())));
        }
        bars = Optional.of(new Located<>(List.copyOf(sized), bars.get().offset()));
    }
}
