package org.citycard.portal.account;

import java.util.Optional;

import org.citycard.card.Citizen;
import org.citycard.card.Identities;
import org.citycard.card.IdentityProblem;
import org.citycard.card.IdentityResult;
import org.citycard.card.SmsPurpose;
import org.citycard.portal.shell.PortalLayout;
import org.springframework.beans.factory.ObjectProvider;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/**
 * The city's sign-in page (統一身份认证): phone or username with password, or phone with an SMS code. Public.
 * Success opens the identity provider's session and continues where the sign-in was asked for.
 */
@Route(value = "signin", layout = PortalLayout.class)
@AnonymousAllowed
public class SignInView extends Div implements HasDynamicTitle, com.vaadin.flow.router.BeforeEnterObserver {

    private final Identities identities;
    private final IdentityProviderSession session;
    private final RadioButtonGroup<String> mode = new RadioButtonGroup<>();
    private final TextField login = new TextField();
    private final PasswordField password = new PasswordField();
    private final TextField phone = new TextField();
    private final TextField code = new TextField();
    private final Paragraph error = new Paragraph();

    public SignInView(Identities identities, org.citycard.card.HumanCheck humanCheck, IdentityProviderSession session,
                      @org.springframework.beans.factory.annotation.Value("${citycard.card.sms.inbox-url:}") String inbox) {
        this.identities = identities;
        this.session = session;
        addClassNames("cc-account", "cc-signin");

        mode.setLabel(getTranslation("account.signin.mode"));
        mode.setItems("password", "sms");
        mode.setItemLabelGenerator(m -> getTranslation("account.signin.mode." + m));
        mode.setValue("password");
        mode.setId("signin-mode");

        login.setLabel(getTranslation("account.signin.login"));
        login.setId("signin-login");
        login.setAutocomplete(com.vaadin.flow.component.textfield.Autocomplete.USERNAME);
        login.setMaxLength(64);
        password.setLabel(getTranslation("account.password"));
        password.setId("signin-password");
        password.setMaxLength(128);
        Div passwordForm = new Div(login, password);
        passwordForm.addClassName("cc-form");

        phone.setLabel(getTranslation("account.phone"));
        phone.setId("signin-phone");
        phone.setMaxLength(14);
        code.setLabel(getTranslation("account.sms.code"));
        code.setId("signin-code");
        code.setMaxLength(6);
        SmsCodeButton send = new SmsCodeButton(identities, humanCheck, SmsPurpose.SIGN_IN, phone::getValue, () -> null, phone);
        send.setId("signin-send-code");
        HorizontalLayout codeRow = new HorizontalLayout(code, send);
        codeRow.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        Div smsForm = new Div(phone, codeRow);
        smsForm.addClassName("cc-form");
        smsForm.setVisible(false);
        mode.addValueChangeListener(e -> {
            passwordForm.setVisible("password".equals(e.getValue()));
            smsForm.setVisible("sms".equals(e.getValue()));
            error.setText("");
        });

        error.addClassName("cc-form-error");
        error.setId("signin-error");
        error.getElement().setAttribute("role", "alert");

        Button submit = new Button(getTranslation("account.signin.submit"), e -> submit());
        submit.setId("signin-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.addClickShortcut(Key.ENTER);
        submit.setDisableOnClick(true);
        submit.addClickListener(e -> submit.setEnabled(true));

        Div links = new Div(new Anchor("register", getTranslation("account.register.link")),
                new Anchor("reset-password", getTranslation("account.reset.link")));
        links.addClassName("cc-account-links");
        if (!inbox.isBlank()) {
            // the sandbox's SMS inbox, where the sandbox stands in for the SMS provider
            Anchor dev = new Anchor(inbox, getTranslation("account.inbox.link"));
            dev.setTarget("_blank");
            links.add(dev);
        }
        add(new H1(getTranslation("account.signin.heading")), new Paragraph(getTranslation("account.signin.intro")),
                mode, passwordForm, smsForm, error, submit, links);
    }

    private void submit() {
        Optional<Citizen> citizen;
        if ("password".equals(mode.getValue())) {
            IdentityResult result = identities.signIn(login.getValue(), password.getValue(),
                    com.vaadin.flow.server.VaadinRequest.getCurrent().getRemoteAddr());
            if (result instanceof IdentityResult.Refused refused) {
                error.setText(refused.problem() == IdentityProblem.SIGN_IN_LOCKED
                        ? Problems.message(this, refused.problem()) : getTranslation("account.signin.failed"));
                password.clear();
                return;
            }
            citizen = Optional.of(((IdentityResult.Done) result).citizen());
            if (citizen.get().roles().contains("MONITORING")) {
                // a metrics scraper's credential is for /actuator/prometheus only, never for the console
                error.setText(getTranslation("account.signin.failed"));
                password.clear();
                return;
            }
        } else {
            IdentityResult result = identities.signInWithSmsCode(phone.getValue(), code.getValue());
            if (result instanceof IdentityResult.Refused refused) {
                error.setText(Problems.message(this, refused.problem()));
                return;
            }
            citizen = Optional.of(((IdentityResult.Done) result).citizen());
        }
        UI.getCurrent().getPage().setLocation(session.signIn(citizen.get()));
    }

    /** With the city's own identity provider these pages are not used: the browser goes there instead. */
    @Override
    public void beforeEnter(com.vaadin.flow.router.BeforeEnterEvent event) {
        session.externalSignIn().ifPresent(url -> event.getUI().getPage().setLocation(url));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("account.signin.heading") + " · " + getTranslation("shell.brand");
    }
}
