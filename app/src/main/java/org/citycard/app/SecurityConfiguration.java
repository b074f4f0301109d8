package org.citycard.app;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.citycard.card.Citizen;
import org.citycard.card.Identities;
import org.citycard.portal.account.SignInView;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;

/**
 * Who may use what.
 * <ul>
 * <li>The identity provider's endpoints ({@code /oauth2/*}, {@code /connect/logout}, discovery): OAuth2 and
 * OpenID Connect rules; a browser that is not signed in there is sent to {@code /signin}.</li>
 * <li>{@code /api/**}: the catalog, the mini-program sign-in endpoints, the key sets and OpenAPI are public; the
 * citizen's own endpoints need a citizen's access token; the terminal API needs a terminal's token (scope
 * {@code terminal.verify}); health and info are public; Prometheus needs a MONITORING account (HTTP Basic; that
 * account cannot sign in to the console); the rest is closed.</li>
 * <li>The portal: public pages are {@code @AnonymousAllowed}; the citizen's pages and the {@code /admin} console
 * state their roles with {@code @RolesAllowed}; signing in goes through the identity provider.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    /** The identity provider's endpoints that only clients call (never a person's browser). */
    private static final Set<String> CLIENT_ENDPOINTS = Set.of("/oauth2/token", "/oauth2/introspect", "/oauth2/revoke",
            "/userinfo");

    /**
     * What anyone may read (GET, and HEAD as its headers alone): finding parking and checking its fees (sessions and
     * plates are a citizen's own); clinics, vaccines, slots and certificate checks (bookings and certificates are).
     */
    private static final String[] PUBLIC_READS = {"/api/mp/v1/parking/lots", "/api/mp/v1/parking/lots/*",
            "/api/mp/v1/parking/lots/*/quote", "/api/mp/v1/vaccination/clinics", "/api/mp/v1/vaccination/vaccines",
            "/api/mp/v1/vaccination/slots", "/api/mp/v1/vaccination/certificates/check/*"};

    /** How the API asks for credentials in a 401 (RFC 6750): a bearer token. */
    private static final String BEARER = "Bearer realm=\"citycard\"";

    /** The role of metrics scrapers: it may read /actuator/prometheus and nothing else, never the console. */
    static final String MONITORING = "MONITORING";

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SecurityConfiguration.class);

    /**
     * Spring Security's own observations time each filter of every request and count each step as a metric: a
     * large share of a small API request's cost, and nothing our dashboards read. Requests are still observed as a
     * whole ({@code http.server.requests}).
     */
    @Bean
    static org.springframework.security.config.observation.SecurityObservationSettings securityObservations() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(1)
    SecurityFilterChain identityProviderSecurity(HttpSecurity http, IdentityProperties properties) throws Exception {
        if (!properties.embedded()) {
            return http.securityMatcher("/oauth2/jwks-disabled").build();
        }
        http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(server.getEndpointsMatcher());
                    server.oidc(Customizer.withDefaults());
                    server.authorizationEndpoint(endpoint -> endpoint.authenticationProviders(redirectsToOurPortal()));
                })
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .securityContext(context -> context.securityContextRepository(IdentityProviderConfiguration.IDP_CONTEXT))
                .requestCache(cache -> cache.requestCache(IdentityProviderConfiguration.IDP_REQUESTS))
                .exceptionHandling(errors -> errors
                        // a client that did not authenticate at the token, introspection or revocation endpoint,
                        // or a caller of userinfo without a token: RFC 6749's answer, never the sign-in page
                        .defaultAuthenticationEntryPointFor((request, response, e) -> {
                            response.setStatus(HttpStatus.UNAUTHORIZED.value());
                            response.setHeader("WWW-Authenticate", "Basic realm=\"citycard\"");
                            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                            response.getWriter().write("{\"error\":\"invalid_client\","
                                    + "\"error_description\":\"Client authentication is required.\"}");
                        }, request -> CLIENT_ENDPOINTS.contains(request.getRequestURI().substring(request.getContextPath().length())))
                        .defaultAuthenticationEntryPointFor(
                                new LoginUrlAuthenticationEntryPoint("/signin"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
        return http
                .securityMatcher("/api/**", "/v3/api-docs/**", "/actuator/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/mp/v1/catalog/**", "/v3/api-docs/**").permitAll()
                        .requestMatchers(org.springframework.http.HttpMethod.GET, PUBLIC_READS).permitAll()
                        .requestMatchers(org.springframework.http.HttpMethod.HEAD, PUBLIC_READS).permitAll()
                        // operators' gate events: believed only when signed with the operator's registered key
                        .requestMatchers(org.springframework.http.HttpMethod.POST, "/api/parking/v1/operators/*/events",
                                "/api/parking/v1/operators/*/files/*", "/api/parking/v1/operators/*/occupancy").permitAll()
                        .requestMatchers("/api/mp/v1/auth/wechat", "/api/mp/v1/auth/alipay", "/api/mp/v1/auth/refresh",
                                "/api/mp/v1/auth/logout", "/api/mp/v1/auth/link").permitAll()
                        // the payment channels: anyone may post, nothing is believed before its signature verifies
                        .requestMatchers(org.springframework.http.HttpMethod.POST, "/api/payment/v1/notify/*").permitAll()
                        .requestMatchers("/api/terminal/v1/keys").permitAll()
                        // hospitals: e-health card codes only; readers of card codes cannot ask about health cards
                        .requestMatchers("/api/terminal/v1/health/**").hasAuthority("SCOPE_" + IdentityProviderConfiguration.HEALTH_SCOPE)
                        .requestMatchers("/api/terminal/v1/**").hasAuthority("SCOPE_" + IdentityProviderConfiguration.TERMINAL_SCOPE)
                        .requestMatchers("/api/mp/v1/**").hasRole(IdentityProviderConfiguration.CITIZEN_ROLE)
                        .requestMatchers("/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/actuator/prometheus").hasRole(MONITORING)
                        // any other API address: anyone signed in hears it is not there (404), not "forbidden"
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().denyAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> {
                    response.setHeader("WWW-Authenticate", BEARER + ", Basic realm=\"citycard\"");
                    problem(response, HttpStatus.UNAUTHORIZED, "auth.unauthenticated");
                }))
                .oauth2ResourceServer(server -> server
                        .bearerTokenResolver(new BearerTokens())
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesAndScopes()))
                        // a token was sent and is not good (RFC 6750 section 3.1)
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader("WWW-Authenticate", BEARER + ", error=\"invalid_token\"");
                            problem(response, HttpStatus.UNAUTHORIZED, "auth.unauthenticated");
                        }))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader("WWW-Authenticate", BEARER);
                            problem(response, HttpStatus.UNAUTHORIZED, "auth.unauthenticated");
                        })
                        .accessDeniedHandler((request, response, e) ->
                                problem(response, HttpStatus.FORBIDDEN, "auth.forbidden")))
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain portalSecurity(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/styles/**", "/favicon.ico", "/icons/**", "/error").permitAll())
                .headers(headers -> headers
                        .contentTypeOptions(Customizer.withDefaults())
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
                .oauth2Login(login -> login
                        // a visitor who must sign in goes straight to the identity provider
                        .loginPage("/oauth2/authorization/" + IdentityProviderConfiguration.REGISTRATION_ID)
                        .userInfoEndpoint(info -> info.userAuthoritiesMapper(rolesFromClaims()))
                        .failureHandler((request, response, e) -> {
                            // the provider's error code and text, never a token or a personal value
                            log.warn("Portal sign-in failed: {}", e instanceof OAuth2AuthenticationException oauth
                                    ? oauth.getError().getErrorCode() + " " + oauth.getError().getDescription()
                                    : e.getClass().getSimpleName());
                            response.sendRedirect(request.getContextPath() + "/signin");
                        }))
                .with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin
                        .oauth2LoginPage("/oauth2/authorization/" + IdentityProviderConfiguration.REGISTRATION_ID,
                                "{baseUrl}/")
                        // an address that is no view reaches the router, which shows "page not found" to anyone;
                        // every view still states its own roles, and Vaadin checks them before it is shown
                        .anyRequest(AuthorizeHttpRequestsConfigurer.AuthorizedUrl::permitAll))
                .build();
    }

    /** HTTP Basic for Prometheus scrapers: staff accounts of the identity store. */
    @Bean
    AuthenticationProvider staffBasicAuthentication(ObjectProvider<Identities> identities) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                String source = authentication.getDetails() instanceof WebAuthenticationDetails web
                        ? web.getRemoteAddress() : null;
                // only the scrapers' own credential: a console account's password is never sent on every scrape
                Citizen staff = identities.getObject().authenticate(authentication.getName(),
                                String.valueOf(authentication.getCredentials()), source)
                        .filter(c -> c.roles().contains(MONITORING))
                        .orElseThrow(() -> new BadCredentialsException("bad credentials"));
                return UsernamePasswordAuthenticationToken.authenticated(staff.username(), null,
                        IdentityProviderConfiguration.authorities(staff));
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Access tokens: {@code roles} become ROLE_*, {@code scope} becomes SCOPE_*. */
    static JwtAuthenticationConverter rolesAndScopes() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        var scopes = new org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            List<GrantedAuthority> authorities = new java.util.ArrayList<>(scopes.convert(jwt));
            List<String> roles = jwt.getClaimAsStringList(IdentityProviderConfiguration.ROLES_CLAIM);
            if (roles != null) {
                roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
            }
            return authorities;
        });
        return converter;
    }

    /** The portal's roles come from the ID token's {@code roles} claim. */
    static GrantedAuthoritiesMapper rolesFromClaims() {
        return authorities -> {
            Set<GrantedAuthority> mapped = new java.util.HashSet<>(authorities);
            for (GrantedAuthority authority : authorities) {
                if (authority instanceof OidcUserAuthority oidc) {
                    Collection<?> roles = oidc.getIdToken().getClaimAsStringList(IdentityProviderConfiguration.ROLES_CLAIM);
                    if (roles != null) {
                        roles.forEach(role -> mapped.add(new SimpleGrantedAuthority("ROLE_" + role)));
                    }
                }
            }
            return mapped;
        };
    }

    /**
     * The provider only redirects to the portal's own callback: on the configured issuer's host, or on a loopback
     * host (localhost included, which the default rules refuse) at any port, for newcomers and tests.
     */
    private static Consumer<List<org.springframework.security.authentication.AuthenticationProvider>> redirectsToOurPortal() {
        return providers -> providers.forEach(provider -> {
            if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider codeRequests) {
                codeRequests.setAuthenticationValidator(OAuth2AuthorizationCodeRequestAuthenticationValidator
                        .DEFAULT_SCOPE_VALIDATOR.andThen(SecurityConfiguration::redirectUri));
            }
        });
    }

    private static void redirectUri(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        org.springframework.security.oauth2.server.authorization.authentication
                .OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        String requested = request.getRedirectUri();
        boolean allowed = false;
        URI uri = null;
        try {
            uri = requested == null ? null : URI.create(requested);
        } catch (IllegalArgumentException e) {
            // a malformed redirect_uri is simply not one of ours
        }
        if (uri != null && uri.getHost() != null) {
            for (String registered : context.getRegisteredClient().getRedirectUris()) {
                URI known = URI.create(registered);
                boolean loopback = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost());
                boolean sameHost = known.getHost().equals(uri.getHost()) && known.getPort() == uri.getPort();
                if (known.getPath().equals(uri.getPath()) && uri.getQuery() == null && uri.getFragment() == null
                        && (sameHost || loopback && ("127.0.0.1".equals(known.getHost()) || "localhost".equals(known.getHost())))
                        && (known.getScheme().equals(uri.getScheme()))) {
                    allowed = true;
                }
            }
        }
        if (!allowed) {
            OAuth2Error error = new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, "redirect_uri not registered", null);
            throw new OAuth2AuthorizationCodeRequestAuthenticationException(error, null);
        }
    }

    static void problem(jakarta.servlet.http.HttpServletResponse response, HttpStatus status, String code)
            throws java.io.IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase()
                + "\",\"status\":" + status.value() + ",\"code\":\"" + code + "\"}");
    }
}
