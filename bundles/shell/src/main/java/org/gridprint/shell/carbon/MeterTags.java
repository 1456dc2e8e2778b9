package org.gridprint.shell.carbon;

import java.util.LinkedHashSet;
import java.util.Set;

import org.gridprint.api.Meter;

/** A meter's tags as the totals' TAG grouping sees them: {@code department:<d>}, {@code tenant:<t>} and free tags. */
final class MeterTags {

    private MeterTags() {
    }

    static Set<String> of(Meter m) {
        var tags = new LinkedHashSet<String>();
        if (m.department() != null && !m.department().isBlank()) {
            tags.add("department:" + m.department());
        }
        if (m.tenant() != null && !m.tenant().isBlank()) {
            tags.add("tenant:" + m.tenant());
        }
        tags.addAll(m.tags());
        return tags;
    }
}
