/// A word of the admin UI and the self-service pages. Its raw value is the key a template reads
/// (`{{t.sign_in}}`); the code names the case, so a misspelt word does not compile. Every word
/// is given in both languages (`Word+English.swift`, `Word+Swedish.swift`).
enum Word: String, CaseIterable, Sendable {
    case lang
    case otherLang = "other_lang"
    case otherLangName = "other_lang_name"
    case app
    case skip
    case formTooLargeHeading = "form_too_large_heading"
    case formTooLarge = "form_too_large"
    case navDashboard = "nav_dashboard"
    case navSubjects = "nav_subjects"
    case navRequests = "nav_requests"
    case navIncidents = "nav_incidents"
    case navRegister = "nav_register"
    case signOut = "sign_out"
    case signIn = "sign_in"
    case email
    case password
    case signInFailed = "sign_in_failed"
    case code
    case codeHint = "code_hint"
    case signInThrottled = "sign_in_throttled"
    case dashboard
    // The overview, the confirmations and the dry run (issue 31: 4, 6, 7).
    case notVisibleToRole = "not_visible_to_role"
    case outsideReach = "outside_reach"
    case pastRetention = "past_retention"
    case nothingPastRetention = "nothing_past_retention"
    case toRetention = "to_retention"
    case cancel
    case person
    case reasonLabel = "reason_label"
    case releaseHoldHeading = "release_hold_heading"
    case releaseHoldWhat = "release_hold_what"
    case confirmRelease = "confirm_release"
    case holdHeading = "hold_heading"
    case holdReleasedAt = "hold_released_at"
    case holdStillInForce = "hold_still_in_force"
    case toSubject = "to_subject"
    case sweepConfirmHeading = "sweep_confirm_heading"
    case sweepConfirmWhat = "sweep_confirm_what"
    case confirmSweep = "confirm_sweep"
    case nothingToSweep = "nothing_to_sweep"
    case toErase = "to_erase"
    case toAnonymise = "to_anonymise"
    case keptBack = "kept_back"
    case expiredOn = "expired_on"
    case record
    case whatHappens = "what_happens"
    case heldLegalHold = "held_legal_hold"
    case heldAwaitingReview = "held_awaiting_review"
    case dryRunHeading = "dry_run_heading"
    case dryRunNothing = "dry_run_nothing"
    case previousPage = "previous_page"
    case nextPage = "next_page"
    case pageOf = "page_of"
    case connectedTables = "connected_tables"
    case rowsKept = "rows_kept"
    case rowsHeld = "rows_held"
    case sweepSummary = "sweep_summary"
    case keptBackHeading = "kept_back_heading"
    case applyConfirmHeading = "apply_confirm_heading"
    case applyConfirmWhat = "apply_confirm_what"
    case confirmApply = "confirm_apply"
    case versionApplied = "version_applied"
    case versionSuperseded = "version_superseded"
    case nameResults = "name_results"
    case noNameMatch = "no_name_match"
    case nameSearchBounded = "name_search_bounded"
    case searchInForm = "search_in_form"
    case mailNoneWaiting = "mail_none_waiting"
    case noRequestsDueScoped = "no_requests_due_scoped"
    case byActivity = "by_activity"
    case chooseActivity = "choose_activity"
    case dryRunTotals = "dry_run_totals"
    case requestsDue = "requests_due"
    case noRequestsDue = "no_requests_due"
    case daysLeft = "days_left"
    case overdueBy = "overdue_by"
    case days
    case deadline
    case kind
    case status
    case received
    case incidentsOpen = "incidents_open"
    case noIncidents = "no_incidents"
    case notifyBy = "notify_by"
    case hoursLeft = "hours_left"
    case notified
    case expiring
    case nothingExpires = "nothing_expires"
    case waiting
    case records
    case activity
    case audit
    case auditIntact = "audit_intact"
    case auditBroken = "audit_broken"
    case entries
    case agreements
    case noAgreementWarnings = "no_agreement_warnings"
    case search
    case searchLabel = "search_label"
    case searchHint = "search_hint"
    case subject
    case category
    case value
    case collected
    case expires
    case legalBasis = "legal_basis"
    case exportJson = "export_json"
    case connectedOnly = "connected_only"
    case noRecords = "no_records"
    case requests
    case noRequests = "no_requests"
    case request
    case verified
    case notVerified = "not_verified"
    case verify
    case howVerified = "how_verified"
    case extend
    case reason
    case complete
    case decisions
    case action
    case article
    case until
    case completed
    case sent
    case mailToPerson = "mail_to_person"
    case mailQueued = "mail_queued"
    case mailGivenUp = "mail_given_up"
    case mailNextAttempt = "mail_next_attempt"
    case mailAttempts = "mail_attempts"
    case mailNone = "mail_none"
    case mailReceipt = "mail_receipt"
    case mailOutcome = "mail_outcome"
    case mailReport = "mail_report"
    case mailExtended = "mail_extended"
    case mailReminder = "mail_reminder"
    case mailOther = "mail_other"
    case mailConfirm = "mail_confirm"
    case outbox
    case navOutbox = "nav_outbox"
    case outboxAll = "outbox_all"
    case outboxQueued = "outbox_queued"
    case outboxSent = "outbox_sent"
    case outboxFailed = "outbox_failed"
    case outboxHint = "outbox_hint"
    case outboxEmpty = "outbox_empty"
    case outboxWhat = "outbox_what"
    case outboxState = "outbox_state"
    case outboxQueuedAt = "outbox_queued_at"
    case outboxError = "outbox_error"
    case incidents
    case description
    case aware
    case register
    case purpose
    case retention
    case version
    case inForceSince = "in_force_since"
    case notFound = "not_found"
    case forbidden
    case back
    case dayLeft = "day_left"
    case day
    case extendReason = "extend_reason"
    case kindAccess = "kind_access"
    case kindRectification = "kind_rectification"
    case kindErasure = "kind_erasure"
    case kindRestriction = "kind_restriction"
    case kindObjection = "kind_objection"
    case kindPortability = "kind_portability"
    case kindWithdrawConsent = "kind_withdraw-consent"
    case actionErase = "action_erase"
    case actionAnonymise = "action_anonymise"
    case actionKeep = "action_keep"
    case actionRestrict = "action_restrict"
    case actionStop = "action_stop"
    case actionProvide = "action_provide"
    case statusOpen = "status_open"
    case statusExtended = "status_extended"
    case statusCompleted = "status_completed"
    case showSubject = "show_subject"
    case exportHeading = "export_heading"
    case exportRecords = "export_records"
    case exportStepStarting = "export_step_starting"
    case exportStepRecords = "export_step_records"
    case exportStepConnected = "export_step_connected"
    case exportStepFinishing = "export_step_finishing"
    case exportReady = "export_ready"
    case exportDownload = "export_download"
    case importHeading = "import_heading"
    case importHint = "import_hint"
    case importFile = "import_file"
    case importPaste = "import_paste"
    case importDraft = "import"
    case editHeading = "edit_heading"
    case checkAgain = "check_again"
    case importActivities = "import_activities"
    case importRules = "import_rules"
    case importDecisions = "import_decisions"
    case newVersion = "new_version"
    case registerFile = "register_file"
    case registerYaml = "register_yaml"
    case review
    case reviewHeading = "review_heading"
    case refused
    case problems
    case line
    case changes
    case noChanges = "no_changes"
    case change
    case expiredNow = "expired_now"
    case apply
    case applyHint = "apply_hint"
    case applied
    case added
    case removed
    case retentionChanged = "retention_changed"
    case otherChanges = "other_changes"
    case newRequest = "new_request"
    case openRequest = "open_request"
    case channel
    case optional
    case downloadReport = "download_report"
    case requesterNone = "requester_none"
    case queueTabs = "queue_tabs"
    case tabOpen = "tab_open"
    case tabOverdue = "tab_overdue"
    case tabCompleted = "tab_completed"
    case tabAll = "tab_all"
    case queueSearch = "queue_search"
    case allKinds = "all_kinds"
    case dueFrom = "due_from"
    case dueTo = "due_to"
    case sortBy = "sort_by"
    case sortOrder = "sort_order"
    case ascending
    case descending
    case showRequests = "show_requests"
    case exportCsv = "export_csv"
    case reference
    case requester
    case addresses
    case requesterHidden = "requester_hidden"
    case requesterErased = "requester_erased"
    case pages
    case requestsFound = "requests_found"
    case noMatch = "no_match"
    case duplicateWarning = "duplicate_warning"
    case timeline
    case when
    case what
    case who
    case stepOpened = "step_opened"
    case stepVerified = "step_verified"
    case stepExtended = "step_extended"
    case stepGrounds = "step_grounds"
    case stepCorrected = "step_corrected"
    case stepTaskDone = "step_task_done"
    case stepCompleted = "step_completed"
    case stepConnected = "step_connected"
    case stepLifted = "step_lifted"
    case stepCopyDownloaded = "step_copy_downloaded"
    case stepDownloadRefused = "step_download_refused"
    case stepMailQueued = "step_mail_queued"
    case stepMailSent = "step_mail_sent"
    case stepMailFailed = "step_mail_failed"
    case stepOther = "step_other"
    case actorPerson = "actor_person"
    case actorPrivacyPage = "actor_privacy_page"
    case completeErasure = "complete_erasure"
    case confirmHeading = "confirm_heading"
    case confirmIntro = "confirm_intro"
    case confirmWhose = "confirm_whose"
    case confirmIrreversible = "confirm_irreversible"
    case confirmButton = "confirm_button"
    case cancelToRequest = "cancel_to_request"
    case confirmRequired = "confirm_required"
    case connectedCounts = "connected_counts"
    case system
    case rows
    case nothingConnected = "nothing_connected"
    case whatWasDone = "what_was_done"
    case lawAndReason = "law_and_reason"
    case newIncident = "new_incident"
    case openIncident = "open_incident"
    case noNames = "no_names"
    case closed
    case imyNotified = "imy_notified"
    case imyReference = "imy_reference"
    case delayReasons = "delay_reasons"
    case recordNotification = "record_notification"
    case closeHint = "close_hint"
    case closeIncident = "close_incident"
    case consents
    case wording
    case given
    case withdrawn
    case inForce = "in_force"
    case sweepNow = "sweep_now"
    case sweepHint = "sweep_hint"
    case sweepHeading = "sweep_heading"
    case sweepRunning = "sweep_running"
    case sweepDone = "sweep_done"
    case erasedPast = "erased_past"
    case anonymisedPast = "anonymised_past"
    case lastSweeps = "last_sweeps"
    case noSweeps = "no_sweeps"
    case holds
    case noHolds = "no_holds"
    case allActivities = "all_activities"
    case untilReleased = "until_released"
    case release
    case holdReason = "hold_reason"
    case placeHold = "place_hold"
    case subjectsErasedPast = "subjects_erased_past"
    case language
    case mail
    case mailWaiting = "mail_waiting"
    case mailFailed = "mail_failed"
    case selfServiceHeading = "self_service_heading"
    case selfServiceIntro = "self_service_intro"
    case selfServiceWhat = "self_service_what"
    case selfServiceKindAccess = "self_service_kind_access"
    case selfServiceKindErasure = "self_service_kind_erasure"
    case selfServiceKindRectification = "self_service_kind_rectification"
    case selfServiceKindObjection = "self_service_kind_objection"
    case selfServiceKindUnsubscribe = "self_service_kind_unsubscribe"
    case selfServiceKindWithdrawConsent = "self_service_kind_withdraw-consent"
    case selfServiceDetails = "self_service_details"
    case selfServiceDetailsHint = "self_service_details_hint"
    case selfServiceSend = "self_service_send"
    case selfServiceMailHint = "self_service_mail_hint"
    case selfServiceNotice = "self_service_notice"
    case selfServiceStale = "self_service_stale"
    case selfServiceChoose = "self_service_choose"
    case selfServiceEmail = "self_service_email"
    case selfServiceThrottled = "self_service_throttled"
    case selfServiceSentHeading = "self_service_sent_heading"
    case selfServiceSent = "self_service_sent"
    case selfServiceInvalidHeading = "self_service_invalid_heading"
    case selfServiceInvalid = "self_service_invalid"
    case selfServiceConfirmHeading = "self_service_confirm_heading"
    case selfServiceConfirmWhat = "self_service_confirm_what"
    case selfServiceConfirm = "self_service_confirm"
    case selfServiceDoneHeading = "self_service_done_heading"
    case selfServiceRegistered = "self_service_registered"
    case selfServiceUnsubscribed = "self_service_unsubscribed"
    case selfServiceReceiptMail = "self_service_receipt_mail"
    case selfServiceDownloadHeading = "self_service_download_heading"
    case selfServiceDownloadIntro = "self_service_download_intro"
    case selfServiceDownload = "self_service_download"
    case selfServiceDownloadHint = "self_service_download_hint"
    case selfServiceDownloadMismatch = "self_service_download_mismatch"
    case selfServiceDownloadThrottled = "self_service_download_throttled"
    case personWrote = "person_wrote"
    case tasks
    case plan
    case planRow = "plan_row"
    case planErased = "plan_erased"
    case planAnonymised = "plan_anonymised"
    case planKept = "plan_kept"
    case planRestricted = "plan_restricted"
    case planRestrictByHand = "plan_restrict-by-hand"
    case planCorrected = "plan_corrected"
    case correctionsHeading = "corrections_heading"
    case correctionsHint = "corrections_hint"
    case correctionNow = "correction_now"
    case correctionProposed = "correction_proposed"
    case correctionInStore = "correction_in_store"
    case correctionColumn = "correction_column"
    case correctionsSave = "corrections_save"
    case correctionsNoted = "corrections_noted"
    case correctionsNoneNoted = "corrections_none_noted"
    case correctionsNothingHeld = "corrections_nothing_held"
    case correctionErrorNone = "correction_error_none"
    case correctionErrorEmail = "correction_error_email"
    case correctionErrorPhone = "correction_error_phone"
    case correctionErrorLong = "correction_error_long"
    case correctionErrorGone = "correction_error_gone"
    case tasksHint = "tasks_hint"
    case taskDone = "task_done"
    case markDone = "mark_done"
    case selfServiceReference = "self_service_reference"
    case navRetention = "nav_retention"
    case chartTitle = "chart_title"
    case chartTable = "chart_table"
    case weekOf = "week_of"
    case recordsHeading = "records_heading"
    case other
    case overdueRecords = "overdue_records"
    case held
    case dryRun = "dry_run"
    case dryRunHint = "dry_run_hint"
    case dryRunReviewed = "dry_run_reviewed"
    case dryRunResult = "dry_run_result"
    case erased
    case anonymised
    case subjectsErased = "subjects_erased"
    case waitingRecords = "waiting_records"
    case mailRefused = "mail_refused"
    case refuseHeading = "refuse_heading"
    case refuseHint = "refuse_hint"
    case refuseGround = "refuse_ground"
    case refuseReason = "refuse_reason"
    case refuseButton = "refuse_button"
    case groundManifestlyUnfounded = "ground_manifestly_unfounded"
    case groundExcessive = "ground_excessive"
    case groundNotIdentified = "ground_not_identified"
    case groundExemption = "ground_exemption"
    case refusedBecause = "refused_because"
    case scopeHeading = "scope_heading"
    case scopeHint = "scope_hint"
    case scopeAll = "scope_all"
    case scopeReason = "scope_reason"
    case scopeButton = "scope_button"
    case scopeLastReason = "scope_last_reason"
    case selfServiceActivities = "self_service_activities"
    case selfServiceActivitiesHint = "self_service_activities_hint"
    case selfServiceKindRestriction = "self_service_kind_restriction"
    case selfServiceConfirmActivities = "self_service_confirm_activities"
    case stepRefused = "step_refused"
    case stepRescoped = "step_rescoped"
    case decisionsNone = "decisions_none"
    // The audit trail (issue 32: 2).
    case navAudit = "nav_audit"
    case auditIntro = "audit_intro"
    case auditPersonLabel = "audit_person_label"
    case auditFrom = "audit_from"
    case auditTo = "audit_to"
    case auditActor = "audit_actor"
    case auditAction = "audit_action"
    case auditDetail = "audit_detail"
    case auditNone = "audit_none"
    case auditNewer = "audit_newer"
    case auditOlder = "audit_older"
    case auditBadDate = "audit_bad_date"
    case auditShowing = "audit_showing"
    case auditSpan = "audit_span"
    case auditNobody = "audit_nobody"
    case auditNotReference = "audit_not_reference"
    case channelWeb = "channel_web"
    case channelEmail = "channel_email"
    case channelPhone = "channel_phone"
    case channelLetter = "channel_letter"
    case identifierEmail = "identifier_email"
    case identifierPhone = "identifier_phone"
    case identifierPersonalNumber = "identifier_personal_number"
    case readAgain = "read_again"
    case pageNotFound = "page_not_found"
    case languageUnknown = "language_unknown"
    case otherLanguageCode = "other_language_code"
    case otherLanguageName = "other_language_name"
    case otherLanguageLabel = "other_language_label"
    case auditSubject = "audit_subject"
    case auditActorFilter = "audit_actor_filter"
    case auditActionFilter = "audit_action_filter"
    case auditExportCSV = "audit_export_csv"
    case auditCheckChain = "audit_check_chain"
    case auditCheckHint = "audit_check_hint"
    case auditChainIntact = "audit_chain_intact"
    case auditChainBroken = "audit_chain_broken"
    case auditCheckpointsAgree = "audit_checkpoints_agree"
    case auditNoCheckpoint = "audit_no_checkpoint"
    case auditNoUser = "audit_no_user"
    case auditDetailAsWritten = "audit_detail_as_written"
    // The record kept as a processor (issue 32: 6).
    case processorRecord = "processor_record"
    case processorRecordIntro = "processor_record_intro"
    case processorRecordChanged = "processor_record_changed"
    case processorHeading = "processor_heading"
    case processorName = "processor_name"
    case contactDetails = "contact_details"
    case dataProtectionOfficer = "data_protection_officer"
    case representativeArt27 = "representative_in_union"
    case processorClients = "processor_clients"
    case processingAgreement = "processing_agreement"
    case processingCategories = "processing_categories"
    case thirdCountryTransfers = "third_country_transfers"
    case processorSecurity = "processor_security"
    case processorSecurityIntro = "processor_security_intro"
    case noneListed = "none_listed"
    case agreementMissing = "agreement_missing"
    case notDescribed = "not_described"
}
