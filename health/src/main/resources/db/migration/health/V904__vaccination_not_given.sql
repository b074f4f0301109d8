-- A checked-in person who leaves without the dose (the doctor put it off, a contraindication, declined, or the day
-- ended with none recorded): the booking ends as NOT_GIVEN with its reason, and the person may book again.
alter table vacc_booking drop constraint vacc_booking_state;
alter table vacc_booking add constraint vacc_booking_state check (state in ('HELD', 'CONFIRMED', 'CHECKED_IN',
    'VACCINATED', 'CANCELLED', 'EXPIRED', 'NO_SHOW', 'NOT_GIVEN'));
alter table vacc_booking add column not_given_reason varchar(16);
