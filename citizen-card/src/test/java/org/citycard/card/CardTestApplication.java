package org.citycard.card;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Boots the card module alone, for its integration tests. */
@SpringBootApplication
public class CardTestApplication {
}
