package org.dmascope.model.kernel.acs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dmascope.model.topology.PciFunction;

/**
 * {@code pci_dev_acs_enabled[]} and {@code pci_dev_specific_acs_enabled()} (drivers/pci/quirks.c;
 * R-ACS-2 step 1; kernel-quirks.md section 3): the entries in kernel order; the first entry whose
 * vendor and device match and whose quirk decides wins.
 *
 * <p>The same table serves every kernel profile: the quirk additions kernel-quirks.md lists as
 * "absent in 5.x" (ThunderX3 0xb884, 9d10-9d1b SPT IDs, Wangxun AML IDs…) are present in the
 * 5.4.225 stable tree (quirks.c of CodeLinaro qsdk linux-ipq-5.4 @7744840b), because stable kernels
 * receive quirk backports.
 */
public final class AcsQuirkTable {
    /** {@code PCI_ANY_ID}. */
    public static final int ANY = -1;

    /** One table row. */
    public record Entry(int vendor, int device, AcsQuirk quirk) {
        boolean matches(PciFunction f) {
            int v = f.identity().vendorId().orElse(-2);
            int d = f.identity().deviceId().orElse(-2);
            return (vendor == ANY || vendor == v) && (device == ANY || device == d);
        }
    }

    private static final AcsQuirkTable MAINLINE = new AcsQuirkTable(build());

    private final List<Entry> entries;

    private AcsQuirkTable(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static AcsQuirkTable standard() {
        return MAINLINE;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The first deciding quirk's verdict, or empty when no quirk decides (-ENOTTY). */
    public Optional<AcsVerdict> decide(PciFunction f, int flags, AcsRules rules) {
        if (f.identity().vendorId().isEmpty()) return Optional.empty();
        for (Entry e : entries) {
            if (!e.matches(f)) continue;
            Optional<AcsVerdict> v = e.quirk().decide(f, flags, rules);
            if (v.isPresent()) return v;
        }
        return Optional.empty();
    }

    private static List<Entry> build() {
        AcsQuirk amdSb = new AmdSouthbridgeAcsQuirk();
        AcsQuirk mf = new MultifunctionEndpointAcsQuirk();
        AcsQuirk qcom = new RootPortIsolationAcsQuirk("pci_quirk_qcom_rp_acs", "Qualcomm root port");
        AcsQuirk xgene = new RootPortIsolationAcsQuirk("pci_quirk_xgene_acs", "X-Gene/Ampere root port");
        AcsQuirk brcm = new RootPortIsolationAcsQuirk("pci_quirk_brcm_acs", "Broadcom iProc root port");
        AcsQuirk loongson = new RootPortIsolationAcsQuirk("pci_quirk_loongson_acs", "Loongson root port");
        AcsQuirk nxp = new RootPortIsolationAcsQuirk("pci_quirk_nxp_rp_acs", "NXP LX2xx0A root port");
        List<Entry> l = new ArrayList<>();
        add(l, 0x1002, amdSb, 0x4385, 0x439c, 0x4383, 0x439d, 0x4384, 0x4399);
        add(l, 0x1022, amdSb, 0x780f, 0x7809);
        add(l, 0x1924, mf, 0x0903, 0x0923, 0x0A03);
        add(l, 0x8086, mf, 0x10C6, 0x10DB, 0x10DD, 0x10E1, 0x10F1, 0x10F7, 0x10F8, 0x10F9, 0x10FA, 0x10FB, 0x10FC,
                0x1507, 0x1514, 0x151C, 0x1529, 0x152A, 0x154D, 0x154F, 0x1551, 0x1558);
        add(l, 0x8086, mf, 0x1509, 0x150E, 0x150F, 0x1510, 0x1511, 0x1516, 0x1527);
        add(l, 0x8086, mf, 0x10C9, 0x10E6, 0x10E7, 0x10E8, 0x150A, 0x150D, 0x1518, 0x1526);
        add(l, 0x8086, mf, 0x10A7, 0x10A9, 0x10D6);
        add(l, 0x8086, mf, 0x1521, 0x1522, 0x1523, 0x1524);
        add(l, 0x8086, mf, 0x105E, 0x105F, 0x1060, 0x10D9);
        add(l, 0x8086, mf, 0x15b7, 0x15b8);
        l.add(new Entry(0x8086, ANY, new IntelRciepAcsQuirk()));
        add(l, 0x17cb, qcom, 0x0400, 0x0401, 0x0115, 0x0111, 0x0120);
        add(l, 0x1dbf, qcom, 0x0401);
        l.add(new Entry(0x8086, ANY, new IntelPchAcsQuirk()));
        l.add(new Entry(0x8086, ANY, new IntelSptPchAcsQuirk()));
        add(l, 0x19a2, mf, 0x0710);
        add(l, 0x10df, mf, 0x0720);
        l.add(new Entry(0x177d, ANY, new CaviumAcsQuirk()));
        add(l, 0x177d, mf, 0xA026, 0xA059, 0xA060);
        add(l, 0x10e8, xgene, 0xE004);
        add(l, 0x1def, xgene, 0xE005, 0xE006, 0xE007, 0xE008, 0xE009, 0xE00A, 0xE00B, 0xE00C);
        add(l, 0x14e4, mf, 0x16D7, 0x1750, 0x1751, 0x1752, 0x1760, 0x1761, 0x1762, 0x1763);
        add(l, 0x14e4, brcm, 0xD714);
        add(l, 0x0014, loongson, 0x3C09, 0x3C19, 0x3C29, 0x7A09, 0x7A19, 0x7A29, 0x7A39, 0x7A49, 0x7A59, 0x7A69);
        l.add(new Entry(0x1c36, 0x0031, new AnnapurnaAcsQuirk()));
        add(l, 0x1d17, mf, 0x3038, 0x3104, 0x9083);
        add(l, 0x1957, nxp, 0x8d81, 0x8da1, 0x8d83, 0x8d80, 0x8da0, 0x8d82, 0x8d90, 0x8db0, 0x8d92, 0x8d91, 0x8db1,
                0x8d93, 0x8d89, 0x8da9, 0x8d8b, 0x8d88, 0x8da8, 0x8d8a, 0x8d98, 0x8db8, 0x8d9a, 0x8d99, 0x8db9, 0x8d9b);
        l.add(new Entry(0x1d17, ANY, new ZhaoxinPortsAcsQuirk()));
        l.add(new Entry(0x8088, ANY, new WangxunNicAcsQuirk()));
        return l;
    }

    private static void add(List<Entry> l, int vendor, AcsQuirk q, int... devices) {
        for (int d : devices) l.add(new Entry(vendor, d, q));
    }
}
