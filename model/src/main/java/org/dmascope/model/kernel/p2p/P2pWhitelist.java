package org.dmascope.model.kernel.p2p;

import java.util.ArrayList;
import java.util.List;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.kernel.rule.KernelRule;


/**
 * R-P2P-3 {@code pci_p2pdma_whitelist[]} (drivers/pci/p2pdma.c) for each kernel profile, in table
 * order. Confirmed in source:
 * <ul>
 *   <li>5.4 (5.4.225, CodeLinaro qsdk linux-ipq-5.4 @7744840b): AMD Zen 1022:1450; Intel 3c00, 3c01,
 *       2f00, 2f01 with REQ_SAME_HOST_BRIDGE;</li>
 *   <li>5.15 (Intel linux-intel-lts2021 @a745a76e): the Intel entries of 5.4, Skylake-E 2030-2033 and
 *       2020, "Whitley" 09a2; the AMD entry gone (cpu_supports_p2pdma() replaced it);</li>
 *   <li>mainline (leon linux-rdma @04673b71, ≈v6.19/7.0): plus SPR DSA 0b25 / IAX 0cfe, DSA GNRD 11fb,
 *       DSA DMR 1212, IAA DMR 1216, QAT 4940/4942/4944/4946/4948, Google 1ae0:any, NVIDIA CPUs
 *       2f95-2f98.</li>
 * </ul>
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
        if (profile == KernelProfile.V5_4) l.add(new Entry(0x1022, 0x1450, false, "AMD Zen"));
        l.add(new Entry(0x8086, 0x3c00, true, "Intel Xeon E5/Core i7"));
        l.add(new Entry(0x8086, 0x3c01, true, "Intel Xeon E5/Core i7"));
        l.add(new Entry(0x8086, 0x2f00, true, "Intel Xeon E7 v3/Xeon E5 v3/Core i7"));
        l.add(new Entry(0x8086, 0x2f01, true, "Intel Xeon E7 v3/Xeon E5 v3/Core i7"));
        if (profile == KernelProfile.V5_4) return List.copyOf(l);
        for (int d : new int[] {0x2030, 0x2031, 0x2032, 0x2033, 0x2020}) l.add(new Entry(0x8086, d, false,
                "Intel Skylake-E"));
        l.add(new Entry(0x8086, 0x09a2, false, "Intel Ice Lake-SP (Whitley)"));
        if (profile != KernelProfile.MAINLINE) return List.copyOf(l);
        l.add(new Entry(0x8086, 0x0b25, false, "Intel Sapphire Rapids DSA"));
        l.add(new Entry(0x8086, 0x0cfe, false, "Intel Sapphire Rapids IAX"));
        l.add(new Entry(0x8086, 0x11fb, false, "Intel Granite Rapids-D DSA"));
        l.add(new Entry(0x8086, 0x1212, false, "Intel Diamond Rapids DSA"));
        l.add(new Entry(0x8086, 0x1216, false, "Intel Diamond Rapids IAA"));
        for (int d : new int[] {0x4940, 0x4942, 0x4944, 0x4946, 0x4948}) l.add(new Entry(0x8086, d, false,
                "Intel QAT"));
        l.add(new Entry(0x1ae0, ANY, false, "Google SoC"));
        for (int d : new int[] {0x2f95, 0x2f96, 0x2f97, 0x2f98}) l.add(new Entry(0x10de, d, false, "NVIDIA CPU"));
        return List.copyOf(l);
    }
}
