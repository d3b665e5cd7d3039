package org.dmascope.model.kernel.platform;

import java.util.List;
import java.util.Optional;

import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.topology.Platform;
import org.dmascope.model.topology.Platform.Architecture;
import org.dmascope.model.topology.Platform.CpuVendor;
import org.dmascope.model.topology.Platform.DomainType;
import org.dmascope.model.topology.Platform.IommuDriver;
import org.dmascope.model.topology.Platform.MemoryEncryption;
import org.dmascope.model.topology.Platform.PageTableFormat;
import org.dmascope.model.topology.Topology;

/**
 * The platform facts lspci cannot give, each with where it came from: the user's options first,
 * then the topology's platform section (and its kernel command line), then a stated default.
 * Every decision result lists the assumptions it used ({@link #all()}).
 */
public final class PlatformAssumptions {
    private final Assumption<KernelProfile> profile;
    private final Assumption<Boolean> x86;
    private final Assumption<CpuIdentity> cpu;
    private final Assumption<IommuDriver> iommu;
    private final Assumption<DefaultDomainChoice> iommuMode;
    private final Assumption<Boolean> acsRequested;
    private final Assumption<KernelCommandLine> commandLine;
    private final Assumption<MemoryEncryption> memoryEncryption;
    private final Assumption<Boolean> vtdCachingMode;
    private final Assumption<Boolean> vtdFirstStage;
    private final Assumption<Boolean> kconfigPassthrough;

    private PlatformAssumptions(Assumption<KernelProfile> profile, Assumption<Boolean> x86, Assumption<CpuIdentity> cpu,
                                Assumption<IommuDriver> iommu, Assumption<DefaultDomainChoice> iommuMode,
                                Assumption<Boolean> acsRequested, Assumption<KernelCommandLine> commandLine,
                                Assumption<MemoryEncryption> memoryEncryption, Assumption<Boolean> vtdCachingMode,
                                Assumption<Boolean> vtdFirstStage, Assumption<Boolean> kconfigPassthrough) {
        this.profile = profile;
        this.x86 = x86;
        this.cpu = cpu;
        this.iommu = iommu;
        this.iommuMode = iommuMode;
        this.acsRequested = acsRequested;
        this.commandLine = commandLine;
        this.memoryEncryption = memoryEncryption;
        this.vtdCachingMode = vtdCachingMode;
        this.vtdFirstStage = vtdFirstStage;
        this.kconfigPassthrough = kconfigPassthrough;
    }

    /** Assumptions from the topology alone, mainline kernel. */
    public static PlatformAssumptions of(Topology t) {
        return resolve(t, PlatformOverrides.NONE);
    }

    public static PlatformAssumptions resolve(Topology t, PlatformOverrides o) {
        Platform p = t.platform();

        Assumption<KernelProfile> profile = o.profile()
                .map(k -> Assumption.of("kernel", k, k.id(), AssumptionSource.OPTION, k.label()))
                .orElse(Assumption.of("kernel", KernelProfile.MAINLINE, KernelProfile.MAINLINE.id(),
                        AssumptionSource.DEFAULT,
                        KernelProfile.MAINLINE.label() + " rules unless another profile is chosen"));

        Assumption<KernelCommandLine> cmdline;
        if (o.commandLine().isPresent()) {
            KernelCommandLine k = KernelCommandLine.parse(o.commandLine().get());
            cmdline = Assumption.of("cmdline", k, quoted(k.text()), AssumptionSource.OPTION,
                    "kernel command line given for this run");
        } else if (p.kernelCommandLine().isPresent()) {
            KernelCommandLine k = KernelCommandLine.parse(p.kernelCommandLine().get());
            cmdline = Assumption.of("cmdline", k, quoted(k.text()), AssumptionSource.TOPOLOGY,
                    "the kernel command line the machine booted with");
        } else {
            cmdline = Assumption.of("cmdline", KernelCommandLine.EMPTY, "(none)", AssumptionSource.DEFAULT,
                    "no kernel command line known: no parameter changes the defaults");
        }
        KernelCommandLine cl = cmdline.value();

        Assumption<CpuIdentity> cpu;
        if (o.cpu().isPresent()) {
            cpu = Assumption.of("cpu", o.cpu().get(), o.cpu().get().words(), AssumptionSource.OPTION,
                    "CPU 0 as cpu_supports_p2pdma() sees it");
        } else if (p.cpu().vendor().isPresent()) {
            CpuIdentity c = new CpuIdentity(p.cpu().vendor(), p.cpu().family());
            cpu = Assumption.of("cpu", c, c.words(), AssumptionSource.TOPOLOGY,
                    "CPU 0 as cpu_supports_p2pdma() sees it");
        } else {
            cpu = Assumption.of("cpu", CpuIdentity.UNKNOWN, "unknown", AssumptionSource.DEFAULT,
                    "CPU vendor unknown: treated as a CPU that cpu_supports_p2pdma() does not accept (not AMD Zen)");
        }

        Assumption<Boolean> x86;
        if (p.architecture().isPresent()) {
            x86 = Assumption.of("architecture", p.architecture().get().isX86(), p.architecture().get().jsonName(),
                    AssumptionSource.TOPOLOGY, "x86-only rules (cpu_supports_p2pdma, iommu=pt) apply only on x86_64");
        } else {
            boolean armish = cpu.value().vendor().map(v -> v == CpuVendor.ARM || v == CpuVendor.AMPERE
                    || v == CpuVendor.NVIDIA || v == CpuVendor.IBM).orElse(false);
            x86 = Assumption.of("architecture", !armish, armish ? "not x86" : Architecture.X86_64.jsonName(),
                    AssumptionSource.DEFAULT,
                    armish ? "an Arm/Power CPU vendor implies a non-x86 machine"
                            : "architecture not given: x86_64 assumed");
        }

        Assumption<IommuDriver> iommu;
        if (o.iommu().isPresent()) {
            iommu = Assumption.of("iommu", o.iommu().get(), o.iommu().get().jsonName(), AssumptionSource.OPTION,
                    iommuWords(o.iommu().get()));
        } else if (p.iommu().driver().isPresent()) {
            iommu = Assumption.of("iommu", p.iommu().driver().get(), p.iommu().driver().get().jsonName(),
                    AssumptionSource.TOPOLOGY,
                    iommuWords(p.iommu().driver().get()));
        } else if (cl.iommuDisabled()) {
            iommu = Assumption.of("iommu", IommuDriver.NONE, IommuDriver.NONE.jsonName(),
                    AssumptionSource.KERNEL_COMMAND_LINE,
                    "intel_iommu=off / amd_iommu=off: the IOMMU driver does not start");
        } else {
            IommuDriver guess = guessDriver(cpu.value(), x86.value());
            iommu = Assumption.of("iommu", guess, guess.jsonName(), AssumptionSource.DEFAULT,
                    "IOMMU not given: an enabled " + guess.jsonName()
                            + " IOMMU is assumed (IOMMU groups only exist with one)");
        }

        Assumption<Boolean> acs;
        if (o.acsRequested().isPresent()) {
            boolean v = o.acsRequested().get();
            acs = Assumption.of("acsRequested", v, v ? "yes" : "no", AssumptionSource.OPTION, v
                    ? "what-if: the IOMMU driver called pci_request_acs(), so the kernel sets SV|RR|CR|UF (as "
                            + "implemented) in every ACS control register"
                    : "the kernel did not request ACS; ACS control registers missing from the input are taken as 0");
        } else if (iommu.value() != IommuDriver.NONE) {
            acs = Assumption.of("acsRequested", true, "yes", iommu.source(),
                    "the " + iommu.value().jsonName() + " driver calls pci_request_acs() before PCI enumeration; "
                            + "control registers shown in the input are used as they are");
        } else {
            acs = Assumption.of("acsRequested", false, "no", iommu.source(), "no IOMMU driver: nothing requests ACS");
        }

        Assumption<DefaultDomainChoice> mode = resolveMode(o, p, cl, x86.value());

        Assumption<MemoryEncryption> enc = o.memoryEncryption()
                .map(m -> Assumption.of("memoryEncryption", m, m.jsonName(), AssumptionSource.OPTION,
                        "memory encryption for this run"))
                .orElseGet(() -> p.memoryEncryption()
                        .map(m -> Assumption.of("memoryEncryption", m, m.jsonName(), AssumptionSource.TOPOLOGY,
                                "memory encryption the machine runs with"))
                        .orElse(Assumption.of("memoryEncryption", MemoryEncryption.NONE,
                                MemoryEncryption.NONE.jsonName(),
                                AssumptionSource.DEFAULT, "no SME/SEV/TDX assumed")));

        Assumption<Boolean> caching = o.vtdCachingMode()
                .map(v -> Assumption.of("vtdCachingMode", v, v ? "yes" : "no", AssumptionSource.OPTION,
                        "VT-d Caching Mode (a virtual IOMMU inside a VM)"))
                .orElse(Assumption.of("vtdCachingMode", false, "no", AssumptionSource.DEFAULT,
                        "bare metal assumed: the VT-d unit does not report Caching Mode"));

        boolean firstStage = p.iommu().pageTableFormat().map(f -> f == PageTableFormat.VTD_FIRST_STAGE).orElse(false);
        Assumption<Boolean> stage = p.iommu().pageTableFormat().isPresent()
                ? Assumption.of("vtdFirstStage", firstStage, p.iommu().pageTableFormat().get().jsonName(),
                        AssumptionSource.TOPOLOGY,
                "page-table format of DMA domains")
                : Assumption.of("vtdFirstStage", false, "second stage", AssumptionSource.DEFAULT,
                "VT-d DMA domains assumed to use second-stage tables (first_level_by_default() false)");

        Assumption<Boolean> kpt = o.kconfigPassthrough()
                .map(v -> Assumption.of("kconfigPassthrough", v, v ? "y" : "n", AssumptionSource.OPTION,
                        "CONFIG_IOMMU_DEFAULT_PASSTHROUGH"))
                .orElse(Assumption.of("kconfigPassthrough", false, "n", AssumptionSource.DEFAULT,
                        "CONFIG_IOMMU_DEFAULT_PASSTHROUGH=n, as in mainline defconfigs and the common distributions"));

        return new PlatformAssumptions(profile, x86, cpu, iommu, mode, acs, cmdline, enc, caching, stage, kpt);
    }

    private static Assumption<DefaultDomainChoice> resolveMode(PlatformOverrides o, Platform p, KernelCommandLine cl,
            boolean x86) {
        if (o.iommuMode().isPresent()) {
            DefaultDomainChoice m = o.iommuMode().get();
            return Assumption.of("iommuMode", m, m.id(), AssumptionSource.OPTION, modeWords(m));
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
        if (cl.passthrough().isPresent() || cl.strict().isPresent()) {
            DefaultDomainChoice m;
            if (cl.passthrough().orElse(false)) m = DefaultDomainChoice.IDENTITY;
            else if (cl.strict().isPresent()) m = cl.strict().get() ? DefaultDomainChoice.DMA
                    : DefaultDomainChoice.LAZY;
            else m = x86 ? DefaultDomainChoice.LAZY : DefaultDomainChoice.DMA;
            return Assumption.of("iommuMode", m, m.id(), AssumptionSource.KERNEL_COMMAND_LINE, modeWords(m));
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

    public KernelCommandLine commandLine() {
        return commandLine.value();
    }

    public Assumption<MemoryEncryption> memoryEncryptionAssumption() {
        return memoryEncryption;
    }

    public MemoryEncryption memoryEncryption() {
        return memoryEncryption.value();
    }

    public Assumption<Boolean> vtdCachingModeAssumption() {
        return vtdCachingMode;
    }

    public Assumption<Boolean> vtdFirstStageAssumption() {
        return vtdFirstStage;
    }

    public Assumption<Boolean> kconfigPassthroughAssumption() {
        return kconfigPassthrough;
    }

    /** Every assumption, in a stable order, for reports. */
    public List<Assumption<?>> all() {
        return List.of(profile, x86, cpu, iommu, iommuMode, acsRequested, commandLine, memoryEncryption, vtdCachingMode,
                vtdFirstStage, kconfigPassthrough);
    }

    /** The assumptions a P2PDMA decision reads. */
    public List<Assumption<?>> forP2p() {
        return List.of(profile, x86, cpu, iommu, acsRequested, commandLine);
    }

    /** The assumptions IOMMU grouping reads. */
    public List<Assumption<?>> forGroups() {
        return List.of(profile, iommu, acsRequested, commandLine);
    }

    /** The assumptions the default domain type reads. */
    public List<Assumption<?>> forDomains() {
        return List.of(profile, x86, iommu, iommuMode, commandLine, memoryEncryption, vtdCachingMode, vtdFirstStage,
                kconfigPassthrough);
    }

    public Optional<Assumption<?>> byName(String name) {
        return all().stream().filter(a -> a.name().equals(name)).findFirst();
    }
}
