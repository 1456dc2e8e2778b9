package org.gridprint.driver.modbus;

/**
 * Wall-clock poll slots: the multiples of the poll period since the epoch (period 15 min: …:00, …:15, …).
 * A device polls once per slot and stamps the readings with the slot. Pure: times are epoch milliseconds.
 */
final class PollSlots {

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
    record Next(long slot, long skipped, boolean clockWentBack) {
    }

    /** The slot {@code nowMillis} falls in: the last multiple of the period at or before it. */
    static long slotOf(long nowMillis, long periodMillis) {
        return Math.floorDiv(nowMillis, periodMillis) * periodMillis;
    }

    /** The first slot strictly after {@code nowMillis}. */
    static long nextAfter(long nowMillis, long periodMillis) {
        return slotOf(nowMillis, periodMillis) + periodMillis;
    }

    /**
     * One run at the first slot after now, and never a slot at or before the one just polled (a task fired
     * a few ms early by the monotonic timer must not poll the same slot twice). Slots the poll ran past
     * are skipped, not caught up.
     */
    static Next next(long polledSlot, long nowMillis, long periodMillis) {
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
}
