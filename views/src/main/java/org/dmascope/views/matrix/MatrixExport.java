package org.dmascope.views.matrix;

import java.util.List;
import java.util.Locale;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.matrix.MatrixCell;
import org.dmascope.model.kernel.matrix.NvidiaSmiLabel;
import org.dmascope.model.kernel.matrix.P2pMatrix;
import org.dmascope.model.kernel.matrix.ReportedLabel;
import org.dmascope.model.kernel.matrix.ReportedText;
import org.dmascope.model.topology.Bdf;
import org.dmascope.views.topology.DeviceText;

/** The matrix as text for the clipboard: an nvidia-smi style table, or CSV with one row per pair. */
public final class MatrixExport {
    private MatrixExport() {
    }

    /** Rows are providers, columns clients; each cell is the nvidia-smi label and the map type in short. */
    public static String text(P2pMatrix m, TopologyRules rules) {
        StringBuilder sb = new StringBuilder();
        sb.append("P2P matrix");
        if (rules != null) sb.append(" (").append(rules.assumptions().profile().label()).append(")");
        sb.append("; rows are providers, columns clients; cell = nvidia-smi label / P2PDMA map type\n\n");
        List<Bdf> eps = m.endpoints();
        int w = 14;
        sb.append(pad("", w));
        for (Bdf b : eps) sb.append(pad(b.shortText(), w));
        sb.append('\n');
        for (int r = 0; r < m.size(); r++) {
            sb.append(pad(eps.get(r).shortText(), w));
            for (int c = 0; c < m.size(); c++) {
                MatrixCell cell = m.cell(r, c);
                sb.append(pad(cell.smi().name() + "/" + shortType(cell), w));
            }
            sb.append('\n');
        }
        sb.append("\nendpoints:\n");
        for (Bdf b : eps) {
            sb.append("  ").append(b);
            if (rules != null) rules.topology().function(b).ifPresent(f -> sb.append("  ")
                    .append(DeviceText.shortName(f)));
            sb.append('\n');
        }
        sb.append("\nBUS = BUS_ADDR (inside the PCIe fabric), HOST = THRU_HOST_BRIDGE, NONE = NOT_SUPPORTED\n");
        for (NvidiaSmiLabel l : NvidiaSmiLabel.values()) sb.append("  ").append(pad(l.name(),
                5)).append("= ").append(l.legend()).append('\n');
        String reported = ReportedText.of(m);
        if (!reported.isEmpty()) sb.append('\n').append(reported);
        return sb.toString();
    }

    public static String csv(P2pMatrix m) {
        StringBuilder sb = new StringBuilder(
                "provider,client,map_type,distance,nvidia_smi,nccl,map_type_rule,nvidia_smi_rule,nccl_rule,reported\n");
        for (int r = 0; r < m.size(); r++) {
            for (int c = 0; c < m.size(); c++) {
                MatrixCell cell = m.cell(r, c);
                sb.append(cell.provider()).append(',').append(cell.client()).append(',').append(cell.mapType())
                        .append(',')
                        .append(cell.distance()).append(',').append(cell.smi()).append(',').append(cell.nccl()
                                .shortName()).append(',')
                        .append(MatrixCell.MAP_TYPE_RULE).append(',').append(cell.smiRule().name()
                                .toLowerCase(Locale.ROOT)).append(',')
                        .append(cell.ncclRule().name().toLowerCase(Locale.ROOT)).append(',')
                        .append(reported(m.reported(r, c))).append('\n');
            }
        }
        return sb.toString();
    }

    /** {@code nvidia-smi-topo PIX disagrees; nccl-xml NVL differs…}: no commas, so the CSV stays one field. */
    private static String reported(List<ReportedLabel> labels) {
        StringBuilder sb = new StringBuilder();
        for (ReportedLabel l : labels) {
            if (sb.length() > 0) sb.append("; ");
            sb.append(l.tool().jsonName()).append(' ').append(l.label()).append(' ').append(l.agreement().jsonName());
        }
        return sb.toString();
    }

    private static String shortType(MatrixCell c) {
        return switch (c.mapType()) {
            case BUS_ADDR -> "BUS";
            case THRU_HOST_BRIDGE -> "HOST";
            default -> "NONE";
        };
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s + " " : s + " ".repeat(w - s.length());
    }
}
