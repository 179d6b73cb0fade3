package io.revtops.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;
import org.springframework.web.servlet.resource.ResourceResolverChain;

/**
 * Serves the web app (built by Maven from ../frontend into classpath:/static). Hashed assets are cached for a year;
 * any other GET for a page of the app (no file extension, {@code Accept: text/html}, not under /api, /ws or /health)
 * is answered with index.html so the browser's history-API routes survive a reload. Everything else that has no
 * file stays a 404, which the error handler answers as JSON.
 */
@Configuration(proxyBeanMethods = false)
public class WebAppResources implements WebMvcConfigurer {
    static final String INDEX = "static/index.html";
    private static final Set<String> SERVER_PREFIXES = Set.of("api", "ws", "health", "actuator", "v3", "swagger-ui");

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        // the resource handler never sees an empty path: "/" is the app's index page
        registry.addViewController("/").setViewName("forward:/index.html");
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**")
                .addResourceLocations("classpath:/static/assets/")
                .setCacheControl(CacheControl.maxAge(365, TimeUnit.DAYS).cachePublic().immutable())
                .resourceChain(false);
        registry.addResourceHandler("/**")
                .addResourceLocations("classpath:/static/")
                .setCacheControl(CacheControl.noCache())
                .resourceChain(false)
                .addResolver(new AppRoutes());
    }

    /** Real files first; then index.html for the app's own pages. */
    static final class AppRoutes extends PathResourceResolver {
        @Override
        protected Resource resolveResourceInternal(HttpServletRequest request, String requestPath,
                                                   List<? extends Resource> locations, ResourceResolverChain chain) {
            Resource file = super.resolveResourceInternal(request, requestPath, locations, chain);
            if (file != null) return file;
            return isAppPage(request, requestPath) ? index() : null;
        }

        static boolean isAppPage(HttpServletRequest request, String path) {
            if (request == null) return false;
            if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) return false;
            String p = path.startsWith("/") ? path.substring(1) : path;
            if (p.isEmpty() || p.equals("index.html")) return true;
            String first = p.contains("/") ? p.substring(0, p.indexOf('/')) : p;
            if (SERVER_PREFIXES.contains(first)) return false;
            String last = p.substring(p.lastIndexOf('/') + 1);
            if (last.contains(".")) return false; // a file that does not exist
            String accept = request.getHeader("Accept");
            return accept != null && accept.contains("text/html");
        }

        private static Resource index() {
            ClassPathResource built = new ClassPathResource(INDEX);
            return built.exists() ? built : NotBuilt.PAGE;
        }
    }

    /** What / shows when the server was built without the web app (-Dfrontend.skip=true). */
    static final class NotBuilt extends ByteArrayResource {
        static final NotBuilt PAGE = new NotBuilt();

        private NotBuilt() {
            super("""
                    <!doctype html>
                    <html lang="en"><head><meta charset="utf-8"><title>Revtops</title></head>
                    <body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem">
                    <h1>Revtops is running</h1>
                    <p>This server was built without its web app (<code>-Dfrontend.skip=true</code>). Build it with
                    <code>./revtops build</code>. The API is ready: <a href="/api/docs">API documentation</a>,
                    <a href="/health">health</a>.</p>
                    </body></html>
                    """.getBytes(StandardCharsets.UTF_8), "web app not built");
        }

        @Override
        public String getFilename() {
            return "index.html";
        }

        @Override
        public long lastModified() throws IOException {
            return 0;
        }
    }
}
