package io.keyward.server.web;

import io.keyward.server.platform.KeywardConfig;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The public origin ({@code scheme://host[:port]}) of one request, from which every absolute URL Keyward writes is
 * built: {@code @odata.context}, {@code @odata.nextLink}, {@code Location}, an invitation's redeem link, the discovery
 * document's endpoints and the token issuer. In this order:
 * <ol>
 *     <li>a connection from a trusted proxy ({@code keyward.trusted-proxies}) that says which URL the client used:
 *     {@code Forwarded} (RFC 7239) {@code proto} and {@code host}, else {@code X-Forwarded-Proto}, {@code -Host} and
 *     {@code -Port}; of each, the last value, the one the proxy next to Keyward wrote;</li>
 *     <li>a request that came over TLS ({@code https} on Keyward's own listener, or said so by a trusted proxy):
 *     {@code keyward.https-base-url};</li>
 *     <li>{@code keyward.base-url};</li>
 *     <li>the address and port the connection was accepted on: chosen by the server, never by the client.</li>
 * </ol>
 * The {@code Host} header, and forwarded headers from anyone else, count for nothing: a forged one would send the
 * next page, or a guest's invitation, to another server.
 */
public final class PublicOrigins {

    private static final Pattern HOST = Pattern.compile("([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*"
            + "|\\[[0-9A-Fa-f:.]+])(:[0-9]{1,5})?");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    /** What the server knows of a connection itself: the scheme of the listener, where it was accepted, who opened it. */
    public record Connection(String scheme, String localAddress, int localPort, String remoteAddress) {
    }

    /** The settings the origin depends on: {@code keyward.base-url}, {@code keyward.https-base-url}, {@code keyward.trusted-proxies}. */
    public record Settings(Optional<String> baseUrl, Optional<String> httpsBaseUrl, List<String> trustedProxies) {

        public static Settings of(KeywardConfig config) {
            return new Settings(config.publicBaseUrl(), config.httpsBaseUrl(), config.trustedProxies());
        }
    }

    private PublicOrigins() {
    }

    /** The public origin of a request on {@code connection}; {@code headers} gives a request header's value or null. */
    public static String of(Settings config, Connection connection, Function<String, String> headers) {
        boolean secure = "https".equalsIgnoreCase(connection.scheme());
        if (trusted(config.trustedProxies(), connection.remoteAddress())) {
            Forwarded forwarded = Forwarded.parse(headers);
            if (forwarded.proto().isPresent()) {
                secure = forwarded.proto().get().equals("https");
            }
            if (forwarded.host().isPresent()) {
                String scheme = forwarded.proto().orElse(secure ? "https" : "http");
                String host = forwarded.host().get();
                if (forwarded.port().isPresent() && !host.matches(".*:[0-9]+$")) {
                    host = host + ":" + forwarded.port().get();
                }
                return withoutDefaultPort(scheme + "://" + host.toLowerCase(Locale.ROOT));
            }
        }
        if (secure && config.httpsBaseUrl().isPresent()) {
            return config.httpsBaseUrl().get();
        }
        return config.baseUrl().orElseGet(() -> {
            String address = connection.localAddress();
            String host = address.contains(":") ? "[" + address + "]" : address;
            return connection.scheme().toLowerCase(Locale.ROOT) + "://" + host + ":" + connection.localPort();
        });
    }

    /**
     * The address of the client that sent a request: the connection's remote address, unless that is a trusted proxy
     * ({@code keyward.trusted-proxies}) that says for whom it forwards ({@code Forwarded} {@code for}, else
     * {@code X-Forwarded-For}). The list is read from the right, the entry the proxy next to Keyward wrote, past every
     * address that is itself a trusted proxy; the first other one is the client. An entry that is not an IP address
     * ({@code unknown}, an obfuscated name) ends the walk at the proxy that wrote it. From anyone else the headers
     * count for nothing, so a client cannot choose its own address (and with it the rate limits it falls under).
     */
    public static String clientAddress(Settings config, Connection connection, Function<String, String> headers) {
        String client = connection.remoteAddress();
        if (!trusted(config.trustedProxies(), client)) {
            return client;
        }
        java.util.List<String> chain = forwardedFor(headers);
        for (int i = chain.size() - 1; i >= 0 && trusted(config.trustedProxies(), client); i--) {
            String hop = chain.get(i);
            byte[] address = literal(hop);
            if (address == null) {
                return client;
            }
            try {
                client = InetAddress.getByAddress(address).getHostAddress();
            } catch (UnknownHostException e) {
                return client;
            }
        }
        return client;
    }

    /** {@link #clientAddress(Settings, Connection, Function)} of a servlet request, with Keyward's settings. */
    static String clientAddress(KeywardConfig config, jakarta.servlet.http.HttpServletRequest http, Function<String, String> headers) {
        return clientAddress(Settings.of(config), new Connection(http.getScheme(), http.getLocalAddr(), http.getLocalPort(), http.getRemoteAddr()),
                headers);
    }

    /** The addresses a proxy chain forwarded for, leftmost (the client as the first proxy saw it) first, ports removed. */
    private static java.util.List<String> forwardedFor(Function<String, String> headers) {
        java.util.List<String> hops = new java.util.ArrayList<>();
        String standard = headers.apply("Forwarded");
        if (standard != null && !standard.isBlank()) {
            for (String element : standard.split(",")) {
                for (String pair : element.split(";")) {
                    int equals = pair.indexOf('=');
                    if (equals > 0 && pair.substring(0, equals).trim().equalsIgnoreCase("for")) {
                        hops.add(withoutPort(Forwarded.unquote(pair.substring(equals + 1).trim())));
                    }
                }
            }
            return hops;
        }
        String legacy = headers.apply("X-Forwarded-For");
        if (legacy != null && !legacy.isBlank()) {
            for (String hop : legacy.split(",")) {
                hops.add(withoutPort(hop.trim()));
            }
        }
        return hops;
    }

    /** {@code [2001:db8::1]:4711} → {@code 2001:db8::1}, {@code 192.0.2.43:47011} → {@code 192.0.2.43}; a bare IPv6 stays. */
    private static String withoutPort(String node) {
        if (node.startsWith("[")) {
            int close = node.indexOf(']');
            return close > 0 ? node.substring(1, close) : node;
        }
        int colon = node.indexOf(':');
        return colon > 0 && colon == node.lastIndexOf(':') ? node.substring(0, colon) : node;
    }

    /** The proxy's word on the URL the client used; each part empty when not said, or not said well. */
    record Forwarded(Optional<String> proto, Optional<String> host, Optional<String> port) {

        static Forwarded parse(Function<String, String> headers) {
            String standard = headers.apply("Forwarded");
            if (standard != null && !standard.isBlank()) {
                String[] elements = standard.split(",");
                Optional<String> proto = Optional.empty();
                Optional<String> host = Optional.empty();
                for (String pair : elements[elements.length - 1].split(";")) {
                    int equals = pair.indexOf('=');
                    if (equals < 0) {
                        continue;
                    }
                    String name = pair.substring(0, equals).trim().toLowerCase(Locale.ROOT);
                    String value = unquote(pair.substring(equals + 1).trim());
                    if (name.equals("proto")) {
                        proto = proto(value);
                    } else if (name.equals("host")) {
                        host = host(value);
                    }
                }
                return new Forwarded(proto, host, Optional.empty());
            }
            return new Forwarded(last(headers.apply("X-Forwarded-Proto")).flatMap(Forwarded::proto),
                    last(headers.apply("X-Forwarded-Host")).flatMap(Forwarded::host),
                    last(headers.apply("X-Forwarded-Port")).filter(port -> PORT.matcher(port).matches()));
        }

        private static Optional<String> last(String header) {
            if (header == null || header.isBlank()) {
                return Optional.empty();
            }
            String[] values = header.split(",");
            return Optional.of(values[values.length - 1].trim());
        }

        private static Optional<String> proto(String value) {
            String proto = value.toLowerCase(Locale.ROOT);
            return proto.equals("http") || proto.equals("https") ? Optional.of(proto) : Optional.empty();
        }

        private static Optional<String> host(String value) {
            return HOST.matcher(value).matches() ? Optional.of(value) : Optional.empty();
        }

        private static String unquote(String value) {
            return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
        }
    }

    /** Whether {@code remote} is one of {@code proxies}: addresses or CIDR blocks, IPv4 or IPv6. */
    static boolean trusted(List<String> proxies, String remote) {
        if (proxies.isEmpty() || remote == null) {
            return false;
        }
        byte[] address = literal(remote);
        if (address == null) {
            return false;
        }
        for (String proxy : proxies) {
            int slash = proxy.indexOf('/');
            byte[] network = literal(slash < 0 ? proxy : proxy.substring(0, slash));
            if (network == null || network.length != address.length) {
                continue;
            }
            int bits = slash < 0 ? network.length * 8 : prefixLength(proxy.substring(slash + 1), network.length * 8);
            if (bits >= 0 && matches(network, address, bits)) {
                return true;
            }
        }
        return false;
    }

    /** The prefix length of a CIDR block, or -1 (the entry trusts nobody) when it is not a number in range. */
    private static int prefixLength(String text, int max) {
        if (!text.matches("[0-9]{1,3}")) {
            return -1;
        }
        int bits = Integer.parseInt(text);
        return bits <= max ? bits : -1;
    }

    private static boolean matches(byte[] network, byte[] address, int bits) {
        for (int i = 0; i < network.length; i++) {
            int remaining = bits - i * 8;
            if (remaining <= 0) {
                return true;
            }
            int mask = remaining >= 8 ? 0xff : (0xff << (8 - remaining)) & 0xff;
            if ((network[i] & mask) != (address[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** The bytes of an IP address literal; null for anything else (a name is never looked up). */
    private static byte[] literal(String value) {
        String text = value.trim();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        if (!text.matches("[0-9.]+|[0-9A-Fa-f:.%a-zA-Z0-9]*:[0-9A-Fa-f:.%a-zA-Z0-9]*")) {
            return null;
        }
        try {
            byte[] bytes = InetAddress.getByName(text).getAddress();
            if (bytes.length == 16 && isIpv4Mapped(bytes)) {
                return java.util.Arrays.copyOfRange(bytes, 12, 16);
            }
            return bytes;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    private static String withoutDefaultPort(String origin) {
        if (origin.startsWith("https://") && origin.endsWith(":443")) {
            return origin.substring(0, origin.length() - 4);
        }
        if (origin.startsWith("http://") && origin.endsWith(":80")) {
            return origin.substring(0, origin.length() - 3);
        }
        return origin;
    }
}
