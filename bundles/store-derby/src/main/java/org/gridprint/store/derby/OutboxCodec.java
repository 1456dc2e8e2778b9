package org.gridprint.store.derby;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;

/**
 * The PAYLOAD of an OUTBOX row: the accepted readings of one batch, self-contained (names, not the store's internal
 * series ids, so an entry can be forwarded even after its series were renumbered by a restore). Format: int count,
 * then per reading meter (modified UTF-8), quantity name, epoch millis, IEEE double, quality name, source.
 */
final class OutboxCodec {

    private OutboxCodec() {
    }

    static byte[] encode(List<Reading> readings) {
        var bytes = new ByteArrayOutputStream(32 + readings.size() * 64);
        try (var out = new DataOutputStream(bytes)) {
            out.writeInt(readings.size());
            for (var r : readings) {
                out.writeUTF(r.meterId());
                out.writeUTF(r.quantity().name());
                out.writeLong(r.timestamp().toEpochMilli());
                out.writeDouble(r.value());
                out.writeUTF(r.quality().name());
                out.writeUTF(r.source());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalStateException naming the entry when the payload cannot be decoded */
    static List<Reading> decode(long entryId, byte[] payload) {
        try (var in = new DataInputStream(new ByteArrayInputStream(payload))) {
            int n = in.readInt();
            if (n < 0 || n > payload.length) {
                throw new IOException("reading count " + n + " does not fit " + payload.length + " bytes");
            }
            var out = new ArrayList<Reading>(n);
            for (int i = 0; i < n; i++) {
                var meter = in.readUTF();
                var quantity = Quantity.valueOf(in.readUTF());
                var ts = Instant.ofEpochMilli(in.readLong());
                double value = in.readDouble();
                var quality = Quality.valueOf(in.readUTF());
                out.add(new Reading(meter, quantity, ts, value, quality, in.readUTF()));
            }
            return out;
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("outbox entry " + entryId + ": payload cannot be decoded ("
                    + e.getMessage() + "); expected the readings of one stored batch", e);
        }
    }
}
