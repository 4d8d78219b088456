// swift-tools-version: 6.1
import PackageDescription

// Targets are split by dependency weight (see ../shared/STYLE.md §1): only the
// store target imports GRDB, only the ingest target links libxml2.
let swiftSettings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
  name: "Sitrep",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "sitrep", targets: ["sitrep"]),
    .library(name: "SitrepModel", targets: ["SitrepModel"]),
    .library(name: "SitrepIngest", targets: ["SitrepIngest"]),
    .library(name: "SitrepStoreSQLite", targets: ["SitrepStoreSQLite"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
  ],
  targets: [
    .target(name: "SitrepModel", swiftSettings: swiftSettings),
    .systemLibrary(
      name: "CLibXML2", pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]),
    .target(
      name: "SitrepIngest",
      dependencies: ["SitrepModel", "CLibXML2"],
      resources: [.copy("Resources")],
      swiftSettings: swiftSettings),
    .target(name: "SitrepText", dependencies: ["SitrepModel"], swiftSettings: swiftSettings),
    .target(
      name: "SitrepLexicon",
      dependencies: ["SitrepModel", "SitrepText"],
      resources: [.copy("Resources")],
      swiftSettings: swiftSettings),
    .target(
      name: "SitrepAnnotate",
      dependencies: ["SitrepModel", "SitrepText", "SitrepLexicon"],
      swiftSettings: swiftSettings),
    .target(
      name: "SitrepExtract",
      dependencies: ["SitrepModel", "SitrepText", "SitrepLexicon", "SitrepAnnotate"],
      swiftSettings: swiftSettings),
    .target(name: "SitrepResolve", dependencies: ["SitrepModel"], swiftSettings: swiftSettings),
    .target(
      name: "SitrepStoreSQLite",
      dependencies: [
        "SitrepModel", "SitrepLexicon", "SitrepResolve",
        .product(name: "GRDB", package: "GRDB.swift"),
      ],
      swiftSettings: swiftSettings),
    .target(
      name: "SitrepPipeline",
      dependencies: ["SitrepModel", "SitrepLexicon", "SitrepIngest", "SitrepExtract", "SitrepStoreSQLite", "SitrepExport"],
      swiftSettings: swiftSettings),
    // the only targets importing Hummingbird (STYLE.md §1)
    .target(
      name: "SitrepServe",
      dependencies: [
        "SitrepModel", "SitrepLexicon", "SitrepIngest", "SitrepStoreSQLite", "SitrepExport", "SitrepPipeline",
        "SitrepReport",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Logging", package: "swift-log"),
      ],
      resources: [.copy("Resources")],
      swiftSettings: swiftSettings),
    .target(
      name: "SitrepExport", dependencies: ["SitrepModel", "SitrepLexicon"], swiftSettings: swiftSettings),
    .target(
      name: "SitrepReport", dependencies: ["SitrepModel", "SitrepLexicon", "SitrepExport"],
      swiftSettings: swiftSettings),
    .target(name: "SitrepTestSupport", swiftSettings: swiftSettings),
    .executableTarget(
      name: "sitrep",
      dependencies: [
        "SitrepModel", "SitrepIngest", "SitrepStoreSQLite", "SitrepExtract", "SitrepExport", "SitrepReport",
        "SitrepPipeline", "SitrepServe",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "SitrepTextTests",
      dependencies: ["SitrepText", "SitrepModel", "SitrepLexicon"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "SitrepAnnotateTests",
      dependencies: ["SitrepAnnotate", "SitrepLexicon", "SitrepModel"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "SitrepExtractTests",
      dependencies: ["SitrepExtract", "SitrepLexicon", "SitrepModel", "SitrepIngest", "SitrepTestSupport"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "EndToEndTests",
      dependencies: ["SitrepTestSupport"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "SitrepModelTests",
      dependencies: ["SitrepModel"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "SitrepIngestTests",
      dependencies: ["SitrepIngest", "SitrepModel", "SitrepTestSupport"],
      resources: [.copy("Fixtures")],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "SitrepStoreSQLiteTests",
      dependencies: ["SitrepStoreSQLite", "SitrepIngest", "SitrepModel", "SitrepTestSupport"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "SitrepExportTests",
      dependencies: ["SitrepExport", "SitrepModel", "SitrepLexicon", "SitrepTestSupport"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "SitrepReportTests",
      dependencies: ["SitrepReport", "SitrepExport", "SitrepModel", "SitrepLexicon", "SitrepTestSupport"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "SitrepServeTests",
      dependencies: [
        "SitrepServe", "SitrepStoreSQLite", "SitrepIngest", "SitrepPipeline", "SitrepModel", "SitrepReport",
        "SitrepTestSupport",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "SitrepCLITests",
      dependencies: ["SitrepStoreSQLite", "SitrepModel", "SitrepLexicon", "SitrepText", "SitrepTestSupport"],
      swiftSettings: swiftSettings),
  ]
)
