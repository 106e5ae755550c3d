import Foundation

/// A local SMTP server that keeps what it receives: aiosmtpd's Maildir handler on a loopback
/// port, run by Debian's python3, named by its path since that is the interpreter scripts/test
/// installs python3-aiosmtpd for (a python3 earlier on PATH, such as pyenv's, may lack it).
/// For tests that send mail through a real SMTP conversation and read back what arrived.
public final class SMTPSink: @unchecked Sendable {  // the process is only started and stopped
    public let port: Int
    private let directory: URL
    private let process: Process

    private init(port: Int, directory: URL, process: Process) {
        (self.port, self.directory, self.process) = (port, directory, process)
    }

    public static let python = "/usr/bin/python3"

    /// Starts a sink on a free port and waits until it accepts connections.
    public static func start() async throws -> SMTPSink {
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw ExternalTools.Failure(description: "\(python) is missing; the notice tests run aiosmtpd with it (apt-get install python3-aiosmtpd)")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("samlast-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let port = Int.random(in: 30_000...59_000)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "aiosmtpd.handlers.Mailbox",
                             directory.appendingPathComponent("maildir").path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let sink = SMTPSink(port: port, directory: directory, process: process)
        for _ in 0..<100 {
            if !process.isRunning { throw ExternalTools.Failure(description: "aiosmtpd stopped at once (is python3-aiosmtpd installed?)") }
            if Self.accepts(port: port) { return sink }
            try await Task.sleep(for: .milliseconds(100))
        }
        await sink.stop()
        throw ExternalTools.Failure(description: "aiosmtpd did not listen on 127.0.0.1:\(port) within 10 s")
    }

    /// The messages received so far, as their raw RFC 5322 text.
    public func messages() -> [String] {
        let new = directory.appendingPathComponent("maildir/new")
        let files = (try? FileManager.default.contentsOfDirectory(at: new, includingPropertiesForKeys: nil)) ?? []
        return files.sorted { $0.lastPathComponent < $1.lastPathComponent }.compactMap { try? String(contentsOf: $0, encoding: .utf8) }
    }

    /// Stops the server — SIGTERM, then SIGKILL after 5 s — and removes what it received.
    /// (Waiting with `Process.waitUntilExit` from a task can block the test for good.)
    public func stop() async {
        if process.isRunning { process.terminate() }
        for _ in 0..<50 where process.isRunning { try? await Task.sleep(for: .milliseconds(100)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: directory)
    }

    private static func accepts(port: Int) -> Bool {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}

/// Reading a received message: its headers and its text decoded from quoted-printable.
public enum ReceivedMail {
    /// The value of the first header `name` (unfolded).
    public static func header(_ name: String, of message: String) -> String? {
        let head = message.components(separatedBy: "\n\n").first ?? message
        let unfolded = head.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n ", with: " ").replacingOccurrences(of: "\n\t", with: " ")
        let prefix = name.lowercased() + ":"
        return unfolded.split(separator: "\n").first { $0.lowercased().hasPrefix(prefix) }
            .map { $0.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces) }
    }

    /// The whole message with quoted-printable soft breaks and escapes decoded (as UTF-8).
    public static func decodedText(_ message: String) -> String {
        let joined = message.replacingOccurrences(of: "=\r\n", with: "").replacingOccurrences(of: "=\n", with: "")
        var bytes: [UInt8] = []
        var utf8 = Array(joined.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "="), utf8.count >= 2, let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
