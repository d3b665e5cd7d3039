package org.dmascope.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;

/**
 * Writes the hostile inputs of the hardening work into a folder, so their refusal can be timed and
 * its memory measured the same way again (docs/hardening.md):
 * {@code java -cp bench/target/benchmarks.jar org.dmascope.bench.HostileInputs /tmp/hostile}, then
 * {@code /usr/bin/time -f "%es %MKB" java -jar app/target/dmascope.jar import /tmp/hostile/FILE}.
 */
public final class HostileInputs {
    private HostileInputs() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "hostile-inputs");
        Files.createDirectories(out);
        Path samples = Path.of("sample-topologies");
        String server = Files.readString(samples.resolve("supermicro-4028gr-tvrt-8xv100-pex9765.json"));
        // A provenance line number above 2^31.
        Files.writeString(out.resolve("provenance-line.json"), server.replaceFirst("verbose\\.txt:(\\d+)\"",
                "verbose.txt:99999999999\""));
        // One host-bridge window repeated 1,816 times (134 KB).
        String legacy = Files.readString(samples.resolve("legacy-pci-no-iommu.json"));
        String w = "{\"kind\": \"mem\", \"cpu\": \"0xc0000000\", \"size\": \"1004MiB\"}";
        Files.writeString(out.resolve("windows.json"), legacy.replace(w, String.join(",\n        ",
                Collections.nCopies(1816, w))));
        // 82,160 functions at 340 addresses: the sample's functions over and over, without their provenance.
        int a = server.indexOf("\"functions\": [") + "\"functions\": [".length();
        int b = server.lastIndexOf(']');
        String functions = server.substring(a, b).trim().replaceAll(",\\s*\"provenance\": \\{[^}]*}", "");
        try (OutputStream o = Files.newOutputStream(out.resolve("duplicates.json"))) {
            o.write(server.substring(0, a).getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 242; i++) o.write(((i == 0 ? "" : ",") + functions).getBytes(StandardCharsets.UTF_8));
            o.write(server.substring(b).getBytes(StandardCharsets.UTF_8));
        }
        // A 60 MB listing: a real 568 KB `lspci -vvv` dump 107 times.
        byte[] dump = Files.readAllBytes(
                ImportBenchmark.corpusFile("supermicro-4028gr-tvrt-8xv100-pex9765.verbose.txt"));
        try (OutputStream o = Files.newOutputStream(out.resolve("listing-60MB.verbose.txt"))) {
            for (int i = 0; i < 107; i++) o.write(dump);
        }
        System.out.println("written to " + out.toAbsolutePath() + "; also try /dev/zero and a FIFO (mkfifo)");
    }
}
