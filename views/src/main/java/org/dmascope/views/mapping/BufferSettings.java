package org.dmascope.views.mapping;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.dmascope.model.kernel.dma.DmaDirection;
import org.dmascope.model.mapping.BufferSpec;
import org.dmascope.model.mapping.DmaBufImporter;
import org.dmascope.model.mapping.PageLayout;
import org.dmascope.model.util.ByteSize;

/**
 * What the buffer chip's popover sets: size, offset, page layout (host memory only), direction, and for a
 * dma-buf the importer and whether the exporter revoked it before the attach.
 *
 * @param offset   host: bytes into the first page (or huge page); P2P: bytes into the registered region
 * @param seed     placement seed of a scattered layout
 * @param importer dma-buf only: how the device attaches; empty: by its class ({@link DmaBufImporter#forDevice})
 * @param revoked  dma-buf only: the exporter revoked the buffer before the attach
 */
public record BufferSettings(long size, long offset, PageLayout.Kind layout, long seed, DmaDirection direction,
                             Optional<DmaBufImporter> importer, boolean revoked) {
    /** Settings without a dma-buf importer choice or revoke. */
    public BufferSettings(long size, long offset, PageLayout.Kind layout, long seed, DmaDirection direction) {
        this(size, offset, layout, seed, direction, Optional.empty(), false);
    }

    public static final long KIB = 1024;
    public static final long MIB = 1024 * KIB;
    public static final long GIB = 1024 * MIB;
    public static final long MIN_SIZE = 4 * KIB;
    public static final long MAX_SIZE = GIB;
    /** Sizes the popover offers, 4 KiB to 1 GiB. */
    public static final List<Long> SIZES = List.of(4 * KIB, 16 * KIB, 64 * KIB, 256 * KIB, MIB, 2 * MIB, 16 * MIB,
            64 * MIB,
            256 * MIB, GIB);
    /** Layouts the popover offers (an explicit page list is for the command line). */
    public static final List<PageLayout.Kind> LAYOUTS = List.of(PageLayout.Kind.CONTIGUOUS, PageLayout.Kind.SCATTERED,
            PageLayout.Kind.HUGE_2M, PageLayout.Kind.HUGE_1G);

    /** Scattered pages show how pages become physical ranges and how the IOMMU joins them. */
    public static final BufferSettings HOST_DEFAULT = new BufferSettings(64 * KIB, 0, PageLayout.Kind.SCATTERED,
            PageLayout.DEFAULT_SEED, DmaDirection.BIDIRECTIONAL);
    public static final BufferSettings P2P_DEFAULT = new BufferSettings(64 * KIB, 0, PageLayout.Kind.CONTIGUOUS,
            PageLayout.DEFAULT_SEED, DmaDirection.BIDIRECTIONAL);

    public static BufferSettings defaultFor(BufferSource s) {
        return s.isHost() ? HOST_DEFAULT : P2P_DEFAULT;
    }

    public BufferSettings withSize(long v) {
        return new BufferSettings(v, offset, layout, seed, direction, importer, revoked);
    }

    public BufferSettings withOffset(long v) {
        return new BufferSettings(size, v, layout, seed, direction, importer, revoked);
    }

    public BufferSettings withLayout(PageLayout.Kind v) {
        return new BufferSettings(size, offset, v, seed, direction, importer, revoked);
    }

    public BufferSettings withSeed(long v) {
        return new BufferSettings(size, offset, layout, v, direction, importer, revoked);
    }

    public BufferSettings withDirection(DmaDirection v) {
        return new BufferSettings(size, offset, layout, seed, v, importer, revoked);
    }

    public BufferSettings withImporter(Optional<DmaBufImporter> v) {
        return new BufferSettings(size, offset, layout, seed, direction, v, revoked);
    }

    public BufferSettings withRevoked(boolean v) {
        return new BufferSettings(size, offset, layout, seed, direction, importer, v);
    }

    /** Why these settings make no buffer from {@code source}, in a sentence; empty when they do. */
    public Optional<String> problem(BufferSource source) {
        if (size < MIN_SIZE || size > MAX_SIZE) return Optional.of("the size must be 4 KiB to 1 GiB");
        if (offset < 0) return Optional.of("the offset must not be negative");
        if (source.isHost()) {
            long unit = layoutOf().unit();
            if (offset >= unit) return Optional.of("the offset must lie inside the first " + ByteSize.format(unit)
                    + " page");
        } else if (Long.compareUnsigned(offset + size, source.capacity()) > 0) {
            return Optional.of("offset + size exceed the " + ByteSize.format(source.capacity()) + " of P2P memory");
        }
        return Optional.empty();
    }

    /**
     * The buffer spec for the engine.
     *
     * @throws IllegalArgumentException with {@link #problem}'s sentence when there is one
     */
    public BufferSpec spec(BufferSource source) {
        Optional<String> p = problem(source);
        if (p.isPresent()) throw new IllegalArgumentException(p.get());
        if (source instanceof BufferSource.Ram r) return new BufferSpec.Host(r.node(), size, offset, layoutOf(),
                direction);
        if (source instanceof BufferSource.DmaBufBar d) {
            return new BufferSpec.DmaBuf(d.exporter(), d.bar(), offset, size, importer, revoked, direction);
        }
        BufferSource.P2pMem m = (BufferSource.P2pMem) source;
        return new BufferSpec.Bar(m.provider(), m.memory().bar(), m.memory().offset() + offset, size, direction);
    }

    private PageLayout layoutOf() {
        return new PageLayout(layout, seed, OptionalLong.empty(), null);
    }

    /** What the chip shows: {@code 64 KiB · scattered}. */
    public String summary(BufferSource source) {
        String s = ByteSize.human(size);
        if (source instanceof BufferSource.DmaBufBar) {
            return s + importer.map(i -> " · " + i.spec()).orElse("") + (revoked ? " · revoked" : "");
        }
        if (!source.isHost()) return s;
        return s + " · " + layoutWords(layout);
    }

    public static String layoutWords(PageLayout.Kind k) {
        switch (k) {
            case CONTIGUOUS:
                return "contiguous";
            case SCATTERED:
                return "scattered";
            case HUGE_2M:
                return "2 MiB huge pages";
            case HUGE_1G:
                return "1 GiB huge pages";
            default:
                return "listed pages";
        }
    }

    public static String directionWords(DmaDirection d) {
        switch (d) {
            case TO_DEVICE:
                return "to the device (TO_DEVICE)";
            case FROM_DEVICE:
                return "from the device (FROM_DEVICE)";
            default:
                return "both ways (BIDIRECTIONAL)";
        }
    }
}
