import Foundation

/// A tool the integration tests need is missing; the test fails with this message rather than being skipped.
struct MissingTool: Error, CustomStringConvertible {
    let description: String
}

/// A command that ran and exited non-zero.
struct CommandFailed: Error, CustomStringConvertible {
    let command: String
    let status: Int32
    let standardError: String

    var description: String { "\(command) exited with \(status): \(standardError)" }
}

/// Locates and runs the external programs the tests use: python3 (with aiosmtpd) and openssl.
enum ExternalTools {
    /// The full path of `name` on PATH.
    static func locate(_ name: String) throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
        }
        throw MissingTool(description: "'\(name)' is not on PATH; the SMTP integration tests need it")
    }

    /// Debian's python3 (the interpreter scripts/test installs python3-aiosmtpd for; a python3
    /// earlier on PATH, such as pyenv's, may lack it), else the one on PATH; checked to have
    /// aiosmtpd once per test run.
    static func python() async throws -> URL {
        try await checkedPython.value
    }

    private static let checkedPython = Task {
        let debian = URL(fileURLWithPath: "/usr/bin/python3")
        let python = FileManager.default.isExecutableFile(atPath: debian.path) ? debian : try locate("python3")
        do {
            _ = try await run(python, ["-c", "import aiosmtpd"])
        } catch {
            throw MissingTool(description: "python3 at \(python.path) cannot import aiosmtpd (pip install aiosmtpd): \(error)")
        }
        return python
    }

    /// A self-signed certificate for `localhost` and 127.0.0.1 in `directory`: (certificate, key) PEM files.
    static func makeSelfSignedCertificate(in directory: URL) async throws -> (certificate: URL, key: URL) {
        let openssl = try locate("openssl")
        let certificate = directory.appendingPathComponent("cert.pem")
        let key = directory.appendingPathComponent("key.pem")
        _ = try await run(openssl, [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", key.path, "-out", certificate.path, "-days", "1", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
        ])
        return (certificate, key)
    }

    /// Runs a program to completion off the cooperative thread pool and returns its standard output.
    static func run(_ executable: URL, _ arguments: [String]) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try runBlocking(executable, arguments) })
            }
        }
    }

    private static func runBlocking(_ executable: URL, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandFailed(
                command: ([executable.lastPathComponent] + arguments).joined(separator: " "),
                status: process.terminationStatus,
                standardError: String(decoding: errorData, as: UTF8.self)
            )
        }
        return String(decoding: outputData, as: UTF8.self)
    }

    /// A new empty temporary directory.
    static func makeTemporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mail-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// The path of a file in the test bundle's Resources folder.
    static func resource(_ name: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources") else {
            throw MissingTool(description: "test resource \(name) is missing from the bundle")
        }
        return url
    }
}
