package org.dmascope.model.kernel.iommu;

/**
 * Per-device IOMMU state that survives between mappings ({@code dev->iommu}): whether the device
 * still tries 32-bit IOVAs first ({@code pci_32bit_workaround = !iommu.forcedac} for PCI devices).
 */
public final class IommuDeviceState {
    boolean pci32bitWorkaround;

    public IommuDeviceState(boolean pci, boolean forcedac) {
        this.pci32bitWorkaround = pci && !forcedac;
    }

    public boolean pci32bitWorkaround() {
        return pci32bitWorkaround;
    }
}
