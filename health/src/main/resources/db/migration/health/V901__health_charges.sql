-- What hospitals charge at a visit, paid from the phone. One row per hospital reference; paid once (state moves from
-- DUE with a guarded update); order_no is the order under way, if any (one at a time).
create table health_charge (
    id            varchar(32)  primary key,
    card_id       uuid         not null references health_card (id),
    visit_id      uuid         not null references health_visit (id),
    hospital      varchar(64)  not null,
    hospital_ref  varchar(32)  not null,
    kind          varchar(16)  not null,
    amount        bigint       not null,
    items         varchar(8000) not null,
    state         varchar(12)  not null,
    order_no      varchar(32),
    paid_order    varchar(32),
    channel       varchar(16),
    created_at    timestamp with time zone not null,
    paid_at       timestamp with time zone,
    constraint health_charge_state check (state in ('DUE', 'PAID', 'CANCELLED')),
    constraint health_charge_amount check (amount > 0),
    constraint health_charge_ref unique (hospital, hospital_ref)
);
create index health_charge_card on health_charge (card_id, state);
