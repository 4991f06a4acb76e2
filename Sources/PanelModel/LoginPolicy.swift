import Foundation

/// Seed 000 step 1, "Login to your Control Panel", with the lockout a demanding user expects:
/// one message for any wrong username/password pair, five failures in a row lock the account
/// for 15 minutes, and a deleted or suspended customer is told why (after a correct password only,
/// so the status of an account is never disclosed to someone who does not know its password).
public enum LoginPolicy {
    public static let maximumFailures = 5
    public static let lockDuration: TimeInterval = 15 * 60

    public static let wrongCredentials = "Wrong username or password. Check both and try again."

    public static func lockedMessage(until: Date, now: Date) -> String {
        let minutes = max(1, Int((until.timeIntervalSince(now) / 60).rounded(.up)))
        let time = until.formatted(Date.ISO8601FormatStyle().time(includingFractionalSeconds: false))
        return "This account is locked after \(maximumFailures) failed logins in a row. Try again in \(minutes) minute\(minutes == 1 ? "" : "s") (at \(time) UTC)."
    }

    public static func statusMessage(_ status: CustomerStatus, resellerName: String) -> String? {
        switch status {
        case .active: nil
        case .suspended: "This customer account is suspended. Ask your reseller, \(resellerName), to reactivate it."
        case .deleted: "This customer account has been deleted and can no longer log in. Ask your reseller, \(resellerName), for a new account."
        }
    }

    /// What a failed attempt does to the counter: the new count, and the lock end once it reaches the limit.
    public static func afterFailure(previousFailures: Int, now: Date) -> (failures: Int, lockedUntil: Date?) {
        let failures = previousFailures + 1
        if failures >= maximumFailures { return (0, now.addingTimeInterval(lockDuration)) }
        return (failures, nil)
    }
}
