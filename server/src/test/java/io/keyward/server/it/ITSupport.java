package io.keyward.server.it;

import java.util.UUID;

/** Small helpers shared by the integration tests. */
final class ITSupport {

    private ITSupport() {
    }

    /** A unique UPN so that tests never collide with each other or with an earlier run on the same database. */
    static String upn(String alias) {
        return alias + "." + UUID.randomUUID().toString().substring(0, 8) + "@it.example";
    }

    static String userJson(String upn, String displayName) {
        return "{\"userPrincipalName\":\"" + upn + "\",\"displayName\":\"" + displayName + "\"}";
    }

    static String ref(String id) {
        return "{\"@odata.id\":\"https://graph.microsoft.com/v1.0/directoryObjects/" + id + "\"}";
    }
}
