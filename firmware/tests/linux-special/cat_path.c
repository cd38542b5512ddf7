// Prints each file named on the command line, or the error opening it: with --chroot, what the
// guest can reach. Also lists the working directory and what getcwd says.
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
    char cwd[256];
    printf("cwd: %s\n", getcwd(cwd, sizeof cwd) ? cwd : strerror(errno));
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "r");
        if (!f) {
            printf("%s: %s\n", argv[i], strerror(errno));
            continue;
        }
        char line[256];
        while (fgets(line, sizeof line, f)) printf("%s: %s", argv[i], line);
        fclose(f);
    }
    return 0;
}
