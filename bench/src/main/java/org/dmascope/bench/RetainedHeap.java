package org.dmascope.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.session.KernelSession;
import org.dmascope.model.session.MapCall;

/**
 * The heap a mapping keeps, measured the plain way: heap in use after full GCs while the object is
 * reachable, minus heap in use after full GCs once it is not. That is what dropping it gives back,
 * including G1's rounding of large arrays up to whole regions (an array of half a region or more gets
 * regions of its own). Measured for the benchmark's reference result (mapped like every measured
 * operation, in a freshly rebooted {@link KernelSession}), and for fresh mappings together with their
 * session, whose share (the domain's page tables and IOVA tree) is reported apart: it belongs to the
 * kernel state, not to the result. {@link Mapping#footprintBytes()}, the engine's own
 * sum of its arrays, is reported next to it.
 */
final class RetainedHeap {
    /** Where the benchmark fork appends its measurement for {@link MapSgReport}. */
    static final String FILE_PROPERTY = "dmascope.bench.retained";
    private static final int ROUNDS = 3;

    /**
     * @param result      bytes freed when the benchmark's reference result was dropped
     * @param mapping     the same for fresh mappings, averaged
     * @param state       what their session's state kept besides (page tables, IOVA tree), averaged
     * @param arrays      {@link Mapping#footprintBytes()}
     * @param regionBytes G1's region size in this JVM
     */
    record Result(long result, long mapping, long state, long arrays, long regionBytes) {
        String line() {
            return "result=" + result + " mapping=" + mapping + " state=" + state + " arrays=" + arrays + " region="
                    + regionBytes;
        }

        static Result parse(String line) {
            long[] v = new long[5];
            String[] names = {"result", "mapping", "state", "arrays", "region"};
            for (String part : line.trim().split("\\s+")) {
                String[] kv = part.split("=", 2);
                for (int i = 0; i < names.length; i++) if (names[i].equals(kv[0])) v[i] = Long.parseLong(kv[1]);
            }
            return new Result(v[0], v[1], v[2], v[3], v[4]);
        }
    }

    private RetainedHeap() {
    }

    /**
     * @param result holds the benchmark's reference result in its first slot and nowhere else: the slot
     *               is cleared to drop it
     */
    static Result measure(KernelSession booted, MapCall call, Object[] result) throws InterruptedException {
        long with = usedAfterGc();
        result[0] = null;
        long freed = with - usedAfterGc();
        long mapping = 0;
        long state = 0;
        long arrays = 0;
        for (int r = 0; r < ROUNDS; r++) {
            KernelSession s = booted.reboot();
            Mapping m = s.map(call).mapping();
            arrays = m.footprintBytes();
            Object[] keep = {s, m};
            s = null;
            m = null;
            long both = usedAfterGc();
            keep[0] = null;
            long onlyMapping = usedAfterGc();
            keep[1] = null;
            long none = usedAfterGc();
            mapping += onlyMapping - none;
            state += both - onlyMapping;
        }
        return new Result(freed, mapping / ROUNDS, state / ROUNDS, arrays, regionBytes());
    }

    /** Prints the measurement and appends it to the file {@link MapSgReport} named, if any. */
    static void report(Result r) {
        System.out.printf("%n# Retained heap of the result: %.1f MB (fresh mappings %.1f MB; their arrays %.1f MB; "
                + "G1 regions of %d MiB); "
                        + "the DMA state besides: %.1f MB%n",
                r.result() / 1e6, r.mapping() / 1e6, r.arrays() / 1e6, r.regionBytes() >> 20, r.state() / 1e6);
        String file = System.getProperty(FILE_PROPERTY);
        if (file == null) return;
        try {
            Files.writeString(Path.of(file), r.line() + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("# could not write " + file + ": " + e.getMessage());
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(40);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long regionBytes() {
        try {
            HotSpotDiagnosticMXBean hs = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return Long.parseLong(hs.getVMOption("G1HeapRegionSize").getValue());
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
