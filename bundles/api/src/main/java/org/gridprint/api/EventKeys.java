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

    private EventKeys() {
    }
}
