/// What a notice is about regardless of its stage (consortium, rule, subject): a notice that
/// leaves the open set while another stage of the same subject is open was superseded, not resolved.
struct NoticeSubject: Hashable, Sendable {
    var consortium: String
    var rule: String
    var subject: String
}
