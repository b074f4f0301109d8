package org.citycard.bills.internal;

import org.citycard.bills.BillPayment;
import org.citycard.card.CitizenId;
import org.citycard.kernel.Fen;
import org.citycard.messages.Messages;
import org.citycard.messages.Notice;
import org.citycard.messages.Topic;
import org.springframework.stereotype.Component;

/** What bill payment tells the citizen: a payment written off, or its money on the way back. Each once. */
@Component
class BillNotices {

    private final Messages messages;

    BillNotices(Messages messages) {
        this.messages = messages;
    }

    void writtenOff(CitizenId citizen, BillPayment p) {
        String amount = Fen.of(p.amountFen()).display();
        messages.send(new Notice(citizen, Topic.BILL_PAID, false, "缴费成功",
                p.billerName() + " 户号 " + p.accountNoMasked() + " 已缴 " + amount + "，销账流水号 " + p.writeOffRef() + "。",
                "Bill paid", p.billerName() + " account " + p.accountNoMasked() + ": " + amount
                        + " settled, biller reference " + p.writeOffRef() + ".", "/me/bills", "bill-paid:" + p.id()));
    }

    void goingBack(CitizenId citizen, BillPayment p) {
        String amount = Fen.of(p.amountFen()).display();
        messages.send(new Notice(citizen, Topic.REFUND, false, "缴费退款",
                p.billerName() + " 户号 " + p.accountNoMasked() + " 的 " + amount + " 未能销账，将原路退回。",
                "Bill payment refunded", p.billerName() + " account " + p.accountNoMasked() + ": " + amount
                        + " was not settled and goes back the way it came.", "/me/bills", "bill-refund:" + p.id()));
    }
}
