package org.gridprint.carbon.market;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of market-based pricing: PID {@code org.gridprint.carbon.market} (optional). */
@ObjectClassDefinition(name = "Gridprint market-based Scope 2", description = "How contractual instruments (RECs, GOs,"
        + " I-RECs, PPAs, contracts) are applied to market-based Scope 2 windows")
public @interface MarketConfig {

    @AttributeDefinition(name = "Vintage months before", description = "How many months before 1 January of the"
            + " consumption year a certificate's vintage may start (0..12; 0 = same calendar year; Green-e uses 6)")
    int vintageMonthsBefore() default 0;

    @AttributeDefinition(name = "Vintage months after", description = "How many months after 31 December of the"
            + " consumption year a certificate's vintage may end (0..12; 0 = same calendar year; Green-e uses 3)")
    int vintageMonthsAfter() default 0;
}
