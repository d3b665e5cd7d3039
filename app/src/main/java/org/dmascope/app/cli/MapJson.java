package org.dmascope.app.cli;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.dmascope.model.kernel.pagetable.PageTableChanges;
import org.dmascope.model.kernel.swiotlb.SwiotlbAllocation;
import org.dmascope.model.kernel.trace.MapTrace;
import org.dmascope.model.mapping.DmaSegments;
import org.dmascope.model.mapping.InputEntries;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.mapping.MetadataCost;
import org.dmascope.model.mapping.PhysRanges;
import org.dmascope.model.mapping.Step;
import org.dmascope.model.util.Hex;

/**
 * The JSON form of a {@link Mapping} printed by {@code dmascope map --format json}. Addresses are
 * {@code 0x} hex strings, lengths plain numbers. Long lists stop after {@code limit} entries; each
 * has a {@code …Count} field with the full number.
 */
final class MapJson {
    private MapJson() {
    }

    static ObjectNode of(Mapping m, String modeReason, int limit) {
        ObjectNode o = JsonOutput.object();
        o.put("initiator", m.request().initiator().toString());
        o.put("buffer", m.request().buffer().spec());
        o.put("direction", m.request().buffer().direction().spec());
        o.put("api", m.request().api().cli());
        o.put("iommuMode", m.request().iommuMode().cli());
        o.put("iommuModeReason", modeReason);
        if (m.domainId() == null) o.putNull("domain");
        else o.put("domain", m.domainId());
        o.put("kernel", m.request().profile().id());
        o.put("verdict", m.verdict().code());
        if (m.verdict().isOk()) o.putNull("error");
        else o.put("error", m.verdict().errorValue());
        o.put("kernelReturn", m.verdict().kernelReturn());
        o.put("summary", m.verdict().summary());
        o.put("mapType", m.mapType().name());
        m.route().ifPresent(r -> {
            o.set("route", P2pCommand.routeJson(r));
            r.bottleneck().ifPresent(b -> o.put("bottleneck", b));
        });
        ObjectNode dev = o.putObject("device");
        dev.put("dmaMaskBits", m.device().maskBits());
        dev.put("maxSegmentSize", m.device().maxSegSize());
        dev.put("segmentBoundaryMask", Hex.addr(m.device().segBoundaryMask()));
        dev.put("minAlignMask", Hex.addr(m.device().minAlignMask()));
        dev.put("untrusted", m.device().untrusted());
        strings(dev.putArray("defaultsApplied"), m.device().defaultsApplied());
        ArrayNode steps = o.putArray("steps");
        for (Step s : m.steps()) {
            ObjectNode n = steps.addObject();
            n.put("kind", s.kind().name());
            n.put("rule", s.ruleId());
            n.put("title", s.title());
            n.put("narration", s.narration());
            if (!s.since().isEmpty()) n.put("since", s.since());
            map(n.putObject("inputs"), s.inputs());
            map(n.putObject("outputs"), s.outputs());
        }
        DmaSegments seg = m.segments();
        o.put("segmentCount", seg.count());
        o.put("sgDmaSwiotlb", seg.swiotlbMarked());
        o.put("segmentBytes", seg.totalLength());
        ArrayNode sa = o.putArray("segments");
        for (int i = 0; i < Math.min(limit, seg.count()); i++) {
            ObjectNode n = sa.addObject();
            n.put("dmaAddress", Hex.addr(seg.address(i)));
            n.put("length", seg.length(i));
            strings(n.putArray("flags"), seg.flagNames(i));
            n.put("firstInput", seg.firstInput(i));
            n.put("inputCount", seg.inputCount(i));
        }
        InputEntries in = m.inputs();
        o.put("inputKind", in.kind().cName());
        o.put("inputCount", in.count());
        ArrayNode ia = o.putArray("inputs");
        for (int i = 0; i < Math.min(limit, in.count()); i++) {
            ObjectNode n = ia.addObject();
            n.put("phys", Hex.addr(in.phys(i)));
            n.put("length", in.length(i));
            n.put("p2p", in.p2p(i));
        }
        PhysRanges phyr = m.phyr();
        o.put("phyrCount", phyr.count());
        ArrayNode pa = o.putArray("phyr");
        for (int i = 0; i < Math.min(limit, phyr.count()); i++) {
            ObjectNode n = pa.addObject();
            n.put("address", Hex.addr(phyr.addr(i)));
            n.put("length", phyr.len(i));
        }
        PageTableChanges pt = m.pageTable();
        o.put("pageTableCount", pt.leafCount());
        if (pt.geometry() != null) {
            ObjectNode f = o.putObject("pageTableFormat");
            f.put("format", pt.geometry().format().name());
            f.put("description", pt.geometry().describe());
            f.put("newTables", pt.newTableCount());
        } else {
            o.putNull("pageTableFormat");
        }
        ArrayNode pta = o.putArray("pageTable");
        for (int i = 0; i < Math.min(limit, pt.leafCount()); i++) {
            ObjectNode n = pta.addObject();
            n.put("iova", Hex.addr(pt.leafIova(i)));
            n.put("phys", Hex.addr(pt.leafPhys(i)));
            n.put("pageSize", pt.leafSize(i));
            n.put("level", pt.leafLevel(i));
            n.put("levelName", pt.leafLevelName(i));
            ArrayNode walk = n.putArray("walk");
            for (PageTableChanges.LevelIndex li : pt.walk(i)) {
                ObjectNode w = walk.addObject();
                w.put("level", li.level());
                w.put("levelName", li.levelName());
                w.put("index", li.index());
            }
        }
        ArrayNode sw = o.putArray("swiotlb");
        for (SwiotlbAllocation a : m.swiotlb()) {
            ObjectNode n = sw.addObject();
            n.put("origAddr", Hex.addr(a.origAddr()));
            n.put("tlbAddr", Hex.addr(a.tlbAddr()));
            n.put("size", a.mappingSize());
            n.put("firstSlot", a.firstSlot());
            n.put("slots", a.nslots());
            n.put("padSlots", a.padSlots());
            n.put("area", a.area());
        }
        ArrayNode iovas = o.putArray("iovaAllocations");
        for (MapTrace.IovaAllocation a : m.iovaAllocations()) {
            ObjectNode n = iovas.addObject();
            n.put("iova", Hex.addr(a.iova()));
            n.put("size", a.bytes());
            n.put("pagesReserved", a.pagesAllocated());
            n.put("fromRangeCache", a.fromRangeCache());
            n.put("limit", Hex.addr(a.limit()));
        }
        MetadataCost c = m.cost();
        ObjectNode cost = o.putObject("metadataCost");
        cost.put("pages", c.pages());
        cost.put("pageArrayBytes", c.pageArrayBytes());
        cost.put("scatterlistEntries", c.scatterlistEntries());
        cost.put("scatterlistChainEntries", c.scatterlistChainEntries());
        cost.put("scatterlistBytes", c.scatterlistBytes());
        cost.put("phyrRanges", c.phyrRanges());
        cost.put("phyrBytes", c.phyrBytes());
        cost.put("dmaRanges", c.dmaRanges());
        cost.put("dmaRangeBytes", c.dmaRangeBytes());
        strings(o.putArray("kernelLog"), m.kernelLog());
        strings(o.putArray("notes"), m.notes());
        o.put("listLimit", limit);
        return o;
    }

    private static void strings(ArrayNode a, List<String> values) {
        for (String s : values) a.add(s);
    }

    private static void map(ObjectNode n, Map<String, String> m) {
        for (Map.Entry<String, String> e : m.entrySet()) n.put(e.getKey(), e.getValue());
    }
}
