package org.gridprint.carbon.market;

/** Whether an instrument may cover a window of a site. */
public sealed interface Eligibility {

    /** It may. */
    record Eligible() implements Eligibility {
    }

    /** Not meant for this site (another site, or retired market-wide for another market): silently passed over. */
    record NotForSite() implements Eligibility {
    }

    /**
     * Meant for this site but breaks a rule: refused, with the rule ({@code retirement}, {@code market},
     * {@code vintage}, {@code delivery}, {@code type}) and the reason in the operator's words.
     */
    record Refused(String rule, String reason) implements Eligibility {
    }
}
