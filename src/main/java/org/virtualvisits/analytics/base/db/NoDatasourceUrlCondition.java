package org.virtualvisits.analytics.base.db;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** True when the user has not pointed the application at a PostgreSQL of their own. */
public class NoDatasourceUrlCondition implements Condition {

    public static boolean noDatasourceUrl(org.springframework.core.env.Environment environment) {
        return !StringUtils.hasText(environment.getProperty("spring.datasource.url"));
    }

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return noDatasourceUrl(context.getEnvironment());
    }
}
