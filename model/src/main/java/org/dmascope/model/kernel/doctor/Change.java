package org.dmascope.model.kernel.doctor;

import java.util.Objects;

/**
 * One change a user can make that may alter a P2P verdict or an IOMMU group.
 *
 * @param kind   what sort of change
 * @param words  the change in a sentence, e.g. "boot with pci=disable_acs_redir=0000:02:00.0"
 * @param option how to try it in dmascope ({@code --cmdline "…"}, {@code --cpu amd:0x19}, {@code --kernel 5.15}); empty
 *               when it is not an option (re-running lspci, moving a card)
 */
public record Change(Kind kind, String words, String option) {

    /** The sorts of change, smallest first. */
    public enum Kind {
        /** Export the machine again so the input shows a fact it lacks. */
        RERUN_LSPCI("re-run lspci"),
        /** Tell dmascope the CPU (Platform & Kernel, {@code --cpu}). */
        SET_CPU("set the CPU"),
        /** A kernel command-line option. */
        BOOT_OPTION("boot option"),
        /** Enable the IOMMU so the kernel requests ACS. */
        IOMMU("IOMMU setting"),
        /** Another kernel version or profile. */
        KERNEL_VERSION("kernel version"),
        /** Move a card to another slot. */
        MOVE_CARD("move a card");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public Change {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(words);
        Objects.requireNonNull(option);
    }
}
