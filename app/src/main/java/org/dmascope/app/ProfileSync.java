package org.dmascope.app;

import org.dmascope.model.kernel.KernelProfile;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.views.mapping.MappingOptions;
import org.dmascope.views.mapping.MappingViewModel;

/**
 * Keeps one kernel and one set of platform what-ifs for the whole window. The mapping options'
 * kernel selector and the platform panel both edit the {@link PlatformSession} (so a kernel change
 * from either is undoable), and the mappings follow it: groups, the P2P matrix, the inspector and
 * every mapping always answer for the same kernel and platform.
 */
final class ProfileSync {
    private final PlatformSession session;
    private final MappingViewModel mapping;

    ProfileSync(PlatformSession session, MappingViewModel mapping) {
        this.session = session;
        this.mapping = mapping;
    }

    /** Both objects live as long as the window, so the listeners are never removed. */
    void start() {
        session.rules().overridesProperty().addListener((obs, old, o) -> fromSession(o));
        mapping.optionsProperty().addListener((obs, old, o) -> {
            if (old == null || old.profile() != o.profile()) fromOptions(o.profile());
        });
        fromSession(session.overrides());
    }

    private void fromSession(PlatformOverrides o) {
        mapping.platformProperty().set(o);
        KernelProfile p = o.profile().orElse(KernelProfile.MAINLINE);
        MappingOptions current = mapping.optionsProperty().get();
        if (current.profile() != p) mapping.optionsProperty().set(current.withProfile(p));
    }

    private void fromOptions(KernelProfile p) {
        PlatformOverrides current = session.overrides();
        if (current.profile().orElse(KernelProfile.MAINLINE) != p) session.change(current.withProfile(p), "kernel " + p.label());
    }
}
