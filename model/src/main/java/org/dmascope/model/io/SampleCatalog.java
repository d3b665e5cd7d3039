package org.dmascope.model.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.dmascope.model.topology.Topology;

/**
 * The sample machines shipped in the jar under {@code sample-topologies/}, in the order of
 * {@code sample-topologies/index.txt}; the first one is the default the app opens on.
 */
public final class SampleCatalog {
    private static final String DIR = "sample-topologies/";

    /** A sample: its file name and the topology read from it. */
    public record Sample(String fileName, Topology topology) {
        public String title() {
            return topology.name();
        }
    }

    private final List<Sample> samples;

    private SampleCatalog(List<Sample> samples) {
        this.samples = List.copyOf(samples);
    }

    /**
     * Loads every sample. A broken sample is a build defect, so it fails loudly here (tests load all of them).
     */
    public static SampleCatalog load() {
        List<Sample> list = new ArrayList<>();
        for (String file : index()) {
            try (InputStream in = open(file)) {
                LoadResult r = TopologyFiles.load(in, file);
                if (!r.ok()) throw new IllegalStateException("sample " + file + " does not load:\n" + r.report()
                        .toText());
                list.add(new Sample(file, r.topology().get()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read sample " + file, e);
            }
        }
        return new SampleCatalog(list);
    }

    /** The file names listed in the index, in menu order. */
    public static List<String> index() {
        try (InputStream in = open("index.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return r.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sample index", e);
        }
    }

    private static InputStream open(String file) throws IOException {
        InputStream in = SampleCatalog.class.getClassLoader().getResourceAsStream(DIR + file);
        if (in == null) throw new IOException("missing resource " + DIR + file);
        return in;
    }

    public List<Sample> samples() {
        return samples;
    }

    /** The machine the app opens on. */
    public Sample defaultSample() {
        return samples.get(0);
    }

    /** Reads just the default sample, for a fast start. */
    public static Topology loadDefault() {
        String file = index().get(0);
        try (InputStream in = open(file)) {
            LoadResult r = TopologyFiles.load(in, file);
            if (!r.ok()) throw new IllegalStateException("default sample " + file + " does not load:\n" + r.report()
                    .toText());
            return r.topology().get();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sample " + file, e);
        }
    }
}
