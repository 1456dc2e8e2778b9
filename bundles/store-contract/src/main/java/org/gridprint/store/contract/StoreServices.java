package org.gridprint.store.contract;

import java.util.Objects;
import java.util.Optional;

import org.gridprint.api.store.EmissionStore;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.IntensityStore;
import org.gridprint.api.store.LedgerService;
import org.gridprint.api.store.ReadingStore;
import org.gridprint.api.store.RecordRegister;
import org.gridprint.api.store.StoreAdmin;

/**
 * The api services of one open store. The carbon services (windows, register, intensity; api 1.2.0) are optional so
 * that a backend can run the older contracts before it has them; their contract tests fail when they are missing.
 */
public record StoreServices(ReadingStore readings, LedgerService ledger, EmissionStore emissions,
        Optional<StoreAdmin> admin, Optional<EmissionWindowStore> windows, Optional<RecordRegister> register,
        Optional<IntensityStore> intensity) {

    public StoreServices {
        Objects.requireNonNull(readings, "readings");
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(emissions, "emissions");
        admin = admin == null ? Optional.empty() : admin;
        windows = windows == null ? Optional.empty() : windows;
        register = register == null ? Optional.empty() : register;
        intensity = intensity == null ? Optional.empty() : intensity;
    }

    /** The services before api 1.2.0 (no carbon services). */
    public StoreServices(ReadingStore readings, LedgerService ledger, EmissionStore emissions,
            Optional<StoreAdmin> admin) {
        this(readings, ledger, emissions, admin, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** One object implementing the services (the usual case); the optional ones are taken when it implements them. */
    public static <S extends ReadingStore & LedgerService & EmissionStore> StoreServices of(S store) {
        return new StoreServices(store, store, store,
                store instanceof StoreAdmin a ? Optional.of(a) : Optional.empty(),
                store instanceof EmissionWindowStore w ? Optional.of(w) : Optional.empty(),
                store instanceof RecordRegister r ? Optional.of(r) : Optional.empty(),
                store instanceof IntensityStore i ? Optional.of(i) : Optional.empty());
    }

    /** This store's services with the carbon services given (backends implementing them in separate objects). */
    public StoreServices withCarbon(EmissionWindowStore w, RecordRegister r, IntensityStore i) {
        return new StoreServices(readings, ledger, emissions, admin, Optional.ofNullable(w), Optional.ofNullable(r),
                Optional.ofNullable(i));
    }
}
