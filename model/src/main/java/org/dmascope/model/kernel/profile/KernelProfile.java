package org.dmascope.model.kernel.profile;

import java.util.Arrays;
import java.util.Optional;

/**
 * Which kernel's behaviour to reproduce. Rules that changed over time ask the profile's version
 * ({@code profile.atLeast(6, 16)}) rather than carrying their own flags, so each rule keeps the
 * history of its own change next to its code (kernel-dma-rules.md section 4).
 */
public enum KernelProfile implements KernelVersion {
    /** Mainline as of the reference (≈ v6.18 – v6.19). */
    MAINLINE("mainline", "Linux 6.19 (mainline)", 6, 19),
    /** Ubuntu 22.04 / RHEL 9 era. */
    V5_15("5.15", "Linux 5.15 (LTS)", 5, 15),
    /**
     * Linux 5.9 before the stable fix: 52fbf5bdeeef ("PCI: Cache ACS capability offset in device", v5.9-rc1)
     * made {@code pci_acs_init()} call {@code pci_enable_acs()} only for devices with an ACS capability, so
     * Intel PCH root ports (no capability, enabled by a quirk) lost their isolation until 462b58fb0339
     * ("PCI: Always enable ACS even if no ACS Capability", v5.10-rc3, backported to 5.9.y).
     */
    V5_9("5.9", "Linux 5.9 (PCH root ports lose ACS)", 5, 9),
    /** Ubuntu 20.04 era: ACS redirect rejects P2P outright, AMD only by the Zen host-bridge entry. */
    V5_4("5.4", "Linux 5.4 (LTS)", 5, 4);

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

    /** The name used on the command line and in files: {@code mainline}, {@code 5.4}. */
    public String id() {
        return id;
    }

    @Override
    public String label() {
        return label;
    }

    /** True when this kernel is version {@code major.minor} or newer. */
    @Override
    public boolean atLeast(int major, int minor) {
        return this.major > major || (this.major == major && this.minor >= minor);
    }

    public static Optional<KernelProfile> byId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equalsIgnoreCase(id)).findFirst();
    }

    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(KernelProfile::id).toList());
    }
}
