package org.dmascope.model.kernel.matrix;

import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.topology.Bdf;

/**
 * One (provider, client) pair of the P2P matrix: the kernel's map type and distance (R-P2P-5), the
 * nvidia-smi class and NCCL path type, each with the rule that produced it. Sentences are built on
 * demand by {@link P2pMatrix#explain(int, int)} so a large matrix stays cheap.
 *
 * @param provider  row device (whose memory is accessed)
 * @param client    column device (doing the DMA)
 * @param mapType   R-P2P-5 map type
 * @param distance  R-P2P-5 distance
 * @param smi       nvidia-smi class
 * @param smiRule   the case of the nvidia-smi legend that applied
 * @param nccl      NCCL path type
 * @param ncclRule  the NCCL path rule that applied
 */
public record MatrixCell(Bdf provider, Bdf client, P2pMapType mapType, int distance, NvidiaSmiLabel smi,
                         NvidiaSmiClassifier.Rule smiRule, NcclPathType nccl, NcclTopology.Rule ncclRule) {

    /** The rule id behind the map type and distance. */
    public static final String MAP_TYPE_RULE = "R-P2P-5";
}
