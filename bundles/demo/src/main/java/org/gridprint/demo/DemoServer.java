package org.gridprint.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;

/**
 * The demo site as a real Modbus TCP slave (j2mod): a {@link DemoSimulator} advanced from a
 * {@link Clock} on a background thread, its values written into a {@link DemoProcessImage}. Usable
 * without OSGi: construct, {@link #start()}, {@link #stop()}; {@link #update()} advances now.
 */
public final class DemoServer {

    private static final Logger LOG = LoggerFactory.getLogger(DemoServer.class);
    static final int HOLDING_REGISTERS = 40;
    static final int INPUT_REGISTERS = 4;
    /** Each meter also answers at a unit id of its own (11..14, 16..21) in the layout of profile gridprint-demo-meter. */
    static final int METER_HOLDING_REGISTERS = 4;
    static final int METER_INPUT_REGISTERS = 1;
    /** A fan coil's unit (profile gridprint-demo-fcu): holding 0..1 running hours, 2 fan status, 3 duty %. */
    static final int FAN_COIL_HOLDING_REGISTERS = 4;
    private static final Duration SAVE_EVERY = Duration.ofMinutes(1);

    private final DemoSettings settings;
    private final Clock clock;
    private final CounterStore store;
    private final DemoSimulator simulator;
    private final DemoProcessImage image;
    private final java.util.Map<DemoMeter, DemoProcessImage> meterImages = new java.util.EnumMap<>(DemoMeter.class);
    private final GasMeter gas;
    private final DemoProcessImage gasImage;
    private final java.util.Map<FanCoil, FanCoilRuntime> fanCoils = new java.util.EnumMap<>(FanCoil.class);
    private final java.util.Map<FanCoil, DemoProcessImage> fanCoilImages = new java.util.EnumMap<>(FanCoil.class);
    private ModbusSlave slave;
    private ScheduledExecutorService updater;
    private final Object updateLock = new Object();
    private long updatesSinceSave; // guarded by updateLock

    /**
     * @param counterFile where counters are kept across restarts, or null for none
     */
    public DemoServer(DemoSettings settings, Clock clock, Path counterFile) {
        this.settings = settings;
        this.clock = clock;
        this.store = new CounterStore(counterFile);
        this.simulator = new DemoSimulator(clock.instant(), settings.zone(), settings.speedup(), settings.seed(),
                store.load());
        this.image = new DemoProcessImage(settings.unitId(), HOLDING_REGISTERS, INPUT_REGISTERS);
        for (var m : DemoMeter.values()) {
            meterImages.put(m, new DemoProcessImage(m.unitId(), METER_HOLDING_REGISTERS, METER_INPUT_REGISTERS));
        }
        this.gas = new GasMeter(clock.instant(), settings.zone(), settings.seed(), store.loadGas());
        this.gasImage = new DemoProcessImage(GasMeter.UNIT_ID, METER_HOLDING_REGISTERS, METER_INPUT_REGISTERS);
        for (var f : FanCoil.values()) {
            fanCoils.put(f, new FanCoilRuntime(f, clock.instant(), settings.zone(),
                    store.loadCounter(f.meterId(), f.initialHours())));
            fanCoilImages.put(f, new DemoProcessImage(f.unitId(), FAN_COIL_HOLDING_REGISTERS, 0));
        }
        write(simulator.snapshot());
    }

    public DemoSimulator simulator() {
        return simulator;
    }

    /** Starts the slave and the update thread; throws if the port cannot be listened on. */
    public synchronized void start() throws Exception {
        if (slave != null) {
            return;
        }
        var address = InetAddress.getByName(settings.host());
        var s = ModbusSlaveFactory.createTCPSlave(address, settings.port(), 4, false);
        s.addProcessImage(settings.unitId(), image);
        for (var e : meterImages.entrySet()) {
            s.addProcessImage(e.getKey().unitId(), e.getValue());
        }
        s.addProcessImage(GasMeter.UNIT_ID, gasImage);
        for (var e : fanCoilImages.entrySet()) {
            s.addProcessImage(e.getKey().unitId(), e.getValue());
        }
        s.open();
        if (!awaitListening(address)) {
            var error = s.getError();
            ModbusSlaveFactory.close(s);
            throw new IOException("demo Modbus slave could not listen on " + settings.host() + ":" + settings.port()
                    + (error == null ? "" : ": " + error));
        }
        slave = s;
        updater = Executors.newSingleThreadScheduledExecutor(r -> {
            var t = new Thread(r, "gridprint-demo-site");
            t.setDaemon(true);
            return t;
        });
        long every = settings.updateInterval().toMillis();
        updater.scheduleAtFixedRate(this::safeUpdate, every, every, TimeUnit.MILLISECONDS);
        LOG.info("Demo site Modbus TCP slave on {}:{} unit {} (speedup {})", settings.host(), settings.port(),
                settings.unitId(), settings.speedup());
    }

    private boolean awaitListening(InetAddress address) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (var probe = new Socket()) {
                probe.connect(new InetSocketAddress(address, settings.port()), 200);
                return true;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        return false;
    }

    /** Stops the update thread and the slave; saves the counters. */
    public synchronized void stop() {
        if (updater != null) {
            updater.shutdownNow();
            try {
                updater.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            updater = null;
        }
        if (slave != null) {
            ModbusSlaveFactory.close(slave);
            slave = null;
        }
        synchronized (updateLock) {
            store.save(simulator.snapshot().energyKwh(), otherCounters());
        }
    }

    /** Advances the simulation to the clock's time and rewrites the registers. */
    public SiteSnapshot update() {
        synchronized (updateLock) {
            var snapshot = simulator.advanceTo(clock.instant());
            write(snapshot);
            if (++updatesSinceSave * settings.updateInterval().toMillis() >= SAVE_EVERY.toMillis()) {
                updatesSinceSave = 0;
                store.save(snapshot.energyKwh(), otherCounters());
            }
            return snapshot;
        }
    }

    private void safeUpdate() {
        try {
            update();
        } catch (Throwable t) {
            // the update task must never die
            LOG.error("Demo site: update failed", t);
        }
    }

    /** The gas meter's m³ and the fan coils' running hours, by meter id. */
    private java.util.Map<String, Double> otherCounters() {
        var out = new java.util.HashMap<String, Double>();
        out.put(GasMeter.METER_ID, gas.volumeM3());
        fanCoils.forEach((f, counter) -> out.put(f.meterId(), counter.hours()));
        return out;
    }

    /** The running-hours counter of a fan coil (units 22, 23). */
    public FanCoilRuntime fanCoil(FanCoil unit) {
        return fanCoils.get(unit);
    }

    /** The demo's gas meter (Scope 1), unit {@value GasMeter#UNIT_ID}. */
    public GasMeter gas() {
        return gas;
    }

    private void write(SiteSnapshot s) {
        gas.advanceTo(s.simulatedTime());
        gasImage.update((holding, input) -> {
            RegisterCodec.putUint32(holding, 0, (long) Math.floor(gas.volumeM3() * 100), true);
            RegisterCodec.putFloat32(holding, 2, (float) gas.flowM3PerHour(), true);
        });
        for (var e : fanCoils.entrySet()) {
            var counter = e.getValue();
            counter.advanceTo(s.simulatedTime());
            fanCoilImages.get(e.getKey()).update((holding, input) -> {
                RegisterCodec.putUint32(holding, 0, counter.milliHours() % (1L << 32), true);
                RegisterCodec.putUint16(holding, 2, counter.running() ? 1 : 0);
                RegisterCodec.putUint16(holding, 3, (int) Math.round(counter.duty() * 100));
            });
        }
        image.update((holding, input) -> {
            for (var m : DemoMeter.values()) {
                if (!m.onPanel()) {
                    continue; // the meters added after the first panel answer at their own unit ids only
                }
                double kwh = s.energyKwh().get(m);
                double kw = s.powerKw().get(m);
                switch (m) {
                    case MAIN -> {
                        RegisterCodec.putUint32(holding, m.energyRegister(), (long) Math.floor(kwh * 100), true);
                        RegisterCodec.putFloat32(holding, m.powerRegister(), (float) kw, true);
                    }
                    case AHU_1 -> {
                        RegisterCodec.putFloat32(holding, m.energyRegister(), (float) kwh, true);
                        RegisterCodec.putFloat32(holding, m.powerRegister(), (float) kw, true);
                    }
                    case CHILLER_1 -> {
                        RegisterCodec.putUint32(holding, m.energyRegister(), (long) Math.floor(kwh * 100), false);
                        RegisterCodec.putFloat32(holding, m.powerRegister(), (float) kw, false);
                    }
                    case LIGHTING -> {
                        RegisterCodec.putFloat32(holding, m.energyRegister(), (float) kwh, true);
                        RegisterCodec.putInt32(holding, m.powerRegister(), (int) Math.round(kw * 1000), true);
                    }
                    default -> throw new IllegalStateException(m + " has no panel layout");
                }
                RegisterCodec.putUint16(input, m.voltageRegister(), (int) Math.round(s.voltage().get(m) * 10));
            }
        });
        // one unit per meter, the same layout on each (profile gridprint-demo-meter)
        for (var e : meterImages.entrySet()) {
            var m = e.getKey();
            e.getValue().update((holding, input) -> {
                RegisterCodec.putUint32(holding, 0, (long) Math.floor(s.energyKwh().get(m) * 100), true);
                RegisterCodec.putFloat32(holding, 2, (float) (double) s.powerKw().get(m), true);
                RegisterCodec.putUint16(input, 0, (int) Math.round(s.voltage().get(m) * 10));
            });
        }
    }
}
