// stdin: stdin_lines.input
/* Standard input to EOF: the first lines through getchar(), the rest through fgets() (the input
   is > 8 KiB, so stdio needs several read() calls, and the last line has no newline). Prints
   line/word/byte counts, an FNV-1a checksum, the longest line, then every line in reverse order
   (several KiB of output, so several write() calls). With empty stdin it prints zero counts. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GETCHAR_LINES 3

struct lines {
    char **items;
    size_t count, capacity;
};

static void keep(struct lines *lines, const char *text, size_t length)
{
    if (lines->count == lines->capacity) {
        lines->capacity = lines->capacity ? lines->capacity * 2 : 8;
        lines->items = realloc(lines->items, lines->capacity * sizeof *lines->items);
        if (!lines->items) { perror("realloc"); exit(1); }
    }
    char *copy = malloc(length + 1);
    if (!copy) { perror("malloc"); exit(1); }
    memcpy(copy, text, length);
    copy[length] = 0;
    lines->items[lines->count++] = copy;
}

int main(void)
{
    struct lines lines = {0};
    char buf[256];
    uint64_t hash = 0xcbf29ce484222325u;
    size_t bytes = 0, words = 0, newlines = 0;
    int in_word = 0;

    /* phase 1: a few lines a character at a time */
    size_t length = 0;
    int c = 0;
    while (lines.count < GETCHAR_LINES && (c = getchar()) != EOF) {
        if (length < sizeof buf - 1)
            buf[length++] = (char)c;
        if (c == '\n') {
            keep(&lines, buf, length);
            length = 0;
        }
    }
    if (c == EOF && length > 0)
        keep(&lines, buf, length);

    /* phase 2: the rest a line at a time (lines are shorter than the buffer) */
    if (c != EOF)
        while (fgets(buf, sizeof buf, stdin))
            keep(&lines, buf, strlen(buf));
    printf("stdin: eof %s, error %s\n", feof(stdin) ? "yes" : "no", ferror(stdin) ? "yes" : "no");

    size_t longest = 0, longest_at = 0;
    for (size_t i = 0; i < lines.count; i++) {
        const char *line = lines.items[i];
        size_t n = strlen(line);
        for (size_t j = 0; j < n; j++) {
            unsigned char ch = (unsigned char)line[j];
            hash = (hash ^ ch) * 0x100000001b3u;
            if (ch == '\n')
                newlines++;
            if (isspace(ch)) {
                in_word = 0;
            } else if (!in_word) {
                in_word = 1;
                words++;
            }
        }
        bytes += n;
        if (n > longest) {
            longest = n;
            longest_at = i;
        }
    }
    printf("lines %zu (newlines %zu), words %zu, bytes %zu\n", lines.count, newlines, words, bytes);
    printf("fnv1a64 %016llx\n", (unsigned long long)hash);
    if (lines.count) {
        const char *last = lines.items[lines.count - 1];
        printf("longest line: #%zu, %zu bytes\n", longest_at + 1, longest);
        printf("last line ends with newline: %s\n", last[strlen(last) - 1] == '\n' ? "yes" : "no");
    }
    puts("---- reversed ----");
    for (size_t i = lines.count; i-- > 0;) {
        const char *line = lines.items[i];
        size_t n = strlen(line);
        printf("%3zu|%.*s\n", i + 1, (int)(n && line[n - 1] == '\n' ? n - 1 : n), line);
        free(lines.items[i]);
    }
    free(lines.items);
    return 0;
}
