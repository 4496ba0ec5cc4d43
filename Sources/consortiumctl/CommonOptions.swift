import ArgumentParser
import ConsortiumCore
import ConsortiumStore
import Foundation

/// `--config PATH` and `--json`, taken by every command.
struct CommonOptions: ParsableArguments {
    static let defaultConfigPath = "/etc/consortiumd/consortiumd.yaml"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "配置文件 / config file (默认 default: /etc/consortiumd/consortiumd.yaml; 文件不存在时用默认值 / absent: defaults).",
            valueName: "PATH"
        )
    )
    var config: String?

    @Flag(name: .long, help: "输出 JSON / print JSON.")
    var json = false

    /// Reads the config: an absent file means the defaults; an unreadable or invalid one is an
    /// error (exit 2). When an explicitly given `--config` is absent, a warning goes to stderr.
    func loadConfig() throws -> ConsortiumConfig {
        let path = config ?? Self.defaultConfigPath
        let bytes: [UInt8]
        switch FileAccess.readConfig(path) {
        case .missing:
            if config != nil {
                Console.error("注意：配置文件 \(path) 不存在，使用默认配置 / note: config file \(path) does not exist; using the defaults")
            }
            return .defaults
        case .failure(let zh, let en):
            Console.error("无法读取配置文件 \(path)：\(zh) / cannot read config file \(path): \(en)")
            throw ExitCode(ExitStatus.usage)
        case .bytes(let data):
            bytes = data
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let text = String(validating: body, as: UTF8.self) else {
            Console.error("配置文件 \(path) 不是 UTF-8 文本 / config file \(path) is not UTF-8 text")
            throw ExitCode(ExitStatus.usage)
        }
        do {
            return try ConsortiumConfig.parse(text)
        } catch {
            Console.error("\(path): \(error.description)")
            throw ExitCode(ExitStatus.usage)
        }
    }

    /// What evaluating consortium `id` needs (`ArchiveReader.documents(showing:)`): its documents,
    /// those of the consortia its findings depend on, and the Acknowledgements of its notices on
    /// `day`; every accepted document when the database does not have the relation tables filled
    /// in yet (a daemon from before them that has not started again).
    func loadState(_ config: ConsortiumConfig, showing id: ConsortiumID, on day: CivilDate) throws -> [RecordedDocument] {
        try loadState(config) { store in
            try ArchiveReader.documents(showing: id, store, config: config) { documents in
                Evaluator.evaluate(documents, on: day, policies: config.policy, keeping: .noticesAndPending).notices(of: id).map(\.id)
            }
        }
    }

    /// The daemon's resident model of its state on `day` (`ResidentModel.load`: each consortium
    /// replayed, the decoded documents never all held at once); nil when the daemon has not run yet.
    func residentModel(_ config: ConsortiumConfig, on day: CivilDate) throws -> ResidentModel? {
        var model: ResidentModel?
        try withStore(config) { store in model = try ResidentModel.load(store, config: config, through: day, sharingUnits: false) }
        return model
    }

    /// Each consortium of the daemon's state on `day`, one at a time (`ResidentModel.forEachConsortium`:
    /// its stored state, else replayed from the archive); none when the daemon has not run yet.
    func forEachConsortium(_ config: ConsortiumConfig, on day: CivilDate, _ body: (ResidentConsortium) throws -> Void) throws {
        try withStore(config) { store in try ResidentModel.forEachConsortium(store, config: config, through: day, body) }
    }

    /// `body` with the daemon's database, read-only (not called when there is none); a failure
    /// to read it or the archive is reported and exits 2.
    private func withStore(_ config: ConsortiumConfig, _ body: (Store) throws -> Void) throws {
        do {
            guard let store = try StateLoader.openStore(config) else { return }
            defer { store.close() }
            try body(store)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Console.error(StateError.unreadable(StateLoader.databasePath(config), String(describing: error)).description)
            throw ExitCode(ExitStatus.usage)
        }
    }

    /// What `part` reads from the daemon's database; every accepted document when it gives nil;
    /// none when the daemon has not run yet.
    private func loadState(_ config: ConsortiumConfig, _ part: (Store) throws -> [RecordedDocument]?) throws -> [RecordedDocument] {
        var documents: [RecordedDocument] = []
        try withStore(config) { store in documents = try part(store) ?? ArchiveReader.documents(store, config: config) }
        return documents
    }

    /// What checking `candidates` needs (`ArchiveReader.documents(checking:)`); every accepted
    /// document when the database does not have the relation tables filled in yet.
    func loadState(_ config: ConsortiumConfig, checking candidates: [Document]) throws -> [RecordedDocument] {
        try loadState(config) { store in try ArchiveReader.documents(checking: candidates, store, config: config) }
    }

    /// What the daemon recorded of the documents that `candidates`' Withdrawals name, when they
    /// are not among those `loadState(checking:)` reads (another consortium's document): such a
    /// Withdrawal is rejected at once, as the daemon rejects it.
    func withdrawalTargets(_ config: ConsortiumConfig, of candidates: [Document]) throws -> [String: Intake.Target] {
        var targets: [String: Intake.Target] = [:]
        try withStore(config) { store in
            for case .withdrawal(let withdrawal) in candidates.map(\.body) {
                guard let row = try store.document(sha256: withdrawal.document), let kind = DocumentKind(rawValue: row.kind),
                    let date = CivilDate(row.date)
                else { continue }
                targets[withdrawal.document] = Intake.Target(kind: kind, consortium: row.consortium, date: date)
            }
        }
        return targets
    }

    /// Today in the configured time zone.
    func today(_ config: ConsortiumConfig) -> CivilDate { CivilDate(Date(), timeZone: config.timeZone) }
}

extension CivilDate: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}
