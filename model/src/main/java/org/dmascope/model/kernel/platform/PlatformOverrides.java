package org.dmascope.model.kernel.platform;

import java.util.Optional;

import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.topology.Platform.IommuDriver;
import org.dmascope.model.topology.Platform.MemoryEncryption;

/**
 * What the user set for this run (CLI options, GUI what-ifs). Each empty field falls back to the
 * topology, then to a stated default (see {@link PlatformAssumptions#resolve}).
 *
 * @param profile             {@code --kernel}
 * @param cpu                 {@code --cpu}
 * @param iommu               {@code --iommu}
 * @param iommuMode           {@code --iommu-mode}
 * @param acsRequested        {@code --acs-requested}: yes is a what-if that applies the kernel-set ACS bits
 * @param commandLine         {@code --cmdline}: replaces the topology's kernel command line
 * @param memoryEncryption    SME host / SEV or TDX guest
 * @param vtdCachingMode      VT-d reports Caching Mode (a virtual IOMMU in a VM)
 * @param kconfigPassthrough  {@code CONFIG_IOMMU_DEFAULT_PASSTHROUGH=y}
 * @param cBit                the SME C-bit position ({@code CPUID 0x8000001F EBX[5:0]})
 * @param ramPerNode          System RAM per NUMA node assumed for a machine whose input describes none
 * @param amdEfr              {@code --amd-efr}: the AMD IOMMU's Extended Feature Register
 * @param amdSnp              {@code --amd-snp}: SEV-SNP enabled on the host for the AMD IOMMU
 */
public record PlatformOverrides(Optional<KernelProfile> profile, Optional<CpuIdentity> cpu, Optional<IommuDriver> iommu,
                                Optional<DefaultDomainChoice> iommuMode, Optional<Boolean> acsRequested,
                                Optional<String> commandLine, Optional<MemoryEncryption> memoryEncryption,
                                Optional<Boolean> vtdCachingMode, Optional<Boolean> kconfigPassthrough,
                                Optional<Integer> cBit, Optional<Long> ramPerNode, Optional<AmdEfr> amdEfr,
                                Optional<Boolean> amdSnp) {

    public static final PlatformOverrides NONE = new PlatformOverrides(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public PlatformOverrides withProfile(KernelProfile v) {
        return new PlatformOverrides(Optional.of(v), cpu, iommu, iommuMode, acsRequested, commandLine, memoryEncryption,
                vtdCachingMode, kconfigPassthrough, cBit, ramPerNode, amdEfr, amdSnp);
    }

    public PlatformOverrides withCpu(CpuIdentity v) {
        return new PlatformOverrides(profile, Optional.of(v), iommu, iommuMode, acsRequested, commandLine,
                memoryEncryption,
                vtdCachingMode, kconfigPassthrough, cBit, ramPerNode, amdEfr, amdSnp);
    }

    public PlatformOverrides withIommu(IommuDriver v) {
        return new PlatformOverrides(profile, cpu, Optional.of(v), iommuMode, acsRequested, commandLine,
                memoryEncryption,
                vtdCachingMode, kconfigPassthrough, cBit, ramPerNode, amdEfr, amdSnp);
    }

    public PlatformOverrides withIommuMode(DefaultDomainChoice v) {
        return new PlatformOverrides(profile, cpu, iommu, Optional.of(v), acsRequested, commandLine, memoryEncryption,
                vtdCachingMode, kconfigPassthrough, cBit, ramPerNode, amdEfr, amdSnp);
    }

    public PlatformOverrides withAcsRequested(boolean v) {
        return new PlatformOverrides(profile, cpu, iommu, iommuMode, Optional.of(v), commandLine, memoryEncryption,
                vtdCachingMode, kconfigPassthrough, cBit, ramPerNode, amdEfr, amdSnp);
    }

    public PlatformOverrides withCommandLine(String v) {
        return new PlatformOverrides(profile, cpu, iommu, iommuMode, acsRequested, Optional.of(v), memoryEncryption,
                vtdCachingMode, kconfigPassthrough, cBit, ramPerNode, amdEfr, amdSnp);
    }

    public PlatformOverrides withMemoryEncryption(MemoryEncryption v) {
        return new PlatformOverrides(profile, cpu, iommu, iommuMode, acsRequested, commandLine, Optional.of(v),
                vtdCachingMode, kconfigPassthrough, cBit, ramPerNode, amdEfr, amdSnp);
    }

    public PlatformOverrides withVtdCachingMode(boolean v) {
        return new PlatformOverrides(profile, cpu, iommu, iommuMode, acsRequested, commandLine, memoryEncryption,
                Optional.of(v), kconfigPassthrough, cBit, ramPerNode, amdEfr, amdSnp);
    }

    public PlatformOverrides withKconfigPassthrough(boolean v) {
        return new PlatformOverrides(profile, cpu, iommu, iommuMode, acsRequested, commandLine, memoryEncryption,
                vtdCachingMode, Optional.of(v), cBit, ramPerNode, amdEfr, amdSnp);
    }

    public PlatformOverrides withCBit(int v) {
        return new PlatformOverrides(profile, cpu, iommu, iommuMode, acsRequested, commandLine, memoryEncryption,
                vtdCachingMode, kconfigPassthrough, Optional.of(v), ramPerNode, amdEfr, amdSnp);
    }

    public PlatformOverrides withAmdEfr(AmdEfr v) {
        return new PlatformOverrides(profile, cpu, iommu, iommuMode, acsRequested, commandLine, memoryEncryption,
                vtdCachingMode, kconfigPassthrough, cBit, ramPerNode, Optional.of(v), amdSnp);
    }

    public PlatformOverrides withAmdSnp(boolean v) {
        return new PlatformOverrides(profile, cpu, iommu, iommuMode, acsRequested, commandLine, memoryEncryption,
                vtdCachingMode, kconfigPassthrough, cBit, ramPerNode, amdEfr, Optional.of(v));
    }

    public PlatformOverrides withRamPerNode(long v) {
        return new PlatformOverrides(profile, cpu, iommu, iommuMode, acsRequested, commandLine, memoryEncryption,
                vtdCachingMode, kconfigPassthrough, cBit, Optional.of(v), amdEfr, amdSnp);
    }
}
