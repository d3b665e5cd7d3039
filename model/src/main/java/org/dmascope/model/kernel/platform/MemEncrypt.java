package org.dmascope.model.kernel.platform;

import java.util.Optional;

import org.dmascope.model.kernel.profile.KernelVersion;
import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.topology.Platform.CpuVendor;
import org.dmascope.model.topology.Platform.MemoryEncryption;

/**
 * R-CMD-9 {@code mem_encrypt=on|off} and whether it makes the machine an SME host, read from the raw line
 * before either parameter pass (whole blank-separated words, {@code --} not special):
 * <ul>
 *   <li>v6.11+ (decompressor {@code parse_mem_encrypt()}, arch/x86/boot/compressed/misc.c, read in v6.11.11
 *       and v6.19.0): {@code on = cmdline_find_option_bool("mem_encrypt=on")}, likewise {@code off}; each is the
 *       position of the <em>first</em> occurrence, and SME is on only when {@code on > off}: the option whose
 *       first occurrence comes later wins. Exact words only ({@code mem_encrypt=ON} does nothing).</li>
 *   <li>v6.9 – v6.10 (and the v6.1.119 stable backport): the last {@code mem_encrypt=} must be {@code on}.</li>
 *   <li>v5.x ({@code sme_enable()}, read in v5.4.273 and v5.15.85): the last {@code mem_encrypt=} decides,
 *       {@code on} or {@code off}; another value or none gives {@code CONFIG_AMD_MEM_ENCRYPT_ACTIVE_BY_DEFAULT},
 *       taken as {@code n} (the default of the distributions' and mainline configs) — so off.</li>
 * </ul>
 * The CPU must also have SME: an AMD or Hygon processor ({@code CPUID 0x8000001F}), on bare metal, with
 * firmware having set {@code SYSCFG.MemEncryptionModeEn} (assumed); an Intel CPU or a guest gets no SME.
 * Then {@code sme_me_mask} is the C-bit ({@code CPUID 0x8000001F EBX[5:0]}), which {@code phys_to_dma()} adds
 * to every dma-direct address (R-DIR-1), and x86 always sets up a swiotlb pool (R-DIR-6).
 */
@KernelRule("R-CMD-9")
public final class MemEncrypt {
    private MemEncrypt() {
    }

    /**
     * What the line asks for: true for SME on, false for off (asked for, or what the rule gives when the
     * line names {@code mem_encrypt=} without turning it on), empty when the line does not name it.
     */
    public static Optional<Boolean> requested(String line, KernelVersion profile) {
        String[] words = line.trim().isEmpty() ? new String[0] : line.trim().split("\\s+");
        if (profile.atLeast(6, 11)) {
            int on = firstPosition(words, "mem_encrypt=on");
            int off = firstPosition(words, "mem_encrypt=off");
            boolean named = false;
            for (String w : words) named |= w.startsWith("mem_encrypt=");
            if (!named) return Optional.empty();
            return Optional.of(on > off);
        }
        String last = null;
        for (String w : words) if (w.startsWith("mem_encrypt=")) last = w.substring("mem_encrypt=".length());
        if (last == null) return Optional.empty();
        return Optional.of(last.equals("on"));
    }

    /** 1-based position of the first word equal to {@code word}, 0 when none ({@code cmdline_find_option_bool}). */
    private static int firstPosition(String[] words, String word) {
        for (int i = 0; i < words.length; i++) if (words[i].equals(word)) return i + 1;
        return 0;
    }

    /**
     * Whether the kernel turns SME on, and why.
     *
     * @param requested {@link #requested}
     * @param vendor    CPU 0's vendor, empty when unknown
     * @param stored    the encryption the input reports, if any (a guest stays a guest)
     */
    public static Decision decide(Optional<Boolean> requested, boolean x86, Optional<CpuVendor> vendor,
            Optional<MemoryEncryption> stored) {
        if (requested.isEmpty()) return new Decision(Optional.empty(), "the command line does not name mem_encrypt=");
        if (stored.map(MemoryEncryption::forcesBounce).orElse(false)) {
            return new Decision(Optional.empty(), "a confidential-computing guest: mem_encrypt= does not change it");
        }
        if (!requested.get()) {
            return new Decision(Optional.of(MemoryEncryption.NONE),
                    "mem_encrypt= does not turn SME on (only mem_encrypt=on does; CONFIG_AMD_MEM_ENCRYPT_"
                            + "ACTIVE_BY_DEFAULT=n assumed)");
        }
        if (!x86) return new Decision(Optional.of(MemoryEncryption.NONE), "mem_encrypt= is an x86 parameter");
        boolean amd = vendor.map(v -> v == CpuVendor.AMD || v == CpuVendor.HYGON).orElse(false);
        if (!amd) {
            return new Decision(Optional.of(MemoryEncryption.NONE), vendor.isEmpty()
                    ? "mem_encrypt=on, but the CPU vendor is unknown: SME needs an AMD or Hygon CPU (set the CPU)"
                    : "mem_encrypt=on does nothing on this CPU: SME needs an AMD or Hygon CPU (CPUID 0x8000001F)");
        }
        return new Decision(Optional.of(MemoryEncryption.SME_HOST),
                "mem_encrypt=on on an AMD/Hygon CPU: SME active (bare metal, firmware enabling "
                        + "SYSCFG.MemEncryptionModeEn assumed)");
    }

    /** The encryption the line gives, if it decides it, and why. */
    public record Decision(Optional<MemoryEncryption> encryption, String reason) {
    }
}
