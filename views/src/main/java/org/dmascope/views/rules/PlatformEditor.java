package org.dmascope.views.rules;

import org.dmascope.model.kernel.platform.PlatformOverrides;

/** Applies a change of the platform what-ifs; the app makes it undoable and recomputes the rules. */
@FunctionalInterface
public interface PlatformEditor {
    /**
     * @param next        the overrides to use from now on
     * @param description what changed, for Edit ▸ Undo ("IOMMU mode: lazy → identity")
     */
    void change(PlatformOverrides next, String description);
}
