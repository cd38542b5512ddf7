#if canImport(Glibc)
import Glibc
#endif

/// Writes one line to the host's standard error, unbuffered (warnings and Spike's failure line).
func printToStandardError(_ line: String) {
    var text = line + "\n"
    text.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
}
