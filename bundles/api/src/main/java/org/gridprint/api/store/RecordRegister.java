package org.gridprint.api.store;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A ledgered register of small, audit-relevant records kept by key: factor versions ({@code factor}), energy
 * attribute certificates and contracts ({@code instrument}), their applications ({@code instrument-use}), offsets
 * ({@code offset}), site locations, static assets, operator decisions. Every put that changes something is a
 * ledger entry covered by {@code gridprint:verify}; nothing is ever overwritten (a changed text is a new version,
 * the earlier one stays in the history). The text is the caller's canonical form (e.g. sorted {@code key=value}
 * lines); the register does not interpret it.
 *
 * @since 1.2.0
 */
@ProviderType
public interface RecordRegister {

    /** Largest text a record may have, in UTF-8 bytes. */
    int MAX_TEXT_BYTES = 65_536;

    /** Largest register or key name, in characters. */
    int MAX_NAME_CHARS = 200;

    /**
     * Stores {@code text} under {@code (register, key)}: the same text as the current version returns the current
     * record and stores nothing; a different text becomes the next version with {@code reason}.
     *
     * @throws IllegalArgumentException a name or text beyond the limits, naming which
     * @throws IllegalStateException    the store cannot take writes now (the message says why)
     */
    RegisterRecord put(String register, String key, String text, String reason);

    /**
     * Like {@link #put} but only if the current version is {@code expectedVersion} (0: the key must be new); a
     * compare-and-set so that a quantity (a certificate's MWh) is never applied twice by two writers.
     *
     * @return the stored (or unchanged current) record, or empty when the current version differs
     */
    Optional<RegisterRecord> putIfVersion(String register, String key, String text, String reason, int expectedVersion);

    /** The current version under {@code (register, key)}. */
    Optional<RegisterRecord> get(String register, String key);

    /** The record (of any version) with this ref. */
    Optional<RegisterRecord> byRef(long ref);

    /** The current version of every key of a register, by key. */
    List<RegisterRecord> list(String register);

    /** Every version under {@code (register, key)}, oldest first. */
    List<RegisterRecord> history(String register, String key);
}
