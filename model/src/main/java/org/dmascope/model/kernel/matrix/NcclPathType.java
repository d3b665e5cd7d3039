package org.dmascope.model.kernel.matrix;

/**
 * NCCL's PCIe path types (NVIDIA/nccl src/include/graph.h; values of current NCCL, which inserted
 * C2C and P2C: LOC 0, NVL 1, NVB 2, C2C 3, PIX 4, PXB 5, P2C 6, PXN 7, PHB 8, SYS 9). Only the types a
 * pure PCIe topology can produce are listed; NVLink/C2C/PXN need links lspci cannot show.
 */
public enum NcclPathType {
    PATH_LOC(0, "Local (myself)"),
    PATH_PIX(4, "Connection traversing at most a single PCIe bridge"),
    PATH_PXB(5, "Connection traversing multiple PCIe bridges (without traversing the PCIe Host Bridge)"),
    PATH_PHB(8, "Connection traversing PCIe as well as a PCIe Host Bridge (typically the CPU)"),
    PATH_SYS(9, "Connection traversing PCIe as well as the SMP interconnect between NUMA nodes (e.g., QPI/UPI)");

    private final int value;
    private final String legend;

    NcclPathType(int value, String legend) {
        this.value = value;
        this.legend = legend;
    }

    /** The number NCCL uses (NCCL_P2P_LEVEL compares these). */
    public int value() {
        return value;
    }

    public String legend() {
        return legend;
    }

    /** {@code PIX}, as NCCL_P2P_LEVEL spells it. */
    public String shortName() {
        return name().substring("PATH_".length());
    }
}
