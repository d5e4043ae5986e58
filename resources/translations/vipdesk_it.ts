<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it_IT">
<context>
    <name></name>
    <message>
        <source>Cannot read {name}: {value}.</source>
        <translation>Impossibile leggere {name}: {value}.</translation>
    </message>
    <message>
        <source>Draft agreement</source>
        <translation>Bozza dell&apos;accordo</translation>
    </message>
    <message>
        <source>Save the final PDF</source>
        <translation>Salva il PDF finale</translation>
    </message>
    <message>
        <source>Save the PDF</source>
        <translation>Salva il PDF</translation>
    </message>
    <message>
        <source>{reference} {title} for HR.pdf</source>
        <translation>{reference} {title} per HR.pdf</translation>
    </message>
    <message>
        <source>Save the fillable PDF for HR</source>
        <translation>Salva il PDF compilabile per HR</translation>
    </message>
    <message>
        <source>Choose the PDF returned by HR</source>
        <translation>Scegli il PDF restituito da HR</translation>
    </message>
    <message>
        <source>Import returned PDF</source>
        <translation>Importa PDF restituito</translation>
    </message>
    <message>
        <source>Choose a PDF to verify</source>
        <translation>Scegli un PDF da verificare</translation>
    </message>
    <message>
        <source>Verify a PDF</source>
        <translation>Verifica un PDF</translation>
    </message>
    <message>
        <source>This placement</source>
        <translation>Questo tirocinio</translation>
    </message>
    <message>
        <source>Signed by every party</source>
        <translation>Firmato da tutte le parti</translation>
    </message>
    <message>
        <source>{title} is signed by every party and locked. Its final PDF is archived with SHA-256 {final_sha256}.</source>
        <translation>{title} è firmato da tutte le parti e bloccato. Il suo PDF finale è archiviato con SHA-256 {final_sha256}.</translation>
    </message>
    <message>
        <source>Save scan</source>
        <translation>Salva scansione</translation>
    </message>
    <message>
        <source>Save the scan</source>
        <translation>Salva la scansione</translation>
    </message>
    <message>
        <source>No placement is selected</source>
        <translation>Nessun tirocinio selezionato</translation>
    </message>
    <message numerus="yes">
        <source>%Ln placement(s)</source>
        <translation>
            <numerusform>%Ln tirocinio</numerusform>
            <numerusform>%Ln tirocini</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The %Ln selected placement(s)</source>
        <translation>
            <numerusform>Il tirocinio selezionato</numerusform>
            <numerusform>I %Ln tirocini selezionati</numerusform>
        </translation>
    </message>
    <message>
        <source>The agreements were not exported</source>
        <translation>Gli accordi non sono stati esportati</translation>
    </message>
    <message>
        <source>Cancelled: no agreement was written, the folder is as it was.</source>
        <translation>Annullato: nessun accordo è stato scritto, la cartella è rimasta com&apos;era.</translation>
    </message>
    <message>
        <source>Export agreements</source>
        <translation>Esporta accordi</translation>
    </message>
    <message>
        <source>The {count} shown with an agreement on file</source>
        <translation>I {count} visualizzati con un accordo in archivio</translation>
    </message>
    <message>
        <source>The {count} shown in the list</source>
        <translation>I {count} visualizzati nell&apos;elenco</translation>
    </message>
    <message>
        <source> ({missing:,} drafted from their records)</source>
        <translation> ({missing:,} redatti dai rispettivi dati)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Scegli…</translation>
    </message>
    <message>
        <source>Fillable: the host&apos;s part as form fields, for HR to complete</source>
        <translation>Compilabile: la parte dell&apos;organizzazione ospitante come campi modulo, da completare a cura di HR</translation>
    </message>
    <message>
        <source>Agreements of</source>
        <translation>Accordi di</translation>
    </message>
    <message>
        <source>Save into</source>
        <translation>Salva in</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Variante</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Apri cartella</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Esporta</translation>
    </message>
    <message>
        <source>One PDF per placement, named by its reference (e.g. VIP-2027-00042.pdf), ready to send for signature. If you cancel, the folder is left as it was.</source>
        <translation>Un PDF per tirocinio, con il riferimento come nome (es. VIP-2027-00042.pdf), pronto da inviare per la firma. Se annulli, la cartella resta com&apos;era.</translation>
    </message>
    <message>
        <source>Save the agreements into</source>
        <translation>Salva gli accordi in</translation>
    </message>
    <message>
        <source>Choose the folder to save the agreements into.</source>
        <translation>Scegli la cartella in cui salvare gli accordi.</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>La cartella {folder} non esiste.</translation>
    </message>
    <message>
        <source>There is no placement to export.</source>
        <translation>Non c&apos;è nessun tirocinio da esportare.</translation>
    </message>
    <message>
        <source>Writing the agreements of {count}…</source>
        <translation>Scrittura degli accordi di {count}…</translation>
    </message>
    <message>
        <source>Exporting agreements</source>
        <translation>Esportazione degli accordi</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %Ln agreement(s) to {folder}.</source>
        <translation>
            <numerusform>%Ln accordo scritto in {folder}.</numerusform>
            <numerusform>%Ln accordi scritti in {folder}.</numerusform>
        </translation>
    </message>
    <message>
        <source>{replaced:,} of them replaced earlier files of the same name.</source>
        <translation>{replaced:,} di questi hanno sostituito file precedenti con lo stesso nome.</translation>
    </message>
    <message>
        <source>{count} had been deleted meanwhile and were left out.</source>
        <translation>{count} erano stati eliminati nel frattempo e sono stati esclusi.</translation>
    </message>
    <message>
        <source>Returned PDF — {name}</source>
        <translation>PDF restituito — {name}</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;{name}&lt;/b&gt; differs from the agreement in %n field(s). Tick the changes to accept: they become a new version to send again; the others are left as they are.</source>
        <translation>
            <numerusform>&lt;b&gt;{name}&lt;/b&gt; differisce dall&apos;accordo in %n campo. Spunta le modifiche da accettare: diventano una nuova versione da inviare di nuovo; le altre restano come sono.</numerusform>
            <numerusform>&lt;b&gt;{name}&lt;/b&gt; differisce dall&apos;accordo in %n campi. Spunta le modifiche da accettare: diventano una nuova versione da inviare di nuovo; le altre restano come sono.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; changes no field of the agreement.</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; non modifica alcun campo dell&apos;accordo.</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>In vipdesk</source>
        <translation>In vipdesk</translation>
    </message>
    <message>
        <source>In the returned PDF</source>
        <translation>Nel PDF restituito</translation>
    </message>
    <message>
        <source>Signed digitally in this file: &lt;b&gt;{who}&lt;/b&gt;.</source>
        <translation>Firmato digitalmente in questo file: &lt;b&gt;{who}&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Nobody signed this file digitally.</source>
        <translation>Nessuno ha firmato digitalmente questo file.</translation>
    </message>
    <message>
        <source>Record the {value}&apos;s digital signature</source>
        <translation>Registra la firma digitale ({value})</translation>
    </message>
    <message>
        <source>&amp;Accept selected</source>
        <translation>&amp;Accetta selezionate</translation>
    </message>
    <message>
        <source>Amend the agreement</source>
        <translation>Emenda l&apos;accordo</translation>
    </message>
    <message>
        <source>The signed agreement stays as it is. An amendment records what changes during the placement; all three parties sign it.</source>
        <translation>L&apos;accordo firmato resta com&apos;è. Un emendamento registra cosa cambia durante il tirocinio; lo firmano tutte e tre le parti.</translation>
    </message>
    <message>
        <source>e.g. The project moved to a new team; hours reduced.</source>
        <translation>es. Il progetto è passato a un nuovo team; ore ridotte.</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>&amp;Start amendment</source>
        <translation>&amp;Avvia emendamento</translation>
    </message>
    <message>
        <source>Traineeship certificate</source>
        <translation>Certificato di tirocinio</translation>
    </message>
    <message>
        <source>The certificate states what really happened. When did the traineeship actually start and end?</source>
        <translation>Il certificato attesta ciò che è realmente avvenuto. Quando è effettivamente iniziato e terminato il tirocinio?</translation>
    </message>
    <message>
        <source>Actual start</source>
        <translation>Inizio effettivo</translation>
    </message>
    <message>
        <source>Actual end</source>
        <translation>Fine effettiva</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;Continua</translation>
    </message>
    <message>
        <source>Traineeship certificate {version} — {reference}</source>
        <translation>Certificato di tirocinio {version} — {reference}</translation>
    </message>
    <message>
        <source> (read only)</source>
        <translation> (sola lettura)</translation>
    </message>
    <message>
        <source>&lt;b&gt;{trainee_name}&lt;/b&gt; at &lt;b&gt;{host_name}&lt;/b&gt;&lt;br&gt;Planned {planned_start} – {planned_end}, {hours_per_week} h/week, {label}</source>
        <translation>&lt;b&gt;{trainee_name}&lt;/b&gt; presso &lt;b&gt;{host_name}&lt;/b&gt;&lt;br&gt;Previsto {planned_start} – {planned_end}, {hours_per_week} h/settimana, {label}</translation>
    </message>
    <message>
        <source>One task per line</source>
        <translation>Un&apos;attività per riga</translation>
    </message>
    <message>
        <source>One learning outcome per line</source>
        <translation>Un risultato di apprendimento per riga</translation>
    </message>
    <message>
        <source>The mentor&apos;s evaluation of the trainee</source>
        <translation>La valutazione del tirocinante da parte del mentore</translation>
    </message>
    <message>
        <source>Overall assessment or suggested grade (optional)</source>
        <translation>Giudizio complessivo o voto proposto (facoltativo)</translation>
    </message>
    <message>
        <source>Tasks carried out</source>
        <translation>Attività svolte</translation>
    </message>
    <message>
        <source>Learning outcomes achieved</source>
        <translation>Risultati di apprendimento conseguiti</translation>
    </message>
    <message>
        <source>Mentor&apos;s evaluation</source>
        <translation>Valutazione del mentore</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>Giudizio</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Salva</translation>
    </message>
    <message>
        <source>Start a new version?</source>
        <translation>Avviare una nuova versione?</translation>
    </message>
    <message>
        <source>Start version {value} as a copy of {title}? Version {number} is then superseded: no more signatures are recorded on it, and the new version is sent for signature again.</source>
        <translation>Avviare la versione {value} come copia di {title}? La versione {number} viene quindi sostituita: non vi si registrano altre firme e la nuova versione viene inviata di nuovo per la firma.</translation>
    </message>
    <message>
        <source>New version</source>
        <translation>Nuova versione</translation>
    </message>
    <message>
        <source>&amp;Draft agreement…</source>
        <translation>&amp;Bozza dell&apos;accordo…</translation>
    </message>
    <message>
        <source>&amp;View…</source>
        <translation>&amp;Visualizza…</translation>
    </message>
    <message>
        <source>Se&amp;nd for signature…</source>
        <translation>I&amp;nvia per la firma…</translation>
    </message>
    <message>
        <source>&amp;Record signature…</source>
        <translation>&amp;Registra firma…</translation>
    </message>
    <message>
        <source>Dec&amp;line…</source>
        <translation>Ri&amp;fiuta…</translation>
    </message>
    <message>
        <source>Save sc&amp;an…</source>
        <translation>Salva sc&amp;ansione…</translation>
    </message>
    <message>
        <source>Save &amp;PDF…</source>
        <translation>Salva &amp;PDF…</translation>
    </message>
    <message>
        <source>&amp;Fillable PDF for HR…</source>
        <translation>PDF &amp;compilabile per HR…</translation>
    </message>
    <message>
        <source>Send &amp;by e-mail…</source>
        <translation>Invia per &amp;e-mail…</translation>
    </message>
    <message>
        <source>&amp;Import returned PDF…</source>
        <translation>&amp;Importa PDF restituito…</translation>
    </message>
    <message>
        <source>Ne&amp;w version</source>
        <translation>Nuova ver&amp;sione</translation>
    </message>
    <message>
        <source>A&amp;mend…</source>
        <translation>E&amp;menda…</translation>
    </message>
    <message>
        <source>&amp;Certificate…</source>
        <translation>Certificat&amp;o…</translation>
    </message>
    <message>
        <source>V&amp;erify a PDF…</source>
        <translation>Verifica &amp;un PDF…</translation>
    </message>
    <message>
        <source>&lt;b&gt;No agreement yet&lt;/b&gt; — &lt;i&gt;Draft the agreement…&lt;/i&gt; starts version 1 from the placement&apos;s records: parties, dates, tasks, tools and the communication protocol.</source>
        <translation>&lt;b&gt;Ancora nessun accordo&lt;/b&gt; — &lt;i&gt;Redigi l&apos;accordo…&lt;/i&gt; avvia la versione 1 dai dati del tirocinio: parti, date, attività, strumenti e protocollo di comunicazione.</translation>
    </message>
    <message>
        <source>Send it for signature first; then e-mail it to each party.</source>
        <translation>Prima invialo per la firma; poi invialo per e-mail a ciascuna parte.</translation>
    </message>
    <message>
        <source>A later version replaced it.</source>
        <translation>È stato sostituito da una versione successiva.</translation>
    </message>
    <message>
        <source>Select a document in the list first.</source>
        <translation>Seleziona prima un documento nell&apos;elenco.</translation>
    </message>
    <message>
        <source>Draft the agreement first.</source>
        <translation>Prima redigi l&apos;accordo.</translation>
    </message>
    <message>
        <source>No agreement version is open: a returned PDF has nothing to change.</source>
        <translation>Nessuna versione dell&apos;accordo è aperta: un PDF restituito non ha nulla da modificare.</translation>
    </message>
    <message>
        <source>Only once the agreement is signed by every party and locked.</source>
        <translation>Solo quando l&apos;accordo è firmato da tutte le parti e bloccato.</translation>
    </message>
    <message>
        <source>There is no version to replace yet.</source>
        <translation>Non c&apos;è ancora nessuna versione da sostituire.</translation>
    </message>
    <message>
        <source>It is out for signature: start a new version to change it.</source>
        <translation>È in attesa di firma: avvia una nuova versione per modificarlo.</translation>
    </message>
    <message>
        <source>It is signed and locked: changes are amendments.</source>
        <translation>È firmato e bloccato: le modifiche sono emendamenti.</translation>
    </message>
    <message>
        <source>It is not out for signature.</source>
        <translation>Non è in attesa di firma.</translation>
    </message>
    <message>
        <source>It has no PDF until it is sent for signature.</source>
        <translation>Non ha un PDF finché non viene inviato per la firma.</translation>
    </message>
    <message>
        <source>Only agreement versions go to HR as a fillable PDF.</source>
        <translation>Solo le versioni dell&apos;accordo vanno a HR come PDF compilabile.</translation>
    </message>
    <message>
        <source>Only a draft or a version out for signature goes to HR.</source>
        <translation>Solo una bozza o una versione in attesa di firma va a HR.</translation>
    </message>
    <message>
        <source>Select a paper signature (scan attached) in the signatures table.</source>
        <translation>Seleziona una firma cartacea (con scansione allegata) nella tabella delle firme.</translation>
    </message>
    <message>
        <source>Only an agreement version out for signature is replaced.</source>
        <translation>Si sostituisce solo una versione dell&apos;accordo in attesa di firma.</translation>
    </message>
    <message>
        <source>Save the placement first to draft its agreement.</source>
        <translation>Salva prima il tirocinio per redigerne l&apos;accordo.</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Inviato</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Bloccato</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Agreement versions</source>
        <translation>Versioni dell&apos;accordo</translation>
    </message>
    <message>
        <source>Each version of the agreement, its state and date</source>
        <translation>Ogni versione dell&apos;accordo, con stato e data</translation>
    </message>
    <message>
        <source>Party</source>
        <translation>Parte</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Firmato da</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Metodo</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Funzione</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>Registrato da</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>Firme</translation>
    </message>
    <message>
        <source>Who signed the chosen version, when and how</source>
        <translation>Chi ha firmato la versione scelta, quando e come</translation>
    </message>
    <message>
        <source>M&amp;ore</source>
        <translation>Al&amp;tro</translation>
    </message>
    <message>
        <source>Every action on the agreement, and why some cannot be done now</source>
        <translation>Ogni azione sull&apos;accordo, e perché alcune non si possono eseguire ora</translation>
    </message>
    <message>
        <source>Edit &amp;draft…</source>
        <translation>Modifica &amp;bozza…</translation>
    </message>
    <message>
        <source>Why: {note}</source>
        <translation>Motivo: {note}</translation>
    </message>
    <message>
        <source>Not sent yet: the signatures are recorded once it is out for signature.</source>
        <translation>Non ancora inviato: le firme si registrano quando è in attesa di firma.</translation>
    </message>
    <message>
        <source>Signing order: {order_text}</source>
        <translation>Ordine di firma: {order_text}</translation>
    </message>
    <message>
        <source>Next to sign: &lt;b&gt;{value}&lt;/b&gt;</source>
        <translation>Prossimo a firmare: &lt;b&gt;{value}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{hex_of}&apos;&gt;Declined by the {party_label}: {reason}&lt;/span&gt; — start a new version to rework it.</source>
        <translation>&lt;span style=&apos;color:{hex_of}&apos;&gt;Rifiuto ({party_label}): {reason}&lt;/span&gt; — avvia una nuova versione per rielaborarlo.</translation>
    </message>
    <message>
        <source>SHA-256 of the final PDF: &lt;tt&gt;{final_sha256}&lt;/tt&gt;</source>
        <translation>SHA-256 del PDF finale: &lt;tt&gt;{final_sha256}&lt;/tt&gt;</translation>
    </message>
    <message>
        <source>Send {title} for signature</source>
        <translation>Invia {title} per la firma</translation>
    </message>
    <message>
        <source>&lt;b&gt;{title}&lt;/b&gt; is frozen when it is sent: its PDF is made and each party signs it in turn. Choose the order in which the parties sign.</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt; viene congelato all&apos;invio: se ne crea il PDF e ciascuna parte lo firma a turno. Scegli l&apos;ordine in cui firmano le parti.</translation>
    </message>
    <message>
        <source>Signing order</source>
        <translation>Ordine di firma</translation>
    </message>
    <message>
        <source>Who signs first, second, third</source>
        <translation>Chi firma per primo, secondo, terzo</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Sposta in &amp;alto</translation>
    </message>
    <message>
        <source>Move d&amp;own</source>
        <translation>Sposta in &amp;basso</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Invia</translation>
    </message>
    <message>
        <source>Order: {order_text}</source>
        <translation>Ordine: {order_text}</translation>
    </message>
    <message>
        <source>Not sent — please correct first:
</source>
        <translation>Non inviato — correggi prima:
</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documenti PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Scans (*.pdf *.png *.jpg *.jpeg)</source>
        <translation>Scansioni (*.pdf *.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Certificates with their key (*.p12 *.pfx)</source>
        <translation>Certificati con la relativa chiave (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>&amp;Typed approval (by e-mail or letter)</source>
        <translation>Approvazione &amp;scritta (per e-mail o lettera)</translation>
    </message>
    <message>
        <source>&amp;Paper signature, with a scan of the signed page</source>
        <translation>Firma &amp;cartacea, con la scansione della pagina firmata</translation>
    </message>
    <message>
        <source>Digital: a PDF &amp;returned signed</source>
        <translation>Digitale: un PDF &amp;restituito firmato</translation>
    </message>
    <message>
        <source>Digital: sign &amp;here with a certificate (.p12)</source>
        <translation>Digitale: firma &amp;qui con un certificato (.p12)</translation>
    </message>
    <message>
        <source>Record signature — {value}</source>
        <translation>Registra firma — {value}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{value}&lt;/b&gt; signs &lt;b&gt;{title}&lt;/b&gt;. How did they sign?</source>
        <translation>&lt;b&gt;{value}&lt;/b&gt; firma &lt;b&gt;{title}&lt;/b&gt;. Come ha firmato?</translation>
    </message>
    <message>
        <source>Choose the file…</source>
        <translation>Scegli il file…</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Sfoglia…</translation>
    </message>
    <message>
        <source>Used once to sign; never stored</source>
        <translation>Usata una sola volta per firmare; mai memorizzata</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Date signed</source>
        <translation>Data della firma</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>&amp;Sign</source>
        <translation>&amp;Firma</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>&amp;Registra</translation>
    </message>
    <message>
        <source>Choose the file.</source>
        <translation>Scegli il file.</translation>
    </message>
    <message>
        <source>Record an unconfirmed signer?</source>
        <translation>Registrare un firmatario non confermato?</translation>
    </message>
    <message>
        <source>{exc}

Record this signature only if you have confirmed who signed (for example by telephone). Your confirmation and the reason are kept in the placement&apos;s history.</source>
        <translation>{exc}

Registra questa firma solo se hai confermato chi ha firmato (ad esempio per telefono). La tua conferma e il motivo vengono conservati nella cronologia del tirocinio.</translation>
    </message>
    <message>
        <source>Decline — {title}</source>
        <translation>Rifiuto — {title}</translation>
    </message>
    <message>
        <source>A decline is recorded with its reason and &lt;b&gt;resets every other signature&lt;/b&gt; on {title}, digital ones included. Start a new version to change the text.</source>
        <translation>Un rifiuto viene registrato con il suo motivo e &lt;b&gt;azzera tutte le altre firme&lt;/b&gt; su {title}, comprese quelle digitali. Avvia una nuova versione per modificare il testo.</translation>
    </message>
    <message>
        <source>What the party wants changed, in their words</source>
        <translation>Cosa vuole cambiare la parte, con parole sue</translation>
    </message>
    <message>
        <source>&amp;Decline</source>
        <translation>&amp;Rifiuta</translation>
    </message>
    <message>
        <source>Say why the party declines.</source>
        <translation>Indica perché la parte rifiuta.</translation>
    </message>
    <message>
        <source>Record the decline?</source>
        <translation>Registrare il rifiuto?</translation>
    </message>
    <message>
        <source>Record that the {value} declines? Every signature recorded so far on this version is reset.</source>
        <translation>Registrare il rifiuto ({value})? Tutte le firme registrate finora su questa versione vengono azzerate.</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der);;All files (*)</source>
        <translation>Certificati (*.pem *.crt *.cer *.der);;Tutti i file (*)</translation>
    </message>
    <message>
        <source>Trusted certificates</source>
        <translation>Certificati attendibili</translation>
    </message>
    <message>
        <source>Signatures whose certificate was issued by one of these authorities are confirmed when the signer&apos;s name matches the person recorded for that party.</source>
        <translation>Le firme il cui certificato è stato emesso da una di queste autorità sono confermate quando il nome del firmatario corrisponde alla persona registrata per quella parte.</translation>
    </message>
    <message>
        <source>The authorities whose signatures count as confirmed</source>
        <translation>Le autorità le cui firme valgono come confermate</translation>
    </message>
    <message>
        <source>No certificate is trusted yet: signers are confirmed only by the certificate accepted before for them.</source>
        <translation>Nessun certificato è ancora attendibile: i firmatari sono confermati solo dal certificato accettato in precedenza per loro.</translation>
    </message>
    <message>
        <source>&amp;Add certificate file…</source>
        <translation>&amp;Aggiungi file di certificato…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Rimuovi</translation>
    </message>
    <message>
        <source>Trusted from now on: {names}.</source>
        <translation>Attendibili da ora: {names}.</translation>
    </message>
    <message>
        <source>Trust a certificate</source>
        <translation>Considera attendibile un certificato</translation>
    </message>
    <message>
        <source>Trust this certificate no longer?

{text}</source>
        <translation>Non considerare più attendibile questo certificato?

{text}</translation>
    </message>
    <message>
        <source>&lt;b&gt;DAMAGED signature&lt;/b&gt;</source>
        <translation>&lt;b&gt;Firma DANNEGGIATA&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;ALTERED after signing by {signer}&lt;/b&gt;: </source>
        <translation>&lt;b&gt;ALTERATO dopo la firma di {signer}&lt;/b&gt;: </translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;small&gt;{organisation}issued by {issuer}&lt;br&gt;valid {valid_from} to {valid_until}&lt;br&gt;SHA-256 {value}&lt;br&gt;{value2}&lt;/small&gt;</source>
        <translation>&lt;br&gt;&lt;small&gt;{organisation}emesso da {issuer}&lt;br&gt;valido dal {valid_from} al {valid_until}&lt;br&gt;SHA-256 {value}&lt;br&gt;{value2}&lt;/small&gt;</translation>
    </message>
    <message>
        <source>intact, but &lt;b&gt;signer NOT CONFIRMED&lt;/b&gt;: {reasons}</source>
        <translation>integro, ma &lt;b&gt;firmatario NON CONFERMATO&lt;/b&gt;: {reasons}</translation>
    </message>
    <message>
        <source>intact; signer confirmed</source>
        <translation>integro; firmatario confermato</translation>
    </message>
    <message>
        <source>&lt;p&gt;This PDF carries &lt;b&gt;no digital signatures&lt;/b&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Questo PDF non contiene &lt;b&gt;firme digitali&lt;/b&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;ALTERED or DAMAGED: this file was changed after it was signed, or a signature is broken.&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;ALTERATO o DANNEGGIATO: questo file è stato modificato dopo la firma, oppure una firma è danneggiata.&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Every signature is intact, but a signer is not confirmed&lt;/b&gt; as the person on record: see the reason below.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Tutte le firme sono integre, ma un firmatario non è confermato&lt;/b&gt; come la persona registrata: vedi il motivo qui sotto.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Every signature is intact&lt;/b&gt; and every signer confirmed: nothing was changed after signing.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Tutte le firme sono integre&lt;/b&gt; e tutti i firmatari confermati: nulla è stato modificato dopo la firma.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;small&gt;on record: {expected}&lt;/small&gt;</source>
        <translation>&lt;br&gt;&lt;small&gt;registrato: {expected}&lt;/small&gt;</translation>
    </message>
    <message>
        <source>&lt;table cellspacing=&apos;0&apos; cellpadding=&apos;3&apos; border=&apos;1&apos; style=&apos;border-collapse:collapse&apos;&gt;&lt;tr&gt;&lt;th&gt;Party&lt;/th&gt;&lt;th&gt;Signed by&lt;/th&gt;&lt;th&gt;When&lt;/th&gt;&lt;th&gt;Verdict&lt;/th&gt;&lt;/tr&gt;</source>
        <translation>&lt;table cellspacing=&apos;0&apos; cellpadding=&apos;3&apos; border=&apos;1&apos; style=&apos;border-collapse:collapse&apos;&gt;&lt;tr&gt;&lt;th&gt;Parte&lt;/th&gt;&lt;th&gt;Firmato da&lt;/th&gt;&lt;th&gt;Quando&lt;/th&gt;&lt;th&gt;Esito&lt;/th&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>{archived_title} has no archived final PDF to compare with.</source>
        <translation>{archived_title} non ha un PDF finale archiviato con cui confrontarlo.</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;This is the archived final PDF&lt;/b&gt; of {archived_title}.&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Questo è il PDF finale archiviato&lt;/b&gt; di {archived_title}.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;This file differs from the archived final PDF&lt;/b&gt; of {archived_title}.&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Questo file differisce dal PDF finale archiviato&lt;/b&gt; di {archived_title}.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;{archive}&lt;br&gt;&lt;small&gt;SHA-256 of this file: {sha256}&lt;/small&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;{archive}&lt;br&gt;&lt;small&gt;SHA-256 di questo file: {sha256}&lt;/small&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Verify — {name}</source>
        <translation>Verifica — {name}</translation>
    </message>
    <message>
        <source>{who}: name</source>
        <translation>{who}: nome</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Posizione</translation>
    </message>
    <message>
        <source>{who}: position</source>
        <translation>{who}: posizione</translation>
    </message>
    <message>
        <source>{who}: e-mail</source>
        <translation>{who}: e-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefono</translation>
    </message>
    <message>
        <source>{who}: phone</source>
        <translation>{who}: telefono</translation>
    </message>
    <message>
        <source>Parties</source>
        <translation>Parti</translation>
    </message>
    <message>
        <source>Programme</source>
        <comment>the agreement&apos;s section</comment>
        <translation>Programma</translation>
    </message>
    <message>
        <source>Tasks and deliverables</source>
        <translation>Compiti e prodotti</translation>
    </message>
    <message>
        <source>Learning outcomes, monitoring and evaluation</source>
        <translation>Risultati di apprendimento, monitoraggio e valutazione</translation>
    </message>
    <message>
        <source>Roles and responsibilities</source>
        <translation>Ruoli e responsabilità</translation>
    </message>
    <message>
        <source>Technology</source>
        <translation>Tecnologia</translation>
    </message>
    <message>
        <source>Host commitments</source>
        <translation>Impegni dell&apos;organizzazione ospitante</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) to fix before Next.</source>
        <translation>
            <numerusform>%n problema da risolvere prima di Avanti.</numerusform>
            <numerusform>%n problemi da risolvere prima di Avanti.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>And see the message(s) in red below.</source>
        <translation>
            <numerusform>E vedi il messaggio in rosso qui sotto.</numerusform>
            <numerusform>E vedi i messaggi in rosso qui sotto.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>See the message(s) in red below.</source>
        <translation>
            <numerusform>Vedi il messaggio in rosso qui sotto.</numerusform>
            <numerusform>Vedi i messaggi in rosso qui sotto.</numerusform>
        </translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Voce</translation>
    </message>
    <message>
        <source>Remove {label}</source>
        <translation>Rimuovi {label}</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Attività</translation>
    </message>
    <message>
        <source>What the trainee does</source>
        <translation>Cosa fa il tirocinante</translation>
    </message>
    <message>
        <source>What is handed in</source>
        <translation>Cosa viene consegnato</translation>
    </message>
    <message>
        <source>Deliverable</source>
        <translation>Prodotto</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Scadenza</translation>
    </message>
    <message>
        <source>Deliverable:</source>
        <translation>Prodotto:</translation>
    </message>
    <message>
        <source>Deadline:</source>
        <translation>Scadenza:</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>Strumento</translation>
    </message>
    <message>
        <source>e.g. Microsoft Teams</source>
        <translation>es. Microsoft Teams</translation>
    </message>
    <message>
        <source>e.g. weekly meetings, chat</source>
        <translation>es. incontri settimanali, chat</translation>
    </message>
    <message>
        <source>Used for</source>
        <translation>Usato per</translation>
    </message>
    <message>
        <source>e.g. tested with all actors on 12 January</source>
        <translation>es. testato con tutti i soggetti il 12 gennaio</translation>
    </message>
    <message>
        <source>Test status</source>
        <translation>Stato del test</translation>
    </message>
    <message>
        <source>Used for:</source>
        <translation>Usato per:</translation>
    </message>
    <message>
        <source>Test status:</source>
        <translation>Stato del test:</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periodo</translation>
    </message>
    <message>
        <source>Kind of period</source>
        <translation>Tipo di periodo</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Primo giorno</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Ultimo giorno</translation>
    </message>
    <message>
        <source>to</source>
        <translation>a</translation>
    </message>
    <message>
        <source>EQF 5 — short cycle</source>
        <translation>EQF 5 — ciclo breve</translation>
    </message>
    <message>
        <source>EQF 6 — bachelor</source>
        <translation>EQF 6 — laurea triennale</translation>
    </message>
    <message>
        <source>EQF 7 — master</source>
        <translation>EQF 7 — laurea magistrale</translation>
    </message>
    <message>
        <source>EQF 8 — doctorate</source>
        <translation>EQF 8 — dottorato</translation>
    </message>
    <message>
        <source>&lt; 250 employees</source>
        <translation>&lt; 250 dipendenti</translation>
    </message>
    <message>
        <source>≥ 250 employees</source>
        <translation>≥ 250 dipendenti</translation>
    </message>
    <message>
        <source>Filled from the placement&apos;s records: correct anything that is wrong here. Fields marked * are required.</source>
        <translation>Compilato dai dati del tirocinio: correggi qui ciò che è errato. I campi contrassegnati da * sono obbligatori.</translation>
    </message>
    <message>
        <source>Trainee</source>
        <translation>Tirocinante</translation>
    </message>
    <message>
        <source>Sending institution</source>
        <translation>Istituto di invio</translation>
    </message>
    <message>
        <source>Receiving organisation</source>
        <translation>Organizzazione ospitante</translation>
    </message>
    <message>
        <source>ISCED-F code and name, e.g. 0311 Economics</source>
        <translation>Codice e nome ISCED-F, es. 0311 Economia</translation>
    </message>
    <message>
        <source>Na&amp;me</source>
        <translation>&amp;Nome</translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation>E-mai&amp;l</translation>
    </message>
    <message>
        <source>Date of birt&amp;h</source>
        <translation>&amp;Data di nascita</translation>
    </message>
    <message>
        <source>Nationa&amp;lity</source>
        <translation>Nazionalit&amp;à</translation>
    </message>
    <message>
        <source>Stud&amp;y cycle</source>
        <translation>&amp;Ciclo di studi</translation>
    </message>
    <message>
        <source>Field of e&amp;ducation</source>
        <translation>Am&amp;bito di studio</translation>
    </message>
    <message>
        <source>e.g. B LEUVEN01</source>
        <translation>es. B LEUVEN01</translation>
    </message>
    <message>
        <source>Responsible person</source>
        <translation>Persona responsabile</translation>
    </message>
    <message>
        <source>Academic tutor</source>
        <translation>Tutor accademico</translation>
    </message>
    <message>
        <source>Instit&amp;ution</source>
        <translation>&amp;Istituto</translation>
    </message>
    <message>
        <source>&amp;Faculty</source>
        <translation>&amp;Facoltà</translation>
    </message>
    <message>
        <source>Erasmus &amp;code</source>
        <translation>Codice Erasm&amp;us</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>Indiri&amp;zzo</translation>
    </message>
    <message>
        <source>C&amp;ountry</source>
        <translation>&amp;Paese</translation>
    </message>
    <message>
        <source>Responsi&amp;ble person</source>
        <translation>Persona &amp;responsabile</translation>
    </message>
    <message>
        <source>Academ&amp;ic tutor</source>
        <translation>&amp;Tutor accademico</translation>
    </message>
    <message>
        <source>e.g. Information and communication</source>
        <translation>es. Informazione e comunicazione</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>Referente</translation>
    </message>
    <message>
        <source>Mentor</source>
        <translation>Mentore</translation>
    </message>
    <message>
        <source>Or&amp;ganisation</source>
        <translation>Or&amp;ganizzazione</translation>
    </message>
    <message>
        <source>De&amp;partment</source>
        <translation>Dip&amp;artimento</translation>
    </message>
    <message>
        <source>Addre&amp;ss</source>
        <translation>Indirizz&amp;o</translation>
    </message>
    <message>
        <source>&amp;Website</source>
        <translation>Sito &amp;web</translation>
    </message>
    <message>
        <source>Coun&amp;try</source>
        <translation>Pa&amp;ese</translation>
    </message>
    <message>
        <source>Si&amp;ze</source>
        <translation>Dimensioni</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Settore</translation>
    </message>
    <message>
        <source>Mento&amp;r</source>
        <translation>&amp;Mentore</translation>
    </message>
    <message>
        <source>Table A: the traineeship&apos;s title, period, hours and mode.</source>
        <translation>Tabella A: titolo, periodo, ore e modalità del tirocinio.</translation>
    </message>
    <message>
        <source>What the traineeship is about, in two or three lines</source>
        <translation>Di cosa tratta il tirocinio, in due o tre righe</translation>
    </message>
    <message>
        <source>The placement&apos;s planned period: {span}.</source>
        <translation>Periodo previsto del tirocinio: {span}.</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> ore</translation>
    </message>
    <message>
        <source>&amp;Add a period</source>
        <translation>&amp;Aggiungi un periodo</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Titolo</translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation>&amp;Descrizione</translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation>P&amp;eriodo</translation>
    </message>
    <message>
        <source>&amp;Hours per week</source>
        <translation>&amp;Ore settimanali</translation>
    </message>
    <message>
        <source>M&amp;ode</source>
        <translation>&amp;Modalità</translation>
    </message>
    <message>
        <source>Blended periods</source>
        <translation>Periodi misti</translation>
    </message>
    <message>
        <source>&apos;{currency}&apos; is not a currency; choose a code such as EUR from the list.</source>
        <translation>&apos;{currency}&apos; non è una valuta; scegli dall&apos;elenco un codice come EUR.</translation>
    </message>
    <message>
        <source>&apos;{level}&apos; is not a language level; choose A1 to C2 or native.</source>
        <translation>&apos;{level}&apos; non è un livello linguistico; scegli da A1 a C2 o madrelingua.</translation>
    </message>
    <message>
        <source>A blended traineeship needs at least one physical and one virtual period; add a physical one.</source>
        <translation>Un tirocinio misto richiede almeno un periodo in presenza e uno virtuale; aggiungine uno in presenza.</translation>
    </message>
    <message>
        <source>A blended traineeship needs at least one physical and one virtual period; add a virtual one.</source>
        <translation>Un tirocinio misto richiede almeno un periodo in presenza e uno virtuale; aggiungine uno virtuale.</translation>
    </message>
    <message>
        <source>A blended traineeship needs its physical and virtual periods: add them.</source>
        <translation>Un tirocinio misto richiede i suoi periodi in presenza e virtuali: aggiungili.</translation>
    </message>
    <message>
        <source>Add at least one learning outcome: what the trainee will know or be able to do.</source>
        <translation>Aggiungi almeno un risultato di apprendimento: cosa il tirocinante saprà o sarà in grado di fare.</translation>
    </message>
    <message>
        <source>Add at least one line to the communication protocol: when the actors are available, how they report and how fast they reply.</source>
        <translation>Aggiungi almeno una riga al protocollo di comunicazione: quando i soggetti sono disponibili, come riferiscono e con quale rapidità rispondono.</translation>
    </message>
    <message>
        <source>Add at least one task, with its deliverable and deadline.</source>
        <translation>Aggiungi almeno un&apos;attività, con il suo prodotto e la sua scadenza.</translation>
    </message>
    <message>
        <source>Credits cannot be negative ({credits}).</source>
        <translation>I crediti non possono essere negativi ({credits}).</translation>
    </message>
    <message>
        <source>Describe the evaluation procedure: who evaluates the trainee, when and on what basis.</source>
        <translation>Descrivi la procedura di valutazione: chi valuta il tirocinante, quando e su quale base.</translation>
    </message>
    <message>
        <source>Describe the monitoring plan: who follows the trainee&apos;s progress, and how often.</source>
        <translation>Descrivi il piano di monitoraggio: chi segue i progressi del tirocinante e con quale frequenza.</translation>
    </message>
    <message>
        <source>Enter the ECTS credits: a traineeship embedded in the curriculum counts towards the degree.</source>
        <translation>Inserisci i crediti ECTS: un tirocinio inserito nel piano di studi conta ai fini del titolo.</translation>
    </message>
    <message>
        <source>Enter the country of the receiving organisation.</source>
        <translation>Inserisci il paese dell&apos;organizzazione ospitante.</translation>
    </message>
    <message>
        <source>Enter the first day of the traineeship.</source>
        <translation>Inserisci il primo giorno del tirocinio.</translation>
    </message>
    <message>
        <source>Enter the last day of the traineeship.</source>
        <translation>Inserisci l&apos;ultimo giorno del tirocinio.</translation>
    </message>
    <message>
        <source>Enter the mentor&apos;s name.</source>
        <translation>Inserisci il nome del mentore.</translation>
    </message>
    <message>
        <source>Enter the monthly amount of the financial support, or say that there is none.</source>
        <translation>Inserisci l&apos;importo mensile del sostegno finanziario, oppure indica che non è previsto.</translation>
    </message>
    <message>
        <source>Enter the name of the receiving organisation.</source>
        <translation>Inserisci il nome dell&apos;organizzazione ospitante.</translation>
    </message>
    <message>
        <source>Enter the name of the sending institution&apos;s responsible person.</source>
        <translation>Inserisci il nome della persona responsabile dell&apos;istituto di invio.</translation>
    </message>
    <message>
        <source>Enter the name of the sending institution.</source>
        <translation>Inserisci il nome dell&apos;istituto di invio.</translation>
    </message>
    <message>
        <source>Enter the title of the traineeship.</source>
        <translation>Inserisci il titolo del tirocinio.</translation>
    </message>
    <message>
        <source>Enter the trainee&apos;s name.</source>
        <translation>Inserisci il nome del tirocinante.</translation>
    </message>
    <message>
        <source>Hours per week must be between {low} and {high}; it is {hours}.</source>
        <translation>Le ore settimanali devono essere comprese tra {low} e {high}; ora sono {hours}.</translation>
    </message>
    <message>
        <source>No period covers {dates}: every day of a blended traineeship is either physical or virtual.</source>
        <translation>Nessun periodo copre {dates}: ogni giorno di un tirocinio misto è in presenza o virtuale.</translation>
    </message>
    <message>
        <source>Period {n} (physical, {dates})</source>
        <translation>Periodo {n} (in presenza, {dates})</translation>
    </message>
    <message>
        <source>Period {n} (virtual, {dates})</source>
        <translation>Periodo {n} (virtuale, {dates})</translation>
    </message>
    <message>
        <source>Period {n} needs a first and a last day.</source>
        <translation>Il periodo {n} richiede un primo e un ultimo giorno.</translation>
    </message>
    <message>
        <source>Task {n} has no description.</source>
        <translation>L&apos;attività {n} non ha una descrizione.</translation>
    </message>
    <message>
        <source>Task {n}&apos;s deadline {deadline} is after the end of the period ({end}).</source>
        <translation>La scadenza dell&apos;attività {n} ({deadline}) è successiva alla fine del periodo ({end}).</translation>
    </message>
    <message>
        <source>Task {n}&apos;s deadline {deadline} is before the start of the period ({start}).</source>
        <translation>La scadenza dell&apos;attività {n} ({deadline}) è anteriore all&apos;inizio del periodo ({start}).</translation>
    </message>
    <message>
        <source>The certificate must be issued within {low} to {high} weeks after the end (it says {weeks}).</source>
        <translation>Il certificato deve essere rilasciato da {low} a {high} settimane dopo la fine (valore indicato: {weeks}).</translation>
    </message>
    <message>
        <source>The duties of the {who} are empty: write at least one, or restore the default text.</source>
        <translation>I compiti del ruolo {who} sono vuoti: scrivine almeno uno o ripristina il testo predefinito.</translation>
    </message>
    <message>
        <source>The monthly amount must be more than 0 (it is {amount}).</source>
        <translation>L&apos;importo mensile deve essere maggiore di 0 (ora è {amount}).</translation>
    </message>
    <message>
        <source>The traineeship ends on {end}, after the placement&apos;s planned end ({planned}). Change the date here, or the placement&apos;s planned period first.</source>
        <translation>Il tirocinio termina il {end}, dopo la fine prevista ({planned}). Modifica qui la data, oppure prima il periodo previsto del tirocinio.</translation>
    </message>
    <message>
        <source>The traineeship starts on {start}, before the placement&apos;s planned start ({planned}). Change the date here, or the placement&apos;s planned period first.</source>
        <translation>Il tirocinio inizia il {start}, prima dell&apos;inizio previsto ({planned}). Modifica qui la data, oppure prima il periodo previsto del tirocinio.</translation>
    </message>
    <message>
        <source>Tool {n} has no name.</source>
        <translation>Lo strumento {n} non ha un nome.</translation>
    </message>
    <message>
        <source>{period} ends before it starts.</source>
        <translation>{period} finisce prima di iniziare.</translation>
    </message>
    <message>
        <source>{period} is not inside the traineeship ({dates}).</source>
        <translation>{period} non rientra nel tirocinio ({dates}).</translation>
    </message>
    <message>
        <source>{period} overlaps {other}.</source>
        <translation>{period} e {other} si sovrappongono.</translation>
    </message>
    <message>
        <source>&amp;Add a task</source>
        <translation>&amp;Aggiungi un&apos;attività</translation>
    </message>
    <message>
        <source>What the trainee will do, what each task delivers and by when. Deadlines fall inside the period, {span}.</source>
        <translation>Cosa farà il tirocinante, cosa produce ciascuna attività ed entro quando. Le scadenze rientrano nel periodo, {span}.</translation>
    </message>
    <message>
        <source>Task {value}&apos;s deadline: {message}</source>
        <translation>Scadenza dell&apos;attività {value}: {message}</translation>
    </message>
    <message>
        <source>The knowledge, skills and competences to be acquired, how progress is followed and how the trainee is evaluated.</source>
        <translation>Conoscenze, abilità e competenze da acquisire, come si seguono i progressi e come viene valutato il tirocinante.</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Risultato</translation>
    </message>
    <message>
        <source>e.g. Builds churn models in Python</source>
        <translation>es. Sviluppa modelli di abbandono clienti in Python</translation>
    </message>
    <message>
        <source>Add an o&amp;utcome</source>
        <translation>&amp;Aggiungi un risultato</translation>
    </message>
    <message>
        <source>Who follows the trainee&apos;s progress, how and how often</source>
        <translation>Chi segue i progressi del tirocinante, come e con quale frequenza</translation>
    </message>
    <message>
        <source>Who evaluates the trainee, when and on what basis</source>
        <translation>Chi valuta il tirocinante, quando e su quale base</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>Criterio</translation>
    </message>
    <message>
        <source>e.g. Quality and timeliness of the deliverables</source>
        <translation>es. Qualità e puntualità dei prodotti</translation>
    </message>
    <message>
        <source>Add a c&amp;riterion</source>
        <translation>Aggiungi &amp;un criterio</translation>
    </message>
    <message>
        <source>e.g. English</source>
        <translation>es. Inglese</translation>
    </message>
    <message>
        <source>level not yet known</source>
        <translation>livello non ancora noto</translation>
    </message>
    <message>
        <source>at level</source>
        <translation>al livello</translation>
    </message>
    <message>
        <source>Learning &amp;outcomes</source>
        <translation>&amp;Risultati di apprendimento</translation>
    </message>
    <message>
        <source>&amp;Monitoring plan</source>
        <translation>Piano di &amp;monitoraggio</translation>
    </message>
    <message>
        <source>&amp;Evaluation</source>
        <translation>&amp;Valutazione</translation>
    </message>
    <message>
        <source>Evaluation &amp;criteria</source>
        <translation>&amp;Criteri di valutazione</translation>
    </message>
    <message>
        <source>&amp;Language of work</source>
        <translation>&amp;Lingua di lavoro</translation>
    </message>
    <message>
        <source>When each actor is available, how and how often the trainee reports, how fast messages are answered, and who is the helpdesk for whom.</source>
        <translation>Quando ogni soggetto è disponibile, come e con quale frequenza riferisce il tirocinante, con quale rapidità si risponde ai messaggi e chi fa da helpdesk per chi.</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Riga</translation>
    </message>
    <message>
        <source>e.g. Weekly video call with the mentor, Mondays 10:00 CET</source>
        <translation>es. Videochiamata settimanale con il mentore, il lunedì alle 10:00 CET</translation>
    </message>
    <message>
        <source>&amp;Add a line</source>
        <translation>&amp;Aggiungi una riga</translation>
    </message>
    <message>
        <source>One duty per line</source>
        <translation>Un impegno per riga</translation>
    </message>
    <message>
        <source>Restore default text</source>
        <translation>Ripristina testo predefinito</translation>
    </message>
    <message>
        <source>{role}: name</source>
        <translation>{role}: nome</translation>
    </message>
    <message>
        <source>{role}: duties</source>
        <translation>{role}: compiti</translation>
    </message>
    <message>
        <source>Restore the default duties of the {role}</source>
        <translation>Ripristina i compiti predefiniti del ruolo {role}</translation>
    </message>
    <message>
        <source>Replace the duties with the standard text</source>
        <translation>Sostituisci gli impegni con il testo standard</translation>
    </message>
    <message>
        <source>No standard text</source>
        <translation>Nessun testo standard</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nome:</translation>
    </message>
    <message>
        <source>What the trainee, the mentor, the tutor and the coordinator undertake. One duty per line; edit freely, or restore the standard text.</source>
        <translation>Gli impegni del tirocinante, del mentore, del tutor e del coordinatore. Un impegno per riga; modificali liberamente o ripristina il testo standard.</translation>
    </message>
    <message>
        <source>Which tool serves what, and whether it was tested with every actor before the start. Tools chosen in the preparation are listed already.</source>
        <translation>Quale strumento serve a cosa, e se è stato testato con ogni soggetto prima dell&apos;inizio. Gli strumenti scelti nella preparazione sono già elencati.</translation>
    </message>
    <message>
        <source>&amp;Add a tool</source>
        <translation>&amp;Aggiungi uno strumento</translation>
    </message>
    <message>
        <source>Traineeship embedded in the curriculum</source>
        <translation>Tirocinio curricolare</translation>
    </message>
    <message>
        <source>Voluntary traineeship</source>
        <translation>Tirocinio volontario</translation>
    </message>
    <message>
        <source>Traineeship of a recent graduate</source>
        <translation>Tirocinio di neolaureato</translation>
    </message>
    <message>
        <source>Table B: how the sending institution recognises the traineeship, and the trainee&apos;s insurance.</source>
        <translation>Tabella B: come l&apos;istituto di invio riconosce il tirocinio, e l&apos;assicurazione del tirocinante.</translation>
    </message>
    <message>
        <source>&amp;Embedded in the curriculum</source>
        <translation>&amp;Integrato nel piano di studi</translation>
    </message>
    <message>
        <source>&amp;Voluntary traineeship</source>
        <translation>Tirocinio &amp;volontario</translation>
    </message>
    <message>
        <source>Recent &amp;graduate</source>
        <translation>&amp;Neolaureato</translation>
    </message>
    <message>
        <source>Recognition</source>
        <translation>Riconoscimento</translation>
    </message>
    <message>
        <source>ECTS &amp;credits</source>
        <translation>&amp;Crediti ECTS</translation>
    </message>
    <message>
        <source>G&amp;rade</source>
        <translation>V&amp;oto</translation>
    </message>
    <message>
        <source>&amp;Transcript</source>
        <translation>Certificato degli &amp;esami</translation>
    </message>
    <message>
        <source>&amp;Insurance</source>
        <translation>&amp;Assicurazione</translation>
    </message>
    <message>
        <source>Table C: what the receiving organisation commits to.</source>
        <translation>Tabella C: gli impegni dell&apos;organizzazione ospitante.</translation>
    </message>
    <message>
        <source>The organisation &amp;pays a monthly allowance of</source>
        <translation>L&apos;organizzazione &amp;versa un&apos;indennità mensile di</translation>
    </message>
    <message>
        <source>Monthly amount</source>
        <translation>Importo mensile</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Valuta</translation>
    </message>
    <message>
        <source>e.g. a laptop, software licences, access to online tools</source>
        <translation>es. un portatile, licenze software, accesso a strumenti online</translation>
    </message>
    <message>
        <source> weeks after the end</source>
        <translation> settimane dopo la fine</translation>
    </message>
    <message>
        <source>Financial support</source>
        <translation>Sostegno finanziario</translation>
    </message>
    <message>
        <source>Support in &amp;kind</source>
        <translation>Sostegno in &amp;natura</translation>
    </message>
    <message>
        <source>&amp;Certificate within</source>
        <translation>&amp;Certificato entro</translation>
    </message>
    <message>
        <source>The traineeship certificate is issued {low} to {high} weeks after the end at the latest.</source>
        <translation>Il certificato di tirocinio viene rilasciato al più tardi da {low} a {high} settimane dopo la fine.</translation>
    </message>
    <message>
        <source>This version has been sent to the parties and is frozen: it can no longer be changed. Changes need a new version of the agreement.</source>
        <translation>Questa versione è stata inviata alle parti ed è congelata: non può più essere modificata. Le modifiche richiedono una nuova versione dell&apos;accordo.</translation>
    </message>
    <message>
        <source>{title}; {span}; {hours_per_week} h/week, {value}</source>
        <translation>{title}; {span}; {hours_per_week} h/settimana, {value}</translation>
    </message>
    <message>
        <source>no role</source>
        <translation>nessun ruolo</translation>
    </message>
    <message>
        <source>no tool listed</source>
        <translation>nessuno strumento elencato</translation>
    </message>
    <message>
        <source>, {credits} ECTS</source>
        <translation>, {credits} ECTS</translation>
    </message>
    <message>
        <source>no allowance</source>
        <translation>nessuna indennità</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Riepilogo</translation>
    </message>
    <message>
        <source>Every section at a glance. Finish saves the draft; it stays editable until it is sent.</source>
        <translation>Tutte le sezioni in sintesi. Fine salva la bozza; resta modificabile fino all&apos;invio.</translation>
    </message>
    <message>
        <source>The language the agreement&apos;s PDF is written in; remembered for this host. Texts vipdesk wrote (default tasks, plans, roles, protocol) follow it when the draft is saved; texts you typed stay as they are.</source>
        <translation>La lingua in cui è scritto il PDF dell&apos;accordo; ricordata per questa organizzazione ospitante. I testi scritti da vipdesk (compiti predefiniti, piani, ruoli, protocollo) la seguono quando la bozza viene salvata; i testi che hai digitato restano come sono.</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;margin:6px 0&apos;&gt;&lt;span style=&apos;color:{hex_of}&apos;&gt;✘&lt;/span&gt; &lt;b&gt;{title}&lt;/b&gt; — &lt;a href=&apos;{key}&apos;&gt;go to this page&lt;/a&gt;&lt;/p&gt;&lt;ul style=&apos;margin-top:0&apos;&gt;{items}&lt;/ul&gt;</source>
        <translation>&lt;p style=&apos;margin:6px 0&apos;&gt;&lt;span style=&apos;color:{hex_of}&apos;&gt;✘&lt;/span&gt; &lt;b&gt;{title}&lt;/b&gt; — &lt;a href=&apos;{key}&apos;&gt;vai a questa pagina&lt;/a&gt;&lt;/p&gt;&lt;ul style=&apos;margin-top:0&apos;&gt;{items}&lt;/ul&gt;</translation>
    </message>
    <message numerus="yes">
        <source>%n task(s)</source>
        <translation>
            <numerusform>%n attività</numerusform>
            <numerusform>%n attività</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n learning outcome(s)</source>
        <translation>
            <numerusform>%n risultato di apprendimento</numerusform>
            <numerusform>%n risultati di apprendimento</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n evaluation criterion/criteria</source>
        <translation>
            <numerusform>%n criterio di valutazione</numerusform>
            <numerusform>%n criteri di valutazione</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n riga</numerusform>
            <numerusform>%n righe</numerusform>
        </translation>
    </message>
    <message>
        <source>a monthly allowance, amount not given yet</source>
        <translation>un&apos;indennità mensile, importo non ancora indicato</translation>
    </message>
    <message>
        <source>{amount} a month</source>
        <translation>{amount} al mese</translation>
    </message>
    <message numerus="yes">
        <source>{support}; certificate within %n week(s)</source>
        <translation>
            <numerusform>{support}; certificato entro %n settimana</numerusform>
            <numerusform>{support}; certificato entro %n settimane</numerusform>
        </translation>
    </message>
    <message>
        <source>Language of the agreement</source>
        <translation>Lingua dell&apos;accordo</translation>
    </message>
    <message>
        <source>With the &amp;English text alongside (bilingual)</source>
        <translation>Con il tes&amp;to inglese a fianco (bilingue)</translation>
    </message>
    <message>
        <source>Each heading and fixed text in both languages; what people typed, once</source>
        <translation>Ogni titolo e testo fisso in entrambe le lingue; ciò che è stato scritto, una volta</translation>
    </message>
    <message>
        <source>&amp;Language of the agreement:</source>
        <translation>&amp;Lingua dell&apos;accordo:</translation>
    </message>
    <message numerus="yes">
        <source>%n section(s) need attention before Finish. Use the links, or Back.</source>
        <translation>
            <numerusform>%n sezione richiede attenzione prima di Fine. Usa i collegamenti o Precedente.</numerusform>
            <numerusform>%n sezioni richiedono attenzione prima di Fine. Usa i collegamenti o Precedente.</numerusform>
        </translation>
    </message>
    <message>
        <source>Every section is complete. Press Finish to save the draft.</source>
        <translation>Tutte le sezioni sono complete. Premi Fine per salvare la bozza.</translation>
    </message>
    <message>
        <source>Agreement {reference} — version {version}</source>
        <translation>Accordo {reference} — versione {version}</translation>
    </message>
    <message>
        <source> (sent, read-only)</source>
        <translation> (inviato, sola lettura)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Chiudi</translation>
    </message>
    <message>
        <source>Every section at a glance, as sent. Close leaves it as it is.</source>
        <translation>Tutte le sezioni in sintesi, come inviate. Chiudi lascia tutto com&apos;è.</translation>
    </message>
    <message>
        <source>Draft not saved</source>
        <translation>Bozza non salvata</translation>
    </message>
    <message>
        <source>{exc}
What you typed stays on this page.</source>
        <translation>{exc}
Quanto hai digitato resta in questa pagina.</translation>
    </message>
    <message>
        <source>Save the draft?</source>
        <translation>Salvare la bozza?</translation>
    </message>
    <message>
        <source>Save what you typed as a draft before closing?</source>
        <translation>Salvare come bozza quanto digitato prima di chiudere?</translation>
    </message>
    <message>
        <source>Cannot open the demo</source>
        <translation>Impossibile aprire la demo</translation>
    </message>
    <message>
        <source>vipdesk: unexpected error</source>
        <translation>vipdesk: errore imprevisto</translation>
    </message>
    <message>
        <source>Something went wrong that vipdesk did not expect ({kind}). What you saved is safe. Details are in {value}.</source>
        <translation>Si è verificato un errore imprevisto in vipdesk ({kind}). Ciò che è stato salvato è al sicuro. I dettagli sono in {value}.</translation>
    </message>
    <message>
        <source>vipdesk cannot open the database</source>
        <translation>vipdesk non riesce ad aprire il database</translation>
    </message>
    <message>
        <source>Like the &amp;system</source>
        <translation>Come il &amp;sistema</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Chiaro</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Scuro</translation>
    </message>
    <message>
        <source>Colour &amp;scheme</source>
        <translation>&amp;Schema di colori</translation>
    </message>
    <message>
        <source>{value} colours. Panels already open take them in full when opened again, or on the next start.</source>
        <translation>Colori {value}. I pannelli già aperti li applicano completamente alla riapertura o al prossimo avvio.</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Lingua</translation>
    </message>
    <message>
        <source>vipdesk speaks {language} from the next start.</source>
        <translation>vipdesk userà la lingua {language} dal prossimo avvio.</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>Modificato da un altro utente</translation>
    </message>
    <message>
        <source>another user</source>
        <translation>un altro utente</translation>
    </message>
    <message>
        <source>&lt;b&gt;{who}&lt;/b&gt; saved this record after you opened it. Nothing of yours has been saved yet. Compare the two versions, then choose:</source>
        <translation>&lt;b&gt;{who}&lt;/b&gt; ha salvato questo record dopo che lo hai aperto. Nessuna tua modifica è stata ancora salvata. Confronta le due versioni, poi scegli:</translation>
    </message>
    <message>
        <source>Your version</source>
        <translation>La tua versione</translation>
    </message>
    <message>
        <source>Saved by {who}</source>
        <translation>Salvata da {who}</translation>
    </message>
    <message>
        <source>Reload theirs (drop my edits)</source>
        <translation>Ricarica la sua (scarta le mie modifiche)</translation>
    </message>
    <message>
        <source>Keep mine (save over theirs)</source>
        <translation>Mantieni la mia (sovrascrivi la sua)</translation>
    </message>
    <message>
        <source>Back to editing</source>
        <translation>Torna alla modifica</translation>
    </message>
    <message>
        <source>Full name of the person answering</source>
        <translation>Nome completo della persona che risponde</translation>
    </message>
    <message>
        <source>&amp;Answered by:</source>
        <translation>&amp;Risposte di:</translation>
    </message>
    <message>
        <source>Enter the name of the person who answers.</source>
        <translation>Inserisci il nome della persona che risponde.</translation>
    </message>
    <message>
        <source>Answer this question: it is required.</source>
        <translation>Rispondi a questa domanda: è obbligatoria.</translation>
    </message>
    <message>
        <source>{reached} of {planned}</source>
        <translation>{reached} di {planned}</translation>
    </message>
    <message>
        <source>Save the placement first to record its evaluations.</source>
        <translation>Salva prima il tirocinio per registrarne le valutazioni.</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Fase</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Da</translation>
    </message>
    <message>
        <source>Respondent</source>
        <translation>Rispondente</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Punteggio</translation>
    </message>
    <message>
        <source>Outcomes reached</source>
        <translation>Risultati raggiunti</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>Registrata</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Come</translation>
    </message>
    <message>
        <source>Evaluations</source>
        <translation>Valutazioni</translation>
    </message>
    <message>
        <source>Each evaluation, newest first</source>
        <translation>Ogni valutazione, dalla più recente</translation>
    </message>
    <message>
        <source>&amp;Enter evaluation…</source>
        <translation>&amp;Inserisci valutazione…</translation>
    </message>
    <message>
        <source>E&amp;xport questionnaire…</source>
        <translation>E&amp;sporta questionario…</translation>
    </message>
    <message>
        <source>A fillable PDF for the student, the mentor or the tutor</source>
        <translation>Un PDF compilabile per lo studente, il mentore o il tutor</translation>
    </message>
    <message>
        <source>&amp;Import returned…</source>
        <translation>&amp;Importa restituito…</translation>
    </message>
    <message>
        <source>Read a filled-in questionnaire PDF back, answer by answer</source>
        <translation>Rileggi un questionario PDF compilato, risposta per risposta</translation>
    </message>
    <message>
        <source>E-mail &amp;questionnaire…</source>
        <translation>Invia &amp;questionario per e-mail…</translation>
    </message>
    <message>
        <source>Send the fillable PDF to the person who answers it</source>
        <translation>Invia il PDF compilabile alla persona che deve compilarlo</translation>
    </message>
    <message>
        <source>{label} by the {value}</source>
        <translation>{label} ({value})</translation>
    </message>
    <message>
        <source>Every evaluation is in.</source>
        <translation>Tutte le valutazioni sono arrivate.</translation>
    </message>
    <message>
        <source>Not yet given: </source>
        <translation>Non ancora fornite: </translation>
    </message>
    <message>
        <source>Enter an evaluation</source>
        <translation>Inserisci una valutazione</translation>
    </message>
    <message>
        <source>Cannot start the evaluation</source>
        <translation>Impossibile avviare la valutazione</translation>
    </message>
    <message>
        <source>Evaluation not stored</source>
        <translation>Valutazione non memorizzata</translation>
    </message>
    <message>
        <source>Export a questionnaire</source>
        <translation>Esporta un questionario</translation>
    </message>
    <message>
        <source>E-mail a questionnaire</source>
        <translation>Invia un questionario per e-mail</translation>
    </message>
    <message>
        <source>PDF files (*.pdf);;All files (*)</source>
        <translation>File PDF (*.pdf);;Tutti i file (*)</translation>
    </message>
    <message>
        <source>&amp;Questionnaire:</source>
        <translation>&amp;Questionario:</translation>
    </message>
    <message>
        <source>The questions and the form in this language; a questionnaire not yet translated into it goes out in English</source>
        <translation>Le domande e il modulo in questa lingua; un questionario non ancora tradotto in questa lingua viene inviato in inglese</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Lingua:</translation>
    </message>
    <message>
        <source>Returned: {title}</source>
        <translation>Restituito: {title}</translation>
    </message>
    <message>
        <source>{name}: answered by &lt;b&gt;{respondent}&lt;/b&gt; ({value}). Check the answers, then store them.</source>
        <translation>{name}: compilato da &lt;b&gt;{respondent}&lt;/b&gt; ({value}). Controlla le risposte, poi memorizzale.</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Domanda</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Risposta</translation>
    </message>
    <message>
        <source>(no answer)</source>
        <translation>(nessuna risposta)</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Risposte</translation>
    </message>
    <message>
        <source>Each question and the answer read</source>
        <translation>Ogni domanda e la risposta letta</translation>
    </message>
    <message>
        <source>&amp;Store these answers</source>
        <translation>&amp;Memorizza queste risposte</translation>
    </message>
    <message>
        <source>Save the questionnaire</source>
        <translation>Salva il questionario</translation>
    </message>
    <message>
        <source>Questionnaire not saved</source>
        <translation>Questionario non salvato</translation>
    </message>
    <message>
        <source>Returned questionnaire</source>
        <translation>Questionario restituito</translation>
    </message>
    <message>
        <source>Not a questionnaire of this placement</source>
        <translation>Non è un questionario di questo tirocinio</translation>
    </message>
    <message>
        <source>Answers not stored</source>
        <translation>Risposte non memorizzate</translation>
    </message>
    <message>
        <source>Click a bar to list the cost items behind it.</source>
        <translation>Fai clic su una barra per elencare le voci di costo che la compongono.</translation>
    </message>
    <message>
        <source>Budget against actual per funding source</source>
        <translation>Budget e consuntivo per fonte di finanziamento</translation>
    </message>
    <message>
        <source>No funding sources yet.</source>
        <translation>Ancora nessuna fonte di finanziamento.</translation>
    </message>
    <message>
        <source>One placement</source>
        <translation>Un tirocinio</translation>
    </message>
    <message>
        <source>Shared by year</source>
        <translation>Condiviso per anno</translation>
    </message>
    <message>
        <source>Shared, chosen</source>
        <translation>Condiviso, a scelta</translation>
    </message>
    <message>
        <source>All modes</source>
        <translation>Tutte le modalità</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Anno</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modalità</translation>
    </message>
    <message>
        <source>Placements sharing it</source>
        <translation>Tirocini che lo condividono</translation>
    </message>
    <message>
        <source>Tick the placements that share the cost</source>
        <translation>Spunta i tirocini che condividono il costo</translation>
    </message>
    <message>
        <source>a placement</source>
        <translation>un tirocinio</translation>
    </message>
    <message>
        <source>This {what} was changed after you opened it.</source>
        <translation>Questo dato ({what}) è stato modificato dopo che lo hai aperto.</translation>
    </message>
    <message>
        <source>This {what} was changed by {who} after you opened it.</source>
        <translation>Questo dato ({what}) è stato modificato da {who} dopo che lo hai aperto.</translation>
    </message>
    <message>
        <source>agreement</source>
        <translation>accordo</translation>
    </message>
    <message>
        <source>base currency</source>
        <translation>valuta di base</translation>
    </message>
    <message>
        <source>checklist</source>
        <translation>lista di controllo</translation>
    </message>
    <message>
        <source>choice of tools</source>
        <translation>scelta degli strumenti</translation>
    </message>
    <message>
        <source>cost item</source>
        <translation>voce di costo</translation>
    </message>
    <message>
        <source>e-mail setup</source>
        <translation>configurazione e-mail</translation>
    </message>
    <message>
        <source>list of office leads</source>
        <translation>elenco dei responsabili dell&apos;ufficio</translation>
    </message>
    <message>
        <source>placement</source>
        <translation>tirocinio</translation>
    </message>
    <message>
        <source>student&apos;s equity flags</source>
        <translation>indicatori di equità dello studente</translation>
    </message>
    <message>
        <source>tool test</source>
        <translation>test di uno strumento</translation>
    </message>
    <message>
        <source>work-list day count</source>
        <translation>numero di giorni della lista di lavoro</translation>
    </message>
    <message>
        <source>Cost item not saved</source>
        <translation>Voce di costo non salvata</translation>
    </message>
    <message>
        <source>e.g. Laptop for the student</source>
        <translation>es. Portatile per lo studente</translation>
    </message>
    <message>
        <source>No funding source</source>
        <translation>Nessuna fonte di finanziamento</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoria</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descrizione</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Importo</translation>
    </message>
    <message>
        <source>Staff hours</source>
        <translation>Ore del personale</translation>
    </message>
    <message>
        <source>Hourly rate</source>
        <translation>Tariffa oraria</translation>
    </message>
    <message>
        <source>Funding source</source>
        <translation>Fonte di finanziamento</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Fattura</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Per</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Quota</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Cost item: {description}</source>
        <translation>Voce di costo: {description}</translation>
    </message>
    <message>
        <source>New cost item</source>
        <translation>Nuova voce di costo</translation>
    </message>
    <message>
        <source>For staff time, enter the hours and hourly rate and leave the amount empty.</source>
        <translation>Per il tempo del personale, inserisci le ore e la tariffa oraria e lascia vuoto l&apos;importo.</translation>
    </message>
    <message>
        <source>Staff time: {hours} h × {rate} = {format_money}</source>
        <translation>Tempo del personale: {hours} h × {rate} = {format_money}</translation>
    </message>
    <message>
        <source> (the amount above is used)</source>
        <translation> (viene usato l&apos;importo sopra)</translation>
    </message>
    <message>
        <source>Save the placement first to record its costs.</source>
        <translation>Salva prima il tirocinio per registrarne i costi.</translation>
    </message>
    <message>
        <source>Costs</source>
        <translation>Costi</translation>
    </message>
    <message>
        <source>The costs of this placement, one per row</source>
        <translation>I costi di questo tirocinio, uno per riga</translation>
    </message>
    <message>
        <source>New cost item…</source>
        <translation>Nuova voce di costo…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Modifica…</translation>
    </message>
    <message>
        <source>Cost item</source>
        <translation>Voce di costo</translation>
    </message>
    <message>
        <source>shared</source>
        <translation>condiviso</translation>
    </message>
    <message>
        <source>direct</source>
        <translation>diretto</translation>
    </message>
    <message>
        <source>Amount ({base})</source>
        <translation>Importo ({base})</translation>
    </message>
    <message>
        <source>No costs recorded for this placement yet.</source>
        <translation>Ancora nessun costo registrato per questo tirocinio.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Total {format_money}&lt;/b&gt; — direct {format_money2}, share of shared costs {format_money3}</source>
        <translation>&lt;b&gt;Totale {format_money}&lt;/b&gt; — diretti {format_money2}, quota dei costi condivisi {format_money3}</translation>
    </message>
    <message>
        <source>Not counted anywhere yet: </source>
        <translation>Non ancora conteggiati da nessuna parte: </translation>
    </message>
    <message>
        <source>Shared: all{mode} of {share_year} ({label})</source>
        <translation>Condiviso: tutti i tirocini{mode} del {share_year} ({label})</translation>
    </message>
    <message>
        <source>Shared: {count} placements ({label})</source>
        <translation>Condiviso: {count} tirocini ({label})</translation>
    </message>
    <message>
        <source>Cost items</source>
        <translation>Voci di costo</translation>
    </message>
    <message>
        <source>The placement&apos;s costs, one per row</source>
        <translation>I costi del tirocinio, uno per riga</translation>
    </message>
    <message>
        <source>No cost items yet. Add the first with New….</source>
        <translation>Ancora nessuna voce di costo. Aggiungi la prima con Nuovo….</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>Nuovo…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Elimina…</translation>
    </message>
    <message>
        <source>Cost items not loaded</source>
        <translation>Voci di costo non caricate</translation>
    </message>
    <message>
        <source>Delete cost item</source>
        <translation>Elimina voce di costo</translation>
    </message>
    <message>
        <source>Delete {description}?</source>
        <translation>Eliminare {description}?</translation>
    </message>
    <message>
        <source>Cost item not deleted</source>
        <translation>Voce di costo non eliminata</translation>
    </message>
    <message>
        <source>Exchange rates</source>
        <translation>Tassi di cambio</translation>
    </message>
    <message>
        <source>Units of a currency worth 1 {base}, valid from a date until the next rate. A cost is converted at the latest rate on or before its date.</source>
        <translation>Unità di una valuta pari a 1 {base}, valide da una data fino al tasso successivo. Un costo viene convertito all&apos;ultimo tasso valido alla sua data o prima.</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>Valido dal</translation>
    </message>
    <message>
        <source>Rate (per 1 {base})</source>
        <translation>Tasso (per 1 {base})</translation>
    </message>
    <message>
        <source>Stored rates, newest first</source>
        <translation>Tassi memorizzati, dal più recente</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Tasso</translation>
    </message>
    <message>
        <source>Add rate</source>
        <translation>Aggiungi tasso</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>Importa CSV…</translation>
    </message>
    <message>
        <source>Lines of date,currency,rate, e.g. 2026-01-01,USD,1.0825</source>
        <translation>Righe data,valuta,tasso, es. 2026-01-01,USD,1.0825</translation>
    </message>
    <message>
        <source>Add a rate: currency, valid from, rate</source>
        <translation>Aggiungi un tasso: valuta, valido dal, tasso</translation>
    </message>
    <message>
        <source>Type the rate as a number, e.g. 1.0825.</source>
        <translation>Digita il tasso come numero, es. 1.0825.</translation>
    </message>
    <message>
        <source>Enter the date the rate is valid from.</source>
        <translation>Inserisci la data da cui il tasso è valido.</translation>
    </message>
    <message>
        <source>Import exchange rates</source>
        <translation>Importa tassi di cambio</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>File CSV (*.csv);;Tutti i file (*)</translation>
    </message>
    <message>
        <source>{name} could not be read: {exc}</source>
        <translation>Impossibile leggere {name}: {exc}</translation>
    </message>
    <message numerus="yes">
        <source>Stored %n rate(s).</source>
        <translation>
            <numerusform>%n tasso memorizzato.</numerusform>
            <numerusform>%n tassi memorizzati.</numerusform>
        </translation>
    </message>
    <message>
        <source>Source: {source}</source>
        <translation>Fonte: {source}</translation>
    </message>
    <message>
        <source>Erasmus+ grant</source>
        <translation>Borsa Erasmus+</translation>
    </message>
    <message>
        <source>By start date</source>
        <translation>Per data di inizio</translation>
    </message>
    <message>
        <source>Call {year}</source>
        <translation>Bando {year}</translation>
    </message>
    <message>
        <source>The call whose project period covers the placement&apos;s start</source>
        <translation>Il bando il cui periodo di progetto copre l&apos;inizio del tirocinio</translation>
    </message>
    <message>
        <source>Fewer opportunities</source>
        <translation>Minori opportunità</translation>
    </message>
    <message>
        <source>Green travel</source>
        <translation>Viaggio green</translation>
    </message>
    <message>
        <source>Zero grant</source>
        <translation>Borsa zero</translation>
    </message>
    <message>
        <source>No individual support from Erasmus+ EU funds</source>
        <translation>Nessun sostegno individuale dai fondi UE Erasmus+</translation>
    </message>
    <message>
        <source>Travel days</source>
        <translation>Giorni di viaggio</translation>
    </message>
    <message>
        <source> travel days</source>
        <translation> giorni di viaggio</translation>
    </message>
    <message>
        <source>Extra days of individual support for green travel</source>
        <translation>Giorni extra di sostegno individuale per il viaggio green</translation>
    </message>
    <message>
        <source>Travel distance</source>
        <translation>Distanza di viaggio</translation>
    </message>
    <message>
        <source> km</source>
        <translation> km</translation>
    </message>
    <message>
        <source>distance not given</source>
        <translation>distanza non indicata</translation>
    </message>
    <message>
        <source>For short blended stays with fewer opportunities: travel support by distance band</source>
        <translation>Per brevi soggiorni misti con minori opportunità: contributo di viaggio per fascia di distanza</translation>
    </message>
    <message>
        <source>Call year:</source>
        <translation>Anno del bando:</translation>
    </message>
    <message>
        <source>Top-ups:</source>
        <translation>Integrazioni:</translation>
    </message>
    <message>
        <source>Travel:</source>
        <translation>Viaggio:</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantità</translation>
    </message>
    <message>
        <source>Grant lines</source>
        <translation>Voci della borsa</translation>
    </message>
    <message>
        <source>The grant line by line, with the rule of each</source>
        <translation>La borsa voce per voce, con la regola di ciascuna</translation>
    </message>
    <message>
        <source>Record as cost item</source>
        <translation>Registra come voce di costo</translation>
    </message>
    <message>
        <source>Save what is paid to the student as a cost of this placement</source>
        <translation>Salva quanto pagato allo studente come costo di questo tirocinio</translation>
    </message>
    <message>
        <source>There are no grant rates to calculate with.</source>
        <translation>Non ci sono importi di borsa con cui calcolare.</translation>
    </message>
    <message>
        <source>Source: {note_source}</source>
        <translation>Fonte: {note_source}</translation>
    </message>
    <message>
        <source>, country group {group}</source>
        <translation>, gruppo di paesi {group}</translation>
    </message>
    <message>
        <source>{physical_days} physical days{counted}{group}. &lt;b&gt;To the student: {format_money}&lt;/b&gt;</source>
        <translation>{physical_days} giorni in presenza{counted}{group}. &lt;b&gt;Allo studente: {format_money}&lt;/b&gt;</translation>
    </message>
    <message>
        <source> · in all {format_money}</source>
        <translation> · in tutto {format_money}</translation>
    </message>
    <message>
        <source>Grant not recorded</source>
        <translation>Borsa non registrata</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n giorno</numerusform>
            <numerusform>%n giorni</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n month(s)</source>
        <translation>
            <numerusform>%n mese</numerusform>
            <numerusform>%n mesi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n once</source>
        <comment>a grant line paid one time: 1 once</comment>
        <translation>
            <numerusform>%n una tantum</numerusform>
            <numerusform>%n una tantum</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n participant(s)</source>
        <translation>
            <numerusform>%n partecipante</numerusform>
            <numerusform>%n partecipanti</numerusform>
        </translation>
    </message>
    <message>
        <source>counted as {months} and {days}</source>
        <translation>conteggiati come {months} e {days}</translation>
    </message>
    <message>
        <source>Individual support, days {first}–{last}</source>
        <translation>Sostegno individuale, giorni {first}–{last}</translation>
    </message>
    <message>
        <source>Give the travel distance to add the travel support.</source>
        <translation>Indica la distanza del viaggio per aggiungere il contributo di viaggio.</translation>
    </message>
    <message>
        <source>Green travel top-up</source>
        <translation>Integrazione per viaggio sostenibile</translation>
    </message>
    <message>
        <source>Individual support</source>
        <translation>Sostegno individuale</translation>
    </message>
    <message>
        <source>Traineeship top-up</source>
        <translation>Integrazione per tirocinio</translation>
    </message>
    <message>
        <source>Fewer opportunities top-up</source>
        <translation>Integrazione per partecipanti con minori opportunità</translation>
    </message>
    <message>
        <source>{days} physical days is less than the {months} months a long-term traineeship needs; only a blended placement with {low} to {high} physical days is funded as short-term.</source>
        <translation>{days} giorni in presenza sono meno dei {months} mesi richiesti da un tirocinio di lunga durata; solo un tirocinio misto con {low}–{high} giorni in presenza è finanziato come di breve durata.</translation>
    </message>
    <message>
        <source>A purely virtual placement gets no individual support.</source>
        <translation>Un tirocinio interamente virtuale non riceve sostegno individuale.</translation>
    </message>
    <message>
        <source>{days} physical days is too short: the Programme Guide funds physical stays of {low} days or more ({low} to {high} in a blended placement).</source>
        <translation>{days} giorni in presenza sono troppo pochi: la Guida al programma finanzia soggiorni in presenza di almeno {low} giorni (da {low} a {high} in un tirocinio misto).</translation>
    </message>
    <message>
        <source>A zero-grant participant gets no individual support from Erasmus+ EU funds.</source>
        <translation>Un partecipante senza borsa (zero-grant) non riceve sostegno individuale dai fondi UE di Erasmus+.</translation>
    </message>
    <message>
        <source>Organisational support (participant {number})</source>
        <translation>Sostegno organizzativo (partecipante {number})</translation>
    </message>
    <message>
        <source>{days} physical days is more than the {months} months the Programme Guide funds in a study cycle.</source>
        <translation>{days} giorni in presenza sono più dei {months} mesi che la Guida al programma finanzia in un ciclo di studi.</translation>
    </message>
    <message>
        <source>This blended placement has no physical period yet, so nothing is funded.</source>
        <translation>Questo tirocinio misto non ha ancora un periodo in presenza, quindi non è finanziato nulla.</translation>
    </message>
    <message>
        <source>{line}, extra days</source>
        <translation>{line}, giorni aggiuntivi</translation>
    </message>
    <message>
        <source>Fewer opportunities top-up, {days} physical days</source>
        <translation>Integrazione per partecipanti con minori opportunità, {days} giorni in presenza</translation>
    </message>
    <message>
        <source>Green travel support, {km} km</source>
        <translation>Contributo per viaggio sostenibile, {km} km</translation>
    </message>
    <message>
        <source>Travel support, {km} km</source>
        <translation>Contributo di viaggio, {km} km</translation>
    </message>
    <message>
        <source>No travel support for {km} km: the bands start at 10 km.</source>
        <translation>Nessun contributo di viaggio per {km} km: le fasce partono da 10 km.</translation>
    </message>
    <message>
        <source>No travel support: it goes to {who} only.</source>
        <translation>Nessun contributo di viaggio: spetta solo a {who}.</translation>
    </message>
    <message>
        <source>Green travel days</source>
        <translation>Giorni di viaggio sostenibile</translation>
    </message>
    <message>
        <source>No Erasmus+ rate table covers a start on {day} (vipdesk has {known}); choose a call year.</source>
        <translation>Nessuna tabella dei contributi Erasmus+ copre un inizio il {day} (vipdesk ha {known}); scegli un anno del bando.</translation>
    </message>
    <message>
        <source>{country} is in none of the country groups of the call {year} rates.</source>
        <translation>{country} non è in nessun gruppo di paesi dei contributi del bando {year}.</translation>
    </message>
    <message>
        <source>There are no Erasmus+ rates for the call year {year}.</source>
        <translation>Non ci sono contributi Erasmus+ per l&apos;anno del bando {year}.</translation>
    </message>
    <message>
        <source>{code} is an outermost region or overseas country or territory: the Programme Guide sets their grants apart and the call {year} table has no rates for them; ask your national agency.</source>
        <translation>{code} è una regione ultraperiferica o un paese o territorio d&apos;oltremare: la Guida al programma ne stabilisce i contributi a parte e la tabella del bando {year} non ne contiene; chiedi alla tua Agenzia nazionale.</translation>
    </message>
    <message>
        <source>call {year}: {start} – {end}</source>
        <translation>bando {year}: {start} – {end}</translation>
    </message>
    <message>
        <source>The organisational support tiers of this call year end too early.</source>
        <translation>Le fasce del sostegno organizzativo di quest&apos;anno di invito finiscono troppo presto.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nessuna</translation>
    </message>
    <message>
        <source>funding source</source>
        <translation>fonte di finanziamento</translation>
    </message>
    <message>
        <source>Funding source not saved</source>
        <translation>Fonte di finanziamento non salvata</translation>
    </message>
    <message>
        <source>e.g. Erasmus+ KA131 2026</source>
        <translation>es. Erasmus+ KA131 2026</translation>
    </message>
    <message>
        <source>e.g. the grant agreement number</source>
        <translation>es. il numero della convenzione di sovvenzione</translation>
    </message>
    <message>
        <source>Name</source>
        <comment>not a person&apos;s</comment>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Amount awarded</source>
        <translation>Importo assegnato</translation>
    </message>
    <message>
        <source>Pays from</source>
        <translation>Paga dal</translation>
    </message>
    <message>
        <source>Pays until</source>
        <translation>Paga fino al</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Riferimento</translation>
    </message>
    <message>
        <source>Budget lines</source>
        <translation>Voci di budget</translation>
    </message>
    <message>
        <source>Funding source: {name}</source>
        <translation>Fonte di finanziamento: {name}</translation>
    </message>
    <message>
        <source>New funding source</source>
        <translation>Nuova fonte di finanziamento</translation>
    </message>
    <message numerus="yes">
        <source>%Ln participant(s)</source>
        <translation>
            <numerusform>%Ln partecipante</numerusform>
            <numerusform>%Ln partecipanti</numerusform>
        </translation>
    </message>
    <message>
        <source>Awarded</source>
        <translation>Assegnato</translation>
    </message>
    <message>
        <source>Spent</source>
        <translation>Speso</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>Residuo</translation>
    </message>
    <message>
        <source>overspent</source>
        <translation>sforato</translation>
    </message>
    <message>
        <source>Placement</source>
        <translation>Tirocinio</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Fonte</translation>
    </message>
    <message>
        <source>New source…</source>
        <translation>Nuova fonte…</translation>
    </message>
    <message>
        <source>Cost items…</source>
        <translation>Voci di costo…</translation>
    </message>
    <message>
        <source>Exchange rates…</source>
        <translation>Tassi di cambio…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aggiorna</translation>
    </message>
    <message>
        <source>Funding sources</source>
        <translation>Fonti di finanziamento</translation>
    </message>
    <message>
        <source>Each source: budget, spent, left</source>
        <translation>Ogni fonte: budget, speso, residuo</translation>
    </message>
    <message>
        <source>&lt;b&gt;Funding sources&lt;/b&gt;</source>
        <translation>&lt;b&gt;Fonti di finanziamento&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Spent of the amount awarded&lt;/b&gt;</source>
        <translation>&lt;b&gt;Speso dell&apos;importo assegnato&lt;/b&gt;</translation>
    </message>
    <message>
        <source>No costs recorded yet: add cost items to see the cost per participant.</source>
        <translation>Ancora nessun costo registrato: aggiungi voci di costo per vedere il costo per partecipante.</translation>
    </message>
    <message>
        <source>Cost per participant by mode</source>
        <translation>Costo per partecipante per modalità</translation>
    </message>
    <message>
        <source>Cost per participant by year</source>
        <translation>Costo per partecipante per anno</translation>
    </message>
    <message>
        <source>Click a bar or select a source to list the cost items behind it.</source>
        <translation>Fai clic su una barra o seleziona una fonte per elencare le voci di costo che la compongono.</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Dettagli</translation>
    </message>
    <message>
        <source>What the chosen bar or source is made of</source>
        <translation>Di cosa si compone la barra o la fonte scelta</translation>
    </message>
    <message>
        <source>Funding not loaded</source>
        <translation>Finanziamento non caricato</translation>
    </message>
    <message>
        <source>{spent} of {awarded}</source>
        <translation>{spent} di {awarded}</translation>
    </message>
    <message>
        <source> — overspent</source>
        <translation> — budget superato</translation>
    </message>
    <message>
        <source>Not counted: {value}</source>
        <translation>Non conteggiato: {value}</translation>
    </message>
    <message>
        <source>Not counted:
• </source>
        <translation>Non conteggiato:
• </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;{title}&lt;/b&gt;: %n cost item(s), {total} in all</source>
        <translation>
            <numerusform>&lt;b&gt;{title}&lt;/b&gt;: %n voce di costo, {total} in tutto</numerusform>
            <numerusform>&lt;b&gt;{title}&lt;/b&gt;: %n voci di costo, {total} in tutto</numerusform>
        </translation>
    </message>
    <message>
        <source>{label} ({what}), {participants} participants</source>
        <translation>{label} ({what}), {participants} partecipanti</translation>
    </message>
    <message>
        <source>Cannot open the funding source</source>
        <translation>Impossibile aprire la fonte di finanziamento</translation>
    </message>
    <message>
        <source>Delete funding source</source>
        <translation>Elimina fonte di finanziamento</translation>
    </message>
    <message>
        <source>Delete {name}?</source>
        <translation>Eliminare {name}?</translation>
    </message>
    <message>
        <source>Funding source not deleted</source>
        <translation>Fonte di finanziamento non eliminata</translation>
    </message>
    <message>
        <source>Anywhere</source>
        <translation>Ovunque</translation>
    </message>
    <message>
        <source>The user guide, at the section of what you are looking at</source>
        <translation>La guida utente, alla sezione di ciò che stai guardando</translation>
    </message>
    <message>
        <source>Alt + underlined letter</source>
        <translation>Alt + lettera sottolineata</translation>
    </message>
    <message>
        <source>The menu, button, tab or field of that letter</source>
        <translation>Il menu, pulsante, scheda o campo di quella lettera</translation>
    </message>
    <message>
        <source>Tab / Shift+Tab</source>
        <translation>Tab / Maiusc+Tab</translation>
    </message>
    <message>
        <source>The next / previous control</source>
        <translation>Il controllo successivo / precedente</translation>
    </message>
    <message>
        <source>Tables</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Invio</translation>
    </message>
    <message>
        <source>Open the selected placement or record</source>
        <translation>Apre il tirocinio o il record selezionato</translation>
    </message>
    <message>
        <source>Arrow keys, Page Up/Down</source>
        <translation>Tasti freccia, Pag su/giù</translation>
    </message>
    <message>
        <source>Move through the rows</source>
        <translation>Scorre le righe</translation>
    </message>
    <message>
        <source>Tab bars</source>
        <translation>Barre delle schede</translation>
    </message>
    <message>
        <source>Ctrl+Tab / Ctrl+Shift+Tab</source>
        <translation>Ctrl+Tab / Ctrl+Maiusc+Tab</translation>
    </message>
    <message>
        <source>The next / previous tab</source>
        <translation>La scheda successiva / precedente</translation>
    </message>
    <message>
        <source>Placement editor</source>
        <translation>Editor del tirocinio</translation>
    </message>
    <message>
        <source>Save the placement</source>
        <translation>Salva il tirocinio</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Close; unsaved changes are asked about</source>
        <translation>Chiude; viene chiesto delle modifiche non salvate</translation>
    </message>
    <message>
        <source>Pickers</source>
        <translation>Selettori</translation>
    </message>
    <message>
        <source>Down, then Enter</source>
        <translation>Giù, poi Invio</translation>
    </message>
    <message>
        <source>List the matches of what you typed and take one</source>
        <translation>Elenca le corrispondenze di quanto digitato e ne sceglie una</translation>
    </message>
    <message>
        <source>Date fields</source>
        <translation>Campi data</translation>
    </message>
    <message>
        <source>Type the date</source>
        <translation>Digita la data</translation>
    </message>
    <message>
        <source>YYYY-MM-DD, DD/MM/YYYY or DD.MM.YYYY</source>
        <translation>AAAA-MM-GG, GG/MM/AAAA o GG.MM.AAAA</translation>
    </message>
    <message>
        <source>Text boxes</source>
        <translation>Caselle di testo</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tab</translation>
    </message>
    <message>
        <source>Moves on (a text box never keeps Tab)</source>
        <translation>Passa oltre (una casella di testo non trattiene mai Tab)</translation>
    </message>
    <message>
        <source>Wizards</source>
        <translation>Procedure guidate</translation>
    </message>
    <message>
        <source>Alt+N / Alt+B</source>
        <translation>Alt+N / Alt+B</translation>
    </message>
    <message>
        <source>Next / Back page</source>
        <translation>Pagina Avanti / Indietro</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Scorciatoie da tastiera</translation>
    </message>
    <message>
        <source>Where, which keys, what they do</source>
        <translation>Dove, quali tasti, cosa fanno</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Dove</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasti</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Cosa</translation>
    </message>
    <message>
        <source>vipdesk user guide</source>
        <translation>Guida utente di vipdesk</translation>
    </message>
    <message>
        <source>Search the guide</source>
        <translation>Cerca nella guida</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Sommario</translation>
    </message>
    <message>
        <source>No section mentions this.</source>
        <translation>Nessuna sezione ne parla.</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>&amp;Guida utente</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Stopping… nothing will be changed.</source>
        <translation>Interruzione in corso… non verrà modificato nulla.</translation>
    </message>
    <message>
        <source> ({done:,} of {total:,})</source>
        <translation> ({done:,} di {total:,})</translation>
    </message>
    <message>
        <source>It was not done</source>
        <translation>Operazione non eseguita</translation>
    </message>
    <message>
        <source>Cancelled: nothing was changed.</source>
        <translation>Annullato: non è stato modificato nulla.</translation>
    </message>
    <message>
        <source>Send by e-mail</source>
        <translation>Invia per e-mail</translation>
    </message>
    <message>
        <source>{party_label}: the PDF to sign</source>
        <translation>{party_label}: il PDF da firmare</translation>
    </message>
    <message>
        <source>{party_label}: the fillable PDF for HR</source>
        <translation>{party_label}: il PDF compilabile per HR</translation>
    </message>
    <message>
        <source>The message is shown before it goes; you can change it there.</source>
        <translation>Il messaggio viene mostrato prima dell&apos;invio; lì puoi modificarlo.</translation>
    </message>
    <message>
        <source>&amp;Send to:</source>
        <translation>&amp;Invia a:</translation>
    </message>
    <message>
        <source>The message&apos;s wording and dates in this language</source>
        <translation>Il testo e le date del messaggio in questa lingua</translation>
    </message>
    <message>
        <source>Language of the message</source>
        <translation>Lingua del messaggio</translation>
    </message>
    <message>
        <source>&amp;Message in:</source>
        <translation>&amp;Messaggio in:</translation>
    </message>
    <message>
        <source>Every party has signed {title}.</source>
        <translation>Tutte le parti hanno firmato: {title}.</translation>
    </message>
    <message>
        <source>No mail server is set (Settings → E-mail): open the message in your mail program, or save it as a file. It is not kept in the outbox.</source>
        <translation>Nessun server di posta impostato (Impostazioni → E-mail): apri il messaggio nel tuo programma di posta o salvalo come file. Non viene conservato nella posta in uscita.</translation>
    </message>
    <message>
        <source>To</source>
        <translation>A</translation>
    </message>
    <message>
        <source>Cc</source>
        <translation>Cc</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Oggetto</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Messaggio</translation>
    </message>
    <message>
        <source>Attached files</source>
        <translation>File allegati</translation>
    </message>
    <message>
        <source>The files sent with it</source>
        <translation>I file inviati insieme</translation>
    </message>
    <message>
        <source>Attached:</source>
        <translation>Allegati:</translation>
    </message>
    <message>
        <source>From {sender}</source>
        <translation>Da {sender}</translation>
    </message>
    <message>
        <source>&amp;Open in mail program</source>
        <translation>&amp;Apri nel programma di posta</translation>
    </message>
    <message>
        <source>Save as .&amp;eml…</source>
        <translation>Salva come .&amp;eml…</translation>
    </message>
    <message>
        <source>&amp;Message:</source>
        <translation>&amp;Messaggio:</translation>
    </message>
    <message>
        <source>Save the message</source>
        <translation>Salva il messaggio</translation>
    </message>
    <message>
        <source>E-mail (*.eml)</source>
        <translation>E-mail (*.eml)</translation>
    </message>
    <message>
        <source>Open in mail program</source>
        <translation>Apri nel programma di posta</translation>
    </message>
    <message>
        <source>No mail program opened it. The message is saved as {path}: attach or open it from there.</source>
        <translation>Nessun programma di posta lo ha aperto. Il messaggio è salvato come {path}: allegalo o aprilo da lì.</translation>
    </message>
    <message>
        <source>No e-mail yet. Messages sent from a placement (agreements, questionnaires, reminders) show here.</source>
        <translation>Ancora nessuna e-mail. Qui compaiono i messaggi inviati da un tirocinio (accordi, questionari, promemoria).</translation>
    </message>
    <message>
        <source>Failed ({attempts} tries)</source>
        <translation>Non riuscito ({attempts} tentativi)</translation>
    </message>
    <message>
        <source>Failed</source>
        <comment>a message that could not be sent</comment>
        <translation>Non riuscito</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Cosa è successo</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Posta in uscita</translation>
    </message>
    <message>
        <source>Every e-mail and what became of it</source>
        <translation>Ogni e-mail e cosa ne è stato</translation>
    </message>
    <message>
        <source>&amp;Send queued now</source>
        <translation>&amp;Invia ora quelli in coda</translation>
    </message>
    <message>
        <source>Re&amp;try</source>
        <translation>&amp;Riprova</translation>
    </message>
    <message>
        <source>&amp;Cancel sending</source>
        <translation>&amp;Annulla invio</translation>
    </message>
    <message>
        <source>&amp;Read…</source>
        <translation>&amp;Leggi…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s)</source>
        <translation>
            <numerusform>%Ln messaggio</numerusform>
            <numerusform>%Ln messaggi</numerusform>
        </translation>
    </message>
    <message>
        <source>From: {value}
To: {value2}
</source>
        <translation>Da: {value}
A: {value2}
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
        <translation>Oggetto: {value}
</translation>
    </message>
    <message>
        <source>Attached: {join}
</source>
        <translation>Allegati: {join}
</translation>
    </message>
    <message>
        <source>State: {state}</source>
        <translation>Stato: {state}</translation>
    </message>
    <message>
        <source>Send reminders</source>
        <translation>Invia promemoria</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n reminder(s)&lt;/b&gt; due today.</source>
        <translation>
            <numerusform>&lt;b&gt;%n promemoria&lt;/b&gt; in scadenza oggi.</numerusform>
            <numerusform>&lt;b&gt;%n promemoria&lt;/b&gt; in scadenza oggi.</numerusform>
        </translation>
    </message>
    <message>
        <source>{reminded_lately} item(s) were reminded in the last 7 days.</source>
        <translation>{reminded_lately} elementi hanno ricevuto un promemoria negli ultimi 7 giorni.</translation>
    </message>
    <message>
        <source>No e-mail address for {join}.</source>
        <translation>Nessun indirizzo e-mail per {join}.</translation>
    </message>
    <message>
        <source>No mail server is set (Settings → E-mail): save them as .eml files.</source>
        <translation>Nessun server di posta impostato (Impostazioni → E-mail): salvali come file .eml.</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>Promemoria</translation>
    </message>
    <message>
        <source>Each reminder, to whom and about what</source>
        <translation>Ogni promemoria, a chi e su cosa</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Send %n reminder(s)</source>
        <translation>
            <numerusform>&amp;Invia %n promemoria</numerusform>
            <numerusform>&amp;Invia %n promemoria</numerusform>
        </translation>
    </message>
    <message>
        <source>Save as .&amp;eml files…</source>
        <translation>Salva come file .&amp;eml…</translation>
    </message>
    <message>
        <source>Save the reminders in</source>
        <translation>Salva i promemoria in</translation>
    </message>
    <message>
        <source>Save the reminders</source>
        <translation>Salva i promemoria</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Invio</translation>
    </message>
    <message>
        <source>Sending e-mail</source>
        <translation>Invio e-mail</translation>
    </message>
    <message>
        <source>{summary}.

{first}

The Outbox keeps the failed messages: correct the settings or the address, then Retry.</source>
        <translation>{summary}.

{first}

La posta in uscita conserva i messaggi non riusciti: correggi le impostazioni o l&apos;indirizzo, poi Riprova.</translation>
    </message>
    <message numerus="yes">
        <source>%n sent</source>
        <translation>
            <numerusform>%n inviato</numerusform>
            <numerusform>%n inviati</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n non riuscito</numerusform>
            <numerusform>%n non riusciti</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n still queued</source>
        <translation>
            <numerusform>%n ancora in coda</numerusform>
            <numerusform>%n ancora in coda</numerusform>
        </translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sicurezza</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Porta</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nome utente</translation>
    </message>
    <message>
        <source>stored in the system&apos;s credential store</source>
        <translation>memorizzata nell&apos;archivio credenziali del sistema</translation>
    </message>
    <message>
        <source>not stored</source>
        <translation>non memorizzata</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>International Office, University of …</source>
        <translation>Ufficio Relazioni Internazionali, Università di …</translation>
    </message>
    <message>
        <source>Sender name</source>
        <translation>Nome mittente</translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation>Indirizzo mittente</translation>
    </message>
    <message>
        <source>Reply-to</source>
        <translation>Rispondi a</translation>
    </message>
    <message>
        <source>Send a &amp;test message</source>
        <translation>Invia un messaggio di &amp;prova</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Messaggi</translation>
    </message>
    <message>
        <source>Each message vipdesk sends; choose one</source>
        <translation>Ogni messaggio inviato da vipdesk; scegline uno</translation>
    </message>
    <message>
        <source>Placeholders: {names}</source>
        <translation>Segnaposto: {names}</translation>
    </message>
    <message>
        <source>Save &amp;wording</source>
        <translation>Salva &amp;testo</translation>
    </message>
    <message>
        <source>&amp;Restore the shipped text</source>
        <translation>&amp;Ripristina il testo originale</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Oggetto:</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>Testo:</translation>
    </message>
    <message>
        <source>Signature (ends every message)</source>
        <translation>Firma (chiude ogni messaggio)</translation>
    </message>
    <message>
        <source>{title} (office wording)</source>
        <translation>{title} (testo dell&apos;ufficio)</translation>
    </message>
    <message>
        <source>Mail templates</source>
        <translation>Modelli di e-mail</translation>
    </message>
    <message>
        <source>E-mail settings</source>
        <translation>Impostazioni e-mail</translation>
    </message>
    <message>
        <source>&amp;Server and sender</source>
        <translation>&amp;Server e mittente</translation>
    </message>
    <message>
        <source>&amp;Messages</source>
        <translation>&amp;Messaggi</translation>
    </message>
    <message>
        <source>Not sent: {exc}</source>
        <translation>Non inviato: {exc}</translation>
    </message>
    <message>
        <source>Sent to {sender_address}; the server answered {reply}.</source>
        <translation>Inviato a {sender_address}; il server ha risposto {reply}.</translation>
    </message>
    <message>
        <source>This computer has no credential store: the password is kept until vipdesk is closed, and will be asked for again.</source>
        <translation>Questo computer non ha un archivio credenziali: la password viene conservata fino alla chiusura di vipdesk e verrà richiesta di nuovo.</translation>
    </message>
    <message>
        <source>E-mail (*.eml);;All files (*)</source>
        <translation>E-mail (*.eml);;Tutti i file (*)</translation>
    </message>
    <message>
        <source>Import returned mail</source>
        <translation>Importa posta restituita</translation>
    </message>
    <message>
        <source>Out&amp;box</source>
        <translation>Posta in &amp;uscita</translation>
    </message>
    <message>
        <source>&amp;E-mail…</source>
        <translation>&amp;E-mail…</translation>
    </message>
    <message>
        <source>The mail server, the sender and the message templates</source>
        <translation>Il server di posta, il mittente e i modelli dei messaggi</translation>
    </message>
    <message>
        <source>Import returned &amp;mail (.eml)…</source>
        <translation>Importa &amp;posta restituita (.eml)…</translation>
    </message>
    <message>
        <source>E-mail the report</source>
        <translation>Invia il rapporto per e-mail</translation>
    </message>
    <message>
        <source>Not ours, left alone: {name}</source>
        <translation>Non nostro, ignorato: {name}</translation>
    </message>
    <message>
        <source>{name} is the {kind} of {reference}: record its signatures in the Agreement tab (Record signature…).</source>
        <translation>{name} è {kind} di {reference}: registrane le firme nella scheda Accordo (Registra firma…).</translation>
    </message>
    <message>
        <source>vipdesk — {describe_url}</source>
        <translation>vipdesk — {describe_url}</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Riprova</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>Sezioni</translation>
    </message>
    <message>
        <source>&amp;Today</source>
        <translation>&amp;Oggi</translation>
    </message>
    <message>
        <source>&amp;Placements</source>
        <translation>&amp;Tirocini</translation>
    </message>
    <message>
        <source>&amp;Students</source>
        <translation>&amp;Studenti</translation>
    </message>
    <message>
        <source>&amp;Organisations</source>
        <translation>O&amp;rganizzazioni</translation>
    </message>
    <message>
        <source>&amp;Contacts</source>
        <translation>&amp;Contatti</translation>
    </message>
    <message>
        <source>&amp;Institutions</source>
        <translation>&amp;Istituti</translation>
    </message>
    <message>
        <source>F&amp;unding</source>
        <translation>Finan&amp;ziamenti</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;New placement…</source>
        <translation>&amp;Nuovo tirocinio…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>A&amp;ggiorna</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Esci</translation>
    </message>
    <message>
        <source>Export &amp;agreements…</source>
        <translation>Esporta &amp;accordi…</translation>
    </message>
    <message>
        <source>Settin&amp;gs</source>
        <translation>Impostazio&amp;ni</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Modifica</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Trova…</translation>
    </message>
    <message>
        <source>&amp;Open placement</source>
        <translation>&amp;Apri tirocinio</translation>
    </message>
    <message>
        <source>&amp;Delete placement…</source>
        <translation>&amp;Elimina tirocinio…</translation>
    </message>
    <message>
        <source>&amp;Recently deleted…</source>
        <translation>Eliminati di &amp;recente…</translation>
    </message>
    <message>
        <source>&amp;Trusted certificates…</source>
        <translation>&amp;Certificati attendibili…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Visualizza</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aiuto</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Scorciatoie da tastiera</translation>
    </message>
    <message>
        <source>&amp;About vipdesk</source>
        <translation>&amp;Informazioni su vipdesk</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principale</translation>
    </message>
    <message>
        <source>&amp;Today ({due:,})</source>
        <translation>&amp;Oggi ({due:,})</translation>
    </message>
    <message>
        <source>{due:,} due · {overdue:,} overdue · {placements:,} placements · {describe_url}</source>
        <translation>{due:,} in scadenza · {overdue:,} scaduti · {placements:,} tirocini · {describe_url}</translation>
    </message>
    <message>
        <source>Cannot open the placement</source>
        <translation>Impossibile aprire il tirocinio</translation>
    </message>
    <message>
        <source>Delete placement</source>
        <translation>Elimina tirocinio</translation>
    </message>
    <message>
        <source>Delete {reference} — {student} at {host}? Its checklist goes with it. This cannot be undone.</source>
        <translation>Eliminare {reference} — {student} presso {host}? Viene eliminata anche la sua checklist. L&apos;operazione non può essere annullata.</translation>
    </message>
    <message>
        <source>Deleted {reference}.</source>
        <translation>{reference} eliminato.</translation>
    </message>
    <message>
        <source>About vipdesk</source>
        <translation>Informazioni su vipdesk</translation>
    </message>
    <message>
        <source>&lt;b&gt;vipdesk {version__}&lt;/b&gt;&lt;br&gt;Records, preparation and reporting for virtual and blended international work placements.&lt;br&gt;&lt;br&gt;Database: {describe_url}</source>
        <translation>&lt;b&gt;vipdesk {version__}&lt;/b&gt;&lt;br&gt;Dati, preparazione e rendicontazione per tirocini internazionali virtuali e misti.&lt;br&gt;&lt;br&gt;Database: {describe_url}</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; mixes separators. Type it as 1234.50 or 1 234,50.</source>
        <translation>&apos;{text}&apos; mescola i separatori. Scrivi l&apos;importo come 1234,50 o 1.234,50.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not an amount. Type it as 1234.50 or 1 234,50.</source>
        <translation>&apos;{text}&apos; non è un importo. Scrivilo come 1234,50 o 1.234,50.</translation>
    </message>
    <message>
        <source>e.g. 1234.50 or 1 234,50</source>
        <translation>es. 1234,50 o 1 234,50</translation>
    </message>
    <message>
        <source>Reports and reflections (*.pdf *.docx *.png *.jpg *.jpeg);;All files (*)</source>
        <translation>Relazioni e riflessioni (*.pdf *.docx *.png *.jpg *.jpeg);;Tutti i file (*)</translation>
    </message>
    <message>
        <source>student, mentor, tutor</source>
        <translation>studente, mentore, tutor</translation>
    </message>
    <message>
        <source>student, mentor</source>
        <translation>studente, mentore</translation>
    </message>
    <message>
        <source>student, tutor</source>
        <translation>studente, tutor</translation>
    </message>
    <message>
        <source>student, colleagues</source>
        <translation>studente, colleghi</translation>
    </message>
    <message>
        <source>student, coordinator</source>
        <translation>studente, coordinatore</translation>
    </message>
    <message>
        <source>student, mentor, coordinator</source>
        <translation>studente, mentore, coordinatore</translation>
    </message>
    <message>
        <source>monitoring entry</source>
        <translation>voce di monitoraggio</translation>
    </message>
    <message>
        <source>Monitoring entry not saved</source>
        <translation>Voce di monitoraggio non salvata</translation>
    </message>
    <message>
        <source>e.g. student, mentor</source>
        <translation>es. studente, mentore</translation>
    </message>
    <message>
        <source>One of the tools chosen for this placement (Preparation tab)</source>
        <translation>Uno degli strumenti scelti per questo tirocinio (scheda Preparazione)</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Attach a file…</source>
        <translation>Allega un file…</translation>
    </message>
    <message>
        <source>A PDF, a Word document (.docx), a PNG or a JPEG, up to {value} MB</source>
        <translation>Un PDF, un documento Word (.docx), un PNG o un JPEG, fino a {value} MB</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Rimuovi</translation>
    </message>
    <message>
        <source>This raised a concern</source>
        <translation>Ha sollevato una criticità</translation>
    </message>
    <message>
        <source>Who took part</source>
        <translation>Chi ha partecipato</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durata</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Concern</source>
        <translation>Criticità</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Seguito</translation>
    </message>
    <message>
        <source>Resolved on</source>
        <translation>Risolta il</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Soluzione</translation>
    </message>
    <message>
        <source>{kind} of {day}</source>
        <translation>{kind} del {day}</translation>
    </message>
    <message>
        <source>New log entry</source>
        <translation>Nuova voce del registro</translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation>Allega un file</translation>
    </message>
    <message>
        <source>{name} is over {value} MB.</source>
        <translation>{name} supera {value} MB.</translation>
    </message>
    <message>
        <source>Cannot read {name}: {strerror}.</source>
        <translation>Impossibile leggere {name}: {strerror}.</translation>
    </message>
    <message>
        <source>No file</source>
        <translation>Nessun file</translation>
    </message>
    <message>
        <source>open</source>
        <translation>aperta</translation>
    </message>
    <message>
        <source>resolved {day}</source>
        <translation>risolta il {day}</translation>
    </message>
    <message>
        <source>{what} ({cadence}): {met} of {expected} expected met</source>
        <translation>{what} ({cadence}): {met} su {expected} previsti rispettati</translation>
    </message>
    <message>
        <source>; overdue since {day}</source>
        <translation>; in ritardo dal {day}</translation>
    </message>
    <message>
        <source>met on {met_on}</source>
        <translation>tenuto il {met_on}</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>non ancora</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>saltato</translation>
    </message>
    <message>
        <source>Save the placement first to keep its monitoring log.</source>
        <translation>Salva prima il tirocinio per tenerne il registro di monitoraggio.</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Chi</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>Min</translation>
    </message>
    <message>
        <source>Monitoring log</source>
        <translation>Registro di monitoraggio</translation>
    </message>
    <message>
        <source>Meetings, reports and checks</source>
        <translation>Incontri, relazioni e verifiche</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Previsti</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Incontro</translation>
    </message>
    <message>
        <source>Expected meetings</source>
        <translation>Incontri previsti</translation>
    </message>
    <message>
        <source>Each slot of the protocol&apos;s cadence: met or missed</source>
        <translation>Ogni scadenza della frequenza del protocollo: svolto o mancato</translation>
    </message>
    <message>
        <source>&amp;New entry…</source>
        <translation>&amp;Nuova voce…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifica…</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>E&amp;limina</translation>
    </message>
    <message>
        <source>Save &amp;file…</source>
        <translation>Salva &amp;file…</translation>
    </message>
    <message>
        <source>&amp;Recognition…</source>
        <translation>&amp;Riconoscimento…</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>Incontri</translation>
    </message>
    <message>
        <source>Reports and reflections</source>
        <translation>Relazioni e riflessioni</translation>
    </message>
    <message>
        <source>No communication protocol yet: no rhythm of meetings to measure.</source>
        <translation>Ancora nessun protocollo di comunicazione: nessuna frequenza di incontri da misurare.</translation>
    </message>
    <message numerus="yes">
        <source>%n concern(s) open</source>
        <translation>
            <numerusform>%n criticità aperta</numerusform>
            <numerusform>%n criticità aperte</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing logged yet: New entry… records the kick-off first.</source>
        <translation>Ancora nulla registrato: Nuova voce… registra per primo l&apos;incontro di avvio.</translation>
    </message>
    <message>
        <source>No credits planned: nothing to recognise in the degree.</source>
        <translation>Nessun credito previsto: nulla da riconoscere nel titolo di studio.</translation>
    </message>
    <message>
        <source>Not complete yet: </source>
        <translation>Non ancora completo: </translation>
    </message>
    <message>
        <source>{credits_awarded} of {planned_credits} credits, grade {grade}, transcript of {transcript_on}.</source>
        <translation>{credits_awarded} di {planned_credits} crediti, voto {grade}, transcript del {transcript_on}.</translation>
    </message>
    <message>
        <source>Delete the {label} of {held_on}? It can be restored from Edit → Recently deleted for 30 days.</source>
        <translation>Eliminare {label} del {held_on}? Può essere ripristinata da Modifica → Eliminati di recente per 30 giorni.</translation>
    </message>
    <message>
        <source>Delete the entry</source>
        <translation>Elimina la voce</translation>
    </message>
    <message>
        <source>Not deleted</source>
        <translation>Non eliminato</translation>
    </message>
    <message>
        <source>Save the file</source>
        <translation>Salva il file</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Non salvato</translation>
    </message>
    <message>
        <source>Recognition not saved</source>
        <translation>Riconoscimento non salvato</translation>
    </message>
    <message>
        <source>Only when more credits are awarded than planned</source>
        <translation>Solo se vengono assegnati più crediti del previsto</translation>
    </message>
    <message>
        <source>One learning outcome achieved per line</source>
        <translation>Un risultato di apprendimento conseguito per riga</translation>
    </message>
    <message>
        <source>All planned outcomes achieved</source>
        <translation>Tutti i risultati previsti conseguiti</translation>
    </message>
    <message>
        <source>Credits awarded (ECTS)</source>
        <translation>Crediti assegnati (ECTS)</translation>
    </message>
    <message>
        <source>Reason for more credits</source>
        <translation>Motivo dei crediti in più</translation>
    </message>
    <message>
        <source>Grading scale</source>
        <translation>Scala di valutazione</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Voto</translation>
    </message>
    <message>
        <source>Transcript of records of</source>
        <translation>Certificato degli esami del</translation>
    </message>
    <message>
        <source>Certificate received on</source>
        <translation>Certificato ricevuto il</translation>
    </message>
    <message>
        <source> ({planned_credits} ECTS planned)</source>
        <translation> ({planned_credits} ECTS previsti)</translation>
    </message>
    <message>
        <source>Recognition{planned}</source>
        <translation>Riconoscimento{planned}</translation>
    </message>
    <message>
        <source>{credits} planned</source>
        <translation>{credits} previsti</translation>
    </message>
    <message>
        <source>a number from {low} to {high}</source>
        <translation>un numero da {low} a {high}</translation>
    </message>
    <message>
        <source>Host organisation</source>
        <translation>Organizzazione ospitante</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>Istituto</translation>
    </message>
    <message>
        <source>Contact not saved</source>
        <translation>Contatto non salvato</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Ruolo</translation>
    </message>
    <message>
        <source>Works at</source>
        <translation>Lavora presso</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Fuso orario</translation>
    </message>
    <message>
        <source>Contact: {name}</source>
        <translation>Contatto: {name}</translation>
    </message>
    <message>
        <source>New {label}</source>
        <translation>Nuovo: {label}</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>Nuovo contatto</translation>
    </message>
    <message>
        <source>where this person works</source>
        <translation>dove lavora questa persona</translation>
    </message>
    <message>
        <source>a time zone</source>
        <translation>un fuso orario</translation>
    </message>
    <message>
        <source>Institution not saved</source>
        <translation>Istituto non salvato</translation>
    </message>
    <message>
        <source>e.g. PL WARSZAW01</source>
        <translation>es. PL WARSZAW01</translation>
    </message>
    <message>
        <source>Erasmus code</source>
        <translation>Codice Erasmus</translation>
    </message>
    <message>
        <source>Faculty</source>
        <translation>Facoltà</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Paese</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Città</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Indirizzo</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Sito web</translation>
    </message>
    <message>
        <source>Institution: {name}</source>
        <translation>Istituto: {name}</translation>
    </message>
    <message>
        <source>New institution</source>
        <translation>Nuovo istituto</translation>
    </message>
    <message>
        <source>a country</source>
        <translation>un paese</translation>
    </message>
    <message>
        <source>Organisation not saved</source>
        <translation>Organizzazione non salvata</translation>
    </message>
    <message>
        <source>Street and number, as on a letter</source>
        <translation>Via e numero civico, come su una lettera</translation>
    </message>
    <message>
        <source>e.g. Software, Renewable energy, NGO</source>
        <translation>es. Software, Energie rinnovabili, ONG</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Via</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>CAP</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Dimensioni</translation>
    </message>
    <message>
        <source>Organisation: {name}</source>
        <translation>Organizzazione: {name}</translation>
    </message>
    <message>
        <source>New host organisation</source>
        <translation>Nuova organizzazione ospitante</translation>
    </message>
    <message>
        <source>EQF 5 (short cycle)</source>
        <translation>EQF 5 (ciclo breve)</translation>
    </message>
    <message>
        <source>EQF 6 (bachelor)</source>
        <translation>EQF 6 (laurea triennale)</translation>
    </message>
    <message>
        <source>EQF 7 (master)</source>
        <translation>EQF 7 (laurea magistrale)</translation>
    </message>
    <message>
        <source>EQF 8 (doctorate)</source>
        <translation>EQF 8 (dottorato)</translation>
    </message>
    <message>
        <source>Student not saved</source>
        <translation>Studente non salvato</translation>
    </message>
    <message>
        <source>ISCED-F, e.g. 0413 Management and administration</source>
        <translation>ISCED-F, es. 0413 Gestione e amministrazione</translation>
    </message>
    <message>
        <source>Messages to the student are offered in this language</source>
        <translation>I messaggi allo studente sono proposti in questa lingua</translation>
    </message>
    <message>
        <source>Language for the student&apos;s messages</source>
        <translation>Lingua dei messaggi allo studente</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Cognome</translation>
    </message>
    <message>
        <source>Student number</source>
        <translation>Matricola</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Data di nascita</translation>
    </message>
    <message>
        <source>Nationality</source>
        <translation>Nazionalità</translation>
    </message>
    <message>
        <source>Study cycle</source>
        <translation>Ciclo di studi</translation>
    </message>
    <message>
        <source>Field of education</source>
        <translation>Ambito di studio</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>Corso di studi</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Lingue</translation>
    </message>
    <message>
        <source>Messages in</source>
        <translation>Messaggi in</translation>
    </message>
    <message>
        <source>Student: {full_name}</source>
        <translation>Studente: {full_name}</translation>
    </message>
    <message>
        <source>New student</source>
        <translation>Nuovo studente</translation>
    </message>
    <message>
        <source>an institution</source>
        <translation>un istituto</translation>
    </message>
    <message>
        <source>Native</source>
        <translation>Madrelingua</translation>
    </message>
    <message>
        <source>Each language with its CEFR level</source>
        <translation>Ogni lingua con il relativo livello QCER</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Lingua</translation>
    </message>
    <message>
        <source>Level (CEFR)</source>
        <translation>Livello (QCER)</translation>
    </message>
    <message>
        <source>Add language</source>
        <translation>Aggiungi lingua</translation>
    </message>
    <message>
        <source>Disability or health condition</source>
        <translation>Disabilità o problemi di salute</translation>
    </message>
    <message>
        <source>Economic, social or geographic obstacles</source>
        <translation>Ostacoli economici, sociali o geografici</translation>
    </message>
    <message>
        <source>Migrant or refugee background</source>
        <translation>Background migratorio o da rifugiato</translation>
    </message>
    <message>
        <source>Working student or carer</source>
        <translation>Studente lavoratore o caregiver</translation>
    </message>
    <message>
        <source>Special-category personal data (GDPR art. 9): record only what the student declared, e.g. for an Erasmus+ inclusion top-up. Kept apart from the student record, never shown in lists or exports; the history notes only that it changed.</source>
        <translation>Categorie particolari di dati personali (GDPR art. 9): registra solo ciò che lo studente ha dichiarato, ad es. per un&apos;integrazione Erasmus+ per l&apos;inclusione. Conservati separatamente dai dati dello studente, mai mostrati in elenchi o esportazioni; la cronologia annota solo che sono cambiati.</translation>
    </message>
    <message>
        <source>Sensitive: equity flags</source>
        <translation>Sensibile: indicatori di pari opportunità</translation>
    </message>
    <message>
        <source>Note on the grant&apos;s grounds</source>
        <translation>Nota sui presupposti della borsa</translation>
    </message>
    <message>
        <source>Note (only what is needed for the grant)</source>
        <translation>Nota (solo quanto necessario per la borsa)</translation>
    </message>
    <message>
        <source>Student no.</source>
        <translation>Matricola</translation>
    </message>
    <message>
        <source>Placements</source>
        <translation>Tirocini</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>Studenti</translation>
    </message>
    <message>
        <source>Delete {name}? This cannot be undone.</source>
        <translation>Eliminare {name}? L&apos;operazione non può essere annullata.</translation>
    </message>
    <message>
        <source>student</source>
        <translation>studente</translation>
    </message>
    <message>
        <source>organisation</source>
        <translation>organizzazione</translation>
    </message>
    <message numerus="yes">
        <source>%Ln host organisation(s)</source>
        <translation>
            <numerusform>%Ln organizzazione ospitante</numerusform>
            <numerusform>%Ln organizzazioni ospitanti</numerusform>
        </translation>
    </message>
    <message>
        <source>contact</source>
        <translation>contatto</translation>
    </message>
    <message>
        <source>institution</source>
        <translation>istituto</translation>
    </message>
    <message numerus="yes">
        <source>%Ln institution(s)</source>
        <translation>
            <numerusform>%Ln istituto</numerusform>
            <numerusform>%Ln istituti</numerusform>
        </translation>
    </message>
    <message>
        <source>done outside vipdesk: </source>
        <translation>svolto al di fuori di vipdesk: </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) marked below</source>
        <translation>
            <numerusform>%n elemento contrassegnato sotto</numerusform>
            <numerusform>%n elementi contrassegnati sotto</numerusform>
        </translation>
    </message>
    <message>
        <source>{count} things block</source>
        <translation>{count} cose bloccano</translation>
    </message>
    <message>
        <source>1 thing blocks</source>
        <translation>1 cosa blocca</translation>
    </message>
    <message>
        <source>{first}; and {last}</source>
        <translation>{first}; e {last}</translation>
    </message>
    <message>
        <source>{things} “{target}”: {reasons}</source>
        <translation>{things} «{target}»: {reasons}</translation>
    </message>
    <message>
        <source>Other moves</source>
        <translation>Altri passaggi</translation>
    </message>
    <message>
        <source>Save the placement to start its checklist.</source>
        <translation>Salva il tirocinio per avviarne la checklist.</translation>
    </message>
    <message>
        <source>Status: &lt;b&gt;Draft&lt;/b&gt; (not saved yet)</source>
        <translation>Stato: &lt;b&gt;Bozza&lt;/b&gt; (non ancora salvato)</translation>
    </message>
    <message>
        <source> — step {value} of {count}</source>
        <translation> — passo {value} di {count}</translation>
    </message>
    <message>
        <source>Status: &lt;b&gt;{label}&lt;/b&gt;{step}</source>
        <translation>Stato: &lt;b&gt;{label}&lt;/b&gt;{step}</translation>
    </message>
    <message>
        <source>Move to “{label}”</source>
        <translation>Passa a “{label}”</translation>
    </message>
    <message>
        <source>Shows what still blocks it, with a way to each fix.</source>
        <translation>Mostra cosa lo blocca ancora, con un modo per risolvere ciascun punto.</translation>
    </message>
    <message>
        <source>Cancel the placement…</source>
        <translation>Annulla il tirocinio…</translation>
    </message>
    <message>
        <source>Reopen as {label}</source>
        <translation>Riapri come {label}</translation>
    </message>
    <message>
        <source>Back to {label}</source>
        <translation>Torna a {label}</translation>
    </message>
    <message>
        <source>{phase} — {done} of {count} done</source>
        <translation>{phase} — {done} di {count} fatti</translation>
    </message>
    <message>
        <source>nothing recorded</source>
        <translation>nulla di registrato</translation>
    </message>
    <message>
        <source>Before the placement</source>
        <translation>Prima del tirocinio</translation>
    </message>
    <message>
        <source>During the placement</source>
        <translation>Durante il tirocinio</translation>
    </message>
    <message>
        <source>After the placement</source>
        <translation>Dopo il tirocinio</translation>
    </message>
    <message>
        <source>Follows from vipdesk&apos;s records.</source>
        <translation>Deriva dai dati di vipdesk.</translation>
    </message>
    <message>
        <source>Ticking by hand asks why (the records do not show it).</source>
        <translation>La spunta manuale chiede il motivo (i dati non lo mostrano).</translation>
    </message>
    <message>
        <source>⚠ blocks the next step</source>
        <translation>⚠ blocca il passo successivo</translation>
    </message>
    <message>
        <source>Tick by hand</source>
        <translation>Spunta manualmente</translation>
    </message>
    <message>
        <source>vipdesk ticks “{label}” from its records, which do not show it yet ({value}). Why is it done?</source>
        <translation>vipdesk spunta “{label}” in base ai suoi dati, che non lo mostrano ancora ({value}). Perché è completato?</translation>
    </message>
    <message>
        <source>New placement</source>
        <translation>Nuovo tirocinio</translation>
    </message>
    <message>
        <source>Placement details</source>
        <translation>Dettagli del tirocinio</translation>
    </message>
    <message>
        <source>Placement sections</source>
        <translation>Sezioni del tirocinio</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Preparation</source>
        <translation>Preparazione</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Accordo</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>Monitoraggio</translation>
    </message>
    <message>
        <source>Mail</source>
        <translation>Posta</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Cronologia</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Salva</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>Salva (Ctrl+S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Chiudi</translation>
    </message>
    <message>
        <source> — &lt;i&gt;unsaved changes&lt;/i&gt;</source>
        <translation> — &lt;i&gt;modifiche non salvate&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;New placement{dirty}&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Nuovo tirocinio{dirty}&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>{reference} — placement</source>
        <translation>{reference} — tirocinio</translation>
    </message>
    <message>
        <source>No further step: the placement is completed</source>
        <translation>Nessun passo successivo: il tirocinio è concluso</translation>
    </message>
    <message>
        <source>No further step: the placement was cancelled</source>
        <translation>Nessun passo successivo: il tirocinio è stato annullato</translation>
    </message>
    <message>
        <source>No further step</source>
        <translation>Nessun passo successivo</translation>
    </message>
    <message numerus="yes">
        <source>Next: {label} — %n thing(s) still to do (Status tab)</source>
        <translation>
            <numerusform>Successivo: {label} — ancora %n cosa da fare (scheda Stato)</numerusform>
            <numerusform>Successivo: {label} — ancora %n cose da fare (scheda Stato)</numerusform>
        </translation>
    </message>
    <message>
        <source>Next: {label} — nothing blocks it</source>
        <translation>Successivo: {label} — nulla lo blocca</translation>
    </message>
    <message>
        <source>Restore unsaved changes?</source>
        <translation>Ripristinare le modifiche non salvate?</translation>
    </message>
    <message>
        <source>vipdesk closed on {day} at {time} before changes to this placement were saved. Restore them? (They are not saved until you press Save.)</source>
        <translation>vipdesk si è chiuso il {day} alle {time} prima che le modifiche a questo tirocinio fossero salvate. Ripristinarle? (Non sono salvate finché non premi Salva.)</translation>
    </message>
    <message>
        <source>Nothing was saved: please correct the fields marked below.</source>
        <translation>Non è stato salvato nulla: correggi i campi contrassegnati qui sotto.</translation>
    </message>
    <message>
        <source>{exc} Your edits are still here, not saved.</source>
        <translation>{exc} Le tue modifiche sono ancora qui, non salvate.</translation>
    </message>
    <message>
        <source>Delete {reference} ({title})? Its checklist goes with it. This cannot be undone.</source>
        <translation>Eliminare {reference} ({title})? Anche la sua checklist verrà eliminata. L’operazione non può essere annullata.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Modifiche non salvate</translation>
    </message>
    <message>
        <source>This placement has changes that are not saved. Save them before closing?</source>
        <translation>Questo tirocinio ha modifiche non salvate. Salvarle prima di chiudere?</translation>
    </message>
    <message>
        <source>Virtual: online only. Blended: online with a physical stay abroad (give its periods below). Physical: on site at the host.</source>
        <translation>Virtuale: solo online. Misto: online con un soggiorno fisico all&apos;estero (indicane i periodi qui sotto). In presenza: sul posto presso l&apos;organizzazione ospitante.</translation>
    </message>
    <message>
        <source>Who supervises the trainee&apos;s work at the host; signs the certificate</source>
        <translation>Chi supervisiona il lavoro del tirocinante presso l&apos;organizzazione ospitante; firma il certificato</translation>
    </message>
    <message>
        <source>Who follows the learning at the sending institution and recognises it</source>
        <translation>Chi segue l&apos;apprendimento presso l&apos;istituto di invio e lo riconosce</translation>
    </message>
    <message>
        <source>The trainee&apos;s university, which sends and recognises the placement</source>
        <translation>L&apos;università del tirocinante, che invia e riconosce il tirocinio</translation>
    </message>
    <message>
        <source>The agreed first day; the agreement and grant count from it</source>
        <translation>Il primo giorno concordato; l&apos;accordo e la borsa decorrono da questo</translation>
    </message>
    <message>
        <source>The agreed last day; an extension is an amendment</source>
        <translation>L&apos;ultimo giorno concordato; una proroga è un emendamento</translation>
    </message>
    <message>
        <source>Agreed working hours a week (1 to 60), as the agreement states them</source>
        <translation>Ore di lavoro settimanali concordate (da 1 a 60), come indicate nell&apos;accordo</translation>
    </message>
    <message>
        <source>ECTS the placement is worth in the degree; empty when it does not count (then no recognition is needed to complete it)</source>
        <translation>ECTS che il tirocinio vale nel titolo di studio; vuoto se non conta (allora non serve alcun riconoscimento per completarlo)</translation>
    </message>
    <message>
        <source>Internal notes of the office: never printed on the agreement</source>
        <translation>Note interne dell&apos;ufficio: mai stampate sull&apos;accordo</translation>
    </message>
    <message>
        <source>Periods</source>
        <translation>Periodi</translation>
    </message>
    <message>
        <source>The placement&apos;s virtual and physical periods: kind, start, end</source>
        <translation>I periodi virtuali e in presenza del tirocinio: tipo, inizio, fine</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Inizio</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fine</translation>
    </message>
    <message>
        <source>Add period</source>
        <translation>Aggiungi periodo</translation>
    </message>
    <message>
        <source>Remove period</source>
        <translation>Rimuovi periodo</translation>
    </message>
    <message>
        <source>Period {value}: {exc}</source>
        <translation>Periodo {value}: {exc}</translation>
    </message>
    <message>
        <source>New student…</source>
        <translation>Nuovo studente…</translation>
    </message>
    <message>
        <source>New host…</source>
        <translation>Nuova organizzazione ospitante…</translation>
    </message>
    <message>
        <source>Type part of its name or country (↓ lists them)</source>
        <translation>Digita parte del nome o del paese (↓ per elencarli)</translation>
    </message>
    <message>
        <source>New institution…</source>
        <translation>Nuovo istituto…</translation>
    </message>
    <message>
        <source>New mentor…</source>
        <translation>Nuovo mentore…</translation>
    </message>
    <message>
        <source>New tutor…</source>
        <translation>Nuovo tutor…</translation>
    </message>
    <message>
        <source>e.g. 7.5 (empty if none)</source>
        <translation>es. 7,5 (vuoto se nessuno)</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Studente</translation>
    </message>
    <message>
        <source>Company mentor</source>
        <translation>Mentore aziendale</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titolo</translation>
    </message>
    <message>
        <source>Planned start and end</source>
        <translation>Inizio e fine previsti</translation>
    </message>
    <message>
        <source>Hours per week</source>
        <translation>Ore settimanali</translation>
    </message>
    <message>
        <source>ECTS credits</source>
        <translation>Crediti ECTS</translation>
    </message>
    <message>
        <source>Planned start</source>
        <translation>Inizio previsto</translation>
    </message>
    <message>
        <source>Planned end</source>
        <translation>Fine prevista</translation>
    </message>
    <message>
        <source>Blended: physical and virtual periods</source>
        <translation>Misto: periodi in presenza e virtuali</translation>
    </message>
    <message>
        <source>No student matches what you typed: pick one from the list or create a new one.</source>
        <translation>Nessuno studente corrisponde a quanto digitato: scegline uno dall&apos;elenco o creane uno nuovo.</translation>
    </message>
    <message>
        <source>No host organisation matches what you typed: pick one from the list or create a new one.</source>
        <translation>Nessuna organizzazione ospitante corrisponde a quanto digitato: scegline una dall&apos;elenco o creane una nuova.</translation>
    </message>
    <message>
        <source>No institution matches what you typed: pick one from the list or create a new one.</source>
        <translation>Nessun istituto corrisponde a quanto digitato: scegline uno dall&apos;elenco o creane uno nuovo.</translation>
    </message>
    <message>
        <source>No mentor matches what you typed: pick one from the list or create a new one.</source>
        <translation>Nessun mentore corrisponde a quanto digitato: scegline uno dall&apos;elenco o creane uno nuovo.</translation>
    </message>
    <message>
        <source>No tutor matches what you typed: pick one from the list or create a new one.</source>
        <translation>Nessun tutor accademico corrisponde a quanto digitato: scegline uno dall&apos;elenco o creane uno nuovo.</translation>
    </message>
    <message>
        <source>(deleted since)</source>
        <translation>(eliminato nel frattempo)</translation>
    </message>
    <message>
        <source>Nothing has been recorded for this placement yet.</source>
        <translation>Non è stato ancora registrato nulla per questo tirocinio.</translation>
    </message>
    <message>
        <source>The history starts when the placement is first saved.</source>
        <translation>La cronologia inizia al primo salvataggio del tirocinio.</translation>
    </message>
    <message>
        <source>What changed, newest first</source>
        <translation>Cosa è cambiato, dal più recente</translation>
    </message>
    <message>
        <source>Stored details</source>
        <translation>Dettagli memorizzati</translation>
    </message>
    <message>
        <source>Show the audit entry behind the selected line as stored</source>
        <translation>Mostra la voce di audit della riga selezionata così come memorizzata</translation>
    </message>
    <message>
        <source>Select a line to see the entry as stored.</source>
        <translation>Seleziona una riga per vedere la voce come memorizzata.</translation>
    </message>
    <message>
        <source>{text}

As stored:
{detail}</source>
        <translation>{text}

Come memorizzata:
{detail}</translation>
    </message>
    <message>
        <source>Choose the host organisation first: the mentor works there.</source>
        <translation>Scegli prima l&apos;organizzazione ospitante: il mentore lavora lì.</translation>
    </message>
    <message>
        <source>Choose the sending institution first: the tutor works there.</source>
        <translation>Scegli prima l&apos;istituto di invio: il tutor lavora lì.</translation>
    </message>
    <message>
        <source>Status not changed</source>
        <translation>Stato non modificato</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;The placement cannot move to “{label}” yet.&lt;/b&gt;&lt;br&gt;%n thing(s) need doing first:</source>
        <translation>
            <numerusform>&lt;b&gt;Il tirocinio non può ancora passare a “{label}”.&lt;/b&gt;&lt;br&gt;Prima c&apos;è %n cosa da fare:</numerusform>
            <numerusform>&lt;b&gt;Il tirocinio non può ancora passare a “{label}”.&lt;/b&gt;&lt;br&gt;Prima ci sono %n cose da fare:</numerusform>
        </translation>
    </message>
    <message>
        <source>Open {label}</source>
        <translation>Apri {label}</translation>
    </message>
    <message>
        <source>Move anyway (office lead)…</source>
        <translation>Passa comunque (responsabile dell&apos;ufficio)…</translation>
    </message>
    <message>
        <source>Move although the records do not back it yet; your reason is kept in the history.</source>
        <translation>Passa anche se i dati non lo confermano ancora; il tuo motivo viene conservato nella cronologia.</translation>
    </message>
    <message>
        <source>Cancel placement</source>
        <translation>Annulla tirocinio</translation>
    </message>
    <message>
        <source>Cancel {reference}? You can reopen it later.</source>
        <translation>Annullare {reference}? Potrà essere riaperto in seguito.</translation>
    </message>
    <message>
        <source>Move anyway</source>
        <translation>Passa comunque</translation>
    </message>
    <message>
        <source>Why does {reference} move to “{label}” although the records do not back it yet? The reason is kept in the placement&apos;s history.</source>
        <translation>Perché {reference} passa a “{label}” anche se i dati non lo confermano ancora? Il motivo viene conservato nella cronologia del tirocinio.</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Passo successivo</translation>
    </message>
    <message>
        <source>{details}
What to do: {action}.</source>
        <translation>{details}
Cosa fare: {action}.</translation>
    </message>
    <message>
        <source>&lt;h2&gt;No placements yet&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Ancora nessun tirocinio&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Start by recording a placement: the student, the host organisation, the dates and the mode (virtual, blended or physical).&lt;br&gt;Or open the demo database to look around with sample records first.</source>
        <translation>Inizia registrando un tirocinio: lo studente, l&apos;organizzazione ospitante, le date e la modalità (virtuale, mista o in presenza).&lt;br&gt;Oppure apri prima il database demo per esplorare con dati di esempio.</translation>
    </message>
    <message>
        <source>New placement (Ctrl+N)</source>
        <translation>Nuovo tirocinio (Ctrl+N)</translation>
    </message>
    <message>
        <source>Open the demo database</source>
        <translation>Apri il database demo</translation>
    </message>
    <message>
        <source>Search placements</source>
        <translation>Cerca tirocini</translation>
    </message>
    <message>
        <source>Search reference, student, organisation, title or country  (Ctrl+F)</source>
        <translation>Cerca riferimento, studente, organizzazione, titolo o paese  (Ctrl+F)</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>Tutti gli anni</translation>
    </message>
    <message>
        <source>All countries</source>
        <translation>Tutti i paesi</translation>
    </message>
    <message>
        <source>Host country</source>
        <translation>Paese ospitante</translation>
    </message>
    <message>
        <source>Show the placements hosted in one country</source>
        <translation>Mostra i tirocini ospitati in un paese</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Richiede attenzione</translation>
    </message>
    <message>
        <source>Show only placements with something due on the work list (the Today tab)</source>
        <translation>Mostra solo i tirocini con qualcosa in scadenza nell&apos;elenco delle attività (scheda Oggi)</translation>
    </message>
    <message>
        <source>Show the placements of one status</source>
        <translation>Mostra i tirocini di uno stato</translation>
    </message>
    <message>
        <source>One placement per row; Enter opens it</source>
        <translation>Un tirocinio per riga; Invio lo apre</translation>
    </message>
    <message>
        <source>VIP-2026-00000</source>
        <translation>VIP-2026-00000</translation>
    </message>
    <message>
        <source>Blended</source>
        <translation>Misto</translation>
    </message>
    <message>
        <source>All placements</source>
        <translation>Tutti i tirocini</translation>
    </message>
    <message numerus="yes">
        <source>%Ln shown</source>
        <translation>
            <numerusform>%Ln visualizzato</numerusform>
            <numerusform>%Ln visualizzati</numerusform>
        </translation>
    </message>
    <message>
        <source>Needs attention ({waiting:,})</source>
        <translation>Richiede attenzione ({waiting:,})</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>Lun</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>Mar</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>Mer</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>Gio</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>Ven</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>Sab</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>Dom</translation>
    </message>
    <message>
        <source>Shared hours per weekday</source>
        <translation>Ore condivise per giorno della settimana</translation>
    </message>
    <message>
        <source>No shared hours to show</source>
        <translation>Nessuna ora condivisa da mostrare</translation>
    </message>
    <message>
        <source>Result…</source>
        <translation>Risultato…</translation>
    </message>
    <message>
        <source>Scores per theme, blocking answers and advice</source>
        <translation>Punteggi per tema, risposte bloccanti e consigli</translation>
    </message>
    <message>
        <source>Export as PDF…</source>
        <translation>Esporta come PDF…</translation>
    </message>
    <message>
        <source>The questionnaire as a fillable PDF to send to the party</source>
        <translation>Il questionario come PDF compilabile da inviare alla parte</translation>
    </message>
    <message>
        <source>Not assessed</source>
        <translation>Non valutato</translation>
    </message>
    <message>
        <source> · {earlier} earlier</source>
        <translation> · {earlier} precedenti</translation>
    </message>
    <message>
        <source>Blocks: “{question}” {answer}</source>
        <translation>Blocca: “{question}” {answer}</translation>
    </message>
    <message>
        <source>Low: {label} ({score})</source>
        <translation>Basso: {label} ({score})</translation>
    </message>
    <message>
        <source>Re-assessment</source>
        <translation>Nuova valutazione</translation>
    </message>
    <message>
        <source>Questionnaire</source>
        <translation>Questionario</translation>
    </message>
    <message>
        <source>Resume questionnaire…</source>
        <translation>Riprendi questionario…</translation>
    </message>
    <message>
        <source>{what} started {started_at} by {respondent}, not finished</source>
        <translation>{what} avviato il {started_at} da {respondent}, non completato</translation>
    </message>
    <message>
        <source>Started {started_at} by {respondent}; continues at the first unanswered page</source>
        <translation>Avviato il {started_at} da {respondent}; riprende dalla prima pagina senza risposta</translation>
    </message>
    <message>
        <source>Re-assess…</source>
        <translation>Rivaluta…</translation>
    </message>
    <message>
        <source>A new questionnaire; the earlier result stays in history</source>
        <translation>Un nuovo questionario; il risultato precedente resta nella cronologia</translation>
    </message>
    <message>
        <source>Start questionnaire…</source>
        <translation>Avvia questionario…</translation>
    </message>
    <message>
        <source>Communication protocol</source>
        <translation>Protocollo di comunicazione</translation>
    </message>
    <message>
        <source>&lt;b&gt;Written&lt;/b&gt;{who} · reports {label}, replies within {reply_hours} h</source>
        <translation>&lt;b&gt;Redatto&lt;/b&gt;{who} · relazioni {label}, risposte entro {reply_hours} h</translation>
    </message>
    <message>
        <source>Edit protocol…</source>
        <translation>Modifica protocollo…</translation>
    </message>
    <message>
        <source>Not written yet: availability, reporting, reply times, meetings.</source>
        <translation>Non ancora redatto: disponibilità, relazioni, tempi di risposta, incontri.</translation>
    </message>
    <message>
        <source>Write protocol…</source>
        <translation>Redigi protocollo…</translation>
    </message>
    <message>
        <source>{hours_text} shared a working day</source>
        <translation>{hours_text} condivise in un giorno lavorativo</translation>
    </message>
    <message>
        <source>Shared hours: {shared}</source>
        <translation>Ore condivise: {shared}</translation>
    </message>
    <message>
        <source>With office hours (Monday to Friday, 9:00–17:00) for everyone: {shared}.</source>
        <translation>Con orario d&apos;ufficio (dal lunedì al venerdì, 9:00–17:00) per tutti: {shared}.</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Strumenti</translation>
    </message>
    <message>
        <source>Choose tools…</source>
        <translation>Scegli strumenti…</translation>
    </message>
    <message>
        <source>Test plan…</source>
        <translation>Piano dei test…</translation>
    </message>
    <message>
        <source>No tools chosen yet: which tool serves meetings, questions, reports, documents?</source>
        <translation>Ancora nessuno strumento scelto: quale strumento serve per incontri, domande, relazioni, documenti?</translation>
    </message>
    <message>
        <source>{names} · tested {done} of {count} (tool × person)</source>
        <translation>{names} · testati {done} di {count} (strumento × persona)</translation>
    </message>
    <message>
        <source> · {count} tips in Choose tools</source>
        <translation> · {count} suggerimenti in Scegli strumenti</translation>
    </message>
    <message>
        <source>Blocks “Agreement sent”:
</source>
        <translation>Blocca “Accordo inviato”:
</translation>
    </message>
    <message>
        <source>Save the placement to start its preparation.</source>
        <translation>Salva il tirocinio per avviarne la preparazione.</translation>
    </message>
    <message>
        <source>Import returned questionnaire…</source>
        <translation>Importa questionario restituito…</translation>
    </message>
    <message>
        <source>Language of exported questionnaires</source>
        <translation>Lingua dei questionari esportati</translation>
    </message>
    <message>
        <source>“Export as PDF…” writes the questionnaire in this language (in English where it is not translated yet)</source>
        <translation>“Esporta come PDF…” scrive il questionario in questa lingua (in inglese dove non è ancora tradotto)</translation>
    </message>
    <message>
        <source> by {name}</source>
        <translation> da {name}</translation>
    </message>
    <message>
        <source>Meeting: every {weekday}, {start} ({zone})</source>
        <translation>Incontro: ogni {weekday}, {start} ({zone})</translation>
    </message>
    <message>
        <source>PDFs &amp;in:</source>
        <translation>PDF &amp;in:</translation>
    </message>
    <message>
        <source>Something blocks the start: see the critical answers below.</source>
        <translation>Qualcosa blocca l&apos;avvio: vedi le risposte critiche qui sotto.</translation>
    </message>
    <message>
        <source>Student, host and institution are ready.</source>
        <translation>Studente, organizzazione ospitante e istituto sono pronti.</translation>
    </message>
    <message>
        <source>Not everything is assessed or strong enough yet.</source>
        <translation>Non tutto è ancora valutato o abbastanza solido.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Readiness&lt;/b&gt;&lt;br&gt;{verdict}</source>
        <translation>&lt;b&gt;Idoneità&lt;/b&gt;&lt;br&gt;{verdict}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{label}&lt;/b&gt; — answered by {respondent} on {when} (questionnaire version {questionnaire_version})</source>
        <translation>&lt;b&gt;{label}&lt;/b&gt; — risposte di {respondent} il {when} (versione del questionario {questionnaire_version})</translation>
    </message>
    <message>
        <source>{label} works on {name}</source>
        <translation>{label} lavora il {name}</translation>
    </message>
    <message>
        <source>{label} starts at</source>
        <translation>{label} inizia alle</translation>
    </message>
    <message>
        <source>{label} ends at</source>
        <translation>{label} finisce alle</translation>
    </message>
    <message>
        <source>Working days</source>
        <translation>Giorni lavorativi</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Dalle</translation>
    </message>
    <message>
        <source> ({first} to {last})</source>
        <translation> (dal {first} al {last})</translation>
    </message>
    <message>
        <source>Every {weekday}, {start}–{end} ({zone})</source>
        <translation>Ogni {weekday}, {start}–{end} ({zone})</translation>
    </message>
    <message>
        <source>Shared working hours per weekday, {first} to {last}, in the student&apos;s days:</source>
        <translation>Ore di lavoro condivise per giorno della settimana, dal {first} al {last}, nei giorni dello studente:</translation>
    </message>
    <message>
        <source>Fill in the student&apos;s time zone, days and hours to see them.</source>
        <translation>Compila fuso orario, giorni e ore dello studente per vederle.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Suggested {meeting_minutes}-minute meeting:&lt;/b&gt; {first_line}</source>
        <translation>&lt;b&gt;Incontro suggerito di {meeting_minutes} minuti:&lt;/b&gt; {first_line}</translation>
    </message>
    <message>
        <source>&lt;b&gt;No meeting time&lt;/b&gt; fits every week: see below.</source>
        <translation>&lt;b&gt;Nessun orario di incontro&lt;/b&gt; va bene per ogni settimana: vedi sotto.</translation>
    </message>
    <message>
        <source>communication protocol</source>
        <translation>protocollo di comunicazione</translation>
    </message>
    <message>
        <source>Communication protocol not saved</source>
        <translation>Protocollo di comunicazione non salvato</translation>
    </message>
    <message>
        <source> working hours</source>
        <translation> ore di lavoro</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> minuti</translation>
    </message>
    <message>
        <source>e.g. Teams: weekly meeting and quick questions. E-mail: reports. Shared drive: deliverables. A chat group: non-task talk.</source>
        <translation>es. Teams: incontro settimanale e domande rapide. E-mail: relazioni. Unità condivisa: prodotti. Un gruppo chat: conversazioni informali.</translation>
    </message>
    <message>
        <source>Name, e-mail or phone, and hours</source>
        <translation>Nome, e-mail o telefono, e orari</translation>
    </message>
    <message>
        <source>Availability</source>
        <translation>Disponibilità</translation>
    </message>
    <message>
        <source>Shared hours</source>
        <translation>Ore condivise</translation>
    </message>
    <message>
        <source>Reporting</source>
        <translation>Relazioni</translation>
    </message>
    <message>
        <source>Reply within</source>
        <translation>Risposta entro</translation>
    </message>
    <message>
        <source>Meeting length</source>
        <translation>Durata dell&apos;incontro</translation>
    </message>
    <message>
        <source>Which tool for what</source>
        <translation>Quale strumento per cosa</translation>
    </message>
    <message>
        <source>Helpdesk for the student</source>
        <translation>Helpdesk per lo studente</translation>
    </message>
    <message>
        <source>Helpdesk for company staff</source>
        <translation>Helpdesk per il personale aziendale</translation>
    </message>
    <message>
        <source>Communication protocol — {heading}</source>
        <translation>Protocollo di comunicazione — {heading}</translation>
    </message>
    <message>
        <source>{label}: &apos;{text}&apos; is not a time zone.</source>
        <translation>{label}: &apos;{text}&apos; non è un fuso orario.</translation>
    </message>
    <message>
        <source>Readiness result</source>
        <translation>Esito della verifica di idoneità</translation>
    </message>
    <message>
        <source>&lt;br&gt;{missing} required question(s) not answered yet.</source>
        <translation>&lt;br&gt;{missing} domande obbligatorie ancora senza risposta.</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;font-size:large&apos;&gt;{level_badge}&amp;nbsp; Overall score &lt;b&gt;{overall}&lt;/b&gt;&lt;/p&gt;{note}</source>
        <translation>&lt;p style=&apos;font-size:large&apos;&gt;{level_badge}&amp;nbsp; Punteggio complessivo &lt;b&gt;{overall}&lt;/b&gt;&lt;/p&gt;{note}</translation>
    </message>
    <message>
        <source>below {threshold}</source>
        <translation>sotto {threshold}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Blocking answers&lt;/b&gt; — these must be solved before the placement can start:&lt;ul style=&apos;margin-left:-20px&apos;&gt;</source>
        <translation>&lt;b&gt;Risposte bloccanti&lt;/b&gt; — vanno risolte prima che il tirocinio possa iniziare:&lt;ul style=&apos;margin-left:-20px&apos;&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;What to do&lt;/b&gt;&lt;ul style=&apos;margin-left:-20px&apos;&gt;</source>
        <translation>&lt;b&gt;Cosa fare&lt;/b&gt;&lt;ul style=&apos;margin-left:-20px&apos;&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;What to do&lt;/b&gt;&lt;br&gt;Nothing: every answer is strong.</source>
        <translation>&lt;b&gt;Cosa fare&lt;/b&gt;&lt;br&gt;Nulla: ogni risposta è solida.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Placement:&lt;/b&gt; {about}</source>
        <translation>&lt;b&gt;Tirocinio:&lt;/b&gt; {about}</translation>
    </message>
    <message>
        <source>{count} questions on {count2} pages, about {max} minutes. Each page is saved when you press Next: you can stop at any time and continue later.</source>
        <translation>{count} domande su {count2} pagine, circa {max} minuti. Ogni pagina viene salvata quando premi Avanti: puoi interrompere in qualsiasi momento e continuare più tardi.</translation>
    </message>
    <message>
        <source>{value} of {count} answered — </source>
        <translation>{value} di {count} con risposta — </translation>
    </message>
    <message>
        <source>answer every question marked * to go on.</source>
        <translation>rispondi a ogni domanda contrassegnata da * per proseguire.</translation>
    </message>
    <message>
        <source>press Next to save.</source>
        <translation>premi Avanti per salvare.</translation>
    </message>
    <message>
        <source>{page} · Optional: leave empty if there is nothing to add.</source>
        <translation>{page} · Facoltativo: lascia vuoto se non c&apos;è nulla da aggiungere.</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Risultato</translation>
    </message>
    <message>
        <source>Press Finish to record this assessment. Until then you can go back and change answers.</source>
        <translation>Premi Fine per registrare questa valutazione. Fino ad allora puoi tornare indietro e modificare le risposte.</translation>
    </message>
    <message>
        <source>{party} readiness</source>
        <translation>Idoneità: {party}</translation>
    </message>
    <message>
        <source>Page {n} of {count}</source>
        <translation>Pagina {n} di {count}</translation>
    </message>
    <message>
        <source>{exc}
Your answers on this page are kept.</source>
        <translation>{exc}
Le tue risposte in questa pagina vengono conservate.</translation>
    </message>
    <message>
        <source>{exc} Their answers are shown now; check this page and press Next again.</source>
        <translation>{exc} Ora sono mostrate le sue risposte; controlla questa pagina e premi di nuovo Avanti.</translation>
    </message>
    <message>
        <source>Close without saving?</source>
        <translation>Chiudere senza salvare?</translation>
    </message>
    <message>
        <source>This page could not be saved. Close anyway and lose its answers?</source>
        <translation>Impossibile salvare questa pagina. Chiudere comunque e perderne le risposte?</translation>
    </message>
    <message>
        <source>{tool_name} with the {label}</source>
        <translation>{tool_name} · {label}</translation>
    </message>
    <message>
        <source>Result: {who}</source>
        <translation>Risultato: {who}</translation>
    </message>
    <message>
        <source>Date: {who}</source>
        <translation>Data: {who}</translation>
    </message>
    <message>
        <source>Note: {who}</source>
        <translation>Nota: {who}</translation>
    </message>
    <message>
        <source>What happened; for a failure, what replaces it</source>
        <translation>Cosa è successo; in caso di esito negativo, cosa lo sostituisce</translation>
    </message>
    <message>
        <source>Test plan — {heading}</source>
        <translation>Piano dei test — {heading}</translation>
    </message>
    <message>
        <source>Test plan</source>
        <translation>Piano dei test</translation>
    </message>
    <message>
        <source>Try each tool with each person before the start: install, log in, a short call or message, a shared file. Record what happened.</source>
        <translation>Prova ogni strumento con ogni persona prima dell&apos;inizio: installazione, accesso, una breve chiamata o un messaggio, un file condiviso. Registra cosa è successo.</translation>
    </message>
    <message>
        <source>With</source>
        <translation>Con</translation>
    </message>
    <message>
        <source>Choose the tools first.</source>
        <translation>Scegli prima gli strumenti.</translation>
    </message>
    <message>
        <source>{who}: someone else recorded this test meanwhile; reloaded.</source>
        <translation>{who}: qualcun altro ha registrato questo test nel frattempo; ricaricato.</translation>
    </message>
    <message>
        <source>{name} (optional)</source>
        <translation>{name} (facoltativo)</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— nessuno —</translation>
    </message>
    <message>
        <source>{name} (not made for this)</source>
        <translation>{name} (non pensato per questo)</translation>
    </message>
    <message>
        <source>Choose tools that everybody can use and preferably already uses, and say explicitly which one serves each purpose.</source>
        <translation>Scegli strumenti che tutti possano usare e preferibilmente usino già, e indica esplicitamente quale serve a ciascuno scopo.</translation>
    </message>
    <message>
        <source>Check the choice</source>
        <translation>Verifica la scelta</translation>
    </message>
    <message>
        <source>Press Finish to save. Then test every tool with the student, the mentor and the tutor: the agreement cannot be sent before.</source>
        <translation>Premi Fine per salvare. Poi testa ogni strumento con lo studente, il mentore e il tutor: prima non è possibile inviare l&apos;accordo.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Chosen&lt;/b&gt;&lt;ul style=&apos;margin-left:-20px&apos;&gt;</source>
        <translation>&lt;b&gt;Scelti&lt;/b&gt;&lt;ul style=&apos;margin-left:-20px&apos;&gt;</translation>
    </message>
    <message>
        <source>No tool chosen yet.</source>
        <translation>Ancora nessuno strumento scelto.</translation>
    </message>
    <message>
        <source>No advice: the choice follows the guide.</source>
        <translation>Nessun consiglio: la scelta segue la guida.</translation>
    </message>
    <message>
        <source>Tools — {heading}</source>
        <translation>Strumenti — {heading}</translation>
    </message>
    <message>
        <source>Tools not saved</source>
        <translation>Strumenti non salvati</translation>
    </message>
    <message>
        <source> They chose: {join}.</source>
        <translation> Ha scelto: {join}.</translation>
    </message>
    <message>
        <source>Someone else chose tools for this placement after you opened it.{chosen} Press Finish again to keep your choice, or Back to change it.</source>
        <translation>Qualcun altro ha scelto gli strumenti per questo tirocinio dopo che lo hai aperto.{chosen} Premi di nuovo Fine per mantenere la tua scelta, o Precedente per modificarla.</translation>
    </message>
    <message>
        <source>Their version differs in: {join}.

</source>
        <translation>La sua versione differisce in: {join}.

</translation>
    </message>
    <message>
        <source>{details}Reload shows their version and drops your edits; Keep mine saves your version over theirs.</source>
        <translation>{details}Ricarica mostra la sua versione e scarta le tue modifiche; Mantieni la mia salva la tua versione sopra la sua.</translation>
    </message>
    <message>
        <source>Reload (discard mine)</source>
        <translation>Ricarica (scarta la mia)</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>Mantieni la mia</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not in the list; choose {what} from it.</source>
        <translation>&apos;{text}&apos; non è nell&apos;elenco; scegli {what} dall&apos;elenco.</translation>
    </message>
    <message>
        <source>Discard your changes?</source>
        <translation>Scartare le modifiche?</translation>
    </message>
    <message>
        <source>Equity flags are special-category personal data (GDPR art. 9). Include them only when the recipient needs them, e.g. for a grant&apos;s inclusion support; keep and send the file securely.</source>
        <translation>Gli indicatori di pari opportunità sono categorie particolari di dati personali (GDPR art. 9). Includili solo quando il destinatario ne ha bisogno, ad es. per il sostegno all&apos;inclusione di una borsa; conserva e invia il file in modo sicuro.</translation>
    </message>
    <message>
        <source>The report was not saved</source>
        <translation>Il rapporto non è stato salvato</translation>
    </message>
    <message>
        <source>Cancelled: no file was written.</source>
        <translation>Annullato: non è stato scritto alcun file.</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Esporta rapporto</translation>
    </message>
    <message>
        <source>Every placement</source>
        <translation>Tutti i tirocini</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Tutti gli stati</translation>
    </message>
    <message>
        <source>Language of the report</source>
        <translation>Lingua del rapporto</translation>
    </message>
    <message>
        <source>Sheet names, headers, summaries and charts in this language; the data as recorded</source>
        <translation>Nomi dei fogli, intestazioni, riepiloghi e grafici in questa lingua; i dati come registrati</translation>
    </message>
    <message>
        <source>Include the students&apos; equity flags</source>
        <translation>Includi gli indicatori di pari opportunità degli studenti</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Salva come</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Rapporto</translation>
    </message>
    <message>
        <source>Search text</source>
        <translation>Testo di ricerca</translation>
    </message>
    <message>
        <source>Year (planned start)</source>
        <translation>Anno (inizio previsto)</translation>
    </message>
    <message>
        <source>Sensitive data</source>
        <translation>Dati sensibili</translation>
    </message>
    <message>
        <source>Save to</source>
        <translation>Salva in</translation>
    </message>
    <message>
        <source>Then e-mail it (to a funder or a manager)</source>
        <translation>Poi invialo per e-mail (a un finanziatore o a un responsabile)</translation>
    </message>
    <message>
        <source>An Excel workbook with the filters below, key figures with a chart, and the detail. The filters start as they are set in the placements list.</source>
        <translation>Una cartella di lavoro Excel con i filtri sotto, indicatori chiave con un grafico e il dettaglio. I filtri partono come impostati nell&apos;elenco dei tirocini.</translation>
    </message>
    <message>
        <source>Save the report as</source>
        <translation>Salva il rapporto come</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Cartella di lavoro Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Choose where to save the report.</source>
        <translation>Scegli dove salvare il rapporto.</translation>
    </message>
    <message>
        <source>The folder {parent} does not exist.</source>
        <translation>La cartella {parent} non esiste.</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>Sostituire il file?</translation>
    </message>
    <message>
        <source>{name} exists already. Replace it?</source>
        <translation>{name} esiste già. Sostituirlo?</translation>
    </message>
    <message>
        <source>Writing the report…</source>
        <translation>Scrittura del rapporto…</translation>
    </message>
    <message>
        <source>Exporting the report “{title}”</source>
        <translation>Esportazione del report “{title}”</translation>
    </message>
    <message>
        <source>funding sources</source>
        <translation>fonti di finanziamento</translation>
    </message>
    <message>
        <source>placements</source>
        <translation>tirocini</translation>
    </message>
    <message>
        <source>Saved {records:,} {what} to {path}.</source>
        <translation>Salvati {records:,} {what} in {path}.</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv *.txt);;All files (*)</source>
        <translation>Fogli di calcolo (*.xlsx *.csv *.txt);;Tutti i file (*)</translation>
    </message>
    <message>
        <source>The template was not saved</source>
        <translation>Il modello non è stato salvato</translation>
    </message>
    <message>
        <source>Nothing was imported</source>
        <translation>Non è stato importato nulla</translation>
    </message>
    <message>
        <source>&lt;b&gt;Nothing was imported.&lt;/b&gt; </source>
        <translation>&lt;b&gt;Non è stato importato nulla.&lt;/b&gt; </translation>
    </message>
    <message>
        <source>Stopped: nothing was imported.</source>
        <translation>Interrotto: non è stato importato nulla.</translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation>Nessun file scelto.</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Scegli file…</translation>
    </message>
    <message>
        <source>Save template…</source>
        <translation>Salva modello…</translation>
    </message>
    <message>
        <source>An empty workbook with the right columns and a Help sheet</source>
        <translation>Una cartella di lavoro vuota con le colonne giuste e un foglio di aiuto</translation>
    </message>
    <message>
        <source>How dates written with slashes are read; 31.12.2000 and 2000-12-31 are always clear</source>
        <translation>Come vengono lette le date scritte con barre; 31.12.2000 e 2000-12-31 sono sempre univoche</translation>
    </message>
    <message>
        <source>Dates such as 01/02/2026 are written &amp;day first or month first:</source>
        <translation>Date come 01/02/2026 sono scritte con il &amp;giorno o il mese per primo:</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Anteprima</translation>
    </message>
    <message>
        <source>The rows as they would be imported</source>
        <translation>Le righe come verrebbero importate</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Riga</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Colonna</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problemi</translation>
    </message>
    <message>
        <source>What to correct, row by row</source>
        <translation>Cosa correggere, riga per riga</translation>
    </message>
    <message>
        <source>Reading and checking the file…</source>
        <translation>Lettura e controllo del file…</translation>
    </message>
    <message>
        <source>Checking {name}</source>
        <translation>Controllo di {name}</translation>
    </message>
    <message>
        <source>The date order was not changed</source>
        <translation>L&apos;ordine delle date non è stato modificato</translation>
    </message>
    <message>
        <source>&lt;b&gt;This file cannot be imported.&lt;/b&gt; {message}</source>
        <translation>&lt;b&gt;Questo file non può essere importato.&lt;/b&gt; {message}</translation>
    </message>
    <message>
        <source>Import as</source>
        <translation>Importa come</translation>
    </message>
    <message>
        <source> (first {PREVIEW_ROWS} shown)</source>
        <translation> (mostrate le prime {PREVIEW_ROWS})</translation>
    </message>
    <message>
        <source>&lt;b&gt;{source}&lt;/b&gt;: {count:,} rows{more} — {summary}.</source>
        <translation>&lt;b&gt;{source}&lt;/b&gt;: {count:,} righe{more} — {summary}.</translation>
    </message>
    <message>
        <source>&lt;br&gt;Columns not used: {join}.</source>
        <translation>&lt;br&gt;Colonne non utilizzate: {join}.</translation>
    </message>
    <message>
        <source>&lt;br&gt;Dates with slashes read {label}.</source>
        <translation>&lt;br&gt;Date con barre lette {label}.</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Nothing can be imported until every problem below is corrected in the file&lt;/b&gt; ({count:,}).&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Non si può importare nulla finché ogni problema elencato sotto non è corretto nel file&lt;/b&gt; ({count:,}).&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;There is nothing new to import.</source>
        <translation>&lt;br&gt;Non c&apos;è nulla di nuovo da importare.</translation>
    </message>
    <message>
        <source>Problems ({count:,})</source>
        <translation>Problemi ({count:,})</translation>
    </message>
    <message>
        <source> {count:,} already existed and were skipped.</source>
        <translation> {count:,} esistevano già e sono stati saltati.</translation>
    </message>
    <message>
        <source>&amp;Export report to Excel…</source>
        <translation>Esporta &amp;rapporto in Excel…</translation>
    </message>
    <message>
        <source>Save import &amp;template</source>
        <translation>Salva &amp;modello di importazione</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>Salvato {path}.</translation>
    </message>
    <message>
        <source>Snooze — {reference}</source>
        <translation>Posticipa — {reference}</translation>
    </message>
    <message>
        <source>Why, e.g. “host HR away until Monday”</source>
        <translation>Perché, es. “HR dell&apos;organizzazione ospitante assente fino a lunedì”</translation>
    </message>
    <message>
        <source>Hide &amp;until</source>
        <translation>Nascondi &amp;fino al</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>&amp;Nota</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Posticipa</translation>
    </message>
    <message>
        <source>It shows again the day after, unless the records say it is done by then.</source>
        <translation>Ricompare il giorno successivo, a meno che nel frattempo i dati non indichino che è stato fatto.</translation>
    </message>
    <message>
        <source>Work-list rules</source>
        <translation>Regole dell&apos;elenco attività</translation>
    </message>
    <message>
        <source> days</source>
        <translation> giorni</translation>
    </message>
    <message>
        <source>{what}. Shipped default: {default_days} days.</source>
        <translation>{what}. Valore predefinito: {default_days} giorni.</translation>
    </message>
    <message>
        <source>Restore &amp;defaults</source>
        <translation>Ripristina &amp;predefiniti</translation>
    </message>
    <message>
        <source>When the work list shows an item. These numbers apply to everyone using this database.</source>
        <translation>Quando l&apos;elenco delle attività mostra una voce. Questi numeri valgono per tutti coloro che usano questo database.</translation>
    </message>
    <message>
        <source>Snoozed {reference} ({what}) until {day_text}.</source>
        <translation>{reference} ({what}) posticipato fino al {day_text}.</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Organizzazione ospitante</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Cosa fare</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Dal</translation>
    </message>
    <message>
        <source>{what}: {details}
What to do: {action}.</source>
        <translation>{what}: {details}
Cosa fare: {action}.</translation>
    </message>
    <message>
        <source>365 days overdue</source>
        <translation>365 giorni di ritardo</translation>
    </message>
    <message>
        <source>30 Sep 2026</source>
        <translation>30 set 2026</translation>
    </message>
    <message>
        <source>Open the placement where this is done (Enter)</source>
        <translation>Apri il tirocinio in cui si svolge questa operazione (Invio)</translation>
    </message>
    <message>
        <source>S&amp;nooze…</source>
        <translation>Posti&amp;cipa…</translation>
    </message>
    <message>
        <source>Hide this item until a date ({SNOOZE_SHORTCUT})</source>
        <translation>Nascondi questa voce fino a una data ({SNOOZE_SHORTCUT})</translation>
    </message>
    <message>
        <source>&amp;Rules…</source>
        <translation>&amp;Regole…</translation>
    </message>
    <message>
        <source>When the work list shows an item: the number of days</source>
        <translation>Quando l&apos;elenco delle attività mostra una voce: il numero di giorni</translation>
    </message>
    <message>
        <source>Send re&amp;minders…</source>
        <translation>Invia pro&amp;memoria…</translation>
    </message>
    <message>
        <source>E-mail each party a due item waits for: signatures, certificate, evaluations</source>
        <translation>Invia per e-mail a ogni parte il punto in sospeso che la riguarda: firme, certificato, valutazioni</translation>
    </message>
    <message>
        <source>Reminders: {summary}.</source>
        <translation>Promemoria: {summary}.</translation>
    </message>
    <message>
        <source>Work list</source>
        <translation>Elenco attività</translation>
    </message>
    <message>
        <source>What is due, grouped by overdue, this week and later</source>
        <translation>Cosa è in scadenza, raggruppato per scaduto, questa settimana e più avanti</translation>
    </message>
    <message>
        <source>&lt;h2&gt;All is done&lt;/h2&gt;&lt;p&gt;Nothing needs you today: no signatures waiting too long, no start with preparation open, no certificate or evaluation missing.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Tutto fatto&lt;/h2&gt;&lt;p&gt;Oggi non serve nulla: nessuna firma in attesa da troppo tempo, nessun avvio con la preparazione aperta, nessun certificato o valutazione mancante.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Today, {long_day}&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Oggi, {long_day}&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Cannot snooze</source>
        <translation>Impossibile posticipare</translation>
    </message>
    <message>
        <source> · {snoozed:,} snoozed</source>
        <translation> · {snoozed:,} posticipati</translation>
    </message>
    <message>
        <source>Nothing due{snoozed}.</source>
        <translation>Nulla in scadenza{snoozed}.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s): {parts}{snoozed}</source>
        <translation>
            <numerusform>%Ln voce: {parts}{snoozed}</numerusform>
            <numerusform>%Ln voci: {parts}{snoozed}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln overdue</source>
        <translation>
            <numerusform>%Ln in ritardo</numerusform>
            <numerusform>%Ln in ritardo</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln this week</source>
        <translation>
            <numerusform>%Ln questa settimana</numerusform>
            <numerusform>%Ln questa settimana</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln later</source>
        <translation>
            <numerusform>%Ln più avanti</numerusform>
            <numerusform>%Ln più avanti</numerusform>
        </translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Eliminato</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>Giorni rimanenti</translation>
    </message>
    <message>
        <source>Recently deleted</source>
        <translation>Eliminati di recente</translation>
    </message>
    <message>
        <source>Placements and cost items deleted in the last 30 days. Restoring one brings it back with everything it had: checklist, questionnaires, protocol, tools, agreements and costs.</source>
        <translation>Tirocini e voci di costo eliminati negli ultimi 30 giorni. Ripristinandone uno lo si recupera con tutto ciò che aveva: checklist, questionari, protocollo, strumenti, accordi e costi.</translation>
    </message>
    <message>
        <source>What was deleted in the last 30 days</source>
        <translation>Cosa è stato eliminato negli ultimi 30 giorni</translation>
    </message>
    <message>
        <source>Nothing was deleted in the last 30 days.</source>
        <translation>Non è stato eliminato nulla negli ultimi 30 giorni.</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Ripristina</translation>
    </message>
    <message>
        <source>Not restored</source>
        <translation>Non ripristinato</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>AAAA-MM-GG</translation>
    </message>
    <message>
        <source>Pick from a calendar</source>
        <translation>Scegli da un calendario</translation>
    </message>
    <message>
        <source>{label} (required)</source>
        <translation>{label} (obbligatorio)</translation>
    </message>
    <message>
        <source>Type part of a name, e-mail or student number</source>
        <translation>Digita parte di un nome, di un&apos;e-mail o di una matricola</translation>
    </message>
    <message>
        <source>Starts soon with preparation open</source>
        <translation>Inizia presto con la preparazione aperta</translation>
    </message>
    <message>
        <source>Close what blocks the start, or move the start</source>
        <translation>Risolvi ciò che blocca l&apos;inizio, o sposta l&apos;inizio</translation>
    </message>
    <message>
        <source>Warn this many days before the start while preparation is open</source>
        <translation>Avvisa questi giorni prima dell&apos;inizio finché la preparazione è aperta</translation>
    </message>
    <message>
        <source>Agreement waiting for signatures</source>
        <translation>Accordo in attesa di firme</translation>
    </message>
    <message>
        <source>Remind who has not signed</source>
        <translation>Sollecita chi non ha firmato</translation>
    </message>
    <message>
        <source>Agreement out for signature for this many days</source>
        <translation>Accordo inviato per la firma da questi giorni</translation>
    </message>
    <message>
        <source>Still ongoing after its planned end</source>
        <translation>Ancora in corso dopo la fine prevista</translation>
    </message>
    <message>
        <source>Move it to evaluating, or change the end date</source>
        <translation>Passalo a valutazione, o cambia la data di fine</translation>
    </message>
    <message>
        <source>Still ongoing this many days after the planned end</source>
        <translation>Ancora in corso questi giorni dopo la fine prevista</translation>
    </message>
    <message>
        <source>Traineeship certificate not received</source>
        <translation>Certificato di tirocinio non ricevuto</translation>
    </message>
    <message>
        <source>Ask the host for the certificate</source>
        <translation>Chiedi il certificato all&apos;organizzazione ospitante</translation>
    </message>
    <message>
        <source>No traineeship certificate this many days after the end</source>
        <translation>Nessun certificato di tirocinio questi giorni dopo la fine</translation>
    </message>
    <message>
        <source>Evaluation missing</source>
        <translation>Valutazione mancante</translation>
    </message>
    <message>
        <source>Evaluate it with the student and the host</source>
        <translation>Valuta con lo studente e l&apos;organizzazione ospitante</translation>
    </message>
    <message>
        <source>Evaluation not done this many days after the end</source>
        <translation>Valutazione non fatta questi giorni dopo la fine</translation>
    </message>
    <message>
        <source>Recognition missing</source>
        <translation>Riconoscimento mancante</translation>
    </message>
    <message>
        <source>Record the credits in the transcript</source>
        <translation>Registra i crediti nel transcript</translation>
    </message>
    <message>
        <source>Credits not recognised this many days after the end</source>
        <translation>Crediti non riconosciuti questi giorni dopo la fine</translation>
    </message>
    <message>
        <source>Amendment waiting for signatures</source>
        <translation>Emendamento in attesa di firme</translation>
    </message>
    <message>
        <source>Remind who has not signed the amendment</source>
        <translation>Sollecita chi non ha firmato l&apos;emendamento</translation>
    </message>
    <message>
        <source>Amendment out for signature for this many days</source>
        <translation>Emendamento inviato per la firma da questi giorni</translation>
    </message>
    <message>
        <source>Meeting overdue against the protocol</source>
        <translation>Incontro in ritardo rispetto al protocollo</translation>
    </message>
    <message>
        <source>Hold the meeting and log it, or record why it was missed</source>
        <translation>Tieni l&apos;incontro e registralo, o registra perché è saltato</translation>
    </message>
    <message>
        <source>Days of grace after the protocol&apos;s cadence expected a meeting (then overdue)</source>
        <translation>Giorni di tolleranza dopo che il protocollo prevedeva un incontro (poi in ritardo)</translation>
    </message>
    <message>
        <source>Tool test failed, no reason recorded</source>
        <translation>Test dello strumento non riuscito, nessun motivo registrato</translation>
    </message>
    <message>
        <source>Choose another tool, or record why it is acceptable</source>
        <translation>Scegli un altro strumento, o registra perché è accettabile</translation>
    </message>
    <message>
        <source>A failed tool test has no reason this many days after it</source>
        <translation>Un test non riuscito resta senza motivo questi giorni dopo</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>%n giorno di ritardo</numerusform>
            <numerusform>%n giorni di ritardo</numerusform>
        </translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>In scadenza oggi</translation>
    </message>
    <message numerus="yes">
        <source>Due in %n day(s)</source>
        <translation>
            <numerusform>Tra %n giorno</numerusform>
            <numerusform>Tra %n giorni</numerusform>
        </translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>In ritardo</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Questa settimana</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Più avanti</translation>
    </message>
    <message>
        <source>the student&apos;s readiness</source>
        <translation>l&apos;idoneità dello studente</translation>
    </message>
    <message>
        <source>the host&apos;s readiness</source>
        <translation>l&apos;idoneità dell&apos;organizzazione ospitante</translation>
    </message>
    <message>
        <source>the institution&apos;s readiness</source>
        <translation>l&apos;idoneità dell&apos;istituto</translation>
    </message>
    <message>
        <source>the communication protocol</source>
        <translation>il protocollo di comunicazione</translation>
    </message>
    <message>
        <source>a tool for every purpose</source>
        <translation>uno strumento per ogni scopo</translation>
    </message>
    <message>
        <source>the tool tests</source>
        <translation>i test degli strumenti</translation>
    </message>
    <message>
        <source>the signed agreement</source>
        <translation>l&apos;accordo firmato</translation>
    </message>
    <message>
        <source>{first} and {last}</source>
        <translation>{first} e {last}</translation>
    </message>
    <message>
        <source>{student} at {host}</source>
        <translation>{student} presso {host}</translation>
    </message>
    <message>
        <source>Starts {day}; still open: {still}.</source>
        <translation>Inizia il {day}; ancora aperto: {still}.</translation>
    </message>
    <message>
        <source>the student ({name})</source>
        <translation>lo studente ({name})</translation>
    </message>
    <message>
        <source>the host ({name})</source>
        <translation>l&apos;organizzazione ospitante ({name})</translation>
    </message>
    <message>
        <source>your institution ({name})</source>
        <translation>il vostro istituto ({name})</translation>
    </message>
    <message>
        <source>Sent {day}</source>
        <translation>Inviato il {day}</translation>
    </message>
    <message>
        <source>not signed yet by {who}</source>
        <translation>non ancora firmato da: {who}</translation>
    </message>
    <message>
        <source>declined by {who}</source>
        <translation>rifiutato da: {who}</translation>
    </message>
    <message>
        <source>Ticked by {who}</source>
        <translation>Spuntato da {who}</translation>
    </message>
    <message>
        <source>Ticked by hand</source>
        <translation>Spuntato a mano</translation>
    </message>
    <message>
        <source>Not ticked yet: {item}</source>
        <translation>Non ancora spuntato: {item}</translation>
    </message>
    <message>
        <source>{item} — {detail}</source>
        <translation>{item} — {detail}</translation>
    </message>
    <message>
        <source>not done yet</source>
        <translation>non ancora fatto</translation>
    </message>
    <message>
        <source>The agreement is not signed by all three parties and locked: {detail}</source>
        <translation>L&apos;accordo non è firmato da tutte e tre le parti e bloccato: {detail}</translation>
    </message>
    <message>
        <source>record the signatures on the Agreement tab</source>
        <translation>registra le firme nella scheda Accordo</translation>
    </message>
    <message>
        <source>No agreement version has been sent for signature: {detail}</source>
        <translation>Nessuna versione dell&apos;accordo è stata inviata per la firma: {detail}</translation>
    </message>
    <message>
        <source>draft it and send it from the Agreement tab</source>
        <translation>redigilo e invialo dalla scheda Accordo</translation>
    </message>
    <message>
        <source>questionnaire completed {day}, no critical flag</source>
        <translation>questionario compilato il {day}, nessuna segnalazione critica</translation>
    </message>
    <message numerus="yes">
        <source>%n critical flag(s) open: {flags}</source>
        <translation>
            <numerusform>%n segnalazione critica aperta: {flags}</numerusform>
            <numerusform>%n segnalazioni critiche aperte: {flags}</numerusform>
        </translation>
    </message>
    <message>
        <source>protocol saved {day}</source>
        <translation>protocollo salvato il {day}</translation>
    </message>
    <message>
        <source>no tool chosen for: {purposes}</source>
        <translation>nessuno strumento scelto per: {purposes}</translation>
    </message>
    <message>
        <source>the student</source>
        <translation>lo studente</translation>
    </message>
    <message>
        <source>the host mentor</source>
        <translation>il mentore dell&apos;organizzazione ospitante</translation>
    </message>
    <message>
        <source>no final evaluation by {first} or {second}</source>
        <translation>manca la valutazione finale di: {first} e {second}</translation>
    </message>
    <message>
        <source>no final evaluation by {who}</source>
        <translation>manca la valutazione finale di: {who}</translation>
    </message>
    <message>
        <source>final evaluations by the student and the host mentor, the last on {day}</source>
        <translation>valutazioni finali dello studente e del mentore presenti, l&apos;ultima del {day}</translation>
    </message>
    <message>
        <source>not recorded yet: {missing}</source>
        <translation>non ancora registrato: {missing}</translation>
    </message>
    <message>
        <source>questionnaire started, not completed yet</source>
        <translation>questionario iniziato, non ancora completato</translation>
    </message>
    <message>
        <source>no questionnaire completed yet</source>
        <translation>nessun questionario ancora compilato</translation>
    </message>
    <message>
        <source>no communication protocol saved yet</source>
        <translation>nessun protocollo di comunicazione ancora salvato</translation>
    </message>
    <message>
        <source>no credits planned: the placement does not count toward the degree</source>
        <translation>nessun credito previsto: il tirocinio non conta per il titolo di studio</translation>
    </message>
    <message>
        <source>“{question}” answered {answer}</source>
        <translation>«{question}» risposta: {answer}</translation>
    </message>
    <message>
        <source>the company mentor</source>
        <translation>il mentore aziendale</translation>
    </message>
    <message>
        <source>the academic tutor</source>
        <translation>il tutor accademico</translation>
    </message>
    <message>
        <source>not tested with {who}</source>
        <translation>non testato con {who}</translation>
    </message>
    <message>
        <source>failed with {who}, no reason recorded</source>
        <translation>non riuscito con {who}, nessun motivo registrato</translation>
    </message>
    <message>
        <source>{tool}: {problems}</source>
        <translation>{tool}: {problems}</translation>
    </message>
    <message numerus="yes">
        <source>%n tool(s) tested with every actor</source>
        <translation>
            <numerusform>%n strumento testato con tutti i partecipanti</numerusform>
            <numerusform>%n strumenti testati con tutti i partecipanti</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n failed test(s) accepted with a reason)</source>
        <translation>
            <numerusform>(%n test non riuscito accettato con un motivo)</numerusform>
            <numerusform>(%n test non riusciti accettati con un motivo)</numerusform>
        </translation>
    </message>
    <message>
        <source>, last on {day}</source>
        <translation>, l&apos;ultimo il {day}</translation>
    </message>
    <message>
        <source>no agreement drafted yet</source>
        <translation>nessun accordo ancora redatto</translation>
    </message>
    <message>
        <source>no certificate drafted yet</source>
        <translation>nessun certificato ancora redatto</translation>
    </message>
    <message>
        <source>agreement {number}</source>
        <translation>accordo {number}</translation>
    </message>
    <message>
        <source>certificate</source>
        <translation>certificato</translation>
    </message>
    <message>
        <source>{document} signed and locked {day}</source>
        <translation>{document} firmato e bloccato il {day}</translation>
    </message>
    <message>
        <source>the trainee</source>
        <translation>il tirocinante</translation>
    </message>
    <message>
        <source>the sending institution</source>
        <translation>l&apos;istituto di invio</translation>
    </message>
    <message>
        <source>the receiving organisation</source>
        <translation>l&apos;organizzazione ospitante</translation>
    </message>
    <message>
        <source>{document} declined by {who}</source>
        <translation>{document} rifiutato da: {who}</translation>
    </message>
    <message>
        <source>{document} out for signature; not signed yet by {who}</source>
        <translation>{document} inviato per la firma; non ancora firmato da: {who}</translation>
    </message>
    <message>
        <source>every party</source>
        <translation>tutte le parti</translation>
    </message>
    <message>
        <source>{document} is a draft, not sent for signature yet</source>
        <translation>{document} è una bozza, non ancora inviata per la firma</translation>
    </message>
    <message>
        <source>no kick-off meeting logged yet</source>
        <translation>nessun incontro iniziale ancora registrato</translation>
    </message>
    <message>
        <source>kick-off meeting logged, on {day}</source>
        <translation>incontro iniziale registrato, il {day}</translation>
    </message>
    <message numerus="yes">
        <source>%n kick-off meeting(s) logged, last on {day}</source>
        <translation>
            <numerusform>%n incontro iniziale registrato, l&apos;ultimo il {day}</numerusform>
            <numerusform>%n incontri iniziali registrati, l&apos;ultimo il {day}</numerusform>
        </translation>
    </message>
    <message>
        <source>no mentor meeting logged yet</source>
        <translation>nessun incontro con il mentore ancora registrato</translation>
    </message>
    <message>
        <source>mentor meeting logged, on {day}</source>
        <translation>incontro con il mentore registrato, il {day}</translation>
    </message>
    <message numerus="yes">
        <source>%n mentor meeting(s) logged, last on {day}</source>
        <translation>
            <numerusform>%n incontro con il mentore registrato, l&apos;ultimo il {day}</numerusform>
            <numerusform>%n incontri con il mentore registrati, l&apos;ultimo il {day}</numerusform>
        </translation>
    </message>
    <message>
        <source>no coaching session logged yet</source>
        <translation>nessuna sessione di coaching ancora registrata</translation>
    </message>
    <message>
        <source>coaching session logged, on {day}</source>
        <translation>sessione di coaching registrata, il {day}</translation>
    </message>
    <message numerus="yes">
        <source>%n coaching session(s) logged, last on {day}</source>
        <translation>
            <numerusform>%n sessione di coaching registrata, l&apos;ultima il {day}</numerusform>
            <numerusform>%n sessioni di coaching registrate, l&apos;ultima il {day}</numerusform>
        </translation>
    </message>
    <message>
        <source>no peer feedback logged yet</source>
        <translation>nessun feedback tra pari ancora registrato</translation>
    </message>
    <message>
        <source>peer feedback logged, on {day}</source>
        <translation>feedback tra pari registrato, il {day}</translation>
    </message>
    <message numerus="yes">
        <source>%n peer feedback entries logged, last on {day}</source>
        <translation>
            <numerusform>%n feedback tra pari registrato, l&apos;ultimo il {day}</numerusform>
            <numerusform>%n feedback tra pari registrati, l&apos;ultimo il {day}</numerusform>
        </translation>
    </message>
    <message>
        <source>no reflection entry logged yet</source>
        <translation>nessuna riflessione ancora registrata</translation>
    </message>
    <message>
        <source>reflection entry logged, on {day}</source>
        <translation>riflessione registrata, il {day}</translation>
    </message>
    <message numerus="yes">
        <source>%n reflection entry(ies) logged, last on {day}</source>
        <translation>
            <numerusform>%n riflessione registrata, l&apos;ultima il {day}</numerusform>
            <numerusform>%n riflessioni registrate, l&apos;ultima il {day}</numerusform>
        </translation>
    </message>
    <message>
        <source>the credits awarded</source>
        <translation>i crediti assegnati</translation>
    </message>
    <message>
        <source>the grade</source>
        <translation>il voto</translation>
    </message>
    <message>
        <source>the transcript date</source>
        <translation>la data del transcript of records</translation>
    </message>
    <message>
        <source>the learning outcomes achieved</source>
        <translation>i risultati di apprendimento raggiunti</translation>
    </message>
    <message>
        <source>the certificate&apos;s receipt date</source>
        <translation>la data di ricevimento del certificato</translation>
    </message>
    <message>
        <source>{awarded} of {planned} credits recognised, grade {grade}</source>
        <translation>{awarded} crediti su {planned} riconosciuti, voto {grade}</translation>
    </message>
    <message>
        <source>, transcript of {day}</source>
        <translation>, transcript of records del {day}</translation>
    </message>
    <message>
        <source>{tool}: failed with {who}</source>
        <translation>{tool}: test non riuscito con {who}</translation>
    </message>
    <message>
        <source>A meeting was expected by {day}; none logged since.</source>
        <translation>Era previsto un incontro entro il {day}; da allora nessuno registrato.</translation>
    </message>
    <message>
        <source>Planned end {day}; still ongoing.</source>
        <translation>Fine prevista {day}; ancora in corso.</translation>
    </message>
    <message>
        <source>Ended {day}.</source>
        <translation>Terminato il {day}.</translation>
    </message>
    <message>
        <source>Student selected; expectations of student, host and institution discussed</source>
        <translation>Studente selezionato; aspettative di studente, organizzazione ospitante e istituto discusse</translation>
    </message>
    <message>
        <source>Student readiness checked: independence, motivation, digital skills, connectivity</source>
        <translation>Idoneità dello studente verificata: autonomia, motivazione, competenze digitali, connessione</translation>
    </message>
    <message>
        <source>Host readiness checked: real tasks, mentor time, system access, security</source>
        <translation>Idoneità dell&apos;organizzazione ospitante verificata: compiti reali, tempo del mentore, accesso ai sistemi, sicurezza</translation>
    </message>
    <message>
        <source>Institution readiness checked: learning outcomes, recognition, staff time</source>
        <translation>Idoneità dell&apos;istituto verificata: risultati di apprendimento, riconoscimento, tempo del personale</translation>
    </message>
    <message>
        <source>Communication tools chosen and tested with every actor</source>
        <translation>Strumenti di comunicazione scelti e testati con ogni soggetto</translation>
    </message>
    <message>
        <source>Communication protocol agreed: availability, reporting, reply times, meetings</source>
        <translation>Protocollo di comunicazione concordato: disponibilità, relazioni, tempi di risposta, incontri</translation>
    </message>
    <message>
        <source>Agreement signed by student, institution and host</source>
        <translation>Accordo firmato da studente, istituto e organizzazione ospitante</translation>
    </message>
    <message>
        <source>Preparatory training offered: cultural, linguistic, technical</source>
        <translation>Formazione preparatoria offerta: culturale, linguistica, tecnica</translation>
    </message>
    <message>
        <source>Helpdesk named for the student and for company staff</source>
        <translation>Punto di contatto indicato per lo studente e per il personale aziendale</translation>
    </message>
    <message>
        <source>Accident and liability insurance arranged</source>
        <translation>Assicurazione infortuni e responsabilità civile predisposta</translation>
    </message>
    <message>
        <source>Kick-off meeting held with student, mentor and tutor</source>
        <translation>Incontro iniziale tenuto con studente, mentore e tutor</translation>
    </message>
    <message>
        <source>Task mentoring running, with more than one co-worker involved</source>
        <translation>Tutoraggio sui compiti in corso, con più di un collega coinvolto</translation>
    </message>
    <message>
        <source>Academic coaching and feedback sessions held</source>
        <translation>Sessioni di coaching accademico e di feedback tenute</translation>
    </message>
    <message>
        <source>Peer feedback organised</source>
        <translation>Feedback tra pari organizzato</translation>
    </message>
    <message>
        <source>Reflection kept by the student (blog or e-portfolio)</source>
        <translation>Riflessione tenuta dallo studente (blog o e-portfolio)</translation>
    </message>
    <message>
        <source>Any change of programme agreed as an amendment signed by all three</source>
        <translation>Ogni modifica del programma concordata come emendamento firmato da tutte e tre le parti</translation>
    </message>
    <message>
        <source>Placement evaluated with the student and the host</source>
        <translation>Tirocinio valutato con lo studente e l&apos;organizzazione ospitante</translation>
    </message>
    <message>
        <source>Final assessment of the student done</source>
        <translation>Valutazione finale dello studente effettuata</translation>
    </message>
    <message>
        <source>Traineeship certificate issued by the host (within 5 weeks of the end)</source>
        <translation>Certificato di tirocinio rilasciato dall&apos;organizzazione ospitante (entro 5 settimane dalla fine)</translation>
    </message>
    <message>
        <source>Credits recognised in the transcript</source>
        <translation>Crediti riconosciuti nel transcript</translation>
    </message>
    <message>
        <source>Collaboration and reflection records archived</source>
        <translation>Documenti di collaborazione e riflessione archiviati</translation>
    </message>
    <message>
        <source>Equally</source>
        <translation>In parti uguali</translation>
    </message>
    <message>
        <source>By funded days</source>
        <translation>Per giorni finanziati</translation>
    </message>
    <message>
        <source>By credits</source>
        <translation>Per crediti</translation>
    </message>
    <message>
        <source>Typed in</source>
        <translation>Digitato</translation>
    </message>
    <message>
        <source>Returned PDF</source>
        <translation>PDF restituito</translation>
    </message>
    <message>
        <source>Coordinator</source>
        <translation>Coordinatore</translation>
    </message>
    <message>
        <source>Learning agreement</source>
        <translation>Learning Agreement</translation>
    </message>
    <message>
        <source>Amendment</source>
        <translation>Emendamento</translation>
    </message>
    <message>
        <source>Out for signature</source>
        <translation>Inviato per la firma</translation>
    </message>
    <message>
        <source>Signed and locked</source>
        <translation>Firmato e bloccato</translation>
    </message>
    <message>
        <source>Superseded</source>
        <translation>Sostituito</translation>
    </message>
    <message>
        <source>Kick-off meeting</source>
        <translation>Incontro iniziale</translation>
    </message>
    <message>
        <source>Mentor meeting</source>
        <translation>Incontro con il mentore</translation>
    </message>
    <message>
        <source>Tutor coaching</source>
        <translation>Coaching del tutor</translation>
    </message>
    <message>
        <source>Progress report</source>
        <translation>Relazione sui progressi</translation>
    </message>
    <message>
        <source>Peer feedback</source>
        <translation>Feedback tra pari</translation>
    </message>
    <message>
        <source>Reflection entry</source>
        <translation>Riflessione</translation>
    </message>
    <message>
        <source>Well-being check</source>
        <translation>Verifica del benessere</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Incidente</translation>
    </message>
    <message>
        <source>Mid-term</source>
        <translation>Intermedia</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>Finale</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>In coda</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Prima</translation>
    </message>
    <message>
        <source>During</source>
        <translation>Durante</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Dopo</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In corso</translation>
    </message>
    <message>
        <source>Digital signature</source>
        <translation>Firma digitale</translation>
    </message>
    <message>
        <source>Paper signature (scan attached)</source>
        <translation>Firma su carta (scansione allegata)</translation>
    </message>
    <message>
        <source>Typed approval</source>
        <translation>Approvazione digitata</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>In attesa</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Rifiutato</translation>
    </message>
    <message>
        <source>ECTS grades (A–F)</source>
        <translation>Voti ECTS (A–F)</translation>
    </message>
    <message>
        <source>Pass / fail</source>
        <translation>Superato / non superato</translation>
    </message>
    <message>
        <source>German (1.0 best – 5.0)</source>
        <translation>Tedesco (1,0 migliore – 5,0)</translation>
    </message>
    <message>
        <source>Dutch (1 – 10 best)</source>
        <translation>Olandese (1 – 10 migliore)</translation>
    </message>
    <message>
        <source>Italian (18 – 30 best)</source>
        <translation>Italiano (18 – 30 migliore)</translation>
    </message>
    <message>
        <source>Polish (2.0 – 5.0 best)</source>
        <translation>Polacco (2,0 – 5,0 migliore)</translation>
    </message>
    <message>
        <source>Finnish (0 – 5 best)</source>
        <translation>Finlandese (0 – 5 migliore)</translation>
    </message>
    <message>
        <source>Danish 7-point (-3 – 12 best)</source>
        <translation>Danese a 7 livelli (-3 – 12 migliore)</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Reparto</translation>
    </message>
    <message>
        <source>Mentor: name</source>
        <translation>Mentore: nome</translation>
    </message>
    <message>
        <source>Mentor: position</source>
        <translation>Mentore: ruolo</translation>
    </message>
    <message>
        <source>Mentor: e-mail</source>
        <translation>Mentore: e-mail</translation>
    </message>
    <message>
        <source>Financial support: amount per month</source>
        <translation>Sostegno finanziario: importo mensile</translation>
    </message>
    <message>
        <source>Contribution in kind</source>
        <translation>Contributo in natura</translation>
    </message>
    <message>
        <source>Insurance by the receiving organisation</source>
        <translation>Assicurazione da parte dell&apos;organizzazione ospitante</translation>
    </message>
    <message>
        <source>Tasks, deliverables and deadlines</source>
        <translation>Compiti, risultati e scadenze</translation>
    </message>
    <message>
        <source>Host mentor</source>
        <translation>Mentore aziendale</translation>
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
        <translation>Oggi · {day}</translation>
    </message>
    <message>
        <source>Yesterday · {day}</source>
        <translation>Ieri · {day}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sì</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>{n} hours</source>
        <translation>{n} ore</translation>
    </message>
    <message>
        <source>{n} minutes</source>
        <translation>{n} minuti</translation>
    </message>
    <message>
        <source>Physical</source>
        <translation>in presenza</translation>
    </message>
    <message>
        <source>Virtual</source>
        <translation>virtuale</translation>
    </message>
    <message>
        <source>learning agreement {number}</source>
        <translation>Learning Agreement {number}</translation>
    </message>
    <message>
        <source>amendment {number}</source>
        <translation>emendamento {number}</translation>
    </message>
    <message>
        <source>traineeship certificate {number}</source>
        <translation>certificato di tirocinio {number}</translation>
    </message>
    <message>
        <source>recognition</source>
        <translation>riconoscimento</translation>
    </message>
    <message>
        <source>mid-term evaluation</source>
        <translation>valutazione intermedia</translation>
    </message>
    <message>
        <source>final evaluation</source>
        <translation>valutazione finale</translation>
    </message>
    <message>
        <source>{entry} of {day}</source>
        <translation>{entry} del {day}</translation>
    </message>
    <message>
        <source>the host organisation</source>
        <translation>l&apos;organizzazione ospitante</translation>
    </message>
    <message>
        <source>Student readiness questionnaire</source>
        <translation>Questionario di idoneità dello studente</translation>
    </message>
    <message>
        <source>Host organisation readiness questionnaire</source>
        <translation>Questionario di idoneità dell&apos;organizzazione ospitante</translation>
    </message>
    <message>
        <source>Sending institution readiness questionnaire</source>
        <translation>Questionario di idoneità dell&apos;istituto di invio</translation>
    </message>
    <message>
        <source>reopened as a draft</source>
        <translation>riaperto come bozza</translation>
    </message>
    <message>
        <source>sent for signature</source>
        <translation>inviato per la firma</translation>
    </message>
    <message>
        <source>signed by all three parties and locked</source>
        <translation>firmato da tutte e tre le parti e bloccato</translation>
    </message>
    <message>
        <source>superseded by a newer version</source>
        <translation>sostituito da una versione più recente</translation>
    </message>
    <message>
        <source>host organisation</source>
        <translation>organizzazione ospitante</translation>
    </message>
    <message>
        <source>sending institution</source>
        <translation>istituto di invio</translation>
    </message>
    <message>
        <source>company mentor</source>
        <translation>mentore aziendale</translation>
    </message>
    <message>
        <source>academic tutor</source>
        <translation>tutor accademico</translation>
    </message>
    <message>
        <source>shared cost</source>
        <translation>costo condiviso</translation>
    </message>
    <message>
        <source>document</source>
        <translation>documento</translation>
    </message>
    <message>
        <source>planned start</source>
        <translation>inizio previsto</translation>
    </message>
    <message>
        <source>planned end</source>
        <translation>fine prevista</translation>
    </message>
    <message>
        <source>hours per week</source>
        <translation>ore settimanali</translation>
    </message>
    <message>
        <source>reply time</source>
        <translation>tempo di risposta</translation>
    </message>
    <message>
        <source>meeting length</source>
        <translation>durata dell&apos;incontro</translation>
    </message>
    <message>
        <source>note on tools</source>
        <translation>nota sugli strumenti</translation>
    </message>
    <message>
        <source>ticked by</source>
        <translation>autore della spunta</translation>
    </message>
    <message>
        <source>ticked at</source>
        <translation>momento della spunta</translation>
    </message>
    <message>
        <source>signer</source>
        <translation>firmatario</translation>
    </message>
    <message>
        <source>signer&apos;s function</source>
        <translation>funzione del firmatario</translation>
    </message>
    <message>
        <source>signer&apos;s e-mail</source>
        <translation>e-mail del firmatario</translation>
    </message>
    <message>
        <source>signing date</source>
        <translation>data della firma</translation>
    </message>
    <message>
        <source>tool</source>
        <translation>strumento</translation>
    </message>
    <message>
        <source>test date</source>
        <translation>data del test</translation>
    </message>
    <message>
        <source>content fingerprint</source>
        <translation>impronta del contenuto</translation>
    </message>
    <message>
        <source>fingerprint of the signed PDF</source>
        <translation>impronta del PDF firmato</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>signed PDF</source>
        <translation>PDF firmato</translation>
    </message>
    <message>
        <source>signed and locked PDF</source>
        <translation>PDF firmato e bloccato</translation>
    </message>
    <message>
        <source>date</source>
        <translation>data</translation>
    </message>
    <message>
        <source>questionnaire</source>
        <translation>questionario</translation>
    </message>
    <message>
        <source>work-list item</source>
        <translation>voce dell&apos;elenco attività</translation>
    </message>
    <message>
        <source>title</source>
        <translation>titolo</translation>
    </message>
    <message>
        <source>status</source>
        <translation>stato</translation>
    </message>
    <message>
        <source>mode</source>
        <translation>modalità</translation>
    </message>
    <message>
        <source>description</source>
        <translation>descrizione</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>note</translation>
    </message>
    <message>
        <source>note</source>
        <translation>nota</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>motivo</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>importo</translation>
    </message>
    <message>
        <source>currency</source>
        <translation>valuta</translation>
    </message>
    <message>
        <source>category</source>
        <translation>categoria</translation>
    </message>
    <message>
        <source>state</source>
        <translation>stato</translation>
    </message>
    <message>
        <source>method</source>
        <translation>metodo</translation>
    </message>
    <message>
        <source>reporting</source>
        <translation>relazioni</translation>
    </message>
    <message>
        <source>meetings</source>
        <translation>incontri</translation>
    </message>
    <message>
        <source>start</source>
        <translation>inizio</translation>
    </message>
    <message>
        <source>end</source>
        <translation>fine</translation>
    </message>
    <message>
        <source>until</source>
        <translation>scadenza del posticipo</translation>
    </message>
    <message>
        <source>grade</source>
        <translation>voto</translation>
    </message>
    <message>
        <source>credits awarded</source>
        <translation>crediti assegnati</translation>
    </message>
    <message>
        <source>transcript date</source>
        <translation>data del certificato degli esami</translation>
    </message>
    <message>
        <source>certificate received on</source>
        <translation>data di ricezione del certificato</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>durata (minuti)</translation>
    </message>
    <message>
        <source>participants</source>
        <translation>partecipanti</translation>
    </message>
    <message>
        <source>concern</source>
        <translation>criticità</translation>
    </message>
    <message>
        <source>resolved on</source>
        <translation>data di risoluzione</translation>
    </message>
    <message>
        <source>result</source>
        <translation>risultato</translation>
    </message>
    <message>
        <source>phase</source>
        <translation>fase</translation>
    </message>
    <message>
        <source>{reason} (open then: {overridden})</source>
        <translation>{reason} (allora aperti: {overridden})</translation>
    </message>
    <message>
        <source>Status changed from {before} to {after} past open checks</source>
        <translation>Stato cambiato da {before} a {after} nonostante punti ancora aperti</translation>
    </message>
    <message>
        <source>{subject}: {change}</source>
        <translation>{subject}: {change}</translation>
    </message>
    <message>
        <source>{title}, {student} at {host}, {start} – {end}</source>
        <translation>{title}, {student} presso {host}, {start} – {end}</translation>
    </message>
    <message>
        <source>{tool} with {actor}</source>
        <translation>{tool} con {actor}</translation>
    </message>
    <message>
        <source>{kind} period</source>
        <translation>Periodo {kind}</translation>
    </message>
    <message>
        <source>Signature of {party} on {document}</source>
        <translation>Firma ({party}, {document})</translation>
    </message>
    <message>
        <source>Tool for {purpose} changed from {before} to {after}</source>
        <translation>Strumento per {purpose} cambiato da {before} a {after}</translation>
    </message>
    <message>
        <source>Test of {subject} ({day}) recorded as {outcome}</source>
        <translation>Test di {subject} ({day}) registrato come {outcome}</translation>
    </message>
    <message>
        <source>Cost {cost}</source>
        <translation>Costo {cost}</translation>
    </message>
    <message>
        <source>Share of a shared cost</source>
        <translation>Quota di un costo condiviso</translation>
    </message>
    <message>
        <source>Snooze of a work-list item</source>
        <translation>Posticipo di una voce dell&apos;elenco attività</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to}</source>
        <translation>E-mail “{subject}” a {to}</translation>
    </message>
    <message>
        <source>{subject} saved</source>
        <translation>{subject}: modifiche salvate</translation>
    </message>
    <message>
        <source>Placement {reference} created</source>
        <translation>Tirocinio {reference} creato</translation>
    </message>
    <message>
        <source>Placement {reference} deleted</source>
        <translation>Tirocinio {reference} eliminato</translation>
    </message>
    <message>
        <source>{item} ticked</source>
        <translation>Voce {item} spuntata</translation>
    </message>
    <message>
        <source>{item} unticked</source>
        <translation>Spunta tolta dalla voce {item}</translation>
    </message>
    <message>
        <source>Note on {item} changed</source>
        <translation>Nota sulla voce {item} modificata</translation>
    </message>
    <message>
        <source>{kind} period added: {start} – {end}</source>
        <translation>Periodo {kind} aggiunto: {start} – {end}</translation>
    </message>
    <message>
        <source>{kind} period removed</source>
        <translation>Periodo {kind} rimosso</translation>
    </message>
    <message>
        <source>{document} drafted</source>
        <translation>{document} creato come bozza</translation>
    </message>
    <message>
        <source>{document} deleted</source>
        <translation>{document} eliminato</translation>
    </message>
    <message>
        <source>{document} {state}</source>
        <translation>{document} {state}</translation>
    </message>
    <message>
        <source>{document} edited</source>
        <translation>{document} modificato</translation>
    </message>
    <message>
        <source>Signed PDF of {document} updated</source>
        <translation>{document}: PDF firmato aggiornato</translation>
    </message>
    <message>
        <source>{document} checked and frozen for sending</source>
        <translation>{document} verificato e congelato per l&apos;invio</translation>
    </message>
    <message>
        <source>Note on {document} changed</source>
        <translation>{document}: nota modificata</translation>
    </message>
    <message>
        <source>Signature of {party} awaited on {document}</source>
        <translation>Firma attesa ({party}, {document})</translation>
    </message>
    <message>
        <source>Signature of {party} on {document} removed</source>
        <translation>Firma rimossa ({party}, {document})</translation>
    </message>
    <message>
        <source>{how} from {signer}</source>
        <translation>{how} di {signer}</translation>
    </message>
    <message>
        <source>{how}, dated {day}</source>
        <translation>{how}, datata {day}</translation>
    </message>
    <message>
        <source>Signature of {party} on {document} recorded ({how})</source>
        <translation>Firma registrata ({party}, {document}; {how})</translation>
    </message>
    <message>
        <source>{party}&apos;s refusal to sign {document} recorded</source>
        <translation>Rifiuto di firmare registrato ({party}, {document})</translation>
    </message>
    <message>
        <source>Signature of {party} on {document} reset: signing starts over</source>
        <translation>Firma azzerata ({party}, {document}): la raccolta delle firme ricomincia da capo</translation>
    </message>
    <message>
        <source>Note on the signature of {party} on {document} changed</source>
        <translation>Nota sulla firma modificata ({party}, {document})</translation>
    </message>
    <message>
        <source>{questionnaire} started</source>
        <translation>{questionnaire} avviato</translation>
    </message>
    <message>
        <source>{questionnaire} started with {respondent}</source>
        <translation>{questionnaire} avviato con {respondent}</translation>
    </message>
    <message>
        <source>{questionnaire} discarded before it was completed</source>
        <translation>{questionnaire} scartato prima di essere completato</translation>
    </message>
    <message>
        <source>{questionnaire} completed</source>
        <translation>{questionnaire} completato</translation>
    </message>
    <message>
        <source>Communication protocol saved</source>
        <translation>Protocollo di comunicazione salvato</translation>
    </message>
    <message>
        <source>Communication protocol removed</source>
        <translation>Protocollo di comunicazione rimosso</translation>
    </message>
    <message>
        <source>{tool} chosen for {purpose}</source>
        <translation>{tool} scelto per {purpose}</translation>
    </message>
    <message>
        <source>Tool for {purpose} removed</source>
        <translation>Strumento per {purpose} rimosso</translation>
    </message>
    <message>
        <source>Test of {subject} removed</source>
        <translation>Test di {subject} rimosso</translation>
    </message>
    <message>
        <source>Test of {subject}</source>
        <translation>Test di {subject}</translation>
    </message>
    <message>
        <source>Note on the test of {subject} changed</source>
        <translation>Nota sul test di {subject} modificata</translation>
    </message>
    <message>
        <source>Test of {subject} marked as not yet done</source>
        <translation>Test di {subject} segnato come non ancora eseguito</translation>
    </message>
    <message>
        <source>Test of {subject} recorded as {outcome}</source>
        <translation>Test di {subject} registrato come {outcome}</translation>
    </message>
    <message>
        <source>Cost {cost} added: {amount}</source>
        <translation>Costo {cost} aggiunto: {amount}</translation>
    </message>
    <message>
        <source>Cost {cost} removed</source>
        <translation>Costo {cost} rimosso</translation>
    </message>
    <message>
        <source>Shared cost {cost} now shared with this placement</source>
        <translation>Costo condiviso {cost} ora condiviso con questo tirocinio</translation>
    </message>
    <message>
        <source>This placement no longer shares a shared cost</source>
        <translation>Questo tirocinio non partecipa più a un costo condiviso</translation>
    </message>
    <message>
        <source>Work-list item {item} snoozed until {until}</source>
        <translation>Voce {item} dell&apos;elenco attività posticipata fino al {until}</translation>
    </message>
    <message>
        <source>A work-list item is no longer snoozed</source>
        <translation>Una voce dell&apos;elenco attività non è più posticipata</translation>
    </message>
    <message>
        <source>{what} recorded</source>
        <translation>Registrazione aggiunta: {what}</translation>
    </message>
    <message>
        <source>{what} removed</source>
        <translation>Registrazione rimossa: {what}</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} queued</source>
        <translation>E-mail “{subject}” a {to} messa in coda</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} removed from the outbox</source>
        <translation>E-mail “{subject}” a {to} rimossa dalla posta in uscita</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} sent</source>
        <translation>E-mail “{subject}” a {to} inviata</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} could not be sent</source>
        <translation>Invio dell&apos;e-mail “{subject}” a {to} non riuscito</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} cancelled</source>
        <translation>E-mail “{subject}” a {to} annullata</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} queued again</source>
        <translation>E-mail “{subject}” a {to} rimessa in coda</translation>
    </message>
    <message>
        <source>Placement saved</source>
        <translation>Tirocinio salvato</translation>
    </message>
    <message>
        <source>{field} replaced</source>
        <translation>campo {field} sostituito</translation>
    </message>
    <message>
        <source>{field} added</source>
        <translation>campo {field} aggiunto</translation>
    </message>
    <message>
        <source>{field} set to {after}</source>
        <translation>campo {field} impostato su {after}</translation>
    </message>
    <message>
        <source>{field} cleared (was {before})</source>
        <translation>campo {field} svuotato (era {before})</translation>
    </message>
    <message>
        <source>{field} changed from {before} to {after}</source>
        <translation>campo {field} cambiato da {before} a {after}</translation>
    </message>
    <message>
        <source>{kind} version {number}</source>
        <translation>{kind}, versione {number}</translation>
    </message>
    <message>
        <source>Import &amp;students…</source>
        <translation>Importa &amp;studenti…</translation>
    </message>
    <message>
        <source>&amp;Students…</source>
        <translation>&amp;Studenti…</translation>
    </message>
    <message>
        <source>Import students</source>
        <translation>Importa studenti</translation>
    </message>
    <message>
        <source>Import students from</source>
        <translation>Importa studenti da</translation>
    </message>
    <message>
        <source>Save the students import template</source>
        <translation>Salva il modello di importazione per studenti</translation>
    </message>
    <message>
        <source>Saved the students template to {path}.</source>
        <translation>Modello per studenti salvato in {path}.</translation>
    </message>
    <message>
        <source>Importing students</source>
        <translation>Importazione di studenti</translation>
    </message>
    <message>
        <source>Choose an Excel (.xlsx) or CSV file with one row per student. You see what vipdesk understood before anything is imported; if any row has a problem, nothing is. Rows already in vipdesk are skipped.</source>
        <translation>Scegli un file Excel (.xlsx) o CSV con una riga per ogni voce (studente). Vedi ciò che vipdesk ha capito prima che venga importato qualcosa; se una riga ha un problema, non si importa nulla. Le righe già presenti in vipdesk vengono saltate.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln student(s).</source>
        <translation>
            <numerusform>%Ln studente importato.</numerusform>
            <numerusform>%Ln studenti importati.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new student(s)</source>
        <translation>
            <numerusform>%Ln nuovo studente</numerusform>
            <numerusform>%Ln nuovi studenti</numerusform>
        </translation>
    </message>
    <message>
        <source>Import &amp;organisations…</source>
        <translation>Importa &amp;organizzazioni…</translation>
    </message>
    <message>
        <source>&amp;Organisations…</source>
        <translation>&amp;Organizzazioni…</translation>
    </message>
    <message>
        <source>Import organisations</source>
        <translation>Importa organizzazioni</translation>
    </message>
    <message>
        <source>Import organisations from</source>
        <translation>Importa organizzazioni da</translation>
    </message>
    <message>
        <source>Save the organisations import template</source>
        <translation>Salva il modello di importazione per organizzazioni</translation>
    </message>
    <message>
        <source>Saved the organisations template to {path}.</source>
        <translation>Modello per organizzazioni salvato in {path}.</translation>
    </message>
    <message>
        <source>Importing organisations</source>
        <translation>Importazione di organizzazioni</translation>
    </message>
    <message>
        <source>Choose an Excel (.xlsx) or CSV file with one row per organisation. You see what vipdesk understood before anything is imported; if any row has a problem, nothing is. Rows already in vipdesk are skipped.</source>
        <translation>Scegli un file Excel (.xlsx) o CSV con una riga per ogni voce (organizzazione). Vedi ciò che vipdesk ha capito prima che venga importato qualcosa; se una riga ha un problema, non si importa nulla. Le righe già presenti in vipdesk vengono saltate.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln organisation(s).</source>
        <translation>
            <numerusform>%Ln organizzazione importata.</numerusform>
            <numerusform>%Ln organizzazioni importate.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new organisation(s)</source>
        <translation>
            <numerusform>%Ln nuova organizzazione</numerusform>
            <numerusform>%Ln nuove organizzazioni</numerusform>
        </translation>
    </message>
    <message>
        <source>Import &amp;placements…</source>
        <translation>Importa &amp;tirocini…</translation>
    </message>
    <message>
        <source>&amp;Placements…</source>
        <translation>&amp;Tirocini…</translation>
    </message>
    <message>
        <source>Import placements</source>
        <translation>Importa tirocini</translation>
    </message>
    <message>
        <source>Import placements from</source>
        <translation>Importa tirocini da</translation>
    </message>
    <message>
        <source>Save the placements import template</source>
        <translation>Salva il modello di importazione per tirocini</translation>
    </message>
    <message>
        <source>Saved the placements template to {path}.</source>
        <translation>Modello per tirocini salvato in {path}.</translation>
    </message>
    <message>
        <source>Importing placements</source>
        <translation>Importazione di tirocini</translation>
    </message>
    <message>
        <source>Choose an Excel (.xlsx) or CSV file with one row per placement. You see what vipdesk understood before anything is imported; if any row has a problem, nothing is. Rows already in vipdesk are skipped.</source>
        <translation>Scegli un file Excel (.xlsx) o CSV con una riga per ogni voce (tirocinio). Vedi ciò che vipdesk ha capito prima che venga importato qualcosa; se una riga ha un problema, non si importa nulla. Le righe già presenti in vipdesk vengono saltate.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln placement(s).</source>
        <translation>
            <numerusform>%Ln tirocinio importato.</numerusform>
            <numerusform>%Ln tirocini importati.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new placement(s)</source>
        <translation>
            <numerusform>%Ln nuovo tirocinio</numerusform>
            <numerusform>%Ln nuovi tirocini</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln already exist(s) — skipped</source>
        <translation>
            <numerusform>%Ln esiste già — saltato</numerusform>
            <numerusform>%Ln esistono già — saltati</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln with problems</source>
        <translation>
            <numerusform>%Ln con problemi</numerusform>
            <numerusform>%Ln con problemi</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose the student, or create a new one.</source>
        <translation>Scegli lo studente o creane uno nuovo.</translation>
    </message>
    <message>
        <source>Choose the host organisation, or create a new one.</source>
        <translation>Scegli l&apos;organizzazione ospitante o creane una nuova.</translation>
    </message>
    <message>
        <source>Choose the sending institution.</source>
        <translation>Scegli l&apos;istituto di invio.</translation>
    </message>
    <message>
        <source>Give the placement a title, e.g. &apos;Market research assistant&apos;.</source>
        <translation>Dai un titolo al tirocinio, ad es. “Assistente ricerche di mercato”.</translation>
    </message>
    <message>
        <source>The title is longer than 200 characters.</source>
        <translation>Il titolo supera i 200 caratteri.</translation>
    </message>
    <message>
        <source>The description is longer than {limit} characters.</source>
        <translation>La descrizione supera i {limit} caratteri.</translation>
    </message>
    <message>
        <source>&apos;{code}&apos; is not an ISO 4217 code.</source>
        <translation>&apos;{code}&apos; non è un codice ISO 4217.</translation>
    </message>
    <message>
        <source>&apos;{code}&apos; is not an ISO 4217 currency code (e.g. EUR).</source>
        <translation>&apos;{code}&apos; non è un codice valuta ISO 4217 (ad es. EUR).</translation>
    </message>
    <message>
        <source>&apos;{code}&apos; is not an ISO 4217 currency.</source>
        <translation>&apos;{code}&apos; non è una valuta ISO 4217.</translation>
    </message>
    <message>
        <source>A cost is either for one placement or shared, not both.</source>
        <translation>Un costo riguarda un solo tirocinio oppure è condiviso, non entrambe le cose.</translation>
    </message>
    <message>
        <source>A placement chosen no longer exists.</source>
        <translation>Un tirocinio scelto non esiste più.</translation>
    </message>
    <message>
        <source>A rate must be more than zero.</source>
        <translation>Un tasso deve essere maggiore di zero.</translation>
    </message>
    <message>
        <source>A share cannot be negative.</source>
        <translation>Una quota non può essere negativa.</translation>
    </message>
    <message>
        <source>Another funding source has this name.</source>
        <translation>Un&apos;altra fonte di finanziamento ha questo nome.</translation>
    </message>
    <message>
        <source>Choose the placement, or the placements or year to share among.</source>
        <translation>Scegli il tirocinio, oppure i tirocini o l&apos;anno tra cui ripartire.</translation>
    </message>
    <message>
        <source>Describe the cost, e.g. &apos;Laptop for the student&apos;.</source>
        <translation>Descrivi il costo, ad es. &apos;Portatile per lo studente&apos;.</translation>
    </message>
    <message>
        <source>Enter the amount (or, for staff time, the hours and hourly rate).</source>
        <translation>Inserisci l&apos;importo (oppure, per il tempo del personale, le ore e la tariffa oraria).</translation>
    </message>
    <message>
        <source>Enter the amount awarded.</source>
        <translation>Inserisci l&apos;importo assegnato.</translation>
    </message>
    <message>
        <source>Enter the amount to the cent (two decimals at most).</source>
        <translation>Inserisci l&apos;importo al centesimo (al massimo due decimali).</translation>
    </message>
    <message>
        <source>Enter the date of the cost (it chooses the exchange rate).</source>
        <translation>Inserisci la data del costo (determina il tasso di cambio).</translation>
    </message>
    <message>
        <source>Enter the first day the source pays for.</source>
        <translation>Inserisci il primo giorno coperto dalla fonte.</translation>
    </message>
    <message>
        <source>Enter the last day the source pays for.</source>
        <translation>Inserisci l&apos;ultimo giorno coperto dalla fonte.</translation>
    </message>
    <message>
        <source>Every share is zero, so the cost cannot be split this way.</source>
        <translation>Ogni quota è zero, quindi il costo non può essere ripartito così.</translation>
    </message>
    <message>
        <source>Hours cannot be negative.</source>
        <translation>Le ore non possono essere negative.</translation>
    </message>
    <message>
        <source>Line {line}: &apos;{code}&apos; is not an ISO 4217 code.</source>
        <translation>Riga {line}: &apos;{code}&apos; non è un codice ISO 4217.</translation>
    </message>
    <message>
        <source>Line {line}: a rate must be more than zero.</source>
        <translation>Riga {line}: un tasso deve essere maggiore di zero.</translation>
    </message>
    <message>
        <source>Line {line}: expected date,currency,rate.</source>
        <translation>Riga {line}: atteso date,currency,rate.</translation>
    </message>
    <message>
        <source>Line {line}: write the date as YYYY-MM-DD and the rate as 1.0825.</source>
        <translation>Riga {line}: scrivi la data come AAAA-MM-GG e il tasso come 1.0825.</translation>
    </message>
    <message>
        <source>Name the funding source, e.g. &apos;Erasmus+ KA131 2024&apos;.</source>
        <translation>Dai un nome alla fonte di finanziamento, ad es. &apos;Erasmus+ KA131 2024&apos;.</translation>
    </message>
    <message>
        <source>Share among the placements listed or among a year, not both.</source>
        <translation>Ripartisci tra i tirocini elencati oppure tra quelli di un anno, non entrambe le cose.</translation>
    </message>
    <message>
        <source>The amount awarded cannot be negative.</source>
        <translation>L&apos;importo assegnato non può essere negativo.</translation>
    </message>
    <message>
        <source>The amount cannot be negative; enter a refund as its own note.</source>
        <translation>L&apos;importo non può essere negativo; registra un rimborso come nota a parte.</translation>
    </message>
    <message>
        <source>The description is longer than 200 characters.</source>
        <translation>La descrizione supera i 200 caratteri.</translation>
    </message>
    <message>
        <source>The hourly rate cannot be negative.</source>
        <translation>La tariffa oraria non può essere negativa.</translation>
    </message>
    <message>
        <source>The invoice reference is longer than {limit} characters.</source>
        <translation>Il riferimento della fattura supera i {limit} caratteri.</translation>
    </message>
    <message>
        <source>The name is longer than 200 characters.</source>
        <translation>Il nome supera i 200 caratteri.</translation>
    </message>
    <message>
        <source>The notes are longer than {limit} characters.</source>
        <translation>Le note superano i {limit} caratteri.</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>Il periodo finisce prima di iniziare.</translation>
    </message>
    <message>
        <source>The reference is longer than {limit} characters.</source>
        <translation>Il riferimento supera i {limit} caratteri.</translation>
    </message>
    <message>
        <source>There is no exchange rate for {currency} on or before {day} (against {base}). Enter one, or import them from a CSV file.</source>
        <translation>Non c&apos;è un tasso di cambio per {currency} al {day} o prima (rispetto a {base}). Inseriscine uno, o importali da un file CSV.</translation>
    </message>
    <message>
        <source>There is no grant to record: no physical days are funded.</source>
        <translation>Non c&apos;è alcuna borsa da registrare: nessun giorno in presenza è finanziato.</translation>
    </message>
    <message>
        <source>There is nobody to share this cost among.</source>
        <translation>Non c&apos;è nessuno tra cui ripartire questo costo.</translation>
    </message>
    <message>
        <source>This cost item no longer exists.</source>
        <translation>Questa voce di costo non esiste più.</translation>
    </message>
    <message>
        <source>This funding source no longer exists.</source>
        <translation>Questa fonte di finanziamento non esiste più.</translation>
    </message>
    <message>
        <source>This rate of {currency} for {day} was changed after you opened it.</source>
        <translation>Questo tasso di {currency} per il {day} è stato modificato dopo che lo hai aperto.</translation>
    </message>
    <message>
        <source>{amount} has more than two decimals; enter it to the cent.</source>
        <translation>{amount} ha più di due decimali; inseriscilo al centesimo.</translation>
    </message>
    <message>
        <source>{category}: enter a budget of zero or more, to the cent.</source>
        <translation>{category}: inserisci un budget pari a zero o più, al centesimo.</translation>
    </message>
    <message>
        <source>{cost} ({day}): {problem}</source>
        <translation>{cost} ({day}): {problem}</translation>
    </message>
    <message>
        <source>{day} is outside the period of {source} ({start} to {end}).</source>
        <translation>{day} è fuori dal periodo di {source} (dal {start} al {end}).</translation>
    </message>
    <message>
        <source>{source} pays for cost items; move or delete them first.</source>
        <translation>{source} paga delle voci di costo; spostale o eliminale prima.</translation>
    </message>
    <message>
        <source>{source}: {cost}: {problem}</source>
        <translation>{source}: {cost}: {problem}</translation>
    </message>
    <message>
        <source>Enter the planned start date.</source>
        <translation>Inserisci la data di inizio prevista.</translation>
    </message>
    <message>
        <source>Enter the planned end date.</source>
        <translation>Inserisci la data di fine prevista.</translation>
    </message>
    <message>
        <source>The end ({end}) is before the start ({start}).</source>
        <translation>La fine ({end}) è prima dell&apos;inizio ({start}).</translation>
    </message>
    <message>
        <source>Enter the hours per week (1 to 60).</source>
        <translation>Inserisci le ore settimanali (da 1 a 60).</translation>
    </message>
    <message>
        <source>Hours per week must be between 1 and 60.</source>
        <translation>Le ore settimanali devono essere tra 1 e 60.</translation>
    </message>
    <message>
        <source>ECTS credits must be between 0 and 60.</source>
        <translation>I crediti ECTS devono essere tra 0 e 60.</translation>
    </message>
    <message>
        <source>ECTS credits take at most one decimal, e.g. 7.5.</source>
        <translation>I crediti ECTS hanno al massimo un decimale, ad es. 7,5.</translation>
    </message>
    <message>
        <source>A blended placement needs at least one physical and one virtual period.</source>
        <translation>Un tirocinio misto richiede almeno un periodo in presenza e uno virtuale.</translation>
    </message>
    <message>
        <source>Period {n} needs a start and an end date.</source>
        <translation>Il periodo {n} richiede una data di inizio e una di fine.</translation>
    </message>
    <message>
        <source>Period {n} ends before it starts.</source>
        <translation>Il periodo {n} finisce prima di iniziare.</translation>
    </message>
    <message>
        <source>Period {n} lies outside the planned start and end.</source>
        <translation>Il periodo {n} è fuori dall&apos;inizio e dalla fine previsti.</translation>
    </message>
    <message>
        <source>Periods {a} and {b} overlap.</source>
        <translation>I periodi {a} e {b} si sovrappongono.</translation>
    </message>
    <message>
        <source>The chosen student was deleted.</source>
        <translation>Lo studente scelto è stato eliminato.</translation>
    </message>
    <message>
        <source>The chosen host organisation was deleted.</source>
        <translation>L&apos;organizzazione ospitante scelta è stata eliminata.</translation>
    </message>
    <message>
        <source>The chosen sending institution was deleted.</source>
        <translation>L&apos;istituto di invio scelto è stato eliminato.</translation>
    </message>
    <message>
        <source>The chosen mentor was deleted.</source>
        <translation>Il mentore scelto è stato eliminato.</translation>
    </message>
    <message>
        <source>The mentor must work at the host organisation.</source>
        <translation>Il mentore deve lavorare presso l&apos;organizzazione ospitante.</translation>
    </message>
    <message>
        <source>The chosen tutor was deleted.</source>
        <translation>Il tutor scelto è stato eliminato.</translation>
    </message>
    <message>
        <source>The academic tutor must work at an institution.</source>
        <translation>Il tutor accademico deve lavorare presso un istituto.</translation>
    </message>
    <message>
        <source>Another coordinator took the same reference just now: save again.</source>
        <translation>Un altro coordinatore ha appena preso lo stesso riferimento: salva di nuovo.</translation>
    </message>
    <message>
        <source>The end is before the start.</source>
        <translation>La fine è prima dell&apos;inizio.</translation>
    </message>
    <message>
        <source>This placement no longer exists: someone may have deleted it.</source>
        <translation>Questo tirocinio non esiste più: forse qualcuno lo ha eliminato.</translation>
    </message>
    <message>
        <source>This placement was deleted by someone else; your edits were not saved.</source>
        <translation>Questo tirocinio è stato eliminato da qualcun altro; le tue modifiche non sono state salvate.</translation>
    </message>
    <message>
        <source>The database refused the change: {reason}</source>
        <translation>Il database ha rifiutato la modifica: {reason}</translation>
    </message>
    <message>
        <source>A placement cannot go from &apos;{current}&apos; to &apos;{target}&apos;.</source>
        <translation>Un tirocinio non può passare da &apos;{current}&apos; a &apos;{target}&apos;.</translation>
    </message>
    <message>
        <source>Say why the placement moves anyway.</source>
        <translation>Spiega perché il tirocinio avanza comunque.</translation>
    </message>
    <message>
        <source>Only an office lead can move a placement past open checks.</source>
        <translation>Solo un responsabile d&apos;ufficio può far avanzare un tirocinio con controlli aperti.</translation>
    </message>
    <message>
        <source>There is no checklist item &apos;{key}&apos;.</source>
        <translation>Non esiste la voce di checklist &apos;{key}&apos;.</translation>
    </message>
    <message>
        <source>“{item}” follows from vipdesk&apos;s records; to tick it by hand, say why (e.g. “done outside vipdesk: paper questionnaire”).</source>
        <translation>«{item}» deriva dai dati di vipdesk; per spuntarlo a mano, spiega perché (ad es. «fatto fuori da vipdesk: questionario cartaceo»).</translation>
    </message>
    <message>
        <source>A login name cannot contain a comma.</source>
        <translation>Un nome di accesso non può contenere una virgola.</translation>
    </message>
    <message>
        <source>The list of office leads is longer than {limit} characters.</source>
        <translation>L&apos;elenco dei responsabili d&apos;ufficio supera i {limit} caratteri.</translation>
    </message>
    <message>
        <source>Only an office lead can change who the office leads are.</source>
        <translation>Solo un responsabile d&apos;ufficio può cambiare chi sono i responsabili.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not an e-mail address; it should look like name@uni.eu.</source>
        <translation>&apos;{value}&apos; non è un indirizzo e-mail; dovrebbe avere la forma nome@uni.eu.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a country code; choose a country from the list.</source>
        <translation>&apos;{value}&apos; non è un codice di paese; scegli un paese dall&apos;elenco.</translation>
    </message>
    <message>
        <source>Choose the time zone, e.g. Europe/Warsaw.</source>
        <translation>Scegli il fuso orario, ad es. Europe/Warsaw.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a time zone; choose one from the list.</source>
        <translation>&apos;{value}&apos; non è un fuso orario; scegline uno dall&apos;elenco.</translation>
    </message>
    <message>
        <source>The website address is longer than 300 characters.</source>
        <translation>L&apos;indirizzo del sito web supera i 300 caratteri.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; does not look like a web address, e.g. https://acme.eu.</source>
        <translation>&apos;{value}&apos; non sembra un indirizzo web, ad es. https://acme.eu.</translation>
    </message>
    <message>
        <source>Enter the given name.</source>
        <translation>Inserisci il nome.</translation>
    </message>
    <message>
        <source>The given name is longer than {limit} characters.</source>
        <translation>Il nome supera i {limit} caratteri.</translation>
    </message>
    <message>
        <source>Enter the family name.</source>
        <translation>Inserisci il cognome.</translation>
    </message>
    <message>
        <source>The family name is longer than {limit} characters.</source>
        <translation>Il cognome supera i {limit} caratteri.</translation>
    </message>
    <message>
        <source>Enter the student&apos;s e-mail address.</source>
        <translation>Inserisci l&apos;indirizzo e-mail dello studente.</translation>
    </message>
    <message>
        <source>The student number is longer than {limit} characters.</source>
        <translation>La matricola supera i {limit} caratteri.</translation>
    </message>
    <message>
        <source>The date of birth is in the future.</source>
        <translation>La data di nascita è nel futuro.</translation>
    </message>
    <message>
        <source>A student must be at least {age}; check the year ({year}).</source>
        <translation>Uno studente deve avere almeno {age} anni; controlla l&apos;anno ({year}).</translation>
    </message>
    <message>
        <source>Another contact already uses this e-mail.</source>
        <translation>Un altro contatto usa già questo indirizzo e-mail.</translation>
    </message>
    <message>
        <source>Another institution already has this name ({name}).</source>
        <translation>Un altro istituto ha già questo nome ({name}).</translation>
    </message>
    <message>
        <source>Another institution already has this name.</source>
        <translation>Un altro istituto ha già questo nome.</translation>
    </message>
    <message>
        <source>Another organisation already has this name ({name}).</source>
        <translation>Un&apos;altra organizzazione ha già questo nome ({name}).</translation>
    </message>
    <message>
        <source>Another organisation in this country already has this name.</source>
        <translation>Un&apos;altra organizzazione in questo paese ha già questo nome.</translation>
    </message>
    <message>
        <source>Another organisation in {country} already has this name ({name}).</source>
        <translation>Un&apos;altra organizzazione in {country} ha già questo nome ({name}).</translation>
    </message>
    <message>
        <source>Born in {year}? Check the year.</source>
        <translation>Nato nel {year}? Controlla l&apos;anno.</translation>
    </message>
    <message>
        <source>Choose the country.</source>
        <translation>Scegli il paese.</translation>
    </message>
    <message>
        <source>Choose where this person works: either a host organisation or an institution.</source>
        <translation>Scegli dove lavora questa persona: presso un&apos;organizzazione ospitante oppure presso un istituto.</translation>
    </message>
    <message>
        <source>Enter the contact&apos;s e-mail address.</source>
        <translation>Inserisci l&apos;indirizzo e-mail del contatto.</translation>
    </message>
    <message>
        <source>Enter the contact&apos;s name.</source>
        <translation>Inserisci il nome del contatto.</translation>
    </message>
    <message>
        <source>Enter the institution&apos;s name.</source>
        <translation>Inserisci il nome dell&apos;istituto.</translation>
    </message>
    <message>
        <source>Enter the organisation&apos;s name.</source>
        <translation>Inserisci il nome dell&apos;organizzazione.</translation>
    </message>
    <message>
        <source>The Erasmus code is longer than {limit} characters.</source>
        <translation>Il codice Erasmus supera i {limit} caratteri.</translation>
    </message>
    <message>
        <source>The address is longer than {limit} characters.</source>
        <translation>L&apos;indirizzo supera i {limit} caratteri.</translation>
    </message>
    <message>
        <source>The city is longer than {limit} characters.</source>
        <translation>La città supera i {limit} caratteri.</translation>
    </message>
    <message>
        <source>The faculty is longer than {limit} characters.</source>
        <translation>La facoltà supera i {limit} caratteri.</translation>
    </message>
    <message>
        <source>The name is longer than {limit} characters.</source>
        <translation>Il nome supera i {limit} caratteri.</translation>
    </message>
    <message>
        <source>The phone number is longer than {limit} characters.</source>
        <translation>Il numero di telefono supera i {limit} caratteri.</translation>
    </message>
    <message>
        <source>The position is longer than {limit} characters.</source>
        <translation>Il ruolo supera i {limit} caratteri.</translation>
    </message>
    <message>
        <source>The postcode is longer than {limit} characters.</source>
        <translation>Il codice postale supera i {limit} caratteri.</translation>
    </message>
    <message>
        <source>The sector is longer than {limit} characters.</source>
        <translation>Il settore supera i {limit} caratteri.</translation>
    </message>
    <message>
        <source>The street is longer than {limit} characters.</source>
        <translation>La via supera i {limit} caratteri.</translation>
    </message>
    <message>
        <source>The study cycle is an EQF level from 5 to 8.</source>
        <translation>Il ciclo di studi è un livello EQF da 5 a 8.</translation>
    </message>
    <message>
        <source>The field of education is longer than {limit} characters.</source>
        <translation>L&apos;ambito di studio supera i {limit} caratteri.</translation>
    </message>
    <message>
        <source>The programme is longer than {limit} characters.</source>
        <translation>Il corso di studi supera i {limit} caratteri.</translation>
    </message>
    <message>
        <source>This student no longer exists: someone may have deleted it.</source>
        <translation>Questo studente non esiste più: qualcuno potrebbe averlo eliminato.</translation>
    </message>
    <message>
        <source>This student was deleted; the equity flags were not saved.</source>
        <translation>Questo studente è stato eliminato; gli indicatori di equità non sono stati salvati.</translation>
    </message>
    <message>
        <source>This {what} no longer exists: someone may have deleted it.</source>
        <translation>Questo dato ({what}) non esiste più: qualcuno potrebbe averlo eliminato.</translation>
    </message>
    <message>
        <source>This {what} was deleted by someone else; your edits were not saved.</source>
        <translation>Questo dato ({what}) è stato eliminato da qualcun altro; le tue modifiche non sono state salvate.</translation>
    </message>
    <message>
        <source>This {what} was linked to another record just now, so it was not deleted.</source>
        <translation>Questo dato ({what}) è appena stato collegato a un altro dato, quindi non è stato eliminato.</translation>
    </message>
    <message>
        <source>vipdesk cannot write in &apos;{code}&apos;; choose one of {codes}.</source>
        <translation>vipdesk non sa scrivere in &apos;{code}&apos;; scegli una di queste lingue: {codes}.</translation>
    </message>
    <message>
        <source>Language {n}: type the language, e.g. English.</source>
        <translation>Lingua {n}: scrivi la lingua, ad es. inglese.</translation>
    </message>
    <message>
        <source>Language {n}: the name is longer than {limit} characters.</source>
        <translation>Lingua {n}: il nome supera i {limit} caratteri.</translation>
    </message>
    <message>
        <source>{count} contact</source>
        <translation>{count} contatto</translation>
    </message>
    <message>
        <source>{count} contacts</source>
        <translation>{count} contatti</translation>
    </message>
    <message>
        <source>{count} placement</source>
        <translation>{count} tirocinio</translation>
    </message>
    <message>
        <source>{count} placements</source>
        <translation>{count} tirocini</translation>
    </message>
    <message>
        <source>{count} student</source>
        <translation>{count} studente</translation>
    </message>
    <message>
        <source>{count} students</source>
        <translation>{count} studenti</translation>
    </message>
    <message>
        <source>{first} and {second}</source>
        <translation>{first} e {second}</translation>
    </message>
    <message>
        <source>{first}, {second} and {third}</source>
        <translation>{first}, {second} e {third}</translation>
    </message>
    <message>
        <source>{name} has {records}; delete or reassign them first.</source>
        <translation>{name} ha {records}; eliminali o riassegnali prima.</translation>
    </message>
    <message>
        <source>{name} is mentor or tutor of {placements}; choose someone else there first.</source>
        <translation>{name} è mentore o tutor di {placements}; scegli prima un&apos;altra persona lì.</translation>
    </message>
    <message>
        <source>{name}: choose a level ({levels}).</source>
        <translation>{name}: scegli un livello ({levels}).</translation>
    </message>
    <message>
        <source>{name} is listed twice.</source>
        <translation>{name} compare due volte nell&apos;elenco.</translation>
    </message>
    <message>
        <source>Another student already uses this e-mail ({name}).</source>
        <translation>Un altro studente usa già questa e-mail ({name}).</translation>
    </message>
    <message>
        <source>Another student already has this student number ({name}).</source>
        <translation>Un altro studente ha già questa matricola ({name}).</translation>
    </message>
    <message>
        <source>The chosen institution was deleted.</source>
        <translation>L&apos;istituto scelto è stato eliminato.</translation>
    </message>
    <message>
        <source>Another student already uses this e-mail.</source>
        <translation>Un altro studente usa già questa e-mail.</translation>
    </message>
    <message>
        <source>Another student already has this student number.</source>
        <translation>Un altro studente ha già questa matricola.</translation>
    </message>
    <message>
        <source>The equity note is longer than {limit} characters.</source>
        <translation>La nota sugli indicatori di pari opportunità supera i {limit} caratteri.</translation>
    </message>
    <message>
        <source>Give the date it took place.</source>
        <translation>Indica la data in cui ha avuto luogo.</translation>
    </message>
    <message>
        <source>The date is outside the placement&apos;s period ({start} – {end}).</source>
        <translation>La data è fuori dal periodo del tirocinio ({start} – {end}).</translation>
    </message>
    <message>
        <source>The date is in the future: log it once it has taken place.</source>
        <translation>La data è nel futuro: registralo quando avrà avuto luogo.</translation>
    </message>
    <message>
        <source>Say who took part.</source>
        <translation>Indica chi ha partecipato.</translation>
    </message>
    <message>
        <source>Keep the participants under {limit} characters.</source>
        <translation>Tieni i partecipanti sotto i {limit} caratteri.</translation>
    </message>
    <message>
        <source>Choose one of the tools chosen for this placement.</source>
        <translation>Scegli uno degli strumenti scelti per questo tirocinio.</translation>
    </message>
    <message>
        <source>The duration is from {low} to {high} minutes.</source>
        <translation>La durata va da {low} a {high} minuti.</translation>
    </message>
    <message>
        <source>Keep it under {limit} characters.</source>
        <translation>Tienilo sotto i {limit} caratteri.</translation>
    </message>
    <message>
        <source>Say what follows up on the concern.</source>
        <translation>Indica il seguito dato alla criticità.</translation>
    </message>
    <message>
        <source>Only a concern is resolved.</source>
        <translation>Solo una criticità può essere risolta.</translation>
    </message>
    <message>
        <source>The concern is resolved before it was raised.</source>
        <translation>La criticità risulta risolta prima di essere stata sollevata.</translation>
    </message>
    <message>
        <source>The resolution date is in the future.</source>
        <translation>La data della soluzione è nel futuro.</translation>
    </message>
    <message>
        <source>Say how the concern was resolved.</source>
        <translation>Indica come è stata risolta la criticità.</translation>
    </message>
    <message>
        <source>The file {name} is empty.</source>
        <translation>Il file {name} è vuoto.</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>Il file è vuoto.</translation>
    </message>
    <message>
        <source>The file {name} is over 20 MB.</source>
        <translation>Il file {name} supera i 20 MB.</translation>
    </message>
    <message>
        <source>The file is over 20 MB.</source>
        <translation>Il file supera i 20 MB.</translation>
    </message>
    <message>
        <source>Keep the file name under {limit} characters.</source>
        <translation>Tieni il nome del file sotto i {limit} caratteri.</translation>
    </message>
    <message>
        <source>The file {name} is not a PDF, a Word document (.docx), a PNG or a JPEG.</source>
        <translation>Il file {name} non è un PDF, un documento Word (.docx), un PNG o un JPEG.</translation>
    </message>
    <message>
        <source>The file is not a PDF, a Word document (.docx), a PNG or a JPEG.</source>
        <translation>Il file non è un PDF, un documento Word (.docx), un PNG o un JPEG.</translation>
    </message>
    <message>
        <source>The file {name} is named as a {claimed} but is something else inside.</source>
        <translation>Il file {name} ha il nome di un {claimed} ma contiene altro.</translation>
    </message>
    <message>
        <source>The file {name} is named as a {claimed} but is a {found} inside.</source>
        <translation>Il file {name} ha il nome di un {claimed} ma all&apos;interno è un {found}.</translation>
    </message>
    <message>
        <source>The file {name} is damaged: it cannot be read.</source>
        <translation>Il file {name} è danneggiato: non si può leggere.</translation>
    </message>
    <message>
        <source>Credits are from 0 to 60, with at most one decimal.</source>
        <translation>I crediti vanno da 0 a 60, con al massimo un decimale.</translation>
    </message>
    <message>
        <source>More credits than the {planned} planned: say why in the reason.</source>
        <translation>Più crediti dei {planned} previsti: indica il motivo.</translation>
    </message>
    <message>
        <source>Keep the reason under {limit} characters.</source>
        <translation>Tieni il motivo sotto i {limit} caratteri.</translation>
    </message>
    <message>
        <source>Choose one of the grading scales.</source>
        <translation>Scegli una delle scale di valutazione.</translation>
    </message>
    <message>
        <source>Choose the grading scale the grade is on.</source>
        <translation>Scegli la scala di valutazione del voto.</translation>
    </message>
    <message>
        <source>“{grade}” is not on the {scale} scale ({grades}).</source>
        <translation>“{grade}” non è nella scala di valutazione “{scale}” ({grades}).</translation>
    </message>
    <message>
        <source>“{grade}” is not on the {scale} scale (a number from {low} to {high}).</source>
        <translation>“{grade}” non è nella scala di valutazione “{scale}” (un numero da {low} a {high}).</translation>
    </message>
    <message>
        <source>The date is in the future.</source>
        <translation>La data è nel futuro.</translation>
    </message>
    <message>
        <source>The date is before the placement started.</source>
        <translation>La data è precedente all&apos;inizio del tirocinio.</translation>
    </message>
    <message>
        <source>Keep the outcomes under {limit} characters.</source>
        <translation>Tieni i risultati sotto i {limit} caratteri.</translation>
    </message>
    <message>
        <source>This monitoring entry no longer exists.</source>
        <translation>Questa voce di monitoraggio non esiste più.</translation>
    </message>
    <message>
        <source>This entry has no file attached.</source>
        <translation>Questa voce non ha un file allegato.</translation>
    </message>
    <message>
        <source>The reply time is 1 to 336 hours.</source>
        <translation>Il tempo di risposta va da 1 a 336 ore.</translation>
    </message>
    <message>
        <source>A meeting lasts 10 to 240 minutes.</source>
        <translation>Un incontro dura da 10 a 240 minuti.</translation>
    </message>
    <message>
        <source>Keep this under {limit} characters.</source>
        <translation>Tienilo sotto i {limit} caratteri.</translation>
    </message>
    <message>
        <source>{who}: choose a time zone from the list.</source>
        <translation>{who}: scegli un fuso orario dall&apos;elenco.</translation>
    </message>
    <message>
        <source>{who}: tick at least one working day.</source>
        <translation>{who}: spunta almeno un giorno lavorativo.</translation>
    </message>
    <message>
        <source>{who}: enter the start and end of the day.</source>
        <translation>{who}: inserisci l&apos;inizio e la fine della giornata.</translation>
    </message>
    <message>
        <source>{who}: the day must end after it starts (same day).</source>
        <translation>{who}: la giornata deve finire dopo l&apos;inizio (nello stesso giorno).</translation>
    </message>
    <message>
        <source>{a} ({zone_a}) and {b} ({zone_b}) are {gap} h apart: beyond 6 to 7 hours meetings at the same time are hard to hold. Plan more written, asynchronous exchange.</source>
        <translation>{a} ({zone_a}) e {b} ({zone_b}) sono a {gap} h di distanza: oltre 6-7 ore gli incontri in contemporanea sono difficili da tenere. Prevedi più scambi scritti e asincroni.</translation>
    </message>
    <message>
        <source>On {short} of {days} working days they share less than {minimum} hours (least: {least} h on {day}).</source>
        <translation>In {short} giorni lavorativi su {days} condividono meno di {minimum} ore (minimo: {least} h, {day}).</translation>
    </message>
    <message>
        <source>The clocks change on different dates ({listed}): the shared hours move in between. Check the meeting time for those weeks.</source>
        <translation>L&apos;ora legale cambia in date diverse ({listed}): nel frattempo le ore condivise si spostano. Controlla l&apos;orario degli incontri in quelle settimane.</translation>
    </message>
    <message>
        <source>{zones} on {days}</source>
        <translation>{zones}: {days}</translation>
    </message>
    <message>
        <source>{a} and {b}</source>
        <translation>{a} e {b}</translation>
    </message>
    <message>
        <source>No {minutes}-minute slot lies inside the shared hours on the same weekday all through the placement: widen someone&apos;s hours or agree meeting times week by week.</source>
        <translation>Nessuna fascia di {minutes} minuti cade nelle ore condivise nello stesso giorno della settimana per tutto il tirocinio: amplia l&apos;orario di qualcuno o concorda gli incontri settimana per settimana.</translation>
    </message>
    <message>
        <source>This questionnaire response no longer exists.</source>
        <translation>Questa risposta al questionario non esiste più.</translation>
    </message>
    <message>
        <source>This questionnaire was completed; re-assess to record new answers.</source>
        <translation>Questo questionario è stato completato; rifai la valutazione per registrare nuove risposte.</translation>
    </message>
    <message>
        <source>{count} question(s) still need an answer, the first: “{question}”</source>
        <translation>{count} domanda/e attendono ancora una risposta, la prima: “{question}”</translation>
    </message>
    <message>
        <source>A completed questionnaire is kept as history.</source>
        <translation>Un questionario completato resta nello storico.</translation>
    </message>
    <message>
        <source>There is no question &apos;{key}&apos; in this version.</source>
        <translation>In questa versione non c&apos;è la domanda &apos;{key}&apos;.</translation>
    </message>
    <message>
        <source>Type the answer as text.</source>
        <translation>Scrivi la risposta come testo.</translation>
    </message>
    <message>
        <source>The answer is too long.</source>
        <translation>La risposta è troppo lunga.</translation>
    </message>
    <message>
        <source>Choose a number from 1 to {points}.</source>
        <translation>Scegli un numero da 1 a {points}.</translation>
    </message>
    <message>
        <source>Choose one of the answers offered.</source>
        <translation>Scegli una delle risposte proposte.</translation>
    </message>
    <message>
        <source>No questionnaire &apos;{name}&apos; is installed.</source>
        <translation>Nessun questionario &apos;{name}&apos; è installato.</translation>
    </message>
    <message>
        <source>Version {version} of the &apos;{questionnaire}&apos; questionnaire is not installed: this response comes from another vipdesk version.</source>
        <translation>La versione {version} del questionario &apos;{questionnaire}&apos; non è installata: questa risposta proviene da un&apos;altra versione di vipdesk.</translation>
    </message>
    <message>
        <source>The questionnaire translation {name} cannot be read: {reason}</source>
        <translation>La traduzione del questionario {name} non può essere letta: {reason}</translation>
    </message>
    <message>
        <source>The questionnaire translation {name} does not match its English file: {difference}.</source>
        <translation>La traduzione del questionario {name} non corrisponde al file inglese: {difference}.</translation>
    </message>
    <message>
        <source>its id, version or party</source>
        <translation>il suo id, la versione o la parte</translation>
    </message>
    <message>
        <source>its themes</source>
        <translation>i suoi temi</translation>
    </message>
    <message>
        <source>{found} questions instead of {expected}</source>
        <translation>{found} domande invece di {expected}</translation>
    </message>
    <message>
        <source>question &apos;{key}&apos;</source>
        <translation>la domanda &apos;{key}&apos;</translation>
    </message>
    <message>
        <source>Unknown purpose or tool: {keys}.</source>
        <translation>Scopo o strumento sconosciuto: {keys}.</translation>
    </message>
    <message>
        <source>Enter the date of the test.</source>
        <translation>Inserisci la data del test.</translation>
    </message>
    <message>
        <source>The note is longer than {limit} characters.</source>
        <translation>La nota supera i {limit} caratteri.</translation>
    </message>
    <message>
        <source>This placement no longer exists.</source>
        <translation>Questo tirocinio non esiste più.</translation>
    </message>
    <message>
        <source>This protocol was deleted by someone else.</source>
        <translation>Questo protocollo è stato eliminato da qualcun altro.</translation>
    </message>
    <message>
        <source>A secure connection to {where} failed: {reason} (is it the right port for the security chosen?).</source>
        <translation>La connessione sicura a {where} non è riuscita: {reason} (è la porta giusta per la sicurezza scelta?).</translation>
    </message>
    <message>
        <source>Attachment too large: the message is {size} MB and the server takes at most {limit} MB.</source>
        <translation>Allegato troppo grande: il messaggio è di {size} MB e il server accetta al massimo {limit} MB.</translation>
    </message>
    <message>
        <source>Attachment too large: the server refused the message ({reply}).</source>
        <translation>Allegato troppo grande: il server ha rifiutato il messaggio ({reply}).</translation>
    </message>
    <message>
        <source>Login refused by {where}: the user name or password is not accepted ({reply}).</source>
        <translation>Accesso rifiutato da {where}: nome utente o password non accettati ({reply}).</translation>
    </message>
    <message>
        <source>No mail server is set: fill in Settings → E-mail, or save the message as .eml.</source>
        <translation>Nessun server di posta impostato: compila Impostazioni → E-mail o salva il messaggio come .eml.</translation>
    </message>
    <message>
        <source>No password is stored for {user}: enter it in Settings → E-mail.</source>
        <translation>Nessuna password salvata per {user}: inseriscila in Impostazioni → E-mail.</translation>
    </message>
    <message>
        <source>Recipient refused: {recipient} ({reply}).</source>
        <translation>Destinatario rifiutato: {recipient} ({reply}).</translation>
    </message>
    <message>
        <source>Sender refused: {sender} ({reply}).</source>
        <translation>Mittente rifiutato: {sender} ({reply}).</translation>
    </message>
    <message>
        <source>Server unreachable: cannot connect to {where} ({reason}).</source>
        <translation>Server non raggiungibile: impossibile connettersi a {where} ({reason}).</translation>
    </message>
    <message>
        <source>The connection to the server was lost while sending; the message stays to be sent again.</source>
        <translation>La connessione al server si è interrotta durante l&apos;invio; il messaggio resta da inviare di nuovo.</translation>
    </message>
    <message>
        <source>The server cannot take a user name or password with letters beyond A–Z (it offers no AUTH PLAIN).</source>
        <translation>Il server non accetta un nome utente o una password con lettere oltre A–Z (non offre AUTH PLAIN).</translation>
    </message>
    <message>
        <source>The server does not take addresses written in non-Latin letters (SMTPUTF8).</source>
        <translation>Il server non accetta indirizzi scritti con lettere non latine (SMTPUTF8).</translation>
    </message>
    <message>
        <source>The server refused the message ({reply}).</source>
        <translation>Il server ha rifiutato il messaggio ({reply}).</translation>
    </message>
    <message>
        <source>The server {where} does not accept a login on this connection: choose STARTTLS or TLS.</source>
        <translation>Il server {where} non accetta l&apos;accesso su questa connessione: scegli STARTTLS o TLS.</translation>
    </message>
    <message>
        <source>The server {where} does not offer STARTTLS: choose TLS or ask IT for the right port.</source>
        <translation>Il server {where} non offre STARTTLS: scegli TLS o chiedi all&apos;IT la porta giusta.</translation>
    </message>
    <message>
        <source>Give at least one recipient.</source>
        <translation>Indica almeno un destinatario.</translation>
    </message>
    <message>
        <source>Give the message a subject.</source>
        <translation>Dai un oggetto al messaggio.</translation>
    </message>
    <message>
        <source>The subject is one line.</source>
        <translation>L&apos;oggetto è una sola riga.</translation>
    </message>
    <message>
        <source>The subject is over 300 characters.</source>
        <translation>L&apos;oggetto supera i 300 caratteri.</translation>
    </message>
    <message>
        <source>The attachments come to {size} MB; most servers take 25 MB.</source>
        <translation>Gli allegati arrivano a {size} MB; la maggior parte dei server accetta 25 MB.</translation>
    </message>
    <message>
        <source>A file name may not hold a line break or a slash.</source>
        <translation>Un nome di file non può contenere un a capo o una barra.</translation>
    </message>
    <message>
        <source>A name or address may not hold a line break.</source>
        <translation>Un nome o un indirizzo non può contenere un a capo.</translation>
    </message>
    <message>
        <source>An empty address is not an e-mail address.</source>
        <translation>Un indirizzo vuoto non è un indirizzo e-mail.</translation>
    </message>
    <message>
        <source>{address} is not an e-mail address.</source>
        <translation>{address} non è un indirizzo e-mail.</translation>
    </message>
    <message>
        <source>This message is no longer in the outbox.</source>
        <translation>Questo messaggio non è più nella posta in uscita.</translation>
    </message>
    <message>
        <source>Give the server&apos;s name, like smtp.example.edu.</source>
        <translation>Indica il nome del server, ad es. smtp.example.edu.</translation>
    </message>
    <message>
        <source>The port is a number from 1 to 65535.</source>
        <translation>La porta è un numero da 1 a 65535.</translation>
    </message>
    <message>
        <source>Give the address messages come from.</source>
        <translation>Indica l&apos;indirizzo da cui partono i messaggi.</translation>
    </message>
    <message>
        <source>A setting is longer than 200 characters.</source>
        <translation>Un&apos;impostazione supera i 200 caratteri.</translation>
    </message>
    <message>
        <source>Set the address messages come from in Settings → E-mail first.</source>
        <translation>Imposta prima l&apos;indirizzo del mittente in Impostazioni → E-mail.</translation>
    </message>
    <message>
        <source>Give the user name the password belongs to.</source>
        <translation>Indica il nome utente a cui appartiene la password.</translation>
    </message>
    <message>
        <source>A brace must enclose a placeholder, like {example}.</source>
        <translation>Una parentesi graffa deve racchiudere un segnaposto, ad es. {example}.</translation>
    </message>
    <message>
        <source>Unknown placeholder {name}: use one of the list.</source>
        <translation>Segnaposto sconosciuto {name}: usane uno dell&apos;elenco.</translation>
    </message>
    <message>
        <source>The message needs a text.</source>
        <translation>Il messaggio ha bisogno di un testo.</translation>
    </message>
    <message>
        <source>There is no mail template &apos;{key}&apos;.</source>
        <translation>Non esiste il modello di e-mail &apos;{key}&apos;.</translation>
    </message>
    <message>
        <source>The placement has no academic tutor to send this to.</source>
        <translation>Il tirocinio non ha un tutor accademico a cui inviarlo.</translation>
    </message>
    <message>
        <source>A certificate is requested from the host, not signed by three.</source>
        <translation>Un certificato si chiede all&apos;ospitante, non lo firmano tre parti.</translation>
    </message>
    <message>
        <source>The certificate is kept; it is not sent to the parties.</source>
        <translation>Il certificato viene conservato; non si invia alle parti.</translation>
    </message>
    <message>
        <source>The fillable PDF is the agreement for the host&apos;s HR.</source>
        <translation>Il PDF compilabile è l&apos;accordo per le risorse umane dell&apos;ospitante.</translation>
    </message>
    <message>
        <source>The {document} is {state}: send it for signature first, then e-mail it.</source>
        <translation>Il documento {document} è nello stato «{state}»: invialo prima per la firma, poi per e-mail.</translation>
    </message>
    <message>
        <source>The trainee has signed the {document} already.</source>
        <translation>Il tirocinante ha già firmato il documento {document}.</translation>
    </message>
    <message>
        <source>The sending institution has signed the {document} already.</source>
        <translation>L&apos;istituto di invio ha già firmato il documento {document}.</translation>
    </message>
    <message>
        <source>The receiving organisation has signed the {document} already.</source>
        <translation>L&apos;organizzazione ospitante ha già firmato il documento {document}.</translation>
    </message>
    <message>
        <source>The agreement {reference} has no e-mail address for the trainee: add it to the record, or write the address in the message.</source>
        <translation>L&apos;accordo {reference} non ha un indirizzo e-mail per il tirocinante: aggiungilo alla scheda o scrivi l&apos;indirizzo nel messaggio.</translation>
    </message>
    <message>
        <source>The agreement {reference} has no e-mail address for the sending institution: add it to the record, or write the address in the message.</source>
        <translation>L&apos;accordo {reference} non ha un indirizzo e-mail per l&apos;istituto di invio: aggiungilo alla scheda o scrivi l&apos;indirizzo nel messaggio.</translation>
    </message>
    <message>
        <source>The agreement {reference} has no e-mail address for the receiving organisation: add it to the record, or write the address in the message.</source>
        <translation>L&apos;accordo {reference} non ha un indirizzo e-mail per l&apos;organizzazione ospitante: aggiungilo alla scheda o scrivi l&apos;indirizzo nel messaggio.</translation>
    </message>
    <message>
        <source>{name} is an Outlook .msg file, which vipdesk does not read: in Outlook, save the message as .eml (or save the attached PDF) and open that.</source>
        <translation>{name} è un file .msg di Outlook, che vipdesk non legge: in Outlook salva il messaggio come .eml (o salva il PDF allegato) e apri quello.</translation>
    </message>
    <message>
        <source>{name} is a PDF, not an e-mail: open it as a returned PDF.</source>
        <translation>{name} è un PDF, non un&apos;e-mail: aprilo come PDF restituito.</translation>
    </message>
    <message>
        <source>{name} is not an e-mail message (.eml).</source>
        <translation>{name} non è un messaggio e-mail (.eml).</translation>
    </message>
    <message>
        <source>{name} is over {limit} MB; save the PDF from it.</source>
        <translation>{name} supera i {limit} MB; salva il PDF che contiene.</translation>
    </message>
    <message>
        <source>{name} carries no agreement or questionnaire exported by vipdesk (no attachment).</source>
        <translation>{name} non contiene alcun accordo o questionario esportato da vipdesk (nessun allegato).</translation>
    </message>
    <message>
        <source>{name} carries no agreement or questionnaire exported by vipdesk ({held}).</source>
        <translation>{name} non contiene alcun accordo o questionario esportato da vipdesk ({held}).</translation>
    </message>
    <message>
        <source>&apos;{email}&apos; is not an e-mail address.</source>
        <translation>&apos;{email}&apos; non è un indirizzo e-mail.</translation>
    </message>
    <message>
        <source>All three parties sign: the trainee, the institution and the host.</source>
        <translation>Firmano tutte e tre le parti: il tirocinante, l&apos;istituto e l&apos;organizzazione ospitante.</translation>
    </message>
    <message>
        <source>Each party may appear only once in the order.</source>
        <translation>Ogni parte può comparire una sola volta nell&apos;ordine.</translation>
    </message>
    <message>
        <source>Enter the date of the signature.</source>
        <translation>Inserisci la data della firma.</translation>
    </message>
    <message>
        <source>Enter the name of the person who signed.</source>
        <translation>Inserisci il nome della persona che ha firmato.</translation>
    </message>
    <message>
        <source>Name at least one party who signs.</source>
        <translation>Indica almeno una parte che firma.</translation>
    </message>
    <message>
        <source>No communication tool is recorded: say which tools serve {needed} (choose them in preparation, or on the Technology page) before sending.</source>
        <translation>Nessuno strumento di comunicazione registrato: prima dell&apos;invio indica quali strumenti servono per {needed} (sceglili nella preparazione o nella pagina Tecnologia).</translation>
    </message>
    <message>
        <source>No scan is attached for the {party}.</source>
        <translation>Nessuna scansione allegata per la parte: {party}.</translation>
    </message>
    <message>
        <source>Signer not confirmed ({because}); recorded on the explicit confirmation of the coordinator. Certificate: {certificate}</source>
        <translation>Firmatario non confermato ({because}); registrato su conferma esplicita del coordinatore. Certificato: {certificate}</translation>
    </message>
    <message>
        <source>Signer not confirmed ({because}); recorded on the explicit confirmation of {user}. Certificate: {certificate}</source>
        <translation>Firmatario non confermato ({because}); registrato su conferma esplicita di {user}. Certificato: {certificate}</translation>
    </message>
    <message>
        <source>The date is before the document was sent ({sent}).</source>
        <translation>La data è precedente all&apos;invio del documento ({sent}).</translation>
    </message>
    <message>
        <source>The date of the signature is in the future.</source>
        <translation>La data della firma è nel futuro.</translation>
    </message>
    <message>
        <source>The placement is &apos;{status}&apos;: move it to &apos;Preparing&apos; before sending the agreement.</source>
        <translation>Il tirocinio è &apos;{status}&apos;: portalo a &apos;In preparazione&apos; prima di inviare l&apos;accordo.</translation>
    </message>
    <message>
        <source>The {document} is already signed by every party and locked.</source>
        <translation>{document}: già firmato da tutte le parti e bloccato.</translation>
    </message>
    <message>
        <source>The {document} is not out for signature.</source>
        <translation>{document}: non è stato inviato per la firma.</translation>
    </message>
    <message>
        <source>The {document} is out for signature and cannot change: start a new version to change it.</source>
        <translation>{document}: inviato per la firma, non può cambiare; avvia una nuova versione per modificarlo.</translation>
    </message>
    <message>
        <source>The {document} is signed by all parties and locked: record changes as an amendment.</source>
        <translation>{document}: firmato da tutte le parti e bloccato; registra le modifiche come emendamento.</translation>
    </message>
    <message>
        <source>The {party} does not sign the {document}.</source>
        <translation>La parte {party} non firma: {document}.</translation>
    </message>
    <message>
        <source>The {party} has signed the {document} already.</source>
        <translation>La parte {party} ha già firmato: {document}.</translation>
    </message>
    <message>
        <source>The {party} signs first (order: {order}).</source>
        <translation>Firma per prima la parte: {party} (ordine: {order}).</translation>
    </message>
    <message>
        <source>Unknown party &apos;{party}&apos; in the order.</source>
        <translation>Parte sconosciuta &apos;{party}&apos; nell&apos;ordine.</translation>
    </message>
    <message>
        <source>{file} carries no signature for the {party}.</source>
        <translation>{file} non contiene alcuna firma per la parte: {party}.</translation>
    </message>
    <message>
        <source>{file} is not the {document} as sent for signature with a signature added; ask the party to sign the file they received, without saving it as a new PDF.</source>
        <translation>{file} non è {document} come inviato per la firma con una firma aggiunta; chiedi alla parte di firmare il file ricevuto, senza salvarlo come nuovo PDF.</translation>
    </message>
    <message>
        <source>{file}: the signature for the {party} is intact, but its signer {signer} is not confirmed: {reasons}.</source>
        <translation>{file}: la firma della parte {party} è integra, ma il firmatario {signer} non è confermato: {reasons}.</translation>
    </message>
    <message>
        <source>{file}: the signature in {field} does not hold: {verdict}. Nothing was recorded.</source>
        <translation>{file}: la firma nel campo {field} non è valida: {verdict}. Non è stato registrato nulla.</translation>
    </message>
    <message>
        <source>{kind} {number}</source>
        <translation>{kind} {number}</translation>
    </message>
    <message>
        <source>save it from Excel or LibreOffice as .xlsx or as CSV (UTF-8), then import that.</source>
        <translation>salvalo da Excel o LibreOffice come .xlsx o come CSV (UTF-8), poi importa quello.</translation>
    </message>
    <message>
        <source>Open it in Excel or LibreOffice and save it again, or save it as CSV (UTF-8).</source>
        <translation>Aprilo in Excel o LibreOffice e salvalo di nuovo, oppure salvalo come CSV (UTF-8).</translation>
    </message>
    <message>
        <source>{name} would unpack to {size}, more than a spreadsheet vipdesk reads ({most}); it is not an ordinary workbook.</source>
        <translation>{name} occuperebbe {size} una volta estratto, più di un foglio di calcolo che vipdesk legge ({most}); non è una normale cartella di lavoro.</translation>
    </message>
    <message>
        <source>{name} holds {count} files; a spreadsheet has far fewer: {advice}</source>
        <translation>{name} contiene {count} file; un foglio di calcolo ne ha molti meno: {advice}</translation>
    </message>
    <message>
        <source>{name} is damaged: the part {member} is missing from it. {advice}</source>
        <translation>{name} è danneggiato: manca la parte {member}. {advice}</translation>
    </message>
    <message>
        <source>{name} contains a document type declaration (DTD) in {member}, which workbooks saved by Excel or LibreOffice never do; vipdesk does not read it. {advice}</source>
        <translation>{name} contiene una dichiarazione del tipo di documento (DTD) in {member}, cosa che le cartelle di lavoro salvate da Excel o LibreOffice non fanno mai; vipdesk non la legge. {advice}</translation>
    </message>
    <message>
        <source>{name} is damaged: its part {member} is not well-formed ({reason}, line {line}). {advice}</source>
        <translation>{name} è danneggiato: la sua parte {member} non è ben formata ({reason}, riga {line}). {advice}</translation>
    </message>
    <message>
        <source>{name} is a damaged or unknown archive: {advice}</source>
        <translation>{name} è un archivio danneggiato o sconosciuto: {advice}</translation>
    </message>
    <message>
        <source>{name} is damaged: its part {member} cannot be unpacked. {advice}</source>
        <translation>{name} è danneggiato: la sua parte {member} non può essere estratta. {advice}</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number vipdesk can use.</source>
        <translation>&apos;{text}&apos; non è un numero che vipdesk possa usare.</translation>
    </message>
    <message>
        <source>{code} is an error shown by the spreadsheet (a formula that failed), not a value: correct it or clear the cell.</source>
        <translation>{code} è un errore mostrato dal foglio di calcolo (una formula non riuscita), non un valore: correggilo o svuota la cella.</translation>
    </message>
    <message>
        <source>The cell holds {size} characters; a cell holds at most {most}.</source>
        <translation>La cella contiene {size} caratteri; una cella ne contiene al massimo {most}.</translation>
    </message>
    <message>
        <source>The cell holds {type}, not a value.</source>
        <translation>La cella contiene {type}, non un valore.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; contains a control character ({code}), which is not text: retype the cell.</source>
        <translation>&apos;{text}&apos; contiene un carattere di controllo ({code}), che non è testo: riscrivi la cella.</translation>
    </message>
    <message>
        <source>The column &apos;{title}&apos; is missing.</source>
        <translation>Manca la colonna &apos;{title}&apos;.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date in the calendar.</source>
        <translation>&apos;{text}&apos; non è una data del calendario.</translation>
    </message>
    <message>
        <source>The column &apos;{title}&apos; (or &apos;{first}&apos; or &apos;{second}&apos;) is missing.</source>
        <translation>Manca la colonna &apos;{title}&apos; (o &apos;{first}&apos; o &apos;{second}&apos;).</translation>
    </message>
    <message>
        <source>The column &apos;{title}&apos; (or &apos;{first}&apos;) is missing.</source>
        <translation>Manca la colonna &apos;{title}&apos; (o &apos;{first}&apos;).</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date in the calendar; dates with / are read day first (1 February).</source>
        <translation>&apos;{text}&apos; non è una data del calendario; le date con / si leggono con il giorno prima (1 febbraio).</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date in the calendar; dates with / are read month first (January 2).</source>
        <translation>&apos;{text}&apos; non è una data del calendario; le date con / si leggono con il mese prima (gennaio 2).</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is a number, not a date: format the cell as a date.</source>
        <translation>&apos;{text}&apos; è un numero, non una data: formatta la cella come data.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is a duration, not a date: format the cell as a date.</source>
        <translation>&apos;{text}&apos; è una durata, non una data: formatta la cella come data.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a country: write its English name or its code (DE).</source>
        <translation>&apos;{text}&apos; non è un paese: scrivi il suo nome inglese o il suo codice (DE).</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a language vipdesk writes messages in: write one of {codes}, or its name (German, Deutsch).</source>
        <translation>&apos;{text}&apos; non è una lingua in cui vipdesk scrive messaggi: scrivi uno tra {codes} o il suo nome (German, Deutsch).</translation>
    </message>
    <message>
        <source>Two columns mean &apos;{title}&apos; (&apos;{first}&apos; and &apos;{second}&apos;); keep one.</source>
        <translation>Due colonne significano &apos;{title}&apos; (&apos;{first}&apos; e &apos;{second}&apos;); tienine una.</translation>
    </message>
    <message>
        <source>Add a column &apos;{first}&apos; or &apos;{second}&apos;.</source>
        <translation>Aggiungi una colonna &apos;{first}&apos; o &apos;{second}&apos;.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date: write 2027-02-01, 01.02.2027 or 01/02/2027.</source>
        <translation>&apos;{text}&apos; non è una data: scrivi 2027-02-01, 01.02.2027 o 01/02/2027.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number.</source>
        <translation>&apos;{text}&apos; non è un numero.</translation>
    </message>
    <message>
        <source>{order} is not a date order: choose day_first or month_first.</source>
        <translation>{order} non è un ordine di data: scegli day_first o month_first.</translation>
    </message>
    <message>
        <source>{name} is larger than {most} ({size}); import it in parts.</source>
        <translation>{name} è più grande di {most} ({size}); importalo in parti.</translation>
    </message>
    <message>
        <source>{name} is a ZIP archive, not a spreadsheet: {advice}</source>
        <translation>{name} è un archivio ZIP, non un foglio di calcolo: {advice}</translation>
    </message>
    <message>
        <source>The row has {last} values but the header only {width} columns: a value that holds the separator (comma) needs quotes around it.</source>
        <translation>La riga ha {last} valori ma l&apos;intestazione solo {width} colonne: un valore che contiene il separatore (virgola) va racchiuso tra virgolette.</translation>
    </message>
    <message>
        <source>{name} is empty: there is nothing to import.</source>
        <translation>{name} è vuoto: non c&apos;è nulla da importare.</translation>
    </message>
    <message>
        <source>{name} is a folder, not a file: choose a file in it.</source>
        <translation>{name} è una cartella, non un file: scegli un file al suo interno.</translation>
    </message>
    <message>
        <source>{name} is a named pipe, not an ordinary file: vipdesk imports only files saved on disk.</source>
        <translation>{name} è una pipe con nome, non un file normale: vipdesk importa solo file salvati su disco.</translation>
    </message>
    <message>
        <source>{name} is a socket, not an ordinary file: vipdesk imports only files saved on disk.</source>
        <translation>{name} è un socket, non un file normale: vipdesk importa solo file salvati su disco.</translation>
    </message>
    <message>
        <source>{name} is a device, not an ordinary file: vipdesk imports only files saved on disk.</source>
        <translation>{name} è un dispositivo, non un file normale: vipdesk importa solo file salvati su disco.</translation>
    </message>
    <message>
        <source>{name} is a PDF document, not a spreadsheet: {advice}</source>
        <translation>{name} è un documento PDF, non un foglio di calcolo: {advice}</translation>
    </message>
    <message>
        <source>{name} is an old-style Excel 97-2003 (.xls) or Office file, not a spreadsheet: {advice}</source>
        <translation>{name} è un vecchio file Excel 97-2003 (.xls) o Office, non un foglio di calcolo: {advice}</translation>
    </message>
    <message>
        <source>{name} is an image, not a spreadsheet: {advice}</source>
        <translation>{name} è un&apos;immagine, non un foglio di calcolo: {advice}</translation>
    </message>
    <message>
        <source>{name} is text in UTF-16 (Excel&apos;s &apos;Unicode Text&apos;), not a spreadsheet: {advice}</source>
        <translation>{name} è testo in UTF-16 (&apos;Testo Unicode&apos; di Excel), non un foglio di calcolo: {advice}</translation>
    </message>
    <message>
        <source>{name} is a binary file, not a spreadsheet: {advice}</source>
        <translation>{name} è un file binario, non un foglio di calcolo: {advice}</translation>
    </message>
    <message>
        <source>{name} is an OpenDocument spreadsheet (.ods), not a spreadsheet: {advice}</source>
        <translation>{name} è un foglio di calcolo OpenDocument (.ods), non un foglio che vipdesk legge: {advice}</translation>
    </message>
    <message>
        <source>{name} is a Word document, not a spreadsheet: {advice}</source>
        <translation>{name} è un documento Word, non un foglio di calcolo: {advice}</translation>
    </message>
    <message>
        <source>The row has {last} values but the header only {width} columns: a value that holds the separator (tab) needs quotes around it.</source>
        <translation>La riga ha {last} valori ma l&apos;intestazione solo {width} colonne: un valore che contiene il separatore (tabulazione) va racchiuso tra virgolette.</translation>
    </message>
    <message>
        <source>The row has {last} values but the header only {width} columns: a value that holds the separator (semicolon) needs quotes around it.</source>
        <translation>La riga ha {last} valori ma l&apos;intestazione solo {width} colonne: un valore che contiene il separatore (punto e virgola) va racchiuso tra virgolette.</translation>
    </message>
    <message>
        <source>{name} has no worksheet: there is nothing to import.</source>
        <translation>{name} non ha fogli di lavoro: non c&apos;è nulla da importare.</translation>
    </message>
    <message>
        <source>There is no file {path}.</source>
        <translation>Non esiste il file {path}.</translation>
    </message>
    <message>
        <source>{kind} {start} to {end}</source>
        <translation>{kind} dal {start} al {end}</translation>
    </message>
    <message>
        <source>Cannot read {name}: {reason}.</source>
        <translation>Impossibile leggere {name}: {reason}.</translation>
    </message>
    <message>
        <source>{name} is not UTF-8 text (line {line}): in Excel choose &apos;CSV UTF-8 (comma delimited)&apos; when saving, or save as .xlsx.</source>
        <translation>{name} non è testo UTF-8 (riga {line}): in Excel scegli &apos;CSV UTF-8 (delimitato da virgole)&apos; quando salvi, oppure salva come .xlsx.</translation>
    </message>
    <message>
        <source>{name} is not a readable CSV file (line {line}): {reason}.</source>
        <translation>{name} non è un file CSV leggibile (riga {line}): {reason}.</translation>
    </message>
    <message>
        <source>{name} has more than {most} rows; import it in parts.</source>
        <translation>{name} ha più di {most} righe; importalo in parti.</translation>
    </message>
    <message>
        <source>{name} is damaged: its sheet cannot be read ({reason}). {advice}</source>
        <translation>{name} è danneggiato: il suo foglio non può essere letto ({reason}). {advice}</translation>
    </message>
    <message>
        <source>The file is damaged here ({reason}): nothing from this row on can be read. {advice}</source>
        <translation>Il file è danneggiato qui ({reason}): nulla da questa riga in poi può essere letto. {advice}</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a mode; choose one of: {allowed}.</source>
        <translation>&apos;{text}&apos; non è una modalità; scegli tra: {allowed}.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a status; choose one of: {allowed}.</source>
        <translation>&apos;{text}&apos; non è uno stato; scegli tra: {allowed}.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is far too many hours.</source>
        <translation>&apos;{text}&apos; sono decisamente troppe ore.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a whole number of hours.</source>
        <translation>&apos;{text}&apos; non è un numero intero di ore.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a period: write e.g. &apos;physical 2027-02-01 to 2027-02-28&apos;.</source>
        <translation>&apos;{text}&apos; non è un periodo: scrivi ad es. &apos;physical 2027-02-01 to 2027-02-28&apos;.</translation>
    </message>
    <message>
        <source>No student with the e-mail {email} in vipdesk; import or add the student first.</source>
        <translation>Nessuno studente con l&apos;e-mail {email} in vipdesk; importa o aggiungi prima lo studente.</translation>
    </message>
    <message>
        <source>No student with the number {number} in vipdesk.</source>
        <translation>Nessuno studente con il numero {number} in vipdesk.</translation>
    </message>
    <message>
        <source>The e-mail and the student number belong to two different students.</source>
        <translation>L&apos;e-mail e la matricola appartengono a due studenti diversi.</translation>
    </message>
    <message>
        <source>No host organisation &apos;{name}&apos; in {country} in vipdesk; import or add it first.</source>
        <translation>Nessuna organizzazione ospitante &apos;{name}&apos; in {country} in vipdesk; importala o aggiungila prima.</translation>
    </message>
    <message>
        <source>{count} contacts at the host are called {name}: give the e-mail instead.</source>
        <translation>{count} contatti presso l&apos;organizzazione ospitante si chiamano {name}: indica invece l&apos;e-mail.</translation>
    </message>
    <message>
        <source>A reference has at most 20 characters.</source>
        <translation>Un riferimento ha al massimo 20 caratteri.</translation>
    </message>
    <message>
        <source>Enter the mode: virtual, blended or physical.</source>
        <translation>Indica la modalità: virtual, blended o physical.</translation>
    </message>
    <message>
        <source>No contact with the e-mail {email} in vipdesk.</source>
        <translation>Nessun contatto con l&apos;e-mail {email} in vipdesk.</translation>
    </message>
    <message>
        <source>{count} contacts at the institution are called {name}: give the e-mail instead.</source>
        <translation>{count} contatti presso l&apos;istituto si chiamano {name}: indica invece l&apos;e-mail.</translation>
    </message>
    <message>
        <source>The same reference as row {first}.</source>
        <translation>Lo stesso riferimento della riga {first}.</translation>
    </message>
    <message>
        <source>The same student, host and planned start as row {first}.</source>
        <translation>Lo stesso studente, organizzazione ospitante e inizio previsto della riga {first}.</translation>
    </message>
    <message>
        <source>Nobody called {name} works at the host; give the e-mail of a contact in vipdesk.</source>
        <translation>Nessuno di nome {name} lavora presso l&apos;organizzazione ospitante; indica l&apos;e-mail di un contatto in vipdesk.</translation>
    </message>
    <message>
        <source>Nobody called {name} works at the institution; give the e-mail of a contact in vipdesk.</source>
        <translation>Nessuno di nome {name} lavora presso l&apos;istituto; indica l&apos;e-mail di un contatto in vipdesk.</translation>
    </message>
    <message>
        <source>vipdesk imports {kinds}; not &apos;{kind}&apos;.</source>
        <translation>vipdesk importa {kinds}; non &apos;{kind}&apos;.</translation>
    </message>
    <message>
        <source>Nothing imported: {problems} problems in {rows} rows of {source}; correct the file and import it again.</source>
        <translation>Nulla importato: {problems} problemi in {rows} righe di {source}; correggi il file e importalo di nuovo.</translation>
    </message>
    <message>
        <source>The database refused one of the placements (someone may have added the same record meanwhile), so nothing was imported. Import the file again: the preview will show what exists now.</source>
        <translation>Il database ha rifiutato uno dei tirocini (qualcuno potrebbe aver aggiunto lo stesso record nel frattempo), quindi non è stato importato nulla. Importa di nuovo il file: l&apos;anteprima mostrerà ciò che esiste ora.</translation>
    </message>
    <message>
        <source>Nothing imported: 1 problem in 1 row of {source}; correct the file and import it again.</source>
        <translation>Nulla importato: 1 problema in 1 riga di {source}; correggi il file e importalo di nuovo.</translation>
    </message>
    <message>
        <source>Nothing imported: {problems} problems in 1 row of {source}; correct the file and import it again.</source>
        <translation>Nulla importato: {problems} problemi in 1 riga di {source}; correggi il file e importalo di nuovo.</translation>
    </message>
    <message>
        <source>The database refused one of the students (someone may have added the same record meanwhile), so nothing was imported. Import the file again: the preview will show what exists now.</source>
        <translation>Il database ha rifiutato uno degli studenti (qualcuno potrebbe aver aggiunto lo stesso record nel frattempo), quindi non è stato importato nulla. Importa di nuovo il file: l&apos;anteprima mostrerà ciò che esiste ora.</translation>
    </message>
    <message>
        <source>The database refused one of the organisations (someone may have added the same record meanwhile), so nothing was imported. Import the file again: the preview will show what exists now.</source>
        <translation>Il database ha rifiutato una delle organizzazioni (qualcuno potrebbe aver aggiunto lo stesso record nel frattempo), quindi non è stato importato nulla. Importa di nuovo il file: l&apos;anteprima mostrerà ciò che esiste ora.</translation>
    </message>
    <message>
        <source>There are no rows below the header.</source>
        <translation>Non ci sono righe sotto l&apos;intestazione.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a study cycle: write 5, 6, 7 or 8 (EQF level).</source>
        <translation>&apos;{text}&apos; non è un ciclo di studi: scrivi 5, 6, 7 o 8 (livello EQF).</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a size; choose one of: {allowed}.</source>
        <translation>&apos;{text}&apos; non è una dimensione; scegli tra: {allowed}.</translation>
    </message>
    <message>
        <source>There is no institution &apos;{name}&apos; in vipdesk; add it first.</source>
        <translation>Non c&apos;è nessun istituto &apos;{name}&apos; in vipdesk; aggiungilo prima.</translation>
    </message>
    <message>
        <source>The same e-mail as row {first}.</source>
        <translation>La stessa e-mail della riga {first}.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is far too many employees.</source>
        <translation>&apos;{text}&apos; sono decisamente troppi dipendenti.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a whole number of employees.</source>
        <translation>&apos;{text}&apos; non è un numero intero di dipendenti.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number of employees.</source>
        <translation>&apos;{text}&apos; non è un numero di dipendenti.</translation>
    </message>
    <message>
        <source>The same student number as row {first}.</source>
        <translation>La stessa matricola della riga {first}.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is stored as a number but is none.</source>
        <translation>&apos;{text}&apos; è memorizzato come numero ma non lo è.</translation>
    </message>
    <message>
        <source>The cell is formatted as a date but {text} is no date.</source>
        <translation>La cella è formattata come data ma {text} non è una data.</translation>
    </message>
    <message>
        <source>{name} is damaged: its shared strings are not well-formed ({reason}, line {line}). {advice}</source>
        <translation>{name} è danneggiato: le sue stringhe condivise non sono ben formate ({reason}, riga {line}). {advice}</translation>
    </message>
    <message>
        <source>{name} is damaged: the sheet &apos;{sheet}&apos; is listed but not where to find it. {advice}</source>
        <translation>{name} è danneggiato: il foglio &apos;{sheet}&apos; è elencato ma non dove trovarlo. {advice}</translation>
    </message>
    <message>
        <source>row {row} is beyond Excel&apos;s last row</source>
        <translation>la riga {row} è oltre l&apos;ultima riga di Excel</translation>
    </message>
    <message>
        <source>The cell refers to text the file does not hold: damaged.</source>
        <translation>La cella rimanda a un testo che il file non contiene: danneggiato.</translation>
    </message>
    <message>
        <source>a cell lies beyond Excel&apos;s last column</source>
        <translation>una cella è oltre l&apos;ultima colonna di Excel</translation>
    </message>
    <message>
        <source>Cannot create the database {name}: the folder {folder} is read-only.</source>
        <translation>Impossibile creare il database {name}: la cartella {folder} è di sola lettura.</translation>
    </message>
    <message>
        <source>Cannot make the folder {folder} for the database: {reason}.</source>
        <translation>Impossibile creare la cartella {folder} per il database: {reason}.</translation>
    </message>
    <message>
        <source>The database</source>
        <translation>Il database</translation>
    </message>
    <message>
        <source>The database URL is not understood; write it as {forms}.</source>
        <translation>L&apos;URL del database non è comprensibile; scrivilo come {forms}.</translation>
    </message>
    <message>
        <source>The database at {url} cannot be reached. Check the network or the server, then try again; nothing you typed has been lost.</source>
        <translation>Il database su {url} non è raggiungibile. Controlla la rete o il server, poi riprova; nulla di ciò che hai scritto è andato perso.</translation>
    </message>
    <message>
        <source>The database is busy: another program is writing to it. Try again in a moment.</source>
        <translation>Il database è occupato: un altro programma ci sta scrivendo. Riprova tra un momento.</translation>
    </message>
    <message>
        <source>The disk holding {database} is full: free some space, then try again.</source>
        <translation>Il disco che contiene {database} è pieno: libera spazio, poi riprova.</translation>
    </message>
    <message>
        <source>The folder {folder} is read-only: vipdesk needs to write beside the database {name}. Nothing was changed.</source>
        <translation>La cartella {folder} è di sola lettura: vipdesk deve scrivere accanto al database {name}. Non è stato cambiato nulla.</translation>
    </message>
    <message>
        <source>The server name {host} is not known: check the host in the database URL and the network.</source>
        <translation>Il nome del server {host} non è noto: controlla l&apos;host nell&apos;URL del database e la rete.</translation>
    </message>
    <message>
        <source>The server {host} asks for a password for user {user}: add it to the database URL (postgresql+psycopg://USER:PASSWORD@HOST/DATABASE).</source>
        <translation>Il server {host} chiede una password per l&apos;utente {user}: aggiungila all&apos;URL del database (postgresql+psycopg://UTENTE:PASSWORD@HOST/DATABASE).</translation>
    </message>
    <message>
        <source>The server {host} has no user {user}: check the user name in the database URL.</source>
        <translation>Il server {host} non ha l&apos;utente {user}: controlla il nome utente nell&apos;URL del database.</translation>
    </message>
    <message>
        <source>The server {host} refused the password of user {user}: check the password in the database URL.</source>
        <translation>Il server {host} ha rifiutato la password dell&apos;utente {user}: controlla la password nell&apos;URL del database.</translation>
    </message>
    <message>
        <source>There is no database &quot;{name}&quot; on the server {host}: check its name in the URL, or ask the administrator to create it.</source>
        <translation>Sul server {host} non c&apos;è un database &quot;{name}&quot;: controlla il nome nell&apos;URL o chiedi all&apos;amministratore di crearlo.</translation>
    </message>
    <message>
        <source>This database was made by a newer version of vipdesk (schema {schema}). Install the newer vipdesk to open it; it has not been changed.</source>
        <translation>Questo database è stato creato da una versione più recente di vipdesk (schema {schema}). Installa la versione più recente di vipdesk per aprirlo; non è stato modificato.</translation>
    </message>
    <message>
        <source>User {user} may not connect to the database &quot;{name}&quot; on {host}: ask the administrator for access.</source>
        <translation>L&apos;utente {user} non può connettersi al database &quot;{name}&quot; su {host}: chiedi l&apos;accesso all&apos;amministratore.</translation>
    </message>
    <message>
        <source>the database</source>
        <translation>il database</translation>
    </message>
    <message>
        <source>vipdesk reaches PostgreSQL through psycopg: write the database URL as postgresql+psycopg://… instead of {scheme}://….</source>
        <translation>vipdesk raggiunge PostgreSQL tramite psycopg: scrivi l&apos;URL del database come postgresql+psycopg://… invece di {scheme}://….</translation>
    </message>
    <message>
        <source>vipdesk works with SQLite files and PostgreSQL servers, not {scheme}://…; write the database URL as {forms}.</source>
        <translation>vipdesk funziona con file SQLite e server PostgreSQL, non con {scheme}://…; scrivi l&apos;URL del database come {forms}.</translation>
    </message>
    <message>
        <source>{database} cannot be read or written: its disk or network drive reported an error or is not available. Check it, then try again.</source>
        <translation>{database} non può essere letto o scritto: il disco o l&apos;unità di rete ha segnalato un errore o non è disponibile. Controllalo, poi riprova.</translation>
    </message>
    <message>
        <source>{database} holds other data and is not a vipdesk database; it has not been changed.</source>
        <translation>{database} contiene altri dati e non è un database di vipdesk; non è stato modificato.</translation>
    </message>
    <message>
        <source>{database} is damaged: it cannot be read as a database. It has not been changed; open a backup copy instead.</source>
        <translation>{database} è danneggiato: non può essere letto come database. Non è stato modificato; apri invece una copia di backup.</translation>
    </message>
    <message>
        <source>{database} is not a vipdesk database: it is not a database file at all. It has not been changed.</source>
        <translation>{database} non è un database di vipdesk: non è affatto un file di database. Non è stato modificato.</translation>
    </message>
    <message>
        <source>{database} is open read-only: vipdesk needs to write to it. Nothing was changed.</source>
        <translation>{database} è aperto in sola lettura: vipdesk deve scriverci. Non è stato cambiato nulla.</translation>
    </message>
    <message>
        <source>{path} cannot be opened: check that its folder exists and can be written to.</source>
        <translation>Impossibile aprire {path}: controlla che la cartella esista e sia scrivibile.</translation>
    </message>
    <message>
        <source>{path} cannot be opened: your account may not read it (file permissions).</source>
        <translation>Impossibile aprire {path}: il tuo account non può leggerlo (permessi dei file).</translation>
    </message>
    <message>
        <source>{path} is a folder, not a database file: give the path of a file, such as {example}.</source>
        <translation>{path} è una cartella, non un file di database: indica il percorso di un file, per esempio {example}.</translation>
    </message>
    <message>
        <source>{path} is a read-only file: vipdesk needs to write to it. Nothing was changed.</source>
        <translation>{path} è un file di sola lettura: vipdesk deve scriverci. Non è stato cambiato nulla.</translation>
    </message>
    <message>
        <source>A trusted certificate cannot be read: {reason}</source>
        <translation>Un certificato attendibile non può essere letto: {reason}</translation>
    </message>
    <message>
        <source>ALTERED after signing by {signer}: {changes}</source>
        <translation>MODIFICATO dopo la firma di {signer}: {changes}</translation>
    </message>
    <message>
        <source>ALTERED after signing by {signer}: {changes} ({detail})</source>
        <translation>MODIFICATO dopo la firma di {signer}: {changes} ({detail})</translation>
    </message>
    <message>
        <source>ALTERED: the signed content does not match the signature</source>
        <translation>MODIFICATO: il contenuto firmato non corrisponde alla firma</translation>
    </message>
    <message>
        <source>Cannot make a temporary file beside {path}.</source>
        <translation>Impossibile creare un file temporaneo accanto a {path}.</translation>
    </message>
    <message>
        <source>Cannot open {name}: the passphrase is wrong, or it is not a PKCS#12 key file.</source>
        <translation>Impossibile aprire {name}: la passphrase è errata, oppure non è un file di chiave PKCS#12.</translation>
    </message>
    <message>
        <source>Cannot sign {name}: {reason}</source>
        <translation>Impossibile firmare {name}: {reason}</translation>
    </message>
    <message>
        <source>Cannot write to {folder}: the folder does not exist; {name} was not saved.</source>
        <translation>Impossibile scrivere in {folder}: la cartella non esiste; {name} non è stato salvato.</translation>
    </message>
    <message>
        <source>Cannot write {name}: it may be open in another program (close it there), or the folder {folder} is read-only. Nothing was saved.</source>
        <translation>Impossibile scrivere {name}: potrebbe essere aperto in un altro programma (chiudilo lì), oppure la cartella {folder} è di sola lettura. Non è stato salvato nulla.</translation>
    </message>
    <message>
        <source>Cannot write {name}: {reason}. Nothing was saved.</source>
        <translation>Impossibile scrivere {name}: {reason}. Non è stato salvato nulla.</translation>
    </message>
    <message>
        <source>DAMAGED signature: {problem}</source>
        <translation>Firma DANNEGGIATA: {problem}</translation>
    </message>
    <message>
        <source>No trusted certificate has the fingerprint {fingerprint}.</source>
        <translation>Nessun certificato attendibile ha l&apos;impronta {fingerprint}.</translation>
    </message>
    <message>
        <source>The disk holding {folder} is full; {name} was not saved.</source>
        <translation>Il disco che contiene {folder} è pieno; {name} non è stato salvato.</translation>
    </message>
    <message>
        <source>The scan</source>
        <translation>La scansione</translation>
    </message>
    <message>
        <source>The scan {name}</source>
        <translation>La scansione {name}</translation>
    </message>
    <message>
        <source>a different certificate than the one accepted before for {expected} (SHA-256 {fingerprint}…)</source>
        <translation>un certificato diverso da quello accettato in precedenza per {expected} (SHA-256 {fingerprint}…)</translation>
    </message>
    <message>
        <source>an annotation on page {number} changed</source>
        <translation>un&apos;annotazione a pagina {number} è cambiata</translation>
    </message>
    <message>
        <source>annotations added on page {number}: {count}</source>
        <translation>annotazioni aggiunte a pagina {number}: {count}</translation>
    </message>
    <message>
        <source>annotations removed from page {number}</source>
        <translation>annotazioni rimosse da pagina {number}</translation>
    </message>
    <message>
        <source>bytes were appended after the signature</source>
        <translation>dopo la firma sono stati aggiunti dei byte</translation>
    </message>
    <message>
        <source>changes that are not allowed after signing</source>
        <translation>modifiche non consentite dopo la firma</translation>
    </message>
    <message>
        <source>content of page {number} changed</source>
        <translation>contenuto di pagina {number} modificato</translation>
    </message>
    <message>
        <source>document properties (XMP metadata) changed: {names}</source>
        <translation>proprietà del documento (metadati XMP) modificate: {names}</translation>
    </message>
    <message>
        <source>document properties changed: {names}</source>
        <translation>proprietà del documento modificate: {names}</translation>
    </message>
    <message>
        <source>document settings changed: {names}</source>
        <translation>impostazioni del documento modificate: {names}</translation>
    </message>
    <message>
        <source>field {name} changed</source>
        <translation>campo {name} modificato</translation>
    </message>
    <message>
        <source>fonts or images of page {number} changed</source>
        <translation>caratteri o immagini di pagina {number} modificati</translation>
    </message>
    <message>
        <source>form field {name} changed its type</source>
        <translation>il campo modulo {name} ha cambiato tipo</translation>
    </message>
    <message>
        <source>form field {name} removed</source>
        <translation>campo modulo {name} rimosso</translation>
    </message>
    <message>
        <source>form settings changed: {names}</source>
        <translation>impostazioni del modulo modificate: {names}</translation>
    </message>
    <message>
        <source>intact</source>
        <translation>integro</translation>
    </message>
    <message>
        <source>intact (certificate not from a trusted authority)</source>
        <translation>integro (certificato non emesso da un&apos;autorità attendibile)</translation>
    </message>
    <message>
        <source>intact, signer NOT CONFIRMED: {reasons}</source>
        <translation>integro, firmatario NON CONFERMATO: {reasons}</translation>
    </message>
    <message>
        <source>intact, signer confirmed</source>
        <translation>integro, firmatario confermato</translation>
    </message>
    <message>
        <source>later changes that cannot be read</source>
        <translation>modifiche successive che non possono essere lette</translation>
    </message>
    <message>
        <source>layout of page {number} changed</source>
        <translation>impaginazione di pagina {number} modificata</translation>
    </message>
    <message>
        <source>new appearance for field {name}, its value unchanged</source>
        <translation>nuovo aspetto per il campo {name}, valore invariato</translation>
    </message>
    <message>
        <source>new appearance for the empty signature field {name}</source>
        <translation>nuovo aspetto per il campo firma vuoto {name}</translation>
    </message>
    <message>
        <source>new form field {name} added</source>
        <translation>nuovo campo modulo {name} aggiunto</translation>
    </message>
    <message>
        <source>new signature field {name} added</source>
        <translation>nuovo campo firma {name} aggiunto</translation>
    </message>
    <message>
        <source>new signature field {name} added and signed</source>
        <translation>nuovo campo firma {name} aggiunto e firmato</translation>
    </message>
    <message>
        <source>nobody on record signs for the {party}</source>
        <translation>nessuno risulta firmatario per la parte {party}</translation>
    </message>
    <message>
        <source>pages added or removed ({then} pages when signed, {now} now)</source>
        <translation>pagine aggiunte o rimosse ({then} pagine alla firma, {now} ora)</translation>
    </message>
    <message>
        <source>signature added in {name}, a field of no party</source>
        <translation>firma aggiunta in {name}, un campo di nessuna parte</translation>
    </message>
    <message>
        <source>signed in {field}, which is no party&apos;s field</source>
        <translation>firmato in {field}, che non è il campo di alcuna parte</translation>
    </message>
    <message>
        <source>the certificate is not from an authority this office trusts, and none was accepted before for {expected}</source>
        <translation>il certificato non proviene da un&apos;autorità di cui questo ufficio si fida, e nessuno è stato accettato in precedenza per {expected}</translation>
    </message>
    <message>
        <source>the certificate names {name}, but the {party} is to be signed for by {expected}</source>
        <translation>il certificato indica {name}, ma per la parte {party} deve firmare {expected}</translation>
    </message>
    <message>
        <source>the file is not a document stored in this database, so its signers cannot be compared with the records</source>
        <translation>il file non è un documento salvato in questo database, quindi i suoi firmatari non possono essere confrontati con i dati registrati</translation>
    </message>
    <message>
        <source>the signature in {name} was replaced or redrawn</source>
        <translation>la firma in {name} è stata sostituita o ridisegnata</translation>
    </message>
    <message>
        <source>{name} cannot be read as a certificate: {reason}</source>
        <translation>{name} non può essere letto come certificato: {reason}</translation>
    </message>
    <message>
        <source>{name} has no signature field for the {party}: export the document from vipdesk.</source>
        <translation>{name} non ha un campo firma per la parte {party}: esporta il documento da vipdesk.</translation>
    </message>
    <message>
        <source>{name} holds no certificate.</source>
        <translation>{name} non contiene alcun certificato.</translation>
    </message>
    <message>
        <source>{name} is already signed for the {party}.</source>
        <translation>{name} è già firmato per la parte {party}.</translation>
    </message>
    <message>
        <source>{name} is damaged: its signature fields cannot be read ({reason}).</source>
        <translation>{name} è danneggiato: i suoi campi firma non possono essere letti ({reason}).</translation>
    </message>
    <message>
        <source>{scan} is damaged: it cannot be read.</source>
        <translation>{scan} è danneggiata: non può essere letta.</translation>
    </message>
    <message>
        <source>{scan} is empty.</source>
        <translation>{scan} è vuota.</translation>
    </message>
    <message>
        <source>{scan} is not a PDF, PNG or JPEG file.</source>
        <translation>{scan} non è un file PDF, PNG o JPEG.</translation>
    </message>
    <message>
        <source>{scan} is over 25 MB.</source>
        <translation>{scan} supera i 25 MB.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not an amount of money.</source>
        <translation>&apos;{text}&apos; non è un importo di denaro.</translation>
    </message>
    <message>
        <source>Agreement {reference} is signed by every party and locked: changes are amendments, so there is no fillable version to send.</source>
        <translation>L&apos;accordo {reference} è firmato da tutte le parti e bloccato: le modifiche sono un emendamento, quindi non c&apos;è una versione compilabile da inviare.</translation>
    </message>
    <message>
        <source>Cannot read {path}: {reason}.</source>
        <translation>Impossibile leggere {path}: {reason}.</translation>
    </message>
    <message>
        <source>Cannot write to the folder {folder}: {reason}. Choose another folder; no agreement was written.</source>
        <translation>Impossibile scrivere nella cartella {folder}: {reason}. Scegli un&apos;altra cartella; nessun accordo è stato scritto.</translation>
    </message>
    <message>
        <source>Cannot write {file} into {folder} ({reason}): it may be open in another program. {written} of {count} agreements were written.</source>
        <translation>Impossibile scrivere {file} in {folder} ({reason}): potrebbe essere aperto in un altro programma. Sono stati scritti {written} accordi su {count}.</translation>
    </message>
    <message>
        <source>Choose at least one change to accept.</source>
        <translation>Scegli almeno una modifica da accettare.</translation>
    </message>
    <message>
        <source>The actual end is before the actual start.</source>
        <translation>La fine effettiva è precedente all&apos;inizio effettivo.</translation>
    </message>
    <message>
        <source>The agreement is not signed by all parties yet.</source>
        <translation>L&apos;accordo non è ancora firmato da tutte le parti.</translation>
    </message>
    <message>
        <source>The deadline in the task &apos;{task}&apos; is not a date.</source>
        <translation>La scadenza nel compito &apos;{task}&apos; non è una data.</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist; no agreement was written.</source>
        <translation>La cartella {folder} non esiste; nessun accordo è stato scritto.</translation>
    </message>
    <message>
        <source>The returned {field} is longer than {limit} characters (it has {length}).</source>
        <translation>Il campo restituito «{field}» supera i {limit} caratteri (ne ha {length}).</translation>
    </message>
    <message>
        <source>The {document} has not been sent for signature yet: no PDF to send.</source>
        <translation>{document}: non è ancora stato inviato per la firma, quindi non c&apos;è un PDF da inviare.</translation>
    </message>
    <message>
        <source>The {document} is not signed by every party yet.</source>
        <translation>{document}: non è ancora firmato da tutte le parti.</translation>
    </message>
    <message>
        <source>There is no placement &apos;{text}&apos; in this database.</source>
        <translation>In questo database non c&apos;è alcun tirocinio &apos;{text}&apos;.</translation>
    </message>
    <message>
        <source>There is no placement with id {id}.</source>
        <translation>Non c&apos;è alcun tirocinio con id {id}.</translation>
    </message>
    <message>
        <source>This agreement document no longer exists.</source>
        <translation>Questo documento dell&apos;accordo non esiste più.</translation>
    </message>
    <message>
        <source>This agreement version is no longer the current one: a later version replaced it, or it was deleted.</source>
        <translation>Questa versione dell&apos;accordo non è più quella attuale: una versione successiva l&apos;ha sostituita, oppure è stata eliminata.</translation>
    </message>
    <message>
        <source>Write the mentor&apos;s evaluation of the trainee: Table D certifies it.</source>
        <translation>Scrivi la valutazione del tirocinante da parte del mentore: la Tabella D la certifica.</translation>
    </message>
    <message>
        <source>a questionnaire</source>
        <translation>un questionario</translation>
    </message>
    <message>
        <source>a traineeship certificate</source>
        <translation>un certificato di tirocinio</translation>
    </message>
    <message>
        <source>an agreement</source>
        <translation>un accordo</translation>
    </message>
    <message>
        <source>an amendment to an agreement</source>
        <translation>un emendamento a un accordo</translation>
    </message>
    <message>
        <source>financial amount</source>
        <translation>importo del sostegno</translation>
    </message>
    <message>
        <source>financial support</source>
        <translation>sostegno finanziario</translation>
    </message>
    <message>
        <source>host department</source>
        <translation>reparto</translation>
    </message>
    <message>
        <source>host insurance</source>
        <translation>assicurazione dell&apos;organizzazione ospitante</translation>
    </message>
    <message>
        <source>in kind</source>
        <translation>contributo in natura</translation>
    </message>
    <message>
        <source>mentor email</source>
        <translation>e-mail del mentore</translation>
    </message>
    <message>
        <source>mentor name</source>
        <translation>nome del mentore</translation>
    </message>
    <message>
        <source>mentor position</source>
        <translation>ruolo del mentore</translation>
    </message>
    <message>
        <source>nothing of vipdesk</source>
        <translation>nulla di vipdesk</translation>
    </message>
    <message>
        <source>tasks</source>
        <translation>compiti</translation>
    </message>
    <message>
        <source>{file} carries a damaged vipdesk reference.</source>
        <translation>{file} riporta un riferimento vipdesk danneggiato.</translation>
    </message>
    <message>
        <source>{file} carries the reference {reference} with the placement id {theirs}, but {reference} here is placement {ours}: the file comes from another database, or its properties were changed.</source>
        <translation>{file} riporta il riferimento {reference} con l&apos;id di tirocinio {theirs}, ma qui {reference} è il tirocinio {ours}: il file proviene da un altro database, o le sue proprietà sono state modificate.</translation>
    </message>
    <message>
        <source>{file} does not match version {version} of agreement {reference} as it was sent: it was made from other content.</source>
        <translation>{file} non corrisponde alla versione {version} dell&apos;accordo {reference} così come è stata inviata: è stato creato da un altro contenuto.</translation>
    </message>
    <message>
        <source>{file} is damaged and cannot be read as a PDF ({reason}).</source>
        <translation>{file} è danneggiato e non può essere letto come PDF ({reason}).</translation>
    </message>
    <message>
        <source>{file} is damaged: its form fields cannot be read ({reason}).</source>
        <translation>{file} è danneggiato: i suoi campi modulo non possono essere letti ({reason}).</translation>
    </message>
    <message>
        <source>{file} is not a PDF file.</source>
        <translation>{file} non è un file PDF.</translation>
    </message>
    <message>
        <source>{file} is not {wanted} exported by vipdesk.</source>
        <translation>{file} non è un file esportato da vipdesk: era atteso {wanted}.</translation>
    </message>
    <message>
        <source>{file} is protected with a password; ask the sender for an unprotected copy.</source>
        <translation>{file} è protetto da password; chiedi al mittente una copia non protetta.</translation>
    </message>
    <message>
        <source>{file} is the agreement of placement {theirs}, not of {ours}.</source>
        <translation>{file} è l&apos;accordo del tirocinio {theirs}, non di {ours}.</translation>
    </message>
    <message>
        <source>{file} is version {version} of agreement {reference}, which is not stored here: export the current version and send that.</source>
        <translation>{file} è la versione {version} dell&apos;accordo {reference}, che qui non è memorizzata: esporta la versione attuale e invia quella.</translation>
    </message>
    <message>
        <source>{file} is {found}, not {wanted} exported by vipdesk.</source>
        <translation>{file} è {found}; era atteso {wanted} esportato da vipdesk.</translation>
    </message>
    <message>
        <source>{file} was changed after vipdesk exported it: its vipdesk identifiers say {now}, but the file as exported says {was}. It is refused.</source>
        <translation>{file} è stato modificato dopo che vipdesk lo ha esportato: i suoi identificativi vipdesk dicono {now}, ma il file esportato dice {was}. Viene rifiutato.</translation>
    </message>
    <message>
        <source>{file}: the signature in {field} does not hold: {verdict}. The file is not reviewed; ask for the file as it was signed.</source>
        <translation>{file}: la firma in {field} non è valida: {verdict}. Il file non viene esaminato; chiedi il file così come è stato firmato.</translation>
    </message>
    <message>
        <source>{one} or {other}</source>
        <translation>{one} o {other}</translation>
    </message>
    <message>
        <source>{reference} (placement {id})</source>
        <translation>{reference} (tirocinio {id})</translation>
    </message>
    <message>
        <source>{file} asks a questionnaire vipdesk does not know.</source>
        <translation>{file} contiene un questionario che vipdesk non conosce.</translation>
    </message>
    <message>
        <source>{file} asks other questions than the {questionnaire} of {reference} as vipdesk has it (the file was altered, or the agreement&apos;s learning outcomes changed since it was sent): it is refused; send a new one.</source>
        <translation>{file} pone domande diverse da quelle di {questionnaire} di {reference} come lo conosce vipdesk (il file è stato alterato, o i risultati di apprendimento dell&apos;accordo sono cambiati dopo l&apos;invio): viene rifiutato; inviane uno nuovo.</translation>
    </message>
    <message>
        <source>{file} is a questionnaire of placement {reference}, which is not in this database.</source>
        <translation>{file} è un questionario del tirocinio {reference}, che non è in questo database.</translation>
    </message>
    <message>
        <source>{file} is a questionnaire of placement {theirs}, not of {ours}.</source>
        <translation>{file} è un questionario del tirocinio {theirs}, non di {ours}.</translation>
    </message>
    <message>
        <source>{file} is in a language vipdesk does not know.</source>
        <translation>{file} è in una lingua che vipdesk non conosce.</translation>
    </message>
    <message>
        <source>{file} is not complete: {problems}</source>
        <translation>{file} non è completo: {problems}</translation>
    </message>
    <message>
        <source>{file}: its form was altered: {problems}.</source>
        <translation>{file}: il modulo è stato alterato: {problems}.</translation>
    </message>
    <message>
        <source>{file}: {problem}</source>
        <translation>{file}: {problem}</translation>
    </message>
    <message>
        <source>There is no work-list rule &apos;{key}&apos;.</source>
        <translation>Non esiste una regola della lista di lavoro &apos;{key}&apos;.</translation>
    </message>
    <message>
        <source>This deleted record can no longer be restored: someone restored it, or it was deleted more than 30 days ago.</source>
        <translation>Questo dato eliminato non può più essere ripristinato: qualcuno lo ha ripristinato, oppure è stato eliminato più di 30 giorni fa.</translation>
    </message>
    <message>
        <source>{what} {name} cannot be restored: what it belongs to (a student, host, funding source or shared cost) was deleted since, or its reference was taken again. Nothing was changed.</source>
        <translation>{what} {name} non può essere ripristinato: ciò a cui appartiene (uno studente, un&apos;organizzazione ospitante, una fonte di finanziamento o un costo condiviso) è stato eliminato nel frattempo, oppure il suo riferimento è stato riutilizzato. Non è stato cambiato nulla.</translation>
    </message>
    <message>
        <source>“{setting}”: choose from {least} to {most} days.</source>
        <translation>«{setting}»: scegli da {least} a {most} giorni.</translation>
    </message>
    <message>
        <source>Synchronous contact as close as possible to meeting in person: video or web conferencing.</source>
        <translation>Contatto sincrono il più vicino possibile a un incontro di persona: video o web conferenza.</translation>
    </message>
    <message>
        <source>Where the student asks quickly and gets an answer within the agreed reply time.</source>
        <translation>Dove lo studente chiede rapidamente e riceve una risposta entro il tempo di risposta concordato.</translation>
    </message>
    <message>
        <source>Asynchronous and archived: reports, feedback, agreements.</source>
        <translation>Asincrono e archiviato: relazioni, feedback, accordi.</translation>
    </message>
    <message>
        <source>One place where work in progress and deliverables live.</source>
        <translation>Un unico luogo dove stanno il lavoro in corso e i risultati.</translation>
    </message>
    <message>
        <source>A blog or e-portfolio: it also serves the final assessment.</source>
        <translation>Un blog o un e-portfolio: serve anche per la valutazione finale.</translation>
    </message>
    <message>
        <source>Space for informal contact with co-workers: a team channel, a virtual coffee.</source>
        <translation>Spazio per il contatto informale con i colleghi: un canale del team, un caffè virtuale.</translation>
    </message>
    <message>
        <source>A low-bandwidth way to reach each other: a phone call can beat the trendy app.</source>
        <translation>Un modo a bassa larghezza di banda per raggiungersi: una telefonata può battere l&apos;app di moda.</translation>
    </message>
    <message>
        <source>Common in companies and universities; guests need an invitation to the host&apos;s tenant.</source>
        <translation>Diffuso in aziende e università; gli ospiti devono essere invitati nel tenant dell&apos;organizzazione ospitante.</translation>
    </message>
    <message>
        <source>Joins from a link; some companies block it or allow only their own licence.</source>
        <translation>Si accede da un link; alcune aziende lo bloccano o consentono solo la propria licenza.</translation>
    </message>
    <message>
        <source>Runs in the browser; often blocked where a company standardises on Microsoft.</source>
        <translation>Funziona nel browser; spesso bloccato dove un&apos;azienda usa Microsoft come standard.</translation>
    </message>
    <message>
        <source>Open source, no account, runs in the browser; quality depends on the server used.</source>
        <translation>Open source, nessun account, funziona nel browser; la qualità dipende dal server usato.</translation>
    </message>
    <message>
        <source>Frequent in larger companies; joins from a link.</source>
        <translation>Frequente nelle aziende più grandi; si accede da un link.</translation>
    </message>
    <message>
        <source>Channels per topic suit questions and non-task talk; the student needs an invitation to the workspace.</source>
        <translation>I canali per argomento si prestano a domande e chiacchiere fuori dai compiti; lo studente deve essere invitato nel workspace.</translation>
    </message>
    <message>
        <source>Everybody has it and it works on weak connections, but it mixes private and work life and uses private phone numbers.</source>
        <translation>Tutti ce l&apos;hanno e funziona con connessioni deboli, ma mescola vita privata e lavoro e usa numeri di telefono privati.</translation>
    </message>
    <message>
        <source>Private by design; uses private phone numbers.</source>
        <translation>Riservato per progettazione; usa numeri di telefono privati.</translation>
    </message>
    <message>
        <source>Asynchronous, archived, works on any connection: the default for reports and formal exchange.</source>
        <translation>Asincrono, archiviato, funziona con qualsiasi connessione: la scelta predefinita per relazioni e scambi formali.</translation>
    </message>
    <message>
        <source>Works when the internet does not; mind the cost of international calls.</source>
        <translation>Funziona quando internet non funziona; attenzione al costo delle chiamate internazionali.</translation>
    </message>
    <message>
        <source>The institution&apos;s learning platform: assignments, feedback and an archive for the assessment; host staff need guest access.</source>
        <translation>La piattaforma di apprendimento dell&apos;istituto: compiti, feedback e un archivio per la valutazione; il personale dell&apos;organizzazione ospitante ha bisogno di un accesso ospite.</translation>
    </message>
    <message>
        <source>The host&apos;s document store; external users need to be invited.</source>
        <translation>L&apos;archivio documenti dell&apos;organizzazione ospitante; gli utenti esterni devono essere invitati.</translation>
    </message>
    <message>
        <source>Easy sharing by link; check whether the host allows company data there.</source>
        <translation>Condivisione facile tramite link; verifica se l&apos;organizzazione ospitante vi consente dati aziendali.</translation>
    </message>
    <message>
        <source>Self-hosted by many universities; guests can be given links or accounts.</source>
        <translation>Gestito in proprio da molte università; agli ospiti si possono dare link o account.</translation>
    </message>
    <message>
        <source>E-portfolio often run next to Moodle; the student decides what mentor and tutor see.</source>
        <translation>E-portfolio spesso affiancato a Moodle; lo studente decide cosa vedono mentore e tutor.</translation>
    </message>
    <message>
        <source>A reflection blog, private or shared with tutor and mentor.</source>
        <translation>Un blog di riflessione, privato o condiviso con tutor e mentore.</translation>
    </message>
    <message>
        <source>Telephone</source>
        <translation>Telefono</translation>
    </message>
    <message>
        <source>Moodle (the university&apos;s LMS)</source>
        <translation>Moodle (la piattaforma dell&apos;università)</translation>
    </message>
    <message>
        <source>Mahara e-portfolio</source>
        <translation>Mahara e-portfolio</translation>
    </message>
    <message>
        <source>Blog (e.g. WordPress)</source>
        <translation>Blog (ad es. WordPress)</translation>
    </message>
    <message>
        <source>Search students</source>
        <translation>Cerca studenti</translation>
    </message>
    <message>
        <source>Search students…</source>
        <translation>Cerca studenti…</translation>
    </message>
    <message>
        <source>The students, one per row; Enter opens one</source>
        <translation>Gli studenti, uno per riga; Invio apre quello selezionato</translation>
    </message>
    <message>
        <source>Students not loaded</source>
        <translation>Studenti non caricati</translation>
    </message>
    <message>
        <source>Cannot open the student</source>
        <translation>Impossibile aprire lo studente</translation>
    </message>
    <message>
        <source>Delete student</source>
        <translation>Elimina studente</translation>
    </message>
    <message>
        <source>Student not deleted</source>
        <translation>Studente non eliminato</translation>
    </message>
    <message>
        <source>No students yet — press New… to add one</source>
        <translation>Ancora nessuno studente — premi Nuovo… per aggiungerne uno</translation>
    </message>
    <message>
        <source>No students match “{text}”.</source>
        <translation>Nessuno studente corrisponde a “{text}”.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln student(s)</source>
        <translation>
            <numerusform>%Ln studente</numerusform>
            <numerusform>%Ln studenti</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln student(s)</source>
        <translation>
            <numerusform>{shown} di %Ln studente</numerusform>
            <numerusform>{shown} di %Ln studenti</numerusform>
        </translation>
    </message>
    <message>
        <source>Search host organisations</source>
        <translation>Cerca organizzazioni ospitanti</translation>
    </message>
    <message>
        <source>Search host organisations…</source>
        <translation>Cerca organizzazioni ospitanti…</translation>
    </message>
    <message>
        <source>Host organisations</source>
        <translation>Organizzazioni ospitanti</translation>
    </message>
    <message>
        <source>The host organisations, one per row; Enter opens one</source>
        <translation>Le organizzazioni ospitanti, una per riga; Invio apre quella selezionata</translation>
    </message>
    <message>
        <source>Host organisations not loaded</source>
        <translation>Organizzazioni ospitanti non caricate</translation>
    </message>
    <message>
        <source>Cannot open the organisation</source>
        <translation>Impossibile aprire l&apos;organizzazione</translation>
    </message>
    <message>
        <source>Delete organisation</source>
        <translation>Elimina organizzazione</translation>
    </message>
    <message>
        <source>Organisation not deleted</source>
        <translation>Organizzazione non eliminata</translation>
    </message>
    <message>
        <source>No host organisations yet — press New… to add one</source>
        <translation>Ancora nessuna organizzazione ospitante — premi Nuovo… per aggiungerne una</translation>
    </message>
    <message>
        <source>No host organisations match “{text}”.</source>
        <translation>Nessuna organizzazione ospitante corrisponde a “{text}”.</translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln host organisation(s)</source>
        <translation>
            <numerusform>{shown} di %Ln organizzazione ospitante</numerusform>
            <numerusform>{shown} di %Ln organizzazioni ospitanti</numerusform>
        </translation>
    </message>
    <message>
        <source>Search contacts</source>
        <translation>Cerca contatti</translation>
    </message>
    <message>
        <source>Search contacts…</source>
        <translation>Cerca contatti…</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contatti</translation>
    </message>
    <message>
        <source>The contacts, one per row; Enter opens one</source>
        <translation>I contatti, uno per riga; Invio apre quello selezionato</translation>
    </message>
    <message>
        <source>Contacts not loaded</source>
        <translation>Contatti non caricati</translation>
    </message>
    <message>
        <source>Cannot open the contact</source>
        <translation>Impossibile aprire il contatto</translation>
    </message>
    <message>
        <source>Delete contact</source>
        <translation>Elimina contatto</translation>
    </message>
    <message>
        <source>Contact not deleted</source>
        <translation>Contatto non eliminato</translation>
    </message>
    <message>
        <source>No contacts yet — press New… to add one</source>
        <translation>Ancora nessun contatto — premi Nuovo… per aggiungerne uno</translation>
    </message>
    <message>
        <source>No contacts match “{text}”.</source>
        <translation>Nessun contatto corrisponde a “{text}”.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln contact(s)</source>
        <translation>
            <numerusform>%Ln contatto</numerusform>
            <numerusform>%Ln contatti</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln contact(s)</source>
        <translation>
            <numerusform>{shown} di %Ln contatto</numerusform>
            <numerusform>{shown} di %Ln contatti</numerusform>
        </translation>
    </message>
    <message>
        <source>Search institutions</source>
        <translation>Cerca istituti</translation>
    </message>
    <message>
        <source>Search institutions…</source>
        <translation>Cerca istituti…</translation>
    </message>
    <message>
        <source>Institutions</source>
        <translation>Istituti</translation>
    </message>
    <message>
        <source>The institutions, one per row; Enter opens one</source>
        <translation>Gli istituti, uno per riga; Invio apre quello selezionato</translation>
    </message>
    <message>
        <source>Institutions not loaded</source>
        <translation>Istituti non caricati</translation>
    </message>
    <message>
        <source>Cannot open the institution</source>
        <translation>Impossibile aprire l&apos;istituto</translation>
    </message>
    <message>
        <source>Delete institution</source>
        <translation>Elimina istituto</translation>
    </message>
    <message>
        <source>Institution not deleted</source>
        <translation>Istituto non eliminato</translation>
    </message>
    <message>
        <source>No institutions yet — press New… to add one</source>
        <translation>Ancora nessun istituto — premi Nuovo… per aggiungerne uno</translation>
    </message>
    <message>
        <source>No institutions match “{text}”.</source>
        <translation>Nessun istituto corrisponde a “{text}”.</translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln institution(s)</source>
        <translation>
            <numerusform>{shown} di %Ln istituto</numerusform>
            <numerusform>{shown} di %Ln istituti</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln question(s) still need an answer, the first: “{question}”</source>
        <translation>
            <numerusform>%Ln domanda attende ancora una risposta: “{question}”</numerusform>
            <numerusform>%Ln domande attendono ancora una risposta, la prima: “{question}”</numerusform>
        </translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date. Type it as YYYY-MM-DD, e.g. 2026-03-01.</source>
        <translation>&apos;{text}&apos; non è una data. Scrivila come AAAA-MM-GG o GG.MM.AAAA, ad es. 2026-03-01 o 1.3.2026.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number of credits; type e.g. 15 or 7.5.</source>
        <translation>&apos;{text}&apos; non è un numero di crediti; scrivi ad es. 15 o 7,5.</translation>
    </message>
</context>
</TS>
