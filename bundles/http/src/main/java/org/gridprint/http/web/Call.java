package org.gridprint.http.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.gridprint.http.security.Caller;

/**
 * One request as an endpoint sees it: the servlet request and response, the authenticated caller (null on public
 * paths) and the parameter parsing every endpoint shares, with errors that name the parameter and what is expected.
 */
public record Call(HttpServletRequest request, HttpServletResponse response, Caller caller) {

    static final String TIME_EXPECTED = "an ISO-8601 time such as 2026-12-01T00:00:00Z or a date such as 2026-12-01 "
            + "(UTC midnight)";

    /** The media type of the body without parameters, lower case; empty when none was sent. */
    public String mediaType() {
        var ct = request.getContentType();
        if (ct == null) {
            return "";
        }
        var semi = ct.indexOf(';');
        return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    public Optional<String> param(String name) {
        var v = request.getParameter(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    public String required(String name, String expected) {
        return param(name).orElseThrow(() -> ApiException.badRequest("query parameter '" + name + "' is missing; "
                + "expected " + expected));
    }

    /** Every value of a repeatable parameter, also comma separated ones. */
    public List<String> params(String name) {
        var out = new ArrayList<String>();
        var values = request.getParameterValues(name);
        if (values != null) {
            for (var v : values) {
                for (var part : v.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.trim());
                    }
                }
            }
        }
        return out;
    }

    public Instant time(String name, Instant fallback) {
        var v = param(name);
        if (v.isEmpty()) {
            return fallback;
        }
        var t = v.get();
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException e3) {
                    throw ApiException.badRequest("query parameter '" + name + "' is '" + abbreviate(t)
                            + "'; expected " + TIME_EXPECTED);
                }
            }
        }
    }

    public int limit(int fallback, int max) {
        var v = param("limit");
        if (v.isEmpty()) {
            return Math.min(fallback, max);
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("query parameter 'limit' is '" + abbreviate(v.get()) + "'; expected a whole "
                + "number 1 .. " + max);
    }

    public <E extends Enum<E>> Optional<E> enumParam(String name, Class<E> type) {
        var v = param(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Enum.valueOf(type, v.get().toUpperCase(Locale.ROOT).replace('-', '_')));
        } catch (IllegalArgumentException e) {
            var names = new ArrayList<String>();
            for (var c : type.getEnumConstants()) {
                names.add(c.name());
            }
            throw ApiException.badRequest("query parameter '" + name + "' is '" + abbreviate(v.get())
                    + "'; expected one of " + String.join(", ", names));
        }
    }

    /** Checks {@code from < to}. */
    public static void period(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw ApiException.badRequest("query parameters 'from' (" + from + ") and 'to' (" + to + "): expected "
                    + "'to' after 'from'");
        }
    }

    static String abbreviate(String s) {
        var t = s.length() <= 60 ? s : s.substring(0, 57) + "...";
        return t.replaceAll("\\p{Cntrl}", "?");
    }
}
