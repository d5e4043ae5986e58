<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="da_DK">
<context>
    <name></name>
    <message>
        <source>Cannot read {name}: {value}.</source>
        <translation>Kan ikke læse {name}: {value}.</translation>
    </message>
    <message>
        <source>Draft agreement</source>
        <translation>Udkast til aftale</translation>
    </message>
    <message>
        <source>Save the final PDF</source>
        <translation>Gem den endelige PDF</translation>
    </message>
    <message>
        <source>Save the PDF</source>
        <translation>Gem PDF&apos;en</translation>
    </message>
    <message>
        <source>{reference} {title} for HR.pdf</source>
        <translation>{reference} {title} til HR.pdf</translation>
    </message>
    <message>
        <source>Save the fillable PDF for HR</source>
        <translation>Gem den udfyldelige PDF til HR</translation>
    </message>
    <message>
        <source>Choose the PDF returned by HR</source>
        <translation>Vælg den PDF, som HR har returneret</translation>
    </message>
    <message>
        <source>Import returned PDF</source>
        <translation>Importér returneret PDF</translation>
    </message>
    <message>
        <source>Choose a PDF to verify</source>
        <translation>Vælg en PDF, der skal kontrolleres</translation>
    </message>
    <message>
        <source>Verify a PDF</source>
        <translation>Kontrollér en PDF</translation>
    </message>
    <message>
        <source>This placement</source>
        <translation>Dette praktikophold</translation>
    </message>
    <message>
        <source>Signed by every party</source>
        <translation>Underskrevet af alle parter</translation>
    </message>
    <message>
        <source>{title} is signed by every party and locked. Its final PDF is archived with SHA-256 {final_sha256}.</source>
        <translation>{title} er underskrevet af alle parter og låst. Den endelige PDF er arkiveret med SHA-256 {final_sha256}.</translation>
    </message>
    <message>
        <source>Save scan</source>
        <translation>Gem scanning</translation>
    </message>
    <message>
        <source>Save the scan</source>
        <translation>Gem scanningen</translation>
    </message>
    <message>
        <source>No placement is selected</source>
        <translation>Intet praktikophold er valgt</translation>
    </message>
    <message numerus="yes">
        <source>%Ln placement(s)</source>
        <translation>
            <numerusform>%Ln praktikophold</numerusform>
            <numerusform>%Ln praktikophold</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The %Ln selected placement(s)</source>
        <translation>
            <numerusform>Det valgte praktikophold</numerusform>
            <numerusform>De %Ln valgte praktikophold</numerusform>
        </translation>
    </message>
    <message>
        <source>The agreements were not exported</source>
        <translation>Aftalerne blev ikke eksporteret</translation>
    </message>
    <message>
        <source>Cancelled: no agreement was written, the folder is as it was.</source>
        <translation>Annulleret: ingen aftale blev skrevet, mappen er uændret.</translation>
    </message>
    <message>
        <source>Export agreements</source>
        <translation>Eksportér aftaler</translation>
    </message>
    <message>
        <source>The {count} shown with an agreement on file</source>
        <translation>De {count} viste med en aftale på fil</translation>
    </message>
    <message>
        <source>The {count} shown in the list</source>
        <translation>De {count} viste på listen</translation>
    </message>
    <message>
        <source> ({missing:,} drafted from their records)</source>
        <translation> ({missing:,} udarbejdet ud fra deres data)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Vælg…</translation>
    </message>
    <message>
        <source>Fillable: the host&apos;s part as form fields, for HR to complete</source>
        <translation>Udfyldelig: den modtagende organisations del som formularfelter, som HR udfylder</translation>
    </message>
    <message>
        <source>Agreements of</source>
        <translation>Aftaler for</translation>
    </message>
    <message>
        <source>Save into</source>
        <translation>Gem i</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Variant</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Åbn mappe</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Eksportér</translation>
    </message>
    <message>
        <source>One PDF per placement, named by its reference (e.g. VIP-2027-00042.pdf), ready to send for signature. If you cancel, the folder is left as it was.</source>
        <translation>Én PDF pr. praktikophold, navngivet efter referencen (f.eks. VIP-2027-00042.pdf), klar til at blive sendt til underskrift. Hvis du annullerer, forbliver mappen uændret.</translation>
    </message>
    <message>
        <source>Save the agreements into</source>
        <translation>Gem aftalerne i</translation>
    </message>
    <message>
        <source>Choose the folder to save the agreements into.</source>
        <translation>Vælg mappen, aftalerne skal gemmes i.</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>Mappen {folder} findes ikke.</translation>
    </message>
    <message>
        <source>There is no placement to export.</source>
        <translation>Der er intet praktikophold at eksportere.</translation>
    </message>
    <message>
        <source>Writing the agreements of {count}…</source>
        <translation>Skriver aftalerne for {count}…</translation>
    </message>
    <message>
        <source>Exporting agreements</source>
        <translation>Eksporterer aftaler</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %Ln agreement(s) to {folder}.</source>
        <translation>
            <numerusform>Skrev %Ln aftale til {folder}.</numerusform>
            <numerusform>Skrev %Ln aftaler til {folder}.</numerusform>
        </translation>
    </message>
    <message>
        <source>{replaced:,} of them replaced earlier files of the same name.</source>
        <translation>{replaced:,} af dem erstattede tidligere filer med samme navn.</translation>
    </message>
    <message>
        <source>{count} had been deleted meanwhile and were left out.</source>
        <translation>{count} var blevet slettet i mellemtiden og blev udeladt.</translation>
    </message>
    <message>
        <source>Returned PDF — {name}</source>
        <translation>Returneret PDF — {name}</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;{name}&lt;/b&gt; differs from the agreement in %n field(s). Tick the changes to accept: they become a new version to send again; the others are left as they are.</source>
        <translation>
            <numerusform>&lt;b&gt;{name}&lt;/b&gt; afviger fra aftalen i %n felt. Markér de ændringer, der skal accepteres: de bliver en ny version, der sendes igen; de øvrige forbliver uændrede.</numerusform>
            <numerusform>&lt;b&gt;{name}&lt;/b&gt; afviger fra aftalen i %n felter. Markér de ændringer, der skal accepteres: de bliver en ny version, der sendes igen; de øvrige forbliver uændrede.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; changes no field of the agreement.</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; ændrer intet felt i aftalen.</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Felt</translation>
    </message>
    <message>
        <source>In vipdesk</source>
        <translation>I vipdesk</translation>
    </message>
    <message>
        <source>In the returned PDF</source>
        <translation>I den returnerede PDF</translation>
    </message>
    <message>
        <source>Signed digitally in this file: &lt;b&gt;{who}&lt;/b&gt;.</source>
        <translation>Digitalt underskrevet i denne fil: &lt;b&gt;{who}&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Nobody signed this file digitally.</source>
        <translation>Ingen har underskrevet denne fil digitalt.</translation>
    </message>
    <message>
        <source>Record the {value}&apos;s digital signature</source>
        <translation>Registrér digital signatur ({value})</translation>
    </message>
    <message>
        <source>&amp;Accept selected</source>
        <translation>&amp;Acceptér valgte</translation>
    </message>
    <message>
        <source>Amend the agreement</source>
        <translation>Ændr aftalen</translation>
    </message>
    <message>
        <source>The signed agreement stays as it is. An amendment records what changes during the placement; all three parties sign it.</source>
        <translation>Den underskrevne aftale forbliver, som den er. En ændring registrerer, hvad der ændres under praktikopholdet; alle tre parter underskriver den.</translation>
    </message>
    <message>
        <source>e.g. The project moved to a new team; hours reduced.</source>
        <translation>f.eks. Projektet flyttede til et nyt team; færre timer.</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Begrundelse</translation>
    </message>
    <message>
        <source>&amp;Start amendment</source>
        <translation>&amp;Start ændring</translation>
    </message>
    <message>
        <source>Traineeship certificate</source>
        <translation>Praktikbevis</translation>
    </message>
    <message>
        <source>The certificate states what really happened. When did the traineeship actually start and end?</source>
        <translation>Beviset angiver, hvad der faktisk skete. Hvornår startede og sluttede praktikopholdet faktisk?</translation>
    </message>
    <message>
        <source>Actual start</source>
        <translation>Faktisk start</translation>
    </message>
    <message>
        <source>Actual end</source>
        <translation>Faktisk slut</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;Fortsæt</translation>
    </message>
    <message>
        <source>Traineeship certificate {version} — {reference}</source>
        <translation>Praktikbevis {version} — {reference}</translation>
    </message>
    <message>
        <source> (read only)</source>
        <translation> (skrivebeskyttet)</translation>
    </message>
    <message>
        <source>&lt;b&gt;{trainee_name}&lt;/b&gt; at &lt;b&gt;{host_name}&lt;/b&gt;&lt;br&gt;Planned {planned_start} – {planned_end}, {hours_per_week} h/week, {label}</source>
        <translation>&lt;b&gt;{trainee_name}&lt;/b&gt; hos &lt;b&gt;{host_name}&lt;/b&gt;&lt;br&gt;Planlagt {planned_start} – {planned_end}, {hours_per_week} t/uge, {label}</translation>
    </message>
    <message>
        <source>One task per line</source>
        <translation>Én opgave pr. linje</translation>
    </message>
    <message>
        <source>One learning outcome per line</source>
        <translation>Ét læringsudbytte pr. linje</translation>
    </message>
    <message>
        <source>The mentor&apos;s evaluation of the trainee</source>
        <translation>Mentorens vurdering af praktikanten</translation>
    </message>
    <message>
        <source>Overall assessment or suggested grade (optional)</source>
        <translation>Samlet vurdering eller foreslået karakter (valgfri)</translation>
    </message>
    <message>
        <source>Tasks carried out</source>
        <translation>Udførte opgaver</translation>
    </message>
    <message>
        <source>Learning outcomes achieved</source>
        <translation>Opnået læringsudbytte</translation>
    </message>
    <message>
        <source>Mentor&apos;s evaluation</source>
        <translation>Mentorens vurdering</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>Vurdering</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Gem</translation>
    </message>
    <message>
        <source>Start a new version?</source>
        <translation>Start en ny version?</translation>
    </message>
    <message>
        <source>Start version {value} as a copy of {title}? Version {number} is then superseded: no more signatures are recorded on it, and the new version is sent for signature again.</source>
        <translation>Start version {value} som kopi af {title}? Version {number} er så erstattet: der registreres ikke flere underskrifter på den, og den nye version sendes til underskrift igen.</translation>
    </message>
    <message>
        <source>New version</source>
        <translation>Ny version</translation>
    </message>
    <message>
        <source>&amp;Draft agreement…</source>
        <translation>&amp;Udarbejd aftale…</translation>
    </message>
    <message>
        <source>&amp;View…</source>
        <translation>&amp;Vis…</translation>
    </message>
    <message>
        <source>Se&amp;nd for signature…</source>
        <translation>Send til &amp;underskrift…</translation>
    </message>
    <message>
        <source>&amp;Record signature…</source>
        <translation>&amp;Registrér underskrift…</translation>
    </message>
    <message>
        <source>Dec&amp;line…</source>
        <translation>Af&amp;vis…</translation>
    </message>
    <message>
        <source>Save sc&amp;an…</source>
        <translation>Gem sc&amp;anning…</translation>
    </message>
    <message>
        <source>Save &amp;PDF…</source>
        <translation>Gem &amp;PDF…</translation>
    </message>
    <message>
        <source>&amp;Fillable PDF for HR…</source>
        <translation>U&amp;dfyldelig PDF til HR…</translation>
    </message>
    <message>
        <source>Send &amp;by e-mail…</source>
        <translation>Send pr. &amp;e-mail…</translation>
    </message>
    <message>
        <source>&amp;Import returned PDF…</source>
        <translation>&amp;Importér returneret PDF…</translation>
    </message>
    <message>
        <source>Ne&amp;w version</source>
        <translation>&amp;Ny version</translation>
    </message>
    <message>
        <source>A&amp;mend…</source>
        <translation>Æn&amp;dr…</translation>
    </message>
    <message>
        <source>&amp;Certificate…</source>
        <translation>&amp;Bevis…</translation>
    </message>
    <message>
        <source>V&amp;erify a PDF…</source>
        <translation>K&amp;ontrollér en PDF…</translation>
    </message>
    <message>
        <source>&lt;b&gt;No agreement yet&lt;/b&gt; — &lt;i&gt;Draft the agreement…&lt;/i&gt; starts version 1 from the placement&apos;s records: parties, dates, tasks, tools and the communication protocol.</source>
        <translation>&lt;b&gt;Ingen aftale endnu&lt;/b&gt; — &lt;i&gt;Udarbejd aftale…&lt;/i&gt; starter version 1 ud fra praktikopholdets data: parter, datoer, opgaver, værktøjer og kommunikationsprotokollen.</translation>
    </message>
    <message>
        <source>Send it for signature first; then e-mail it to each party.</source>
        <translation>Send den først til underskrift; send den derefter pr. e-mail til hver part.</translation>
    </message>
    <message>
        <source>A later version replaced it.</source>
        <translation>En senere version erstattede den.</translation>
    </message>
    <message>
        <source>Select a document in the list first.</source>
        <translation>Vælg først et dokument på listen.</translation>
    </message>
    <message>
        <source>Draft the agreement first.</source>
        <translation>Udarbejd først aftalen.</translation>
    </message>
    <message>
        <source>No agreement version is open: a returned PDF has nothing to change.</source>
        <translation>Ingen version af aftalen er åben: en returneret PDF har intet at ændre.</translation>
    </message>
    <message>
        <source>Only once the agreement is signed by every party and locked.</source>
        <translation>Først når aftalen er underskrevet af alle parter og låst.</translation>
    </message>
    <message>
        <source>There is no version to replace yet.</source>
        <translation>Der er endnu ingen version at erstatte.</translation>
    </message>
    <message>
        <source>It is out for signature: start a new version to change it.</source>
        <translation>Den er sendt til underskrift: start en ny version for at ændre den.</translation>
    </message>
    <message>
        <source>It is signed and locked: changes are amendments.</source>
        <translation>Den er underskrevet og låst: ændringer sker ved tillæg.</translation>
    </message>
    <message>
        <source>It is not out for signature.</source>
        <translation>Den er ikke sendt til underskrift.</translation>
    </message>
    <message>
        <source>It has no PDF until it is sent for signature.</source>
        <translation>Den har ingen PDF, før den er sendt til underskrift.</translation>
    </message>
    <message>
        <source>Only agreement versions go to HR as a fillable PDF.</source>
        <translation>Kun versioner af aftalen går til HR som udfyldelig PDF.</translation>
    </message>
    <message>
        <source>Only a draft or a version out for signature goes to HR.</source>
        <translation>Kun et udkast eller en version sendt til underskrift går til HR.</translation>
    </message>
    <message>
        <source>Select a paper signature (scan attached) in the signatures table.</source>
        <translation>Vælg en underskrift på papir (med vedhæftet scanning) i tabellen over underskrifter.</translation>
    </message>
    <message>
        <source>Only an agreement version out for signature is replaced.</source>
        <translation>Kun en version af aftalen, der er sendt til underskrift, erstattes.</translation>
    </message>
    <message>
        <source>Save the placement first to draft its agreement.</source>
        <translation>Gem først praktikopholdet for at udarbejde dets aftale.</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sendt</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Låst</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Agreement versions</source>
        <translation>Versioner af aftalen</translation>
    </message>
    <message>
        <source>Each version of the agreement, its state and date</source>
        <translation>Hver version af aftalen med status og dato</translation>
    </message>
    <message>
        <source>Party</source>
        <translation>Part</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Underskrevet af</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Dato</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Metode</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Funktion</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>Registreret af</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>Underskrifter</translation>
    </message>
    <message>
        <source>Who signed the chosen version, when and how</source>
        <translation>Hvem der underskrev den valgte version, hvornår og hvordan</translation>
    </message>
    <message>
        <source>M&amp;ore</source>
        <translation>&amp;Mere</translation>
    </message>
    <message>
        <source>Every action on the agreement, and why some cannot be done now</source>
        <translation>Alle handlinger på aftalen, og hvorfor nogle ikke kan udføres nu</translation>
    </message>
    <message>
        <source>Edit &amp;draft…</source>
        <translation>Redigér &amp;udkast…</translation>
    </message>
    <message>
        <source>Why: {note}</source>
        <translation>Hvorfor: {note}</translation>
    </message>
    <message>
        <source>Not sent yet: the signatures are recorded once it is out for signature.</source>
        <translation>Ikke sendt endnu: underskrifterne registreres, når den er sendt til underskrift.</translation>
    </message>
    <message>
        <source>Signing order: {order_text}</source>
        <translation>Underskriftsrækkefølge: {order_text}</translation>
    </message>
    <message>
        <source>Next to sign: &lt;b&gt;{value}&lt;/b&gt;</source>
        <translation>Næste til at underskrive: &lt;b&gt;{value}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{hex_of}&apos;&gt;Declined by the {party_label}: {reason}&lt;/span&gt; — start a new version to rework it.</source>
        <translation>&lt;span style=&apos;color:{hex_of}&apos;&gt;Afvist af: {party_label}: {reason}&lt;/span&gt; — start en ny version for at omarbejde den.</translation>
    </message>
    <message>
        <source>SHA-256 of the final PDF: &lt;tt&gt;{final_sha256}&lt;/tt&gt;</source>
        <translation>SHA-256 for den endelige PDF: &lt;tt&gt;{final_sha256}&lt;/tt&gt;</translation>
    </message>
    <message>
        <source>Send {title} for signature</source>
        <translation>Send {title} til underskrift</translation>
    </message>
    <message>
        <source>&lt;b&gt;{title}&lt;/b&gt; is frozen when it is sent: its PDF is made and each party signs it in turn. Choose the order in which the parties sign.</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt; fastfryses, når den sendes: PDF&apos;en oprettes, og hver part underskriver på skift. Vælg rækkefølgen, parterne underskriver i.</translation>
    </message>
    <message>
        <source>Signing order</source>
        <translation>Underskriftsrækkefølge</translation>
    </message>
    <message>
        <source>Who signs first, second, third</source>
        <translation>Hvem der underskriver først, som nummer to, som nummer tre</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Flyt &amp;op</translation>
    </message>
    <message>
        <source>Move d&amp;own</source>
        <translation>Flyt &amp;ned</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Send</translation>
    </message>
    <message>
        <source>Order: {order_text}</source>
        <translation>Rækkefølge: {order_text}</translation>
    </message>
    <message>
        <source>Not sent — please correct first:
</source>
        <translation>Ikke sendt — ret først:
</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF-dokumenter (*.pdf)</translation>
    </message>
    <message>
        <source>Scans (*.pdf *.png *.jpg *.jpeg)</source>
        <translation>Scanninger (*.pdf *.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Certificates with their key (*.p12 *.pfx)</source>
        <translation>Certifikater med deres nøgle (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>&amp;Typed approval (by e-mail or letter)</source>
        <translation>&amp;Skriftlig godkendelse (pr. e-mail eller brev)</translation>
    </message>
    <message>
        <source>&amp;Paper signature, with a scan of the signed page</source>
        <translation>Underskrift på &amp;papir med en scanning af den underskrevne side</translation>
    </message>
    <message>
        <source>Digital: a PDF &amp;returned signed</source>
        <translation>Digital: en PDF &amp;returneret underskrevet</translation>
    </message>
    <message>
        <source>Digital: sign &amp;here with a certificate (.p12)</source>
        <translation>Digital: underskriv &amp;her med et certifikat (.p12)</translation>
    </message>
    <message>
        <source>Record signature — {value}</source>
        <translation>Registrér underskrift — {value}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{value}&lt;/b&gt; signs &lt;b&gt;{title}&lt;/b&gt;. How did they sign?</source>
        <translation>&lt;b&gt;{value}&lt;/b&gt; underskriver &lt;b&gt;{title}&lt;/b&gt;. Hvordan blev der underskrevet?</translation>
    </message>
    <message>
        <source>Choose the file…</source>
        <translation>Vælg filen…</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Gennemse…</translation>
    </message>
    <message>
        <source>Used once to sign; never stored</source>
        <translation>Bruges én gang til at underskrive; gemmes aldrig</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <source>Date signed</source>
        <translation>Underskrevet den</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fil</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Adgangssætning</translation>
    </message>
    <message>
        <source>&amp;Sign</source>
        <translation>&amp;Underskriv</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>&amp;Registrér</translation>
    </message>
    <message>
        <source>Choose the file.</source>
        <translation>Vælg filen.</translation>
    </message>
    <message>
        <source>Record an unconfirmed signer?</source>
        <translation>Registrér en ubekræftet underskriver?</translation>
    </message>
    <message>
        <source>{exc}

Record this signature only if you have confirmed who signed (for example by telephone). Your confirmation and the reason are kept in the placement&apos;s history.</source>
        <translation>{exc}

Registrér kun denne underskrift, hvis du har bekræftet, hvem der underskrev (for eksempel pr. telefon). Din bekræftelse og begrundelsen gemmes i praktikopholdets historik.</translation>
    </message>
    <message>
        <source>Decline — {title}</source>
        <translation>Afvis — {title}</translation>
    </message>
    <message>
        <source>A decline is recorded with its reason and &lt;b&gt;resets every other signature&lt;/b&gt; on {title}, digital ones included. Start a new version to change the text.</source>
        <translation>En afvisning registreres med sin begrundelse og &lt;b&gt;nulstiller alle andre underskrifter&lt;/b&gt; på {title}, også digitale. Start en ny version for at ændre teksten.</translation>
    </message>
    <message>
        <source>What the party wants changed, in their words</source>
        <translation>Hvad parten vil have ændret, med partens egne ord</translation>
    </message>
    <message>
        <source>&amp;Decline</source>
        <translation>&amp;Afvis</translation>
    </message>
    <message>
        <source>Say why the party declines.</source>
        <translation>Angiv, hvorfor parten afviser.</translation>
    </message>
    <message>
        <source>Record the decline?</source>
        <translation>Registrér afvisningen?</translation>
    </message>
    <message>
        <source>Record that the {value} declines? Every signature recorded so far on this version is reset.</source>
        <translation>Registrér, at {value} afviser? Alle underskrifter, der hidtil er registreret på denne version, nulstilles.</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der);;All files (*)</source>
        <translation>Certifikater (*.pem *.crt *.cer *.der);;Alle filer (*)</translation>
    </message>
    <message>
        <source>Trusted certificates</source>
        <translation>Betroede certifikater</translation>
    </message>
    <message>
        <source>Signatures whose certificate was issued by one of these authorities are confirmed when the signer&apos;s name matches the person recorded for that party.</source>
        <translation>Signaturer, hvis certifikat er udstedt af en af disse myndigheder, er bekræftede, når underskriverens navn svarer til den person, der er registreret for parten.</translation>
    </message>
    <message>
        <source>The authorities whose signatures count as confirmed</source>
        <translation>Myndighederne, hvis signaturer regnes for bekræftede</translation>
    </message>
    <message>
        <source>No certificate is trusted yet: signers are confirmed only by the certificate accepted before for them.</source>
        <translation>Intet certifikat er betroet endnu: underskrivere bekræftes kun af det certifikat, der tidligere er accepteret for dem.</translation>
    </message>
    <message>
        <source>&amp;Add certificate file…</source>
        <translation>&amp;Tilføj certifikatfil…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Fjern</translation>
    </message>
    <message>
        <source>Trusted from now on: {names}.</source>
        <translation>Betroet fra nu af: {names}.</translation>
    </message>
    <message>
        <source>Trust a certificate</source>
        <translation>Betro et certifikat</translation>
    </message>
    <message>
        <source>Trust this certificate no longer?

{text}</source>
        <translation>Betro ikke længere dette certifikat?

{text}</translation>
    </message>
    <message>
        <source>&lt;b&gt;DAMAGED signature&lt;/b&gt;</source>
        <translation>&lt;b&gt;BESKADIGET signatur&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;ALTERED after signing by {signer}&lt;/b&gt;: </source>
        <translation>&lt;b&gt;ÆNDRET efter underskrift af {signer}&lt;/b&gt;: </translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;small&gt;{organisation}issued by {issuer}&lt;br&gt;valid {valid_from} to {valid_until}&lt;br&gt;SHA-256 {value}&lt;br&gt;{value2}&lt;/small&gt;</source>
        <translation>&lt;br&gt;&lt;small&gt;{organisation}udstedt af {issuer}&lt;br&gt;gyldigt fra {valid_from} til {valid_until}&lt;br&gt;SHA-256 {value}&lt;br&gt;{value2}&lt;/small&gt;</translation>
    </message>
    <message>
        <source>intact, but &lt;b&gt;signer NOT CONFIRMED&lt;/b&gt;: {reasons}</source>
        <translation>intakt, men &lt;b&gt;underskriver IKKE BEKRÆFTET&lt;/b&gt;: {reasons}</translation>
    </message>
    <message>
        <source>intact; signer confirmed</source>
        <translation>intakt; underskriver bekræftet</translation>
    </message>
    <message>
        <source>&lt;p&gt;This PDF carries &lt;b&gt;no digital signatures&lt;/b&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Denne PDF har &lt;b&gt;ingen digitale signaturer&lt;/b&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;ALTERED or DAMAGED: this file was changed after it was signed, or a signature is broken.&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;ÆNDRET eller BESKADIGET: filen er ændret efter underskrift, eller en signatur er ugyldig.&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Every signature is intact, but a signer is not confirmed&lt;/b&gt; as the person on record: see the reason below.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Alle signaturer er intakte, men en underskriver er ikke bekræftet&lt;/b&gt; som den registrerede person: se begrundelsen nedenfor.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Every signature is intact&lt;/b&gt; and every signer confirmed: nothing was changed after signing.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Alle signaturer er intakte&lt;/b&gt;, og alle underskrivere er bekræftet: intet er ændret efter underskrift.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;small&gt;on record: {expected}&lt;/small&gt;</source>
        <translation>&lt;br&gt;&lt;small&gt;registreret: {expected}&lt;/small&gt;</translation>
    </message>
    <message>
        <source>&lt;table cellspacing=&apos;0&apos; cellpadding=&apos;3&apos; border=&apos;1&apos; style=&apos;border-collapse:collapse&apos;&gt;&lt;tr&gt;&lt;th&gt;Party&lt;/th&gt;&lt;th&gt;Signed by&lt;/th&gt;&lt;th&gt;When&lt;/th&gt;&lt;th&gt;Verdict&lt;/th&gt;&lt;/tr&gt;</source>
        <translation>&lt;table cellspacing=&apos;0&apos; cellpadding=&apos;3&apos; border=&apos;1&apos; style=&apos;border-collapse:collapse&apos;&gt;&lt;tr&gt;&lt;th&gt;Part&lt;/th&gt;&lt;th&gt;Underskrevet af&lt;/th&gt;&lt;th&gt;Hvornår&lt;/th&gt;&lt;th&gt;Resultat&lt;/th&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>{archived_title} has no archived final PDF to compare with.</source>
        <translation>{archived_title} har ingen arkiveret endelig PDF at sammenligne med.</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;This is the archived final PDF&lt;/b&gt; of {archived_title}.&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Dette er den arkiverede endelige PDF&lt;/b&gt; for {archived_title}.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;This file differs from the archived final PDF&lt;/b&gt; of {archived_title}.&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Denne fil afviger fra den arkiverede endelige PDF&lt;/b&gt; for {archived_title}.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;{archive}&lt;br&gt;&lt;small&gt;SHA-256 of this file: {sha256}&lt;/small&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;{archive}&lt;br&gt;&lt;small&gt;SHA-256 for denne fil: {sha256}&lt;/small&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Verify — {name}</source>
        <translation>Kontrollér — {name}</translation>
    </message>
    <message>
        <source>{who}: name</source>
        <translation>{who}: navn</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Stilling</translation>
    </message>
    <message>
        <source>{who}: position</source>
        <translation>{who}: stilling</translation>
    </message>
    <message>
        <source>{who}: e-mail</source>
        <translation>{who}: e-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>{who}: phone</source>
        <translation>{who}: telefon</translation>
    </message>
    <message>
        <source>Parties</source>
        <translation>Parter</translation>
    </message>
    <message>
        <source>Programme</source>
        <comment>the agreement&apos;s section</comment>
        <translation>Program</translation>
    </message>
    <message>
        <source>Tasks and deliverables</source>
        <translation>Opgaver og leverancer</translation>
    </message>
    <message>
        <source>Learning outcomes, monitoring and evaluation</source>
        <translation>Læringsudbytte, opfølgning og evaluering</translation>
    </message>
    <message>
        <source>Roles and responsibilities</source>
        <translation>Roller og ansvar</translation>
    </message>
    <message>
        <source>Technology</source>
        <translation>Teknologi</translation>
    </message>
    <message>
        <source>Host commitments</source>
        <translation>Den modtagende organisations forpligtelser</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) to fix before Next.</source>
        <translation>
            <numerusform>%n problem skal løses før Næste.</numerusform>
            <numerusform>%n problemer skal løses før Næste.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>And see the message(s) in red below.</source>
        <translation>
            <numerusform>Og se beskeden med rødt nedenfor.</numerusform>
            <numerusform>Og se beskederne med rødt nedenfor.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>See the message(s) in red below.</source>
        <translation>
            <numerusform>Se beskeden med rødt nedenfor.</numerusform>
            <numerusform>Se beskederne med rødt nedenfor.</numerusform>
        </translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Punkt</translation>
    </message>
    <message>
        <source>Remove {label}</source>
        <translation>Fjern {label}</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Opgave</translation>
    </message>
    <message>
        <source>What the trainee does</source>
        <translation>Hvad praktikanten gør</translation>
    </message>
    <message>
        <source>What is handed in</source>
        <translation>Hvad der afleveres</translation>
    </message>
    <message>
        <source>Deliverable</source>
        <translation>Leverance</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Frist</translation>
    </message>
    <message>
        <source>Deliverable:</source>
        <translation>Leverance:</translation>
    </message>
    <message>
        <source>Deadline:</source>
        <translation>Frist:</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>Værktøj</translation>
    </message>
    <message>
        <source>e.g. Microsoft Teams</source>
        <translation>f.eks. Microsoft Teams</translation>
    </message>
    <message>
        <source>e.g. weekly meetings, chat</source>
        <translation>f.eks. ugentlige møder, chat</translation>
    </message>
    <message>
        <source>Used for</source>
        <translation>Bruges til</translation>
    </message>
    <message>
        <source>e.g. tested with all actors on 12 January</source>
        <translation>f.eks. testet med alle parter den 12. januar</translation>
    </message>
    <message>
        <source>Test status</source>
        <translation>Teststatus</translation>
    </message>
    <message>
        <source>Used for:</source>
        <translation>Bruges til:</translation>
    </message>
    <message>
        <source>Test status:</source>
        <translation>Teststatus:</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periode</translation>
    </message>
    <message>
        <source>Kind of period</source>
        <translation>Periodetype</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Første dag</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Sidste dag</translation>
    </message>
    <message>
        <source>to</source>
        <translation>til</translation>
    </message>
    <message>
        <source>EQF 5 — short cycle</source>
        <translation>EQF 5 — kort videregående</translation>
    </message>
    <message>
        <source>EQF 6 — bachelor</source>
        <translation>EQF 6 — bachelor</translation>
    </message>
    <message>
        <source>EQF 7 — master</source>
        <translation>EQF 7 — kandidat</translation>
    </message>
    <message>
        <source>EQF 8 — doctorate</source>
        <translation>EQF 8 — ph.d.</translation>
    </message>
    <message>
        <source>&lt; 250 employees</source>
        <translation>&lt; 250 ansatte</translation>
    </message>
    <message>
        <source>≥ 250 employees</source>
        <translation>≥ 250 ansatte</translation>
    </message>
    <message>
        <source>Filled from the placement&apos;s records: correct anything that is wrong here. Fields marked * are required.</source>
        <translation>Udfyldt fra praktikopholdets data: ret her, hvad der er forkert. Felter markeret med * er obligatoriske.</translation>
    </message>
    <message>
        <source>Trainee</source>
        <translation>Praktikant</translation>
    </message>
    <message>
        <source>Sending institution</source>
        <translation>Udsendende institution</translation>
    </message>
    <message>
        <source>Receiving organisation</source>
        <translation>Modtagende organisation</translation>
    </message>
    <message>
        <source>ISCED-F code and name, e.g. 0311 Economics</source>
        <translation>ISCED-F-kode og -navn, f.eks. 0311 Økonomi</translation>
    </message>
    <message>
        <source>Na&amp;me</source>
        <translation>Na&amp;vn</translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation>&amp;E-mail</translation>
    </message>
    <message>
        <source>Date of birt&amp;h</source>
        <translation>Fødselsdat&amp;o</translation>
    </message>
    <message>
        <source>Nationa&amp;lity</source>
        <translation>Nat&amp;ionalitet</translation>
    </message>
    <message>
        <source>Stud&amp;y cycle</source>
        <translation>S&amp;tudieniveau</translation>
    </message>
    <message>
        <source>Field of e&amp;ducation</source>
        <translation>Uddannelsesomr&amp;åde</translation>
    </message>
    <message>
        <source>e.g. B LEUVEN01</source>
        <translation>f.eks. B LEUVEN01</translation>
    </message>
    <message>
        <source>Responsible person</source>
        <translation>Ansvarlig person</translation>
    </message>
    <message>
        <source>Academic tutor</source>
        <translation>Akademisk vejleder</translation>
    </message>
    <message>
        <source>Instit&amp;ution</source>
        <translation>Instit&amp;ution</translation>
    </message>
    <message>
        <source>&amp;Faculty</source>
        <translation>&amp;Fakultet</translation>
    </message>
    <message>
        <source>Erasmus &amp;code</source>
        <translation>Erasmus-&amp;kode</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>Ad&amp;resse</translation>
    </message>
    <message>
        <source>C&amp;ountry</source>
        <translation>&amp;Land</translation>
    </message>
    <message>
        <source>Responsi&amp;ble person</source>
        <translation>Ansvarlig &amp;person</translation>
    </message>
    <message>
        <source>Academ&amp;ic tutor</source>
        <translation>Akademisk ve&amp;jleder</translation>
    </message>
    <message>
        <source>e.g. Information and communication</source>
        <translation>f.eks. Information og kommunikation</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>Kontaktperson</translation>
    </message>
    <message>
        <source>Mentor</source>
        <translation>Mentor</translation>
    </message>
    <message>
        <source>Or&amp;ganisation</source>
        <translation>Or&amp;ganisation</translation>
    </message>
    <message>
        <source>De&amp;partment</source>
        <translation>Af&amp;deling</translation>
    </message>
    <message>
        <source>Addre&amp;ss</source>
        <translation>Adre&amp;sse</translation>
    </message>
    <message>
        <source>&amp;Website</source>
        <translation>&amp;Websted</translation>
    </message>
    <message>
        <source>Coun&amp;try</source>
        <translation>L&amp;and</translation>
    </message>
    <message>
        <source>Si&amp;ze</source>
        <translation>St&amp;ørrelse</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Branche</translation>
    </message>
    <message>
        <source>Mento&amp;r</source>
        <translation>&amp;Mentor</translation>
    </message>
    <message>
        <source>Table A: the traineeship&apos;s title, period, hours and mode.</source>
        <translation>Tabel A: praktikopholdets titel, periode, timer og form.</translation>
    </message>
    <message>
        <source>What the traineeship is about, in two or three lines</source>
        <translation>Hvad praktikopholdet handler om, i to eller tre linjer</translation>
    </message>
    <message>
        <source>The placement&apos;s planned period: {span}.</source>
        <translation>Praktikopholdets planlagte periode: {span}.</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> timer</translation>
    </message>
    <message>
        <source>&amp;Add a period</source>
        <translation>Tilføj &amp;en periode</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>T&amp;itel</translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation>&amp;Beskrivelse</translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation>&amp;Periode</translation>
    </message>
    <message>
        <source>&amp;Hours per week</source>
        <translation>Timer pr. &amp;uge</translation>
    </message>
    <message>
        <source>M&amp;ode</source>
        <translation>F&amp;orm</translation>
    </message>
    <message>
        <source>Blended periods</source>
        <translation>Blandede perioder</translation>
    </message>
    <message>
        <source>&apos;{currency}&apos; is not a currency; choose a code such as EUR from the list.</source>
        <translation>&apos;{currency}&apos; er ikke en valuta; vælg en kode som EUR fra listen.</translation>
    </message>
    <message>
        <source>&apos;{level}&apos; is not a language level; choose A1 to C2 or native.</source>
        <translation>&apos;{level}&apos; er ikke et sprogniveau; vælg A1 til C2 eller modersmål.</translation>
    </message>
    <message>
        <source>A blended traineeship needs at least one physical and one virtual period; add a physical one.</source>
        <translation>Et blandet praktikophold skal have mindst én fysisk og én virtuel periode; tilføj en fysisk.</translation>
    </message>
    <message>
        <source>A blended traineeship needs at least one physical and one virtual period; add a virtual one.</source>
        <translation>Et blandet praktikophold skal have mindst én fysisk og én virtuel periode; tilføj en virtuel.</translation>
    </message>
    <message>
        <source>A blended traineeship needs its physical and virtual periods: add them.</source>
        <translation>Et blandet praktikophold skal have sine fysiske og virtuelle perioder: tilføj dem.</translation>
    </message>
    <message>
        <source>Add at least one learning outcome: what the trainee will know or be able to do.</source>
        <translation>Tilføj mindst ét læringsudbytte: hvad praktikanten vil vide eller kunne.</translation>
    </message>
    <message>
        <source>Add at least one line to the communication protocol: when the actors are available, how they report and how fast they reply.</source>
        <translation>Tilføj mindst én linje til kommunikationsprotokollen: hvornår aktørerne kan træffes, hvordan de rapporterer, og hvor hurtigt de svarer.</translation>
    </message>
    <message>
        <source>Add at least one task, with its deliverable and deadline.</source>
        <translation>Tilføj mindst én opgave med dens leverance og frist.</translation>
    </message>
    <message>
        <source>Credits cannot be negative ({credits}).</source>
        <translation>ECTS-point kan ikke være negative ({credits}).</translation>
    </message>
    <message>
        <source>Describe the evaluation procedure: who evaluates the trainee, when and on what basis.</source>
        <translation>Beskriv evalueringsproceduren: hvem der vurderer praktikanten, hvornår og på hvilket grundlag.</translation>
    </message>
    <message>
        <source>Describe the monitoring plan: who follows the trainee&apos;s progress, and how often.</source>
        <translation>Beskriv opfølgningsplanen: hvem der følger praktikantens fremskridt, og hvor ofte.</translation>
    </message>
    <message>
        <source>Enter the ECTS credits: a traineeship embedded in the curriculum counts towards the degree.</source>
        <translation>Angiv ECTS-point: et praktikophold, der indgår i studieordningen, tæller med i uddannelsen.</translation>
    </message>
    <message>
        <source>Enter the country of the receiving organisation.</source>
        <translation>Angiv den modtagende organisations land.</translation>
    </message>
    <message>
        <source>Enter the first day of the traineeship.</source>
        <translation>Angiv praktikopholdets første dag.</translation>
    </message>
    <message>
        <source>Enter the last day of the traineeship.</source>
        <translation>Angiv praktikopholdets sidste dag.</translation>
    </message>
    <message>
        <source>Enter the mentor&apos;s name.</source>
        <translation>Angiv mentorens navn.</translation>
    </message>
    <message>
        <source>Enter the monthly amount of the financial support, or say that there is none.</source>
        <translation>Angiv det månedlige beløb for den økonomiske støtte, eller angiv, at der ikke er nogen.</translation>
    </message>
    <message>
        <source>Enter the name of the receiving organisation.</source>
        <translation>Angiv navnet på den modtagende organisation.</translation>
    </message>
    <message>
        <source>Enter the name of the sending institution&apos;s responsible person.</source>
        <translation>Angiv navnet på den udsendende institutions ansvarlige person.</translation>
    </message>
    <message>
        <source>Enter the name of the sending institution.</source>
        <translation>Angiv navnet på den udsendende institution.</translation>
    </message>
    <message>
        <source>Enter the title of the traineeship.</source>
        <translation>Angiv praktikopholdets titel.</translation>
    </message>
    <message>
        <source>Enter the trainee&apos;s name.</source>
        <translation>Angiv praktikantens navn.</translation>
    </message>
    <message>
        <source>Hours per week must be between {low} and {high}; it is {hours}.</source>
        <translation>Timer pr. uge skal være mellem {low} og {high}; der er angivet {hours}.</translation>
    </message>
    <message>
        <source>No period covers {dates}: every day of a blended traineeship is either physical or virtual.</source>
        <translation>Ingen periode dækker {dates}: hver dag i et blandet praktikophold er enten fysisk eller virtuel.</translation>
    </message>
    <message>
        <source>Period {n} (physical, {dates})</source>
        <translation>Periode {n} (fysisk, {dates})</translation>
    </message>
    <message>
        <source>Period {n} (virtual, {dates})</source>
        <translation>Periode {n} (virtuel, {dates})</translation>
    </message>
    <message>
        <source>Period {n} needs a first and a last day.</source>
        <translation>Periode {n} skal have en første og en sidste dag.</translation>
    </message>
    <message>
        <source>Task {n} has no description.</source>
        <translation>Opgave {n} har ingen beskrivelse.</translation>
    </message>
    <message>
        <source>Task {n}&apos;s deadline {deadline} is after the end of the period ({end}).</source>
        <translation>Fristen for opgave {n} ({deadline}) ligger efter periodens slutning ({end}).</translation>
    </message>
    <message>
        <source>Task {n}&apos;s deadline {deadline} is before the start of the period ({start}).</source>
        <translation>Fristen for opgave {n} ({deadline}) ligger før periodens start ({start}).</translation>
    </message>
    <message>
        <source>The certificate must be issued within {low} to {high} weeks after the end (it says {weeks}).</source>
        <translation>Beviset skal udstedes inden for {low} til {high} uger efter afslutningen (der står {weeks}).</translation>
    </message>
    <message>
        <source>The duties of the {who} are empty: write at least one, or restore the default text.</source>
        <translation>Opgaverne for {who} er tomme: skriv mindst én, eller gendan standardteksten.</translation>
    </message>
    <message>
        <source>The monthly amount must be more than 0 (it is {amount}).</source>
        <translation>Det månedlige beløb skal være større end 0 (det er {amount}).</translation>
    </message>
    <message>
        <source>The traineeship ends on {end}, after the placement&apos;s planned end ({planned}). Change the date here, or the placement&apos;s planned period first.</source>
        <translation>Praktikopholdet slutter den {end}, efter den planlagte slutdato ({planned}). Ændr datoen her, eller først praktikopholdets planlagte periode.</translation>
    </message>
    <message>
        <source>The traineeship starts on {start}, before the placement&apos;s planned start ({planned}). Change the date here, or the placement&apos;s planned period first.</source>
        <translation>Praktikopholdet begynder den {start}, før den planlagte startdato ({planned}). Ændr datoen her, eller først praktikopholdets planlagte periode.</translation>
    </message>
    <message>
        <source>Tool {n} has no name.</source>
        <translation>Værktøj {n} har intet navn.</translation>
    </message>
    <message>
        <source>{period} ends before it starts.</source>
        <translation>{period} slutter, før den begynder.</translation>
    </message>
    <message>
        <source>{period} is not inside the traineeship ({dates}).</source>
        <translation>{period} ligger ikke inden for praktikopholdet ({dates}).</translation>
    </message>
    <message>
        <source>{period} overlaps {other}.</source>
        <translation>{period} og {other} overlapper.</translation>
    </message>
    <message>
        <source>&amp;Add a task</source>
        <translation>Tilføj &amp;en opgave</translation>
    </message>
    <message>
        <source>What the trainee will do, what each task delivers and by when. Deadlines fall inside the period, {span}.</source>
        <translation>Hvad praktikanten skal lave, hvad hver opgave leverer og hvornår. Fristerne ligger i perioden {span}.</translation>
    </message>
    <message>
        <source>Task {value}&apos;s deadline: {message}</source>
        <translation>Frist for opgave {value}: {message}</translation>
    </message>
    <message>
        <source>The knowledge, skills and competences to be acquired, how progress is followed and how the trainee is evaluated.</source>
        <translation>Den viden, de færdigheder og kompetencer, der skal opnås, hvordan fremskridt følges, og hvordan praktikanten vurderes.</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Udbytte</translation>
    </message>
    <message>
        <source>e.g. Builds churn models in Python</source>
        <translation>f.eks. Bygger churn-modeller i Python</translation>
    </message>
    <message>
        <source>Add an o&amp;utcome</source>
        <translation>Tilføj et &amp;udbytte</translation>
    </message>
    <message>
        <source>Who follows the trainee&apos;s progress, how and how often</source>
        <translation>Hvem der følger praktikantens fremskridt, hvordan og hvor ofte</translation>
    </message>
    <message>
        <source>Who evaluates the trainee, when and on what basis</source>
        <translation>Hvem der vurderer praktikanten, hvornår og på hvilket grundlag</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>Kriterium</translation>
    </message>
    <message>
        <source>e.g. Quality and timeliness of the deliverables</source>
        <translation>f.eks. Leverancernes kvalitet og rettidighed</translation>
    </message>
    <message>
        <source>Add a c&amp;riterion</source>
        <translation>Tilføj et k&amp;riterium</translation>
    </message>
    <message>
        <source>e.g. English</source>
        <translation>f.eks. Engelsk</translation>
    </message>
    <message>
        <source>level not yet known</source>
        <translation>niveau endnu ukendt</translation>
    </message>
    <message>
        <source>at level</source>
        <translation>på niveau</translation>
    </message>
    <message>
        <source>Learning &amp;outcomes</source>
        <translation>&amp;Læringsudbytte</translation>
    </message>
    <message>
        <source>&amp;Monitoring plan</source>
        <translation>&amp;Opfølgningsplan</translation>
    </message>
    <message>
        <source>&amp;Evaluation</source>
        <translation>&amp;Evaluering</translation>
    </message>
    <message>
        <source>Evaluation &amp;criteria</source>
        <translation>Evaluerings&amp;kriterier</translation>
    </message>
    <message>
        <source>&amp;Language of work</source>
        <translation>&amp;Arbejdssprog</translation>
    </message>
    <message>
        <source>When each actor is available, how and how often the trainee reports, how fast messages are answered, and who is the helpdesk for whom.</source>
        <translation>Hvornår hver aktør kan træffes, hvordan og hvor ofte praktikanten rapporterer, hvor hurtigt beskeder besvares, og hvem der er kontaktpunkt for hvem.</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Linje</translation>
    </message>
    <message>
        <source>e.g. Weekly video call with the mentor, Mondays 10:00 CET</source>
        <translation>f.eks. Ugentligt videoopkald med mentoren, mandage kl. 10.00 CET</translation>
    </message>
    <message>
        <source>&amp;Add a line</source>
        <translation>Tilføj &amp;en linje</translation>
    </message>
    <message>
        <source>One duty per line</source>
        <translation>Én pligt pr. linje</translation>
    </message>
    <message>
        <source>Restore default text</source>
        <translation>Gendan standardtekst</translation>
    </message>
    <message>
        <source>{role}: name</source>
        <translation>{role}: navn</translation>
    </message>
    <message>
        <source>{role}: duties</source>
        <translation>{role}: opgaver</translation>
    </message>
    <message>
        <source>Restore the default duties of the {role}</source>
        <translation>Gendan standardopgaverne for {role}</translation>
    </message>
    <message>
        <source>Replace the duties with the standard text</source>
        <translation>Erstat pligterne med standardteksten</translation>
    </message>
    <message>
        <source>No standard text</source>
        <translation>Ingen standardtekst</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Navn:</translation>
    </message>
    <message>
        <source>What the trainee, the mentor, the tutor and the coordinator undertake. One duty per line; edit freely, or restore the standard text.</source>
        <translation>Hvad praktikanten, mentoren, vejlederen og koordinatoren forpligter sig til. Én pligt pr. linje; redigér frit, eller gendan standardteksten.</translation>
    </message>
    <message>
        <source>Which tool serves what, and whether it was tested with every actor before the start. Tools chosen in the preparation are listed already.</source>
        <translation>Hvilket værktøj der bruges til hvad, og om det blev testet med alle aktører før start. Værktøjer valgt under forberedelsen er allerede anført.</translation>
    </message>
    <message>
        <source>&amp;Add a tool</source>
        <translation>Tilføj &amp;et værktøj</translation>
    </message>
    <message>
        <source>Traineeship embedded in the curriculum</source>
        <translation>Praktikophold som del af studieordningen</translation>
    </message>
    <message>
        <source>Voluntary traineeship</source>
        <translation>Frivilligt praktikophold</translation>
    </message>
    <message>
        <source>Traineeship of a recent graduate</source>
        <translation>Praktikophold for nyuddannede</translation>
    </message>
    <message>
        <source>Table B: how the sending institution recognises the traineeship, and the trainee&apos;s insurance.</source>
        <translation>Tabel B: hvordan den udsendende institution anerkender praktikopholdet, og praktikantens forsikring.</translation>
    </message>
    <message>
        <source>&amp;Embedded in the curriculum</source>
        <translation>&amp;Indgår i studieordningen</translation>
    </message>
    <message>
        <source>&amp;Voluntary traineeship</source>
        <translation>F&amp;rivilligt praktikophold</translation>
    </message>
    <message>
        <source>Recent &amp;graduate</source>
        <translation>Nyuddannet (&amp;graduate)</translation>
    </message>
    <message>
        <source>Recognition</source>
        <translation>Anerkendelse</translation>
    </message>
    <message>
        <source>ECTS &amp;credits</source>
        <translation>ECTS-&amp;point</translation>
    </message>
    <message>
        <source>G&amp;rade</source>
        <translation>&amp;Karakter</translation>
    </message>
    <message>
        <source>&amp;Transcript</source>
        <translation>K&amp;arakterudskrift</translation>
    </message>
    <message>
        <source>&amp;Insurance</source>
        <translation>&amp;Forsikring</translation>
    </message>
    <message>
        <source>Table C: what the receiving organisation commits to.</source>
        <translation>Tabel C: hvad den modtagende organisation forpligter sig til.</translation>
    </message>
    <message>
        <source>The organisation &amp;pays a monthly allowance of</source>
        <translation>Organisationen &amp;betaler en månedlig godtgørelse på</translation>
    </message>
    <message>
        <source>Monthly amount</source>
        <translation>Månedligt beløb</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Valuta</translation>
    </message>
    <message>
        <source>e.g. a laptop, software licences, access to online tools</source>
        <translation>f.eks. en bærbar computer, softwarelicenser, adgang til onlineværktøjer</translation>
    </message>
    <message>
        <source> weeks after the end</source>
        <translation> uger efter afslutning</translation>
    </message>
    <message>
        <source>Financial support</source>
        <translation>Økonomisk støtte</translation>
    </message>
    <message>
        <source>Support in &amp;kind</source>
        <translation>&amp;Støtte i naturalier</translation>
    </message>
    <message>
        <source>&amp;Certificate within</source>
        <translation>Bevis &amp;inden for</translation>
    </message>
    <message>
        <source>The traineeship certificate is issued {low} to {high} weeks after the end at the latest.</source>
        <translation>Praktikbeviset udstedes senest {low} til {high} uger efter afslutningen.</translation>
    </message>
    <message>
        <source>This version has been sent to the parties and is frozen: it can no longer be changed. Changes need a new version of the agreement.</source>
        <translation>Denne version er sendt til parterne og er fastfrosset: den kan ikke længere ændres. Ændringer kræver en ny version af aftalen.</translation>
    </message>
    <message>
        <source>{title}; {span}; {hours_per_week} h/week, {value}</source>
        <translation>{title}; {span}; {hours_per_week} t/uge, {value}</translation>
    </message>
    <message>
        <source>no role</source>
        <translation>ingen rolle</translation>
    </message>
    <message>
        <source>no tool listed</source>
        <translation>intet værktøj anført</translation>
    </message>
    <message>
        <source>, {credits} ECTS</source>
        <translation>, {credits} ECTS</translation>
    </message>
    <message>
        <source>no allowance</source>
        <translation>ingen godtgørelse</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Oversigt</translation>
    </message>
    <message>
        <source>Every section at a glance. Finish saves the draft; it stays editable until it is sent.</source>
        <translation>Alle afsnit på et øjeblik. Slut gemmer udkastet; det kan redigeres, indtil det sendes.</translation>
    </message>
    <message>
        <source>The language the agreement&apos;s PDF is written in; remembered for this host. Texts vipdesk wrote (default tasks, plans, roles, protocol) follow it when the draft is saved; texts you typed stay as they are.</source>
        <translation>Det sprog, aftalens PDF skrives på; huskes for denne modtagende organisation. Tekster, som vipdesk har skrevet (standardopgaver, planer, roller, protokol), følger det, når udkastet gemmes; tekster, du selv har skrevet, forbliver som de er.</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;margin:6px 0&apos;&gt;&lt;span style=&apos;color:{hex_of}&apos;&gt;✘&lt;/span&gt; &lt;b&gt;{title}&lt;/b&gt; — &lt;a href=&apos;{key}&apos;&gt;go to this page&lt;/a&gt;&lt;/p&gt;&lt;ul style=&apos;margin-top:0&apos;&gt;{items}&lt;/ul&gt;</source>
        <translation>&lt;p style=&apos;margin:6px 0&apos;&gt;&lt;span style=&apos;color:{hex_of}&apos;&gt;✘&lt;/span&gt; &lt;b&gt;{title}&lt;/b&gt; — &lt;a href=&apos;{key}&apos;&gt;gå til denne side&lt;/a&gt;&lt;/p&gt;&lt;ul style=&apos;margin-top:0&apos;&gt;{items}&lt;/ul&gt;</translation>
    </message>
    <message numerus="yes">
        <source>%n task(s)</source>
        <translation>
            <numerusform>%n opgave</numerusform>
            <numerusform>%n opgaver</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n learning outcome(s)</source>
        <translation>
            <numerusform>%n læringsudbytte</numerusform>
            <numerusform>%n læringsudbytter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n evaluation criterion/criteria</source>
        <translation>
            <numerusform>%n evalueringskriterium</numerusform>
            <numerusform>%n evalueringskriterier</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n linje</numerusform>
            <numerusform>%n linjer</numerusform>
        </translation>
    </message>
    <message>
        <source>a monthly allowance, amount not given yet</source>
        <translation>en månedlig godtgørelse, beløbet er endnu ikke angivet</translation>
    </message>
    <message>
        <source>{amount} a month</source>
        <translation>{amount} pr. måned</translation>
    </message>
    <message numerus="yes">
        <source>{support}; certificate within %n week(s)</source>
        <translation>
            <numerusform>{support}; bevis inden for %n uge</numerusform>
            <numerusform>{support}; bevis inden for %n uger</numerusform>
        </translation>
    </message>
    <message>
        <source>Language of the agreement</source>
        <translation>Aftalens sprog</translation>
    </message>
    <message>
        <source>With the &amp;English text alongside (bilingual)</source>
        <translation>Med den &amp;engelske tekst ved siden af (tosproget)</translation>
    </message>
    <message>
        <source>Each heading and fixed text in both languages; what people typed, once</source>
        <translation>Hver overskrift og fast tekst på begge sprog; det, der er skrevet ind, én gang</translation>
    </message>
    <message>
        <source>&amp;Language of the agreement:</source>
        <translation>Aftalens s&amp;prog:</translation>
    </message>
    <message numerus="yes">
        <source>%n section(s) need attention before Finish. Use the links, or Back.</source>
        <translation>
            <numerusform>%n afsnit kræver opmærksomhed før Slut. Brug linkene eller Tilbage.</numerusform>
            <numerusform>%n afsnit kræver opmærksomhed før Slut. Brug linkene eller Tilbage.</numerusform>
        </translation>
    </message>
    <message>
        <source>Every section is complete. Press Finish to save the draft.</source>
        <translation>Alle afsnit er udfyldt. Tryk på Slut for at gemme udkastet.</translation>
    </message>
    <message>
        <source>Agreement {reference} — version {version}</source>
        <translation>Aftale {reference} — version {version}</translation>
    </message>
    <message>
        <source> (sent, read-only)</source>
        <translation> (sendt, skrivebeskyttet)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Luk</translation>
    </message>
    <message>
        <source>Every section at a glance, as sent. Close leaves it as it is.</source>
        <translation>Alle afsnit på et øjeblik, som sendt. Luk lader alt være, som det er.</translation>
    </message>
    <message>
        <source>Draft not saved</source>
        <translation>Udkast ikke gemt</translation>
    </message>
    <message>
        <source>{exc}
What you typed stays on this page.</source>
        <translation>{exc}
Det, du har skrevet, bliver på denne side.</translation>
    </message>
    <message>
        <source>Save the draft?</source>
        <translation>Gem udkastet?</translation>
    </message>
    <message>
        <source>Save what you typed as a draft before closing?</source>
        <translation>Gem det, du har skrevet, som udkast, før du lukker?</translation>
    </message>
    <message>
        <source>Cannot open the demo</source>
        <translation>Kan ikke åbne demoen</translation>
    </message>
    <message>
        <source>vipdesk: unexpected error</source>
        <translation>vipdesk: uventet fejl</translation>
    </message>
    <message>
        <source>Something went wrong that vipdesk did not expect ({kind}). What you saved is safe. Details are in {value}.</source>
        <translation>Der skete noget, vipdesk ikke forventede ({kind}). Det, du har gemt, er sikkert. Detaljer findes i {value}.</translation>
    </message>
    <message>
        <source>vipdesk cannot open the database</source>
        <translation>vipdesk kan ikke åbne databasen</translation>
    </message>
    <message>
        <source>Like the &amp;system</source>
        <translation>Som &amp;systemet</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Lyst</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Mørkt</translation>
    </message>
    <message>
        <source>Colour &amp;scheme</source>
        <translation>&amp;Farveskema</translation>
    </message>
    <message>
        <source>{value} colours. Panels already open take them in full when opened again, or on the next start.</source>
        <translation>{value} farver. Paneler, der allerede er åbne, får dem fuldt ud, når de åbnes igen, eller ved næste start.</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprog</translation>
    </message>
    <message>
        <source>vipdesk speaks {language} from the next start.</source>
        <translation>vipdesk taler {language} fra næste start.</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>Ændret af en anden</translation>
    </message>
    <message>
        <source>another user</source>
        <translation>en anden bruger</translation>
    </message>
    <message>
        <source>&lt;b&gt;{who}&lt;/b&gt; saved this record after you opened it. Nothing of yours has been saved yet. Compare the two versions, then choose:</source>
        <translation>&lt;b&gt;{who}&lt;/b&gt; gemte denne post, efter du åbnede den. Intet af dit er gemt endnu. Sammenlign de to versioner, og vælg derefter:</translation>
    </message>
    <message>
        <source>Your version</source>
        <translation>Din version</translation>
    </message>
    <message>
        <source>Saved by {who}</source>
        <translation>Gemt af {who}</translation>
    </message>
    <message>
        <source>Reload theirs (drop my edits)</source>
        <translation>Genindlæs deres (kassér mine ændringer)</translation>
    </message>
    <message>
        <source>Keep mine (save over theirs)</source>
        <translation>Behold min (gem over deres)</translation>
    </message>
    <message>
        <source>Back to editing</source>
        <translation>Tilbage til redigering</translation>
    </message>
    <message>
        <source>Full name of the person answering</source>
        <translation>Fulde navn på den person, der svarer</translation>
    </message>
    <message>
        <source>&amp;Answered by:</source>
        <translation>&amp;Besvaret af:</translation>
    </message>
    <message>
        <source>Enter the name of the person who answers.</source>
        <translation>Angiv navnet på den person, der svarer.</translation>
    </message>
    <message>
        <source>Answer this question: it is required.</source>
        <translation>Besvar dette spørgsmål: det er obligatorisk.</translation>
    </message>
    <message>
        <source>{reached} of {planned}</source>
        <translation>{reached} af {planned}</translation>
    </message>
    <message>
        <source>Save the placement first to record its evaluations.</source>
        <translation>Gem først praktikopholdet for at registrere dets evalueringer.</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Fase</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Af</translation>
    </message>
    <message>
        <source>Respondent</source>
        <translation>Respondent</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Outcomes reached</source>
        <translation>Opnået udbytte</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>Registreret</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Hvordan</translation>
    </message>
    <message>
        <source>Evaluations</source>
        <translation>Evalueringer</translation>
    </message>
    <message>
        <source>Each evaluation, newest first</source>
        <translation>Hver evaluering, nyeste først</translation>
    </message>
    <message>
        <source>&amp;Enter evaluation…</source>
        <translation>&amp;Indtast evaluering…</translation>
    </message>
    <message>
        <source>E&amp;xport questionnaire…</source>
        <translation>E&amp;ksportér spørgeskema…</translation>
    </message>
    <message>
        <source>A fillable PDF for the student, the mentor or the tutor</source>
        <translation>En udfyldelig PDF til den studerende, mentoren eller vejlederen</translation>
    </message>
    <message>
        <source>&amp;Import returned…</source>
        <translation>&amp;Importér returneret…</translation>
    </message>
    <message>
        <source>Read a filled-in questionnaire PDF back, answer by answer</source>
        <translation>Indlæs et udfyldt spørgeskema (PDF), svar for svar</translation>
    </message>
    <message>
        <source>E-mail &amp;questionnaire…</source>
        <translation>Send &amp;spørgeskema pr. e-mail…</translation>
    </message>
    <message>
        <source>Send the fillable PDF to the person who answers it</source>
        <translation>Send den udfyldelige PDF til den person, der besvarer den</translation>
    </message>
    <message>
        <source>{label} by the {value}</source>
        <translation>{label} af: {value}</translation>
    </message>
    <message>
        <source>Every evaluation is in.</source>
        <translation>Alle evalueringer er modtaget.</translation>
    </message>
    <message>
        <source>Not yet given: </source>
        <translation>Endnu ikke givet: </translation>
    </message>
    <message>
        <source>Enter an evaluation</source>
        <translation>Indtast en evaluering</translation>
    </message>
    <message>
        <source>Cannot start the evaluation</source>
        <translation>Kan ikke starte evalueringen</translation>
    </message>
    <message>
        <source>Evaluation not stored</source>
        <translation>Evaluering ikke gemt</translation>
    </message>
    <message>
        <source>Export a questionnaire</source>
        <translation>Eksportér et spørgeskema</translation>
    </message>
    <message>
        <source>E-mail a questionnaire</source>
        <translation>Send et spørgeskema pr. e-mail</translation>
    </message>
    <message>
        <source>PDF files (*.pdf);;All files (*)</source>
        <translation>PDF-filer (*.pdf);;Alle filer (*)</translation>
    </message>
    <message>
        <source>&amp;Questionnaire:</source>
        <translation>&amp;Spørgeskema:</translation>
    </message>
    <message>
        <source>The questions and the form in this language; a questionnaire not yet translated into it goes out in English</source>
        <translation>Spørgsmålene og formularen på dette sprog; et spørgeskema, der endnu ikke er oversat, sendes på engelsk</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprog:</translation>
    </message>
    <message>
        <source>Returned: {title}</source>
        <translation>Returneret: {title}</translation>
    </message>
    <message>
        <source>{name}: answered by &lt;b&gt;{respondent}&lt;/b&gt; ({value}). Check the answers, then store them.</source>
        <translation>{name}: besvaret af &lt;b&gt;{respondent}&lt;/b&gt; ({value}). Kontrollér svarene, og gem dem derefter.</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Spørgsmål</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Svar</translation>
    </message>
    <message>
        <source>(no answer)</source>
        <translation>(intet svar)</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Svar</translation>
    </message>
    <message>
        <source>Each question and the answer read</source>
        <translation>Hvert spørgsmål og det læste svar</translation>
    </message>
    <message>
        <source>&amp;Store these answers</source>
        <translation>&amp;Gem disse svar</translation>
    </message>
    <message>
        <source>Save the questionnaire</source>
        <translation>Gem spørgeskemaet</translation>
    </message>
    <message>
        <source>Questionnaire not saved</source>
        <translation>Spørgeskema ikke gemt</translation>
    </message>
    <message>
        <source>Returned questionnaire</source>
        <translation>Returneret spørgeskema</translation>
    </message>
    <message>
        <source>Not a questionnaire of this placement</source>
        <translation>Ikke et spørgeskema for dette praktikophold</translation>
    </message>
    <message>
        <source>Answers not stored</source>
        <translation>Svar ikke gemt</translation>
    </message>
    <message>
        <source>Click a bar to list the cost items behind it.</source>
        <translation>Klik på en søjle for at se omkostningsposterne bag den.</translation>
    </message>
    <message>
        <source>Budget against actual per funding source</source>
        <translation>Budget over for faktisk forbrug pr. finansieringskilde</translation>
    </message>
    <message>
        <source>No funding sources yet.</source>
        <translation>Ingen finansieringskilder endnu.</translation>
    </message>
    <message>
        <source>One placement</source>
        <translation>Ét praktikophold</translation>
    </message>
    <message>
        <source>Shared by year</source>
        <translation>Delt pr. år</translation>
    </message>
    <message>
        <source>Shared, chosen</source>
        <translation>Delt, valgte</translation>
    </message>
    <message>
        <source>All modes</source>
        <translation>Alle former</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>År</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>Placements sharing it</source>
        <translation>Praktikophold, der deler den</translation>
    </message>
    <message>
        <source>Tick the placements that share the cost</source>
        <translation>Markér de praktikophold, der deler omkostningen</translation>
    </message>
    <message>
        <source>a placement</source>
        <translation>et praktikophold</translation>
    </message>
    <message>
        <source>This {what} was changed after you opened it.</source>
        <translation>Denne post ({what}) blev ændret, efter du åbnede den.</translation>
    </message>
    <message>
        <source>This {what} was changed by {who} after you opened it.</source>
        <translation>Denne post ({what}) blev ændret af {who}, efter du åbnede den.</translation>
    </message>
    <message>
        <source>agreement</source>
        <translation>aftale</translation>
    </message>
    <message>
        <source>base currency</source>
        <translation>basisvaluta</translation>
    </message>
    <message>
        <source>checklist</source>
        <translation>tjekliste</translation>
    </message>
    <message>
        <source>choice of tools</source>
        <translation>valg af værktøjer</translation>
    </message>
    <message>
        <source>cost item</source>
        <translation>omkostningspost</translation>
    </message>
    <message>
        <source>e-mail setup</source>
        <translation>e-mailopsætning</translation>
    </message>
    <message>
        <source>list of office leads</source>
        <translation>liste over kontoransvarlige</translation>
    </message>
    <message>
        <source>placement</source>
        <translation>praktikophold</translation>
    </message>
    <message>
        <source>student&apos;s equity flags</source>
        <translation>den studerendes lige muligheder-markeringer</translation>
    </message>
    <message>
        <source>tool test</source>
        <translation>værktøjstest</translation>
    </message>
    <message>
        <source>work-list day count</source>
        <translation>arbejdslistens antal dage</translation>
    </message>
    <message>
        <source>Cost item not saved</source>
        <translation>Omkostningsposten er ikke gemt</translation>
    </message>
    <message>
        <source>e.g. Laptop for the student</source>
        <translation>f.eks. Bærbar til den studerende</translation>
    </message>
    <message>
        <source>No funding source</source>
        <translation>Ingen finansieringskilde</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beskrivelse</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Beløb</translation>
    </message>
    <message>
        <source>Staff hours</source>
        <translation>Personaletimer</translation>
    </message>
    <message>
        <source>Hourly rate</source>
        <translation>Timesats</translation>
    </message>
    <message>
        <source>Funding source</source>
        <translation>Finansieringskilde</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Faktura</translation>
    </message>
    <message>
        <source>For</source>
        <translation>For</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Andel</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Noter</translation>
    </message>
    <message>
        <source>Cost item: {description}</source>
        <translation>Omkostningspost: {description}</translation>
    </message>
    <message>
        <source>New cost item</source>
        <translation>Ny omkostningspost</translation>
    </message>
    <message>
        <source>For staff time, enter the hours and hourly rate and leave the amount empty.</source>
        <translation>For personaletid angives timer og timesats, og beløbet lades tomt.</translation>
    </message>
    <message>
        <source>Staff time: {hours} h × {rate} = {format_money}</source>
        <translation>Personaletid: {hours} t × {rate} = {format_money}</translation>
    </message>
    <message>
        <source> (the amount above is used)</source>
        <translation> (beløbet ovenfor bruges)</translation>
    </message>
    <message>
        <source>Save the placement first to record its costs.</source>
        <translation>Gem først praktikopholdet for at registrere dets omkostninger.</translation>
    </message>
    <message>
        <source>Costs</source>
        <translation>Omkostninger</translation>
    </message>
    <message>
        <source>The costs of this placement, one per row</source>
        <translation>Omkostningerne for dette praktikophold, én pr. række</translation>
    </message>
    <message>
        <source>New cost item…</source>
        <translation>Ny omkostningspost…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Redigér…</translation>
    </message>
    <message>
        <source>Cost item</source>
        <translation>Omkostningspost</translation>
    </message>
    <message>
        <source>shared</source>
        <translation>delt</translation>
    </message>
    <message>
        <source>direct</source>
        <translation>direkte</translation>
    </message>
    <message>
        <source>Amount ({base})</source>
        <translation>Beløb ({base})</translation>
    </message>
    <message>
        <source>No costs recorded for this placement yet.</source>
        <translation>Der er endnu ingen omkostninger registreret for dette praktikophold.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Total {format_money}&lt;/b&gt; — direct {format_money2}, share of shared costs {format_money3}</source>
        <translation>&lt;b&gt;I alt {format_money}&lt;/b&gt; — direkte {format_money2}, andel af fælles omkostninger {format_money3}</translation>
    </message>
    <message>
        <source>Not counted anywhere yet: </source>
        <translation>Endnu ikke medregnet nogen steder: </translation>
    </message>
    <message>
        <source>Shared: all{mode} of {share_year} ({label})</source>
        <translation>Delt: alle{mode} i {share_year} ({label})</translation>
    </message>
    <message>
        <source>Shared: {count} placements ({label})</source>
        <translation>Delt: {count} praktikophold ({label})</translation>
    </message>
    <message>
        <source>Cost items</source>
        <translation>Omkostningsposter</translation>
    </message>
    <message>
        <source>The placement&apos;s costs, one per row</source>
        <translation>Praktikopholdets omkostninger, én pr. række</translation>
    </message>
    <message>
        <source>No cost items yet. Add the first with New….</source>
        <translation>Ingen omkostningsposter endnu. Tilføj den første med Ny….</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>Ny…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Slet…</translation>
    </message>
    <message>
        <source>Cost items not loaded</source>
        <translation>Omkostningsposter ikke indlæst</translation>
    </message>
    <message>
        <source>Delete cost item</source>
        <translation>Slet omkostningspost</translation>
    </message>
    <message>
        <source>Delete {description}?</source>
        <translation>Slet {description}?</translation>
    </message>
    <message>
        <source>Cost item not deleted</source>
        <translation>Omkostningspost ikke slettet</translation>
    </message>
    <message>
        <source>Exchange rates</source>
        <translation>Valutakurser</translation>
    </message>
    <message>
        <source>Units of a currency worth 1 {base}, valid from a date until the next rate. A cost is converted at the latest rate on or before its date.</source>
        <translation>Enheder af en valuta svarende til 1 {base}, gyldige fra en dato til næste kurs. En omkostning omregnes til den seneste kurs på eller før dens dato.</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>Gyldig fra</translation>
    </message>
    <message>
        <source>Rate (per 1 {base})</source>
        <translation>Kurs (pr. 1 {base})</translation>
    </message>
    <message>
        <source>Stored rates, newest first</source>
        <translation>Gemte kurser, nyeste først</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Kurs</translation>
    </message>
    <message>
        <source>Add rate</source>
        <translation>Tilføj kurs</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>Importér CSV…</translation>
    </message>
    <message>
        <source>Lines of date,currency,rate, e.g. 2026-01-01,USD,1.0825</source>
        <translation>Linjer med dato,valuta,kurs, f.eks. 2026-01-01,USD,1.0825</translation>
    </message>
    <message>
        <source>Add a rate: currency, valid from, rate</source>
        <translation>Tilføj en kurs: valuta, gyldig fra, kurs</translation>
    </message>
    <message>
        <source>Type the rate as a number, e.g. 1.0825.</source>
        <translation>Skriv kursen som et tal, f.eks. 1.0825.</translation>
    </message>
    <message>
        <source>Enter the date the rate is valid from.</source>
        <translation>Angiv datoen, kursen gælder fra.</translation>
    </message>
    <message>
        <source>Import exchange rates</source>
        <translation>Importér valutakurser</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-filer (*.csv);;Alle filer (*)</translation>
    </message>
    <message>
        <source>{name} could not be read: {exc}</source>
        <translation>{name} kunne ikke læses: {exc}</translation>
    </message>
    <message numerus="yes">
        <source>Stored %n rate(s).</source>
        <translation>
            <numerusform>Gemte %n kurs.</numerusform>
            <numerusform>Gemte %n kurser.</numerusform>
        </translation>
    </message>
    <message>
        <source>Source: {source}</source>
        <translation>Kilde: {source}</translation>
    </message>
    <message>
        <source>Erasmus+ grant</source>
        <translation>Erasmus+-tilskud</translation>
    </message>
    <message>
        <source>By start date</source>
        <translation>Efter startdato</translation>
    </message>
    <message>
        <source>Call {year}</source>
        <translation>Indkaldelse {year}</translation>
    </message>
    <message>
        <source>The call whose project period covers the placement&apos;s start</source>
        <translation>Den indkaldelse, hvis projektperiode dækker praktikopholdets start</translation>
    </message>
    <message>
        <source>Fewer opportunities</source>
        <translation>Færre muligheder</translation>
    </message>
    <message>
        <source>Green travel</source>
        <translation>Grøn rejse</translation>
    </message>
    <message>
        <source>Zero grant</source>
        <translation>Nultilskud</translation>
    </message>
    <message>
        <source>No individual support from Erasmus+ EU funds</source>
        <translation>Ingen individuel støtte fra Erasmus+ EU-midler</translation>
    </message>
    <message>
        <source>Travel days</source>
        <translation>Rejsedage</translation>
    </message>
    <message>
        <source> travel days</source>
        <translation> rejsedage</translation>
    </message>
    <message>
        <source>Extra days of individual support for green travel</source>
        <translation>Ekstra dage med individuel støtte for grøn rejse</translation>
    </message>
    <message>
        <source>Travel distance</source>
        <translation>Rejseafstand</translation>
    </message>
    <message>
        <source> km</source>
        <translation> km</translation>
    </message>
    <message>
        <source>distance not given</source>
        <translation>afstand ikke angivet</translation>
    </message>
    <message>
        <source>For short blended stays with fewer opportunities: travel support by distance band</source>
        <translation>For korte blandede ophold med færre muligheder: rejsestøtte efter afstandsinterval</translation>
    </message>
    <message>
        <source>Call year:</source>
        <translation>Indkaldelsesår:</translation>
    </message>
    <message>
        <source>Top-ups:</source>
        <translation>Tillæg:</translation>
    </message>
    <message>
        <source>Travel:</source>
        <translation>Rejse:</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Antal</translation>
    </message>
    <message>
        <source>Grant lines</source>
        <translation>Tilskudslinjer</translation>
    </message>
    <message>
        <source>The grant line by line, with the rule of each</source>
        <translation>Tilskuddet linje for linje med reglen for hver</translation>
    </message>
    <message>
        <source>Record as cost item</source>
        <translation>Registrér som omkostningspost</translation>
    </message>
    <message>
        <source>Save what is paid to the student as a cost of this placement</source>
        <translation>Gem det, der udbetales til den studerende, som en omkostning ved dette praktikophold</translation>
    </message>
    <message>
        <source>There are no grant rates to calculate with.</source>
        <translation>Der er ingen tilskudssatser at regne med.</translation>
    </message>
    <message>
        <source>Source: {note_source}</source>
        <translation>Kilde: {note_source}</translation>
    </message>
    <message>
        <source>, country group {group}</source>
        <translation>, landegruppe {group}</translation>
    </message>
    <message>
        <source>{physical_days} physical days{counted}{group}. &lt;b&gt;To the student: {format_money}&lt;/b&gt;</source>
        <translation>{physical_days} fysiske dage{counted}{group}. &lt;b&gt;Til den studerende: {format_money}&lt;/b&gt;</translation>
    </message>
    <message>
        <source> · in all {format_money}</source>
        <translation> · i alt {format_money}</translation>
    </message>
    <message>
        <source>Grant not recorded</source>
        <translation>Tilskud ikke registreret</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n dag</numerusform>
            <numerusform>%n dage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n month(s)</source>
        <translation>
            <numerusform>%n måned</numerusform>
            <numerusform>%n måneder</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n once</source>
        <comment>a grant line paid one time: 1 once</comment>
        <translation>
            <numerusform>%n engangs</numerusform>
            <numerusform>%n engangs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n participant(s)</source>
        <translation>
            <numerusform>%n deltager</numerusform>
            <numerusform>%n deltagere</numerusform>
        </translation>
    </message>
    <message>
        <source>counted as {months} and {days}</source>
        <translation>regnet som {months} og {days}</translation>
    </message>
    <message>
        <source>Individual support, days {first}–{last}</source>
        <translation>Individuel støtte, dag {first}–{last}</translation>
    </message>
    <message>
        <source>Give the travel distance to add the travel support.</source>
        <translation>Angiv rejseafstanden for at tilføje rejsestøtten.</translation>
    </message>
    <message>
        <source>Green travel top-up</source>
        <translation>Tillæg for grøn rejse</translation>
    </message>
    <message>
        <source>Individual support</source>
        <translation>Individuel støtte</translation>
    </message>
    <message>
        <source>Traineeship top-up</source>
        <translation>Praktiktillæg</translation>
    </message>
    <message>
        <source>Fewer opportunities top-up</source>
        <translation>Tillæg for deltagere med færre muligheder</translation>
    </message>
    <message>
        <source>{days} physical days is less than the {months} months a long-term traineeship needs; only a blended placement with {low} to {high} physical days is funded as short-term.</source>
        <translation>{days} fysiske dage er mindre end de {months} måneder, et langvarigt praktikophold kræver; kun et blandet praktikophold med {low} til {high} fysiske dage finansieres som kortvarigt.</translation>
    </message>
    <message>
        <source>A purely virtual placement gets no individual support.</source>
        <translation>Et rent virtuelt praktikophold får ingen individuel støtte.</translation>
    </message>
    <message>
        <source>{days} physical days is too short: the Programme Guide funds physical stays of {low} days or more ({low} to {high} in a blended placement).</source>
        <translation>{days} fysiske dage er for kort: programguiden finansierer fysiske ophold på {low} dage eller mere ({low} til {high} i et blandet praktikophold).</translation>
    </message>
    <message>
        <source>A zero-grant participant gets no individual support from Erasmus+ EU funds.</source>
        <translation>En deltager uden tilskud (zero-grant) får ingen individuel støtte fra Erasmus+&apos; EU-midler.</translation>
    </message>
    <message>
        <source>Organisational support (participant {number})</source>
        <translation>Organisatorisk støtte (deltager {number})</translation>
    </message>
    <message>
        <source>{days} physical days is more than the {months} months the Programme Guide funds in a study cycle.</source>
        <translation>{days} fysiske dage er mere end de {months} måneder, programguiden finansierer i en studiecyklus.</translation>
    </message>
    <message>
        <source>This blended placement has no physical period yet, so nothing is funded.</source>
        <translation>Dette blandede praktikophold har endnu ingen fysisk periode, så intet finansieres.</translation>
    </message>
    <message>
        <source>{line}, extra days</source>
        <translation>{line}, ekstra dage</translation>
    </message>
    <message>
        <source>Fewer opportunities top-up, {days} physical days</source>
        <translation>Tillæg for deltagere med færre muligheder, {days} fysiske dage</translation>
    </message>
    <message>
        <source>Green travel support, {km} km</source>
        <translation>Grøn rejsestøtte, {km} km</translation>
    </message>
    <message>
        <source>Travel support, {km} km</source>
        <translation>Rejsestøtte, {km} km</translation>
    </message>
    <message>
        <source>No travel support for {km} km: the bands start at 10 km.</source>
        <translation>Ingen rejsestøtte for {km} km: afstandsintervallerne begynder ved 10 km.</translation>
    </message>
    <message>
        <source>No travel support: it goes to {who} only.</source>
        <translation>Ingen rejsestøtte: den gives kun til {who}.</translation>
    </message>
    <message>
        <source>Green travel days</source>
        <translation>Grønne rejsedage</translation>
    </message>
    <message>
        <source>No Erasmus+ rate table covers a start on {day} (vipdesk has {known}); choose a call year.</source>
        <translation>Ingen Erasmus+-satstabel dækker en start den {day} (vipdesk har {known}); vælg et indkaldelsesår.</translation>
    </message>
    <message>
        <source>{country} is in none of the country groups of the call {year} rates.</source>
        <translation>{country} er ikke med i nogen landegruppe i satserne for indkaldelsen {year}.</translation>
    </message>
    <message>
        <source>There are no Erasmus+ rates for the call year {year}.</source>
        <translation>Der er ingen Erasmus+-satser for indkaldelsesåret {year}.</translation>
    </message>
    <message>
        <source>{code} is an outermost region or overseas country or territory: the Programme Guide sets their grants apart and the call {year} table has no rates for them; ask your national agency.</source>
        <translation>{code} er en region i den yderste periferi eller et oversøisk land eller territorium: programguiden fastsætter deres tilskud særskilt, og tabellen for indkaldelsen {year} har ingen satser for dem; spørg jeres nationale kontor.</translation>
    </message>
    <message>
        <source>call {year}: {start} – {end}</source>
        <translation>indkaldelse {year}: {start} – {end}</translation>
    </message>
    <message>
        <source>The organisational support tiers of this call year end too early.</source>
        <translation>Trinene for organisatorisk støtte i dette indkaldelsesår slutter for tidligt.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ingen</translation>
    </message>
    <message>
        <source>funding source</source>
        <translation>finansieringskilde</translation>
    </message>
    <message>
        <source>Funding source not saved</source>
        <translation>Finansieringskilden er ikke gemt</translation>
    </message>
    <message>
        <source>e.g. Erasmus+ KA131 2026</source>
        <translation>f.eks. Erasmus+ KA131 2026</translation>
    </message>
    <message>
        <source>e.g. the grant agreement number</source>
        <translation>f.eks. tilskudsaftalens nummer</translation>
    </message>
    <message>
        <source>Name</source>
        <comment>not a person&apos;s</comment>
        <translation>Navn</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Amount awarded</source>
        <translation>Bevilget beløb</translation>
    </message>
    <message>
        <source>Pays from</source>
        <translation>Betaler fra</translation>
    </message>
    <message>
        <source>Pays until</source>
        <translation>Betaler til</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Reference</translation>
    </message>
    <message>
        <source>Budget lines</source>
        <translation>Budgetposter</translation>
    </message>
    <message>
        <source>Funding source: {name}</source>
        <translation>Finansieringskilde: {name}</translation>
    </message>
    <message>
        <source>New funding source</source>
        <translation>Ny finansieringskilde</translation>
    </message>
    <message numerus="yes">
        <source>%Ln participant(s)</source>
        <translation>
            <numerusform>%Ln deltager</numerusform>
            <numerusform>%Ln deltagere</numerusform>
        </translation>
    </message>
    <message>
        <source>Awarded</source>
        <translation>Bevilget</translation>
    </message>
    <message>
        <source>Spent</source>
        <translation>Brugt</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>Resterende</translation>
    </message>
    <message>
        <source>overspent</source>
        <translation>overskredet</translation>
    </message>
    <message>
        <source>Placement</source>
        <translation>Praktikophold</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Kilde</translation>
    </message>
    <message>
        <source>New source…</source>
        <translation>Ny kilde…</translation>
    </message>
    <message>
        <source>Cost items…</source>
        <translation>Omkostningsposter…</translation>
    </message>
    <message>
        <source>Exchange rates…</source>
        <translation>Valutakurser…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Opdatér</translation>
    </message>
    <message>
        <source>Funding sources</source>
        <translation>Finansieringskilder</translation>
    </message>
    <message>
        <source>Each source: budget, spent, left</source>
        <translation>Hver kilde: budget, brugt, resterende</translation>
    </message>
    <message>
        <source>&lt;b&gt;Funding sources&lt;/b&gt;</source>
        <translation>&lt;b&gt;Finansieringskilder&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Spent of the amount awarded&lt;/b&gt;</source>
        <translation>&lt;b&gt;Brugt af det bevilgede beløb&lt;/b&gt;</translation>
    </message>
    <message>
        <source>No costs recorded yet: add cost items to see the cost per participant.</source>
        <translation>Ingen omkostninger registreret endnu: tilføj omkostningsposter for at se omkostningen pr. deltager.</translation>
    </message>
    <message>
        <source>Cost per participant by mode</source>
        <translation>Omkostning pr. deltager efter form</translation>
    </message>
    <message>
        <source>Cost per participant by year</source>
        <translation>Omkostning pr. deltager efter år</translation>
    </message>
    <message>
        <source>Click a bar or select a source to list the cost items behind it.</source>
        <translation>Klik på en søjle eller vælg en kilde for at se omkostningsposterne bag den.</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detaljer</translation>
    </message>
    <message>
        <source>What the chosen bar or source is made of</source>
        <translation>Hvad den valgte søjle eller kilde består af</translation>
    </message>
    <message>
        <source>Funding not loaded</source>
        <translation>Finansiering ikke indlæst</translation>
    </message>
    <message>
        <source>{spent} of {awarded}</source>
        <translation>{spent} af {awarded}</translation>
    </message>
    <message>
        <source> — overspent</source>
        <translation> — overskredet</translation>
    </message>
    <message>
        <source>Not counted: {value}</source>
        <translation>Ikke medregnet: {value}</translation>
    </message>
    <message>
        <source>Not counted:
• </source>
        <translation>Ikke medregnet:
• </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;{title}&lt;/b&gt;: %n cost item(s), {total} in all</source>
        <translation>
            <numerusform>&lt;b&gt;{title}&lt;/b&gt;: %n omkostningspost, i alt {total}</numerusform>
            <numerusform>&lt;b&gt;{title}&lt;/b&gt;: %n omkostningsposter, i alt {total}</numerusform>
        </translation>
    </message>
    <message>
        <source>{label} ({what}), {participants} participants</source>
        <translation>{label} ({what}), {participants} deltagere</translation>
    </message>
    <message>
        <source>Cannot open the funding source</source>
        <translation>Kan ikke åbne finansieringskilden</translation>
    </message>
    <message>
        <source>Delete funding source</source>
        <translation>Slet finansieringskilde</translation>
    </message>
    <message>
        <source>Delete {name}?</source>
        <translation>Slet {name}?</translation>
    </message>
    <message>
        <source>Funding source not deleted</source>
        <translation>Finansieringskilde ikke slettet</translation>
    </message>
    <message>
        <source>Anywhere</source>
        <translation>Overalt</translation>
    </message>
    <message>
        <source>The user guide, at the section of what you are looking at</source>
        <translation>Brugervejledningen ved afsnittet om det, du ser på</translation>
    </message>
    <message>
        <source>Alt + underlined letter</source>
        <translation>Alt + understreget bogstav</translation>
    </message>
    <message>
        <source>The menu, button, tab or field of that letter</source>
        <translation>Menuen, knappen, fanen eller feltet med det bogstav</translation>
    </message>
    <message>
        <source>Tab / Shift+Tab</source>
        <translation>Tab / Skift+Tab</translation>
    </message>
    <message>
        <source>The next / previous control</source>
        <translation>Næste / forrige kontrolelement</translation>
    </message>
    <message>
        <source>Tables</source>
        <translation>Tabeller</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Open the selected placement or record</source>
        <translation>Åbn det valgte praktikophold eller den valgte post</translation>
    </message>
    <message>
        <source>Arrow keys, Page Up/Down</source>
        <translation>Piletaster, Page Up/Down</translation>
    </message>
    <message>
        <source>Move through the rows</source>
        <translation>Flyt mellem rækkerne</translation>
    </message>
    <message>
        <source>Tab bars</source>
        <translation>Fanebjælker</translation>
    </message>
    <message>
        <source>Ctrl+Tab / Ctrl+Shift+Tab</source>
        <translation>Ctrl+Tab / Ctrl+Skift+Tab</translation>
    </message>
    <message>
        <source>The next / previous tab</source>
        <translation>Næste / forrige fane</translation>
    </message>
    <message>
        <source>Placement editor</source>
        <translation>Praktikeditor</translation>
    </message>
    <message>
        <source>Save the placement</source>
        <translation>Gem praktikopholdet</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Close; unsaved changes are asked about</source>
        <translation>Luk; der spørges om ikke-gemte ændringer</translation>
    </message>
    <message>
        <source>Pickers</source>
        <translation>Vælgere</translation>
    </message>
    <message>
        <source>Down, then Enter</source>
        <translation>Pil ned, derefter Enter</translation>
    </message>
    <message>
        <source>List the matches of what you typed and take one</source>
        <translation>Vis det, der matcher det skrevne, og vælg ét</translation>
    </message>
    <message>
        <source>Date fields</source>
        <translation>Datofelter</translation>
    </message>
    <message>
        <source>Type the date</source>
        <translation>Skriv datoen</translation>
    </message>
    <message>
        <source>YYYY-MM-DD, DD/MM/YYYY or DD.MM.YYYY</source>
        <translation>ÅÅÅÅ-MM-DD, DD/MM/ÅÅÅÅ eller DD.MM.ÅÅÅÅ</translation>
    </message>
    <message>
        <source>Text boxes</source>
        <translation>Tekstfelter</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tab</translation>
    </message>
    <message>
        <source>Moves on (a text box never keeps Tab)</source>
        <translation>Går videre (et tekstfelt beholder aldrig Tab)</translation>
    </message>
    <message>
        <source>Wizards</source>
        <translation>Guider</translation>
    </message>
    <message>
        <source>Alt+N / Alt+B</source>
        <translation>Alt+N / Alt+T</translation>
    </message>
    <message>
        <source>Next / Back page</source>
        <translation>Næste / forrige side</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastaturgenveje</translation>
    </message>
    <message>
        <source>Where, which keys, what they do</source>
        <translation>Hvor, hvilke taster, hvad de gør</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Hvor</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Taster</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Hvad</translation>
    </message>
    <message>
        <source>vipdesk user guide</source>
        <translation>vipdesk-brugervejledning</translation>
    </message>
    <message>
        <source>Search the guide</source>
        <translation>Søg i vejledningen</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Indhold</translation>
    </message>
    <message>
        <source>No section mentions this.</source>
        <translation>Intet afsnit nævner dette.</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>&amp;Brugervejledning</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annullér</translation>
    </message>
    <message>
        <source>Stopping… nothing will be changed.</source>
        <translation>Stopper… intet bliver ændret.</translation>
    </message>
    <message>
        <source> ({done:,} of {total:,})</source>
        <translation> ({done:,} af {total:,})</translation>
    </message>
    <message>
        <source>It was not done</source>
        <translation>Det blev ikke udført</translation>
    </message>
    <message>
        <source>Cancelled: nothing was changed.</source>
        <translation>Annulleret: intet blev ændret.</translation>
    </message>
    <message>
        <source>Send by e-mail</source>
        <translation>Send pr. e-mail</translation>
    </message>
    <message>
        <source>{party_label}: the PDF to sign</source>
        <translation>{party_label}: PDF&apos;en, der skal underskrives</translation>
    </message>
    <message>
        <source>{party_label}: the fillable PDF for HR</source>
        <translation>{party_label}: den udfyldelige PDF til HR</translation>
    </message>
    <message>
        <source>The message is shown before it goes; you can change it there.</source>
        <translation>Beskeden vises, før den sendes; du kan ændre den der.</translation>
    </message>
    <message>
        <source>&amp;Send to:</source>
        <translation>&amp;Send til:</translation>
    </message>
    <message>
        <source>The message&apos;s wording and dates in this language</source>
        <translation>Beskedens ordlyd og datoer på dette sprog</translation>
    </message>
    <message>
        <source>Language of the message</source>
        <translation>Beskedens sprog</translation>
    </message>
    <message>
        <source>&amp;Message in:</source>
        <translation>&amp;Besked på:</translation>
    </message>
    <message>
        <source>Every party has signed {title}.</source>
        <translation>Alle parter har underskrevet {title}.</translation>
    </message>
    <message>
        <source>No mail server is set (Settings → E-mail): open the message in your mail program, or save it as a file. It is not kept in the outbox.</source>
        <translation>Der er ikke angivet nogen mailserver (Indstillinger → E-mail): åbn beskeden i dit mailprogram, eller gem den som fil. Den gemmes ikke i udbakken.</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Til</translation>
    </message>
    <message>
        <source>Cc</source>
        <translation>Cc</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Emne</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Besked</translation>
    </message>
    <message>
        <source>Attached files</source>
        <translation>Vedhæftede filer</translation>
    </message>
    <message>
        <source>The files sent with it</source>
        <translation>Filerne, der sendes med</translation>
    </message>
    <message>
        <source>Attached:</source>
        <translation>Vedhæftet:</translation>
    </message>
    <message>
        <source>From {sender}</source>
        <translation>Fra {sender}</translation>
    </message>
    <message>
        <source>&amp;Open in mail program</source>
        <translation>&amp;Åbn i mailprogram</translation>
    </message>
    <message>
        <source>Save as .&amp;eml…</source>
        <translation>Gem som .&amp;eml…</translation>
    </message>
    <message>
        <source>&amp;Message:</source>
        <translation>&amp;Besked:</translation>
    </message>
    <message>
        <source>Save the message</source>
        <translation>Gem beskeden</translation>
    </message>
    <message>
        <source>E-mail (*.eml)</source>
        <translation>E-mail (*.eml)</translation>
    </message>
    <message>
        <source>Open in mail program</source>
        <translation>Åbn i mailprogram</translation>
    </message>
    <message>
        <source>No mail program opened it. The message is saved as {path}: attach or open it from there.</source>
        <translation>Intet mailprogram åbnede den. Beskeden er gemt som {path}: vedhæft eller åbn den derfra.</translation>
    </message>
    <message>
        <source>No e-mail yet. Messages sent from a placement (agreements, questionnaires, reminders) show here.</source>
        <translation>Ingen e-mail endnu. Beskeder sendt fra et praktikophold (aftaler, spørgeskemaer, påmindelser) vises her.</translation>
    </message>
    <message>
        <source>Failed ({attempts} tries)</source>
        <translation>Mislykkedes ({attempts} forsøg)</translation>
    </message>
    <message>
        <source>Failed</source>
        <comment>a message that could not be sent</comment>
        <translation>Mislykkedes</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Hvornår</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Hvad der skete</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Udbakke</translation>
    </message>
    <message>
        <source>Every e-mail and what became of it</source>
        <translation>Hver e-mail, og hvad der blev af den</translation>
    </message>
    <message>
        <source>&amp;Send queued now</source>
        <translation>&amp;Send ventende nu</translation>
    </message>
    <message>
        <source>Re&amp;try</source>
        <translation>Prøv &amp;igen</translation>
    </message>
    <message>
        <source>&amp;Cancel sending</source>
        <translation>&amp;Annullér afsendelse</translation>
    </message>
    <message>
        <source>&amp;Read…</source>
        <translation>&amp;Læs…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s)</source>
        <translation>
            <numerusform>%Ln besked</numerusform>
            <numerusform>%Ln beskeder</numerusform>
        </translation>
    </message>
    <message>
        <source>From: {value}
To: {value2}
</source>
        <translation>Fra: {value}
Til: {value2}
</translation>
    </message>
    <message>
        <source>Cc: {value}
</source>
        <translation>Cc: {value}
</translation>
    </message>
    <message>
        <source>Subject: {value}
</source>
        <translation>Emne: {value}
</translation>
    </message>
    <message>
        <source>Attached: {join}
</source>
        <translation>Vedhæftet: {join}
</translation>
    </message>
    <message>
        <source>State: {state}</source>
        <translation>Status: {state}</translation>
    </message>
    <message>
        <source>Send reminders</source>
        <translation>Send påmindelser</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n reminder(s)&lt;/b&gt; due today.</source>
        <translation>
            <numerusform>&lt;b&gt;%n påmindelse&lt;/b&gt; i dag.</numerusform>
            <numerusform>&lt;b&gt;%n påmindelser&lt;/b&gt; i dag.</numerusform>
        </translation>
    </message>
    <message>
        <source>{reminded_lately} item(s) were reminded in the last 7 days.</source>
        <translation>{reminded_lately} punkt(er) fik påmindelse inden for de sidste 7 dage.</translation>
    </message>
    <message>
        <source>No e-mail address for {join}.</source>
        <translation>Ingen e-mailadresse for {join}.</translation>
    </message>
    <message>
        <source>No mail server is set (Settings → E-mail): save them as .eml files.</source>
        <translation>Der er ikke angivet nogen mailserver (Indstillinger → E-mail): gem dem som .eml-filer.</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>Påmindelser</translation>
    </message>
    <message>
        <source>Each reminder, to whom and about what</source>
        <translation>Hver påmindelse, til hvem og om hvad</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Send %n reminder(s)</source>
        <translation>
            <numerusform>&amp;Send %n påmindelse</numerusform>
            <numerusform>&amp;Send %n påmindelser</numerusform>
        </translation>
    </message>
    <message>
        <source>Save as .&amp;eml files…</source>
        <translation>Gem som .&amp;eml-filer…</translation>
    </message>
    <message>
        <source>Save the reminders in</source>
        <translation>Gem påmindelserne i</translation>
    </message>
    <message>
        <source>Save the reminders</source>
        <translation>Gem påmindelserne</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Sender</translation>
    </message>
    <message>
        <source>Sending e-mail</source>
        <translation>Sender e-mail</translation>
    </message>
    <message>
        <source>{summary}.

{first}

The Outbox keeps the failed messages: correct the settings or the address, then Retry.</source>
        <translation>{summary}.

{first}

Udbakken beholder de mislykkede beskeder: ret indstillingerne eller adressen, og prøv igen.</translation>
    </message>
    <message numerus="yes">
        <source>%n sent</source>
        <translation>
            <numerusform>%n sendt</numerusform>
            <numerusform>%n sendt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n mislykkedes</numerusform>
            <numerusform>%n mislykkedes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n still queued</source>
        <translation>
            <numerusform>%n stadig i kø</numerusform>
            <numerusform>%n stadig i kø</numerusform>
        </translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sikkerhed</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Brugernavn</translation>
    </message>
    <message>
        <source>stored in the system&apos;s credential store</source>
        <translation>gemt i systemets nøglering</translation>
    </message>
    <message>
        <source>not stored</source>
        <translation>ikke gemt</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Adgangskode</translation>
    </message>
    <message>
        <source>International Office, University of …</source>
        <translation>Internationalt kontor, Universitetet i …</translation>
    </message>
    <message>
        <source>Sender name</source>
        <translation>Afsendernavn</translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation>Afsenderadresse</translation>
    </message>
    <message>
        <source>Reply-to</source>
        <translation>Svar til</translation>
    </message>
    <message>
        <source>Send a &amp;test message</source>
        <translation>Send en &amp;testbesked</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Beskeder</translation>
    </message>
    <message>
        <source>Each message vipdesk sends; choose one</source>
        <translation>Hver besked, vipdesk sender; vælg en</translation>
    </message>
    <message>
        <source>Placeholders: {names}</source>
        <translation>Pladsholdere: {names}</translation>
    </message>
    <message>
        <source>Save &amp;wording</source>
        <translation>Gem &amp;ordlyd</translation>
    </message>
    <message>
        <source>&amp;Restore the shipped text</source>
        <translation>&amp;Gendan den leverede tekst</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Emne:</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>Tekst:</translation>
    </message>
    <message>
        <source>Signature (ends every message)</source>
        <translation>Signatur (afslutter hver besked)</translation>
    </message>
    <message>
        <source>{title} (office wording)</source>
        <translation>{title} (kontorets ordlyd)</translation>
    </message>
    <message>
        <source>Mail templates</source>
        <translation>Mailskabeloner</translation>
    </message>
    <message>
        <source>E-mail settings</source>
        <translation>E-mailindstillinger</translation>
    </message>
    <message>
        <source>&amp;Server and sender</source>
        <translation>&amp;Server og afsender</translation>
    </message>
    <message>
        <source>&amp;Messages</source>
        <translation>&amp;Beskeder</translation>
    </message>
    <message>
        <source>Not sent: {exc}</source>
        <translation>Ikke sendt: {exc}</translation>
    </message>
    <message>
        <source>Sent to {sender_address}; the server answered {reply}.</source>
        <translation>Sendt til {sender_address}; serveren svarede: {reply}.</translation>
    </message>
    <message>
        <source>This computer has no credential store: the password is kept until vipdesk is closed, and will be asked for again.</source>
        <translation>Denne computer har ingen nøglering: adgangskoden huskes, indtil vipdesk lukkes, og bliver spurgt om igen.</translation>
    </message>
    <message>
        <source>E-mail (*.eml);;All files (*)</source>
        <translation>E-mail (*.eml);;Alle filer (*)</translation>
    </message>
    <message>
        <source>Import returned mail</source>
        <translation>Importér returneret mail</translation>
    </message>
    <message>
        <source>Out&amp;box</source>
        <translation>&amp;Udbakke</translation>
    </message>
    <message>
        <source>&amp;E-mail…</source>
        <translation>&amp;E-mail…</translation>
    </message>
    <message>
        <source>The mail server, the sender and the message templates</source>
        <translation>Mailserveren, afsenderen og beskedskabelonerne</translation>
    </message>
    <message>
        <source>Import returned &amp;mail (.eml)…</source>
        <translation>Importér returneret &amp;mail (.eml)…</translation>
    </message>
    <message>
        <source>E-mail the report</source>
        <translation>Send rapporten pr. e-mail</translation>
    </message>
    <message>
        <source>Not ours, left alone: {name}</source>
        <translation>Ikke vores, ladt urørt: {name}</translation>
    </message>
    <message>
        <source>{name} is the {kind} of {reference}: record its signatures in the Agreement tab (Record signature…).</source>
        <translation>{name} er {kind} for {reference}: registrér dens underskrifter på fanen Aftale (Registrér underskrift…).</translation>
    </message>
    <message>
        <source>vipdesk — {describe_url}</source>
        <translation>vipdesk — {describe_url}</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Prøv igen</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>Afsnit</translation>
    </message>
    <message>
        <source>&amp;Today</source>
        <translation>&amp;I dag</translation>
    </message>
    <message>
        <source>&amp;Placements</source>
        <translation>&amp;Praktikophold</translation>
    </message>
    <message>
        <source>&amp;Students</source>
        <translation>&amp;Studerende</translation>
    </message>
    <message>
        <source>&amp;Organisations</source>
        <translation>&amp;Organisationer</translation>
    </message>
    <message>
        <source>&amp;Contacts</source>
        <translation>&amp;Kontakter</translation>
    </message>
    <message>
        <source>&amp;Institutions</source>
        <translation>Institutio&amp;ner</translation>
    </message>
    <message>
        <source>F&amp;unding</source>
        <translation>Finansi&amp;ering</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Filer</translation>
    </message>
    <message>
        <source>&amp;New placement…</source>
        <translation>&amp;Nyt praktikophold…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Op&amp;datér</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Afslut</translation>
    </message>
    <message>
        <source>Export &amp;agreements…</source>
        <translation>Eksportér &amp;aftaler…</translation>
    </message>
    <message>
        <source>Settin&amp;gs</source>
        <translation>Indstillin&amp;ger</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Redigér</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Find…</translation>
    </message>
    <message>
        <source>&amp;Open placement</source>
        <translation>Å&amp;bn praktikophold</translation>
    </message>
    <message>
        <source>&amp;Delete placement…</source>
        <translation>&amp;Slet praktikophold…</translation>
    </message>
    <message>
        <source>&amp;Recently deleted…</source>
        <translation>&amp;Nyligt slettede…</translation>
    </message>
    <message>
        <source>&amp;Trusted certificates…</source>
        <translation>&amp;Betroede certifikater…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Vis</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hjælp</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastaturgenveje</translation>
    </message>
    <message>
        <source>&amp;About vipdesk</source>
        <translation>&amp;Om vipdesk</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hoved</translation>
    </message>
    <message>
        <source>&amp;Today ({due:,})</source>
        <translation>&amp;I dag ({due:,})</translation>
    </message>
    <message>
        <source>{due:,} due · {overdue:,} overdue · {placements:,} placements · {describe_url}</source>
        <translation>{due:,} forfaldne · {overdue:,} overskredne · {placements:,} praktikophold · {describe_url}</translation>
    </message>
    <message>
        <source>Cannot open the placement</source>
        <translation>Kan ikke åbne praktikopholdet</translation>
    </message>
    <message>
        <source>Delete placement</source>
        <translation>Slet praktikophold</translation>
    </message>
    <message>
        <source>Delete {reference} — {student} at {host}? Its checklist goes with it. This cannot be undone.</source>
        <translation>Slet {reference} — {student} hos {host}? Tjeklisten slettes med. Dette kan ikke fortrydes.</translation>
    </message>
    <message>
        <source>Deleted {reference}.</source>
        <translation>{reference} er slettet.</translation>
    </message>
    <message>
        <source>About vipdesk</source>
        <translation>Om vipdesk</translation>
    </message>
    <message>
        <source>&lt;b&gt;vipdesk {version__}&lt;/b&gt;&lt;br&gt;Records, preparation and reporting for virtual and blended international work placements.&lt;br&gt;&lt;br&gt;Database: {describe_url}</source>
        <translation>&lt;b&gt;vipdesk {version__}&lt;/b&gt;&lt;br&gt;Data, forberedelse og rapportering for virtuelle og blandede internationale praktikophold.&lt;br&gt;&lt;br&gt;Database: {describe_url}</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; mixes separators. Type it as 1234.50 or 1 234,50.</source>
        <translation>&apos;{text}&apos; blander skilletegn. Skriv beløbet som 1234,50 eller 1.234,50.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not an amount. Type it as 1234.50 or 1 234,50.</source>
        <translation>&apos;{text}&apos; er ikke et beløb. Skriv det som 1234,50 eller 1.234,50.</translation>
    </message>
    <message>
        <source>e.g. 1234.50 or 1 234,50</source>
        <translation>f.eks. 1234,50 eller 1 234,50</translation>
    </message>
    <message>
        <source>Reports and reflections (*.pdf *.docx *.png *.jpg *.jpeg);;All files (*)</source>
        <translation>Rapporter og refleksioner (*.pdf *.docx *.png *.jpg *.jpeg);;Alle filer (*)</translation>
    </message>
    <message>
        <source>student, mentor, tutor</source>
        <translation>studerende, mentor, vejleder</translation>
    </message>
    <message>
        <source>student, mentor</source>
        <translation>studerende, mentor</translation>
    </message>
    <message>
        <source>student, tutor</source>
        <translation>studerende, vejleder</translation>
    </message>
    <message>
        <source>student, colleagues</source>
        <translation>studerende, kolleger</translation>
    </message>
    <message>
        <source>student, coordinator</source>
        <translation>studerende, koordinator</translation>
    </message>
    <message>
        <source>student, mentor, coordinator</source>
        <translation>studerende, mentor, koordinator</translation>
    </message>
    <message>
        <source>monitoring entry</source>
        <translation>opfølgningspost</translation>
    </message>
    <message>
        <source>Monitoring entry not saved</source>
        <translation>Opfølgningsposten er ikke gemt</translation>
    </message>
    <message>
        <source>e.g. student, mentor</source>
        <translation>f.eks. studerende, mentor</translation>
    </message>
    <message>
        <source>One of the tools chosen for this placement (Preparation tab)</source>
        <translation>Et af de værktøjer, der er valgt til dette praktikophold (fanen Forberedelse)</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Attach a file…</source>
        <translation>Vedhæft en fil…</translation>
    </message>
    <message>
        <source>A PDF, a Word document (.docx), a PNG or a JPEG, up to {value} MB</source>
        <translation>En PDF, et Word-dokument (.docx), en PNG eller en JPEG, op til {value} MB</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Fjern</translation>
    </message>
    <message>
        <source>This raised a concern</source>
        <translation>Dette gav anledning til en bekymring</translation>
    </message>
    <message>
        <source>Who took part</source>
        <translation>Hvem deltog</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Varighed</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Concern</source>
        <translation>Bekymring</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Opfølgning</translation>
    </message>
    <message>
        <source>Resolved on</source>
        <translation>Løst den</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Løsning</translation>
    </message>
    <message>
        <source>{kind} of {day}</source>
        <translation>{kind} den {day}</translation>
    </message>
    <message>
        <source>New log entry</source>
        <translation>Ny logpost</translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation>Vedhæft en fil</translation>
    </message>
    <message>
        <source>{name} is over {value} MB.</source>
        <translation>{name} er over {value} MB.</translation>
    </message>
    <message>
        <source>Cannot read {name}: {strerror}.</source>
        <translation>Kan ikke læse {name}: {strerror}.</translation>
    </message>
    <message>
        <source>No file</source>
        <translation>Ingen fil</translation>
    </message>
    <message>
        <source>open</source>
        <translation>åben</translation>
    </message>
    <message>
        <source>resolved {day}</source>
        <translation>løst {day}</translation>
    </message>
    <message>
        <source>{what} ({cadence}): {met} of {expected} expected met</source>
        <translation>{what} ({cadence}): {met} af {expected} forventede holdt</translation>
    </message>
    <message>
        <source>; overdue since {day}</source>
        <translation>; forsinket siden {day}</translation>
    </message>
    <message>
        <source>met on {met_on}</source>
        <translation>holdt {met_on}</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>endnu ikke</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>forsømt</translation>
    </message>
    <message>
        <source>Save the placement first to keep its monitoring log.</source>
        <translation>Gem først praktikopholdet for at føre dets opfølgningslog.</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Hvem</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>Min.</translation>
    </message>
    <message>
        <source>Monitoring log</source>
        <translation>Opfølgningslog</translation>
    </message>
    <message>
        <source>Meetings, reports and checks</source>
        <translation>Møder, rapporter og kontroller</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Forventet</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Møde</translation>
    </message>
    <message>
        <source>Expected meetings</source>
        <translation>Forventede møder</translation>
    </message>
    <message>
        <source>Each slot of the protocol&apos;s cadence: met or missed</source>
        <translation>Hvert tidspunkt i protokollens rytme: holdt eller overset</translation>
    </message>
    <message>
        <source>&amp;New entry…</source>
        <translation>&amp;Ny post…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Redigér…</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>S&amp;let</translation>
    </message>
    <message>
        <source>Save &amp;file…</source>
        <translation>Gem &amp;fil…</translation>
    </message>
    <message>
        <source>&amp;Recognition…</source>
        <translation>&amp;Anerkendelse…</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>Møder</translation>
    </message>
    <message>
        <source>Reports and reflections</source>
        <translation>Rapporter og refleksioner</translation>
    </message>
    <message>
        <source>No communication protocol yet: no rhythm of meetings to measure.</source>
        <translation>Ingen kommunikationsprotokol endnu: ingen mødefrekvens at måle.</translation>
    </message>
    <message numerus="yes">
        <source>%n concern(s) open</source>
        <translation>
            <numerusform>%n åben bekymring</numerusform>
            <numerusform>%n åbne bekymringer</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing logged yet: New entry… records the kick-off first.</source>
        <translation>Intet registreret endnu: Ny post… registrerer først opstartsmødet.</translation>
    </message>
    <message>
        <source>No credits planned: nothing to recognise in the degree.</source>
        <translation>Ingen point planlagt: intet at anerkende i uddannelsen.</translation>
    </message>
    <message>
        <source>Not complete yet: </source>
        <translation>Endnu ikke fuldstændig: </translation>
    </message>
    <message>
        <source>{credits_awarded} of {planned_credits} credits, grade {grade}, transcript of {transcript_on}.</source>
        <translation>{credits_awarded} af {planned_credits} point, karakter {grade}, karakterudskrift af {transcript_on}.</translation>
    </message>
    <message>
        <source>Delete the {label} of {held_on}? It can be restored from Edit → Recently deleted for 30 days.</source>
        <translation>Slet {label} fra {held_on}? Den kan gendannes fra Redigér → Nyligt slettede i 30 dage.</translation>
    </message>
    <message>
        <source>Delete the entry</source>
        <translation>Slet posten</translation>
    </message>
    <message>
        <source>Not deleted</source>
        <translation>Ikke slettet</translation>
    </message>
    <message>
        <source>Save the file</source>
        <translation>Gem filen</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Ikke gemt</translation>
    </message>
    <message>
        <source>Recognition not saved</source>
        <translation>Anerkendelsen er ikke gemt</translation>
    </message>
    <message>
        <source>Only when more credits are awarded than planned</source>
        <translation>Kun når der gives flere point end planlagt</translation>
    </message>
    <message>
        <source>One learning outcome achieved per line</source>
        <translation>Ét opnået læringsudbytte pr. linje</translation>
    </message>
    <message>
        <source>All planned outcomes achieved</source>
        <translation>Alle planlagte læringsudbytter opnået</translation>
    </message>
    <message>
        <source>Credits awarded (ECTS)</source>
        <translation>Tildelte point (ECTS)</translation>
    </message>
    <message>
        <source>Reason for more credits</source>
        <translation>Begrundelse for flere point</translation>
    </message>
    <message>
        <source>Grading scale</source>
        <translation>Karakterskala</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Karakter</translation>
    </message>
    <message>
        <source>Transcript of records of</source>
        <translation>Karakterudskrift af</translation>
    </message>
    <message>
        <source>Certificate received on</source>
        <translation>Bevis modtaget den</translation>
    </message>
    <message>
        <source> ({planned_credits} ECTS planned)</source>
        <translation> ({planned_credits} ECTS planlagt)</translation>
    </message>
    <message>
        <source>Recognition{planned}</source>
        <translation>Anerkendelse{planned}</translation>
    </message>
    <message>
        <source>{credits} planned</source>
        <translation>{credits} planlagt</translation>
    </message>
    <message>
        <source>a number from {low} to {high}</source>
        <translation>et tal fra {low} til {high}</translation>
    </message>
    <message>
        <source>Host organisation</source>
        <translation>Modtagende organisation</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>Institution</translation>
    </message>
    <message>
        <source>Contact not saved</source>
        <translation>Kontakten er ikke gemt</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Works at</source>
        <translation>Arbejder hos</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Tidszone</translation>
    </message>
    <message>
        <source>Contact: {name}</source>
        <translation>Kontakt: {name}</translation>
    </message>
    <message>
        <source>New {label}</source>
        <translation>Ny: {label}</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>Ny kontakt</translation>
    </message>
    <message>
        <source>where this person works</source>
        <translation>hvor denne person arbejder</translation>
    </message>
    <message>
        <source>a time zone</source>
        <translation>en tidszone</translation>
    </message>
    <message>
        <source>Institution not saved</source>
        <translation>Institutionen er ikke gemt</translation>
    </message>
    <message>
        <source>e.g. PL WARSZAW01</source>
        <translation>f.eks. PL WARSZAW01</translation>
    </message>
    <message>
        <source>Erasmus code</source>
        <translation>Erasmus-kode</translation>
    </message>
    <message>
        <source>Faculty</source>
        <translation>Fakultet</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>City</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Websted</translation>
    </message>
    <message>
        <source>Institution: {name}</source>
        <translation>Institution: {name}</translation>
    </message>
    <message>
        <source>New institution</source>
        <translation>Ny institution</translation>
    </message>
    <message>
        <source>a country</source>
        <translation>et land</translation>
    </message>
    <message>
        <source>Organisation not saved</source>
        <translation>Organisationen er ikke gemt</translation>
    </message>
    <message>
        <source>Street and number, as on a letter</source>
        <translation>Gade og nummer, som på et brev</translation>
    </message>
    <message>
        <source>e.g. Software, Renewable energy, NGO</source>
        <translation>f.eks. Software, Vedvarende energi, NGO</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Gade</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Postnummer</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Størrelse</translation>
    </message>
    <message>
        <source>Organisation: {name}</source>
        <translation>Organisation: {name}</translation>
    </message>
    <message>
        <source>New host organisation</source>
        <translation>Ny modtagende organisation</translation>
    </message>
    <message>
        <source>EQF 5 (short cycle)</source>
        <translation>EQF 5 (kort videregående)</translation>
    </message>
    <message>
        <source>EQF 6 (bachelor)</source>
        <translation>EQF 6 (bachelor)</translation>
    </message>
    <message>
        <source>EQF 7 (master)</source>
        <translation>EQF 7 (kandidat)</translation>
    </message>
    <message>
        <source>EQF 8 (doctorate)</source>
        <translation>EQF 8 (ph.d.)</translation>
    </message>
    <message>
        <source>Student not saved</source>
        <translation>Den studerende er ikke gemt</translation>
    </message>
    <message>
        <source>ISCED-F, e.g. 0413 Management and administration</source>
        <translation>ISCED-F, f.eks. 0413 Ledelse og administration</translation>
    </message>
    <message>
        <source>Messages to the student are offered in this language</source>
        <translation>Beskeder til den studerende tilbydes på dette sprog</translation>
    </message>
    <message>
        <source>Language for the student&apos;s messages</source>
        <translation>Sprog for beskeder til den studerende</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Fornavn</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Efternavn</translation>
    </message>
    <message>
        <source>Student number</source>
        <translation>Studienummer</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Fødselsdato</translation>
    </message>
    <message>
        <source>Nationality</source>
        <translation>Nationalitet</translation>
    </message>
    <message>
        <source>Study cycle</source>
        <translation>Studieniveau</translation>
    </message>
    <message>
        <source>Field of education</source>
        <translation>Uddannelsesområde</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>Uddannelse</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Sprog</translation>
    </message>
    <message>
        <source>Messages in</source>
        <translation>Beskeder på</translation>
    </message>
    <message>
        <source>Student: {full_name}</source>
        <translation>Studerende: {full_name}</translation>
    </message>
    <message>
        <source>New student</source>
        <translation>Ny studerende</translation>
    </message>
    <message>
        <source>an institution</source>
        <translation>en institution</translation>
    </message>
    <message>
        <source>Native</source>
        <translation>Modersmål</translation>
    </message>
    <message>
        <source>Each language with its CEFR level</source>
        <translation>Hvert sprog med dets CEFR-niveau</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprog</translation>
    </message>
    <message>
        <source>Level (CEFR)</source>
        <translation>Niveau (CEFR)</translation>
    </message>
    <message>
        <source>Add language</source>
        <translation>Tilføj sprog</translation>
    </message>
    <message>
        <source>Disability or health condition</source>
        <translation>Handicap eller helbredstilstand</translation>
    </message>
    <message>
        <source>Economic, social or geographic obstacles</source>
        <translation>Økonomiske, sociale eller geografiske hindringer</translation>
    </message>
    <message>
        <source>Migrant or refugee background</source>
        <translation>Migrant- eller flygtningebaggrund</translation>
    </message>
    <message>
        <source>Working student or carer</source>
        <translation>Erhvervsaktiv studerende eller pårørende</translation>
    </message>
    <message>
        <source>Special-category personal data (GDPR art. 9): record only what the student declared, e.g. for an Erasmus+ inclusion top-up. Kept apart from the student record, never shown in lists or exports; the history notes only that it changed.</source>
        <translation>Særlige kategorier af personoplysninger (GDPR art. 9): registrér kun, hvad den studerende har oplyst, f.eks. til et Erasmus+-inklusionstillæg. Opbevares adskilt fra den studerendes post, vises aldrig i lister eller eksporter; historikken noterer kun, at det er ændret.</translation>
    </message>
    <message>
        <source>Sensitive: equity flags</source>
        <translation>Følsomt: lighedsmarkører</translation>
    </message>
    <message>
        <source>Note on the grant&apos;s grounds</source>
        <translation>Note om grundlaget for tilskuddet</translation>
    </message>
    <message>
        <source>Note (only what is needed for the grant)</source>
        <translation>Note (kun hvad der er nødvendigt for tilskuddet)</translation>
    </message>
    <message>
        <source>Student no.</source>
        <translation>Studienr.</translation>
    </message>
    <message>
        <source>Placements</source>
        <translation>Praktikophold</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>Studerende</translation>
    </message>
    <message>
        <source>Delete {name}? This cannot be undone.</source>
        <translation>Slet {name}? Dette kan ikke fortrydes.</translation>
    </message>
    <message>
        <source>student</source>
        <translation>studerende</translation>
    </message>
    <message>
        <source>organisation</source>
        <translation>organisation</translation>
    </message>
    <message numerus="yes">
        <source>%Ln host organisation(s)</source>
        <translation>
            <numerusform>%Ln værtsorganisation</numerusform>
            <numerusform>%Ln værtsorganisationer</numerusform>
        </translation>
    </message>
    <message>
        <source>contact</source>
        <translation>kontakt</translation>
    </message>
    <message>
        <source>institution</source>
        <translation>institution</translation>
    </message>
    <message numerus="yes">
        <source>%Ln institution(s)</source>
        <translation>
            <numerusform>%Ln institution</numerusform>
            <numerusform>%Ln institutioner</numerusform>
        </translation>
    </message>
    <message>
        <source>done outside vipdesk: </source>
        <translation>udført uden for vipdesk: </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) marked below</source>
        <translation>
            <numerusform>%n punkt markeret nedenfor</numerusform>
            <numerusform>%n punkter markeret nedenfor</numerusform>
        </translation>
    </message>
    <message>
        <source>{count} things block</source>
        <translation>{count} ting blokerer</translation>
    </message>
    <message>
        <source>1 thing blocks</source>
        <translation>1 ting blokerer</translation>
    </message>
    <message>
        <source>{first}; and {last}</source>
        <translation>{first}; og {last}</translation>
    </message>
    <message>
        <source>{things} “{target}”: {reasons}</source>
        <translation>{things} „{target}“: {reasons}</translation>
    </message>
    <message>
        <source>Other moves</source>
        <translation>Andre trin</translation>
    </message>
    <message>
        <source>Save the placement to start its checklist.</source>
        <translation>Gem praktikopholdet for at starte dets tjekliste.</translation>
    </message>
    <message>
        <source>Status: &lt;b&gt;Draft&lt;/b&gt; (not saved yet)</source>
        <translation>Status: &lt;b&gt;Udkast&lt;/b&gt; (ikke gemt endnu)</translation>
    </message>
    <message>
        <source> — step {value} of {count}</source>
        <translation> — trin {value} af {count}</translation>
    </message>
    <message>
        <source>Status: &lt;b&gt;{label}&lt;/b&gt;{step}</source>
        <translation>Status: &lt;b&gt;{label}&lt;/b&gt;{step}</translation>
    </message>
    <message>
        <source>Move to “{label}”</source>
        <translation>Flyt til “{label}”</translation>
    </message>
    <message>
        <source>Shows what still blocks it, with a way to each fix.</source>
        <translation>Viser, hvad der stadig blokerer, med en vej til hver løsning.</translation>
    </message>
    <message>
        <source>Cancel the placement…</source>
        <translation>Annullér praktikopholdet…</translation>
    </message>
    <message>
        <source>Reopen as {label}</source>
        <translation>Genåbn som {label}</translation>
    </message>
    <message>
        <source>Back to {label}</source>
        <translation>Tilbage til {label}</translation>
    </message>
    <message>
        <source>{phase} — {done} of {count} done</source>
        <translation>{phase} — {done} af {count} udført</translation>
    </message>
    <message>
        <source>nothing recorded</source>
        <translation>intet registreret</translation>
    </message>
    <message>
        <source>Before the placement</source>
        <translation>Før praktikopholdet</translation>
    </message>
    <message>
        <source>During the placement</source>
        <translation>Under praktikopholdet</translation>
    </message>
    <message>
        <source>After the placement</source>
        <translation>Efter praktikopholdet</translation>
    </message>
    <message>
        <source>Follows from vipdesk&apos;s records.</source>
        <translation>Følger af vipdesks data.</translation>
    </message>
    <message>
        <source>Ticking by hand asks why (the records do not show it).</source>
        <translation>Manuel afkrydsning spørger hvorfor (dataene viser det ikke).</translation>
    </message>
    <message>
        <source>⚠ blocks the next step</source>
        <translation>⚠ blokerer næste trin</translation>
    </message>
    <message>
        <source>Tick by hand</source>
        <translation>Afkryds manuelt</translation>
    </message>
    <message>
        <source>vipdesk ticks “{label}” from its records, which do not show it yet ({value}). Why is it done?</source>
        <translation>vipdesk afkrydser “{label}” ud fra sine data, som endnu ikke viser det ({value}). Hvorfor er det udført?</translation>
    </message>
    <message>
        <source>New placement</source>
        <translation>Nyt praktikophold</translation>
    </message>
    <message>
        <source>Placement details</source>
        <translation>Praktikopholdets detaljer</translation>
    </message>
    <message>
        <source>Placement sections</source>
        <translation>Praktikopholdets afsnit</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Preparation</source>
        <translation>Forberedelse</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Aftale</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>Opfølgning</translation>
    </message>
    <message>
        <source>Mail</source>
        <translation>Mail</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historik</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Gem</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>Gem (Ctrl+S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Luk</translation>
    </message>
    <message>
        <source> — &lt;i&gt;unsaved changes&lt;/i&gt;</source>
        <translation> — &lt;i&gt;ikke-gemte ændringer&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;New placement{dirty}&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Nyt praktikophold{dirty}&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>{reference} — placement</source>
        <translation>{reference} — praktikophold</translation>
    </message>
    <message>
        <source>No further step: the placement is completed</source>
        <translation>Intet yderligere trin: praktikopholdet er afsluttet</translation>
    </message>
    <message>
        <source>No further step: the placement was cancelled</source>
        <translation>Intet yderligere trin: praktikopholdet blev aflyst</translation>
    </message>
    <message>
        <source>No further step</source>
        <translation>Intet yderligere trin</translation>
    </message>
    <message numerus="yes">
        <source>Next: {label} — %n thing(s) still to do (Status tab)</source>
        <translation>
            <numerusform>Næste: {label} — %n ting mangler (fanen Status)</numerusform>
            <numerusform>Næste: {label} — %n ting mangler (fanen Status)</numerusform>
        </translation>
    </message>
    <message>
        <source>Next: {label} — nothing blocks it</source>
        <translation>Næste: {label} — intet blokerer</translation>
    </message>
    <message>
        <source>Restore unsaved changes?</source>
        <translation>Gendan ikke-gemte ændringer?</translation>
    </message>
    <message>
        <source>vipdesk closed on {day} at {time} before changes to this placement were saved. Restore them? (They are not saved until you press Save.)</source>
        <translation>vipdesk lukkede den {day} kl. {time}, før ændringer i dette praktikophold blev gemt. Gendan dem? (De gemmes først, når du trykker på Gem.)</translation>
    </message>
    <message>
        <source>Nothing was saved: please correct the fields marked below.</source>
        <translation>Intet blev gemt: ret de felter, der er markeret nedenfor.</translation>
    </message>
    <message>
        <source>{exc} Your edits are still here, not saved.</source>
        <translation>{exc} Dine ændringer er her stadig, ikke gemt.</translation>
    </message>
    <message>
        <source>Delete {reference} ({title})? Its checklist goes with it. This cannot be undone.</source>
        <translation>Slet {reference} ({title})? Tjeklisten slettes med. Dette kan ikke fortrydes.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ikke-gemte ændringer</translation>
    </message>
    <message>
        <source>This placement has changes that are not saved. Save them before closing?</source>
        <translation>Dette praktikophold har ændringer, der ikke er gemt. Gem dem, før du lukker?</translation>
    </message>
    <message>
        <source>Virtual: online only. Blended: online with a physical stay abroad (give its periods below). Physical: on site at the host.</source>
        <translation>Virtuelt: kun online. Blandet: online med et fysisk ophold i udlandet (angiv perioderne nedenfor). Fysisk: på stedet hos organisationen.</translation>
    </message>
    <message>
        <source>Who supervises the trainee&apos;s work at the host; signs the certificate</source>
        <translation>Hvem der vejleder praktikantens arbejde hos organisationen; underskriver beviset</translation>
    </message>
    <message>
        <source>Who follows the learning at the sending institution and recognises it</source>
        <translation>Hvem der følger læringen på den udsendende institution og anerkender den</translation>
    </message>
    <message>
        <source>The trainee&apos;s university, which sends and recognises the placement</source>
        <translation>Praktikantens universitet, som udsender og anerkender praktikopholdet</translation>
    </message>
    <message>
        <source>The agreed first day; the agreement and grant count from it</source>
        <translation>Den aftalte første dag; aftalen og tilskuddet regnes fra den</translation>
    </message>
    <message>
        <source>The agreed last day; an extension is an amendment</source>
        <translation>Den aftalte sidste dag; en forlængelse er en ændring</translation>
    </message>
    <message>
        <source>Agreed working hours a week (1 to 60), as the agreement states them</source>
        <translation>Aftalte arbejdstimer om ugen (1 til 60), som aftalen angiver</translation>
    </message>
    <message>
        <source>ECTS the placement is worth in the degree; empty when it does not count (then no recognition is needed to complete it)</source>
        <translation>ECTS, praktikopholdet er værd i uddannelsen; tomt, når det ikke tæller (så kræves ingen anerkendelse for at afslutte det)</translation>
    </message>
    <message>
        <source>Internal notes of the office: never printed on the agreement</source>
        <translation>Kontorets interne noter: udskrives aldrig på aftalen</translation>
    </message>
    <message>
        <source>Periods</source>
        <translation>Perioder</translation>
    </message>
    <message>
        <source>The placement&apos;s virtual and physical periods: kind, start, end</source>
        <translation>Praktikopholdets virtuelle og fysiske perioder: type, start, slut</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Slut</translation>
    </message>
    <message>
        <source>Add period</source>
        <translation>Tilføj periode</translation>
    </message>
    <message>
        <source>Remove period</source>
        <translation>Fjern periode</translation>
    </message>
    <message>
        <source>Period {value}: {exc}</source>
        <translation>Periode {value}: {exc}</translation>
    </message>
    <message>
        <source>New student…</source>
        <translation>Ny studerende…</translation>
    </message>
    <message>
        <source>New host…</source>
        <translation>Ny organisation…</translation>
    </message>
    <message>
        <source>Type part of its name or country (↓ lists them)</source>
        <translation>Skriv en del af navnet eller landet (↓ viser dem)</translation>
    </message>
    <message>
        <source>New institution…</source>
        <translation>Ny institution…</translation>
    </message>
    <message>
        <source>New mentor…</source>
        <translation>Ny mentor…</translation>
    </message>
    <message>
        <source>New tutor…</source>
        <translation>Ny vejleder…</translation>
    </message>
    <message>
        <source>e.g. 7.5 (empty if none)</source>
        <translation>f.eks. 7,5 (tomt, hvis ingen)</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Studerende</translation>
    </message>
    <message>
        <source>Company mentor</source>
        <translation>Virksomhedsmentor</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Planned start and end</source>
        <translation>Planlagt start og slut</translation>
    </message>
    <message>
        <source>Hours per week</source>
        <translation>Timer pr. uge</translation>
    </message>
    <message>
        <source>ECTS credits</source>
        <translation>ECTS-point</translation>
    </message>
    <message>
        <source>Planned start</source>
        <translation>Planlagt start</translation>
    </message>
    <message>
        <source>Planned end</source>
        <translation>Planlagt slut</translation>
    </message>
    <message>
        <source>Blended: physical and virtual periods</source>
        <translation>Blandet: fysiske og virtuelle perioder</translation>
    </message>
    <message>
        <source>No student matches what you typed: pick one from the list or create a new one.</source>
        <translation>Ingen studerende matcher det, du skrev: vælg en fra listen, eller opret en ny.</translation>
    </message>
    <message>
        <source>No host organisation matches what you typed: pick one from the list or create a new one.</source>
        <translation>Ingen modtagende organisation matcher det, du skrev: vælg en fra listen, eller opret en ny.</translation>
    </message>
    <message>
        <source>No institution matches what you typed: pick one from the list or create a new one.</source>
        <translation>Ingen institution matcher det, du skrev: vælg en fra listen, eller opret en ny.</translation>
    </message>
    <message>
        <source>No mentor matches what you typed: pick one from the list or create a new one.</source>
        <translation>Ingen mentor matcher det, du skrev: vælg en fra listen, eller opret en ny.</translation>
    </message>
    <message>
        <source>No tutor matches what you typed: pick one from the list or create a new one.</source>
        <translation>Ingen faglig vejleder matcher det, du skrev: vælg en fra listen, eller opret en ny.</translation>
    </message>
    <message>
        <source>(deleted since)</source>
        <translation>(slettet siden)</translation>
    </message>
    <message>
        <source>Nothing has been recorded for this placement yet.</source>
        <translation>Der er endnu intet registreret for dette praktikophold.</translation>
    </message>
    <message>
        <source>The history starts when the placement is first saved.</source>
        <translation>Historikken starter, når praktikopholdet gemmes første gang.</translation>
    </message>
    <message>
        <source>What changed, newest first</source>
        <translation>Hvad der er ændret, nyeste først</translation>
    </message>
    <message>
        <source>Stored details</source>
        <translation>Gemte detaljer</translation>
    </message>
    <message>
        <source>Show the audit entry behind the selected line as stored</source>
        <translation>Vis revisionsposten bag den valgte linje, som den er gemt</translation>
    </message>
    <message>
        <source>Select a line to see the entry as stored.</source>
        <translation>Vælg en linje for at se posten, som den er gemt.</translation>
    </message>
    <message>
        <source>{text}

As stored:
{detail}</source>
        <translation>{text}

Som gemt:
{detail}</translation>
    </message>
    <message>
        <source>Choose the host organisation first: the mentor works there.</source>
        <translation>Vælg først den modtagende organisation: mentoren arbejder der.</translation>
    </message>
    <message>
        <source>Choose the sending institution first: the tutor works there.</source>
        <translation>Vælg først den udsendende institution: vejlederen arbejder der.</translation>
    </message>
    <message>
        <source>Status not changed</source>
        <translation>Status ikke ændret</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;The placement cannot move to “{label}” yet.&lt;/b&gt;&lt;br&gt;%n thing(s) need doing first:</source>
        <translation>
            <numerusform>&lt;b&gt;Praktikopholdet kan ikke flyttes til “{label}” endnu.&lt;/b&gt;&lt;br&gt;Dette skal gøres først:</numerusform>
            <numerusform>&lt;b&gt;Praktikopholdet kan ikke flyttes til “{label}” endnu.&lt;/b&gt;&lt;br&gt;Disse %n ting skal gøres først:</numerusform>
        </translation>
    </message>
    <message>
        <source>Open {label}</source>
        <translation>Åbn {label}</translation>
    </message>
    <message>
        <source>Move anyway (office lead)…</source>
        <translation>Flyt alligevel (kontorleder)…</translation>
    </message>
    <message>
        <source>Move although the records do not back it yet; your reason is kept in the history.</source>
        <translation>Flyt, selv om dataene endnu ikke understøtter det; din begrundelse gemmes i historikken.</translation>
    </message>
    <message>
        <source>Cancel placement</source>
        <translation>Annullér praktikforløb</translation>
    </message>
    <message>
        <source>Cancel {reference}? You can reopen it later.</source>
        <translation>Annullér {reference}? Du kan genåbne det senere.</translation>
    </message>
    <message>
        <source>Move anyway</source>
        <translation>Flyt alligevel</translation>
    </message>
    <message>
        <source>Why does {reference} move to “{label}” although the records do not back it yet? The reason is kept in the placement&apos;s history.</source>
        <translation>Hvorfor flyttes {reference} til “{label}”, selv om dataene endnu ikke understøtter det? Begrundelsen gemmes i praktikopholdets historik.</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Næste trin</translation>
    </message>
    <message>
        <source>{details}
What to do: {action}.</source>
        <translation>{details}
Hvad der skal gøres: {action}.</translation>
    </message>
    <message>
        <source>&lt;h2&gt;No placements yet&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Ingen praktikophold endnu&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Start by recording a placement: the student, the host organisation, the dates and the mode (virtual, blended or physical).&lt;br&gt;Or open the demo database to look around with sample records first.</source>
        <translation>Start med at registrere et praktikophold: den studerende, den modtagende organisation, datoerne og formen (virtuel, blandet eller fysisk).&lt;br&gt;Eller åbn demodatabasen for først at se dig omkring med eksempeldata.</translation>
    </message>
    <message>
        <source>New placement (Ctrl+N)</source>
        <translation>Nyt praktikophold (Ctrl+N)</translation>
    </message>
    <message>
        <source>Open the demo database</source>
        <translation>Åbn demodatabasen</translation>
    </message>
    <message>
        <source>Search placements</source>
        <translation>Søg i praktikophold</translation>
    </message>
    <message>
        <source>Search reference, student, organisation, title or country  (Ctrl+F)</source>
        <translation>Søg efter reference, studerende, organisation, titel eller land  (Ctrl+F)</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>Alle år</translation>
    </message>
    <message>
        <source>All countries</source>
        <translation>Alle lande</translation>
    </message>
    <message>
        <source>Host country</source>
        <translation>Værtsland</translation>
    </message>
    <message>
        <source>Show the placements hosted in one country</source>
        <translation>Vis praktikophold i ét land</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Kræver opmærksomhed</translation>
    </message>
    <message>
        <source>Show only placements with something due on the work list (the Today tab)</source>
        <translation>Vis kun praktikophold med noget forfaldent på arbejdslisten (fanen I dag)</translation>
    </message>
    <message>
        <source>Show the placements of one status</source>
        <translation>Vis praktikophold med én status</translation>
    </message>
    <message>
        <source>One placement per row; Enter opens it</source>
        <translation>Ét praktikophold pr. række; Enter åbner det</translation>
    </message>
    <message>
        <source>VIP-2026-00000</source>
        <translation>VIP-2026-00000</translation>
    </message>
    <message>
        <source>Blended</source>
        <translation>Blandet</translation>
    </message>
    <message>
        <source>All placements</source>
        <translation>Alle praktikophold</translation>
    </message>
    <message numerus="yes">
        <source>%Ln shown</source>
        <translation>
            <numerusform>%Ln vist</numerusform>
            <numerusform>%Ln vist</numerusform>
        </translation>
    </message>
    <message>
        <source>Needs attention ({waiting:,})</source>
        <translation>Kræver opmærksomhed ({waiting:,})</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>man.</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>tirs.</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>ons.</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>tors.</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>fre.</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>lør.</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>søn.</translation>
    </message>
    <message>
        <source>Shared hours per weekday</source>
        <translation>Fælles timer pr. ugedag</translation>
    </message>
    <message>
        <source>No shared hours to show</source>
        <translation>Ingen fælles timer at vise</translation>
    </message>
    <message>
        <source>Result…</source>
        <translation>Resultat…</translation>
    </message>
    <message>
        <source>Scores per theme, blocking answers and advice</source>
        <translation>Score pr. tema, blokerende svar og råd</translation>
    </message>
    <message>
        <source>Export as PDF…</source>
        <translation>Eksportér som PDF…</translation>
    </message>
    <message>
        <source>The questionnaire as a fillable PDF to send to the party</source>
        <translation>Spørgeskemaet som udfyldelig PDF, der kan sendes til parten</translation>
    </message>
    <message>
        <source>Not assessed</source>
        <translation>Ikke vurderet</translation>
    </message>
    <message>
        <source> · {earlier} earlier</source>
        <translation> · {earlier} tidligere</translation>
    </message>
    <message>
        <source>Blocks: “{question}” {answer}</source>
        <translation>Blokerer: “{question}” {answer}</translation>
    </message>
    <message>
        <source>Low: {label} ({score})</source>
        <translation>Lav: {label} ({score})</translation>
    </message>
    <message>
        <source>Re-assessment</source>
        <translation>Genvurdering</translation>
    </message>
    <message>
        <source>Questionnaire</source>
        <translation>Spørgeskema</translation>
    </message>
    <message>
        <source>Resume questionnaire…</source>
        <translation>Genoptag spørgeskema…</translation>
    </message>
    <message>
        <source>{what} started {started_at} by {respondent}, not finished</source>
        <translation>{what} startet {started_at} af {respondent}, ikke afsluttet</translation>
    </message>
    <message>
        <source>Started {started_at} by {respondent}; continues at the first unanswered page</source>
        <translation>Startet {started_at} af {respondent}; fortsætter på den første ubesvarede side</translation>
    </message>
    <message>
        <source>Re-assess…</source>
        <translation>Vurdér igen…</translation>
    </message>
    <message>
        <source>A new questionnaire; the earlier result stays in history</source>
        <translation>Et nyt spørgeskema; det tidligere resultat bliver i historikken</translation>
    </message>
    <message>
        <source>Start questionnaire…</source>
        <translation>Start spørgeskema…</translation>
    </message>
    <message>
        <source>Communication protocol</source>
        <translation>Kommunikationsprotokol</translation>
    </message>
    <message>
        <source>&lt;b&gt;Written&lt;/b&gt;{who} · reports {label}, replies within {reply_hours} h</source>
        <translation>&lt;b&gt;Skrevet&lt;/b&gt;{who} · rapporterer {label}, svarer inden for {reply_hours} t</translation>
    </message>
    <message>
        <source>Edit protocol…</source>
        <translation>Redigér protokol…</translation>
    </message>
    <message>
        <source>Not written yet: availability, reporting, reply times, meetings.</source>
        <translation>Ikke skrevet endnu: tilgængelighed, rapportering, svartider, møder.</translation>
    </message>
    <message>
        <source>Write protocol…</source>
        <translation>Skriv protokol…</translation>
    </message>
    <message>
        <source>{hours_text} shared a working day</source>
        <translation>{hours_text} fælles på en arbejdsdag</translation>
    </message>
    <message>
        <source>Shared hours: {shared}</source>
        <translation>Fælles timer: {shared}</translation>
    </message>
    <message>
        <source>With office hours (Monday to Friday, 9:00–17:00) for everyone: {shared}.</source>
        <translation>Med kontortid (mandag til fredag, 9.00–17.00) for alle: {shared}.</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Værktøjer</translation>
    </message>
    <message>
        <source>Choose tools…</source>
        <translation>Vælg værktøjer…</translation>
    </message>
    <message>
        <source>Test plan…</source>
        <translation>Testplan…</translation>
    </message>
    <message>
        <source>No tools chosen yet: which tool serves meetings, questions, reports, documents?</source>
        <translation>Ingen værktøjer valgt endnu: hvilket værktøj bruges til møder, spørgsmål, rapporter, dokumenter?</translation>
    </message>
    <message>
        <source>{names} · tested {done} of {count} (tool × person)</source>
        <translation>{names} · testet {done} af {count} (værktøj × person)</translation>
    </message>
    <message>
        <source> · {count} tips in Choose tools</source>
        <translation> · {count} tip under Vælg værktøjer</translation>
    </message>
    <message>
        <source>Blocks “Agreement sent”:
</source>
        <translation>Blokerer “Aftale sendt”:
</translation>
    </message>
    <message>
        <source>Save the placement to start its preparation.</source>
        <translation>Gem praktikopholdet for at starte dets forberedelse.</translation>
    </message>
    <message>
        <source>Import returned questionnaire…</source>
        <translation>Importér returneret spørgeskema…</translation>
    </message>
    <message>
        <source>Language of exported questionnaires</source>
        <translation>Sprog for eksporterede spørgeskemaer</translation>
    </message>
    <message>
        <source>“Export as PDF…” writes the questionnaire in this language (in English where it is not translated yet)</source>
        <translation>“Eksportér som PDF…” skriver spørgeskemaet på dette sprog (på engelsk, hvor det endnu ikke er oversat)</translation>
    </message>
    <message>
        <source> by {name}</source>
        <translation> af {name}</translation>
    </message>
    <message>
        <source>Meeting: every {weekday}, {start} ({zone})</source>
        <translation>Møde: hver {weekday}, {start} ({zone})</translation>
    </message>
    <message>
        <source>PDFs &amp;in:</source>
        <translation>PDF&apos;er &amp;på:</translation>
    </message>
    <message>
        <source>Something blocks the start: see the critical answers below.</source>
        <translation>Noget blokerer starten: se de kritiske svar nedenfor.</translation>
    </message>
    <message>
        <source>Student, host and institution are ready.</source>
        <translation>Studerende, organisation og institution er klar.</translation>
    </message>
    <message>
        <source>Not everything is assessed or strong enough yet.</source>
        <translation>Ikke alt er vurderet eller stærkt nok endnu.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Readiness&lt;/b&gt;&lt;br&gt;{verdict}</source>
        <translation>&lt;b&gt;Parathed&lt;/b&gt;&lt;br&gt;{verdict}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{label}&lt;/b&gt; — answered by {respondent} on {when} (questionnaire version {questionnaire_version})</source>
        <translation>&lt;b&gt;{label}&lt;/b&gt; — besvaret af {respondent} den {when} (spørgeskemaversion {questionnaire_version})</translation>
    </message>
    <message>
        <source>{label} works on {name}</source>
        <translation>{label} arbejder: {name}</translation>
    </message>
    <message>
        <source>{label} starts at</source>
        <translation>{label} starter kl.</translation>
    </message>
    <message>
        <source>{label} ends at</source>
        <translation>{label} slutter kl.</translation>
    </message>
    <message>
        <source>Working days</source>
        <translation>Arbejdsdage</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Fra</translation>
    </message>
    <message>
        <source> ({first} to {last})</source>
        <translation> ({first} til {last})</translation>
    </message>
    <message>
        <source>Every {weekday}, {start}–{end} ({zone})</source>
        <translation>Hver {weekday}, {start}–{end} ({zone})</translation>
    </message>
    <message>
        <source>Shared working hours per weekday, {first} to {last}, in the student&apos;s days:</source>
        <translation>Fælles arbejdstimer pr. ugedag, {first} til {last}, i den studerendes dage:</translation>
    </message>
    <message>
        <source>Fill in the student&apos;s time zone, days and hours to see them.</source>
        <translation>Udfyld den studerendes tidszone, dage og timer for at se dem.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Suggested {meeting_minutes}-minute meeting:&lt;/b&gt; {first_line}</source>
        <translation>&lt;b&gt;Foreslået møde på {meeting_minutes} minutter:&lt;/b&gt; {first_line}</translation>
    </message>
    <message>
        <source>&lt;b&gt;No meeting time&lt;/b&gt; fits every week: see below.</source>
        <translation>&lt;b&gt;Intet mødetidspunkt&lt;/b&gt; passer hver uge: se nedenfor.</translation>
    </message>
    <message>
        <source>communication protocol</source>
        <translation>kommunikationsprotokol</translation>
    </message>
    <message>
        <source>Communication protocol not saved</source>
        <translation>Kommunikationsprotokollen er ikke gemt</translation>
    </message>
    <message>
        <source> working hours</source>
        <translation> arbejdstimer</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> minutter</translation>
    </message>
    <message>
        <source>e.g. Teams: weekly meeting and quick questions. E-mail: reports. Shared drive: deliverables. A chat group: non-task talk.</source>
        <translation>f.eks. Teams: ugentligt møde og hurtige spørgsmål. E-mail: rapporter. Fælles drev: leverancer. En chatgruppe: uformel snak.</translation>
    </message>
    <message>
        <source>Name, e-mail or phone, and hours</source>
        <translation>Navn, e-mail eller telefon og tider</translation>
    </message>
    <message>
        <source>Availability</source>
        <translation>Tilgængelighed</translation>
    </message>
    <message>
        <source>Shared hours</source>
        <translation>Fælles timer</translation>
    </message>
    <message>
        <source>Reporting</source>
        <translation>Rapportering</translation>
    </message>
    <message>
        <source>Reply within</source>
        <translation>Svar inden for</translation>
    </message>
    <message>
        <source>Meeting length</source>
        <translation>Mødelængde</translation>
    </message>
    <message>
        <source>Which tool for what</source>
        <translation>Hvilket værktøj til hvad</translation>
    </message>
    <message>
        <source>Helpdesk for the student</source>
        <translation>Kontaktpunkt for den studerende</translation>
    </message>
    <message>
        <source>Helpdesk for company staff</source>
        <translation>Kontaktpunkt for virksomhedens medarbejdere</translation>
    </message>
    <message>
        <source>Communication protocol — {heading}</source>
        <translation>Kommunikationsprotokol — {heading}</translation>
    </message>
    <message>
        <source>{label}: &apos;{text}&apos; is not a time zone.</source>
        <translation>{label}: &apos;{text}&apos; er ikke en tidszone.</translation>
    </message>
    <message>
        <source>Readiness result</source>
        <translation>Resultat for parathed</translation>
    </message>
    <message>
        <source>&lt;br&gt;{missing} required question(s) not answered yet.</source>
        <translation>&lt;br&gt;{missing} obligatoriske spørgsmål er endnu ikke besvaret.</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;font-size:large&apos;&gt;{level_badge}&amp;nbsp; Overall score &lt;b&gt;{overall}&lt;/b&gt;&lt;/p&gt;{note}</source>
        <translation>&lt;p style=&apos;font-size:large&apos;&gt;{level_badge}&amp;nbsp; Samlet score &lt;b&gt;{overall}&lt;/b&gt;&lt;/p&gt;{note}</translation>
    </message>
    <message>
        <source>below {threshold}</source>
        <translation>under {threshold}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Blocking answers&lt;/b&gt; — these must be solved before the placement can start:&lt;ul style=&apos;margin-left:-20px&apos;&gt;</source>
        <translation>&lt;b&gt;Blokerende svar&lt;/b&gt; — de skal løses, før praktikopholdet kan starte:&lt;ul style=&apos;margin-left:-20px&apos;&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;What to do&lt;/b&gt;&lt;ul style=&apos;margin-left:-20px&apos;&gt;</source>
        <translation>&lt;b&gt;Hvad der skal gøres&lt;/b&gt;&lt;ul style=&apos;margin-left:-20px&apos;&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;What to do&lt;/b&gt;&lt;br&gt;Nothing: every answer is strong.</source>
        <translation>&lt;b&gt;Hvad der skal gøres&lt;/b&gt;&lt;br&gt;Intet: alle svar er stærke.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Placement:&lt;/b&gt; {about}</source>
        <translation>&lt;b&gt;Praktikophold:&lt;/b&gt; {about}</translation>
    </message>
    <message>
        <source>{count} questions on {count2} pages, about {max} minutes. Each page is saved when you press Next: you can stop at any time and continue later.</source>
        <translation>{count} spørgsmål på {count2} sider, ca. {max} minutter. Hver side gemmes, når du trykker på Næste: du kan stoppe når som helst og fortsætte senere.</translation>
    </message>
    <message>
        <source>{value} of {count} answered — </source>
        <translation>{value} af {count} besvaret — </translation>
    </message>
    <message>
        <source>answer every question marked * to go on.</source>
        <translation>besvar alle spørgsmål markeret med * for at fortsætte.</translation>
    </message>
    <message>
        <source>press Next to save.</source>
        <translation>tryk på Næste for at gemme.</translation>
    </message>
    <message>
        <source>{page} · Optional: leave empty if there is nothing to add.</source>
        <translation>{page} · Valgfrit: lad det stå tomt, hvis der ikke er noget at tilføje.</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultat</translation>
    </message>
    <message>
        <source>Press Finish to record this assessment. Until then you can go back and change answers.</source>
        <translation>Tryk på Slut for at registrere denne vurdering. Indtil da kan du gå tilbage og ændre svar.</translation>
    </message>
    <message>
        <source>{party} readiness</source>
        <translation>Parathed: {party}</translation>
    </message>
    <message>
        <source>Page {n} of {count}</source>
        <translation>Side {n} af {count}</translation>
    </message>
    <message>
        <source>{exc}
Your answers on this page are kept.</source>
        <translation>{exc}
Dine svar på denne side bevares.</translation>
    </message>
    <message>
        <source>{exc} Their answers are shown now; check this page and press Next again.</source>
        <translation>{exc} Deres svar vises nu; kontrollér denne side, og tryk på Næste igen.</translation>
    </message>
    <message>
        <source>Close without saving?</source>
        <translation>Luk uden at gemme?</translation>
    </message>
    <message>
        <source>This page could not be saved. Close anyway and lose its answers?</source>
        <translation>Denne side kunne ikke gemmes. Luk alligevel og mist dens svar?</translation>
    </message>
    <message>
        <source>{tool_name} with the {label}</source>
        <translation>{tool_name} med: {label}</translation>
    </message>
    <message>
        <source>Result: {who}</source>
        <translation>Resultat: {who}</translation>
    </message>
    <message>
        <source>Date: {who}</source>
        <translation>Dato: {who}</translation>
    </message>
    <message>
        <source>Note: {who}</source>
        <translation>Note: {who}</translation>
    </message>
    <message>
        <source>What happened; for a failure, what replaces it</source>
        <translation>Hvad der skete; ved fejl, hvad der erstatter det</translation>
    </message>
    <message>
        <source>Test plan — {heading}</source>
        <translation>Testplan — {heading}</translation>
    </message>
    <message>
        <source>Test plan</source>
        <translation>Testplan</translation>
    </message>
    <message>
        <source>Try each tool with each person before the start: install, log in, a short call or message, a shared file. Record what happened.</source>
        <translation>Afprøv hvert værktøj med hver person før start: installér, log ind, et kort opkald eller en besked, en delt fil. Registrér, hvad der skete.</translation>
    </message>
    <message>
        <source>With</source>
        <translation>Med</translation>
    </message>
    <message>
        <source>Choose the tools first.</source>
        <translation>Vælg først værktøjerne.</translation>
    </message>
    <message>
        <source>{who}: someone else recorded this test meanwhile; reloaded.</source>
        <translation>{who}: en anden har registreret denne test i mellemtiden; genindlæst.</translation>
    </message>
    <message>
        <source>{name} (optional)</source>
        <translation>{name} (valgfri)</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— ingen —</translation>
    </message>
    <message>
        <source>{name} (not made for this)</source>
        <translation>{name} (ikke beregnet til dette)</translation>
    </message>
    <message>
        <source>Choose tools that everybody can use and preferably already uses, and say explicitly which one serves each purpose.</source>
        <translation>Vælg værktøjer, som alle kan bruge og helst allerede bruger, og angiv udtrykkeligt, hvilket der bruges til hvert formål.</translation>
    </message>
    <message>
        <source>Check the choice</source>
        <translation>Kontrollér valget</translation>
    </message>
    <message>
        <source>Press Finish to save. Then test every tool with the student, the mentor and the tutor: the agreement cannot be sent before.</source>
        <translation>Tryk på Slut for at gemme. Test derefter hvert værktøj med den studerende, mentoren og vejlederen: aftalen kan ikke sendes før.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Chosen&lt;/b&gt;&lt;ul style=&apos;margin-left:-20px&apos;&gt;</source>
        <translation>&lt;b&gt;Valgt&lt;/b&gt;&lt;ul style=&apos;margin-left:-20px&apos;&gt;</translation>
    </message>
    <message>
        <source>No tool chosen yet.</source>
        <translation>Intet værktøj valgt endnu.</translation>
    </message>
    <message>
        <source>No advice: the choice follows the guide.</source>
        <translation>Ingen råd: valget følger vejledningen.</translation>
    </message>
    <message>
        <source>Tools — {heading}</source>
        <translation>Værktøjer — {heading}</translation>
    </message>
    <message>
        <source>Tools not saved</source>
        <translation>Værktøjer ikke gemt</translation>
    </message>
    <message>
        <source> They chose: {join}.</source>
        <translation> De valgte: {join}.</translation>
    </message>
    <message>
        <source>Someone else chose tools for this placement after you opened it.{chosen} Press Finish again to keep your choice, or Back to change it.</source>
        <translation>En anden valgte værktøjer til dette praktikophold, efter du åbnede det.{chosen} Tryk på Slut igen for at beholde dit valg, eller på Tilbage for at ændre det.</translation>
    </message>
    <message>
        <source>Their version differs in: {join}.

</source>
        <translation>Deres version afviger i: {join}.

</translation>
    </message>
    <message>
        <source>{details}Reload shows their version and drops your edits; Keep mine saves your version over theirs.</source>
        <translation>{details}Genindlæs viser deres version og kasserer dine ændringer; Behold min gemmer din version over deres.</translation>
    </message>
    <message>
        <source>Reload (discard mine)</source>
        <translation>Genindlæs (kassér min)</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>Behold min</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not in the list; choose {what} from it.</source>
        <translation>&apos;{text}&apos; er ikke på listen; vælg {what} derfra.</translation>
    </message>
    <message>
        <source>Discard your changes?</source>
        <translation>Kassér dine ændringer?</translation>
    </message>
    <message>
        <source>Equity flags are special-category personal data (GDPR art. 9). Include them only when the recipient needs them, e.g. for a grant&apos;s inclusion support; keep and send the file securely.</source>
        <translation>Lighedsmarkører er særlige kategorier af personoplysninger (GDPR art. 9). Medtag dem kun, når modtageren har brug for dem, f.eks. til et tilskuds inklusionsstøtte; opbevar og send filen sikkert.</translation>
    </message>
    <message>
        <source>The report was not saved</source>
        <translation>Rapporten blev ikke gemt</translation>
    </message>
    <message>
        <source>Cancelled: no file was written.</source>
        <translation>Annulleret: ingen fil blev skrevet.</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Eksportér rapport</translation>
    </message>
    <message>
        <source>Every placement</source>
        <translation>Alle praktikophold</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle statusser</translation>
    </message>
    <message>
        <source>Language of the report</source>
        <translation>Rapportens sprog</translation>
    </message>
    <message>
        <source>Sheet names, headers, summaries and charts in this language; the data as recorded</source>
        <translation>Arknavne, overskrifter, sammendrag og diagrammer på dette sprog; data som registreret</translation>
    </message>
    <message>
        <source>Include the students&apos; equity flags</source>
        <translation>Medtag de studerendes lighedsmarkører</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Gem som</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>Search text</source>
        <translation>Søgetekst</translation>
    </message>
    <message>
        <source>Year (planned start)</source>
        <translation>År (planlagt start)</translation>
    </message>
    <message>
        <source>Sensitive data</source>
        <translation>Følsomme data</translation>
    </message>
    <message>
        <source>Save to</source>
        <translation>Gem i</translation>
    </message>
    <message>
        <source>Then e-mail it (to a funder or a manager)</source>
        <translation>Send den derefter pr. e-mail (til en bevillingsgiver eller en leder)</translation>
    </message>
    <message>
        <source>An Excel workbook with the filters below, key figures with a chart, and the detail. The filters start as they are set in the placements list.</source>
        <translation>En Excel-projektmappe med filtrene nedenfor, nøgletal med et diagram og detaljerne. Filtrene starter, som de er sat i listen over praktikophold.</translation>
    </message>
    <message>
        <source>Save the report as</source>
        <translation>Gem rapporten som</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel-projektmappe (*.xlsx)</translation>
    </message>
    <message>
        <source>Choose where to save the report.</source>
        <translation>Vælg, hvor rapporten skal gemmes.</translation>
    </message>
    <message>
        <source>The folder {parent} does not exist.</source>
        <translation>Mappen {parent} findes ikke.</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>Erstat filen?</translation>
    </message>
    <message>
        <source>{name} exists already. Replace it?</source>
        <translation>{name} findes allerede. Erstat den?</translation>
    </message>
    <message>
        <source>Writing the report…</source>
        <translation>Skriver rapporten…</translation>
    </message>
    <message>
        <source>Exporting the report “{title}”</source>
        <translation>Eksporterer rapporten “{title}”</translation>
    </message>
    <message>
        <source>funding sources</source>
        <translation>finansieringskilder</translation>
    </message>
    <message>
        <source>placements</source>
        <translation>praktikophold</translation>
    </message>
    <message>
        <source>Saved {records:,} {what} to {path}.</source>
        <translation>Gemte {records:,} {what} i {path}.</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv *.txt);;All files (*)</source>
        <translation>Regneark (*.xlsx *.csv *.txt);;Alle filer (*)</translation>
    </message>
    <message>
        <source>The template was not saved</source>
        <translation>Skabelonen blev ikke gemt</translation>
    </message>
    <message>
        <source>Nothing was imported</source>
        <translation>Intet blev importeret</translation>
    </message>
    <message>
        <source>&lt;b&gt;Nothing was imported.&lt;/b&gt; </source>
        <translation>&lt;b&gt;Intet blev importeret.&lt;/b&gt; </translation>
    </message>
    <message>
        <source>Stopped: nothing was imported.</source>
        <translation>Stoppet: intet blev importeret.</translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation>Ingen fil valgt.</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Vælg fil…</translation>
    </message>
    <message>
        <source>Save template…</source>
        <translation>Gem skabelon…</translation>
    </message>
    <message>
        <source>An empty workbook with the right columns and a Help sheet</source>
        <translation>En tom projektmappe med de rigtige kolonner og et hjælpeark</translation>
    </message>
    <message>
        <source>How dates written with slashes are read; 31.12.2000 and 2000-12-31 are always clear</source>
        <translation>Hvordan datoer skrevet med skråstreger læses; 31.12.2000 og 2000-12-31 er altid entydige</translation>
    </message>
    <message>
        <source>Dates such as 01/02/2026 are written &amp;day first or month first:</source>
        <translation>Datoer som 01/02/2026 er skrevet med &amp;dag eller måned først:</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Forhåndsvisning</translation>
    </message>
    <message>
        <source>The rows as they would be imported</source>
        <translation>Rækkerne, som de ville blive importeret</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Række</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Kolonne</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problemer</translation>
    </message>
    <message>
        <source>What to correct, row by row</source>
        <translation>Hvad der skal rettes, række for række</translation>
    </message>
    <message>
        <source>Reading and checking the file…</source>
        <translation>Læser og kontrollerer filen…</translation>
    </message>
    <message>
        <source>Checking {name}</source>
        <translation>Kontrollerer {name}</translation>
    </message>
    <message>
        <source>The date order was not changed</source>
        <translation>Datorækkefølgen blev ikke ændret</translation>
    </message>
    <message>
        <source>&lt;b&gt;This file cannot be imported.&lt;/b&gt; {message}</source>
        <translation>&lt;b&gt;Denne fil kan ikke importeres.&lt;/b&gt; {message}</translation>
    </message>
    <message>
        <source>Import as</source>
        <translation>Importér som</translation>
    </message>
    <message>
        <source> (first {PREVIEW_ROWS} shown)</source>
        <translation> (de første {PREVIEW_ROWS} vist)</translation>
    </message>
    <message>
        <source>&lt;b&gt;{source}&lt;/b&gt;: {count:,} rows{more} — {summary}.</source>
        <translation>&lt;b&gt;{source}&lt;/b&gt;: {count:,} rækker{more} — {summary}.</translation>
    </message>
    <message>
        <source>&lt;br&gt;Columns not used: {join}.</source>
        <translation>&lt;br&gt;Kolonner, der ikke bruges: {join}.</translation>
    </message>
    <message>
        <source>&lt;br&gt;Dates with slashes read {label}.</source>
        <translation>&lt;br&gt;Datoer med skråstreger læses: {label}.</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Nothing can be imported until every problem below is corrected in the file&lt;/b&gt; ({count:,}).&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Intet kan importeres, før hvert problem nedenfor er rettet i filen&lt;/b&gt; ({count:,}).&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;There is nothing new to import.</source>
        <translation>&lt;br&gt;Der er intet nyt at importere.</translation>
    </message>
    <message>
        <source>Problems ({count:,})</source>
        <translation>Problemer ({count:,})</translation>
    </message>
    <message>
        <source> {count:,} already existed and were skipped.</source>
        <translation> {count:,} fandtes allerede og blev sprunget over.</translation>
    </message>
    <message>
        <source>&amp;Export report to Excel…</source>
        <translation>&amp;Eksportér rapport til Excel…</translation>
    </message>
    <message>
        <source>Save import &amp;template</source>
        <translation>Gem import&amp;skabelon</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>Gemt: {path}.</translation>
    </message>
    <message>
        <source>Snooze — {reference}</source>
        <translation>Udsæt — {reference}</translation>
    </message>
    <message>
        <source>Why, e.g. “host HR away until Monday”</source>
        <translation>Hvorfor, f.eks. “organisationens HR væk til mandag”</translation>
    </message>
    <message>
        <source>Hide &amp;until</source>
        <translation>Skjul &amp;indtil</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>&amp;Note</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Udsæt</translation>
    </message>
    <message>
        <source>It shows again the day after, unless the records say it is done by then.</source>
        <translation>Det vises igen dagen efter, medmindre dataene til den tid viser, at det er udført.</translation>
    </message>
    <message>
        <source>Work-list rules</source>
        <translation>Regler for arbejdslisten</translation>
    </message>
    <message>
        <source> days</source>
        <translation> dage</translation>
    </message>
    <message>
        <source>{what}. Shipped default: {default_days} days.</source>
        <translation>{what}. Standard: {default_days} dage.</translation>
    </message>
    <message>
        <source>Restore &amp;defaults</source>
        <translation>Gendan &amp;standarder</translation>
    </message>
    <message>
        <source>When the work list shows an item. These numbers apply to everyone using this database.</source>
        <translation>Hvornår arbejdslisten viser et punkt. Disse tal gælder for alle, der bruger denne database.</translation>
    </message>
    <message>
        <source>Snoozed {reference} ({what}) until {day_text}.</source>
        <translation>{reference} ({what}) er udsat til {day_text}.</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Hvad der skal gøres</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Siden</translation>
    </message>
    <message>
        <source>{what}: {details}
What to do: {action}.</source>
        <translation>{what}: {details}
Hvad der skal gøres: {action}.</translation>
    </message>
    <message>
        <source>365 days overdue</source>
        <translation>365 dage over tid</translation>
    </message>
    <message>
        <source>30 Sep 2026</source>
        <translation>30. sep. 2026</translation>
    </message>
    <message>
        <source>Open the placement where this is done (Enter)</source>
        <translation>Åbn praktikopholdet der, hvor dette gøres (Enter)</translation>
    </message>
    <message>
        <source>S&amp;nooze…</source>
        <translation>Ud&amp;sæt…</translation>
    </message>
    <message>
        <source>Hide this item until a date ({SNOOZE_SHORTCUT})</source>
        <translation>Skjul dette punkt indtil en dato ({SNOOZE_SHORTCUT})</translation>
    </message>
    <message>
        <source>&amp;Rules…</source>
        <translation>&amp;Regler…</translation>
    </message>
    <message>
        <source>When the work list shows an item: the number of days</source>
        <translation>Hvornår arbejdslisten viser et punkt: antallet af dage</translation>
    </message>
    <message>
        <source>Send re&amp;minders…</source>
        <translation>Send på&amp;mindelser…</translation>
    </message>
    <message>
        <source>E-mail each party a due item waits for: signatures, certificate, evaluations</source>
        <translation>Send e-mail til hver part, som et forfaldent punkt venter på: underskrifter, bevis, evalueringer</translation>
    </message>
    <message>
        <source>Reminders: {summary}.</source>
        <translation>Påmindelser: {summary}.</translation>
    </message>
    <message>
        <source>Work list</source>
        <translation>Arbejdsliste</translation>
    </message>
    <message>
        <source>What is due, grouped by overdue, this week and later</source>
        <translation>Hvad der forfalder, grupperet i overskredet, denne uge og senere</translation>
    </message>
    <message>
        <source>&lt;h2&gt;All is done&lt;/h2&gt;&lt;p&gt;Nothing needs you today: no signatures waiting too long, no start with preparation open, no certificate or evaluation missing.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Alt er gjort&lt;/h2&gt;&lt;p&gt;Intet venter på dig i dag: ingen underskrifter, der har ventet for længe, ingen start med åben forberedelse, intet manglende bevis eller evaluering.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Today, {long_day}&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;I dag, {long_day}&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Cannot snooze</source>
        <translation>Kan ikke udsætte</translation>
    </message>
    <message>
        <source> · {snoozed:,} snoozed</source>
        <translation> · {snoozed:,} udsat</translation>
    </message>
    <message>
        <source>Nothing due{snoozed}.</source>
        <translation>Intet forfaldent{snoozed}.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s): {parts}{snoozed}</source>
        <translation>
            <numerusform>%Ln punkt: {parts}{snoozed}</numerusform>
            <numerusform>%Ln punkter: {parts}{snoozed}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln overdue</source>
        <translation>
            <numerusform>%Ln forsinket</numerusform>
            <numerusform>%Ln forsinkede</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln this week</source>
        <translation>
            <numerusform>%Ln denne uge</numerusform>
            <numerusform>%Ln denne uge</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln later</source>
        <translation>
            <numerusform>%Ln senere</numerusform>
            <numerusform>%Ln senere</numerusform>
        </translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Slettet</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>Dage tilbage</translation>
    </message>
    <message>
        <source>Recently deleted</source>
        <translation>Nyligt slettede</translation>
    </message>
    <message>
        <source>Placements and cost items deleted in the last 30 days. Restoring one brings it back with everything it had: checklist, questionnaires, protocol, tools, agreements and costs.</source>
        <translation>Praktikophold og omkostningsposter slettet inden for de sidste 30 dage. Gendannelse bringer alt tilbage: tjekliste, spørgeskemaer, protokol, værktøjer, aftaler og omkostninger.</translation>
    </message>
    <message>
        <source>What was deleted in the last 30 days</source>
        <translation>Hvad der er slettet inden for de sidste 30 dage</translation>
    </message>
    <message>
        <source>Nothing was deleted in the last 30 days.</source>
        <translation>Intet er slettet inden for de sidste 30 dage.</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Gendan</translation>
    </message>
    <message>
        <source>Not restored</source>
        <translation>Ikke gendannet</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>ÅÅÅÅ-MM-DD</translation>
    </message>
    <message>
        <source>Pick from a calendar</source>
        <translation>Vælg fra en kalender</translation>
    </message>
    <message>
        <source>{label} (required)</source>
        <translation>{label} (skal udfyldes)</translation>
    </message>
    <message>
        <source>Type part of a name, e-mail or student number</source>
        <translation>Skriv en del af et navn, en e-mail eller et studienummer</translation>
    </message>
    <message>
        <source>Starts soon with preparation open</source>
        <translation>Starter snart med åben forberedelse</translation>
    </message>
    <message>
        <source>Close what blocks the start, or move the start</source>
        <translation>Løs det, der blokerer starten, eller flyt starten</translation>
    </message>
    <message>
        <source>Warn this many days before the start while preparation is open</source>
        <translation>Advar så mange dage før start, mens forberedelsen er åben</translation>
    </message>
    <message>
        <source>Agreement waiting for signatures</source>
        <translation>Aftale venter på underskrifter</translation>
    </message>
    <message>
        <source>Remind who has not signed</source>
        <translation>Mind dem, der ikke har underskrevet</translation>
    </message>
    <message>
        <source>Agreement out for signature for this many days</source>
        <translation>Aftale sendt til underskrift i så mange dage</translation>
    </message>
    <message>
        <source>Still ongoing after its planned end</source>
        <translation>Stadig i gang efter den planlagte slutdato</translation>
    </message>
    <message>
        <source>Move it to evaluating, or change the end date</source>
        <translation>Flyt det til evaluering, eller ændr slutdatoen</translation>
    </message>
    <message>
        <source>Still ongoing this many days after the planned end</source>
        <translation>Stadig i gang så mange dage efter den planlagte slutdato</translation>
    </message>
    <message>
        <source>Traineeship certificate not received</source>
        <translation>Praktikbevis ikke modtaget</translation>
    </message>
    <message>
        <source>Ask the host for the certificate</source>
        <translation>Bed organisationen om beviset</translation>
    </message>
    <message>
        <source>No traineeship certificate this many days after the end</source>
        <translation>Intet praktikbevis så mange dage efter afslutningen</translation>
    </message>
    <message>
        <source>Evaluation missing</source>
        <translation>Evaluering mangler</translation>
    </message>
    <message>
        <source>Evaluate it with the student and the host</source>
        <translation>Evaluér med den studerende og organisationen</translation>
    </message>
    <message>
        <source>Evaluation not done this many days after the end</source>
        <translation>Evaluering ikke udført så mange dage efter afslutningen</translation>
    </message>
    <message>
        <source>Recognition missing</source>
        <translation>Anerkendelse mangler</translation>
    </message>
    <message>
        <source>Record the credits in the transcript</source>
        <translation>Registrér pointene på karakterudskriften</translation>
    </message>
    <message>
        <source>Credits not recognised this many days after the end</source>
        <translation>Point ikke anerkendt så mange dage efter afslutningen</translation>
    </message>
    <message>
        <source>Amendment waiting for signatures</source>
        <translation>Ændring venter på underskrifter</translation>
    </message>
    <message>
        <source>Remind who has not signed the amendment</source>
        <translation>Mind dem, der ikke har underskrevet ændringen</translation>
    </message>
    <message>
        <source>Amendment out for signature for this many days</source>
        <translation>Ændring sendt til underskrift i så mange dage</translation>
    </message>
    <message>
        <source>Meeting overdue against the protocol</source>
        <translation>Møde forfaldent ifølge protokollen</translation>
    </message>
    <message>
        <source>Hold the meeting and log it, or record why it was missed</source>
        <translation>Hold mødet og registrér det, eller registrér hvorfor det udeblev</translation>
    </message>
    <message>
        <source>Days of grace after the protocol&apos;s cadence expected a meeting (then overdue)</source>
        <translation>Henstandsdage efter protokollens forventede møde (derefter forfaldent)</translation>
    </message>
    <message>
        <source>Tool test failed, no reason recorded</source>
        <translation>Værktøjstest mislykket, ingen begrundelse registreret</translation>
    </message>
    <message>
        <source>Choose another tool, or record why it is acceptable</source>
        <translation>Vælg et andet værktøj, eller registrér hvorfor det er acceptabelt</translation>
    </message>
    <message>
        <source>A failed tool test has no reason this many days after it</source>
        <translation>En mislykket værktøjstest har ingen begrundelse så mange dage efter</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>%n dag over tid</numerusform>
            <numerusform>%n dage over tid</numerusform>
        </translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>Forfalder i dag</translation>
    </message>
    <message numerus="yes">
        <source>Due in %n day(s)</source>
        <translation>
            <numerusform>Om %n dag</numerusform>
            <numerusform>Om %n dage</numerusform>
        </translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overskredet</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Denne uge</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Senere</translation>
    </message>
    <message>
        <source>the student&apos;s readiness</source>
        <translation>den studerendes parathed</translation>
    </message>
    <message>
        <source>the host&apos;s readiness</source>
        <translation>den modtagende organisations parathed</translation>
    </message>
    <message>
        <source>the institution&apos;s readiness</source>
        <translation>institutionens parathed</translation>
    </message>
    <message>
        <source>the communication protocol</source>
        <translation>kommunikationsprotokollen</translation>
    </message>
    <message>
        <source>a tool for every purpose</source>
        <translation>et værktøj til hvert formål</translation>
    </message>
    <message>
        <source>the tool tests</source>
        <translation>værktøjstestene</translation>
    </message>
    <message>
        <source>the signed agreement</source>
        <translation>den underskrevne aftale</translation>
    </message>
    <message>
        <source>{first} and {last}</source>
        <translation>{first} og {last}</translation>
    </message>
    <message>
        <source>{student} at {host}</source>
        <translation>{student} hos {host}</translation>
    </message>
    <message>
        <source>Starts {day}; still open: {still}.</source>
        <translation>Starter {day}; stadig åbent: {still}.</translation>
    </message>
    <message>
        <source>the student ({name})</source>
        <translation>den studerende ({name})</translation>
    </message>
    <message>
        <source>the host ({name})</source>
        <translation>den modtagende organisation ({name})</translation>
    </message>
    <message>
        <source>your institution ({name})</source>
        <translation>jeres institution ({name})</translation>
    </message>
    <message>
        <source>Sent {day}</source>
        <translation>Sendt {day}</translation>
    </message>
    <message>
        <source>not signed yet by {who}</source>
        <translation>endnu ikke underskrevet af {who}</translation>
    </message>
    <message>
        <source>declined by {who}</source>
        <translation>afvist af {who}</translation>
    </message>
    <message>
        <source>Ticked by {who}</source>
        <translation>Afkrydset af {who}</translation>
    </message>
    <message>
        <source>Ticked by hand</source>
        <translation>Afkrydset manuelt</translation>
    </message>
    <message>
        <source>Not ticked yet: {item}</source>
        <translation>Endnu ikke afkrydset: {item}</translation>
    </message>
    <message>
        <source>{item} — {detail}</source>
        <translation>{item} — {detail}</translation>
    </message>
    <message>
        <source>not done yet</source>
        <translation>endnu ikke gjort</translation>
    </message>
    <message>
        <source>The agreement is not signed by all three parties and locked: {detail}</source>
        <translation>Aftalen er ikke underskrevet af alle tre parter og låst: {detail}</translation>
    </message>
    <message>
        <source>record the signatures on the Agreement tab</source>
        <translation>registrér underskrifterne på fanen Aftale</translation>
    </message>
    <message>
        <source>No agreement version has been sent for signature: {detail}</source>
        <translation>Ingen version af aftalen er sendt til underskrift: {detail}</translation>
    </message>
    <message>
        <source>draft it and send it from the Agreement tab</source>
        <translation>udarbejd den og send den fra fanen Aftale</translation>
    </message>
    <message>
        <source>questionnaire completed {day}, no critical flag</source>
        <translation>spørgeskema besvaret {day}, ingen kritiske markeringer</translation>
    </message>
    <message numerus="yes">
        <source>%n critical flag(s) open: {flags}</source>
        <translation>
            <numerusform>%n kritisk markering åben: {flags}</numerusform>
            <numerusform>%n kritiske markeringer åbne: {flags}</numerusform>
        </translation>
    </message>
    <message>
        <source>protocol saved {day}</source>
        <translation>protokol gemt {day}</translation>
    </message>
    <message>
        <source>no tool chosen for: {purposes}</source>
        <translation>intet værktøj valgt til: {purposes}</translation>
    </message>
    <message>
        <source>the student</source>
        <translation>den studerende</translation>
    </message>
    <message>
        <source>the host mentor</source>
        <translation>mentoren i den modtagende organisation</translation>
    </message>
    <message>
        <source>no final evaluation by {first} or {second}</source>
        <translation>ingen afsluttende evaluering fra {first} eller {second}</translation>
    </message>
    <message>
        <source>no final evaluation by {who}</source>
        <translation>ingen afsluttende evaluering fra {who}</translation>
    </message>
    <message>
        <source>final evaluations by the student and the host mentor, the last on {day}</source>
        <translation>afsluttende evalueringer fra den studerende og mentoren, den seneste {day}</translation>
    </message>
    <message>
        <source>not recorded yet: {missing}</source>
        <translation>endnu ikke registreret: {missing}</translation>
    </message>
    <message>
        <source>questionnaire started, not completed yet</source>
        <translation>spørgeskema påbegyndt, endnu ikke afsluttet</translation>
    </message>
    <message>
        <source>no questionnaire completed yet</source>
        <translation>endnu intet spørgeskema besvaret</translation>
    </message>
    <message>
        <source>no communication protocol saved yet</source>
        <translation>endnu ingen kommunikationsprotokol gemt</translation>
    </message>
    <message>
        <source>no credits planned: the placement does not count toward the degree</source>
        <translation>ingen point planlagt: praktikopholdet tæller ikke med i uddannelsen</translation>
    </message>
    <message>
        <source>“{question}” answered {answer}</source>
        <translation>„{question}“ besvaret med {answer}</translation>
    </message>
    <message>
        <source>the company mentor</source>
        <translation>mentoren i virksomheden</translation>
    </message>
    <message>
        <source>the academic tutor</source>
        <translation>den faglige vejleder</translation>
    </message>
    <message>
        <source>not tested with {who}</source>
        <translation>ikke testet med {who}</translation>
    </message>
    <message>
        <source>failed with {who}, no reason recorded</source>
        <translation>fejlede med {who}, ingen begrundelse registreret</translation>
    </message>
    <message>
        <source>{tool}: {problems}</source>
        <translation>{tool}: {problems}</translation>
    </message>
    <message numerus="yes">
        <source>%n tool(s) tested with every actor</source>
        <translation>
            <numerusform>%n værktøj testet med alle parter</numerusform>
            <numerusform>%n værktøjer testet med alle parter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n failed test(s) accepted with a reason)</source>
        <translation>
            <numerusform>(%n fejlet test accepteret med begrundelse)</numerusform>
            <numerusform>(%n fejlede test accepteret med begrundelse)</numerusform>
        </translation>
    </message>
    <message>
        <source>, last on {day}</source>
        <translation>, senest {day}</translation>
    </message>
    <message>
        <source>no agreement drafted yet</source>
        <translation>endnu ingen aftale udarbejdet</translation>
    </message>
    <message>
        <source>no certificate drafted yet</source>
        <translation>endnu intet praktikbevis udarbejdet</translation>
    </message>
    <message>
        <source>agreement {number}</source>
        <translation>aftale {number}</translation>
    </message>
    <message>
        <source>certificate</source>
        <translation>praktikbevis</translation>
    </message>
    <message>
        <source>{document} signed and locked {day}</source>
        <translation>{document} underskrevet og låst {day}</translation>
    </message>
    <message>
        <source>the trainee</source>
        <translation>praktikanten</translation>
    </message>
    <message>
        <source>the sending institution</source>
        <translation>den udsendende institution</translation>
    </message>
    <message>
        <source>the receiving organisation</source>
        <translation>den modtagende organisation</translation>
    </message>
    <message>
        <source>{document} declined by {who}</source>
        <translation>{document} afvist af {who}</translation>
    </message>
    <message>
        <source>{document} out for signature; not signed yet by {who}</source>
        <translation>{document} sendt til underskrift; endnu ikke underskrevet af {who}</translation>
    </message>
    <message>
        <source>every party</source>
        <translation>alle parter</translation>
    </message>
    <message>
        <source>{document} is a draft, not sent for signature yet</source>
        <translation>{document} er et udkast, endnu ikke sendt til underskrift</translation>
    </message>
    <message>
        <source>no kick-off meeting logged yet</source>
        <translation>endnu intet opstartsmøde registreret</translation>
    </message>
    <message>
        <source>kick-off meeting logged, on {day}</source>
        <translation>opstartsmøde registreret, {day}</translation>
    </message>
    <message numerus="yes">
        <source>%n kick-off meeting(s) logged, last on {day}</source>
        <translation>
            <numerusform>%n opstartsmøde registreret, senest {day}</numerusform>
            <numerusform>%n opstartsmøder registreret, senest {day}</numerusform>
        </translation>
    </message>
    <message>
        <source>no mentor meeting logged yet</source>
        <translation>endnu intet mentormøde registreret</translation>
    </message>
    <message>
        <source>mentor meeting logged, on {day}</source>
        <translation>mentormøde registreret, {day}</translation>
    </message>
    <message numerus="yes">
        <source>%n mentor meeting(s) logged, last on {day}</source>
        <translation>
            <numerusform>%n mentormøde registreret, senest {day}</numerusform>
            <numerusform>%n mentormøder registreret, senest {day}</numerusform>
        </translation>
    </message>
    <message>
        <source>no coaching session logged yet</source>
        <translation>endnu ingen vejledningssamtale registreret</translation>
    </message>
    <message>
        <source>coaching session logged, on {day}</source>
        <translation>vejledningssamtale registreret, {day}</translation>
    </message>
    <message numerus="yes">
        <source>%n coaching session(s) logged, last on {day}</source>
        <translation>
            <numerusform>%n vejledningssamtale registreret, senest {day}</numerusform>
            <numerusform>%n vejledningssamtaler registreret, senest {day}</numerusform>
        </translation>
    </message>
    <message>
        <source>no peer feedback logged yet</source>
        <translation>endnu ingen feedback fra medstuderende registreret</translation>
    </message>
    <message>
        <source>peer feedback logged, on {day}</source>
        <translation>feedback fra medstuderende registreret, {day}</translation>
    </message>
    <message numerus="yes">
        <source>%n peer feedback entries logged, last on {day}</source>
        <translation>
            <numerusform>%n feedback fra medstuderende registreret, senest {day}</numerusform>
            <numerusform>%n feedback fra medstuderende registreret, senest {day}</numerusform>
        </translation>
    </message>
    <message>
        <source>no reflection entry logged yet</source>
        <translation>endnu ingen refleksion registreret</translation>
    </message>
    <message>
        <source>reflection entry logged, on {day}</source>
        <translation>refleksion registreret, {day}</translation>
    </message>
    <message numerus="yes">
        <source>%n reflection entry(ies) logged, last on {day}</source>
        <translation>
            <numerusform>%n refleksion registreret, senest {day}</numerusform>
            <numerusform>%n refleksioner registreret, senest {day}</numerusform>
        </translation>
    </message>
    <message>
        <source>the credits awarded</source>
        <translation>de tildelte point</translation>
    </message>
    <message>
        <source>the grade</source>
        <translation>karakteren</translation>
    </message>
    <message>
        <source>the transcript date</source>
        <translation>datoen for karakterudskriften</translation>
    </message>
    <message>
        <source>the learning outcomes achieved</source>
        <translation>de opnåede læringsudbytter</translation>
    </message>
    <message>
        <source>the certificate&apos;s receipt date</source>
        <translation>datoen for modtagelse af praktikbeviset</translation>
    </message>
    <message>
        <source>{awarded} of {planned} credits recognised, grade {grade}</source>
        <translation>{awarded} af {planned} point anerkendt, karakter {grade}</translation>
    </message>
    <message>
        <source>, transcript of {day}</source>
        <translation>, karakterudskrift af {day}</translation>
    </message>
    <message>
        <source>{tool}: failed with {who}</source>
        <translation>{tool}: fejlede med {who}</translation>
    </message>
    <message>
        <source>A meeting was expected by {day}; none logged since.</source>
        <translation>Et møde var ventet senest {day}; intet registreret siden.</translation>
    </message>
    <message>
        <source>Planned end {day}; still ongoing.</source>
        <translation>Planlagt slut {day}; stadig i gang.</translation>
    </message>
    <message>
        <source>Ended {day}.</source>
        <translation>Sluttede {day}.</translation>
    </message>
    <message>
        <source>Student selected; expectations of student, host and institution discussed</source>
        <translation>Studerende udvalgt; forventninger fra studerende, modtagende organisation og institution drøftet</translation>
    </message>
    <message>
        <source>Student readiness checked: independence, motivation, digital skills, connectivity</source>
        <translation>Den studerendes parathed kontrolleret: selvstændighed, motivation, digitale færdigheder, forbindelse</translation>
    </message>
    <message>
        <source>Host readiness checked: real tasks, mentor time, system access, security</source>
        <translation>Den modtagende organisations parathed kontrolleret: reelle opgaver, mentortid, systemadgang, sikkerhed</translation>
    </message>
    <message>
        <source>Institution readiness checked: learning outcomes, recognition, staff time</source>
        <translation>Institutionens parathed kontrolleret: læringsudbytte, anerkendelse, personaletid</translation>
    </message>
    <message>
        <source>Communication tools chosen and tested with every actor</source>
        <translation>Kommunikationsværktøjer valgt og testet med alle aktører</translation>
    </message>
    <message>
        <source>Communication protocol agreed: availability, reporting, reply times, meetings</source>
        <translation>Kommunikationsprotokol aftalt: tilgængelighed, rapportering, svartider, møder</translation>
    </message>
    <message>
        <source>Agreement signed by student, institution and host</source>
        <translation>Aftale underskrevet af studerende, institution og modtagende organisation</translation>
    </message>
    <message>
        <source>Preparatory training offered: cultural, linguistic, technical</source>
        <translation>Forberedende træning tilbudt: kulturel, sproglig, teknisk</translation>
    </message>
    <message>
        <source>Helpdesk named for the student and for company staff</source>
        <translation>Kontaktpunkt udpeget for den studerende og for virksomhedens medarbejdere</translation>
    </message>
    <message>
        <source>Accident and liability insurance arranged</source>
        <translation>Ulykkes- og ansvarsforsikring på plads</translation>
    </message>
    <message>
        <source>Kick-off meeting held with student, mentor and tutor</source>
        <translation>Opstartsmøde holdt med studerende, mentor og vejleder</translation>
    </message>
    <message>
        <source>Task mentoring running, with more than one co-worker involved</source>
        <translation>Faglig opfølgning i gang med mere end én medarbejder involveret</translation>
    </message>
    <message>
        <source>Academic coaching and feedback sessions held</source>
        <translation>Akademisk coaching og feedbackmøder holdt</translation>
    </message>
    <message>
        <source>Peer feedback organised</source>
        <translation>Feedback fra medstuderende organiseret</translation>
    </message>
    <message>
        <source>Reflection kept by the student (blog or e-portfolio)</source>
        <translation>Refleksion ført af den studerende (blog eller e-portfolio)</translation>
    </message>
    <message>
        <source>Any change of programme agreed as an amendment signed by all three</source>
        <translation>Enhver ændring af programmet aftalt som en ændring underskrevet af alle tre</translation>
    </message>
    <message>
        <source>Placement evaluated with the student and the host</source>
        <translation>Praktikopholdet evalueret med den studerende og den modtagende organisation</translation>
    </message>
    <message>
        <source>Final assessment of the student done</source>
        <translation>Afsluttende vurdering af den studerende udført</translation>
    </message>
    <message>
        <source>Traineeship certificate issued by the host (within 5 weeks of the end)</source>
        <translation>Praktikbevis udstedt af den modtagende organisation (inden for 5 uger efter afslutningen)</translation>
    </message>
    <message>
        <source>Credits recognised in the transcript</source>
        <translation>Point anerkendt på karakterudskriften</translation>
    </message>
    <message>
        <source>Collaboration and reflection records archived</source>
        <translation>Dokumentation af samarbejde og refleksion arkiveret</translation>
    </message>
    <message>
        <source>Equally</source>
        <translation>Ligeligt</translation>
    </message>
    <message>
        <source>By funded days</source>
        <translation>Efter finansierede dage</translation>
    </message>
    <message>
        <source>By credits</source>
        <translation>Efter point</translation>
    </message>
    <message>
        <source>Typed in</source>
        <translation>Indtastet</translation>
    </message>
    <message>
        <source>Returned PDF</source>
        <translation>Returneret PDF</translation>
    </message>
    <message>
        <source>Coordinator</source>
        <translation>Koordinator</translation>
    </message>
    <message>
        <source>Learning agreement</source>
        <translation>Learning Agreement</translation>
    </message>
    <message>
        <source>Amendment</source>
        <translation>Ændring</translation>
    </message>
    <message>
        <source>Out for signature</source>
        <translation>Sendt til underskrift</translation>
    </message>
    <message>
        <source>Signed and locked</source>
        <translation>Underskrevet og låst</translation>
    </message>
    <message>
        <source>Superseded</source>
        <translation>Erstattet</translation>
    </message>
    <message>
        <source>Kick-off meeting</source>
        <translation>Opstartsmøde</translation>
    </message>
    <message>
        <source>Mentor meeting</source>
        <translation>Mentormøde</translation>
    </message>
    <message>
        <source>Tutor coaching</source>
        <translation>Vejledning</translation>
    </message>
    <message>
        <source>Progress report</source>
        <translation>Statusrapport</translation>
    </message>
    <message>
        <source>Peer feedback</source>
        <translation>Feedback fra medstuderende</translation>
    </message>
    <message>
        <source>Reflection entry</source>
        <translation>Refleksion</translation>
    </message>
    <message>
        <source>Well-being check</source>
        <translation>Trivselssamtale</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Hændelse</translation>
    </message>
    <message>
        <source>Mid-term</source>
        <translation>Midtvejs</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>Afsluttende</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>I kø</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Før</translation>
    </message>
    <message>
        <source>During</source>
        <translation>Under</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Efter</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>I gang</translation>
    </message>
    <message>
        <source>Digital signature</source>
        <translation>Digital signatur</translation>
    </message>
    <message>
        <source>Paper signature (scan attached)</source>
        <translation>Underskrift på papir (scanning vedhæftet)</translation>
    </message>
    <message>
        <source>Typed approval</source>
        <translation>Indtastet godkendelse</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Afventer</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Afvist</translation>
    </message>
    <message>
        <source>ECTS grades (A–F)</source>
        <translation>ECTS-karakterer (A–F)</translation>
    </message>
    <message>
        <source>Pass / fail</source>
        <translation>Bestået / ikke bestået</translation>
    </message>
    <message>
        <source>German (1.0 best – 5.0)</source>
        <translation>Tysk (1,0 bedst – 5,0)</translation>
    </message>
    <message>
        <source>Dutch (1 – 10 best)</source>
        <translation>Nederlandsk (1 – 10 bedst)</translation>
    </message>
    <message>
        <source>Italian (18 – 30 best)</source>
        <translation>Italiensk (18 – 30 bedst)</translation>
    </message>
    <message>
        <source>Polish (2.0 – 5.0 best)</source>
        <translation>Polsk (2,0 – 5,0 bedst)</translation>
    </message>
    <message>
        <source>Finnish (0 – 5 best)</source>
        <translation>Finsk (0 – 5 bedst)</translation>
    </message>
    <message>
        <source>Danish 7-point (-3 – 12 best)</source>
        <translation>Dansk 7-trinsskala (-3 – 12 bedst)</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Afdeling</translation>
    </message>
    <message>
        <source>Mentor: name</source>
        <translation>Mentor: navn</translation>
    </message>
    <message>
        <source>Mentor: position</source>
        <translation>Mentor: stilling</translation>
    </message>
    <message>
        <source>Mentor: e-mail</source>
        <translation>Mentor: e-mail</translation>
    </message>
    <message>
        <source>Financial support: amount per month</source>
        <translation>Økonomisk støtte: beløb pr. måned</translation>
    </message>
    <message>
        <source>Contribution in kind</source>
        <translation>Naturalieydelser</translation>
    </message>
    <message>
        <source>Insurance by the receiving organisation</source>
        <translation>Forsikring ved den modtagende organisation</translation>
    </message>
    <message>
        <source>Tasks, deliverables and deadlines</source>
        <translation>Opgaver, leverancer og frister</translation>
    </message>
    <message>
        <source>Host mentor</source>
        <translation>Mentor i virksomheden</translation>
    </message>
    <message>
        <source>{time}  {what} by {user}</source>
        <translation>{time}  {what} af {user}</translation>
    </message>
    <message>
        <source>{what} by {user}, {moment}</source>
        <translation>{what} af {user}, {moment}</translation>
    </message>
    <message>
        <source>Today · {day}</source>
        <translation>I dag · {day}</translation>
    </message>
    <message>
        <source>Yesterday · {day}</source>
        <translation>I går · {day}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nej</translation>
    </message>
    <message>
        <source>{n} hours</source>
        <translation>{n} timer</translation>
    </message>
    <message>
        <source>{n} minutes</source>
        <translation>{n} minutter</translation>
    </message>
    <message>
        <source>Physical</source>
        <translation>Fysisk</translation>
    </message>
    <message>
        <source>Virtual</source>
        <translation>Virtuel</translation>
    </message>
    <message>
        <source>learning agreement {number}</source>
        <translation>Learning Agreement {number}</translation>
    </message>
    <message>
        <source>amendment {number}</source>
        <translation>ændring {number}</translation>
    </message>
    <message>
        <source>traineeship certificate {number}</source>
        <translation>praktikbevis {number}</translation>
    </message>
    <message>
        <source>recognition</source>
        <translation>anerkendelse</translation>
    </message>
    <message>
        <source>mid-term evaluation</source>
        <translation>midtvejsevaluering</translation>
    </message>
    <message>
        <source>final evaluation</source>
        <translation>slutevaluering</translation>
    </message>
    <message>
        <source>{entry} of {day}</source>
        <translation>{entry} den {day}</translation>
    </message>
    <message>
        <source>the host organisation</source>
        <translation>den modtagende organisation</translation>
    </message>
    <message>
        <source>Student readiness questionnaire</source>
        <translation>Spørgeskema om den studerendes parathed</translation>
    </message>
    <message>
        <source>Host organisation readiness questionnaire</source>
        <translation>Spørgeskema om den modtagende organisations parathed</translation>
    </message>
    <message>
        <source>Sending institution readiness questionnaire</source>
        <translation>Spørgeskema om den udsendende institutions parathed</translation>
    </message>
    <message>
        <source>reopened as a draft</source>
        <translation>genåbnet som udkast</translation>
    </message>
    <message>
        <source>sent for signature</source>
        <translation>sendt til underskrift</translation>
    </message>
    <message>
        <source>signed by all three parties and locked</source>
        <translation>underskrevet af alle tre parter og låst</translation>
    </message>
    <message>
        <source>superseded by a newer version</source>
        <translation>erstattet af en nyere version</translation>
    </message>
    <message>
        <source>host organisation</source>
        <translation>modtagende organisation</translation>
    </message>
    <message>
        <source>sending institution</source>
        <translation>udsendende institution</translation>
    </message>
    <message>
        <source>company mentor</source>
        <translation>mentor i virksomheden</translation>
    </message>
    <message>
        <source>academic tutor</source>
        <translation>faglig vejleder</translation>
    </message>
    <message>
        <source>shared cost</source>
        <translation>fælles omkostning</translation>
    </message>
    <message>
        <source>document</source>
        <translation>dokument</translation>
    </message>
    <message>
        <source>planned start</source>
        <translation>planlagt start</translation>
    </message>
    <message>
        <source>planned end</source>
        <translation>planlagt slut</translation>
    </message>
    <message>
        <source>hours per week</source>
        <translation>timer pr. uge</translation>
    </message>
    <message>
        <source>reply time</source>
        <translation>svartid</translation>
    </message>
    <message>
        <source>meeting length</source>
        <translation>mødelængde</translation>
    </message>
    <message>
        <source>note on tools</source>
        <translation>note om værktøjer</translation>
    </message>
    <message>
        <source>ticked by</source>
        <translation>afkrydset af</translation>
    </message>
    <message>
        <source>ticked at</source>
        <translation>tidspunkt for afkrydsning</translation>
    </message>
    <message>
        <source>signer</source>
        <translation>underskriver</translation>
    </message>
    <message>
        <source>signer&apos;s function</source>
        <translation>underskriverens funktion</translation>
    </message>
    <message>
        <source>signer&apos;s e-mail</source>
        <translation>underskriverens e-mail</translation>
    </message>
    <message>
        <source>signing date</source>
        <translation>underskriftsdato</translation>
    </message>
    <message>
        <source>tool</source>
        <translation>værktøj</translation>
    </message>
    <message>
        <source>test date</source>
        <translation>testdato</translation>
    </message>
    <message>
        <source>content fingerprint</source>
        <translation>fingeraftryk af indholdet</translation>
    </message>
    <message>
        <source>fingerprint of the signed PDF</source>
        <translation>fingeraftryk af den underskrevne PDF</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>signed PDF</source>
        <translation>underskrevet PDF</translation>
    </message>
    <message>
        <source>signed and locked PDF</source>
        <translation>underskrevet og låst PDF</translation>
    </message>
    <message>
        <source>date</source>
        <translation>dato</translation>
    </message>
    <message>
        <source>questionnaire</source>
        <translation>spørgeskema</translation>
    </message>
    <message>
        <source>work-list item</source>
        <translation>punkt på arbejdslisten</translation>
    </message>
    <message>
        <source>title</source>
        <translation>titel</translation>
    </message>
    <message>
        <source>status</source>
        <translation>status</translation>
    </message>
    <message>
        <source>mode</source>
        <translation>form</translation>
    </message>
    <message>
        <source>description</source>
        <translation>beskrivelse</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>noter</translation>
    </message>
    <message>
        <source>note</source>
        <translation>note</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>begrundelse</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>beløb</translation>
    </message>
    <message>
        <source>currency</source>
        <translation>valuta</translation>
    </message>
    <message>
        <source>category</source>
        <translation>kategori</translation>
    </message>
    <message>
        <source>state</source>
        <translation>tilstand</translation>
    </message>
    <message>
        <source>method</source>
        <translation>metode</translation>
    </message>
    <message>
        <source>reporting</source>
        <translation>rapportering</translation>
    </message>
    <message>
        <source>meetings</source>
        <translation>møder</translation>
    </message>
    <message>
        <source>start</source>
        <translation>start</translation>
    </message>
    <message>
        <source>end</source>
        <translation>slut</translation>
    </message>
    <message>
        <source>until</source>
        <translation>udsat til</translation>
    </message>
    <message>
        <source>grade</source>
        <translation>karakter</translation>
    </message>
    <message>
        <source>credits awarded</source>
        <translation>tildelte point</translation>
    </message>
    <message>
        <source>transcript date</source>
        <translation>dato for karakterudskrift</translation>
    </message>
    <message>
        <source>certificate received on</source>
        <translation>dato for modtagelse af bevis</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>varighed (minutter)</translation>
    </message>
    <message>
        <source>participants</source>
        <translation>deltagere</translation>
    </message>
    <message>
        <source>concern</source>
        <translation>bekymring</translation>
    </message>
    <message>
        <source>resolved on</source>
        <translation>løsningsdato</translation>
    </message>
    <message>
        <source>result</source>
        <translation>resultat</translation>
    </message>
    <message>
        <source>phase</source>
        <translation>fase</translation>
    </message>
    <message>
        <source>{reason} (open then: {overridden})</source>
        <translation>{reason} (åbne dengang: {overridden})</translation>
    </message>
    <message>
        <source>Status changed from {before} to {after} past open checks</source>
        <translation>Status ændret fra {before} til {after} trods åbne punkter</translation>
    </message>
    <message>
        <source>{subject}: {change}</source>
        <translation>{subject}: {change}</translation>
    </message>
    <message>
        <source>{title}, {student} at {host}, {start} – {end}</source>
        <translation>{title}, {student} hos {host}, {start} – {end}</translation>
    </message>
    <message>
        <source>{tool} with {actor}</source>
        <translation>{tool} med {actor}</translation>
    </message>
    <message>
        <source>{kind} period</source>
        <translation>{kind} periode</translation>
    </message>
    <message>
        <source>Signature of {party} on {document}</source>
        <translation>Underskrift fra {party} på {document}</translation>
    </message>
    <message>
        <source>Tool for {purpose} changed from {before} to {after}</source>
        <translation>Værktøj til {purpose} ændret fra {before} til {after}</translation>
    </message>
    <message>
        <source>Test of {subject} ({day}) recorded as {outcome}</source>
        <translation>Test af {subject} ({day}) registreret som {outcome}</translation>
    </message>
    <message>
        <source>Cost {cost}</source>
        <translation>Omkostning {cost}</translation>
    </message>
    <message>
        <source>Share of a shared cost</source>
        <translation>Andel af en fælles omkostning</translation>
    </message>
    <message>
        <source>Snooze of a work-list item</source>
        <translation>Udsættelse af et punkt på arbejdslisten</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to}</source>
        <translation>E-mail “{subject}” til {to}</translation>
    </message>
    <message>
        <source>{subject} saved</source>
        <translation>{subject} gemt</translation>
    </message>
    <message>
        <source>Placement {reference} created</source>
        <translation>Praktikophold {reference} oprettet</translation>
    </message>
    <message>
        <source>Placement {reference} deleted</source>
        <translation>Praktikophold {reference} slettet</translation>
    </message>
    <message>
        <source>{item} ticked</source>
        <translation>{item} afkrydset</translation>
    </message>
    <message>
        <source>{item} unticked</source>
        <translation>Afkrydsning af {item} fjernet</translation>
    </message>
    <message>
        <source>Note on {item} changed</source>
        <translation>Note til {item} ændret</translation>
    </message>
    <message>
        <source>{kind} period added: {start} – {end}</source>
        <translation>{kind} periode tilføjet: {start} – {end}</translation>
    </message>
    <message>
        <source>{kind} period removed</source>
        <translation>{kind} periode fjernet</translation>
    </message>
    <message>
        <source>{document} drafted</source>
        <translation>Udkast til {document} oprettet</translation>
    </message>
    <message>
        <source>{document} deleted</source>
        <translation>{document} slettet</translation>
    </message>
    <message>
        <source>{document} {state}</source>
        <translation>{document} {state}</translation>
    </message>
    <message>
        <source>{document} edited</source>
        <translation>{document} redigeret</translation>
    </message>
    <message>
        <source>Signed PDF of {document} updated</source>
        <translation>Underskrevet PDF for {document} opdateret</translation>
    </message>
    <message>
        <source>{document} checked and frozen for sending</source>
        <translation>{document} kontrolleret og fastfrosset til afsendelse</translation>
    </message>
    <message>
        <source>Note on {document} changed</source>
        <translation>Note til {document} ændret</translation>
    </message>
    <message>
        <source>Signature of {party} awaited on {document}</source>
        <translation>Underskrift fra {party} afventes på {document}</translation>
    </message>
    <message>
        <source>Signature of {party} on {document} removed</source>
        <translation>Underskrift fra {party} på {document} fjernet</translation>
    </message>
    <message>
        <source>{how} from {signer}</source>
        <translation>{how} fra {signer}</translation>
    </message>
    <message>
        <source>{how}, dated {day}</source>
        <translation>{how}, dateret {day}</translation>
    </message>
    <message>
        <source>Signature of {party} on {document} recorded ({how})</source>
        <translation>Underskrift fra {party} på {document} registreret ({how})</translation>
    </message>
    <message>
        <source>{party}&apos;s refusal to sign {document} recorded</source>
        <translation>Afvisning fra {party} af {document} registreret</translation>
    </message>
    <message>
        <source>Signature of {party} on {document} reset: signing starts over</source>
        <translation>Underskrift fra {party} på {document} nulstillet: underskrivningen starter forfra</translation>
    </message>
    <message>
        <source>Note on the signature of {party} on {document} changed</source>
        <translation>Note til underskriften fra {party} på {document} ændret</translation>
    </message>
    <message>
        <source>{questionnaire} started</source>
        <translation>{questionnaire} påbegyndt</translation>
    </message>
    <message>
        <source>{questionnaire} started with {respondent}</source>
        <translation>{questionnaire} påbegyndt med {respondent}</translation>
    </message>
    <message>
        <source>{questionnaire} discarded before it was completed</source>
        <translation>{questionnaire} kasseret, før det blev udfyldt</translation>
    </message>
    <message>
        <source>{questionnaire} completed</source>
        <translation>{questionnaire} udfyldt</translation>
    </message>
    <message>
        <source>Communication protocol saved</source>
        <translation>Kommunikationsprotokol gemt</translation>
    </message>
    <message>
        <source>Communication protocol removed</source>
        <translation>Kommunikationsprotokol fjernet</translation>
    </message>
    <message>
        <source>{tool} chosen for {purpose}</source>
        <translation>{tool} valgt til {purpose}</translation>
    </message>
    <message>
        <source>Tool for {purpose} removed</source>
        <translation>Værktøj til {purpose} fjernet</translation>
    </message>
    <message>
        <source>Test of {subject} removed</source>
        <translation>Test af {subject} fjernet</translation>
    </message>
    <message>
        <source>Test of {subject}</source>
        <translation>Test af {subject}</translation>
    </message>
    <message>
        <source>Note on the test of {subject} changed</source>
        <translation>Note til testen af {subject} ændret</translation>
    </message>
    <message>
        <source>Test of {subject} marked as not yet done</source>
        <translation>Test af {subject} markeret som endnu ikke udført</translation>
    </message>
    <message>
        <source>Test of {subject} recorded as {outcome}</source>
        <translation>Test af {subject} registreret som {outcome}</translation>
    </message>
    <message>
        <source>Cost {cost} added: {amount}</source>
        <translation>Omkostning {cost} tilføjet: {amount}</translation>
    </message>
    <message>
        <source>Cost {cost} removed</source>
        <translation>Omkostning {cost} fjernet</translation>
    </message>
    <message>
        <source>Shared cost {cost} now shared with this placement</source>
        <translation>Fælles omkostning {cost} deles nu med dette praktikophold</translation>
    </message>
    <message>
        <source>This placement no longer shares a shared cost</source>
        <translation>Dette praktikophold deler ikke længere en fælles omkostning</translation>
    </message>
    <message>
        <source>Work-list item {item} snoozed until {until}</source>
        <translation>Punktet {item} på arbejdslisten udsat til {until}</translation>
    </message>
    <message>
        <source>A work-list item is no longer snoozed</source>
        <translation>Et punkt på arbejdslisten er ikke længere udsat</translation>
    </message>
    <message>
        <source>{what} recorded</source>
        <translation>{what} registreret</translation>
    </message>
    <message>
        <source>{what} removed</source>
        <translation>{what} fjernet</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} queued</source>
        <translation>E-mail “{subject}” til {to} sat i kø</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} removed from the outbox</source>
        <translation>E-mail “{subject}” til {to} fjernet fra udbakken</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} sent</source>
        <translation>E-mail “{subject}” til {to} sendt</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} could not be sent</source>
        <translation>E-mail “{subject}” til {to} kunne ikke sendes</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} cancelled</source>
        <translation>E-mail “{subject}” til {to} annulleret</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} queued again</source>
        <translation>E-mail “{subject}” til {to} sat i kø igen</translation>
    </message>
    <message>
        <source>Placement saved</source>
        <translation>Praktikophold gemt</translation>
    </message>
    <message>
        <source>{field} replaced</source>
        <translation>{field} erstattet</translation>
    </message>
    <message>
        <source>{field} added</source>
        <translation>{field} tilføjet</translation>
    </message>
    <message>
        <source>{field} set to {after}</source>
        <translation>{field} sat til {after}</translation>
    </message>
    <message>
        <source>{field} cleared (was {before})</source>
        <translation>{field} ryddet (var {before})</translation>
    </message>
    <message>
        <source>{field} changed from {before} to {after}</source>
        <translation>{field} ændret fra {before} til {after}</translation>
    </message>
    <message>
        <source>{kind} version {number}</source>
        <translation>{kind}, version {number}</translation>
    </message>
    <message>
        <source>Import &amp;students…</source>
        <translation>Importér &amp;studerende…</translation>
    </message>
    <message>
        <source>&amp;Students…</source>
        <translation>&amp;Studerende…</translation>
    </message>
    <message>
        <source>Import students</source>
        <translation>Importér studerende</translation>
    </message>
    <message>
        <source>Import students from</source>
        <translation>Importér studerende fra</translation>
    </message>
    <message>
        <source>Save the students import template</source>
        <translation>Gem importskabelonen for studerende</translation>
    </message>
    <message>
        <source>Saved the students template to {path}.</source>
        <translation>Skabelonen for studerende er gemt i {path}.</translation>
    </message>
    <message>
        <source>Importing students</source>
        <translation>Importerer studerende</translation>
    </message>
    <message>
        <source>Choose an Excel (.xlsx) or CSV file with one row per student. You see what vipdesk understood before anything is imported; if any row has a problem, nothing is. Rows already in vipdesk are skipped.</source>
        <translation>Vælg en Excel- (.xlsx) eller CSV-fil med én række pr. studerende. Du ser, hvad vipdesk har forstået, før noget importeres; har en række et problem, importeres intet. Rækker, der allerede findes i vipdesk, springes over.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln student(s).</source>
        <translation>
            <numerusform>%Ln studerende importeret.</numerusform>
            <numerusform>%Ln studerende importeret.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new student(s)</source>
        <translation>
            <numerusform>%Ln ny studerende</numerusform>
            <numerusform>%Ln nye studerende</numerusform>
        </translation>
    </message>
    <message>
        <source>Import &amp;organisations…</source>
        <translation>Importér &amp;organisationer…</translation>
    </message>
    <message>
        <source>&amp;Organisations…</source>
        <translation>&amp;Organisationer…</translation>
    </message>
    <message>
        <source>Import organisations</source>
        <translation>Importér organisationer</translation>
    </message>
    <message>
        <source>Import organisations from</source>
        <translation>Importér organisationer fra</translation>
    </message>
    <message>
        <source>Save the organisations import template</source>
        <translation>Gem importskabelonen for organisationer</translation>
    </message>
    <message>
        <source>Saved the organisations template to {path}.</source>
        <translation>Skabelonen for organisationer er gemt i {path}.</translation>
    </message>
    <message>
        <source>Importing organisations</source>
        <translation>Importerer organisationer</translation>
    </message>
    <message>
        <source>Choose an Excel (.xlsx) or CSV file with one row per organisation. You see what vipdesk understood before anything is imported; if any row has a problem, nothing is. Rows already in vipdesk are skipped.</source>
        <translation>Vælg en Excel- (.xlsx) eller CSV-fil med én række pr. organisation. Du ser, hvad vipdesk har forstået, før noget importeres; har en række et problem, importeres intet. Rækker, der allerede findes i vipdesk, springes over.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln organisation(s).</source>
        <translation>
            <numerusform>%Ln organisation importeret.</numerusform>
            <numerusform>%Ln organisationer importeret.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new organisation(s)</source>
        <translation>
            <numerusform>%Ln ny organisation</numerusform>
            <numerusform>%Ln nye organisationer</numerusform>
        </translation>
    </message>
    <message>
        <source>Import &amp;placements…</source>
        <translation>Importér &amp;praktikophold…</translation>
    </message>
    <message>
        <source>&amp;Placements…</source>
        <translation>&amp;Praktikophold…</translation>
    </message>
    <message>
        <source>Import placements</source>
        <translation>Importér praktikophold</translation>
    </message>
    <message>
        <source>Import placements from</source>
        <translation>Importér praktikophold fra</translation>
    </message>
    <message>
        <source>Save the placements import template</source>
        <translation>Gem importskabelonen for praktikophold</translation>
    </message>
    <message>
        <source>Saved the placements template to {path}.</source>
        <translation>Skabelonen for praktikophold er gemt i {path}.</translation>
    </message>
    <message>
        <source>Importing placements</source>
        <translation>Importerer praktikophold</translation>
    </message>
    <message>
        <source>Choose an Excel (.xlsx) or CSV file with one row per placement. You see what vipdesk understood before anything is imported; if any row has a problem, nothing is. Rows already in vipdesk are skipped.</source>
        <translation>Vælg en Excel- (.xlsx) eller CSV-fil med én række pr. praktikophold. Du ser, hvad vipdesk har forstået, før noget importeres; har en række et problem, importeres intet. Rækker, der allerede findes i vipdesk, springes over.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln placement(s).</source>
        <translation>
            <numerusform>%Ln praktikophold importeret.</numerusform>
            <numerusform>%Ln praktikophold importeret.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new placement(s)</source>
        <translation>
            <numerusform>%Ln ny praktik</numerusform>
            <numerusform>%Ln nye praktikker</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln already exist(s) — skipped</source>
        <translation>
            <numerusform>%Ln findes allerede — sprunget over</numerusform>
            <numerusform>%Ln findes allerede — sprunget over</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln with problems</source>
        <translation>
            <numerusform>%Ln med problemer</numerusform>
            <numerusform>%Ln med problemer</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose the student, or create a new one.</source>
        <translation>Vælg den studerende, eller opret en ny.</translation>
    </message>
    <message>
        <source>Choose the host organisation, or create a new one.</source>
        <translation>Vælg den modtagende organisation, eller opret en ny.</translation>
    </message>
    <message>
        <source>Choose the sending institution.</source>
        <translation>Vælg den udsendende institution.</translation>
    </message>
    <message>
        <source>Give the placement a title, e.g. &apos;Market research assistant&apos;.</source>
        <translation>Giv praktikopholdet en titel, fx „Assistent i markedsanalyse“.</translation>
    </message>
    <message>
        <source>The title is longer than 200 characters.</source>
        <translation>Titlen er længere end 200 tegn.</translation>
    </message>
    <message>
        <source>The description is longer than {limit} characters.</source>
        <translation>Beskrivelsen er længere end {limit} tegn.</translation>
    </message>
    <message>
        <source>&apos;{code}&apos; is not an ISO 4217 code.</source>
        <translation>&apos;{code}&apos; er ikke en ISO 4217-kode.</translation>
    </message>
    <message>
        <source>&apos;{code}&apos; is not an ISO 4217 currency code (e.g. EUR).</source>
        <translation>&apos;{code}&apos; er ikke en ISO 4217-valutakode (f.eks. EUR).</translation>
    </message>
    <message>
        <source>&apos;{code}&apos; is not an ISO 4217 currency.</source>
        <translation>&apos;{code}&apos; er ikke en ISO 4217-valuta.</translation>
    </message>
    <message>
        <source>A cost is either for one placement or shared, not both.</source>
        <translation>En omkostning hører enten til ét praktikophold eller deles, ikke begge dele.</translation>
    </message>
    <message>
        <source>A placement chosen no longer exists.</source>
        <translation>Et valgt praktikophold findes ikke længere.</translation>
    </message>
    <message>
        <source>A rate must be more than zero.</source>
        <translation>En kurs skal være større end nul.</translation>
    </message>
    <message>
        <source>A share cannot be negative.</source>
        <translation>En andel kan ikke være negativ.</translation>
    </message>
    <message>
        <source>Another funding source has this name.</source>
        <translation>En anden finansieringskilde har dette navn.</translation>
    </message>
    <message>
        <source>Choose the placement, or the placements or year to share among.</source>
        <translation>Vælg praktikopholdet, eller de praktikophold eller det år, der skal deles mellem.</translation>
    </message>
    <message>
        <source>Describe the cost, e.g. &apos;Laptop for the student&apos;.</source>
        <translation>Beskriv omkostningen, f.eks. &apos;Bærbar computer til den studerende&apos;.</translation>
    </message>
    <message>
        <source>Enter the amount (or, for staff time, the hours and hourly rate).</source>
        <translation>Angiv beløbet (eller, for personaletid, timerne og timesatsen).</translation>
    </message>
    <message>
        <source>Enter the amount awarded.</source>
        <translation>Angiv det bevilgede beløb.</translation>
    </message>
    <message>
        <source>Enter the amount to the cent (two decimals at most).</source>
        <translation>Angiv beløbet på øret (højst to decimaler).</translation>
    </message>
    <message>
        <source>Enter the date of the cost (it chooses the exchange rate).</source>
        <translation>Angiv datoen for omkostningen (den afgør valutakursen).</translation>
    </message>
    <message>
        <source>Enter the first day the source pays for.</source>
        <translation>Angiv den første dag, kilden betaler for.</translation>
    </message>
    <message>
        <source>Enter the last day the source pays for.</source>
        <translation>Angiv den sidste dag, kilden betaler for.</translation>
    </message>
    <message>
        <source>Every share is zero, so the cost cannot be split this way.</source>
        <translation>Alle andele er nul, så omkostningen kan ikke fordeles på denne måde.</translation>
    </message>
    <message>
        <source>Hours cannot be negative.</source>
        <translation>Timer kan ikke være negative.</translation>
    </message>
    <message>
        <source>Line {line}: &apos;{code}&apos; is not an ISO 4217 code.</source>
        <translation>Linje {line}: &apos;{code}&apos; er ikke en ISO 4217-kode.</translation>
    </message>
    <message>
        <source>Line {line}: a rate must be more than zero.</source>
        <translation>Linje {line}: en kurs skal være større end nul.</translation>
    </message>
    <message>
        <source>Line {line}: expected date,currency,rate.</source>
        <translation>Linje {line}: forventede date,currency,rate.</translation>
    </message>
    <message>
        <source>Line {line}: write the date as YYYY-MM-DD and the rate as 1.0825.</source>
        <translation>Linje {line}: skriv datoen som ÅÅÅÅ-MM-DD og kursen som 1.0825.</translation>
    </message>
    <message>
        <source>Name the funding source, e.g. &apos;Erasmus+ KA131 2024&apos;.</source>
        <translation>Giv finansieringskilden et navn, f.eks. &apos;Erasmus+ KA131 2024&apos;.</translation>
    </message>
    <message>
        <source>Share among the placements listed or among a year, not both.</source>
        <translation>Del mellem de anførte praktikophold eller mellem et år, ikke begge dele.</translation>
    </message>
    <message>
        <source>The amount awarded cannot be negative.</source>
        <translation>Det bevilgede beløb kan ikke være negativt.</translation>
    </message>
    <message>
        <source>The amount cannot be negative; enter a refund as its own note.</source>
        <translation>Beløbet kan ikke være negativt; angiv en tilbagebetaling som en særskilt note.</translation>
    </message>
    <message>
        <source>The description is longer than 200 characters.</source>
        <translation>Beskrivelsen er længere end 200 tegn.</translation>
    </message>
    <message>
        <source>The hourly rate cannot be negative.</source>
        <translation>Timesatsen kan ikke være negativ.</translation>
    </message>
    <message>
        <source>The invoice reference is longer than {limit} characters.</source>
        <translation>Fakturareferencen er længere end {limit} tegn.</translation>
    </message>
    <message>
        <source>The name is longer than 200 characters.</source>
        <translation>Navnet er længere end 200 tegn.</translation>
    </message>
    <message>
        <source>The notes are longer than {limit} characters.</source>
        <translation>Noterne er længere end {limit} tegn.</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>Perioden slutter, før den begynder.</translation>
    </message>
    <message>
        <source>The reference is longer than {limit} characters.</source>
        <translation>Referencen er længere end {limit} tegn.</translation>
    </message>
    <message>
        <source>There is no exchange rate for {currency} on or before {day} (against {base}). Enter one, or import them from a CSV file.</source>
        <translation>Der er ingen valutakurs for {currency} den {day} eller før (over for {base}). Indtast en, eller importér dem fra en CSV-fil.</translation>
    </message>
    <message>
        <source>There is no grant to record: no physical days are funded.</source>
        <translation>Der er intet tilskud at registrere: ingen fysiske dage finansieres.</translation>
    </message>
    <message>
        <source>There is nobody to share this cost among.</source>
        <translation>Der er ingen at dele denne omkostning mellem.</translation>
    </message>
    <message>
        <source>This cost item no longer exists.</source>
        <translation>Denne omkostningspost findes ikke længere.</translation>
    </message>
    <message>
        <source>This funding source no longer exists.</source>
        <translation>Denne finansieringskilde findes ikke længere.</translation>
    </message>
    <message>
        <source>This rate of {currency} for {day} was changed after you opened it.</source>
        <translation>Denne kurs for {currency} den {day} blev ændret, efter du åbnede den.</translation>
    </message>
    <message>
        <source>{amount} has more than two decimals; enter it to the cent.</source>
        <translation>{amount} har mere end to decimaler; angiv det på øret.</translation>
    </message>
    <message>
        <source>{category}: enter a budget of zero or more, to the cent.</source>
        <translation>{category}: angiv et budget på nul eller mere, på øret.</translation>
    </message>
    <message>
        <source>{cost} ({day}): {problem}</source>
        <translation>{cost} ({day}): {problem}</translation>
    </message>
    <message>
        <source>{day} is outside the period of {source} ({start} to {end}).</source>
        <translation>{day} ligger uden for perioden for {source} ({start} til {end}).</translation>
    </message>
    <message>
        <source>{source} pays for cost items; move or delete them first.</source>
        <translation>{source} betaler for omkostningsposter; flyt eller slet dem først.</translation>
    </message>
    <message>
        <source>{source}: {cost}: {problem}</source>
        <translation>{source}: {cost}: {problem}</translation>
    </message>
    <message>
        <source>Enter the planned start date.</source>
        <translation>Angiv den planlagte startdato.</translation>
    </message>
    <message>
        <source>Enter the planned end date.</source>
        <translation>Angiv den planlagte slutdato.</translation>
    </message>
    <message>
        <source>The end ({end}) is before the start ({start}).</source>
        <translation>Slutningen ({end}) ligger før starten ({start}).</translation>
    </message>
    <message>
        <source>Enter the hours per week (1 to 60).</source>
        <translation>Angiv timer pr. uge (1 til 60).</translation>
    </message>
    <message>
        <source>Hours per week must be between 1 and 60.</source>
        <translation>Timer pr. uge skal være mellem 1 og 60.</translation>
    </message>
    <message>
        <source>ECTS credits must be between 0 and 60.</source>
        <translation>ECTS-point skal være mellem 0 og 60.</translation>
    </message>
    <message>
        <source>ECTS credits take at most one decimal, e.g. 7.5.</source>
        <translation>ECTS-point har højst én decimal, fx 7,5.</translation>
    </message>
    <message>
        <source>A blended placement needs at least one physical and one virtual period.</source>
        <translation>Et blandet praktikophold skal have mindst én fysisk og én virtuel periode.</translation>
    </message>
    <message>
        <source>Period {n} needs a start and an end date.</source>
        <translation>Periode {n} skal have en start- og en slutdato.</translation>
    </message>
    <message>
        <source>Period {n} ends before it starts.</source>
        <translation>Periode {n} slutter, før den begynder.</translation>
    </message>
    <message>
        <source>Period {n} lies outside the planned start and end.</source>
        <translation>Periode {n} ligger uden for den planlagte start og slutning.</translation>
    </message>
    <message>
        <source>Periods {a} and {b} overlap.</source>
        <translation>Perioderne {a} og {b} overlapper.</translation>
    </message>
    <message>
        <source>The chosen student was deleted.</source>
        <translation>Den valgte studerende er slettet.</translation>
    </message>
    <message>
        <source>The chosen host organisation was deleted.</source>
        <translation>Den valgte modtagende organisation er slettet.</translation>
    </message>
    <message>
        <source>The chosen sending institution was deleted.</source>
        <translation>Den valgte udsendende institution er slettet.</translation>
    </message>
    <message>
        <source>The chosen mentor was deleted.</source>
        <translation>Den valgte mentor er slettet.</translation>
    </message>
    <message>
        <source>The mentor must work at the host organisation.</source>
        <translation>Mentoren skal arbejde i den modtagende organisation.</translation>
    </message>
    <message>
        <source>The chosen tutor was deleted.</source>
        <translation>Den valgte vejleder er slettet.</translation>
    </message>
    <message>
        <source>The academic tutor must work at an institution.</source>
        <translation>Den faglige vejleder skal arbejde på en institution.</translation>
    </message>
    <message>
        <source>Another coordinator took the same reference just now: save again.</source>
        <translation>En anden koordinator har netop taget samme reference: gem igen.</translation>
    </message>
    <message>
        <source>The end is before the start.</source>
        <translation>Slutningen ligger før starten.</translation>
    </message>
    <message>
        <source>This placement no longer exists: someone may have deleted it.</source>
        <translation>Dette praktikophold findes ikke længere: måske har nogen slettet det.</translation>
    </message>
    <message>
        <source>This placement was deleted by someone else; your edits were not saved.</source>
        <translation>Dette praktikophold er slettet af en anden; dine ændringer blev ikke gemt.</translation>
    </message>
    <message>
        <source>The database refused the change: {reason}</source>
        <translation>Databasen afviste ændringen: {reason}</translation>
    </message>
    <message>
        <source>A placement cannot go from &apos;{current}&apos; to &apos;{target}&apos;.</source>
        <translation>Et praktikophold kan ikke gå fra &apos;{current}&apos; til &apos;{target}&apos;.</translation>
    </message>
    <message>
        <source>Say why the placement moves anyway.</source>
        <translation>Sig, hvorfor praktikopholdet alligevel går videre.</translation>
    </message>
    <message>
        <source>Only an office lead can move a placement past open checks.</source>
        <translation>Kun en kontorleder kan flytte et praktikophold forbi åbne kontroller.</translation>
    </message>
    <message>
        <source>There is no checklist item &apos;{key}&apos;.</source>
        <translation>Der er intet tjeklistepunkt &apos;{key}&apos;.</translation>
    </message>
    <message>
        <source>“{item}” follows from vipdesk&apos;s records; to tick it by hand, say why (e.g. “done outside vipdesk: paper questionnaire”).</source>
        <translation>“{item}” følger af vipdesks registreringer; for at afkrydse det manuelt skal du sige hvorfor (fx “gjort uden for vipdesk: papirspørgeskema”).</translation>
    </message>
    <message>
        <source>A login name cannot contain a comma.</source>
        <translation>Et loginnavn må ikke indeholde komma.</translation>
    </message>
    <message>
        <source>The list of office leads is longer than {limit} characters.</source>
        <translation>Listen over kontorledere er længere end {limit} tegn.</translation>
    </message>
    <message>
        <source>Only an office lead can change who the office leads are.</source>
        <translation>Kun en kontorleder kan ændre, hvem der er kontorledere.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not an e-mail address; it should look like name@uni.eu.</source>
        <translation>&apos;{value}&apos; er ikke en e-mailadresse; den skal se ud som navn@uni.eu.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a country code; choose a country from the list.</source>
        <translation>&apos;{value}&apos; er ikke en landekode; vælg et land på listen.</translation>
    </message>
    <message>
        <source>Choose the time zone, e.g. Europe/Warsaw.</source>
        <translation>Vælg tidszonen, f.eks. Europe/Warsaw.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a time zone; choose one from the list.</source>
        <translation>&apos;{value}&apos; er ikke en tidszone; vælg en på listen.</translation>
    </message>
    <message>
        <source>The website address is longer than 300 characters.</source>
        <translation>Webstedets adresse er længere end 300 tegn.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; does not look like a web address, e.g. https://acme.eu.</source>
        <translation>&apos;{value}&apos; ligner ikke en webadresse, f.eks. https://acme.eu.</translation>
    </message>
    <message>
        <source>Enter the given name.</source>
        <translation>Angiv fornavnet.</translation>
    </message>
    <message>
        <source>The given name is longer than {limit} characters.</source>
        <translation>Fornavnet er længere end {limit} tegn.</translation>
    </message>
    <message>
        <source>Enter the family name.</source>
        <translation>Angiv efternavnet.</translation>
    </message>
    <message>
        <source>The family name is longer than {limit} characters.</source>
        <translation>Efternavnet er længere end {limit} tegn.</translation>
    </message>
    <message>
        <source>Enter the student&apos;s e-mail address.</source>
        <translation>Angiv den studerendes e-mailadresse.</translation>
    </message>
    <message>
        <source>The student number is longer than {limit} characters.</source>
        <translation>Studienummeret er længere end {limit} tegn.</translation>
    </message>
    <message>
        <source>The date of birth is in the future.</source>
        <translation>Fødselsdatoen ligger i fremtiden.</translation>
    </message>
    <message>
        <source>A student must be at least {age}; check the year ({year}).</source>
        <translation>En studerende skal være mindst {age} år; kontrollér året ({year}).</translation>
    </message>
    <message>
        <source>Another contact already uses this e-mail.</source>
        <translation>En anden kontakt bruger allerede denne e-mail.</translation>
    </message>
    <message>
        <source>Another institution already has this name ({name}).</source>
        <translation>En anden institution har allerede dette navn ({name}).</translation>
    </message>
    <message>
        <source>Another institution already has this name.</source>
        <translation>En anden institution har allerede dette navn.</translation>
    </message>
    <message>
        <source>Another organisation already has this name ({name}).</source>
        <translation>En anden organisation har allerede dette navn ({name}).</translation>
    </message>
    <message>
        <source>Another organisation in this country already has this name.</source>
        <translation>En anden organisation i dette land har allerede dette navn.</translation>
    </message>
    <message>
        <source>Another organisation in {country} already has this name ({name}).</source>
        <translation>En anden organisation i {country} har allerede dette navn ({name}).</translation>
    </message>
    <message>
        <source>Born in {year}? Check the year.</source>
        <translation>Født i {year}? Kontrollér året.</translation>
    </message>
    <message>
        <source>Choose the country.</source>
        <translation>Vælg landet.</translation>
    </message>
    <message>
        <source>Choose where this person works: either a host organisation or an institution.</source>
        <translation>Vælg, hvor personen arbejder: enten hos en modtagende organisation eller på en institution.</translation>
    </message>
    <message>
        <source>Enter the contact&apos;s e-mail address.</source>
        <translation>Indtast kontaktens e-mailadresse.</translation>
    </message>
    <message>
        <source>Enter the contact&apos;s name.</source>
        <translation>Indtast kontaktens navn.</translation>
    </message>
    <message>
        <source>Enter the institution&apos;s name.</source>
        <translation>Indtast institutionens navn.</translation>
    </message>
    <message>
        <source>Enter the organisation&apos;s name.</source>
        <translation>Indtast organisationens navn.</translation>
    </message>
    <message>
        <source>The Erasmus code is longer than {limit} characters.</source>
        <translation>Erasmus-koden er længere end {limit} tegn.</translation>
    </message>
    <message>
        <source>The address is longer than {limit} characters.</source>
        <translation>Adressen er længere end {limit} tegn.</translation>
    </message>
    <message>
        <source>The city is longer than {limit} characters.</source>
        <translation>Byen er længere end {limit} tegn.</translation>
    </message>
    <message>
        <source>The faculty is longer than {limit} characters.</source>
        <translation>Fakultetet er længere end {limit} tegn.</translation>
    </message>
    <message>
        <source>The name is longer than {limit} characters.</source>
        <translation>Navnet er længere end {limit} tegn.</translation>
    </message>
    <message>
        <source>The phone number is longer than {limit} characters.</source>
        <translation>Telefonnummeret er længere end {limit} tegn.</translation>
    </message>
    <message>
        <source>The position is longer than {limit} characters.</source>
        <translation>Stillingen er længere end {limit} tegn.</translation>
    </message>
    <message>
        <source>The postcode is longer than {limit} characters.</source>
        <translation>Postnummeret er længere end {limit} tegn.</translation>
    </message>
    <message>
        <source>The sector is longer than {limit} characters.</source>
        <translation>Branchen er længere end {limit} tegn.</translation>
    </message>
    <message>
        <source>The street is longer than {limit} characters.</source>
        <translation>Gaden er længere end {limit} tegn.</translation>
    </message>
    <message>
        <source>The study cycle is an EQF level from 5 to 8.</source>
        <translation>Studieniveauet er et EQF-niveau fra 5 til 8.</translation>
    </message>
    <message>
        <source>The field of education is longer than {limit} characters.</source>
        <translation>Uddannelsesområdet er længere end {limit} tegn.</translation>
    </message>
    <message>
        <source>The programme is longer than {limit} characters.</source>
        <translation>Uddannelsen er længere end {limit} tegn.</translation>
    </message>
    <message>
        <source>This student no longer exists: someone may have deleted it.</source>
        <translation>Denne studerende findes ikke længere: nogen har måske slettet vedkommende.</translation>
    </message>
    <message>
        <source>This student was deleted; the equity flags were not saved.</source>
        <translation>Denne studerende blev slettet; markeringerne for lige muligheder blev ikke gemt.</translation>
    </message>
    <message>
        <source>This {what} no longer exists: someone may have deleted it.</source>
        <translation>Denne post ({what}) findes ikke længere: nogen har måske slettet den.</translation>
    </message>
    <message>
        <source>This {what} was deleted by someone else; your edits were not saved.</source>
        <translation>Denne post ({what}) blev slettet af en anden; dine ændringer blev ikke gemt.</translation>
    </message>
    <message>
        <source>This {what} was linked to another record just now, so it was not deleted.</source>
        <translation>Denne post ({what}) blev lige knyttet til en anden post og blev derfor ikke slettet.</translation>
    </message>
    <message>
        <source>vipdesk cannot write in &apos;{code}&apos;; choose one of {codes}.</source>
        <translation>vipdesk kan ikke skrive på &apos;{code}&apos;; vælg et af disse: {codes}.</translation>
    </message>
    <message>
        <source>Language {n}: type the language, e.g. English.</source>
        <translation>Sprog {n}: skriv sproget, f.eks. engelsk.</translation>
    </message>
    <message>
        <source>Language {n}: the name is longer than {limit} characters.</source>
        <translation>Sprog {n}: navnet er længere end {limit} tegn.</translation>
    </message>
    <message>
        <source>{count} contact</source>
        <translation>{count} kontakt</translation>
    </message>
    <message>
        <source>{count} contacts</source>
        <translation>{count} kontakter</translation>
    </message>
    <message>
        <source>{count} placement</source>
        <translation>{count} praktikophold</translation>
    </message>
    <message>
        <source>{count} placements</source>
        <translation>{count} praktikophold</translation>
    </message>
    <message>
        <source>{count} student</source>
        <translation>{count} studerende</translation>
    </message>
    <message>
        <source>{count} students</source>
        <translation>{count} studerende</translation>
    </message>
    <message>
        <source>{first} and {second}</source>
        <translation>{first} og {second}</translation>
    </message>
    <message>
        <source>{first}, {second} and {third}</source>
        <translation>{first}, {second} og {third}</translation>
    </message>
    <message>
        <source>{name} has {records}; delete or reassign them first.</source>
        <translation>{name} har {records}; slet eller flyt dem først.</translation>
    </message>
    <message>
        <source>{name} is mentor or tutor of {placements}; choose someone else there first.</source>
        <translation>{name} er mentor eller vejleder for {placements}; vælg en anden der først.</translation>
    </message>
    <message>
        <source>{name}: choose a level ({levels}).</source>
        <translation>{name}: vælg et niveau ({levels}).</translation>
    </message>
    <message>
        <source>{name} is listed twice.</source>
        <translation>{name} står to gange på listen.</translation>
    </message>
    <message>
        <source>Another student already uses this e-mail ({name}).</source>
        <translation>En anden studerende bruger allerede denne e-mail ({name}).</translation>
    </message>
    <message>
        <source>Another student already has this student number ({name}).</source>
        <translation>En anden studerende har allerede dette studienummer ({name}).</translation>
    </message>
    <message>
        <source>The chosen institution was deleted.</source>
        <translation>Den valgte institution er slettet.</translation>
    </message>
    <message>
        <source>Another student already uses this e-mail.</source>
        <translation>En anden studerende bruger allerede denne e-mail.</translation>
    </message>
    <message>
        <source>Another student already has this student number.</source>
        <translation>En anden studerende har allerede dette studienummer.</translation>
    </message>
    <message>
        <source>The equity note is longer than {limit} characters.</source>
        <translation>Noten om lighedsmarkørerne er længere end {limit} tegn.</translation>
    </message>
    <message>
        <source>Give the date it took place.</source>
        <translation>Angiv datoen, det fandt sted.</translation>
    </message>
    <message>
        <source>The date is outside the placement&apos;s period ({start} – {end}).</source>
        <translation>Datoen ligger uden for praktikopholdets periode ({start} – {end}).</translation>
    </message>
    <message>
        <source>The date is in the future: log it once it has taken place.</source>
        <translation>Datoen ligger i fremtiden: registrér det, når det har fundet sted.</translation>
    </message>
    <message>
        <source>Say who took part.</source>
        <translation>Angiv, hvem der deltog.</translation>
    </message>
    <message>
        <source>Keep the participants under {limit} characters.</source>
        <translation>Hold deltagerne under {limit} tegn.</translation>
    </message>
    <message>
        <source>Choose one of the tools chosen for this placement.</source>
        <translation>Vælg et af de værktøjer, der er valgt til dette praktikophold.</translation>
    </message>
    <message>
        <source>The duration is from {low} to {high} minutes.</source>
        <translation>Varigheden er fra {low} til {high} minutter.</translation>
    </message>
    <message>
        <source>Keep it under {limit} characters.</source>
        <translation>Hold det under {limit} tegn.</translation>
    </message>
    <message>
        <source>Say what follows up on the concern.</source>
        <translation>Angiv opfølgningen på bekymringen.</translation>
    </message>
    <message>
        <source>Only a concern is resolved.</source>
        <translation>Kun en bekymring kan løses.</translation>
    </message>
    <message>
        <source>The concern is resolved before it was raised.</source>
        <translation>Bekymringen er løst, før den blev rejst.</translation>
    </message>
    <message>
        <source>The resolution date is in the future.</source>
        <translation>Datoen for løsningen ligger i fremtiden.</translation>
    </message>
    <message>
        <source>Say how the concern was resolved.</source>
        <translation>Angiv, hvordan bekymringen blev løst.</translation>
    </message>
    <message>
        <source>The file {name} is empty.</source>
        <translation>Filen {name} er tom.</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>Filen er tom.</translation>
    </message>
    <message>
        <source>The file {name} is over 20 MB.</source>
        <translation>Filen {name} er over 20 MB.</translation>
    </message>
    <message>
        <source>The file is over 20 MB.</source>
        <translation>Filen er over 20 MB.</translation>
    </message>
    <message>
        <source>Keep the file name under {limit} characters.</source>
        <translation>Hold filnavnet under {limit} tegn.</translation>
    </message>
    <message>
        <source>The file {name} is not a PDF, a Word document (.docx), a PNG or a JPEG.</source>
        <translation>Filen {name} er ikke en PDF, et Word-dokument (.docx), en PNG eller en JPEG.</translation>
    </message>
    <message>
        <source>The file is not a PDF, a Word document (.docx), a PNG or a JPEG.</source>
        <translation>Filen er ikke en PDF, et Word-dokument (.docx), en PNG eller en JPEG.</translation>
    </message>
    <message>
        <source>The file {name} is named as a {claimed} but is something else inside.</source>
        <translation>Filen {name} er navngivet som {claimed}, men indeholder noget andet.</translation>
    </message>
    <message>
        <source>The file {name} is named as a {claimed} but is a {found} inside.</source>
        <translation>Filen {name} er navngivet som {claimed}, men er en {found} indeni.</translation>
    </message>
    <message>
        <source>The file {name} is damaged: it cannot be read.</source>
        <translation>Filen {name} er beskadiget: den kan ikke læses.</translation>
    </message>
    <message>
        <source>Credits are from 0 to 60, with at most one decimal.</source>
        <translation>Point er fra 0 til 60 med højst én decimal.</translation>
    </message>
    <message>
        <source>More credits than the {planned} planned: say why in the reason.</source>
        <translation>Flere point end de {planned} planlagte: forklar hvorfor i begrundelsen.</translation>
    </message>
    <message>
        <source>Keep the reason under {limit} characters.</source>
        <translation>Hold begrundelsen under {limit} tegn.</translation>
    </message>
    <message>
        <source>Choose one of the grading scales.</source>
        <translation>Vælg en af karakterskalaerne.</translation>
    </message>
    <message>
        <source>Choose the grading scale the grade is on.</source>
        <translation>Vælg den karakterskala, karakteren er givet på.</translation>
    </message>
    <message>
        <source>“{grade}” is not on the {scale} scale ({grades}).</source>
        <translation>“{grade}” findes ikke på karakterskalaen “{scale}” ({grades}).</translation>
    </message>
    <message>
        <source>“{grade}” is not on the {scale} scale (a number from {low} to {high}).</source>
        <translation>“{grade}” findes ikke på karakterskalaen “{scale}” (et tal fra {low} til {high}).</translation>
    </message>
    <message>
        <source>The date is in the future.</source>
        <translation>Datoen ligger i fremtiden.</translation>
    </message>
    <message>
        <source>The date is before the placement started.</source>
        <translation>Datoen ligger før praktikopholdets start.</translation>
    </message>
    <message>
        <source>Keep the outcomes under {limit} characters.</source>
        <translation>Hold læringsudbyttet under {limit} tegn.</translation>
    </message>
    <message>
        <source>This monitoring entry no longer exists.</source>
        <translation>Denne opfølgningsnote findes ikke længere.</translation>
    </message>
    <message>
        <source>This entry has no file attached.</source>
        <translation>Denne note har ingen vedhæftet fil.</translation>
    </message>
    <message>
        <source>The reply time is 1 to 336 hours.</source>
        <translation>Svartiden er 1 til 336 timer.</translation>
    </message>
    <message>
        <source>A meeting lasts 10 to 240 minutes.</source>
        <translation>Et møde varer 10 til 240 minutter.</translation>
    </message>
    <message>
        <source>Keep this under {limit} characters.</source>
        <translation>Hold dette under {limit} tegn.</translation>
    </message>
    <message>
        <source>{who}: choose a time zone from the list.</source>
        <translation>{who}: vælg en tidszone på listen.</translation>
    </message>
    <message>
        <source>{who}: tick at least one working day.</source>
        <translation>{who}: sæt flueben ved mindst én arbejdsdag.</translation>
    </message>
    <message>
        <source>{who}: enter the start and end of the day.</source>
        <translation>{who}: angiv dagens start og slut.</translation>
    </message>
    <message>
        <source>{who}: the day must end after it starts (same day).</source>
        <translation>{who}: dagen skal slutte, efter den begynder (samme dag).</translation>
    </message>
    <message>
        <source>{a} ({zone_a}) and {b} ({zone_b}) are {gap} h apart: beyond 6 to 7 hours meetings at the same time are hard to hold. Plan more written, asynchronous exchange.</source>
        <translation>{a} ({zone_a}) og {b} ({zone_b}) er {gap} timer fra hinanden: med mere end 6 til 7 timers forskel er møder på samme tid svære at holde. Planlæg mere skriftlig, asynkron udveksling.</translation>
    </message>
    <message>
        <source>On {short} of {days} working days they share less than {minimum} hours (least: {least} h on {day}).</source>
        <translation>På {short} af {days} arbejdsdage har de mindre end {minimum} fælles timer (mindst: {least} t, {day}).</translation>
    </message>
    <message>
        <source>The clocks change on different dates ({listed}): the shared hours move in between. Check the meeting time for those weeks.</source>
        <translation>Urene stilles på forskellige datoer ({listed}): de fælles timer flytter sig ind imellem. Kontrollér mødetiden i de uger.</translation>
    </message>
    <message>
        <source>{zones} on {days}</source>
        <translation>{zones} den {days}</translation>
    </message>
    <message>
        <source>{a} and {b}</source>
        <translation>{a} og {b}</translation>
    </message>
    <message>
        <source>No {minutes}-minute slot lies inside the shared hours on the same weekday all through the placement: widen someone&apos;s hours or agree meeting times week by week.</source>
        <translation>Intet tidsrum på {minutes} minutter ligger inden for de fælles timer på samme ugedag i hele praktikopholdet: udvid nogens arbejdstid, eller aftal mødetider uge for uge.</translation>
    </message>
    <message>
        <source>This questionnaire response no longer exists.</source>
        <translation>Denne besvarelse af spørgeskemaet findes ikke længere.</translation>
    </message>
    <message>
        <source>This questionnaire was completed; re-assess to record new answers.</source>
        <translation>Spørgeskemaet er afsluttet; foretag en ny vurdering for at registrere nye svar.</translation>
    </message>
    <message>
        <source>{count} question(s) still need an answer, the first: “{question}”</source>
        <translation>{count} spørgsmål mangler stadig svar, det første: “{question}”</translation>
    </message>
    <message>
        <source>A completed questionnaire is kept as history.</source>
        <translation>Et afsluttet spørgeskema gemmes som historik.</translation>
    </message>
    <message>
        <source>There is no question &apos;{key}&apos; in this version.</source>
        <translation>Der er intet spørgsmål &apos;{key}&apos; i denne version.</translation>
    </message>
    <message>
        <source>Type the answer as text.</source>
        <translation>Skriv svaret som tekst.</translation>
    </message>
    <message>
        <source>The answer is too long.</source>
        <translation>Svaret er for langt.</translation>
    </message>
    <message>
        <source>Choose a number from 1 to {points}.</source>
        <translation>Vælg et tal fra 1 til {points}.</translation>
    </message>
    <message>
        <source>Choose one of the answers offered.</source>
        <translation>Vælg et af de tilbudte svar.</translation>
    </message>
    <message>
        <source>No questionnaire &apos;{name}&apos; is installed.</source>
        <translation>Spørgeskemaet &apos;{name}&apos; er ikke installeret.</translation>
    </message>
    <message>
        <source>Version {version} of the &apos;{questionnaire}&apos; questionnaire is not installed: this response comes from another vipdesk version.</source>
        <translation>Version {version} af spørgeskemaet &apos;{questionnaire}&apos; er ikke installeret: besvarelsen stammer fra en anden vipdesk-version.</translation>
    </message>
    <message>
        <source>The questionnaire translation {name} cannot be read: {reason}</source>
        <translation>Oversættelsen af spørgeskemaet {name} kan ikke læses: {reason}</translation>
    </message>
    <message>
        <source>The questionnaire translation {name} does not match its English file: {difference}.</source>
        <translation>Oversættelsen af spørgeskemaet {name} svarer ikke til den engelske fil: {difference}.</translation>
    </message>
    <message>
        <source>its id, version or party</source>
        <translation>dens id, version eller part</translation>
    </message>
    <message>
        <source>its themes</source>
        <translation>dens temaer</translation>
    </message>
    <message>
        <source>{found} questions instead of {expected}</source>
        <translation>{found} spørgsmål i stedet for {expected}</translation>
    </message>
    <message>
        <source>question &apos;{key}&apos;</source>
        <translation>spørgsmålet &apos;{key}&apos;</translation>
    </message>
    <message>
        <source>Unknown purpose or tool: {keys}.</source>
        <translation>Ukendt formål eller værktøj: {keys}.</translation>
    </message>
    <message>
        <source>Enter the date of the test.</source>
        <translation>Angiv datoen for testen.</translation>
    </message>
    <message>
        <source>The note is longer than {limit} characters.</source>
        <translation>Noten er længere end {limit} tegn.</translation>
    </message>
    <message>
        <source>This placement no longer exists.</source>
        <translation>Dette praktikophold findes ikke længere.</translation>
    </message>
    <message>
        <source>This protocol was deleted by someone else.</source>
        <translation>Denne protokol er slettet af en anden.</translation>
    </message>
    <message>
        <source>A secure connection to {where} failed: {reason} (is it the right port for the security chosen?).</source>
        <translation>Den sikre forbindelse til {where} mislykkedes: {reason} (er det den rigtige port til den valgte sikkerhed?).</translation>
    </message>
    <message>
        <source>Attachment too large: the message is {size} MB and the server takes at most {limit} MB.</source>
        <translation>Vedhæftningen er for stor: beskeden fylder {size} MB, og serveren tager højst {limit} MB.</translation>
    </message>
    <message>
        <source>Attachment too large: the server refused the message ({reply}).</source>
        <translation>Vedhæftningen er for stor: serveren afviste beskeden ({reply}).</translation>
    </message>
    <message>
        <source>Login refused by {where}: the user name or password is not accepted ({reply}).</source>
        <translation>Login afvist af {where}: brugernavnet eller adgangskoden accepteres ikke ({reply}).</translation>
    </message>
    <message>
        <source>No mail server is set: fill in Settings → E-mail, or save the message as .eml.</source>
        <translation>Der er ikke angivet nogen mailserver: udfyld Indstillinger → E-mail, eller gem beskeden som .eml.</translation>
    </message>
    <message>
        <source>No password is stored for {user}: enter it in Settings → E-mail.</source>
        <translation>Der er ingen adgangskode gemt for {user}: angiv den under Indstillinger → E-mail.</translation>
    </message>
    <message>
        <source>Recipient refused: {recipient} ({reply}).</source>
        <translation>Modtager afvist: {recipient} ({reply}).</translation>
    </message>
    <message>
        <source>Sender refused: {sender} ({reply}).</source>
        <translation>Afsender afvist: {sender} ({reply}).</translation>
    </message>
    <message>
        <source>Server unreachable: cannot connect to {where} ({reason}).</source>
        <translation>Serveren kan ikke nås: kan ikke forbinde til {where} ({reason}).</translation>
    </message>
    <message>
        <source>The connection to the server was lost while sending; the message stays to be sent again.</source>
        <translation>Forbindelsen til serveren blev afbrudt under afsendelsen; beskeden venter på at blive sendt igen.</translation>
    </message>
    <message>
        <source>The server cannot take a user name or password with letters beyond A–Z (it offers no AUTH PLAIN).</source>
        <translation>Serveren kan ikke tage et brugernavn eller en adgangskode med bogstaver ud over A–Å (den tilbyder ikke AUTH PLAIN).</translation>
    </message>
    <message>
        <source>The server does not take addresses written in non-Latin letters (SMTPUTF8).</source>
        <translation>Serveren tager ikke adresser skrevet med ikke-latinske bogstaver (SMTPUTF8).</translation>
    </message>
    <message>
        <source>The server refused the message ({reply}).</source>
        <translation>Serveren afviste beskeden ({reply}).</translation>
    </message>
    <message>
        <source>The server {where} does not accept a login on this connection: choose STARTTLS or TLS.</source>
        <translation>Serveren {where} tager ikke imod login på denne forbindelse: vælg STARTTLS eller TLS.</translation>
    </message>
    <message>
        <source>The server {where} does not offer STARTTLS: choose TLS or ask IT for the right port.</source>
        <translation>Serveren {where} tilbyder ikke STARTTLS: vælg TLS, eller spørg IT om den rigtige port.</translation>
    </message>
    <message>
        <source>Give at least one recipient.</source>
        <translation>Angiv mindst én modtager.</translation>
    </message>
    <message>
        <source>Give the message a subject.</source>
        <translation>Giv beskeden et emne.</translation>
    </message>
    <message>
        <source>The subject is one line.</source>
        <translation>Emnet er én linje.</translation>
    </message>
    <message>
        <source>The subject is over 300 characters.</source>
        <translation>Emnet er over 300 tegn.</translation>
    </message>
    <message>
        <source>The attachments come to {size} MB; most servers take 25 MB.</source>
        <translation>Vedhæftningerne fylder {size} MB; de fleste servere tager 25 MB.</translation>
    </message>
    <message>
        <source>A file name may not hold a line break or a slash.</source>
        <translation>Et filnavn må ikke indeholde linjeskift eller skråstreg.</translation>
    </message>
    <message>
        <source>A name or address may not hold a line break.</source>
        <translation>Et navn eller en adresse må ikke indeholde linjeskift.</translation>
    </message>
    <message>
        <source>An empty address is not an e-mail address.</source>
        <translation>En tom adresse er ikke en e-mailadresse.</translation>
    </message>
    <message>
        <source>{address} is not an e-mail address.</source>
        <translation>{address} er ikke en e-mailadresse.</translation>
    </message>
    <message>
        <source>This message is no longer in the outbox.</source>
        <translation>Denne besked er ikke længere i udbakken.</translation>
    </message>
    <message>
        <source>Give the server&apos;s name, like smtp.example.edu.</source>
        <translation>Angiv serverens navn, fx smtp.example.edu.</translation>
    </message>
    <message>
        <source>The port is a number from 1 to 65535.</source>
        <translation>Porten er et tal fra 1 til 65535.</translation>
    </message>
    <message>
        <source>Give the address messages come from.</source>
        <translation>Angiv den adresse, beskederne sendes fra.</translation>
    </message>
    <message>
        <source>A setting is longer than 200 characters.</source>
        <translation>En indstilling er længere end 200 tegn.</translation>
    </message>
    <message>
        <source>Set the address messages come from in Settings → E-mail first.</source>
        <translation>Angiv først afsenderadressen under Indstillinger → E-mail.</translation>
    </message>
    <message>
        <source>Give the user name the password belongs to.</source>
        <translation>Angiv det brugernavn, adgangskoden hører til.</translation>
    </message>
    <message>
        <source>A brace must enclose a placeholder, like {example}.</source>
        <translation>En krøllet parentes skal omslutte en pladsholder, fx {example}.</translation>
    </message>
    <message>
        <source>Unknown placeholder {name}: use one of the list.</source>
        <translation>Ukendt pladsholder {name}: brug en fra listen.</translation>
    </message>
    <message>
        <source>The message needs a text.</source>
        <translation>Beskeden skal have en tekst.</translation>
    </message>
    <message>
        <source>There is no mail template &apos;{key}&apos;.</source>
        <translation>Der er ingen mailskabelon &apos;{key}&apos;.</translation>
    </message>
    <message>
        <source>The placement has no academic tutor to send this to.</source>
        <translation>Praktikopholdet har ingen faglig vejleder at sende dette til.</translation>
    </message>
    <message>
        <source>A certificate is requested from the host, not signed by three.</source>
        <translation>Et certifikat anmodes om hos værten; det underskrives ikke af tre parter.</translation>
    </message>
    <message>
        <source>The certificate is kept; it is not sent to the parties.</source>
        <translation>Certifikatet opbevares; det sendes ikke til parterne.</translation>
    </message>
    <message>
        <source>The fillable PDF is the agreement for the host&apos;s HR.</source>
        <translation>Den udfyldelige PDF er aftalen til værtens HR.</translation>
    </message>
    <message>
        <source>The {document} is {state}: send it for signature first, then e-mail it.</source>
        <translation>{document} har status &apos;{state}&apos;: send det først til underskrift, og e-mail det derefter.</translation>
    </message>
    <message>
        <source>The trainee has signed the {document} already.</source>
        <translation>Praktikanten har allerede underskrevet {document}.</translation>
    </message>
    <message>
        <source>The sending institution has signed the {document} already.</source>
        <translation>Den udsendende institution har allerede underskrevet {document}.</translation>
    </message>
    <message>
        <source>The receiving organisation has signed the {document} already.</source>
        <translation>Den modtagende organisation har allerede underskrevet {document}.</translation>
    </message>
    <message>
        <source>The agreement {reference} has no e-mail address for the trainee: add it to the record, or write the address in the message.</source>
        <translation>Aftalen {reference} har ingen e-mailadresse til praktikanten: tilføj den i registreringen, eller skriv adressen i beskeden.</translation>
    </message>
    <message>
        <source>The agreement {reference} has no e-mail address for the sending institution: add it to the record, or write the address in the message.</source>
        <translation>Aftalen {reference} har ingen e-mailadresse til den udsendende institution: tilføj den i registreringen, eller skriv adressen i beskeden.</translation>
    </message>
    <message>
        <source>The agreement {reference} has no e-mail address for the receiving organisation: add it to the record, or write the address in the message.</source>
        <translation>Aftalen {reference} har ingen e-mailadresse til den modtagende organisation: tilføj den i registreringen, eller skriv adressen i beskeden.</translation>
    </message>
    <message>
        <source>{name} is an Outlook .msg file, which vipdesk does not read: in Outlook, save the message as .eml (or save the attached PDF) and open that.</source>
        <translation>{name} er en Outlook .msg-fil, som vipdesk ikke læser: gem beskeden som .eml i Outlook (eller gem den vedhæftede PDF), og åbn den.</translation>
    </message>
    <message>
        <source>{name} is a PDF, not an e-mail: open it as a returned PDF.</source>
        <translation>{name} er en PDF, ikke en e-mail: åbn den som en returneret PDF.</translation>
    </message>
    <message>
        <source>{name} is not an e-mail message (.eml).</source>
        <translation>{name} er ikke en e-mailbesked (.eml).</translation>
    </message>
    <message>
        <source>{name} is over {limit} MB; save the PDF from it.</source>
        <translation>{name} er over {limit} MB; gem PDF&apos;en fra den.</translation>
    </message>
    <message>
        <source>{name} carries no agreement or questionnaire exported by vipdesk (no attachment).</source>
        <translation>{name} indeholder ingen aftale eller spørgeskema eksporteret af vipdesk (ingen vedhæftning).</translation>
    </message>
    <message>
        <source>{name} carries no agreement or questionnaire exported by vipdesk ({held}).</source>
        <translation>{name} indeholder ingen aftale eller spørgeskema eksporteret af vipdesk ({held}).</translation>
    </message>
    <message>
        <source>&apos;{email}&apos; is not an e-mail address.</source>
        <translation>&apos;{email}&apos; er ikke en e-mailadresse.</translation>
    </message>
    <message>
        <source>All three parties sign: the trainee, the institution and the host.</source>
        <translation>Alle tre parter underskriver: praktikanten, institutionen og den modtagende organisation.</translation>
    </message>
    <message>
        <source>Each party may appear only once in the order.</source>
        <translation>Hver part må kun stå én gang i rækkefølgen.</translation>
    </message>
    <message>
        <source>Enter the date of the signature.</source>
        <translation>Angiv datoen for underskriften.</translation>
    </message>
    <message>
        <source>Enter the name of the person who signed.</source>
        <translation>Angiv navnet på den person, der underskrev.</translation>
    </message>
    <message>
        <source>Name at least one party who signs.</source>
        <translation>Angiv mindst én part, der underskriver.</translation>
    </message>
    <message>
        <source>No communication tool is recorded: say which tools serve {needed} (choose them in preparation, or on the Technology page) before sending.</source>
        <translation>Der er ikke registreret noget kommunikationsværktøj: angiv før afsendelse, hvilke værktøjer der bruges til {needed} (vælg dem under forberedelsen eller på siden Teknologi).</translation>
    </message>
    <message>
        <source>No scan is attached for the {party}.</source>
        <translation>Der er ingen scanning vedhæftet for {party}.</translation>
    </message>
    <message>
        <source>Signer not confirmed ({because}); recorded on the explicit confirmation of the coordinator. Certificate: {certificate}</source>
        <translation>Underskriver ikke bekræftet ({because}); registreret efter koordinatorens udtrykkelige bekræftelse. Certifikat: {certificate}</translation>
    </message>
    <message>
        <source>Signer not confirmed ({because}); recorded on the explicit confirmation of {user}. Certificate: {certificate}</source>
        <translation>Underskriver ikke bekræftet ({because}); registreret efter udtrykkelig bekræftelse fra {user}. Certifikat: {certificate}</translation>
    </message>
    <message>
        <source>The date is before the document was sent ({sent}).</source>
        <translation>Datoen ligger før dokumentet blev sendt ({sent}).</translation>
    </message>
    <message>
        <source>The date of the signature is in the future.</source>
        <translation>Datoen for underskriften ligger i fremtiden.</translation>
    </message>
    <message>
        <source>The placement is &apos;{status}&apos;: move it to &apos;Preparing&apos; before sending the agreement.</source>
        <translation>Praktikopholdet er &apos;{status}&apos;: flyt det til &apos;Under forberedelse&apos;, før aftalen sendes.</translation>
    </message>
    <message>
        <source>The {document} is already signed by every party and locked.</source>
        <translation>{document} er allerede underskrevet af alle parter og låst.</translation>
    </message>
    <message>
        <source>The {document} is not out for signature.</source>
        <translation>{document} er ikke sendt til underskrift.</translation>
    </message>
    <message>
        <source>The {document} is out for signature and cannot change: start a new version to change it.</source>
        <translation>{document} er sendt til underskrift og kan ikke ændres: start en ny version for at ændre den.</translation>
    </message>
    <message>
        <source>The {document} is signed by all parties and locked: record changes as an amendment.</source>
        <translation>{document} er underskrevet af alle parter og låst: registrér ændringer som en ændring.</translation>
    </message>
    <message>
        <source>The {party} does not sign the {document}.</source>
        <translation>{party} underskriver ikke {document}.</translation>
    </message>
    <message>
        <source>The {party} has signed the {document} already.</source>
        <translation>{party} har allerede underskrevet {document}.</translation>
    </message>
    <message>
        <source>The {party} signs first (order: {order}).</source>
        <translation>{party} underskriver først (rækkefølge: {order}).</translation>
    </message>
    <message>
        <source>Unknown party &apos;{party}&apos; in the order.</source>
        <translation>Ukendt part &apos;{party}&apos; i rækkefølgen.</translation>
    </message>
    <message>
        <source>{file} carries no signature for the {party}.</source>
        <translation>{file} indeholder ingen underskrift for {party}.</translation>
    </message>
    <message>
        <source>{file} is not the {document} as sent for signature with a signature added; ask the party to sign the file they received, without saving it as a new PDF.</source>
        <translation>{file} er ikke {document}, som det blev sendt til underskrift, med en tilføjet underskrift; bed parten underskrive den fil, de modtog, uden at gemme den som en ny PDF.</translation>
    </message>
    <message>
        <source>{file}: the signature for the {party} is intact, but its signer {signer} is not confirmed: {reasons}.</source>
        <translation>{file}: underskriften for {party} er intakt, men underskriveren {signer} er ikke bekræftet: {reasons}.</translation>
    </message>
    <message>
        <source>{file}: the signature in {field} does not hold: {verdict}. Nothing was recorded.</source>
        <translation>{file}: underskriften i {field} holder ikke: {verdict}. Intet blev registreret.</translation>
    </message>
    <message>
        <source>{kind} {number}</source>
        <translation>{kind} {number}</translation>
    </message>
    <message>
        <source>save it from Excel or LibreOffice as .xlsx or as CSV (UTF-8), then import that.</source>
        <translation>gem den fra Excel eller LibreOffice som .xlsx eller som CSV (UTF-8), og importér så den.</translation>
    </message>
    <message>
        <source>Open it in Excel or LibreOffice and save it again, or save it as CSV (UTF-8).</source>
        <translation>Åbn den i Excel eller LibreOffice og gem den igen, eller gem den som CSV (UTF-8).</translation>
    </message>
    <message>
        <source>{name} would unpack to {size}, more than a spreadsheet vipdesk reads ({most}); it is not an ordinary workbook.</source>
        <translation>{name} ville fylde {size} udpakket, mere end et regneark vipdesk læser ({most}); det er ikke en almindelig projektmappe.</translation>
    </message>
    <message>
        <source>{name} holds {count} files; a spreadsheet has far fewer: {advice}</source>
        <translation>{name} indeholder {count} filer; et regneark har langt færre: {advice}</translation>
    </message>
    <message>
        <source>{name} is damaged: the part {member} is missing from it. {advice}</source>
        <translation>{name} er beskadiget: delen {member} mangler i den. {advice}</translation>
    </message>
    <message>
        <source>{name} contains a document type declaration (DTD) in {member}, which workbooks saved by Excel or LibreOffice never do; vipdesk does not read it. {advice}</source>
        <translation>{name} indeholder en dokumenttypeerklæring (DTD) i {member}, hvad projektmapper gemt af Excel eller LibreOffice aldrig gør; vipdesk læser den ikke. {advice}</translation>
    </message>
    <message>
        <source>{name} is damaged: its part {member} is not well-formed ({reason}, line {line}). {advice}</source>
        <translation>{name} er beskadiget: delen {member} er ikke velformet ({reason}, linje {line}). {advice}</translation>
    </message>
    <message>
        <source>{name} is a damaged or unknown archive: {advice}</source>
        <translation>{name} er et beskadiget eller ukendt arkiv: {advice}</translation>
    </message>
    <message>
        <source>{name} is damaged: its part {member} cannot be unpacked. {advice}</source>
        <translation>{name} er beskadiget: delen {member} kan ikke pakkes ud. {advice}</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number vipdesk can use.</source>
        <translation>&apos;{text}&apos; er ikke et tal, vipdesk kan bruge.</translation>
    </message>
    <message>
        <source>{code} is an error shown by the spreadsheet (a formula that failed), not a value: correct it or clear the cell.</source>
        <translation>{code} er en fejl vist af regnearket (en formel, der slog fejl), ikke en værdi: ret den eller ryd cellen.</translation>
    </message>
    <message>
        <source>The cell holds {size} characters; a cell holds at most {most}.</source>
        <translation>Cellen indeholder {size} tegn; en celle indeholder højst {most}.</translation>
    </message>
    <message>
        <source>The cell holds {type}, not a value.</source>
        <translation>Cellen indeholder {type}, ikke en værdi.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; contains a control character ({code}), which is not text: retype the cell.</source>
        <translation>&apos;{text}&apos; indeholder et kontroltegn ({code}), som ikke er tekst: skriv cellen igen.</translation>
    </message>
    <message>
        <source>The column &apos;{title}&apos; is missing.</source>
        <translation>Kolonnen &apos;{title}&apos; mangler.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date in the calendar.</source>
        <translation>&apos;{text}&apos; er ikke en dato i kalenderen.</translation>
    </message>
    <message>
        <source>The column &apos;{title}&apos; (or &apos;{first}&apos; or &apos;{second}&apos;) is missing.</source>
        <translation>Kolonnen &apos;{title}&apos; (eller &apos;{first}&apos; eller &apos;{second}&apos;) mangler.</translation>
    </message>
    <message>
        <source>The column &apos;{title}&apos; (or &apos;{first}&apos;) is missing.</source>
        <translation>Kolonnen &apos;{title}&apos; (eller &apos;{first}&apos;) mangler.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date in the calendar; dates with / are read day first (1 February).</source>
        <translation>&apos;{text}&apos; er ikke en dato i kalenderen; datoer med / læses med dagen først (1. februar).</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date in the calendar; dates with / are read month first (January 2).</source>
        <translation>&apos;{text}&apos; er ikke en dato i kalenderen; datoer med / læses med måneden først (januar 2).</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is a number, not a date: format the cell as a date.</source>
        <translation>&apos;{text}&apos; er et tal, ikke en dato: formatér cellen som dato.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is a duration, not a date: format the cell as a date.</source>
        <translation>&apos;{text}&apos; er en varighed, ikke en dato: formatér cellen som dato.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a country: write its English name or its code (DE).</source>
        <translation>&apos;{text}&apos; er ikke et land: skriv dets engelske navn eller dets kode (DE).</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a language vipdesk writes messages in: write one of {codes}, or its name (German, Deutsch).</source>
        <translation>&apos;{text}&apos; er ikke et sprog, vipdesk skriver beskeder på: skriv et af {codes} eller dets navn (German, Deutsch).</translation>
    </message>
    <message>
        <source>Two columns mean &apos;{title}&apos; (&apos;{first}&apos; and &apos;{second}&apos;); keep one.</source>
        <translation>To kolonner betyder &apos;{title}&apos; (&apos;{first}&apos; og &apos;{second}&apos;); behold én.</translation>
    </message>
    <message>
        <source>Add a column &apos;{first}&apos; or &apos;{second}&apos;.</source>
        <translation>Tilføj en kolonne &apos;{first}&apos; eller &apos;{second}&apos;.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date: write 2027-02-01, 01.02.2027 or 01/02/2027.</source>
        <translation>&apos;{text}&apos; er ikke en dato: skriv 2027-02-01, 01.02.2027 eller 01/02/2027.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number.</source>
        <translation>&apos;{text}&apos; er ikke et tal.</translation>
    </message>
    <message>
        <source>{order} is not a date order: choose day_first or month_first.</source>
        <translation>{order} er ikke en datorækkefølge: vælg day_first eller month_first.</translation>
    </message>
    <message>
        <source>{name} is larger than {most} ({size}); import it in parts.</source>
        <translation>{name} er større end {most} ({size}); importér den i dele.</translation>
    </message>
    <message>
        <source>{name} is a ZIP archive, not a spreadsheet: {advice}</source>
        <translation>{name} er et ZIP-arkiv, ikke et regneark: {advice}</translation>
    </message>
    <message>
        <source>The row has {last} values but the header only {width} columns: a value that holds the separator (comma) needs quotes around it.</source>
        <translation>Rækken har {last} værdier, men overskriften kun {width} kolonner: en værdi, der indeholder skilletegnet (komma), skal have anførselstegn om.</translation>
    </message>
    <message>
        <source>{name} is empty: there is nothing to import.</source>
        <translation>{name} er tom: der er intet at importere.</translation>
    </message>
    <message>
        <source>{name} is a folder, not a file: choose a file in it.</source>
        <translation>{name} er en mappe, ikke en fil: vælg en fil i den.</translation>
    </message>
    <message>
        <source>{name} is a named pipe, not an ordinary file: vipdesk imports only files saved on disk.</source>
        <translation>{name} er en navngivet pipe, ikke en almindelig fil: vipdesk importerer kun filer gemt på disken.</translation>
    </message>
    <message>
        <source>{name} is a socket, not an ordinary file: vipdesk imports only files saved on disk.</source>
        <translation>{name} er en socket, ikke en almindelig fil: vipdesk importerer kun filer gemt på disken.</translation>
    </message>
    <message>
        <source>{name} is a device, not an ordinary file: vipdesk imports only files saved on disk.</source>
        <translation>{name} er en enhed, ikke en almindelig fil: vipdesk importerer kun filer gemt på disken.</translation>
    </message>
    <message>
        <source>{name} is a PDF document, not a spreadsheet: {advice}</source>
        <translation>{name} er et PDF-dokument, ikke et regneark: {advice}</translation>
    </message>
    <message>
        <source>{name} is an old-style Excel 97-2003 (.xls) or Office file, not a spreadsheet: {advice}</source>
        <translation>{name} er en gammel Excel 97-2003-fil (.xls) eller Office-fil, ikke et regneark: {advice}</translation>
    </message>
    <message>
        <source>{name} is an image, not a spreadsheet: {advice}</source>
        <translation>{name} er et billede, ikke et regneark: {advice}</translation>
    </message>
    <message>
        <source>{name} is text in UTF-16 (Excel&apos;s &apos;Unicode Text&apos;), not a spreadsheet: {advice}</source>
        <translation>{name} er tekst i UTF-16 (Excels &apos;Unicode-tekst&apos;), ikke et regneark: {advice}</translation>
    </message>
    <message>
        <source>{name} is a binary file, not a spreadsheet: {advice}</source>
        <translation>{name} er en binær fil, ikke et regneark: {advice}</translation>
    </message>
    <message>
        <source>{name} is an OpenDocument spreadsheet (.ods), not a spreadsheet: {advice}</source>
        <translation>{name} er et OpenDocument-regneark (.ods), ikke et regneark vipdesk læser: {advice}</translation>
    </message>
    <message>
        <source>{name} is a Word document, not a spreadsheet: {advice}</source>
        <translation>{name} er et Word-dokument, ikke et regneark: {advice}</translation>
    </message>
    <message>
        <source>The row has {last} values but the header only {width} columns: a value that holds the separator (tab) needs quotes around it.</source>
        <translation>Rækken har {last} værdier, men overskriften kun {width} kolonner: en værdi, der indeholder skilletegnet (tabulator), skal have anførselstegn om.</translation>
    </message>
    <message>
        <source>The row has {last} values but the header only {width} columns: a value that holds the separator (semicolon) needs quotes around it.</source>
        <translation>Rækken har {last} værdier, men overskriften kun {width} kolonner: en værdi, der indeholder skilletegnet (semikolon), skal have anførselstegn om.</translation>
    </message>
    <message>
        <source>{name} has no worksheet: there is nothing to import.</source>
        <translation>{name} har intet regneark: der er intet at importere.</translation>
    </message>
    <message>
        <source>There is no file {path}.</source>
        <translation>Der er ingen fil {path}.</translation>
    </message>
    <message>
        <source>{kind} {start} to {end}</source>
        <translation>{kind} {start} til {end}</translation>
    </message>
    <message>
        <source>Cannot read {name}: {reason}.</source>
        <translation>{name} kan ikke læses: {reason}.</translation>
    </message>
    <message>
        <source>{name} is not UTF-8 text (line {line}): in Excel choose &apos;CSV UTF-8 (comma delimited)&apos; when saving, or save as .xlsx.</source>
        <translation>{name} er ikke UTF-8-tekst (linje {line}): vælg i Excel &apos;CSV UTF-8 (kommasepareret)&apos;, når du gemmer, eller gem som .xlsx.</translation>
    </message>
    <message>
        <source>{name} is not a readable CSV file (line {line}): {reason}.</source>
        <translation>{name} er ikke en læsbar CSV-fil (linje {line}): {reason}.</translation>
    </message>
    <message>
        <source>{name} has more than {most} rows; import it in parts.</source>
        <translation>{name} har mere end {most} rækker; importér den i dele.</translation>
    </message>
    <message>
        <source>{name} is damaged: its sheet cannot be read ({reason}). {advice}</source>
        <translation>{name} er beskadiget: arket kan ikke læses ({reason}). {advice}</translation>
    </message>
    <message>
        <source>The file is damaged here ({reason}): nothing from this row on can be read. {advice}</source>
        <translation>Filen er beskadiget her ({reason}): intet fra denne række og frem kan læses. {advice}</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a mode; choose one of: {allowed}.</source>
        <translation>&apos;{text}&apos; er ikke en form; vælg en af: {allowed}.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a status; choose one of: {allowed}.</source>
        <translation>&apos;{text}&apos; er ikke en status; vælg en af: {allowed}.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is far too many hours.</source>
        <translation>&apos;{text}&apos; er alt for mange timer.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a whole number of hours.</source>
        <translation>&apos;{text}&apos; er ikke et helt antal timer.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a period: write e.g. &apos;physical 2027-02-01 to 2027-02-28&apos;.</source>
        <translation>&apos;{text}&apos; er ikke en periode: skriv f.eks. &apos;physical 2027-02-01 to 2027-02-28&apos;.</translation>
    </message>
    <message>
        <source>No student with the e-mail {email} in vipdesk; import or add the student first.</source>
        <translation>Ingen studerende med e-mailen {email} i vipdesk; importér eller tilføj den studerende først.</translation>
    </message>
    <message>
        <source>No student with the number {number} in vipdesk.</source>
        <translation>Ingen studerende med nummeret {number} i vipdesk.</translation>
    </message>
    <message>
        <source>The e-mail and the student number belong to two different students.</source>
        <translation>E-mailen og studienummeret tilhører to forskellige studerende.</translation>
    </message>
    <message>
        <source>No host organisation &apos;{name}&apos; in {country} in vipdesk; import or add it first.</source>
        <translation>Ingen modtagende organisation &apos;{name}&apos; i {country} i vipdesk; importér eller tilføj den først.</translation>
    </message>
    <message>
        <source>{count} contacts at the host are called {name}: give the e-mail instead.</source>
        <translation>{count} kontakter hos den modtagende organisation hedder {name}: angiv e-mailen i stedet.</translation>
    </message>
    <message>
        <source>A reference has at most 20 characters.</source>
        <translation>En reference har højst 20 tegn.</translation>
    </message>
    <message>
        <source>Enter the mode: virtual, blended or physical.</source>
        <translation>Angiv formen: virtual, blended eller physical.</translation>
    </message>
    <message>
        <source>No contact with the e-mail {email} in vipdesk.</source>
        <translation>Ingen kontakt med e-mailen {email} i vipdesk.</translation>
    </message>
    <message>
        <source>{count} contacts at the institution are called {name}: give the e-mail instead.</source>
        <translation>{count} kontakter ved institutionen hedder {name}: angiv e-mailen i stedet.</translation>
    </message>
    <message>
        <source>The same reference as row {first}.</source>
        <translation>Samme reference som række {first}.</translation>
    </message>
    <message>
        <source>The same student, host and planned start as row {first}.</source>
        <translation>Samme studerende, modtagende organisation og planlagte start som række {first}.</translation>
    </message>
    <message>
        <source>Nobody called {name} works at the host; give the e-mail of a contact in vipdesk.</source>
        <translation>Ingen ved navn {name} arbejder hos den modtagende organisation; angiv e-mailen på en kontakt i vipdesk.</translation>
    </message>
    <message>
        <source>Nobody called {name} works at the institution; give the e-mail of a contact in vipdesk.</source>
        <translation>Ingen ved navn {name} arbejder ved institutionen; angiv e-mailen på en kontakt i vipdesk.</translation>
    </message>
    <message>
        <source>vipdesk imports {kinds}; not &apos;{kind}&apos;.</source>
        <translation>vipdesk importerer {kinds}; ikke &apos;{kind}&apos;.</translation>
    </message>
    <message>
        <source>Nothing imported: {problems} problems in {rows} rows of {source}; correct the file and import it again.</source>
        <translation>Intet importeret: {problems} problemer i {rows} rækker af {source}; ret filen og importér den igen.</translation>
    </message>
    <message>
        <source>The database refused one of the placements (someone may have added the same record meanwhile), so nothing was imported. Import the file again: the preview will show what exists now.</source>
        <translation>Databasen afviste et af praktikopholdene (måske har nogen tilføjet den samme post i mellemtiden), så intet blev importeret. Importér filen igen: forhåndsvisningen viser, hvad der findes nu.</translation>
    </message>
    <message>
        <source>Nothing imported: 1 problem in 1 row of {source}; correct the file and import it again.</source>
        <translation>Intet importeret: 1 problem i 1 række af {source}; ret filen og importér den igen.</translation>
    </message>
    <message>
        <source>Nothing imported: {problems} problems in 1 row of {source}; correct the file and import it again.</source>
        <translation>Intet importeret: {problems} problemer i 1 række af {source}; ret filen og importér den igen.</translation>
    </message>
    <message>
        <source>The database refused one of the students (someone may have added the same record meanwhile), so nothing was imported. Import the file again: the preview will show what exists now.</source>
        <translation>Databasen afviste en af de studerende (måske har nogen tilføjet den samme post i mellemtiden), så intet blev importeret. Importér filen igen: forhåndsvisningen viser, hvad der findes nu.</translation>
    </message>
    <message>
        <source>The database refused one of the organisations (someone may have added the same record meanwhile), so nothing was imported. Import the file again: the preview will show what exists now.</source>
        <translation>Databasen afviste en af organisationerne (måske har nogen tilføjet den samme post i mellemtiden), så intet blev importeret. Importér filen igen: forhåndsvisningen viser, hvad der findes nu.</translation>
    </message>
    <message>
        <source>There are no rows below the header.</source>
        <translation>Der er ingen rækker under overskriften.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a study cycle: write 5, 6, 7 or 8 (EQF level).</source>
        <translation>&apos;{text}&apos; er ikke et studieniveau: skriv 5, 6, 7 eller 8 (EQF-niveau).</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a size; choose one of: {allowed}.</source>
        <translation>&apos;{text}&apos; er ikke en størrelse; vælg en af: {allowed}.</translation>
    </message>
    <message>
        <source>There is no institution &apos;{name}&apos; in vipdesk; add it first.</source>
        <translation>Der er ingen institution &apos;{name}&apos; i vipdesk; tilføj den først.</translation>
    </message>
    <message>
        <source>The same e-mail as row {first}.</source>
        <translation>Samme e-mail som række {first}.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is far too many employees.</source>
        <translation>&apos;{text}&apos; er alt for mange ansatte.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a whole number of employees.</source>
        <translation>&apos;{text}&apos; er ikke et helt antal ansatte.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number of employees.</source>
        <translation>&apos;{text}&apos; er ikke et antal ansatte.</translation>
    </message>
    <message>
        <source>The same student number as row {first}.</source>
        <translation>Samme studienummer som række {first}.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is stored as a number but is none.</source>
        <translation>&apos;{text}&apos; er gemt som et tal, men er ikke et.</translation>
    </message>
    <message>
        <source>The cell is formatted as a date but {text} is no date.</source>
        <translation>Cellen er formateret som dato, men {text} er ingen dato.</translation>
    </message>
    <message>
        <source>{name} is damaged: its shared strings are not well-formed ({reason}, line {line}). {advice}</source>
        <translation>{name} er beskadiget: dens delte strenge er ikke velformede ({reason}, linje {line}). {advice}</translation>
    </message>
    <message>
        <source>{name} is damaged: the sheet &apos;{sheet}&apos; is listed but not where to find it. {advice}</source>
        <translation>{name} er beskadiget: arket &apos;{sheet}&apos; er opført, men ikke hvor det findes. {advice}</translation>
    </message>
    <message>
        <source>row {row} is beyond Excel&apos;s last row</source>
        <translation>række {row} ligger efter Excels sidste række</translation>
    </message>
    <message>
        <source>The cell refers to text the file does not hold: damaged.</source>
        <translation>Cellen henviser til tekst, som filen ikke indeholder: beskadiget.</translation>
    </message>
    <message>
        <source>a cell lies beyond Excel&apos;s last column</source>
        <translation>en celle ligger efter Excels sidste kolonne</translation>
    </message>
    <message>
        <source>Cannot create the database {name}: the folder {folder} is read-only.</source>
        <translation>Databasen {name} kan ikke oprettes: mappen {folder} er skrivebeskyttet.</translation>
    </message>
    <message>
        <source>Cannot make the folder {folder} for the database: {reason}.</source>
        <translation>Mappen {folder} til databasen kan ikke oprettes: {reason}.</translation>
    </message>
    <message>
        <source>The database</source>
        <translation>Databasen</translation>
    </message>
    <message>
        <source>The database URL is not understood; write it as {forms}.</source>
        <translation>Databasens URL kan ikke forstås; skriv den som {forms}.</translation>
    </message>
    <message>
        <source>The database at {url} cannot be reached. Check the network or the server, then try again; nothing you typed has been lost.</source>
        <translation>Databasen på {url} kan ikke nås. Tjek netværket eller serveren, og prøv igen; intet af det, du har skrevet, er gået tabt.</translation>
    </message>
    <message>
        <source>The database is busy: another program is writing to it. Try again in a moment.</source>
        <translation>Databasen er optaget: et andet program skriver i den. Prøv igen om et øjeblik.</translation>
    </message>
    <message>
        <source>The disk holding {database} is full: free some space, then try again.</source>
        <translation>Disken med {database} er fuld: frigør plads, og prøv igen.</translation>
    </message>
    <message>
        <source>The folder {folder} is read-only: vipdesk needs to write beside the database {name}. Nothing was changed.</source>
        <translation>Mappen {folder} er skrivebeskyttet: vipdesk skal skrive ved siden af databasen {name}. Intet blev ændret.</translation>
    </message>
    <message>
        <source>The server name {host} is not known: check the host in the database URL and the network.</source>
        <translation>Servernavnet {host} er ukendt: tjek værten i databasens URL og netværket.</translation>
    </message>
    <message>
        <source>The server {host} asks for a password for user {user}: add it to the database URL (postgresql+psycopg://USER:PASSWORD@HOST/DATABASE).</source>
        <translation>Serveren {host} beder om en adgangskode til brugeren {user}: tilføj den i databasens URL (postgresql+psycopg://BRUGER:ADGANGSKODE@VÆRT/DATABASE).</translation>
    </message>
    <message>
        <source>The server {host} has no user {user}: check the user name in the database URL.</source>
        <translation>Serveren {host} har ingen bruger {user}: tjek brugernavnet i databasens URL.</translation>
    </message>
    <message>
        <source>The server {host} refused the password of user {user}: check the password in the database URL.</source>
        <translation>Serveren {host} afviste adgangskoden for brugeren {user}: tjek adgangskoden i databasens URL.</translation>
    </message>
    <message>
        <source>There is no database &quot;{name}&quot; on the server {host}: check its name in the URL, or ask the administrator to create it.</source>
        <translation>Der findes ingen database &quot;{name}&quot; på serveren {host}: tjek navnet i URL&apos;en, eller bed administratoren om at oprette den.</translation>
    </message>
    <message>
        <source>This database was made by a newer version of vipdesk (schema {schema}). Install the newer vipdesk to open it; it has not been changed.</source>
        <translation>Denne database er lavet af en nyere version af vipdesk (skema {schema}). Installér den nyere vipdesk for at åbne den; den er ikke ændret.</translation>
    </message>
    <message>
        <source>User {user} may not connect to the database &quot;{name}&quot; on {host}: ask the administrator for access.</source>
        <translation>Brugeren {user} må ikke forbinde til databasen &quot;{name}&quot; på {host}: bed administratoren om adgang.</translation>
    </message>
    <message>
        <source>the database</source>
        <translation>databasen</translation>
    </message>
    <message>
        <source>vipdesk reaches PostgreSQL through psycopg: write the database URL as postgresql+psycopg://… instead of {scheme}://….</source>
        <translation>vipdesk når PostgreSQL gennem psycopg: skriv databasens URL som postgresql+psycopg://… i stedet for {scheme}://….</translation>
    </message>
    <message>
        <source>vipdesk works with SQLite files and PostgreSQL servers, not {scheme}://…; write the database URL as {forms}.</source>
        <translation>vipdesk arbejder med SQLite-filer og PostgreSQL-servere, ikke {scheme}://…; skriv databasens URL som {forms}.</translation>
    </message>
    <message>
        <source>{database} cannot be read or written: its disk or network drive reported an error or is not available. Check it, then try again.</source>
        <translation>{database} kan ikke læses eller skrives: disken eller netværksdrevet meldte en fejl eller er ikke tilgængeligt. Tjek det, og prøv igen.</translation>
    </message>
    <message>
        <source>{database} holds other data and is not a vipdesk database; it has not been changed.</source>
        <translation>{database} indeholder andre data og er ikke en vipdesk-database; den er ikke ændret.</translation>
    </message>
    <message>
        <source>{database} is damaged: it cannot be read as a database. It has not been changed; open a backup copy instead.</source>
        <translation>{database} er beskadiget: den kan ikke læses som en database. Den er ikke ændret; åbn en sikkerhedskopi i stedet.</translation>
    </message>
    <message>
        <source>{database} is not a vipdesk database: it is not a database file at all. It has not been changed.</source>
        <translation>{database} er ikke en vipdesk-database: det er slet ikke en databasefil. Den er ikke ændret.</translation>
    </message>
    <message>
        <source>{database} is open read-only: vipdesk needs to write to it. Nothing was changed.</source>
        <translation>{database} er åbnet skrivebeskyttet: vipdesk skal kunne skrive i den. Intet blev ændret.</translation>
    </message>
    <message>
        <source>{path} cannot be opened: check that its folder exists and can be written to.</source>
        <translation>{path} kan ikke åbnes: tjek at mappen findes og kan skrives i.</translation>
    </message>
    <message>
        <source>{path} cannot be opened: your account may not read it (file permissions).</source>
        <translation>{path} kan ikke åbnes: din konto må ikke læse den (filrettigheder).</translation>
    </message>
    <message>
        <source>{path} is a folder, not a database file: give the path of a file, such as {example}.</source>
        <translation>{path} er en mappe, ikke en databasefil: angiv stien til en fil, fx {example}.</translation>
    </message>
    <message>
        <source>{path} is a read-only file: vipdesk needs to write to it. Nothing was changed.</source>
        <translation>{path} er en skrivebeskyttet fil: vipdesk skal kunne skrive i den. Intet blev ændret.</translation>
    </message>
    <message>
        <source>A trusted certificate cannot be read: {reason}</source>
        <translation>Et betroet certifikat kan ikke læses: {reason}</translation>
    </message>
    <message>
        <source>ALTERED after signing by {signer}: {changes}</source>
        <translation>ÆNDRET efter underskrift af {signer}: {changes}</translation>
    </message>
    <message>
        <source>ALTERED after signing by {signer}: {changes} ({detail})</source>
        <translation>ÆNDRET efter underskrift af {signer}: {changes} ({detail})</translation>
    </message>
    <message>
        <source>ALTERED: the signed content does not match the signature</source>
        <translation>ÆNDRET: det underskrevne indhold passer ikke til signaturen</translation>
    </message>
    <message>
        <source>Cannot make a temporary file beside {path}.</source>
        <translation>Der kan ikke oprettes en midlertidig fil ved siden af {path}.</translation>
    </message>
    <message>
        <source>Cannot open {name}: the passphrase is wrong, or it is not a PKCS#12 key file.</source>
        <translation>{name} kan ikke åbnes: adgangsfrasen er forkert, eller det er ikke en PKCS#12-nøglefil.</translation>
    </message>
    <message>
        <source>Cannot sign {name}: {reason}</source>
        <translation>{name} kan ikke underskrives: {reason}</translation>
    </message>
    <message>
        <source>Cannot write to {folder}: the folder does not exist; {name} was not saved.</source>
        <translation>Der kan ikke skrives i {folder}: mappen findes ikke; {name} blev ikke gemt.</translation>
    </message>
    <message>
        <source>Cannot write {name}: it may be open in another program (close it there), or the folder {folder} is read-only. Nothing was saved.</source>
        <translation>{name} kan ikke skrives: den er måske åben i et andet program (luk den der), eller mappen {folder} er skrivebeskyttet. Intet blev gemt.</translation>
    </message>
    <message>
        <source>Cannot write {name}: {reason}. Nothing was saved.</source>
        <translation>{name} kan ikke skrives: {reason}. Intet blev gemt.</translation>
    </message>
    <message>
        <source>DAMAGED signature: {problem}</source>
        <translation>BESKADIGET signatur: {problem}</translation>
    </message>
    <message>
        <source>No trusted certificate has the fingerprint {fingerprint}.</source>
        <translation>Intet betroet certifikat har fingeraftrykket {fingerprint}.</translation>
    </message>
    <message>
        <source>The disk holding {folder} is full; {name} was not saved.</source>
        <translation>Disken med {folder} er fuld; {name} blev ikke gemt.</translation>
    </message>
    <message>
        <source>The scan</source>
        <translation>Scanningen</translation>
    </message>
    <message>
        <source>The scan {name}</source>
        <translation>Scanningen {name}</translation>
    </message>
    <message>
        <source>a different certificate than the one accepted before for {expected} (SHA-256 {fingerprint}…)</source>
        <translation>et andet certifikat end det, der tidligere blev godkendt for {expected} (SHA-256 {fingerprint}…)</translation>
    </message>
    <message>
        <source>an annotation on page {number} changed</source>
        <translation>en anmærkning på side {number} er ændret</translation>
    </message>
    <message>
        <source>annotations added on page {number}: {count}</source>
        <translation>anmærkninger tilføjet på side {number}: {count}</translation>
    </message>
    <message>
        <source>annotations removed from page {number}</source>
        <translation>anmærkninger fjernet fra side {number}</translation>
    </message>
    <message>
        <source>bytes were appended after the signature</source>
        <translation>der blev tilføjet bytes efter signaturen</translation>
    </message>
    <message>
        <source>changes that are not allowed after signing</source>
        <translation>ændringer, der ikke er tilladt efter underskrift</translation>
    </message>
    <message>
        <source>content of page {number} changed</source>
        <translation>indholdet på side {number} er ændret</translation>
    </message>
    <message>
        <source>document properties (XMP metadata) changed: {names}</source>
        <translation>dokumentegenskaber (XMP-metadata) ændret: {names}</translation>
    </message>
    <message>
        <source>document properties changed: {names}</source>
        <translation>dokumentegenskaber ændret: {names}</translation>
    </message>
    <message>
        <source>document settings changed: {names}</source>
        <translation>dokumentindstillinger ændret: {names}</translation>
    </message>
    <message>
        <source>field {name} changed</source>
        <translation>feltet {name} er ændret</translation>
    </message>
    <message>
        <source>fonts or images of page {number} changed</source>
        <translation>skrifttyper eller billeder på side {number} er ændret</translation>
    </message>
    <message>
        <source>form field {name} changed its type</source>
        <translation>formularfeltet {name} har skiftet type</translation>
    </message>
    <message>
        <source>form field {name} removed</source>
        <translation>formularfeltet {name} er fjernet</translation>
    </message>
    <message>
        <source>form settings changed: {names}</source>
        <translation>formularindstillinger ændret: {names}</translation>
    </message>
    <message>
        <source>intact</source>
        <translation>uændret</translation>
    </message>
    <message>
        <source>intact (certificate not from a trusted authority)</source>
        <translation>uændret (certifikatet er ikke fra en betroet udsteder)</translation>
    </message>
    <message>
        <source>intact, signer NOT CONFIRMED: {reasons}</source>
        <translation>uændret, underskriver IKKE BEKRÆFTET: {reasons}</translation>
    </message>
    <message>
        <source>intact, signer confirmed</source>
        <translation>uændret, underskriver bekræftet</translation>
    </message>
    <message>
        <source>later changes that cannot be read</source>
        <translation>senere ændringer, der ikke kan læses</translation>
    </message>
    <message>
        <source>layout of page {number} changed</source>
        <translation>layoutet på side {number} er ændret</translation>
    </message>
    <message>
        <source>new appearance for field {name}, its value unchanged</source>
        <translation>nyt udseende for feltet {name}, værdien uændret</translation>
    </message>
    <message>
        <source>new appearance for the empty signature field {name}</source>
        <translation>nyt udseende for det tomme signaturfelt {name}</translation>
    </message>
    <message>
        <source>new form field {name} added</source>
        <translation>nyt formularfelt {name} tilføjet</translation>
    </message>
    <message>
        <source>new signature field {name} added</source>
        <translation>nyt signaturfelt {name} tilføjet</translation>
    </message>
    <message>
        <source>new signature field {name} added and signed</source>
        <translation>nyt signaturfelt {name} tilføjet og underskrevet</translation>
    </message>
    <message>
        <source>nobody on record signs for the {party}</source>
        <translation>ingen er registreret til at underskrive for parten {party}</translation>
    </message>
    <message>
        <source>pages added or removed ({then} pages when signed, {now} now)</source>
        <translation>sider tilføjet eller fjernet ({then} sider ved underskrift, {now} nu)</translation>
    </message>
    <message>
        <source>signature added in {name}, a field of no party</source>
        <translation>signatur tilføjet i {name}, et felt uden part</translation>
    </message>
    <message>
        <source>signed in {field}, which is no party&apos;s field</source>
        <translation>underskrevet i {field}, som ikke er nogen parts felt</translation>
    </message>
    <message>
        <source>the certificate is not from an authority this office trusts, and none was accepted before for {expected}</source>
        <translation>certifikatet er ikke fra en udsteder, som dette kontor har tillid til, og der er ikke tidligere godkendt et for {expected}</translation>
    </message>
    <message>
        <source>the certificate names {name}, but the {party} is to be signed for by {expected}</source>
        <translation>certifikatet nævner {name}, men for parten {party} skal {expected} underskrive</translation>
    </message>
    <message>
        <source>the file is not a document stored in this database, so its signers cannot be compared with the records</source>
        <translation>filen er ikke et dokument gemt i denne database, så dens underskrivere kan ikke sammenlignes med registreringerne</translation>
    </message>
    <message>
        <source>the signature in {name} was replaced or redrawn</source>
        <translation>signaturen i {name} er udskiftet eller tegnet på ny</translation>
    </message>
    <message>
        <source>{name} cannot be read as a certificate: {reason}</source>
        <translation>{name} kan ikke læses som et certifikat: {reason}</translation>
    </message>
    <message>
        <source>{name} has no signature field for the {party}: export the document from vipdesk.</source>
        <translation>{name} har intet signaturfelt for parten {party}: eksportér dokumentet fra vipdesk.</translation>
    </message>
    <message>
        <source>{name} holds no certificate.</source>
        <translation>{name} indeholder intet certifikat.</translation>
    </message>
    <message>
        <source>{name} is already signed for the {party}.</source>
        <translation>{name} er allerede underskrevet for parten {party}.</translation>
    </message>
    <message>
        <source>{name} is damaged: its signature fields cannot be read ({reason}).</source>
        <translation>{name} er beskadiget: dens signaturfelter kan ikke læses ({reason}).</translation>
    </message>
    <message>
        <source>{scan} is damaged: it cannot be read.</source>
        <translation>{scan} er beskadiget: den kan ikke læses.</translation>
    </message>
    <message>
        <source>{scan} is empty.</source>
        <translation>{scan} er tom.</translation>
    </message>
    <message>
        <source>{scan} is not a PDF, PNG or JPEG file.</source>
        <translation>{scan} er ikke en PDF-, PNG- eller JPEG-fil.</translation>
    </message>
    <message>
        <source>{scan} is over 25 MB.</source>
        <translation>{scan} er over 25 MB.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not an amount of money.</source>
        <translation>&apos;{text}&apos; er ikke et pengebeløb.</translation>
    </message>
    <message>
        <source>Agreement {reference} is signed by every party and locked: changes are amendments, so there is no fillable version to send.</source>
        <translation>Aftale {reference} er underskrevet af alle parter og låst: ændringer sker som en ændring, så der er ingen udfyldelig version at sende.</translation>
    </message>
    <message>
        <source>Cannot read {path}: {reason}.</source>
        <translation>Kan ikke læse {path}: {reason}.</translation>
    </message>
    <message>
        <source>Cannot write to the folder {folder}: {reason}. Choose another folder; no agreement was written.</source>
        <translation>Kan ikke skrive i mappen {folder}: {reason}. Vælg en anden mappe; ingen aftale blev skrevet.</translation>
    </message>
    <message>
        <source>Cannot write {file} into {folder} ({reason}): it may be open in another program. {written} of {count} agreements were written.</source>
        <translation>Kan ikke skrive {file} i {folder} ({reason}): den er måske åben i et andet program. {written} af {count} aftaler blev skrevet.</translation>
    </message>
    <message>
        <source>Choose at least one change to accept.</source>
        <translation>Vælg mindst én ændring at acceptere.</translation>
    </message>
    <message>
        <source>The actual end is before the actual start.</source>
        <translation>Den faktiske slutning ligger før den faktiske start.</translation>
    </message>
    <message>
        <source>The agreement is not signed by all parties yet.</source>
        <translation>Aftalen er endnu ikke underskrevet af alle parter.</translation>
    </message>
    <message>
        <source>The deadline in the task &apos;{task}&apos; is not a date.</source>
        <translation>Fristen i opgaven &apos;{task}&apos; er ikke en dato.</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist; no agreement was written.</source>
        <translation>Mappen {folder} findes ikke; ingen aftale blev skrevet.</translation>
    </message>
    <message>
        <source>The returned {field} is longer than {limit} characters (it has {length}).</source>
        <translation>Det returnerede felt »{field}« er længere end {limit} tegn (det har {length}).</translation>
    </message>
    <message>
        <source>The {document} has not been sent for signature yet: no PDF to send.</source>
        <translation>{document} er endnu ikke sendt til underskrift: der er ingen PDF at sende.</translation>
    </message>
    <message>
        <source>The {document} is not signed by every party yet.</source>
        <translation>{document} er endnu ikke underskrevet af alle parter.</translation>
    </message>
    <message>
        <source>There is no placement &apos;{text}&apos; in this database.</source>
        <translation>Der er intet praktikophold &apos;{text}&apos; i denne database.</translation>
    </message>
    <message>
        <source>There is no placement with id {id}.</source>
        <translation>Der er intet praktikophold med id {id}.</translation>
    </message>
    <message>
        <source>This agreement document no longer exists.</source>
        <translation>Dette aftaledokument findes ikke længere.</translation>
    </message>
    <message>
        <source>This agreement version is no longer the current one: a later version replaced it, or it was deleted.</source>
        <translation>Denne version af aftalen er ikke længere den gældende: en senere version erstattede den, eller den blev slettet.</translation>
    </message>
    <message>
        <source>Write the mentor&apos;s evaluation of the trainee: Table D certifies it.</source>
        <translation>Skriv mentorens evaluering af praktikanten: Tabel D bekræfter den.</translation>
    </message>
    <message>
        <source>a questionnaire</source>
        <translation>et spørgeskema</translation>
    </message>
    <message>
        <source>a traineeship certificate</source>
        <translation>et praktikopholdsbevis</translation>
    </message>
    <message>
        <source>an agreement</source>
        <translation>en aftale</translation>
    </message>
    <message>
        <source>an amendment to an agreement</source>
        <translation>en ændring af en aftale</translation>
    </message>
    <message>
        <source>financial amount</source>
        <translation>støttebeløb</translation>
    </message>
    <message>
        <source>financial support</source>
        <translation>økonomisk støtte</translation>
    </message>
    <message>
        <source>host department</source>
        <translation>afdeling</translation>
    </message>
    <message>
        <source>host insurance</source>
        <translation>forsikring fra den modtagende organisation</translation>
    </message>
    <message>
        <source>in kind</source>
        <translation>naturalieydelser</translation>
    </message>
    <message>
        <source>mentor email</source>
        <translation>mentorens e-mail</translation>
    </message>
    <message>
        <source>mentor name</source>
        <translation>mentorens navn</translation>
    </message>
    <message>
        <source>mentor position</source>
        <translation>mentorens stilling</translation>
    </message>
    <message>
        <source>nothing of vipdesk</source>
        <translation>intet fra vipdesk</translation>
    </message>
    <message>
        <source>tasks</source>
        <translation>opgaver</translation>
    </message>
    <message>
        <source>{file} carries a damaged vipdesk reference.</source>
        <translation>{file} har en beskadiget vipdesk-reference.</translation>
    </message>
    <message>
        <source>{file} carries the reference {reference} with the placement id {theirs}, but {reference} here is placement {ours}: the file comes from another database, or its properties were changed.</source>
        <translation>{file} har referencen {reference} med praktikopholdets id {theirs}, men {reference} er her praktikophold {ours}: filen kommer fra en anden database, eller dens egenskaber er ændret.</translation>
    </message>
    <message>
        <source>{file} does not match version {version} of agreement {reference} as it was sent: it was made from other content.</source>
        <translation>{file} svarer ikke til version {version} af aftale {reference}, som den blev sendt: den er lavet ud fra andet indhold.</translation>
    </message>
    <message>
        <source>{file} is damaged and cannot be read as a PDF ({reason}).</source>
        <translation>{file} er beskadiget og kan ikke læses som PDF ({reason}).</translation>
    </message>
    <message>
        <source>{file} is damaged: its form fields cannot be read ({reason}).</source>
        <translation>{file} er beskadiget: dens formularfelter kan ikke læses ({reason}).</translation>
    </message>
    <message>
        <source>{file} is not a PDF file.</source>
        <translation>{file} er ikke en PDF-fil.</translation>
    </message>
    <message>
        <source>{file} is not {wanted} exported by vipdesk.</source>
        <translation>{file} er ikke vipdesk-eksporteret: forventet var {wanted}.</translation>
    </message>
    <message>
        <source>{file} is protected with a password; ask the sender for an unprotected copy.</source>
        <translation>{file} er beskyttet med en adgangskode; bed afsenderen om en ubeskyttet kopi.</translation>
    </message>
    <message>
        <source>{file} is the agreement of placement {theirs}, not of {ours}.</source>
        <translation>{file} er aftalen for praktikophold {theirs}, ikke for {ours}.</translation>
    </message>
    <message>
        <source>{file} is version {version} of agreement {reference}, which is not stored here: export the current version and send that.</source>
        <translation>{file} er version {version} af aftale {reference}, som ikke er gemt her: eksportér den gældende version og send den.</translation>
    </message>
    <message>
        <source>{file} is {found}, not {wanted} exported by vipdesk.</source>
        <translation>{file} er {found}; forventet var {wanted}, eksporteret af vipdesk.</translation>
    </message>
    <message>
        <source>{file} was changed after vipdesk exported it: its vipdesk identifiers say {now}, but the file as exported says {was}. It is refused.</source>
        <translation>{file} blev ændret, efter vipdesk eksporterede den: dens vipdesk-identifikatorer siger {now}, men filen som eksporteret siger {was}. Den afvises.</translation>
    </message>
    <message>
        <source>{file}: the signature in {field} does not hold: {verdict}. The file is not reviewed; ask for the file as it was signed.</source>
        <translation>{file}: underskriften i {field} holder ikke: {verdict}. Filen gennemgås ikke; bed om filen, som den blev underskrevet.</translation>
    </message>
    <message>
        <source>{one} or {other}</source>
        <translation>{one} eller {other}</translation>
    </message>
    <message>
        <source>{reference} (placement {id})</source>
        <translation>{reference} (praktikophold {id})</translation>
    </message>
    <message>
        <source>{file} asks a questionnaire vipdesk does not know.</source>
        <translation>{file} indeholder et spørgeskema, som vipdesk ikke kender.</translation>
    </message>
    <message>
        <source>{file} asks other questions than the {questionnaire} of {reference} as vipdesk has it (the file was altered, or the agreement&apos;s learning outcomes changed since it was sent): it is refused; send a new one.</source>
        <translation>{file} stiller andre spørgsmål end {questionnaire} for {reference}, som vipdesk har det (filen er ændret, eller aftalens læringsudbytte er ændret, siden den blev sendt): den afvises; send en ny.</translation>
    </message>
    <message>
        <source>{file} is a questionnaire of placement {reference}, which is not in this database.</source>
        <translation>{file} er et spørgeskema for praktikophold {reference}, som ikke findes i denne database.</translation>
    </message>
    <message>
        <source>{file} is a questionnaire of placement {theirs}, not of {ours}.</source>
        <translation>{file} er et spørgeskema for praktikophold {theirs}, ikke for {ours}.</translation>
    </message>
    <message>
        <source>{file} is in a language vipdesk does not know.</source>
        <translation>{file} er på et sprog, som vipdesk ikke kender.</translation>
    </message>
    <message>
        <source>{file} is not complete: {problems}</source>
        <translation>{file} er ikke udfyldt helt: {problems}</translation>
    </message>
    <message>
        <source>{file}: its form was altered: {problems}.</source>
        <translation>{file}: formularen er ændret: {problems}.</translation>
    </message>
    <message>
        <source>{file}: {problem}</source>
        <translation>{file}: {problem}</translation>
    </message>
    <message>
        <source>There is no work-list rule &apos;{key}&apos;.</source>
        <translation>Der findes ingen arbejdslisteregel &quot;{key}&quot;.</translation>
    </message>
    <message>
        <source>This deleted record can no longer be restored: someone restored it, or it was deleted more than 30 days ago.</source>
        <translation>Denne slettede post kan ikke længere gendannes: nogen har gendannet den, eller den blev slettet for mere end 30 dage siden.</translation>
    </message>
    <message>
        <source>{what} {name} cannot be restored: what it belongs to (a student, host, funding source or shared cost) was deleted since, or its reference was taken again. Nothing was changed.</source>
        <translation>{what} {name} kan ikke gendannes: det, den hører til (en studerende, en modtagende organisation, en finansieringskilde eller en delt udgift), er slettet siden, eller dens reference er taget igen. Intet blev ændret.</translation>
    </message>
    <message>
        <source>“{setting}”: choose from {least} to {most} days.</source>
        <translation>&quot;{setting}&quot;: vælg mellem {least} og {most} dage.</translation>
    </message>
    <message>
        <source>Synchronous contact as close as possible to meeting in person: video or web conferencing.</source>
        <translation>Synkron kontakt så tæt på et personligt møde som muligt: video- eller webkonference.</translation>
    </message>
    <message>
        <source>Where the student asks quickly and gets an answer within the agreed reply time.</source>
        <translation>Hvor den studerende hurtigt kan spørge og få svar inden for den aftalte svartid.</translation>
    </message>
    <message>
        <source>Asynchronous and archived: reports, feedback, agreements.</source>
        <translation>Asynkront og arkiveret: rapporter, feedback, aftaler.</translation>
    </message>
    <message>
        <source>One place where work in progress and deliverables live.</source>
        <translation>Ét sted, hvor igangværende arbejde og leverancer ligger.</translation>
    </message>
    <message>
        <source>A blog or e-portfolio: it also serves the final assessment.</source>
        <translation>En blog eller e-portfolio: den bruges også til den afsluttende bedømmelse.</translation>
    </message>
    <message>
        <source>Space for informal contact with co-workers: a team channel, a virtual coffee.</source>
        <translation>Plads til uformel kontakt med kolleger: en teamkanal, en virtuel kaffe.</translation>
    </message>
    <message>
        <source>A low-bandwidth way to reach each other: a phone call can beat the trendy app.</source>
        <translation>En måde at nå hinanden på med lav båndbredde: et telefonopkald kan slå den smarte app.</translation>
    </message>
    <message>
        <source>Common in companies and universities; guests need an invitation to the host&apos;s tenant.</source>
        <translation>Almindelig i virksomheder og på universiteter; gæster skal inviteres til værtsorganisationens lejer.</translation>
    </message>
    <message>
        <source>Joins from a link; some companies block it or allow only their own licence.</source>
        <translation>Tilslutning via et link; nogle virksomheder blokerer det eller tillader kun deres egen licens.</translation>
    </message>
    <message>
        <source>Runs in the browser; often blocked where a company standardises on Microsoft.</source>
        <translation>Kører i browseren; ofte blokeret, hvor en virksomhed har standardiseret på Microsoft.</translation>
    </message>
    <message>
        <source>Open source, no account, runs in the browser; quality depends on the server used.</source>
        <translation>Open source, ingen konto, kører i browseren; kvaliteten afhænger af den anvendte server.</translation>
    </message>
    <message>
        <source>Frequent in larger companies; joins from a link.</source>
        <translation>Udbredt i større virksomheder; tilslutning via et link.</translation>
    </message>
    <message>
        <source>Channels per topic suit questions and non-task talk; the student needs an invitation to the workspace.</source>
        <translation>Kanaler pr. emne passer til spørgsmål og snak uden for opgaverne; den studerende skal inviteres til arbejdsområdet.</translation>
    </message>
    <message>
        <source>Everybody has it and it works on weak connections, but it mixes private and work life and uses private phone numbers.</source>
        <translation>Alle har det, og det virker på svage forbindelser, men det blander privatliv og arbejdsliv og bruger private telefonnumre.</translation>
    </message>
    <message>
        <source>Private by design; uses private phone numbers.</source>
        <translation>Privat fra starten; bruger private telefonnumre.</translation>
    </message>
    <message>
        <source>Asynchronous, archived, works on any connection: the default for reports and formal exchange.</source>
        <translation>Asynkront, arkiveret, virker på enhver forbindelse: standarden for rapporter og formel udveksling.</translation>
    </message>
    <message>
        <source>Works when the internet does not; mind the cost of international calls.</source>
        <translation>Virker, når internettet ikke gør; vær opmærksom på prisen for internationale opkald.</translation>
    </message>
    <message>
        <source>The institution&apos;s learning platform: assignments, feedback and an archive for the assessment; host staff need guest access.</source>
        <translation>Institutionens læringsplatform: opgaver, feedback og et arkiv til bedømmelsen; værtsorganisationens ansatte skal have gæsteadgang.</translation>
    </message>
    <message>
        <source>The host&apos;s document store; external users need to be invited.</source>
        <translation>Værtsorganisationens dokumentlager; eksterne brugere skal inviteres.</translation>
    </message>
    <message>
        <source>Easy sharing by link; check whether the host allows company data there.</source>
        <translation>Nem deling via link; undersøg, om værtsorganisationen tillader virksomhedsdata der.</translation>
    </message>
    <message>
        <source>Self-hosted by many universities; guests can be given links or accounts.</source>
        <translation>Drives selv af mange universiteter; gæster kan få links eller konti.</translation>
    </message>
    <message>
        <source>E-portfolio often run next to Moodle; the student decides what mentor and tutor see.</source>
        <translation>E-portfolio, ofte kørt ved siden af Moodle; den studerende bestemmer, hvad mentor og vejleder ser.</translation>
    </message>
    <message>
        <source>A reflection blog, private or shared with tutor and mentor.</source>
        <translation>En refleksionsblog, privat eller delt med vejleder og mentor.</translation>
    </message>
    <message>
        <source>Telephone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Moodle (the university&apos;s LMS)</source>
        <translation>Moodle (universitetets læringsplatform)</translation>
    </message>
    <message>
        <source>Mahara e-portfolio</source>
        <translation>Mahara e-portfolio</translation>
    </message>
    <message>
        <source>Blog (e.g. WordPress)</source>
        <translation>Blog (f.eks. WordPress)</translation>
    </message>
    <message>
        <source>Search students</source>
        <translation>Søg studerende</translation>
    </message>
    <message>
        <source>Search students…</source>
        <translation>Søg studerende…</translation>
    </message>
    <message>
        <source>The students, one per row; Enter opens one</source>
        <translation>De studerende, én pr. række; Enter åbner den valgte</translation>
    </message>
    <message>
        <source>Students not loaded</source>
        <translation>Studerende ikke indlæst</translation>
    </message>
    <message>
        <source>Cannot open the student</source>
        <translation>Kan ikke åbne den studerende</translation>
    </message>
    <message>
        <source>Delete student</source>
        <translation>Slet studerende</translation>
    </message>
    <message>
        <source>Student not deleted</source>
        <translation>Den studerende er ikke slettet</translation>
    </message>
    <message>
        <source>No students yet — press New… to add one</source>
        <translation>Ingen studerende endnu — tryk på Ny… for at tilføje en</translation>
    </message>
    <message>
        <source>No students match “{text}”.</source>
        <translation>Ingen studerende matcher “{text}”.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln student(s)</source>
        <translation>
            <numerusform>%Ln studerende</numerusform>
            <numerusform>%Ln studerende</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln student(s)</source>
        <translation>
            <numerusform>{shown} af %Ln studerende</numerusform>
            <numerusform>{shown} af %Ln studerende</numerusform>
        </translation>
    </message>
    <message>
        <source>Search host organisations</source>
        <translation>Søg modtagende organisationer</translation>
    </message>
    <message>
        <source>Search host organisations…</source>
        <translation>Søg modtagende organisationer…</translation>
    </message>
    <message>
        <source>Host organisations</source>
        <translation>Modtagende organisationer</translation>
    </message>
    <message>
        <source>The host organisations, one per row; Enter opens one</source>
        <translation>De modtagende organisationer, én pr. række; Enter åbner den valgte</translation>
    </message>
    <message>
        <source>Host organisations not loaded</source>
        <translation>Modtagende organisationer ikke indlæst</translation>
    </message>
    <message>
        <source>Cannot open the organisation</source>
        <translation>Kan ikke åbne organisationen</translation>
    </message>
    <message>
        <source>Delete organisation</source>
        <translation>Slet organisation</translation>
    </message>
    <message>
        <source>Organisation not deleted</source>
        <translation>Organisationen er ikke slettet</translation>
    </message>
    <message>
        <source>No host organisations yet — press New… to add one</source>
        <translation>Ingen modtagende organisationer endnu — tryk på Ny… for at tilføje en</translation>
    </message>
    <message>
        <source>No host organisations match “{text}”.</source>
        <translation>Ingen modtagende organisationer matcher “{text}”.</translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln host organisation(s)</source>
        <translation>
            <numerusform>{shown} af %Ln modtagende organisation</numerusform>
            <numerusform>{shown} af %Ln modtagende organisationer</numerusform>
        </translation>
    </message>
    <message>
        <source>Search contacts</source>
        <translation>Søg kontakter</translation>
    </message>
    <message>
        <source>Search contacts…</source>
        <translation>Søg kontakter…</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Kontakter</translation>
    </message>
    <message>
        <source>The contacts, one per row; Enter opens one</source>
        <translation>Kontakterne, én pr. række; Enter åbner den valgte</translation>
    </message>
    <message>
        <source>Contacts not loaded</source>
        <translation>Kontakter ikke indlæst</translation>
    </message>
    <message>
        <source>Cannot open the contact</source>
        <translation>Kan ikke åbne kontakten</translation>
    </message>
    <message>
        <source>Delete contact</source>
        <translation>Slet kontakt</translation>
    </message>
    <message>
        <source>Contact not deleted</source>
        <translation>Kontakten er ikke slettet</translation>
    </message>
    <message>
        <source>No contacts yet — press New… to add one</source>
        <translation>Ingen kontakter endnu — tryk på Ny… for at tilføje en</translation>
    </message>
    <message>
        <source>No contacts match “{text}”.</source>
        <translation>Ingen kontakter matcher “{text}”.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln contact(s)</source>
        <translation>
            <numerusform>%Ln kontakt</numerusform>
            <numerusform>%Ln kontakter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln contact(s)</source>
        <translation>
            <numerusform>{shown} af %Ln kontakt</numerusform>
            <numerusform>{shown} af %Ln kontakter</numerusform>
        </translation>
    </message>
    <message>
        <source>Search institutions</source>
        <translation>Søg institutioner</translation>
    </message>
    <message>
        <source>Search institutions…</source>
        <translation>Søg institutioner…</translation>
    </message>
    <message>
        <source>Institutions</source>
        <translation>Institutioner</translation>
    </message>
    <message>
        <source>The institutions, one per row; Enter opens one</source>
        <translation>Institutionerne, én pr. række; Enter åbner den valgte</translation>
    </message>
    <message>
        <source>Institutions not loaded</source>
        <translation>Institutioner ikke indlæst</translation>
    </message>
    <message>
        <source>Cannot open the institution</source>
        <translation>Kan ikke åbne institutionen</translation>
    </message>
    <message>
        <source>Delete institution</source>
        <translation>Slet institution</translation>
    </message>
    <message>
        <source>Institution not deleted</source>
        <translation>Institutionen er ikke slettet</translation>
    </message>
    <message>
        <source>No institutions yet — press New… to add one</source>
        <translation>Ingen institutioner endnu — tryk på Ny… for at tilføje en</translation>
    </message>
    <message>
        <source>No institutions match “{text}”.</source>
        <translation>Ingen institutioner matcher “{text}”.</translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln institution(s)</source>
        <translation>
            <numerusform>{shown} af %Ln institution</numerusform>
            <numerusform>{shown} af %Ln institutioner</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln question(s) still need an answer, the first: “{question}”</source>
        <translation>
            <numerusform>%Ln spørgsmål mangler stadig svar: “{question}”</numerusform>
            <numerusform>%Ln spørgsmål mangler stadig svar, det første: “{question}”</numerusform>
        </translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date. Type it as YYYY-MM-DD, e.g. 2026-03-01.</source>
        <translation>&apos;{text}&apos; er ikke en dato. Skriv den som ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ, f.eks. 2026-03-01 eller 1.3.2026.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number of credits; type e.g. 15 or 7.5.</source>
        <translation>&apos;{text}&apos; er ikke et antal point; skriv f.eks. 15 eller 7,5.</translation>
    </message>
</context>
</TS>
