package org.gridprint.mqtt.central;

/**
 * The central's acknowledgement of one edge batch, published only after the batch was committed by the central's
 * store: the edge may then remove outbox entries {@code first..sequence}.
 */
public record EdgeAck(String edge, long first, long sequence, long accepted, long duplicates, long refused) {
}
