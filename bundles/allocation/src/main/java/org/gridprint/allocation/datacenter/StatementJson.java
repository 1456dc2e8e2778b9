package org.gridprint.allocation.datacenter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.gridprint.api.allocation.StatementLine;
import org.gridprint.api.allocation.TenantStatement;

/**
 * The statement as JSON: rounded figures as integers in their units (Wh, g) beside decimal kWh/kg strings, the
 * tenant's exact windows (nano-kWh, µg), factors, offsets, findings.
 */
final class StatementJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StatementJson() {
    }

    static String render(TenantStatement s) {
        var root = new LinkedHashMap<String, Object>();
        root.put("dataCenter", s.dataCenter());
        root.put("site", s.siteId());
        root.put("tenant", s.tenant());
        root.put("from", s.from().toString());
        root.put("toExclusive", s.to().toString());
        root.put("zone", s.zone().getId());
        root.put("facilityWindows", s.accountedWindows());
        root.put("configurationRef", s.configRef());
        root.put("computedAt", s.computedAt().toString());
        root.put("statement", line(s.line()));
        var lines = new ArrayList<Object>();
        s.lines().forEach(l -> lines.add(line(l)));
        root.put("lines", lines);
        root.put("facility", line(s.facility()));
        var windows = new ArrayList<Object>();
        for (var w : s.windows()) {
            var m = new LinkedHashMap<String, Object>();
            m.put("start", w.start().toString());
            m.put("end", w.end().toString());
            m.put("facilityNanoKwh", w.facilityNano());
            m.put("allItNanoKwh", w.itNano());
            m.put("itNanoKwh", w.tenantItNano());
            m.put("estimatedItNanoKwh", w.tenantEstimatedNano());
            m.put("overheadNanoKwh", w.tenantOverheadNano());
            m.put("locationMicrogramsCo2e", w.locationMicrograms());
            m.put("marketMicrogramsCo2e", w.marketMicrograms());
            m.put("recNanoKwh", w.recNano());
            windows.add(m);
        }
        root.put("windows", windows);
        var factors = new ArrayList<Object>();
        for (var f : s.factors()) {
            var m = new LinkedHashMap<String, Object>();
            m.put("ref", f.ref());
            m.put("method", f.method().name());
            m.put("id", f.id());
            m.put("edition", f.edition());
            m.put("source", f.source());
            m.put("windows", f.windows());
            factors.add(m);
        }
        root.put("factors", factors);
        var offsets = new ArrayList<Object>();
        for (var o : s.offsets()) {
            var m = new LinkedHashMap<String, Object>();
            m.put("serial", o.serial());
            m.put("tonnesCo2e", o.tonnesCo2e().toPlainString());
            m.put("standard", o.standard());
            m.put("project", o.project());
            m.put("vintage", o.vintage() == null ? null : o.vintage().toString());
            m.put("retirementId", o.retirementId());
            m.put("retiredOn", o.retiredOn() == null ? null : o.retiredOn().toString());
            offsets.add(m);
        }
        root.put("offsetsShownApart", offsets);
        root.put("findings", List.copyOf(s.findings()));
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("statement JSON could not be written: " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, Object> line(StatementLine l) {
        var m = new LinkedHashMap<String, Object>();
        m.put("target", l.target());
        m.put("itWh", l.itWh());
        m.put("estimatedItWh", l.estimatedItWh());
        m.put("overheadWh", l.overheadWh());
        m.put("totalWh", l.totalWh());
        m.put("pue", l.pue().map(p -> p.toPlainString()).orElse(null));
        m.put("locationGramsCo2e", l.locationCo2eGrams());
        m.put("marketGramsCo2e", l.marketCo2eGrams());
        m.put("recWh", l.recWh());
        m.put("itKwh", Amounts.milli(l.itWh()));
        m.put("totalKwh", Amounts.milli(l.totalWh()));
        m.put("locationKgCo2e", Amounts.milli(l.locationCo2eGrams()));
        m.put("marketKgCo2e", Amounts.milli(l.marketCo2eGrams()));
        return m;
    }
}
