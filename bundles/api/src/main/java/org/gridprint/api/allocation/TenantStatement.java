package org.gridprint.api.allocation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.gridprint.api.carbon.Offset;

/**
 * A data-center tenant's carbon statement for a period: its IT energy, its share of the facility overhead by PUE per
 * window, location- and market-based Scope 2, its share of the site's certificates, offsets apart (never subtracted),
 * every factor edition used, and what is estimated.
 *
 * @param dataCenter   the data center's id
 * @param siteId       its site
 * @param tenant       the tenant, or empty for a statement of every tenant
 * @param from         first day (the site's time zone)
 * @param to           the day after the last
 * @param zone         the time zone the days are cut in
 * @param line         the tenant's line (for every tenant: the facility line)
 * @param lines        every tenant's line and {@link #UNASSIGNED}, by target; they add up to {@code facility} exactly
 * @param facility     the facility's whole ({@link #FACILITY})
 * @param windows      the tenant's windows, exact (empty for a statement of every tenant)
 * @param accountedWindows number of facility windows split
 * @param factors      factor versions and instruments used by the facility windows
 * @param offsets      offsets assigned to the tenant in the data center's configuration, shown apart
 * @param findings     what an auditor must know: PUE below 1, missing windows, IT without facility energy, estimates
 * @param configRef    the {@link org.gridprint.api.store.RecordRegister} ref of the data center's configuration used
 *                     (register {@code datacenter}), 0 when not recorded
 * @since 1.0.0
 */
public record TenantStatement(String dataCenter, String siteId, String tenant, LocalDate from, LocalDate to,
        ZoneId zone, StatementLine line, List<StatementLine> lines, StatementLine facility,
        List<StatementWindow> windows, long accountedWindows, List<FactorUse> factors, List<Offset> offsets,
        List<String> findings, long configRef, Instant computedAt) {

    /** The target of IT meters no tenant owns, and of facility energy in windows without any IT energy. */
    public static final String UNASSIGNED = "(unassigned)";
    /** The target of the facility's whole. */
    public static final String FACILITY = "(facility)";

    public TenantStatement {
        Objects.requireNonNull(dataCenter, "dataCenter");
        Objects.requireNonNull(siteId, "siteId");
        tenant = tenant == null ? "" : tenant;
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(line, "line");
        lines = List.copyOf(lines);
        Objects.requireNonNull(facility, "facility");
        windows = windows == null ? List.of() : List.copyOf(windows);
        factors = factors == null ? List.of() : List.copyOf(factors);
        offsets = offsets == null ? List.of() : List.copyOf(offsets);
        findings = findings == null ? List.of() : List.copyOf(findings);
        Objects.requireNonNull(computedAt, "computedAt");
    }

    /** The line of one target. */
    public Optional<StatementLine> lineOf(String target) {
        return lines.stream().filter(l -> l.target().equals(target)).findFirst();
    }
}
