package org.dmascope.app;

import java.util.concurrent.Executor;

import org.dmascope.app.undo.UndoStack;
import org.dmascope.app.undo.UndoableEdit;
import org.dmascope.model.kernel.KernelProfile;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.platform.PlatformEditor;
import org.dmascope.views.rules.RulesModel;

/**
 * The platform what-ifs of the open document and the kernel rules they give. Each change is an
 * undoable edit; the rules are computed on the background executor and published to the
 * {@link RulesModel} on the UI executor, newest request only. Opening another machine starts over
 * with its own platform facts and an empty history; the topology itself is never touched.
 */
public final class PlatformSession implements PlatformEditor {
    private final Executor background;
    private final Executor ui;
    private final DocumentModel documents;
    private final UndoStack undo;
    private final RulesModel rules = new RulesModel();
    private Topology topology;
    private PlatformOverrides overrides = PlatformOverrides.NONE;
    private KernelProfile preferredProfile;
    private long request;

    /**
     * @param preferredProfile the kernel the user last chose: every machine opens under it, so choosing
     *                         a kernel once holds until the user chooses another
     */
    public PlatformSession(Executor background, Executor ui, DocumentModel documents, UndoStack undo,
                           KernelProfile preferredProfile) {
        this.background = background;
        this.ui = ui;
        this.documents = documents;
        this.undo = undo;
        this.preferredProfile = preferredProfile;
        // An invalidation listener: documents are records, and a change listener stays silent when an
        // equal copy of the same machine is opened again, whose topology is another instance.
        documents.documentProperty().addListener(o -> documentChanged());
        documentChanged();
    }

    public RulesModel rules() {
        return rules;
    }

    public UndoStack undoStack() {
        return undo;
    }

    /** Where slow work of the views that follow these rules runs (the P2P matrix). */
    public Executor background() {
        return background;
    }

    public PlatformOverrides overrides() {
        return overrides;
    }

    @Override
    public void change(PlatformOverrides next, String description) {
        if (next.equals(overrides)) return;
        PlatformEdit edit = new PlatformEdit(overrides, next, description);
        apply(next);
        undo.push(edit);
        documents.say("Platform: " + description, false);
    }

    /** Save As re-titles the same topology: that keeps the what-ifs and their history. */
    private void documentChanged() {
        DocumentModel.Document d = documents.getDocument();
        if (d != null && d.topology() != topology) opened(d.topology());
    }

    private void opened(Topology t) {
        topology = t;
        overrides = preferredProfile == KernelProfile.MAINLINE ? PlatformOverrides.NONE
                : PlatformOverrides.NONE.withProfile(preferredProfile);
        undo.clear();
        compute();
    }

    private void apply(PlatformOverrides o) {
        overrides = o;
        preferredProfile = o.profile().orElse(KernelProfile.MAINLINE);
        compute();
    }

    private void compute() {
        long mine = ++request;
        Topology t = topology;
        PlatformOverrides o = overrides;
        rules.computing(o);
        background.execute(() -> {
            TopologyRules r;
            try {
                r = TopologyRules.of(t, PlatformAssumptions.resolve(t, o));
                r.groups();
            } catch (RuntimeException e) {
                String why = String.valueOf(e);
                ui.execute(() -> {
                    if (mine == request) documents.say("The kernel rules failed on this topology (" + why + "); please report it", true);
                });
                return;
            }
            TopologyRules result = r;
            ui.execute(() -> {
                if (mine == request) rules.publish(result, o);
            });
        });
    }

    /** A change of the platform what-ifs: both states are values, so undo never depends on a view. */
    private final class PlatformEdit implements UndoableEdit {
        private final PlatformOverrides before;
        private final PlatformOverrides after;
        private final String description;

        PlatformEdit(PlatformOverrides before, PlatformOverrides after, String description) {
            this.before = before;
            this.after = after;
            this.description = description;
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public void undo() {
            apply(before);
            documents.say("Undone: " + description, false);
        }

        @Override
        public void redo() {
            apply(after);
            documents.say("Redone: " + description, false);
        }
    }
}
