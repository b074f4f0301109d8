package org.citycard.wallet;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Boots the wallet with the modules it plugs into (payments, the card), for its integration tests. */
@SpringBootApplication(scanBasePackages = {"org.citycard.wallet", "org.citycard.payment", "org.citycard.card"})
public class WalletTestApplication {
}
