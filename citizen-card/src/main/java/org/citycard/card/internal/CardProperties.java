package org.citycard.card.internal;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The card module's settings.
 *
 * @param cityPrefix     leading digits of every card number (4-8 digits)
 * @param dailyLimitFen  a wallet's daily spending limit, in fen
 * @param sharedState    where one-time-use guards live: LOCAL (one node) or REDIS (many nodes)
 * @param sms            how SMS codes are sent
 */
@ConfigurationProperties("citycard.card")
record CardProperties(@DefaultValue("4202") String cityPrefix,
                      @DefaultValue("200000") long dailyLimitFen,
                      @DefaultValue("LOCAL") SharedState sharedState,
                      @DefaultValue Sms sms) {

    enum SharedState { LOCAL, REDIS }

    /**
     * @param sender    INBOX keeps messages in the development inbox; HTTP posts them to a provider's gateway
     * @param httpUrl   the gateway's address (HTTP sender)
     * @param httpToken the bearer token the gateway expects (HTTP sender)
     */
    record Sms(@DefaultValue("INBOX") Sender sender, URI httpUrl, String httpToken) {

        enum Sender { INBOX, HTTP }

        @Override
        public String toString() {
            return "Sms[sender=" + sender + ", httpUrl=" + httpUrl + "]";
        }
    }
}
