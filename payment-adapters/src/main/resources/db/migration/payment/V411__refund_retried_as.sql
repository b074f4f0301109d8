-- A refused refund asked again names the refund that asked: should a second officer reject that one, the refused
-- refund is owed again and goes back on the payments console's list.
alter table payment_refund add column retried_as varchar(32);
