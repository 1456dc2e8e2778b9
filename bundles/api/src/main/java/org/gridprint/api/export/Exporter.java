package org.gridprint.api.export;

import java.io.IOException;

/** Writes an export document. Service property {@link #FORMAT} names the format ("csv"). */
public interface Exporter {

    String FORMAT = "gridprint.export.format";

    ExportResult export(ExportRequest request) throws IOException;
}
