<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name></name>
    <message>
        <source>Cannot read {name}: {value}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the final PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{reference} {title} for HR.pdf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the fillable PDF for HR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the PDF returned by HR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import returned PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a PDF to verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify a PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This placement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed by every party</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title} is signed by every party and locked. Its final PDF is archived with SHA-256 {final_sha256}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No placement is selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln placement(s)</source>
        <translation>
            <numerusform>%Ln placement</numerusform>
            <numerusform>%Ln placements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The %Ln selected placement(s)</source>
        <translation>
            <numerusform>The selected placement</numerusform>
            <numerusform>The %Ln selected placements</numerusform>
        </translation>
    </message>
    <message>
        <source>The agreements were not exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: no agreement was written, the folder is as it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export agreements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {count} shown with an agreement on file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {count} shown in the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ({missing:,} drafted from their records)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fillable: the host&apos;s part as form fields, for HR to complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agreements of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save into</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One PDF per placement, named by its reference (e.g. VIP-2027-00042.pdf), ready to send for signature. If you cancel, the folder is left as it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the agreements into</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the folder to save the agreements into.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no placement to export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the agreements of {count}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting agreements</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Wrote %Ln agreement(s) to {folder}.</source>
        <translation>
            <numerusform>Wrote %Ln agreement to {folder}.</numerusform>
            <numerusform>Wrote %Ln agreements to {folder}.</numerusform>
        </translation>
    </message>
    <message>
        <source>{replaced:,} of them replaced earlier files of the same name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} had been deleted meanwhile and were left out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned PDF — {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;{name}&lt;/b&gt; differs from the agreement in %n field(s). Tick the changes to accept: they become a new version to send again; the others are left as they are.</source>
        <translation>
            <numerusform>&lt;b&gt;{name}&lt;/b&gt; differs from the agreement in %n field. Tick the changes to accept: they become a new version to send again; the others are left as they are.</numerusform>
            <numerusform>&lt;b&gt;{name}&lt;/b&gt; differs from the agreement in %n fields. Tick the changes to accept: they become a new version to send again; the others are left as they are.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; changes no field of the agreement.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In vipdesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the returned PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed digitally in this file: &lt;b&gt;{who}&lt;/b&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody signed this file digitally.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the {value}&apos;s digital signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Accept selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amend the agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signed agreement stays as it is. An amendment records what changes during the placement; all three parties sign it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. The project moved to a new team; hours reduced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start amendment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traineeship certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate states what really happened. When did the traineeship actually start and end?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actual start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actual end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traineeship certificate {version} — {reference}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (read only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{trainee_name}&lt;/b&gt; at &lt;b&gt;{host_name}&lt;/b&gt;&lt;br&gt;Planned {planned_start} – {planned_end}, {hours_per_week} h/week, {label}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One task per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One learning outcome per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mentor&apos;s evaluation of the trainee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overall assessment or suggested grade (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks carried out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning outcomes achieved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mentor&apos;s evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new version?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start version {value} as a copy of {title}? Version {number} is then superseded: no more signatures are recorded on it, and the new version is sent for signature again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Draft agreement…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Se&amp;nd for signature…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Record signature…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dec&amp;line…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save sc&amp;an…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fillable PDF for HR…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send &amp;by e-mail…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import returned PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ne&amp;w version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;mend…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Certificate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>V&amp;erify a PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;No agreement yet&lt;/b&gt; — &lt;i&gt;Draft the agreement…&lt;/i&gt; starts version 1 from the placement&apos;s records: parties, dates, tasks, tools and the communication protocol.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send it for signature first; then e-mail it to each party.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A later version replaced it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a document in the list first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft the agreement first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No agreement version is open: a returned PDF has nothing to change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only once the agreement is signed by every party and locked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no version to replace yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is out for signature: start a new version to change it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is signed and locked: changes are amendments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is not out for signature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It has no PDF until it is sent for signature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only agreement versions go to HR as a fillable PDF.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a draft or a version out for signature goes to HR.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a paper signature (scan attached) in the signatures table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an agreement version out for signature is replaced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the placement first to draft its agreement.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agreement versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each version of the agreement, its state and date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Party</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Function</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who signed the chosen version, when and how</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>M&amp;ore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every action on the agreement, and why some cannot be done now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit &amp;draft…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why: {note}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent yet: the signatures are recorded once it is out for signature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing order: {order_text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next to sign: &lt;b&gt;{value}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{hex_of}&apos;&gt;Declined by the {party_label}: {reason}&lt;/span&gt; — start a new version to rework it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 of the final PDF: &lt;tt&gt;{final_sha256}&lt;/tt&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send {title} for signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{title}&lt;/b&gt; is frozen when it is sent: its PDF is made and each party signs it in turn. Choose the order in which the parties sign.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who signs first, second, third</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move d&amp;own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order: {order_text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent — please correct first:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scans (*.pdf *.png *.jpg *.jpeg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates with their key (*.p12 *.pfx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Typed approval (by e-mail or letter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Paper signature, with a scan of the signed page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Digital: a PDF &amp;returned signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Digital: sign &amp;here with a certificate (.p12)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record signature — {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{value}&lt;/b&gt; signs &lt;b&gt;{title}&lt;/b&gt;. How did they sign?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used once to sign; never stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record an unconfirmed signer?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{exc}

Record this signature only if you have confirmed who signed (for example by telephone). Your confirmation and the reason are kept in the placement&apos;s history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline — {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A decline is recorded with its reason and &lt;b&gt;resets every other signature&lt;/b&gt; on {title}, digital ones included. Start a new version to change the text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the party wants changed, in their words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Decline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why the party declines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the decline?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record that the {value} declines? Every signature recorded so far on this version is reset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trusted certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signatures whose certificate was issued by one of these authorities are confirmed when the signer&apos;s name matches the person recorded for that party.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The authorities whose signatures count as confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No certificate is trusted yet: signers are confirmed only by the certificate accepted before for them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add certificate file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trusted from now on: {names}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust a certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust this certificate no longer?

{text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;DAMAGED signature&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;ALTERED after signing by {signer}&lt;/b&gt;: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;small&gt;{organisation}issued by {issuer}&lt;br&gt;valid {valid_from} to {valid_until}&lt;br&gt;SHA-256 {value}&lt;br&gt;{value2}&lt;/small&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>intact, but &lt;b&gt;signer NOT CONFIRMED&lt;/b&gt;: {reasons}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>intact; signer confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;This PDF carries &lt;b&gt;no digital signatures&lt;/b&gt;.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;ALTERED or DAMAGED: this file was changed after it was signed, or a signature is broken.&lt;/b&gt;&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Every signature is intact, but a signer is not confirmed&lt;/b&gt; as the person on record: see the reason below.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Every signature is intact&lt;/b&gt; and every signer confirmed: nothing was changed after signing.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;small&gt;on record: {expected}&lt;/small&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;table cellspacing=&apos;0&apos; cellpadding=&apos;3&apos; border=&apos;1&apos; style=&apos;border-collapse:collapse&apos;&gt;&lt;tr&gt;&lt;th&gt;Party&lt;/th&gt;&lt;th&gt;Signed by&lt;/th&gt;&lt;th&gt;When&lt;/th&gt;&lt;th&gt;Verdict&lt;/th&gt;&lt;/tr&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{archived_title} has no archived final PDF to compare with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;This is the archived final PDF&lt;/b&gt; of {archived_title}.&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;This file differs from the archived final PDF&lt;/b&gt; of {archived_title}.&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;{archive}&lt;br&gt;&lt;small&gt;SHA-256 of this file: {sha256}&lt;/small&gt;&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify — {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{who}: name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{who}: position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{who}: e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{who}: phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Programme</source>
        <comment>the agreement&apos;s section</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks and deliverables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning outcomes, monitoring and evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roles and responsibilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Technology</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host commitments</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) to fix before Next.</source>
        <translation>
            <numerusform>%n problem to fix before Next.</numerusform>
            <numerusform>%n problems to fix before Next.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>And see the message(s) in red below.</source>
        <translation>
            <numerusform>And see the message in red below.</numerusform>
            <numerusform>And see the messages in red below.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>See the message(s) in red below.</source>
        <translation>
            <numerusform>See the message in red below.</numerusform>
            <numerusform>See the messages in red below.</numerusform>
        </translation>
    </message>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove {label}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the trainee does</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is handed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deliverable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deliverable:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Microsoft Teams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. weekly meetings, chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. tested with all actors on 12 January</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind of period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EQF 5 — short cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EQF 6 — bachelor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EQF 7 — master</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EQF 8 — doctorate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt; 250 employees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>≥ 250 employees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filled from the placement&apos;s records: correct anything that is wrong here. Fields marked * are required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trainee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending institution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receiving organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ISCED-F code and name, e.g. 0311 Economics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Na&amp;me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of birt&amp;h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nationa&amp;lity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stud&amp;y cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field of e&amp;ducation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. B LEUVEN01</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Responsible person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Academic tutor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instit&amp;ution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Faculty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erasmus &amp;code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ountry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Responsi&amp;ble person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Academ&amp;ic tutor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Information and communication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mentor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or&amp;ganisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>De&amp;partment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addre&amp;ss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Website</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coun&amp;try</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Si&amp;ze</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mento&amp;r</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table A: the traineeship&apos;s title, period, hours and mode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the traineeship is about, in two or three lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The placement&apos;s planned period: {span}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add a period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hours per week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>M&amp;ode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blended periods</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{currency}&apos; is not a currency; choose a code such as EUR from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{level}&apos; is not a language level; choose A1 to C2 or native.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A blended traineeship needs at least one physical and one virtual period; add a physical one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A blended traineeship needs at least one physical and one virtual period; add a virtual one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A blended traineeship needs its physical and virtual periods: add them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add at least one learning outcome: what the trainee will know or be able to do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add at least one line to the communication protocol: when the actors are available, how they report and how fast they reply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add at least one task, with its deliverable and deadline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credits cannot be negative ({credits}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Describe the evaluation procedure: who evaluates the trainee, when and on what basis.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Describe the monitoring plan: who follows the trainee&apos;s progress, and how often.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the ECTS credits: a traineeship embedded in the curriculum counts towards the degree.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the country of the receiving organisation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the first day of the traineeship.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the last day of the traineeship.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the mentor&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the monthly amount of the financial support, or say that there is none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the name of the receiving organisation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the name of the sending institution&apos;s responsible person.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the name of the sending institution.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the title of the traineeship.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the trainee&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours per week must be between {low} and {high}; it is {hours}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No period covers {dates}: every day of a blended traineeship is either physical or virtual.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period {n} (physical, {dates})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period {n} (virtual, {dates})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period {n} needs a first and a last day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task {n} has no description.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task {n}&apos;s deadline {deadline} is after the end of the period ({end}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task {n}&apos;s deadline {deadline} is before the start of the period ({start}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate must be issued within {low} to {high} weeks after the end (it says {weeks}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The duties of the {who} are empty: write at least one, or restore the default text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The monthly amount must be more than 0 (it is {amount}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The traineeship ends on {end}, after the placement&apos;s planned end ({planned}). Change the date here, or the placement&apos;s planned period first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The traineeship starts on {start}, before the placement&apos;s planned start ({planned}). Change the date here, or the placement&apos;s planned period first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool {n} has no name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{period} ends before it starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{period} is not inside the traineeship ({dates}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{period} overlaps {other}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add a task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the trainee will do, what each task delivers and by when. Deadlines fall inside the period, {span}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task {value}&apos;s deadline: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The knowledge, skills and competences to be acquired, how progress is followed and how the trainee is evaluated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Builds churn models in Python</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an o&amp;utcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who follows the trainee&apos;s progress, how and how often</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who evaluates the trainee, when and on what basis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Quality and timeliness of the deliverables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a c&amp;riterion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>level not yet known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning &amp;outcomes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Monitoring plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation &amp;criteria</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language of work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When each actor is available, how and how often the trainee reports, how fast messages are answered, and who is the helpdesk for whom.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Weekly video call with the mentor, Mondays 10:00 CET</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add a line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One duty per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore default text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{role}: name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{role}: duties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the default duties of the {role}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the duties with the standard text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No standard text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the trainee, the mentor, the tutor and the coordinator undertake. One duty per line; edit freely, or restore the standard text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which tool serves what, and whether it was tested with every actor before the start. Tools chosen in the preparation are listed already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add a tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traineeship embedded in the curriculum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voluntary traineeship</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traineeship of a recent graduate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table B: how the sending institution recognises the traineeship, and the trainee&apos;s insurance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Embedded in the curriculum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Voluntary traineeship</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent &amp;graduate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recognition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ECTS &amp;credits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>G&amp;rade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Transcript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Insurance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table C: what the receiving organisation commits to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The organisation &amp;pays a monthly allowance of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monthly amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. a laptop, software licences, access to online tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> weeks after the end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Financial support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support in &amp;kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Certificate within</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The traineeship certificate is issued {low} to {high} weeks after the end at the latest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This version has been sent to the parties and is frozen: it can no longer be changed. Changes need a new version of the agreement.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title}; {span}; {hours_per_week} h/week, {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no tool listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, {credits} ECTS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no allowance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every section at a glance. Finish saves the draft; it stays editable until it is sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language the agreement&apos;s PDF is written in; remembered for this host. Texts vipdesk wrote (default tasks, plans, roles, protocol) follow it when the draft is saved; texts you typed stay as they are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p style=&apos;margin:6px 0&apos;&gt;&lt;span style=&apos;color:{hex_of}&apos;&gt;✘&lt;/span&gt; &lt;b&gt;{title}&lt;/b&gt; — &lt;a href=&apos;{key}&apos;&gt;go to this page&lt;/a&gt;&lt;/p&gt;&lt;ul style=&apos;margin-top:0&apos;&gt;{items}&lt;/ul&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n task(s)</source>
        <translation>
            <numerusform>%n task</numerusform>
            <numerusform>%n tasks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n learning outcome(s)</source>
        <translation>
            <numerusform>%n learning outcome</numerusform>
            <numerusform>%n learning outcomes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n evaluation criterion/criteria</source>
        <translation>
            <numerusform>%n evaluation criterion</numerusform>
            <numerusform>%n evaluation criteria</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n line</numerusform>
            <numerusform>%n lines</numerusform>
        </translation>
    </message>
    <message>
        <source>a monthly allowance, amount not given yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{amount} a month</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>{support}; certificate within %n week(s)</source>
        <translation>
            <numerusform>{support}; certificate within %n week</numerusform>
            <numerusform>{support}; certificate within %n weeks</numerusform>
        </translation>
    </message>
    <message>
        <source>Language of the agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With the &amp;English text alongside (bilingual)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each heading and fixed text in both languages; what people typed, once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language of the agreement:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n section(s) need attention before Finish. Use the links, or Back.</source>
        <translation>
            <numerusform>%n section needs attention before Finish. Use the links, or Back.</numerusform>
            <numerusform>%n sections need attention before Finish. Use the links, or Back.</numerusform>
        </translation>
    </message>
    <message>
        <source>Every section is complete. Press Finish to save the draft.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agreement {reference} — version {version}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (sent, read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every section at a glance, as sent. Close leaves it as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{exc}
What you typed stays on this page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the draft?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save what you typed as a draft before closing?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vipdesk: unexpected error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong that vipdesk did not expect ({kind}). What you saved is safe. Details are in {value}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vipdesk cannot open the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Like the &amp;system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour &amp;scheme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} colours. Panels already open take them in full when opened again, or on the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vipdesk speaks {language} from the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{who}&lt;/b&gt; saved this record after you opened it. Nothing of yours has been saved yet. Compare the two versions, then choose:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved by {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload theirs (drop my edits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep mine (save over theirs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to editing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full name of the person answering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Answered by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the name of the person who answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer this question: it is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{reached} of {planned}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the placement first to record its evaluations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Respondent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcomes reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each evaluation, newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Enter evaluation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport questionnaire…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A fillable PDF for the student, the mentor or the tutor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import returned…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read a filled-in questionnaire PDF back, answer by answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail &amp;questionnaire…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the fillable PDF to the person who answers it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label} by the {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every evaluation is in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not yet given: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start the evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation not stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export a questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail a questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Questionnaire:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The questions and the form in this language; a questionnaire not yet translated into it goes out in English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned: {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: answered by &lt;b&gt;{respondent}&lt;/b&gt; ({value}). Check the answers, then store them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no answer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each question and the answer read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Store these answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Questionnaire not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a questionnaire of this placement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers not stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a bar to list the cost items behind it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Budget against actual per funding source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No funding sources yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One placement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared by year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared, chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All modes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Placements sharing it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick the placements that share the cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a placement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This {what} was changed after you opened it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This {what} was changed by {who} after you opened it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>base currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choice of tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cost item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e-mail setup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list of office leads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>placement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>student&apos;s equity flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tool test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>work-list day count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost item not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Laptop for the student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No funding source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hourly rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Funding source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost item: {description}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New cost item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For staff time, enter the hours and hourly rate and leave the amount empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff time: {hours} h × {rate} = {format_money}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (the amount above is used)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the placement first to record its costs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Costs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The costs of this placement, one per row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New cost item…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>direct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount ({base})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No costs recorded for this placement yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Total {format_money}&lt;/b&gt; — direct {format_money2}, share of shared costs {format_money3}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not counted anywhere yet: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared: all{mode} of {share_year} ({label})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared: {count} placements ({label})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The placement&apos;s costs, one per row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No cost items yet. Add the first with New….</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost items not loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete cost item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete {description}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost item not deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exchange rates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Units of a currency worth 1 {base}, valid from a date until the next rate. A cost is converted at the latest rate on or before its date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate (per 1 {base})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored rates, newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lines of date,currency,rate, e.g. 2026-01-01,USD,1.0825</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a rate: currency, valid from, rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the rate as a number, e.g. 1.0825.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the date the rate is valid from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import exchange rates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} could not be read: {exc}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Stored %n rate(s).</source>
        <translation>
            <numerusform>Stored %n rate.</numerusform>
            <numerusform>Stored %n rates.</numerusform>
        </translation>
    </message>
    <message>
        <source>Source: {source}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erasmus+ grant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By start date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call {year}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The call whose project period covers the placement&apos;s start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fewer opportunities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Green travel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zero grant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No individual support from Erasmus+ EU funds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Travel days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> travel days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra days of individual support for green travel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Travel distance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>distance not given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For short blended stays with fewer opportunities: travel support by distance band</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call year:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-ups:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Travel:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grant lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The grant line by line, with the rule of each</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record as cost item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save what is paid to the student as a cost of this placement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no grant rates to calculate with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source: {note_source}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, country group {group}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{physical_days} physical days{counted}{group}. &lt;b&gt;To the student: {format_money}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · in all {format_money}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grant not recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n month(s)</source>
        <translation>
            <numerusform>%n month</numerusform>
            <numerusform>%n months</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n once</source>
        <comment>a grant line paid one time: 1 once</comment>
        <translation>
            <numerusform>%n once</numerusform>
            <numerusform>%n once</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n participant(s)</source>
        <translation>
            <numerusform>%n participant</numerusform>
            <numerusform>%n participants</numerusform>
        </translation>
    </message>
    <message>
        <source>counted as {months} and {days}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Individual support, days {first}–{last}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the travel distance to add the travel support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Green travel top-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Individual support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traineeship top-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fewer opportunities top-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{days} physical days is less than the {months} months a long-term traineeship needs; only a blended placement with {low} to {high} physical days is funded as short-term.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A purely virtual placement gets no individual support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{days} physical days is too short: the Programme Guide funds physical stays of {low} days or more ({low} to {high} in a blended placement).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A zero-grant participant gets no individual support from Erasmus+ EU funds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisational support (participant {number})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{days} physical days is more than the {months} months the Programme Guide funds in a study cycle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This blended placement has no physical period yet, so nothing is funded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{line}, extra days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fewer opportunities top-up, {days} physical days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Green travel support, {km} km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Travel support, {km} km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No travel support for {km} km: the bands start at 10 km.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No travel support: it goes to {who} only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Green travel days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Erasmus+ rate table covers a start on {day} (vipdesk has {known}); choose a call year.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{country} is in none of the country groups of the call {year} rates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no Erasmus+ rates for the call year {year}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{code} is an outermost region or overseas country or territory: the Programme Guide sets their grants apart and the call {year} table has no rates for them; ask your national agency.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>call {year}: {start} – {end}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The organisational support tiers of this call year end too early.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>funding source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Funding source not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Erasmus+ KA131 2026</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. the grant agreement number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <comment>not a person&apos;s</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount awarded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pays from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pays until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Budget lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Funding source: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New funding source</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln participant(s)</source>
        <translation>
            <numerusform>%Ln participant</numerusform>
            <numerusform>%Ln participants</numerusform>
        </translation>
    </message>
    <message>
        <source>Awarded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overspent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Placement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New source…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost items…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exchange rates…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Funding sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each source: budget, spent, left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Funding sources&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Spent of the amount awarded&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No costs recorded yet: add cost items to see the cost per participant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost per participant by mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost per participant by year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a bar or select a source to list the cost items behind it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the chosen bar or source is made of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Funding not loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{spent} of {awarded}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — overspent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not counted: {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not counted:
• </source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;{title}&lt;/b&gt;: %n cost item(s), {total} in all</source>
        <translation>
            <numerusform>&lt;b&gt;{title}&lt;/b&gt;: %n cost item, {total} in all</numerusform>
            <numerusform>&lt;b&gt;{title}&lt;/b&gt;: %n cost items, {total} in all</numerusform>
        </translation>
    </message>
    <message>
        <source>{label} ({what}), {participants} participants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the funding source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete funding source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete {name}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Funding source not deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anywhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user guide, at the section of what you are looking at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alt + underlined letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The menu, button, tab or field of that letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tab / Shift+Tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The next / previous control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the selected placement or record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrow keys, Page Up/Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move through the rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tab bars</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Tab / Ctrl+Shift+Tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The next / previous tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Placement editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the placement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Esc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close; unsaved changes are asked about</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pickers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Down, then Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the matches of what you typed and take one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YYYY-MM-DD, DD/MM/YYYY or DD.MM.YYYY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text boxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moves on (a text box never keeps Tab)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wizards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alt+N / Alt+B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next / Back page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where, which keys, what they do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vipdesk user guide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the guide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No section mentions this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping… nothing will be changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ({done:,} of {total:,})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It was not done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send by e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{party_label}: the PDF to sign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{party_label}: the fillable PDF for HR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is shown before it goes; you can change it there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message&apos;s wording and dates in this language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language of the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Message in:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every party has signed {title}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No mail server is set (Settings → E-mail): open the message in your mail program, or save it as a file. It is not kept in the outbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attached files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The files sent with it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attached:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From {sender}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open in mail program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as .&amp;eml…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Message:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail (*.eml)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in mail program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No mail program opened it. The message is saved as {path}: attach or open it from there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No e-mail yet. Messages sent from a placement (agreements, questionnaires, reminders) show here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed ({attempts} tries)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <comment>a message that could not be sent</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every e-mail and what became of it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send queued now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;try</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Read…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s)</source>
        <translation>
            <numerusform>%Ln message</numerusform>
            <numerusform>%Ln messages</numerusform>
        </translation>
    </message>
    <message>
        <source>From: {value}
To: {value2}
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cc: {value}
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject: {value}
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attached: {join}
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State: {state}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send reminders</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n reminder(s)&lt;/b&gt; due today.</source>
        <translation>
            <numerusform>&lt;b&gt;%n reminder&lt;/b&gt; due today.</numerusform>
            <numerusform>&lt;b&gt;%n reminders&lt;/b&gt; due today.</numerusform>
        </translation>
    </message>
    <message>
        <source>{reminded_lately} item(s) were reminded in the last 7 days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No e-mail address for {join}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No mail server is set (Settings → E-mail): save them as .eml files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each reminder, to whom and about what</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&amp;Send %n reminder(s)</source>
        <translation>
            <numerusform>&amp;Send %n reminder</numerusform>
            <numerusform>&amp;Send %n reminders</numerusform>
        </translation>
    </message>
    <message>
        <source>Save as .&amp;eml files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the reminders in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the reminders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{summary}.

{first}

The Outbox keeps the failed messages: correct the settings or the address, then Retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n sent</source>
        <translation>
            <numerusform>%n sent</numerusform>
            <numerusform>%n sent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n still queued</source>
        <translation>
            <numerusform>%n still queued</numerusform>
            <numerusform>%n still queued</numerusform>
        </translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stored in the system&apos;s credential store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>International Office, University of …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sender name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply-to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a &amp;test message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each message vipdesk sends; choose one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Placeholders: {names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;wording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore the shipped text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature (ends every message)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title} (office wording)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server and sender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: {exc}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent to {sender_address}; the server answered {reply}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer has no credential store: the password is kept until vipdesk is closed, and will be asked for again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail (*.eml);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import returned mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out&amp;box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;E-mail…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mail server, the sender and the message templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import returned &amp;mail (.eml)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not ours, left alone: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is the {kind} of {reference}: record its signatures in the Agreement tab (Record signature…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vipdesk — {describe_url}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Placements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Students</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Organisations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Institutions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;unding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New placement…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;agreements…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settin&amp;gs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open placement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete placement…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Recently deleted…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Trusted certificates…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About vipdesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Today ({due:,})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{due:,} due · {overdue:,} overdue · {placements:,} placements · {describe_url}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the placement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete placement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete {reference} — {student} at {host}? Its checklist goes with it. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted {reference}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About vipdesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;vipdesk {version__}&lt;/b&gt;&lt;br&gt;Records, preparation and reporting for virtual and blended international work placements.&lt;br&gt;&lt;br&gt;Database: {describe_url}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{text}&apos; mixes separators. Type it as 1234.50 or 1 234,50.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not an amount. Type it as 1234.50 or 1 234,50.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 1234.50 or 1 234,50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports and reflections (*.pdf *.docx *.png *.jpg *.jpeg);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>student, mentor, tutor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>student, mentor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>student, tutor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>student, colleagues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>student, coordinator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>student, mentor, coordinator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>monitoring entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monitoring entry not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. student, mentor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One of the tools chosen for this placement (Preparation tab)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach a file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A PDF, a Word document (.docx), a PNG or a JPEG, up to {value} MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This raised a concern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who took part</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind} of {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New log entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is over {value} MB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read {name}: {strerror}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resolved {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} ({cadence}): {met} of {expected} expected met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; overdue since {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>met on {met_on}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the placement first to keep its monitoring log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monitoring log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meetings, reports and checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected meetings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each slot of the protocol&apos;s cadence: met or missed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New entry…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Recognition…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports and reflections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No communication protocol yet: no rhythm of meetings to measure.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n concern(s) open</source>
        <translation>
            <numerusform>%n concern open</numerusform>
            <numerusform>%n concerns open</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing logged yet: New entry… records the kick-off first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No credits planned: nothing to recognise in the degree.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not complete yet: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{credits_awarded} of {planned_credits} credits, grade {grade}, transcript of {transcript_on}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the {label} of {held_on}? It can be restored from Edit → Recently deleted for 30 days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recognition not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only when more credits are awarded than planned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One learning outcome achieved per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All planned outcomes achieved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credits awarded (ECTS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for more credits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grading scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcript of records of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate received on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ({planned_credits} ECTS planned)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recognition{planned}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{credits} planned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a number from {low} to {high}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Institution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Works at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New {label}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>where this person works</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Institution not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. PL WARSZAW01</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erasmus code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faculty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Website</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Institution: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New institution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Street and number, as on a letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Software, Renewable energy, NGO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Street</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New host organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EQF 5 (short cycle)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EQF 6 (bachelor)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EQF 7 (master)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EQF 8 (doctorate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Student not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ISCED-F, e.g. 0413 Management and administration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages to the student are offered in this language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language for the student&apos;s messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Given name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Family name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Student number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nationality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field of education</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Programme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Languages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Student: {full_name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an institution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Native</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each language with its CEFR level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level (CEFR)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disability or health condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Economic, social or geographic obstacles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Migrant or refugee background</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working student or carer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Special-category personal data (GDPR art. 9): record only what the student declared, e.g. for an Erasmus+ inclusion top-up. Kept apart from the student record, never shown in lists or exports; the history notes only that it changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sensitive: equity flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note on the grant&apos;s grounds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note (only what is needed for the grant)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Student no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Placements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Students</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete {name}? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln host organisation(s)</source>
        <translation>
            <numerusform>%Ln host organisation</numerusform>
            <numerusform>%Ln host organisations</numerusform>
        </translation>
    </message>
    <message>
        <source>contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>institution</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln institution(s)</source>
        <translation>
            <numerusform>%Ln institution</numerusform>
            <numerusform>%Ln institutions</numerusform>
        </translation>
    </message>
    <message>
        <source>done outside vipdesk: </source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) marked below</source>
        <translation>
            <numerusform>%n item marked below</numerusform>
            <numerusform>%n items marked below</numerusform>
        </translation>
    </message>
    <message>
        <source>{count} things block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 thing blocks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{first}; and {last}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{things} “{target}”: {reasons}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other moves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the placement to start its checklist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status: &lt;b&gt;Draft&lt;/b&gt; (not saved yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — step {value} of {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status: &lt;b&gt;{label}&lt;/b&gt;{step}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to “{label}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows what still blocks it, with a way to each fix.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the placement…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen as {label}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to {label}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{phase} — {done} of {count} done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before the placement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>During the placement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After the placement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follows from vipdesk&apos;s records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticking by hand asks why (the records do not show it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ blocks the next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vipdesk ticks “{label}” from its records, which do not show it yet ({value}). Why is it done?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New placement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Placement details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Placement sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — &lt;i&gt;unsaved changes&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;New placement{dirty}&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{reference} — placement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No further step: the placement is completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No further step: the placement was cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No further step</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Next: {label} — %n thing(s) still to do (Status tab)</source>
        <translation>
            <numerusform>Next: {label} — %n thing still to do (Status tab)</numerusform>
            <numerusform>Next: {label} — %n things still to do (Status tab)</numerusform>
        </translation>
    </message>
    <message>
        <source>Next: {label} — nothing blocks it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore unsaved changes?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vipdesk closed on {day} at {time} before changes to this placement were saved. Restore them? (They are not saved until you press Save.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was saved: please correct the fields marked below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{exc} Your edits are still here, not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete {reference} ({title})? Its checklist goes with it. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This placement has changes that are not saved. Save them before closing?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Virtual: online only. Blended: online with a physical stay abroad (give its periods below). Physical: on site at the host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who supervises the trainee&apos;s work at the host; signs the certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who follows the learning at the sending institution and recognises it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trainee&apos;s university, which sends and recognises the placement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agreed first day; the agreement and grant count from it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agreed last day; an extension is an amendment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agreed working hours a week (1 to 60), as the agreement states them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ECTS the placement is worth in the degree; empty when it does not count (then no recognition is needed to complete it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal notes of the office: never printed on the agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Periods</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The placement&apos;s virtual and physical periods: kind, start, end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period {value}: {exc}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New student…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New host…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type part of its name or country (↓ lists them)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New institution…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New mentor…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New tutor…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 7.5 (empty if none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company mentor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned start and end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours per week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ECTS credits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blended: physical and virtual periods</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No student matches what you typed: pick one from the list or create a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No host organisation matches what you typed: pick one from the list or create a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No institution matches what you typed: pick one from the list or create a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No mentor matches what you typed: pick one from the list or create a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tutor matches what you typed: pick one from the list or create a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(deleted since)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing has been recorded for this placement yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The history starts when the placement is first saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What changed, newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the audit entry behind the selected line as stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a line to see the entry as stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{text}

As stored:
{detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the host organisation first: the mentor works there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the sending institution first: the tutor works there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status not changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;The placement cannot move to “{label}” yet.&lt;/b&gt;&lt;br&gt;%n thing(s) need doing first:</source>
        <translation>
            <numerusform>&lt;b&gt;The placement cannot move to “{label}” yet.&lt;/b&gt;&lt;br&gt;This needs doing first:</numerusform>
            <numerusform>&lt;b&gt;The placement cannot move to “{label}” yet.&lt;/b&gt;&lt;br&gt;These %n things need doing first:</numerusform>
        </translation>
    </message>
    <message>
        <source>Open {label}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move anyway (office lead)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move although the records do not back it yet; your reason is kept in the history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel placement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel {reference}? You can reopen it later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why does {reference} move to “{label}” although the records do not back it yet? The reason is kept in the placement&apos;s history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{details}
What to do: {action}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;No placements yet&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start by recording a placement: the student, the host organisation, the dates and the mode (virtual, blended or physical).&lt;br&gt;Or open the demo database to look around with sample records first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New placement (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the demo database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search placements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search reference, student, organisation, title or country  (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All years</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All countries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the placements hosted in one country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only placements with something due on the work list (the Today tab)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the placements of one status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One placement per row; Enter opens it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VIP-2026-00000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All placements</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln shown</source>
        <translation>
            <numerusform>%Ln shown</numerusform>
            <numerusform>%Ln shown</numerusform>
        </translation>
    </message>
    <message>
        <source>Needs attention ({waiting:,})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fri</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sun</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared hours per weekday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No shared hours to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scores per theme, blocking answers and advice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The questionnaire as a fillable PDF to send to the party</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not assessed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · {earlier} earlier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocks: “{question}” {answer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low: {label} ({score})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-assessment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume questionnaire…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} started {started_at} by {respondent}, not finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started {started_at} by {respondent}; continues at the first unanswered page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-assess…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new questionnaire; the earlier result stays in history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start questionnaire…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Communication protocol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Written&lt;/b&gt;{who} · reports {label}, replies within {reply_hours} h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit protocol…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not written yet: availability, reporting, reply times, meetings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write protocol…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{hours_text} shared a working day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared hours: {shared}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With office hours (Monday to Friday, 9:00–17:00) for everyone: {shared}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose tools…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test plan…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tools chosen yet: which tool serves meetings, questions, reports, documents?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{names} · tested {done} of {count} (tool × person)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · {count} tips in Choose tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocks “Agreement sent”:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the placement to start its preparation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import returned questionnaire…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language of exported questionnaires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“Export as PDF…” writes the questionnaire in this language (in English where it is not translated yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> by {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meeting: every {weekday}, {start} ({zone})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDFs &amp;in:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something blocks the start: see the critical answers below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Student, host and institution are ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not everything is assessed or strong enough yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Readiness&lt;/b&gt;&lt;br&gt;{verdict}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{label}&lt;/b&gt; — answered by {respondent} on {when} (questionnaire version {questionnaire_version})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label} works on {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label} starts at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label} ends at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ({first} to {last})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every {weekday}, {start}–{end} ({zone})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared working hours per weekday, {first} to {last}, in the student&apos;s days:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in the student&apos;s time zone, days and hours to see them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Suggested {meeting_minutes}-minute meeting:&lt;/b&gt; {first_line}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;No meeting time&lt;/b&gt; fits every week: see below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>communication protocol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Communication protocol not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> working hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Teams: weekly meeting and quick questions. E-mail: reports. Shared drive: deliverables. A chat group: non-task talk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name, e-mail or phone, and hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Availability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reporting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply within</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meeting length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which tool for what</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Helpdesk for the student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Helpdesk for company staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Communication protocol — {heading}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label}: &apos;{text}&apos; is not a time zone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Readiness result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;{missing} required question(s) not answered yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p style=&apos;font-size:large&apos;&gt;{level_badge}&amp;nbsp; Overall score &lt;b&gt;{overall}&lt;/b&gt;&lt;/p&gt;{note}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>below {threshold}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Blocking answers&lt;/b&gt; — these must be solved before the placement can start:&lt;ul style=&apos;margin-left:-20px&apos;&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;What to do&lt;/b&gt;&lt;ul style=&apos;margin-left:-20px&apos;&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;What to do&lt;/b&gt;&lt;br&gt;Nothing: every answer is strong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Placement:&lt;/b&gt; {about}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} questions on {count2} pages, about {max} minutes. Each page is saved when you press Next: you can stop at any time and continue later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} of {count} answered — </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>answer every question marked * to go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>press Next to save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{page} · Optional: leave empty if there is nothing to add.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Finish to record this assessment. Until then you can go back and change answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{party} readiness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page {n} of {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{exc}
Your answers on this page are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{exc} Their answers are shown now; check this page and press Next again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close without saving?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This page could not be saved. Close anyway and lose its answers?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{tool_name} with the {label}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result: {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date: {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note: {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened; for a failure, what replaces it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test plan — {heading}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try each tool with each person before the start: install, log in, a short call or message, a shared file. Record what happened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the tools first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{who}: someone else recorded this test meanwhile; reloaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— none —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} (not made for this)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose tools that everybody can use and preferably already uses, and say explicitly which one serves each purpose.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the choice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Finish to save. Then test every tool with the student, the mentor and the tutor: the agreement cannot be sent before.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Chosen&lt;/b&gt;&lt;ul style=&apos;margin-left:-20px&apos;&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tool chosen yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No advice: the choice follows the guide.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools — {heading}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> They chose: {join}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone else chose tools for this placement after you opened it.{chosen} Press Finish again to keep your choice, or Back to change it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Their version differs in: {join}.

</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{details}Reload shows their version and drops your edits; Keep mine saves your version over theirs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload (discard mine)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not in the list; choose {what} from it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard your changes?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Equity flags are special-category personal data (GDPR art. 9). Include them only when the recipient needs them, e.g. for a grant&apos;s inclusion support; keep and send the file securely.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report was not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: no file was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every placement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language of the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sheet names, headers, summaries and charts in this language; the data as recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include the students&apos; equity flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Year (planned start)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sensitive data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Then e-mail it (to a funder or a manager)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An Excel workbook with the filters below, key figures with a chart, and the detail. The filters start as they are set in the placements list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the report as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose where to save the report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder {parent} does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} exists already. Replace it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting the report “{title}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>funding sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>placements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {records:,} {what} to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv *.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The template was not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Nothing was imported.&lt;/b&gt; </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save template…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An empty workbook with the right columns and a Help sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How dates written with slashes are read; 31.12.2000 and 2000-12-31 are always clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dates such as 01/02/2026 are written &amp;day first or month first:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rows as they would be imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to correct, row by row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading and checking the file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date order was not changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;This file cannot be imported.&lt;/b&gt; {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (first {PREVIEW_ROWS} shown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{source}&lt;/b&gt;: {count:,} rows{more} — {summary}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;Columns not used: {join}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;Dates with slashes read {label}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Nothing can be imported until every problem below is corrected in the file&lt;/b&gt; ({count:,}).&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;There is nothing new to import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems ({count:,})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> {count:,} already existed and were skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export report to Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save import &amp;template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snooze — {reference}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why, e.g. “host HR away until Monday”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide &amp;until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It shows again the day after, unless the records say it is done by then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work-list rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what}. Shipped default: {default_days} days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore &amp;defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the work list shows an item. These numbers apply to everyone using this database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snoozed {reference} ({what}) until {day_text}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what}: {details}
What to do: {action}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>365 days overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>30 Sep 2026</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the placement where this is done (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;nooze…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide this item until a date ({SNOOZE_SHORTCUT})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rules…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the work list shows an item: the number of days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send re&amp;minders…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail each party a due item waits for: signatures, certificate, evaluations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminders: {summary}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is due, grouped by overdue, this week and later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;All is done&lt;/h2&gt;&lt;p&gt;Nothing needs you today: no signatures waiting too long, no start with preparation open, no certificate or evaluation missing.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;Today, {long_day}&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot snooze</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · {snoozed:,} snoozed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing due{snoozed}.</source>
        <translation type="unfinished"></translation>
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
            <numerusform>%Ln overdue</numerusform>
            <numerusform>%Ln overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln this week</source>
        <translation>
            <numerusform>%Ln this week</numerusform>
            <numerusform>%Ln this week</numerusform>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recently deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Placements and cost items deleted in the last 30 days. Restoring one brings it back with everything it had: checklist, questionnaires, protocol, tools, agreements and costs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was deleted in the last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was deleted in the last 30 days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick from a calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label} (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type part of a name, e-mail or student number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starts soon with preparation open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close what blocks the start, or move the start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warn this many days before the start while preparation is open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agreement waiting for signatures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remind who has not signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agreement out for signature for this many days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still ongoing after its planned end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move it to evaluating, or change the end date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still ongoing this many days after the planned end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traineeship certificate not received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the host for the certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No traineeship certificate this many days after the end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate it with the student and the host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation not done this many days after the end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recognition missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the credits in the transcript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credits not recognised this many days after the end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amendment waiting for signatures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remind who has not signed the amendment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amendment out for signature for this many days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meeting overdue against the protocol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold the meeting and log it, or record why it was missed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days of grace after the protocol&apos;s cadence expected a meeting (then overdue)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool test failed, no reason recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose another tool, or record why it is acceptable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A failed tool test has no reason this many days after it</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>%n day overdue</numerusform>
            <numerusform>%n days overdue</numerusform>
        </translation>
    </message>
    <message>
        <source>Due today</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Due in %n day(s)</source>
        <translation>
            <numerusform>Due in %n day</numerusform>
            <numerusform>Due in %n days</numerusform>
        </translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the student&apos;s readiness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the host&apos;s readiness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the institution&apos;s readiness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the communication protocol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a tool for every purpose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the tool tests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the signed agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{first} and {last}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{student} at {host}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starts {day}; still open: {still}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the student ({name})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the host ({name})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your institution ({name})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not signed yet by {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>declined by {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticked by {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticked by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not ticked yet: {item}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{item} — {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not done yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agreement is not signed by all three parties and locked: {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record the signatures on the Agreement tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No agreement version has been sent for signature: {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>draft it and send it from the Agreement tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>questionnaire completed {day}, no critical flag</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n critical flag(s) open: {flags}</source>
        <translation>
            <numerusform>%n critical flag open: {flags}</numerusform>
            <numerusform>%n critical flags open: {flags}</numerusform>
        </translation>
    </message>
    <message>
        <source>protocol saved {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no tool chosen for: {purposes}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the host mentor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no final evaluation by {first} or {second}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no final evaluation by {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>final evaluations by the student and the host mentor, the last on {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not recorded yet: {missing}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>questionnaire started, not completed yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no questionnaire completed yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no communication protocol saved yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no credits planned: the placement does not count toward the degree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{question}” answered {answer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the company mentor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the academic tutor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not tested with {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed with {who}, no reason recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{tool}: {problems}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n tool(s) tested with every actor</source>
        <translation>
            <numerusform>%n tool tested with every actor</numerusform>
            <numerusform>%n tools tested with every actor</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n failed test(s) accepted with a reason)</source>
        <translation>
            <numerusform>(%n failed test accepted with a reason)</numerusform>
            <numerusform>(%n failed tests accepted with a reason)</numerusform>
        </translation>
    </message>
    <message>
        <source>, last on {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no agreement drafted yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no certificate drafted yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>agreement {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{document} signed and locked {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the trainee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sending institution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the receiving organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{document} declined by {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{document} out for signature; not signed yet by {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every party</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{document} is a draft, not sent for signature yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no kick-off meeting logged yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kick-off meeting logged, on {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n kick-off meeting(s) logged, last on {day}</source>
        <translation>
            <numerusform>%n kick-off meeting logged, last on {day}</numerusform>
            <numerusform>%n kick-off meetings logged, last on {day}</numerusform>
        </translation>
    </message>
    <message>
        <source>no mentor meeting logged yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mentor meeting logged, on {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n mentor meeting(s) logged, last on {day}</source>
        <translation>
            <numerusform>%n mentor meeting logged, last on {day}</numerusform>
            <numerusform>%n mentor meetings logged, last on {day}</numerusform>
        </translation>
    </message>
    <message>
        <source>no coaching session logged yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>coaching session logged, on {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n coaching session(s) logged, last on {day}</source>
        <translation>
            <numerusform>%n coaching session logged, last on {day}</numerusform>
            <numerusform>%n coaching sessions logged, last on {day}</numerusform>
        </translation>
    </message>
    <message>
        <source>no peer feedback logged yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>peer feedback logged, on {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n peer feedback entries logged, last on {day}</source>
        <translation>
            <numerusform>%n peer feedback entry logged, last on {day}</numerusform>
            <numerusform>%n peer feedback entries logged, last on {day}</numerusform>
        </translation>
    </message>
    <message>
        <source>no reflection entry logged yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reflection entry logged, on {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n reflection entry(ies) logged, last on {day}</source>
        <translation>
            <numerusform>%n reflection entry logged, last on {day}</numerusform>
            <numerusform>%n reflection entries logged, last on {day}</numerusform>
        </translation>
    </message>
    <message>
        <source>the credits awarded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the transcript date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the learning outcomes achieved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the certificate&apos;s receipt date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{awarded} of {planned} credits recognised, grade {grade}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, transcript of {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{tool}: failed with {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A meeting was expected by {day}; none logged since.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned end {day}; still ongoing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ended {day}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Student selected; expectations of student, host and institution discussed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Student readiness checked: independence, motivation, digital skills, connectivity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host readiness checked: real tasks, mentor time, system access, security</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Institution readiness checked: learning outcomes, recognition, staff time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Communication tools chosen and tested with every actor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Communication protocol agreed: availability, reporting, reply times, meetings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agreement signed by student, institution and host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparatory training offered: cultural, linguistic, technical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Helpdesk named for the student and for company staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accident and liability insurance arranged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kick-off meeting held with student, mentor and tutor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task mentoring running, with more than one co-worker involved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Academic coaching and feedback sessions held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peer feedback organised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reflection kept by the student (blog or e-portfolio)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any change of programme agreed as an amendment signed by all three</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Placement evaluated with the student and the host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Final assessment of the student done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traineeship certificate issued by the host (within 5 weeks of the end)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credits recognised in the transcript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collaboration and reflection records archived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Equally</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By funded days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By credits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Typed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coordinator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amendment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out for signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed and locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Superseded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kick-off meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mentor meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tutor coaching</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peer feedback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reflection entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Well-being check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mid-term</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Final</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>During</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Digital signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper signature (scan attached)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Typed approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ECTS grades (A–F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass / fail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>German (1.0 best – 5.0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dutch (1 – 10 best)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Italian (18 – 30 best)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Polish (2.0 – 5.0 best)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finnish (0 – 5 best)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Danish 7-point (-3 – 12 best)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mentor: name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mentor: position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mentor: e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Financial support: amount per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contribution in kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insurance by the receiving organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks, deliverables and deadlines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host mentor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{time}  {what} by {user}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} by {user}, {moment}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today · {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yesterday · {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Physical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Virtual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>learning agreement {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>amendment {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>traineeship certificate {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recognition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mid-term evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>final evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{entry} of {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the host organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Student readiness questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host organisation readiness questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending institution readiness questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reopened as a draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sent for signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signed by all three parties and locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>superseded by a newer version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sending institution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>company mentor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>academic tutor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shared cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>planned start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>planned end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hours per week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reply time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>meeting length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>note on tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ticked by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ticked at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signer&apos;s function</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signer&apos;s e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signing date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>content fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fingerprint of the signed PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signed PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signed and locked PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>work-list item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reporting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>meetings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>credits awarded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>transcript date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>certificate received on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>participants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>concern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resolved on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>phase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{reason} (open then: {overridden})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status changed from {before} to {after} past open checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{subject}: {change}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title}, {student} at {host}, {start} – {end}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{tool} with {actor}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind} period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature of {party} on {document}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool for {purpose} changed from {before} to {after}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test of {subject} ({day}) recorded as {outcome}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost {cost}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of a shared cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snooze of a work-list item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{subject} saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Placement {reference} created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Placement {reference} deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{item} ticked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{item} unticked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note on {item} changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind} period added: {start} – {end}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind} period removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{document} drafted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{document} deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{document} {state}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{document} edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed PDF of {document} updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{document} checked and frozen for sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note on {document} changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature of {party} awaited on {document}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature of {party} on {document} removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{how} from {signer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{how}, dated {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature of {party} on {document} recorded ({how})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{party}&apos;s refusal to sign {document} recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature of {party} on {document} reset: signing starts over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note on the signature of {party} on {document} changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{questionnaire} started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{questionnaire} started with {respondent}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{questionnaire} discarded before it was completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{questionnaire} completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Communication protocol saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Communication protocol removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{tool} chosen for {purpose}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool for {purpose} removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test of {subject} removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test of {subject}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note on the test of {subject} changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test of {subject} marked as not yet done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test of {subject} recorded as {outcome}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost {cost} added: {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost {cost} removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared cost {cost} now shared with this placement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This placement no longer shares a shared cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work-list item {item} snoozed until {until}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A work-list item is no longer snoozed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} removed from the outbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} could not be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} queued again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Placement saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field} replaced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field} added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field} set to {after}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field} cleared (was {before})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field} changed from {before} to {after}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind} version {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import &amp;students…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Students…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import students</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import students from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the students import template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved the students template to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing students</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an Excel (.xlsx) or CSV file with one row per student. You see what vipdesk understood before anything is imported; if any row has a problem, nothing is. Rows already in vipdesk are skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln student(s).</source>
        <translation>
            <numerusform>Imported %Ln student.</numerusform>
            <numerusform>Imported %Ln students.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new student(s)</source>
        <translation>
            <numerusform>%Ln new student</numerusform>
            <numerusform>%Ln new students</numerusform>
        </translation>
    </message>
    <message>
        <source>Import &amp;organisations…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Organisations…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import organisations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import organisations from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the organisations import template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved the organisations template to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing organisations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an Excel (.xlsx) or CSV file with one row per organisation. You see what vipdesk understood before anything is imported; if any row has a problem, nothing is. Rows already in vipdesk are skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln organisation(s).</source>
        <translation>
            <numerusform>Imported %Ln organisation.</numerusform>
            <numerusform>Imported %Ln organisations.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new organisation(s)</source>
        <translation>
            <numerusform>%Ln new organisation</numerusform>
            <numerusform>%Ln new organisations</numerusform>
        </translation>
    </message>
    <message>
        <source>Import &amp;placements…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Placements…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import placements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import placements from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the placements import template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved the placements template to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing placements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an Excel (.xlsx) or CSV file with one row per placement. You see what vipdesk understood before anything is imported; if any row has a problem, nothing is. Rows already in vipdesk are skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln placement(s).</source>
        <translation>
            <numerusform>Imported %Ln placement.</numerusform>
            <numerusform>Imported %Ln placements.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new placement(s)</source>
        <translation>
            <numerusform>%Ln new placement</numerusform>
            <numerusform>%Ln new placements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln already exist(s) — skipped</source>
        <translation>
            <numerusform>%Ln already exists — skipped</numerusform>
            <numerusform>%Ln already exist — skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln with problems</source>
        <translation>
            <numerusform>%Ln with problems</numerusform>
            <numerusform>%Ln with problems</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose the student, or create a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the host organisation, or create a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the sending institution.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the placement a title, e.g. &apos;Market research assistant&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The title is longer than 200 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The description is longer than {limit} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{code}&apos; is not an ISO 4217 code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{code}&apos; is not an ISO 4217 currency code (e.g. EUR).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{code}&apos; is not an ISO 4217 currency.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A cost is either for one placement or shared, not both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A placement chosen no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A rate must be more than zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A share cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another funding source has this name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the placement, or the placements or year to share among.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Describe the cost, e.g. &apos;Laptop for the student&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the amount (or, for staff time, the hours and hourly rate).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the amount awarded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the amount to the cent (two decimals at most).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the date of the cost (it chooses the exchange rate).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the first day the source pays for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the last day the source pays for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every share is zero, so the cost cannot be split this way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line {line}: &apos;{code}&apos; is not an ISO 4217 code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line {line}: a rate must be more than zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line {line}: expected date,currency,rate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line {line}: write the date as YYYY-MM-DD and the rate as 1.0825.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the funding source, e.g. &apos;Erasmus+ KA131 2024&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share among the placements listed or among a year, not both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount awarded cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount cannot be negative; enter a refund as its own note.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The description is longer than 200 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hourly rate cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The invoice reference is longer than {limit} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name is longer than 200 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The notes are longer than {limit} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reference is longer than {limit} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no exchange rate for {currency} on or before {day} (against {base}). Enter one, or import them from a CSV file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no grant to record: no physical days are funded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is nobody to share this cost among.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This cost item no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This funding source no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This rate of {currency} for {day} was changed after you opened it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{amount} has more than two decimals; enter it to the cent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{category}: enter a budget of zero or more, to the cent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{cost} ({day}): {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{day} is outside the period of {source} ({start} to {end}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{source} pays for cost items; move or delete them first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{source}: {cost}: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the planned start date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the planned end date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The end ({end}) is before the start ({start}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the hours per week (1 to 60).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours per week must be between 1 and 60.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ECTS credits must be between 0 and 60.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ECTS credits take at most one decimal, e.g. 7.5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A blended placement needs at least one physical and one virtual period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period {n} needs a start and an end date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period {n} ends before it starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period {n} lies outside the planned start and end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Periods {a} and {b} overlap.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chosen student was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chosen host organisation was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chosen sending institution was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chosen mentor was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mentor must work at the host organisation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chosen tutor was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The academic tutor must work at an institution.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another coordinator took the same reference just now: save again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The end is before the start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This placement no longer exists: someone may have deleted it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This placement was deleted by someone else; your edits were not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database refused the change: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A placement cannot go from &apos;{current}&apos; to &apos;{target}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why the placement moves anyway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an office lead can move a placement past open checks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no checklist item &apos;{key}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{item}” follows from vipdesk&apos;s records; to tick it by hand, say why (e.g. “done outside vipdesk: paper questionnaire”).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A login name cannot contain a comma.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list of office leads is longer than {limit} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an office lead can change who the office leads are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not an e-mail address; it should look like name@uni.eu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a country code; choose a country from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the time zone, e.g. Europe/Warsaw.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a time zone; choose one from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The website address is longer than 300 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{value}&apos; does not look like a web address, e.g. https://acme.eu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the given name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The given name is longer than {limit} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the family name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The family name is longer than {limit} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the student&apos;s e-mail address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The student number is longer than {limit} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date of birth is in the future.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A student must be at least {age}; check the year ({year}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another contact already uses this e-mail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another institution already has this name ({name}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another institution already has this name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another organisation already has this name ({name}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another organisation in this country already has this name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another organisation in {country} already has this name ({name}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Born in {year}? Check the year.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the country.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose where this person works: either a host organisation or an institution.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the contact&apos;s e-mail address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the contact&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the institution&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the organisation&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Erasmus code is longer than {limit} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address is longer than {limit} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The city is longer than {limit} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The faculty is longer than {limit} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name is longer than {limit} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The phone number is longer than {limit} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The position is longer than {limit} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The postcode is longer than {limit} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sector is longer than {limit} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The street is longer than {limit} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The study cycle is an EQF level from 5 to 8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field of education is longer than {limit} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The programme is longer than {limit} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This student no longer exists: someone may have deleted it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This student was deleted; the equity flags were not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This {what} no longer exists: someone may have deleted it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This {what} was deleted by someone else; your edits were not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This {what} was linked to another record just now, so it was not deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vipdesk cannot write in &apos;{code}&apos;; choose one of {codes}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language {n}: type the language, e.g. English.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language {n}: the name is longer than {limit} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} placement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} placements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} students</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{first} and {second}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{first}, {second} and {third}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} has {records}; delete or reassign them first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is mentor or tutor of {placements}; choose someone else there first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: choose a level ({levels}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is listed twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another student already uses this e-mail ({name}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another student already has this student number ({name}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chosen institution was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another student already uses this e-mail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another student already has this student number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The equity note is longer than {limit} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the date it took place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date is outside the placement&apos;s period ({start} – {end}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date is in the future: log it once it has taken place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say who took part.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the participants under {limit} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose one of the tools chosen for this placement.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The duration is from {low} to {high} minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep it under {limit} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say what follows up on the concern.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a concern is resolved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The concern is resolved before it was raised.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The resolution date is in the future.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say how the concern was resolved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file {name} is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file {name} is over 20 MB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is over 20 MB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the file name under {limit} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file {name} is not a PDF, a Word document (.docx), a PNG or a JPEG.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is not a PDF, a Word document (.docx), a PNG or a JPEG.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file {name} is named as a {claimed} but is something else inside.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file {name} is named as a {claimed} but is a {found} inside.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file {name} is damaged: it cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credits are from 0 to 60, with at most one decimal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More credits than the {planned} planned: say why in the reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the reason under {limit} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose one of the grading scales.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the grading scale the grade is on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{grade}” is not on the {scale} scale ({grades}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{grade}” is not on the {scale} scale (a number from {low} to {high}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date is in the future.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date is before the placement started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the outcomes under {limit} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This monitoring entry no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This entry has no file attached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reply time is 1 to 336 hours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A meeting lasts 10 to 240 minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep this under {limit} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{who}: choose a time zone from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{who}: tick at least one working day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{who}: enter the start and end of the day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{who}: the day must end after it starts (same day).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{a} ({zone_a}) and {b} ({zone_b}) are {gap} h apart: beyond 6 to 7 hours meetings at the same time are hard to hold. Plan more written, asynchronous exchange.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On {short} of {days} working days they share less than {minimum} hours (least: {least} h on {day}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clocks change on different dates ({listed}): the shared hours move in between. Check the meeting time for those weeks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{zones} on {days}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{a} and {b}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No {minutes}-minute slot lies inside the shared hours on the same weekday all through the placement: widen someone&apos;s hours or agree meeting times week by week.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This questionnaire response no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This questionnaire was completed; re-assess to record new answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} question(s) still need an answer, the first: “{question}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A completed questionnaire is kept as history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no question &apos;{key}&apos; in this version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the answer as text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer is too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a number from 1 to {points}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose one of the answers offered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No questionnaire &apos;{name}&apos; is installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version {version} of the &apos;{questionnaire}&apos; questionnaire is not installed: this response comes from another vipdesk version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The questionnaire translation {name} cannot be read: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The questionnaire translation {name} does not match its English file: {difference}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its id, version or party</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its themes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{found} questions instead of {expected}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>question &apos;{key}&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown purpose or tool: {keys}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the date of the test.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The note is longer than {limit} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This placement no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This protocol was deleted by someone else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A secure connection to {where} failed: {reason} (is it the right port for the security chosen?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachment too large: the message is {size} MB and the server takes at most {limit} MB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachment too large: the server refused the message ({reply}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Login refused by {where}: the user name or password is not accepted ({reply}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No mail server is set: fill in Settings → E-mail, or save the message as .eml.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No password is stored for {user}: enter it in Settings → E-mail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipient refused: {recipient} ({reply}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sender refused: {sender} ({reply}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server unreachable: cannot connect to {where} ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to the server was lost while sending; the message stays to be sent again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server cannot take a user name or password with letters beyond A–Z (it offers no AUTH PLAIN).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server does not take addresses written in non-Latin letters (SMTPUTF8).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the message ({reply}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server {where} does not accept a login on this connection: choose STARTTLS or TLS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server {where} does not offer STARTTLS: choose TLS or ask IT for the right port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give at least one recipient.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the message a subject.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The subject is one line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The subject is over 300 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The attachments come to {size} MB; most servers take 25 MB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A file name may not hold a line break or a slash.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A name or address may not hold a line break.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An empty address is not an e-mail address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{address} is not an e-mail address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This message is no longer in the outbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the server&apos;s name, like smtp.example.edu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The port is a number from 1 to 65535.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the address messages come from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A setting is longer than 200 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the address messages come from in Settings → E-mail first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the user name the password belongs to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A brace must enclose a placeholder, like {example}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown placeholder {name}: use one of the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message needs a text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no mail template &apos;{key}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The placement has no academic tutor to send this to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A certificate is requested from the host, not signed by three.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate is kept; it is not sent to the parties.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The fillable PDF is the agreement for the host&apos;s HR.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {document} is {state}: send it for signature first, then e-mail it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trainee has signed the {document} already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sending institution has signed the {document} already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The receiving organisation has signed the {document} already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agreement {reference} has no e-mail address for the trainee: add it to the record, or write the address in the message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agreement {reference} has no e-mail address for the sending institution: add it to the record, or write the address in the message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agreement {reference} has no e-mail address for the receiving organisation: add it to the record, or write the address in the message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is an Outlook .msg file, which vipdesk does not read: in Outlook, save the message as .eml (or save the attached PDF) and open that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is a PDF, not an e-mail: open it as a returned PDF.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is not an e-mail message (.eml).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is over {limit} MB; save the PDF from it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} carries no agreement or questionnaire exported by vipdesk (no attachment).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} carries no agreement or questionnaire exported by vipdesk ({held}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{email}&apos; is not an e-mail address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All three parties sign: the trainee, the institution and the host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each party may appear only once in the order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the date of the signature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the name of the person who signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name at least one party who signs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No communication tool is recorded: say which tools serve {needed} (choose them in preparation, or on the Technology page) before sending.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No scan is attached for the {party}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signer not confirmed ({because}); recorded on the explicit confirmation of the coordinator. Certificate: {certificate}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signer not confirmed ({because}); recorded on the explicit confirmation of {user}. Certificate: {certificate}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date is before the document was sent ({sent}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date of the signature is in the future.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The placement is &apos;{status}&apos;: move it to &apos;Preparing&apos; before sending the agreement.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {document} is already signed by every party and locked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {document} is not out for signature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {document} is out for signature and cannot change: start a new version to change it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {document} is signed by all parties and locked: record changes as an amendment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {party} does not sign the {document}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {party} has signed the {document} already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {party} signs first (order: {order}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown party &apos;{party}&apos; in the order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} carries no signature for the {party}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is not the {document} as sent for signature with a signature added; ask the party to sign the file they received, without saving it as a new PDF.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: the signature for the {party} is intact, but its signer {signer} is not confirmed: {reasons}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: the signature in {field} does not hold: {verdict}. Nothing was recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind} {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save it from Excel or LibreOffice as .xlsx or as CSV (UTF-8), then import that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open it in Excel or LibreOffice and save it again, or save it as CSV (UTF-8).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} would unpack to {size}, more than a spreadsheet vipdesk reads ({most}); it is not an ordinary workbook.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} holds {count} files; a spreadsheet has far fewer: {advice}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is damaged: the part {member} is missing from it. {advice}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} contains a document type declaration (DTD) in {member}, which workbooks saved by Excel or LibreOffice never do; vipdesk does not read it. {advice}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is damaged: its part {member} is not well-formed ({reason}, line {line}). {advice}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is a damaged or unknown archive: {advice}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is damaged: its part {member} cannot be unpacked. {advice}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number vipdesk can use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{code} is an error shown by the spreadsheet (a formula that failed), not a value: correct it or clear the cell.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cell holds {size} characters; a cell holds at most {most}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cell holds {type}, not a value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{text}&apos; contains a control character ({code}), which is not text: retype the cell.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The column &apos;{title}&apos; is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date in the calendar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The column &apos;{title}&apos; (or &apos;{first}&apos; or &apos;{second}&apos;) is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The column &apos;{title}&apos; (or &apos;{first}&apos;) is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date in the calendar; dates with / are read day first (1 February).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date in the calendar; dates with / are read month first (January 2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is a number, not a date: format the cell as a date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is a duration, not a date: format the cell as a date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a country: write its English name or its code (DE).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a language vipdesk writes messages in: write one of {codes}, or its name (German, Deutsch).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two columns mean &apos;{title}&apos; (&apos;{first}&apos; and &apos;{second}&apos;); keep one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a column &apos;{first}&apos; or &apos;{second}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date: write 2027-02-01, 01.02.2027 or 01/02/2027.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{order} is not a date order: choose day_first or month_first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is larger than {most} ({size}); import it in parts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is a ZIP archive, not a spreadsheet: {advice}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The row has {last} values but the header only {width} columns: a value that holds the separator (comma) needs quotes around it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is empty: there is nothing to import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is a folder, not a file: choose a file in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is a named pipe, not an ordinary file: vipdesk imports only files saved on disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is a socket, not an ordinary file: vipdesk imports only files saved on disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is a device, not an ordinary file: vipdesk imports only files saved on disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is a PDF document, not a spreadsheet: {advice}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is an old-style Excel 97-2003 (.xls) or Office file, not a spreadsheet: {advice}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is an image, not a spreadsheet: {advice}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is text in UTF-16 (Excel&apos;s &apos;Unicode Text&apos;), not a spreadsheet: {advice}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is a binary file, not a spreadsheet: {advice}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is an OpenDocument spreadsheet (.ods), not a spreadsheet: {advice}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is a Word document, not a spreadsheet: {advice}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The row has {last} values but the header only {width} columns: a value that holds the separator (tab) needs quotes around it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The row has {last} values but the header only {width} columns: a value that holds the separator (semicolon) needs quotes around it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} has no worksheet: there is nothing to import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no file {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind} {start} to {end}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read {name}: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is not UTF-8 text (line {line}): in Excel choose &apos;CSV UTF-8 (comma delimited)&apos; when saving, or save as .xlsx.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is not a readable CSV file (line {line}): {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} has more than {most} rows; import it in parts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is damaged: its sheet cannot be read ({reason}). {advice}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is damaged here ({reason}): nothing from this row on can be read. {advice}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a mode; choose one of: {allowed}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a status; choose one of: {allowed}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is far too many hours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a whole number of hours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a period: write e.g. &apos;physical 2027-02-01 to 2027-02-28&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No student with the e-mail {email} in vipdesk; import or add the student first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No student with the number {number} in vipdesk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The e-mail and the student number belong to two different students.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No host organisation &apos;{name}&apos; in {country} in vipdesk; import or add it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} contacts at the host are called {name}: give the e-mail instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A reference has at most 20 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the mode: virtual, blended or physical.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No contact with the e-mail {email} in vipdesk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} contacts at the institution are called {name}: give the e-mail instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same reference as row {first}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same student, host and planned start as row {first}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody called {name} works at the host; give the e-mail of a contact in vipdesk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody called {name} works at the institution; give the e-mail of a contact in vipdesk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vipdesk imports {kinds}; not &apos;{kind}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing imported: {problems} problems in {rows} rows of {source}; correct the file and import it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database refused one of the placements (someone may have added the same record meanwhile), so nothing was imported. Import the file again: the preview will show what exists now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing imported: 1 problem in 1 row of {source}; correct the file and import it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing imported: {problems} problems in 1 row of {source}; correct the file and import it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database refused one of the students (someone may have added the same record meanwhile), so nothing was imported. Import the file again: the preview will show what exists now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database refused one of the organisations (someone may have added the same record meanwhile), so nothing was imported. Import the file again: the preview will show what exists now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no rows below the header.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a study cycle: write 5, 6, 7 or 8 (EQF level).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a size; choose one of: {allowed}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no institution &apos;{name}&apos; in vipdesk; add it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same e-mail as row {first}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is far too many employees.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a whole number of employees.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number of employees.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same student number as row {first}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is stored as a number but is none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cell is formatted as a date but {text} is no date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is damaged: its shared strings are not well-formed ({reason}, line {line}). {advice}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is damaged: the sheet &apos;{sheet}&apos; is listed but not where to find it. {advice}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>row {row} is beyond Excel&apos;s last row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cell refers to text the file does not hold: damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a cell lies beyond Excel&apos;s last column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the database {name}: the folder {folder} is read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot make the folder {folder} for the database: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database URL is not understood; write it as {forms}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database at {url} cannot be reached. Check the network or the server, then try again; nothing you typed has been lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is busy: another program is writing to it. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk holding {database} is full: free some space, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder {folder} is read-only: vipdesk needs to write beside the database {name}. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server name {host} is not known: check the host in the database URL and the network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server {host} asks for a password for user {user}: add it to the database URL (postgresql+psycopg://USER:PASSWORD@HOST/DATABASE).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server {host} has no user {user}: check the user name in the database URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server {host} refused the password of user {user}: check the password in the database URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no database &quot;{name}&quot; on the server {host}: check its name in the URL, or ask the administrator to create it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This database was made by a newer version of vipdesk (schema {schema}). Install the newer vipdesk to open it; it has not been changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User {user} may not connect to the database &quot;{name}&quot; on {host}: ask the administrator for access.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vipdesk reaches PostgreSQL through psycopg: write the database URL as postgresql+psycopg://… instead of {scheme}://….</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vipdesk works with SQLite files and PostgreSQL servers, not {scheme}://…; write the database URL as {forms}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{database} cannot be read or written: its disk or network drive reported an error or is not available. Check it, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{database} holds other data and is not a vipdesk database; it has not been changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{database} is damaged: it cannot be read as a database. It has not been changed; open a backup copy instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{database} is not a vipdesk database: it is not a database file at all. It has not been changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{database} is open read-only: vipdesk needs to write to it. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} cannot be opened: check that its folder exists and can be written to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} cannot be opened: your account may not read it (file permissions).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is a folder, not a database file: give the path of a file, such as {example}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is a read-only file: vipdesk needs to write to it. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A trusted certificate cannot be read: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ALTERED after signing by {signer}: {changes}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ALTERED after signing by {signer}: {changes} ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ALTERED: the signed content does not match the signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot make a temporary file beside {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open {name}: the passphrase is wrong, or it is not a PKCS#12 key file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot sign {name}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write to {folder}: the folder does not exist; {name} was not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write {name}: it may be open in another program (close it there), or the folder {folder} is read-only. Nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write {name}: {reason}. Nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DAMAGED signature: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No trusted certificate has the fingerprint {fingerprint}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk holding {folder} is full; {name} was not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scan {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a different certificate than the one accepted before for {expected} (SHA-256 {fingerprint}…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an annotation on page {number} changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>annotations added on page {number}: {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>annotations removed from page {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bytes were appended after the signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changes that are not allowed after signing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>content of page {number} changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>document properties (XMP metadata) changed: {names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>document properties changed: {names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>document settings changed: {names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>field {name} changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fonts or images of page {number} changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>form field {name} changed its type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>form field {name} removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>form settings changed: {names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>intact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>intact (certificate not from a trusted authority)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>intact, signer NOT CONFIRMED: {reasons}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>intact, signer confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>later changes that cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layout of page {number} changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new appearance for field {name}, its value unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new appearance for the empty signature field {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new form field {name} added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new signature field {name} added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new signature field {name} added and signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nobody on record signs for the {party}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pages added or removed ({then} pages when signed, {now} now)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signature added in {name}, a field of no party</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signed in {field}, which is no party&apos;s field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the certificate is not from an authority this office trusts, and none was accepted before for {expected}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the certificate names {name}, but the {party} is to be signed for by {expected}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is not a document stored in this database, so its signers cannot be compared with the records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the signature in {name} was replaced or redrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} cannot be read as a certificate: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} has no signature field for the {party}: export the document from vipdesk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} holds no certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is already signed for the {party}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is damaged: its signature fields cannot be read ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{scan} is damaged: it cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{scan} is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{scan} is not a PDF, PNG or JPEG file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{scan} is over 25 MB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not an amount of money.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agreement {reference} is signed by every party and locked: changes are amendments, so there is no fillable version to send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read {path}: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write to the folder {folder}: {reason}. Choose another folder; no agreement was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write {file} into {folder} ({reason}): it may be open in another program. {written} of {count} agreements were written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at least one change to accept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The actual end is before the actual start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agreement is not signed by all parties yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The deadline in the task &apos;{task}&apos; is not a date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder {folder} does not exist; no agreement was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The returned {field} is longer than {limit} characters (it has {length}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {document} has not been sent for signature yet: no PDF to send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {document} is not signed by every party yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no placement &apos;{text}&apos; in this database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no placement with id {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This agreement document no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This agreement version is no longer the current one: a later version replaced it, or it was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the mentor&apos;s evaluation of the trainee: Table D certifies it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a traineeship certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an amendment to an agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>financial amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>financial support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host insurance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mentor email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mentor name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mentor position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing of vipdesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} carries a damaged vipdesk reference.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} carries the reference {reference} with the placement id {theirs}, but {reference} here is placement {ours}: the file comes from another database, or its properties were changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} does not match version {version} of agreement {reference} as it was sent: it was made from other content.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is damaged and cannot be read as a PDF ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is damaged: its form fields cannot be read ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is not a PDF file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is not {wanted} exported by vipdesk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is protected with a password; ask the sender for an unprotected copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is the agreement of placement {theirs}, not of {ours}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is version {version} of agreement {reference}, which is not stored here: export the current version and send that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is {found}, not {wanted} exported by vipdesk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} was changed after vipdesk exported it: its vipdesk identifiers say {now}, but the file as exported says {was}. It is refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: the signature in {field} does not hold: {verdict}. The file is not reviewed; ask for the file as it was signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{one} or {other}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{reference} (placement {id})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} asks a questionnaire vipdesk does not know.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} asks other questions than the {questionnaire} of {reference} as vipdesk has it (the file was altered, or the agreement&apos;s learning outcomes changed since it was sent): it is refused; send a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is a questionnaire of placement {reference}, which is not in this database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is a questionnaire of placement {theirs}, not of {ours}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is in a language vipdesk does not know.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is not complete: {problems}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: its form was altered: {problems}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no work-list rule &apos;{key}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This deleted record can no longer be restored: someone restored it, or it was deleted more than 30 days ago.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} {name} cannot be restored: what it belongs to (a student, host, funding source or shared cost) was deleted since, or its reference was taken again. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{setting}”: choose from {least} to {most} days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synchronous contact as close as possible to meeting in person: video or web conferencing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the student asks quickly and gets an answer within the agreed reply time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asynchronous and archived: reports, feedback, agreements.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One place where work in progress and deliverables live.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A blog or e-portfolio: it also serves the final assessment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Space for informal contact with co-workers: a team channel, a virtual coffee.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A low-bandwidth way to reach each other: a phone call can beat the trendy app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Common in companies and universities; guests need an invitation to the host&apos;s tenant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joins from a link; some companies block it or allow only their own licence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs in the browser; often blocked where a company standardises on Microsoft.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open source, no account, runs in the browser; quality depends on the server used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frequent in larger companies; joins from a link.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channels per topic suit questions and non-task talk; the student needs an invitation to the workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everybody has it and it works on weak connections, but it mixes private and work life and uses private phone numbers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private by design; uses private phone numbers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asynchronous, archived, works on any connection: the default for reports and formal exchange.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Works when the internet does not; mind the cost of international calls.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The institution&apos;s learning platform: assignments, feedback and an archive for the assessment; host staff need guest access.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host&apos;s document store; external users need to be invited.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Easy sharing by link; check whether the host allows company data there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Self-hosted by many universities; guests can be given links or accounts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-portfolio often run next to Moodle; the student decides what mentor and tutor see.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A reflection blog, private or shared with tutor and mentor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Telephone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moodle (the university&apos;s LMS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mahara e-portfolio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blog (e.g. WordPress)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search students</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search students…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The students, one per row; Enter opens one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Students not loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Student not deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No students yet — press New… to add one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No students match “{text}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln student(s)</source>
        <translation>
            <numerusform>%Ln student</numerusform>
            <numerusform>%Ln students</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln student(s)</source>
        <translation>
            <numerusform>{shown} of %Ln student</numerusform>
            <numerusform>{shown} of %Ln students</numerusform>
        </translation>
    </message>
    <message>
        <source>Search host organisations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search host organisations…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host organisations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host organisations, one per row; Enter opens one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host organisations not loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation not deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No host organisations yet — press New… to add one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No host organisations match “{text}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln host organisation(s)</source>
        <translation>
            <numerusform>{shown} of %Ln host organisation</numerusform>
            <numerusform>{shown} of %Ln host organisations</numerusform>
        </translation>
    </message>
    <message>
        <source>Search contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search contacts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contacts, one per row; Enter opens one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts not loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact not deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No contacts yet — press New… to add one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No contacts match “{text}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln contact(s)</source>
        <translation>
            <numerusform>%Ln contact</numerusform>
            <numerusform>%Ln contacts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln contact(s)</source>
        <translation>
            <numerusform>{shown} of %Ln contact</numerusform>
            <numerusform>{shown} of %Ln contacts</numerusform>
        </translation>
    </message>
    <message>
        <source>Search institutions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search institutions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Institutions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The institutions, one per row; Enter opens one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Institutions not loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the institution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete institution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Institution not deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No institutions yet — press New… to add one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No institutions match “{text}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln institution(s)</source>
        <translation>
            <numerusform>{shown} of %Ln institution</numerusform>
            <numerusform>{shown} of %Ln institutions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln question(s) still need an answer, the first: “{question}”</source>
        <translation>
            <numerusform>%Ln question(s) still need an answer, the first: “{question}”</numerusform>
            <numerusform>%Ln question(s) still need an answer, the first: “{question}”</numerusform>
        </translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date. Type it as YYYY-MM-DD, e.g. 2026-03-01.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number of credits; type e.g. 15 or 7.5.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
