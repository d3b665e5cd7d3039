package org.dmascope.model.kernel.platform;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.dmascope.model.kernel.profile.KernelFeature;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.kernel.profile.KernelVersion;
import org.dmascope.model.kernel.rule.KernelRule;

/**
 * R-CMD-1 the kernel command line as the kernel reads it (init/main.c, kernel/params.c, lib/cmdline.c;
 * v6.19.0, with the differences of v5.4.273 and v5.15.85 noted where a handler changed):
 * <ul>
 *   <li>{@code next_arg()} splits at blanks outside double quotes and drops one pair of quotes around the value
 *       or the whole {@code "name=value"}; a bare {@code --} ends both passes (the rest goes to init);
 *       names compare with {@code -} and {@code _} alike ({@code parameq}); values are taken as written;</li>
 *   <li>pass 1 ({@code parse_early_param}) runs the early parameters in line order: x86 {@code iommu=},
 *       {@code iommu.passthrough=}, {@code iommu.strict=}, {@code iommu.forcedac=} (v5.13+), {@code swiotlb=},
 *       {@code pci=}; pass 2 runs the {@code __setup} ones, {@code intel_iommu=} and {@code amd_iommu=}, so these
 *       act after every early parameter wherever they stand;</li>
 *   <li>each occurrence calls its handler again: a setting's last occurrence wins, and {@code pci=}'s lists
 *       ({@code disable_acs_redir=}, {@code config_acs=}) keep only the last list, which a comma ends;</li>
 *   <li>{@code iommu=}, {@code intel_iommu=}, {@code amd_iommu=} take comma-separated options compared by prefix
 *       ({@code strncmp}); v5.x's {@code amd_iommu=} finds its words anywhere in the value;</li>
 *   <li>{@code kstrtobool()} reads the first character ({@code 1yY} / {@code 0nN}, v6.1+ also {@code tT}/{@code fF},
 *       v6.19 also {@code eE}/{@code dD}) or {@code o} plus {@code n}/{@code f}; another value makes the early
 *       parameter "malformed" and changes nothing;</li>
 *   <li>{@code mem_encrypt=} is read from the raw line before either pass (R-CMD-9).</li>
 * </ul>
 * Every parameter is either modelled (an effect below), or listed: by name with the reason when it matters
 * but is not modelled or the kernel does not know it, summarised when it does not touch DMA. What each
 * modelled value does: R-CMD-2 … R-CMD-10.
 */
@KernelRule("R-CMD-1")
public final class KernelCommandLine {
    /** No command line. */
    public static final KernelCommandLine EMPTY = parse("");

    private final String text;
    private final KernelVersion profile;
    private final boolean x86;
    private final List<String> names = new ArrayList<>();
    private String afterDashDash = "";
    private Optional<Boolean> passthrough = Optional.empty();
    private String passthroughBy = "";
    private Optional<Boolean> iommuStrict = Optional.empty();
    private boolean intelStrict;
    private boolean amdFullflush;
    private boolean amdForceIsolation;
    private boolean iommuOff;
    private boolean iommuSoft;
    private Optional<Boolean> intelIommu = Optional.empty();
    private boolean amdIommuOff;
    private Optional<Boolean> iommuForcedac = Optional.empty();
    private boolean intelForcedac;
    private Optional<Boolean> scalableMode = Optional.empty();
    private OptionalInt amdPageTable = OptionalInt.empty();
    private Optional<String> disableAcsRedir = Optional.empty();
    private Optional<String> configAcs = Optional.empty();
    private boolean atsDisabled;
    private SwiotlbParameter swiotlb = SwiotlbParameter.NONE;
    private final Optional<Boolean> memEncrypt;
    private final List<String> problems = new ArrayList<>();
    private final List<String> notModelled = new ArrayList<>();
    private final Set<String> unrelated = new LinkedHashSet<>();

    private KernelCommandLine(String line, KernelVersion profile, boolean x86) {
        this.text = line == null ? "" : line.trim();
        this.profile = profile;
        this.x86 = x86;
        this.memEncrypt = MemEncrypt.requested(text, profile);
        List<Param> params = tokens();
        for (Param p : params) early(p);
        for (Param p : params) setup(p);
        if (!afterDashDash.isEmpty()) {
            notModelled.add("\"" + afterDashDash + "\" after \"--\" goes to init: the kernel does not read it");
        }
    }

    /** The line read by mainline rules on x86. */
    public static KernelCommandLine parse(String line) {
        return parse(line, KernelProfile.MAINLINE, true);
    }

    /** The line read by the given kernel on an x86 or other machine ({@code iommu=} is x86-only). */
    public static KernelCommandLine parse(String line, KernelVersion profile, boolean x86) {
        return new KernelCommandLine(line, profile, x86);
    }

    /** One {@code name[=value]} as {@code next_arg()} returns it. */
    private record Param(String name, String value) {
        String key() {
            return name.replace('-', '_');
        }

        String shown() {
            return value == null ? name : name + "=" + value;
        }
    }

    /** {@code parse_args()} with {@code next_arg()}: the parameters before a bare {@code --}. */
    private List<Param> tokens() {
        List<Param> out = new ArrayList<>();
        int i = skipBlanks(text, 0);
        while (i < text.length()) {
            boolean quoted = text.charAt(i) == '"';
            int start = quoted ? i + 1 : i;
            boolean inQuote = quoted;
            int equals = -1;
            int end = start;
            for (; end < text.length(); end++) {
                char c = text.charAt(end);
                if (Character.isWhitespace(c) && !inQuote) break;
                if (equals < 0 && c == '=' && end > start) equals = end;
                if (c == '"') inQuote = !inQuote;
            }
            // one closing quote is dropped: the value's own, or the one of a quoted "name=value"
            boolean lastIsQuote = end > start && text.charAt(end - 1) == '"';
            String name;
            String value = null;
            if (equals < 0) {
                name = text.substring(start, quoted && lastIsQuote ? end - 1 : end);
            } else {
                name = text.substring(start, equals);
                int v = equals + 1;
                boolean valueQuoted = v < end && text.charAt(v) == '"';
                if (valueQuoted) v++;
                int vend = (valueQuoted || quoted) && lastIsQuote && end - 1 >= v ? end - 1 : end;
                value = text.substring(v, Math.max(v, vend));
            }
            i = skipBlanks(text, end);
            if (value == null && name.equals("--")) {
                afterDashDash = text.substring(i).trim();
                break;
            }
            out.add(new Param(name, value));
            names.add(name);
        }
        return out;
    }

    private static int skipBlanks(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        return i;
    }

    // ---- pass 1: early parameters ----

    private void early(Param p) {
        switch (p.key()) {
            case "iommu" -> {
                if (!x86) {
                    notModelled.add(p.shown() + ": iommu= is an x86 parameter; this kernel passes it to init "
                            + "(use iommu.passthrough=)");
                } else if (p.value() == null) {
                    malformed(p);
                } else {
                    x86Iommu(p.value());
                }
            }
            case "iommu.passthrough" -> kstrtobool(p).ifPresent(v -> {
                passthrough = Optional.of(v);
                passthroughBy = p.shown();
            });
            case "iommu.strict" -> kstrtobool(p).ifPresent(v -> iommuStrict = Optional.of(v));
            case "iommu.forcedac" -> {
                if (profile.atLeast(5, 13)) kstrtobool(p).ifPresent(v -> iommuForcedac = Optional.of(v));
                else problems.add(p.shown() + " is not known to " + profile.label()
                        + " (iommu.forcedac= arrived in v5.13): passed to init, no effect");
            }
            case "swiotlb" -> {
                if (p.value() == null) malformed(p);
                else swiotlb = swiotlb.setup(p.value(), profile);
            }
            case "pci" -> {
                if (p.value() == null) malformed(p);
                else pciSetup(p.value());
            }
            default -> {
            }
        }
    }

    private void malformed(Param p) {
        problems.add("Malformed early option '" + p.name() + "': " + p.shown() + " changes nothing");
    }

    /** {@code kstrtobool()} of an early parameter; empty (and a problem) when the kernel refuses it. */
    private Optional<Boolean> kstrtobool(Param p) {
        Optional<Boolean> b = p.value() == null ? Optional.empty() : kstrtobool(p.value(), profile);
        if (b.isEmpty()) {
            problems.add(p.shown() + " is not a boolean to " + profile.label() + " (Malformed early option '"
                    + p.name() + "'): the kernel ignores it");
        }
        return b;
    }

    /** {@code kstrtobool()} (lib/kstrtox.c) of the profile's kernel. */
    static Optional<Boolean> kstrtobool(String s, KernelVersion profile) {
        if (s.isEmpty()) return Optional.empty();
        char c = s.charAt(0);
        switch (c) {
            case '1', 'y', 'Y':
                return Optional.of(true);
            case '0', 'n', 'N':
                return Optional.of(false);
            case 't', 'T':
                return profile.atLeast(6, 1) ? Optional.of(true) : Optional.empty();
            case 'f', 'F':
                return profile.atLeast(6, 1) ? Optional.of(false) : Optional.empty();
            case 'e', 'E':
                return profile.atLeast(6, 19) ? Optional.of(true) : Optional.empty();
            case 'd', 'D':
                return profile.atLeast(6, 19) ? Optional.of(false) : Optional.empty();
            case 'o', 'O':
                if (s.length() < 2) return Optional.empty();
                char d = Character.toLowerCase(s.charAt(1));
                return d == 'n' ? Optional.of(true) : d == 'f' ? Optional.of(false) : Optional.empty();
            default:
                return Optional.empty();
        }
    }

    /** {@code iommu_setup()} (arch/x86/kernel/pci-dma.c): options by prefix, several may hit one option. */
    private void x86Iommu(String value) {
        for (String o : value.split(",", -1)) {
            if (o.isEmpty()) continue;
            if (o.startsWith("off")) iommuOff = true;
            if (o.startsWith("soft")) iommuSoft = true;
            if (o.startsWith("pt")) {
                passthrough = Optional.of(true);
                passthroughBy = "iommu=" + o;
            }
            if (o.startsWith("nopt")) {
                passthrough = Optional.of(false);
                passthroughBy = "iommu=" + o;
            }
            if (o.startsWith("usedac")) {
                unrelated.add("iommu=usedac");
                return;
            }
            if (!o.startsWith("off") && !o.startsWith("soft") && !o.startsWith("pt") && !o.startsWith("nopt")) {
                unrelated.add("iommu=" + o + " (AMD K8 GART only)");
            }
        }
    }

    /** {@code pci_setup()} (drivers/pci/pci.c): comma-separated options; a list runs to the next comma. */
    private void pciSetup(String value) {
        for (String o : value.split(",", -1)) {
            if (o.isEmpty()) continue;
            if (o.startsWith("noats")) {
                atsDisabled = true;
            } else if (o.startsWith("disable_acs_redir=")) {
                disableAcsRedir = Optional.of(o.substring("disable_acs_redir=".length()));
                listCheck("pci=disable_acs_redir=", disableAcsRedir.get(), false);
            } else if (o.startsWith("config_acs=")) {
                if (profile.atLeast(6, 11)) {
                    configAcs = Optional.of(o.substring("config_acs=".length()));
                    listCheck("pci=config_acs=", configAcs.get(), true);
                } else {
                    problems.add("PCI: Unknown option `" + o + "': " + KernelFeature.CONFIG_ACS.kernelName()
                            + " is not in " + (profile instanceof KernelProfile p ? "Linux " + p.version()
                                    : profile.label()) + " (since " + KernelFeature.CONFIG_ACS.since()
                            + "), so the kernel ignores it");
                }
            } else {
                UnmodelledParameters.pciOption(o, notModelled, unrelated, problems);
            }
        }
    }

    /**
     * The static check of a device list: walks it as the kernel does for a device that no entry names and
     * says where the walk would stop.
     */
    private void listCheck(String what, String list, boolean flags) {
        int i = 0;
        int entry = 1;
        while (i < list.length()) {
            int specStart = i;
            if (flags && (entry == 1 || profile.atLeast(6, 15))) {
                int at = list.indexOf('@', i);
                if (at < 0) {
                    problems.add(what + " entry " + entry + " has no '@' (\"ACS Flags missing\"): the kernel "
                            + "leaves every device it reaches alone");
                    return;
                }
                String f = list.substring(i, at);
                if (!f.matches("[01xX]*")) {
                    problems.add(what + " entry " + entry + " flags \"" + f + "\" are not 0, 1 or x (\"Invalid ACS "
                            + "flags... Ignoring\"): devices not named before it are left alone");
                    return;
                }
                if (f.length() > 7 && f.substring(0, f.length() - 7).matches(".*[01].*")) {
                    problems.add(what + " entry " + entry + " flags \"" + f + "\" set bits above DT (\"Invalid ACS "
                            + "flags specified\"): devices not named before it are left alone");
                    return;
                }
                specStart = at + 1;
            }
            PciDeviceList.StrMatch m = PciDeviceList.strMatch(null, null, list, specStart);
            String spec = list.substring(specStart, Math.min(list.length(), Math.max(specStart, m.end())));
            if (m.failed()) {
                problems.add(what + " entry " + entry + " \"" + list.substring(specStart) + "\" cannot be parsed "
                        + "(\"PCI: Can't parse ACS command line parameter\"): the kernel stops the list there for "
                        + "every device not named before it");
                return;
            }
            i = m.end();
            if (i >= list.length()) return;
            if (list.charAt(i) != ';' && list.charAt(i) != ',') {
                problems.add(what + " entry " + entry + " \"" + spec + "\" is followed by \"" + list.substring(i)
                        + "\": the kernel ends the list there");
                return;
            }
            i++;
            entry++;
            if (flags && !profile.atLeast(6, 15) && i < list.length()) {
                problems.add(what + ": " + profile.label() + " reads the flags of the first entry only; a device "
                        + "reaching entry " + entry + " stops the walk (\"Can't parse ACS command line parameter\"); "
                        + "fixed in v6.15");
                return;
            }
        }
    }

    // ---- pass 2: __setup parameters ----

    private void setup(Param p) {
        String k = p.key();
        if (k.equals("intel_iommu") && p.value() != null) {
            intelIommu(p.value());
        } else if (k.equals("amd_iommu") && p.value() != null) {
            amdIommu(p.value());
        } else if (!isModelledEarly(k) && !k.equals("mem_encrypt")) {
            UnmodelledParameters.parameter(p.name(), p.value(), notModelled, unrelated);
        }
    }

    private static boolean isModelledEarly(String k) {
        return switch (k) {
            case "iommu", "iommu.passthrough", "iommu.strict", "iommu.forcedac", "swiotlb", "pci" -> true;
            default -> false;
        };
    }

    /** {@code intel_iommu_setup()}: the first option each comma-separated word starts with. */
    private void intelIommu(String value) {
        for (String o : value.split(",", -1)) {
            if (o.isEmpty()) continue;
            if (o.startsWith("on")) {
                intelIommu = Optional.of(true);
            } else if (o.startsWith("off")) {
                intelIommu = Optional.of(false);
            } else if (o.startsWith("igfx_off")) {
                notModelled.add("intel_iommu=igfx_off: a DMAR unit covering only graphics is ignored"
                        + (profile.atLeast(6, 2) ? "" : " and graphics devices get an identity domain")
                        + " (not modelled)");
            } else if (o.startsWith("forcedac")) {
                intelForcedac = true;
            } else if (o.startsWith("strict")) {
                intelStrict = true;
            } else if (o.startsWith("sp_off")) {
                notModelled.add("intel_iommu=sp_off: no super pages in the I/O page table (not modelled: the page "
                        + "tables drawn use the sizes the hardware allows)");
            } else if (o.startsWith("sm_on")) {
                scalableMode = Optional.of(true);
            } else if (o.startsWith("sm_off") && profile.atLeast(5, 15)) {
                scalableMode = Optional.of(false);
            } else if (o.startsWith("tboot_noforce")) {
                unrelated.add("intel_iommu=tboot_noforce");
            } else if (o.startsWith("nobounce") && !profile.atLeast(5, 15)) {
                notModelled.add("intel_iommu=nobounce: untrusted devices are not bounced (not modelled)");
            } else {
                problems.add("intel_iommu=" + o + ": \"Unknown option\" to " + profile.label());
            }
        }
    }

    /** {@code parse_amd_iommu_options()}: v6.1+ by comma-separated prefix, v5.x by substring. */
    private void amdIommu(String value) {
        if (!profile.atLeast(6, 1)) {
            for (int i = 0; i < value.length(); i++) {
                if (value.startsWith("fullflush", i)) amdFullflush = true;
                if (value.startsWith("off", i)) amdIommuOff = true;
                if (value.startsWith("force_isolation", i)) setAmdForceIsolation();
                if (value.startsWith("force_enable", i) && profile.atLeast(5, 15)) unrelated.add("amd_iommu="
                        + "force_enable");
            }
            if (value.contains("pgtbl_v")) problems.add("amd_iommu=" + value + ": page-table choice arrived in "
                    + "v6.1; " + profile.label() + " ignores it");
            return;
        }
        for (String o : value.split(",", -1)) {
            if (o.isEmpty()) continue;
            if (o.startsWith("fullflush")) amdFullflush = true;
            else if (o.startsWith("force_enable")) unrelated.add("amd_iommu=force_enable (Stoney Ridge only)");
            else if (o.startsWith("off")) amdIommuOff = true;
            else if (o.startsWith("force_isolation")) setAmdForceIsolation();
            else if (o.startsWith("pgtbl_v1")) amdPageTable = OptionalInt.of(1);
            else if (o.startsWith("pgtbl_v2")) amdPageTable = OptionalInt.of(2);
            else if (o.startsWith("irtcachedis")) unrelated.add("amd_iommu=irtcachedis");
            else if (o.startsWith("nohugepages") || o.startsWith("v2_pgsizes_only")) {
                notModelled.add("amd_iommu=" + o + ": fewer page sizes in the I/O page table (not modelled)");
            } else {
                problems.add("amd_iommu=" + o + ": \"Unknown option\" to " + profile.label());
            }
        }
    }

    /** Read by R-AMD-1: PASID-capable devices keep the global default unless that is pass-through. */
    private void setAmdForceIsolation() {
        amdForceIsolation = true;
    }

    // ---- what the line says ----

    /** The line as given. */
    public String text() {
        return text;
    }

    /** The kernel whose rules read the line. */
    public KernelVersion profile() {
        return profile;
    }

    /** Read as an x86 kernel reads it. */
    public boolean x86() {
        return x86;
    }

    /** The parameter names before {@code --}, in order. */
    public List<String> names() {
        return List.copyOf(names);
    }

    /**
     * The last of {@code iommu.passthrough=} and x86 {@code iommu=pt|nopt} (R-CMD-5): true for pass-through,
     * false for translated; empty when neither is given.
     */
    public Optional<Boolean> passthrough() {
        return passthrough;
    }

    /** Which parameter set {@link #passthrough()}, e.g. {@code iommu=pt}. */
    public String passthroughBy() {
        return passthroughBy;
    }

    /** The last valid {@code iommu.strict=}. */
    public Optional<Boolean> iommuStrict() {
        return iommuStrict;
    }

    /** {@code intel_iommu=strict}. */
    public boolean intelStrict() {
        return intelStrict;
    }

    /** {@code amd_iommu=fullflush}. */
    public boolean amdFullflush() {
        return amdFullflush;
    }

    /** x86 {@code iommu=off} ({@code no_iommu}). */
    public boolean iommuOff() {
        return iommuOff;
    }

    /** x86 {@code iommu=soft}: a swiotlb pool whatever the RAM size. */
    public boolean iommuSoft() {
        return iommuSoft;
    }

    /** The last {@code intel_iommu=on} (true) or {@code intel_iommu=off} (false). */
    public Optional<Boolean> intelIommu() {
        return intelIommu;
    }

    /** {@code amd_iommu=off}. */
    public boolean amdIommuOff() {
        return amdIommuOff;
    }

    /** The last valid {@code iommu.forcedac=} (v5.13+). */
    public Optional<Boolean> iommuForcedac() {
        return iommuForcedac;
    }

    /** {@code intel_iommu=forcedac}. */
    public boolean intelForcedac() {
        return intelForcedac;
    }

    /** The last {@code intel_iommu=sm_on} (true) or {@code sm_off} (false). */
    public Optional<Boolean> scalableMode() {
        return scalableMode;
    }

    /** The last {@code amd_iommu=pgtbl_v1} (1) or {@code pgtbl_v2} (2), v6.1+. */
    public OptionalInt amdPageTable() {
        return amdPageTable;
    }

    /** The last {@code pci=disable_acs_redir=} list, as written (R-CMD-2, R-CMD-3). */
    public Optional<String> disableAcsRedir() {
        return disableAcsRedir;
    }

    /** The last {@code pci=config_acs=} list (v6.11+), as written (R-CMD-2, R-CMD-4). */
    public Optional<String> configAcs() {
        return configAcs;
    }

    /** {@code amd_iommu=force_isolation}: the AMD driver ignores devices' PASID capabilities (R-AMD-1). */
    public boolean amdForceIsolation() {
        return amdForceIsolation;
    }

    /** {@code pci=noats}. */
    public boolean atsDisabled() {
        return atsDisabled;
    }

    /** What {@code swiotlb=} set (R-CMD-8). */
    public SwiotlbParameter swiotlb() {
        return swiotlb;
    }

    /** What {@code mem_encrypt=} asks for (R-CMD-9); empty when the line does not name it. */
    public Optional<Boolean> memEncrypt() {
        return memEncrypt;
    }

    /** Parameters the kernel refuses or ignores as written, each in a sentence. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Parameters that matter to DMA but that dmascope does not model, or does not know, each in a sentence. */
    public List<String> notModelled() {
        return List.copyOf(notModelled);
    }

    /** Parameters known not to touch what dmascope shows ({@code quiet}, {@code root=} …). */
    public List<String> unrelated() {
        return List.copyOf(unrelated);
    }

    /**
     * One sentence on what dmascope does not act on: the not-modelled parameters by name, the unrelated ones
     * summarised; empty when everything on the line is modelled.
     */
    public String notModelledSummary() {
        List<String> parts = new ArrayList<>();
        if (!notModelled.isEmpty()) parts.add("not modelled: " + String.join("; ", notModelled));
        if (!unrelated.isEmpty()) {
            parts.add(unrelated.size() + (unrelated.size() == 1 ? " parameter" : " parameters")
                    + " that do not touch DMA, not modelled (" + String.join(", ", unrelated) + ")");
        }
        return String.join(". ", parts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KernelCommandLine k && k.text.equals(text) && k.profile.equals(profile) && k.x86 == x86;
    }

    @Override
    public int hashCode() {
        return text.hashCode() * 31 + profile.hashCode() + (x86 ? 1 : 0);
    }

    @Override
    public String toString() {
        return text;
    }
}
