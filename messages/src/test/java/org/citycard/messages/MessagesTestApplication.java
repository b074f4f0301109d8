package org.citycard.messages;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Boots messages with the card (who citizens are, their phones and the SMS sender), for its integration tests. */
@SpringBootApplication(scanBasePackages = {"org.citycard.messages", "org.citycard.card"})
public class MessagesTestApplication {
}
