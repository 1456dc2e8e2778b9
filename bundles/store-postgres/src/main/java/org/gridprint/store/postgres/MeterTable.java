package org.gridprint.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;

import org.gridprint.api.Meter;

/** The METER table: meter metadata for queries, exports and SQL users (upserted, not ledgered). Writer thread only. */
final class MeterTable {

    private final PreparedStatement upsert;

    MeterTable(Connection c, String schema) throws SQLException {
        upsert = c.prepareStatement("INSERT INTO " + schema + ".meter (meter_id, name, site_id, location, "
                + "asset_type, phase, department, tenant, tags, parent_id, counter_rollover, updated_at) VALUES "
                + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (meter_id) DO UPDATE SET name = EXCLUDED.name, "
                + "site_id = EXCLUDED.site_id, location = EXCLUDED.location, asset_type = EXCLUDED.asset_type, "
                + "phase = EXCLUDED.phase, department = EXCLUDED.department, tenant = EXCLUDED.tenant, "
                + "tags = EXCLUDED.tags, parent_id = EXCLUDED.parent_id, "
                + "counter_rollover = EXCLUDED.counter_rollover, updated_at = EXCLUDED.updated_at");
    }

    /** Upserts the meters in the open transaction (one pipelined batch). */
    void upsert(Collection<Meter> meters, long now) throws SQLException {
        for (var m : meters) {
            int p = 1;
            upsert.setString(p++, m.id());
            upsert.setString(p++, m.name());
            upsert.setString(p++, m.siteId());
            upsert.setString(p++, m.location());
            upsert.setString(p++, m.assetType());
            upsert.setString(p++, m.phase());
            upsert.setString(p++, m.department());
            upsert.setString(p++, m.tenant());
            upsert.setString(p++, String.join(",", m.tags()));
            upsert.setString(p++, m.parentId().orElse(null));
            upsert.setDouble(p++, m.counterRollover());
            upsert.setLong(p, now);
            upsert.addBatch();
        }
        upsert.executeBatch();
    }
}
