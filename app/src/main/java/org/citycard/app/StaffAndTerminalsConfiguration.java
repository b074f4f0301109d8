package org.citycard.app;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

import org.citycard.card.Identities;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Writes the configured (and demo) staff accounts into the identity store, and the demo terminal client. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminAccountsProperties.class)
class StaffAndTerminalsConfiguration {

    static final String DEMO_TERMINAL = "demo-terminal";
    /** A hospital's terminal for trying the e-health card's verification (the demo hospital in application.yml). */
    static final String DEMO_HOSPITAL = "demo-hospital";

    @Bean
    ApplicationRunner staffAccountsFromConfiguration(AdminAccountsProperties properties, PasswordEncoder encoder,
                                                     Identities identities, IdentityProperties identity,
                                                     org.springframework.core.env.Environment environment) {
        var accounts = AdminAccounts.accounts(properties, encoder, identity.issuer(),
                environment.getProperty("citycard.card.sms.inbox-url", ""));
        return args -> accounts.forEach(staff ->
                identities.ensureStaffAccount(staff.username(), staff.passwordHash(), staff.roles()));
    }

    /** A terminal client for trying the terminal API on a fresh machine (default profile); its secret is printed. */
    @Bean
    DemoTerminal demoTerminal(IdentityProperties properties, AdminAccountsProperties admin, PasswordEncoder encoder) {
        if (!properties.demoTerminal()) {
            return new DemoTerminal(java.util.List.of());
        }
        Path file = admin.demoAccountsFile().resolveSibling("demo-terminal.properties");
        Properties demo = new Properties();
        try {
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file)) {
                    demo.load(in);
                }
            }
            if (demo.getProperty("secret") == null || demo.getProperty("hospital-secret") == null) {
                for (String name : new String[] {"secret", "hospital-secret"}) {
                    byte[] secret = new byte[16];
                    new SecureRandom().nextBytes(secret);
                    demo.putIfAbsent(name, HexFormat.of().formatHex(secret));
                }
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                try (Writer out = Files.newBufferedWriter(file)) {
                    demo.store(out, "CityCard demo terminal client (default profile only)");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("\n=== CityCard demo terminal (client credentials) ===\n  client_id " + DEMO_TERMINAL
                + "  client_secret " + demo.getProperty("secret") + "\n  POST /oauth2/token grant_type=client_credentials"
                + " scope=" + IdentityProviderConfiguration.TERMINAL_SCOPE + ", then POST /api/terminal/v1/codes/verify\n"
                + "  client_id " + DEMO_HOSPITAL + "  client_secret " + demo.getProperty("hospital-secret")
                + "  scope=" + IdentityProviderConfiguration.HEALTH_SCOPE + ", then POST /api/terminal/v1/health/verify\n");
        return new DemoTerminal(java.util.List.of(
                new IdentityProperties.Terminal(DEMO_TERMINAL, encoder.encode(demo.getProperty("secret")), null),
                new IdentityProperties.Terminal(DEMO_HOSPITAL, encoder.encode(demo.getProperty("hospital-secret")),
                        java.util.List.of(IdentityProviderConfiguration.HEALTH_SCOPE))));
    }

    /** The demo terminals (default profile): a code reader and a hospital. */
    record DemoTerminal(java.util.List<IdentityProperties.Terminal> accounts) {
    }
}
