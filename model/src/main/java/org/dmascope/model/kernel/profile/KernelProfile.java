package org.dmascope.model.kernel.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Which kernel's behaviour to reproduce. Rules that changed over time ask the profile's version
 * ({@code profile.atLeast(6, 16)}) rather than carrying their own flags, so each rule keeps the
 * history of its own change next to its code (kernel-dma-rules.md section 4).
 *
 * <p>The profiles are every LTS release and every release at which a modelled rule changed, newest
 * first. {@code mainline} is not a profile of its own: it is accepted wherever an id is (command line,
 * scenario files, preferences) and names the newest profile, {@link #MAINLINE}. Old files that say
 * {@code mainline} therefore follow the newest kernel the product knows, which is what the word meant
 * when they were written.
 */
public enum KernelProfile implements KernelVersion {
    /** io_uring / NVMe premapped dma-buf I/O (ed02f4f7); the newest profile, what {@code mainline} names. */
    V7_4("7.4", "Linux 7.4 (mainline)", 7, 4),
    /** dma-direct maps THRU_HOST_BRIDGE segments again (560000d619ef, 7.1-rc7). */
    V7_1("7.1", "Linux 7.1", 7, 1),
    /** {@code struct phys_vec} in types.h; the last release whose dma-direct leaves THRU_HOST_BRIDGE unset. */
    V7_0("7.0", "Linux 7.0", 7, 0),
    /** The {@code .map_page} op removed; P2PDMA providers without struct page; 47-bit first-stage VT-d. */
    V6_19("6.19", "Linux 6.19", 6, 19),
    /** {@code dma_map_phys} and {@code DMA_ATTR_MMIO}; the 2025 LTS. */
    V6_18("6.18", "Linux 6.18 (LTS)", 6, 18),
    /** The block DMA iterator {@code blk_rq_dma_map_iter_start/next}, NVMe converted. */
    V6_17("6.17", "Linux 6.17", 6, 17),
    /** The two-step IOVA API and the P2PDMA mapping-helper refactor (a25e7962db0d). */
    V6_16("6.16", "Linux 6.16", 6, 16),
    /** The 2024 LTS: {@code pci=config_acs=} (6.11) and sticky IOVA 32-bit fallback (6.4) included. */
    V6_12("6.12", "Linux 6.12 (LTS)", 6, 12),
    /** The 2023 LTS. */
    V6_6("6.6", "Linux 6.6 (LTS)", 6, 6),
    /** The 2022 LTS (Debian 12). */
    V6_1("6.1", "Linux 6.1 (LTS)", 6, 1),
    /** Ubuntu 22.04 / RHEL 9 era. */
    V5_15("5.15", "Linux 5.15 (LTS)", 5, 15),
    /** The 2020 LTS (Debian 11): ACS enabled again on capability-less PCH root ports, P2P by CPU vendor. */
    V5_10("5.10", "Linux 5.10 (LTS)", 5, 10),
    /**
     * Linux 5.9 before the stable fix: 52fbf5bdeeef ("PCI: Cache ACS capability offset in device", v5.9-rc1)
     * made {@code pci_acs_init()} call {@code pci_enable_acs()} only for devices with an ACS capability, so
     * Intel PCH root ports (no capability, enabled by a quirk) lost their isolation until 462b58fb0339
     * ("PCI: Always enable ACS even if no ACS Capability", v5.10-rc3, backported to 5.9.y).
     */
    V5_9("5.9", "Linux 5.9 (PCH root ports lose ACS)", 5, 9),
    /** Ubuntu 20.04 era: ACS redirect rejects P2P outright, AMD only by the Zen host-bridge entry. */
    V5_4("5.4", "Linux 5.4 (LTS)", 5, 4);

    /** The id that names the newest profile. */
    public static final String MAINLINE_ID = "mainline";

    /** What {@code mainline} means: the newest profile. */
    public static final KernelProfile MAINLINE = V7_4;

    private final String id;
    private final String label;
    private final int major;
    private final int minor;

    KernelProfile(String id, String label, int major, int minor) {
        this.id = id;
        this.label = label;
        this.major = major;
        this.minor = minor;
    }

    /** The name used on the command line and in files: {@code 6.19}, {@code 5.4}. */
    public String id() {
        return id;
    }

    @Override
    public String label() {
        return label;
    }

    /** The release number without the word Linux: {@code 6.12}. */
    public String version() {
        return major + "." + minor;
    }

    public int major() {
        return major;
    }

    public int minor() {
        return minor;
    }

    /** True when this kernel is version {@code major.minor} or newer. */
    @Override
    public boolean atLeast(int major, int minor) {
        return this.major > major || (this.major == major && this.minor >= minor);
    }

    /** The profile one release older in this list, if any. */
    public Optional<KernelProfile> older() {
        return ordinal() + 1 < values().length ? Optional.of(values()[ordinal() + 1]) : Optional.empty();
    }

    /** A profile id, or {@code mainline} for the newest profile; any case. */
    public static Optional<KernelProfile> byId(String id) {
        if (MAINLINE_ID.equalsIgnoreCase(id)) return Optional.of(MAINLINE);
        return Arrays.stream(values()).filter(p -> p.id.equalsIgnoreCase(id)).findFirst();
    }

    /** Every accepted id, {@code mainline} first. */
    public static String ids() {
        return MAINLINE_ID + ", " + String.join(", ", Arrays.stream(values()).map(KernelProfile::id).toList());
    }

    /** The profiles oldest first, the order a history is read in. */
    public static List<KernelProfile> oldestFirst() {
        List<KernelProfile> l = new ArrayList<>(Arrays.asList(values()));
        Collections.reverse(l);
        return l;
    }
}
