package org.gridprint.api.edge;

import java.time.Instant;
import java.util.List;

import org.gridprint.api.Reading;

/**
 * One queued outbox entry: the readings one stored batch accepted, in the order the batch gave them.
 *
 * @param id       the entry's position in the outbox (its ledger batch id): strictly increasing in commit order
 * @param queuedAt when the batch was committed (and queued)
 * @param readings the accepted readings (each with its own source)
 */
public record OutboxEntry(long id, Instant queuedAt, List<Reading> readings) {

    public OutboxEntry {
        readings = List.copyOf(readings);
    }
}
