-- The channel each parking payment came through, each operator's day settled per channel, and each operator's daily
-- session file reconciled against our stays (no column is called "day": H2 reserves the word).
alter table parking_payment add column channel varchar(16);

create table parking_settlement (
    operator_id  varchar(32)  not null,
    settled_day  date         not null,
    channel      varchar(16)  not null,
    payments     integer      not null,
    collected    bigint       not null,
    fees         bigint       not null,
    payout       bigint       not null,
    settled_at   timestamp with time zone not null,
    constraint parking_settlement_pk primary key (operator_id, settled_day, channel)
);

create table parking_reconciliation (
    operator_id          varchar(32)  not null,
    file_day             date         not null,
    file_lines           integer      not null,
    matched              integer      not null,
    missing_with_us      integer      not null,
    missing_at_operator  integer      not null,
    fee_mismatch         integer      not null,
    bad_lines            integer      not null,
    received_at          timestamp with time zone not null,
    constraint parking_reconciliation_pk primary key (operator_id, file_day)
);
