package org.gridprint.security;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@value TokenSettings#PID}: the signing key and lifetimes of tokens. Every field is optional. */
@ObjectClassDefinition(name = "Gridprint tokens", description = "Signed short-lived bearer tokens for Karaf users: "
        + "signing key and lifetimes")
public @interface TokenConfig {

    @AttributeDefinition(description = "File of the HMAC-SHA256 signing key (base64 of 32 random bytes), created at "
            + "the first start with owner-only permissions; empty: ${karaf.data}/gridprint/token-signing.key")
    String signingKeyFile() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, required = false, description = "The signing key itself, base64 "
            + "of at least 32 random bytes (openssl rand -base64 32), for instances that must accept each other's "
            + "tokens; overrides signingKeyFile. Never logged")
    String signingKey() default "";

    @AttributeDefinition(description = "Lifetime of a token when none is asked for: 90s, 15m, 1h, PT15M")
    String defaultTtl() default "15m";

    @AttributeDefinition(description = "Longest lifetime a token may be issued with (at most 24h)")
    String maxTtl() default "24h";
}
