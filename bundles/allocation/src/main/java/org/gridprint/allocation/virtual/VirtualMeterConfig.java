package org.gridprint.allocation.virtual;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One virtual meter: factory PID {@value VirtualMeterConfigImpl#FACTORY_PID}, one file per virtual meter
 * ({@code etc/org.gridprint.allocation.virtual-<name>.cfg}).
 */
@ObjectClassDefinition(id = VirtualMeterConfigImpl.FACTORY_PID, name = "Gridprint virtual meter",
        description = "A meter computed per window from other meters' windows by a formula (sums, differences,"
                + " constant shares); its windows are stored flagged VIRTUAL for both Scope 2 methods.")
@interface VirtualMeterConfig {

    @AttributeDefinition(name = "Id", description = "The virtual meter's id (not a declared meter's), characters"
            + " A-Z a-z 0-9 / _ . : -, e.g. hq/virtual/unmetered")
    String id();

    @AttributeDefinition(name = "Site", description = "Its site; every input must be on it")
    String site();

    @AttributeDefinition(name = "Quantity", description = "Counter quantity of its windows and its inputs:"
            + " ACTIVE_ENERGY_IMPORT (default), THERMAL_ENERGY, FUEL_VOLUME, ...", required = false)
    String quantity() default "ACTIVE_ENERGY_IMPORT";

    @AttributeDefinition(name = "Formula", description = "Meters combined with + - * / and parentheses; constants"
            + " only as factors: 'hq/main - hq/ahu-1 - hq/lighting', '0.4 * hq/chiller-1', '(a + b) / 2'. A '-' inside"
            + " an id is part of it: put spaces around a minus. An input of another quantity in the same unit:"
            + " 'hq/heat@THERMAL_ENERGY'. Quote an id that looks like a number: '\"7\"'.")
    String formula();

    @AttributeDefinition(name = "Catch-up (hours)", description = "How far back its windows are computed when the"
            + " service starts or the configuration changes (later: on every emissions event of an input)",
            min = "0", max = "8784", required = false)
    int catchUpHours() default 48;
}
