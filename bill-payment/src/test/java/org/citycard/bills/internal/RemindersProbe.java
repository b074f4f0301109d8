package org.citycard.bills.internal;

import java.time.LocalDate;

import org.springframework.stereotype.Component;

/** Lets the module's tests run a day's bill reminders on a day of their choosing. */
@Component
public class RemindersProbe {

    private final BillReminders reminders;

    RemindersProbe(BillReminders reminders) {
        this.reminders = reminders;
    }

    public int run(LocalDate day) {
        return reminders.run(day);
    }
}
