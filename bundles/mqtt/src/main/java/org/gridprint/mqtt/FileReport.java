package org.gridprint.mqtt;

import java.util.List;

import org.gridprint.api.allocation.ItemError;

/**
 * What became of one job-stamp, utility-bill or meter-log message: published on the reply topic and counted.
 *
 * @param kind {@code jobs}, {@code utility-bills} or {@code meter-logs}
 */
public record FileReport(String topic, String kind, int accepted, int duplicates, List<ItemError> errors) {
    public FileReport {
        errors = List.copyOf(errors);
    }
}
