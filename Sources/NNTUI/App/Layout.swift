import NNDrawing

/// Where each part of the dashboard goes for a terminal size (80x24 and up), with or
/// without the settings panel (`H` hides it to give the view the width).
public struct Layout: Equatable, Sendable {
    public var header: Rect
    public var settings: Rect
    /// Below the settings panel: a small loss chart while another view is shown.
    public var sideChart: Rect
    public var view: Rect
    public var strip: Rect
    public var footer: Rect
    /// Above the strip, the whole width: the lesson's panel (`lessonRows` high, 0 without one).
    public var lesson: Rect
    /// Between the header and the lesson panel (or the strip): settings and view, or a comparison.
    public var body: Rect

    public init(width: Int, height: Int, settings showSettings: Bool = true, lessonRows: Int = 0) {
        header = Rect(x: 0, y: 0, width: width, height: 1)
        footer = Rect(x: 0, y: height - 1, width: width, height: 1)
        strip = Rect(x: 0, y: height - 3, width: width, height: 2)
        lesson = Rect(x: 0, y: height - 3 - lessonRows, width: width, height: lessonRows)
        body = Rect(x: 0, y: 1, width: width, height: max(0, height - 4 - lessonRows))
        let left = showSettings ? (width >= 110 ? 40 : 36) : 0
        let (l, r) = body.splitLeft(left)
        let settingsHeight = min(l.height, SettingRow.all.count + 4)
        (settings, sideChart) = l.splitTop(settingsHeight)
        view = r
    }
}
