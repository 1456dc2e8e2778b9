package org.gridprint.carbon;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.TreeSet;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.api.Meter;
import org.gridprint.api.Topics;
import org.gridprint.api.carbon.EmissionRecord;
import org.gridprint.api.carbon.IntervalFlag;
import org.gridprint.api.carbon.ShortestDecimal;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;

/**
 * What the calculator posts: one {@value Topics#EMISSIONS_COMPUTED} per worker run that stored new records and a
 * {@code gridprint/alarms/COUNTER_RESET} per reset, rollover or counter-drop interval (at most
 * {@value #MAX_RESET_ALARMS_PER_RUN} per meter run). Posting never throws ({@link Events}).
 */
final class CalculationEvents {

    /** At most this many COUNTER_RESET alarms per meter run; further ones are summed up in the last. */
    static final int MAX_RESET_ALARMS_PER_RUN = 10;

    private static final Logger LOG = CarbonCalculatorImpl.LOG;

    private CalculationEvents() {
    }

    /**
     * Posts COMPUTED for the runs that stored records: METER_IDS (String[], sorted), FROM/TO (Long epoch millis:
     * first interval start, last interval end), COUNT (Integer, new records). Nothing when nothing was stored.
     */
    static void postComputed(EventAdmin eventAdmin, List<MeterRun> runs) {
        var meters = new TreeSet<String>();
        Instant from = null;
        Instant to = null;
        var count = 0;
        for (var run : runs) {
            if (run instanceof MeterRun.Computed c && c.stored() > 0) {
                meters.add(c.meterId());
                count += c.stored();
                from = from == null || c.from().get().isBefore(from) ? c.from().get() : from;
                to = to == null || c.to().get().isAfter(to) ? c.to().get() : to;
            }
        }
        if (count == 0) {
            return;
        }
        var props = new HashMap<String, Object>();
        props.put(EventKeys.METER_IDS, meters.toArray(String[]::new));
        props.put(EventKeys.FROM, from.toEpochMilli());
        props.put(EventKeys.TO, to.toEpochMilli());
        props.put(EventKeys.COUNT, count);
        Events.post(eventAdmin, new Event(Topics.EMISSIONS_COMPUTED, props));
    }

    /**
     * Logs and posts COUNTER_RESET for each ROLLOVER, COUNTER_RESET or COUNTER_DROP interval among {@code records}.
     *
     * @param alreadyRaised resets counted earlier in this meter run
     * @return the reset intervals among {@code records} (also those beyond the alarm limit)
     */
    static int raiseResetAlarms(EventAdmin eventAdmin, Meter meter, List<EmissionRecord> records, int alreadyRaised) {
        var raised = 0;
        for (var r : records) {
            var i = r.interval();
            var rollover = i.flags().contains(IntervalFlag.ROLLOVER);
            var drop = i.flags().contains(IntervalFlag.COUNTER_DROP);
            if (!rollover && !drop && !i.flags().contains(IntervalFlag.COUNTER_RESET)) {
                continue;
            }
            raised++;
            if (alreadyRaised + raised > MAX_RESET_ALARMS_PER_RUN) {
                continue;
            }
            var message = drop
                    ? "meter '" + meter.id() + "': energy counter went down from " + plain(i.startCounter()) + " to "
                            + plain(i.endCounter()) + " kWh without a reset or rollover between " + i.start() + " and "
                            + i.end() + "; interval energy 0 kWh, flagged COUNTER_DROP and SUSPECT"
                    : rollover
                    ? "meter '" + meter.id() + "': energy counter rolled over at " + meter.counterRollover() + " kWh between "
                            + i.start() + " (" + i.startCounter() + " kWh) and " + i.end() + " (" + i.endCounter()
                            + " kWh); interval energy " + i.energy() + " kWh, flagged ROLLOVER"
                    : "meter '" + meter.id() + "': energy counter went down between " + i.start() + " ("
                            + i.startCounter() + " kWh) and " + i.end() + " (" + i.endCounter()
                            + " kWh); treated as a reset to zero, interval energy " + i.energy()
                            + " kWh, flagged COUNTER_RESET and SUSPECT";
            LOG.warn(message);
            Events.post(eventAdmin, Alarm.of(AlarmKind.COUNTER_RESET, message, i.end()).withSource("carbon")
                    .withMeterIds(List.of(meter.id())).with(EventKeys.METER_ID, meter.id())
                    .with(EventKeys.FROM, i.start().toEpochMilli()).with(EventKeys.TO, i.end().toEpochMilli()));
        }
        return raised;
    }

    /** A counter value as a plain decimal (25000000, not 2.5E7). */
    private static String plain(double value) {
        return ShortestDecimal.of(value).toPlainString();
    }
}
