package org.dmascope.model.session;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.dmascope.model.mapping.BlockPath;
import org.dmascope.model.mapping.IommuMode;
import org.dmascope.model.mapping.MapApi;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;

/**
 * The map options by name, as text: the one reader of them for the command line and scenario files.
 * Names are those of the command line without the dashes; a bad value is refused with a sentence
 * that says what is accepted.
 */
public final class MapOptionSettings {
    public static final String API = "api";
    public static final String IOMMU_MODE = "iommu-mode";
    public static final String DMA_MASK = "dma-mask";
    public static final String MAX_SEG = "max-seg";
    public static final String SEG_BOUNDARY = "seg-boundary";
    public static final String MIN_ALIGN = "min-align";
    public static final String BLOCK_PATH = "block-path";
    public static final String DOMAIN = "domain";
    public static final String MDTS = "mdts";
    public static final String MAX_SECTORS_KB = "max-sectors-kb";

    /** Every name, in the order the command line's help lists them. */
    public static final List<String> NAMES = List.of(API, IOMMU_MODE, DOMAIN, DMA_MASK, MAX_SEG, SEG_BOUNDARY,
            MIN_ALIGN, BLOCK_PATH, MDTS, MAX_SECTORS_KB);

    private MapOptionSettings() {
    }

    /**
     * {@code o} with the option {@code name} set to {@code value}.
     *
     * @throws IllegalArgumentException when the name is unknown or the value not one it takes, with a sentence
     */
    public static MapOptions set(MapOptions o, String name, String value) {
        String v = value == null ? "" : value.trim();
        return switch (name) {
            case API -> o.withApi(api(v));
            case IOMMU_MODE -> o.withIommuMode(Optional.of(iommuMode(v)));
            case DMA_MASK -> o.withDmaMaskBits(OptionalInt.of(maskBits(v)));
            case MAX_SEG -> o.withMaxSegmentSize(OptionalLong.of(maxSegment(v)));
            case SEG_BOUNDARY -> o.withSegmentBoundaryMask(OptionalLong.of(boundary(v)));
            case MIN_ALIGN -> o.withMinAlignMask(OptionalLong.of(mask(v, "a hex mask such as 0xfff")));
            case BLOCK_PATH -> o.withBlockPath(blockPath(v));
            case MDTS -> o.withQueue(o.queue().withMdts(OptionalInt.of(mdts(v))));
            case MAX_SECTORS_KB -> o.withQueue(o.queue().withMaxSectorsKb(OptionalLong.of(maxSectorsKb(v))));
            case DOMAIN -> {
                if (v.isEmpty()) throw new IllegalArgumentException("a domain needs a name");
                yield o.withDomainId(Optional.of(v));
            }
            default -> throw new IllegalArgumentException(name + " is not a map option (one of " + String.join(", ",
                    NAMES) + ")");
        };
    }

    public static MapApi api(String v) {
        return MapApi.parse(v).orElseThrow(() -> refused(v, "sg, phys, block or iova"));
    }

    public static IommuMode iommuMode(String v) {
        return IommuMode.parse(v).orElseThrow(() -> refused(v, "dma, lazy, identity or off"));
    }

    public static int maskBits(String v) {
        try {
            int b = Integer.parseInt(v);
            if (b >= 1 && b <= 64) return b;
        } catch (NumberFormatException e) {
            // refused below
        }
        throw refused(v, "a bit count 1-64");
    }

    public static long maxSegment(String v) {
        long s;
        try {
            s = ByteSize.parse(v);
        } catch (NumberFormatException e) {
            throw refused(v, "a size such as 65536, 0x10000 or 64KiB");
        }
        if (s <= 0 || s > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("\"" + v
                    + "\" is out of range: 1 byte to 0xffffffff (the kernel keeps it in an"
                    + " unsigned int)");
        }
        return s;
    }

    public static long boundary(String v) {
        long m = mask(v, "a mask 2^n-1 such as 0xffffffff");
        if (m != -1L && Long.bitCount(m + 1) != 1) throw refused(v, "a mask 2^n-1 such as 0xffffffff");
        return m;
    }

    /** NVMe MDTS: 0 (no limit) to 20, in powers of two of the 4 KiB controller page. */
    public static int mdts(String v) {
        try {
            int m = Integer.parseInt(v);
            if (m >= 0 && m <= 20) return m;
        } catch (NumberFormatException e) {
            // refused below
        }
        throw refused(v, "an MDTS 0-20 (0: no limit; 5 = 128 KiB in 4 KiB pages)");
    }

    /** sysfs max_sectors_kb: KiB, at least 4 (one page). */
    public static long maxSectorsKb(String v) {
        try {
            long k = Long.parseLong(v);
            if (k >= 4 && k <= (1L << 31)) return k;
        } catch (NumberFormatException e) {
            // refused below
        }
        throw refused(v, "a max_sectors_kb of at least 4 (KiB)");
    }

    public static BlockPath blockPath(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "auto" -> BlockPath.AUTO;
            case "dma-iter" -> BlockPath.DMA_ITER;
            case "map-sg" -> BlockPath.MAP_SG;
            default -> throw refused(v, "auto, dma-iter or map-sg");
        };
    }

    private static long mask(String v, String accepted) {
        try {
            return Hex.parse(v);
        } catch (NumberFormatException e) {
            throw refused(v, accepted);
        }
    }

    private static IllegalArgumentException refused(String v, String accepted) {
        return new IllegalArgumentException("\"" + v + "\" is not " + accepted);
    }
}
