package org.citycard.payment;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Boots the payment module (with the card module it builds on), for its integration tests. */
@SpringBootApplication(scanBasePackages = {"org.citycard.payment", "org.citycard.card"})
public class PaymentTestApplication {
}
