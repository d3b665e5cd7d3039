package org.dmascope.app.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parsed arguments of one subcommand: positional operands and {@code --name value} / {@code --name=value}
 * options. Each command declares which options take a value and which are flags, so a typo is an error
 * rather than silently ignored.
 */
public final class CliArgs {
    private final List<String> operands = new ArrayList<>();
    private final Map<String, List<String>> options = new LinkedHashMap<>();
    private final Set<String> flags = new HashSet<>();

    private CliArgs() {
    }

    /**
     * @param valued options that take a value ({@code "-o"}, {@code "--format"})
     * @param flagNames options without a value ({@code "--derive"})
     */
    public static CliArgs parse(List<String> args, Set<String> valued, Set<String> flagNames) throws UsageException {
        CliArgs a = new CliArgs();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                a.operands.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (arg.startsWith("-") && arg.length() > 1) {
                String name = arg;
                String value = null;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    name = arg.substring(0, eq);
                    value = arg.substring(eq + 1);
                }
                if (valued.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= args.size()) throw new UsageException("option " + name + " needs a value");
                        value = args.get(++i);
                    }
                    a.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                } else if (flagNames.contains(name) && value == null) {
                    a.flags.add(name);
                } else {
                    throw new UsageException("unknown option " + arg);
                }
            } else {
                a.operands.add(arg);
            }
        }
        return a;
    }

    public List<String> operands() {
        return List.copyOf(operands);
    }

    /** The value of a single-valued option; an error if it was given twice. */
    public Optional<String> option(String name) throws UsageException {
        List<String> v = options.get(name);
        if (v == null) return Optional.empty();
        if (v.size() > 1) throw new UsageException("option " + name + " was given more than once");
        return Optional.of(v.get(0));
    }

    public List<String> optionValues(String name) {
        return List.copyOf(options.getOrDefault(name, List.of()));
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    /** {@code --format text|json}, text by default. */
    public OutputFormat format() throws UsageException {
        Optional<String> f = option("--format");
        if (f.isEmpty()) return OutputFormat.TEXT;
        return switch (f.get()) {
            case "text" -> OutputFormat.TEXT;
            case "json" -> OutputFormat.JSON;
            default -> throw new UsageException("--format must be text or json, not " + f.get());
        };
    }

    public enum OutputFormat { TEXT, JSON }
}
