package org.gridprint.store.contract;

import java.time.Instant;
import java.util.Set;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowFlag;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.IntensityStore;
import org.gridprint.api.store.RecordRegister;

/** Helpers of the carbon contracts (api 1.2.0): the services and test windows. */
public abstract class CarbonContractBase extends StoreContractBase {

    /** 1 kWh in the window amount unit (nano-kWh). */
    public static final long KWH = 1_000_000_000L;

    protected EmissionWindowStore windowStore() {
        return harness.services().windows()
                .orElseThrow(() -> new AssertionError("this backend provides no EmissionWindowStore"));
    }

    protected RecordRegister register() {
        return harness.services().register()
                .orElseThrow(() -> new AssertionError("this backend provides no RecordRegister"));
    }

    protected IntensityStore intensityStore() {
        return harness.services().intensity()
                .orElseThrow(() -> new AssertionError("this backend provides no IntensityStore"));
    }

    /**
     * A window of {@code meter} (site {@code site-1}, active energy import, Scope 2) of one hour starting at
     * {@code start}: readings 7 s before and 3 s after, computed 1 min after its end.
     */
    protected static EmissionWindow window(String meter, AccountingMethod method, Instant start, long amountNano,
            long co2eMicrograms, long factorRef, Set<WindowFlag> flags) {
        return window(meter, "site-1", Scope.SCOPE_2, method, start, amountNano, co2eMicrograms, factorRef, flags,
                flags.contains(WindowFlag.SUSPECT_SPIKE) ? Quality.SUSPECT : Quality.GOOD);
    }

    protected static EmissionWindow window(String meter, String site, Scope scope, AccountingMethod method,
            Instant start, long amountNano, long co2eMicrograms, long factorRef, Set<WindowFlag> flags,
            Quality quality) {
        var quantity = scope == Scope.SCOPE_1 ? Quantity.FUEL_VOLUME : Quantity.ACTIVE_ENERGY_IMPORT;
        var end = start.plusSeconds(3600);
        return new EmissionWindow(meter, site, quantity, scope, method, start, end, amountNano, co2eMicrograms,
                factorRef, 0, 0, quality, flags, start.minusSeconds(7), end.plusSeconds(3), 1, end.plusSeconds(60));
    }

    /** The hourly location-based window of {@code meter} at {@code T0 + hour} h: {@code kWh} kWh at 400 g/kWh. */
    protected static EmissionWindow hourly(String meter, int hour, long kWh) {
        return window(meter, AccountingMethod.LOCATION_BASED, T0.plusSeconds(3600L * hour), kWh * KWH,
                kWh * 400_000_000L, 1, Set.of());
    }
}
