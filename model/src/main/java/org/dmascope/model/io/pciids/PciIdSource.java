package org.dmascope.model.io.pciids;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A pci.ids file to resolve names and IDs with: where it is, what its header says (read at once, a few
 * lines), and the database, read on first use and then kept. Which file an application uses is its
 * wiring's choice ({@link #newest}); dmascope ships one ({@link #shipped()}).
 */
public final class PciIdSource {
    /** The copy inside dmascope, next to this class. */
    static final String SHIPPED_RESOURCE = "pci.ids.gz";

    /** How a file is opened, each time it is read. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    private final String where;
    private final boolean isShipped;
    private final PciIdHeader header;
    private final Opener opener;
    private final Object lock = new Object();
    private volatile PciIdDatabase database;
    private volatile String problem;

    private PciIdSource(String where, boolean isShipped, PciIdHeader header, Opener opener) {
        this.where = where;
        this.isShipped = isShipped;
        this.header = header;
        this.opener = opener;
    }

    /**
     * The pci.ids dmascope ships (Debian's {@code pci.ids} package, gzip-compressed). Its database is read
     * once per class loader and shared: it is immutable data, and every import that has no other copy
     * injected (tests, benchmarks, scenarios) would otherwise read it again.
     */
    public static PciIdSource shipped() {
        return Shipped.SOURCE;
    }

    /** Holds the shipped copy; initialised on first use, so nothing is read before an import asks. */
    private static final class Shipped {
        static final PciIdSource SOURCE = shippedSource();
    }

    private static PciIdSource shippedSource() {
        Opener opener = () -> {
            InputStream in = PciIdSource.class.getResourceAsStream(SHIPPED_RESOURCE);
            if (in == null) throw new IOException("the pci.ids shipped with dmascope is missing from its jar");
            return in;
        };
        return new PciIdSource("shipped with dmascope", true, header(opener).orElse(PciIdHeader.UNKNOWN), opener);
    }

    /**
     * A pci.ids file on disk (plain or gzip-compressed), its header read now. Empty when the file does
     * not exist, cannot be read, or has no header of a pci.ids file.
     */
    public static Optional<PciIdSource> file(Path path) {
        if (!Files.isRegularFile(path)) return Optional.empty();
        Opener opener = () -> Files.newInputStream(path);
        return header(opener).filter(h -> !h.version().isEmpty() || h.date().isPresent())
                .map(h -> new PciIdSource(path.toString(), false, h, opener));
    }

    /** A source from any stream (tests, a file the user names); {@code where} says what it is. */
    public static PciIdSource of(String where, Opener opener) {
        return new PciIdSource(where, false, header(opener).orElse(PciIdHeader.UNKNOWN), opener);
    }

    /**
     * Of the shipped copy and the system's copies that exist, the one with the latest date; the shipped
     * copy when dates tie (it is the one the tests saw) or a system copy has none.
     *
     * @param systemCopies paths to look at, e.g. {@code /usr/share/misc/pci.ids}, {@code /usr/share/hwdata/pci.ids}
     */
    public static PciIdSource newest(PciIdSource shipped, List<Path> systemCopies) {
        List<PciIdSource> all = new ArrayList<>();
        all.add(shipped);
        for (Path p : systemCopies) file(p).ifPresent(all::add);
        PciIdSource best = shipped;
        for (PciIdSource s : all) {
            if (s.header.date().isPresent() && PciIdHeader.BY_DATE.compare(s.header, best.header) > 0) best = s;
        }
        return best;
    }

    private static Optional<PciIdHeader> header(Opener opener) {
        try (InputStream in = opener.open()) {
            return Optional.of(PciIdDatabase.readHeader(in));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** Version and date, from the header. */
    public PciIdHeader header() {
        return header;
    }

    /** "shipped with dmascope" or the file's path. */
    public String where() {
        return where;
    }

    public boolean isShipped() {
        return isShipped;
    }

    /**
     * How provenance names it: {@code pci.ids (2023-04-10)} for the shipped copy, the path and date for
     * another ({@code /usr/share/hwdata/pci.ids (2025-02-01)}).
     */
    public String provenanceName() {
        return (isShipped ? "pci.ids" : where) + " (" + header.dateText() + ")";
    }

    /** For About boxes: {@code pci.ids 2023.04.10 (2023-04-10), shipped with dmascope}. */
    public String description() {
        String version = header.version().isEmpty() ? "" : " " + header.version();
        String date = header.date().map(d -> " (" + d + ")").orElse("");
        return "pci.ids" + version + date + ", " + where;
    }

    /**
     * The database, read on the first call. A file that cannot be read gives the empty database and a
     * {@link #problem()}; it is not retried.
     */
    public PciIdDatabase database() {
        PciIdDatabase db = database;
        if (db != null) return db;
        synchronized (lock) {
            if (database == null) {
                try (InputStream in = opener.open()) {
                    database = PciIdDatabase.read(in);
                } catch (IOException | UncheckedIOException e) {
                    problem = where + " could not be read: " + e.getMessage();
                    database = PciIdDatabase.EMPTY;
                }
            }
            return database;
        }
    }

    /** Why the database is empty, when reading it failed. */
    public Optional<String> problem() {
        database();
        return Optional.ofNullable(problem);
    }

    @Override
    public String toString() {
        return description();
    }
}
