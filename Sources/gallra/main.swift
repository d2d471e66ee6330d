import ArgumentParser
import GallraCLI

/// Called through a generic so that the asynchronous `main` is chosen: the store commands are async.
func start<Command: AsyncParsableCommand>(_ command: Command.Type) async {
    await command.main()
}

await start(GallraCommand.self)
