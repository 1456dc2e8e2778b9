package org.gridprint.security.token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HMAC-SHA256 key that signs tokens: 32 random bytes made by {@link SecureRandom} at the first start and kept
 * base64-encoded in a file readable by its owner only, or given by configuration (several instances sharing one key).
 * The key never appears in a log, an error or {@link #toString()}; {@link #keyId()} (the first 8 bytes of the key's
 * SHA-256, hexadecimal) names it in tokens so that a token signed before a key change is told apart from a forgery.
 */
public final class SigningKey {

    public static final int MIN_BYTES = 32;
    private static final Logger LOG = LoggerFactory.getLogger(SigningKey.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private final byte[] key;
    private final String keyId;

    private SigningKey(byte[] key) {
        if (key.length < MIN_BYTES) {
            throw new IllegalArgumentException("a signing key needs at least " + MIN_BYTES + " bytes, got "
                    + key.length);
        }
        this.key = key.clone();
        this.keyId = keyId(key);
    }

    public static SigningKey of(byte[] key) {
        return new SigningKey(key);
    }

    /** A new random key (not stored). */
    public static SigningKey random(SecureRandom random) {
        var bytes = new byte[MIN_BYTES];
        random.nextBytes(bytes);
        return new SigningKey(bytes);
    }

    /**
     * The key in {@code file}; when the file does not exist, a new random key is written to it first, created with
     * owner-only permissions (rw-------) where the file system has POSIX permissions. A key file that others may
     * read is made owner-only and said so once (WARN naming the file, never the key).
     *
     * @throws IllegalArgumentException the file cannot be read or written, or does not hold base64 of at least 32
     *                                  bytes (naming the file, never its content)
     */
    public static SigningKey loadOrCreate(Path file, SecureRandom random) {
        try {
            if (!Files.exists(file)) {
                var created = random(random);
                try {
                    write(file, created);
                    LOG.info("Token signing key created in {} (owner-only)", file);
                    return created;
                } catch (FileAlreadyExistsException raced) {
                    // another start made it in between: read that one
                }
            }
            tighten(file);
            var text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return new SigningKey(decode(text, "file " + file));
        } catch (IOException e) {
            throw new IllegalArgumentException("token signing key file " + file + " cannot be read or created: "
                    + e.getClass().getSimpleName() + " " + e.getMessage());
        }
    }

    /** @param what names the source in an error ("field 'signingKey'", "file ...") */
    public static byte[] decode(String base64, String what) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            try {
                bytes = Base64.getUrlDecoder().decode(base64.trim());
            } catch (IllegalArgumentException e2) {
                throw new IllegalArgumentException(what + " does not hold base64 text (value not shown); expected "
                        + "the base64 of at least " + MIN_BYTES + " random bytes, e.g. from `openssl rand -base64 32`");
            }
        }
        if (bytes.length < MIN_BYTES) {
            throw new IllegalArgumentException(what + " holds " + bytes.length + " bytes (value not shown); expected "
                    + "at least " + MIN_BYTES + " random bytes, e.g. from `openssl rand -base64 32`");
        }
        return bytes;
    }

    private static void write(Path file, SigningKey key) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        var text = (Base64.getEncoder().encodeToString(key.key) + "\n").getBytes(StandardCharsets.US_ASCII);
        if (Files.getFileStore(file.getParent() == null ? Path.of(".") : file.getParent())
                .supportsFileAttributeView("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.write(file, text, StandardOpenOption.TRUNCATE_EXISTING);
        } else {
            Files.write(file, text, StandardOpenOption.CREATE_NEW);
        }
    }

    private static void tighten(Path file) throws IOException {
        if (!Files.getFileStore(file).supportsFileAttributeView("posix")) {
            return;
        }
        var permissions = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(permissions)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
            LOG.warn("Token signing key file {} was readable by others ({}); made owner-only (rw-------). If others "
                    + "could read it, delete the file and restart to make a new key (every token issued becomes "
                    + "invalid)", file, PosixFilePermissions.toString(permissions));
        }
    }

    private static String keyId(byte[] key) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    byte[] bytes() {
        return key.clone();
    }

    public String keyId() {
        return keyId;
    }

    @Override
    public String toString() {
        return "SigningKey[id=" + keyId + "]";
    }
}
