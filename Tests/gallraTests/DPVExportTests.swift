import Foundation
import Testing

/// The DPV export read by a JSON-LD processor that knows nothing of Gallra: pyld, from PyPI.
@Suite("The DPV export as JSON-LD")
struct DPVExportTests {
    /// Where the test command installed pyld; without it, a pyld already importable.
    static var pythonPath: String? { ProcessInfo.processInfo.environment["GALLRA_TEST_PYTHONPATH"] }

    static var pyldAvailable: Bool {
        var environment: [String: String] = [:]
        if let pythonPath { environment["PYTHONPATH"] = pythonPath }
        return
            (try? GallraProcess.runTool("/usr/bin/env", ["python3", "-c", "import pyld"], environment: environment))?
            .status == 0
    }

    @Test(
        "pyld expands the export to RDF with DPV terms for purposes, legal bases, data and retention",
        .enabled(if: pyldAvailable || pythonPath != nil, "pyld is not installed"))
    func expands() throws {
        let work = try StoreCommandTests.Workspace()
        try work.succeed([
            "register", "apply", packageRoot.appendingPathComponent("examples/exempel-programvara.yaml").path,
        ])
        let export = work.directory.appendingPathComponent("register.jsonld")
        try Data(try work.succeed(["register", "export", "--format", "dpv", "--lang", "en"]).utf8).write(to: export)
        let script = """
            import json, sys
            from pyld import jsonld
            doc = json.load(open(sys.argv[1]))
            quads = jsonld.to_rdf(doc, {"format": "application/n-quads"}).splitlines()
            expanded = jsonld.expand(doc)
            processes = [n for n in expanded if "https://w3id.org/dpv#Process" in n.get("@type", [])]
            namespaces = ("https://w3id.org/dpv#", "https://w3id.org/dpv/pd#",
                          "https://w3id.org/dpv/legal/eu/gdpr#", "https://w3id.org/dpv/loc#")
            known = set(l.strip() for l in open(sys.argv[2]) if not l.startswith("#"))
            used = set()
            def walk(node):
                if isinstance(node, list):
                    for item in node: walk(item)
                elif isinstance(node, dict):
                    for key, value in node.items():
                        used.add(key)
                        if key in ("@id", "@type"):
                            used.update(value if isinstance(value, list) else [value])
                        walk(value)
            walk(expanded)
            ours = sorted(i for i in used if isinstance(i, str) and i.startswith(namespaces))
            unknown = [i for i in ours if i not in known]
            print(json.dumps({"quads": len(quads), "processes": len(processes), "lines": quads,
                              "terms": len(ours), "unknown": unknown}))
            """
        var environment: [String: String] = [:]
        if let path = Self.pythonPath { environment["PYTHONPATH"] = path }
        let result = try GallraProcess.runTool(
            "/usr/bin/env",
            [
                "python3", "-c", script, export.path,
                packageRoot.appendingPathComponent("Tests/GallraCoreTests/Fixtures/dpv-2.3-terms.txt").path,
            ], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        // The 24 activities, and the processing done on behalf of the one customer (Art. 30(2)).
        #expect(summary["processes"] as? Int == 25)
        // Every IRI in the dpv, pd, eu-gdpr and loc namespaces is a term DPV 2.3 defines.
        #expect((summary["terms"] as? Int ?? 0) > 30)
        #expect(summary["unknown"] as? [String] == [])
        let lines = try #require(summary["lines"] as? [String])
        func has(_ subject: String, _ predicate: String, _ object: String) -> Bool {
            lines.contains { $0.hasPrefix("<urn:gallra:org:5560000000:activity/\(subject)> <\(predicate)> \(object)") }
        }
        let dpv = "https://w3id.org/dpv#"
        #expect(has("customer-invoicing", dpv + "hasLegalBasis", "<https://w3id.org/dpv/legal/eu/gdpr#A6-1-c>"))
        #expect(has("support", dpv + "hasLegalBasis", "<https://w3id.org/dpv/legal/eu/gdpr#A6-1-b>"))
        #expect(has("direct-mail", dpv + "hasPurpose", "_:"))
        #expect(lines.contains { $0.contains("<\(dpv)DirectMarketing>") })
        #expect(lines.contains { $0.contains("<https://w3id.org/dpv/pd#EmailAddress>") })
        #expect(lines.contains { $0.contains("\"P10Y\"^^<http://www.w3.org/2001/XMLSchema#duration>") })
        #expect(has("rights-requests", dpv + "hasStorageCondition", "_:"))
        #expect(lines.contains { $0.contains("<\(dpv)StorageDuration>") })
        #expect(lines.contains { $0.contains("<\(dpv)UntilEventDuration>") })
        #expect(lines.contains { $0.contains("<https://w3id.org/dpv/legal/eu/gdpr#SCCByCommission>") })
        // The record kept as a processor (Art. 30(2)): a second ROPA, the processor, the customer
        // it processes for as a controller, and the agreement between them.
        let base = "urn:gallra:org:5560000000:"
        #expect(lines.contains("<\(base)processor-ropa> <\(dpv)hasDataProcessor> <\(base)processor> ."))
        #expect(
            lines.contains(
                "<\(base)processor> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <\(dpv)DataProcessor> ."))
        #expect(lines.contains("<\(base)processing/kund-nord> <\(dpv)hasDataController> <\(base)client/kund-nord> ."))
        #expect(lines.contains { $0.contains("<\(dpv)ControllerProcessorAgreement>") })
    }
}
