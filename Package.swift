// swift-tools-version: 6.0
import PackageDescription

// Targets and what each may import (ARCHITECTURE.md says why):
//   NNCore      the engine, data, files, training session     (C libraries, Yams)
//   NNDrawing   canvas, charts, sparklines, panels, formatting (nothing)
//   NNTUI       dashboard state, update, render, views, curses (NNCore, NNDrawing, CNCurses)
//   NNCommands  headless commands and their reports           (NNCore, NNDrawing)
//   nntui       argument parsing and process set-up           (all of the above, CKernels, ArgumentParser)
let package = Package(
    name: "nntui",
    products: [
        .executable(name: "nntui", targets: ["nntui"]),
        .library(name: "NNCore", targets: ["NNCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CNCurses", pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(
            name: "CBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(
            name: "CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        .target(name: "CKernels"),
        .target(
            name: "NNCore",
            dependencies: ["CBLAS", "CZlib", "CKernels", .product(name: "Yams", package: "Yams")]),
        .target(name: "NNDrawing"),
        .target(name: "NNTUI", dependencies: ["NNCore", "NNDrawing", "CNCurses"]),
        .target(name: "NNCommands", dependencies: ["NNCore", "NNDrawing"]),
        .executableTarget(
            name: "nntui",
            dependencies: ["NNCore", "NNDrawing", "NNTUI", "NNCommands", "CKernels",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // helpers shared by the test targets: the built binary, a tmux driver
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "NNCoreTests", dependencies: ["NNCore"]),
        .testTarget(name: "NNDrawingTests", dependencies: ["NNDrawing"]),
        .testTarget(name: "NNTUITests", dependencies: ["NNTUI", "NNDrawing", "NNCore"]),
        .testTarget(name: "NNCommandsTests", dependencies: ["NNCommands", "NNCore"]),
        // the real binary, in a shell and in tmux: serialized, its own target
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "NNCore", "NNDrawing", "NNTUI", "nntui"]),
    ],
    swiftLanguageModes: [.v6]
)
