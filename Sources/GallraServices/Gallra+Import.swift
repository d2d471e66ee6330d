// The ROPA import (`RopaFile`, `XLSXWorkbook`) lives in GallraImport, a target of its own so that
// a fuzzer can build it without the store; the CLI and the server reach it through the services.
@_exported import GallraImport
