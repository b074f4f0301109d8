package org.citycard.parking.internal;

import java.util.Optional;

import org.citycard.card.CitizenId;
import org.citycard.kernel.Fen;
import org.citycard.messages.Messages;
import org.citycard.messages.Notice;
import org.citycard.messages.Topic;
import org.citycard.parking.ParkingPayments;
import org.citycard.parking.ParkingSessionBilled;
import org.citycard.payment.ChannelId;
import org.citycard.payment.Checkout;
import org.citycard.payment.PaymentOrder;
import org.citycard.payment.Scene;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * Seamless payment (无感支付): a billed stay of a plate whose holder opted in is paid from the wallet at once, up to
 * the holder's cap, and the holder is told. Over the cap or with a short wallet the stay stays due (the order waits
 * for another channel) and the holder is told where to pay it. The same billing heard twice pays once: the stay's
 * one awaited payment is reused and a paid stay owes nothing.
 */
@Component
class SeamlessPayments {

    private final JdbcParkingPlates plates;
    private final ParkingPayments payments;
    private final Checkout checkout;
    private final Messages messages;

    SeamlessPayments(JdbcParkingPlates plates, ParkingPayments payments, Checkout checkout, Messages messages) {
        this.plates = plates;
        this.payments = payments;
        this.checkout = checkout;
        this.messages = messages;
    }

    @ApplicationModuleListener(id = "parking.seamless", propagation = Propagation.NOT_SUPPORTED)
    void on(ParkingSessionBilled billed) {
        if (billed.feeFen() <= 0) {
            return;
        }
        Optional<JdbcParkingPlates.Seamless> seamless = plates.seamless(billed.plate().text());
        if (seamless.isEmpty()) {
            return;
        }
        CitizenId citizen = seamless.get().citizen();
        Optional<ParkingPayments.Stay> stay = payments.stay(citizen, billed.session());
        if (stay.isEmpty() || stay.get().dueFen() == 0) {
            return;
        }
        long due = stay.get().dueFen();
        String lot = stay.get().lotName();
        String amount = Fen.of(due).display();
        String plate = billed.plate().text();
        if (due > seamless.get().capFen()) {
            notice(citizen, Topic.PARKING_DUE, billed, "停车费待缴", plate + " 在" + lot + "的停车费 " + amount
                            + " 超出无感支付上限 " + Fen.of(seamless.get().capFen()).display() + "，请在“我的停车”中缴纳。",
                    "Parking fee due", plate + " at " + lot + ": " + amount + " is over your seamless cap; please pay it in My parking.");
            return;
        }
        PaymentOrder order = switch (payments.start(citizen, billed.session(), "seamless-" + billed.session())) {
            case ParkingPayments.Start.Created created -> created.order();
            case ParkingPayments.Start.Existing existing -> existing.order();
            case ParkingPayments.Start.Refused refused -> null;
        };
        if (order == null) {
            return;
        }
        boolean paid = checkout.pay(citizen, order.no(), ChannelId.WALLET, Scene.WALLET) instanceof Checkout.Result.Paid;
        if (paid) {
            notice(citizen, Topic.PARKING_PAID, billed, "停车费已无感支付", plate + " 在" + lot + "的停车费 " + amount
                    + " 已从钱包支付。", "Parking paid", plate + " at " + lot + ": " + amount + " paid from your wallet.");
        } else {
            notice(citizen, Topic.PARKING_DUE, billed, "停车费待缴", plate + " 在" + lot + "的停车费 " + amount
                            + " 未能从钱包支付（余额不足），请在“我的停车”中缴纳。", "Parking fee due",
                    plate + " at " + lot + ": " + amount + " could not be paid from your wallet (too little in it); please "
                            + "pay it in My parking.");
        }
    }

    private void notice(CitizenId citizen, Topic topic, ParkingSessionBilled billed, String titleZh, String bodyZh,
                        String titleEn, String bodyEn) {
        messages.send(new Notice(citizen, topic, false, titleZh, bodyZh, titleEn, bodyEn, "/me/parking",
                "parking:" + topic.name() + ":" + billed.session()));
    }
}
