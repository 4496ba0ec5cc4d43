/*
 * floor: the physical floor of consortiumd's per-document work, for benchmarks only.
 *
 * It does only what no implementation of the daemon's promise can skip, per file dropped into
 * the inbox:
 *   - wake up on inotify (IN_MOVED_TO | IN_CLOSE_WRITE) of the inbox,
 *   - read the file,
 *   - commit its bytes durably: SQLite in WAL mode with synchronous=FULL, one INSERT of
 *     (name, bytes) - no hashing, no decoding, no rules,
 *   - rename the file into the archive directory and fsync both directories (the rename
 *     touches both; on ext4 the second fsync finds the journal already committed),
 *   - one journal entry (sd_journal_sendv) with MESSAGE_ID, DOCUMENT_NAME, SYSLOG_IDENTIFIER.
 *
 * After the inbox is watched and the files already there are taken, it sends READY=1 to
 * $NOTIFY_SOCKET (sd_notify), so a benchmark can wait for it as for the daemon.
 * --load: before that, read every file of ARCHIVE back (the floor of a start-up that re-reads
 * the archived originals, as the daemon does; no decoding).
 *
 * Default mode: every file is its own transaction (the floor for single-document latency).
 * --batch: every file found in one wakeup (a drained inotify queue, then a readdir of the
 * inbox) goes into one transaction, then all renames, one fsync per directory, then the journal
 * entries (the floor for throughput).
 *
 *   floor [--batch] [--load] INBOX ARCHIVE DATABASE
 *
 * Build: gcc -O2 -o .build-floor/floor bench/floor.c -lsqlite3 -lsystemd
 * Stops on SIGTERM/SIGINT. Names starting with '.' or ending in .tmp/.part are ignored, as in
 * the daemon. Files already in the inbox at start are taken too.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <systemd/sd-daemon.h>
#include <systemd/sd-journal.h>
#include <unistd.h>

/* First 16 bytes of sha256("consortiumd-floor:document-accepted"), fixed here. */
#define FLOOR_MESSAGE_ID "5d972930e54688d0d8bbbf1dde003431"

static const char *inbox, *archive;
static int inbox_fd = -1, archive_fd = -1;
static sqlite3 *db;
static sqlite3_stmt *insert;
static volatile sig_atomic_t stopping;

static void on_signal(int sig) { (void)sig; stopping = 1; }

static void die(const char *what) {
    fprintf(stderr, "floor: %s: %s\n", what, db && sqlite3_errcode(db) ? sqlite3_errmsg(db) : strerror(errno));
    exit(1);
}

static int ignored(const char *name) {
    size_t n = strlen(name);
    if (n == 0 || name[0] == '.') return 1;
    if (n >= 4 && strcmp(name + n - 4, ".tmp") == 0) return 1;
    if (n >= 5 && strcmp(name + n - 5, ".part") == 0) return 1;
    return 0;
}

static void exec_sql(const char *sql) {
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
        fprintf(stderr, "floor: %s: %s\n", sql, err ? err : "?");
        exit(1);
    }
}

/* Reads INBOX/name into a malloc'd buffer. NULL when it is gone or not a regular file. */
static unsigned char *read_file(const char *name, size_t *size) {
    int fd = openat(inbox_fd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) return NULL;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) { close(fd); return NULL; }
    size_t cap = st.st_size > 0 ? (size_t)st.st_size : 1, len = 0;
    unsigned char *buf = malloc(cap);
    for (;;) {
        if (len == cap) buf = realloc(buf, cap *= 2);
        ssize_t r = read(fd, buf + len, cap - len);
        if (r < 0) { if (errno == EINTR) continue; free(buf); close(fd); return NULL; }
        if (r == 0) break;
        len += (size_t)r;
    }
    close(fd);
    *size = len;
    return buf;
}

static void insert_row(const char *name, const unsigned char *bytes, size_t size) {
    sqlite3_bind_text(insert, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_blob(insert, 2, bytes, (int)size, SQLITE_STATIC);
    if (sqlite3_step(insert) != SQLITE_DONE) die("insert");
    sqlite3_reset(insert);
}

static void move_to_archive(const char *name) {
    if (renameat(inbox_fd, name, archive_fd, name) != 0) die("rename");
}

static void sync_directories(void) {
    if (fsync(archive_fd) != 0) die("fsync archive");
    if (fsync(inbox_fd) != 0) die("fsync inbox");
}

static void emit(const char *name) {
    char message[PATH_MAX + 64], document[PATH_MAX + 32];
    snprintf(message, sizeof message, "MESSAGE=document accepted: %s", name);
    snprintf(document, sizeof document, "DOCUMENT_NAME=%s", name);
    struct iovec iov[] = {
        {message, strlen(message)},
        {(char *)"MESSAGE_ID=" FLOOR_MESSAGE_ID, sizeof("MESSAGE_ID=" FLOOR_MESSAGE_ID) - 1},
        {document, strlen(document)},
        {(char *)"PRIORITY=6", 10},
        {(char *)"SYSLOG_IDENTIFIER=consortiumd-floor", sizeof("SYSLOG_IDENTIFIER=consortiumd-floor") - 1},
    };
    sd_journal_sendv(iov, 5);
}

/* One file, one transaction. */
static void take_one(const char *name) {
    size_t size;
    unsigned char *bytes = read_file(name, &size);
    if (!bytes) return;
    exec_sql("BEGIN");
    insert_row(name, bytes, size);
    exec_sql("COMMIT");
    free(bytes);
    move_to_archive(name);
    sync_directories();
    emit(name);
}

/* Every file in the inbox now, one transaction. */
static void take_all(void) {
    DIR *dir = opendir(inbox);
    if (!dir) die("opendir inbox");
    size_t count = 0, cap = 1024;
    char **names = malloc(cap * sizeof *names);
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (ignored(e->d_name)) continue;
        if (count == cap) names = realloc(names, (cap *= 2) * sizeof *names);
        names[count++] = strdup(e->d_name);
    }
    closedir(dir);
    if (count == 0) { free(names); return; }
    char *taken = calloc(count, 1);
    exec_sql("BEGIN");
    for (size_t i = 0; i < count; i++) {
        size_t size;
        unsigned char *bytes = read_file(names[i], &size);
        if (!bytes) continue;
        insert_row(names[i], bytes, size);
        free(bytes);
        taken[i] = 1;
    }
    exec_sql("COMMIT");
    for (size_t i = 0; i < count; i++) if (taken[i]) move_to_archive(names[i]);
    sync_directories();
    for (size_t i = 0; i < count; i++) {
        if (taken[i]) emit(names[i]);
        free(names[i]);
    }
    free(taken);
    free(names);
}

static void take_existing_one_by_one(void) {
    DIR *dir = opendir(inbox);
    if (!dir) die("opendir inbox");
    struct dirent *e;
    while ((e = readdir(dir))) if (!ignored(e->d_name)) take_one(e->d_name);
    closedir(dir);
}

/* Reads every file of the archive (start-up floor); returns the number of files. */
static long load_archive(void) {
    DIR *dir = opendir(archive);
    if (!dir) die("opendir archive");
    long files = 0;
    struct dirent *e;
    static unsigned char buf[1 << 16];
    while ((e = readdir(dir))) {
        if (e->d_name[0] == '.') continue;
        int fd = openat(archive_fd, e->d_name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        if (fd < 0) continue;
        while (read(fd, buf, sizeof buf) > 0) {}
        close(fd);
        files++;
    }
    closedir(dir);
    return files;
}

int main(int argc, char **argv) {
    int batch = 0, load = 0, arg = 1;
    for (; arg < argc && argv[arg][0] == '-'; arg++) {
        if (strcmp(argv[arg], "--batch") == 0) batch = 1;
        else if (strcmp(argv[arg], "--load") == 0) load = 1;
        else break;
    }
    if (argc - arg != 3) {
        fprintf(stderr, "usage: floor [--batch] [--load] INBOX ARCHIVE DATABASE\n");
        return 2;
    }
    inbox = argv[arg];
    archive = argv[arg + 1];
    const char *database = argv[arg + 2];
    mkdir(archive, 0755);
    inbox_fd = open(inbox, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    archive_fd = open(archive, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (inbox_fd < 0 || archive_fd < 0) die("open directories");

    if (sqlite3_open(database, &db) != SQLITE_OK) die("sqlite3_open");
    exec_sql("PRAGMA journal_mode = WAL");
    exec_sql("PRAGMA synchronous = FULL");
    exec_sql("CREATE TABLE IF NOT EXISTS document (arrival INTEGER PRIMARY KEY, name TEXT NOT NULL, bytes BLOB NOT NULL)");
    if (sqlite3_prepare_v2(db, "INSERT INTO document (name, bytes) VALUES (?1, ?2)", -1, &insert, NULL) != SQLITE_OK)
        die("prepare");

    struct sigaction sa = {0};
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);

    int in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (in < 0 || inotify_add_watch(in, inbox, IN_MOVED_TO | IN_CLOSE_WRITE) < 0) die("inotify");
    if (load) load_archive();
    if (batch) take_all(); else take_existing_one_by_one();
    sd_notify(0, "READY=1");

    static char buffer[64 * 1024] __attribute__((aligned(__alignof__(struct inotify_event))));
    while (!stopping) {
        struct pollfd p = {in, POLLIN, 0};
        if (poll(&p, 1, -1) < 0) { if (errno == EINTR) continue; die("poll"); }
        int overflow = 0, any = 0;
        for (;;) {
            ssize_t n = read(in, buffer, sizeof buffer);
            if (n <= 0) break;
            for (char *at = buffer; at < buffer + n;) {
                struct inotify_event *ev = (struct inotify_event *)at;
                at += sizeof *ev + ev->len;
                if (ev->mask & IN_Q_OVERFLOW) { overflow = 1; continue; }
                if (ev->len == 0 || ignored(ev->name)) continue;
                any = 1;
                if (!batch) take_one(ev->name);
            }
            if (!batch) break; /* one read per wakeup: the next poll returns at once if more wait */
        }
        if (batch && any) take_all();
        if (overflow) { if (batch) take_all(); else take_existing_one_by_one(); }
    }
    sqlite3_finalize(insert);
    sqlite3_close(db);
    return 0;
}
