package io.keyward.server.platform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretHasherTest {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    @Test
    void secretHashIsSha256HexWithItsScheme() {
        assertThat(SecretHasher.hashSecret("abc"))
                .isEqualTo("sha256$ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void secretMatchesItsHash() {
        String secret = SecretHasher.generateSecret(40);

        assertThat(SecretHasher.matchesSecret(secret, SecretHasher.hashSecret(secret))).isTrue();
    }

    @Test
    void wrongSecretDoesNotMatch() {
        String stored = SecretHasher.hashSecret("correct-secret");

        assertThat(SecretHasher.matchesSecret("correct-secreT", stored)).isFalse();
    }

    @Test
    void secretDoesNotMatchAPasswordHash() {
        String stored = SecretHasher.hashPassword("same text");

        assertThat(SecretHasher.matchesSecret("same text", stored)).isFalse();
    }

    @Test
    void passwordMatchesItsHash() {
        String stored = SecretHasher.hashPassword("Correct horse battery staple 1");

        assertThat(SecretHasher.matchesPassword("Correct horse battery staple 1", stored)).isTrue();
    }

    @Test
    void wrongPasswordDoesNotMatch() {
        String stored = SecretHasher.hashPassword("Correct horse battery staple 1");

        assertThat(SecretHasher.matchesPassword("Correct horse battery staple 2", stored)).isFalse();
    }

    @Test
    void passwordHashRecordsSchemeIterationsSaltAndKey() {
        String[] parts = SecretHasher.hashPassword("pa55word!").split("\\$");

        assertThat(parts).hasSize(4);
        assertThat(parts[0]).isEqualTo("pbkdf2-sha256");
        assertThat(Integer.parseInt(parts[1])).isGreaterThanOrEqualTo(210_000);
        assertThat(java.util.Base64.getDecoder().decode(parts[2])).hasSize(16);
        assertThat(java.util.Base64.getDecoder().decode(parts[3])).hasSize(32);
    }

    @Test
    void samePasswordHashedTwiceGetsDifferentSaltsAndBothMatch() {
        String first = SecretHasher.hashPassword("pa55word!");
        String second = SecretHasher.hashPassword("pa55word!");

        assertThat(first.split("\\$")[2]).isNotEqualTo(second.split("\\$")[2]);
        assertThat(first).isNotEqualTo(second);
        assertThat(SecretHasher.matchesPassword("pa55word!", first)).isTrue();
        assertThat(SecretHasher.matchesPassword("pa55word!", second)).isTrue();
    }

    @Test
    void passwordDoesNotMatchASecretHash() {
        assertThat(SecretHasher.matchesPassword("abc", SecretHasher.hashSecret("abc"))).isFalse();
    }

    @Test
    void corruptPasswordHashMatchesNothingInsteadOfThrowing() {
        assertThat(SecretHasher.matchesPassword("abc", "pbkdf2-sha256$many$%%%$***")).isFalse();
        assertThat(SecretHasher.matchesPassword("abc", "pbkdf2-sha256$1000$not-base64!$AAAA")).isFalse();
    }

    @Test
    void generatedSecretHasTheRequestedLength() {
        assertThat(SecretHasher.generateSecret(40)).hasSize(40);
        assertThat(SecretHasher.generateSecret(16)).hasSize(16);
    }

    @Test
    void generatedSecretUsesOnlyTheUnambiguousAlphabet() {
        String secret = SecretHasher.generateSecret(2000);

        assertThat(secret.chars()).allMatch(c -> ALPHABET.indexOf(c) >= 0);
        assertThat(secret).doesNotContain("0", "O", "1", "l", "I");
    }

    @Test
    void generatedSecretsDiffer() {
        assertThat(SecretHasher.generateSecret(32)).isNotEqualTo(SecretHasher.generateSecret(32));
    }
}
