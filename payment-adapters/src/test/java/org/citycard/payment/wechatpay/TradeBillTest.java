package org.citycard.payment.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.citycard.payment.OrderNo;
import org.citycard.payment.PaymentChannel.StatementEntry;
import org.citycard.payment.PaymentChannel.StatementUnavailable;
import org.junit.jupiter.api.Test;

/** WeChat Pay's trade bill read from lines written by hand after its documented columns, not by the sandbox. */
class TradeBillTest {

    private static final String HEADER = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,"
            + "交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,"
            + "商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
    private static final String ORDER = "CC261121235958000000000001";
    private static final String PAYMENT = "`2026-11-21 23:59:58,`wx8888888888888888,`1900000109,`0,`,"
            + "`4200000001202611210000000001,`" + ORDER + ",`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,`NATIVE,`SUCCESS,`OTHERS,"
            + "`CNY,`100.00,`0.00,`0,`0,`0.00,`0.00,`,`,`钱包充值,`,`0.60000,`0.60%,`100.00,`0.00,`";
    private static final String REFUND = "`2026-11-21 10:15:00,`wx8888888888888888,`1900000109,`0,`,"
            + "`4200000001202611210000000001,`" + ORDER + ",`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,`NATIVE,`REFUND,`OTHERS,"
            + "`CNY,`0.00,`0.00,`50000000012026112100000001,`RF261121101500000000000001,`25.00,`0.00,`ORIGINAL,"
            + "`SUCCESS,`钱包充值,`,`-0.15000,`0.60%,`0.00,`25.00,`";
    private static final String OTHER_SYSTEM = PAYMENT.replace(ORDER, "POS-20261121-0001");
    private static final String SUMMARY = "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\r\n"
            + "`3,`200.00,`25.00,`0.00,`1.05000,`200.00,`25.00";

    @Test
    void payments_and_refunds_of_our_orders_are_read_with_their_fees_to_the_fen() {
        var entries = TradeBill.read(HEADER + "\r\n" + PAYMENT + "\r\n" + OTHER_SYSTEM + "\r\n" + REFUND + "\r\n" + SUMMARY);

        assertThat(entries).containsExactly(
                new StatementEntry(StatementEntry.Kind.PAYMENT, new OrderNo(ORDER), null,
                        "4200000001202611210000000001", 10_000, 60),
                new StatementEntry(StatementEntry.Kind.REFUND, new OrderNo(ORDER), "RF261121101500000000000001",
                        "50000000012026112100000001", 2_500, -15));
    }

    @Test
    void a_cut_line_or_an_unreadable_amount_refuses_the_bill_rather_than_half_reading_it() {
        assertThatThrownBy(() -> TradeBill.read(HEADER + "\r\n" + PAYMENT.substring(0, 120) + "\r\n" + SUMMARY))
                .isInstanceOf(StatementUnavailable.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> TradeBill.read(HEADER + "\r\n" + PAYMENT.replace("`100.00,`0.00", "`1O0.00,`0.00")
                + "\r\n" + SUMMARY)).isInstanceOf(StatementUnavailable.class).hasMessageContaining("amount");
    }
}
