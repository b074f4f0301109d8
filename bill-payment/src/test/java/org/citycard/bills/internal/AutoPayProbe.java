package org.citycard.bills.internal;

import java.time.LocalDate;

import org.springframework.stereotype.Component;

/** Lets the module's tests run a day's auto-pay on a day of their choosing, as the morning job does for today. */
@Component
public class AutoPayProbe {

    private final AutoPayRun run;

    AutoPayProbe(AutoPayRun run) {
        this.run = run;
    }

    public int run(LocalDate day) {
        return run.run(day);
    }
}
