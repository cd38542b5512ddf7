// Everything is static inline in include/guest_atomics.h; SwiftPM wants one source file per C target.
#include "guest_atomics.h"
