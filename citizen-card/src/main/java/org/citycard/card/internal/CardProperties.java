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
 * @param codeUses       how accepted code uses reach the database when shared state is in Redis
 */
@ConfigurationProperties("citycard.card")
record CardProperties(@DefaultValue("4202") String cityPrefix,
                      @DefaultValue("200000") long dailyLimitFen,
                      @DefaultValue("LOCAL") SharedState sharedState,
                      @DefaultValue Sms sms,
                      @DefaultValue CodeUses codeUses) {

    enum SharedState { LOCAL, REDIS }

    /**
     * @param writeEvery how often each node moves accepted uses from Redis to the database
     * @param claimAfter how long a use read by a node but not written waits before another node writes it (the
     *                   node may have died)
     * @param stream     the Redis stream the uses wait in (all nodes of one database share it)
     */
    record CodeUses(@DefaultValue("200ms") java.time.Duration writeEvery,
                    @DefaultValue("30s") java.time.Duration claimAfter,
                    @DefaultValue("citycard:code-uses") String stream) {
    }

    /**
     * @param sender    INBOX keeps messages in the development inbox; HTTP posts them to a provider's gateway
     * @param httpUrl   the gateway's address (HTTP sender)
     * @param httpToken the bearer token the gateway expects (HTTP sender)
     * @param perAccountPerHour    verification codes a signed-in account may have sent per hour
     * @param perSessionPerHour    codes one browser session may have sent per hour
     * @param perAddressPerHour    codes one source address (IPv6: its /64) may have sent per hour
     * @param humanCheckAfter      codes per hour a browser session gets before anonymous pages need a solved
     *                             human check
     * @param humanCheckAfterPerAddress the same, per source address
     * @param humanCheckDifficulty zero bits the human check's proof of work must find (16: half a second in a browser, typically)
     * @param dailyCodeBudget      verification codes the whole platform sends per day; past it none, and an alert
     * @param dailyNoticeBudget    notices without a code (warnings to owners) per day, a budget of their own
     */
    record Sms(@DefaultValue("INBOX") Sender sender, URI httpUrl, String httpToken,
               @DefaultValue("5") int perAccountPerHour,
               @DefaultValue("5") int perSessionPerHour,
               @DefaultValue("30") int perAddressPerHour,
               @DefaultValue("3") int humanCheckAfter,
               @DefaultValue("12") int humanCheckAfterPerAddress,
               @DefaultValue("16") int humanCheckDifficulty,
               @DefaultValue("20000") long dailyCodeBudget,
               @DefaultValue("20000") long dailyNoticeBudget) {

        enum Sender { INBOX, HTTP }

        @Override
        public String toString() {
            return "Sms[sender=" + sender + ", httpUrl=" + httpUrl + "]";
        }
    }
}
