package org.gridprint.carbon.recalc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Optional;

import org.gridprint.api.carbon.RecalculationService;
import org.gridprint.carbon.CarbonEngine;
import org.gridprint.carbon.MeterRun;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recomputes the windows starting in {@code [from, to)} (of one site or all) from stored readings, factors and
 * intensity values, through the engine's own code path ({@link CarbonEngine#recalculate}): deterministic (the same
 * inputs give windows of the same content, which the store counts as unchanged), changed windows stored as new
 * versions with the reason, the earlier versions kept. Runs on the caller's thread, one meter at a time, never
 * beside the engine's worker on the same meter.
 */
@Component(service = RecalculationService.class)
public class RecalculationServiceImpl implements RecalculationService {

    private static final Logger LOG = LoggerFactory.getLogger(RecalculationServiceImpl.class);
    /** At most this many meter problems are named in the result. */
    static final int MAX_PROBLEMS = 5;

    @Reference
    private volatile CarbonEngine engine;

    /** For DS. */
    public RecalculationServiceImpl() {
    }

    /** Plain wiring. */
    public RecalculationServiceImpl(CarbonEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    @Override
    public Result recalculate(Instant from, Instant to, Optional<String> siteId, String reason) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        var site = siteId == null ? Optional.<String>empty() : siteId;
        engine.factorsChanged();
        var runs = engine.recalculate(from, to, site, reason);
        long checked = 0;
        long revised = 0;
        long added = 0;
        long done = 0;
        var problems = new ArrayList<String>();
        for (var run : runs) {
            if (run instanceof MeterRun.Computed c) {
                checked += c.windows();
                revised += c.revised();
                added += c.added();
                done++;
                c.incomplete().ifPresent(p -> problems.add(c.meterId() + ": " + p));
            } else if (run instanceof MeterRun.Failed f) {
                problems.add(f.meterId() + ": failed: " + f.error());
            } else if (run instanceof MeterRun.Skipped s && !s.reason().startsWith("no readings")) {
                problems.add(s.meterId() + ": " + s.reason());
            }
        }
        Optional<String> problem = Optional.empty();
        if (!problems.isEmpty()) {
            var shown = problems.subList(0, Math.min(MAX_PROBLEMS, problems.size()));
            problem = Optional.of(String.join("; ", shown) + (problems.size() > MAX_PROBLEMS ? "; and "
                    + (problems.size() - MAX_PROBLEMS) + " more meters" : ""));
        }
        LOG.info("recalculation {} .. {} of {} ('{}'): {} windows checked, {} revised, {} added, {} meters{}", from, to,
                site.map(s -> "site " + s).orElse("all sites"), reason, checked, revised, added, done,
                problem.map(p -> "; problems: " + p).orElse(""));
        return new Result(checked, revised, added, done, problem);
    }
}
