package org.gridprint.api.allocation;

import java.util.List;

/**
 * What one computation of a virtual meter over a span did.
 *
 * @param virtualId  the virtual meter
 * @param added      windows stored for the first time (both Scope 2 methods count)
 * @param revised    windows stored as a new version (an input changed)
 * @param unchanged  windows recomputed to the same content
 * @param missing    windows not computed because an input window was missing (the result is missing, never zero)
 * @param negative   windows whose result was negative: not stored, a finding of the audit
 * @param notes      further remarks (e.g. the first negative window), may be empty
 */
public record VirtualRun(String virtualId, int added, int revised, int unchanged, int missing, int negative,
        List<String> notes) {

    public VirtualRun {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
