package org.dmascope.views.common;

/**
 * JavaFX rendering settings the window is drawn with, set before the toolkit starts unless the user set them.
 * {@code mvn javafx:run} starts the application class directly, so app/pom.xml passes the same settings there.
 */
public final class RenderingDefaults {
    /**
     * Off: JavaFX's region background cache. With it, a background of two or more layers (every card, bar, chip
     * and tag of the topology: a rim and a fill) is drawn into a cached image once and then as nine stretched
     * slices of it; the software renderer (a VM, a remote desktop) draws those slices more slowly than it fills
     * the rounded shapes themselves. Without it, panning 1,400 functions at 100 % took 11.9 ms a frame instead
     * of 17.2 (CanvasPanHarness, back to back), and zooming and selecting gained alike.
     */
    static final String REGION_CACHING_OFF = "prism.disableRegionCaching";

    private RenderingDefaults() {
    }

    /** Whether JavaFX draws without its region background cache (the default here, unless the user chose). */
    public static boolean regionCachingOff() {
        return Boolean.getBoolean(REGION_CACHING_OFF);
    }

    /** Sets what the user has not set; call before JavaFX starts (it reads these once). */
    public static void apply() {
        if (System.getProperty(REGION_CACHING_OFF) == null) System.setProperty(REGION_CACHING_OFF, "true");
    }
}
