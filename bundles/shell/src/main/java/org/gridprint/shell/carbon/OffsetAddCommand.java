package org.gridprint.shell.carbon;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.gridprint.api.carbon.InstrumentService;
import org.gridprint.api.carbon.Offset;

@Service
@Command(scope = "gridprint", name = "offset-add",
        description = "Registers a retired carbon offset in the offsets register (ledgered). It appears only in"
                + " gridprint:offsets --net, never in a scope total")
public class OffsetAddCommand implements Action {

    @Option(name = "--serial", required = true, description = "The registry serial number (unique)")
    String serial;

    @Option(name = "--tonnes", required = true, description = "Quantity in t CO2e, e.g. 25 or 2.5")
    String tonnes;

    @Option(name = "--standard", required = true, description = "Verra VCS, Gold Standard, ACR, CAR ...")
    String standard;

    @Option(name = "--project", description = "Project name or id")
    String project;

    @Option(name = "--vintage", required = true, description = "Vintage year or date, e.g. 2025")
    String vintage;

    @Option(name = "--retirement", required = true, description = "The retirement id in the registry")
    String retirement;

    @Option(name = "--retired-on", required = true, description = "Retirement date, e.g. 2026-11-30")
    String retiredOn;

    @Option(name = "--site", description = "Site it was retired for (default: the organisation)")
    @Completion(SiteIdCompleter.class)
    String site;

    @Reference(optional = true)
    InstrumentService instruments;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        var offset = offset();
        if (instruments == null) {
            out.println(CarbonMessages.NO_INSTRUMENTS);
            return null;
        }
        var stored = instruments.registerOffset(offset);
        out.println("offset " + stored.serial() + " registered: " + CarbonText.plain(stored.tonnesCo2e())
                + " t CO2e, " + stored.standard() + ", retired " + stored.retiredOn() + " (" + stored.retirementId()
                + "); shown in gridprint:offsets --net only");
        return null;
    }

    Offset offset() {
        return new Offset(CarbonArgs.required("--serial", serial, "the registry serial number"),
                CarbonArgs.decimal("--tonnes", tonnes, true),
                CarbonArgs.required("--standard", standard, "the standard, e.g. Verra VCS or Gold Standard"),
                project == null ? "" : project.trim(), Dates.date("--vintage", vintage, false),
                CarbonArgs.required("--retirement", retirement, "the retirement id in the registry"),
                Dates.date("--retired-on", retiredOn, false), site == null ? "" : site.trim());
    }
}
