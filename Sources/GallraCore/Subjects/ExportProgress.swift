/// How far a subject export has come, for a page that shows it while the work goes on.
public enum ExportProgress: Hashable, Sendable {
    /// The records of Gallra's store, opened one by one.
    case records(done: Int, total: Int)
    /// The person's rows in the connected databases.
    case connected
    /// The copy being written.
    case finishing
}
