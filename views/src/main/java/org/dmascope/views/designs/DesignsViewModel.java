package org.dmascope.views.designs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;

import org.dmascope.model.designs.BounceRoute;
import org.dmascope.model.designs.BounceThroughHost;
import org.dmascope.model.designs.Design;
import org.dmascope.model.designs.DesignInput;
import org.dmascope.model.designs.DesignLab;
import org.dmascope.model.designs.DesignReport;
import org.dmascope.model.designs.Figure;
import org.dmascope.model.designs.Question;
import org.dmascope.model.mapping.Mapping;

/**
 * What the Designs tab shows, taken whole from the model's design lab ({@link DesignLab}) for the current
 * mapping: per question the designs side by side, their figures as rows. No figure is computed here; the
 * view only lays them out. The report is computed only while the tab is shown ({@link #activeProperty()}),
 * so a mapping made while another tab is in front costs nothing.
 */
public final class DesignsViewModel {
    /** One row of a question's comparison: a figure's label and its value for each design (blank if none). */
    public record FigureRow(String key, String label, List<String> values) {
    }

    /** One question: its designs (columns) and the figures (rows). */
    public record Section(Question question, List<Design> designs, List<FigureRow> rows) {
    }

    private final ObservableValue<Mapping> mapping;
    private final DesignLab lab;
    private final BooleanProperty active = new SimpleBooleanProperty(this, "active", false);
    private final ReadOnlyObjectWrapper<DesignReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ObjectProperty<Design> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyObjectWrapper<BounceRoute> bounce = new ReadOnlyObjectWrapper<>(this, "bounce");
    private final ChangeListener<Mapping> onMapping = (o, a, m) -> refresh();

    public DesignsViewModel(ObservableValue<Mapping> mapping) {
        this(mapping, new DesignLab());
    }

    DesignsViewModel(ObservableValue<Mapping> mapping, DesignLab lab) {
        this.mapping = mapping;
        this.lab = lab;
        mapping.addListener(onMapping);
        active.addListener((o, a, on) -> {
            refresh();
            updateRoute();
        });
        selected.addListener((o, a, d) -> updateRoute());
        report.addListener((o, a, r) -> updateRoute());
    }

    /**
     * The route the selected design changes while the tab is shown: the bounce through host memory of an
     * unreachable BAR ({@link BounceRoute}, computed by the model), which the app draws on the canvas in place
     * of the kernel's route; null for every other design.
     */
    public ReadOnlyObjectProperty<BounceRoute> bounceRouteProperty() {
        return bounce.getReadOnlyProperty();
    }

    private void updateRoute() {
        Design d = selected.get();
        DesignReport r = report.get();
        boolean shown = active.get() && r != null && d != null && BounceThroughHost.KEY.equals(d.key());
        bounce.set(shown ? BounceRoute.of(r.input()).orElse(null) : null);
    }

    /** Whether the tab is shown; the report follows the mapping only then. */
    public BooleanProperty activeProperty() {
        return active;
    }

    /** The designs for the current mapping; null when there is none (or the buffer could not be pinned). */
    public ReadOnlyObjectProperty<DesignReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** The design whose entries are listed. */
    public ObjectProperty<Design> selectedProperty() {
        return selected;
    }

    /** Shows the designs of a report computed elsewhere (a buffer of several parts, tests). */
    public void show(DesignReport r) {
        String key = selected.get() == null ? null : selected.get().key();
        report.set(r);
        selected.set(r == null ? null : r.design(key).orElse(r.designs().get(0)));
    }

    private void refresh() {
        if (!active.get()) return;
        Mapping m = mapping.getValue();
        DesignReport current = report.get();
        if (m == null || m.pinned() == null) {
            show(null);
        } else if (current == null || current.input().parts().size() != 1 || current.input().parts().get(0) != m) {
            show(lab.evaluate(DesignInput.of(m)));
        }
    }

    /** The sections of the current report in question order; empty without one. */
    public List<Section> sections() {
        DesignReport r = report.get();
        if (r == null) return List.of();
        List<Section> out = new ArrayList<>();
        for (Question q : Question.values()) {
            List<Design> ds = r.of(q);
            Map<String, String> labels = new LinkedHashMap<>();
            for (Design d : ds) for (Figure f : d.figures()) labels.putIfAbsent(f.key(), f.label());
            List<FigureRow> rows = new ArrayList<>();
            for (Map.Entry<String, String> l : labels.entrySet()) {
                rows.add(new FigureRow(l.getKey(), l.getValue(), ds.stream()
                        .map(d -> d.figure(l.getKey()).map(DesignsViewModel::text).orElse("")).toList()));
            }
            out.add(new Section(q, ds, rows));
        }
        return out;
    }

    /** A design's figure as the tab holds it: the model's value (number, yes/no or words). */
    public Optional<Object> figure(String designKey, String figureKey) {
        DesignReport r = report.get();
        if (r == null) return Optional.empty();
        return r.design(designKey).flatMap(d -> d.figure(figureKey)).map(Figure::value);
    }

    /** The kernel's own answer, one line, from the engine's mapping. */
    public String kernelLine() {
        DesignReport r = report.get();
        if (r == null) return "";
        DesignInput in = r.input();
        return "Kernel: " + String.join(", ", in.kernelVerdicts()) + " · map type "
                + String.join(", ", in.mapTypes().stream().map(Enum::name).toList()) + " · scatterlist "
                + in.kernelSgEntries() + " entries + " + in.kernelSgChains() + " chain · " + in.dmaSegments()
                + " DMA segments · " + in.ranges() + " physical ranges of " + in.pages() + " pages";
    }

    /** How a figure reads in the table: numbers as the model gives them, yes/no for booleans. */
    static String text(Figure f) {
        if (f.value() instanceof Boolean b) return b ? "yes" : "no";
        return f.value().toString();
    }

    public void dispose() {
        mapping.removeListener(onMapping);
    }
}
