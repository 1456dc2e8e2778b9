package org.gridprint.api.allocation;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The meter hierarchy of each site: the metering tree (a meter's {@code parentId}: Haystack {@code submeterOf}, Brick
 * {@code isMeteredBy}) and the location tree site → building → floor → panel → circuit from the meters' {@code key=value}
 * tags ({@code building=B1}, {@code floor=3}, {@code panel=MCC-R1}, {@code circuit=7}), with each node's energy for a
 * period from the store's totals. Meters with an unknown parent or in a cycle of parents are refused and listed in
 * {@link #problems()}.
 */
@ProviderType
public interface MeterTree {

    /** Which hierarchy. */
    enum View { METERING, LOCATION }

    /** Model exchange formats. */
    enum Format {
        /** Project Haystack 4 style JSON (site, equip and point entities with markers and refs). */
        HAYSTACK,
        /** Brick Schema 1.3 Turtle (brick:Site, brick:Electrical_Meter, brick:isMeteredBy / brick:hasSubMeter). */
        BRICK
    }

    /** The sites that have meters, sorted. */
    List<String> sites();

    /** The time zone that cuts a site's days (the site's configuration; UTC when none is known). */
    ZoneId zone(String siteId);

    /**
     * The site's tree with each node's energy (quantity ACTIVE_ENERGY_IMPORT, Scope 2, location-based windows: the
     * energy is the same in both methods) over the days {@code [from, to)} in the site's zone.
     *
     * @throws IllegalArgumentException an unknown site (the message lists the known ones) or an empty period
     */
    TreeNode tree(String siteId, View view, LocalDate from, LocalDate to);

    /** The site's model in an exchange format (refused meters left out). */
    String export(String siteId, Format format);

    /** Meters and virtual meters refused, by meter id. */
    List<TreeProblem> problems();
}
