package org.gridprint.carbon.market;

import java.time.LocalDate;

/**
 * Which certificate vintages may cover consumption of a year: the certificate's whole generation period
 * {@code [vintageFrom, vintageTo]} must lie within the consumption year (in the site's time zone), widened by
 * {@code monthsBefore} months before 1 January and {@code monthsAfter} months after 31 December. The default
 * (0, 0) is the strict reading of the GHG Protocol Scope 2 Quality Criteria (issued and redeemed as close as possible
 * to the period of consumption: the same calendar year); Green-e's window is (6, 3).
 */
public record VintageRule(int monthsBefore, int monthsAfter) {

    public static final VintageRule SAME_YEAR = new VintageRule(0, 0);

    public VintageRule {
        if (monthsBefore < 0 || monthsBefore > 12 || monthsAfter < 0 || monthsAfter > 12) {
            throw new IllegalArgumentException("vintage window months must be 0..12, were " + monthsBefore + " before, "
                    + monthsAfter + " after");
        }
    }

    /** First day a certificate's vintage may start for consumption in {@code year}. */
    public LocalDate earliest(int year) {
        return LocalDate.of(year, 1, 1).minusMonths(monthsBefore);
    }

    /** Last day a certificate's vintage may end for consumption in {@code year}. */
    public LocalDate latest(int year) {
        return LocalDate.of(year, 12, 31).plusMonths(monthsAfter);
    }

    /** True if a vintage period fits consumption in {@code year}. */
    public boolean admits(LocalDate vintageFrom, LocalDate vintageTo, int year) {
        return !vintageFrom.isBefore(earliest(year)) && !vintageTo.isAfter(latest(year));
    }

    public String describe() {
        return monthsBefore == 0 && monthsAfter == 0 ? "vintage within the consumption year"
                : "vintage from " + monthsBefore + " month(s) before to " + monthsAfter
                        + " month(s) after the consumption year";
    }
}
