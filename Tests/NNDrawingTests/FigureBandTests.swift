import Foundation
import Testing

@testable import NNDrawing

/// A band in a figure: one closed, filled path along its upper edge and back along
/// its lower one, in the plot's coordinates, under the series.
@Suite struct FigureBandTests {
    @Test func aBandIsOneFilledPolygonUnderTheSeries() throws {
        var f = Figure(
            title: "t", xLabel: "x", yLabel: "y",
            series: [Figure.Series(label: "median", x: [1, 2, 3], y: [2, 3, 4], color: "#1f77b4")])
        f.bands = [Figure.Band(x: [1, 2, 3], lower: [1, 2, .nan], upper: [3, 4, 5], color: "#1f77b4")]
        let svg = f.svg(width: 400, height: 300)
        let band = try #require(svg.split(separator: "\n").first { $0.contains("fill-opacity") })
        // the NaN point is left out: two points up, two back, closed
        #expect(band.hasPrefix("<path d=\"M") && band.contains(" Z\""))
        #expect(band.split(separator: " L").count == 4, "\(band)")
        // under the series: the band is drawn before the median's line
        let bandAt = try #require(svg.range(of: "fill-opacity")),
            lineAt = try #require(svg.range(of: "stroke-width=\"1.8\""))
        #expect(bandAt.lowerBound < lineAt.lowerBound)
        // the y range takes the band in (1 to 5, not the series' 2 to 4): 4 lies a quarter down
        #expect(band.contains("L182.00 92.50"), "\(band)")
    }
}
