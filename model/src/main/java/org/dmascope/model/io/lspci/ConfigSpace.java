package org.dmascope.model.io.lspci;

import java.util.Arrays;

/**
 * A function's configuration space as far as a hex dump shows it: up to 4096 bytes, each either known
 * or not (a {@code -x} dump shows 64 bytes, {@code -xxx} 256, {@code -xxxx} 4096; a damaged paste may
 * miss rows anywhere). Reads of unknown bytes are refused by {@link #known}; callers check first.
 */
public final class ConfigSpace {
    public static final int SIZE = 4096;

    private final byte[] bytes = new byte[SIZE];
    private final boolean[] known = new boolean[SIZE];
    private final int[] rowLine = new int[SIZE / 16];
    private int knownCount;

    /** Records {@code values} starting at {@code offset}, stated on {@code line}; false if a byte was already set. */
    public boolean set(int offset, int[] values, int count, int line) {
        boolean fresh = true;
        for (int i = 0; i < count && offset + i < SIZE; i++) {
            int o = offset + i;
            if (known[o]) {
                fresh = false;
                continue;
            }
            bytes[o] = (byte) values[i];
            known[o] = true;
            knownCount++;
        }
        if (offset < SIZE && rowLine[offset >> 4] == 0) rowLine[offset >> 4] = line;
        return fresh;
    }

    public boolean isEmpty() {
        return knownCount == 0;
    }

    /** True when all {@code length} bytes from {@code offset} were dumped. */
    public boolean known(int offset, int length) {
        if (offset < 0 || offset + length > SIZE) return false;
        for (int i = offset; i < offset + length; i++) if (!known[i]) return false;
        return true;
    }

    /** The number of bytes dumped without a gap from offset 0. */
    public int contiguousLength() {
        int n = 0;
        while (n < SIZE && known[n]) n++;
        return n;
    }

    public int u8(int offset) {
        return bytes[offset] & 0xFF;
    }

    public int u16(int offset) {
        return u8(offset) | u8(offset + 1) << 8;
    }

    public long u32(int offset) {
        return (u16(offset) | (long) u16(offset + 2) << 16) & 0xFFFF_FFFFL;
    }

    /** The 1-based line of the dump row holding {@code offset}, or 0 when that row was not dumped. */
    public int lineOf(int offset) {
        return offset >= 0 && offset < SIZE ? rowLine[offset >> 4] : 0;
    }

    /** A dump from bytes, for tests: {@code bytes.length} bytes from offset 0, all on line 1. */
    public static ConfigSpace of(byte[] bytes) {
        ConfigSpace c = new ConfigSpace();
        int[] v = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) v[i] = bytes[i] & 0xFF;
        c.set(0, v, Math.min(v.length, SIZE), 1);
        Arrays.fill(c.rowLine, 0, Math.min(SIZE, bytes.length + 15) / 16, 1);
        return c;
    }
}
