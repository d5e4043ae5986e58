<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name></name>
    <message>
        <source>Cannot read {name}: {value}.</source>
        <translation>{name} kann nicht gelesen werden: {value}.</translation>
    </message>
    <message>
        <source>Draft agreement</source>
        <translation>Vereinbarung entwerfen</translation>
    </message>
    <message>
        <source>Save the final PDF</source>
        <translation>Endgültiges PDF speichern</translation>
    </message>
    <message>
        <source>Save the PDF</source>
        <translation>PDF speichern</translation>
    </message>
    <message>
        <source>{reference} {title} for HR.pdf</source>
        <translation>{reference} {title} für HR.pdf</translation>
    </message>
    <message>
        <source>Save the fillable PDF for HR</source>
        <translation>Ausfüllbares PDF für HR speichern</translation>
    </message>
    <message>
        <source>Choose the PDF returned by HR</source>
        <translation>Von HR zurückgesandtes PDF auswählen</translation>
    </message>
    <message>
        <source>Import returned PDF</source>
        <translation>Zurückgesandtes PDF importieren</translation>
    </message>
    <message>
        <source>Choose a PDF to verify</source>
        <translation>Zu prüfendes PDF auswählen</translation>
    </message>
    <message>
        <source>Verify a PDF</source>
        <translation>PDF prüfen</translation>
    </message>
    <message>
        <source>This placement</source>
        <translation>Dieses Praktikum</translation>
    </message>
    <message>
        <source>Signed by every party</source>
        <translation>Von allen Parteien unterzeichnet</translation>
    </message>
    <message>
        <source>{title} is signed by every party and locked. Its final PDF is archived with SHA-256 {final_sha256}.</source>
        <translation>{title} ist von allen Parteien unterzeichnet und gesperrt. Das endgültige PDF ist mit SHA-256 {final_sha256} archiviert.</translation>
    </message>
    <message>
        <source>Save scan</source>
        <translation>Scan speichern</translation>
    </message>
    <message>
        <source>Save the scan</source>
        <translation>Den Scan speichern</translation>
    </message>
    <message>
        <source>No placement is selected</source>
        <translation>Kein Praktikum ausgewählt</translation>
    </message>
    <message numerus="yes">
        <source>%Ln placement(s)</source>
        <translation>
            <numerusform>%Ln Praktikum</numerusform>
            <numerusform>%Ln Praktika</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The %Ln selected placement(s)</source>
        <translation>
            <numerusform>Das ausgewählte Praktikum</numerusform>
            <numerusform>Die %Ln ausgewählten Praktika</numerusform>
        </translation>
    </message>
    <message>
        <source>The agreements were not exported</source>
        <translation>Die Vereinbarungen wurden nicht exportiert</translation>
    </message>
    <message>
        <source>Cancelled: no agreement was written, the folder is as it was.</source>
        <translation>Abgebrochen: Keine Vereinbarung wurde geschrieben, der Ordner ist unverändert.</translation>
    </message>
    <message>
        <source>Export agreements</source>
        <translation>Vereinbarungen exportieren</translation>
    </message>
    <message>
        <source>The {count} shown with an agreement on file</source>
        <translation>Die {count} angezeigten mit hinterlegter Vereinbarung</translation>
    </message>
    <message>
        <source>The {count} shown in the list</source>
        <translation>Die {count} in der Liste angezeigten</translation>
    </message>
    <message>
        <source> ({missing:,} drafted from their records)</source>
        <translation> ({missing:,} aus ihren Daten entworfen)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Fillable: the host&apos;s part as form fields, for HR to complete</source>
        <translation>Ausfüllbar: der Teil der aufnehmenden Organisation als Formularfelder, von HR auszufüllen</translation>
    </message>
    <message>
        <source>Agreements of</source>
        <translation>Vereinbarungen von</translation>
    </message>
    <message>
        <source>Save into</source>
        <translation>Speichern in</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Variante</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>One PDF per placement, named by its reference (e.g. VIP-2027-00042.pdf), ready to send for signature. If you cancel, the folder is left as it was.</source>
        <translation>Ein PDF je Praktikum, benannt nach seiner Referenz (z. B. VIP-2027-00042.pdf), bereit zum Versand zur Unterzeichnung. Bei Abbruch bleibt der Ordner unverändert.</translation>
    </message>
    <message>
        <source>Save the agreements into</source>
        <translation>Vereinbarungen speichern in</translation>
    </message>
    <message>
        <source>Choose the folder to save the agreements into.</source>
        <translation>Wählen Sie den Ordner, in dem die Vereinbarungen gespeichert werden.</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>Der Ordner {folder} existiert nicht.</translation>
    </message>
    <message>
        <source>There is no placement to export.</source>
        <translation>Es gibt kein Praktikum zum Exportieren.</translation>
    </message>
    <message>
        <source>Writing the agreements of {count}…</source>
        <translation>Die Vereinbarungen von {count} werden geschrieben…</translation>
    </message>
    <message>
        <source>Exporting agreements</source>
        <translation>Vereinbarungen werden exportiert</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %Ln agreement(s) to {folder}.</source>
        <translation>
            <numerusform>%Ln Vereinbarung nach {folder} geschrieben.</numerusform>
            <numerusform>%Ln Vereinbarungen nach {folder} geschrieben.</numerusform>
        </translation>
    </message>
    <message>
        <source>{replaced:,} of them replaced earlier files of the same name.</source>
        <translation>{replaced:,} davon ersetzten frühere Dateien gleichen Namens.</translation>
    </message>
    <message>
        <source>{count} had been deleted meanwhile and were left out.</source>
        <translation>{count} waren inzwischen gelöscht und wurden ausgelassen.</translation>
    </message>
    <message>
        <source>Returned PDF — {name}</source>
        <translation>Zurückgesandtes PDF — {name}</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;{name}&lt;/b&gt; differs from the agreement in %n field(s). Tick the changes to accept: they become a new version to send again; the others are left as they are.</source>
        <translation>
            <numerusform>&lt;b&gt;{name}&lt;/b&gt; weicht in %n Feld von der Vereinbarung ab. Haken Sie die zu übernehmenden Änderungen an: Sie werden zu einer neuen Version, die erneut versandt wird; die übrigen bleiben unverändert.</numerusform>
            <numerusform>&lt;b&gt;{name}&lt;/b&gt; weicht in %n Feldern von der Vereinbarung ab. Haken Sie die zu übernehmenden Änderungen an: Sie werden zu einer neuen Version, die erneut versandt wird; die übrigen bleiben unverändert.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; changes no field of the agreement.</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; ändert kein Feld der Vereinbarung.</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>In vipdesk</source>
        <translation>In vipdesk</translation>
    </message>
    <message>
        <source>In the returned PDF</source>
        <translation>Im zurückgesandten PDF</translation>
    </message>
    <message>
        <source>Signed digitally in this file: &lt;b&gt;{who}&lt;/b&gt;.</source>
        <translation>Digital in dieser Datei unterzeichnet: &lt;b&gt;{who}&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Nobody signed this file digitally.</source>
        <translation>Niemand hat diese Datei digital unterzeichnet.</translation>
    </message>
    <message>
        <source>Record the {value}&apos;s digital signature</source>
        <translation>Digitale Signatur erfassen ({value})</translation>
    </message>
    <message>
        <source>&amp;Accept selected</source>
        <translation>Ausgewählte &amp;übernehmen</translation>
    </message>
    <message>
        <source>Amend the agreement</source>
        <translation>Vereinbarung ändern</translation>
    </message>
    <message>
        <source>The signed agreement stays as it is. An amendment records what changes during the placement; all three parties sign it.</source>
        <translation>Die unterzeichnete Vereinbarung bleibt unverändert. Eine Änderungsvereinbarung hält fest, was sich während des Praktikums ändert; alle drei Parteien unterzeichnen sie.</translation>
    </message>
    <message>
        <source>e.g. The project moved to a new team; hours reduced.</source>
        <translation>z. B. Das Projekt ging an ein neues Team; Stunden reduziert.</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>&amp;Start amendment</source>
        <translation>Änderungsvereinbarung &amp;beginnen</translation>
    </message>
    <message>
        <source>Traineeship certificate</source>
        <translation>Praktikumsbescheinigung</translation>
    </message>
    <message>
        <source>The certificate states what really happened. When did the traineeship actually start and end?</source>
        <translation>Die Bescheinigung gibt an, was tatsächlich stattgefunden hat. Wann hat das Praktikum tatsächlich begonnen und geendet?</translation>
    </message>
    <message>
        <source>Actual start</source>
        <translation>Tatsächlicher Beginn</translation>
    </message>
    <message>
        <source>Actual end</source>
        <translation>Tatsächliches Ende</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;Weiter</translation>
    </message>
    <message>
        <source>Traineeship certificate {version} — {reference}</source>
        <translation>Praktikumsbescheinigung {version} — {reference}</translation>
    </message>
    <message>
        <source> (read only)</source>
        <translation> (schreibgeschützt)</translation>
    </message>
    <message>
        <source>&lt;b&gt;{trainee_name}&lt;/b&gt; at &lt;b&gt;{host_name}&lt;/b&gt;&lt;br&gt;Planned {planned_start} – {planned_end}, {hours_per_week} h/week, {label}</source>
        <translation>&lt;b&gt;{trainee_name}&lt;/b&gt; bei &lt;b&gt;{host_name}&lt;/b&gt;&lt;br&gt;Geplant {planned_start} – {planned_end}, {hours_per_week} Std./Woche, {label}</translation>
    </message>
    <message>
        <source>One task per line</source>
        <translation>Eine Aufgabe pro Zeile</translation>
    </message>
    <message>
        <source>One learning outcome per line</source>
        <translation>Ein Lernergebnis pro Zeile</translation>
    </message>
    <message>
        <source>The mentor&apos;s evaluation of the trainee</source>
        <translation>Beurteilung der Praktikantin/des Praktikanten durch die Mentorin/den Mentor</translation>
    </message>
    <message>
        <source>Overall assessment or suggested grade (optional)</source>
        <translation>Gesamtbeurteilung oder vorgeschlagene Note (optional)</translation>
    </message>
    <message>
        <source>Tasks carried out</source>
        <translation>Ausgeführte Aufgaben</translation>
    </message>
    <message>
        <source>Learning outcomes achieved</source>
        <translation>Erreichte Lernergebnisse</translation>
    </message>
    <message>
        <source>Mentor&apos;s evaluation</source>
        <translation>Beurteilung durch Mentor/in</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>Beurteilung</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Start a new version?</source>
        <translation>Neue Version beginnen?</translation>
    </message>
    <message>
        <source>Start version {value} as a copy of {title}? Version {number} is then superseded: no more signatures are recorded on it, and the new version is sent for signature again.</source>
        <translation>Version {value} als Kopie von {title} beginnen? Version {number} ist dann ersetzt: Es werden keine Unterschriften mehr darauf erfasst, und die neue Version wird erneut zur Unterzeichnung versandt.</translation>
    </message>
    <message>
        <source>New version</source>
        <translation>Neue Version</translation>
    </message>
    <message>
        <source>&amp;Draft agreement…</source>
        <translation>Vereinbarung &amp;entwerfen…</translation>
    </message>
    <message>
        <source>&amp;View…</source>
        <translation>&amp;Ansehen…</translation>
    </message>
    <message>
        <source>Se&amp;nd for signature…</source>
        <translation>Zur Unter&amp;zeichnung senden…</translation>
    </message>
    <message>
        <source>&amp;Record signature…</source>
        <translation>&amp;Unterschrift erfassen…</translation>
    </message>
    <message>
        <source>Dec&amp;line…</source>
        <translation>Ab&amp;lehnen…</translation>
    </message>
    <message>
        <source>Save sc&amp;an…</source>
        <translation>&amp;Scan speichern…</translation>
    </message>
    <message>
        <source>Save &amp;PDF…</source>
        <translation>&amp;PDF speichern…</translation>
    </message>
    <message>
        <source>&amp;Fillable PDF for HR…</source>
        <translation>Aus&amp;füllbares PDF für HR…</translation>
    </message>
    <message>
        <source>Send &amp;by e-mail…</source>
        <translation>Per E-Mail se&amp;nden…</translation>
    </message>
    <message>
        <source>&amp;Import returned PDF…</source>
        <translation>Zurückgesandtes PDF &amp;importieren…</translation>
    </message>
    <message>
        <source>Ne&amp;w version</source>
        <translation>Neue &amp;Version</translation>
    </message>
    <message>
        <source>A&amp;mend…</source>
        <translation>Än&amp;dern…</translation>
    </message>
    <message>
        <source>&amp;Certificate…</source>
        <translation>&amp;Bescheinigung…</translation>
    </message>
    <message>
        <source>V&amp;erify a PDF…</source>
        <translation>PDF p&amp;rüfen…</translation>
    </message>
    <message>
        <source>&lt;b&gt;No agreement yet&lt;/b&gt; — &lt;i&gt;Draft the agreement…&lt;/i&gt; starts version 1 from the placement&apos;s records: parties, dates, tasks, tools and the communication protocol.</source>
        <translation>&lt;b&gt;Noch keine Vereinbarung&lt;/b&gt; — &lt;i&gt;Vereinbarung entwerfen…&lt;/i&gt; beginnt Version 1 aus den Daten des Praktikums: Parteien, Daten, Aufgaben, Tools und Kommunikationsprotokoll.</translation>
    </message>
    <message>
        <source>Send it for signature first; then e-mail it to each party.</source>
        <translation>Senden Sie sie zuerst zur Unterzeichnung; dann per E-Mail an jede Partei.</translation>
    </message>
    <message>
        <source>A later version replaced it.</source>
        <translation>Eine spätere Version hat sie ersetzt.</translation>
    </message>
    <message>
        <source>Select a document in the list first.</source>
        <translation>Wählen Sie zuerst ein Dokument in der Liste aus.</translation>
    </message>
    <message>
        <source>Draft the agreement first.</source>
        <translation>Entwerfen Sie zuerst die Vereinbarung.</translation>
    </message>
    <message>
        <source>No agreement version is open: a returned PDF has nothing to change.</source>
        <translation>Keine Version der Vereinbarung ist offen: Ein zurückgesandtes PDF hat nichts zu ändern.</translation>
    </message>
    <message>
        <source>Only once the agreement is signed by every party and locked.</source>
        <translation>Erst wenn die Vereinbarung von allen Parteien unterzeichnet und gesperrt ist.</translation>
    </message>
    <message>
        <source>There is no version to replace yet.</source>
        <translation>Es gibt noch keine Version, die ersetzt werden kann.</translation>
    </message>
    <message>
        <source>It is out for signature: start a new version to change it.</source>
        <translation>Sie ist zur Unterzeichnung versandt: Beginnen Sie eine neue Version, um sie zu ändern.</translation>
    </message>
    <message>
        <source>It is signed and locked: changes are amendments.</source>
        <translation>Sie ist unterzeichnet und gesperrt: Änderungen erfolgen per Änderungsvereinbarung.</translation>
    </message>
    <message>
        <source>It is not out for signature.</source>
        <translation>Sie ist nicht zur Unterzeichnung versandt.</translation>
    </message>
    <message>
        <source>It has no PDF until it is sent for signature.</source>
        <translation>Sie hat erst ein PDF, wenn sie zur Unterzeichnung versandt ist.</translation>
    </message>
    <message>
        <source>Only agreement versions go to HR as a fillable PDF.</source>
        <translation>Nur Versionen der Vereinbarung gehen als ausfüllbares PDF an HR.</translation>
    </message>
    <message>
        <source>Only a draft or a version out for signature goes to HR.</source>
        <translation>Nur ein Entwurf oder eine zur Unterzeichnung versandte Version geht an HR.</translation>
    </message>
    <message>
        <source>Select a paper signature (scan attached) in the signatures table.</source>
        <translation>Wählen Sie in der Tabelle der Unterschriften eine Unterschrift auf Papier (mit Scan) aus.</translation>
    </message>
    <message>
        <source>Only an agreement version out for signature is replaced.</source>
        <translation>Nur eine zur Unterzeichnung versandte Version der Vereinbarung wird ersetzt.</translation>
    </message>
    <message>
        <source>Save the placement first to draft its agreement.</source>
        <translation>Speichern Sie zuerst das Praktikum, um seine Vereinbarung zu entwerfen.</translation>
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
        <translation>Versandt</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Agreement versions</source>
        <translation>Versionen der Vereinbarung</translation>
    </message>
    <message>
        <source>Each version of the agreement, its state and date</source>
        <translation>Jede Version der Vereinbarung mit Status und Datum</translation>
    </message>
    <message>
        <source>Party</source>
        <translation>Partei</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Unterzeichnet von</translation>
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
        <translation>Funktion</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>Erfasst von</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>Unterschriften</translation>
    </message>
    <message>
        <source>Who signed the chosen version, when and how</source>
        <translation>Wer die gewählte Version wann und wie unterzeichnet hat</translation>
    </message>
    <message>
        <source>M&amp;ore</source>
        <translation>&amp;Mehr</translation>
    </message>
    <message>
        <source>Every action on the agreement, and why some cannot be done now</source>
        <translation>Jede Aktion zur Vereinbarung und warum manche gerade nicht möglich sind</translation>
    </message>
    <message>
        <source>Edit &amp;draft…</source>
        <translation>&amp;Entwurf bearbeiten…</translation>
    </message>
    <message>
        <source>Why: {note}</source>
        <translation>Grund: {note}</translation>
    </message>
    <message>
        <source>Not sent yet: the signatures are recorded once it is out for signature.</source>
        <translation>Noch nicht versandt: Unterschriften werden erfasst, sobald sie zur Unterzeichnung versandt ist.</translation>
    </message>
    <message>
        <source>Signing order: {order_text}</source>
        <translation>Reihenfolge der Unterschriften: {order_text}</translation>
    </message>
    <message>
        <source>Next to sign: &lt;b&gt;{value}&lt;/b&gt;</source>
        <translation>Als Nächstes unterzeichnet: &lt;b&gt;{value}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{hex_of}&apos;&gt;Declined by the {party_label}: {reason}&lt;/span&gt; — start a new version to rework it.</source>
        <translation>&lt;span style=&apos;color:{hex_of}&apos;&gt;Abgelehnt ({party_label}): {reason}&lt;/span&gt; — beginnen Sie eine neue Version, um sie zu überarbeiten.</translation>
    </message>
    <message>
        <source>SHA-256 of the final PDF: &lt;tt&gt;{final_sha256}&lt;/tt&gt;</source>
        <translation>SHA-256 des endgültigen PDF: &lt;tt&gt;{final_sha256}&lt;/tt&gt;</translation>
    </message>
    <message>
        <source>Send {title} for signature</source>
        <translation>{title} zur Unterzeichnung senden</translation>
    </message>
    <message>
        <source>&lt;b&gt;{title}&lt;/b&gt; is frozen when it is sent: its PDF is made and each party signs it in turn. Choose the order in which the parties sign.</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt; wird beim Versand eingefroren: Sein PDF wird erstellt und jede Partei unterzeichnet der Reihe nach. Wählen Sie die Reihenfolge, in der die Parteien unterzeichnen.</translation>
    </message>
    <message>
        <source>Signing order</source>
        <translation>Reihenfolge der Unterschriften</translation>
    </message>
    <message>
        <source>Who signs first, second, third</source>
        <translation>Wer zuerst, als Zweites, als Drittes unterzeichnet</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Nach &amp;oben</translation>
    </message>
    <message>
        <source>Move d&amp;own</source>
        <translation>Nach &amp;unten</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <source>Order: {order_text}</source>
        <translation>Reihenfolge: {order_text}</translation>
    </message>
    <message>
        <source>Not sent — please correct first:
</source>
        <translation>Nicht versandt — bitte zuerst korrigieren:
</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF-Dokumente (*.pdf)</translation>
    </message>
    <message>
        <source>Scans (*.pdf *.png *.jpg *.jpeg)</source>
        <translation>Scans (*.pdf *.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Certificates with their key (*.p12 *.pfx)</source>
        <translation>Zertifikate mit ihrem Schlüssel (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>&amp;Typed approval (by e-mail or letter)</source>
        <translation>&amp;Schriftliche Zustimmung (per E-Mail oder Brief)</translation>
    </message>
    <message>
        <source>&amp;Paper signature, with a scan of the signed page</source>
        <translation>Unterschrift auf &amp;Papier, mit Scan der unterschriebenen Seite</translation>
    </message>
    <message>
        <source>Digital: a PDF &amp;returned signed</source>
        <translation>Digital: ein unterzeichnet &amp;zurückgesandtes PDF</translation>
    </message>
    <message>
        <source>Digital: sign &amp;here with a certificate (.p12)</source>
        <translation>Digital: &amp;hier mit einem Zertifikat (.p12) unterzeichnen</translation>
    </message>
    <message>
        <source>Record signature — {value}</source>
        <translation>Unterschrift erfassen — {value}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{value}&lt;/b&gt; signs &lt;b&gt;{title}&lt;/b&gt;. How did they sign?</source>
        <translation>&lt;b&gt;{value}&lt;/b&gt; unterzeichnet &lt;b&gt;{title}&lt;/b&gt;. Wie wurde unterzeichnet?</translation>
    </message>
    <message>
        <source>Choose the file…</source>
        <translation>Datei auswählen…</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Used once to sign; never stored</source>
        <translation>Nur zum Unterzeichnen verwendet; nie gespeichert</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Date signed</source>
        <translation>Unterzeichnet am</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>&amp;Sign</source>
        <translation>&amp;Unterzeichnen</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>&amp;Erfassen</translation>
    </message>
    <message>
        <source>Choose the file.</source>
        <translation>Wählen Sie die Datei aus.</translation>
    </message>
    <message>
        <source>Record an unconfirmed signer?</source>
        <translation>Nicht bestätigte/n Unterzeichner/in erfassen?</translation>
    </message>
    <message>
        <source>{exc}

Record this signature only if you have confirmed who signed (for example by telephone). Your confirmation and the reason are kept in the placement&apos;s history.</source>
        <translation>{exc}

Erfassen Sie diese Unterschrift nur, wenn Sie bestätigt haben, wer unterzeichnet hat (zum Beispiel telefonisch). Ihre Bestätigung und der Grund werden im Verlauf des Praktikums festgehalten.</translation>
    </message>
    <message>
        <source>Decline — {title}</source>
        <translation>Ablehnen — {title}</translation>
    </message>
    <message>
        <source>A decline is recorded with its reason and &lt;b&gt;resets every other signature&lt;/b&gt; on {title}, digital ones included. Start a new version to change the text.</source>
        <translation>Eine Ablehnung wird mit ihrem Grund erfasst und &lt;b&gt;setzt alle anderen Unterschriften&lt;/b&gt; auf {title} zurück, auch digitale. Beginnen Sie eine neue Version, um den Text zu ändern.</translation>
    </message>
    <message>
        <source>What the party wants changed, in their words</source>
        <translation>Was die Partei geändert haben möchte, in ihren Worten</translation>
    </message>
    <message>
        <source>&amp;Decline</source>
        <translation>&amp;Ablehnen</translation>
    </message>
    <message>
        <source>Say why the party declines.</source>
        <translation>Geben Sie an, warum die Partei ablehnt.</translation>
    </message>
    <message>
        <source>Record the decline?</source>
        <translation>Ablehnung erfassen?</translation>
    </message>
    <message>
        <source>Record that the {value} declines? Every signature recorded so far on this version is reset.</source>
        <translation>Erfassen, dass {value} ablehnt? Alle bisher auf dieser Version erfassten Unterschriften werden zurückgesetzt.</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der);;All files (*)</source>
        <translation>Zertifikate (*.pem *.crt *.cer *.der);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Trusted certificates</source>
        <translation>Vertrauenswürdige Zertifikate</translation>
    </message>
    <message>
        <source>Signatures whose certificate was issued by one of these authorities are confirmed when the signer&apos;s name matches the person recorded for that party.</source>
        <translation>Signaturen, deren Zertifikat von einer dieser Stellen ausgestellt wurde, gelten als bestätigt, wenn der Name der Unterzeichnerin oder des Unterzeichners mit der für diese Partei erfassten Person übereinstimmt.</translation>
    </message>
    <message>
        <source>The authorities whose signatures count as confirmed</source>
        <translation>Die Stellen, deren Signaturen als bestätigt gelten</translation>
    </message>
    <message>
        <source>No certificate is trusted yet: signers are confirmed only by the certificate accepted before for them.</source>
        <translation>Noch kein Zertifikat ist vertrauenswürdig: Unterzeichnende werden nur durch das zuvor für sie akzeptierte Zertifikat bestätigt.</translation>
    </message>
    <message>
        <source>&amp;Add certificate file…</source>
        <translation>Zertifikats&amp;datei hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Trusted from now on: {names}.</source>
        <translation>Ab jetzt vertrauenswürdig: {names}.</translation>
    </message>
    <message>
        <source>Trust a certificate</source>
        <translation>Einem Zertifikat vertrauen</translation>
    </message>
    <message>
        <source>Trust this certificate no longer?

{text}</source>
        <translation>Diesem Zertifikat nicht mehr vertrauen?

{text}</translation>
    </message>
    <message>
        <source>&lt;b&gt;DAMAGED signature&lt;/b&gt;</source>
        <translation>&lt;b&gt;BESCHÄDIGTE Signatur&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;ALTERED after signing by {signer}&lt;/b&gt;: </source>
        <translation>&lt;b&gt;NACH DER UNTERZEICHNUNG GEÄNDERT durch {signer}&lt;/b&gt;: </translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;small&gt;{organisation}issued by {issuer}&lt;br&gt;valid {valid_from} to {valid_until}&lt;br&gt;SHA-256 {value}&lt;br&gt;{value2}&lt;/small&gt;</source>
        <translation>&lt;br&gt;&lt;small&gt;{organisation}ausgestellt von {issuer}&lt;br&gt;gültig vom {valid_from} bis {valid_until}&lt;br&gt;SHA-256 {value}&lt;br&gt;{value2}&lt;/small&gt;</translation>
    </message>
    <message>
        <source>intact, but &lt;b&gt;signer NOT CONFIRMED&lt;/b&gt;: {reasons}</source>
        <translation>unverändert, aber &lt;b&gt;Unterzeichner/in NICHT BESTÄTIGT&lt;/b&gt;: {reasons}</translation>
    </message>
    <message>
        <source>intact; signer confirmed</source>
        <translation>unverändert; Unterzeichner/in bestätigt</translation>
    </message>
    <message>
        <source>&lt;p&gt;This PDF carries &lt;b&gt;no digital signatures&lt;/b&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Dieses PDF trägt &lt;b&gt;keine digitalen Signaturen&lt;/b&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;ALTERED or DAMAGED: this file was changed after it was signed, or a signature is broken.&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;GEÄNDERT oder BESCHÄDIGT: Diese Datei wurde nach der Unterzeichnung verändert, oder eine Signatur ist ungültig.&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Every signature is intact, but a signer is not confirmed&lt;/b&gt; as the person on record: see the reason below.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Alle Signaturen sind unverändert, aber eine Unterzeichnerin oder ein Unterzeichner ist nicht bestätigt&lt;/b&gt; als die erfasste Person: siehe den Grund unten.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Every signature is intact&lt;/b&gt; and every signer confirmed: nothing was changed after signing.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Alle Signaturen sind unverändert&lt;/b&gt; und alle Unterzeichnenden bestätigt: Nach der Unterzeichnung wurde nichts verändert.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;small&gt;on record: {expected}&lt;/small&gt;</source>
        <translation>&lt;br&gt;&lt;small&gt;erfasst: {expected}&lt;/small&gt;</translation>
    </message>
    <message>
        <source>&lt;table cellspacing=&apos;0&apos; cellpadding=&apos;3&apos; border=&apos;1&apos; style=&apos;border-collapse:collapse&apos;&gt;&lt;tr&gt;&lt;th&gt;Party&lt;/th&gt;&lt;th&gt;Signed by&lt;/th&gt;&lt;th&gt;When&lt;/th&gt;&lt;th&gt;Verdict&lt;/th&gt;&lt;/tr&gt;</source>
        <translation>&lt;table cellspacing=&apos;0&apos; cellpadding=&apos;3&apos; border=&apos;1&apos; style=&apos;border-collapse:collapse&apos;&gt;&lt;tr&gt;&lt;th&gt;Partei&lt;/th&gt;&lt;th&gt;Unterzeichnet von&lt;/th&gt;&lt;th&gt;Wann&lt;/th&gt;&lt;th&gt;Ergebnis&lt;/th&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>{archived_title} has no archived final PDF to compare with.</source>
        <translation>{archived_title} hat kein archiviertes endgültiges PDF zum Vergleich.</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;This is the archived final PDF&lt;/b&gt; of {archived_title}.&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Dies ist das archivierte endgültige PDF&lt;/b&gt; von {archived_title}.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;This file differs from the archived final PDF&lt;/b&gt; of {archived_title}.&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Diese Datei unterscheidet sich vom archivierten endgültigen PDF&lt;/b&gt; von {archived_title}.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;{archive}&lt;br&gt;&lt;small&gt;SHA-256 of this file: {sha256}&lt;/small&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;{archive}&lt;br&gt;&lt;small&gt;SHA-256 dieser Datei: {sha256}&lt;/small&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Verify — {name}</source>
        <translation>Prüfen — {name}</translation>
    </message>
    <message>
        <source>{who}: name</source>
        <translation>{who}: Name</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>{who}: position</source>
        <translation>{who}: Position</translation>
    </message>
    <message>
        <source>{who}: e-mail</source>
        <translation>{who}: E-Mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>{who}: phone</source>
        <translation>{who}: Telefon</translation>
    </message>
    <message>
        <source>Parties</source>
        <translation>Parteien</translation>
    </message>
    <message>
        <source>Programme</source>
        <comment>the agreement&apos;s section</comment>
        <translation>Programm</translation>
    </message>
    <message>
        <source>Tasks and deliverables</source>
        <translation>Aufgaben und Arbeitsergebnisse</translation>
    </message>
    <message>
        <source>Learning outcomes, monitoring and evaluation</source>
        <translation>Lernergebnisse, Begleitung und Bewertung</translation>
    </message>
    <message>
        <source>Roles and responsibilities</source>
        <translation>Rollen und Verantwortlichkeiten</translation>
    </message>
    <message>
        <source>Technology</source>
        <translation>Technik</translation>
    </message>
    <message>
        <source>Host commitments</source>
        <translation>Zusagen der aufnehmenden Organisation</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) to fix before Next.</source>
        <translation>
            <numerusform>%n Problem vor „Weiter“ zu beheben.</numerusform>
            <numerusform>%n Probleme vor „Weiter“ zu beheben.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>And see the message(s) in red below.</source>
        <translation>
            <numerusform>Siehe auch die rote Meldung unten.</numerusform>
            <numerusform>Siehe auch die roten Meldungen unten.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>See the message(s) in red below.</source>
        <translation>
            <numerusform>Siehe die rote Meldung unten.</numerusform>
            <numerusform>Siehe die roten Meldungen unten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Eintrag</translation>
    </message>
    <message>
        <source>Remove {label}</source>
        <translation>{label} entfernen</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>What the trainee does</source>
        <translation>Was die/der Praktikant/in tut</translation>
    </message>
    <message>
        <source>What is handed in</source>
        <translation>Was abgegeben wird</translation>
    </message>
    <message>
        <source>Deliverable</source>
        <translation>Arbeitsergebnis</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Frist</translation>
    </message>
    <message>
        <source>Deliverable:</source>
        <translation>Arbeitsergebnis:</translation>
    </message>
    <message>
        <source>Deadline:</source>
        <translation>Frist:</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>Tool</translation>
    </message>
    <message>
        <source>e.g. Microsoft Teams</source>
        <translation>z. B. Microsoft Teams</translation>
    </message>
    <message>
        <source>e.g. weekly meetings, chat</source>
        <translation>z. B. wöchentliche Treffen, Chat</translation>
    </message>
    <message>
        <source>Used for</source>
        <translation>Verwendet für</translation>
    </message>
    <message>
        <source>e.g. tested with all actors on 12 January</source>
        <translation>z. B. am 12. Januar mit allen Beteiligten getestet</translation>
    </message>
    <message>
        <source>Test status</source>
        <translation>Teststatus</translation>
    </message>
    <message>
        <source>Used for:</source>
        <translation>Verwendet für:</translation>
    </message>
    <message>
        <source>Test status:</source>
        <translation>Teststatus:</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Kind of period</source>
        <translation>Art des Zeitraums</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Erster Tag</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Letzter Tag</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>EQF 5 — short cycle</source>
        <translation>EQF 5 — Kurzstudiengang</translation>
    </message>
    <message>
        <source>EQF 6 — bachelor</source>
        <translation>EQF 6 — Bachelor</translation>
    </message>
    <message>
        <source>EQF 7 — master</source>
        <translation>EQF 7 — Master</translation>
    </message>
    <message>
        <source>EQF 8 — doctorate</source>
        <translation>EQF 8 — Promotion</translation>
    </message>
    <message>
        <source>&lt; 250 employees</source>
        <translation>&lt; 250 Beschäftigte</translation>
    </message>
    <message>
        <source>≥ 250 employees</source>
        <translation>≥ 250 Beschäftigte</translation>
    </message>
    <message>
        <source>Filled from the placement&apos;s records: correct anything that is wrong here. Fields marked * are required.</source>
        <translation>Aus den Daten des Praktikums übernommen: Korrigieren Sie hier, was nicht stimmt. Mit * markierte Felder sind Pflichtfelder.</translation>
    </message>
    <message>
        <source>Trainee</source>
        <translation>Praktikant/in</translation>
    </message>
    <message>
        <source>Sending institution</source>
        <translation>Entsendende Einrichtung</translation>
    </message>
    <message>
        <source>Receiving organisation</source>
        <translation>Aufnehmende Organisation</translation>
    </message>
    <message>
        <source>ISCED-F code and name, e.g. 0311 Economics</source>
        <translation>ISCED-F-Code und Bezeichnung, z. B. 0311 Volkswirtschaftslehre</translation>
    </message>
    <message>
        <source>Na&amp;me</source>
        <translation>Na&amp;me</translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation>&amp;E-Mail</translation>
    </message>
    <message>
        <source>Date of birt&amp;h</source>
        <translation>Geburts&amp;datum</translation>
    </message>
    <message>
        <source>Nationa&amp;lity</source>
        <translation>Staatsan&amp;gehörigkeit</translation>
    </message>
    <message>
        <source>Stud&amp;y cycle</source>
        <translation>Studien&amp;zyklus</translation>
    </message>
    <message>
        <source>Field of e&amp;ducation</source>
        <translation>Studien&amp;fach</translation>
    </message>
    <message>
        <source>e.g. B LEUVEN01</source>
        <translation>z. B. B LEUVEN01</translation>
    </message>
    <message>
        <source>Responsible person</source>
        <translation>Verantwortliche Person</translation>
    </message>
    <message>
        <source>Academic tutor</source>
        <translation>Tutor/in der Hochschule</translation>
    </message>
    <message>
        <source>Instit&amp;ution</source>
        <translation>Einric&amp;htung</translation>
    </message>
    <message>
        <source>&amp;Faculty</source>
        <translation>Fa&amp;kultät</translation>
    </message>
    <message>
        <source>Erasmus &amp;code</source>
        <translation>Erasmus-&amp;Code</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>&amp;Adresse</translation>
    </message>
    <message>
        <source>C&amp;ountry</source>
        <translation>&amp;Land</translation>
    </message>
    <message>
        <source>Responsi&amp;ble person</source>
        <translation>Verantwortliche &amp;Person</translation>
    </message>
    <message>
        <source>Academ&amp;ic tutor</source>
        <translation>&amp;Tutor/in der Hochschule</translation>
    </message>
    <message>
        <source>e.g. Information and communication</source>
        <translation>z. B. Information und Kommunikation</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>Kontaktperson</translation>
    </message>
    <message>
        <source>Mentor</source>
        <translation>Mentor/in</translation>
    </message>
    <message>
        <source>Or&amp;ganisation</source>
        <translation>&amp;Organisation</translation>
    </message>
    <message>
        <source>De&amp;partment</source>
        <translation>A&amp;bteilung</translation>
    </message>
    <message>
        <source>Addre&amp;ss</source>
        <translation>Adre&amp;sse</translation>
    </message>
    <message>
        <source>&amp;Website</source>
        <translation>Webs&amp;ite</translation>
    </message>
    <message>
        <source>Coun&amp;try</source>
        <translation>La&amp;nd</translation>
    </message>
    <message>
        <source>Si&amp;ze</source>
        <translation>Grö&amp;ße</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Branche</translation>
    </message>
    <message>
        <source>Mento&amp;r</source>
        <translation>Mento&amp;r/in</translation>
    </message>
    <message>
        <source>Table A: the traineeship&apos;s title, period, hours and mode.</source>
        <translation>Tabelle A: Titel, Zeitraum, Stunden und Format des Praktikums.</translation>
    </message>
    <message>
        <source>What the traineeship is about, in two or three lines</source>
        <translation>Worum es im Praktikum geht, in zwei oder drei Zeilen</translation>
    </message>
    <message>
        <source>The placement&apos;s planned period: {span}.</source>
        <translation>Der geplante Zeitraum des Praktikums: {span}.</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> Stunden</translation>
    </message>
    <message>
        <source>&amp;Add a period</source>
        <translation>Zeitraum &amp;hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Titel</translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation>&amp;Beschreibung</translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation>Z&amp;eitraum</translation>
    </message>
    <message>
        <source>&amp;Hours per week</source>
        <translation>&amp;Stunden pro Woche</translation>
    </message>
    <message>
        <source>M&amp;ode</source>
        <translation>&amp;Format</translation>
    </message>
    <message>
        <source>Blended periods</source>
        <translation>Phasen (kombiniert)</translation>
    </message>
    <message>
        <source>&apos;{currency}&apos; is not a currency; choose a code such as EUR from the list.</source>
        <translation>„{currency}“ ist keine Währung; wählen Sie einen Code wie EUR aus der Liste.</translation>
    </message>
    <message>
        <source>&apos;{level}&apos; is not a language level; choose A1 to C2 or native.</source>
        <translation>„{level}“ ist kein Sprachniveau; wählen Sie A1 bis C2 oder Muttersprache.</translation>
    </message>
    <message>
        <source>A blended traineeship needs at least one physical and one virtual period; add a physical one.</source>
        <translation>Ein Blended-Praktikum braucht mindestens einen physischen und einen virtuellen Zeitraum; fügen Sie einen physischen hinzu.</translation>
    </message>
    <message>
        <source>A blended traineeship needs at least one physical and one virtual period; add a virtual one.</source>
        <translation>Ein Blended-Praktikum braucht mindestens einen physischen und einen virtuellen Zeitraum; fügen Sie einen virtuellen hinzu.</translation>
    </message>
    <message>
        <source>A blended traineeship needs its physical and virtual periods: add them.</source>
        <translation>Ein Blended-Praktikum braucht seine physischen und virtuellen Zeiträume: Fügen Sie sie hinzu.</translation>
    </message>
    <message>
        <source>Add at least one learning outcome: what the trainee will know or be able to do.</source>
        <translation>Fügen Sie mindestens ein Lernergebnis hinzu: was die/der Praktikant/in wissen oder können wird.</translation>
    </message>
    <message>
        <source>Add at least one line to the communication protocol: when the actors are available, how they report and how fast they reply.</source>
        <translation>Fügen Sie dem Kommunikationsprotokoll mindestens eine Zeile hinzu: wann die Beteiligten erreichbar sind, wie sie berichten und wie schnell sie antworten.</translation>
    </message>
    <message>
        <source>Add at least one task, with its deliverable and deadline.</source>
        <translation>Fügen Sie mindestens eine Aufgabe mit ihrem Arbeitsergebnis und ihrer Frist hinzu.</translation>
    </message>
    <message>
        <source>Credits cannot be negative ({credits}).</source>
        <translation>Die ECTS-Punkte dürfen nicht negativ sein ({credits}).</translation>
    </message>
    <message>
        <source>Describe the evaluation procedure: who evaluates the trainee, when and on what basis.</source>
        <translation>Beschreiben Sie das Bewertungsverfahren: wer die/den Praktikant/in bewertet, wann und auf welcher Grundlage.</translation>
    </message>
    <message>
        <source>Describe the monitoring plan: who follows the trainee&apos;s progress, and how often.</source>
        <translation>Beschreiben Sie den Begleitplan: wer den Fortschritt der/des Praktikant/in begleitet und wie oft.</translation>
    </message>
    <message>
        <source>Enter the ECTS credits: a traineeship embedded in the curriculum counts towards the degree.</source>
        <translation>Geben Sie die ECTS-Punkte ein: Ein in das Curriculum eingebundenes Praktikum zählt für den Abschluss.</translation>
    </message>
    <message>
        <source>Enter the country of the receiving organisation.</source>
        <translation>Geben Sie das Land der aufnehmenden Organisation ein.</translation>
    </message>
    <message>
        <source>Enter the first day of the traineeship.</source>
        <translation>Geben Sie den ersten Tag des Praktikums ein.</translation>
    </message>
    <message>
        <source>Enter the last day of the traineeship.</source>
        <translation>Geben Sie den letzten Tag des Praktikums ein.</translation>
    </message>
    <message>
        <source>Enter the mentor&apos;s name.</source>
        <translation>Geben Sie den Namen der Mentorin/des Mentors ein.</translation>
    </message>
    <message>
        <source>Enter the monthly amount of the financial support, or say that there is none.</source>
        <translation>Geben Sie den monatlichen Betrag der finanziellen Unterstützung ein oder geben Sie an, dass es keine gibt.</translation>
    </message>
    <message>
        <source>Enter the name of the receiving organisation.</source>
        <translation>Geben Sie den Namen der aufnehmenden Organisation ein.</translation>
    </message>
    <message>
        <source>Enter the name of the sending institution&apos;s responsible person.</source>
        <translation>Geben Sie den Namen der verantwortlichen Person der entsendenden Einrichtung ein.</translation>
    </message>
    <message>
        <source>Enter the name of the sending institution.</source>
        <translation>Geben Sie den Namen der entsendenden Einrichtung ein.</translation>
    </message>
    <message>
        <source>Enter the title of the traineeship.</source>
        <translation>Geben Sie den Titel des Praktikums ein.</translation>
    </message>
    <message>
        <source>Enter the trainee&apos;s name.</source>
        <translation>Geben Sie den Namen der/des Praktikant/in ein.</translation>
    </message>
    <message>
        <source>Hours per week must be between {low} and {high}; it is {hours}.</source>
        <translation>Die Stunden pro Woche müssen zwischen {low} und {high} liegen; eingetragen sind {hours}.</translation>
    </message>
    <message>
        <source>No period covers {dates}: every day of a blended traineeship is either physical or virtual.</source>
        <translation>Kein Zeitraum deckt {dates} ab: Jeder Tag eines Blended-Praktikums ist entweder physisch oder virtuell.</translation>
    </message>
    <message>
        <source>Period {n} (physical, {dates})</source>
        <translation>Zeitraum {n} (physisch, {dates})</translation>
    </message>
    <message>
        <source>Period {n} (virtual, {dates})</source>
        <translation>Zeitraum {n} (virtuell, {dates})</translation>
    </message>
    <message>
        <source>Period {n} needs a first and a last day.</source>
        <translation>Zeitraum {n} braucht einen ersten und einen letzten Tag.</translation>
    </message>
    <message>
        <source>Task {n} has no description.</source>
        <translation>Aufgabe {n} hat keine Beschreibung.</translation>
    </message>
    <message>
        <source>Task {n}&apos;s deadline {deadline} is after the end of the period ({end}).</source>
        <translation>Die Frist der Aufgabe {n} ({deadline}) liegt nach dem Ende des Zeitraums ({end}).</translation>
    </message>
    <message>
        <source>Task {n}&apos;s deadline {deadline} is before the start of the period ({start}).</source>
        <translation>Die Frist der Aufgabe {n} ({deadline}) liegt vor dem Beginn des Zeitraums ({start}).</translation>
    </message>
    <message>
        <source>The certificate must be issued within {low} to {high} weeks after the end (it says {weeks}).</source>
        <translation>Die Bescheinigung muss {low} bis {high} Wochen nach dem Ende ausgestellt werden (eingetragen: {weeks}).</translation>
    </message>
    <message>
        <source>The duties of the {who} are empty: write at least one, or restore the default text.</source>
        <translation>Für die Rolle „{who}“ sind keine Aufgaben eingetragen: Schreiben Sie mindestens eine oder stellen Sie den Standardtext wieder her.</translation>
    </message>
    <message>
        <source>The monthly amount must be more than 0 (it is {amount}).</source>
        <translation>Der monatliche Betrag muss größer als 0 sein (eingetragen: {amount}).</translation>
    </message>
    <message>
        <source>The traineeship ends on {end}, after the placement&apos;s planned end ({planned}). Change the date here, or the placement&apos;s planned period first.</source>
        <translation>Das Praktikum endet am {end}, nach dem geplanten Ende ({planned}). Ändern Sie das Datum hier oder zuerst den geplanten Zeitraum des Praktikums.</translation>
    </message>
    <message>
        <source>The traineeship starts on {start}, before the placement&apos;s planned start ({planned}). Change the date here, or the placement&apos;s planned period first.</source>
        <translation>Das Praktikum beginnt am {start}, vor dem geplanten Beginn ({planned}). Ändern Sie das Datum hier oder zuerst den geplanten Zeitraum des Praktikums.</translation>
    </message>
    <message>
        <source>Tool {n} has no name.</source>
        <translation>Tool {n} hat keinen Namen.</translation>
    </message>
    <message>
        <source>{period} ends before it starts.</source>
        <translation>{period} endet, bevor er beginnt.</translation>
    </message>
    <message>
        <source>{period} is not inside the traineeship ({dates}).</source>
        <translation>{period} liegt nicht innerhalb des Praktikums ({dates}).</translation>
    </message>
    <message>
        <source>{period} overlaps {other}.</source>
        <translation>{period} und {other} überschneiden sich.</translation>
    </message>
    <message>
        <source>&amp;Add a task</source>
        <translation>Aufgabe &amp;hinzufügen</translation>
    </message>
    <message>
        <source>What the trainee will do, what each task delivers and by when. Deadlines fall inside the period, {span}.</source>
        <translation>Was die/der Praktikant/in tun wird, was jede Aufgabe liefert und bis wann. Die Fristen liegen im Zeitraum {span}.</translation>
    </message>
    <message>
        <source>Task {value}&apos;s deadline: {message}</source>
        <translation>Frist der Aufgabe {value}: {message}</translation>
    </message>
    <message>
        <source>The knowledge, skills and competences to be acquired, how progress is followed and how the trainee is evaluated.</source>
        <translation>Die zu erwerbenden Kenntnisse, Fähigkeiten und Kompetenzen, wie der Fortschritt begleitet und wie die/der Praktikant/in bewertet wird.</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Lernergebnis</translation>
    </message>
    <message>
        <source>e.g. Builds churn models in Python</source>
        <translation>z. B. Erstellt Abwanderungsmodelle in Python</translation>
    </message>
    <message>
        <source>Add an o&amp;utcome</source>
        <translation>Lern&amp;ergebnis hinzufügen</translation>
    </message>
    <message>
        <source>Who follows the trainee&apos;s progress, how and how often</source>
        <translation>Wer den Fortschritt der/des Praktikant/in begleitet, wie und wie oft</translation>
    </message>
    <message>
        <source>Who evaluates the trainee, when and on what basis</source>
        <translation>Wer die/den Praktikant/in bewertet, wann und auf welcher Grundlage</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>Kriterium</translation>
    </message>
    <message>
        <source>e.g. Quality and timeliness of the deliverables</source>
        <translation>z. B. Qualität und Pünktlichkeit der Arbeitsergebnisse</translation>
    </message>
    <message>
        <source>Add a c&amp;riterion</source>
        <translation>Kriterium hinzu&amp;fügen</translation>
    </message>
    <message>
        <source>e.g. English</source>
        <translation>z. B. Englisch</translation>
    </message>
    <message>
        <source>level not yet known</source>
        <translation>Niveau noch nicht bekannt</translation>
    </message>
    <message>
        <source>at level</source>
        <translation>auf Niveau</translation>
    </message>
    <message>
        <source>Learning &amp;outcomes</source>
        <translation>&amp;Lernergebnisse</translation>
    </message>
    <message>
        <source>&amp;Monitoring plan</source>
        <translation>Be&amp;gleitplan</translation>
    </message>
    <message>
        <source>&amp;Evaluation</source>
        <translation>&amp;Bewertung</translation>
    </message>
    <message>
        <source>Evaluation &amp;criteria</source>
        <translation>Bewertungs&amp;kriterien</translation>
    </message>
    <message>
        <source>&amp;Language of work</source>
        <translation>&amp;Arbeitssprache</translation>
    </message>
    <message>
        <source>When each actor is available, how and how often the trainee reports, how fast messages are answered, and who is the helpdesk for whom.</source>
        <translation>Wann jede beteiligte Person erreichbar ist, wie und wie oft die/der Praktikant/in berichtet, wie schnell Nachrichten beantwortet werden und wer für wen Ansprechpartner ist.</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>e.g. Weekly video call with the mentor, Mondays 10:00 CET</source>
        <translation>z. B. Wöchentlicher Videoanruf mit dem Mentor, montags 10:00 MEZ</translation>
    </message>
    <message>
        <source>&amp;Add a line</source>
        <translation>Zeile &amp;hinzufügen</translation>
    </message>
    <message>
        <source>One duty per line</source>
        <translation>Eine Pflicht pro Zeile</translation>
    </message>
    <message>
        <source>Restore default text</source>
        <translation>Standardtext wiederherstellen</translation>
    </message>
    <message>
        <source>{role}: name</source>
        <translation>{role}: Name</translation>
    </message>
    <message>
        <source>{role}: duties</source>
        <translation>{role}: Aufgaben</translation>
    </message>
    <message>
        <source>Restore the default duties of the {role}</source>
        <translation>Standardaufgaben der Rolle „{role}“ wiederherstellen</translation>
    </message>
    <message>
        <source>Replace the duties with the standard text</source>
        <translation>Die Pflichten durch den Standardtext ersetzen</translation>
    </message>
    <message>
        <source>No standard text</source>
        <translation>Kein Standardtext</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>What the trainee, the mentor, the tutor and the coordinator undertake. One duty per line; edit freely, or restore the standard text.</source>
        <translation>Wozu sich die/der Praktikant/in, die Mentorin/der Mentor, die Tutorin/der Tutor und die Koordination verpflichten. Eine Pflicht pro Zeile; frei bearbeiten oder den Standardtext wiederherstellen.</translation>
    </message>
    <message>
        <source>Which tool serves what, and whether it was tested with every actor before the start. Tools chosen in the preparation are listed already.</source>
        <translation>Welches Tool wofür dient und ob es vor Beginn mit allen Beteiligten getestet wurde. In der Vorbereitung gewählte Tools sind bereits aufgeführt.</translation>
    </message>
    <message>
        <source>&amp;Add a tool</source>
        <translation>Tool &amp;hinzufügen</translation>
    </message>
    <message>
        <source>Traineeship embedded in the curriculum</source>
        <translation>In das Curriculum eingebettetes Praktikum</translation>
    </message>
    <message>
        <source>Voluntary traineeship</source>
        <translation>Freiwilliges Praktikum</translation>
    </message>
    <message>
        <source>Traineeship of a recent graduate</source>
        <translation>Praktikum von Hochschulabsolvent/innen</translation>
    </message>
    <message>
        <source>Table B: how the sending institution recognises the traineeship, and the trainee&apos;s insurance.</source>
        <translation>Tabelle B: Wie die entsendende Einrichtung das Praktikum anerkennt, und die Versicherung der/des Praktikant/in.</translation>
    </message>
    <message>
        <source>&amp;Embedded in the curriculum</source>
        <translation>&amp;Im Curriculum verankert</translation>
    </message>
    <message>
        <source>&amp;Voluntary traineeship</source>
        <translation>&amp;Freiwilliges Praktikum</translation>
    </message>
    <message>
        <source>Recent &amp;graduate</source>
        <translation>&amp;Absolvent/in</translation>
    </message>
    <message>
        <source>Recognition</source>
        <translation>Anerkennung</translation>
    </message>
    <message>
        <source>ECTS &amp;credits</source>
        <translation>ECTS-&amp;Punkte</translation>
    </message>
    <message>
        <source>G&amp;rade</source>
        <translation>&amp;Note</translation>
    </message>
    <message>
        <source>&amp;Transcript</source>
        <translation>&amp;Transcript of Records</translation>
    </message>
    <message>
        <source>&amp;Insurance</source>
        <translation>&amp;Versicherung</translation>
    </message>
    <message>
        <source>Table C: what the receiving organisation commits to.</source>
        <translation>Tabelle C: Wozu sich die aufnehmende Organisation verpflichtet.</translation>
    </message>
    <message>
        <source>The organisation &amp;pays a monthly allowance of</source>
        <translation>&amp;Die Organisation zahlt eine monatliche Vergütung von</translation>
    </message>
    <message>
        <source>Monthly amount</source>
        <translation>Monatlicher Betrag</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <source>e.g. a laptop, software licences, access to online tools</source>
        <translation>z. B. ein Laptop, Softwarelizenzen, Zugang zu Online-Tools</translation>
    </message>
    <message>
        <source> weeks after the end</source>
        <translation> Wochen nach dem Ende</translation>
    </message>
    <message>
        <source>Financial support</source>
        <translation>Finanzielle Unterstützung</translation>
    </message>
    <message>
        <source>Support in &amp;kind</source>
        <translation>&amp;Sachleistungen</translation>
    </message>
    <message>
        <source>&amp;Certificate within</source>
        <translation>&amp;Bescheinigung innerhalb von</translation>
    </message>
    <message>
        <source>The traineeship certificate is issued {low} to {high} weeks after the end at the latest.</source>
        <translation>Die Praktikumsbescheinigung wird spätestens {low} bis {high} Wochen nach dem Ende ausgestellt.</translation>
    </message>
    <message>
        <source>This version has been sent to the parties and is frozen: it can no longer be changed. Changes need a new version of the agreement.</source>
        <translation>Diese Version wurde an die Parteien versandt und ist eingefroren: Sie kann nicht mehr geändert werden. Änderungen erfordern eine neue Version der Vereinbarung.</translation>
    </message>
    <message>
        <source>{title}; {span}; {hours_per_week} h/week, {value}</source>
        <translation>{title}; {span}; {hours_per_week} Std./Woche, {value}</translation>
    </message>
    <message>
        <source>no role</source>
        <translation>keine Rolle</translation>
    </message>
    <message>
        <source>no tool listed</source>
        <translation>kein Tool aufgeführt</translation>
    </message>
    <message>
        <source>, {credits} ECTS</source>
        <translation>, {credits} ECTS</translation>
    </message>
    <message>
        <source>no allowance</source>
        <translation>keine Vergütung</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Every section at a glance. Finish saves the draft; it stays editable until it is sent.</source>
        <translation>Alle Abschnitte auf einen Blick. „Abschließen“ speichert den Entwurf; er bleibt bearbeitbar, bis er versandt wird.</translation>
    </message>
    <message>
        <source>The language the agreement&apos;s PDF is written in; remembered for this host. Texts vipdesk wrote (default tasks, plans, roles, protocol) follow it when the draft is saved; texts you typed stay as they are.</source>
        <translation>Die Sprache, in der das PDF der Vereinbarung geschrieben wird; wird für diese aufnehmende Organisation gespeichert. Von vipdesk geschriebene Texte (Standardaufgaben, Pläne, Rollen, Protokoll) folgen ihr beim Speichern des Entwurfs; von Ihnen eingegebene Texte bleiben, wie sie sind.</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;margin:6px 0&apos;&gt;&lt;span style=&apos;color:{hex_of}&apos;&gt;✘&lt;/span&gt; &lt;b&gt;{title}&lt;/b&gt; — &lt;a href=&apos;{key}&apos;&gt;go to this page&lt;/a&gt;&lt;/p&gt;&lt;ul style=&apos;margin-top:0&apos;&gt;{items}&lt;/ul&gt;</source>
        <translation>&lt;p style=&apos;margin:6px 0&apos;&gt;&lt;span style=&apos;color:{hex_of}&apos;&gt;✘&lt;/span&gt; &lt;b&gt;{title}&lt;/b&gt; — &lt;a href=&apos;{key}&apos;&gt;zu dieser Seite&lt;/a&gt;&lt;/p&gt;&lt;ul style=&apos;margin-top:0&apos;&gt;{items}&lt;/ul&gt;</translation>
    </message>
    <message numerus="yes">
        <source>%n task(s)</source>
        <translation>
            <numerusform>%n Aufgabe</numerusform>
            <numerusform>%n Aufgaben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n learning outcome(s)</source>
        <translation>
            <numerusform>%n Lernergebnis</numerusform>
            <numerusform>%n Lernergebnisse</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n evaluation criterion/criteria</source>
        <translation>
            <numerusform>%n Bewertungskriterium</numerusform>
            <numerusform>%n Bewertungskriterien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n Zeile</numerusform>
            <numerusform>%n Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <source>a monthly allowance, amount not given yet</source>
        <translation>eine monatliche Vergütung, Betrag noch nicht angegeben</translation>
    </message>
    <message>
        <source>{amount} a month</source>
        <translation>{amount} pro Monat</translation>
    </message>
    <message numerus="yes">
        <source>{support}; certificate within %n week(s)</source>
        <translation>
            <numerusform>{support}; Bescheinigung innerhalb von %n Woche</numerusform>
            <numerusform>{support}; Bescheinigung innerhalb von %n Wochen</numerusform>
        </translation>
    </message>
    <message>
        <source>Language of the agreement</source>
        <translation>Sprache der Vereinbarung</translation>
    </message>
    <message>
        <source>With the &amp;English text alongside (bilingual)</source>
        <translation>Mit dem &amp;englischen Text daneben (zweisprachig)</translation>
    </message>
    <message>
        <source>Each heading and fixed text in both languages; what people typed, once</source>
        <translation>Jede Überschrift und jeder feste Text in beiden Sprachen; was eingegeben wurde, einmal</translation>
    </message>
    <message>
        <source>&amp;Language of the agreement:</source>
        <translation>Sprache der &amp;Vereinbarung:</translation>
    </message>
    <message numerus="yes">
        <source>%n section(s) need attention before Finish. Use the links, or Back.</source>
        <translation>
            <numerusform>%n Abschnitt braucht vor „Abschließen“ Aufmerksamkeit. Nutzen Sie die Links oder „Zurück“.</numerusform>
            <numerusform>%n Abschnitte brauchen vor „Abschließen“ Aufmerksamkeit. Nutzen Sie die Links oder „Zurück“.</numerusform>
        </translation>
    </message>
    <message>
        <source>Every section is complete. Press Finish to save the draft.</source>
        <translation>Alle Abschnitte sind vollständig. Klicken Sie auf „Abschließen“, um den Entwurf zu speichern.</translation>
    </message>
    <message>
        <source>Agreement {reference} — version {version}</source>
        <translation>Vereinbarung {reference} — Version {version}</translation>
    </message>
    <message>
        <source> (sent, read-only)</source>
        <translation> (versandt, schreibgeschützt)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message>
        <source>Every section at a glance, as sent. Close leaves it as it is.</source>
        <translation>Alle Abschnitte auf einen Blick, wie versandt. „Schließen“ lässt sie unverändert.</translation>
    </message>
    <message>
        <source>Draft not saved</source>
        <translation>Entwurf nicht gespeichert</translation>
    </message>
    <message>
        <source>{exc}
What you typed stays on this page.</source>
        <translation>{exc}
Was Sie eingegeben haben, bleibt auf dieser Seite.</translation>
    </message>
    <message>
        <source>Save the draft?</source>
        <translation>Entwurf speichern?</translation>
    </message>
    <message>
        <source>Save what you typed as a draft before closing?</source>
        <translation>Das Eingegebene vor dem Schließen als Entwurf speichern?</translation>
    </message>
    <message>
        <source>Cannot open the demo</source>
        <translation>Die Demo kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>vipdesk: unexpected error</source>
        <translation>vipdesk: unerwarteter Fehler</translation>
    </message>
    <message>
        <source>Something went wrong that vipdesk did not expect ({kind}). What you saved is safe. Details are in {value}.</source>
        <translation>Etwas Unerwartetes ist in vipdesk passiert ({kind}). Was Sie gespeichert haben, ist sicher. Details stehen in {value}.</translation>
    </message>
    <message>
        <source>vipdesk cannot open the database</source>
        <translation>vipdesk kann die Datenbank nicht öffnen</translation>
    </message>
    <message>
        <source>Like the &amp;system</source>
        <translation>Wie das &amp;System</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <source>Colour &amp;scheme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>{value} colours. Panels already open take them in full when opened again, or on the next start.</source>
        <translation>{value} Farben. Bereits geöffnete Bereiche übernehmen sie vollständig, wenn sie erneut geöffnet werden, oder beim nächsten Start.</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>vipdesk speaks {language} from the next start.</source>
        <translation>vipdesk spricht ab dem nächsten Start {language}.</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>Von jemand anderem geändert</translation>
    </message>
    <message>
        <source>another user</source>
        <translation>eine andere Person</translation>
    </message>
    <message>
        <source>&lt;b&gt;{who}&lt;/b&gt; saved this record after you opened it. Nothing of yours has been saved yet. Compare the two versions, then choose:</source>
        <translation>&lt;b&gt;{who}&lt;/b&gt; hat diesen Datensatz gespeichert, nachdem Sie ihn geöffnet hatten. Von Ihnen wurde noch nichts gespeichert. Vergleichen Sie beide Fassungen und wählen Sie dann:</translation>
    </message>
    <message>
        <source>Your version</source>
        <translation>Ihre Fassung</translation>
    </message>
    <message>
        <source>Saved by {who}</source>
        <translation>Gespeichert von {who}</translation>
    </message>
    <message>
        <source>Reload theirs (drop my edits)</source>
        <translation>Deren Fassung laden (meine Änderungen verwerfen)</translation>
    </message>
    <message>
        <source>Keep mine (save over theirs)</source>
        <translation>Meine behalten (über deren speichern)</translation>
    </message>
    <message>
        <source>Back to editing</source>
        <translation>Zurück zur Bearbeitung</translation>
    </message>
    <message>
        <source>Full name of the person answering</source>
        <translation>Vollständiger Name der antwortenden Person</translation>
    </message>
    <message>
        <source>&amp;Answered by:</source>
        <translation>&amp;Beantwortet von:</translation>
    </message>
    <message>
        <source>Enter the name of the person who answers.</source>
        <translation>Geben Sie den Namen der antwortenden Person ein.</translation>
    </message>
    <message>
        <source>Answer this question: it is required.</source>
        <translation>Beantworten Sie diese Frage: Sie ist erforderlich.</translation>
    </message>
    <message>
        <source>{reached} of {planned}</source>
        <translation>{reached} von {planned}</translation>
    </message>
    <message>
        <source>Save the placement first to record its evaluations.</source>
        <translation>Speichern Sie zuerst das Praktikum, um seine Evaluationen zu erfassen.</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Respondent</source>
        <translation>Antwortende Person</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Punktzahl</translation>
    </message>
    <message>
        <source>Outcomes reached</source>
        <translation>Erreichte Lernergebnisse</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>Erfasst</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Wie</translation>
    </message>
    <message>
        <source>Evaluations</source>
        <translation>Evaluationen</translation>
    </message>
    <message>
        <source>Each evaluation, newest first</source>
        <translation>Jede Evaluation, die neueste zuerst</translation>
    </message>
    <message>
        <source>&amp;Enter evaluation…</source>
        <translation>Evaluation &amp;eingeben…</translation>
    </message>
    <message>
        <source>E&amp;xport questionnaire…</source>
        <translation>Fragebogen e&amp;xportieren…</translation>
    </message>
    <message>
        <source>A fillable PDF for the student, the mentor or the tutor</source>
        <translation>Ein ausfüllbares PDF für die/den Studierende/n, die Mentorin/den Mentor oder die Tutorin/den Tutor</translation>
    </message>
    <message>
        <source>&amp;Import returned…</source>
        <translation>Zurückgesandten &amp;importieren…</translation>
    </message>
    <message>
        <source>Read a filled-in questionnaire PDF back, answer by answer</source>
        <translation>Einen ausgefüllten Fragebogen (PDF) Antwort für Antwort einlesen</translation>
    </message>
    <message>
        <source>E-mail &amp;questionnaire…</source>
        <translation>&amp;Fragebogen per E-Mail…</translation>
    </message>
    <message>
        <source>Send the fillable PDF to the person who answers it</source>
        <translation>Das ausfüllbare PDF an die antwortende Person senden</translation>
    </message>
    <message>
        <source>{label} by the {value}</source>
        <translation>{label} ({value})</translation>
    </message>
    <message>
        <source>Every evaluation is in.</source>
        <translation>Alle Evaluationen liegen vor.</translation>
    </message>
    <message>
        <source>Not yet given: </source>
        <translation>Noch nicht abgegeben: </translation>
    </message>
    <message>
        <source>Enter an evaluation</source>
        <translation>Eine Evaluation eingeben</translation>
    </message>
    <message>
        <source>Cannot start the evaluation</source>
        <translation>Die Evaluation kann nicht begonnen werden</translation>
    </message>
    <message>
        <source>Evaluation not stored</source>
        <translation>Evaluation nicht gespeichert</translation>
    </message>
    <message>
        <source>Export a questionnaire</source>
        <translation>Einen Fragebogen exportieren</translation>
    </message>
    <message>
        <source>E-mail a questionnaire</source>
        <translation>Einen Fragebogen per E-Mail senden</translation>
    </message>
    <message>
        <source>PDF files (*.pdf);;All files (*)</source>
        <translation>PDF-Dateien (*.pdf);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;Questionnaire:</source>
        <translation>&amp;Fragebogen:</translation>
    </message>
    <message>
        <source>The questions and the form in this language; a questionnaire not yet translated into it goes out in English</source>
        <translation>Fragen und Formular in dieser Sprache; ein noch nicht übersetzter Fragebogen wird auf Englisch versandt</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>Returned: {title}</source>
        <translation>Zurückgesandt: {title}</translation>
    </message>
    <message>
        <source>{name}: answered by &lt;b&gt;{respondent}&lt;/b&gt; ({value}). Check the answers, then store them.</source>
        <translation>{name}: beantwortet von &lt;b&gt;{respondent}&lt;/b&gt; ({value}). Prüfen Sie die Antworten und speichern Sie sie dann.</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Frage</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>(no answer)</source>
        <translation>(keine Antwort)</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <source>Each question and the answer read</source>
        <translation>Jede Frage und die gelesene Antwort</translation>
    </message>
    <message>
        <source>&amp;Store these answers</source>
        <translation>Diese Antworten &amp;speichern</translation>
    </message>
    <message>
        <source>Save the questionnaire</source>
        <translation>Den Fragebogen speichern</translation>
    </message>
    <message>
        <source>Questionnaire not saved</source>
        <translation>Fragebogen nicht gespeichert</translation>
    </message>
    <message>
        <source>Returned questionnaire</source>
        <translation>Zurückgesandter Fragebogen</translation>
    </message>
    <message>
        <source>Not a questionnaire of this placement</source>
        <translation>Kein Fragebogen dieses Praktikums</translation>
    </message>
    <message>
        <source>Answers not stored</source>
        <translation>Antworten nicht gespeichert</translation>
    </message>
    <message>
        <source>Click a bar to list the cost items behind it.</source>
        <translation>Klicken Sie auf einen Balken, um die Kostenposten dahinter aufzulisten.</translation>
    </message>
    <message>
        <source>Budget against actual per funding source</source>
        <translation>Budget und Ist-Ausgaben je Finanzierungsquelle</translation>
    </message>
    <message>
        <source>No funding sources yet.</source>
        <translation>Noch keine Finanzierungsquellen.</translation>
    </message>
    <message>
        <source>One placement</source>
        <translation>Ein Praktikum</translation>
    </message>
    <message>
        <source>Shared by year</source>
        <translation>Nach Jahr aufgeteilt</translation>
    </message>
    <message>
        <source>Shared, chosen</source>
        <translation>Auf ausgewählte aufgeteilt</translation>
    </message>
    <message>
        <source>All modes</source>
        <translation>Alle Formate</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Jahr</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Placements sharing it</source>
        <translation>Praktika, die ihn teilen</translation>
    </message>
    <message>
        <source>Tick the placements that share the cost</source>
        <translation>Haken Sie die Praktika an, die die Kosten teilen</translation>
    </message>
    <message>
        <source>a placement</source>
        <translation>ein Praktikum</translation>
    </message>
    <message>
        <source>This {what} was changed after you opened it.</source>
        <translation>Dieser Datensatz ({what}) wurde nach dem Öffnen geändert.</translation>
    </message>
    <message>
        <source>This {what} was changed by {who} after you opened it.</source>
        <translation>Dieser Datensatz ({what}) wurde nach dem Öffnen von {who} geändert.</translation>
    </message>
    <message>
        <source>agreement</source>
        <translation>Vereinbarung</translation>
    </message>
    <message>
        <source>base currency</source>
        <translation>Basiswährung</translation>
    </message>
    <message>
        <source>checklist</source>
        <translation>Checkliste</translation>
    </message>
    <message>
        <source>choice of tools</source>
        <translation>Auswahl der Werkzeuge</translation>
    </message>
    <message>
        <source>cost item</source>
        <translation>Kostenposten</translation>
    </message>
    <message>
        <source>e-mail setup</source>
        <translation>E-Mail-Einrichtung</translation>
    </message>
    <message>
        <source>list of office leads</source>
        <translation>Liste der Büroverantwortlichen</translation>
    </message>
    <message>
        <source>placement</source>
        <translation>Praktikum</translation>
    </message>
    <message>
        <source>student&apos;s equity flags</source>
        <translation>Chancengleichheitsangaben der/des Studierenden</translation>
    </message>
    <message>
        <source>tool test</source>
        <translation>Werkzeugtest</translation>
    </message>
    <message>
        <source>work-list day count</source>
        <translation>Tagesanzahl der Arbeitsliste</translation>
    </message>
    <message>
        <source>Cost item not saved</source>
        <translation>Kostenposten nicht gespeichert</translation>
    </message>
    <message>
        <source>e.g. Laptop for the student</source>
        <translation>z. B. Laptop für die/den Studierende/n</translation>
    </message>
    <message>
        <source>No funding source</source>
        <translation>Keine Finanzierungsquelle</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Staff hours</source>
        <translation>Personalstunden</translation>
    </message>
    <message>
        <source>Hourly rate</source>
        <translation>Stundensatz</translation>
    </message>
    <message>
        <source>Funding source</source>
        <translation>Finanzierungsquelle</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Rechnung</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Für</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Anteil</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Cost item: {description}</source>
        <translation>Kostenposten: {description}</translation>
    </message>
    <message>
        <source>New cost item</source>
        <translation>Neuer Kostenposten</translation>
    </message>
    <message>
        <source>For staff time, enter the hours and hourly rate and leave the amount empty.</source>
        <translation>Geben Sie für Personalzeit die Stunden und den Stundensatz ein und lassen Sie den Betrag leer.</translation>
    </message>
    <message>
        <source>Staff time: {hours} h × {rate} = {format_money}</source>
        <translation>Personalzeit: {hours} Std. × {rate} = {format_money}</translation>
    </message>
    <message>
        <source> (the amount above is used)</source>
        <translation> (der obige Betrag wird verwendet)</translation>
    </message>
    <message>
        <source>Save the placement first to record its costs.</source>
        <translation>Speichern Sie zuerst das Praktikum, um seine Kosten zu erfassen.</translation>
    </message>
    <message>
        <source>Costs</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>The costs of this placement, one per row</source>
        <translation>Die Kosten dieses Praktikums, ein Posten pro Zeile</translation>
    </message>
    <message>
        <source>New cost item…</source>
        <translation>Neuer Kostenposten…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Cost item</source>
        <translation>Kostenposten</translation>
    </message>
    <message>
        <source>shared</source>
        <translation>geteilt</translation>
    </message>
    <message>
        <source>direct</source>
        <translation>direkt</translation>
    </message>
    <message>
        <source>Amount ({base})</source>
        <translation>Betrag ({base})</translation>
    </message>
    <message>
        <source>No costs recorded for this placement yet.</source>
        <translation>Für dieses Praktikum sind noch keine Kosten erfasst.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Total {format_money}&lt;/b&gt; — direct {format_money2}, share of shared costs {format_money3}</source>
        <translation>&lt;b&gt;Gesamt {format_money}&lt;/b&gt; — direkt {format_money2}, Anteil an geteilten Kosten {format_money3}</translation>
    </message>
    <message>
        <source>Not counted anywhere yet: </source>
        <translation>Noch nirgends angerechnet: </translation>
    </message>
    <message>
        <source>Shared: all{mode} of {share_year} ({label})</source>
        <translation>Aufgeteilt: alle{mode} aus {share_year} ({label})</translation>
    </message>
    <message>
        <source>Shared: {count} placements ({label})</source>
        <translation>Aufgeteilt: {count} Praktika ({label})</translation>
    </message>
    <message>
        <source>Cost items</source>
        <translation>Kostenposten</translation>
    </message>
    <message>
        <source>The placement&apos;s costs, one per row</source>
        <translation>Die Kosten des Praktikums, ein Posten pro Zeile</translation>
    </message>
    <message>
        <source>No cost items yet. Add the first with New….</source>
        <translation>Noch keine Kostenposten. Fügen Sie den ersten mit „Neu…“ hinzu.</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>Neu…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>Cost items not loaded</source>
        <translation>Kostenposten nicht geladen</translation>
    </message>
    <message>
        <source>Delete cost item</source>
        <translation>Kostenposten löschen</translation>
    </message>
    <message>
        <source>Delete {description}?</source>
        <translation>{description} löschen?</translation>
    </message>
    <message>
        <source>Cost item not deleted</source>
        <translation>Kostenposten nicht gelöscht</translation>
    </message>
    <message>
        <source>Exchange rates</source>
        <translation>Wechselkurse</translation>
    </message>
    <message>
        <source>Units of a currency worth 1 {base}, valid from a date until the next rate. A cost is converted at the latest rate on or before its date.</source>
        <translation>Einheiten einer Währung im Wert von 1 {base}, gültig ab einem Datum bis zum nächsten Kurs. Kosten werden zum letzten Kurs an oder vor ihrem Datum umgerechnet.</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>Gültig ab</translation>
    </message>
    <message>
        <source>Rate (per 1 {base})</source>
        <translation>Kurs (je 1 {base})</translation>
    </message>
    <message>
        <source>Stored rates, newest first</source>
        <translation>Gespeicherte Kurse, neueste zuerst</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Kurs</translation>
    </message>
    <message>
        <source>Add rate</source>
        <translation>Kurs hinzufügen</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>CSV importieren…</translation>
    </message>
    <message>
        <source>Lines of date,currency,rate, e.g. 2026-01-01,USD,1.0825</source>
        <translation>Zeilen aus Datum,Währung,Kurs, z. B. 2026-01-01,USD,1.0825</translation>
    </message>
    <message>
        <source>Add a rate: currency, valid from, rate</source>
        <translation>Kurs hinzufügen: Währung, gültig ab, Kurs</translation>
    </message>
    <message>
        <source>Type the rate as a number, e.g. 1.0825.</source>
        <translation>Geben Sie den Kurs als Zahl ein, z. B. 1.0825.</translation>
    </message>
    <message>
        <source>Enter the date the rate is valid from.</source>
        <translation>Geben Sie das Datum ein, ab dem der Kurs gilt.</translation>
    </message>
    <message>
        <source>Import exchange rates</source>
        <translation>Wechselkurse importieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>{name} could not be read: {exc}</source>
        <translation>{name} konnte nicht gelesen werden: {exc}</translation>
    </message>
    <message numerus="yes">
        <source>Stored %n rate(s).</source>
        <translation>
            <numerusform>%n Kurs gespeichert.</numerusform>
            <numerusform>%n Kurse gespeichert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Source: {source}</source>
        <translation>Quelle: {source}</translation>
    </message>
    <message>
        <source>Erasmus+ grant</source>
        <translation>Erasmus+-Förderung</translation>
    </message>
    <message>
        <source>By start date</source>
        <translation>Nach Beginndatum</translation>
    </message>
    <message>
        <source>Call {year}</source>
        <translation>Aufruf {year}</translation>
    </message>
    <message>
        <source>The call whose project period covers the placement&apos;s start</source>
        <translation>Der Aufruf, dessen Projektzeitraum den Beginn des Praktikums abdeckt</translation>
    </message>
    <message>
        <source>Fewer opportunities</source>
        <translation>Geringere Chancen</translation>
    </message>
    <message>
        <source>Green travel</source>
        <translation>Umweltfreundliches Reisen</translation>
    </message>
    <message>
        <source>Zero grant</source>
        <translation>Nullförderung</translation>
    </message>
    <message>
        <source>No individual support from Erasmus+ EU funds</source>
        <translation>Keine individuelle Unterstützung aus Erasmus+-EU-Mitteln</translation>
    </message>
    <message>
        <source>Travel days</source>
        <translation>Reisetage</translation>
    </message>
    <message>
        <source> travel days</source>
        <translation> Reisetage</translation>
    </message>
    <message>
        <source>Extra days of individual support for green travel</source>
        <translation>Zusätzliche Tage individueller Unterstützung für umweltfreundliches Reisen</translation>
    </message>
    <message>
        <source>Travel distance</source>
        <translation>Reiseentfernung</translation>
    </message>
    <message>
        <source> km</source>
        <translation> km</translation>
    </message>
    <message>
        <source>distance not given</source>
        <translation>Entfernung nicht angegeben</translation>
    </message>
    <message>
        <source>For short blended stays with fewer opportunities: travel support by distance band</source>
        <translation>Für kurze kombinierte Aufenthalte bei geringeren Chancen: Reisekostenzuschuss nach Entfernungsband</translation>
    </message>
    <message>
        <source>Call year:</source>
        <translation>Aufrufjahr:</translation>
    </message>
    <message>
        <source>Top-ups:</source>
        <translation>Aufstockungen:</translation>
    </message>
    <message>
        <source>Travel:</source>
        <translation>Reise:</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Grant lines</source>
        <translation>Förderposten</translation>
    </message>
    <message>
        <source>The grant line by line, with the rule of each</source>
        <translation>Die Förderung Posten für Posten, mit der jeweiligen Regel</translation>
    </message>
    <message>
        <source>Record as cost item</source>
        <translation>Als Kostenposten erfassen</translation>
    </message>
    <message>
        <source>Save what is paid to the student as a cost of this placement</source>
        <translation>Was an die/den Studierende/n gezahlt wird, als Kosten dieses Praktikums speichern</translation>
    </message>
    <message>
        <source>There are no grant rates to calculate with.</source>
        <translation>Es gibt keine Fördersätze zum Berechnen.</translation>
    </message>
    <message>
        <source>Source: {note_source}</source>
        <translation>Quelle: {note_source}</translation>
    </message>
    <message>
        <source>, country group {group}</source>
        <translation>, Ländergruppe {group}</translation>
    </message>
    <message>
        <source>{physical_days} physical days{counted}{group}. &lt;b&gt;To the student: {format_money}&lt;/b&gt;</source>
        <translation>{physical_days} Präsenztage{counted}{group}. &lt;b&gt;An die/den Studierende/n: {format_money}&lt;/b&gt;</translation>
    </message>
    <message>
        <source> · in all {format_money}</source>
        <translation> · insgesamt {format_money}</translation>
    </message>
    <message>
        <source>Grant not recorded</source>
        <translation>Förderung nicht erfasst</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n month(s)</source>
        <translation>
            <numerusform>%n Monat</numerusform>
            <numerusform>%n Monate</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n once</source>
        <comment>a grant line paid one time: 1 once</comment>
        <translation>
            <numerusform>%n einmalig</numerusform>
            <numerusform>%n einmalig</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n participant(s)</source>
        <translation>
            <numerusform>%n Teilnehmende/r</numerusform>
            <numerusform>%n Teilnehmende</numerusform>
        </translation>
    </message>
    <message>
        <source>counted as {months} and {days}</source>
        <translation>gezählt als {months} und {days}</translation>
    </message>
    <message>
        <source>Individual support, days {first}–{last}</source>
        <translation>Individuelle Unterstützung, Tage {first}–{last}</translation>
    </message>
    <message>
        <source>Give the travel distance to add the travel support.</source>
        <translation>Geben Sie die Reiseentfernung an, um die Reisekostenunterstützung hinzuzufügen.</translation>
    </message>
    <message>
        <source>Green travel top-up</source>
        <translation>Zuschlag für umweltfreundliches Reisen</translation>
    </message>
    <message>
        <source>Individual support</source>
        <translation>Individuelle Unterstützung</translation>
    </message>
    <message>
        <source>Traineeship top-up</source>
        <translation>Praktikumszuschlag</translation>
    </message>
    <message>
        <source>Fewer opportunities top-up</source>
        <translation>Zuschlag für Teilnehmende mit geringeren Chancen</translation>
    </message>
    <message>
        <source>{days} physical days is less than the {months} months a long-term traineeship needs; only a blended placement with {low} to {high} physical days is funded as short-term.</source>
        <translation>{days} physische Tage sind weniger als die {months} Monate, die ein langfristiges Praktikum braucht; nur ein Blended-Praktikum mit {low} bis {high} physischen Tagen wird als kurzfristig gefördert.</translation>
    </message>
    <message>
        <source>A purely virtual placement gets no individual support.</source>
        <translation>Ein rein virtuelles Praktikum erhält keine individuelle Unterstützung.</translation>
    </message>
    <message>
        <source>{days} physical days is too short: the Programme Guide funds physical stays of {low} days or more ({low} to {high} in a blended placement).</source>
        <translation>{days} physische Tage sind zu kurz: Der Programmleitfaden fördert physische Aufenthalte ab {low} Tagen ({low} bis {high} in einem Blended-Praktikum).</translation>
    </message>
    <message>
        <source>A zero-grant participant gets no individual support from Erasmus+ EU funds.</source>
        <translation>Teilnehmende ohne Förderung (Zero-Grant) erhalten keine individuelle Unterstützung aus EU-Mitteln von Erasmus+.</translation>
    </message>
    <message>
        <source>Organisational support (participant {number})</source>
        <translation>Organisatorische Unterstützung (Teilnehmende/r {number})</translation>
    </message>
    <message>
        <source>{days} physical days is more than the {months} months the Programme Guide funds in a study cycle.</source>
        <translation>{days} physische Tage sind mehr als die {months} Monate, die der Programmleitfaden je Studienzyklus fördert.</translation>
    </message>
    <message>
        <source>This blended placement has no physical period yet, so nothing is funded.</source>
        <translation>Dieses Blended-Praktikum hat noch keinen physischen Zeitraum, daher wird nichts gefördert.</translation>
    </message>
    <message>
        <source>{line}, extra days</source>
        <translation>{line}, zusätzliche Tage</translation>
    </message>
    <message>
        <source>Fewer opportunities top-up, {days} physical days</source>
        <translation>Zuschlag für Teilnehmende mit geringeren Chancen, {days} physische Tage</translation>
    </message>
    <message>
        <source>Green travel support, {km} km</source>
        <translation>Reisekostenunterstützung (umweltfreundlich), {km} km</translation>
    </message>
    <message>
        <source>Travel support, {km} km</source>
        <translation>Reisekostenunterstützung, {km} km</translation>
    </message>
    <message>
        <source>No travel support for {km} km: the bands start at 10 km.</source>
        <translation>Keine Reisekostenunterstützung für {km} km: die Entfernungsbänder beginnen bei 10 km.</translation>
    </message>
    <message>
        <source>No travel support: it goes to {who} only.</source>
        <translation>Keine Reisekostenunterstützung: Sie steht nur {who} zu.</translation>
    </message>
    <message>
        <source>Green travel days</source>
        <translation>Reisetage (umweltfreundlich)</translation>
    </message>
    <message>
        <source>No Erasmus+ rate table covers a start on {day} (vipdesk has {known}); choose a call year.</source>
        <translation>Keine Erasmus+-Satztabelle deckt einen Beginn am {day} ab (vipdesk kennt {known}); wählen Sie ein Aufrufjahr.</translation>
    </message>
    <message>
        <source>{country} is in none of the country groups of the call {year} rates.</source>
        <translation>{country} gehört zu keiner Ländergruppe der Sätze des Aufrufs {year}.</translation>
    </message>
    <message>
        <source>There are no Erasmus+ rates for the call year {year}.</source>
        <translation>Für das Aufrufjahr {year} gibt es keine Erasmus+-Sätze.</translation>
    </message>
    <message>
        <source>{code} is an outermost region or overseas country or territory: the Programme Guide sets their grants apart and the call {year} table has no rates for them; ask your national agency.</source>
        <translation>{code} ist ein Gebiet in äußerster Randlage oder ein überseeisches Land oder Gebiet: Der Programmleitfaden regelt diese Förderung gesondert und die Tabelle des Aufrufs {year} enthält keine Sätze dafür; fragen Sie Ihre Nationale Agentur.</translation>
    </message>
    <message>
        <source>call {year}: {start} – {end}</source>
        <translation>Aufruf {year}: {start} – {end}</translation>
    </message>
    <message>
        <source>The organisational support tiers of this call year end too early.</source>
        <translation>Die Stufen der organisatorischen Unterstützung dieses Aufrufjahres enden zu früh.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>funding source</source>
        <translation>Finanzierungsquelle</translation>
    </message>
    <message>
        <source>Funding source not saved</source>
        <translation>Finanzierungsquelle nicht gespeichert</translation>
    </message>
    <message>
        <source>e.g. Erasmus+ KA131 2026</source>
        <translation>z. B. Erasmus+ KA131 2026</translation>
    </message>
    <message>
        <source>e.g. the grant agreement number</source>
        <translation>z. B. die Nummer der Finanzhilfevereinbarung</translation>
    </message>
    <message>
        <source>Name</source>
        <comment>not a person&apos;s</comment>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Amount awarded</source>
        <translation>Bewilligter Betrag</translation>
    </message>
    <message>
        <source>Pays from</source>
        <translation>Zahlt ab</translation>
    </message>
    <message>
        <source>Pays until</source>
        <translation>Zahlt bis</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>Budget lines</source>
        <translation>Budgetposten</translation>
    </message>
    <message>
        <source>Funding source: {name}</source>
        <translation>Finanzierungsquelle: {name}</translation>
    </message>
    <message>
        <source>New funding source</source>
        <translation>Neue Finanzierungsquelle</translation>
    </message>
    <message numerus="yes">
        <source>%Ln participant(s)</source>
        <translation>
            <numerusform>%Ln Teilnehmer/in</numerusform>
            <numerusform>%Ln Teilnehmende</numerusform>
        </translation>
    </message>
    <message>
        <source>Awarded</source>
        <translation>Bewilligt</translation>
    </message>
    <message>
        <source>Spent</source>
        <translation>Ausgegeben</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>Verbleibend</translation>
    </message>
    <message>
        <source>overspent</source>
        <translation>überzogen</translation>
    </message>
    <message>
        <source>Placement</source>
        <translation>Praktikum</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>New source…</source>
        <translation>Neue Quelle…</translation>
    </message>
    <message>
        <source>Cost items…</source>
        <translation>Kostenposten…</translation>
    </message>
    <message>
        <source>Exchange rates…</source>
        <translation>Wechselkurse…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Funding sources</source>
        <translation>Finanzierungsquellen</translation>
    </message>
    <message>
        <source>Each source: budget, spent, left</source>
        <translation>Jede Quelle: Budget, ausgegeben, verbleibend</translation>
    </message>
    <message>
        <source>&lt;b&gt;Funding sources&lt;/b&gt;</source>
        <translation>&lt;b&gt;Finanzierungsquellen&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Spent of the amount awarded&lt;/b&gt;</source>
        <translation>&lt;b&gt;Ausgegeben vom bewilligten Betrag&lt;/b&gt;</translation>
    </message>
    <message>
        <source>No costs recorded yet: add cost items to see the cost per participant.</source>
        <translation>Noch keine Kosten erfasst: Fügen Sie Kostenposten hinzu, um die Kosten je Teilnehmer/in zu sehen.</translation>
    </message>
    <message>
        <source>Cost per participant by mode</source>
        <translation>Kosten je Teilnehmer/in nach Format</translation>
    </message>
    <message>
        <source>Cost per participant by year</source>
        <translation>Kosten je Teilnehmer/in nach Jahr</translation>
    </message>
    <message>
        <source>Click a bar or select a source to list the cost items behind it.</source>
        <translation>Klicken Sie auf einen Balken oder wählen Sie eine Quelle, um die Kostenposten dahinter aufzulisten.</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>What the chosen bar or source is made of</source>
        <translation>Woraus der gewählte Balken oder die gewählte Quelle besteht</translation>
    </message>
    <message>
        <source>Funding not loaded</source>
        <translation>Finanzierung nicht geladen</translation>
    </message>
    <message>
        <source>{spent} of {awarded}</source>
        <translation>{spent} von {awarded}</translation>
    </message>
    <message>
        <source> — overspent</source>
        <translation> — überzogen</translation>
    </message>
    <message>
        <source>Not counted: {value}</source>
        <translation>Nicht angerechnet: {value}</translation>
    </message>
    <message>
        <source>Not counted:
• </source>
        <translation>Nicht angerechnet:
• </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;{title}&lt;/b&gt;: %n cost item(s), {total} in all</source>
        <translation>
            <numerusform>&lt;b&gt;{title}&lt;/b&gt;: %n Kostenposten, insgesamt {total}</numerusform>
            <numerusform>&lt;b&gt;{title}&lt;/b&gt;: %n Kostenposten, insgesamt {total}</numerusform>
        </translation>
    </message>
    <message>
        <source>{label} ({what}), {participants} participants</source>
        <translation>{label} ({what}), {participants} Teilnehmende</translation>
    </message>
    <message>
        <source>Cannot open the funding source</source>
        <translation>Die Finanzierungsquelle kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Delete funding source</source>
        <translation>Finanzierungsquelle löschen</translation>
    </message>
    <message>
        <source>Delete {name}?</source>
        <translation>{name} löschen?</translation>
    </message>
    <message>
        <source>Funding source not deleted</source>
        <translation>Finanzierungsquelle nicht gelöscht</translation>
    </message>
    <message>
        <source>Anywhere</source>
        <translation>Überall</translation>
    </message>
    <message>
        <source>The user guide, at the section of what you are looking at</source>
        <translation>Das Benutzerhandbuch, beim Abschnitt zu dem, was Sie gerade sehen</translation>
    </message>
    <message>
        <source>Alt + underlined letter</source>
        <translation>Alt + unterstrichener Buchstabe</translation>
    </message>
    <message>
        <source>The menu, button, tab or field of that letter</source>
        <translation>Das Menü, die Schaltfläche, der Reiter oder das Feld mit diesem Buchstaben</translation>
    </message>
    <message>
        <source>Tab / Shift+Tab</source>
        <translation>Tab / Umschalt+Tab</translation>
    </message>
    <message>
        <source>The next / previous control</source>
        <translation>Das nächste / vorige Bedienelement</translation>
    </message>
    <message>
        <source>Tables</source>
        <translation>Tabellen</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Open the selected placement or record</source>
        <translation>Das ausgewählte Praktikum oder den Datensatz öffnen</translation>
    </message>
    <message>
        <source>Arrow keys, Page Up/Down</source>
        <translation>Pfeiltasten, Bild auf/ab</translation>
    </message>
    <message>
        <source>Move through the rows</source>
        <translation>Durch die Zeilen gehen</translation>
    </message>
    <message>
        <source>Tab bars</source>
        <translation>Reiterleisten</translation>
    </message>
    <message>
        <source>Ctrl+Tab / Ctrl+Shift+Tab</source>
        <translation>Strg+Tab / Strg+Umschalt+Tab</translation>
    </message>
    <message>
        <source>The next / previous tab</source>
        <translation>Der nächste / vorige Reiter</translation>
    </message>
    <message>
        <source>Placement editor</source>
        <translation>Praktikumseditor</translation>
    </message>
    <message>
        <source>Save the placement</source>
        <translation>Das Praktikum speichern</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Close; unsaved changes are asked about</source>
        <translation>Schließen; nach ungespeicherten Änderungen wird gefragt</translation>
    </message>
    <message>
        <source>Pickers</source>
        <translation>Auswahlfelder</translation>
    </message>
    <message>
        <source>Down, then Enter</source>
        <translation>Pfeil ab, dann Eingabe</translation>
    </message>
    <message>
        <source>List the matches of what you typed and take one</source>
        <translation>Die Treffer zum Eingegebenen auflisten und einen übernehmen</translation>
    </message>
    <message>
        <source>Date fields</source>
        <translation>Datumsfelder</translation>
    </message>
    <message>
        <source>Type the date</source>
        <translation>Datum eintippen</translation>
    </message>
    <message>
        <source>YYYY-MM-DD, DD/MM/YYYY or DD.MM.YYYY</source>
        <translation>JJJJ-MM-TT, TT/MM/JJJJ oder TT.MM.JJJJ</translation>
    </message>
    <message>
        <source>Text boxes</source>
        <translation>Textfelder</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tab</translation>
    </message>
    <message>
        <source>Moves on (a text box never keeps Tab)</source>
        <translation>Geht weiter (ein Textfeld behält Tab nie)</translation>
    </message>
    <message>
        <source>Wizards</source>
        <translation>Assistenten</translation>
    </message>
    <message>
        <source>Alt+N / Alt+B</source>
        <translation>Alt+W / Alt+Z</translation>
    </message>
    <message>
        <source>Next / Back page</source>
        <translation>Nächste / vorige Seite</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Where, which keys, what they do</source>
        <translation>Wo, welche Tasten, was sie tun</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Wo</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>vipdesk user guide</source>
        <translation>vipdesk-Benutzerhandbuch</translation>
    </message>
    <message>
        <source>Search the guide</source>
        <translation>Im Handbuch suchen</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Inhalt</translation>
    </message>
    <message>
        <source>No section mentions this.</source>
        <translation>Kein Abschnitt erwähnt dies.</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>&amp;Benutzerhandbuch</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stopping… nothing will be changed.</source>
        <translation>Wird angehalten… es wird nichts geändert.</translation>
    </message>
    <message>
        <source> ({done:,} of {total:,})</source>
        <translation> ({done:,} von {total:,})</translation>
    </message>
    <message>
        <source>It was not done</source>
        <translation>Es wurde nicht ausgeführt</translation>
    </message>
    <message>
        <source>Cancelled: nothing was changed.</source>
        <translation>Abgebrochen: Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Send by e-mail</source>
        <translation>Per E-Mail senden</translation>
    </message>
    <message>
        <source>{party_label}: the PDF to sign</source>
        <translation>{party_label}: das PDF zum Unterzeichnen</translation>
    </message>
    <message>
        <source>{party_label}: the fillable PDF for HR</source>
        <translation>{party_label}: das ausfüllbare PDF für HR</translation>
    </message>
    <message>
        <source>The message is shown before it goes; you can change it there.</source>
        <translation>Die Nachricht wird vor dem Versand angezeigt; Sie können sie dort ändern.</translation>
    </message>
    <message>
        <source>&amp;Send to:</source>
        <translation>&amp;Senden an:</translation>
    </message>
    <message>
        <source>The message&apos;s wording and dates in this language</source>
        <translation>Wortlaut und Daten der Nachricht in dieser Sprache</translation>
    </message>
    <message>
        <source>Language of the message</source>
        <translation>Sprache der Nachricht</translation>
    </message>
    <message>
        <source>&amp;Message in:</source>
        <translation>&amp;Nachricht auf:</translation>
    </message>
    <message>
        <source>Every party has signed {title}.</source>
        <translation>Alle Parteien haben {title} unterschrieben.</translation>
    </message>
    <message>
        <source>No mail server is set (Settings → E-mail): open the message in your mail program, or save it as a file. It is not kept in the outbox.</source>
        <translation>Kein Mailserver eingerichtet (Einstellungen → E-Mail): Öffnen Sie die Nachricht in Ihrem Mailprogramm oder speichern Sie sie als Datei. Sie wird nicht im Postausgang aufbewahrt.</translation>
    </message>
    <message>
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <source>Cc</source>
        <translation>Cc</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Attached files</source>
        <translation>Angehängte Dateien</translation>
    </message>
    <message>
        <source>The files sent with it</source>
        <translation>Die mitgesendeten Dateien</translation>
    </message>
    <message>
        <source>Attached:</source>
        <translation>Anhang:</translation>
    </message>
    <message>
        <source>From {sender}</source>
        <translation>Von {sender}</translation>
    </message>
    <message>
        <source>&amp;Open in mail program</source>
        <translation>Im Mailprogramm &amp;öffnen</translation>
    </message>
    <message>
        <source>Save as .&amp;eml…</source>
        <translation>Als .&amp;eml speichern…</translation>
    </message>
    <message>
        <source>&amp;Message:</source>
        <translation>&amp;Nachricht:</translation>
    </message>
    <message>
        <source>Save the message</source>
        <translation>Die Nachricht speichern</translation>
    </message>
    <message>
        <source>E-mail (*.eml)</source>
        <translation>E-Mail (*.eml)</translation>
    </message>
    <message>
        <source>Open in mail program</source>
        <translation>Im Mailprogramm öffnen</translation>
    </message>
    <message>
        <source>No mail program opened it. The message is saved as {path}: attach or open it from there.</source>
        <translation>Kein Mailprogramm hat sie geöffnet. Die Nachricht ist als {path} gespeichert: Hängen Sie sie von dort an oder öffnen Sie sie.</translation>
    </message>
    <message>
        <source>No e-mail yet. Messages sent from a placement (agreements, questionnaires, reminders) show here.</source>
        <translation>Noch keine E-Mails. Aus einem Praktikum gesendete Nachrichten (Vereinbarungen, Fragebögen, Erinnerungen) erscheinen hier.</translation>
    </message>
    <message>
        <source>Failed ({attempts} tries)</source>
        <translation>Fehlgeschlagen ({attempts} Versuche)</translation>
    </message>
    <message>
        <source>Failed</source>
        <comment>a message that could not be sent</comment>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Was geschah</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Postausgang</translation>
    </message>
    <message>
        <source>Every e-mail and what became of it</source>
        <translation>Jede E-Mail und was aus ihr wurde</translation>
    </message>
    <message>
        <source>&amp;Send queued now</source>
        <translation>Wartende jetzt &amp;senden</translation>
    </message>
    <message>
        <source>Re&amp;try</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <source>&amp;Cancel sending</source>
        <translation>Senden &amp;abbrechen</translation>
    </message>
    <message>
        <source>&amp;Read…</source>
        <translation>&amp;Lesen…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s)</source>
        <translation>
            <numerusform>%Ln Nachricht</numerusform>
            <numerusform>%Ln Nachrichten</numerusform>
        </translation>
    </message>
    <message>
        <source>From: {value}
To: {value2}
</source>
        <translation>Von: {value}
An: {value2}
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
        <translation>Betreff: {value}
</translation>
    </message>
    <message>
        <source>Attached: {join}
</source>
        <translation>Anhang: {join}
</translation>
    </message>
    <message>
        <source>State: {state}</source>
        <translation>Status: {state}</translation>
    </message>
    <message>
        <source>Send reminders</source>
        <translation>Erinnerungen senden</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n reminder(s)&lt;/b&gt; due today.</source>
        <translation>
            <numerusform>&lt;b&gt;%n Erinnerung&lt;/b&gt; heute fällig.</numerusform>
            <numerusform>&lt;b&gt;%n Erinnerungen&lt;/b&gt; heute fällig.</numerusform>
        </translation>
    </message>
    <message>
        <source>{reminded_lately} item(s) were reminded in the last 7 days.</source>
        <translation>{reminded_lately} Einträge wurden in den letzten 7 Tagen bereits erinnert.</translation>
    </message>
    <message>
        <source>No e-mail address for {join}.</source>
        <translation>Keine E-Mail-Adresse für {join}.</translation>
    </message>
    <message>
        <source>No mail server is set (Settings → E-mail): save them as .eml files.</source>
        <translation>Kein Mailserver eingerichtet (Einstellungen → E-Mail): Speichern Sie sie als .eml-Dateien.</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>Erinnerungen</translation>
    </message>
    <message>
        <source>Each reminder, to whom and about what</source>
        <translation>Jede Erinnerung, an wen und worüber</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Send %n reminder(s)</source>
        <translation>
            <numerusform>%n Erinnerung &amp;senden</numerusform>
            <numerusform>%n Erinnerungen &amp;senden</numerusform>
        </translation>
    </message>
    <message>
        <source>Save as .&amp;eml files…</source>
        <translation>Als .&amp;eml-Dateien speichern…</translation>
    </message>
    <message>
        <source>Save the reminders in</source>
        <translation>Erinnerungen speichern in</translation>
    </message>
    <message>
        <source>Save the reminders</source>
        <translation>Die Erinnerungen speichern</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Wird gesendet</translation>
    </message>
    <message>
        <source>Sending e-mail</source>
        <translation>E-Mail wird gesendet</translation>
    </message>
    <message>
        <source>{summary}.

{first}

The Outbox keeps the failed messages: correct the settings or the address, then Retry.</source>
        <translation>{summary}.

{first}

Der Postausgang behält die fehlgeschlagenen Nachrichten: Korrigieren Sie die Einstellungen oder die Adresse und versuchen Sie es dann erneut.</translation>
    </message>
    <message numerus="yes">
        <source>%n sent</source>
        <translation>
            <numerusform>%n gesendet</numerusform>
            <numerusform>%n gesendet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n fehlgeschlagen</numerusform>
            <numerusform>%n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n still queued</source>
        <translation>
            <numerusform>%n noch in der Warteschlange</numerusform>
            <numerusform>%n noch in der Warteschlange</numerusform>
        </translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>stored in the system&apos;s credential store</source>
        <translation>im Anmeldedatenspeicher des Systems gespeichert</translation>
    </message>
    <message>
        <source>not stored</source>
        <translation>nicht gespeichert</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>International Office, University of …</source>
        <translation>International Office, Universität …</translation>
    </message>
    <message>
        <source>Sender name</source>
        <translation>Name des Absenders</translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation>Absenderadresse</translation>
    </message>
    <message>
        <source>Reply-to</source>
        <translation>Antwort an</translation>
    </message>
    <message>
        <source>Send a &amp;test message</source>
        <translation>&amp;Testnachricht senden</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>Each message vipdesk sends; choose one</source>
        <translation>Jede Nachricht, die vipdesk sendet; wählen Sie eine</translation>
    </message>
    <message>
        <source>Placeholders: {names}</source>
        <translation>Platzhalter: {names}</translation>
    </message>
    <message>
        <source>Save &amp;wording</source>
        <translation>&amp;Wortlaut speichern</translation>
    </message>
    <message>
        <source>&amp;Restore the shipped text</source>
        <translation>&amp;Mitgelieferten Text wiederherstellen</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Betreff:</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>Text:</translation>
    </message>
    <message>
        <source>Signature (ends every message)</source>
        <translation>Signatur (beendet jede Nachricht)</translation>
    </message>
    <message>
        <source>{title} (office wording)</source>
        <translation>{title} (Wortlaut des Büros)</translation>
    </message>
    <message>
        <source>Mail templates</source>
        <translation>Mailvorlagen</translation>
    </message>
    <message>
        <source>E-mail settings</source>
        <translation>E-Mail-Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Server and sender</source>
        <translation>&amp;Server und Absender</translation>
    </message>
    <message>
        <source>&amp;Messages</source>
        <translation>&amp;Nachrichten</translation>
    </message>
    <message>
        <source>Not sent: {exc}</source>
        <translation>Nicht gesendet: {exc}</translation>
    </message>
    <message>
        <source>Sent to {sender_address}; the server answered {reply}.</source>
        <translation>An {sender_address} gesendet; der Server antwortete: {reply}.</translation>
    </message>
    <message>
        <source>This computer has no credential store: the password is kept until vipdesk is closed, and will be asked for again.</source>
        <translation>Dieser Computer hat keinen Anmeldedatenspeicher: Das Passwort wird aufbewahrt, bis vipdesk geschlossen wird, und dann erneut abgefragt.</translation>
    </message>
    <message>
        <source>E-mail (*.eml);;All files (*)</source>
        <translation>E-Mail (*.eml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Import returned mail</source>
        <translation>Zurückgesandte Mail importieren</translation>
    </message>
    <message>
        <source>Out&amp;box</source>
        <translation>Pos&amp;tausgang</translation>
    </message>
    <message>
        <source>&amp;E-mail…</source>
        <translation>&amp;E-Mail…</translation>
    </message>
    <message>
        <source>The mail server, the sender and the message templates</source>
        <translation>Der Mailserver, der Absender und die Nachrichtenvorlagen</translation>
    </message>
    <message>
        <source>Import returned &amp;mail (.eml)…</source>
        <translation>Zurückgesandte &amp;Mail importieren (.eml)…</translation>
    </message>
    <message>
        <source>E-mail the report</source>
        <translation>Den Bericht per E-Mail senden</translation>
    </message>
    <message>
        <source>Not ours, left alone: {name}</source>
        <translation>Nicht von uns, unverändert gelassen: {name}</translation>
    </message>
    <message>
        <source>{name} is the {kind} of {reference}: record its signatures in the Agreement tab (Record signature…).</source>
        <translation>{name} ist {kind} von {reference}: Erfassen Sie die Unterschriften auf dem Reiter „Vereinbarung“ (Unterschrift erfassen…).</translation>
    </message>
    <message>
        <source>vipdesk — {describe_url}</source>
        <translation>vipdesk — {describe_url}</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>Bereiche</translation>
    </message>
    <message>
        <source>&amp;Today</source>
        <translation>He&amp;ute</translation>
    </message>
    <message>
        <source>&amp;Placements</source>
        <translation>&amp;Praktika</translation>
    </message>
    <message>
        <source>&amp;Students</source>
        <translation>&amp;Studierende</translation>
    </message>
    <message>
        <source>&amp;Organisations</source>
        <translation>&amp;Organisationen</translation>
    </message>
    <message>
        <source>&amp;Contacts</source>
        <translation>&amp;Kontakte</translation>
    </message>
    <message>
        <source>&amp;Institutions</source>
        <translation>E&amp;inrichtungen</translation>
    </message>
    <message>
        <source>F&amp;unding</source>
        <translation>Finan&amp;zierung</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New placement…</source>
        <translation>&amp;Neues Praktikum…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Export &amp;agreements…</source>
        <translation>&amp;Vereinbarungen exportieren…</translation>
    </message>
    <message>
        <source>Settin&amp;gs</source>
        <translation>Einstellun&amp;gen</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen…</translation>
    </message>
    <message>
        <source>&amp;Open placement</source>
        <translation>Praktikum &amp;öffnen</translation>
    </message>
    <message>
        <source>&amp;Delete placement…</source>
        <translation>Praktikum &amp;löschen…</translation>
    </message>
    <message>
        <source>&amp;Recently deleted…</source>
        <translation>&amp;Kürzlich gelöscht…</translation>
    </message>
    <message>
        <source>&amp;Trusted certificates…</source>
        <translation>&amp;Vertrauenswürdige Zertifikate…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;About vipdesk</source>
        <translation>&amp;Über vipdesk</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>&amp;Today ({due:,})</source>
        <translation>He&amp;ute ({due:,})</translation>
    </message>
    <message>
        <source>{due:,} due · {overdue:,} overdue · {placements:,} placements · {describe_url}</source>
        <translation>{due:,} fällig · {overdue:,} überfällig · {placements:,} Praktika · {describe_url}</translation>
    </message>
    <message>
        <source>Cannot open the placement</source>
        <translation>Das Praktikum kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Delete placement</source>
        <translation>Praktikum löschen</translation>
    </message>
    <message>
        <source>Delete {reference} — {student} at {host}? Its checklist goes with it. This cannot be undone.</source>
        <translation>{reference} — {student} bei {host} löschen? Die Checkliste wird mitgelöscht. Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Deleted {reference}.</source>
        <translation>{reference} gelöscht.</translation>
    </message>
    <message>
        <source>About vipdesk</source>
        <translation>Über vipdesk</translation>
    </message>
    <message>
        <source>&lt;b&gt;vipdesk {version__}&lt;/b&gt;&lt;br&gt;Records, preparation and reporting for virtual and blended international work placements.&lt;br&gt;&lt;br&gt;Database: {describe_url}</source>
        <translation>&lt;b&gt;vipdesk {version__}&lt;/b&gt;&lt;br&gt;Daten, Vorbereitung und Berichte für virtuelle und kombinierte internationale Praktika.&lt;br&gt;&lt;br&gt;Datenbank: {describe_url}</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; mixes separators. Type it as 1234.50 or 1 234,50.</source>
        <translation>&apos;{text}&apos; mischt Trennzeichen. Geben Sie den Betrag als 1234,50 oder 1.234,50 ein.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not an amount. Type it as 1234.50 or 1 234,50.</source>
        <translation>&apos;{text}&apos; ist kein Betrag. Geben Sie ihn als 1234,50 oder 1.234,50 ein.</translation>
    </message>
    <message>
        <source>e.g. 1234.50 or 1 234,50</source>
        <translation>z. B. 1234,50 oder 1 234,50</translation>
    </message>
    <message>
        <source>Reports and reflections (*.pdf *.docx *.png *.jpg *.jpeg);;All files (*)</source>
        <translation>Berichte und Reflexionen (*.pdf *.docx *.png *.jpg *.jpeg);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>student, mentor, tutor</source>
        <translation>Studierende/r, Mentor/in, Tutor/in</translation>
    </message>
    <message>
        <source>student, mentor</source>
        <translation>Studierende/r, Mentor/in</translation>
    </message>
    <message>
        <source>student, tutor</source>
        <translation>Studierende/r, Tutor/in</translation>
    </message>
    <message>
        <source>student, colleagues</source>
        <translation>Studierende/r, Kolleg/innen</translation>
    </message>
    <message>
        <source>student, coordinator</source>
        <translation>Studierende/r, Koordination</translation>
    </message>
    <message>
        <source>student, mentor, coordinator</source>
        <translation>Studierende/r, Mentor/in, Koordination</translation>
    </message>
    <message>
        <source>monitoring entry</source>
        <translation>Begleiteintrag</translation>
    </message>
    <message>
        <source>Monitoring entry not saved</source>
        <translation>Begleiteintrag nicht gespeichert</translation>
    </message>
    <message>
        <source>e.g. student, mentor</source>
        <translation>z. B. Studierende/r, Mentor/in</translation>
    </message>
    <message>
        <source>One of the tools chosen for this placement (Preparation tab)</source>
        <translation>Eines der für dieses Praktikum gewählten Tools (Reiter „Vorbereitung“)</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>Attach a file…</source>
        <translation>Datei anhängen…</translation>
    </message>
    <message>
        <source>A PDF, a Word document (.docx), a PNG or a JPEG, up to {value} MB</source>
        <translation>Eine PDF, ein Word-Dokument (.docx), ein PNG oder ein JPEG, bis {value} MB</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>This raised a concern</source>
        <translation>Dies hat ein Anliegen ausgelöst</translation>
    </message>
    <message>
        <source>Who took part</source>
        <translation>Wer teilnahm</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Concern</source>
        <translation>Anliegen</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Nachverfolgung</translation>
    </message>
    <message>
        <source>Resolved on</source>
        <translation>Gelöst am</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Lösung</translation>
    </message>
    <message>
        <source>{kind} of {day}</source>
        <translation>{kind} vom {day}</translation>
    </message>
    <message>
        <source>New log entry</source>
        <translation>Neuer Begleiteintrag</translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation>Eine Datei anhängen</translation>
    </message>
    <message>
        <source>{name} is over {value} MB.</source>
        <translation>{name} ist größer als {value} MB.</translation>
    </message>
    <message>
        <source>Cannot read {name}: {strerror}.</source>
        <translation>{name} kann nicht gelesen werden: {strerror}.</translation>
    </message>
    <message>
        <source>No file</source>
        <translation>Keine Datei</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>resolved {day}</source>
        <translation>gelöst am {day}</translation>
    </message>
    <message>
        <source>{what} ({cadence}): {met} of {expected} expected met</source>
        <translation>{what} ({cadence}): {met} von {expected} erwarteten wahrgenommen</translation>
    </message>
    <message>
        <source>; overdue since {day}</source>
        <translation>; überfällig seit {day}</translation>
    </message>
    <message>
        <source>met on {met_on}</source>
        <translation>getroffen am {met_on}</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>noch nicht</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>versäumt</translation>
    </message>
    <message>
        <source>Save the placement first to keep its monitoring log.</source>
        <translation>Speichern Sie zuerst das Praktikum, um sein Begleitprotokoll zu führen.</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>Min.</translation>
    </message>
    <message>
        <source>Monitoring log</source>
        <translation>Begleitprotokoll</translation>
    </message>
    <message>
        <source>Meetings, reports and checks</source>
        <translation>Treffen, Berichte und Kontrollen</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Erwartet</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Treffen</translation>
    </message>
    <message>
        <source>Expected meetings</source>
        <translation>Erwartete Treffen</translation>
    </message>
    <message>
        <source>Each slot of the protocol&apos;s cadence: met or missed</source>
        <translation>Jeder Termin im Rhythmus des Protokolls: stattgefunden oder versäumt</translation>
    </message>
    <message>
        <source>&amp;New entry…</source>
        <translation>&amp;Neuer Eintrag…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Save &amp;file…</source>
        <translation>&amp;Datei speichern…</translation>
    </message>
    <message>
        <source>&amp;Recognition…</source>
        <translation>&amp;Anerkennung…</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>Treffen</translation>
    </message>
    <message>
        <source>Reports and reflections</source>
        <translation>Berichte und Reflexionen</translation>
    </message>
    <message>
        <source>No communication protocol yet: no rhythm of meetings to measure.</source>
        <translation>Noch kein Kommunikationsprotokoll: kein Treffen-Rhythmus zu messen.</translation>
    </message>
    <message numerus="yes">
        <source>%n concern(s) open</source>
        <translation>
            <numerusform>%n Anliegen offen</numerusform>
            <numerusform>%n Anliegen offen</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing logged yet: New entry… records the kick-off first.</source>
        <translation>Noch nichts erfasst: „Neuer Eintrag…“ erfasst zuerst das Auftakttreffen.</translation>
    </message>
    <message>
        <source>No credits planned: nothing to recognise in the degree.</source>
        <translation>Keine Leistungspunkte geplant: Im Studium ist nichts anzuerkennen.</translation>
    </message>
    <message>
        <source>Not complete yet: </source>
        <translation>Noch nicht vollständig: </translation>
    </message>
    <message>
        <source>{credits_awarded} of {planned_credits} credits, grade {grade}, transcript of {transcript_on}.</source>
        <translation>{credits_awarded} von {planned_credits} Leistungspunkten, Note {grade}, Transcript vom {transcript_on}.</translation>
    </message>
    <message>
        <source>Delete the {label} of {held_on}? It can be restored from Edit → Recently deleted for 30 days.</source>
        <translation>{label} vom {held_on} löschen? Der Eintrag kann 30 Tage lang unter Bearbeiten → Kürzlich gelöscht wiederhergestellt werden.</translation>
    </message>
    <message>
        <source>Delete the entry</source>
        <translation>Den Eintrag löschen</translation>
    </message>
    <message>
        <source>Not deleted</source>
        <translation>Nicht gelöscht</translation>
    </message>
    <message>
        <source>Save the file</source>
        <translation>Die Datei speichern</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Nicht gespeichert</translation>
    </message>
    <message>
        <source>Recognition not saved</source>
        <translation>Anerkennung nicht gespeichert</translation>
    </message>
    <message>
        <source>Only when more credits are awarded than planned</source>
        <translation>Nur wenn mehr Leistungspunkte vergeben werden als geplant</translation>
    </message>
    <message>
        <source>One learning outcome achieved per line</source>
        <translation>Ein erreichtes Lernergebnis pro Zeile</translation>
    </message>
    <message>
        <source>All planned outcomes achieved</source>
        <translation>Alle geplanten Lernergebnisse erreicht</translation>
    </message>
    <message>
        <source>Credits awarded (ECTS)</source>
        <translation>Vergebene Leistungspunkte (ECTS)</translation>
    </message>
    <message>
        <source>Reason for more credits</source>
        <translation>Grund für mehr Leistungspunkte</translation>
    </message>
    <message>
        <source>Grading scale</source>
        <translation>Notenskala</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Transcript of records of</source>
        <translation>Transcript of Records vom</translation>
    </message>
    <message>
        <source>Certificate received on</source>
        <translation>Bescheinigung erhalten am</translation>
    </message>
    <message>
        <source> ({planned_credits} ECTS planned)</source>
        <translation> ({planned_credits} ECTS geplant)</translation>
    </message>
    <message>
        <source>Recognition{planned}</source>
        <translation>Anerkennung{planned}</translation>
    </message>
    <message>
        <source>{credits} planned</source>
        <translation>{credits} geplant</translation>
    </message>
    <message>
        <source>a number from {low} to {high}</source>
        <translation>eine Zahl von {low} bis {high}</translation>
    </message>
    <message>
        <source>Host organisation</source>
        <translation>Aufnehmende Organisation</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>Einrichtung</translation>
    </message>
    <message>
        <source>Contact not saved</source>
        <translation>Kontakt nicht gespeichert</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Works at</source>
        <translation>Arbeitet bei</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zeitzone</translation>
    </message>
    <message>
        <source>Contact: {name}</source>
        <translation>Kontakt: {name}</translation>
    </message>
    <message>
        <source>New {label}</source>
        <translation>Neu: {label}</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>Neuer Kontakt</translation>
    </message>
    <message>
        <source>where this person works</source>
        <translation>wo diese Person arbeitet</translation>
    </message>
    <message>
        <source>a time zone</source>
        <translation>eine Zeitzone</translation>
    </message>
    <message>
        <source>Institution not saved</source>
        <translation>Einrichtung nicht gespeichert</translation>
    </message>
    <message>
        <source>e.g. PL WARSZAW01</source>
        <translation>z. B. PL WARSZAW01</translation>
    </message>
    <message>
        <source>Erasmus code</source>
        <translation>Erasmus-Code</translation>
    </message>
    <message>
        <source>Faculty</source>
        <translation>Fakultät</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>Institution: {name}</source>
        <translation>Einrichtung: {name}</translation>
    </message>
    <message>
        <source>New institution</source>
        <translation>Neue Einrichtung</translation>
    </message>
    <message>
        <source>a country</source>
        <translation>ein Land</translation>
    </message>
    <message>
        <source>Organisation not saved</source>
        <translation>Organisation nicht gespeichert</translation>
    </message>
    <message>
        <source>Street and number, as on a letter</source>
        <translation>Straße und Hausnummer, wie auf einem Brief</translation>
    </message>
    <message>
        <source>e.g. Software, Renewable energy, NGO</source>
        <translation>z. B. Software, Erneuerbare Energien, NGO</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Straße</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Postleitzahl</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Organisation: {name}</source>
        <translation>Organisation: {name}</translation>
    </message>
    <message>
        <source>New host organisation</source>
        <translation>Neue aufnehmende Organisation</translation>
    </message>
    <message>
        <source>EQF 5 (short cycle)</source>
        <translation>EQR 5 (Kurzstudiengang)</translation>
    </message>
    <message>
        <source>EQF 6 (bachelor)</source>
        <translation>EQR 6 (Bachelor)</translation>
    </message>
    <message>
        <source>EQF 7 (master)</source>
        <translation>EQR 7 (Master)</translation>
    </message>
    <message>
        <source>EQF 8 (doctorate)</source>
        <translation>EQR 8 (Promotion)</translation>
    </message>
    <message>
        <source>Student not saved</source>
        <translation>Studierende/r nicht gespeichert</translation>
    </message>
    <message>
        <source>ISCED-F, e.g. 0413 Management and administration</source>
        <translation>ISCED-F, z. B. 0413 Management und Verwaltung</translation>
    </message>
    <message>
        <source>Messages to the student are offered in this language</source>
        <translation>Nachrichten an die/den Studierenden werden in dieser Sprache angeboten</translation>
    </message>
    <message>
        <source>Language for the student&apos;s messages</source>
        <translation>Sprache der Nachrichten an die/den Studierenden</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <source>Student number</source>
        <translation>Matrikelnummer</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Geburtsdatum</translation>
    </message>
    <message>
        <source>Nationality</source>
        <translation>Staatsangehörigkeit</translation>
    </message>
    <message>
        <source>Study cycle</source>
        <translation>Studienzyklus</translation>
    </message>
    <message>
        <source>Field of education</source>
        <translation>Studienfach</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>Studiengang</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Sprachen</translation>
    </message>
    <message>
        <source>Messages in</source>
        <translation>Nachrichten auf</translation>
    </message>
    <message>
        <source>Student: {full_name}</source>
        <translation>Studierende/r: {full_name}</translation>
    </message>
    <message>
        <source>New student</source>
        <translation>Neue/r Studierende/r</translation>
    </message>
    <message>
        <source>an institution</source>
        <translation>eine Einrichtung</translation>
    </message>
    <message>
        <source>Native</source>
        <translation>Muttersprache</translation>
    </message>
    <message>
        <source>Each language with its CEFR level</source>
        <translation>Jede Sprache mit ihrem GER-Niveau</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Level (CEFR)</source>
        <translation>Niveau (GER)</translation>
    </message>
    <message>
        <source>Add language</source>
        <translation>Sprache hinzufügen</translation>
    </message>
    <message>
        <source>Disability or health condition</source>
        <translation>Behinderung oder gesundheitliche Beeinträchtigung</translation>
    </message>
    <message>
        <source>Economic, social or geographic obstacles</source>
        <translation>Wirtschaftliche, soziale oder geografische Hindernisse</translation>
    </message>
    <message>
        <source>Migrant or refugee background</source>
        <translation>Migrations- oder Fluchthintergrund</translation>
    </message>
    <message>
        <source>Working student or carer</source>
        <translation>Erwerbstätige/r Studierende/r oder pflegende/r Angehörige/r</translation>
    </message>
    <message>
        <source>Special-category personal data (GDPR art. 9): record only what the student declared, e.g. for an Erasmus+ inclusion top-up. Kept apart from the student record, never shown in lists or exports; the history notes only that it changed.</source>
        <translation>Besondere Kategorien personenbezogener Daten (Art. 9 DSGVO): Erfassen Sie nur, was die/der Studierende angegeben hat, z. B. für einen Erasmus+-Inklusionszuschlag. Getrennt vom Studierendendatensatz gespeichert, nie in Listen oder Exporten angezeigt; der Verlauf vermerkt nur, dass es sich geändert hat.</translation>
    </message>
    <message>
        <source>Sensitive: equity flags</source>
        <translation>Sensibel: Merkmale der Chancengerechtigkeit</translation>
    </message>
    <message>
        <source>Note on the grant&apos;s grounds</source>
        <translation>Notiz zu den Gründen der Förderung</translation>
    </message>
    <message>
        <source>Note (only what is needed for the grant)</source>
        <translation>Notiz (nur was für die Förderung nötig ist)</translation>
    </message>
    <message>
        <source>Student no.</source>
        <translation>Matrikel-Nr.</translation>
    </message>
    <message>
        <source>Placements</source>
        <translation>Praktika</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>Studierende</translation>
    </message>
    <message>
        <source>Delete {name}? This cannot be undone.</source>
        <translation>{name} löschen? Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>student</source>
        <translation>Studierende/r</translation>
    </message>
    <message>
        <source>organisation</source>
        <translation>Organisation</translation>
    </message>
    <message numerus="yes">
        <source>%Ln host organisation(s)</source>
        <translation>
            <numerusform>%Ln aufnehmende Organisation</numerusform>
            <numerusform>%Ln aufnehmende Organisationen</numerusform>
        </translation>
    </message>
    <message>
        <source>contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>institution</source>
        <translation>Einrichtung</translation>
    </message>
    <message numerus="yes">
        <source>%Ln institution(s)</source>
        <translation>
            <numerusform>%Ln Einrichtung</numerusform>
            <numerusform>%Ln Einrichtungen</numerusform>
        </translation>
    </message>
    <message>
        <source>done outside vipdesk: </source>
        <translation>außerhalb von vipdesk erledigt: </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) marked below</source>
        <translation>
            <numerusform>%n Eintrag unten markiert</numerusform>
            <numerusform>%n Einträge unten markiert</numerusform>
        </translation>
    </message>
    <message>
        <source>{count} things block</source>
        <translation>{count} Punkte blockieren</translation>
    </message>
    <message>
        <source>1 thing blocks</source>
        <translation>1 Punkt blockiert</translation>
    </message>
    <message>
        <source>{first}; and {last}</source>
        <translation>{first}; und {last}</translation>
    </message>
    <message>
        <source>{things} “{target}”: {reasons}</source>
        <translation>{things} „{target}“: {reasons}</translation>
    </message>
    <message>
        <source>Other moves</source>
        <translation>Weitere Schritte</translation>
    </message>
    <message>
        <source>Save the placement to start its checklist.</source>
        <translation>Speichern Sie das Praktikum, um seine Checkliste zu beginnen.</translation>
    </message>
    <message>
        <source>Status: &lt;b&gt;Draft&lt;/b&gt; (not saved yet)</source>
        <translation>Status: &lt;b&gt;Entwurf&lt;/b&gt; (noch nicht gespeichert)</translation>
    </message>
    <message>
        <source> — step {value} of {count}</source>
        <translation> — Schritt {value} von {count}</translation>
    </message>
    <message>
        <source>Status: &lt;b&gt;{label}&lt;/b&gt;{step}</source>
        <translation>Status: &lt;b&gt;{label}&lt;/b&gt;{step}</translation>
    </message>
    <message>
        <source>Move to “{label}”</source>
        <translation>Weiter zu „{label}“</translation>
    </message>
    <message>
        <source>Shows what still blocks it, with a way to each fix.</source>
        <translation>Zeigt, was noch blockiert, mit einem Weg zu jeder Lösung.</translation>
    </message>
    <message>
        <source>Cancel the placement…</source>
        <translation>Praktikum absagen…</translation>
    </message>
    <message>
        <source>Reopen as {label}</source>
        <translation>Wieder öffnen als {label}</translation>
    </message>
    <message>
        <source>Back to {label}</source>
        <translation>Zurück zu {label}</translation>
    </message>
    <message>
        <source>{phase} — {done} of {count} done</source>
        <translation>{phase} — {done} von {count} erledigt</translation>
    </message>
    <message>
        <source>nothing recorded</source>
        <translation>nichts erfasst</translation>
    </message>
    <message>
        <source>Before the placement</source>
        <translation>Vor dem Praktikum</translation>
    </message>
    <message>
        <source>During the placement</source>
        <translation>Während des Praktikums</translation>
    </message>
    <message>
        <source>After the placement</source>
        <translation>Nach dem Praktikum</translation>
    </message>
    <message>
        <source>Follows from vipdesk&apos;s records.</source>
        <translation>Ergibt sich aus den Daten von vipdesk.</translation>
    </message>
    <message>
        <source>Ticking by hand asks why (the records do not show it).</source>
        <translation>Manuelles Abhaken fragt nach dem Grund (die Daten zeigen es nicht).</translation>
    </message>
    <message>
        <source>⚠ blocks the next step</source>
        <translation>⚠ blockiert den nächsten Schritt</translation>
    </message>
    <message>
        <source>Tick by hand</source>
        <translation>Manuell abhaken</translation>
    </message>
    <message>
        <source>vipdesk ticks “{label}” from its records, which do not show it yet ({value}). Why is it done?</source>
        <translation>vipdesk hakt „{label}“ anhand seiner Daten ab, die es noch nicht zeigen ({value}). Warum ist es erledigt?</translation>
    </message>
    <message>
        <source>New placement</source>
        <translation>Neues Praktikum</translation>
    </message>
    <message>
        <source>Placement details</source>
        <translation>Details des Praktikums</translation>
    </message>
    <message>
        <source>Placement sections</source>
        <translation>Bereiche des Praktikums</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Preparation</source>
        <translation>Vorbereitung</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Vereinbarung</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>Begleitung</translation>
    </message>
    <message>
        <source>Mail</source>
        <translation>Mail</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>Speichern (Strg+S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source> — &lt;i&gt;unsaved changes&lt;/i&gt;</source>
        <translation> — &lt;i&gt;ungespeicherte Änderungen&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;New placement{dirty}&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Neues Praktikum{dirty}&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>{reference} — placement</source>
        <translation>{reference} — Praktikum</translation>
    </message>
    <message>
        <source>No further step: the placement is completed</source>
        <translation>Kein weiterer Schritt: Das Praktikum ist abgeschlossen</translation>
    </message>
    <message>
        <source>No further step: the placement was cancelled</source>
        <translation>Kein weiterer Schritt: Das Praktikum wurde abgesagt</translation>
    </message>
    <message>
        <source>No further step</source>
        <translation>Kein weiterer Schritt</translation>
    </message>
    <message numerus="yes">
        <source>Next: {label} — %n thing(s) still to do (Status tab)</source>
        <translation>
            <numerusform>Weiter: {label} — noch %n Punkt zu erledigen (Reiter „Status“)</numerusform>
            <numerusform>Weiter: {label} — noch %n Punkte zu erledigen (Reiter „Status“)</numerusform>
        </translation>
    </message>
    <message>
        <source>Next: {label} — nothing blocks it</source>
        <translation>Weiter: {label} — nichts blockiert</translation>
    </message>
    <message>
        <source>Restore unsaved changes?</source>
        <translation>Ungespeicherte Änderungen wiederherstellen?</translation>
    </message>
    <message>
        <source>vipdesk closed on {day} at {time} before changes to this placement were saved. Restore them? (They are not saved until you press Save.)</source>
        <translation>vipdesk wurde am {day} um {time} geschlossen, bevor Änderungen an diesem Praktikum gespeichert waren. Wiederherstellen? (Sie sind erst gespeichert, wenn Sie auf „Speichern“ klicken.)</translation>
    </message>
    <message>
        <source>Nothing was saved: please correct the fields marked below.</source>
        <translation>Nichts wurde gespeichert: Bitte korrigieren Sie die unten markierten Felder.</translation>
    </message>
    <message>
        <source>{exc} Your edits are still here, not saved.</source>
        <translation>{exc} Ihre Änderungen sind noch da, nicht gespeichert.</translation>
    </message>
    <message>
        <source>Delete {reference} ({title})? Its checklist goes with it. This cannot be undone.</source>
        <translation>{reference} ({title}) löschen? Die Checkliste wird mitgelöscht. Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>This placement has changes that are not saved. Save them before closing?</source>
        <translation>Dieses Praktikum hat ungespeicherte Änderungen. Vor dem Schließen speichern?</translation>
    </message>
    <message>
        <source>Virtual: online only. Blended: online with a physical stay abroad (give its periods below). Physical: on site at the host.</source>
        <translation>Virtuell: nur online. Kombiniert: online mit physischem Aufenthalt im Ausland (Phasen unten angeben). Physisch: vor Ort bei der aufnehmenden Organisation.</translation>
    </message>
    <message>
        <source>Who supervises the trainee&apos;s work at the host; signs the certificate</source>
        <translation>Wer die Arbeit der/des Praktikant/in bei der aufnehmenden Organisation betreut; unterzeichnet die Bescheinigung</translation>
    </message>
    <message>
        <source>Who follows the learning at the sending institution and recognises it</source>
        <translation>Wer das Lernen an der entsendenden Einrichtung begleitet und anerkennt</translation>
    </message>
    <message>
        <source>The trainee&apos;s university, which sends and recognises the placement</source>
        <translation>Die Hochschule der/des Praktikant/in, die das Praktikum entsendet und anerkennt</translation>
    </message>
    <message>
        <source>The agreed first day; the agreement and grant count from it</source>
        <translation>Der vereinbarte erste Tag; Vereinbarung und Förderung zählen ab ihm</translation>
    </message>
    <message>
        <source>The agreed last day; an extension is an amendment</source>
        <translation>Der vereinbarte letzte Tag; eine Verlängerung erfordert eine Änderungsvereinbarung</translation>
    </message>
    <message>
        <source>Agreed working hours a week (1 to 60), as the agreement states them</source>
        <translation>Vereinbarte Wochenarbeitszeit (1 bis 60 Stunden), wie in der Vereinbarung angegeben</translation>
    </message>
    <message>
        <source>ECTS the placement is worth in the degree; empty when it does not count (then no recognition is needed to complete it)</source>
        <translation>ECTS, die das Praktikum im Studium wert ist; leer, wenn es nicht zählt (dann ist keine Anerkennung nötig, um es abzuschließen)</translation>
    </message>
    <message>
        <source>Internal notes of the office: never printed on the agreement</source>
        <translation>Interne Notizen des Büros: nie auf die Vereinbarung gedruckt</translation>
    </message>
    <message>
        <source>Periods</source>
        <translation>Zeiträume</translation>
    </message>
    <message>
        <source>The placement&apos;s virtual and physical periods: kind, start, end</source>
        <translation>Die virtuellen und physischen Zeiträume des Praktikums: Art, Beginn, Ende</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Ende</translation>
    </message>
    <message>
        <source>Add period</source>
        <translation>Zeitraum hinzufügen</translation>
    </message>
    <message>
        <source>Remove period</source>
        <translation>Zeitraum entfernen</translation>
    </message>
    <message>
        <source>Period {value}: {exc}</source>
        <translation>Zeitraum {value}: {exc}</translation>
    </message>
    <message>
        <source>New student…</source>
        <translation>Neue/r Studierende/r…</translation>
    </message>
    <message>
        <source>New host…</source>
        <translation>Neue Organisation…</translation>
    </message>
    <message>
        <source>Type part of its name or country (↓ lists them)</source>
        <translation>Einen Teil des Namens oder Landes eingeben (↓ listet sie auf)</translation>
    </message>
    <message>
        <source>New institution…</source>
        <translation>Neue Einrichtung…</translation>
    </message>
    <message>
        <source>New mentor…</source>
        <translation>Neue/r Mentor/in…</translation>
    </message>
    <message>
        <source>New tutor…</source>
        <translation>Neue/r Tutor/in…</translation>
    </message>
    <message>
        <source>e.g. 7.5 (empty if none)</source>
        <translation>z. B. 7,5 (leer, wenn keine)</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Studierende/r</translation>
    </message>
    <message>
        <source>Company mentor</source>
        <translation>Mentor/in im Unternehmen</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Planned start and end</source>
        <translation>Geplanter Beginn und Ende</translation>
    </message>
    <message>
        <source>Hours per week</source>
        <translation>Stunden pro Woche</translation>
    </message>
    <message>
        <source>ECTS credits</source>
        <translation>ECTS-Punkte</translation>
    </message>
    <message>
        <source>Planned start</source>
        <translation>Geplanter Beginn</translation>
    </message>
    <message>
        <source>Planned end</source>
        <translation>Geplantes Ende</translation>
    </message>
    <message>
        <source>Blended: physical and virtual periods</source>
        <translation>Kombiniert: physische und virtuelle Phasen</translation>
    </message>
    <message>
        <source>No student matches what you typed: pick one from the list or create a new one.</source>
        <translation>Keine Studierenden passen zu Ihrer Eingabe: Wählen Sie eine Person aus der Liste oder legen Sie eine neue an.</translation>
    </message>
    <message>
        <source>No host organisation matches what you typed: pick one from the list or create a new one.</source>
        <translation>Keine aufnehmende Organisation passt zu Ihrer Eingabe: Wählen Sie eine aus der Liste oder legen Sie eine neue an.</translation>
    </message>
    <message>
        <source>No institution matches what you typed: pick one from the list or create a new one.</source>
        <translation>Keine Einrichtung passt zu Ihrer Eingabe: Wählen Sie eine aus der Liste oder legen Sie eine neue an.</translation>
    </message>
    <message>
        <source>No mentor matches what you typed: pick one from the list or create a new one.</source>
        <translation>Keine Mentorin und kein Mentor passt zu Ihrer Eingabe: Wählen Sie eine Person aus der Liste oder legen Sie eine neue an.</translation>
    </message>
    <message>
        <source>No tutor matches what you typed: pick one from the list or create a new one.</source>
        <translation>Keine Tutorin und kein Tutor passt zu Ihrer Eingabe: Wählen Sie eine Person aus der Liste oder legen Sie eine neue an.</translation>
    </message>
    <message>
        <source>(deleted since)</source>
        <translation>(inzwischen gelöscht)</translation>
    </message>
    <message>
        <source>Nothing has been recorded for this placement yet.</source>
        <translation>Für dieses Praktikum wurde noch nichts erfasst.</translation>
    </message>
    <message>
        <source>The history starts when the placement is first saved.</source>
        <translation>Der Verlauf beginnt, wenn das Praktikum zum ersten Mal gespeichert wird.</translation>
    </message>
    <message>
        <source>What changed, newest first</source>
        <translation>Was sich geändert hat, neueste zuerst</translation>
    </message>
    <message>
        <source>Stored details</source>
        <translation>Gespeicherte Details</translation>
    </message>
    <message>
        <source>Show the audit entry behind the selected line as stored</source>
        <translation>Den Protokolleintrag hinter der ausgewählten Zeile so zeigen, wie er gespeichert ist</translation>
    </message>
    <message>
        <source>Select a line to see the entry as stored.</source>
        <translation>Wählen Sie eine Zeile, um den gespeicherten Eintrag zu sehen.</translation>
    </message>
    <message>
        <source>{text}

As stored:
{detail}</source>
        <translation>{text}

Wie gespeichert:
{detail}</translation>
    </message>
    <message>
        <source>Choose the host organisation first: the mentor works there.</source>
        <translation>Wählen Sie zuerst die aufnehmende Organisation: Die Mentorin/der Mentor arbeitet dort.</translation>
    </message>
    <message>
        <source>Choose the sending institution first: the tutor works there.</source>
        <translation>Wählen Sie zuerst die entsendende Einrichtung: Die Tutorin/der Tutor arbeitet dort.</translation>
    </message>
    <message>
        <source>Status not changed</source>
        <translation>Status nicht geändert</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;The placement cannot move to “{label}” yet.&lt;/b&gt;&lt;br&gt;%n thing(s) need doing first:</source>
        <translation>
            <numerusform>&lt;b&gt;Das Praktikum kann noch nicht zu „{label}“ wechseln.&lt;/b&gt;&lt;br&gt;Dies ist zuerst zu erledigen:</numerusform>
            <numerusform>&lt;b&gt;Das Praktikum kann noch nicht zu „{label}“ wechseln.&lt;/b&gt;&lt;br&gt;Diese %n Punkte sind zuerst zu erledigen:</numerusform>
        </translation>
    </message>
    <message>
        <source>Open {label}</source>
        <translation>{label} öffnen</translation>
    </message>
    <message>
        <source>Move anyway (office lead)…</source>
        <translation>Trotzdem wechseln (Büroleitung)…</translation>
    </message>
    <message>
        <source>Move although the records do not back it yet; your reason is kept in the history.</source>
        <translation>Wechseln, obwohl die Daten es noch nicht stützen; Ihr Grund wird im Verlauf festgehalten.</translation>
    </message>
    <message>
        <source>Cancel placement</source>
        <translation>Praktikum abbrechen</translation>
    </message>
    <message>
        <source>Cancel {reference}? You can reopen it later.</source>
        <translation>{reference} abbrechen? Sie können es später wieder aufnehmen.</translation>
    </message>
    <message>
        <source>Move anyway</source>
        <translation>Trotzdem wechseln</translation>
    </message>
    <message>
        <source>Why does {reference} move to “{label}” although the records do not back it yet? The reason is kept in the placement&apos;s history.</source>
        <translation>Warum wechselt {reference} zu „{label}“, obwohl die Daten es noch nicht stützen? Der Grund wird im Verlauf des Praktikums festgehalten.</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Nächster Schritt</translation>
    </message>
    <message>
        <source>{details}
What to do: {action}.</source>
        <translation>{details}
Zu tun: {action}.</translation>
    </message>
    <message>
        <source>&lt;h2&gt;No placements yet&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Noch keine Praktika&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Start by recording a placement: the student, the host organisation, the dates and the mode (virtual, blended or physical).&lt;br&gt;Or open the demo database to look around with sample records first.</source>
        <translation>Beginnen Sie mit der Erfassung eines Praktikums: Studierende/r, aufnehmende Organisation, Daten und Format (virtuell, kombiniert oder physisch).&lt;br&gt;Oder öffnen Sie die Demo-Datenbank, um sich zuerst mit Beispieldaten umzusehen.</translation>
    </message>
    <message>
        <source>New placement (Ctrl+N)</source>
        <translation>Neues Praktikum (Strg+N)</translation>
    </message>
    <message>
        <source>Open the demo database</source>
        <translation>Die Demo-Datenbank öffnen</translation>
    </message>
    <message>
        <source>Search placements</source>
        <translation>Praktika durchsuchen</translation>
    </message>
    <message>
        <source>Search reference, student, organisation, title or country  (Ctrl+F)</source>
        <translation>Referenz, Studierende/n, Organisation, Titel oder Land suchen  (Strg+F)</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>Alle Jahre</translation>
    </message>
    <message>
        <source>All countries</source>
        <translation>Alle Länder</translation>
    </message>
    <message>
        <source>Host country</source>
        <translation>Aufnahmeland</translation>
    </message>
    <message>
        <source>Show the placements hosted in one country</source>
        <translation>Die Praktika in einem Land zeigen</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Handlungsbedarf</translation>
    </message>
    <message>
        <source>Show only placements with something due on the work list (the Today tab)</source>
        <translation>Nur Praktika mit etwas Fälligem in der Arbeitsliste zeigen (Reiter „Heute“)</translation>
    </message>
    <message>
        <source>Show the placements of one status</source>
        <translation>Die Praktika eines Status zeigen</translation>
    </message>
    <message>
        <source>One placement per row; Enter opens it</source>
        <translation>Ein Praktikum pro Zeile; Eingabe öffnet es</translation>
    </message>
    <message>
        <source>VIP-2026-00000</source>
        <translation>VIP-2026-00000</translation>
    </message>
    <message>
        <source>Blended</source>
        <translation>Kombiniert</translation>
    </message>
    <message>
        <source>All placements</source>
        <translation>Alle Praktika</translation>
    </message>
    <message numerus="yes">
        <source>%Ln shown</source>
        <translation>
            <numerusform>%Ln angezeigt</numerusform>
            <numerusform>%Ln angezeigt</numerusform>
        </translation>
    </message>
    <message>
        <source>Needs attention ({waiting:,})</source>
        <translation>Handlungsbedarf ({waiting:,})</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>Mo</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>Di</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>Mi</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>Do</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>Fr</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>Sa</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>So</translation>
    </message>
    <message>
        <source>Shared hours per weekday</source>
        <translation>Gemeinsame Stunden pro Wochentag</translation>
    </message>
    <message>
        <source>No shared hours to show</source>
        <translation>Keine gemeinsamen Stunden anzuzeigen</translation>
    </message>
    <message>
        <source>Result…</source>
        <translation>Ergebnis…</translation>
    </message>
    <message>
        <source>Scores per theme, blocking answers and advice</source>
        <translation>Punktzahlen je Thema, blockierende Antworten und Hinweise</translation>
    </message>
    <message>
        <source>Export as PDF…</source>
        <translation>Als PDF exportieren…</translation>
    </message>
    <message>
        <source>The questionnaire as a fillable PDF to send to the party</source>
        <translation>Der Fragebogen als ausfüllbares PDF zum Senden an die Partei</translation>
    </message>
    <message>
        <source>Not assessed</source>
        <translation>Nicht bewertet</translation>
    </message>
    <message>
        <source> · {earlier} earlier</source>
        <translation> · {earlier} frühere</translation>
    </message>
    <message>
        <source>Blocks: “{question}” {answer}</source>
        <translation>Blockiert: „{question}“ {answer}</translation>
    </message>
    <message>
        <source>Low: {label} ({score})</source>
        <translation>Niedrig: {label} ({score})</translation>
    </message>
    <message>
        <source>Re-assessment</source>
        <translation>Neubewertung</translation>
    </message>
    <message>
        <source>Questionnaire</source>
        <translation>Fragebogen</translation>
    </message>
    <message>
        <source>Resume questionnaire…</source>
        <translation>Fragebogen fortsetzen…</translation>
    </message>
    <message>
        <source>{what} started {started_at} by {respondent}, not finished</source>
        <translation>{what} begonnen am {started_at} von {respondent}, nicht abgeschlossen</translation>
    </message>
    <message>
        <source>Started {started_at} by {respondent}; continues at the first unanswered page</source>
        <translation>Begonnen am {started_at} von {respondent}; wird auf der ersten unbeantworteten Seite fortgesetzt</translation>
    </message>
    <message>
        <source>Re-assess…</source>
        <translation>Neu bewerten…</translation>
    </message>
    <message>
        <source>A new questionnaire; the earlier result stays in history</source>
        <translation>Ein neuer Fragebogen; das frühere Ergebnis bleibt im Verlauf</translation>
    </message>
    <message>
        <source>Start questionnaire…</source>
        <translation>Fragebogen beginnen…</translation>
    </message>
    <message>
        <source>Communication protocol</source>
        <translation>Kommunikationsprotokoll</translation>
    </message>
    <message>
        <source>&lt;b&gt;Written&lt;/b&gt;{who} · reports {label}, replies within {reply_hours} h</source>
        <translation>&lt;b&gt;Erstellt&lt;/b&gt;{who} · Berichte {label}, Antwort innerhalb von {reply_hours} Std.</translation>
    </message>
    <message>
        <source>Edit protocol…</source>
        <translation>Protokoll bearbeiten…</translation>
    </message>
    <message>
        <source>Not written yet: availability, reporting, reply times, meetings.</source>
        <translation>Noch nicht erstellt: Erreichbarkeit, Berichte, Antwortzeiten, Treffen.</translation>
    </message>
    <message>
        <source>Write protocol…</source>
        <translation>Protokoll erstellen…</translation>
    </message>
    <message>
        <source>{hours_text} shared a working day</source>
        <translation>{hours_text} gemeinsam pro Arbeitstag</translation>
    </message>
    <message>
        <source>Shared hours: {shared}</source>
        <translation>Gemeinsame Stunden: {shared}</translation>
    </message>
    <message>
        <source>With office hours (Monday to Friday, 9:00–17:00) for everyone: {shared}.</source>
        <translation>Mit Bürozeiten (Montag bis Freitag, 9:00–17:00) für alle: {shared}.</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Tools</translation>
    </message>
    <message>
        <source>Choose tools…</source>
        <translation>Tools wählen…</translation>
    </message>
    <message>
        <source>Test plan…</source>
        <translation>Testplan…</translation>
    </message>
    <message>
        <source>No tools chosen yet: which tool serves meetings, questions, reports, documents?</source>
        <translation>Noch keine Tools gewählt: Welches Tool dient Treffen, Fragen, Berichten, Dokumenten?</translation>
    </message>
    <message>
        <source>{names} · tested {done} of {count} (tool × person)</source>
        <translation>{names} · getestet {done} von {count} (Tool × Person)</translation>
    </message>
    <message>
        <source> · {count} tips in Choose tools</source>
        <translation> · {count} Tipps unter „Tools wählen“</translation>
    </message>
    <message>
        <source>Blocks “Agreement sent”:
</source>
        <translation>Blockiert „Vereinbarung versandt“:
</translation>
    </message>
    <message>
        <source>Save the placement to start its preparation.</source>
        <translation>Speichern Sie das Praktikum, um seine Vorbereitung zu beginnen.</translation>
    </message>
    <message>
        <source>Import returned questionnaire…</source>
        <translation>Zurückgesandten Fragebogen importieren…</translation>
    </message>
    <message>
        <source>Language of exported questionnaires</source>
        <translation>Sprache exportierter Fragebögen</translation>
    </message>
    <message>
        <source>“Export as PDF…” writes the questionnaire in this language (in English where it is not translated yet)</source>
        <translation>„Als PDF exportieren…“ schreibt den Fragebogen in dieser Sprache (auf Englisch, wo er noch nicht übersetzt ist)</translation>
    </message>
    <message>
        <source> by {name}</source>
        <translation> von {name}</translation>
    </message>
    <message>
        <source>Meeting: every {weekday}, {start} ({zone})</source>
        <translation>Treffen: jeden {weekday}, {start} ({zone})</translation>
    </message>
    <message>
        <source>PDFs &amp;in:</source>
        <translation>PDFs &amp;auf:</translation>
    </message>
    <message>
        <source>Something blocks the start: see the critical answers below.</source>
        <translation>Etwas blockiert den Beginn: siehe die kritischen Antworten unten.</translation>
    </message>
    <message>
        <source>Student, host and institution are ready.</source>
        <translation>Studierende/r, aufnehmende Organisation und Einrichtung sind bereit.</translation>
    </message>
    <message>
        <source>Not everything is assessed or strong enough yet.</source>
        <translation>Noch nicht alles ist bewertet oder ausreichend.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Readiness&lt;/b&gt;&lt;br&gt;{verdict}</source>
        <translation>&lt;b&gt;Bereitschaft&lt;/b&gt;&lt;br&gt;{verdict}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{label}&lt;/b&gt; — answered by {respondent} on {when} (questionnaire version {questionnaire_version})</source>
        <translation>&lt;b&gt;{label}&lt;/b&gt; — beantwortet von {respondent} am {when} (Fragebogenversion {questionnaire_version})</translation>
    </message>
    <message>
        <source>{label} works on {name}</source>
        <translation>{label} arbeitet am {name}</translation>
    </message>
    <message>
        <source>{label} starts at</source>
        <translation>{label} beginnt um</translation>
    </message>
    <message>
        <source>{label} ends at</source>
        <translation>{label} endet um</translation>
    </message>
    <message>
        <source>Working days</source>
        <translation>Arbeitstage</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source> ({first} to {last})</source>
        <translation> ({first} bis {last})</translation>
    </message>
    <message>
        <source>Every {weekday}, {start}–{end} ({zone})</source>
        <translation>Jeden {weekday}, {start}–{end} ({zone})</translation>
    </message>
    <message>
        <source>Shared working hours per weekday, {first} to {last}, in the student&apos;s days:</source>
        <translation>Gemeinsame Arbeitsstunden pro Wochentag, {first} bis {last}, in den Tagen der/des Studierenden:</translation>
    </message>
    <message>
        <source>Fill in the student&apos;s time zone, days and hours to see them.</source>
        <translation>Geben Sie Zeitzone, Tage und Stunden der/des Studierenden ein, um sie zu sehen.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Suggested {meeting_minutes}-minute meeting:&lt;/b&gt; {first_line}</source>
        <translation>&lt;b&gt;Vorgeschlagenes {meeting_minutes}-Minuten-Treffen:&lt;/b&gt; {first_line}</translation>
    </message>
    <message>
        <source>&lt;b&gt;No meeting time&lt;/b&gt; fits every week: see below.</source>
        <translation>&lt;b&gt;Kein Termin für ein Treffen&lt;/b&gt; passt in jede Woche: siehe unten.</translation>
    </message>
    <message>
        <source>communication protocol</source>
        <translation>Kommunikationsprotokoll</translation>
    </message>
    <message>
        <source>Communication protocol not saved</source>
        <translation>Kommunikationsprotokoll nicht gespeichert</translation>
    </message>
    <message>
        <source> working hours</source>
        <translation> Arbeitsstunden</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> Minuten</translation>
    </message>
    <message>
        <source>e.g. Teams: weekly meeting and quick questions. E-mail: reports. Shared drive: deliverables. A chat group: non-task talk.</source>
        <translation>z. B. Teams: wöchentliches Treffen und kurze Fragen. E-Mail: Berichte. Gemeinsames Laufwerk: Arbeitsergebnisse. Eine Chatgruppe: informeller Austausch.</translation>
    </message>
    <message>
        <source>Name, e-mail or phone, and hours</source>
        <translation>Name, E-Mail oder Telefon und Zeiten</translation>
    </message>
    <message>
        <source>Availability</source>
        <translation>Erreichbarkeit</translation>
    </message>
    <message>
        <source>Shared hours</source>
        <translation>Gemeinsame Stunden</translation>
    </message>
    <message>
        <source>Reporting</source>
        <translation>Berichte</translation>
    </message>
    <message>
        <source>Reply within</source>
        <translation>Antwort innerhalb von</translation>
    </message>
    <message>
        <source>Meeting length</source>
        <translation>Dauer eines Treffens</translation>
    </message>
    <message>
        <source>Which tool for what</source>
        <translation>Welches Tool wofür</translation>
    </message>
    <message>
        <source>Helpdesk for the student</source>
        <translation>Ansprechpartner für die/den Studierende/n</translation>
    </message>
    <message>
        <source>Helpdesk for company staff</source>
        <translation>Ansprechpartner für das Personal des Unternehmens</translation>
    </message>
    <message>
        <source>Communication protocol — {heading}</source>
        <translation>Kommunikationsprotokoll — {heading}</translation>
    </message>
    <message>
        <source>{label}: &apos;{text}&apos; is not a time zone.</source>
        <translation>{label}: „{text}“ ist keine Zeitzone.</translation>
    </message>
    <message>
        <source>Readiness result</source>
        <translation>Ergebnis der Bereitschaft</translation>
    </message>
    <message>
        <source>&lt;br&gt;{missing} required question(s) not answered yet.</source>
        <translation>&lt;br&gt;{missing} Pflichtfrage(n) noch nicht beantwortet.</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;font-size:large&apos;&gt;{level_badge}&amp;nbsp; Overall score &lt;b&gt;{overall}&lt;/b&gt;&lt;/p&gt;{note}</source>
        <translation>&lt;p style=&apos;font-size:large&apos;&gt;{level_badge}&amp;nbsp; Gesamtpunktzahl &lt;b&gt;{overall}&lt;/b&gt;&lt;/p&gt;{note}</translation>
    </message>
    <message>
        <source>below {threshold}</source>
        <translation>unter {threshold}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Blocking answers&lt;/b&gt; — these must be solved before the placement can start:&lt;ul style=&apos;margin-left:-20px&apos;&gt;</source>
        <translation>&lt;b&gt;Blockierende Antworten&lt;/b&gt; — diese müssen gelöst sein, bevor das Praktikum beginnen kann:&lt;ul style=&apos;margin-left:-20px&apos;&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;What to do&lt;/b&gt;&lt;ul style=&apos;margin-left:-20px&apos;&gt;</source>
        <translation>&lt;b&gt;Was zu tun ist&lt;/b&gt;&lt;ul style=&apos;margin-left:-20px&apos;&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;What to do&lt;/b&gt;&lt;br&gt;Nothing: every answer is strong.</source>
        <translation>&lt;b&gt;Was zu tun ist&lt;/b&gt;&lt;br&gt;Nichts: Jede Antwort ist stark.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Placement:&lt;/b&gt; {about}</source>
        <translation>&lt;b&gt;Praktikum:&lt;/b&gt; {about}</translation>
    </message>
    <message>
        <source>{count} questions on {count2} pages, about {max} minutes. Each page is saved when you press Next: you can stop at any time and continue later.</source>
        <translation>{count} Fragen auf {count2} Seiten, etwa {max} Minuten. Jede Seite wird beim Klick auf „Weiter“ gespeichert: Sie können jederzeit aufhören und später fortfahren.</translation>
    </message>
    <message>
        <source>{value} of {count} answered — </source>
        <translation>{value} von {count} beantwortet — </translation>
    </message>
    <message>
        <source>answer every question marked * to go on.</source>
        <translation>beantworten Sie jede mit * markierte Frage, um fortzufahren.</translation>
    </message>
    <message>
        <source>press Next to save.</source>
        <translation>klicken Sie auf „Weiter“, um zu speichern.</translation>
    </message>
    <message>
        <source>{page} · Optional: leave empty if there is nothing to add.</source>
        <translation>{page} · Optional: leer lassen, wenn es nichts hinzuzufügen gibt.</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Press Finish to record this assessment. Until then you can go back and change answers.</source>
        <translation>Klicken Sie auf „Abschließen“, um diese Bewertung zu speichern. Bis dahin können Sie zurückgehen und Antworten ändern.</translation>
    </message>
    <message>
        <source>{party} readiness</source>
        <translation>Bereitschaft: {party}</translation>
    </message>
    <message>
        <source>Page {n} of {count}</source>
        <translation>Seite {n} von {count}</translation>
    </message>
    <message>
        <source>{exc}
Your answers on this page are kept.</source>
        <translation>{exc}
Ihre Antworten auf dieser Seite bleiben erhalten.</translation>
    </message>
    <message>
        <source>{exc} Their answers are shown now; check this page and press Next again.</source>
        <translation>{exc} Deren Antworten werden nun angezeigt; prüfen Sie diese Seite und klicken Sie erneut auf „Weiter“.</translation>
    </message>
    <message>
        <source>Close without saving?</source>
        <translation>Ohne Speichern schließen?</translation>
    </message>
    <message>
        <source>This page could not be saved. Close anyway and lose its answers?</source>
        <translation>Diese Seite konnte nicht gespeichert werden. Trotzdem schließen und ihre Antworten verlieren?</translation>
    </message>
    <message>
        <source>{tool_name} with the {label}</source>
        <translation>{tool_name} mit {label}</translation>
    </message>
    <message>
        <source>Result: {who}</source>
        <translation>Ergebnis: {who}</translation>
    </message>
    <message>
        <source>Date: {who}</source>
        <translation>Datum: {who}</translation>
    </message>
    <message>
        <source>Note: {who}</source>
        <translation>Notiz: {who}</translation>
    </message>
    <message>
        <source>What happened; for a failure, what replaces it</source>
        <translation>Was geschah; bei einem Fehlschlag, was es ersetzt</translation>
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
        <translation>Testen Sie jedes Tool vor Beginn mit jeder Person: installieren, anmelden, ein kurzer Anruf oder eine Nachricht, eine gemeinsame Datei. Erfassen Sie, was geschah.</translation>
    </message>
    <message>
        <source>With</source>
        <translation>Mit</translation>
    </message>
    <message>
        <source>Choose the tools first.</source>
        <translation>Wählen Sie zuerst die Tools.</translation>
    </message>
    <message>
        <source>{who}: someone else recorded this test meanwhile; reloaded.</source>
        <translation>{who}: Jemand anderes hat diesen Test inzwischen erfasst; neu geladen.</translation>
    </message>
    <message>
        <source>{name} (optional)</source>
        <translation>{name} (freiwillig)</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— keines —</translation>
    </message>
    <message>
        <source>{name} (not made for this)</source>
        <translation>{name} (nicht dafür gemacht)</translation>
    </message>
    <message>
        <source>Choose tools that everybody can use and preferably already uses, and say explicitly which one serves each purpose.</source>
        <translation>Wählen Sie Tools, die alle nutzen können und möglichst schon nutzen, und legen Sie ausdrücklich fest, welches welchem Zweck dient.</translation>
    </message>
    <message>
        <source>Check the choice</source>
        <translation>Die Auswahl prüfen</translation>
    </message>
    <message>
        <source>Press Finish to save. Then test every tool with the student, the mentor and the tutor: the agreement cannot be sent before.</source>
        <translation>Klicken Sie auf „Abschließen“, um zu speichern. Testen Sie dann jedes Tool mit der/dem Studierenden, der Mentorin/dem Mentor und der Tutorin/dem Tutor: Vorher kann die Vereinbarung nicht versandt werden.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Chosen&lt;/b&gt;&lt;ul style=&apos;margin-left:-20px&apos;&gt;</source>
        <translation>&lt;b&gt;Gewählt&lt;/b&gt;&lt;ul style=&apos;margin-left:-20px&apos;&gt;</translation>
    </message>
    <message>
        <source>No tool chosen yet.</source>
        <translation>Noch kein Tool gewählt.</translation>
    </message>
    <message>
        <source>No advice: the choice follows the guide.</source>
        <translation>Kein Hinweis: Die Auswahl folgt dem Leitfaden.</translation>
    </message>
    <message>
        <source>Tools — {heading}</source>
        <translation>Tools — {heading}</translation>
    </message>
    <message>
        <source>Tools not saved</source>
        <translation>Tools nicht gespeichert</translation>
    </message>
    <message>
        <source> They chose: {join}.</source>
        <translation> Gewählt wurde: {join}.</translation>
    </message>
    <message>
        <source>Someone else chose tools for this placement after you opened it.{chosen} Press Finish again to keep your choice, or Back to change it.</source>
        <translation>Jemand anderes hat Tools für dieses Praktikum gewählt, nachdem Sie es geöffnet hatten.{chosen} Klicken Sie erneut auf „Abschließen“, um Ihre Auswahl zu behalten, oder auf „Zurück“, um sie zu ändern.</translation>
    </message>
    <message>
        <source>Their version differs in: {join}.

</source>
        <translation>Deren Fassung weicht ab in: {join}.

</translation>
    </message>
    <message>
        <source>{details}Reload shows their version and drops your edits; Keep mine saves your version over theirs.</source>
        <translation>{details}„Neu laden“ zeigt deren Fassung und verwirft Ihre Änderungen; „Meine behalten“ speichert Ihre Fassung über deren.</translation>
    </message>
    <message>
        <source>Reload (discard mine)</source>
        <translation>Neu laden (meine verwerfen)</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>Meine behalten</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not in the list; choose {what} from it.</source>
        <translation>„{text}“ ist nicht in der Liste; wählen Sie {what} daraus.</translation>
    </message>
    <message>
        <source>Discard your changes?</source>
        <translation>Ihre Änderungen verwerfen?</translation>
    </message>
    <message>
        <source>Equity flags are special-category personal data (GDPR art. 9). Include them only when the recipient needs them, e.g. for a grant&apos;s inclusion support; keep and send the file securely.</source>
        <translation>Merkmale der Chancengerechtigkeit sind besondere Kategorien personenbezogener Daten (Art. 9 DSGVO). Nehmen Sie sie nur auf, wenn die Empfänger sie brauchen, z. B. für die Inklusionsförderung; bewahren und senden Sie die Datei sicher.</translation>
    </message>
    <message>
        <source>The report was not saved</source>
        <translation>Der Bericht wurde nicht gespeichert</translation>
    </message>
    <message>
        <source>Cancelled: no file was written.</source>
        <translation>Abgebrochen: Es wurde keine Datei geschrieben.</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <source>Every placement</source>
        <translation>Jedes Praktikum</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>Language of the report</source>
        <translation>Sprache des Berichts</translation>
    </message>
    <message>
        <source>Sheet names, headers, summaries and charts in this language; the data as recorded</source>
        <translation>Blattnamen, Überschriften, Zusammenfassungen und Diagramme in dieser Sprache; die Daten wie erfasst</translation>
    </message>
    <message>
        <source>Include the students&apos; equity flags</source>
        <translation>Merkmale der Chancengerechtigkeit der Studierenden aufnehmen</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Speichern als</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Bericht</translation>
    </message>
    <message>
        <source>Search text</source>
        <translation>Suchtext</translation>
    </message>
    <message>
        <source>Year (planned start)</source>
        <translation>Jahr (geplanter Beginn)</translation>
    </message>
    <message>
        <source>Sensitive data</source>
        <translation>Sensible Daten</translation>
    </message>
    <message>
        <source>Save to</source>
        <translation>Speichern in</translation>
    </message>
    <message>
        <source>Then e-mail it (to a funder or a manager)</source>
        <translation>Danach per E-Mail senden (an einen Geldgeber oder eine Leitung)</translation>
    </message>
    <message>
        <source>An Excel workbook with the filters below, key figures with a chart, and the detail. The filters start as they are set in the placements list.</source>
        <translation>Eine Excel-Arbeitsmappe mit den Filtern unten, Kennzahlen mit Diagramm und den Einzelheiten. Die Filter beginnen so, wie sie in der Praktikumsliste eingestellt sind.</translation>
    </message>
    <message>
        <source>Save the report as</source>
        <translation>Den Bericht speichern als</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel-Arbeitsmappe (*.xlsx)</translation>
    </message>
    <message>
        <source>Choose where to save the report.</source>
        <translation>Wählen Sie, wo der Bericht gespeichert wird.</translation>
    </message>
    <message>
        <source>The folder {parent} does not exist.</source>
        <translation>Der Ordner {parent} existiert nicht.</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>Die Datei ersetzen?</translation>
    </message>
    <message>
        <source>{name} exists already. Replace it?</source>
        <translation>{name} existiert bereits. Ersetzen?</translation>
    </message>
    <message>
        <source>Writing the report…</source>
        <translation>Der Bericht wird geschrieben…</translation>
    </message>
    <message>
        <source>Exporting the report “{title}”</source>
        <translation>Bericht „{title}“ wird exportiert</translation>
    </message>
    <message>
        <source>funding sources</source>
        <translation>Finanzierungsquellen</translation>
    </message>
    <message>
        <source>placements</source>
        <translation>Praktika</translation>
    </message>
    <message>
        <source>Saved {records:,} {what} to {path}.</source>
        <translation>{records:,} {what} in {path} gespeichert.</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv *.txt);;All files (*)</source>
        <translation>Tabellen (*.xlsx *.csv *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>The template was not saved</source>
        <translation>Die Vorlage wurde nicht gespeichert</translation>
    </message>
    <message>
        <source>Nothing was imported</source>
        <translation>Es wurde nichts importiert</translation>
    </message>
    <message>
        <source>&lt;b&gt;Nothing was imported.&lt;/b&gt; </source>
        <translation>&lt;b&gt;Es wurde nichts importiert.&lt;/b&gt; </translation>
    </message>
    <message>
        <source>Stopped: nothing was imported.</source>
        <translation>Angehalten: Es wurde nichts importiert.</translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation>Keine Datei gewählt.</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Datei wählen…</translation>
    </message>
    <message>
        <source>Save template…</source>
        <translation>Vorlage speichern…</translation>
    </message>
    <message>
        <source>An empty workbook with the right columns and a Help sheet</source>
        <translation>Eine leere Arbeitsmappe mit den richtigen Spalten und einem Hilfeblatt</translation>
    </message>
    <message>
        <source>How dates written with slashes are read; 31.12.2000 and 2000-12-31 are always clear</source>
        <translation>Wie Daten mit Schrägstrichen gelesen werden; 31.12.2000 und 2000-12-31 sind immer eindeutig</translation>
    </message>
    <message>
        <source>Dates such as 01/02/2026 are written &amp;day first or month first:</source>
        <translation>Daten wie 01/02/2026 sind mit &amp;Tag oder Monat zuerst geschrieben:</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>The rows as they would be imported</source>
        <translation>Die Zeilen, wie sie importiert würden</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <source>What to correct, row by row</source>
        <translation>Was zu korrigieren ist, Zeile für Zeile</translation>
    </message>
    <message>
        <source>Reading and checking the file…</source>
        <translation>Die Datei wird gelesen und geprüft…</translation>
    </message>
    <message>
        <source>Checking {name}</source>
        <translation>{name} wird geprüft</translation>
    </message>
    <message>
        <source>The date order was not changed</source>
        <translation>Die Datumsreihenfolge wurde nicht geändert</translation>
    </message>
    <message>
        <source>&lt;b&gt;This file cannot be imported.&lt;/b&gt; {message}</source>
        <translation>&lt;b&gt;Diese Datei kann nicht importiert werden.&lt;/b&gt; {message}</translation>
    </message>
    <message>
        <source>Import as</source>
        <translation>Importieren als</translation>
    </message>
    <message>
        <source> (first {PREVIEW_ROWS} shown)</source>
        <translation> (die ersten {PREVIEW_ROWS} angezeigt)</translation>
    </message>
    <message>
        <source>&lt;b&gt;{source}&lt;/b&gt;: {count:,} rows{more} — {summary}.</source>
        <translation>&lt;b&gt;{source}&lt;/b&gt;: {count:,} Zeilen{more} — {summary}.</translation>
    </message>
    <message>
        <source>&lt;br&gt;Columns not used: {join}.</source>
        <translation>&lt;br&gt;Nicht verwendete Spalten: {join}.</translation>
    </message>
    <message>
        <source>&lt;br&gt;Dates with slashes read {label}.</source>
        <translation>&lt;br&gt;Daten mit Schrägstrichen gelesen als: {label}.</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Nothing can be imported until every problem below is corrected in the file&lt;/b&gt; ({count:,}).&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Nichts kann importiert werden, bis jedes Problem unten in der Datei korrigiert ist&lt;/b&gt; ({count:,}).&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;There is nothing new to import.</source>
        <translation>&lt;br&gt;Es gibt nichts Neues zu importieren.</translation>
    </message>
    <message>
        <source>Problems ({count:,})</source>
        <translation>Probleme ({count:,})</translation>
    </message>
    <message>
        <source> {count:,} already existed and were skipped.</source>
        <translation> {count:,} waren bereits vorhanden und wurden übersprungen.</translation>
    </message>
    <message>
        <source>&amp;Export report to Excel…</source>
        <translation>Bericht nach &amp;Excel exportieren…</translation>
    </message>
    <message>
        <source>Save import &amp;template</source>
        <translation>Import&amp;vorlage speichern</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>{path} gespeichert.</translation>
    </message>
    <message>
        <source>Snooze — {reference}</source>
        <translation>Zurückstellen — {reference}</translation>
    </message>
    <message>
        <source>Why, e.g. “host HR away until Monday”</source>
        <translation>Warum, z. B. „HR der Organisation bis Montag abwesend“</translation>
    </message>
    <message>
        <source>Hide &amp;until</source>
        <translation>Ausblenden &amp;bis</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>&amp;Notiz</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Zurückstellen</translation>
    </message>
    <message>
        <source>It shows again the day after, unless the records say it is done by then.</source>
        <translation>Es erscheint am Tag danach wieder, es sei denn, die Daten zeigen bis dahin, dass es erledigt ist.</translation>
    </message>
    <message>
        <source>Work-list rules</source>
        <translation>Regeln der Arbeitsliste</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>{what}. Shipped default: {default_days} days.</source>
        <translation>{what}. Mitgelieferter Standard: {default_days} Tage.</translation>
    </message>
    <message>
        <source>Restore &amp;defaults</source>
        <translation>&amp;Standard wiederherstellen</translation>
    </message>
    <message>
        <source>When the work list shows an item. These numbers apply to everyone using this database.</source>
        <translation>Wann die Arbeitsliste einen Eintrag zeigt. Diese Zahlen gelten für alle, die diese Datenbank nutzen.</translation>
    </message>
    <message>
        <source>Snoozed {reference} ({what}) until {day_text}.</source>
        <translation>{reference} ({what}) bis {day_text} zurückgestellt.</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Aufnehmende Organisation</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Zu tun</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
    <message>
        <source>{what}: {details}
What to do: {action}.</source>
        <translation>{what}: {details}
Zu tun: {action}.</translation>
    </message>
    <message>
        <source>365 days overdue</source>
        <translation>365 Tage überfällig</translation>
    </message>
    <message>
        <source>30 Sep 2026</source>
        <translation>30. Sep. 2026</translation>
    </message>
    <message>
        <source>Open the placement where this is done (Enter)</source>
        <translation>Das Praktikum dort öffnen, wo dies erledigt wird (Eingabe)</translation>
    </message>
    <message>
        <source>S&amp;nooze…</source>
        <translation>&amp;Zurückstellen…</translation>
    </message>
    <message>
        <source>Hide this item until a date ({SNOOZE_SHORTCUT})</source>
        <translation>Diesen Eintrag bis zu einem Datum ausblenden ({SNOOZE_SHORTCUT})</translation>
    </message>
    <message>
        <source>&amp;Rules…</source>
        <translation>&amp;Regeln…</translation>
    </message>
    <message>
        <source>When the work list shows an item: the number of days</source>
        <translation>Wann die Arbeitsliste einen Eintrag zeigt: die Zahl der Tage</translation>
    </message>
    <message>
        <source>Send re&amp;minders…</source>
        <translation>&amp;Erinnerungen senden…</translation>
    </message>
    <message>
        <source>E-mail each party a due item waits for: signatures, certificate, evaluations</source>
        <translation>Jeder Partei, auf die ein fälliger Eintrag wartet, eine E-Mail senden: Unterschriften, Bescheinigung, Evaluationen</translation>
    </message>
    <message>
        <source>Reminders: {summary}.</source>
        <translation>Erinnerungen: {summary}.</translation>
    </message>
    <message>
        <source>Work list</source>
        <translation>Arbeitsliste</translation>
    </message>
    <message>
        <source>What is due, grouped by overdue, this week and later</source>
        <translation>Was fällig ist, gruppiert nach überfällig, diese Woche und später</translation>
    </message>
    <message>
        <source>&lt;h2&gt;All is done&lt;/h2&gt;&lt;p&gt;Nothing needs you today: no signatures waiting too long, no start with preparation open, no certificate or evaluation missing.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Alles erledigt&lt;/h2&gt;&lt;p&gt;Heute braucht Sie nichts: keine Unterschriften, die zu lange warten, kein Beginn mit offener Vorbereitung, keine fehlende Bescheinigung oder Evaluation.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Today, {long_day}&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Heute, {long_day}&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Cannot snooze</source>
        <translation>Zurückstellen nicht möglich</translation>
    </message>
    <message>
        <source> · {snoozed:,} snoozed</source>
        <translation> · {snoozed:,} zurückgestellt</translation>
    </message>
    <message>
        <source>Nothing due{snoozed}.</source>
        <translation>Nichts fällig{snoozed}.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s): {parts}{snoozed}</source>
        <translation>
            <numerusform>%Ln Eintrag: {parts}{snoozed}</numerusform>
            <numerusform>%Ln Einträge: {parts}{snoozed}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln overdue</source>
        <translation>
            <numerusform>%Ln überfällig</numerusform>
            <numerusform>%Ln überfällig</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln this week</source>
        <translation>
            <numerusform>%Ln diese Woche</numerusform>
            <numerusform>%Ln diese Woche</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln later</source>
        <translation>
            <numerusform>%Ln später</numerusform>
            <numerusform>%Ln später</numerusform>
        </translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>Verbleibende Tage</translation>
    </message>
    <message>
        <source>Recently deleted</source>
        <translation>Kürzlich gelöscht</translation>
    </message>
    <message>
        <source>Placements and cost items deleted in the last 30 days. Restoring one brings it back with everything it had: checklist, questionnaires, protocol, tools, agreements and costs.</source>
        <translation>In den letzten 30 Tagen gelöschte Praktika und Kostenposten. Beim Wiederherstellen kommt alles zurück: Checkliste, Fragebögen, Protokoll, Tools, Vereinbarungen und Kosten.</translation>
    </message>
    <message>
        <source>What was deleted in the last 30 days</source>
        <translation>Was in den letzten 30 Tagen gelöscht wurde</translation>
    </message>
    <message>
        <source>Nothing was deleted in the last 30 days.</source>
        <translation>In den letzten 30 Tagen wurde nichts gelöscht.</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>Not restored</source>
        <translation>Nicht wiederhergestellt</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>JJJJ-MM-TT</translation>
    </message>
    <message>
        <source>Pick from a calendar</source>
        <translation>Aus einem Kalender wählen</translation>
    </message>
    <message>
        <source>{label} (required)</source>
        <translation>{label} (Pflichtfeld)</translation>
    </message>
    <message>
        <source>Type part of a name, e-mail or student number</source>
        <translation>Teil eines Namens, einer E-Mail oder einer Matrikelnummer eingeben</translation>
    </message>
    <message>
        <source>Starts soon with preparation open</source>
        <translation>Beginnt bald bei offener Vorbereitung</translation>
    </message>
    <message>
        <source>Close what blocks the start, or move the start</source>
        <translation>Beheben, was den Beginn blockiert, oder den Beginn verschieben</translation>
    </message>
    <message>
        <source>Warn this many days before the start while preparation is open</source>
        <translation>So viele Tage vor dem Beginn warnen, solange die Vorbereitung offen ist</translation>
    </message>
    <message>
        <source>Agreement waiting for signatures</source>
        <translation>Vereinbarung wartet auf Unterschriften</translation>
    </message>
    <message>
        <source>Remind who has not signed</source>
        <translation>An fehlende Unterschriften erinnern</translation>
    </message>
    <message>
        <source>Agreement out for signature for this many days</source>
        <translation>Vereinbarung so viele Tage zur Unterzeichnung versandt</translation>
    </message>
    <message>
        <source>Still ongoing after its planned end</source>
        <translation>Nach dem geplanten Ende noch laufend</translation>
    </message>
    <message>
        <source>Move it to evaluating, or change the end date</source>
        <translation>Auf „Evaluation“ setzen oder das Enddatum ändern</translation>
    </message>
    <message>
        <source>Still ongoing this many days after the planned end</source>
        <translation>So viele Tage nach dem geplanten Ende noch laufend</translation>
    </message>
    <message>
        <source>Traineeship certificate not received</source>
        <translation>Praktikumsbescheinigung nicht erhalten</translation>
    </message>
    <message>
        <source>Ask the host for the certificate</source>
        <translation>Die aufnehmende Organisation um die Bescheinigung bitten</translation>
    </message>
    <message>
        <source>No traineeship certificate this many days after the end</source>
        <translation>So viele Tage nach dem Ende keine Praktikumsbescheinigung</translation>
    </message>
    <message>
        <source>Evaluation missing</source>
        <translation>Evaluation fehlt</translation>
    </message>
    <message>
        <source>Evaluate it with the student and the host</source>
        <translation>Mit Studierender/m und aufnehmender Organisation evaluieren</translation>
    </message>
    <message>
        <source>Evaluation not done this many days after the end</source>
        <translation>So viele Tage nach dem Ende keine Evaluation</translation>
    </message>
    <message>
        <source>Recognition missing</source>
        <translation>Anerkennung fehlt</translation>
    </message>
    <message>
        <source>Record the credits in the transcript</source>
        <translation>Die Leistungspunkte im Transcript erfassen</translation>
    </message>
    <message>
        <source>Credits not recognised this many days after the end</source>
        <translation>So viele Tage nach dem Ende keine Leistungspunkte anerkannt</translation>
    </message>
    <message>
        <source>Amendment waiting for signatures</source>
        <translation>Änderung wartet auf Unterschriften</translation>
    </message>
    <message>
        <source>Remind who has not signed the amendment</source>
        <translation>An fehlende Unterschriften unter der Änderung erinnern</translation>
    </message>
    <message>
        <source>Amendment out for signature for this many days</source>
        <translation>Änderung so viele Tage zur Unterzeichnung versandt</translation>
    </message>
    <message>
        <source>Meeting overdue against the protocol</source>
        <translation>Treffen laut Protokoll überfällig</translation>
    </message>
    <message>
        <source>Hold the meeting and log it, or record why it was missed</source>
        <translation>Das Treffen abhalten und erfassen oder festhalten, warum es ausfiel</translation>
    </message>
    <message>
        <source>Days of grace after the protocol&apos;s cadence expected a meeting (then overdue)</source>
        <translation>Karenztage, nachdem laut Protokoll ein Treffen fällig war (dann überfällig)</translation>
    </message>
    <message>
        <source>Tool test failed, no reason recorded</source>
        <translation>Tooltest fehlgeschlagen, kein Grund erfasst</translation>
    </message>
    <message>
        <source>Choose another tool, or record why it is acceptable</source>
        <translation>Ein anderes Tool wählen oder festhalten, warum es akzeptabel ist</translation>
    </message>
    <message>
        <source>A failed tool test has no reason this many days after it</source>
        <translation>Ein fehlgeschlagener Tooltest hat so viele Tage danach keinen Grund</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>%n Tag überfällig</numerusform>
            <numerusform>%n Tage überfällig</numerusform>
        </translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>Heute fällig</translation>
    </message>
    <message numerus="yes">
        <source>Due in %n day(s)</source>
        <translation>
            <numerusform>Fällig in %n Tag</numerusform>
            <numerusform>Fällig in %n Tagen</numerusform>
        </translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Überfällig</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Diese Woche</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Später</translation>
    </message>
    <message>
        <source>the student&apos;s readiness</source>
        <translation>Bereitschaft der/des Studierenden</translation>
    </message>
    <message>
        <source>the host&apos;s readiness</source>
        <translation>Bereitschaft der aufnehmenden Organisation</translation>
    </message>
    <message>
        <source>the institution&apos;s readiness</source>
        <translation>Bereitschaft der Hochschule</translation>
    </message>
    <message>
        <source>the communication protocol</source>
        <translation>Kommunikationsprotokoll</translation>
    </message>
    <message>
        <source>a tool for every purpose</source>
        <translation>ein Tool für jeden Zweck</translation>
    </message>
    <message>
        <source>the tool tests</source>
        <translation>Tool-Tests</translation>
    </message>
    <message>
        <source>the signed agreement</source>
        <translation>unterzeichnete Vereinbarung</translation>
    </message>
    <message>
        <source>{first} and {last}</source>
        <translation>{first} und {last}</translation>
    </message>
    <message>
        <source>{student} at {host}</source>
        <translation>{student} bei {host}</translation>
    </message>
    <message>
        <source>Starts {day}; still open: {still}.</source>
        <translation>Beginnt am {day}; noch offen: {still}.</translation>
    </message>
    <message>
        <source>the student ({name})</source>
        <translation>Studierende/r ({name})</translation>
    </message>
    <message>
        <source>the host ({name})</source>
        <translation>aufnehmende Organisation ({name})</translation>
    </message>
    <message>
        <source>your institution ({name})</source>
        <translation>Ihre Einrichtung ({name})</translation>
    </message>
    <message>
        <source>Sent {day}</source>
        <translation>Versandt am {day}</translation>
    </message>
    <message>
        <source>not signed yet by {who}</source>
        <translation>noch nicht unterschrieben: {who}</translation>
    </message>
    <message>
        <source>declined by {who}</source>
        <translation>abgelehnt: {who}</translation>
    </message>
    <message>
        <source>Ticked by {who}</source>
        <translation>Abgehakt von {who}</translation>
    </message>
    <message>
        <source>Ticked by hand</source>
        <translation>Von Hand abgehakt</translation>
    </message>
    <message>
        <source>Not ticked yet: {item}</source>
        <translation>Noch nicht abgehakt: {item}</translation>
    </message>
    <message>
        <source>{item} — {detail}</source>
        <translation>{item} — {detail}</translation>
    </message>
    <message>
        <source>not done yet</source>
        <translation>noch nicht erledigt</translation>
    </message>
    <message>
        <source>The agreement is not signed by all three parties and locked: {detail}</source>
        <translation>Die Vereinbarung ist nicht von allen drei Parteien unterschrieben und gesperrt: {detail}</translation>
    </message>
    <message>
        <source>record the signatures on the Agreement tab</source>
        <translation>Unterschriften auf der Registerkarte „Vereinbarung“ erfassen</translation>
    </message>
    <message>
        <source>No agreement version has been sent for signature: {detail}</source>
        <translation>Noch keine Fassung der Vereinbarung zur Unterschrift versandt: {detail}</translation>
    </message>
    <message>
        <source>draft it and send it from the Agreement tab</source>
        <translation>auf der Registerkarte „Vereinbarung“ entwerfen und versenden</translation>
    </message>
    <message>
        <source>questionnaire completed {day}, no critical flag</source>
        <translation>Fragebogen ausgefüllt am {day}, kein kritischer Hinweis</translation>
    </message>
    <message numerus="yes">
        <source>%n critical flag(s) open: {flags}</source>
        <translation>
            <numerusform>%n kritischer Hinweis offen: {flags}</numerusform>
            <numerusform>%n kritische Hinweise offen: {flags}</numerusform>
        </translation>
    </message>
    <message>
        <source>protocol saved {day}</source>
        <translation>Protokoll gespeichert am {day}</translation>
    </message>
    <message>
        <source>no tool chosen for: {purposes}</source>
        <translation>kein Tool gewählt für: {purposes}</translation>
    </message>
    <message>
        <source>the student</source>
        <translation>Studierende/r</translation>
    </message>
    <message>
        <source>the host mentor</source>
        <translation>Mentor/in der aufnehmenden Organisation</translation>
    </message>
    <message>
        <source>no final evaluation by {first} or {second}</source>
        <translation>Abschlussbewertung fehlt noch: {first} und {second}</translation>
    </message>
    <message>
        <source>no final evaluation by {who}</source>
        <translation>Abschlussbewertung fehlt noch: {who}</translation>
    </message>
    <message>
        <source>final evaluations by the student and the host mentor, the last on {day}</source>
        <translation>Abschlussbewertungen von Studierenden und Mentor/in liegen vor, die letzte vom {day}</translation>
    </message>
    <message>
        <source>not recorded yet: {missing}</source>
        <translation>noch nicht erfasst: {missing}</translation>
    </message>
    <message>
        <source>questionnaire started, not completed yet</source>
        <translation>Fragebogen begonnen, noch nicht abgeschlossen</translation>
    </message>
    <message>
        <source>no questionnaire completed yet</source>
        <translation>noch kein Fragebogen ausgefüllt</translation>
    </message>
    <message>
        <source>no communication protocol saved yet</source>
        <translation>noch kein Kommunikationsprotokoll gespeichert</translation>
    </message>
    <message>
        <source>no credits planned: the placement does not count toward the degree</source>
        <translation>keine Credits geplant: das Praktikum wird nicht auf das Studium angerechnet</translation>
    </message>
    <message>
        <source>“{question}” answered {answer}</source>
        <translation>„{question}“ beantwortet mit {answer}</translation>
    </message>
    <message>
        <source>the company mentor</source>
        <translation>Mentor/in im Unternehmen</translation>
    </message>
    <message>
        <source>the academic tutor</source>
        <translation>Tutor/in der Hochschule</translation>
    </message>
    <message>
        <source>not tested with {who}</source>
        <translation>nicht getestet mit: {who}</translation>
    </message>
    <message>
        <source>failed with {who}, no reason recorded</source>
        <translation>fehlgeschlagen mit: {who}, kein Grund erfasst</translation>
    </message>
    <message>
        <source>{tool}: {problems}</source>
        <translation>{tool}: {problems}</translation>
    </message>
    <message numerus="yes">
        <source>%n tool(s) tested with every actor</source>
        <translation>
            <numerusform>%n Tool mit allen Beteiligten getestet</numerusform>
            <numerusform>%n Tools mit allen Beteiligten getestet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n failed test(s) accepted with a reason)</source>
        <translation>
            <numerusform>(%n fehlgeschlagener Test mit Begründung akzeptiert)</numerusform>
            <numerusform>(%n fehlgeschlagene Tests mit Begründung akzeptiert)</numerusform>
        </translation>
    </message>
    <message>
        <source>, last on {day}</source>
        <translation>, zuletzt am {day}</translation>
    </message>
    <message>
        <source>no agreement drafted yet</source>
        <translation>noch keine Vereinbarung entworfen</translation>
    </message>
    <message>
        <source>no certificate drafted yet</source>
        <translation>noch keine Praktikumsbescheinigung entworfen</translation>
    </message>
    <message>
        <source>agreement {number}</source>
        <translation>Vereinbarung {number}</translation>
    </message>
    <message>
        <source>certificate</source>
        <translation>Praktikumsbescheinigung</translation>
    </message>
    <message>
        <source>{document} signed and locked {day}</source>
        <translation>{document} unterschrieben und gesperrt am {day}</translation>
    </message>
    <message>
        <source>the trainee</source>
        <translation>Praktikant/in</translation>
    </message>
    <message>
        <source>the sending institution</source>
        <translation>entsendende Einrichtung</translation>
    </message>
    <message>
        <source>the receiving organisation</source>
        <translation>aufnehmende Organisation</translation>
    </message>
    <message>
        <source>{document} declined by {who}</source>
        <translation>{document} abgelehnt: {who}</translation>
    </message>
    <message>
        <source>{document} out for signature; not signed yet by {who}</source>
        <translation>{document} zur Unterschrift versandt; noch nicht unterschrieben: {who}</translation>
    </message>
    <message>
        <source>every party</source>
        <translation>alle Parteien</translation>
    </message>
    <message>
        <source>{document} is a draft, not sent for signature yet</source>
        <translation>{document} ist ein Entwurf, noch nicht zur Unterschrift versandt</translation>
    </message>
    <message>
        <source>no kick-off meeting logged yet</source>
        <translation>noch kein Auftakttreffen protokolliert</translation>
    </message>
    <message>
        <source>kick-off meeting logged, on {day}</source>
        <translation>Auftakttreffen protokolliert, am {day}</translation>
    </message>
    <message numerus="yes">
        <source>%n kick-off meeting(s) logged, last on {day}</source>
        <translation>
            <numerusform>%n Auftakttreffen protokolliert, zuletzt am {day}</numerusform>
            <numerusform>%n Auftakttreffen protokolliert, zuletzt am {day}</numerusform>
        </translation>
    </message>
    <message>
        <source>no mentor meeting logged yet</source>
        <translation>noch kein Mentorengespräch protokolliert</translation>
    </message>
    <message>
        <source>mentor meeting logged, on {day}</source>
        <translation>Mentorengespräch protokolliert, am {day}</translation>
    </message>
    <message numerus="yes">
        <source>%n mentor meeting(s) logged, last on {day}</source>
        <translation>
            <numerusform>%n Mentorengespräch protokolliert, zuletzt am {day}</numerusform>
            <numerusform>%n Mentorengespräche protokolliert, zuletzt am {day}</numerusform>
        </translation>
    </message>
    <message>
        <source>no coaching session logged yet</source>
        <translation>noch kein Coaching-Termin protokolliert</translation>
    </message>
    <message>
        <source>coaching session logged, on {day}</source>
        <translation>Coaching-Termin protokolliert, am {day}</translation>
    </message>
    <message numerus="yes">
        <source>%n coaching session(s) logged, last on {day}</source>
        <translation>
            <numerusform>%n Coaching-Termin protokolliert, zuletzt am {day}</numerusform>
            <numerusform>%n Coaching-Termine protokolliert, zuletzt am {day}</numerusform>
        </translation>
    </message>
    <message>
        <source>no peer feedback logged yet</source>
        <translation>noch kein Peer-Feedback protokolliert</translation>
    </message>
    <message>
        <source>peer feedback logged, on {day}</source>
        <translation>Peer-Feedback protokolliert, am {day}</translation>
    </message>
    <message numerus="yes">
        <source>%n peer feedback entries logged, last on {day}</source>
        <translation>
            <numerusform>%n Peer-Feedback protokolliert, zuletzt am {day}</numerusform>
            <numerusform>%n Peer-Feedbacks protokolliert, zuletzt am {day}</numerusform>
        </translation>
    </message>
    <message>
        <source>no reflection entry logged yet</source>
        <translation>noch kein Reflexionseintrag protokolliert</translation>
    </message>
    <message>
        <source>reflection entry logged, on {day}</source>
        <translation>Reflexionseintrag protokolliert, am {day}</translation>
    </message>
    <message numerus="yes">
        <source>%n reflection entry(ies) logged, last on {day}</source>
        <translation>
            <numerusform>%n Reflexionseintrag protokolliert, zuletzt am {day}</numerusform>
            <numerusform>%n Reflexionseinträge protokolliert, zuletzt am {day}</numerusform>
        </translation>
    </message>
    <message>
        <source>the credits awarded</source>
        <translation>die vergebenen Credits</translation>
    </message>
    <message>
        <source>the grade</source>
        <translation>die Note</translation>
    </message>
    <message>
        <source>the transcript date</source>
        <translation>das Datum des Transcript of Records</translation>
    </message>
    <message>
        <source>the learning outcomes achieved</source>
        <translation>die erreichten Lernergebnisse</translation>
    </message>
    <message>
        <source>the certificate&apos;s receipt date</source>
        <translation>das Eingangsdatum der Praktikumsbescheinigung</translation>
    </message>
    <message>
        <source>{awarded} of {planned} credits recognised, grade {grade}</source>
        <translation>{awarded} von {planned} Credits anerkannt, Note {grade}</translation>
    </message>
    <message>
        <source>, transcript of {day}</source>
        <translation>, Transcript of Records vom {day}</translation>
    </message>
    <message>
        <source>{tool}: failed with {who}</source>
        <translation>{tool}: Test fehlgeschlagen ({who})</translation>
    </message>
    <message>
        <source>A meeting was expected by {day}; none logged since.</source>
        <translation>Ein Treffen war bis {day} fällig; seitdem keines erfasst.</translation>
    </message>
    <message>
        <source>Planned end {day}; still ongoing.</source>
        <translation>Geplantes Ende {day}; läuft noch.</translation>
    </message>
    <message>
        <source>Ended {day}.</source>
        <translation>Beendet am {day}.</translation>
    </message>
    <message>
        <source>Student selected; expectations of student, host and institution discussed</source>
        <translation>Studierende/r ausgewählt; Erwartungen von Studierender/m, aufnehmender Organisation und Einrichtung besprochen</translation>
    </message>
    <message>
        <source>Student readiness checked: independence, motivation, digital skills, connectivity</source>
        <translation>Bereitschaft der/des Studierenden geprüft: Selbstständigkeit, Motivation, digitale Kompetenzen, Internetverbindung</translation>
    </message>
    <message>
        <source>Host readiness checked: real tasks, mentor time, system access, security</source>
        <translation>Bereitschaft der aufnehmenden Organisation geprüft: echte Aufgaben, Zeit der Mentorin/des Mentors, Systemzugang, Sicherheit</translation>
    </message>
    <message>
        <source>Institution readiness checked: learning outcomes, recognition, staff time</source>
        <translation>Bereitschaft der Einrichtung geprüft: Lernergebnisse, Anerkennung, Personalzeit</translation>
    </message>
    <message>
        <source>Communication tools chosen and tested with every actor</source>
        <translation>Kommunikationstools gewählt und mit allen Beteiligten getestet</translation>
    </message>
    <message>
        <source>Communication protocol agreed: availability, reporting, reply times, meetings</source>
        <translation>Kommunikationsprotokoll vereinbart: Erreichbarkeit, Berichte, Antwortzeiten, Treffen</translation>
    </message>
    <message>
        <source>Agreement signed by student, institution and host</source>
        <translation>Vereinbarung von Studierender/m, Einrichtung und aufnehmender Organisation unterzeichnet</translation>
    </message>
    <message>
        <source>Preparatory training offered: cultural, linguistic, technical</source>
        <translation>Vorbereitende Schulung angeboten: kulturell, sprachlich, technisch</translation>
    </message>
    <message>
        <source>Helpdesk named for the student and for company staff</source>
        <translation>Ansprechpartner für die/den Studierende/n und für das Personal des Unternehmens benannt</translation>
    </message>
    <message>
        <source>Accident and liability insurance arranged</source>
        <translation>Unfall- und Haftpflichtversicherung geregelt</translation>
    </message>
    <message>
        <source>Kick-off meeting held with student, mentor and tutor</source>
        <translation>Auftakttreffen mit Studierender/m, Mentor/in und Tutor/in abgehalten</translation>
    </message>
    <message>
        <source>Task mentoring running, with more than one co-worker involved</source>
        <translation>Fachliche Betreuung läuft, mit mehr als einer beteiligten Person</translation>
    </message>
    <message>
        <source>Academic coaching and feedback sessions held</source>
        <translation>Akademisches Coaching und Feedbackgespräche abgehalten</translation>
    </message>
    <message>
        <source>Peer feedback organised</source>
        <translation>Peer-Feedback organisiert</translation>
    </message>
    <message>
        <source>Reflection kept by the student (blog or e-portfolio)</source>
        <translation>Reflexion von der/dem Studierenden geführt (Blog oder E-Portfolio)</translation>
    </message>
    <message>
        <source>Any change of programme agreed as an amendment signed by all three</source>
        <translation>Jede Programmänderung als von allen drei unterzeichnete Änderungsvereinbarung vereinbart</translation>
    </message>
    <message>
        <source>Placement evaluated with the student and the host</source>
        <translation>Praktikum mit Studierender/m und aufnehmender Organisation evaluiert</translation>
    </message>
    <message>
        <source>Final assessment of the student done</source>
        <translation>Abschlussbeurteilung der/des Studierenden erfolgt</translation>
    </message>
    <message>
        <source>Traineeship certificate issued by the host (within 5 weeks of the end)</source>
        <translation>Praktikumsbescheinigung von der aufnehmenden Organisation ausgestellt (innerhalb von 5 Wochen nach dem Ende)</translation>
    </message>
    <message>
        <source>Credits recognised in the transcript</source>
        <translation>Leistungspunkte im Transcript anerkannt</translation>
    </message>
    <message>
        <source>Collaboration and reflection records archived</source>
        <translation>Unterlagen zu Zusammenarbeit und Reflexion archiviert</translation>
    </message>
    <message>
        <source>Equally</source>
        <translation>Zu gleichen Teilen</translation>
    </message>
    <message>
        <source>By funded days</source>
        <translation>Nach geförderten Tagen</translation>
    </message>
    <message>
        <source>By credits</source>
        <translation>Nach Credits</translation>
    </message>
    <message>
        <source>Typed in</source>
        <translation>Eingetippt</translation>
    </message>
    <message>
        <source>Returned PDF</source>
        <translation>Zurückgesandtes PDF</translation>
    </message>
    <message>
        <source>Coordinator</source>
        <translation>Koordinator/in</translation>
    </message>
    <message>
        <source>Learning agreement</source>
        <translation>Learning Agreement</translation>
    </message>
    <message>
        <source>Amendment</source>
        <translation>Änderungsvereinbarung</translation>
    </message>
    <message>
        <source>Out for signature</source>
        <translation>Zur Unterschrift versandt</translation>
    </message>
    <message>
        <source>Signed and locked</source>
        <translation>Unterschrieben und gesperrt</translation>
    </message>
    <message>
        <source>Superseded</source>
        <translation>Ersetzt</translation>
    </message>
    <message>
        <source>Kick-off meeting</source>
        <translation>Auftakttreffen</translation>
    </message>
    <message>
        <source>Mentor meeting</source>
        <translation>Mentorengespräch</translation>
    </message>
    <message>
        <source>Tutor coaching</source>
        <translation>Coaching durch Tutor/in</translation>
    </message>
    <message>
        <source>Progress report</source>
        <translation>Fortschrittsbericht</translation>
    </message>
    <message>
        <source>Peer feedback</source>
        <translation>Peer-Feedback</translation>
    </message>
    <message>
        <source>Reflection entry</source>
        <translation>Reflexionseintrag</translation>
    </message>
    <message>
        <source>Well-being check</source>
        <translation>Nachfrage zum Wohlbefinden</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Vorfall</translation>
    </message>
    <message>
        <source>Mid-term</source>
        <translation>Zwischenbewertung</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>Abschluss</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>In der Warteschlange</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>During</source>
        <translation>Währenddessen</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Danach</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In Bearbeitung</translation>
    </message>
    <message>
        <source>Digital signature</source>
        <translation>Digitale Signatur</translation>
    </message>
    <message>
        <source>Paper signature (scan attached)</source>
        <translation>Unterschrift auf Papier (Scan angehängt)</translation>
    </message>
    <message>
        <source>Typed approval</source>
        <translation>Getippte Zustimmung</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>ECTS grades (A–F)</source>
        <translation>ECTS-Noten (A–F)</translation>
    </message>
    <message>
        <source>Pass / fail</source>
        <translation>Bestanden / nicht bestanden</translation>
    </message>
    <message>
        <source>German (1.0 best – 5.0)</source>
        <translation>Deutsch (1,0 beste – 5,0)</translation>
    </message>
    <message>
        <source>Dutch (1 – 10 best)</source>
        <translation>Niederländisch (1 – 10 beste)</translation>
    </message>
    <message>
        <source>Italian (18 – 30 best)</source>
        <translation>Italienisch (18 – 30 beste)</translation>
    </message>
    <message>
        <source>Polish (2.0 – 5.0 best)</source>
        <translation>Polnisch (2,0 – 5,0 beste)</translation>
    </message>
    <message>
        <source>Finnish (0 – 5 best)</source>
        <translation>Finnisch (0 – 5 beste)</translation>
    </message>
    <message>
        <source>Danish 7-point (-3 – 12 best)</source>
        <translation>Dänische 7-Stufen-Skala (-3 – 12 beste)</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <source>Mentor: name</source>
        <translation>Mentor/in: Name</translation>
    </message>
    <message>
        <source>Mentor: position</source>
        <translation>Mentor/in: Funktion</translation>
    </message>
    <message>
        <source>Mentor: e-mail</source>
        <translation>Mentor/in: E-Mail</translation>
    </message>
    <message>
        <source>Financial support: amount per month</source>
        <translation>Finanzielle Unterstützung: Betrag pro Monat</translation>
    </message>
    <message>
        <source>Contribution in kind</source>
        <translation>Sachleistungen</translation>
    </message>
    <message>
        <source>Insurance by the receiving organisation</source>
        <translation>Versicherung durch die aufnehmende Organisation</translation>
    </message>
    <message>
        <source>Tasks, deliverables and deadlines</source>
        <translation>Aufgaben, Ergebnisse und Fristen</translation>
    </message>
    <message>
        <source>Host mentor</source>
        <translation>Mentor/in im Unternehmen</translation>
    </message>
    <message>
        <source>{time}  {what} by {user}</source>
        <translation>{time}  {what} ({user})</translation>
    </message>
    <message>
        <source>{what} by {user}, {moment}</source>
        <translation>{what} ({user}, {moment})</translation>
    </message>
    <message>
        <source>Today · {day}</source>
        <translation>Heute · {day}</translation>
    </message>
    <message>
        <source>Yesterday · {day}</source>
        <translation>Gestern · {day}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>{n} hours</source>
        <translation>{n} Stunden</translation>
    </message>
    <message>
        <source>{n} minutes</source>
        <translation>{n} Minuten</translation>
    </message>
    <message>
        <source>Physical</source>
        <translation>Physischer</translation>
    </message>
    <message>
        <source>Virtual</source>
        <translation>Virtueller</translation>
    </message>
    <message>
        <source>learning agreement {number}</source>
        <translation>Learning Agreement {number}</translation>
    </message>
    <message>
        <source>amendment {number}</source>
        <translation>Änderungsvereinbarung {number}</translation>
    </message>
    <message>
        <source>traineeship certificate {number}</source>
        <translation>Praktikumsbescheinigung {number}</translation>
    </message>
    <message>
        <source>recognition</source>
        <translation>Anerkennung</translation>
    </message>
    <message>
        <source>mid-term evaluation</source>
        <translation>Zwischenevaluation</translation>
    </message>
    <message>
        <source>final evaluation</source>
        <translation>Abschlussevaluation</translation>
    </message>
    <message>
        <source>{entry} of {day}</source>
        <translation>{entry} vom {day}</translation>
    </message>
    <message>
        <source>the host organisation</source>
        <translation>aufnehmende Organisation</translation>
    </message>
    <message>
        <source>Student readiness questionnaire</source>
        <translation>Fragebogen zur Bereitschaft der/des Studierenden</translation>
    </message>
    <message>
        <source>Host organisation readiness questionnaire</source>
        <translation>Fragebogen zur Bereitschaft der aufnehmenden Organisation</translation>
    </message>
    <message>
        <source>Sending institution readiness questionnaire</source>
        <translation>Fragebogen zur Bereitschaft der entsendenden Einrichtung</translation>
    </message>
    <message>
        <source>reopened as a draft</source>
        <translation>wieder als Entwurf geöffnet</translation>
    </message>
    <message>
        <source>sent for signature</source>
        <translation>zur Unterzeichnung versandt</translation>
    </message>
    <message>
        <source>signed by all three parties and locked</source>
        <translation>von allen drei Parteien unterzeichnet und gesperrt</translation>
    </message>
    <message>
        <source>superseded by a newer version</source>
        <translation>durch eine neuere Version ersetzt</translation>
    </message>
    <message>
        <source>host organisation</source>
        <translation>aufnehmende Organisation</translation>
    </message>
    <message>
        <source>sending institution</source>
        <translation>entsendende Einrichtung</translation>
    </message>
    <message>
        <source>company mentor</source>
        <translation>Mentor/in im Unternehmen</translation>
    </message>
    <message>
        <source>academic tutor</source>
        <translation>Tutor/in der Hochschule</translation>
    </message>
    <message>
        <source>shared cost</source>
        <translation>geteilter Kostenposten</translation>
    </message>
    <message>
        <source>document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <source>planned start</source>
        <translation>geplanter Beginn</translation>
    </message>
    <message>
        <source>planned end</source>
        <translation>geplantes Ende</translation>
    </message>
    <message>
        <source>hours per week</source>
        <translation>Stunden pro Woche</translation>
    </message>
    <message>
        <source>reply time</source>
        <translation>Antwortzeit</translation>
    </message>
    <message>
        <source>meeting length</source>
        <translation>Dauer eines Treffens</translation>
    </message>
    <message>
        <source>note on tools</source>
        <translation>Notiz zu den Tools</translation>
    </message>
    <message>
        <source>ticked by</source>
        <translation>abhakende Person</translation>
    </message>
    <message>
        <source>ticked at</source>
        <translation>Zeitpunkt des Abhakens</translation>
    </message>
    <message>
        <source>signer</source>
        <translation>Unterzeichner/in</translation>
    </message>
    <message>
        <source>signer&apos;s function</source>
        <translation>Funktion der/des Unterzeichnenden</translation>
    </message>
    <message>
        <source>signer&apos;s e-mail</source>
        <translation>E-Mail der/des Unterzeichnenden</translation>
    </message>
    <message>
        <source>signing date</source>
        <translation>Datum der Unterzeichnung</translation>
    </message>
    <message>
        <source>tool</source>
        <translation>Tool</translation>
    </message>
    <message>
        <source>test date</source>
        <translation>Testdatum</translation>
    </message>
    <message>
        <source>content fingerprint</source>
        <translation>Fingerabdruck des Inhalts</translation>
    </message>
    <message>
        <source>fingerprint of the signed PDF</source>
        <translation>Fingerabdruck des unterzeichneten PDF</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>signed PDF</source>
        <translation>unterzeichnetes PDF</translation>
    </message>
    <message>
        <source>signed and locked PDF</source>
        <translation>unterzeichnetes und gesperrtes PDF</translation>
    </message>
    <message>
        <source>date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>questionnaire</source>
        <translation>Fragebogen</translation>
    </message>
    <message>
        <source>work-list item</source>
        <translation>Eintrag der Arbeitsliste</translation>
    </message>
    <message>
        <source>title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>mode</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <source>category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>state</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>reporting</source>
        <translation>Berichte</translation>
    </message>
    <message>
        <source>meetings</source>
        <translation>Treffen</translation>
    </message>
    <message>
        <source>start</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>end</source>
        <translation>Ende</translation>
    </message>
    <message>
        <source>until</source>
        <translation>Ende der Zurückstellung</translation>
    </message>
    <message>
        <source>grade</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>credits awarded</source>
        <translation>vergebene Punkte</translation>
    </message>
    <message>
        <source>transcript date</source>
        <translation>Datum des Transcript of Records</translation>
    </message>
    <message>
        <source>certificate received on</source>
        <translation>Eingang der Bescheinigung</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>Dauer (Minuten)</translation>
    </message>
    <message>
        <source>participants</source>
        <translation>Teilnehmende</translation>
    </message>
    <message>
        <source>concern</source>
        <translation>Anliegen</translation>
    </message>
    <message>
        <source>resolved on</source>
        <translation>Lösungsdatum</translation>
    </message>
    <message>
        <source>result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>{reason} (open then: {overridden})</source>
        <translation>{reason} (damals offen: {overridden})</translation>
    </message>
    <message>
        <source>Status changed from {before} to {after} past open checks</source>
        <translation>Status trotz offener Punkte von {before} auf {after} geändert</translation>
    </message>
    <message>
        <source>{subject}: {change}</source>
        <translation>{subject}: {change}</translation>
    </message>
    <message>
        <source>{title}, {student} at {host}, {start} – {end}</source>
        <translation>{title}, {student} bei {host}, {start} – {end}</translation>
    </message>
    <message>
        <source>{tool} with {actor}</source>
        <translation>{tool} ({actor})</translation>
    </message>
    <message>
        <source>{kind} period</source>
        <translation>{kind} Zeitraum</translation>
    </message>
    <message>
        <source>Signature of {party} on {document}</source>
        <translation>Unterschrift ({party}, {document})</translation>
    </message>
    <message>
        <source>Tool for {purpose} changed from {before} to {after}</source>
        <translation>Tool für {purpose} von {before} auf {after} geändert</translation>
    </message>
    <message>
        <source>Test of {subject} ({day}) recorded as {outcome}</source>
        <translation>Test von {subject} vom {day} mit Ergebnis „{outcome}“ erfasst</translation>
    </message>
    <message>
        <source>Cost {cost}</source>
        <translation>Kostenposten {cost}</translation>
    </message>
    <message>
        <source>Share of a shared cost</source>
        <translation>Anteil an einem geteilten Kostenposten</translation>
    </message>
    <message>
        <source>Snooze of a work-list item</source>
        <translation>Zurückstellung eines Eintrags der Arbeitsliste</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to}</source>
        <translation>E-Mail „{subject}“ an {to}</translation>
    </message>
    <message>
        <source>{subject} saved</source>
        <translation>{subject} gespeichert</translation>
    </message>
    <message>
        <source>Placement {reference} created</source>
        <translation>Praktikum {reference} angelegt</translation>
    </message>
    <message>
        <source>Placement {reference} deleted</source>
        <translation>Praktikum {reference} gelöscht</translation>
    </message>
    <message>
        <source>{item} ticked</source>
        <translation>{item} abgehakt</translation>
    </message>
    <message>
        <source>{item} unticked</source>
        <translation>Haken bei {item} entfernt</translation>
    </message>
    <message>
        <source>Note on {item} changed</source>
        <translation>Notiz zu {item} geändert</translation>
    </message>
    <message>
        <source>{kind} period added: {start} – {end}</source>
        <translation>{kind} Zeitraum hinzugefügt: {start} – {end}</translation>
    </message>
    <message>
        <source>{kind} period removed</source>
        <translation>{kind} Zeitraum entfernt</translation>
    </message>
    <message>
        <source>{document} drafted</source>
        <translation>{document} als Entwurf angelegt</translation>
    </message>
    <message>
        <source>{document} deleted</source>
        <translation>{document} gelöscht</translation>
    </message>
    <message>
        <source>{document} {state}</source>
        <translation>{document} {state}</translation>
    </message>
    <message>
        <source>{document} edited</source>
        <translation>{document} bearbeitet</translation>
    </message>
    <message>
        <source>Signed PDF of {document} updated</source>
        <translation>{document}: unterzeichnetes PDF aktualisiert</translation>
    </message>
    <message>
        <source>{document} checked and frozen for sending</source>
        <translation>{document} geprüft und für den Versand eingefroren</translation>
    </message>
    <message>
        <source>Note on {document} changed</source>
        <translation>Notiz zu {document} geändert</translation>
    </message>
    <message>
        <source>Signature of {party} awaited on {document}</source>
        <translation>Unterschrift erwartet ({party}, {document})</translation>
    </message>
    <message>
        <source>Signature of {party} on {document} removed</source>
        <translation>Unterschrift entfernt ({party}, {document})</translation>
    </message>
    <message>
        <source>{how} from {signer}</source>
        <translation>{how} von {signer}</translation>
    </message>
    <message>
        <source>{how}, dated {day}</source>
        <translation>{how}, vom {day}</translation>
    </message>
    <message>
        <source>Signature of {party} on {document} recorded ({how})</source>
        <translation>Unterschrift erfasst ({party}, {document}; {how})</translation>
    </message>
    <message>
        <source>{party}&apos;s refusal to sign {document} recorded</source>
        <translation>Ablehnung der Unterzeichnung erfasst ({party}, {document})</translation>
    </message>
    <message>
        <source>Signature of {party} on {document} reset: signing starts over</source>
        <translation>Unterschrift zurückgesetzt ({party}, {document}): Die Unterzeichnung beginnt von vorn</translation>
    </message>
    <message>
        <source>Note on the signature of {party} on {document} changed</source>
        <translation>Notiz zur Unterschrift geändert ({party}, {document})</translation>
    </message>
    <message>
        <source>{questionnaire} started</source>
        <translation>{questionnaire} begonnen</translation>
    </message>
    <message>
        <source>{questionnaire} started with {respondent}</source>
        <translation>{questionnaire} mit {respondent} begonnen</translation>
    </message>
    <message>
        <source>{questionnaire} discarded before it was completed</source>
        <translation>{questionnaire} vor dem Abschluss verworfen</translation>
    </message>
    <message>
        <source>{questionnaire} completed</source>
        <translation>{questionnaire} abgeschlossen</translation>
    </message>
    <message>
        <source>Communication protocol saved</source>
        <translation>Kommunikationsprotokoll gespeichert</translation>
    </message>
    <message>
        <source>Communication protocol removed</source>
        <translation>Kommunikationsprotokoll entfernt</translation>
    </message>
    <message>
        <source>{tool} chosen for {purpose}</source>
        <translation>{tool} für {purpose} gewählt</translation>
    </message>
    <message>
        <source>Tool for {purpose} removed</source>
        <translation>Tool für {purpose} entfernt</translation>
    </message>
    <message>
        <source>Test of {subject} removed</source>
        <translation>Test von {subject} entfernt</translation>
    </message>
    <message>
        <source>Test of {subject}</source>
        <translation>Test von {subject}</translation>
    </message>
    <message>
        <source>Note on the test of {subject} changed</source>
        <translation>Notiz zum Test von {subject} geändert</translation>
    </message>
    <message>
        <source>Test of {subject} marked as not yet done</source>
        <translation>Test von {subject} als noch nicht durchgeführt markiert</translation>
    </message>
    <message>
        <source>Test of {subject} recorded as {outcome}</source>
        <translation>Test von {subject} mit Ergebnis „{outcome}“ erfasst</translation>
    </message>
    <message>
        <source>Cost {cost} added: {amount}</source>
        <translation>Kostenposten {cost} hinzugefügt: {amount}</translation>
    </message>
    <message>
        <source>Cost {cost} removed</source>
        <translation>Kostenposten {cost} entfernt</translation>
    </message>
    <message>
        <source>Shared cost {cost} now shared with this placement</source>
        <translation>Geteilter Kostenposten {cost} wird jetzt mit diesem Praktikum geteilt</translation>
    </message>
    <message>
        <source>This placement no longer shares a shared cost</source>
        <translation>Dieses Praktikum ist an einem geteilten Kostenposten nicht mehr beteiligt</translation>
    </message>
    <message>
        <source>Work-list item {item} snoozed until {until}</source>
        <translation>Eintrag {item} der Arbeitsliste bis {until} zurückgestellt</translation>
    </message>
    <message>
        <source>A work-list item is no longer snoozed</source>
        <translation>Ein Eintrag der Arbeitsliste ist nicht mehr zurückgestellt</translation>
    </message>
    <message>
        <source>{what} recorded</source>
        <translation>{what} erfasst</translation>
    </message>
    <message>
        <source>{what} removed</source>
        <translation>{what} entfernt</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} queued</source>
        <translation>E-Mail „{subject}“ an {to} in die Warteschlange gestellt</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} removed from the outbox</source>
        <translation>E-Mail „{subject}“ an {to} aus dem Postausgang entfernt</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} sent</source>
        <translation>E-Mail „{subject}“ an {to} versandt</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} could not be sent</source>
        <translation>E-Mail „{subject}“ an {to} konnte nicht versandt werden</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} cancelled</source>
        <translation>E-Mail „{subject}“ an {to} storniert</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} queued again</source>
        <translation>E-Mail „{subject}“ an {to} erneut in die Warteschlange gestellt</translation>
    </message>
    <message>
        <source>Placement saved</source>
        <translation>Praktikum gespeichert</translation>
    </message>
    <message>
        <source>{field} replaced</source>
        <translation>{field} ersetzt</translation>
    </message>
    <message>
        <source>{field} added</source>
        <translation>{field} hinzugefügt</translation>
    </message>
    <message>
        <source>{field} set to {after}</source>
        <translation>{field} auf {after} gesetzt</translation>
    </message>
    <message>
        <source>{field} cleared (was {before})</source>
        <translation>{field} geleert (vorher {before})</translation>
    </message>
    <message>
        <source>{field} changed from {before} to {after}</source>
        <translation>{field} von {before} auf {after} geändert</translation>
    </message>
    <message>
        <source>{kind} version {number}</source>
        <translation>{kind}, Fassung {number}</translation>
    </message>
    <message>
        <source>Import &amp;students…</source>
        <translation>Studierende &amp;importieren…</translation>
    </message>
    <message>
        <source>&amp;Students…</source>
        <translation>&amp;Studierende…</translation>
    </message>
    <message>
        <source>Import students</source>
        <translation>Studierende importieren</translation>
    </message>
    <message>
        <source>Import students from</source>
        <translation>Studierende importieren aus</translation>
    </message>
    <message>
        <source>Save the students import template</source>
        <translation>Importvorlage für Studierende speichern</translation>
    </message>
    <message>
        <source>Saved the students template to {path}.</source>
        <translation>Vorlage für Studierende in {path} gespeichert.</translation>
    </message>
    <message>
        <source>Importing students</source>
        <translation>Studierende werden importiert</translation>
    </message>
    <message>
        <source>Choose an Excel (.xlsx) or CSV file with one row per student. You see what vipdesk understood before anything is imported; if any row has a problem, nothing is. Rows already in vipdesk are skipped.</source>
        <translation>Wählen Sie eine Excel- (.xlsx) oder CSV-Datei mit einer Zeile pro Studierende/n. Sie sehen, was vipdesk verstanden hat, bevor etwas importiert wird; hat eine Zeile ein Problem, wird nichts importiert. Bereits in vipdesk vorhandene Zeilen werden übersprungen.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln student(s).</source>
        <translation>
            <numerusform>%Ln Studierende/r importiert.</numerusform>
            <numerusform>%Ln Studierende importiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new student(s)</source>
        <translation>
            <numerusform>%Ln neue/r Studierende/r</numerusform>
            <numerusform>%Ln neue Studierende</numerusform>
        </translation>
    </message>
    <message>
        <source>Import &amp;organisations…</source>
        <translation>&amp;Organisationen importieren…</translation>
    </message>
    <message>
        <source>&amp;Organisations…</source>
        <translation>&amp;Organisationen…</translation>
    </message>
    <message>
        <source>Import organisations</source>
        <translation>Organisationen importieren</translation>
    </message>
    <message>
        <source>Import organisations from</source>
        <translation>Organisationen importieren aus</translation>
    </message>
    <message>
        <source>Save the organisations import template</source>
        <translation>Importvorlage für Organisationen speichern</translation>
    </message>
    <message>
        <source>Saved the organisations template to {path}.</source>
        <translation>Vorlage für Organisationen in {path} gespeichert.</translation>
    </message>
    <message>
        <source>Importing organisations</source>
        <translation>Organisationen werden importiert</translation>
    </message>
    <message>
        <source>Choose an Excel (.xlsx) or CSV file with one row per organisation. You see what vipdesk understood before anything is imported; if any row has a problem, nothing is. Rows already in vipdesk are skipped.</source>
        <translation>Wählen Sie eine Excel- (.xlsx) oder CSV-Datei mit einer Zeile pro Organisation. Sie sehen, was vipdesk verstanden hat, bevor etwas importiert wird; hat eine Zeile ein Problem, wird nichts importiert. Bereits in vipdesk vorhandene Zeilen werden übersprungen.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln organisation(s).</source>
        <translation>
            <numerusform>%Ln Organisation importiert.</numerusform>
            <numerusform>%Ln Organisationen importiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new organisation(s)</source>
        <translation>
            <numerusform>%Ln neue Organisation</numerusform>
            <numerusform>%Ln neue Organisationen</numerusform>
        </translation>
    </message>
    <message>
        <source>Import &amp;placements…</source>
        <translation>&amp;Praktika importieren…</translation>
    </message>
    <message>
        <source>&amp;Placements…</source>
        <translation>&amp;Praktika…</translation>
    </message>
    <message>
        <source>Import placements</source>
        <translation>Praktika importieren</translation>
    </message>
    <message>
        <source>Import placements from</source>
        <translation>Praktika importieren aus</translation>
    </message>
    <message>
        <source>Save the placements import template</source>
        <translation>Importvorlage für Praktika speichern</translation>
    </message>
    <message>
        <source>Saved the placements template to {path}.</source>
        <translation>Vorlage für Praktika in {path} gespeichert.</translation>
    </message>
    <message>
        <source>Importing placements</source>
        <translation>Praktika werden importiert</translation>
    </message>
    <message>
        <source>Choose an Excel (.xlsx) or CSV file with one row per placement. You see what vipdesk understood before anything is imported; if any row has a problem, nothing is. Rows already in vipdesk are skipped.</source>
        <translation>Wählen Sie eine Excel- (.xlsx) oder CSV-Datei mit einer Zeile pro Praktikum. Sie sehen, was vipdesk verstanden hat, bevor etwas importiert wird; hat eine Zeile ein Problem, wird nichts importiert. Bereits in vipdesk vorhandene Zeilen werden übersprungen.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln placement(s).</source>
        <translation>
            <numerusform>%Ln Praktikum importiert.</numerusform>
            <numerusform>%Ln Praktika importiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new placement(s)</source>
        <translation>
            <numerusform>%Ln neues Praktikum</numerusform>
            <numerusform>%Ln neue Praktika</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln already exist(s) — skipped</source>
        <translation>
            <numerusform>%Ln bereits vorhanden — übersprungen</numerusform>
            <numerusform>%Ln bereits vorhanden — übersprungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln with problems</source>
        <translation>
            <numerusform>%Ln mit Problemen</numerusform>
            <numerusform>%Ln mit Problemen</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose the student, or create a new one.</source>
        <translation>Wählen Sie die/den Studierende/n oder legen Sie eine neue Person an.</translation>
    </message>
    <message>
        <source>Choose the host organisation, or create a new one.</source>
        <translation>Wählen Sie die aufnehmende Organisation oder legen Sie eine neue an.</translation>
    </message>
    <message>
        <source>Choose the sending institution.</source>
        <translation>Wählen Sie die entsendende Einrichtung.</translation>
    </message>
    <message>
        <source>Give the placement a title, e.g. &apos;Market research assistant&apos;.</source>
        <translation>Geben Sie dem Praktikum einen Titel, z. B. „Assistenz Marktforschung“.</translation>
    </message>
    <message>
        <source>The title is longer than 200 characters.</source>
        <translation>Der Titel ist länger als 200 Zeichen.</translation>
    </message>
    <message>
        <source>The description is longer than {limit} characters.</source>
        <translation>Die Beschreibung ist länger als {limit} Zeichen.</translation>
    </message>
    <message>
        <source>&apos;{code}&apos; is not an ISO 4217 code.</source>
        <translation>&apos;{code}&apos; ist kein ISO-4217-Code.</translation>
    </message>
    <message>
        <source>&apos;{code}&apos; is not an ISO 4217 currency code (e.g. EUR).</source>
        <translation>&apos;{code}&apos; ist kein ISO-4217-Währungscode (z. B. EUR).</translation>
    </message>
    <message>
        <source>&apos;{code}&apos; is not an ISO 4217 currency.</source>
        <translation>&apos;{code}&apos; ist keine ISO-4217-Währung.</translation>
    </message>
    <message>
        <source>A cost is either for one placement or shared, not both.</source>
        <translation>Kosten gehören entweder zu einem Praktikum oder werden geteilt, nicht beides.</translation>
    </message>
    <message>
        <source>A placement chosen no longer exists.</source>
        <translation>Ein gewähltes Praktikum existiert nicht mehr.</translation>
    </message>
    <message>
        <source>A rate must be more than zero.</source>
        <translation>Ein Kurs muss größer als null sein.</translation>
    </message>
    <message>
        <source>A share cannot be negative.</source>
        <translation>Ein Anteil darf nicht negativ sein.</translation>
    </message>
    <message>
        <source>Another funding source has this name.</source>
        <translation>Eine andere Finanzierungsquelle hat diesen Namen.</translation>
    </message>
    <message>
        <source>Choose the placement, or the placements or year to share among.</source>
        <translation>Wählen Sie das Praktikum oder die Praktika bzw. das Jahr, auf die geteilt wird.</translation>
    </message>
    <message>
        <source>Describe the cost, e.g. &apos;Laptop for the student&apos;.</source>
        <translation>Beschreiben Sie die Kosten, z. B. &apos;Laptop für die Studentin&apos;.</translation>
    </message>
    <message>
        <source>Enter the amount (or, for staff time, the hours and hourly rate).</source>
        <translation>Geben Sie den Betrag ein (oder, bei Personalzeit, die Stunden und den Stundensatz).</translation>
    </message>
    <message>
        <source>Enter the amount awarded.</source>
        <translation>Geben Sie den bewilligten Betrag ein.</translation>
    </message>
    <message>
        <source>Enter the amount to the cent (two decimals at most).</source>
        <translation>Geben Sie den Betrag auf den Cent genau ein (höchstens zwei Dezimalstellen).</translation>
    </message>
    <message>
        <source>Enter the date of the cost (it chooses the exchange rate).</source>
        <translation>Geben Sie das Datum der Kosten ein (es bestimmt den Wechselkurs).</translation>
    </message>
    <message>
        <source>Enter the first day the source pays for.</source>
        <translation>Geben Sie den ersten Tag ein, für den die Quelle zahlt.</translation>
    </message>
    <message>
        <source>Enter the last day the source pays for.</source>
        <translation>Geben Sie den letzten Tag ein, für den die Quelle zahlt.</translation>
    </message>
    <message>
        <source>Every share is zero, so the cost cannot be split this way.</source>
        <translation>Jeder Anteil ist null, daher lassen sich die Kosten so nicht aufteilen.</translation>
    </message>
    <message>
        <source>Hours cannot be negative.</source>
        <translation>Stunden dürfen nicht negativ sein.</translation>
    </message>
    <message>
        <source>Line {line}: &apos;{code}&apos; is not an ISO 4217 code.</source>
        <translation>Zeile {line}: &apos;{code}&apos; ist kein ISO-4217-Code.</translation>
    </message>
    <message>
        <source>Line {line}: a rate must be more than zero.</source>
        <translation>Zeile {line}: Ein Kurs muss größer als null sein.</translation>
    </message>
    <message>
        <source>Line {line}: expected date,currency,rate.</source>
        <translation>Zeile {line}: erwartet wird date,currency,rate.</translation>
    </message>
    <message>
        <source>Line {line}: write the date as YYYY-MM-DD and the rate as 1.0825.</source>
        <translation>Zeile {line}: Schreiben Sie das Datum als JJJJ-MM-TT und den Kurs als 1.0825.</translation>
    </message>
    <message>
        <source>Name the funding source, e.g. &apos;Erasmus+ KA131 2024&apos;.</source>
        <translation>Benennen Sie die Finanzierungsquelle, z. B. &apos;Erasmus+ KA131 2024&apos;.</translation>
    </message>
    <message>
        <source>Share among the placements listed or among a year, not both.</source>
        <translation>Teilen Sie auf die aufgeführten Praktika oder auf ein Jahr auf, nicht beides.</translation>
    </message>
    <message>
        <source>The amount awarded cannot be negative.</source>
        <translation>Der bewilligte Betrag darf nicht negativ sein.</translation>
    </message>
    <message>
        <source>The amount cannot be negative; enter a refund as its own note.</source>
        <translation>Der Betrag darf nicht negativ sein; erfassen Sie eine Rückerstattung als eigene Notiz.</translation>
    </message>
    <message>
        <source>The description is longer than 200 characters.</source>
        <translation>Die Beschreibung ist länger als 200 Zeichen.</translation>
    </message>
    <message>
        <source>The hourly rate cannot be negative.</source>
        <translation>Der Stundensatz darf nicht negativ sein.</translation>
    </message>
    <message>
        <source>The invoice reference is longer than {limit} characters.</source>
        <translation>Die Rechnungsnummer ist länger als {limit} Zeichen.</translation>
    </message>
    <message>
        <source>The name is longer than 200 characters.</source>
        <translation>Der Name ist länger als 200 Zeichen.</translation>
    </message>
    <message>
        <source>The notes are longer than {limit} characters.</source>
        <translation>Die Notizen sind länger als {limit} Zeichen.</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>Der Zeitraum endet, bevor er beginnt.</translation>
    </message>
    <message>
        <source>The reference is longer than {limit} characters.</source>
        <translation>Die Referenz ist länger als {limit} Zeichen.</translation>
    </message>
    <message>
        <source>There is no exchange rate for {currency} on or before {day} (against {base}). Enter one, or import them from a CSV file.</source>
        <translation>Es gibt keinen Wechselkurs für {currency} am oder vor dem {day} (gegenüber {base}). Geben Sie einen ein oder importieren Sie sie aus einer CSV-Datei.</translation>
    </message>
    <message>
        <source>There is no grant to record: no physical days are funded.</source>
        <translation>Es gibt keinen Zuschuss zu erfassen: Keine physischen Tage werden gefördert.</translation>
    </message>
    <message>
        <source>There is nobody to share this cost among.</source>
        <translation>Es gibt niemanden, auf den diese Kosten aufgeteilt werden können.</translation>
    </message>
    <message>
        <source>This cost item no longer exists.</source>
        <translation>Dieser Kostenposten existiert nicht mehr.</translation>
    </message>
    <message>
        <source>This funding source no longer exists.</source>
        <translation>Diese Finanzierungsquelle existiert nicht mehr.</translation>
    </message>
    <message>
        <source>This rate of {currency} for {day} was changed after you opened it.</source>
        <translation>Dieser Kurs für {currency} am {day} wurde geändert, nachdem Sie ihn geöffnet haben.</translation>
    </message>
    <message>
        <source>{amount} has more than two decimals; enter it to the cent.</source>
        <translation>{amount} hat mehr als zwei Dezimalstellen; geben Sie den Betrag auf den Cent genau ein.</translation>
    </message>
    <message>
        <source>{category}: enter a budget of zero or more, to the cent.</source>
        <translation>{category}: Geben Sie ein Budget von null oder mehr ein, auf den Cent genau.</translation>
    </message>
    <message>
        <source>{cost} ({day}): {problem}</source>
        <translation>{cost} ({day}): {problem}</translation>
    </message>
    <message>
        <source>{day} is outside the period of {source} ({start} to {end}).</source>
        <translation>{day} liegt außerhalb des Zeitraums von {source} ({start} bis {end}).</translation>
    </message>
    <message>
        <source>{source} pays for cost items; move or delete them first.</source>
        <translation>{source} bezahlt Kostenposten; verschieben oder löschen Sie diese zuerst.</translation>
    </message>
    <message>
        <source>{source}: {cost}: {problem}</source>
        <translation>{source}: {cost}: {problem}</translation>
    </message>
    <message>
        <source>Enter the planned start date.</source>
        <translation>Geben Sie den geplanten Beginn ein.</translation>
    </message>
    <message>
        <source>Enter the planned end date.</source>
        <translation>Geben Sie das geplante Ende ein.</translation>
    </message>
    <message>
        <source>The end ({end}) is before the start ({start}).</source>
        <translation>Das Ende ({end}) liegt vor dem Beginn ({start}).</translation>
    </message>
    <message>
        <source>Enter the hours per week (1 to 60).</source>
        <translation>Geben Sie die Stunden pro Woche ein (1 bis 60).</translation>
    </message>
    <message>
        <source>Hours per week must be between 1 and 60.</source>
        <translation>Die Stunden pro Woche müssen zwischen 1 und 60 liegen.</translation>
    </message>
    <message>
        <source>ECTS credits must be between 0 and 60.</source>
        <translation>ECTS-Punkte müssen zwischen 0 und 60 liegen.</translation>
    </message>
    <message>
        <source>ECTS credits take at most one decimal, e.g. 7.5.</source>
        <translation>ECTS-Punkte haben höchstens eine Nachkommastelle, z. B. 7,5.</translation>
    </message>
    <message>
        <source>A blended placement needs at least one physical and one virtual period.</source>
        <translation>Ein Blended-Praktikum braucht mindestens einen physischen und einen virtuellen Zeitraum.</translation>
    </message>
    <message>
        <source>Period {n} needs a start and an end date.</source>
        <translation>Zeitraum {n} braucht ein Beginn- und ein Enddatum.</translation>
    </message>
    <message>
        <source>Period {n} ends before it starts.</source>
        <translation>Zeitraum {n} endet, bevor er beginnt.</translation>
    </message>
    <message>
        <source>Period {n} lies outside the planned start and end.</source>
        <translation>Zeitraum {n} liegt außerhalb von geplantem Beginn und Ende.</translation>
    </message>
    <message>
        <source>Periods {a} and {b} overlap.</source>
        <translation>Die Zeiträume {a} und {b} überschneiden sich.</translation>
    </message>
    <message>
        <source>The chosen student was deleted.</source>
        <translation>Die/der gewählte Studierende wurde gelöscht.</translation>
    </message>
    <message>
        <source>The chosen host organisation was deleted.</source>
        <translation>Die gewählte aufnehmende Organisation wurde gelöscht.</translation>
    </message>
    <message>
        <source>The chosen sending institution was deleted.</source>
        <translation>Die gewählte entsendende Einrichtung wurde gelöscht.</translation>
    </message>
    <message>
        <source>The chosen mentor was deleted.</source>
        <translation>Die/der gewählte Mentor/in wurde gelöscht.</translation>
    </message>
    <message>
        <source>The mentor must work at the host organisation.</source>
        <translation>Die Mentorin/der Mentor muss bei der aufnehmenden Organisation arbeiten.</translation>
    </message>
    <message>
        <source>The chosen tutor was deleted.</source>
        <translation>Die/der gewählte Tutor/in wurde gelöscht.</translation>
    </message>
    <message>
        <source>The academic tutor must work at an institution.</source>
        <translation>Die Tutorin/der Tutor der Hochschule muss an einer Einrichtung arbeiten.</translation>
    </message>
    <message>
        <source>Another coordinator took the same reference just now: save again.</source>
        <translation>Eine andere Koordinatorin oder ein anderer Koordinator hat gerade dieselbe Referenz vergeben: Speichern Sie erneut.</translation>
    </message>
    <message>
        <source>The end is before the start.</source>
        <translation>Das Ende liegt vor dem Beginn.</translation>
    </message>
    <message>
        <source>This placement no longer exists: someone may have deleted it.</source>
        <translation>Dieses Praktikum gibt es nicht mehr: Vielleicht hat es jemand gelöscht.</translation>
    </message>
    <message>
        <source>This placement was deleted by someone else; your edits were not saved.</source>
        <translation>Dieses Praktikum wurde von jemand anderem gelöscht; Ihre Änderungen wurden nicht gespeichert.</translation>
    </message>
    <message>
        <source>The database refused the change: {reason}</source>
        <translation>Die Datenbank hat die Änderung abgelehnt: {reason}</translation>
    </message>
    <message>
        <source>A placement cannot go from &apos;{current}&apos; to &apos;{target}&apos;.</source>
        <translation>Ein Praktikum kann nicht von „{current}“ zu „{target}“ wechseln.</translation>
    </message>
    <message>
        <source>Say why the placement moves anyway.</source>
        <translation>Sagen Sie, warum das Praktikum trotzdem weitergeht.</translation>
    </message>
    <message>
        <source>Only an office lead can move a placement past open checks.</source>
        <translation>Nur eine Büroleitung kann ein Praktikum trotz offener Prüfungen weiterbewegen.</translation>
    </message>
    <message>
        <source>There is no checklist item &apos;{key}&apos;.</source>
        <translation>Es gibt keinen Checklistenpunkt &apos;{key}&apos;.</translation>
    </message>
    <message>
        <source>“{item}” follows from vipdesk&apos;s records; to tick it by hand, say why (e.g. “done outside vipdesk: paper questionnaire”).</source>
        <translation>„{item}“ ergibt sich aus den Daten von vipdesk; um es von Hand abzuhaken, sagen Sie warum (z. B. „außerhalb von vipdesk erledigt: Papierfragebogen“).</translation>
    </message>
    <message>
        <source>A login name cannot contain a comma.</source>
        <translation>Ein Anmeldename darf kein Komma enthalten.</translation>
    </message>
    <message>
        <source>The list of office leads is longer than {limit} characters.</source>
        <translation>Die Liste der Büroleitungen ist länger als {limit} Zeichen.</translation>
    </message>
    <message>
        <source>Only an office lead can change who the office leads are.</source>
        <translation>Nur eine Büroleitung kann ändern, wer die Büroleitungen sind.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not an e-mail address; it should look like name@uni.eu.</source>
        <translation>&apos;{value}&apos; ist keine E-Mail-Adresse; sie sollte wie name@uni.eu aussehen.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a country code; choose a country from the list.</source>
        <translation>&apos;{value}&apos; ist kein Ländercode; wählen Sie ein Land aus der Liste.</translation>
    </message>
    <message>
        <source>Choose the time zone, e.g. Europe/Warsaw.</source>
        <translation>Wählen Sie die Zeitzone, z. B. Europe/Warsaw.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a time zone; choose one from the list.</source>
        <translation>&apos;{value}&apos; ist keine Zeitzone; wählen Sie eine aus der Liste.</translation>
    </message>
    <message>
        <source>The website address is longer than 300 characters.</source>
        <translation>Die Adresse der Website ist länger als 300 Zeichen.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; does not look like a web address, e.g. https://acme.eu.</source>
        <translation>&apos;{value}&apos; sieht nicht wie eine Webadresse aus, z. B. https://acme.eu.</translation>
    </message>
    <message>
        <source>Enter the given name.</source>
        <translation>Geben Sie den Vornamen ein.</translation>
    </message>
    <message>
        <source>The given name is longer than {limit} characters.</source>
        <translation>Der Vorname ist länger als {limit} Zeichen.</translation>
    </message>
    <message>
        <source>Enter the family name.</source>
        <translation>Geben Sie den Nachnamen ein.</translation>
    </message>
    <message>
        <source>The family name is longer than {limit} characters.</source>
        <translation>Der Nachname ist länger als {limit} Zeichen.</translation>
    </message>
    <message>
        <source>Enter the student&apos;s e-mail address.</source>
        <translation>Geben Sie die E-Mail-Adresse der/des Studierenden ein.</translation>
    </message>
    <message>
        <source>The student number is longer than {limit} characters.</source>
        <translation>Die Matrikelnummer ist länger als {limit} Zeichen.</translation>
    </message>
    <message>
        <source>The date of birth is in the future.</source>
        <translation>Das Geburtsdatum liegt in der Zukunft.</translation>
    </message>
    <message>
        <source>A student must be at least {age}; check the year ({year}).</source>
        <translation>Studierende müssen mindestens {age} Jahre alt sein; prüfen Sie das Jahr ({year}).</translation>
    </message>
    <message>
        <source>Another contact already uses this e-mail.</source>
        <translation>Ein anderer Kontakt verwendet diese E-Mail-Adresse bereits.</translation>
    </message>
    <message>
        <source>Another institution already has this name ({name}).</source>
        <translation>Eine andere Einrichtung hat diesen Namen bereits ({name}).</translation>
    </message>
    <message>
        <source>Another institution already has this name.</source>
        <translation>Eine andere Einrichtung hat diesen Namen bereits.</translation>
    </message>
    <message>
        <source>Another organisation already has this name ({name}).</source>
        <translation>Eine andere Organisation hat diesen Namen bereits ({name}).</translation>
    </message>
    <message>
        <source>Another organisation in this country already has this name.</source>
        <translation>Eine andere Organisation in diesem Land hat diesen Namen bereits.</translation>
    </message>
    <message>
        <source>Another organisation in {country} already has this name ({name}).</source>
        <translation>Eine andere Organisation in {country} hat diesen Namen bereits ({name}).</translation>
    </message>
    <message>
        <source>Born in {year}? Check the year.</source>
        <translation>Geboren {year}? Prüfen Sie das Jahr.</translation>
    </message>
    <message>
        <source>Choose the country.</source>
        <translation>Wählen Sie das Land.</translation>
    </message>
    <message>
        <source>Choose where this person works: either a host organisation or an institution.</source>
        <translation>Wählen Sie, wo diese Person arbeitet: entweder bei einer aufnehmenden Organisation oder an einer Einrichtung.</translation>
    </message>
    <message>
        <source>Enter the contact&apos;s e-mail address.</source>
        <translation>Geben Sie die E-Mail-Adresse des Kontakts ein.</translation>
    </message>
    <message>
        <source>Enter the contact&apos;s name.</source>
        <translation>Geben Sie den Namen des Kontakts ein.</translation>
    </message>
    <message>
        <source>Enter the institution&apos;s name.</source>
        <translation>Geben Sie den Namen der Einrichtung ein.</translation>
    </message>
    <message>
        <source>Enter the organisation&apos;s name.</source>
        <translation>Geben Sie den Namen der Organisation ein.</translation>
    </message>
    <message>
        <source>The Erasmus code is longer than {limit} characters.</source>
        <translation>Der Erasmus-Code ist länger als {limit} Zeichen.</translation>
    </message>
    <message>
        <source>The address is longer than {limit} characters.</source>
        <translation>Die Adresse ist länger als {limit} Zeichen.</translation>
    </message>
    <message>
        <source>The city is longer than {limit} characters.</source>
        <translation>Der Ort ist länger als {limit} Zeichen.</translation>
    </message>
    <message>
        <source>The faculty is longer than {limit} characters.</source>
        <translation>Die Fakultät ist länger als {limit} Zeichen.</translation>
    </message>
    <message>
        <source>The name is longer than {limit} characters.</source>
        <translation>Der Name ist länger als {limit} Zeichen.</translation>
    </message>
    <message>
        <source>The phone number is longer than {limit} characters.</source>
        <translation>Die Telefonnummer ist länger als {limit} Zeichen.</translation>
    </message>
    <message>
        <source>The position is longer than {limit} characters.</source>
        <translation>Die Funktion ist länger als {limit} Zeichen.</translation>
    </message>
    <message>
        <source>The postcode is longer than {limit} characters.</source>
        <translation>Die Postleitzahl ist länger als {limit} Zeichen.</translation>
    </message>
    <message>
        <source>The sector is longer than {limit} characters.</source>
        <translation>Die Branche ist länger als {limit} Zeichen.</translation>
    </message>
    <message>
        <source>The street is longer than {limit} characters.</source>
        <translation>Die Straße ist länger als {limit} Zeichen.</translation>
    </message>
    <message>
        <source>The study cycle is an EQF level from 5 to 8.</source>
        <translation>Der Studienzyklus ist eine EQR-Stufe von 5 bis 8.</translation>
    </message>
    <message>
        <source>The field of education is longer than {limit} characters.</source>
        <translation>Das Studienfach ist länger als {limit} Zeichen.</translation>
    </message>
    <message>
        <source>The programme is longer than {limit} characters.</source>
        <translation>Der Studiengang ist länger als {limit} Zeichen.</translation>
    </message>
    <message>
        <source>This student no longer exists: someone may have deleted it.</source>
        <translation>Diese/r Studierende existiert nicht mehr: Jemand hat den Datensatz vielleicht gelöscht.</translation>
    </message>
    <message>
        <source>This student was deleted; the equity flags were not saved.</source>
        <translation>Diese/r Studierende wurde gelöscht; die Chancengleichheitsangaben wurden nicht gespeichert.</translation>
    </message>
    <message>
        <source>This {what} no longer exists: someone may have deleted it.</source>
        <translation>Dieser Datensatz ({what}) existiert nicht mehr: Jemand hat ihn vielleicht gelöscht.</translation>
    </message>
    <message>
        <source>This {what} was deleted by someone else; your edits were not saved.</source>
        <translation>Dieser Datensatz ({what}) wurde von jemand anderem gelöscht; Ihre Änderungen wurden nicht gespeichert.</translation>
    </message>
    <message>
        <source>This {what} was linked to another record just now, so it was not deleted.</source>
        <translation>Dieser Datensatz ({what}) wurde gerade mit einem anderen Datensatz verknüpft und daher nicht gelöscht.</translation>
    </message>
    <message>
        <source>vipdesk cannot write in &apos;{code}&apos;; choose one of {codes}.</source>
        <translation>vipdesk kann nicht in &apos;{code}&apos; schreiben; wählen Sie eine dieser Sprachen: {codes}.</translation>
    </message>
    <message>
        <source>Language {n}: type the language, e.g. English.</source>
        <translation>Sprache {n}: Geben Sie die Sprache ein, z. B. Englisch.</translation>
    </message>
    <message>
        <source>Language {n}: the name is longer than {limit} characters.</source>
        <translation>Sprache {n}: Der Name ist länger als {limit} Zeichen.</translation>
    </message>
    <message>
        <source>{count} contact</source>
        <translation>{count} Kontakt</translation>
    </message>
    <message>
        <source>{count} contacts</source>
        <translation>{count} Kontakte</translation>
    </message>
    <message>
        <source>{count} placement</source>
        <translation>{count} Praktikum</translation>
    </message>
    <message>
        <source>{count} placements</source>
        <translation>{count} Praktika</translation>
    </message>
    <message>
        <source>{count} student</source>
        <translation>{count} Studierende/r</translation>
    </message>
    <message>
        <source>{count} students</source>
        <translation>{count} Studierende</translation>
    </message>
    <message>
        <source>{first} and {second}</source>
        <translation>{first} und {second}</translation>
    </message>
    <message>
        <source>{first}, {second} and {third}</source>
        <translation>{first}, {second} und {third}</translation>
    </message>
    <message>
        <source>{name} has {records}; delete or reassign them first.</source>
        <translation>{name} hat {records}; löschen oder verschieben Sie diese zuerst.</translation>
    </message>
    <message>
        <source>{name} is mentor or tutor of {placements}; choose someone else there first.</source>
        <translation>{name} ist Mentor/in oder Tutor/in von {placements}; wählen Sie dort zuerst jemand anderen.</translation>
    </message>
    <message>
        <source>{name}: choose a level ({levels}).</source>
        <translation>{name}: Wählen Sie ein Niveau ({levels}).</translation>
    </message>
    <message>
        <source>{name} is listed twice.</source>
        <translation>{name} steht zweimal in der Liste.</translation>
    </message>
    <message>
        <source>Another student already uses this e-mail ({name}).</source>
        <translation>Eine andere studierende Person verwendet diese E-Mail bereits ({name}).</translation>
    </message>
    <message>
        <source>Another student already has this student number ({name}).</source>
        <translation>Eine andere studierende Person hat diese Matrikelnummer bereits ({name}).</translation>
    </message>
    <message>
        <source>The chosen institution was deleted.</source>
        <translation>Die gewählte Einrichtung wurde gelöscht.</translation>
    </message>
    <message>
        <source>Another student already uses this e-mail.</source>
        <translation>Eine andere studierende Person verwendet diese E-Mail bereits.</translation>
    </message>
    <message>
        <source>Another student already has this student number.</source>
        <translation>Eine andere studierende Person hat diese Matrikelnummer bereits.</translation>
    </message>
    <message>
        <source>The equity note is longer than {limit} characters.</source>
        <translation>Die Notiz zu den Merkmalen der Chancengerechtigkeit ist länger als {limit} Zeichen.</translation>
    </message>
    <message>
        <source>Give the date it took place.</source>
        <translation>Geben Sie das Datum an, an dem es stattfand.</translation>
    </message>
    <message>
        <source>The date is outside the placement&apos;s period ({start} – {end}).</source>
        <translation>Das Datum liegt außerhalb des Zeitraums des Praktikums ({start} – {end}).</translation>
    </message>
    <message>
        <source>The date is in the future: log it once it has taken place.</source>
        <translation>Das Datum liegt in der Zukunft: Erfassen Sie es, wenn es stattgefunden hat.</translation>
    </message>
    <message>
        <source>Say who took part.</source>
        <translation>Geben Sie an, wer teilgenommen hat.</translation>
    </message>
    <message>
        <source>Keep the participants under {limit} characters.</source>
        <translation>Halten Sie die Teilnehmenden unter {limit} Zeichen.</translation>
    </message>
    <message>
        <source>Choose one of the tools chosen for this placement.</source>
        <translation>Wählen Sie eines der für dieses Praktikum gewählten Tools.</translation>
    </message>
    <message>
        <source>The duration is from {low} to {high} minutes.</source>
        <translation>Die Dauer liegt zwischen {low} und {high} Minuten.</translation>
    </message>
    <message>
        <source>Keep it under {limit} characters.</source>
        <translation>Halten Sie es unter {limit} Zeichen.</translation>
    </message>
    <message>
        <source>Say what follows up on the concern.</source>
        <translation>Geben Sie an, wie das Anliegen nachverfolgt wird.</translation>
    </message>
    <message>
        <source>Only a concern is resolved.</source>
        <translation>Nur ein Anliegen wird gelöst.</translation>
    </message>
    <message>
        <source>The concern is resolved before it was raised.</source>
        <translation>Das Anliegen ist gelöst, bevor es aufkam.</translation>
    </message>
    <message>
        <source>The resolution date is in the future.</source>
        <translation>Das Datum der Lösung liegt in der Zukunft.</translation>
    </message>
    <message>
        <source>Say how the concern was resolved.</source>
        <translation>Geben Sie an, wie das Anliegen gelöst wurde.</translation>
    </message>
    <message>
        <source>The file {name} is empty.</source>
        <translation>Die Datei {name} ist leer.</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>Die Datei ist leer.</translation>
    </message>
    <message>
        <source>The file {name} is over 20 MB.</source>
        <translation>Die Datei {name} ist größer als 20 MB.</translation>
    </message>
    <message>
        <source>The file is over 20 MB.</source>
        <translation>Die Datei ist größer als 20 MB.</translation>
    </message>
    <message>
        <source>Keep the file name under {limit} characters.</source>
        <translation>Halten Sie den Dateinamen unter {limit} Zeichen.</translation>
    </message>
    <message>
        <source>The file {name} is not a PDF, a Word document (.docx), a PNG or a JPEG.</source>
        <translation>Die Datei {name} ist keine PDF, kein Word-Dokument (.docx), kein PNG und kein JPEG.</translation>
    </message>
    <message>
        <source>The file is not a PDF, a Word document (.docx), a PNG or a JPEG.</source>
        <translation>Die Datei ist keine PDF, kein Word-Dokument (.docx), kein PNG und kein JPEG.</translation>
    </message>
    <message>
        <source>The file {name} is named as a {claimed} but is something else inside.</source>
        <translation>Die Datei {name} ist als {claimed} benannt, enthält aber etwas anderes.</translation>
    </message>
    <message>
        <source>The file {name} is named as a {claimed} but is a {found} inside.</source>
        <translation>Die Datei {name} ist als {claimed} benannt, ist aber im Inneren ein {found}.</translation>
    </message>
    <message>
        <source>The file {name} is damaged: it cannot be read.</source>
        <translation>Die Datei {name} ist beschädigt: Sie kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Credits are from 0 to 60, with at most one decimal.</source>
        <translation>ECTS-Punkte liegen zwischen 0 und 60, mit höchstens einer Nachkommastelle.</translation>
    </message>
    <message>
        <source>More credits than the {planned} planned: say why in the reason.</source>
        <translation>Mehr ECTS-Punkte als die geplanten {planned}: Begründen Sie es im Grund.</translation>
    </message>
    <message>
        <source>Keep the reason under {limit} characters.</source>
        <translation>Halten Sie den Grund unter {limit} Zeichen.</translation>
    </message>
    <message>
        <source>Choose one of the grading scales.</source>
        <translation>Wählen Sie eine der Notenskalen.</translation>
    </message>
    <message>
        <source>Choose the grading scale the grade is on.</source>
        <translation>Wählen Sie die Notenskala, auf der die Note steht.</translation>
    </message>
    <message>
        <source>“{grade}” is not on the {scale} scale ({grades}).</source>
        <translation>„{grade}“ steht nicht auf der Notenskala „{scale}“ ({grades}).</translation>
    </message>
    <message>
        <source>“{grade}” is not on the {scale} scale (a number from {low} to {high}).</source>
        <translation>„{grade}“ steht nicht auf der Notenskala „{scale}“ (eine Zahl von {low} bis {high}).</translation>
    </message>
    <message>
        <source>The date is in the future.</source>
        <translation>Das Datum liegt in der Zukunft.</translation>
    </message>
    <message>
        <source>The date is before the placement started.</source>
        <translation>Das Datum liegt vor dem Beginn des Praktikums.</translation>
    </message>
    <message>
        <source>Keep the outcomes under {limit} characters.</source>
        <translation>Halten Sie die Lernergebnisse unter {limit} Zeichen.</translation>
    </message>
    <message>
        <source>This monitoring entry no longer exists.</source>
        <translation>Dieser Eintrag der Begleitung existiert nicht mehr.</translation>
    </message>
    <message>
        <source>This entry has no file attached.</source>
        <translation>Dieser Eintrag hat keine angehängte Datei.</translation>
    </message>
    <message>
        <source>The reply time is 1 to 336 hours.</source>
        <translation>Die Antwortzeit liegt zwischen 1 und 336 Stunden.</translation>
    </message>
    <message>
        <source>A meeting lasts 10 to 240 minutes.</source>
        <translation>Ein Treffen dauert 10 bis 240 Minuten.</translation>
    </message>
    <message>
        <source>Keep this under {limit} characters.</source>
        <translation>Halten Sie dies unter {limit} Zeichen.</translation>
    </message>
    <message>
        <source>{who}: choose a time zone from the list.</source>
        <translation>{who}: Wählen Sie eine Zeitzone aus der Liste.</translation>
    </message>
    <message>
        <source>{who}: tick at least one working day.</source>
        <translation>{who}: Kreuzen Sie mindestens einen Arbeitstag an.</translation>
    </message>
    <message>
        <source>{who}: enter the start and end of the day.</source>
        <translation>{who}: Geben Sie Beginn und Ende des Tages ein.</translation>
    </message>
    <message>
        <source>{who}: the day must end after it starts (same day).</source>
        <translation>{who}: Der Tag muss nach seinem Beginn enden (am selben Tag).</translation>
    </message>
    <message>
        <source>{a} ({zone_a}) and {b} ({zone_b}) are {gap} h apart: beyond 6 to 7 hours meetings at the same time are hard to hold. Plan more written, asynchronous exchange.</source>
        <translation>{a} ({zone_a}) und {b} ({zone_b}) liegen {gap} h auseinander: Bei mehr als 6 bis 7 Stunden sind gleichzeitige Treffen schwer abzuhalten. Planen Sie mehr schriftlichen, asynchronen Austausch.</translation>
    </message>
    <message>
        <source>On {short} of {days} working days they share less than {minimum} hours (least: {least} h on {day}).</source>
        <translation>An {short} von {days} Arbeitstagen teilen sie weniger als {minimum} Stunden (am wenigsten: {least} h, {day}).</translation>
    </message>
    <message>
        <source>The clocks change on different dates ({listed}): the shared hours move in between. Check the meeting time for those weeks.</source>
        <translation>Die Uhren werden an verschiedenen Tagen umgestellt ({listed}): Dazwischen verschieben sich die gemeinsamen Stunden. Prüfen Sie die Zeit der Treffen in diesen Wochen.</translation>
    </message>
    <message>
        <source>{zones} on {days}</source>
        <translation>{zones}: {days}</translation>
    </message>
    <message>
        <source>{a} and {b}</source>
        <translation>{a} und {b}</translation>
    </message>
    <message>
        <source>No {minutes}-minute slot lies inside the shared hours on the same weekday all through the placement: widen someone&apos;s hours or agree meeting times week by week.</source>
        <translation>Kein Zeitfenster von {minutes} Minuten liegt während des ganzen Praktikums am selben Wochentag in den gemeinsamen Stunden: Erweitern Sie die Zeiten einer Person oder vereinbaren Sie die Treffen Woche für Woche.</translation>
    </message>
    <message>
        <source>This questionnaire response no longer exists.</source>
        <translation>Diese Antwort auf den Fragebogen gibt es nicht mehr.</translation>
    </message>
    <message>
        <source>This questionnaire was completed; re-assess to record new answers.</source>
        <translation>Dieser Fragebogen wurde abgeschlossen; bewerten Sie neu, um neue Antworten zu erfassen.</translation>
    </message>
    <message>
        <source>{count} question(s) still need an answer, the first: “{question}”</source>
        <translation>{count} Frage(n) brauchen noch eine Antwort, die erste: „{question}“</translation>
    </message>
    <message>
        <source>A completed questionnaire is kept as history.</source>
        <translation>Ein abgeschlossener Fragebogen bleibt als Verlauf erhalten.</translation>
    </message>
    <message>
        <source>There is no question &apos;{key}&apos; in this version.</source>
        <translation>Diese Version hat keine Frage &apos;{key}&apos;.</translation>
    </message>
    <message>
        <source>Type the answer as text.</source>
        <translation>Geben Sie die Antwort als Text ein.</translation>
    </message>
    <message>
        <source>The answer is too long.</source>
        <translation>Die Antwort ist zu lang.</translation>
    </message>
    <message>
        <source>Choose a number from 1 to {points}.</source>
        <translation>Wählen Sie eine Zahl von 1 bis {points}.</translation>
    </message>
    <message>
        <source>Choose one of the answers offered.</source>
        <translation>Wählen Sie eine der angebotenen Antworten.</translation>
    </message>
    <message>
        <source>No questionnaire &apos;{name}&apos; is installed.</source>
        <translation>Es ist kein Fragebogen &apos;{name}&apos; installiert.</translation>
    </message>
    <message>
        <source>Version {version} of the &apos;{questionnaire}&apos; questionnaire is not installed: this response comes from another vipdesk version.</source>
        <translation>Version {version} des Fragebogens &apos;{questionnaire}&apos; ist nicht installiert: Diese Antwort stammt aus einer anderen vipdesk-Version.</translation>
    </message>
    <message>
        <source>The questionnaire translation {name} cannot be read: {reason}</source>
        <translation>Die Übersetzung des Fragebogens {name} kann nicht gelesen werden: {reason}</translation>
    </message>
    <message>
        <source>The questionnaire translation {name} does not match its English file: {difference}.</source>
        <translation>Die Übersetzung des Fragebogens {name} passt nicht zu ihrer englischen Datei: {difference}.</translation>
    </message>
    <message>
        <source>its id, version or party</source>
        <translation>ihre ID, Version oder Partei</translation>
    </message>
    <message>
        <source>its themes</source>
        <translation>ihre Themen</translation>
    </message>
    <message>
        <source>{found} questions instead of {expected}</source>
        <translation>{found} Fragen statt {expected}</translation>
    </message>
    <message>
        <source>question &apos;{key}&apos;</source>
        <translation>die Frage &apos;{key}&apos;</translation>
    </message>
    <message>
        <source>Unknown purpose or tool: {keys}.</source>
        <translation>Unbekannter Zweck oder unbekanntes Werkzeug: {keys}.</translation>
    </message>
    <message>
        <source>Enter the date of the test.</source>
        <translation>Geben Sie das Datum des Tests ein.</translation>
    </message>
    <message>
        <source>The note is longer than {limit} characters.</source>
        <translation>Die Notiz ist länger als {limit} Zeichen.</translation>
    </message>
    <message>
        <source>This placement no longer exists.</source>
        <translation>Dieses Praktikum gibt es nicht mehr.</translation>
    </message>
    <message>
        <source>This protocol was deleted by someone else.</source>
        <translation>Dieses Protokoll wurde von jemand anderem gelöscht.</translation>
    </message>
    <message>
        <source>A secure connection to {where} failed: {reason} (is it the right port for the security chosen?).</source>
        <translation>Die sichere Verbindung zu {where} ist fehlgeschlagen: {reason} (ist es der richtige Port für die gewählte Sicherheit?).</translation>
    </message>
    <message>
        <source>Attachment too large: the message is {size} MB and the server takes at most {limit} MB.</source>
        <translation>Anhang zu groß: Die Nachricht hat {size} MB, der Server nimmt höchstens {limit} MB an.</translation>
    </message>
    <message>
        <source>Attachment too large: the server refused the message ({reply}).</source>
        <translation>Anhang zu groß: Der Server hat die Nachricht abgelehnt ({reply}).</translation>
    </message>
    <message>
        <source>Login refused by {where}: the user name or password is not accepted ({reply}).</source>
        <translation>Anmeldung von {where} abgelehnt: Benutzername oder Passwort werden nicht akzeptiert ({reply}).</translation>
    </message>
    <message>
        <source>No mail server is set: fill in Settings → E-mail, or save the message as .eml.</source>
        <translation>Kein Mailserver eingerichtet: Füllen Sie Einstellungen → E-Mail aus oder speichern Sie die Nachricht als .eml.</translation>
    </message>
    <message>
        <source>No password is stored for {user}: enter it in Settings → E-mail.</source>
        <translation>Für {user} ist kein Passwort gespeichert: Geben Sie es unter Einstellungen → E-Mail ein.</translation>
    </message>
    <message>
        <source>Recipient refused: {recipient} ({reply}).</source>
        <translation>Empfänger abgelehnt: {recipient} ({reply}).</translation>
    </message>
    <message>
        <source>Sender refused: {sender} ({reply}).</source>
        <translation>Absender abgelehnt: {sender} ({reply}).</translation>
    </message>
    <message>
        <source>Server unreachable: cannot connect to {where} ({reason}).</source>
        <translation>Server nicht erreichbar: Keine Verbindung zu {where} ({reason}).</translation>
    </message>
    <message>
        <source>The connection to the server was lost while sending; the message stays to be sent again.</source>
        <translation>Die Verbindung zum Server brach beim Senden ab; die Nachricht bleibt zum erneuten Senden vorgemerkt.</translation>
    </message>
    <message>
        <source>The server cannot take a user name or password with letters beyond A–Z (it offers no AUTH PLAIN).</source>
        <translation>Der Server kann keinen Benutzernamen und kein Passwort mit Buchstaben außerhalb von A–Z annehmen (er bietet kein AUTH PLAIN an).</translation>
    </message>
    <message>
        <source>The server does not take addresses written in non-Latin letters (SMTPUTF8).</source>
        <translation>Der Server nimmt keine Adressen in nichtlateinischer Schrift an (SMTPUTF8).</translation>
    </message>
    <message>
        <source>The server refused the message ({reply}).</source>
        <translation>Der Server hat die Nachricht abgelehnt ({reply}).</translation>
    </message>
    <message>
        <source>The server {where} does not accept a login on this connection: choose STARTTLS or TLS.</source>
        <translation>Der Server {where} nimmt auf dieser Verbindung keine Anmeldung an: Wählen Sie STARTTLS oder TLS.</translation>
    </message>
    <message>
        <source>The server {where} does not offer STARTTLS: choose TLS or ask IT for the right port.</source>
        <translation>Der Server {where} bietet kein STARTTLS an: Wählen Sie TLS oder fragen Sie die IT nach dem richtigen Port.</translation>
    </message>
    <message>
        <source>Give at least one recipient.</source>
        <translation>Geben Sie mindestens einen Empfänger an.</translation>
    </message>
    <message>
        <source>Give the message a subject.</source>
        <translation>Geben Sie der Nachricht einen Betreff.</translation>
    </message>
    <message>
        <source>The subject is one line.</source>
        <translation>Der Betreff ist eine einzige Zeile.</translation>
    </message>
    <message>
        <source>The subject is over 300 characters.</source>
        <translation>Der Betreff ist länger als 300 Zeichen.</translation>
    </message>
    <message>
        <source>The attachments come to {size} MB; most servers take 25 MB.</source>
        <translation>Die Anhänge umfassen {size} MB; die meisten Server nehmen 25 MB an.</translation>
    </message>
    <message>
        <source>A file name may not hold a line break or a slash.</source>
        <translation>Ein Dateiname darf keinen Zeilenumbruch und keinen Schrägstrich enthalten.</translation>
    </message>
    <message>
        <source>A name or address may not hold a line break.</source>
        <translation>Ein Name oder eine Adresse darf keinen Zeilenumbruch enthalten.</translation>
    </message>
    <message>
        <source>An empty address is not an e-mail address.</source>
        <translation>Eine leere Adresse ist keine E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>{address} is not an e-mail address.</source>
        <translation>{address} ist keine E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>This message is no longer in the outbox.</source>
        <translation>Diese Nachricht ist nicht mehr im Postausgang.</translation>
    </message>
    <message>
        <source>Give the server&apos;s name, like smtp.example.edu.</source>
        <translation>Geben Sie den Namen des Servers an, z. B. smtp.example.edu.</translation>
    </message>
    <message>
        <source>The port is a number from 1 to 65535.</source>
        <translation>Der Port ist eine Zahl von 1 bis 65535.</translation>
    </message>
    <message>
        <source>Give the address messages come from.</source>
        <translation>Geben Sie die Absenderadresse der Nachrichten an.</translation>
    </message>
    <message>
        <source>A setting is longer than 200 characters.</source>
        <translation>Eine Einstellung ist länger als 200 Zeichen.</translation>
    </message>
    <message>
        <source>Set the address messages come from in Settings → E-mail first.</source>
        <translation>Legen Sie zuerst unter Einstellungen → E-Mail die Absenderadresse fest.</translation>
    </message>
    <message>
        <source>Give the user name the password belongs to.</source>
        <translation>Geben Sie den Benutzernamen an, zu dem das Passwort gehört.</translation>
    </message>
    <message>
        <source>A brace must enclose a placeholder, like {example}.</source>
        <translation>Eine geschweifte Klammer muss einen Platzhalter umschließen, z. B. {example}.</translation>
    </message>
    <message>
        <source>Unknown placeholder {name}: use one of the list.</source>
        <translation>Unbekannter Platzhalter {name}: Verwenden Sie einen aus der Liste.</translation>
    </message>
    <message>
        <source>The message needs a text.</source>
        <translation>Die Nachricht braucht einen Text.</translation>
    </message>
    <message>
        <source>There is no mail template &apos;{key}&apos;.</source>
        <translation>Es gibt keine E-Mail-Vorlage &apos;{key}&apos;.</translation>
    </message>
    <message>
        <source>The placement has no academic tutor to send this to.</source>
        <translation>Das Praktikum hat keine Tutorin/keinen Tutor der Hochschule, an die/den dies gehen könnte.</translation>
    </message>
    <message>
        <source>A certificate is requested from the host, not signed by three.</source>
        <translation>Eine Bescheinigung wird beim Gastgeber angefordert, nicht von drei Parteien unterschrieben.</translation>
    </message>
    <message>
        <source>The certificate is kept; it is not sent to the parties.</source>
        <translation>Die Bescheinigung wird aufbewahrt; sie geht nicht an die Parteien.</translation>
    </message>
    <message>
        <source>The fillable PDF is the agreement for the host&apos;s HR.</source>
        <translation>Das ausfüllbare PDF ist die Vereinbarung für die Personalabteilung des Gastgebers.</translation>
    </message>
    <message>
        <source>The {document} is {state}: send it for signature first, then e-mail it.</source>
        <translation>{document} hat den Status „{state}“: Senden Sie es zuerst zur Unterschrift und dann per E-Mail.</translation>
    </message>
    <message>
        <source>The trainee has signed the {document} already.</source>
        <translation>Die Praktikantin/der Praktikant hat {document} bereits unterschrieben.</translation>
    </message>
    <message>
        <source>The sending institution has signed the {document} already.</source>
        <translation>Die entsendende Einrichtung hat {document} bereits unterschrieben.</translation>
    </message>
    <message>
        <source>The receiving organisation has signed the {document} already.</source>
        <translation>Die aufnehmende Organisation hat {document} bereits unterschrieben.</translation>
    </message>
    <message>
        <source>The agreement {reference} has no e-mail address for the trainee: add it to the record, or write the address in the message.</source>
        <translation>Die Vereinbarung {reference} hat keine E-Mail-Adresse für die Praktikantin/den Praktikanten: Ergänzen Sie sie im Datensatz oder schreiben Sie die Adresse in die Nachricht.</translation>
    </message>
    <message>
        <source>The agreement {reference} has no e-mail address for the sending institution: add it to the record, or write the address in the message.</source>
        <translation>Die Vereinbarung {reference} hat keine E-Mail-Adresse für die entsendende Einrichtung: Ergänzen Sie sie im Datensatz oder schreiben Sie die Adresse in die Nachricht.</translation>
    </message>
    <message>
        <source>The agreement {reference} has no e-mail address for the receiving organisation: add it to the record, or write the address in the message.</source>
        <translation>Die Vereinbarung {reference} hat keine E-Mail-Adresse für die aufnehmende Organisation: Ergänzen Sie sie im Datensatz oder schreiben Sie die Adresse in die Nachricht.</translation>
    </message>
    <message>
        <source>{name} is an Outlook .msg file, which vipdesk does not read: in Outlook, save the message as .eml (or save the attached PDF) and open that.</source>
        <translation>{name} ist eine Outlook-.msg-Datei, die vipdesk nicht liest: Speichern Sie die Nachricht in Outlook als .eml (oder das angehängte PDF) und öffnen Sie diese.</translation>
    </message>
    <message>
        <source>{name} is a PDF, not an e-mail: open it as a returned PDF.</source>
        <translation>{name} ist ein PDF, keine E-Mail: Öffnen Sie es als zurückgesandtes PDF.</translation>
    </message>
    <message>
        <source>{name} is not an e-mail message (.eml).</source>
        <translation>{name} ist keine E-Mail-Nachricht (.eml).</translation>
    </message>
    <message>
        <source>{name} is over {limit} MB; save the PDF from it.</source>
        <translation>{name} ist größer als {limit} MB; speichern Sie das PDF daraus.</translation>
    </message>
    <message>
        <source>{name} carries no agreement or questionnaire exported by vipdesk (no attachment).</source>
        <translation>{name} enthält keine von vipdesk exportierte Vereinbarung und keinen Fragebogen (kein Anhang).</translation>
    </message>
    <message>
        <source>{name} carries no agreement or questionnaire exported by vipdesk ({held}).</source>
        <translation>{name} enthält keine von vipdesk exportierte Vereinbarung und keinen Fragebogen ({held}).</translation>
    </message>
    <message>
        <source>&apos;{email}&apos; is not an e-mail address.</source>
        <translation>„{email}“ ist keine E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>All three parties sign: the trainee, the institution and the host.</source>
        <translation>Alle drei Parteien unterschreiben: Praktikant/in, Einrichtung und aufnehmende Organisation.</translation>
    </message>
    <message>
        <source>Each party may appear only once in the order.</source>
        <translation>Jede Partei darf nur einmal in der Reihenfolge stehen.</translation>
    </message>
    <message>
        <source>Enter the date of the signature.</source>
        <translation>Geben Sie das Datum der Unterschrift ein.</translation>
    </message>
    <message>
        <source>Enter the name of the person who signed.</source>
        <translation>Geben Sie den Namen der unterzeichnenden Person ein.</translation>
    </message>
    <message>
        <source>Name at least one party who signs.</source>
        <translation>Nennen Sie mindestens eine Partei, die unterschreibt.</translation>
    </message>
    <message>
        <source>No communication tool is recorded: say which tools serve {needed} (choose them in preparation, or on the Technology page) before sending.</source>
        <translation>Kein Kommunikationstool erfasst: Geben Sie vor dem Versand an, welche Tools hierfür dienen: {needed} (wählen Sie sie in der Vorbereitung oder auf der Seite „Technik“).</translation>
    </message>
    <message>
        <source>No scan is attached for the {party}.</source>
        <translation>Für diese Partei ist kein Scan angehängt: {party}.</translation>
    </message>
    <message>
        <source>Signer not confirmed ({because}); recorded on the explicit confirmation of the coordinator. Certificate: {certificate}</source>
        <translation>Unterzeichner/in nicht bestätigt ({because}); auf ausdrückliche Bestätigung der Koordination erfasst. Zertifikat: {certificate}</translation>
    </message>
    <message>
        <source>Signer not confirmed ({because}); recorded on the explicit confirmation of {user}. Certificate: {certificate}</source>
        <translation>Unterzeichner/in nicht bestätigt ({because}); auf ausdrückliche Bestätigung von {user} erfasst. Zertifikat: {certificate}</translation>
    </message>
    <message>
        <source>The date is before the document was sent ({sent}).</source>
        <translation>Das Datum liegt vor dem Versand des Dokuments ({sent}).</translation>
    </message>
    <message>
        <source>The date of the signature is in the future.</source>
        <translation>Das Datum der Unterschrift liegt in der Zukunft.</translation>
    </message>
    <message>
        <source>The placement is &apos;{status}&apos;: move it to &apos;Preparing&apos; before sending the agreement.</source>
        <translation>Das Praktikum ist „{status}“: Setzen Sie es vor dem Versand der Vereinbarung auf „In Vorbereitung“.</translation>
    </message>
    <message>
        <source>The {document} is already signed by every party and locked.</source>
        <translation>{document}: bereits von allen Parteien unterschrieben und gesperrt.</translation>
    </message>
    <message>
        <source>The {document} is not out for signature.</source>
        <translation>{document}: nicht zur Unterschrift versandt.</translation>
    </message>
    <message>
        <source>The {document} is out for signature and cannot change: start a new version to change it.</source>
        <translation>{document} ist zur Unterschrift versandt und kann sich nicht ändern: Beginnen Sie eine neue Fassung, um sie zu ändern.</translation>
    </message>
    <message>
        <source>The {document} is signed by all parties and locked: record changes as an amendment.</source>
        <translation>{document} ist von allen Parteien unterschrieben und gesperrt: Erfassen Sie Änderungen als Änderungsvereinbarung.</translation>
    </message>
    <message>
        <source>The {party} does not sign the {document}.</source>
        <translation>{party} unterschreibt {document} nicht.</translation>
    </message>
    <message>
        <source>The {party} has signed the {document} already.</source>
        <translation>{party} hat {document} bereits unterschrieben.</translation>
    </message>
    <message>
        <source>The {party} signs first (order: {order}).</source>
        <translation>Zuerst unterschreibt: {party} (Reihenfolge: {order}).</translation>
    </message>
    <message>
        <source>Unknown party &apos;{party}&apos; in the order.</source>
        <translation>Unbekannte Partei „{party}“ in der Reihenfolge.</translation>
    </message>
    <message>
        <source>{file} carries no signature for the {party}.</source>
        <translation>{file} enthält keine Signatur für: {party}.</translation>
    </message>
    <message>
        <source>{file} is not the {document} as sent for signature with a signature added; ask the party to sign the file they received, without saving it as a new PDF.</source>
        <translation>{file} ist nicht {document} wie zur Unterschrift versandt, mit hinzugefügter Signatur; bitten Sie die Partei, die erhaltene Datei zu signieren, ohne sie als neues PDF zu speichern.</translation>
    </message>
    <message>
        <source>{file}: the signature for the {party} is intact, but its signer {signer} is not confirmed: {reasons}.</source>
        <translation>{file}: Die Signatur für {party} ist intakt, aber die signierende Person {signer} ist nicht bestätigt: {reasons}.</translation>
    </message>
    <message>
        <source>{file}: the signature in {field} does not hold: {verdict}. Nothing was recorded.</source>
        <translation>{file}: Die Signatur in {field} hält nicht: {verdict}. Nichts wurde erfasst.</translation>
    </message>
    <message>
        <source>{kind} {number}</source>
        <translation>{kind} {number}</translation>
    </message>
    <message>
        <source>save it from Excel or LibreOffice as .xlsx or as CSV (UTF-8), then import that.</source>
        <translation>speichern Sie sie in Excel oder LibreOffice als .xlsx oder als CSV (UTF-8) und importieren Sie diese.</translation>
    </message>
    <message>
        <source>Open it in Excel or LibreOffice and save it again, or save it as CSV (UTF-8).</source>
        <translation>Öffnen Sie sie in Excel oder LibreOffice und speichern Sie sie erneut, oder speichern Sie sie als CSV (UTF-8).</translation>
    </message>
    <message>
        <source>{name} would unpack to {size}, more than a spreadsheet vipdesk reads ({most}); it is not an ordinary workbook.</source>
        <translation>{name} würde entpackt {size} groß, mehr als eine Tabelle, die vipdesk liest ({most}); es ist keine gewöhnliche Arbeitsmappe.</translation>
    </message>
    <message>
        <source>{name} holds {count} files; a spreadsheet has far fewer: {advice}</source>
        <translation>{name} enthält {count} Dateien; eine Tabelle hat weit weniger: {advice}</translation>
    </message>
    <message>
        <source>{name} is damaged: the part {member} is missing from it. {advice}</source>
        <translation>{name} ist beschädigt: der Teil {member} fehlt darin. {advice}</translation>
    </message>
    <message>
        <source>{name} contains a document type declaration (DTD) in {member}, which workbooks saved by Excel or LibreOffice never do; vipdesk does not read it. {advice}</source>
        <translation>{name} enthält eine Dokumenttypdeklaration (DTD) in {member}, was von Excel oder LibreOffice gespeicherte Arbeitsmappen nie tun; vipdesk liest sie nicht. {advice}</translation>
    </message>
    <message>
        <source>{name} is damaged: its part {member} is not well-formed ({reason}, line {line}). {advice}</source>
        <translation>{name} ist beschädigt: der Teil {member} ist nicht wohlgeformt ({reason}, Zeile {line}). {advice}</translation>
    </message>
    <message>
        <source>{name} is a damaged or unknown archive: {advice}</source>
        <translation>{name} ist ein beschädigtes oder unbekanntes Archiv: {advice}</translation>
    </message>
    <message>
        <source>{name} is damaged: its part {member} cannot be unpacked. {advice}</source>
        <translation>{name} ist beschädigt: der Teil {member} lässt sich nicht entpacken. {advice}</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number vipdesk can use.</source>
        <translation>&apos;{text}&apos; ist keine Zahl, die vipdesk verwenden kann.</translation>
    </message>
    <message>
        <source>{code} is an error shown by the spreadsheet (a formula that failed), not a value: correct it or clear the cell.</source>
        <translation>{code} ist ein Fehler, den die Tabelle anzeigt (eine fehlgeschlagene Formel), kein Wert: korrigieren Sie ihn oder leeren Sie die Zelle.</translation>
    </message>
    <message>
        <source>The cell holds {size} characters; a cell holds at most {most}.</source>
        <translation>Die Zelle enthält {size} Zeichen; eine Zelle enthält höchstens {most}.</translation>
    </message>
    <message>
        <source>The cell holds {type}, not a value.</source>
        <translation>Die Zelle enthält {type}, keinen Wert.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; contains a control character ({code}), which is not text: retype the cell.</source>
        <translation>&apos;{text}&apos; enthält ein Steuerzeichen ({code}), das kein Text ist: geben Sie die Zelle neu ein.</translation>
    </message>
    <message>
        <source>The column &apos;{title}&apos; is missing.</source>
        <translation>Die Spalte &apos;{title}&apos; fehlt.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date in the calendar.</source>
        <translation>&apos;{text}&apos; ist kein Datum im Kalender.</translation>
    </message>
    <message>
        <source>The column &apos;{title}&apos; (or &apos;{first}&apos; or &apos;{second}&apos;) is missing.</source>
        <translation>Die Spalte &apos;{title}&apos; (oder &apos;{first}&apos; oder &apos;{second}&apos;) fehlt.</translation>
    </message>
    <message>
        <source>The column &apos;{title}&apos; (or &apos;{first}&apos;) is missing.</source>
        <translation>Die Spalte &apos;{title}&apos; (oder &apos;{first}&apos;) fehlt.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date in the calendar; dates with / are read day first (1 February).</source>
        <translation>&apos;{text}&apos; ist kein Datum im Kalender; Daten mit / werden mit dem Tag zuerst gelesen (1. Februar).</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date in the calendar; dates with / are read month first (January 2).</source>
        <translation>&apos;{text}&apos; ist kein Datum im Kalender; Daten mit / werden mit dem Monat zuerst gelesen (Januar 2).</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is a number, not a date: format the cell as a date.</source>
        <translation>&apos;{text}&apos; ist eine Zahl, kein Datum: formatieren Sie die Zelle als Datum.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is a duration, not a date: format the cell as a date.</source>
        <translation>&apos;{text}&apos; ist eine Dauer, kein Datum: formatieren Sie die Zelle als Datum.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a country: write its English name or its code (DE).</source>
        <translation>&apos;{text}&apos; ist kein Land: schreiben Sie seinen englischen Namen oder seinen Code (DE).</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a language vipdesk writes messages in: write one of {codes}, or its name (German, Deutsch).</source>
        <translation>&apos;{text}&apos; ist keine Sprache, in der vipdesk Nachrichten schreibt: schreiben Sie eine von {codes} oder ihren Namen (German, Deutsch).</translation>
    </message>
    <message>
        <source>Two columns mean &apos;{title}&apos; (&apos;{first}&apos; and &apos;{second}&apos;); keep one.</source>
        <translation>Zwei Spalten bedeuten &apos;{title}&apos; (&apos;{first}&apos; und &apos;{second}&apos;); behalten Sie eine.</translation>
    </message>
    <message>
        <source>Add a column &apos;{first}&apos; or &apos;{second}&apos;.</source>
        <translation>Fügen Sie eine Spalte &apos;{first}&apos; oder &apos;{second}&apos; hinzu.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date: write 2027-02-01, 01.02.2027 or 01/02/2027.</source>
        <translation>&apos;{text}&apos; ist kein Datum: schreiben Sie 2027-02-01, 01.02.2027 oder 01/02/2027.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number.</source>
        <translation>&apos;{text}&apos; ist keine Zahl.</translation>
    </message>
    <message>
        <source>{order} is not a date order: choose day_first or month_first.</source>
        <translation>{order} ist keine Datumsreihenfolge: wählen Sie day_first oder month_first.</translation>
    </message>
    <message>
        <source>{name} is larger than {most} ({size}); import it in parts.</source>
        <translation>{name} ist größer als {most} ({size}); importieren Sie sie in Teilen.</translation>
    </message>
    <message>
        <source>{name} is a ZIP archive, not a spreadsheet: {advice}</source>
        <translation>{name} ist ein ZIP-Archiv, keine Tabelle: {advice}</translation>
    </message>
    <message>
        <source>The row has {last} values but the header only {width} columns: a value that holds the separator (comma) needs quotes around it.</source>
        <translation>Die Zeile hat {last} Werte, die Kopfzeile aber nur {width} Spalten: ein Wert, der das Trennzeichen (Komma) enthält, braucht Anführungszeichen.</translation>
    </message>
    <message>
        <source>{name} is empty: there is nothing to import.</source>
        <translation>{name} ist leer: es gibt nichts zu importieren.</translation>
    </message>
    <message>
        <source>{name} is a folder, not a file: choose a file in it.</source>
        <translation>{name} ist ein Ordner, keine Datei: wählen Sie eine Datei darin.</translation>
    </message>
    <message>
        <source>{name} is a named pipe, not an ordinary file: vipdesk imports only files saved on disk.</source>
        <translation>{name} ist eine benannte Pipe, keine gewöhnliche Datei: vipdesk importiert nur auf der Festplatte gespeicherte Dateien.</translation>
    </message>
    <message>
        <source>{name} is a socket, not an ordinary file: vipdesk imports only files saved on disk.</source>
        <translation>{name} ist ein Socket, keine gewöhnliche Datei: vipdesk importiert nur auf der Festplatte gespeicherte Dateien.</translation>
    </message>
    <message>
        <source>{name} is a device, not an ordinary file: vipdesk imports only files saved on disk.</source>
        <translation>{name} ist ein Gerät, keine gewöhnliche Datei: vipdesk importiert nur auf der Festplatte gespeicherte Dateien.</translation>
    </message>
    <message>
        <source>{name} is a PDF document, not a spreadsheet: {advice}</source>
        <translation>{name} ist ein PDF-Dokument, keine Tabelle: {advice}</translation>
    </message>
    <message>
        <source>{name} is an old-style Excel 97-2003 (.xls) or Office file, not a spreadsheet: {advice}</source>
        <translation>{name} ist eine alte Excel-97-2003-Datei (.xls) oder Office-Datei, keine Tabelle: {advice}</translation>
    </message>
    <message>
        <source>{name} is an image, not a spreadsheet: {advice}</source>
        <translation>{name} ist ein Bild, keine Tabelle: {advice}</translation>
    </message>
    <message>
        <source>{name} is text in UTF-16 (Excel&apos;s &apos;Unicode Text&apos;), not a spreadsheet: {advice}</source>
        <translation>{name} ist Text in UTF-16 (Excels &apos;Unicode-Text&apos;), keine Tabelle: {advice}</translation>
    </message>
    <message>
        <source>{name} is a binary file, not a spreadsheet: {advice}</source>
        <translation>{name} ist eine Binärdatei, keine Tabelle: {advice}</translation>
    </message>
    <message>
        <source>{name} is an OpenDocument spreadsheet (.ods), not a spreadsheet: {advice}</source>
        <translation>{name} ist eine OpenDocument-Tabelle (.ods), keine Tabelle, die vipdesk liest: {advice}</translation>
    </message>
    <message>
        <source>{name} is a Word document, not a spreadsheet: {advice}</source>
        <translation>{name} ist ein Word-Dokument, keine Tabelle: {advice}</translation>
    </message>
    <message>
        <source>The row has {last} values but the header only {width} columns: a value that holds the separator (tab) needs quotes around it.</source>
        <translation>Die Zeile hat {last} Werte, die Kopfzeile aber nur {width} Spalten: ein Wert, der das Trennzeichen (Tabulator) enthält, braucht Anführungszeichen.</translation>
    </message>
    <message>
        <source>The row has {last} values but the header only {width} columns: a value that holds the separator (semicolon) needs quotes around it.</source>
        <translation>Die Zeile hat {last} Werte, die Kopfzeile aber nur {width} Spalten: ein Wert, der das Trennzeichen (Semikolon) enthält, braucht Anführungszeichen.</translation>
    </message>
    <message>
        <source>{name} has no worksheet: there is nothing to import.</source>
        <translation>{name} hat kein Arbeitsblatt: es gibt nichts zu importieren.</translation>
    </message>
    <message>
        <source>There is no file {path}.</source>
        <translation>Es gibt keine Datei {path}.</translation>
    </message>
    <message>
        <source>{kind} {start} to {end}</source>
        <translation>{kind} {start} bis {end}</translation>
    </message>
    <message>
        <source>Cannot read {name}: {reason}.</source>
        <translation>{name} kann nicht gelesen werden: {reason}.</translation>
    </message>
    <message>
        <source>{name} is not UTF-8 text (line {line}): in Excel choose &apos;CSV UTF-8 (comma delimited)&apos; when saving, or save as .xlsx.</source>
        <translation>{name} ist kein UTF-8-Text (Zeile {line}): wählen Sie in Excel beim Speichern &apos;CSV UTF-8 (durch Trennzeichen getrennt)&apos; oder speichern Sie als .xlsx.</translation>
    </message>
    <message>
        <source>{name} is not a readable CSV file (line {line}): {reason}.</source>
        <translation>{name} ist keine lesbare CSV-Datei (Zeile {line}): {reason}.</translation>
    </message>
    <message>
        <source>{name} has more than {most} rows; import it in parts.</source>
        <translation>{name} hat mehr als {most} Zeilen; importieren Sie sie in Teilen.</translation>
    </message>
    <message>
        <source>{name} is damaged: its sheet cannot be read ({reason}). {advice}</source>
        <translation>{name} ist beschädigt: das Blatt kann nicht gelesen werden ({reason}). {advice}</translation>
    </message>
    <message>
        <source>The file is damaged here ({reason}): nothing from this row on can be read. {advice}</source>
        <translation>Die Datei ist hier beschädigt ({reason}): ab dieser Zeile kann nichts gelesen werden. {advice}</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a mode; choose one of: {allowed}.</source>
        <translation>&apos;{text}&apos; ist kein Format; wählen Sie eines von: {allowed}.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a status; choose one of: {allowed}.</source>
        <translation>&apos;{text}&apos; ist kein Status; wählen Sie einen von: {allowed}.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is far too many hours.</source>
        <translation>&apos;{text}&apos; sind viel zu viele Stunden.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a whole number of hours.</source>
        <translation>&apos;{text}&apos; ist keine ganze Zahl von Stunden.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a period: write e.g. &apos;physical 2027-02-01 to 2027-02-28&apos;.</source>
        <translation>&apos;{text}&apos; ist kein Zeitraum: schreiben Sie z. B. &apos;physical 2027-02-01 to 2027-02-28&apos;.</translation>
    </message>
    <message>
        <source>No student with the e-mail {email} in vipdesk; import or add the student first.</source>
        <translation>Kein/e Studierende/r mit der E-Mail {email} in vipdesk; importieren oder erfassen Sie die/den Studierende/n zuerst.</translation>
    </message>
    <message>
        <source>No student with the number {number} in vipdesk.</source>
        <translation>Kein/e Studierende/r mit der Nummer {number} in vipdesk.</translation>
    </message>
    <message>
        <source>The e-mail and the student number belong to two different students.</source>
        <translation>Die E-Mail und die Matrikelnummer gehören zu zwei verschiedenen Studierenden.</translation>
    </message>
    <message>
        <source>No host organisation &apos;{name}&apos; in {country} in vipdesk; import or add it first.</source>
        <translation>Keine aufnehmende Organisation &apos;{name}&apos; in {country} in vipdesk; importieren oder erfassen Sie sie zuerst.</translation>
    </message>
    <message>
        <source>{count} contacts at the host are called {name}: give the e-mail instead.</source>
        <translation>{count} Kontakte bei der aufnehmenden Organisation heißen {name}: geben Sie stattdessen die E-Mail an.</translation>
    </message>
    <message>
        <source>A reference has at most 20 characters.</source>
        <translation>Eine Referenz hat höchstens 20 Zeichen.</translation>
    </message>
    <message>
        <source>Enter the mode: virtual, blended or physical.</source>
        <translation>Geben Sie das Format an: virtual, blended oder physical.</translation>
    </message>
    <message>
        <source>No contact with the e-mail {email} in vipdesk.</source>
        <translation>Kein Kontakt mit der E-Mail {email} in vipdesk.</translation>
    </message>
    <message>
        <source>{count} contacts at the institution are called {name}: give the e-mail instead.</source>
        <translation>{count} Kontakte an der Einrichtung heißen {name}: geben Sie stattdessen die E-Mail an.</translation>
    </message>
    <message>
        <source>The same reference as row {first}.</source>
        <translation>Dieselbe Referenz wie Zeile {first}.</translation>
    </message>
    <message>
        <source>The same student, host and planned start as row {first}.</source>
        <translation>Diese/r Studierende, aufnehmende Organisation und geplanter Beginn wie Zeile {first}.</translation>
    </message>
    <message>
        <source>Nobody called {name} works at the host; give the e-mail of a contact in vipdesk.</source>
        <translation>Niemand namens {name} arbeitet bei der aufnehmenden Organisation; geben Sie die E-Mail eines Kontakts in vipdesk an.</translation>
    </message>
    <message>
        <source>Nobody called {name} works at the institution; give the e-mail of a contact in vipdesk.</source>
        <translation>Niemand namens {name} arbeitet an der Einrichtung; geben Sie die E-Mail eines Kontakts in vipdesk an.</translation>
    </message>
    <message>
        <source>vipdesk imports {kinds}; not &apos;{kind}&apos;.</source>
        <translation>vipdesk importiert {kinds}; nicht &apos;{kind}&apos;.</translation>
    </message>
    <message>
        <source>Nothing imported: {problems} problems in {rows} rows of {source}; correct the file and import it again.</source>
        <translation>Nichts importiert: {problems} Probleme in {rows} Zeilen von {source}; korrigieren Sie die Datei und importieren Sie sie erneut.</translation>
    </message>
    <message>
        <source>The database refused one of the placements (someone may have added the same record meanwhile), so nothing was imported. Import the file again: the preview will show what exists now.</source>
        <translation>Die Datenbank hat eines der Praktika abgelehnt (vielleicht hat jemand denselben Datensatz inzwischen hinzugefügt), daher wurde nichts importiert. Importieren Sie die Datei erneut: die Vorschau zeigt, was jetzt existiert.</translation>
    </message>
    <message>
        <source>Nothing imported: 1 problem in 1 row of {source}; correct the file and import it again.</source>
        <translation>Nichts importiert: 1 Problem in 1 Zeile von {source}; korrigieren Sie die Datei und importieren Sie sie erneut.</translation>
    </message>
    <message>
        <source>Nothing imported: {problems} problems in 1 row of {source}; correct the file and import it again.</source>
        <translation>Nichts importiert: {problems} Probleme in 1 Zeile von {source}; korrigieren Sie die Datei und importieren Sie sie erneut.</translation>
    </message>
    <message>
        <source>The database refused one of the students (someone may have added the same record meanwhile), so nothing was imported. Import the file again: the preview will show what exists now.</source>
        <translation>Die Datenbank hat eine/n der Studierenden abgelehnt (vielleicht hat jemand denselben Datensatz inzwischen hinzugefügt), daher wurde nichts importiert. Importieren Sie die Datei erneut: die Vorschau zeigt, was jetzt existiert.</translation>
    </message>
    <message>
        <source>The database refused one of the organisations (someone may have added the same record meanwhile), so nothing was imported. Import the file again: the preview will show what exists now.</source>
        <translation>Die Datenbank hat eine der Organisationen abgelehnt (vielleicht hat jemand denselben Datensatz inzwischen hinzugefügt), daher wurde nichts importiert. Importieren Sie die Datei erneut: die Vorschau zeigt, was jetzt existiert.</translation>
    </message>
    <message>
        <source>There are no rows below the header.</source>
        <translation>Unter der Kopfzeile gibt es keine Zeilen.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a study cycle: write 5, 6, 7 or 8 (EQF level).</source>
        <translation>&apos;{text}&apos; ist kein Studienzyklus: schreiben Sie 5, 6, 7 oder 8 (EQR-Niveau).</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a size; choose one of: {allowed}.</source>
        <translation>&apos;{text}&apos; ist keine Größe; wählen Sie eine von: {allowed}.</translation>
    </message>
    <message>
        <source>There is no institution &apos;{name}&apos; in vipdesk; add it first.</source>
        <translation>Es gibt keine Einrichtung &apos;{name}&apos; in vipdesk; erfassen Sie sie zuerst.</translation>
    </message>
    <message>
        <source>The same e-mail as row {first}.</source>
        <translation>Dieselbe E-Mail wie Zeile {first}.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is far too many employees.</source>
        <translation>&apos;{text}&apos; sind viel zu viele Beschäftigte.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a whole number of employees.</source>
        <translation>&apos;{text}&apos; ist keine ganze Zahl von Beschäftigten.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number of employees.</source>
        <translation>&apos;{text}&apos; ist keine Zahl von Beschäftigten.</translation>
    </message>
    <message>
        <source>The same student number as row {first}.</source>
        <translation>Dieselbe Matrikelnummer wie Zeile {first}.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is stored as a number but is none.</source>
        <translation>&apos;{text}&apos; ist als Zahl gespeichert, ist aber keine.</translation>
    </message>
    <message>
        <source>The cell is formatted as a date but {text} is no date.</source>
        <translation>Die Zelle ist als Datum formatiert, aber {text} ist kein Datum.</translation>
    </message>
    <message>
        <source>{name} is damaged: its shared strings are not well-formed ({reason}, line {line}). {advice}</source>
        <translation>{name} ist beschädigt: seine gemeinsamen Zeichenfolgen sind nicht wohlgeformt ({reason}, Zeile {line}). {advice}</translation>
    </message>
    <message>
        <source>{name} is damaged: the sheet &apos;{sheet}&apos; is listed but not where to find it. {advice}</source>
        <translation>{name} ist beschädigt: das Blatt &apos;{sheet}&apos; ist aufgeführt, aber nicht, wo es zu finden ist. {advice}</translation>
    </message>
    <message>
        <source>row {row} is beyond Excel&apos;s last row</source>
        <translation>Zeile {row} liegt hinter der letzten Zeile von Excel</translation>
    </message>
    <message>
        <source>The cell refers to text the file does not hold: damaged.</source>
        <translation>Die Zelle verweist auf Text, den die Datei nicht enthält: beschädigt.</translation>
    </message>
    <message>
        <source>a cell lies beyond Excel&apos;s last column</source>
        <translation>eine Zelle liegt hinter der letzten Spalte von Excel</translation>
    </message>
    <message>
        <source>Cannot create the database {name}: the folder {folder} is read-only.</source>
        <translation>Die Datenbank {name} kann nicht angelegt werden: Der Ordner {folder} ist schreibgeschützt.</translation>
    </message>
    <message>
        <source>Cannot make the folder {folder} for the database: {reason}.</source>
        <translation>Der Ordner {folder} für die Datenbank kann nicht angelegt werden: {reason}.</translation>
    </message>
    <message>
        <source>The database</source>
        <translation>Die Datenbank</translation>
    </message>
    <message>
        <source>The database URL is not understood; write it as {forms}.</source>
        <translation>Die Datenbank-URL ist nicht verständlich; schreiben Sie sie als {forms}.</translation>
    </message>
    <message>
        <source>The database at {url} cannot be reached. Check the network or the server, then try again; nothing you typed has been lost.</source>
        <translation>Die Datenbank unter {url} ist nicht erreichbar. Prüfen Sie das Netzwerk oder den Server und versuchen Sie es erneut; nichts von Ihren Eingaben ist verloren.</translation>
    </message>
    <message>
        <source>The database is busy: another program is writing to it. Try again in a moment.</source>
        <translation>Die Datenbank ist belegt: Ein anderes Programm schreibt gerade hinein. Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>The disk holding {database} is full: free some space, then try again.</source>
        <translation>Der Datenträger mit {database} ist voll: Geben Sie Speicherplatz frei und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The folder {folder} is read-only: vipdesk needs to write beside the database {name}. Nothing was changed.</source>
        <translation>Der Ordner {folder} ist schreibgeschützt: vipdesk muss neben der Datenbank {name} schreiben. Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>The server name {host} is not known: check the host in the database URL and the network.</source>
        <translation>Der Servername {host} ist unbekannt: Prüfen Sie den Host in der Datenbank-URL und das Netzwerk.</translation>
    </message>
    <message>
        <source>The server {host} asks for a password for user {user}: add it to the database URL (postgresql+psycopg://USER:PASSWORD@HOST/DATABASE).</source>
        <translation>Der Server {host} verlangt ein Passwort für den Benutzer {user}: Fügen Sie es der Datenbank-URL hinzu (postgresql+psycopg://BENUTZER:PASSWORT@HOST/DATENBANK).</translation>
    </message>
    <message>
        <source>The server {host} has no user {user}: check the user name in the database URL.</source>
        <translation>Der Server {host} kennt keinen Benutzer {user}: Prüfen Sie den Benutzernamen in der Datenbank-URL.</translation>
    </message>
    <message>
        <source>The server {host} refused the password of user {user}: check the password in the database URL.</source>
        <translation>Der Server {host} hat das Passwort des Benutzers {user} abgelehnt: Prüfen Sie das Passwort in der Datenbank-URL.</translation>
    </message>
    <message>
        <source>There is no database &quot;{name}&quot; on the server {host}: check its name in the URL, or ask the administrator to create it.</source>
        <translation>Auf dem Server {host} gibt es keine Datenbank „{name}“: Prüfen Sie ihren Namen in der URL oder bitten Sie die Administration, sie anzulegen.</translation>
    </message>
    <message>
        <source>This database was made by a newer version of vipdesk (schema {schema}). Install the newer vipdesk to open it; it has not been changed.</source>
        <translation>Diese Datenbank wurde von einer neueren vipdesk-Version angelegt (Schema {schema}). Installieren Sie die neuere vipdesk-Version, um sie zu öffnen; sie wurde nicht verändert.</translation>
    </message>
    <message>
        <source>User {user} may not connect to the database &quot;{name}&quot; on {host}: ask the administrator for access.</source>
        <translation>Der Benutzer {user} darf sich nicht mit der Datenbank „{name}“ auf {host} verbinden: Bitten Sie die Administration um Zugang.</translation>
    </message>
    <message>
        <source>the database</source>
        <translation>die Datenbank</translation>
    </message>
    <message>
        <source>vipdesk reaches PostgreSQL through psycopg: write the database URL as postgresql+psycopg://… instead of {scheme}://….</source>
        <translation>vipdesk erreicht PostgreSQL über psycopg: Schreiben Sie die Datenbank-URL als postgresql+psycopg://… statt {scheme}://….</translation>
    </message>
    <message>
        <source>vipdesk works with SQLite files and PostgreSQL servers, not {scheme}://…; write the database URL as {forms}.</source>
        <translation>vipdesk arbeitet mit SQLite-Dateien und PostgreSQL-Servern, nicht mit {scheme}://…; schreiben Sie die Datenbank-URL als {forms}.</translation>
    </message>
    <message>
        <source>{database} cannot be read or written: its disk or network drive reported an error or is not available. Check it, then try again.</source>
        <translation>{database} kann nicht gelesen oder geschrieben werden: Der Datenträger oder das Netzlaufwerk meldet einen Fehler oder ist nicht verfügbar. Prüfen Sie ihn und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>{database} holds other data and is not a vipdesk database; it has not been changed.</source>
        <translation>{database} enthält andere Daten und ist keine vipdesk-Datenbank; sie wurde nicht verändert.</translation>
    </message>
    <message>
        <source>{database} is damaged: it cannot be read as a database. It has not been changed; open a backup copy instead.</source>
        <translation>{database} ist beschädigt: Sie kann nicht als Datenbank gelesen werden. Sie wurde nicht verändert; öffnen Sie stattdessen eine Sicherungskopie.</translation>
    </message>
    <message>
        <source>{database} is not a vipdesk database: it is not a database file at all. It has not been changed.</source>
        <translation>{database} ist keine vipdesk-Datenbank: es ist überhaupt keine Datenbankdatei. Sie wurde nicht verändert.</translation>
    </message>
    <message>
        <source>{database} is open read-only: vipdesk needs to write to it. Nothing was changed.</source>
        <translation>{database} ist nur zum Lesen geöffnet: vipdesk muss hineinschreiben. Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>{path} cannot be opened: check that its folder exists and can be written to.</source>
        <translation>{path} kann nicht geöffnet werden: Prüfen Sie, ob der Ordner existiert und beschreibbar ist.</translation>
    </message>
    <message>
        <source>{path} cannot be opened: your account may not read it (file permissions).</source>
        <translation>{path} kann nicht geöffnet werden: Ihr Konto darf die Datei nicht lesen (Dateiberechtigungen).</translation>
    </message>
    <message>
        <source>{path} is a folder, not a database file: give the path of a file, such as {example}.</source>
        <translation>{path} ist ein Ordner, keine Datenbankdatei: Geben Sie den Pfad einer Datei an, etwa {example}.</translation>
    </message>
    <message>
        <source>{path} is a read-only file: vipdesk needs to write to it. Nothing was changed.</source>
        <translation>{path} ist eine schreibgeschützte Datei: vipdesk muss hineinschreiben. Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>A trusted certificate cannot be read: {reason}</source>
        <translation>Ein vertrauenswürdiges Zertifikat kann nicht gelesen werden: {reason}</translation>
    </message>
    <message>
        <source>ALTERED after signing by {signer}: {changes}</source>
        <translation>NACH DER UNTERZEICHNUNG GEÄNDERT durch {signer}: {changes}</translation>
    </message>
    <message>
        <source>ALTERED after signing by {signer}: {changes} ({detail})</source>
        <translation>NACH DER UNTERZEICHNUNG GEÄNDERT durch {signer}: {changes} ({detail})</translation>
    </message>
    <message>
        <source>ALTERED: the signed content does not match the signature</source>
        <translation>GEÄNDERT: Der signierte Inhalt passt nicht zur Signatur</translation>
    </message>
    <message>
        <source>Cannot make a temporary file beside {path}.</source>
        <translation>Neben {path} kann keine temporäre Datei angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot open {name}: the passphrase is wrong, or it is not a PKCS#12 key file.</source>
        <translation>{name} kann nicht geöffnet werden: Die Passphrase ist falsch, oder es ist keine PKCS#12-Schlüsseldatei.</translation>
    </message>
    <message>
        <source>Cannot sign {name}: {reason}</source>
        <translation>{name} kann nicht signiert werden: {reason}</translation>
    </message>
    <message>
        <source>Cannot write to {folder}: the folder does not exist; {name} was not saved.</source>
        <translation>In {folder} kann nicht geschrieben werden: Der Ordner existiert nicht; {name} wurde nicht gespeichert.</translation>
    </message>
    <message>
        <source>Cannot write {name}: it may be open in another program (close it there), or the folder {folder} is read-only. Nothing was saved.</source>
        <translation>{name} kann nicht geschrieben werden: Die Datei ist vielleicht in einem anderen Programm geöffnet (schließen Sie sie dort), oder der Ordner {folder} ist schreibgeschützt. Nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>Cannot write {name}: {reason}. Nothing was saved.</source>
        <translation>{name} kann nicht geschrieben werden: {reason}. Nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>DAMAGED signature: {problem}</source>
        <translation>BESCHÄDIGTE Signatur: {problem}</translation>
    </message>
    <message>
        <source>No trusted certificate has the fingerprint {fingerprint}.</source>
        <translation>Kein vertrauenswürdiges Zertifikat hat den Fingerabdruck {fingerprint}.</translation>
    </message>
    <message>
        <source>The disk holding {folder} is full; {name} was not saved.</source>
        <translation>Der Datenträger mit {folder} ist voll; {name} wurde nicht gespeichert.</translation>
    </message>
    <message>
        <source>The scan</source>
        <translation>Der Scan</translation>
    </message>
    <message>
        <source>The scan {name}</source>
        <translation>Der Scan {name}</translation>
    </message>
    <message>
        <source>a different certificate than the one accepted before for {expected} (SHA-256 {fingerprint}…)</source>
        <translation>ein anderes Zertifikat als das zuvor für {expected} angenommene (SHA-256 {fingerprint}…)</translation>
    </message>
    <message>
        <source>an annotation on page {number} changed</source>
        <translation>eine Anmerkung auf Seite {number} geändert</translation>
    </message>
    <message>
        <source>annotations added on page {number}: {count}</source>
        <translation>Anmerkungen auf Seite {number} hinzugefügt: {count}</translation>
    </message>
    <message>
        <source>annotations removed from page {number}</source>
        <translation>Anmerkungen von Seite {number} entfernt</translation>
    </message>
    <message>
        <source>bytes were appended after the signature</source>
        <translation>nach der Signatur wurden Bytes angehängt</translation>
    </message>
    <message>
        <source>changes that are not allowed after signing</source>
        <translation>Änderungen, die nach der Unterzeichnung nicht erlaubt sind</translation>
    </message>
    <message>
        <source>content of page {number} changed</source>
        <translation>Inhalt von Seite {number} geändert</translation>
    </message>
    <message>
        <source>document properties (XMP metadata) changed: {names}</source>
        <translation>Dokumenteigenschaften (XMP-Metadaten) geändert: {names}</translation>
    </message>
    <message>
        <source>document properties changed: {names}</source>
        <translation>Dokumenteigenschaften geändert: {names}</translation>
    </message>
    <message>
        <source>document settings changed: {names}</source>
        <translation>Dokumenteinstellungen geändert: {names}</translation>
    </message>
    <message>
        <source>field {name} changed</source>
        <translation>Feld {name} geändert</translation>
    </message>
    <message>
        <source>fonts or images of page {number} changed</source>
        <translation>Schriften oder Bilder von Seite {number} geändert</translation>
    </message>
    <message>
        <source>form field {name} changed its type</source>
        <translation>Formularfeld {name} hat seinen Typ geändert</translation>
    </message>
    <message>
        <source>form field {name} removed</source>
        <translation>Formularfeld {name} entfernt</translation>
    </message>
    <message>
        <source>form settings changed: {names}</source>
        <translation>Formulareinstellungen geändert: {names}</translation>
    </message>
    <message>
        <source>intact</source>
        <translation>unverändert</translation>
    </message>
    <message>
        <source>intact (certificate not from a trusted authority)</source>
        <translation>unverändert (Zertifikat nicht von einer vertrauenswürdigen Stelle)</translation>
    </message>
    <message>
        <source>intact, signer NOT CONFIRMED: {reasons}</source>
        <translation>unverändert, Unterzeichner/in NICHT BESTÄTIGT: {reasons}</translation>
    </message>
    <message>
        <source>intact, signer confirmed</source>
        <translation>unverändert, Unterzeichner/in bestätigt</translation>
    </message>
    <message>
        <source>later changes that cannot be read</source>
        <translation>spätere Änderungen, die nicht gelesen werden können</translation>
    </message>
    <message>
        <source>layout of page {number} changed</source>
        <translation>Layout von Seite {number} geändert</translation>
    </message>
    <message>
        <source>new appearance for field {name}, its value unchanged</source>
        <translation>neues Erscheinungsbild für Feld {name}, sein Wert unverändert</translation>
    </message>
    <message>
        <source>new appearance for the empty signature field {name}</source>
        <translation>neues Erscheinungsbild für das leere Signaturfeld {name}</translation>
    </message>
    <message>
        <source>new form field {name} added</source>
        <translation>neues Formularfeld {name} hinzugefügt</translation>
    </message>
    <message>
        <source>new signature field {name} added</source>
        <translation>neues Signaturfeld {name} hinzugefügt</translation>
    </message>
    <message>
        <source>new signature field {name} added and signed</source>
        <translation>neues Signaturfeld {name} hinzugefügt und signiert</translation>
    </message>
    <message>
        <source>nobody on record signs for the {party}</source>
        <translation>niemand ist für die Partei „{party}“ als Unterzeichner/in erfasst</translation>
    </message>
    <message>
        <source>pages added or removed ({then} pages when signed, {now} now)</source>
        <translation>Seiten hinzugefügt oder entfernt ({then} Seiten bei der Unterzeichnung, jetzt {now})</translation>
    </message>
    <message>
        <source>signature added in {name}, a field of no party</source>
        <translation>Signatur in {name} hinzugefügt, einem Feld keiner Partei</translation>
    </message>
    <message>
        <source>signed in {field}, which is no party&apos;s field</source>
        <translation>signiert in {field}, dem Feld keiner Partei</translation>
    </message>
    <message>
        <source>the certificate is not from an authority this office trusts, and none was accepted before for {expected}</source>
        <translation>das Zertifikat stammt nicht von einer Stelle, der dieses Büro vertraut, und für {expected} wurde zuvor keines angenommen</translation>
    </message>
    <message>
        <source>the certificate names {name}, but the {party} is to be signed for by {expected}</source>
        <translation>das Zertifikat nennt {name}, aber für die Partei „{party}“ soll {expected} unterschreiben</translation>
    </message>
    <message>
        <source>the file is not a document stored in this database, so its signers cannot be compared with the records</source>
        <translation>die Datei ist kein in dieser Datenbank gespeichertes Dokument, daher können ihre Unterzeichnenden nicht mit den Unterlagen verglichen werden</translation>
    </message>
    <message>
        <source>the signature in {name} was replaced or redrawn</source>
        <translation>die Signatur in {name} wurde ersetzt oder neu gezeichnet</translation>
    </message>
    <message>
        <source>{name} cannot be read as a certificate: {reason}</source>
        <translation>{name} kann nicht als Zertifikat gelesen werden: {reason}</translation>
    </message>
    <message>
        <source>{name} has no signature field for the {party}: export the document from vipdesk.</source>
        <translation>{name} hat kein Signaturfeld für die Partei „{party}“: Exportieren Sie das Dokument aus vipdesk.</translation>
    </message>
    <message>
        <source>{name} holds no certificate.</source>
        <translation>{name} enthält kein Zertifikat.</translation>
    </message>
    <message>
        <source>{name} is already signed for the {party}.</source>
        <translation>{name} ist für die Partei „{party}“ bereits signiert.</translation>
    </message>
    <message>
        <source>{name} is damaged: its signature fields cannot be read ({reason}).</source>
        <translation>{name} ist beschädigt: Seine Signaturfelder können nicht gelesen werden ({reason}).</translation>
    </message>
    <message>
        <source>{scan} is damaged: it cannot be read.</source>
        <translation>{scan} ist beschädigt: Er kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>{scan} is empty.</source>
        <translation>{scan} ist leer.</translation>
    </message>
    <message>
        <source>{scan} is not a PDF, PNG or JPEG file.</source>
        <translation>{scan} ist keine PDF-, PNG- oder JPEG-Datei.</translation>
    </message>
    <message>
        <source>{scan} is over 25 MB.</source>
        <translation>{scan} ist größer als 25 MB.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not an amount of money.</source>
        <translation>&apos;{text}&apos; ist kein Geldbetrag.</translation>
    </message>
    <message>
        <source>Agreement {reference} is signed by every party and locked: changes are amendments, so there is no fillable version to send.</source>
        <translation>Die Vereinbarung {reference} ist von allen Parteien unterschrieben und gesperrt: Änderungen sind eine Änderungsvereinbarung, daher gibt es keine ausfüllbare Fassung zu senden.</translation>
    </message>
    <message>
        <source>Cannot read {path}: {reason}.</source>
        <translation>{path} kann nicht gelesen werden: {reason}.</translation>
    </message>
    <message>
        <source>Cannot write to the folder {folder}: {reason}. Choose another folder; no agreement was written.</source>
        <translation>In den Ordner {folder} kann nicht geschrieben werden: {reason}. Wählen Sie einen anderen Ordner; es wurde keine Vereinbarung geschrieben.</translation>
    </message>
    <message>
        <source>Cannot write {file} into {folder} ({reason}): it may be open in another program. {written} of {count} agreements were written.</source>
        <translation>{file} kann nicht in {folder} geschrieben werden ({reason}): Die Datei ist vielleicht in einem anderen Programm geöffnet. {written} von {count} Vereinbarungen wurden geschrieben.</translation>
    </message>
    <message>
        <source>Choose at least one change to accept.</source>
        <translation>Wählen Sie mindestens eine Änderung zum Übernehmen.</translation>
    </message>
    <message>
        <source>The actual end is before the actual start.</source>
        <translation>Das tatsächliche Ende liegt vor dem tatsächlichen Beginn.</translation>
    </message>
    <message>
        <source>The agreement is not signed by all parties yet.</source>
        <translation>Die Vereinbarung ist noch nicht von allen Parteien unterschrieben.</translation>
    </message>
    <message>
        <source>The deadline in the task &apos;{task}&apos; is not a date.</source>
        <translation>Die Frist in der Aufgabe &apos;{task}&apos; ist kein Datum.</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist; no agreement was written.</source>
        <translation>Der Ordner {folder} existiert nicht; es wurde keine Vereinbarung geschrieben.</translation>
    </message>
    <message>
        <source>The returned {field} is longer than {limit} characters (it has {length}).</source>
        <translation>Das zurückgegebene Feld „{field}“ ist länger als {limit} Zeichen (es hat {length}).</translation>
    </message>
    <message>
        <source>The {document} has not been sent for signature yet: no PDF to send.</source>
        <translation>{document} wurde noch nicht zur Unterschrift gesendet: Es gibt kein PDF zum Senden.</translation>
    </message>
    <message>
        <source>The {document} is not signed by every party yet.</source>
        <translation>{document} ist noch nicht von allen Parteien unterschrieben.</translation>
    </message>
    <message>
        <source>There is no placement &apos;{text}&apos; in this database.</source>
        <translation>In dieser Datenbank gibt es kein Praktikum &apos;{text}&apos;.</translation>
    </message>
    <message>
        <source>There is no placement with id {id}.</source>
        <translation>Es gibt kein Praktikum mit der ID {id}.</translation>
    </message>
    <message>
        <source>This agreement document no longer exists.</source>
        <translation>Dieses Dokument der Vereinbarung existiert nicht mehr.</translation>
    </message>
    <message>
        <source>This agreement version is no longer the current one: a later version replaced it, or it was deleted.</source>
        <translation>Diese Fassung der Vereinbarung ist nicht mehr die aktuelle: Eine spätere Fassung hat sie ersetzt, oder sie wurde gelöscht.</translation>
    </message>
    <message>
        <source>Write the mentor&apos;s evaluation of the trainee: Table D certifies it.</source>
        <translation>Schreiben Sie die Bewertung der Praktikantin/des Praktikanten durch die Mentorin/den Mentor: Tabelle D bescheinigt sie.</translation>
    </message>
    <message>
        <source>a questionnaire</source>
        <translation>ein Fragebogen</translation>
    </message>
    <message>
        <source>a traineeship certificate</source>
        <translation>eine Praktikumsbescheinigung</translation>
    </message>
    <message>
        <source>an agreement</source>
        <translation>eine Vereinbarung</translation>
    </message>
    <message>
        <source>an amendment to an agreement</source>
        <translation>eine Änderungsvereinbarung</translation>
    </message>
    <message>
        <source>financial amount</source>
        <translation>Betrag der finanziellen Unterstützung</translation>
    </message>
    <message>
        <source>financial support</source>
        <translation>Finanzielle Unterstützung</translation>
    </message>
    <message>
        <source>host department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <source>host insurance</source>
        <translation>Versicherung durch die aufnehmende Organisation</translation>
    </message>
    <message>
        <source>in kind</source>
        <translation>Sachleistungen</translation>
    </message>
    <message>
        <source>mentor email</source>
        <translation>E-Mail der Mentorin/des Mentors</translation>
    </message>
    <message>
        <source>mentor name</source>
        <translation>Name der Mentorin/des Mentors</translation>
    </message>
    <message>
        <source>mentor position</source>
        <translation>Position der Mentorin/des Mentors</translation>
    </message>
    <message>
        <source>nothing of vipdesk</source>
        <translation>nichts von vipdesk</translation>
    </message>
    <message>
        <source>tasks</source>
        <translation>Aufgaben</translation>
    </message>
    <message>
        <source>{file} carries a damaged vipdesk reference.</source>
        <translation>{file} trägt eine beschädigte vipdesk-Referenz.</translation>
    </message>
    <message>
        <source>{file} carries the reference {reference} with the placement id {theirs}, but {reference} here is placement {ours}: the file comes from another database, or its properties were changed.</source>
        <translation>{file} trägt die Referenz {reference} mit der Praktikums-ID {theirs}, aber {reference} ist hier das Praktikum {ours}: Die Datei stammt aus einer anderen Datenbank, oder ihre Eigenschaften wurden geändert.</translation>
    </message>
    <message>
        <source>{file} does not match version {version} of agreement {reference} as it was sent: it was made from other content.</source>
        <translation>{file} entspricht nicht der Fassung {version} der Vereinbarung {reference}, wie sie gesendet wurde: Die Datei wurde aus anderem Inhalt erstellt.</translation>
    </message>
    <message>
        <source>{file} is damaged and cannot be read as a PDF ({reason}).</source>
        <translation>{file} ist beschädigt und kann nicht als PDF gelesen werden ({reason}).</translation>
    </message>
    <message>
        <source>{file} is damaged: its form fields cannot be read ({reason}).</source>
        <translation>{file} ist beschädigt: Die Formularfelder können nicht gelesen werden ({reason}).</translation>
    </message>
    <message>
        <source>{file} is not a PDF file.</source>
        <translation>{file} ist keine PDF-Datei.</translation>
    </message>
    <message>
        <source>{file} is not {wanted} exported by vipdesk.</source>
        <translation>{file} ist keine von vipdesk exportierte Datei: erwartet wird {wanted}.</translation>
    </message>
    <message>
        <source>{file} is protected with a password; ask the sender for an unprotected copy.</source>
        <translation>{file} ist mit einem Passwort geschützt; bitten Sie den Absender um eine ungeschützte Kopie.</translation>
    </message>
    <message>
        <source>{file} is the agreement of placement {theirs}, not of {ours}.</source>
        <translation>{file} ist die Vereinbarung des Praktikums {theirs}, nicht von {ours}.</translation>
    </message>
    <message>
        <source>{file} is version {version} of agreement {reference}, which is not stored here: export the current version and send that.</source>
        <translation>{file} ist die Fassung {version} der Vereinbarung {reference}, die hier nicht gespeichert ist: Exportieren Sie die aktuelle Fassung und senden Sie diese.</translation>
    </message>
    <message>
        <source>{file} is {found}, not {wanted} exported by vipdesk.</source>
        <translation>{file} ist {found}; erwartet wird {wanted}, von vipdesk exportiert.</translation>
    </message>
    <message>
        <source>{file} was changed after vipdesk exported it: its vipdesk identifiers say {now}, but the file as exported says {was}. It is refused.</source>
        <translation>{file} wurde geändert, nachdem vipdesk sie exportiert hat: Ihre vipdesk-Kennungen sagen {now}, die Datei wie exportiert aber {was}. Sie wird abgelehnt.</translation>
    </message>
    <message>
        <source>{file}: the signature in {field} does not hold: {verdict}. The file is not reviewed; ask for the file as it was signed.</source>
        <translation>{file}: Die Unterschrift in {field} ist nicht gültig: {verdict}. Die Datei wird nicht geprüft; fordern Sie die Datei so an, wie sie unterschrieben wurde.</translation>
    </message>
    <message>
        <source>{one} or {other}</source>
        <translation>{one} oder {other}</translation>
    </message>
    <message>
        <source>{reference} (placement {id})</source>
        <translation>{reference} (Praktikum {id})</translation>
    </message>
    <message>
        <source>{file} asks a questionnaire vipdesk does not know.</source>
        <translation>{file} enthält einen Fragebogen, den vipdesk nicht kennt.</translation>
    </message>
    <message>
        <source>{file} asks other questions than the {questionnaire} of {reference} as vipdesk has it (the file was altered, or the agreement&apos;s learning outcomes changed since it was sent): it is refused; send a new one.</source>
        <translation>{file} stellt andere Fragen als {questionnaire} von {reference}, wie vipdesk ihn kennt (die Datei wurde verändert, oder die Lernergebnisse der Vereinbarung haben sich seit dem Versand geändert): Sie wird abgelehnt; senden Sie einen neuen.</translation>
    </message>
    <message>
        <source>{file} is a questionnaire of placement {reference}, which is not in this database.</source>
        <translation>{file} ist ein Fragebogen des Praktikums {reference}, das nicht in dieser Datenbank ist.</translation>
    </message>
    <message>
        <source>{file} is a questionnaire of placement {theirs}, not of {ours}.</source>
        <translation>{file} ist ein Fragebogen des Praktikums {theirs}, nicht von {ours}.</translation>
    </message>
    <message>
        <source>{file} is in a language vipdesk does not know.</source>
        <translation>{file} ist in einer Sprache, die vipdesk nicht kennt.</translation>
    </message>
    <message>
        <source>{file} is not complete: {problems}</source>
        <translation>{file} ist nicht vollständig: {problems}</translation>
    </message>
    <message>
        <source>{file}: its form was altered: {problems}.</source>
        <translation>{file}: Das Formular wurde verändert: {problems}.</translation>
    </message>
    <message>
        <source>{file}: {problem}</source>
        <translation>{file}: {problem}</translation>
    </message>
    <message>
        <source>There is no work-list rule &apos;{key}&apos;.</source>
        <translation>Es gibt keine Regel der Arbeitsliste „{key}“.</translation>
    </message>
    <message>
        <source>This deleted record can no longer be restored: someone restored it, or it was deleted more than 30 days ago.</source>
        <translation>Dieser gelöschte Datensatz kann nicht mehr wiederhergestellt werden: Jemand hat ihn wiederhergestellt, oder er wurde vor mehr als 30 Tagen gelöscht.</translation>
    </message>
    <message>
        <source>{what} {name} cannot be restored: what it belongs to (a student, host, funding source or shared cost) was deleted since, or its reference was taken again. Nothing was changed.</source>
        <translation>{what} {name} kann nicht wiederhergestellt werden: Wozu der Datensatz gehört (Studierende/r, aufnehmende Organisation, Finanzierungsquelle oder geteilte Kosten), wurde inzwischen gelöscht, oder seine Kennung wurde neu vergeben. Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>“{setting}”: choose from {least} to {most} days.</source>
        <translation>„{setting}“: Wählen Sie {least} bis {most} Tage.</translation>
    </message>
    <message>
        <source>Synchronous contact as close as possible to meeting in person: video or web conferencing.</source>
        <translation>Synchroner Kontakt, so nah wie möglich an einem persönlichen Treffen: Video- oder Webkonferenz.</translation>
    </message>
    <message>
        <source>Where the student asks quickly and gets an answer within the agreed reply time.</source>
        <translation>Wo die/der Studierende schnell fragt und innerhalb der vereinbarten Antwortzeit eine Antwort bekommt.</translation>
    </message>
    <message>
        <source>Asynchronous and archived: reports, feedback, agreements.</source>
        <translation>Asynchron und archiviert: Berichte, Rückmeldungen, Vereinbarungen.</translation>
    </message>
    <message>
        <source>One place where work in progress and deliverables live.</source>
        <translation>Ein Ort, an dem laufende Arbeit und Arbeitsergebnisse liegen.</translation>
    </message>
    <message>
        <source>A blog or e-portfolio: it also serves the final assessment.</source>
        <translation>Ein Blog oder E-Portfolio: dient auch der abschließenden Bewertung.</translation>
    </message>
    <message>
        <source>Space for informal contact with co-workers: a team channel, a virtual coffee.</source>
        <translation>Raum für informellen Kontakt mit Kolleginnen und Kollegen: ein Team-Kanal, ein virtueller Kaffee.</translation>
    </message>
    <message>
        <source>A low-bandwidth way to reach each other: a phone call can beat the trendy app.</source>
        <translation>Ein Weg mit wenig Bandbreite, einander zu erreichen: ein Anruf schlägt oft die angesagte App.</translation>
    </message>
    <message>
        <source>Common in companies and universities; guests need an invitation to the host&apos;s tenant.</source>
        <translation>Verbreitet in Unternehmen und Hochschulen; Gäste brauchen eine Einladung in den Mandanten der aufnehmenden Organisation.</translation>
    </message>
    <message>
        <source>Joins from a link; some companies block it or allow only their own licence.</source>
        <translation>Beitritt über einen Link; manche Unternehmen sperren es oder erlauben nur ihre eigene Lizenz.</translation>
    </message>
    <message>
        <source>Runs in the browser; often blocked where a company standardises on Microsoft.</source>
        <translation>Läuft im Browser; oft gesperrt, wo ein Unternehmen auf Microsoft setzt.</translation>
    </message>
    <message>
        <source>Open source, no account, runs in the browser; quality depends on the server used.</source>
        <translation>Open Source, kein Konto, läuft im Browser; die Qualität hängt vom verwendeten Server ab.</translation>
    </message>
    <message>
        <source>Frequent in larger companies; joins from a link.</source>
        <translation>Häufig in größeren Unternehmen; Beitritt über einen Link.</translation>
    </message>
    <message>
        <source>Channels per topic suit questions and non-task talk; the student needs an invitation to the workspace.</source>
        <translation>Kanäle je Thema eignen sich für Fragen und Gespräche jenseits der Aufgaben; die/der Studierende braucht eine Einladung in den Workspace.</translation>
    </message>
    <message>
        <source>Everybody has it and it works on weak connections, but it mixes private and work life and uses private phone numbers.</source>
        <translation>Alle haben es und es funktioniert bei schwacher Verbindung, vermischt aber Privat- und Arbeitsleben und nutzt private Telefonnummern.</translation>
    </message>
    <message>
        <source>Private by design; uses private phone numbers.</source>
        <translation>Auf Privatsphäre ausgelegt; nutzt private Telefonnummern.</translation>
    </message>
    <message>
        <source>Asynchronous, archived, works on any connection: the default for reports and formal exchange.</source>
        <translation>Asynchron, archiviert, funktioniert mit jeder Verbindung: der Standard für Berichte und förmlichen Austausch.</translation>
    </message>
    <message>
        <source>Works when the internet does not; mind the cost of international calls.</source>
        <translation>Funktioniert auch ohne Internet; achten Sie auf die Kosten internationaler Anrufe.</translation>
    </message>
    <message>
        <source>The institution&apos;s learning platform: assignments, feedback and an archive for the assessment; host staff need guest access.</source>
        <translation>Die Lernplattform der Hochschule: Aufgaben, Rückmeldungen und ein Archiv für die Bewertung; Mitarbeitende der aufnehmenden Organisation brauchen Gastzugang.</translation>
    </message>
    <message>
        <source>The host&apos;s document store; external users need to be invited.</source>
        <translation>Die Dokumentablage der aufnehmenden Organisation; externe Nutzer müssen eingeladen werden.</translation>
    </message>
    <message>
        <source>Easy sharing by link; check whether the host allows company data there.</source>
        <translation>Einfaches Teilen per Link; prüfen Sie, ob die aufnehmende Organisation dort Unternehmensdaten erlaubt.</translation>
    </message>
    <message>
        <source>Self-hosted by many universities; guests can be given links or accounts.</source>
        <translation>Von vielen Hochschulen selbst betrieben; Gäste können Links oder Konten erhalten.</translation>
    </message>
    <message>
        <source>E-portfolio often run next to Moodle; the student decides what mentor and tutor see.</source>
        <translation>E-Portfolio, oft neben Moodle betrieben; die/der Studierende entscheidet, was Mentor/in und Tutor/in sehen.</translation>
    </message>
    <message>
        <source>A reflection blog, private or shared with tutor and mentor.</source>
        <translation>Ein Reflexionsblog, privat oder mit Tutor/in und Mentor/in geteilt.</translation>
    </message>
    <message>
        <source>Telephone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Moodle (the university&apos;s LMS)</source>
        <translation>Moodle (die Lernplattform der Hochschule)</translation>
    </message>
    <message>
        <source>Mahara e-portfolio</source>
        <translation>Mahara E-Portfolio</translation>
    </message>
    <message>
        <source>Blog (e.g. WordPress)</source>
        <translation>Blog (z. B. WordPress)</translation>
    </message>
    <message>
        <source>Search students</source>
        <translation>Studierende durchsuchen</translation>
    </message>
    <message>
        <source>Search students…</source>
        <translation>Studierende durchsuchen…</translation>
    </message>
    <message>
        <source>The students, one per row; Enter opens one</source>
        <translation>Die Studierenden, ein Eintrag pro Zeile; Eingabe öffnet ihn</translation>
    </message>
    <message>
        <source>Students not loaded</source>
        <translation>Studierende nicht geladen</translation>
    </message>
    <message>
        <source>Cannot open the student</source>
        <translation>Eintrag der/des Studierenden kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Delete student</source>
        <translation>Studierende/n löschen</translation>
    </message>
    <message>
        <source>Student not deleted</source>
        <translation>Studierende/r nicht gelöscht</translation>
    </message>
    <message>
        <source>No students yet — press New… to add one</source>
        <translation>Noch keine Studierenden — „Neu…“ fügt eine Person hinzu</translation>
    </message>
    <message>
        <source>No students match “{text}”.</source>
        <translation>Keine Studierenden passen zu „{text}“.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln student(s)</source>
        <translation>
            <numerusform>%Ln Studierende/r</numerusform>
            <numerusform>%Ln Studierende</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln student(s)</source>
        <translation>
            <numerusform>{shown} von %Ln Studierenden</numerusform>
            <numerusform>{shown} von %Ln Studierenden</numerusform>
        </translation>
    </message>
    <message>
        <source>Search host organisations</source>
        <translation>Aufnehmende Organisationen durchsuchen</translation>
    </message>
    <message>
        <source>Search host organisations…</source>
        <translation>Aufnehmende Organisationen durchsuchen…</translation>
    </message>
    <message>
        <source>Host organisations</source>
        <translation>Aufnehmende Organisationen</translation>
    </message>
    <message>
        <source>The host organisations, one per row; Enter opens one</source>
        <translation>Die aufnehmenden Organisationen, eine pro Zeile; Eingabe öffnet sie</translation>
    </message>
    <message>
        <source>Host organisations not loaded</source>
        <translation>Aufnehmende Organisationen nicht geladen</translation>
    </message>
    <message>
        <source>Cannot open the organisation</source>
        <translation>Organisation kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Delete organisation</source>
        <translation>Organisation löschen</translation>
    </message>
    <message>
        <source>Organisation not deleted</source>
        <translation>Organisation nicht gelöscht</translation>
    </message>
    <message>
        <source>No host organisations yet — press New… to add one</source>
        <translation>Noch keine aufnehmenden Organisationen — „Neu…“ fügt eine hinzu</translation>
    </message>
    <message>
        <source>No host organisations match “{text}”.</source>
        <translation>Keine aufnehmende Organisation passt zu „{text}“.</translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln host organisation(s)</source>
        <translation>
            <numerusform>{shown} von %Ln aufnehmenden Organisation</numerusform>
            <numerusform>{shown} von %Ln aufnehmenden Organisationen</numerusform>
        </translation>
    </message>
    <message>
        <source>Search contacts</source>
        <translation>Kontakte durchsuchen</translation>
    </message>
    <message>
        <source>Search contacts…</source>
        <translation>Kontakte durchsuchen…</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Kontakte</translation>
    </message>
    <message>
        <source>The contacts, one per row; Enter opens one</source>
        <translation>Die Kontakte, einer pro Zeile; Eingabe öffnet ihn</translation>
    </message>
    <message>
        <source>Contacts not loaded</source>
        <translation>Kontakte nicht geladen</translation>
    </message>
    <message>
        <source>Cannot open the contact</source>
        <translation>Kontakt kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Delete contact</source>
        <translation>Kontakt löschen</translation>
    </message>
    <message>
        <source>Contact not deleted</source>
        <translation>Kontakt nicht gelöscht</translation>
    </message>
    <message>
        <source>No contacts yet — press New… to add one</source>
        <translation>Noch keine Kontakte — „Neu…“ fügt einen hinzu</translation>
    </message>
    <message>
        <source>No contacts match “{text}”.</source>
        <translation>Kein Kontakt passt zu „{text}“.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln contact(s)</source>
        <translation>
            <numerusform>%Ln Kontakt</numerusform>
            <numerusform>%Ln Kontakte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln contact(s)</source>
        <translation>
            <numerusform>{shown} von %Ln Kontakt</numerusform>
            <numerusform>{shown} von %Ln Kontakten</numerusform>
        </translation>
    </message>
    <message>
        <source>Search institutions</source>
        <translation>Einrichtungen durchsuchen</translation>
    </message>
    <message>
        <source>Search institutions…</source>
        <translation>Einrichtungen durchsuchen…</translation>
    </message>
    <message>
        <source>Institutions</source>
        <translation>Einrichtungen</translation>
    </message>
    <message>
        <source>The institutions, one per row; Enter opens one</source>
        <translation>Die Einrichtungen, eine pro Zeile; Eingabe öffnet sie</translation>
    </message>
    <message>
        <source>Institutions not loaded</source>
        <translation>Einrichtungen nicht geladen</translation>
    </message>
    <message>
        <source>Cannot open the institution</source>
        <translation>Einrichtung kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Delete institution</source>
        <translation>Einrichtung löschen</translation>
    </message>
    <message>
        <source>Institution not deleted</source>
        <translation>Einrichtung nicht gelöscht</translation>
    </message>
    <message>
        <source>No institutions yet — press New… to add one</source>
        <translation>Noch keine Einrichtungen — „Neu…“ fügt eine hinzu</translation>
    </message>
    <message>
        <source>No institutions match “{text}”.</source>
        <translation>Keine Einrichtung passt zu „{text}“.</translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln institution(s)</source>
        <translation>
            <numerusform>{shown} von %Ln Einrichtung</numerusform>
            <numerusform>{shown} von %Ln Einrichtungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln question(s) still need an answer, the first: “{question}”</source>
        <translation>
            <numerusform>%Ln Frage braucht noch eine Antwort: „{question}“</numerusform>
            <numerusform>%Ln Fragen brauchen noch eine Antwort, die erste: „{question}“</numerusform>
        </translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date. Type it as YYYY-MM-DD, e.g. 2026-03-01.</source>
        <translation>&apos;{text}&apos; ist kein Datum. Geben Sie es als JJJJ-MM-TT oder TT.MM.JJJJ ein, z. B. 2026-03-01 oder 1.3.2026.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number of credits; type e.g. 15 or 7.5.</source>
        <translation>&apos;{text}&apos; ist keine Zahl von Leistungspunkten; geben Sie z. B. 15 oder 7,5 ein.</translation>
    </message>
</context>
</TS>
