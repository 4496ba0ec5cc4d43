/// ConsortiumCore: the pure domain of consortiumd (documents, rules, evaluation).
/// No file system, no clock, no globals, no logging: `today` is always a parameter.
public enum ConsortiumCore {
    /// The version of the inbox document contract this library implements.
    public static let documentVersion = 1
}
