package org.gridprint.export.csv;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeSet;

import org.gridprint.api.Meter;
import org.gridprint.api.MeterPattern;

/**
 * Selects meters by id or glob ({@link MeterPattern}, the same rules as the gridprint: shell commands): {@code *}
 * matches any run of characters, also across {@code /}; {@code ?} matches one character; everything else matches
 * itself. So {@code demo/hq/*} selects {@code demo/hq/ahu-1} and {@code demo/hq/b1/ahu-2}.
 */
public final class MeterSelector {

    private MeterSelector() {
    }

    /**
     * @param patterns ids or globs; empty selects every meter
     * @return the ids of the selected meters, sorted
     * @throws IllegalArgumentException naming the first pattern that selects no meter, or when there are no meters
     */
    public static List<String> select(Collection<Meter> meters, List<String> patterns) {
        var ids = new TreeSet<String>();
        meters.forEach(m -> ids.add(m.id()));
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("no meters are configured, so there is nothing to export");
        }
        if (patterns.isEmpty()) {
            return List.copyOf(ids);
        }
        var selected = new LinkedHashSet<String>();
        for (var pattern : patterns) {
            var trimmed = pattern == null ? "" : pattern.trim();
            if (trimmed.isEmpty()) {
                throw new IllegalArgumentException("empty meter pattern; expected a meter id or a glob such as hq/b1/*");
            }
            var glob = MeterPattern.parse(trimmed);
            var matched = ids.stream().filter(glob::matches).toList();
            if (matched.isEmpty()) {
                throw new IllegalArgumentException("meter pattern '" + trimmed + "' matches none of the " + ids.size()
                        + " configured meters (e.g. " + String.join(", ", ids.stream().limit(3).toList()) + ")");
            }
            selected.addAll(matched);
        }
        return List.copyOf(new TreeSet<>(selected));
    }
}
