package org.dmascope.views.inspector;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.mapping.IommuMode;
import org.dmascope.model.topology.DeviceKind;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.NumaNode;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.common.AppIcon;
import org.dmascope.views.rules.RulesModel;
import org.dmascope.views.topology.DeviceText;
import org.dmascope.views.topology.TopologyViewModel;

/** The inspector's content for the current selection (or the machine when nothing is selected). */
public final class InspectorViewModel {
    private final TopologyViewModel topology;
    private final RulesModel rules;
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper subtitle = new ReadOnlyStringWrapper(this, "subtitle", "");
    private final ReadOnlyObjectWrapper<AppIcon> icon = new ReadOnlyObjectWrapper<>(this, "icon", AppIcon.HOST_BRIDGE);
    private final ReadOnlyListWrapper<InspectorRow> rows =
            new ReadOnlyListWrapper<>(this, "rows", FXCollections.observableArrayList());
    private final InvalidationListener refresh = o -> refresh();
    private final Executor background;
    private final Executor ui;
    /** Counts refreshes, so a doctor answer that arrives after the selection moved on is dropped. */
    private long generation;
    private ObservableValue<Optional<IommuMode>> chosenIommu;

    public InspectorViewModel(TopologyViewModel topology) {
        this(topology, null);
    }

    /** @param rules the kernel's decisions, for a device's IOMMU group; null shows the topology's fields only */
    public InspectorViewModel(TopologyViewModel topology, RulesModel rules) {
        this(topology, rules, Runnable::run, Runnable::run);
    }

    /**
     * @param background where the grouping doctor runs (it runs the rules again per change)
     * @param ui         where its rows are added
     */
    public InspectorViewModel(TopologyViewModel topology, RulesModel rules, Executor background, Executor ui) {
        this.topology = topology;
        this.rules = rules;
        this.background = background;
        this.ui = ui;
        topology.topologyProperty().addListener(refresh);
        topology.selectionProperty().addListener(refresh);
        topology.sourceNameProperty().addListener(refresh);
        if (rules != null) rules.rulesProperty().addListener(refresh);
        refresh();
    }

    /**
     * Follows the IOMMU mode the user chose for mappings (the options bar), so a device's IOMMU rows say
     * when drops onto it do not get what the kernel gives it.
     */
    public void followChosenIommuMode(ObservableValue<Optional<IommuMode>> chosen) {
        if (chosenIommu != null) chosenIommu.removeListener(refresh);
        chosenIommu = chosen;
        chosen.addListener(refresh);
        refresh();
    }

    /** Stops following the topology view model. */
    public void dispose() {
        if (chosenIommu != null) chosenIommu.removeListener(refresh);
        topology.topologyProperty().removeListener(refresh);
        topology.selectionProperty().removeListener(refresh);
        topology.sourceNameProperty().removeListener(refresh);
        if (rules != null) rules.rulesProperty().removeListener(refresh);
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty subtitleProperty() {
        return subtitle.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<AppIcon> iconProperty() {
        return icon.getReadOnlyProperty();
    }

    public ReadOnlyListProperty<InspectorRow> rowsProperty() {
        return rows.getReadOnlyProperty();
    }

    /** The value of the first row named {@code name} in {@code category}. */
    public Optional<String> value(String category, String name) {
        return rows.stream().filter(r -> r.category().equals(category) && r.name().equals(name))
                .map(InspectorRow::value).findFirst();
    }

    private void refresh() {
        generation++;
        Topology t = topology.getTopology();
        String file = topology.getSourceName();
        if (t == null) {
            set(AppIcon.UNKNOWN, "Nothing open", "", List.of());
            return;
        }
        Optional<PciFunction> f = topology.selectedFunction();
        if (f.isPresent()) {
            PciFunction fn = f.get();
            set(fn.kind() == DeviceKind.OTHER ? AppIcon.OTHER : AppIcon.of(fn.kind()), DeviceText.title(fn),
                    fn.address() + " · " + DeviceText.detail(fn), withGroup(t, fn, InspectorRows.of(t, fn, file)));
            doctor(t, fn);
            return;
        }
        Optional<HostBridge> hb = topology.selectedHostBridge();
        if (hb.isPresent()) {
            set(AppIcon.HOST_BRIDGE, DeviceText.hostBridgeTitle(hb.get()), DeviceText.hostBridgeDetail(hb.get()),
                    InspectorRows.of(t, hb.get(), file));
            return;
        }
        Optional<NumaNode> n = topology.selectedNumaNode();
        if (n.isPresent()) {
            set(AppIcon.NUMA, "NUMA node " + n.get().id(), DeviceText.numaTitle(n.get()), InspectorRows.of(t, n.get(),
                    file));
            return;
        }
        List<InspectorRow> machine = Optional.ofNullable(rules).flatMap(r -> r.rulesFor(t))
                .map(r -> InspectorRows.of(t, file, r.assumptions())).orElseGet(() -> InspectorRows.of(t, file));
        set(AppIcon.APP, t.name(), "The machine (select a device for its fields)", machine);
    }

    /** The group rows go right after the identity, where they are seen without scrolling. */
    private List<InspectorRow> withGroup(Topology t, PciFunction fn, List<InspectorRow> fields) {
        if (rules == null) return fields;
        Optional<TopologyRules> r = rules.rulesFor(t);
        if (r.isEmpty()) return fields;
        List<InspectorRow> out = new ArrayList<>(fields);
        int at = 0;
        for (int i = 0; i < out.size(); i++) if (out.get(i).category().equals(InspectorRows.IDENTITY)) at = i + 1;
        List<InspectorRow> group = new ArrayList<>(GroupRows.of(r.get(), fn));
        Optional<IommuMode> chosen = chosenIommu == null ? Optional.empty() : chosenIommu.getValue();
        chosen.ifPresent(mode -> group.add(GroupRows.chosenMode(r.get(), fn, mode)));
        out.addAll(at, group);
        return out;
    }

    /** The grouping doctor's rows, added after the group rows when they are ready. */
    private void doctor(Topology t, PciFunction fn) {
        if (rules == null) return;
        Optional<TopologyRules> r = rules.rulesFor(t);
        if (r.isEmpty() || r.get().groupOf(fn.address()).map(g -> g.group().members().size() < 2).orElse(true)) {
            return;
        }
        long mine = generation;
        background.execute(() -> {
            List<InspectorRow> doctorRows;
            try {
                doctorRows = DoctorRows.of(r.get(), fn);
            } catch (RuntimeException e) {
                doctorRows = List.of(new InspectorRow(GroupRows.CATEGORY, DoctorRows.NOTHING, "the doctor could not "
                        + "run: " + e, InspectorRows.DERIVED, false, true));
            }
            List<InspectorRow> found = doctorRows;
            ui.execute(() -> {
                if (mine != generation || found.isEmpty()) return;
                int at = 0;
                for (int i = 0; i < rows.size(); i++) if (rows.get(i).category().equals(GroupRows.CATEGORY)) at = i + 1;
                rows.addAll(at, found);
            });
        });
    }

    private void set(AppIcon i, String t, String s, List<InspectorRow> r) {
        icon.set(i);
        title.set(t);
        subtitle.set(s);
        rows.setAll(r);
    }
}
