/*
 * coremix: a CoreMark-style mix (our own code): per iteration
 *   - list:   a linked list of records: search, merge sort by key, reverse, unlink/relink
 *   - matrix: small int16 matrices: product, scaled sums, bit-field extraction
 *   - state:  a switch-driven scanner classifying numbers in a text buffer
 *   - crc:    CRC-16/CCITT (bitwise) over the results of all three, chaining iterations
 * Self-check: the list stays a permutation of its records (key sum and length preserved).
 */
#include "bench.h"

#ifdef BENCH_TINY
#define ITERATIONS_PER_SCALE 4
#ifndef BENCH_SCALE
#define BENCH_SCALE 1
#endif
#else
#define ITERATIONS_PER_SCALE 100
#ifndef BENCH_SCALE
#define BENCH_SCALE 35
#endif
#endif

#define LIST_NODES 96
#define MATRIX 16
#define TEXT 512

static uint16_t crc16(uint16_t crc, uint32_t value, int bytes)
{
    for (int b = 0; b < bytes; b++) {
        crc ^= (uint16_t)((value >> (8 * b)) & 0xff) << 8;
        for (int k = 0; k < 8; k++)
            crc = (crc & 0x8000) ? (uint16_t)((crc << 1) ^ 0x1021) : (uint16_t)(crc << 1);
    }
    return crc;
}

/* ---- list ---- */
typedef struct node {
    struct node *next;
    int16_t key;
    uint16_t id;
} node;

static node pool[LIST_NODES];

static node *list_build(uint32_t seed)
{
    node *head = NULL;
    for (int i = LIST_NODES - 1; i >= 0; i--) {
        seed = seed * 1103515245u + 12345u;
        pool[i].key = (int16_t)(seed >> 16);
        pool[i].id = (uint16_t)i;
        pool[i].next = head;
        head = &pool[i];
    }
    return head;
}

static node *list_find(node *list, int16_t key)
{
    while (list && list->key != key)
        list = list->next;
    return list;
}

static node *list_reverse(node *list)
{
    node *prev = NULL;
    while (list) {
        node *next = list->next;
        list->next = prev;
        prev = list;
        list = next;
    }
    return prev;
}

typedef int (*node_compare)(const node *, const node *);

static int by_key(const node *a, const node *b) { return a->key - b->key; }
static int by_id(const node *a, const node *b) { return (int)a->id - (int)b->id; }

/* Bottom-up merge sort of a singly linked list (stable). */
static node *list_sort(node *list, node_compare compare)
{
    for (int width = 1;; width *= 2) {
        node *p = list, *tail = NULL;
        list = NULL;
        int merges = 0;
        while (p) {
            merges++;
            node *q = p;
            int psize = 0;
            for (int i = 0; i < width && q; i++) {
                psize++;
                q = q->next;
            }
            int qsize = width;
            while (psize > 0 || (qsize > 0 && q)) {
                node *e;
                if (psize == 0) { e = q; q = q->next; qsize--; }
                else if (qsize == 0 || !q) { e = p; p = p->next; psize--; }
                else if (compare(p, q) <= 0) { e = p; p = p->next; psize--; }
                else { e = q; q = q->next; qsize--; }
                if (tail) tail->next = e; else list = e;
                tail = e;
            }
            p = q;
        }
        tail->next = NULL;
        if (merges <= 1)
            return list;
    }
}

static uint16_t list_work(uint16_t crc, uint32_t seed, int *ok)
{
    node *list = list_build(seed);
    int32_t key_sum = 0;
    for (node *n = list; n; n = n->next)
        key_sum += n->key;

    int found = 0;
    for (int i = 0; i < 24; i++) {
        node *n = list_find(list, pool[((uint32_t)i * 37u + seed) % LIST_NODES].key ^ (int16_t)(i & 1));
        if (n) {
            found++;
            crc = crc16(crc, n->id, 2);
        }
    }
    list = list_sort(list, by_key);
    crc = crc16(crc, (uint16_t)list->key, 2);
    list = list_reverse(list);
    crc = crc16(crc, (uint16_t)list->key, 2);

    /* unlink every third node and push it back at the head */
    node *moved = NULL, *prev = NULL, *n = list;
    for (int i = 0; n; i++) {
        node *next = n->next;
        if (i % 3 == 2) {
            if (prev) prev->next = next; else list = next;
            n->next = moved;
            moved = n;
        } else {
            prev = n;
        }
        n = next;
    }
    while (moved) {
        node *next = moved->next;
        moved->next = list;
        list = moved;
        moved = next;
    }
    int length = 0;
    int32_t check = 0;
    for (node *m = list; m; m = m->next) {
        length++;
        check += m->key;
        crc = crc16(crc, m->id, 1);
    }
    list = list_sort(list, by_id);
    for (int i = 0; i < LIST_NODES && list; i++, list = list->next)
        if (list->id != i)
            *ok = 0;
    if (length != LIST_NODES || check != key_sum)
        *ok = 0;
    return crc16(crc, (uint32_t)found, 1);
}

/* ---- matrix ---- */
static int16_t MA[MATRIX][MATRIX], MB[MATRIX][MATRIX];
static int32_t MC[MATRIX][MATRIX];

static uint16_t matrix_work(uint16_t crc, uint32_t seed)
{
    int16_t scale = (int16_t)(seed & 0xff) | 1;
    for (int i = 0; i < MATRIX; i++)
        for (int j = 0; j < MATRIX; j++) {
            MA[i][j] = (int16_t)((i * 31 + j * 17 + (int)seed) & 0x3ff) - 512;
            MB[i][j] = (int16_t)((i * 7 + j * 13 + (int)(seed >> 8)) & 0xff) - 128;
        }
    for (int i = 0; i < MATRIX; i++)
        for (int j = 0; j < MATRIX; j++) {
            int32_t s = 0;
            for (int k = 0; k < MATRIX; k++)
                s += (int32_t)MA[i][k] * MB[k][j];
            MC[i][j] = s;
        }
    int32_t sum = 0;
    uint32_t bits = 0;
    for (int i = 0; i < MATRIX; i++)
        for (int j = 0; j < MATRIX; j++) {
            int32_t v = MC[i][j] + MA[i][j] * scale;
            sum += v > 0 ? v : -v;
            bits += (uint32_t)(v >> 3) & 0x3f;
            bits ^= ((uint32_t)v << 5) >> 27;
        }
    crc = crc16(crc, (uint32_t)sum, 4);
    return crc16(crc, bits, 4);
}

/* ---- state machine ---- */
enum state { S_START, S_INT, S_SIGN, S_POINT, S_FRACTION, S_EXP, S_EXP_SIGN, S_SCI, S_HEX0, S_HEX, S_INVALID, S_COUNT };

static char text[TEXT];
static const char alphabet[] = "0123456789012345+-..eE,,  x abcf";

static enum state step(enum state s, char c)
{
    switch (s) {
    case S_START:
        if (c == '0') return S_HEX0;
        if (c >= '1' && c <= '9') return S_INT;
        if (c == '+' || c == '-') return S_SIGN;
        if (c == '.') return S_POINT;
        return S_INVALID;
    case S_SIGN:
        if (c >= '0' && c <= '9') return S_INT;
        if (c == '.') return S_POINT;
        return S_INVALID;
    case S_HEX0:
        if (c == 'x') return S_HEX;
        /* fall through */
    case S_INT:
        if (c >= '0' && c <= '9') return S_INT;
        if (c == '.') return S_POINT;
        if (c == 'e' || c == 'E') return S_EXP;
        return S_INVALID;
    case S_POINT:
    case S_FRACTION:
        if (c >= '0' && c <= '9') return S_FRACTION;
        if (c == 'e' || c == 'E') return S_EXP;
        return S_INVALID;
    case S_EXP:
        if (c == '+' || c == '-') return S_EXP_SIGN;
        /* fall through */
    case S_EXP_SIGN:
    case S_SCI:
        if (c >= '0' && c <= '9') return S_SCI;
        return S_INVALID;
    case S_HEX:
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) return S_HEX;
        return S_INVALID;
    default:
        return S_INVALID;
    }
}

static uint16_t state_work(uint16_t crc, uint32_t seed)
{
    /* mutate a few characters so every iteration scans different text */
    for (int i = 0; i < 8; i++) {
        seed = seed * 1664525u + 1013904223u;
        text[(seed >> 8) % TEXT] = alphabet[(seed >> 24) % (sizeof alphabet - 1)];
    }
    uint32_t finals[S_COUNT] = {0}, transitions = 0;
    enum state s = S_START;
    for (int i = 0; i < TEXT; i++) {
        char c = text[i];
        if (c == ',' || c == ' ') {
            finals[s]++;
            s = S_START;
            continue;
        }
        enum state next = step(s, c);
        transitions += next != s;
        s = next;
    }
    finals[s]++;
    for (int k = 0; k < S_COUNT; k++)
        crc = crc16(crc, finals[k], 2);
    return crc16(crc, transitions, 2);
}

int main(void)
{
    printf("coremix: %d iterations (list %d, matrix %dx%d, text %d)\n", ITERATIONS_PER_SCALE * BENCH_SCALE,
           LIST_NODES, MATRIX, MATRIX, TEXT);
    for (int i = 0; i < TEXT; i++)
        text[i] = alphabet[(i * 7 + i / 5) % (sizeof alphabet - 1)];
    uint16_t crc = 0, crc_list = 0, crc_matrix = 0, crc_state = 0;
    int ok = 1;
    for (uint32_t it = 0; it < (uint32_t)ITERATIONS_PER_SCALE * BENCH_SCALE; it++) {
        uint32_t seed = it * 2654435761u ^ crc;
        crc_list = list_work(crc_list, seed, &ok);
        crc_matrix = matrix_work(crc_matrix, seed);
        crc_state = state_work(crc_state, seed);
        crc = crc16(crc, (uint32_t)crc_list << 16 | crc_matrix, 4);
        crc = crc16(crc, crc_state, 2);
        BENCH_CHECK(ok, "iteration %u: the list lost or duplicated a record", (unsigned)it);
    }
    printf("crc list 0x%04x, matrix 0x%04x, state 0x%04x\n", crc_list, crc_matrix, crc_state);
    printf("checksum: 0x%04x\n", crc);
    bench_report();
    return 0;
}
