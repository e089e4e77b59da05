/** The admin center: a JSF application at {@code /admin} that manages Keyward through the Graph API. */
package io.keyward.admin;
