package org.dmascope.model.mapping;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What the machine says of a block device's queue that the topology cannot: the NVMe controller's MDTS
 * ({@code nvme id-ctrl}) and the queue's {@code max_sectors_kb} as set in sysfs. Empty values: the driver's and the
 * block layer's defaults.
 *
 * @param mdts         NVMe Maximum Data Transfer Size, a power of two in controller pages (0: no limit)
 * @param maxSectorsKb {@code /sys/block/…/queue/max_sectors_kb}
 */
public record BlockQueueInputs(OptionalInt mdts, OptionalLong maxSectorsKb) {
    public static final BlockQueueInputs NONE = new BlockQueueInputs(OptionalInt.empty(), OptionalLong.empty());

    public BlockQueueInputs {
        if (mdts.isPresent() && (mdts.getAsInt() < 0 || mdts.getAsInt() > 20)) {
            throw new IllegalArgumentException("MDTS " + mdts.getAsInt() + " is out of range: 0 (no limit) to 20");
        }
        if (maxSectorsKb.isPresent() && maxSectorsKb.getAsLong() < 0) {
            throw new IllegalArgumentException("max_sectors_kb must not be negative");
        }
    }

    public BlockQueueInputs withMdts(OptionalInt v) {
        return new BlockQueueInputs(v, maxSectorsKb);
    }

    public BlockQueueInputs withMaxSectorsKb(OptionalLong v) {
        return new BlockQueueInputs(mdts, v);
    }
}
