package io.keyward.admin;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

/** Page messages, kept across the POST-redirect-GET in the flash. */
final class Messages {

    private static final String EXPIRED = "Your sign-in to the admin center has expired. Sign in again.";

    private Messages() {
    }

    static void done(String text) {
        add(FacesMessage.SEVERITY_INFO, text);
    }

    static void refused(String text) {
        add(FacesMessage.SEVERITY_ERROR, text);
    }

    static void refused(GraphRefused refusal) {
        refused(words(refusal));
    }

    /** A Graph refusal of a change in words, with its reason code. */
    static String words(GraphRefused refusal) {
        return sentence(switch (refusal.status()) {
            case 401 -> EXPIRED;
            case 403 -> "Your role does not allow this change.";
            case 404 -> "It no longer exists.";
            case 412 -> "Someone else changed this while you were editing it. Your changes were not saved: reload to see theirs, then make yours again.";
            default -> "Keyward refused the change.";
        }, refusal);
    }

    /** A Graph refusal of a read (a list, a search) in words, with its reason code. */
    static String readWords(GraphRefused refusal) {
        return sentence(switch (refusal.status()) {
            case 401 -> EXPIRED;
            case 403 -> "Your role cannot read this.";
            default -> "Keyward refused the search.";
        }, refusal);
    }

    private static String sentence(String why, GraphRefused refusal) {
        return why + " " + refusal.getMessage() + " (" + refusal.code() + ")";
    }

    /** Keeps this request's messages for the page the redirect leads to (POST-redirect-GET). */
    static String redirect(String outcome) {
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
        return outcome;
    }

    private static void add(FacesMessage.Severity severity, String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, text));
    }
}
