package io.revtops.connectors;

import io.revtops.connectors.ConnectorMeta.Capability;
import io.revtops.platform.errors.ApiException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * All connectors this process knows: the built-in ones (Spring beans) plus third-party jars on the class path that
 * list their {@link Connector} in {@code META-INF/services/io.revtops.connectors.Connector}. A connector whose
 * declared capabilities and implemented interfaces disagree is refused at start.
 */
@Component
public class ConnectorRegistry {
    private static final Logger log = LoggerFactory.getLogger(ConnectorRegistry.class);
    private final Map<String, Connector> bySlug = new TreeMap<>();

    public ConnectorRegistry(List<Connector> builtIns) {
        List<Connector> all = new ArrayList<>(builtIns);
        for (Connector c : ServiceLoader.load(Connector.class)) all.add(c);
        for (Connector c : all) {
            check(c);
            Connector previous = bySlug.putIfAbsent(c.meta().slug(), c);
            if (previous != null && previous.getClass() != c.getClass()) {
                throw new IllegalStateException("two connectors claim the slug '" + c.meta().slug() + "': "
                        + previous.getClass().getName() + " and " + c.getClass().getName());
            }
        }
        log.info("event=connectors_registered count={} slugs={}", bySlug.size(), bySlug.keySet());
    }

    static void check(Connector c) {
        var caps = c.meta().capabilities();
        require(c, Capability.SYNC, caps.contains(Capability.SYNC), c instanceof SyncSource);
        require(c, Capability.QUERY, caps.contains(Capability.QUERY), c instanceof Queryable);
        require(c, Capability.WRITE, caps.contains(Capability.WRITE), c instanceof Writable);
        require(c, Capability.ACTION, caps.contains(Capability.ACTION), c instanceof Actionable);
        require(c, Capability.LISTEN, caps.contains(Capability.LISTEN), c instanceof WebhookListener);
        if (caps.contains(Capability.WRITE) && c.meta().writes().isEmpty()) {
            throw new IllegalStateException(c.meta().slug() + " declares WRITE but lists no write operations");
        }
        if (caps.contains(Capability.ACTION) && c.meta().actions().isEmpty()) {
            throw new IllegalStateException(c.meta().slug() + " declares ACTION but lists no actions");
        }
    }

    private static void require(Connector c, Capability cap, boolean declared, boolean implemented) {
        if (declared != implemented) {
            throw new IllegalStateException("connector " + c.meta().slug() + (declared
                    ? " declares " + cap + " but does not implement it"
                    : " implements " + cap + " but does not declare it"));
        }
    }

    public Optional<Connector> find(String slug) {
        return Optional.ofNullable(bySlug.get(slug));
    }

    /** The connector for {@code slug}, or a 400 naming the known ones. */
    public Connector require(String slug) {
        return find(slug).orElseThrow(() -> new ApiException.InvalidInput("unknown_connector",
                "There is no connector '" + abbreviate(slug) + "'. Known: " + String.join(", ", bySlug.keySet())));
    }

    public Collection<Connector> all() {
        return bySlug.values();
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
