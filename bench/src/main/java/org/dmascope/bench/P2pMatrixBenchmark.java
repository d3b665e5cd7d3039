package org.dmascope.bench;

import java.util.concurrent.TimeUnit;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.groups.IommuGroups;
import org.dmascope.model.kernel.matrix.P2pMatrix;
import org.dmascope.model.topology.Topology;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The P2P matrix (every ordered pair of DMA-capable endpoints through R-P2P-5, the nvidia-smi class
 * and the NCCL path type) and the IOMMU groups of a generated machine, from a loaded topology.
 * Target: the matrix of a 300-function machine in at most 100 ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class P2pMatrixBenchmark {

    @Param({"300"})
    public int functions;

    private Topology topology;

    @Setup
    public void setup() {
        topology = SyntheticMachine.build(functions);
        topology.hierarchy();
    }

    @Benchmark
    public P2pMatrix matrix() {
        return TopologyRules.of(topology).matrix();
    }

    @Benchmark
    public IommuGroups groups() {
        return TopologyRules.of(topology).groups();
    }
}
