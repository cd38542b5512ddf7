#if canImport(Glibc)
import Glibc
#endif
import CLinuxHost

/// The guest's file descriptors, each backed by a host descriptor of its own, and the guest's view of
/// paths: the host's file system as it is, or (with `--chroot`) confined below one directory.
final class LinuxFileTable {
    private var descriptors: [Int32?]
    /// With `--chroot`: an open descriptor of the root and the guest's working directory ("/"-based).
    private let root: Int32?
    private(set) var workingDirectory = "/"

    /// Guest descriptors 0, 1 and 2 are duplicates of the given host ones.
    init(standardInput: Int32, standardOutput: Int32, standardError: Int32, root rootPath: String? = nil) throws(MachineError) {
        descriptors = [dup(standardInput), dup(standardOutput), dup(standardError)]
        if let rootPath {
            let fd = Glibc.open(rootPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard fd >= 0 else { throw MachineError("--chroot=\(rootPath): \(String(cString: strerror(errno)))") }
            // Confinement relies on openat2's RESOLVE_IN_ROOT (Linux 5.6).
            let probe = rvgem_open_in_root(fd, "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0)
            guard probe >= 0 else {
                Glibc.close(fd)
                throw MachineError("--chroot=\(rootPath): the host kernel cannot confine paths (openat2: \(String(cString: strerror(errno))))")
            }
            Glibc.close(probe)
            root = fd
        } else {
            root = nil
        }
    }

    deinit {
        for case let fd? in descriptors { Glibc.close(fd) }
        if let root { Glibc.close(root) }
    }

    var isConfined: Bool { root != nil }

    func host(_ guest: UInt64) -> Int32? {
        guest < descriptors.count ? descriptors[Int(guest)] : nil
    }

    /// Gives `host` the lowest free guest number at or above `minimum`, as Linux numbers descriptors.
    func add(_ host: Int32, minimum: Int = 0) -> Int64 {
        if let free = descriptors.indices.first(where: { $0 >= minimum && descriptors[$0] == nil }) {
            descriptors[free] = host
            return Int64(free)
        }
        while descriptors.count < minimum { descriptors.append(nil) }
        descriptors.append(host)
        return Int64(descriptors.count - 1)
    }

    /// Puts `host` at guest number `guest` (dup3), closing what was there.
    func place(_ host: Int32, at guest: Int) {
        while descriptors.count <= guest { descriptors.append(nil) }
        if let old = descriptors[guest] { Glibc.close(old) }
        descriptors[guest] = host
    }

    func close(guest: UInt64) -> Bool {
        guard let fd = host(guest) else { return false }
        descriptors[Int(guest)] = nil
        Glibc.close(fd)
        return true
    }

    // MARK: paths

    /// A directory descriptor and a path to pass to a host `*at` call, standing for the guest's
    /// (`directory`, `path`) pair; `release` must be called with the descriptor when done.
    struct Location {
        var directory: Int32
        var path: String
        var ownsDirectory: Bool
        func release() { if ownsDirectory { Glibc.close(directory) } }
    }

    /// Resolves a guest (dirfd, path). Unconfined, that is the host's own pair. Confined, the parent
    /// directory is opened inside the root and the last component is returned, so calls that do not
    /// follow a final symlink (unlink, lstat, mkdir, rename, readlink) stay inside too; calls that
    /// follow one must use `openConfined` instead.
    func locate(directory guestDirectory: UInt64, _ path: String) -> Result<Location, Errno> {
        let atWorkingDirectory = Int32(truncatingIfNeeded: guestDirectory) == AT_FDCWD
        guard root != nil else {
            if atWorkingDirectory || path.hasPrefix("/") { return .success(Location(directory: AT_FDCWD, path: path, ownsDirectory: false)) }
            guard let fd = host(guestDirectory) else { return .failure(Errno(EBADF)) }
            return .success(Location(directory: fd, path: path, ownsDirectory: false))
        }
        let (parent, last) = Self.split(path)
        guard last != "." && last != ".." && !last.isEmpty else {
            // No final component to keep apart: open the whole path inside the root.
            return openConfined(directory: guestDirectory, path, flags: rvgem_O_PATH | O_DIRECTORY).map {
                Location(directory: $0, path: ".", ownsDirectory: true)
            }
        }
        return openConfined(directory: guestDirectory, parent, flags: rvgem_O_PATH | O_DIRECTORY).map {
            Location(directory: $0, path: last, ownsDirectory: true)
        }
    }

    /// Opens a guest path on the host (following symlinks), confined to the root when there is one.
    func open(directory guestDirectory: UInt64, _ path: String, flags: Int32, mode: UInt32) -> Result<Int32, Errno> {
        if root != nil { return openConfined(directory: guestDirectory, path, flags: flags, mode: mode) }
        let directory: Int32
        if Int32(truncatingIfNeeded: guestDirectory) == AT_FDCWD || path.hasPrefix("/") {
            directory = AT_FDCWD
        } else {
            guard let fd = host(guestDirectory) else { return .failure(Errno(EBADF)) }
            directory = fd
        }
        let fd = openat(directory, path, flags, mode_t(mode))
        return fd >= 0 ? .success(fd) : .failure(Errno(errno))
    }

    private func openConfined(directory guestDirectory: UInt64, _ path: String, flags: Int32, mode: UInt32 = 0) -> Result<Int32, Errno> {
        guard let root else { return .failure(Errno(EINVAL)) }
        let fd: Int32
        if path.hasPrefix("/") || Int32(truncatingIfNeeded: guestDirectory) == AT_FDCWD {
            let absolute = path.hasPrefix("/") ? path : workingDirectory + "/" + path
            fd = rvgem_open_in_root(root, absolute, flags | O_CLOEXEC, mode)
        } else {
            // Relative to an open guest directory: that directory acts as the root (stricter than
            // Linux, which would let ".." climb to the chroot's root, but never outside it).
            guard let directory = host(guestDirectory) else { return .failure(Errno(EBADF)) }
            fd = rvgem_open_in_root(directory, path, flags | O_CLOEXEC, mode)
        }
        return fd >= 0 ? .success(fd) : .failure(Errno(errno))
    }

    /// The guest's working directory changes (chdir); unconfined, that is the host process's own.
    func changeDirectory(_ path: String) -> Errno? {
        guard root != nil else { return chdir(path) == 0 ? nil : Errno(errno) }
        switch openConfined(directory: UInt64(bitPattern: Int64(AT_FDCWD)), path, flags: rvgem_O_PATH | O_DIRECTORY) {
        case .failure(let error): return error
        case .success(let fd):
            Glibc.close(fd)
            workingDirectory = Self.normalize(path.hasPrefix("/") ? path : workingDirectory + "/" + path)
            return nil
        }
    }

    /// The guest's idea of its working directory.
    func currentDirectory() -> Result<String, Errno> {
        if root != nil { return .success(workingDirectory) }
        guard let cwd = getcwd(nil, 0) else { return .failure(Errno(errno)) }
        defer { free(cwd) }
        return .success(String(cString: cwd))
    }

    static func split(_ path: String) -> (parent: String, last: String) {
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        guard let slash = trimmed.lastIndex(of: "/") else { return (".", trimmed) }
        let parent = String(trimmed[..<slash])
        return (parent.isEmpty ? "/" : parent, String(trimmed[trimmed.index(after: slash)...]))
    }

    /// Removes ".", ".." and repeated slashes from an absolute path (".." at "/" stays at "/").
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}

/// A Linux errno value (the same numbers on the host and in the guest).
struct Errno: Error {
    var code: Int32
    init(_ code: Int32) { self.code = code }
    var negated: Int64 { -Int64(code) }
}
