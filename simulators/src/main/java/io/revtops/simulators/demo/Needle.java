package io.revtops.simulators.demo;

import java.util.List;
import java.util.Optional;

/**
 * A known record planted in the generated data for search tests: {@code phrase} appears in these
 * records and nowhere else.
 */
public record Needle(String key, String kind, List<String> recordIds, Optional<String> accountId, String phrase, String description) {
}
