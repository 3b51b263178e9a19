import Testing

@testable import NNTUI

/// xterm's mouse reports as the terminal reads them, one at a time.
@Suite struct MouseReportTests {
    @Test func sgrReports() {
        #expect(MouseReport.sgr("0;12;5M") == .init(x: 11, y: 4, action: .click))
        #expect(MouseReport.sgr("0;12;5m") == nil)  // the release of a press already counted
        #expect(MouseReport.sgr("64;1;1M") == .init(x: 0, y: 0, action: .wheelUp))
        #expect(MouseReport.sgr("65;300;90M") == .init(x: 299, y: 89, action: .wheelDown))
        #expect(MouseReport.sgr("16;3;3M") == .init(x: 2, y: 2, action: .click))  // control held
        #expect(MouseReport.sgr("32;3;3M") == nil)  // motion
        #expect(MouseReport.sgr("2;3;3M") == nil)  // the right button
        for bad in ["", "M", "0;0;5M", "0;5M", "0;a;5M", "0;1;2;3M", "0;1;2x", "-1;2;3M"] {
            #expect(MouseReport.sgr(bad) == nil, "\(bad)")
        }
    }

    @Test func x10Reports() {
        #expect(MouseReport.x10([32, 33 + 11, 33 + 4]) == .init(x: 11, y: 4, action: .click))
        #expect(MouseReport.x10([32 + 3, 40, 40]) == nil)  // a release
        #expect(MouseReport.x10([32 + 64, 33, 33]) == .init(x: 0, y: 0, action: .wheelUp))
        #expect(MouseReport.x10([32, 32, 40]) == nil && MouseReport.x10([32, 40]) == nil)
    }
}
