package io.revtops.tenancy;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Registers the {@link RequestContext} argument for controllers. */
@Configuration(proxyBeanMethods = false)
public class TenancyWebConfig implements WebMvcConfigurer {
    private final RequestContextResolver resolver;

    public TenancyWebConfig(RequestContextResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(resolver);
    }
}
