package org.citycard.portal.account;

import java.time.YearMonth;
import java.util.List;
import java.util.Locale;

import org.citycard.bills.BillPayment;
import org.citycard.bills.BillPaymentState;
import org.citycard.kernel.ChinaTime;
import org.citycard.kernel.Fen;
import org.citycard.portal.shell.Svg;

import com.vaadin.flow.component.Html;

/**
 * What an account cost month by month over the last twelve months, drawn on the server as SVG (no script, no
 * library): a bar per month of the payments written off, labelled, with the whole chart described for screen readers.
 */
final class MonthChart {

    private static final int WIDTH = 600;
    private static final int HEIGHT = 180;
    private static final int BAR = 36;

    private MonthChart() {
    }

    static Html of(List<BillPayment> payments, String label, Locale locale) {
        YearMonth now = YearMonth.now(ChinaTime.ZONE);
        long[] totals = new long[12];
        for (BillPayment p : payments) {
            if (p.state() != BillPaymentState.WRITTEN_OFF || p.writtenOffAt() == null) {
                continue;
            }
            YearMonth month = YearMonth.from(p.writtenOffAt().atZone(ChinaTime.ZONE));
            int back = (now.getYear() - month.getYear()) * 12 + now.getMonthValue() - month.getMonthValue();
            if (back >= 0 && back < 12) {
                totals[11 - back] += p.amountFen();
            }
        }
        long max = 1;
        for (long t : totals) {
            max = Math.max(max, t);
        }
        StringBuilder described = new StringBuilder(label).append(": ");
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"cc-month-chart\" role=\"img\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(HEIGHT + 40).append("\" aria-label=\"");
        StringBuilder bars = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            YearMonth month = now.minusMonths(11 - i);
            int h = (int) (totals[i] * HEIGHT / max);
            int x = 10 + i * (BAR + 12);
            String m = month.getMonthValue() + (locale.getLanguage().equals("zh") ? "月" : "");
            bars.append("<rect x=\"").append(x).append("\" y=\"").append(HEIGHT - h + 10).append("\" width=\"").append(BAR)
                    .append("\" height=\"").append(Math.max(h, totals[i] > 0 ? 1 : 0))
                    .append("\" fill=\"currentColor\" opacity=\"0.75\"></rect>")
                    .append("<text x=\"").append(x + BAR / 2).append("\" y=\"").append(HEIGHT + 32)
                    .append("\" text-anchor=\"middle\" font-size=\"13\" fill=\"currentColor\">").append(m).append("</text>");
            if (totals[i] > 0) {
                described.append(month).append(' ').append(Fen.of(totals[i]).display()).append("; ");
            }
        }
        svg.append(Svg.escape(described.toString())).append("\">").append(bars).append("</svg>");
        return new Html("<div class=\"cc-month-chart-box\">" + svg + "</div>");
    }

}
