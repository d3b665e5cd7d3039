package org.dmascope.model.io.scenario;

import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

import org.dmascope.model.io.json.JsonNodeAt;
import org.dmascope.model.io.json.JsonReadContext;
import org.dmascope.model.io.json.LocatedJsonParser;
import org.dmascope.model.io.source.BoundedFiles;
import org.dmascope.model.io.source.Utf8;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.platform.PlatformSettings;
import org.dmascope.model.mapping.BufferSpec;
import org.dmascope.model.mapping.BufferSpecParser;
import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.report.Report;
import org.dmascope.model.session.MapOptionSettings;
import org.dmascope.model.session.MapOptions;
import org.dmascope.model.session.scenario.Expectation;
import org.dmascope.model.session.scenario.Scenario;
import org.dmascope.model.session.scenario.ScenarioStep;
import org.dmascope.model.topology.Bdf;

/**
 * Reads a scenario file (docs/scenario-format.md): every problem is reported with the file, line,
 * column and JSON path, and reading goes on so one pass finds them all. A value is checked when it is
 * read (a setting's name and value, a buffer spec, a device address), so a scenario that reads
 * without errors runs without surprises of that kind.
 */
public final class ScenarioReader {
    /** The format's name in the file's {@code "format"} field. */
    public static final String FORMAT = "dmascope-scenario";
    /** Scenario files are short; anything larger is a mistake. */
    public static final long MAX_BYTES = 1 << 20;

    /** The step kinds, each a member name of a step object. */
    private static final List<String> KINDS = List.of("narration", "map", "mapAgain", "unmap", "flush", "clear",
            "platform", "options", "state", "show", "highlight");

    /** What reading gave: the scenario unless the report has errors. */
    public record Result(Optional<Scenario> scenario, Report report) {
    }

    private final JsonReadContext ctx;
    private final Path folder;
    /** Where each setting was written, to place the error of a value its reader refuses. */
    private final Map<ScenarioStep.Setting, JsonNodeAt> at = new IdentityHashMap<>();

    private ScenarioReader(String file, Path folder) {
        this.ctx = new JsonReadContext(file);
        this.folder = folder;
    }

    /** Reads a scenario file; never throws for bad content, a missing file or one that is not text. */
    public static Result read(Path path) {
        String name = path.toString();
        try {
            byte[] bytes = BoundedFiles.read(path, MAX_BYTES, "scenario files");
            Path folder = path.toAbsolutePath().getParent();
            return read(Utf8.decode(bytes), name, folder == null ? Path.of(".") : folder);
        } catch (BoundedFiles.Refused e) {
            return failed(name, e.getMessage());
        } catch (CharacterCodingException e) {
            return failed(name, "the file is not UTF-8 text (is it a binary file?)");
        }
    }

    /**
     * Reads a scenario from text.
     *
     * @param folder where the machine's files are looked for
     */
    public static Result read(String text, String file, Path folder) {
        ScenarioReader r = new ScenarioReader(file, folder);
        JsonNodeAt root;
        try {
            root = LocatedJsonParser.parse(text);
        } catch (LocatedJsonParser.SyntaxError e) {
            return new Result(Optional.empty(), new Report(List.of(Diagnostic.error(e.getMessage()).at(file, e.line(),
                    e.column()))));
        }
        Optional<Scenario> s = r.ctx.asObject(root).flatMap(o -> r.scenario(o, file));
        Report report = new Report(r.ctx.diagnostics());
        return new Result(r.ctx.hasErrors() ? Optional.empty() : s, report);
    }

    private Optional<Scenario> scenario(JsonNodeAt.Obj o, String file) {
        Optional<String> format = ctx.string(o, "format", true);
        if (format.isPresent() && !format.get().equals(FORMAT)) {
            ctx.error(o.get("format").get(), "this is not a scenario: \"format\" must be \"" + FORMAT + "\"");
            return Optional.empty();
        }
        OptionalInt version = ctx.integer(o, "version", true, 1, Integer.MAX_VALUE);
        if (version.isPresent() && version.getAsInt() > Scenario.VERSION) {
            ctx.error(o.get("version").get(), "version " + version.getAsInt()
                    + " is newer than this dmascope reads (up to "
                    + Scenario.VERSION + "); a newer dmascope runs it");
        }
        Optional<String> title = ctx.string(o, "title", true);
        Optional<String> description = ctx.string(o, "description", false);
        Optional<Scenario.Machine> machine = ctx.object(o, "machine", true).flatMap(this::machine);
        PlatformOverrides platform = PlatformOverrides.NONE;
        Optional<JsonNodeAt.Obj> p = ctx.object(o, "platform", false);
        if (p.isPresent()) platform = apply(PlatformOverrides.NONE, platformSettings(p.get()), PlatformSettings::set);
        MapOptions options = MapOptions.DEFAULTS;
        Optional<JsonNodeAt.Obj> m = ctx.object(o, "options", false);
        if (m.isPresent()) options = apply(MapOptions.DEFAULTS, optionSettings(m.get(), Set.of()),
                MapOptionSettings::set);
        List<ScenarioStep> steps = new ArrayList<>();
        List<JsonNodeAt> items = ctx.array(o, "steps", true);
        if (items.isEmpty() && o.get("steps").isPresent()) ctx.error(o.get("steps").get(),
                "a scenario needs at least one step");
        for (JsonNodeAt item : items) ctx.asObject(item).flatMap(this::step).ifPresent(steps::add);
        ctx.reportUnknown(o);
        if (ctx.hasErrors() || title.isEmpty() || machine.isEmpty() || version.isEmpty()) return Optional.empty();
        return Optional.of(new Scenario(file, version.getAsInt(), title.get(), description, machine.get(), platform,
                options, steps));
    }

    private Optional<Scenario.Machine> machine(JsonNodeAt.Obj o) {
        boolean sample = o.has("sample");
        boolean files = o.has("files");
        if (sample == files) {
            ctx.error(o, "a machine is either {\"sample\": \"NAME.json\"} or {\"files\": [\"PATH\", ...]}");
            return Optional.empty();
        }
        if (sample) return ctx.string(o, "sample", true).map(Scenario.Sample::new);
        List<Path> paths = new ArrayList<>();
        for (JsonNodeAt n : ctx.array(o, "files", true)) {
            if (n instanceof JsonNodeAt.Scalar s && s.type() == JsonNodeAt.Scalar.Type.STRING && !s.text().isBlank()) {
                paths.add(folder.resolve(s.text()).normalize());
            } else {
                ctx.error(n, "expected a file path, found " + n.kindWord());
            }
        }
        if (paths.isEmpty()) {
            ctx.error(o, "\"files\" names no file");
            return Optional.empty();
        }
        ctx.reportUnknown(o);
        return Optional.of(new Scenario.Files(paths));
    }

    private Optional<ScenarioStep> step(JsonNodeAt.Obj o) {
        List<String> kinds = KINDS.stream().filter(o::has).toList();
        if (kinds.size() != 1) {
            ctx.error(o, kinds.isEmpty() ? "a step needs one of: " + String.join(", ", KINDS)
                    : "a step does one thing; this one has " + String.join(" and ", kinds));
            return Optional.empty();
        }
        int line = o.line();
        String kind = kinds.get(0);
        Optional<ScenarioStep> step = switch (kind) {
            case "narration" -> ctx.string(o, "narration", true).map(t -> new ScenarioStep.Narrate(line, t));
            case "map" -> ctx.object(o, "map", true).flatMap(m -> map(m, expect(o)));
            case "mapAgain" -> yes(o, "mapAgain").map(x -> new ScenarioStep.MapAgain(line, expect(o)));
            case "unmap" -> unmap(o);
            case "flush" -> ctx.string(o, "flush", true)
                    .map(d -> new ScenarioStep.Flush(line, d.equals("all") ? Optional.empty() : Optional.of(d)));
            case "clear" -> yes(o, "clear").map(x -> new ScenarioStep.Clear(line));
            case "platform" -> ctx.object(o, "platform", true).map(p -> {
                List<ScenarioStep.Setting> s = platformSettings(p);
                apply(PlatformOverrides.NONE, s, PlatformSettings::set);
                return new ScenarioStep.SetPlatform(line, s);
            });
            case "options" -> ctx.object(o, "options", true).map(p -> {
                List<ScenarioStep.Setting> s = optionSettings(p, Set.of());
                apply(MapOptions.DEFAULTS, s, MapOptionSettings::set);
                return new ScenarioStep.SetOptions(line, s);
            });
            case "show" -> show(o);
            case "highlight" -> highlight(o);
            default -> yes(o, "state").map(x -> new ScenarioStep.State(line));
        };
        if (!kind.equals("map") && !kind.equals("mapAgain") && o.has("expect")) {
            ctx.error(o.get("expect").get(), "only map and mapAgain steps have expectations");
        }
        ctx.reportUnknown(o);
        return step;
    }

    private Optional<ScenarioStep> show(JsonNodeAt.Obj o) {
        String names = String.join(", ", Arrays.stream(ScenarioStep.Show.View.values())
                .map(ScenarioStep.Show.View::fileName).toList());
        return ctx.parse(o, "show", true, "one of " + names, v -> ScenarioStep.Show.View.byFileName(v)
                .orElseThrow(() -> new IllegalArgumentException(v))).map(v -> new ScenarioStep.Show(o.line(), v));
    }

    private Optional<ScenarioStep> highlight(JsonNodeAt.Obj o) {
        List<Bdf> devices = new ArrayList<>();
        List<JsonNodeAt> items = ctx.array(o, "highlight", true);
        for (JsonNodeAt n : items) {
            if (n instanceof JsonNodeAt.Scalar s && s.type() == JsonNodeAt.Scalar.Type.STRING) {
                try {
                    devices.add(Bdf.parse(s.text()));
                } catch (IllegalArgumentException e) {
                    ctx.error(n, "expected a device address such as \"0000:03:00.0\", found \"" + s.text() + "\"");
                }
            } else {
                ctx.error(n, "expected a device address, found " + n.kindWord());
            }
        }
        if (items.isEmpty()) ctx.error(o.get("highlight").orElse(o), "\"highlight\" names no device");
        return devices.size() == items.size() && !items.isEmpty()
                ? Optional.of(new ScenarioStep.Highlight(o.line(), devices)) : Optional.empty();
    }

    private Optional<ScenarioStep> map(JsonNodeAt.Obj m, Expectation expect) {
        Optional<Bdf> initiator = ctx.parse(m, "initiator", true, "a device address such as \"0000:03:00.0\"",
                Bdf::parse);
        Optional<BufferSpec> buffer = parseWithReason(m, "buffer", BufferSpecParser::parse);
        List<ScenarioStep.Setting> options = optionSettings(m, Set.of("initiator", "buffer"));
        apply(MapOptions.DEFAULTS, options, MapOptionSettings::set);
        if (initiator.isEmpty() || buffer.isEmpty()) return Optional.empty();
        return Optional.of(new ScenarioStep.Map(m.line(), initiator.get(), buffer.get(), options, expect));
    }

    private Optional<ScenarioStep> unmap(JsonNodeAt.Obj o) {
        JsonNodeAt n = o.get("unmap").orElseThrow();
        if (n instanceof JsonNodeAt.Scalar s && s.type() == JsonNodeAt.Scalar.Type.STRING && s.text().equals("last")) {
            return Optional.of(new ScenarioStep.Unmap(o.line(), Optional.empty()));
        }
        if (!(n instanceof JsonNodeAt.Scalar s && s.type() == JsonNodeAt.Scalar.Type.NUMBER)) {
            ctx.error(n, "expected a mapping's number (1, 2, …) or \"last\", found " + n.kindWord());
            return Optional.empty();
        }
        OptionalInt id = ctx.integer(o, "unmap", true, 1, Integer.MAX_VALUE);
        return id.isEmpty() ? Optional.empty() : Optional.of(new ScenarioStep.Unmap(o.line(),
                Optional.of((long) id.getAsInt())));
    }

    private Expectation expect(JsonNodeAt.Obj step) {
        Optional<JsonNodeAt.Obj> e = ctx.object(step, "expect", false);
        if (e.isEmpty()) return Expectation.NONE;
        JsonNodeAt.Obj o = e.get();
        Optional<P2pMapType> mapType = ctx.choice(o, "mapType", false,
                "NONE, BUS_ADDR, THRU_HOST_BRIDGE, NOT_SUPPORTED", t -> {
            try {
                return Optional.of(P2pMapType.valueOf(t.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException x) {
                return Optional.empty();
            }
        });
        Optional<String> result = ctx.string(o, "result", false);
        OptionalInt segments = ctx.integer(o, "segments", false, 0, Integer.MAX_VALUE);
        OptionalLong dma = ctx.address(o, "dmaAddress", false);
        OptionalInt live = ctx.integer(o, "live", false, 0, Integer.MAX_VALUE);
        Optional<String> problem = ctx.string(o, "problem", false);
        ctx.reportUnknown(o);
        return new Expectation(mapType, result, segments, dma, live, problem);
    }

    /** A {@code true} that says the step is there; anything else is refused. */
    private Optional<Boolean> yes(JsonNodeAt.Obj o, String key) {
        Optional<Boolean> b = ctx.bool(o, key, true);
        if (b.isPresent() && !b.get()) {
            ctx.error(o.get(key).get(), "write \"" + key + "\": true, or leave the step out");
            return Optional.empty();
        }
        return b;
    }

    /** Platform settings by their names, with string, number or boolean values as written. */
    private List<ScenarioStep.Setting> platformSettings(JsonNodeAt.Obj o) {
        List<ScenarioStep.Setting> out = new ArrayList<>();
        for (String name : o.keys()) {
            JsonNodeAt n = o.get(name).orElseThrow();
            if (!PlatformSettings.NAMES.contains(name)) {
                unknownSetting(o, name, PlatformSettings.NAMES);
            } else if (n instanceof JsonNodeAt.Scalar s && s.type() != JsonNodeAt.Scalar.Type.NULL) {
                ScenarioStep.Setting x = new ScenarioStep.Setting(name, s.type() == JsonNodeAt.Scalar.Type.BOOLEAN
                        ? (Boolean.parseBoolean(s.text()) ? "yes" : "no") : s.text());
                out.add(x);
                at.put(x, n);
            } else {
                ctx.error(n, "expected a value, found " + n.kindWord());
            }
        }
        return out;
    }

    private void unknownSetting(JsonNodeAt.Obj o, String key, List<String> names) {
        // Unknown names are errors here, not warnings: a misspelt option would silently run another scenario.
        List<String> spelled = names.stream().map(ScenarioReader::camel).toList();
        ctx.error(o.get(key).get(), "\"" + key + "\" is not one of: " + String.join(", ", spelled));
    }

    private List<ScenarioStep.Setting> optionSettings(JsonNodeAt.Obj o, Set<String> alsoAllowed) {
        List<ScenarioStep.Setting> out = new ArrayList<>();
        for (String key : o.keys()) {
            if (alsoAllowed.contains(key)) continue;
            String name = dashed(key);
            JsonNodeAt n = o.get(key).orElseThrow();
            if (!MapOptionSettings.NAMES.contains(name)) {
                unknownSetting(o, key, MapOptionSettings.NAMES);
            } else if (n instanceof JsonNodeAt.Scalar s && s.type() != JsonNodeAt.Scalar.Type.NULL
                    && s.type() != JsonNodeAt.Scalar.Type.BOOLEAN) {
                ScenarioStep.Setting x = new ScenarioStep.Setting(name, s.text());
                out.add(x);
                at.put(x, n);
            } else {
                ctx.error(n, "expected a value, found " + n.kindWord());
            }
        }
        return out;
    }

    /** Applies settings in order to check each value; a refused one is an error at its place. */
    private <T> T apply(T start, List<ScenarioStep.Setting> settings, Setter<T> setter) {
        T out = start;
        for (ScenarioStep.Setting s : settings) {
            try {
                out = setter.set(out, s.name(), s.value());
            } catch (IllegalArgumentException e) {
                ctx.error(at.get(s), e.getMessage());
            }
        }
        return out;
    }

    @FunctionalInterface
    private interface Setter<T> {
        T set(T current, String name, String value);
    }

    /** A string parsed by a parser whose refusal says why; the reason goes into the error. */
    private <T> Optional<T> parseWithReason(JsonNodeAt.Obj o, String key, Function<String, T> parser) {
        Optional<String> s = ctx.string(o, key, true);
        if (s.isEmpty()) return Optional.empty();
        try {
            return Optional.of(parser.apply(s.get()));
        } catch (IllegalArgumentException e) {
            ctx.error(o.get(key).get(), e.getMessage());
            return Optional.empty();
        }
    }

    /** {@code dmaMask} → {@code dma-mask}. */
    static String dashed(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** {@code dma-mask} → {@code dmaMask}. */
    static String camel(String dashed) {
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char c : dashed.toCharArray()) {
            if (c == '-') {
                up = true;
            } else {
                sb.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return sb.toString();
    }

    private static Result failed(String file, String message) {
        return new Result(Optional.empty(), new Report(List.of(Diagnostic.error(message).at(file, 0, 0))));
    }
}
