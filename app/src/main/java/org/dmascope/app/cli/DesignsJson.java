package org.dmascope.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.dmascope.model.designs.Design;
import org.dmascope.model.designs.DesignInput;
import org.dmascope.model.designs.DesignReport;
import org.dmascope.model.designs.EntryTable;
import org.dmascope.model.designs.Figure;
import org.dmascope.model.designs.Question;

/** {@code dmascope designs --format json}: the kernel's answer, then every design's figures and entries. */
final class DesignsJson {
    private DesignsJson() {
    }

    static ObjectNode of(DesignReport report, int limit) {
        DesignInput in = report.input();
        ObjectNode j = JsonOutput.object();
        j.put("initiator", in.initiator().toString());
        j.put("buffer", in.spec());
        j.put("mixed", in.mixed());
        j.put("bytes", in.bytes());
        j.put("pages", in.pages());
        j.put("physicalRanges", in.ranges());
        ObjectNode k = j.putObject("kernel");
        k.put("mapped", in.kernelMapped());
        ArrayNode verdicts = k.putArray("verdicts");
        in.kernelVerdicts().forEach(verdicts::add);
        ArrayNode types = k.putArray("mapTypes");
        in.mapTypes().forEach(t -> types.add(t.name()));
        k.put("scatterlistEntries", in.kernelSgEntries());
        k.put("scatterlistChainEntries", in.kernelSgChains());
        k.put("dmaSegments", in.dmaSegments());
        ArrayNode questions = j.putArray("questions");
        for (Question q : Question.values()) {
            ObjectNode qn = questions.addObject();
            qn.put("number", q.number());
            qn.put("title", q.title());
            ArrayNode designs = qn.putArray("designs");
            for (Design d : report.of(q)) designs.add(design(d, limit));
        }
        return j;
    }

    private static ObjectNode design(Design d, int limit) {
        ObjectNode n = JsonOutput.object();
        n.put("key", d.key());
        n.put("name", d.name());
        n.put("source", d.source());
        n.put("mainline", d.mainline());
        n.put("layout", d.layout());
        n.put("config", d.config());
        n.put("argument", d.argument());
        n.put("fate", d.fate());
        ObjectNode figures = n.putObject("figures");
        for (Figure f : d.figures()) {
            if (f.value() instanceof Long l) figures.put(f.key(), l);
            else if (f.value() instanceof Boolean b) figures.put(f.key(), b);
            else figures.put(f.key(), (String) f.value());
        }
        EntryTable t = d.entries();
        ObjectNode e = n.putObject("entries");
        e.put("total", t.rows());
        ArrayNode cols = e.putArray("columns");
        t.columns().forEach(cols::add);
        ArrayNode rows = e.putArray("rows");
        for (int r = 0; r < Math.min(limit, t.rows()); r++) {
            ArrayNode row = rows.addArray();
            for (int c = 0; c < t.columns().size(); c++) row.add(t.cell(r, c));
        }
        return n;
    }
}
