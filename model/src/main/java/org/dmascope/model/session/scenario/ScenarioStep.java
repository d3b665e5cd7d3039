package org.dmascope.model.session.scenario;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.dmascope.model.mapping.BufferSpec;
import org.dmascope.model.topology.Bdf;

/** One step of a scenario; {@code line} is where it starts in the file. */
public sealed interface ScenarioStep permits ScenarioStep.Narrate, ScenarioStep.Map, ScenarioStep.MapAgain,
        ScenarioStep.Unmap,
        ScenarioStep.Flush, ScenarioStep.Clear, ScenarioStep.SetPlatform, ScenarioStep.SetOptions, ScenarioStep.State,
        ScenarioStep.Show, ScenarioStep.Highlight {

    int line();

    /** Text for the reader, shown as the step runs. */
    record Narrate(int line, String text) implements ScenarioStep {
    }

    /**
     * A driver maps a buffer for a device.
     *
     * @param options map options of this step only, on top of the scenario's current ones
     * @param expect  what the result must be, if anything
     */
    record Map(int line, Bdf initiator, BufferSpec buffer, List<Setting> options,
            Expectation expect) implements ScenarioStep {
        public Map {
            Objects.requireNonNull(initiator);
            Objects.requireNonNull(buffer);
            options = List.copyOf(options);
            Objects.requireNonNull(expect);
        }
    }

    /** The last map step's call once more, while its mapping stays live. */
    record MapAgain(int line, Expectation expect) implements ScenarioStep {
    }

    /**
     * Unmaps live mappings.
     *
     * @param mappingId the mapping's number ({@code #3}); empty: the newest live one
     */
    record Unmap(int line, Optional<Long> mappingId) implements ScenarioStep {
    }

    /**
     * The deferred IOTLB flush of lazy domains.
     *
     * @param domainId empty: every domain
     */
    record Flush(int line, Optional<String> domainId) implements ScenarioStep {
    }

    /** Unmaps everything. */
    record Clear(int line) implements ScenarioStep {
    }

    /**
     * Reboots the machine with platform facts changed (a kernel, a command line…): nothing stays mapped.
     *
     * @param settings name and value pairs, applied in order ({@code PlatformSettings} names)
     */
    record SetPlatform(int line, List<Setting> settings) implements ScenarioStep {
        public SetPlatform {
            settings = List.copyOf(settings);
        }
    }

    /** Changes the map options of the later map steps ({@code MapOptionSettings} names). */
    record SetOptions(int line, List<Setting> settings) implements ScenarioStep {
        public SetOptions {
            settings = List.copyOf(settings);
        }
    }

    /** Shows the kernel's state: domains, IOVA allocations, flush queues, range caches, swiotlb. */
    record State(int line) implements ScenarioStep {
    }

    /** A view the window brings forward (a lesson's "now look at the page walk"); the kernel does nothing. */
    record Show(int line, View view) implements ScenarioStep {
        /** The views a step can show, by their names in the file. */
        public enum View {
            STEPS("steps"), SCATTER_LIST("scatter-list"), PAGE_WALK("page-walk"), MATRIX("matrix"),
            DESIGNS("designs");

            private final String fileName;

            View(String fileName) {
                this.fileName = fileName;
            }

            public String fileName() {
                return fileName;
            }

            public static Optional<View> byFileName(String name) {
                for (View v : values()) if (v.fileName.equals(name)) return Optional.of(v);
                return Optional.empty();
            }
        }

        public Show {
            Objects.requireNonNull(view);
        }
    }

    /** Devices the window marks on the canvas until the next step; the machine must have them. */
    record Highlight(int line, List<Bdf> devices) implements ScenarioStep {
        public Highlight {
            devices = List.copyOf(devices);
        }
    }

    /** A name and its value as written. */
    record Setting(String name, String value) {
    }
}
