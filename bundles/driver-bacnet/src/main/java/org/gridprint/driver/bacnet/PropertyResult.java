package org.gridprint.driver.bacnet;

import com.serotonin.bacnet4j.type.Encodable;

/** What one property of a ReadPropertyMultiple answered: a value, or an error with class and code. */
public sealed interface PropertyResult {

    record Value(Encodable value) implements PropertyResult {
    }

    /** e.g. class object, code unknown-object; class property, code unknown-property. */
    record Error(String errorClass, String errorCode) implements PropertyResult {
        @Override
        public String toString() {
            return errorClass + "/" + errorCode;
        }
    }
}
