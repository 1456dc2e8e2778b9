package org.gridprint.api.store;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.Scope;

/**
 * Totals of the current windows whose start lies in {@code [from, to)}, grouped by the given dimensions in order,
 * computed by the store (the console never loads the windows). HOUR/DAY/MONTH/YEAR are cut in {@code zone}.
 * Windows not {@link org.gridprint.api.carbon.EmissionWindow#counted() counted} (unaccepted SUSPECT_SPIKE) are left
 * out of the sums and counted in {@link WindowTotal#excludedWindows()}. TAG groups by each of a meter's tags
 * (including {@code department:<d>} and {@code tenant:<t>}), so a meter with two tags is in two groups.
 *
 * @since 1.2.0
 */
public record TotalsQuery(Instant from, Instant to, ZoneId zone, List<GroupBy> groupBy, Set<String> meterIds,
        String siteId, Optional<Scope> scope, Optional<AccountingMethod> method, String tag) {

    public enum GroupBy { HOUR, DAY, MONTH, YEAR, METER, SITE, QUANTITY, SCOPE, METHOD, TAG }

    public TotalsQuery {
        Objects.requireNonNull(zone, "zone");
        groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
        meterIds = meterIds == null ? Set.of() : Set.copyOf(meterIds);
        siteId = siteId == null ? "" : siteId;
        scope = scope == null ? Optional.empty() : scope;
        method = method == null ? Optional.empty() : method;
        tag = tag == null ? "" : tag;
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("totals query must end after it starts: " + from + " .. " + to);
        }
    }
}
