package org.dmascope.model.io.lspci;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dmascope.model.io.merge.FactKey;
import org.dmascope.model.io.merge.FunctionFacts;
import org.dmascope.model.io.source.Findings;
import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.Bar;
import org.dmascope.model.topology.Bridge;
import org.dmascope.model.topology.BridgeWindow;
import org.dmascope.model.topology.Link;
import org.dmascope.model.topology.LinkSpeed;
import org.dmascope.model.topology.LinkState;
import org.dmascope.model.topology.PciIdentity;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.SourceRef;
import org.dmascope.model.topology.Sriov;
import org.dmascope.model.util.ByteSize;

/**
 * The lines of one device block of {@code lspci -v/-vv/-vvv} (lspci-formats.md §3, §4), read without
 * relying on indentation. Absence is only concluded from a complete block: a capability the listing
 * does not show is "absent" only when the block is a full {@code -v} or {@code -vv} block, its
 * capabilities were readable (no {@code <access denied>}) and it ended with lspci's blank line.
 */
final class VerboseLines {
    private static final Pattern FIELD = Pattern.compile("^[A-Za-z][A-Za-z0-9 /#._()+-]{0,40}?:(?:\\s|$)");
    private static final Pattern CAPABILITY = Pattern.compile(
            "^Capabilities: \\[([0-9a-fA-F]{1,3})(?: v\\d+)?] ?(.*)$");
    private static final Pattern REGION = Pattern.compile("^Region (\\d+): (.*)$");
    private static final Pattern MEMORY = Pattern.compile(
            "^(?:\\[(?:virtual|enhanced)] )*Memory at (\\S+) \\(([^,)]+), (non-prefetchable|prefetchable)\\)(.*)$");
    private static final Pattern IO = Pattern.compile("^(?:\\[(?:virtual|enhanced)] )*I/O ports at (\\S+)(.*)$");
    private static final Pattern SIZE = Pattern.compile("\\[size=(\\d+)([KMGTPE]?)]");
    private static final Pattern BUS = Pattern.compile(
            "^Bus: primary=([0-9a-fA-F]{2}), secondary=([0-9a-fA-F]{2}), subordinate=([0-9a-fA-F]{2})");
    private static final Pattern RANGE = Pattern.compile("^([0-9a-fA-F]{1,16})-([0-9a-fA-F]{1,16})");
    private static final Pattern LINK = Pattern.compile("Speed ([^,\\s]+)(?: \\([a-z]+\\))?, Width x(\\d+)");
    private static final Pattern FLAG_NUMA = Pattern.compile("NUMA node (\\d+)");
    private static final Pattern FLAG_GROUP = Pattern.compile("IOMMU group (\\d+)");
    private static final Pattern NUMBER = Pattern.compile("^\\s*(\\d{1,9})\\b");
    private static final Pattern VF_COUNTS = Pattern.compile("Initial VFs: (\\d+), Total VFs: (\\d+), Number of VFs: "
            + "(\\d+)");
    private static final Pattern VF_ROUTING = Pattern.compile("VF offset: (\\d+), stride: (\\d+), Device ID: "
            + "([0-9a-fA-F]{4})");
    private static final Pattern UNKNOWN_EXT = Pattern.compile("^(?:#|Extended Capability ID 0x)([0-9a-fA-F]{2,4})\\b");
    /** {@code BAR 0: current size: 256MB, supported: 256MB 512MB 1GB} (ls-ecaps.c {@code cap_rebar}, 3.7.0+). */
    private static final Pattern REBAR = Pattern.compile(
            "^BAR (\\d): current size: (\\d{1,4}[MGTPE]B), supported:((?: \\d{1,4}[MGTPE]B)*)\\s*$");
    private static final String[] ACS_NAMES = {"SrcValid", "TransBlk", "ReqRedir", "CmpltRedir", "UpstreamFwd",
            "EgressCtrl", "DirectTrans"};

    private enum Cap { NONE, EXPRESS, ACS, SRIOV, REBAR, OTHER }

    private final String file;
    private final Findings findings;
    private Cap current = Cap.NONE;
    private boolean seenCaps;
    private boolean full;
    private boolean accessDenied;
    private boolean chainBroken;
    private boolean noCapList;
    private int statusLine;
    private boolean cardbus;
    private boolean pcix;
    private boolean express;
    private PortType portType;
    private int portTypeLine;
    private PciIdentity subsystem;
    private int subsystemLine;
    private final List<Bar> bars = new ArrayList<>();
    private int firstRegionLine;
    private int previous64 = -2;
    private int unnumbered;
    private int firstUnnumbered;
    private int busLine;
    private int primary;
    private int secondary;
    private int subordinate;
    private Optional<BridgeWindow> io = Optional.empty();
    private Optional<BridgeWindow> memory = Optional.empty();
    private Optional<BridgeWindow> prefetchable = Optional.empty();
    private Optional<LinkState> linkCap = Optional.empty();
    private Optional<LinkState> linkStatus = Optional.empty();
    private int linkLine;
    private int acsLine;
    private OptionalInt acsCap = OptionalInt.empty();
    private OptionalInt acsCtl = OptionalInt.empty();
    private int atsLine;
    private int pasidLine;
    private int priLine;
    private int sriovLine;
    private int[] vfCounts;
    private int[] vfRouting;
    /** Resizable BAR entries by BAR index: current size, then the supported sizes, and the line. */
    private final Map<Integer, Rebar> rebar = new TreeMap<>();
    private String driver;
    private int driverLine;
    private int numa = -1;
    private int numaLine;
    private int group = -1;
    private int groupLine;

    VerboseLines(String file, Findings findings) {
        this.file = file;
        this.findings = findings;
    }

    /** True when a line without indentation starts a field of its own rather than continuing a wrapped one. */
    static boolean startsField(String t) {
        if (t.startsWith("Expansion ROM") || t.startsWith("Memory at") || t.startsWith("I/O ports at")
                || t.startsWith("[virtual]") || t.startsWith("16-bit legacy")) {
            return true;
        }
        return FIELD.matcher(t).find();
    }

    int unnumberedRegions() {
        return unnumbered;
    }

    int firstUnnumberedRegionLine() {
        return firstUnnumbered;
    }

    void accept(String t, int line) {
        if (t.startsWith("Capabilities:")) {
            capability(t, line);
            return;
        }
        if (t.startsWith("Kernel driver in use:") || t.startsWith("Driver in use:")) {
            driver = t.substring(t.indexOf(':') + 1).trim();
            driverLine = line;
            return;
        }
        if (seenCaps) {
            inCapability(t, line);
            return;
        }
        if (t.startsWith("Subsystem:")) {
            DeviceLine.Names n = DeviceLine.names(t.substring(10).trim());
            subsystem = new PciIdentity(OptionalInt.empty(), OptionalInt.empty(), n.vendorId(), n.deviceId(),
                    OptionalInt.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty(), n.name(),
                            Optional.empty());
            subsystemLine = line;
        } else if (t.startsWith("Control:")) {
            full = true;
        } else if (t.startsWith("Status:")) {
            full = true;
            statusLine = line;
            if (t.contains("Cap-")) noCapList = true;
        } else if (t.startsWith("Flags:")) {
            if (!t.contains("PMEClk")) {
                full = true;
                Matcher m = FLAG_NUMA.matcher(t);
                if (m.find()) setNuma(m.group(1), line);
                m = FLAG_GROUP.matcher(t);
                if (m.find()) setGroup(m.group(1), line);
            }
        } else if (t.startsWith("NUMA node:")) {
            setNuma(number(t.substring(10)), line);
        } else if (t.startsWith("IOMMU group:")) {
            setGroup(number(t.substring(12)), line);
        } else if (t.startsWith("Region ")) {
            region(t, line);
        } else if (t.startsWith("Memory at ") || t.startsWith("I/O ports at ") || t.startsWith("[virtual] Memory at")) {
            if (unnumbered++ == 0) firstUnnumbered = line;
        } else if (t.startsWith("Bus:")) {
            bus(t, line);
        } else if (t.startsWith("I/O behind bridge:")) {
            io = window(t, line);
        } else if (t.startsWith("Memory behind bridge:")) {
            memory = window(t, line);
        } else if (t.startsWith("Prefetchable memory behind bridge:")) {
            prefetchable = window(t, line);
        } else if (t.startsWith("Memory window ") || t.startsWith("I/O window ")
                || t.startsWith("16-bit legacy interface")) {
            cardbus = true;
        }
    }

    private static String number(String s) {
        Matcher m = NUMBER.matcher(s);
        return m.find() ? m.group(1) : "";
    }

    private void setNuma(String s, int line) {
        if (s.isEmpty()) return;
        numa = Integer.parseInt(s);
        numaLine = line;
    }

    private void setGroup(String s, int line) {
        if (s.isEmpty()) return;
        group = Integer.parseInt(s);
        groupLine = line;
    }

    private void capability(String t, int line) {
        seenCaps = true;
        current = Cap.OTHER;
        if (t.contains("<access denied>")) {
            accessDenied = true;
            return;
        }
        Matcher m = CAPABILITY.matcher(t);
        if (!m.matches()) return;
        int offset = Integer.parseInt(m.group(1), 16);
        String title = m.group(2);
        if (title.contains("<chain broken>") || title.contains("<chain looped>")) {
            chainBroken = true;
            return;
        }
        if (offset < 0x100) {
            if (title.startsWith("Express")) {
                express = true;
                current = Cap.EXPRESS;
                portType = expressType(title).orElse(null);
                portTypeLine = line;
                if (portType == null) findings.warning(file, line,
                        "the PCI Express capability names a device/port type lspci does not know: \"" + title + "\"");
            } else if (title.startsWith("PCI-X")) {
                pcix = true;
            }
            return;
        }
        int id = -1;
        Matcher u = UNKNOWN_EXT.matcher(title);
        if (u.find()) id = Integer.parseInt(u.group(1), 16);
        if (title.startsWith("Access Control Services") || id == 0x0D) {
            current = Cap.ACS;
            acsLine = line;
        } else if (title.startsWith("Address Translation Service") || id == 0x0F) {
            atsLine = line;
        } else if (title.startsWith("Process Address Space ID") || id == 0x1B) {
            pasidLine = line;
        } else if (title.startsWith("Page Request Interface") || id == 0x13) {
            priLine = line;
        } else if (title.startsWith("Single Root I/O Virtualization") || id == 0x10) {
            current = Cap.SRIOV;
            sriovLine = line;
        } else if (title.startsWith("Physical Resizable BAR") || id == 0x15) {
            // "Virtual Resizable BAR" (0x24) sizes the VFs' BARs, which are not this function's BARs.
            current = Cap.REBAR;
        }
    }

    /** {@code Express (v2) Root Port (Slot+), IntMsgNum 0} → root port (lspci ls-caps.c {@code cap_express}). */
    static Optional<PortType> expressType(String title) {
        String s = title.substring("Express".length()).trim();
        if (s.startsWith("(v")) {
            int close = s.indexOf(')');
            s = close < 0 ? "" : s.substring(close + 1).trim();
        }
        if (s.startsWith("Legacy Endpoint")) return Optional.of(PortType.LEGACY_ENDPOINT);
        if (s.startsWith("Endpoint")) return Optional.of(PortType.ENDPOINT);
        if (s.startsWith("Root Port")) return Optional.of(PortType.ROOT_PORT);
        if (s.startsWith("Upstream Port")) return Optional.of(PortType.SWITCH_UPSTREAM);
        if (s.startsWith("Downstream Port")) return Optional.of(PortType.SWITCH_DOWNSTREAM);
        if (s.startsWith("PCI-Express to PCI/PCI-X Bridge")) return Optional.of(PortType.PCIE_TO_PCI_BRIDGE);
        if (s.startsWith("PCI/PCI-X to PCI-Express Bridge")) return Optional.of(PortType.PCI_TO_PCIE_BRIDGE);
        if (s.startsWith("Root Complex Integrated Endpoint")) return Optional.of(PortType.RC_INTEGRATED_ENDPOINT);
        if (s.startsWith("Root Complex Event Collector")) return Optional.of(PortType.RC_EVENT_COLLECTOR);
        return Optional.empty();
    }

    private void inCapability(String t, int line) {
        switch (current) {
            case EXPRESS -> {
                if (t.startsWith("LnkCap:")) {
                    linkCap = linkState(t, line);
                    linkLine = linkLine == 0 ? line : linkLine;
                } else if (t.startsWith("LnkSta:")) {
                    linkStatus = linkState(t, line);
                    linkLine = linkLine == 0 ? line : linkLine;
                }
            }
            case ACS -> {
                if (t.startsWith("ACSCap:")) acsCap = acsBits(t, line);
                else if (t.startsWith("ACSCtl:")) acsCtl = acsBits(t, line);
            }
            case SRIOV -> {
                Matcher m = VF_COUNTS.matcher(t);
                if (m.find()) vfCounts = new int[]{parse(m.group(1)), parse(m.group(2)), parse(m.group(3))};
                m = VF_ROUTING.matcher(t);
                if (m.find()) vfRouting = new int[]{parse(m.group(1)), parse(m.group(2)), Integer.parseInt(m.group(3),
                        16)};
            }
            case REBAR -> rebarEntry(t, line);
            default -> {
            }
        }
    }

    private record Rebar(long current, List<Long> supported, int line) {
    }

    /**
     * One entry of the Resizable BAR capability. lspci prints sizes in binary units it spells MB, GB, TB, PB, EB; the
     * kernel reads only the capability dword's sizes (1 MB to 128 TB, {@code pci_rebar_get_possible_sizes},
     * drivers/pci/rebar.c), so the larger ones of the control dword are left out.
     */
    private void rebarEntry(String t, int line) {
        if (!t.startsWith("BAR ")) return;
        Matcher m = REBAR.matcher(t);
        if (!m.matches()) {
            findings.warning(file, line, "this Resizable BAR line is not \"BAR n: current size: …, supported: …\"; "
                    + "the BAR's supported sizes were left unknown");
            return;
        }
        int index = Integer.parseInt(m.group(1));
        List<Long> supported = new ArrayList<>();
        for (String token : m.group(3).trim().split(" ")) {
            if (token.isEmpty()) continue;
            long size = rebarSize(token);
            if (size <= Bar.REBAR_MAX_SIZE && !supported.contains(size)) supported.add(size);
        }
        supported.sort(null);
        if (rebar.containsKey(index)) {
            findings.warning(file, line, "the Resizable BAR capability lists BAR " + index
                    + " twice; the first is kept");
            return;
        }
        rebar.put(index, new Rebar(rebarSize(m.group(2)), List.copyOf(supported), line));
    }

    /** {@code 256MB} → 2^28: lspci's units are binary (ls-ecaps.c {@code cap_rebar}). */
    private static long rebarSize(String token) {
        long n = Long.parseLong(token.substring(0, token.length() - 2));
        int shift = 10 * ("MGTPE".indexOf(token.charAt(token.length() - 2)) + 2);
        if (n == 0 || Long.numberOfLeadingZeros(n) <= shift || Long.bitCount(n) != 1) return Long.MAX_VALUE;
        return n << shift;
    }

    /**
     * The BARs with their Resizable BAR sizes: a region line without a size takes the capability's current size;
     * an entry for a BAR the listing does not show is reported and left out.
     */
    private List<Bar> withRebar() {
        if (rebar.isEmpty()) return bars;
        List<Bar> out = new ArrayList<>(bars.size());
        for (Bar b : bars) {
            Rebar r = rebar.get(b.index());
            if (r == null || !b.isMemory()) {
                out.add(b);
                continue;
            }
            Bar sized = b;
            if (b.size().isEmpty() && r.current() <= Bar.REBAR_MAX_SIZE) {
                sized = new Bar(b.index(), b.space(), b.is64Bit(), b.prefetchable(), b.address(),
                        OptionalLong.of(r.current()));
            } else if (b.size().isPresent() && b.size().getAsLong() != r.current()) {
                findings.warning(file, r.line(), "BAR " + b.index() + " is " + ByteSize.format(b.size().getAsLong())
                        + " in its region line but " + (r.current() == Long.MAX_VALUE ? "a size lspci cannot print"
                                : ByteSize.format(r.current())) + " in the Resizable BAR capability; the region "
                                + "line's size is kept");
            }
            out.add(r.supported().isEmpty() ? sized : sized.withResizableSizes(r.supported()));
        }
        for (Map.Entry<Integer, Rebar> e : rebar.entrySet()) {
            if (bars.stream().noneMatch(b -> b.index() == e.getKey() && b.isMemory())) {
                findings.warning(file, e.getValue().line(), "the Resizable BAR capability names BAR " + e.getKey()
                        + ", which the listing does not show as a memory region; its sizes were left out");
            }
        }
        return out;
    }

    private static int parse(String digits) {
        return digits.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(digits);
    }

    private Optional<LinkState> linkState(String t, int line) {
        Matcher m = LINK.matcher(t);
        if (!m.find()) return Optional.empty();
        Optional<LinkSpeed> speed = LinkSpeed.fromText(m.group(1));
        int width = m.group(2).length() > 2 ? 99 : Integer.parseInt(m.group(2));
        if (speed.isEmpty() || width > 32) {
            findings.warning(file, line, "the link speed or width \"" + m.group()
                    + "\" is not one lspci prints; the link state was left unknown");
            return Optional.empty();
        }
        return Optional.of(new LinkState(speed.get(), width));
    }

    /** All seven named bits must be there; a line cut short leaves the register unknown. */
    private OptionalInt acsBits(String t, int line) {
        int value = 0;
        for (int i = 0; i < ACS_NAMES.length; i++) {
            int at = t.indexOf(ACS_NAMES[i]);
            int sign = at + ACS_NAMES[i].length();
            if (at < 0 || sign >= t.length() || (t.charAt(sign) != '+' && t.charAt(sign) != '-')) {
                findings.warning(file, line, "the ACS register line does not show all seven bits (" + ACS_NAMES[i]
                        + " is missing); its value was left unknown");
                return OptionalInt.empty();
            }
            if (t.charAt(sign) == '+') value |= 1 << i;
        }
        return OptionalInt.of(value);
    }

    private void region(String t, int line) {
        Matcher r = REGION.matcher(t);
        if (!r.matches()) return;
        if (r.group(1).length() > 1) return;
        int index = Integer.parseInt(r.group(1));
        String rest = r.group(2);
        if (index == previous64 + 1) {
            // lspci 3.8+ prints the upper half of a 64-bit BAR as a bogus region when it reads a dump.
            return;
        }
        if (index > 5) {
            findings.warning(file, line, "there is no BAR " + index + " (BARs are numbered 0-5); the line was ignored");
            return;
        }
        Bar bar;
        Matcher m = MEMORY.matcher(rest);
        if (m.matches()) {
            boolean is64 = m.group(2).equals("64-bit");
            if (is64 && index == 5) {
                findings.warning(file, line,
                        "BAR 5 cannot be 64-bit (it has no following register for the upper half); the line was "
                        + "ignored");
                return;
            }
            bar = new Bar(index, Bar.Space.MEMORY, is64, m.group(3).equals("prefetchable"), address(m.group(1)),
                    size(m.group(4)));
            if (is64) previous64 = index;
        } else {
            m = IO.matcher(rest);
            if (!m.matches()) {
                findings.warning(file, line,
                        "this region line is neither \"Memory at\" nor \"I/O ports at\"; it was ignored");
                return;
            }
            bar = new Bar(index, Bar.Space.IO, false, false, address(m.group(1)), size(m.group(2)));
        }
        for (Bar b : bars) {
            if (b.index() == index) {
                findings.warning(file, line, "BAR " + index + " is listed twice for this device; the first is kept");
                return;
            }
        }
        if (bars.isEmpty()) firstRegionLine = line;
        bars.add(bar);
    }

    private static OptionalLong address(String token) {
        if (token.isEmpty() || token.length() > 16) return OptionalLong.empty();
        for (int i = 0; i < token.length(); i++) if (Character.digit(token.charAt(i),
                16) < 0) return OptionalLong.empty();
        return OptionalLong.of(Long.parseUnsignedLong(token, 16));
    }

    /** {@code [size=32M]}: binary units; no suffix means bytes. */
    private static OptionalLong size(String rest) {
        Matcher m = SIZE.matcher(rest);
        if (!m.find() || m.group(1).length() > 12) return OptionalLong.empty();
        long n = Long.parseLong(m.group(1));
        int shift = m.group(2).isEmpty() ? 0 : 10 * ("KMGTPE".indexOf(m.group(2).charAt(0)) + 1);
        if (n == 0 || Long.numberOfLeadingZeros(n) <= shift) return OptionalLong.empty();
        return OptionalLong.of(n << shift);
    }

    private void bus(String t, int line) {
        Matcher m = BUS.matcher(t);
        if (!m.find()) {
            findings.warning(file, line,
                    "the Bus: line does not show primary, secondary and subordinate bus numbers; it was ignored");
            return;
        }
        busLine = line;
        primary = Integer.parseInt(m.group(1), 16);
        secondary = Integer.parseInt(m.group(2), 16);
        subordinate = Integer.parseInt(m.group(3), 16);
    }

    /**
     * {@code e000-efff [size=4K]}; {@code None}, {@code [empty]} and {@code [disabled]} are the three spellings of off.
     */
    private Optional<BridgeWindow> window(String t, int line) {
        String w = t.substring(t.indexOf(':') + 1).trim();
        if (w.startsWith("None") || w.startsWith("[disabled]")
                || w.startsWith("[empty]")) return Optional.of(BridgeWindow.DISABLED);
        Matcher m = RANGE.matcher(w);
        if (!m.find()) {
            findings.warning(file, line, "this bridge window is not a range such as e000-efff; it was left unknown");
            return Optional.empty();
        }
        if (w.contains("[disabled]") || w.contains("[empty]")) return Optional.of(BridgeWindow.DISABLED);
        long start = Long.parseUnsignedLong(m.group(1), 16);
        long end = Long.parseUnsignedLong(m.group(2), 16);
        return Optional.of(Long.compareUnsigned(start, end) > 0 ? BridgeWindow.DISABLED : BridgeWindow.of(start, end));
    }

    /** Writes what the block says into {@code f}. */
    void apply(FunctionFacts f, DeviceLine header, SourceRef at, boolean terminated) {
        PciIdentity id = header.identity();
        if (subsystem != null) {
            id = new PciIdentity(id.vendorId(), id.deviceId(), subsystem.subsystemVendorId(),
                    subsystem.subsystemDeviceId(),
                    id.classCode(), id.revision(), id.vendorName(), id.deviceName(), subsystem.subsystemName(),
                            id.className());
        }
        if (!id.equals(PciIdentity.UNKNOWN)) f.put(FactKey.IDENTITY, id, at, findings);
        if (busLine > 0) {
            f.put(FactKey.HEADER_TYPE, cardbus ? 2 : 1, ref(busLine), findings);
            if (secondary == 0 && subordinate == 0) {
                findings.warning(file, busLine,
                        f.address() + ": the bridge has no bus numbers assigned (secondary and subordinate are 00)");
            } else {
                f.put(FactKey.BRIDGE, new Bridge(OptionalInt.of(primary), secondary, subordinate, io, memory,
                        prefetchable),
                        ref(busLine), findings);
            }
        }
        if (!bars.isEmpty()) f.put(FactKey.BARS, List.copyOf(withRebar()), ref(firstRegionLine), findings);
        boolean capsKnown = noCapList || (full && !accessDenied && !chainBroken && terminated);
        SourceRef whole = statusLine > 0 && noCapList ? ref(statusLine) : at;
        if (portType != null) f.put(FactKey.PORT_TYPE, portType, ref(portTypeLine), findings);
        else if (!express && capsKnown) f.put(FactKey.PORT_TYPE, PortType.CONVENTIONAL_PCI, whole, findings);
        if (linkCap.isPresent() || linkStatus.isPresent()) f.put(FactKey.LINK, new Link(linkCap, linkStatus),
                ref(linkLine), findings);
        if (acsLine > 0) f.put(FactKey.ACS, new Acs(true, acsCap, acsCtl), ref(acsLine), findings);
        else if (capsKnown) f.put(FactKey.ACS, Acs.ABSENT, whole, findings);
        presence(f, FactKey.ATS, atsLine, capsKnown, whole);
        presence(f, FactKey.PASID, pasidLine, capsKnown, whole);
        presence(f, FactKey.PRI, priLine, capsKnown, whole);
        if (sriovLine > 0 && vfCounts != null && vfRouting != null) {
            f.put(FactKey.SRIOV, new Sriov(vfCounts[1], vfCounts[2], vfRouting[0], vfRouting[1],
                    OptionalInt.of(vfRouting[2])),
                    ref(sriovLine), findings);
        }
        if (numa >= 0) f.put(FactKey.NUMA_NODE, numa, ref(numaLine), findings);
        if (group >= 0) f.put(FactKey.IOMMU_GROUP, group, ref(groupLine), findings);
        if (driver != null && !driver.isEmpty()) f.put(FactKey.DRIVER, driver, ref(driverLine), findings);
    }

    private void presence(FunctionFacts f, FactKey<Boolean> key, int line, boolean capsKnown, SourceRef whole) {
        if (line > 0) f.put(key, true, ref(line), findings);
        else if (capsKnown) f.put(key, false, whole, findings);
    }

    private SourceRef ref(int line) {
        return new SourceRef(file, line);
    }
}
