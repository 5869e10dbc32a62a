package io.missioncontrol.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The local run's secrets, kept with its data so that a restart keeps the same admin token and the same key
 * pair: the admin token ({@code MC_ADMIN_TOKEN} wins when set) and the gateway's internal-token key pair.
 */
record LocalSecrets(String adminToken, String privateKeyPem, String publicKeyPem) {

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
            KeyPair keys = generateKeyPair();
            writePrivate(privateKey, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
            Files.writeString(publicKey, pem("PUBLIC KEY", keys.getPublic().getEncoded()));
        }
        return new LocalSecrets(adminToken, Files.readString(privateKey), Files.readString(publicKey));
    }

    private static KeyPair generateKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has RSA", e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
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
