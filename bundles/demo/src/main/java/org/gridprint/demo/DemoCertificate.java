package org.gridprint.demo;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import org.gridprint.api.carbon.Instrument;
import org.gridprint.api.carbon.InstrumentService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the demo's renewable energy certificate for site {@value #SITE} once the carbon bundle's
 * {@link InstrumentService} is there: a REC of {@code recMwh} MWh (configuration {@code org.gridprint.demo}), market
 * US, vintage the current calendar year in the demo's time zone, with a tracking system and retirement id that say
 * it is a demo (NOT a real certificate). The market-based pricing draws it once, in consumption order, so the first
 * windows of the demo are covered and the rest fall to the next step of the hierarchy. Registering the same
 * certificate again changes nothing (the service is idempotent on id and content).
 */
@Component(configurationPid = DemoSite.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {},
        immediate = true)
public class DemoCertificate {

    static final String SITE = "demo-hq";
    private static final Logger LOG = LoggerFactory.getLogger(DemoCertificate.class);

    @Reference
    private InstrumentService instruments;

    @Activate
    void activate(Config config) {
        if (!config.enabled() || !(config.recMwh() > 0)) {
            return;
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(config.timeZone());
        } catch (RuntimeException e) {
            return; // DemoSite reports the bad zone
        }
        var rec = certificate(BigDecimal.valueOf(config.recMwh()), LocalDate.now(Clock.system(zone)).getYear());
        try {
            var stored = instruments.register(rec);
            LOG.info("Demo site: certificate {} ({} MWh, vintage {}) registered for site {}", stored.id(),
                    stored.mwh().toPlainString(), stored.vintageFrom().getYear(), SITE);
        } catch (RuntimeException e) {
            LOG.warn("Demo site: certificate {} not registered: {}", rec.id(), e.getMessage());
        }
    }

    /** The demo certificate of a vintage year. */
    static Instrument certificate(BigDecimal mwh, int year) {
        return new Instrument("DEMO-REC-" + year, "REC", mwh.stripTrailingZeros(), LocalDate.of(year, 1, 1),
                LocalDate.of(year, 12, 31), "US", "M-RETS (demo, not a real registry entry)",
                "DEMO-RETIRED-" + year + "-0001", SITE, BigDecimal.ZERO,
                "Gridprint demo: a simulated certificate, not a real REC");
    }
}
