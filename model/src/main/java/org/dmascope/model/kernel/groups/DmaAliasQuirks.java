package org.dmascope.model.kernel.groups;

import java.util.BitSet;
import java.util.Optional;

import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.topology.PciBus;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciHierarchy;
import org.dmascope.model.topology.PortType;

/**
 * The DMA-alias fixups of drivers/pci/quirks.c (R-GRP-1; kernel-quirks.md section 6.2): which extra
 * devfns on its own bus a device DMAs with ({@code pdev->dma_alias_mask}), and the bridge flags that
 * change the alias walk ({@code PCI_DEV_FLAG_PCIE_BRIDGE_ALIAS}, {@code PCI_DEV_FLAGS_BRIDGE_XLATE_ROOT},
 * {@code PCI_DEV_FLAGS_PCI_BRIDGE_NO_ALIAS}).
 */
public final class DmaAliasQuirks {
    private DmaAliasQuirks() {
    }

    /** A device's quirk aliases: the devfns and the fixup that added them. */
    public record Aliases(BitSet devfns, String quirk, String why) {
        public boolean contains(int devfn) {
            return devfns.get(devfn);
        }
    }

    private static final int[] MARVELL_FUNC1 = {0x9120, 0x9123, 0x9125, 0x9128, 0x9130, 0x9170, 0x9172, 0x917a, 0x9182,
            0x9183, 0x91a0, 0x9215, 0x9220, 0x9230, 0x9235};

    /** {@code dma_alias_mask} of a function, from the alias fixups; empty when it has none. */
    public static Optional<Aliases> of(PciFunction f) {
        int v = f.identity().vendorId().orElse(-1);
        int d = f.identity().deviceId().orElse(-1);
        int slot = f.address().device();
        int fn = f.address().function();
        // quirk_dma_func0_alias
        if ((v == 0x1180 && (d == 0xe832 || d == 0xe476)) || (v == 0x6766 && (d == 0x3d40 || d == 0x3d41))) {
            if (fn != 0) return Optional.of(aliases("quirk_dma_func0_alias",
                    "it DMAs with the requester ID of function 0", slot << 3));
            return Optional.empty();
        }
        // quirk_dma_func1_alias
        boolean func1 = (v == 0x1b4b && contains(MARVELL_FUNC1, d)) || (v == 0x1103 && (d == 0x0642 || d == 0x0645))
                || (v == 0x197b && d == 0x2392) || (v == 0x1c28 && d == 0x0122);
        if (func1) {
            if (fn != 1) {
                return Optional.of(aliases("quirk_dma_func1_alias",
                        "it DMAs with the requester ID of (phantom) function 1",
                        slot << 3 | 1));
            }
            return Optional.empty();
        }
        // quirk_fixed_dma_alias: fixed_dma_alias_tbl[]
        if (v == 0x9005 && d == 0x0285 && f.identity().subsystemVendorId().orElse(-1) == 0x9005) {
            int sd = f.identity().subsystemDeviceId().orElse(-1);
            if (sd == 0x02bb || sd == 0x02bc) {
                return Optional.of(aliases("quirk_fixed_dma_alias", "its hidden DMA engine at 01.0 issues its DMA",
                        1 << 3));
            }
        }
        // quirk_mic_x200_dma_alias
        if (v == 0x8086 && (d == 0x2260 || d == 0x2264)) {
            return Optional.of(aliases("quirk_mic_x200_dma_alias",
                    "the MIC x200 NTB forwards traffic with the RIDs 10.0, 11.0 and 12.3",
                    0x10 << 3, 0x11 << 3, 0x12 << 3 | 3));
        }
        // quirk_pex_vca_alias: every slot, functions 0-4
        if (v == 0x8086 && (d == 0x2954 || d == 0x2955 || d == 0x2956 || d == 0x2958 || d == 0x2959 || d == 0x295a)) {
            BitSet b = new BitSet(256);
            for (int s = 0; s < 0x20; s++) b.set(s << 3, (s << 3) + 5);
            return Optional.of(new Aliases(b, "quirk_pex_vca_alias",
                    "the Visual Compute Accelerator uses functions 0-4 of every slot on its bus"));
        }
        // quirk_plx_ntb_dma_alias: all 256 devfns
        if (v == 0x10b5 && (d == 0x87b0 || d == 0x87b1)) {
            BitSet b = new BitSet(256);
            b.set(0, 256);
            return Optional.of(new Aliases(b, "quirk_plx_ntb_dma_alias",
                    "the PLX NTB forwards with any devfn on its bus"));
        }
        return Optional.empty();
    }

    /**
     * {@code quirk_switchtec_ntb_dma_alias}: Microsemi/Microchip Switchtec (11f8) and EFAR (1055) NTB
     * functions read their partition aliases from BAR0 at boot. Those cannot be derived from lspci
     * output; the rules can only point the device out. Matched here by vendor and class 0x0680.
     */
    public static boolean switchtecNtbAliasesUnknown(PciFunction f) {
        int v = f.identity().vendorId().orElse(-1);
        int cls = f.identity().classAndSubclass().orElse(-1);
        return (v == 0x11f8 || v == 0x1055) && cls == 0x0680;
    }

    /**
     * {@code quirk_use_pcie_bridge_dma_alias}: a conventional bridge (no PCIe capability, header type
     * 1, not on a root bus) below a PCIe parent that is not itself a PCIe-to-PCI bridge is really a
     * PCIe-to-PCI bridge: it aliases to (secondary bus, 00.0). Only for the listed IDs.
     */
    public static boolean pcieBridgeAlias(PciFunction f, PciHierarchy h) {
        int v = f.identity().vendorId().orElse(-1);
        int d = f.identity().deviceId().orElse(-1);
        boolean listed = (v == 0x1b21 && d == 0x1080) || (v == 0x10e3 && d == 0x8113) || (v == 0x1283 && (d == 0x8892
                || d == 0x8893))
                || (v == 0x8086 && d == 0x244e);
        if (!listed) return false;
        PciBus bus = h.busOf(f);
        if (bus.isRoot()) return false;
        boolean bridgeHeader = f.headerType().orElse(f.bridge().isPresent() ? 1 : 0) == 1;
        boolean pcie = f.portType().map(PortType::isPcie).orElse(false);
        if (!bridgeHeader || pcie || bus.self().isEmpty()) return false;
        PortType parent = bus.self().get().portType().orElse(PortType.CONVENTIONAL_PCI);
        return parent.isPcie() && parent != PortType.PCIE_TO_PCI_BRIDGE;
    }

    /** {@code quirk_bridge_cavm_thrx2_pcie_root}: Broadcom 9000/9084 (ThunderX2 root ports) stop the alias walk. */
    public static boolean bridgeXlateRoot(PciFunction f) {
        int v = f.identity().vendorId().orElse(-1);
        int d = f.identity().deviceId().orElse(-1);
        boolean bridgeClass = f.identity().classAndSubclass().orElse(0x0604) == 0x0604;
        return v == 0x14e4 && (d == 0x9000 || d == 0x9084) && bridgeClass;
    }

    /**
     * ASPEED AST1150 (1a03:1150) sets {@code PCI_DEV_FLAGS_PCI_BRIDGE_NO_ALIAS}: the PCIe-to-PCI bridge
     * forwards the original requester ID. Nirmoy Das's patch (v2, Dec 2025, quirks.c
     * {@code quirk_aspeed_pci_bridge_no_aliases}, search.c) targets the 7.0 merge window; the release that
     * took it is not confirmed in the stored sources [~], so profiles from 7.0 have it.
     */
    public static boolean pciBridgeNoAlias(PciFunction f, KernelProfile profile) {
        return profile.atLeast(7, 0) && f.identity().vendorId().orElse(-1) == 0x1a03
                && f.identity().deviceId().orElse(-1) == 0x1150;
    }

    private static Aliases aliases(String quirk, String why, int... devfns) {
        BitSet b = new BitSet(256);
        for (int df : devfns) b.set(df);
        return new Aliases(b, quirk, why);
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) if (x == v) return true;
        return false;
    }
}
