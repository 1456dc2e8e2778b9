package org.gridprint.security.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.TreeSet;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.gridprint.api.security.TokenCheck.Refused;
import org.gridprint.api.security.TokenCheck.Refused.Reason;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The compact token form, JWT-like (RFC 7519 compact serialisation, HS256 of RFC 7518 section 3.2):
 * {@code base64url(header) "." base64url(payload) "." base64url(HMAC-SHA256(key, base64url(header) "." base64url(payload)))},
 * without padding. Header {@code {"alg":"HS256","typ":"JWT","kid":<key id>}}; payload
 * {@code {"iss":"gridprint","jti":id,"sub":user,"roles":[...],"iat":seconds,"exp":seconds}}. The signature is
 * checked (constant time, {@link MessageDigest#isEqual}) before anything of the payload is believed; only HS256 is
 * accepted (an {@code alg} of {@code none} or anything else is refused).
 */
public final class TokenCodec {

    public static final String ISSUER = "gridprint";
    /** Longest token text accepted (a Gridprint token is about 300 characters). */
    public static final int MAX_TOKEN_CHARS = 4096;
    private static final String HMAC = "HmacSHA256";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final ObjectMapper json = new ObjectMapper();
    private final SigningKey key;

    /** A decoded token: its claims with a good signature, or why it was refused. */
    public sealed interface Decoded {
        record Good(TokenClaims claims) implements Decoded {
        }

        record Bad(Refused refused) implements Decoded {
        }
    }

    public TokenCodec(SigningKey key) {
        this.key = key;
    }

    public String encode(TokenClaims claims) {
        var header = new LinkedHashMap<String, Object>();
        header.put("alg", "HS256");
        header.put("typ", "JWT");
        header.put("kid", key.keyId());
        var payload = new LinkedHashMap<String, Object>();
        payload.put("iss", ISSUER);
        payload.put("jti", claims.id());
        payload.put("sub", claims.user());
        payload.put("roles", new TreeSet<>(claims.roles()));
        payload.put("iat", claims.issuedAt().getEpochSecond());
        payload.put("exp", claims.expires().getEpochSecond());
        try {
            var signed = B64.encodeToString(json.writeValueAsBytes(header)) + "."
                    + B64.encodeToString(json.writeValueAsBytes(payload));
            return signed + "." + B64.encodeToString(mac(signed));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("token JSON", e);
        }
    }

    /** Checks form and signature and reads the claims; expiry, revocation and the user are the caller's checks. */
    public Decoded decode(String token) {
        if (token == null || token.isBlank()) {
            return bad(Reason.MALFORMED, "no token given");
        }
        var text = token.trim();
        if (text.length() > MAX_TOKEN_CHARS) {
            return bad(Reason.MALFORMED, "token longer than " + MAX_TOKEN_CHARS + " characters");
        }
        var first = text.indexOf('.');
        var last = text.lastIndexOf('.');
        if (first < 1 || last == first || last == text.length() - 1 || text.indexOf('.', first + 1) != last) {
            return bad(Reason.MALFORMED, "not a token: expected three base64url parts separated by '.'");
        }
        JsonNode header;
        byte[] signature;
        try {
            header = json.readTree(B64D.decode(text.substring(0, first)));
            signature = B64D.decode(text.substring(last + 1));
        } catch (IllegalArgumentException | java.io.IOException e) {
            return bad(Reason.MALFORMED, "not a token: its header or signature is not base64url JSON");
        }
        if (header == null || !header.isObject() || !"HS256".equals(header.path("alg").asText())) {
            return bad(Reason.MALFORMED, "token algorithm is not HS256 (only HMAC-SHA256 tokens of this instance "
                    + "are accepted)");
        }
        var expected = mac(text.substring(0, last));
        if (!MessageDigest.isEqual(expected, signature)) {
            if (header.hasNonNull("kid") && !key.keyId().equals(header.path("kid").asText())) {
                return bad(Reason.BAD_SIGNATURE, "token signature does not verify: it was signed with another key "
                        + "(the signing key was changed, or the token comes from another instance)");
            }
            return bad(Reason.BAD_SIGNATURE, "token signature does not verify (forged or altered token)");
        }
        JsonNode payload;
        try {
            payload = json.readTree(B64D.decode(text.substring(first + 1, last)));
        } catch (IllegalArgumentException | java.io.IOException e) {
            return bad(Reason.MALFORMED, "token payload is not base64url JSON");
        }
        if (payload == null || !payload.isObject() || !ISSUER.equals(payload.path("iss").asText())
                || !payload.path("jti").isTextual() || !payload.path("sub").isTextual()
                || !payload.path("roles").isArray() || !payload.path("iat").canConvertToLong()
                || !payload.path("exp").canConvertToLong()) {
            return bad(Reason.MALFORMED, "token payload lacks iss=gridprint, jti, sub, roles, iat or exp");
        }
        var roles = new TreeSet<String>();
        for (var role : payload.get("roles")) {
            roles.add(role.asText());
        }
        return new Decoded.Good(new TokenClaims(payload.get("jti").asText(), payload.get("sub").asText(), roles,
                Instant.ofEpochSecond(payload.get("iat").asLong()), Instant.ofEpochSecond(payload.get("exp").asLong())));
    }

    private byte[] mac(String signed) {
        try {
            var mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key.bytes(), HMAC));
            return mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 missing from the JDK", e);
        }
    }

    private static Decoded bad(Reason reason, String message) {
        return new Decoded.Bad(new Refused(reason, message));
    }
}
