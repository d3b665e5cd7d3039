package org.dmascope.views.export;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A picture of a {@link Sheet} (the P2P matrix, the scatter list, the page walk) in SVG, PNG or PDF
 * through the same back ends as the topology's, without the JavaFX toolkit: {@code dmascope draw --what}
 * and File ▸ Export Picture both draw through here.
 */
public final class SheetPicture implements Picture {
    private final Sheet sheet;
    private final TextMeasure measure = new TextMeasure();
    private final SheetPainter painter;
    private final double height;

    private SheetPicture(Sheet sheet) {
        this.sheet = sheet;
        this.painter = new SheetPainter(sheet, SheetPalette.light(), measure);
        this.height = painter.height();
    }

    public static SheetPicture of(Sheet sheet) {
        return new SheetPicture(sheet);
    }

    @Override
    public double width() {
        return painter.width();
    }

    @Override
    public double height() {
        return height;
    }

    @Override
    public void write(PictureFormat format, double pngScale, OutputStream out) throws IOException {
        Surface s = Surfaces.open(format, width(), height(), 0, 0, sheet.title(), pngScale(pngScale), measure);
        painter.paint(s);
        s.finish(out);
    }
}
