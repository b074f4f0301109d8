-- Auto-pay (代扣) agreements: the wallet pays an account's bills on their due date, up to a monthly cap.
create table bill_auto_pay (
    id              uuid         primary key,
    citizen_id      uuid         not null,
    account_id      uuid         not null references bill_account (id),
    -- the account while the agreement stands (active or stopped), null once cancelled: one agreement per account
    standing        uuid,
    monthly_cap     bigint       not null,
    state           varchar(12)  not null,
    failures        integer      not null default 0,
    next_try_on     date,
    stop_reason     varchar(64),
    signed_at       timestamp with time zone not null,
    cancelled_at    timestamp with time zone,
    constraint bill_auto_pay_cap check (monthly_cap > 0),
    constraint bill_auto_pay_state check (state in ('ACTIVE', 'STOPPED', 'CANCELLED')),
    constraint bill_auto_pay_once unique (standing)
);
create index bill_auto_pay_citizen on bill_auto_pay (citizen_id);

alter table bill_payment add column auto_pay_id uuid;
