package org.dmascope.model.kernel.groups;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dmascope.model.kernel.acs.UntrustedDevices;
import org.dmascope.model.kernel.platform.AmdEfr;
import org.dmascope.model.kernel.platform.DefaultDomainChoice;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Platform.IommuDriver;
import org.dmascope.model.topology.Platform.MemoryEncryption;
import org.dmascope.model.topology.Topology;

/**
 * R-AMD-1: the AMD IOMMU driver asks an identity default domain for PASID-capable devices
 * (drivers/iommu/amd/iommu.c {@code amd_iommu_def_domain_type()}, {@code iommu_init_device()},
 * {@code pdev_get_caps()}; drivers/iommu/amd/amd_iommu.h {@code amd_iommu_gt_ppr_supported()}). By era:
 * <ul>
 *   <li>v5.4: {@code amd_iommu_add_device()} calls {@code iommu_request_dm_for_dev()} for an "IOMMUv2" device
 *       (ATS, PRI and PASID capabilities, {@code pci=noats} not given, an IOMMU reporting GT and PPR); the core
 *       grants it only while the device is alone in its group, i.e. to the group's first probed member
 *       (read in the v5.4-based drivers/iommu/amd_iommu.c, Nirusu/linux-azure-focal 9d6be3aa548b);</li>
 *   <li>v5.8: the {@code def_domain_type} call-back ("iommu/amd: Implement iommu_ops->def_domain_type
 *       call-back", Joerg Roedel) — any member asking makes the group identity — and
 *       {@code pci_ats_supported()} ("iommu/amd: Use pci_ats_supported()", Jean-Philippe Brucker), so an
 *       untrusted device is no longer IOMMUv2-capable;</li>
 *   <li>v5.9: not while memory encryption is active (7cad554887f1 "iommu/amd: Do not force direct mapping when
 *       SME is active"; {@code cc_platform_has(CC_ATTR_MEM_ENCRYPT)} since v5.16, same meaning);</li>
 *   <li>v6.3: not while SNP is enabled, "because it prohibits DTE[Mode]=0" (18792e99ea2f);</li>
 *   <li>v6.7: the device's PASID capability alone ({@code pdev_pasid_supported()}, 92e2bd56a5f9 "iommu/amd:
 *       Introduce iommu_dev_data.flags to track device capabilities"); a VF reads its PF's capability;</li>
 *   <li>v6.9: an untrusted device gets DMA (0f91d0795741 "iommu/amd: Enhance def_domain_type to handle untrusted
 *       device");</li>
 *   <li>v6.10: {@code amd_iommu_gt_ppr_supported()} also needs EPHSup (48dc345a23b9) and GIOSup (via
 *       {@code amd_iommu_v2_pgtbl_supported()}, same release); mainline read at torvalds/linux ef75a8878766.</li>
 * </ul>
 * In every era {@code amd_iommu=force_isolation} makes the driver ignore the capabilities unless the global
 * default is pass-through. The group result is R-GRP-3's: a driver's IDENTITY wins over the global type.
 */
@KernelRule("R-AMD-1")
public final class AmdIdentityDomain {
    private AmdIdentityDomain() {
    }

    /**
     * One device's answer.
     *
     * @param device   the function asked about
     * @param identity the driver asks IDENTITY for it
     * @param pasid    it has what the era calls PASID-capable (so the answer is worth showing)
     * @param why      one sentence
     */
    public record Answer(PciFunction device, boolean identity, boolean pasid, String why) {
    }

    /**
     * The group's identity request, when the AMD driver makes one: empty when the IOMMU is not AMD's or no member
     * is PASID-capable; otherwise the answer that decided, with the steps saying why.
     *
     * @param identity the group gets an identity default domain
     * @param steps    what each relevant member asked and why
     */
    public record GroupRequest(boolean identity, List<String> steps) {
        public GroupRequest {
            steps = List.copyOf(steps);
        }
    }

    /** R-AMD-1 for a group whose members are trusted (R-GRP-3 handles untrusted groups first). */
    public static Optional<GroupRequest> forGroup(IommuGroup g, Topology t, PlatformAssumptions a) {
        if (a.iommu() != IommuDriver.AMD_VI || g.members().isEmpty()) return Optional.empty();
        List<Answer> answers = new ArrayList<>();
        for (GroupMember m : g.members()) {
            t.function(m.address()).map(f -> forDevice(f, t, a)).filter(Answer::pasid).ifPresent(answers::add);
        }
        if (answers.isEmpty()) return Optional.empty();
        List<String> steps = new ArrayList<>();
        for (Answer x : answers) steps.add(x.device().address() + ": " + x.why() + " (R-AMD-1)");
        Optional<Answer> asking = answers.stream().filter(Answer::identity).findFirst();
        if (asking.isEmpty()) return Optional.of(new GroupRequest(false, steps));
        if (!a.profile().atLeast(5, 8)) {
            // v5.4: iommu_request_dm_for_dev() refuses once the group holds another device (-EBUSY)
            boolean first = g.members().get(0).address().equals(asking.get().device().address());
            if (!first) {
                steps.add("Linux " + a.profile().id() + ": iommu_request_dm_for_dev() changes the default domain only "
                        + "while the device is alone in its group; " + g.members().get(0).address()
                        + " was probed first, so the request is refused (the def_domain_type call-back of v5.8 "
                        + "lets any member decide)");
                return Optional.of(new GroupRequest(false, steps));
            }
        }
        return Optional.of(new GroupRequest(true, steps));
    }

    /** What {@code amd_iommu_def_domain_type()} (v5.4: {@code amd_iommu_add_device()}) answers for one device. */
    public static Answer forDevice(PciFunction f, Topology t, PlatformAssumptions a) {
        KernelProfile k = a.profile();
        boolean untrusted = UntrustedDevices.isUntrusted(f, t.hierarchy());
        Optional<String> missing = missingCapabilities(f, t, k);
        if (missing.isPresent()) return new Answer(f, false, false, missing.get());
        String caps = k.atLeast(6, 7) ? "has a PASID capability" : "has ATS, PRI and PASID capabilities";
        if (!k.atLeast(6, 7) && a.commandLine().atsDisabled()) {
            return new Answer(f, false, true, caps + ", but pci=noats disables ATS: not IOMMUv2-capable");
        }
        if (k.atLeast(5, 8) && !k.atLeast(6, 7) && untrusted) {
            return new Answer(f, false, true, caps + ", but it is untrusted, so pci_ats_supported() is false: not "
                    + "IOMMUv2-capable");
        }
        if (a.commandLine().amdForceIsolation() && a.iommuMode() != DefaultDomainChoice.IDENTITY) {
            return new Answer(f, false, true, caps + ", but amd_iommu=force_isolation makes the driver ignore it: "
                    + "the group keeps the global default");
        }
        AmdEfr efr = a.amdEfrAssumption().value();
        String lacking = lackingFeatures(efr, k);
        if (!lacking.isEmpty()) {
            return new Answer(f, false, true, caps + ", but the IOMMU's EFR lacks " + lacking + " ("
                    + a.amdEfrAssumption().source().words() + "): "
                    + (k.atLeast(6, 7) ? "amd_iommu_gt_ppr_supported() is false" : "the IOMMU is not IOMMUv2")
                    + ", so the driver does not read the device's capabilities and asks nothing");
        }
        if (k.atLeast(6, 9) && untrusted) {
            return new Answer(f, false, true, caps + ", but it is untrusted: the driver asks a DMA domain "
                    + "(0f91d0795741, v6.9)");
        }
        MemoryEncryption enc = a.memoryEncryption();
        if (k.atLeast(5, 9) && enc != MemoryEncryption.NONE) {
            return new Answer(f, false, true, caps + ", but memory encryption (" + enc.jsonName() + ") is active: "
                    + "no identity map, since such devices (AMD GPUs) may lack the encryption bit in their DMA mask "
                    + "(7cad554887f1, v5.9)");
        }
        if (k.atLeast(6, 3) && a.amdSnpAssumption().value()) {
            return new Answer(f, false, true, caps + ", but SEV-SNP is enabled ("
                    + a.amdSnpAssumption().source().words() + "), which prohibits DTE[Mode]=0: no identity map "
                    + "(18792e99ea2f, v6.3)");
        }
        String extra = "";
        if (!k.atLeast(5, 9) && enc != MemoryEncryption.NONE) {
            extra = "; Linux " + k.id() + " does not yet refuse it under memory encryption (7cad554887f1, v5.9)";
        } else if (!k.atLeast(6, 3) && a.amdSnpAssumption().value()) {
            extra = "; Linux " + k.id() + " does not yet check SEV-SNP (18792e99ea2f, v6.3)";
        }
        return new Answer(f, true, true, caps + " and the IOMMU reports " + efr.features() + ": the AMD driver "
                + "asks an identity domain" + (k.atLeast(5, 8) ? " (def_domain_type)" : " (iommu_request_dm_for_dev)")
                + extra);
    }

    /** The device capabilities the era needs that {@code f} lacks, as a sentence; empty when it has them all. */
    private static Optional<String> missingCapabilities(PciFunction f, Topology t, KernelProfile k) {
        if (k.atLeast(6, 7)) {
            // pci_pasid_features() reads a VF's PF
            PciFunction holder = f.physicalFunction().flatMap(t::function).orElse(f);
            if (holder.pasid().orElse(false)) return Optional.empty();
            return Optional.of(holder.pasid().isEmpty() ? "PASID capability not known (taken as absent)"
                    : "no PASID capability");
        }
        List<String> lacking = new ArrayList<>();
        if (!f.ats().orElse(false)) lacking.add("ATS");
        if (!f.pri().orElse(false)) lacking.add("PRI");
        if (!f.pasid().orElse(false)) lacking.add("PASID");
        if (lacking.isEmpty()) return Optional.empty();
        boolean unknown = f.ats().isEmpty() || f.pri().isEmpty() || f.pasid().isEmpty();
        return Optional.of("not IOMMUv2-capable: no " + String.join("/", lacking) + " capability"
                + (unknown ? " (a capability the input does not show is taken as absent)" : ""));
    }

    /** The EFR features {@code amd_iommu_gt_ppr_supported()} (before v6.7: {@code is_iommu_v2}) needs but lacks. */
    private static String lackingFeatures(AmdEfr efr, KernelProfile k) {
        List<String> out = new ArrayList<>();
        if (!efr.gt()) out.add("GT");
        if (!efr.ppr()) out.add("PPR");
        if (k.atLeast(6, 10)) {
            if (!efr.has(AmdEfr.GIOSUP)) out.add("GIOSup");
            if (!efr.has(AmdEfr.EPHSUP)) out.add("EPHSup");
        }
        return String.join(" and ", out);
    }
}
