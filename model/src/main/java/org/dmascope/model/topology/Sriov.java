package org.dmascope.model.topology;

import java.util.OptionalInt;

/**
 * The SR-IOV capability of a physical function. VF {@code n} (1-based) has routing ID
 * {@code PF RID + vfOffset + (n - 1) * vfStride}.
 */
public record Sriov(int totalVfs, int numVfs, int vfOffset, int vfStride, OptionalInt vfDeviceId) {

    public Sriov {
        if (totalVfs < 0 || numVfs < 0) throw new IllegalArgumentException("VF counts must not be negative");
    }

    /** Routing ID of VF {@code n} (1-based) of the PF at {@code pf}. */
    public int vfRequesterId(Bdf pf, int n) {
        return pf.requesterId() + vfOffset + (n - 1) * vfStride;
    }
}
