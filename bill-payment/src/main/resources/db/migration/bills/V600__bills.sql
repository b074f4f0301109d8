-- Bill payment: accounts citizens bind, and payments written off at the biller exactly once.

create table bill_account (
    id              uuid         primary key,
    citizen_id      uuid         not null,
    biller_id       varchar(32)  not null,
    -- the account number (a phone number for carriers) encrypted; its keyed blind index while bound, null after
    account_no_enc  bytea        not null,
    account_index   varchar(64)  not null,
    bound_index     varchar(64),
    account_masked  varchar(32)  not null,
    nickname        varchar(48)  not null,
    holder_masked   varchar(64)  not null,
    address_masked  varchar(160) not null,
    bound_at        timestamp with time zone not null,
    unbound_at      timestamp with time zone,
    constraint bill_account_once unique (citizen_id, biller_id, bound_index)
);
create index bill_account_citizen on bill_account (citizen_id, bound_at);

create table bill_payment (
    id               varchar(32)  primary key,
    citizen_id       uuid         not null,
    account_id       uuid         not null references bill_account (id),
    biller_id        varchar(32)  not null,
    amount           bigint       not null,
    bill_id          varchar(40),
    order_no         varchar(32),
    state            varchar(24)  not null,
    -- biller and account while a payment is awaiting payment or write-off, null otherwise: one in flight per account
    in_flight        varchar(100),
    idempotency_key  varchar(100) not null,
    write_off_ref    varchar(64),
    problem          varchar(64),
    attempts         integer      not null default 0,
    next_attempt_at  timestamp with time zone,
    created_at       timestamp with time zone not null,
    paid_at          timestamp with time zone,
    written_off_at   timestamp with time zone,
    constraint bill_payment_amount check (amount > 0),
    constraint bill_payment_state check (state in ('AWAITING_PAYMENT', 'PAID_AWAITING_WRITE_OFF', 'WRITTEN_OFF',
        'CLOSED', 'REFUNDING', 'REFUNDED')),
    constraint bill_payment_in_flight unique (in_flight),
    constraint bill_payment_key unique (citizen_id, idempotency_key)
);
create index bill_payment_account on bill_payment (account_id, created_at);
create index bill_payment_retry on bill_payment (state, next_attempt_at);
create index bill_payment_order on bill_payment (order_no);
