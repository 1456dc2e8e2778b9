package org.gridprint.driver.modbus;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Modbus TCP server on 127.0.0.1 (ephemeral port) written for the tests, used only for what j2mod's slave cannot
 * send: it speaks the real MBAP framing over a real socket and answers each unit as told — registers (value =
 * address), a malformed frame (a byte count that lies), a short answer, or silence — and counts connections and
 * requests per unit. Exception codes and a wrong unit id come from a real j2mod slave
 * ({@code com.ghgande.j2mod.modbus.net.ScriptedJ2modSlave}, see {@link J2modSlaveExceptionsTest}).
 */
final class ScriptedTcpPeer implements AutoCloseable {

    enum Behaviour { NORMAL, SILENT, MALFORMED, SHORT }

    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    final Map<Integer, Behaviour> behaviour = new ConcurrentHashMap<>();
    final Map<Integer, AtomicInteger> requests = new ConcurrentHashMap<>();

    ScriptedTcpPeer() throws IOException {
        var acceptor = new Thread(() -> {
            try {
                while (true) {
                    var s = server.accept();
                    sockets.add(s);
                    var t = new Thread(() -> serve(s), "scripted-peer-conn");
                    t.setDaemon(true);
                    t.start();
                }
            } catch (IOException closed) {
                // test over
            }
        }, "scripted-peer");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    int connections() {
        return sockets.size();
    }

    int requests(int unit) {
        var n = requests.get(unit);
        return n == null ? 0 : n.get();
    }

    private void serve(Socket s) {
        try (s; var in = new DataInputStream(s.getInputStream()); var out = new DataOutputStream(s.getOutputStream())) {
            while (true) {
                int tid = in.readUnsignedShort();
                in.readUnsignedShort(); // protocol
                int len = in.readUnsignedShort();
                int unit = in.readUnsignedByte();
                var pdu = new byte[len - 1];
                in.readFully(pdu);
                requests.computeIfAbsent(unit, k -> new AtomicInteger()).incrementAndGet();
                int fc = pdu[0] & 0xFF;
                int start = ((pdu[1] & 0xFF) << 8) | (pdu[2] & 0xFF);
                int count = ((pdu[3] & 0xFF) << 8) | (pdu[4] & 0xFF);
                var b = behaviour.getOrDefault(unit, Behaviour.NORMAL);
                if (b == Behaviour.SILENT) {
                    continue;
                }
                if (b == Behaviour.MALFORMED) {
                    // byte count claims far more than the frame holds
                    write(out, tid, unit, new byte[] {(byte) fc, (byte) 0xFA, 0, 1});
                    continue;
                }
                int n = b == Behaviour.SHORT ? Math.max(1, count - 1) : count;
                var data = new byte[2 + 2 * n];
                data[0] = (byte) fc;
                data[1] = (byte) (2 * n);
                for (int i = 0; i < n; i++) {
                    int v = (start + i) & 0xFFFF;
                    data[2 + 2 * i] = (byte) (v >> 8);
                    data[3 + 2 * i] = (byte) v;
                }
                write(out, tid, unit, data);
            }
        } catch (IOException closed) {
            // connection closed
        }
    }

    private static void write(DataOutputStream out, int tid, int unit, byte[] pdu) throws IOException {
        out.writeShort(tid);
        out.writeShort(0);
        out.writeShort(pdu.length + 1);
        out.writeByte(unit);
        out.write(pdu);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (var s : sockets) {
            s.close();
        }
    }
}
