/// The standard xterm 256-colour palette and nearest-colour search used to downsample.
enum XtermPalette {
    /// The 16 ANSI colours as xterm draws them by default.
    static let ansi16: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    static let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]

    static func rgb(_ index: UInt8) -> (UInt8, UInt8, UInt8) {
        let n = Int(index)
        if n < 16 { return ansi16[n] }
        if n < 232 {
            let c = n - 16
            return (cubeLevels[c / 36], cubeLevels[(c / 6) % 6], cubeLevels[c % 6])
        }
        let g = UInt8(8 + (n - 232) * 10)
        return (g, g, g)
    }

    private static func distance(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Int {
        let dr = Int(a.0) - Int(b.0), dg = Int(a.1) - Int(b.1), db = Int(a.2) - Int(b.2)
        return dr * dr * 3 + dg * dg * 4 + db * db * 2
    }

    /// Nearest entry among 16–255 (the cube and the grey ramp; 0–15 vary between terminals).
    static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        func level(_ v: UInt8) -> Int {
            var best = 0
            for (i, l) in cubeLevels.enumerated() where abs(Int(l) - Int(v)) < abs(Int(cubeLevels[best]) - Int(v)) { best = i }
            return best
        }
        let cube = UInt8(16 + 36 * level(r) + 6 * level(g) + level(b))
        let avg = (Int(r) + Int(g) + Int(b)) / 3
        let greyIndex = UInt8(232 + min(23, max(0, (avg - 8 + 5) / 10)))
        let target = (r, g, b)
        return distance(rgb(cube), target) <= distance(rgb(greyIndex), target) ? cube : greyIndex
    }

    /// Nearest of the 8 basic ANSI colours.
    static func nearest8(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        // Threshold each channel: the 8 colours are the corners of the RGB cube.
        // Pure distance against xterm's values maps most mid tones to black, which reads badly.
        let maxC = max(r, g, b)
        if maxC < 64 { return 0 }
        let cut = UInt8(max(64, Int(maxC) * 6 / 10))
        let bits = (r >= cut ? 1 : 0) | (g >= cut ? 2 : 0) | (b >= cut ? 4 : 0)
        return UInt8(bits)
    }
}
