#ifndef CNCURSESW_H
#define CNCURSESW_H
// Thin C shim over libncursesw for the Terminal module. Swift 6 cannot touch C globals
// (stdscr, LINES, COLS, COLORS...) or variadic/macro APIs safely, so every access goes through
// a small function here. Signal handling lives here too because handlers must be
// async-signal-safe C.

#include <stdint.h>

// Attribute bits as passed from Swift (mapped to A_* here).
#define CNC_BOLD      1u
#define CNC_DIM       2u
#define CNC_ITALIC    4u
#define CNC_UNDERLINE 8u
#define CNC_REVERSE   16u

/// setlocale(LC_ALL, ""), then a UTF-8 LC_CTYPE if the locale is plain C/POSIX.
/// Returns 1 when the character type is UTF-8.
int cnc_setlocale(void);

/// 1 if `term` has a usable terminfo entry (checked with setupterm, which does not exit).
int cnc_term_is_valid(const char *term);

/// newterm(term, stdout, stdin) + set_term. Returns 0 on success, -1 on failure.
int cnc_start(const char *term);
/// raw, noecho, nonl, keypad off (we parse bytes ourselves), cursor hidden, colours.
void cnc_setup_modes(int want_color);
/// curs_set(1) + endwin + delscreen. Safe to call twice.
void cnc_stop(void);

int cnc_lines(void);
int cnc_cols(void);
int cnc_colors(void);
int cnc_color_pairs(void);
int cnc_has_colors(void);

int cnc_init_pair(int pair, int fg, int bg);
/// Draws one grapheme cluster (Unicode scalars) at (y, x). `width` is the cell width the
/// Swift side measured (1 or 2). Returns 0 on success.
int cnc_put_cluster(int y, int x, const uint32_t *scalars, int count, int width, unsigned attrs, int pair);
void cnc_erase(void);
void cnc_cursor(int visible, int y, int x);
void cnc_refresh(void);
/// resizeterm to the size reported by the tty; stores it in rows/cols. Returns 0 on success.
int cnc_resize_from_tty(int *rows, int *cols);
/// Writes raw bytes to the terminal (after flushing ncurses' own output).
void cnc_write_raw(const char *bytes);

// --- Signals -------------------------------------------------------------------------
// One terminal session per process: these use process-wide state (documented in shim.c).

/// Saves the tty modes of fd 0, installs handlers for SIGINT, SIGTERM, SIGHUP, SIGQUIT,
/// SIGWINCH (each writes its number as one byte to `notify_fd`), ignores SIGPIPE, and installs
/// crash handlers (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP) that restore the
/// terminal before dying. `restore_sequence` is written on emergency restore.
void cnc_install_signal_handlers(int notify_fd, const char *restore_sequence);
/// Puts every handler back as it was.
void cnc_restore_signal_handlers(void);

#endif
