package org.dmascope.model.topology;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Machine-wide facts the kernel's decisions depend on and that lspci cannot tell: CPU, IOMMU,
 * swiotlb, memory encryption and the kernel command line. Unknown parts are empty.
 */
public record Platform(Optional<Architecture> architecture, Cpu cpu, Iommu iommu, Swiotlb swiotlb,
                       Optional<MemoryEncryption> memoryEncryption, Optional<String> kernelCommandLine) {

    public static final Platform UNKNOWN = new Platform(Optional.empty(), Cpu.UNKNOWN, Iommu.UNKNOWN, Swiotlb.UNKNOWN,
            Optional.empty(), Optional.empty());

    public Platform {
        Objects.requireNonNull(cpu);
        Objects.requireNonNull(iommu);
        Objects.requireNonNull(swiotlb);
    }

    public Platform withIommu(Iommu v) {
        return new Platform(architecture, cpu, v, swiotlb, memoryEncryption, kernelCommandLine);
    }

    public Platform withCpu(Cpu v) {
        return new Platform(architecture, v, iommu, swiotlb, memoryEncryption, kernelCommandLine);
    }

    /** A named value with a JSON spelling. */
    public interface Named {
        String jsonName();

        static <E extends Enum<E> & Named> Optional<E> parse(Class<E> type, String name) {
            return Arrays.stream(type.getEnumConstants()).filter(e -> e.jsonName().equals(name)).findFirst();
        }

        static <E extends Enum<E> & Named> String choices(Class<E> type) {
            return String.join(", ", Arrays.stream(type.getEnumConstants()).map((Function<E, String>) Named::jsonName)
                    .toList());
        }
    }

    public enum Architecture implements Named {
        X86_64("x86_64"), ARM64("arm64"), PPC64("ppc64"), RISCV64("riscv64"), MIPS("mips"), LOONGARCH64("loongarch64"),
        ARM("arm"), OTHER("other");

        private final String jsonName;

        Architecture(String jsonName) {
            this.jsonName = jsonName;
        }

        @Override
        public String jsonName() {
            return jsonName;
        }

        public boolean isX86() {
            return this == X86_64;
        }
    }

    public enum CpuVendor implements Named {
        INTEL("intel"), AMD("amd"), HYGON("hygon"), ZHAOXIN("zhaoxin"), ARM("arm"), AMPERE("ampere"), NVIDIA("nvidia"),
        IBM("ibm"), OTHER("other");

        private final String jsonName;

        CpuVendor(String jsonName) {
            this.jsonName = jsonName;
        }

        @Override
        public String jsonName() {
            return jsonName;
        }
    }

    public enum IommuDriver implements Named {
        NONE("none"), INTEL_VTD("vtd"), AMD_VI("amd-vi"), ARM_SMMU_V3("smmuv3");

        private final String jsonName;

        IommuDriver(String jsonName) {
            this.jsonName = jsonName;
        }

        @Override
        public String jsonName() {
            return jsonName;
        }
    }

    /** Default domain types with their sysfs {@code iommu_group/type} spelling. */
    public enum DomainType implements Named {
        BLOCKED("blocked"), IDENTITY("identity"), DMA("DMA"), DMA_FQ("DMA-FQ");

        private final String jsonName;

        DomainType(String jsonName) {
            this.jsonName = jsonName;
        }

        @Override
        public String jsonName() {
            return jsonName;
        }
    }

    /** I/O page-table formats ({@code include/linux/io-pgtable.h} and the VT-d/AMD native formats). */
    public enum PageTableFormat implements Named {
        VTD_SECOND_STAGE("vtd-second-stage"), VTD_FIRST_STAGE("vtd-first-stage"), AMD_V1("amd-v1"), AMD_V2("amd-v2"),
        ARM_64_LPAE_S1("arm-lpae-s1"), ARM_64_LPAE_S2("arm-lpae-s2");

        private final String jsonName;

        PageTableFormat(String jsonName) {
            this.jsonName = jsonName;
        }

        @Override
        public String jsonName() {
            return jsonName;
        }
    }

    public enum MemoryEncryption implements Named {
        NONE("none"), SME_HOST("sme"), SEV_GUEST("sev-guest"), TDX_GUEST("tdx-guest");

        private final String jsonName;

        MemoryEncryption(String jsonName) {
            this.jsonName = jsonName;
        }

        @Override
        public String jsonName() {
            return jsonName;
        }

        /** Guest encryption forces every DMA through swiotlb ({@code force_bounce}). */
        public boolean forcesBounce() {
            return this == SEV_GUEST || this == TDX_GUEST;
        }
    }

    /** CPU 0 as {@code cpu_supports_p2pdma()} sees it (R-P2P-2). */
    public record Cpu(Optional<CpuVendor> vendor, OptionalInt family, Optional<String> model) {
        public static final Cpu UNKNOWN = new Cpu(Optional.empty(), OptionalInt.empty(), Optional.empty());
    }

    /**
     * @param defaultDomain default domain type of groups ({@code iommu.passthrough}, {@code iommu.strict})
     * @param strict        {@code iommu.strict}: unmap flushes the IOTLB at once
     * @param addressWidth  input address width of DMA domains, in bits
     * @param granule       smallest I/O page size, bytes
     * @param amdEfr        the AMD IOMMU's Extended Feature Register, as the kernel prints it
     *                      ({@code AMD-Vi: Extended features (0x…)}); lspci cannot show it
     * @param amdSnp        SEV-SNP is enabled on the host for the AMD IOMMU ({@code amd_iommu_snp_en})
     */
    public record Iommu(Optional<IommuDriver> driver, Optional<DomainType> defaultDomain, Optional<Boolean> strict,
                        OptionalInt addressWidth, Optional<PageTableFormat> pageTableFormat, OptionalLong granule,
                        OptionalLong amdEfr, Optional<Boolean> amdSnp) {
        public static final Iommu UNKNOWN = new Iommu(Optional.empty(), Optional.empty(), Optional.empty(),
                OptionalInt.empty(), Optional.empty(), OptionalLong.empty());

        public Iommu {
            Objects.requireNonNull(amdEfr);
            Objects.requireNonNull(amdSnp);
        }

        /** An IOMMU whose AMD feature facts are not known. */
        public Iommu(Optional<IommuDriver> driver, Optional<DomainType> defaultDomain, Optional<Boolean> strict,
                     OptionalInt addressWidth, Optional<PageTableFormat> pageTableFormat, OptionalLong granule) {
            this(driver, defaultDomain, strict, addressWidth, pageTableFormat, granule, OptionalLong.empty(),
                    Optional.empty());
        }

        public boolean present() {
            return driver.isPresent() && driver.get() != IommuDriver.NONE;
        }

        /** This IOMMU with the AMD feature facts {@code efr} and {@code snp}. */
        public Iommu withAmd(OptionalLong efr, Optional<Boolean> snp) {
            return new Iommu(driver, defaultDomain, strict, addressWidth, pageTableFormat, granule, efr, snp);
        }
    }

    /**
     * @param start  physical address of the default pool
     * @param size   pool size in bytes (kernel default 64 MiB)
     * @param forced {@code swiotlb=force}: every streaming mapping bounces
     */
    public record Swiotlb(OptionalLong start, OptionalLong size, Optional<Boolean> forced) {
        public static final Swiotlb UNKNOWN = new Swiotlb(OptionalLong.empty(), OptionalLong.empty(), Optional.empty());
    }
}
