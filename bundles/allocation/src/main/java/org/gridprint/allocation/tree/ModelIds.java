package org.gridprint.allocation.tree;

import java.nio.charset.StandardCharsets;

/** Ids of the exchange formats, made from meter ids reversibly. */
final class ModelIds {

    private ModelIds() {
    }

    /**
     * A Haystack ref id: the characters Haystack allows ({@code A-Z a-z 0-9 _ : - .}) kept, every other byte of the
     * UTF-8 form as {@code ~XX} (hex), so {@code demo/hq/main} becomes {@code demo~2Fhq~2Fmain}.
     */
    static String haystack(String id) {
        var sb = new StringBuilder();
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == ':' || c == '-' || c == '.')) {
                sb.append(c);
            } else {
                sb.append('~').append(String.format("%02X", b & 0xff));
            }
        }
        return sb.toString();
    }

    /** A percent-encoded IRI path segment (RFC 3986 unreserved characters kept). */
    static String iri(String id) {
        var sb = new StringBuilder();
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_' || c == '~')) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return sb.toString();
    }

    /** A JSON string literal. */
    static String json(String s) {
        var sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** A Turtle string literal. */
    static String turtle(String s) {
        return json(s); // the same escapes are valid in a Turtle STRING_LITERAL_QUOTE
    }
}
