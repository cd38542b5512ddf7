// Ends by the fault named in argv[1]: "null" (store to address 0), "abort", "illegal" (an illegal
// instruction) or "exit" (a normal exit 7). rvgem must report each as the signal Linux would send.
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    const char *how = argc > 1 ? argv[1] : "exit";
    if (strcmp(how, "null") == 0) {
        volatile int *p = 0;
        *p = 1;
    } else if (strcmp(how, "abort") == 0) {
        abort();
    } else if (strcmp(how, "illegal") == 0) {
        __asm__ volatile(".word 0");
    }
    return 7;
}
