package io.revtops.simulators.salesforce;

/** Salesforce-style 18-character record ids: key prefix, instance, counter and the case-safe suffix. */
final class SalesforceIds {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String SUFFIX = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    private SalesforceIds() {
    }

    /** The 18-character id of record number {@code n} (n ≥ 1) of the object with {@code keyPrefix}. */
    static String id(String keyPrefix, long n) {
        StringBuilder counter = new StringBuilder();
        long v = n;
        while (v > 0) {
            counter.insert(0, BASE62.charAt((int) (v % 62)));
            v /= 62;
        }
        while (counter.length() < 9) {
            counter.insert(0, '0');
        }
        String id15 = keyPrefix + "Dm" + "0" + counter;
        return id15 + suffix(id15);
    }

    /** Salesforce's checksum that makes a 15-character id case-insensitive. */
    static String suffix(String id15) {
        StringBuilder out = new StringBuilder(3);
        for (int chunk = 0; chunk < 3; chunk++) {
            int bits = 0;
            for (int i = 0; i < 5; i++) {
                char c = id15.charAt(chunk * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    bits |= 1 << i;
                }
            }
            out.append(SUFFIX.charAt(bits));
        }
        return out.toString();
    }

    /** Accepts a 15- or 18-character id and returns the 18-character form, or empty when malformed. */
    static java.util.Optional<String> normalize(String id) {
        if (id == null || !(id.length() == 15 || id.length() == 18) || !id.chars().allMatch(Character::isLetterOrDigit)) {
            return java.util.Optional.empty();
        }
        String id15 = id.substring(0, 15);
        return java.util.Optional.of(id15 + suffix(id15));
    }
}
