-- Failed password sign-ins per login (keyed hash of the phone or username): five within 15 minutes lock that
-- login for 15 minutes, on every node.
create table card_sign_in_failure (
    login_key     varchar(64) primary key,
    failures      integer     not null,
    window_start  timestamp with time zone not null,
    locked_until  timestamp with time zone
);
