package io.keyward.server.graph;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hand-made stand-ins for the JAX-RS request views ODataQuery reads, so its tests need no container and no
 * mocking library. Only the methods ODataQuery calls are answered; any other call fails the test loudly.
 */
final class FakeHttp {

    private FakeHttp() {
    }

    /** A UriInfo for {@code url}, with its query decoded the way a JAX-RS runtime decodes it. */
    static UriInfo uri(String url) {
        URI requestUri = URI.create(url);
        MultivaluedMap<String, String> query = decodedQuery(requestUri.getRawQuery());
        return (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[]{UriInfo.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRequestUri" -> requestUri;
                    case "getQueryParameters" -> query;
                    case "toString" -> "FakeUriInfo[" + url + "]";
                    default -> throw new UnsupportedOperationException("UriInfo." + method.getName() + " is not faked");
                });
    }

    /** HttpHeaders holding {@code headers}; names are case-insensitive, as in HTTP. */
    static HttpHeaders headers(Map<String, String> headers) {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        return (HttpHeaders) Proxy.newProxyInstance(HttpHeaders.class.getClassLoader(), new Class<?>[]{HttpHeaders.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getHeaderString" -> byName.get((String) args[0]);
                    case "toString" -> "FakeHttpHeaders" + byName;
                    default -> throw new UnsupportedOperationException("HttpHeaders." + method.getName() + " is not faked");
                });
    }

    static HttpHeaders noHeaders() {
        return headers(Map.of());
    }

    private static MultivaluedMap<String, String> decodedQuery(String rawQuery) {
        MultivaluedMap<String, String> query = new MultivaluedHashMap<>();
        if (rawQuery == null) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] nameAndValue = pair.split("=", 2);
            query.add(URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8),
                    nameAndValue.length == 2 ? URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8) : "");
        }
        return query;
    }
}
