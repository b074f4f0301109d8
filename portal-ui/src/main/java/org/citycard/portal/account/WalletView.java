package org.citycard.portal.account;

import java.time.format.DateTimeFormatter;

import org.citycard.card.CitizenId;
import org.citycard.card.Wallets;
import org.citycard.card.ledger.StatementLine;
import org.citycard.portal.shell.PortalLayout;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.RolesAllowed;

/** The wallet: balance and statement, newest first, loaded page by page as the citizen scrolls. Role CITIZEN. */
@Route(value = "me/wallet", layout = PortalLayout.class)
@RolesAllowed("CITIZEN")
public class WalletView extends CitizenPage {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(org.citycard.kernel.ChinaTime.ZONE);

    private final Wallets wallets;

    public WalletView(Wallets wallets, AuthenticationContext auth) {
        super(auth, "wallet.heading", "cc-wallet");
        this.wallets = wallets;
    }

    @Override
    protected void show(CitizenId citizen) {
        removeAll();
        add(new H1(getTranslation("wallet.heading")));
        var balance = wallets.balance(citizen);
        if (balance.isEmpty()) {
            add(new Paragraph(getTranslation("wallet.none")));
            return;
        }
        Paragraph amount = new Paragraph(getTranslation("wallet.balance", yuan(balance.getAsLong())));
        amount.setId("wallet-balance");
        amount.addClassName("cc-wallet-balance");
        Grid<StatementLine> grid = new Grid<>();
        grid.addColumn(line -> WHEN.format(line.postedAt())).setHeader(getTranslation("wallet.when")).setAutoWidth(true);
        grid.addColumn(StatementLine::description).setHeader(getTranslation("wallet.what")).setFlexGrow(3)
                .setWidth("12em");
        grid.addColumn(line -> (line.amountFen() > 0 ? "+" : "") + yuan(line.amountFen()))
                .setHeader(getTranslation("wallet.amount")).setAutoWidth(true);
        grid.addColumn(line -> yuan(line.balanceAfterFen())).setHeader(getTranslation("wallet.after")).setAutoWidth(true);
        grid.setItems(query -> {
            // keyset paging: the statement pages backwards from the newest entry
            var all = wallets.statement(citizen, null, query.getOffset() + query.getLimit());
            return all.stream().skip(query.getOffset()).limit(query.getLimit());
        });
        grid.setId("wallet-statement");
        grid.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setEmptyStateText(getTranslation("wallet.empty"));
        Anchor topUp = new Anchor("me/wallet/top-up", getTranslation("me.top-up"));
        topUp.setId("wallet-top-up");
        topUp.addClassName("cc-primary-link");
        Div links = new Div(topUp, new Anchor("me/orders", getTranslation("me.orders")));
        links.addClassName("cc-account-links");
        add(amount, links, grid);
    }

    /** ¥1,234.50: how every page shows money. */
    public static String yuan(long fen) {
        return org.citycard.kernel.Fen.of(fen).display();
    }

}
