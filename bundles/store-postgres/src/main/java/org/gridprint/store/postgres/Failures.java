package org.gridprint.store.postgres;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/** Tells a lost or unreachable server from other failures, and says why in words. */
final class Failures {

    private Failures() {
    }

    /** True when the failure means the connection is gone or the server cannot be reached now. */
    static boolean connectionLost(Throwable t) {
        for (var c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException e && e.getSQLState() != null) {
                var s = e.getSQLState();
                // 08 connection exception, 57P01..57P03 admin/crash shutdown or cannot connect now, 53300 too many
                if (s.startsWith("08") || s.startsWith("57P") || s.equals("53300")) {
                    return true;
                }
            }
            if (c instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    /** True for a refused login or a missing database: the server cannot be used as configured. */
    static boolean isLogin(Throwable t) {
        for (var c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException e && e.getSQLState() != null
                    && (e.getSQLState().startsWith("28") || e.getSQLState().equals("3D000"))) {
                return true;
            }
        }
        return false;
    }

    /** The reason in words, e.g. "connection refused (is the server running and listening there?)". */
    static String reason(Throwable t, Masking masking) {
        for (var c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException) {
                return "connection refused (is the server running and listening on that address and port?)";
            }
            if (c instanceof UnknownHostException) {
                return "unknown host " + c.getMessage();
            }
            if (c instanceof NoRouteToHostException) {
                return "no route to the host";
            }
            if (c instanceof SocketTimeoutException) {
                return "no answer in time (" + masking.mask(c.getMessage()) + ")";
            }
            if (c instanceof SQLException e && e.getSQLState() != null) {
                switch (e.getSQLState()) {
                    case "28P01", "28000":
                        return "login refused: " + masking.mask(e.getMessage())
                                + " (check the fields user and password)";
                    case "3D000":
                        return "the database does not exist: " + masking.mask(e.getMessage());
                    case "57P01", "57P02":
                        return "the server shut down the connection: " + masking.mask(e.getMessage());
                    case "57P03":
                        return "the server is starting up or shutting down: " + masking.mask(e.getMessage());
                    case "53300":
                        return "the server has no free connection slot: " + masking.mask(e.getMessage());
                    default:
                        break;
                }
            }
        }
        return masking.describe(t);
    }
}
