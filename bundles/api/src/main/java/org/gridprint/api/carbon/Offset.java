package org.gridprint.api.carbon;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A carbon offset in its own register: shown only in a separate net view, never subtracted from any scope.
 *
 * @since 1.2.0
 */
public record Offset(String serial, BigDecimal tonnesCo2e, String standard, String project, LocalDate vintage,
        String retirementId, LocalDate retiredOn, String siteId) {
}
