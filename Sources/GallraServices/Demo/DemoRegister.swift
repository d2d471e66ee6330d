/// The example register the demo loads (`gallra demo`, `gallra serve --demo`), compiled into the
/// program so that the demo runs from any folder. It is `examples/exempel-programvara.yaml`
/// word for word (a test compares the two); change that file, then copy it here.
public enum DemoRegister {
    /// The name the demo gives the file in the register's history.
    public static let file = "exempel-programvara.yaml"

    public static let yaml = ##"""
        # Register över behandlingar (GDPR art. 30) — written from the Swedish retention table in
        # shared/seeds/001_71e39dd6fb71a85d.txt. The seed's own retention wording is kept in
        # retention_text; the rule beside it is what Gallra enforces.
        version: 1
        controller:
          name: Exempel Programvara AB
          organisation_number: "556000-0000"
          address: "Box 1, 111 11 Stockholm"
          email: dataskydd@exempel.se
          phone: "+46 8 000 00 00"
          dpo: { name: "Dataskyddsombud", email: dpo@exempel.se }
          time_zone: Europe/Stockholm
          languages: [sv, en]
          # Art. 13(2)(f): the notice says so.
          automated_decisions: none

        categories:
          - id: all_personal_data
            name: { sv: "Alla kategorier av personuppgifter", en: "All categories of personal data" }

        data_subjects:
          - id: all_subjects
            name: { sv: "Alla kategorier", en: "All categories" }

        systems:
          - id: economy
            name: { sv: "Ekonomisystem", en: "Accounting system" }
          - id: crm
            name: { sv: "CRM-system", en: "CRM system" }
          - id: support
            name: { sv: "Ärendehanteringssystem", en: "Ticketing system" }
          - id: telephony
            name: { sv: "Telefonisystem", en: "Telephone system" }
          - id: website
            name: { sv: "Webbplats och analysverktyg", en: "Website and analytics" }
          - id: cloud
            name: { sv: "Molntjänst", en: "Cloud service" }

        recipients:
          - id: cloud-host
            name: "Molnleverantör AB"
            kind: processor
            country: SE
            agreement: { signed: 2024-01-15, reference: "PUB-2024-01", expires: null }
          # Not in the seed: an illustration of a processor outside the EU/EEA, with its safeguard.
          - id: mail-service
            name: "Utskickstjänst Inc."
            kind: processor
            country: US
            agreement: { signed: 2025-02-01, reference: "PUB-2025-03", expires: 2027-12-31 }
            transfer: { country: US, safeguard: standard_contractual_clauses }
          # Invoices are shown to the tax agency at an audit (Skatteförfarandelagen).
          - id: tax-agency
            name: "Skatteverket (the Swedish Tax Agency)"
            kind: authority
            country: SE

        activities:
          - id: customer-purchases
            name: { sv: "Köp av produkt eller tjänst via någon av våra kanaler/kundreskontra", en: "Purchases through our channels / accounts receivable" }
            purpose: { sv: "Leverera varan/tjänsten", en: "Delivering the product or service" }
            data_subjects: [customers]
            data: [contact_details, address, billing]
            legal_basis: [contract]
            retention: "contract.end + 1y"
            retention_text: { sv: "Avtalstiden + 1 år" }
            systems: [economy, crm]
            security: { sv: "Behörighetsstyrd åtkomst", en: "Role-based access" }

          - id: product-demo
            name: { sv: "Test av produkt/tjänst (demo)", en: "Product trial (demo)" }
            purpose: { sv: "Uppföljning av test av produkt", en: "Following up a product trial" }
            data_subjects: [prospects]
            data: [contact_details]
            legal_basis: [legitimate_interests]
            legitimate_interest: { sv: "Att följa upp ett test som personen själv begärt", en: "Following up a trial the person asked for" }
            retention: "collected + 60d"
            retention_text: { sv: "60 dagar" }
            systems: [crm]
            security: { sv: "Behörighetsstyrd åtkomst", en: "Role-based access" }

          - id: website-visits
            name: { sv: "Besök på hemsidan", en: "Website visits" }
            purpose: { sv: "Analys och uppföljning", en: "Analysis and follow-up" }
            data_subjects: [website_visitors]
            data: [cookie_id, ip_address]
            legal_basis: [legitimate_interests]
            legitimate_interest: { sv: "Att förbättra webbplatsen", en: "Improving the website" }
            retention: "collected + 365d"
            retention_text: { sv: "1-365 dagar" }
            # Visits stay countable for statistics; the cookie and IP address go.
            on_expiry: anonymise
            systems: [website]
            security: { sv: "IP-adresser maskeras i rapporter", en: "IP addresses are masked in reports" }

          - id: seminars
            name: { sv: "Anmälan till gratistjänster såsom seminarier, webinarier", en: "Sign-up for free services such as seminars and webinars" }
            purpose: { sv: "Leverera varan/tjänsten", en: "Delivering the service" }
            data_subjects: [customers, prospects]
            data: [contact_details]
            legal_basis: [contract]
            retention: "contract.end + 1y"
            retention_text: { sv: "Avtalstiden + 1 år" }
            systems: [crm]
            security: { sv: "Behörighetsstyrd åtkomst", en: "Role-based access" }

          - id: recruitment
            name: { sv: "Arbetssökande specifik tjänst", en: "Applicants for a specific position" }
            purpose: { sv: "Utvärdera och välja rätt person att rekrytera", en: "Evaluating and choosing the right person to hire" }
            data_subjects: [job_applicants]
            data: [name, contact_details, application]
            legal_basis: [legitimate_interests]
            legitimate_interest: { sv: "Att kunna rekrytera rätt person", en: "Hiring the right person" }
            retention: "recruitment.end + 2y"
            retention_text: { sv: "Under rekryteringsprocessen + ytterligare 2 år" }
            security: { sv: "Endast rekryterande chef och HR har åtkomst", en: "Only the hiring manager and HR have access" }

          - id: accounts-payable
            name: { sv: "Leverantörsreskontra", en: "Accounts payable" }
            purpose: { sv: "Köpa vara/tjänst", en: "Buying goods and services" }
            data_subjects: [suppliers]
            data: [billing]
            legal_basis: [contract, legal_obligation]
            law: { sv: "Bokföringslagen (1999:1078) 7 kap. 2 §", en: "the Swedish Accounting Act (1999:1078), Chapter 7, Section 2" }
            # "7 år" under Bokföringslagen: through the seventh year after the end of the calendar year
            # in which the financial year ended.
            retention: "end-of-year(fiscal-year.end) + 7y"
            retention_text: { sv: "7 år" }
            systems: [economy]
            recipients: [tax-agency]
            security: { sv: "Endast ekonomiavdelningen har åtkomst", en: "Only the finance department has access" }

          # The seed keeps the customer ledger under the purchase row ("Avtalstiden + 1 år"), but invoices
          # are accounting records, which Bokföringslagen keeps for seven years; that part is its own
          # activity here, so an erasure request keeps exactly the invoices, and says until when.
          - id: customer-invoicing
            name: { sv: "Kundreskontra och fakturering", en: "Customer invoicing and ledger" }
            purpose: { sv: "Fakturera och bokföra försäljning", en: "Invoicing and bookkeeping of sales" }
            data_subjects: [customers]
            data: [billing, customer_number, address]
            legal_basis: [legal_obligation]
            law: { sv: "Bokföringslagen (1999:1078) 7 kap. 2 §", en: "the Swedish Accounting Act (1999:1078), Chapter 7, Section 2" }
            retention: "end-of-year(fiscal-year.end) + 7y"
            retention_text: { sv: "7 år efter utgången av det kalenderår då räkenskapsåret avslutades" }
            systems: [economy]
            recipients: [tax-agency]
            security: { sv: "Endast ekonomiavdelningen har åtkomst", en: "Only the finance department has access" }

          - id: support
            name: { sv: "Kundärenden/Support", en: "Customer support" }
            purpose: { sv: "Loggning i ärendehanteringssystem", en: "Logging in the ticketing system" }
            data_subjects: [customers]
            data: [contact_details, case_content]
            legal_basis: [contract]
            retention: "contract.end + 3y"
            retention_text: { sv: "Avtalstiden + 3 år" }
            systems: [support]
            recipients: [cloud-host]
            security: { sv: "Åtkomst endast för supportpersonal; kryptering", en: "Access for support staff only; encryption" }

          - id: phone-contact
            name: { sv: "Kontakt via telefon", en: "Contact by telephone" }
            purpose: { sv: "Underlag samt fullgörande för återkontakt, avtal", en: "Records for calling back and for fulfilling agreements" }
            data_subjects: [all_subjects]
            data: [contact_details, recordings]
            legal_basis: [legitimate_interests, contract]
            legitimate_interest: { sv: "Att kunna återkomma till den som ringt", en: "Being able to call back" }
            retention: "collected + 2y"
            retention_text: { sv: "2 år" }
            systems: [telephony]
            security: { sv: "Inspelningar krypteras", en: "Recordings are encrypted" }

          - id: mail-social-media
            name: { sv: "Kontakt via mail, sociala media", en: "Contact by e-mail and social media" }
            purpose: { sv: "Underlag samt fullgörande för återkontakt, avtal", en: "Records for replying and for fulfilling agreements" }
            data_subjects: [all_subjects]
            data: [contact_details]
            legal_basis: [contract, legitimate_interests]
            legitimate_interest: { sv: "Att kunna besvara frågor", en: "Being able to answer questions" }
            retention: "collected + 5y"
            retention_text: { sv: "5 år" }
            systems: [crm]
            security: { sv: "Behörighetsstyrd åtkomst", en: "Role-based access" }

          - id: cloud-storage
            name: { sv: "Lagring av data i molnet", en: "Storing data in the cloud" }
            purpose: { sv: "För personuppgiftsansvariges räkning lagra data", en: "Storing data on the controller's behalf" }
            data_subjects: [customers]
            data: [all_personal_data]
            legal_basis: [contract]
            retention: "contract.end + 30d"
            retention_text: { sv: "Under avtalstiden + 30 dagar" }
            systems: [cloud]
            recipients: [cloud-host]
            security: { sv: "Kryptering vid lagring och överföring", en: "Encryption at rest and in transit" }

          - id: backup
            name: { sv: "Backup av lagrad data i molnet/lokalt", en: "Backups of stored data, in the cloud and locally" }
            purpose: { sv: "Säkerställa tillgång till data i händelse av avsiktlig eller oavsiktlig förlust", en: "Keeping data available after deliberate or accidental loss" }
            data_subjects: [customers]
            data: [all_personal_data]
            legal_basis: [legitimate_interests]
            legitimate_interest: { sv: "Att kunna återställa data", en: "Being able to restore data" }
            retention: "contract.end + 13mo"
            retention_text: { sv: "13 mån efter avtalets slut" }
            systems: [cloud]
            recipients: [cloud-host]
            security: { sv: "Krypterade säkerhetskopior", en: "Encrypted backups" }

          - id: support-forum
            name: { sv: "Program- och frågeserviceforum", en: "Software and help forum" }
            purpose: { sv: "Support och självhjälp", en: "Support and self-help" }
            data_subjects: [customers, prospects]
            data: [contact_details]
            legal_basis: [contract, legitimate_interests]
            legitimate_interest: { sv: "Att erbjuda självhjälp", en: "Offering self-help" }
            retention: "collected + 3y"
            retention_text: { sv: "3 år" }
            systems: [website]
            security: { sv: "Behörighetsstyrd åtkomst", en: "Role-based access" }

          - id: bl-account
            name: { sv: "Anmälan BL Konto", en: "BL Account sign-up" }
            purpose: { sv: "Skapa ett BL Konto för att ge tillgång till tjänster som kräver BL Konto", en: "Creating an account for the services that need one" }
            data_subjects: [customers]
            data: [email, login, contact_details]
            legal_basis: [contract]
            retention: "contract.end + 1y"
            retention_text: { sv: "Under avtalstiden + 1 år" }
            systems: [website]
            security: { sv: "Lösenord lagras hashade", en: "Passwords are stored hashed" }

          - id: direct-mail
            name: { sv: "Adressuttag för direktreklam", en: "Address lists for direct mail" }
            # The seed says only "Marknadsföring"; a notice must say what for (Art. 5(1)(b)).
            purpose: { sv: "Att skicka erbjudanden om våra produkter per post", en: "Sending offers of our products by post" }
            data_subjects: [prospects]
            data: [address]
            legal_basis: [legitimate_interests]
            legitimate_interest: { sv: "Direktmarknadsföring", en: "Direct marketing" }
            # An objection stops direct marketing unconditionally (Art. 21(3)).
            direct_marketing: true
            retention: "collected + 30d"
            retention_text: { sv: "30 dagar" }
            # An address list is taken from an address register, not from the person (Art. 14).
            source: public_registers
            systems: [crm]
            security: { sv: "Behörighetsstyrd åtkomst", en: "Role-based access" }

          - id: newsletter
            name: { sv: "Anmälan till gratistjänst såsom BL Nyhetsbrev", en: "Sign-up for the newsletter" }
            purpose: { sv: "Leverera vara/tjänst", en: "Delivering the newsletter" }
            data_subjects: [customers]
            data: [email]
            legal_basis: [contract]
            retention: "contract.end + 30d"
            retention_text: { sv: "Under avtalstid + 30 dagar" }
            systems: [crm]
            recipients: [mail-service]
            security: { sv: "Behörighetsstyrd åtkomst", en: "Role-based access" }

          - id: customer-files
            name: { sv: "Överföring av kundfiler", en: "Transfer of customer files" }
            purpose: { sv: "Att lösa supportärenden med hjälp av kundens filer", en: "Solving support cases with the customer's files" }
            data_subjects: [customers]
            data: [customer_files]
            legal_basis: [contract]
            retention: "min(case.closed + 7d, collected + 12mo)"
            retention_text: { sv: "Under tid supportärendet är öppet + 7 dagar, max 12 mån" }
            systems: [support]
            security: { sv: "Filerna krypteras", en: "Files are encrypted" }

          - id: remote-control
            name: { sv: "Fjärrstyrning av kunddator", en: "Remote control of the customer's computer" }
            purpose: { sv: "Att lösa supportärenden genom att fjärrstyra kundens dator", en: "Solving support cases by remote control of the customer's computer" }
            data_subjects: [customers]
            data: [customer_files]
            legal_basis: [contract]
            retention: "none"
            retention_text: { sv: "Ingen" }
            security: { sv: "Sessionen spelas inte in", en: "Sessions are not recorded" }

          - id: processor-agreements
            name: { sv: "Register över ingångna personuppgiftsbiträdesavtal", en: "Register of processor agreements" }
            purpose: { sv: "Uppfylla bestämmelser i dataskyddsförordningen", en: "Meeting the requirements of the GDPR" }
            data_subjects: [customers]
            data: [name, contact_details, company]
            legal_basis: [legal_obligation]
            law: { sv: "Dataskyddsförordningen (EU) 2016/679 art. 28.9 och 30.2", en: "the General Data Protection Regulation (EU) 2016/679, Articles 28(9) and 30(2)" }
            retention: "contract.end + 1y"
            retention_text: { sv: "Under avtalstiden + 1 år" }
            security: { sv: "Behörighetsstyrd åtkomst", en: "Role-based access" }

          - id: rights-requests
            name: { sv: "Register för utnyttjande av rättigheter enligt gdpr", en: "Register of data subject requests" }
            purpose: { sv: "Säkerställa att tider hålls och att alla begäranden behandlas", en: "Making sure every request is handled on time" }
            data_subjects: [customers]
            data: [name, customer_number]
            legal_basis: [legal_obligation]
            law: { sv: "Dataskyddsförordningen (EU) 2016/679 art. 5.2 och 12", en: "the General Data Protection Regulation (EU) 2016/679, Articles 5(2) and 12" }
            retention: "collected + 10y"
            retention_text: { sv: "10 år" }
            # Gallra keeps its request register under this activity's rule.
            keeps: requests
            security: { sv: "Behörighetsstyrd åtkomst", en: "Role-based access" }

          - id: prospects
            name: { sv: "Potentiella kunder", en: "Prospective customers" }
            purpose: { sv: "Spara kontaktuppgifter om intresserade av varor/tjänster, t ex program", en: "Keeping the contact details of people interested in our products" }
            data_subjects: [prospects]
            data: [contact_details]
            legal_basis: [legitimate_interests]
            legitimate_interest: { sv: "Att kunna återkomma till intresserade", en: "Following up on interest" }
            retention: "collected + 3y"
            retention_text: { sv: "3 år" }
            systems: [crm]
            security: { sv: "Behörighetsstyrd åtkomst", en: "Role-based access" }

          - id: incidents
            name: { sv: "Personuppgiftsincidentshantering", en: "Personal data incident handling" }
            purpose: { sv: "Lagring av personuppgifter för drabbade personer vid personuppgiftsincidenter", en: "Keeping the data of people affected by personal data incidents" }
            data_subjects: [all_subjects]
            data: [all_personal_data]
            legal_basis: [legal_obligation]
            law: { sv: "Dataskyddsförordningen (EU) 2016/679 art. 33.5", en: "the General Data Protection Regulation (EU) 2016/679, Article 33(5)" }
            retention: "collected + 10y"
            retention_text: { sv: "10 år" }
            keeps: incidents
            security: { sv: "Endast dataskyddsombudet har åtkomst", en: "Only the data protection officer has access" }

          - id: photo-consent
            name: { sv: "Register för samtycke foto, filmning, ljudupptagning av kunder", en: "Consents to photos, film and sound recordings of customers" }
            purpose: { sv: "Säkerställa rättslig grund för personuppgiftsbehandlingen", en: "Securing the legal basis of the processing" }
            data_subjects: [customers]
            data: [name, images, recordings]
            legal_basis: [consent]
            retention: "min(campaign.end, consent.withdrawn)"
            retention_text: { sv: "Under aktuell marknadsföring alternativt tills återkallat samtycke" }
            security: { sv: "Behörighetsstyrd åtkomst", en: "Role-based access" }

          - id: download-log
            name: { sv: "Loggning av nedladdning av filer", en: "Logging of file downloads" }
            purpose: { sv: "Leverera enligt avtal", en: "Delivering under the agreement" }
            data_subjects: [customers]
            data: [customer_number, download_log]
            legal_basis: [contract]
            retention: "download + 6mo"
            retention_text: { sv: "6 månader efter nedladdning" }
            systems: [website]
            security: { sv: "Behörighetsstyrd åtkomst", en: "Role-based access" }

        # Art. 30(2): the company also runs its ticketing service for customers, on their behalf (as
        # Trackmondo AB in shared/seeds/003_a424992c57dd7d42.txt is "personuppgiftsansvarig eller data
        # behandlare"). The processor is the company itself: its name and contact details are the controller's.
        processor:
          security:
            sv: "Kundens data hålls åtskild per kund och krypteras vid lagring och överföring; åtkomst endast för namngiven driftpersonal med tvåfaktorsinloggning; åtkomsten loggas; dagliga säkerhetskopior återläses varje kvartal."
            en: "Each customer's data is kept apart and encrypted at rest and in transit; access only for named operations staff with two-factor sign-in; access is logged; daily backups are restored every quarter."
          controllers:
            - id: kund-nord
              name: "Kundföretaget Nord AB"
              organisation_number: "556111-2222"
              address: "Storgatan 2, 901 02 Umeå"
              email: dataskydd@kundnord.se
              phone: "+46 90 000 00 00"
              dpo: { name: "Dataskyddsombud Kundföretaget Nord", email: dpo@kundnord.se }
              agreement: { signed: 2025-03-01, reference: "PUBA-2025-07", expires: null }
              processing:
                - { sv: "Drift och lagring av kundens ärendehanteringssystem", en: "Running and storing the customer's ticketing system" }
                - { sv: "Support till kundens användare", en: "Support for the customer's users" }
                - { sv: "Säkerhetskopiering", en: "Backups" }
              transfers:
                - country: US
                  recipient: "Utskickstjänst Inc."
                  safeguard: standard_contractual_clauses
        """##
}
