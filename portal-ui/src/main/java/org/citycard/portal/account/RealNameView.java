package org.citycard.portal.account;


import org.citycard.card.CitizenId;
import org.citycard.card.Identities;
import org.citycard.card.IdentityResult;
import org.citycard.card.SmsPurpose;
import org.citycard.portal.shell.PortalLayout;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.RolesAllowed;

/** Real-name verification: name, resident ID number, phone confirmed by an SMS code. Role CITIZEN. */
@Route(value = "me/real-name", layout = PortalLayout.class)
@RolesAllowed("CITIZEN")
public class RealNameView extends CitizenPage {

    private CitizenId citizen;

    public RealNameView(Identities identities, org.citycard.card.HumanCheck humanCheck, AuthenticationContext auth) {
        super(auth, "realname.heading", "cc-real-name");
        TextField name = new TextField(getTranslation("realname.name"));
        name.setId("realname-name");
        name.setMaxLength(30);
        TextField idNumber = new TextField(getTranslation("realname.id-number"));
        idNumber.setId("realname-id-number");
        idNumber.setMaxLength(18);
        idNumber.setHelperText(getTranslation("realname.id-number.help"));
        TextField phone = new TextField(getTranslation("account.phone"));
        phone.setId("realname-phone");
        phone.setMaxLength(14);
        TextField code = new TextField(getTranslation("account.sms.code"));
        code.setId("realname-code");
        code.setMaxLength(6);
        SmsCodeButton send = new SmsCodeButton(identities, humanCheck, SmsPurpose.REAL_NAME, phone::getValue, () -> citizen,
                phone);
        send.setId("realname-send-code");
        HorizontalLayout codeRow = new HorizontalLayout(code, send);
        codeRow.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        Paragraph error = new Paragraph();
        error.addClassName("cc-form-error");
        error.setId("realname-error");
        error.getElement().setAttribute("role", "alert");
        Button submit = new Button(getTranslation("realname.submit"), e -> {
            IdentityResult result = identities.verifyRealName(citizen, name.getValue(), idNumber.getValue(),
                    phone.getValue(), code.getValue());
            switch (result) {
                case IdentityResult.Refused refused -> error.setText(Problems.message(this, refused.problem()));
                case IdentityResult.Done done -> UI.getCurrent().navigate("me/card");
            }
        });
        submit.setId("realname-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Div form = new Div(name, idNumber, phone, codeRow);
        form.addClassName("cc-form");
        add(new H1(getTranslation("realname.heading")), new Paragraph(getTranslation("realname.intro")), form, error,
                submit);
    }

    @Override
    protected void show(CitizenId citizen) {
        this.citizen = citizen;
    }

}
