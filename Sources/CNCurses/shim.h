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
/// newterm on the process's stdin/stdout: NULL (instead of exiting) when the terminal is unusable.
static inline int nn_start(void) { return newterm(NULL, stdout, stdin) != NULL; }
/// Whether the terminal (after nn_start) can move the cursor: `cup` in terminfo. A
/// `dumb` terminal cannot, and the dashboard would never appear.
static inline int nn_can_position(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}
/// Asks the terminal for clicks and the wheel; 1 when it can report them.
static inline int nn_enable_mouse(void) {
    mouseinterval(0);
    return mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL) != 0;
}
static inline int nn_key_mouse(void) { return KEY_MOUSE; }
/// The oldest queued mouse event: its cell and 1 for a click, 2 wheel up, 3 wheel
/// down, 0 for another event; -1 when the queue is empty.
static inline int nn_read_mouse(int *x, int *y) {
    MEVENT e;
    if (getmouse(&e) != OK) return -1;
    *x = e.x; *y = e.y;
    if (e.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) return 1;
    if (e.bstate & BUTTON4_PRESSED) return 2;
    if (e.bstate & BUTTON5_PRESSED) return 3;
    return 0;
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
