// Host atomic operations on guest memory, for harts running on several host threads: Swift has no
// atomics on raw pointers, so these wrap the compiler's __atomic builtins. Static inline, so each
// call compiles to the single host instruction it names.
#ifndef RVGEM_GUEST_ATOMICS_H
#define RVGEM_GUEST_ATOMICS_H

#include <stdbool.h>
#include <stdint.h>

#define RVGEM_ATOMIC_RMW(name, builtin)                                                             \
    static inline uint32_t rvgem_atomic_##name##32(void *p, uint32_t v) {                          \
        return builtin((uint32_t *)p, v, __ATOMIC_SEQ_CST);                                        \
    }                                                                                              \
    static inline uint64_t rvgem_atomic_##name##64(void *p, uint64_t v) {                          \
        return builtin((uint64_t *)p, v, __ATOMIC_SEQ_CST);                                        \
    }

RVGEM_ATOMIC_RMW(exchange, __atomic_exchange_n)
RVGEM_ATOMIC_RMW(fetch_add, __atomic_fetch_add)
RVGEM_ATOMIC_RMW(fetch_xor, __atomic_fetch_xor)
RVGEM_ATOMIC_RMW(fetch_and, __atomic_fetch_and)
RVGEM_ATOMIC_RMW(fetch_or, __atomic_fetch_or)

/// Compare-and-swap: true when *p held `expected` and now holds `desired`.
static inline bool rvgem_atomic_cas32(void *p, uint32_t expected, uint32_t desired) {
    return __atomic_compare_exchange_n((uint32_t *)p, &expected, desired, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}
static inline bool rvgem_atomic_cas64(void *p, uint64_t expected, uint64_t desired) {
    return __atomic_compare_exchange_n((uint64_t *)p, &expected, desired, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

static inline uint32_t rvgem_atomic_load32(const void *p) { return __atomic_load_n((const uint32_t *)p, __ATOMIC_SEQ_CST); }
static inline uint64_t rvgem_atomic_load64(const void *p) { return __atomic_load_n((const uint64_t *)p, __ATOMIC_SEQ_CST); }
/// A relaxed load: for flags other threads set, read on hot paths.
static inline uint64_t rvgem_atomic_load_relaxed64(const void *p) { return __atomic_load_n((const uint64_t *)p, __ATOMIC_RELAXED); }

/// FENCE: orders this hart's accesses against other harts' on the host.
static inline void rvgem_atomic_fence(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }

#endif
