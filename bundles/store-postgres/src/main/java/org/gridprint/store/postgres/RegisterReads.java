package org.gridprint.store.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gridprint.api.store.RegisterRecord;

/** Register queries on pooled reader connections. */
final class RegisterReads {

    private static final String COLUMNS = "ref, register, key, version, text, reason, recorded_at";

    private final Readers readers;
    private final String s;

    RegisterReads(Readers readers, String schema) {
        this.readers = readers;
        this.s = schema;
    }

    static RegisterRecord record(ResultSet rs) throws SQLException {
        return new RegisterRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)));
    }

    private List<RegisterRecord> query(String what, String where, Object... args) {
        return readers.run(what, c -> {
            try (var ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + s + ".register_record WHERE " + where)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                var out = new ArrayList<RegisterRecord>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(record(rs));
                    }
                }
                return out;
            }
        });
    }

    Optional<RegisterRecord> get(String register, String key) {
        return query("register " + register + " key " + key, "register = ? AND key = ? ORDER BY version DESC LIMIT 1",
                register, key).stream().findFirst();
    }

    Optional<RegisterRecord> byRef(long ref) {
        return query("register ref " + ref, "ref = ?", ref).stream().findFirst();
    }

    List<RegisterRecord> list(String register) {
        return query("register " + register, "register = ? AND (key, version) IN (SELECT key, max(version) FROM " + s
                + ".register_record WHERE register = ? GROUP BY key) ORDER BY key COLLATE \"C\"", register, register);
    }

    List<RegisterRecord> history(String register, String key) {
        return query("history of register " + register + " key " + key, "register = ? AND key = ? ORDER BY version",
                register, key);
    }
}
