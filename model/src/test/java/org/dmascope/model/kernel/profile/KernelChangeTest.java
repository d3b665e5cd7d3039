package org.dmascope.model.kernel.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The catalog of modelled changes: in release order, and split between the profiles as the rules are. */
class KernelChangeTest {
    @Test
    void theCatalogIsInReleaseOrder() {
        KernelChange[] all = KernelChange.values();
        for (int i = 1; i < all.length; i++) {
            String[] a = all[i - 1].version().split("\\.");
            String[] b = all[i].version().split("\\.");
            int ka = Integer.parseInt(a[0]) * 100 + Integer.parseInt(a[1]);
            int kb = Integer.parseInt(b[0]) * 100 + Integer.parseInt(b[1]);
            assertTrue(ka <= kb, all[i - 1] + " before " + all[i]);
        }
    }

    @Test
    void eachProfileStepHasItsChanges() {
        assertEquals(List.of(KernelChange.THRU_HOST_BRIDGE_FIX, KernelChange.GOOGLE_WHITELIST, KernelChange.Q35_IGFX),
                KernelChange.between(KernelProfile.V7_0, KernelProfile.V7_1));
        assertEquals(List.of(KernelChange.CONFIG_ACS_FW, KernelChange.P2P_REFACTOR, KernelChange.IOVA_API),
                KernelChange.between(KernelProfile.V6_12, KernelProfile.V6_16));
        assertEquals(List.of(KernelChange.PCH_ACS_BACK), KernelChange.between(KernelProfile.V5_9, KernelProfile.V5_10));
        assertEquals(List.of(), KernelChange.between(KernelProfile.V7_4, KernelProfile.V7_4));
        int total = 0;
        for (KernelProfile k : KernelProfile.values()) total += k.older().map(o -> KernelChange.between(o, k).size())
                .orElse(0);
        long afterOldest = Arrays.stream(KernelChange.values()).filter(c -> c.cameBetween(KernelProfile.V5_4,
                KernelProfile.MAINLINE)).count();
        assertEquals(afterOldest, total, "every change after 5.4 falls between exactly one pair of profiles");
    }

    @Test
    void theChangesExplainingADifferencePreferTheRulesTheStepsName() {
        assertEquals(List.of(KernelChange.THRU_HOST_BRIDGE_FIX),
                KernelChange.explaining(KernelProfile.V7_0, KernelProfile.V7_1, Set.of("R-DIR-4", "R-MAP-4")));
        assertEquals(List.of(KernelChange.ICELAKE_WHITELIST, KernelChange.ROOT_PORT_HOST_BRIDGE),
                KernelChange.explaining(KernelProfile.V5_15, KernelProfile.V6_1, Set.of("R-P2P-9")),
                "the same family when no rule is named exactly");
    }
}
