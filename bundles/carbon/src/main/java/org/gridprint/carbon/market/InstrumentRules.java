package org.gridprint.carbon.market;

import java.time.Instant;
import java.time.LocalDate;

import org.gridprint.api.carbon.Instrument;
import org.gridprint.carbon.site.Site;

/**
 * The quality criteria an instrument must meet to cover a window (pure):
 * <ol>
 * <li>for this site: {@code siteId} is the site's id, or empty and the instrument's market is the site's market;</li>
 * <li>certificates (REC, GO, I-REC) carry a retirement id;</li>
 * <li>market boundary: the instrument's market equals the site's market (case-insensitive);</li>
 * <li>certificates: the vintage rule for the consumption year (the window start's date in the site's zone);
 * contracts (PPA, CONTRACT, SUPPLIER): the consumption date lies within the delivery period
 * {@code [vintageFrom, vintageTo]}.</li>
 * </ol>
 */
public final class InstrumentRules {

    private final VintageRule vintage;

    public InstrumentRules(VintageRule vintage) {
        this.vintage = vintage;
    }

    public VintageRule vintageRule() {
        return vintage;
    }

    public Eligibility check(Instrument in, Site site, Instant consumption) {
        boolean sameMarket = !site.market().isEmpty() && in.market().equalsIgnoreCase(site.market());
        if (!in.siteId().isEmpty() && !in.siteId().equals(site.id())) {
            return new Eligibility.NotForSite();
        }
        if (in.siteId().isEmpty() && !sameMarket) {
            return new Eligibility.NotForSite();
        }
        var type = InstrumentType.parse(in.type());
        if (type.isEmpty()) {
            return new Eligibility.Refused("type", "type '" + in.type() + "' is not known; expected one of "
                    + InstrumentType.names());
        }
        if (type.get().certificate() && in.retirementId().isBlank()) {
            return new Eligibility.Refused("retirement", "a " + type.get() + " certificate without a retirement id"
                    + " does not count: retire it for the site in " + orAny(in.trackingSystem())
                    + " and register the retirement id");
        }
        if (site.market().isEmpty()) {
            return new Eligibility.Refused("market", "site '" + site.id() + "' has no market configured (site field"
                    + " market, e.g. US); instruments count only within the market where the energy is consumed");
        }
        if (!sameMarket) {
            return new Eligibility.Refused("market", "its market '" + in.market() + "' is not the site's market '"
                    + site.market() + "' (market boundary: instruments count only in the market where the energy is"
                    + " consumed)");
        }
        LocalDate day = consumption.atZone(site.timeZone()).toLocalDate();
        if (type.get().certificate()) {
            int year = day.getYear();
            if (!vintage.admits(in.vintageFrom(), in.vintageTo(), year)) {
                return new Eligibility.Refused("vintage", "its vintage " + in.vintageFrom() + " .. " + in.vintageTo()
                        + " does not fit consumption year " + year + " (rule: " + vintage.describe() + ", "
                        + vintage.earliest(year) + " .. " + vintage.latest(year) + ")");
            }
        } else if (day.isBefore(in.vintageFrom()) || day.isAfter(in.vintageTo())) {
            return new Eligibility.Refused("delivery", "consumption on " + day + " is outside its delivery period "
                    + in.vintageFrom() + " .. " + in.vintageTo());
        }
        return new Eligibility.Eligible();
    }

    /** A refusal's key for log-once bookkeeping: instrument, site, rule and the consumption year. */
    static String refusalKey(Instrument in, Site site, String rule, Instant consumption) {
        return in.id() + "|" + site.id() + "|" + rule + "|" + consumption.atZone(site.timeZone()).getYear();
    }

    private static String orAny(String trackingSystem) {
        return trackingSystem.isBlank() ? "its tracking system" : trackingSystem;
    }
}
