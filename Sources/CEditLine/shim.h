/*
 * CEditLine: libedit's native histedit.h API, made callable from Swift.
 *
 * el_set, el_get and history are C variadic functions, which Swift does not import, so each
 * call the REPL needs gets a fixed-arity static inline wrapper here. The header is the whole
 * module: there is no C target to compile.
 *
 * Include histedit.h only. On Debian the GNU readline headers are installed as well, and
 * <readline/readline.h> would resolve to GNU's declarations while linking libedit.
 */
#ifndef CONV_CEDITLINE_SHIM_H
#define CONV_CEDITLINE_SHIM_H

#include <histedit.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

typedef char *(*cel_prompt_fn)(EditLine *);
typedef unsigned char (*cel_cmd_fn)(EditLine *, int);

/* Swift 6 rejects the C stdio globals as shared mutable state; these accessors hide them. */
static inline FILE *cel_stdin(void) { return stdin; }
static inline FILE *cel_stdout(void) { return stdout; }
static inline FILE *cel_stderr(void) { return stderr; }

/* ---- el_set / el_get ------------------------------------------------------------------- */

static inline int cel_set_prompt_esc(EditLine *e, cel_prompt_fn f, char esc)
{ return el_set(e, EL_PROMPT_ESC, f, esc); }

static inline int cel_set_editor(EditLine *e, const char *mode)
{ return el_set(e, EL_EDITOR, mode); }

static inline int cel_set_signal(EditLine *e, int on)
{ return el_set(e, EL_SIGNAL, on); }

static inline int cel_set_hist(EditLine *e, History *h)
{ return el_set(e, EL_HIST, history, h); }

static inline int cel_set_clientdata(EditLine *e, void *data)
{ return el_set(e, EL_CLIENTDATA, data); }

static inline void *cel_get_clientdata(EditLine *e)
{
    void *data = NULL;
    if (el_get(e, EL_CLIENTDATA, &data) != 0) return NULL;
    return data;
}

static inline int cel_addfn(EditLine *e, const char *name, const char *help, cel_cmd_fn f)
{ return el_set(e, EL_ADDFN, name, help, f); }

static inline int cel_bind(EditLine *e, const char *key, const char *fn)
{ return el_set(e, EL_BIND, key, fn, NULL); }

/* Terminal width in columns from termcap "co"; 0 when libedit does not know it. */
static inline int cel_terminal_columns(EditLine *e)
{
    int cols = 0;
    if (el_get(e, EL_GETTC, "co", &cols, NULL) != 0) return 0;
    return cols;
}

/* ---- history ----------------------------------------------------------------------------- */

static inline int cel_hist_setsize(History *h, int size)
{ HistEvent ev; return history(h, &ev, H_SETSIZE, size); }

static inline int cel_hist_setunique(History *h, int on)
{ HistEvent ev; return history(h, &ev, H_SETUNIQUE, on); }

static inline int cel_hist_enter(History *h, const char *entry)
{ HistEvent ev; return history(h, &ev, H_ENTER, entry); }

static inline int cel_hist_load(History *h, const char *path)
{ HistEvent ev; return history(h, &ev, H_LOAD, path); }

static inline int cel_hist_save(History *h, const char *path)
{ HistEvent ev; return history(h, &ev, H_SAVE, path); }

static inline int cel_hist_clear(History *h)
{ HistEvent ev; return history(h, &ev, H_CLEAR); }

/* ---- signals and input polling ----------------------------------------------------------- */

/*
 * The SIGINT handler writes one byte to this descriptor (when set) so a watcher thread can react
 * to Ctrl-C outside the handler. This header has no C file of its own, and the compiler may emit
 * the inline helpers below into several object files (even into client modules, after
 * cross-module inlining). A static variable would then exist once per object file and the
 * handler could read a copy nobody set; a weak definition is merged into one by the linker.
 */
__attribute__((weak)) volatile sig_atomic_t cel_sigint_wakeup_fd = -1;

static void cel_sigint_handler(int sig)
{
    (void)sig;
    int fd = cel_sigint_wakeup_fd;
    if (fd >= 0) {
        int saved = errno;
        if (write(fd, "!", 1) < 0) { /* a full pipe already holds a wake-up */ }
        errno = saved;
    }
}

static inline void cel_set_sigint_wakeup_fd(int fd) { cel_sigint_wakeup_fd = fd; }

/*
 * Installs the SIGINT handler without SA_RESTART, so a read blocked inside el_gets fails with
 * EINTR and el_gets returns NULL with count -1 instead of the process dying.
 * (signal() would set SA_RESTART on glibc and the read would silently resume.)
 * Returns 0 on success, -1 with errno set otherwise.
 */
static inline int cel_install_sigint(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = cel_sigint_handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    return sigaction(SIGINT, &sa, NULL);
}

/* A close-on-exec pipe whose write end never blocks (the signal handler writes to it). */
static inline int cel_make_wakeup_pipe(int fds[2])
{
    if (pipe(fds) != 0) return -1;
    for (int i = 0; i < 2; i++) fcntl(fds[i], F_SETFD, FD_CLOEXEC);
    return fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK) == -1 ? -1 : 0;
}

/* Keeps SIGINT away from the calling thread, so the kernel delivers it elsewhere. */
static inline int cel_block_sigint_in_this_thread(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    return pthread_sigmask(SIG_BLOCK, &set, NULL);
}

/* Restores the default SIGINT disposition (the process dies on Ctrl-C again). */
static inline int cel_restore_sigint(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigemptyset(&sa.sa_mask);
    return sigaction(SIGINT, &sa, NULL);
}

/* 1 when fd has bytes ready to read right now, 0 when not, -1 on error. Never blocks. */
static inline int cel_input_pending(int fd)
{
    struct pollfd p;
    p.fd = fd;
    p.events = POLLIN;
    p.revents = 0;
    int n = poll(&p, 1, 0);
    if (n < 0) return -1;
    return (n > 0 && (p.revents & POLLIN)) ? 1 : 0;
}

static inline int cel_errno(void) { return errno; }
static inline void cel_clear_errno(void) { errno = 0; }

#endif
