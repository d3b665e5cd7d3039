package org.dmascope.model.io.formats;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.dmascope.model.io.merge.MachineFacts;
import org.dmascope.model.io.nvsmi.NvidiaSmiTopoReader;
import org.dmascope.model.io.source.Checkpoint;
import org.dmascope.model.io.source.Findings;
import org.dmascope.model.io.source.SourceText;

/**
 * {@code nvidia-smi topo -m} (and {@code topo -p2p r|w|…}): a matrix row of link or status labels, or the
 * header naming GPUs and their CPU affinity. Its labels are kept beside the topology and compared with
 * dmascope's own in the P2P matrix; by itself it gives the GPUs' NUMA nodes and those nodes' CPUs.
 */
public final class NvidiaSmiTopoFormat implements FactsFormat {
    private static final Pattern SIGNATURE = Pattern.compile(
            "^[\\s|]*GPU\\d+([\\s|]+(X|PIX|PXB|PHB|NODE|SYS|SOC|NV\\d+|OK|CNS|GNS|TNS|NS))+\\b"
                    + "|^[\\s|]*GPU0([\\s|]+GPU\\d+)*[\\s|]+CPU Affinity");

    @Override
    public String name() {
        return "nvidia-smi topo -m matrix";
    }

    @Override
    public Optional<Detection> detect(SourceText text) {
        return Lines.firstSigned(text, line -> SIGNATURE.matcher(line).find(), this);
    }

    @Override
    public MachineFacts read(SourceText text, Findings findings, Checkpoint checkpoint) {
        return NvidiaSmiTopoReader.read(text, findings, checkpoint);
    }

    @Override
    public FileFilter filter() {
        return new FileFilter("nvidia-smi topo -m output", "*.txt", "*.nvsmi-topo");
    }

    @Override
    public String help() {
        return "nvidia-smi topo -m and topo -p2p r|w output: its labels for each GPU/NIC pair, shown beside"
                + " dmascope's in the P2P matrix (GPUs tied to an lspci export's NVIDIA functions in bus order), and"
                + " each GPU's NUMA node and CPUs";
    }

    @Override
    public List<String> nameSuffixes() {
        return List.of(".nvsmi-topo", ".nvsmi");
    }
}
