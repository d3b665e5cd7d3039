package org.dmascope.model.kernel.matrix;

import java.util.Objects;

import org.dmascope.model.topology.SourceRef;
import org.dmascope.model.topology.ToolReport;

/**
 * Another tool's label for a pair of the matrix, set beside what dmascope derives of the same kind: the
 * nvidia-smi class for {@code nvidia-smi topo -m}, the NCCL path type for NCCL's XML, the P2PDMA map type
 * for {@code nvidia-smi topo -p2p}.
 *
 * @param tool      which tool and matrix said it
 * @param at        the file and line of the label
 * @param label     the tool's label, as it printed it ({@code PIX}, {@code NV4}, {@code NVL}, {@code OK})
 * @param derived   dmascope's label of the same kind for the pair ({@code PHB}, {@code PXB}, {@code BUS_ADDR})
 * @param agreement whether they agree, and if not whether a link lspci cannot show explains it
 * @param why       the comparison in sentences: what each says and, when they disagree, what could cause it
 */
public record ReportedLabel(ToolReport.Tool tool, SourceRef at, String label, String derived, Agreement agreement,
                            String why) {

    public ReportedLabel {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(derived, "derived");
        Objects.requireNonNull(agreement, "agreement");
        Objects.requireNonNull(why, "why");
    }

    /** How the other tool's label relates to dmascope's. */
    public enum Agreement {
        /** Both say the same. */
        AGREES("agrees", "="),
        /** The tool sees a link lspci cannot show (NVLink, xGMI, C2C): a difference, not a contradiction. */
        BEYOND_PCIE("differs: a link beyond PCIe", "~"),
        /** They contradict each other; {@link #why()} says what could cause it. */
        DISAGREES("disagrees", "!="),
        /** dmascope derives nothing to compare the label with. */
        NOT_COMPARED("not compared", "?");

        private final String words;
        private final String symbol;

        Agreement(String words, String symbol) {
            this.words = words;
            this.symbol = symbol;
        }

        public String words() {
            return words;
        }

        /** A short ASCII mark for tables: {@code =}, {@code ~}, {@code !=}, {@code ?}. */
        public String symbol() {
            return symbol;
        }

        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
