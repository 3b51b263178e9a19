import Foundation
import Testing

/// The targets' import rule (ARCHITECTURE.md, Package.swift): the engine imports no
/// reader or writer of files and no session, the files know no session, and nothing
/// below the dashboard imports curses or the drawing code. SwiftPM lets a target import
/// any module built before it, so the rule is checked here, file by file.
@Suite struct ImportRuleTests {
    static let system: Set = ["Foundation", "Dispatch", "Synchronization", "Glibc", "Musl", "Darwin"]
    static let allowed: [String: Set<String>] = [
        "NNEngine": ["CBLAS", "CKernels"],
        "NNFiles": ["NNEngine", "CZlib", "CKernels", "Yams"],
        "NNSession": ["NNEngine", "NNFiles"],
        "NNDrawing": [],
        "NNTUI": ["NNEngine", "NNFiles", "NNSession", "NNDrawing", "CNCurses"],
        "NNCommands": ["NNEngine", "NNFiles", "NNSession", "NNDrawing"],
    ]

    @Test(arguments: allowed.keys.sorted())
    func aTargetImportsOnlyWhatItsRuleAllows(target: String) throws {
        let root = Fixtures.packageRoot + "/Sources/" + target
        let files = try #require(FileManager.default.enumerator(atPath: root)?.allObjects as? [String])
            .filter { $0.hasSuffix(".swift") }
        #expect(!files.isEmpty)
        let ok = Self.system.union(Self.allowed[target]!)
        for file in files {
            let text = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
            for line in text.split(separator: "\n") where line.hasPrefix("import ") {
                let module = String(line.dropFirst("import ".count).split(separator: " ")[0])
                #expect(ok.contains(module), "\(target)/\(file) imports \(module)")
            }
        }
    }
}
