package org.virtualvisits.analytics.base.ui;

import com.vaadin.flow.component.html.H1;

/** The one level-one heading of a page, at a size that suits a page inside the layout (Lumo's h1 is a poster). */
public final class PageHeading {

    private PageHeading() {
    }

    public static H1 of(String text) {
        H1 heading = new H1(text);
        heading.getStyle().set("font-size", "var(--lumo-font-size-xl)");
        return heading;
    }
}
