package org.dmascope.model.testing;

/**
 * lspci listings written for machines whose other exports are in the corpus but whose lspci output is
 * not, so that a tool's view of the machine can be set against dmascope's.
 */
public final class CraftedMachines {
    private static final String K80 = "10de:102d";
    private static final String PLX = "10b5:8747";
    private static final String IVY_BRIDGE_ROOT_PORT = "8086:0e04";
    private static final String IVY_BRIDGE_HOST = "8086:0e00";

    private CraftedMachines() {
    }

    /**
     * The Supermicro SYS-7048GR-TR of supermicro-7048gr-tr-3xk80.nvsmi-topo.txt as its nvidia-smi matrix
     * describes it: three Tesla K80 boards, each a PLX PEX8747 switch with two GK210 GPUs below it; one on
     * the first socket's root port 00:02.0, two on the second socket's root ports 80:02.0 and 80:03.0.
     *
     * @param firstBoardSplit put the first board's two GPUs on two root ports of their own, without the
     *                        switch: a machine nvidia-smi's PIX for GPU0–GPU1 does not fit
     */
    public static String supermicro7048(boolean firstBoardSplit) {
        LspciListing l = new LspciListing().hostBridge("0000:00:00.0", IVY_BRIDGE_HOST, 0);
        if (firstBoardSplit) {
            l.rootPort("0000:00:02.0", IVY_BRIDGE_ROOT_PORT, 0x04, 0x04, 0)
                    .endpoint("0000:04:00.0", "0302", "3D controller", K80, "10de:106c", 0)
                    .rootPort("0000:00:03.0", IVY_BRIDGE_ROOT_PORT, 0x05, 0x05, 0)
                    .endpoint("0000:05:00.0", "0302", "3D controller", K80, "10de:106c", 0);
        } else {
            board(l, "00", 0x02, 0);
        }
        l.hostBridge("0000:80:00.0", IVY_BRIDGE_HOST, 1);
        board(l, "80", 0x02, 1);
        board(l, "80", 0x03, 1);
        return l.text();
    }

    /**
     * Two sockets, each with a PCIe switch below a root port holding one NVIDIA GPU and one ConnectX NIC:
     * the machine of a {@code nvidia-smi topo -m} with GPU0/NIC0 on NUMA node 0 and GPU1/NIC1 on node 1.
     */
    public static String twoSocketsGpuAndNicEach() {
        LspciListing l = new LspciListing();
        for (int socket = 0; socket < 2; socket++) {
            int root = socket * 0x80;
            String r = String.format("%02x", root);
            l.hostBridge("0000:" + r + ":00.0", "8086:09a2", socket)
                    .rootPort("0000:" + r + ":01.0", "8086:347a", root + 1, root + 4, socket)
                    .upstreamPort(String.format("0000:%02x:00.0", root + 1), "1000:c010", "1000:a096", root + 2,
                            root + 4, socket)
                    .downstreamPort(String.format("0000:%02x:00.0", root + 2), "1000:c010", "1000:a096", root + 3,
                            root + 3, socket)
                    .endpoint(String.format("0000:%02x:00.0", root + 3), "0302", "3D controller", "10de:20b2",
                            "10de:1463", socket)
                    .downstreamPort(String.format("0000:%02x:01.0", root + 2), "1000:c010", "1000:a096", root + 4,
                            root + 4, socket)
                    .endpoint(String.format("0000:%02x:00.0", root + 4), "0207", "Infiniband controller",
                            "15b3:101b", "15b3:0007", socket);
        }
        return l.text();
    }

    /** A K80 on root port {@code root:dev.0}: the switch on the next bus, its two ports, a GPU below each. */
    private static void board(LspciListing l, String root, int device, int numa) {
        int rootBus = Integer.parseInt(root, 16);
        int up = rootBus + 2 + (device - 2) * 4;
        l.rootPort(String.format("0000:%s:%02x.0", root, device), IVY_BRIDGE_ROOT_PORT, up, up + 3, numa)
                .upstreamPort(String.format("0000:%02x:00.0", up), PLX, null, up + 1, up + 3, numa)
                .downstreamPort(String.format("0000:%02x:08.0", up + 1), PLX, null, up + 2, up + 2, numa)
                .endpoint(String.format("0000:%02x:00.0", up + 2), "0302", "3D controller", K80, "10de:106c", numa)
                .downstreamPort(String.format("0000:%02x:10.0", up + 1), PLX, null, up + 3, up + 3, numa)
                .endpoint(String.format("0000:%02x:00.0", up + 3), "0302", "3D controller", K80, "10de:106c", numa);
    }
}
