package org.dmascope.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.dmascope.model.io.imports.ImportInput;
import org.dmascope.model.io.imports.ImportProgress;
import org.dmascope.model.io.imports.ImportResult;
import org.dmascope.model.io.imports.Importer;
import org.dmascope.model.io.pciids.PciIdDatabase;
import org.dmascope.model.io.pciids.PciIdSource;
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
 * The pci.ids database at import time: reading the shipped copy (1.3 MB, gzip-compressed to 0.3 MB) as
 * the first import that needs it does, and importing a dump that names its devices without IDs, whose
 * every name is looked up (the database already read, as in a running window). Target: reading the file
 * well under 100 ms cold, the name look-ups a few ms per import.
 * {@code java -jar bench/target/benchmarks.jar PciIdsBenchmark -f 1 -wi 3 -i 5}; the cold read alone:
 * {@code java -jar bench/target/benchmarks.jar 'PciIdsBenchmark.readShipped' -bm ss -f 10 -wi 0 -i 1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PciIdsBenchmark {
    /** 86 functions named without -nn: every one is resolved by name. */
    static final String NAMES_ONLY = "ni-haswell-ep-e5-2618lv3-wellsburg.verbose.txt";

    private byte[] dump;

    @Setup
    public void load() throws IOException {
        dump = Files.readAllBytes(ImportBenchmark.corpusFile(NAMES_ONLY));
        PciIdSource.shipped().database();
    }

    @Benchmark
    public PciIdDatabase readShipped() throws IOException {
        try (InputStream in = PciIdDatabase.class.getResourceAsStream("pci.ids.gz")) {
            PciIdDatabase db = PciIdDatabase.read(in);
            // The name indexes of the vendors a server dump names, as its first import builds them.
            db.devicesNamed(0x8086, "Sky Lake-E CHA Registers");
            db.vendorsNamed("Intel Corporation");
            return db;
        }
    }

    @Benchmark
    public Topology importNamesOnlyDump() {
        ImportResult r = Importer.importInputs(List.of(new ImportInput(NAMES_ONLY, dump)), ImportProgress.NONE,
                () -> false);
        if (!r.ok()) throw new IllegalStateException("the benchmark input no longer imports:\n" + r.report().toText());
        return r.topology().get();
    }
}
