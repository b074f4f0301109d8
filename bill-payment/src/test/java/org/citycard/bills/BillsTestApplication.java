package org.citycard.bills;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Boots bill payment with the modules it plugs into (payments, the card), for its integration tests. */
@SpringBootApplication(scanBasePackages = {"org.citycard.bills", "org.citycard.messages", "org.citycard.wallet", "org.citycard.payment",
        "org.citycard.card"})
public class BillsTestApplication {
}
