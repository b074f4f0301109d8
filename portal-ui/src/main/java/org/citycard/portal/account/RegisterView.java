package org.citycard.portal.account;

import org.citycard.card.HumanCheck;
import org.citycard.card.Identities;
import org.citycard.card.IdentityResult;
import org.citycard.card.SmsPurpose;
import org.citycard.portal.shell.PortalLayout;

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
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/**
 * Registration, and (with {@code reset}) password reset: phone, SMS code, a new password. Either ends signed in.
 * Public.
 */
@Route(value = "register", layout = PortalLayout.class)
@AnonymousAllowed
public class RegisterView extends Div implements HasDynamicTitle, com.vaadin.flow.router.BeforeEnterObserver {

    private final String kind;
    private final IdentityProviderSession signInSession;

    public RegisterView(Identities identities, HumanCheck humanCheck, IdentityProviderSession session) {
        this(identities, humanCheck, session, "register");
    }

    RegisterView(Identities identities, HumanCheck humanCheck, IdentityProviderSession session, String kind) {
        this.kind = kind;
        this.signInSession = session;
        boolean register = "register".equals(kind);
        addClassNames("cc-account", "cc-" + kind);
        TextField phone = new TextField(getTranslation("account.phone"));
        phone.setId(kind + "-phone");
        phone.setMaxLength(14);
        TextField code = new TextField(getTranslation("account.sms.code"));
        code.setId(kind + "-code");
        code.setMaxLength(6);
        SmsCodeButton send = new SmsCodeButton(identities, humanCheck,
                register ? SmsPurpose.REGISTER : SmsPurpose.RESET_PASSWORD, phone::getValue, () -> null, phone);
        send.setId(kind + "-send-code");
        HorizontalLayout codeRow = new HorizontalLayout(code, send);
        codeRow.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        PasswordField password = new PasswordField(getTranslation(register ? "account.password" : "account.password.new"));
        password.setId(kind + "-password");
        password.setHelperText(getTranslation("account.password.rule", Identities.MIN_PASSWORD_LENGTH));
        password.setMaxLength(128);
        Paragraph error = new Paragraph();
        error.addClassName("cc-form-error");
        error.setId(kind + "-error");
        error.getElement().setAttribute("role", "alert");

        Button submit = new Button(getTranslation("account." + kind + ".submit"));
        submit.setId(kind + "-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.addClickShortcut(Key.ENTER);
        submit.addClickListener(e -> {
            IdentityResult result = register
                    ? identities.register(phone.getValue(), code.getValue(), password.getValue())
                    : identities.resetPassword(phone.getValue(), code.getValue(), password.getValue());
            switch (result) {
                case IdentityResult.Refused refused -> error.setText(Problems.message(this, refused.problem()));
                case IdentityResult.Done done -> UI.getCurrent().getPage().setLocation(session.signIn(done.citizen()));
            }
        });
        Div form = new Div(phone, codeRow, password);
        form.addClassName("cc-form");
        add(new H1(getTranslation("account." + kind + ".heading")),
                new Paragraph(getTranslation("account." + kind + ".intro")), form, error, submit,
                new Div(new Anchor("signin", getTranslation("account.signin.link"))));
    }

    /** With the city's own identity provider these pages are not used: the browser goes there instead. */
    @Override
    public void beforeEnter(com.vaadin.flow.router.BeforeEnterEvent event) {
        signInSession.externalSignIn().ifPresent(url -> event.getUI().getPage().setLocation(url));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("account." + kind + ".heading") + " · " + getTranslation("shell.brand");
    }
}
