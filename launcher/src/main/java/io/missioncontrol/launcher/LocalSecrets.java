package io.missioncontrol.launcher;

import java.io.IOException;
import io.missioncontrol.platform.security.InternalKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The local run's secrets, kept with its data so that a restart keeps the same admin token and the same key
 * pair: the admin token ({@code MC_ADMIN_TOKEN} wins when set), the gateway's internal-token key pair, and the key
 * registry-service seals runtime tokens with (a new one would leave the stored tokens unreadable).
 */
record LocalSecrets(String adminToken, String privateKeyPem, String publicKeyPem, String registrySecretKey) {

    static LocalSecrets loadOrCreate(Path home, String adminTokenFromEnvironment) throws IOException {
        Files.createDirectories(home);
        String adminToken = adminTokenFromEnvironment;
        if (adminToken == null || adminToken.isBlank()) {
            Path tokenFile = home.resolve("admin-token");
            if (!Files.exists(tokenFile)) {
                byte[] random = new byte[48];
                new SecureRandom().nextBytes(random);
                writePrivate(tokenFile, "mc_admin_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random));
            }
            adminToken = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        }
        Path privateKey = home.resolve("internal-token-private.pem");
        Path publicKey = home.resolve("internal-token-public.pem");
        if (!Files.exists(privateKey) || !Files.exists(publicKey)) {
            InternalKeys.PemKeyPair keys = InternalKeys.generate();
            writePrivate(privateKey, keys.privateKeyPem());
            Files.writeString(publicKey, keys.publicKeyPem());
        }
        Path registryKey = home.resolve("registry-secret-key");
        if (!Files.exists(registryKey)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            writePrivate(registryKey, Base64.getEncoder().encodeToString(key));
        }
        return new LocalSecrets(adminToken, Files.readString(privateKey), Files.readString(publicKey),
                Files.readString(registryKey, StandardCharsets.UTF_8).strip());
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the user profile's own permissions apply.
        }
    }
}
