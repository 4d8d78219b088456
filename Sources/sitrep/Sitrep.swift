import ArgumentParser
import Foundation
import Logging

@main
struct Sitrep: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sitrep",
    abstract: "Turn news articles about armed conflict into a dated, geocoded, source-attributed event database.",
    version: "0.1.0",
    subcommands: [
      Ingest.self, Extract.self, Events.self, Contradictions.self, Export.self, Report.self, BasemapCommand.self,
      Explain.self, Merge.self, Split.self, Review.self, Serve.self, Annotate.self, Gazetteer.self, Articles.self,
      Show.self, Runs.self, Bench.self,
    ])

  static func main() async {
    LoggingSystem.bootstrap { label in
      var handler = StreamLogHandler.standardError(label: label)
      handler.logLevel = ProcessInfo.processInfo.environment["SITREP_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .warning
      return handler
    }
    do {
      var command = try parseAsRoot()
      if var command = command as? any AsyncParsableCommand {
        try await command.run()  // serve
      } else {
        try command.run()
      }
    } catch {
      // Usage errors exit with 2 (argument-parser's default is 64).
      if exitCode(for: error) == .validationFailure {
        // a ValidationError thrown while running names the problem; the root usage would mislead
        let text = error is ValidationError ? "Error: \(message(for: error))\nSee 'sitrep help' for the commands and their options." : fullMessage(for: error)
        FileHandle.standardError.write(Data((text + "\n").utf8))
        exit(withError: ExitCode(2))
      }
      exit(withError: error)
    }
  }
}

/// Options every command that opens the store shares.
struct StoreOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("The SQLite database file.", valueName: "FILE"))
  var db: String = "sitrep.db"
}
