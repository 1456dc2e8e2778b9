package org.gridprint.carbon.market;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A refused instrument is logged once and raised once as {@code gridprint/alarms/CONFIG_ERROR} per instrument, site,
 * rule and consumption year, never per window. The memory of what was reported is bounded (forgotten past 10,000
 * keys: then a refusal may be reported once more).
 */
final class Refusals {

    static final String SOURCE = MarketPricingImpl.PID;
    private static final Logger LOG = LoggerFactory.getLogger(MarketPricingImpl.class);
    private static final int MAX_KEYS = 10_000;

    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final Consumer<Alarm> alarms;
    private final Clock clock;

    Refusals(Consumer<Alarm> alarms, Clock clock) {
        this.alarms = alarms;
        this.clock = clock;
    }

    /** Reports once per key; returns true if this call reported. */
    boolean report(String key, String instrumentId, String rule, String message) {
        if (reported.size() > MAX_KEYS) {
            reported.clear();
        }
        if (!reported.add(key)) {
            return false;
        }
        LOG.warn("{}", message);
        alarms.accept(Alarm.of(AlarmKind.CONFIG_ERROR, message, clock.instant()).withSource(SOURCE)
                .with("instrument", instrumentId).with("rule", rule));
        return true;
    }
}
