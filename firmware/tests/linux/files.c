/* Files in the (empty, temporary) current directory: stdio (fopen/fwrite/fread/fseek/ftell/rewind/
   fgets), raw descriptors (open/write/read/pread/pwrite/lseek with SEEK_SET/CUR/END, holes,
   ftruncate, O_APPEND, O_EXCL, dup/dup2, fcntl, readv/writev), stat/fstat/lstat (sizes, types, mode
   bits under umask 022), mkdir/rmdir, chdir into a subdirectory, rename, unlink/remove, directory
   listing (sorted: readdir order depends on the host file system), access(), and errors (ENOENT,
   EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EBADF) with strerror. Never prints inode numbers, times,
   link counts of directories or block counts. Removes everything it made. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

static void report(const char *what, long result)
{
    if (result < 0)
        printf("%-36s -> %ld, errno %d (%s)\n", what, result, errno, strerror(errno));
    else
        printf("%-36s -> %ld\n", what, result);
}

static void show_stat(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0) {
        printf("lstat %-30s -> errno %s\n", path, strerror(errno));
        return;
    }
    const char *type = S_ISREG(st.st_mode) ? "regular" : S_ISDIR(st.st_mode) ? "directory" : S_ISLNK(st.st_mode) ? "symlink" : "other";
    printf("lstat %-30s -> %s, mode %03o", path, type, (unsigned)(st.st_mode & 0777));
    if (!S_ISDIR(st.st_mode))   /* directory sizes depend on the file system */
        printf(", size %lld, links %lu", (long long)st.st_size, (unsigned long)st.st_nlink);
    printf("\n");
}

static void list_directory(const char *path)
{
    DIR *dir = opendir(path);
    if (!dir) { printf("opendir %s: %s\n", path, strerror(errno)); return; }
    char names[32][64];
    int n = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL)
        if (strcmp(entry->d_name, ".") && strcmp(entry->d_name, "..") && n < 32)
            snprintf(names[n++], sizeof names[0], "%.63s", entry->d_name);
    closedir(dir);
    qsort(names, n, sizeof names[0], (int (*)(const void *, const void *))strcmp);
    printf("listing of %s (%d entries):", path, n);
    for (int i = 0; i < n; i++) printf(" %s", names[i]);
    printf("\n");
}

static void stdio_files(void)
{
    FILE *f = fopen("stdio.txt", "w+");
    if (!f) { perror("fopen"); exit(1); }
    long line15_at = 0;
    for (int i = 0; i < 100; i++) {
        if (i == 15) line15_at = ftell(f);
        fprintf(f, "line %03d: %s\n", i, i % 2 ? "odd" : "even");
    }
    size_t wrote = fwrite("binary\0tail", 1, 11, f);
    printf("fwrite %zu, ftell %ld\n", wrote, ftell(f));
    rewind(f);
    char line[64];
    printf("first line: %s", fgets(line, sizeof line, f));
    fseek(f, -11, SEEK_END);
    char tail[11];
    size_t got = fread(tail, 1, sizeof tail, f);
    printf("fread at end-11: %zu bytes, [%s] then [%s], ftell %ld, feof %d\n", got, tail, tail + 7, ftell(f), feof(f) != 0);
    got = fread(tail, 1, 1, f);
    printf("fread past end: %zu, feof %d\n", got, feof(f) != 0);
    fseek(f, line15_at, SEEK_SET);
    printf("line 15 at offset %ld: %s", line15_at, fgets(line, sizeof line, f));
    fseek(f, 5, SEEK_CUR);
    printf("fseek +5 then ftell %ld, getc '%c'\n", ftell(f), getc(f));
    printf("fclose %d\n", fclose(f));
    f = fopen("stdio.txt", "a");
    fputs("appended\n", f);
    fclose(f);
    show_stat("stdio.txt");
}

static void descriptors(void)
{
    int fd = open("raw.bin", O_RDWR | O_CREAT | O_TRUNC, 0666);
    report("open raw.bin O_CREAT", fd >= 0 ? 0 : -1);
    report("write 26 bytes", write(fd, "abcdefghijklmnopqrstuvwxyz", 26));
    report("lseek SEEK_CUR 0", lseek(fd, 0, SEEK_CUR));
    report("lseek SEEK_SET 3", lseek(fd, 3, SEEK_SET));
    char buf[64] = {0};
    report("read 5", read(fd, buf, 5));
    printf("  read [%s]\n", buf);
    report("pwrite \"XYZ\" at 10", pwrite(fd, "XYZ", 3, 10));
    report("lseek SEEK_CUR after pwrite", lseek(fd, 0, SEEK_CUR));
    memset(buf, 0, sizeof buf);
    report("pread 26 at 0", pread(fd, buf, 26, 0));
    printf("  pread [%s]\n", buf);
    report("pread at 100 (past end)", pread(fd, buf, 10, 100));
    report("lseek SEEK_END -4", lseek(fd, -4, SEEK_END));
    report("lseek SEEK_END +100 (hole)", lseek(fd, 100, SEEK_END));
    report("write after hole", write(fd, "END", 3));
    memset(buf, 'x', sizeof buf);
    report("pread 8 inside the hole", pread(fd, buf, 8, 30));
    printf("  hole bytes %d %d %d %d\n", buf[0], buf[1], buf[6], buf[7]);
    report("lseek negative", lseek(fd, -1000, SEEK_SET));
    report("ftruncate 20", ftruncate(fd, 20));
    struct stat st;
    fstat(fd, &st);
    printf("  fstat size %lld, regular %d\n", (long long)st.st_size, S_ISREG(st.st_mode) != 0);
    report("ftruncate 5000", ftruncate(fd, 5000));
    fstat(fd, &st);
    printf("  fstat size %lld\n", (long long)st.st_size);
    report("lseek SEEK_END", lseek(fd, 0, SEEK_END));

    int copy = dup(fd);
    report("dup", copy > fd ? 0 : -1);
    lseek(fd, 7, SEEK_SET);
    report("dup shares offset", lseek(copy, 0, SEEK_CUR));
    report("dup2 onto 20", dup2(fd, 20));
    report("fcntl F_GETFD on dup2 copy", fcntl(20, F_GETFD));
    report("fcntl F_SETFD FD_CLOEXEC", fcntl(20, F_SETFD, FD_CLOEXEC));
    report("fcntl F_GETFD", fcntl(20, F_GETFD));
    report("fcntl F_GETFL & O_ACCMODE", fcntl(fd, F_GETFL) & O_ACCMODE);
    report("fcntl F_DUPFD >= 30", fcntl(fd, F_DUPFD, 30));
    close(30);
    close(20);
    close(copy);

    struct iovec iov[3] = {{"one ", 4}, {"two ", 4}, {"three\n", 6}};
    lseek(fd, 0, SEEK_SET);
    report("writev 3 buffers", writev(fd, iov, 3));
    char a[5] = {0}, b[10] = {0};
    struct iovec in[2] = {{a, 4}, {b, 9}};
    lseek(fd, 0, SEEK_SET);
    report("readv 4+9", readv(fd, in, 2));
    printf("  readv [%s] [%s]\n", a, b);
    report("close", close(fd));
    report("close again (EBADF)", close(fd));
    report("read from closed fd", read(fd, buf, 1));

    fd = open("append.txt", O_WRONLY | O_CREAT | O_APPEND, 0640);
    write(fd, "first\n", 6);
    lseek(fd, 0, SEEK_SET);
    write(fd, "second\n", 7);   /* O_APPEND: still at the end */
    close(fd);
    fd = open("append.txt", O_RDONLY);
    memset(buf, 0, sizeof buf);
    report("read append.txt", read(fd, buf, sizeof buf - 1));
    printf("  content [%.*s]\n", (int)strcspn(buf, "\n"), buf);
    printf("  then [%s", strchr(buf, '\n') + 1);
    report("write to O_RDONLY fd", write(fd, "x", 1));
    close(fd);
    report("open O_CREAT|O_EXCL existing", open("append.txt", O_WRONLY | O_CREAT | O_EXCL, 0600));
    show_stat("raw.bin");
    show_stat("append.txt");
}

static void directories(void)
{
    report("mkdir sub", mkdir("sub", 0755));
    report("mkdir sub again", mkdir("sub", 0755));
    report("mkdir sub/deeper", mkdir("sub/deeper", 0700));
    show_stat("sub");
    show_stat("sub/deeper");
    report("rename raw.bin -> sub/moved.bin", rename("raw.bin", "sub/moved.bin"));
    report("access raw.bin after rename", access("raw.bin", F_OK));
    report("access sub/moved.bin F_OK", access("sub/moved.bin", F_OK));
    report("access sub/moved.bin R_OK|W_OK", access("sub/moved.bin", R_OK | W_OK));
    report("rmdir sub (not empty)", rmdir("sub"));
    report("open sub for writing (EISDIR)", open("sub", O_WRONLY));
    report("open stdio.txt/x (ENOTDIR)", open("stdio.txt/x", O_RDONLY));
    report("open missing.txt", open("missing.txt", O_RDONLY));
    FILE *f = fopen("no/such/dir/file", "r");
    printf("fopen in missing dir: %s, errno ENOENT %d, \"%s\"\n", f ? "opened" : "NULL", errno == ENOENT, strerror(errno));
    report("chdir sub", chdir("sub"));
    int fd = open("inner.txt", O_WRONLY | O_CREAT, 0644);
    write(fd, "inside\n", 7);
    close(fd);
    list_directory(".");
    report("chdir ..", chdir(".."));
    list_directory("sub");
    show_stat("sub/inner.txt");
    report("symlink stdio.txt -> link", symlink("stdio.txt", "link"));
    char target[64] = {0};
    report("readlink link", readlink("link", target, sizeof target - 1));
    printf("  link target [%s]\n", target);
    show_stat("link");
    list_directory(".");

    report("unlink link", unlink("link"));
    report("unlink sub/inner.txt", unlink("sub/inner.txt"));
    report("remove sub/moved.bin", remove("sub/moved.bin"));
    report("rmdir sub/deeper", rmdir("sub/deeper"));
    report("rmdir sub", rmdir("sub"));
    report("remove stdio.txt", remove("stdio.txt"));
    report("unlink append.txt", unlink("append.txt"));
    report("unlink append.txt again", unlink("append.txt"));
    list_directory(".");
}

int main(void)
{
    umask(022);
    stdio_files();
    descriptors();
    directories();
    return 0;
}
