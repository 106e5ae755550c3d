import Foundation
import Logging
import Vapor

/// Runs a platform server process until it is stopped (SIGINT/SIGTERM). Stopping is ordered,
/// so a rolling deploy loses and breaks nothing: the server stops accepting connections and
/// answers the requests in flight (at most `shutdownGrace`), the planning worker ends its
/// search and gives its plan back to the queue, and only then are the databases closed.
public enum PlatformServer {
    public enum LogFormat: String, Sendable, CaseIterable { case text, json }

    public static func run(_ configuration: PlatformConfiguration, hostname: String, port: Int, logLevel: Logger.Level, logFormat: LogFormat) async throws {
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = logFormat == .json ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
            handler.logLevel = logLevel
            return handler
        }
        let app = try await Application.make(Environment(name: "production", arguments: ["samlast"]))
        app.http.server.configuration.hostname = hostname
        app.http.server.configuration.port = port
        app.http.server.configuration.shutdownTimeout = .milliseconds(Int64(configuration.shutdownGrace / .milliseconds(1)))
        do {
            try await configurePlatform(app, configuration)
            try await app.execute()
            app.logger.notice("stopping: answering the requests in flight, then closing the databases")
            await app.server.shutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        app.logger.notice("stopped")
    }
}

/// One JSON object per log line on standard error: time, level, label, message, metadata.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var fields: [String: String] = ["time": Wire.format(Date(), in: .gmt), "level": event.level.rawValue, "label": label,
                                        "message": event.message.description]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) { fields[key] = value.description }
        if let error = event.error { fields["error"] = String(describing: error) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard var data = try? encoder.encode(fields) else { return }
        data.append(0x0A)
        FileHandle.standardError.write(data)
    }
}
