package io.keyward.server.access;

import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.directory.UserService;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;
import io.keyward.server.platform.SecretHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * Sign-in with a secret: a Temporary Access Pass or a password. Every attempt is throttled before the secret is
 * checked ({@link GuessingThrottle}) and raised as a {@link SignInAttempted}, allowed or refused. Answers do not
 * tell which names exist: an unknown name, a wrong secret and an account without a password get the same refusal,
 * in about the same time (a password is always hashed), and the throttle counts names, not accounts.
 */
@ApplicationScoped
public class SecretSignIns {

    /** Which secret a sign-in uses; the method name is the one the sign-in log shows. */
    public enum Secret {
        TEMPORARY_ACCESS_PASS("Temporary Access Pass", "temporaryAccessPass"),
        PASSWORD("Password", "password");

        private final String method;
        private final String sessionMethod;

        Secret(String method, String sessionMethod) {
            this.method = method;
            this.sessionMethod = sessionMethod;
        }

        public String method() {
            return method;
        }

        /** The authentication method a session opened by this secret records. */
        public String sessionMethod() {
            return sessionMethod;
        }
    }

    /** A password hash that matches nothing, checked for unknown names so that they cost what a real check costs. */
    private static final String DECOY_PASSWORD_HASH = SecretHasher.hashPassword(SecretHasher.generateSecret(24));

    @Inject
    UserService users;

    @Inject
    TemporaryAccessPasses accessPasses;

    @Inject
    GuessingThrottle throttle;

    @Inject
    Event<SignInAttempted> attempts;

    @Inject
    ConditionalAccess conditionalAccess;

    /** A sign-in with a secret that got through: who, and the method in authentication strength terms. */
    public record SignedIn(DirectoryUser user, SignInMethod method) {
    }

    /**
     * Signs {@code name} in with {@code secret} over {@code channel}; throws {@link Refused} with
     * {@code tooManyRequests}, {@code unauthenticated} or {@code accountDisabled}, and {@link ConditionalAccessRefused}
     * when the app signed into asks for more than this secret.
     */
    public SignedIn signIn(String name, String secretValue, Secret secret, SignInChannel channel) {
        Optional<DirectoryUser> user = users.findBySignInName(name);
        SignInAttempted.Builder attempt = SignInAttempted.of(channel, secret.method()).user(user);
        Optional<GuessingThrottle.Attempt> slot = throttle.begin(name, channel.ipAddress().orElse(null));
        if (slot.isEmpty()) {
            throw refuse(attempt, new Throttled("Too many failed attempts. Wait " + throttle.retryAfter().toMinutes()
                    + " minutes, or sign in with a passkey.", throttle.retryAfter()));
        }
        Optional<SignInMethod> method = matches(user, secretValue, secret);
        if (method.isEmpty()) {
            throw refuse(attempt, new Refused(ReasonCode.UNAUTHENTICATED,
                    "That account name and " + secret.method().toLowerCase() + " do not match."));
        }
        throttle.succeeded(slot.get());
        // Enablement is checked only after the secret: a disabled account is no one's business but its owner's.
        if (!user.get().accountEnabled()) {
            throw refuse(attempt, new Refused(ReasonCode.ACCOUNT_DISABLED, "Your account is disabled. Contact your administrator."));
        }
        conditionalAccess.enforce(attempt, user.get(), channel, method.get());
        attempts.fire(attempt.succeeded());
        return new SignedIn(user.get(), method.get());
    }

    /** The method this secret proves, when it is right. */
    private Optional<SignInMethod> matches(Optional<DirectoryUser> user, String secretValue, Secret secret) {
        return switch (secret) {
            case TEMPORARY_ACCESS_PASS -> user.flatMap(u -> accessPasses.redeem(u.id(), secretValue))
                    .map(pass -> SignInMethod.temporaryAccessPass(pass.usableOnce()));
            case PASSWORD -> {
                String hash = user.flatMap(DirectoryUser::passwordHash).orElse(DECOY_PASSWORD_HASH);
                boolean right = SecretHasher.matchesPassword(secretValue, hash) && user.flatMap(DirectoryUser::passwordHash).isPresent();
                yield right ? Optional.of(SignInMethod.password()) : Optional.empty();
            }
        };
    }

    private Refused refuse(SignInAttempted.Builder attempt, Refused refusal) {
        attempts.fire(attempt.refused(refusal.reason(), refusal.getMessage()));
        return refusal;
    }

    /** A throttled attempt: {@code tooManyRequests}, with how long to wait. */
    public static final class Throttled extends Refused {
        private final transient java.time.Duration retryAfter;

        Throttled(String message, java.time.Duration retryAfter) {
            super(ReasonCode.TOO_MANY_REQUESTS, message);
            this.retryAfter = retryAfter;
        }

        public java.time.Duration retryAfter() {
            return retryAfter;
        }
    }
}
