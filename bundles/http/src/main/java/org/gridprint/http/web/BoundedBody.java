package org.gridprint.http.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;

/**
 * Reads a request body up to a limit. A declared {@code Content-Length} above the limit is refused (413) before one
 * byte is read; a chunked body is read until it passes the limit, then refused. Either way the connection is closed
 * after the answer, so the rest of the body is never read.
 */
public final class BoundedBody {

    private BoundedBody() {
    }

    public static byte[] read(HttpServletRequest req, long maxBytes) throws IOException {
        return read(req, maxBytes, Long.MAX_VALUE / 2, System::nanoTime);
    }

    /**
     * Also refuses a body that takes longer than {@code maxSeconds} to arrive (408, connection closed): a client
     * dribbling bytes holds a servlet thread, and each blocking read is only bounded by the connector's idle timeout.
     */
    public static byte[] read(HttpServletRequest req, long maxBytes, long maxSeconds,
            java.util.function.LongSupplier nanoTime) throws IOException {
        long deadline = nanoTime.getAsLong() + maxSeconds * 1_000_000_000L;
        long declared = req.getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(declared + " bytes declared", maxBytes);
        }
        var out = new ByteArrayOutputStream((int) Math.min(Math.max(declared, 1024), maxBytes));
        try (InputStream in = req.getInputStream()) {
            var buf = new byte[16_384];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > maxBytes) {
                    throw tooLarge("more than " + maxBytes + " bytes sent", maxBytes);
                }
                out.write(buf, 0, n);
                if (nanoTime.getAsLong() - deadline > 0) {
                    throw new ApiException(408, "the request body took longer than " + maxSeconds + " s to arrive ("
                            + total + " bytes so far); expected the whole body within org.gridprint.http "
                            + "maxBodySeconds", Map.of(), true);
                }
            }
        }
        return out.toByteArray();
    }

    private static ApiException tooLarge(String what, long maxBytes) {
        return new ApiException(413, "request body too large: " + what + "; expected at most " + maxBytes
                + " bytes (org.gridprint.http maxBodyBytes); split the items over several requests",
                Map.of(), true);
    }
}
