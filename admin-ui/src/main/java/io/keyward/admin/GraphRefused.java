package io.keyward.admin;

/** Graph answered with an error envelope: its HTTP status, its code (Keyward's reason code) and its message. */
public class GraphRefused extends RuntimeException {

    private final int status;
    private final String code;

    public GraphRefused(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** If-Match did not match: someone else changed the resource since this page read it. */
    public boolean conflict() {
        return status == 412;
    }
}
