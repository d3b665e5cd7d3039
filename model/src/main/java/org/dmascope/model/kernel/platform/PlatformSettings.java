package org.dmascope.model.kernel.platform;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.topology.Platform.IommuDriver;
import org.dmascope.model.topology.Platform.MemoryEncryption;
import org.dmascope.model.topology.Platform.Named;
import org.dmascope.model.util.ByteSize;

/**
 * The platform facts a user may set, by name, as text: the one reader of a typed value for the
 * platform panel, scenario files and the command line. Names are those of the assumptions
 * ({@link PlatformAssumptions#all()}); a value that is not one of the choices is refused with a
 * sentence naming the choices.
 */
public final class PlatformSettings {
    public static final String KERNEL = "kernel";
    public static final String CPU = "cpu";
    public static final String IOMMU = "iommu";
    public static final String IOMMU_MODE = "iommuMode";
    public static final String ACS_REQUESTED = "acsRequested";
    public static final String CMDLINE = "cmdline";
    public static final String MEMORY_ENCRYPTION = "memoryEncryption";
    public static final String VTD_CACHING_MODE = "vtdCachingMode";
    public static final String KCONFIG_PASSTHROUGH = "kconfigPassthrough";
    public static final String C_BIT = "cBit";
    public static final String RAM = "ram";
    public static final String AMD_EFR = "amdEfr";
    public static final String AMD_SNP = "amdSnp";

    /** Every settable name, in the order the platform panel lists them. */
    public static final List<String> NAMES = List.of(KERNEL, CPU, IOMMU, IOMMU_MODE, ACS_REQUESTED, CMDLINE,
            MEMORY_ENCRYPTION,
            VTD_CACHING_MODE, AMD_EFR, AMD_SNP, KCONFIG_PASSTHROUGH, C_BIT, RAM);

    private PlatformSettings() {
    }

    /**
     * {@code o} with the setting {@code name} set to {@code value}.
     *
     * @throws IllegalArgumentException when the name is not settable or the value not one it takes, with a sentence
     */
    public static PlatformOverrides set(PlatformOverrides o, String name, String value) {
        String v = value == null ? "" : value.trim();
        return switch (name) {
            case KERNEL -> o.withProfile(KernelProfile.byId(v).orElseThrow(() -> refused("kernel profile", v,
                    KernelProfile.ids())));
            case CPU -> o.withCpu(CpuIdentity.parse(v));
            case IOMMU -> o.withIommu(iommu(v));
            case IOMMU_MODE -> o.withIommuMode(DefaultDomainChoice.byId(v)
                    .orElseThrow(() -> refused("IOMMU mode", v, "dma, lazy, identity")));
            case ACS_REQUESTED -> o.withAcsRequested(yes(v));
            case CMDLINE -> o.withCommandLine(v);
            case MEMORY_ENCRYPTION -> o.withMemoryEncryption(Named.parse(MemoryEncryption.class,
                    v.toLowerCase(Locale.ROOT))
                    .orElseThrow(() -> refused("memory encryption", v, Named.choices(MemoryEncryption.class))));
            case VTD_CACHING_MODE -> o.withVtdCachingMode(yes(v));
            case KCONFIG_PASSTHROUGH -> o.withKconfigPassthrough(yes(v));
            case C_BIT -> o.withCBit(cBit(v));
            case RAM -> o.withRamPerNode(ram(v));
            case AMD_EFR -> o.withAmdEfr(AmdEfr.parse(v));
            case AMD_SNP -> o.withAmdSnp(yes(v));
            default -> throw new IllegalArgumentException(name + " cannot be set (settable: " + String.join(", ",
                    NAMES) + ")");
        };
    }

    /** {@code o} without the user's choice for {@code name}: the topology's value or the default applies again. */
    public static PlatformOverrides unset(PlatformOverrides o, String name) {
        return new PlatformOverrides(
                name.equals(KERNEL) ? Optional.empty() : o.profile(),
                name.equals(CPU) ? Optional.empty() : o.cpu(),
                name.equals(IOMMU) ? Optional.empty() : o.iommu(),
                name.equals(IOMMU_MODE) ? Optional.empty() : o.iommuMode(),
                name.equals(ACS_REQUESTED) ? Optional.empty() : o.acsRequested(),
                name.equals(CMDLINE) ? Optional.empty() : o.commandLine(),
                name.equals(MEMORY_ENCRYPTION) ? Optional.empty() : o.memoryEncryption(),
                name.equals(VTD_CACHING_MODE) ? Optional.empty() : o.vtdCachingMode(),
                name.equals(KCONFIG_PASSTHROUGH) ? Optional.empty() : o.kconfigPassthrough(),
                name.equals(C_BIT) ? Optional.empty() : o.cBit(),
                name.equals(RAM) ? Optional.empty() : o.ramPerNode(),
                name.equals(AMD_EFR) ? Optional.empty() : o.amdEfr(),
                name.equals(AMD_SNP) ? Optional.empty() : o.amdSnp());
    }

    /** The IOMMU driver by its JSON name or a common alias ({@code intel}, {@code amd}, {@code smmu}, {@code off}). */
    static IommuDriver iommu(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "none", "off" -> IommuDriver.NONE;
            case "vtd", "intel", "dmar" -> IommuDriver.INTEL_VTD;
            case "amd-vi", "amdvi", "amd" -> IommuDriver.AMD_VI;
            case "smmuv3", "smmu" -> IommuDriver.ARM_SMMU_V3;
            default -> throw refused("IOMMU driver", v, Named.choices(IommuDriver.class));
        };
    }

    /** A C-bit position: {@code CPUID 0x8000001F EBX[5:0]}, so 0..63; real parts use 43..51. */
    static int cBit(String v) {
        try {
            int bit = Integer.decode(v);
            if (bit >= 32 && bit <= 63) return bit;
        } catch (NumberFormatException e) {
            // refused below
        }
        throw refused("C-bit position", v, "a bit number from 32 to 63, e.g. 47 or 51");
    }

    /** RAM per node: 64 MiB to 64 TiB, in whole MiB ({@code 16GiB}, {@code 512 MiB}). */
    static long ram(String v) {
        try {
            long bytes = ByteSize.parseLength(v.replace(" ", ""));
            if (bytes >= 64 * ByteSize.MiB && bytes <= 64 * ByteSize.TiB && bytes % ByteSize.MiB == 0) return bytes;
        } catch (NumberFormatException e) {
            // refused below
        }
        throw refused("RAM size per node", v, "a size from 64MiB to 64TiB in whole MiB, e.g. 16GiB");
    }

    static boolean yes(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        if (s.equals("yes") || s.equals("y") || s.equals("true")) return true;
        if (s.equals("no") || s.equals("n") || s.equals("false")) return false;
        throw refused("yes/no value", v, "yes, no");
    }

    private static IllegalArgumentException refused(String what, String v, String choices) {
        return new IllegalArgumentException("\"" + v + "\" is not a" + (what.matches("^[aeiouAEIOU].*") ? "n " : " ")
                + what
                + " (one of " + choices + ")");
    }
}
