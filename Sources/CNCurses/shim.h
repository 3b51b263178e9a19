#ifndef NNTUI_CNCURSES_SHIM_H
#define NNTUI_CNCURSES_SHIM_H
// Wide-character curses: must be defined before <curses.h>.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <string.h>
#include <ncursesw/curses.h>

// The macros and globals Swift cannot import, as functions.
static inline WINDOW *nn_stdscr(void) { return stdscr; }
static inline int nn_lines(void) { return LINES; }
static inline int nn_cols(void) { return COLS; }
static inline int nn_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int nn_attr_bold(void) { return (int)A_BOLD; }
static inline int nn_attr_reverse(void) { return (int)A_REVERSE; }
static inline int nn_attr_dim(void) { return (int)A_DIM; }
static inline int nn_key_resize(void) { return KEY_RESIZE; }
static inline int nn_key_up(void) { return KEY_UP; }
static inline int nn_key_down(void) { return KEY_DOWN; }
static inline int nn_key_left(void) { return KEY_LEFT; }
static inline int nn_key_right(void) { return KEY_RIGHT; }
static inline int nn_key_enter(void) { return KEY_ENTER; }
static inline int nn_key_btab(void) { return KEY_BTAB; }
static inline int nn_key_backspace(void) { return KEY_BACKSPACE; }
static inline int nn_err(void) { return ERR; }
static inline int nn_color_pairs(void) { return COLOR_PAIRS; }
static inline int nn_colors(void) { return COLORS; }
/// A colour pair of any colour numbers (direct colour's 24-bit values do not fit a short).
static inline int nn_init_pair(int pair, int fg, int bg) { return init_extended_pair(pair, fg, bg); }
/// newterm on the process's stdin/stdout: NULL (instead of exiting) when the terminal is unusable.
static inline int nn_start(void) { return newterm(NULL, stdout, stdin) != NULL; }
/// Whether the terminal (after nn_start) can move the cursor: `cup` in terminfo. A
/// `dumb` terminal cannot, and the dashboard would never appear.
static inline int nn_can_position(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}
/// Key codes of our own for the starts of the terminal's mouse reports: nntui reads
/// each report itself (ncurses' getmouse keeps a queue of eight and loses reports
/// that arrive together). Beyond KEY_MAX, so no terminfo key has them.
enum { NN_KEY_SGR_MOUSE = KEY_MAX + 1, NN_KEY_X10_MOUSE = KEY_MAX + 2 };
static inline int nn_key_sgr_mouse(void) { return NN_KEY_SGR_MOUSE; }
static inline int nn_key_x10_mouse(void) { return NN_KEY_X10_MOUSE; }
/// Binds the starts of SGR (`ESC [ <`) and X10 (`ESC [ M`) mouse reports to the codes
/// above, replacing terminfo's `kmous`, so getch returns them and leaves the rest of
/// the report to be read; 1 when the terminal is one that reports the mouse (it has
/// `kmous`, or its name says xterm, as ncurses decides).
static inline int nn_bind_mouse_reports(const char *term) {
    define_key("\033[<", 0);
    define_key("\033[M", 0);
    define_key("\033[<", NN_KEY_SGR_MOUSE);
    define_key("\033[M", NN_KEY_X10_MOUSE);
    char *kmous = tigetstr("kmous");
    return (kmous != NULL && kmous != (char *)-1) || (term != NULL && strstr(term, "xterm") != NULL);
}
static inline int nn_key_code_yes(void) { return KEY_CODE_YES; }

/// Draws one wide character with attributes and colour pair at (y, x).
static inline void nn_put_cell(int y, int x, wchar_t ch, int attrs, short pair) {
    cchar_t cell;
    wchar_t text[2] = { ch, 0 };
    setcchar(&cell, text, (attr_t)attrs, pair, NULL);
    mvadd_wch(y, x, &cell);
}
/// Blanks stdscr (werase: curses sends only what differs on the next refresh).
static inline void nn_erase(void) { werase(stdscr); }
/// The terminal size of stdscr, as getmaxyx does.
static inline void nn_size(int *rows, int *cols) { int r, c; getmaxyx(stdscr, r, c); *rows = r; *cols = c; }
#endif
