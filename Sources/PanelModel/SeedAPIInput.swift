import Foundation

extension SeedAPICommand {
    /// A command block is a few hundred bytes; more than this is not one.
    public static let maximumInputBytes = 64 * 1024

    /// What `certpanel api` read from standard input (at most `maximumInputBytes + 1` bytes), as
    /// text: refused when larger than a command block or not UTF-8. Then `lines(of:)` and
    /// `init(parsing:)` read it, the same as for arguments.
    public static func text(ofStandardInput data: Data) throws(PanelError) -> String {
        guard data.count <= maximumInputBytes else {
            throw .invalidInput("standard input is larger than \(maximumInputBytes) bytes; an API call is a few key = value lines")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .invalidInput("standard input is not UTF-8 text")
        }
        return text
    }
}
