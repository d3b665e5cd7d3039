package org.dmascope.views.export;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dmascope.views.common.Resources;
import org.dmascope.views.topology.GroupColouring;

/**
 * The canvas's colours, read from the canvas's own stylesheets so a picture and the window never
 * disagree: the {@code -tc-…} colours of {@code .topology-canvas} in topology-canvas.css and the IOMMU
 * group palette in topology-groups.css (the light-theme side of each {@code ladder()}). The stylesheets
 * stay the one definition; a colour a picture needs and the stylesheet lacks is a packaging defect and
 * fails at once.
 */
public final class CanvasPalette {
    private static final String CANVAS_CSS = "/org/dmascope/views/topology/topology-canvas.css";
    private static final String GROUPS_CSS = "/org/dmascope/views/topology/topology-groups.css";
    private static final Pattern ROOT_BLOCK = Pattern.compile("\\.topology-canvas\\s*\\{([^}]*)}");
    private static final Pattern GROUP_BLOCK = Pattern.compile(
            "\\.topology-canvas\\s+\\.group-colour-(\\d+)\\s*\\{([^}]*)}");
    private static final Pattern VARIABLE = Pattern.compile("(-tc-[a-z0-9-]+)\\s*:\\s*([^;]+);");
    /** {@code ladder(-tc-card, DARK 49%, LIGHT 50%)}: the stop a white card picks. */
    private static final Pattern LADDER = Pattern.compile(
            "ladder\\([^,]+,\\s*(\\S+)\\s+[0-9.]+%\\s*,\\s*(\\S+)\\s+[0-9.]+%\\s*\\)");

    /** One group colour: the ring, the card fill inside it, and the text on the tag. */
    public record GroupColours(Colour ring, Colour fill, Colour text) {
    }

    private final Map<String, Colour> colours;
    private final GroupColours[] groups;

    private CanvasPalette(Map<String, Colour> colours, GroupColours[] groups) {
        this.colours = colours;
        this.groups = groups;
    }

    /** The light theme's palette, as the canvas's stylesheets define it. */
    public static CanvasPalette light() {
        return parse(Resources.text(CanvasPalette.class, CANVAS_CSS), Resources.text(CanvasPalette.class,
                GROUPS_CSS));
    }

    static CanvasPalette parse(String canvasCss, String groupsCss) {
        Map<String, Colour> colours = new HashMap<>();
        Matcher root = ROOT_BLOCK.matcher(stripComments(canvasCss));
        if (!root.find()) throw new IllegalStateException("topology-canvas.css has no .topology-canvas block");
        Matcher v = VARIABLE.matcher(root.group(1));
        while (v.find()) {
            Colour c = Colour.parse(v.group(2));
            if (c != null) colours.put(v.group(1), c);
        }
        GroupColours[] groups = new GroupColours[GroupColouring.PALETTE_SIZE];
        Matcher g = GROUP_BLOCK.matcher(stripComments(groupsCss));
        while (g.find()) {
            int n = Integer.parseInt(g.group(1));
            if (n >= groups.length) continue;
            Map<String, Colour> vars = new HashMap<>();
            Matcher gv = VARIABLE.matcher(g.group(2));
            while (gv.find()) {
                Matcher l = LADDER.matcher(gv.group(2));
                Colour c = l.find() ? Colour.parse(l.group(2)) : Colour.parse(gv.group(2));
                if (c != null) vars.put(gv.group(1), c);
            }
            groups[n] = new GroupColours(need(vars, "-tc-group", n), need(vars, "-tc-group-bg", n),
                    need(vars, "-tc-group-text", n));
        }
        for (int i = 0; i < groups.length; i++) {
            if (groups[i] == null) throw new IllegalStateException("topology-groups.css has no group-colour-" + i);
        }
        return new CanvasPalette(colours, groups);
    }

    private static Colour need(Map<String, Colour> vars, String name, int group) {
        Colour c = vars.get(name);
        if (c == null) throw new IllegalStateException("topology-groups.css: group-colour-" + group + " lacks " + name);
        return c;
    }

    private static String stripComments(String css) {
        return css.replaceAll("(?s)/\\*.*?\\*/", "");
    }

    /** A {@code -tc-} colour by its name without the prefix, e.g. {@code card-border}. */
    public Colour get(String name) {
        Colour c = colours.get("-tc-" + name);
        if (c == null) throw new IllegalStateException("topology-canvas.css defines no colour -tc-" + name);
        return c;
    }

    /** The colours of palette index {@code index} (a {@link GroupColouring.Tag#colour()}). */
    public GroupColours group(int index) {
        return groups[index];
    }
}
