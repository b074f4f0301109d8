package org.citycard.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.citycard.card.Citizen;
import org.citycard.portal.account.IdentityProviderSession;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The embedded identity provider (Spring Authorization Server) and what trusts it: one key set signs the
 * provider's tokens and the mini-program tokens, and verifies both for the API, without any call over HTTP.
 * The provider keeps its browser session under its own keys, apart from the portal's, although both live in
 * one HTTP session.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
class IdentityProviderConfiguration {

    static final String REGISTRATION_ID = "citycard";
    static final String PORTAL_CLIENT = "citycard-portal";
    static final String TERMINAL_SCOPE = "terminal.verify";
    /** Hospitals' terminals: verifying e-health card codes and binding their patient ids. */
    static final String HEALTH_SCOPE = "health.verify";
    private static final java.util.Set<String> SCOPES = java.util.Set.of(TERMINAL_SCOPE, HEALTH_SCOPE);
    /** The audience of the mini-program access tokens (see {@code AccessTokens}). */
    static final String API_AUDIENCE = "citycard-api";
    static final String ROLES_CLAIM = "roles";
    static final String CITIZEN_ROLE = "CITIZEN";

    /** The provider's own security context and saved request, apart from the portal's. */
    static final HttpSessionSecurityContextRepository IDP_CONTEXT = new HttpSessionSecurityContextRepository();
    static final HttpSessionRequestCache IDP_REQUESTS = new HttpSessionRequestCache();

    static {
        IDP_CONTEXT.setSpringSecurityContextKey("CITYCARD_IDP_SECURITY_CONTEXT");
        IDP_REQUESTS.setSessionAttrName("CITYCARD_IDP_SAVED_REQUEST");
        IDP_REQUESTS.setMatchingRequestParameterName(null);
    }

    @Bean
    JWKSource<com.nimbusds.jose.proc.SecurityContext> jwkSource(IdentityProperties properties) {
        JWKSet keys = IdentityKeys.load(properties);
        return (selector, context) -> selector.select(keys);
    }

    /** Signs with the first (newest) private key; the others are there to verify tokens signed before a rotation. */
    @Bean
    JwtEncoder jwtEncoder(JWKSource<com.nimbusds.jose.proc.SecurityContext> keys) {
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(keys);
        encoder.setJwkSelector(candidates -> candidates.stream().filter(JWK::isPrivate).findFirst().orElseThrow());
        return encoder;
    }

    @Bean
    JwtDecoder jwtDecoder(JWKSource<com.nimbusds.jose.proc.SecurityContext> keys, IdentityProperties properties) {
        var processor = new com.nimbusds.jwt.proc.DefaultJWTProcessor<com.nimbusds.jose.proc.SecurityContext>();
        processor.setJWSKeySelector(new VerificationKeys(keys));
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        // Spring fills a missing iat from exp; keep it missing, so that a token without one is refused below
        var claims = org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter.withDefaults(Map.of());
        decoder.setClaimSetConverter(raw -> {
            Map<String, Object> converted = claims.convert(raw);
            if (!raw.containsKey(org.springframework.security.oauth2.jwt.JwtClaimNames.IAT)) {
                converted = new java.util.HashMap<>(converted);
                converted.remove(org.springframework.security.oauth2.jwt.JwtClaimNames.IAT);
            }
            return converted;
        });
        // only access tokens meant for the API: the mini-programs' (audience citycard-api) and the terminals'
        // (scope terminal.verify); an ID token or the portal's own access token is refused here
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuer()),
                // a token without an expiry would be good forever; one without iat cannot be judged for freshness
                new org.springframework.security.oauth2.jwt.JwtClaimValidator<Object>(
                        org.springframework.security.oauth2.jwt.JwtClaimNames.EXP, java.util.Objects::nonNull),
                new org.springframework.security.oauth2.jwt.JwtClaimValidator<Object>(
                        org.springframework.security.oauth2.jwt.JwtClaimNames.IAT, java.util.Objects::nonNull),
                IdentityProviderConfiguration::meantForTheApi);
        decoder.setJwtValidator(validator);
        return properties.rememberedTokens() > 0
                ? new RememberedTokens(decoder, validator, properties.rememberedTokens()) : decoder;
    }

    private static org.springframework.security.oauth2.core.OAuth2TokenValidatorResult meantForTheApi(
            org.springframework.security.oauth2.jwt.Jwt token) {
        boolean api = token.getAudience() != null && token.getAudience().contains(API_AUDIENCE);
        Object scope = token.getClaims().get("scope");
        boolean terminal = scope instanceof java.util.Collection<?> scopes ? scopes.stream().anyMatch(SCOPES::contains)
                : scope instanceof String text && java.util.Arrays.stream(text.split(" ")).anyMatch(SCOPES::contains);
        return api || terminal ? org.springframework.security.oauth2.core.OAuth2TokenValidatorResult.success()
                : org.springframework.security.oauth2.core.OAuth2TokenValidatorResult.failure(
                        new org.springframework.security.oauth2.core.OAuth2Error("invalid_token",
                                "not a token for this API", null));
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(IdentityProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
    }

    @Bean
    PortalClientSecret portalClientSecret(IdentityProperties properties) {
        return new PortalClientSecret(properties.portalClientSecret() != null && !properties.portalClientSecret().isBlank()
                ? properties.portalClientSecret() : UUID.randomUUID().toString());
    }

    @Bean
    RegisteredClientRepository registeredClients(IdentityProperties properties, PortalClientSecret secret,
                                                 StaffAndTerminalsConfiguration.DemoTerminal demoTerminal,
                                                 Environment environment) {
        List<RegisteredClient> clients = new ArrayList<>();
        List<IdentityProperties.Terminal> terminals = new ArrayList<>(properties.terminals());
        terminals.addAll(demoTerminal.accounts());
        for (IdentityProperties.Terminal terminal : terminals) {
            if (terminal.clientId() == null || !terminal.clientId().matches("[a-zA-Z0-9._-]{3,64}")
                    || terminal.clientSecret() == null || !terminal.clientSecret().startsWith("{")
                    || !SCOPES.containsAll(terminal.scopes())) {
                throw new IllegalStateException("citycard.identity.terminals: each needs a client-id (3-64 letters, "
                        + "digits, . _ -), a client-secret hash such as {bcrypt}$2a$... and scopes among " + SCOPES);
            }
            clients.add(RegisteredClient.withId("terminal:" + terminal.clientId()).clientId(terminal.clientId())
                    .clientSecret(terminal.clientSecret())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .scopes(scopes -> scopes.addAll(terminal.scopes()))
                    .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofMinutes(30)).build())
                    .build());
        }
        Map<String, RegisteredClient> terminalClients = new java.util.HashMap<>();
        clients.forEach(client -> terminalClients.put(client.getClientId(), client));
        java.util.concurrent.atomic.AtomicReference<RegisteredClient> portal = new java.util.concurrent.atomic.AtomicReference<>();
        Supplier<RegisteredClient> portalClient = () -> portal.updateAndGet(known -> known != null ? known
                : portalClient(properties, secret, environment.getRequiredProperty("local.server.port")));
        return new RegisteredClientRepository() {
            @Override
            public void save(RegisteredClient registeredClient) {
                // clients come from configuration; the provider's re-encoding of a secret is not kept
            }

            @Override
            public RegisteredClient findById(String id) {
                return PORTAL_CLIENT.equals(id) ? portalClient.get()
                        : terminalClients.values().stream().filter(c -> c.getId().equals(id)).findFirst().orElse(null);
            }

            @Override
            public RegisteredClient findByClientId(String clientId) {
                return PORTAL_CLIENT.equals(clientId) ? portalClient.get() : terminalClients.get(clientId);
            }
        };
    }

    /**
     * The portal at the embedded provider. Sign-out may return to the issuer's host or, for newcomers and tests, to
     * this node on a loopback address; sign-in callbacks are checked by {@code SecurityConfiguration}.
     */
    private static RegisteredClient portalClient(IdentityProperties properties, PortalClientSecret secret, String port) {
        return RegisteredClient.withId(PORTAL_CLIENT).clientId(PORTAL_CLIENT)
                .clientSecret("{noop}" + secret.value())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(properties.issuer() + "/login/oauth2/code/" + REGISTRATION_ID)
                .postLogoutRedirectUri(properties.issuer() + "/")
                .postLogoutRedirectUri("http://localhost:" + port + "/")
                .postLogoutRedirectUri("http://127.0.0.1:" + port + "/")
                .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(properties.accessTokenTtl()).build())
                .build();
    }

    /** Authorizations in the database: a restart or another node still knows codes and ID tokens (sign-out). */
    @Bean
    org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService authorizations(
            org.springframework.jdbc.core.JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService(jdbc, clients);
    }

    /** Roles (without the ROLE_ prefix) in the access and ID tokens of people; terminals only get their scope. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> rolesInTokens() {
        return context -> {
            if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
                return;
            }
            boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
            boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
            if (accessToken || idToken) {
                context.getClaims().claim(ROLES_CLAIM, context.getPrincipal().getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority).filter(a -> a.startsWith("ROLE_"))
                        // a plain ArrayList: the stored authorization is read back through Jackson's allowlist
                        .map(a -> a.substring(5)).sorted().collect(java.util.stream.Collectors.toCollection(ArrayList::new)));
            }
        };
    }

    /**
     * The portal as a client of the embedded provider. Built on first use: the token and key endpoints are called
     * on this node's own port (known only once the server runs); the browser goes to the relative authorize path
     * on whatever host it uses.
     */
    @Bean
    @ConditionalOnProperty(name = "citycard.identity.embedded", havingValue = "true", matchIfMissing = true)
    ClientRegistrationRepository clientRegistrations(Environment environment, PortalClientSecret secret,
                                                     IdentityProperties properties) {
        return new LazyRegistrations(() -> environment.containsProperty("local.server.port"), () -> {
            String self = "http://127.0.0.1:" + environment.getRequiredProperty("local.server.port");
            return ClientRegistration.withRegistrationId(REGISTRATION_ID)
                    .clientId(PORTAL_CLIENT).clientSecret(secret.value())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                    .scope(OidcScopes.OPENID, OidcScopes.PROFILE)
                    .authorizationUri("/oauth2/authorize")
                    .tokenUri(self + "/oauth2/token")
                    .jwkSetUri(self + "/oauth2/jwks")
                    .userNameAttributeName("sub")
                    .issuerUri(properties.issuer())
                    .providerConfigurationMetadata(Map.of("end_session_endpoint", "/connect/logout"))
                    .build();
        });
    }

    /** Opens the provider's session for a citizen who proved who they are on the sign-in pages. */
    @Bean
    IdentityProviderSession identityProviderSession(IdentityProperties properties) {
        return new IdentityProviderSession() {
            @Override
            public java.util.Optional<String> externalSignIn() {
                return properties.embedded() ? java.util.Optional.empty()
                        : java.util.Optional.of("/oauth2/authorization/" + REGISTRATION_ID);
            }

            @Override
            public String signIn(Citizen citizen) {
                return openSession(citizen);
            }
        };
    }

    private static String openSession(Citizen citizen) {
        var attributes = (ServletRequestAttributes) RequestContextHolder.currentRequestAttributes();
        HttpServletRequest request = attributes.getRequest();
        HttpServletResponse response = attributes.getResponse();
        request.changeSessionId(); // no session fixation
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        List<GrantedAuthority> granted = new ArrayList<>(authorities(citizen));
        // when the citizen proved who they are: the ID token's auth_time
        granted.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY));
        String name = citizen.username() != null ? citizen.username() : citizen.id().toString();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                User.withUsername(name).password("").authorities(granted).build(), null, granted));
        IDP_CONTEXT.saveContext(context, request, response);
        SavedRequest saved = IDP_REQUESTS.getRequest(request, response);
        IDP_REQUESTS.removeRequest(request, response);
        return saved != null ? saved.getRedirectUrl() : "/oauth2/authorization/" + REGISTRATION_ID;
    }

    static Collection<GrantedAuthority> authorities(Citizen citizen) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        if (citizen.roles().isEmpty()) {
            authorities.add(new SimpleGrantedAuthority("ROLE_" + CITIZEN_ROLE));
        }
        citizen.roles().forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        return authorities;
    }

    /** The portal's client secret (random per start unless configured: both sides live in this process). */
    record PortalClientSecret(String value) {
        @Override
        public String toString() {
            return "PortalClientSecret[hidden]";
        }
    }

    private static final class LazyRegistrations implements ClientRegistrationRepository, Iterable<ClientRegistration> {

        private final java.util.function.BooleanSupplier serverStarted;
        private final Supplier<ClientRegistration> build;
        private volatile ClientRegistration registration;

        LazyRegistrations(java.util.function.BooleanSupplier serverStarted, Supplier<ClientRegistration> build) {
            this.serverStarted = serverStarted;
            this.build = build;
        }

        private ClientRegistration get() {
            if (registration == null) {
                registration = build.get();
            }
            return registration;
        }

        @Override
        public ClientRegistration findByRegistrationId(String registrationId) {
            return REGISTRATION_ID.equals(registrationId) ? get() : null;
        }

        @Override
        public Iterator<ClientRegistration> iterator() {
            // asked while the security filters are built, before the server (and its port) exists
            return serverStarted.getAsBoolean() ? List.of(get()).iterator() : java.util.Collections.emptyIterator();
        }
    }
}
