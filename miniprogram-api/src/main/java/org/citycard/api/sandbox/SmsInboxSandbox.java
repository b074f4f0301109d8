package org.citycard.api.sandbox;

import java.util.List;

import org.citycard.card.PhoneNumber;
import org.citycard.card.SmsInbox;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.citycard.api.ApiProblem;

/**
 * The development SMS inbox as JSON, for mini-program developers and scripts: {@code GET /sandbox/sms?phone=...}
 * gives the messages "sent" to that phone. Public, sandbox only, and only while the inbox is the SMS sender.
 */
@RestController
@ConditionalOnProperty(name = "citycard.mp.sandbox", havingValue = "true")
class SmsInboxSandbox {

    private final ObjectProvider<SmsInbox> inbox;

    SmsInboxSandbox(ObjectProvider<SmsInbox> inbox) {
        this.inbox = inbox;
    }

    @GetMapping("/sandbox/sms")
    List<SmsInbox.Message> messages(@RequestParam String phone) {
        SmsInbox messages = inbox.getIfAvailable();
        if (messages == null) {
            throw ApiProblem.notFound("request.not-found", "There is no development SMS inbox.");
        }
        String masked = PhoneNumber.parse(phone).orElseThrow(() -> ApiProblem.badParameter("phone",
                "Not a mobile number.")).masked();
        return messages.messages().stream().filter(m -> m.phoneMasked().equals(masked)).toList();
    }
}
