package org.dmascope.model.io.merge;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.Bar;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Bridge;
import org.dmascope.model.topology.BridgeWindow;
import org.dmascope.model.topology.Link;
import org.dmascope.model.topology.LinkState;
import org.dmascope.model.topology.PciIdentity;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Sriov;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;

/**
 * A field of a PCI function that an export can state, named as the topology JSON names it: the name
 * is the {@link org.dmascope.model.topology.Provenance} key of the field. Each key knows how to
 * combine what two sources say (filling in parts one of them left unknown) and how to describe a
 * value when the sources disagree.
 *
 * <p>Provenance keys written by the importer (README, "Importing your machine"):
 * {@code address} (where the function is listed), {@code identity} (IDs, class, revision, names),
 * {@code portType}, {@code headerType}, {@code multifunction}, {@code bridge}, {@code bars},
 * {@code acs}, {@code ats}, {@code pasid}, {@code pri}, {@code sriov}, {@code physicalFunction},
 * {@code link}, {@code numaNode}, {@code driver}, {@code iommuGroup}; on host bridges
 * {@code rootBus}, {@code busRange}, {@code numaNode}.
 */
public final class FactKey<T> {
    public static final FactKey<PciIdentity> IDENTITY = new FactKey<>("identity", "identity", FactKey::mergeIdentity,
            FactKey::describeIdentity);
    public static final FactKey<PortType> PORT_TYPE = simple("portType", "port type", PortType::label);
    public static final FactKey<Integer> HEADER_TYPE = simple("headerType", "header type", String::valueOf);
    public static final FactKey<Boolean> MULTIFUNCTION = simple("multifunction", "multifunction bit",
            b -> b ? "set" : "clear");
    public static final FactKey<Bridge> BRIDGE = new FactKey<>("bridge", "bridge registers", FactKey::mergeBridge,
            FactKey::describeBridge);
    public static final FactKey<List<Bar>> BARS = new FactKey<>("bars", "BARs", FactKey::mergeBars,
            FactKey::describeBars);
    public static final FactKey<Acs> ACS = new FactKey<>("acs", "ACS capability", FactKey::mergeAcs,
            FactKey::describeAcs);
    public static final FactKey<Boolean> ATS = simple("ats", "ATS capability", FactKey::presence);
    public static final FactKey<Boolean> PASID = simple("pasid", "PASID capability", FactKey::presence);
    public static final FactKey<Boolean> PRI = simple("pri", "PRI capability", FactKey::presence);
    public static final FactKey<Sriov> SRIOV = simple("sriov", "SR-IOV capability", FactKey::describeSriov);
    public static final FactKey<Bdf> PHYSICAL_FUNCTION = simple("physicalFunction", "physical function", Bdf::toString);
    public static final FactKey<Link> LINK = new FactKey<>("link", "PCIe link", FactKey::mergeLink,
            FactKey::describeLink);
    public static final FactKey<Integer> NUMA_NODE = simple("numaNode", "NUMA node", String::valueOf);
    public static final FactKey<String> DRIVER = simple("driver", "kernel driver", s -> s);
    public static final FactKey<Integer> IOMMU_GROUP = simple("iommuGroup", "IOMMU group", String::valueOf);
    /**
     * Link bandwidth in GB/s as hwloc reports it (width × rate × encoding); not a topology field, only
     * compared with the link status another export gives.
     */
    public static final FactKey<Double> LINK_BANDWIDTH = simple("linkBandwidth", "link bandwidth",
            v -> String.format(java.util.Locale.ROOT, "%.2f GB/s", v));

    /** Every key that becomes a topology field, in the order the JSON writer writes the fields. */
    public static final List<FactKey<?>> ALL = List.of(IDENTITY, PORT_TYPE, HEADER_TYPE, MULTIFUNCTION, BRIDGE, BARS,
            ACS, ATS, PASID, PRI, SRIOV, PHYSICAL_FUNCTION, LINK, NUMA_NODE, DRIVER, IOMMU_GROUP);

    /** The ACS bits lspci prints by name; the others (egress vector size, enhanced ACS) only a dump shows. */
    private static final int ACS_NAMED_BITS = 0x7F;

    private final String name;
    private final String label;
    private final Combiner<T> merge;
    private final Function<T, String> describe;

    @FunctionalInterface
    interface Combiner<T> {
        Merged<T> apply(T first, T second);
    }

    private FactKey(String name, String label, Combiner<T> merge, Function<T, String> describe) {
        this.name = name;
        this.label = label;
        this.merge = merge;
        this.describe = describe;
    }

    private static <T> FactKey<T> simple(String name, String label, Function<T, String> describe) {
        return new FactKey<>(name, label, (a, b) -> a.equals(b) ? Merged.agreed(a)
                : Merged.disagreed(a, label + " " + describe.apply(a) + " vs " + describe.apply(b)), describe);
    }

    /** The provenance key and JSON field name. */
    public String name() {
        return name;
    }

    /** How messages name the field. */
    public String label() {
        return label;
    }

    Merged<T> merge(T first, T second) {
        return merge.apply(first, second);
    }

    public String describe(T value) {
        return describe.apply(value);
    }

    @Override
    public String toString() {
        return name;
    }

    // ---- identity -------------------------------------------------------------------------------

    private static Merged<PciIdentity> mergeIdentity(PciIdentity a, PciIdentity b) {
        List<String> d = new ArrayList<>();
        PciIdentity m = new PciIdentity(
                hexField("vendor ID", a.vendorId(), b.vendorId(), 4, d),
                hexField("device ID", a.deviceId(), b.deviceId(), 4, d),
                hexField("subsystem vendor ID", a.subsystemVendorId(), b.subsystemVendorId(), 4, d),
                hexField("subsystem ID", a.subsystemDeviceId(), b.subsystemDeviceId(), 4, d),
                classField(a.classCode(), b.classCode(), d),
                hexField("revision", a.revision(), b.revision(), 2, d),
                // Names come from whichever pci.ids the exporting machine had; differences are not facts.
                a.vendorName().or(b::vendorName), a.deviceName().or(b::deviceName),
                a.subsystemName().or(b::subsystemName), a.className().or(b::className),
                a.idCandidates().isEmpty() ? b.idCandidates() : a.idCandidates());
        return new Merged<>(m, d);
    }

    /**
     * The programming-interface byte is unknown in some exports (hwloc v2, {@code lspci -nns}) and is
     * then recorded as 00; only the base class and subclass are compared, and a known prog-if wins.
     */
    private static OptionalInt classField(OptionalInt a, OptionalInt b, List<String> d) {
        if (a.isEmpty()) return b;
        if (b.isEmpty()) return a;
        int x = a.getAsInt();
        int y = b.getAsInt();
        if ((x >> 8) != (y >> 8)) {
            d.add("class " + Hex.hex(x >> 8, 4) + " vs " + Hex.hex(y >> 8, 4));
            return a;
        }
        return (x & 0xFF) == 0 ? b : a;
    }

    private static OptionalInt hexField(String what, OptionalInt a, OptionalInt b, int digits, List<String> d) {
        if (a.isEmpty()) return b;
        if (b.isPresent() && a.getAsInt() != b.getAsInt()) {
            d.add(what + " " + Hex.hex(a.getAsInt(), digits) + " vs " + Hex.hex(b.getAsInt(), digits));
        }
        return a;
    }

    private static String describeIdentity(PciIdentity id) {
        StringBuilder sb = new StringBuilder();
        if (id.vendorId().isPresent() || id.deviceId().isPresent()) {
            sb.append(id.vendorId().isPresent() ? Hex.hex(id.vendorId().getAsInt(), 4) : "????").append(':')
                    .append(id.deviceId().isPresent() ? Hex.hex(id.deviceId().getAsInt(), 4) : "????");
        }
        id.classCode().ifPresent(c -> sb.append(sb.length() > 0 ? " " : "").append("class ").append(Hex.hex(c >> 8,
                4)));
        id.deviceName().ifPresent(n -> sb.append(sb.length() > 0 ? " " : "").append(n));
        return sb.length() == 0 ? "unknown" : sb.toString();
    }

    // ---- bridge ---------------------------------------------------------------------------------

    private static Merged<Bridge> mergeBridge(Bridge a, Bridge b) {
        List<String> d = new ArrayList<>();
        if (a.secondary() != b.secondary() || a.subordinate() != b.subordinate()) {
            d.add(String.format("buses %02x-%02x vs %02x-%02x", a.secondary(), a.subordinate(), b.secondary(),
                    b.subordinate()));
        }
        OptionalInt primary = a.primary();
        if (primary.isEmpty()) primary = b.primary();
        else if (b.primary().isPresent() && b.primary().getAsInt() != primary.getAsInt()) {
            d.add(String.format("primary bus %02x vs %02x", primary.getAsInt(), b.primary().getAsInt()));
        }
        Bridge m = new Bridge(primary, a.secondary(), a.subordinate(),
                window("I/O window", a.io(), b.io(), d), window("memory window", a.memory(), b.memory(), d),
                window("prefetchable window", a.prefetchable(), b.prefetchable(), d));
        return new Merged<>(m, d);
    }

    private static Optional<BridgeWindow> window(String what, Optional<BridgeWindow> a, Optional<BridgeWindow> b,
            List<String> d) {
        if (a.isEmpty()) return b;
        if (b.isPresent() && !a.equals(b)) d.add(what + " " + a.get() + " vs " + b.get());
        return a;
    }

    private static String describeBridge(Bridge b) {
        return String.format("buses %02x-%02x", b.secondary(), b.subordinate());
    }

    // ---- BARs -----------------------------------------------------------------------------------

    private static Merged<List<Bar>> mergeBars(List<Bar> a, List<Bar> b) {
        List<String> d = new ArrayList<>();
        TreeMap<Integer, Bar> m = new TreeMap<>();
        for (Bar bar : a) m.put(bar.index(), bar);
        for (Bar bar : b) {
            Bar old = m.get(bar.index());
            if (old == null) {
                m.put(bar.index(), bar);
                continue;
            }
            if (old.space() != bar.space() || old.is64Bit() != bar.is64Bit()
                    || old.prefetchable() != bar.prefetchable()) {
                d.add("BAR " + bar.index() + " " + describeBar(old) + " vs " + describeBar(bar));
                continue;
            }
            OptionalLong address = fill(old.address(), bar.address());
            OptionalLong size = fill(old.size(), bar.size());
            if (old.address().isPresent() && bar.address().isPresent() && old.address().getAsLong() != bar.address()
                    .getAsLong()
                    || old.size().isPresent() && bar.size().isPresent() && old.size().getAsLong() != bar.size()
                            .getAsLong()) {
                d.add("BAR " + bar.index() + " " + describeBar(old) + " vs " + describeBar(bar));
            }
            List<Long> resizable = old.resizable() ? old.resizableSizes() : bar.resizableSizes();
            if (old.resizable() && bar.resizable() && !old.resizableSizes().equals(bar.resizableSizes())) {
                d.add("BAR " + bar.index() + " resizable to " + sizes(old) + " vs " + sizes(bar));
            }
            m.put(bar.index(), new Bar(old.index(), old.space(), old.is64Bit(), old.prefetchable(), address, size,
                    resizable));
        }
        return new Merged<>(List.copyOf(m.values()), d);
    }

    private static String sizes(Bar b) {
        return b.resizableSizes().stream().map(ByteSize::human).collect(Collectors.joining(" "));
    }

    private static OptionalLong fill(OptionalLong a, OptionalLong b) {
        return a.isPresent() ? a : b;
    }

    private static String describeBar(Bar b) {
        StringBuilder sb = new StringBuilder(b.isMemory() ? (b.is64Bit() ? "64-bit " : "32-bit ") : "I/O ");
        if (b.prefetchable()) sb.append("prefetchable ");
        sb.append(b.address().isPresent() ? "at " + Hex.addr(b.address().getAsLong()) : "unassigned");
        b.size().ifPresent(s -> sb.append(" size ").append(ByteSize.format(s)));
        return sb.toString();
    }

    private static String describeBars(List<Bar> bars) {
        StringBuilder sb = new StringBuilder();
        for (Bar b : bars) sb.append(sb.length() > 0 ? ", " : "").append("BAR ").append(b.index()).append(' ')
                .append(describeBar(b));
        return sb.length() == 0 ? "none" : sb.toString();
    }

    // ---- ACS ------------------------------------------------------------------------------------

    private static Merged<Acs> mergeAcs(Acs a, Acs b) {
        if (a.present() != b.present()) {
            return Merged.disagreed(a, "ACS capability " + describeAcs(a) + " vs " + describeAcs(b));
        }
        if (!a.present()) return Merged.agreed(a);
        List<String> d = new ArrayList<>();
        OptionalInt cap = acsRegister("ACSCap", a.capability(), b.capability(), d);
        OptionalInt ctl = acsRegister("ACSCtl", a.control(), b.control(), d);
        return new Merged<>(new Acs(true, cap, ctl), d);
    }

    /** Text shows only the seven named bits; a dump may add more, so only those seven are compared. */
    private static OptionalInt acsRegister(String what, OptionalInt a, OptionalInt b, List<String> d) {
        if (a.isEmpty()) return b;
        if (b.isEmpty()) return a;
        if ((a.getAsInt() & ACS_NAMED_BITS) != (b.getAsInt() & ACS_NAMED_BITS)) {
            d.add(what + " " + Acs.shortBits(a.getAsInt()) + " vs " + Acs.shortBits(b.getAsInt()));
            return a;
        }
        return Integer.bitCount(b.getAsInt()) > Integer.bitCount(a.getAsInt()) ? b : a;
    }

    private static String describeAcs(Acs a) {
        if (!a.present()) return "absent";
        StringBuilder sb = new StringBuilder("present");
        a.capability().ifPresent(c -> sb.append(", cap ").append(Acs.shortBits(c)));
        a.control().ifPresent(c -> sb.append(", ctl ").append(Acs.shortBits(c)));
        return sb.toString();
    }

    // ---- link -----------------------------------------------------------------------------------

    private static Merged<Link> mergeLink(Link a, Link b) {
        List<String> d = new ArrayList<>();
        Optional<LinkState> cap = linkState("LnkCap", a.capability(), b.capability(), d);
        Optional<LinkState> sta = linkState("LnkSta", a.status(), b.status(), d);
        return new Merged<>(new Link(cap, sta), d);
    }

    private static Optional<LinkState> linkState(String what, Optional<LinkState> a, Optional<LinkState> b,
            List<String> d) {
        if (a.isEmpty()) return b;
        if (b.isPresent() && !a.equals(b)) d.add(what + " " + a.get() + " vs " + b.get());
        return a;
    }

    private static String describeLink(Link l) {
        return "capability " + l.capability().map(LinkState::toString).orElse("unknown")
                + ", status " + l.status().map(LinkState::toString).orElse("unknown");
    }

    // ---- small ones -----------------------------------------------------------------------------

    private static String presence(Boolean b) {
        return b ? "present" : "absent";
    }

    private static String describeSriov(Sriov s) {
        return s.numVfs() + "/" + s.totalVfs() + " VFs, offset " + s.vfOffset() + ", stride " + s.vfStride()
                + s.vfDeviceId().stream().mapToObj(id -> ", VF device " + Hex.hex(id, 4)).findFirst().orElse("");
    }
}
