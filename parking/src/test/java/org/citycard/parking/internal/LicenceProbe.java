package org.citycard.parking.internal;

import java.time.Instant;

import org.springframework.stereotype.Component;

/** Lets tests outside the package run the nightly deletion of decided licences at a chosen time. */
@Component
public class LicenceProbe {

    private final JdbcParkingPlates plates;

    LicenceProbe(JdbcParkingPlates plates) {
        this.plates = plates;
    }

    public int forget(Instant now) {
        return plates.forgetLicences(now);
    }
}
