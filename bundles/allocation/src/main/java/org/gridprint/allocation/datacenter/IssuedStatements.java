package org.gridprint.allocation.datacenter;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.TreeMap;

import org.gridprint.api.EventKeys;
import org.gridprint.api.Topics;
import org.gridprint.api.allocation.StatementFile;
import org.gridprint.api.allocation.StatementFormat;
import org.gridprint.api.allocation.TenantStatement;
import org.gridprint.api.store.RecordRegister;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records an issued statement (written to a file) in the ledgered register {@value #REGISTER} and posts
 * {@code gridprint/allocations/COMPUTED} for it: what was sent to a tenant, with which figures, configuration version
 * and file hash, stays provable ({@code gridprint:verify}); issuing it again with other figures or bytes is a new
 * version, the earlier one kept in the history.
 */
final class IssuedStatements {

    static final String REGISTER = "tenant-statement";
    /** Event property: what was computed ({@code tenant-statement}). */
    static final String KIND = "kind";

    private static final Logger LOG = LoggerFactory.getLogger(IssuedStatements.class);

    private IssuedStatements() {
    }

    static String key(TenantStatement s) {
        return s.dataCenter() + "/" + (s.tenant().isEmpty() ? "(all)" : s.tenant()) + "/" + s.from() + "/" + s.to();
    }

    /** Sorted key=value lines: the statement's rounded figures, period, configuration ref, format, file and hash. */
    static String text(TenantStatement s, StatementFormat format, StatementFile file) {
        var l = s.line();
        var m = new TreeMap<String, String>();
        m.put("dataCenter", s.dataCenter());
        m.put("site", s.siteId());
        m.put("tenant", s.tenant());
        m.put("from", s.from().toString());
        m.put("to", s.to().toString());
        m.put("zone", s.zone().getId());
        m.put("windows", Long.toString(s.accountedWindows()));
        m.put("itWh", Long.toString(l.itWh()));
        m.put("estimatedItWh", Long.toString(l.estimatedItWh()));
        m.put("overheadWh", Long.toString(l.overheadWh()));
        m.put("totalWh", Long.toString(l.totalWh()));
        m.put("locationGrams", Long.toString(l.locationCo2eGrams()));
        m.put("marketGrams", Long.toString(l.marketCo2eGrams()));
        m.put("recWh", Long.toString(l.recWh()));
        m.put("facilityWh", Long.toString(s.facility().totalWh()));
        m.put("configRef", Long.toString(s.configRef()));
        m.put("findings", Integer.toString(s.findings().size()));
        m.put("format", format.name().toLowerCase(java.util.Locale.ROOT));
        m.put("file", file.file().getFileName().toString());
        m.put("sha256", file.sha256());
        var out = new StringBuilder();
        m.forEach((k, v) -> out.append(k).append('=').append(v.replace('\n', ' ')).append('\n'));
        return out.toString();
    }

    /** Records the issue (when a register is there) and posts the event (when EventAdmin is there). */
    static StatementFile record(TenantStatement s, StatementFormat format, StatementFile file, RecordRegister register,
            EventAdmin events) {
        var result = file;
        if (register != null) {
            try {
                var r = register.put(REGISTER, key(s), text(s, format, file), "issued " + file.file().getFileName());
                result = new StatementFile(file.file(), file.sidecar(), file.sha256(), file.bytes(), r.ref(),
                        r.version());
            } catch (IllegalStateException | IllegalArgumentException e) {
                LOG.error("statement {} written to {} but not recorded in register {}: {}", key(s), file.file(),
                        REGISTER, e.getMessage());
            }
        }
        if (events != null) {
            Dictionary<String, Object> p = new Hashtable<>();
            p.put(KIND, REGISTER);
            p.put("dataCenter", s.dataCenter());
            p.put("site", s.siteId());
            p.put("tenant", s.tenant());
            p.put(EventKeys.FROM, s.from().atStartOfDay(s.zone()).toInstant().toEpochMilli());
            p.put(EventKeys.TO, s.to().atStartOfDay(s.zone()).toInstant().toEpochMilli());
            p.put("version", result.version());
            p.put("sha256", file.sha256());
            try {
                events.postEvent(new Event(Topics.ALLOCATIONS_COMPUTED, p));
            } catch (RuntimeException e) {
                LOG.debug("event {} not posted: {}", Topics.ALLOCATIONS_COMPUTED, e.toString());
            }
        }
        return result;
    }
}
