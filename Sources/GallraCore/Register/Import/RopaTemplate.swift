/// The template a ROPA table was started from, told by wordings of its header that only that
/// template uses; the import says which it recognised, so that a person can tell whether the
/// columns were taken as the template means them.
public enum RopaTemplate: String, CaseIterable, Sendable {
    /// The UK ICO's documentation template for controllers (Art. 30(1)).
    case icoController = "ico-controller"
    /// The UK ICO's documentation template for processors (Art. 30(2)).
    case icoProcessor = "ico-processor"
    /// Sveriges Kommuner och Regioner's model register for municipalities and regions.
    case skr
    /// The Swedish Authority for Privacy Protection's model register (Art. 30(1) point by point).
    case imy
    /// The layout of the EDPB's and the CNIL's model records, in English.
    case edpb
    /// A layout of the company's own.
    case own

    /// How the command line names it: "Recognised: ICO controller template".
    public var name: String {
        switch self {
        case .icoController: "ICO controller template"
        case .icoProcessor: "ICO processor template"
        case .skr: "SKR model register"
        case .imy: "IMY model register"
        case .edpb: "EDPB/CNIL-style record"
        case .own: "no known template (columns found by their headers)"
        }
    }

    /// The wordings (normalised, word starts) that mark each template, and how many must be
    /// present; the first template that has enough is the one recognised.
    static let markers: [(template: RopaTemplate, wordings: [String], needed: Int)] = [
        (
            .icoProcessor,
            [
                "name and contact details of controller", "categories of processing",
                "link to contract with controller",
                "name and contact details of controller s representative",
            ], 2
        ),
        (
            .icoController,
            [
                "business function", "categories of individuals", "article 6 lawful basis", "retention schedule",
                "link to contract with processor", "name and contact details of joint controller",
                "article 9 basis for processing", "rights available to individuals",
            ], 3
        ),
        (
            .skr,
            [
                "personuppgiftsansvarig nämnd", "nämnd", "förvaltning", "personuppgiftsbiträde",
                "känsliga personuppgifter", "verksamhetssystem", "gallringsbeslut", "dokumenthanteringsplan",
                "informationsklass", "ansvarig verksamhet",
            ], 2
        ),
        (
            .imy,
            [
                "ändamål med behandlingen", "ändamålen med behandlingen", "kategorier av mottagare",
                "överföring till tredje land", "överföringar till tredje land", "planerad gallring",
                "tidsfrister för radering", "beskrivning av tekniska och organisatoriska",
                "allmän beskrivning av tekniska och organisatoriska",
            ], 3
        ),
        (
            .edpb,
            [
                "processing activity", "purpose s of the processing", "purposes of the processing", "data subjects",
                "categories of data subjects", "personal data categories", "transfers outside the eu",
                "transfers outside the eea", "retention period", "security measures", "name acronym",
            ], 3
        ),
    ]

    /// The template whose marks the header row carries.
    static func recognised(_ header: [String]) -> RopaTemplate {
        let words = " " + header.map { RopaColumns.normalised($0) }.joined(separator: " | ") + " "
        for marker in markers {
            let present = marker.wordings.filter { words.contains(" " + $0) }.count
            if present >= marker.needed { return marker.template }
        }
        return .own
    }
}
