package org.dmascope.model.session.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.session.MapOptions;

/**
 * A scenario file: a machine, the platform facts and map options to start with, then steps run one
 * after another on one kernel session (docs/scenario-format.md). The same file drives a lesson in the
 * window and {@code dmascope run}, where it is also a test: each step may expect a result.
 *
 * @param file     where it was read from, for messages and for resolving the machine's files
 * @param platform the platform facts the machine boots with
 * @param options  the map options of every map step that does not set its own
 */
public record Scenario(String file, int version, String title, Optional<String> description, Machine machine,
                       PlatformOverrides platform, MapOptions options, List<ScenarioStep> steps) {
    /** The newest format version this build reads. */
    public static final int VERSION = 1;

    public Scenario {
        Objects.requireNonNull(file);
        Objects.requireNonNull(title);
        Objects.requireNonNull(description);
        Objects.requireNonNull(machine);
        Objects.requireNonNull(platform);
        Objects.requireNonNull(options);
        steps = List.copyOf(steps);
    }

    /** Which machine the scenario runs on. */
    public sealed interface Machine permits Sample, Files {
    }

    /** A shipped sample, by its file name ({@code switch-p2p-server.json}). */
    public record Sample(String name) implements Machine {
    }

    /** Exports or a topology JSON file, resolved against the scenario file's folder. */
    public record Files(List<Path> paths) implements Machine {
        public Files {
            paths = List.copyOf(paths);
        }
    }
}
