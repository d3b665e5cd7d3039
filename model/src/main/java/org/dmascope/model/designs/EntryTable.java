package org.dmascope.model.designs;

import java.util.List;
import java.util.function.BiFunction;

/**
 * The entries a design would hold for the buffer, read row by row on demand: a 1 GiB scattered
 * buffer has some 200 000 of them, so no design builds them all up front.
 */
public interface EntryTable {
    List<String> columns();

    int rows();

    String cell(int row, int column);

    /** A table whose cells {@code cell.apply(row, column)} computes when asked. */
    static EntryTable of(List<String> columns, int rows, BiFunction<Integer, Integer, String> cell) {
        List<String> cols = List.copyOf(columns);
        return new EntryTable() {
            @Override
            public List<String> columns() {
                return cols;
            }

            @Override
            public int rows() {
                return rows;
            }

            @Override
            public String cell(int row, int column) {
                if (row < 0 || row >= rows) throw new IndexOutOfBoundsException("row " + row + " of " + rows);
                return cell.apply(row, column);
            }
        };
    }

    /** A small table given row by row. */
    static EntryTable ofRows(List<String> columns, List<List<String>> rows) {
        List<List<String>> copy = rows.stream().map(List::copyOf).toList();
        return of(columns, copy.size(), (r, c) -> copy.get(r).get(c));
    }
}
