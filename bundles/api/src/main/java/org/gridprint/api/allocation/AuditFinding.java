package org.gridprint.api.allocation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The differential audit of one parent over a period: the parent's energy against the sum of its children's.
 *
 * <p>Per window: a window is <em>compared</em> when the parent and every child have a counted window with that start;
 * windows where one of them is missing are counted in {@code windowsIncomplete} and left out of the per-window
 * figures. Per period: {@code parentNano} and {@code childrenNano} are the sums over the compared windows, so the
 * remainder is never made up by a gap.
 *
 * @param siteId                  the site
 * @param kind                    what the parent is
 * @param parent                  the parent meter id; for {@link Kind#VIRTUAL} the virtual meter; for
 *                                {@link Kind#BILL} the bill ({@code supplier/account from..to})
 * @param children                the children (submeters; a virtual meter's inputs; a bill's top-level meters)
 * @param parentNano              parent energy over the compared windows, nano-kWh
 * @param childrenNano            sum of the children's energy over the same windows, nano-kWh
 * @param windowsCompared         windows compared
 * @param windowsIncomplete       windows with the parent or a child missing
 * @param windowsOverThreshold    compared windows whose remainder exceeded the site's threshold (either sign)
 * @param windowsNegative         compared windows with a negative remainder (children above the parent)
 * @param unmeteredLocationMicrograms location-based CO2e of the remainder (parent minus children), µg
 * @param unmeteredMarketMicrograms   market-based CO2e of the remainder, µg; empty when the market twins are missing
 * @param verdict                 the finding
 * @param note                    the finding in words
 */
public record AuditFinding(String siteId, Kind kind, String parent, List<String> children, long parentNano,
        long childrenNano, long windowsCompared, long windowsIncomplete, long windowsOverThreshold, long windowsNegative,
        long unmeteredLocationMicrograms, Optional<Long> unmeteredMarketMicrograms, Verdict verdict, String note) {

    public enum Kind { METER, VIRTUAL, BILL }

    /** Worst first. */
    public enum Verdict {
        /** The children add up to more than the parent over the period: a CT clamped backwards, a double count. */
        NEGATIVE_REMAINDER,
        /** The unmetered share exceeds the site's threshold over the period. */
        OVER_THRESHOLD,
        /** Within the threshold over the period, but some windows had a negative remainder beyond it. */
        NEGATIVE_WINDOWS,
        /** Parent or children missing in every window: nothing compared. */
        NO_DATA,
        /** Within the threshold. */
        OK
    }

    public AuditFinding {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(parent, "parent");
        children = children == null ? List.of() : List.copyOf(children);
        unmeteredMarketMicrograms = unmeteredMarketMicrograms == null ? Optional.empty() : unmeteredMarketMicrograms;
        Objects.requireNonNull(verdict, "verdict");
        note = note == null ? "" : note;
    }

    /** Parent minus children, nano-kWh (negative: the children measured more). */
    public long unmeteredNano() {
        return parentNano - childrenNano;
    }

    /** The remainder in percent of the parent, 2 decimals half-up; empty when the parent measured nothing. */
    public Optional<BigDecimal> unmeteredPercent() {
        if (parentNano == 0) {
            return Optional.empty();
        }
        return Optional.of(BigDecimal.valueOf(unmeteredNano()).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(parentNano), 2, RoundingMode.HALF_UP));
    }
}
