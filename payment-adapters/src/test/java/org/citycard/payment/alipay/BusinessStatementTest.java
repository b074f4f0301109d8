package org.citycard.payment.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.citycard.payment.OrderNo;
import org.citycard.payment.PaymentChannel.StatementEntry;
import org.citycard.payment.PaymentChannel.StatementUnavailable;
import org.junit.jupiter.api.Test;

/**
 * Alipay's business statement read from a zip written by hand after its documented columns, with the tabs Alipay
 * puts after values so that spreadsheets keep long numbers as text; not by the sandbox.
 */
class BusinessStatementTest {

    private static final Charset GBK = Charset.forName("GBK");
    private static final String ORDER = "CC261121235958000000000002";
    private static final String HEADER = "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,"
            + "对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,"
            + "商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注";
    private static final String PAYMENT = "2026112122001400000000000001\t," + ORDER + "\t,交易,钱包充值,"
            + "2026-11-21 09:00:00,2026-11-21 09:00:30,,,,,ci***@example.com,88.00,88.00,0.00,0.00,0.00,0.00,0.00,,"
            + "0.00,0.00,,-0.53,0.00,";
    private static final String REFUND = "2026112122001400000000000001\t," + ORDER + "\t,退款,钱包充值,"
            + "2026-11-21 09:00:00,2026-11-21 11:20:00,,,,,ci***@example.com,88.00,-20.00,0.00,0.00,0.00,0.00,0.00,,"
            + "0.00,0.00,RF261121112000000000000002\t,0.12,0.00,";
    private static final String OTHER_APP = PAYMENT.replace(ORDER, "T20261121-77");

    private static byte[] zip(String details) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, GBK)) {
            zip.putNextEntry(new ZipEntry("20886210000000000156_20261121_业务明细(汇总).csv"));
            zip.write("#支付宝业务汇总查询\r\n".getBytes(GBK));
            zip.putNextEntry(new ZipEntry("20886210000000000156_20261121_业务明细.csv"));
            zip.write(details.getBytes(GBK));
        }
        return bytes.toByteArray();
    }

    private static String details(String... lines) {
        return "#支付宝业务明细查询\r\n#账号：[20886210000000000156]\r\n#起始日期：[2026年11月21日 00:00:00]   "
                + "终止日期：[2026年11月22日 00:00:00]\r\n#-----------------------------------------业务明细列表"
                + "----------------------------------------\r\n" + HEADER + "\r\n" + String.join("\r\n", lines)
                + "\r\n#-----------------------------------------业务明细列表结束------------------------------------\r\n"
                + "#交易合计：1笔，商家实收共88.00元\r\n#退款合计：1笔，商家实收共-20.00元\r\n#导出时间：[2026年11月22日 08:00:00]";
    }

    @Test
    void trades_and_refunds_of_our_orders_are_read_with_their_service_fees() throws Exception {
        var entries = BusinessStatement.read(zip(details(PAYMENT, OTHER_APP, REFUND)));

        assertThat(entries).containsExactly(
                new StatementEntry(StatementEntry.Kind.PAYMENT, new OrderNo(ORDER), null,
                        "2026112122001400000000000001", 8_800, 53),
                new StatementEntry(StatementEntry.Kind.REFUND, new OrderNo(ORDER), "RF261121112000000000000002",
                        "2026112122001400000000000001", 2_000, -12));
    }

    @Test
    void a_cut_line_a_missing_detail_file_or_a_broken_zip_is_refused() throws Exception {
        assertThatThrownBy(() -> BusinessStatement.read(zip(details(PAYMENT.substring(0, 90)))))
                .isInstanceOf(StatementUnavailable.class).hasMessageContaining("cut short");
        assertThatThrownBy(() -> BusinessStatement.read(zip(details(REFUND.replace(",-20.00,", ",-2O.00,")))))
                .isInstanceOf(StatementUnavailable.class).hasMessageContaining("amount");
        ByteArrayOutputStream empty = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(empty, GBK)) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
        }
        assertThatThrownBy(() -> BusinessStatement.read(empty.toByteArray())).isInstanceOf(StatementUnavailable.class);
        assertThatThrownBy(() -> BusinessStatement.read("not a zip".getBytes())).isInstanceOf(StatementUnavailable.class);
    }
}
