package org.gridprint.http;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.gridprint.http.allocation.AllocationEndpoints;
import org.gridprint.http.ingest.JsonLimits;
import org.gridprint.http.ingest.ReadingsPost;
import org.gridprint.http.query.AlarmBook;
import org.gridprint.http.query.AlarmsGet;
import org.gridprint.http.query.ExportGet;
import org.gridprint.http.query.QueryEndpoints;
import org.gridprint.http.query.StatusGet;
import org.gridprint.http.security.Role;
import org.gridprint.http.web.ApiServlet;
import org.gridprint.http.web.ApiTotals;
import org.gridprint.http.web.Route;

/**
 * The paths under /api/v1, the role each needs (the matrix of the bundle README), and the servlet serving them.
 * Used by the OSGi component and by tests alike.
 */
public final class ApiRoutes {

    public static final String BASE = "/api/v1";

    private ApiRoutes() {
    }

    public static ApiServlet servlet(ApiServices services, HttpApiSettings settings, AlarmBook alarms, Clock clock,
            ApiTotals totals) {
        var mapper = new ObjectMapper();
        var limits = new JsonLimits(settings.maxJsonDepth(), settings.maxStringChars(), settings.maxBodyBytes());
        var readings = new ReadingsPost(services, settings, limits, mapper, clock, totals);
        var queries = new QueryEndpoints(services, settings, mapper, clock);
        var allocation = new AllocationEndpoints(services, settings, limits, mapper);
        var openApi = openApi();
        var routes = List.of(
                Route.get("/openapi.json", null, call -> {
                    var resp = call.response();
                    resp.setStatus(200);
                    resp.setContentType("application/json");
                    resp.setContentLength(openApi.length);
                    resp.getOutputStream().write(openApi);
                }),
                Route.get("/status", Role.VIEWER, new StatusGet(services, settings, totals, mapper)::handle),
                Route.get("/meters", Role.VIEWER, queries::meters),
                Route.get("/readings", Role.VIEWER, queries::readings),
                Route.post("/readings", Role.OPERATOR, readings::handle),
                Route.get("/windows", Role.VIEWER, queries::windows),
                Route.get("/alarms", Role.VIEWER, new AlarmsGet(alarms, mapper)::handle),
                Route.get("/exports/emission-windows.csv", Role.OPERATOR, new ExportGet(services, clock)::handle),
                Route.post("/jobs", Role.OPERATOR, allocation::jobs),
                Route.post("/meter-logs", Role.OPERATOR, allocation::meterLogs),
                Route.post("/utility-bills", Role.ADMIN, allocation::bills));
        return new ApiServlet(routes, settings, services::tokens, totals, mapper, System::nanoTime);
    }

    /** The OpenAPI 3 description shipped in the bundle. */
    static byte[] openApi() {
        try (InputStream in = ApiRoutes.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from bundle org.gridprint.http");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("openapi.json of bundle org.gridprint.http cannot be read", e);
        }
    }

}
