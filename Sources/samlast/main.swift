import SamlastCLI

SamlastCommand.main()
