package io.keyward.server.graph;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A request of a JSON batch as the servlet container dispatches it: its own method, path, query, headers, body and
 * attributes; the connection (addresses, scheme, TLS) is the batch's.
 */
final class InnerRequest extends HttpServletRequestWrapper {

    private final String method;
    private final String requestUri;
    private final String query;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final byte[] body;
    private final Map<String, Object> attributes = new HashMap<>();

    InnerRequest(HttpServletRequest outer, String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        super(outer);
        this.method = method;
        int question = pathAndQuery.indexOf('?');
        this.requestUri = outer.getContextPath() + (question < 0 ? pathAndQuery : pathAndQuery.substring(0, question));
        this.query = question < 0 ? null : pathAndQuery.substring(question + 1);
        headers.forEach((name, value) -> this.headers.put(name, List.of(value)));
        this.body = body;
        if (body.length > 0) {
            this.headers.put("Content-Length", List.of(Integer.toString(body.length)));
        }
    }

    @Override
    public String getMethod() {
        return method;
    }

    @Override
    public String getRequestURI() {
        return requestUri;
    }

    @Override
    public StringBuffer getRequestURL() {
        String outer = ((HttpServletRequest) getRequest()).getRequestURL().toString();
        String outerUri = ((HttpServletRequest) getRequest()).getRequestURI();
        String origin = outer.endsWith(outerUri) ? outer.substring(0, outer.length() - outerUri.length()) : outer;
        return new StringBuffer(origin).append(requestUri);
    }

    @Override
    public String getQueryString() {
        return query;
    }

    @Override
    public String getHeader(String name) {
        List<String> values = headers.get(name);
        return values == null ? null : values.get(0);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return Collections.enumeration(headers.getOrDefault(name, List.of()));
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        return Collections.enumeration(headers.keySet());
    }

    @Override
    public int getIntHeader(String name) {
        String value = getHeader(name);
        return value == null ? -1 : Integer.parseInt(value);
    }

    @Override
    public long getDateHeader(String name) {
        return getHeader(name) == null ? -1 : super.getDateHeader(name);
    }

    @Override
    public String getContentType() {
        return getHeader("Content-Type");
    }

    @Override
    public int getContentLength() {
        return body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body.length;
    }

    @Override
    public String getCharacterEncoding() {
        return StandardCharsets.UTF_8.name();
    }

    @Override
    public ServletInputStream getInputStream() {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new IllegalStateException("A batch request's body is read synchronously");
            }

            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }
        };
    }

    @Override
    public BufferedReader getReader() {
        return new BufferedReader(new InputStreamReader(getInputStream(), Charset.forName(getCharacterEncoding())));
    }

    /** Attributes are this request's own; the container's ({@code jakarta.servlet.*}) are read from the batch's. */
    @Override
    public Object getAttribute(String name) {
        return attributes.containsKey(name) || !name.startsWith("jakarta.servlet.") ? attributes.get(name) : super.getAttribute(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        return Collections.enumeration(attributes.keySet());
    }

    @Override
    public void setAttribute(String name, Object value) {
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
    }

    @Override
    public void removeAttribute(String name) {
        attributes.remove(name);
    }
}
