package org.gridprint.carbon.plausibility;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.carbon.window.IntervalObserver;
import org.gridprint.carbon.window.Nano;
import org.gridprint.carbon.window.WindowSplitter;

/**
 * The alarms of counter intervals, per meter, never repeated by a recomputation: only intervals ending after the
 * meter's high-water mark (the last interval end seen, initially the end of its last stored window) count.
 * <ul>
 * <li>{@code gridprint/alarms/SUSPECT_INTERVAL}: RAISED once when a meter's interval implies more than its maximum
 * power, CLEARED once at its next plausible interval ({@link EventKeys#ALARM_STATE}).</li>
 * <li>{@code gridprint/alarms/COUNTER_RESET}: per rollover, reset or counter drop, at most
 * {@value #MAX_RESET_ALARMS_PER_RUN} per meter run.</li>
 * </ul>
 * Thread-safe per meter (the engine computes one meter at a time).
 */
public final class IntervalAlarms {

    public static final int MAX_RESET_ALARMS_PER_RUN = 10;

    private record State(long highWater, boolean spikeRaised) {
    }

    private final Map<String, State> states = new ConcurrentHashMap<>();

    /** An observer for one run of one meter; {@link Run#alarms()} afterwards gives what to post. */
    public Run run(String meterId, String unit, double maxPower, long initialHighWaterMs) {
        var s = states.computeIfAbsent(meterId, k -> new State(initialHighWaterMs, false));
        return new Run(meterId, unit, maxPower, s);
    }

    /** True while a SUSPECT_INTERVAL alarm of the meter is raised. */
    public boolean raised(String meterId) {
        var s = states.get(meterId);
        return s != null && s.spikeRaised();
    }

    public final class Run implements IntervalObserver {
        private final String meterId;
        private final String unit;
        private final double maxPower;
        private long highWater;
        private boolean raised;
        private int resets;
        private final List<Alarm> alarms = new ArrayList<>();

        Run(String meterId, String unit, double maxPower, State s) {
            this.meterId = meterId;
            this.unit = unit;
            this.maxPower = maxPower;
            this.highWater = s.highWater();
            this.raised = s.spikeRaised();
        }

        @Override
        public void interval(long a, long b, long ca, long cb, long energyNano, int flags) {
            if (b <= highWater) {
                return;
            }
            highWater = b;
            var spike = (flags & WindowSplitter.SUSPECT_SPIKE) != 0;
            if (spike && !raised) {
                raised = true;
                var hours = (b - a) / 3_600_000d;
                var message = "meter '" + meterId + "': " + plain(energyNano) + " " + unit + " between "
                        + Instant.ofEpochMilli(a) + " and " + Instant.ofEpochMilli(b) + " imply "
                        + BigDecimal.valueOf(energyNano / 1e9 / hours).round(new java.math.MathContext(6))
                                .toPlainString()
                        + " " + unit + "/h, more than its maximum of " + BigDecimal.valueOf(maxPower).toPlainString()
                        + "; the windows it touches are SUSPECT_SPIKE and excluded from totals until accepted or"
                        + " corrected (gridprint:suspects, gridprint:accept)";
                alarms.add(Alarm.of(AlarmKind.SUSPECT_INTERVAL, message, Instant.ofEpochMilli(b)).withSource("carbon")
                        .withMeterIds(List.of(meterId)).with(EventKeys.METER_ID, meterId)
                        .with(EventKeys.FROM, a).with(EventKeys.TO, b).with(EventKeys.ALARM_STATE, EventKeys.RAISED));
            } else if (!spike && raised) {
                raised = false;
                alarms.add(Alarm.of(AlarmKind.SUSPECT_INTERVAL, "meter '" + meterId + "': plausible again from "
                        + Instant.ofEpochMilli(a) + " (suspect windows stay excluded until accepted or corrected)",
                        Instant.ofEpochMilli(b)).withSource("carbon").withMeterIds(List.of(meterId))
                        .with(EventKeys.METER_ID, meterId).with(EventKeys.FROM, a).with(EventKeys.TO, b)
                        .with(EventKeys.ALARM_STATE, EventKeys.CLEARED));
            }
            if ((flags & (WindowSplitter.ROLLOVER | WindowSplitter.COUNTER_RESET)) != 0
                    && ++resets <= MAX_RESET_ALARMS_PER_RUN) {
                var from = Instant.ofEpochMilli(a);
                var to = Instant.ofEpochMilli(b);
                String message;
                if ((flags & WindowSplitter.COUNTER_DROP) != 0) {
                    message = "meter '" + meterId + "': counter went down from " + plain(ca) + " to " + plain(cb) + " "
                            + unit + " without a reset or rollover between " + from + " and " + to
                            + "; interval energy 0, flagged COUNTER_RESET and SUSPECT";
                } else if ((flags & WindowSplitter.ROLLOVER) != 0) {
                    message = "meter '" + meterId + "': counter rolled over between " + from + " (" + plain(ca) + " "
                            + unit + ") and " + to + " (" + plain(cb) + " " + unit + "); interval energy "
                            + plain(energyNano) + " " + unit + ", flagged ROLLOVER";
                } else {
                    message = "meter '" + meterId + "': counter went down between " + from + " (" + plain(ca) + " "
                            + unit + ") and " + to + " (" + plain(cb) + " " + unit + "); treated as a reset to zero,"
                            + " interval energy " + plain(energyNano) + " " + unit + ", flagged COUNTER_RESET and"
                            + " SUSPECT";
                }
                alarms.add(Alarm.of(AlarmKind.COUNTER_RESET, message, to).withSource("carbon")
                        .withMeterIds(List.of(meterId)).with(EventKeys.METER_ID, meterId)
                        .with(EventKeys.FROM, a).with(EventKeys.TO, b));
            }
        }

        /** Ends the run: keeps the state for the next one and returns the alarms to post, in order. */
        public List<Alarm> finish() {
            states.put(meterId, new State(highWater, raised));
            return List.copyOf(alarms);
        }

        /** Resets/rollovers/drops seen in this run (also beyond the alarm limit). */
        public int resets() {
            return resets;
        }
    }

    private static String plain(long nano) {
        return Nano.toDecimal(nano).toPlainString();
    }
}
