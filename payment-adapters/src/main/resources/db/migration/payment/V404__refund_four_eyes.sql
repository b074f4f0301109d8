-- Refunds above a configurable amount wait for a second finance officer: AWAITING_APPROVAL → REQUESTED (approved
-- by someone other than the requester) or REJECTED. A waiting refund already counts against what is refundable.
alter table payment_refund drop constraint payment_refund_state;
alter table payment_refund alter column state set data type varchar(20);
alter table payment_refund add constraint payment_refund_state
    check (state in ('AWAITING_APPROVAL', 'REQUESTED', 'SUCCEEDED', 'FAILED', 'REJECTED'));
alter table payment_refund add column approved_by varchar(64);
alter table payment_refund add column approved_at timestamp with time zone;
