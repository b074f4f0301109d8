-- Vaccination booking. Clinics (接种门诊) and the vaccines they give, with stock; slots (a day, a period, a
-- capacity) whose bookings are counted with a conditional update (booked < capacity): the database is the truth,
-- whatever gate stands in front of it.
create table vacc_clinic (
    id          varchar(32)  primary key,
    name        varchar(64)  not null,
    district    varchar(32)  not null,
    address     varchar(128) not null,
    phone       varchar(32)  not null,
    active      boolean      not null default true
);

-- Which staff account works at which clinic (CLINIC_STAFF see and act for their own clinic only).
create table vacc_clinic_staff (
    username    varchar(64)  primary key,
    clinic_id   varchar(32)  not null references vacc_clinic (id)
);

-- A vaccine and its rules: who may have it (age band, in months), how many doses, the least days between them, and
-- whether later doses must be at the clinic of the first.
create table vacc_vaccine (
    id              varchar(32)  primary key,
    name            varchar(64)  not null,
    kind            varchar(12)  not null,
    price           bigint       not null,
    doses           int          not null,
    min_age_months  int          not null,
    max_age_months  int          not null,
    intervals       varchar(64)  not null,
    same_clinic     boolean      not null,
    constraint vacc_vaccine_kind check (kind in ('PROGRAMME', 'SELF_PAID')),
    constraint vacc_vaccine_doses check (doses between 1 and 6),
    constraint vacc_vaccine_price check (price >= 0)
);

create table vacc_stock (
    clinic_id   varchar(32)  not null references vacc_clinic (id),
    vaccine_id  varchar(32)  not null references vacc_vaccine (id),
    on_hand     int          not null,
    primary key (clinic_id, vaccine_id),
    constraint vacc_stock_on_hand check (on_hand >= 0)
);

create table vacc_slot (
    id          uuid         primary key,
    clinic_id   varchar(32)  not null references vacc_clinic (id),
    vaccine_id  varchar(32)  not null references vacc_vaccine (id),
    slot_day    date         not null,
    starts_at   time         not null,
    ends_at     time         not null,
    capacity    int          not null,
    booked      int          not null default 0,
    opens_at    timestamp with time zone not null,
    constraint vacc_slot_capacity check (capacity between 1 and 10000),
    constraint vacc_slot_booked check (booked between 0 and capacity),
    constraint vacc_slot_period unique (clinic_id, vaccine_id, slot_day, starts_at)
);
create index vacc_slot_find on vacc_slot (vaccine_id, slot_day);

-- A booking for one person (an e-health card the booker holds). active_key is the person and vaccine while the
-- booking is alive (held, confirmed, checked in): one live booking per person and vaccine, on H2 and PostgreSQL alike.
create table vacc_booking (
    id              uuid         primary key,
    slot_id         uuid         not null references vacc_slot (id),
    clinic_id       varchar(32)  not null,
    vaccine_id      varchar(32)  not null,
    dose            int          not null,
    booker_id       uuid         not null,
    card_id         uuid         not null,
    person_index    varchar(64)  not null,
    state           varchar(12)  not null,
    active_key      varchar(100),
    hold_until      timestamp with time zone,
    order_no        varchar(32),
    paid_order      varchar(32),
    created_at      timestamp with time zone not null,
    confirmed_at    timestamp with time zone,
    checked_in_at   timestamp with time zone,
    ended_at        timestamp with time zone,
    constraint vacc_booking_state check (state in ('HELD', 'CONFIRMED', 'CHECKED_IN', 'VACCINATED', 'CANCELLED',
        'EXPIRED', 'NO_SHOW')),
    constraint vacc_booking_one_live unique (active_key)
);
create index vacc_booking_booker on vacc_booking (booker_id, created_at);
create index vacc_booking_slot on vacc_booking (slot_id, state);
create index vacc_booking_hold on vacc_booking (state, hold_until);

-- Doses given: the truth the series rules read (which dose is next, since when, where the first was).
create table vacc_dose (
    id            uuid         primary key,
    booking_id    uuid         references vacc_booking (id),
    person_index  varchar(64)  not null,
    card_id       uuid         not null,
    vaccine_id    varchar(32)  not null,
    dose          int          not null,
    clinic_id     varchar(32)  not null,
    batch         varchar(32)  not null,
    site          varchar(16)  not null,
    given_at      timestamp with time zone not null,
    given_by      varchar(64)  not null,
    constraint vacc_dose_once unique (person_index, vaccine_id, dose)
);

-- E-vaccination certificates (电子预防接种凭证): public_id is random (128 bits), never derived from anything; the
-- signed text is what the QR code carries.
create table vacc_certificate (
    public_id     varchar(32)  primary key,
    dose_id       uuid         not null references vacc_dose (id),
    card_id       uuid         not null,
    signed        varchar(1000) not null,
    issued_at     timestamp with time zone not null
);
create index vacc_certificate_card on vacc_certificate (card_id);
