/// One element held inline, or several in an array: the value of an index whose keys nearly all
/// have one (issue 6: an array per key costs a heap allocation of its own). Never empty.
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

    /// With `element` inserted before the first element that `before` accepts (else last).
    public func inserting(_ element: Element, before: (Element) -> Bool = { _ in false }) -> OneOrMany {
        var elements = all
        elements.insert(element, at: elements.firstIndex(where: before) ?? elements.count)
        return .many(elements)
    }

    /// The elements that `isIncluded` accepts; nil when none is.
    public func filter(_ isIncluded: (Element) -> Bool) -> OneOrMany? {
        OneOrMany(all.filter(isIncluded))
    }
}

extension OneOrMany: Sendable where Element: Sendable {}
