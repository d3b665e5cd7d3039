package org.dmascope.model.kernel.matrix;

import java.util.ArrayList;
import java.util.List;

import org.dmascope.model.kernel.p2p.MapTypeCalculator;
import org.dmascope.model.kernel.p2p.P2pIndex;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;

/**
 * Builds the {@link P2pMatrix}: every ordered pair of DMA-capable endpoints through R-P2P-5
 * ({@link MapTypeCalculator#compute}), {@link NvidiaSmiClassifier} and {@link NcclTopology}.
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
        return new P2pMatrix(addrs, cells, x, idx, nccl);
    }
}
