package org.gridprint.allocation.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.HashMap;

import org.gridprint.allocation.StoreFixture;
import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** Properties of the per-window formula, the expected values computed independently here. */
class WindowFormulaPropertiesTest {

    private static final Instant T = Instant.parse("2026-11-02T00:00:00Z");
    private static final Quantity KWH = Quantity.ACTIVE_ENERGY_IMPORT;

    private static EmissionWindow mkt(String id, long nano, long ug, long covered) {
        return StoreFixture.market(id, "hq", T, nano, ug, Math.min(covered, nano));
    }

    @Property
    void differenceIsExactOrNegativeNeverStored(@ForAll @LongRange(max = 1_000_000_000_000L) long a,
            @ForAll @LongRange(max = 1_000_000_000_000L) long b, @ForAll @LongRange(max = 1_000_000_000_000L) long c,
            @ForAll @LongRange(max = 1_000_000_000_000L) long cov) {
        var f = FormulaParser.parse("a - b - c", KWH);
        var in = new HashMap<Formula.Input, EmissionWindow>();
        in.put(new Formula.Input("a", KWH), mkt("a", a, a / 2, cov));
        in.put(new Formula.Input("b", KWH), mkt("b", b, b / 2, 0));
        in.put(new Formula.Input("c", KWH), mkt("c", c, c / 2, 0));
        var r = WindowFormula.apply("v", "hq", f, in, T);
        long expected = a - b - c;
        if (expected < 0) {
            assertEquals(new WindowResult.Negative(expected), r);
            return;
        }
        var w = assertInstanceOf(WindowResult.Computed.class, r).window();
        assertEquals(expected, w.amountNano());
        assertEquals(Math.max(0, a / 2 - b / 2 - c / 2), w.co2eMicrograms());
        assertEquals(Math.min(Math.min(cov, a), expected), w.coveredNano());
        assertEquals(AccountingMethod.MARKET_BASED, w.method());
        assertTrue(w.flags().contains(org.gridprint.api.carbon.WindowFlag.VIRTUAL));
    }

    @Property
    void constantSharesRoundHalfEvenOnceAndAddUpWhenTheyMakeTheWhole(
            @ForAll @LongRange(max = 1_000_000_000_000L) long a) {
        var in = new HashMap<Formula.Input, EmissionWindow>();
        in.put(new Formula.Input("a", KWH), StoreFixture.location("a", "hq", T, a, a));
        var quarter = assertInstanceOf(WindowResult.Computed.class,
                WindowFormula.apply("v", "hq", FormulaParser.parse("a / 4", KWH), in, T)).window();
        assertEquals(BigDecimal.valueOf(a).divide(BigDecimal.valueOf(4)).setScale(0, RoundingMode.HALF_EVEN)
                .longValueExact(), quarter.amountNano());
        var whole = assertInstanceOf(WindowResult.Computed.class,
                WindowFormula.apply("v", "hq", FormulaParser.parse("0.4 * a + 0.6 * a", KWH), in, T)).window();
        assertEquals(a, whole.amountNano());
    }
}
