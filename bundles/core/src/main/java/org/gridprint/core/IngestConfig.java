package org.gridprint.core;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code org.gridprint.ingest} (etc/org.gridprint.ingest.cfg); every field is optional. */
@ObjectClassDefinition(id = IngestServiceImpl.PID, name = "Gridprint ingest",
        description = "Validation rules applied to every submitted batch before it is stored.")
@interface IngestConfig {

    @AttributeDefinition(name = "Max future skew (s)", min = "0", max = "316224000",
            description = "A reading stamped more than this many seconds ahead of the server clock is rejected "
                    + "(at most 10 years)")
    long maxFutureSkewSeconds() default IngestSettings.DEFAULT_MAX_FUTURE_SKEW_SECONDS;

    @AttributeDefinition(name = "Max batch size", min = "1",
            description = "A submitted batch with more readings is refused as a whole (IllegalArgumentException)")
    int maxBatchSize() default IngestSettings.DEFAULT_MAX_BATCH_SIZE;

    @AttributeDefinition(name = "Alarm on negative power",
            description = "Raise gridprint/alarms/NEGATIVE_VALUE when ACTIVE_POWER < 0 (CT clamped backwards); "
                    + "the reading is stored either way")
    boolean negativePowerAlarm() default true;

    @AttributeDefinition(name = "Earliest timestamp",
            description = "A reading stamped before this ISO-8601 UTC instant is rejected as invalid")
    String earliestTimestamp() default IngestSettings.DEFAULT_EARLIEST_TIMESTAMP;
}
