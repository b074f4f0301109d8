-- A refund finance returned outside any channel (a bank transfer, cash at a counter) for one a channel refused: it is
-- a refund like any other for the order and the purpose (a top-up's money leaves the wallet), approved by a second
-- officer, never sent to a channel and never expected on a channel's statement.
alter table payment_refund add column by_hand boolean default false not null;
