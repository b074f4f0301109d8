-- ShedLock's table: a scheduled job (the payment janitor, later reconciliation) runs on one node at a time.
create table shedlock (
    name        varchar(64)  primary key,
    lock_until  timestamp with time zone not null,
    locked_at   timestamp with time zone not null,
    locked_by   varchar(255) not null
);
