package org.dmascope.model.kernel.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciIdentity;
import org.dmascope.model.topology.Platform.CpuVendor;
import org.dmascope.model.topology.Platform.IommuDriver;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Topology;

/**
 * What the export's devices imply about the platform when the input does not state it: the CPU vendor
 * and x86 family from the CPU's own PCI functions (root complex, host bridge, data fabric, IOMMU, uncore),
 * and the IOMMU driver from the IOMMU's function or the kernel's IOMMU group lines. Every answer names the
 * device and line it comes from ({@link Inferred}); nothing is inferred from a device that does not tell.
 */
public final class PlatformInference {
    static final int AMD = 0x1022;
    static final int HYGON = 0x1d94;
    static final int INTEL = 0x8086;
    static final int ZHAOXIN = 0x1d17;

    /** {@code Family 17h}, {@code Family 17h/19h/1ah}, {@code Family 17h-19h} in AMD's device names. */
    private static final Pattern FAMILY = Pattern.compile("family ((?:[0-9a-f]{1,2}h)(?:[/-][0-9a-f]{1,2}h)*)");

    /** Intel's names for its VT-d register functions: "VT-d", "Vt-d", "VTd_Misc". */
    private static final Pattern VTD = Pattern.compile("(?<![a-z])vt-?d(?![a-z])");

    /**
     * AMD's code names in pci.ids and lspci device names, with the x86 family of the parts that carry them
     * (Zen/Zen+/Zen 2 are family 0x17, Zen 3/Zen 4 0x19, Zen 5 0x1a; Bulldozer-era 0x15, Jaguar-era 0x16).
     */
    private static final Map<String, Integer> AMD_CODE_NAMES = Map.ofEntries(
            Map.entry("zeppelin", 0x17), Map.entry("summit ridge", 0x17), Map.entry("naples", 0x17),
            Map.entry("pinnacle ridge", 0x17), Map.entry("raven", 0x17), Map.entry("picasso", 0x17),
            Map.entry("dali", 0x17), Map.entry("matisse", 0x17), Map.entry("castle peak", 0x17),
            Map.entry("starship", 0x17), Map.entry("rome", 0x17), Map.entry("renoir", 0x17),
            Map.entry("lucienne", 0x17), Map.entry("vangogh", 0x17), Map.entry("van gogh", 0x17),
            Map.entry("mendocino", 0x17), Map.entry("fireflight", 0x17), Map.entry("arden", 0x17),
            Map.entry("ariel", 0x17),
            Map.entry("vermeer", 0x19), Map.entry("cezanne", 0x19), Map.entry("barcelo", 0x19),
            Map.entry("milan", 0x19), Map.entry("rembrandt", 0x19), Map.entry("genoa", 0x19),
            Map.entry("raphael", 0x19), Map.entry("phoenix", 0x19), Map.entry("hawk point", 0x19),
            Map.entry("bergamo", 0x19), Map.entry("siena", 0x19), Map.entry("storm peak", 0x19),
            Map.entry("chagall", 0x19), Map.entry("trento", 0x19),
            Map.entry("granite ridge", 0x1a), Map.entry("turin", 0x1a), Map.entry("strix", 0x1a),
            Map.entry("krackan", 0x1a), Map.entry("fire range", 0x1a), Map.entry("shimada peak", 0x1a),
            Map.entry("kaveri", 0x15), Map.entry("carrizo", 0x15), Map.entry("bristol ridge", 0x15),
            Map.entry("stoney", 0x15), Map.entry("kabini", 0x16), Map.entry("mullins", 0x16),
            Map.entry("beema", 0x16), Map.entry("temash", 0x16));

    /** Vendors whose root ports only sit in Arm systems-on-chip (their PCIe controllers): the CPU is Arm. */
    private static final Map<Integer, CpuVendor> SOC_ROOT_PORTS = Map.of(0x13b5, CpuVendor.ARM, 0x1d87, CpuVendor.ARM,
            0x19e5, CpuVendor.ARM, 0x177d, CpuVendor.ARM, 0x17cb, CpuVendor.ARM, 0x1def, CpuVendor.AMPERE,
            0x10de, CpuVendor.NVIDIA);

    /** Host bridges that virtual machines emulate whatever the host's CPU: they tell nothing about it. */
    private static final Set<Integer> EMULATED_HOST_BRIDGES = Set.of(0x29c0, 0x1237, 0x7190, 0x7192);
    private static final Set<Integer> VIRTUAL_SUBSYSTEM_VENDORS = Set.of(0x1af4, 0x15ad, 0x1ab8, 0x5853);

    private PlatformInference() {
    }

    /** CPU 0's vendor (and, for AMD and Hygon, its family) from the CPU's PCI functions. */
    public static Optional<Inferred<CpuIdentity>> cpu(Topology t) {
        Optional<Inferred<CpuIdentity>> amd = amdFamily(t);
        if (amd.isPresent()) return amd;
        for (PciFunction f : t.functions()) {
            if (vendor(f.identity()) == HYGON && cpuSide(f)) {
                return Optional.of(Inferred.from(CpuIdentity.of(CpuVendor.HYGON, 0x18), f,
                        "a Hygon CPU function (every Hygon Dhyana CPU is x86 family 0x18)"));
            }
        }
        for (PciFunction f : t.functions()) {
            int v = vendor(f.identity());
            if ((v == INTEL || v == ZHAOXIN) && isHostBridge(f) && !emulated(f)) {
                CpuVendor cv = v == INTEL ? CpuVendor.INTEL : CpuVendor.ZHAOXIN;
                return Optional.of(Inferred.from(new CpuIdentity(Optional.of(cv), OptionalInt.empty()), f,
                        "the " + cv.jsonName() + " host bridge of the CPU (its family is not shown; "
                                + "cpu_supports_p2pdma() only asks for AMD's)"));
            }
        }
        for (PciFunction f : t.functions()) {
            int v = vendor(f.identity());
            boolean rootPort = f.portType().equals(Optional.of(PortType.ROOT_PORT)) || f.portType().isEmpty()
                    && f.identity().deviceName().orElse("").toLowerCase(Locale.ROOT).contains("root port");
            if (v == INTEL && rootPort && f.address().bus() == 0 && !emulated(f)) {
                return Optional.of(Inferred.from(new CpuIdentity(Optional.of(CpuVendor.INTEL), OptionalInt.empty()), f,
                        "an Intel root port on bus 00, found only on Intel CPUs and chipsets"));
            }
        }
        for (PciFunction f : t.functions()) {
            CpuVendor soc = SOC_ROOT_PORTS.get(vendor(f.identity()));
            boolean rootPort = f.portType().equals(Optional.of(PortType.ROOT_PORT)) || isHostBridge(f)
                    || f.identity().classAndSubclass().orElse(-1) == 0x0604 && f.address().bus() == 0;
            if (soc != null && rootPort && (soc != CpuVendor.NVIDIA || f.address().bus() == 0)) {
                return Optional.of(Inferred.from(new CpuIdentity(Optional.of(soc), OptionalInt.empty()), f,
                        "the root port of an Arm system-on-chip's own PCIe controller, so the CPU is not x86"));
            }
        }
        return Optional.empty();
    }

    /**
     * The AMD family every AMD CPU-side function agrees on: each name gives a set of families (a code name,
     * or AMD's own "Family 17h/19h"), and the sets are intersected, so "Raphael/Granite Ridge Root Complex"
     * (0x19 or 0x1a) and "Family 19h PSP/CCP" give 0x19. Where names disagree, the most specific one counts;
     * where a family stays ambiguous, the lowest is used and the detail says so.
     */
    private static Optional<Inferred<CpuIdentity>> amdFamily(Topology t) {
        List<PciFunction> evidence = new ArrayList<>();
        List<Set<Integer>> sets = new ArrayList<>();
        PciFunction anyAmdCpuFunction = null;
        for (PciFunction f : t.functions()) {
            if (vendor(f.identity()) != AMD) continue;
            Set<Integer> families = families(f.identity().deviceName().orElse(""));
            if (families.isEmpty()) {
                if (anyAmdCpuFunction == null && isHostBridge(f)) anyAmdCpuFunction = f;
                continue;
            }
            evidence.add(f);
            sets.add(families);
        }
        if (evidence.isEmpty()) {
            if (anyAmdCpuFunction == null) return Optional.empty();
            return Optional.of(Inferred.from(new CpuIdentity(Optional.of(CpuVendor.AMD), OptionalInt.empty()),
                    anyAmdCpuFunction, "an AMD host bridge of the CPU; its name does not tell the family"));
        }
        Set<Integer> common = new TreeSet<>(sets.get(0));
        for (Set<Integer> s : sets) common.retainAll(s);
        if (common.isEmpty()) {
            int narrowest = 0;
            for (int i = 1; i < sets.size(); i++) if (sets.get(i).size() < sets.get(narrowest).size()) narrowest = i;
            common = new TreeSet<>(sets.get(narrowest));
        }
        // the witness: the most specific name that admits the answer
        int best = -1;
        for (int i = 0; i < sets.size(); i++) {
            if (sets.get(i).containsAll(common) && (best < 0 || sets.get(i).size() < sets.get(best).size())) best = i;
        }
        int family = common.iterator().next();
        StringBuilder why = new StringBuilder("AMD's name for a CPU function of family ")
                .append(hexList(sets.get(best)));
        if (common.size() > 1) {
            why.append("; the names leave ").append(hexList(common)).append(" open, and the lowest, ")
                    .append(hex(family)).append(", is used")
                    .append(common.stream().allMatch(x -> x >= 0x17) || common.stream().noneMatch(x -> x >= 0x17)
                            ? " (it makes no difference to cpu_supports_p2pdma())" : "");
        } else if (sets.size() > 1) {
            why.append("; the names of all ").append(sets.size()).append(" AMD functions that tell a family admit ")
                    .append(hex(family));
        }
        return Optional.of(Inferred.from(CpuIdentity.of(CpuVendor.AMD, family), evidence.get(best), why.toString()));
    }

    /** The families an AMD device name gives, empty when it names none. */
    static Set<Integer> families(String deviceName) {
        String n = deviceName.toLowerCase(Locale.ROOT);
        Set<Integer> out = new TreeSet<>();
        Matcher m = FAMILY.matcher(n);
        while (m.find()) {
            for (String part : m.group(1).split("[/-]")) out.add(Integer.parseInt(part.substring(0, part.length() - 1),
                    16));
        }
        for (Map.Entry<String, Integer> e : AMD_CODE_NAMES.entrySet()) {
            if (containsWord(n, e.getKey())) out.add(e.getValue());
        }
        return out;
    }

    /**
     * The IOMMU driver from the IOMMU's own PCI function (AMD-Vi's "IOMMU" function, class 08 06; Intel's
     * "VT-d" uncore function), or, failing that, from the kernel's IOMMU group lines, which exist only
     * while an IOMMU driver runs (the driver then follows the CPU vendor).
     */
    public static Optional<Inferred<IommuDriver>> iommu(Topology t, CpuIdentity cpu, boolean x86) {
        for (PciFunction f : t.functions()) {
            int v = vendor(f.identity());
            String name = f.identity().deviceName().orElse("").toLowerCase(Locale.ROOT);
            boolean iommuClass = f.identity().classAndSubclass().orElse(-1) == 0x0806;
            if ((v == AMD || v == HYGON) && (iommuClass || containsWord(name, "iommu")
                    || name.contains("i/o memory management unit"))) {
                return Optional.of(Inferred.from(IommuDriver.AMD_VI, f, "the AMD IOMMU's own PCI function; the "
                        + "kernel enables AMD-Vi by default when the IVRS table describes it"));
            }
            if (v == INTEL && VTD.matcher(name).find()) {
                return Optional.of(Inferred.from(IommuDriver.INTEL_VTD, f, "Intel's VT-d registers as a PCI function; "
                        + "an enabled VT-d (intel_iommu=on or CONFIG_INTEL_IOMMU_DEFAULT_ON) is assumed"));
            }
        }
        for (PciFunction f : t.functions()) {
            if (f.iommuGroup().isEmpty()) continue;
            IommuDriver d;
            if (!x86) d = IommuDriver.ARM_SMMU_V3;
            else if (cpu.vendor().isPresent() && (cpu.vendor().get() == CpuVendor.AMD
                    || cpu.vendor().get() == CpuVendor.HYGON)) {
                d = IommuDriver.AMD_VI;
            } else if (cpu.vendor().isPresent()) {
                d = IommuDriver.INTEL_VTD;
            } else {
                continue;
            }
            Inferred<IommuDriver> base = Inferred.from(d, f, "");
            return Optional.of(new Inferred<>(d, f.address(), "IOMMU group " + f.iommuGroup().getAsInt(),
                    f.provenance().of("iommuGroup").or(base::line), "a group the kernel listed: IOMMU groups "
                    + "exist only while an IOMMU driver runs, and on this " + cpu.words() + " CPU that is "
                    + d.jsonName()));
        }
        return Optional.empty();
    }

    /** The vendor ID, or the one its name gives when the ID is unknown. */
    static int vendor(PciIdentity id) {
        if (id.vendorId().isPresent()) return id.vendorId().getAsInt();
        String n = id.vendorName().orElse("").toLowerCase(Locale.ROOT);
        if (n.contains("[amd]") || n.equals("advanced micro devices, inc.")) return AMD;
        if (n.startsWith("intel")) return INTEL;
        if (n.startsWith("hygon") || n.startsWith("chengdu haiguang")) return HYGON;
        if (n.startsWith("zhaoxin")) return ZHAOXIN;
        return -1;
    }

    private static boolean isHostBridge(PciFunction f) {
        if (f.identity().classAndSubclass().isPresent()) return f.identity().classAndSubclass().getAsInt() == 0x0600;
        String n = f.identity().className().orElse("") + " " + f.identity().deviceName().orElse("");
        return n.toLowerCase(Locale.ROOT).contains("host bridge");
    }

    /** A function of the CPU package rather than a card: on a root bus, or a host bridge. */
    private static boolean cpuSide(PciFunction f) {
        return isHostBridge(f) || f.address().bus() == 0;
    }

    private static boolean emulated(PciFunction f) {
        PciIdentity id = f.identity();
        if (id.subsystemVendorId().isPresent() && VIRTUAL_SUBSYSTEM_VENDORS.contains(id.subsystemVendorId()
                .getAsInt())) {
            return true;
        }
        return vendor(id) == INTEL && id.deviceId().isPresent() && EMULATED_HOST_BRIDGES.contains(id.deviceId()
                .getAsInt());
    }

    private static boolean containsWord(String text, String word) {
        int i = text.indexOf(word);
        while (i >= 0) {
            boolean start = i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1));
            int end = i + word.length();
            boolean stop = end >= text.length() || !Character.isLetterOrDigit(text.charAt(end));
            if (start && stop) return true;
            i = text.indexOf(word, i + 1);
        }
        return false;
    }

    private static String hex(int family) {
        return String.format(Locale.ROOT, "0x%02x", family);
    }

    private static String hexList(Set<Integer> families) {
        List<String> out = new ArrayList<>();
        for (int f : families) out.add(hex(f));
        return String.join(" or ", out);
    }
}
