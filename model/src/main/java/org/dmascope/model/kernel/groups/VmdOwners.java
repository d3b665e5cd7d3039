package org.dmascope.model.kernel.groups;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;

/**
 * {@code pci_real_dma_dev()} on x86 (arch/x86/pci/common.c; R-GRP-1): a device in a PCI domain the
 * Intel VMD driver created (domain &ge; 0x10000) DMAs through the VMD controller endpoint. The VMD
 * driver numbers its domains from 0x10000 upward in probe order ({@code vmd_find_free_domain()}), so
 * the n-th VMD controller in probe order owns the n-th domain above 0xFFFF present in the topology.
 * A controller is recognised by the {@code vmd} driver or an Intel VMD device ID of drivers/pci/controller/vmd.c.
 */
public final class VmdOwners {
    private static final int[] VMD_IDS = {0x201d, 0x28c0, 0x467f, 0x4c3d, 0x7d0b, 0x9a0b, 0xa77f, 0xad0b, 0xb60b,
            0xb06f};

    private final Map<Integer, PciFunction> ownerOfDomain = new HashMap<>();

    public VmdOwners(Topology t) {
        List<PciFunction> controllers = new ArrayList<>();
        for (PciFunction f : t.hierarchy().kernelOrder()) if (isVmdController(f)) controllers.add(f);
        TreeSet<Integer> domains = new TreeSet<>();
        for (PciFunction f : t.functions()) if (f.address().domain() >= 0x10000) domains.add(f.address().domain());
        int i = 0;
        for (int d : domains) {
            if (i >= controllers.size()) break;
            ownerOfDomain.put(d, controllers.get(i++));
        }
    }

    public static boolean isVmdController(PciFunction f) {
        if (f.driver().map("vmd"::equals).orElse(false)) return true;
        if (f.identity().vendorId().orElse(-1) != 0x8086 || f.address().domain() >= 0x10000) return false;
        int d = f.identity().deviceId().orElse(-1);
        for (int id : VMD_IDS) if (id == d) return true;
        return false;
    }

    /** The VMD controller a device's DMA really comes from, if it sits in a VMD domain. */
    public Optional<PciFunction> realDmaDevice(PciFunction f) {
        if (f.address().domain() < 0x10000) return Optional.empty();
        return Optional.ofNullable(ownerOfDomain.get(f.address().domain()));
    }
}
