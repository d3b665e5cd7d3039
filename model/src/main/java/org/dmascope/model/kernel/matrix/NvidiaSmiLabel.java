package org.dmascope.model.kernel.matrix;

/**
 * The connection classes of {@code nvidia-smi topo -m} (NVML {@code nvmlGpuTopologyLevel_t}:
 * INTERNAL/SINGLE 10/MULTIPLE 20/HOSTBRIDGE 30/NODE 40/SYSTEM 50), with the legend nvidia-smi prints
 * (corpus amd-wrx80-tr3975wx-2x5090.nvsmi-topo.txt). Older drivers printed SOC for SYS.
 */
public enum NvidiaSmiLabel {
    X("Self"),
    PIX("Connection traversing at most a single PCIe bridge"),
    PXB("Connection traversing multiple PCIe bridges (without traversing the PCIe Host Bridge)"),
    PHB("Connection traversing PCIe as well as a PCIe Host Bridge (typically the CPU)"),
    NODE("Connection traversing PCIe as well as the interconnect between PCIe Host Bridges within a NUMA node"),
    SYS("Connection traversing PCIe as well as the SMP interconnect between NUMA nodes (e.g., QPI/UPI)");

    private final String legend;

    NvidiaSmiLabel(String legend) {
        this.legend = legend;
    }

    public String legend() {
        return legend;
    }
}
