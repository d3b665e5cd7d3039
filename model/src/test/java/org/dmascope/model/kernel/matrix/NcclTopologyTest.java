package org.dmascope.model.kernel.matrix;

import static org.dmascope.model.kernel.fixtures.Fx.bdf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.fixtures.Fx;
import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/** NCCL's flattening of Broadcom PEX switches, as ncclTopoFlattenBcmSwitches does it today. */
class NcclTopologyTest {
    private static final String GPU = "0000:05:00.0";
    private static final String NIC = "0000:06:00.0";

    /**
     * A Broadcom switch (01:00.0) whose port 02:00.0 leads to a sub-switch (03:00.0) with a GPU below, and
     * whose port 02:01.0 leads to a NIC. NCCL parents: the GPU hangs off the sub-switch, the NIC off the
     * switch, so the pair is PIX only when the sub-switch is folded into the switch.
     */
    private static Topology twoLevelSwitch(int device, int switchSubsystem, int subSwitchSubsystem) {
        List<PciFunction> fs = List.of(
                Fx.port("0000:00:01.0", PortType.ROOT_PORT, 0x8086, 0x347a, Acs.ABSENT, 0x01, 0x06),
                broadcom(Fx.port("0000:01:00.0", PortType.SWITCH_UPSTREAM, 0x1000, device, Acs.ABSENT, 0x02, 0x06),
                        device, switchSubsystem),
                broadcom(Fx.port("0000:02:00.0", PortType.SWITCH_DOWNSTREAM, 0x1000, device, Acs.ABSENT, 0x03, 0x05),
                        device, switchSubsystem),
                broadcom(Fx.port("0000:02:01.0", PortType.SWITCH_DOWNSTREAM, 0x1000, device, Acs.ABSENT, 0x06, 0x06),
                        device, switchSubsystem),
                broadcom(Fx.port("0000:03:00.0", PortType.SWITCH_UPSTREAM, 0x1000, device, Acs.ABSENT, 0x04, 0x05),
                        device, subSwitchSubsystem),
                broadcom(Fx.port("0000:04:00.0", PortType.SWITCH_DOWNSTREAM, 0x1000, device, Acs.ABSENT, 0x05, 0x05),
                        device, subSwitchSubsystem),
                Fx.endpoint(GPU, 0x10de, 0x2330, 0x030200, Acs.ABSENT),
                Fx.endpoint(NIC, 0x15b3, 0x1021, 0x020700, Acs.ABSENT));
        return Fx.topology("bcm", Fx.intelVtd(), List.of(Fx.hostBridgeOnNode(0, 0, 0)), fs);
    }

    private static PciFunction broadcom(PciFunction f, int device, int subsystem) {
        return f.toBuilder().identity(Fx.id(0x1000, device, 0x1000, subsystem, 0x060400)).build();
    }

    private static MatrixCell gpuNic(Topology t) {
        return TopologyRules.of(t).matrix().cell(bdf(GPU), bdf(NIC)).orElseThrow();
    }

    @Test
    void aGen5SwitchAbsorbsItsLevelOneSubSwitch() {
        MatrixCell c = gpuNic(twoLevelSwitch(0xc030, 0x0100, 0x1100));
        assertEquals(NcclPathType.PATH_PIX, c.nccl(), "the sub-switch 1000:c030:1000:1100 is folded into 01:00.0");
        assertEquals(NcclPathType.PATH_PXB, gpuNic(twoLevelSwitch(0xc030, 0x0100, 0x0100)).nccl(),
                "a second level-0 switch is not a sub-switch");
    }

    @Test
    void aGen4SwitchInBaseModeAbsorbsAnyGen4SubSwitch() {
        assertEquals(NcclPathType.PATH_PIX, gpuNic(twoLevelSwitch(0xc010, 0xa096, 0xa0ff)).nccl(),
                "today's NCCL compares the generation, not the whole ID");
        assertEquals(NcclPathType.PATH_PXB, gpuNic(twoLevelSwitch(0xc010, 0xb096, 0xb096)).nccl(),
                "subsystem b096 is not base mode");
    }
}
