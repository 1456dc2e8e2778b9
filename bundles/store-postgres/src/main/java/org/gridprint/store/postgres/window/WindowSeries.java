package org.gridprint.store.postgres.window;

import java.util.List;

import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowKey;
import org.gridprint.ledger.StoredWindow;
import org.gridprint.ledger.WindowBlockCodec;

/** One series of window blocks (a {@code window_series} row): a meter's windows of one quantity, scope and method. */
public record WindowSeries(int id, String meterId, Quantity quantity, Scope scope, AccountingMethod method) {

    /** The series part of a key (no id). */
    public record Name(String meterId, Quantity quantity, Scope scope, AccountingMethod method) {
        public static Name of(WindowKey k) {
            return new Name(k.meterId(), k.quantity(), k.scope(), k.method());
        }
    }

    public Name name() {
        return new Name(meterId, quantity, scope, method);
    }

    /** Decodes a block payload of this series (IllegalArgumentException naming the window and byte). */
    public List<StoredWindow> decode(byte[] payload) {
        return WindowBlockCodec.decode(payload, meterId, quantity, scope, method);
    }

    public String describe() {
        return meterId + " " + quantity + " " + scope + " " + method;
    }
}
