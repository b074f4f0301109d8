-- A refresh-token family remembers when the citizen signed in with the platform (refreshing never renews that),
-- and the social-security number (in China the ID number) is personal data: stored encrypted, shown masked.
alter table card_refresh_token add column signed_in_at timestamp with time zone;
update card_refresh_token set signed_in_at = issued_at where signed_in_at is null;

alter table card_card add column social_security_cipher bytea;
alter table card_card add column social_security_masked varchar(32);
alter table card_card drop column social_security_no;

-- one WeChat and one Alipay login per citizen, even when two link codes are used at once
alter table card_login add constraint card_login_one_per_provider unique (citizen_id, provider);
