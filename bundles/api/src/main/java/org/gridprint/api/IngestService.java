package org.gridprint.api;

import org.osgi.annotation.versioning.ProviderType;

import java.util.List;

/**
 * The one way into Gridprint for readings. Drivers hand over a batch (one poll cycle, one MQTT message,
 * one upload); each reading gets its own outcome and one bad reading never costs the others.
 * Implementations post {@link Topics#READINGS_STORED} after a batch with accepted readings is committed.
 */
@ProviderType
public interface IngestService {

    /**
     * Validates, stores idempotently and ledgers a batch.
     *
     * @param source the submitting driver instance, e.g. {@code modbus/panel-3}
     * @param batch  the readings, any order
     * @return one outcome per reading, in the order given
     */
    IngestResult submit(String source, List<Reading> batch);

    /**
     * Totals since the service started, for operators. The default answers zeros, so implementations written
     * before this method existed keep compiling and working.
     *
     * @since 1.2.0
     */
    default IngestStatistics statistics() {
        return IngestStatistics.none();
    }
}
