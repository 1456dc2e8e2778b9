package org.gridprint.api.allocation;

import java.time.LocalDate;
import java.util.List;

/**
 * A differential audit: one finding per parent (meters with submeters, virtual meters, utility bills), worst first
 * (by verdict, then by the size of the remainder in percent), and the meters the tree refused.
 */
public record AuditReport(String siteId, LocalDate from, LocalDate to, List<AuditFinding> findings,
        List<TreeProblem> problems) {

    public AuditReport {
        siteId = siteId == null ? "" : siteId;
        findings = List.copyOf(findings);
        problems = problems == null ? List.of() : List.copyOf(problems);
    }
}
