package org.citycard.messages.internal;

import org.citycard.kernel.Fen;
import org.citycard.messages.Messages;
import org.citycard.messages.Notice;
import org.citycard.messages.Topic;
import org.citycard.payment.ChannelId;
import org.citycard.payment.RefundFailed;
import org.citycard.payment.RefundSucceeded;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells the citizen what became of a refund of theirs, whatever it was for (a cancelled vaccination, a bill that could
 * not be written off, a parking stay paid twice, a top-up given back): the money is back, and where; or the channel
 * refused it, the money is still theirs, and finance staff follow it up. A refund a purpose stopped (a top-up already
 * spent) was never the citizen's to expect, and is not told. Each once, however often the event comes.
 */
@Component
class RefundNotices {

    private final Messages messages;

    RefundNotices(Messages messages) {
        this.messages = messages;
    }

    @ApplicationModuleListener(id = "messages.refund.succeeded")
    void on(RefundSucceeded done) {
        String amount = Fen.of(done.amountFen()).display();
        if (done.byHand()) {
            messages.send(new Notice(done.citizen(), Topic.REFUND, false, "退款已另行退还",
                    "「" + subject(done.subject()) + "」的 " + amount + " 未能原路退回，市民卡财务人员已另行退还给您（如银行转账），"
                            + "请留意到账（退款单号 " + done.refundNo() + "）。",
                    "Refund returned another way", amount + " for \"" + subject(done.subject()) + "\" could not go back"
                            + " the way it came; CityCard finance staff have returned it to you another way (such as a bank"
                            + " transfer). Please look out for it (refund " + done.refundNo() + ").",
                    "/me/orders", "refund-done:" + done.refundNo()));
            return;
        }
        messages.send(new Notice(done.citizen(), Topic.REFUND, false, "退款已到账",
                "「" + subject(done.subject()) + "」的 " + amount + " 已退回" + whereZh(done.channel()) + "（退款单号 "
                        + done.refundNo() + "）。",
                "Refund received", amount + " for \"" + subject(done.subject()) + "\" is back " + whereEn(done.channel())
                        + " (refund " + done.refundNo() + ").",
                "/me/orders", "refund-done:" + done.refundNo()));
    }

    @ApplicationModuleListener(id = "messages.refund.failed")
    void on(RefundFailed failed) {
        if (!failed.refusedByChannel()) {
            return;
        }
        String amount = Fen.of(failed.amountFen()).display();
        messages.send(new Notice(failed.citizen(), Topic.REFUND, false, "退款未能原路退回",
                "「" + subject(failed.subject()) + "」的 " + amount + " 未能退回" + whereZh(failed.channel())
                        + "，这笔钱仍然属于您。市民卡财务人员将重新退款或与您联系另行退还（退款单号 " + failed.refundNo() + "）。",
                "Refund not yet returned", amount + " for \"" + subject(failed.subject()) + "\" could not go back "
                        + whereEn(failed.channel()) + ". The money is still yours: CityCard finance staff will refund it"
                        + " again or contact you to return it another way (refund " + failed.refundNo() + ").",
                "/me/orders", "refund-failed:" + failed.refundNo()));
    }

    private static String subject(String subject) {
        return subject == null || subject.isBlank() ? "订单 order" : subject;
    }

    private static String whereZh(ChannelId channel) {
        return channel == null ? "原支付账户" : switch (channel) {
            case WECHAT_PAY -> "微信支付";
            case ALIPAY -> "支付宝";
            case UNIONPAY -> "银联付款账户";
            case WALLET -> "市民卡钱包";
        };
    }

    private static String whereEn(ChannelId channel) {
        return channel == null ? "to the account it was paid from" : switch (channel) {
            case WECHAT_PAY -> "to WeChat Pay";
            case ALIPAY -> "to Alipay";
            case UNIONPAY -> "to the UnionPay account it was paid from";
            case WALLET -> "in the card's wallet";
        };
    }
}
