package org.dmascope.model.designs;

import java.util.List;

/**
 * Question 6, common part: the consumers of a mapped list that read or write the data with the CPU
 * (and so need a page or a kernel address), against those that only hand DMA addresses to hardware.
 */
abstract class CpuAccess implements DesignModel {
    /** Consumer, whether it needs CPU access, why. */
    static final List<List<String>> CONSUMERS = List.of(
            List.of("siw (software iWARP)", "yes", "the CPU copies the payload into socket buffers"),
            List.of("rxe (software RoCE)", "yes", "the CPU copies the payload into packets"),
            List.of("hfi1", "yes", "small sends are copied by the CPU (PIO)"),
            List.of("block bounce", "yes", "the CPU copies to a buffer the device can reach"),
            List.of("hardware RDMA / NVMe", "no", "the device reads the DMA addresses itself"));

    static long needingCpu() {
        return CONSUMERS.stream().filter(c -> c.get(1).equals("yes")).count();
    }

    @Override
    public final Question question() {
        return Question.CPU_ACCESS;
    }

    static EntryTable table(boolean cpuReadable) {
        return EntryTable.ofRows(List.of("consumer", "needs CPU access", "why", "works"), CONSUMERS.stream()
                .map(c -> List.of(c.get(0), c.get(1), c.get(2), cpuReadable || c.get(1).equals("no") ? "yes" : "no"))
                .toList());
    }
}
