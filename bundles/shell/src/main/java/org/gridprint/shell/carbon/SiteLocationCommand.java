package org.gridprint.shell.carbon;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.gridprint.api.carbon.IntensityService;

@Service
@Command(scope = "gridprint", name = "site-location",
        description = "Shows or sets where a site is for its intensity providers and factors: eGRID subregion, state,"
                + " country, Electricity Maps zone, WattTime region, UK region id, latitude/longitude (ledgered in the"
                + " register site-location). Given options replace the current values; '-' clears one")
public class SiteLocationCommand implements Action {

    @Argument(index = 0, name = "site", required = true, description = "The site id")
    @Completion(SiteIdCompleter.class)
    String site;

    @Option(name = "--subregion", description = "eGRID subregion acronym, e.g. CAMX, NYCW, ERCT")
    String subregion;

    @Option(name = "--state", description = "US state, e.g. CA")
    String state;

    @Option(name = "--country", description = "ISO 3166-1 alpha-2 country, e.g. US, GB, DE")
    String country;

    @Option(name = "--zone", description = "Electricity Maps zone, e.g. DE, GB, US-CAL-CISO")
    String zone;

    @Option(name = "--watttime-region", description = "WattTime region, e.g. CAISO_NORTH")
    String wattTimeRegion;

    @Option(name = "--uk-region", description = "UK Carbon Intensity region id 1..17 (13 = London)")
    String ukRegion;

    @Option(name = "--lat", description = "Latitude in decimal degrees, -90..90")
    String lat;

    @Option(name = "--lon", description = "Longitude in decimal degrees, -180..180")
    String lon;

    @Reference(optional = true)
    IntensityService intensity;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        var change = new SiteLocations.Change(subregion, state, country, zone, wattTimeRegion, ukRegion, lat, lon);
        var siteId = site.trim();
        if (intensity == null) {
            out.println(CarbonMessages.NO_INTENSITY);
            return null;
        }
        var current = intensity.location(siteId);
        if (change.empty()) {
            out.println("site " + siteId + ": " + current.map(SiteLocations::describe).orElse("no location set"));
            return null;
        }
        var wanted = SiteLocations.apply(siteId, current, change);
        var stored = intensity.setLocation(wanted);
        out.println("site " + siteId + " location set: " + SiteLocations.describe(stored));
        return null;
    }
}
