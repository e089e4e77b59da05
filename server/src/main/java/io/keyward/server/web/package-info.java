/**
 * What browsers and OAuth clients reach outside the Graph API: the OAuth 2.0 token endpoint, OpenID Connect
 * discovery and JWKS, invitation redemption; later the sign-in and Security info pages.
 */
package io.keyward.server.web;
