// Gradle library module with the Kotlin and resources dx 0.7.10 cannot add any other way:
// KeystoreBridge (the hardware key behind the app's data), the backup/transfer exclusion rules and
// the calculator icon. dx includes it as `:plugins:keystorebridge` because
// src/platform/android.rs declares it with `#[manganis::ffi("platforms/android/bridge")]`
// (dx strips plugin versions and uses the AGP/Kotlin versions of its own root project).
plugins {
    id("com.android.library")
    id("org.jetbrains.kotlin.android")
}

android {
    namespace = "calc.platform"
    compileSdk = 35

    defaultConfig {
        minSdk = 24
        // Keep rules for the classes Rust calls through JNI (R8 cannot see those calls).
        consumerProguardFiles("consumer-rules.pro")
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }

    kotlinOptions {
        jvmTarget = "17"
    }
}
