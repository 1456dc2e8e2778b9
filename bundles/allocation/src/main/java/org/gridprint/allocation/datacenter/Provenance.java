package org.gridprint.allocation.datacenter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import org.gridprint.api.allocation.FactorUse;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.FactorCatalog;
import org.gridprint.api.carbon.InstrumentService;
import org.gridprint.api.carbon.Offset;
import org.gridprint.api.store.RecordRegister;

/**
 * What a statement names besides its numbers: the factor versions and instruments of the facility windows (by their
 * register refs, resolved through the factor catalog, else the register) and the offsets assigned to the tenant.
 */
final class Provenance {

    private final FactorCatalog catalog;
    private final RecordRegister register;
    private final InstrumentService instruments;

    Provenance(FactorCatalog catalog, RecordRegister register, InstrumentService instruments) {
        this.catalog = catalog;
        this.register = register;
        this.instruments = instruments;
    }

    List<FactorUse> factors(FacilityWindows facility) {
        var out = new ArrayList<FactorUse>();
        facility.locationRefs.forEach((ref, n) -> out.add(factor(ref, AccountingMethod.LOCATION_BASED, n)));
        facility.marketRefs.forEach((ref, n) -> out.add(factor(ref, AccountingMethod.MARKET_BASED, n)));
        facility.instrumentRefs.forEach((ref, n) -> out.add(instrument(ref, n)));
        return out;
    }

    private FactorUse factor(long ref, AccountingMethod method, long n) {
        if (ref == 0) {
            return new FactorUse(0, method, "(no factor: window not priced)", "", "", n);
        }
        if (catalog != null) {
            var f = catalog.byRef(ref);
            if (f.isPresent()) {
                return new FactorUse(ref, method, f.get().id(), f.get().edition(), f.get().source(), n);
            }
        }
        if (register != null) {
            var r = register.byRef(ref);
            if (r.isPresent()) {
                return new FactorUse(ref, method, r.get().key(), field(r.get().text(), "edition"),
                        field(r.get().text(), "source"), n);
            }
        }
        return new FactorUse(ref, method, "(ref " + ref + " unknown)", "", "", n);
    }

    private FactorUse instrument(long ref, long n) {
        if (register != null) {
            var r = register.byRef(ref);
            if (r.isPresent()) {
                return new FactorUse(ref, AccountingMethod.MARKET_BASED, "instrument " + r.get().key(), "v"
                        + r.get().version(), field(r.get().text(), "source"), n);
            }
        }
        return new FactorUse(ref, AccountingMethod.MARKET_BASED, "instrument (ref " + ref + ")", "", "", n);
    }

    /** The value of a {@code key=value} line of a register text, or empty. */
    static String field(String text, String key) {
        for (var l : text.split("\n")) {
            if (l.startsWith(key + "=")) {
                return l.substring(key.length() + 1).trim();
            }
        }
        return "";
    }

    /** The registered offsets assigned to {@code tenant}; an assigned serial not registered is a finding. */
    List<Offset> offsets(DataCenterDefinition dc, String tenant, List<String> findings) {
        if (tenant.isEmpty()) {
            return List.of();
        }
        var serials = dc.offsets().getOrDefault(tenant, List.of());
        if (serials.isEmpty()) {
            return List.of();
        }
        if (instruments == null) {
            findings.add("offsets of " + tenant + " not shown: the instrument service is not available");
            return List.of();
        }
        var bySerial = new HashMap<String, Offset>();
        for (var o : instruments.offsets()) {
            bySerial.put(o.serial(), o);
        }
        var out = new ArrayList<Offset>();
        for (var serial : serials) {
            var o = bySerial.get(serial);
            if (o == null) {
                findings.add("offset " + serial + " assigned to " + tenant + " is not registered"
                        + " (gridprint:offset-add)");
            } else {
                out.add(o);
            }
        }
        return out;
    }
}
