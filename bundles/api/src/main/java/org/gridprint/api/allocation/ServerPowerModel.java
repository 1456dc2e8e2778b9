package org.gridprint.api.allocation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;

/**
 * The power a server type draws at a utilisation, for estimating a tenant's IT energy where no PDU or UPS meter
 * measures it. Without a load-level table the model is linear between {@code idleWatts} at 0 % and {@code maxWatts}
 * at 100 %; with a table (e.g. from the type's SPECpower_ssj2008 result or the vendor's power calculator) it is
 * linear between the table's points, which must run from 0 % to 100 % in increasing order. Energy from a model is an
 * estimate and is labelled ESTIMATED wherever it is shown.
 *
 * @param type       the server type's id (e.g. {@code r650-2x6338})
 * @param idleWatts  power at 0 % utilisation, W, >= 0
 * @param maxWatts   power at 100 % utilisation, W, >= idleWatts
 * @param levels     optional load-level table (utilisation %, W), empty for the linear model
 * @param source     where the figures come from (datasheet, SPECpower result, measurement), may be empty
 * @since 1.0.0
 */
public record ServerPowerModel(String type, BigDecimal idleWatts, BigDecimal maxWatts, List<LoadLevel> levels,
        String source) {

    /** One point of a load-level table: at {@code utilisationPercent} the server draws {@code watts}. */
    public record LoadLevel(BigDecimal utilisationPercent, BigDecimal watts) {
        public LoadLevel {
            Objects.requireNonNull(utilisationPercent, "utilisationPercent");
            Objects.requireNonNull(watts, "watts");
        }
    }

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public ServerPowerModel {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(idleWatts, "idleWatts");
        Objects.requireNonNull(maxWatts, "maxWatts");
        levels = levels == null ? List.of() : List.copyOf(levels);
        source = source == null ? "" : source;
        if (idleWatts.signum() < 0 || maxWatts.compareTo(idleWatts) < 0) {
            throw new IllegalArgumentException("server type " + type + ": expected 0 <= idleWatts <= maxWatts, were "
                    + idleWatts.toPlainString() + " and " + maxWatts.toPlainString());
        }
        if (!levels.isEmpty()) {
            if (levels.size() < 2 || levels.get(0).utilisationPercent().signum() != 0
                    || levels.get(levels.size() - 1).utilisationPercent().compareTo(HUNDRED) != 0) {
                throw new IllegalArgumentException("server type " + type + ": the load-level table must start at 0 %"
                        + " and end at 100 %, was " + levels);
            }
            for (int i = 0; i < levels.size(); i++) {
                var l = levels.get(i);
                if (l.watts().signum() < 0) {
                    throw new IllegalArgumentException("server type " + type + ": load level " + l.utilisationPercent()
                            .toPlainString() + " % must draw >= 0 W, was " + l.watts().toPlainString());
                }
                if (i > 0 && l.utilisationPercent().compareTo(levels.get(i - 1).utilisationPercent()) <= 0) {
                    throw new IllegalArgumentException("server type " + type + ": load levels must increase, "
                            + l.utilisationPercent().toPlainString() + " % follows "
                            + levels.get(i - 1).utilisationPercent().toPlainString() + " %");
                }
            }
        }
    }

    /**
     * Power in W at {@code utilisationPercent} (clamped to 0..100), linear between the table's neighbouring points
     * (or between idle and max), exact to 12 decimal places.
     */
    public BigDecimal watts(BigDecimal utilisationPercent) {
        var u = utilisationPercent.max(BigDecimal.ZERO).min(HUNDRED);
        if (levels.isEmpty()) {
            return idleWatts.add(maxWatts.subtract(idleWatts).multiply(u).divide(HUNDRED, 12, RoundingMode.HALF_EVEN))
                    .stripTrailingZeros();
        }
        for (int i = 1; i < levels.size(); i++) {
            var hi = levels.get(i);
            if (u.compareTo(hi.utilisationPercent()) <= 0) {
                var lo = levels.get(i - 1);
                var span = hi.utilisationPercent().subtract(lo.utilisationPercent());
                var rise = hi.watts().subtract(lo.watts());
                return lo.watts().add(rise.multiply(u.subtract(lo.utilisationPercent()))
                        .divide(span, 12, RoundingMode.HALF_EVEN)).stripTrailingZeros();
            }
        }
        return levels.get(levels.size() - 1).watts();
    }
}
