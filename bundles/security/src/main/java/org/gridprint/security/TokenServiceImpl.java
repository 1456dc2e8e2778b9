package org.gridprint.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gridprint.api.security.IssuedToken;
import org.gridprint.api.security.TokenCheck;
import org.gridprint.api.security.TokenService;
import org.gridprint.api.store.RecordRegister;
import org.gridprint.security.token.IssuedRecord;
import org.gridprint.security.token.SigningKey;
import org.gridprint.security.token.TokenLedger;
import org.gridprint.security.token.Tokens;
import org.gridprint.security.users.UserDirectory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TokenService} of the instance (PID {@value TokenSettings#PID}, optional configuration): signing key from
 * configuration or its key file (made at the first start), users and roles from the Karaf realm, issued tokens and
 * revocations in the record register. Without a usable configuration it refuses to start with one ERROR naming the
 * PID and field (no token is then accepted: the API answers 401).
 */
@Component(service = {TokenService.class, TokenAdmin.class}, configurationPid = TokenSettings.PID, immediate = true)
@Designate(ocd = TokenConfig.class)
public class TokenServiceImpl implements TokenService, TokenAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(TokenServiceImpl.class);

    @Reference
    private UserDirectory users;

    @Reference
    private RecordRegister register;

    private volatile Tokens tokens;

    @Activate
    @Modified
    void activate(Map<String, Object> properties) {
        TokenSettings settings;
        SigningKey key;
        var random = new SecureRandom();
        try {
            settings = TokenSettings.parse(properties, System.getProperty("karaf.data"));
            key = settings.signingKey().map(SigningKey::of)
                    .orElseGet(() -> SigningKey.loadOrCreate(settings.signingKeyFile(), random));
        } catch (IllegalArgumentException e) {
            LOG.error("{}", e.getMessage());
            throw e;
        }
        tokens = new Tokens(key, Clock.systemUTC(), users, new TokenLedger(register), random, settings.defaultTtl(),
                settings.maxTtl());
        LOG.info("Tokens: signing key {} ({}), default lifetime {}, at most {}", key.keyId(),
                settings.signingKey().isPresent() ? "from configuration" : settings.signingKeyFile(),
                settings.defaultTtl(), settings.maxTtl());
    }

    @Override
    public IssuedToken issue(String user, Duration ttl, Set<String> roles) {
        return tokens.issue(user, ttl, roles, "api");
    }

    @Override
    public IssuedToken issue(String user, Duration ttl, Set<String> roles, String issuedBy) {
        return tokens.issue(user, ttl, roles, issuedBy);
    }

    @Override
    public TokenCheck check(String token) {
        return tokens.check(token);
    }

    @Override
    public boolean revoke(String id, String by, String reason) {
        return tokens.revoke(id, by, reason);
    }

    @Override
    public List<IssuedRecord> issued() {
        return tokens.issued();
    }

    @Override
    public Duration defaultTtl() {
        return tokens.defaultTtl();
    }

    @Override
    public Duration maxTtl() {
        return tokens.maxTtl();
    }
}
