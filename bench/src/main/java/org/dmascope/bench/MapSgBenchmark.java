package org.dmascope.bench;

import java.util.concurrent.TimeUnit;

import org.dmascope.model.mapping.DmaState;
import org.dmascope.model.mapping.MapRequest;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.mapping.MappingEngine;
import org.dmascope.model.topology.Topology;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 5 speed target: {@code dma_map_sg} of a 1 GiB buffer of 262,144 scattered 4 KiB pages through
 * a 4-level IOMMU domain (pin, scatterlist, IOVA, 262,144 page-table entries, merge), against writing
 * 262,144 32-byte records into a fresh array. Targets: at most 10x the baseline and 50 ms.
 * Run: {@code java -jar bench/target/benchmarks.jar MapSgBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class MapSgBenchmark {
    private MappingEngine engine;
    private MapRequest request;
    private DmaState state;

    @Setup(Level.Trial)
    public void setUp() {
        Topology t = BenchTopology.topology();
        request = BenchTopology.request(t);
        engine = new MappingEngine((p, c) -> {
            throw new IllegalStateException("host memory only");
        });
    }

    /** Each map starts from an empty domain, as the first mapping after boot. */
    @Setup(Level.Invocation)
    public void freshState() {
        state = new DmaState();
    }

    @Benchmark
    public Mapping mapSg1GiBScattered() {
        Mapping m = engine.map(request, state);
        if (!m.verdict().isOk()) throw new IllegalStateException(m.verdict().toString());
        return m;
    }

    /**
     * The baseline: 262,144 records of 32 bytes each ({@code struct scatterlist}'s fields: page,
     * offset, length, dma_address, dma_length, flags) written into an array.
     */
    @Benchmark
    public SgRecord[] baselineWrite262144Records() {
        int n = BenchTopology.PAGES;
        SgRecord[] a = new SgRecord[n];
        long page = 0x1_0000_0000L;
        for (int i = 0; i < n; i++) {
            a[i] = new SgRecord(page, 0, 4096, 0xFFF0_0000L + ((long) i << 12), 4096, 0);
            page += 0x3000;
        }
        return a;
    }

    /** A 32-byte record: 8 + 4 + 4 + 8 + 4 + 4 bytes of fields, as {@code struct scatterlist} on x86-64. */
    public record SgRecord(long page, int offset, int length, long dmaAddress, int dmaLength, int flags) {
    }

    /** The same 262,144 × 32 bytes as four longs each in one flat array: the cheapest possible writer. */
    @Benchmark
    public long[] baselineWrite262144RecordsFlat() {
        int n = BenchTopology.PAGES;
        long[] a = new long[4 * n];
        long page = 0x1_0000_0000L;
        for (int i = 0; i < n; i++) {
            int j = i << 2;
            a[j] = page;
            a[j + 1] = 4096L << 32;
            a[j + 2] = 0xFFF0_0000L + ((long) i << 12);
            a[j + 3] = 4096;
            page += 0x3000;
        }
        return a;
    }
}
