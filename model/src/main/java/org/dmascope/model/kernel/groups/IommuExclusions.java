package org.dmascope.model.kernel.groups;

import java.util.Optional;

import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Platform.IommuDriver;

/**
 * Functions the IOMMU driver never probes, so they get no group (kernel-quirks.md section 10):
 * <ul>
 *   <li>AMD-Vi removes the IOMMU's own PCI function (AMD, class 0x0806) from its lookup table
 *       ({@code init_iommu_one});</li>
 *   <li>VT-d ignores the graphics-dedicated DMAR unit of the integrated GPUs {@code quirk_iommu_igfx}
 * lists (G4x/GM45, Ironlake, Broadwell; Q35 8086:29b2 from v7.1: 2cda2e10dc83 "iommu/vt-d: ... Q35", April
 * 2026, sent to 7.0-stable), so the iGPU at 00:02.0 has no group.</li>
 * </ul>
 */
public final class IommuExclusions {
    private static final int[] IGFX = {0x2a40, 0x2e00, 0x2e10, 0x2e20, 0x2e30, 0x2e40, 0x2e90, 0x0044, 0x1606, 0x160B,
            0x160E, 0x1602, 0x160A, 0x160D, 0x1616, 0x161B, 0x161E, 0x1612, 0x161A, 0x161D, 0x1626, 0x162B, 0x162E,
                    0x1622,
            0x162A, 0x162D, 0x1636, 0x163B, 0x163E, 0x1632, 0x163A, 0x163D, 0x29b2};

    private IommuExclusions() {
    }

    /** Why the function gets no group, or empty when it is probed. */
    public static Optional<String> reason(PciFunction f, PlatformAssumptions a) {
        int v = f.identity().vendorId().orElse(-1);
        int d = f.identity().deviceId().orElse(-1);
        int cls = f.identity().classAndSubclass().orElse(-1);
        if (a.iommu() == IommuDriver.AMD_VI && v == 0x1022 && cls == 0x0806) {
            return Optional.of("it is the AMD IOMMU's own PCI function, which AMD-Vi leaves out of its device table "
                    + "(no IOMMU group)");
        }
        if (a.iommu() == IommuDriver.INTEL_VTD && v == 0x8086 && f.address().bus() == 0 && f.address().device() == 2) {
            for (int id : IGFX) {
                if (id == d && (id != 0x29b2
                        || a.profile().atLeast(7, 1))) {
                    return Optional.of("its graphics-only DMAR unit is ignored (quirk_iommu_igfx sets "
                            + "disable_igfx_iommu), so it gets no IOMMU group");
                }
            }
        }
        return Optional.empty();
    }
}
