package org.dmascope.bench;

import java.util.concurrent.TimeUnit;

import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.session.KernelSession;
import org.dmascope.model.session.MapCall;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Issue 5 speed target: {@code dma_map_sg} of a 1 GiB buffer of 262,144 scattered 4 KiB pages through
 * a 4-level IOMMU domain (pin, scatterlist, IOVA, 262,144 page-table entries, merge, steps), against a
 * baseline that writes 262,144 records of 32 bytes into one {@code long[]}. Targets: at most 10x the
 * baseline, at most 50 ms, and a result that keeps at most 64 MB of heap.
 *
 * <p>{@link MapSgReport} runs this class and prints the ratio and the retained heap next to the times;
 * {@code java -jar benchmarks.jar MapSgBenchmark} runs it as plain JMH. The retained heap is measured in
 * each fork of the mapping benchmark, in the JVM that runs it, during the trial's setup
 * ({@link RetainedHeap}): JMH counts the setup into the first warmup iteration, so its full GCs and
 * allocations stay out of the measured iterations and out of the allocation profile.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
public class MapSgBenchmark {
    /** {@code VMEMMAP_START} of x86-64 with 4-level paging: where {@code struct page} 0 lives. */
    static final long VMEMMAP_START = 0xFFFF_EA00_0000_0000L;
    /** {@code sizeof(struct page)}. */
    static final int STRUCT_PAGE_BYTES = 64;
    /** {@code SG_END} in {@code page_link}: the last entry. */
    static final long SG_END = 0x2;

    private KernelSession booted;
    private MapCall call;
    /** The physical address of each page of the buffer, as the mapping pins them. */
    private long[] pages;
    /** Where the mapping's IOVA range starts. */
    private long iova;
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws InterruptedException {
        booted = BenchTopology.session(BenchTopology.topology());
        call = BenchTopology.call();
        Mapping reference = booted.reboot().map(call).mapping();
        if (!reference.verdict().isOk() || reference.pinned().pageCount() != BenchTopology.PAGES) {
            throw new IllegalStateException("the workload does not map " + BenchTopology.PAGES + " pages: "
                    + reference);
        }
        pages = reference.pinned().pages();
        iova = reference.segments().address(0);
        if (params.getBenchmark().endsWith(".mapSg1GiBScattered")) {
            Object[] result = {reference};
            reference = null;
            RetainedHeap.report(RetainedHeap.measure(booted, call, result));
        }
    }

    /** The first mapping after boot: a fresh domain each time, so every table is allocated again. */
    @Benchmark
    public Mapping mapSg1GiBScattered() {
        Mapping m = booted.reboot().map(call).mapping();
        if (!m.verdict().isOk()) throw new IllegalStateException(m.verdict().toString());
        return m;
    }

    /**
     * The baseline: the 262,144 {@code struct scatterlist} entries (32 bytes each on x86-64) of the
     * buffer's pages, one page per entry, written as four longs each into one array, with the values
     * the kernel's entries hold: {@code page_link} (the page's {@code struct page} pointer, {@code SG_END}
     * on the last), {@code offset} 0 and {@code length} 4096, {@code dma_address} (consecutive IOVAs),
     * {@code dma_length} 4096 and {@code dma_flags} 0. The pages are read from the pinned page list;
     * the array is returned, so JMH consumes it and nothing can be left out.
     */
    @Benchmark
    public long[] baselineWrite262144SgRecords() {
        long[] p = pages;
        int n = p.length;
        long[] a = new long[4 * n];
        long dma = iova;
        for (int i = 0; i < n; i++) {
            int j = i << 2;
            a[j] = VMEMMAP_START + (p[i] >>> 12) * STRUCT_PAGE_BYTES;
            a[j + 1] = 4096L << 32;
            a[j + 2] = dma;
            a[j + 3] = 4096;
            dma += 4096;
        }
        a[4 * (n - 1)] |= SG_END;
        return a;
    }
}
