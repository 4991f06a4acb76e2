/// Numbers with a comma every three digits, as in en_US: "12,408", "-1,000", "7".
///
/// Written out rather than through Foundation's number formatting, which loads ICU's locale
/// data: several milliseconds and megabytes for a command that prints one count.
public enum GroupedNumber {
    public static func text(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var grouped = ""
        grouped.reserveCapacity(digits.count + digits.count / 3 + 1)
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return number < 0 ? "-" + grouped : grouped
    }
}
