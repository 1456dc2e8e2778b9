package org.gridprint.allocation.jobs;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import org.gridprint.allocation.bills.RecordText;
import org.gridprint.api.allocation.Job;
import org.gridprint.api.allocation.JobStamp;
import org.gridprint.api.store.RecordRegister;

/**
 * The rules a stamp must pass, applied to the job's current record. Pure.
 * <ul>
 * <li>job id: non-blank, at most {@value RecordRegister#MAX_NAME_CHARS} characters, one line; machine: a declared
 * meter; product: one line</li>
 * <li>START: a new job id is stored; the same start again (machine, time, product) is a duplicate; any other second
 * start of the id is refused (a job id starts once)</li>
 * <li>STOP: needs the job's start (same machine), a time after the start and a quantity >= 0; the same stop again is
 * a duplicate, a different second stop refused; a product on the stop fills an empty one, a different one is
 * refused</li>
 * </ul>
 */
final class StampRules {

    private StampRules() {
    }

    static StampDecision decide(JobStamp s, Optional<JobText.StoredJob> current, Predicate<String> isMeter) {
        var id = s.jobId();
        if (id.isBlank()) {
            return new StampDecision.Refused("job", "the job id is blank; expected an id such as J-17");
        }
        if (id.length() > RecordRegister.MAX_NAME_CHARS || RecordText.hasBreak(id) || !id.strip().equals(id)) {
            return new StampDecision.Refused("job", "job id '" + shorten(id) + "' must be one line of at most "
                    + RecordRegister.MAX_NAME_CHARS + " characters without leading or trailing blanks");
        }
        if (s.machine().isBlank()) {
            return new StampDecision.Refused("machine", "the machine is blank; expected the meter id of the machine");
        }
        if (!isMeter.test(s.machine())) {
            return new StampDecision.Refused("machine", "machine '" + shorten(s.machine()) + "' is not a declared"
                    + " meter; expected the id of a meter configured as org.gridprint.meter (the machine's meter)");
        }
        if (RecordText.hasBreak(s.product()) || RecordText.hasBreak(s.source())) {
            return new StampDecision.Refused(RecordText.hasBreak(s.product()) ? "product" : "source",
                    "holds a line break; expected one line");
        }
        return s.kind() == JobStamp.Kind.START ? start(s, current) : stop(s, current);
    }

    private static StampDecision start(JobStamp s, Optional<JobText.StoredJob> current) {
        if (current.isPresent()) {
            var j = current.get().job();
            if (j.machine().equals(s.machine()) && j.start().equals(s.at()) && j.product().equals(s.product())) {
                return new StampDecision.Duplicate();
            }
            return new StampDecision.Refused("job", "job " + s.jobId() + " already started on " + j.machine() + " at "
                    + j.start() + (j.product().isEmpty() ? "" : " (" + j.product() + ")")
                    + "; a job id starts once: expected a new job id");
        }
        var job = new Job(s.jobId(), s.machine(), s.product(), s.at(), Optional.empty(), 0);
        return new StampDecision.Store(job, s.source(), "", 0);
    }

    private static StampDecision stop(JobStamp s, Optional<JobText.StoredJob> current) {
        if (current.isEmpty()) {
            return new StampDecision.Refused("job", "job " + s.jobId() + " has no start stamp; expected its START"
                    + " before its STOP");
        }
        var stored = current.get();
        var j = stored.job();
        if (!j.machine().equals(s.machine())) {
            return new StampDecision.Refused("machine", "job " + s.jobId() + " runs on " + j.machine() + ", not on "
                    + s.machine() + "; expected the machine of its start stamp");
        }
        if (Double.isNaN(s.quantity()) || Double.isInfinite(s.quantity()) || s.quantity() < 0) {
            return new StampDecision.Refused("quantity", "quantity " + s.quantity() + " of job " + s.jobId()
                    + "; expected the units produced, a number >= 0");
        }
        if (j.stop().isPresent()) {
            if (j.stop().get().equals(s.at()) && j.quantity() == s.quantity()
                    && (s.product().isEmpty() || s.product().equals(j.product()))) {
                return new StampDecision.Duplicate();
            }
            return new StampDecision.Refused("stop", "job " + s.jobId() + " already stopped at " + j.stop().get()
                    + " with quantity " + JobText.quantity(j.quantity()) + "; a job stops once");
        }
        if (!s.at().isAfter(j.start())) {
            return new StampDecision.Refused("at", "stop " + s.at() + " of job " + s.jobId() + " is "
                    + (s.at().equals(j.start()) ? "at" : "before") + " its start " + j.start()
                    + "; expected a stop after the start");
        }
        var product = j.product();
        if (!s.product().isEmpty() && !s.product().equals(product)) {
            if (!product.isEmpty()) {
                return new StampDecision.Refused("product", "job " + s.jobId() + " makes " + product + ", the stop says "
                        + s.product() + "; expected the product of its start or none");
            }
            product = s.product();
        }
        var job = new Job(j.jobId(), j.machine(), product, j.start(), Optional.of(s.at()), s.quantity());
        return new StampDecision.Store(job, stored.startSource(), s.source(), stored.version());
    }

    static String shorten(String s) {
        Objects.requireNonNull(s);
        var one = s.replaceAll("[\\r\\n]", " ");
        return one.length() > 60 ? one.substring(0, 57) + "..." : one;
    }
}
