package org.dmascope.views.common;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javafx.scene.Node;
import javafx.scene.layout.Pane;
import javafx.scene.shape.SVGPath;
import javafx.scene.transform.Scale;

import org.dmascope.model.topology.DeviceKind;

/**
 * Every icon of the app. The SVG sources live in {@code icons/} at the repository root (mapped to
 * {@code org/dmascope/views/icons} on the class path); JavaFX cannot render an SVG file, so each icon
 * is a 24×24 SVG made of plain paths whose {@code d} attributes are joined into one {@link SVGPath}.
 * Colours come from CSS: the path has style class {@code icon-shape}, the holder {@code app-icon} and
 * {@code icon-<name>}.
 */
public enum AppIcon {
    GPU("gpu"), NVME("nvme"), STORAGE("storage"), NETWORK("network"), USB("usb"), AUDIO("audio"),
    ACCELERATOR("accelerator"), SYSTEM("system"), OTHER("other"), PCI_BRIDGE("pci-bridge"), ROOT_PORT("root-port"),
    SWITCH("switch"), HOST_BRIDGE("host-bridge"), NUMA("numa"), UNKNOWN("unknown"),
            VIRTUAL_FUNCTION("virtual-function"),
    SEARCH("search"), ZOOM_IN("zoom-in"), ZOOM_OUT("zoom-out"), FIT("fit"), WARNING("warning"), ERROR("error"),
    EXPAND("expand"), COLLAPSE("collapse"), OPEN("open"), SAVE("save"), APP("app");

    /** The side of the SVG view box every icon is drawn in. */
    public static final double VIEW_BOX = 24;
    public static final double DEFAULT_SIZE = 16;
    public static final String STYLE_CLASS = "app-icon";
    public static final String SHAPE_STYLE_CLASS = "icon-shape";

    private static final Pattern PATH_DATA = Pattern.compile("\\sd=\"([^\"]+)\"");

    private final String fileName;
    private volatile String pathData;

    AppIcon(String fileName) {
        this.fileName = fileName;
    }

    /** The icon of a device kind. */
    public static AppIcon of(DeviceKind kind) {
        return switch (kind) {
            case HOST_BRIDGE -> HOST_BRIDGE;
            case ROOT_PORT -> ROOT_PORT;
            case SWITCH_PORT -> SWITCH;
            case PCI_BRIDGE -> PCI_BRIDGE;
            case GPU -> GPU;
            case ACCELERATOR -> ACCELERATOR;
            case NVME -> NVME;
            case STORAGE -> STORAGE;
            case NETWORK -> NETWORK;
            case USB -> USB;
            case AUDIO -> AUDIO;
            case SYSTEM -> SYSTEM;
            case OTHER -> OTHER;
        };
    }

    public String fileName() {
        return fileName;
    }

    /** The style class naming this icon, {@code icon-gpu}. */
    public String styleClass() {
        return "icon-" + fileName;
    }

    /** The joined path data of the SVG source, read once. */
    public String pathData() {
        String d = pathData;
        if (d == null) {
            d = parse(fileName, Resources.text(AppIcon.class, "/org/dmascope/views/icons/" + fileName + ".svg"));
            pathData = d;
        }
        return d;
    }

    public Node graphic() {
        return graphic(DEFAULT_SIZE);
    }

    /** A new node showing the icon in a {@code size}×{@code size} box. */
    public Node graphic(double size) {
        SVGPath path = new SVGPath();
        path.setContent(pathData());
        path.getStyleClass().add(SHAPE_STYLE_CLASS);
        double s = size / VIEW_BOX;
        path.getTransforms().add(new Scale(s, s, 0, 0));
        Pane holder = new Pane(path);
        holder.getStyleClass().addAll(STYLE_CLASS, styleClass());
        holder.setMinSize(size, size);
        holder.setPrefSize(size, size);
        holder.setMaxSize(size, size);
        return holder;
    }

    static String parse(String name, String svg) {
        Matcher m = PATH_DATA.matcher(svg);
        List<String> parts = new ArrayList<>();
        while (m.find()) parts.add(m.group(1));
        if (parts.isEmpty()) throw new IllegalStateException("icon " + name + ".svg has no <path d=\"…\"> element");
        return String.join(" ", parts);
    }
}
