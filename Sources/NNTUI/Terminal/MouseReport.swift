/// xterm's mouse reports, decoded: SGR (`ESC [ < b ; x ; y M`, a release ends in `m`,
/// mode 1006) and X10 (`ESC [ M` and three bytes, each value + 32). `b` holds the
/// button in its low two bits, 64 for the wheel, and 4, 8, 16 for shift, meta and
/// control, 32 for motion; `x` and `y` count from 1.
enum MouseReport {
    /// The event of an SGR report whose text after `ESC [ <` is `body` ("0;12;5M"),
    /// or nil for a release, motion, another button or text that is not a report.
    static func sgr(_ body: String) -> MouseAction.Decoded? {
        guard let final = body.last, final == "M" || final == "m" else { return nil }
        let fields = body.dropLast().split(separator: ";", omittingEmptySubsequences: false)
        guard fields.count == 3, let b = Int(fields[0]), let x = Int(fields[1]), let y = Int(fields[2]), x >= 1, y >= 1
        else { return nil }
        guard final == "M" else { return nil }  // a release: the press already counted
        return decode(button: b, x: x, y: y)
    }

    /// The event of an X10 report's three bytes after `ESC [ M`.
    static func x10(_ bytes: [Int]) -> MouseAction.Decoded? {
        guard bytes.count == 3, bytes.allSatisfy({ $0 >= 32 }) else { return nil }
        return decode(button: bytes[0] - 32, x: bytes[1] - 32, y: bytes[2] - 32)
    }

    /// A press of the first button is a click; the wheel's first two buttons turn it.
    private static func decode(button b: Int, x: Int, y: Int) -> MouseAction.Decoded? {
        guard b & 32 == 0, x >= 1, y >= 1 else { return nil }  // motion
        let action: MouseAction
        switch b & ~(4 | 8 | 16) {
        case 0: action = .click
        case 64: action = .wheelUp
        case 65: action = .wheelDown
        default: return nil
        }
        return MouseAction.Decoded(x: x - 1, y: y - 1, action: action)
    }
}

extension MouseAction {
    /// An action at a cell counted from 0.
    struct Decoded: Equatable {
        var x: Int, y: Int, action: MouseAction
    }
}
