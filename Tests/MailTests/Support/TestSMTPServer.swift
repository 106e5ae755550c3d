import Foundation

/// The aiosmtpd server of Resources/smtp_server.py, run as a child process for one test.
final class TestSMTPServer {
    /// How the server is set up; the cases map to the script's flags.
    struct Options {
        var tls: TLS = .none
        var credentials: (user: String, password: String)?
        var loginOnly = false
        var rejectedRecipients: [String] = []

        enum TLS {
            case none, startTLS, implicit
        }
    }

    /// A message as the server stored it.
    struct ReceivedMessage {
        /// The envelope and session facts the server recorded.
        struct Record: Decodable {
            let mailFrom: String
            let rcptTos: [String]
            let tls: Bool
            let auth: Auth?

            enum CodingKeys: String, CodingKey {
                case mailFrom = "mail_from", rcptTos = "rcpt_tos", tls, auth
            }
        }

        struct Auth: Decodable {
            let user: String
            let mechanism: String
        }

        let record: Record
        /// The content file, as received after dot-unstuffing.
        let file: URL
    }

    let port: Int
    /// The server's certificate, when it speaks TLS; trust it in the client.
    let certificate: URL?
    private let directory: URL
    private let process: Process
    private let input: Pipe

    private init(port: Int, certificate: URL?, directory: URL, process: Process, input: Pipe) {
        self.port = port
        self.certificate = certificate
        self.directory = directory
        self.process = process
        self.input = input
    }

    /// Starts the server and waits until it listens.
    static func start(_ options: Options = Options()) async throws -> TestSMTPServer {
        let python = try await ExternalTools.python()
        let directory = try ExternalTools.makeTemporaryDirectory()
        var arguments = [try ExternalTools.resource("smtp_server.py").path, "--directory", directory.path]
        var certificate: URL?
        if options.tls != .none {
            let files = try await ExternalTools.makeSelfSignedCertificate(in: directory)
            certificate = files.certificate
            arguments += ["--cert", files.certificate.path, "--key", files.key.path]
            arguments.append(options.tls == .startTLS ? "--starttls" : "--implicit-tls")
        }
        if let credentials = options.credentials {
            arguments += ["--user", credentials.user, "--password", credentials.password]
        }
        if options.loginOnly {
            arguments.append("--login-only")
        }
        for recipient in options.rejectedRecipients {
            arguments += ["--reject", recipient]
        }

        let process = Process()
        process.executableURL = python
        process.arguments = arguments
        let input = Pipe()
        let output = Pipe()
        let log = directory.appendingPathComponent("server.log")
        try Data().write(to: log)
        process.standardInput = input
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()

        let firstLine = try await readLine(from: output.fileHandleForReading, orTerminate: process)
        guard firstLine.hasPrefix("PORT "), let port = Int(firstLine.dropFirst(5)) else {
            process.terminate()
            let logText = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw CommandFailed(command: "smtp_server.py", status: process.terminationStatus, standardError: "printed '\(firstLine)'; log: \(logText)")
        }
        return TestSMTPServer(port: port, certificate: certificate, directory: directory, process: process, input: input)
    }

    /// The messages received so far (in no particular order).
    func receivedMessages() throws -> [ReceivedMessage] {
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        return try files.filter { $0.pathExtension == "json" }.map { recordFile in
            ReceivedMessage(
                record: try JSONDecoder().decode(ReceivedMessage.Record.self, from: Data(contentsOf: recordFile)),
                file: recordFile.deletingPathExtension().appendingPathExtension("eml")
            )
        }
    }

    /// Stops the server (closing its standard input ends it) and removes its files.
    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Reads the first line the process prints; kills it if nothing comes within 20 seconds.
    private static func readLine(from handle: FileHandle, orTerminate process: Process) async throws -> String {
        let watchdog = DispatchWorkItem { process.terminate() }
        DispatchQueue.global().asyncAfter(deadline: .now() + 20, execute: watchdog)
        defer { watchdog.cancel() }
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var line = Data()
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty {
                        break
                    }
                    line.append(chunk)
                    if line.contains(UInt8(ascii: "\n")) {
                        break
                    }
                }
                let text = String(decoding: line, as: UTF8.self)
                continuation.resume(returning: String(text.prefix { $0 != "\n" }))
            }
        }
    }
}
