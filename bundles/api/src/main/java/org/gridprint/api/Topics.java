package org.gridprint.api;

/**
 * EventAdmin topics. Events carry facts that already happened, one event per batch, never one per reading.
 * Property keys are in {@link EventKeys}.
 */
public final class Topics {

    /** A batch of readings was committed. Keys: BATCH_ID, SOURCE, METER_IDS, FROM, TO, COUNT, LEDGER_HASH. */
    public static final String READINGS_STORED = "gridprint/readings/STORED";
    /** Emission records were computed and stored. Keys: METER_IDS, FROM, TO, COUNT. */
    public static final String EMISSIONS_COMPUTED = "gridprint/emissions/COMPUTED";
    /** Allocations were computed (later capability). */
    public static final String ALLOCATIONS_COMPUTED = "gridprint/allocations/COMPUTED";
    /**
     * Prefix of alarm topics; the last segment is an {@link AlarmKind}. Subscribe to {@code gridprint/alarms/*}.
     * Keys: as built by {@link Alarm#toEventProperties()}.
     */
    public static final String ALARMS_PREFIX = "gridprint/alarms/";
    public static final String ALARMS_ALL = "gridprint/alarms/*";

    private Topics() {
    }

    /** The topic of an alarm of the given kind. */
    public static String alarm(AlarmKind kind) {
        return ALARMS_PREFIX + kind.name();
    }
}
