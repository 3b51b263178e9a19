import CNCurses
import Foundation
import NNDrawing
import NNEngine
import NNFiles
import NNSession

/// The only code that touches curses: starts and restores the terminal, blits a
/// Canvas (curses diffs it against the screen), and decodes keys.
final class Terminal {
    private var pairs: [Style: Int16] = [:]
    private var nextPair: Int16 = 1
    private var maxPairs: Int32 = 0
    private var restored = false
    let hasColors: Bool
    /// The background is light: text colours too pale for it are darkened (`Color.onWhite`).
    let light: Bool
    /// Curses draws Unicode (a UTF-8 locale was found); else `AsciiGlyphs` stand in.
    let unicode: Bool
    /// Colours the terminal can show (8, 256, ...).
    let colorCount: Int32

    /// Set when the terminal went away (hung up, closed, end of input): the dashboard quits.
    private(set) var lost = false
    /// Reads in a row that found input ready but no key: end of input.
    private var emptyReads = 0
    /// Whether the terminal was asked for mouse reports (and must be told to stop).
    private var mouse = false

    /// Starts curses on the controlling terminal; throws when there is none or it
    /// cannot draw (no cursor addressing, as with TERM=dumb). `appearance` decides
    /// whether the terminal's colours are used (`NO_COLOR`, `--color`) and on which
    /// background (`--theme`, `COLORFGBG`).
    init(frameMilliseconds: Int32, appearance: Appearance) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw NNError.input(
                "the dashboard needs a terminal (input and output a tty); use 'nntui train' for headless runs.")
        }
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        unicode = TerminalLocale.useUTF8()
        guard nn_start() != 0 else {
            throw NNError.input(
                "the terminal type TERM=\(term) is unknown to curses, so the dashboard cannot be drawn; set TERM "
                    + "(e.g. xterm-256color) or use 'nntui train'."
            )
        }
        guard nn_can_position() != 0 else {
            endwin()
            throw NNError.input(
                "the terminal type TERM=\(term) cannot move the cursor, so the dashboard cannot be drawn; set TERM "
                    + "(e.g. xterm-256color) or use 'nntui train'."
            )
        }
        cbreak()
        noecho()
        nonl()
        keypad(nn_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        // where the terminal does not report the mouse, the keyboard does everything;
        // where it does: presses and releases (1000) in SGR's form (1006), which has no
        // column limit, each report read by `readMouseReport`
        if nn_bind_mouse_reports(term) != 0 {
            mouse = true
            // straight to the terminal: curses does not send text it was not asked to draw
            Console.write("\u{1B}[?1000h\u{1B}[?1006h", to: STDOUT_FILENO)
        }
        timeout(frameMilliseconds)
        hasColors = has_colors() && appearance.color.colors(tty: true)
        light = appearance.theme.isLight()
        if hasColors {
            start_color()
            use_default_colors()
            maxPairs = nn_color_pairs()
            colorCount = nn_colors()
        } else {
            colorCount = 0
        }
    }

    /// Restores the terminal (idempotent).
    func restore() {
        guard !restored else { return }
        restored = true
        endwin()
        if mouse { Console.write("\u{1B}[?1006l\u{1B}[?1000l", to: STDOUT_FILENO) }
    }

    var size: (width: Int, height: Int) {
        var r: Int32 = 0, c: Int32 = 0
        nn_size(&r, &c)
        return (Int(c), Int(r))
    }

    /// The colour pair for a style's colours, allocated on first use.
    private func pair(_ s: Style) -> Int16 {
        guard hasColors, s.fg != .default || s.bg != .default else { return 0 }
        let key = Style(fg: s.fg, bg: s.bg)
        if let p = pairs[key] { return p }
        guard Int32(nextPair) < maxPairs else { return 0 }
        let p = nextPair
        nextPair += 1
        // on a light background, text on it keeps its contrast (where there are colours to choose from)
        let fg = light && s.bg == .default && colorCount >= 256 ? s.fg.onWhite : s.fg
        nn_init_pair(Int32(p), colorNumber(fg), colorNumber(s.bg))
        pairs[key] = p
        return p
    }

    /// The colour number for `c` on this terminal: 24-bit RGB where it takes direct
    /// colour, the 256-colour index where it has 256, the nearest ANSI colour where
    /// it has 16, else the standard colour.
    private func colorNumber(_ c: Color) -> Int32 {
        if colorCount > 256 { return c.direct }
        if colorCount >= 256 { return Int32(c.index) }
        if colorCount >= 16 { return Int32(c.nearest16) }
        return Int32(c.basic)
    }

    /// Notes a lost terminal after `getch` found no key: the tty hung up or errs
    /// (poll says so), or input is ready yet yields nothing, three times running
    /// (end of input; getch would return at once forever, burning a core).
    private func checkTerminal() {
        var p = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&p, 1, 0) >= 0 else { return }
        if p.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { lost = true; return }
        if p.revents & Int16(POLLIN) != 0 {
            emptyReads += 1
            if emptyReads >= 3 { lost = true }
        } else {
            emptyReads = 0
        }
    }

    /// Draws the canvas and refreshes the screen.
    func draw(_ canvas: Canvas) {
        let (w, h) = size
        // the bottom-right cell is never drawn (it would scroll some terminals): blank
        // the screen first so no cell of an earlier frame stays there
        nn_erase()
        for y in 0..<min(h, canvas.height) {
            for x in 0..<min(w, canvas.width) {
                // the bottom-right cell would scroll some terminals
                if y == h - 1 && x == w - 1 { continue }
                var cell = canvas[x, y]
                if cell.char == Cell.continuation {
                    // the right half of the wide character to its left; alone (or beside
                    // its ASCII stand-in), a blank
                    if unicode && x > 0 && TerminalText.width(canvas[x - 1, y].char) == 2 { continue }
                    cell.char = " "
                } else if !unicode {
                    cell.char = AsciiGlyphs.map(cell.char)
                }
                var attrs: Int32 = 0
                if cell.style.bold { attrs |= nn_attr_bold() }
                if cell.style.reverse { attrs |= nn_attr_reverse() }
                if cell.style.dim { attrs |= nn_attr_dim() }
                var style = cell.style
                if !hasColors && style.bg != .default && canvas[x, y].char == "▀" { style.bg = .default }
                nn_put_cell(Int32(y), Int32(x), wchar_t(bitPattern: cell.char.value), attrs, pair(style))
            }
        }
        refresh()
    }

    /// The rest of one mouse report, its start already read: every report is read
    /// whole here, however many arrived together, so each press is one click.
    private func readMouseReport(sgr: Bool) -> Event? {
        var body: [Int] = []
        while body.count < (sgr ? 24 : 3) {
            let c = getch()
            guard c != nn_err() else { break }
            body.append(Int(c))
            if sgr && (c == 77 || c == 109) { break }  // M, m
        }
        let decoded =
            sgr
            ? MouseReport.sgr(String(decoding: body.compactMap { UInt8(exactly: $0) }, as: UTF8.self))
            : MouseReport.x10(body)
        return decoded.map { .mouse(x: $0.x, y: $0.y, $0.action) }
    }

    /// The next key or resize, or nil when the frame time passed without one (or
    /// the terminal is gone: `lost` is set).
    func readEvent() -> Event? {
        let c = getch()
        if c == nn_err() {
            checkTerminal()
            return nil
        }
        emptyReads = 0
        switch c {
        case nn_key_sgr_mouse(), nn_key_x10_mouse():
            return readMouseReport(sgr: c == nn_key_sgr_mouse())
        case nn_key_resize():
            let (w, h) = size
            return .resize(width: w, height: h)
        case nn_key_up(): return .key(.up)
        case nn_key_down(): return .key(.down)
        case nn_key_left(): return .key(.left)
        case nn_key_right(): return .key(.right)
        case nn_key_enter(), 10, 13: return .key(.enter)
        case 9: return .key(.tab)
        case nn_key_btab(): return .key(.backTab)
        case 27: return .key(.escape)
        case nn_key_backspace(), 127, 8: return .key(.backspace)
        case 32...126: return .key(.char(Character(Unicode.Scalar(UInt8(c)))))
        default: return nil
        }
    }
}
