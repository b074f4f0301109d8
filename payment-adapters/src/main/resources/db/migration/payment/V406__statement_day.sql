-- The day of the channel's statement that carries a payment or a refund: the channel's own success time (China
-- time) or settlement date where it says one, otherwise the day we recorded it. Reconciliation looks for a payment
-- on this day, so one paid at 23:59:58 and notified after midnight is not reported missing on both days; a match
-- in a statement corrects it. Null for rows from before it was kept: those fall back to paid_at / decided_at.
alter table payment_order add column statement_day date;
alter table payment_refund add column statement_day date;
create index payment_order_statement_day on payment_order (channel, statement_day);
create index payment_refund_statement_day on payment_refund (statement_day);
