package org.dmascope.model.kernel.p2p;

import java.util.ArrayList;
import java.util.List;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.kernel.rule.KernelRule;


/**
 * R-P2P-3 {@code pci_p2pdma_whitelist[]} (drivers/pci/p2pdma.c) for each kernel profile, in table
 * order. The history, from upstream commits:
 * <ul>
 *   <li>5.4 (5.4.225, CodeLinaro qsdk linux-ipq-5.4 @7744840b): AMD Zen 1022:1450; Intel 3c00, 3c01,
 *       2f00, 2f01 with REQ_SAME_HOST_BRIDGE;</li>
 *   <li>v5.6/v5.7: Intel Skylake-E 2020 (bc123a515cb7 "PCI/P2PDMA: Add Intel SkyLake-E to the whitelist")
 *       and root ports 2030-2033 (7b94b53db34f);</li>
 *   <li>v5.9: the AMD entries removed by dea286bb71ba ("PCI/P2PDMA: Allow P2PDMA on AMD Zen and newer
 *       CPUs", applied to pci/peer-to-peer "for v5.9"), which replaced them with {@code cpu_supports_p2pdma()}
 *       (R-P2P-2);</li>
 *   <li>v5.18: Intel Ice Lake-SP 09a2 (feaea1fe8b36 "PCI/P2PDMA: Add Intel 3rd Gen Intel Xeon Scalable
 *       Processors to whitelist", Feb 2022, pci/p2pdma for the 5.18 window);</li>
 *   <li>v7.1: Google 1ae0:any (70cf146a674c "PCI/P2PDMA: Add Google SoCs to the P2P DMA host bridge list" with
 *       1a1f96e3e2a8 "Allow wildcard Device IDs", merged in the 7.1 window);</li>
 *   <li>v7.2: Intel DSA/IAX/IAA/QAT accelerators (0ba76b19fd4c "PCI/P2PDMA: Add Intel QAT, DSA, IAA devices to
 *       whitelist", upstream after 7.1, sent to 7.1-stable), so the 7.4 profile has them.</li>
 * </ul>
 * NVIDIA CPU ids 2f95-2f98 and Zhaoxin ids appear only in vendor trees (kernel-quirks.md section 6) and are
 * not modelled.
 */
@KernelRule("R-P2P-3")
public final class P2pWhitelist {
    /** {@code PCI_ANY_ID} in the device field. */
    public static final int ANY = -1;

    /** One row: vendor, device (or {@link #ANY}), the REQ_SAME_HOST_BRIDGE flag, and what it is. */
    public record Entry(int vendor, int device, boolean reqSameHostBridge, String what) {
        public String ids() {
            return device == ANY ? String.format("%04x:any", vendor) : String.format("%04x:%04x", vendor, device);
        }
    }

    private P2pWhitelist() {
    }

    public static List<Entry> forProfile(KernelProfile profile) {
        List<Entry> l = new ArrayList<>();
        if (!profile.atLeast(5, 9)) l.add(new Entry(0x1022, 0x1450, false, "AMD Zen"));
        l.add(new Entry(0x8086, 0x3c00, true, "Intel Xeon E5/Core i7"));
        l.add(new Entry(0x8086, 0x3c01, true, "Intel Xeon E5/Core i7"));
        l.add(new Entry(0x8086, 0x2f00, true, "Intel Xeon E7 v3/Xeon E5 v3/Core i7"));
        l.add(new Entry(0x8086, 0x2f01, true, "Intel Xeon E7 v3/Xeon E5 v3/Core i7"));
        if (!profile.atLeast(5, 7)) return List.copyOf(l);
        for (int d : new int[] {0x2030, 0x2031, 0x2032, 0x2033, 0x2020}) l.add(new Entry(0x8086, d, false,
                "Intel Skylake-E"));
        if (!profile.atLeast(5, 18)) return List.copyOf(l);
        l.add(new Entry(0x8086, 0x09a2, false, "Intel Ice Lake-SP (Whitley)"));
        if (profile.atLeast(7, 2)) {
            l.add(new Entry(0x8086, 0x0b25, false, "Intel Sapphire Rapids DSA"));
            l.add(new Entry(0x8086, 0x0cfe, false, "Intel Sapphire Rapids IAX"));
            l.add(new Entry(0x8086, 0x11fb, false, "Intel Granite Rapids-D DSA"));
            l.add(new Entry(0x8086, 0x1212, false, "Intel Diamond Rapids DSA"));
            l.add(new Entry(0x8086, 0x1216, false, "Intel Diamond Rapids IAA"));
            for (int d : new int[] {0x4940, 0x4942, 0x4944, 0x4946, 0x4948}) l.add(new Entry(0x8086, d, false,
                    "Intel QAT"));
        }
        if (profile.atLeast(7, 1)) l.add(new Entry(0x1ae0, ANY, false, "Google SoC"));
        return List.copyOf(l);
    }
}
