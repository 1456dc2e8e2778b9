package org.gridprint.driver.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class PollSlotsTest {

    private static final long MIN15 = 900_000;
    private static final long SLOT = Instant.parse("2026-03-31T23:45:00Z").toEpochMilli();

    @Test
    void slotIsTheMultipleOfThePeriodAtOrBeforeNow() {
        assertEquals(SLOT, PollSlots.slotOf(SLOT, MIN15));
        assertEquals(SLOT, PollSlots.slotOf(SLOT + 3, MIN15));
        assertEquals(SLOT - MIN15, PollSlots.slotOf(SLOT - 1, MIN15));
        assertEquals(SLOT + MIN15, PollSlots.nextAfter(SLOT, MIN15));
        assertEquals(-1000, PollSlots.slotOf(-1, 1000), "floor, also before the epoch");
    }

    @Test
    void aQuickPollRunsAtTheNextSlot() {
        assertEquals(new PollSlots.Next(SLOT + MIN15, 0, false), PollSlots.next(SLOT, SLOT + 40, MIN15));
    }

    @Test
    void aSlowPollSkipsTheSlotsItRanPastInsteadOfCatchingUp() {
        // period 1 s; the poll of 10:00:00 took 3.5 s: one run at 10:00:04, 10:00:01..03 skipped
        long t = Instant.parse("2026-03-31T10:00:00Z").toEpochMilli();
        assertEquals(new PollSlots.Next(t + 4000, 3, false), PollSlots.next(t, t + 3500, 1000));
        // ended exactly on a slot boundary: that slot is past (its time has come), the next one is due
        assertEquals(new PollSlots.Next(t + 3000, 2, false), PollSlots.next(t, t + 2000, 1000));
    }

    @Test
    void aTaskFiredEarlyNeverPollsTheSameSlotTwice() {
        // the monotonic timer fired 2 ms before the wall-clock slot and the poll took 1 ms
        assertEquals(new PollSlots.Next(SLOT + MIN15, 0, false), PollSlots.next(SLOT, SLOT - 1, MIN15));
    }

    @Test
    void aClockSetBackByMoreThanAPeriodRestartsFromTheClock() {
        long now = SLOT - 3 * MIN15 - 7;
        assertEquals(new PollSlots.Next(SLOT - 3 * MIN15, 0, true), PollSlots.next(SLOT, now, MIN15));
    }
}
