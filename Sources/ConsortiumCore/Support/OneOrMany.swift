/// One element held inline, or several in an array: the value of an index whose keys nearly all
/// have one (docs/performance.md: an array per key costs a heap allocation of its own). Never empty.
public enum OneOrMany<Element> {
    case one(Element)
    case many([Element])

    /// Nil when `elements` is empty.
    public init?(_ elements: [Element]) {
        switch elements.count {
        case 0: return nil
        case 1: self = .one(elements[0])
        default: self = .many(elements)
        }
    }

    public var all: [Element] {
        switch self {
        case .one(let element): [element]
        case .many(let elements): elements
        }
    }

    /// The last element that satisfies `predicate`.
    public func last(where predicate: (Element) -> Bool) -> Element? {
        switch self {
        case .one(let element): predicate(element) ? element : nil
        case .many(let elements): elements.last(where: predicate)
        }
    }

    /// Inserts `element` before the elements that `before` accepts, which must come last (the
    /// elements are in order), else last. In place and looking from the end: a key held by many
    /// (a unit named by every consortium) must neither copy nor scan its array each time.
    public mutating func insert(_ element: Element, before: (Element) -> Bool = { _ in false }) {
        switch self {
        case .one(let first):
            self = .many(before(first) ? [element, first] : [first, element])
        case .many(var elements):
            self = .one(element)  // lets go of the array, so that `elements` is its only holder
            var at = elements.count
            while at > 0, before(elements[at - 1]) { at -= 1 }
            elements.insert(element, at: at)
            self = .many(elements)
        }
    }

    /// The elements that `isIncluded` accepts; nil when none is.
    public func filter(_ isIncluded: (Element) -> Bool) -> OneOrMany? {
        OneOrMany(all.filter(isIncluded))
    }
}

extension OneOrMany: Sendable where Element: Sendable {}
