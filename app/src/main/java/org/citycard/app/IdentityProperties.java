package org.citycard.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The city's identity provider ({@code citycard.identity.*}).
 *
 * @param embedded            run the embedded OpenID Connect provider; false means the portal signs in against the
 *                            provider configured under {@code spring.security.oauth2.client.*} (registration id
 *                            {@code citycard}, roles in the {@code roles} claim)
 * @param issuer              the issuer name in every token; unset, {@code http://localhost:<port it listens on>}
 *                            ({@link IssuerFromPort})
 * @param jwkSet              the signing keys as a JWK set (JSON, private keys, newest first: it signs; the others
 *                            still verify)
 * @param developmentKeys     without {@code jwkSet}, create throw-away keys in {@code developmentFile}
 * @param portalClientSecret  the portal's client secret at the embedded provider (random per start when unset)
 * @param accessTokenTtl      lifetime of access tokens (portal, mini-programs, terminals)
 * @param terminals           terminal clients (client credentials), secrets as hashes such as {@code {bcrypt}$2a$...}
 * @param demoTerminal        create a demo terminal client with a generated secret (default profile only)
 * @param rememberedTokens    how many verified API access tokens each node remembers ({@link RememberedTokens}; about
 *                            2 KB each; 0 verifies every request afresh)
 */
@ConfigurationProperties("citycard.identity")
record IdentityProperties(@DefaultValue("true") boolean embedded,
                          String issuer,
                          String jwkSet,
                          @DefaultValue("false") boolean developmentKeys,
                          @DefaultValue("./data/identity-keys.json") Path developmentFile,
                          String portalClientSecret,
                          @DefaultValue("15m") Duration accessTokenTtl,
                          List<Terminal> terminals,
                          @DefaultValue("false") boolean demoTerminal,
                          @DefaultValue("50000") int rememberedTokens) {

    IdentityProperties {
        terminals = terminals == null ? List.of() : List.copyOf(terminals);
    }

    /**
     * A terminal client: bus and gate readers verify card codes ({@code terminal.verify}, the default), hospitals
     * verify e-health card codes ({@code health.verify}).
     */
    record Terminal(String clientId, String clientSecret, List<String> scopes) {
        Terminal {
            scopes = scopes == null || scopes.isEmpty() ? List.of(IdentityProviderConfiguration.TERMINAL_SCOPE)
                    : List.copyOf(scopes);
        }

        @Override
        public String toString() {
            return "Terminal[" + clientId + "]";
        }
    }

    @Override
    public String toString() {
        return "IdentityProperties[embedded=" + embedded + ", issuer=" + issuer + ", terminals=" + terminals + "]";
    }
}
