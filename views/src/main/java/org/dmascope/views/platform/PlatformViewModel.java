package org.dmascope.views.platform;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.groups.IommuGroup;
import org.dmascope.model.kernel.groups.IommuGroups;
import org.dmascope.model.kernel.platform.AmdEfr;
import org.dmascope.model.kernel.platform.Assumption;
import org.dmascope.model.kernel.platform.AssumptionSource;
import org.dmascope.model.kernel.platform.CpuIdentity;
import org.dmascope.model.kernel.platform.DefaultDomainChoice;
import org.dmascope.model.kernel.platform.KernelCommandLine;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.platform.PlatformSettings;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.topology.Platform.DomainType;
import org.dmascope.model.topology.Platform.IommuDriver;
import org.dmascope.model.topology.Platform.MemoryEncryption;
import org.dmascope.model.topology.Platform.Named;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;
import org.dmascope.views.rules.PlatformEditor;
import org.dmascope.views.rules.RulesModel;

/**
 * The platform panel's state: every assumption the kernel rules make ({@link PlatformAssumptions#all()}),
 * its value, where it came from and what it means, and the commands that change one (through a
 * {@link PlatformEditor}, which makes the change undoable). No Stage needed.
 */
public final class PlatformViewModel {
    public static final String KERNEL = PlatformSettings.KERNEL;
    public static final String ARCHITECTURE = "architecture";
    public static final String CPU = PlatformSettings.CPU;
    public static final String IOMMU = PlatformSettings.IOMMU;
    public static final String IOMMU_MODE = PlatformSettings.IOMMU_MODE;
    public static final String ACS_REQUESTED = PlatformSettings.ACS_REQUESTED;
    public static final String CMDLINE = PlatformSettings.CMDLINE;
    public static final String MEMORY_ENCRYPTION = PlatformSettings.MEMORY_ENCRYPTION;
    public static final String VTD_CACHING_MODE = PlatformSettings.VTD_CACHING_MODE;
    public static final String AMD_EFR = PlatformSettings.AMD_EFR;
    public static final String AMD_SNP = PlatformSettings.AMD_SNP;
    public static final String PAGE_TABLE = "pageTable";
    public static final String KCONFIG_PASSTHROUGH = PlatformSettings.KCONFIG_PASSTHROUGH;
    public static final String C_BIT = PlatformSettings.C_BIT;
    public static final String SWIOTLB = "swiotlb";
    public static final String FORCEDAC = "forcedac";
    public static final String RAM = PlatformSettings.RAM;
    public static final String P2P_MEMORY = "p2pMemory";

    /** A value a row may take: what the rules get, and how it reads. */
    public record Choice(String id, String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * One assumption.
     *
     * @param name       the assumption's key ({@link Assumption#name()})
     * @param label      what the panel calls it
     * @param value      the value's id (a {@link Choice#id()}, or the text for free-text rows)
     * @param shown      the value in words
     * @param source     where it came from, in words: topology file, your choice, kernel command line, default
     * @param chosen     the user set it (it can be reset)
     * @param detail     what it means or why this value
     * @param choices    the values to pick from; empty for free text or read-only rows
     * @param editable   the user may change it
     * @param freeText   typed rather than picked (the command line; the CPU also offers common choices)
     */
    public record Row(String name, String label, String value, String shown, String source, boolean chosen,
            String detail,
                      List<Choice> choices, boolean editable, boolean freeText) {
    }

    private static final List<Choice> YES_NO = List.of(new Choice("yes", "yes"), new Choice("no", "no"));

    private final RulesModel rules;
    private final PlatformEditor editor;
    private final ReadOnlyListWrapper<Row> rows = new ReadOnlyListWrapper<>(this, "rows",
            FXCollections.observableArrayList());
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final InvalidationListener refresh = o -> refresh();

    public PlatformViewModel(RulesModel rules, PlatformEditor editor) {
        this.rules = rules;
        this.editor = editor;
        rules.rulesProperty().addListener(refresh);
        refresh();
    }

    public void dispose() {
        rules.rulesProperty().removeListener(refresh);
    }

    // ---- Properties ----

    public ReadOnlyListProperty<Row> rowsProperty() {
        return rows.getReadOnlyProperty();
    }

    public Optional<Row> row(String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** What the assumptions give: the number of IOMMU groups and their default domains. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    // ---- Commands ----

    /**
     * Sets an assumption to a value the user picked or typed.
     *
     * @return a sentence saying why the value was refused, or empty when it was applied (or changed nothing)
     */
    public Optional<String> set(String name, String value) {
        PlatformOverrides o = rules.getOverrides();
        Optional<Row> row = row(name);
        if (row.isEmpty() || !row.get().editable()) return Optional.of(name + " cannot be changed here");
        String v = value == null ? "" : value.trim();
        if (v.equals(row.get().value())) return Optional.empty();
        PlatformOverrides next;
        try {
            next = PlatformSettings.set(o, name, v);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        if (next.equals(o)) return Optional.empty();
        Row r = row.get();
        editor.change(next, r.label() + ": " + r.shown() + " → " + (v.isEmpty() ? "(empty)" : v));
        return Optional.empty();
    }

    /** Drops the user's choice for one assumption: the topology's value or the default applies again. */
    public void reset(String name) {
        PlatformOverrides o = rules.getOverrides();
        PlatformOverrides next = PlatformSettings.unset(o, name);
        if (next.equals(o)) return;
        editor.change(next, row(name).map(Row::label).orElse(name) + ": back to the " + (rules.getRules() == null
                ? "default"
                : "topology's value or the default"));
    }

    /** Drops every choice. */
    public void resetAll() {
        if (rules.getOverrides().equals(PlatformOverrides.NONE)) return;
        editor.change(PlatformOverrides.NONE, "all platform assumptions back to the topology's values and defaults");
    }

    // ---- rows ----

    private void refresh() {
        TopologyRules r = rules.getRules();
        if (r == null) {
            rows.clear();
            summary.set("No topology open");
            return;
        }
        PlatformAssumptions a = r.assumptions();
        List<Row> list = new ArrayList<>();
        for (Assumption<?> x : a.all()) list.add(row(x));
        rows.setAll(list);
        summary.set(summary(r));
    }

    private Row row(Assumption<?> a) {
        String source = RulesModel.sourceWords(a.source());
        boolean chosen = a.source() == AssumptionSource.OPTION;
        return switch (a.name()) {
            case KERNEL -> {
                KernelProfile k = (KernelProfile) a.value();
                yield new Row(a.name(), "Kernel profile", k.id(), k.label(), source, chosen, a.detail(), kernels(),
                        true, false);
            }
            case ARCHITECTURE -> new Row(a.name(), "Architecture", a.shown(), a.shown(), source, chosen, a.detail(),
                    List.of(), false, false);
            case CPU -> new Row(a.name(), "CPU vendor and family", cpuId((CpuIdentity) a.value()), a.shown(), source,
                    chosen, a.detail(),
                    cpus(), true, true);
            case IOMMU -> new Row(a.name(), "IOMMU driver", ((IommuDriver) a.value()).jsonName(), a.shown(), source,
                    chosen, a.detail(),
                    iommus(), true, false);
            case IOMMU_MODE -> new Row(a.name(), "IOMMU mode (default domain)", ((DefaultDomainChoice) a.value()).id(),
                    a.shown(), source, chosen,
                    a.detail(), modes(), true, false);
            case ACS_REQUESTED -> new Row(a.name(), "ACS requested by the IOMMU driver", yesNo(a.value()), a.shown(),
                    source, chosen,
                    a.detail(), YES_NO, true, false);
            case CMDLINE -> {
                KernelCommandLine k = (KernelCommandLine) a.value();
                String detail = a.detail() + (k.problems().isEmpty() ? ""
                        : ". The kernel refuses or ignores: " + String.join("; ", k.problems()));
                yield new Row(a.name(), "Kernel command line", k.text(), a.shown(), source, chosen, detail, List.of(),
                        true, true);
            }
            case MEMORY_ENCRYPTION -> new Row(a.name(), "Memory encryption", ((MemoryEncryption) a.value()).jsonName(),
                    a.shown(), source,
                    chosen, a.detail(), named(MemoryEncryption.class), true, false);
            case VTD_CACHING_MODE -> new Row(a.name(), "VT-d Caching Mode (virtual IOMMU)", yesNo(a.value()), a.shown(),
                    source, chosen,
                    a.detail(), YES_NO, true, false);
            case AMD_EFR -> new Row(a.name(), "AMD IOMMU features (EFR)", efrId((AmdEfr) a.value()), a.shown(), source,
                    chosen, a.detail(), efrs(), true, true);
            case AMD_SNP -> new Row(a.name(), "SEV-SNP enabled (AMD IOMMU)", yesNo(a.value()), a.shown(), source,
                    chosen, a.detail(), YES_NO, true, false);
            case C_BIT -> new Row(a.name(), "SME C-bit position", String.valueOf(a.value()), a.shown(), source,
                    chosen, a.detail(), List.of(new Choice("47", "47 (EPYC 7001/7002, most Zen client parts)"),
                            new Choice("51", "51 (EPYC 7003/9004)")), true, true);
            case SWIOTLB -> new Row(a.name(), "swiotlb= (bounce pool)", a.shown(), a.shown(), source, chosen,
                    a.detail(), List.of(), false, false);
            case FORCEDAC -> new Row(a.name(), "iommu.forcedac (IOVAs above 4 GiB first)", a.shown(), a.shown(),
                    source, chosen, a.detail(), List.of(), false, false);
            case PAGE_TABLE -> new Row(a.name(), "DMA-domain page table", a.shown(), a.shown(), source, chosen,
                    a.detail(), List.of(), false, false);
            case KCONFIG_PASSTHROUGH -> new Row(a.name(), "CONFIG_IOMMU_DEFAULT_PASSTHROUGH", yesNo(a.value()),
                    a.shown(), source, chosen,
                    a.detail(), YES_NO, true, false);
            case RAM -> {
                long perNode = (Long) a.value();
                boolean assumed = a.source() != AssumptionSource.TOPOLOGY;
                yield new Row(a.name(), "RAM per NUMA node", assumed ? ByteSize.format(perNode) : a.shown(), a.shown(),
                        source, chosen, a.detail(), assumed ? List.of(new Choice("8GiB", "8 GiB"),
                                new Choice("16GiB", "16 GiB"), new Choice("64GiB", "64 GiB"),
                                new Choice("256GiB", "256 GiB")) : List.of(), assumed, assumed);
            }
            case P2P_MEMORY -> new Row(a.name(), "P2P memory", a.shown(), a.shown(), source, chosen, a.detail(),
                    List.of(), false, false);
            default -> new Row(a.name(), a.name(), a.shown(), a.shown(), source, chosen, a.detail(), List.of(), false,
                    false);
        };
    }

    private static String yesNo(Object v) {
        return Boolean.TRUE.equals(v) ? "yes" : "no";
    }

    /** The EFR as one of {@link #efrs()} when it is one of them, else the register in hex (as dmesg prints it). */
    private static String efrId(AmdEfr e) {
        for (Choice c : efrs()) if (AmdEfr.parse(c.id()).equals(e)) return c.id();
        return Hex.addr(e.value());
    }

    /** The usual EFRs by their features; a register value from dmesg can be typed instead. */
    private static List<Choice> efrs() {
        return List.of(new Choice("gt,ppr,giosup,ephsup", "GT PPR GIOSup EPHSup (Zen IOMMUs)"),
                new Choice("gt,ppr", "GT PPR (no GIOSup/EPHSup: enough before 6.10)"),
                new Choice("none", "none of GT, PPR (no identity domain for PASID devices)"));
    }

    private static String cpuId(CpuIdentity c) {
        if (c.vendor().isEmpty()) return "";
        return c.vendor().get().jsonName() + (c.family().isPresent() ? String.format(Locale.ROOT, ":0x%02x",
                c.family().getAsInt()) : "");
    }

    private static List<Choice> kernels() {
        List<Choice> c = new ArrayList<>();
        for (KernelProfile k : KernelProfile.values()) c.add(new Choice(k.id(), k.label()));
        return c;
    }

    private static List<Choice> cpus() {
        return List.of(new Choice("intel:0x06", "Intel (family 6)"), new Choice("amd:0x17",
                "AMD Zen/Zen 2 (family 0x17)"),
                new Choice("amd:0x19", "AMD Zen 3/4 (family 0x19)"), new Choice("amd:0x1a", "AMD Zen 5 (family 0x1a)"),
                new Choice("amd:0x15", "AMD Bulldozer (family 0x15)"), new Choice("hygon:0x18", "Hygon (family 0x18)"),
                new Choice("zhaoxin", "Zhaoxin"), new Choice("arm", "Arm"), new Choice("ampere", "Ampere"),
                new Choice("nvidia", "NVIDIA (Grace)"), new Choice("ibm", "IBM POWER"));
    }

    private static List<Choice> iommus() {
        Map<IommuDriver, String> words = new EnumMap<>(IommuDriver.class);
        words.put(IommuDriver.NONE, "none (no IOMMU)");
        words.put(IommuDriver.INTEL_VTD, "vtd (Intel VT-d)");
        words.put(IommuDriver.AMD_VI, "amd-vi (AMD-Vi)");
        words.put(IommuDriver.ARM_SMMU_V3, "smmuv3 (Arm SMMUv3)");
        List<Choice> c = new ArrayList<>();
        for (IommuDriver d : IommuDriver.values()) c.add(new Choice(d.jsonName(), words.getOrDefault(d, d.jsonName())));
        return c;
    }

    private static List<Choice> modes() {
        return List.of(new Choice(DefaultDomainChoice.DMA.id(), "dma — translated, strict (DMA)"),
                new Choice(DefaultDomainChoice.LAZY.id(), "lazy — translated, flush queue (DMA-FQ)"),
                new Choice(DefaultDomainChoice.IDENTITY.id(), "identity — pass-through"));
    }

    private static <E extends Enum<E> & Named> List<Choice> named(Class<E> type) {
        List<Choice> c = new ArrayList<>();
        for (E e : type.getEnumConstants()) c.add(new Choice(e.jsonName(), e.jsonName()));
        return c;
    }

    private static String summary(TopologyRules r) {
        IommuGroups g = r.groups();
        if (!g.iommuPresent()) return "With these assumptions: no IOMMU, so no IOMMU groups; every device uses "
                + "dma-direct.";
        Map<DomainType, Integer> byType = new EnumMap<>(DomainType.class);
        for (IommuGroup group : g.groups()) byType.merge(r.defaultDomain(group).type(), 1, Integer::sum);
        StringBuilder sb = new StringBuilder("With these assumptions: ").append(g.groups().size())
                .append(g.groups().size() == 1 ? " IOMMU group" : " IOMMU groups");
        if (!byType.isEmpty()) {
            sb.append(" (default domain ");
            boolean first = true;
            for (Map.Entry<DomainType, Integer> e : byType.entrySet()) {
                if (!first) sb.append(", ");
                first = false;
                sb.append(e.getValue()).append(" × ").append(e.getKey().jsonName());
            }
            sb.append(")");
        }
        return sb.append(".").toString();
    }
}
