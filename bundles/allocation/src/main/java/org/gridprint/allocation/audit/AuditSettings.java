package org.gridprint.allocation.audit;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * A site's audit thresholds (factory PID {@value AuditConfigImpl#FACTORY_PID}; {@link #defaults} for a site without
 * one).
 *
 * @param siteId           the site
 * @param thresholdPercent a remainder above this share of the parent (either sign) is over the threshold
 * @param minKwh           the noise floor: a remainder of at most this many kWh (per window, and per period) is
 *                         never a finding
 * @param windowsToRaise   consecutive windows over the threshold that raise UNMETERED_ENERGY for a parent; as many
 *                         consecutive windows within it clear it
 * @param zone             the zone that cuts the site's days, when set here (else the carbon site's, else UTC)
 * @param origin           where it was configured (PID, file), empty for the defaults
 */
public record AuditSettings(String siteId, BigDecimal thresholdPercent, BigDecimal minKwh, int windowsToRaise,
        Optional<ZoneId> zone, String origin) {

    public static final BigDecimal DEFAULT_THRESHOLD_PERCENT = new BigDecimal("5");
    public static final BigDecimal DEFAULT_MIN_KWH = new BigDecimal("0.5");
    public static final int DEFAULT_WINDOWS_TO_RAISE = 4;

    public AuditSettings {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(thresholdPercent, "thresholdPercent");
        Objects.requireNonNull(minKwh, "minKwh");
        zone = zone == null ? Optional.empty() : zone;
        origin = origin == null ? "" : origin;
    }

    public static AuditSettings defaults(String siteId) {
        return new AuditSettings(siteId, DEFAULT_THRESHOLD_PERCENT, DEFAULT_MIN_KWH, DEFAULT_WINDOWS_TO_RAISE,
                Optional.empty(), "");
    }

    /** The noise floor in nano-kWh. */
    public long minNano() {
        return minKwh.movePointRight(9).longValue();
    }

    /** Whether a remainder {@code r} of a parent {@code p} (nano) is over the threshold. */
    public boolean over(long p, long r) {
        long abs = Math.abs(r);
        if (abs <= minNano()) {
            return false;
        }
        if (p <= 0) {
            return true;
        }
        // abs * 100 > threshold * p, exactly
        return BigDecimal.valueOf(abs).multiply(BigDecimal.valueOf(100))
                .compareTo(thresholdPercent.multiply(BigDecimal.valueOf(p))) > 0;
    }
}
