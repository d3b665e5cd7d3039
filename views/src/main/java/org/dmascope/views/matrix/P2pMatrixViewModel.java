package org.dmascope.views.matrix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.doctor.Advice;
import org.dmascope.model.kernel.doctor.Diagnosis;
import org.dmascope.model.kernel.doctor.Doctor;
import org.dmascope.model.kernel.doctor.Premise;
import org.dmascope.model.kernel.matrix.MatrixCell;
import org.dmascope.model.kernel.matrix.P2pMatrix;
import org.dmascope.model.kernel.matrix.ReportedLabel;
import org.dmascope.model.kernel.p2p.P2pClient;
import org.dmascope.model.kernel.p2p.P2pDistanceMany;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.p2p.P2pVerdict;
import org.dmascope.model.kernel.p2p.P2pmemFinder;
import org.dmascope.model.kernel.p2p.RandomSource;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.util.NewestWins;
import org.dmascope.views.matrix.MatrixGrid.Cell;
import org.dmascope.views.rules.RulesModel;
import org.dmascope.views.topology.DeviceText;

/**
 * The P2P matrix window's state: the matrix of the current rules (built on the background executor,
 * published on the UI executor), the endpoint labels, the focused and hovered cell and the explanation
 * of the cell under the pointer (else the focused one). Follows the rules model until disposed.
 */
public final class P2pMatrixViewModel {

    /**
     * Everything said about one cell.
     *
     * @param provider    provider address and name
     * @param client      client address and name
     * @param mapType     BUS_ADDR, THRU_HOST_BRIDGE or NOT_SUPPORTED
     * @param distance    the kernel's distance
     * @param mapTypeRule the R-ids that decided the map type
     * @param reason      the kernel decision in a sentence
     * @param smi         nvidia-smi label with its rule and legend
     * @param nccl        NCCL path type with its rule and legend
     * @param reported    what other tools imported with the machine say of the pair, beside dmascope
     * @param doctor      the doctor's sentences for a NOT_SUPPORTED or THRU_HOST_BRIDGE pair (model
     *                    {@code kernel.doctor}): each assumption answered both ways, each change with its result;
     *                    empty while it is worked out ({@code doctorPending}) or when there is nothing to say
     * @param doctorPending true while the doctor runs the rules again on the background executor
     */
    public record Detail(Cell cell, String provider, String client, String mapType, int distance, String mapTypeRule,
                         String reason, String smi, String nccl, Optional<String> suggestion,
                         List<ReportedLabel> reported, List<String> doctor, boolean doctorPending) {

        public Detail {
            reported = List.copyOf(reported);
            doctor = List.copyOf(doctor);
        }

        Detail withDoctor(List<String> lines) {
            return new Detail(cell, provider, client, mapType, distance, mapTypeRule, reason, smi, nccl, suggestion,
                    reported, lines, false);
        }

        /** The cell as lines of text, for copying. */
        public String asText() {
            StringBuilder sb = new StringBuilder("provider " + provider + "\nclient   " + client + "\nmap type "
                    + mapType + ", distance " + distance + " (" + mapTypeRule + ")\n" + reason + "\nnvidia-smi "
                    + smi + "\nNCCL " + nccl + suggestion.map(s -> "\nfor BUS_ADDR: " + s).orElse("") + "\n");
            for (ReportedLabel l : reported) sb.append(reportedLine(l)).append('\n');
            for (String l : doctor) sb.append("doctor: ").append(l).append('\n');
            return sb.toString();
        }

        /** One other tool's label in a line: {@code nvidia-smi topo -m (x:3): PIX, disagrees: …}. */
        public static String reportedLine(ReportedLabel l) {
            return l.tool().label() + " (" + l.at() + "): " + l.label() + ", " + l.agreement().words() + ". "
                    + l.why();
        }
    }

    private final RulesModel rules;
    private final Executor background;
    private final Executor ui;
    private final ReadOnlyObjectWrapper<P2pMatrix> matrix = new ReadOnlyObjectWrapper<>(this, "matrix");
    private final ReadOnlyObjectWrapper<List<String>> labels = new ReadOnlyObjectWrapper<>(this, "labels", List.of());
    private final ReadOnlyObjectWrapper<Cell> focused = new ReadOnlyObjectWrapper<>(this, "focused");
    private final ReadOnlyObjectWrapper<Cell> hovered = new ReadOnlyObjectWrapper<>(this, "hovered");
    private final ReadOnlyObjectWrapper<Detail> detail = new ReadOnlyObjectWrapper<>(this, "detail");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyBooleanWrapper computing = new ReadOnlyBooleanWrapper(this, "computing");
    /** Clients gathered for the multi-client questions (Ctrl+click, Space), in the order they were added. */
    private final ReadOnlyObjectWrapper<List<Bdf>> clients = new ReadOnlyObjectWrapper<>(this, "clients", List.of());
    private final ReadOnlyStringWrapper many = new ReadOnlyStringWrapper(this, "many", "");
    private final InvalidationListener rulesListener = o -> recompute();
    private TopologyRules shownRules;
    private final NewestWins requests = new NewestWins();
    /** The doctor's lines per cell of the shown matrix, filled as cells are explained. */
    private final Map<Cell, List<String>> doctorLines = new HashMap<>();

    public P2pMatrixViewModel(RulesModel rules, Executor background, Executor ui) {
        this.rules = rules;
        this.background = background;
        this.ui = ui;
        rules.rulesProperty().addListener(rulesListener);
        recompute();
    }

    public void dispose() {
        rules.rulesProperty().removeListener(rulesListener);
    }

    // ---- Properties ----

    public ReadOnlyObjectProperty<P2pMatrix> matrixProperty() {
        return matrix.getReadOnlyProperty();
    }

    public P2pMatrix getMatrix() {
        return matrix.get();
    }

    /** Row labels: short address and short name of each endpoint. */
    public ReadOnlyObjectProperty<List<String>> labelsProperty() {
        return labels.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Cell> focusedProperty() {
        return focused.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Cell> hoveredProperty() {
        return hovered.getReadOnlyProperty();
    }

    /** The cell under the pointer, else the focused cell, explained; null when there is none. */
    public ReadOnlyObjectProperty<Detail> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public Detail getDetail() {
        return detail.get();
    }

    /** Endpoint count and the assumptions in force, one line. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty computingProperty() {
        return computing.getReadOnlyProperty();
    }

    // ---- Commands ----

    public void focus(Cell c) {
        focused.set(valid(c) ? c : null);
        answerMany();
        explain();
    }

    /** Focuses the cell of a (provider, client) pair. */
    public boolean focus(Bdf provider, Bdf client) {
        P2pMatrix m = matrix.get();
        if (m == null) return false;
        int r = m.endpoints().indexOf(provider);
        int c = m.endpoints().indexOf(client);
        if (r < 0 || c < 0) return false;
        focus(new Cell(r, c));
        return true;
    }

    public void hover(Cell c) {
        hovered.set(valid(c) ? c : null);
        explain();
    }

    /** The clients gathered for {@code pci_p2pdma_distance_many} / {@code pci_p2pmem_find_many}. */
    public ReadOnlyObjectProperty<List<Bdf>> clientsProperty() {
        return clients.getReadOnlyProperty();
    }

    /**
     * The kernel's answers for the gathered clients: {@code pci_p2pdma_distance_many(provider of the focused cell,
     * clients)} and {@code pci_p2pmem_find_many(clients)} (model R-P2P-6, R-P2P-7), in sentences; empty while
     * no client is gathered.
     */
    public ReadOnlyStringProperty manyProperty() {
        return many.getReadOnlyProperty();
    }

    /** Adds the focused cell's client to the gathered clients, or takes it out when it is there. */
    public void toggleFocusedClient() {
        Cell c = focused.get();
        P2pMatrix m = matrix.get();
        if (c == null || m == null || !valid(c)) return;
        Bdf client = m.endpoints().get(c.column());
        List<Bdf> next = new ArrayList<>(clients.get());
        if (!next.remove(client)) next.add(client);
        clients.set(List.copyOf(next));
        answerMany();
    }

    public void clearClients() {
        clients.set(List.of());
        answerMany();
    }

    /** A seed for the tie among equally near providers: fixed, so the window agrees with {@code p2p --seed 1}. */
    static final long FIND_SEED = 1;

    private void answerMany() {
        List<Bdf> cs = clients.get();
        P2pMatrix m = matrix.get();
        Cell c = focused.get();
        if (cs.isEmpty() || shownRules == null || m == null) {
            many.set("");
            return;
        }
        List<P2pClient> pc = cs.stream().map(P2pClient::pci).toList();
        StringBuilder sb = new StringBuilder();
        if (c != null && valid(c)) {
            Bdf provider = m.endpoints().get(c.row());
            P2pDistanceMany.Result r = shownRules.distanceMany(provider, pc, false);
            sb.append("pci_p2pdma_distance_many(").append(provider.shortText()).append(", ").append(cs.size())
                    .append(cs.size() == 1 ? " client) = " : " clients) = ").append(r.distance()).append(": ")
                    .append(r.reason()).append('\n');
        }
        P2pmemFinder.Result f = shownRules.findP2pmem(pc, RandomSource.seeded(FIND_SEED));
        sb.append("pci_p2pmem_find_many = ").append(f.chosen().map(Bdf::shortText).orElse("NULL")).append(": ")
                .append(f.reason()).append('\n');
        sb.append("clients: ").append(cs.stream().map(Bdf::shortText).collect(Collectors.joining(", ")));
        many.set(sb.toString());
    }

    /** The whole matrix as text, nvidia-smi style. */
    public String asText() {
        return matrix.get() == null ? "" : MatrixExport.text(matrix.get(), shownRules);
    }

    public String asCsv() {
        return matrix.get() == null ? "" : MatrixExport.csv(matrix.get());
    }

    // ---- work ----

    private boolean valid(Cell c) {
        P2pMatrix m = matrix.get();
        return c != null && m != null && c.row() >= 0 && c.column() >= 0 && c.row() < m.size() && c.column() < m.size();
    }

    private void recompute() {
        TopologyRules r = rules.getRules();
        NewestWins.Ticket mine = requests.next();
        if (r == null) {
            publish(mine, null, null);
            return;
        }
        computing.set(true);
        background.execute(() -> {
            P2pMatrix m;
            try {
                m = r.matrix();
            } catch (RuntimeException e) {
                m = null;
            }
            P2pMatrix result = m;
            ui.execute(() -> publish(mine, r, result));
        });
    }

    private void publish(NewestWins.Ticket mine, TopologyRules r, P2pMatrix m) {
        if (!mine.isNewest()) return;
        computing.set(false);
        P2pMatrix old = matrix.get();
        boolean sameEndpoints = old != null && m != null && old.endpoints().equals(m.endpoints());
        shownRules = r;
        doctorLines.clear();
        // Everything the view reads when the matrix changes is set before the matrix.
        summary.set(m == null ? "No topology" : summary(r, m));
        labels.set(m == null ? List.of() : labels(r.topology(), m));
        if (!sameEndpoints) {
            hovered.set(null);
            focused.set(m != null && m.size() > 1 ? new Cell(0, 1) : m != null && m.size() == 1 ? new Cell(0,
                    0) : null);
        }
        matrix.set(m);
        if (m == null || !m.endpoints().containsAll(clients.get())) clients.set(List.of());
        answerMany();
        explain();
    }

    private static List<String> labels(Topology t, P2pMatrix m) {
        return m.endpoints().stream()
                .map(b -> b.shortText() + "  " + t.function(b).map(DeviceText::shortName).orElse(""))
                .toList();
    }

    private static String summary(TopologyRules r, P2pMatrix m) {
        String platform = r.assumptions().forP2p().stream()
                .filter(a -> !a.name().equals("kernel"))
                .map(a -> a.name() + " " + a.shown())
                .collect(Collectors.joining(" · "));
        String beside = m.reports().stream().map(rep -> rep.title()).collect(Collectors.joining(", "));
        return m.size() + (m.size() == 1 ? " DMA-capable endpoint" : " DMA-capable endpoints") + " · "
                + r.assumptions().profile().label() + " · " + platform + (beside.isEmpty() ? ""
                : " · beside dmascope: " + beside);
    }

    private void explain() {
        Cell c = hovered.get() != null ? hovered.get() : focused.get();
        P2pMatrix m = matrix.get();
        if (c == null || m == null || shownRules == null) {
            detail.set(null);
            return;
        }
        MatrixCell cell = m.cell(c.row(), c.column());
        P2pMatrix.Explanation e = m.explain(c.row(), c.column());
        P2pVerdict v = e.mapType();
        Topology t = shownRules.topology();
        String rulesText = v.rules().isEmpty() ? MatrixCell.MAP_TYPE_RULE : String.join(", ", v.rules());
        List<String> known = doctorLines.get(c);
        boolean needsDoctor = v.mapType() == P2pMapType.NOT_SUPPORTED || v.mapType() == P2pMapType.THRU_HOST_BRIDGE;
        boolean pending = needsDoctor && known == null;
        detail.set(new Detail(c, name(t, cell.provider()), name(t, cell.client()), cell.mapType().name(),
                cell.distance(),
                rulesText, v.reason(), e.smi(), e.nccl(), v.suggestion(), m.reported(c.row(), c.column()),
                known == null ? List.of() : known, pending));
        if (pending) diagnose(c, shownRules, v);
    }

    /** Runs the doctor for one cell off the UI thread (it runs the rules again per change) and shows its lines. */
    private void diagnose(Cell c, TopologyRules r, P2pVerdict v) {
        background.execute(() -> {
            List<String> lines;
            try {
                lines = lines(new Doctor(r).p2p(v));
            } catch (RuntimeException ex) {
                lines = List.of("the doctor could not run: " + ex.getMessage());
            }
            List<String> result = lines;
            ui.execute(() -> {
                if (r != shownRules) return;
                doctorLines.put(c, result);
                Detail d = detail.get();
                if (d != null && d.cell().equals(c)) detail.set(d.withDoctor(result));
            });
        });
    }

    /** The doctor's diagnosis as sentences, the way the matrix window and its copy show them. */
    public static List<String> lines(Diagnosis d) {
        List<String> out = new ArrayList<>();
        for (Premise p : d.premises()) out.add(p.sentence() + " (to know: " + p.howToKnow().words() + ")");
        for (Advice a : d.advice()) out.add("To change it (" + a.change().kind().label() + "): " + a.sentence());
        out.addAll(d.notes());
        return out;
    }

    private static String name(Topology t, Bdf b) {
        return b + t.function(b).map(f -> " " + DeviceText.shortName(f)).orElse("");
    }
}
