package org.gridprint.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowFlag;
import org.junit.jupiter.api.Test;

class WindowBlockCodecTest {

    static final Instant DAY = Instant.parse("2026-01-01T00:00:00Z"); // 1767225600000

    static EmissionWindow window(int hour, long amountNano, long co2e, long factorRef, Set<WindowFlag> flags,
            Quality q, int version) {
        var start = DAY.plusSeconds(3600L * hour);
        return new EmissionWindow("hq/b1/ahu-2", "hq", Quantity.ACTIVE_ENERGY_IMPORT, Scope.SCOPE_2,
                AccountingMethod.LOCATION_BASED, start, start.plusSeconds(3600), amountNano, co2e, factorRef, 0, 0, q,
                flags, start.minusSeconds(3), start.plusSeconds(3604), version, start.plusSeconds(3660));
    }

    @Test
    void encodesOneSmallWindowByteForByte() {
        // start 1767225600000 ms, duration 3600000, amount 1000, co2e 7, factorRef 3, flags {ROLLOVER (ordinal 4)},
        // quality GOOD, first = start - 3000, last = end + 4000, version 1, entry 5, computedAt = end + 60000
        var w = window(0, 1000, 7, 3, EnumSet.of(WindowFlag.ROLLOVER), Quality.GOOD, 1);
        var block = WindowBlockCodec.encode(List.of(new StoredWindow(w, 5, 0xABCD)));
        var expected = new StringBuilder();
        expected.append("01").append("01").append("01").append("02").append("6871"); // format, n, sites, "hq"
        // zz(1767225600000) = 3534451200000 = 0x336_E8A4_4800 → LEB128
        expected.append(leb(3534451200000L));
        expected.append(leb(7200000L)); // zz(3600000)
        expected.append(leb(1000)); // amount
        expected.append("07"); // co2e
        expected.append("06"); // zz(3)
        expected.append("00"); // zz(0) instrument
        expected.append("00"); // covered
        expected.append(leb(16L << 2)); // flag bit 4 = 16, × 4, quality 0
        expected.append(leb(6000)); // zz(3000)
        expected.append(leb(8000)); // zz(4000)
        expected.append("01"); // version
        expected.append("0a"); // zz(5)
        expected.append(leb(2 * (1767225600000L + 3600000 + 60000))); // zz(computedAt)
        expected.append("abcd");
        assertEquals(expected.toString(), HexFormat.of().formatHex(block));
        var back = WindowBlockCodec.decode(block, w.meterId(), w.quantity(), w.scope(), w.method());
        assertEquals(List.of(new StoredWindow(w, 5, 0xABCD)), back);
    }

    /** LEB128 written out by hand for the reference (7 bits at a time, low first). */
    static String leb(long v) {
        var sb = new StringBuilder();
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            sb.append(String.format("%02x", v != 0 ? b | 0x80 : b));
        } while (v != 0);
        return sb.toString();
    }

    @Test
    void roundTripsADayWithRevisionsFlagsAndTwoSites() {
        var in = new ArrayList<StoredWindow>();
        for (int h = 0; h < 24; h++) {
            var w = window(h, 1_234_567_890L * (h + 1), 226_478_670_000L + h, 10 + h / 8,
                    h == 5 ? EnumSet.of(WindowFlag.SUSPECT_SPIKE, WindowFlag.GAP_SPANNED) : Set.of(),
                    h == 5 ? Quality.SUSPECT : Quality.GOOD, h == 7 ? 2 : 1);
            if (h == 9) {
                w = new EmissionWindow(w.meterId(), "other-site", w.quantity(), w.scope(), w.method(), w.start(),
                        w.end(), w.amountNano(), w.co2eMicrograms(), w.factorRef(), 99, w.amountNano() / 2,
                        Quality.ESTIMATED, EnumSet.allOf(WindowFlag.class), w.firstReading(), w.lastReading(), 1,
                        w.computedAt());
            }
            in.add(StoredWindow.of(w, h == 7 ? 40 : 3));
        }
        var block = WindowBlockCodec.encode(in);
        var out = WindowBlockCodec.decode(block, "hq/b1/ahu-2", Quantity.ACTIVE_ENERGY_IMPORT, Scope.SCOPE_2,
                AccountingMethod.LOCATION_BASED);
        assertEquals(in, out);
        assertArrayEquals(block, WindowBlockCodec.encode(out));
        out.forEach(s -> assertTrue(s.checkMatches(), () -> "check of " + s));
        var sum = BlockSummary.of(out);
        assertEquals(24, sum.windows());
        assertEquals(23, sum.countedWindows()); // hour 5 is an unaccepted spike
        long amount = 0;
        for (int h = 0; h < 24; h++) {
            amount += h == 5 ? 0 : 1_234_567_890L * (h + 1);
        }
        assertEquals(amount, sum.amountNano());
        assertEquals(null, sum.siteId());
        assertEquals(Quality.SUSPECT, sum.quality());
        assertEquals(EnumSet.allOf(WindowFlag.class), sum.flags());
    }

    @Test
    void aChangedAmountNoLongerMatchesItsCheck() {
        var s = StoredWindow.of(window(3, 5_000_000_000L, 2_000_000_000L, 1, Set.of(), Quality.GOOD, 1), 1);
        var w = s.window();
        var edited = new StoredWindow(new EmissionWindow(w.meterId(), w.siteId(), w.quantity(), w.scope(), w.method(),
                w.start(), w.end(), w.amountNano() + 1, w.co2eMicrograms(), w.factorRef(), w.instrumentRef(),
                w.coveredNano(), w.quality(), w.flags(), w.firstReading(), w.lastReading(), w.version(),
                w.computedAt()), 1, s.check());
        assertTrue(s.checkMatches());
        assertFalse(edited.checkMatches());
    }

    @Test
    void refusesMixedSeriesDaysOrderAndBrokenPayloads() {
        var a = StoredWindow.of(window(1, 1, 0, 1, Set.of(), Quality.GOOD, 1), 1);
        var b = StoredWindow.of(window(2, 1, 0, 1, Set.of(), Quality.GOOD, 1), 1);
        var nextDay = StoredWindow.of(window(24, 1, 0, 1, Set.of(), Quality.GOOD, 1), 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WindowBlockCodec.encode(List.of(b, a)))
                .getMessage().contains("out of start order"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WindowBlockCodec.encode(List.of(a, nextDay)))
                .getMessage().contains("UTC day"));
        var block = WindowBlockCodec.encode(List.of(a, b));
        var cut = java.util.Arrays.copyOf(block, block.length - 3);
        var e = assertThrows(IllegalArgumentException.class, () -> WindowBlockCodec.decode(cut, "hq/b1/ahu-2",
                Quantity.ACTIVE_ENERGY_IMPORT, Scope.SCOPE_2, AccountingMethod.LOCATION_BASED));
        assertTrue(e.getMessage().contains("window #2 of 2"), e.getMessage());
        var longer = java.util.Arrays.copyOf(block, block.length + 1);
        assertThrows(IllegalArgumentException.class, () -> WindowBlockCodec.decode(longer, "hq/b1/ahu-2",
                Quantity.ACTIVE_ENERGY_IMPORT, Scope.SCOPE_2, AccountingMethod.LOCATION_BASED));
    }

    /**
     * The size of a realistic year-day of hourly windows: 1.0–9.9 kWh per hour (nano-kWh), 226.48 g/kWh (µg), one
     * factor ref per day, 7 s polls (first/last readings a few seconds outside the window), written by hourly entries.
     */
    @Test
    void bytesPerWindowOfARealisticDay() {
        var in = new ArrayList<StoredWindow>();
        var rnd = new java.util.Random(42);
        for (int h = 0; h < 24; h++) {
            long amount = 1_000_000_000L + (long) (rnd.nextDouble() * 8_900_000_000L);
            long co2e = amount * 226_478_670L / 1_000_000_000L; // 226.47867 g/kWh in µg per kWh
            var start = DAY.plusSeconds(3600L * h);
            var w = new EmissionWindow("hq/b1/ahu-2", "hq", Quantity.ACTIVE_ENERGY_IMPORT, Scope.SCOPE_2,
                    AccountingMethod.MARKET_BASED, start, start.plusSeconds(3600), amount, co2e, 17, 0, 0,
                    Quality.GOOD, Set.of(), start.minusMillis(rnd.nextInt(7000)),
                    start.plusSeconds(3600).plusMillis(rnd.nextInt(7000)), 1, start.plusSeconds(3600 + 30));
            in.add(StoredWindow.of(w, 1000 + h));
        }
        var block = WindowBlockCodec.encode(in);
        double perWindow = block.length / 24.0;
        // measured, not asserted against time: the payload must stay well under the 64-byte budget
        assertTrue(perWindow < 32, "payload bytes per window " + perWindow);
        System.out.printf("window block: %d bytes for 24 hourly windows = %.1f bytes/window payload%n", block.length,
                perWindow);
    }
}
