import CResolv
import Foundation
import PanelModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The system resolver (/etc/resolv.conf) through libresolv: getaddrinfo cannot ask for CNAMEs.
public struct SystemDNSResolver: DNSResolving {
    public init() {}

    static let cname: Int32 = 5
    static let txt: Int32 = 16

    public func cnameRecords(of name: String) -> DNSAnswer {
        var buffer = [CChar](repeating: 0, count: 16 * 1024)
        return Self.answer(cresolv_query(name, Self.cname, &buffer, buffer.count), buffer)
    }

    /// The records of `type` in a DNS response message: the resolver's parsing, for tests.
    static func parse(_ message: [UInt8], type: Int32) -> DNSAnswer {
        var buffer = [CChar](repeating: 0, count: 16 * 1024)
        return answer(cresolv_parse(message, Int32(message.count), type, &buffer, buffer.count), buffer)
    }

    private static func answer(_ count: Int32, _ buffer: [CChar]) -> DNSAnswer {
        switch count {
        case CRESOLV_NXDOMAIN: return .noSuchName
        case ..<0: return .failed("no answer from the name servers")
        default:
            let text = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            return .records(text.split(separator: "\n").map(String.init))
        }
    }
}

/// A plain HTTP/1.0 GET over a socket, as a certificate authority fetches a validation file
/// (port 80, no redirects followed). `connectTo` sends the request to another address while
/// the Host header still names the domain: for tests, set from CERTPANEL_DCV_HTTP_BASE.
public struct PlainHTTPFetcher: HTTPFetching {
    /// For tests only: `http://127.0.0.1:PORT` — every check fetches from there.
    public static let baseVariable = "CERTPANEL_DCV_HTTP_BASE"
    public static let maximumResponseBytes = 64 * 1024

    public var connectTo: (host: String, port: UInt16)?
    public var timeoutSeconds: Int

    public init(connectTo: (host: String, port: UInt16)? = nil, timeoutSeconds: Int = 10) {
        self.connectTo = connectTo
        self.timeoutSeconds = timeoutSeconds
    }

    /// The fetcher for `base` (`http://HOST:PORT`, or nil for the real hosts on port 80).
    public init(base: String?) throws(PanelError) {
        guard let base, !base.isEmpty else { self.init(); return }
        guard let url = URL(string: base), url.scheme == "http", let host = url.host, !host.isEmpty else {
            throw .invalidInput("\(Self.baseVariable) must be http://HOST:PORT (for testing only), not \(EchoedText.quoted(base)).")
        }
        self.init(connectTo: (host, UInt16(clamping: url.port ?? 80)))
    }

    public func get(host: String, path: String) -> HTTPOutcome {
        let target = connectTo ?? (host, 80)
        let socket: Int32
        switch connect(to: target.host, port: target.port) {
        case .success(let descriptor): socket = descriptor
        case .failure(let failure): return .failed(failure.reason)
        }
        defer { close(socket) }
        let request = "GET \(path) HTTP/1.0\r\nHost: \(host)\r\nUser-Agent: CertPanel-DCV-check\r\nAccept: */*\r\nConnection: close\r\n\r\n"
        guard sendAll(Array(request.utf8), on: socket) else { return .failed("the request could not be sent: \(errorText())") }
        var response: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 8192)
        while response.count < Self.maximumResponseBytes {
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count < 0 { return .failed(errno == EAGAIN || errno == EWOULDBLOCK ? "no answer within \(timeoutSeconds) seconds" : errorText()) }
            if count == 0 { break }
            response += chunk[0..<count]
        }
        return Self.parse(response)
    }

    /// Status, Location and body of a raw HTTP response.
    static func parse(_ bytes: [UInt8]) -> HTTPOutcome {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") ?? text.range(of: "\n\n") else { return .failed("the answer is not an HTTP response") }
        let head = text[..<end.lowerBound].split(whereSeparator: { $0 == "\r\n" || $0 == "\n" })
        let statusParts = head.first?.split(separator: " ") ?? []
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/"), let status = Int(statusParts[1]) else {
            return .failed("the answer is not an HTTP response")
        }
        let location = head.dropFirst().first { $0.lowercased().hasPrefix("location:") }
            .map { String($0.dropFirst("location:".count)).trimmingCharacters(in: .whitespaces) }
        return .response(status: status, location: location, body: String(text[end.upperBound...]))
    }

    private struct ConnectFailure: Error { var reason: String }

    private func connect(to host: String, port: UInt16) -> Result<Int32, ConnectFailure> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if os(Linux)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let resolved = getaddrinfo(host, String(port), &hints, &list)
        guard resolved == 0, let first = list else {
            return .failure(ConnectFailure(reason: "\(host) has no address: \(String(cString: gai_strerror(resolved)))"))
        }
        defer { freeaddrinfo(first) }
        var reason = "no address of \(host) could be reached"
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry?.pointee {
            entry = info.ai_next
            // A name pointing into a private network is not fetched (a panel reached over SSH
            // must not probe the server's own network for a customer); no CA can reach it either.
            if connectTo == nil, let address = Self.addressBytes(info.ai_addr), !Self.isPublic(address) {
                reason = "\(host) resolves to a private or local address, which no certificate authority can reach; point it at the public web server"
                continue
            }
            let descriptor = socket(info.ai_family, info.ai_socktype, info.ai_protocol)
            guard descriptor >= 0 else { continue }
            if connectWithTimeout(descriptor, info.ai_addr, info.ai_addrlen) {
                var interval = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
                setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
                setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
                return .success(descriptor)
            }
            reason = "cannot connect to \(host) port \(port): \(errorText())"
            close(descriptor)
        }
        return .failure(ConnectFailure(reason: reason))
    }

    /// The 4 or 16 bytes of an IPv4 or IPv6 socket address.
    static func addressBytes(_ address: UnsafeMutablePointer<sockaddr>?) -> [UInt8]? {
        guard let address else { return nil }
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
            return address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                withUnsafeBytes(of: pointer.pointee.sin_addr) { Array($0) }
            }
        case AF_INET6:
            return address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                withUnsafeBytes(of: pointer.pointee.sin6_addr) { Array($0) }
            }
        default:
            return nil
        }
    }

    /// Whether an address is reachable from the internet: not loopback, private (RFC 1918,
    /// fc00::/7), shared (100.64/10), link-local, unspecified, or IPv4 of those mapped into IPv6.
    static func isPublic(_ bytes: [UInt8]) -> Bool {
        if bytes.count == 16 {
            if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF { return isPublic(Array(bytes[12...])) }
            if bytes[0..<15].allSatisfy({ $0 == 0 }) { return false }              // :: and ::1
            if bytes[0] & 0xFE == 0xFC { return false }                            // fc00::/7
            if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80 { return false }        // fe80::/10
            return true
        }
        guard bytes.count == 4 else { return false }
        switch (bytes[0], bytes[1]) {
        case (0, _), (10, _), (127, _): return false
        case (100, 64...127), (169, 254), (172, 16...31), (192, 168): return false
        default: return true
        }
    }

    /// A non-blocking connect that waits at most the timeout (a blocking one can hang for minutes).
    private func connectWithTimeout(_ descriptor: Int32, _ address: UnsafeMutablePointer<sockaddr>?, _ length: socklen_t) -> Bool {
        let flags = fcntl(descriptor, F_GETFL, 0)
        _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
        defer { _ = fcntl(descriptor, F_SETFL, flags) }
        if systemConnect(descriptor, address, length) == 0 { return true }
        guard errno == EINPROGRESS else { return false }
        var poller = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        guard poll(&poller, 1, Int32(timeoutSeconds * 1000)) == 1 else { errno = ETIMEDOUT; return false }
        var failure: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &failure, &size)
        if failure != 0 { errno = failure; return false }
        return true
    }

    private func sendAll(_ bytes: [UInt8], on descriptor: Int32) -> Bool {
        #if os(Linux)
        let flags = Int32(MSG_NOSIGNAL)
        #else
        let flags: Int32 = 0
        #endif
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, flags) }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    private func errorText() -> String { String(cString: strerror(errno)) }
}

/// `connect(2)`, named apart from the fetcher's own `connect(to:port:)`.
private func systemConnect(_ descriptor: Int32, _ address: UnsafeMutablePointer<sockaddr>?, _ length: socklen_t) -> Int32 {
    #if canImport(Glibc)
    Glibc.connect(descriptor, address, length)
    #else
    Darwin.connect(descriptor, address, length)
    #endif
}
