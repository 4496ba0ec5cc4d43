/*
 * LD_PRELOAD shim for benchmarks only: fsync, fdatasync, syncfs and sync_file_range return 0
 * without syncing. scripts/bench-daemon.py startup-scale uses it for the one untimed first start
 * on a generated state, which opens every notice of the state (a notice file each, written with
 * fsync: ~100 s per 10,000 consortia on this disk) and whose durability the benchmark does not
 * need. The timed starts run without it.
 *
 *   gcc -O2 -shared -fPIC -o .build-floor/nosync.so bench/nosync.c
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>

int fsync(int fd) { (void)fd; return 0; }
int fdatasync(int fd) { (void)fd; return 0; }
int syncfs(int fd) { (void)fd; return 0; }
int sync_file_range(int fd, off_t offset, off_t nbytes, unsigned int flags) {
    (void)fd; (void)offset; (void)nbytes; (void)flags;
    return 0;
}
