-- Each bound account takes one of its citizen's places (1 to 20); the unique constraint, not a count read before the
-- insert, keeps the limit when binds arrive at once (a count let 28 parallel binds through). An unbound account gives
-- its place back (null). Accounts bound before this take places in the order they were bound.
alter table bill_account add column place int;
update bill_account a set place = (
    select count(*) from bill_account b
    where b.citizen_id = a.citizen_id and b.bound_index is not null
      and (b.bound_at < a.bound_at or (b.bound_at = a.bound_at and b.id <= a.id)))
where a.bound_index is not null;
alter table bill_account add constraint bill_account_place unique (citizen_id, place);
