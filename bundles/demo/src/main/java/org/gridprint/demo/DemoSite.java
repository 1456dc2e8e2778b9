package org.gridprint.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DS component of the demo site: runs a {@link DemoServer} while configuration {@code org.gridprint.demo}
 * exists and is enabled. Counters are kept in the bundle's data area across restarts. A bad setting or a
 * port in use is logged as an error naming the PID; the component then stays idle.
 */
@Component(configurationPid = DemoSite.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {},
        immediate = true)
@Designate(ocd = Config.class)
public class DemoSite {

    public static final String PID = "org.gridprint.demo";
    private static final Logger LOG = LoggerFactory.getLogger(DemoSite.class);

    private DemoServer server;

    @Activate
    void activate(BundleContext context, Config config) {
        if (!config.enabled()) {
            LOG.info("Demo site disabled ({}: enabled=false)", PID);
            return;
        }
        DemoSettings settings;
        try {
            ZoneId zone;
            try {
                zone = ZoneId.of(config.timeZone());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(PID + ": timeZone = \"" + config.timeZone()
                        + "\": expected a region id such as America/New_York");
            }
            settings = new DemoSettings(config.host(), config.port(), config.unitId(), config.speedup(), config.seed(),
                    zone, Duration.ofMillis(config.updateIntervalMillis()));
        } catch (IllegalArgumentException e) {
            LOG.error("Demo site not started: {}", e.getMessage());
            return;
        }
        var file = context.getDataFile("demo-counters.properties");
        var s = new DemoServer(settings, Clock.systemUTC(), file == null ? null : file.toPath());
        try {
            s.start();
            server = s;
        } catch (Exception e) {
            LOG.error("Demo site not started ({}): {}", PID, e.getMessage(), e);
        }
    }

    @Deactivate
    void deactivate() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
