import Foundation
import Synchronization
import Testing

@testable import ConsortiumCore

@Suite("Parallel for")
struct ParallelForTests {
    @Test(arguments: [0, 1, 63, 64, 65, 1000, 10_007])
    func mapKeepsTheInputOrder(count: Int) {
        let items = (0..<count).map { $0 * 7 + 3 }
        for threads in [1, 2, 3, 8] {
            for grain in [1, 5, 64] {
                let mapped = ParallelFor.map(items, threads: threads, grain: grain) { "\($0 * 2)" }
                #expect(mapped == items.map { "\($0 * 2)" }, "threads \(threads), grain \(grain)")
            }
        }
    }

    @Test func runVisitsEveryIndexExactlyOnce() {
        let count = 5000
        let visits = UnsafeMutableBufferPointer<Int>.allocate(capacity: count)
        visits.initialize(repeating: 0)
        defer { visits.deallocate() }
        nonisolated(unsafe) let output = visits
        ParallelFor.run(count, threads: 4, grain: 3) { index in output[index] += 1 }
        #expect(visits.allSatisfy { $0 == 1 })
    }

    /// `concurrently` runs its two parts at the same time (the background part waits for the
    /// foreground one: in sequence it would wait forever, so it gives up after 10 s and says so),
    /// returns the background's result, and when the foreground throws, rethrows after the
    /// background part has finished.
    @Test func concurrentlyRunsBothAtOnceAndJoinsBeforeRethrowing() throws {
        let signal = Atomic<Bool>(false)
        let result = ParallelFor.concurrently({ () -> String in
            let deadline = ContinuousClock.now + .seconds(10)
            while !signal.load(ordering: .acquiring) {
                if ContinuousClock.now > deadline { return "not at the same time" }
                usleep(100)
            }
            return "done"
        }) { signal.store(true, ordering: .releasing) }
        #expect(result == "done")
        struct Failure: Error {}
        let finished = Atomic<Bool>(false)
        #expect(throws: Failure.self) {
            _ = try ParallelFor.concurrently({
                usleep(20_000)
                finished.store(true, ordering: .releasing)
            }) { throw Failure() }
        }
        let done = finished.load(ordering: .acquiring)
        #expect(done, "rethrown before the background part finished")
    }

    @Test func threadsRunAtTheSameTime() {
        // Index 0 waits until another index is done. Run one after the other, it would wait for
        // ever (here: gives up after 30 s); on two threads the other thread takes index 1.
        let done = Atomic<Int>(0)
        let waitedFor = Atomic<Bool>(false)
        let threads = Mutex<Set<UInt>>([])
        ParallelFor.run(2, threads: 2, grain: 1) { index in
            threads.withLock { _ = $0.insert(UInt(bitPattern: Int(bitPattern: pthread_self()))) }
            if index == 0 {
                let start = ContinuousClock.now
                while done.load(ordering: .acquiring) == 0, ContinuousClock.now - start < .seconds(30) { sched_yield() }
                waitedFor.store(done.load(ordering: .acquiring) > 0, ordering: .releasing)
            } else {
                done.add(1, ordering: .releasing)
            }
        }
        let sawTheOther = waitedFor.load(ordering: .acquiring)
        let threadCount = threads.withLock { $0.count }
        #expect(sawTheOther)
        #expect(threadCount == 2)
    }

    @Test(arguments: [1, 2, 3])
    func joinedKeepsTheOrderAndEmptiesTheParts(threads: Int) {
        final class Box {
            let value: Int
            init(_ value: Int) { self.value = value }
        }
        var parts = (0..<1000).map { part in (0..<(part % 7)).map { Box(part * 10 + $0) } }
        let expected = parts.flatMap { $0.map(\.value) }
        var weakBoxes: [() -> Box?] = []
        do {
            let joined = ParallelFor.joined(&parts, threads: threads)
            #expect(joined.map(\.value) == expected)
            #expect(parts.isEmpty)
            weakBoxes = joined.map { box in { [weak box] in box } }
        }
        #expect(weakBoxes.allSatisfy { $0() == nil })
        var none: [[Int]] = [[], []]
        #expect(ParallelFor.joined(&none, threads: threads).isEmpty)
    }

    @Test func resultsAreReleasedWithTheArray() {
        final class Box {
            let value: Int
            init(_ value: Int) { self.value = value }
        }
        var weakBoxes: [() -> Box?] = []
        do {
            let boxes = ParallelFor.map(Array(0..<777), threads: 3, grain: 10) { Box($0) }
            #expect(boxes.map(\.value) == Array(0..<777))
            weakBoxes = boxes.map { box in { [weak box] in box } }
        }
        #expect(weakBoxes.allSatisfy { $0() == nil })
    }
}
