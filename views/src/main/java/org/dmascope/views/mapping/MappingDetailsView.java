package org.dmascope.views.mapping;

import java.util.List;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.value.ChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;

import org.dmascope.model.session.MapOutcome;
import org.dmascope.model.session.SessionSnapshot;

/**
 * The result of a drop in tabs: Steps, Scatter list, Page walk, Designs, Live mappings, Across kernel
 * versions and Cost per I/O. The scatter list, the page walk and the designs are separate widgets bound to the
 * same view model; until the app hands them in with {@link #setResultViews} and {@link #setDesignsView} their
 * tabs say what will appear there.
 */
public final class MappingDetailsView extends TabPane {
    public static final String ID = "mapping-details";
    public static final String STEPS_TAB_ID = "steps-tab";
    public static final String SCATTER_LIST_TAB_ID = "scatter-list-tab";
    public static final String PAGE_WALK_TAB_ID = "page-walk-tab";
    public static final String DESIGNS_TAB_ID = "designs-tab";
    public static final String LIVE_TAB_ID = "live-mappings-tab";
    public static final String ACROSS_TAB_ID = "across-versions-tab";
    public static final String COST_TAB_ID = "cost-per-io-tab";

    private final MappingViewModel model;
    private final StepsView steps;
    private final LiveMappingsView live;
    private final Tab stepsTab = new Tab("Steps");
    private final Tab scatterTab = new Tab("Scatter list");
    private final Tab walkTab = new Tab("Page walk");
    private final Tab designsTab = new Tab("Designs");
    private final Tab liveTab = new Tab("Live mappings");
    private final Tab acrossTab = new Tab("Across kernel versions");
    private final AcrossVersionsView across;
    private final Tab costTab = new Tab("Cost per I/O");
    private final CostPerIoView cost = new CostPerIoView();
    private final ChangeListener<SessionSnapshot> liveListener = (o, a, l) -> showLiveCount(l);
    private final ChangeListener<MapOutcome> outcomeListener = (o, a, out) -> {
        compareAcrossVersions();
        showCost();
    };

    public MappingDetailsView(MappingViewModel model) {
        this.model = model;
        setId(ID);
        getStyleClass().add("mapping-details");
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        steps = new StepsView(model, this::showTab);
        live = new LiveMappingsView(model);
        stepsTab.setId(STEPS_TAB_ID);
        stepsTab.setContent(steps);
        scatterTab.setId(SCATTER_LIST_TAB_ID);
        scatterTab.setContent(placeholder("The scatter list will appear here: input entries, DMA segments, flags and "
                + "totals."));
        walkTab.setId(PAGE_WALK_TAB_ID);
        walkTab.setContent(placeholder("The page walk will appear here: the selected segment's address spaces and "
                + "page-table levels."));
        designsTab.setId(DESIGNS_TAB_ID);
        designsTab.setContent(placeholder("The designs of the P2P-without-struct-page threads will appear here, "
                + "computed on this mapping."));
        liveTab.setId(LIVE_TAB_ID);
        liveTab.setContent(live);
        across = new AcrossVersionsView(model.across());
        acrossTab.setId(ACROSS_TAB_ID);
        acrossTab.setContent(across);
        acrossTab.setTooltip(new Tooltip("The current mapping under every kernel profile: the profiles where the "
                + "verdict, the segments or the error change, and the kernel change that did it"));
        costTab.setId(COST_TAB_ID);
        costTab.setContent(cost);
        costTab.setTooltip(new Tooltip("What one I/O of the current buffer and device costs on each mapping path"));
        getTabs().setAll(stepsTab, scatterTab, walkTab, designsTab, liveTab, acrossTab, costTab);
        costTab.selectedProperty().addListener((o, a, selected) -> {
            if (selected) showCost();
        });
        liveTab.selectedProperty().addListener((o, a, selected) -> live.setShown(selected));
        acrossTab.selectedProperty().addListener((o, a, selected) -> {
            if (selected) compareAcrossVersions();
        });
        model.outcomeProperty().addListener(outcomeListener);
        model.live().snapshotProperty().addListener(liveListener);
        showLiveCount(model.live().snapshotProperty().get());
    }

    /**
     * The integration hook for the two result widgets: {@code ScatterListView} and {@code PageWalkView},
     * both built on {@link MappingViewModel#mappingProperty()}, {@link StepPlayer#selectedStepProperty()}
     * and {@link StepPlayer#selectedSegmentProperty()}.
     */
    public void setResultViews(Node scatterList, Node pageWalk) {
        scatterTab.setContent(scatterList);
        walkTab.setContent(pageWalk);
    }

    /** The hook for the Designs tab's widget ({@code DesignsView}), bound to {@link #designsShownProperty()}. */
    public void setDesignsView(Node designs) {
        designsTab.setContent(designs);
    }

    /** Whether the Designs tab is in front: the designs are computed only then. */
    public ReadOnlyBooleanProperty designsShownProperty() {
        return designsTab.selectedProperty();
    }

    /** Selects the tab with that id. */
    public void showTab(String tabId) {
        getTabs().stream().filter(t -> tabId.equals(t.getId())).findFirst().ifPresent(t -> getSelectionModel()
                .select(t));
    }

    /** Puts the keyboard on the step list (Space plays, arrows step). */
    public void focusSteps() {
        showTab(STEPS_TAB_ID);
        steps.list().requestFocus();
    }

    /** Shows the current mapping across kernel versions and puts the keyboard on its table. */
    public void focusAcrossVersions() {
        showTab(ACROSS_TAB_ID);
        across.table().requestFocus();
    }

    public void dispose() {
        steps.dispose();
        live.dispose();
        across.dispose();
        model.outcomeProperty().removeListener(outcomeListener);
        model.live().snapshotProperty().removeListener(liveListener);
    }

    /**
     * Fourteen boots are not free: the table is computed only while its tab is shown, for the outcome of the
     * last drop (a call that did not fit the machine has nothing to compare).
     */
    private void compareAcrossVersions() {
        if (!acrossTab.isSelected()) return;
        MapOutcome out = model.outcomeProperty().get();
        if (out == null || model.topologyProperty().get() == null) {
            model.across().clear();
            return;
        }
        model.across().compute(model.topologyProperty().get(), model.options().overridesProperty().getValue(),
                out.call());
    }

    /** Four more map calls per drop: computed only while the tab is shown, for the last drop's mapping. */
    private void showCost() {
        if (!costTab.isSelected()) return;
        MapOutcome out = model.outcomeProperty().get();
        if (out == null || !out.hasMapping()) {
            cost.show(null, List.of());
            return;
        }
        model.costPerIo(out.mapping(), rows -> {
            MapOutcome now = model.outcomeProperty().get();
            if (now == out) cost.show(out.mapping(), rows);
        });
    }

    private void showLiveCount(SessionSnapshot l) {
        int n = l.liveCount();
        liveTab.setText(n == 0 ? "Live mappings" : "Live mappings (" + n + ")");
    }

    private static Node placeholder(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("placeholder");
        l.setMaxWidth(560);
        StackPane p = new StackPane(l);
        p.getStyleClass().add("tab-placeholder");
        return p;
    }
}
