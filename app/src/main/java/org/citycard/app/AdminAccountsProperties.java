package org.citycard.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Administrator accounts until single sign-on arrives ({@code citycard.admin.*}).
 *
 * @param accounts     accounts from configuration; {@code password} is a hash such as {@code {bcrypt}$2a$...}
 * @param demoAccounts create editor, publisher and admin demo accounts with generated passwords, kept in
 *                     {@code demoAccountsFile} and printed at start (default profile only)
 */
@ConfigurationProperties("citycard.admin")
record AdminAccountsProperties(List<Account> accounts, @DefaultValue("false") boolean demoAccounts,
                               @DefaultValue("./data/demo-admin-accounts.properties") Path demoAccountsFile) {

    AdminAccountsProperties {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }

    record Account(String username, String password, Set<String> roles) {
    }
}
