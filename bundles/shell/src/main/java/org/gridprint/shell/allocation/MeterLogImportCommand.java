package org.gridprint.shell.allocation;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.gridprint.api.allocation.UtilityBillService;

@Service
@Command(scope = "gridprint", name = "meter-log-import",
        description = "Imports a UPS/PDU log file (CSV) as readings through the ingest service: generic layout"
                + " meter,timestamp,quantity,value[,unit] or wide layout timestamp,<meter>|<QUANTITY>[|<unit>],...;"
                + " values converted to the canonical unit; bad lines refused by number; importing the file again"
                + " stores nothing (its readings are duplicates)")
public class MeterLogImportCommand implements Action {

    static final String NO_SERVICE = "utility bills and meter logs are not available: the allocation bundle"
            + " (UtilityBillService) is not running";

    @Argument(index = 0, name = "file", required = true, description = "The CSV file")
    @Completion(FileCompleter.class)
    String file;

    @Argument(index = 1, name = "options", required = false, multiValued = true,
            description = "--format may also follow the file")
    java.util.List<String> trailing;

    @Option(name = "--format", description = "generic (default) or wide")
    @Completion(value = StringsCompleter.class, values = {"generic", "wide"})
    String format;

    @Reference(optional = true)
    UtilityBillService bills;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        format = org.gridprint.shell.TrailingOptions.parse(trailing, java.util.Map.of("--format", "--format"),
                "after the file").getOrDefault("--format", format);
        if (bills == null) {
            out.println(NO_SERVICE);
            return null;
        }
        try (var reader = Consoles.open("file", file)) {
            var r = bills.importMeterLog(Consoles.name(file), format, reader);
            Consoles.print(out, "meter log " + Consoles.name(file), "readings stored", "readings already stored", r);
        }
        return null;
    }
}
