package org.citycard.parking;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Boots parking with the modules it plugs into (payments, the wallet, messages, the card), for its integration tests. */
@SpringBootApplication(scanBasePackages = {"org.citycard.parking", "org.citycard.messages", "org.citycard.payment",
        "org.citycard.wallet", "org.citycard.card"})
public class ParkingTestApplication {
}
