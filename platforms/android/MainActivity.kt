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
// - shareText, called from Rust, opens the system share sheet; shareFile does the same with a
//   file held in memory (calc.platform.MemoryFiles, a content:// URI, no file on disk);
// - the WebView's file chooser (WebChromeClient.onShowFileChooser, which the WebView leaves
//   to the app: without it an <input type="file"> shows nothing): the system document picker,
//   plus the camera, whose photo is written into memory (MemoryFiles), never to the gallery
//   or a file. While the picker or camera is in front, onStop does not lock (she comes back
//   to the form she was filling); the idle lock and screen off still lock.
// Not compiled on the Linux build machines (no Android SDK); tests/it/platform_manifest.rs
// checks the parts above are present and agree with src/platform.

package dev.dioxus.main

import android.content.ActivityNotFoundException
import android.content.BroadcastReceiver
import android.content.ClipData
import android.content.Context
import android.content.Intent
import android.content.IntentFilter
import android.content.pm.ApplicationInfo
import android.net.Uri
import android.os.Build
import android.os.Bundle
import android.os.Handler
import android.os.Looper
import android.provider.MediaStore
import android.view.View
import android.view.WindowManager
import android.webkit.ConsoleMessage
import android.webkit.JsPromptResult
import android.webkit.JsResult
import android.webkit.PermissionRequest
import android.webkit.ValueCallback
import android.webkit.WebChromeClient
import android.webkit.WebView
import androidx.core.content.ContextCompat
import calc.platform.KeystoreBridge
import calc.platform.MemoryFiles
import java.lang.ref.WeakReference

// wry's generated Logger.kt reads dev.dioxus.main.BuildConfig; the real one belongs to the
// application id (Dioxus.toml [bundle] identifier).
typealias BuildConfig = net.simplecalc.calculator.BuildConfig

class MainActivity : WryActivity() {

    private val screenOffReceiver = object : BroadcastReceiver() {
        override fun onReceive(context: Context, intent: Intent) {
            if (intent.action == Intent.ACTION_SCREEN_OFF) {
                MemoryFiles.clear()
                nativeOnLifecycle(LIFECYCLE_SCREEN_OFF)
            }
        }
    }
    private var screenOffRegistered = false

    // The page's pending file chooser, and the camera's in-memory photo for it.
    private var pendingChooser: ValueCallback<Array<Uri>>? = null
    private var pendingCapture: Uri? = null
    // True while the picker or camera we opened is in front (onStop then does not lock).
    private var choosing = false

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
        if (!choosing) {
            MemoryFiles.clearCaptures()
            nativeOnLifecycle(LIFECYCLE_BACKGROUND)
        }
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
        pendingChooser?.onReceiveValue(null)
        pendingChooser = null
        MemoryFiles.clear()
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
        // wry sets its own chrome client in the same main-thread task, after this hook: ours
        // goes on top of it once that task is done, and hands everything but the file
        // chooser back to it (API 26+; before that the WebView cannot return wry's client,
        // and the app uses no JS dialogs or web permissions).
        webView.post {
            val wry = if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.O) webView.webChromeClient else null
            webView.webChromeClient = ChooserClient(wry)
        }
    }

    /** The WebView's chrome client: the file chooser is ours, everything else wry's. */
    private inner class ChooserClient(private val wry: WebChromeClient?) : WebChromeClient() {
        override fun onShowFileChooser(
            webView: WebView,
            filePathCallback: ValueCallback<Array<Uri>>,
            fileChooserParams: FileChooserParams,
        ): Boolean = showFileChooser(filePathCallback, fileChooserParams)

        override fun onPermissionRequest(request: PermissionRequest) {
            if (wry != null) wry.onPermissionRequest(request) else request.deny()
        }

        override fun onJsAlert(view: WebView, url: String, message: String, result: JsResult): Boolean =
            wry?.onJsAlert(view, url, message, result) ?: super.onJsAlert(view, url, message, result)

        override fun onJsConfirm(view: WebView, url: String, message: String, result: JsResult): Boolean =
            wry?.onJsConfirm(view, url, message, result) ?: super.onJsConfirm(view, url, message, result)

        override fun onJsPrompt(
            view: WebView,
            url: String,
            message: String,
            defaultValue: String?,
            result: JsPromptResult,
        ): Boolean = wry?.onJsPrompt(view, url, message, defaultValue, result)
            ?: super.onJsPrompt(view, url, message, defaultValue, result)

        override fun onConsoleMessage(consoleMessage: ConsoleMessage): Boolean =
            wry?.onConsoleMessage(consoleMessage) ?: super.onConsoleMessage(consoleMessage)

        override fun onReceivedTitle(view: WebView, title: String?) {
            if (wry != null) wry.onReceivedTitle(view, title) else super.onReceivedTitle(view, title)
        }
    }

    /**
     * An <input type="file"> was tapped: the system document picker (no storage permission:
     * the picked files are read through their content:// URIs, nothing is copied), offered
     * together with the camera when the input takes images. With `capture`, the camera
     * alone. The camera writes into memory (MemoryFiles), never to the gallery or a file.
     */
    private fun showFileChooser(
        callback: ValueCallback<Array<Uri>>,
        params: WebChromeClient.FileChooserParams,
    ): Boolean {
        pendingChooser?.onReceiveValue(null)
        MemoryFiles.clearCaptures()
        pendingChooser = callback
        pendingCapture = null
        val types = params.acceptTypes
            .map { it.trim() }
            .filter { it.contains('/') }
            .toTypedArray()
        val pick = Intent(Intent.ACTION_OPEN_DOCUMENT).apply {
            addCategory(Intent.CATEGORY_OPENABLE)
            type = "*/*"
            if (types.isNotEmpty()) putExtra(Intent.EXTRA_MIME_TYPES, types)
            putExtra(
                Intent.EXTRA_ALLOW_MULTIPLE,
                params.mode == WebChromeClient.FileChooserParams.MODE_OPEN_MULTIPLE,
            )
        }
        val takesImages = types.isEmpty() || types.any { it.startsWith("image/") }
        val camera = if (takesImages) {
            val capture = MemoryFiles.newCapture(this)
            pendingCapture = capture
            Intent(MediaStore.ACTION_IMAGE_CAPTURE).apply {
                putExtra(MediaStore.EXTRA_OUTPUT, capture)
                clipData = ClipData.newRawUri(null, capture)
                addFlags(Intent.FLAG_GRANT_WRITE_URI_PERMISSION or Intent.FLAG_GRANT_READ_URI_PERMISSION)
            }
        } else {
            null
        }
        val intent = if (params.isCaptureEnabled && camera != null) {
            camera
        } else {
            Intent.createChooser(pick, null).apply {
                if (camera != null) putExtra(Intent.EXTRA_INITIAL_INTENTS, arrayOf(camera))
            }
        }
        choosing = true
        try {
            @Suppress("DEPRECATION")
            startActivityForResult(intent, REQUEST_FILES)
        } catch (_: ActivityNotFoundException) {
            try {
                @Suppress("DEPRECATION")
                startActivityForResult(pick, REQUEST_FILES)
            } catch (_: ActivityNotFoundException) {
                choosing = false
                finishChooser(null)
            }
        }
        return true
    }

    @Deprecated("startActivityForResult keeps the chooser in this one class")
    override fun onActivityResult(requestCode: Int, resultCode: Int, data: Intent?) {
        @Suppress("DEPRECATION")
        super.onActivityResult(requestCode, resultCode, data)
        if (requestCode != REQUEST_FILES) return
        choosing = false
        if (resultCode != RESULT_OK) {
            finishChooser(null)
            return
        }
        val picked = ArrayList<Uri>()
        data?.clipData?.let { clip ->
            for (i in 0 until clip.itemCount) clip.getItemAt(i).uri?.let { picked.add(it) }
        }
        data?.data?.let { if (!picked.contains(it)) picked.add(it) }
        val capture = pendingCapture
        picked.remove(capture)
        if (picked.isEmpty() && capture != null && MemoryFiles.hasBytes(capture)) {
            picked.add(capture)
        }
        finishChooser(if (picked.isEmpty()) null else picked.toTypedArray())
    }

    private fun finishChooser(uris: Array<Uri>?) {
        pendingChooser?.onReceiveValue(uris)
        pendingChooser = null
        pendingCapture = null
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

        private const val REQUEST_FILES = 0x4643

        // How long a shared export stays readable in memory (see MemoryFiles).
        private const val SHARE_KEEP_MS = 10L * 60 * 1000

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

        /**
         * Called from Rust (platform::share_file): the system share sheet with a file held
         * in memory only (MemoryFiles), readable by the app she picks, forgotten after
         * SHARE_KEEP_MS, at screen off or when the next export is shared.
         */
        @JvmStatic
        fun shareFile(name: String, mime: String, bytes: ByteArray): Boolean {
            val activity = current?.get() ?: return false
            MemoryFiles.clear()
            val uri = MemoryFiles.put(activity, name, mime, bytes)
            bytes.fill(0)
            activity.runOnUiThread {
                val send = Intent(Intent.ACTION_SEND).apply {
                    type = mime
                    putExtra(Intent.EXTRA_STREAM, uri)
                    clipData = ClipData.newRawUri(null, uri)
                    addFlags(Intent.FLAG_GRANT_READ_URI_PERMISSION)
                }
                activity.startActivity(Intent.createChooser(send, null))
            }
            Handler(Looper.getMainLooper()).postDelayed({ MemoryFiles.clear() }, SHARE_KEEP_MS)
            return true
        }

        /** Called from Rust once the page's picked files are stored. */
        @JvmStatic
        fun clearCaptures(): Boolean {
            MemoryFiles.clearCaptures()
            return true
        }
    }
}
