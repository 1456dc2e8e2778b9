package org.gridprint.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The electricity meters of the demo site: where each sits in the metering tree (its parent), the unit id at which
 * it answers in the layout of profile {@code gridprint-demo-meter}, and — for the first four, the original panel —
 * where it keeps its values in the panel's registers at the demo's own unit id (1). Every meter answers at its own
 * unit id: holding 0..1 energy uint32 (0.01 kWh, high word first), holding 2..3 power float32 kW, input 0 voltage
 * uint16 (0.1 V).
 */
public enum DemoMeter {
    /** Main incomer: energy uint32 high word first, 0.01 kWh; power float32 kW high word first. */
    MAIN("demo/hq/main", 11, null, 0, 1_284_530.25, 0, 0.0),
    /** AHU-1 fan (department Finance): energy float32 kWh; power float32 kW; both high word first. */
    AHU_1("demo/hq/ahu-1", 12, MAIN, 10, 48_213.70, 1, -1.5),
    /** Chiller-1 (shared plant): energy uint32 low word first, 0.01 kWh; power float32 kW low word first. */
    CHILLER_1("demo/hq/chiller-1", 13, MAIN, 20, 402_117.80, 2, -2.5),
    /** Lighting board: energy float32 kWh; power int32 W; high word first. */
    LIGHTING("demo/hq/lighting", 14, MAIN, 30, 21_904.30, 3, -1.0),
    /** AHU-2 fan (department Operations), unit 16 only. */
    AHU_2("demo/hq/ahu-2", 16, MAIN, -1, 39_876.50, -1, -1.5),
    /** Data hall incomer (total facility energy of the data hall), unit 17 only. */
    DC_FACILITY("demo/dc/facility", 17, MAIN, -1, 2_118_904.75, -1, -0.8),
    /** PDU A: the IT load of tenant Northwind Cloud, unit 18 only. */
    PDU_A("demo/dc/pdu-a", 18, DC_FACILITY, -1, 1_402_377.25, -1, -2.0),
    /** CRAC-1: the data hall's computer-room air conditioner, unit 19 only. */
    CRAC_1("demo/dc/crac-1", 19, DC_FACILITY, -1, 431_650.75, -1, -1.8),
    /** Press-1: hydraulic press of the plant, unit 20 only. */
    PRESS_1("demo/plant/press-1", 20, MAIN, -1, 287_044.25, -1, -2.2),
    /** CNC-2: machining centre of the plant, unit 21 only. */
    CNC_2("demo/plant/cnc-2", 21, MAIN, -1, 164_512.75, -1, -2.4);

    private final String meterId;
    private final int unitId;
    private final DemoMeter parent;
    private final int panelRegister;
    private final double initialKwh;
    private final int panelVoltageRegister;
    private final double voltageDrop;

    DemoMeter(String meterId, int unitId, DemoMeter parent, int panelRegister, double initialKwh,
            int panelVoltageRegister, double voltageDrop) {
        this.meterId = meterId;
        this.unitId = unitId;
        this.parent = parent;
        this.panelRegister = panelRegister;
        this.initialKwh = initialKwh;
        this.panelVoltageRegister = panelVoltageRegister;
        this.voltageDrop = voltageDrop;
    }

    public String meterId() {
        return meterId;
    }

    /** The upstream meter (the one whose energy includes this one's), empty for the main incomer. */
    public Optional<DemoMeter> parent() {
        return Optional.ofNullable(parent);
    }

    /** The meters directly under this one, in declaration order. */
    public List<DemoMeter> children() {
        var out = new ArrayList<DemoMeter>();
        for (var m : values()) {
            if (m.parent == this) {
                out.add(m);
            }
        }
        return List.copyOf(out);
    }

    /** True for the four meters of the original panel at the demo's own unit id (register map in the README). */
    public boolean onPanel() {
        return panelRegister >= 0;
    }

    /** Holding register of the energy counter on the panel (2 registers); only for {@link #onPanel()} meters. */
    public int energyRegister() {
        return requirePanel(panelRegister);
    }

    /** Holding register of the active power on the panel (2 registers); only for {@link #onPanel()} meters. */
    public int powerRegister() {
        return requirePanel(panelRegister) + 2;
    }

    /** Input register of the voltage on the panel (uint16, 0.1 V); only for {@link #onPanel()} meters. */
    public int voltageRegister() {
        return requirePanel(panelVoltageRegister);
    }

    /**
     * The unit id at which this meter alone answers in the layout of profile {@code gridprint-demo-meter}:
     * holding 0..1 energy uint32 (0.01 kWh), holding 2..3 power float32 kW, input 0 voltage uint16 (0.1 V).
     * 11..14 for the panel's meters, 16..21 for the others (15 is the gas meter, 22..23 the fan-coil runtime counters).
     */
    public int unitId() {
        return unitId;
    }

    /** Counter value when the demo runs for the first time, kWh. */
    public double initialKwh() {
        return initialKwh;
    }

    /** Voltage drop from the main switchboard to this meter, V. */
    double voltageDrop() {
        return voltageDrop;
    }

    private int requirePanel(int register) {
        if (register < 0) {
            throw new IllegalStateException(meterId + " is not on the demo panel (unit 1); it answers at unit "
                    + unitId + " only");
        }
        return register;
    }
}
