// The hardware keys behind the vault's slot secrets (src/platform/wrapped.rs,
// src/platform/android.rs). One AES-256-GCM key in the Android Keystore per slot secret,
// alias = the secret id in hex (the format-v1 secret: alias "k1"): generated inside the
// secure hardware (StrongBox when the phone has FEATURE_STRONGBOX_KEYSTORE, otherwise the
// TEE), never exportable, usable only while the phone is unlocked (API 28+:
// setUnlockedDeviceRequired), without user authentication (the app's own PIN guards the
// vault; this key only has to stay on this phone). deleteKey(alias) crypto-shreds one slot.
// Rust calls wrap/unwrap/deleteKey through JNI;
// keep rules are in consumer-rules.pro. The wrapped form is nonce(12) || ciphertext || tag(16)
// with AAD "calc.k1.v1", exactly what WRAP_AAD / SEALED_LEN in wrapped.rs expect.
// Not compiled on the Linux build machines (no Android SDK).

package calc.platform

import android.content.Context
import android.content.pm.PackageManager
import android.os.Build
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyProperties
import android.security.keystore.StrongBoxUnavailableException
import java.security.KeyStore
import java.security.ProviderException
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec

object KeystoreBridge {
    private const val KEYSTORE = "AndroidKeyStore"
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

    private fun existingKey(alias: String): SecretKey? =
        keyStore().getKey(alias, null) as? SecretKey

    private fun hasStrongBox(): Boolean {
        val context = appContext ?: return false
        return Build.VERSION.SDK_INT >= Build.VERSION_CODES.P &&
            context.packageManager.hasSystemFeature(PackageManager.FEATURE_STRONGBOX_KEYSTORE)
    }

    private fun generate(alias: String, strongBox: Boolean): SecretKey {
        val spec = KeyGenParameterSpec.Builder(
            alias,
            KeyProperties.PURPOSE_ENCRYPT or KeyProperties.PURPOSE_DECRYPT,
        )
            .setKeySize(256)
            .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
            .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
            .setRandomizedEncryptionRequired(true)
            .setUserAuthenticationRequired(false)
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.P) {
            // Not usable while the phone is locked: nothing running as the app can unwrap
            // a slot secret then (API 28+).
            spec.setUnlockedDeviceRequired(true)
            if (strongBox) {
                spec.setIsStrongBoxBacked(true)
            }
        }
        val generator = KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, KEYSTORE)
        generator.init(spec.build())
        return generator.generateKey()
    }

    private fun keyForWrapping(alias: String): SecretKey {
        existingKey(alias)?.let { return it }
        if (hasStrongBox()) {
            try {
                return generate(alias, strongBox = true)
            } catch (e: StrongBoxUnavailableException) {
                // No StrongBox after all: fall back to the TEE.
            } catch (e: ProviderException) {
                // Some vendors throw a plain ProviderException: same fallback.
            }
        }
        return generate(alias, strongBox = false)
    }

    /** Encrypts a slot secret under key [alias]; returns nonce || ciphertext || tag. */
    @JvmStatic
    fun wrap(alias: String, secret: ByteArray): ByteArray {
        val cipher = Cipher.getInstance(TRANSFORMATION)
        cipher.init(Cipher.ENCRYPT_MODE, keyForWrapping(alias))
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
    fun unwrap(alias: String, wrapped: ByteArray): ByteArray? {
        val key = existingKey(alias) ?: return null
        require(wrapped.size > NONCE_LEN)
        val cipher = Cipher.getInstance(TRANSFORMATION)
        cipher.init(Cipher.DECRYPT_MODE, key, GCMParameterSpec(TAG_BITS, wrapped, 0, NONCE_LEN))
        cipher.updateAAD(AAD)
        return cipher.doFinal(wrapped, NONCE_LEN, wrapped.size - NONCE_LEN)
    }

    /** Deletes the hardware key [alias]: what it wrapped is unreadable from now on. */
    @JvmStatic
    fun deleteKey(alias: String) {
        val store = keyStore()
        if (store.containsAlias(alias)) {
            store.deleteEntry(alias)
        }
    }
}
