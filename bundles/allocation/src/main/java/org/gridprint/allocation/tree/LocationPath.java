package org.gridprint.allocation.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gridprint.api.Meter;
import org.gridprint.api.allocation.TreeNode;

/**
 * Where a meter sits in the location tree, from its {@code key=value} tags: {@code building=B1}, {@code floor=3},
 * {@code panel=MCC-R1}, {@code circuit=7}. Levels may be left out (a main meter tagged only with its building sits
 * on the building node). Tags without {@code =} are markers and do not place the meter.
 */
public record LocationPath(List<Level> levels) {

    /** One level of the path. */
    public record Level(TreeNode.Kind kind, String value) {
    }

    static final Map<String, TreeNode.Kind> KEYS = Map.of("building", TreeNode.Kind.BUILDING, "floor",
            TreeNode.Kind.FLOOR, "panel", TreeNode.Kind.PANEL, "circuit", TreeNode.Kind.CIRCUIT);
    private static final List<TreeNode.Kind> ORDER = List.of(TreeNode.Kind.BUILDING, TreeNode.Kind.FLOOR,
            TreeNode.Kind.PANEL, TreeNode.Kind.CIRCUIT);

    public LocationPath {
        levels = List.copyOf(levels);
    }

    /** The meter's path in the order building, floor, panel, circuit (the first value of a key counts). */
    public static LocationPath of(Meter meter) {
        var out = new ArrayList<Level>();
        for (var kind : ORDER) {
            var key = kind.name().toLowerCase(java.util.Locale.ROOT);
            tag(meter, key).ifPresent(v -> out.add(new Level(kind, v)));
        }
        return new LocationPath(out);
    }

    /** The value of a {@code key=value} tag, if the meter has one (keys compared case-insensitively). */
    public static java.util.Optional<String> tag(Meter meter, String key) {
        for (var t : meter.tags()) {
            int eq = t.indexOf('=');
            if (eq > 0 && t.substring(0, eq).trim().equalsIgnoreCase(key)) {
                var v = t.substring(eq + 1).trim();
                if (!v.isEmpty()) {
                    return java.util.Optional.of(v);
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** The first {@code n} levels as one key, e.g. {@code B1/3}. */
    public String prefix(int n) {
        var sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append('\u0000');
            }
            sb.append(levels.get(i).kind()).append('=').append(levels.get(i).value());
        }
        return sb.toString();
    }
}
