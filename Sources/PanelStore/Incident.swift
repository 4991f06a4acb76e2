import Foundation
import Logging
import PanelModel

/// Turns an error that no input explains (GRDB's, Foundation's, a broken invariant) into the
/// plain `PanelError.internalFailure` a user sees, and logs the detail under a fresh incident
/// ID. Where the log goes is the executable's choice (`LoggingSystem.bootstrap`): standard
/// error for the command line, a file for the terminal panel, whose standard error is the screen.
public enum Incident {
    /// A `PanelError` passes through unchanged; anything else is logged and becomes an incident.
    public static func report(_ error: any Error, during activity: String) -> PanelError {
        if let panel = error as? PanelError { return panel }
        let id = newID()
        // One line per incident, escaped: GRDB's text holds the SQL, with its line breaks.
        let detail = EchoedText.oneLine(String(reflecting: error), limit: 4000)
        Logger(label: "certpanel").error("incident \(id) during \(activity): \(detail)", metadata: ["incident": "\(id)"])
        return .internalFailure(incident: id)
    }

    /// 12 hex digits: enough to find one line in a log, short enough to read over the phone.
    static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<6).map { _ in
            let byte = UInt8.random(in: 0...255, using: &generator)
            return (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
        }.joined()
    }
}
