-- Rejected notifications are forgotten after a retention period (citycard.payment.rejected-notification-retention);
-- the nightly delete finds them by verdict and age.
create index payment_notification_rejected on payment_notification (verdict, received_at);
