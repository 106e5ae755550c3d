import SamlastCLI

/// The `samlast` executable: all behaviour lives in `SamlastCLI` and the libraries below it.
@main
enum SamlastMain {
    static func main() async {
        await SamlastCommand.main()
    }
}
