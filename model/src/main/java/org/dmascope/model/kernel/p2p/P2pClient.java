package org.dmascope.model.kernel.p2p;

import java.util.Objects;
import java.util.Optional;

import org.dmascope.model.topology.Bdf;

/**
 * A client of P2P memory as the kernel receives it: a {@code struct device}. It is either a PCI
 * function, or another device (a block device, an RDMA port, a platform device) which
 * {@code find_parent_pci_dev()} walks up from to its nearest PCI ancestor, if it has one.
 *
 * @param name        how to name it in sentences
 * @param pciDevice   the PCI function, when the device is one
 * @param pciAncestor the nearest PCI ancestor of a non-PCI device
 */
public record P2pClient(String name, Optional<Bdf> pciDevice, Optional<Bdf> pciAncestor) {

    public P2pClient {
        Objects.requireNonNull(name);
        Objects.requireNonNull(pciDevice);
        Objects.requireNonNull(pciAncestor);
    }

    public static P2pClient pci(Bdf b) {
        return new P2pClient(b.toString(), Optional.of(b), Optional.empty());
    }

    /** A non-PCI device, e.g. {@code nvme0n1} below 0000:05:00.0, or a platform device with no PCI parent. */
    public static P2pClient nonPci(String name, Optional<Bdf> pciAncestor) {
        return new P2pClient(name, Optional.empty(), pciAncestor);
    }

    /** {@code find_parent_pci_dev()}: the device itself if PCI, else its nearest PCI ancestor. */
    public Optional<Bdf> parentPciDevice() {
        return pciDevice.isPresent() ? pciDevice : pciAncestor;
    }

    public boolean isPci() {
        return pciDevice.isPresent();
    }
}
