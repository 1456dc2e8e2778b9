package org.gridprint.carbon.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.WindowFlag;
import org.gridprint.carbon.market.MarketPricing;
import org.gridprint.carbon.site.Site;

/**
 * The simplest contract-following {@link MarketPricing}: no instruments, supplier rate or residual mix, so every
 * MARKET_BASED twin is the grid average with GRID_AVERAGE_DISCLOSED (same amount, factor and CO2e; flags carried
 * over). Counts calls.
 */
public final class FakeMarketPricing implements MarketPricing {

    private int calls;

    public synchronized int calls() {
        return calls;
    }

    @Override
    public synchronized List<EmissionWindow> marketWindows(Site site, List<EmissionWindow> locationWindows,
            Instant computedAt) {
        calls++;
        var out = new ArrayList<EmissionWindow>(locationWindows.size());
        for (var w : locationWindows) {
            var flags = w.flags().isEmpty() ? EnumSet.noneOf(WindowFlag.class) : EnumSet.copyOf(w.flags());
            flags.add(WindowFlag.GRID_AVERAGE_DISCLOSED);
            out.add(new EmissionWindow(w.meterId(), w.siteId(), w.quantity(), w.scope(), AccountingMethod.MARKET_BASED,
                    w.start(), w.end(), w.amountNano(), w.co2eMicrograms(), w.factorRef(), 0, 0, w.quality(), flags,
                    w.firstReading(), w.lastReading(), 1, computedAt));
        }
        return out;
    }
}
