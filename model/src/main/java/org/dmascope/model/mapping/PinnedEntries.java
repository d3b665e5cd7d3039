package org.dmascope.model.mapping;

import java.util.Arrays;
import java.util.List;

import org.dmascope.model.kernel.dma.P2pProvider;
import org.dmascope.model.kernel.sg.ScatterList;

/**
 * The entries of an explicit scatterlist ({@link BufferSpec.Sg}) after the pin step, in list order: where each
 * starts in physical memory, its length, and its provider (an index into {@link #providers()}, or
 * {@link ScatterList#NO_PROVIDER} for host RAM). This is the one description of a buffer that mixes host RAM
 * and P2P memory: the engine maps it, and the design lab reads its ranges and providers from it.
 */
public final class PinnedEntries {
    private final long[] phys;
    private final long[] len;
    private final int[] provider;
    private final List<P2pProvider> providers;

    PinnedEntries(long[] phys, long[] len, int[] provider, List<P2pProvider> providers) {
        if (phys.length != len.length || len.length != provider.length) throw new IllegalArgumentException(
                "one address, length and provider per entry");
        this.phys = phys;
        this.len = len;
        this.provider = provider;
        this.providers = List.copyOf(providers);
    }

    public int count() {
        return phys.length;
    }

    /** Physical address of entry {@code i}'s first byte ({@code sg_phys}). */
    public long phys(int i) {
        return phys[i];
    }

    public long length(int i) {
        return len[i];
    }

    /** The provider index of entry {@code i}, {@link ScatterList#NO_PROVIDER} for host RAM. */
    public int providerIndex(int i) {
        return provider[i];
    }

    /** The provider of entry {@code i}, null for host RAM. */
    public P2pProvider provider(int i) {
        return provider[i] < 0 ? null : providers.get(provider[i]);
    }

    /** The distinct providers, in the order the list first names them. */
    public List<P2pProvider> providers() {
        return providers;
    }

    public boolean mixed() {
        boolean host = false;
        boolean p2p = false;
        for (int p : provider) {
            if (p < 0) host = true;
            else p2p = true;
        }
        return host && p2p;
    }

    /** The list as the kernel's {@code struct scatterlist} array, one entry per entry ({@code sg_set_page}). */
    public ScatterList toScatterList() {
        ScatterList sg = new ScatterList(phys.length);
        for (int i = 0; i < phys.length; i++) sg.addPhys(phys[i], len[i], provider[i]);
        return sg;
    }

    /**
     * The entries as physical ranges: neighbours that continue each other physically and belong to the same
     * provider (or both to host RAM) join, as a phyr list of the buffer would hold them.
     */
    PhysRanges ranges() {
        long[] a = new long[phys.length];
        long[] l = new long[phys.length];
        int n = 0;
        for (int i = 0; i < phys.length; i++) {
            if (n > 0 && a[n - 1] + l[n - 1] == phys[i] && provider[i] == provider[i - 1]) {
                l[n - 1] += len[i];
            } else {
                a[n] = phys[i];
                l[n] = len[i];
                n++;
            }
        }
        return new PhysRanges(Arrays.copyOf(a, n), Arrays.copyOf(l, n));
    }

    /** The provider index of each of {@link #ranges()}, in the same order. */
    int[] rangeProviderIndices() {
        int[] out = new int[phys.length];
        int n = 0;
        for (int i = 0; i < phys.length; i++) {
            if (n > 0 && phys[i - 1] + len[i - 1] == phys[i] && provider[i] == provider[i - 1]) continue;
            out[n++] = provider[i];
        }
        return Arrays.copyOf(out, n);
    }

    /** The provider of each of {@link PinnedBuffer#phyr()}'s ranges, null for host RAM. */
    public P2pProvider[] rangeProviders() {
        int[] idx = rangeProviderIndices();
        P2pProvider[] out = new P2pProvider[idx.length];
        for (int i = 0; i < idx.length; i++) out[i] = idx[i] < 0 ? null : providers.get(idx[i]);
        return out;
    }

    long footprintBytes() {
        return 48 + 20L * phys.length;
    }
}
