package org.dmascope.model.mapping;

import java.util.List;

/**
 * What unmapping one mapping did.
 *
 * @param actions          one sentence per thing given back
 * @param leafEntriesCleared I/O page-table leaf entries cleared
 * @param iovaFreed        IOVA ranges freed (to the range cache or the tree)
 * @param iovaQueued       IOVA ranges left in a lazy domain's flush queue
 * @param bouncesReleased  swiotlb bounce buffers given back
 */
public record UnmapResult(Mapping mapping, List<String> actions, long leafEntriesCleared, int iovaFreed, int iovaQueued,
                          int bouncesReleased) {
    public UnmapResult {
        actions = List.copyOf(actions);
    }
}
