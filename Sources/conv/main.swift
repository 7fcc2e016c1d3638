import ConvCLI

ConvCommand.runFromCommandLine()
