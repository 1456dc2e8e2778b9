package org.gridprint.store.derby;

import java.sql.Connection;
import java.sql.SQLException;

import org.gridprint.api.Meter;

/** The METER table: meter metadata for SQL users and exports, upserted by meter id. */
final class MeterTable {

    private MeterTable() {
    }

    static void upsert(Connection c, Meter m, long now) throws SQLException {
        try (var up = c.prepareStatement("UPDATE METER SET NAME=?, SITE_ID=?, LOCATION=?, ASSET_TYPE=?, PHASE=?, "
                + "DEPARTMENT=?, TENANT=?, TAGS=?, PARENT_ID=?, COUNTER_ROLLOVER=?, UPDATED_AT=? WHERE METER_ID=?")) {
            bind(up, m, now);
            up.setString(12, m.id());
            if (up.executeUpdate() == 1) {
                return;
            }
        }
        try (var ins = c.prepareStatement("INSERT INTO METER (NAME, SITE_ID, LOCATION, ASSET_TYPE, PHASE, DEPARTMENT, "
                + "TENANT, TAGS, PARENT_ID, COUNTER_ROLLOVER, UPDATED_AT, METER_ID) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
            bind(ins, m, now);
            ins.setString(12, m.id());
            ins.executeUpdate();
        }
    }

    private static void bind(java.sql.PreparedStatement ps, Meter m, long now) throws SQLException {
        ps.setString(1, m.name());
        ps.setString(2, m.siteId());
        ps.setString(3, m.location());
        ps.setString(4, m.assetType());
        ps.setString(5, m.phase());
        ps.setString(6, m.department());
        ps.setString(7, m.tenant());
        ps.setString(8, String.join(",", m.tags()));
        ps.setString(9, m.parentId().orElse(null));
        ps.setDouble(10, m.counterRollover());
        ps.setLong(11, now);
    }
}
