package org.virtualvisits.analytics;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * For a test class that starts an application context of its own: Vaadin installs its security context
 * strategy in the JVM-wide {@link SecurityContextHolder}, so a second context would leave the shared test
 * context's method security reading another strategy than the tests sign in with. Saved before the class,
 * put back after it.
 */
public class RestoreSecurityContextHolderStrategy implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(RestoreSecurityContextHolderStrategy.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put("strategy", SecurityContextHolder.getContextHolderStrategy());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        SecurityContextHolderStrategy strategy =
                context.getStore(NAMESPACE).get("strategy", SecurityContextHolderStrategy.class);
        if (strategy != null) {
            SecurityContextHolder.setContextHolderStrategy(strategy);
        }
    }
}
