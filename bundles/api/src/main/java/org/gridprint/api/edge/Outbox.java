package org.gridprint.api.edge;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The durable outbox of an edge, kept by its reading store: every batch the store commits with accepted readings is
 * queued in the SAME transaction (a crash either keeps both or neither), in ledger order. A forwarder reads entries
 * in order, sends them to the central and removes them only when the central acknowledges that it has stored them.
 * Registered by a store only when its outbox is enabled.
 */
@ProviderType
public interface Outbox {

    /**
     * Queued entries with {@code id > afterId}, oldest first, until {@code maxReadings} readings are reached (at
     * least one entry when there is one, even if it alone holds more).
     */
    List<OutboxEntry> peek(long afterId, int maxReadings);

    /**
     * Removes the queued entries with {@code firstId <= id <= lastId} durably (the central acknowledged them).
     * Entries already removed are ignored, so a repeated acknowledgement is harmless.
     *
     * @return the number of entries removed
     */
    int acknowledge(long firstId, long lastId);

    /** Depth, capacity, policy and counts. */
    OutboxStatus outboxStatus();
}
