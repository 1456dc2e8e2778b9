package org.gridprint.api.allocation;

import java.util.Objects;

/**
 * Why one item of a submitted batch (a stamp, a bill, a file line) was refused; the other items are unaffected.
 *
 * @param index  0-based position of the item in the batch, or the 1-based line number of a file
 * @param item   what the item is in the field's words (e.g. {@code job J-17 stop}, {@code line 12}), may be empty
 * @param field  the offending field (e.g. {@code machine}, {@code stop}), may be empty
 * @param reason what was wrong and what was expected
 */
public record ItemError(int index, String item, String field, String reason) {

    public ItemError {
        item = item == null ? "" : item;
        field = field == null ? "" : field;
        Objects.requireNonNull(reason, "reason");
    }
}
