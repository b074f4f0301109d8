-- Wallet top-ups moved from the payment module to the wallet module, and their listeners now carry ids of their
-- own. The event publication registry names each event's listener: events published before the upgrade and not yet
-- handled (a crash, a listener that failed and waits to be resubmitted) name the old class's methods. Renamed here,
-- they are resubmitted to the new listeners, which credit them once (the ledger's key is the order number).
update event_publication set listener_id = 'wallet.top-up.paid'
 where listener_id = 'org.citycard.payment.topup.WalletTopUp.on(org.citycard.payment.PaymentSucceeded)'
   and completion_date is null;
update event_publication set listener_id = 'wallet.top-up.refunded'
 where listener_id = 'org.citycard.payment.topup.WalletTopUp.on(org.citycard.payment.RefundSucceeded)'
   and completion_date is null;
update event_publication set listener_id = 'wallet.top-up.refund-failed'
 where listener_id = 'org.citycard.payment.topup.WalletTopUp.on(org.citycard.payment.RefundFailed)'
   and completion_date is null;
