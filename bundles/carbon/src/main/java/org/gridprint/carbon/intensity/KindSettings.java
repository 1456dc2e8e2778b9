package org.gridprint.carbon.intensity;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** The fields of one provider kind (the common ones are in {@link ProviderSettings}). */
public sealed interface KindSettings {

    /** A constant value: {@code value unit} from {@code validFrom} to {@code validTo} (exclusive). */
    record Static(BigDecimal value, String unit, String source, String edition, Instant validFrom, Instant validTo)
            implements KindSettings {
    }

    /** A CSV or JSON time series file, read at every poll. */
    record File(Path path, boolean json, String source, String edition) implements KindSettings {
    }

    /** WattTime v3: login with basic auth, {@code signalType} co2_aoer (AVERAGE) or co2_moer (MARGINAL). */
    record WattTime(String username, Secret password, String signalType) implements KindSettings {
    }

    /** Electricity Maps v3: the auth-token key, a zone or coordinates, lifecycle or direct. */
    record ElectricityMaps(Secret apiKey, String emissionFactorType, Optional<Double> latitude,
            Optional<Double> longitude) implements KindSettings {
    }

    /** UK Carbon Intensity (no key): national when the region is empty, else a regional id 1..17. */
    record UkCarbonIntensity() implements KindSettings {
    }
}
