package org.dmascope.views.mapping;

import java.util.Optional;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;

import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.mapping.MapApi;
import org.dmascope.model.session.MapOptions;
import org.dmascope.views.rules.PlatformEditor;
import org.dmascope.views.rules.RulesModel;

/**
 * The options a drop is mapped with, and the kernel it runs on. The options (API, IOMMU mode, DMA
 * parameters) are the mapping's own; the kernel is the machine's, kept once by the platform what-ifs,
 * so choosing it here is the same undoable change as in the platform panel.
 */
public final class OptionsModel {
    private final ObjectProperty<MapOptions> options = new SimpleObjectProperty<>(this, "options", MapOptions.DEFAULTS);
    private final RulesModel rules;
    private final PlatformEditor editor;
    private final ObjectBinding<KernelProfile> kernel;

    OptionsModel(RulesModel rules, PlatformEditor editor) {
        this.rules = rules;
        this.editor = editor;
        this.kernel = Bindings.createObjectBinding(() -> profileOf(rules.getOverrides()), rules.overridesProperty());
    }

    /** The options (remembered by the app); changing them recomputes the last drop. */
    public ObjectProperty<MapOptions> optionsProperty() {
        return options;
    }

    /** The platform what-ifs, the kernel among them. */
    public ObservableValue<PlatformOverrides> overridesProperty() {
        return rules.overridesProperty();
    }

    /** The kernel the machine runs. */
    public ObservableValue<KernelProfile> kernelProperty() {
        return kernel;
    }

    /**
     * True when {@code o} overrules what the kernel's rules or the device decide: an IOMMU mode, or a
     * DMA mask, max segment size or segment boundary of its own. The API is the driver's call, never
     * the kernel's decision, so it does not count.
     */
    public static boolean hasChoices(MapOptions o) {
        return o.iommuMode().isPresent() || !o.dma().equals(MapOptions.DEFAULTS.dma())
                || !o.queue().equals(MapOptions.DEFAULTS.queue());
    }

    /** True when the options overrule the kernel or the device now. */
    public boolean hasChoices() {
        return hasChoices(options.get());
    }

    /** Back to what the kernel and the device decide: the IOMMU mode and the DMA parameters; the API stays. */
    public void kernelDecides() {
        MapOptions o = options.get();
        MapOptions next = MapOptions.DEFAULTS.withApi(o.api()).withBlockPath(o.blockPath());
        if (!next.equals(o)) options.set(next);
    }

    /** True when the kernel was chosen (here or in the platform panel) rather than taken from the machine. */
    public boolean kernelChosen() {
        return rules.getOverrides().profile().isPresent();
    }

    /**
     * Why the kernel the machine runs has no {@code api} (with the options' block path), in the model's words:
     * "dma_iova_try_alloc is not in Linux 6.12 (since 6.16)"; empty when it has it.
     */
    public Optional<String> notInKernel(MapApi api) {
        return api.requiredFeature(options.get().blockPath()).flatMap(f -> f.refusal(kernel.get()));
    }

    /** Boots the machine with another kernel (an undoable platform change); nothing stays mapped. */
    public void chooseKernel(KernelProfile p) {
        PlatformOverrides o = rules.getOverrides();
        if (profileOf(o) == p) return;
        editor.change(o.withProfile(p), "kernel " + p.label());
    }

    private static KernelProfile profileOf(PlatformOverrides o) {
        return o.profile().orElse(KernelProfile.MAINLINE);
    }
}
