package org.dmascope.model.io.formats;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.dmascope.model.io.source.SourceText;

/**
 * Every format dmascope recognises, in one list: detection, reading, the file choosers' filters, the
 * CLI help and the machine name taken from file names all come from it. Adding a format is one class
 * and one line in {@link #standard()}. Immutable; the application builds it once and hands it on.
 */
public final class ImportFormats {
    /** Extensions cut off a file name before a format's own suffix. */
    private static final List<String> EXTENSIONS = List.of(".txt", ".xml", ".log", ".out");
    /** Columns of the CLI help, and how far its wrapped lines are indented beyond their entry. */
    static final int HELP_WIDTH = 100;
    private static final String HANGING = "    ";

    private final List<ImportFormat> formats;
    private final List<String> nameSuffixes;

    /**
     * @param formats every format, one of which must match anything (a fallback such as
     *                {@link UnknownFormat}); their order breaks ties between equally strong detections
     */
    public ImportFormats(List<ImportFormat> formats) {
        this.formats = List.copyOf(formats);
        List<String> suffixes = new ArrayList<>();
        for (FactsFormat f : factsFormats()) suffixes.addAll(f.nameSuffixes());
        this.nameSuffixes = List.copyOf(suffixes);
    }

    /** The formats dmascope ships. */
    public static ImportFormats standard() {
        return new ImportFormats(List.of(
                new TopologyJsonFormat(),
                new BinaryFormat(), // before EmptyFormat: a binary file has no lines either
                new EmptyFormat(),
                new HwlocXmlFormat(),
                new NcclTopologyXmlFormat(),
                new OtherXmlFormat(),
                // Line signatures: when two of them sign the same line, the one listed first wins.
                new KernelLogFormat(),
                new NvidiaSmiTopoFormat(),
                new IommuGroupsFormat(),
                new LspciTreeFormat(),
                new LspciMachineFormat(), // before the listing: quoted -mm lines are device lines too
                new LspciListingFormat(),
                new UnknownFormat()));
    }

    /** Every format, in the order that breaks detection ties. */
    public List<ImportFormat> all() {
        return formats;
    }

    /**
     * What a file is: the strongest {@link Confidence} any format finds, then the earliest line, then the
     * format listed first.
     *
     * @throws IllegalStateException when no format matches, which the fallback format rules out
     */
    public Detection detect(SourceText text) {
        Detection best = null;
        SourceText head = text.head();
        for (ImportFormat format : formats) {
            Optional<Detection> d = format.detect(head);
            if (d.isPresent() && (best == null || stronger(d.get(), best))) best = d.get();
        }
        if (best == null) throw new IllegalStateException("no format matched " + text.name()
                + "; the registry lacks a fallback");
        return best;
    }

    private static boolean stronger(Detection d, Detection than) {
        int c = d.confidence().compareTo(than.confidence());
        return c != 0 ? c < 0 : d.line() < than.line();
    }

    /** The formats read into facts that merge with a machine's other exports. */
    public List<FactsFormat> factsFormats() {
        return formats.stream().filter(FactsFormat.class::isInstance).map(FactsFormat.class::cast).toList();
    }

    /** The formats a topology can be built from. */
    public List<ReadableFormat> readableFormats() {
        return formats.stream().filter(ReadableFormat.class::isInstance).map(ReadableFormat.class::cast).toList();
    }

    /** Filters for choosing exports to import: all of them together, then one per format. */
    public List<FileFilter> exportFilters() {
        List<FileFilter> each = factsFormats().stream().map(ReadableFormat::filter).toList();
        Set<String> globs = new LinkedHashSet<>();
        each.forEach(f -> globs.addAll(f.globs()));
        List<FileFilter> out = new ArrayList<>();
        out.add(new FileFilter("Exports dmascope reads", List.copyOf(globs)));
        out.addAll(each);
        return out;
    }

    /** Filters for choosing a file that is a whole machine by itself (topology JSON). */
    public List<FileFilter> documentFilters() {
        return formats.stream().filter(DocumentFormat.class::isInstance).map(f -> ((DocumentFormat) f).filter())
                .toList();
    }

    /**
     * What can be read, for the CLI help: one entry per readable format starting with {@code indent},
     * wrapped at {@value #HELP_WIDTH} columns with the continuation indented further.
     */
    public String help(String indent) {
        return readableFormats().stream().map(f -> wrap(indent, f.help())).collect(Collectors.joining("\n"));
    }

    private static String wrap(String indent, String text) {
        StringBuilder out = new StringBuilder(indent);
        int column = indent.length();
        for (String word : text.split(" ")) {
            if (column > indent.length() && column + 1 + word.length() > HELP_WIDTH) {
                out.append('\n').append(indent).append(HANGING);
                column = indent.length() + HANGING.length();
            } else if (column > indent.length()) {
                out.append(' ');
                column++;
            }
            out.append(word);
            column += word.length();
        }
        return out.toString();
    }

    /**
     * The machine a file's name points at: the name without its extension and the format suffix
     * people add ({@code x99-i7-5930k} for {@code x99-i7-5930k.hex.txt}), so a machine's files name it once.
     */
    public String machineName(String file) {
        String n = file;
        for (String ext : EXTENSIONS) n = cut(n, ext);
        for (String suffix : nameSuffixes) n = cut(n, suffix);
        return n;
    }

    private static String cut(String name, String suffix) {
        return name.endsWith(suffix) && name.length() > suffix.length() ? name.substring(0,
                name.length() - suffix.length()) : name;
    }
}
