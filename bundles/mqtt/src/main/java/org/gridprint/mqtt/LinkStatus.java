package org.gridprint.mqtt;

/** A snapshot of one broker connection, for operators and tests. */
public record LinkStatus(String id, String serverUri, boolean connected, long connects, int failuresInARow,
        String lastError, int queuedPublications, long published, long droppedPublications, long messages,
        long readingsAccepted, long itemsRefused) {
}
