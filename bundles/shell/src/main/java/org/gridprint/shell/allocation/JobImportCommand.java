package org.gridprint.shell.allocation;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.gridprint.api.allocation.JobService;

@Service
@Command(scope = "gridprint", name = "job-import",
        description = "Imports production job stamps from a CSV file (header machine,job,kind,at,product,quantity;"
                + " kind START or STOP, at ISO-8601 with an offset). Each bad line is refused by its number, the"
                + " others are kept; importing the file again stores nothing")
public class JobImportCommand implements Action {

    @Argument(index = 0, name = "file", required = true, description = "The CSV file")
    @Completion(FileCompleter.class)
    String file;

    @Reference(optional = true)
    JobService jobs;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        if (jobs == null) {
            out.println(JobStampCommand.NO_SERVICE);
            return null;
        }
        try (var reader = Consoles.open("file", file)) {
            var r = jobs.submitCsv(Consoles.name(file), reader);
            Consoles.print(out, "job stamps of " + Consoles.name(file), "stored", "already stored", r);
        }
        return null;
    }
}
