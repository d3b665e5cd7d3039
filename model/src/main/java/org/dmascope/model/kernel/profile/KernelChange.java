package org.dmascope.model.kernel.profile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every change of a modelled rule between the profiles, with the release it came in, the rule it
 * changed and the commit that did it. The rules ask {@code profile.atLeast(…)} themselves (each keeps its
 * history next to its code); this catalog names those boundaries in one place, so the README's kernel
 * table and the "across versions" view can say which change made two kernels differ. Each row's
 * commit is the one the rule's Javadoc cites.
 */
public enum KernelChange {
    VTD_FIRST_STAGE(5, 6, "R-CMD-10", "", "intel_iommu=sm_on builds DMA domains on first-stage tables"),
    SKYLAKE_WHITELIST(5, 7, "R-P2P-3", "bc123a515cb7, 7b94b53db34f",
            "P2PDMA whitelist: Intel Skylake-E 2020 and root ports 2030-2033"),
    TB_UNTRUSTED(5, 8, "R-ACS-2", "", "ACS Translation Blocking for pci=noats and untrusted devices"),
    AMD_DEF_DOMAIN(5, 8, "R-AMD-1", "",
            "AMD def_domain_type: any IOMMUv2-capable member makes its group identity; untrusted devices are not "
                    + "IOMMUv2-capable (pci_ats_supported)"),
    AMD_ZEN_P2P(5, 9, "R-P2P-2", "dea286bb71ba",
            "cpu_supports_p2pdma(): any host bridge on AMD family 0x17+; the AMD whitelist entries removed"),
    AMD_SME_NO_IDENTITY(5, 9, "R-AMD-1", "7cad554887f1",
            "no identity domain for PASID-capable devices while memory encryption is active"),
    PCH_ACS_LOST(5, 9, "R-ACS-2", "52fbf5bdeeef",
            "Intel PCH root ports without an ACS capability lose their quirk-enabled isolation"),
    PCH_ACS_BACK(5, 10, "R-ACS-2", "462b58fb0339", "pci_enable_acs() runs again for capability-less ports"),
    FORCEDAC(5, 13, "R-CMD-7", "", "iommu.forcedac= (before: intel_iommu=forcedac only)"),
    DMA_FQ(5, 15, "R-GRP-3", "", "lazy translated domains become the DMA-FQ type"),
    ICELAKE_WHITELIST(5, 18, "R-P2P-3", "feaea1fe8b36", "P2PDMA whitelist: Intel Ice Lake-SP 09a2"),
    ROOT_PORT_HOST_BRIDGE(5, 19, "R-P2P-3", "1af7c26c59eb",
            "a root port at any devfn counts as the host-bridge device for the whitelist"),
    SWIOTLB_AREAS(6, 0, "R-TLB-1", "", "swiotlb areas: one slot index and lock per CPU group"),
    AMD_PGTBL(6, 1, "R-CMD-10", "", "amd_iommu=pgtbl_v1/v2 and kstrtobool t/f"),
    P2P_NO_BOUNCE(6, 2, "R-DIR-3", "", "a P2P page that would need bouncing fails instead of bouncing"),
    VTD_CM_FQ(6, 3, "R-GRP-3", "257ec2907419",
            "VT-d caching mode keeps the flush queue when DMA domains use first-stage tables"),
    AMD_SNP_NO_IDENTITY(6, 3, "R-AMD-1", "18792e99ea2f",
            "no identity domain for PASID-capable devices while SEV-SNP is enabled"),
    IOVA_SAC_STICKY(6, 4, "R-IOMMU-2", "", "a failed 32-bit IOVA attempt clears pci_32bit_workaround for good"),
    AMD_PASID_ONLY(6, 7, "R-AMD-1", "92e2bd56a5f9",
            "the AMD identity domain needs the PASID capability alone (ATS and PRI no longer)"),
    UNTRUSTED_MAX_MAPPING(6, 9, "R-IOMMU-5", "",
            "an untrusted device's max mapping size is swiotlb's (\"iommu/dma: Force swiotlb_max_mapping_size\")"),
    AMD_UNTRUSTED_DMA(6, 9, "R-AMD-1", "0f91d0795741", "the AMD driver asks a DMA domain for untrusted devices"),
    AMD_EPHSUP(6, 10, "R-AMD-1", "48dc345a23b9",
            "amd_iommu_gt_ppr_supported() also needs EFR GIOSup and EPHSup"),
    MEM_ENCRYPT_PARSE(6, 11, "R-CMD-9", "", "mem_encrypt=on/off read by the decompressor, the last one wins"),
    CONFIG_ACS(6, 11, "R-CMD-4", "47c8846a49ba", "pci=config_acs=; disable_acs_redir shares its walk"),
    CONFIG_ACS_FW(6, 15, "R-CMD-3", "9cf8a952d57b", "ACS command-line options start from the firmware value"),
    P2P_REFACTOR(6, 16, "R-DIR-4", "a25e7962db0d",
            "dma-direct: THRU_HOST_BRIDGE entries left without a DMA address, BUS_ADDR entries with length 0; "
                    + "dma-iommu: BUS_ADDR length from the first entry"),
    IOVA_API(6, 16, "R-IOMMU-9", "393cf700be6f", "the two-step IOVA API dma_iova_try_alloc/link/sync"),
    BLOCK_DMA_ITER(6, 17, "R-BLK-7", "858299dc6160", "blk_rq_dma_map_iter_start/next; NVMe converted"),
    BUS_ADDR_LENGTH(6, 18, "R-DIR-4", "d0d08f4bd7f6", "dma-direct sets the length of BUS_ADDR entries again"),
    MAP_PHYS(6, 18, "R-DIR-3", "a498d59c469b",
            "dma_map_phys and DMA_ATTR_MMIO: P2P memory is never bounced; MMIO that needs bouncing fails"),
    AMD_V2_47(6, 19, "R-CMD-10", "", "AMD v2 page tables span 47 IOVA bits (generic page table)"),
    VFIO_DMABUF(6, 19, "R-DMABUF-1", "5d74781ebc86",
            "vfio-pci exports BARs as dma-bufs (p2pdma_provider without struct page), mapped by "
                    + "dma_buf_phys_vec_to_sgt or by iommufd (71db84a0); pinned importers refused (61ceaf236115)"),
    AST1150_NO_ALIAS(7, 0, "R-GRP-1", "",
            "ASPEED AST1150 bridge forwards requester IDs (PCI_DEV_FLAGS_PCI_BRIDGE_NO_ALIAS) [~ release unconfirmed]"),
    THRU_HOST_BRIDGE_FIX(7, 1, "R-DIR-4", "560000d619ef",
            "dma-direct maps THRU_HOST_BRIDGE entries again (break → fallthrough)"),
    GOOGLE_WHITELIST(7, 1, "R-P2P-3", "70cf146a674c", "P2PDMA whitelist: Google SoCs, any device id"),
    Q35_IGFX(7, 1, "R-GRP-1", "2cda2e10dc83", "VT-d ignores the Q35 integrated graphics (8086:29b2)"),
    ACCEL_WHITELIST(7, 2, "R-P2P-3", "0ba76b19fd4c", "P2PDMA whitelist: Intel DSA, IAX, IAA and QAT devices"),
    IO_URING_DMABUF(7, 4, "R-DMABUF-2", "ed02f4f7",
            "io_uring registered dma-buf buffers: NVMe reads and writes from premapped DMA addresses");

    private final int major;
    private final int minor;
    private final String ruleId;
    private final String commit;
    private final String words;

    KernelChange(int major, int minor, String ruleId, String commit, String words) {
        this.major = major;
        this.minor = minor;
        this.ruleId = ruleId;
        this.commit = commit;
        this.words = words;
    }

    /** The release it came in: {@code 6.16}. */
    public String version() {
        return major + "." + minor;
    }

    public String ruleId() {
        return ruleId;
    }

    /** The commit(s) that made it, or "" when the rule's Javadoc names the release only. */
    public String commit() {
        return commit;
    }

    public String words() {
        return words;
    }

    /** "R-DIR-4 6.16 a25e7962db0d: dma-direct: …". */
    public String describe() {
        return ruleId + " " + version() + (commit.isEmpty() ? "" : " " + commit) + ": " + words;
    }

    /** True when {@code newer} has the change and {@code older} does not. */
    public boolean cameBetween(KernelVersion older, KernelVersion newer) {
        return newer.atLeast(major, minor) && !older.atLeast(major, minor);
    }

    /** The changes {@code newer} has and {@code older} lacks, in release order. */
    public static List<KernelChange> between(KernelProfile older, KernelProfile newer) {
        List<KernelChange> out = new ArrayList<>();
        for (KernelChange c : values()) if (c.cameBetween(older, newer)) out.add(c);
        return out;
    }

    /**
     * The changes between two profiles that can explain a different answer for a mapping whose steps name
     * {@code rules} (R-ids, "R-DIR-4"): those changing one of those rules; else those of the same family
     * ("R-P2P-3" for a step under R-P2P-9: the P2P verdict came from the whitelist); else every change between
     * them, since a rule the steps do not name (a group, the command line) may have decided it.
     */
    public static List<KernelChange> explaining(KernelProfile older, KernelProfile newer, Set<String> rules) {
        List<KernelChange> all = between(older, newer);
        List<KernelChange> touching = all.stream().filter(c -> rules.contains(c.ruleId)).toList();
        if (!touching.isEmpty()) return touching;
        Set<String> families = new HashSet<>();
        for (String r : rules) families.add(family(r));
        List<KernelChange> related = all.stream().filter(c -> families.contains(family(c.ruleId))).toList();
        return related.isEmpty() ? all : related;
    }

    /** "R-P2P" of "R-P2P-3". */
    private static String family(String ruleId) {
        int dash = ruleId.lastIndexOf('-');
        return dash > 0 ? ruleId.substring(0, dash) : ruleId;
    }
}
