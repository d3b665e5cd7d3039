package org.dmascope.model.io.formats;

import java.util.List;
import java.util.Optional;

import org.dmascope.model.io.merge.MachineFacts;
import org.dmascope.model.io.nccl.NcclTopologyXmlReader;
import org.dmascope.model.io.source.Checkpoint;
import org.dmascope.model.io.source.Findings;
import org.dmascope.model.io.source.SourceText;

/**
 * NCCL's (or RCCL's) topology XML ({@code NCCL_TOPO_DUMP_FILE}): a {@code <system>} root holding
 * {@code <cpu>} and {@code <pci busid=…>} elements. Its devices, NUMA nodes and CPU become facts; the path
 * types NCCL computes from it are kept beside the topology and compared with dmascope's.
 */
public final class NcclTopologyXmlFormat implements FactsFormat {
    /** How far into the file the root element may start (an XML declaration and a licence comment come first). */
    private static final int ROOT_WITHIN = 40;

    @Override
    public String name() {
        return "NCCL topology XML";
    }

    @Override
    public Optional<Detection> detect(SourceText text) {
        int first = Lines.firstNonBlank(text);
        if (first < 0 || !text.line(first).trim().startsWith("<")) return Optional.empty();
        for (int i = first; i < first + ROOT_WITHIN && text.hasLine(i); i++) {
            String line = text.line(i).trim();
            if (line.startsWith("<system ") || line.equals("<system>")) {
                return Optional.of(new Detection(this, Confidence.DOCUMENT, i + 1));
            }
        }
        return Optional.empty();
    }

    @Override
    public MachineFacts read(SourceText text, Findings findings, Checkpoint checkpoint) {
        return NcclTopologyXmlReader.read(text, findings, checkpoint);
    }

    @Override
    public FileFilter filter() {
        return new FileFilter("NCCL topology XML", "*.xml", "*.nccl-xml");
    }

    @Override
    public String help() {
        return "NCCL/RCCL topology XML (NCCL_TOPO_DUMP_FILE): GPUs, NICs and PCI switches by bus id, NUMA nodes and"
                + " their CPUs, the CPU vendor and family, NVLink/xGMI links; NCCL's path type for each pair is"
                + " shown beside dmascope's in the P2P matrix";
    }

    @Override
    public List<String> nameSuffixes() {
        return List.of(".nccl-xml", ".nccl");
    }
}
