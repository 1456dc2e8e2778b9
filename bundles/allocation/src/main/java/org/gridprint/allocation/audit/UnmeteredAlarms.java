package org.gridprint.allocation.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.api.driver.AlarmConditions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UNMETERED_ENERGY per parent: raised once when {@code windowsToRaise} consecutive compared windows are over the
 * site's threshold, cleared once when as many consecutive windows are within it; a window already seen (by start) is
 * not counted again, so recomputations and overlapping events do not double-count. One WARN line at the raise, one
 * INFO at the clear; nothing per window. Thread-safe.
 */
public final class UnmeteredAlarms implements WindowObserver {

    private static final Logger LOG = LoggerFactory.getLogger(UnmeteredAlarms.class);

    private static final class State {
        long lastStart = Long.MIN_VALUE;
        int overRun;
        int okRun;
        boolean active;
        long overWindows;
        Instant since;
    }

    private final Map<String, State> states = new HashMap<>();
    private final Consumer<Alarm> publisher;
    private final Clock clock;
    private final String siteId;
    private final Function<String, AuditSettings> settings;

    /**
     * @param settings the site's thresholds (looked up per window so a changed configuration applies at once)
     */
    public UnmeteredAlarms(String siteId, Function<String, AuditSettings> settings, Consumer<Alarm> publisher,
            Clock clock) {
        this.siteId = siteId;
        this.settings = settings;
        this.publisher = publisher;
        this.clock = clock;
    }

    static String key(String siteId, Family f) {
        return "unmetered/" + siteId + "/" + f.kind() + "/" + f.parent();
    }

    @Override
    public void window(Family family, long startMillis, long parentNano, long remainderNano, boolean over) {
        Alarm alarm = null;
        var key = key(siteId, family);
        int needed = Math.max(1, settings.apply(siteId).windowsToRaise());
        synchronized (states) {
            var s = states.computeIfAbsent(key, k -> new State());
            if (startMillis <= s.lastStart) {
                return;
            }
            s.lastStart = startMillis;
            if (over) {
                s.overRun++;
                s.okRun = 0;
                s.overWindows++;
                if (!s.active && s.overRun >= needed) {
                    s.active = true;
                    s.since = clock.instant();
                    var t = settings.apply(siteId).thresholdPercent().stripTrailingZeros().toPlainString();
                    var message = "site " + siteId + ": " + family.parent() + " differs from the sum of its "
                            + family.childTerms().size() + " " + (family.kind() == org.gridprint.api.allocation
                            .AuditFinding.Kind.VIRTUAL ? "subtracted inputs" : "submeters") + " by more than " + t
                            + " % in " + needed + " consecutive windows (last, starting "
                            + Instant.ofEpochMilli(startMillis) + ": " + AuditEngine.kwh(remainderNano) + " kWh of "
                            + AuditEngine.kwh(parentNano) + " kWh); gridprint:audit --site " + siteId + " lists it";
                    alarm = build(family, message, EventKeys.RAISED, s.overWindows);
                    LOG.warn("UNMETERED_ENERGY raised: {}", message);
                }
            } else {
                s.okRun++;
                s.overRun = 0;
                if (s.active && s.okRun >= needed) {
                    s.active = false;
                    var message = "site " + siteId + ": " + family.parent() + " agrees with its children again ("
                            + needed + " consecutive windows within the threshold; " + s.overWindows
                            + " window(s) were over it since " + s.since + ")";
                    alarm = build(family, message, EventKeys.CLEARED, s.overWindows);
                    s.overWindows = 0;
                    LOG.info("UNMETERED_ENERGY cleared: {}", message);
                }
                if (!s.active) {
                    s.overWindows = 0;
                }
            }
        }
        if (alarm != null) {
            try {
                publisher.accept(alarm);
            } catch (RuntimeException e) {
                LOG.debug("could not publish the UNMETERED_ENERGY alarm: {}", e.toString());
            }
        }
    }

    private Alarm build(Family family, String message, String state, long count) {
        var meters = new ArrayList<String>();
        family.parentTerms().forEach(t -> meters.add(t.meterId()));
        family.childTerms().forEach(t -> meters.add(t.meterId()));
        return Alarm.of(AlarmKind.UNMETERED_ENERGY, message, clock.instant()).withSource("audit/" + siteId)
                .withMeterIds(meters).with(AlarmConditions.STATE_KEY, state)
                .with(AlarmConditions.CONDITION_KEY, key(siteId, family)).with(EventKeys.METER_ID, family.parent())
                .with(EventKeys.COUNT, count);
    }

    /** The parents whose alarm is active now. */
    public List<String> active() {
        synchronized (states) {
            return states.entrySet().stream().filter(e -> e.getValue().active).map(Map.Entry::getKey).sorted()
                    .toList();
        }
    }
}
