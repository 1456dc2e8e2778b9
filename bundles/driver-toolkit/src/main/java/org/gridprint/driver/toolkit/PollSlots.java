package org.gridprint.driver.toolkit;

/**
 * Wall-clock poll slots: the multiples of the poll period since the epoch (period 15 min: …:00, …:15, …).
 * Pure: times are epoch milliseconds.
 */
public final class PollSlots {

    private PollSlots() {
    }

    /**
     * The next slot to poll after {@code polledSlot}.
     *
     * @param slot          epoch ms of the next slot
     * @param skipped       slots left out because the poll ran past them
     * @param clockWentBack the wall clock is more than one period before the polled slot (it was set back);
     *                      the sequence restarts from the clock
     */
    public record Next(long slot, long skipped, boolean clockWentBack) {
    }

    /** The slot {@code nowMillis} falls in: the last multiple of the period at or before it. */
    public static long slotOf(long nowMillis, long periodMillis) {
        return Math.floorDiv(nowMillis, periodMillis) * periodMillis;
    }

    /** The first slot strictly after {@code nowMillis}. */
    public static long nextAfter(long nowMillis, long periodMillis) {
        return slotOf(nowMillis, periodMillis) + periodMillis;
    }

    /**
     * One run at the first slot after now, and never a slot at or before the one just polled (a task fired a few
     * ms early by the monotonic timer must not poll the same slot twice). Slots the poll ran past are skipped.
     */
    public static Next next(long polledSlot, long nowMillis, long periodMillis) {
        long due = polledSlot + periodMillis;
        long after = nextAfter(nowMillis, periodMillis);
        if (after >= due) {
            return new Next(after, (after - due) / periodMillis, false);
        }
        if (nowMillis < polledSlot - periodMillis) {
            return new Next(after, 0, true);
        }
        return new Next(due, 0, false);
    }

    /**
     * A warning when {@code periodMillis} does not divide {@code windowMillis} (e.g. a 7 min poll against hourly
     * accounting windows: slot timestamps then do not fall on the window edges), else null.
     */
    public static String misalignment(String what, long periodMillis, long windowMillis) {
        if (periodMillis <= 0 || windowMillis <= 0 || windowMillis % periodMillis == 0) {
            return null;
        }
        return what + ": the poll period of " + periodMillis / 1000.0 + " s does not divide the reporting window of "
                + windowMillis / 1000 + " s; readings will not fall on the window edges (use a divisor, e.g. 1, 5, 15, "
                + "60, 300, 900 s for hourly windows)";
    }
}
