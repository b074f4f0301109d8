package org.citycard.app;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Builds the administrator accounts: those from configuration, plus (default profile) three demo accounts
 * whose generated passwords are kept under ./data and printed at start, so a newcomer can sign in.
 */
final class AdminAccounts {

    static final List<String> ROLES = List.of("CATALOG_EDITOR", "CATALOG_PUBLISHER", "ADMIN", "MONITORING");
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private AdminAccounts() {
    }

    static List<UserDetails> users(AdminAccountsProperties properties, PasswordEncoder encoder) {
        List<UserDetails> users = new ArrayList<>();
        for (AdminAccountsProperties.Account account : properties.accounts()) {
            if (account.username() == null || !account.username().matches("[a-zA-Z0-9._-]{2,64}")) {
                throw new IllegalStateException("citycard.admin.accounts: a username must be 2-64 letters, digits, . _ -");
            }
            if (account.password() == null || !account.password().startsWith("{")) {
                throw new IllegalStateException("citycard.admin.accounts: the password of " + account.username()
                        + " must be a hash with its id, e.g. {bcrypt}$2a$10$...");
            }
            users.add(user(account.username(), account.password(), account.roles()));
        }
        if (properties.demoAccounts()) {
            Properties demo = demoPasswords(properties.demoAccountsFile());
            StringBuilder banner = new StringBuilder("\n=== CityCard demo administrator accounts (default profile) ===\n");
            for (String name : List.of("editor", "publisher", "admin")) {
                String password = demo.getProperty(name);
                Set<String> roles = switch (name) {
                    case "editor" -> Set.of("CATALOG_EDITOR");
                    case "publisher" -> Set.of("CATALOG_PUBLISHER", "CATALOG_EDITOR");
                    default -> Set.of("ADMIN");
                };
                users.add(user(name, encoder.encode(password), roles));
                banner.append(String.format("  %-10s %-14s %s%n", name, password, roles));
            }
            banner.append("  Sign in at http://localhost:8080/login ; passwords are kept in ")
                    .append(properties.demoAccountsFile()).append('\n');
            // The banner goes to the console, not the log: it is for the person who just started the platform.
            System.out.println(banner);
        }
        return users;
    }

    private static UserDetails user(String username, String passwordHash, Set<String> roles) {
        for (String role : roles) {
            if (!ROLES.contains(role)) {
                throw new IllegalStateException("unknown administrator role " + role + "; known: " + ROLES);
            }
        }
        return User.withUsername(username).password(passwordHash).roles(roles.toArray(String[]::new)).build();
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
            for (String name : List.of("editor", "publisher", "admin")) {
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
