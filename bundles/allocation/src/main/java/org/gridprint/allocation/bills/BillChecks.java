package org.gridprint.allocation.bills;

import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

import org.gridprint.api.allocation.UtilityBill;
import org.gridprint.api.store.RecordRegister;

/** What a utility bill must be. Pure. */
final class BillChecks {

    /** A problem: the field and what was wrong and expected. */
    record Problem(String field, String reason) {
    }

    /** Longest period one bill may cover, days. */
    static final long MAX_DAYS = 400;

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private BillChecks() {
    }

    static Optional<Problem> check(UtilityBill b) {
        if (b.siteId().isBlank()) {
            return problem("site", "the site is blank; expected the site id the bill is for");
        }
        for (var f : new String[][] {{"site", b.siteId()}, {"account", b.account()}, {"supplier", b.supplier()},
                {"currency", b.currency()}}) {
            if (RecordText.hasBreak(f[1])) {
                return problem(f[0], "holds a line break; expected one line");
            }
        }
        if (BillText.key(b).length() > RecordRegister.MAX_NAME_CHARS) {
            return problem("account", "site, account and start make a key of " + BillText.key(b).length()
                    + " characters; expected at most " + RecordRegister.MAX_NAME_CHARS);
        }
        if (b.to().isBefore(b.from())) {
            return problem("to", "the bill ends " + b.to() + " before it starts " + b.from() + "; expected a last day"
                    + " on or after the first (both inclusive)");
        }
        long days = ChronoUnit.DAYS.between(b.from(), b.to()) + 1;
        if (days > MAX_DAYS) {
            return problem("to", "the bill covers " + days + " days (" + b.from() + " .. " + b.to() + "); expected at"
                    + " most " + MAX_DAYS);
        }
        if (b.kwh().signum() < 0) {
            return problem("kwh", "kWh " + b.kwh().toPlainString() + " is negative; expected the energy billed, >= 0");
        }
        if (b.cost().signum() < 0) {
            return problem("cost", "cost " + b.cost().toPlainString() + " is negative; expected the amount billed,"
                    + " >= 0 (enter a credit as a corrected bill)");
        }
        if (!b.currency().isEmpty() && !CURRENCY.matcher(b.currency()).matches()) {
            return problem("currency", "currency '" + b.currency() + "'; expected an ISO 4217 code such as USD or EUR");
        }
        if (b.cost().signum() > 0 && b.currency().isEmpty()) {
            return problem("currency", "a cost of " + b.cost().toPlainString() + " needs its currency; expected an"
                    + " ISO 4217 code such as USD");
        }
        return Optional.empty();
    }

    private static Optional<Problem> problem(String field, String reason) {
        return Optional.of(new Problem(field, reason));
    }
}
