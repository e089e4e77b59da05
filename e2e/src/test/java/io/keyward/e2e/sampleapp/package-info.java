/**
 * A sample Jakarta EE web app secured by WildFly's own OpenID Connect client ({@code elytron-oidc-client}) against
 * Keyward, as an organization's app would be: a protected page that greets the signed-in person from the ID token, and
 * a sign-out through Keyward's end session endpoint. The browser suite packages it ({@code io.keyward.e2e.SampleOidcApp})
 * with its {@code WEB-INF/oidc.json} and deploys it into the suite's WildFly.
 */
package io.keyward.e2e.sampleapp;
