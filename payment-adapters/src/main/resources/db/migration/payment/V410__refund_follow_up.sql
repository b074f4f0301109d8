-- Why a refund failed and whether the channel refused it (rather than a purpose, its money being spent already), and
-- what finance did about a refused one: asked the channel again (the new refund's number) or settled it another way
-- (their note). A refused refund nobody has followed up stays on the payments console.
alter table payment_refund add column failure varchar(200);
alter table payment_refund add column channel_refused boolean default false not null;
alter table payment_refund add column follow_up varchar(300);
alter table payment_refund add column followed_up_by varchar(64);
alter table payment_refund add column followed_up_at timestamp with time zone;
create index payment_refund_refused on payment_refund (state, channel_refused);
