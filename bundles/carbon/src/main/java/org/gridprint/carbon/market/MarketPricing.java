package org.gridprint.carbon.market;

import java.time.Instant;
import java.util.List;

import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.carbon.site.Site;

/**
 * Market-based Scope 2 (GHG Protocol Scope 2 hierarchy): energy attribute certificates and contracts applied once,
 * then the supplier-specific rate, the residual mix, then the grid average with a disclosure flag.
 */
public interface MarketPricing {

    /**
     * The MARKET_BASED window for each given LOCATION_BASED window of the site (same meter, quantity, start, end,
     * amount, quality, readings; flags carried over), applying instruments once: a window computed again reuses its
     * earlier application rather than drawing on a certificate twice.
     */
    List<EmissionWindow> marketWindows(Site site, List<EmissionWindow> locationWindows, Instant computedAt);
}
