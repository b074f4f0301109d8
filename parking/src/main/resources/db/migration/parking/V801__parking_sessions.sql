-- Gate events as operators send them (at least once, in any order), and the sessions they make.
create table parking_event (
    operator_id  varchar(32)  not null,
    event_id     varchar(64)  not null,
    lot_id       varchar(32)  not null,
    gate         varchar(32),
    direction    varchar(5)   not null,
    plate        varchar(10)  not null,
    colour       varchar(12)  not null,
    at           timestamp with time zone not null,
    photo_ref    varchar(200),
    received_at  timestamp with time zone not null,
    session_id   uuid,
    outcome      varchar(24)  not null,
    constraint parking_event_pk primary key (operator_id, event_id),
    constraint parking_event_direction check (direction in ('ENTRY', 'EXIT'))
);
create index parking_event_session on parking_event (session_id);

-- One row per car and lot ever seen: events of the same car at the same lot are applied one at a time under its lock.
create table parking_presence (
    lot_id  varchar(32)  not null,
    plate   varchar(10)  not null,
    constraint parking_presence_pk primary key (lot_id, plate)
);

create table parking_session (
    id            uuid         primary key,
    lot_id        varchar(32)  not null references parking_lot (id),
    plate         varchar(10)  not null,
    colour        varchar(12)  not null,
    -- null while an exit waits for an entry a gate may still send late
    entry_at      timestamp with time zone,
    exit_at       timestamp with time zone,
    state         varchar(16)  not null,
    anomaly       varchar(24),
    -- the lot and plate while the session is open, null otherwise: one open session per car and lot
    open_key      varchar(50),
    -- an exit without an entry is decided (per the lot) once no late entry can come any more
    decide_after  timestamp with time zone,
    fee           bigint,
    billed_at     timestamp with time zone,
    paid          bigint       not null default 0,
    created_at    timestamp with time zone not null,
    constraint parking_session_state check (state in ('OPEN', 'AWAITING_ENTRY', 'CLOSED', 'ANOMALY')),
    constraint parking_session_open unique (open_key),
    constraint parking_session_fee check (fee is null or fee >= 0)
);
create index parking_session_car on parking_session (lot_id, plate, entry_at);
create index parking_session_plate on parking_session (plate, created_at);
create index parking_session_decide on parking_session (state, decide_after);
