package org.gridprint.api.allocation;

import java.util.Objects;

/**
 * One machine's energy and Scope 2 emissions in a report period, and the part no job ran in: {@code idle*} is what
 * is left of the machine's windows after the jobs' shares, so jobs + idle = the machine exactly.
 *
 * @param energyNano             the machine's energy in the period (its windows), nano-kWh
 * @param idleEnergyNano         the part in no job's time, nano-kWh
 * @param jobs                   jobs that ran on the machine in the period
 * @param windows                the machine's windows in the period
 */
public record MachineEnergy(String machine, long energyNano, long locationCo2eMicrograms, long marketCo2eMicrograms,
        long idleEnergyNano, long idleLocationCo2eMicrograms, long idleMarketCo2eMicrograms, int jobs, int windows) {

    /** The name reports give the idle part of a machine. */
    public static final String IDLE = "(idle)";

    public MachineEnergy {
        Objects.requireNonNull(machine, "machine");
    }
}
