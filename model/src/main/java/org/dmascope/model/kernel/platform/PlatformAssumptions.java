package org.dmascope.model.kernel.platform;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.topology.Platform;
import org.dmascope.model.topology.Platform.Architecture;
import org.dmascope.model.topology.Platform.CpuVendor;
import org.dmascope.model.topology.Platform.DomainType;
import org.dmascope.model.topology.Platform.IommuDriver;
import org.dmascope.model.topology.Platform.MemoryEncryption;
import org.dmascope.model.topology.Platform.PageTableFormat;
import org.dmascope.model.topology.AddressRange;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.util.ByteSize;

/**
 * The platform facts lspci cannot give, each with where it came from. Precedence, highest first:
 * <ol>
 *   <li>what the user set for this run ({@link PlatformOverrides}: a CLI option, a panel choice);</li>
 *   <li>the user's kernel command line ({@code --cmdline}, the panel's command line), read as the kernel
 *       reads it (R-CMD-1 … R-CMD-10): it <em>replaces</em> the file's line, so a stored fact that the file's
 *       own line decided (its default domain after {@code iommu=pt}, its pool size after {@code swiotlb=N} …)
 *       gives way to what the user's line gives, or, where the user's line is silent, to the default;</li>
 *   <li>the topology file's stored facts (what the running kernel reported), which outrank the file's own
 *       command line because they are its observed result;</li>
 *   <li>the file's command line, where the file stores no result;</li>
 *   <li>inference from the topology (the CPU vendor implies the IOMMU, an external-facing port the DMAR
 *       platform opt-in);</li>
 *   <li>a stated default.</li>
 * </ol>
 * Every decision result lists the assumptions it used ({@link #all()}).
 */
public final class PlatformAssumptions {
    /** The default SME C-bit position: EPYC 7001/7002 and most Zen client parts (51 on EPYC 7003/9004). */
    public static final int DEFAULT_C_BIT = 47;

    private final Assumption<KernelProfile> profile;
    private final Assumption<Boolean> x86;
    private final Assumption<CpuIdentity> cpu;
    private final Assumption<IommuDriver> iommu;
    private final Assumption<DefaultDomainChoice> iommuMode;
    private final Assumption<Boolean> acsRequested;
    private final Assumption<KernelCommandLine> commandLine;
    private final Assumption<MemoryEncryption> memoryEncryption;
    private final Assumption<Integer> cBit;
    private final Assumption<SwiotlbParameter> swiotlb;
    private final Assumption<Boolean> forceDac;
    private final Assumption<PageTableFormat> pageTable;
    private final Assumption<Boolean> vtdCachingMode;
    private final Assumption<AmdEfr> amdEfr;
    private final Assumption<Boolean> amdSnp;
    private final Assumption<Boolean> kconfigPassthrough;
    private final OptionalInt maxIovaBits;
    private final OptionalLong swiotlbReportedBytes;
    private final Optional<BootedLine> booted;
    private final Optional<Inferred<CpuIdentity>> cpuInference;
    private final Assumption<Long> ram;
    private final Assumption<List<AssumedMachine.Candidate>> p2pMemory;
    private final PlatformOverrides overrides;

    /**
     * The line the machine of the file booted with, when the user's line replaces it: the input's ACS control
     * values are that boot's result, so the ACS options of both lines are compared (R-CMD-3, R-CMD-4).
     *
     * @param line         the file's line (empty when the file gives none), read by the same kernel profile
     * @param acsRequested whether that boot requested ACS
     */
    public record BootedLine(KernelCommandLine line, boolean acsRequested) {
    }

    private PlatformAssumptions(Builder b) {
        this.profile = b.profile;
        this.x86 = b.x86;
        this.cpu = b.cpu;
        this.iommu = b.iommu;
        this.iommuMode = b.iommuMode;
        this.acsRequested = b.acsRequested;
        this.commandLine = b.commandLine;
        this.memoryEncryption = b.memoryEncryption;
        this.cBit = b.cBit;
        this.swiotlb = b.swiotlb;
        this.forceDac = b.forceDac;
        this.pageTable = b.pageTable;
        this.vtdCachingMode = b.vtdCachingMode;
        this.amdEfr = b.amdEfr;
        this.amdSnp = b.amdSnp;
        this.kconfigPassthrough = b.kconfigPassthrough;
        this.maxIovaBits = b.maxIovaBits;
        this.swiotlbReportedBytes = b.swiotlbReportedBytes;
        this.booted = b.booted;
        this.cpuInference = b.cpuInference;
        this.ram = b.ram;
        this.p2pMemory = b.p2pMemory;
        this.overrides = b.overrides;
    }

    /** The resolved values, filled in order by {@link #resolve}. */
    private static final class Builder {
        Assumption<KernelProfile> profile;
        Assumption<Boolean> x86;
        Assumption<CpuIdentity> cpu;
        Assumption<IommuDriver> iommu;
        Assumption<DefaultDomainChoice> iommuMode;
        Assumption<Boolean> acsRequested;
        Assumption<KernelCommandLine> commandLine;
        Assumption<MemoryEncryption> memoryEncryption;
        Assumption<Integer> cBit;
        Assumption<SwiotlbParameter> swiotlb;
        Assumption<Boolean> forceDac;
        Assumption<PageTableFormat> pageTable;
        Assumption<Boolean> vtdCachingMode;
        Assumption<AmdEfr> amdEfr;
        Assumption<Boolean> amdSnp;
        Assumption<Boolean> kconfigPassthrough;
        OptionalInt maxIovaBits = OptionalInt.empty();
        OptionalLong swiotlbReportedBytes = OptionalLong.empty();
        Optional<BootedLine> booted = Optional.empty();
        Optional<Inferred<CpuIdentity>> cpuInference = Optional.empty();
        Assumption<Long> ram;
        Assumption<List<AssumedMachine.Candidate>> p2pMemory;
        PlatformOverrides overrides = PlatformOverrides.NONE;
    }

    /** Assumptions from the topology alone, mainline kernel. */
    public static PlatformAssumptions of(Topology t) {
        return resolve(t, PlatformOverrides.NONE);
    }

    public static PlatformAssumptions resolve(Topology t, PlatformOverrides o) {
        Platform p = t.platform();
        Builder b = new Builder();
        b.overrides = o;
        b.profile = o.profile()
                .map(k -> Assumption.of("kernel", k, k.id(), AssumptionSource.OPTION, k.label()))
                .orElse(Assumption.of("kernel", KernelProfile.MAINLINE, KernelProfile.MAINLINE.id(),
                        AssumptionSource.DEFAULT,
                        KernelProfile.MAINLINE.label() + " rules unless another profile is chosen"));
        KernelProfile k = b.profile.value();
        b.cpu = cpu(o, p, t);
        if (b.cpu.source() == AssumptionSource.INFERRED) b.cpuInference = PlatformInference.cpu(t);
        b.x86 = architecture(p, b.cpu);

        Lines lines = new Lines(t, o, k, b.x86.value());
        resolveIommu(b, o, p, lines, t);
        b.iommuMode = resolveMode(o, p, lines, b.x86.value(), b.iommu.value());
        b.memoryEncryption = resolveEncryption(o, p, lines, b.x86.value(), b.cpu.value());
        b.cBit = o.cBit()
                .map(v -> Assumption.of("cBit", v, "bit " + v, AssumptionSource.OPTION,
                        "SME C-bit position (CPUID 0x8000001F EBX[5:0]) for this run"))
                .orElse(Assumption.of("cBit", DEFAULT_C_BIT, "bit " + DEFAULT_C_BIT, AssumptionSource.DEFAULT,
                        "SME C-bit position not in the input: bit 47, as on EPYC 7001/7002 and most Zen client parts "
                                + "(EPYC 7003/9004 use 51); used only when SME is active"));
        resolveSwiotlb(b, p, lines);
        KernelCommandLine cl = lines.effective();
        boolean forced = ForceDac.forced(cl, b.iommu.value());
        boolean named = cl.iommuForcedac().isPresent() || cl.intelForcedac();
        b.forceDac = Assumption.of("forcedac", forced, forced ? "yes" : "no", named
                ? AssumptionSource.KERNEL_COMMAND_LINE : AssumptionSource.DEFAULT,
                ForceDac.reason(cl, b.iommu.value()));
        resolvePageTable(b, p, lines);
        b.vtdCachingMode = o.vtdCachingMode()
                .map(v -> Assumption.of("vtdCachingMode", v, v ? "yes" : "no", AssumptionSource.OPTION,
                        "VT-d Caching Mode (a virtual IOMMU inside a VM)"))
                .orElse(Assumption.of("vtdCachingMode", false, "no", AssumptionSource.DEFAULT,
                        "bare metal assumed: the VT-d unit does not report Caching Mode"));
        b.amdEfr = resolveAmdEfr(o, p);
        b.amdSnp = resolveAmdSnp(o, p);
        b.kconfigPassthrough = o.kconfigPassthrough()
                .map(v -> Assumption.of("kconfigPassthrough", v, v ? "y" : "n", AssumptionSource.OPTION,
                        "CONFIG_IOMMU_DEFAULT_PASSTHROUGH"))
                .orElse(Assumption.of("kconfigPassthrough", false, "n", AssumptionSource.DEFAULT,
                        "CONFIG_IOMMU_DEFAULT_PASSTHROUGH=n, as in mainline defconfigs and the common distributions"));
        b.commandLine = lines.assumption();
        b.ram = resolveRam(o, t, b.x86.value());
        b.p2pMemory = resolveP2pMemory(t);
        return new PlatformAssumptions(b);
    }

    /**
     * Issue 14: the AMD IOMMU's EFR, which lspci cannot show. Read only by the AMD driver's default-domain rule
     * (R-AMD-1); a machine whose input does not give it is assumed to report what Zen IOMMUs report.
     */
    private static Assumption<AmdEfr> resolveAmdEfr(PlatformOverrides o, Platform p) {
        if (o.amdEfr().isPresent()) {
            AmdEfr e = o.amdEfr().get();
            return Assumption.of("amdEfr", e, e.shown(), AssumptionSource.OPTION,
                    "the AMD IOMMU's Extended Feature Register for this run; " + EFR_MEANS);
        }
        if (p.iommu().amdEfr().isPresent()) {
            AmdEfr e = new AmdEfr(p.iommu().amdEfr().getAsLong());
            return Assumption.of("amdEfr", e, e.shown(), AssumptionSource.TOPOLOGY,
                    "the AMD IOMMU's Extended Feature Register as the topology gives it; " + EFR_MEANS);
        }
        return Assumption.of("amdEfr", AmdEfr.ASSUMED, AmdEfr.ASSUMED.shown() + " (assumed)", AssumptionSource.DEFAULT,
                "lspci cannot show the AMD IOMMU's Extended Feature Register; assumed to report GT and PPR (and "
                        + "GIOSup, EPHSup), as Zen IOMMUs do (\"AMD-Vi: Extended features (…): PPR … GT\" in dmesg): "
                        + "the AMD driver then asks an identity domain for PASID-capable devices; an IOMMU without "
                        + "them would leave those devices in the global default domain");
    }

    private static final String EFR_MEANS = "with GT and PPR (from 6.10 also GIOSup and EPHSup) the AMD driver asks "
            + "an identity domain for PASID-capable devices (R-AMD-1)";

    /** Whether SEV-SNP is enabled for the AMD IOMMU ({@code amd_iommu_snp_en}); assumed off. */
    private static Assumption<Boolean> resolveAmdSnp(PlatformOverrides o, Platform p) {
        if (o.amdSnp().isPresent()) {
            boolean v = o.amdSnp().get();
            return Assumption.of("amdSnp", v, v ? "yes" : "no", AssumptionSource.OPTION,
                    "SEV-SNP enabled on the host for the AMD IOMMU, for this run");
        }
        if (p.iommu().amdSnp().isPresent()) {
            boolean v = p.iommu().amdSnp().get();
            return Assumption.of("amdSnp", v, v ? "yes" : "no", AssumptionSource.TOPOLOGY,
                    "SEV-SNP on the AMD IOMMU as the topology gives it");
        }
        return Assumption.of("amdSnp", false, "no (assumed)", AssumptionSource.DEFAULT,
                "SEV-SNP not enabled on the host (it needs SNP firmware and a host set up for SEV-SNP guests); "
                        + "with SNP on, v6.3+ gives PASID-capable devices no identity domain (DTE[Mode]=0 is "
                        + "prohibited)");
    }

    /** Issue 10: RAM on every machine. The value is the RAM per node the assumed layout gives each node. */
    private static Assumption<Long> resolveRam(PlatformOverrides o, Topology t, boolean x86) {
        if (AssumedMachine.describesRam(t)) {
            long total = t.numaNodes().stream().mapToLong(n -> n.totalMemory()).sum();
            int nodes = (int) t.numaNodes().stream().filter(n -> !n.memory().isEmpty()).count();
            return Assumption.of("ram", 0L, ByteSize.human(total) + " on " + nodes + (nodes == 1 ? " node" : " nodes"),
                    AssumptionSource.TOPOLOGY, "System RAM as the topology describes it");
        }
        long perNode = o.ramPerNode().orElse(AssumedMachine.DEFAULT_RAM_PER_NODE);
        List<Integer> ids = AssumedMachine.nodes(t);
        Map<Integer, List<AddressRange>> layout =
                AssumedMachine.layout(t, perNode, x86);
        StringBuilder where = new StringBuilder();
        int shownNodes = 0;
        for (Map.Entry<Integer, List<AddressRange>> e : layout.entrySet()) {
            if (where.length() > 0) where.append("; ");
            if (shownNodes++ == 2) {
                where.append("and so on");
                break;
            }
            where.append("node ").append(e.getKey()).append(' ').append(String.join(", ", e.getValue().stream()
                    .map(Object::toString).toList()));
        }
        String shown = AssumedMachine.words(perNode, ids.size()) + " (assumed)";
        String tail = (t.numaNodes().isEmpty() ? "The input names no NUMA node, so the machine is taken as one node "
                + "0. " : ids.size() > t.numaNodes().size() ? "The input names node " + t.numaNodes().stream()
                .map(n -> String.valueOf(n.id())).collect(Collectors.joining(", ")) + "; Linux "
                + "numbers nodes from 0, so nodes " + ids.get(0) + "–" + ids.get(ids.size() - 1) + " are assumed. "
                : "") + "Assumed layout, clear of every BAR and window: " + where + ". It places a buffer's "
                + "pages; the kernel's decisions depend on it only where a buffer lies above 4 GiB (a 32-bit DMA mask "
                + "bounces through swiotlb)";
        if (o.ramPerNode().isPresent()) {
            return Assumption.of("ram", perNode, shown, AssumptionSource.OPTION,
                    "the input describes no System RAM; your size per node. " + tail);
        }
        return Assumption.of("ram", perNode, shown, AssumptionSource.DEFAULT, "the input describes no System RAM, so "
                + ByteSize.human(perNode) + " per NUMA node is assumed (change it in Platform & Kernel). " + tail);
    }

    /** Issue 10: P2P memory the export's devices could provide, offered "if a driver registered it". */
    private static Assumption<List<AssumedMachine.Candidate>> resolveP2pMemory(Topology t) {
        if (AssumedMachine.describesP2pMemory(t)) {
            return Assumption.of("p2pMemory", List.of(), "as the topology gives it", AssumptionSource.TOPOLOGY,
                    "P2P memory the drivers registered (pci_p2pdma_add_resource), as the topology describes it");
        }
        List<AssumedMachine.Candidate> c = AssumedMachine.p2pCandidates(t);
        if (c.isEmpty()) {
            return Assumption.of("p2pMemory", c, "none", AssumptionSource.DEFAULT, "no driver is known to have "
                    + "registered P2P memory, and no device the input shows could offer it (an NVMe controller "
                    + "memory buffer, a large 64-bit prefetchable GPU or accelerator BAR, with its address and size)");
        }
        StringBuilder why = new StringBuilder();
        for (AssumedMachine.Candidate x : c) {
            why.append(why.length() == 0 ? "" : "; ").append(x.words()).append(": ").append(x.why());
        }
        return Assumption.of("p2pMemory", c, String.join(", ", c.stream().map(AssumedMachine.Candidate::words)
                .toList()) + " (if a driver registered it)", AssumptionSource.INFERRED, "offered as P2P memory if a "
                + "driver registered it with pci_p2pdma_add_resource(); the input cannot show whether one did. " + why
                + ". If none did, mapping it fails: the provider has no P2P memory (R-P2P-8)");
    }

    /** The two command lines: the user's (if given) and the file's, both read by the profile's kernel. */
    private static final class Lines {
        final Optional<KernelCommandLine> user;
        final KernelCommandLine file;
        final boolean fileHasLine;

        Lines(Topology t, PlatformOverrides o, KernelProfile k, boolean x86) {
            this.fileHasLine = t.platform().kernelCommandLine().isPresent();
            this.file = KernelCommandLine.parse(t.platform().kernelCommandLine().orElse(""), k, x86);
            this.user = o.commandLine().map(s -> KernelCommandLine.parse(s, k, x86));
        }

        /** The line the rules follow: the user's, else the file's. */
        KernelCommandLine effective() {
            return user.orElse(file);
        }

        boolean userGiven() {
            return user.isPresent();
        }

        /** "your command line" or "the file's command line". */
        String whose() {
            return user.isPresent() ? "your command line" : "the file's command line";
        }

        Assumption<KernelCommandLine> assumption() {
            KernelCommandLine k = effective();
            String summary = k.notModelledSummary();
            String tail = summary.isEmpty() ? "" : ". " + Character.toUpperCase(summary.charAt(0))
                    + summary.substring(1);
            if (user.isPresent()) {
                String replaced = fileHasLine ? "; it replaces the file's \"" + file.text() + "\"" : "";
                return Assumption.of("cmdline", k, quoted(k.text()), AssumptionSource.OPTION,
                        "kernel command line given for this run" + replaced + tail);
            }
            if (fileHasLine) {
                return Assumption.of("cmdline", k, quoted(k.text()), AssumptionSource.TOPOLOGY,
                        "the kernel command line the machine booted with" + tail);
            }
            return Assumption.of("cmdline", k, "(none)", AssumptionSource.DEFAULT,
                    "no kernel command line known: no parameter changes the defaults");
        }
    }

    private static Assumption<CpuIdentity> cpu(PlatformOverrides o, Platform p, Topology t) {
        if (o.cpu().isPresent()) {
            return Assumption.of("cpu", o.cpu().get(), o.cpu().get().words(), AssumptionSource.OPTION,
                    "CPU 0 as cpu_supports_p2pdma() sees it");
        }
        if (p.cpu().vendor().isPresent()) {
            CpuIdentity c = new CpuIdentity(p.cpu().vendor(), p.cpu().family());
            return Assumption.of("cpu", c, c.words(), AssumptionSource.TOPOLOGY,
                    "CPU 0 as cpu_supports_p2pdma() sees it");
        }
        Optional<Inferred<CpuIdentity>> inferred = PlatformInference.cpu(t);
        if (inferred.isPresent()) {
            CpuIdentity c = inferred.get().value();
            return Assumption.of("cpu", c, c.words(), AssumptionSource.INFERRED,
                    "CPU 0 as cpu_supports_p2pdma() sees it, " + inferred.get().sentence()
                            + ". Set the CPU in Platform & Kernel (--cpu) if it is not");
        }
        return Assumption.of("cpu", CpuIdentity.UNKNOWN, "unknown", AssumptionSource.DEFAULT,
                "CPU vendor unknown: treated as a CPU that cpu_supports_p2pdma() does not accept (not AMD Zen)");
    }

    private static Assumption<Boolean> architecture(Platform p, Assumption<CpuIdentity> cpuAssumption) {
        CpuIdentity cpu = cpuAssumption.value();
        if (p.architecture().isPresent()) {
            return Assumption.of("architecture", p.architecture().get().isX86(), p.architecture().get().jsonName(),
                    AssumptionSource.TOPOLOGY, "x86-only rules (cpu_supports_p2pdma, iommu=pt) apply only on x86_64");
        }
        boolean armish = cpu.vendor().map(v -> v == CpuVendor.ARM || v == CpuVendor.AMPERE
                || v == CpuVendor.NVIDIA || v == CpuVendor.IBM).orElse(false);
        boolean inferred = armish && cpuAssumption.source() == AssumptionSource.INFERRED;
        return Assumption.of("architecture", !armish, armish ? "not x86" : Architecture.X86_64.jsonName(),
                inferred ? AssumptionSource.INFERRED : AssumptionSource.DEFAULT, armish
                        ? "an Arm/Power CPU vendor implies a non-x86 machine"
                                + (inferred ? " (the CPU was inferred; see cpu)" : "")
                        : "architecture not given: x86_64 assumed");
    }

    /** R-CMD-6: which IOMMU driver runs and whether ACS was requested, under the precedence above. */
    private static void resolveIommu(Builder b, PlatformOverrides o, Platform p, Lines lines, Topology t) {
        Optional<Inferred<IommuDriver>> inferred = PlatformInference.iommu(t, b.cpu.value(), b.x86.value());
        IommuDriver guess = inferred.map(Inferred::value).orElse(guessDriver(b.cpu.value(), b.x86.value()));
        Optional<IommuDriver> stored = p.iommu().driver();
        boolean optIn = t.functions().stream().anyMatch(f -> f.externalFacing().orElse(false));
        String optInWords = optIn ? " (DMAR platform opt-in inferred from an external-facing port)" : "";
        // the driver the machine would run without the line's on/off options
        IommuDriver base;
        AssumptionSource baseSource;
        String baseWords;
        boolean fileOff = stored.equals(Optional.of(IommuDriver.NONE)) && IommuStart.of(guess, lines.file, optIn)
                .driver() == IommuDriver.NONE && IommuStart.of(guess, lines.file, optIn).decided();
        if (stored.isPresent() && !fileOff) {
            base = stored.get();
            baseSource = AssumptionSource.TOPOLOGY;
            baseWords = iommuWords(base);
        } else if (fileOff) {
            base = guess;
            baseSource = AssumptionSource.KERNEL_COMMAND_LINE;
            baseWords = "the file's IOMMU is off by its own command line; without that option " + guess.jsonName()
                    + " runs";
        } else if (inferred.isPresent()) {
            base = guess;
            baseSource = AssumptionSource.INFERRED;
            baseWords = iommuWords(guess) + ", " + inferred.get().sentence() + ". If no IOMMU ran, there would be "
                    + "no groups and every device would use dma-direct (set the IOMMU to none to see it)";
        } else {
            base = guess;
            baseSource = AssumptionSource.DEFAULT;
            baseWords = "IOMMU not given: an enabled " + guess.jsonName()
                    + " IOMMU is assumed (IOMMU groups only exist with one)";
        }
        IommuStart fileStart = IommuStart.of(base, lines.file, optIn);
        boolean bootedRequested = stored.isPresent() && stored.get() != IommuDriver.NONE && !fileOff
                ? true : fileStart.acsRequested();
        IommuDriver driver;
        boolean requested;
        AssumptionSource source;
        String words;
        String acsWords;
        if (o.iommu().isPresent()) {
            driver = o.iommu().get();
            requested = driver != IommuDriver.NONE;
            source = AssumptionSource.OPTION;
            words = iommuWords(driver);
            acsWords = requested ? "the " + driver.jsonName() + " driver calls pci_request_acs() before PCI "
                    + "enumeration" : "no IOMMU driver: nothing requests ACS";
        } else {
            IommuStart start = IommuStart.of(base, lines.effective(), optIn);
            boolean storedRuns = stored.isPresent() && stored.get() != IommuDriver.NONE;
            if (start.decided() && (lines.userGiven() || !storedRuns)) {
                driver = start.driver();
                requested = start.acsRequested();
                source = AssumptionSource.KERNEL_COMMAND_LINE;
                words = start.reason() + " (" + lines.whose() + ")"
                        + (start.reason().startsWith("intel_iommu=off") ? optInWords : "");
                acsWords = start.reason();
            } else {
                driver = base;
                requested = base != IommuDriver.NONE;
                source = baseSource;
                words = baseWords;
                if (base == IommuDriver.NONE && lines.effective().intelIommu().orElse(false)) {
                    words += "; intel_iommu=on cannot start an IOMMU the topology says the machine runs without "
                            + "(CONFIG_INTEL_IOMMU_DEFAULT_ON=y assumed)";
                }
                acsWords = requested ? "the " + base.jsonName() + " driver calls pci_request_acs() before PCI "
                        + "enumeration; control registers shown in the input are used as they are"
                        : "no IOMMU driver: nothing requests ACS";
            }
        }
        b.iommu = Assumption.of("iommu", driver, driver.jsonName(), source, words);
        if (o.acsRequested().isPresent()) {
            boolean v = o.acsRequested().get();
            b.acsRequested = Assumption.of("acsRequested", v, v ? "yes" : "no", AssumptionSource.OPTION, v
                    ? "what-if: the IOMMU driver called pci_request_acs(), so the kernel sets SV|RR|CR|UF (as "
                            + "implemented) in every ACS control register"
                    : "the kernel did not request ACS; ACS control registers missing from the input are taken as 0");
            bootedRequested = v;
        } else {
            b.acsRequested = Assumption.of("acsRequested", requested, requested ? "yes" : "no", source, acsWords);
        }
        if (lines.userGiven()) b.booted = Optional.of(new BootedLine(lines.file, bootedRequested));
    }

    /** R-CMD-5 and R-GRP-3's input: the default domain the user, a line, the file or the default asks for. */
    private static Assumption<DefaultDomainChoice> resolveMode(PlatformOverrides o, Platform p, Lines lines,
            boolean x86, IommuDriver driver) {
        if (o.iommuMode().isPresent()) {
            DefaultDomainChoice m = o.iommuMode().get();
            return Assumption.of("iommuMode", m, m.id(), AssumptionSource.OPTION, modeWords(m));
        }
        IommuDomainRequest fileRequest = IommuDomainRequest.of(lines.file, driver);
        if (lines.userGiven()) {
            IommuDomainRequest req = IommuDomainRequest.of(lines.user.orElseThrow(), driver);
            if (req.present()) return fromRequest(req, x86, "your command line");
            if (fileRequest.present()) {
                DefaultDomainChoice m = x86 ? DefaultDomainChoice.LAZY : DefaultDomainChoice.DMA;
                return Assumption.of("iommuMode", m, m.id(), AssumptionSource.DEFAULT, "your command line replaces "
                        + "the file's, whose " + String.join(", ", fileRequest.reasons()) + " decided the stored "
                        + "default domain; without it the Kconfig default applies: " + modeWords(m));
            }
        }
        if (p.iommu().defaultDomain().isPresent()) {
            DomainType d = p.iommu().defaultDomain().get();
            DefaultDomainChoice m = switch (d) {
                case IDENTITY -> DefaultDomainChoice.IDENTITY;
                case DMA_FQ -> DefaultDomainChoice.LAZY;
                case DMA -> p.iommu().strict().orElse(true) ? DefaultDomainChoice.DMA : DefaultDomainChoice.LAZY;
                case BLOCKED -> DefaultDomainChoice.DMA;
            };
            return Assumption.of("iommuMode", m, m.id(), AssumptionSource.TOPOLOGY,
                    "default domain " + d.jsonName() + " as the running kernel reported it");
        }
        if (!lines.userGiven() && fileRequest.present()) {
            return fromRequest(fileRequest, x86, "the file's command line");
        }
        if (p.iommu().strict().isPresent()) {
            DefaultDomainChoice m = p.iommu().strict().get() ? DefaultDomainChoice.DMA : DefaultDomainChoice.LAZY;
            return Assumption.of("iommuMode", m, m.id(), AssumptionSource.TOPOLOGY,
                    "iommu.strict as the topology gives it");
        }
        DefaultDomainChoice m = x86 ? DefaultDomainChoice.LAZY : DefaultDomainChoice.DMA;
        return Assumption.of("iommuMode", m, m.id(), AssumptionSource.DEFAULT, x86
                ? "translated with a flush queue: CONFIG_IOMMU_DEFAULT_DMA_LAZY, the x86 Kconfig default"
                : "translated and strict: CONFIG_IOMMU_DEFAULT_DMA_STRICT, the default outside x86 and s390");
    }

    private static Assumption<DefaultDomainChoice> fromRequest(IommuDomainRequest req, boolean x86, String whose) {
        DefaultDomainChoice m;
        if (req.passthrough().orElse(false)) m = DefaultDomainChoice.IDENTITY;
        else if (req.strict().isPresent()) m = req.strict().get() ? DefaultDomainChoice.DMA : DefaultDomainChoice.LAZY;
        else m = x86 ? DefaultDomainChoice.LAZY : DefaultDomainChoice.DMA;
        return Assumption.of("iommuMode", m, m.id(), AssumptionSource.KERNEL_COMMAND_LINE,
                modeWords(m) + "; " + whose + ": " + String.join("; ", req.reasons()));
    }

    /** R-CMD-9: SME from the user, a line, the file or the default. */
    private static Assumption<MemoryEncryption> resolveEncryption(PlatformOverrides o, Platform p, Lines lines,
            boolean x86, CpuIdentity cpu) {
        if (o.memoryEncryption().isPresent()) {
            MemoryEncryption m = o.memoryEncryption().get();
            return Assumption.of("memoryEncryption", m, m.jsonName(), AssumptionSource.OPTION,
                    "memory encryption for this run");
        }
        MemEncrypt.Decision file = MemEncrypt.decide(lines.file.memEncrypt(), x86, cpu.vendor(), p.memoryEncryption());
        if (lines.userGiven()) {
            MemEncrypt.Decision user = MemEncrypt.decide(lines.user.orElseThrow().memEncrypt(), x86, cpu.vendor(),
                    p.memoryEncryption());
            if (user.encryption().isPresent()) {
                MemoryEncryption m = user.encryption().get();
                return Assumption.of("memoryEncryption", m, m.jsonName(), AssumptionSource.KERNEL_COMMAND_LINE,
                        user.reason() + " (your command line)");
            }
            if (file.encryption().equals(Optional.of(MemoryEncryption.SME_HOST))
                    && p.memoryEncryption().equals(Optional.of(MemoryEncryption.SME_HOST))) {
                return Assumption.of("memoryEncryption", MemoryEncryption.NONE, MemoryEncryption.NONE.jsonName(),
                        AssumptionSource.DEFAULT, "your command line replaces the file's, whose mem_encrypt=on made "
                                + "the machine an SME host; without it SME stays off");
            }
        }
        if (p.memoryEncryption().isPresent()) {
            MemoryEncryption m = p.memoryEncryption().get();
            return Assumption.of("memoryEncryption", m, m.jsonName(), AssumptionSource.TOPOLOGY,
                    "memory encryption the machine runs with");
        }
        if (!lines.userGiven() && file.encryption().isPresent()) {
            MemoryEncryption m = file.encryption().get();
            return Assumption.of("memoryEncryption", m, m.jsonName(), AssumptionSource.KERNEL_COMMAND_LINE,
                    file.reason() + " (the file's command line)");
        }
        return Assumption.of("memoryEncryption", MemoryEncryption.NONE, MemoryEncryption.NONE.jsonName(),
                AssumptionSource.DEFAULT, "no SME/SEV/TDX assumed");
    }

    /** R-CMD-8: what {@code swiotlb=} asks for, and the pool size the file reports when it still applies. */
    private static void resolveSwiotlb(Builder b, Platform p, Lines lines) {
        KernelCommandLine cl = lines.effective();
        SwiotlbParameter sp = cl.swiotlb();
        boolean fileSized = lines.userGiven() && lines.file.swiotlb().nslabs().isPresent();
        if (sp.nslabs().isEmpty() && !fileSized) b.swiotlbReportedBytes = p.swiotlb().size();
        boolean fileForced = lines.file.swiotlb().forced();
        boolean storedForced = p.swiotlb().forced().orElse(false) && !(lines.userGiven() && fileForced);
        AssumptionSource source;
        String words;
        if (!sp.isEmpty()) {
            source = AssumptionSource.KERNEL_COMMAND_LINE;
            words = "swiotlb=" + sp + " (" + lines.whose() + ")";
        } else if (storedForced) {
            source = AssumptionSource.TOPOLOGY;
            words = "the topology reports a forced pool (swiotlb=force)";
        } else {
            source = AssumptionSource.DEFAULT;
            words = "no swiotlb= given: the kernel decides from RAM, memory encryption and iommu=";
        }
        if (storedForced && !sp.force() && !sp.noforce()) {
            sp = new SwiotlbParameter(sp.nslabs(), sp.nareas(), true, false);
        }
        if (b.swiotlbReportedBytes.isPresent() && sp.nslabs().isEmpty()) {
            words += "; pool size " + (b.swiotlbReportedBytes.getAsLong() >> 20) + " MiB as the topology reports it";
        }
        b.swiotlb = Assumption.of("swiotlb", sp, sp.toString(), source, words);
    }

    /** R-CMD-10: the DMA domains' page-table format. */
    private static void resolvePageTable(Builder b, Platform p, Lines lines) {
        IommuDriver driver = b.iommu.value();
        DmaPageTable file = DmaPageTable.of(lines.file, driver);
        Optional<PageTableFormat> stored = p.iommu().pageTableFormat().filter(f -> driverOf(f) == driver);
        DmaPageTable chosen = null;
        AssumptionSource source = null;
        String words = null;
        if (lines.userGiven()) {
            DmaPageTable user = DmaPageTable.of(lines.user.orElseThrow(), driver);
            if (user.format().isPresent()) {
                chosen = user;
                source = AssumptionSource.KERNEL_COMMAND_LINE;
                words = user.reason() + " (your command line)";
            } else if (file.format().isPresent()) {
                stored = Optional.empty();
            }
        }
        if (chosen == null && stored.isPresent()) {
            b.pageTable = Assumption.of("pageTable", stored.get(), stored.get().jsonName(), AssumptionSource.TOPOLOGY,
                    "page-table format of DMA domains");
            return;
        }
        if (chosen == null && !lines.userGiven() && file.format().isPresent()) {
            chosen = file;
            source = AssumptionSource.KERNEL_COMMAND_LINE;
            words = file.reason() + " (the file's command line)";
        }
        if (chosen != null) {
            PageTableFormat f = chosen.format().orElseThrow();
            b.maxIovaBits = chosen.maxIovaBits();
            b.pageTable = Assumption.of("pageTable", f, f.jsonName(), source, words);
            return;
        }
        PageTableFormat f = defaultFormat(driver);
        b.pageTable = Assumption.of("pageTable", f, f.jsonName(), AssumptionSource.DEFAULT, switch (driver) {
            case INTEL_VTD -> "VT-d DMA domains assumed to use second-stage tables (first_level_by_default() false)";
            case AMD_VI -> "AMD DMA domains use v1 (host) tables unless amd_iommu=pgtbl_v2";
            case ARM_SMMU_V3 -> "SMMUv3 DMA domains use stage-1 LPAE tables";
            case NONE -> "no IOMMU: no DMA domains";
        });
    }

    private static IommuDriver driverOf(PageTableFormat f) {
        return switch (f) {
            case VTD_FIRST_STAGE, VTD_SECOND_STAGE -> IommuDriver.INTEL_VTD;
            case AMD_V1, AMD_V2 -> IommuDriver.AMD_VI;
            case ARM_64_LPAE_S1, ARM_64_LPAE_S2 -> IommuDriver.ARM_SMMU_V3;
        };
    }

    private static PageTableFormat defaultFormat(IommuDriver d) {
        return switch (d) {
            case AMD_VI -> PageTableFormat.AMD_V1;
            case ARM_SMMU_V3 -> PageTableFormat.ARM_64_LPAE_S1;
            default -> PageTableFormat.VTD_SECOND_STAGE;
        };
    }

    private static String modeWords(DefaultDomainChoice m) {
        return switch (m) {
            case DMA -> "translated, strict IOTLB flushing (iommu.strict=1)";
            case LAZY -> "translated, lazy flushing through a flush queue (iommu.strict=0)";
            case IDENTITY -> "pass-through (iommu.passthrough=1 / iommu=pt)";
        };
    }

    private static IommuDriver guessDriver(CpuIdentity cpu, boolean x86) {
        if (!x86) return IommuDriver.ARM_SMMU_V3;
        CpuVendor v = cpu.vendor().orElse(CpuVendor.INTEL);
        return v == CpuVendor.AMD || v == CpuVendor.HYGON ? IommuDriver.AMD_VI : IommuDriver.INTEL_VTD;
    }

    private static String iommuWords(IommuDriver d) {
        return switch (d) {
            case NONE -> "no IOMMU: no groups, devices use dma-direct, nothing requests ACS";
            case INTEL_VTD -> "Intel VT-d (DMAR)";
            case AMD_VI -> "AMD-Vi (IVRS); enables the AMD southbridge ACS quirk";
            case ARM_SMMU_V3 -> "Arm SMMUv3";
        };
    }

    private static String quoted(String s) {
        return s.isEmpty() ? "(empty)" : "\"" + s + "\"";
    }

    public Assumption<KernelProfile> profileAssumption() {
        return profile;
    }

    public KernelProfile profile() {
        return profile.value();
    }

    public Assumption<Boolean> x86Assumption() {
        return x86;
    }

    public boolean isX86() {
        return x86.value();
    }

    public Assumption<CpuIdentity> cpuAssumption() {
        return cpu;
    }

    public CpuIdentity cpu() {
        return cpu.value();
    }

    /** The device and line the CPU was inferred from, when it was inferred. */
    public Optional<Inferred<CpuIdentity>> cpuInference() {
        return cpuInference;
    }

    public Assumption<IommuDriver> iommuAssumption() {
        return iommu;
    }

    public IommuDriver iommu() {
        return iommu.value();
    }

    public boolean iommuPresent() {
        return iommu.value() != IommuDriver.NONE;
    }

    public Assumption<DefaultDomainChoice> iommuModeAssumption() {
        return iommuMode;
    }

    public DefaultDomainChoice iommuMode() {
        return iommuMode.value();
    }

    public Assumption<Boolean> acsRequestedAssumption() {
        return acsRequested;
    }

    public boolean acsRequested() {
        return acsRequested.value();
    }

    /**
     * True when the user asked "what if the IOMMU driver requested ACS": then the kernel-set control
     * bits are applied on top of the control values the input shows.
     */
    public boolean acsWhatIf() {
        return acsRequested.value() && acsRequested.source() == AssumptionSource.OPTION;
    }

    public Assumption<KernelCommandLine> commandLineAssumption() {
        return commandLine;
    }

    /** The command line the rules follow: the user's if given, else the file's (possibly empty). */
    public KernelCommandLine commandLine() {
        return commandLine.value();
    }

    /** The file's boot, when the user's command line replaces its line. */
    /** The user's choices these assumptions were resolved with: a what-if changes one and resolves again. */
    public PlatformOverrides overrides() {
        return overrides;
    }

    public Optional<BootedLine> booted() {
        return booted;
    }

    public Assumption<MemoryEncryption> memoryEncryptionAssumption() {
        return memoryEncryption;
    }

    public MemoryEncryption memoryEncryption() {
        return memoryEncryption.value();
    }

    public Assumption<Integer> cBitAssumption() {
        return cBit;
    }

    /**
     * {@code sme_me_mask}: the C-bit that {@code phys_to_dma()} adds on an SME host (R-DIR-1), 0 elsewhere.
     */
    public long smeMask() {
        return memoryEncryption.value() == MemoryEncryption.SME_HOST ? 1L << cBit.value() : 0;
    }

    public Assumption<SwiotlbParameter> swiotlbAssumption() {
        return swiotlb;
    }

    /** What {@code swiotlb=} asks for, with a forced pool the file reports (R-CMD-8). */
    public SwiotlbParameter swiotlb() {
        return swiotlb.value();
    }

    /** The pool size the file reports, when no command line replaces what decided it. */
    public OptionalLong swiotlbReportedBytes() {
        return swiotlbReportedBytes;
    }

    public Assumption<Boolean> forceDacAssumption() {
        return forceDac;
    }

    /** {@code iommu.forcedac}: PCI devices skip the 32-bit IOVA attempt (R-CMD-7). */
    public boolean forceDac() {
        return forceDac.value();
    }

    public Assumption<PageTableFormat> pageTableAssumption() {
        return pageTable;
    }

    /** The DMA domains' page-table format (R-CMD-10). */
    public PageTableFormat pageTable() {
        return pageTable.value();
    }

    /** The IOVA width the page-table format allows, when it is narrower than the IOMMU's (AMD v2). */
    public OptionalInt maxIovaBits() {
        return maxIovaBits;
    }

    public Assumption<Boolean> vtdCachingModeAssumption() {
        return vtdCachingMode;
    }

    /** Whether VT-d DMA domains use first-stage tables: from {@link #pageTableAssumption()}. */
    public Assumption<Boolean> vtdFirstStageAssumption() {
        boolean first = pageTable.value() == PageTableFormat.VTD_FIRST_STAGE;
        return Assumption.of("vtdFirstStage", first, pageTable.shown(), pageTable.source(), pageTable.detail());
    }

    public Assumption<AmdEfr> amdEfrAssumption() {
        return amdEfr;
    }

    public Assumption<Boolean> amdSnpAssumption() {
        return amdSnp;
    }

    public Assumption<Boolean> kconfigPassthroughAssumption() {
        return kconfigPassthrough;
    }

    public Assumption<Long> ramAssumption() {
        return ram;
    }

    /** RAM per node of the assumed layout (used only when the topology describes no RAM). */
    public long ramPerNode() {
        return ram.value() > 0 ? ram.value() : AssumedMachine.DEFAULT_RAM_PER_NODE;
    }

    public Assumption<List<AssumedMachine.Candidate>> p2pMemoryAssumption() {
        return p2pMemory;
    }

    /** P2P memory offered "if a driver registered it" on devices that could provide it; empty when none. */
    public List<AssumedMachine.Candidate> p2pCandidates() {
        return p2pMemory.value();
    }

    /** Every assumption, in a stable order, for reports. */
    public List<Assumption<?>> all() {
        return List.of(profile, x86, cpu, iommu, iommuMode, acsRequested, commandLine, memoryEncryption, cBit, swiotlb,
                forceDac, pageTable, vtdCachingMode, amdEfr, amdSnp, kconfigPassthrough, ram, p2pMemory);
    }

    /** The assumptions a P2PDMA decision reads. */
    public List<Assumption<?>> forP2p() {
        return List.of(profile, x86, cpu, iommu, acsRequested, commandLine, p2pMemory);
    }

        /**
     * The assumptions IOMMU grouping reads; on an AMD IOMMU also the EFR and SNP state, which decide a group's
     * identity domain (R-AMD-1) shown with the groups.
     */
    public List<Assumption<?>> forGroups() {
        if (iommu.value() == IommuDriver.AMD_VI) {
            return List.of(profile, iommu, acsRequested, commandLine, amdEfr, amdSnp);
        }
        return List.of(profile, iommu, acsRequested, commandLine);
    }

    /** The assumptions the default domain type reads. */
    public List<Assumption<?>> forDomains() {
        if (iommu.value() == IommuDriver.AMD_VI) {
            return List.of(profile, x86, iommu, iommuMode, commandLine, memoryEncryption, amdEfr, amdSnp,
                    kconfigPassthrough);
        }
        return List.of(profile, x86, iommu, iommuMode, commandLine, memoryEncryption, vtdCachingMode, pageTable,
                kconfigPassthrough);
    }

    /** The assumptions a mapping reads beyond the device's domain: swiotlb, SME, IOVA allocation. */
    public List<Assumption<?>> forMapping() {
        if (iommu.value() == IommuDriver.AMD_VI) {
            return List.of(profile, iommu, iommuMode, commandLine, memoryEncryption, cBit, swiotlb, forceDac,
                    pageTable, amdEfr, amdSnp, ram, p2pMemory);
        }
        return List.of(profile, iommu, iommuMode, commandLine, memoryEncryption, cBit, swiotlb, forceDac, pageTable,
                ram, p2pMemory);
    }

    public Optional<Assumption<?>> byName(String name) {
        return all().stream().filter(a -> a.name().equals(name)).findFirst();
    }
}
