package org.dmascope.model.testing;

/** nvidia-smi output of kinds the corpus lacks, written as today's drivers print it. */
public final class NvidiaSmiSamples {
    /** Today's layout: NIC rows and columns named in the NIC legend, NVLink labels, GPU NUMA ID. */
    public static final String MODERN = """
            \tGPU0\tGPU1\tNIC0\tNIC1\tCPU Affinity\tNUMA Affinity\tGPU NUMA ID
            GPU0\t X \tNV12\tPIX\tSYS\t0-31\t0\t\tN/A
            GPU1\tNV12\t X \tSYS\tPIX\t32-63\t1\t\tN/A
            NIC0\tPIX\tSYS\t X \tSYS
            NIC1\tSYS\tPIX\tSYS\t X\s

            Legend:

              X    = Self
              SYS  = Connection traversing PCIe as well as the SMP interconnect between NUMA nodes (e.g., QPI/UPI)
              PIX  = Connection traversing at most a single PCIe bridge
              NV#  = Connection traversing a bonded set of # NVLinks

            NIC Legend:

              NIC0: mlx5_0
              NIC1: mlx5_1
            """;

    /**
     * {@code nvidia-smi topo -p2p r} for the three Tesla K80 boards of supermicro-7048gr-tr-3xk80: reads
     * work on each board and between the second socket's boards; the driver refuses across the sockets.
     */
    public static final String K80_P2P_READ = """
            $ nvidia-smi topo -p2p r
             \tGPU0\tGPU1\tGPU2\tGPU3\tGPU4\tGPU5
             GPU0\tX\tOK\tCNS\tCNS\tOK\tGNS
             GPU1\tOK\tX\tCNS\tCNS\tCNS\tCNS
             GPU2\tCNS\tCNS\tX\tOK\tOK\tOK
             GPU3\tCNS\tCNS\tOK\tX\tOK\tOK
             GPU4\tOK\tCNS\tOK\tOK\tX\tOK
             GPU5\tGNS\tCNS\tOK\tOK\tOK\tX
            """;

    private NvidiaSmiSamples() {
    }
}
