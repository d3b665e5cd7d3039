package org.dmascope.views;

import java.nio.file.Path;
import java.util.function.Function;

import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.mapping.Step;
import org.dmascope.model.mapping.StepKind;
import org.dmascope.views.common.Theme;
import org.dmascope.views.pagewalk.PageWalkView;
import org.dmascope.views.scatterlist.ScatterListView;
import org.dmascope.views.testing.Mappings;
import org.dmascope.views.testing.Png;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Not a test: renders the scatter list and the page walk for a few real mappings, light and dark, at
 * the sizes a mapping-details tab gets in 1280×800 and 1920×1080 windows, to PNG files for a person to
 * look at. Runs only with {@code -Ddmascope.screenshots=DIR}.
 */
@EnabledIfSystemProperty(named = "dmascope.screenshots", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class MappingWidgetScreenshots {

    private final Path dir = Path.of(System.getProperty("dmascope.screenshots", "target/screenshots"));
    private final SimpleObjectProperty<Mapping> mapping = new SimpleObjectProperty<>();
    private final SimpleObjectProperty<Step> step = new SimpleObjectProperty<>();
    private final SimpleIntegerProperty segment = new SimpleIntegerProperty(-1);
    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new javafx.scene.layout.Pane(), 400, 300));
        stage.show();
    }

    /**
     * Renders the view in a scene of its own, off screen: Monocle's headless screen is 1280x800, too
     * small for a window of the larger sizes, and {@code Scene.snapshot} lays out and styles it alone.
     */
    private void shot(FxRobot robot, String name, Function<Void, Parent> view, double w, double h, Theme theme) {
        robot.interact(() -> {
            Scene scene = new Scene(view.apply(null), w, h);
            theme.applyTo(scene);
            scene.snapshot(null);
            Png.write(scene.snapshot(null), dir.resolve(name + ".png"));
        });
    }

    private void set(FxRobot robot, Mapping m, StepKind kind, int seg) {
        robot.interact(() -> {
            mapping.set(m);
            segment.set(seg);
            step.set(kind == null || m == null ? null : m.steps().stream().filter(s -> s.kind() == kind).findFirst()
                    .orElse(null));
        });
    }

    private Parent walk() {
        return new PageWalkView(mapping, step, segment);
    }

    private Parent both() {
        javafx.scene.control.SplitPane split = new javafx.scene.control.SplitPane(scatter(), walk());
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        return split;
    }

    @Test
    void pageWalk(FxRobot robot) {
        set(robot, Mappings.map(Mappings.SWITCH_SERVER, "0000:06:00.0", "host:node0:1MiB:scattered:seed=7"),
                StepKind.PAGE_TABLE, 0);
        shot(robot, "walk-vtd4-1280-light", v -> walk(), 1280, 520, Theme.LIGHT);
        shot(robot, "walk-vtd4-1280-dark", v -> walk(), 1280, 520, Theme.DARK);
        set(robot, Mappings.map(Mappings.GRACE, "0006:01:00.0", "host:node0:4MiB:huge2m"), null, 0);
        shot(robot, "walk-arm-lpae-2m-1920-light", v -> walk(), 1920, 700, Theme.LIGHT);
        shot(robot, "walk-arm-lpae-2m-1920-dark", v -> walk(), 1920, 700, Theme.DARK);
        set(robot, Mappings.map(Mappings.SWITCH_SERVER, "0000:06:00.0", "bar:0000:05:00.0:2:64KiB"), StepKind.P2P, 0);
        shot(robot, "walk-p2p-bus-1280-light", v -> walk(), 1280, 520, Theme.LIGHT);
        set(robot, Mappings.map(Mappings.LEGACY_PC, "0000:03:00.0", "host:node0:64KiB:scattered:seed=7"),
                StepKind.SWIOTLB, 1);
        shot(robot, "walk-swiotlb-1280-dark", v -> walk(), 1280, 520, Theme.DARK);
        set(robot, Mappings.map(Mappings.LEGACY_PC, "0000:03:00.0", "host:node0:128MiB:scattered:seed=3"), null, -1);
        shot(robot, "walk-failed-1280-light", v -> walk(), 1280, 520, Theme.LIGHT);
        set(robot, Mappings.map("dgx-like.json", "0000:25:00.0", "host:node0:8MiB:scattered:seed=3",
                b -> b.iommuMode(org.dmascope.model.mapping.IommuMode.DMA)), StepKind.IOVA_ALLOC, 0);
        shot(robot, "walk-amd-v1-1280x360-light", v -> walk(), 1280, 360, Theme.LIGHT);
        set(robot, null, null, -1);
        shot(robot, "walk-empty-1280-light", v -> walk(), 1280, 520, Theme.LIGHT);
    }

    @Test
    void bothTogether(FxRobot robot) {
        set(robot, Mappings.map(Mappings.SWITCH_SERVER, "0000:06:00.0", "host:node0:1MiB:scattered:seed=7"),
                StepKind.FINALISE, 0);
        shot(robot, "both-iommu-1920x1080-light", v -> both(), 1920, 1080, Theme.LIGHT);
        shot(robot, "both-iommu-1280x800-dark", v -> both(), 1280, 800, Theme.DARK);
        shot(robot, "scatter-iommu-1280x360-light", v -> scatter(), 1280, 360, Theme.LIGHT);
    }

    private Parent scatter() {
        return new ScatterListView(mapping, step, segment);
    }

    @Test
    void scatterList(FxRobot robot) {
        set(robot, Mappings.map(Mappings.SWITCH_SERVER, "0000:06:00.0", "host:node0:1MiB:scattered:seed=7"), null, 0);
        shot(robot, "scatter-iommu-merged-1280-light", v -> scatter(), 1280, 520, Theme.LIGHT);
        shot(robot, "scatter-iommu-merged-1280-dark", v -> scatter(), 1280, 520, Theme.DARK);
        set(robot, Mappings.map(Mappings.LEGACY_PC, "0000:03:00.0", "host:node0:64KiB:scattered:seed=7"),
                StepKind.SWIOTLB, 1);
        shot(robot, "scatter-swiotlb-1920-light", v -> scatter(), 1920, 700, Theme.LIGHT);
        shot(robot, "scatter-swiotlb-1920-dark", v -> scatter(), 1920, 700, Theme.DARK);
        set(robot, Mappings.map(Mappings.SWITCH_SERVER, "0000:06:00.0", "bar:0000:05:00.0:2:64KiB"),
                StepKind.SCATTERLIST, 0);
        shot(robot, "scatter-p2p-bus-1280-light", v -> scatter(), 1280, 520, Theme.LIGHT);
        Mapping failed = Mappings.map(Mappings.LEGACY_PC, "0000:03:00.0", "host:node0:128MiB:scattered:seed=3");
        set(robot, failed, null, -1);
        shot(robot, "scatter-failed-1280-light", v -> scatter(), 1280, 520, Theme.LIGHT);
        set(robot, Mappings.map(Mappings.SWITCH_SERVER, "0000:06:00.0", "host:node0:1GiB:scattered:seed=1"),
                StepKind.SCATTERLIST, 0);
        shot(robot, "scatter-1gib-1920-dark", v -> scatter(), 1920, 700, Theme.DARK);
        set(robot, null, null, -1);
        shot(robot, "scatter-empty-1280-light", v -> scatter(), 1280, 520, Theme.LIGHT);
    }
}
