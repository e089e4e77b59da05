package io.keyward.e2e;

/**
 * A message as a page shows it: the words a person reads, the outcome ({@code success} or {@code refused}) and the
 * reason code in the element's {@code data-reason}.
 */
record Message(String outcome, String reason, String text) {

    boolean refused() {
        return "refused".equals(outcome);
    }

    @Override
    public String toString() {
        return outcome + " [" + reason + "] " + text;
    }
}
