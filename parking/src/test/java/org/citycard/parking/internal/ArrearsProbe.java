package org.citycard.parking.internal;

import java.time.Instant;

import org.citycard.messages.Messages;
import org.springframework.stereotype.Component;

/** Lets tests outside the package run the arrears reminders at a chosen time, as the morning job does. */
@Component
public class ArrearsProbe {

    private final JdbcParkingPayments payments;
    private final Messages messages;

    ArrearsProbe(JdbcParkingPayments payments, Messages messages) {
        this.payments = payments;
        this.messages = messages;
    }

    public int remind(Instant now) {
        return payments.remindArrears(now, messages);
    }
}
