package org.gridprint.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;

import com.ghgande.j2mod.modbus.procimg.IllegalAddressException;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;

/**
 * The field side of the controller memory measurement (docs/benchmarks.md, "Memory on a controller"): one j2mod
 * Modbus TCP slave on loopback with {@code --meters} units (unit id 1..n), each a meter with a cumulative energy
 * register (float32 kWh, holding 0-1), active power (float32 kW, holding 2-3) and voltage (uint16 0.1 V, input 0);
 * values advance every second. With {@code --etc <karaf etc dir>} it first writes one meter configuration and one
 * Modbus device configuration (poll every {@code --poll} s) per meter into that folder, named {@code *-load-NNN.cfg},
 * and the carbon site {@code load} (US EPA eGRID2022, subregion RFCE, as the demo site).
 *
 * <pre>
 * java -cp "benchmarks/target/gridprint-benchmarks-0.1.0-SNAPSHOT.jar:$(cat benchmarks/target/classpath.txt)" \
 *     org.gridprint.bench.ControllerSlave --port 15502 --meters 100 --poll 1 --etc karaf-distribution/target/assembly/etc
 * </pre>
 *
 * Runs until killed. Loopback only.
 */
public final class ControllerSlave {

    private ControllerSlave() {
    }

    public static void main(String[] args) throws Exception {
        int port = 15502;
        int meters = 100;
        int poll = 1;
        Path etc = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--meters" -> meters = Integer.parseInt(args[++i]);
                case "--poll" -> poll = Integer.parseInt(args[++i]);
                case "--etc" -> etc = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; expected --port N, --meters N (1..247), --poll SECONDS, --etc DIR");
            }
        }
        if (meters < 1 || meters > 247) {
            throw new IllegalArgumentException("--meters " + meters + ": expected 1..247 (one Modbus unit id each)");
        }
        if (etc != null) {
            writeConfigs(etc, port, meters, poll);
        }
        var units = new Unit[meters];
        // one handler thread per device connection, plus spare ones for reconnects
        var slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, meters + 16, false);
        var random = new Random(20261206L);
        for (int m = 0; m < meters; m++) {
            units[m] = new Unit(m + 1, 1_000.0 * (m + 1), 5 + random.nextInt(50), random);
            slave.addProcessImage(m + 1, units[m]);
        }
        slave.open();
        System.out.printf(Locale.ROOT, "Modbus TCP slave on 127.0.0.1:%d with %d units%n", port, meters);
        var stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ModbusSlaveFactory.close(slave);
            stop.countDown();
        }));
        while (stop.getCount() > 0) {
            for (var u : units) {
                u.advance(1.0);
            }
            Thread.sleep(1_000);
        }
    }

    private static String id(int m) {
        return String.format(Locale.ROOT, "load-%03d", m + 1);
    }

    static void writeConfigs(Path etc, int port, int meters, int poll) throws IOException {
        // the site, so that carbon computes emission records for every meter as it would in production
        Files.writeString(etc.resolve("org.gridprint.carbon.site-load.cfg"), String.join("\n",
                "id = load", "name = Controller load test site", "timeZone = America/New_York",
                "locationFactor = 299.507",
                "factorSource = US EPA eGRID2022 Summary Tables, Table 1, subregion RFCE, total output CO2e rate",
                "factorEdition = eGRID2022 (published 2024-01-30)", "gwpSet = AR4", "region = RFCE", ""),
                StandardCharsets.UTF_8);
        for (int m = 0; m < meters; m++) {
            var meter = "load/m-" + String.format(Locale.ROOT, "%03d", m + 1);
            Files.writeString(etc.resolve("org.gridprint.meter-" + id(m) + ".cfg"), String.join("\n",
                    "id = " + meter, "name = Load meter " + (m + 1), "site = load", "location = bench",
                    "assetType = PANEL", "phase = 3P", "department = Bench", "tenant =", "tags = bench",
                    "parent =", "counterRollover = 0", ""), StandardCharsets.UTF_8);
            Files.writeString(etc.resolve("org.gridprint.driver.modbus-" + id(m) + ".cfg"), String.join("\n",
                    "id = " + id(m), "host = 127.0.0.1", "port = " + port, "unitId = " + (m + 1),
                    "pollIntervalSeconds = " + poll, "timeoutMillis = " + Math.min(1000, poll * 500),
                    "registers = \\",
                    "  meter=" + meter + ";quantity=ACTIVE_ENERGY_IMPORT;address=0;function=holding;type=float32;unit=kWh, \\",
                    "  meter=" + meter + ";quantity=ACTIVE_POWER;address=2;function=holding;type=float32;unit=kW, \\",
                    "  meter=" + meter + ";quantity=VOLTAGE;address=0;function=input;type=uint16;scale=0.1;unit=V",
                    ""), StandardCharsets.UTF_8);
        }
    }

    /** One meter: registers are read from an immutable snapshot, so a 32-bit value is never torn. */
    static final class Unit extends SimpleProcessImage {
        private final double baseKw;
        private final Random random;
        private double kwh;
        private volatile int[] holding = new int[4];
        private volatile int voltage;

        Unit(int unitId, double startKwh, double baseKw, Random random) {
            super(unitId);
            this.kwh = startKwh;
            this.baseKw = baseKw;
            this.random = random;
            advance(0);
        }

        void advance(double seconds) {
            double kw = baseKw * (0.9 + 0.2 * random.nextDouble());
            kwh += kw * seconds / 3600.0;
            int e = Float.floatToIntBits((float) kwh);
            int p = Float.floatToIntBits((float) kw);
            holding = new int[] { e >>> 16, e & 0xFFFF, p >>> 16, p & 0xFFFF };
            voltage = 4_780 + random.nextInt(40);
        }

        @Override
        public Register[] getRegisterRange(int offset, int count) {
            var snapshot = holding;
            if (offset < 0 || count < 1 || offset + count > snapshot.length) {
                throw new IllegalAddressException();
            }
            var out = new Register[count];
            for (int i = 0; i < count; i++) {
                out[i] = new SimpleRegister(snapshot[offset + i]);
            }
            return out;
        }

        @Override
        public InputRegister[] getInputRegisterRange(int offset, int count) {
            if (offset != 0 || count != 1) {
                throw new IllegalAddressException();
            }
            return new InputRegister[] { new SimpleInputRegister(voltage) };
        }
    }
}
