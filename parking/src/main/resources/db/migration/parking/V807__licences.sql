-- The vehicle licence a claimant uploads for staff to decide a disputed plate: encrypted, kept 90 days after the
-- decision, then deleted.
create table parking_licence (
    plate_id     uuid         primary key references parking_plate (id),
    media_type   varchar(16)  not null,
    document     bytea        not null,
    uploaded_at  timestamp with time zone not null,
    decided_at   timestamp with time zone
);
create index parking_licence_decided on parking_licence (decided_at);
