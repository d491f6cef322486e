// The app's Android activity (Dioxus.toml [application] android_main_activity). dx copies
// this file to app/src/main/kotlin/dev/dioxus/main/MainActivity.kt; WryActivity is generated
// next to it by wry. What it adds to WryActivity:
// - FLAG_SECURE before anything is drawn: no screenshots, no screen recording, a blank card
//   in Recents (and no Recents screenshot at all on Android 13+);
// - nativeInit before super.onCreate starts Rust, so Rust knows the JVM and the files dir;
// - lifecycle to Rust: onResume = foreground, onStop = background, screen off (each locks);
// - VIEW intents (cold start and onNewIntent) to Rust, which keeps only our own links;
// - WebView debugging forced off and autofill kept out of the WebView unless the build is
//   debuggable;
// - shareText, called from Rust, opens the system share sheet.
// Not compiled on the Linux build machines (no Android SDK); tests/it/platform_manifest.rs
// checks the parts above are present and agree with src/platform.

package dev.dioxus.main

import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import android.content.IntentFilter
import android.content.pm.ApplicationInfo
import android.os.Build
import android.os.Bundle
import android.view.View
import android.view.WindowManager
import android.webkit.WebView
import androidx.core.content.ContextCompat
import calc.platform.KeystoreBridge
import java.lang.ref.WeakReference

// wry's generated Logger.kt reads dev.dioxus.main.BuildConfig; the real one belongs to the
// application id (Dioxus.toml [bundle] identifier).
typealias BuildConfig = net.simplecalc.calculator.BuildConfig

class MainActivity : WryActivity() {

    private val screenOffReceiver = object : BroadcastReceiver() {
        override fun onReceive(context: Context, intent: Intent) {
            if (intent.action == Intent.ACTION_SCREEN_OFF) {
                nativeOnLifecycle(LIFECYCLE_SCREEN_OFF)
            }
        }
    }
    private var screenOffRegistered = false

    override fun onCreate(savedInstanceState: Bundle?) {
        window.setFlags(
            WindowManager.LayoutParams.FLAG_SECURE,
            WindowManager.LayoutParams.FLAG_SECURE,
        )
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU) {
            setRecentsScreenshotEnabled(false)
        }
        KeystoreBridge.init(applicationContext)
        current = WeakReference(this)
        nativeInit(filesDir.absolutePath)
        super.onCreate(savedInstanceState)
        ContextCompat.registerReceiver(
            this,
            screenOffReceiver,
            IntentFilter(Intent.ACTION_SCREEN_OFF),
            ContextCompat.RECEIVER_NOT_EXPORTED,
        )
        screenOffRegistered = true
        // A re-created activity or a launch from Recents replays the old intent: skip it.
        if (savedInstanceState == null) {
            forwardLink(intent)
        }
    }

    override fun onNewIntent(intent: Intent) {
        super.onNewIntent(intent)
        setIntent(intent)
        forwardLink(intent)
    }

    override fun onResume() {
        super.onResume()
        nativeOnLifecycle(LIFECYCLE_FOREGROUND)
    }

    override fun onStop() {
        nativeOnLifecycle(LIFECYCLE_BACKGROUND)
        super.onStop()
    }

    override fun onDestroy() {
        if (screenOffRegistered) {
            unregisterReceiver(screenOffReceiver)
            screenOffRegistered = false
        }
        if (current?.get() === this) {
            current = null
        }
        super.onDestroy()
    }

    override fun onWebViewCreate(webView: WebView) {
        super.onWebViewCreate(webView)
        if (!isDebuggable()) {
            WebView.setWebContentsDebuggingEnabled(false)
            // A devtools build of wry switches debugging on right after this callback, on
            // the same thread: switch it off again once that has run.
            webView.post { WebView.setWebContentsDebuggingEnabled(false) }
        }
        // Autofill services (password managers) never see the PIN or what is typed inside.
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.O) {
            webView.importantForAutofill = View.IMPORTANT_FOR_AUTOFILL_NO_EXCLUDE_DESCENDANTS
        }
    }

    private fun isDebuggable(): Boolean =
        (applicationInfo.flags and ApplicationInfo.FLAG_DEBUGGABLE) != 0

    private fun forwardLink(intent: Intent?) {
        if (intent == null || intent.action != Intent.ACTION_VIEW) return
        if ((intent.flags and Intent.FLAG_ACTIVITY_LAUNCHED_FROM_HISTORY) != 0) return
        val data = intent.dataString ?: return
        if (data.length <= MAX_LINK_CHARS) {
            nativeOnNewIntent(data)
        }
    }

    private external fun nativeInit(filesDir: String)

    private external fun nativeOnLifecycle(code: Int)

    private external fun nativeOnNewIntent(url: String)

    companion object {
        // Same numbers as src/platform/mod.rs `lifecycle_code`.
        const val LIFECYCLE_FOREGROUND = 1
        const val LIFECYCLE_BACKGROUND = 2
        const val LIFECYCLE_SCREEN_OFF = 3

        // Same as core::link::MAX_LINK_CHARS; Rust checks again.
        private const val MAX_LINK_CHARS = 4096

        @Volatile
        private var current: WeakReference<MainActivity>? = null

        /** Called from Rust (platform::share_text): the system share sheet with [text]. */
        @JvmStatic
        fun shareText(text: String): Boolean {
            val activity = current?.get() ?: return false
            activity.runOnUiThread {
                val send = Intent(Intent.ACTION_SEND).apply {
                    type = "text/plain"
                    putExtra(Intent.EXTRA_TEXT, text)
                }
                activity.startActivity(Intent.createChooser(send, null))
            }
            return true
        }
    }
}
