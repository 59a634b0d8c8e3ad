package io.seedship.driveformat.bitlocker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;

class AesCcmTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void roundTripStoresTheTagFirst() throws Exception {
        byte[] key = bytes(32);
        byte[] nonce = bytes(12);
        byte[] plain = bytes(44);
        byte[] sealed = AesCcm.seal(key, nonce, plain);
        assertThat(sealed).hasSize(16 + 44);
        assertThat(AesCcm.open(key, nonce, sealed)).isEqualTo(plain);

        // BouncyCastle's own layout is ciphertext then tag: the stored form is the same bytes, tag moved first
        var ccm = org.bouncycastle.crypto.modes.CCMBlockCipher.newInstance(org.bouncycastle.crypto.engines.AESEngine.newInstance());
        ccm.init(true, new org.bouncycastle.crypto.params.AEADParameters(
                new org.bouncycastle.crypto.params.KeyParameter(key), 128, nonce));
        byte[] bc = new byte[60];
        ccm.doFinal(bc, ccm.processBytes(plain, 0, 44, bc, 0));
        assertThat(java.util.Arrays.copyOfRange(sealed, 0, 16)).isEqualTo(java.util.Arrays.copyOfRange(bc, 44, 60));
        assertThat(java.util.Arrays.copyOfRange(sealed, 16, 60)).isEqualTo(java.util.Arrays.copyOfRange(bc, 0, 44));
    }

    @Test
    void tamperingOrAWrongKeyFails() throws Exception {
        byte[] key = bytes(32);
        byte[] nonce = bytes(12);
        byte[] sealed = AesCcm.seal(key, nonce, bytes(44));
        for (int i : new int[] {0, 15, 16, 59}) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 1;
            assertThatThrownBy(() -> AesCcm.open(key, nonce, tampered)).isInstanceOf(AEADBadTagException.class);
        }
        byte[] otherKey = key.clone();
        otherKey[31] ^= 1;
        assertThatThrownBy(() -> AesCcm.open(otherKey, nonce, sealed)).isInstanceOf(AEADBadTagException.class);
        byte[] otherNonce = nonce.clone();
        otherNonce[0] ^= 1;
        assertThatThrownBy(() -> AesCcm.open(key, otherNonce, sealed)).isInstanceOf(AEADBadTagException.class);
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
