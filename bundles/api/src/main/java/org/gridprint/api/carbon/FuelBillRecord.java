package org.gridprint.api.carbon;

import java.math.BigDecimal;
import java.time.Instant;

import org.gridprint.api.Quantity;

/**
 * A stored fuel bill (register {@code fuel-bill}, key {@code <site>/<reference>}) and what its Scope 1 windows hold.
 *
 * @param siteId          the site
 * @param reference       the bill reference
 * @param fuel            the fuel
 * @param from            period start as an instant (dates resolved in the site's time zone)
 * @param to              period end, exclusive
 * @param quantity        as billed
 * @param unit            as billed
 * @param supplier        who billed it
 * @param version         the register version (1 = as first entered; a correction is the next one)
 * @param ref             the register ref of this version
 * @param meterId         the windows' meter id: {@code bill:<site>/<reference>}
 * @param windowQuantity  FUEL_VOLUME (m3) for volume units, THERMAL_ENERGY (kWh) for therm and mmBtu
 * @param amountNano      the billed quantity in nano-units of the window quantity's canonical unit (the windows sum
 *                        to it exactly)
 * @param co2eMicrograms  the CO2e of the current windows, summed
 * @param windows         number of current windows holding an amount
 * @since 1.2.0
 */
public record FuelBillRecord(String siteId, String reference, String fuel, Instant from, Instant to,
        BigDecimal quantity, String unit, String supplier, int version, long ref, String meterId,
        Quantity windowQuantity, long amountNano, long co2eMicrograms, int windows) {
}
