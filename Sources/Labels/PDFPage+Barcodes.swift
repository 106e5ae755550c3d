extension PDFPage {
    /// Draws the bars of a Code 128 symbol with the left edge of its first bar at `x` and the
    /// bottom of the bars at `y`. Leave `Code128.recommendedQuietZone` modules clear on each side.
    public mutating func draw(_ barcode: Code128, x: Double, y: Double, moduleWidth: Double, height: Double) {
        var bars: [PDFRect] = []
        var left = x
        for (index, width) in barcode.elementWidths.enumerated() {
            let extent = Double(width) * moduleWidth
            if index.isMultiple(of: 2) {
                bars.append(PDFRect(x: left, y: y, width: extent, height: height))
            }
            left += extent
        }
        fill(bars)
    }

    /// Draws a Code 128 symbol centred in `width` (quiet zones included) with its text below.
    ///
    /// `x` is the left edge of the box, `top` the top of the bars measured in points from the
    /// top of the page. The module width is the largest that fits, capped at `maximumModuleWidth`.
    /// Returns the distance from the page top to the bottom of the text.
    @discardableResult
    public mutating func drawBarcodeWithText(
        _ barcode: Code128, x: Double, top: Double, width: Double, barHeight: Double,
        fontSize: Double, maximumModuleWidth: Double = 1.5
    ) -> Double {
        let modulesWithQuietZones = Double(barcode.moduleCount + 2 * Code128.recommendedQuietZone)
        let moduleWidth = min(maximumModuleWidth, width / modulesWithQuietZones)
        let barsWidth = Double(barcode.moduleCount) * moduleWidth
        let centre = x + width / 2
        draw(barcode, x: centre - barsWidth / 2, y: height - top - barHeight, moduleWidth: moduleWidth, height: barHeight)
        let baseline = top + barHeight + fontSize * 1.1
        drawText(barcode.text, x: centre, y: height - baseline, maxWidth: width, size: fontSize, alignment: .center)
        return baseline + fontSize * 0.25
    }

    /// Draws a QR code whose top-left module (without quiet zone) sits at `x`, `y` + symbol height.
    /// Dark modules of each row are merged into runs and filled as one path.
    public mutating func draw(_ qrCode: QRCode, x: Double, y: Double, moduleSize: Double) {
        var runs: [PDFRect] = []
        for row in 0..<qrCode.size {
            let bottom = y + Double(qrCode.size - 1 - row) * moduleSize
            var column = 0
            while column < qrCode.size {
                guard qrCode[row, column] else {
                    column += 1
                    continue
                }
                let start = column
                while column < qrCode.size, qrCode[row, column] { column += 1 }
                runs.append(PDFRect(
                    x: x + Double(start) * moduleSize, y: bottom,
                    width: Double(column - start) * moduleSize, height: moduleSize))
            }
        }
        fill(runs)
    }
}
