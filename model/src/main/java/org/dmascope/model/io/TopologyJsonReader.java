package org.dmascope.model.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dmascope.model.addresses.TopologyChecks;
import org.dmascope.model.io.json.Columns;
import org.dmascope.model.io.json.JsonNodeAt;
import org.dmascope.model.io.json.JsonReadContext;
import org.dmascope.model.io.json.LocatedJsonParser;
import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.report.Report;
import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.AddressRange;
import org.dmascope.model.topology.Bar;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Bridge;
import org.dmascope.model.topology.BridgeWindow;
import org.dmascope.model.topology.DmaParameters;
import org.dmascope.model.topology.DmaRange;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.HostWindow;
import org.dmascope.model.topology.Link;
import org.dmascope.model.topology.LinkState;
import org.dmascope.model.topology.NumaNode;
import org.dmascope.model.topology.P2pMemory;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciId;
import org.dmascope.model.topology.PciIdentity;
import org.dmascope.model.topology.Platform;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Provenance;
import org.dmascope.model.topology.SourceRef;
import org.dmascope.model.topology.Sriov;
import org.dmascope.model.topology.ToolReport;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.topology.TopologySource;
import org.dmascope.model.topology.TopologyValidator;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;

/**
 * Reads topology JSON (format {@value TopologyFormat#FORMAT}, docs/topology-format.md) and validates
 * the result. Every problem is reported with file, line, column and JSON path; validation findings
 * about a device point at that device's object in the file.
 */
public final class TopologyJsonReader {

    private static final Pattern RANGE = Pattern.compile("\\s*(0[xX][0-9a-fA-F_]+)\\s*-\\s*(0[xX][0-9a-fA-F_]+)\\s*");
    private static final Pattern BUS_RANGE = Pattern.compile("([0-9a-fA-F]{1,2})-([0-9a-fA-F]{1,2})");

    private final JsonReadContext ctx;
    private final Map<String, JsonNodeAt> subjects = new HashMap<>();
    /**
     * Where each function is, by address, in the file's order: a repeated address has several places, and a
     * finding about a repeat is reported at it ({@link TopologyValidator.FunctionSubject}).
     */
    private final Map<Bdf, List<JsonNodeAt>> places = new HashMap<>();
    /** Where each host bridge is, by id, in the file's order ({@link TopologyValidator.HostBridgeSubject}). */
    private final Map<String, List<JsonNodeAt>> hostPlaces = new HashMap<>();
    private final List<PciFunction> functions = new ArrayList<>();
    private List<Diagnostic> functionFindings = List.of();

    private TopologyJsonReader(String fileName, Columns columns) {
        this.ctx = new JsonReadContext(fileName, columns);
    }

    /** Parses a file's JSON, handing each function to the taker as it ends. */
    @FunctionalInterface
    private interface Parse {
        JsonNodeAt parse(LocatedJsonParser.ItemTaker functions) throws LocatedJsonParser.SyntaxError;
    }

    /**
     * Parses and validates {@code text}. The result holds a topology unless the report has errors.
     *
     * @param fileName how to name the file in messages
     */
    public static LoadResult read(String text, String fileName) {
        return read(text, fileName, true, () -> {
        });
    }

    /**
     * Parses and validates {@code text}, running {@code checkpoint} now and then (it throws to stop).
     *
     * @param fileName how to name the file in messages
     */
    public static LoadResult read(String text, String fileName, Runnable checkpoint) {
        return read(text, fileName, true, checkpoint);
    }

    /**
     * Parses without validating, so a test can give the writer any topology the model can hold
     * (overlapping BARs, addresses above 2^63) and check that it comes back unchanged.
     */
    static LoadResult readWithoutValidation(String text, String fileName) {
        return read(text, fileName, false, () -> {
        });
    }

    /** {@link #read(byte[], String, Runnable)} that runs to the end. */
    public static LoadResult read(byte[] bytes, String fileName) {
        return read(bytes, fileName, () -> {
        });
    }

    /**
     * Parses and validates UTF-8 {@code bytes} without decoding them into text (a 60 MB file is read in about half
     * the time, and never held as a 120 MB string).
     *
     * @param fileName how to name the file in messages
     */
    public static LoadResult read(byte[] bytes, String fileName, Runnable checkpoint) {
        return read(taker -> LocatedJsonParser.parse(bytes, "functions", taker), Columns.ofUtf8(bytes), fileName,
                true, checkpoint);
    }

    private static LoadResult read(String text, String fileName, boolean validate, Runnable checkpoint) {
        return read(taker -> LocatedJsonParser.parse(text, "functions", taker), Columns.CHARACTERS, fileName,
                validate, checkpoint);
    }

    private static LoadResult read(Parse json, Columns columns, String fileName, boolean validate,
            Runnable checkpoint) {
        TopologyJsonReader r = new TopologyJsonReader(fileName, columns);
        JsonNodeAt root;
        try {
            // Each function is read into the model as soon as its object ends, and only its place is kept:
            // a large file (tens of thousands of functions) is never held as one tree.
            root = json.parse(r.new FunctionTaker(validate));
        } catch (LocatedJsonParser.SyntaxError e) {
            return LoadResult.failed(new Report(List.of(Diagnostic.error("not valid JSON: " + e.getMessage())
                    .at(fileName, e.line(), columns.column(e.line(), e.column())))));
        }
        // What the functions said is reported where the file is read in order, after the platform and bridges.
        r.functionFindings = r.ctx.drain();
        checkpoint.run();
        Optional<Topology> t = r.topology(root);
        checkpoint.run();
        if (validate && t.isPresent() && !r.ctx.hasErrors()) {
            for (Diagnostic d : TopologyChecks.validate(t.get(), checkpoint)) {
                r.ctx.addAt(d.subject().flatMap(r::where).orElse(root), d);
            }
        }
        Report report = new Report(r.ctx.diagnostics());
        return report.hasErrors() ? LoadResult.failed(report) : LoadResult.loaded(t.orElseThrow(), report);
    }

    private Optional<Topology> topology(JsonNodeAt rootNode) {
        Optional<JsonNodeAt.Obj> rootObj = ctx.asObject(rootNode);
        if (rootObj.isEmpty()) return Optional.empty();
        JsonNodeAt.Obj root = rootObj.get();
        Optional<String> format = ctx.string(root, "format", true);
        if (format.isPresent() && !format.get().equals(TopologyFormat.FORMAT)) {
            ctx.error(root.get("format").get(), "this is not a dmascope topology (format is \"" + format.get()
                    + "\", expected \"" + TopologyFormat.FORMAT + "\")");
            return Optional.empty();
        }
        OptionalInt version = ctx.integer(root, "version", true, 1, Integer.MAX_VALUE);
        if (version.isPresent() && version.getAsInt() > TopologyFormat.VERSION) {
            ctx.error(root.get("version").get(), "the file has format version " + version.getAsInt()
                    + ", newer than this dmascope reads (" + TopologyFormat.VERSION + "); update dmascope");
            return Optional.empty();
        }
        Optional<String> name = ctx.string(root, "name", true);
        Optional<String> description = ctx.string(root, "description", false);
        Optional<TopologySource> source = ctx.object(root, "source", false).flatMap(this::source);
        Optional<JsonNodeAt.Obj> platformObject = ctx.object(root, "platform", false);
        platformObject.ifPresent(o -> subjects.put("platform", o));
        Platform platform = platformObject.map(this::platform).orElse(Platform.UNKNOWN);
        List<NumaNode> nodes = new ArrayList<>();
        for (JsonNodeAt n : ctx.array(root, "numaNodes", false)) ctx.asObject(n).flatMap(this::numaNode)
                .ifPresent(nodes::add);
        List<HostBridge> hostBridges = new ArrayList<>();
        for (JsonNodeAt n : ctx.array(root, "hostBridges", false)) ctx.asObject(n).flatMap(this::hostBridge)
                .ifPresent(hostBridges::add);
        // Marks the member read and checks it is there and an array; its items were read as they were parsed.
        ctx.array(root, "functions", true);
        ctx.addAll(functionFindings);
        List<ToolReport> reports = ToolReportJson.read(ctx, ctx.array(root, "reports", false));
        List<String> edits = new ArrayList<>();
        for (JsonNodeAt e : ctx.array(root, "edits", false)) ctx.asString(e).ifPresent(edits::add);
        ctx.reportUnknown(root);
        if (ctx.hasErrors() || name.isEmpty()) return Optional.empty();
        try {
            return Optional.of(new Topology(name.get(), description, source, platform, nodes, hostBridges, functions,
                    reports, edits));
        } catch (IllegalArgumentException e) {
            ctx.error(root, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Takes each item of {@code functions} as the parser ends it; the tree keeps only its place. A function at
     * an address read before makes the file refused (one function per address, the validator's rule): it is
     * kept as its address and names only, which is all the refusal needs. Once more functions repeat than
     * the validator lists ({@link TopologyValidator#PER_KIND}; the rest are only counted), the file is a
     * repetition, not a machine: the remaining functions are read for their address and name only, their
     * other members skipped unread. A file of tens of thousands of repeated functions is refused in
     * seconds and megabytes instead of being built whole first.
     */
    private final class FunctionTaker implements LocatedJsonParser.ItemTaker {
        private final Set<Bdf> addresses = new HashSet<>();
        private final boolean keepLess;
        private int repeats;

        FunctionTaker(boolean keepLess) {
            this.keepLess = keepLess;
        }

        @Override
        public JsonNodeAt take(JsonNodeAt item) {
            if (membersWanted() != null) {
                ctx.asObject(item).flatMap(this::named).ifPresent(functions::add);
            } else {
                ctx.asObject(item).flatMap(TopologyJsonReader.this::function).ifPresent(this::add);
            }
            return item.placeOnly();
        }

        /** A function of a repetition: its address and name, what the refusal says of it. */
        private Optional<PciFunction> named(JsonNodeAt.Obj o) {
            Optional<String> name = ctx.string(o, "deviceName", false);
            Optional<Bdf> address = ctx.parse(o, "address", true, "a PCI address such as \"0000:03:00.0\"",
                    Bdf::parse);
            address.ifPresent(a -> place(a, o));
            return address.map(a -> PciFunction.builder(a).identity(PciIdentity.named(name)).build());
        }

        private void add(PciFunction f) {
            if (addresses.add(f.address()) || !keepLess) {
                functions.add(f);
                return;
            }
            repeats++;
            functions.add(PciFunction.builder(f.address()).identity(f.identity()).build());
        }

        @Override
        public Set<String> membersWanted() {
            return keepLess && repeats > TopologyValidator.PER_KIND ? NAMING_MEMBERS : null;
        }
    }

    /** What a repeated function is read for once the file is known to be a repetition (see FunctionTaker). */
    private static final Set<String> NAMING_MEMBERS = Set.of("address", "deviceName");

    private Optional<TopologySource> source(JsonNodeAt.Obj o) {
        Optional<TopologySource.Kind> kind = ctx.choice(o, "kind", true, "synthetic, real, imported",
                TopologySource.Kind::fromJsonName);
        Optional<String> detail = ctx.string(o, "detail", false);
        ctx.reportUnknown(o);
        return kind.map(k -> new TopologySource(k, detail));
    }

    private Platform platform(JsonNodeAt.Obj o) {
        Optional<Platform.Architecture> arch = ctx.choice(o, "architecture", false,
                Platform.Named.choices(Platform.Architecture.class),
                        s -> Platform.Named.parse(Platform.Architecture.class, s));
        Platform.Cpu cpu = ctx.object(o, "cpu", false).map(c -> {
            Optional<Platform.CpuVendor> vendor = ctx.choice(c, "vendor", false,
                    Platform.Named.choices(Platform.CpuVendor.class),
                            s -> Platform.Named.parse(Platform.CpuVendor.class, s));
            OptionalInt family = ctx.hexInt(c, "family", false, 0xFFFF);
            Optional<String> model = ctx.string(c, "model", false);
            ctx.reportUnknown(c);
            return new Platform.Cpu(vendor, family, model);
        }).orElse(Platform.Cpu.UNKNOWN);
        Platform.Iommu iommu = ctx.object(o, "iommu", false).map(i -> {
            Optional<Platform.IommuDriver> driver = ctx.choice(i, "driver", false,
                    Platform.Named.choices(Platform.IommuDriver.class),
                            s -> Platform.Named.parse(Platform.IommuDriver.class, s));
            Optional<Platform.DomainType> dom = ctx.choice(i, "defaultDomain", false,
                    Platform.Named.choices(Platform.DomainType.class),
                            s -> Platform.Named.parse(Platform.DomainType.class, s));
            Optional<Boolean> strict = ctx.bool(i, "strict", false);
            OptionalInt width = ctx.integer(i, "addressWidth", false, 32, 64);
            Optional<Platform.PageTableFormat> fmt = ctx.choice(i, "pageTable", false,
                    Platform.Named.choices(Platform.PageTableFormat.class),
                            s -> Platform.Named.parse(Platform.PageTableFormat.class, s));
            OptionalLong granule = ctx.size(i, "granule", false);
            if (granule.isPresent() && Long.bitCount(granule.getAsLong()) != 1) {
                ctx.error(i.get("granule").get(), "an I/O page granule must be a power of two");
            }
            OptionalLong efr = ctx.parse(i, "efr", false, "the AMD IOMMU's Extended Feature Register in hex, as "
                    + "\"AMD-Vi: Extended features (0x…)\" prints it, e.g. \"0x400f77ef22294ada\"", Hex::parse)
                    .map(OptionalLong::of).orElse(OptionalLong.empty());
            Optional<Boolean> snp = ctx.bool(i, "snp", false);
            ctx.reportUnknown(i);
            return new Platform.Iommu(driver, dom, strict, width, fmt, granule, efr, snp);
        }).orElse(Platform.Iommu.UNKNOWN);
        Platform.Swiotlb swiotlb = ctx.object(o, "swiotlb", false).map(s -> {
            OptionalLong start = ctx.address(s, "start", false);
            OptionalLong size = ctx.size(s, "size", false);
            Optional<Boolean> forced = ctx.bool(s, "forced", false);
            ctx.reportUnknown(s);
            return new Platform.Swiotlb(start, size, forced);
        }).orElse(Platform.Swiotlb.UNKNOWN);
        Optional<Platform.MemoryEncryption> enc = ctx.choice(o, "memoryEncryption", false,
                Platform.Named.choices(Platform.MemoryEncryption.class),
                        s -> Platform.Named.parse(Platform.MemoryEncryption.class, s));
        Optional<String> cmdline = ctx.string(o, "kernelCommandLine", false);
        ctx.reportUnknown(o);
        return new Platform(arch, cpu, iommu, swiotlb, enc, cmdline);
    }

    private Optional<NumaNode> numaNode(JsonNodeAt.Obj o) {
        OptionalInt id = ctx.integer(o, "id", true, 0, 4095);
        OptionalInt socket = ctx.integer(o, "socket", false, 0, 4095);
        Optional<String> cpus = ctx.string(o, "cpus", false);
        List<AddressRange> memory = new ArrayList<>();
        for (JsonNodeAt n : ctx.array(o, "memory", false)) ctx.asObject(n).flatMap(this::sizedRange)
                .ifPresent(memory::add);
        ctx.reportUnknown(o);
        if (id.isEmpty()) return Optional.empty();
        subjects.put("numaNode:" + id.getAsInt(), o);
        return Optional.of(new NumaNode(id.getAsInt(), socket, cpus, memory));
    }

    private Optional<AddressRange> sizedRange(JsonNodeAt.Obj o) {
        OptionalLong start = ctx.address(o, "start", true);
        OptionalLong size = ctx.size(o, "size", true);
        ctx.reportUnknown(o);
        if (start.isEmpty() || size.isEmpty()) return Optional.empty();
        try {
            return Optional.of(AddressRange.ofSize(start.getAsLong(), size.getAsLong()));
        } catch (IllegalArgumentException e) {
            ctx.error(o, e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<HostBridge> hostBridge(JsonNodeAt.Obj o) {
        Optional<String> id = ctx.string(o, "id", true);
        OptionalInt domain = ctx.hexInt(o, "domain", true, 0xFFFFF);
        OptionalInt rootBus = ctx.hexInt(o, "rootBus", true, 0xFF);
        Optional<HostBridge.BusRange> busRange = ctx.parse(o, "busRange", false, "a bus range such as \"00-7f\"", s -> {
            Matcher m = BUS_RANGE.matcher(s.trim());
            if (!m.matches()) throw new IllegalArgumentException(s);
            return new HostBridge.BusRange(Integer.parseInt(m.group(1), 16), Integer.parseInt(m.group(2), 16));
        });
        OptionalInt numa = ctx.integer(o, "numaNode", false, 0, 4095);
        List<HostWindow> windows = new ArrayList<>();
        for (JsonNodeAt n : ctx.array(o, "windows", false)) {
            ctx.asObject(n).ifPresent(w -> {
                Optional<HostWindow.Kind> kind = ctx.choice(w, "kind", true, "mem, mem-pref, io",
                        HostWindow.Kind::fromJsonName);
                OptionalLong cpu = ctx.address(w, "cpu", true);
                OptionalLong bus = ctx.address(w, "bus", false);
                OptionalLong size = ctx.size(w, "size", true);
                ctx.reportUnknown(w);
                if (kind.isPresent() && cpu.isPresent() && size.isPresent()) {
                    try {
                        HostWindow hw = new HostWindow(kind.get(), cpu.getAsLong(), bus.orElse(cpu.getAsLong()),
                                size.getAsLong());
                        hw.cpuRange();
                        hw.busRange();
                        windows.add(hw);
                    } catch (IllegalArgumentException e) {
                        ctx.error(w, e.getMessage());
                    }
                }
            });
        }
        List<DmaRange> dmaRanges = new ArrayList<>();
        for (JsonNodeAt n : ctx.array(o, "dmaRanges", false)) {
            ctx.asObject(n).ifPresent(d -> {
                OptionalLong cpu = ctx.address(d, "cpu", true);
                OptionalLong bus = ctx.address(d, "bus", true);
                OptionalLong size = ctx.size(d, "size", true);
                ctx.reportUnknown(d);
                if (cpu.isPresent() && bus.isPresent() && size.isPresent()) {
                    try {
                        dmaRanges.add(new DmaRange(cpu.getAsLong(), bus.getAsLong(), size.getAsLong()));
                    } catch (IllegalArgumentException e) {
                        ctx.error(d, e.getMessage());
                    }
                }
            });
        }
        Provenance provenance = ctx.object(o, "provenance", false).map(this::provenance).orElse(Provenance.NONE);
        ctx.reportUnknown(o);
        if (id.isEmpty() || domain.isEmpty() || rootBus.isEmpty()) return Optional.empty();
        hostPlaces.computeIfAbsent(id.get(), k -> new ArrayList<>()).add(o.placeOnly());
        return Optional.of(new HostBridge(id.get(), domain.getAsInt(), rootBus.getAsInt(), busRange, numa, windows,
                dmaRanges, provenance));
    }

    /** Records where the function at {@code address} is, for findings about it. */
    private void place(Bdf address, JsonNodeAt.Obj o) {
        List<JsonNodeAt> at = places.get(address);
        if (at == null) places.put(address, List.of(o.placeOnly()));
        else if (at.size() == 1) places.put(address, new ArrayList<>(List.of(at.get(0), o.placeOnly())));
        else at.add(o.placeOnly());
    }

    /** Where a finding's subject is in the file, if the file holds it. */
    private Optional<JsonNodeAt> where(String subject) {
        JsonNodeAt at = subjects.get(subject);
        if (at != null) return Optional.of(at);
        Optional<TopologyValidator.HostBridgeSubject> host = TopologyValidator.HostBridgeSubject.parse(subject);
        if (host.isPresent()) return nth(hostPlaces.get(host.get().id()), host.get().occurrence());
        return TopologyValidator.FunctionSubject.parse(subject).flatMap(f -> nth(places.get(f.address()),
                f.occurrence()));
    }

    /** The {@code n}th (from 1) of the places where the file has one thing, if it has that many. */
    private static Optional<JsonNodeAt> nth(List<JsonNodeAt> places, int n) {
        return places != null && n >= 1 && n <= places.size() ? Optional.of(places.get(n - 1)) : Optional.empty();
    }

    /** {@code "idCandidates": ["8086:2054", "8086:2055"]}: the IDs an ambiguous name could stand for. */
    private List<PciId> idCandidates(JsonNodeAt.Obj o) {
        List<PciId> ids = new ArrayList<>();
        for (JsonNodeAt n : ctx.array(o, "idCandidates", false)) {
            Optional<PciId> id = n instanceof JsonNodeAt.Scalar s && s.type() == JsonNodeAt.Scalar.Type.STRING
                    ? PciId.parse(s.text()) : Optional.empty();
            if (id.isPresent()) ids.add(id.get());
            else ctx.warning(n, "expected a vendor:device ID such as \"8086:2054\"; this candidate was ignored");
        }
        return ids;
    }

    private Optional<PciFunction> function(JsonNodeAt.Obj o) {
        Optional<Bdf> address = ctx.parse(o, "address", true, "a PCI address such as \"0000:03:00.0\"", Bdf::parse);
        // Without an address the function is dropped, but its other fields are still read so one pass
        // reports every problem in the file.
        PciFunction.Builder b = PciFunction.builder(address.orElse(Bdf.of(0, 0, 0, 0)));
        address.ifPresent(a -> place(a, o));
        b.identity(new PciIdentity(
                ctx.hexInt(o, "vendor", false, 0xFFFF), ctx.hexInt(o, "device", false, 0xFFFF),
                ctx.hexInt(o, "subsystemVendor", false, 0xFFFF), ctx.hexInt(o, "subsystemDevice", false, 0xFFFF),
                ctx.hexInt(o, "class", false, 0xFFFFFF), ctx.hexInt(o, "revision", false, 0xFF),
                ctx.string(o, "vendorName", false), ctx.string(o, "deviceName", false),
                ctx.string(o, "subsystemName", false), ctx.string(o, "className", false), idCandidates(o)));
        b.portType(ctx.choice(o, "portType", false, PORT_TYPES, PortType::fromJsonName));
        b.headerType(ctx.integer(o, "headerType", false, 0, 2));
        b.multifunction(ctx.bool(o, "multifunction", false));
        b.bridge(ctx.object(o, "bridge", false).flatMap(this::bridge));
        List<Bar> bars = new ArrayList<>();
        for (JsonNodeAt n : ctx.array(o, "bars", false)) ctx.asObject(n).flatMap(this::bar).ifPresent(bars::add);
        // BARs are keyed by index; keeping them in index order (as the writer does) makes reading lossless
        // whatever order a hand-written file lists them in.
        bars.sort((x, y) -> Integer.compare(x.index(), y.index()));
        b.bars(bars);
        b.acs(acs(o));
        b.ats(ctx.bool(o, "ats", false));
        b.pasid(ctx.bool(o, "pasid", false));
        b.pri(ctx.bool(o, "pri", false));
        b.sriov(ctx.object(o, "sriov", false).flatMap(this::sriov));
        b.physicalFunction(ctx.parse(o, "physicalFunction", false, "a PCI address such as \"0000:03:00.0\"",
                Bdf::parse));
        b.link(ctx.object(o, "link", false).map(this::link));
        b.numaNode(ctx.integer(o, "numaNode", false, 0, 4095));
        b.driver(ctx.string(o, "driver", false));
        b.dma(ctx.object(o, "dma", false).map(this::dma).orElse(DmaParameters.UNKNOWN));
        List<P2pMemory> p2p = new ArrayList<>();
        for (JsonNodeAt n : ctx.array(o, "p2pMemory", false)) ctx.asObject(n).flatMap(this::p2pMemory)
                .ifPresent(p2p::add);
        b.p2pMemory(p2p);
        b.untrusted(ctx.bool(o, "untrusted", false));
        b.externalFacing(ctx.bool(o, "externalFacing", false));
        b.iommuGroup(ctx.integer(o, "iommuGroup", false, 0, Integer.MAX_VALUE));
        b.provenance(ctx.object(o, "provenance", false).map(this::provenance).orElse(Provenance.NONE));
        ctx.reportUnknown(o);
        if (address.isEmpty()) return Optional.empty();
        try {
            return Optional.of(b.build());
        } catch (IllegalArgumentException e) {
            ctx.error(o, e.getMessage());
            return Optional.empty();
        }
    }

    /** The port types in words, for the message of a wrong one (built once: every function is read with it). */
    private static final String PORT_TYPES = String.join(", ",
            Arrays.stream(PortType.values()).map(PortType::jsonName).toList());

    private Optional<Bridge> bridge(JsonNodeAt.Obj o) {
        OptionalInt primary = ctx.hexInt(o, "primary", false, 0xFF);
        OptionalInt secondary = ctx.hexInt(o, "secondary", true, 0xFF);
        OptionalInt subordinate = ctx.hexInt(o, "subordinate", true, 0xFF);
        Optional<BridgeWindow> io = window(o, "io");
        Optional<BridgeWindow> mem = window(o, "memory");
        Optional<BridgeWindow> pref = window(o, "prefetchable");
        ctx.reportUnknown(o);
        if (secondary.isEmpty() || subordinate.isEmpty()) return Optional.empty();
        return Optional.of(new Bridge(primary, secondary.getAsInt(), subordinate.getAsInt(), io, mem, pref));
    }

    private Optional<BridgeWindow> window(JsonNodeAt.Obj o, String key) {
        return ctx.parse(o, key, false, "a window such as \"0xc0000000-0xc1ffffff\" or \"disabled\"", s -> {
            if (s.trim().equals("disabled")) return BridgeWindow.DISABLED;
            Matcher m = RANGE.matcher(s);
            if (!m.matches()) throw new IllegalArgumentException(s);
            return BridgeWindow.of(Hex.parse(m.group(1)), Hex.parse(m.group(2)));
        });
    }

    private Optional<Bar> bar(JsonNodeAt.Obj o) {
        OptionalInt index = ctx.integer(o, "index", true, 0, 5);
        Optional<Bar.Space> space = ctx.choice(o, "space", true, "mem, io", Bar.Space::fromJsonName);
        OptionalInt bits = ctx.integer(o, "bits", false, 32, 64);
        if (bits.isPresent() && bits.getAsInt() != 32 && bits.getAsInt() != 64) {
            ctx.error(o.get("bits").get(), "a BAR is 32 or 64 bits wide");
        }
        Optional<Boolean> pref = ctx.bool(o, "prefetchable", false);
        OptionalLong address = ctx.address(o, "address", false);
        OptionalLong size = ctx.size(o, "size", false);
        List<Long> resizable = resizableSizes(o);
        ctx.reportUnknown(o);
        if (index.isEmpty() || space.isEmpty()) return Optional.empty();
        if (!resizable.isEmpty() && space.get() == Bar.Space.IO) {
            ctx.error(o.get("resizable").get(), "an I/O BAR is not resizable (Resizable BAR covers memory BARs)");
            resizable = List.of();
        }
        try {
            return Optional.of(new Bar(index.getAsInt(), space.get(), bits.orElse(32) == 64, pref.orElse(false),
                    address, size, resizable));
        } catch (IllegalArgumentException e) {
            ctx.error(o, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * {@code "resizable": ["256MiB", "512MiB", "1GiB"]}: the sizes a Resizable BAR capability supports, each a
     * power of two from 1 MiB to 128 TiB, smallest first. A wrong list is an error and the BAR is kept without it.
     */
    private List<Long> resizableSizes(JsonNodeAt.Obj o) {
        List<Long> out = new ArrayList<>();
        for (JsonNodeAt n : ctx.array(o, "resizable", false)) {
            Optional<String> text = ctx.asString(n);
            if (text.isEmpty()) return List.of();
            long s;
            try {
                s = ByteSize.parse(text.get());
            } catch (IllegalArgumentException e) {
                ctx.error(n, "expected a size such as \"256MiB\", found \"" + text.get() + "\"");
                return List.of();
            }
            if (Long.bitCount(s) != 1 || s < Bar.REBAR_MIN_SIZE || s > Bar.REBAR_MAX_SIZE) {
                ctx.error(n, "a resizable BAR size is a power of two from 1MiB to 128TiB, found \"" + text.get()
                        + "\"");
                return List.of();
            }
            if (!out.isEmpty() && s <= out.get(out.size() - 1)) {
                ctx.error(n, "resizable BAR sizes are listed once each, smallest first; \"" + text.get()
                        + "\" comes after " + ByteSize.format(out.get(out.size() - 1)));
                return List.of();
            }
            out.add(s);
        }
        return out;
    }

    private Optional<Acs> acs(JsonNodeAt.Obj o) {
        Optional<JsonNodeAt> n = o.get("acs");
        if (n.isEmpty()) return Optional.empty();
        if (n.get() instanceof JsonNodeAt.Scalar s && s.type() == JsonNodeAt.Scalar.Type.STRING) {
            if (s.text().equals("none")) return Optional.of(Acs.ABSENT);
            ctx.error(s, "expected \"none\" (no ACS capability) or an object with \"capability\" and \"control\"");
            return Optional.empty();
        }
        Optional<JsonNodeAt.Obj> obj = ctx.object(o, "acs", false);
        if (obj.isEmpty()) return Optional.empty();
        OptionalInt cap = ctx.hexInt(obj.get(), "capability", false, 0xFFFF);
        OptionalInt ctl = ctx.hexInt(obj.get(), "control", false, 0xFFFF);
        ctx.reportUnknown(obj.get());
        return Optional.of(new Acs(true, cap, ctl));
    }

    private Optional<Sriov> sriov(JsonNodeAt.Obj o) {
        OptionalInt total = ctx.integer(o, "totalVfs", true, 0, 65535);
        OptionalInt num = ctx.integer(o, "numVfs", true, 0, 65535);
        OptionalInt offset = ctx.integer(o, "vfOffset", true, 0, 65535);
        OptionalInt stride = ctx.integer(o, "vfStride", true, 0, 65535);
        OptionalInt dev = ctx.hexInt(o, "vfDevice", false, 0xFFFF);
        ctx.reportUnknown(o);
        if (total.isEmpty() || num.isEmpty() || offset.isEmpty() || stride.isEmpty()) return Optional.empty();
        return Optional.of(new Sriov(total.getAsInt(), num.getAsInt(), offset.getAsInt(), stride.getAsInt(), dev));
    }

    private Link link(JsonNodeAt.Obj o) {
        String expected = "a link state such as \"16GT/s x16\"";
        Optional<LinkState> cap = ctx.parse(o, "capability", false, expected,
                s -> LinkState.parse(s).orElseThrow(() -> new IllegalArgumentException(s)));
        Optional<LinkState> sta = ctx.parse(o, "status", false, expected,
                s -> LinkState.parse(s).orElseThrow(() -> new IllegalArgumentException(s)));
        ctx.reportUnknown(o);
        return new Link(cap, sta);
    }

    private DmaParameters dma(JsonNodeAt.Obj o) {
        OptionalInt mask = ctx.integer(o, "maskBits", false, 1, 64);
        OptionalLong maxSeg = ctx.size(o, "maxSegmentSize", false);
        OptionalLong boundary = ctx.address(o, "segmentBoundaryMask", false);
        OptionalLong align = ctx.address(o, "minAlignMask", false);
        ctx.reportUnknown(o);
        return new DmaParameters(mask, maxSeg, boundary, align);
    }

    private Optional<P2pMemory> p2pMemory(JsonNodeAt.Obj o) {
        OptionalInt bar = ctx.integer(o, "bar", true, 0, 5);
        OptionalLong offset = ctx.size(o, "offset", false);
        OptionalLong size = ctx.size(o, "size", true);
        Optional<Boolean> published = ctx.bool(o, "published", false);
        ctx.reportUnknown(o);
        if (bar.isEmpty() || size.isEmpty()) return Optional.empty();
        try {
            return Optional.of(new P2pMemory(bar.getAsInt(), offset.orElse(0), size.getAsLong(),
                    published.orElse(false)));
        } catch (IllegalArgumentException e) {
            ctx.error(o, e.getMessage());
            return Optional.empty();
        }
    }

    private Provenance provenance(JsonNodeAt.Obj o) {
        Map<String, SourceRef> m = new HashMap<>();
        for (String key : o.keys()) {
            Optional<String> text = ctx.string(o, key, false);
            try {
                text.flatMap(SourceRef::parse).ifPresent(ref -> m.put(key, ref));
            } catch (IllegalArgumentException e) {
                ctx.error(o.get(key).orElseThrow(), e.getMessage());
            }
        }
        return new Provenance(m);
    }
}
