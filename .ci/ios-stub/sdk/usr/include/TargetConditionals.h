/* Stand-in for the iOS SDK header, used only by .ci/ios-check to type-check the iOS build
 * on Linux (ring's C includes it on Apple targets). Nothing built with it is linked. */
#pragma once
#define TARGET_OS_MAC 1
#define TARGET_OS_OSX 0
#define TARGET_OS_IPHONE 1
#define TARGET_OS_IOS 1
#define TARGET_OS_TV 0
#define TARGET_OS_WATCH 0
#define TARGET_OS_SIMULATOR 0
#define TARGET_CPU_ARM64 1
