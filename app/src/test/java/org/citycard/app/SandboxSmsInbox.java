package org.citycard.app;


import org.citycard.card.SmsInbox;
import org.citycard.sandbox.Sandbox;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** The tests read SMS codes where a developer would: in the sandbox SMS provider the platform sent them to. */
@TestConfiguration(proxyBeanMethods = false)
class SandboxSmsInbox {

    @Bean
    SmsInbox smsInbox(Sandbox sandbox) {
        return () -> sandbox.sms().messages().stream()
                .map(m -> new SmsInbox.Message(m.phoneMasked(), m.text(), m.sentAt())).toList();
    }

}
