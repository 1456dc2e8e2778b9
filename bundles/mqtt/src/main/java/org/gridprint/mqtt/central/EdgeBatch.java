package org.gridprint.mqtt.central;

import java.util.List;

import org.gridprint.api.Reading;

/**
 * One batch forwarded by an edge: its outbox entries {@code first..sequence} (ledger batch ids of the edge) and their
 * readings, in the edge's commit order.
 */
public record EdgeBatch(String edge, long first, long sequence, List<Reading> readings) {

    public EdgeBatch {
        readings = List.copyOf(readings);
    }
}
