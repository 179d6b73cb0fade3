package io.revtops.simulators.hubspot;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** One stored CRM record; mutable, guarded by the store's lock. */
final class HubSpotObject {

    final long id;
    final HubSpotSchema.ObjectType type;
    final Map<String, String> properties = new LinkedHashMap<>();
    /** Associated object ids by target type name (e.g. "companies"). */
    final Map<String, Set<Long>> associations = new TreeMap<>();
    final Instant createdAt;
    Instant updatedAt;
    Optional<Instant> archivedAt = Optional.empty();

    HubSpotObject(long id, HubSpotSchema.ObjectType type, Instant createdAt) {
        this.id = id;
        this.type = type;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    boolean archived() {
        return archivedAt.isPresent();
    }

    void associate(String toType, long toId) {
        associations.computeIfAbsent(toType, k -> new LinkedHashSet<>()).add(toId);
    }

    /** Sets the system properties that mirror the record's id and timestamps. */
    void stamp() {
        properties.put("hs_object_id", Long.toString(id));
        properties.put(type.createdProperty(), HubSpotSchema.ISO_MILLIS.format(createdAt));
        properties.put(type.modifiedProperty(), HubSpotSchema.ISO_MILLIS.format(updatedAt));
        properties.put("hs_lastmodifieddate", HubSpotSchema.ISO_MILLIS.format(updatedAt));
    }
}
