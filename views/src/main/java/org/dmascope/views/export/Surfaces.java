package org.dmascope.views.export;

/** Opens the back end of a format, for the pictures of this package. */
final class Surfaces {
    private Surfaces() {
    }

    /**
     * The surface for {@code format}, showing {@code width} × {@code height} layout pixels from layout point x, y.
     *
     * @param pngScale image pixels per layout pixel, already limited by {@link Picture#pngScale}
     */
    static Surface open(PictureFormat format, double width, double height, double x, double y, String title,
                        double pngScale, TextMeasure measure) {
        return switch (format) {
            case SVG -> new SvgSurface(width, height, x, y, title);
            case PDF -> new PdfSurface(width, height, x, y, title);
            case PNG -> new PngSurface(Math.max(1, (int) Math.ceil(width * pngScale)), Math.max(1,
                    (int) Math.ceil(height * pngScale)), pngScale, x, y, measure);
        };
    }
}
