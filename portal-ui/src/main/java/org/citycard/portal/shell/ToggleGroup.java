package org.citycard.portal.shell;

import java.util.ArrayList;
import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;

/**
 * A row of toggle buttons of which one is pressed: which code to show, which part of a form. Said in words
 * ({@code aria-pressed}) and in looks (primary), never by colour alone, and operable by keyboard without any
 * script. Used instead of vaadin-tabs, whose shadow scroll container sits inside the tablist, which axe-core
 * rightly refuses (aria-required-children).
 */
public class ToggleGroup extends Div {

    private final List<Button> buttons = new ArrayList<>();

    public ToggleGroup(String label) {
        addClassName("cc-toggle-group");
        getElement().setAttribute("role", "group");
        getElement().setAttribute("aria-label", label);
    }

    /** Adds a choice; the first one added is pressed. */
    public Button add(String text, String id, Runnable onSelect) {
        Button choice = new Button(text);
        choice.setId(id);
        choice.addClickListener(e -> {
            buttons.forEach(b -> press(b, b == choice));
            onSelect.run();
        });
        press(choice, buttons.isEmpty());
        buttons.add(choice);
        add(choice);
        return choice;
    }

    private static void press(Button button, boolean pressed) {
        button.getElement().setAttribute("aria-pressed", String.valueOf(pressed));
        if (pressed) {
            button.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        } else {
            button.removeThemeVariants(ButtonVariant.LUMO_PRIMARY);
        }
    }
}
