package org.dmascope.bench;

import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.topology.DmaParameters;
import org.dmascope.views.scatterlist.ScatterListView;
import org.dmascope.views.testing.Mappings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 6 item 4: "Copy whole list" of the largest scatter list the app shows, 262,144 entries in
 * 262,144 DMA segments (1 GiB of scattered 4 KiB pages, max segment size 4 KiB, default sample),
 * as aligned text (about 33 MB) and as CSV. The row model is rebuilt on every call, as on a copy.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class ScatterListCopyBenchmark {
    private Mapping mapping;

    @Setup
    public void setUp() {
        mapping = Mappings.map(Mappings.SWITCH_SERVER, "0000:06:00.0", "host:node0:1GiB:scattered:seed=1",
                b -> b.dma(new DmaParameters(OptionalInt.empty(), OptionalLong.of(4096), OptionalLong.empty(),
                        OptionalLong.empty())));
        if (mapping.segments().count() != 262_144) throw new IllegalStateException(mapping.toString());
    }

    @Benchmark
    public String text262144Rows() {
        return ScatterListView.text(mapping);
    }

    @Benchmark
    public String csv262144Rows() {
        return ScatterListView.csv(mapping);
    }
}
