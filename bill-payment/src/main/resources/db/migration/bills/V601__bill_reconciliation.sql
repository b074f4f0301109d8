-- What each biller's daily file said against our payments, and the settlement, per biller and day (finance reads it).
create table bill_reconciliation (
    biller_id          varchar(32)  not null,
    file_day           date         not null,
    matched            integer      not null,
    missing_at_biller  integer      not null,
    missing_with_us    integer      not null,
    amount_mismatch    integer      not null,
    confirmed          integer      not null,
    reversed           integer      not null,
    file_total         bigint       not null,
    -- the settlement: what we owe the biller for the day (written off), and what went back to citizens instead
    owed               bigint       not null,
    refunded           bigint       not null,
    ran_at             timestamp with time zone not null,
    constraint bill_reconciliation_pk primary key (biller_id, file_day)
);
