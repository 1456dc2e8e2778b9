package org.gridprint.mqtt;

import org.gridprint.api.Reading;

/** One item of an ingest message: a reading ready for ingest, or the reason it was refused. */
public sealed interface PayloadItem {

    /** Position in the message (0 for a single object). */
    int index();

    record Parsed(int index, Reading reading, Metadata metadata) implements PayloadItem {
    }

    record Refused(int index, String meter, String reason) implements PayloadItem {
    }

    /** The optional descriptive fields of an item; empty strings when absent. */
    record Metadata(String location, String assetType, String phase) {
        public static final Metadata NONE = new Metadata("", "", "");
    }
}
