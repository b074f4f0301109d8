-- E-health cards (居民电子健康卡) a citizen holds on their phone: their own and their dependants'. The platform
-- keeps one card per ID number; so do we: active_key is the ID number's blind index while the card is not closed.
create table health_card (
    id                uuid         primary key,
    holder_id         uuid         not null,
    relation          varchar(8)   not null,
    ehc_id            varchar(64),
    name_cipher       bytea        not null,
    name_masked       varchar(64)  not null,
    id_number_cipher  bytea        not null,
    id_number_index   varchar(64)  not null,
    id_number_masked  varchar(18)  not null,
    sex               varchar(6)   not null,
    birth_date        date         not null,
    state             varchar(16)  not null,
    active_key        varchar(64),
    counter_ref       varchar(12),
    confirmed_by      varchar(64),
    created_at        timestamp with time zone not null,
    issued_at         timestamp with time zone,
    closed_at         timestamp with time zone,
    constraint health_card_relation check (relation in ('SELF', 'CHILD', 'PARENT')),
    constraint health_card_state check (state in ('REGISTERING', 'AWAITING_COUNTER', 'ACTIVE', 'CLOSED')),
    constraint health_card_one_per_person unique (active_key),
    constraint health_card_ehc unique (ehc_id),
    constraint health_card_counter unique (counter_ref)
);
create index health_card_holder on health_card (holder_id);

-- Each use of a card a hospital reported (its terminal verified a code), shown to the holder as visit records.
create table health_visit (
    id          uuid         primary key,
    card_id     uuid         not null references health_card (id),
    hospital    varchar(64)  not null,
    scene       varchar(16)  not null,
    channel     varchar(16)  not null,
    department  varchar(64),
    visited_at  timestamp with time zone not null
);
create index health_visit_card on health_visit (card_id, visited_at);

-- The hospital's own patient id for a card, once the hospital bound it (after verifying a code).
create table health_patient (
    card_id     uuid         not null references health_card (id),
    hospital    varchar(64)  not null,
    patient_id  varchar(64)  not null,
    bound_at    timestamp with time zone not null,
    primary key (card_id, hospital)
);
