/**
 * End-to-end tests: Keyward started the way an operator starts it ({@code ./keyward start-dev}), driven over
 * HTTP; and the deployment files ({@code compose.yaml}, {@code Dockerfile}) checked for what they must contain.
 */
package io.keyward.e2e;
