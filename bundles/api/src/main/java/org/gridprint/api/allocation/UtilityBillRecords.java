package org.gridprint.api.allocation;

import java.time.LocalDate;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The stored versions of utility bills (what {@link UtilityBillService#bills} gives without them), and a site's
 * billed energy in a period for sites or periods without meters.
 */
@ProviderType
public interface UtilityBillRecords {

    /** Current version of every bill of the site (blank: every site), by site, start, account. */
    List<UtilityBillRecord> records(String siteId);

    /** Every version of one bill, oldest first (empty if none). */
    List<UtilityBillRecord> history(String siteId, String account, LocalDate from);

    /**
     * The site's bills pro rata by days over {@code [from, to)}.
     *
     * @throws IllegalArgumentException {@code to} not after {@code from}
     */
    BilledEnergy billedEnergy(String siteId, LocalDate from, LocalDate to);
}
