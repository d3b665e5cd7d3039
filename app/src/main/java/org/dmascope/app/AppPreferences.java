package org.dmascope.app;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.mapping.IommuMode;
import org.dmascope.model.mapping.MapApi;
import org.dmascope.model.session.MapOptions;
import org.dmascope.views.common.Theme;

/**
 * What the app remembers between runs: the theme, the group colouring, the recent files, the mapping options of
 * each machine, the kernel, where the window was and how its panes were split.
 */
public final class AppPreferences {
    private static final String THEME = "theme";
    private static final String COLOUR_BY_GROUP = "colourByIommuGroup";
    private static final String MAPPING = "mapping";
    private static final String AUTO = "auto";
    private static final String WINDOW = "window";
    private static final String LAYOUT = "layout";
    private static final String FIRST_RUN_HINT = "firstRunHintSeen";
    private static final String UI_SCALE = "uiScale";
    private static final String PLAYBACK_SPEED = "playbackSpeed";

    private final Preferences node;
    private final RecentFiles recentFiles;

    public AppPreferences(Preferences node) {
        this.node = node;
        this.recentFiles = new RecentFiles(node.node("recent"));
    }

    public Theme theme() {
        return Theme.byKey(node.get(THEME, Theme.LIGHT.key())).orElse(Theme.LIGHT);
    }

    public void setTheme(Theme theme) {
        node.put(THEME, theme.key());
        flush();
    }

    /** Whether the first-run hint was seen (closed, or a buffer was dropped): it is shown once. */
    public boolean firstRunHintSeen() {
        return node.getBoolean(FIRST_RUN_HINT, false);
    }

    public void setFirstRunHintSeen() {
        node.putBoolean(FIRST_RUN_HINT, true);
        flush();
    }

    /** View ▸ Larger Text / Smaller Text: the whole window's scale, 0.8 to 2.5; 1 when never set or unreadable. */
    public double uiScale() {
        return number(UI_SCALE, 0.8, 2.5);
    }

    public void setUiScale(double v) {
        putNumber(UI_SCALE, Math.max(0.8, Math.min(2.5, v)));
    }

    /** View ▸ Playback Speed: of the step player, the route animation and a lesson's drops, 0.25 to 4. */
    public double playbackSpeed() {
        return number(PLAYBACK_SPEED, 0.25, 4);
    }

    public void setPlaybackSpeed(double v) {
        putNumber(PLAYBACK_SPEED, Math.max(0.25, Math.min(4, v)));
    }

    /** A stored number within [min, max]; 1 when never stored, unreadable, or the node was removed. */
    private double number(String key, double min, double max) {
        try {
            double v = node.getDouble(key, 1.0);
            return v >= min && v <= max ? v : 1.0;
        } catch (IllegalStateException removed) {
            return 1.0;
        }
    }

    private void putNumber(String key, double v) {
        try {
            node.putDouble(key, v);
            flush();
        } catch (IllegalStateException removed) {
            // A test's preferences, removed while its window closes: nothing to keep.
        }
    }

    /** View ▸ Colour by IOMMU Group. */
    public boolean colourByGroup() {
        return node.getBoolean(COLOUR_BY_GROUP, false);
    }

    public void setColourByGroup(boolean on) {
        node.putBoolean(COLOUR_BY_GROUP, on);
        flush();
    }

    private void flush() {
        flush(node);
    }

    public RecentFiles recentFiles() {
        return recentFiles;
    }

    /**
     * The mapping options last used on that machine ({@link MachineChoices#machineOf}); the defaults for a
     * machine never seen. Anything unreadable falls back to its default.
     */
    public MapOptions mappingOptions(String machine) {
        Preferences m = machineNode(machine);
        MapOptions d = MapOptions.DEFAULTS;
        MapApi api = MapApi.parse(m.get("api", d.api().cli())).orElse(d.api());
        String mode = m.get("iommuMode", AUTO);
        Optional<IommuMode> iommu = mode.equals(AUTO) ? Optional.empty() : IommuMode.parse(mode);
        int mask = m.getInt("dmaMaskBits", 0);
        long maxSeg = m.getLong("maxSegmentSize", 0);
        String boundary = m.get("segmentBoundaryMask", "");
        OptionalLong b = OptionalLong.empty();
        try {
            if (!boundary.isEmpty()) b = OptionalLong.of(Long.parseUnsignedLong(boundary, 16));
        } catch (NumberFormatException e) {
            b = OptionalLong.empty();
        }
        return d.withApi(api).withIommuMode(iommu)
                .withDmaMaskBits(mask >= 1 && mask <= 64 ? OptionalInt.of(mask) : OptionalInt.empty())
                .withMaxSegmentSize(maxSeg > 0 && maxSeg <= 0xFFFF_FFFFL ? OptionalLong.of(maxSeg)
                        : OptionalLong.empty())
                .withSegmentBoundaryMask(b);
    }

    public void setMappingOptions(String machine, MapOptions o) {
        Preferences m = machineNode(machine);
        m.put("machine", machine.length() > Preferences.MAX_VALUE_LENGTH ? machine.substring(0,
                Preferences.MAX_VALUE_LENGTH) : machine);
        m.put("api", o.api().cli());
        m.put("iommuMode", o.iommuMode().map(IommuMode::cli).orElse(AUTO));
        m.putInt("dmaMaskBits", o.dma().maskBits().orElse(0));
        m.putLong("maxSegmentSize", o.dma().maxSegmentSize().orElse(0));
        m.put("segmentBoundaryMask", o.dma().segmentBoundaryMask().isPresent()
                ? Long.toHexString(o.dma().segmentBoundaryMask().getAsLong()) : "");
        flush(m);
    }

    /** The kernel last chosen: every machine opens under it until the user chooses another. */
    public KernelProfile kernel() {
        return KernelProfile.byId(node.node(MAPPING).get("kernel", KernelProfile.MAINLINE.id()))
                .orElse(KernelProfile.MAINLINE);
    }

    public void setKernel(KernelProfile p) {
        Preferences m = node.node(MAPPING);
        m.put("kernel", p.id());
        flush(m);
    }

    /** Where the main window was when it last closed. */
    public Optional<WindowPlacement> windowPlacement() {
        return WindowPlacement.read(node.node(WINDOW));
    }

    /** Remembers where the window is; runs as the window closes, so a removed preferences node is not an error. */
    public void setWindowPlacement(WindowPlacement p) {
        try {
            Preferences n = node.node(WINDOW);
            p.write(n);
            flush(n);
        } catch (IllegalStateException removed) {
            // The node was removed while the window was open (a settings reset, a test's clean-up): nothing to keep.
        }
    }

    /** A node per machine, named by a hash of its name (node names are short and cannot hold every path). */
    private Preferences machineNode(String machine) {
        return node.node(MAPPING).node("machines").node(Integer.toHexString(machine.hashCode()) + "-"
                + Integer.toHexString(new StringBuilder(machine).reverse().toString().hashCode()));
    }

    /** The divider positions the user left a split pane with, by the split's id; empty when never stored. */
    public Optional<double[]> dividers(String split) {
        String v = node.node(LAYOUT).get(split, "");
        if (v.isEmpty()) return Optional.empty();
        try {
            double[] d = Arrays.stream(v.split(",")).mapToDouble(Double::parseDouble).toArray();
            for (double x : d) if (!(x > 0 && x < 1)) return Optional.empty();
            return Optional.of(d);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Stores a split's divider positions; written out by {@link #save()}. */
    public void setDividers(String split, double[] positions) {
        StringBuilder sb = new StringBuilder();
        for (double p : positions) sb.append(sb.length() == 0 ? "" : ",").append(p);
        try {
            node.node(LAYOUT).put(split, sb.toString());
        } catch (IllegalStateException e) {
            // The node was removed (a test's preferences, cleaned up while its window closes): nothing to keep.
        }
    }

    /** Writes out what was stored without a flush (the layout, which changes with every drag of a divider). */
    public void save() {
        try {
            flush(node.node(LAYOUT));
        } catch (IllegalStateException e) {
            // Removed already: see setDividers.
        }
    }

    private static void flush(Preferences n) {
        try {
            n.flush();
        } catch (BackingStoreException e) {
            // Remembered for this session only.
        }
    }
}
