package org.dmascope.model.kernel.matrix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dmascope.model.kernel.p2p.MapTypeCalculator;
import org.dmascope.model.kernel.p2p.P2pIndex;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.ToolReport;

/**
 * Builds the {@link P2pMatrix}: every ordered pair of DMA-capable endpoints through R-P2P-5
 * ({@link MapTypeCalculator#compute}), {@link NvidiaSmiClassifier} and {@link NcclTopology}, and beside
 * them the labels other tools reported for the pairs ({@link ReportedComparison}).
 */
public final class P2pMatrixBuilder {
    private P2pMatrixBuilder() {
    }

    public static P2pMatrix build(P2pIndex x) {
        List<PciFunction> eps = DmaEndpoints.of(x.topology());
        int n = eps.size();
        int[] idx = new int[n];
        List<Bdf> addrs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            idx[i] = x.indexOf(eps.get(i).address()).orElseThrow();
            addrs.add(eps.get(i).address());
        }
        NvidiaSmiClassifier smi = new NvidiaSmiClassifier(x);
        NcclTopology nccl = new NcclTopology(x);
        MatrixCell[][] cells = new MatrixCell[n][n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                MapTypeCalculator.Outcome o = MapTypeCalculator.compute(x, idx[r], idx[c]);
                NvidiaSmiClassifier.Result s = smi.classify(idx[r], idx[c]);
                NcclTopology.Result t = nccl.classify(idx[r], idx[c]);
                cells[r][c] = new MatrixCell(addrs.get(r), addrs.get(c), o.type(), o.distance(), s.label(), s.rule(),
                        t.type(), t.rule());
            }
        }
        return new P2pMatrix(addrs, cells, x, idx, nccl, reported(x, addrs, idx, cells, nccl, smi));
    }

    /**
     * Every reported pair whose two devices are tied to endpoints, on its cell. nvidia-smi's {@code -p2p}
     * rows are the accessing GPU (the client), so its pairs land on (column, row); the path matrices are
     * symmetric, and a pair a tool gives one way only (NCCL's XML) is set on both cells.
     */
    private static Map<Long, List<ReportedLabel>> reported(P2pIndex x, List<Bdf> addrs, int[] idx, MatrixCell[][] cells,
            NcclTopology nccl, NvidiaSmiClassifier smi) {
        Map<Long, List<ReportedLabel>> out = new HashMap<>();
        if (x.topology().reports().isEmpty()) return out;
        ReportedComparison compare = new ReportedComparison(x, nccl, smi);
        int n = addrs.size();
        Map<Bdf, Integer> row = new HashMap<>();
        for (int i = 0; i < n; i++) row.put(addrs.get(i), i);
        for (ToolReport r : x.topology().reports()) {
            Set<List<String>> given = new HashSet<>();
            for (ToolReport.Pair p : r.pairs()) given.add(List.of(p.row(), p.column()));
            Map<String, Integer> endpointOf = new HashMap<>();
            for (ToolReport.Device d : r.devices()) {
                d.address().map(row::get).ifPresent(i -> endpointOf.put(d.name(), i));
            }
            for (ToolReport.Pair p : r.pairs()) {
                int a = endpointOf.getOrDefault(p.row(), -1);
                int b = endpointOf.getOrDefault(p.column(), -1);
                if (a < 0 || b < 0 || a == b) continue;
                int provider = r.tool().isP2pStatus() ? b : a;
                int client = r.tool().isP2pStatus() ? a : b;
                add(out, n, provider, client, compare.compare(r, p, cells[provider][client], idx[provider],
                        idx[client]));
                if (!r.tool().isP2pStatus() && !given.contains(List.of(p.column(), p.row()))) {
                    add(out, n, client, provider, compare.compare(r, p, cells[client][provider], idx[client],
                            idx[provider]));
                }
            }
        }
        return out;
    }

    private static void add(Map<Long, List<ReportedLabel>> out, int n, int row, int column, ReportedLabel label) {
        out.computeIfAbsent((long) row * n + column, k -> new ArrayList<>()).add(label);
    }
}
