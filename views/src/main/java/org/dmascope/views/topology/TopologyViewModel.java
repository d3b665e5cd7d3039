package org.dmascope.views.topology;

import java.util.Optional;

import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;

import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.NumaNode;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;

/**
 * What the topology view shows: the topology, where it came from, the selection and the search.
 * Views bind to the read-only properties and change them through the commands; no Stage needed.
 */
public final class TopologyViewModel {
    /**
     * Asks the view to centre an item. The serial makes each request unequal to the last, since
     * JavaFX change listeners compare values with equals.
     */
    public record RevealRequest(TopologyItem item, long serial) {
    }

    private final ReadOnlyObjectWrapper<Topology> topology = new ReadOnlyObjectWrapper<>(this, "topology");
    private final ReadOnlyStringWrapper sourceName = new ReadOnlyStringWrapper(this, "sourceName", "");
    private final ReadOnlyObjectWrapper<TopologyItem> selection = new ReadOnlyObjectWrapper<>(this, "selection");
    private final ReadOnlyStringWrapper query = new ReadOnlyStringWrapper(this, "query", "");
    private final ReadOnlyListWrapper<DeviceSearch.Match> matches =
            new ReadOnlyListWrapper<>(this, "matches", FXCollections.observableArrayList());
    private final ReadOnlyIntegerWrapper matchIndex = new ReadOnlyIntegerWrapper(this, "matchIndex", -1);
    private final ReadOnlyObjectWrapper<RevealRequest> revealRequest = new ReadOnlyObjectWrapper<>(this,
            "revealRequest");
    private long revealSerial;

    // ---- Properties ----

    public ReadOnlyObjectProperty<Topology> topologyProperty() {
        return topology.getReadOnlyProperty();
    }

    public Topology getTopology() {
        return topology.get();
    }

    /** The file name or sample title the topology came from, for provenance when a field has none. */
    public ReadOnlyStringProperty sourceNameProperty() {
        return sourceName.getReadOnlyProperty();
    }

    public String getSourceName() {
        return sourceName.get();
    }

    public ReadOnlyObjectProperty<TopologyItem> selectionProperty() {
        return selection.getReadOnlyProperty();
    }

    public TopologyItem getSelection() {
        return selection.get();
    }

    public ReadOnlyStringProperty queryProperty() {
        return query.getReadOnlyProperty();
    }

    public ReadOnlyListProperty<DeviceSearch.Match> matchesProperty() {
        return matches.getReadOnlyProperty();
    }

    /** Index of the match last gone to, -1 before the first. */
    public ReadOnlyIntegerProperty matchIndexProperty() {
        return matchIndex.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RevealRequest> revealRequestProperty() {
        return revealRequest.getReadOnlyProperty();
    }

    // ---- Commands ----

    /** Shows another topology; the selection and search start over. */
    public void show(Topology t, String source) {
        selection.set(null);
        query.set("");
        matches.clear();
        matchIndex.set(-1);
        sourceName.set(source == null ? "" : source);
        topology.set(t);
    }

    /**
     * Shows an edited version of the current topology: the search stays, the selection moves to {@code focus}
     * (a moved device at its new address) or stays where it was if that is still there.
     */
    public void replace(Topology t, Optional<Bdf> focus) {
        TopologyItem was = selection.get();
        topology.set(t);
        TopologyItem next = focus.<TopologyItem>map(TopologyItem::device).orElse(was);
        selection.set(next != null && exists(next) ? next : null);
        if (!query.get().isEmpty()) search(query.get());
    }

    /** Selects an item of the current topology, or clears the selection for null or an item it lacks. */
    public void select(TopologyItem item) {
        selection.set(item != null && exists(item) ? item : null);
    }

    public void search(String text) {
        String q = text == null ? "" : text;
        query.set(q);
        matches.setAll(DeviceSearch.find(topology.get(), q));
        matchIndex.set(-1);
    }

    /** Selects and reveals the match at {@code index}. */
    public void goToMatch(int index) {
        if (index < 0 || index >= matches.size()) return;
        matchIndex.set(index);
        TopologyItem item = matches.get(index).item();
        select(item);
        revealRequest.set(new RevealRequest(item, ++revealSerial));
    }

    /** Goes to the next match (the first one at the start), wrapping around. */
    public void nextMatch() {
        if (!matches.isEmpty()) goToMatch((matchIndex.get() + 1) % matches.size());
    }

    public void previousMatch() {
        if (!matches.isEmpty()) goToMatch(Math.floorMod(matchIndex.get() - 1, matches.size()));
    }

    public void reveal(TopologyItem item) {
        select(item);
        if (selection.get() != null) revealRequest.set(new RevealRequest(item, ++revealSerial));
    }

    // ---- Derived ----

    public Optional<PciFunction> selectedFunction() {
        TopologyItem item = selection.get();
        Topology t = topology.get();
        if (!(item instanceof TopologyItem.Device d) || t == null) return Optional.empty();
        return t.function(d.address());
    }

    public Optional<HostBridge> selectedHostBridge() {
        TopologyItem item = selection.get();
        Topology t = topology.get();
        if (!(item instanceof TopologyItem.Host h) || t == null) return Optional.empty();
        return t.hostBridges().stream().filter(hb -> hb.id().equals(h.id())).findFirst();
    }

    public Optional<NumaNode> selectedNumaNode() {
        TopologyItem item = selection.get();
        Topology t = topology.get();
        if (!(item instanceof TopologyItem.Numa n) || t == null) return Optional.empty();
        return t.numaNodes().stream().filter(nn -> nn.id() == n.id()).findFirst();
    }

    private boolean exists(TopologyItem item) {
        Topology t = topology.get();
        if (t == null) return false;
        if (item instanceof TopologyItem.Device d) return t.function(d.address()).isPresent();
        if (item instanceof TopologyItem.Host h) return t.hostBridges().stream().anyMatch(hb -> hb.id().equals(h.id()));
        // A NUMA group is drawn for every node a host bridge names, described or not.
        int id = ((TopologyItem.Numa) item).id();
        return t.numaNodes().stream().anyMatch(n -> n.id() == id)
                || t.hostBridges().stream().anyMatch(hb -> hb.numaNode().isPresent() && hb.numaNode().getAsInt() == id);
    }
}
