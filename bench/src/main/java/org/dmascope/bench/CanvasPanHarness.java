package org.dmascope.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;

import org.dmascope.model.io.formats.ImportFormats;
import org.dmascope.model.io.imports.ImportResult;
import org.dmascope.model.io.imports.Importer;
import org.dmascope.model.io.pciids.PciIdSource;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.common.RenderingDefaults;
import org.dmascope.views.topology.CanvasRoute;
import org.dmascope.views.topology.GroupColouring;
import org.dmascope.views.topology.TopologyCanvas;
import org.dmascope.views.topology.TopologyItem;

/**
 * Frame times of the topology canvas while it pans, changes selection and zooms, in a real window: the
 * repeatable harness of the canvas-speed targets (not a unit test: it needs a display and a quiet machine).
 * <p>
 * Run under Xvfb with the software pipeline and pulses not capped at 60 per second, so each frame takes what
 * it costs:
 * <pre>
 * xvfb-run -a -s "-screen 0 1920x1080x24" java -Dprism.order=sw -Djavafx.animation.fullspeed=true \
 *     -cp bench/target/benchmarks.jar org.dmascope.bench.CanvasPanHarness 1400
 * </pre>
 * The argument: a function count for the synthetic machine of the benchmarks (host bridges, root ports, switches,
 * GPUs, NVMe drives and NICs with 15 VFs each, over as many PCI domains as it takes), or an export to import.
 * Colour by IOMMU group is on and a route is drawn.
 * Prints the median and 90th percentile frame time of each phase, and the CPU time per frame of all threads
 * (what a frame costs on a machine that other work slows down). {@code -Dharness.phases=fit,zoom} runs only the
 * phases whose name contains one of the words.
 */
public final class CanvasPanHarness {
    private CanvasPanHarness() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: CanvasPanHarness FUNCTIONS | EXPORT_FILE");
            System.exit(2);
        }
        // As the window draws (RenderingDefaults); -Dprism.disableRegionCaching=false measures the other way.
        RenderingDefaults.apply();
        // Through a nested Application: a main class that extends Application cannot start from the class path.
        Application.launch(Window.class, args);
    }

    /** The window the harness measures. */
    public static final class Window extends Application {
    private static final int FRAMES = 240;
    private static final int WARM_UP = 30;

    private TopologyCanvas canvas;
    private final List<Phase> phases = new ArrayList<>();

    /** One kind of interaction, one frame's worth each time it runs. */
    private record Phase(String name, Runnable setUp, Runnable perFrame, long[] nanos, long[] cpu) {
        Phase(String name, Runnable setUp, Runnable perFrame, long[] nanos) {
            this(name, setUp, perFrame, nanos, new long[2]);
        }
    }

    @Override
    public void start(Stage stage) {
        List<String> args = getParameters().getRaw();
        Topology t = args.get(0).matches("\\d+") ? SyntheticMachine.build(Integer.parseInt(args.get(0)))
                : importExport(Path.of(args.get(0)));
        canvas = new TopologyCanvas();
        canvas.setTopology(t);
        canvas.setGroupColouring(GroupColouring.of(TopologyRules.of(t)));
        canvas.setRoute(route(t));
        stage.setScene(new Scene(canvas, 1600, 1000));
        stage.setTitle("canvas harness: " + t.functions().size() + " functions");
        stage.show();
        canvas.requestFocus();

        phases.add(new Phase("pan at 100 %", () -> canvas.setZoom(1.0), panStep(), new long[FRAMES]));
        phases.add(new Phase("select at 100 %", () -> canvas.setZoom(1.0), key(KeyCode.TAB, false),
                new long[FRAMES]));
        phases.add(new Phase("pan at fit", canvas::fit, panStep(), new long[FRAMES]));
        phases.add(new Phase("select at fit", canvas::fit, key(KeyCode.TAB, false), new long[FRAMES]));
        phases.add(new Phase("zoom in and out", () -> canvas.setZoom(0.5), zoomStep(), new long[FRAMES]));
        // -Dharness.phases=fit,zoom keeps only the phases whose name contains one of the words (for profiling one).
        String only = System.getProperty("harness.phases", "");
        if (!only.isBlank()) {
            List<String> words = List.of(only.split(","));
            phases.removeIf(p -> words.stream().noneMatch(w -> p.name().contains(w.strip())));
        }
        System.out.printf(Locale.ROOT, "%d functions, window 1600x1000, prism %s, region caching %s%n",
                t.functions().size(), System.getProperty("prism.order", "default"),
                RenderingDefaults.regionCachingOff() ? "off" : "on");
        run(0);
    }

    private Runnable panStep() {
        int[] n = {0};
        // Right for a while, then back, so the view stays over the drawing.
        return () -> {
            KeyCode k = (n[0]++ / 40) % 2 == 0 ? KeyCode.RIGHT : KeyCode.LEFT;
            key(k, true).run();
        };
    }

    private Runnable zoomStep() {
        int[] n = {0};
        return () -> canvas.setZoom((n[0]++ / 10) % 2 == 0 ? canvas.getZoom() * 1.05 : canvas.getZoom() / 1.05);
    }

    private Runnable key(KeyCode code, boolean shift) {
        return () -> canvas.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, shift, false, false, false));
    }

    /** Runs phase {@code i}: warm-up frames, then {@link #FRAMES} timed ones, then the next phase. */
    private void run(int i) {
        if (i == phases.size()) {
            Platform.exit();
            return;
        }
        Phase p = phases.get(i);
        p.setUp().run();
        new AnimationTimer() {
            private long last;
            private int frame = -WARM_UP;

            @Override
            public void handle(long now) {
                if (frame == 0) p.cpu()[0] = cpuNanos();
                if (last != 0 && frame >= 0) p.nanos()[frame] = now - last;
                last = now;
                if (++frame >= FRAMES) {
                    p.cpu()[1] = cpuNanos();
                    stop();
                    report(p);
                    run(i + 1);
                    return;
                }
                p.perFrame().run();
            }
        }.start();
    }

    private void report(Phase p) {
        long[] sorted = p.nanos().clone();
        Arrays.sort(sorted);
        int[] nodes = new int[2];
        count(canvas, true, nodes);
        System.out.printf(Locale.ROOT, "%-18s median %6.1f ms   p90 %6.1f ms   (%d frames)   cpu %5.1f ms/frame"
                + "   nodes %d (%d shown)%n", p.name(), sorted[sorted.length / 2] / 1e6,
                sorted[sorted.length * 9 / 10] / 1e6, sorted.length, (p.cpu()[1] - p.cpu()[0]) / 1e6 / FRAMES,
                nodes[0], nodes[1]);
    }

    /**
     * Counts the canvas's nodes, and those shown: each pulse walks every node of the scene (bounds, and the
     * renderer's pass for canvases), hidden or not, so both numbers cost.
     */
    private static void count(Node n, boolean shown, int[] nodes) {
        boolean s = shown && n.isVisible();
        nodes[0]++;
        if (s) nodes[1]++;
        if (n instanceof Parent parent) {
            for (Node c : parent.getChildrenUnmodifiable()) count(c, s, nodes);
        }
    }

    /**
     * CPU time of every thread of the process so far: the work a frame takes whatever else the machine runs
     * (a loaded machine stretches the pulse times, not this).
     */
    private static long cpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long id : threads.getAllThreadIds()) sum += Math.max(0, threads.getThreadCpuTime(id));
        return sum;
    }

    static Topology importExport(Path export) {
        ImportResult r = new Importer(ImportFormats.standard(), PciIdSource.shipped())
                .fromFiles(List.of(export), step -> { }, () -> false);
        return r.topology().orElseThrow(() -> new IllegalStateException("did not import: " + r.report()));
    }

    /** A route from the first endpoint below a root port up to the host: what a drop draws. */
    private static CanvasRoute route(Topology t) {
        List<CanvasRoute.Stop> stops = new ArrayList<>();
        PciFunction ep = t.functions().stream().filter(f -> f.portType().filter(PortType.ENDPOINT::equals)
                .isPresent()).findFirst().orElse(t.functions().get(0));
        stops.add(new CanvasRoute.Stop(TopologyItem.device(ep.address()), CanvasRoute.Mark.SOURCE, "1",
                "the requester"));
        int n = 2;
        for (PciFunction up = t.hierarchy().parentBridge(ep).orElse(null); up != null;
                up = t.hierarchy().parentBridge(up).orElse(null)) {
            stops.add(new CanvasRoute.Stop(TopologyItem.device(up.address()), CanvasRoute.Mark.PASS,
                    String.valueOf(n++), "forwards"));
        }
        return new CanvasRoute(stops, CanvasRoute.Tone.HOST);
    }
}
}
