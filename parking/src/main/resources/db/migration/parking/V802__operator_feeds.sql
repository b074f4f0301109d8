-- Operators sign their gate-event feeds; each request's nonce is remembered for the replay window.
alter table parking_operator add column public_key varchar(1000);

create table parking_nonce (
    operator_id  varchar(32)  not null,
    nonce        varchar(32)  not null,
    seen_at      timestamp with time zone not null,
    constraint parking_nonce_pk primary key (operator_id, nonce)
);
create index parking_nonce_seen on parking_nonce (seen_at);
