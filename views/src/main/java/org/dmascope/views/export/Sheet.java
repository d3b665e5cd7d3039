package org.dmascope.views.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a picture of a tab shows, as words and tables rather than pixels: headings, paragraphs,
 * tables of cells and chains of boxes joined by captioned arrows, top to bottom. The matrix, the
 * scatter list and the page walk each say what they show as a sheet ({@code MatrixSheet},
 * {@code ScatterListSheet}, {@code PageWalkSheet}); {@link SheetPicture} lays it out and draws it
 * through the same back ends as the topology, so text stays text in SVG and PDF.
 *
 * @param title  the document's title (SVG title, PDF information)
 * @param blocks what is drawn, top to bottom
 */
public record Sheet(String title, List<Block> blocks) {
    public Sheet {
        Objects.requireNonNull(title);
        blocks = List.copyOf(blocks);
    }

    /** What a cell or box is about, which picks its fill: the map types take the matrix's colours. */
    public enum Tone {
        PLAIN,
        /** Column and row headers. */
        HEADER,
        /** Inside the PCIe fabric (BUS_ADDR): the matrix's blue. */
        PEER,
        /** Through the host bridge (THRU_HOST_BRIDGE): the matrix's orange. */
        HOST,
        /** Refused (NOT_SUPPORTED): the matrix's grey. */
        REFUSED,
        /** A device with itself. */
        SELF,
        /** Bounced or copied through another buffer. */
        BOUNCE,
        /** Made by this mapping (a new page table). */
        NEW
    }

    /** One cell: its text, its tone, and whether it is set in the monospaced font (addresses, bits). */
    public record Cell(String text, Tone tone, boolean mono) {
        public Cell {
            Objects.requireNonNull(text);
            Objects.requireNonNull(tone);
        }

        public static Cell of(String text) {
            return new Cell(text, Tone.PLAIN, false);
        }

        public static Cell mono(String text) {
            return new Cell(text, Tone.PLAIN, true);
        }

        public Cell in(Tone t) {
            return new Cell(text, t, mono);
        }
    }

    /** A part of a sheet. */
    public sealed interface Block permits Heading, Paragraph, Table, Chain {
    }

    /** A heading line in bold. */
    public record Heading(String text) implements Block {
    }

    /** Text wrapped to the sheet's width; muted for notes and legends. */
    public record Paragraph(String text, boolean muted) implements Block {
    }

    /**
     * A table: a header row and rows of cells, every row as long as the header.
     *
     * @param rowHeaders the first column is a header column (the matrix's providers)
     */
    public record Table(List<Cell> headers, List<List<Cell>> rows, boolean rowHeaders) implements Block {
        public Table {
            headers = List.copyOf(headers);
            rows = rows.stream().map(List::copyOf).toList();
            for (List<Cell> r : rows) {
                if (r.size() != headers.size()) {
                    throw new IllegalArgumentException("a row of " + r.size() + " cells under " + headers.size()
                            + " headers");
                }
            }
        }
    }

    /**
     * A box of a chain: a title over lines, filled in the box's tone. A line's own tone only says how it is
     * set: {@link Tone#PLAIN} in the text colour, any other muted (a note under a value).
     */
    public record Box(String title, List<Cell> lines, Tone tone) {
        public Box {
            Objects.requireNonNull(title);
            lines = List.copyOf(lines);
            Objects.requireNonNull(tone);
        }
    }

    /**
     * Boxes left to right (wrapping onto further rows when wide), each joined to the next by an arrow
     * with a caption ({@code links.get(i)} between box i and i + 1; empty for a bare arrow).
     */
    public record Chain(List<Box> boxes, List<String> links) implements Block {
        public Chain {
            boxes = List.copyOf(boxes);
            links = List.copyOf(links);
            if (boxes.isEmpty() || links.size() != boxes.size() - 1) {
                throw new IllegalArgumentException("a chain of " + boxes.size() + " boxes needs " + (boxes.size() - 1)
                        + " links, not " + links.size());
            }
        }
    }

    /** Builds a sheet block by block. */
    public static Builder builder(String title) {
        return new Builder(title);
    }

    /** Collects the blocks of a sheet. */
    public static final class Builder {
        private final String title;
        private final List<Block> blocks = new ArrayList<>();

        private Builder(String title) {
            this.title = title;
        }

        public Builder heading(String text) {
            blocks.add(new Heading(text));
            return this;
        }

        public Builder paragraph(String text) {
            blocks.add(new Paragraph(text, false));
            return this;
        }

        public Builder note(String text) {
            blocks.add(new Paragraph(text, true));
            return this;
        }

        public Builder add(Block b) {
            blocks.add(Objects.requireNonNull(b));
            return this;
        }

        public Sheet build() {
            return new Sheet(title, blocks);
        }
    }
}
