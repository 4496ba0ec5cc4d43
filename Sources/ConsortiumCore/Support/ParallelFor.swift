import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small parallel-for on POSIX threads: no libdispatch (its worker pool arms a 1 Hz monitor
/// timer in the daemon, which must idle at 0.00 CPU s) and no Swift concurrency. The threads
/// are started for one call and joined before it returns; results keep the input's order.
public enum ParallelFor {
    /// Online processors (at least 1).
    public static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// Calls `body(index)` once for every index in `0..<count`, spread over up to `threads`
    /// threads (the calling thread is one of them). Indices are claimed in blocks of `grain` in
    /// ascending order; `body` must only touch its own index's output.
    public static func run(
        _ count: Int,
        threads: Int = processorCount,
        grain: Int = 64,
        _ body: (Int) -> Void
    ) {
        let grain = max(1, grain)
        let workers = min(max(1, threads), (count + grain - 1) / grain)
        guard workers > 1 else {
            for index in 0..<count { body(index) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let job = Job(count: count, grain: grain, body: body)
            // A thread that cannot be made: the job runs on fewer threads.
            let started = (1..<workers).compactMap { _ in Thread.start(job) }
            job.work()
            for thread in started { pthread_join(thread, nil) }
        }
    }

    /// `items.map(transform)` computed by `run`: the result at index i is `transform(items[i])`.
    public static func map<T, R>(
        _ items: [T],
        threads: Int = processorCount,
        grain: Int = 64,
        _ transform: (T) -> R
    ) -> [R] {
        guard items.count > grain, threads > 1 else { return items.map(transform) }
        return [R](unsafeUninitializedCapacity: items.count) { buffer, initialized in
            let base = buffer.baseAddress!
            items.withUnsafeBufferPointer { input in
                nonisolated(unsafe) let output = base
                run(input.count, threads: threads, grain: grain) { index in
                    (output + index).initialize(to: transform(input[index]))
                }
            }
            initialized = items.count
        }
    }

    /// The parts one after the other, copied by up to `threads` threads; `parts` is left empty,
    /// each part released by the thread that copied it (so neither step is serial).
    public static func joined<T>(_ parts: inout [[T]], threads: Int = processorCount) -> [T] {
        var offsets: [Int] = []
        offsets.reserveCapacity(parts.count)
        var total = 0
        for index in parts.indices {
            offsets.append(total)
            total += parts[index].count
        }
        let result = [T](unsafeUninitializedCapacity: total) { buffer, count in
            nonisolated(unsafe) let base = buffer.baseAddress
            parts.withUnsafeMutableBufferPointer { parts in
                nonisolated(unsafe) let parts = parts
                run(parts.count, threads: threads, grain: 256) { index in
                    parts[index].withUnsafeBufferPointer { part in
                        if let source = part.baseAddress, let base { (base + offsets[index]).initialize(from: source, count: part.count) }
                    }
                    parts[index] = []
                }
            }
            count = total
        }
        parts = []
        return result
    }

    /// `background()` on a thread of its own while `foreground()` runs on the calling thread;
    /// `background`'s result once both are done (also when `foreground` throws: the thread is
    /// joined first). Without a thread (pthread_create failed) `background` runs after `foreground`.
    public static func concurrently<A>(_ background: () -> A, _ foreground: () throws -> Void) rethrows -> A {
        try withoutActuallyEscaping(background) { background in
            let job = Single(background)
            let thread = Thread.start(job)
            do {
                defer { if let thread { pthread_join(thread, nil) } else { job.work() } }
                try foreground()
            }
            return job.result!
        }
    }

    /// What a thread of `run` or `concurrently` runs.
    private class Work: @unchecked Sendable {
        func work() {}
    }

    /// `concurrently`'s work and its result (read after the join).
    private final class Single<A>: Work, @unchecked Sendable {
        let body: () -> A
        var result: A?
        init(_ body: @escaping () -> A) { self.body = body }
        override func work() { result = body() }
    }

    private enum Thread {
        /// A thread running `job.work()`; nil when none could be made.
        static func start(_ job: Work) -> pthread_t? {
            let context = Unmanaged.passRetained(job).toOpaque()
            var thread = pthread_t()
            guard
                pthread_create(
                    &thread,
                    nil,
                    { raw in
                        Unmanaged<Work>.fromOpaque(raw!).takeRetainedValue().work()
                        return nil
                    },
                    context
                ) == 0
            else {
                Unmanaged<Work>.fromOpaque(context).release()
                return nil
            }
            return thread
        }
    }

    /// Shared by the threads of one `run`: the next unclaimed index and the work.
    private final class Job: Work, @unchecked Sendable {
        let count: Int
        let grain: Int
        let body: (Int) -> Void
        let next = Atomic<Int>(0)

        init(count: Int, grain: Int, body: @escaping (Int) -> Void) {
            self.count = count
            self.grain = grain
            self.body = body
        }

        override func work() {
            while true {
                let start = next.wrappingAdd(grain, ordering: .relaxed).oldValue
                if start >= count { return }
                for index in start..<min(count, start + grain) { body(index) }
            }
        }
    }
}
