// swift-tools-version: 6.0
import PackageDescription

// Targets and what each may import (ARCHITECTURE.md says why; ImportRuleTests checks it):
//   NNEngine    the lecture's mathematics: linear algebra, the network, training,
//               data sets in memory, a run's settings          (CBLAS, CKernels)
//   NNFiles     reading and writing: data files, presets, lessons, checkpoints, logs
//                                                              (NNEngine, CZlib, CKernels, Yams)
//   NNSession   the live session: experiments, comparisons, the engine's reducer
//                                                              (NNEngine, NNFiles)
//   NNDrawing   canvas, charts, sparklines, panels, formatting (nothing)
//   NNTUI       dashboard state, update, render, views, curses (the above, CNCurses)
//   NNCommands  headless commands and their reports           (NNEngine, NNFiles, NNSession, NNDrawing)
//   nntui       argument parsing and process set-up           (all of the above, CKernels, ArgumentParser)
let package = Package(
    name: "nntui",
    products: [
        .executable(name: "nntui", targets: ["nntui"]),
        .library(name: "NNEngine", targets: ["NNEngine"]),
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
        .target(name: "NNEngine", dependencies: ["CBLAS", "CKernels"]),
        // the presets and lessons are compiled in (no copies, no bundle beside the binary)
        .target(
            name: "NNFiles",
            dependencies: ["NNEngine", "CZlib", "CKernels", .product(name: "Yams", package: "Yams")],
            resources: [.embedInCode("Presets"), .embedInCode("Lessons")]),
        .target(name: "NNSession", dependencies: ["NNEngine", "NNFiles"]),
        .target(name: "NNDrawing"),
        .target(name: "NNTUI", dependencies: ["NNEngine", "NNFiles", "NNSession", "NNDrawing", "CNCurses"]),
        .target(
            name: "NNCommands", dependencies: ["NNEngine", "NNFiles", "NNSession", "NNDrawing"],
            resources: [.embedInCode("Resources/train.py"), .embedInCode("Resources/sweep.py")]),
        .executableTarget(
            name: "nntui",
            dependencies: [
                "NNEngine", "NNFiles", "NNSession", "NNDrawing", "NNTUI", "NNCommands", "CKernels",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // helpers shared by the test targets: the built binary, a tmux driver
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // the engine, files and session (NNEngine, NNFiles, NNSession), in process
        .testTarget(name: "CoreTests", dependencies: ["NNEngine", "NNFiles", "NNSession"]),
        .testTarget(name: "NNDrawingTests", dependencies: ["NNDrawing"]),
        .testTarget(name: "NNTUITests", dependencies: ["NNTUI", "NNDrawing", "NNEngine", "NNFiles", "NNSession"]),
        .testTarget(name: "NNCommandsTests", dependencies: ["NNCommands", "NNEngine", "NNFiles", "NNSession"]),
        // the real binary, in a shell and in tmux: serialized, its own target
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["TestSupport", "NNEngine", "NNFiles", "NNSession", "NNDrawing", "NNTUI", "nntui"]),
    ],
    swiftLanguageModes: [.v6]
)
