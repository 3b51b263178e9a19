// swift-tools-version: 6.0
import PackageDescription

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
        .target(
            name: "CKernels",
            cSettings: [.unsafeFlags(["-O3", "-fno-math-errno"])]),
        .target(
            name: "NNCore",
            dependencies: ["CBLAS", "CZlib", "CKernels", .product(name: "Yams", package: "Yams")],
            swiftSettings: [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]),
        .target(name: "NNTUI", dependencies: ["NNCore", "CNCurses"]),
        .executableTarget(
            name: "nntui",
            dependencies: ["NNCore", "NNTUI", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            // argument wiring only: optimizing it took a minute of every release build
            swiftSettings: [.unsafeFlags(["-Onone"], .when(configuration: .release))]),
        .testTarget(name: "NNCoreTests", dependencies: ["NNCore"]),
        .testTarget(name: "NNTUITests", dependencies: ["NNTUI", "NNCore"]),
    ],
    swiftLanguageModes: [.v6]
)
