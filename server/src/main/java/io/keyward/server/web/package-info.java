/**
 * What browsers and OAuth clients reach outside the Graph API: the sign-in and Security info pages (static HTML and
 * JavaScript modules from the classpath, see {@code Pages}) and the JSON API behind them, the OAuth 2.0 token
 * endpoint, OpenID Connect discovery and JWKS, invitation redemption.
 */
package io.keyward.server.web;
