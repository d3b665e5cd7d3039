package org.dmascope.model.io.formats;

import java.util.List;
import java.util.Optional;

import org.dmascope.model.io.hwloc.HwlocXmlReader;
import org.dmascope.model.io.merge.MachineFacts;
import org.dmascope.model.io.source.Checkpoint;
import org.dmascope.model.io.source.Findings;
import org.dmascope.model.io.source.SourceText;

/** hwloc topology XML ({@code lstopo --of xml}): an XML document with a {@code <topology>} root near its top. */
public final class HwlocXmlFormat implements FactsFormat {
    /** Lines from the XML's first line within which hwloc writes its root element. */
    private static final int ROOT_WITHIN = 50;

    @Override
    public String name() {
        return "hwloc topology XML";
    }

    @Override
    public Optional<Detection> detect(SourceText text) {
        int first = Lines.firstNonBlank(text);
        if (first < 0 || !text.line(first).trim().startsWith("<")) return Optional.empty();
        for (int i = first; i < first + ROOT_WITHIN && text.hasLine(i); i++) {
            if (text.line(i).contains("<topology")) return Optional.of(new Detection(this, Confidence.DOCUMENT, i + 1));
        }
        return Optional.empty();
    }

    @Override
    public MachineFacts read(SourceText text, Findings findings, Checkpoint checkpoint) {
        return HwlocXmlReader.read(text, findings, checkpoint);
    }

    @Override
    public FileFilter filter() {
        return new FileFilter("hwloc topology XML", "*.xml");
    }

    @Override
    public String help() {
        return "hwloc topology XML (lstopo --of xml): NUMA nodes and CPUs, bridges, PCI devices and their NUMA node";
    }

    @Override
    public List<String> nameSuffixes() {
        return List.of(".hwloc-xml", ".hwloc");
    }
}
