package org.dmascope.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

import org.dmascope.model.mapping.DmaState;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.mapping.MappingEngine;
import org.dmascope.model.topology.Topology;

/**
 * Retained heap of the benchmark's result: heap in use after a full GC while the {@link Mapping}
 * (and separately its {@link DmaState}) is reachable, minus heap in use after both are dropped,
 * averaged over a few rounds; printed next to the engine's own estimate,
 * {@link Mapping#footprintBytes()}. Run:
 * {@code java -cp bench/target/benchmarks.jar org.dmascope.bench.MappingFootprint}.
 */
public final class MappingFootprint {
    private MappingFootprint() {
    }

    public static void main(String[] args) throws Exception {
        Topology t = BenchTopology.topology();
        MappingEngine engine = new MappingEngine((p, c) -> {
            throw new IllegalStateException("host memory only");
        });
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long mappingSum = 0;
        long stateSum = 0;
        long estimate = 0;
        int rounds = 3;
        for (int r = 0; r < rounds; r++) {
            long base = used(mem);
            DmaState state = new DmaState();
            Mapping m = engine.map(BenchTopology.request(t), state);
            long withBoth = used(mem);
            state.clear();
            long withMapping = used(mem);
            estimate = m.footprintBytes();
            mappingSum += withMapping - base;
            stateSum += withBoth - withMapping;
            if (m.segments().count() < 0) System.out.println(m);
        }
        System.out.printf("Mapping retained: %.1f MB (engine estimate %.1f MB); IOMMU domain state (page tables, IOVA tree): %.1f MB%n",
                mappingSum / (double) rounds / 1e6, estimate / 1e6, stateSum / (double) rounds / 1e6);
    }

    private static long used(MemoryMXBean mem) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return mem.getHeapMemoryUsage().getUsed();
    }
}
