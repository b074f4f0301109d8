package org.citycard.portal.admin;

import java.time.format.DateTimeFormatter;

import org.citycard.card.Cards;
import org.citycard.card.PhysicalCardRequest;
import org.citycard.card.PhysicalCardStatus;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.RolesAllowed;

/**
 * The card office's physical-card queue: requests by state, oldest first, each moved on one step at a time; a
 * request someone else moved meanwhile is refused, not overwritten. CARD_OPERATOR and ADMIN.
 */
@Route(value = "admin/physical-cards", layout = AdminLayout.class)
@RolesAllowed({"CARD_OPERATOR", "ADMIN"})
public class AdminPhysicalCardsView extends Div implements HasDynamicTitle {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(org.citycard.kernel.ChinaTime.ZONE);

    private final Cards cards;
    private final String operator;
    private final Select<PhysicalCardStatus> state = new Select<>();
    private final Grid<PhysicalCardRequest> grid = new Grid<>();

    public AdminPhysicalCardsView(Cards cards, AuthenticationContext auth) {
        this.cards = cards;
        this.operator = auth.getPrincipalName().orElseThrow();
        state.setLabel(getTranslation("admin.physical.state"));
        state.setItems(PhysicalCardStatus.values());
        state.setItemLabelGenerator(s -> getTranslation("physical." + s.name()));
        state.setValue(PhysicalCardStatus.QUEUED);
        state.setId("physical-state");
        state.addValueChangeListener(e -> refresh());
        grid.addColumn(r -> WHEN.format(r.requestedAt())).setHeader(getTranslation("admin.physical.requested"))
                .setAutoWidth(true);
        grid.addColumn(PhysicalCardRequest::cardNumberMasked).setHeader(getTranslation("admin.physical.card"))
                .setAutoWidth(true);
        grid.addColumn(PhysicalCardRequest::addressMasked).setHeader(getTranslation("admin.physical.address"));
        grid.addComponentColumn(this::steps).setHeader(getTranslation("admin.physical.next")).setAutoWidth(true);
        grid.setId("physical-queue");
        grid.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setEmptyStateText(getTranslation("admin.physical.empty"));
        add(new H1(getTranslation("admin.physical.heading")), state, grid);
        refresh();
    }

    private Div steps(PhysicalCardRequest request) {
        Div steps = new Div();
        request.status().next().stream().sorted().forEach(to -> {
            Button step = new Button(getTranslation("physical." + to.name()), e -> {
                cards.advancePhysical(request.id(), request.version(), to, operator).ifPresent(problem ->
                        Feedback.error(this, getTranslation("card.problem." + problem.name())));
                refresh();
            });
            step.setId("physical-" + to.name().toLowerCase(java.util.Locale.ROOT));
            steps.add(step);
        });
        return steps;
    }

    private void refresh() {
        grid.setItems(cards.physicalQueue(state.getValue(), 200));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("admin.physical.heading") + " · " + getTranslation("shell.brand");
    }
}
