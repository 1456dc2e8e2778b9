package org.gridprint.ledger;

import org.gridprint.api.Reading;

/** The outcome texts every backend uses, so that the same input gives the same words on every store. */
public final class Reasons {

    private Reasons() {
    }

    /**
     * "conflict: &lt;meter&gt; &lt;QUANTITY&gt; at &lt;ISO ts&gt; is already stored with value &lt;stored&gt;; received
     * &lt;value&gt; from &lt;source&gt; (quarantined, stored value kept)". Values as {@link Double#toString(double)}.
     */
    public static String conflict(Reading received, double storedValue) {
        return "conflict: " + received.meterId() + " " + received.quantity() + " at " + received.timestamp()
                + " is already stored with value " + storedValue + "; received " + received.value() + " from "
                + received.source() + " (quarantined, stored value kept)";
    }
}
