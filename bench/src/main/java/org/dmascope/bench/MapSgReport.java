package org.dmascope.bench;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link MapSgBenchmark} once (JMH with the allocation profiler; any JMH option such as
 * {@code -f 2 -wi 5 -i 10} passes through) and reports, from that one run: the mapping's time, the
 * flat-array baseline's time, their ratio, the bytes each allocates per operation, and the heap the
 * mapping's result keeps, each against its target. Run:
 * {@code java -cp bench/target/benchmarks.jar org.dmascope.bench.MapSgReport -f 2 -wi 5 -i 10}.
 */
public final class MapSgReport {
    static final double MAX_RATIO = 10;
    static final double MAX_MS = 50;
    static final double MAX_RETAINED_MB = 64;

    private MapSgReport() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli;
        try {
            cli = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println("Error parsing command line: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path retained = Files.createTempFile("dmascope-retained", ".txt");
        double loadBefore = load();
        Options opts = new OptionsBuilder().parent(cli).include(MapSgBenchmark.class.getName() + "\\.")
                .addProfiler(GCProfiler.class)
                .jvmArgsPrepend("-D" + RetainedHeap.FILE_PROPERTY + "=" + retained).build();
        Collection<RunResult> results = new Runner(opts).run();
        double loadAfter = load();

        RunResult map = find(results, "mapSg1GiBScattered");
        RunResult base = find(results, "baselineWrite262144SgRecords");
        List<RetainedHeap.Result> heap = new ArrayList<>();
        for (String line : Files.readAllLines(retained,
                StandardCharsets.UTF_8)) if (!line.isBlank()) heap.add(RetainedHeap.Result.parse(line));
        Files.deleteIfExists(retained);

        System.out.println();
        System.out.println("dma_map_sg of 1 GiB in 262,144 scattered 4 KiB pages through a 4-level VT-d domain "
                + "(issue 5)");
        System.out.printf("  system load average (1 min): %.2f before, %.2f after the run, on %d CPUs%n", loadBefore,
                loadAfter,
                Runtime.getRuntime().availableProcessors());
        if (map == null || base == null) {
            System.out.println("  both benchmarks must run; ran: " + results.stream().map(r -> r.getParams()
                    .getBenchmark()).toList());
            System.exit(1);
        }
        Result m = map.getPrimaryResult();
        Result b = base.getPrimaryResult();
        System.out.printf("  mapping:  %8.3f ± %.3f %s, %5.1f MB allocated per op%n", m.getScore(), m.getScoreError(),
                m.getScoreUnit(),
                allocatedMb(map));
        System.out.printf("  baseline: %8.3f ± %.3f %s, %5.1f MB allocated per op (262,144 x 32-byte scatterlist "
                + "records into one long[])%n",
                b.getScore(), b.getScoreError(), b.getScoreUnit(), allocatedMb(base));
        double ratio = m.getScore() / b.getScore();
        double ratioError = ratio * Math.hypot(relative(m), relative(b));
        System.out.printf("  ratio:    %8.2f ± %.2f x the baseline        (target <= %.0fx: %s)%n", ratio, ratioError,
                MAX_RATIO,
                verdict(ratio + ratioError <= MAX_RATIO, ratio <= MAX_RATIO));
        System.out.printf("  time:     %8.3f ms                         (target <= %.0f ms: %s)%n", m.getScore(),
                MAX_MS,
                verdict(m.getScore() + m.getScoreError() <= MAX_MS, m.getScore() <= MAX_MS));
        if (heap.isEmpty()) {
            System.out.println("  retained heap: not measured (the mapping benchmark did not finish a fork)");
        } else {
            double worst = heap.stream().mapToLong(RetainedHeap.Result::result).max().orElse(0) / 1e6;
            RetainedHeap.Result h = heap.get(0);
            System.out.printf("  retained: %8.1f MB by the result, worst of %d forks (%.1f MB of arrays; G1 regions "
                    + "of %d MiB)  (target <= %.0f MB: %s)%n",
                    worst, heap.size(), h.arrays() / 1e6, h.regionBytes() >> 20, MAX_RETAINED_MB,
                            verdict(worst <= MAX_RETAINED_MB, true));
            System.out.printf("            %8.1f MB more in the DMA state (the domain's page tables and IOVA tree)%n",
                    h.state() / 1e6);
        }
        System.out.println("  (± is JMH's 99.9% confidence half-width; the ratio's combines both relative errors.)");
    }

    private static RunResult find(Collection<RunResult> results, String method) {
        for (RunResult r : results) if (r.getParams().getBenchmark().endsWith("." + method)) return r;
        return null;
    }

    private static double allocatedMb(RunResult r) {
        for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
            if (e.getKey().endsWith("gc.alloc.rate.norm")) return e.getValue().getScore() / 1e6;
        }
        return Double.NaN;
    }

    private static double relative(Result r) {
        double e = r.getScoreError();
        return Double.isNaN(e) ? 0 : e / r.getScore();
    }

    private static String verdict(boolean surely, boolean onAverage) {
        return surely ? "met" : onAverage ? "met on average, not beyond the error" : "MISSED";
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
