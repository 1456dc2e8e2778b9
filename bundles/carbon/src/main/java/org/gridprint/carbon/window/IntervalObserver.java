package org.gridprint.carbon.window;

/**
 * Told about every counter interval a {@link WindowSplitter} takes (for alarms and plausibility state). Called for
 * each interval in time order, before the windows it closes are passed on; keep it cheap.
 */
@FunctionalInterface
public interface IntervalObserver {

    /**
     * @param startMs        the interval's first reading
     * @param endMs          its second reading
     * @param startCounter   counter at {@code startMs} (nano-units)
     * @param endCounter     counter at {@code endMs} (nano-units)
     * @param energyNano     the energy booked for the interval (0 for a counter drop)
     * @param flags          {@link WindowSplitter} flag bits, plus {@link WindowSplitter#COUNTER_DROP} for a drop
     */
    void interval(long startMs, long endMs, long startCounter, long endCounter, long energyNano, int flags);
}
