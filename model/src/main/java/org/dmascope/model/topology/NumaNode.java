package org.dmascope.model.topology;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A NUMA node with its System RAM ranges (CPU physical addresses).
 *
 * @param socket the CPU package the node belongs to, when known
 * @param cpus   the CPU list in kernel notation, e.g. {@code 0-15,32-47}, when known
 */
public record NumaNode(int id, OptionalInt socket, Optional<String> cpus, List<AddressRange> memory) {
    public NumaNode {
        if (id < 0) throw new IllegalArgumentException("NUMA node ids start at 0");
        memory = List.copyOf(memory);
    }

    /** Total System RAM in bytes. */
    public long totalMemory() {
        return memory.stream().mapToLong(AddressRange::size).sum();
    }
}
