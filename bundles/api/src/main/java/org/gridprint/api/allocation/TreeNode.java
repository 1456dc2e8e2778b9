package org.gridprint.api.allocation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.gridprint.api.Meter;

/**
 * One node of a site's tree with its energy over a period.
 *
 * <p>A {@link Kind#METER} or {@link Kind#VIRTUAL} node is a meter; its {@code energyNano} is what it measured (the sum
 * of its current, counted windows in the period) and {@code childrenNano} the sum of its submeters' energy. A grouping
 * node (site, building, floor, panel, circuit) measures nothing: its {@code energyNano} is the sum of the meters in it
 * whose parent meter is not in it too (so a main meter and its submeters in one building are not counted twice).
 *
 * @param kind          what the node is
 * @param id            the meter id, or the grouping value ({@code B1}, {@code 3}, {@code MCC-R1})
 * @param meter         the declared meter (METER nodes)
 * @param formula       a virtual meter's formula, else empty
 * @param children      sub-nodes, sorted by id
 * @param energyNano    energy in nano-kWh (10^-9 of the quantity's canonical unit)
 * @param hasEnergy     false when the meter has no windows in the period (energy unknown, not zero)
 * @param childrenNano  sum of the children's energy (meters: of its submeters), nano-kWh
 * @param windows       counted windows behind {@code energyNano}
 */
public record TreeNode(Kind kind, String id, Optional<Meter> meter, String formula, List<TreeNode> children,
        long energyNano, boolean hasEnergy, long childrenNano, long windows) {

    public enum Kind { SITE, BUILDING, FLOOR, PANEL, CIRCUIT, METER, VIRTUAL }

    public TreeNode {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        meter = meter == null ? Optional.empty() : meter;
        formula = formula == null ? "" : formula;
        children = children == null ? List.of() : List.copyOf(children);
    }

    /** Nodes in this subtree, this one included. */
    public int size() {
        int n = 1;
        for (var c : children) {
            n += c.size();
        }
        return n;
    }
}
