package org.dmascope.views.scatterlist;

import javafx.collections.ObservableListBase;

/**
 * The numbers {@code 0 .. size-1} as an unmodifiable observable list: the table's items, so a table of
 * a quarter of a million rows holds no row object at all (only the visible cells box an index).
 */
final class RowIndexList extends ObservableListBase<Integer> {
    private final int size;

    RowIndexList(int size) {
        this.size = size;
    }

    @Override
    public Integer get(int index) {
        if (index < 0 || index >= size) throw new IndexOutOfBoundsException("row " + index + " of " + size);
        return index;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int indexOf(Object o) {
        return o instanceof Integer i && i >= 0 && i < size ? i : -1;
    }

    @Override
    public int lastIndexOf(Object o) {
        return indexOf(o);
    }

    @Override
    public boolean contains(Object o) {
        return indexOf(o) >= 0;
    }
}
