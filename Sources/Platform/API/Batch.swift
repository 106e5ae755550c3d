import Domain
import Foundation
import Store
import Vapor

/// Whether a write stored something new or found it stored before (a retry, answered the same).
enum WriteOutcome: String, Codable, CaseIterable, Sendable { case created, duplicate }

/// Batches of independent items (shipments, events): each item is stored or rejected on its
/// own, and the answer says which, item by item.
enum Batch {
    static let maximumItems = 1000

    /// The result of one item of a batch: stored, already stored (a retry), or rejected with why.
    struct ItemResult: Content {
        var index: Int
        var outcome: String
        var id: String?
        var problem: Problem.Body?

        init(index: Int, outcome: String, id: String? = nil, problem: Problem.Body? = nil) {
            (self.index, self.outcome, self.id, self.problem) = (index, outcome, id, problem)
        }

        /// An item refused with `problem`.
        init(index: Int, problem: Problem) {
            self.init(index: index, outcome: "rejected", problem: problem.body(instance: nil))
        }

        /// An item refused with `error` when it is the client's; any other error is rethrown.
        init(rejected error: any Error, index: Int) throws {
            guard let problem = Problem(clientError: error) else { throw error }
            self.init(index: index, problem: problem)
        }
    }

    struct Result: Content {
        var results: [ItemResult]
        var created: Int
        var duplicates: Int
        var rejected: Int

        init(_ results: [ItemResult]) {
            self.results = results
            created = results.filter { $0.outcome == "created" }.count
            duplicates = results.filter { $0.outcome == "duplicate" }.count
            rejected = results.filter { $0.outcome == "rejected" }.count
        }
    }

    /// Items of a batch are independent: each is stored or rejected on its own, and the answer
    /// says which, item by item. `prepare` checks an item before the transaction (reads only);
    /// `save` stores it inside one transaction for the batch, an item whose saving fails part-way
    /// rolled back alone (a savepoint).
    static func run<Item: Sendable, Prepared: Sendable>(
        _ items: [Item], request: Request, path: String,
        prepare: (Item, String, Store) async throws -> Prepared,
        save: @escaping @Sendable (Prepared, String, Store) async throws -> (id: String, outcome: WriteOutcome)
    ) async throws -> Result {
        guard items.count <= maximumItems else { throw Problem.badRequest("\(path): at most \(maximumItems) items per batch") }
        var results: [ItemResult?] = Array(repeating: nil, count: items.count)
        var prepared: [(Int, Prepared)] = []
        for (index, item) in items.enumerated() {
            do {
                prepared.append((index, try await prepare(item, "\(path)[\(index)]", Store(request.db))))
            } catch {
                results[index] = try ItemResult(rejected: error, index: index)
            }
        }
        let ready = prepared
        let saved = try await Store(request.db).transaction { store in
            var saved: [ItemResult] = []
            for (index, item) in ready {
                do {
                    let itemPath = "\(path)[\(index)]"
                    let (id, outcome) = try await store.savepoint { try await save(item, itemPath, store) }
                    saved.append(ItemResult(index: index, outcome: outcome.rawValue, id: id))
                } catch {
                    saved.append(try ItemResult(rejected: error, index: index))
                }
            }
            return saved
        }
        for result in saved { results[result.index] = result }
        return Result(results.compactMap { $0 })
    }
}
