package dev.wificall.ike;

import java.security.GeneralSecurityException;

/**
 * An SK payload whose ICV (HMAC or AES-GCM tag) does not verify: the message was altered, or the
 * keys are not the peer's. Nothing of the plaintext is returned.
 */
public final class SkPayloadIntegrityException extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;

    public SkPayloadIntegrityException(String message) {
        super(message);
    }
}
