package io.keyward.admin;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

/** Page messages, kept across the POST-redirect-GET in the flash. */
final class Messages {

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

    /** A Graph refusal in words, with its reason code. */
    static String words(GraphRefused refusal) {
        String why = switch (refusal.status()) {
            case 401 -> "Your sign-in to the admin center has expired. Sign in again.";
            case 403 -> "Your role does not allow this change.";
            case 404 -> "It no longer exists.";
            case 412 -> "Someone else changed this while you were editing it. Your changes were not saved: reload to see theirs, then make yours again.";
            default -> "Keyward refused the change.";
        };
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
