package org.gridprint.demo;

/**
 * The meters of the demo site and where each keeps its values in the slave's registers. Holding
 * registers hold energy and power; input register {@link #voltageRegister()} holds the voltage
 * (uint16, 0.1 V).
 */
public enum DemoMeter {
    /** Main incomer: energy uint32 high word first, 0.01 kWh; power float32 kW high word first. */
    MAIN("demo/hq/main", 0, 1_284_530.25, 0, 0.0),
    /** AHU-1 fan: energy float32 kWh; power float32 kW; both high word first. */
    AHU_1("demo/hq/ahu-1", 10, 48_213.70, 1, -1.5),
    /** Chiller-1: energy uint32 low word first, 0.01 kWh; power float32 kW low word first. */
    CHILLER_1("demo/hq/chiller-1", 20, 402_117.80, 2, -2.5),
    /** Lighting board: energy float32 kWh; power int32 W; high word first. */
    LIGHTING("demo/hq/lighting", 30, 21_904.30, 3, -1.0);

    private final String meterId;
    private final int baseRegister;
    private final double initialKwh;
    private final int voltageRegister;
    private final double voltageDrop;

    DemoMeter(String meterId, int baseRegister, double initialKwh, int voltageRegister, double voltageDrop) {
        this.meterId = meterId;
        this.baseRegister = baseRegister;
        this.initialKwh = initialKwh;
        this.voltageRegister = voltageRegister;
        this.voltageDrop = voltageDrop;
    }

    public String meterId() {
        return meterId;
    }

    /** Holding register of the energy counter (2 registers). */
    public int energyRegister() {
        return baseRegister;
    }

    /** Holding register of the active power (2 registers). */
    public int powerRegister() {
        return baseRegister + 2;
    }

    /** Input register of the voltage (1 register, uint16, 0.1 V). */
    public int voltageRegister() {
        return voltageRegister;
    }

    /**
     * The unit id at which this meter alone answers in the layout of profile {@code gridprint-demo-meter}: holding
     * 0..1 energy uint32 (0.01 kWh), holding 2..3 power float32 kW, input 0 voltage uint16 (0.1 V). 11..14.
     */
    public int unitId() {
        return 11 + ordinal();
    }

    /** Counter value when the demo runs for the first time, kWh. */
    public double initialKwh() {
        return initialKwh;
    }

    /** Voltage drop from the main switchboard to this meter, V. */
    double voltageDrop() {
        return voltageDrop;
    }
}
