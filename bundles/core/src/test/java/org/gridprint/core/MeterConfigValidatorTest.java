package org.gridprint.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class MeterConfigValidatorTest {

    static final String PID = "org.gridprint.meter~ahu2";
    static final String FILE = "file:/opt/gridprint/etc/org.gridprint.meter-ahu2.cfg";

    static Map<String, Object> config(Object... keyValues) {
        var map = new HashMap<String, Object>();
        map.put("service.pid", PID);
        map.put("felix.fileinstall.filename", FILE);
        map.put("id", "hq/b1/panel-3/ahu-2");
        map.put("site", "hq");
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                map.remove((String) keyValues[i]);
            } else {
                map.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return map;
    }

    static String singleError(Map<String, Object> config) {
        var invalid = assertInstanceOf(MeterConfigValidator.Result.Invalid.class, MeterConfigValidator.validate(config));
        assertEquals(1, invalid.errors().size(), invalid.errors().toString());
        return invalid.errors().get(0);
    }

    static void assertNames(String message, String... parts) {
        for (var part : parts) {
            assertTrue(message.contains(part), "'" + part + "' missing in: " + message);
        }
    }

    @Test
    void fullConfigBecomesAMeter() {
        var valid = assertInstanceOf(MeterConfigValidator.Result.Valid.class, MeterConfigValidator.validate(config(
                "name", "AHU 2", "location", "B1 panel 3", "assetType", "AHU", "phase", "3P", "department", "Facilities",
                "tenant", "", "tags", "hvac, ahu ,, critical", "parent", "hq/main", "counterRollover", "99999999.9")));
        var m = valid.meter();
        assertEquals("hq/b1/panel-3/ahu-2", m.id());
        assertEquals("AHU 2", m.name());
        assertEquals("hq", m.siteId());
        assertEquals("AHU", m.assetType());
        assertEquals(List.of("hvac", "ahu", "critical"), m.tags());
        assertEquals(Optional.of("hq/main"), m.parentId());
        assertEquals(99999999.9, m.counterRollover());
        assertEquals("org.gridprint.meter~ahu2 (etc/org.gridprint.meter-ahu2.cfg)", valid.origin());
    }

    @Test
    void nameDefaultsToIdAndRolloverToUnknown() {
        var valid = assertInstanceOf(MeterConfigValidator.Result.Valid.class, MeterConfigValidator.validate(config()));
        assertEquals("hq/b1/panel-3/ahu-2", valid.meter().name());
        assertEquals(0.0, valid.meter().counterRollover());
        assertEquals(Optional.empty(), valid.meter().parentId());
    }

    @Test
    void missingIdNamesPidFileFieldAndExpectation() {
        assertNames(singleError(config("id", null)), PID, "etc/org.gridprint.meter-ahu2.cfg", "'id'", "<missing>",
                "expected a non-empty id");
    }

    @Test
    void idWithWhitespaceOrForbiddenCharacters() {
        assertNames(singleError(config("id", "hq b1")), PID, "'id'", "'hq b1'", "A-Z a-z 0-9 / _ . : -");
        assertNames(singleError(config("id", "hq#1")), PID, "'id'", "'hq#1'", "expected");
    }

    @Test
    void siteMustNotBeEmpty() {
        assertNames(singleError(config("site", "  ")), PID, "'site'", "expected a non-empty site id");
    }

    @Test
    void rolloverMustBeANonNegativeNumber() {
        assertNames(singleError(config("counterRollover", -1.0)), PID, "'counterRollover'", "'-1.0'", ">= 0");
        assertNames(singleError(config("counterRollover", "abc")), PID, "'counterRollover'", "'abc'",
                "a finite number >= 0");
    }

    @Test
    void parentMustBeAnotherValidId() {
        assertNames(singleError(config("parent", "hq/b1/panel-3/ahu-2")), "'parent'", "not the meter itself");
        assertNames(singleError(config("parent", "bad parent")), "'parent'", "'bad parent'");
    }

    @Test
    void allErrorsAreReportedTogether() {
        var invalid = assertInstanceOf(MeterConfigValidator.Result.Invalid.class,
                MeterConfigValidator.validate(config("id", "a b", "site", "", "counterRollover", "-5")));
        assertEquals(3, invalid.errors().size());
        assertNames(invalid.message(), PID, "ignored until fixed", "'id'", "'site'", "'counterRollover'");
    }

    @Test
    void pidWithoutFileAndTagsAsArray() {
        var map = config("tags", new String[] {"a", "b,c"});
        map.remove("felix.fileinstall.filename");
        var valid = assertInstanceOf(MeterConfigValidator.Result.Valid.class, MeterConfigValidator.validate(map));
        assertEquals(PID, valid.origin());
        assertEquals(List.of("a", "b", "c"), valid.meter().tags());
    }

    @Test
    void idsAndParentsLongerThan512CharactersAreRejected() {
        var longest = "m".repeat(MeterConfigValidator.MAX_ID_LENGTH);
        assertInstanceOf(MeterConfigValidator.Result.Valid.class, MeterConfigValidator.validate(config("id", longest)));
        var tooLong = longest + "m";
        assertNames(singleError(config("id", tooLong)), PID, "'id'", "'" + tooLong + "'", "at most 512",
                "513 characters", "expected");
        assertNames(singleError(config("parent", tooLong)), PID, "'parent'", "at most 512", "513 characters");
    }
}
