package org.dmascope.model.io.pciids;

import java.util.List;
import java.util.Set;

/**
 * How names are compared with pci.ids: exports print the names of whatever pci.ids the exporting
 * machine had, so a name is looked up by a key that ignores case, punctuation and spacing
 * ({@code "SM981/PM981/PM983"} and {@code "sm981 pm981 pm983"} are one key), and for vendors also the
 * legal-form words that change between releases ({@code "Co., Ltd"}, {@code "Corporation"},
 * {@code "Inc."}, {@code "and subsidiaries"}). Bracketed parts are kept: {@code [AMD]} (1022) and
 * {@code [AMD/ATI]} (1002) are two vendors.
 */
final class PciIdNames {
    /** Legal-form words left out of a vendor's key (never its first word). */
    private static final Set<String> LEGAL_FORM = Set.of("corporation", "corp", "co", "company", "ltd", "limited",
            "inc", "incorporated", "llc", "gmbh", "ag", "sa", "srl", "bv", "plc", "kk", "and", "subsidiaries");

    private PciIdNames() {
    }

    /** Lower-case letters and digits, one blank between runs of them. */
    static String key(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        boolean gap = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                if (gap && sb.length() > 0) sb.append(' ');
                gap = false;
                sb.append(Character.toLowerCase(c));
            } else {
                gap = true;
            }
        }
        return sb.toString();
    }

    /**
     * The {@link #vendorKey} of every leading run of words of {@code words}: element {@code k} is the key
     * of words 0..k. Built word by word, so a long name costs one pass.
     */
    static String[] vendorKeysOfPrefixes(List<String> words) {
        String[] keys = new String[words.size()];
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < words.size(); k++) {
            String wordKey = key(words.get(k));
            if (!wordKey.isEmpty()) {
                for (String token : wordKey.split(" ")) {
                    if (sb.length() > 0 && LEGAL_FORM.contains(token)) continue;
                    if (sb.length() > 0) sb.append(' ');
                    sb.append(token);
                }
            }
            keys[k] = sb.toString();
        }
        return keys;
    }

    /** The {@link #key} without legal-form words after the first word. */
    static String vendorKey(String name) {
        String k = key(name);
        int space = k.indexOf(' ');
        if (space < 0) return k;
        StringBuilder sb = new StringBuilder(k.length()).append(k, 0, space);
        for (String word : k.substring(space + 1).split(" ")) {
            if (!LEGAL_FORM.contains(word)) sb.append(' ').append(word);
        }
        return sb.toString();
    }

    /** Case and spacing ignored, punctuation kept: how an unchanged name compares. */
    static boolean sameText(String a, String b) {
        return collapse(a).equals(collapse(b));
    }

    private static String collapse(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean gap = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                gap = sb.length() > 0;
            } else {
                if (gap) sb.append(' ');
                gap = false;
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }
}
