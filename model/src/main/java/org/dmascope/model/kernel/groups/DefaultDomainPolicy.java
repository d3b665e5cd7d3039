package org.dmascope.model.kernel.groups;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dmascope.model.kernel.acs.UntrustedDevices;
import org.dmascope.model.kernel.platform.AssumptionSource;
import org.dmascope.model.kernel.platform.DefaultDomainChoice;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.NumaNode;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Platform.DomainType;
import org.dmascope.model.topology.Platform.IommuDriver;
import org.dmascope.model.topology.Platform.MemoryEncryption;
import org.dmascope.model.topology.Topology;

/**
 * R-GRP-3 default domain type ({@code iommu_subsys_init()}, {@code iommu_get_default_domain_type()},
 * drivers/iommu/iommu.c):
 * <ul>
 *   <li>global type: {@code iommu.passthrough=} / x86 {@code iommu=pt} if given, else the Kconfig default
 *       (translated unless {@code CONFIG_IOMMU_DEFAULT_PASSTHROUGH}); an implicit IDENTITY becomes
 *       translated when memory encryption is active;</li>
 *   <li>strictness: {@code iommu.strict=} if given, else lazy on x86/s390 and strict elsewhere; a
 *       translated lazy domain is DMA_FQ (v5.15+; before, a DMA domain with a flush queue);</li>
 *   <li>VT-d in a VM (Caching Mode) with second-stage DMA domains calls {@code iommu_set_dma_strict()}
 *       (mainline exempts first-stage domains; 5.x forced strict regardless);</li>
 *   <li>per group: an untrusted member forces a strict DMA domain; otherwise the IOMMU driver's
 *       {@code def_domain_type} may ask IDENTITY (AMD: R-AMD-1, {@link AmdIdentityDomain}).</li>
 * </ul>
 */
@KernelRule("R-GRP-3")
public final class DefaultDomainPolicy {
    private DefaultDomainPolicy() {
    }

    /** The type every group starts from (before per-group rules). */
    public static DomainDecision global(PlatformAssumptions a) {
        List<String> steps = new ArrayList<>();
        DefaultDomainChoice mode = a.iommuMode();
        AssumptionSource src = a.iommuModeAssumption().source();
        boolean implicit = src == AssumptionSource.DEFAULT;
        boolean identity;
        boolean strict;
        if (implicit && a.kconfigPassthroughAssumption().value()) {
            identity = true;
            strict = !a.isX86();
            steps.add("CONFIG_IOMMU_DEFAULT_PASSTHROUGH=y makes IDENTITY the default");
        } else {
            identity = mode == DefaultDomainChoice.IDENTITY;
            strict = mode == DefaultDomainChoice.DMA;
            steps.add("iommu mode " + mode.id() + " (" + src.words() + "): " + a.iommuModeAssumption().detail());
        }
        MemoryEncryption enc = a.memoryEncryption();
        if (identity && implicit && enc != MemoryEncryption.NONE) {
            identity = false;
            strict = !a.isX86();
            steps.add("memory encryption (" + enc.jsonName()
                    + ") is active and pass-through was not set on the command line: "
                    + "\"Memory encryption detected - Disabling default IOMMU Passthrough\"");
        }
        if (!identity && a.iommu() == IommuDriver.INTEL_VTD && a.vtdCachingModeAssumption().value() && !strict) {
            boolean firstStage = a.vtdFirstStageAssumption().value();
            // 257ec2907419 "iommu/vt-d: Allow to use flush-queue when first level is default" (v6.3)
            if (!a.profile().atLeast(6, 3) || !firstStage) {
                strict = true;
                steps.add("the VT-d unit reports Caching Mode (virtualised)" + (a.profile().atLeast(6, 3)
                        ? " and DMA domains use second-stage tables" : "")
                        + ": \"IOMMU batching disallowed due to virtualization\", iommu_set_dma_strict()");
            } else {
                steps.add("Caching Mode is reported, but first-stage DMA domains keep batched flushing");
            }
        }
        DomainType type;
        String reason;
        if (identity) {
            type = DomainType.IDENTITY;
            reason = "identity: devices bypass translation and use dma-direct";
        } else if (strict) {
            type = DomainType.DMA;
            reason = "DMA: translated, and every unmap flushes the IOTLB at once (strict)";
        } else if (a.profile().atLeast(5, 15)) {
            type = DomainType.DMA_FQ;
            reason = "DMA-FQ: translated, with freed IOVAs batched in a flush queue (256 entries per CPU, 10 ms timer)";
        } else {
            type = DomainType.DMA;
            reason = "DMA with a flush queue: translated and lazy (Linux " + a.profile().id()
                    + " has no separate DMA-FQ type; lazy flushing is a property of the DMA domain)";
        }
        return new DomainDecision(type, strict || identity, reason, steps);
    }

    /** The group's default domain: the global type, unless an untrusted member forces strict DMA. */
    public static DomainDecision forGroup(IommuGroup g, Topology t, PlatformAssumptions a) {
        DomainDecision global = global(a);
        Optional<Bdf> untrusted = g.members().stream().map(GroupMember::address)
                .filter(b -> t.function(b).map(f -> UntrustedDevices.isUntrusted(f, t.hierarchy())).orElse(false))
                .findFirst();
        if (untrusted.isPresent()) {
            List<String> steps = new ArrayList<>(global.steps());
            steps.add(untrusted.get()
                    + " is untrusted (behind an external-facing port): the group must use a strict DMA domain");
            return new DomainDecision(DomainType.DMA, true, "DMA (strict): the group holds untrusted device "
                    + untrusted.get()
                    + ", which may never bypass translation or share lazily flushed IOVAs", steps);
        }
        if (global.type() == DomainType.IDENTITY) {
            List<String> steps = new ArrayList<>(global.steps());
            steps.add(swiotlbNote(t));
            return new DomainDecision(global.type(), global.strict(), global.reason(), steps);
        }
        Optional<AmdIdentityDomain.GroupRequest> amd = AmdIdentityDomain.forGroup(g, t, a);
        if (amd.isPresent()) {
            // the driver's def_domain_type outranks the global type (iommu_get_default_domain_type)
            List<String> steps = new ArrayList<>(global.steps());
            steps.addAll(amd.get().steps());
            if (!amd.get().identity()) {
                // say why a PASID-capable member did not make the group identity: it is what the user looks for
                List<String> why = amd.get().steps();
                return new DomainDecision(global.type(), global.strict(), global.reason() + "; no identity domain "
                        + "from the AMD driver: " + why.get(why.size() - 1), steps);
            }
            steps.add(swiotlbNote(t));
            return new DomainDecision(DomainType.IDENTITY, true, "identity: the AMD IOMMU driver asks it for a "
                    + "PASID-capable member (R-AMD-1), over the global " + global.type().jsonName() + " type; devices "
                    + "bypass translation and use dma-direct", steps);
        }
        return global;
    }

    private static String swiotlbNote(Topology t) {
        long top = 0;
        for (NumaNode n : t.numaNodes()) {
            for (var r : n.memory()) if (Long.compareUnsigned(r.end(), top) > 0) top = r.end();
        }
        if (Long.compareUnsigned(top, 0xFFFF_FFFFL) > 0) {
            return "RAM extends above 4 GiB, so x86 sets up swiotlb: devices whose DMA mask cannot reach a buffer "
                    + "bounce through it";
        }
        return t.numaNodes().isEmpty()
                ? "swiotlb is set up on x86 when RAM extends above 4 GiB (memory size not in the topology)"
                : "all RAM is below 4 GiB: no swiotlb bouncing for 32-bit devices is needed";
    }

    /** The devices of a group that force its type, for reports. */
    public static List<PciFunction> untrustedMembers(IommuGroup g, Topology t) {
        List<PciFunction> out = new ArrayList<>();
        for (GroupMember m : g.members()) {
            t.function(m.address()).filter(f -> UntrustedDevices.isUntrusted(f, t.hierarchy())).ifPresent(out::add);
        }
        return out;
    }
}
