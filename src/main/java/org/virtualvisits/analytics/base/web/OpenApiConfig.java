package org.virtualvisits.analytics.base.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description served at /v3/api-docs (and browsable at /swagger-ui.html). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    @Bean
    OpenAPI virtualVisitsOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Virtual Visits Analytics API").version("v1")
                        .description("Meeting events in; visits and daily series out. Authenticate with a bearer "
                                + "token that a global admin creates (scopes events:write, report:read)."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")));
    }
}
