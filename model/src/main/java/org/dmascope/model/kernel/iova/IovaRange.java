package org.dmascope.model.kernel.iova;

/**
 * One node of the IOVA tree ({@code struct iova}): page frames {@code pfnLo..pfnHi} inclusive.
 * Reserved nodes come from {@code reserve_iova()} and are never freed.
 */
public final class IovaRange {
    /** What holds the range. */
    public enum Kind { ALLOCATED, RESERVED, ANCHOR }

    long pfnLo;
    long pfnHi;
    final Kind kind;
    final String reason;

    IovaRange(long pfnLo, long pfnHi, Kind kind, String reason) {
        this.pfnLo = pfnLo;
        this.pfnHi = pfnHi;
        this.kind = kind;
        this.reason = reason;
    }

    public long pfnLo() {
        return pfnLo;
    }

    public long pfnHi() {
        return pfnHi;
    }

    public Kind kind() {
        return kind;
    }

    /** Why a reserved range is reserved (host-bridge window, MSI doorbell…); empty for allocations. */
    public String reason() {
        return reason;
    }

    public long pages() {
        return pfnHi - pfnLo + 1;
    }

    @Override
    public String toString() {
        return kind + "[0x" + Long.toHexString(pfnLo) + "-0x" + Long.toHexString(pfnHi) + "]";
    }
}
