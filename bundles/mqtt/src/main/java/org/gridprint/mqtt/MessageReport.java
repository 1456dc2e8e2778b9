package org.gridprint.mqtt;

import java.util.List;

/**
 * What became of one ingest message.
 *
 * @param accepted   readings stored for the first time
 * @param duplicates readings already stored with the same value
 * @param refused    per refused item (by the payload parser or by ingest): its reason, in message order
 */
public record MessageReport(String topic, long accepted, long duplicates, List<String> refused) {
    public MessageReport {
        refused = List.copyOf(refused);
    }
}
