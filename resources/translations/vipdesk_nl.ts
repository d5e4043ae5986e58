<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name></name>
    <message>
        <source>Cannot read {name}: {value}.</source>
        <translation>Kan {name} niet lezen: {value}.</translation>
    </message>
    <message>
        <source>Draft agreement</source>
        <translation>Conceptovereenkomst</translation>
    </message>
    <message>
        <source>Save the final PDF</source>
        <translation>Definitieve PDF opslaan</translation>
    </message>
    <message>
        <source>Save the PDF</source>
        <translation>PDF opslaan</translation>
    </message>
    <message>
        <source>{reference} {title} for HR.pdf</source>
        <translation>{reference} {title} voor HR.pdf</translation>
    </message>
    <message>
        <source>Save the fillable PDF for HR</source>
        <translation>Invulbare PDF voor HR opslaan</translation>
    </message>
    <message>
        <source>Choose the PDF returned by HR</source>
        <translation>Kies de door HR teruggestuurde PDF</translation>
    </message>
    <message>
        <source>Import returned PDF</source>
        <translation>Teruggestuurde PDF importeren</translation>
    </message>
    <message>
        <source>Choose a PDF to verify</source>
        <translation>Kies een PDF om te verifiëren</translation>
    </message>
    <message>
        <source>Verify a PDF</source>
        <translation>Een PDF verifiëren</translation>
    </message>
    <message>
        <source>This placement</source>
        <translation>Deze stage</translation>
    </message>
    <message>
        <source>Signed by every party</source>
        <translation>Ondertekend door alle partijen</translation>
    </message>
    <message>
        <source>{title} is signed by every party and locked. Its final PDF is archived with SHA-256 {final_sha256}.</source>
        <translation>{title} is door alle partijen ondertekend en vergrendeld. De definitieve PDF is gearchiveerd met SHA-256 {final_sha256}.</translation>
    </message>
    <message>
        <source>Save scan</source>
        <translation>Scan opslaan</translation>
    </message>
    <message>
        <source>Save the scan</source>
        <translation>De scan opslaan</translation>
    </message>
    <message>
        <source>No placement is selected</source>
        <translation>Er is geen stage geselecteerd</translation>
    </message>
    <message numerus="yes">
        <source>%Ln placement(s)</source>
        <translation>
            <numerusform>%Ln stage</numerusform>
            <numerusform>%Ln stages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The %Ln selected placement(s)</source>
        <translation>
            <numerusform>De %Ln geselecteerde stage</numerusform>
            <numerusform>De %Ln geselecteerde stages</numerusform>
        </translation>
    </message>
    <message>
        <source>The agreements were not exported</source>
        <translation>De overeenkomsten zijn niet geëxporteerd</translation>
    </message>
    <message>
        <source>Cancelled: no agreement was written, the folder is as it was.</source>
        <translation>Geannuleerd: er is geen overeenkomst geschreven, de map is ongewijzigd.</translation>
    </message>
    <message>
        <source>Export agreements</source>
        <translation>Overeenkomsten exporteren</translation>
    </message>
    <message>
        <source>The {count} shown with an agreement on file</source>
        <translation>De {count} getoonde stages met een overeenkomst in het dossier</translation>
    </message>
    <message>
        <source>The {count} shown in the list</source>
        <translation>De {count} getoonde stages in de lijst</translation>
    </message>
    <message>
        <source> ({missing:,} drafted from their records)</source>
        <translation> ({missing:,} opgesteld uit hun gegevens)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Kiezen…</translation>
    </message>
    <message>
        <source>Fillable: the host&apos;s part as form fields, for HR to complete</source>
        <translation>Invulbaar: het deel van de ontvangende organisatie als formuliervelden, in te vullen door HR</translation>
    </message>
    <message>
        <source>Agreements of</source>
        <translation>Overeenkomsten van</translation>
    </message>
    <message>
        <source>Save into</source>
        <translation>Opslaan in</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Variant</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Map openen</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporteren</translation>
    </message>
    <message>
        <source>One PDF per placement, named by its reference (e.g. VIP-2027-00042.pdf), ready to send for signature. If you cancel, the folder is left as it was.</source>
        <translation>Eén PDF per stage, genoemd naar het kenmerk (bijv. VIP-2027-00042.pdf), klaar om ter ondertekening te versturen. Als u annuleert, blijft de map ongewijzigd.</translation>
    </message>
    <message>
        <source>Save the agreements into</source>
        <translation>De overeenkomsten opslaan in</translation>
    </message>
    <message>
        <source>Choose the folder to save the agreements into.</source>
        <translation>Kies de map waarin de overeenkomsten worden opgeslagen.</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>De map {folder} bestaat niet.</translation>
    </message>
    <message>
        <source>There is no placement to export.</source>
        <translation>Er is geen stage om te exporteren.</translation>
    </message>
    <message>
        <source>Writing the agreements of {count}…</source>
        <translation>De overeenkomsten van {count} stages worden geschreven…</translation>
    </message>
    <message>
        <source>Exporting agreements</source>
        <translation>Overeenkomsten exporteren</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %Ln agreement(s) to {folder}.</source>
        <translation>
            <numerusform>%Ln overeenkomst naar {folder} geschreven.</numerusform>
            <numerusform>%Ln overeenkomsten naar {folder} geschreven.</numerusform>
        </translation>
    </message>
    <message>
        <source>{replaced:,} of them replaced earlier files of the same name.</source>
        <translation>Daarvan vervingen er {replaced:,} eerdere bestanden met dezelfde naam.</translation>
    </message>
    <message>
        <source>{count} had been deleted meanwhile and were left out.</source>
        <translation>{count} waren intussen verwijderd en zijn weggelaten.</translation>
    </message>
    <message>
        <source>Returned PDF — {name}</source>
        <translation>Teruggestuurde PDF — {name}</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;{name}&lt;/b&gt; differs from the agreement in %n field(s). Tick the changes to accept: they become a new version to send again; the others are left as they are.</source>
        <translation>
            <numerusform>&lt;b&gt;{name}&lt;/b&gt; wijkt in %n veld af van de overeenkomst. Vink de wijzigingen aan die u accepteert: ze worden een nieuwe versie om opnieuw te versturen; de andere blijven ongewijzigd.</numerusform>
            <numerusform>&lt;b&gt;{name}&lt;/b&gt; wijkt in %n velden af van de overeenkomst. Vink de wijzigingen aan die u accepteert: ze worden een nieuwe versie om opnieuw te versturen; de andere blijven ongewijzigd.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; changes no field of the agreement.</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; wijzigt geen enkel veld van de overeenkomst.</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Veld</translation>
    </message>
    <message>
        <source>In vipdesk</source>
        <translation>In vipdesk</translation>
    </message>
    <message>
        <source>In the returned PDF</source>
        <translation>In de teruggestuurde PDF</translation>
    </message>
    <message>
        <source>Signed digitally in this file: &lt;b&gt;{who}&lt;/b&gt;.</source>
        <translation>Digitaal ondertekend in dit bestand: &lt;b&gt;{who}&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Nobody signed this file digitally.</source>
        <translation>Niemand heeft dit bestand digitaal ondertekend.</translation>
    </message>
    <message>
        <source>Record the {value}&apos;s digital signature</source>
        <translation>Digitale handtekening van de {value} vastleggen</translation>
    </message>
    <message>
        <source>&amp;Accept selected</source>
        <translation>Selectie &amp;accepteren</translation>
    </message>
    <message>
        <source>Amend the agreement</source>
        <translation>De overeenkomst wijzigen</translation>
    </message>
    <message>
        <source>The signed agreement stays as it is. An amendment records what changes during the placement; all three parties sign it.</source>
        <translation>De ondertekende overeenkomst blijft zoals ze is. Een wijziging legt vast wat er tijdens de stage verandert; alle drie de partijen ondertekenen haar.</translation>
    </message>
    <message>
        <source>e.g. The project moved to a new team; hours reduced.</source>
        <translation>bijv. Het project is naar een nieuw team verhuisd; uren verminderd.</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reden</translation>
    </message>
    <message>
        <source>&amp;Start amendment</source>
        <translation>&amp;Wijziging starten</translation>
    </message>
    <message>
        <source>Traineeship certificate</source>
        <translation>Stagecertificaat</translation>
    </message>
    <message>
        <source>The certificate states what really happened. When did the traineeship actually start and end?</source>
        <translation>Het certificaat vermeldt wat er werkelijk is gebeurd. Wanneer is de stage werkelijk begonnen en geëindigd?</translation>
    </message>
    <message>
        <source>Actual start</source>
        <translation>Werkelijke start</translation>
    </message>
    <message>
        <source>Actual end</source>
        <translation>Werkelijk einde</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;Doorgaan</translation>
    </message>
    <message>
        <source>Traineeship certificate {version} — {reference}</source>
        <translation>Stagecertificaat {version} — {reference}</translation>
    </message>
    <message>
        <source> (read only)</source>
        <translation> (alleen-lezen)</translation>
    </message>
    <message>
        <source>&lt;b&gt;{trainee_name}&lt;/b&gt; at &lt;b&gt;{host_name}&lt;/b&gt;&lt;br&gt;Planned {planned_start} – {planned_end}, {hours_per_week} h/week, {label}</source>
        <translation>&lt;b&gt;{trainee_name}&lt;/b&gt; bij &lt;b&gt;{host_name}&lt;/b&gt;&lt;br&gt;Gepland {planned_start} – {planned_end}, {hours_per_week} u/week, {label}</translation>
    </message>
    <message>
        <source>One task per line</source>
        <translation>Eén taak per regel</translation>
    </message>
    <message>
        <source>One learning outcome per line</source>
        <translation>Eén leerresultaat per regel</translation>
    </message>
    <message>
        <source>The mentor&apos;s evaluation of the trainee</source>
        <translation>De evaluatie van de stagiair door de mentor</translation>
    </message>
    <message>
        <source>Overall assessment or suggested grade (optional)</source>
        <translation>Algemene beoordeling of voorgesteld cijfer (optioneel)</translation>
    </message>
    <message>
        <source>Tasks carried out</source>
        <translation>Uitgevoerde taken</translation>
    </message>
    <message>
        <source>Learning outcomes achieved</source>
        <translation>Behaalde leerresultaten</translation>
    </message>
    <message>
        <source>Mentor&apos;s evaluation</source>
        <translation>Evaluatie door de mentor</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>Beoordeling</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Opslaan</translation>
    </message>
    <message>
        <source>Start a new version?</source>
        <translation>Nieuwe versie starten?</translation>
    </message>
    <message>
        <source>Start version {value} as a copy of {title}? Version {number} is then superseded: no more signatures are recorded on it, and the new version is sent for signature again.</source>
        <translation>Versie {value} starten als kopie van {title}? Versie {number} is dan vervangen: er worden geen handtekeningen meer op vastgelegd en de nieuwe versie wordt opnieuw ter ondertekening verstuurd.</translation>
    </message>
    <message>
        <source>New version</source>
        <translation>Nieuwe versie</translation>
    </message>
    <message>
        <source>&amp;Draft agreement…</source>
        <translation>Overeenkomst &amp;opstellen…</translation>
    </message>
    <message>
        <source>&amp;View…</source>
        <translation>&amp;Bekijken…</translation>
    </message>
    <message>
        <source>Se&amp;nd for signature…</source>
        <translation>Ter o&amp;ndertekening versturen…</translation>
    </message>
    <message>
        <source>&amp;Record signature…</source>
        <translation>&amp;Handtekening vastleggen…</translation>
    </message>
    <message>
        <source>Dec&amp;line…</source>
        <translation>A&amp;fwijzen…</translation>
    </message>
    <message>
        <source>Save sc&amp;an…</source>
        <translation>Sc&amp;an opslaan…</translation>
    </message>
    <message>
        <source>Save &amp;PDF…</source>
        <translation>&amp;PDF opslaan…</translation>
    </message>
    <message>
        <source>&amp;Fillable PDF for HR…</source>
        <translation>&amp;Invulbare PDF voor HR…</translation>
    </message>
    <message>
        <source>Send &amp;by e-mail…</source>
        <translation>Per &amp;e-mail versturen…</translation>
    </message>
    <message>
        <source>&amp;Import returned PDF…</source>
        <translation>&amp;Teruggestuurde PDF importeren…</translation>
    </message>
    <message>
        <source>Ne&amp;w version</source>
        <translation>Nieu&amp;we versie</translation>
    </message>
    <message>
        <source>A&amp;mend…</source>
        <translation>Wij&amp;zigen…</translation>
    </message>
    <message>
        <source>&amp;Certificate…</source>
        <translation>&amp;Certificaat…</translation>
    </message>
    <message>
        <source>V&amp;erify a PDF…</source>
        <translation>PDF v&amp;erifiëren…</translation>
    </message>
    <message>
        <source>&lt;b&gt;No agreement yet&lt;/b&gt; — &lt;i&gt;Draft the agreement…&lt;/i&gt; starts version 1 from the placement&apos;s records: parties, dates, tasks, tools and the communication protocol.</source>
        <translation>&lt;b&gt;Nog geen overeenkomst&lt;/b&gt; — &lt;i&gt;Overeenkomst opstellen…&lt;/i&gt; start versie 1 uit de gegevens van de stage: partijen, data, taken, tools en het communicatieprotocol.</translation>
    </message>
    <message>
        <source>Send it for signature first; then e-mail it to each party.</source>
        <translation>Verstuur haar eerst ter ondertekening; e-mail haar daarna naar elke partij.</translation>
    </message>
    <message>
        <source>A later version replaced it.</source>
        <translation>Een latere versie heeft haar vervangen.</translation>
    </message>
    <message>
        <source>Select a document in the list first.</source>
        <translation>Selecteer eerst een document in de lijst.</translation>
    </message>
    <message>
        <source>Draft the agreement first.</source>
        <translation>Stel eerst de overeenkomst op.</translation>
    </message>
    <message>
        <source>No agreement version is open: a returned PDF has nothing to change.</source>
        <translation>Er is geen versie van de overeenkomst geopend: een teruggestuurde PDF heeft niets te wijzigen.</translation>
    </message>
    <message>
        <source>Only once the agreement is signed by every party and locked.</source>
        <translation>Pas wanneer de overeenkomst door alle partijen is ondertekend en vergrendeld.</translation>
    </message>
    <message>
        <source>There is no version to replace yet.</source>
        <translation>Er is nog geen versie om te vervangen.</translation>
    </message>
    <message>
        <source>It is out for signature: start a new version to change it.</source>
        <translation>Ze is ter ondertekening verstuurd: start een nieuwe versie om haar te wijzigen.</translation>
    </message>
    <message>
        <source>It is signed and locked: changes are amendments.</source>
        <translation>Ze is ondertekend en vergrendeld: wijzigingen zijn amendementen.</translation>
    </message>
    <message>
        <source>It is not out for signature.</source>
        <translation>Ze is niet ter ondertekening verstuurd.</translation>
    </message>
    <message>
        <source>It has no PDF until it is sent for signature.</source>
        <translation>Ze heeft geen PDF totdat ze ter ondertekening wordt verstuurd.</translation>
    </message>
    <message>
        <source>Only agreement versions go to HR as a fillable PDF.</source>
        <translation>Alleen versies van de overeenkomst gaan als invulbare PDF naar HR.</translation>
    </message>
    <message>
        <source>Only a draft or a version out for signature goes to HR.</source>
        <translation>Alleen een concept of een versie die ter ondertekening is verstuurd, gaat naar HR.</translation>
    </message>
    <message>
        <source>Select a paper signature (scan attached) in the signatures table.</source>
        <translation>Selecteer een papieren handtekening (met scan) in de tabel met handtekeningen.</translation>
    </message>
    <message>
        <source>Only an agreement version out for signature is replaced.</source>
        <translation>Alleen een versie van de overeenkomst die ter ondertekening is verstuurd, wordt vervangen.</translation>
    </message>
    <message>
        <source>Save the placement first to draft its agreement.</source>
        <translation>Sla de stage eerst op om de overeenkomst op te stellen.</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Verstuurd</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Vergrendeld</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Agreement versions</source>
        <translation>Versies van de overeenkomst</translation>
    </message>
    <message>
        <source>Each version of the agreement, its state and date</source>
        <translation>Elke versie van de overeenkomst, met staat en datum</translation>
    </message>
    <message>
        <source>Party</source>
        <translation>Partij</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Ondertekend door</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Functie</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>Vastgelegd door</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>Handtekeningen</translation>
    </message>
    <message>
        <source>Who signed the chosen version, when and how</source>
        <translation>Wie de gekozen versie heeft ondertekend, wanneer en hoe</translation>
    </message>
    <message>
        <source>M&amp;ore</source>
        <translation>M&amp;eer</translation>
    </message>
    <message>
        <source>Every action on the agreement, and why some cannot be done now</source>
        <translation>Alle acties op de overeenkomst, en waarom sommige nu niet kunnen</translation>
    </message>
    <message>
        <source>Edit &amp;draft…</source>
        <translation>&amp;Concept bewerken…</translation>
    </message>
    <message>
        <source>Why: {note}</source>
        <translation>Waarom: {note}</translation>
    </message>
    <message>
        <source>Not sent yet: the signatures are recorded once it is out for signature.</source>
        <translation>Nog niet verstuurd: de handtekeningen worden vastgelegd zodra ze ter ondertekening is verstuurd.</translation>
    </message>
    <message>
        <source>Signing order: {order_text}</source>
        <translation>Volgorde van ondertekening: {order_text}</translation>
    </message>
    <message>
        <source>Next to sign: &lt;b&gt;{value}&lt;/b&gt;</source>
        <translation>Volgende ondertekenaar: &lt;b&gt;{value}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{hex_of}&apos;&gt;Declined by the {party_label}: {reason}&lt;/span&gt; — start a new version to rework it.</source>
        <translation>&lt;span style=&apos;color:{hex_of}&apos;&gt;Afgewezen door de {party_label}: {reason}&lt;/span&gt; — start een nieuwe versie om haar te herzien.</translation>
    </message>
    <message>
        <source>SHA-256 of the final PDF: &lt;tt&gt;{final_sha256}&lt;/tt&gt;</source>
        <translation>SHA-256 van de definitieve PDF: &lt;tt&gt;{final_sha256}&lt;/tt&gt;</translation>
    </message>
    <message>
        <source>Send {title} for signature</source>
        <translation>{title} ter ondertekening versturen</translation>
    </message>
    <message>
        <source>&lt;b&gt;{title}&lt;/b&gt; is frozen when it is sent: its PDF is made and each party signs it in turn. Choose the order in which the parties sign.</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt; wordt bij verzending bevroren: de PDF wordt gemaakt en elke partij ondertekent om de beurt. Kies de volgorde waarin de partijen ondertekenen.</translation>
    </message>
    <message>
        <source>Signing order</source>
        <translation>Volgorde van ondertekening</translation>
    </message>
    <message>
        <source>Who signs first, second, third</source>
        <translation>Wie als eerste, tweede, derde ondertekent</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Om&amp;hoog</translation>
    </message>
    <message>
        <source>Move d&amp;own</source>
        <translation>Om&amp;laag</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Versturen</translation>
    </message>
    <message>
        <source>Order: {order_text}</source>
        <translation>Volgorde: {order_text}</translation>
    </message>
    <message>
        <source>Not sent — please correct first:
</source>
        <translation>Niet verstuurd — corrigeer eerst:
</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF-documenten (*.pdf)</translation>
    </message>
    <message>
        <source>Scans (*.pdf *.png *.jpg *.jpeg)</source>
        <translation>Scans (*.pdf *.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Certificates with their key (*.p12 *.pfx)</source>
        <translation>Certificaten met sleutel (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>&amp;Typed approval (by e-mail or letter)</source>
        <translation>&amp;Getypte goedkeuring (per e-mail of brief)</translation>
    </message>
    <message>
        <source>&amp;Paper signature, with a scan of the signed page</source>
        <translation>&amp;Papieren handtekening, met een scan van de ondertekende pagina</translation>
    </message>
    <message>
        <source>Digital: a PDF &amp;returned signed</source>
        <translation>Digitaal: een ondertekend &amp;teruggestuurde PDF</translation>
    </message>
    <message>
        <source>Digital: sign &amp;here with a certificate (.p12)</source>
        <translation>Digitaal: &amp;hier ondertekenen met een certificaat (.p12)</translation>
    </message>
    <message>
        <source>Record signature — {value}</source>
        <translation>Handtekening vastleggen — {value}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{value}&lt;/b&gt; signs &lt;b&gt;{title}&lt;/b&gt;. How did they sign?</source>
        <translation>&lt;b&gt;{value}&lt;/b&gt; ondertekent &lt;b&gt;{title}&lt;/b&gt;. Hoe is er ondertekend?</translation>
    </message>
    <message>
        <source>Choose the file…</source>
        <translation>Kies het bestand…</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Bladeren…</translation>
    </message>
    <message>
        <source>Used once to sign; never stored</source>
        <translation>Eenmalig gebruikt om te ondertekenen; nooit opgeslagen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>Date signed</source>
        <translation>Datum van ondertekening</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Wachtwoordzin</translation>
    </message>
    <message>
        <source>&amp;Sign</source>
        <translation>&amp;Ondertekenen</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>&amp;Vastleggen</translation>
    </message>
    <message>
        <source>Choose the file.</source>
        <translation>Kies het bestand.</translation>
    </message>
    <message>
        <source>Record an unconfirmed signer?</source>
        <translation>Niet-bevestigde ondertekenaar vastleggen?</translation>
    </message>
    <message>
        <source>{exc}

Record this signature only if you have confirmed who signed (for example by telephone). Your confirmation and the reason are kept in the placement&apos;s history.</source>
        <translation>{exc}

Leg deze handtekening alleen vast als u hebt bevestigd wie heeft ondertekend (bijvoorbeeld telefonisch). Uw bevestiging en de reden worden bewaard in de geschiedenis van de stage.</translation>
    </message>
    <message>
        <source>Decline — {title}</source>
        <translation>Afwijzen — {title}</translation>
    </message>
    <message>
        <source>A decline is recorded with its reason and &lt;b&gt;resets every other signature&lt;/b&gt; on {title}, digital ones included. Start a new version to change the text.</source>
        <translation>Een afwijzing wordt met reden vastgelegd en &lt;b&gt;zet alle andere handtekeningen terug&lt;/b&gt; op {title}, ook digitale. Start een nieuwe versie om de tekst te wijzigen.</translation>
    </message>
    <message>
        <source>What the party wants changed, in their words</source>
        <translation>Wat de partij gewijzigd wil zien, in eigen woorden</translation>
    </message>
    <message>
        <source>&amp;Decline</source>
        <translation>&amp;Afwijzen</translation>
    </message>
    <message>
        <source>Say why the party declines.</source>
        <translation>Geef aan waarom de partij afwijst.</translation>
    </message>
    <message>
        <source>Record the decline?</source>
        <translation>Afwijzing vastleggen?</translation>
    </message>
    <message>
        <source>Record that the {value} declines? Every signature recorded so far on this version is reset.</source>
        <translation>Vastleggen dat de {value} afwijst? Alle handtekeningen die tot nu toe op deze versie zijn vastgelegd, worden teruggezet.</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der);;All files (*)</source>
        <translation>Certificaten (*.pem *.crt *.cer *.der);;Alle bestanden (*)</translation>
    </message>
    <message>
        <source>Trusted certificates</source>
        <translation>Vertrouwde certificaten</translation>
    </message>
    <message>
        <source>Signatures whose certificate was issued by one of these authorities are confirmed when the signer&apos;s name matches the person recorded for that party.</source>
        <translation>Handtekeningen waarvan het certificaat door een van deze instanties is uitgegeven, worden bevestigd als de naam van de ondertekenaar overeenkomt met de persoon die voor die partij is vastgelegd.</translation>
    </message>
    <message>
        <source>The authorities whose signatures count as confirmed</source>
        <translation>De instanties waarvan de handtekeningen als bevestigd gelden</translation>
    </message>
    <message>
        <source>No certificate is trusted yet: signers are confirmed only by the certificate accepted before for them.</source>
        <translation>Nog geen certificaat vertrouwd: ondertekenaars worden alleen bevestigd door het certificaat dat eerder voor hen is geaccepteerd.</translation>
    </message>
    <message>
        <source>&amp;Add certificate file…</source>
        <translation>Certificaatbestand &amp;toevoegen…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Verwijderen</translation>
    </message>
    <message>
        <source>Trusted from now on: {names}.</source>
        <translation>Vanaf nu vertrouwd: {names}.</translation>
    </message>
    <message>
        <source>Trust a certificate</source>
        <translation>Een certificaat vertrouwen</translation>
    </message>
    <message>
        <source>Trust this certificate no longer?

{text}</source>
        <translation>Dit certificaat niet langer vertrouwen?

{text}</translation>
    </message>
    <message>
        <source>&lt;b&gt;DAMAGED signature&lt;/b&gt;</source>
        <translation>&lt;b&gt;BESCHADIGDE handtekening&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;ALTERED after signing by {signer}&lt;/b&gt;: </source>
        <translation>&lt;b&gt;GEWIJZIGD na ondertekening door {signer}&lt;/b&gt;: </translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;small&gt;{organisation}issued by {issuer}&lt;br&gt;valid {valid_from} to {valid_until}&lt;br&gt;SHA-256 {value}&lt;br&gt;{value2}&lt;/small&gt;</source>
        <translation>&lt;br&gt;&lt;small&gt;{organisation}uitgegeven door {issuer}&lt;br&gt;geldig van {valid_from} tot {valid_until}&lt;br&gt;SHA-256 {value}&lt;br&gt;{value2}&lt;/small&gt;</translation>
    </message>
    <message>
        <source>intact, but &lt;b&gt;signer NOT CONFIRMED&lt;/b&gt;: {reasons}</source>
        <translation>intact, maar &lt;b&gt;ondertekenaar NIET BEVESTIGD&lt;/b&gt;: {reasons}</translation>
    </message>
    <message>
        <source>intact; signer confirmed</source>
        <translation>intact; ondertekenaar bevestigd</translation>
    </message>
    <message>
        <source>&lt;p&gt;This PDF carries &lt;b&gt;no digital signatures&lt;/b&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Deze PDF bevat &lt;b&gt;geen digitale handtekeningen&lt;/b&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;ALTERED or DAMAGED: this file was changed after it was signed, or a signature is broken.&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;GEWIJZIGD of BESCHADIGD: dit bestand is na ondertekening gewijzigd, of een handtekening is ongeldig.&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Every signature is intact, but a signer is not confirmed&lt;/b&gt; as the person on record: see the reason below.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Alle handtekeningen zijn intact, maar een ondertekenaar is niet bevestigd&lt;/b&gt; als de vastgelegde persoon: zie de reden hieronder.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Every signature is intact&lt;/b&gt; and every signer confirmed: nothing was changed after signing.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Alle handtekeningen zijn intact&lt;/b&gt; en alle ondertekenaars bevestigd: er is na ondertekening niets gewijzigd.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;small&gt;on record: {expected}&lt;/small&gt;</source>
        <translation>&lt;br&gt;&lt;small&gt;vastgelegd: {expected}&lt;/small&gt;</translation>
    </message>
    <message>
        <source>&lt;table cellspacing=&apos;0&apos; cellpadding=&apos;3&apos; border=&apos;1&apos; style=&apos;border-collapse:collapse&apos;&gt;&lt;tr&gt;&lt;th&gt;Party&lt;/th&gt;&lt;th&gt;Signed by&lt;/th&gt;&lt;th&gt;When&lt;/th&gt;&lt;th&gt;Verdict&lt;/th&gt;&lt;/tr&gt;</source>
        <translation>&lt;table cellspacing=&apos;0&apos; cellpadding=&apos;3&apos; border=&apos;1&apos; style=&apos;border-collapse:collapse&apos;&gt;&lt;tr&gt;&lt;th&gt;Partij&lt;/th&gt;&lt;th&gt;Ondertekend door&lt;/th&gt;&lt;th&gt;Wanneer&lt;/th&gt;&lt;th&gt;Oordeel&lt;/th&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>{archived_title} has no archived final PDF to compare with.</source>
        <translation>{archived_title} heeft geen gearchiveerde definitieve PDF om mee te vergelijken.</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;This is the archived final PDF&lt;/b&gt; of {archived_title}.&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Dit is de gearchiveerde definitieve PDF&lt;/b&gt; van {archived_title}.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;This file differs from the archived final PDF&lt;/b&gt; of {archived_title}.&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Dit bestand wijkt af van de gearchiveerde definitieve PDF&lt;/b&gt; van {archived_title}.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;{archive}&lt;br&gt;&lt;small&gt;SHA-256 of this file: {sha256}&lt;/small&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;{archive}&lt;br&gt;&lt;small&gt;SHA-256 van dit bestand: {sha256}&lt;/small&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Verify — {name}</source>
        <translation>Verifiëren — {name}</translation>
    </message>
    <message>
        <source>{who}: name</source>
        <translation>{who}: naam</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Functie</translation>
    </message>
    <message>
        <source>{who}: position</source>
        <translation>{who}: functie</translation>
    </message>
    <message>
        <source>{who}: e-mail</source>
        <translation>{who}: e-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefoon</translation>
    </message>
    <message>
        <source>{who}: phone</source>
        <translation>{who}: telefoon</translation>
    </message>
    <message>
        <source>Parties</source>
        <translation>Partijen</translation>
    </message>
    <message>
        <source>Programme</source>
        <comment>the agreement&apos;s section</comment>
        <translation>Programma</translation>
    </message>
    <message>
        <source>Tasks and deliverables</source>
        <translation>Taken en resultaten</translation>
    </message>
    <message>
        <source>Learning outcomes, monitoring and evaluation</source>
        <translation>Leerresultaten, begeleiding en beoordeling</translation>
    </message>
    <message>
        <source>Roles and responsibilities</source>
        <translation>Rollen en verantwoordelijkheden</translation>
    </message>
    <message>
        <source>Technology</source>
        <translation>Technologie</translation>
    </message>
    <message>
        <source>Host commitments</source>
        <translation>Verplichtingen van de organisatie</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) to fix before Next.</source>
        <translation>
            <numerusform>%n probleem op te lossen vóór Volgende.</numerusform>
            <numerusform>%n problemen op te lossen vóór Volgende.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>And see the message(s) in red below.</source>
        <translation>
            <numerusform>En zie het bericht in rood hieronder.</numerusform>
            <numerusform>En zie de berichten in rood hieronder.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>See the message(s) in red below.</source>
        <translation>
            <numerusform>Zie het bericht in rood hieronder.</numerusform>
            <numerusform>Zie de berichten in rood hieronder.</numerusform>
        </translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Remove {label}</source>
        <translation>{label} verwijderen</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Taak</translation>
    </message>
    <message>
        <source>What the trainee does</source>
        <translation>Wat de stagiair doet</translation>
    </message>
    <message>
        <source>What is handed in</source>
        <translation>Wat wordt ingeleverd</translation>
    </message>
    <message>
        <source>Deliverable</source>
        <translation>Op te leveren resultaat</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>Deliverable:</source>
        <translation>Op te leveren resultaat:</translation>
    </message>
    <message>
        <source>Deadline:</source>
        <translation>Deadline:</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>Tool</translation>
    </message>
    <message>
        <source>e.g. Microsoft Teams</source>
        <translation>bijv. Microsoft Teams</translation>
    </message>
    <message>
        <source>e.g. weekly meetings, chat</source>
        <translation>bijv. wekelijkse overleggen, chat</translation>
    </message>
    <message>
        <source>Used for</source>
        <translation>Gebruikt voor</translation>
    </message>
    <message>
        <source>e.g. tested with all actors on 12 January</source>
        <translation>bijv. getest met alle betrokkenen op 12 januari</translation>
    </message>
    <message>
        <source>Test status</source>
        <translation>Teststatus</translation>
    </message>
    <message>
        <source>Used for:</source>
        <translation>Gebruikt voor:</translation>
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
        <translation>Soort periode</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Eerste dag</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Laatste dag</translation>
    </message>
    <message>
        <source>to</source>
        <translation>tot</translation>
    </message>
    <message>
        <source>EQF 5 — short cycle</source>
        <translation>EQF 5 — korte cyclus</translation>
    </message>
    <message>
        <source>EQF 6 — bachelor</source>
        <translation>EQF 6 — bachelor</translation>
    </message>
    <message>
        <source>EQF 7 — master</source>
        <translation>EQF 7 — master</translation>
    </message>
    <message>
        <source>EQF 8 — doctorate</source>
        <translation>EQF 8 — doctoraat</translation>
    </message>
    <message>
        <source>&lt; 250 employees</source>
        <translation>&lt; 250 werknemers</translation>
    </message>
    <message>
        <source>≥ 250 employees</source>
        <translation>≥ 250 werknemers</translation>
    </message>
    <message>
        <source>Filled from the placement&apos;s records: correct anything that is wrong here. Fields marked * are required.</source>
        <translation>Ingevuld uit de gegevens van de stage: corrigeer hier wat niet klopt. Velden met * zijn verplicht.</translation>
    </message>
    <message>
        <source>Trainee</source>
        <translation>Stagiair</translation>
    </message>
    <message>
        <source>Sending institution</source>
        <translation>Zendende instelling</translation>
    </message>
    <message>
        <source>Receiving organisation</source>
        <translation>Ontvangende organisatie</translation>
    </message>
    <message>
        <source>ISCED-F code and name, e.g. 0311 Economics</source>
        <translation>ISCED-F-code en naam, bijv. 0311 Economie</translation>
    </message>
    <message>
        <source>Na&amp;me</source>
        <translation>Naa&amp;m</translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation>&amp;E-mail</translation>
    </message>
    <message>
        <source>Date of birt&amp;h</source>
        <translation>Geboortedat&amp;um</translation>
    </message>
    <message>
        <source>Nationa&amp;lity</source>
        <translation>Na&amp;tionaliteit</translation>
    </message>
    <message>
        <source>Stud&amp;y cycle</source>
        <translation>Studiec&amp;yclus</translation>
    </message>
    <message>
        <source>Field of e&amp;ducation</source>
        <translation>O&amp;pleidingsgebied</translation>
    </message>
    <message>
        <source>e.g. B LEUVEN01</source>
        <translation>bijv. B LEUVEN01</translation>
    </message>
    <message>
        <source>Responsible person</source>
        <translation>Verantwoordelijke persoon</translation>
    </message>
    <message>
        <source>Academic tutor</source>
        <translation>Academisch begeleider</translation>
    </message>
    <message>
        <source>Instit&amp;ution</source>
        <translation>Instell&amp;ing</translation>
    </message>
    <message>
        <source>&amp;Faculty</source>
        <translation>&amp;Faculteit</translation>
    </message>
    <message>
        <source>Erasmus &amp;code</source>
        <translation>Erasmus-&amp;code</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>&amp;Adres</translation>
    </message>
    <message>
        <source>C&amp;ountry</source>
        <translation>&amp;Land</translation>
    </message>
    <message>
        <source>Responsi&amp;ble person</source>
        <translation>Verantwoordeli&amp;jke persoon</translation>
    </message>
    <message>
        <source>Academ&amp;ic tutor</source>
        <translation>Academisch &amp;begeleider</translation>
    </message>
    <message>
        <source>e.g. Information and communication</source>
        <translation>bijv. Informatie en communicatie</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>Contactpersoon</translation>
    </message>
    <message>
        <source>Mentor</source>
        <translation>Mentor</translation>
    </message>
    <message>
        <source>Or&amp;ganisation</source>
        <translation>Or&amp;ganisatie</translation>
    </message>
    <message>
        <source>De&amp;partment</source>
        <translation>Af&amp;deling</translation>
    </message>
    <message>
        <source>Addre&amp;ss</source>
        <translation>Adre&amp;s</translation>
    </message>
    <message>
        <source>&amp;Website</source>
        <translation>&amp;Website</translation>
    </message>
    <message>
        <source>Coun&amp;try</source>
        <translation>La&amp;nd</translation>
    </message>
    <message>
        <source>Si&amp;ze</source>
        <translation>Gr&amp;ootte</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Sector</translation>
    </message>
    <message>
        <source>Mento&amp;r</source>
        <translation>Mento&amp;r</translation>
    </message>
    <message>
        <source>Table A: the traineeship&apos;s title, period, hours and mode.</source>
        <translation>Tabel A: titel, periode, uren en vorm van de stage.</translation>
    </message>
    <message>
        <source>What the traineeship is about, in two or three lines</source>
        <translation>Waar de stage over gaat, in twee of drie regels</translation>
    </message>
    <message>
        <source>The placement&apos;s planned period: {span}.</source>
        <translation>De geplande periode van de stage: {span}.</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> uur</translation>
    </message>
    <message>
        <source>&amp;Add a period</source>
        <translation>P&amp;eriode toevoegen</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>T&amp;itel</translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation>&amp;Beschrijving</translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation>&amp;Periode</translation>
    </message>
    <message>
        <source>&amp;Hours per week</source>
        <translation>&amp;Uren per week</translation>
    </message>
    <message>
        <source>M&amp;ode</source>
        <translation>V&amp;orm</translation>
    </message>
    <message>
        <source>Blended periods</source>
        <translation>Gemengde perioden</translation>
    </message>
    <message>
        <source>&apos;{currency}&apos; is not a currency; choose a code such as EUR from the list.</source>
        <translation>&apos;{currency}&apos; is geen valuta; kies een code zoals EUR uit de lijst.</translation>
    </message>
    <message>
        <source>&apos;{level}&apos; is not a language level; choose A1 to C2 or native.</source>
        <translation>&apos;{level}&apos; is geen taalniveau; kies A1 tot C2 of moedertaal.</translation>
    </message>
    <message>
        <source>A blended traineeship needs at least one physical and one virtual period; add a physical one.</source>
        <translation>Een blended stage heeft minstens één fysieke en één virtuele periode nodig; voeg een fysieke toe.</translation>
    </message>
    <message>
        <source>A blended traineeship needs at least one physical and one virtual period; add a virtual one.</source>
        <translation>Een blended stage heeft minstens één fysieke en één virtuele periode nodig; voeg een virtuele toe.</translation>
    </message>
    <message>
        <source>A blended traineeship needs its physical and virtual periods: add them.</source>
        <translation>Een blended stage heeft fysieke en virtuele perioden nodig: voeg ze toe.</translation>
    </message>
    <message>
        <source>Add at least one learning outcome: what the trainee will know or be able to do.</source>
        <translation>Voeg minstens één leerresultaat toe: wat de stagiair zal weten of kunnen.</translation>
    </message>
    <message>
        <source>Add at least one line to the communication protocol: when the actors are available, how they report and how fast they reply.</source>
        <translation>Voeg minstens één regel toe aan het communicatieprotocol: wanneer de betrokkenen bereikbaar zijn, hoe ze rapporteren en hoe snel ze antwoorden.</translation>
    </message>
    <message>
        <source>Add at least one task, with its deliverable and deadline.</source>
        <translation>Voeg minstens één taak toe, met het op te leveren resultaat en de deadline.</translation>
    </message>
    <message>
        <source>Credits cannot be negative ({credits}).</source>
        <translation>Studiepunten kunnen niet negatief zijn ({credits}).</translation>
    </message>
    <message>
        <source>Describe the evaluation procedure: who evaluates the trainee, when and on what basis.</source>
        <translation>Beschrijf de evaluatieprocedure: wie de stagiair evalueert, wanneer en op welke basis.</translation>
    </message>
    <message>
        <source>Describe the monitoring plan: who follows the trainee&apos;s progress, and how often.</source>
        <translation>Beschrijf het monitoringplan: wie de voortgang van de stagiair volgt en hoe vaak.</translation>
    </message>
    <message>
        <source>Enter the ECTS credits: a traineeship embedded in the curriculum counts towards the degree.</source>
        <translation>Voer de ECTS-studiepunten in: een stage die deel uitmaakt van het curriculum telt mee voor het diploma.</translation>
    </message>
    <message>
        <source>Enter the country of the receiving organisation.</source>
        <translation>Voer het land van de ontvangende organisatie in.</translation>
    </message>
    <message>
        <source>Enter the first day of the traineeship.</source>
        <translation>Voer de eerste dag van de stage in.</translation>
    </message>
    <message>
        <source>Enter the last day of the traineeship.</source>
        <translation>Voer de laatste dag van de stage in.</translation>
    </message>
    <message>
        <source>Enter the mentor&apos;s name.</source>
        <translation>Voer de naam van de mentor in.</translation>
    </message>
    <message>
        <source>Enter the monthly amount of the financial support, or say that there is none.</source>
        <translation>Voer het maandbedrag van de financiële ondersteuning in, of geef aan dat er geen is.</translation>
    </message>
    <message>
        <source>Enter the name of the receiving organisation.</source>
        <translation>Voer de naam van de ontvangende organisatie in.</translation>
    </message>
    <message>
        <source>Enter the name of the sending institution&apos;s responsible person.</source>
        <translation>Voer de naam van de verantwoordelijke persoon van de zendende instelling in.</translation>
    </message>
    <message>
        <source>Enter the name of the sending institution.</source>
        <translation>Voer de naam van de zendende instelling in.</translation>
    </message>
    <message>
        <source>Enter the title of the traineeship.</source>
        <translation>Voer de titel van de stage in.</translation>
    </message>
    <message>
        <source>Enter the trainee&apos;s name.</source>
        <translation>Voer de naam van de stagiair in.</translation>
    </message>
    <message>
        <source>Hours per week must be between {low} and {high}; it is {hours}.</source>
        <translation>Het aantal uren per week moet tussen {low} en {high} liggen; het is nu {hours}.</translation>
    </message>
    <message>
        <source>No period covers {dates}: every day of a blended traineeship is either physical or virtual.</source>
        <translation>Geen enkele periode omvat {dates}: elke dag van een blended stage is fysiek of virtueel.</translation>
    </message>
    <message>
        <source>Period {n} (physical, {dates})</source>
        <translation>Periode {n} (fysiek, {dates})</translation>
    </message>
    <message>
        <source>Period {n} (virtual, {dates})</source>
        <translation>Periode {n} (virtueel, {dates})</translation>
    </message>
    <message>
        <source>Period {n} needs a first and a last day.</source>
        <translation>Periode {n} heeft een eerste en een laatste dag nodig.</translation>
    </message>
    <message>
        <source>Task {n} has no description.</source>
        <translation>Taak {n} heeft geen beschrijving.</translation>
    </message>
    <message>
        <source>Task {n}&apos;s deadline {deadline} is after the end of the period ({end}).</source>
        <translation>De deadline van taak {n} ({deadline}) valt na het einde van de periode ({end}).</translation>
    </message>
    <message>
        <source>Task {n}&apos;s deadline {deadline} is before the start of the period ({start}).</source>
        <translation>De deadline van taak {n} ({deadline}) valt vóór het begin van de periode ({start}).</translation>
    </message>
    <message>
        <source>The certificate must be issued within {low} to {high} weeks after the end (it says {weeks}).</source>
        <translation>Het certificaat moet binnen {low} tot {high} weken na het einde worden afgegeven (ingevuld: {weeks}).</translation>
    </message>
    <message>
        <source>The duties of the {who} are empty: write at least one, or restore the default text.</source>
        <translation>De taken van de {who} zijn leeg: schrijf er minstens één of herstel de standaardtekst.</translation>
    </message>
    <message>
        <source>The monthly amount must be more than 0 (it is {amount}).</source>
        <translation>Het maandbedrag moet groter zijn dan 0 (het is {amount}).</translation>
    </message>
    <message>
        <source>The traineeship ends on {end}, after the placement&apos;s planned end ({planned}). Change the date here, or the placement&apos;s planned period first.</source>
        <translation>De stage eindigt op {end}, na het geplande einde ({planned}). Wijzig de datum hier, of eerst de geplande periode van de stage.</translation>
    </message>
    <message>
        <source>The traineeship starts on {start}, before the placement&apos;s planned start ({planned}). Change the date here, or the placement&apos;s planned period first.</source>
        <translation>De stage begint op {start}, vóór het geplande begin ({planned}). Wijzig de datum hier, of eerst de geplande periode van de stage.</translation>
    </message>
    <message>
        <source>Tool {n} has no name.</source>
        <translation>Tool {n} heeft geen naam.</translation>
    </message>
    <message>
        <source>{period} ends before it starts.</source>
        <translation>{period} eindigt voordat ze begint.</translation>
    </message>
    <message>
        <source>{period} is not inside the traineeship ({dates}).</source>
        <translation>{period} valt niet binnen de stage ({dates}).</translation>
    </message>
    <message>
        <source>{period} overlaps {other}.</source>
        <translation>{period} en {other} overlappen.</translation>
    </message>
    <message>
        <source>&amp;Add a task</source>
        <translation>T&amp;aak toevoegen</translation>
    </message>
    <message>
        <source>What the trainee will do, what each task delivers and by when. Deadlines fall inside the period, {span}.</source>
        <translation>Wat de stagiair gaat doen, wat elke taak oplevert en wanneer. Deadlines vallen binnen de periode, {span}.</translation>
    </message>
    <message>
        <source>Task {value}&apos;s deadline: {message}</source>
        <translation>Deadline van taak {value}: {message}</translation>
    </message>
    <message>
        <source>The knowledge, skills and competences to be acquired, how progress is followed and how the trainee is evaluated.</source>
        <translation>De te verwerven kennis, vaardigheden en competenties, hoe de voortgang wordt gevolgd en hoe de stagiair wordt geëvalueerd.</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Leerresultaat</translation>
    </message>
    <message>
        <source>e.g. Builds churn models in Python</source>
        <translation>bijv. Bouwt churnmodellen in Python</translation>
    </message>
    <message>
        <source>Add an o&amp;utcome</source>
        <translation>Leerres&amp;ultaat toevoegen</translation>
    </message>
    <message>
        <source>Who follows the trainee&apos;s progress, how and how often</source>
        <translation>Wie de voortgang van de stagiair volgt, hoe en hoe vaak</translation>
    </message>
    <message>
        <source>Who evaluates the trainee, when and on what basis</source>
        <translation>Wie de stagiair evalueert, wanneer en op welke basis</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>Criterium</translation>
    </message>
    <message>
        <source>e.g. Quality and timeliness of the deliverables</source>
        <translation>bijv. Kwaliteit en tijdigheid van de op te leveren resultaten</translation>
    </message>
    <message>
        <source>Add a c&amp;riterion</source>
        <translation>C&amp;riterium toevoegen</translation>
    </message>
    <message>
        <source>e.g. English</source>
        <translation>bijv. Engels</translation>
    </message>
    <message>
        <source>level not yet known</source>
        <translation>niveau nog niet bekend</translation>
    </message>
    <message>
        <source>at level</source>
        <translation>op niveau</translation>
    </message>
    <message>
        <source>Learning &amp;outcomes</source>
        <translation>&amp;Leerresultaten</translation>
    </message>
    <message>
        <source>&amp;Monitoring plan</source>
        <translation>&amp;Monitoringplan</translation>
    </message>
    <message>
        <source>&amp;Evaluation</source>
        <translation>&amp;Evaluatie</translation>
    </message>
    <message>
        <source>Evaluation &amp;criteria</source>
        <translation>Evaluatie&amp;criteria</translation>
    </message>
    <message>
        <source>&amp;Language of work</source>
        <translation>&amp;Werktaal</translation>
    </message>
    <message>
        <source>When each actor is available, how and how often the trainee reports, how fast messages are answered, and who is the helpdesk for whom.</source>
        <translation>Wanneer elke betrokkene beschikbaar is, hoe en hoe vaak de stagiair rapporteert, hoe snel berichten worden beantwoord, en wie voor wie de helpdesk is.</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>e.g. Weekly video call with the mentor, Mondays 10:00 CET</source>
        <translation>bijv. Wekelijks videogesprek met de mentor, maandag 10:00 CET</translation>
    </message>
    <message>
        <source>&amp;Add a line</source>
        <translation>&amp;Regel toevoegen</translation>
    </message>
    <message>
        <source>One duty per line</source>
        <translation>Eén verplichting per regel</translation>
    </message>
    <message>
        <source>Restore default text</source>
        <translation>Standaardtekst herstellen</translation>
    </message>
    <message>
        <source>{role}: name</source>
        <translation>{role}: naam</translation>
    </message>
    <message>
        <source>{role}: duties</source>
        <translation>{role}: taken</translation>
    </message>
    <message>
        <source>Restore the default duties of the {role}</source>
        <translation>Standaardtaken van de {role} herstellen</translation>
    </message>
    <message>
        <source>Replace the duties with the standard text</source>
        <translation>De verplichtingen vervangen door de standaardtekst</translation>
    </message>
    <message>
        <source>No standard text</source>
        <translation>Geen standaardtekst</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Naam:</translation>
    </message>
    <message>
        <source>What the trainee, the mentor, the tutor and the coordinator undertake. One duty per line; edit freely, or restore the standard text.</source>
        <translation>Waartoe de stagiair, de mentor, de academisch begeleider en de coördinator zich verplichten. Eén verplichting per regel; vrij te bewerken, of herstel de standaardtekst.</translation>
    </message>
    <message>
        <source>Which tool serves what, and whether it was tested with every actor before the start. Tools chosen in the preparation are listed already.</source>
        <translation>Welke tool waarvoor dient, en of deze vóór de start met elke betrokkene is getest. Tools die in de voorbereiding zijn gekozen, staan er al.</translation>
    </message>
    <message>
        <source>&amp;Add a tool</source>
        <translation>T&amp;ool toevoegen</translation>
    </message>
    <message>
        <source>Traineeship embedded in the curriculum</source>
        <translation>Stage als onderdeel van het curriculum</translation>
    </message>
    <message>
        <source>Voluntary traineeship</source>
        <translation>Vrijwillige stage</translation>
    </message>
    <message>
        <source>Traineeship of a recent graduate</source>
        <translation>Stage van een pas afgestudeerde</translation>
    </message>
    <message>
        <source>Table B: how the sending institution recognises the traineeship, and the trainee&apos;s insurance.</source>
        <translation>Tabel B: hoe de zendende instelling de stage erkent, en de verzekering van de stagiair.</translation>
    </message>
    <message>
        <source>&amp;Embedded in the curriculum</source>
        <translation>&amp;Ingebed in het curriculum</translation>
    </message>
    <message>
        <source>&amp;Voluntary traineeship</source>
        <translation>V&amp;rijwillige stage</translation>
    </message>
    <message>
        <source>Recent &amp;graduate</source>
        <translation>Recent &amp;afgestudeerde</translation>
    </message>
    <message>
        <source>Recognition</source>
        <translation>Erkenning</translation>
    </message>
    <message>
        <source>ECTS &amp;credits</source>
        <translation>ECTS-&amp;studiepunten</translation>
    </message>
    <message>
        <source>G&amp;rade</source>
        <translation>&amp;Cijfer</translation>
    </message>
    <message>
        <source>&amp;Transcript</source>
        <translation>Ci&amp;jferlijst</translation>
    </message>
    <message>
        <source>&amp;Insurance</source>
        <translation>V&amp;erzekering</translation>
    </message>
    <message>
        <source>Table C: what the receiving organisation commits to.</source>
        <translation>Tabel C: waartoe de ontvangende organisatie zich verplicht.</translation>
    </message>
    <message>
        <source>The organisation &amp;pays a monthly allowance of</source>
        <translation>De organisatie &amp;betaalt een maandelijkse vergoeding van</translation>
    </message>
    <message>
        <source>Monthly amount</source>
        <translation>Maandbedrag</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Valuta</translation>
    </message>
    <message>
        <source>e.g. a laptop, software licences, access to online tools</source>
        <translation>bijv. een laptop, softwarelicenties, toegang tot online tools</translation>
    </message>
    <message>
        <source> weeks after the end</source>
        <translation> weken na het einde</translation>
    </message>
    <message>
        <source>Financial support</source>
        <translation>Financiële ondersteuning</translation>
    </message>
    <message>
        <source>Support in &amp;kind</source>
        <translation>Ondersteuning in &amp;natura</translation>
    </message>
    <message>
        <source>&amp;Certificate within</source>
        <translation>&amp;Certificaat binnen</translation>
    </message>
    <message>
        <source>The traineeship certificate is issued {low} to {high} weeks after the end at the latest.</source>
        <translation>Het stagecertificaat wordt uiterlijk {low} tot {high} weken na het einde afgegeven.</translation>
    </message>
    <message>
        <source>This version has been sent to the parties and is frozen: it can no longer be changed. Changes need a new version of the agreement.</source>
        <translation>Deze versie is naar de partijen verstuurd en bevroren: ze kan niet meer worden gewijzigd. Voor wijzigingen is een nieuwe versie van de overeenkomst nodig.</translation>
    </message>
    <message>
        <source>{title}; {span}; {hours_per_week} h/week, {value}</source>
        <translation>{title}; {span}; {hours_per_week} u/week, {value}</translation>
    </message>
    <message>
        <source>no role</source>
        <translation>geen rol</translation>
    </message>
    <message>
        <source>no tool listed</source>
        <translation>geen tool vermeld</translation>
    </message>
    <message>
        <source>, {credits} ECTS</source>
        <translation>, {credits} ECTS</translation>
    </message>
    <message>
        <source>no allowance</source>
        <translation>geen vergoeding</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Overzicht</translation>
    </message>
    <message>
        <source>Every section at a glance. Finish saves the draft; it stays editable until it is sent.</source>
        <translation>Alle onderdelen in één oogopslag. Voltooien slaat het concept op; het blijft bewerkbaar tot het wordt verstuurd.</translation>
    </message>
    <message>
        <source>The language the agreement&apos;s PDF is written in; remembered for this host. Texts vipdesk wrote (default tasks, plans, roles, protocol) follow it when the draft is saved; texts you typed stay as they are.</source>
        <translation>De taal waarin de pdf van de overeenkomst wordt geschreven; onthouden voor deze ontvangende organisatie. Teksten die vipdesk schreef (standaardtaken, plannen, rollen, protocol) volgen haar wanneer het concept wordt opgeslagen; teksten die u zelf typte, blijven zoals ze zijn.</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;margin:6px 0&apos;&gt;&lt;span style=&apos;color:{hex_of}&apos;&gt;✘&lt;/span&gt; &lt;b&gt;{title}&lt;/b&gt; — &lt;a href=&apos;{key}&apos;&gt;go to this page&lt;/a&gt;&lt;/p&gt;&lt;ul style=&apos;margin-top:0&apos;&gt;{items}&lt;/ul&gt;</source>
        <translation>&lt;p style=&apos;margin:6px 0&apos;&gt;&lt;span style=&apos;color:{hex_of}&apos;&gt;✘&lt;/span&gt; &lt;b&gt;{title}&lt;/b&gt; — &lt;a href=&apos;{key}&apos;&gt;naar deze pagina&lt;/a&gt;&lt;/p&gt;&lt;ul style=&apos;margin-top:0&apos;&gt;{items}&lt;/ul&gt;</translation>
    </message>
    <message numerus="yes">
        <source>%n task(s)</source>
        <translation>
            <numerusform>%n taak</numerusform>
            <numerusform>%n taken</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n learning outcome(s)</source>
        <translation>
            <numerusform>%n leerresultaat</numerusform>
            <numerusform>%n leerresultaten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n evaluation criterion/criteria</source>
        <translation>
            <numerusform>%n evaluatiecriterium</numerusform>
            <numerusform>%n evaluatiecriteria</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n regel</numerusform>
            <numerusform>%n regels</numerusform>
        </translation>
    </message>
    <message>
        <source>a monthly allowance, amount not given yet</source>
        <translation>een maandelijkse vergoeding, bedrag nog niet opgegeven</translation>
    </message>
    <message>
        <source>{amount} a month</source>
        <translation>{amount} per maand</translation>
    </message>
    <message numerus="yes">
        <source>{support}; certificate within %n week(s)</source>
        <translation>
            <numerusform>{support}; certificaat binnen %n week</numerusform>
            <numerusform>{support}; certificaat binnen %n weken</numerusform>
        </translation>
    </message>
    <message>
        <source>Language of the agreement</source>
        <translation>Taal van de overeenkomst</translation>
    </message>
    <message>
        <source>With the &amp;English text alongside (bilingual)</source>
        <translation>Met de &amp;Engelse tekst ernaast (tweetalig)</translation>
    </message>
    <message>
        <source>Each heading and fixed text in both languages; what people typed, once</source>
        <translation>Elke kop en vaste tekst in beide talen; wat is ingevuld, één keer</translation>
    </message>
    <message>
        <source>&amp;Language of the agreement:</source>
        <translation>T&amp;aal van de overeenkomst:</translation>
    </message>
    <message numerus="yes">
        <source>%n section(s) need attention before Finish. Use the links, or Back.</source>
        <translation>
            <numerusform>%n onderdeel vraagt aandacht vóór Voltooien. Gebruik de links, of Terug.</numerusform>
            <numerusform>%n onderdelen vragen aandacht vóór Voltooien. Gebruik de links, of Terug.</numerusform>
        </translation>
    </message>
    <message>
        <source>Every section is complete. Press Finish to save the draft.</source>
        <translation>Alle onderdelen zijn compleet. Druk op Voltooien om het concept op te slaan.</translation>
    </message>
    <message>
        <source>Agreement {reference} — version {version}</source>
        <translation>Overeenkomst {reference} — versie {version}</translation>
    </message>
    <message>
        <source> (sent, read-only)</source>
        <translation> (verstuurd, alleen-lezen)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Sluiten</translation>
    </message>
    <message>
        <source>Every section at a glance, as sent. Close leaves it as it is.</source>
        <translation>Alle onderdelen in één oogopslag, zoals verstuurd. Sluiten laat alles ongewijzigd.</translation>
    </message>
    <message>
        <source>Draft not saved</source>
        <translation>Concept niet opgeslagen</translation>
    </message>
    <message>
        <source>{exc}
What you typed stays on this page.</source>
        <translation>{exc}
Wat u hebt getypt, blijft op deze pagina.</translation>
    </message>
    <message>
        <source>Save the draft?</source>
        <translation>Concept opslaan?</translation>
    </message>
    <message>
        <source>Save what you typed as a draft before closing?</source>
        <translation>Wat u hebt getypt als concept opslaan voordat u sluit?</translation>
    </message>
    <message>
        <source>Cannot open the demo</source>
        <translation>Kan de demo niet openen</translation>
    </message>
    <message>
        <source>vipdesk: unexpected error</source>
        <translation>vipdesk: onverwachte fout</translation>
    </message>
    <message>
        <source>Something went wrong that vipdesk did not expect ({kind}). What you saved is safe. Details are in {value}.</source>
        <translation>Er ging iets mis dat vipdesk niet verwachtte ({kind}). Wat u hebt opgeslagen is veilig. Details staan in {value}.</translation>
    </message>
    <message>
        <source>vipdesk cannot open the database</source>
        <translation>vipdesk kan de database niet openen</translation>
    </message>
    <message>
        <source>Like the &amp;system</source>
        <translation>Zoals het &amp;systeem</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Licht</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Donker</translation>
    </message>
    <message>
        <source>Colour &amp;scheme</source>
        <translation>&amp;Kleurenschema</translation>
    </message>
    <message>
        <source>{value} colours. Panels already open take them in full when opened again, or on the next start.</source>
        <translation>{value} kleuren. Panelen die al open zijn, nemen ze volledig over wanneer ze opnieuw worden geopend, of bij de volgende start.</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Taal</translation>
    </message>
    <message>
        <source>vipdesk speaks {language} from the next start.</source>
        <translation>vipdesk spreekt {language} vanaf de volgende start.</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>Gewijzigd door iemand anders</translation>
    </message>
    <message>
        <source>another user</source>
        <translation>een andere gebruiker</translation>
    </message>
    <message>
        <source>&lt;b&gt;{who}&lt;/b&gt; saved this record after you opened it. Nothing of yours has been saved yet. Compare the two versions, then choose:</source>
        <translation>&lt;b&gt;{who}&lt;/b&gt; heeft dit record opgeslagen nadat u het opende. Er is nog niets van u opgeslagen. Vergelijk de twee versies en kies dan:</translation>
    </message>
    <message>
        <source>Your version</source>
        <translation>Uw versie</translation>
    </message>
    <message>
        <source>Saved by {who}</source>
        <translation>Opgeslagen door {who}</translation>
    </message>
    <message>
        <source>Reload theirs (drop my edits)</source>
        <translation>Hun versie herladen (mijn wijzigingen vervallen)</translation>
    </message>
    <message>
        <source>Keep mine (save over theirs)</source>
        <translation>Mijn versie behouden (over die van hen opslaan)</translation>
    </message>
    <message>
        <source>Back to editing</source>
        <translation>Terug naar bewerken</translation>
    </message>
    <message>
        <source>Full name of the person answering</source>
        <translation>Volledige naam van de persoon die antwoordt</translation>
    </message>
    <message>
        <source>&amp;Answered by:</source>
        <translation>&amp;Beantwoord door:</translation>
    </message>
    <message>
        <source>Enter the name of the person who answers.</source>
        <translation>Voer de naam in van de persoon die antwoordt.</translation>
    </message>
    <message>
        <source>Answer this question: it is required.</source>
        <translation>Beantwoord deze vraag: ze is verplicht.</translation>
    </message>
    <message>
        <source>{reached} of {planned}</source>
        <translation>{reached} van {planned}</translation>
    </message>
    <message>
        <source>Save the placement first to record its evaluations.</source>
        <translation>Sla de stage eerst op om de evaluaties vast te leggen.</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Fase</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Door</translation>
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
        <translation>Bereikte resultaten</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>Vastgelegd</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Hoe</translation>
    </message>
    <message>
        <source>Evaluations</source>
        <translation>Evaluaties</translation>
    </message>
    <message>
        <source>Each evaluation, newest first</source>
        <translation>Elke evaluatie, nieuwste eerst</translation>
    </message>
    <message>
        <source>&amp;Enter evaluation…</source>
        <translation>Evaluatie &amp;invoeren…</translation>
    </message>
    <message>
        <source>E&amp;xport questionnaire…</source>
        <translation>Vragenlijst e&amp;xporteren…</translation>
    </message>
    <message>
        <source>A fillable PDF for the student, the mentor or the tutor</source>
        <translation>Een invulbare PDF voor de student, de mentor of de academisch begeleider</translation>
    </message>
    <message>
        <source>&amp;Import returned…</source>
        <translation>Teruggestuurde &amp;importeren…</translation>
    </message>
    <message>
        <source>Read a filled-in questionnaire PDF back, answer by answer</source>
        <translation>Een ingevulde vragenlijst-PDF terug inlezen, antwoord voor antwoord</translation>
    </message>
    <message>
        <source>E-mail &amp;questionnaire…</source>
        <translation>&amp;Vragenlijst e-mailen…</translation>
    </message>
    <message>
        <source>Send the fillable PDF to the person who answers it</source>
        <translation>De invulbare PDF versturen naar de persoon die hem invult</translation>
    </message>
    <message>
        <source>{label} by the {value}</source>
        <translation>{label} door de {value}</translation>
    </message>
    <message>
        <source>Every evaluation is in.</source>
        <translation>Alle evaluaties zijn binnen.</translation>
    </message>
    <message>
        <source>Not yet given: </source>
        <translation>Nog niet gegeven: </translation>
    </message>
    <message>
        <source>Enter an evaluation</source>
        <translation>Een evaluatie invoeren</translation>
    </message>
    <message>
        <source>Cannot start the evaluation</source>
        <translation>Kan de evaluatie niet starten</translation>
    </message>
    <message>
        <source>Evaluation not stored</source>
        <translation>Evaluatie niet opgeslagen</translation>
    </message>
    <message>
        <source>Export a questionnaire</source>
        <translation>Een vragenlijst exporteren</translation>
    </message>
    <message>
        <source>E-mail a questionnaire</source>
        <translation>Een vragenlijst e-mailen</translation>
    </message>
    <message>
        <source>PDF files (*.pdf);;All files (*)</source>
        <translation>PDF-bestanden (*.pdf);;Alle bestanden (*)</translation>
    </message>
    <message>
        <source>&amp;Questionnaire:</source>
        <translation>&amp;Vragenlijst:</translation>
    </message>
    <message>
        <source>The questions and the form in this language; a questionnaire not yet translated into it goes out in English</source>
        <translation>De vragen en het formulier in deze taal; een vragenlijst die nog niet in deze taal is vertaald, wordt in het Engels verstuurd</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Taal:</translation>
    </message>
    <message>
        <source>Returned: {title}</source>
        <translation>Teruggestuurd: {title}</translation>
    </message>
    <message>
        <source>{name}: answered by &lt;b&gt;{respondent}&lt;/b&gt; ({value}). Check the answers, then store them.</source>
        <translation>{name}: beantwoord door &lt;b&gt;{respondent}&lt;/b&gt; ({value}). Controleer de antwoorden en sla ze dan op.</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Vraag</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwoord</translation>
    </message>
    <message>
        <source>(no answer)</source>
        <translation>(geen antwoord)</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Antwoorden</translation>
    </message>
    <message>
        <source>Each question and the answer read</source>
        <translation>Elke vraag en het ingelezen antwoord</translation>
    </message>
    <message>
        <source>&amp;Store these answers</source>
        <translation>Deze antwoorden &amp;opslaan</translation>
    </message>
    <message>
        <source>Save the questionnaire</source>
        <translation>De vragenlijst opslaan</translation>
    </message>
    <message>
        <source>Questionnaire not saved</source>
        <translation>Vragenlijst niet opgeslagen</translation>
    </message>
    <message>
        <source>Returned questionnaire</source>
        <translation>Teruggestuurde vragenlijst</translation>
    </message>
    <message>
        <source>Not a questionnaire of this placement</source>
        <translation>Geen vragenlijst van deze stage</translation>
    </message>
    <message>
        <source>Answers not stored</source>
        <translation>Antwoorden niet opgeslagen</translation>
    </message>
    <message>
        <source>Click a bar to list the cost items behind it.</source>
        <translation>Klik op een balk om de kostenposten erachter te tonen.</translation>
    </message>
    <message>
        <source>Budget against actual per funding source</source>
        <translation>Budget tegenover werkelijk per financieringsbron</translation>
    </message>
    <message>
        <source>No funding sources yet.</source>
        <translation>Nog geen financieringsbronnen.</translation>
    </message>
    <message>
        <source>One placement</source>
        <translation>Eén stage</translation>
    </message>
    <message>
        <source>Shared by year</source>
        <translation>Gedeeld per jaar</translation>
    </message>
    <message>
        <source>Shared, chosen</source>
        <translation>Gedeeld, gekozen</translation>
    </message>
    <message>
        <source>All modes</source>
        <translation>Alle vormen</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Jaar</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Vorm</translation>
    </message>
    <message>
        <source>Placements sharing it</source>
        <translation>Stages die ze delen</translation>
    </message>
    <message>
        <source>Tick the placements that share the cost</source>
        <translation>Vink de stages aan die de kosten delen</translation>
    </message>
    <message>
        <source>a placement</source>
        <translation>een stage</translation>
    </message>
    <message>
        <source>This {what} was changed after you opened it.</source>
        <translation>Dit gegeven ({what}) is gewijzigd nadat u het opende.</translation>
    </message>
    <message>
        <source>This {what} was changed by {who} after you opened it.</source>
        <translation>Dit gegeven ({what}) is door {who} gewijzigd nadat u het opende.</translation>
    </message>
    <message>
        <source>agreement</source>
        <translation>overeenkomst</translation>
    </message>
    <message>
        <source>base currency</source>
        <translation>basisvaluta</translation>
    </message>
    <message>
        <source>checklist</source>
        <translation>checklist</translation>
    </message>
    <message>
        <source>choice of tools</source>
        <translation>keuze van hulpmiddelen</translation>
    </message>
    <message>
        <source>cost item</source>
        <translation>kostenpost</translation>
    </message>
    <message>
        <source>e-mail setup</source>
        <translation>e-mailinstelling</translation>
    </message>
    <message>
        <source>list of office leads</source>
        <translation>lijst van verantwoordelijken op kantoor</translation>
    </message>
    <message>
        <source>placement</source>
        <translation>stage</translation>
    </message>
    <message>
        <source>student&apos;s equity flags</source>
        <translation>gelijkekansenkenmerken van de student</translation>
    </message>
    <message>
        <source>tool test</source>
        <translation>test van een hulpmiddel</translation>
    </message>
    <message>
        <source>work-list day count</source>
        <translation>aantal dagen van de werklijst</translation>
    </message>
    <message>
        <source>Cost item not saved</source>
        <translation>Kostenpost niet opgeslagen</translation>
    </message>
    <message>
        <source>e.g. Laptop for the student</source>
        <translation>bijv. Laptop voor de student</translation>
    </message>
    <message>
        <source>No funding source</source>
        <translation>Geen financieringsbron</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categorie</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschrijving</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Bedrag</translation>
    </message>
    <message>
        <source>Staff hours</source>
        <translation>Personeelsuren</translation>
    </message>
    <message>
        <source>Hourly rate</source>
        <translation>Uurtarief</translation>
    </message>
    <message>
        <source>Funding source</source>
        <translation>Financieringsbron</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Factuur</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Voor</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Aandeel</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Opmerkingen</translation>
    </message>
    <message>
        <source>Cost item: {description}</source>
        <translation>Kostenpost: {description}</translation>
    </message>
    <message>
        <source>New cost item</source>
        <translation>Nieuwe kostenpost</translation>
    </message>
    <message>
        <source>For staff time, enter the hours and hourly rate and leave the amount empty.</source>
        <translation>Voer voor personeelstijd de uren en het uurtarief in en laat het bedrag leeg.</translation>
    </message>
    <message>
        <source>Staff time: {hours} h × {rate} = {format_money}</source>
        <translation>Personeelstijd: {hours} u × {rate} = {format_money}</translation>
    </message>
    <message>
        <source> (the amount above is used)</source>
        <translation> (het bedrag hierboven wordt gebruikt)</translation>
    </message>
    <message>
        <source>Save the placement first to record its costs.</source>
        <translation>Sla de stage eerst op om de kosten vast te leggen.</translation>
    </message>
    <message>
        <source>Costs</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>The costs of this placement, one per row</source>
        <translation>De kosten van deze stage, één per rij</translation>
    </message>
    <message>
        <source>New cost item…</source>
        <translation>Nieuwe kostenpost…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bewerken…</translation>
    </message>
    <message>
        <source>Cost item</source>
        <translation>Kostenpost</translation>
    </message>
    <message>
        <source>shared</source>
        <translation>gedeeld</translation>
    </message>
    <message>
        <source>direct</source>
        <translation>direct</translation>
    </message>
    <message>
        <source>Amount ({base})</source>
        <translation>Bedrag ({base})</translation>
    </message>
    <message>
        <source>No costs recorded for this placement yet.</source>
        <translation>Nog geen kosten vastgelegd voor deze stage.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Total {format_money}&lt;/b&gt; — direct {format_money2}, share of shared costs {format_money3}</source>
        <translation>&lt;b&gt;Totaal {format_money}&lt;/b&gt; — direct {format_money2}, aandeel in gedeelde kosten {format_money3}</translation>
    </message>
    <message>
        <source>Not counted anywhere yet: </source>
        <translation>Nog nergens meegeteld: </translation>
    </message>
    <message>
        <source>Shared: all{mode} of {share_year} ({label})</source>
        <translation>Gedeeld: alle stages{mode} van {share_year} ({label})</translation>
    </message>
    <message>
        <source>Shared: {count} placements ({label})</source>
        <translation>Gedeeld: {count} stages ({label})</translation>
    </message>
    <message>
        <source>Cost items</source>
        <translation>Kostenposten</translation>
    </message>
    <message>
        <source>The placement&apos;s costs, one per row</source>
        <translation>De kosten van de stage, één per rij</translation>
    </message>
    <message>
        <source>No cost items yet. Add the first with New….</source>
        <translation>Nog geen kostenposten. Voeg de eerste toe met Nieuw….</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>Nieuw…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Verwijderen…</translation>
    </message>
    <message>
        <source>Cost items not loaded</source>
        <translation>Kostenposten niet geladen</translation>
    </message>
    <message>
        <source>Delete cost item</source>
        <translation>Kostenpost verwijderen</translation>
    </message>
    <message>
        <source>Delete {description}?</source>
        <translation>{description} verwijderen?</translation>
    </message>
    <message>
        <source>Cost item not deleted</source>
        <translation>Kostenpost niet verwijderd</translation>
    </message>
    <message>
        <source>Exchange rates</source>
        <translation>Wisselkoersen</translation>
    </message>
    <message>
        <source>Units of a currency worth 1 {base}, valid from a date until the next rate. A cost is converted at the latest rate on or before its date.</source>
        <translation>Eenheden van een valuta met een waarde van 1 {base}, geldig vanaf een datum tot de volgende koers. Een kostenpost wordt omgerekend tegen de laatste koers op of vóór de datum ervan.</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>Geldig vanaf</translation>
    </message>
    <message>
        <source>Rate (per 1 {base})</source>
        <translation>Koers (per 1 {base})</translation>
    </message>
    <message>
        <source>Stored rates, newest first</source>
        <translation>Opgeslagen koersen, nieuwste eerst</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Koers</translation>
    </message>
    <message>
        <source>Add rate</source>
        <translation>Koers toevoegen</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>CSV importeren…</translation>
    </message>
    <message>
        <source>Lines of date,currency,rate, e.g. 2026-01-01,USD,1.0825</source>
        <translation>Regels met datum,valuta,koers, bijv. 2026-01-01,USD,1.0825</translation>
    </message>
    <message>
        <source>Add a rate: currency, valid from, rate</source>
        <translation>Een koers toevoegen: valuta, geldig vanaf, koers</translation>
    </message>
    <message>
        <source>Type the rate as a number, e.g. 1.0825.</source>
        <translation>Typ de koers als getal, bijv. 1.0825.</translation>
    </message>
    <message>
        <source>Enter the date the rate is valid from.</source>
        <translation>Voer de datum in vanaf wanneer de koers geldt.</translation>
    </message>
    <message>
        <source>Import exchange rates</source>
        <translation>Wisselkoersen importeren</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-bestanden (*.csv);;Alle bestanden (*)</translation>
    </message>
    <message>
        <source>{name} could not be read: {exc}</source>
        <translation>{name} kon niet worden gelezen: {exc}</translation>
    </message>
    <message numerus="yes">
        <source>Stored %n rate(s).</source>
        <translation>
            <numerusform>%n koers opgeslagen.</numerusform>
            <numerusform>%n koersen opgeslagen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Source: {source}</source>
        <translation>Bron: {source}</translation>
    </message>
    <message>
        <source>Erasmus+ grant</source>
        <translation>Erasmus+-beurs</translation>
    </message>
    <message>
        <source>By start date</source>
        <translation>Op startdatum</translation>
    </message>
    <message>
        <source>Call {year}</source>
        <translation>Oproep {year}</translation>
    </message>
    <message>
        <source>The call whose project period covers the placement&apos;s start</source>
        <translation>De oproep waarvan de projectperiode de start van de stage omvat</translation>
    </message>
    <message>
        <source>Fewer opportunities</source>
        <translation>Minder kansen</translation>
    </message>
    <message>
        <source>Green travel</source>
        <translation>Groen reizen</translation>
    </message>
    <message>
        <source>Zero grant</source>
        <translation>Nulbeurs</translation>
    </message>
    <message>
        <source>No individual support from Erasmus+ EU funds</source>
        <translation>Geen individuele ondersteuning uit EU-middelen van Erasmus+</translation>
    </message>
    <message>
        <source>Travel days</source>
        <translation>Reisdagen</translation>
    </message>
    <message>
        <source> travel days</source>
        <translation> reisdagen</translation>
    </message>
    <message>
        <source>Extra days of individual support for green travel</source>
        <translation>Extra dagen individuele ondersteuning voor groen reizen</translation>
    </message>
    <message>
        <source>Travel distance</source>
        <translation>Reisafstand</translation>
    </message>
    <message>
        <source> km</source>
        <translation> km</translation>
    </message>
    <message>
        <source>distance not given</source>
        <translation>afstand niet opgegeven</translation>
    </message>
    <message>
        <source>For short blended stays with fewer opportunities: travel support by distance band</source>
        <translation>Voor korte gemengde verblijven met minder kansen: reisondersteuning per afstandsklasse</translation>
    </message>
    <message>
        <source>Call year:</source>
        <translation>Oproepjaar:</translation>
    </message>
    <message>
        <source>Top-ups:</source>
        <translation>Toeslagen:</translation>
    </message>
    <message>
        <source>Travel:</source>
        <translation>Reizen:</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Aantal</translation>
    </message>
    <message>
        <source>Grant lines</source>
        <translation>Beursregels</translation>
    </message>
    <message>
        <source>The grant line by line, with the rule of each</source>
        <translation>De beurs regel voor regel, met de regel die voor elk geldt</translation>
    </message>
    <message>
        <source>Record as cost item</source>
        <translation>Vastleggen als kostenpost</translation>
    </message>
    <message>
        <source>Save what is paid to the student as a cost of this placement</source>
        <translation>Wat aan de student wordt betaald opslaan als kosten van deze stage</translation>
    </message>
    <message>
        <source>There are no grant rates to calculate with.</source>
        <translation>Er zijn geen beurstarieven om mee te rekenen.</translation>
    </message>
    <message>
        <source>Source: {note_source}</source>
        <translation>Bron: {note_source}</translation>
    </message>
    <message>
        <source>, country group {group}</source>
        <translation>, landengroep {group}</translation>
    </message>
    <message>
        <source>{physical_days} physical days{counted}{group}. &lt;b&gt;To the student: {format_money}&lt;/b&gt;</source>
        <translation>{physical_days} fysieke dagen{counted}{group}. &lt;b&gt;Aan de student: {format_money}&lt;/b&gt;</translation>
    </message>
    <message>
        <source> · in all {format_money}</source>
        <translation> · in totaal {format_money}</translation>
    </message>
    <message>
        <source>Grant not recorded</source>
        <translation>Beurs niet vastgelegd</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n dag</numerusform>
            <numerusform>%n dagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n month(s)</source>
        <translation>
            <numerusform>%n maand</numerusform>
            <numerusform>%n maanden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n once</source>
        <comment>a grant line paid one time: 1 once</comment>
        <translation>
            <numerusform>%n eenmalig</numerusform>
            <numerusform>%n eenmalig</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n participant(s)</source>
        <translation>
            <numerusform>%n deelnemer</numerusform>
            <numerusform>%n deelnemers</numerusform>
        </translation>
    </message>
    <message>
        <source>counted as {months} and {days}</source>
        <translation>geteld als {months} en {days}</translation>
    </message>
    <message>
        <source>Individual support, days {first}–{last}</source>
        <translation>Individuele steun, dagen {first}–{last}</translation>
    </message>
    <message>
        <source>Give the travel distance to add the travel support.</source>
        <translation>Geef de reisafstand op om de reissteun toe te voegen.</translation>
    </message>
    <message>
        <source>Green travel top-up</source>
        <translation>Toeslag voor groen reizen</translation>
    </message>
    <message>
        <source>Individual support</source>
        <translation>Individuele steun</translation>
    </message>
    <message>
        <source>Traineeship top-up</source>
        <translation>Stagetoeslag</translation>
    </message>
    <message>
        <source>Fewer opportunities top-up</source>
        <translation>Toeslag voor deelnemers met minder kansen</translation>
    </message>
    <message>
        <source>{days} physical days is less than the {months} months a long-term traineeship needs; only a blended placement with {low} to {high} physical days is funded as short-term.</source>
        <translation>{days} fysieke dagen is minder dan de {months} maanden die een langdurige stage nodig heeft; alleen een blended stage met {low} tot {high} fysieke dagen wordt als kortdurend gefinancierd.</translation>
    </message>
    <message>
        <source>A purely virtual placement gets no individual support.</source>
        <translation>Een volledig virtuele stage krijgt geen individuele steun.</translation>
    </message>
    <message>
        <source>{days} physical days is too short: the Programme Guide funds physical stays of {low} days or more ({low} to {high} in a blended placement).</source>
        <translation>{days} fysieke dagen is te kort: de programmagids financiert fysieke verblijven van {low} dagen of meer ({low} tot {high} in een blended stage).</translation>
    </message>
    <message>
        <source>A zero-grant participant gets no individual support from Erasmus+ EU funds.</source>
        <translation>Een deelnemer zonder beurs (zero-grant) krijgt geen individuele steun uit EU-middelen van Erasmus+.</translation>
    </message>
    <message>
        <source>Organisational support (participant {number})</source>
        <translation>Organisatorische steun (deelnemer {number})</translation>
    </message>
    <message>
        <source>{days} physical days is more than the {months} months the Programme Guide funds in a study cycle.</source>
        <translation>{days} fysieke dagen is meer dan de {months} maanden die de programmagids per studiecyclus financiert.</translation>
    </message>
    <message>
        <source>This blended placement has no physical period yet, so nothing is funded.</source>
        <translation>Deze blended stage heeft nog geen fysieke periode, dus er wordt niets gefinancierd.</translation>
    </message>
    <message>
        <source>{line}, extra days</source>
        <translation>{line}, extra dagen</translation>
    </message>
    <message>
        <source>Fewer opportunities top-up, {days} physical days</source>
        <translation>Toeslag voor deelnemers met minder kansen, {days} fysieke dagen</translation>
    </message>
    <message>
        <source>Green travel support, {km} km</source>
        <translation>Reissteun groen reizen, {km} km</translation>
    </message>
    <message>
        <source>Travel support, {km} km</source>
        <translation>Reissteun, {km} km</translation>
    </message>
    <message>
        <source>No travel support for {km} km: the bands start at 10 km.</source>
        <translation>Geen reissteun voor {km} km: de afstandsbanden beginnen bij 10 km.</translation>
    </message>
    <message>
        <source>No travel support: it goes to {who} only.</source>
        <translation>Geen reissteun: die is alleen voor {who}.</translation>
    </message>
    <message>
        <source>Green travel days</source>
        <translation>Groene reisdagen</translation>
    </message>
    <message>
        <source>No Erasmus+ rate table covers a start on {day} (vipdesk has {known}); choose a call year.</source>
        <translation>Geen Erasmus+-tarieftabel dekt een begin op {day} (vipdesk heeft {known}); kies een oproepjaar.</translation>
    </message>
    <message>
        <source>{country} is in none of the country groups of the call {year} rates.</source>
        <translation>{country} valt in geen enkele landengroep van de tarieven van oproep {year}.</translation>
    </message>
    <message>
        <source>There are no Erasmus+ rates for the call year {year}.</source>
        <translation>Er zijn geen Erasmus+-tarieven voor oproepjaar {year}.</translation>
    </message>
    <message>
        <source>{code} is an outermost region or overseas country or territory: the Programme Guide sets their grants apart and the call {year} table has no rates for them; ask your national agency.</source>
        <translation>{code} is een ultraperifeer gebied of een land of gebied overzee: de programmagids regelt de beurzen daarvoor apart en de tabel van oproep {year} heeft er geen tarieven voor; vraag het uw nationaal agentschap.</translation>
    </message>
    <message>
        <source>call {year}: {start} – {end}</source>
        <translation>oproep {year}: {start} – {end}</translation>
    </message>
    <message>
        <source>The organisational support tiers of this call year end too early.</source>
        <translation>De staffels van de organisatorische steun van dit oproepjaar houden te vroeg op.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>geen</translation>
    </message>
    <message>
        <source>funding source</source>
        <translation>financieringsbron</translation>
    </message>
    <message>
        <source>Funding source not saved</source>
        <translation>Financieringsbron niet opgeslagen</translation>
    </message>
    <message>
        <source>e.g. Erasmus+ KA131 2026</source>
        <translation>bijv. Erasmus+ KA131 2026</translation>
    </message>
    <message>
        <source>e.g. the grant agreement number</source>
        <translation>bijv. het nummer van de subsidieovereenkomst</translation>
    </message>
    <message>
        <source>Name</source>
        <comment>not a person&apos;s</comment>
        <translation>Naam</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>Amount awarded</source>
        <translation>Toegekend bedrag</translation>
    </message>
    <message>
        <source>Pays from</source>
        <translation>Betaalt vanaf</translation>
    </message>
    <message>
        <source>Pays until</source>
        <translation>Betaalt tot</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Kenmerk</translation>
    </message>
    <message>
        <source>Budget lines</source>
        <translation>Budgetposten</translation>
    </message>
    <message>
        <source>Funding source: {name}</source>
        <translation>Financieringsbron: {name}</translation>
    </message>
    <message>
        <source>New funding source</source>
        <translation>Nieuwe financieringsbron</translation>
    </message>
    <message numerus="yes">
        <source>%Ln participant(s)</source>
        <translation>
            <numerusform>%Ln deelnemer</numerusform>
            <numerusform>%Ln deelnemers</numerusform>
        </translation>
    </message>
    <message>
        <source>Awarded</source>
        <translation>Toegekend</translation>
    </message>
    <message>
        <source>Spent</source>
        <translation>Besteed</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>Resterend</translation>
    </message>
    <message>
        <source>overspent</source>
        <translation>overschreden</translation>
    </message>
    <message>
        <source>Placement</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Bron</translation>
    </message>
    <message>
        <source>New source…</source>
        <translation>Nieuwe bron…</translation>
    </message>
    <message>
        <source>Cost items…</source>
        <translation>Kostenposten…</translation>
    </message>
    <message>
        <source>Exchange rates…</source>
        <translation>Wisselkoersen…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Vernieuwen</translation>
    </message>
    <message>
        <source>Funding sources</source>
        <translation>Financieringsbronnen</translation>
    </message>
    <message>
        <source>Each source: budget, spent, left</source>
        <translation>Elke bron: budget, besteed, resterend</translation>
    </message>
    <message>
        <source>&lt;b&gt;Funding sources&lt;/b&gt;</source>
        <translation>&lt;b&gt;Financieringsbronnen&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Spent of the amount awarded&lt;/b&gt;</source>
        <translation>&lt;b&gt;Besteed van het toegekende bedrag&lt;/b&gt;</translation>
    </message>
    <message>
        <source>No costs recorded yet: add cost items to see the cost per participant.</source>
        <translation>Nog geen kosten vastgelegd: voeg kostenposten toe om de kosten per deelnemer te zien.</translation>
    </message>
    <message>
        <source>Cost per participant by mode</source>
        <translation>Kosten per deelnemer per vorm</translation>
    </message>
    <message>
        <source>Cost per participant by year</source>
        <translation>Kosten per deelnemer per jaar</translation>
    </message>
    <message>
        <source>Click a bar or select a source to list the cost items behind it.</source>
        <translation>Klik op een balk of selecteer een bron om de kostenposten erachter te tonen.</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>What the chosen bar or source is made of</source>
        <translation>Waaruit de gekozen balk of bron bestaat</translation>
    </message>
    <message>
        <source>Funding not loaded</source>
        <translation>Financiering niet geladen</translation>
    </message>
    <message>
        <source>{spent} of {awarded}</source>
        <translation>{spent} van {awarded}</translation>
    </message>
    <message>
        <source> — overspent</source>
        <translation> — overschreden</translation>
    </message>
    <message>
        <source>Not counted: {value}</source>
        <translation>Niet meegeteld: {value}</translation>
    </message>
    <message>
        <source>Not counted:
• </source>
        <translation>Niet meegeteld:
• </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;{title}&lt;/b&gt;: %n cost item(s), {total} in all</source>
        <translation>
            <numerusform>&lt;b&gt;{title}&lt;/b&gt;: %n kostenpost, {total} in totaal</numerusform>
            <numerusform>&lt;b&gt;{title}&lt;/b&gt;: %n kostenposten, {total} in totaal</numerusform>
        </translation>
    </message>
    <message>
        <source>{label} ({what}), {participants} participants</source>
        <translation>{label} ({what}), {participants} deelnemers</translation>
    </message>
    <message>
        <source>Cannot open the funding source</source>
        <translation>Kan de financieringsbron niet openen</translation>
    </message>
    <message>
        <source>Delete funding source</source>
        <translation>Financieringsbron verwijderen</translation>
    </message>
    <message>
        <source>Delete {name}?</source>
        <translation>{name} verwijderen?</translation>
    </message>
    <message>
        <source>Funding source not deleted</source>
        <translation>Financieringsbron niet verwijderd</translation>
    </message>
    <message>
        <source>Anywhere</source>
        <translation>Overal</translation>
    </message>
    <message>
        <source>The user guide, at the section of what you are looking at</source>
        <translation>De gebruikershandleiding, bij het onderdeel waar u naar kijkt</translation>
    </message>
    <message>
        <source>Alt + underlined letter</source>
        <translation>Alt + onderstreepte letter</translation>
    </message>
    <message>
        <source>The menu, button, tab or field of that letter</source>
        <translation>Het menu, de knop, het tabblad of het veld van die letter</translation>
    </message>
    <message>
        <source>Tab / Shift+Tab</source>
        <translation>Tab / Shift+Tab</translation>
    </message>
    <message>
        <source>The next / previous control</source>
        <translation>Het volgende / vorige besturingselement</translation>
    </message>
    <message>
        <source>Tables</source>
        <translation>Tabellen</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Open the selected placement or record</source>
        <translation>De geselecteerde stage of het geselecteerde record openen</translation>
    </message>
    <message>
        <source>Arrow keys, Page Up/Down</source>
        <translation>Pijltoetsen, Page Up/Down</translation>
    </message>
    <message>
        <source>Move through the rows</source>
        <translation>Door de rijen bewegen</translation>
    </message>
    <message>
        <source>Tab bars</source>
        <translation>Tabbladbalken</translation>
    </message>
    <message>
        <source>Ctrl+Tab / Ctrl+Shift+Tab</source>
        <translation>Ctrl+Tab / Ctrl+Shift+Tab</translation>
    </message>
    <message>
        <source>The next / previous tab</source>
        <translation>Het volgende / vorige tabblad</translation>
    </message>
    <message>
        <source>Placement editor</source>
        <translation>Stage-editor</translation>
    </message>
    <message>
        <source>Save the placement</source>
        <translation>De stage opslaan</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Close; unsaved changes are asked about</source>
        <translation>Sluiten; naar niet-opgeslagen wijzigingen wordt gevraagd</translation>
    </message>
    <message>
        <source>Pickers</source>
        <translation>Keuzelijsten</translation>
    </message>
    <message>
        <source>Down, then Enter</source>
        <translation>Omlaag, dan Enter</translation>
    </message>
    <message>
        <source>List the matches of what you typed and take one</source>
        <translation>De treffers van wat u hebt getypt tonen en er een kiezen</translation>
    </message>
    <message>
        <source>Date fields</source>
        <translation>Datumvelden</translation>
    </message>
    <message>
        <source>Type the date</source>
        <translation>Typ de datum</translation>
    </message>
    <message>
        <source>YYYY-MM-DD, DD/MM/YYYY or DD.MM.YYYY</source>
        <translation>JJJJ-MM-DD, DD/MM/JJJJ of DD.MM.JJJJ</translation>
    </message>
    <message>
        <source>Text boxes</source>
        <translation>Tekstvakken</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tab</translation>
    </message>
    <message>
        <source>Moves on (a text box never keeps Tab)</source>
        <translation>Gaat verder (een tekstvak houdt Tab nooit vast)</translation>
    </message>
    <message>
        <source>Wizards</source>
        <translation>Wizards</translation>
    </message>
    <message>
        <source>Alt+N / Alt+B</source>
        <translation>Alt+N / Alt+B</translation>
    </message>
    <message>
        <source>Next / Back page</source>
        <translation>Volgende / vorige pagina</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Sneltoetsen</translation>
    </message>
    <message>
        <source>Where, which keys, what they do</source>
        <translation>Waar, welke toetsen, wat ze doen</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Waar</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Toetsen</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Wat</translation>
    </message>
    <message>
        <source>vipdesk user guide</source>
        <translation>vipdesk-gebruikershandleiding</translation>
    </message>
    <message>
        <source>Search the guide</source>
        <translation>Zoeken in de handleiding</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Inhoud</translation>
    </message>
    <message>
        <source>No section mentions this.</source>
        <translation>Geen enkel onderdeel vermeldt dit.</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>&amp;Gebruikershandleiding</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Stopping… nothing will be changed.</source>
        <translation>Bezig met stoppen… er wordt niets gewijzigd.</translation>
    </message>
    <message>
        <source> ({done:,} of {total:,})</source>
        <translation> ({done:,} van {total:,})</translation>
    </message>
    <message>
        <source>It was not done</source>
        <translation>Het is niet uitgevoerd</translation>
    </message>
    <message>
        <source>Cancelled: nothing was changed.</source>
        <translation>Geannuleerd: er is niets gewijzigd.</translation>
    </message>
    <message>
        <source>Send by e-mail</source>
        <translation>Per e-mail versturen</translation>
    </message>
    <message>
        <source>{party_label}: the PDF to sign</source>
        <translation>{party_label}: de PDF om te ondertekenen</translation>
    </message>
    <message>
        <source>{party_label}: the fillable PDF for HR</source>
        <translation>{party_label}: de invulbare PDF voor HR</translation>
    </message>
    <message>
        <source>The message is shown before it goes; you can change it there.</source>
        <translation>Het bericht wordt getoond voordat het vertrekt; u kunt het daar wijzigen.</translation>
    </message>
    <message>
        <source>&amp;Send to:</source>
        <translation>&amp;Versturen naar:</translation>
    </message>
    <message>
        <source>The message&apos;s wording and dates in this language</source>
        <translation>De tekst en data van het bericht in deze taal</translation>
    </message>
    <message>
        <source>Language of the message</source>
        <translation>Taal van het bericht</translation>
    </message>
    <message>
        <source>&amp;Message in:</source>
        <translation>&amp;Bericht in:</translation>
    </message>
    <message>
        <source>Every party has signed {title}.</source>
        <translation>Alle partijen hebben {title} ondertekend.</translation>
    </message>
    <message>
        <source>No mail server is set (Settings → E-mail): open the message in your mail program, or save it as a file. It is not kept in the outbox.</source>
        <translation>Er is geen mailserver ingesteld (Instellingen → E-mail): open het bericht in uw e-mailprogramma of sla het op als bestand. Het wordt niet in het postvak uit bewaard.</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Aan</translation>
    </message>
    <message>
        <source>Cc</source>
        <translation>Cc</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Onderwerp</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Bericht</translation>
    </message>
    <message>
        <source>Attached files</source>
        <translation>Bijgevoegde bestanden</translation>
    </message>
    <message>
        <source>The files sent with it</source>
        <translation>De bestanden die worden meegestuurd</translation>
    </message>
    <message>
        <source>Attached:</source>
        <translation>Bijgevoegd:</translation>
    </message>
    <message>
        <source>From {sender}</source>
        <translation>Van {sender}</translation>
    </message>
    <message>
        <source>&amp;Open in mail program</source>
        <translation>&amp;Openen in e-mailprogramma</translation>
    </message>
    <message>
        <source>Save as .&amp;eml…</source>
        <translation>Opslaan als .&amp;eml…</translation>
    </message>
    <message>
        <source>&amp;Message:</source>
        <translation>&amp;Bericht:</translation>
    </message>
    <message>
        <source>Save the message</source>
        <translation>Het bericht opslaan</translation>
    </message>
    <message>
        <source>E-mail (*.eml)</source>
        <translation>E-mail (*.eml)</translation>
    </message>
    <message>
        <source>Open in mail program</source>
        <translation>Openen in e-mailprogramma</translation>
    </message>
    <message>
        <source>No mail program opened it. The message is saved as {path}: attach or open it from there.</source>
        <translation>Geen e-mailprogramma heeft het geopend. Het bericht is opgeslagen als {path}: voeg het van daaruit bij of open het daar.</translation>
    </message>
    <message>
        <source>No e-mail yet. Messages sent from a placement (agreements, questionnaires, reminders) show here.</source>
        <translation>Nog geen e-mail. Berichten die vanuit een stage worden verstuurd (overeenkomsten, vragenlijsten, herinneringen), verschijnen hier.</translation>
    </message>
    <message>
        <source>Failed ({attempts} tries)</source>
        <translation>Mislukt ({attempts} pogingen)</translation>
    </message>
    <message>
        <source>Failed</source>
        <comment>a message that could not be sent</comment>
        <translation>Mislukt</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wanneer</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Wat er gebeurde</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Postvak uit</translation>
    </message>
    <message>
        <source>Every e-mail and what became of it</source>
        <translation>Elke e-mail en wat ermee is gebeurd</translation>
    </message>
    <message>
        <source>&amp;Send queued now</source>
        <translation>&amp;Wachtrij nu versturen</translation>
    </message>
    <message>
        <source>Re&amp;try</source>
        <translation>&amp;Opnieuw proberen</translation>
    </message>
    <message>
        <source>&amp;Cancel sending</source>
        <translation>Verzenden &amp;annuleren</translation>
    </message>
    <message>
        <source>&amp;Read…</source>
        <translation>&amp;Lezen…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s)</source>
        <translation>
            <numerusform>%Ln bericht</numerusform>
            <numerusform>%Ln berichten</numerusform>
        </translation>
    </message>
    <message>
        <source>From: {value}
To: {value2}
</source>
        <translation>Van: {value}
Aan: {value2}
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
        <translation>Onderwerp: {value}
</translation>
    </message>
    <message>
        <source>Attached: {join}
</source>
        <translation>Bijgevoegd: {join}
</translation>
    </message>
    <message>
        <source>State: {state}</source>
        <translation>Status: {state}</translation>
    </message>
    <message>
        <source>Send reminders</source>
        <translation>Herinneringen versturen</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n reminder(s)&lt;/b&gt; due today.</source>
        <translation>
            <numerusform>&lt;b&gt;%n herinnering&lt;/b&gt; vandaag te versturen.</numerusform>
            <numerusform>&lt;b&gt;%n herinneringen&lt;/b&gt; vandaag te versturen.</numerusform>
        </translation>
    </message>
    <message>
        <source>{reminded_lately} item(s) were reminded in the last 7 days.</source>
        <translation>Voor {reminded_lately} item(s) is in de afgelopen 7 dagen een herinnering verstuurd.</translation>
    </message>
    <message>
        <source>No e-mail address for {join}.</source>
        <translation>Geen e-mailadres voor {join}.</translation>
    </message>
    <message>
        <source>No mail server is set (Settings → E-mail): save them as .eml files.</source>
        <translation>Er is geen mailserver ingesteld (Instellingen → E-mail): sla ze op als .eml-bestanden.</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>Herinneringen</translation>
    </message>
    <message>
        <source>Each reminder, to whom and about what</source>
        <translation>Elke herinnering, aan wie en waarover</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Send %n reminder(s)</source>
        <translation>
            <numerusform>%n herinnering &amp;versturen</numerusform>
            <numerusform>%n herinneringen &amp;versturen</numerusform>
        </translation>
    </message>
    <message>
        <source>Save as .&amp;eml files…</source>
        <translation>Opslaan als .&amp;eml-bestanden…</translation>
    </message>
    <message>
        <source>Save the reminders in</source>
        <translation>De herinneringen opslaan in</translation>
    </message>
    <message>
        <source>Save the reminders</source>
        <translation>De herinneringen opslaan</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Bezig met verzenden</translation>
    </message>
    <message>
        <source>Sending e-mail</source>
        <translation>E-mail wordt verzonden</translation>
    </message>
    <message>
        <source>{summary}.

{first}

The Outbox keeps the failed messages: correct the settings or the address, then Retry.</source>
        <translation>{summary}.

{first}

Het postvak uit bewaart de mislukte berichten: corrigeer de instellingen of het adres en kies dan Opnieuw proberen.</translation>
    </message>
    <message numerus="yes">
        <source>%n sent</source>
        <translation>
            <numerusform>%n verzonden</numerusform>
            <numerusform>%n verzonden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n mislukt</numerusform>
            <numerusform>%n mislukt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n still queued</source>
        <translation>
            <numerusform>%n nog in de wachtrij</numerusform>
            <numerusform>%n nog in de wachtrij</numerusform>
        </translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Beveiliging</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Poort</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Gebruikersnaam</translation>
    </message>
    <message>
        <source>stored in the system&apos;s credential store</source>
        <translation>opgeslagen in de wachtwoordopslag van het systeem</translation>
    </message>
    <message>
        <source>not stored</source>
        <translation>niet opgeslagen</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Wachtwoord</translation>
    </message>
    <message>
        <source>International Office, University of …</source>
        <translation>International Office, Universiteit van …</translation>
    </message>
    <message>
        <source>Sender name</source>
        <translation>Naam afzender</translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation>Adres afzender</translation>
    </message>
    <message>
        <source>Reply-to</source>
        <translation>Antwoord aan</translation>
    </message>
    <message>
        <source>Send a &amp;test message</source>
        <translation>&amp;Testbericht versturen</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Berichten</translation>
    </message>
    <message>
        <source>Each message vipdesk sends; choose one</source>
        <translation>Elk bericht dat vipdesk verstuurt; kies er een</translation>
    </message>
    <message>
        <source>Placeholders: {names}</source>
        <translation>Plaatshouders: {names}</translation>
    </message>
    <message>
        <source>Save &amp;wording</source>
        <translation>&amp;Tekst opslaan</translation>
    </message>
    <message>
        <source>&amp;Restore the shipped text</source>
        <translation>Meegeleverde tekst &amp;herstellen</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Onderwerp:</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>Tekst:</translation>
    </message>
    <message>
        <source>Signature (ends every message)</source>
        <translation>Handtekening (sluit elk bericht af)</translation>
    </message>
    <message>
        <source>{title} (office wording)</source>
        <translation>{title} (tekst van het bureau)</translation>
    </message>
    <message>
        <source>Mail templates</source>
        <translation>E-mailsjablonen</translation>
    </message>
    <message>
        <source>E-mail settings</source>
        <translation>E-mailinstellingen</translation>
    </message>
    <message>
        <source>&amp;Server and sender</source>
        <translation>&amp;Server en afzender</translation>
    </message>
    <message>
        <source>&amp;Messages</source>
        <translation>&amp;Berichten</translation>
    </message>
    <message>
        <source>Not sent: {exc}</source>
        <translation>Niet verstuurd: {exc}</translation>
    </message>
    <message>
        <source>Sent to {sender_address}; the server answered {reply}.</source>
        <translation>Verstuurd naar {sender_address}; de server antwoordde {reply}.</translation>
    </message>
    <message>
        <source>This computer has no credential store: the password is kept until vipdesk is closed, and will be asked for again.</source>
        <translation>Deze computer heeft geen wachtwoordopslag: het wachtwoord wordt bewaard tot vipdesk wordt gesloten en wordt daarna opnieuw gevraagd.</translation>
    </message>
    <message>
        <source>E-mail (*.eml);;All files (*)</source>
        <translation>E-mail (*.eml);;Alle bestanden (*)</translation>
    </message>
    <message>
        <source>Import returned mail</source>
        <translation>Teruggestuurde e-mail importeren</translation>
    </message>
    <message>
        <source>Out&amp;box</source>
        <translation>Postvak &amp;uit</translation>
    </message>
    <message>
        <source>&amp;E-mail…</source>
        <translation>&amp;E-mail…</translation>
    </message>
    <message>
        <source>The mail server, the sender and the message templates</source>
        <translation>De mailserver, de afzender en de berichtsjablonen</translation>
    </message>
    <message>
        <source>Import returned &amp;mail (.eml)…</source>
        <translation>Teruggestuurde e-mail &amp;importeren (.eml)…</translation>
    </message>
    <message>
        <source>E-mail the report</source>
        <translation>Het rapport e-mailen</translation>
    </message>
    <message>
        <source>Not ours, left alone: {name}</source>
        <translation>Niet van ons, genegeerd: {name}</translation>
    </message>
    <message>
        <source>{name} is the {kind} of {reference}: record its signatures in the Agreement tab (Record signature…).</source>
        <translation>{name} is de {kind} van {reference}: leg de handtekeningen vast op het tabblad Overeenkomst (Handtekening vastleggen…).</translation>
    </message>
    <message>
        <source>vipdesk — {describe_url}</source>
        <translation>vipdesk — {describe_url}</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Opnieuw proberen</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>Onderdelen</translation>
    </message>
    <message>
        <source>&amp;Today</source>
        <translation>V&amp;andaag</translation>
    </message>
    <message>
        <source>&amp;Placements</source>
        <translation>&amp;Stages</translation>
    </message>
    <message>
        <source>&amp;Students</source>
        <translation>S&amp;tudenten</translation>
    </message>
    <message>
        <source>&amp;Organisations</source>
        <translation>&amp;Organisaties</translation>
    </message>
    <message>
        <source>&amp;Contacts</source>
        <translation>&amp;Contactpersonen</translation>
    </message>
    <message>
        <source>&amp;Institutions</source>
        <translation>O&amp;nderwijsinstellingen</translation>
    </message>
    <message>
        <source>F&amp;unding</source>
        <translation>&amp;Financiering</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <source>&amp;New placement…</source>
        <translation>&amp;Nieuwe stage…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Vernieuwen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <source>Export &amp;agreements…</source>
        <translation>&amp;Overeenkomsten exporteren…</translation>
    </message>
    <message>
        <source>Settin&amp;gs</source>
        <translation>Instellin&amp;gen</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>Be&amp;werken</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Zoeken…</translation>
    </message>
    <message>
        <source>&amp;Open placement</source>
        <translation>Stage &amp;openen</translation>
    </message>
    <message>
        <source>&amp;Delete placement…</source>
        <translation>Stage &amp;verwijderen…</translation>
    </message>
    <message>
        <source>&amp;Recently deleted…</source>
        <translation>&amp;Recent verwijderd…</translation>
    </message>
    <message>
        <source>&amp;Trusted certificates…</source>
        <translation>&amp;Vertrouwde certificaten…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Beel&amp;d</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Sneltoetsen</translation>
    </message>
    <message>
        <source>&amp;About vipdesk</source>
        <translation>&amp;Over vipdesk</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hoofdvenster</translation>
    </message>
    <message>
        <source>&amp;Today ({due:,})</source>
        <translation>V&amp;andaag ({due:,})</translation>
    </message>
    <message>
        <source>{due:,} due · {overdue:,} overdue · {placements:,} placements · {describe_url}</source>
        <translation>{due:,} te doen · {overdue:,} achterstallig · {placements:,} stages · {describe_url}</translation>
    </message>
    <message>
        <source>Cannot open the placement</source>
        <translation>Kan de stage niet openen</translation>
    </message>
    <message>
        <source>Delete placement</source>
        <translation>Stage verwijderen</translation>
    </message>
    <message>
        <source>Delete {reference} — {student} at {host}? Its checklist goes with it. This cannot be undone.</source>
        <translation>{reference} — {student} bij {host} verwijderen? De checklist wordt mee verwijderd. Dit kan niet ongedaan worden gemaakt.</translation>
    </message>
    <message>
        <source>Deleted {reference}.</source>
        <translation>{reference} verwijderd.</translation>
    </message>
    <message>
        <source>About vipdesk</source>
        <translation>Over vipdesk</translation>
    </message>
    <message>
        <source>&lt;b&gt;vipdesk {version__}&lt;/b&gt;&lt;br&gt;Records, preparation and reporting for virtual and blended international work placements.&lt;br&gt;&lt;br&gt;Database: {describe_url}</source>
        <translation>&lt;b&gt;vipdesk {version__}&lt;/b&gt;&lt;br&gt;Registratie, voorbereiding en rapportage voor virtuele en gemengde internationale stages.&lt;br&gt;&lt;br&gt;Database: {describe_url}</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; mixes separators. Type it as 1234.50 or 1 234,50.</source>
        <translation>&apos;{text}&apos; mengt scheidingstekens. Typ het bedrag als 1234,50 of 1.234,50.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not an amount. Type it as 1234.50 or 1 234,50.</source>
        <translation>&apos;{text}&apos; is geen bedrag. Typ het als 1234,50 of 1.234,50.</translation>
    </message>
    <message>
        <source>e.g. 1234.50 or 1 234,50</source>
        <translation>bijv. 1234.50 of 1 234,50</translation>
    </message>
    <message>
        <source>Reports and reflections (*.pdf *.docx *.png *.jpg *.jpeg);;All files (*)</source>
        <translation>Verslagen en reflecties (*.pdf *.docx *.png *.jpg *.jpeg);;Alle bestanden (*)</translation>
    </message>
    <message>
        <source>student, mentor, tutor</source>
        <translation>student, mentor, academisch begeleider</translation>
    </message>
    <message>
        <source>student, mentor</source>
        <translation>student, mentor</translation>
    </message>
    <message>
        <source>student, tutor</source>
        <translation>student, academisch begeleider</translation>
    </message>
    <message>
        <source>student, colleagues</source>
        <translation>student, collega&apos;s</translation>
    </message>
    <message>
        <source>student, coordinator</source>
        <translation>student, coördinator</translation>
    </message>
    <message>
        <source>student, mentor, coordinator</source>
        <translation>student, mentor, coördinator</translation>
    </message>
    <message>
        <source>monitoring entry</source>
        <translation>monitoringregel</translation>
    </message>
    <message>
        <source>Monitoring entry not saved</source>
        <translation>Monitoringregel niet opgeslagen</translation>
    </message>
    <message>
        <source>e.g. student, mentor</source>
        <translation>bijv. student, mentor</translation>
    </message>
    <message>
        <source>One of the tools chosen for this placement (Preparation tab)</source>
        <translation>Een van de tools die voor deze stage zijn gekozen (tabblad Voorbereiding)</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Attach a file…</source>
        <translation>Bestand bijvoegen…</translation>
    </message>
    <message>
        <source>A PDF, a Word document (.docx), a PNG or a JPEG, up to {value} MB</source>
        <translation>Een pdf, een Word-document (.docx), een PNG of een JPEG, tot {value} MB</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Verwijderen</translation>
    </message>
    <message>
        <source>This raised a concern</source>
        <translation>Dit gaf aanleiding tot een zorgpunt</translation>
    </message>
    <message>
        <source>Who took part</source>
        <translation>Wie deelnam</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duur</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notitie</translation>
    </message>
    <message>
        <source>Concern</source>
        <translation>Zorgpunt</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Vervolg</translation>
    </message>
    <message>
        <source>Resolved on</source>
        <translation>Opgelost op</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Oplossing</translation>
    </message>
    <message>
        <source>{kind} of {day}</source>
        <translation>{kind} van {day}</translation>
    </message>
    <message>
        <source>New log entry</source>
        <translation>Nieuwe logboekregel</translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation>Een bestand bijvoegen</translation>
    </message>
    <message>
        <source>{name} is over {value} MB.</source>
        <translation>{name} is groter dan {value} MB.</translation>
    </message>
    <message>
        <source>Cannot read {name}: {strerror}.</source>
        <translation>Kan {name} niet lezen: {strerror}.</translation>
    </message>
    <message>
        <source>No file</source>
        <translation>Geen bestand</translation>
    </message>
    <message>
        <source>open</source>
        <translation>open</translation>
    </message>
    <message>
        <source>resolved {day}</source>
        <translation>opgelost {day}</translation>
    </message>
    <message>
        <source>{what} ({cadence}): {met} of {expected} expected met</source>
        <translation>{what} ({cadence}): {met} van {expected} verwachte gehouden</translation>
    </message>
    <message>
        <source>; overdue since {day}</source>
        <translation>; te laat sinds {day}</translation>
    </message>
    <message>
        <source>met on {met_on}</source>
        <translation>gehouden op {met_on}</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>nog niet</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>gemist</translation>
    </message>
    <message>
        <source>Save the placement first to keep its monitoring log.</source>
        <translation>Sla de stage eerst op om het monitoringlogboek bij te houden.</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wie</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>Min</translation>
    </message>
    <message>
        <source>Monitoring log</source>
        <translation>Monitoringlogboek</translation>
    </message>
    <message>
        <source>Meetings, reports and checks</source>
        <translation>Bijeenkomsten, verslagen en controles</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Verwacht</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Bijeenkomst</translation>
    </message>
    <message>
        <source>Expected meetings</source>
        <translation>Verwachte bijeenkomsten</translation>
    </message>
    <message>
        <source>Each slot of the protocol&apos;s cadence: met or missed</source>
        <translation>Elk moment in de frequentie van het protocol: gehouden of gemist</translation>
    </message>
    <message>
        <source>&amp;New entry…</source>
        <translation>&amp;Nieuwe regel…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bewerken…</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>Ver&amp;wijderen</translation>
    </message>
    <message>
        <source>Save &amp;file…</source>
        <translation>Bestand &amp;opslaan…</translation>
    </message>
    <message>
        <source>&amp;Recognition…</source>
        <translation>&amp;Erkenning…</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>Bijeenkomsten</translation>
    </message>
    <message>
        <source>Reports and reflections</source>
        <translation>Verslagen en reflecties</translation>
    </message>
    <message>
        <source>No communication protocol yet: no rhythm of meetings to measure.</source>
        <translation>Nog geen communicatieprotocol: geen ritme van bijeenkomsten om te meten.</translation>
    </message>
    <message numerus="yes">
        <source>%n concern(s) open</source>
        <translation>
            <numerusform>%n open zorgpunt</numerusform>
            <numerusform>%n open zorgpunten</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing logged yet: New entry… records the kick-off first.</source>
        <translation>Nog niets vastgelegd: Nieuwe regel… legt eerst de kick-off vast.</translation>
    </message>
    <message>
        <source>No credits planned: nothing to recognise in the degree.</source>
        <translation>Geen studiepunten gepland: niets te erkennen in de opleiding.</translation>
    </message>
    <message>
        <source>Not complete yet: </source>
        <translation>Nog niet compleet: </translation>
    </message>
    <message>
        <source>{credits_awarded} of {planned_credits} credits, grade {grade}, transcript of {transcript_on}.</source>
        <translation>{credits_awarded} van {planned_credits} studiepunten, cijfer {grade}, cijferlijst van {transcript_on}.</translation>
    </message>
    <message>
        <source>Delete the {label} of {held_on}? It can be restored from Edit → Recently deleted for 30 days.</source>
        <translation>De {label} van {held_on} verwijderen? Ze kan 30 dagen lang worden hersteld via Bewerken → Onlangs verwijderd.</translation>
    </message>
    <message>
        <source>Delete the entry</source>
        <translation>De regel verwijderen</translation>
    </message>
    <message>
        <source>Not deleted</source>
        <translation>Niet verwijderd</translation>
    </message>
    <message>
        <source>Save the file</source>
        <translation>Het bestand opslaan</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Niet opgeslagen</translation>
    </message>
    <message>
        <source>Recognition not saved</source>
        <translation>Erkenning niet opgeslagen</translation>
    </message>
    <message>
        <source>Only when more credits are awarded than planned</source>
        <translation>Alleen als er meer studiepunten worden toegekend dan gepland</translation>
    </message>
    <message>
        <source>One learning outcome achieved per line</source>
        <translation>Eén behaald leerresultaat per regel</translation>
    </message>
    <message>
        <source>All planned outcomes achieved</source>
        <translation>Alle geplande leerresultaten behaald</translation>
    </message>
    <message>
        <source>Credits awarded (ECTS)</source>
        <translation>Toegekende studiepunten (ECTS)</translation>
    </message>
    <message>
        <source>Reason for more credits</source>
        <translation>Reden voor meer studiepunten</translation>
    </message>
    <message>
        <source>Grading scale</source>
        <translation>Beoordelingsschaal</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Cijfer</translation>
    </message>
    <message>
        <source>Transcript of records of</source>
        <translation>Cijferlijst van</translation>
    </message>
    <message>
        <source>Certificate received on</source>
        <translation>Certificaat ontvangen op</translation>
    </message>
    <message>
        <source> ({planned_credits} ECTS planned)</source>
        <translation> ({planned_credits} ECTS gepland)</translation>
    </message>
    <message>
        <source>Recognition{planned}</source>
        <translation>Erkenning{planned}</translation>
    </message>
    <message>
        <source>{credits} planned</source>
        <translation>{credits} gepland</translation>
    </message>
    <message>
        <source>a number from {low} to {high}</source>
        <translation>een getal van {low} tot {high}</translation>
    </message>
    <message>
        <source>Host organisation</source>
        <translation>Ontvangende organisatie</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>Instelling</translation>
    </message>
    <message>
        <source>Contact not saved</source>
        <translation>Contactpersoon niet opgeslagen</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Works at</source>
        <translation>Werkt bij</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Tijdzone</translation>
    </message>
    <message>
        <source>Contact: {name}</source>
        <translation>Contactpersoon: {name}</translation>
    </message>
    <message>
        <source>New {label}</source>
        <translation>Nieuw: {label}</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>Nieuwe contactpersoon</translation>
    </message>
    <message>
        <source>where this person works</source>
        <translation>waar deze persoon werkt</translation>
    </message>
    <message>
        <source>a time zone</source>
        <translation>een tijdzone</translation>
    </message>
    <message>
        <source>Institution not saved</source>
        <translation>Instelling niet opgeslagen</translation>
    </message>
    <message>
        <source>e.g. PL WARSZAW01</source>
        <translation>bijv. PL WARSZAW01</translation>
    </message>
    <message>
        <source>Erasmus code</source>
        <translation>Erasmus-code</translation>
    </message>
    <message>
        <source>Faculty</source>
        <translation>Faculteit</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Plaats</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>Institution: {name}</source>
        <translation>Instelling: {name}</translation>
    </message>
    <message>
        <source>New institution</source>
        <translation>Nieuwe instelling</translation>
    </message>
    <message>
        <source>a country</source>
        <translation>een land</translation>
    </message>
    <message>
        <source>Organisation not saved</source>
        <translation>Organisatie niet opgeslagen</translation>
    </message>
    <message>
        <source>Street and number, as on a letter</source>
        <translation>Straat en huisnummer, zoals op een brief</translation>
    </message>
    <message>
        <source>e.g. Software, Renewable energy, NGO</source>
        <translation>bijv. Software, Hernieuwbare energie, ngo</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Straat</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Grootte</translation>
    </message>
    <message>
        <source>Organisation: {name}</source>
        <translation>Organisatie: {name}</translation>
    </message>
    <message>
        <source>New host organisation</source>
        <translation>Nieuwe ontvangende organisatie</translation>
    </message>
    <message>
        <source>EQF 5 (short cycle)</source>
        <translation>EQF 5 (associate degree)</translation>
    </message>
    <message>
        <source>EQF 6 (bachelor)</source>
        <translation>EQF 6 (bachelor)</translation>
    </message>
    <message>
        <source>EQF 7 (master)</source>
        <translation>EQF 7 (master)</translation>
    </message>
    <message>
        <source>EQF 8 (doctorate)</source>
        <translation>EQF 8 (doctoraat)</translation>
    </message>
    <message>
        <source>Student not saved</source>
        <translation>Student niet opgeslagen</translation>
    </message>
    <message>
        <source>ISCED-F, e.g. 0413 Management and administration</source>
        <translation>ISCED-F, bijv. 0413 Management en administratie</translation>
    </message>
    <message>
        <source>Messages to the student are offered in this language</source>
        <translation>Berichten aan de student worden in deze taal aangeboden</translation>
    </message>
    <message>
        <source>Language for the student&apos;s messages</source>
        <translation>Taal van de berichten aan de student</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Voornaam</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Achternaam</translation>
    </message>
    <message>
        <source>Student number</source>
        <translation>Studentnummer</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Geboortedatum</translation>
    </message>
    <message>
        <source>Nationality</source>
        <translation>Nationaliteit</translation>
    </message>
    <message>
        <source>Study cycle</source>
        <translation>Studiecyclus</translation>
    </message>
    <message>
        <source>Field of education</source>
        <translation>Opleidingsgebied</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>Opleiding</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Talen</translation>
    </message>
    <message>
        <source>Messages in</source>
        <translation>Berichten in het</translation>
    </message>
    <message>
        <source>Student: {full_name}</source>
        <translation>Student: {full_name}</translation>
    </message>
    <message>
        <source>New student</source>
        <translation>Nieuwe student</translation>
    </message>
    <message>
        <source>an institution</source>
        <translation>een instelling</translation>
    </message>
    <message>
        <source>Native</source>
        <translation>Moedertaal</translation>
    </message>
    <message>
        <source>Each language with its CEFR level</source>
        <translation>Elke taal met het ERK-niveau</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <source>Level (CEFR)</source>
        <translation>Niveau (ERK)</translation>
    </message>
    <message>
        <source>Add language</source>
        <translation>Taal toevoegen</translation>
    </message>
    <message>
        <source>Disability or health condition</source>
        <translation>Handicap of gezondheidsprobleem</translation>
    </message>
    <message>
        <source>Economic, social or geographic obstacles</source>
        <translation>Economische, sociale of geografische belemmeringen</translation>
    </message>
    <message>
        <source>Migrant or refugee background</source>
        <translation>Migranten- of vluchtelingenachtergrond</translation>
    </message>
    <message>
        <source>Working student or carer</source>
        <translation>Werkstudent of mantelzorger</translation>
    </message>
    <message>
        <source>Special-category personal data (GDPR art. 9): record only what the student declared, e.g. for an Erasmus+ inclusion top-up. Kept apart from the student record, never shown in lists or exports; the history notes only that it changed.</source>
        <translation>Bijzondere persoonsgegevens (AVG art. 9): leg alleen vast wat de student heeft opgegeven, bijv. voor een inclusietoeslag van Erasmus+. Gescheiden van het studentrecord bewaard, nooit getoond in lijsten of exports; de geschiedenis vermeldt alleen dat het is gewijzigd.</translation>
    </message>
    <message>
        <source>Sensitive: equity flags</source>
        <translation>Gevoelig: gelijkekansenkenmerken</translation>
    </message>
    <message>
        <source>Note on the grant&apos;s grounds</source>
        <translation>Notitie over de grondslag van de beurs</translation>
    </message>
    <message>
        <source>Note (only what is needed for the grant)</source>
        <translation>Notitie (alleen wat nodig is voor de beurs)</translation>
    </message>
    <message>
        <source>Student no.</source>
        <translation>Studentnr.</translation>
    </message>
    <message>
        <source>Placements</source>
        <translation>Stages</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>Studenten</translation>
    </message>
    <message>
        <source>Delete {name}? This cannot be undone.</source>
        <translation>{name} verwijderen? Dit kan niet ongedaan worden gemaakt.</translation>
    </message>
    <message>
        <source>student</source>
        <translation>student</translation>
    </message>
    <message>
        <source>organisation</source>
        <translation>organisatie</translation>
    </message>
    <message numerus="yes">
        <source>%Ln host organisation(s)</source>
        <translation>
            <numerusform>%Ln ontvangende organisatie</numerusform>
            <numerusform>%Ln ontvangende organisaties</numerusform>
        </translation>
    </message>
    <message>
        <source>contact</source>
        <translation>contactpersoon</translation>
    </message>
    <message>
        <source>institution</source>
        <translation>instelling</translation>
    </message>
    <message numerus="yes">
        <source>%Ln institution(s)</source>
        <translation>
            <numerusform>%Ln instelling</numerusform>
            <numerusform>%Ln instellingen</numerusform>
        </translation>
    </message>
    <message>
        <source>done outside vipdesk: </source>
        <translation>buiten vipdesk gedaan: </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) marked below</source>
        <translation>
            <numerusform>%n item hieronder gemarkeerd</numerusform>
            <numerusform>%n items hieronder gemarkeerd</numerusform>
        </translation>
    </message>
    <message>
        <source>{count} things block</source>
        <translation>{count} zaken blokkeren</translation>
    </message>
    <message>
        <source>1 thing blocks</source>
        <translation>1 zaak blokkeert</translation>
    </message>
    <message>
        <source>{first}; and {last}</source>
        <translation>{first}; en {last}</translation>
    </message>
    <message>
        <source>{things} “{target}”: {reasons}</source>
        <translation>{things} ‘{target}’: {reasons}</translation>
    </message>
    <message>
        <source>Other moves</source>
        <translation>Andere stappen</translation>
    </message>
    <message>
        <source>Save the placement to start its checklist.</source>
        <translation>Sla de stage op om de checklist te starten.</translation>
    </message>
    <message>
        <source>Status: &lt;b&gt;Draft&lt;/b&gt; (not saved yet)</source>
        <translation>Status: &lt;b&gt;Concept&lt;/b&gt; (nog niet opgeslagen)</translation>
    </message>
    <message>
        <source> — step {value} of {count}</source>
        <translation> — stap {value} van {count}</translation>
    </message>
    <message>
        <source>Status: &lt;b&gt;{label}&lt;/b&gt;{step}</source>
        <translation>Status: &lt;b&gt;{label}&lt;/b&gt;{step}</translation>
    </message>
    <message>
        <source>Move to “{label}”</source>
        <translation>Naar “{label}”</translation>
    </message>
    <message>
        <source>Shows what still blocks it, with a way to each fix.</source>
        <translation>Toont wat nog blokkeert, met een weg naar elke oplossing.</translation>
    </message>
    <message>
        <source>Cancel the placement…</source>
        <translation>De stage annuleren…</translation>
    </message>
    <message>
        <source>Reopen as {label}</source>
        <translation>Heropenen als {label}</translation>
    </message>
    <message>
        <source>Back to {label}</source>
        <translation>Terug naar {label}</translation>
    </message>
    <message>
        <source>{phase} — {done} of {count} done</source>
        <translation>{phase} — {done} van {count} gedaan</translation>
    </message>
    <message>
        <source>nothing recorded</source>
        <translation>niets vastgelegd</translation>
    </message>
    <message>
        <source>Before the placement</source>
        <translation>Vóór de stage</translation>
    </message>
    <message>
        <source>During the placement</source>
        <translation>Tijdens de stage</translation>
    </message>
    <message>
        <source>After the placement</source>
        <translation>Na de stage</translation>
    </message>
    <message>
        <source>Follows from vipdesk&apos;s records.</source>
        <translation>Volgt uit de gegevens van vipdesk.</translation>
    </message>
    <message>
        <source>Ticking by hand asks why (the records do not show it).</source>
        <translation>Bij handmatig aanvinken wordt om een reden gevraagd (de gegevens tonen het niet).</translation>
    </message>
    <message>
        <source>⚠ blocks the next step</source>
        <translation>⚠ blokkeert de volgende stap</translation>
    </message>
    <message>
        <source>Tick by hand</source>
        <translation>Handmatig aanvinken</translation>
    </message>
    <message>
        <source>vipdesk ticks “{label}” from its records, which do not show it yet ({value}). Why is it done?</source>
        <translation>vipdesk vinkt “{label}” aan op basis van de gegevens, die het nog niet tonen ({value}). Waarom is het gedaan?</translation>
    </message>
    <message>
        <source>New placement</source>
        <translation>Nieuwe stage</translation>
    </message>
    <message>
        <source>Placement details</source>
        <translation>Gegevens van de stage</translation>
    </message>
    <message>
        <source>Placement sections</source>
        <translation>Onderdelen van de stage</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Preparation</source>
        <translation>Voorbereiding</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Overeenkomst</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>Monitoring</translation>
    </message>
    <message>
        <source>Mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Geschiedenis</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Opslaan</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>Opslaan (Ctrl+S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <source> — &lt;i&gt;unsaved changes&lt;/i&gt;</source>
        <translation> — &lt;i&gt;niet-opgeslagen wijzigingen&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;New placement{dirty}&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Nieuwe stage{dirty}&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>{reference} — placement</source>
        <translation>{reference} — stage</translation>
    </message>
    <message>
        <source>No further step: the placement is completed</source>
        <translation>Geen volgende stap: de stage is afgerond</translation>
    </message>
    <message>
        <source>No further step: the placement was cancelled</source>
        <translation>Geen volgende stap: de stage is geannuleerd</translation>
    </message>
    <message>
        <source>No further step</source>
        <translation>Geen volgende stap</translation>
    </message>
    <message numerus="yes">
        <source>Next: {label} — %n thing(s) still to do (Status tab)</source>
        <translation>
            <numerusform>Volgende: {label} — nog %n zaak te doen (tabblad Status)</numerusform>
            <numerusform>Volgende: {label} — nog %n zaken te doen (tabblad Status)</numerusform>
        </translation>
    </message>
    <message>
        <source>Next: {label} — nothing blocks it</source>
        <translation>Volgende: {label} — niets blokkeert</translation>
    </message>
    <message>
        <source>Restore unsaved changes?</source>
        <translation>Niet-opgeslagen wijzigingen herstellen?</translation>
    </message>
    <message>
        <source>vipdesk closed on {day} at {time} before changes to this placement were saved. Restore them? (They are not saved until you press Save.)</source>
        <translation>vipdesk werd op {day} om {time} gesloten voordat wijzigingen in deze stage waren opgeslagen. Herstellen? (Ze zijn pas opgeslagen als u op Opslaan klikt.)</translation>
    </message>
    <message>
        <source>Nothing was saved: please correct the fields marked below.</source>
        <translation>Er is niets opgeslagen: corrigeer de hieronder gemarkeerde velden.</translation>
    </message>
    <message>
        <source>{exc} Your edits are still here, not saved.</source>
        <translation>{exc} Uw wijzigingen staan er nog, niet opgeslagen.</translation>
    </message>
    <message>
        <source>Delete {reference} ({title})? Its checklist goes with it. This cannot be undone.</source>
        <translation>{reference} ({title}) verwijderen? De checklist gaat mee. Dit kan niet ongedaan worden gemaakt.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Niet-opgeslagen wijzigingen</translation>
    </message>
    <message>
        <source>This placement has changes that are not saved. Save them before closing?</source>
        <translation>Deze stage heeft wijzigingen die niet zijn opgeslagen. Opslaan voordat u sluit?</translation>
    </message>
    <message>
        <source>Virtual: online only. Blended: online with a physical stay abroad (give its periods below). Physical: on site at the host.</source>
        <translation>Virtueel: alleen online. Gemengd: online met een fysiek verblijf in het buitenland (geef hieronder de perioden op). Fysiek: ter plaatse bij de ontvangende organisatie.</translation>
    </message>
    <message>
        <source>Who supervises the trainee&apos;s work at the host; signs the certificate</source>
        <translation>Wie het werk van de stagiair bij de ontvangende organisatie begeleidt; ondertekent het certificaat</translation>
    </message>
    <message>
        <source>Who follows the learning at the sending institution and recognises it</source>
        <translation>Wie het leren bij de zendende instelling volgt en erkent</translation>
    </message>
    <message>
        <source>The trainee&apos;s university, which sends and recognises the placement</source>
        <translation>De universiteit van de stagiair, die de stage uitzendt en erkent</translation>
    </message>
    <message>
        <source>The agreed first day; the agreement and grant count from it</source>
        <translation>De afgesproken eerste dag; de overeenkomst en de beurs tellen vanaf deze dag</translation>
    </message>
    <message>
        <source>The agreed last day; an extension is an amendment</source>
        <translation>De afgesproken laatste dag; een verlenging is een wijziging</translation>
    </message>
    <message>
        <source>Agreed working hours a week (1 to 60), as the agreement states them</source>
        <translation>Afgesproken werkuren per week (1 tot 60), zoals in de overeenkomst vermeld</translation>
    </message>
    <message>
        <source>ECTS the placement is worth in the degree; empty when it does not count (then no recognition is needed to complete it)</source>
        <translation>ECTS die de stage in de opleiding waard is; leeg als ze niet meetelt (dan is er geen erkenning nodig om haar af te ronden)</translation>
    </message>
    <message>
        <source>Internal notes of the office: never printed on the agreement</source>
        <translation>Interne notities van het bureau: nooit afgedrukt op de overeenkomst</translation>
    </message>
    <message>
        <source>Periods</source>
        <translation>Perioden</translation>
    </message>
    <message>
        <source>The placement&apos;s virtual and physical periods: kind, start, end</source>
        <translation>De virtuele en fysieke perioden van de stage: soort, start, einde</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Einde</translation>
    </message>
    <message>
        <source>Add period</source>
        <translation>Periode toevoegen</translation>
    </message>
    <message>
        <source>Remove period</source>
        <translation>Periode verwijderen</translation>
    </message>
    <message>
        <source>Period {value}: {exc}</source>
        <translation>Periode {value}: {exc}</translation>
    </message>
    <message>
        <source>New student…</source>
        <translation>Nieuwe student…</translation>
    </message>
    <message>
        <source>New host…</source>
        <translation>Nieuwe ontvangende organisatie…</translation>
    </message>
    <message>
        <source>Type part of its name or country (↓ lists them)</source>
        <translation>Typ een deel van de naam of het land (↓ toont de lijst)</translation>
    </message>
    <message>
        <source>New institution…</source>
        <translation>Nieuwe instelling…</translation>
    </message>
    <message>
        <source>New mentor…</source>
        <translation>Nieuwe mentor…</translation>
    </message>
    <message>
        <source>New tutor…</source>
        <translation>Nieuwe academisch begeleider…</translation>
    </message>
    <message>
        <source>e.g. 7.5 (empty if none)</source>
        <translation>bijv. 7,5 (leeg indien geen)</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Student</translation>
    </message>
    <message>
        <source>Company mentor</source>
        <translation>Mentor in het bedrijf</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Planned start and end</source>
        <translation>Geplande start en einde</translation>
    </message>
    <message>
        <source>Hours per week</source>
        <translation>Uren per week</translation>
    </message>
    <message>
        <source>ECTS credits</source>
        <translation>ECTS-studiepunten</translation>
    </message>
    <message>
        <source>Planned start</source>
        <translation>Gepland begin</translation>
    </message>
    <message>
        <source>Planned end</source>
        <translation>Gepland einde</translation>
    </message>
    <message>
        <source>Blended: physical and virtual periods</source>
        <translation>Gemengd: fysieke en virtuele perioden</translation>
    </message>
    <message>
        <source>No student matches what you typed: pick one from the list or create a new one.</source>
        <translation>Geen student komt overeen met wat u typte: kies er een uit de lijst of maak een nieuwe aan.</translation>
    </message>
    <message>
        <source>No host organisation matches what you typed: pick one from the list or create a new one.</source>
        <translation>Geen ontvangende organisatie komt overeen met wat u typte: kies er een uit de lijst of maak een nieuwe aan.</translation>
    </message>
    <message>
        <source>No institution matches what you typed: pick one from the list or create a new one.</source>
        <translation>Geen instelling komt overeen met wat u typte: kies er een uit de lijst of maak een nieuwe aan.</translation>
    </message>
    <message>
        <source>No mentor matches what you typed: pick one from the list or create a new one.</source>
        <translation>Geen mentor komt overeen met wat u typte: kies er een uit de lijst of maak een nieuwe aan.</translation>
    </message>
    <message>
        <source>No tutor matches what you typed: pick one from the list or create a new one.</source>
        <translation>Geen academisch begeleider komt overeen met wat u typte: kies er een uit de lijst of maak een nieuwe aan.</translation>
    </message>
    <message>
        <source>(deleted since)</source>
        <translation>(inmiddels verwijderd)</translation>
    </message>
    <message>
        <source>Nothing has been recorded for this placement yet.</source>
        <translation>Er is nog niets vastgelegd voor deze stage.</translation>
    </message>
    <message>
        <source>The history starts when the placement is first saved.</source>
        <translation>De geschiedenis begint wanneer de stage voor het eerst wordt opgeslagen.</translation>
    </message>
    <message>
        <source>What changed, newest first</source>
        <translation>Wat er is gewijzigd, nieuwste eerst</translation>
    </message>
    <message>
        <source>Stored details</source>
        <translation>Opgeslagen details</translation>
    </message>
    <message>
        <source>Show the audit entry behind the selected line as stored</source>
        <translation>De auditregel achter de geselecteerde regel tonen zoals opgeslagen</translation>
    </message>
    <message>
        <source>Select a line to see the entry as stored.</source>
        <translation>Selecteer een regel om de vermelding te zien zoals opgeslagen.</translation>
    </message>
    <message>
        <source>{text}

As stored:
{detail}</source>
        <translation>{text}

Zoals opgeslagen:
{detail}</translation>
    </message>
    <message>
        <source>Choose the host organisation first: the mentor works there.</source>
        <translation>Kies eerst de ontvangende organisatie: de mentor werkt daar.</translation>
    </message>
    <message>
        <source>Choose the sending institution first: the tutor works there.</source>
        <translation>Kies eerst de zendende instelling: de academisch begeleider werkt daar.</translation>
    </message>
    <message>
        <source>Status not changed</source>
        <translation>Status niet gewijzigd</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;The placement cannot move to “{label}” yet.&lt;/b&gt;&lt;br&gt;%n thing(s) need doing first:</source>
        <translation>
            <numerusform>&lt;b&gt;De stage kan nog niet naar “{label}”.&lt;/b&gt;&lt;br&gt;Eerst moet %n zaak worden gedaan:</numerusform>
            <numerusform>&lt;b&gt;De stage kan nog niet naar “{label}”.&lt;/b&gt;&lt;br&gt;Eerst moeten %n zaken worden gedaan:</numerusform>
        </translation>
    </message>
    <message>
        <source>Open {label}</source>
        <translation>{label} openen</translation>
    </message>
    <message>
        <source>Move anyway (office lead)…</source>
        <translation>Toch verplaatsen (hoofd bureau)…</translation>
    </message>
    <message>
        <source>Move although the records do not back it yet; your reason is kept in the history.</source>
        <translation>Verplaatsen hoewel de gegevens het nog niet onderbouwen; uw reden wordt in de geschiedenis bewaard.</translation>
    </message>
    <message>
        <source>Cancel placement</source>
        <translation>Stage annuleren</translation>
    </message>
    <message>
        <source>Cancel {reference}? You can reopen it later.</source>
        <translation>{reference} annuleren? U kunt de stage later heropenen.</translation>
    </message>
    <message>
        <source>Move anyway</source>
        <translation>Toch verplaatsen</translation>
    </message>
    <message>
        <source>Why does {reference} move to “{label}” although the records do not back it yet? The reason is kept in the placement&apos;s history.</source>
        <translation>Waarom gaat {reference} naar “{label}” hoewel de gegevens het nog niet onderbouwen? De reden wordt in de geschiedenis van de stage bewaard.</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Volgende stap</translation>
    </message>
    <message>
        <source>{details}
What to do: {action}.</source>
        <translation>{details}
Wat te doen: {action}.</translation>
    </message>
    <message>
        <source>&lt;h2&gt;No placements yet&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Nog geen stages&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Start by recording a placement: the student, the host organisation, the dates and the mode (virtual, blended or physical).&lt;br&gt;Or open the demo database to look around with sample records first.</source>
        <translation>Begin met het vastleggen van een stage: de student, de ontvangende organisatie, de data en de vorm (virtueel, gemengd of fysiek).&lt;br&gt;Of open eerst de demodatabase om rond te kijken met voorbeeldgegevens.</translation>
    </message>
    <message>
        <source>New placement (Ctrl+N)</source>
        <translation>Nieuwe stage (Ctrl+N)</translation>
    </message>
    <message>
        <source>Open the demo database</source>
        <translation>De demodatabase openen</translation>
    </message>
    <message>
        <source>Search placements</source>
        <translation>Stages zoeken</translation>
    </message>
    <message>
        <source>Search reference, student, organisation, title or country  (Ctrl+F)</source>
        <translation>Zoek op kenmerk, student, organisatie, titel of land  (Ctrl+F)</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>Alle jaren</translation>
    </message>
    <message>
        <source>All countries</source>
        <translation>Alle landen</translation>
    </message>
    <message>
        <source>Host country</source>
        <translation>Gastland</translation>
    </message>
    <message>
        <source>Show the placements hosted in one country</source>
        <translation>De stages in één gastland tonen</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Aandacht nodig</translation>
    </message>
    <message>
        <source>Show only placements with something due on the work list (the Today tab)</source>
        <translation>Alleen stages tonen met iets te doen op de werklijst (het tabblad Vandaag)</translation>
    </message>
    <message>
        <source>Show the placements of one status</source>
        <translation>De stages met één status tonen</translation>
    </message>
    <message>
        <source>One placement per row; Enter opens it</source>
        <translation>Eén stage per rij; Enter opent haar</translation>
    </message>
    <message>
        <source>VIP-2026-00000</source>
        <translation>VIP-2026-00000</translation>
    </message>
    <message>
        <source>Blended</source>
        <translation>Gemengd</translation>
    </message>
    <message>
        <source>All placements</source>
        <translation>Alle stages</translation>
    </message>
    <message numerus="yes">
        <source>%Ln shown</source>
        <translation>
            <numerusform>%Ln getoond</numerusform>
            <numerusform>%Ln getoond</numerusform>
        </translation>
    </message>
    <message>
        <source>Needs attention ({waiting:,})</source>
        <translation>Aandacht nodig ({waiting:,})</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>ma</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>di</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>wo</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>do</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>vr</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>za</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>zo</translation>
    </message>
    <message>
        <source>Shared hours per weekday</source>
        <translation>Gedeelde uren per weekdag</translation>
    </message>
    <message>
        <source>No shared hours to show</source>
        <translation>Geen gedeelde uren om te tonen</translation>
    </message>
    <message>
        <source>Result…</source>
        <translation>Resultaat…</translation>
    </message>
    <message>
        <source>Scores per theme, blocking answers and advice</source>
        <translation>Scores per thema, blokkerende antwoorden en advies</translation>
    </message>
    <message>
        <source>Export as PDF…</source>
        <translation>Exporteren als PDF…</translation>
    </message>
    <message>
        <source>The questionnaire as a fillable PDF to send to the party</source>
        <translation>De vragenlijst als invulbare PDF om naar de partij te sturen</translation>
    </message>
    <message>
        <source>Not assessed</source>
        <translation>Niet beoordeeld</translation>
    </message>
    <message>
        <source> · {earlier} earlier</source>
        <translation> · {earlier} eerder</translation>
    </message>
    <message>
        <source>Blocks: “{question}” {answer}</source>
        <translation>Blokkeert: “{question}” {answer}</translation>
    </message>
    <message>
        <source>Low: {label} ({score})</source>
        <translation>Laag: {label} ({score})</translation>
    </message>
    <message>
        <source>Re-assessment</source>
        <translation>Herbeoordeling</translation>
    </message>
    <message>
        <source>Questionnaire</source>
        <translation>Vragenlijst</translation>
    </message>
    <message>
        <source>Resume questionnaire…</source>
        <translation>Vragenlijst hervatten…</translation>
    </message>
    <message>
        <source>{what} started {started_at} by {respondent}, not finished</source>
        <translation>{what} gestart op {started_at} door {respondent}, niet afgerond</translation>
    </message>
    <message>
        <source>Started {started_at} by {respondent}; continues at the first unanswered page</source>
        <translation>Gestart op {started_at} door {respondent}; gaat verder op de eerste onbeantwoorde pagina</translation>
    </message>
    <message>
        <source>Re-assess…</source>
        <translation>Opnieuw beoordelen…</translation>
    </message>
    <message>
        <source>A new questionnaire; the earlier result stays in history</source>
        <translation>Een nieuwe vragenlijst; het eerdere resultaat blijft in de geschiedenis</translation>
    </message>
    <message>
        <source>Start questionnaire…</source>
        <translation>Vragenlijst starten…</translation>
    </message>
    <message>
        <source>Communication protocol</source>
        <translation>Communicatieprotocol</translation>
    </message>
    <message>
        <source>&lt;b&gt;Written&lt;/b&gt;{who} · reports {label}, replies within {reply_hours} h</source>
        <translation>&lt;b&gt;Opgesteld&lt;/b&gt;{who} · rapporteert {label}, antwoordt binnen {reply_hours} u</translation>
    </message>
    <message>
        <source>Edit protocol…</source>
        <translation>Protocol bewerken…</translation>
    </message>
    <message>
        <source>Not written yet: availability, reporting, reply times, meetings.</source>
        <translation>Nog niet opgesteld: beschikbaarheid, rapportage, reactietijden, overleggen.</translation>
    </message>
    <message>
        <source>Write protocol…</source>
        <translation>Protocol opstellen…</translation>
    </message>
    <message>
        <source>{hours_text} shared a working day</source>
        <translation>{hours_text} gedeeld per werkdag</translation>
    </message>
    <message>
        <source>Shared hours: {shared}</source>
        <translation>Gedeelde uren: {shared}</translation>
    </message>
    <message>
        <source>With office hours (Monday to Friday, 9:00–17:00) for everyone: {shared}.</source>
        <translation>Met kantooruren (maandag tot vrijdag, 9:00–17:00) voor iedereen: {shared}.</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Tools</translation>
    </message>
    <message>
        <source>Choose tools…</source>
        <translation>Tools kiezen…</translation>
    </message>
    <message>
        <source>Test plan…</source>
        <translation>Testplan…</translation>
    </message>
    <message>
        <source>No tools chosen yet: which tool serves meetings, questions, reports, documents?</source>
        <translation>Nog geen tools gekozen: welke tool dient voor overleggen, vragen, verslagen, documenten?</translation>
    </message>
    <message>
        <source>{names} · tested {done} of {count} (tool × person)</source>
        <translation>{names} · getest {done} van {count} (tool × persoon)</translation>
    </message>
    <message>
        <source> · {count} tips in Choose tools</source>
        <translation> · {count} tips in Tools kiezen</translation>
    </message>
    <message>
        <source>Blocks “Agreement sent”:
</source>
        <translation>Blokkeert “Overeenkomst verzonden”:
</translation>
    </message>
    <message>
        <source>Save the placement to start its preparation.</source>
        <translation>Sla de stage op om de voorbereiding te starten.</translation>
    </message>
    <message>
        <source>Import returned questionnaire…</source>
        <translation>Teruggestuurde vragenlijst importeren…</translation>
    </message>
    <message>
        <source>Language of exported questionnaires</source>
        <translation>Taal van geëxporteerde vragenlijsten</translation>
    </message>
    <message>
        <source>“Export as PDF…” writes the questionnaire in this language (in English where it is not translated yet)</source>
        <translation>“Exporteren als PDF…” schrijft de vragenlijst in deze taal (in het Engels waar ze nog niet is vertaald)</translation>
    </message>
    <message>
        <source> by {name}</source>
        <translation> door {name}</translation>
    </message>
    <message>
        <source>Meeting: every {weekday}, {start} ({zone})</source>
        <translation>Overleg: elke {weekday}, {start} ({zone})</translation>
    </message>
    <message>
        <source>PDFs &amp;in:</source>
        <translation>PDF&apos;s &amp;in:</translation>
    </message>
    <message>
        <source>Something blocks the start: see the critical answers below.</source>
        <translation>Iets blokkeert de start: zie de kritieke antwoorden hieronder.</translation>
    </message>
    <message>
        <source>Student, host and institution are ready.</source>
        <translation>Student, ontvangende organisatie en instelling zijn gereed.</translation>
    </message>
    <message>
        <source>Not everything is assessed or strong enough yet.</source>
        <translation>Nog niet alles is beoordeeld of sterk genoeg.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Readiness&lt;/b&gt;&lt;br&gt;{verdict}</source>
        <translation>&lt;b&gt;Gereedheid&lt;/b&gt;&lt;br&gt;{verdict}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{label}&lt;/b&gt; — answered by {respondent} on {when} (questionnaire version {questionnaire_version})</source>
        <translation>&lt;b&gt;{label}&lt;/b&gt; — beantwoord door {respondent} op {when} (vragenlijstversie {questionnaire_version})</translation>
    </message>
    <message>
        <source>{label} works on {name}</source>
        <translation>{label} werkt op {name}</translation>
    </message>
    <message>
        <source>{label} starts at</source>
        <translation>{label} begint om</translation>
    </message>
    <message>
        <source>{label} ends at</source>
        <translation>{label} eindigt om</translation>
    </message>
    <message>
        <source>Working days</source>
        <translation>Werkdagen</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Vanaf</translation>
    </message>
    <message>
        <source> ({first} to {last})</source>
        <translation> ({first} tot {last})</translation>
    </message>
    <message>
        <source>Every {weekday}, {start}–{end} ({zone})</source>
        <translation>Elke {weekday}, {start}–{end} ({zone})</translation>
    </message>
    <message>
        <source>Shared working hours per weekday, {first} to {last}, in the student&apos;s days:</source>
        <translation>Gedeelde werkuren per weekdag, {first} tot {last}, in de dagen van de student:</translation>
    </message>
    <message>
        <source>Fill in the student&apos;s time zone, days and hours to see them.</source>
        <translation>Vul de tijdzone, dagen en uren van de student in om ze te zien.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Suggested {meeting_minutes}-minute meeting:&lt;/b&gt; {first_line}</source>
        <translation>&lt;b&gt;Voorgesteld overleg van {meeting_minutes} minuten:&lt;/b&gt; {first_line}</translation>
    </message>
    <message>
        <source>&lt;b&gt;No meeting time&lt;/b&gt; fits every week: see below.</source>
        <translation>&lt;b&gt;Geen overlegtijd&lt;/b&gt; past in elke week: zie hieronder.</translation>
    </message>
    <message>
        <source>communication protocol</source>
        <translation>communicatieprotocol</translation>
    </message>
    <message>
        <source>Communication protocol not saved</source>
        <translation>Communicatieprotocol niet opgeslagen</translation>
    </message>
    <message>
        <source> working hours</source>
        <translation> werkuren</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> minuten</translation>
    </message>
    <message>
        <source>e.g. Teams: weekly meeting and quick questions. E-mail: reports. Shared drive: deliverables. A chat group: non-task talk.</source>
        <translation>bijv. Teams: wekelijks overleg en korte vragen. E-mail: verslagen. Gedeelde schijf: op te leveren resultaten. Een chatgroep: informeel contact.</translation>
    </message>
    <message>
        <source>Name, e-mail or phone, and hours</source>
        <translation>Naam, e-mail of telefoon, en uren</translation>
    </message>
    <message>
        <source>Availability</source>
        <translation>Beschikbaarheid</translation>
    </message>
    <message>
        <source>Shared hours</source>
        <translation>Gedeelde uren</translation>
    </message>
    <message>
        <source>Reporting</source>
        <translation>Rapportage</translation>
    </message>
    <message>
        <source>Reply within</source>
        <translation>Antwoord binnen</translation>
    </message>
    <message>
        <source>Meeting length</source>
        <translation>Duur van overleg</translation>
    </message>
    <message>
        <source>Which tool for what</source>
        <translation>Welke tool waarvoor</translation>
    </message>
    <message>
        <source>Helpdesk for the student</source>
        <translation>Helpdesk voor de student</translation>
    </message>
    <message>
        <source>Helpdesk for company staff</source>
        <translation>Helpdesk voor bedrijfspersoneel</translation>
    </message>
    <message>
        <source>Communication protocol — {heading}</source>
        <translation>Communicatieprotocol — {heading}</translation>
    </message>
    <message>
        <source>{label}: &apos;{text}&apos; is not a time zone.</source>
        <translation>{label}: &apos;{text}&apos; is geen tijdzone.</translation>
    </message>
    <message>
        <source>Readiness result</source>
        <translation>Resultaat gereedheid</translation>
    </message>
    <message>
        <source>&lt;br&gt;{missing} required question(s) not answered yet.</source>
        <translation>&lt;br&gt;Nog niet beantwoorde verplichte vragen: {missing}.</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;font-size:large&apos;&gt;{level_badge}&amp;nbsp; Overall score &lt;b&gt;{overall}&lt;/b&gt;&lt;/p&gt;{note}</source>
        <translation>&lt;p style=&apos;font-size:large&apos;&gt;{level_badge}&amp;nbsp; Totaalscore &lt;b&gt;{overall}&lt;/b&gt;&lt;/p&gt;{note}</translation>
    </message>
    <message>
        <source>below {threshold}</source>
        <translation>onder {threshold}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Blocking answers&lt;/b&gt; — these must be solved before the placement can start:&lt;ul style=&apos;margin-left:-20px&apos;&gt;</source>
        <translation>&lt;b&gt;Blokkerende antwoorden&lt;/b&gt; — deze moeten zijn opgelost voordat de stage kan beginnen:&lt;ul style=&apos;margin-left:-20px&apos;&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;What to do&lt;/b&gt;&lt;ul style=&apos;margin-left:-20px&apos;&gt;</source>
        <translation>&lt;b&gt;Wat te doen&lt;/b&gt;&lt;ul style=&apos;margin-left:-20px&apos;&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;What to do&lt;/b&gt;&lt;br&gt;Nothing: every answer is strong.</source>
        <translation>&lt;b&gt;Wat te doen&lt;/b&gt;&lt;br&gt;Niets: elk antwoord is sterk.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Placement:&lt;/b&gt; {about}</source>
        <translation>&lt;b&gt;Stage:&lt;/b&gt; {about}</translation>
    </message>
    <message>
        <source>{count} questions on {count2} pages, about {max} minutes. Each page is saved when you press Next: you can stop at any time and continue later.</source>
        <translation>{count} vragen op {count2} pagina&apos;s, ongeveer {max} minuten. Elke pagina wordt opgeslagen wanneer u op Volgende drukt: u kunt op elk moment stoppen en later verdergaan.</translation>
    </message>
    <message>
        <source>{value} of {count} answered — </source>
        <translation>{value} van {count} beantwoord — </translation>
    </message>
    <message>
        <source>answer every question marked * to go on.</source>
        <translation>beantwoord elke vraag met * om verder te gaan.</translation>
    </message>
    <message>
        <source>press Next to save.</source>
        <translation>druk op Volgende om op te slaan.</translation>
    </message>
    <message>
        <source>{page} · Optional: leave empty if there is nothing to add.</source>
        <translation>{page} · Optioneel: laat leeg als er niets toe te voegen is.</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultaat</translation>
    </message>
    <message>
        <source>Press Finish to record this assessment. Until then you can go back and change answers.</source>
        <translation>Druk op Voltooien om deze beoordeling vast te leggen. Tot dan kunt u teruggaan en antwoorden wijzigen.</translation>
    </message>
    <message>
        <source>{party} readiness</source>
        <translation>Gereedheid: {party}</translation>
    </message>
    <message>
        <source>Page {n} of {count}</source>
        <translation>Pagina {n} van {count}</translation>
    </message>
    <message>
        <source>{exc}
Your answers on this page are kept.</source>
        <translation>{exc}
Uw antwoorden op deze pagina blijven bewaard.</translation>
    </message>
    <message>
        <source>{exc} Their answers are shown now; check this page and press Next again.</source>
        <translation>{exc} Hun antwoorden worden nu getoond; controleer deze pagina en druk opnieuw op Volgende.</translation>
    </message>
    <message>
        <source>Close without saving?</source>
        <translation>Sluiten zonder op te slaan?</translation>
    </message>
    <message>
        <source>This page could not be saved. Close anyway and lose its answers?</source>
        <translation>Deze pagina kon niet worden opgeslagen. Toch sluiten en de antwoorden verliezen?</translation>
    </message>
    <message>
        <source>{tool_name} with the {label}</source>
        <translation>{tool_name} met de {label}</translation>
    </message>
    <message>
        <source>Result: {who}</source>
        <translation>Resultaat: {who}</translation>
    </message>
    <message>
        <source>Date: {who}</source>
        <translation>Datum: {who}</translation>
    </message>
    <message>
        <source>Note: {who}</source>
        <translation>Notitie: {who}</translation>
    </message>
    <message>
        <source>What happened; for a failure, what replaces it</source>
        <translation>Wat er gebeurde; bij een mislukking, wat ervoor in de plaats komt</translation>
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
        <translation>Probeer elke tool vóór de start met elke persoon uit: installeren, inloggen, een kort gesprek of bericht, een gedeeld bestand. Leg vast wat er gebeurde.</translation>
    </message>
    <message>
        <source>With</source>
        <translation>Met</translation>
    </message>
    <message>
        <source>Choose the tools first.</source>
        <translation>Kies eerst de tools.</translation>
    </message>
    <message>
        <source>{who}: someone else recorded this test meanwhile; reloaded.</source>
        <translation>{who}: iemand anders heeft deze test intussen vastgelegd; opnieuw geladen.</translation>
    </message>
    <message>
        <source>{name} (optional)</source>
        <translation>{name} (optioneel)</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— geen —</translation>
    </message>
    <message>
        <source>{name} (not made for this)</source>
        <translation>{name} (hier niet voor gemaakt)</translation>
    </message>
    <message>
        <source>Choose tools that everybody can use and preferably already uses, and say explicitly which one serves each purpose.</source>
        <translation>Kies tools die iedereen kan gebruiken en bij voorkeur al gebruikt, en geef expliciet aan welke tool voor welk doel dient.</translation>
    </message>
    <message>
        <source>Check the choice</source>
        <translation>De keuze controleren</translation>
    </message>
    <message>
        <source>Press Finish to save. Then test every tool with the student, the mentor and the tutor: the agreement cannot be sent before.</source>
        <translation>Druk op Voltooien om op te slaan. Test daarna elke tool met de student, de mentor en de academisch begeleider: eerder kan de overeenkomst niet worden verstuurd.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Chosen&lt;/b&gt;&lt;ul style=&apos;margin-left:-20px&apos;&gt;</source>
        <translation>&lt;b&gt;Gekozen&lt;/b&gt;&lt;ul style=&apos;margin-left:-20px&apos;&gt;</translation>
    </message>
    <message>
        <source>No tool chosen yet.</source>
        <translation>Nog geen tool gekozen.</translation>
    </message>
    <message>
        <source>No advice: the choice follows the guide.</source>
        <translation>Geen advies: de keuze volgt de handleiding.</translation>
    </message>
    <message>
        <source>Tools — {heading}</source>
        <translation>Tools — {heading}</translation>
    </message>
    <message>
        <source>Tools not saved</source>
        <translation>Tools niet opgeslagen</translation>
    </message>
    <message>
        <source> They chose: {join}.</source>
        <translation> Zij kozen: {join}.</translation>
    </message>
    <message>
        <source>Someone else chose tools for this placement after you opened it.{chosen} Press Finish again to keep your choice, or Back to change it.</source>
        <translation>Iemand anders heeft tools voor deze stage gekozen nadat u haar opende.{chosen} Druk opnieuw op Voltooien om uw keuze te behouden, of op Terug om haar te wijzigen.</translation>
    </message>
    <message>
        <source>Their version differs in: {join}.

</source>
        <translation>Hun versie verschilt in: {join}.

</translation>
    </message>
    <message>
        <source>{details}Reload shows their version and drops your edits; Keep mine saves your version over theirs.</source>
        <translation>{details}Herladen toont hun versie en laat uw wijzigingen vervallen; Mijn versie behouden slaat uw versie op over die van hen.</translation>
    </message>
    <message>
        <source>Reload (discard mine)</source>
        <translation>Herladen (mijn versie vervalt)</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>Mijn versie behouden</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not in the list; choose {what} from it.</source>
        <translation>&apos;{text}&apos; staat niet in de lijst; kies {what} uit de lijst.</translation>
    </message>
    <message>
        <source>Discard your changes?</source>
        <translation>Uw wijzigingen verwerpen?</translation>
    </message>
    <message>
        <source>Equity flags are special-category personal data (GDPR art. 9). Include them only when the recipient needs them, e.g. for a grant&apos;s inclusion support; keep and send the file securely.</source>
        <translation>Gelijkekansenkenmerken zijn bijzondere persoonsgegevens (AVG art. 9). Neem ze alleen op als de ontvanger ze nodig heeft, bijv. voor inclusieondersteuning bij een beurs; bewaar en verstuur het bestand veilig.</translation>
    </message>
    <message>
        <source>The report was not saved</source>
        <translation>Het rapport is niet opgeslagen</translation>
    </message>
    <message>
        <source>Cancelled: no file was written.</source>
        <translation>Geannuleerd: er is geen bestand geschreven.</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Rapport exporteren</translation>
    </message>
    <message>
        <source>Every placement</source>
        <translation>Alle stages</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle statussen</translation>
    </message>
    <message>
        <source>Language of the report</source>
        <translation>Taal van het rapport</translation>
    </message>
    <message>
        <source>Sheet names, headers, summaries and charts in this language; the data as recorded</source>
        <translation>Bladnamen, kopteksten, samenvattingen en grafieken in deze taal; de gegevens zoals vastgelegd</translation>
    </message>
    <message>
        <source>Include the students&apos; equity flags</source>
        <translation>Gelijkekansenkenmerken van de studenten opnemen</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Opslaan als</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>Search text</source>
        <translation>Zoektekst</translation>
    </message>
    <message>
        <source>Year (planned start)</source>
        <translation>Jaar (geplande start)</translation>
    </message>
    <message>
        <source>Sensitive data</source>
        <translation>Gevoelige gegevens</translation>
    </message>
    <message>
        <source>Save to</source>
        <translation>Opslaan in</translation>
    </message>
    <message>
        <source>Then e-mail it (to a funder or a manager)</source>
        <translation>Daarna e-mailen (naar een financier of een leidinggevende)</translation>
    </message>
    <message>
        <source>An Excel workbook with the filters below, key figures with a chart, and the detail. The filters start as they are set in the placements list.</source>
        <translation>Een Excel-werkmap met de filters hieronder, kerncijfers met een grafiek, en de details. De filters beginnen zoals ze in de lijst met stages zijn ingesteld.</translation>
    </message>
    <message>
        <source>Save the report as</source>
        <translation>Het rapport opslaan als</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel-werkmap (*.xlsx)</translation>
    </message>
    <message>
        <source>Choose where to save the report.</source>
        <translation>Kies waar het rapport wordt opgeslagen.</translation>
    </message>
    <message>
        <source>The folder {parent} does not exist.</source>
        <translation>De map {parent} bestaat niet.</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>Het bestand vervangen?</translation>
    </message>
    <message>
        <source>{name} exists already. Replace it?</source>
        <translation>{name} bestaat al. Vervangen?</translation>
    </message>
    <message>
        <source>Writing the report…</source>
        <translation>Het rapport wordt geschreven…</translation>
    </message>
    <message>
        <source>Exporting the report “{title}”</source>
        <translation>Het rapport ‘{title}’ wordt geëxporteerd</translation>
    </message>
    <message>
        <source>funding sources</source>
        <translation>financieringsbronnen</translation>
    </message>
    <message>
        <source>placements</source>
        <translation>stages</translation>
    </message>
    <message>
        <source>Saved {records:,} {what} to {path}.</source>
        <translation>{records:,} {what} opgeslagen in {path}.</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv *.txt);;All files (*)</source>
        <translation>Spreadsheets (*.xlsx *.csv *.txt);;Alle bestanden (*)</translation>
    </message>
    <message>
        <source>The template was not saved</source>
        <translation>Het sjabloon is niet opgeslagen</translation>
    </message>
    <message>
        <source>Nothing was imported</source>
        <translation>Er is niets geïmporteerd</translation>
    </message>
    <message>
        <source>&lt;b&gt;Nothing was imported.&lt;/b&gt; </source>
        <translation>&lt;b&gt;Er is niets geïmporteerd.&lt;/b&gt; </translation>
    </message>
    <message>
        <source>Stopped: nothing was imported.</source>
        <translation>Gestopt: er is niets geïmporteerd.</translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation>Geen bestand gekozen.</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Bestand kiezen…</translation>
    </message>
    <message>
        <source>Save template…</source>
        <translation>Sjabloon opslaan…</translation>
    </message>
    <message>
        <source>An empty workbook with the right columns and a Help sheet</source>
        <translation>Een lege werkmap met de juiste kolommen en een Help-blad</translation>
    </message>
    <message>
        <source>How dates written with slashes are read; 31.12.2000 and 2000-12-31 are always clear</source>
        <translation>Hoe datums met schuine strepen worden gelezen; 31.12.2000 en 2000-12-31 zijn altijd duidelijk</translation>
    </message>
    <message>
        <source>Dates such as 01/02/2026 are written &amp;day first or month first:</source>
        <translation>Datums zoals 01/02/2026 zijn geschreven met de &amp;dag eerst of de maand eerst:</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Voorbeeld</translation>
    </message>
    <message>
        <source>The rows as they would be imported</source>
        <translation>De rijen zoals ze zouden worden geïmporteerd</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Rij</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Kolom</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Probleem</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problemen</translation>
    </message>
    <message>
        <source>What to correct, row by row</source>
        <translation>Wat te corrigeren, rij voor rij</translation>
    </message>
    <message>
        <source>Reading and checking the file…</source>
        <translation>Het bestand wordt gelezen en gecontroleerd…</translation>
    </message>
    <message>
        <source>Checking {name}</source>
        <translation>{name} wordt gecontroleerd</translation>
    </message>
    <message>
        <source>The date order was not changed</source>
        <translation>De datumvolgorde is niet gewijzigd</translation>
    </message>
    <message>
        <source>&lt;b&gt;This file cannot be imported.&lt;/b&gt; {message}</source>
        <translation>&lt;b&gt;Dit bestand kan niet worden geïmporteerd.&lt;/b&gt; {message}</translation>
    </message>
    <message>
        <source>Import as</source>
        <translation>Importeren als</translation>
    </message>
    <message>
        <source> (first {PREVIEW_ROWS} shown)</source>
        <translation> (eerste {PREVIEW_ROWS} getoond)</translation>
    </message>
    <message>
        <source>&lt;b&gt;{source}&lt;/b&gt;: {count:,} rows{more} — {summary}.</source>
        <translation>&lt;b&gt;{source}&lt;/b&gt;: {count:,} rijen{more} — {summary}.</translation>
    </message>
    <message>
        <source>&lt;br&gt;Columns not used: {join}.</source>
        <translation>&lt;br&gt;Niet gebruikte kolommen: {join}.</translation>
    </message>
    <message>
        <source>&lt;br&gt;Dates with slashes read {label}.</source>
        <translation>&lt;br&gt;Datums met schuine strepen gelezen als {label}.</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Nothing can be imported until every problem below is corrected in the file&lt;/b&gt; ({count:,}).&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Er kan niets worden geïmporteerd totdat elk probleem hieronder in het bestand is gecorrigeerd&lt;/b&gt; ({count:,}).&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;There is nothing new to import.</source>
        <translation>&lt;br&gt;Er is niets nieuws om te importeren.</translation>
    </message>
    <message>
        <source>Problems ({count:,})</source>
        <translation>Problemen ({count:,})</translation>
    </message>
    <message>
        <source> {count:,} already existed and were skipped.</source>
        <translation> {count:,} bestonden al en zijn overgeslagen.</translation>
    </message>
    <message>
        <source>&amp;Export report to Excel…</source>
        <translation>Rapport naar Excel &amp;exporteren…</translation>
    </message>
    <message>
        <source>Save import &amp;template</source>
        <translation>Import&amp;sjabloon opslaan</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>{path} opgeslagen.</translation>
    </message>
    <message>
        <source>Snooze — {reference}</source>
        <translation>Uitstellen — {reference}</translation>
    </message>
    <message>
        <source>Why, e.g. “host HR away until Monday”</source>
        <translation>Waarom, bijv. “HR van de ontvangende organisatie afwezig tot maandag”</translation>
    </message>
    <message>
        <source>Hide &amp;until</source>
        <translation>Verbergen &amp;tot</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>&amp;Notitie</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Uitstellen</translation>
    </message>
    <message>
        <source>It shows again the day after, unless the records say it is done by then.</source>
        <translation>Het verschijnt de dag erna opnieuw, tenzij de gegevens dan aangeven dat het is gedaan.</translation>
    </message>
    <message>
        <source>Work-list rules</source>
        <translation>Regels voor de werklijst</translation>
    </message>
    <message>
        <source> days</source>
        <translation> dagen</translation>
    </message>
    <message>
        <source>{what}. Shipped default: {default_days} days.</source>
        <translation>{what}. Meegeleverde standaard: {default_days} dagen.</translation>
    </message>
    <message>
        <source>Restore &amp;defaults</source>
        <translation>&amp;Standaardwaarden herstellen</translation>
    </message>
    <message>
        <source>When the work list shows an item. These numbers apply to everyone using this database.</source>
        <translation>Wanneer de werklijst een item toont. Deze getallen gelden voor iedereen die deze database gebruikt.</translation>
    </message>
    <message>
        <source>Snoozed {reference} ({what}) until {day_text}.</source>
        <translation>{reference} ({what}) uitgesteld tot {day_text}.</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Ontvangende organisatie</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Wat te doen</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Sinds</translation>
    </message>
    <message>
        <source>{what}: {details}
What to do: {action}.</source>
        <translation>{what}: {details}
Wat te doen: {action}.</translation>
    </message>
    <message>
        <source>365 days overdue</source>
        <translation>365 dagen achterstallig</translation>
    </message>
    <message>
        <source>30 Sep 2026</source>
        <translation>30 sep 2026</translation>
    </message>
    <message>
        <source>Open the placement where this is done (Enter)</source>
        <translation>De stage openen waar dit wordt gedaan (Enter)</translation>
    </message>
    <message>
        <source>S&amp;nooze…</source>
        <translation>&amp;Uitstellen…</translation>
    </message>
    <message>
        <source>Hide this item until a date ({SNOOZE_SHORTCUT})</source>
        <translation>Dit item verbergen tot een datum ({SNOOZE_SHORTCUT})</translation>
    </message>
    <message>
        <source>&amp;Rules…</source>
        <translation>&amp;Regels…</translation>
    </message>
    <message>
        <source>When the work list shows an item: the number of days</source>
        <translation>Wanneer de werklijst een item toont: het aantal dagen</translation>
    </message>
    <message>
        <source>Send re&amp;minders…</source>
        <translation>&amp;Herinneringen versturen…</translation>
    </message>
    <message>
        <source>E-mail each party a due item waits for: signatures, certificate, evaluations</source>
        <translation>Elke partij op wie een item wacht een e-mail sturen: handtekeningen, certificaat, evaluaties</translation>
    </message>
    <message>
        <source>Reminders: {summary}.</source>
        <translation>Herinneringen: {summary}.</translation>
    </message>
    <message>
        <source>Work list</source>
        <translation>Werklijst</translation>
    </message>
    <message>
        <source>What is due, grouped by overdue, this week and later</source>
        <translation>Wat te doen is, gegroepeerd in achterstallig, deze week en later</translation>
    </message>
    <message>
        <source>&lt;h2&gt;All is done&lt;/h2&gt;&lt;p&gt;Nothing needs you today: no signatures waiting too long, no start with preparation open, no certificate or evaluation missing.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Alles is gedaan&lt;/h2&gt;&lt;p&gt;Vandaag is er niets voor u: geen handtekeningen die te lang wachten, geen start met open voorbereiding, geen ontbrekend certificaat of ontbrekende evaluatie.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Today, {long_day}&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Vandaag, {long_day}&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Cannot snooze</source>
        <translation>Kan niet uitstellen</translation>
    </message>
    <message>
        <source> · {snoozed:,} snoozed</source>
        <translation> · {snoozed:,} uitgesteld</translation>
    </message>
    <message>
        <source>Nothing due{snoozed}.</source>
        <translation>Niets te doen{snoozed}.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s): {parts}{snoozed}</source>
        <translation>
            <numerusform>%Ln item: {parts}{snoozed}</numerusform>
            <numerusform>%Ln items: {parts}{snoozed}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln overdue</source>
        <translation>
            <numerusform>%Ln te laat</numerusform>
            <numerusform>%Ln te laat</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln this week</source>
        <translation>
            <numerusform>%Ln deze week</numerusform>
            <numerusform>%Ln deze week</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln later</source>
        <translation>
            <numerusform>%Ln later</numerusform>
            <numerusform>%Ln later</numerusform>
        </translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Verwijderd</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>Resterende dagen</translation>
    </message>
    <message>
        <source>Recently deleted</source>
        <translation>Recent verwijderd</translation>
    </message>
    <message>
        <source>Placements and cost items deleted in the last 30 days. Restoring one brings it back with everything it had: checklist, questionnaires, protocol, tools, agreements and costs.</source>
        <translation>Stages en kostenposten die in de afgelopen 30 dagen zijn verwijderd. Herstellen brengt alles terug wat erbij hoorde: checklist, vragenlijsten, protocol, tools, overeenkomsten en kosten.</translation>
    </message>
    <message>
        <source>What was deleted in the last 30 days</source>
        <translation>Wat in de afgelopen 30 dagen is verwijderd</translation>
    </message>
    <message>
        <source>Nothing was deleted in the last 30 days.</source>
        <translation>Er is in de afgelopen 30 dagen niets verwijderd.</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Herstellen</translation>
    </message>
    <message>
        <source>Not restored</source>
        <translation>Niet hersteld</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>JJJJ-MM-DD</translation>
    </message>
    <message>
        <source>Pick from a calendar</source>
        <translation>Kiezen uit een kalender</translation>
    </message>
    <message>
        <source>{label} (required)</source>
        <translation>{label} (verplicht)</translation>
    </message>
    <message>
        <source>Type part of a name, e-mail or student number</source>
        <translation>Typ een deel van een naam, e-mailadres of studentnummer</translation>
    </message>
    <message>
        <source>Starts soon with preparation open</source>
        <translation>Begint binnenkort met open voorbereiding</translation>
    </message>
    <message>
        <source>Close what blocks the start, or move the start</source>
        <translation>Los op wat de start blokkeert, of verschuif de start</translation>
    </message>
    <message>
        <source>Warn this many days before the start while preparation is open</source>
        <translation>Zoveel dagen vóór de start waarschuwen zolang de voorbereiding openstaat</translation>
    </message>
    <message>
        <source>Agreement waiting for signatures</source>
        <translation>Overeenkomst wacht op handtekeningen</translation>
    </message>
    <message>
        <source>Remind who has not signed</source>
        <translation>Herinner wie nog niet heeft getekend</translation>
    </message>
    <message>
        <source>Agreement out for signature for this many days</source>
        <translation>Overeenkomst al zoveel dagen ter ondertekening</translation>
    </message>
    <message>
        <source>Still ongoing after its planned end</source>
        <translation>Loopt nog na het geplande einde</translation>
    </message>
    <message>
        <source>Move it to evaluating, or change the end date</source>
        <translation>Zet haar op evaluatie, of wijzig de einddatum</translation>
    </message>
    <message>
        <source>Still ongoing this many days after the planned end</source>
        <translation>Loopt nog zoveel dagen na het geplande einde</translation>
    </message>
    <message>
        <source>Traineeship certificate not received</source>
        <translation>Stageverklaring niet ontvangen</translation>
    </message>
    <message>
        <source>Ask the host for the certificate</source>
        <translation>Vraag de organisatie om de verklaring</translation>
    </message>
    <message>
        <source>No traineeship certificate this many days after the end</source>
        <translation>Geen stageverklaring zoveel dagen na het einde</translation>
    </message>
    <message>
        <source>Evaluation missing</source>
        <translation>Evaluatie ontbreekt</translation>
    </message>
    <message>
        <source>Evaluate it with the student and the host</source>
        <translation>Evalueer met de student en de organisatie</translation>
    </message>
    <message>
        <source>Evaluation not done this many days after the end</source>
        <translation>Geen evaluatie zoveel dagen na het einde</translation>
    </message>
    <message>
        <source>Recognition missing</source>
        <translation>Erkenning ontbreekt</translation>
    </message>
    <message>
        <source>Record the credits in the transcript</source>
        <translation>Leg de studiepunten vast op de cijferlijst</translation>
    </message>
    <message>
        <source>Credits not recognised this many days after the end</source>
        <translation>Studiepunten niet erkend zoveel dagen na het einde</translation>
    </message>
    <message>
        <source>Amendment waiting for signatures</source>
        <translation>Wijziging wacht op handtekeningen</translation>
    </message>
    <message>
        <source>Remind who has not signed the amendment</source>
        <translation>Herinner wie de wijziging nog niet heeft getekend</translation>
    </message>
    <message>
        <source>Amendment out for signature for this many days</source>
        <translation>Wijziging al zoveel dagen ter ondertekening</translation>
    </message>
    <message>
        <source>Meeting overdue against the protocol</source>
        <translation>Overleg te laat volgens het protocol</translation>
    </message>
    <message>
        <source>Hold the meeting and log it, or record why it was missed</source>
        <translation>Houd het overleg en leg het vast, of leg vast waarom het niet doorging</translation>
    </message>
    <message>
        <source>Days of grace after the protocol&apos;s cadence expected a meeting (then overdue)</source>
        <translation>Respijtdagen nadat het protocol een overleg verwachtte (daarna te laat)</translation>
    </message>
    <message>
        <source>Tool test failed, no reason recorded</source>
        <translation>Tooltest mislukt, geen reden vastgelegd</translation>
    </message>
    <message>
        <source>Choose another tool, or record why it is acceptable</source>
        <translation>Kies een andere tool, of leg vast waarom het acceptabel is</translation>
    </message>
    <message>
        <source>A failed tool test has no reason this many days after it</source>
        <translation>Een mislukte tooltest heeft zoveel dagen later geen reden</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>%n dag te laat</numerusform>
            <numerusform>%n dagen te laat</numerusform>
        </translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>Vandaag te doen</translation>
    </message>
    <message numerus="yes">
        <source>Due in %n day(s)</source>
        <translation>
            <numerusform>Over %n dag</numerusform>
            <numerusform>Over %n dagen</numerusform>
        </translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Te laat</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Deze week</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Later</translation>
    </message>
    <message>
        <source>the student&apos;s readiness</source>
        <translation>de gereedheid van de student</translation>
    </message>
    <message>
        <source>the host&apos;s readiness</source>
        <translation>de gereedheid van de ontvangende organisatie</translation>
    </message>
    <message>
        <source>the institution&apos;s readiness</source>
        <translation>de gereedheid van de instelling</translation>
    </message>
    <message>
        <source>the communication protocol</source>
        <translation>het communicatieprotocol</translation>
    </message>
    <message>
        <source>a tool for every purpose</source>
        <translation>een tool voor elk doel</translation>
    </message>
    <message>
        <source>the tool tests</source>
        <translation>de tooltests</translation>
    </message>
    <message>
        <source>the signed agreement</source>
        <translation>de ondertekende overeenkomst</translation>
    </message>
    <message>
        <source>{first} and {last}</source>
        <translation>{first} en {last}</translation>
    </message>
    <message>
        <source>{student} at {host}</source>
        <translation>{student} bij {host}</translation>
    </message>
    <message>
        <source>Starts {day}; still open: {still}.</source>
        <translation>Begint {day}; nog open: {still}.</translation>
    </message>
    <message>
        <source>the student ({name})</source>
        <translation>de student ({name})</translation>
    </message>
    <message>
        <source>the host ({name})</source>
        <translation>de ontvangende organisatie ({name})</translation>
    </message>
    <message>
        <source>your institution ({name})</source>
        <translation>uw instelling ({name})</translation>
    </message>
    <message>
        <source>Sent {day}</source>
        <translation>Verstuurd {day}</translation>
    </message>
    <message>
        <source>not signed yet by {who}</source>
        <translation>nog niet ondertekend door {who}</translation>
    </message>
    <message>
        <source>declined by {who}</source>
        <translation>geweigerd door {who}</translation>
    </message>
    <message>
        <source>Ticked by {who}</source>
        <translation>Afgevinkt door {who}</translation>
    </message>
    <message>
        <source>Ticked by hand</source>
        <translation>Met de hand afgevinkt</translation>
    </message>
    <message>
        <source>Not ticked yet: {item}</source>
        <translation>Nog niet afgevinkt: {item}</translation>
    </message>
    <message>
        <source>{item} — {detail}</source>
        <translation>{item} — {detail}</translation>
    </message>
    <message>
        <source>not done yet</source>
        <translation>nog niet gedaan</translation>
    </message>
    <message>
        <source>The agreement is not signed by all three parties and locked: {detail}</source>
        <translation>De overeenkomst is niet door alle drie partijen ondertekend en vergrendeld: {detail}</translation>
    </message>
    <message>
        <source>record the signatures on the Agreement tab</source>
        <translation>leg de handtekeningen vast op het tabblad Overeenkomst</translation>
    </message>
    <message>
        <source>No agreement version has been sent for signature: {detail}</source>
        <translation>Er is nog geen versie van de overeenkomst ter ondertekening verstuurd: {detail}</translation>
    </message>
    <message>
        <source>draft it and send it from the Agreement tab</source>
        <translation>stel haar op en verstuur haar vanaf het tabblad Overeenkomst</translation>
    </message>
    <message>
        <source>questionnaire completed {day}, no critical flag</source>
        <translation>vragenlijst ingevuld op {day}, geen kritieke signalen</translation>
    </message>
    <message numerus="yes">
        <source>%n critical flag(s) open: {flags}</source>
        <translation>
            <numerusform>%n kritiek signaal open: {flags}</numerusform>
            <numerusform>%n kritieke signalen open: {flags}</numerusform>
        </translation>
    </message>
    <message>
        <source>protocol saved {day}</source>
        <translation>protocol opgeslagen op {day}</translation>
    </message>
    <message>
        <source>no tool chosen for: {purposes}</source>
        <translation>geen tool gekozen voor: {purposes}</translation>
    </message>
    <message>
        <source>the student</source>
        <translation>de student</translation>
    </message>
    <message>
        <source>the host mentor</source>
        <translation>de mentor van de ontvangende organisatie</translation>
    </message>
    <message>
        <source>no final evaluation by {first} or {second}</source>
        <translation>geen eindevaluatie van {first} of {second}</translation>
    </message>
    <message>
        <source>no final evaluation by {who}</source>
        <translation>geen eindevaluatie van {who}</translation>
    </message>
    <message>
        <source>final evaluations by the student and the host mentor, the last on {day}</source>
        <translation>eindevaluaties van de student en de mentor, de laatste op {day}</translation>
    </message>
    <message>
        <source>not recorded yet: {missing}</source>
        <translation>nog niet vastgelegd: {missing}</translation>
    </message>
    <message>
        <source>questionnaire started, not completed yet</source>
        <translation>vragenlijst begonnen, nog niet voltooid</translation>
    </message>
    <message>
        <source>no questionnaire completed yet</source>
        <translation>nog geen vragenlijst ingevuld</translation>
    </message>
    <message>
        <source>no communication protocol saved yet</source>
        <translation>nog geen communicatieprotocol opgeslagen</translation>
    </message>
    <message>
        <source>no credits planned: the placement does not count toward the degree</source>
        <translation>geen studiepunten gepland: de stage telt niet mee voor de opleiding</translation>
    </message>
    <message>
        <source>“{question}” answered {answer}</source>
        <translation>„{question}” beantwoord met {answer}</translation>
    </message>
    <message>
        <source>the company mentor</source>
        <translation>de mentor in het bedrijf</translation>
    </message>
    <message>
        <source>the academic tutor</source>
        <translation>de academisch begeleider</translation>
    </message>
    <message>
        <source>not tested with {who}</source>
        <translation>niet getest met {who}</translation>
    </message>
    <message>
        <source>failed with {who}, no reason recorded</source>
        <translation>mislukt met {who}, geen reden vastgelegd</translation>
    </message>
    <message>
        <source>{tool}: {problems}</source>
        <translation>{tool}: {problems}</translation>
    </message>
    <message numerus="yes">
        <source>%n tool(s) tested with every actor</source>
        <translation>
            <numerusform>%n tool getest met alle betrokkenen</numerusform>
            <numerusform>%n tools getest met alle betrokkenen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n failed test(s) accepted with a reason)</source>
        <translation>
            <numerusform>(%n mislukte test met reden geaccepteerd)</numerusform>
            <numerusform>(%n mislukte tests met reden geaccepteerd)</numerusform>
        </translation>
    </message>
    <message>
        <source>, last on {day}</source>
        <translation>, laatst op {day}</translation>
    </message>
    <message>
        <source>no agreement drafted yet</source>
        <translation>nog geen overeenkomst opgesteld</translation>
    </message>
    <message>
        <source>no certificate drafted yet</source>
        <translation>nog geen stagecertificaat opgesteld</translation>
    </message>
    <message>
        <source>agreement {number}</source>
        <translation>overeenkomst {number}</translation>
    </message>
    <message>
        <source>certificate</source>
        <translation>stagecertificaat</translation>
    </message>
    <message>
        <source>{document} signed and locked {day}</source>
        <translation>{document} ondertekend en vergrendeld op {day}</translation>
    </message>
    <message>
        <source>the trainee</source>
        <translation>de stagiair</translation>
    </message>
    <message>
        <source>the sending institution</source>
        <translation>de zendende instelling</translation>
    </message>
    <message>
        <source>the receiving organisation</source>
        <translation>de ontvangende organisatie</translation>
    </message>
    <message>
        <source>{document} declined by {who}</source>
        <translation>{document} geweigerd door {who}</translation>
    </message>
    <message>
        <source>{document} out for signature; not signed yet by {who}</source>
        <translation>{document} ter ondertekening verstuurd; nog niet ondertekend door {who}</translation>
    </message>
    <message>
        <source>every party</source>
        <translation>alle partijen</translation>
    </message>
    <message>
        <source>{document} is a draft, not sent for signature yet</source>
        <translation>{document} is een concept, nog niet ter ondertekening verstuurd</translation>
    </message>
    <message>
        <source>no kick-off meeting logged yet</source>
        <translation>nog geen kick-off vastgelegd</translation>
    </message>
    <message>
        <source>kick-off meeting logged, on {day}</source>
        <translation>kick-off vastgelegd, op {day}</translation>
    </message>
    <message numerus="yes">
        <source>%n kick-off meeting(s) logged, last on {day}</source>
        <translation>
            <numerusform>%n kick-off vastgelegd, laatst op {day}</numerusform>
            <numerusform>%n kick-offs vastgelegd, laatst op {day}</numerusform>
        </translation>
    </message>
    <message>
        <source>no mentor meeting logged yet</source>
        <translation>nog geen mentorgesprek vastgelegd</translation>
    </message>
    <message>
        <source>mentor meeting logged, on {day}</source>
        <translation>mentorgesprek vastgelegd, op {day}</translation>
    </message>
    <message numerus="yes">
        <source>%n mentor meeting(s) logged, last on {day}</source>
        <translation>
            <numerusform>%n mentorgesprek vastgelegd, laatst op {day}</numerusform>
            <numerusform>%n mentorgesprekken vastgelegd, laatst op {day}</numerusform>
        </translation>
    </message>
    <message>
        <source>no coaching session logged yet</source>
        <translation>nog geen coachingsgesprek vastgelegd</translation>
    </message>
    <message>
        <source>coaching session logged, on {day}</source>
        <translation>coachingsgesprek vastgelegd, op {day}</translation>
    </message>
    <message numerus="yes">
        <source>%n coaching session(s) logged, last on {day}</source>
        <translation>
            <numerusform>%n coachingsgesprek vastgelegd, laatst op {day}</numerusform>
            <numerusform>%n coachingsgesprekken vastgelegd, laatst op {day}</numerusform>
        </translation>
    </message>
    <message>
        <source>no peer feedback logged yet</source>
        <translation>nog geen peerfeedback vastgelegd</translation>
    </message>
    <message>
        <source>peer feedback logged, on {day}</source>
        <translation>peerfeedback vastgelegd, op {day}</translation>
    </message>
    <message numerus="yes">
        <source>%n peer feedback entries logged, last on {day}</source>
        <translation>
            <numerusform>%n peerfeedback vastgelegd, laatst op {day}</numerusform>
            <numerusform>%n keer peerfeedback vastgelegd, laatst op {day}</numerusform>
        </translation>
    </message>
    <message>
        <source>no reflection entry logged yet</source>
        <translation>nog geen reflectie vastgelegd</translation>
    </message>
    <message>
        <source>reflection entry logged, on {day}</source>
        <translation>reflectie vastgelegd, op {day}</translation>
    </message>
    <message numerus="yes">
        <source>%n reflection entry(ies) logged, last on {day}</source>
        <translation>
            <numerusform>%n reflectie vastgelegd, laatst op {day}</numerusform>
            <numerusform>%n reflecties vastgelegd, laatst op {day}</numerusform>
        </translation>
    </message>
    <message>
        <source>the credits awarded</source>
        <translation>de toegekende studiepunten</translation>
    </message>
    <message>
        <source>the grade</source>
        <translation>het cijfer</translation>
    </message>
    <message>
        <source>the transcript date</source>
        <translation>de datum van de cijferlijst</translation>
    </message>
    <message>
        <source>the learning outcomes achieved</source>
        <translation>de behaalde leerresultaten</translation>
    </message>
    <message>
        <source>the certificate&apos;s receipt date</source>
        <translation>de datum van ontvangst van het stagecertificaat</translation>
    </message>
    <message>
        <source>{awarded} of {planned} credits recognised, grade {grade}</source>
        <translation>{awarded} van {planned} studiepunten erkend, cijfer {grade}</translation>
    </message>
    <message>
        <source>, transcript of {day}</source>
        <translation>, cijferlijst van {day}</translation>
    </message>
    <message>
        <source>{tool}: failed with {who}</source>
        <translation>{tool}: test mislukt met {who}</translation>
    </message>
    <message>
        <source>A meeting was expected by {day}; none logged since.</source>
        <translation>Er werd uiterlijk {day} een gesprek verwacht; sindsdien niets vastgelegd.</translation>
    </message>
    <message>
        <source>Planned end {day}; still ongoing.</source>
        <translation>Gepland einde {day}; loopt nog.</translation>
    </message>
    <message>
        <source>Ended {day}.</source>
        <translation>Beëindigd {day}.</translation>
    </message>
    <message>
        <source>Student selected; expectations of student, host and institution discussed</source>
        <translation>Student geselecteerd; verwachtingen van student, ontvangende organisatie en instelling besproken</translation>
    </message>
    <message>
        <source>Student readiness checked: independence, motivation, digital skills, connectivity</source>
        <translation>Gereedheid van de student gecontroleerd: zelfstandigheid, motivatie, digitale vaardigheden, verbinding</translation>
    </message>
    <message>
        <source>Host readiness checked: real tasks, mentor time, system access, security</source>
        <translation>Gereedheid van de ontvangende organisatie gecontroleerd: echte taken, tijd van de mentor, toegang tot systemen, beveiliging</translation>
    </message>
    <message>
        <source>Institution readiness checked: learning outcomes, recognition, staff time</source>
        <translation>Gereedheid van de instelling gecontroleerd: leerresultaten, erkenning, personeelstijd</translation>
    </message>
    <message>
        <source>Communication tools chosen and tested with every actor</source>
        <translation>Communicatietools gekozen en met iedere betrokkene getest</translation>
    </message>
    <message>
        <source>Communication protocol agreed: availability, reporting, reply times, meetings</source>
        <translation>Communicatieprotocol afgesproken: bereikbaarheid, rapportage, antwoordtijden, overleg</translation>
    </message>
    <message>
        <source>Agreement signed by student, institution and host</source>
        <translation>Overeenkomst ondertekend door student, instelling en ontvangende organisatie</translation>
    </message>
    <message>
        <source>Preparatory training offered: cultural, linguistic, technical</source>
        <translation>Voorbereidende training aangeboden: cultureel, taalkundig, technisch</translation>
    </message>
    <message>
        <source>Helpdesk named for the student and for company staff</source>
        <translation>Aanspreekpunt aangewezen voor de student en voor het personeel van het bedrijf</translation>
    </message>
    <message>
        <source>Accident and liability insurance arranged</source>
        <translation>Ongevallen- en aansprakelijkheidsverzekering geregeld</translation>
    </message>
    <message>
        <source>Kick-off meeting held with student, mentor and tutor</source>
        <translation>Kick-off gehouden met student, mentor en begeleider</translation>
    </message>
    <message>
        <source>Task mentoring running, with more than one co-worker involved</source>
        <translation>Inhoudelijke begeleiding loopt, met meer dan één collega betrokken</translation>
    </message>
    <message>
        <source>Academic coaching and feedback sessions held</source>
        <translation>Academische coaching en feedbackgesprekken gehouden</translation>
    </message>
    <message>
        <source>Peer feedback organised</source>
        <translation>Peerfeedback georganiseerd</translation>
    </message>
    <message>
        <source>Reflection kept by the student (blog or e-portfolio)</source>
        <translation>Reflectie bijgehouden door de student (blog of e-portfolio)</translation>
    </message>
    <message>
        <source>Any change of programme agreed as an amendment signed by all three</source>
        <translation>Elke wijziging van het programma vastgelegd als wijziging ondertekend door alle drie</translation>
    </message>
    <message>
        <source>Placement evaluated with the student and the host</source>
        <translation>Stage geëvalueerd met de student en de ontvangende organisatie</translation>
    </message>
    <message>
        <source>Final assessment of the student done</source>
        <translation>Eindbeoordeling van de student gedaan</translation>
    </message>
    <message>
        <source>Traineeship certificate issued by the host (within 5 weeks of the end)</source>
        <translation>Stageverklaring afgegeven door de ontvangende organisatie (binnen 5 weken na het einde)</translation>
    </message>
    <message>
        <source>Credits recognised in the transcript</source>
        <translation>Studiepunten erkend op de cijferlijst</translation>
    </message>
    <message>
        <source>Collaboration and reflection records archived</source>
        <translation>Documenten over samenwerking en reflectie gearchiveerd</translation>
    </message>
    <message>
        <source>Equally</source>
        <translation>Gelijk verdeeld</translation>
    </message>
    <message>
        <source>By funded days</source>
        <translation>Naar gefinancierde dagen</translation>
    </message>
    <message>
        <source>By credits</source>
        <translation>Naar studiepunten</translation>
    </message>
    <message>
        <source>Typed in</source>
        <translation>Ingetypt</translation>
    </message>
    <message>
        <source>Returned PDF</source>
        <translation>Teruggestuurde pdf</translation>
    </message>
    <message>
        <source>Coordinator</source>
        <translation>Coördinator</translation>
    </message>
    <message>
        <source>Learning agreement</source>
        <translation>Learning Agreement</translation>
    </message>
    <message>
        <source>Amendment</source>
        <translation>Wijziging</translation>
    </message>
    <message>
        <source>Out for signature</source>
        <translation>Ter ondertekening verstuurd</translation>
    </message>
    <message>
        <source>Signed and locked</source>
        <translation>Ondertekend en vergrendeld</translation>
    </message>
    <message>
        <source>Superseded</source>
        <translation>Vervangen</translation>
    </message>
    <message>
        <source>Kick-off meeting</source>
        <translation>Kick-off</translation>
    </message>
    <message>
        <source>Mentor meeting</source>
        <translation>Mentorgesprek</translation>
    </message>
    <message>
        <source>Tutor coaching</source>
        <translation>Coaching door begeleider</translation>
    </message>
    <message>
        <source>Progress report</source>
        <translation>Voortgangsverslag</translation>
    </message>
    <message>
        <source>Peer feedback</source>
        <translation>Peerfeedback</translation>
    </message>
    <message>
        <source>Reflection entry</source>
        <translation>Reflectie</translation>
    </message>
    <message>
        <source>Well-being check</source>
        <translation>Welzijnscheck</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Incident</translation>
    </message>
    <message>
        <source>Mid-term</source>
        <translation>Tussentijds</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>Eind</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>In de wachtrij</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Voor</translation>
    </message>
    <message>
        <source>During</source>
        <translation>Tijdens</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Na</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Bezig</translation>
    </message>
    <message>
        <source>Digital signature</source>
        <translation>Digitale handtekening</translation>
    </message>
    <message>
        <source>Paper signature (scan attached)</source>
        <translation>Handtekening op papier (scan bijgevoegd)</translation>
    </message>
    <message>
        <source>Typed approval</source>
        <translation>Getypte goedkeuring</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>In afwachting</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Geweigerd</translation>
    </message>
    <message>
        <source>ECTS grades (A–F)</source>
        <translation>ECTS-cijfers (A–F)</translation>
    </message>
    <message>
        <source>Pass / fail</source>
        <translation>Geslaagd / niet geslaagd</translation>
    </message>
    <message>
        <source>German (1.0 best – 5.0)</source>
        <translation>Duits (1,0 best – 5,0)</translation>
    </message>
    <message>
        <source>Dutch (1 – 10 best)</source>
        <translation>Nederlands (1 – 10 best)</translation>
    </message>
    <message>
        <source>Italian (18 – 30 best)</source>
        <translation>Italiaans (18 – 30 best)</translation>
    </message>
    <message>
        <source>Polish (2.0 – 5.0 best)</source>
        <translation>Pools (2,0 – 5,0 best)</translation>
    </message>
    <message>
        <source>Finnish (0 – 5 best)</source>
        <translation>Fins (0 – 5 best)</translation>
    </message>
    <message>
        <source>Danish 7-point (-3 – 12 best)</source>
        <translation>Deense 7-puntsschaal (-3 – 12 best)</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Afdeling</translation>
    </message>
    <message>
        <source>Mentor: name</source>
        <translation>Mentor: naam</translation>
    </message>
    <message>
        <source>Mentor: position</source>
        <translation>Mentor: functie</translation>
    </message>
    <message>
        <source>Mentor: e-mail</source>
        <translation>Mentor: e-mail</translation>
    </message>
    <message>
        <source>Financial support: amount per month</source>
        <translation>Financiële ondersteuning: bedrag per maand</translation>
    </message>
    <message>
        <source>Contribution in kind</source>
        <translation>Bijdrage in natura</translation>
    </message>
    <message>
        <source>Insurance by the receiving organisation</source>
        <translation>Verzekering door de ontvangende organisatie</translation>
    </message>
    <message>
        <source>Tasks, deliverables and deadlines</source>
        <translation>Taken, resultaten en deadlines</translation>
    </message>
    <message>
        <source>Host mentor</source>
        <translation>Mentor in het bedrijf</translation>
    </message>
    <message>
        <source>{time}  {what} by {user}</source>
        <translation>{time}  {what} door {user}</translation>
    </message>
    <message>
        <source>{what} by {user}, {moment}</source>
        <translation>{what} door {user}, {moment}</translation>
    </message>
    <message>
        <source>Today · {day}</source>
        <translation>Vandaag · {day}</translation>
    </message>
    <message>
        <source>Yesterday · {day}</source>
        <translation>Gisteren · {day}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nee</translation>
    </message>
    <message>
        <source>{n} hours</source>
        <translation>{n} uur</translation>
    </message>
    <message>
        <source>{n} minutes</source>
        <translation>{n} minuten</translation>
    </message>
    <message>
        <source>Physical</source>
        <translation>Fysieke</translation>
    </message>
    <message>
        <source>Virtual</source>
        <translation>Virtuele</translation>
    </message>
    <message>
        <source>learning agreement {number}</source>
        <translation>Learning Agreement {number}</translation>
    </message>
    <message>
        <source>amendment {number}</source>
        <translation>wijziging {number}</translation>
    </message>
    <message>
        <source>traineeship certificate {number}</source>
        <translation>stagecertificaat {number}</translation>
    </message>
    <message>
        <source>recognition</source>
        <translation>erkenning</translation>
    </message>
    <message>
        <source>mid-term evaluation</source>
        <translation>tussentijdse evaluatie</translation>
    </message>
    <message>
        <source>final evaluation</source>
        <translation>eindevaluatie</translation>
    </message>
    <message>
        <source>{entry} of {day}</source>
        <translation>{entry} van {day}</translation>
    </message>
    <message>
        <source>the host organisation</source>
        <translation>de ontvangende organisatie</translation>
    </message>
    <message>
        <source>Student readiness questionnaire</source>
        <translation>Vragenlijst over de gereedheid van de student</translation>
    </message>
    <message>
        <source>Host organisation readiness questionnaire</source>
        <translation>Vragenlijst over de gereedheid van de ontvangende organisatie</translation>
    </message>
    <message>
        <source>Sending institution readiness questionnaire</source>
        <translation>Vragenlijst over de gereedheid van de zendende instelling</translation>
    </message>
    <message>
        <source>reopened as a draft</source>
        <translation>heropend als concept</translation>
    </message>
    <message>
        <source>sent for signature</source>
        <translation>ter ondertekening verstuurd</translation>
    </message>
    <message>
        <source>signed by all three parties and locked</source>
        <translation>door alle drie de partijen ondertekend en vergrendeld</translation>
    </message>
    <message>
        <source>superseded by a newer version</source>
        <translation>vervangen door een nieuwere versie</translation>
    </message>
    <message>
        <source>host organisation</source>
        <translation>ontvangende organisatie</translation>
    </message>
    <message>
        <source>sending institution</source>
        <translation>zendende instelling</translation>
    </message>
    <message>
        <source>company mentor</source>
        <translation>mentor in het bedrijf</translation>
    </message>
    <message>
        <source>academic tutor</source>
        <translation>academisch begeleider</translation>
    </message>
    <message>
        <source>shared cost</source>
        <translation>gedeelde kostenpost</translation>
    </message>
    <message>
        <source>document</source>
        <translation>document</translation>
    </message>
    <message>
        <source>planned start</source>
        <translation>gepland begin</translation>
    </message>
    <message>
        <source>planned end</source>
        <translation>gepland einde</translation>
    </message>
    <message>
        <source>hours per week</source>
        <translation>uren per week</translation>
    </message>
    <message>
        <source>reply time</source>
        <translation>reactietijd</translation>
    </message>
    <message>
        <source>meeting length</source>
        <translation>duur van overleg</translation>
    </message>
    <message>
        <source>note on tools</source>
        <translation>notitie over tools</translation>
    </message>
    <message>
        <source>ticked by</source>
        <translation>afgevinkt door</translation>
    </message>
    <message>
        <source>ticked at</source>
        <translation>afgevinkt op</translation>
    </message>
    <message>
        <source>signer</source>
        <translation>ondertekenaar</translation>
    </message>
    <message>
        <source>signer&apos;s function</source>
        <translation>functie van de ondertekenaar</translation>
    </message>
    <message>
        <source>signer&apos;s e-mail</source>
        <translation>e-mail van de ondertekenaar</translation>
    </message>
    <message>
        <source>signing date</source>
        <translation>datum van ondertekening</translation>
    </message>
    <message>
        <source>tool</source>
        <translation>tool</translation>
    </message>
    <message>
        <source>test date</source>
        <translation>testdatum</translation>
    </message>
    <message>
        <source>content fingerprint</source>
        <translation>vingerafdruk van de inhoud</translation>
    </message>
    <message>
        <source>fingerprint of the signed PDF</source>
        <translation>vingerafdruk van de ondertekende PDF</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>signed PDF</source>
        <translation>ondertekende PDF</translation>
    </message>
    <message>
        <source>signed and locked PDF</source>
        <translation>ondertekende en vergrendelde PDF</translation>
    </message>
    <message>
        <source>date</source>
        <translation>datum</translation>
    </message>
    <message>
        <source>questionnaire</source>
        <translation>vragenlijst</translation>
    </message>
    <message>
        <source>work-list item</source>
        <translation>item op de werklijst</translation>
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
        <translation>vorm</translation>
    </message>
    <message>
        <source>description</source>
        <translation>beschrijving</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>opmerkingen</translation>
    </message>
    <message>
        <source>note</source>
        <translation>notitie</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>reden</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>bedrag</translation>
    </message>
    <message>
        <source>currency</source>
        <translation>valuta</translation>
    </message>
    <message>
        <source>category</source>
        <translation>categorie</translation>
    </message>
    <message>
        <source>state</source>
        <translation>toestand</translation>
    </message>
    <message>
        <source>method</source>
        <translation>methode</translation>
    </message>
    <message>
        <source>reporting</source>
        <translation>rapportage</translation>
    </message>
    <message>
        <source>meetings</source>
        <translation>overleggen</translation>
    </message>
    <message>
        <source>start</source>
        <translation>start</translation>
    </message>
    <message>
        <source>end</source>
        <translation>einde</translation>
    </message>
    <message>
        <source>until</source>
        <translation>uitgesteld tot</translation>
    </message>
    <message>
        <source>grade</source>
        <translation>cijfer</translation>
    </message>
    <message>
        <source>credits awarded</source>
        <translation>toegekende studiepunten</translation>
    </message>
    <message>
        <source>transcript date</source>
        <translation>datum van de cijferlijst</translation>
    </message>
    <message>
        <source>certificate received on</source>
        <translation>certificaat ontvangen op</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>duur (minuten)</translation>
    </message>
    <message>
        <source>participants</source>
        <translation>deelnemers</translation>
    </message>
    <message>
        <source>concern</source>
        <translation>zorgpunt</translation>
    </message>
    <message>
        <source>resolved on</source>
        <translation>opgelost op</translation>
    </message>
    <message>
        <source>result</source>
        <translation>resultaat</translation>
    </message>
    <message>
        <source>phase</source>
        <translation>fase</translation>
    </message>
    <message>
        <source>{reason} (open then: {overridden})</source>
        <translation>{reason} (toen nog open: {overridden})</translation>
    </message>
    <message>
        <source>Status changed from {before} to {after} past open checks</source>
        <translation>Status gewijzigd van {before} in {after} ondanks openstaande punten</translation>
    </message>
    <message>
        <source>{subject}: {change}</source>
        <translation>{subject}: {change}</translation>
    </message>
    <message>
        <source>{title}, {student} at {host}, {start} – {end}</source>
        <translation>{title}, {student} bij {host}, {start} – {end}</translation>
    </message>
    <message>
        <source>{tool} with {actor}</source>
        <translation>{tool} met {actor}</translation>
    </message>
    <message>
        <source>{kind} period</source>
        <translation>{kind} periode</translation>
    </message>
    <message>
        <source>Signature of {party} on {document}</source>
        <translation>Handtekening van {party} op {document}</translation>
    </message>
    <message>
        <source>Tool for {purpose} changed from {before} to {after}</source>
        <translation>Tool voor {purpose} gewijzigd van {before} in {after}</translation>
    </message>
    <message>
        <source>Test of {subject} ({day}) recorded as {outcome}</source>
        <translation>Test van {subject} ({day}) vastgelegd als {outcome}</translation>
    </message>
    <message>
        <source>Cost {cost}</source>
        <translation>Kostenpost {cost}</translation>
    </message>
    <message>
        <source>Share of a shared cost</source>
        <translation>Aandeel in een gedeelde kostenpost</translation>
    </message>
    <message>
        <source>Snooze of a work-list item</source>
        <translation>Uitstel van een item op de werklijst</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to}</source>
        <translation>E-mail “{subject}” aan {to}</translation>
    </message>
    <message>
        <source>{subject} saved</source>
        <translation>{subject} opgeslagen</translation>
    </message>
    <message>
        <source>Placement {reference} created</source>
        <translation>Stage {reference} aangemaakt</translation>
    </message>
    <message>
        <source>Placement {reference} deleted</source>
        <translation>Stage {reference} verwijderd</translation>
    </message>
    <message>
        <source>{item} ticked</source>
        <translation>{item} afgevinkt</translation>
    </message>
    <message>
        <source>{item} unticked</source>
        <translation>Vinkje bij {item} weggehaald</translation>
    </message>
    <message>
        <source>Note on {item} changed</source>
        <translation>Notitie bij {item} gewijzigd</translation>
    </message>
    <message>
        <source>{kind} period added: {start} – {end}</source>
        <translation>{kind} periode toegevoegd: {start} – {end}</translation>
    </message>
    <message>
        <source>{kind} period removed</source>
        <translation>{kind} periode verwijderd</translation>
    </message>
    <message>
        <source>{document} drafted</source>
        <translation>{document} als concept opgesteld</translation>
    </message>
    <message>
        <source>{document} deleted</source>
        <translation>{document} verwijderd</translation>
    </message>
    <message>
        <source>{document} {state}</source>
        <translation>{document} {state}</translation>
    </message>
    <message>
        <source>{document} edited</source>
        <translation>{document} bewerkt</translation>
    </message>
    <message>
        <source>Signed PDF of {document} updated</source>
        <translation>Ondertekende PDF van {document} bijgewerkt</translation>
    </message>
    <message>
        <source>{document} checked and frozen for sending</source>
        <translation>{document} gecontroleerd en bevroren voor verzending</translation>
    </message>
    <message>
        <source>Note on {document} changed</source>
        <translation>Notitie bij {document} gewijzigd</translation>
    </message>
    <message>
        <source>Signature of {party} awaited on {document}</source>
        <translation>Handtekening van {party} op {document} verwacht</translation>
    </message>
    <message>
        <source>Signature of {party} on {document} removed</source>
        <translation>Handtekening van {party} op {document} verwijderd</translation>
    </message>
    <message>
        <source>{how} from {signer}</source>
        <translation>{how} van {signer}</translation>
    </message>
    <message>
        <source>{how}, dated {day}</source>
        <translation>{how}, gedateerd {day}</translation>
    </message>
    <message>
        <source>Signature of {party} on {document} recorded ({how})</source>
        <translation>Handtekening van {party} op {document} vastgelegd ({how})</translation>
    </message>
    <message>
        <source>{party}&apos;s refusal to sign {document} recorded</source>
        <translation>Afwijzing door {party} van {document} vastgelegd</translation>
    </message>
    <message>
        <source>Signature of {party} on {document} reset: signing starts over</source>
        <translation>Handtekening van {party} op {document} teruggezet: de ondertekening begint opnieuw</translation>
    </message>
    <message>
        <source>Note on the signature of {party} on {document} changed</source>
        <translation>Notitie bij de handtekening van {party} op {document} gewijzigd</translation>
    </message>
    <message>
        <source>{questionnaire} started</source>
        <translation>{questionnaire} gestart</translation>
    </message>
    <message>
        <source>{questionnaire} started with {respondent}</source>
        <translation>{questionnaire} gestart met {respondent}</translation>
    </message>
    <message>
        <source>{questionnaire} discarded before it was completed</source>
        <translation>{questionnaire} verworpen voordat deze was ingevuld</translation>
    </message>
    <message>
        <source>{questionnaire} completed</source>
        <translation>{questionnaire} ingevuld</translation>
    </message>
    <message>
        <source>Communication protocol saved</source>
        <translation>Communicatieprotocol opgeslagen</translation>
    </message>
    <message>
        <source>Communication protocol removed</source>
        <translation>Communicatieprotocol verwijderd</translation>
    </message>
    <message>
        <source>{tool} chosen for {purpose}</source>
        <translation>{tool} gekozen voor {purpose}</translation>
    </message>
    <message>
        <source>Tool for {purpose} removed</source>
        <translation>Tool voor {purpose} verwijderd</translation>
    </message>
    <message>
        <source>Test of {subject} removed</source>
        <translation>Test van {subject} verwijderd</translation>
    </message>
    <message>
        <source>Test of {subject}</source>
        <translation>Test van {subject}</translation>
    </message>
    <message>
        <source>Note on the test of {subject} changed</source>
        <translation>Notitie bij de test van {subject} gewijzigd</translation>
    </message>
    <message>
        <source>Test of {subject} marked as not yet done</source>
        <translation>Test van {subject} gemarkeerd als nog niet gedaan</translation>
    </message>
    <message>
        <source>Test of {subject} recorded as {outcome}</source>
        <translation>Test van {subject} vastgelegd als {outcome}</translation>
    </message>
    <message>
        <source>Cost {cost} added: {amount}</source>
        <translation>Kostenpost {cost} toegevoegd: {amount}</translation>
    </message>
    <message>
        <source>Cost {cost} removed</source>
        <translation>Kostenpost {cost} verwijderd</translation>
    </message>
    <message>
        <source>Shared cost {cost} now shared with this placement</source>
        <translation>Gedeelde kostenpost {cost} wordt nu met deze stage gedeeld</translation>
    </message>
    <message>
        <source>This placement no longer shares a shared cost</source>
        <translation>Deze stage deelt niet langer in een gedeelde kostenpost</translation>
    </message>
    <message>
        <source>Work-list item {item} snoozed until {until}</source>
        <translation>Item {item} op de werklijst uitgesteld tot {until}</translation>
    </message>
    <message>
        <source>A work-list item is no longer snoozed</source>
        <translation>Een item op de werklijst is niet langer uitgesteld</translation>
    </message>
    <message>
        <source>{what} recorded</source>
        <translation>{what} vastgelegd</translation>
    </message>
    <message>
        <source>{what} removed</source>
        <translation>{what} verwijderd</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} queued</source>
        <translation>E-mail “{subject}” aan {to} in de wachtrij gezet</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} removed from the outbox</source>
        <translation>E-mail “{subject}” aan {to} verwijderd uit Postvak uit</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} sent</source>
        <translation>E-mail “{subject}” aan {to} verzonden</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} could not be sent</source>
        <translation>E-mail “{subject}” aan {to} kon niet worden verzonden</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} cancelled</source>
        <translation>E-mail “{subject}” aan {to} geannuleerd</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} queued again</source>
        <translation>E-mail “{subject}” aan {to} opnieuw in de wachtrij gezet</translation>
    </message>
    <message>
        <source>Placement saved</source>
        <translation>Stage opgeslagen</translation>
    </message>
    <message>
        <source>{field} replaced</source>
        <translation>{field} vervangen</translation>
    </message>
    <message>
        <source>{field} added</source>
        <translation>{field} toegevoegd</translation>
    </message>
    <message>
        <source>{field} set to {after}</source>
        <translation>{field} ingesteld op {after}</translation>
    </message>
    <message>
        <source>{field} cleared (was {before})</source>
        <translation>{field} gewist (was {before})</translation>
    </message>
    <message>
        <source>{field} changed from {before} to {after}</source>
        <translation>{field} gewijzigd van {before} in {after}</translation>
    </message>
    <message>
        <source>{kind} version {number}</source>
        <translation>{kind}, versie {number}</translation>
    </message>
    <message>
        <source>Import &amp;students…</source>
        <translation>&amp;Studenten importeren…</translation>
    </message>
    <message>
        <source>&amp;Students…</source>
        <translation>&amp;Studenten…</translation>
    </message>
    <message>
        <source>Import students</source>
        <translation>Studenten importeren</translation>
    </message>
    <message>
        <source>Import students from</source>
        <translation>Studenten importeren uit</translation>
    </message>
    <message>
        <source>Save the students import template</source>
        <translation>Importsjabloon voor studenten opslaan</translation>
    </message>
    <message>
        <source>Saved the students template to {path}.</source>
        <translation>Sjabloon voor studenten opgeslagen in {path}.</translation>
    </message>
    <message>
        <source>Importing students</source>
        <translation>Studenten worden geïmporteerd</translation>
    </message>
    <message>
        <source>Choose an Excel (.xlsx) or CSV file with one row per student. You see what vipdesk understood before anything is imported; if any row has a problem, nothing is. Rows already in vipdesk are skipped.</source>
        <translation>Kies een Excel- (.xlsx) of CSV-bestand met één rij per student. U ziet wat vipdesk heeft begrepen voordat er iets wordt geïmporteerd; heeft een rij een probleem, dan wordt niets geïmporteerd. Rijen die al in vipdesk staan, worden overgeslagen.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln student(s).</source>
        <translation>
            <numerusform>%Ln student geïmporteerd.</numerusform>
            <numerusform>%Ln studenten geïmporteerd.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new student(s)</source>
        <translation>
            <numerusform>%Ln nieuwe student</numerusform>
            <numerusform>%Ln nieuwe studenten</numerusform>
        </translation>
    </message>
    <message>
        <source>Import &amp;organisations…</source>
        <translation>&amp;Organisaties importeren…</translation>
    </message>
    <message>
        <source>&amp;Organisations…</source>
        <translation>&amp;Organisaties…</translation>
    </message>
    <message>
        <source>Import organisations</source>
        <translation>Organisaties importeren</translation>
    </message>
    <message>
        <source>Import organisations from</source>
        <translation>Organisaties importeren uit</translation>
    </message>
    <message>
        <source>Save the organisations import template</source>
        <translation>Importsjabloon voor organisaties opslaan</translation>
    </message>
    <message>
        <source>Saved the organisations template to {path}.</source>
        <translation>Sjabloon voor organisaties opgeslagen in {path}.</translation>
    </message>
    <message>
        <source>Importing organisations</source>
        <translation>Organisaties worden geïmporteerd</translation>
    </message>
    <message>
        <source>Choose an Excel (.xlsx) or CSV file with one row per organisation. You see what vipdesk understood before anything is imported; if any row has a problem, nothing is. Rows already in vipdesk are skipped.</source>
        <translation>Kies een Excel- (.xlsx) of CSV-bestand met één rij per organisatie. U ziet wat vipdesk heeft begrepen voordat er iets wordt geïmporteerd; heeft een rij een probleem, dan wordt niets geïmporteerd. Rijen die al in vipdesk staan, worden overgeslagen.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln organisation(s).</source>
        <translation>
            <numerusform>%Ln organisatie geïmporteerd.</numerusform>
            <numerusform>%Ln organisaties geïmporteerd.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new organisation(s)</source>
        <translation>
            <numerusform>%Ln nieuwe organisatie</numerusform>
            <numerusform>%Ln nieuwe organisaties</numerusform>
        </translation>
    </message>
    <message>
        <source>Import &amp;placements…</source>
        <translation>Sta&amp;ges importeren…</translation>
    </message>
    <message>
        <source>&amp;Placements…</source>
        <translation>&amp;Stages…</translation>
    </message>
    <message>
        <source>Import placements</source>
        <translation>Stages importeren</translation>
    </message>
    <message>
        <source>Import placements from</source>
        <translation>Stages importeren uit</translation>
    </message>
    <message>
        <source>Save the placements import template</source>
        <translation>Importsjabloon voor stages opslaan</translation>
    </message>
    <message>
        <source>Saved the placements template to {path}.</source>
        <translation>Sjabloon voor stages opgeslagen in {path}.</translation>
    </message>
    <message>
        <source>Importing placements</source>
        <translation>Stages worden geïmporteerd</translation>
    </message>
    <message>
        <source>Choose an Excel (.xlsx) or CSV file with one row per placement. You see what vipdesk understood before anything is imported; if any row has a problem, nothing is. Rows already in vipdesk are skipped.</source>
        <translation>Kies een Excel- (.xlsx) of CSV-bestand met één rij per stage. U ziet wat vipdesk heeft begrepen voordat er iets wordt geïmporteerd; heeft een rij een probleem, dan wordt niets geïmporteerd. Rijen die al in vipdesk staan, worden overgeslagen.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln placement(s).</source>
        <translation>
            <numerusform>%Ln stage geïmporteerd.</numerusform>
            <numerusform>%Ln stages geïmporteerd.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new placement(s)</source>
        <translation>
            <numerusform>%Ln nieuwe stage</numerusform>
            <numerusform>%Ln nieuwe stages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln already exist(s) — skipped</source>
        <translation>
            <numerusform>%Ln bestaat al — overgeslagen</numerusform>
            <numerusform>%Ln bestaan al — overgeslagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln with problems</source>
        <translation>
            <numerusform>%Ln met problemen</numerusform>
            <numerusform>%Ln met problemen</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose the student, or create a new one.</source>
        <translation>Kies de student of maak een nieuwe aan.</translation>
    </message>
    <message>
        <source>Choose the host organisation, or create a new one.</source>
        <translation>Kies de ontvangende organisatie of maak een nieuwe aan.</translation>
    </message>
    <message>
        <source>Choose the sending institution.</source>
        <translation>Kies de zendende instelling.</translation>
    </message>
    <message>
        <source>Give the placement a title, e.g. &apos;Market research assistant&apos;.</source>
        <translation>Geef de stage een titel, bijv. ‘Assistent marktonderzoek’.</translation>
    </message>
    <message>
        <source>The title is longer than 200 characters.</source>
        <translation>De titel is langer dan 200 tekens.</translation>
    </message>
    <message>
        <source>The description is longer than {limit} characters.</source>
        <translation>De beschrijving is langer dan {limit} tekens.</translation>
    </message>
    <message>
        <source>&apos;{code}&apos; is not an ISO 4217 code.</source>
        <translation>&apos;{code}&apos; is geen ISO 4217-code.</translation>
    </message>
    <message>
        <source>&apos;{code}&apos; is not an ISO 4217 currency code (e.g. EUR).</source>
        <translation>&apos;{code}&apos; is geen ISO 4217-valutacode (bijv. EUR).</translation>
    </message>
    <message>
        <source>&apos;{code}&apos; is not an ISO 4217 currency.</source>
        <translation>&apos;{code}&apos; is geen ISO 4217-valuta.</translation>
    </message>
    <message>
        <source>A cost is either for one placement or shared, not both.</source>
        <translation>Een kost hoort bij één stage of wordt gedeeld, niet allebei.</translation>
    </message>
    <message>
        <source>A placement chosen no longer exists.</source>
        <translation>Een gekozen stage bestaat niet meer.</translation>
    </message>
    <message>
        <source>A rate must be more than zero.</source>
        <translation>Een koers moet groter zijn dan nul.</translation>
    </message>
    <message>
        <source>A share cannot be negative.</source>
        <translation>Een aandeel kan niet negatief zijn.</translation>
    </message>
    <message>
        <source>Another funding source has this name.</source>
        <translation>Een andere financieringsbron heeft deze naam.</translation>
    </message>
    <message>
        <source>Choose the placement, or the placements or year to share among.</source>
        <translation>Kies de stage, of de stages of het jaar waarover verdeeld wordt.</translation>
    </message>
    <message>
        <source>Describe the cost, e.g. &apos;Laptop for the student&apos;.</source>
        <translation>Beschrijf de kost, bijv. &apos;Laptop voor de student&apos;.</translation>
    </message>
    <message>
        <source>Enter the amount (or, for staff time, the hours and hourly rate).</source>
        <translation>Vul het bedrag in (of, voor personeelstijd, de uren en het uurtarief).</translation>
    </message>
    <message>
        <source>Enter the amount awarded.</source>
        <translation>Vul het toegekende bedrag in.</translation>
    </message>
    <message>
        <source>Enter the amount to the cent (two decimals at most).</source>
        <translation>Vul het bedrag tot op de cent in (hoogstens twee decimalen).</translation>
    </message>
    <message>
        <source>Enter the date of the cost (it chooses the exchange rate).</source>
        <translation>Vul de datum van de kost in (die bepaalt de wisselkoers).</translation>
    </message>
    <message>
        <source>Enter the first day the source pays for.</source>
        <translation>Vul de eerste dag in waarvoor de bron betaalt.</translation>
    </message>
    <message>
        <source>Enter the last day the source pays for.</source>
        <translation>Vul de laatste dag in waarvoor de bron betaalt.</translation>
    </message>
    <message>
        <source>Every share is zero, so the cost cannot be split this way.</source>
        <translation>Elk aandeel is nul, dus de kost kan niet zo verdeeld worden.</translation>
    </message>
    <message>
        <source>Hours cannot be negative.</source>
        <translation>Uren kunnen niet negatief zijn.</translation>
    </message>
    <message>
        <source>Line {line}: &apos;{code}&apos; is not an ISO 4217 code.</source>
        <translation>Regel {line}: &apos;{code}&apos; is geen ISO 4217-code.</translation>
    </message>
    <message>
        <source>Line {line}: a rate must be more than zero.</source>
        <translation>Regel {line}: een koers moet groter zijn dan nul.</translation>
    </message>
    <message>
        <source>Line {line}: expected date,currency,rate.</source>
        <translation>Regel {line}: verwacht werd date,currency,rate.</translation>
    </message>
    <message>
        <source>Line {line}: write the date as YYYY-MM-DD and the rate as 1.0825.</source>
        <translation>Regel {line}: schrijf de datum als JJJJ-MM-DD en de koers als 1.0825.</translation>
    </message>
    <message>
        <source>Name the funding source, e.g. &apos;Erasmus+ KA131 2024&apos;.</source>
        <translation>Geef de financieringsbron een naam, bijv. &apos;Erasmus+ KA131 2024&apos;.</translation>
    </message>
    <message>
        <source>Share among the placements listed or among a year, not both.</source>
        <translation>Verdeel over de vermelde stages of over een jaar, niet allebei.</translation>
    </message>
    <message>
        <source>The amount awarded cannot be negative.</source>
        <translation>Het toegekende bedrag kan niet negatief zijn.</translation>
    </message>
    <message>
        <source>The amount cannot be negative; enter a refund as its own note.</source>
        <translation>Het bedrag kan niet negatief zijn; noteer een terugbetaling als aparte notitie.</translation>
    </message>
    <message>
        <source>The description is longer than 200 characters.</source>
        <translation>De beschrijving is langer dan 200 tekens.</translation>
    </message>
    <message>
        <source>The hourly rate cannot be negative.</source>
        <translation>Het uurtarief kan niet negatief zijn.</translation>
    </message>
    <message>
        <source>The invoice reference is longer than {limit} characters.</source>
        <translation>De factuurreferentie is langer dan {limit} tekens.</translation>
    </message>
    <message>
        <source>The name is longer than 200 characters.</source>
        <translation>De naam is langer dan 200 tekens.</translation>
    </message>
    <message>
        <source>The notes are longer than {limit} characters.</source>
        <translation>De notities zijn langer dan {limit} tekens.</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>De periode eindigt voordat ze begint.</translation>
    </message>
    <message>
        <source>The reference is longer than {limit} characters.</source>
        <translation>Het kenmerk is langer dan {limit} tekens.</translation>
    </message>
    <message>
        <source>There is no exchange rate for {currency} on or before {day} (against {base}). Enter one, or import them from a CSV file.</source>
        <translation>Er is geen wisselkoers voor {currency} op of vóór {day} (tegenover {base}). Vul er een in, of importeer ze uit een CSV-bestand.</translation>
    </message>
    <message>
        <source>There is no grant to record: no physical days are funded.</source>
        <translation>Er is geen beurs om vast te leggen: er worden geen fysieke dagen gefinancierd.</translation>
    </message>
    <message>
        <source>There is nobody to share this cost among.</source>
        <translation>Er is niemand om deze kost over te verdelen.</translation>
    </message>
    <message>
        <source>This cost item no longer exists.</source>
        <translation>Deze kostenpost bestaat niet meer.</translation>
    </message>
    <message>
        <source>This funding source no longer exists.</source>
        <translation>Deze financieringsbron bestaat niet meer.</translation>
    </message>
    <message>
        <source>This rate of {currency} for {day} was changed after you opened it.</source>
        <translation>Deze koers van {currency} voor {day} is gewijzigd nadat u hem opende.</translation>
    </message>
    <message>
        <source>{amount} has more than two decimals; enter it to the cent.</source>
        <translation>{amount} heeft meer dan twee decimalen; vul het tot op de cent in.</translation>
    </message>
    <message>
        <source>{category}: enter a budget of zero or more, to the cent.</source>
        <translation>{category}: vul een budget van nul of meer in, tot op de cent.</translation>
    </message>
    <message>
        <source>{cost} ({day}): {problem}</source>
        <translation>{cost} ({day}): {problem}</translation>
    </message>
    <message>
        <source>{day} is outside the period of {source} ({start} to {end}).</source>
        <translation>{day} valt buiten de periode van {source} ({start} tot {end}).</translation>
    </message>
    <message>
        <source>{source} pays for cost items; move or delete them first.</source>
        <translation>{source} betaalt kostenposten; verplaats of verwijder die eerst.</translation>
    </message>
    <message>
        <source>{source}: {cost}: {problem}</source>
        <translation>{source}: {cost}: {problem}</translation>
    </message>
    <message>
        <source>Enter the planned start date.</source>
        <translation>Vul de geplande begindatum in.</translation>
    </message>
    <message>
        <source>Enter the planned end date.</source>
        <translation>Vul de geplande einddatum in.</translation>
    </message>
    <message>
        <source>The end ({end}) is before the start ({start}).</source>
        <translation>Het einde ({end}) ligt voor het begin ({start}).</translation>
    </message>
    <message>
        <source>Enter the hours per week (1 to 60).</source>
        <translation>Vul de uren per week in (1 tot 60).</translation>
    </message>
    <message>
        <source>Hours per week must be between 1 and 60.</source>
        <translation>Het aantal uren per week moet tussen 1 en 60 liggen.</translation>
    </message>
    <message>
        <source>ECTS credits must be between 0 and 60.</source>
        <translation>Het aantal studiepunten (ECTS) moet tussen 0 en 60 liggen.</translation>
    </message>
    <message>
        <source>ECTS credits take at most one decimal, e.g. 7.5.</source>
        <translation>Studiepunten (ECTS) hebben hoogstens één decimaal, bijv. 7,5.</translation>
    </message>
    <message>
        <source>A blended placement needs at least one physical and one virtual period.</source>
        <translation>Een blended stage heeft minstens één fysieke en één virtuele periode nodig.</translation>
    </message>
    <message>
        <source>Period {n} needs a start and an end date.</source>
        <translation>Periode {n} heeft een begin- en einddatum nodig.</translation>
    </message>
    <message>
        <source>Period {n} ends before it starts.</source>
        <translation>Periode {n} eindigt voordat ze begint.</translation>
    </message>
    <message>
        <source>Period {n} lies outside the planned start and end.</source>
        <translation>Periode {n} ligt buiten het geplande begin en einde.</translation>
    </message>
    <message>
        <source>Periods {a} and {b} overlap.</source>
        <translation>Perioden {a} en {b} overlappen.</translation>
    </message>
    <message>
        <source>The chosen student was deleted.</source>
        <translation>De gekozen student is verwijderd.</translation>
    </message>
    <message>
        <source>The chosen host organisation was deleted.</source>
        <translation>De gekozen ontvangende organisatie is verwijderd.</translation>
    </message>
    <message>
        <source>The chosen sending institution was deleted.</source>
        <translation>De gekozen zendende instelling is verwijderd.</translation>
    </message>
    <message>
        <source>The chosen mentor was deleted.</source>
        <translation>De gekozen mentor is verwijderd.</translation>
    </message>
    <message>
        <source>The mentor must work at the host organisation.</source>
        <translation>De mentor moet bij de ontvangende organisatie werken.</translation>
    </message>
    <message>
        <source>The chosen tutor was deleted.</source>
        <translation>De gekozen begeleider is verwijderd.</translation>
    </message>
    <message>
        <source>The academic tutor must work at an institution.</source>
        <translation>De academisch begeleider moet bij een instelling werken.</translation>
    </message>
    <message>
        <source>Another coordinator took the same reference just now: save again.</source>
        <translation>Een andere coördinator heeft zojuist hetzelfde referentienummer genomen: sla opnieuw op.</translation>
    </message>
    <message>
        <source>The end is before the start.</source>
        <translation>Het einde ligt voor het begin.</translation>
    </message>
    <message>
        <source>This placement no longer exists: someone may have deleted it.</source>
        <translation>Deze stage bestaat niet meer: misschien heeft iemand haar verwijderd.</translation>
    </message>
    <message>
        <source>This placement was deleted by someone else; your edits were not saved.</source>
        <translation>Deze stage is door iemand anders verwijderd; je wijzigingen zijn niet opgeslagen.</translation>
    </message>
    <message>
        <source>The database refused the change: {reason}</source>
        <translation>De database heeft de wijziging geweigerd: {reason}</translation>
    </message>
    <message>
        <source>A placement cannot go from &apos;{current}&apos; to &apos;{target}&apos;.</source>
        <translation>Een stage kan niet van &apos;{current}&apos; naar &apos;{target}&apos; gaan.</translation>
    </message>
    <message>
        <source>Say why the placement moves anyway.</source>
        <translation>Zeg waarom de stage toch verdergaat.</translation>
    </message>
    <message>
        <source>Only an office lead can move a placement past open checks.</source>
        <translation>Alleen een hoofd bureau kan een stage langs open controles verplaatsen.</translation>
    </message>
    <message>
        <source>There is no checklist item &apos;{key}&apos;.</source>
        <translation>Er is geen checklistpunt &apos;{key}&apos;.</translation>
    </message>
    <message>
        <source>“{item}” follows from vipdesk&apos;s records; to tick it by hand, say why (e.g. “done outside vipdesk: paper questionnaire”).</source>
        <translation>‘{item}’ volgt uit de gegevens van vipdesk; zeg waarom als je het met de hand afvinkt (bijv. ‘buiten vipdesk gedaan: papieren vragenlijst’).</translation>
    </message>
    <message>
        <source>A login name cannot contain a comma.</source>
        <translation>Een inlognaam mag geen komma bevatten.</translation>
    </message>
    <message>
        <source>The list of office leads is longer than {limit} characters.</source>
        <translation>De lijst van hoofden bureau is langer dan {limit} tekens.</translation>
    </message>
    <message>
        <source>Only an office lead can change who the office leads are.</source>
        <translation>Alleen een hoofd bureau kan wijzigen wie hoofd bureau is.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not an e-mail address; it should look like name@uni.eu.</source>
        <translation>&apos;{value}&apos; is geen e-mailadres; het hoort eruit te zien als naam@uni.eu.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a country code; choose a country from the list.</source>
        <translation>&apos;{value}&apos; is geen landcode; kies een land uit de lijst.</translation>
    </message>
    <message>
        <source>Choose the time zone, e.g. Europe/Warsaw.</source>
        <translation>Kies de tijdzone, bijv. Europe/Warsaw.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a time zone; choose one from the list.</source>
        <translation>&apos;{value}&apos; is geen tijdzone; kies er een uit de lijst.</translation>
    </message>
    <message>
        <source>The website address is longer than 300 characters.</source>
        <translation>Het adres van de website is langer dan 300 tekens.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; does not look like a web address, e.g. https://acme.eu.</source>
        <translation>&apos;{value}&apos; lijkt niet op een webadres, bijv. https://acme.eu.</translation>
    </message>
    <message>
        <source>Enter the given name.</source>
        <translation>Vul de voornaam in.</translation>
    </message>
    <message>
        <source>The given name is longer than {limit} characters.</source>
        <translation>De voornaam is langer dan {limit} tekens.</translation>
    </message>
    <message>
        <source>Enter the family name.</source>
        <translation>Vul de achternaam in.</translation>
    </message>
    <message>
        <source>The family name is longer than {limit} characters.</source>
        <translation>De achternaam is langer dan {limit} tekens.</translation>
    </message>
    <message>
        <source>Enter the student&apos;s e-mail address.</source>
        <translation>Vul het e-mailadres van de student in.</translation>
    </message>
    <message>
        <source>The student number is longer than {limit} characters.</source>
        <translation>Het studentnummer is langer dan {limit} tekens.</translation>
    </message>
    <message>
        <source>The date of birth is in the future.</source>
        <translation>De geboortedatum ligt in de toekomst.</translation>
    </message>
    <message>
        <source>A student must be at least {age}; check the year ({year}).</source>
        <translation>Een student moet minstens {age} jaar oud zijn; controleer het jaar ({year}).</translation>
    </message>
    <message>
        <source>Another contact already uses this e-mail.</source>
        <translation>Een ander contact gebruikt dit e-mailadres al.</translation>
    </message>
    <message>
        <source>Another institution already has this name ({name}).</source>
        <translation>Een andere instelling heeft deze naam al ({name}).</translation>
    </message>
    <message>
        <source>Another institution already has this name.</source>
        <translation>Een andere instelling heeft deze naam al.</translation>
    </message>
    <message>
        <source>Another organisation already has this name ({name}).</source>
        <translation>Een andere organisatie heeft deze naam al ({name}).</translation>
    </message>
    <message>
        <source>Another organisation in this country already has this name.</source>
        <translation>Een andere organisatie in dit land heeft deze naam al.</translation>
    </message>
    <message>
        <source>Another organisation in {country} already has this name ({name}).</source>
        <translation>Een andere organisatie in {country} heeft deze naam al ({name}).</translation>
    </message>
    <message>
        <source>Born in {year}? Check the year.</source>
        <translation>Geboren in {year}? Controleer het jaar.</translation>
    </message>
    <message>
        <source>Choose the country.</source>
        <translation>Kies het land.</translation>
    </message>
    <message>
        <source>Choose where this person works: either a host organisation or an institution.</source>
        <translation>Kies waar deze persoon werkt: bij een ontvangende organisatie of bij een instelling.</translation>
    </message>
    <message>
        <source>Enter the contact&apos;s e-mail address.</source>
        <translation>Vul het e-mailadres van het contact in.</translation>
    </message>
    <message>
        <source>Enter the contact&apos;s name.</source>
        <translation>Vul de naam van het contact in.</translation>
    </message>
    <message>
        <source>Enter the institution&apos;s name.</source>
        <translation>Vul de naam van de instelling in.</translation>
    </message>
    <message>
        <source>Enter the organisation&apos;s name.</source>
        <translation>Vul de naam van de organisatie in.</translation>
    </message>
    <message>
        <source>The Erasmus code is longer than {limit} characters.</source>
        <translation>De Erasmus-code is langer dan {limit} tekens.</translation>
    </message>
    <message>
        <source>The address is longer than {limit} characters.</source>
        <translation>Het adres is langer dan {limit} tekens.</translation>
    </message>
    <message>
        <source>The city is longer than {limit} characters.</source>
        <translation>De plaats is langer dan {limit} tekens.</translation>
    </message>
    <message>
        <source>The faculty is longer than {limit} characters.</source>
        <translation>De faculteit is langer dan {limit} tekens.</translation>
    </message>
    <message>
        <source>The name is longer than {limit} characters.</source>
        <translation>De naam is langer dan {limit} tekens.</translation>
    </message>
    <message>
        <source>The phone number is longer than {limit} characters.</source>
        <translation>Het telefoonnummer is langer dan {limit} tekens.</translation>
    </message>
    <message>
        <source>The position is longer than {limit} characters.</source>
        <translation>De functie is langer dan {limit} tekens.</translation>
    </message>
    <message>
        <source>The postcode is longer than {limit} characters.</source>
        <translation>De postcode is langer dan {limit} tekens.</translation>
    </message>
    <message>
        <source>The sector is longer than {limit} characters.</source>
        <translation>De sector is langer dan {limit} tekens.</translation>
    </message>
    <message>
        <source>The street is longer than {limit} characters.</source>
        <translation>De straat is langer dan {limit} tekens.</translation>
    </message>
    <message>
        <source>The study cycle is an EQF level from 5 to 8.</source>
        <translation>De studiecyclus is een EQF-niveau van 5 tot en met 8.</translation>
    </message>
    <message>
        <source>The field of education is longer than {limit} characters.</source>
        <translation>Het opleidingsgebied is langer dan {limit} tekens.</translation>
    </message>
    <message>
        <source>The programme is longer than {limit} characters.</source>
        <translation>De opleiding is langer dan {limit} tekens.</translation>
    </message>
    <message>
        <source>This student no longer exists: someone may have deleted it.</source>
        <translation>Deze student bestaat niet meer: iemand heeft hem of haar misschien verwijderd.</translation>
    </message>
    <message>
        <source>This student was deleted; the equity flags were not saved.</source>
        <translation>Deze student is verwijderd; de gelijkekansenkenmerken zijn niet opgeslagen.</translation>
    </message>
    <message>
        <source>This {what} no longer exists: someone may have deleted it.</source>
        <translation>Dit gegeven ({what}) bestaat niet meer: iemand heeft het misschien verwijderd.</translation>
    </message>
    <message>
        <source>This {what} was deleted by someone else; your edits were not saved.</source>
        <translation>Dit gegeven ({what}) is door iemand anders verwijderd; uw wijzigingen zijn niet opgeslagen.</translation>
    </message>
    <message>
        <source>This {what} was linked to another record just now, so it was not deleted.</source>
        <translation>Dit gegeven ({what}) is zojuist aan een ander gegeven gekoppeld en is daarom niet verwijderd.</translation>
    </message>
    <message>
        <source>vipdesk cannot write in &apos;{code}&apos;; choose one of {codes}.</source>
        <translation>vipdesk kan niet schrijven in &apos;{code}&apos;; kies een van deze: {codes}.</translation>
    </message>
    <message>
        <source>Language {n}: type the language, e.g. English.</source>
        <translation>Taal {n}: typ de taal, bijv. Engels.</translation>
    </message>
    <message>
        <source>Language {n}: the name is longer than {limit} characters.</source>
        <translation>Taal {n}: de naam is langer dan {limit} tekens.</translation>
    </message>
    <message>
        <source>{count} contact</source>
        <translation>{count} contact</translation>
    </message>
    <message>
        <source>{count} contacts</source>
        <translation>{count} contacten</translation>
    </message>
    <message>
        <source>{count} placement</source>
        <translation>{count} stage</translation>
    </message>
    <message>
        <source>{count} placements</source>
        <translation>{count} stages</translation>
    </message>
    <message>
        <source>{count} student</source>
        <translation>{count} student</translation>
    </message>
    <message>
        <source>{count} students</source>
        <translation>{count} studenten</translation>
    </message>
    <message>
        <source>{first} and {second}</source>
        <translation>{first} en {second}</translation>
    </message>
    <message>
        <source>{first}, {second} and {third}</source>
        <translation>{first}, {second} en {third}</translation>
    </message>
    <message>
        <source>{name} has {records}; delete or reassign them first.</source>
        <translation>{name} heeft {records}; verwijder of verplaats die eerst.</translation>
    </message>
    <message>
        <source>{name} is mentor or tutor of {placements}; choose someone else there first.</source>
        <translation>{name} is mentor of begeleider van {placements}; kies daar eerst iemand anders.</translation>
    </message>
    <message>
        <source>{name}: choose a level ({levels}).</source>
        <translation>{name}: kies een niveau ({levels}).</translation>
    </message>
    <message>
        <source>{name} is listed twice.</source>
        <translation>{name} staat twee keer in de lijst.</translation>
    </message>
    <message>
        <source>Another student already uses this e-mail ({name}).</source>
        <translation>Een andere student gebruikt dit e-mailadres al ({name}).</translation>
    </message>
    <message>
        <source>Another student already has this student number ({name}).</source>
        <translation>Een andere student heeft dit studentnummer al ({name}).</translation>
    </message>
    <message>
        <source>The chosen institution was deleted.</source>
        <translation>De gekozen instelling is verwijderd.</translation>
    </message>
    <message>
        <source>Another student already uses this e-mail.</source>
        <translation>Een andere student gebruikt dit e-mailadres al.</translation>
    </message>
    <message>
        <source>Another student already has this student number.</source>
        <translation>Een andere student heeft dit studentnummer al.</translation>
    </message>
    <message>
        <source>The equity note is longer than {limit} characters.</source>
        <translation>De notitie bij de gelijkekansenkenmerken is langer dan {limit} tekens.</translation>
    </message>
    <message>
        <source>Give the date it took place.</source>
        <translation>Geef de datum waarop het plaatsvond.</translation>
    </message>
    <message>
        <source>The date is outside the placement&apos;s period ({start} – {end}).</source>
        <translation>De datum ligt buiten de periode van de stage ({start} – {end}).</translation>
    </message>
    <message>
        <source>The date is in the future: log it once it has taken place.</source>
        <translation>De datum ligt in de toekomst: leg het vast zodra het heeft plaatsgevonden.</translation>
    </message>
    <message>
        <source>Say who took part.</source>
        <translation>Geef aan wie deelnamen.</translation>
    </message>
    <message>
        <source>Keep the participants under {limit} characters.</source>
        <translation>Houd de deelnemers onder {limit} tekens.</translation>
    </message>
    <message>
        <source>Choose one of the tools chosen for this placement.</source>
        <translation>Kies een van de tools die voor deze stage gekozen zijn.</translation>
    </message>
    <message>
        <source>The duration is from {low} to {high} minutes.</source>
        <translation>De duur is van {low} tot {high} minuten.</translation>
    </message>
    <message>
        <source>Keep it under {limit} characters.</source>
        <translation>Houd het onder {limit} tekens.</translation>
    </message>
    <message>
        <source>Say what follows up on the concern.</source>
        <translation>Geef het vervolg op het zorgpunt aan.</translation>
    </message>
    <message>
        <source>Only a concern is resolved.</source>
        <translation>Alleen een zorgpunt wordt opgelost.</translation>
    </message>
    <message>
        <source>The concern is resolved before it was raised.</source>
        <translation>Het zorgpunt is opgelost voordat het werd gemeld.</translation>
    </message>
    <message>
        <source>The resolution date is in the future.</source>
        <translation>De datum van de oplossing ligt in de toekomst.</translation>
    </message>
    <message>
        <source>Say how the concern was resolved.</source>
        <translation>Geef aan hoe het zorgpunt is opgelost.</translation>
    </message>
    <message>
        <source>The file {name} is empty.</source>
        <translation>Het bestand {name} is leeg.</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>Het bestand is leeg.</translation>
    </message>
    <message>
        <source>The file {name} is over 20 MB.</source>
        <translation>Het bestand {name} is groter dan 20 MB.</translation>
    </message>
    <message>
        <source>The file is over 20 MB.</source>
        <translation>Het bestand is groter dan 20 MB.</translation>
    </message>
    <message>
        <source>Keep the file name under {limit} characters.</source>
        <translation>Houd de bestandsnaam onder {limit} tekens.</translation>
    </message>
    <message>
        <source>The file {name} is not a PDF, a Word document (.docx), a PNG or a JPEG.</source>
        <translation>Het bestand {name} is geen pdf, Word-document (.docx), PNG of JPEG.</translation>
    </message>
    <message>
        <source>The file is not a PDF, a Word document (.docx), a PNG or a JPEG.</source>
        <translation>Het bestand is geen pdf, Word-document (.docx), PNG of JPEG.</translation>
    </message>
    <message>
        <source>The file {name} is named as a {claimed} but is something else inside.</source>
        <translation>Het bestand {name} heeft de naam van een {claimed} maar bevat iets anders.</translation>
    </message>
    <message>
        <source>The file {name} is named as a {claimed} but is a {found} inside.</source>
        <translation>Het bestand {name} heeft de naam van een {claimed} maar is vanbinnen een {found}.</translation>
    </message>
    <message>
        <source>The file {name} is damaged: it cannot be read.</source>
        <translation>Het bestand {name} is beschadigd: het kan niet worden gelezen.</translation>
    </message>
    <message>
        <source>Credits are from 0 to 60, with at most one decimal.</source>
        <translation>Studiepunten gaan van 0 tot 60, met hoogstens één decimaal.</translation>
    </message>
    <message>
        <source>More credits than the {planned} planned: say why in the reason.</source>
        <translation>Meer studiepunten dan de {planned} geplande: geef de reden op.</translation>
    </message>
    <message>
        <source>Keep the reason under {limit} characters.</source>
        <translation>Houd de reden onder {limit} tekens.</translation>
    </message>
    <message>
        <source>Choose one of the grading scales.</source>
        <translation>Kies een van de beoordelingsschalen.</translation>
    </message>
    <message>
        <source>Choose the grading scale the grade is on.</source>
        <translation>Kies de beoordelingsschaal waarop het cijfer staat.</translation>
    </message>
    <message>
        <source>“{grade}” is not on the {scale} scale ({grades}).</source>
        <translation>“{grade}” staat niet op de beoordelingsschaal “{scale}” ({grades}).</translation>
    </message>
    <message>
        <source>“{grade}” is not on the {scale} scale (a number from {low} to {high}).</source>
        <translation>“{grade}” staat niet op de beoordelingsschaal “{scale}” (een getal van {low} tot {high}).</translation>
    </message>
    <message>
        <source>The date is in the future.</source>
        <translation>De datum ligt in de toekomst.</translation>
    </message>
    <message>
        <source>The date is before the placement started.</source>
        <translation>De datum ligt vóór het begin van de stage.</translation>
    </message>
    <message>
        <source>Keep the outcomes under {limit} characters.</source>
        <translation>Houd de leerresultaten onder {limit} tekens.</translation>
    </message>
    <message>
        <source>This monitoring entry no longer exists.</source>
        <translation>Deze monitoringnotitie bestaat niet meer.</translation>
    </message>
    <message>
        <source>This entry has no file attached.</source>
        <translation>Deze notitie heeft geen bijgevoegd bestand.</translation>
    </message>
    <message>
        <source>The reply time is 1 to 336 hours.</source>
        <translation>De antwoordtijd is 1 tot 336 uur.</translation>
    </message>
    <message>
        <source>A meeting lasts 10 to 240 minutes.</source>
        <translation>Een overleg duurt 10 tot 240 minuten.</translation>
    </message>
    <message>
        <source>Keep this under {limit} characters.</source>
        <translation>Houd dit onder {limit} tekens.</translation>
    </message>
    <message>
        <source>{who}: choose a time zone from the list.</source>
        <translation>{who}: kies een tijdzone uit de lijst.</translation>
    </message>
    <message>
        <source>{who}: tick at least one working day.</source>
        <translation>{who}: vink minstens één werkdag aan.</translation>
    </message>
    <message>
        <source>{who}: enter the start and end of the day.</source>
        <translation>{who}: vul het begin en einde van de dag in.</translation>
    </message>
    <message>
        <source>{who}: the day must end after it starts (same day).</source>
        <translation>{who}: de dag moet eindigen na het begin (dezelfde dag).</translation>
    </message>
    <message>
        <source>{a} ({zone_a}) and {b} ({zone_b}) are {gap} h apart: beyond 6 to 7 hours meetings at the same time are hard to hold. Plan more written, asynchronous exchange.</source>
        <translation>{a} ({zone_a}) en {b} ({zone_b}) liggen {gap} uur uit elkaar: bij meer dan 6 tot 7 uur is gelijktijdig overleg moeilijk. Plan meer schriftelijke, asynchrone uitwisseling.</translation>
    </message>
    <message>
        <source>On {short} of {days} working days they share less than {minimum} hours (least: {least} h on {day}).</source>
        <translation>Op {short} van de {days} werkdagen delen ze minder dan {minimum} uur (minst: {least} uur, {day}).</translation>
    </message>
    <message>
        <source>The clocks change on different dates ({listed}): the shared hours move in between. Check the meeting time for those weeks.</source>
        <translation>De klok wordt op verschillende data verzet ({listed}): de gedeelde uren schuiven daartussen op. Controleer de overlegtijd voor die weken.</translation>
    </message>
    <message>
        <source>{zones} on {days}</source>
        <translation>{zones}: {days}</translation>
    </message>
    <message>
        <source>{a} and {b}</source>
        <translation>{a} en {b}</translation>
    </message>
    <message>
        <source>No {minutes}-minute slot lies inside the shared hours on the same weekday all through the placement: widen someone&apos;s hours or agree meeting times week by week.</source>
        <translation>Geen tijdvak van {minutes} minuten valt de hele stage op dezelfde weekdag binnen de gedeelde uren: verruim iemands uren of spreek de overlegtijden per week af.</translation>
    </message>
    <message>
        <source>This questionnaire response no longer exists.</source>
        <translation>Dit antwoord op de vragenlijst bestaat niet meer.</translation>
    </message>
    <message>
        <source>This questionnaire was completed; re-assess to record new answers.</source>
        <translation>Deze vragenlijst is afgerond; beoordeel opnieuw om nieuwe antwoorden vast te leggen.</translation>
    </message>
    <message>
        <source>{count} question(s) still need an answer, the first: “{question}”</source>
        <translation>{count} vraag/vragen moeten nog beantwoord worden, de eerste: ‘{question}’</translation>
    </message>
    <message>
        <source>A completed questionnaire is kept as history.</source>
        <translation>Een afgeronde vragenlijst blijft bewaard als geschiedenis.</translation>
    </message>
    <message>
        <source>There is no question &apos;{key}&apos; in this version.</source>
        <translation>Deze versie heeft geen vraag &apos;{key}&apos;.</translation>
    </message>
    <message>
        <source>Type the answer as text.</source>
        <translation>Typ het antwoord als tekst.</translation>
    </message>
    <message>
        <source>The answer is too long.</source>
        <translation>Het antwoord is te lang.</translation>
    </message>
    <message>
        <source>Choose a number from 1 to {points}.</source>
        <translation>Kies een getal van 1 tot {points}.</translation>
    </message>
    <message>
        <source>Choose one of the answers offered.</source>
        <translation>Kies een van de aangeboden antwoorden.</translation>
    </message>
    <message>
        <source>No questionnaire &apos;{name}&apos; is installed.</source>
        <translation>Er is geen vragenlijst &apos;{name}&apos; geïnstalleerd.</translation>
    </message>
    <message>
        <source>Version {version} of the &apos;{questionnaire}&apos; questionnaire is not installed: this response comes from another vipdesk version.</source>
        <translation>Versie {version} van de vragenlijst &apos;{questionnaire}&apos; is niet geïnstalleerd: dit antwoord komt uit een andere versie van vipdesk.</translation>
    </message>
    <message>
        <source>The questionnaire translation {name} cannot be read: {reason}</source>
        <translation>De vertaling van de vragenlijst {name} kan niet worden gelezen: {reason}</translation>
    </message>
    <message>
        <source>The questionnaire translation {name} does not match its English file: {difference}.</source>
        <translation>De vertaling van de vragenlijst {name} komt niet overeen met het Engelse bestand: {difference}.</translation>
    </message>
    <message>
        <source>its id, version or party</source>
        <translation>de id, versie of partij</translation>
    </message>
    <message>
        <source>its themes</source>
        <translation>de thema&apos;s</translation>
    </message>
    <message>
        <source>{found} questions instead of {expected}</source>
        <translation>{found} vragen in plaats van {expected}</translation>
    </message>
    <message>
        <source>question &apos;{key}&apos;</source>
        <translation>de vraag &apos;{key}&apos;</translation>
    </message>
    <message>
        <source>Unknown purpose or tool: {keys}.</source>
        <translation>Onbekend doel of hulpmiddel: {keys}.</translation>
    </message>
    <message>
        <source>Enter the date of the test.</source>
        <translation>Voer de datum van de test in.</translation>
    </message>
    <message>
        <source>The note is longer than {limit} characters.</source>
        <translation>De notitie is langer dan {limit} tekens.</translation>
    </message>
    <message>
        <source>This placement no longer exists.</source>
        <translation>Deze stage bestaat niet meer.</translation>
    </message>
    <message>
        <source>This protocol was deleted by someone else.</source>
        <translation>Dit protocol is door iemand anders verwijderd.</translation>
    </message>
    <message>
        <source>A secure connection to {where} failed: {reason} (is it the right port for the security chosen?).</source>
        <translation>De beveiligde verbinding met {where} is mislukt: {reason} (is het de juiste poort voor de gekozen beveiliging?).</translation>
    </message>
    <message>
        <source>Attachment too large: the message is {size} MB and the server takes at most {limit} MB.</source>
        <translation>Bijlage te groot: het bericht is {size} MB en de server neemt hoogstens {limit} MB aan.</translation>
    </message>
    <message>
        <source>Attachment too large: the server refused the message ({reply}).</source>
        <translation>Bijlage te groot: de server heeft het bericht geweigerd ({reply}).</translation>
    </message>
    <message>
        <source>Login refused by {where}: the user name or password is not accepted ({reply}).</source>
        <translation>Aanmelding geweigerd door {where}: de gebruikersnaam of het wachtwoord wordt niet geaccepteerd ({reply}).</translation>
    </message>
    <message>
        <source>No mail server is set: fill in Settings → E-mail, or save the message as .eml.</source>
        <translation>Er is geen mailserver ingesteld: vul Instellingen → E-mail in, of sla het bericht op als .eml.</translation>
    </message>
    <message>
        <source>No password is stored for {user}: enter it in Settings → E-mail.</source>
        <translation>Er is geen wachtwoord opgeslagen voor {user}: vul het in bij Instellingen → E-mail.</translation>
    </message>
    <message>
        <source>Recipient refused: {recipient} ({reply}).</source>
        <translation>Ontvanger geweigerd: {recipient} ({reply}).</translation>
    </message>
    <message>
        <source>Sender refused: {sender} ({reply}).</source>
        <translation>Afzender geweigerd: {sender} ({reply}).</translation>
    </message>
    <message>
        <source>Server unreachable: cannot connect to {where} ({reason}).</source>
        <translation>Server onbereikbaar: kan geen verbinding maken met {where} ({reason}).</translation>
    </message>
    <message>
        <source>The connection to the server was lost while sending; the message stays to be sent again.</source>
        <translation>De verbinding met de server is tijdens het verzenden verbroken; het bericht wacht om opnieuw te worden verzonden.</translation>
    </message>
    <message>
        <source>The server cannot take a user name or password with letters beyond A–Z (it offers no AUTH PLAIN).</source>
        <translation>De server kan geen gebruikersnaam of wachtwoord met letters buiten A–Z aannemen (hij biedt geen AUTH PLAIN).</translation>
    </message>
    <message>
        <source>The server does not take addresses written in non-Latin letters (SMTPUTF8).</source>
        <translation>De server neemt geen adressen in niet-Latijnse letters aan (SMTPUTF8).</translation>
    </message>
    <message>
        <source>The server refused the message ({reply}).</source>
        <translation>De server heeft het bericht geweigerd ({reply}).</translation>
    </message>
    <message>
        <source>The server {where} does not accept a login on this connection: choose STARTTLS or TLS.</source>
        <translation>De server {where} accepteert op deze verbinding geen aanmelding: kies STARTTLS of TLS.</translation>
    </message>
    <message>
        <source>The server {where} does not offer STARTTLS: choose TLS or ask IT for the right port.</source>
        <translation>De server {where} biedt geen STARTTLS: kies TLS of vraag IT naar de juiste poort.</translation>
    </message>
    <message>
        <source>Give at least one recipient.</source>
        <translation>Geef ten minste één ontvanger op.</translation>
    </message>
    <message>
        <source>Give the message a subject.</source>
        <translation>Geef het bericht een onderwerp.</translation>
    </message>
    <message>
        <source>The subject is one line.</source>
        <translation>Het onderwerp is één regel.</translation>
    </message>
    <message>
        <source>The subject is over 300 characters.</source>
        <translation>Het onderwerp is langer dan 300 tekens.</translation>
    </message>
    <message>
        <source>The attachments come to {size} MB; most servers take 25 MB.</source>
        <translation>De bijlagen komen op {size} MB; de meeste servers nemen 25 MB aan.</translation>
    </message>
    <message>
        <source>A file name may not hold a line break or a slash.</source>
        <translation>Een bestandsnaam mag geen regeleinde of schuine streep bevatten.</translation>
    </message>
    <message>
        <source>A name or address may not hold a line break.</source>
        <translation>Een naam of adres mag geen regeleinde bevatten.</translation>
    </message>
    <message>
        <source>An empty address is not an e-mail address.</source>
        <translation>Een leeg adres is geen e-mailadres.</translation>
    </message>
    <message>
        <source>{address} is not an e-mail address.</source>
        <translation>{address} is geen e-mailadres.</translation>
    </message>
    <message>
        <source>This message is no longer in the outbox.</source>
        <translation>Dit bericht staat niet meer in het postvak uit.</translation>
    </message>
    <message>
        <source>Give the server&apos;s name, like smtp.example.edu.</source>
        <translation>Geef de naam van de server op, bijv. smtp.example.edu.</translation>
    </message>
    <message>
        <source>The port is a number from 1 to 65535.</source>
        <translation>De poort is een getal van 1 tot 65535.</translation>
    </message>
    <message>
        <source>Give the address messages come from.</source>
        <translation>Geef het adres op waarvan de berichten komen.</translation>
    </message>
    <message>
        <source>A setting is longer than 200 characters.</source>
        <translation>Een instelling is langer dan 200 tekens.</translation>
    </message>
    <message>
        <source>Set the address messages come from in Settings → E-mail first.</source>
        <translation>Stel eerst het afzenderadres in bij Instellingen → E-mail.</translation>
    </message>
    <message>
        <source>Give the user name the password belongs to.</source>
        <translation>Geef de gebruikersnaam op waarbij het wachtwoord hoort.</translation>
    </message>
    <message>
        <source>A brace must enclose a placeholder, like {example}.</source>
        <translation>Een accolade moet een plaatshouder omsluiten, bijv. {example}.</translation>
    </message>
    <message>
        <source>Unknown placeholder {name}: use one of the list.</source>
        <translation>Onbekende plaatshouder {name}: gebruik er een uit de lijst.</translation>
    </message>
    <message>
        <source>The message needs a text.</source>
        <translation>Het bericht heeft een tekst nodig.</translation>
    </message>
    <message>
        <source>There is no mail template &apos;{key}&apos;.</source>
        <translation>Er is geen e-mailsjabloon &apos;{key}&apos;.</translation>
    </message>
    <message>
        <source>The placement has no academic tutor to send this to.</source>
        <translation>De stage heeft geen academisch begeleider om dit naar te sturen.</translation>
    </message>
    <message>
        <source>A certificate is requested from the host, not signed by three.</source>
        <translation>Een certificaat wordt bij de gastorganisatie opgevraagd, niet door drie partijen ondertekend.</translation>
    </message>
    <message>
        <source>The certificate is kept; it is not sent to the parties.</source>
        <translation>Het certificaat wordt bewaard; het gaat niet naar de partijen.</translation>
    </message>
    <message>
        <source>The fillable PDF is the agreement for the host&apos;s HR.</source>
        <translation>De invulbare PDF is de overeenkomst voor de HR-afdeling van de gastorganisatie.</translation>
    </message>
    <message>
        <source>The {document} is {state}: send it for signature first, then e-mail it.</source>
        <translation>{document} heeft de status ‘{state}’: verstuur het eerst ter ondertekening en mail het daarna.</translation>
    </message>
    <message>
        <source>The trainee has signed the {document} already.</source>
        <translation>De stagiair heeft {document} al ondertekend.</translation>
    </message>
    <message>
        <source>The sending institution has signed the {document} already.</source>
        <translation>De zendende instelling heeft {document} al ondertekend.</translation>
    </message>
    <message>
        <source>The receiving organisation has signed the {document} already.</source>
        <translation>De ontvangende organisatie heeft {document} al ondertekend.</translation>
    </message>
    <message>
        <source>The agreement {reference} has no e-mail address for the trainee: add it to the record, or write the address in the message.</source>
        <translation>De overeenkomst {reference} heeft geen e-mailadres voor de stagiair: voeg het toe aan het dossier of schrijf het adres in het bericht.</translation>
    </message>
    <message>
        <source>The agreement {reference} has no e-mail address for the sending institution: add it to the record, or write the address in the message.</source>
        <translation>De overeenkomst {reference} heeft geen e-mailadres voor de zendende instelling: voeg het toe aan het dossier of schrijf het adres in het bericht.</translation>
    </message>
    <message>
        <source>The agreement {reference} has no e-mail address for the receiving organisation: add it to the record, or write the address in the message.</source>
        <translation>De overeenkomst {reference} heeft geen e-mailadres voor de ontvangende organisatie: voeg het toe aan het dossier of schrijf het adres in het bericht.</translation>
    </message>
    <message>
        <source>{name} is an Outlook .msg file, which vipdesk does not read: in Outlook, save the message as .eml (or save the attached PDF) and open that.</source>
        <translation>{name} is een Outlook-.msg-bestand, dat vipdesk niet leest: sla het bericht in Outlook op als .eml (of sla de bijgevoegde PDF op) en open dat.</translation>
    </message>
    <message>
        <source>{name} is a PDF, not an e-mail: open it as a returned PDF.</source>
        <translation>{name} is een PDF, geen e-mail: open het als teruggestuurde PDF.</translation>
    </message>
    <message>
        <source>{name} is not an e-mail message (.eml).</source>
        <translation>{name} is geen e-mailbericht (.eml).</translation>
    </message>
    <message>
        <source>{name} is over {limit} MB; save the PDF from it.</source>
        <translation>{name} is groter dan {limit} MB; sla de PDF eruit op.</translation>
    </message>
    <message>
        <source>{name} carries no agreement or questionnaire exported by vipdesk (no attachment).</source>
        <translation>{name} bevat geen door vipdesk geëxporteerde overeenkomst of vragenlijst (geen bijlage).</translation>
    </message>
    <message>
        <source>{name} carries no agreement or questionnaire exported by vipdesk ({held}).</source>
        <translation>{name} bevat geen door vipdesk geëxporteerde overeenkomst of vragenlijst ({held}).</translation>
    </message>
    <message>
        <source>&apos;{email}&apos; is not an e-mail address.</source>
        <translation>&apos;{email}&apos; is geen e-mailadres.</translation>
    </message>
    <message>
        <source>All three parties sign: the trainee, the institution and the host.</source>
        <translation>Alle drie partijen tekenen: de stagiair, de instelling en de ontvangende organisatie.</translation>
    </message>
    <message>
        <source>Each party may appear only once in the order.</source>
        <translation>Elke partij mag maar één keer in de volgorde staan.</translation>
    </message>
    <message>
        <source>Enter the date of the signature.</source>
        <translation>Vul de datum van de handtekening in.</translation>
    </message>
    <message>
        <source>Enter the name of the person who signed.</source>
        <translation>Vul de naam in van de persoon die tekende.</translation>
    </message>
    <message>
        <source>Name at least one party who signs.</source>
        <translation>Noem minstens één partij die tekent.</translation>
    </message>
    <message>
        <source>No communication tool is recorded: say which tools serve {needed} (choose them in preparation, or on the Technology page) before sending.</source>
        <translation>Er is geen communicatietool vastgelegd: geef vóór het versturen aan welke tools dienen voor {needed} (kies ze bij de voorbereiding of op de pagina Technologie).</translation>
    </message>
    <message>
        <source>No scan is attached for the {party}.</source>
        <translation>Er is geen scan bijgevoegd voor {party}.</translation>
    </message>
    <message>
        <source>Signer not confirmed ({because}); recorded on the explicit confirmation of the coordinator. Certificate: {certificate}</source>
        <translation>Ondertekenaar niet bevestigd ({because}); vastgelegd op uitdrukkelijke bevestiging van de coördinator. Certificaat: {certificate}</translation>
    </message>
    <message>
        <source>Signer not confirmed ({because}); recorded on the explicit confirmation of {user}. Certificate: {certificate}</source>
        <translation>Ondertekenaar niet bevestigd ({because}); vastgelegd op uitdrukkelijke bevestiging van {user}. Certificaat: {certificate}</translation>
    </message>
    <message>
        <source>The date is before the document was sent ({sent}).</source>
        <translation>De datum ligt vóór het versturen van het document ({sent}).</translation>
    </message>
    <message>
        <source>The date of the signature is in the future.</source>
        <translation>De datum van de handtekening ligt in de toekomst.</translation>
    </message>
    <message>
        <source>The placement is &apos;{status}&apos;: move it to &apos;Preparing&apos; before sending the agreement.</source>
        <translation>De stage is &apos;{status}&apos;: zet haar op &apos;In voorbereiding&apos; voordat u de overeenkomst verstuurt.</translation>
    </message>
    <message>
        <source>The {document} is already signed by every party and locked.</source>
        <translation>{document} is al door alle partijen ondertekend en vergrendeld.</translation>
    </message>
    <message>
        <source>The {document} is not out for signature.</source>
        <translation>{document} is niet ter ondertekening verstuurd.</translation>
    </message>
    <message>
        <source>The {document} is out for signature and cannot change: start a new version to change it.</source>
        <translation>{document} is ter ondertekening verstuurd en kan niet meer veranderen: begin een nieuwe versie om haar te wijzigen.</translation>
    </message>
    <message>
        <source>The {document} is signed by all parties and locked: record changes as an amendment.</source>
        <translation>{document} is door alle partijen ondertekend en vergrendeld: leg wijzigingen vast als wijziging.</translation>
    </message>
    <message>
        <source>The {party} does not sign the {document}.</source>
        <translation>{party} ondertekent {document} niet.</translation>
    </message>
    <message>
        <source>The {party} has signed the {document} already.</source>
        <translation>{party} heeft {document} al ondertekend.</translation>
    </message>
    <message>
        <source>The {party} signs first (order: {order}).</source>
        <translation>{party} tekent eerst (volgorde: {order}).</translation>
    </message>
    <message>
        <source>Unknown party &apos;{party}&apos; in the order.</source>
        <translation>Onbekende partij &apos;{party}&apos; in de volgorde.</translation>
    </message>
    <message>
        <source>{file} carries no signature for the {party}.</source>
        <translation>{file} bevat geen handtekening voor {party}.</translation>
    </message>
    <message>
        <source>{file} is not the {document} as sent for signature with a signature added; ask the party to sign the file they received, without saving it as a new PDF.</source>
        <translation>{file} is niet {document} zoals ter ondertekening verstuurd met een handtekening erbij; vraag de partij het ontvangen bestand te ondertekenen, zonder het als nieuwe pdf op te slaan.</translation>
    </message>
    <message>
        <source>{file}: the signature for the {party} is intact, but its signer {signer} is not confirmed: {reasons}.</source>
        <translation>{file}: de handtekening voor {party} is intact, maar de ondertekenaar {signer} is niet bevestigd: {reasons}.</translation>
    </message>
    <message>
        <source>{file}: the signature in {field} does not hold: {verdict}. Nothing was recorded.</source>
        <translation>{file}: de handtekening in {field} houdt geen stand: {verdict}. Er is niets vastgelegd.</translation>
    </message>
    <message>
        <source>{kind} {number}</source>
        <translation>{kind} {number}</translation>
    </message>
    <message>
        <source>save it from Excel or LibreOffice as .xlsx or as CSV (UTF-8), then import that.</source>
        <translation>sla het vanuit Excel of LibreOffice op als .xlsx of als CSV (UTF-8) en importeer dat.</translation>
    </message>
    <message>
        <source>Open it in Excel or LibreOffice and save it again, or save it as CSV (UTF-8).</source>
        <translation>Open het in Excel of LibreOffice en sla het opnieuw op, of sla het op als CSV (UTF-8).</translation>
    </message>
    <message>
        <source>{name} would unpack to {size}, more than a spreadsheet vipdesk reads ({most}); it is not an ordinary workbook.</source>
        <translation>{name} zou uitgepakt {size} groot worden, meer dan een spreadsheet die vipdesk leest ({most}); het is geen gewone werkmap.</translation>
    </message>
    <message>
        <source>{name} holds {count} files; a spreadsheet has far fewer: {advice}</source>
        <translation>{name} bevat {count} bestanden; een spreadsheet heeft er veel minder: {advice}</translation>
    </message>
    <message>
        <source>{name} is damaged: the part {member} is missing from it. {advice}</source>
        <translation>{name} is beschadigd: het deel {member} ontbreekt erin. {advice}</translation>
    </message>
    <message>
        <source>{name} contains a document type declaration (DTD) in {member}, which workbooks saved by Excel or LibreOffice never do; vipdesk does not read it. {advice}</source>
        <translation>{name} bevat een documenttypedeclaratie (DTD) in {member}, wat werkmappen die Excel of LibreOffice opslaan nooit doen; vipdesk leest die niet. {advice}</translation>
    </message>
    <message>
        <source>{name} is damaged: its part {member} is not well-formed ({reason}, line {line}). {advice}</source>
        <translation>{name} is beschadigd: het deel {member} is niet goed gevormd ({reason}, regel {line}). {advice}</translation>
    </message>
    <message>
        <source>{name} is a damaged or unknown archive: {advice}</source>
        <translation>{name} is een beschadigd of onbekend archief: {advice}</translation>
    </message>
    <message>
        <source>{name} is damaged: its part {member} cannot be unpacked. {advice}</source>
        <translation>{name} is beschadigd: het deel {member} kan niet worden uitgepakt. {advice}</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number vipdesk can use.</source>
        <translation>&apos;{text}&apos; is geen getal dat vipdesk kan gebruiken.</translation>
    </message>
    <message>
        <source>{code} is an error shown by the spreadsheet (a formula that failed), not a value: correct it or clear the cell.</source>
        <translation>{code} is een fout die de spreadsheet toont (een mislukte formule), geen waarde: verbeter die of maak de cel leeg.</translation>
    </message>
    <message>
        <source>The cell holds {size} characters; a cell holds at most {most}.</source>
        <translation>De cel bevat {size} tekens; een cel bevat er hoogstens {most}.</translation>
    </message>
    <message>
        <source>The cell holds {type}, not a value.</source>
        <translation>De cel bevat {type}, geen waarde.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; contains a control character ({code}), which is not text: retype the cell.</source>
        <translation>&apos;{text}&apos; bevat een stuurteken ({code}), dat geen tekst is: typ de cel opnieuw.</translation>
    </message>
    <message>
        <source>The column &apos;{title}&apos; is missing.</source>
        <translation>De kolom &apos;{title}&apos; ontbreekt.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date in the calendar.</source>
        <translation>&apos;{text}&apos; is geen datum in de kalender.</translation>
    </message>
    <message>
        <source>The column &apos;{title}&apos; (or &apos;{first}&apos; or &apos;{second}&apos;) is missing.</source>
        <translation>De kolom &apos;{title}&apos; (of &apos;{first}&apos; of &apos;{second}&apos;) ontbreekt.</translation>
    </message>
    <message>
        <source>The column &apos;{title}&apos; (or &apos;{first}&apos;) is missing.</source>
        <translation>De kolom &apos;{title}&apos; (of &apos;{first}&apos;) ontbreekt.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date in the calendar; dates with / are read day first (1 February).</source>
        <translation>&apos;{text}&apos; is geen datum in de kalender; datums met / worden gelezen met de dag eerst (1 februari).</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date in the calendar; dates with / are read month first (January 2).</source>
        <translation>&apos;{text}&apos; is geen datum in de kalender; datums met / worden gelezen met de maand eerst (januari 2).</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is a number, not a date: format the cell as a date.</source>
        <translation>&apos;{text}&apos; is een getal, geen datum: maak de cel op als datum.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is a duration, not a date: format the cell as a date.</source>
        <translation>&apos;{text}&apos; is een duur, geen datum: maak de cel op als datum.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a country: write its English name or its code (DE).</source>
        <translation>&apos;{text}&apos; is geen land: schrijf de Engelse naam of de code (DE).</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a language vipdesk writes messages in: write one of {codes}, or its name (German, Deutsch).</source>
        <translation>&apos;{text}&apos; is geen taal waarin vipdesk berichten schrijft: schrijf een van {codes} of de naam ervan (German, Deutsch).</translation>
    </message>
    <message>
        <source>Two columns mean &apos;{title}&apos; (&apos;{first}&apos; and &apos;{second}&apos;); keep one.</source>
        <translation>Twee kolommen betekenen &apos;{title}&apos; (&apos;{first}&apos; en &apos;{second}&apos;); houd er één.</translation>
    </message>
    <message>
        <source>Add a column &apos;{first}&apos; or &apos;{second}&apos;.</source>
        <translation>Voeg een kolom &apos;{first}&apos; of &apos;{second}&apos; toe.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date: write 2027-02-01, 01.02.2027 or 01/02/2027.</source>
        <translation>&apos;{text}&apos; is geen datum: schrijf 2027-02-01, 01.02.2027 of 01/02/2027.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number.</source>
        <translation>&apos;{text}&apos; is geen getal.</translation>
    </message>
    <message>
        <source>{order} is not a date order: choose day_first or month_first.</source>
        <translation>{order} is geen datumvolgorde: kies day_first of month_first.</translation>
    </message>
    <message>
        <source>{name} is larger than {most} ({size}); import it in parts.</source>
        <translation>{name} is groter dan {most} ({size}); importeer het in delen.</translation>
    </message>
    <message>
        <source>{name} is a ZIP archive, not a spreadsheet: {advice}</source>
        <translation>{name} is een ZIP-archief, geen spreadsheet: {advice}</translation>
    </message>
    <message>
        <source>The row has {last} values but the header only {width} columns: a value that holds the separator (comma) needs quotes around it.</source>
        <translation>De rij heeft {last} waarden maar de kop maar {width} kolommen: een waarde met het scheidingsteken (komma) moet tussen aanhalingstekens.</translation>
    </message>
    <message>
        <source>{name} is empty: there is nothing to import.</source>
        <translation>{name} is leeg: er is niets te importeren.</translation>
    </message>
    <message>
        <source>{name} is a folder, not a file: choose a file in it.</source>
        <translation>{name} is een map, geen bestand: kies een bestand daarin.</translation>
    </message>
    <message>
        <source>{name} is a named pipe, not an ordinary file: vipdesk imports only files saved on disk.</source>
        <translation>{name} is een benoemde pipe, geen gewoon bestand: vipdesk importeert alleen bestanden die op schijf zijn opgeslagen.</translation>
    </message>
    <message>
        <source>{name} is a socket, not an ordinary file: vipdesk imports only files saved on disk.</source>
        <translation>{name} is een socket, geen gewoon bestand: vipdesk importeert alleen bestanden die op schijf zijn opgeslagen.</translation>
    </message>
    <message>
        <source>{name} is a device, not an ordinary file: vipdesk imports only files saved on disk.</source>
        <translation>{name} is een apparaat, geen gewoon bestand: vipdesk importeert alleen bestanden die op schijf zijn opgeslagen.</translation>
    </message>
    <message>
        <source>{name} is a PDF document, not a spreadsheet: {advice}</source>
        <translation>{name} is een PDF-document, geen spreadsheet: {advice}</translation>
    </message>
    <message>
        <source>{name} is an old-style Excel 97-2003 (.xls) or Office file, not a spreadsheet: {advice}</source>
        <translation>{name} is een oud Excel 97-2003-bestand (.xls) of Office-bestand, geen spreadsheet: {advice}</translation>
    </message>
    <message>
        <source>{name} is an image, not a spreadsheet: {advice}</source>
        <translation>{name} is een afbeelding, geen spreadsheet: {advice}</translation>
    </message>
    <message>
        <source>{name} is text in UTF-16 (Excel&apos;s &apos;Unicode Text&apos;), not a spreadsheet: {advice}</source>
        <translation>{name} is tekst in UTF-16 (&apos;Unicode-tekst&apos; van Excel), geen spreadsheet: {advice}</translation>
    </message>
    <message>
        <source>{name} is a binary file, not a spreadsheet: {advice}</source>
        <translation>{name} is een binair bestand, geen spreadsheet: {advice}</translation>
    </message>
    <message>
        <source>{name} is an OpenDocument spreadsheet (.ods), not a spreadsheet: {advice}</source>
        <translation>{name} is een OpenDocument-spreadsheet (.ods), geen spreadsheet die vipdesk leest: {advice}</translation>
    </message>
    <message>
        <source>{name} is a Word document, not a spreadsheet: {advice}</source>
        <translation>{name} is een Word-document, geen spreadsheet: {advice}</translation>
    </message>
    <message>
        <source>The row has {last} values but the header only {width} columns: a value that holds the separator (tab) needs quotes around it.</source>
        <translation>De rij heeft {last} waarden maar de kop maar {width} kolommen: een waarde met het scheidingsteken (tab) moet tussen aanhalingstekens.</translation>
    </message>
    <message>
        <source>The row has {last} values but the header only {width} columns: a value that holds the separator (semicolon) needs quotes around it.</source>
        <translation>De rij heeft {last} waarden maar de kop maar {width} kolommen: een waarde met het scheidingsteken (puntkomma) moet tussen aanhalingstekens.</translation>
    </message>
    <message>
        <source>{name} has no worksheet: there is nothing to import.</source>
        <translation>{name} heeft geen werkblad: er is niets te importeren.</translation>
    </message>
    <message>
        <source>There is no file {path}.</source>
        <translation>Er is geen bestand {path}.</translation>
    </message>
    <message>
        <source>{kind} {start} to {end}</source>
        <translation>{kind} {start} tot {end}</translation>
    </message>
    <message>
        <source>Cannot read {name}: {reason}.</source>
        <translation>{name} kan niet worden gelezen: {reason}.</translation>
    </message>
    <message>
        <source>{name} is not UTF-8 text (line {line}): in Excel choose &apos;CSV UTF-8 (comma delimited)&apos; when saving, or save as .xlsx.</source>
        <translation>{name} is geen UTF-8-tekst (regel {line}): kies in Excel bij het opslaan &apos;CSV UTF-8 (door komma&apos;s gescheiden)&apos;, of sla op als .xlsx.</translation>
    </message>
    <message>
        <source>{name} is not a readable CSV file (line {line}): {reason}.</source>
        <translation>{name} is geen leesbaar CSV-bestand (regel {line}): {reason}.</translation>
    </message>
    <message>
        <source>{name} has more than {most} rows; import it in parts.</source>
        <translation>{name} heeft meer dan {most} rijen; importeer het in delen.</translation>
    </message>
    <message>
        <source>{name} is damaged: its sheet cannot be read ({reason}). {advice}</source>
        <translation>{name} is beschadigd: het werkblad kan niet worden gelezen ({reason}). {advice}</translation>
    </message>
    <message>
        <source>The file is damaged here ({reason}): nothing from this row on can be read. {advice}</source>
        <translation>Het bestand is hier beschadigd ({reason}): vanaf deze rij kan niets worden gelezen. {advice}</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a mode; choose one of: {allowed}.</source>
        <translation>&apos;{text}&apos; is geen vorm; kies een van: {allowed}.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a status; choose one of: {allowed}.</source>
        <translation>&apos;{text}&apos; is geen status; kies een van: {allowed}.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is far too many hours.</source>
        <translation>&apos;{text}&apos; is veel te veel uren.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a whole number of hours.</source>
        <translation>&apos;{text}&apos; is geen heel aantal uren.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a period: write e.g. &apos;physical 2027-02-01 to 2027-02-28&apos;.</source>
        <translation>&apos;{text}&apos; is geen periode: schrijf bijv. &apos;physical 2027-02-01 to 2027-02-28&apos;.</translation>
    </message>
    <message>
        <source>No student with the e-mail {email} in vipdesk; import or add the student first.</source>
        <translation>Geen student met het e-mailadres {email} in vipdesk; importeer of voeg de student eerst toe.</translation>
    </message>
    <message>
        <source>No student with the number {number} in vipdesk.</source>
        <translation>Geen student met het nummer {number} in vipdesk.</translation>
    </message>
    <message>
        <source>The e-mail and the student number belong to two different students.</source>
        <translation>Het e-mailadres en het studentnummer horen bij twee verschillende studenten.</translation>
    </message>
    <message>
        <source>No host organisation &apos;{name}&apos; in {country} in vipdesk; import or add it first.</source>
        <translation>Geen ontvangende organisatie &apos;{name}&apos; in {country} in vipdesk; importeer of voeg die eerst toe.</translation>
    </message>
    <message>
        <source>{count} contacts at the host are called {name}: give the e-mail instead.</source>
        <translation>{count} contactpersonen bij de ontvangende organisatie heten {name}: geef in plaats daarvan het e-mailadres.</translation>
    </message>
    <message>
        <source>A reference has at most 20 characters.</source>
        <translation>Een kenmerk heeft hoogstens 20 tekens.</translation>
    </message>
    <message>
        <source>Enter the mode: virtual, blended or physical.</source>
        <translation>Vul de vorm in: virtual, blended of physical.</translation>
    </message>
    <message>
        <source>No contact with the e-mail {email} in vipdesk.</source>
        <translation>Geen contactpersoon met het e-mailadres {email} in vipdesk.</translation>
    </message>
    <message>
        <source>{count} contacts at the institution are called {name}: give the e-mail instead.</source>
        <translation>{count} contactpersonen bij de instelling heten {name}: geef in plaats daarvan het e-mailadres.</translation>
    </message>
    <message>
        <source>The same reference as row {first}.</source>
        <translation>Hetzelfde kenmerk als rij {first}.</translation>
    </message>
    <message>
        <source>The same student, host and planned start as row {first}.</source>
        <translation>Dezelfde student, ontvangende organisatie en geplande start als rij {first}.</translation>
    </message>
    <message>
        <source>Nobody called {name} works at the host; give the e-mail of a contact in vipdesk.</source>
        <translation>Niemand met de naam {name} werkt bij de ontvangende organisatie; geef het e-mailadres van een contactpersoon in vipdesk.</translation>
    </message>
    <message>
        <source>Nobody called {name} works at the institution; give the e-mail of a contact in vipdesk.</source>
        <translation>Niemand met de naam {name} werkt bij de instelling; geef het e-mailadres van een contactpersoon in vipdesk.</translation>
    </message>
    <message>
        <source>vipdesk imports {kinds}; not &apos;{kind}&apos;.</source>
        <translation>vipdesk importeert {kinds}; niet &apos;{kind}&apos;.</translation>
    </message>
    <message>
        <source>Nothing imported: {problems} problems in {rows} rows of {source}; correct the file and import it again.</source>
        <translation>Niets geïmporteerd: {problems} problemen in {rows} rijen van {source}; verbeter het bestand en importeer het opnieuw.</translation>
    </message>
    <message>
        <source>The database refused one of the placements (someone may have added the same record meanwhile), so nothing was imported. Import the file again: the preview will show what exists now.</source>
        <translation>De database weigerde een van de stages (misschien heeft iemand hetzelfde record intussen toegevoegd), dus er is niets geïmporteerd. Importeer het bestand opnieuw: het voorbeeld toont wat er nu bestaat.</translation>
    </message>
    <message>
        <source>Nothing imported: 1 problem in 1 row of {source}; correct the file and import it again.</source>
        <translation>Niets geïmporteerd: 1 probleem in 1 rij van {source}; verbeter het bestand en importeer het opnieuw.</translation>
    </message>
    <message>
        <source>Nothing imported: {problems} problems in 1 row of {source}; correct the file and import it again.</source>
        <translation>Niets geïmporteerd: {problems} problemen in 1 rij van {source}; verbeter het bestand en importeer het opnieuw.</translation>
    </message>
    <message>
        <source>The database refused one of the students (someone may have added the same record meanwhile), so nothing was imported. Import the file again: the preview will show what exists now.</source>
        <translation>De database weigerde een van de studenten (misschien heeft iemand hetzelfde record intussen toegevoegd), dus er is niets geïmporteerd. Importeer het bestand opnieuw: het voorbeeld toont wat er nu bestaat.</translation>
    </message>
    <message>
        <source>The database refused one of the organisations (someone may have added the same record meanwhile), so nothing was imported. Import the file again: the preview will show what exists now.</source>
        <translation>De database weigerde een van de organisaties (misschien heeft iemand hetzelfde record intussen toegevoegd), dus er is niets geïmporteerd. Importeer het bestand opnieuw: het voorbeeld toont wat er nu bestaat.</translation>
    </message>
    <message>
        <source>There are no rows below the header.</source>
        <translation>Er staan geen rijen onder de kop.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a study cycle: write 5, 6, 7 or 8 (EQF level).</source>
        <translation>&apos;{text}&apos; is geen studiecyclus: schrijf 5, 6, 7 of 8 (EQF-niveau).</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a size; choose one of: {allowed}.</source>
        <translation>&apos;{text}&apos; is geen grootte; kies een van: {allowed}.</translation>
    </message>
    <message>
        <source>There is no institution &apos;{name}&apos; in vipdesk; add it first.</source>
        <translation>Er is geen instelling &apos;{name}&apos; in vipdesk; voeg die eerst toe.</translation>
    </message>
    <message>
        <source>The same e-mail as row {first}.</source>
        <translation>Hetzelfde e-mailadres als rij {first}.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is far too many employees.</source>
        <translation>&apos;{text}&apos; is veel te veel medewerkers.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a whole number of employees.</source>
        <translation>&apos;{text}&apos; is geen heel aantal medewerkers.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number of employees.</source>
        <translation>&apos;{text}&apos; is geen aantal medewerkers.</translation>
    </message>
    <message>
        <source>The same student number as row {first}.</source>
        <translation>Hetzelfde studentnummer als rij {first}.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is stored as a number but is none.</source>
        <translation>&apos;{text}&apos; is als getal opgeslagen maar is er geen.</translation>
    </message>
    <message>
        <source>The cell is formatted as a date but {text} is no date.</source>
        <translation>De cel is opgemaakt als datum maar {text} is geen datum.</translation>
    </message>
    <message>
        <source>{name} is damaged: its shared strings are not well-formed ({reason}, line {line}). {advice}</source>
        <translation>{name} is beschadigd: de gedeelde tekenreeksen zijn niet goed gevormd ({reason}, regel {line}). {advice}</translation>
    </message>
    <message>
        <source>{name} is damaged: the sheet &apos;{sheet}&apos; is listed but not where to find it. {advice}</source>
        <translation>{name} is beschadigd: het werkblad &apos;{sheet}&apos; staat in de lijst, maar niet waar het te vinden is. {advice}</translation>
    </message>
    <message>
        <source>row {row} is beyond Excel&apos;s last row</source>
        <translation>rij {row} ligt voorbij de laatste rij van Excel</translation>
    </message>
    <message>
        <source>The cell refers to text the file does not hold: damaged.</source>
        <translation>De cel verwijst naar tekst die het bestand niet bevat: beschadigd.</translation>
    </message>
    <message>
        <source>a cell lies beyond Excel&apos;s last column</source>
        <translation>een cel ligt voorbij de laatste kolom van Excel</translation>
    </message>
    <message>
        <source>Cannot create the database {name}: the folder {folder} is read-only.</source>
        <translation>De database {name} kan niet worden aangemaakt: de map {folder} is alleen-lezen.</translation>
    </message>
    <message>
        <source>Cannot make the folder {folder} for the database: {reason}.</source>
        <translation>De map {folder} voor de database kan niet worden aangemaakt: {reason}.</translation>
    </message>
    <message>
        <source>The database</source>
        <translation>De database</translation>
    </message>
    <message>
        <source>The database URL is not understood; write it as {forms}.</source>
        <translation>De database-URL wordt niet begrepen; schrijf hem als {forms}.</translation>
    </message>
    <message>
        <source>The database at {url} cannot be reached. Check the network or the server, then try again; nothing you typed has been lost.</source>
        <translation>De database op {url} is niet bereikbaar. Controleer het netwerk of de server en probeer het opnieuw; niets wat u hebt getypt is verloren.</translation>
    </message>
    <message>
        <source>The database is busy: another program is writing to it. Try again in a moment.</source>
        <translation>De database is bezet: een ander programma schrijft erin. Probeer het zo meteen opnieuw.</translation>
    </message>
    <message>
        <source>The disk holding {database} is full: free some space, then try again.</source>
        <translation>De schijf met {database} is vol: maak ruimte vrij en probeer het opnieuw.</translation>
    </message>
    <message>
        <source>The folder {folder} is read-only: vipdesk needs to write beside the database {name}. Nothing was changed.</source>
        <translation>De map {folder} is alleen-lezen: vipdesk moet naast de database {name} schrijven. Er is niets gewijzigd.</translation>
    </message>
    <message>
        <source>The server name {host} is not known: check the host in the database URL and the network.</source>
        <translation>De servernaam {host} is onbekend: controleer de host in de database-URL en het netwerk.</translation>
    </message>
    <message>
        <source>The server {host} asks for a password for user {user}: add it to the database URL (postgresql+psycopg://USER:PASSWORD@HOST/DATABASE).</source>
        <translation>De server {host} vraagt een wachtwoord voor gebruiker {user}: voeg het toe aan de database-URL (postgresql+psycopg://GEBRUIKER:WACHTWOORD@HOST/DATABASE).</translation>
    </message>
    <message>
        <source>The server {host} has no user {user}: check the user name in the database URL.</source>
        <translation>De server {host} heeft geen gebruiker {user}: controleer de gebruikersnaam in de database-URL.</translation>
    </message>
    <message>
        <source>The server {host} refused the password of user {user}: check the password in the database URL.</source>
        <translation>De server {host} weigerde het wachtwoord van gebruiker {user}: controleer het wachtwoord in de database-URL.</translation>
    </message>
    <message>
        <source>There is no database &quot;{name}&quot; on the server {host}: check its name in the URL, or ask the administrator to create it.</source>
        <translation>Er is geen database &quot;{name}&quot; op de server {host}: controleer de naam in de URL of vraag de beheerder hem aan te maken.</translation>
    </message>
    <message>
        <source>This database was made by a newer version of vipdesk (schema {schema}). Install the newer vipdesk to open it; it has not been changed.</source>
        <translation>Deze database is gemaakt door een nieuwere versie van vipdesk (schema {schema}). Installeer de nieuwere vipdesk om hem te openen; hij is niet gewijzigd.</translation>
    </message>
    <message>
        <source>User {user} may not connect to the database &quot;{name}&quot; on {host}: ask the administrator for access.</source>
        <translation>Gebruiker {user} mag geen verbinding maken met de database &quot;{name}&quot; op {host}: vraag de beheerder om toegang.</translation>
    </message>
    <message>
        <source>the database</source>
        <translation>de database</translation>
    </message>
    <message>
        <source>vipdesk reaches PostgreSQL through psycopg: write the database URL as postgresql+psycopg://… instead of {scheme}://….</source>
        <translation>vipdesk bereikt PostgreSQL via psycopg: schrijf de database-URL als postgresql+psycopg://… in plaats van {scheme}://….</translation>
    </message>
    <message>
        <source>vipdesk works with SQLite files and PostgreSQL servers, not {scheme}://…; write the database URL as {forms}.</source>
        <translation>vipdesk werkt met SQLite-bestanden en PostgreSQL-servers, niet met {scheme}://…; schrijf de database-URL als {forms}.</translation>
    </message>
    <message>
        <source>{database} cannot be read or written: its disk or network drive reported an error or is not available. Check it, then try again.</source>
        <translation>{database} kan niet worden gelezen of geschreven: de schijf of netwerkschijf meldde een fout of is niet beschikbaar. Controleer die en probeer het opnieuw.</translation>
    </message>
    <message>
        <source>{database} holds other data and is not a vipdesk database; it has not been changed.</source>
        <translation>{database} bevat andere gegevens en is geen vipdesk-database; hij is niet gewijzigd.</translation>
    </message>
    <message>
        <source>{database} is damaged: it cannot be read as a database. It has not been changed; open a backup copy instead.</source>
        <translation>{database} is beschadigd: hij kan niet als database worden gelezen. Hij is niet gewijzigd; open in plaats daarvan een reservekopie.</translation>
    </message>
    <message>
        <source>{database} is not a vipdesk database: it is not a database file at all. It has not been changed.</source>
        <translation>{database} is geen vipdesk-database: het is helemaal geen databasebestand. Het is niet gewijzigd.</translation>
    </message>
    <message>
        <source>{database} is open read-only: vipdesk needs to write to it. Nothing was changed.</source>
        <translation>{database} is alleen-lezen geopend: vipdesk moet erin schrijven. Er is niets gewijzigd.</translation>
    </message>
    <message>
        <source>{path} cannot be opened: check that its folder exists and can be written to.</source>
        <translation>{path} kan niet worden geopend: controleer of de map bestaat en beschrijfbaar is.</translation>
    </message>
    <message>
        <source>{path} cannot be opened: your account may not read it (file permissions).</source>
        <translation>{path} kan niet worden geopend: uw account mag het niet lezen (bestandsrechten).</translation>
    </message>
    <message>
        <source>{path} is a folder, not a database file: give the path of a file, such as {example}.</source>
        <translation>{path} is een map, geen databasebestand: geef het pad van een bestand op, bijvoorbeeld {example}.</translation>
    </message>
    <message>
        <source>{path} is a read-only file: vipdesk needs to write to it. Nothing was changed.</source>
        <translation>{path} is een alleen-lezen bestand: vipdesk moet erin schrijven. Er is niets gewijzigd.</translation>
    </message>
    <message>
        <source>A trusted certificate cannot be read: {reason}</source>
        <translation>Een vertrouwd certificaat kan niet worden gelezen: {reason}</translation>
    </message>
    <message>
        <source>ALTERED after signing by {signer}: {changes}</source>
        <translation>GEWIJZIGD na ondertekening door {signer}: {changes}</translation>
    </message>
    <message>
        <source>ALTERED after signing by {signer}: {changes} ({detail})</source>
        <translation>GEWIJZIGD na ondertekening door {signer}: {changes} ({detail})</translation>
    </message>
    <message>
        <source>ALTERED: the signed content does not match the signature</source>
        <translation>GEWIJZIGD: de ondertekende inhoud past niet bij de handtekening</translation>
    </message>
    <message>
        <source>Cannot make a temporary file beside {path}.</source>
        <translation>Naast {path} kan geen tijdelijk bestand worden gemaakt.</translation>
    </message>
    <message>
        <source>Cannot open {name}: the passphrase is wrong, or it is not a PKCS#12 key file.</source>
        <translation>{name} kan niet worden geopend: de wachtwoordzin is onjuist, of het is geen PKCS#12-sleutelbestand.</translation>
    </message>
    <message>
        <source>Cannot sign {name}: {reason}</source>
        <translation>{name} kan niet worden ondertekend: {reason}</translation>
    </message>
    <message>
        <source>Cannot write to {folder}: the folder does not exist; {name} was not saved.</source>
        <translation>Er kan niet in {folder} worden geschreven: de map bestaat niet; {name} is niet opgeslagen.</translation>
    </message>
    <message>
        <source>Cannot write {name}: it may be open in another program (close it there), or the folder {folder} is read-only. Nothing was saved.</source>
        <translation>{name} kan niet worden geschreven: het is misschien geopend in een ander programma (sluit het daar), of de map {folder} is alleen-lezen. Er is niets opgeslagen.</translation>
    </message>
    <message>
        <source>Cannot write {name}: {reason}. Nothing was saved.</source>
        <translation>{name} kan niet worden geschreven: {reason}. Er is niets opgeslagen.</translation>
    </message>
    <message>
        <source>DAMAGED signature: {problem}</source>
        <translation>BESCHADIGDE handtekening: {problem}</translation>
    </message>
    <message>
        <source>No trusted certificate has the fingerprint {fingerprint}.</source>
        <translation>Geen vertrouwd certificaat heeft de vingerafdruk {fingerprint}.</translation>
    </message>
    <message>
        <source>The disk holding {folder} is full; {name} was not saved.</source>
        <translation>De schijf met {folder} is vol; {name} is niet opgeslagen.</translation>
    </message>
    <message>
        <source>The scan</source>
        <translation>De scan</translation>
    </message>
    <message>
        <source>The scan {name}</source>
        <translation>De scan {name}</translation>
    </message>
    <message>
        <source>a different certificate than the one accepted before for {expected} (SHA-256 {fingerprint}…)</source>
        <translation>een ander certificaat dan het eerder aanvaarde voor {expected} (SHA-256 {fingerprint}…)</translation>
    </message>
    <message>
        <source>an annotation on page {number} changed</source>
        <translation>een annotatie op pagina {number} gewijzigd</translation>
    </message>
    <message>
        <source>annotations added on page {number}: {count}</source>
        <translation>annotaties toegevoegd op pagina {number}: {count}</translation>
    </message>
    <message>
        <source>annotations removed from page {number}</source>
        <translation>annotaties verwijderd van pagina {number}</translation>
    </message>
    <message>
        <source>bytes were appended after the signature</source>
        <translation>na de handtekening zijn bytes toegevoegd</translation>
    </message>
    <message>
        <source>changes that are not allowed after signing</source>
        <translation>wijzigingen die na ondertekening niet zijn toegestaan</translation>
    </message>
    <message>
        <source>content of page {number} changed</source>
        <translation>inhoud van pagina {number} gewijzigd</translation>
    </message>
    <message>
        <source>document properties (XMP metadata) changed: {names}</source>
        <translation>documenteigenschappen (XMP-metadata) gewijzigd: {names}</translation>
    </message>
    <message>
        <source>document properties changed: {names}</source>
        <translation>documenteigenschappen gewijzigd: {names}</translation>
    </message>
    <message>
        <source>document settings changed: {names}</source>
        <translation>documentinstellingen gewijzigd: {names}</translation>
    </message>
    <message>
        <source>field {name} changed</source>
        <translation>veld {name} gewijzigd</translation>
    </message>
    <message>
        <source>fonts or images of page {number} changed</source>
        <translation>lettertypen of afbeeldingen van pagina {number} gewijzigd</translation>
    </message>
    <message>
        <source>form field {name} changed its type</source>
        <translation>formulierveld {name} is van type veranderd</translation>
    </message>
    <message>
        <source>form field {name} removed</source>
        <translation>formulierveld {name} verwijderd</translation>
    </message>
    <message>
        <source>form settings changed: {names}</source>
        <translation>formulierinstellingen gewijzigd: {names}</translation>
    </message>
    <message>
        <source>intact</source>
        <translation>ongewijzigd</translation>
    </message>
    <message>
        <source>intact (certificate not from a trusted authority)</source>
        <translation>ongewijzigd (certificaat niet van een vertrouwde instantie)</translation>
    </message>
    <message>
        <source>intact, signer NOT CONFIRMED: {reasons}</source>
        <translation>ongewijzigd, ondertekenaar NIET BEVESTIGD: {reasons}</translation>
    </message>
    <message>
        <source>intact, signer confirmed</source>
        <translation>ongewijzigd, ondertekenaar bevestigd</translation>
    </message>
    <message>
        <source>later changes that cannot be read</source>
        <translation>latere wijzigingen die niet kunnen worden gelezen</translation>
    </message>
    <message>
        <source>layout of page {number} changed</source>
        <translation>opmaak van pagina {number} gewijzigd</translation>
    </message>
    <message>
        <source>new appearance for field {name}, its value unchanged</source>
        <translation>nieuwe weergave van veld {name}, de waarde ongewijzigd</translation>
    </message>
    <message>
        <source>new appearance for the empty signature field {name}</source>
        <translation>nieuwe weergave van het lege handtekeningveld {name}</translation>
    </message>
    <message>
        <source>new form field {name} added</source>
        <translation>nieuw formulierveld {name} toegevoegd</translation>
    </message>
    <message>
        <source>new signature field {name} added</source>
        <translation>nieuw handtekeningveld {name} toegevoegd</translation>
    </message>
    <message>
        <source>new signature field {name} added and signed</source>
        <translation>nieuw handtekeningveld {name} toegevoegd en ondertekend</translation>
    </message>
    <message>
        <source>nobody on record signs for the {party}</source>
        <translation>niemand is geregistreerd als ondertekenaar voor de partij {party}</translation>
    </message>
    <message>
        <source>pages added or removed ({then} pages when signed, {now} now)</source>
        <translation>pagina&apos;s toegevoegd of verwijderd ({then} pagina&apos;s bij ondertekening, nu {now})</translation>
    </message>
    <message>
        <source>signature added in {name}, a field of no party</source>
        <translation>handtekening toegevoegd in {name}, een veld van geen enkele partij</translation>
    </message>
    <message>
        <source>signed in {field}, which is no party&apos;s field</source>
        <translation>ondertekend in {field}, het veld van geen enkele partij</translation>
    </message>
    <message>
        <source>the certificate is not from an authority this office trusts, and none was accepted before for {expected}</source>
        <translation>het certificaat komt niet van een instantie die dit bureau vertrouwt, en er is er eerder geen aanvaard voor {expected}</translation>
    </message>
    <message>
        <source>the certificate names {name}, but the {party} is to be signed for by {expected}</source>
        <translation>het certificaat noemt {name}, maar voor de partij {party} moet {expected} ondertekenen</translation>
    </message>
    <message>
        <source>the file is not a document stored in this database, so its signers cannot be compared with the records</source>
        <translation>het bestand is geen document dat in deze database is opgeslagen, dus de ondertekenaars kunnen niet met de gegevens worden vergeleken</translation>
    </message>
    <message>
        <source>the signature in {name} was replaced or redrawn</source>
        <translation>de handtekening in {name} is vervangen of opnieuw getekend</translation>
    </message>
    <message>
        <source>{name} cannot be read as a certificate: {reason}</source>
        <translation>{name} kan niet als certificaat worden gelezen: {reason}</translation>
    </message>
    <message>
        <source>{name} has no signature field for the {party}: export the document from vipdesk.</source>
        <translation>{name} heeft geen handtekeningveld voor de partij {party}: exporteer het document uit vipdesk.</translation>
    </message>
    <message>
        <source>{name} holds no certificate.</source>
        <translation>{name} bevat geen certificaat.</translation>
    </message>
    <message>
        <source>{name} is already signed for the {party}.</source>
        <translation>{name} is al ondertekend voor de partij {party}.</translation>
    </message>
    <message>
        <source>{name} is damaged: its signature fields cannot be read ({reason}).</source>
        <translation>{name} is beschadigd: de handtekeningvelden kunnen niet worden gelezen ({reason}).</translation>
    </message>
    <message>
        <source>{scan} is damaged: it cannot be read.</source>
        <translation>{scan} is beschadigd: de scan kan niet worden gelezen.</translation>
    </message>
    <message>
        <source>{scan} is empty.</source>
        <translation>{scan} is leeg.</translation>
    </message>
    <message>
        <source>{scan} is not a PDF, PNG or JPEG file.</source>
        <translation>{scan} is geen PDF-, PNG- of JPEG-bestand.</translation>
    </message>
    <message>
        <source>{scan} is over 25 MB.</source>
        <translation>{scan} is groter dan 25 MB.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not an amount of money.</source>
        <translation>&apos;{text}&apos; is geen geldbedrag.</translation>
    </message>
    <message>
        <source>Agreement {reference} is signed by every party and locked: changes are amendments, so there is no fillable version to send.</source>
        <translation>Overeenkomst {reference} is door alle partijen ondertekend en vergrendeld: wijzigingen zijn een wijziging van de overeenkomst, dus er is geen invulbare versie om te sturen.</translation>
    </message>
    <message>
        <source>Cannot read {path}: {reason}.</source>
        <translation>Kan {path} niet lezen: {reason}.</translation>
    </message>
    <message>
        <source>Cannot write to the folder {folder}: {reason}. Choose another folder; no agreement was written.</source>
        <translation>Kan niet schrijven in de map {folder}: {reason}. Kies een andere map; er is geen overeenkomst geschreven.</translation>
    </message>
    <message>
        <source>Cannot write {file} into {folder} ({reason}): it may be open in another program. {written} of {count} agreements were written.</source>
        <translation>Kan {file} niet schrijven in {folder} ({reason}): het is misschien geopend in een ander programma. {written} van {count} overeenkomsten zijn geschreven.</translation>
    </message>
    <message>
        <source>Choose at least one change to accept.</source>
        <translation>Kies minstens één wijziging om over te nemen.</translation>
    </message>
    <message>
        <source>The actual end is before the actual start.</source>
        <translation>Het werkelijke einde ligt vóór het werkelijke begin.</translation>
    </message>
    <message>
        <source>The agreement is not signed by all parties yet.</source>
        <translation>De overeenkomst is nog niet door alle partijen ondertekend.</translation>
    </message>
    <message>
        <source>The deadline in the task &apos;{task}&apos; is not a date.</source>
        <translation>De deadline in de taak &apos;{task}&apos; is geen datum.</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist; no agreement was written.</source>
        <translation>De map {folder} bestaat niet; er is geen overeenkomst geschreven.</translation>
    </message>
    <message>
        <source>The returned {field} is longer than {limit} characters (it has {length}).</source>
        <translation>Het teruggestuurde veld ‘{field}’ is langer dan {limit} tekens (het heeft er {length}).</translation>
    </message>
    <message>
        <source>The {document} has not been sent for signature yet: no PDF to send.</source>
        <translation>{document} is nog niet ter ondertekening verstuurd: er is geen pdf om te sturen.</translation>
    </message>
    <message>
        <source>The {document} is not signed by every party yet.</source>
        <translation>{document} is nog niet door alle partijen ondertekend.</translation>
    </message>
    <message>
        <source>There is no placement &apos;{text}&apos; in this database.</source>
        <translation>Er is geen stage &apos;{text}&apos; in deze database.</translation>
    </message>
    <message>
        <source>There is no placement with id {id}.</source>
        <translation>Er is geen stage met id {id}.</translation>
    </message>
    <message>
        <source>This agreement document no longer exists.</source>
        <translation>Dit document van de overeenkomst bestaat niet meer.</translation>
    </message>
    <message>
        <source>This agreement version is no longer the current one: a later version replaced it, or it was deleted.</source>
        <translation>Deze versie van de overeenkomst is niet meer de huidige: een latere versie heeft haar vervangen, of ze is verwijderd.</translation>
    </message>
    <message>
        <source>Write the mentor&apos;s evaluation of the trainee: Table D certifies it.</source>
        <translation>Schrijf de evaluatie van de stagiair door de mentor: Tabel D bevestigt die.</translation>
    </message>
    <message>
        <source>a questionnaire</source>
        <translation>een vragenlijst</translation>
    </message>
    <message>
        <source>a traineeship certificate</source>
        <translation>een stagecertificaat</translation>
    </message>
    <message>
        <source>an agreement</source>
        <translation>een overeenkomst</translation>
    </message>
    <message>
        <source>an amendment to an agreement</source>
        <translation>een wijziging van een overeenkomst</translation>
    </message>
    <message>
        <source>financial amount</source>
        <translation>bedrag van de ondersteuning</translation>
    </message>
    <message>
        <source>financial support</source>
        <translation>financiële ondersteuning</translation>
    </message>
    <message>
        <source>host department</source>
        <translation>afdeling</translation>
    </message>
    <message>
        <source>host insurance</source>
        <translation>verzekering door de ontvangende organisatie</translation>
    </message>
    <message>
        <source>in kind</source>
        <translation>bijdrage in natura</translation>
    </message>
    <message>
        <source>mentor email</source>
        <translation>e-mail van de mentor</translation>
    </message>
    <message>
        <source>mentor name</source>
        <translation>naam van de mentor</translation>
    </message>
    <message>
        <source>mentor position</source>
        <translation>functie van de mentor</translation>
    </message>
    <message>
        <source>nothing of vipdesk</source>
        <translation>niets van vipdesk</translation>
    </message>
    <message>
        <source>tasks</source>
        <translation>taken</translation>
    </message>
    <message>
        <source>{file} carries a damaged vipdesk reference.</source>
        <translation>{file} draagt een beschadigd vipdesk-kenmerk.</translation>
    </message>
    <message>
        <source>{file} carries the reference {reference} with the placement id {theirs}, but {reference} here is placement {ours}: the file comes from another database, or its properties were changed.</source>
        <translation>{file} draagt het kenmerk {reference} met stage-id {theirs}, maar {reference} is hier stage {ours}: het bestand komt uit een andere database, of de eigenschappen ervan zijn gewijzigd.</translation>
    </message>
    <message>
        <source>{file} does not match version {version} of agreement {reference} as it was sent: it was made from other content.</source>
        <translation>{file} komt niet overeen met versie {version} van overeenkomst {reference} zoals die is verstuurd: het is gemaakt van andere inhoud.</translation>
    </message>
    <message>
        <source>{file} is damaged and cannot be read as a PDF ({reason}).</source>
        <translation>{file} is beschadigd en kan niet als pdf worden gelezen ({reason}).</translation>
    </message>
    <message>
        <source>{file} is damaged: its form fields cannot be read ({reason}).</source>
        <translation>{file} is beschadigd: de formuliervelden kunnen niet worden gelezen ({reason}).</translation>
    </message>
    <message>
        <source>{file} is not a PDF file.</source>
        <translation>{file} is geen pdf-bestand.</translation>
    </message>
    <message>
        <source>{file} is not {wanted} exported by vipdesk.</source>
        <translation>{file} is geen door vipdesk geëxporteerd bestand: verwacht werd {wanted}.</translation>
    </message>
    <message>
        <source>{file} is protected with a password; ask the sender for an unprotected copy.</source>
        <translation>{file} is beveiligd met een wachtwoord; vraag de afzender om een onbeveiligde kopie.</translation>
    </message>
    <message>
        <source>{file} is the agreement of placement {theirs}, not of {ours}.</source>
        <translation>{file} is de overeenkomst van stage {theirs}, niet van {ours}.</translation>
    </message>
    <message>
        <source>{file} is version {version} of agreement {reference}, which is not stored here: export the current version and send that.</source>
        <translation>{file} is versie {version} van overeenkomst {reference}, die hier niet is opgeslagen: exporteer de huidige versie en stuur die.</translation>
    </message>
    <message>
        <source>{file} is {found}, not {wanted} exported by vipdesk.</source>
        <translation>{file} is {found}; verwacht werd {wanted}, geëxporteerd door vipdesk.</translation>
    </message>
    <message>
        <source>{file} was changed after vipdesk exported it: its vipdesk identifiers say {now}, but the file as exported says {was}. It is refused.</source>
        <translation>{file} is gewijzigd nadat vipdesk het exporteerde: de vipdesk-kenmerken zeggen {now}, maar het bestand zoals geëxporteerd zegt {was}. Het wordt geweigerd.</translation>
    </message>
    <message>
        <source>{file}: the signature in {field} does not hold: {verdict}. The file is not reviewed; ask for the file as it was signed.</source>
        <translation>{file}: de handtekening in {field} houdt geen stand: {verdict}. Het bestand wordt niet bekeken; vraag het bestand zoals het is ondertekend.</translation>
    </message>
    <message>
        <source>{one} or {other}</source>
        <translation>{one} of {other}</translation>
    </message>
    <message>
        <source>{reference} (placement {id})</source>
        <translation>{reference} (stage {id})</translation>
    </message>
    <message>
        <source>{file} asks a questionnaire vipdesk does not know.</source>
        <translation>{file} bevat een vragenlijst die vipdesk niet kent.</translation>
    </message>
    <message>
        <source>{file} asks other questions than the {questionnaire} of {reference} as vipdesk has it (the file was altered, or the agreement&apos;s learning outcomes changed since it was sent): it is refused; send a new one.</source>
        <translation>{file} stelt andere vragen dan {questionnaire} van {reference} zoals vipdesk die kent (het bestand is gewijzigd, of de leerresultaten van de overeenkomst zijn veranderd sinds het werd verstuurd): het wordt geweigerd; stuur een nieuwe.</translation>
    </message>
    <message>
        <source>{file} is a questionnaire of placement {reference}, which is not in this database.</source>
        <translation>{file} is een vragenlijst van stage {reference}, die niet in deze database staat.</translation>
    </message>
    <message>
        <source>{file} is a questionnaire of placement {theirs}, not of {ours}.</source>
        <translation>{file} is een vragenlijst van stage {theirs}, niet van {ours}.</translation>
    </message>
    <message>
        <source>{file} is in a language vipdesk does not know.</source>
        <translation>{file} is in een taal die vipdesk niet kent.</translation>
    </message>
    <message>
        <source>{file} is not complete: {problems}</source>
        <translation>{file} is niet volledig: {problems}</translation>
    </message>
    <message>
        <source>{file}: its form was altered: {problems}.</source>
        <translation>{file}: het formulier is gewijzigd: {problems}.</translation>
    </message>
    <message>
        <source>{file}: {problem}</source>
        <translation>{file}: {problem}</translation>
    </message>
    <message>
        <source>There is no work-list rule &apos;{key}&apos;.</source>
        <translation>Er is geen werklijstregel &apos;{key}&apos;.</translation>
    </message>
    <message>
        <source>This deleted record can no longer be restored: someone restored it, or it was deleted more than 30 days ago.</source>
        <translation>Dit verwijderde gegeven kan niet meer worden hersteld: iemand heeft het hersteld, of het is meer dan 30 dagen geleden verwijderd.</translation>
    </message>
    <message>
        <source>{what} {name} cannot be restored: what it belongs to (a student, host, funding source or shared cost) was deleted since, or its reference was taken again. Nothing was changed.</source>
        <translation>{what} {name} kan niet worden hersteld: waar het bij hoort (een student, ontvangende organisatie, financieringsbron of gedeelde kosten) is intussen verwijderd, of de referentie is opnieuw gebruikt. Er is niets gewijzigd.</translation>
    </message>
    <message>
        <source>“{setting}”: choose from {least} to {most} days.</source>
        <translation>“{setting}”: kies van {least} tot {most} dagen.</translation>
    </message>
    <message>
        <source>Synchronous contact as close as possible to meeting in person: video or web conferencing.</source>
        <translation>Synchroon contact, zo dicht mogelijk bij een ontmoeting in persoon: video- of webconferentie.</translation>
    </message>
    <message>
        <source>Where the student asks quickly and gets an answer within the agreed reply time.</source>
        <translation>Waar de student snel iets vraagt en binnen de afgesproken reactietijd antwoord krijgt.</translation>
    </message>
    <message>
        <source>Asynchronous and archived: reports, feedback, agreements.</source>
        <translation>Asynchroon en gearchiveerd: verslagen, feedback, afspraken.</translation>
    </message>
    <message>
        <source>One place where work in progress and deliverables live.</source>
        <translation>Eén plek waar lopend werk en opleveringen staan.</translation>
    </message>
    <message>
        <source>A blog or e-portfolio: it also serves the final assessment.</source>
        <translation>Een blog of e-portfolio: dient ook voor de eindbeoordeling.</translation>
    </message>
    <message>
        <source>Space for informal contact with co-workers: a team channel, a virtual coffee.</source>
        <translation>Ruimte voor informeel contact met collega&apos;s: een teamkanaal, een virtuele koffie.</translation>
    </message>
    <message>
        <source>A low-bandwidth way to reach each other: a phone call can beat the trendy app.</source>
        <translation>Een manier om elkaar met weinig bandbreedte te bereiken: een telefoontje kan de hippe app verslaan.</translation>
    </message>
    <message>
        <source>Common in companies and universities; guests need an invitation to the host&apos;s tenant.</source>
        <translation>Gangbaar bij bedrijven en universiteiten; gasten hebben een uitnodiging nodig voor de omgeving van de ontvangende organisatie.</translation>
    </message>
    <message>
        <source>Joins from a link; some companies block it or allow only their own licence.</source>
        <translation>Deelnemen via een link; sommige bedrijven blokkeren het of staan alleen hun eigen licentie toe.</translation>
    </message>
    <message>
        <source>Runs in the browser; often blocked where a company standardises on Microsoft.</source>
        <translation>Werkt in de browser; vaak geblokkeerd waar een bedrijf op Microsoft standaardiseert.</translation>
    </message>
    <message>
        <source>Open source, no account, runs in the browser; quality depends on the server used.</source>
        <translation>Open source, geen account, werkt in de browser; de kwaliteit hangt af van de gebruikte server.</translation>
    </message>
    <message>
        <source>Frequent in larger companies; joins from a link.</source>
        <translation>Veel gebruikt in grotere bedrijven; deelnemen via een link.</translation>
    </message>
    <message>
        <source>Channels per topic suit questions and non-task talk; the student needs an invitation to the workspace.</source>
        <translation>Kanalen per onderwerp passen bij vragen en praatjes naast het werk; de student heeft een uitnodiging voor de werkruimte nodig.</translation>
    </message>
    <message>
        <source>Everybody has it and it works on weak connections, but it mixes private and work life and uses private phone numbers.</source>
        <translation>Iedereen heeft het en het werkt op zwakke verbindingen, maar het mengt privé en werk en gebruikt privételefoonnummers.</translation>
    </message>
    <message>
        <source>Private by design; uses private phone numbers.</source>
        <translation>Privé door ontwerp; gebruikt privételefoonnummers.</translation>
    </message>
    <message>
        <source>Asynchronous, archived, works on any connection: the default for reports and formal exchange.</source>
        <translation>Asynchroon, gearchiveerd, werkt op elke verbinding: de standaard voor verslagen en formele uitwisseling.</translation>
    </message>
    <message>
        <source>Works when the internet does not; mind the cost of international calls.</source>
        <translation>Werkt wanneer internet het niet doet; let op de kosten van internationale gesprekken.</translation>
    </message>
    <message>
        <source>The institution&apos;s learning platform: assignments, feedback and an archive for the assessment; host staff need guest access.</source>
        <translation>De leeromgeving van de instelling: opdrachten, feedback en een archief voor de beoordeling; medewerkers van de ontvangende organisatie hebben gasttoegang nodig.</translation>
    </message>
    <message>
        <source>The host&apos;s document store; external users need to be invited.</source>
        <translation>De documentopslag van de ontvangende organisatie; externe gebruikers moeten worden uitgenodigd.</translation>
    </message>
    <message>
        <source>Easy sharing by link; check whether the host allows company data there.</source>
        <translation>Eenvoudig delen via een link; ga na of de ontvangende organisatie daar bedrijfsgegevens toestaat.</translation>
    </message>
    <message>
        <source>Self-hosted by many universities; guests can be given links or accounts.</source>
        <translation>Door veel universiteiten zelf beheerd; gasten kunnen links of accounts krijgen.</translation>
    </message>
    <message>
        <source>E-portfolio often run next to Moodle; the student decides what mentor and tutor see.</source>
        <translation>E-portfolio, vaak naast Moodle; de student bepaalt wat mentor en begeleider zien.</translation>
    </message>
    <message>
        <source>A reflection blog, private or shared with tutor and mentor.</source>
        <translation>Een reflectieblog, privé of gedeeld met begeleider en mentor.</translation>
    </message>
    <message>
        <source>Telephone</source>
        <translation>Telefoon</translation>
    </message>
    <message>
        <source>Moodle (the university&apos;s LMS)</source>
        <translation>Moodle (de leeromgeving van de universiteit)</translation>
    </message>
    <message>
        <source>Mahara e-portfolio</source>
        <translation>Mahara e-portfolio</translation>
    </message>
    <message>
        <source>Blog (e.g. WordPress)</source>
        <translation>Blog (bijv. WordPress)</translation>
    </message>
    <message>
        <source>Search students</source>
        <translation>Studenten zoeken</translation>
    </message>
    <message>
        <source>Search students…</source>
        <translation>Studenten zoeken…</translation>
    </message>
    <message>
        <source>The students, one per row; Enter opens one</source>
        <translation>De studenten, één per rij; Enter opent er een</translation>
    </message>
    <message>
        <source>Students not loaded</source>
        <translation>Studenten niet geladen</translation>
    </message>
    <message>
        <source>Cannot open the student</source>
        <translation>Kan de student niet openen</translation>
    </message>
    <message>
        <source>Delete student</source>
        <translation>Student verwijderen</translation>
    </message>
    <message>
        <source>Student not deleted</source>
        <translation>Student niet verwijderd</translation>
    </message>
    <message>
        <source>No students yet — press New… to add one</source>
        <translation>Nog geen studenten — druk op Nieuw… om er een toe te voegen</translation>
    </message>
    <message>
        <source>No students match “{text}”.</source>
        <translation>Geen studenten die overeenkomen met “{text}”.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln student(s)</source>
        <translation>
            <numerusform>%Ln student</numerusform>
            <numerusform>%Ln studenten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln student(s)</source>
        <translation>
            <numerusform>{shown} van %Ln student</numerusform>
            <numerusform>{shown} van %Ln studenten</numerusform>
        </translation>
    </message>
    <message>
        <source>Search host organisations</source>
        <translation>Ontvangende organisaties zoeken</translation>
    </message>
    <message>
        <source>Search host organisations…</source>
        <translation>Ontvangende organisaties zoeken…</translation>
    </message>
    <message>
        <source>Host organisations</source>
        <translation>Ontvangende organisaties</translation>
    </message>
    <message>
        <source>The host organisations, one per row; Enter opens one</source>
        <translation>De ontvangende organisaties, één per rij; Enter opent er een</translation>
    </message>
    <message>
        <source>Host organisations not loaded</source>
        <translation>Ontvangende organisaties niet geladen</translation>
    </message>
    <message>
        <source>Cannot open the organisation</source>
        <translation>Kan de organisatie niet openen</translation>
    </message>
    <message>
        <source>Delete organisation</source>
        <translation>Organisatie verwijderen</translation>
    </message>
    <message>
        <source>Organisation not deleted</source>
        <translation>Organisatie niet verwijderd</translation>
    </message>
    <message>
        <source>No host organisations yet — press New… to add one</source>
        <translation>Nog geen ontvangende organisaties — druk op Nieuw… om er een toe te voegen</translation>
    </message>
    <message>
        <source>No host organisations match “{text}”.</source>
        <translation>Geen ontvangende organisaties die overeenkomen met “{text}”.</translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln host organisation(s)</source>
        <translation>
            <numerusform>{shown} van %Ln ontvangende organisatie</numerusform>
            <numerusform>{shown} van %Ln ontvangende organisaties</numerusform>
        </translation>
    </message>
    <message>
        <source>Search contacts</source>
        <translation>Contactpersonen zoeken</translation>
    </message>
    <message>
        <source>Search contacts…</source>
        <translation>Contactpersonen zoeken…</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contactpersonen</translation>
    </message>
    <message>
        <source>The contacts, one per row; Enter opens one</source>
        <translation>De contactpersonen, één per rij; Enter opent er een</translation>
    </message>
    <message>
        <source>Contacts not loaded</source>
        <translation>Contactpersonen niet geladen</translation>
    </message>
    <message>
        <source>Cannot open the contact</source>
        <translation>Kan de contactpersoon niet openen</translation>
    </message>
    <message>
        <source>Delete contact</source>
        <translation>Contactpersoon verwijderen</translation>
    </message>
    <message>
        <source>Contact not deleted</source>
        <translation>Contactpersoon niet verwijderd</translation>
    </message>
    <message>
        <source>No contacts yet — press New… to add one</source>
        <translation>Nog geen contactpersonen — druk op Nieuw… om er een toe te voegen</translation>
    </message>
    <message>
        <source>No contacts match “{text}”.</source>
        <translation>Geen contactpersonen die overeenkomen met “{text}”.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln contact(s)</source>
        <translation>
            <numerusform>%Ln contact</numerusform>
            <numerusform>%Ln contacten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln contact(s)</source>
        <translation>
            <numerusform>{shown} van %Ln contactpersoon</numerusform>
            <numerusform>{shown} van %Ln contactpersonen</numerusform>
        </translation>
    </message>
    <message>
        <source>Search institutions</source>
        <translation>Instellingen zoeken</translation>
    </message>
    <message>
        <source>Search institutions…</source>
        <translation>Instellingen zoeken…</translation>
    </message>
    <message>
        <source>Institutions</source>
        <translation>Instellingen</translation>
    </message>
    <message>
        <source>The institutions, one per row; Enter opens one</source>
        <translation>De instellingen, één per rij; Enter opent er een</translation>
    </message>
    <message>
        <source>Institutions not loaded</source>
        <translation>Instellingen niet geladen</translation>
    </message>
    <message>
        <source>Cannot open the institution</source>
        <translation>Kan de instelling niet openen</translation>
    </message>
    <message>
        <source>Delete institution</source>
        <translation>Instelling verwijderen</translation>
    </message>
    <message>
        <source>Institution not deleted</source>
        <translation>Instelling niet verwijderd</translation>
    </message>
    <message>
        <source>No institutions yet — press New… to add one</source>
        <translation>Nog geen instellingen — druk op Nieuw… om er een toe te voegen</translation>
    </message>
    <message>
        <source>No institutions match “{text}”.</source>
        <translation>Geen instellingen die overeenkomen met “{text}”.</translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln institution(s)</source>
        <translation>
            <numerusform>{shown} van %Ln instelling</numerusform>
            <numerusform>{shown} van %Ln instellingen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln question(s) still need an answer, the first: “{question}”</source>
        <translation>
            <numerusform>%Ln vraag moet nog beantwoord worden: ‘{question}’</numerusform>
            <numerusform>%Ln vragen moeten nog beantwoord worden, de eerste: ‘{question}’</numerusform>
        </translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date. Type it as YYYY-MM-DD, e.g. 2026-03-01.</source>
        <translation>&apos;{text}&apos; is geen datum. Typ die als JJJJ-MM-DD of DD-MM-JJJJ, bijv. 2026-03-01 of 1.3.2026.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number of credits; type e.g. 15 or 7.5.</source>
        <translation>&apos;{text}&apos; is geen aantal studiepunten; typ bijv. 15 of 7,5.</translation>
    </message>
</context>
</TS>
