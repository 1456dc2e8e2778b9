package org.gridprint.shell.allocation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.gridprint.api.allocation.JobService;
import org.gridprint.api.allocation.JobStamp;
import org.gridprint.shell.MeterIdCompleter;
import org.gridprint.shell.TimeArgs;
import org.gridprint.shell.TrailingOptions;

@Service
@Command(scope = "gridprint", name = "job-stamp",
        description = "Stamps a production job's start or stop (ledgered in the register job). The same stamp again"
                + " changes nothing; a stamp for an unknown machine, a stop before its start or a second start of a"
                + " job id is refused with its reason")
public class JobStampCommand implements Action {

    static final String NO_SERVICE = "production jobs are not available: the allocation bundle (JobService) is not"
            + " running";

    @Argument(index = 0, name = "kind", required = true, description = "start or stop")
    @Completion(value = StringsCompleter.class, values = {"start", "stop"})
    String kind;

    @Argument(index = 1, name = "options", required = false, multiValued = true,
            description = "The options may also follow start|stop")
    List<String> trailing;

    @Option(name = "--machine", description = "The machine's meter id (required)")
    @Completion(MeterIdCompleter.class)
    String machine;

    @Option(name = "--job", description = "The job id, unique per installation, e.g. J-17 (required)")
    String job;

    @Option(name = "--product", description = "The product made (start; a stop may name it if the start did not)")
    String product;

    @Option(name = "--quantity", description = "Units produced (stop), e.g. 120")
    String quantity;

    @Option(name = "--at", description = "When: an ISO instant 2026-11-03T06:00:00Z (or with an offset); default now")
    String at;

    @Reference(optional = true)
    JobService jobs;

    @Reference
    Session session;

    Clock clock = Clock.systemUTC();

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        var stamp = stamp();
        if (jobs == null) {
            out.println(NO_SERVICE);
            return null;
        }
        var r = jobs.submit(List.of(stamp));
        if (r.accepted() == 1) {
            out.println("job " + stamp.jobId() + " " + kind.trim().toLowerCase(Locale.ROOT) + " stamped on "
                    + stamp.machine() + " at " + stamp.at());
        } else if (r.duplicates() == 1) {
            out.println("job " + stamp.jobId() + ": this " + kind.trim().toLowerCase(Locale.ROOT)
                    + " stamp is already stored (nothing changed)");
        } else {
            var e = r.errors().get(0);
            out.println("refused" + (e.field().isEmpty() ? "" : " (" + e.field() + ")") + ": " + e.reason());
        }
        return null;
    }

    JobStamp stamp() {
        var options = TrailingOptions.parse(trailing, Map.of("--machine", "--machine", "--job", "--job", "--product",
                "--product", "--quantity", "--quantity", "--at", "--at"), "after " + kind);
        machine = options.getOrDefault("--machine", machine);
        job = options.getOrDefault("--job", job);
        product = options.getOrDefault("--product", product);
        quantity = options.getOrDefault("--quantity", quantity);
        at = options.getOrDefault("--at", at);
        if (machine == null || machine.isBlank()) {
            throw new IllegalArgumentException("--machine: missing; expected the machine's meter id");
        }
        if (job == null || job.isBlank()) {
            throw new IllegalArgumentException("--job: missing; expected the job id, e.g. J-17");
        }
        var k = kind == null ? "" : kind.trim().toUpperCase(Locale.ROOT);
        JobStamp.Kind parsed;
        try {
            parsed = JobStamp.Kind.valueOf(k);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kind: '" + kind + "'; expected start or stop");
        }
        double q = 0;
        if (quantity != null && !quantity.isBlank()) {
            try {
                q = Double.parseDouble(quantity.trim());
            } catch (NumberFormatException e) {
                q = Double.NaN;
            }
            if (Double.isNaN(q) || Double.isInfinite(q) || q < 0) {
                throw new IllegalArgumentException("--quantity: '" + quantity + "'; expected the units produced, a"
                        + " number >= 0");
            }
        }
        Instant when = at == null || at.isBlank() ? clock.instant() : TimeArgs.parseInstant("--at", at);
        return new JobStamp(machine.trim(), job.trim(), parsed, when, product == null ? "" : product.trim(), q,
                Consoles.source());
    }
}
