package org.gridprint.carbon;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.TreeSet;

import org.gridprint.api.EventKeys;
import org.gridprint.api.Topics;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** The COMPUTED event of a worker run or recalculation. Posting never throws ({@link Events}). */
final class CalculationEvents {

    private CalculationEvents() {
    }

    /**
     * Posts {@value Topics#EMISSIONS_COMPUTED} for the runs that added or revised windows: METER_IDS (String[],
     * sorted), FROM/TO (Long epoch millis: first changed window start, last changed window end), COUNT (Integer,
     * windows added or revised, every scope and method). Nothing when nothing changed.
     */
    static void postComputed(EventAdmin eventAdmin, List<MeterRun> runs) {
        var meters = new TreeSet<String>();
        Instant from = null;
        Instant to = null;
        long count = 0;
        for (var run : runs) {
            if (run instanceof MeterRun.Computed c && c.stored() > 0 && c.from().isPresent()) {
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
        props.put(EventKeys.COUNT, (int) Math.min(Integer.MAX_VALUE, count));
        Events.post(eventAdmin, new Event(Topics.EMISSIONS_COMPUTED, props));
    }
}
