package org.dmascope.model.io.formats;

import java.util.Optional;

import org.dmascope.model.io.source.SourceText;

/** Text no other format recognises: the fallback, matching anything at the weakest confidence. */
public final class UnknownFormat implements RefusedFormat {

    @Override
    public String name() {
        return "unrecognised text";
    }

    @Override
    public Optional<Detection> detect(SourceText text) {
        return Optional.of(Detection.whole(this, Confidence.FALLBACK));
    }

    @Override
    public String refusal() {
        return "dmascope does not recognise this file; it reads lspci output (-t tree, -v/-vv/-vvv listing, "
                + "-x/-xxx/-xxxx hex dumps, -vmm/-mm), IOMMU group listings, hwloc topology XML, NCCL topology XML, "
                + "nvidia-smi topo -m/-p2p output and dmascope topology JSON";
    }
}
