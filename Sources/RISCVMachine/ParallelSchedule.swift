#if canImport(Glibc)
import Glibc
#endif
import CGuestAtomics
import RISCVCore
import Synchronization

/// `--parallel`: each hart on a host thread of its own, running quantum after quantum. Between its
/// quanta a hart advances the CLINT's clock by what it ran and services HTIF (one hart at a time);
/// a guest exit, an HTIF error or the instruction limit stops every hart at its next quantum end.
///
/// What keeps this correct: AMOs and SC are host atomics; LR reservations live in a shared
/// `ReservationSet` that other harts' stores break; device interrupt bits are set atomically; a
/// store to code clears the storing hart's decoded copy at once and the others' between quanta and
/// at FENCE.I; FENCE is a host fence.
final class ParallelSchedule: @unchecked Sendable {
    private let harts: [Hart]
    private let clint: CLINT
    private let htif: HostInterface?
    /// Held while a hart services HTIF.
    private let hostLock = Mutex(())
    private let limit: UInt64?
    private let stopping = Atomic<Bool>(false)
    private let executed = Atomic<UInt64>(0)
    /// Harts other than the first that have run their first quantum.
    private let started = Atomic<Int>(0)
    private let outcome = Mutex<Result<UInt64, MachineError>?>(nil)

    init(harts: [Hart], memory: PhysicalMemory, clint: CLINT, htif: HostInterface?, limit: UInt64?) {
        self.harts = harts
        self.clint = clint
        self.htif = htif
        self.limit = limit
        memory.concurrentHarts = true
        let reservations = ReservationSet(harts: harts.count)
        for (slot, hart) in harts.enumerated() { hart.shareReservations(reservations, slot: slot) }
    }

    /// Runs all harts to the end. Returns the guest's exit code, or nil when the instruction limit
    /// stopped the run.
    func run() throws(MachineError) -> UInt64? {
        let threads = harts.indices.map { index in HostThread { self.runHart(index) } }
        for thread in threads { thread.join() }
        switch outcome.withLock({ $0 }) {
        case .success(let code): return code
        case .failure(let error): throw error
        case nil: return nil
        }
    }

    private func runHart(_ index: Int) {
        let hart = harts[index]
        let quantum = UInt64(Machine.quantum)
        if index == 0 {
            // The first hart starts once every other hart has run a quantum, as in the round-robin
            // schedule: start-up code that waits a bounded time for the others to appear (to count
            // them) then sees them all, however the host schedules the threads.
            while started.load(ordering: .acquiring) < harts.count - 1 && !stopping.load(ordering: .relaxed) { sched_yield() }
        }
        var first = index != 0
        while !stopping.load(ordering: .relaxed) {
            hart.step(Machine.quantum)
            if first {
                started.add(1, ordering: .releasing)
                first = false
            }
            // Time passes a full quantum even for a waiting hart, as in Spike's rounds.
            clint.advance(instructions: quantum)
            serviceHost()
            // The limit counts work done (in quanta), not the turns a waiting hart idles through.
            if let limit, executed.add(hart.inWFI ? 1 : quantum, ordering: .relaxed).newValue >= limit {
                stopping.store(true, ordering: .relaxed)
            }
            if hart.inWFI {
                // Leave the host core to harts with work; an interrupt is seen within microseconds.
                var pause = timespec(tv_sec: 0, tv_nsec: 20_000)
                nanosleep(&pause, nil)
            }
        }
    }

    /// Spike's HTIF loop body, for whichever hart gets here: answer tohost until it is empty.
    private func serviceHost() {
        guard let htif else { return }
        hostLock.withLock { _ in
            do throws(MachineError) {
                while try htif.poll() { htif.deliverResponses() }
                htif.deliverResponses()
                if let code = htif.exitCode { finish(.success(code)) }
            } catch {
                finish(.failure(error))
            }
        }
    }

    private func finish(_ result: Result<UInt64, MachineError>) {
        outcome.withLock { if $0 == nil { $0 = result } }
        stopping.store(true, ordering: .relaxed)
    }
}

/// A host thread running `body`, joined by `join`.
final class HostThread {
    private var thread = pthread_t()

    init(_ body: @escaping () -> Void) {
        let box = Unmanaged.passRetained(Body(body)).toOpaque()
        let created = pthread_create(&thread, nil, { context in
            Unmanaged<Body>.fromOpaque(context!).takeRetainedValue().run()
            return nil
        }, box)
        precondition(created == 0, "cannot create a host thread for a hart")
    }

    func join() { pthread_join(thread, nil) }

    private final class Body {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }
}
