package org.gridprint.api.allocation;

import java.util.Objects;

/**
 * Why a meter (or a virtual meter) is left out of the metering tree: an unknown parent, a cycle of parents, a parent on
 * another site, a formula that does not parse. The meter is refused until its configuration is fixed; the others are
 * unaffected.
 *
 * @param meterId the meter refused
 * @param field   the configuration field at fault ({@code parent}, {@code formula}, ...)
 * @param reason  what is wrong and what is expected, naming the meters involved
 */
public record TreeProblem(String meterId, String field, String reason) {

    public TreeProblem {
        Objects.requireNonNull(meterId, "meterId");
        field = field == null ? "" : field;
        Objects.requireNonNull(reason, "reason");
    }

    /** One line for a log or a console. */
    public String message() {
        return "meter " + meterId + (field.isEmpty() ? "" : " (field '" + field + "')") + ": " + reason;
    }
}
