package org.dmascope.model.kernel.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kernel command line parameters that change IOMMU groups, default domains and P2PDMA,
 * parsed the way the kernel reads them. Anything else on the line is ignored.
 *
 * <ul>
 *   <li>{@code iommu.passthrough=} (kstrtobool) and x86 {@code iommu=pt} / {@code iommu=nopt} (R-GRP-3)</li>
 *   <li>{@code iommu.strict=} (kstrtobool), {@code intel_iommu=strict}, {@code amd_iommu=fullflush} (R-GRP-3)</li>
 *   <li>{@code intel_iommu=off}, {@code amd_iommu=off}: the IOMMU driver does not start, so nothing requests ACS</li>
 *   <li>{@code pci=disable_acs_redir=LIST} and {@code pci=noats} (section 1.2 "Kernel-set control bits")</li>
 * </ul>
 *
 * @param text            the line as given
 * @param passthrough     the last {@code iommu.passthrough=}/{@code iommu=pt|nopt} setting
 * @param strict          the last {@code iommu.strict=} setting, or strict forced by a driver option
 * @param iommuDisabled   {@code intel_iommu=off} or {@code amd_iommu=off}
 * @param disableAcsRedir devices whose ACS redirect bits the kernel clears
 * @param atsDisabled     {@code pci=noats}
 * @param problems        parameters that were recognised but could not be read, in sentences
 */
public record KernelCommandLine(String text, Optional<Boolean> passthrough, Optional<Boolean> strict,
                                boolean iommuDisabled, List<PciDeviceSpec> disableAcsRedir, boolean atsDisabled,
                                List<String> problems) {

    public static final KernelCommandLine EMPTY = parse("");

    public KernelCommandLine {
        disableAcsRedir = List.copyOf(disableAcsRedir);
        problems = List.copyOf(problems);
    }

    public static KernelCommandLine parse(String line) {
        String text = line == null ? "" : line.trim();
        Optional<Boolean> passthrough = Optional.empty();
        Optional<Boolean> strict = Optional.empty();
        boolean off = false;
        boolean noats = false;
        List<PciDeviceSpec> redir = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String token : text.split("\\s+")) {
            if (token.isEmpty()) continue;
            int eq = token.indexOf('=');
            String key = eq < 0 ? token : token.substring(0, eq);
            String value = eq < 0 ? "" : token.substring(eq + 1);
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) value = value.substring(1,
                    value.length() - 1);
            switch (key) {
                case "iommu.passthrough" -> {
                    Optional<Boolean> b = kstrtobool(value);
                    if (b.isPresent()) passthrough = b;
                    else problems.add("iommu.passthrough=" + value + " is not a boolean; the kernel ignores it");
                }
                case "iommu.strict" -> {
                    Optional<Boolean> b = kstrtobool(value);
                    if (b.isPresent()) strict = b;
                    else problems.add("iommu.strict=" + value + " is not a boolean; the kernel ignores it");
                }
                case "iommu" -> {
                    for (String opt : value.split(",")) {
                        if (opt.equals("pt")) passthrough = Optional.of(true);
                        else if (opt.equals("nopt")) passthrough = Optional.of(false);
                    }
                }
                case "intel_iommu" -> {
                    for (String opt : value.split(",")) {
                        if (opt.equals("off")) off = true;
                        else if (opt.equals("on")) off = false;
                        else if (opt.equals("strict")) strict = Optional.of(true);
                    }
                }
                case "amd_iommu" -> {
                    for (String opt : value.split(",")) {
                        if (opt.equals("off")) off = true;
                        else if (opt.equals("fullflush")) strict = Optional.of(true);
                    }
                }
                case "pci" -> {
                    for (String opt : value.split(",")) {
                        if (opt.startsWith("disable_acs_redir=")) {
                            redir.addAll(PciDeviceSpec.parseList(opt.substring("disable_acs_redir=".length()),
                                    problems));
                        } else if (opt.equals("noats")) {
                            noats = true;
                        }
                    }
                }
                default -> {
                }
            }
        }
        return new KernelCommandLine(text, passthrough, strict, off, redir, noats, problems);
    }

    /** {@code kstrtobool()}: 1/y/Y/on mean true, 0/n/N/off mean false. */
    static Optional<Boolean> kstrtobool(String s) {
        String v = s.toLowerCase(Locale.ROOT);
        if (v.isEmpty()) return Optional.empty();
        char c = v.charAt(0);
        if (c == '1' || c == 'y' || v.equals("on")) return Optional.of(true);
        if (c == '0' || c == 'n' || v.equals("off")) return Optional.of(false);
        return Optional.empty();
    }
}
