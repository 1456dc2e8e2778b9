package org.gridprint.carbon.window;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;

import org.junit.jupiter.api.Test;

class Co2eRateTest {

    @Test
    void camxThousandKwh() {
        // eGRID2022 CAMX 499.3 lb/MWh x 0.45359237 kg/lb = 226.478670341 kg/MWh = 226.478670341 g/kWh
        var rate = new Co2eRate(new BigDecimal("226.478670341"));
        // 1,000 kWh -> 226,478.670341 g = 226,478,670,341 µg (226.48 kg)
        assertEquals(226_478_670_341L, rate.micrograms(1_000_000_000_000L));
        // 1 µWh -> 0.000226478670341 g = 0.226 µg -> 0
        assertEquals(0L, rate.micrograms(1));
        // 7 Wh = 0.007 kWh x 226.478670341 g/kWh = 1.585350692387 g = 1,585,350.69 µg -> 1,585,351
        assertEquals(1_585_351L, rate.micrograms(7_000_000L));
    }

    @Test
    void halfEven() {
        var rate = new Co2eRate(new BigDecimal("0.5"));
        // 3 nano x 0.5 g = 1.5e-9 g = 0.0015 µg -> 0; 3000 nano -> 1.5 µg -> 2; 5000 -> 2.5 -> 2
        assertEquals(0L, rate.micrograms(3));
        assertEquals(2L, rate.micrograms(3000));
        assertEquals(2L, rate.micrograms(5000));
        assertEquals(4L, rate.micrograms(7000));
    }

    @Test
    void agreesWithBigDecimalEverywhere() {
        var rnd = new Random(1);
        String[] factors = { "226.478670341", "0", "1", "0.000001", "499.3", "1893.7654321", "53.06",
                "2.0123456789012", "120000", "5E+2", "0.0000000000001" };
        for (var f : factors) {
            var g = new BigDecimal(f);
            var rate = new Co2eRate(g);
            for (var i = 0; i < 20_000; i++) {
                var amount = switch (i % 4) {
                    case 0 -> (long) rnd.nextInt(1_000_000);
                    case 1 -> rnd.nextLong() >>> 30;
                    case 2 -> rnd.nextLong() >>> 20;
                    default -> rnd.nextLong() >>> 8;
                };
                long expected;
                try {
                    expected = new BigDecimal(amount).multiply(g).movePointLeft(3).setScale(0, RoundingMode.HALF_EVEN)
                            .longValueExact();
                } catch (ArithmeticException tooBig) {
                    continue;
                }
                assertEquals(expected, rate.micrograms(amount), f + " x " + amount);
            }
        }
    }
}
