import Fluent
import Store

extension Store {
    /// The store of a Fluent database: both drivers the server configures (SQLite, PostgreSQL)
    /// are SQL databases.
    init(_ database: any Database) {
        self.init(sqlDatabase: database)!
    }
}
