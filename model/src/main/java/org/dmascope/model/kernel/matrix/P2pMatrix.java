package org.dmascope.model.kernel.matrix;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dmascope.model.kernel.acs.DeviceWords;
import org.dmascope.model.kernel.p2p.MapTypeCalculator;
import org.dmascope.model.kernel.p2p.P2pIndex;
import org.dmascope.model.kernel.p2p.P2pVerdict;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.ToolReport;

/**
 * The P2P matrix over the DMA-capable endpoints ({@link DmaEndpoints}): row = provider, column =
 * client, with what other tools reported for a pair beside dmascope's own labels
 * ({@link #reported(int, int)}). Immutable once built.
 */
public final class P2pMatrix {
    private final List<Bdf> endpoints;
    private final MatrixCell[][] cells;
    private final P2pIndex index;
    private final int[] indexOf;
    private final NcclTopology nccl;
    private final Map<Long, List<ReportedLabel>> reported;

    P2pMatrix(List<Bdf> endpoints, MatrixCell[][] cells, P2pIndex index, int[] indexOf, NcclTopology nccl,
              Map<Long, List<ReportedLabel>> reported) {
        this.nccl = nccl;
        this.reported = Map.copyOf(reported);
        this.endpoints = List.copyOf(endpoints);
        this.cells = cells;
        this.index = index;
        this.indexOf = indexOf;
    }

    /** The endpoints in row/column order (address order). */
    public List<Bdf> endpoints() {
        return endpoints;
    }

    public int size() {
        return endpoints.size();
    }

    public MatrixCell cell(int row, int column) {
        return cells[row][column];
    }

    public Optional<MatrixCell> cell(Bdf provider, Bdf client) {
        int r = endpoints.indexOf(provider);
        int c = endpoints.indexOf(client);
        return r < 0 || c < 0 ? Optional.empty() : Optional.of(cells[r][c]);
    }

    /** What other tools reported for a cell, in the order the reports were imported; empty when nothing. */
    public List<ReportedLabel> reported(int row, int column) {
        List<ReportedLabel> r = reported.get((long) row * endpoints.size() + column);
        return r == null ? List.of() : List.copyOf(r);
    }

    /** True when some cell carries another tool's label. */
    public boolean hasReported() {
        return !reported.isEmpty();
    }

    /** The other tools' reports about the machine, with how their devices were tied to functions. */
    public List<ToolReport> reports() {
        return index.topology().reports();
    }

    /** The sentences behind one cell. */
    public record Explanation(P2pVerdict mapType, String smi, String nccl) {
    }

    public Explanation explain(int row, int column) {
        MatrixCell c = cells[row][column];
        P2pVerdict v = MapTypeCalculator.verdict(index, indexOf[row], indexOf[column]);
        String smi = c.smi() + ": " + c.smiRule().words() + " (" + c.smi().legend() + ")";
        String nccl = c.nccl().shortName() + ": " + c.ncclRule().words() + ncclNode(row, column) + " (" + c.nccl()
                .legend() + ")";
        return new Explanation(v, smi, nccl);
    }

    private String ncclNode(int row, int column) {
        NcclTopology.Result r = nccl.classify(indexOf[row], indexOf[column]);
        if (r.meetingNode() >= 0) return ", meeting at " + DeviceWords.of(index.function(r.meetingNode()));
        if (r.meetingNode() < -1) return ", meeting at the CPU of NUMA node " + NcclTopology.numaOfCpu(r.meetingNode());
        return "";
    }
}
