package org.gridprint.driver.bacnet;

import java.util.OptionalDouble;

import com.serotonin.bacnet4j.type.Encodable;
import com.serotonin.bacnet4j.type.enumerated.BinaryPV;
import com.serotonin.bacnet4j.type.primitive.Boolean;
import com.serotonin.bacnet4j.type.primitive.Double;
import com.serotonin.bacnet4j.type.primitive.Enumerated;
import com.serotonin.bacnet4j.type.primitive.Real;
import com.serotonin.bacnet4j.type.primitive.SignedInteger;
import com.serotonin.bacnet4j.type.primitive.UnsignedInteger;

/** Numbers out of BACnet values: REAL, Double, Unsigned, INTEGER, BinaryPV (inactive 0, active 1), BOOLEAN, ENUMERATED. */
public final class Values {

    private Values() {
    }

    public static OptionalDouble number(Encodable e) {
        if (e instanceof Real r) {
            return OptionalDouble.of(r.floatValue());
        }
        if (e instanceof Double d) {
            return OptionalDouble.of(d.doubleValue());
        }
        if (e instanceof UnsignedInteger u) {
            return OptionalDouble.of(u.bigIntegerValue().doubleValue());
        }
        if (e instanceof SignedInteger s) {
            return OptionalDouble.of(s.bigIntegerValue().doubleValue());
        }
        if (e instanceof BinaryPV b) {
            return OptionalDouble.of(b.intValue());
        }
        if (e instanceof Boolean b) {
            return OptionalDouble.of(b.booleanValue() ? 1 : 0);
        }
        if (e instanceof Enumerated en) {
            return OptionalDouble.of(en.intValue());
        }
        return OptionalDouble.empty();
    }

    /** For listings: the value as the device sent it. */
    public static String text(Encodable e) {
        return e == null ? "-" : e.toString();
    }
}
