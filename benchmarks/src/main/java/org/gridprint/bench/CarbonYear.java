package org.gridprint.bench;

import java.math.BigDecimal;
import java.time.Instant;

import org.gridprint.carbon.window.Co2eRate;

/**
 * The synthetic year of CarbonBench: 15-minute counter readings of one meter (polled off the hour: each meter's
 * readings are offset by its own number of seconds, so the intervals straddle window boundaries and are split pro
 * rata), an hourly grid-intensity series, a residual mix and renewable certificates per site. Deterministic: the same
 * meter index always gives the same readings.
 */
final class CarbonYear {

    static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant END = Instant.parse("2026-01-01T00:00:00Z");
    static final long START_MS = START.toEpochMilli();
    static final long END_MS = END.toEpochMilli();
    static final long STEP_MS = 900_000L;
    static final long HOUR_MS = 3_600_000L;
    /** 365 days × 96 quarter hours. */
    static final int INTERVALS = (int) ((END_MS - START_MS) / STEP_MS);
    static final int HOURS = (int) ((END_MS - START_MS) / HOUR_MS);
    /** The residual mix of the market-based pricing, g CO2e/kWh (a bench value, not a published one). */
    static final BigDecimal RESIDUAL_MIX = new BigDecimal("412.5");

    /** Load profile per quarter hour of the day, per mille of the meter's rated power. */
    private static final int[] PROFILE = new int[96];

    static {
        for (int q = 0; q < 96; q++) {
            int hour = q / 4;
            PROFILE[q] = hour >= 7 && hour < 19 ? 800 + (q % 4) * 25 : 300 + (q % 7) * 10;
        }
    }

    private CarbonYear() {
    }

    /** Milliseconds the meter's readings lie after the quarter hours (0..899 s). */
    static long offsetMs(int meter) {
        return (meter * 37_123L) % STEP_MS;
    }

    /** Rated power of the meter in W (2..21 kW). */
    static long ratedW(int meter) {
        return 2_000L + (meter % 20) * 1_000L;
    }

    /**
     * Fills the meter's readings: {@code INTERVALS + 1} times and counter values in nano-kWh.
     */
    static void readings(int meter, long[] times, long[] counterNano) {
        long offset = offsetMs(meter);
        long rated = ratedW(meter);
        long counter = 1_000_000_000_000L + meter * 7_000_000_000L; // starts at 1,000 + 7 × meter kWh
        long seed = 0x9E3779B97F4A7C15L * (meter + 1);
        for (int i = 0; i <= INTERVALS; i++) {
            times[i] = START_MS + offset + i * STEP_MS;
            counterNano[i] = counter;
            // energy of the next 15 min: rated W × profile ‰ × jitter (0.9..1.1) × 0.25 h, in nano-kWh
            seed ^= seed << 13;
            seed ^= seed >>> 7;
            seed ^= seed << 17;
            long jitterPermille = 900 + Math.floorMod(seed, 201);
            long milliWattQuarter = rated * PROFILE[i % 96] * jitterPermille / 1000; // mW
            // mW × 0.25 h = mWh / 4; nano-kWh = mWh × 1000
            counter += milliWattQuarter * 250;
        }
    }

    /** The hourly intensity series (g CO2e/kWh, one decimal), prepared for exact pricing. */
    static Co2eRate[] hourlyIntensity() {
        var rates = new Co2eRate[HOURS];
        for (int h = 0; h < HOURS; h++) {
            int hourOfDay = h % 24;
            int day = h / 24;
            int tenths = 2_000 + (hourOfDay >= 17 && hourOfDay < 21 ? 1_200 : 0) + (hourOfDay >= 10 && hourOfDay < 15
                    ? -600 : 0) + (day % 91) * 5 + (h * 7919 % 97);
            rates[h] = new Co2eRate(BigDecimal.valueOf(tenths, 1));
        }
        return rates;
    }
}
