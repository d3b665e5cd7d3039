package org.dmascope.views.topology;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a pci.ids name that tells one device from another, for a card two short lines wide.
 * pci.ids names follow a few habits this reads:
 * <ul>
 * <li>{@code CHIP [Product]}: a chip code, then the marketing name in brackets ({@code GP102 [TITAN X]},
 * {@code Navi 10 [Radeon Pro W5700]}, {@code MT28908 Family [ConnectX-6]}): the product is the name;</li>
 * <li>{@code Function words [codename]}: a bracket after a description names a platform or mode, often a
 * codename another device is better known by ({@code Audio Controller [Rembrandt/Strix]},
 * {@code NVMe SSD Controller S4LV008[Pascal]}, {@code PIIX3 ISA [Natoma/Triton II]}): it is left out;</li>
 * <li>{@code Function words MODEL}: the model number last ({@code NVMe SSD Controller SM981/PM981/PM983},
 * {@code Ethernet Controller I225-V}): it goes first, since every such device shares the words.</li>
 * </ul>
 * Names still holding the vendor (lspci prints both as one string; topologies imported before names were
 * split, or vendors pci.ids does not know) lose it first, so no card reads just "AMD".
 */
final class CardName {
    /** A vendor part and a device part. */
    record Parts(Optional<String> vendor, String device) {
    }

    /** Words that describe what a device does: a bracket after them is not the device's product name. */
    private static final Set<String> FUNCTION_WORDS = Set.of("controller", "audio", "bridge", "port", "host",
            "adapter", "interface", "hub", "usb", "sata", "ahci", "smbus", "lpc", "isa", "pmc", "ide", "ehci", "ohci",
            "uhci", "xhci", "ethernet", "network", "connection", "registers", "chipset", "pch", "gigabit", "switch",
            "express", "pcie", "nvme", "ssd", "root", "dma", "function", "graphics", "display", "hdmi");
    /** Legal-form words that end a vendor's name when lspci glued it to the device's. */
    private static final Pattern LEGAL_FORM = Pattern.compile(
            "(?i)^(corporation|corp\\.?|inc\\.?|incorporated|ltd\\.?|limited|co\\.?,?|llc|gmbh|ag|s\\.?a\\.?)$");
    /** A trailing bracket: {@code … [TITAN X]} or {@code …S4LV008[Pascal]}. */
    private static final Pattern TRAILING_BRACKET = Pattern.compile("^(.*?)(\\s*)\\[([^\\[\\]]+)]$");
    /** A trailing parenthetical that stays at the end: {@code (DRAM-less)}, {@code (rev 2)}. */
    private static final Pattern TRAILING_PAREN = Pattern.compile("^(.*?)(\\s+\\([^()]*\\))$");
    private static final int VENDOR_WORDS = 6;

    private CardName() {
    }

    /**
     * Splits {@code Vendor Device} as lspci prints it, when the vendor is recognisable: up to a bracket
     * followed by more words ({@code Advanced Micro Devices, Inc. [AMD/ATI] Navi 10}), else up to the
     * last legal-form word among the first few ({@code Samsung Electronics Co Ltd NVMe SSD …}).
     */
    static Parts split(String name) {
        String[] words = name.trim().split("\\s+");
        int cut = -1;
        for (int i = 0; i < Math.min(words.length - 1, VENDOR_WORDS); i++) {
            if (words[i].startsWith("[") && words[i].endsWith("]")) cut = i;
        }
        if (cut < 0) {
            for (int i = 0; i < Math.min(words.length - 1, VENDOR_WORDS); i++) {
                if (i > 0 && LEGAL_FORM.matcher(words[i]).matches()) cut = i;
            }
        }
        if (cut < 0) return new Parts(Optional.empty(), name.trim());
        return new Parts(Optional.of(String.join(" ", List.of(words).subList(0, cut + 1))),
                String.join(" ", List.of(words).subList(cut + 1, words.length)));
    }

    /** The distinguishing part of a device name, first. */
    static String distinguishing(String device) {
        String name = device.trim();
        Matcher m = TRAILING_BRACKET.matcher(name);
        if (m.matches() && !m.group(1).isBlank()) {
            String before = m.group(1).trim();
            boolean separate = !m.group(2).isEmpty();
            if (separate && chipCode(before)) return m.group(3).trim();
            name = before;
        }
        return modelFirst(name);
    }

    /** A chip or family code ({@code GP102}, {@code Navi 10}, {@code Vega 10 XL/XT}): few words, none a function. */
    private static boolean chipCode(String text) {
        String[] words = text.split("\\s+");
        if (words.length > 3) return false;
        for (String w : words) if (FUNCTION_WORDS.contains(w.toLowerCase(Locale.ROOT))) return false;
        return true;
    }

    /** {@code NVMe SSD Controller PM9C1a (DRAM-less)} → {@code PM9C1a NVMe SSD Controller (DRAM-less)}. */
    private static String modelFirst(String name) {
        String tail = "";
        Matcher p = TRAILING_PAREN.matcher(name);
        if (p.matches()) {
            name = p.group(1);
            tail = p.group(2);
        }
        int space = name.lastIndexOf(' ');
        if (space < 0) return name + tail;
        String last = name.substring(space + 1);
        String first = name.substring(0, name.indexOf(' '));
        if (!model(last) || model(first)) return name + tail;
        return last + " " + name.substring(0, space) + tail;
    }

    /** A model number: letters and digits together ({@code SM981/PM981}, {@code I225-V}, {@code AX201}). */
    private static boolean model(String word) {
        boolean letter = false;
        boolean digit = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            letter |= Character.isLetter(c);
            digit |= Character.isDigit(c);
        }
        return letter && digit && word.length() >= 3;
    }

    /**
     * How a card names the vendor: the short name pci.ids gives in brackets ({@code Advanced Micro Devices,
     * Inc. [AMD/ATI]} → {@code AMD}), else the first word ({@code NVIDIA Corporation} → {@code NVIDIA}), and
     * a short second word with a short first one ({@code Red Hat, Inc.} → {@code Red Hat}, not "Red").
     */
    static String vendorWord(String vendor) {
        String v = vendor.trim();
        int open = v.lastIndexOf('[');
        int close = v.lastIndexOf(']');
        if (open >= 0 && close > open + 1) {
            String inside = v.substring(open + 1, close);
            int slash = inside.indexOf('/');
            return (slash > 0 ? inside.substring(0, slash) : inside).trim();
        }
        String first = word(v, 0);
        if (first.length() > 3 || first.length() == v.length()) return first;
        String second = word(v, first.length() + 1);
        boolean shortName = second.length() >= 2 && second.length() <= 4 && Character.isUpperCase(second.charAt(0))
                && !LEGAL_FORM.matcher(second).matches();
        return shortName ? first + " " + second : first;
    }

    /** The word (letters, digits, hyphens) at {@code from}. */
    private static String word(String s, int from) {
        int end = from;
        while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '-')) end++;
        return s.substring(Math.min(from, s.length()), end);
    }
}
