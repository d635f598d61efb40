package org.virtualvisits.analytics.base.ui;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;

/** The one level-one heading of a page, at a size that suits a page inside the layout (Lumo's h1 is a poster). */
public final class PageHeading {

    private PageHeading() {
    }

    public static H1 of(String text) {
        H1 heading = new H1(text);
        heading.getStyle().set("font-size", "var(--lumo-font-size-xl)");
        return heading;
    }

    /** A section's level-two heading, a step below the page's. */
    public static H2 section(String text) {
        H2 heading = new H2(text);
        heading.getStyle().set("font-size", "var(--lumo-font-size-l)");
        return heading;
    }
}
