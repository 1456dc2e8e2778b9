package org.gridprint.allocation.tariff;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One tariff for cost-recovery bills. Factory PID {@value TariffConfiguration#PID}, one configuration per tariff
 * ({@code etc/org.gridprint.allocation.tariff-<name>.cfg}). The component validates the raw properties itself
 * ({@link TariffParser}) so that a wrong value gets an error naming the PID, the field, the value and what is
 * expected. Decimals use '.'; lists are comma-separated (or multi-valued).
 */
@ObjectClassDefinition(id = TariffConfiguration.PID, name = "Gridprint Tariff",
        description = "A tariff for cost-recovery bills: flat rate, time-of-use bands in the site's time zone, demand"
                + " charge per kW of the target's peak window, fixed charge per bill, tax.")
public @interface TariffConfig {

    @AttributeDefinition(name = "Tariff id", description = "Names the tariff in bills and in the register"
            + " 'tariff', e.g. 'hq-2026'.")
    String id();

    @AttributeDefinition(name = "Site", description = "The site whose departments or tenants are billed.")
    String site();

    @AttributeDefinition(name = "Currency", description = "ISO 4217 code, e.g. USD or EUR; amounts are rounded to its"
            + " minor unit.")
    String currency() default "USD";

    @AttributeDefinition(name = "Flat rate", description = "Price per kWh outside every time-of-use band (the band"
            + " 'standard'), e.g. 0.142.")
    String flatRate() default "0";

    @AttributeDefinition(name = "Time-of-use bands", description = "'name days hh:mm-hh:mm rate' items, days"
            + " weekday, weekend, all, a day (mon) or a range (mon-fri); e.g. 'peak weekday 08:00-20:00 0.21,"
            + " offpeak all 00:00-06:00 0.09'. A window belongs to the band its start falls in (site time zone);"
            + " 24:00 ends a day; bands may not overlap.", required = false)
    String[] touBands() default {};

    @AttributeDefinition(name = "Demand charge", description = "Price per kW of the target's peak window power in"
            + " the bill period (window kWh / window hours), e.g. 12.50; 0: none.", required = false)
    String demandCharge() default "0";

    @AttributeDefinition(name = "Fixed charge", description = "Amount per bill, e.g. 25.00; 0: none.",
            required = false)
    String fixedCharge() default "0";

    @AttributeDefinition(name = "Tax (%)", description = "Percentage added on the sum of the other lines, e.g. 8.25;"
            + " 0: none.", required = false)
    String taxPercent() default "0";

    @AttributeDefinition(name = "Time zone", description = "IANA zone of the bands and bill periods; empty: the"
            + " site's (org.gridprint.carbon.site timeZone).", required = false)
    String timeZone() default "";
}
