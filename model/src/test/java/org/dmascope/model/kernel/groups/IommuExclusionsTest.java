package org.dmascope.model.kernel.groups;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dmascope.model.kernel.fixtures.Fx;
import org.dmascope.model.kernel.fixtures.T1;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/** {@code quirk_iommu_igfx}: the Q35 iGPU 8086:29b2 joins the list in 7.1 (2cda2e10dc83); G4x 2a40 always. */
class IommuExclusionsTest {
    private static PlatformAssumptions vtd(KernelProfile k) {
        Topology t = T1.t1().withPlatform(Fx.intelVtd());
        return PlatformAssumptions.resolve(t, PlatformOverrides.NONE.withProfile(k));
    }

    @Test
    void q35IntegratedGraphicsIsIgnoredFrom7_1() {
        PciFunction q35 = Fx.endpoint("0000:00:02.0", 0x8086, 0x29b2, 0x0300, Acs.ABSENT);
        assertTrue(IommuExclusions.reason(q35, vtd(KernelProfile.V7_0)).isEmpty(), "7.0 probes it");
        assertTrue(IommuExclusions.reason(q35, vtd(KernelProfile.V7_1)).isPresent(), "7.1 ignores its DMAR unit");
        PciFunction g4x = Fx.endpoint("0000:00:02.0", 0x8086, 0x2a40, 0x0300, Acs.ABSENT);
        assertTrue(IommuExclusions.reason(g4x, vtd(KernelProfile.V5_4)).isPresent(), "G4x in every profile");
    }
}
