-- Monthly passes (月卡) an operator sells for a plate at a lot: stays within them cost nothing, and for a few days
-- after one runs out (the grace period) neither.
create table parking_pass (
    id           uuid         primary key,
    lot_id       varchar(32)  not null references parking_lot (id),
    plate        varchar(10)  not null,
    valid_from   date         not null,
    valid_until  date         not null,
    created_by   varchar(64)  not null,
    created_at   timestamp with time zone not null,
    constraint parking_pass_dates check (valid_until >= valid_from)
);
create index parking_pass_car on parking_pass (lot_id, plate, valid_until);
