-- Each pass carries its own grace days, the operator's terms when it was sold (before: three days for every pass).
alter table parking_pass add column grace_days int not null default 3;
alter table parking_pass add constraint parking_pass_grace check (grace_days between 0 and 15);
