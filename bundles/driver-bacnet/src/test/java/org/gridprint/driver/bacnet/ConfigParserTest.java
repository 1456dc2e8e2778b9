package org.gridprint.driver.bacnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

import org.gridprint.api.Quantity;
import org.gridprint.driver.bacnet.config.CovMode;
import org.gridprint.driver.bacnet.config.DeviceConfigParser;
import org.gridprint.driver.bacnet.config.ParsedDevice;
import org.gridprint.driver.bacnet.config.ProfileLoader;
import org.gridprint.driver.bacnet.config.StackConfigParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.serotonin.bacnet4j.type.enumerated.ObjectType;
import com.serotonin.bacnet4j.type.enumerated.PropertyIdentifier;

class ConfigParserTest {

    static final ProfileLoader BUNDLED = new ProfileLoader(null, BacnetDriver.class.getClassLoader());

    static ParsedDevice device(Map<String, Object> props) {
        var all = new HashMap<String, Object>(props);
        all.putIfAbsent("service.pid", "org.gridprint.driver.bacnet~x");
        all.putIfAbsent("id", "x");
        all.putIfAbsent("stack", "site");
        all.putIfAbsent("deviceInstance", "1001");
        return DeviceConfigParser.parse(all, BUNDLED);
    }

    static String errors(ParsedDevice p) {
        return ((ParsedDevice.Invalid) p).message();
    }

    @Test
    void stackDefaultsStayOnTheMachine() {
        var r = StackConfigParser.parse(Map.of("id", "site", "localDeviceInstance", "4194000"));
        assertTrue(r.valid(), r.errors().toString());
        assertEquals("127.255.255.255", r.settings().broadcastAddress());
        assertEquals(8, r.settings().broadcastPrefix());
        assertEquals("0.0.0.0", r.settings().bindAddress());
        assertEquals(47808, r.settings().port());
    }

    @Test
    void stackErrorsNameFieldAndValue() {
        var r = StackConfigParser.parse(Map.of("service.pid", "org.gridprint.driver.bacnet.stack~a", "id", "a",
                "port", "70000", "broadcastAddress", "10.0.0", "bbmdAddress", "nowhere"));
        var text = String.join("\n", r.errors());
        assertTrue(text.contains("org.gridprint.driver.bacnet.stack~a: port = \"70000\": expected an integer 1..65535"), text);
        assertTrue(text.contains("broadcastAddress = \"10.0.0\""), text);
        assertTrue(text.contains("bbmdAddress = \"nowhere\": expected host:port"), text);
        assertTrue(text.contains("localDeviceInstance is missing"), text);
    }

    @Test
    void onePointLine() {
        var p = device(Map.of("points", "name=main;meter=hq/main;quantity=ACTIVE_ENERGY_IMPORT;object=ai:3;unit=MWh;scale=0.1, "
                + "meter=hq/main;quantity=active-power;object=analog-value:7;property=present-value", "cov", "confirmed"));
        var s = ((ParsedDevice.Valid) p).settings();
        assertEquals(2, s.points().size());
        var a = s.points().get(0);
        assertEquals("main", a.name());
        assertEquals(ObjectType.analogInput, a.object().type());
        assertEquals(3, a.object().instance());
        assertEquals(1000.0, a.unit().orElseThrow().toCanonical(1), 1e-12);
        assertEquals(0.1, a.scale(), 1e-12);
        assertEquals(Quantity.ACTIVE_POWER, s.points().get(1).quantity());
        assertEquals(PropertyIdentifier.presentValue, s.points().get(1).property());
        assertTrue(s.points().get(1).unit().isEmpty());
        assertEquals(CovMode.CONFIRMED, s.cov());
        assertEquals("bacnet/x", s.source());
    }

    @Test
    void badPointsAreAllReportedNamingThePoint() {
        var text = errors(device(Map.of("points", "meter=m;quantity=POWR;object=ai:1, meter=m;quantity=ACTIVE_POWER;"
                + "object=thing:1, meter=m;quantity=ACTIVE_POWER;object=ai:2;unit=kWh, meter=m;quantity=ACTIVE_POWER;"
                + "object=ai:3;unit=furlong, meter=m;quantity=ACTIVE_POWER;object=ai:4;colour=red",
                "cov", "sometimes", "maxReadsPerRequest", "0")));
        assertTrue(text.contains("points[0].quantity = \"POWR\": expected one of ACTIVE_ENERGY_IMPORT"), text);
        assertTrue(text.contains("points[1].object = \"thing:1\": expected type:instance"), text);
        assertTrue(text.contains("points[2].unit = \"kWh\": a kWh unit cannot measure ACTIVE_POWER"), text);
        assertTrue(text.contains("points[3].unit = \"furlong\": not a unit Gridprint stores"), text);
        assertTrue(text.contains("points[4]: unknown field \"colour\""), text);
        assertTrue(text.contains("cov = \"sometimes\": expected none, unconfirmed or confirmed"), text);
        assertTrue(text.contains("maxReadsPerRequest = \"0\": expected an integer 1..1000"), text);
        assertTrue(text.startsWith("org.gridprint.driver.bacnet~x"), text);
    }

    @Test
    void theSameObjectPropertyTwiceIsRefused() {
        var text = errors(device(Map.of("points", "meter=a;quantity=ACTIVE_POWER;object=ai:1, meter=b;quantity=ACTIVE_POWER;object=analog-input:1")));
        assertTrue(text.contains("reads analog-input:1 present-value like points[0]"), text);
    }

    @Test
    void bundledProfileFeedsTheDevicesMeter() {
        var s = ((ParsedDevice.Valid) device(Map.of("profile", "gridprint-demo-bacnet", "meter", "hq/main"))).settings();
        assertEquals(3, s.points().size());
        assertTrue(s.points().stream().allMatch(p -> p.meterId().equals("hq/main")));
        assertEquals("energy", s.points().get(0).name());
        var text = errors(device(Map.of("profile", "gridprint-demo-bacnet")));
        assertTrue(text.contains("meter is missing"), text);
        var missing = errors(device(Map.of("profile", "no-such-model", "meter", "m")));
        assertTrue(missing.contains("profile = \"no-such-model\": no such profile") && missing.contains("gridprint-demo-bacnet"),
                missing);
    }

    @Test
    void operatorProfilesAreCheckedPointByPoint(@TempDir java.nio.file.Path dir) throws Exception {
        Files.writeString(dir.resolve("bad-model.yaml"), """
                model: Bad
                source: { document: "nowhere" }
                points:
                  - { name: e, quantity: ACTIVE_ENERGY_IMPORT, object: "ai:1", unit: kW }
                  - { name: e, quantity: ACTIVE_POWER, object: "ai:2" }
                """);
        var loader = new ProfileLoader(dir, BacnetDriver.class.getClassLoader());
        var e = assertThrows(IllegalArgumentException.class, () -> loader.load("bad-model"));
        assertTrue(e.getMessage().contains("bad-model.yaml"), e.getMessage());
        assertTrue(e.getMessage().contains("points[0] \"e\".unit = \"kW\": a kW unit cannot measure ACTIVE_ENERGY_IMPORT"),
                e.getMessage());
        assertTrue(e.getMessage().contains("points[1].name = \"e\": already used"), e.getMessage());
        Files.writeString(dir.resolve("dup.yaml"), "model: a\nmodel: b\n");
        var d = assertThrows(IllegalArgumentException.class, () -> loader.load("dup"));
        assertTrue(d.getMessage().contains("not valid YAML/JSON"), d.getMessage());
    }

    @Test
    void objectReferences() {
        assertEquals(new ObjectRef(ObjectType.binaryInput, 4), ObjectRef.parse("bi:4").orElseThrow());
        assertEquals(new ObjectRef(ObjectType.accumulator, 9), ObjectRef.parse("accumulator:9").orElseThrow());
        assertEquals(new ObjectRef(ObjectType.analogValue, 2), ObjectRef.parse("analogValue:2").orElseThrow());
        assertTrue(ObjectRef.parse("ai:4194303").isEmpty());
        assertTrue(ObjectRef.parse("ai").isEmpty());
        assertEquals("analog-input:7", new ObjectRef(ObjectType.analogInput, 7).toString());
    }
}
