package org.citycard.parking;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Boots parking with the card (who citizens are), for its integration tests. */
@SpringBootApplication(scanBasePackages = {"org.citycard.parking", "org.citycard.card"})
public class ParkingTestApplication {
}
