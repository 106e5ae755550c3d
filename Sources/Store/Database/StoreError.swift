import PostgresNIO
import SQLiteNIO

/// What the store refuses, in terms a caller can turn into an answer.
public enum StoreError: Error, Sendable, Equatable {
    /// A record with this key exists already; the text names it (as the caller labelled it).
    case duplicate(String)
    /// The database was migrated by a newer release: this migration is unknown here.
    case newerSchema(String)
    /// What was asked for is taken or no longer in the state the request needs; the text says what.
    case conflict(String)

    /// Whether a database error is a violated uniqueness rule (a primary key or UNIQUE index).
    static func isUniqueViolation(_ error: any Error) -> Bool {
        if let error = error as? PSQLError { return error.serverInfo?[.sqlState] == "23505" }
        if let error = error as? SQLiteError {
            return [.constraintUniqueFailed, .constraintPrimaryKeyFailed].contains(error.reason)
        }
        return false
    }
}

extension StoreError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .duplicate(let what): "\(what) already exists"
        case .conflict(let what): what
        case .newerSchema(let migration):
            "the database was migrated by a newer release of Samlast (migration '\(migration)' is unknown to this one); run that release or a later one"
        }
    }
}
