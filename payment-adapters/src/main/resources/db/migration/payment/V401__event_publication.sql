-- Spring Modulith's event publication registry (its v2 schema, written so that PostgreSQL and H2 take it alike):
-- an event is stored with the transaction that publishes it and marked complete when its listener succeeds, so a
-- crash between "paid" and "credited" loses nothing. Shared by every module that publishes events.
create table event_publication (
    id                      uuid          not null primary key,
    listener_id             varchar(512)  not null,
    event_type              varchar(512)  not null,
    serialized_event        varchar(4000) not null,
    publication_date        timestamp with time zone not null,
    completion_date         timestamp with time zone,
    status                  varchar(20),
    completion_attempts     integer,
    last_resubmission_date  timestamp with time zone
);
create index event_publication_by_listener on event_publication (listener_id, serialized_event);
create index event_publication_by_completion on event_publication (completion_date);
