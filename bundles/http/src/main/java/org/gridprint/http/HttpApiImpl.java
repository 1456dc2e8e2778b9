package org.gridprint.http;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.gridprint.api.IngestService;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.allocation.JobService;
import org.gridprint.api.allocation.UtilityBillService;
import org.gridprint.api.carbon.FactorCatalog;
import org.gridprint.api.export.Exporter;
import org.gridprint.api.security.TokenService;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.ReadingStore;
import org.gridprint.http.web.ApiServlet;
import org.gridprint.http.web.ApiTotals;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the /api/v1 servlet on the OSGi HTTP Whiteboard (Pax Web in Karaf; HTTPS, address and certificate come
 * from etc/org.ops4j.pax.web.cfg). Every consumed service is optional and dynamic: an endpoint whose service is
 * missing answers 503 naming it, the others keep working. A changed configuration re-registers the servlet.
 */
@Designate(ocd = HttpApiConfig.class)
@Component(service = {Servlet.class, HttpApi.class}, configurationPid = HttpApiSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true,
        property = {"osgi.http.whiteboard.servlet.pattern=" + ApiRoutes.BASE + "/*",
                "osgi.http.whiteboard.servlet.name=gridprint-api"})
public class HttpApiImpl extends HttpServlet implements HttpApi {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(HttpApiImpl.class);

    private final transient ApiServices services = new ApiServices();
    private final transient ApiTotals totals = new ApiTotals();
    private transient HttpApiSettings settings = HttpApiSettings.defaults();
    private transient ApiServlet servlet;

    @Reference
    transient AlarmListener alarms;

    @Activate
    void activate(HttpApiConfig config) {
        var checked = HttpApiSettings.of(config);
        for (var problem : checked.problems()) {
            LOG.error(problem);
        }
        settings = checked.settings();
        servlet = ApiRoutes.servlet(services, settings, alarms.book(), Clock.systemUTC(), totals);
        LOG.info("HTTPS API at {}: max body {} bytes, max {} items, {} requests/s per user (burst {}); listener, TLS "
                + "and certificate from etc/org.ops4j.pax.web.cfg", ApiRoutes.BASE, settings.maxBodyBytes(),
                settings.maxItems(), settings.requestsPerSecond(), settings.burst());
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        servlet.handle(req, resp);
    }

    @Override
    public Map<Integer, Long> answersByStatus() {
        return totals.byStatus();
    }

    @Override
    public Map<String, Long> readingItems() {
        return totals.readings();
    }

    @Override
    public HttpApiSettings settings() {
        return settings;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindIngest(IngestService s) {
        services.ingest(s);
    }

    void unbindIngest(IngestService s) {
        services.unset(s);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindMeters(MeterRegistry s) {
        services.meters(s);
    }

    void unbindMeters(MeterRegistry s) {
        services.unset(s);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindReadings(ReadingStore s) {
        services.readings(s);
    }

    void unbindReadings(ReadingStore s) {
        services.unset(s);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindWindows(EmissionWindowStore s) {
        services.windows(s);
    }

    void unbindWindows(EmissionWindowStore s) {
        services.unset(s);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindFactors(FactorCatalog s) {
        services.factors(s);
    }

    void unbindFactors(FactorCatalog s) {
        services.unset(s);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindJobs(JobService s) {
        services.jobs(s);
    }

    void unbindJobs(JobService s) {
        services.unset(s);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindBills(UtilityBillService s) {
        services.bills(s);
    }

    void unbindBills(UtilityBillService s) {
        services.unset(s);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindTokens(TokenService s) {
        services.tokens(s);
    }

    void unbindTokens(TokenService s) {
        services.unset(s);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindExporter(Exporter s, Map<String, Object> props) {
        if (props.get(Exporter.FORMAT) instanceof String format) {
            services.exporter(format, s);
        }
    }

    void unbindExporter(Exporter s, Map<String, Object> props) {
        services.unset(s);
    }
}
