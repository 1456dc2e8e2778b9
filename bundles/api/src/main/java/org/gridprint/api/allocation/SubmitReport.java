package org.gridprint.api.allocation;

import java.util.List;

/**
 * What became of a submitted batch of stamps, bills or file lines: how many were stored, how many were already
 * there (a resubmission changes nothing), and one error per refused item.
 */
public record SubmitReport(int accepted, int duplicates, List<ItemError> errors) {

    public SubmitReport {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public boolean allAccepted() {
        return errors.isEmpty();
    }
}
