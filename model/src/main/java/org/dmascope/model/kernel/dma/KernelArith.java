package org.dmascope.model.kernel.dma;

/**
 * The kernel's bit arithmetic, done on unsigned 64-bit values the way C does it
 * (kernel-dma-rules.md section 2.11). Every rule uses these helpers instead of open-coding
 * shifts, so a sign slip shows up in one place.
 */
public final class KernelArith {
    /** x86-64 and arm64 with 4 KiB pages: {@code PAGE_SHIFT}. */
    public static final int PAGE_SHIFT = 12;
    /** {@code PAGE_SIZE}. */
    public static final long PAGE_SIZE = 1L << PAGE_SHIFT;
    /** {@code DMA_MAPPING_ERROR}: all ones. */
    public static final long DMA_MAPPING_ERROR = -1L;
    /** {@code U32_MAX} / {@code UINT_MAX}. */
    public static final long UINT_MAX = 0xFFFF_FFFFL;

    private KernelArith() {
    }

    /** {@code __ffs(x)}: index of the lowest set bit; x must not be 0. */
    public static int ffs(long x) {
        return Long.numberOfTrailingZeros(x);
    }

    /** {@code __fls(x)}: index of the highest set bit; x must not be 0. */
    public static int fls(long x) {
        return 63 - Long.numberOfLeadingZeros(x);
    }

    /** {@code fls_long(x)}: one more than the highest set bit, 0 for 0. */
    public static int flsLong(long x) {
        return 64 - Long.numberOfLeadingZeros(x);
    }

    /** {@code roundup_pow_of_two(x)} for x &ge; 1. */
    public static long roundupPowOfTwo(long x) {
        return 1L << flsLong(x - 1);
    }

    /** {@code order_base_2(n)}: the power of two at or above n, as an exponent. */
    public static int orderBase2(long n) {
        return n > 1 ? flsLong(n - 1) : 0;
    }

    /** {@code min_not_zero(a, b)}, unsigned. */
    public static long minNotZero(long a, long b) {
        if (a == 0) return b;
        if (b == 0) return a;
        return minU(a, b);
    }

    public static long minU(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0 ? a : b;
    }

    public static long maxU(long a, long b) {
        return Long.compareUnsigned(a, b) >= 0 ? a : b;
    }

    /** a &lt; b unsigned. */
    public static boolean ltU(long a, long b) {
        return Long.compareUnsigned(a, b) < 0;
    }

    /** a &le; b unsigned. */
    public static boolean leU(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0;
    }

    /** {@code ALIGN(x, a)} for a power-of-two a. */
    public static long alignUp(long x, long a) {
        return (x + a - 1) & -a;
    }

    /** {@code ALIGN_DOWN(x, a)} for a power-of-two a. */
    public static long alignDown(long x, long a) {
        return x & -a;
    }

    /** {@code DMA_BIT_MASK(n)}. */
    public static long dmaBitMask(int n) {
        return n >= 64 ? -1L : (1L << n) - 1;
    }

    /** {@code bits_per(x)}: number of bits needed to represent x (the "Using N-bit DMA addresses" notice). */
    public static int bitsPer(long x) {
        return x == 0 ? 1 : flsLong(x);
    }

    public static boolean isPowerOfTwo(long x) {
        return x != 0 && (x & (x - 1)) == 0;
    }

    /** {@code GENMASK(h, 0)}. */
    public static long genmaskLow(int h) {
        return h >= 63 ? -1L : (1L << (h + 1)) - 1;
    }
}
