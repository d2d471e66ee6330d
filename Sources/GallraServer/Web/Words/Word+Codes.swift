import GallraCore
import GallraServices

/// The word for each code the pages show: a request's kind and status, a decision's action, what
/// completing a request does to a connected row, and what a person may ask for on the
/// self-service pages. Each switch is exhaustive, so a new code does not compile without its word.
extension Word {
    static func kind(_ kind: RequestKind) -> Word {
        switch kind {
        case .access: .kindAccess
        case .rectification: .kindRectification
        case .erasure: .kindErasure
        case .restriction: .kindRestriction
        case .objection: .kindObjection
        case .portability: .kindPortability
        case .withdrawConsent: .kindWithdrawConsent
        }
    }

    static func channel(_ channel: RequestChannel) -> Word {
        switch channel {
        case .web: .channelWeb
        case .email: .channelEmail
        case .phone: .channelPhone
        case .letter: .channelLetter
        }
    }

    /// An identifier's kind as the store names it (`email`, `personal_number`); nil for one
    /// this version does not know.
    static func identifier(_ kind: String) -> Word? {
        switch SubjectIdentifier.Kind(rawValue: kind) {
        case .email: .identifierEmail
        case .phone: .identifierPhone
        case .personalNumber: .identifierPersonalNumber
        case nil: nil
        }
    }

    static func status(_ status: RequestStatus) -> Word {
        switch status {
        case .open: .statusOpen
        case .extended: .statusExtended
        case .completed: .statusCompleted
        }
    }

    static func action(_ action: DecisionAction) -> Word {
        switch action {
        case .erase: .actionErase
        case .anonymise: .actionAnonymise
        case .keep: .actionKeep
        case .restrict: .actionRestrict
        case .stop: .actionStop
        case .provide: .actionProvide
        }
    }

    static func plan(_ action: ConnectedChange.Action) -> Word {
        switch action {
        case .erased: .planErased
        case .anonymised: .planAnonymised
        case .kept: .planKept
        case .restricted: .planRestricted
        case .restrictByHand: .planRestrictByHand
        case .corrected: .planCorrected
        }
    }

    static func selfServiceKind(_ kind: PublicRequestKind) -> Word {
        switch kind {
        case .access: .selfServiceKindAccess
        case .erasure: .selfServiceKindErasure
        case .rectification: .selfServiceKindRectification
        case .objection: .selfServiceKindObjection
        case .unsubscribe: .selfServiceKindUnsubscribe
        case .withdrawConsent: .selfServiceKindWithdrawConsent
        case .restriction: .selfServiceKindRestriction
        }
    }

    static func ground(_ ground: RequestRefusal.Ground) -> Word {
        switch ground {
        case .manifestlyUnfounded: .groundManifestlyUnfounded
        case .excessive: .groundExcessive
        case .notIdentified: .groundNotIdentified
        case .exemption: .groundExemption
        }
    }

    /// What a message of the outbox is, by its purpose.
    static func mailPurpose(_ purpose: String) -> Word {
        switch purpose {
        case "confirm": .mailConfirm
        case "receipt": .mailReceipt
        case "outcome": .mailOutcome
        case "report": .mailReport
        case "extended": .mailExtended
        case "refused": .mailRefused
        case "reminder": .mailReminder
        case "incident": .mailIncident
        default: .mailOther
        }
    }

    /// The template a ROPA table was recognised as; nil for a layout of the company's own.
    static func template(_ template: RopaTemplate) -> Word? {
        switch template {
        case .icoController: .templateIcoController
        case .icoProcessor: .templateIcoProcessor
        case .skr: .templateSkr
        case .imy: .templateImy
        case .edpb: .templateEdpb
        case .own: nil
        }
    }
}
