package org.dmascope.model.kernel.matrix;

import static org.dmascope.model.kernel.fixtures.Fx.bdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.fixtures.Fx;
import org.dmascope.model.kernel.fixtures.T1;
import org.dmascope.model.kernel.fixtures.Samples;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/** The P2P matrix: endpoint choice, map type/distance, nvidia-smi classes and NCCL path types. */
class P2pMatrixTest {

    @Test
    void sampleMatrixListsTheDmaEndpointsOnly() {
        P2pMatrix m = TopologyRules.of(Samples.switchP2pServer()).matrix();
        assertEquals(List.of(bdf("0000:03:00.0"), bdf("0000:04:00.0"), bdf("0000:05:00.0"), bdf("0000:06:00.0"),
                bdf("0000:07:00.0")),
                m.endpoints(), "the VT-d/memory-map RCiEP, root ports and switch ports are not DMA endpoints");
    }

    @Test
    void switchLocalPairIsPixEverywhere() {
        P2pMatrix m = TopologyRules.of(Samples.switchP2pServer()).matrix();
        MatrixCell c = m.cell(bdf("0000:05:00.0"), bdf("0000:03:00.0")).orElseThrow();
        assertEquals(P2pMapType.BUS_ADDR, c.mapType());
        assertEquals(4, c.distance());
        assertEquals(NvidiaSmiLabel.PIX, c.smi());
        assertEquals(NcclPathType.PATH_PIX, c.nccl());
        MatrixCell self = m.cell(bdf("0000:05:00.0"), bdf("0000:05:00.0")).orElseThrow();
        assertEquals(NvidiaSmiLabel.X, self.smi());
        assertEquals(NcclPathType.PATH_LOC, self.nccl());
        P2pMatrix.Explanation e = m.explain(2, 0);
        assertTrue(e.mapType().reason().startsWith("BUS_ADDR"), e.mapType().reason());
        assertTrue(e.nccl().contains("meeting at switch upstream port 0000:01:00.0"), e.nccl());
    }

    @Test
    void differentRootPortsAreThroughTheHostBridge() {
        P2pMatrix m = TopologyRules.of(Samples.switchP2pServer()).matrix();
        MatrixCell c = m.cell(bdf("0000:07:00.0"), bdf("0000:03:00.0")).orElseThrow();
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, c.mapType(), "host bridge device 8086:09a2 is whitelisted");
        assertEquals(6, c.distance());
        assertEquals(NvidiaSmiLabel.PHB, c.smi());
        assertEquals(NcclPathType.PATH_PHB, c.nccl());
    }

    /** T1 plus a nested switch under DSPb and two more host bridges (one on NUMA node 0, one on node 1). */
    static Topology nested() {
        Topology t = Fx.remove(T1.t1(), T1.EPB);
        List<PciFunction> fs = new ArrayList<>(t.functions());
        fs.removeIf(f -> f.address().equals(bdf(T1.DSPB)) || f.address().equals(bdf(T1.RP1)) || f.address()
                .equals(bdf(T1.USP))
                || f.address().equals(bdf(T1.EPC)) || f.address().equals(bdf(T1.RP2)));
        fs.add(Fx.port(T1.RP1, PortType.ROOT_PORT, 0x8086, 0x2030, Acs.of(0x1F, 0), 1, 6));
        fs.add(Fx.port(T1.USP, PortType.SWITCH_UPSTREAM, 0x1000, 0xc030, Acs.ABSENT, 2, 6));
        fs.add(Fx.port(T1.DSPB, PortType.SWITCH_DOWNSTREAM, 0x1000, 0xc030, Acs.of(0x1F, 0), 4, 6));
        fs.add(Fx.port("0000:04:00.0", PortType.SWITCH_UPSTREAM, 0x10b5, 0x8747, Acs.ABSENT, 5, 6));
        fs.add(Fx.port("0000:05:00.0", PortType.SWITCH_DOWNSTREAM, 0x10b5, 0x8747, Acs.of(0x1F, 0), 6, 6));
        fs.add(Fx.port(T1.RP2, PortType.ROOT_PORT, 0x8086, 0x2031, Acs.of(0x1F, 0), 7, 7));
        fs.add(Fx.endpoint("0000:06:00.0", 0x10de, 0x1eb8, 0x030200, Acs.ABSENT));
        fs.add(Fx.endpoint("0000:07:00.0", 0x10de, 0x1eb8, 0x030200, Acs.ABSENT));
        List<HostBridge> hbs = new ArrayList<>();
        hbs.add(Fx.hostBridgeOnNode(0, 0, 0));
        hbs.add(Fx.hostBridgeOnNode(0, 0x40, 0));
        hbs.add(Fx.hostBridgeOnNode(0, 0x80, 1));
        for (int root : new int[] {0x40, 0x80}) {
            fs.add(Fx.port(String.format("0000:%02x:01.0", root), PortType.ROOT_PORT, 0x8086, 0x2032, Acs.of(0x1F, 0),
                    root + 1, root + 1));
            fs.add(Fx.endpoint(String.format("0000:%02x:00.0", root + 1), 0x10de, 0x1eb8, 0x030200, Acs.ABSENT));
        }
        return Fx.topology("nested", t.platform(), hbs, fs);
    }

    @Test
    void nestedSwitchesNumaNodesAndHostBridges() {
        P2pMatrix m = TopologyRules.of(nested()).matrix();
        Bdf epa = bdf(T1.EPA);
        Bdf deep = bdf("0000:06:00.0");
        MatrixCell pxb = m.cell(deep, epa).orElseThrow();
        assertEquals(NvidiaSmiLabel.PXB, pxb.smi());
        assertEquals(NcclPathType.PATH_PXB, pxb.nccl());
        assertEquals(P2pMapType.BUS_ADDR, pxb.mapType());
        assertEquals(6, pxb.distance());
        MatrixCell node = m.cell(bdf("0000:41:00.0"), epa).orElseThrow();
        assertEquals(NvidiaSmiLabel.NODE, node.smi());
        assertEquals(NvidiaSmiClassifier.Rule.SAME_NUMA_NODE, node.smiRule());
        assertEquals(NcclPathType.PATH_PHB, node.nccl(), "NCCL has one CPU node per NUMA node");
        MatrixCell sys = m.cell(bdf("0000:81:00.0"), epa).orElseThrow();
        assertEquals(NvidiaSmiLabel.SYS, sys.smi());
        assertEquals(NcclPathType.PATH_SYS, sys.nccl());
        assertEquals(NvidiaSmiLabel.PHB, m.cell(bdf("0000:07:00.0"), epa).orElseThrow().smi());
    }
}
