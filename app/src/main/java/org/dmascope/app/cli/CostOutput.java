package org.dmascope.app.cli;

import java.io.PrintStream;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dmascope.model.mapping.IoCost;

/** {@code map --cost}: the cost per I/O of each path as a table or JSON. */
final class CostOutput {
    private CostOutput() {
    }

    static void text(List<IoCost> rows, PrintStream out) {
        out.println();
        out.println("cost per I/O (each path on a fresh kernel state):");
        out.println(String.format("  %-18s %5s %6s %6s %5s %5s %8s %5s %9s %9s", "path", "IOVAs", "PTEs", "inval",
                "maps", "unmap", "meta B", "segs", "PRPs/lst", "SGL/B"));
        for (IoCost c : rows) {
            if (c.refusal().isPresent()) {
                out.println(String.format("  %-18s %s", c.path(), c.refusal().get()));
                continue;
            }
            String prp = c.nvme().prpPossible() ? c.nvme().prpEntries() + "/" + c.nvme().prpListPages() : "no PRP";
            out.println(String.format("  %-18s %5d %6d %6d %5d %5d %8d %5d %9s %9s", c.path(), c.iovaAllocs(),
                    c.ptes(), c.invalidations(), c.mapCalls(), c.unmapCalls(), c.metadataBytes(), c.segments(), prp,
                    c.nvme().sglDescriptors() + "/" + c.nvme().sglListBytes()));
        }
        out.println("  inval: synchronous IOTLB invalidations at unmap (a flush queue defers them); PRPs/lst: NVMe "
                + "PRP entries / list pages; SGL/B: descriptors / list bytes");
    }

    static ArrayNode json(List<IoCost> rows) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (IoCost c : rows) {
            ObjectNode o = a.addObject();
            o.put("path", c.path());
            if (c.refusal().isPresent()) {
                o.put("refusal", c.refusal().get());
                continue;
            }
            o.put("iovaAllocations", c.iovaAllocs());
            o.put("pageTableEntries", c.ptes());
            o.put("iotlbInvalidations", c.invalidations());
            o.put("mapCalls", c.mapCalls());
            o.put("unmapCalls", c.unmapCalls());
            o.put("metadataBytes", c.metadataBytes());
            o.put("segments", c.segments());
            ObjectNode n = o.putObject("nvme");
            if (c.nvme().prpPossible()) {
                n.put("prpEntries", c.nvme().prpEntries());
                n.put("prpListPages", c.nvme().prpListPages());
            } else {
                n.putNull("prpEntries");
            }
            n.put("sglDescriptors", c.nvme().sglDescriptors());
            n.put("sglListBytes", c.nvme().sglListBytes());
        }
        return a;
    }
}
