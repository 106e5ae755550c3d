import Testing
import Routing

/// The project's one CSV reader (RFC 4180): quoted fields with escapes and line breaks, CRLF
/// or LF, a header of named columns, and errors that name the line.
@Suite struct CSVTableTests {
    @Test func readsQuotedFieldsEscapesAndBothLineEnds() throws {
        let table = try CSVTable("Reference, Barcode ,note\r\nA-1,370001,\"with, comma\"\nA-2,370002,\"say \"\"hi\"\"\nover two lines\"\n")
        #expect(table.header == ["reference", "barcode", "note"])
        #expect(table.rows.map(\.line) == [2, 3])
        #expect(table.rows[0].cells == ["A-1", "370001", "with, comma"])
        #expect(table.rows[1].cells == ["A-2", "370002", "say \"hi\"\nover two lines"])
        #expect(table.column("lon", "barcode") == 1)
        #expect(table.column("lon") == nil)
    }

    @Test func errorsNameTheLine() {
        #expect(throws: CSVTable.ReadError.self) { try CSVTable("") }
        do {
            _ = try CSVTable("a,b\n1,2\n3\n")
            Issue.record("a short row was accepted")
        } catch {
            #expect(error.line == 3 && error.message == "1 fields, but the header has 2")
        }
        do {
            _ = try CSVTable("a\n\"open\n")
            Issue.record("an open quote was accepted")
        } catch {
            #expect(error.line == 2 && error.message == "a quoted field is not closed")
        }
        do {
            _ = try CSVTable("a\nx\"y\n")
            Issue.record("a stray quote was accepted")
        } catch {
            #expect(error.line == 2)
        }
    }
}
