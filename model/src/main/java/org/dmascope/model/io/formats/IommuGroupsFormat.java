package org.dmascope.model.io.formats;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.dmascope.model.io.groups.IommuGroupReader;
import org.dmascope.model.io.merge.MachineFacts;
import org.dmascope.model.io.source.Checkpoint;
import org.dmascope.model.io.source.Findings;
import org.dmascope.model.io.source.SourceText;

/** Listings of the kernel's IOMMU groups: an {@code IOMMU Group N} heading or a sysfs group path. */
public final class IommuGroupsFormat implements FactsFormat {
    private static final Pattern SIGNATURE = Pattern.compile("^\\s*\\*?\\s*IOMMU [Gg]roup "
            + "\\d+|/sys/kernel/iommu_groups/\\d+/devices/");

    @Override
    public String name() {
        return "IOMMU group listing";
    }

    @Override
    public Optional<Detection> detect(SourceText text) {
        return Lines.firstSigned(text, line -> SIGNATURE.matcher(line).find(), this);
    }

    @Override
    public MachineFacts read(SourceText text, Findings findings, Checkpoint checkpoint) {
        return IommuGroupReader.read(text, findings, checkpoint);
    }

    @Override
    public FileFilter filter() {
        return new FileFilter("IOMMU group listing", "*.txt", "*.groups");
    }

    @Override
    public String help() {
        return "IOMMU group listings (/sys/kernel/iommu_groups): the kernel's IOMMU group of each function";
    }

    @Override
    public List<String> nameSuffixes() {
        return List.of(".iommu-groups", ".groups");
    }
}
