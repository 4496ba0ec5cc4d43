#include <sys/inotify.h>
#include <sys/timerfd.h>
#include <sys/eventfd.h>
#include <poll.h>
#include <sys/signalfd.h>
#include <signal.h>
/* glibc declares syncfs only with _GNU_SOURCE. */
extern int syncfs(int fd);
/* glibc's malloc.h: give freed heap back to the system (start-up decodes in parallel). */
extern int malloc_trim(unsigned long pad);
