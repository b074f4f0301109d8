package org.citycard.app;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The staff accounts of the identity store: those from configuration, plus (default profile) demo accounts for
 * each role, whose generated passwords are kept under ./data and printed at start, so a newcomer can sign in.
 * They are written into the identity store at every start (configuration wins over changes made elsewhere).
 */
final class AdminAccounts {

    static final List<String> ROLES = List.of("CATALOG_EDITOR", "CATALOG_PUBLISHER", "CARD_OPERATOR", "FINANCE", "BILLING",
            "PARKING_ADMIN", "PARKING_OPERATOR", "HEALTH_ADMIN", "CLINIC_STAFF", "ADMIN", "MONITORING");
    static final Map<String, Set<String>> DEMO = demo();
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private AdminAccounts() {
    }

    /** A staff account: username, an encoded password ({@code {bcrypt}...}), roles. */
    record Staff(String username, String passwordHash, Set<String> roles) {
        @Override
        public String toString() {
            return "Staff[" + username + ", " + roles + "]";
        }
    }

    /**
     * The accounts to write; {@code address} is where the platform is reached and {@code smsInbox} where a sandbox
     * shows the SMS it was sent (empty: none), for the demo banner.
     */
    static List<Staff> accounts(AdminAccountsProperties properties, PasswordEncoder encoder, String address,
                                String smsInbox) {
        List<Staff> users = new ArrayList<>();
        for (AdminAccountsProperties.Account account : properties.accounts()) {
            if (account.username() == null || !account.username().matches("[a-z][a-z0-9._-]{2,31}")) {
                throw new IllegalStateException("citycard.admin.accounts: a username must be 3-32 lower-case letters, "
                        + "digits, . _ -, starting with a letter");
            }
            if (account.password() == null || !account.password().startsWith("{")) {
                throw new IllegalStateException("citycard.admin.accounts: the password of " + account.username()
                        + " must be a hash with its id, e.g. {bcrypt}$2a$10$...");
            }
            users.add(staff(account.username(), account.password(), account.roles()));
        }
        if (properties.demoAccounts()) {
            Properties demo = demoPasswords(properties.demoAccountsFile());
            StringBuilder banner = new StringBuilder("\n=== CityCard demo staff accounts (default profile) ===\n");
            DEMO.forEach((name, roles) -> {
                String password = demo.getProperty(name);
                users.add(staff(name, encoder.encode(password), roles));
                banner.append(String.format("  %-10s %-14s %s%n", name, password, roles));
            });
            banner.append("  Sign in at ").append(address).append("/signin ; passwords are kept in ")
                    .append(properties.demoAccountsFile()).append('\n')
                    .append("  Citizens register at ").append(address).append("/register")
                    .append(smsInbox.isBlank() ? "" : " ; SMS codes appear at " + smsInbox).append('\n');
            // The banner goes to the console, not the log: it is for the person who just started the platform.
            System.out.println(banner);
        }
        return users;
    }

    private static Map<String, Set<String>> demo() {
        Map<String, Set<String>> demo = new LinkedHashMap<>();
        demo.put("editor", Set.of("CATALOG_EDITOR"));
        demo.put("publisher", Set.of("CATALOG_PUBLISHER", "CATALOG_EDITOR"));
        demo.put("operator", Set.of("CARD_OPERATOR"));
        demo.put("finance1", Set.of("FINANCE"));
        demo.put("finance2", Set.of("FINANCE"));
        demo.put("billing", Set.of("BILLING"));
        demo.put("parking", Set.of("PARKING_ADMIN"));
        // staff of the demo operator 黄石城市停车 (the demo lots assign the account to it)
        demo.put("parking-op", Set.of("PARKING_OPERATOR"));
        demo.put("health", Set.of("HEALTH_ADMIN"));
        // a nurse of the demo clinic 黄石港区社区卫生服务中心 (the demo vaccination data assigns the account to it)
        demo.put("clinic", Set.of("CLINIC_STAFF"));
        demo.put("admin", Set.of("ADMIN"));
        return demo;
    }

    private static Staff staff(String username, String passwordHash, Set<String> roles) {
        for (String role : roles) {
            if (!ROLES.contains(role)) {
                throw new IllegalStateException("unknown administrator role " + role + "; known: " + ROLES);
            }
        }
        return new Staff(username, passwordHash, Set.copyOf(roles));
    }

    private static Properties demoPasswords(Path file) {
        Properties demo = new Properties();
        try {
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file)) {
                    demo.load(in);
                }
            }
            boolean changed = false;
            SecureRandom random = new SecureRandom();
            for (String name : DEMO.keySet()) {
                if (demo.getProperty(name) == null) {
                    StringBuilder password = new StringBuilder();
                    for (int i = 0; i < 12; i++) {
                        password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    }
                    demo.setProperty(name, password.toString());
                    changed = true;
                }
            }
            if (changed) {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                try (Writer out = Files.newBufferedWriter(file)) {
                    demo.store(out, "CityCard demo administrator passwords (default profile only)");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return demo;
    }
}
