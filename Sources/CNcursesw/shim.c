// wcwidth and friends need the X/Open feature set from glibc.
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "cncursesw.h"

#include <curses.h>
#include <term.h>
#include <locale.h>
#include <langinfo.h>
#include <strings.h>
#include <wchar.h>
#include <signal.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <errno.h>
#include <termios.h>
#include <sys/ioctl.h>

static SCREEN *cnc_screen = NULL;

int cnc_setlocale(void) {
    setlocale(LC_ALL, "");
    const char *codeset = nl_langinfo(CODESET);
    if (codeset != NULL && (strcasecmp(codeset, "UTF-8") == 0 || strcasecmp(codeset, "utf8") == 0)) return 1;
    // Plain C/POSIX locale (LANG unset, common over SSH and in containers): wide characters
    // would all print as "?". Terminals today speak UTF-8, so use a UTF-8 character type.
    // A deliberately chosen non-UTF-8 locale (e.g. ISO-8859-1) is left alone.
    if (codeset == NULL || strcmp(codeset, "ANSI_X3.4-1968") == 0) {
        if (setlocale(LC_CTYPE, "C.UTF-8") != NULL || setlocale(LC_CTYPE, "C.utf8") != NULL ||
            setlocale(LC_CTYPE, "en_US.UTF-8") != NULL) return 1;
    }
    return 0;
}

int cnc_term_is_valid(const char *term) {
    int err = 0;
    // setupterm with an error pointer reports instead of exiting.
    if (setupterm((char *)term, STDOUT_FILENO, &err) != OK || err != 1) return 0;
    del_curterm(cur_term);
    cur_term = NULL;
    return 1;
}

int cnc_start(const char *term) {
    cnc_screen = newterm(term, stdout, stdin);
    if (cnc_screen == NULL) return -1;
    set_term(cnc_screen);
    return 0;
}

void cnc_setup_modes(int want_color) {
    raw();
    noecho();
    nonl();
    keypad(stdscr, FALSE);   // bytes are parsed by the Swift InputParser
    intrflush(stdscr, FALSE);
    leaveok(stdscr, FALSE);
    scrollok(stdscr, FALSE);
    curs_set(0);
    if (want_color && has_colors()) {
        start_color();
        use_default_colors();
    }
    erase();
    wnoutrefresh(stdscr);
    doupdate();
}

void cnc_stop(void) {
    if (cnc_screen == NULL) return;
    curs_set(1);
    endwin();
    delscreen(cnc_screen);
    cnc_screen = NULL;
    fflush(stdout);
}

int cnc_lines(void) { return LINES; }
int cnc_cols(void) { return COLS; }
int cnc_colors(void) { return COLORS; }
int cnc_color_pairs(void) { return COLOR_PAIRS; }
int cnc_has_colors(void) { return has_colors() ? 1 : 0; }

int cnc_init_pair(int pair, int fg, int bg) {
    return init_pair((short)pair, (short)fg, (short)bg) == OK ? 0 : -1;
}

static attr_t map_attrs(unsigned a) {
    attr_t r = A_NORMAL;
    if (a & CNC_BOLD) r |= A_BOLD;
    if (a & CNC_DIM) r |= A_DIM;
#ifdef A_ITALIC
    if (a & CNC_ITALIC) r |= A_ITALIC;
#endif
    if (a & CNC_UNDERLINE) r |= A_UNDERLINE;
    if (a & CNC_REVERSE) r |= A_REVERSE;
    return r;
}

int cnc_put_cluster(int y, int x, const uint32_t *scalars, int count, int width, unsigned attrs, int pair) {
    wchar_t text[CCHARW_MAX + 1];
    int n = 0;
    if (count <= 0) return -1;
    wchar_t first = (wchar_t)scalars[0];
    int first_width = wcwidth(first);
    if (first_width < 1) { first = L'?'; first_width = 1; }
    if (first_width > width) { first = L'?'; first_width = 1; }  // never let ncurses overflow our cell
    text[n++] = first;
    // Only zero-width followers (combining marks, VS16) can join in a cchar_t. Emoji ZWJ
    // sequences and skin-tone modifiers are spacing characters to ncurses: they are cut off
    // and the base emoji is shown alone, which keeps the column layout intact.
    for (int i = 1; i < count && n < CCHARW_MAX; i++) {
        wchar_t c = (wchar_t)scalars[i];
        if (c == 0x200D || wcwidth(c) != 0) break;
        text[n++] = c;
    }
    text[n] = 0;
    cchar_t cc;
    attr_t a = map_attrs(attrs);
    if (setcchar(&cc, text, a, (short)pair, NULL) != OK) {
        wchar_t fallback[2] = { L'?', 0 };
        if (setcchar(&cc, fallback, a, (short)pair, NULL) != OK) return -1;
        first_width = 1;
    }
    mvwadd_wch(stdscr, y, x, &cc);
    // Our buffer gave the cluster two cells but ncurses thinks it is one (e.g. U+2764 + VS16):
    // fill the second cell so ncurses' model of the screen matches ours.
    if (width == 2 && first_width == 1) {
        wchar_t space[2] = { L' ', 0 };
        if (setcchar(&cc, space, a, (short)pair, NULL) == OK) mvwadd_wch(stdscr, y, x + 1, &cc);
    }
    return 0;
}

void cnc_erase(void) { werase(stdscr); }

void cnc_cursor(int visible, int y, int x) {
    if (visible) {
        wmove(stdscr, y, x);
        curs_set(1);
        leaveok(stdscr, FALSE);
    } else {
        curs_set(0);
    }
}

void cnc_refresh(void) {
    wnoutrefresh(stdscr);
    doupdate();
}

int cnc_resize_from_tty(int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 && ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) != 0) return -1;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    if (cnc_screen != NULL && is_term_resized(ws.ws_row, ws.ws_col)) resizeterm(ws.ws_row, ws.ws_col);
    return 0;
}

void cnc_write_raw(const char *bytes) {
    fflush(stdout);
    size_t len = strlen(bytes), off = 0;
    while (off < len) {
        ssize_t w = write(STDOUT_FILENO, bytes + off, len - off);
        if (w < 0) { if (errno == EINTR) continue; return; }
        off += (size_t)w;
    }
}

// --- Signals -------------------------------------------------------------------------
// Process-wide state, required because signal handlers cannot receive context:
//   notify_fd        write end of the App's self-pipe (set once per session)
//   saved_tty        terminal modes before we started, for the emergency restore
//   restore_seq      escape sequences that undo our modes (copied, fixed size)
//   termination_seen count of termination signals, a second one forces an immediate exit
// All are written before the handlers are installed and only read by handlers.

static volatile int notify_fd = -1;
static struct termios saved_tty;
static volatile int have_saved_tty = 0;
static char restore_seq[256];
static volatile sig_atomic_t termination_seen = 0;

static const int forwarded[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH };
static const int fatal[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP };
#define NFORWARDED (sizeof(forwarded) / sizeof(forwarded[0]))
#define NFATAL (sizeof(fatal) / sizeof(fatal[0]))
static struct sigaction old_forwarded[NFORWARDED];
static struct sigaction old_fatal[NFATAL];
static struct sigaction old_pipe;
static int installed = 0;

static void emergency_restore(void) {
    // Only async-signal-safe calls: write(2) and tcsetattr(3).
    size_t len = strlen(restore_seq);
    if (len > 0) { ssize_t ignored = write(STDOUT_FILENO, restore_seq, len); (void)ignored; }
    if (have_saved_tty) tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tty);
}

static void on_forwarded(int sig) {
    int saved_errno = errno;
    if (sig != SIGWINCH) {
        termination_seen++;
        if (termination_seen > 1) {
            // The loop did not react to the first signal (stuck): restore and leave now.
            emergency_restore();
            _exit(128 + sig);
        }
    }
    if (notify_fd >= 0) {
        unsigned char b = (unsigned char)sig;
        ssize_t ignored = write(notify_fd, &b, 1);
        (void)ignored;
    }
    errno = saved_errno;
}

static void on_fatal(int sig) {
    emergency_restore();
    signal(sig, SIG_DFL);
    raise(sig);
}

void cnc_install_signal_handlers(int fd, const char *sequence) {
    if (installed) cnc_restore_signal_handlers();
    notify_fd = fd;
    termination_seen = 0;
    strncpy(restore_seq, sequence ? sequence : "", sizeof(restore_seq) - 1);
    restore_seq[sizeof(restore_seq) - 1] = 0;
    have_saved_tty = tcgetattr(STDIN_FILENO, &saved_tty) == 0;

    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_forwarded;
    sa.sa_flags = SA_RESTART;
    for (size_t i = 0; i < NFORWARDED; i++) sigaction(forwarded[i], &sa, &old_forwarded[i]);

    struct sigaction fa;
    memset(&fa, 0, sizeof(fa));
    sigemptyset(&fa.sa_mask);
    fa.sa_handler = on_fatal;
    fa.sa_flags = SA_RESETHAND;
    for (size_t i = 0; i < NFATAL; i++) sigaction(fatal[i], &fa, &old_fatal[i]);

    struct sigaction ign;
    memset(&ign, 0, sizeof(ign));
    sigemptyset(&ign.sa_mask);
    ign.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &ign, &old_pipe);
    installed = 1;
}

void cnc_restore_signal_handlers(void) {
    if (!installed) return;
    for (size_t i = 0; i < NFORWARDED; i++) sigaction(forwarded[i], &old_forwarded[i], NULL);
    for (size_t i = 0; i < NFATAL; i++) sigaction(fatal[i], &old_fatal[i], NULL);
    sigaction(SIGPIPE, &old_pipe, NULL);
    notify_fd = -1;
    restore_seq[0] = 0;
    installed = 0;
}
