package org.gridprint.api.edge;

import java.time.Instant;
import java.util.Optional;

/**
 * The outbox at a glance.
 *
 * @param enabled         false when the store does not queue (outbox capacity 0): nothing is forwarded
 * @param capacity        readings the outbox holds at most
 * @param policy          what happens when full
 * @param entries         queued entries (stored batches not yet acknowledged by the central)
 * @param readings        queued readings (the depth)
 * @param oldest          when the oldest queued entry was committed, empty when the outbox is empty
 * @param droppedReadings readings dropped by {@link OutboxPolicy#DROP_OLDEST} since the outbox was created
 * @param refusedBatches  batches refused by {@link OutboxPolicy#REFUSE_NEW} since the store opened
 */
public record OutboxStatus(boolean enabled, long capacity, OutboxPolicy policy, long entries, long readings,
        Optional<Instant> oldest, long droppedReadings, long refusedBatches) {
}
