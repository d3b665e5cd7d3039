package org.dmascope.views.topology;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A line between boxes, as a polyline of orthogonal segments, with an optional label.
 *
 * @param points     x0, y0, x1, y1, … at zoom 1
 * @param downgraded the PCIe link trained below what the device can do
 */
public record Connector(Kind kind, double[] points, boolean downgraded, Optional<Label> label) {

    public enum Kind {
        /** Inside a root complex or on a bus whose link is not known. */
        BUS,
        /** A PCIe link from a port to the device below it. */
        PCIE_LINK,
        /** A conventional PCI bus below a PCIe-to-PCI bridge. */
        PCI_BUS,
        /** From a physical function to its virtual functions. */
        VIRTUAL_FUNCTIONS
    }

    /** Label text (one or two lines) and the box reserved for it. */
    public record Label(List<String> lines, Rect bounds) {
        public String text() {
            return String.join("\n", lines);
        }
    }

    public Connector {
        if (points.length < 4
                || points.length % 2 != 0) throw new IllegalArgumentException("a connector needs two or more points");
        points = points.clone();
    }

    @Override
    public double[] points() {
        return points.clone();
    }

    public int pointCount() {
        return points.length / 2;
    }

    public double x(int i) {
        return points[2 * i];
    }

    public double y(int i) {
        return points[2 * i + 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Connector c && kind == c.kind && downgraded == c.downgraded && Arrays.equals(points,
                c.points)
                && label.equals(c.label);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(points) + kind.hashCode();
    }

    @Override
    public String toString() {
        return "Connector[" + kind + " " + Arrays.toString(points) + label.map(l -> " " + l.text()).orElse("") + "]";
    }
}
