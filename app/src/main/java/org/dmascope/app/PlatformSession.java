package org.dmascope.app;

import java.util.concurrent.Executor;

import org.dmascope.app.undo.UndoStack;
import org.dmascope.app.undo.UndoableEdit;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.session.KernelSession;
import org.dmascope.model.session.RunningKernel;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.util.NewestWins;
import org.dmascope.views.rules.PlatformEditor;
import org.dmascope.views.rules.RulesModel;

/**
 * The platform what-ifs of the open document and the kernel they boot. Each change is an undoable
 * edit; the machine is booted ({@link KernelSession#boot}) on the background executor, installed as
 * the {@link RunningKernel} the mappings use, and its rules published to the {@link RulesModel} on the
 * UI executor, newest request only. Opening another machine starts over
 * with its own platform facts and an empty history; what-if edits of the topology itself come through
 * {@link #edited} ({@link TopologyEditor}) and share the history.
 */
public final class PlatformSession implements PlatformEditor {
    private final Executor background;
    private final Executor ui;
    private final DocumentModel documents;
    private final UndoStack undo;
    private final RulesModel rules = new RulesModel();
    private final RunningKernel kernel;
    private final NewestWins boots = new NewestWins();
    private Topology topology;
    private PlatformOverrides overrides = PlatformOverrides.NONE;
    private KernelProfile preferredProfile;

    /**
     * @param preferredProfile the kernel the user last chose: every machine opens under it, so choosing
     *                         a kernel once holds until the user chooses another
     */
    public PlatformSession(Executor background, Executor ui, DocumentModel documents, UndoStack undo,
                           KernelProfile preferredProfile, RunningKernel kernel) {
        this.background = background;
        this.kernel = kernel;
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

    /**
     * The open machine after a what-if edit (or its undo): booted again under the same platform choices, its rules
     * published as after a platform change; the history stays. Called before the document shows it, so the
     * document's change is not taken for another machine.
     */
    public void edited(Topology t) {
        topology = t;
        compute();
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

    /**
     * Boots the machine under the current what-ifs off the UI thread, makes that the running kernel,
     * and publishes its rules; only the newest boot is published.
     */
    private void compute() {
        NewestWins.Ticket ticket = boots.next();
        Topology t = topology;
        PlatformOverrides o = overrides;
        rules.computing(o);
        background.execute(() -> {
            KernelSession booted;
            try {
                booted = KernelSession.boot(t, o);
            } catch (RuntimeException e) {
                String why = String.valueOf(e);
                ui.execute(() -> {
                    if (ticket.isNewest()) documents.say("The kernel rules failed on this topology (" + why
                            + "); please report it", true);
                });
                return;
            }
            if (!ticket.isNewest()) return;
            // Installed before the rules are published: whatever reacts to them maps on this kernel.
            kernel.install(booted);
            kernel.warmUp();
            ui.execute(() -> {
                if (ticket.isNewest()) rules.publish(booted.rules(), o);
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
