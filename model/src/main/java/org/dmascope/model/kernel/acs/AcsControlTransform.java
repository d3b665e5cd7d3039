package org.dmascope.model.kernel.acs;

/**
 * What one boot writes to a port's 16-bit ACS Control register, as a function of the value firmware
 * left there ({@code caps.fw_ctrl}): {@code written = (fw & pass) | force}. Every step of
 * {@code pci_enable_acs()} (drivers/pci/pci.c) is of that form — setting bits, clearing bits, or taking
 * bits from firmware — so a whole boot is one transform. That also lets a shown value be traced back:
 * the bits a boot passed through from firmware are firmware's ({@link #firmwareFrom}); the bits it wrote
 * regardless of firmware say nothing about it.
 *
 * @param pass  bits taken from the firmware value
 * @param force bits written as 1 whatever firmware had (never overlapping {@code pass})
 */
public record AcsControlTransform(int pass, int force) {
    /** 16 bits: the register width. */
    static final int REGISTER = 0xFFFF;
    /** A boot that writes back what firmware left. */
    public static final AcsControlTransform FIRMWARE = new AcsControlTransform(REGISTER, 0);

    public AcsControlTransform {
        force &= REGISTER;
        pass &= REGISTER & ~force;
    }

    /** {@code ctrl |= bits}. */
    public AcsControlTransform set(int bits) {
        return new AcsControlTransform(pass & ~bits, force | bits);
    }

    /** {@code ctrl &= ~bits}. */
    public AcsControlTransform clear(int bits) {
        return new AcsControlTransform(pass & ~bits, force & ~bits);
    }

    /** {@code ctrl = (ctrl & ~mask) | (fw_ctrl & mask); ctrl |= flags} (v6.11 – v6.14). */
    public AcsControlTransform firmwareUnderMaskThenSet(int mask, int flags) {
        return new AcsControlTransform((pass & ~mask) | mask, (force & ~mask)).set(flags);
    }

    /** {@code ctrl = (fw_ctrl & ~mask) | (flags & mask)} (v6.15+): the earlier steps are forgotten. */
    public static AcsControlTransform firmwareOutsideMask(int mask, int flags) {
        return new AcsControlTransform(~mask, flags & mask);
    }

    /** The value written for a firmware value. */
    public int apply(int firmware) {
        return ((firmware & pass) | force) & REGISTER;
    }

    /**
     * The firmware value a shown (read-back) value implies: the bits this boot took from firmware are
     * read from {@code shown}; the bits it wrote regardless of firmware are taken as 0 (unknown).
     */
    public int firmwareFrom(int shown) {
        return shown & pass;
    }
}
