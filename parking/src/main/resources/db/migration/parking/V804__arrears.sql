-- A payment may settle more than one stay: the one paid for, and the plate's arrears (on-street stays left unpaid)
-- collected with it. Each stay has at most one payment awaited (in_flight unique).
create table parking_payment_part (
    payment_id  varchar(32)  not null references parking_payment (id),
    session_id  uuid         not null references parking_session (id),
    amount      bigint       not null,
    in_flight   uuid,
    constraint parking_payment_part_pk primary key (payment_id, session_id),
    constraint parking_payment_part_amount check (amount > 0),
    constraint parking_payment_part_in_flight unique (in_flight)
);
create index parking_payment_part_session on parking_payment_part (session_id);
