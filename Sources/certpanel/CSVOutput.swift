import Foundation
import PanelModel
import Terminal

extension Output {
    /// An RFC 4180 CSV document on standard output. Each field is cleaned of control
    /// characters first (a terminal may show the file), keeping line breaks, which the CSV
    /// writer quotes.
    static func csv(_ header: [String], _ rows: [[String]]) {
        let clean = rows.map { $0.map(Sanitizer.cleanMultiline) }
        FileHandle.standardOutput.write(Data(CSV.document(header: header, rows: clean).utf8))
    }

    /// `--csv` and `--json` are two answers to one question: refuses both at once (exit 2).
    static func checkOneFormat(csv: Bool, json: Bool) throws {
        if csv && json { throw PanelError.invalidInput("--csv and --json both choose the output format; give one of them") }
    }
}
