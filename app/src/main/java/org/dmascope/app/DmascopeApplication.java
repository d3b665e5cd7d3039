package org.dmascope.app;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.prefs.Preferences;

import javafx.application.Application;
import javafx.beans.binding.Bindings;
import javafx.application.Platform;
import javafx.stage.Screen;
import javafx.stage.Stage;

import org.dmascope.app.cli.PciIdsChoice;
import org.dmascope.app.undo.UndoStack;
import org.dmascope.model.designs.BounceRoute;
import org.dmascope.model.io.formats.ImportFormats;
import org.dmascope.model.io.imports.Importer;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.session.RunningKernel;
import org.dmascope.views.designs.DesignsView;
import org.dmascope.views.designs.DesignsViewModel;
import org.dmascope.views.inspector.InspectorView;
import org.dmascope.views.inspector.InspectorViewModel;
import org.dmascope.views.mapping.MappingViewModel;
import org.dmascope.views.mapping.MappingWorkspace;
import org.dmascope.views.mapping.RouteStops;
import org.dmascope.views.mapping.StepPlayer;
import org.dmascope.views.pagewalk.PageWalkView;
import org.dmascope.views.scatterlist.ScatterListView;
import org.dmascope.views.topology.TopologyView;
import org.dmascope.views.topology.TopologyViewModel;

/**
 * The composition root of the window: builds the background executor, the preferences, the view
 * models and the views, and passes each what it needs. Nothing else creates or finds services.
 */
public final class DmascopeApplication extends Application {
    /** The preferences node; tests point it elsewhere so they never touch the user's settings. */
    public static final String PREFERENCES_PROPERTY = "dmascope.preferences";
    private static final String PREFERENCES_NODE = "/org/dmascope/app";

    private ExecutorService executor;
    /** The mapping engine's thread: its kernel state is not thread-safe, so one task at a time. */
    private ExecutorService engineExecutor;
    private MappingViewModel mappingModel;
    private MappingWorkspace mappingWorkspace;
    private ScatterListView scatterList;
    private DesignsView designs;
    private PageWalkView pageWalk;
    private TopologyView topologyView;
    private InspectorView inspectorView;
    private InspectorViewModel inspectorModel;
    private PlatformSession session;
    private MainWindow window;

    /** {@code WIDTHxHEIGHT} of the first window, for screenshots; otherwise it fits the screen. */
    public static final String WINDOW_SIZE_PROPERTY = "dmascope.windowSize";

    /**
     * Opens the window where it was last time (or at {@value #WINDOW_SIZE_PROPERTY}'s size), on the files given
     * as parameters ({@code dmascope FILE…}, {@code mvn javafx:run -Djavafx.args=FILE}) or the default topology.
     */
    @Override
    public void start(Stage stage) {
        String wanted = System.getProperty(WINDOW_SIZE_PROPERTY, "");
        Function<AppPreferences, WindowPlacement> where = MainWindow::placement;
        if (wanted.matches("\\d+x\\d+")) {
            String[] wh = wanted.split("x");
            where = p -> centred(Double.parseDouble(wh[0]), Double.parseDouble(wh[1]));
        }
        DocumentModel documents = start(stage, where);
        List<Path> files = getParameters().getRaw().stream().map(Path::of).toList();
        if (!files.isEmpty()) documents.open(files);
    }

    /** Builds and shows the window at the given size; returns the document model (tests drive it). */
    public DocumentModel start(Stage stage, double width, double height) {
        return start(stage, p -> centred(width, height), false);
    }

    private static WindowPlacement centred(double width, double height) {
        return WindowPlacement.centred(Screen.getPrimary().getVisualBounds(), width, height, false);
    }

    /** Starts as a launch does: the window held where it was opened while the window manager maps it. */
    DocumentModel start(Stage stage, Function<AppPreferences, WindowPlacement> where) {
        return start(stage, where, true);
    }

    /**
     * @param hold whether to undo what the window manager does to the new window's size and place right after
     *             it shows ({@link PlacementGuard}); tests that size the window themselves at once do not want it
     */
    private DocumentModel start(Stage stage, Function<AppPreferences, WindowPlacement> where, boolean hold) {
        executor = Executors.newFixedThreadPool(2, daemonThreads("dmascope-worker-"));
        engineExecutor = Executors.newSingleThreadExecutor(daemonThreads("dmascope-engine-"));
        Preferences prefsNode = Preferences.userRoot().node(System.getProperty(PREFERENCES_PROPERTY, PREFERENCES_NODE));
        AppPreferences preferences = new AppPreferences(prefsNode);
        TopologyViewModel topologyModel = new TopologyViewModel();
        DocumentModel documents = new DocumentModel(executor, Platform::runLater, topologyModel,
                preferences.recentFiles(),
                new Importer(ImportFormats.standard(), PciIdsChoice.newest()));
        RunningKernel kernel = new RunningKernel(engineExecutor);
        session = new PlatformSession(executor, Platform::runLater, documents, new UndoStack(), preferences.kernel(),
                kernel);
        session.rules().overridesProperty().addListener((obs, old, o) -> preferences.setKernel(o.profile()
                .orElse(KernelProfile.MAINLINE)));
        inspectorModel = new InspectorViewModel(topologyModel, session.rules(), session.background(),
                Platform::runLater);
        topologyView = new TopologyView(topologyModel);
        inspectorView = new InspectorView(inspectorModel);
        mappingModel = new MappingViewModel(topologyModel.topologyProperty(), session.rules(), session, kernel,
                Platform::runLater);
        new MachineChoices(documents, preferences, mappingModel.options().optionsProperty());
        inspectorModel.followChosenIommuMode(Bindings.createObjectBinding(() -> mappingModel.options()
                .optionsProperty().get().iommuMode(), mappingModel.options().optionsProperty()));
        mappingWorkspace = new MappingWorkspace(topologyView, mappingModel);
        if (!preferences.firstRunHintSeen()) mappingWorkspace.showFirstRunHint(preferences::setFirstRunHintSeen);
        documents.showDefaultSample();
        window = new MainWindow(stage, documents, new WindowViews(topologyView, inspectorView, mappingWorkspace),
                preferences, session);
        window.show(where.apply(preferences), hold);
        // What the first frame does not show waits until it is drawn (start-up time): the result tabs show their
        // placeholders until then, and the samples for File ▸ Open Sample are read while the window is in use.
        AfterFirstFrame.run(stage.getScene(), () -> {
            addResultViews();
            documents.loadSamples();
        });
        return documents;
    }

    /** The scatter list, page walk and designs tabs' views, and the Designs tab's bounce drawn on the canvas. */
    private void addResultViews() {
        StepPlayer player = mappingModel.player();
        scatterList = new ScatterListView(mappingModel.mappingProperty(), player.selectedStepProperty(),
                player.selectedSegmentProperty());
        pageWalk = new PageWalkView(mappingModel.mappingProperty(), player.selectedStepProperty(),
                player.selectedSegmentProperty());
        mappingWorkspace.details().setResultViews(scatterList, pageWalk);
        designs = new DesignsView(new DesignsViewModel(mappingModel.mappingProperty()));
        designs.model().activeProperty().bind(mappingWorkspace.details().designsShownProperty());
        mappingWorkspace.details().setDesignsView(designs);
        // the Designs tab's bounce (question 4) drawn on the canvas in place of the kernel's route
        mappingWorkspace.designRouteProperty().bind(Bindings.createObjectBinding(() -> {
            BounceRoute b = designs.model().bounceRouteProperty().get();
            return b == null ? null : RouteStops.ofBounce(b);
        }, designs.model().bounceRouteProperty()));
    }

    /** The inspector's content, for tests. */
    InspectorViewModel inspector() {
        return inspectorModel;
    }

    /** The window, for tests. */
    MainWindow window() {
        return window;
    }

    /** The platform what-ifs and the rules they give, for tests. */
    PlatformSession session() {
        return session;
    }

    @Override
    public void stop() {
        if (topologyView != null) topologyView.dispose();
        if (inspectorView != null) inspectorView.dispose();
        if (inspectorModel != null) inspectorModel.dispose();
        if (scatterList != null) scatterList.dispose();
        if (pageWalk != null) pageWalk.dispose();
        if (designs != null) designs.model().dispose();
        if (mappingWorkspace != null) mappingWorkspace.dispose();
        if (mappingModel != null) mappingModel.dispose();
        if (executor != null) executor.shutdownNow();
        if (engineExecutor != null) engineExecutor.shutdownNow();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
