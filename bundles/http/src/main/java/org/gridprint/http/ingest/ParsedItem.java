package org.gridprint.http.ingest;

import org.gridprint.api.Reading;

/**
 * One item of a POST /readings body: a reading ready for ingest, or why it was refused.
 * {@code index} is the 0-based position among the body's items; {@code line} the 1-based line of NDJSON or CSV
 * (0 for a JSON array).
 */
public sealed interface ParsedItem {

    int index();

    int line();

    String meter();

    record Good(int index, int line, Reading reading) implements ParsedItem {
        @Override
        public String meter() {
            return reading.meterId();
        }
    }

    /**
     * @param field  the offending field ({@code meter}, {@code unit}, ...), empty when the item as a whole is bad
     * @param reason names the item (index or line), the meter if known, the field and what was expected
     */
    record Refused(int index, int line, String meter, String field, String reason) implements ParsedItem {
    }
}
