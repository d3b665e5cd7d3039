package org.dmascope.bench;

import java.util.concurrent.TimeUnit;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.testing.SyntheticMachine;
import org.dmascope.views.topology.DeviceSearch;
import org.dmascope.views.topology.LayoutResult;
import org.dmascope.views.topology.TopologyLayout;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Opening a topology lays it out once; searching runs on every keystroke. Both must feel instant on a
 * 300-function machine (a frame is 16 ms).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TopologyLayoutBenchmark {
    private Topology large;
    private Topology sample;
    private Topology server;
    private Topology huge;

    @Setup
    public void setUp() {
        large = SyntheticMachine.generate();
        sample = SampleCatalog.loadDefault();
        large.hierarchy();
        sample.hierarchy();
        server = org.dmascope.bench.SyntheticMachine.build(1400);
        huge = org.dmascope.bench.SyntheticMachine.build(10_000);
        server.hierarchy();
        huge.hierarchy();
    }

    /** A large server: the canvas-speed target's 1,400 functions. */
    @Benchmark
    public LayoutResult layoutOf1400Functions() {
        return TopologyLayout.compute(server);
    }

    /** The largest machines anyone opens (target: 200 ms). */
    @Benchmark
    public LayoutResult layoutOf10000Functions() {
        return TopologyLayout.compute(huge);
    }

    @Benchmark
    public LayoutResult layoutOf300Functions() {
        return TopologyLayout.compute(large);
    }

    @Benchmark
    public LayoutResult layoutOfTheDefaultSample() {
        return TopologyLayout.compute(sample);
    }

    @Benchmark
    public Object searchByNameIn300Functions() {
        return DeviceSearch.find(large, "connectx");
    }
}
