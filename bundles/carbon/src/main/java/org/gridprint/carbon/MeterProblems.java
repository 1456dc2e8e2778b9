package org.gridprint.carbon;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;

/**
 * Logs the outcome of meter runs so that a lasting problem (no factor, unknown meter, a failing store) is logged
 * once at WARN/ERROR while it lasts, then at DEBUG, and its end at INFO.
 */
final class MeterProblems {

    private static final Logger LOG = CarbonEngineImpl.LOG;

    /** The last problem logged per meter. */
    private final Map<String, String> lastProblem = new ConcurrentHashMap<>();

    void note(MeterRun run) {
        if (run instanceof MeterRun.Computed c) {
            if (c.incomplete().isPresent()) {
                report(c.meterId(), c.incomplete().get());
            } else if (lastProblem.remove(c.meterId()) != null) {
                LOG.info("meter '{}': emission windows computed again ({} added, {} revised)", c.meterId(), c.added(),
                        c.revised());
            }
            if (c.stored() > 0) {
                LOG.debug("meter '{}': {} windows, {} added, {} revised, {} .. {}", c.meterId(), c.windows(),
                        c.added(), c.revised(), c.from().orElse(null), c.to().orElse(null));
            }
        } else if (run instanceof MeterRun.Skipped s) {
            if (s.reason().startsWith(MeterWindows.NO_READINGS)) {
                LOG.debug("meter '{}': {}", s.meterId(), s.reason());
            } else {
                report(s.meterId(), s.reason());
            }
        }
    }

    /** A run of the meter threw: logged with the stack trace the first time. */
    MeterRun failed(String meterId, RuntimeException e) {
        var problem = "failed: " + e;
        if (!problem.equals(lastProblem.put(meterId, problem))) {
            LOG.error("meter '{}': emission window computation failed, retried with its next readings: {}", meterId,
                    e.toString(), e);
        } else {
            LOG.debug("meter '{}': emission window computation failed again: {}", meterId, e.toString());
        }
        return new MeterRun.Failed(meterId, e.toString());
    }

    private void report(String meterId, String problem) {
        if (!problem.equals(lastProblem.put(meterId, problem))) {
            LOG.warn("meter '{}': {}", meterId, problem);
        } else {
            LOG.debug("meter '{}': still {}", meterId, problem);
        }
    }
}
