package org.citycard.card;

/**
 * Sends an SMS. Pluggable: the default profile keeps messages in a development inbox; a real provider is
 * configured with {@code citycard.card.sms.*}. Implementations never log the phone or the text.
 */
public interface SmsSender {

    void send(PhoneNumber phone, String text);
}
