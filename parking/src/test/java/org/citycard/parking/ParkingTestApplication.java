package org.citycard.parking;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Boots parking with the modules it plugs into (payments, the card), for its integration tests. */
@SpringBootApplication(scanBasePackages = {"org.citycard.parking", "org.citycard.payment", "org.citycard.card"})
public class ParkingTestApplication {
}
