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
#include <limits.h>
#include <pthread.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

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

/* Raw (on) or cooked (off) terminal modes, as the editor sets them itself while reading. */
static inline int cel_prepare_terminal(EditLine *e, int on)
{ return el_set(e, EL_PREP_TERM, on); }

static inline int cel_set_getcfn(EditLine *e, el_rfunc_t f)
{ return el_set(e, EL_GETCFN, f); }

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
 * The signal handlers below only record what happened (and, for Ctrl-Z, stop the process with
 * the terminal restored); the line editor reacts in cel_read_char, outside any handler.
 *
 * This header has no C file of its own, and the compiler may emit the inline helpers below into
 * several object files (even into client modules, after cross-module inlining). A static
 * variable would then exist once per object file and a handler could read a copy nobody set;
 * weak definitions are merged into one by the linker.
 */

/* The SIGINT/SIGQUIT handler writes one byte here (when set), so a watcher thread can react
   to Ctrl-C outside the handler. */
__attribute__((weak)) volatile sig_atomic_t cel_sigint_wakeup_fd = -1;
/* Ctrl-C or Ctrl-\ arrived and the line editor has not answered it yet. */
__attribute__((weak)) volatile sig_atomic_t cel_interrupt_pending = 0;
/* Which of SIGINT and SIGQUIT came last. */
__attribute__((weak)) volatile sig_atomic_t cel_last_interrupt = 0;
/* The window changed size, or the process was continued: the line must be drawn again. */
__attribute__((weak)) volatile sig_atomic_t cel_resized = 0;
__attribute__((weak)) volatile sig_atomic_t cel_redraw_pending = 0;
/* Which evaluation runs now (1 to 255, changing with each), 0 when none: the handler writes it
   as its wake-up byte, so a watcher that reads the byte late (a busy machine) can tell a Ctrl-C
   meant for an evaluation that ended, or sent while idle, from one meant for the current one. */
__attribute__((weak)) volatile sig_atomic_t cel_evaluation = 0;
/* Whether the line editor owns the terminal (between cel_begin_editing and cel_end_editing). */
__attribute__((weak)) volatile sig_atomic_t cel_editing = 0;
/* The terminal's modes outside the editor and inside it, for Ctrl-Z and fatal signals. */
__attribute__((weak)) struct termios cel_cooked_modes = {0};
__attribute__((weak)) struct termios cel_edit_modes = {0};

/* The key cel_read_char returns to make the editor redraw (bound to ed-redisplay). U+0091
   (PRIVATE USE ONE) cannot be typed on a UTF-8 terminal. */
#define CEL_REDRAW_KEY 0x91

static void cel_sigint_handler(int sig)
{
    cel_last_interrupt = sig;
    cel_interrupt_pending = 1;
    int fd = cel_sigint_wakeup_fd;
    if (fd >= 0) {
        int saved = errno;
        unsigned char evaluation = (unsigned char)cel_evaluation;
        if (write(fd, &evaluation, 1) < 0) { /* a full pipe already holds a wake-up */ }
        errno = saved;
    }
}

static inline void cel_set_sigint_wakeup_fd(int fd) { cel_sigint_wakeup_fd = fd; }

/* Marks evaluation `number` (1 to 255) as running, or none (0). */
static inline void cel_set_evaluation(int number) { cel_evaluation = number; }

/* SIGINT or SIGQUIT: whichever came last. */
static inline int cel_last_interrupt_signal(void) { return cel_last_interrupt; }

/* Performs signal `sig`'s default action (stop, or end the process) from inside its handler,
   then puts the handler back if the process goes on. */
static void cel_default_action(int sig)
{
    struct sigaction dfl, old;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, &old);
    sigset_t set, previous;
    sigemptyset(&set);
    sigaddset(&set, sig);
    /* A handler runs with its own signal blocked; unblocked, the raise acts at once. */
    sigprocmask(SIG_UNBLOCK, &set, &previous);
    raise(sig);
    sigprocmask(SIG_SETMASK, &previous, NULL);
    sigaction(sig, &old, NULL);
}

/* Ctrl-Z: the shell gets the terminal as it was before the editor, and the editor's modes and
   line come back on fg. (In an orphaned process group the kernel ignores the stop.) */
static void cel_stop_handler(int sig)
{
    int saved = errno;
    int editing = cel_editing;
    if (editing) tcsetattr(STDIN_FILENO, TCSADRAIN, &cel_cooked_modes);
    cel_default_action(sig);
    if (editing) {
        tcsetattr(STDIN_FILENO, TCSADRAIN, &cel_edit_modes);
        cel_redraw_pending = 1;
    }
    errno = saved;
}

/* SIGCONT after any stop, SIGWINCH after a resize: redraw at the next read. */
static void cel_continue_handler(int sig)
{
    (void)sig;
    int saved = errno;
    if (cel_editing) tcsetattr(STDIN_FILENO, TCSADRAIN, &cel_edit_modes);
    cel_redraw_pending = 1;
    errno = saved;
}

static void cel_resize_handler(int sig)
{
    (void)sig;
    cel_resized = 1;
}

/* SIGTERM, SIGHUP: the process ends as it would anyway, but never leaves the terminal raw. */
static void cel_fatal_handler(int sig)
{
    if (cel_editing) tcsetattr(STDIN_FILENO, TCSADRAIN, &cel_cooked_modes);
    cel_default_action(sig);
}

static inline int cel_handle(int sig, void (*handler)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = flags;
    return sigaction(sig, &sa, NULL);
}

/*
 * Installs the handler for Ctrl-C (SIGINT) and Ctrl-\ (SIGQUIT, which must not end the session
 * with a core dump) without SA_RESTART, so a blocked read fails with EINTR instead of the
 * process dying. (signal() would set SA_RESTART on glibc and the read would silently resume.)
 * Returns 0 on success, -1 with errno set otherwise.
 */
static inline int cel_install_sigint(void)
{
    return cel_handle(SIGINT, cel_sigint_handler, 0) == 0 && cel_handle(SIGQUIT, cel_sigint_handler, 0) == 0 ? 0 : -1;
}

/*
 * The line editor's other signals: Ctrl-Z, fg, window resizes, SIGTERM and SIGHUP. They restart
 * interrupted system calls, so an evaluation never notices them; the editor waits in poll(),
 * which a signal always interrupts.
 */
static inline int cel_install_terminal_handlers(void)
{
    int failed = 0;
    failed |= cel_handle(SIGTSTP, cel_stop_handler, SA_RESTART);
    failed |= cel_handle(SIGCONT, cel_continue_handler, SA_RESTART);
    failed |= cel_handle(SIGWINCH, cel_resize_handler, SA_RESTART);
    failed |= cel_handle(SIGTERM, cel_fatal_handler, SA_RESTART);
    failed |= cel_handle(SIGHUP, cel_fatal_handler, SA_RESTART);
    return failed ? -1 : 0;
}

/* The editor takes the terminal: remember its modes, forget interrupts that came before. */
static inline void cel_begin_editing(void)
{
    tcgetattr(STDIN_FILENO, &cel_cooked_modes);
    cel_edit_modes = cel_cooked_modes;
    cel_interrupt_pending = 0;
    cel_editing = 1;
}

static inline void cel_end_editing(void) { cel_editing = 0; }

/*
 * libedit's read function (EL_GETCFN): one character from standard input, decoded from UTF-8.
 * It waits in poll(), so every signal wakes it: Ctrl-C and Ctrl-\ end the read with EINTR (el_gets
 * then returns NULL with count -1); a resize, Ctrl-Z and fg answer CEL_REDRAW_KEY so the line
 * is drawn again at once.
 */
static int cel_read_char(EditLine *e, wchar_t *out)
{
    char bytes[MB_LEN_MAX];
    size_t count = 0;
    for (;;) {
        if (cel_interrupt_pending) {
            cel_interrupt_pending = 0;
            errno = EINTR;
            return -1;
        }
        if (cel_resized) {
            cel_resized = 0;
            cel_redraw_pending = 0;
            el_resize(e);
            *out = CEL_REDRAW_KEY;
            return 1;
        }
        if (cel_redraw_pending) {
            cel_redraw_pending = 0;
            *out = CEL_REDRAW_KEY;
            return 1;
        }
        tcgetattr(STDIN_FILENO, &cel_edit_modes);
        struct pollfd p;
        p.fd = STDIN_FILENO;
        p.events = POLLIN;
        p.revents = 0;
        if (poll(&p, 1, -1) < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        ssize_t n = read(STDIN_FILENO, bytes + count, 1);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            return -1;
        }
        if (n == 0) {
            *out = 0;
            return 0;
        }
        count += 1;
        mbstate_t state;
        memset(&state, 0, sizeof state);
        size_t used = mbrtowc(out, bytes, count, &state);
        if (used == (size_t)-2 && count < MB_LEN_MAX) continue;    /* more bytes of one character */
        if (used == (size_t)-1 || used == (size_t)-2) {            /* not UTF-8: drop the bytes */
            count = 0;
            continue;
        }
        return 1;
    }
}

/* The window size of terminal `fd`; 0 and 0 when it is not a terminal. */
static inline void cel_window_size(int fd, int *rows, int *columns)
{
    struct winsize size;
    memset(&size, 0, sizeof size);
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) {
        *rows = 0;
        *columns = 0;
        return;
    }
    *rows = size.ws_row;
    *columns = size.ws_col;
}

/* A close-on-exec pipe whose write end never blocks (the signal handler writes to it). */
static inline int cel_make_wakeup_pipe(int fds[2])
{
    if (pipe(fds) != 0) return -1;
    for (int i = 0; i < 2; i++) fcntl(fds[i], F_SETFD, FD_CLOEXEC);
    return fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK) == -1 ? -1 : 0;
}

/* Keeps the terminal's signals away from the calling thread, so the kernel delivers them to the
   thread that reads the terminal (and interrupts its wait). */
static inline int cel_block_terminal_signals_in_this_thread(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGQUIT);
    sigaddset(&set, SIGTSTP);
    sigaddset(&set, SIGCONT);
    sigaddset(&set, SIGWINCH);
    return pthread_sigmask(SIG_BLOCK, &set, NULL);
}

/* Restores the default SIGINT and SIGQUIT dispositions (Ctrl-C ends the process again). */
static inline int cel_restore_sigint(void)
{
    return cel_handle(SIGINT, SIG_DFL, 0) == 0 && cel_handle(SIGQUIT, SIG_DFL, 0) == 0 ? 0 : -1;
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
