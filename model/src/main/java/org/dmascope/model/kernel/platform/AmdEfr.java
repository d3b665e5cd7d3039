package org.dmascope.model.kernel.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.dmascope.model.util.Hex;

/**
 * The AMD IOMMU's Extended Feature Register (EFR), the 64-bit value the kernel prints at boot as
 * {@code AMD-Vi: Extended features (0x…)} and lspci cannot show. Only the bits the default-domain rule
 * (R-AMD-1) reads are named; the others are kept as given. Bit numbers from drivers/iommu/amd/amd_iommu_types.h
 * ({@code FEATURE_PPR} bit 1, {@code FEATURE_GT} bit 4, {@code FEATURE_GIOSUP} bit 48, {@code FEATURE_EPHSUP}
 * bit 50, {@code FEATURE_SNP} bit 63).
 *
 * @param value the register as read (the kernel uses the AND of all IOMMUs' values since v6.7)
 */
public record AmdEfr(long value) {
    /** Peripheral Page Request support. */
    public static final long PPR = 1L << 1;
    /** Guest Translation support (the "IOMMUv2" page tables behind PASIDs). */
    public static final long GT = 1L << 4;
    /** Guest I/O protection support. */
    public static final long GIOSUP = 1L << 48;
    /** Enhanced PPR handling support. */
    public static final long EPHSUP = 1L << 50;
    /** SEV-SNP support (whether SNP is enabled is a separate fact). */
    public static final long SNPSUP = 1L << 63;

    /** What dmascope assumes when nothing says: a Zen-era IOMMU, with GT, PPR, GIOSup and EPHSup. */
    public static final AmdEfr ASSUMED = new AmdEfr(PPR | GT | GIOSUP | EPHSUP);

    private static final long[] BITS = {PPR, GT, GIOSUP, EPHSUP, SNPSUP};
    private static final String[] NAMES = {"ppr", "gt", "giosup", "ephsup", "snp"};

    public boolean gt() {
        return (value & GT) != 0;
    }

    public boolean ppr() {
        return (value & PPR) != 0;
    }

    public boolean has(long bit) {
        return (value & bit) == bit;
    }

    /**
     * Reads a setting: the register in hex ({@code 0x400f77ef22294ada}), a comma-separated list of the named
     * features ({@code gt,ppr}, {@code gt,ppr,giosup,ephsup}) or {@code none}.
     *
     * @throws IllegalArgumentException with a sentence naming what is accepted
     */
    public static AmdEfr parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("0x")) {
            try {
                return new AmdEfr(Hex.parse(s));
            } catch (NumberFormatException e) {
                throw refused(text);
            }
        }
        if (s.equals("none")) return new AmdEfr(0);
        long v = 0;
        for (String part : s.split("[,+ ]+", -1)) {
            int i = List.of(NAMES).indexOf(part);
            if (i < 0) throw refused(text);
            v |= BITS[i];
        }
        return new AmdEfr(v);
    }

    private static IllegalArgumentException refused(String text) {
        return new IllegalArgumentException("\"" + text + "\" is not an AMD IOMMU EFR (the register in hex as "
                + "\"AMD-Vi: Extended features (0x…)\" prints it, e.g. 0x400f77ef22294ada, or features from gt, ppr, "
                + "giosup, ephsup, snp separated by commas, or none)");
    }

    /** The named features present, upper-case as the AMD manual spells them: {@code GT PPR GIOSup EPHSup}. */
    public String features() {
        List<String> out = new ArrayList<>();
        if (gt()) out.add("GT");
        if (ppr()) out.add("PPR");
        if (has(GIOSUP)) out.add("GIOSup");
        if (has(EPHSUP)) out.add("EPHSup");
        if (has(SNPSUP)) out.add("SNPSup");
        return out.isEmpty() ? "none of GT, PPR, GIOSup, EPHSup" : String.join(" ", out);
    }

    /** {@code 0x400f77ef22294ada (GT PPR GIOSup EPHSup)}, or the features alone for a value built from names. */
    public String shown() {
        long named = PPR | GT | GIOSUP | EPHSUP | SNPSUP;
        return (value & ~named) != 0 ? Hex.addr(value) + " (" + features() + ")" : features();
    }
}
