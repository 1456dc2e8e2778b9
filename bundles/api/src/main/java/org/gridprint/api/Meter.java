package org.gridprint.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A meter as the operator declared it. The id is stable and chosen by the operator
 * ({@code hq/b1/panel-3/ahu-2}); the rest is metadata used by carbon, allocation and export.
 *
 * @param id         stable id, unique per installation
 * @param name       human-readable name
 * @param siteId     the site whose emission factors and time zone apply
 * @param location   free text (building, floor, panel)
 * @param assetType  e.g. AHU, CHILLER, PDU, MAIN
 * @param phase      electrical phase or "3P"
 * @param department department tag, may be empty
 * @param tenant     tenant tag, may be empty
 * @param tags       further free tags
 * @param parentId   the upstream meter this one is a submeter of, if any
 * @param counterRollover value at which the cumulative counter wraps to zero (canonical unit), 0 if unknown
 */
public record Meter(String id, String name, String siteId, String location, String assetType, String phase,
        String department, String tenant, List<String> tags, Optional<String> parentId, double counterRollover) {

    public Meter {
        Objects.requireNonNull(id, "id");
        name = name == null ? id : name;
        siteId = siteId == null ? "" : siteId;
        location = location == null ? "" : location;
        assetType = assetType == null ? "" : assetType;
        phase = phase == null ? "" : phase;
        department = department == null ? "" : department;
        tenant = tenant == null ? "" : tenant;
        tags = tags == null ? List.of() : List.copyOf(tags);
        parentId = parentId == null ? Optional.empty() : parentId;
    }

    /** A meter with only an id and a site: for tests and quick set-ups. */
    public static Meter of(String id, String siteId) {
        return new Meter(id, id, siteId, "", "", "", "", "", List.of(), Optional.empty(), 0);
    }
}
