package org.dmascope.model.io.formats;

import java.util.Optional;
import java.util.regex.Pattern;

import org.dmascope.model.io.source.SourceText;

/** Kernel logs ({@code dmesg}): a timestamp, or the IOMMU drivers' own messages. */
public final class KernelLogFormat implements RefusedFormat {
    private static final Pattern SIGNATURE = Pattern.compile("^\\s*\\[\\s*\\d+\\.\\d+\\]|Adding to iommu group "
            + "\\d+|\\bAMD-Vi:|\\bDMAR:");

    @Override
    public String name() {
        return "kernel log (dmesg)";
    }

    @Override
    public Optional<Detection> detect(SourceText text) {
        return Lines.firstSigned(text, line -> SIGNATURE.matcher(line).find(), this);
    }

    @Override
    public String refusal() {
        return "this is a kernel log (dmesg output): it records events such as IOMMU group assignments but not the PCI"
                + " hierarchy, so no topology can be built from it; export lspci -tvnn, lspci -vvv or the IOMMU groups"
                + " (/sys/kernel/iommu_groups) instead";
    }
}
