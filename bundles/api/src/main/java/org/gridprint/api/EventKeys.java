package org.gridprint.api;

/** Property keys of Gridprint events. Times are epoch milliseconds (Long), id lists String[]. */
public final class EventKeys {

    public static final String BATCH_ID = "batchId";
    public static final String SOURCE = "source";
    public static final String METER_IDS = "meterIds";
    public static final String METER_ID = "meterId";
    public static final String DEVICE_ID = "deviceId";
    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String COUNT = "count";
    public static final String LEDGER_HASH = "ledgerHash";
    public static final String ALARM_KIND = "kind";
    public static final String MESSAGE = "message";
    public static final String TIMESTAMP = "timestamp";
    /**
     * Whether an alarm event starts ({@link #RAISED}) or ends ({@link #CLEARED}) its condition; absent means raised.
     * Put it in {@link Alarm#details()}.
     *
     * @since 1.3.0
     */
    public static final String ALARM_STATE = "alarmState";
    /** @since 1.3.0 */
    public static final String RAISED = "RAISED";
    /** @since 1.3.0 */
    public static final String CLEARED = "CLEARED";

    private EventKeys() {
    }
}
