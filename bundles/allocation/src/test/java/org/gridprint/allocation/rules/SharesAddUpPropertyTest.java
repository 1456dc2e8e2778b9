package org.gridprint.allocation.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.gridprint.api.allocation.AllocationShare;
import org.gridprint.api.allocation.TargetWindow;
import org.gridprint.api.carbon.AccountingMethod;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever the weights, windows and amounts (0, small, huge), the shares of a period add up to the whole to the Wh and
 * the gram, and every window's parts add up to that window's whole exactly. The whole is computed here from the
 * windows: per hour the taken meters (a shared plant meter P and tagged submeters) plus the main's remainder, never
 * below 0.
 */
class SharesAddUpPropertyTest {

    record Amounts(long nano, long loc, long mkt, long covered) {
    }

    @Provide
    Arbitrary<Amounts> amounts() {
        Arbitrary<Long> value = Arbitraries.oneOf(Arbitraries.just(0L), Arbitraries.longs().between(0, 999),
                Arbitraries.longs().between(0, 5_000_000_000L), Arbitraries.longs().between(0, 10_000_000_000_000_000L));
        return Combinators.combine(value, value, value, Arbitraries.integers().between(0, 100))
                .as((n, l, m, pct) -> new Amounts(n, l, m, n / 100 * pct));
    }

    @Provide
    Arbitrary<List<Integer>> weights() {
        return Arbitraries.integers().between(0, 1000).list().ofMinSize(1).ofMaxSize(5)
                .filter(l -> l.stream().anyMatch(w -> w > 0));
    }

    @Property(tries = 150)
    void sharesAddUpToTheWhole(@ForAll @IntRange(min = 1, max = 12) int hours,
            @ForAll @IntRange(min = 0, max = 3) int submeters, @ForAll("weights") List<Integer> poolWeights,
            @ForAll("weights") List<Integer> remainderWeights,
            @ForAll("amountList") List<Amounts> amounts) {
        var f = new Fixture().meter("M", null, "").meter("P", "M", "Plant");
        for (int s = 0; s < submeters; s++) {
            f.meter("S" + s, "M", "T" + (s % 3));
        }
        var meters = new ArrayList<String>(List.of("M", "P"));
        for (int s = 0; s < submeters; s++) {
            meters.add("S" + s);
        }
        var whole = new long[4];
        var perHour = new HashMap<Instant, long[]>();
        int k = 0;
        for (int h = 0; h < hours; h++) {
            var taken = new long[4];
            Amounts main = null;
            for (var m : meters) {
                var a = amounts.get(k++ % amounts.size());
                var start = Fixture.T0.plusSeconds(3600L * h);
                f.windows.storeWindows(List.of(Fixture.window(m, start, AccountingMethod.LOCATION_BASED, a.nano(),
                        a.loc(), 0), Fixture.window(m, start, AccountingMethod.MARKET_BASED, a.nano(), a.mkt(),
                                a.covered())), "test");
                if (m.equals("M")) {
                    main = a;
                } else {
                    taken[0] += a.nano();
                    taken[1] += a.loc();
                    taken[2] += a.mkt();
                    taken[3] += a.covered();
                }
            }
            long remE = Math.max(0, main.nano() - taken[0]);
            long[] hourWhole = {taken[0] + remE, taken[1] + Math.max(0, main.loc() - taken[1]),
                    taken[2] + Math.max(0, main.mkt() - taken[2]),
                    taken[3] + Math.min(remE, Math.max(0, main.covered() - taken[3]))};
            perHour.put(Fixture.T0.plusSeconds(3600L * h), hourWhole);
            for (int c = 0; c < 4; c++) {
                whole[c] += hourWhole[c];
            }
        }
        f.rule("sub", "method", "submeter")
                .rule("plant", "method", "fixed", "pool", "P", "shares", keys(poolWeights))
                .rule("rest", "method", "headcount", "pool", "remainder", "headcount", keys(remainderWeights));
        var a = f.allocate(hours);

        long[] expected = {halfUp(whole[0]), halfUp(whole[1]), halfUp(whole[2]), halfUp(whole[3])};
        assertEquals(expected[0], a.totalEnergyWh());
        assertEquals(expected[1], a.totalLocationCo2eGrams());
        assertEquals(expected[2], a.totalMarketCo2eGrams());
        assertEquals(expected[3], a.totalRecWh());
        assertEquals(expected[0], a.shares().stream().mapToLong(AllocationShare::energyWh).sum());
        assertEquals(expected[1], a.shares().stream().mapToLong(AllocationShare::locationCo2eGrams).sum());
        assertEquals(expected[2], a.shares().stream().mapToLong(AllocationShare::marketCo2eGrams).sum());
        assertEquals(expected[3], a.shares().stream().mapToLong(AllocationShare::recWh).sum());
        Map<Instant, List<TargetWindow>> byHour = a.windows().stream().collect(Collectors.groupingBy(
                TargetWindow::start));
        for (var e : perHour.entrySet()) {
            var ws = byHour.getOrDefault(e.getKey(), List.of());
            assertEquals(e.getValue()[0], ws.stream().mapToLong(TargetWindow::energyNano).sum(), "energy " + e.getKey());
            assertEquals(e.getValue()[1], ws.stream().mapToLong(TargetWindow::locationCo2eMicrograms).sum());
            assertEquals(e.getValue()[2], ws.stream().mapToLong(TargetWindow::marketCo2eMicrograms).sum());
            assertEquals(e.getValue()[3], ws.stream().mapToLong(TargetWindow::recCoveredNano).sum());
        }
    }

    @Provide
    Arbitrary<List<Amounts>> amountList() {
        return amounts().list().ofMinSize(1).ofMaxSize(20);
    }

    private static String keys(List<Integer> weights) {
        var sb = new StringBuilder();
        for (int i = 0; i < weights.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append("T").append(i).append(':').append(weights.get(i));
        }
        return sb.toString();
    }

    /** Whole Wh or grams of an exact sum in 10^-6 of them, half-up. */
    private static long halfUp(long micro) {
        return micro / 1_000_000 + (micro % 1_000_000 >= 500_000 ? 1 : 0);
    }
}
