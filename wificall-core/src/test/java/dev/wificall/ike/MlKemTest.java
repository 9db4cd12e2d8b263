package dev.wificall.ike;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MlKemTest {
    private final SecureRandom random = new SecureRandom();

    @ParameterizedTest
    @EnumSource(MlKem.class)
    void encapsulationKeyAndCiphertextHaveFips203SizesAndBothSidesShareTheSecret(MlKem kem) {
        MlKem.KeyPair pair = kem.generateKeyPair(random);
        MlKem.Encapsulation e = kem.encapsulate(pair.encapsulationKey(), random);

        assertThat(pair.encapsulationKey()).hasSize(kem.encapsulationKeyLength());
        assertThat(e.ciphertext()).hasSize(kem.ciphertextLength());
        assertThat(e.sharedSecret()).hasSize(MlKem.SHARED_SECRET_LENGTH);
        assertThat(pair.decapsulate(e.ciphertext())).isEqualTo(e.sharedSecret());
    }

    @Test
    void sizesAndIdsAreThoseOfTheIanaRegistryAndFips203() {
        assertThat(MlKem.ML_KEM_512).extracting(MlKem::id, MlKem::encapsulationKeyLength, MlKem::ciphertextLength)
                .containsExactly(35, 800, 768);
        assertThat(MlKem.ML_KEM_768).extracting(MlKem::id, MlKem::encapsulationKeyLength, MlKem::ciphertextLength)
                .containsExactly(36, 1184, 1088);
        assertThat(MlKem.ML_KEM_1024).extracting(MlKem::id, MlKem::encapsulationKeyLength, MlKem::ciphertextLength)
                .containsExactly(37, 1568, 1568);
        assertThat(MlKem.byId(36)).contains(MlKem.ML_KEM_768);
        assertThat(MlKem.byId(31)).isEmpty();
    }

    @Test
    void aCiphertextOfTheWrongLengthIsRefusedNamingBothLengths() {
        MlKem.KeyPair pair = MlKem.ML_KEM_768.generateKeyPair(random);

        assertThatThrownBy(() -> pair.decapsulate(new byte[1568])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid ML-KEM-768 KE data: ciphertext of 1568 bytes, expected 1088");
        assertThatThrownBy(() -> MlKem.ML_KEM_1024.encapsulate(pair.encapsulationKey(), random))
                .hasMessage("invalid ML-KEM-1024 KE data: encapsulation key of 1184 bytes, expected 1568");
    }

    @Test
    void aTamperedCiphertextGivesAnotherSecretNotAnError() {
        MlKem.KeyPair pair = MlKem.ML_KEM_768.generateKeyPair(random);
        MlKem.Encapsulation e = MlKem.ML_KEM_768.encapsulate(pair.encapsulationKey(), random);
        byte[] tampered = e.ciphertext();
        tampered[100] ^= 1;

        // implicit rejection (FIPS 203 §7.3): only the keys derived later tell
        assertThat(pair.decapsulate(tampered)).hasSize(32).isNotEqualTo(e.sharedSecret());
    }

    @Test
    void anEncapsulationKeyOutsideTheModulusIsRefused() {
        byte[] bad = new byte[1184];
        java.util.Arrays.fill(bad, (byte) 0xFF);

        assertThatThrownBy(() -> MlKem.ML_KEM_768.encapsulate(bad, random)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid ML-KEM-768 KE data: encapsulation key rejected");
    }
}
