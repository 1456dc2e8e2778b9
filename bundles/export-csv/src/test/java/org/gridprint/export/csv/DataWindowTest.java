package org.gridprint.export.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.store.HeldSpan;
import org.junit.jupiter.api.Test;

class DataWindowTest {

    private static final Instant FIRST = Instant.parse("2026-11-25T09:00:00Z");
    private static final Instant LAST = Instant.parse("2026-12-06T10:14:30Z");
    private static final Optional<HeldSpan> HELD = Optional.of(new HeldSpan(FIRST, LAST));

    private static Instant t(String iso) {
        return Instant.parse(iso);
    }

    @Test
    void aPeriodHoldingAllTheDataAndReachingMoreThanADayBeyondIsRefusedNamingTheData() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> DataWindow.clip(t("1970-01-01T00:00:00Z"), t("9999-12-31T00:00:00Z"), HELD));
        assertTrue(e.getMessage().endsWith("the store holds readings from 2026-11-25T09:00Z to 2026-12-06T10:14Z;"
                + " choose --from/--to within that, e.g. --from 2026-11-25 --to 2026-12-07"), e.getMessage());
        assertTrue(e.getMessage().startsWith("export period 1970-01-01T00:00Z .. 9999-12-31T00:00Z"), e.getMessage());

        // more than a day on one side only
        assertThrows(IllegalArgumentException.class,
                () -> DataWindow.clip(t("2026-11-24T08:59:59Z"), t("2026-12-07T00:00:00Z"), HELD));
        assertThrows(IllegalArgumentException.class,
                () -> DataWindow.clip(t("2026-11-25T00:00:00Z"), t("2026-12-07T10:14:31Z"), HELD));
    }

    @Test
    void theSuggestedPeriodAndPeriodsWithinADayOfTheDataAreFine() {
        assertEquals(new DataWindow.Range(FIRST, LAST.plusMillis(1)),
                DataWindow.clip(t("2026-11-25T00:00:00Z"), t("2026-12-07T00:00:00Z"), HELD));
        assertEquals(new DataWindow.Range(FIRST, LAST.plusMillis(1)),
                DataWindow.clip(FIRST.minus(Duration.ofDays(1)), LAST.plus(Duration.ofDays(1)), HELD));
    }

    @Test
    void aPeriodThatOnlyPartlyCoversTheDataIsClippedToIt() {
        var range = DataWindow.clip(t("1970-01-01T00:00:00Z"), t("2026-12-01T00:00:00Z"), HELD);
        assertEquals(new DataWindow.Range(FIRST, t("2026-12-01T00:00:00Z")), range);

        var inside = DataWindow.clip(t("2026-12-01T00:00:00Z"), t("2026-12-02T00:00:00Z"), HELD);
        assertEquals(new DataWindow.Range(t("2026-12-01T00:00:00Z"), t("2026-12-02T00:00:00Z")), inside);

        var after = DataWindow.clip(t("2027-01-01T00:00:00Z"), t("9999-01-01T00:00:00Z"), HELD);
        assertTrue(after.isEmpty(), "a period after the data reads nothing: " + after);
    }

    @Test
    void anEmptyStoreSaysSo() {
        var e = assertThrows(IllegalStateException.class,
                () -> DataWindow.clip(FIRST, LAST, Optional.empty()));
        assertEquals("the store holds no readings yet, so there is nothing to export", e.getMessage());
    }

    @Test
    void aStoreThatCannotTellItsSpanIsSearchedWithBoundedLookUps() {
        var store = new FakeReadingStore(); // heldSpan() answers empty, as the api's default does
        var readings = new ArrayList<Reading>();
        for (var k = 0; k < 50; k++) {
            readings.add(new Reading("hq/a", Quantity.ACTIVE_ENERGY_IMPORT, FIRST.plusSeconds(3600L * k), k,
                    Quality.GOOD, "t"));
        }
        readings.add(new Reading("hq/b", Quantity.ACTIVE_POWER, LAST, 1, Quality.GOOD, "t"));
        store.readings.addAll(readings);

        var span = HeldSpans.of(store, List.of("hq/a", "hq/b", "hq/none"));

        assertEquals(Optional.of(new HeldSpan(FIRST, LAST)), span);
        assertTrue(store.calls.size() <= 2 + 3 * Quantity.values().length + 2 * (HeldSpans.MAX_PROBES + 1),
                store.calls.size() + " calls");
        assertEquals(Optional.empty(), HeldSpans.of(new FakeReadingStore(), List.of("hq/a")), "an empty store");
    }

    @Test
    void progressIsToldAtMostEveryHalfSecond() {
        var told = new ArrayList<Long>();
        var now = new long[] {0};
        var progress = new ExportProgress(java.nio.file.Path.of("x.csv"), (rows, meters, total) -> told.add(rows),
                () -> now[0]);
        progress.metersTotal(2);
        for (var k = 0; k < 10_000; k++) {
            progress.row();
            now[0] += 1_000_000; // 1 ms a row
        }
        progress.meterDone();
        progress.finish();

        assertTrue(told.size() >= 18 && told.size() <= 22, told.size() + " calls for 10 s of rows");
        assertEquals(10_000L, told.get(told.size() - 1));
    }
}
