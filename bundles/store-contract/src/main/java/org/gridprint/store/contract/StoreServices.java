package org.gridprint.store.contract;

import java.util.Objects;
import java.util.Optional;

import org.gridprint.api.store.EmissionStore;
import org.gridprint.api.store.LedgerService;
import org.gridprint.api.store.ReadingStore;
import org.gridprint.api.store.StoreAdmin;

/** The api services of one open store. */
public record StoreServices(ReadingStore readings, LedgerService ledger, EmissionStore emissions,
        Optional<StoreAdmin> admin) {

    public StoreServices {
        Objects.requireNonNull(readings, "readings");
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(emissions, "emissions");
        admin = admin == null ? Optional.empty() : admin;
    }

    /** One object implementing all the services (the usual case). */
    public static <S extends ReadingStore & LedgerService & EmissionStore> StoreServices of(S store) {
        return new StoreServices(store, store, store,
                store instanceof StoreAdmin a ? Optional.of(a) : Optional.empty());
    }
}
