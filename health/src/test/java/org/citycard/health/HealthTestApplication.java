package org.citycard.health;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Boots health with the modules it plugs into (the card, payments, the wallet, messages), for its integration tests. */
@SpringBootApplication(scanBasePackages = {"org.citycard.health", "org.citycard.messages", "org.citycard.payment",
        "org.citycard.wallet", "org.citycard.card"})
public class HealthTestApplication {
}
