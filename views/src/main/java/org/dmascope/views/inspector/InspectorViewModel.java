package org.dmascope.views.inspector;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;

import org.dmascope.model.kernel.TopologyRules;
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

    public InspectorViewModel(TopologyViewModel topology) {
        this(topology, null);
    }

    /** @param rules the kernel's decisions, for a device's IOMMU group; null shows the topology's fields only */
    public InspectorViewModel(TopologyViewModel topology, RulesModel rules) {
        this.topology = topology;
        this.rules = rules;
        topology.topologyProperty().addListener(refresh);
        topology.selectionProperty().addListener(refresh);
        topology.sourceNameProperty().addListener(refresh);
        if (rules != null) rules.rulesProperty().addListener(refresh);
        refresh();
    }

    /** Stops following the topology view model. */
    public void dispose() {
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
        List<InspectorRow> machine = new ArrayList<>(InspectorRows.of(t, file));
        if (rules != null) rules.rulesFor(t).ifPresent(r -> machine.addAll(InspectorRows.inferred(r.assumptions())));
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
        out.addAll(at, GroupRows.of(r.get(), fn));
        return out;
    }

    private void set(AppIcon i, String t, String s, List<InspectorRow> r) {
        icon.set(i);
        title.set(t);
        subtitle.set(s);
        rows.setAll(r);
    }
}
