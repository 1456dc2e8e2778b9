package org.gridprint.driver.bacnet;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.serotonin.bacnet4j.type.enumerated.ObjectType;
import com.serotonin.bacnet4j.type.primitive.ObjectIdentifier;

/**
 * A BACnet object of a device: type and instance, written {@code analog-input:3} (also {@code ai:3},
 * {@code analogInput:3}). Instances are 0..4194302 (22 bits; 4194303 is the "uninitialised" wildcard).
 */
public record ObjectRef(ObjectType type, int instance) {

    public static final int MAX_INSTANCE = 4_194_302;

    private static final Map<String, ObjectType> SHORT = Map.ofEntries(
            Map.entry("ai", ObjectType.analogInput), Map.entry("ao", ObjectType.analogOutput),
            Map.entry("av", ObjectType.analogValue), Map.entry("bi", ObjectType.binaryInput),
            Map.entry("bo", ObjectType.binaryOutput), Map.entry("bv", ObjectType.binaryValue),
            Map.entry("mi", ObjectType.multiStateInput), Map.entry("mv", ObjectType.multiStateValue),
            Map.entry("acc", ObjectType.accumulator), Map.entry("pi", ObjectType.pulseConverter),
            Map.entry("dev", ObjectType.device));

    public ObjectIdentifier id() {
        return new ObjectIdentifier(type, instance);
    }

    public static ObjectRef of(ObjectIdentifier id) {
        return new ObjectRef(id.getObjectType(), id.getInstanceNumber());
    }

    /** {@code analog-input:3}. */
    @Override
    public String toString() {
        return type + ":" + instance;
    }

    /** Parses {@code type:instance}; empty when it is not one. */
    public static Optional<ObjectRef> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        var t = text.trim();
        int colon = t.lastIndexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        var type = type(t.substring(0, colon));
        if (type.isEmpty()) {
            return Optional.empty();
        }
        try {
            int instance = Integer.parseInt(t.substring(colon + 1).trim());
            if (instance < 0 || instance > MAX_INSTANCE) {
                return Optional.empty();
            }
            return Optional.of(new ObjectRef(type.get(), instance));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** An object type by its BACnet name ({@code analog-input}), camel case ({@code analogInput}) or short form ({@code ai}). */
    public static Optional<ObjectType> type(String text) {
        var t = text.trim();
        var s = SHORT.get(t.toLowerCase(Locale.ROOT));
        if (s != null) {
            return Optional.of(s);
        }
        var key = t.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
        for (int id = 0; id < 64; id++) {
            var type = ObjectType.forId(id);
            if (type.toString().replace("-", "").toLowerCase(Locale.ROOT).equals(key)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
