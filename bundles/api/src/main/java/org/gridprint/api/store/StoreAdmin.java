package org.gridprint.api.store;

import org.osgi.annotation.versioning.ProviderType;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Operations on the store as a whole: its status and an online backup. Registered by every store backend.
 *
 * @since 1.1.0
 */
@ProviderType
public interface StoreAdmin {

    StoreStatus status();

    /**
     * Writes an online, consistent copy of the store into {@code targetDirectory} (which must not exist yet, or be
     * empty) while ingest goes on, and returns where the copy is. Backends that cannot (a server) say so with an
     * {@link UnsupportedOperationException} naming the tool to use instead.
     */
    Path backup(Path targetDirectory) throws IOException;
}
