package org.dmascope.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.dmascope.model.io.imports.ImportInput;
import org.dmascope.model.io.imports.ImportProgress;
import org.dmascope.model.io.imports.ImportResult;
import org.dmascope.model.io.imports.Importer;
import org.dmascope.model.topology.Topology;
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
 * Importing the 568 KB {@code lspci -vvv -PP} dump of the Supermicro 4028GR-TVRT (340 functions):
 * decode, detect, read, merge, build and validate. Target: at most 50 ms per import, warm.
 * Run from the repository root (or pass {@code -Ddmascope.corpus=DIR}):
 * {@code java -jar bench/target/benchmarks.jar ImportBenchmark -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ImportBenchmark {
    static final String FILE = "supermicro-4028gr-tvrt-8xv100-pex9765.verbose.txt";

    private byte[] dump;

    @Setup
    public void load() throws IOException {
        dump = Files.readAllBytes(corpusFile(FILE));
    }

    @Benchmark
    public Topology importSupermicroVvvDump() {
        ImportResult r = Importer.importInputs(List.of(new ImportInput(FILE, dump)), ImportProgress.NONE, () -> false);
        if (!r.ok()) throw new IllegalStateException("the benchmark input no longer imports:\n" + r.report().toText());
        return r.topology().get();
    }

    /** The corpus folder: {@code -Ddmascope.corpus}, else {@code corpus/} in the working directory or a parent. */
    static Path corpusFile(String name) throws IOException {
        String prop = System.getProperty("dmascope.corpus");
        if (prop != null) return Path.of(prop).resolve(name);
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("corpus").resolve(name);
            if (Files.isRegularFile(p)) return p;
        }
        throw new IOException("corpus/" + name
                + " not found; run from the repository root or pass -Ddmascope.corpus=DIR");
    }
}
