package org.dmascope.model.io.groups;

import static org.dmascope.model.io.imports.ImportTesting.corpus;
import static org.dmascope.model.io.imports.ImportTesting.fn;
import static org.dmascope.model.io.imports.ImportTesting.loaded;
import static org.dmascope.model.io.imports.ImportTesting.texts;
import static org.dmascope.model.io.imports.ImportTesting.warningsAbout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;

import org.dmascope.model.io.imports.ImportResult;
import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

class IommuGroupReaderTest {

    @Test
    void headingStyleWithNoBreakSpaceIndentation() {
        Topology t = loaded(corpus("x99-i7-5930k-k58.iommu-groups.txt"));
        assertEquals(OptionalInt.of(0), fn(t, "ff:0b.0").iommuGroup());
        assertEquals(OptionalInt.of(31), fn(t, "00:1c.4").iommuGroup());
        assertEquals(OptionalInt.of(0x088000), fn(t, "ff:0b.0").identity().classCode());
        assertEquals(OptionalInt.of(0x2f81), fn(t, "ff:0b.0").identity().deviceId());
        assertTrue(t.functions().stream().allMatch(f -> f.iommuGroup().isPresent()));
    }

    @Test
    void aDeviceInTwoGroupsIsReportedWithBothLines() {
        ImportResult r = corpus("intel-icelake-sp-cx7-sriov.iommu-groups.txt");
        Topology t = loaded(r);
        assertEquals(OptionalInt.of(26), fn(t, "03:00.0").iommuGroup(), "the first listing is kept");
        Diagnostic d = warningsAbout(r, "disagree on the IOMMU group").get(0);
        assertEquals(23, d.line());
        assertTrue(d.message().contains("iommu-groups.txt:18") && d.message().contains("iommu-groups.txt:23"),
                d.message());
        assertEquals(OptionalInt.of(185), fn(t, "b1:01.1").iommuGroup());
    }

    @Test
    void sysfsPathsAndOneLineStyle() {
        // CHECKSTYLE.OFF: LineLength (lines of real tool output)
        Topology t = loaded(texts("g.txt", """
                /sys/kernel/iommu_groups/13/devices/0000:00:01.0
                /sys/kernel/iommu_groups/14/devices/0000:01:00.0
                IOMMU Group 15 02:00.0 Ethernet controller [0200]: Intel Corporation I211 Gigabit Network Connection [8086:1539] (rev 03)
                """));
        // CHECKSTYLE.ON: LineLength
        assertEquals(OptionalInt.of(13), fn(t, "00:01.0").iommuGroup());
        assertEquals(OptionalInt.of(14), fn(t, "01:00.0").iommuGroup());
        assertEquals(OptionalInt.of(15), fn(t, "02:00.0").iommuGroup());
        assertEquals(OptionalInt.of(0x1539), fn(t, "02:00.0").identity().deviceId());
    }
}
