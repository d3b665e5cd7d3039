package org.dmascope.views.topology;

/** An axis-aligned rectangle in canvas coordinates (zoom 1). */
public record Rect(double x, double y, double width, double height) {

    public double maxX() {
        return x + width;
    }

    public double maxY() {
        return y + height;
    }

    public double centerX() {
        return x + width / 2;
    }

    public double centerY() {
        return y + height / 2;
    }

    /** True when the interiors overlap (touching edges do not count). */
    public boolean overlaps(Rect o) {
        return x < o.maxX() && o.x < maxX() && y < o.maxY() && o.y < maxY();
    }

    public boolean contains(Rect o) {
        return o.x >= x && o.y >= y && o.maxX() <= maxX() && o.maxY() <= maxY();
    }

    public Rect withHeight(double h) {
        return new Rect(x, y, width, h);
    }

    public Rect union(Rect o) {
        double minX = Math.min(x, o.x);
        double minY = Math.min(y, o.y);
        return new Rect(minX, minY, Math.max(maxX(), o.maxX()) - minX, Math.max(maxY(), o.maxY()) - minY);
    }
}
