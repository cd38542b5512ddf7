// args: one two "three four" --flag=value -x "  padded  " 12345
// env: GREETING=hello EMPTY= PATH=/usr/bin:/bin LANG=C NUMBER=42 WITH_EQUALS=a=b=c
/* The initial process stack as the kernel (or emulator) builds it: argc, every argv string,
   the environment block through getenv and through environ (in order), and the auxiliary
   vector's argv/env-related pieces that are deterministic (AT_PAGESZ, AT_SECURE, AT_EXECFN
   equal to argv[0]). The harness passes the same argv and exactly the `env:` line above.
   environ is printed sorted: qemu-user hands the guest its environment in reverse order
   (its envlist inserts at the head), so the order itself cannot be compared with qemu. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

extern char **environ;

static void show_env(const char *name)
{
    const char *value = getenv(name);
    if (value)
        printf("getenv(%s) = [%s] (%zu bytes)\n", name, value, strlen(value));
    else
        printf("getenv(%s) = <unset>\n", name);
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    printf("argc = %d\n", argc);
    for (int i = 0; i < argc; i++)
        printf("argv[%d] = [%s] (%zu bytes)\n", i, argv[i], strlen(argv[i]));
    printf("argv[argc] is NULL: %s\n", argv[argc] == NULL ? "yes" : "no");

    show_env("GREETING");
    show_env("EMPTY");
    show_env("PATH");
    show_env("NUMBER");
    show_env("WITH_EQUALS");
    show_env("NOT_SET_ANYWHERE");
    show_env("HOME");

    int count = 0;
    size_t bytes = 0;
    for (char **e = environ; *e; e++, count++)
        bytes += strlen(*e) + 1;
    char **sorted = malloc((count + 1) * sizeof *sorted);
    if (!sorted)
        return 1;
    memcpy(sorted, environ, (count + 1) * sizeof *sorted);
    qsort(sorted, count, sizeof *sorted, compare_strings);
    for (int i = 0; i < count; i++)
        printf("environ (sorted) %d = [%s]\n", i, sorted[i]);
    printf("environ entries = %d, bytes = %zu\n", count, bytes);
    free(sorted);
    /* envp (main's third argument in practice) is the same block, right after argv */
    printf("environ follows argv: %s\n", environ == argv + argc + 1 ? "yes" : "no");

    /* the environment is the program's own: changing it must work without the host */
    setenv("GREETING", "changed", 1);
    setenv("NEW_VAR", "new", 0);
    setenv("NUMBER", "ignored", 0);
    unsetenv("EMPTY");
    show_env("GREETING");
    show_env("NEW_VAR");
    show_env("NUMBER");
    show_env("EMPTY");

    /* auxiliary vector values that do not depend on the host or on address layout */
    printf("AT_PAGESZ = %lu\n", getauxval(AT_PAGESZ));
    printf("sysconf(_SC_PAGESIZE) = %ld\n", sysconf(_SC_PAGESIZE));
    printf("AT_SECURE = %lu\n", getauxval(AT_SECURE));
    const char *execfn = (const char *)getauxval(AT_EXECFN);
    printf("AT_EXECFN equals argv[0]: %s\n", execfn && strcmp(execfn, argv[0]) == 0 ? "yes" : "no");
    printf("AT_RANDOM present: %s\n", getauxval(AT_RANDOM) != 0 ? "yes" : "no");
    printf("AT_PHDR present: %s\n", getauxval(AT_PHDR) != 0 ? "yes" : "no");
    return 0;
}
