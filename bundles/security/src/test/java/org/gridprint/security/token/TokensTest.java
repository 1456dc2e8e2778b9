package org.gridprint.security.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.gridprint.api.security.TokenCheck;
import org.gridprint.api.security.TokenCheck.Refused.Reason;
import org.gridprint.security.FakeUsers;
import org.gridprint.store.derby.DerbyStore;
import org.gridprint.store.derby.StoreOptions;
import org.gridprint.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue, check, forge, expire, revoke (across a store restart) and narrow tokens; revocations in a real Derby register. */
class TokensTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private final FakeUsers users = new FakeUsers().with("ops", "admin").with("olga", "operator")
            .with("vic", "viewer");
    private DerbyStore store;
    private Tokens tokens;

    @BeforeEach
    void open() {
        store = DerbyStore.open(dir.resolve("db"), Clock.systemUTC(), StoreOptions.defaults());
        tokens = tokens(KEY);
    }

    private Tokens tokens(byte[] key) {
        return new Tokens(SigningKey.of(key), clock, users, new TokenLedger(store), new SecureRandom(),
                Duration.ofMinutes(15), Duration.ofHours(24));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void issuedTokenIsValidWithTheUsersRolesAndSignedWithHmacSha256OverHeaderDotPayload() throws Exception {
        var issued = tokens.issue("olga", null, Set.of(), "console:ops");
        assertEquals("olga", issued.user());
        assertEquals(Set.of("operator", "viewer"), issued.roles());
        assertEquals(T0.plus(Duration.ofMinutes(15)), issued.expires());

        var parts = issued.token().split("\\.");
        assertEquals(3, parts.length);
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        var expected = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII)));
        assertEquals(expected, parts[2]);
        var payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertTrue(payload.contains("\"sub\":\"olga\""), payload);
        assertTrue(payload.contains("\"exp\":" + T0.plusSeconds(900).getEpochSecond()), payload);
        assertTrue(payload.contains("\"jti\":\"" + issued.id() + "\""), payload);

        var check = assertInstanceOf(TokenCheck.Valid.class, tokens.check(issued.token()));
        assertEquals("olga", check.user());
        assertEquals(issued.id(), check.id());
        assertTrue(check.hasRole("operator"));
        assertFalse(check.hasRole("admin"));
        assertEquals("console:ops", tokens.find(issued.id()).orElseThrow().issuedBy());
    }

    @Test
    void aFlippedByteInTheSignatureOrThePayloadIsRefusedAsBadSignature() {
        var token = tokens.issue("vic", null, Set.of(), "t").token();
        var parts = token.split("\\.");

        var sig = Base64.getUrlDecoder().decode(parts[2]);
        sig[5] ^= 0x01;
        var forgedSig = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        assertRefused(Reason.BAD_SIGNATURE, tokens.check(forgedSig));

        var payload = Base64.getUrlDecoder().decode(parts[1]);
        payload[payload.length / 2] ^= 0x01;
        var alteredPayload = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload) + "."
                + parts[2];
        assertRefused(Reason.BAD_SIGNATURE, tokens.check(alteredPayload));

        // a viewer's token turned into an admin's by editing the JSON, signature kept
        var json = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("[\"viewer\"]", "[\"admin\"]");
        var escalated = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(json.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertRefused(Reason.BAD_SIGNATURE, tokens.check(escalated));
    }

    @Test
    void unsignedAlgNoneGarbageAndAnotherInstancesTokensAreRefused() {
        var token = tokens.issue("vic", null, Set.of(), "t").token();
        var parts = token.split("\\.");
        var none = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        assertRefused(Reason.MALFORMED, tokens.check(none + "." + parts[1] + "."));
        assertRefused(Reason.MALFORMED, tokens.check(none + "." + parts[1] + ".x"));
        assertRefused(Reason.MALFORMED, tokens.check("not-a-token"));
        assertRefused(Reason.MALFORMED, tokens.check(""));
        assertRefused(Reason.MALFORMED, tokens.check("a.b.c.d"));
        assertRefused(Reason.MALFORMED, tokens.check("x".repeat(5000)));

        var other = tokens("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));
        var refused = assertRefused(Reason.BAD_SIGNATURE, other.check(token));
        assertTrue(refused.message().contains("another key"), refused.message());
        assertFalse(refused.message().contains(parts[2]), "never echoes the token");
    }

    @Test
    void aTokenExpiresAtItsExpiryToTheSecond() {
        var issued = tokens.issue("vic", Duration.ofHours(1), Set.of(), "t");
        assertEquals(T0.plus(Duration.ofHours(1)), issued.expires());
        clock.advance(Duration.ofMinutes(59).plusSeconds(59));
        assertInstanceOf(TokenCheck.Valid.class, tokens.check(issued.token()));
        clock.advance(Duration.ofSeconds(1));
        var refused = assertRefused(Reason.EXPIRED, tokens.check(issued.token()));
        assertTrue(refused.message().contains("2026-12-06T11:00:00Z"), refused.message());
    }

    @Test
    void lifetimesBeyondTheMaximumOrNotPositiveAreRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> tokens.issue("vic", Duration.ofHours(25), Set.of(), "t"));
        assertTrue(e.getMessage().contains("25h") && e.getMessage().contains("24h"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> tokens.issue("vic", Duration.ZERO, Set.of(), "t"));
        assertThrows(IllegalArgumentException.class, () -> tokens.issue("vic", Duration.ofSeconds(-5), Set.of(), "t"));
        assertEquals(T0.plus(Duration.ofHours(24)), tokens.issue("vic", Duration.ofHours(24), Set.of(), "t").expires());
    }

    @Test
    void aRevokedTokenIsRefusedAlsoAfterTheStoreAndTheServiceRestart() {
        var keep = tokens.issue("olga", null, Set.of(), "t");
        var revoke = tokens.issue("olga", null, Set.of(), "t");
        assertTrue(tokens.revoke(revoke.id(), "console:ops", "laptop lost"));
        assertFalse(tokens.revoke(revoke.id(), "console:ops", "again"), "second revocation changes nothing");
        assertRefused(Reason.REVOKED, tokens.check(revoke.token()));
        assertInstanceOf(TokenCheck.Valid.class, tokens.check(keep.token()));
        assertThrows(IllegalArgumentException.class, () -> tokens.revoke("no-such-id", "ops", ""));

        store.close();
        store = DerbyStore.open(dir.resolve("db"), Clock.systemUTC(), StoreOptions.defaults());
        tokens = tokens(KEY);
        assertRefused(Reason.REVOKED, tokens.check(revoke.token()));
        assertInstanceOf(TokenCheck.Valid.class, tokens.check(keep.token()));
        var record = tokens.find(revoke.id()).orElseThrow();
        assertEquals("laptop lost", record.revocation().orElseThrow().reason());
        assertEquals(1, store.history(TokenLedger.REVOKED, revoke.id()).size());
        assertEquals(2, tokens.issued().size());
    }

    @Test
    void rolesCanBeNarrowedButNotWidened() {
        var narrowed = tokens.issue("ops", null, Set.of("viewer"), "t");
        assertEquals(Set.of("viewer"), narrowed.roles());
        var check = assertInstanceOf(TokenCheck.Valid.class, tokens.check(narrowed.token()));
        assertTrue(check.hasRole("viewer"));
        assertFalse(check.hasRole("operator"));
        assertFalse(check.hasRole("admin"));

        var e = assertThrows(IllegalArgumentException.class, () -> tokens.issue("vic", null, Set.of("admin"), "t"));
        assertTrue(e.getMessage().contains("does not hold role 'admin'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> tokens.issue("vic", null, Set.of("root"), "t"));
        assertEquals(Set.of("admin", "operator", "viewer"), tokens.issue("ops", null, Set.of(), "t").roles());
    }

    @Test
    void unknownUsersGetNoTokenAndARemovedUsersTokenIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> tokens.issue("mallory", null, Set.of(), "t"));
        assertTrue(e.getMessage().contains("'mallory'"), e.getMessage());

        var olga = tokens.issue("olga", null, Set.of(), "t");
        users.setRole("olga", "viewer");
        var lowered = assertInstanceOf(TokenCheck.Valid.class, tokens.check(olga.token()));
        assertEquals(Set.of("viewer"), lowered.roles(), "a lowered user loses the higher role at once");

        users.remove("olga");
        assertRefused(Reason.UNKNOWN_USER, tokens.check(olga.token()));
    }

    private static TokenCheck.Refused assertRefused(Reason reason, TokenCheck check) {
        var refused = assertInstanceOf(TokenCheck.Refused.class, check);
        assertEquals(reason, refused.reason(), refused.message());
        return refused;
    }
}
