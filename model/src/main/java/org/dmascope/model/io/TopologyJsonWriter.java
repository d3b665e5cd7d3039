package org.dmascope.model.io;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dmascope.model.io.json.CompactJsonPrinter;
import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.AddressRange;
import org.dmascope.model.topology.Bar;
import org.dmascope.model.topology.Bridge;
import org.dmascope.model.topology.BridgeWindow;
import org.dmascope.model.topology.DmaParameters;
import org.dmascope.model.topology.DmaRange;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.HostWindow;
import org.dmascope.model.topology.NumaNode;
import org.dmascope.model.topology.P2pMemory;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciIdentity;
import org.dmascope.model.topology.Platform;
import org.dmascope.model.topology.Provenance;
import org.dmascope.model.topology.SourceRef;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.topology.ToolReport;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;

/**
 * Writes topology JSON in its canonical form: fixed key order, unknown values left out, addresses as
 * hex strings, sizes with binary units. Reading the output gives back an equal {@link Topology}.
 */
public final class TopologyJsonWriter {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private TopologyJsonWriter() {
    }

    public static String write(Topology t) {
        return CompactJsonPrinter.print(toJson(t));
    }

    /** The JSON tree, for embedding in larger documents (the CLI's import output). */
    public static ObjectNode toJson(Topology t) {
        ObjectNode root = F.objectNode();
        root.put("format", TopologyFormat.FORMAT);
        root.put("version", TopologyFormat.VERSION);
        root.put("name", t.name());
        t.description().ifPresent(d -> root.put("description", d));
        t.source().ifPresent(s -> {
            ObjectNode o = root.putObject("source");
            o.put("kind", s.kind().jsonName());
            s.detail().ifPresent(d -> o.put("detail", d));
        });
        ObjectNode platform = platform(t.platform());
        if (!platform.isEmpty()) root.set("platform", platform);
        if (!t.numaNodes().isEmpty()) {
            ArrayNode nodes = root.putArray("numaNodes");
            for (NumaNode n : t.numaNodes()) nodes.add(numaNode(n));
        }
        if (!t.hostBridges().isEmpty()) {
            ArrayNode hbs = root.putArray("hostBridges");
            for (HostBridge hb : t.hostBridges()) hbs.add(hostBridge(hb));
        }
        ArrayNode fs = root.putArray("functions");
        for (PciFunction f : t.functions()) fs.add(function(f));
        if (!t.reports().isEmpty()) root.set("reports", ToolReportJson.write(t.reports()));
        if (!t.edits().isEmpty()) {
            ArrayNode edits = root.putArray("edits");
            t.edits().forEach(edits::add);
        }
        return root;
    }

    /** The {@code reports} array alone, as the topology JSON writes it (the CLI's matrix output shows it). */
    public static ArrayNode toJson(List<ToolReport> reports) {
        return ToolReportJson.write(reports);
    }

    private static ObjectNode platform(Platform p) {
        ObjectNode o = F.objectNode();
        p.architecture().ifPresent(a -> o.put("architecture", a.jsonName()));
        ObjectNode cpu = F.objectNode();
        p.cpu().vendor().ifPresent(v -> cpu.put("vendor", v.jsonName()));
        p.cpu().family().ifPresent(f -> cpu.put("family", Hex.reg(f, 2)));
        p.cpu().model().ifPresent(m -> cpu.put("model", m));
        if (!cpu.isEmpty()) o.set("cpu", cpu);
        ObjectNode iommu = F.objectNode();
        Platform.Iommu i = p.iommu();
        i.driver().ifPresent(d -> iommu.put("driver", d.jsonName()));
        i.defaultDomain().ifPresent(d -> iommu.put("defaultDomain", d.jsonName()));
        i.strict().ifPresent(s -> iommu.put("strict", s));
        i.addressWidth().ifPresent(w -> iommu.put("addressWidth", w));
        i.pageTableFormat().ifPresent(f -> iommu.put("pageTable", f.jsonName()));
        i.granule().ifPresent(g -> iommu.put("granule", ByteSize.format(g)));
        i.amdEfr().ifPresent(e -> iommu.put("efr", Hex.addr(e)));
        i.amdSnp().ifPresent(s -> iommu.put("snp", s));
        if (!iommu.isEmpty()) o.set("iommu", iommu);
        ObjectNode tlb = F.objectNode();
        p.swiotlb().start().ifPresent(s -> tlb.put("start", Hex.addr(s)));
        p.swiotlb().size().ifPresent(s -> tlb.put("size", ByteSize.format(s)));
        p.swiotlb().forced().ifPresent(f -> tlb.put("forced", f));
        if (!tlb.isEmpty()) o.set("swiotlb", tlb);
        p.memoryEncryption().ifPresent(e -> o.put("memoryEncryption", e.jsonName()));
        p.kernelCommandLine().ifPresent(c -> o.put("kernelCommandLine", c));
        return o;
    }

    private static ObjectNode numaNode(NumaNode n) {
        ObjectNode o = F.objectNode();
        o.put("id", n.id());
        n.socket().ifPresent(s -> o.put("socket", s));
        n.cpus().ifPresent(c -> o.put("cpus", c));
        if (!n.memory().isEmpty()) {
            ArrayNode mem = o.putArray("memory");
            for (AddressRange r : n.memory()) {
                ObjectNode m = mem.addObject();
                m.put("start", Hex.addr(r.start()));
                m.put("size", ByteSize.format(r.size()));
            }
        }
        return o;
    }

    private static ObjectNode hostBridge(HostBridge hb) {
        ObjectNode o = F.objectNode();
        o.put("id", hb.id());
        o.put("domain", Hex.hex(hb.domain(), 4));
        o.put("rootBus", Hex.hex(hb.rootBus(), 2));
        hb.busRange().ifPresent(r -> o.put("busRange", r.toString()));
        hb.numaNode().ifPresent(n -> o.put("numaNode", n));
        if (!hb.windows().isEmpty()) {
            ArrayNode ws = o.putArray("windows");
            for (HostWindow w : hb.windows()) {
                ObjectNode wo = ws.addObject();
                wo.put("kind", w.kind().jsonName());
                wo.put("cpu", Hex.addr(w.cpuStart()));
                if (w.busStart() != w.cpuStart()) wo.put("bus", Hex.addr(w.busStart()));
                wo.put("size", ByteSize.format(w.size()));
            }
        }
        if (!hb.dmaRanges().isEmpty()) {
            ArrayNode rs = o.putArray("dmaRanges");
            for (DmaRange r : hb.dmaRanges()) {
                ObjectNode ro = rs.addObject();
                ro.put("cpu", Hex.addr(r.cpuStart()));
                ro.put("bus", Hex.addr(r.busStart()));
                ro.put("size", ByteSize.format(r.size()));
            }
        }
        provenance(o, hb.provenance());
        return o;
    }

    private static ObjectNode function(PciFunction f) {
        ObjectNode o = F.objectNode();
        o.put("address", f.address().toString());
        PciIdentity id = f.identity();
        putHex(o, "vendor", id.vendorId(), 4);
        putHex(o, "device", id.deviceId(), 4);
        putHex(o, "subsystemVendor", id.subsystemVendorId(), 4);
        putHex(o, "subsystemDevice", id.subsystemDeviceId(), 4);
        putHex(o, "class", id.classCode(), 6);
        putHex(o, "revision", id.revision(), 2);
        putString(o, "vendorName", id.vendorName());
        putString(o, "deviceName", id.deviceName());
        putString(o, "subsystemName", id.subsystemName());
        putString(o, "className", id.className());
        if (!id.idCandidates().isEmpty()) {
            ArrayNode candidates = o.putArray("idCandidates");
            id.idCandidates().forEach(c -> candidates.add(c.toString()));
        }
        f.portType().ifPresent(p -> o.put("portType", p.jsonName()));
        f.headerType().ifPresent(h -> o.put("headerType", h));
        f.multifunction().ifPresent(m -> o.put("multifunction", m));
        f.bridge().ifPresent(b -> o.set("bridge", bridge(b)));
        if (!f.bars().isEmpty()) {
            ArrayNode bars = o.putArray("bars");
            f.bars().stream().sorted((a, b) -> Integer.compare(a.index(), b.index())).forEach(b -> bars.add(bar(b)));
        }
        f.acs().ifPresent(a -> o.set("acs", acs(a)));
        f.ats().ifPresent(v -> o.put("ats", v));
        f.pasid().ifPresent(v -> o.put("pasid", v));
        f.pri().ifPresent(v -> o.put("pri", v));
        f.sriov().ifPresent(s -> {
            ObjectNode so = o.putObject("sriov");
            so.put("totalVfs", s.totalVfs());
            so.put("numVfs", s.numVfs());
            so.put("vfOffset", s.vfOffset());
            so.put("vfStride", s.vfStride());
            putHex(so, "vfDevice", s.vfDeviceId(), 4);
        });
        f.physicalFunction().ifPresent(p -> o.put("physicalFunction", p.toString()));
        f.link().ifPresent(l -> {
            ObjectNode lo = F.objectNode();
            l.capability().ifPresent(c -> lo.put("capability", c.toString()));
            l.status().ifPresent(s -> lo.put("status", s.toString()));
            o.set("link", lo);
        });
        f.numaNode().ifPresent(n -> o.put("numaNode", n));
        putString(o, "driver", f.driver());
        if (!f.dma().isUnknown()) o.set("dma", dma(f.dma()));
        if (!f.p2pMemory().isEmpty()) {
            ArrayNode ps = o.putArray("p2pMemory");
            for (P2pMemory m : f.p2pMemory()) {
                ObjectNode mo = ps.addObject();
                mo.put("bar", m.bar());
                mo.put("offset", Hex.addr(m.offset()));
                mo.put("size", ByteSize.format(m.size()));
                mo.put("published", m.published());
            }
        }
        f.untrusted().ifPresent(v -> o.put("untrusted", v));
        f.externalFacing().ifPresent(v -> o.put("externalFacing", v));
        f.iommuGroup().ifPresent(g -> o.put("iommuGroup", g));
        provenance(o, f.provenance());
        return o;
    }

    private static ObjectNode bridge(Bridge b) {
        ObjectNode o = F.objectNode();
        b.primary().ifPresent(p -> o.put("primary", Hex.hex(p, 2)));
        o.put("secondary", Hex.hex(b.secondary(), 2));
        o.put("subordinate", Hex.hex(b.subordinate(), 2));
        b.io().ifPresent(w -> o.put("io", window(w)));
        b.memory().ifPresent(w -> o.put("memory", window(w)));
        b.prefetchable().ifPresent(w -> o.put("prefetchable", window(w)));
        return o;
    }

    private static String window(BridgeWindow w) {
        return w.range().map(r -> Hex.addr(r.start()) + "-" + Hex.addr(r.end())).orElse("disabled");
    }

    private static ObjectNode bar(Bar b) {
        ObjectNode o = F.objectNode();
        o.put("index", b.index());
        o.put("space", b.space().jsonName());
        if (b.isMemory()) {
            o.put("bits", b.is64Bit() ? 64 : 32);
            o.put("prefetchable", b.prefetchable());
        }
        b.address().ifPresent(a -> o.put("address", Hex.addr(a)));
        b.size().ifPresent(s -> o.put("size", ByteSize.format(s)));
        if (b.resizable()) {
            ArrayNode sizes = o.putArray("resizable");
            b.resizableSizes().forEach(s -> sizes.add(ByteSize.format(s)));
        }
        return o;
    }

    private static JsonNode acs(Acs a) {
        if (!a.present()) return F.textNode("none");
        ObjectNode o = F.objectNode();
        putHex(o, "capability", a.capability(), 4);
        putHex(o, "control", a.control(), 4);
        return o;
    }

    private static ObjectNode dma(DmaParameters d) {
        ObjectNode o = F.objectNode();
        d.maskBits().ifPresent(m -> o.put("maskBits", m));
        d.maxSegmentSize().ifPresent(s -> o.put("maxSegmentSize", ByteSize.format(s)));
        d.segmentBoundaryMask().ifPresent(m -> o.put("segmentBoundaryMask", Hex.addr(m)));
        d.minAlignMask().ifPresent(m -> o.put("minAlignMask", Hex.addr(m)));
        return o;
    }

    private static void provenance(ObjectNode o, Provenance p) {
        if (p.isEmpty()) return;
        ObjectNode po = o.putObject("provenance");
        for (Map.Entry<String, SourceRef> e : p.fields().entrySet()) po.put(e.getKey(), sourceRef(e.getValue()));
    }

    /**
     * {@code file:line}; a whole-file reference to a file whose name itself ends in {@code :digits}
     * is written with an explicit {@code :0}, or reading it back would take the digits for a line.
     */
    static String sourceRef(SourceRef r) {
        if (r.line() == 0 && r.file().matches("(?s).*:[0-9]+")) return r.file() + ":0";
        return r.toString();
    }

    private static void putHex(ObjectNode o, String key, OptionalInt v, int digits) {
        v.ifPresent(x -> o.put(key, Hex.hex(x, digits)));
    }

    private static void putString(ObjectNode o, String key, Optional<String> v) {
        v.ifPresent(s -> o.put(key, s));
    }
}
