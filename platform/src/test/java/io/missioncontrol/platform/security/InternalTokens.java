package io.missioncontrol.platform.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.missioncontrol.platform.testing.TestTokens;
import java.util.function.UnaryOperator;

/** Signs tokens the way the gateway does, so tests can vary one claim at a time. */
final class InternalTokens {

    private InternalTokens() {
    }

    static JWTClaimsSet.Builder adminClaims() {
        return TestTokens.claims("admin", "admin");
    }

    static String sign(String privateKeyPem, UnaryOperator<JWTClaimsSet.Builder> claims) {
        return sign(new RSASSASigner(InternalKeys.privateKeyFromPem(privateKeyPem)), JWSAlgorithm.RS256, claims);
    }

    static String sign(JWSSigner signer, JWSAlgorithm algorithm, UnaryOperator<JWTClaimsSet.Builder> claims) {
        var jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).build(),
                claims.apply(adminClaims()).build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
