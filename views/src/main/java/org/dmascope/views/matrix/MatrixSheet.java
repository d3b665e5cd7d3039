package org.dmascope.views.matrix;

import java.util.ArrayList;
import java.util.List;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.matrix.MatrixCell;
import org.dmascope.model.kernel.matrix.NvidiaSmiLabel;
import org.dmascope.model.kernel.matrix.P2pMatrix;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.export.Sheet;
import org.dmascope.views.export.Sheet.Cell;
import org.dmascope.views.export.Sheet.Tone;
import org.dmascope.views.topology.DeviceText;

/**
 * The P2P matrix as a picture's sheet: rows are providers, columns clients, each cell the nvidia-smi
 * label and the kernel's map type (R-P2P-5) in the grid's colours, then the endpoints and the legend;
 * the same words as the clipboard's text ({@link MatrixExport}).
 */
public final class MatrixSheet {
    private MatrixSheet() {
    }

    public static Sheet of(P2pMatrix m, TopologyRules rules) {
        Topology t = rules.topology();
        String machine = t.name() == null || t.name().isBlank() ? "topology" : t.name();
        Sheet.Builder b = Sheet.builder("P2P matrix of " + machine).heading("P2P matrix · " + machine + " · "
                + rules.assumptions().profile().label());
        b.note("Rows are providers (whose memory is read or written), columns clients (the device doing the DMA). "
                + "Each cell: the nvidia-smi label · the P2PDMA map type (" + MatrixCell.MAP_TYPE_RULE + "): BUS = "
                + "BUS_ADDR inside the PCIe fabric, HOST = THRU_HOST_BRIDGE, NONE = NOT_SUPPORTED.");
        List<Bdf> eps = m.endpoints();
        if (eps.isEmpty()) {
            b.paragraph("The machine has no DMA endpoint to pair.");
            return b.build();
        }
        List<Cell> headers = new ArrayList<>();
        headers.add(Cell.of("provider \\ client"));
        for (Bdf e : eps) headers.add(Cell.mono(e.shortText()));
        List<List<Cell>> rows = new ArrayList<>();
        for (int r = 0; r < m.size(); r++) {
            List<Cell> row = new ArrayList<>();
            row.add(Cell.mono(eps.get(r).shortText()));
            for (int c = 0; c < m.size(); c++) row.add(cell(m.cell(r, c), r == c));
            rows.add(row);
        }
        b.add(new Sheet.Table(headers, rows, true));
        List<List<Cell>> names = new ArrayList<>();
        for (Bdf e : eps) {
            names.add(List.of(Cell.mono(e.toString()), Cell.of(t.function(e).map(DeviceText::shortName).orElse(""))));
        }
        b.add(new Sheet.Table(List.of(Cell.of("endpoint"), Cell.of("device")), names, false));
        StringBuilder legend = new StringBuilder();
        for (NvidiaSmiLabel l : NvidiaSmiLabel.values()) {
            if (legend.length() > 0) legend.append('\n');
            legend.append(l.name()).append(" = ").append(l.legend());
        }
        b.note(legend.toString());
        return b.build();
    }

    private static Cell cell(MatrixCell c, boolean self) {
        if (self) return Cell.of(c.smi().name()).in(Tone.SELF);
        return switch (c.mapType()) {
            case BUS_ADDR -> Cell.of(c.smi().name() + " · BUS").in(Tone.PEER);
            case THRU_HOST_BRIDGE -> Cell.of(c.smi().name() + " · HOST").in(Tone.HOST);
            default -> Cell.of(c.smi().name() + " · NONE").in(Tone.REFUSED);
        };
    }
}
