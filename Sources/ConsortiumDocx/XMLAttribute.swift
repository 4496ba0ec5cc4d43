/// One attribute of an element, its value with entities resolved and whitespace normalised.
struct XMLAttribute: Equatable {
    var name: String
    var value: String
}

extension [XMLAttribute] {
    subscript(_ name: String) -> String? { first { $0.name == name }?.value }
}
