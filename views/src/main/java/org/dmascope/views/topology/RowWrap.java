package org.dmascope.views.topology;

/**
 * Breaks a row of boxes into rows with the same number in each (the last may have fewer), choosing
 * the number that brings the whole closest to a target width-to-height ratio. A NUMA node with four
 * wide host bridges then becomes two rows of two instead of one endless row.
 */
final class RowWrap {
    private final int[] counts;
    private final double[] widths;
    private final double[] heights;
    private final double width;
    private final double height;

    private RowWrap(int[] counts, double[] widths, double[] heights, double width, double height) {
        this.counts = counts;
        this.widths = widths;
        this.heights = heights;
        this.width = width;
        this.height = height;
    }

    static RowWrap arrange(double[] w, double[] h, double gap, double targetAspect) {
        int n = w.length;
        if (n == 0) return new RowWrap(new int[0], new double[0], new double[0], 0, 0);
        RowWrap best = null;
        double bestScore = Double.MAX_VALUE;
        for (int perRow = n; perRow >= 1; perRow--) {
            RowWrap r = of(w, h, gap, perRow);
            double score = Math.abs(Math.log(Math.max(r.width, 1) / Math.max(r.height, 1) / targetAspect));
            if (score < bestScore - 1e-9) {
                best = r;
                bestScore = score;
            }
        }
        return best;
    }

    static RowWrap of(double[] w, double[] h, double gap, int perRow) {
        int n = w.length;
        int rows = (n + perRow - 1) / perRow;
        int[] counts = new int[rows];
        double[] widths = new double[rows];
        double[] heights = new double[rows];
        double width = 0;
        double height = 0;
        for (int r = 0; r < rows; r++) {
            counts[r] = Math.min(perRow, n - r * perRow);
            for (int k = 0; k < counts[r]; k++) {
                int i = r * perRow + k;
                widths[r] += w[i] + (k > 0 ? gap : 0);
                heights[r] = Math.max(heights[r], h[i]);
            }
            width = Math.max(width, widths[r]);
            height += heights[r] + (r > 0 ? gap : 0);
        }
        return new RowWrap(counts, widths, heights, width, height);
    }

    int count() {
        return counts.length;
    }

    int members(int row) {
        return counts[row];
    }

    double rowWidth(int row) {
        return widths[row];
    }

    double height(int row) {
        return heights[row];
    }

    double width() {
        return width;
    }

    double height() {
        return height;
    }
}
