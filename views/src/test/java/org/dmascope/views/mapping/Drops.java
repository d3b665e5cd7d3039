package org.dmascope.views.mapping;

import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.session.KernelSession;
import org.dmascope.model.session.MapCall;
import org.dmascope.model.session.MapOptions;
import org.dmascope.model.session.MapOutcome;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;

/** A chip dropped on a device of a freshly booted machine, as the window maps it. */
final class Drops {
    private Drops() {
    }

    static MapOutcome map(Topology t, int source, BufferSettings s, Bdf initiator, KernelProfile kernel, MapOptions o) {
        BufferSource src = BufferSource.of(t).get(source);
        KernelSession session = KernelSession.boot(t, PlatformOverrides.NONE.withProfile(kernel));
        return session.map(new MapCall(initiator, s.spec(src), o));
    }

    static MapOutcome map(Topology t, int source, BufferSettings s, Bdf initiator, MapOptions o) {
        return map(t, source, s, initiator, KernelProfile.MAINLINE, o);
    }
}
