/// Content types the walk can start empty (`String`, `[WordDocument.Block]`).
protocol DefaultConstructible { init() }
extension String: DefaultConstructible {}
extension Array: DefaultConstructible {}
