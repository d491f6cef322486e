// A content provider whose files live in memory only. Declared in the app's manifest
// (platforms/android/AndroidManifest.xml, not exported, per-URI grants only) and used by
// MainActivity for two things that would otherwise leave a file on the phone:
// - the camera: ACTION_IMAGE_CAPTURE needs a place to write the photo (EXTRA_OUTPUT). It
//   gets a writable content:// URI here; the bytes go through a pipe into memory, never to
//   the gallery, the cache or the app's files;
// - sharing an export: the share sheet gets a readable content:// URI whose bytes are
//   streamed from memory through a pipe (no copy in the cache dir for a FileProvider).
// clearCaptures() overwrites and forgets the camera's photos: MainActivity calls it when the
// app locks (onStop, screen off) and when a new chooser opens, and Rust after an attachment
// was stored (MainActivity.clearCaptures). A shared export is forgotten when
// the next one is shared, at screen off, or SHARE_KEEP_MS after it was shared (the app it
// went to may read it only once it is in front, after this app stopped).
// Not compiled on the Linux build machines (no Android SDK); tests/it/platform_manifest.rs
// checks the manifest entry and the parts above.

package calc.platform

import android.content.ContentProvider
import android.content.ContentValues
import android.content.Context
import android.database.Cursor
import android.database.MatrixCursor
import android.net.Uri
import android.os.ParcelFileDescriptor
import android.provider.OpenableColumns
import java.io.ByteArrayOutputStream
import java.io.FileNotFoundException
import java.security.SecureRandom
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit

class MemoryFiles : ContentProvider() {

    private class Entry(val name: String, val mime: String, val writable: Boolean) {
        @Volatile
        var bytes: ByteArray = ByteArray(0)

        /** Counted down once the bytes are complete (at once for a share, after the write). */
        val done = CountDownLatch(if (writable) 1 else 0)
    }

    override fun onCreate(): Boolean = true

    override fun getType(uri: Uri): String? = entry(uri)?.mime

    override fun query(
        uri: Uri,
        projection: Array<out String>?,
        selection: String?,
        selectionArgs: Array<out String>?,
        sortOrder: String?,
    ): Cursor? {
        val e = entry(uri) ?: return null
        val cols = projection ?: arrayOf(OpenableColumns.DISPLAY_NAME, OpenableColumns.SIZE)
        val row = cols.map { col ->
            when (col) {
                OpenableColumns.DISPLAY_NAME -> e.name
                OpenableColumns.SIZE -> e.bytes.size.toLong()
                else -> null
            }
        }
        return MatrixCursor(cols, 1).apply { addRow(row.toTypedArray()) }
    }

    override fun openFile(uri: Uri, mode: String): ParcelFileDescriptor {
        val e = entry(uri) ?: throw FileNotFoundException()
        val pipe = ParcelFileDescriptor.createReliablePipe()
        if (mode.contains('w')) {
            if (!e.writable) throw FileNotFoundException()
            // The writer (the camera app) gets the write end; the photo collects in memory.
            Thread {
                ParcelFileDescriptor.AutoCloseInputStream(pipe[0]).use { input ->
                    val out = ByteArrayOutputStream()
                    val buf = ByteArray(64 * 1024)
                    var total = 0L
                    while (true) {
                        val n = input.read(buf)
                        if (n < 0) break
                        total += n
                        if (total > MAX_BYTES) break
                        out.write(buf, 0, n)
                    }
                    buf.fill(0)
                    e.bytes = out.toByteArray()
                }
                e.done.countDown()
            }.start()
            return pipe[1]
        }
        // The reader (the WebView, a share target) gets the read end; the bytes are written
        // from memory on a thread.
        Thread {
            ParcelFileDescriptor.AutoCloseOutputStream(pipe[1]).use { out ->
                try {
                    e.done.await(WAIT_SECONDS, TimeUnit.SECONDS)
                    out.write(e.bytes)
                } catch (_: java.io.IOException) {
                    // The reader went away: nothing to do.
                } catch (_: InterruptedException) {
                    // Shutting down: the reader sees an empty file.
                }
            }
        }.start()
        return pipe[0]
    }

    override fun insert(uri: Uri, values: ContentValues?): Uri? = null

    override fun delete(uri: Uri, selection: String?, selectionArgs: Array<out String>?): Int = 0

    override fun update(
        uri: Uri,
        values: ContentValues?,
        selection: String?,
        selectionArgs: Array<out String>?,
    ): Int = 0

    companion object {
        /** Largest file held (the app's own limit is lower; this only bounds memory). */
        const val MAX_BYTES = 64L * 1024 * 1024

        /** How long a reader waits for the camera to finish writing. */
        private const val WAIT_SECONDS = 5L

        private val files = ConcurrentHashMap<String, Entry>()
        private val random = SecureRandom()

        /** Authority of this provider: the application id + ".files" (see the manifest). */
        fun authority(context: Context): String = context.packageName + ".files"

        private fun entry(uri: Uri): Entry? = uri.lastPathSegment?.let { files[it] }

        private fun newKey(): String {
            val b = ByteArray(16)
            random.nextBytes(b)
            return b.joinToString("") { "%02x".format(it) }
        }

        // content://<authority>/<random key>: the name is given by query(), never in the URI.
        private fun uriOf(context: Context, key: String): Uri =
            Uri.Builder().scheme("content").authority(authority(context)).appendPath(key).build()

        /** A readable file holding [bytes] (a copy), for the share sheet. */
        fun put(context: Context, name: String, mime: String, bytes: ByteArray): Uri {
            val key = newKey()
            files[key] = Entry(name, mime, false).also { it.bytes = bytes.copyOf() }
            return uriOf(context, key)
        }

        /** An empty writable file for the camera's photo. */
        fun newCapture(context: Context): Uri {
            val key = newKey()
            files[key] = Entry("photo.jpg", "image/jpeg", true)
            return uriOf(context, key)
        }

        /** Whether [uri] is one of ours and holds bytes (waits for the camera's write). */
        fun hasBytes(uri: Uri): Boolean {
            val e = entry(uri) ?: return false
            e.done.await(WAIT_SECONDS, TimeUnit.SECONDS)
            return e.bytes.isNotEmpty()
        }

        /** Overwrite and forget the camera's photos (after they were read, and at a lock). */
        fun clearCaptures() = clearWhere { it.writable }

        /** Overwrite and forget every file held, shared exports too. */
        fun clear() = clearWhere { true }

        private fun clearWhere(which: (Entry) -> Boolean) {
            val it = files.entries.iterator()
            while (it.hasNext()) {
                val e = it.next().value
                if (which(e)) {
                    e.bytes.fill(0)
                    it.remove()
                }
            }
        }
    }
}
