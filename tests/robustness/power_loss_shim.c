/* Power-loss simulation for the crash loop (docs/testing.md, "Crash, full disk and power loss").
 *
 * Preloaded (LD_PRELOAD) into the writer process. For every file under the folders named in
 * THROUGHLINE_SHIM_ROOTS (':'-separated absolute paths), it appends an undo record to THROUGHLINE_SHIM_LOG
 * BEFORE each change is made:
 *   W  a write (write, pwrite, pwrite64): offset, length, the file's size and the bytes it overwrites
 *   T  a truncation (ftruncate, ftruncate64): the old size and the bytes cut off
 *   N  a file created (open/openat with O_CREAT of a name that did not exist)
 *   R  a rename (rename, renameat): both names, and the replaced target's bytes if there was one
 *   U  an unlink: the file's bytes
 *   S  fsync/fdatasync/sync_file_range(WAIT_AFTER) of a file: its W and T records before this are durable
 *   D  fsync/fdatasync of a folder: its N, R and U records before this are durable
 * After the writer is killed, the test (power_loss.cpp, rollBackUnsynced) undoes, newest first, every
 * record not made durable by a later S or D: what a disk that kept exactly what was synced would hold.
 * What it does not model is in docs/testing.md. A record cut short by the kill is ignored (its change was
 * never made). The log itself is appended with plain writes: a SIGKILL keeps the page cache, so it is whole.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#define MAX_FDS 4096
#define MAX_ROOTS 8
#define MAX_SAVED (64u << 20) /* bytes of a replaced or unlinked file kept for undo */

static pthread_mutex_t g_mutex = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
static char* g_paths[MAX_FDS];
static int g_log = -1;
static char g_roots[MAX_ROOTS][PATH_MAX];
static int g_nroots = -1;

static ssize_t (*real_write)(int, const void*, size_t);
static ssize_t (*real_pwrite)(int, const void*, size_t, off_t);
static ssize_t (*real_pwrite64)(int, const void*, size_t, off64_t);
static int (*real_ftruncate)(int, off_t);
static int (*real_ftruncate64)(int, off64_t);
static int (*real_fsync)(int);
static int (*real_fdatasync)(int);
static int (*real_sync_file_range)(int, off64_t, off64_t, unsigned int);
static int (*real_open)(const char*, int, ...);
static int (*real_open64)(const char*, int, ...);
static int (*real_openat)(int, const char*, int, ...);
static int (*real_openat64)(int, const char*, int, ...);
static int (*real_close)(int);
static int (*real_rename)(const char*, const char*);
static int (*real_renameat)(int, const char*, int, const char*);
static int (*real_unlink)(const char*);

#define RESOLVE(name) real_##name = dlsym(RTLD_NEXT, #name)

static void init(void) {
    if (g_nroots >= 0) return;
    RESOLVE(write);
    RESOLVE(pwrite);
    RESOLVE(pwrite64);
    RESOLVE(ftruncate);
    RESOLVE(ftruncate64);
    RESOLVE(fsync);
    RESOLVE(fdatasync);
    RESOLVE(sync_file_range);
    RESOLVE(open);
    RESOLVE(open64);
    RESOLVE(openat);
    RESOLVE(openat64);
    RESOLVE(close);
    RESOLVE(rename);
    RESOLVE(renameat);
    RESOLVE(unlink);
    g_nroots = 0;
    const char* roots = getenv("THROUGHLINE_SHIM_ROOTS");
    const char* log = getenv("THROUGHLINE_SHIM_LOG");
    if (!roots || !log) return;
    while (*roots && g_nroots < MAX_ROOTS) {
        const char* end = strchr(roots, ':');
        size_t n = end ? (size_t)(end - roots) : strlen(roots);
        if (n && n < PATH_MAX) {
            memcpy(g_roots[g_nroots], roots, n);
            g_roots[g_nroots][n] = 0;
            ++g_nroots;
        }
        roots += n + (end ? 1 : 0);
    }
    g_log = real_open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
}

/* Whether `path` (absolute) is under a watched root; SQLite's shared-memory index (-shm) is not: it is
 * rebuilt from the WAL by the first connection after a crash, never read as durable data. */
static int watched(const char* path) {
    if (!path || path[0] != '/' || g_log < 0) return 0;
    size_t len = strlen(path);
    if (len > 4 && strcmp(path + len - 4, "-shm") == 0) return 0;
    for (int i = 0; i < g_nroots; ++i) {
        size_t n = strlen(g_roots[i]);
        if (strncmp(path, g_roots[i], n) == 0 && (path[n] == '/' || path[n] == 0)) return 1;
    }
    return 0;
}

static void put(const void* data, size_t n, char* buf, size_t* at) {
    memcpy(buf + *at, data, n);
    *at += n;
}

/* One record: type, path, second path, three numbers, data. Written with a single write. */
static void record(char type, const char* path, const char* path2, uint64_t a, uint64_t b, uint64_t c,
                   const void* data, uint64_t dataLen) {
    uint32_t l1 = (uint32_t)strlen(path), l2 = path2 ? (uint32_t)strlen(path2) : 0;
    uint64_t total = 1 + 4 + l1 + 4 + l2 + 8 * 4 + dataLen;
    char* buf = malloc(total + 8);
    if (!buf) abort();
    size_t at = 0;
    put(&total, 8, buf, &at);
    put(&type, 1, buf, &at);
    put(&l1, 4, buf, &at);
    put(path, l1, buf, &at);
    put(&l2, 4, buf, &at);
    if (l2) put(path2, l2, buf, &at);
    put(&a, 8, buf, &at);
    put(&b, 8, buf, &at);
    put(&c, 8, buf, &at);
    put(&dataLen, 8, buf, &at);
    if (dataLen) put(data, dataLen, buf, &at);
    size_t done = 0;
    while (done < at) {
        ssize_t w = real_write(g_log, buf + done, at - done);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) abort(); /* an undo log we cannot write would make the test lie */
        done += (size_t)w;
    }
    free(buf);
}

static const char* pathOf(int fd) {
    return fd >= 0 && fd < MAX_FDS ? g_paths[fd] : NULL;
}

static void track(int fd, const char* path) {
    if (fd < 0 || fd >= MAX_FDS) return;
    free(g_paths[fd]);
    g_paths[fd] = path ? strdup(path) : NULL;
}

/* The bytes of a whole file (for undoing a replace or an unlink); NULL with *len 0 if none. */
static char* slurp(const char* path, uint64_t* len, int* exists) {
    *len = 0;
    *exists = 0;
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) return NULL;
    *exists = 1;
    if ((uint64_t)st.st_size > MAX_SAVED) abort();
    int fd = real_open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) abort();
    char* buf = malloc((size_t)st.st_size + 1);
    ssize_t r = pread(fd, buf, (size_t)st.st_size, 0);
    real_close(fd);
    *len = r > 0 ? (uint64_t)r : 0;
    return buf;
}

static void beforeWrite(int fd, size_t n, off_t off, int positional) {
    const char* path = pathOf(fd);
    if (!path || !n) return;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return;
    if (!positional) {
        int flags = fcntl(fd, F_GETFL);
        off = (flags & O_APPEND) ? st.st_size : lseek(fd, 0, SEEK_CUR);
    }
    char* old = malloc(n);
    ssize_t r = pread(fd, old, n, off);
    record('W', path, NULL, (uint64_t)off, (uint64_t)n, (uint64_t)st.st_size, old, r > 0 ? (uint64_t)r : 0);
    free(old);
}

static void beforeTruncate(int fd, off_t len) {
    const char* path = pathOf(fd);
    if (!path) return;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return;
    uint64_t cut = st.st_size > len ? (uint64_t)(st.st_size - len) : 0;
    char* old = cut ? malloc(cut) : NULL;
    ssize_t r = cut ? pread(fd, old, cut, len) : 0;
    record('T', path, NULL, (uint64_t)len, (uint64_t)st.st_size, 0, old, r > 0 ? (uint64_t)r : 0);
    free(old);
}

static void afterSync(int fd) {
    const char* path = pathOf(fd);
    if (!path) return;
    struct stat st;
    if (fstat(fd, &st) != 0) return;
    record(S_ISDIR(st.st_mode) ? 'D' : 'S', path, NULL, 0, 0, 0, NULL, 0);
}

/* An absolute path for `name` relative to `dirfd` (AT_FDCWD or a tracked folder); 0 if unknown. A path too
 * long to hold aborts the writer: left unwatched, its changes would silently count as durable. */
static int joined(char* out, const char* dir, const char* name) {
    int n = dir ? snprintf(out, PATH_MAX, "%s/%s", dir, name) : snprintf(out, PATH_MAX, "%s", name);
    if (n < 0 || n >= PATH_MAX) abort();
    return 1;
}
static int absolute(int dirfd, const char* name, char* out) {
    if (!name) return 0;
    if (name[0] == '/') return joined(out, NULL, name);
    if (dirfd == AT_FDCWD) {
        char cwd[PATH_MAX];
        if (!getcwd(cwd, sizeof cwd)) return 0;
        return joined(out, cwd, name);
    }
    const char* dir = pathOf(dirfd);
    if (!dir) return 0;
    return joined(out, dir, name);
}

static int openCommon(int dirfd, const char* name, int flags, mode_t mode, int which) {
    init();
    pthread_mutex_lock(&g_mutex);
    char path[PATH_MAX];
    int known = absolute(dirfd, name, path) && watched(path);
    int created = 0;
    if (known && (flags & O_CREAT)) {
        struct stat st;
        created = lstat(path, &st) != 0;
        if (created) record('N', path, NULL, 0, 0, 0, NULL, 0);
    }
    int fd;
    switch (which) {
    case 0:
        fd = real_open(name, flags, mode);
        break;
    case 1:
        fd = real_open64(name, flags, mode);
        break;
    case 2:
        fd = real_openat(dirfd, name, flags, mode);
        break;
    default:
        fd = real_openat64(dirfd, name, flags, mode);
        break;
    }
    if (fd >= 0) track(fd, known ? path : NULL);
    pthread_mutex_unlock(&g_mutex);
    return fd;
}

#define MODE_ARG                                                                                             \
    mode_t mode = 0;                                                                                         \
    if (flags & (O_CREAT | __O_TMPFILE)) {                                                                   \
        va_list ap;                                                                                          \
        va_start(ap, flags);                                                                                 \
        mode = va_arg(ap, mode_t);                                                                           \
        va_end(ap);                                                                                          \
    }

int open(const char* name, int flags, ...) {
    MODE_ARG
    return openCommon(AT_FDCWD, name, flags, mode, 0);
}
int open64(const char* name, int flags, ...) {
    MODE_ARG
    return openCommon(AT_FDCWD, name, flags, mode, 1);
}
int openat(int dirfd, const char* name, int flags, ...) {
    MODE_ARG
    return openCommon(dirfd, name, flags, mode, 2);
}
int openat64(int dirfd, const char* name, int flags, ...) {
    MODE_ARG
    return openCommon(dirfd, name, flags, mode, 3);
}

/* What _FORTIFY_SOURCE turns open() into when it cannot check the flags at compile time. */
int __open_2(const char* name, int flags) {
    return openCommon(AT_FDCWD, name, flags, 0, 0);
}
int __open64_2(const char* name, int flags) {
    return openCommon(AT_FDCWD, name, flags, 0, 1);
}

int close(int fd) {
    init();
    pthread_mutex_lock(&g_mutex);
    track(fd, NULL);
    int r = real_close(fd);
    pthread_mutex_unlock(&g_mutex);
    return r;
}

ssize_t write(int fd, const void* buf, size_t n) {
    init();
    pthread_mutex_lock(&g_mutex);
    beforeWrite(fd, n, 0, 0);
    ssize_t r = real_write(fd, buf, n);
    pthread_mutex_unlock(&g_mutex);
    return r;
}
ssize_t pwrite(int fd, const void* buf, size_t n, off_t off) {
    init();
    pthread_mutex_lock(&g_mutex);
    beforeWrite(fd, n, off, 1);
    ssize_t r = real_pwrite(fd, buf, n, off);
    pthread_mutex_unlock(&g_mutex);
    return r;
}
ssize_t pwrite64(int fd, const void* buf, size_t n, off64_t off) {
    init();
    pthread_mutex_lock(&g_mutex);
    beforeWrite(fd, n, (off_t)off, 1);
    ssize_t r = real_pwrite64(fd, buf, n, off);
    pthread_mutex_unlock(&g_mutex);
    return r;
}
int ftruncate(int fd, off_t len) {
    init();
    pthread_mutex_lock(&g_mutex);
    beforeTruncate(fd, len);
    int r = real_ftruncate(fd, len);
    pthread_mutex_unlock(&g_mutex);
    return r;
}
int ftruncate64(int fd, off64_t len) {
    init();
    pthread_mutex_lock(&g_mutex);
    beforeTruncate(fd, (off_t)len);
    int r = real_ftruncate64(fd, len);
    pthread_mutex_unlock(&g_mutex);
    return r;
}
int fsync(int fd) {
    init();
    int r = real_fsync(fd);
    pthread_mutex_lock(&g_mutex);
    if (r == 0) afterSync(fd);
    pthread_mutex_unlock(&g_mutex);
    return r;
}
int fdatasync(int fd) {
    init();
    int r = real_fdatasync(fd);
    pthread_mutex_lock(&g_mutex);
    if (r == 0) afterSync(fd);
    pthread_mutex_unlock(&g_mutex);
    return r;
}
/* Only a range sync that waits for the write-out counts, and then (conservatively) for nothing: it covers a
 * range, not the file, and flushes no metadata. Nothing here calls it today. */
int sync_file_range(int fd, off64_t off, off64_t n, unsigned int flags) {
    init();
    return real_sync_file_range(fd, off, n, flags);
}

static int renameCommon(int olddirfd, const char* oldname, int newdirfd, const char* newname, int at) {
    init();
    pthread_mutex_lock(&g_mutex);
    char from[PATH_MAX], to[PATH_MAX];
    if (absolute(olddirfd, oldname, from) && absolute(newdirfd, newname, to) &&
        (watched(from) || watched(to))) {
        uint64_t len = 0;
        int exists = 0;
        char* old = slurp(to, &len, &exists);
        record('R', from, to, (uint64_t)exists, 0, 0, old, len);
        free(old);
    }
    int r = at ? real_renameat(olddirfd, oldname, newdirfd, newname) : real_rename(oldname, newname);
    pthread_mutex_unlock(&g_mutex);
    return r;
}
int rename(const char* oldname, const char* newname) {
    return renameCommon(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}
int renameat(int olddirfd, const char* oldname, int newdirfd, const char* newname) {
    return renameCommon(olddirfd, oldname, newdirfd, newname, 1);
}

int unlink(const char* name) {
    init();
    pthread_mutex_lock(&g_mutex);
    char path[PATH_MAX];
    if (absolute(AT_FDCWD, name, path) && watched(path)) {
        uint64_t len = 0;
        int exists = 0;
        char* old = slurp(path, &len, &exists);
        if (exists) record('U', path, NULL, 0, 0, 0, old, len);
        free(old);
    }
    int r = real_unlink(name);
    pthread_mutex_unlock(&g_mutex);
    return r;
}
