// The hardware key behind the vault's device secret (src/platform/wrapped.rs,
// src/platform/android.rs). One AES-256-GCM key in the Android Keystore, alias "k1":
// generated inside the secure hardware (StrongBox when the phone has it, otherwise the TEE),
// never exportable, usable without user authentication (the app's own PIN guards the vault;
// this key only has to stay on this phone). Rust calls wrap/unwrap/deleteKey through JNI;
// keep rules are in consumer-rules.pro. The wrapped form is nonce(12) || ciphertext || tag(16)
// with AAD "calc.k1.v1", exactly what WRAP_AAD / SEALED_LEN in wrapped.rs expect.
// Not compiled on the Linux build machines (no Android SDK).

package calc.platform

import android.content.Context
import android.content.pm.PackageManager
import android.os.Build
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyProperties
import java.security.KeyStore
import java.security.ProviderException
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec

object KeystoreBridge {
    private const val KEYSTORE = "AndroidKeyStore"
    private const val ALIAS = "k1"
    private const val TRANSFORMATION = "AES/GCM/NoPadding"
    private const val NONCE_LEN = 12
    private const val TAG_BITS = 128
    private val AAD = "calc.k1.v1".toByteArray(Charsets.US_ASCII)

    @Volatile
    private var appContext: Context? = null

    /** Called by MainActivity.onCreate: the context answers "is there a StrongBox?". */
    @JvmStatic
    fun init(context: Context) {
        appContext = context.applicationContext
    }

    private fun keyStore(): KeyStore = KeyStore.getInstance(KEYSTORE).apply { load(null) }

    private fun existingKey(): SecretKey? = keyStore().getKey(ALIAS, null) as? SecretKey

    private fun hasStrongBox(): Boolean {
        val context = appContext ?: return false
        return Build.VERSION.SDK_INT >= Build.VERSION_CODES.P &&
            context.packageManager.hasSystemFeature(PackageManager.FEATURE_STRONGBOX_KEYSTORE)
    }

    private fun generate(strongBox: Boolean): SecretKey {
        val spec = KeyGenParameterSpec.Builder(
            ALIAS,
            KeyProperties.PURPOSE_ENCRYPT or KeyProperties.PURPOSE_DECRYPT,
        )
            .setKeySize(256)
            .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
            .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
            .setRandomizedEncryptionRequired(true)
            .setUserAuthenticationRequired(false)
        if (strongBox && Build.VERSION.SDK_INT >= Build.VERSION_CODES.P) {
            spec.setIsStrongBoxBacked(true)
        }
        val generator = KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, KEYSTORE)
        generator.init(spec.build())
        return generator.generateKey()
    }

    private fun keyForWrapping(): SecretKey {
        existingKey()?.let { return it }
        if (hasStrongBox()) {
            try {
                return generate(strongBox = true)
            } catch (e: ProviderException) {
                // StrongBoxUnavailableException (a ProviderException): fall back to the TEE.
            }
        }
        return generate(strongBox = false)
    }

    /** Encrypts the device secret; returns nonce || ciphertext || tag. Throws on failure. */
    @JvmStatic
    fun wrap(secret: ByteArray): ByteArray {
        val cipher = Cipher.getInstance(TRANSFORMATION)
        cipher.init(Cipher.ENCRYPT_MODE, keyForWrapping())
        cipher.updateAAD(AAD)
        val sealed = cipher.doFinal(secret)
        val nonce = cipher.iv
        check(nonce.size == NONCE_LEN)
        return nonce + sealed
    }

    /**
     * Decrypts what [wrap] returned. Null when the hardware key does not exist; throws when
     * the bytes do not authenticate.
     */
    @JvmStatic
    fun unwrap(wrapped: ByteArray): ByteArray? {
        val key = existingKey() ?: return null
        require(wrapped.size > NONCE_LEN)
        val cipher = Cipher.getInstance(TRANSFORMATION)
        cipher.init(Cipher.DECRYPT_MODE, key, GCMParameterSpec(TAG_BITS, wrapped, 0, NONCE_LEN))
        cipher.updateAAD(AAD)
        return cipher.doFinal(wrapped, NONCE_LEN, wrapped.size - NONCE_LEN)
    }

    /** Deletes the hardware key: everything it wrapped is unreadable from now on. */
    @JvmStatic
    fun deleteKey() {
        val store = keyStore()
        if (store.containsAlias(ALIAS)) {
            store.deleteEntry(ALIAS)
        }
    }
}
