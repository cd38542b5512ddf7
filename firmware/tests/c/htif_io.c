/* The host interface as a program sees it: argc/argv from getmainvars, write() straight to the
   host, stdio buffering around it (order kept), long lines crossing the runtime's 256-byte buffer,
   and an exit status of 0. */
#include <unistd.h>

#include "check.h"

int main(int argc, char **argv)
{
    CHECK("argc >= 1 (argv[0] is the program)", argc >= 1, 1);
    CHECK("argv[argc] == NULL", argv[argc] == NULL, 1);
    CHECK("argv[0] non-empty", argv[0] != NULL && argv[0][0] != 0, 1);

    printf("stdio line 1\n");
    printf("stdio partial, ");
    CHECK("write() returns its length", write(1, "write() in the middle\n", 22), 22);
    printf("stdio line 2\n");

    char line[700];
    for (int i = 0; i < 699; i++)
        line[i] = (char)('a' + i % 26);
    line[699] = 0;
    printf("%s\n", line);
    fputs(line + 600, stdout);
    fflush(stdout);
    write(1, "|after fflush\n", 14);

    CHECK("write of zero bytes", write(1, "", 0), 0);
    for (int i = 0; i < 50; i++)
        printf("line %02d of 50: %s\n", i, line + 650 + i % 40);
    return check_done();
}
