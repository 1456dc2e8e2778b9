package org.gridprint.store.derby;

import org.gridprint.api.edge.OutboxPolicy;

/**
 * The edge outbox of a store: {@code capacity} readings at most (0 = no outbox: nothing is queued) and what happens
 * when a batch would take it past that.
 */
public record OutboxSettings(long capacity, OutboxPolicy policy) {

    public static final OutboxSettings OFF = new OutboxSettings(0, OutboxPolicy.REFUSE_NEW);

    public OutboxSettings {
        if (capacity < 0) {
            throw new IllegalArgumentException("outboxCapacity must be 0 (no outbox) or >= 1 reading, was " + capacity);
        }
        if (policy == null) {
            throw new IllegalArgumentException("outboxPolicy must be refuse-new or drop-oldest, was null");
        }
    }

    public static OutboxSettings of(long capacity, OutboxPolicy policy) {
        return new OutboxSettings(capacity, policy);
    }

    public boolean enabled() {
        return capacity > 0;
    }
}
