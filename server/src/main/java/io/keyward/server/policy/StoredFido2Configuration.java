package io.keyward.server.policy;

import java.time.Instant;

/** The configuration as stored: its version (the ETag) and when it last changed. */
public record StoredFido2Configuration(Fido2Configuration configuration, long version, Instant lastModified) {

    /** A strong entity tag: the version number, quoted (RFC 9110 §8.8.3). */
    public String etag() {
        return "\"" + version + "\"";
    }

    /**
     * Whether an {@code If-Match} header allows a change: absent or {@code *}, or one of its tags is this
     * version's. A weak {@code W/} prefix is tolerated since clients echo what they were given.
     */
    public boolean matches(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return true;
        }
        for (String tag : ifMatch.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals(etag())) {
                return true;
            }
        }
        return false;
    }
}
