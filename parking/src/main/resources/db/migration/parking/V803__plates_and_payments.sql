-- Citizens' plates: one owner per plate; a second claim waits for staff.
create table parking_plate (
    id            uuid         primary key,
    citizen_id    uuid         not null,
    plate         varchar(10)  not null,
    colour        varchar(12)  not null,
    state         varchar(16)  not null,
    -- the plate while its owner holds it: one owner per plate
    owner_key     varchar(10),
    -- the citizen and plate while bound or claimed: a citizen binds a plate once
    citizen_key   varchar(60),
    seamless      boolean      not null default false,
    seamless_cap  bigint       not null default 0,
    bound_at      timestamp with time zone not null,
    ended_at      timestamp with time zone,
    constraint parking_plate_state check (state in ('ACTIVE', 'PENDING_REVIEW', 'REJECTED', 'REMOVED')),
    constraint parking_plate_owner unique (owner_key),
    constraint parking_plate_citizen unique (citizen_key)
);
create index parking_plate_citizen_id on parking_plate (citizen_id);

-- Payments toward a session (before leaving, at the exit, or later): an order each, one awaited at a time.
create table parking_payment (
    id            varchar(32)  primary key,
    session_id    uuid         not null references parking_session (id),
    citizen_id    uuid         not null,
    amount        bigint       not null,
    -- paid before leaving: the stay is covered up to here (and the lot's minutes to leave after it)
    covers_until  timestamp with time zone,
    order_no      varchar(32),
    state         varchar(12)  not null,
    in_flight     uuid,
    created_at    timestamp with time zone not null,
    paid_at       timestamp with time zone,
    constraint parking_payment_state check (state in ('AWAITING', 'PAID', 'ENDED')),
    constraint parking_payment_amount check (amount > 0),
    constraint parking_payment_in_flight unique (in_flight)
);
create index parking_payment_session on parking_payment (session_id);

alter table parking_session add column covered_until timestamp with time zone;

-- One row per citizen who ever bound a plate: their binds are applied one at a time under its lock.
create table parking_driver (
    citizen_id  uuid  primary key
);
