package org.dmascope.views.mapping;

import java.util.List;
import java.util.Optional;

import org.dmascope.model.mapping.Mapping;

/**
 * The live mappings of a {@code DmaState}, copied out on the engine thread for the UI: grouped by
 * IOMMU domain (dma-direct mappings have none), with what each domain's flush queue holds and how full
 * the swiotlb pool is.
 *
 * @param swiotlb e.g. {@code swiotlb pool 0xb7000000: 32 of 32768 slots in use}, when a pool exists
 */
public record LiveState(List<Domain> domains, Optional<String> swiotlb) {
    public static final LiveState EMPTY = new LiveState(List.of(), Optional.empty());

    public LiveState {
        domains = List.copyOf(domains);
    }

    /**
     * @param id      the domain id, null for dma-direct
     * @param title   e.g. {@code IOMMU domain "group 4" · DMA-FQ}
     * @param lazy    the domain has a flush queue
     * @param queued  IOVA ranges waiting in the flush queue
     */
    public record Domain(String id, String title, boolean lazy, int queued, List<Entry> mappings) {
        public Domain {
            mappings = List.copyOf(mappings);
        }
    }

    /** One live mapping and a line about it. */
    public record Entry(Mapping mapping, String summary) {
    }

    public int count() {
        return domains.stream().mapToInt(d -> d.mappings().size()).sum();
    }

    /** Live mappings in the domain {@code m} lives in (dma-direct counts as one), {@code m} included. */
    public int countInDomainOf(Mapping m) {
        for (Domain d : domains) {
            if (d.mappings().stream().anyMatch(e -> e.mapping() == m)) return d.mappings().size();
        }
        return 0;
    }
}
