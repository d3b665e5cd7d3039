package org.dmascope.model.designs;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import org.dmascope.model.kernel.dma.DmaDirection;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.mapping.Mapping;

/**
 * Question 4, common part: the parts of the buffer the kernel found unreachable peer to peer (map type
 * {@code NOT_SUPPORTED}, from the engine), and what bouncing them through host memory would copy.
 */
abstract class UnreachableBar implements DesignModel {
    @Override
    public final Question question() {
        return Question.UNREACHABLE_BAR;
    }

    static List<Mapping> unreachable(DesignInput in) {
        return in.parts().stream().filter(m -> m.mapType() == P2pMapType.NOT_SUPPORTED).toList();
    }

    /** Bytes a bounce copies: once each way the data moves (twice for a bidirectional buffer). */
    static long copyBytes(Mapping m) {
        long b = m.pinned().size();
        return m.request().buffer().direction() == DmaDirection.BIDIRECTIONAL ? 2 * b : b;
    }

    /** Where the CPU copy would run: a CPU of the provider's node, reading or writing the BAR by MMIO. */
    static String copyRunsOn(DesignInput in, Mapping m) {
        OptionalInt node = in.providerNode(m.pinned().provider());
        String where = node.isPresent() ? "a CPU on NUMA node " + node.getAsInt() + " (the provider's)"
                : "a CPU (the provider's NUMA node is not in the file)";
        return where + ", memcpy to or from " + m.pinned().provider().owner() + " BAR " + m.pinned().provider().bar()
                + " by MMIO";
    }

    static List<List<String>> rows(DesignInput in, boolean bounce) {
        List<List<String>> rows = new ArrayList<>();
        for (Mapping m : in.parts()) {
            boolean refused = m.mapType() == P2pMapType.NOT_SUPPORTED;
            String outcome = !refused ? "mapped by the kernel (" + m.mapType().words() + ")"
                    : bounce ? "bounced: " + copyBytes(m) + " bytes copied by " + copyRunsOn(in, m)
                    : "refused: " + m.verdict().code();
            rows.add(List.of(m.request().buffer().spec(), m.mapType().name(), Long.toString(m.pinned().size()),
                    outcome));
        }
        return rows;
    }

    static final List<String> COLUMNS = List.of("part", "map type", "bytes", "outcome");
}
