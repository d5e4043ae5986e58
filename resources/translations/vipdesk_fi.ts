<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fi_FI">
<context>
    <name></name>
    <message>
        <source>Cannot read {name}: {value}.</source>
        <translation>Tiedostoa {name} ei voi lukea: {value}.</translation>
    </message>
    <message>
        <source>Draft agreement</source>
        <translation>Sopimusluonnos</translation>
    </message>
    <message>
        <source>Save the final PDF</source>
        <translation>Tallenna lopullinen PDF</translation>
    </message>
    <message>
        <source>Save the PDF</source>
        <translation>Tallenna PDF</translation>
    </message>
    <message>
        <source>{reference} {title} for HR.pdf</source>
        <translation>{reference} {title} henkilöstöhallinnolle.pdf</translation>
    </message>
    <message>
        <source>Save the fillable PDF for HR</source>
        <translation>Tallenna täytettävä PDF henkilöstöhallinnolle</translation>
    </message>
    <message>
        <source>Choose the PDF returned by HR</source>
        <translation>Valitse henkilöstöhallinnon palauttama PDF</translation>
    </message>
    <message>
        <source>Import returned PDF</source>
        <translation>Tuo palautettu PDF</translation>
    </message>
    <message>
        <source>Choose a PDF to verify</source>
        <translation>Valitse tarkistettava PDF</translation>
    </message>
    <message>
        <source>Verify a PDF</source>
        <translation>Tarkista PDF</translation>
    </message>
    <message>
        <source>This placement</source>
        <translation>Tämä harjoittelu</translation>
    </message>
    <message>
        <source>Signed by every party</source>
        <translation>Kaikkien osapuolten allekirjoittama</translation>
    </message>
    <message>
        <source>{title} is signed by every party and locked. Its final PDF is archived with SHA-256 {final_sha256}.</source>
        <translation>{title} on kaikkien osapuolten allekirjoittama ja lukittu. Sen lopullinen PDF on arkistoitu SHA-256-tiivisteellä {final_sha256}.</translation>
    </message>
    <message>
        <source>Save scan</source>
        <translation>Tallenna skannaus</translation>
    </message>
    <message>
        <source>Save the scan</source>
        <translation>Tallenna skannaus</translation>
    </message>
    <message>
        <source>No placement is selected</source>
        <translation>Harjoittelua ei ole valittu</translation>
    </message>
    <message numerus="yes">
        <source>%Ln placement(s)</source>
        <translation>
            <numerusform>%Ln harjoittelu</numerusform>
            <numerusform>%Ln harjoittelua</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The %Ln selected placement(s)</source>
        <translation>
            <numerusform>Valittu %Ln harjoittelu</numerusform>
            <numerusform>Valitut %Ln harjoittelua</numerusform>
        </translation>
    </message>
    <message>
        <source>The agreements were not exported</source>
        <translation>Sopimuksia ei viety</translation>
    </message>
    <message>
        <source>Cancelled: no agreement was written, the folder is as it was.</source>
        <translation>Peruttu: sopimuksia ei kirjoitettu, kansio on ennallaan.</translation>
    </message>
    <message>
        <source>Export agreements</source>
        <translation>Vie sopimukset</translation>
    </message>
    <message>
        <source>The {count} shown with an agreement on file</source>
        <translation>Näytetyt {count}, joilla on tallennettu sopimus</translation>
    </message>
    <message>
        <source>The {count} shown in the list</source>
        <translation>Luettelossa näytetyt {count}</translation>
    </message>
    <message>
        <source> ({missing:,} drafted from their records)</source>
        <translation> ({missing:,} laadittu tietojen pohjalta)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Valitse…</translation>
    </message>
    <message>
        <source>Fillable: the host&apos;s part as form fields, for HR to complete</source>
        <translation>Täytettävä: vastaanottavan organisaation osa lomakekenttinä henkilöstöhallinnon täytettäväksi</translation>
    </message>
    <message>
        <source>Agreements of</source>
        <translation>Harjoittelut</translation>
    </message>
    <message>
        <source>Save into</source>
        <translation>Tallennuskansio</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Muunnelma</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Avaa kansio</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Vie</translation>
    </message>
    <message>
        <source>One PDF per placement, named by its reference (e.g. VIP-2027-00042.pdf), ready to send for signature. If you cancel, the folder is left as it was.</source>
        <translation>Yksi PDF harjoittelua kohti, nimettynä sen tunnuksella (esim. VIP-2027-00042.pdf), valmiina allekirjoitettavaksi lähetettäväksi. Jos peruutat, kansio jää ennalleen.</translation>
    </message>
    <message>
        <source>Save the agreements into</source>
        <translation>Tallenna sopimukset kansioon</translation>
    </message>
    <message>
        <source>Choose the folder to save the agreements into.</source>
        <translation>Valitse kansio, johon sopimukset tallennetaan.</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>Kansiota {folder} ei ole olemassa.</translation>
    </message>
    <message>
        <source>There is no placement to export.</source>
        <translation>Vietäviä harjoitteluja ei ole.</translation>
    </message>
    <message>
        <source>Writing the agreements of {count}…</source>
        <translation>Kirjoitetaan sopimuksia ({count})…</translation>
    </message>
    <message>
        <source>Exporting agreements</source>
        <translation>Viedään sopimuksia</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %Ln agreement(s) to {folder}.</source>
        <translation>
            <numerusform>Kirjoitettiin %Ln sopimus kansioon {folder}.</numerusform>
            <numerusform>Kirjoitettiin %Ln sopimusta kansioon {folder}.</numerusform>
        </translation>
    </message>
    <message>
        <source>{replaced:,} of them replaced earlier files of the same name.</source>
        <translation>Niistä {replaced:,} korvasi aiemmat samannimiset tiedostot.</translation>
    </message>
    <message>
        <source>{count} had been deleted meanwhile and were left out.</source>
        <translation>{count} oli poistettu sillä välin, ja ne jätettiin pois.</translation>
    </message>
    <message>
        <source>Returned PDF — {name}</source>
        <translation>Palautettu PDF — {name}</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;{name}&lt;/b&gt; differs from the agreement in %n field(s). Tick the changes to accept: they become a new version to send again; the others are left as they are.</source>
        <translation>
            <numerusform>&lt;b&gt;{name}&lt;/b&gt; poikkeaa sopimuksesta %n kentässä. Valitse hyväksyttävät muutokset: niistä tulee uusi versio lähetettäväksi uudelleen; muut jätetään ennalleen.</numerusform>
            <numerusform>&lt;b&gt;{name}&lt;/b&gt; poikkeaa sopimuksesta %n kentässä. Valitse hyväksyttävät muutokset: niistä tulee uusi versio lähetettäväksi uudelleen; muut jätetään ennalleen.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; changes no field of the agreement.</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; ei muuta mitään sopimuksen kenttää.</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Kenttä</translation>
    </message>
    <message>
        <source>In vipdesk</source>
        <translation>Vipdeskissä</translation>
    </message>
    <message>
        <source>In the returned PDF</source>
        <translation>Palautetussa PDF:ssä</translation>
    </message>
    <message>
        <source>Signed digitally in this file: &lt;b&gt;{who}&lt;/b&gt;.</source>
        <translation>Tämän tiedoston digitaalisesti allekirjoittanut: &lt;b&gt;{who}&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Nobody signed this file digitally.</source>
        <translation>Kukaan ei ole allekirjoittanut tätä tiedostoa digitaalisesti.</translation>
    </message>
    <message>
        <source>Record the {value}&apos;s digital signature</source>
        <translation>Kirjaa digitaalinen allekirjoitus: {value}</translation>
    </message>
    <message>
        <source>&amp;Accept selected</source>
        <translation>&amp;Hyväksy valitut</translation>
    </message>
    <message>
        <source>Amend the agreement</source>
        <translation>Muuta sopimusta</translation>
    </message>
    <message>
        <source>The signed agreement stays as it is. An amendment records what changes during the placement; all three parties sign it.</source>
        <translation>Allekirjoitettu sopimus pysyy ennallaan. Sopimusmuutokseen kirjataan, mikä muuttuu harjoittelun aikana; kaikki kolme osapuolta allekirjoittavat sen.</translation>
    </message>
    <message>
        <source>e.g. The project moved to a new team; hours reduced.</source>
        <translation>esim. Projekti siirtyi uudelle tiimille; tunteja vähennettiin.</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Syy</translation>
    </message>
    <message>
        <source>&amp;Start amendment</source>
        <translation>&amp;Aloita sopimusmuutos</translation>
    </message>
    <message>
        <source>Traineeship certificate</source>
        <translation>Harjoittelutodistus</translation>
    </message>
    <message>
        <source>The certificate states what really happened. When did the traineeship actually start and end?</source>
        <translation>Todistuksessa kerrotaan, mitä todella tapahtui. Milloin harjoittelu todellisuudessa alkoi ja päättyi?</translation>
    </message>
    <message>
        <source>Actual start</source>
        <translation>Todellinen alku</translation>
    </message>
    <message>
        <source>Actual end</source>
        <translation>Todellinen loppu</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;Jatka</translation>
    </message>
    <message>
        <source>Traineeship certificate {version} — {reference}</source>
        <translation>Harjoittelutodistus {version} — {reference}</translation>
    </message>
    <message>
        <source> (read only)</source>
        <translation> (vain luku)</translation>
    </message>
    <message>
        <source>&lt;b&gt;{trainee_name}&lt;/b&gt; at &lt;b&gt;{host_name}&lt;/b&gt;&lt;br&gt;Planned {planned_start} – {planned_end}, {hours_per_week} h/week, {label}</source>
        <translation>&lt;b&gt;{trainee_name}&lt;/b&gt;, &lt;b&gt;{host_name}&lt;/b&gt;&lt;br&gt;Suunniteltu {planned_start} – {planned_end}, {hours_per_week} h/vko, {label}</translation>
    </message>
    <message>
        <source>One task per line</source>
        <translation>Yksi tehtävä riviä kohti</translation>
    </message>
    <message>
        <source>One learning outcome per line</source>
        <translation>Yksi oppimistulos riviä kohti</translation>
    </message>
    <message>
        <source>The mentor&apos;s evaluation of the trainee</source>
        <translation>Mentorin arvio harjoittelijasta</translation>
    </message>
    <message>
        <source>Overall assessment or suggested grade (optional)</source>
        <translation>Kokonaisarvio tai ehdotettu arvosana (valinnainen)</translation>
    </message>
    <message>
        <source>Tasks carried out</source>
        <translation>Suoritetut tehtävät</translation>
    </message>
    <message>
        <source>Learning outcomes achieved</source>
        <translation>Saavutetut oppimistulokset</translation>
    </message>
    <message>
        <source>Mentor&apos;s evaluation</source>
        <translation>Mentorin arvio</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>Arvio</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Tallenna</translation>
    </message>
    <message>
        <source>Start a new version?</source>
        <translation>Aloitetaanko uusi versio?</translation>
    </message>
    <message>
        <source>Start version {value} as a copy of {title}? Version {number} is then superseded: no more signatures are recorded on it, and the new version is sent for signature again.</source>
        <translation>Aloitetaanko versio {value} kopiona asiakirjasta {title}? Versio {number} korvautuu silloin: siihen ei enää kirjata allekirjoituksia, ja uusi versio lähetetään uudelleen allekirjoitettavaksi.</translation>
    </message>
    <message>
        <source>New version</source>
        <translation>Uusi versio</translation>
    </message>
    <message>
        <source>&amp;Draft agreement…</source>
        <translation>&amp;Laadi sopimus…</translation>
    </message>
    <message>
        <source>&amp;View…</source>
        <translation>&amp;Näytä…</translation>
    </message>
    <message>
        <source>Se&amp;nd for signature…</source>
        <translation>Lähetä &amp;allekirjoitettavaksi…</translation>
    </message>
    <message>
        <source>&amp;Record signature…</source>
        <translation>&amp;Kirjaa allekirjoitus…</translation>
    </message>
    <message>
        <source>Dec&amp;line…</source>
        <translation>Ki&amp;eltäydy…</translation>
    </message>
    <message>
        <source>Save sc&amp;an…</source>
        <translation>Tallenna &amp;skannaus…</translation>
    </message>
    <message>
        <source>Save &amp;PDF…</source>
        <translation>Tallenna &amp;PDF…</translation>
    </message>
    <message>
        <source>&amp;Fillable PDF for HR…</source>
        <translation>&amp;Täytettävä PDF henkilöstöhallinnolle…</translation>
    </message>
    <message>
        <source>Send &amp;by e-mail…</source>
        <translation>Lähetä sä&amp;hköpostilla…</translation>
    </message>
    <message>
        <source>&amp;Import returned PDF…</source>
        <translation>Tu&amp;o palautettu PDF…</translation>
    </message>
    <message>
        <source>Ne&amp;w version</source>
        <translation>Uusi &amp;versio</translation>
    </message>
    <message>
        <source>A&amp;mend…</source>
        <translation>&amp;Muuta…</translation>
    </message>
    <message>
        <source>&amp;Certificate…</source>
        <translation>To&amp;distus…</translation>
    </message>
    <message>
        <source>V&amp;erify a PDF…</source>
        <translation>Ta&amp;rkista PDF…</translation>
    </message>
    <message>
        <source>&lt;b&gt;No agreement yet&lt;/b&gt; — &lt;i&gt;Draft the agreement…&lt;/i&gt; starts version 1 from the placement&apos;s records: parties, dates, tasks, tools and the communication protocol.</source>
        <translation>&lt;b&gt;Ei vielä sopimusta&lt;/b&gt; — &lt;i&gt;Laadi sopimus…&lt;/i&gt; aloittaa version 1 harjoittelun tiedoista: osapuolet, päivämäärät, tehtävät, työkalut ja viestintäsuunnitelma.</translation>
    </message>
    <message>
        <source>Send it for signature first; then e-mail it to each party.</source>
        <translation>Lähetä se ensin allekirjoitettavaksi; lähetä se sitten sähköpostilla kullekin osapuolelle.</translation>
    </message>
    <message>
        <source>A later version replaced it.</source>
        <translation>Myöhempi versio korvasi sen.</translation>
    </message>
    <message>
        <source>Select a document in the list first.</source>
        <translation>Valitse ensin asiakirja luettelosta.</translation>
    </message>
    <message>
        <source>Draft the agreement first.</source>
        <translation>Laadi ensin sopimus.</translation>
    </message>
    <message>
        <source>No agreement version is open: a returned PDF has nothing to change.</source>
        <translation>Mikään sopimusversio ei ole avoinna: palautetulla PDF:llä ei ole mitään muutettavaa.</translation>
    </message>
    <message>
        <source>Only once the agreement is signed by every party and locked.</source>
        <translation>Vasta kun kaikki osapuolet ovat allekirjoittaneet sopimuksen ja se on lukittu.</translation>
    </message>
    <message>
        <source>There is no version to replace yet.</source>
        <translation>Korvattavaa versiota ei vielä ole.</translation>
    </message>
    <message>
        <source>It is out for signature: start a new version to change it.</source>
        <translation>Se on allekirjoitettavana: aloita uusi versio muuttaaksesi sitä.</translation>
    </message>
    <message>
        <source>It is signed and locked: changes are amendments.</source>
        <translation>Se on allekirjoitettu ja lukittu: muutokset tehdään sopimusmuutoksina.</translation>
    </message>
    <message>
        <source>It is not out for signature.</source>
        <translation>Se ei ole allekirjoitettavana.</translation>
    </message>
    <message>
        <source>It has no PDF until it is sent for signature.</source>
        <translation>Sillä ei ole PDF:ää ennen kuin se lähetetään allekirjoitettavaksi.</translation>
    </message>
    <message>
        <source>Only agreement versions go to HR as a fillable PDF.</source>
        <translation>Vain sopimusversiot menevät henkilöstöhallinnolle täytettävänä PDF:nä.</translation>
    </message>
    <message>
        <source>Only a draft or a version out for signature goes to HR.</source>
        <translation>Vain luonnos tai allekirjoitettavana oleva versio menee henkilöstöhallinnolle.</translation>
    </message>
    <message>
        <source>Select a paper signature (scan attached) in the signatures table.</source>
        <translation>Valitse allekirjoitustaulukosta paperinen allekirjoitus (skannaus liitteenä).</translation>
    </message>
    <message>
        <source>Only an agreement version out for signature is replaced.</source>
        <translation>Vain allekirjoitettavana oleva sopimusversio korvataan.</translation>
    </message>
    <message>
        <source>Save the placement first to draft its agreement.</source>
        <translation>Tallenna harjoittelu ensin, jotta voit laatia sen sopimuksen.</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Asiakirja</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Tila</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Lähetetty</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Lukittu</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Agreement versions</source>
        <translation>Sopimusversiot</translation>
    </message>
    <message>
        <source>Each version of the agreement, its state and date</source>
        <translation>Sopimuksen kukin versio, sen tila ja päivämäärä</translation>
    </message>
    <message>
        <source>Party</source>
        <translation>Osapuoli</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Allekirjoittaja</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Päivämäärä</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Menetelmä</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Tehtävä</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Sähköposti</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>Kirjaaja</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>Allekirjoitukset</translation>
    </message>
    <message>
        <source>Who signed the chosen version, when and how</source>
        <translation>Kuka allekirjoitti valitun version, milloin ja miten</translation>
    </message>
    <message>
        <source>M&amp;ore</source>
        <translation>L&amp;isää</translation>
    </message>
    <message>
        <source>Every action on the agreement, and why some cannot be done now</source>
        <translation>Kaikki sopimukseen liittyvät toiminnot ja miksi joitakin ei voi tehdä nyt</translation>
    </message>
    <message>
        <source>Edit &amp;draft…</source>
        <translation>M&amp;uokkaa luonnosta…</translation>
    </message>
    <message>
        <source>Why: {note}</source>
        <translation>Syy: {note}</translation>
    </message>
    <message>
        <source>Not sent yet: the signatures are recorded once it is out for signature.</source>
        <translation>Ei vielä lähetetty: allekirjoitukset kirjataan, kun se on allekirjoitettavana.</translation>
    </message>
    <message>
        <source>Signing order: {order_text}</source>
        <translation>Allekirjoitusjärjestys: {order_text}</translation>
    </message>
    <message>
        <source>Next to sign: &lt;b&gt;{value}&lt;/b&gt;</source>
        <translation>Seuraava allekirjoittaja: &lt;b&gt;{value}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{hex_of}&apos;&gt;Declined by the {party_label}: {reason}&lt;/span&gt; — start a new version to rework it.</source>
        <translation>&lt;span style=&apos;color:{hex_of}&apos;&gt;Kieltäytyi: {party_label}; syy: {reason}&lt;/span&gt; — aloita uusi versio sen muokkaamiseksi.</translation>
    </message>
    <message>
        <source>SHA-256 of the final PDF: &lt;tt&gt;{final_sha256}&lt;/tt&gt;</source>
        <translation>Lopullisen PDF:n SHA-256: &lt;tt&gt;{final_sha256}&lt;/tt&gt;</translation>
    </message>
    <message>
        <source>Send {title} for signature</source>
        <translation>Lähetä {title} allekirjoitettavaksi</translation>
    </message>
    <message>
        <source>&lt;b&gt;{title}&lt;/b&gt; is frozen when it is sent: its PDF is made and each party signs it in turn. Choose the order in which the parties sign.</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt; jäädytetään, kun se lähetetään: siitä tehdään PDF, ja kukin osapuoli allekirjoittaa sen vuorollaan. Valitse järjestys, jossa osapuolet allekirjoittavat.</translation>
    </message>
    <message>
        <source>Signing order</source>
        <translation>Allekirjoitusjärjestys</translation>
    </message>
    <message>
        <source>Who signs first, second, third</source>
        <translation>Kuka allekirjoittaa ensimmäisenä, toisena, kolmantena</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Siirrä &amp;ylös</translation>
    </message>
    <message>
        <source>Move d&amp;own</source>
        <translation>Siirrä &amp;alas</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Lähetä</translation>
    </message>
    <message>
        <source>Order: {order_text}</source>
        <translation>Järjestys: {order_text}</translation>
    </message>
    <message>
        <source>Not sent — please correct first:
</source>
        <translation>Ei lähetetty — korjaa ensin:
</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF-asiakirjat (*.pdf)</translation>
    </message>
    <message>
        <source>Scans (*.pdf *.png *.jpg *.jpeg)</source>
        <translation>Skannaukset (*.pdf *.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Certificates with their key (*.p12 *.pfx)</source>
        <translation>Varmenteet avaimineen (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>&amp;Typed approval (by e-mail or letter)</source>
        <translation>&amp;Kirjallinen hyväksyntä (sähköpostilla tai kirjeellä)</translation>
    </message>
    <message>
        <source>&amp;Paper signature, with a scan of the signed page</source>
        <translation>&amp;Paperinen allekirjoitus ja skannaus allekirjoitetusta sivusta</translation>
    </message>
    <message>
        <source>Digital: a PDF &amp;returned signed</source>
        <translation>&amp;Digitaalinen: allekirjoitettuna palautettu PDF</translation>
    </message>
    <message>
        <source>Digital: sign &amp;here with a certificate (.p12)</source>
        <translation>Digitaalinen: allekirjoita tässä &amp;varmenteella (.p12)</translation>
    </message>
    <message>
        <source>Record signature — {value}</source>
        <translation>Kirjaa allekirjoitus — {value}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{value}&lt;/b&gt; signs &lt;b&gt;{title}&lt;/b&gt;. How did they sign?</source>
        <translation>&lt;b&gt;{value}&lt;/b&gt; allekirjoittaa asiakirjan &lt;b&gt;{title}&lt;/b&gt;. Miten allekirjoitus tehtiin?</translation>
    </message>
    <message>
        <source>Choose the file…</source>
        <translation>Valitse tiedosto…</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Selaa…</translation>
    </message>
    <message>
        <source>Used once to sign; never stored</source>
        <translation>Käytetään kerran allekirjoittamiseen; ei tallenneta</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nimi</translation>
    </message>
    <message>
        <source>Date signed</source>
        <translation>Allekirjoituspäivä</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Tiedosto</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Tunnuslause</translation>
    </message>
    <message>
        <source>&amp;Sign</source>
        <translation>&amp;Allekirjoita</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>&amp;Kirjaa</translation>
    </message>
    <message>
        <source>Choose the file.</source>
        <translation>Valitse tiedosto.</translation>
    </message>
    <message>
        <source>Record an unconfirmed signer?</source>
        <translation>Kirjataanko vahvistamaton allekirjoittaja?</translation>
    </message>
    <message>
        <source>{exc}

Record this signature only if you have confirmed who signed (for example by telephone). Your confirmation and the reason are kept in the placement&apos;s history.</source>
        <translation>{exc}

Kirjaa tämä allekirjoitus vain, jos olet varmistanut allekirjoittajan henkilöllisyyden (esimerkiksi puhelimitse). Vahvistuksesi ja syy säilytetään harjoittelun historiassa.</translation>
    </message>
    <message>
        <source>Decline — {title}</source>
        <translation>Kieltäytyminen — {title}</translation>
    </message>
    <message>
        <source>A decline is recorded with its reason and &lt;b&gt;resets every other signature&lt;/b&gt; on {title}, digital ones included. Start a new version to change the text.</source>
        <translation>Kieltäytyminen kirjataan syineen, ja se &lt;b&gt;nollaa kaikki muut allekirjoitukset&lt;/b&gt; asiakirjassa {title}, myös digitaaliset. Aloita uusi versio muuttaaksesi tekstiä.</translation>
    </message>
    <message>
        <source>What the party wants changed, in their words</source>
        <translation>Mitä osapuoli haluaa muuttaa, omin sanoin</translation>
    </message>
    <message>
        <source>&amp;Decline</source>
        <translation>&amp;Kieltäydy</translation>
    </message>
    <message>
        <source>Say why the party declines.</source>
        <translation>Kerro, miksi osapuoli kieltäytyy.</translation>
    </message>
    <message>
        <source>Record the decline?</source>
        <translation>Kirjataanko kieltäytyminen?</translation>
    </message>
    <message>
        <source>Record that the {value} declines? Every signature recorded so far on this version is reset.</source>
        <translation>Kirjataanko kieltäytyminen ({value})? Kaikki tähän versioon tähän mennessä kirjatut allekirjoitukset nollataan.</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der);;All files (*)</source>
        <translation>Varmenteet (*.pem *.crt *.cer *.der);;Kaikki tiedostot (*)</translation>
    </message>
    <message>
        <source>Trusted certificates</source>
        <translation>Luotetut varmenteet</translation>
    </message>
    <message>
        <source>Signatures whose certificate was issued by one of these authorities are confirmed when the signer&apos;s name matches the person recorded for that party.</source>
        <translation>Allekirjoitukset, joiden varmenteen on myöntänyt jokin näistä varmentajista, vahvistetaan, kun allekirjoittajan nimi vastaa osapuolelle kirjattua henkilöä.</translation>
    </message>
    <message>
        <source>The authorities whose signatures count as confirmed</source>
        <translation>Varmentajat, joiden allekirjoitukset katsotaan vahvistetuiksi</translation>
    </message>
    <message>
        <source>No certificate is trusted yet: signers are confirmed only by the certificate accepted before for them.</source>
        <translation>Yhteenkään varmenteeseen ei vielä luoteta: allekirjoittajat vahvistetaan vain heille aiemmin hyväksytyn varmenteen perusteella.</translation>
    </message>
    <message>
        <source>&amp;Add certificate file…</source>
        <translation>&amp;Lisää varmennetiedosto…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Poista</translation>
    </message>
    <message>
        <source>Trusted from now on: {names}.</source>
        <translation>Luotettu tästä lähtien: {names}.</translation>
    </message>
    <message>
        <source>Trust a certificate</source>
        <translation>Luota varmenteeseen</translation>
    </message>
    <message>
        <source>Trust this certificate no longer?

{text}</source>
        <translation>Lopetetaanko tähän varmenteeseen luottaminen?

{text}</translation>
    </message>
    <message>
        <source>&lt;b&gt;DAMAGED signature&lt;/b&gt;</source>
        <translation>&lt;b&gt;VAHINGOITTUNUT allekirjoitus&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;ALTERED after signing by {signer}&lt;/b&gt;: </source>
        <translation>&lt;b&gt;MUUTETTU allekirjoituksen jälkeen, allekirjoittaja {signer}&lt;/b&gt;: </translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;small&gt;{organisation}issued by {issuer}&lt;br&gt;valid {valid_from} to {valid_until}&lt;br&gt;SHA-256 {value}&lt;br&gt;{value2}&lt;/small&gt;</source>
        <translation>&lt;br&gt;&lt;small&gt;{organisation}myöntäjä {issuer}&lt;br&gt;voimassa {valid_from} – {valid_until}&lt;br&gt;SHA-256 {value}&lt;br&gt;{value2}&lt;/small&gt;</translation>
    </message>
    <message>
        <source>intact, but &lt;b&gt;signer NOT CONFIRMED&lt;/b&gt;: {reasons}</source>
        <translation>eheä, mutta &lt;b&gt;allekirjoittajaa EI VAHVISTETTU&lt;/b&gt;: {reasons}</translation>
    </message>
    <message>
        <source>intact; signer confirmed</source>
        <translation>eheä; allekirjoittaja vahvistettu</translation>
    </message>
    <message>
        <source>&lt;p&gt;This PDF carries &lt;b&gt;no digital signatures&lt;/b&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Tässä PDF:ssä &lt;b&gt;ei ole digitaalisia allekirjoituksia&lt;/b&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;ALTERED or DAMAGED: this file was changed after it was signed, or a signature is broken.&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;MUUTETTU tai VAURIOITUNUT: tätä tiedostoa on muutettu allekirjoituksen jälkeen, tai jokin allekirjoitus on rikki.&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Every signature is intact, but a signer is not confirmed&lt;/b&gt; as the person on record: see the reason below.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Kaikki allekirjoitukset ovat eheitä, mutta allekirjoittajaa ei ole vahvistettu&lt;/b&gt; kirjatuksi henkilöksi: katso syy alta.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Every signature is intact&lt;/b&gt; and every signer confirmed: nothing was changed after signing.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Kaikki allekirjoitukset ovat eheitä&lt;/b&gt; ja kaikki allekirjoittajat vahvistettu: mitään ei muutettu allekirjoittamisen jälkeen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;small&gt;on record: {expected}&lt;/small&gt;</source>
        <translation>&lt;br&gt;&lt;small&gt;kirjattu: {expected}&lt;/small&gt;</translation>
    </message>
    <message>
        <source>&lt;table cellspacing=&apos;0&apos; cellpadding=&apos;3&apos; border=&apos;1&apos; style=&apos;border-collapse:collapse&apos;&gt;&lt;tr&gt;&lt;th&gt;Party&lt;/th&gt;&lt;th&gt;Signed by&lt;/th&gt;&lt;th&gt;When&lt;/th&gt;&lt;th&gt;Verdict&lt;/th&gt;&lt;/tr&gt;</source>
        <translation>&lt;table cellspacing=&apos;0&apos; cellpadding=&apos;3&apos; border=&apos;1&apos; style=&apos;border-collapse:collapse&apos;&gt;&lt;tr&gt;&lt;th&gt;Osapuoli&lt;/th&gt;&lt;th&gt;Allekirjoittaja&lt;/th&gt;&lt;th&gt;Milloin&lt;/th&gt;&lt;th&gt;Tulos&lt;/th&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>{archived_title} has no archived final PDF to compare with.</source>
        <translation>Asiakirjalla {archived_title} ei ole arkistoitua lopullista PDF:ää vertailtavaksi.</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;This is the archived final PDF&lt;/b&gt; of {archived_title}.&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Tämä on arkistoitu lopullinen PDF&lt;/b&gt; asiakirjasta {archived_title}.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;This file differs from the archived final PDF&lt;/b&gt; of {archived_title}.&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Tämä tiedosto poikkeaa arkistoidusta lopullisesta PDF:stä&lt;/b&gt; asiakirjan {archived_title} osalta.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;{archive}&lt;br&gt;&lt;small&gt;SHA-256 of this file: {sha256}&lt;/small&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;{archive}&lt;br&gt;&lt;small&gt;Tämän tiedoston SHA-256: {sha256}&lt;/small&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Verify — {name}</source>
        <translation>Tarkista — {name}</translation>
    </message>
    <message>
        <source>{who}: name</source>
        <translation>{who}: nimi</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Asema</translation>
    </message>
    <message>
        <source>{who}: position</source>
        <translation>{who}: asema</translation>
    </message>
    <message>
        <source>{who}: e-mail</source>
        <translation>{who}: sähköposti</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Puhelin</translation>
    </message>
    <message>
        <source>{who}: phone</source>
        <translation>{who}: puhelin</translation>
    </message>
    <message>
        <source>Parties</source>
        <translation>Osapuolet</translation>
    </message>
    <message>
        <source>Programme</source>
        <comment>the agreement&apos;s section</comment>
        <translation>Ohjelma</translation>
    </message>
    <message>
        <source>Tasks and deliverables</source>
        <translation>Tehtävät ja tuotokset</translation>
    </message>
    <message>
        <source>Learning outcomes, monitoring and evaluation</source>
        <translation>Oppimistulokset, seuranta ja arviointi</translation>
    </message>
    <message>
        <source>Roles and responsibilities</source>
        <translation>Roolit ja vastuut</translation>
    </message>
    <message>
        <source>Technology</source>
        <translation>Teknologia</translation>
    </message>
    <message>
        <source>Host commitments</source>
        <translation>Vastaanottavan organisaation sitoumukset</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) to fix before Next.</source>
        <translation>
            <numerusform>%n korjattava ongelma ennen kuin voit jatkaa.</numerusform>
            <numerusform>%n korjattavaa ongelmaa ennen kuin voit jatkaa.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>And see the message(s) in red below.</source>
        <translation>
            <numerusform>Katso myös alla oleva punainen viesti.</numerusform>
            <numerusform>Katso myös alla olevat punaiset viestit.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>See the message(s) in red below.</source>
        <translation>
            <numerusform>Katso alla oleva punainen viesti.</numerusform>
            <numerusform>Katso alla olevat punaiset viestit.</numerusform>
        </translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Kohta</translation>
    </message>
    <message>
        <source>Remove {label}</source>
        <translation>Poista {label}</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tehtävä</translation>
    </message>
    <message>
        <source>What the trainee does</source>
        <translation>Mitä harjoittelija tekee</translation>
    </message>
    <message>
        <source>What is handed in</source>
        <translation>Mitä palautetaan</translation>
    </message>
    <message>
        <source>Deliverable</source>
        <translation>Tuotos</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Määräaika</translation>
    </message>
    <message>
        <source>Deliverable:</source>
        <translation>Tuotos:</translation>
    </message>
    <message>
        <source>Deadline:</source>
        <translation>Määräaika:</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>Työkalu</translation>
    </message>
    <message>
        <source>e.g. Microsoft Teams</source>
        <translation>esim. Microsoft Teams</translation>
    </message>
    <message>
        <source>e.g. weekly meetings, chat</source>
        <translation>esim. viikkotapaamiset, chat</translation>
    </message>
    <message>
        <source>Used for</source>
        <translation>Käyttötarkoitus</translation>
    </message>
    <message>
        <source>e.g. tested with all actors on 12 January</source>
        <translation>esim. testattu kaikkien osapuolten kanssa 12. tammikuuta</translation>
    </message>
    <message>
        <source>Test status</source>
        <translation>Testin tila</translation>
    </message>
    <message>
        <source>Used for:</source>
        <translation>Käyttötarkoitus:</translation>
    </message>
    <message>
        <source>Test status:</source>
        <translation>Testin tila:</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Jakso</translation>
    </message>
    <message>
        <source>Kind of period</source>
        <translation>Jakson tyyppi</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Ensimmäinen päivä</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Viimeinen päivä</translation>
    </message>
    <message>
        <source>to</source>
        <translation>–</translation>
    </message>
    <message>
        <source>EQF 5 — short cycle</source>
        <translation>EQF 5 — lyhyt korkea-asteen koulutus</translation>
    </message>
    <message>
        <source>EQF 6 — bachelor</source>
        <translation>EQF 6 — kandidaatti</translation>
    </message>
    <message>
        <source>EQF 7 — master</source>
        <translation>EQF 7 — maisteri</translation>
    </message>
    <message>
        <source>EQF 8 — doctorate</source>
        <translation>EQF 8 — tohtori</translation>
    </message>
    <message>
        <source>&lt; 250 employees</source>
        <translation>&lt; 250 työntekijää</translation>
    </message>
    <message>
        <source>≥ 250 employees</source>
        <translation>≥ 250 työntekijää</translation>
    </message>
    <message>
        <source>Filled from the placement&apos;s records: correct anything that is wrong here. Fields marked * are required.</source>
        <translation>Täytetty harjoittelun tiedoista: korjaa tässä kaikki virheelliset tiedot. *-merkityt kentät ovat pakollisia.</translation>
    </message>
    <message>
        <source>Trainee</source>
        <translation>Harjoittelija</translation>
    </message>
    <message>
        <source>Sending institution</source>
        <translation>Lähettävä korkeakoulu</translation>
    </message>
    <message>
        <source>Receiving organisation</source>
        <translation>Vastaanottava organisaatio</translation>
    </message>
    <message>
        <source>ISCED-F code and name, e.g. 0311 Economics</source>
        <translation>ISCED-F-koodi ja nimi, esim. 0311 Taloustiede</translation>
    </message>
    <message>
        <source>Na&amp;me</source>
        <translation>&amp;Nimi</translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation>Sä&amp;hköposti</translation>
    </message>
    <message>
        <source>Date of birt&amp;h</source>
        <translation>Syntym&amp;äaika</translation>
    </message>
    <message>
        <source>Nationa&amp;lity</source>
        <translation>Kansa&amp;laisuus</translation>
    </message>
    <message>
        <source>Stud&amp;y cycle</source>
        <translation>O&amp;pintojen sykli</translation>
    </message>
    <message>
        <source>Field of e&amp;ducation</source>
        <translation>Ko&amp;ulutusala</translation>
    </message>
    <message>
        <source>e.g. B LEUVEN01</source>
        <translation>esim. B LEUVEN01</translation>
    </message>
    <message>
        <source>Responsible person</source>
        <translation>Vastuuhenkilö</translation>
    </message>
    <message>
        <source>Academic tutor</source>
        <translation>Korkeakoulun ohjaaja</translation>
    </message>
    <message>
        <source>Instit&amp;ution</source>
        <translation>Ko&amp;rkeakoulu</translation>
    </message>
    <message>
        <source>&amp;Faculty</source>
        <translation>Tie&amp;dekunta</translation>
    </message>
    <message>
        <source>Erasmus &amp;code</source>
        <translation>&amp;Erasmus-koodi</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>&amp;Osoite</translation>
    </message>
    <message>
        <source>C&amp;ountry</source>
        <translation>&amp;Maa</translation>
    </message>
    <message>
        <source>Responsi&amp;ble person</source>
        <translation>Vastuuhenkil&amp;ö</translation>
    </message>
    <message>
        <source>Academ&amp;ic tutor</source>
        <translation>Korkeakoulun oh&amp;jaaja</translation>
    </message>
    <message>
        <source>e.g. Information and communication</source>
        <translation>esim. Informaatio ja viestintä</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>Yhteyshenkilö</translation>
    </message>
    <message>
        <source>Mentor</source>
        <translation>Mentori</translation>
    </message>
    <message>
        <source>Or&amp;ganisation</source>
        <translation>Or&amp;ganisaatio</translation>
    </message>
    <message>
        <source>De&amp;partment</source>
        <translation>&amp;Yksikkö</translation>
    </message>
    <message>
        <source>Addre&amp;ss</source>
        <translation>Osoi&amp;te</translation>
    </message>
    <message>
        <source>&amp;Website</source>
        <translation>&amp;Verkkosivusto</translation>
    </message>
    <message>
        <source>Coun&amp;try</source>
        <translation>M&amp;aa</translation>
    </message>
    <message>
        <source>Si&amp;ze</source>
        <translation>&amp;Koko</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Toimiala</translation>
    </message>
    <message>
        <source>Mento&amp;r</source>
        <translation>Mentor&amp;i</translation>
    </message>
    <message>
        <source>Table A: the traineeship&apos;s title, period, hours and mode.</source>
        <translation>Taulukko A: harjoittelun nimike, jakso, tunnit ja muoto.</translation>
    </message>
    <message>
        <source>What the traineeship is about, in two or three lines</source>
        <translation>Mistä harjoittelussa on kyse, kahdella tai kolmella rivillä</translation>
    </message>
    <message>
        <source>The placement&apos;s planned period: {span}.</source>
        <translation>Harjoittelun suunniteltu jakso: {span}.</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> tuntia</translation>
    </message>
    <message>
        <source>&amp;Add a period</source>
        <translation>&amp;Lisää jakso</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Nimike</translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation>&amp;Kuvaus</translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation>&amp;Jakso</translation>
    </message>
    <message>
        <source>&amp;Hours per week</source>
        <translation>&amp;Tunteja viikossa</translation>
    </message>
    <message>
        <source>M&amp;ode</source>
        <translation>M&amp;uoto</translation>
    </message>
    <message>
        <source>Blended periods</source>
        <translation>Yhdistetyn harjoittelun jaksot</translation>
    </message>
    <message>
        <source>&apos;{currency}&apos; is not a currency; choose a code such as EUR from the list.</source>
        <translation>&apos;{currency}&apos; ei ole valuutta; valitse luettelosta koodi, esimerkiksi EUR.</translation>
    </message>
    <message>
        <source>&apos;{level}&apos; is not a language level; choose A1 to C2 or native.</source>
        <translation>&apos;{level}&apos; ei ole kielitaitotaso; valitse A1–C2 tai äidinkieli.</translation>
    </message>
    <message>
        <source>A blended traineeship needs at least one physical and one virtual period; add a physical one.</source>
        <translation>Monimuotoharjoittelussa on oltava vähintään yksi fyysinen ja yksi virtuaalinen jakso; lisää fyysinen jakso.</translation>
    </message>
    <message>
        <source>A blended traineeship needs at least one physical and one virtual period; add a virtual one.</source>
        <translation>Monimuotoharjoittelussa on oltava vähintään yksi fyysinen ja yksi virtuaalinen jakso; lisää virtuaalinen jakso.</translation>
    </message>
    <message>
        <source>A blended traineeship needs its physical and virtual periods: add them.</source>
        <translation>Monimuotoharjoittelulle tarvitaan fyysiset ja virtuaaliset jaksot: lisää ne.</translation>
    </message>
    <message>
        <source>Add at least one learning outcome: what the trainee will know or be able to do.</source>
        <translation>Lisää vähintään yksi oppimistulos: mitä harjoittelija tulee tietämään tai osaamaan.</translation>
    </message>
    <message>
        <source>Add at least one line to the communication protocol: when the actors are available, how they report and how fast they reply.</source>
        <translation>Lisää viestintäsuunnitelmaan vähintään yksi rivi: milloin osapuolet ovat tavoitettavissa, miten he raportoivat ja kuinka nopeasti he vastaavat.</translation>
    </message>
    <message>
        <source>Add at least one task, with its deliverable and deadline.</source>
        <translation>Lisää vähintään yksi tehtävä sekä sen tuotos ja määräaika.</translation>
    </message>
    <message>
        <source>Credits cannot be negative ({credits}).</source>
        <translation>Opintopisteet eivät voi olla negatiivisia ({credits}).</translation>
    </message>
    <message>
        <source>Describe the evaluation procedure: who evaluates the trainee, when and on what basis.</source>
        <translation>Kuvaa arviointimenettely: kuka arvioi harjoittelijan, milloin ja millä perusteella.</translation>
    </message>
    <message>
        <source>Describe the monitoring plan: who follows the trainee&apos;s progress, and how often.</source>
        <translation>Kuvaa seurantasuunnitelma: kuka seuraa harjoittelijan edistymistä ja kuinka usein.</translation>
    </message>
    <message>
        <source>Enter the ECTS credits: a traineeship embedded in the curriculum counts towards the degree.</source>
        <translation>Anna ECTS-opintopisteet: opetussuunnitelmaan sisältyvä harjoittelu lasketaan tutkintoon.</translation>
    </message>
    <message>
        <source>Enter the country of the receiving organisation.</source>
        <translation>Anna vastaanottavan organisaation maa.</translation>
    </message>
    <message>
        <source>Enter the first day of the traineeship.</source>
        <translation>Anna harjoittelun ensimmäinen päivä.</translation>
    </message>
    <message>
        <source>Enter the last day of the traineeship.</source>
        <translation>Anna harjoittelun viimeinen päivä.</translation>
    </message>
    <message>
        <source>Enter the mentor&apos;s name.</source>
        <translation>Anna mentorin nimi.</translation>
    </message>
    <message>
        <source>Enter the monthly amount of the financial support, or say that there is none.</source>
        <translation>Anna taloudellisen tuen kuukausisumma tai ilmoita, ettei tukea ole.</translation>
    </message>
    <message>
        <source>Enter the name of the receiving organisation.</source>
        <translation>Anna vastaanottavan organisaation nimi.</translation>
    </message>
    <message>
        <source>Enter the name of the sending institution&apos;s responsible person.</source>
        <translation>Anna lähettävän korkeakoulun vastuuhenkilön nimi.</translation>
    </message>
    <message>
        <source>Enter the name of the sending institution.</source>
        <translation>Anna lähettävän korkeakoulun nimi.</translation>
    </message>
    <message>
        <source>Enter the title of the traineeship.</source>
        <translation>Anna harjoittelun nimike.</translation>
    </message>
    <message>
        <source>Enter the trainee&apos;s name.</source>
        <translation>Anna harjoittelijan nimi.</translation>
    </message>
    <message>
        <source>Hours per week must be between {low} and {high}; it is {hours}.</source>
        <translation>Viikkotuntien on oltava välillä {low}–{high}; nyt niitä on {hours}.</translation>
    </message>
    <message>
        <source>No period covers {dates}: every day of a blended traineeship is either physical or virtual.</source>
        <translation>Mikään jakso ei kata ajankohtaa {dates}: monimuotoharjoittelun jokainen päivä on joko fyysinen tai virtuaalinen.</translation>
    </message>
    <message>
        <source>Period {n} (physical, {dates})</source>
        <translation>Jakso {n} (fyysinen, {dates})</translation>
    </message>
    <message>
        <source>Period {n} (virtual, {dates})</source>
        <translation>Jakso {n} (virtuaalinen, {dates})</translation>
    </message>
    <message>
        <source>Period {n} needs a first and a last day.</source>
        <translation>Jaksolle {n} tarvitaan ensimmäinen ja viimeinen päivä.</translation>
    </message>
    <message>
        <source>Task {n} has no description.</source>
        <translation>Tehtävällä {n} ei ole kuvausta.</translation>
    </message>
    <message>
        <source>Task {n}&apos;s deadline {deadline} is after the end of the period ({end}).</source>
        <translation>Tehtävän {n} määräaika {deadline} on jakson päättymisen ({end}) jälkeen.</translation>
    </message>
    <message>
        <source>Task {n}&apos;s deadline {deadline} is before the start of the period ({start}).</source>
        <translation>Tehtävän {n} määräaika {deadline} on ennen jakson alkua ({start}).</translation>
    </message>
    <message>
        <source>The certificate must be issued within {low} to {high} weeks after the end (it says {weeks}).</source>
        <translation>Todistus on annettava {low}–{high} viikon kuluessa päättymisestä (nyt {weeks}).</translation>
    </message>
    <message>
        <source>The duties of the {who} are empty: write at least one, or restore the default text.</source>
        <translation>Roolille {who} ei ole kirjattu tehtäviä: kirjoita vähintään yksi tai palauta oletusteksti.</translation>
    </message>
    <message>
        <source>The monthly amount must be more than 0 (it is {amount}).</source>
        <translation>Kuukausisumman on oltava suurempi kuin 0 (nyt {amount}).</translation>
    </message>
    <message>
        <source>The traineeship ends on {end}, after the placement&apos;s planned end ({planned}). Change the date here, or the placement&apos;s planned period first.</source>
        <translation>Harjoittelu päättyy {end}, suunnitellun päättymisen ({planned}) jälkeen. Muuta päivämäärä tässä tai ensin harjoittelun suunniteltu jakso.</translation>
    </message>
    <message>
        <source>The traineeship starts on {start}, before the placement&apos;s planned start ({planned}). Change the date here, or the placement&apos;s planned period first.</source>
        <translation>Harjoittelu alkaa {start}, ennen suunniteltua alkua ({planned}). Muuta päivämäärä tässä tai ensin harjoittelun suunniteltu jakso.</translation>
    </message>
    <message>
        <source>Tool {n} has no name.</source>
        <translation>Työkalulla {n} ei ole nimeä.</translation>
    </message>
    <message>
        <source>{period} ends before it starts.</source>
        <translation>{period} päättyy ennen kuin se alkaa.</translation>
    </message>
    <message>
        <source>{period} is not inside the traineeship ({dates}).</source>
        <translation>{period} ei mahdu harjoittelun ajanjaksoon ({dates}).</translation>
    </message>
    <message>
        <source>{period} overlaps {other}.</source>
        <translation>{period} ja {other} menevät päällekkäin.</translation>
    </message>
    <message>
        <source>&amp;Add a task</source>
        <translation>&amp;Lisää tehtävä</translation>
    </message>
    <message>
        <source>What the trainee will do, what each task delivers and by when. Deadlines fall inside the period, {span}.</source>
        <translation>Mitä harjoittelija tekee, mitä kukin tehtävä tuottaa ja mihin mennessä. Määräajat ovat jakson {span} sisällä.</translation>
    </message>
    <message>
        <source>Task {value}&apos;s deadline: {message}</source>
        <translation>Tehtävän {value} määräaika: {message}</translation>
    </message>
    <message>
        <source>The knowledge, skills and competences to be acquired, how progress is followed and how the trainee is evaluated.</source>
        <translation>Hankittavat tiedot, taidot ja osaaminen, miten edistymistä seurataan ja miten harjoittelija arvioidaan.</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Oppimistulos</translation>
    </message>
    <message>
        <source>e.g. Builds churn models in Python</source>
        <translation>esim. Rakentaa asiakaspoistumamalleja Pythonilla</translation>
    </message>
    <message>
        <source>Add an o&amp;utcome</source>
        <translation>Lisää o&amp;ppimistulos</translation>
    </message>
    <message>
        <source>Who follows the trainee&apos;s progress, how and how often</source>
        <translation>Kuka seuraa harjoittelijan edistymistä, miten ja kuinka usein</translation>
    </message>
    <message>
        <source>Who evaluates the trainee, when and on what basis</source>
        <translation>Kuka arvioi harjoittelijan, milloin ja millä perusteella</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>Kriteeri</translation>
    </message>
    <message>
        <source>e.g. Quality and timeliness of the deliverables</source>
        <translation>esim. Tuotosten laatu ja oikea-aikaisuus</translation>
    </message>
    <message>
        <source>Add a c&amp;riterion</source>
        <translation>Lisää kr&amp;iteeri</translation>
    </message>
    <message>
        <source>e.g. English</source>
        <translation>esim. englanti</translation>
    </message>
    <message>
        <source>level not yet known</source>
        <translation>taso ei vielä tiedossa</translation>
    </message>
    <message>
        <source>at level</source>
        <translation>tasolla</translation>
    </message>
    <message>
        <source>Learning &amp;outcomes</source>
        <translation>&amp;Oppimistulokset</translation>
    </message>
    <message>
        <source>&amp;Monitoring plan</source>
        <translation>S&amp;eurantasuunnitelma</translation>
    </message>
    <message>
        <source>&amp;Evaluation</source>
        <translation>&amp;Arviointi</translation>
    </message>
    <message>
        <source>Evaluation &amp;criteria</source>
        <translation>Arviointi&amp;kriteerit</translation>
    </message>
    <message>
        <source>&amp;Language of work</source>
        <translation>&amp;Työkieli</translation>
    </message>
    <message>
        <source>When each actor is available, how and how often the trainee reports, how fast messages are answered, and who is the helpdesk for whom.</source>
        <translation>Milloin kukin osapuoli on tavoitettavissa, miten ja kuinka usein harjoittelija raportoi, kuinka nopeasti viesteihin vastataan ja kuka on kenenkin tukihenkilö.</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Rivi</translation>
    </message>
    <message>
        <source>e.g. Weekly video call with the mentor, Mondays 10:00 CET</source>
        <translation>esim. Viikoittainen videopuhelu mentorin kanssa maanantaisin klo 10.00 CET</translation>
    </message>
    <message>
        <source>&amp;Add a line</source>
        <translation>&amp;Lisää rivi</translation>
    </message>
    <message>
        <source>One duty per line</source>
        <translation>Yksi velvollisuus riviä kohti</translation>
    </message>
    <message>
        <source>Restore default text</source>
        <translation>Palauta oletusteksti</translation>
    </message>
    <message>
        <source>{role}: name</source>
        <translation>{role}: nimi</translation>
    </message>
    <message>
        <source>{role}: duties</source>
        <translation>{role}: tehtävät</translation>
    </message>
    <message>
        <source>Restore the default duties of the {role}</source>
        <translation>Palauta roolin {role} oletustehtävät</translation>
    </message>
    <message>
        <source>Replace the duties with the standard text</source>
        <translation>Korvaa velvollisuudet vakiotekstillä</translation>
    </message>
    <message>
        <source>No standard text</source>
        <translation>Ei vakiotekstiä</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nimi:</translation>
    </message>
    <message>
        <source>What the trainee, the mentor, the tutor and the coordinator undertake. One duty per line; edit freely, or restore the standard text.</source>
        <translation>Mihin harjoittelija, mentori, ohjaaja ja koordinaattori sitoutuvat. Yksi velvollisuus riviä kohti; muokkaa vapaasti tai palauta vakioteksti.</translation>
    </message>
    <message>
        <source>Which tool serves what, and whether it was tested with every actor before the start. Tools chosen in the preparation are listed already.</source>
        <translation>Mihin kutakin työkalua käytetään ja onko se testattu kaikkien osapuolten kanssa ennen alkua. Valmistelussa valitut työkalut on jo lueteltu.</translation>
    </message>
    <message>
        <source>&amp;Add a tool</source>
        <translation>&amp;Lisää työkalu</translation>
    </message>
    <message>
        <source>Traineeship embedded in the curriculum</source>
        <translation>Opetussuunnitelmaan sisältyvä harjoittelu</translation>
    </message>
    <message>
        <source>Voluntary traineeship</source>
        <translation>Vapaaehtoinen harjoittelu</translation>
    </message>
    <message>
        <source>Traineeship of a recent graduate</source>
        <translation>Vastavalmistuneen harjoittelu</translation>
    </message>
    <message>
        <source>Table B: how the sending institution recognises the traineeship, and the trainee&apos;s insurance.</source>
        <translation>Taulukko B: miten lähettävä korkeakoulu tunnustaa harjoittelun, sekä harjoittelijan vakuutus.</translation>
    </message>
    <message>
        <source>&amp;Embedded in the curriculum</source>
        <translation>S&amp;isältyy opetussuunnitelmaan</translation>
    </message>
    <message>
        <source>&amp;Voluntary traineeship</source>
        <translation>&amp;Vapaaehtoinen harjoittelu</translation>
    </message>
    <message>
        <source>Recent &amp;graduate</source>
        <translation>Vastava&amp;lmistunut</translation>
    </message>
    <message>
        <source>Recognition</source>
        <translation>Tunnustaminen</translation>
    </message>
    <message>
        <source>ECTS &amp;credits</source>
        <translation>&amp;ECTS-opintopisteet</translation>
    </message>
    <message>
        <source>G&amp;rade</source>
        <translation>&amp;Arvosana</translation>
    </message>
    <message>
        <source>&amp;Transcript</source>
        <translation>&amp;Opintosuoritusote</translation>
    </message>
    <message>
        <source>&amp;Insurance</source>
        <translation>Va&amp;kuutus</translation>
    </message>
    <message>
        <source>Table C: what the receiving organisation commits to.</source>
        <translation>Taulukko C: mihin vastaanottava organisaatio sitoutuu.</translation>
    </message>
    <message>
        <source>The organisation &amp;pays a monthly allowance of</source>
        <translation>Organisaatio &amp;maksaa kuukausittaisen korvauksen</translation>
    </message>
    <message>
        <source>Monthly amount</source>
        <translation>Kuukausisumma</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Valuutta</translation>
    </message>
    <message>
        <source>e.g. a laptop, software licences, access to online tools</source>
        <translation>esim. kannettava tietokone, ohjelmistolisenssit, pääsy verkkotyökaluihin</translation>
    </message>
    <message>
        <source> weeks after the end</source>
        <translation> viikon kuluessa päättymisestä</translation>
    </message>
    <message>
        <source>Financial support</source>
        <translation>Taloudellinen tuki</translation>
    </message>
    <message>
        <source>Support in &amp;kind</source>
        <translation>&amp;Luontoissuoritukset</translation>
    </message>
    <message>
        <source>&amp;Certificate within</source>
        <translation>&amp;Todistus</translation>
    </message>
    <message>
        <source>The traineeship certificate is issued {low} to {high} weeks after the end at the latest.</source>
        <translation>Harjoittelutodistus annetaan viimeistään {low}–{high} viikon kuluttua päättymisestä.</translation>
    </message>
    <message>
        <source>This version has been sent to the parties and is frozen: it can no longer be changed. Changes need a new version of the agreement.</source>
        <translation>Tämä versio on lähetetty osapuolille ja jäädytetty: sitä ei voi enää muuttaa. Muutokset edellyttävät sopimuksen uutta versiota.</translation>
    </message>
    <message>
        <source>{title}; {span}; {hours_per_week} h/week, {value}</source>
        <translation>{title}; {span}; {hours_per_week} h/vk, {value}</translation>
    </message>
    <message>
        <source>no role</source>
        <translation>ei roolia</translation>
    </message>
    <message>
        <source>no tool listed</source>
        <translation>ei työkaluja lueteltu</translation>
    </message>
    <message>
        <source>, {credits} ECTS</source>
        <translation>, {credits} ECTS</translation>
    </message>
    <message>
        <source>no allowance</source>
        <translation>ei korvausta</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Yhteenveto</translation>
    </message>
    <message>
        <source>Every section at a glance. Finish saves the draft; it stays editable until it is sent.</source>
        <translation>Kaikki osiot yhdellä silmäyksellä. Valmis tallentaa luonnoksen; sitä voi muokata, kunnes se lähetetään.</translation>
    </message>
    <message>
        <source>The language the agreement&apos;s PDF is written in; remembered for this host. Texts vipdesk wrote (default tasks, plans, roles, protocol) follow it when the draft is saved; texts you typed stay as they are.</source>
        <translation>Kieli, jolla sopimuksen PDF kirjoitetaan; muistetaan tälle vastaanottavalle organisaatiolle. vipdeskin kirjoittamat tekstit (oletustehtävät, suunnitelmat, roolit, viestintäsuunnitelma) vaihtuvat siihen, kun luonnos tallennetaan; itse kirjoittamasi tekstit pysyvät ennallaan.</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;margin:6px 0&apos;&gt;&lt;span style=&apos;color:{hex_of}&apos;&gt;✘&lt;/span&gt; &lt;b&gt;{title}&lt;/b&gt; — &lt;a href=&apos;{key}&apos;&gt;go to this page&lt;/a&gt;&lt;/p&gt;&lt;ul style=&apos;margin-top:0&apos;&gt;{items}&lt;/ul&gt;</source>
        <translation>&lt;p style=&apos;margin:6px 0&apos;&gt;&lt;span style=&apos;color:{hex_of}&apos;&gt;✘&lt;/span&gt; &lt;b&gt;{title}&lt;/b&gt; — &lt;a href=&apos;{key}&apos;&gt;siirry tälle sivulle&lt;/a&gt;&lt;/p&gt;&lt;ul style=&apos;margin-top:0&apos;&gt;{items}&lt;/ul&gt;</translation>
    </message>
    <message numerus="yes">
        <source>%n task(s)</source>
        <translation>
            <numerusform>%n tehtävä</numerusform>
            <numerusform>%n tehtävää</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n learning outcome(s)</source>
        <translation>
            <numerusform>%n oppimistulos</numerusform>
            <numerusform>%n oppimistulosta</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n evaluation criterion/criteria</source>
        <translation>
            <numerusform>%n arviointikriteeri</numerusform>
            <numerusform>%n arviointikriteeriä</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n rivi</numerusform>
            <numerusform>%n riviä</numerusform>
        </translation>
    </message>
    <message>
        <source>a monthly allowance, amount not given yet</source>
        <translation>kuukausittainen korvaus, summaa ei ole vielä annettu</translation>
    </message>
    <message>
        <source>{amount} a month</source>
        <translation>{amount} kuukaudessa</translation>
    </message>
    <message numerus="yes">
        <source>{support}; certificate within %n week(s)</source>
        <translation>
            <numerusform>{support}; todistus %n viikon kuluessa</numerusform>
            <numerusform>{support}; todistus %n viikon kuluessa</numerusform>
        </translation>
    </message>
    <message>
        <source>Language of the agreement</source>
        <translation>Sopimuksen kieli</translation>
    </message>
    <message>
        <source>With the &amp;English text alongside (bilingual)</source>
        <translation>Englanninkielinen teksti &amp;rinnalla (kaksikielinen)</translation>
    </message>
    <message>
        <source>Each heading and fixed text in both languages; what people typed, once</source>
        <translation>Jokainen otsikko ja vakioteksti molemmilla kielillä; kirjoitettu sisältö kerran</translation>
    </message>
    <message>
        <source>&amp;Language of the agreement:</source>
        <translation>Sopimuksen &amp;kieli:</translation>
    </message>
    <message numerus="yes">
        <source>%n section(s) need attention before Finish. Use the links, or Back.</source>
        <translation>
            <numerusform>%n osio vaatii huomiota ennen kuin voit valita Valmis. Käytä linkkejä tai Edellinen-painiketta.</numerusform>
            <numerusform>%n osiota vaatii huomiota ennen kuin voit valita Valmis. Käytä linkkejä tai Edellinen-painiketta.</numerusform>
        </translation>
    </message>
    <message>
        <source>Every section is complete. Press Finish to save the draft.</source>
        <translation>Kaikki osiot ovat valmiita. Tallenna luonnos valitsemalla Valmis.</translation>
    </message>
    <message>
        <source>Agreement {reference} — version {version}</source>
        <translation>Sopimus {reference} — versio {version}</translation>
    </message>
    <message>
        <source> (sent, read-only)</source>
        <translation> (lähetetty, vain luku)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Sulje</translation>
    </message>
    <message>
        <source>Every section at a glance, as sent. Close leaves it as it is.</source>
        <translation>Kaikki osiot yhdellä silmäyksellä lähetetyssä muodossa. Sulje jättää sen ennalleen.</translation>
    </message>
    <message>
        <source>Draft not saved</source>
        <translation>Luonnosta ei tallennettu</translation>
    </message>
    <message>
        <source>{exc}
What you typed stays on this page.</source>
        <translation>{exc}
Kirjoittamasi teksti säilyy tällä sivulla.</translation>
    </message>
    <message>
        <source>Save the draft?</source>
        <translation>Tallennetaanko luonnos?</translation>
    </message>
    <message>
        <source>Save what you typed as a draft before closing?</source>
        <translation>Tallennetaanko kirjoittamasi luonnoksena ennen sulkemista?</translation>
    </message>
    <message>
        <source>Cannot open the demo</source>
        <translation>Esittelyä ei voi avata</translation>
    </message>
    <message>
        <source>vipdesk: unexpected error</source>
        <translation>vipdesk: odottamaton virhe</translation>
    </message>
    <message>
        <source>Something went wrong that vipdesk did not expect ({kind}). What you saved is safe. Details are in {value}.</source>
        <translation>vipdeskissä tapahtui odottamaton virhe ({kind}). Tallentamasi tiedot ovat tallessa. Lisätietoja: {value}.</translation>
    </message>
    <message>
        <source>vipdesk cannot open the database</source>
        <translation>vipdesk ei voi avata tietokantaa</translation>
    </message>
    <message>
        <source>Like the &amp;system</source>
        <translation>&amp;Järjestelmän mukaan</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Vaalea</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Tumma</translation>
    </message>
    <message>
        <source>Colour &amp;scheme</source>
        <translation>&amp;Värimalli</translation>
    </message>
    <message>
        <source>{value} colours. Panels already open take them in full when opened again, or on the next start.</source>
        <translation>Värit: {value}. Jo avoinna olevat paneelit saavat ne kokonaan, kun ne avataan uudelleen, tai seuraavalla käynnistyskerralla.</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Kieli</translation>
    </message>
    <message>
        <source>vipdesk speaks {language} from the next start.</source>
        <translation>vipdeskin kieli on {language} seuraavasta käynnistyksestä alkaen.</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>Joku muu on muuttanut</translation>
    </message>
    <message>
        <source>another user</source>
        <translation>toinen käyttäjä</translation>
    </message>
    <message>
        <source>&lt;b&gt;{who}&lt;/b&gt; saved this record after you opened it. Nothing of yours has been saved yet. Compare the two versions, then choose:</source>
        <translation>&lt;b&gt;{who}&lt;/b&gt; tallensi tämän tietueen sen jälkeen, kun avasit sen. Mitään muutoksistasi ei ole vielä tallennettu. Vertaa versioita ja valitse:</translation>
    </message>
    <message>
        <source>Your version</source>
        <translation>Oma versiosi</translation>
    </message>
    <message>
        <source>Saved by {who}</source>
        <translation>Tallentanut {who}</translation>
    </message>
    <message>
        <source>Reload theirs (drop my edits)</source>
        <translation>Lataa heidän versionsa (hylkää omat muutokset)</translation>
    </message>
    <message>
        <source>Keep mine (save over theirs)</source>
        <translation>Säilytä omani (tallenna heidän versionsa päälle)</translation>
    </message>
    <message>
        <source>Back to editing</source>
        <translation>Takaisin muokkaukseen</translation>
    </message>
    <message>
        <source>Full name of the person answering</source>
        <translation>Vastaajan koko nimi</translation>
    </message>
    <message>
        <source>&amp;Answered by:</source>
        <translation>&amp;Vastaaja:</translation>
    </message>
    <message>
        <source>Enter the name of the person who answers.</source>
        <translation>Anna vastaajan nimi.</translation>
    </message>
    <message>
        <source>Answer this question: it is required.</source>
        <translation>Vastaa tähän kysymykseen: se on pakollinen.</translation>
    </message>
    <message>
        <source>{reached} of {planned}</source>
        <translation>{reached}/{planned}</translation>
    </message>
    <message>
        <source>Save the placement first to record its evaluations.</source>
        <translation>Tallenna harjoittelu ensin, jotta voit kirjata sen arvioinnit.</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Vaihe</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Vastaaja</translation>
    </message>
    <message>
        <source>Respondent</source>
        <translation>Vastaaja</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Pistemäärä</translation>
    </message>
    <message>
        <source>Outcomes reached</source>
        <translation>Saavutetut tulokset</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>Kirjattu</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Tapa</translation>
    </message>
    <message>
        <source>Evaluations</source>
        <translation>Arvioinnit</translation>
    </message>
    <message>
        <source>Each evaluation, newest first</source>
        <translation>Kaikki arvioinnit, uusin ensin</translation>
    </message>
    <message>
        <source>&amp;Enter evaluation…</source>
        <translation>&amp;Syötä arviointi…</translation>
    </message>
    <message>
        <source>E&amp;xport questionnaire…</source>
        <translation>&amp;Vie kysely…</translation>
    </message>
    <message>
        <source>A fillable PDF for the student, the mentor or the tutor</source>
        <translation>Täytettävä PDF opiskelijalle, mentorille tai ohjaajalle</translation>
    </message>
    <message>
        <source>&amp;Import returned…</source>
        <translation>&amp;Tuo palautettu…</translation>
    </message>
    <message>
        <source>Read a filled-in questionnaire PDF back, answer by answer</source>
        <translation>Lue täytetty kysely-PDF takaisin vastaus kerrallaan</translation>
    </message>
    <message>
        <source>E-mail &amp;questionnaire…</source>
        <translation>Lähetä &amp;kysely sähköpostilla…</translation>
    </message>
    <message>
        <source>Send the fillable PDF to the person who answers it</source>
        <translation>Lähetä täytettävä PDF vastaajalle</translation>
    </message>
    <message>
        <source>{label} by the {value}</source>
        <translation>{label}: {value}</translation>
    </message>
    <message>
        <source>Every evaluation is in.</source>
        <translation>Kaikki arvioinnit on saatu.</translation>
    </message>
    <message>
        <source>Not yet given: </source>
        <translation>Vielä antamatta: </translation>
    </message>
    <message>
        <source>Enter an evaluation</source>
        <translation>Syötä arviointi</translation>
    </message>
    <message>
        <source>Cannot start the evaluation</source>
        <translation>Arviointia ei voi aloittaa</translation>
    </message>
    <message>
        <source>Evaluation not stored</source>
        <translation>Arviointia ei tallennettu</translation>
    </message>
    <message>
        <source>Export a questionnaire</source>
        <translation>Vie kysely</translation>
    </message>
    <message>
        <source>E-mail a questionnaire</source>
        <translation>Lähetä kysely sähköpostilla</translation>
    </message>
    <message>
        <source>PDF files (*.pdf);;All files (*)</source>
        <translation>PDF-tiedostot (*.pdf);;Kaikki tiedostot (*)</translation>
    </message>
    <message>
        <source>&amp;Questionnaire:</source>
        <translation>&amp;Kysely:</translation>
    </message>
    <message>
        <source>The questions and the form in this language; a questionnaire not yet translated into it goes out in English</source>
        <translation>Kysymykset ja lomake tällä kielellä; kysely, jota ei vielä ole käännetty tälle kielelle, lähetetään englanniksi</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>K&amp;ieli:</translation>
    </message>
    <message>
        <source>Returned: {title}</source>
        <translation>Palautettu: {title}</translation>
    </message>
    <message>
        <source>{name}: answered by &lt;b&gt;{respondent}&lt;/b&gt; ({value}). Check the answers, then store them.</source>
        <translation>{name}: vastaaja &lt;b&gt;{respondent}&lt;/b&gt; ({value}). Tarkista vastaukset ja tallenna ne.</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Kysymys</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Vastaus</translation>
    </message>
    <message>
        <source>(no answer)</source>
        <translation>(ei vastausta)</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Vastaukset</translation>
    </message>
    <message>
        <source>Each question and the answer read</source>
        <translation>Kukin kysymys ja luettu vastaus</translation>
    </message>
    <message>
        <source>&amp;Store these answers</source>
        <translation>&amp;Tallenna nämä vastaukset</translation>
    </message>
    <message>
        <source>Save the questionnaire</source>
        <translation>Tallenna kysely</translation>
    </message>
    <message>
        <source>Questionnaire not saved</source>
        <translation>Kyselyä ei tallennettu</translation>
    </message>
    <message>
        <source>Returned questionnaire</source>
        <translation>Palautettu kysely</translation>
    </message>
    <message>
        <source>Not a questionnaire of this placement</source>
        <translation>Ei tämän harjoittelun kysely</translation>
    </message>
    <message>
        <source>Answers not stored</source>
        <translation>Vastauksia ei tallennettu</translation>
    </message>
    <message>
        <source>Click a bar to list the cost items behind it.</source>
        <translation>Napsauta palkkia nähdäksesi sen taustalla olevat kulut.</translation>
    </message>
    <message>
        <source>Budget against actual per funding source</source>
        <translation>Budjetti ja toteuma rahoituslähteittäin</translation>
    </message>
    <message>
        <source>No funding sources yet.</source>
        <translation>Ei vielä rahoituslähteitä.</translation>
    </message>
    <message>
        <source>One placement</source>
        <translation>Yksi harjoittelu</translation>
    </message>
    <message>
        <source>Shared by year</source>
        <translation>Jaettu vuosittain</translation>
    </message>
    <message>
        <source>Shared, chosen</source>
        <translation>Jaettu, valitut</translation>
    </message>
    <message>
        <source>All modes</source>
        <translation>Kaikki muodot</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Vuosi</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Muoto</translation>
    </message>
    <message>
        <source>Placements sharing it</source>
        <translation>Kulun jakavat harjoittelut</translation>
    </message>
    <message>
        <source>Tick the placements that share the cost</source>
        <translation>Valitse harjoittelut, jotka jakavat kulun</translation>
    </message>
    <message>
        <source>a placement</source>
        <translation>harjoittelu</translation>
    </message>
    <message>
        <source>This {what} was changed after you opened it.</source>
        <translation>Tätä tietuetta ({what}) muutettiin sen jälkeen, kun avasit sen.</translation>
    </message>
    <message>
        <source>This {what} was changed by {who} after you opened it.</source>
        <translation>{who} muutti tätä tietuetta ({what}) sen jälkeen, kun avasit sen.</translation>
    </message>
    <message>
        <source>agreement</source>
        <translation>sopimus</translation>
    </message>
    <message>
        <source>base currency</source>
        <translation>perusvaluutta</translation>
    </message>
    <message>
        <source>checklist</source>
        <translation>tarkistuslista</translation>
    </message>
    <message>
        <source>choice of tools</source>
        <translation>työkalujen valinta</translation>
    </message>
    <message>
        <source>cost item</source>
        <translation>kulu</translation>
    </message>
    <message>
        <source>e-mail setup</source>
        <translation>sähköpostin asetukset</translation>
    </message>
    <message>
        <source>list of office leads</source>
        <translation>toimiston vastuuhenkilöiden luettelo</translation>
    </message>
    <message>
        <source>placement</source>
        <translation>harjoittelu</translation>
    </message>
    <message>
        <source>student&apos;s equity flags</source>
        <translation>opiskelijan yhdenvertaisuustiedot</translation>
    </message>
    <message>
        <source>tool test</source>
        <translation>työkalun testi</translation>
    </message>
    <message>
        <source>work-list day count</source>
        <translation>työlistan päivien määrä</translation>
    </message>
    <message>
        <source>Cost item not saved</source>
        <translation>Kulua ei tallennettu</translation>
    </message>
    <message>
        <source>e.g. Laptop for the student</source>
        <translation>esim. Kannettava tietokone opiskelijalle</translation>
    </message>
    <message>
        <source>No funding source</source>
        <translation>Ei rahoituslähdettä</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Luokka</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Kuvaus</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Summa</translation>
    </message>
    <message>
        <source>Staff hours</source>
        <translation>Henkilöstön tunnit</translation>
    </message>
    <message>
        <source>Hourly rate</source>
        <translation>Tuntihinta</translation>
    </message>
    <message>
        <source>Funding source</source>
        <translation>Rahoituslähde</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Lasku</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Kohde</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Osuus</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Huomautukset</translation>
    </message>
    <message>
        <source>Cost item: {description}</source>
        <translation>Kulu: {description}</translation>
    </message>
    <message>
        <source>New cost item</source>
        <translation>Uusi kulu</translation>
    </message>
    <message>
        <source>For staff time, enter the hours and hourly rate and leave the amount empty.</source>
        <translation>Anna henkilöstön työajalle tunnit ja tuntihinta ja jätä summa tyhjäksi.</translation>
    </message>
    <message>
        <source>Staff time: {hours} h × {rate} = {format_money}</source>
        <translation>Henkilöstön työaika: {hours} h × {rate} = {format_money}</translation>
    </message>
    <message>
        <source> (the amount above is used)</source>
        <translation> (käytetään yllä olevaa summaa)</translation>
    </message>
    <message>
        <source>Save the placement first to record its costs.</source>
        <translation>Tallenna harjoittelu ensin, jotta voit kirjata sen kulut.</translation>
    </message>
    <message>
        <source>Costs</source>
        <translation>Kulut</translation>
    </message>
    <message>
        <source>The costs of this placement, one per row</source>
        <translation>Tämän harjoittelun kulut, yksi riviä kohti</translation>
    </message>
    <message>
        <source>New cost item…</source>
        <translation>Uusi kulu…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Muokkaa…</translation>
    </message>
    <message>
        <source>Cost item</source>
        <translation>Kulu</translation>
    </message>
    <message>
        <source>shared</source>
        <translation>jaettu</translation>
    </message>
    <message>
        <source>direct</source>
        <translation>suora</translation>
    </message>
    <message>
        <source>Amount ({base})</source>
        <translation>Summa ({base})</translation>
    </message>
    <message>
        <source>No costs recorded for this placement yet.</source>
        <translation>Tälle harjoittelulle ei ole vielä kirjattu kuluja.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Total {format_money}&lt;/b&gt; — direct {format_money2}, share of shared costs {format_money3}</source>
        <translation>&lt;b&gt;Yhteensä {format_money}&lt;/b&gt; — suorat {format_money2}, osuus jaetuista kuluista {format_money3}</translation>
    </message>
    <message>
        <source>Not counted anywhere yet: </source>
        <translation>Ei vielä laskettu mihinkään: </translation>
    </message>
    <message>
        <source>Shared: all{mode} of {share_year} ({label})</source>
        <translation>Jaettu: vuosi {share_year}, kaikki{mode} ({label})</translation>
    </message>
    <message>
        <source>Shared: {count} placements ({label})</source>
        <translation>Jaettu: {count} harjoittelua ({label})</translation>
    </message>
    <message>
        <source>Cost items</source>
        <translation>Kulut</translation>
    </message>
    <message>
        <source>The placement&apos;s costs, one per row</source>
        <translation>Harjoittelun kulut, yksi riviä kohti</translation>
    </message>
    <message>
        <source>No cost items yet. Add the first with New….</source>
        <translation>Ei vielä kuluja. Lisää ensimmäinen valitsemalla Uusi….</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>Uusi…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Poista…</translation>
    </message>
    <message>
        <source>Cost items not loaded</source>
        <translation>Kuluja ei ladattu</translation>
    </message>
    <message>
        <source>Delete cost item</source>
        <translation>Poista kulu</translation>
    </message>
    <message>
        <source>Delete {description}?</source>
        <translation>Poistetaanko {description}?</translation>
    </message>
    <message>
        <source>Cost item not deleted</source>
        <translation>Kulua ei poistettu</translation>
    </message>
    <message>
        <source>Exchange rates</source>
        <translation>Valuuttakurssit</translation>
    </message>
    <message>
        <source>Units of a currency worth 1 {base}, valid from a date until the next rate. A cost is converted at the latest rate on or before its date.</source>
        <translation>Valuutan yksiköiden määrä, joka vastaa yhtä yksikköä {base}, voimassa päivämäärästä seuraavaan kurssiin asti. Kulu muunnetaan viimeisimmällä kurssilla, joka on voimassa sen päivämääränä tai aiemmin.</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>Voimassa alkaen</translation>
    </message>
    <message>
        <source>Rate (per 1 {base})</source>
        <translation>Kurssi (per 1 {base})</translation>
    </message>
    <message>
        <source>Stored rates, newest first</source>
        <translation>Tallennetut kurssit, uusin ensin</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Kurssi</translation>
    </message>
    <message>
        <source>Add rate</source>
        <translation>Lisää kurssi</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>Tuo CSV…</translation>
    </message>
    <message>
        <source>Lines of date,currency,rate, e.g. 2026-01-01,USD,1.0825</source>
        <translation>Rivejä muodossa päivämäärä,valuutta,kurssi, esim. 2026-01-01,USD,1.0825</translation>
    </message>
    <message>
        <source>Add a rate: currency, valid from, rate</source>
        <translation>Lisää kurssi: valuutta, voimassa alkaen, kurssi</translation>
    </message>
    <message>
        <source>Type the rate as a number, e.g. 1.0825.</source>
        <translation>Kirjoita kurssi numerona, esim. 1.0825.</translation>
    </message>
    <message>
        <source>Enter the date the rate is valid from.</source>
        <translation>Anna päivämäärä, josta alkaen kurssi on voimassa.</translation>
    </message>
    <message>
        <source>Import exchange rates</source>
        <translation>Tuo valuuttakurssit</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-tiedostot (*.csv);;Kaikki tiedostot (*)</translation>
    </message>
    <message>
        <source>{name} could not be read: {exc}</source>
        <translation>Tiedostoa {name} ei voitu lukea: {exc}</translation>
    </message>
    <message numerus="yes">
        <source>Stored %n rate(s).</source>
        <translation>
            <numerusform>Tallennettiin %n kurssi.</numerusform>
            <numerusform>Tallennettiin %n kurssia.</numerusform>
        </translation>
    </message>
    <message>
        <source>Source: {source}</source>
        <translation>Lähde: {source}</translation>
    </message>
    <message>
        <source>Erasmus+ grant</source>
        <translation>Erasmus+-apuraha</translation>
    </message>
    <message>
        <source>By start date</source>
        <translation>Alkamispäivän mukaan</translation>
    </message>
    <message>
        <source>Call {year}</source>
        <translation>Haku {year}</translation>
    </message>
    <message>
        <source>The call whose project period covers the placement&apos;s start</source>
        <translation>Haku, jonka hankekausi kattaa harjoittelun alun</translation>
    </message>
    <message>
        <source>Fewer opportunities</source>
        <translation>Vähemmän mahdollisuuksia</translation>
    </message>
    <message>
        <source>Green travel</source>
        <translation>Vihreä matkustaminen</translation>
    </message>
    <message>
        <source>Zero grant</source>
        <translation>Nolla-apuraha</translation>
    </message>
    <message>
        <source>No individual support from Erasmus+ EU funds</source>
        <translation>Ei yksilötukea Erasmus+-ohjelman EU-varoista</translation>
    </message>
    <message>
        <source>Travel days</source>
        <translation>Matkapäivät</translation>
    </message>
    <message>
        <source> travel days</source>
        <translation> matkapäivää</translation>
    </message>
    <message>
        <source>Extra days of individual support for green travel</source>
        <translation>Yksilötuen lisäpäivät vihreää matkustamista varten</translation>
    </message>
    <message>
        <source>Travel distance</source>
        <translation>Matkan pituus</translation>
    </message>
    <message>
        <source> km</source>
        <translation> km</translation>
    </message>
    <message>
        <source>distance not given</source>
        <translation>matkan pituutta ei annettu</translation>
    </message>
    <message>
        <source>For short blended stays with fewer opportunities: travel support by distance band</source>
        <translation>Lyhyet yhdistetyt jaksot, vähemmän mahdollisuuksia: matkatuki etäisyysluokan mukaan</translation>
    </message>
    <message>
        <source>Call year:</source>
        <translation>Hakuvuosi:</translation>
    </message>
    <message>
        <source>Top-ups:</source>
        <translation>Korotukset:</translation>
    </message>
    <message>
        <source>Travel:</source>
        <translation>Matka:</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Määrä</translation>
    </message>
    <message>
        <source>Grant lines</source>
        <translation>Apurahan rivit</translation>
    </message>
    <message>
        <source>The grant line by line, with the rule of each</source>
        <translation>Apuraha riveittäin, kunkin rivin sääntöineen</translation>
    </message>
    <message>
        <source>Record as cost item</source>
        <translation>Kirjaa kuluksi</translation>
    </message>
    <message>
        <source>Save what is paid to the student as a cost of this placement</source>
        <translation>Tallenna opiskelijalle maksettava summa tämän harjoittelun kuluksi</translation>
    </message>
    <message>
        <source>There are no grant rates to calculate with.</source>
        <translation>Apurahan laskemiseen ei ole tukitasoja.</translation>
    </message>
    <message>
        <source>Source: {note_source}</source>
        <translation>Lähde: {note_source}</translation>
    </message>
    <message>
        <source>, country group {group}</source>
        <translation>, maaryhmä {group}</translation>
    </message>
    <message>
        <source>{physical_days} physical days{counted}{group}. &lt;b&gt;To the student: {format_money}&lt;/b&gt;</source>
        <translation>{physical_days} fyysistä päivää{counted}{group}. &lt;b&gt;Opiskelijalle: {format_money}&lt;/b&gt;</translation>
    </message>
    <message>
        <source> · in all {format_money}</source>
        <translation> · yhteensä {format_money}</translation>
    </message>
    <message>
        <source>Grant not recorded</source>
        <translation>Apurahaa ei kirjattu</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n päivä</numerusform>
            <numerusform>%n päivää</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n month(s)</source>
        <translation>
            <numerusform>%n kuukausi</numerusform>
            <numerusform>%n kuukautta</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n once</source>
        <comment>a grant line paid one time: 1 once</comment>
        <translation>
            <numerusform>%n kertaluonteinen</numerusform>
            <numerusform>%n kertaluonteista</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n participant(s)</source>
        <translation>
            <numerusform>%n osallistuja</numerusform>
            <numerusform>%n osallistujaa</numerusform>
        </translation>
    </message>
    <message>
        <source>counted as {months} and {days}</source>
        <translation>laskettu: {months} ja {days}</translation>
    </message>
    <message>
        <source>Individual support, days {first}–{last}</source>
        <translation>Yksilötuki, päivät {first}–{last}</translation>
    </message>
    <message>
        <source>Give the travel distance to add the travel support.</source>
        <translation>Anna matkan pituus, niin matkatuki lisätään.</translation>
    </message>
    <message>
        <source>Green travel top-up</source>
        <translation>Vihreän matkustamisen lisä</translation>
    </message>
    <message>
        <source>Individual support</source>
        <translation>Yksilötuki</translation>
    </message>
    <message>
        <source>Traineeship top-up</source>
        <translation>Harjoittelulisä</translation>
    </message>
    <message>
        <source>Fewer opportunities top-up</source>
        <translation>Lisä osallistujille, joilla on vähemmän mahdollisuuksia</translation>
    </message>
    <message>
        <source>{days} physical days is less than the {months} months a long-term traineeship needs; only a blended placement with {low} to {high} physical days is funded as short-term.</source>
        <translation>{days} fyysistä päivää on vähemmän kuin pitkäkestoisen harjoittelun vaatimat {months} kuukautta; vain monimuotoharjoittelu, jossa on {low}–{high} fyysistä päivää, rahoitetaan lyhytkestoisena.</translation>
    </message>
    <message>
        <source>A purely virtual placement gets no individual support.</source>
        <translation>Täysin virtuaalinen harjoittelu ei saa yksilötukea.</translation>
    </message>
    <message>
        <source>{days} physical days is too short: the Programme Guide funds physical stays of {low} days or more ({low} to {high} in a blended placement).</source>
        <translation>{days} fyysistä päivää on liian lyhyt: ohjelmaopas rahoittaa vähintään {low} päivän fyysiset jaksot ({low}–{high} monimuotoharjoittelussa).</translation>
    </message>
    <message>
        <source>A zero-grant participant gets no individual support from Erasmus+ EU funds.</source>
        <translation>Ilman apurahaa osallistuva (zero-grant) ei saa yksilötukea Erasmus+-ohjelman EU-varoista.</translation>
    </message>
    <message>
        <source>Organisational support (participant {number})</source>
        <translation>Organisatorinen tuki (osallistuja {number})</translation>
    </message>
    <message>
        <source>{days} physical days is more than the {months} months the Programme Guide funds in a study cycle.</source>
        <translation>{days} fyysistä päivää on enemmän kuin ohjelmaoppaan yhdessä opintosyklissä rahoittamat {months} kuukautta.</translation>
    </message>
    <message>
        <source>This blended placement has no physical period yet, so nothing is funded.</source>
        <translation>Tällä monimuotoharjoittelulla ei ole vielä fyysistä jaksoa, joten mitään ei rahoiteta.</translation>
    </message>
    <message>
        <source>{line}, extra days</source>
        <translation>{line}, lisäpäivät</translation>
    </message>
    <message>
        <source>Fewer opportunities top-up, {days} physical days</source>
        <translation>Lisä osallistujille, joilla on vähemmän mahdollisuuksia, {days} fyysistä päivää</translation>
    </message>
    <message>
        <source>Green travel support, {km} km</source>
        <translation>Vihreän matkustamisen matkatuki, {km} km</translation>
    </message>
    <message>
        <source>Travel support, {km} km</source>
        <translation>Matkatuki, {km} km</translation>
    </message>
    <message>
        <source>No travel support for {km} km: the bands start at 10 km.</source>
        <translation>Ei matkatukea {km} km:n matkalle: etäisyysluokat alkavat 10 km:stä.</translation>
    </message>
    <message>
        <source>No travel support: it goes to {who} only.</source>
        <translation>Ei matkatukea: se myönnetään vain: {who}.</translation>
    </message>
    <message>
        <source>Green travel days</source>
        <translation>Vihreän matkustamisen matkapäivät</translation>
    </message>
    <message>
        <source>No Erasmus+ rate table covers a start on {day} (vipdesk has {known}); choose a call year.</source>
        <translation>Mikään Erasmus+-tukitaulukko ei kata {day} alkavaa jaksoa (vipdeskissä on {known}); valitse hakukierroksen vuosi.</translation>
    </message>
    <message>
        <source>{country} is in none of the country groups of the call {year} rates.</source>
        <translation>{country} ei kuulu mihinkään hakukierroksen {year} maaryhmään.</translation>
    </message>
    <message>
        <source>There are no Erasmus+ rates for the call year {year}.</source>
        <translation>Hakukierrokselle {year} ei ole Erasmus+-tukimääriä.</translation>
    </message>
    <message>
        <source>{code} is an outermost region or overseas country or territory: the Programme Guide sets their grants apart and the call {year} table has no rates for them; ask your national agency.</source>
        <translation>{code} on syrjäisin alue tai merentakainen maa tai alue: ohjelmaopas määrää niiden tuet erikseen, eikä hakukierroksen {year} taulukossa ole niille tukimääriä; kysy kansalliselta toimistolta.</translation>
    </message>
    <message>
        <source>call {year}: {start} – {end}</source>
        <translation>hakukierros {year}: {start} – {end}</translation>
    </message>
    <message>
        <source>The organisational support tiers of this call year end too early.</source>
        <translation>Tämän hakuvuoden organisointituen portaat päättyvät liian aikaisin.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ei mitään</translation>
    </message>
    <message>
        <source>funding source</source>
        <translation>rahoituslähde</translation>
    </message>
    <message>
        <source>Funding source not saved</source>
        <translation>Rahoituslähdettä ei tallennettu</translation>
    </message>
    <message>
        <source>e.g. Erasmus+ KA131 2026</source>
        <translation>esim. Erasmus+ KA131 2026</translation>
    </message>
    <message>
        <source>e.g. the grant agreement number</source>
        <translation>esim. avustussopimuksen numero</translation>
    </message>
    <message>
        <source>Name</source>
        <comment>not a person&apos;s</comment>
        <translation>Nimi</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tyyppi</translation>
    </message>
    <message>
        <source>Amount awarded</source>
        <translation>Myönnetty summa</translation>
    </message>
    <message>
        <source>Pays from</source>
        <translation>Maksetaan alkaen</translation>
    </message>
    <message>
        <source>Pays until</source>
        <translation>Maksetaan asti</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Tunnus</translation>
    </message>
    <message>
        <source>Budget lines</source>
        <translation>Budjettirivit</translation>
    </message>
    <message>
        <source>Funding source: {name}</source>
        <translation>Rahoituslähde: {name}</translation>
    </message>
    <message>
        <source>New funding source</source>
        <translation>Uusi rahoituslähde</translation>
    </message>
    <message numerus="yes">
        <source>%Ln participant(s)</source>
        <translation>
            <numerusform>%Ln osallistuja</numerusform>
            <numerusform>%Ln osallistujaa</numerusform>
        </translation>
    </message>
    <message>
        <source>Awarded</source>
        <translation>Myönnetty</translation>
    </message>
    <message>
        <source>Spent</source>
        <translation>Käytetty</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>Jäljellä</translation>
    </message>
    <message>
        <source>overspent</source>
        <translation>ylitetty</translation>
    </message>
    <message>
        <source>Placement</source>
        <translation>Harjoittelu</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Lähde</translation>
    </message>
    <message>
        <source>New source…</source>
        <translation>Uusi lähde…</translation>
    </message>
    <message>
        <source>Cost items…</source>
        <translation>Kulut…</translation>
    </message>
    <message>
        <source>Exchange rates…</source>
        <translation>Valuuttakurssit…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Päivitä</translation>
    </message>
    <message>
        <source>Funding sources</source>
        <translation>Rahoituslähteet</translation>
    </message>
    <message>
        <source>Each source: budget, spent, left</source>
        <translation>Kunkin lähteen budjetti, käytetty ja jäljellä</translation>
    </message>
    <message>
        <source>&lt;b&gt;Funding sources&lt;/b&gt;</source>
        <translation>&lt;b&gt;Rahoituslähteet&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Spent of the amount awarded&lt;/b&gt;</source>
        <translation>&lt;b&gt;Käytetty myönnetystä summasta&lt;/b&gt;</translation>
    </message>
    <message>
        <source>No costs recorded yet: add cost items to see the cost per participant.</source>
        <translation>Kuluja ei ole vielä kirjattu: lisää kuluja nähdäksesi kustannuksen osallistujaa kohti.</translation>
    </message>
    <message>
        <source>Cost per participant by mode</source>
        <translation>Kustannus osallistujaa kohti muodoittain</translation>
    </message>
    <message>
        <source>Cost per participant by year</source>
        <translation>Kustannus osallistujaa kohti vuosittain</translation>
    </message>
    <message>
        <source>Click a bar or select a source to list the cost items behind it.</source>
        <translation>Napsauta palkkia tai valitse lähde nähdäksesi sen taustalla olevat kulut.</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Tiedot</translation>
    </message>
    <message>
        <source>What the chosen bar or source is made of</source>
        <translation>Mistä valittu palkki tai lähde koostuu</translation>
    </message>
    <message>
        <source>Funding not loaded</source>
        <translation>Rahoitusta ei ladattu</translation>
    </message>
    <message>
        <source>{spent} of {awarded}</source>
        <translation>{spent} / {awarded}</translation>
    </message>
    <message>
        <source> — overspent</source>
        <translation> — ylitetty</translation>
    </message>
    <message>
        <source>Not counted: {value}</source>
        <translation>Ei laskettu: {value}</translation>
    </message>
    <message>
        <source>Not counted:
• </source>
        <translation>Ei laskettu:
• </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;{title}&lt;/b&gt;: %n cost item(s), {total} in all</source>
        <translation>
            <numerusform>&lt;b&gt;{title}&lt;/b&gt;: %n kulu, yhteensä {total}</numerusform>
            <numerusform>&lt;b&gt;{title}&lt;/b&gt;: %n kulua, yhteensä {total}</numerusform>
        </translation>
    </message>
    <message>
        <source>{label} ({what}), {participants} participants</source>
        <translation>{label} ({what}), {participants} osallistujaa</translation>
    </message>
    <message>
        <source>Cannot open the funding source</source>
        <translation>Rahoituslähdettä ei voi avata</translation>
    </message>
    <message>
        <source>Delete funding source</source>
        <translation>Poista rahoituslähde</translation>
    </message>
    <message>
        <source>Delete {name}?</source>
        <translation>Poistetaanko {name}?</translation>
    </message>
    <message>
        <source>Funding source not deleted</source>
        <translation>Rahoituslähdettä ei poistettu</translation>
    </message>
    <message>
        <source>Anywhere</source>
        <translation>Kaikkialla</translation>
    </message>
    <message>
        <source>The user guide, at the section of what you are looking at</source>
        <translation>Käyttöopas kohdasta, jota parhaillaan katsot</translation>
    </message>
    <message>
        <source>Alt + underlined letter</source>
        <translation>Alt + alleviivattu kirjain</translation>
    </message>
    <message>
        <source>The menu, button, tab or field of that letter</source>
        <translation>Kyseisen kirjaimen valikko, painike, välilehti tai kenttä</translation>
    </message>
    <message>
        <source>Tab / Shift+Tab</source>
        <translation>Tab / Vaihto+Tab</translation>
    </message>
    <message>
        <source>The next / previous control</source>
        <translation>Seuraava / edellinen ohjausobjekti</translation>
    </message>
    <message>
        <source>Tables</source>
        <translation>Taulukot</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Open the selected placement or record</source>
        <translation>Avaa valittu harjoittelu tai tietue</translation>
    </message>
    <message>
        <source>Arrow keys, Page Up/Down</source>
        <translation>Nuolinäppäimet, Page Up/Down</translation>
    </message>
    <message>
        <source>Move through the rows</source>
        <translation>Siirry rivien välillä</translation>
    </message>
    <message>
        <source>Tab bars</source>
        <translation>Välilehtipalkit</translation>
    </message>
    <message>
        <source>Ctrl+Tab / Ctrl+Shift+Tab</source>
        <translation>Ctrl+Tab / Ctrl+Vaihto+Tab</translation>
    </message>
    <message>
        <source>The next / previous tab</source>
        <translation>Seuraava / edellinen välilehti</translation>
    </message>
    <message>
        <source>Placement editor</source>
        <translation>Harjoittelun muokkain</translation>
    </message>
    <message>
        <source>Save the placement</source>
        <translation>Tallenna harjoittelu</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Close; unsaved changes are asked about</source>
        <translation>Sulje; tallentamattomista muutoksista kysytään</translation>
    </message>
    <message>
        <source>Pickers</source>
        <translation>Valitsimet</translation>
    </message>
    <message>
        <source>Down, then Enter</source>
        <translation>Alas, sitten Enter</translation>
    </message>
    <message>
        <source>List the matches of what you typed and take one</source>
        <translation>Näytä kirjoittamaasi vastaavat kohteet ja valitse yksi</translation>
    </message>
    <message>
        <source>Date fields</source>
        <translation>Päivämääräkentät</translation>
    </message>
    <message>
        <source>Type the date</source>
        <translation>Kirjoita päivämäärä</translation>
    </message>
    <message>
        <source>YYYY-MM-DD, DD/MM/YYYY or DD.MM.YYYY</source>
        <translation>VVVV-KK-PP, PP/KK/VVVV tai PP.KK.VVVV</translation>
    </message>
    <message>
        <source>Text boxes</source>
        <translation>Tekstiruudut</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tab</translation>
    </message>
    <message>
        <source>Moves on (a text box never keeps Tab)</source>
        <translation>Siirtyy eteenpäin (tekstiruutu ei koskaan pidä Tab-painallusta)</translation>
    </message>
    <message>
        <source>Wizards</source>
        <translation>Ohjatut toiminnot</translation>
    </message>
    <message>
        <source>Alt+N / Alt+B</source>
        <translation>Alt+N / Alt+B</translation>
    </message>
    <message>
        <source>Next / Back page</source>
        <translation>Seuraava / edellinen sivu</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Pikanäppäimet</translation>
    </message>
    <message>
        <source>Where, which keys, what they do</source>
        <translation>Missä, mitkä näppäimet, mitä ne tekevät</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Missä</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Näppäimet</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Mitä</translation>
    </message>
    <message>
        <source>vipdesk user guide</source>
        <translation>vipdeskin käyttöopas</translation>
    </message>
    <message>
        <source>Search the guide</source>
        <translation>Hae oppaasta</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Sisällys</translation>
    </message>
    <message>
        <source>No section mentions this.</source>
        <translation>Mikään kohta ei mainitse tätä.</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>&amp;Käyttöopas</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Peruuta</translation>
    </message>
    <message>
        <source>Stopping… nothing will be changed.</source>
        <translation>Pysäytetään… mitään ei muuteta.</translation>
    </message>
    <message>
        <source> ({done:,} of {total:,})</source>
        <translation> ({done:,}/{total:,})</translation>
    </message>
    <message>
        <source>It was not done</source>
        <translation>Sitä ei tehty</translation>
    </message>
    <message>
        <source>Cancelled: nothing was changed.</source>
        <translation>Peruttu: mitään ei muutettu.</translation>
    </message>
    <message>
        <source>Send by e-mail</source>
        <translation>Lähetä sähköpostilla</translation>
    </message>
    <message>
        <source>{party_label}: the PDF to sign</source>
        <translation>{party_label}: allekirjoitettava PDF</translation>
    </message>
    <message>
        <source>{party_label}: the fillable PDF for HR</source>
        <translation>{party_label}: täytettävä PDF henkilöstöhallinnolle</translation>
    </message>
    <message>
        <source>The message is shown before it goes; you can change it there.</source>
        <translation>Viesti näytetään ennen lähettämistä; voit muuttaa sitä siellä.</translation>
    </message>
    <message>
        <source>&amp;Send to:</source>
        <translation>&amp;Vastaanottaja:</translation>
    </message>
    <message>
        <source>The message&apos;s wording and dates in this language</source>
        <translation>Viestin sanamuoto ja päivämäärät tällä kielellä</translation>
    </message>
    <message>
        <source>Language of the message</source>
        <translation>Viestin kieli</translation>
    </message>
    <message>
        <source>&amp;Message in:</source>
        <translation>Viestin &amp;kieli:</translation>
    </message>
    <message>
        <source>Every party has signed {title}.</source>
        <translation>Kaikki osapuolet ovat allekirjoittaneet: {title}.</translation>
    </message>
    <message>
        <source>No mail server is set (Settings → E-mail): open the message in your mail program, or save it as a file. It is not kept in the outbox.</source>
        <translation>Sähköpostipalvelinta ei ole määritetty (Asetukset → Sähköposti): avaa viesti sähköpostiohjelmassa tai tallenna se tiedostoksi. Sitä ei säilytetä lähtevissä.</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Vastaanottaja</translation>
    </message>
    <message>
        <source>Cc</source>
        <translation>Kopio</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Aihe</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Viesti</translation>
    </message>
    <message>
        <source>Attached files</source>
        <translation>Liitetiedostot</translation>
    </message>
    <message>
        <source>The files sent with it</source>
        <translation>Viestin mukana lähetetyt tiedostot</translation>
    </message>
    <message>
        <source>Attached:</source>
        <translation>Liitteet:</translation>
    </message>
    <message>
        <source>From {sender}</source>
        <translation>Lähettäjä: {sender}</translation>
    </message>
    <message>
        <source>&amp;Open in mail program</source>
        <translation>&amp;Avaa sähköpostiohjelmassa</translation>
    </message>
    <message>
        <source>Save as .&amp;eml…</source>
        <translation>Tallenna .&amp;eml-tiedostona…</translation>
    </message>
    <message>
        <source>&amp;Message:</source>
        <translation>&amp;Viesti:</translation>
    </message>
    <message>
        <source>Save the message</source>
        <translation>Tallenna viesti</translation>
    </message>
    <message>
        <source>E-mail (*.eml)</source>
        <translation>Sähköposti (*.eml)</translation>
    </message>
    <message>
        <source>Open in mail program</source>
        <translation>Avaa sähköpostiohjelmassa</translation>
    </message>
    <message>
        <source>No mail program opened it. The message is saved as {path}: attach or open it from there.</source>
        <translation>Mikään sähköpostiohjelma ei avannut sitä. Viesti on tallennettu tiedostoon {path}: liitä tai avaa se sieltä.</translation>
    </message>
    <message>
        <source>No e-mail yet. Messages sent from a placement (agreements, questionnaires, reminders) show here.</source>
        <translation>Ei vielä sähköposteja. Harjoittelusta lähetetyt viestit (sopimukset, kyselyt, muistutukset) näkyvät tässä.</translation>
    </message>
    <message>
        <source>Failed ({attempts} tries)</source>
        <translation>Epäonnistui ({attempts} yritystä)</translation>
    </message>
    <message>
        <source>Failed</source>
        <comment>a message that could not be sent</comment>
        <translation>Epäonnistui</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Milloin</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Mitä tapahtui</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Lähtevät</translation>
    </message>
    <message>
        <source>Every e-mail and what became of it</source>
        <translation>Kaikki sähköpostit ja mitä niille tapahtui</translation>
    </message>
    <message>
        <source>&amp;Send queued now</source>
        <translation>&amp;Lähetä jonossa olevat nyt</translation>
    </message>
    <message>
        <source>Re&amp;try</source>
        <translation>&amp;Yritä uudelleen</translation>
    </message>
    <message>
        <source>&amp;Cancel sending</source>
        <translation>&amp;Peruuta lähetys</translation>
    </message>
    <message>
        <source>&amp;Read…</source>
        <translation>&amp;Lue…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s)</source>
        <translation>
            <numerusform>%Ln viesti</numerusform>
            <numerusform>%Ln viestiä</numerusform>
        </translation>
    </message>
    <message>
        <source>From: {value}
To: {value2}
</source>
        <translation>Lähettäjä: {value}
Vastaanottaja: {value2}
</translation>
    </message>
    <message>
        <source>Cc: {value}
</source>
        <translation>Kopio: {value}
</translation>
    </message>
    <message>
        <source>Subject: {value}
</source>
        <translation>Aihe: {value}
</translation>
    </message>
    <message>
        <source>Attached: {join}
</source>
        <translation>Liitteet: {join}
</translation>
    </message>
    <message>
        <source>State: {state}</source>
        <translation>Tila: {state}</translation>
    </message>
    <message>
        <source>Send reminders</source>
        <translation>Lähetä muistutukset</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n reminder(s)&lt;/b&gt; due today.</source>
        <translation>
            <numerusform>&lt;b&gt;%n muistutus&lt;/b&gt; erääntyy tänään.</numerusform>
            <numerusform>&lt;b&gt;%n muistutusta&lt;/b&gt; erääntyy tänään.</numerusform>
        </translation>
    </message>
    <message>
        <source>{reminded_lately} item(s) were reminded in the last 7 days.</source>
        <translation>Muistutettu viimeisten 7 päivän aikana: {reminded_lately}.</translation>
    </message>
    <message>
        <source>No e-mail address for {join}.</source>
        <translation>Ei sähköpostiosoitetta: {join}.</translation>
    </message>
    <message>
        <source>No mail server is set (Settings → E-mail): save them as .eml files.</source>
        <translation>Sähköpostipalvelinta ei ole määritetty (Asetukset → Sähköposti): tallenna ne .eml-tiedostoina.</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>Muistutukset</translation>
    </message>
    <message>
        <source>Each reminder, to whom and about what</source>
        <translation>Kukin muistutus, kenelle ja mistä</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Send %n reminder(s)</source>
        <translation>
            <numerusform>&amp;Lähetä %n muistutus</numerusform>
            <numerusform>&amp;Lähetä %n muistutusta</numerusform>
        </translation>
    </message>
    <message>
        <source>Save as .&amp;eml files…</source>
        <translation>Tallenna .&amp;eml-tiedostoina…</translation>
    </message>
    <message>
        <source>Save the reminders in</source>
        <translation>Tallenna muistutukset kansioon</translation>
    </message>
    <message>
        <source>Save the reminders</source>
        <translation>Tallenna muistutukset</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Lähetetään</translation>
    </message>
    <message>
        <source>Sending e-mail</source>
        <translation>Lähetetään sähköpostia</translation>
    </message>
    <message>
        <source>{summary}.

{first}

The Outbox keeps the failed messages: correct the settings or the address, then Retry.</source>
        <translation>{summary}.

{first}

Epäonnistuneet viestit säilyvät Lähtevissä: korjaa asetukset tai osoite ja valitse sitten Yritä uudelleen.</translation>
    </message>
    <message numerus="yes">
        <source>%n sent</source>
        <translation>
            <numerusform>%n lähetetty</numerusform>
            <numerusform>%n lähetetty</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n epäonnistui</numerusform>
            <numerusform>%n epäonnistui</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n still queued</source>
        <translation>
            <numerusform>%n yhä jonossa</numerusform>
            <numerusform>%n yhä jonossa</numerusform>
        </translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Palvelin</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Suojaus</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Portti</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Käyttäjätunnus</translation>
    </message>
    <message>
        <source>stored in the system&apos;s credential store</source>
        <translation>tallennettu järjestelmän tunnistetietovarastoon</translation>
    </message>
    <message>
        <source>not stored</source>
        <translation>ei tallennettu</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Salasana</translation>
    </message>
    <message>
        <source>International Office, University of …</source>
        <translation>Kansainväliset palvelut, …</translation>
    </message>
    <message>
        <source>Sender name</source>
        <translation>Lähettäjän nimi</translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation>Lähettäjän osoite</translation>
    </message>
    <message>
        <source>Reply-to</source>
        <translation>Vastausosoite</translation>
    </message>
    <message>
        <source>Send a &amp;test message</source>
        <translation>Lähetä &amp;testiviesti</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Viestit</translation>
    </message>
    <message>
        <source>Each message vipdesk sends; choose one</source>
        <translation>Kaikki vipdeskin lähettämät viestit; valitse yksi</translation>
    </message>
    <message>
        <source>Placeholders: {names}</source>
        <translation>Paikkamerkit: {names}</translation>
    </message>
    <message>
        <source>Save &amp;wording</source>
        <translation>Tallenna &amp;sanamuoto</translation>
    </message>
    <message>
        <source>&amp;Restore the shipped text</source>
        <translation>Pa&amp;lauta alkuperäinen teksti</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Aihe:</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>Teksti:</translation>
    </message>
    <message>
        <source>Signature (ends every message)</source>
        <translation>Allekirjoitus (jokaisen viestin lopussa)</translation>
    </message>
    <message>
        <source>{title} (office wording)</source>
        <translation>{title} (toimiston sanamuoto)</translation>
    </message>
    <message>
        <source>Mail templates</source>
        <translation>Viestipohjat</translation>
    </message>
    <message>
        <source>E-mail settings</source>
        <translation>Sähköpostiasetukset</translation>
    </message>
    <message>
        <source>&amp;Server and sender</source>
        <translation>&amp;Palvelin ja lähettäjä</translation>
    </message>
    <message>
        <source>&amp;Messages</source>
        <translation>&amp;Viestit</translation>
    </message>
    <message>
        <source>Not sent: {exc}</source>
        <translation>Ei lähetetty: {exc}</translation>
    </message>
    <message>
        <source>Sent to {sender_address}; the server answered {reply}.</source>
        <translation>Lähetetty osoitteeseen {sender_address}; palvelin vastasi {reply}.</translation>
    </message>
    <message>
        <source>This computer has no credential store: the password is kept until vipdesk is closed, and will be asked for again.</source>
        <translation>Tässä tietokoneessa ei ole tunnistetietovarastoa: salasana säilytetään, kunnes vipdesk suljetaan, ja se kysytään uudelleen.</translation>
    </message>
    <message>
        <source>E-mail (*.eml);;All files (*)</source>
        <translation>Sähköposti (*.eml);;Kaikki tiedostot (*)</translation>
    </message>
    <message>
        <source>Import returned mail</source>
        <translation>Tuo palautettu sähköposti</translation>
    </message>
    <message>
        <source>Out&amp;box</source>
        <translation>&amp;Lähtevät</translation>
    </message>
    <message>
        <source>&amp;E-mail…</source>
        <translation>&amp;Sähköposti…</translation>
    </message>
    <message>
        <source>The mail server, the sender and the message templates</source>
        <translation>Sähköpostipalvelin, lähettäjä ja viestipohjat</translation>
    </message>
    <message>
        <source>Import returned &amp;mail (.eml)…</source>
        <translation>Tuo palautettu sähköposti (.&amp;eml)…</translation>
    </message>
    <message>
        <source>E-mail the report</source>
        <translation>Lähetä raportti sähköpostilla</translation>
    </message>
    <message>
        <source>Not ours, left alone: {name}</source>
        <translation>Ei meidän, jätetty ennalleen: {name}</translation>
    </message>
    <message>
        <source>{name} is the {kind} of {reference}: record its signatures in the Agreement tab (Record signature…).</source>
        <translation>{name} on harjoittelun {reference} {kind}: kirjaa sen allekirjoitukset Sopimus-välilehdellä (Kirjaa allekirjoitus…).</translation>
    </message>
    <message>
        <source>vipdesk — {describe_url}</source>
        <translation>vipdesk — {describe_url}</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Yritä uudelleen</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>Osiot</translation>
    </message>
    <message>
        <source>&amp;Today</source>
        <translation>T&amp;änään</translation>
    </message>
    <message>
        <source>&amp;Placements</source>
        <translation>&amp;Harjoittelut</translation>
    </message>
    <message>
        <source>&amp;Students</source>
        <translation>&amp;Opiskelijat</translation>
    </message>
    <message>
        <source>&amp;Organisations</source>
        <translation>Or&amp;ganisaatiot</translation>
    </message>
    <message>
        <source>&amp;Contacts</source>
        <translation>&amp;Yhteyshenkilöt</translation>
    </message>
    <message>
        <source>&amp;Institutions</source>
        <translation>&amp;Korkeakoulut</translation>
    </message>
    <message>
        <source>F&amp;unding</source>
        <translation>&amp;Rahoitus</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Tiedosto</translation>
    </message>
    <message>
        <source>&amp;New placement…</source>
        <translation>&amp;Uusi harjoittelu…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>P&amp;äivitä</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Lopeta</translation>
    </message>
    <message>
        <source>Export &amp;agreements…</source>
        <translation>Vie &amp;sopimukset…</translation>
    </message>
    <message>
        <source>Settin&amp;gs</source>
        <translation>&amp;Asetukset</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Muokkaa</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Etsi…</translation>
    </message>
    <message>
        <source>&amp;Open placement</source>
        <translation>&amp;Avaa harjoittelu</translation>
    </message>
    <message>
        <source>&amp;Delete placement…</source>
        <translation>&amp;Poista harjoittelu…</translation>
    </message>
    <message>
        <source>&amp;Recently deleted…</source>
        <translation>&amp;Äskettäin poistetut…</translation>
    </message>
    <message>
        <source>&amp;Trusted certificates…</source>
        <translation>&amp;Luotetut varmenteet…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Näytä</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Oh&amp;je</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Pikanäppäimet</translation>
    </message>
    <message>
        <source>&amp;About vipdesk</source>
        <translation>&amp;Tietoja vipdeskistä</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Päävalikko</translation>
    </message>
    <message>
        <source>&amp;Today ({due:,})</source>
        <translation>T&amp;änään ({due:,})</translation>
    </message>
    <message>
        <source>{due:,} due · {overdue:,} overdue · {placements:,} placements · {describe_url}</source>
        <translation>{due:,} erääntyy · {overdue:,} myöhässä · {placements:,} harjoittelua · {describe_url}</translation>
    </message>
    <message>
        <source>Cannot open the placement</source>
        <translation>Harjoittelua ei voi avata</translation>
    </message>
    <message>
        <source>Delete placement</source>
        <translation>Poista harjoittelu</translation>
    </message>
    <message>
        <source>Delete {reference} — {student} at {host}? Its checklist goes with it. This cannot be undone.</source>
        <translation>Poistetaanko {reference} — {student}, {host}? Sen tarkistuslista poistetaan samalla. Tätä ei voi kumota.</translation>
    </message>
    <message>
        <source>Deleted {reference}.</source>
        <translation>{reference} poistettu.</translation>
    </message>
    <message>
        <source>About vipdesk</source>
        <translation>Tietoja vipdeskistä</translation>
    </message>
    <message>
        <source>&lt;b&gt;vipdesk {version__}&lt;/b&gt;&lt;br&gt;Records, preparation and reporting for virtual and blended international work placements.&lt;br&gt;&lt;br&gt;Database: {describe_url}</source>
        <translation>&lt;b&gt;vipdesk {version__}&lt;/b&gt;&lt;br&gt;Virtuaalisten ja yhdistettyjen kansainvälisten työharjoittelujen tiedot, valmistelu ja raportointi.&lt;br&gt;&lt;br&gt;Tietokanta: {describe_url}</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; mixes separators. Type it as 1234.50 or 1 234,50.</source>
        <translation>&apos;{text}&apos; sekoittaa erottimia. Kirjoita summa muodossa 1234,50 tai 1 234,50.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not an amount. Type it as 1234.50 or 1 234,50.</source>
        <translation>&apos;{text}&apos; ei ole summa. Kirjoita se muodossa 1234,50 tai 1 234,50.</translation>
    </message>
    <message>
        <source>e.g. 1234.50 or 1 234,50</source>
        <translation>esim. 1234,50 tai 1 234,50</translation>
    </message>
    <message>
        <source>Reports and reflections (*.pdf *.docx *.png *.jpg *.jpeg);;All files (*)</source>
        <translation>Raportit ja reflektiot (*.pdf *.docx *.png *.jpg *.jpeg);;Kaikki tiedostot (*)</translation>
    </message>
    <message>
        <source>student, mentor, tutor</source>
        <translation>opiskelija, mentori, ohjaaja</translation>
    </message>
    <message>
        <source>student, mentor</source>
        <translation>opiskelija, mentori</translation>
    </message>
    <message>
        <source>student, tutor</source>
        <translation>opiskelija, ohjaaja</translation>
    </message>
    <message>
        <source>student, colleagues</source>
        <translation>opiskelija, työtoverit</translation>
    </message>
    <message>
        <source>student, coordinator</source>
        <translation>opiskelija, koordinaattori</translation>
    </message>
    <message>
        <source>student, mentor, coordinator</source>
        <translation>opiskelija, mentori, koordinaattori</translation>
    </message>
    <message>
        <source>monitoring entry</source>
        <translation>seurantamerkintä</translation>
    </message>
    <message>
        <source>Monitoring entry not saved</source>
        <translation>Seurantamerkintää ei tallennettu</translation>
    </message>
    <message>
        <source>e.g. student, mentor</source>
        <translation>esim. opiskelija, mentori</translation>
    </message>
    <message>
        <source>One of the tools chosen for this placement (Preparation tab)</source>
        <translation>Yksi tälle harjoittelulle valituista työkaluista (Valmistelu-välilehti)</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Attach a file…</source>
        <translation>Liitä tiedosto…</translation>
    </message>
    <message>
        <source>A PDF, a Word document (.docx), a PNG or a JPEG, up to {value} MB</source>
        <translation>PDF, Word-asiakirja (.docx), PNG tai JPEG, enintään {value} Mt</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Poista</translation>
    </message>
    <message>
        <source>This raised a concern</source>
        <translation>Tästä heräsi huolenaihe</translation>
    </message>
    <message>
        <source>Who took part</source>
        <translation>Osallistujat</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Kesto</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Huomautus</translation>
    </message>
    <message>
        <source>Concern</source>
        <translation>Huolenaihe</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Jatkotoimet</translation>
    </message>
    <message>
        <source>Resolved on</source>
        <translation>Ratkaistu</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Ratkaisu</translation>
    </message>
    <message>
        <source>{kind} of {day}</source>
        <translation>{kind}, {day}</translation>
    </message>
    <message>
        <source>New log entry</source>
        <translation>Uusi lokimerkintä</translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation>Liitä tiedosto</translation>
    </message>
    <message>
        <source>{name} is over {value} MB.</source>
        <translation>{name} on yli {value} Mt.</translation>
    </message>
    <message>
        <source>Cannot read {name}: {strerror}.</source>
        <translation>Tiedostoa {name} ei voi lukea: {strerror}.</translation>
    </message>
    <message>
        <source>No file</source>
        <translation>Ei tiedostoa</translation>
    </message>
    <message>
        <source>open</source>
        <translation>avoin</translation>
    </message>
    <message>
        <source>resolved {day}</source>
        <translation>ratkaistu {day}</translation>
    </message>
    <message>
        <source>{what} ({cadence}): {met} of {expected} expected met</source>
        <translation>{what} ({cadence}): {met}/{expected} odotetusta toteutunut</translation>
    </message>
    <message>
        <source>; overdue since {day}</source>
        <translation>; myöhässä {day} alkaen</translation>
    </message>
    <message>
        <source>met on {met_on}</source>
        <translation>pidetty {met_on}</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>ei vielä</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>väliin jäänyt</translation>
    </message>
    <message>
        <source>Save the placement first to keep its monitoring log.</source>
        <translation>Tallenna harjoittelu ensin, jotta voit pitää sen seurantalokia.</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Kuka</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>Min</translation>
    </message>
    <message>
        <source>Monitoring log</source>
        <translation>Seurantaloki</translation>
    </message>
    <message>
        <source>Meetings, reports and checks</source>
        <translation>Tapaamiset, raportit ja tarkistukset</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Odotettu</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Tapaaminen</translation>
    </message>
    <message>
        <source>Expected meetings</source>
        <translation>Odotetut tapaamiset</translation>
    </message>
    <message>
        <source>Each slot of the protocol&apos;s cadence: met or missed</source>
        <translation>Kukin suunnitelman tapaamistiheyden mukainen ajankohta: pidetty tai väliin jäänyt</translation>
    </message>
    <message>
        <source>&amp;New entry…</source>
        <translation>&amp;Uusi merkintä…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Muokkaa…</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>&amp;Poista</translation>
    </message>
    <message>
        <source>Save &amp;file…</source>
        <translation>Tallenna tie&amp;dosto…</translation>
    </message>
    <message>
        <source>&amp;Recognition…</source>
        <translation>&amp;Tunnustaminen…</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>Tapaamiset</translation>
    </message>
    <message>
        <source>Reports and reflections</source>
        <translation>Raportit ja reflektiot</translation>
    </message>
    <message>
        <source>No communication protocol yet: no rhythm of meetings to measure.</source>
        <translation>Ei vielä viestintäsuunnitelmaa: ei tapaamisrytmiä, johon verrata.</translation>
    </message>
    <message numerus="yes">
        <source>%n concern(s) open</source>
        <translation>
            <numerusform>%n avoin huolenaihe</numerusform>
            <numerusform>%n avointa huolenaihetta</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing logged yet: New entry… records the kick-off first.</source>
        <translation>Mitään ei ole vielä kirjattu: Uusi merkintä… kirjaa ensin aloitustapaamisen.</translation>
    </message>
    <message>
        <source>No credits planned: nothing to recognise in the degree.</source>
        <translation>Opintopisteitä ei ole suunniteltu: tutkintoon ei ole tunnustettavaa.</translation>
    </message>
    <message>
        <source>Not complete yet: </source>
        <translation>Ei vielä valmis: </translation>
    </message>
    <message>
        <source>{credits_awarded} of {planned_credits} credits, grade {grade}, transcript of {transcript_on}.</source>
        <translation>{credits_awarded}/{planned_credits} opintopistettä, arvosana {grade}, opintosuoritusote {transcript_on}.</translation>
    </message>
    <message>
        <source>Delete the {label} of {held_on}? It can be restored from Edit → Recently deleted for 30 days.</source>
        <translation>Poistetaanko {label} ({held_on})? Sen voi palauttaa 30 päivän ajan kohdasta Muokkaa → Äskettäin poistetut.</translation>
    </message>
    <message>
        <source>Delete the entry</source>
        <translation>Poista merkintä</translation>
    </message>
    <message>
        <source>Not deleted</source>
        <translation>Ei poistettu</translation>
    </message>
    <message>
        <source>Save the file</source>
        <translation>Tallenna tiedosto</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Ei tallennettu</translation>
    </message>
    <message>
        <source>Recognition not saved</source>
        <translation>Tunnustamista ei tallennettu</translation>
    </message>
    <message>
        <source>Only when more credits are awarded than planned</source>
        <translation>Vain kun opintopisteitä myönnetään suunniteltua enemmän</translation>
    </message>
    <message>
        <source>One learning outcome achieved per line</source>
        <translation>Yksi saavutettu oppimistulos riviä kohti</translation>
    </message>
    <message>
        <source>All planned outcomes achieved</source>
        <translation>Kaikki suunnitellut oppimistulokset saavutettu</translation>
    </message>
    <message>
        <source>Credits awarded (ECTS)</source>
        <translation>Myönnetyt opintopisteet (ECTS)</translation>
    </message>
    <message>
        <source>Reason for more credits</source>
        <translation>Syy lisäopintopisteisiin</translation>
    </message>
    <message>
        <source>Grading scale</source>
        <translation>Arviointiasteikko</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Arvosana</translation>
    </message>
    <message>
        <source>Transcript of records of</source>
        <translation>Opintosuoritusotteen päiväys</translation>
    </message>
    <message>
        <source>Certificate received on</source>
        <translation>Todistus vastaanotettu</translation>
    </message>
    <message>
        <source> ({planned_credits} ECTS planned)</source>
        <translation> ({planned_credits} ECTS suunniteltu)</translation>
    </message>
    <message>
        <source>Recognition{planned}</source>
        <translation>Tunnustaminen{planned}</translation>
    </message>
    <message>
        <source>{credits} planned</source>
        <translation>suunniteltu {credits}</translation>
    </message>
    <message>
        <source>a number from {low} to {high}</source>
        <translation>luku väliltä {low}–{high}</translation>
    </message>
    <message>
        <source>Host organisation</source>
        <translation>Vastaanottava organisaatio</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>Korkeakoulu</translation>
    </message>
    <message>
        <source>Contact not saved</source>
        <translation>Yhteyshenkilöä ei tallennettu</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rooli</translation>
    </message>
    <message>
        <source>Works at</source>
        <translation>Työpaikka</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Aikavyöhyke</translation>
    </message>
    <message>
        <source>Contact: {name}</source>
        <translation>Yhteyshenkilö: {name}</translation>
    </message>
    <message>
        <source>New {label}</source>
        <translation>Uusi: {label}</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>Uusi yhteyshenkilö</translation>
    </message>
    <message>
        <source>where this person works</source>
        <translation>missä tämä henkilö työskentelee</translation>
    </message>
    <message>
        <source>a time zone</source>
        <translation>aikavyöhyke</translation>
    </message>
    <message>
        <source>Institution not saved</source>
        <translation>Oppilaitosta ei tallennettu</translation>
    </message>
    <message>
        <source>e.g. PL WARSZAW01</source>
        <translation>esim. PL WARSZAW01</translation>
    </message>
    <message>
        <source>Erasmus code</source>
        <translation>Erasmus-koodi</translation>
    </message>
    <message>
        <source>Faculty</source>
        <translation>Tiedekunta</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Maa</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Kaupunki</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Osoite</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Verkkosivusto</translation>
    </message>
    <message>
        <source>Institution: {name}</source>
        <translation>Korkeakoulu: {name}</translation>
    </message>
    <message>
        <source>New institution</source>
        <translation>Uusi korkeakoulu</translation>
    </message>
    <message>
        <source>a country</source>
        <translation>maa</translation>
    </message>
    <message>
        <source>Organisation not saved</source>
        <translation>Organisaatiota ei tallennettu</translation>
    </message>
    <message>
        <source>Street and number, as on a letter</source>
        <translation>Katuosoite ja numero kuten kirjeessä</translation>
    </message>
    <message>
        <source>e.g. Software, Renewable energy, NGO</source>
        <translation>esim. ohjelmistot, uusiutuva energia, kansalaisjärjestö</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Katuosoite</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Postinumero</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Koko</translation>
    </message>
    <message>
        <source>Organisation: {name}</source>
        <translation>Organisaatio: {name}</translation>
    </message>
    <message>
        <source>New host organisation</source>
        <translation>Uusi vastaanottava organisaatio</translation>
    </message>
    <message>
        <source>EQF 5 (short cycle)</source>
        <translation>EQF 5 (lyhyt tutkinto)</translation>
    </message>
    <message>
        <source>EQF 6 (bachelor)</source>
        <translation>EQF 6 (kandidaatti)</translation>
    </message>
    <message>
        <source>EQF 7 (master)</source>
        <translation>EQF 7 (maisteri)</translation>
    </message>
    <message>
        <source>EQF 8 (doctorate)</source>
        <translation>EQF 8 (tohtori)</translation>
    </message>
    <message>
        <source>Student not saved</source>
        <translation>Opiskelijaa ei tallennettu</translation>
    </message>
    <message>
        <source>ISCED-F, e.g. 0413 Management and administration</source>
        <translation>ISCED-F, esim. 0413 Johtaminen ja hallinto</translation>
    </message>
    <message>
        <source>Messages to the student are offered in this language</source>
        <translation>Viestit opiskelijalle tarjotaan tällä kielellä</translation>
    </message>
    <message>
        <source>Language for the student&apos;s messages</source>
        <translation>Opiskelijalle lähetettävien viestien kieli</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Etunimi</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Sukunimi</translation>
    </message>
    <message>
        <source>Student number</source>
        <translation>Opiskelijanumero</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Syntymäaika</translation>
    </message>
    <message>
        <source>Nationality</source>
        <translation>Kansalaisuus</translation>
    </message>
    <message>
        <source>Study cycle</source>
        <translation>Opintojen sykli</translation>
    </message>
    <message>
        <source>Field of education</source>
        <translation>Koulutusala</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>Koulutusohjelma</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Kielet</translation>
    </message>
    <message>
        <source>Messages in</source>
        <translation>Viestien kieli</translation>
    </message>
    <message>
        <source>Student: {full_name}</source>
        <translation>Opiskelija: {full_name}</translation>
    </message>
    <message>
        <source>New student</source>
        <translation>Uusi opiskelija</translation>
    </message>
    <message>
        <source>an institution</source>
        <translation>korkeakoulu</translation>
    </message>
    <message>
        <source>Native</source>
        <translation>Äidinkieli</translation>
    </message>
    <message>
        <source>Each language with its CEFR level</source>
        <translation>Kukin kieli ja sen CEFR-taso</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Kieli</translation>
    </message>
    <message>
        <source>Level (CEFR)</source>
        <translation>Taso (CEFR)</translation>
    </message>
    <message>
        <source>Add language</source>
        <translation>Lisää kieli</translation>
    </message>
    <message>
        <source>Disability or health condition</source>
        <translation>Vamma tai terveydentila</translation>
    </message>
    <message>
        <source>Economic, social or geographic obstacles</source>
        <translation>Taloudelliset, sosiaaliset tai maantieteelliset esteet</translation>
    </message>
    <message>
        <source>Migrant or refugee background</source>
        <translation>Maahanmuutto- tai pakolaistausta</translation>
    </message>
    <message>
        <source>Working student or carer</source>
        <translation>Työssäkäyvä opiskelija tai omaishoitaja</translation>
    </message>
    <message>
        <source>Special-category personal data (GDPR art. 9): record only what the student declared, e.g. for an Erasmus+ inclusion top-up. Kept apart from the student record, never shown in lists or exports; the history notes only that it changed.</source>
        <translation>Erityisiin henkilötietoryhmiin kuuluvia tietoja (GDPR 9 artikla): kirjaa vain se, minkä opiskelija on ilmoittanut, esim. Erasmus+-ohjelman osallisuuskorotusta varten. Säilytetään erillään opiskelijan tiedoista, ei koskaan näytetä luetteloissa eikä viennissä; historiaan merkitään vain, että tietoa muutettiin.</translation>
    </message>
    <message>
        <source>Sensitive: equity flags</source>
        <translation>Arkaluonteinen: yhdenvertaisuusmerkinnät</translation>
    </message>
    <message>
        <source>Note on the grant&apos;s grounds</source>
        <translation>Huomautus apurahan perusteista</translation>
    </message>
    <message>
        <source>Note (only what is needed for the grant)</source>
        <translation>Huomautus (vain apurahaa varten tarvittava)</translation>
    </message>
    <message>
        <source>Student no.</source>
        <translation>Opiskelijanro</translation>
    </message>
    <message>
        <source>Placements</source>
        <translation>Harjoittelut</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>Opiskelijat</translation>
    </message>
    <message>
        <source>Delete {name}? This cannot be undone.</source>
        <translation>Poistetaanko {name}? Tätä ei voi kumota.</translation>
    </message>
    <message>
        <source>student</source>
        <translation>opiskelija</translation>
    </message>
    <message>
        <source>organisation</source>
        <translation>organisaatio</translation>
    </message>
    <message numerus="yes">
        <source>%Ln host organisation(s)</source>
        <translation>
            <numerusform>%Ln vastaanottava organisaatio</numerusform>
            <numerusform>%Ln vastaanottavaa organisaatiota</numerusform>
        </translation>
    </message>
    <message>
        <source>contact</source>
        <translation>yhteyshenkilö</translation>
    </message>
    <message>
        <source>institution</source>
        <translation>oppilaitos</translation>
    </message>
    <message numerus="yes">
        <source>%Ln institution(s)</source>
        <translation>
            <numerusform>%Ln oppilaitos</numerusform>
            <numerusform>%Ln oppilaitosta</numerusform>
        </translation>
    </message>
    <message>
        <source>done outside vipdesk: </source>
        <translation>tehty vipdeskin ulkopuolella: </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) marked below</source>
        <translation>
            <numerusform>%n alla merkitty kohta</numerusform>
            <numerusform>%n alla merkittyä kohtaa</numerusform>
        </translation>
    </message>
    <message>
        <source>{count} things block</source>
        <translation>{count} asiaa estää siirtymisen tilaan</translation>
    </message>
    <message>
        <source>1 thing blocks</source>
        <translation>1 asia estää siirtymisen tilaan</translation>
    </message>
    <message>
        <source>{first}; and {last}</source>
        <translation>{first}; ja {last}</translation>
    </message>
    <message>
        <source>{things} “{target}”: {reasons}</source>
        <translation>{things} ”{target}”: {reasons}</translation>
    </message>
    <message>
        <source>Other moves</source>
        <translation>Muut siirrot</translation>
    </message>
    <message>
        <source>Save the placement to start its checklist.</source>
        <translation>Tallenna harjoittelu aloittaaksesi sen tarkistuslistan.</translation>
    </message>
    <message>
        <source>Status: &lt;b&gt;Draft&lt;/b&gt; (not saved yet)</source>
        <translation>Tila: &lt;b&gt;Luonnos&lt;/b&gt; (ei vielä tallennettu)</translation>
    </message>
    <message>
        <source> — step {value} of {count}</source>
        <translation> — vaihe {value}/{count}</translation>
    </message>
    <message>
        <source>Status: &lt;b&gt;{label}&lt;/b&gt;{step}</source>
        <translation>Tila: &lt;b&gt;{label}&lt;/b&gt;{step}</translation>
    </message>
    <message>
        <source>Move to “{label}”</source>
        <translation>Siirrä tilaan ”{label}”</translation>
    </message>
    <message>
        <source>Shows what still blocks it, with a way to each fix.</source>
        <translation>Näyttää, mikä sitä vielä estää, ja tien kunkin korjaamiseen.</translation>
    </message>
    <message>
        <source>Cancel the placement…</source>
        <translation>Peru harjoittelu…</translation>
    </message>
    <message>
        <source>Reopen as {label}</source>
        <translation>Avaa uudelleen tilaan {label}</translation>
    </message>
    <message>
        <source>Back to {label}</source>
        <translation>Takaisin tilaan {label}</translation>
    </message>
    <message>
        <source>{phase} — {done} of {count} done</source>
        <translation>{phase} — {done}/{count} tehty</translation>
    </message>
    <message>
        <source>nothing recorded</source>
        <translation>ei mitään kirjattu</translation>
    </message>
    <message>
        <source>Before the placement</source>
        <translation>Ennen harjoittelua</translation>
    </message>
    <message>
        <source>During the placement</source>
        <translation>Harjoittelun aikana</translation>
    </message>
    <message>
        <source>After the placement</source>
        <translation>Harjoittelun jälkeen</translation>
    </message>
    <message>
        <source>Follows from vipdesk&apos;s records.</source>
        <translation>Perustuu vipdeskin tietoihin.</translation>
    </message>
    <message>
        <source>Ticking by hand asks why (the records do not show it).</source>
        <translation>Käsin valittaessa kysytään syy (tiedoista se ei näy).</translation>
    </message>
    <message>
        <source>⚠ blocks the next step</source>
        <translation>⚠ estää seuraavan vaiheen</translation>
    </message>
    <message>
        <source>Tick by hand</source>
        <translation>Valitse käsin</translation>
    </message>
    <message>
        <source>vipdesk ticks “{label}” from its records, which do not show it yet ({value}). Why is it done?</source>
        <translation>vipdesk valitsee kohdan ”{label}” tietojensa perusteella, eikä niistä näy sitä vielä ({value}). Miksi se on tehty?</translation>
    </message>
    <message>
        <source>New placement</source>
        <translation>Uusi harjoittelu</translation>
    </message>
    <message>
        <source>Placement details</source>
        <translation>Harjoittelun tiedot</translation>
    </message>
    <message>
        <source>Placement sections</source>
        <translation>Harjoittelun osiot</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Tila</translation>
    </message>
    <message>
        <source>Preparation</source>
        <translation>Valmistelu</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Sopimus</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>Seuranta</translation>
    </message>
    <message>
        <source>Mail</source>
        <translation>Sähköposti</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historia</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Tallenna</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>Tallenna (Ctrl+S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Sulje</translation>
    </message>
    <message>
        <source> — &lt;i&gt;unsaved changes&lt;/i&gt;</source>
        <translation> — &lt;i&gt;tallentamattomia muutoksia&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;New placement{dirty}&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Uusi harjoittelu{dirty}&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>{reference} — placement</source>
        <translation>{reference} — harjoittelu</translation>
    </message>
    <message>
        <source>No further step: the placement is completed</source>
        <translation>Ei seuraavaa vaihetta: harjoittelu on päättynyt</translation>
    </message>
    <message>
        <source>No further step: the placement was cancelled</source>
        <translation>Ei seuraavaa vaihetta: harjoittelu peruttiin</translation>
    </message>
    <message>
        <source>No further step</source>
        <translation>Ei seuraavaa vaihetta</translation>
    </message>
    <message numerus="yes">
        <source>Next: {label} — %n thing(s) still to do (Status tab)</source>
        <translation>
            <numerusform>Seuraavaksi: {label} — %n asia vielä tekemättä (Tila-välilehti)</numerusform>
            <numerusform>Seuraavaksi: {label} — %n asiaa vielä tekemättä (Tila-välilehti)</numerusform>
        </translation>
    </message>
    <message>
        <source>Next: {label} — nothing blocks it</source>
        <translation>Seuraavaksi: {label} — mikään ei estä</translation>
    </message>
    <message>
        <source>Restore unsaved changes?</source>
        <translation>Palautetaanko tallentamattomat muutokset?</translation>
    </message>
    <message>
        <source>vipdesk closed on {day} at {time} before changes to this placement were saved. Restore them? (They are not saved until you press Save.)</source>
        <translation>vipdesk sulkeutui {day} klo {time} ennen kuin tämän harjoittelun muutokset tallennettiin. Palautetaanko ne? (Ne tallentuvat vasta, kun painat Tallenna.)</translation>
    </message>
    <message>
        <source>Nothing was saved: please correct the fields marked below.</source>
        <translation>Mitään ei tallennettu: korjaa alla merkityt kentät.</translation>
    </message>
    <message>
        <source>{exc} Your edits are still here, not saved.</source>
        <translation>{exc} Muokkauksesi ovat yhä tässä, tallentamatta.</translation>
    </message>
    <message>
        <source>Delete {reference} ({title})? Its checklist goes with it. This cannot be undone.</source>
        <translation>Poistetaanko {reference} ({title})? Sen tarkistuslista poistetaan samalla. Tätä ei voi perua.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Tallentamattomia muutoksia</translation>
    </message>
    <message>
        <source>This placement has changes that are not saved. Save them before closing?</source>
        <translation>Tässä harjoittelussa on tallentamattomia muutoksia. Tallennetaanko ne ennen sulkemista?</translation>
    </message>
    <message>
        <source>Virtual: online only. Blended: online with a physical stay abroad (give its periods below). Physical: on site at the host.</source>
        <translation>Virtuaalinen: vain verkossa. Yhdistetty: verkossa ja fyysinen oleskelu ulkomailla (anna sen jaksot alla). Fyysinen: paikan päällä vastaanottavassa organisaatiossa.</translation>
    </message>
    <message>
        <source>Who supervises the trainee&apos;s work at the host; signs the certificate</source>
        <translation>Kuka ohjaa harjoittelijan työtä vastaanottavassa organisaatiossa; allekirjoittaa todistuksen</translation>
    </message>
    <message>
        <source>Who follows the learning at the sending institution and recognises it</source>
        <translation>Kuka seuraa oppimista lähettävässä korkeakoulussa ja tunnustaa sen</translation>
    </message>
    <message>
        <source>The trainee&apos;s university, which sends and recognises the placement</source>
        <translation>Harjoittelijan korkeakoulu, joka lähettää ja tunnustaa harjoittelun</translation>
    </message>
    <message>
        <source>The agreed first day; the agreement and grant count from it</source>
        <translation>Sovittu ensimmäinen päivä; sopimus ja apuraha lasketaan siitä</translation>
    </message>
    <message>
        <source>The agreed last day; an extension is an amendment</source>
        <translation>Sovittu viimeinen päivä; jatkaminen on sopimusmuutos</translation>
    </message>
    <message>
        <source>Agreed working hours a week (1 to 60), as the agreement states them</source>
        <translation>Sovitut työtunnit viikossa (1–60) sopimuksen mukaisesti</translation>
    </message>
    <message>
        <source>ECTS the placement is worth in the degree; empty when it does not count (then no recognition is needed to complete it)</source>
        <translation>ECTS-opintopisteet, joiden arvoinen harjoittelu on tutkinnossa; tyhjä, jos se ei lasketa tutkintoon (silloin sen päättämiseen ei tarvita tunnustamista)</translation>
    </message>
    <message>
        <source>Internal notes of the office: never printed on the agreement</source>
        <translation>Toimiston sisäiset huomautukset: ei koskaan tulosteta sopimukseen</translation>
    </message>
    <message>
        <source>Periods</source>
        <translation>Jaksot</translation>
    </message>
    <message>
        <source>The placement&apos;s virtual and physical periods: kind, start, end</source>
        <translation>Harjoittelun virtuaaliset ja fyysiset jaksot: tyyppi, alku, loppu</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Alku</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Loppu</translation>
    </message>
    <message>
        <source>Add period</source>
        <translation>Lisää jakso</translation>
    </message>
    <message>
        <source>Remove period</source>
        <translation>Poista jakso</translation>
    </message>
    <message>
        <source>Period {value}: {exc}</source>
        <translation>Jakso {value}: {exc}</translation>
    </message>
    <message>
        <source>New student…</source>
        <translation>Uusi opiskelija…</translation>
    </message>
    <message>
        <source>New host…</source>
        <translation>Uusi vastaanottava organisaatio…</translation>
    </message>
    <message>
        <source>Type part of its name or country (↓ lists them)</source>
        <translation>Kirjoita osa nimestä tai maasta (↓ näyttää vaihtoehdot)</translation>
    </message>
    <message>
        <source>New institution…</source>
        <translation>Uusi korkeakoulu…</translation>
    </message>
    <message>
        <source>New mentor…</source>
        <translation>Uusi mentori…</translation>
    </message>
    <message>
        <source>New tutor…</source>
        <translation>Uusi ohjaaja…</translation>
    </message>
    <message>
        <source>e.g. 7.5 (empty if none)</source>
        <translation>esim. 7,5 (tyhjä, jos ei ole)</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Opiskelija</translation>
    </message>
    <message>
        <source>Company mentor</source>
        <translation>Yrityksen mentori</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Nimike</translation>
    </message>
    <message>
        <source>Planned start and end</source>
        <translation>Suunniteltu alku ja loppu</translation>
    </message>
    <message>
        <source>Hours per week</source>
        <translation>Tunteja viikossa</translation>
    </message>
    <message>
        <source>ECTS credits</source>
        <translation>ECTS-opintopisteet</translation>
    </message>
    <message>
        <source>Planned start</source>
        <translation>Suunniteltu alku</translation>
    </message>
    <message>
        <source>Planned end</source>
        <translation>Suunniteltu loppu</translation>
    </message>
    <message>
        <source>Blended: physical and virtual periods</source>
        <translation>Yhdistetty: fyysiset ja virtuaaliset jaksot</translation>
    </message>
    <message>
        <source>No student matches what you typed: pick one from the list or create a new one.</source>
        <translation>Kirjoittamaasi vastaavaa opiskelijaa ei ole: valitse luettelosta tai luo uusi.</translation>
    </message>
    <message>
        <source>No host organisation matches what you typed: pick one from the list or create a new one.</source>
        <translation>Kirjoittamaasi vastaavaa vastaanottavaa organisaatiota ei ole: valitse luettelosta tai luo uusi.</translation>
    </message>
    <message>
        <source>No institution matches what you typed: pick one from the list or create a new one.</source>
        <translation>Kirjoittamaasi vastaavaa oppilaitosta ei ole: valitse luettelosta tai luo uusi.</translation>
    </message>
    <message>
        <source>No mentor matches what you typed: pick one from the list or create a new one.</source>
        <translation>Kirjoittamaasi vastaavaa mentoria ei ole: valitse luettelosta tai luo uusi.</translation>
    </message>
    <message>
        <source>No tutor matches what you typed: pick one from the list or create a new one.</source>
        <translation>Kirjoittamaasi vastaavaa korkeakoulun ohjaajaa ei ole: valitse luettelosta tai luo uusi.</translation>
    </message>
    <message>
        <source>(deleted since)</source>
        <translation>(poistettu sittemmin)</translation>
    </message>
    <message>
        <source>Nothing has been recorded for this placement yet.</source>
        <translation>Tälle harjoittelulle ei ole vielä kirjattu mitään.</translation>
    </message>
    <message>
        <source>The history starts when the placement is first saved.</source>
        <translation>Historia alkaa, kun harjoittelu tallennetaan ensimmäisen kerran.</translation>
    </message>
    <message>
        <source>What changed, newest first</source>
        <translation>Mitä muuttui, uusin ensin</translation>
    </message>
    <message>
        <source>Stored details</source>
        <translation>Tallennetut tiedot</translation>
    </message>
    <message>
        <source>Show the audit entry behind the selected line as stored</source>
        <translation>Näytä valitun rivin taustalla oleva lokimerkintä tallennetussa muodossa</translation>
    </message>
    <message>
        <source>Select a line to see the entry as stored.</source>
        <translation>Valitse rivi nähdäksesi merkinnän tallennetussa muodossa.</translation>
    </message>
    <message>
        <source>{text}

As stored:
{detail}</source>
        <translation>{text}

Tallennettuna:
{detail}</translation>
    </message>
    <message>
        <source>Choose the host organisation first: the mentor works there.</source>
        <translation>Valitse ensin vastaanottava organisaatio: mentori työskentelee siellä.</translation>
    </message>
    <message>
        <source>Choose the sending institution first: the tutor works there.</source>
        <translation>Valitse ensin lähettävä korkeakoulu: ohjaaja työskentelee siellä.</translation>
    </message>
    <message>
        <source>Status not changed</source>
        <translation>Tilaa ei muutettu</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;The placement cannot move to “{label}” yet.&lt;/b&gt;&lt;br&gt;%n thing(s) need doing first:</source>
        <translation>
            <numerusform>&lt;b&gt;Harjoittelua ei voi vielä siirtää tilaan ”{label}”.&lt;/b&gt;&lt;br&gt;%n asia on tehtävä ensin:</numerusform>
            <numerusform>&lt;b&gt;Harjoittelua ei voi vielä siirtää tilaan ”{label}”.&lt;/b&gt;&lt;br&gt;%n asiaa on tehtävä ensin:</numerusform>
        </translation>
    </message>
    <message>
        <source>Open {label}</source>
        <translation>Avaa {label}</translation>
    </message>
    <message>
        <source>Move anyway (office lead)…</source>
        <translation>Siirrä silti (toimiston esihenkilö)…</translation>
    </message>
    <message>
        <source>Move although the records do not back it yet; your reason is kept in the history.</source>
        <translation>Siirrä, vaikka tiedot eivät vielä tue sitä; syysi säilytetään historiassa.</translation>
    </message>
    <message>
        <source>Cancel placement</source>
        <translation>Peruuta harjoittelu</translation>
    </message>
    <message>
        <source>Cancel {reference}? You can reopen it later.</source>
        <translation>Peruutetaanko {reference}? Voit avata sen myöhemmin uudelleen.</translation>
    </message>
    <message>
        <source>Move anyway</source>
        <translation>Siirrä silti</translation>
    </message>
    <message>
        <source>Why does {reference} move to “{label}” although the records do not back it yet? The reason is kept in the placement&apos;s history.</source>
        <translation>Miksi {reference} siirretään tilaan ”{label}”, vaikka tiedot eivät vielä tue sitä? Syy säilytetään harjoittelun historiassa.</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Seuraava vaihe</translation>
    </message>
    <message>
        <source>{details}
What to do: {action}.</source>
        <translation>{details}
Toimenpide: {action}.</translation>
    </message>
    <message>
        <source>&lt;h2&gt;No placements yet&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Ei vielä harjoitteluja&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Start by recording a placement: the student, the host organisation, the dates and the mode (virtual, blended or physical).&lt;br&gt;Or open the demo database to look around with sample records first.</source>
        <translation>Aloita kirjaamalla harjoittelu: opiskelija, vastaanottava organisaatio, päivämäärät ja muoto (virtuaalinen, yhdistetty tai fyysinen).&lt;br&gt;Tai avaa ensin esittelytietokanta ja tutustu esimerkkitietoihin.</translation>
    </message>
    <message>
        <source>New placement (Ctrl+N)</source>
        <translation>Uusi harjoittelu (Ctrl+N)</translation>
    </message>
    <message>
        <source>Open the demo database</source>
        <translation>Avaa esittelytietokanta</translation>
    </message>
    <message>
        <source>Search placements</source>
        <translation>Hae harjoitteluja</translation>
    </message>
    <message>
        <source>Search reference, student, organisation, title or country  (Ctrl+F)</source>
        <translation>Hae tunnusta, opiskelijaa, organisaatiota, nimikettä tai maata  (Ctrl+F)</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>Kaikki vuodet</translation>
    </message>
    <message>
        <source>All countries</source>
        <translation>Kaikki maat</translation>
    </message>
    <message>
        <source>Host country</source>
        <translation>Vastaanottava maa</translation>
    </message>
    <message>
        <source>Show the placements hosted in one country</source>
        <translation>Näytä yhdessä maassa järjestettävät harjoittelut</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Vaatii huomiota</translation>
    </message>
    <message>
        <source>Show only placements with something due on the work list (the Today tab)</source>
        <translation>Näytä vain harjoittelut, joilla on jotain erääntymässä työlistalla (Tänään-välilehti)</translation>
    </message>
    <message>
        <source>Show the placements of one status</source>
        <translation>Näytä harjoittelut, joilla on tietty tila</translation>
    </message>
    <message>
        <source>One placement per row; Enter opens it</source>
        <translation>Yksi harjoittelu riviä kohti; Enter avaa sen</translation>
    </message>
    <message>
        <source>VIP-2026-00000</source>
        <translation>VIP-2026-00000</translation>
    </message>
    <message>
        <source>Blended</source>
        <translation>Yhdistetty</translation>
    </message>
    <message>
        <source>All placements</source>
        <translation>Kaikki harjoittelut</translation>
    </message>
    <message numerus="yes">
        <source>%Ln shown</source>
        <translation>
            <numerusform>%Ln näkyvissä</numerusform>
            <numerusform>%Ln näkyvissä</numerusform>
        </translation>
    </message>
    <message>
        <source>Needs attention ({waiting:,})</source>
        <translation>Vaatii huomiota ({waiting:,})</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>ma</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>ti</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>ke</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>pe</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>la</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>su</translation>
    </message>
    <message>
        <source>Shared hours per weekday</source>
        <translation>Yhteiset tunnit viikonpäivittäin</translation>
    </message>
    <message>
        <source>No shared hours to show</source>
        <translation>Ei näytettäviä yhteisiä tunteja</translation>
    </message>
    <message>
        <source>Result…</source>
        <translation>Tulos…</translation>
    </message>
    <message>
        <source>Scores per theme, blocking answers and advice</source>
        <translation>Pistemäärät teemoittain, estävät vastaukset ja neuvot</translation>
    </message>
    <message>
        <source>Export as PDF…</source>
        <translation>Vie PDF-tiedostona…</translation>
    </message>
    <message>
        <source>The questionnaire as a fillable PDF to send to the party</source>
        <translation>Kysely täytettävänä PDF:nä osapuolelle lähetettäväksi</translation>
    </message>
    <message>
        <source>Not assessed</source>
        <translation>Ei arvioitu</translation>
    </message>
    <message>
        <source> · {earlier} earlier</source>
        <translation> · {earlier} aiempaa</translation>
    </message>
    <message>
        <source>Blocks: “{question}” {answer}</source>
        <translation>Estää: ”{question}” {answer}</translation>
    </message>
    <message>
        <source>Low: {label} ({score})</source>
        <translation>Matala: {label} ({score})</translation>
    </message>
    <message>
        <source>Re-assessment</source>
        <translation>Uudelleenarviointi</translation>
    </message>
    <message>
        <source>Questionnaire</source>
        <translation>Kysely</translation>
    </message>
    <message>
        <source>Resume questionnaire…</source>
        <translation>Jatka kyselyä…</translation>
    </message>
    <message>
        <source>{what} started {started_at} by {respondent}, not finished</source>
        <translation>{what} aloitettu {started_at}, vastaaja {respondent}, kesken</translation>
    </message>
    <message>
        <source>Started {started_at} by {respondent}; continues at the first unanswered page</source>
        <translation>Aloitettu {started_at}, vastaaja {respondent}; jatkuu ensimmäiseltä vastaamattomalta sivulta</translation>
    </message>
    <message>
        <source>Re-assess…</source>
        <translation>Arvioi uudelleen…</translation>
    </message>
    <message>
        <source>A new questionnaire; the earlier result stays in history</source>
        <translation>Uusi kysely; aiempi tulos säilyy historiassa</translation>
    </message>
    <message>
        <source>Start questionnaire…</source>
        <translation>Aloita kysely…</translation>
    </message>
    <message>
        <source>Communication protocol</source>
        <translation>Viestintäsuunnitelma</translation>
    </message>
    <message>
        <source>&lt;b&gt;Written&lt;/b&gt;{who} · reports {label}, replies within {reply_hours} h</source>
        <translation>&lt;b&gt;Laadittu&lt;/b&gt;{who} · raportointi {label}, vastaus {reply_hours} h:n kuluessa</translation>
    </message>
    <message>
        <source>Edit protocol…</source>
        <translation>Muokkaa suunnitelmaa…</translation>
    </message>
    <message>
        <source>Not written yet: availability, reporting, reply times, meetings.</source>
        <translation>Ei vielä laadittu: tavoitettavuus, raportointi, vastausajat, tapaamiset.</translation>
    </message>
    <message>
        <source>Write protocol…</source>
        <translation>Laadi suunnitelma…</translation>
    </message>
    <message>
        <source>{hours_text} shared a working day</source>
        <translation>{hours_text} yhteistä työpäivässä</translation>
    </message>
    <message>
        <source>Shared hours: {shared}</source>
        <translation>Yhteiset tunnit: {shared}</translation>
    </message>
    <message>
        <source>With office hours (Monday to Friday, 9:00–17:00) for everyone: {shared}.</source>
        <translation>Kun kaikilla on virka-aika (maanantaista perjantaihin 9.00–17.00): {shared}.</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Työkalut</translation>
    </message>
    <message>
        <source>Choose tools…</source>
        <translation>Valitse työkalut…</translation>
    </message>
    <message>
        <source>Test plan…</source>
        <translation>Testisuunnitelma…</translation>
    </message>
    <message>
        <source>No tools chosen yet: which tool serves meetings, questions, reports, documents?</source>
        <translation>Työkaluja ei ole vielä valittu: mikä työkalu palvelee tapaamisia, kysymyksiä, raportteja, asiakirjoja?</translation>
    </message>
    <message>
        <source>{names} · tested {done} of {count} (tool × person)</source>
        <translation>{names} · testattu {done}/{count} (työkalu × henkilö)</translation>
    </message>
    <message>
        <source> · {count} tips in Choose tools</source>
        <translation> · {count} vinkkiä kohdassa Valitse työkalut</translation>
    </message>
    <message>
        <source>Blocks “Agreement sent”:
</source>
        <translation>Estää tilan ”Sopimus lähetetty”:
</translation>
    </message>
    <message>
        <source>Save the placement to start its preparation.</source>
        <translation>Tallenna harjoittelu aloittaaksesi sen valmistelun.</translation>
    </message>
    <message>
        <source>Import returned questionnaire…</source>
        <translation>Tuo palautettu kysely…</translation>
    </message>
    <message>
        <source>Language of exported questionnaires</source>
        <translation>Vietyjen kyselyjen kieli</translation>
    </message>
    <message>
        <source>“Export as PDF…” writes the questionnaire in this language (in English where it is not translated yet)</source>
        <translation>”Vie PDF-tiedostona…” kirjoittaa kyselyn tällä kielellä (englanniksi, jos sitä ei ole vielä käännetty)</translation>
    </message>
    <message>
        <source> by {name}</source>
        <translation> ({name})</translation>
    </message>
    <message>
        <source>Meeting: every {weekday}, {start} ({zone})</source>
        <translation>Tapaaminen: joka viikko ({weekday}), {start} ({zone})</translation>
    </message>
    <message>
        <source>PDFs &amp;in:</source>
        <translation>PDF:ien &amp;kieli:</translation>
    </message>
    <message>
        <source>Something blocks the start: see the critical answers below.</source>
        <translation>Jokin estää aloittamisen: katso kriittiset vastaukset alta.</translation>
    </message>
    <message>
        <source>Student, host and institution are ready.</source>
        <translation>Opiskelija, vastaanottava organisaatio ja korkeakoulu ovat valmiita.</translation>
    </message>
    <message>
        <source>Not everything is assessed or strong enough yet.</source>
        <translation>Kaikkea ei ole vielä arvioitu tai se ei ole vielä riittävän vahvaa.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Readiness&lt;/b&gt;&lt;br&gt;{verdict}</source>
        <translation>&lt;b&gt;Valmius&lt;/b&gt;&lt;br&gt;{verdict}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{label}&lt;/b&gt; — answered by {respondent} on {when} (questionnaire version {questionnaire_version})</source>
        <translation>&lt;b&gt;{label}&lt;/b&gt; — vastaaja {respondent}, {when} (kyselyn versio {questionnaire_version})</translation>
    </message>
    <message>
        <source>{label} works on {name}</source>
        <translation>{label} työskentelee: {name}</translation>
    </message>
    <message>
        <source>{label} starts at</source>
        <translation>{label}: alkaa klo</translation>
    </message>
    <message>
        <source>{label} ends at</source>
        <translation>{label}: päättyy klo</translation>
    </message>
    <message>
        <source>Working days</source>
        <translation>Työpäivät</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Alkaen</translation>
    </message>
    <message>
        <source> ({first} to {last})</source>
        <translation> ({first}–{last})</translation>
    </message>
    <message>
        <source>Every {weekday}, {start}–{end} ({zone})</source>
        <translation>Joka viikko ({weekday}), {start}–{end} ({zone})</translation>
    </message>
    <message>
        <source>Shared working hours per weekday, {first} to {last}, in the student&apos;s days:</source>
        <translation>Yhteiset työtunnit viikonpäivittäin, {first}–{last}, opiskelijan päivinä:</translation>
    </message>
    <message>
        <source>Fill in the student&apos;s time zone, days and hours to see them.</source>
        <translation>Täytä opiskelijan aikavyöhyke, päivät ja tunnit nähdäksesi ne.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Suggested {meeting_minutes}-minute meeting:&lt;/b&gt; {first_line}</source>
        <translation>&lt;b&gt;Ehdotettu {meeting_minutes} minuutin tapaaminen:&lt;/b&gt; {first_line}</translation>
    </message>
    <message>
        <source>&lt;b&gt;No meeting time&lt;/b&gt; fits every week: see below.</source>
        <translation>&lt;b&gt;Mikään tapaamisaika&lt;/b&gt; ei sovi joka viikolle: katso alta.</translation>
    </message>
    <message>
        <source>communication protocol</source>
        <translation>viestintäsuunnitelma</translation>
    </message>
    <message>
        <source>Communication protocol not saved</source>
        <translation>Viestintäsuunnitelmaa ei tallennettu</translation>
    </message>
    <message>
        <source> working hours</source>
        <translation> työtuntia</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> minuuttia</translation>
    </message>
    <message>
        <source>e.g. Teams: weekly meeting and quick questions. E-mail: reports. Shared drive: deliverables. A chat group: non-task talk.</source>
        <translation>esim. Teams: viikkotapaaminen ja nopeat kysymykset. Sähköposti: raportit. Jaettu asema: tuotokset. Chat-ryhmä: vapaamuotoinen keskustelu.</translation>
    </message>
    <message>
        <source>Name, e-mail or phone, and hours</source>
        <translation>Nimi, sähköposti tai puhelin sekä aukioloajat</translation>
    </message>
    <message>
        <source>Availability</source>
        <translation>Tavoitettavuus</translation>
    </message>
    <message>
        <source>Shared hours</source>
        <translation>Yhteiset tunnit</translation>
    </message>
    <message>
        <source>Reporting</source>
        <translation>Raportointi</translation>
    </message>
    <message>
        <source>Reply within</source>
        <translation>Vastausaika enintään</translation>
    </message>
    <message>
        <source>Meeting length</source>
        <translation>Tapaamisen kesto</translation>
    </message>
    <message>
        <source>Which tool for what</source>
        <translation>Mikä työkalu mihinkin</translation>
    </message>
    <message>
        <source>Helpdesk for the student</source>
        <translation>Tukihenkilö opiskelijalle</translation>
    </message>
    <message>
        <source>Helpdesk for company staff</source>
        <translation>Tukihenkilö yrityksen henkilöstölle</translation>
    </message>
    <message>
        <source>Communication protocol — {heading}</source>
        <translation>Viestintäsuunnitelma — {heading}</translation>
    </message>
    <message>
        <source>{label}: &apos;{text}&apos; is not a time zone.</source>
        <translation>{label}: &apos;{text}&apos; ei ole aikavyöhyke.</translation>
    </message>
    <message>
        <source>Readiness result</source>
        <translation>Valmiuden tulos</translation>
    </message>
    <message>
        <source>&lt;br&gt;{missing} required question(s) not answered yet.</source>
        <translation>&lt;br&gt;Pakollisia kysymyksiä vastaamatta: {missing}.</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;font-size:large&apos;&gt;{level_badge}&amp;nbsp; Overall score &lt;b&gt;{overall}&lt;/b&gt;&lt;/p&gt;{note}</source>
        <translation>&lt;p style=&apos;font-size:large&apos;&gt;{level_badge}&amp;nbsp; Kokonaispistemäärä &lt;b&gt;{overall}&lt;/b&gt;&lt;/p&gt;{note}</translation>
    </message>
    <message>
        <source>below {threshold}</source>
        <translation>alle {threshold}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Blocking answers&lt;/b&gt; — these must be solved before the placement can start:&lt;ul style=&apos;margin-left:-20px&apos;&gt;</source>
        <translation>&lt;b&gt;Estävät vastaukset&lt;/b&gt; — nämä on ratkaistava ennen kuin harjoittelu voi alkaa:&lt;ul style=&apos;margin-left:-20px&apos;&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;What to do&lt;/b&gt;&lt;ul style=&apos;margin-left:-20px&apos;&gt;</source>
        <translation>&lt;b&gt;Toimenpiteet&lt;/b&gt;&lt;ul style=&apos;margin-left:-20px&apos;&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;What to do&lt;/b&gt;&lt;br&gt;Nothing: every answer is strong.</source>
        <translation>&lt;b&gt;Toimenpiteet&lt;/b&gt;&lt;br&gt;Ei mitään: kaikki vastaukset ovat vahvoja.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Placement:&lt;/b&gt; {about}</source>
        <translation>&lt;b&gt;Harjoittelu:&lt;/b&gt; {about}</translation>
    </message>
    <message>
        <source>{count} questions on {count2} pages, about {max} minutes. Each page is saved when you press Next: you can stop at any time and continue later.</source>
        <translation>{count} kysymystä {count2} sivulla, noin {max} minuuttia. Kukin sivu tallennetaan, kun valitset Seuraava: voit keskeyttää milloin tahansa ja jatkaa myöhemmin.</translation>
    </message>
    <message>
        <source>{value} of {count} answered — </source>
        <translation>{value}/{count} vastattu — </translation>
    </message>
    <message>
        <source>answer every question marked * to go on.</source>
        <translation>vastaa jokaiseen *-merkittyyn kysymykseen jatkaaksesi.</translation>
    </message>
    <message>
        <source>press Next to save.</source>
        <translation>tallenna valitsemalla Seuraava.</translation>
    </message>
    <message>
        <source>{page} · Optional: leave empty if there is nothing to add.</source>
        <translation>{page} · Valinnainen: jätä tyhjäksi, jos lisättävää ei ole.</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Tulos</translation>
    </message>
    <message>
        <source>Press Finish to record this assessment. Until then you can go back and change answers.</source>
        <translation>Kirjaa tämä arvio valitsemalla Valmis. Siihen asti voit palata ja muuttaa vastauksia.</translation>
    </message>
    <message>
        <source>{party} readiness</source>
        <translation>Valmius: {party}</translation>
    </message>
    <message>
        <source>Page {n} of {count}</source>
        <translation>Sivu {n}/{count}</translation>
    </message>
    <message>
        <source>{exc}
Your answers on this page are kept.</source>
        <translation>{exc}
Tämän sivun vastauksesi säilytetään.</translation>
    </message>
    <message>
        <source>{exc} Their answers are shown now; check this page and press Next again.</source>
        <translation>{exc} Heidän vastauksensa näytetään nyt; tarkista tämä sivu ja valitse uudelleen Seuraava.</translation>
    </message>
    <message>
        <source>Close without saving?</source>
        <translation>Suljetaanko tallentamatta?</translation>
    </message>
    <message>
        <source>This page could not be saved. Close anyway and lose its answers?</source>
        <translation>Tätä sivua ei voitu tallentaa. Suljetaanko silti, jolloin sen vastaukset menetetään?</translation>
    </message>
    <message>
        <source>{tool_name} with the {label}</source>
        <translation>{tool_name}, {label}</translation>
    </message>
    <message>
        <source>Result: {who}</source>
        <translation>Tulos: {who}</translation>
    </message>
    <message>
        <source>Date: {who}</source>
        <translation>Päivämäärä: {who}</translation>
    </message>
    <message>
        <source>Note: {who}</source>
        <translation>Huomautus: {who}</translation>
    </message>
    <message>
        <source>What happened; for a failure, what replaces it</source>
        <translation>Mitä tapahtui; epäonnistuessa, mikä korvaa sen</translation>
    </message>
    <message>
        <source>Test plan — {heading}</source>
        <translation>Testisuunnitelma — {heading}</translation>
    </message>
    <message>
        <source>Test plan</source>
        <translation>Testisuunnitelma</translation>
    </message>
    <message>
        <source>Try each tool with each person before the start: install, log in, a short call or message, a shared file. Record what happened.</source>
        <translation>Kokeile kutakin työkalua jokaisen henkilön kanssa ennen alkua: asennus, kirjautuminen, lyhyt puhelu tai viesti, jaettu tiedosto. Kirjaa, mitä tapahtui.</translation>
    </message>
    <message>
        <source>With</source>
        <translation>Kenen kanssa</translation>
    </message>
    <message>
        <source>Choose the tools first.</source>
        <translation>Valitse ensin työkalut.</translation>
    </message>
    <message>
        <source>{who}: someone else recorded this test meanwhile; reloaded.</source>
        <translation>{who}: joku muu kirjasi tämän testin sillä välin; ladattu uudelleen.</translation>
    </message>
    <message>
        <source>{name} (optional)</source>
        <translation>{name} (valinnainen)</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— ei mitään —</translation>
    </message>
    <message>
        <source>{name} (not made for this)</source>
        <translation>{name} (ei tähän tarkoitukseen)</translation>
    </message>
    <message>
        <source>Choose tools that everybody can use and preferably already uses, and say explicitly which one serves each purpose.</source>
        <translation>Valitse työkaluja, joita kaikki voivat käyttää ja mieluiten jo käyttävät, ja kerro selvästi, mikä palvelee mitäkin tarkoitusta.</translation>
    </message>
    <message>
        <source>Check the choice</source>
        <translation>Tarkista valinta</translation>
    </message>
    <message>
        <source>Press Finish to save. Then test every tool with the student, the mentor and the tutor: the agreement cannot be sent before.</source>
        <translation>Tallenna valitsemalla Valmis. Testaa sitten jokainen työkalu opiskelijan, mentorin ja ohjaajan kanssa: sopimusta ei voi lähettää sitä ennen.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Chosen&lt;/b&gt;&lt;ul style=&apos;margin-left:-20px&apos;&gt;</source>
        <translation>&lt;b&gt;Valitut&lt;/b&gt;&lt;ul style=&apos;margin-left:-20px&apos;&gt;</translation>
    </message>
    <message>
        <source>No tool chosen yet.</source>
        <translation>Työkalua ei ole vielä valittu.</translation>
    </message>
    <message>
        <source>No advice: the choice follows the guide.</source>
        <translation>Ei neuvoja: valinta noudattaa opasta.</translation>
    </message>
    <message>
        <source>Tools — {heading}</source>
        <translation>Työkalut — {heading}</translation>
    </message>
    <message>
        <source>Tools not saved</source>
        <translation>Työkaluja ei tallennettu</translation>
    </message>
    <message>
        <source> They chose: {join}.</source>
        <translation> He valitsivat: {join}.</translation>
    </message>
    <message>
        <source>Someone else chose tools for this placement after you opened it.{chosen} Press Finish again to keep your choice, or Back to change it.</source>
        <translation>Joku muu valitsi työkalut tälle harjoittelulle sen jälkeen, kun avasit sen.{chosen} Säilytä oma valintasi valitsemalla uudelleen Valmis tai muuta sitä valitsemalla Edellinen.</translation>
    </message>
    <message>
        <source>Their version differs in: {join}.

</source>
        <translation>Heidän versionsa eroaa kohdissa: {join}.

</translation>
    </message>
    <message>
        <source>{details}Reload shows their version and drops your edits; Keep mine saves your version over theirs.</source>
        <translation>{details}Lataa uudelleen näyttää heidän versionsa ja hylkää muokkauksesi; Säilytä omani tallentaa oman versiosi heidän versionsa päälle.</translation>
    </message>
    <message>
        <source>Reload (discard mine)</source>
        <translation>Lataa uudelleen (hylkää omani)</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>Säilytä omani</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not in the list; choose {what} from it.</source>
        <translation>&apos;{text}&apos; ei ole luettelossa; valitse {what} luettelosta.</translation>
    </message>
    <message>
        <source>Discard your changes?</source>
        <translation>Hylätäänkö muutoksesi?</translation>
    </message>
    <message>
        <source>Equity flags are special-category personal data (GDPR art. 9). Include them only when the recipient needs them, e.g. for a grant&apos;s inclusion support; keep and send the file securely.</source>
        <translation>Yhdenvertaisuusmerkinnät ovat erityisiin henkilötietoryhmiin kuuluvia tietoja (GDPR 9 artikla). Sisällytä ne vain, kun vastaanottaja tarvitsee niitä, esim. apurahan osallisuustukea varten; säilytä ja lähetä tiedosto turvallisesti.</translation>
    </message>
    <message>
        <source>The report was not saved</source>
        <translation>Raporttia ei tallennettu</translation>
    </message>
    <message>
        <source>Cancelled: no file was written.</source>
        <translation>Peruttu: tiedostoa ei kirjoitettu.</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Vie raportti</translation>
    </message>
    <message>
        <source>Every placement</source>
        <translation>Kaikki harjoittelut</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Kaikki tilat</translation>
    </message>
    <message>
        <source>Language of the report</source>
        <translation>Raportin kieli</translation>
    </message>
    <message>
        <source>Sheet names, headers, summaries and charts in this language; the data as recorded</source>
        <translation>Välilehtien nimet, otsikot, yhteenvedot ja kaaviot tällä kielellä; tiedot kirjatussa muodossa</translation>
    </message>
    <message>
        <source>Include the students&apos; equity flags</source>
        <translation>Sisällytä opiskelijoiden yhdenvertaisuusmerkinnät</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Tallenna nimellä</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Raportti</translation>
    </message>
    <message>
        <source>Search text</source>
        <translation>Hakuteksti</translation>
    </message>
    <message>
        <source>Year (planned start)</source>
        <translation>Vuosi (suunniteltu alku)</translation>
    </message>
    <message>
        <source>Sensitive data</source>
        <translation>Arkaluonteiset tiedot</translation>
    </message>
    <message>
        <source>Save to</source>
        <translation>Tallennuskohde</translation>
    </message>
    <message>
        <source>Then e-mail it (to a funder or a manager)</source>
        <translation>Lähetä se sitten sähköpostilla (rahoittajalle tai esihenkilölle)</translation>
    </message>
    <message>
        <source>An Excel workbook with the filters below, key figures with a chart, and the detail. The filters start as they are set in the placements list.</source>
        <translation>Excel-työkirja, jossa on alla olevat suodattimet, tunnusluvut kaavioineen ja yksityiskohdat. Suodattimet ovat aluksi samat kuin harjoitteluluettelossa.</translation>
    </message>
    <message>
        <source>Save the report as</source>
        <translation>Tallenna raportti nimellä</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel-työkirja (*.xlsx)</translation>
    </message>
    <message>
        <source>Choose where to save the report.</source>
        <translation>Valitse, mihin raportti tallennetaan.</translation>
    </message>
    <message>
        <source>The folder {parent} does not exist.</source>
        <translation>Kansiota {parent} ei ole olemassa.</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>Korvataanko tiedosto?</translation>
    </message>
    <message>
        <source>{name} exists already. Replace it?</source>
        <translation>{name} on jo olemassa. Korvataanko se?</translation>
    </message>
    <message>
        <source>Writing the report…</source>
        <translation>Kirjoitetaan raporttia…</translation>
    </message>
    <message>
        <source>Exporting the report “{title}”</source>
        <translation>Viedään raporttia ”{title}”</translation>
    </message>
    <message>
        <source>funding sources</source>
        <translation>rahoituslähteet</translation>
    </message>
    <message>
        <source>placements</source>
        <translation>harjoittelua</translation>
    </message>
    <message>
        <source>Saved {records:,} {what} to {path}.</source>
        <translation>Tallennettu tiedostoon {path}: {records:,} ({what}).</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv *.txt);;All files (*)</source>
        <translation>Laskentataulukot (*.xlsx *.csv *.txt);;Kaikki tiedostot (*)</translation>
    </message>
    <message>
        <source>The template was not saved</source>
        <translation>Pohjaa ei tallennettu</translation>
    </message>
    <message>
        <source>Nothing was imported</source>
        <translation>Mitään ei tuotu</translation>
    </message>
    <message>
        <source>&lt;b&gt;Nothing was imported.&lt;/b&gt; </source>
        <translation>&lt;b&gt;Mitään ei tuotu.&lt;/b&gt; </translation>
    </message>
    <message>
        <source>Stopped: nothing was imported.</source>
        <translation>Keskeytetty: mitään ei tuotu.</translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation>Tiedostoa ei ole valittu.</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Valitse tiedosto…</translation>
    </message>
    <message>
        <source>Save template…</source>
        <translation>Tallenna pohja…</translation>
    </message>
    <message>
        <source>An empty workbook with the right columns and a Help sheet</source>
        <translation>Tyhjä työkirja, jossa on oikeat sarakkeet ja Ohje-välilehti</translation>
    </message>
    <message>
        <source>How dates written with slashes are read; 31.12.2000 and 2000-12-31 are always clear</source>
        <translation>Miten kauttaviivoin kirjoitetut päivämäärät luetaan; 31.12.2000 ja 2000-12-31 ovat aina yksiselitteisiä</translation>
    </message>
    <message>
        <source>Dates such as 01/02/2026 are written &amp;day first or month first:</source>
        <translation>Päivämäärät kuten 01/02/2026 kirjoitetaan &amp;päivä tai kuukausi ensin:</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Esikatselu</translation>
    </message>
    <message>
        <source>The rows as they would be imported</source>
        <translation>Rivit sellaisina kuin ne tuotaisiin</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Rivi</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Sarake</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Ongelma</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Ongelmat</translation>
    </message>
    <message>
        <source>What to correct, row by row</source>
        <translation>Mitä korjata, riveittäin</translation>
    </message>
    <message>
        <source>Reading and checking the file…</source>
        <translation>Luetaan ja tarkistetaan tiedostoa…</translation>
    </message>
    <message>
        <source>Checking {name}</source>
        <translation>Tarkistetaan {name}</translation>
    </message>
    <message>
        <source>The date order was not changed</source>
        <translation>Päivämäärien järjestystä ei muutettu</translation>
    </message>
    <message>
        <source>&lt;b&gt;This file cannot be imported.&lt;/b&gt; {message}</source>
        <translation>&lt;b&gt;Tätä tiedostoa ei voi tuoda.&lt;/b&gt; {message}</translation>
    </message>
    <message>
        <source>Import as</source>
        <translation>Tuontitapa</translation>
    </message>
    <message>
        <source> (first {PREVIEW_ROWS} shown)</source>
        <translation> (ensimmäiset {PREVIEW_ROWS} näytetään)</translation>
    </message>
    <message>
        <source>&lt;b&gt;{source}&lt;/b&gt;: {count:,} rows{more} — {summary}.</source>
        <translation>&lt;b&gt;{source}&lt;/b&gt;: {count:,} riviä{more} — {summary}.</translation>
    </message>
    <message>
        <source>&lt;br&gt;Columns not used: {join}.</source>
        <translation>&lt;br&gt;Käyttämättömät sarakkeet: {join}.</translation>
    </message>
    <message>
        <source>&lt;br&gt;Dates with slashes read {label}.</source>
        <translation>&lt;br&gt;Kauttaviivoin kirjoitetut päivämäärät luetaan: {label}.</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Nothing can be imported until every problem below is corrected in the file&lt;/b&gt; ({count:,}).&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Mitään ei voi tuoda, ennen kuin jokainen alla oleva ongelma on korjattu tiedostoon&lt;/b&gt; ({count:,}).&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;There is nothing new to import.</source>
        <translation>&lt;br&gt;Uutta tuotavaa ei ole.</translation>
    </message>
    <message>
        <source>Problems ({count:,})</source>
        <translation>Ongelmat ({count:,})</translation>
    </message>
    <message>
        <source> {count:,} already existed and were skipped.</source>
        <translation> {count:,} oli jo olemassa, ja ne ohitettiin.</translation>
    </message>
    <message>
        <source>&amp;Export report to Excel…</source>
        <translation>&amp;Vie raportti Exceliin…</translation>
    </message>
    <message>
        <source>Save import &amp;template</source>
        <translation>&amp;Tallenna tuontipohja</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>Tallennettu: {path}.</translation>
    </message>
    <message>
        <source>Snooze — {reference}</source>
        <translation>Torkku — {reference}</translation>
    </message>
    <message>
        <source>Why, e.g. “host HR away until Monday”</source>
        <translation>Syy, esim. ”vastaanottavan organisaation henkilöstöhallinto poissa maanantaihin asti”</translation>
    </message>
    <message>
        <source>Hide &amp;until</source>
        <translation>&amp;Piilota asti</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>&amp;Huomautus</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Torkku</translation>
    </message>
    <message>
        <source>It shows again the day after, unless the records say it is done by then.</source>
        <translation>Se näytetään taas seuraavana päivänä, ellei tiedoista silloin näy, että se on tehty.</translation>
    </message>
    <message>
        <source>Work-list rules</source>
        <translation>Työlistan säännöt</translation>
    </message>
    <message>
        <source> days</source>
        <translation> päivää</translation>
    </message>
    <message>
        <source>{what}. Shipped default: {default_days} days.</source>
        <translation>{what}. Oletus: {default_days} päivää.</translation>
    </message>
    <message>
        <source>Restore &amp;defaults</source>
        <translation>Palauta &amp;oletukset</translation>
    </message>
    <message>
        <source>When the work list shows an item. These numbers apply to everyone using this database.</source>
        <translation>Milloin työlista näyttää kohteen. Nämä luvut koskevat kaikkia tämän tietokannan käyttäjiä.</translation>
    </message>
    <message>
        <source>Snoozed {reference} ({what}) until {day_text}.</source>
        <translation>{reference} ({what}) torkutettu {day_text} asti.</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Vastaanottava organisaatio</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Toimenpide</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Alkaen</translation>
    </message>
    <message>
        <source>{what}: {details}
What to do: {action}.</source>
        <translation>{what}: {details}
Toimenpide: {action}.</translation>
    </message>
    <message>
        <source>365 days overdue</source>
        <translation>365 päivää myöhässä</translation>
    </message>
    <message>
        <source>30 Sep 2026</source>
        <translation>30.09.2026</translation>
    </message>
    <message>
        <source>Open the placement where this is done (Enter)</source>
        <translation>Avaa harjoittelu, jossa tämä tehdään (Enter)</translation>
    </message>
    <message>
        <source>S&amp;nooze…</source>
        <translation>&amp;Torkku…</translation>
    </message>
    <message>
        <source>Hide this item until a date ({SNOOZE_SHORTCUT})</source>
        <translation>Piilota tämä kohde tiettyyn päivään asti ({SNOOZE_SHORTCUT})</translation>
    </message>
    <message>
        <source>&amp;Rules…</source>
        <translation>&amp;Säännöt…</translation>
    </message>
    <message>
        <source>When the work list shows an item: the number of days</source>
        <translation>Milloin työlista näyttää kohteen: päivien määrä</translation>
    </message>
    <message>
        <source>Send re&amp;minders…</source>
        <translation>Lähetä &amp;muistutukset…</translation>
    </message>
    <message>
        <source>E-mail each party a due item waits for: signatures, certificate, evaluations</source>
        <translation>Lähetä sähköpostia jokaiselle osapuolelle, jota erääntyvä kohde odottaa: allekirjoitukset, todistus, arvioinnit</translation>
    </message>
    <message>
        <source>Reminders: {summary}.</source>
        <translation>Muistutukset: {summary}.</translation>
    </message>
    <message>
        <source>Work list</source>
        <translation>Työlista</translation>
    </message>
    <message>
        <source>What is due, grouped by overdue, this week and later</source>
        <translation>Mitä erääntyy, ryhmiteltynä: myöhässä, tällä viikolla ja myöhemmin</translation>
    </message>
    <message>
        <source>&lt;h2&gt;All is done&lt;/h2&gt;&lt;p&gt;Nothing needs you today: no signatures waiting too long, no start with preparation open, no certificate or evaluation missing.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Kaikki on tehty&lt;/h2&gt;&lt;p&gt;Mikään ei tarvitse sinua tänään: ei liian kauan odottavia allekirjoituksia, ei alkamisia keskeneräisellä valmistelulla, ei puuttuvia todistuksia tai arviointeja.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Today, {long_day}&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Tänään, {long_day}&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Cannot snooze</source>
        <translation>Torkutus ei onnistu</translation>
    </message>
    <message>
        <source> · {snoozed:,} snoozed</source>
        <translation> · {snoozed:,} torkutettu</translation>
    </message>
    <message>
        <source>Nothing due{snoozed}.</source>
        <translation>Ei erääntyviä{snoozed}.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s): {parts}{snoozed}</source>
        <translation>
            <numerusform>%Ln kohde: {parts}{snoozed}</numerusform>
            <numerusform>%Ln kohdetta: {parts}{snoozed}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln overdue</source>
        <translation>
            <numerusform>%Ln myöhässä</numerusform>
            <numerusform>%Ln myöhässä</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln this week</source>
        <translation>
            <numerusform>%Ln tällä viikolla</numerusform>
            <numerusform>%Ln tällä viikolla</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln later</source>
        <translation>
            <numerusform>%Ln myöhemmin</numerusform>
            <numerusform>%Ln myöhemmin</numerusform>
        </translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Tietue</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Poistettu</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>Päiviä jäljellä</translation>
    </message>
    <message>
        <source>Recently deleted</source>
        <translation>Äskettäin poistetut</translation>
    </message>
    <message>
        <source>Placements and cost items deleted in the last 30 days. Restoring one brings it back with everything it had: checklist, questionnaires, protocol, tools, agreements and costs.</source>
        <translation>Viimeisten 30 päivän aikana poistetut harjoittelut ja kulut. Palautettu kohde palaa kaikkine tietoineen: tarkistuslista, kyselyt, suunnitelma, työkalut, sopimukset ja kulut.</translation>
    </message>
    <message>
        <source>What was deleted in the last 30 days</source>
        <translation>Mitä on poistettu viimeisten 30 päivän aikana</translation>
    </message>
    <message>
        <source>Nothing was deleted in the last 30 days.</source>
        <translation>Mitään ei ole poistettu viimeisten 30 päivän aikana.</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Palauta</translation>
    </message>
    <message>
        <source>Not restored</source>
        <translation>Ei palautettu</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>VVVV-KK-PP</translation>
    </message>
    <message>
        <source>Pick from a calendar</source>
        <translation>Valitse kalenterista</translation>
    </message>
    <message>
        <source>{label} (required)</source>
        <translation>{label} (pakollinen)</translation>
    </message>
    <message>
        <source>Type part of a name, e-mail or student number</source>
        <translation>Kirjoita osa nimestä, sähköpostista tai opiskelijanumerosta</translation>
    </message>
    <message>
        <source>Starts soon with preparation open</source>
        <translation>Alkaa pian, valmistelu kesken</translation>
    </message>
    <message>
        <source>Close what blocks the start, or move the start</source>
        <translation>Korjaa se, mikä estää aloituksen, tai siirrä alkua</translation>
    </message>
    <message>
        <source>Warn this many days before the start while preparation is open</source>
        <translation>Varoita näin monta päivää ennen alkua, kun valmistelu on kesken</translation>
    </message>
    <message>
        <source>Agreement waiting for signatures</source>
        <translation>Sopimus odottaa allekirjoituksia</translation>
    </message>
    <message>
        <source>Remind who has not signed</source>
        <translation>Muistuta allekirjoittamatta jättäneitä</translation>
    </message>
    <message>
        <source>Agreement out for signature for this many days</source>
        <translation>Sopimus ollut allekirjoitettavana näin monta päivää</translation>
    </message>
    <message>
        <source>Still ongoing after its planned end</source>
        <translation>Yhä käynnissä suunnitellun lopun jälkeen</translation>
    </message>
    <message>
        <source>Move it to evaluating, or change the end date</source>
        <translation>Siirrä arviointiin tai muuta päättymispäivää</translation>
    </message>
    <message>
        <source>Still ongoing this many days after the planned end</source>
        <translation>Yhä käynnissä näin monta päivää suunnitellun lopun jälkeen</translation>
    </message>
    <message>
        <source>Traineeship certificate not received</source>
        <translation>Harjoittelutodistusta ei saatu</translation>
    </message>
    <message>
        <source>Ask the host for the certificate</source>
        <translation>Pyydä todistus vastaanottavalta organisaatiolta</translation>
    </message>
    <message>
        <source>No traineeship certificate this many days after the end</source>
        <translation>Ei harjoittelutodistusta näin monta päivää lopun jälkeen</translation>
    </message>
    <message>
        <source>Evaluation missing</source>
        <translation>Arviointi puuttuu</translation>
    </message>
    <message>
        <source>Evaluate it with the student and the host</source>
        <translation>Arvioi opiskelijan ja organisaation kanssa</translation>
    </message>
    <message>
        <source>Evaluation not done this many days after the end</source>
        <translation>Arviointia ei tehty näin monta päivää lopun jälkeen</translation>
    </message>
    <message>
        <source>Recognition missing</source>
        <translation>Tunnustaminen puuttuu</translation>
    </message>
    <message>
        <source>Record the credits in the transcript</source>
        <translation>Kirjaa opintopisteet opintosuoritusotteeseen</translation>
    </message>
    <message>
        <source>Credits not recognised this many days after the end</source>
        <translation>Opintopisteitä ei tunnustettu näin monta päivää lopun jälkeen</translation>
    </message>
    <message>
        <source>Amendment waiting for signatures</source>
        <translation>Sopimusmuutos odottaa allekirjoituksia</translation>
    </message>
    <message>
        <source>Remind who has not signed the amendment</source>
        <translation>Muistuta muutoksen allekirjoittamatta jättäneitä</translation>
    </message>
    <message>
        <source>Amendment out for signature for this many days</source>
        <translation>Sopimusmuutos ollut allekirjoitettavana näin monta päivää</translation>
    </message>
    <message>
        <source>Meeting overdue against the protocol</source>
        <translation>Tapaaminen myöhässä suunnitelmasta</translation>
    </message>
    <message>
        <source>Hold the meeting and log it, or record why it was missed</source>
        <translation>Pidä tapaaminen ja kirjaa se, tai kirjaa miksi se jäi väliin</translation>
    </message>
    <message>
        <source>Days of grace after the protocol&apos;s cadence expected a meeting (then overdue)</source>
        <translation>Armonpäivät sen jälkeen, kun suunnitelma odotti tapaamista (sitten myöhässä)</translation>
    </message>
    <message>
        <source>Tool test failed, no reason recorded</source>
        <translation>Työkalun testi epäonnistui, syytä ei kirjattu</translation>
    </message>
    <message>
        <source>Choose another tool, or record why it is acceptable</source>
        <translation>Valitse toinen työkalu tai kirjaa, miksi se on hyväksyttävä</translation>
    </message>
    <message>
        <source>A failed tool test has no reason this many days after it</source>
        <translation>Epäonnistuneella työkalutestillä ei ole syytä näin monta päivää myöhemmin</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>%n päivä myöhässä</numerusform>
            <numerusform>%n päivää myöhässä</numerusform>
        </translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>Erääntyy tänään</translation>
    </message>
    <message numerus="yes">
        <source>Due in %n day(s)</source>
        <translation>
            <numerusform>Erääntyy %n päivän päästä</numerusform>
            <numerusform>Erääntyy %n päivän päästä</numerusform>
        </translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Myöhässä</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Tällä viikolla</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Myöhemmin</translation>
    </message>
    <message>
        <source>the student&apos;s readiness</source>
        <translation>opiskelijan valmius</translation>
    </message>
    <message>
        <source>the host&apos;s readiness</source>
        <translation>vastaanottavan organisaation valmius</translation>
    </message>
    <message>
        <source>the institution&apos;s readiness</source>
        <translation>korkeakoulun valmius</translation>
    </message>
    <message>
        <source>the communication protocol</source>
        <translation>viestintäprotokolla</translation>
    </message>
    <message>
        <source>a tool for every purpose</source>
        <translation>työkalu jokaiseen tarkoitukseen</translation>
    </message>
    <message>
        <source>the tool tests</source>
        <translation>työkalujen testit</translation>
    </message>
    <message>
        <source>the signed agreement</source>
        <translation>allekirjoitettu sopimus</translation>
    </message>
    <message>
        <source>{first} and {last}</source>
        <translation>{first} ja {last}</translation>
    </message>
    <message>
        <source>{student} at {host}</source>
        <translation>{student}, {host}</translation>
    </message>
    <message>
        <source>Starts {day}; still open: {still}.</source>
        <translation>Alkaa {day}; vielä avoinna: {still}.</translation>
    </message>
    <message>
        <source>the student ({name})</source>
        <translation>opiskelija ({name})</translation>
    </message>
    <message>
        <source>the host ({name})</source>
        <translation>vastaanottava organisaatio ({name})</translation>
    </message>
    <message>
        <source>your institution ({name})</source>
        <translation>oma korkeakoulunne ({name})</translation>
    </message>
    <message>
        <source>Sent {day}</source>
        <translation>Lähetetty {day}</translation>
    </message>
    <message>
        <source>not signed yet by {who}</source>
        <translation>allekirjoitus puuttuu: {who}</translation>
    </message>
    <message>
        <source>declined by {who}</source>
        <translation>hylännyt: {who}</translation>
    </message>
    <message>
        <source>Ticked by {who}</source>
        <translation>Merkinnyt: {who}</translation>
    </message>
    <message>
        <source>Ticked by hand</source>
        <translation>Merkitty käsin</translation>
    </message>
    <message>
        <source>Not ticked yet: {item}</source>
        <translation>Ei vielä merkitty: {item}</translation>
    </message>
    <message>
        <source>{item} — {detail}</source>
        <translation>{item} — {detail}</translation>
    </message>
    <message>
        <source>not done yet</source>
        <translation>ei vielä tehty</translation>
    </message>
    <message>
        <source>The agreement is not signed by all three parties and locked: {detail}</source>
        <translation>Kaikki kolme osapuolta eivät ole allekirjoittaneet sopimusta eikä sitä ole lukittu: {detail}</translation>
    </message>
    <message>
        <source>record the signatures on the Agreement tab</source>
        <translation>kirjaa allekirjoitukset Sopimus-välilehdellä</translation>
    </message>
    <message>
        <source>No agreement version has been sent for signature: {detail}</source>
        <translation>Mitään sopimusversiota ei ole lähetetty allekirjoitettavaksi: {detail}</translation>
    </message>
    <message>
        <source>draft it and send it from the Agreement tab</source>
        <translation>laadi ja lähetä se Sopimus-välilehdeltä</translation>
    </message>
    <message>
        <source>questionnaire completed {day}, no critical flag</source>
        <translation>kysely täytetty {day}, ei kriittisiä huomioita</translation>
    </message>
    <message numerus="yes">
        <source>%n critical flag(s) open: {flags}</source>
        <translation>
            <numerusform>%n kriittinen huomio avoinna: {flags}</numerusform>
            <numerusform>%n kriittistä huomiota avoinna: {flags}</numerusform>
        </translation>
    </message>
    <message>
        <source>protocol saved {day}</source>
        <translation>viestintäsuunnitelma tallennettu {day}</translation>
    </message>
    <message>
        <source>no tool chosen for: {purposes}</source>
        <translation>työkalua ei valittu: {purposes}</translation>
    </message>
    <message>
        <source>the student</source>
        <translation>opiskelija</translation>
    </message>
    <message>
        <source>the host mentor</source>
        <translation>vastaanottavan organisaation mentori</translation>
    </message>
    <message>
        <source>no final evaluation by {first} or {second}</source>
        <translation>loppuarviointi puuttuu: {first} ja {second}</translation>
    </message>
    <message>
        <source>no final evaluation by {who}</source>
        <translation>loppuarviointi puuttuu: {who}</translation>
    </message>
    <message>
        <source>final evaluations by the student and the host mentor, the last on {day}</source>
        <translation>opiskelijan ja mentorin loppuarvioinnit tehty, viimeisin {day}</translation>
    </message>
    <message>
        <source>not recorded yet: {missing}</source>
        <translation>ei vielä kirjattu: {missing}</translation>
    </message>
    <message>
        <source>questionnaire started, not completed yet</source>
        <translation>kysely aloitettu, ei vielä valmis</translation>
    </message>
    <message>
        <source>no questionnaire completed yet</source>
        <translation>yhtään kyselyä ei ole vielä täytetty</translation>
    </message>
    <message>
        <source>no communication protocol saved yet</source>
        <translation>viestintäsuunnitelmaa ei ole vielä tallennettu</translation>
    </message>
    <message>
        <source>no credits planned: the placement does not count toward the degree</source>
        <translation>opintopisteitä ei suunniteltu: harjoittelua ei lueta tutkintoon</translation>
    </message>
    <message>
        <source>“{question}” answered {answer}</source>
        <translation>”{question}” vastaus: {answer}</translation>
    </message>
    <message>
        <source>the company mentor</source>
        <translation>yrityksen mentori</translation>
    </message>
    <message>
        <source>the academic tutor</source>
        <translation>korkeakoulun ohjaaja</translation>
    </message>
    <message>
        <source>not tested with {who}</source>
        <translation>ei testattu: {who}</translation>
    </message>
    <message>
        <source>failed with {who}, no reason recorded</source>
        <translation>epäonnistui: {who}, syytä ei kirjattu</translation>
    </message>
    <message>
        <source>{tool}: {problems}</source>
        <translation>{tool}: {problems}</translation>
    </message>
    <message numerus="yes">
        <source>%n tool(s) tested with every actor</source>
        <translation>
            <numerusform>%n työkalu testattu kaikkien osapuolten kanssa</numerusform>
            <numerusform>%n työkalua testattu kaikkien osapuolten kanssa</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n failed test(s) accepted with a reason)</source>
        <translation>
            <numerusform>(%n epäonnistunut testi hyväksytty perustellusti)</numerusform>
            <numerusform>(%n epäonnistunutta testiä hyväksytty perustellusti)</numerusform>
        </translation>
    </message>
    <message>
        <source>, last on {day}</source>
        <translation>, viimeksi {day}</translation>
    </message>
    <message>
        <source>no agreement drafted yet</source>
        <translation>sopimusta ei ole vielä laadittu</translation>
    </message>
    <message>
        <source>no certificate drafted yet</source>
        <translation>harjoittelutodistusta ei ole vielä laadittu</translation>
    </message>
    <message>
        <source>agreement {number}</source>
        <translation>sopimus {number}</translation>
    </message>
    <message>
        <source>certificate</source>
        <translation>harjoittelutodistus</translation>
    </message>
    <message>
        <source>{document} signed and locked {day}</source>
        <translation>{document} allekirjoitettu ja lukittu {day}</translation>
    </message>
    <message>
        <source>the trainee</source>
        <translation>harjoittelija</translation>
    </message>
    <message>
        <source>the sending institution</source>
        <translation>lähettävä korkeakoulu</translation>
    </message>
    <message>
        <source>the receiving organisation</source>
        <translation>vastaanottava organisaatio</translation>
    </message>
    <message>
        <source>{document} declined by {who}</source>
        <translation>{document} hylätty: {who}</translation>
    </message>
    <message>
        <source>{document} out for signature; not signed yet by {who}</source>
        <translation>{document} allekirjoitettavana; allekirjoitus puuttuu: {who}</translation>
    </message>
    <message>
        <source>every party</source>
        <translation>kaikki osapuolet</translation>
    </message>
    <message>
        <source>{document} is a draft, not sent for signature yet</source>
        <translation>{document} on luonnos, ei vielä lähetetty allekirjoitettavaksi</translation>
    </message>
    <message>
        <source>no kick-off meeting logged yet</source>
        <translation>aloitustapaamista ei ole vielä kirjattu</translation>
    </message>
    <message>
        <source>kick-off meeting logged, on {day}</source>
        <translation>aloitustapaaminen kirjattu, {day}</translation>
    </message>
    <message numerus="yes">
        <source>%n kick-off meeting(s) logged, last on {day}</source>
        <translation>
            <numerusform>%n aloitustapaaminen kirjattu, viimeisin {day}</numerusform>
            <numerusform>%n aloitustapaamista kirjattu, viimeisin {day}</numerusform>
        </translation>
    </message>
    <message>
        <source>no mentor meeting logged yet</source>
        <translation>mentoritapaamista ei ole vielä kirjattu</translation>
    </message>
    <message>
        <source>mentor meeting logged, on {day}</source>
        <translation>mentoritapaaminen kirjattu, {day}</translation>
    </message>
    <message numerus="yes">
        <source>%n mentor meeting(s) logged, last on {day}</source>
        <translation>
            <numerusform>%n mentoritapaaminen kirjattu, viimeisin {day}</numerusform>
            <numerusform>%n mentoritapaamista kirjattu, viimeisin {day}</numerusform>
        </translation>
    </message>
    <message>
        <source>no coaching session logged yet</source>
        <translation>ohjauskeskustelua ei ole vielä kirjattu</translation>
    </message>
    <message>
        <source>coaching session logged, on {day}</source>
        <translation>ohjauskeskustelu kirjattu, {day}</translation>
    </message>
    <message numerus="yes">
        <source>%n coaching session(s) logged, last on {day}</source>
        <translation>
            <numerusform>%n ohjauskeskustelu kirjattu, viimeisin {day}</numerusform>
            <numerusform>%n ohjauskeskustelua kirjattu, viimeisin {day}</numerusform>
        </translation>
    </message>
    <message>
        <source>no peer feedback logged yet</source>
        <translation>vertaispalautetta ei ole vielä kirjattu</translation>
    </message>
    <message>
        <source>peer feedback logged, on {day}</source>
        <translation>vertaispalaute kirjattu, {day}</translation>
    </message>
    <message numerus="yes">
        <source>%n peer feedback entries logged, last on {day}</source>
        <translation>
            <numerusform>%n vertaispalaute kirjattu, viimeisin {day}</numerusform>
            <numerusform>%n vertaispalautetta kirjattu, viimeisin {day}</numerusform>
        </translation>
    </message>
    <message>
        <source>no reflection entry logged yet</source>
        <translation>reflektiota ei ole vielä kirjattu</translation>
    </message>
    <message>
        <source>reflection entry logged, on {day}</source>
        <translation>reflektio kirjattu, {day}</translation>
    </message>
    <message numerus="yes">
        <source>%n reflection entry(ies) logged, last on {day}</source>
        <translation>
            <numerusform>%n reflektio kirjattu, viimeisin {day}</numerusform>
            <numerusform>%n reflektiota kirjattu, viimeisin {day}</numerusform>
        </translation>
    </message>
    <message>
        <source>the credits awarded</source>
        <translation>myönnetyt opintopisteet</translation>
    </message>
    <message>
        <source>the grade</source>
        <translation>arvosana</translation>
    </message>
    <message>
        <source>the transcript date</source>
        <translation>opintosuoritusotteen päivämäärä</translation>
    </message>
    <message>
        <source>the learning outcomes achieved</source>
        <translation>saavutetut oppimistulokset</translation>
    </message>
    <message>
        <source>the certificate&apos;s receipt date</source>
        <translation>harjoittelutodistuksen saapumispäivä</translation>
    </message>
    <message>
        <source>{awarded} of {planned} credits recognised, grade {grade}</source>
        <translation>{awarded}/{planned} opintopistettä tunnustettu, arvosana {grade}</translation>
    </message>
    <message>
        <source>, transcript of {day}</source>
        <translation>, opintosuoritusote {day}</translation>
    </message>
    <message>
        <source>{tool}: failed with {who}</source>
        <translation>{tool}: testi epäonnistui ({who})</translation>
    </message>
    <message>
        <source>A meeting was expected by {day}; none logged since.</source>
        <translation>Tapaaminen odotettiin viimeistään {day}; sen jälkeen ei kirjattuja.</translation>
    </message>
    <message>
        <source>Planned end {day}; still ongoing.</source>
        <translation>Suunniteltu loppu {day}; yhä käynnissä.</translation>
    </message>
    <message>
        <source>Ended {day}.</source>
        <translation>Päättyi {day}.</translation>
    </message>
    <message>
        <source>Student selected; expectations of student, host and institution discussed</source>
        <translation>Opiskelija valittu; opiskelijan, vastaanottavan organisaation ja korkeakoulun odotukset käyty läpi</translation>
    </message>
    <message>
        <source>Student readiness checked: independence, motivation, digital skills, connectivity</source>
        <translation>Opiskelijan valmius tarkistettu: itsenäisyys, motivaatio, digitaidot, yhteydet</translation>
    </message>
    <message>
        <source>Host readiness checked: real tasks, mentor time, system access, security</source>
        <translation>Vastaanottavan organisaation valmius tarkistettu: todelliset tehtävät, mentorin aika, pääsy järjestelmiin, tietoturva</translation>
    </message>
    <message>
        <source>Institution readiness checked: learning outcomes, recognition, staff time</source>
        <translation>Korkeakoulun valmius tarkistettu: oppimistulokset, tunnustaminen, henkilöstön aika</translation>
    </message>
    <message>
        <source>Communication tools chosen and tested with every actor</source>
        <translation>Viestintätyökalut valittu ja testattu jokaisen osapuolen kanssa</translation>
    </message>
    <message>
        <source>Communication protocol agreed: availability, reporting, reply times, meetings</source>
        <translation>Viestintäsuunnitelma sovittu: tavoitettavuus, raportointi, vastausajat, tapaamiset</translation>
    </message>
    <message>
        <source>Agreement signed by student, institution and host</source>
        <translation>Sopimus opiskelijan, korkeakoulun ja vastaanottavan organisaation allekirjoittama</translation>
    </message>
    <message>
        <source>Preparatory training offered: cultural, linguistic, technical</source>
        <translation>Valmentavaa koulutusta tarjottu: kulttuurinen, kielellinen, tekninen</translation>
    </message>
    <message>
        <source>Helpdesk named for the student and for company staff</source>
        <translation>Yhteyspiste nimetty opiskelijalle ja yrityksen henkilöstölle</translation>
    </message>
    <message>
        <source>Accident and liability insurance arranged</source>
        <translation>Tapaturma- ja vastuuvakuutus järjestetty</translation>
    </message>
    <message>
        <source>Kick-off meeting held with student, mentor and tutor</source>
        <translation>Aloitustapaaminen pidetty opiskelijan, mentorin ja ohjaajan kanssa</translation>
    </message>
    <message>
        <source>Task mentoring running, with more than one co-worker involved</source>
        <translation>Tehtävien ohjaus käynnissä, mukana useampi kuin yksi työntekijä</translation>
    </message>
    <message>
        <source>Academic coaching and feedback sessions held</source>
        <translation>Akateemista valmennusta ja palautekeskusteluja pidetty</translation>
    </message>
    <message>
        <source>Peer feedback organised</source>
        <translation>Vertaispalaute järjestetty</translation>
    </message>
    <message>
        <source>Reflection kept by the student (blog or e-portfolio)</source>
        <translation>Opiskelija pitää reflektiota (blogi tai e-portfolio)</translation>
    </message>
    <message>
        <source>Any change of programme agreed as an amendment signed by all three</source>
        <translation>Jokainen ohjelman muutos sovittu kaikkien kolmen allekirjoittamana sopimusmuutoksena</translation>
    </message>
    <message>
        <source>Placement evaluated with the student and the host</source>
        <translation>Harjoittelu arvioitu opiskelijan ja vastaanottavan organisaation kanssa</translation>
    </message>
    <message>
        <source>Final assessment of the student done</source>
        <translation>Opiskelijan loppuarviointi tehty</translation>
    </message>
    <message>
        <source>Traineeship certificate issued by the host (within 5 weeks of the end)</source>
        <translation>Vastaanottava organisaatio antanut harjoittelutodistuksen (5 viikon kuluessa lopusta)</translation>
    </message>
    <message>
        <source>Credits recognised in the transcript</source>
        <translation>Opintopisteet tunnustettu opintosuoritusotteeseen</translation>
    </message>
    <message>
        <source>Collaboration and reflection records archived</source>
        <translation>Yhteistyön ja reflektion aineistot arkistoitu</translation>
    </message>
    <message>
        <source>Equally</source>
        <translation>Tasan</translation>
    </message>
    <message>
        <source>By funded days</source>
        <translation>Rahoitettujen päivien mukaan</translation>
    </message>
    <message>
        <source>By credits</source>
        <translation>Opintopisteiden mukaan</translation>
    </message>
    <message>
        <source>Typed in</source>
        <translation>Kirjoitettu</translation>
    </message>
    <message>
        <source>Returned PDF</source>
        <translation>Palautettu PDF</translation>
    </message>
    <message>
        <source>Coordinator</source>
        <translation>Koordinaattori</translation>
    </message>
    <message>
        <source>Learning agreement</source>
        <translation>Learning Agreement</translation>
    </message>
    <message>
        <source>Amendment</source>
        <translation>Sopimusmuutos</translation>
    </message>
    <message>
        <source>Out for signature</source>
        <translation>Allekirjoitettavana</translation>
    </message>
    <message>
        <source>Signed and locked</source>
        <translation>Allekirjoitettu ja lukittu</translation>
    </message>
    <message>
        <source>Superseded</source>
        <translation>Korvattu</translation>
    </message>
    <message>
        <source>Kick-off meeting</source>
        <translation>Aloitustapaaminen</translation>
    </message>
    <message>
        <source>Mentor meeting</source>
        <translation>Mentoritapaaminen</translation>
    </message>
    <message>
        <source>Tutor coaching</source>
        <translation>Ohjaajan ohjaus</translation>
    </message>
    <message>
        <source>Progress report</source>
        <translation>Edistymisraportti</translation>
    </message>
    <message>
        <source>Peer feedback</source>
        <translation>Vertaispalaute</translation>
    </message>
    <message>
        <source>Reflection entry</source>
        <translation>Reflektio</translation>
    </message>
    <message>
        <source>Well-being check</source>
        <translation>Hyvinvointikysely</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Poikkeama</translation>
    </message>
    <message>
        <source>Mid-term</source>
        <translation>Väliarviointi</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>Loppuarviointi</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Jonossa</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Ennen</translation>
    </message>
    <message>
        <source>During</source>
        <translation>Aikana</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Jälkeen</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Kesken</translation>
    </message>
    <message>
        <source>Digital signature</source>
        <translation>Digitaalinen allekirjoitus</translation>
    </message>
    <message>
        <source>Paper signature (scan attached)</source>
        <translation>Allekirjoitus paperilla (skannaus liitteenä)</translation>
    </message>
    <message>
        <source>Typed approval</source>
        <translation>Kirjoitettu hyväksyntä</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Odottaa</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Hylätty</translation>
    </message>
    <message>
        <source>ECTS grades (A–F)</source>
        <translation>ECTS-arvosanat (A–F)</translation>
    </message>
    <message>
        <source>Pass / fail</source>
        <translation>Hyväksytty / hylätty</translation>
    </message>
    <message>
        <source>German (1.0 best – 5.0)</source>
        <translation>Saksalainen (1,0 paras – 5,0)</translation>
    </message>
    <message>
        <source>Dutch (1 – 10 best)</source>
        <translation>Alankomaalainen (1 – 10 paras)</translation>
    </message>
    <message>
        <source>Italian (18 – 30 best)</source>
        <translation>Italialainen (18 – 30 paras)</translation>
    </message>
    <message>
        <source>Polish (2.0 – 5.0 best)</source>
        <translation>Puolalainen (2,0 – 5,0 paras)</translation>
    </message>
    <message>
        <source>Finnish (0 – 5 best)</source>
        <translation>Suomalainen (0 – 5 paras)</translation>
    </message>
    <message>
        <source>Danish 7-point (-3 – 12 best)</source>
        <translation>Tanskalainen 7-portainen (-3 – 12 paras)</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Yksikkö</translation>
    </message>
    <message>
        <source>Mentor: name</source>
        <translation>Mentori: nimi</translation>
    </message>
    <message>
        <source>Mentor: position</source>
        <translation>Mentori: tehtävä</translation>
    </message>
    <message>
        <source>Mentor: e-mail</source>
        <translation>Mentori: sähköposti</translation>
    </message>
    <message>
        <source>Financial support: amount per month</source>
        <translation>Taloudellinen tuki: määrä kuukaudessa</translation>
    </message>
    <message>
        <source>Contribution in kind</source>
        <translation>Luontoissuoritukset</translation>
    </message>
    <message>
        <source>Insurance by the receiving organisation</source>
        <translation>Vastaanottavan organisaation vakuutus</translation>
    </message>
    <message>
        <source>Tasks, deliverables and deadlines</source>
        <translation>Tehtävät, tuotokset ja määräajat</translation>
    </message>
    <message>
        <source>Host mentor</source>
        <translation>Yrityksen mentori</translation>
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
        <translation>Tänään · {day}</translation>
    </message>
    <message>
        <source>Yesterday · {day}</source>
        <translation>Eilen · {day}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>kyllä</translation>
    </message>
    <message>
        <source>no</source>
        <translation>ei</translation>
    </message>
    <message>
        <source>{n} hours</source>
        <translation>{n} tuntia</translation>
    </message>
    <message>
        <source>{n} minutes</source>
        <translation>{n} minuuttia</translation>
    </message>
    <message>
        <source>Physical</source>
        <translation>Fyysinen</translation>
    </message>
    <message>
        <source>Virtual</source>
        <translation>Virtuaalinen</translation>
    </message>
    <message>
        <source>learning agreement {number}</source>
        <translation>Learning Agreement {number}</translation>
    </message>
    <message>
        <source>amendment {number}</source>
        <translation>sopimusmuutos {number}</translation>
    </message>
    <message>
        <source>traineeship certificate {number}</source>
        <translation>harjoittelutodistus {number}</translation>
    </message>
    <message>
        <source>recognition</source>
        <translation>tunnustaminen</translation>
    </message>
    <message>
        <source>mid-term evaluation</source>
        <translation>väliarviointi</translation>
    </message>
    <message>
        <source>final evaluation</source>
        <translation>loppuarviointi</translation>
    </message>
    <message>
        <source>{entry} of {day}</source>
        <translation>{entry} {day}</translation>
    </message>
    <message>
        <source>the host organisation</source>
        <translation>vastaanottava organisaatio</translation>
    </message>
    <message>
        <source>Student readiness questionnaire</source>
        <translation>Opiskelijan valmiuskysely</translation>
    </message>
    <message>
        <source>Host organisation readiness questionnaire</source>
        <translation>Vastaanottavan organisaation valmiuskysely</translation>
    </message>
    <message>
        <source>Sending institution readiness questionnaire</source>
        <translation>Lähettävän korkeakoulun valmiuskysely</translation>
    </message>
    <message>
        <source>reopened as a draft</source>
        <translation>avattu uudelleen luonnokseksi</translation>
    </message>
    <message>
        <source>sent for signature</source>
        <translation>lähetetty allekirjoitettavaksi</translation>
    </message>
    <message>
        <source>signed by all three parties and locked</source>
        <translation>kaikkien kolmen osapuolen allekirjoittama ja lukittu</translation>
    </message>
    <message>
        <source>superseded by a newer version</source>
        <translation>korvattu uudemmalla versiolla</translation>
    </message>
    <message>
        <source>host organisation</source>
        <translation>vastaanottava organisaatio</translation>
    </message>
    <message>
        <source>sending institution</source>
        <translation>lähettävä korkeakoulu</translation>
    </message>
    <message>
        <source>company mentor</source>
        <translation>yrityksen mentori</translation>
    </message>
    <message>
        <source>academic tutor</source>
        <translation>korkeakoulun ohjaaja</translation>
    </message>
    <message>
        <source>shared cost</source>
        <translation>jaettu kulu</translation>
    </message>
    <message>
        <source>document</source>
        <translation>asiakirja</translation>
    </message>
    <message>
        <source>planned start</source>
        <translation>suunniteltu alku</translation>
    </message>
    <message>
        <source>planned end</source>
        <translation>suunniteltu loppu</translation>
    </message>
    <message>
        <source>hours per week</source>
        <translation>tunteja viikossa</translation>
    </message>
    <message>
        <source>reply time</source>
        <translation>vastausaika</translation>
    </message>
    <message>
        <source>meeting length</source>
        <translation>tapaamisen kesto</translation>
    </message>
    <message>
        <source>note on tools</source>
        <translation>työkaluja koskeva huomautus</translation>
    </message>
    <message>
        <source>ticked by</source>
        <translation>merkitsijä</translation>
    </message>
    <message>
        <source>ticked at</source>
        <translation>merkintäaika</translation>
    </message>
    <message>
        <source>signer</source>
        <translation>allekirjoittaja</translation>
    </message>
    <message>
        <source>signer&apos;s function</source>
        <translation>allekirjoittajan tehtävä</translation>
    </message>
    <message>
        <source>signer&apos;s e-mail</source>
        <translation>allekirjoittajan sähköposti</translation>
    </message>
    <message>
        <source>signing date</source>
        <translation>allekirjoituspäivä</translation>
    </message>
    <message>
        <source>tool</source>
        <translation>työkalu</translation>
    </message>
    <message>
        <source>test date</source>
        <translation>testipäivä</translation>
    </message>
    <message>
        <source>content fingerprint</source>
        <translation>sisällön tiiviste</translation>
    </message>
    <message>
        <source>fingerprint of the signed PDF</source>
        <translation>allekirjoitetun PDF:n tiiviste</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>signed PDF</source>
        <translation>allekirjoitettu PDF</translation>
    </message>
    <message>
        <source>signed and locked PDF</source>
        <translation>allekirjoitettu ja lukittu PDF</translation>
    </message>
    <message>
        <source>date</source>
        <translation>päivämäärä</translation>
    </message>
    <message>
        <source>questionnaire</source>
        <translation>kysely</translation>
    </message>
    <message>
        <source>work-list item</source>
        <translation>työlistan kohde</translation>
    </message>
    <message>
        <source>title</source>
        <translation>nimike</translation>
    </message>
    <message>
        <source>status</source>
        <translation>tila</translation>
    </message>
    <message>
        <source>mode</source>
        <translation>muoto</translation>
    </message>
    <message>
        <source>description</source>
        <translation>kuvaus</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>huomautukset</translation>
    </message>
    <message>
        <source>note</source>
        <translation>huomautus</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>syy</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>summa</translation>
    </message>
    <message>
        <source>currency</source>
        <translation>valuutta</translation>
    </message>
    <message>
        <source>category</source>
        <translation>luokka</translation>
    </message>
    <message>
        <source>state</source>
        <translation>tila</translation>
    </message>
    <message>
        <source>method</source>
        <translation>menetelmä</translation>
    </message>
    <message>
        <source>reporting</source>
        <translation>raportointi</translation>
    </message>
    <message>
        <source>meetings</source>
        <translation>tapaamiset</translation>
    </message>
    <message>
        <source>start</source>
        <translation>alku</translation>
    </message>
    <message>
        <source>end</source>
        <translation>loppu</translation>
    </message>
    <message>
        <source>until</source>
        <translation>torkutuksen päättymispäivä</translation>
    </message>
    <message>
        <source>grade</source>
        <translation>arvosana</translation>
    </message>
    <message>
        <source>credits awarded</source>
        <translation>myönnetyt opintopisteet</translation>
    </message>
    <message>
        <source>transcript date</source>
        <translation>opintosuoritusotteen päivämäärä</translation>
    </message>
    <message>
        <source>certificate received on</source>
        <translation>todistuksen vastaanottopäivä</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>kesto (minuuttia)</translation>
    </message>
    <message>
        <source>participants</source>
        <translation>osallistujat</translation>
    </message>
    <message>
        <source>concern</source>
        <translation>huolenaihe</translation>
    </message>
    <message>
        <source>resolved on</source>
        <translation>ratkaisupäivä</translation>
    </message>
    <message>
        <source>result</source>
        <translation>tulos</translation>
    </message>
    <message>
        <source>phase</source>
        <translation>vaihe</translation>
    </message>
    <message>
        <source>{reason} (open then: {overridden})</source>
        <translation>{reason} (tuolloin avoinna: {overridden})</translation>
    </message>
    <message>
        <source>Status changed from {before} to {after} past open checks</source>
        <translation>Tila muutettu arvosta {before} arvoon {after} avoimista kohdista huolimatta</translation>
    </message>
    <message>
        <source>{subject}: {change}</source>
        <translation>{subject}: {change}</translation>
    </message>
    <message>
        <source>{title}, {student} at {host}, {start} – {end}</source>
        <translation>{title}, {student}, {host}, {start} – {end}</translation>
    </message>
    <message>
        <source>{tool} with {actor}</source>
        <translation>{tool} ({actor})</translation>
    </message>
    <message>
        <source>{kind} period</source>
        <translation>{kind} jakso</translation>
    </message>
    <message>
        <source>Signature of {party} on {document}</source>
        <translation>Allekirjoitus ({party}, {document})</translation>
    </message>
    <message>
        <source>Tool for {purpose} changed from {before} to {after}</source>
        <translation>Työkalu tarkoitukseen {purpose} vaihdettu työkalusta {before} työkaluun {after}</translation>
    </message>
    <message>
        <source>Test of {subject} ({day}) recorded as {outcome}</source>
        <translation>Testin tulos ”{outcome}” kirjattu – {subject}, {day}</translation>
    </message>
    <message>
        <source>Cost {cost}</source>
        <translation>Kulu {cost}</translation>
    </message>
    <message>
        <source>Share of a shared cost</source>
        <translation>Osuus jaetusta kulusta</translation>
    </message>
    <message>
        <source>Snooze of a work-list item</source>
        <translation>Työlistan kohteen torkutus</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to}</source>
        <translation>Sähköposti ”{subject}” vastaanottajalle {to}</translation>
    </message>
    <message>
        <source>{subject} saved</source>
        <translation>{subject} tallennettu</translation>
    </message>
    <message>
        <source>Placement {reference} created</source>
        <translation>Harjoittelu {reference} luotu</translation>
    </message>
    <message>
        <source>Placement {reference} deleted</source>
        <translation>Harjoittelu {reference} poistettu</translation>
    </message>
    <message>
        <source>{item} ticked</source>
        <translation>Kohta {item} merkitty tehdyksi</translation>
    </message>
    <message>
        <source>{item} unticked</source>
        <translation>Merkintä poistettu kohdasta {item}</translation>
    </message>
    <message>
        <source>Note on {item} changed</source>
        <translation>Kohdan {item} huomautus muutettu</translation>
    </message>
    <message>
        <source>{kind} period added: {start} – {end}</source>
        <translation>{kind} jakso lisätty: {start} – {end}</translation>
    </message>
    <message>
        <source>{kind} period removed</source>
        <translation>{kind} jakso poistettu</translation>
    </message>
    <message>
        <source>{document} drafted</source>
        <translation>{document} luonnosteltu</translation>
    </message>
    <message>
        <source>{document} deleted</source>
        <translation>{document} poistettu</translation>
    </message>
    <message>
        <source>{document} {state}</source>
        <translation>{document} {state}</translation>
    </message>
    <message>
        <source>{document} edited</source>
        <translation>{document} muokattu</translation>
    </message>
    <message>
        <source>Signed PDF of {document} updated</source>
        <translation>{document}: allekirjoitettu PDF päivitetty</translation>
    </message>
    <message>
        <source>{document} checked and frozen for sending</source>
        <translation>{document} tarkistettu ja jäädytetty lähetystä varten</translation>
    </message>
    <message>
        <source>Note on {document} changed</source>
        <translation>{document}: huomautus muutettu</translation>
    </message>
    <message>
        <source>Signature of {party} awaited on {document}</source>
        <translation>Allekirjoitusta odotetaan ({party}, {document})</translation>
    </message>
    <message>
        <source>Signature of {party} on {document} removed</source>
        <translation>Allekirjoitus poistettu ({party}, {document})</translation>
    </message>
    <message>
        <source>{how} from {signer}</source>
        <translation>{how}, allekirjoittaja {signer}</translation>
    </message>
    <message>
        <source>{how}, dated {day}</source>
        <translation>{how}, päivätty {day}</translation>
    </message>
    <message>
        <source>Signature of {party} on {document} recorded ({how})</source>
        <translation>Allekirjoitus kirjattu ({party}, {document}; {how})</translation>
    </message>
    <message>
        <source>{party}&apos;s refusal to sign {document} recorded</source>
        <translation>Kieltäytyminen allekirjoittamasta kirjattu ({party}, {document})</translation>
    </message>
    <message>
        <source>Signature of {party} on {document} reset: signing starts over</source>
        <translation>Allekirjoitus nollattu ({party}, {document}): allekirjoittaminen alkaa alusta</translation>
    </message>
    <message>
        <source>Note on the signature of {party} on {document} changed</source>
        <translation>Allekirjoituksen huomautus muutettu ({party}, {document})</translation>
    </message>
    <message>
        <source>{questionnaire} started</source>
        <translation>{questionnaire} aloitettu</translation>
    </message>
    <message>
        <source>{questionnaire} started with {respondent}</source>
        <translation>{questionnaire} aloitettu, vastaaja {respondent}</translation>
    </message>
    <message>
        <source>{questionnaire} discarded before it was completed</source>
        <translation>{questionnaire} hylätty ennen kuin se valmistui</translation>
    </message>
    <message>
        <source>{questionnaire} completed</source>
        <translation>{questionnaire} täytetty</translation>
    </message>
    <message>
        <source>Communication protocol saved</source>
        <translation>Viestintäsuunnitelma tallennettu</translation>
    </message>
    <message>
        <source>Communication protocol removed</source>
        <translation>Viestintäsuunnitelma poistettu</translation>
    </message>
    <message>
        <source>{tool} chosen for {purpose}</source>
        <translation>{tool} valittu tarkoitukseen {purpose}</translation>
    </message>
    <message>
        <source>Tool for {purpose} removed</source>
        <translation>Työkalu tarkoitukseen {purpose} poistettu</translation>
    </message>
    <message>
        <source>Test of {subject} removed</source>
        <translation>Testi poistettu – {subject}</translation>
    </message>
    <message>
        <source>Test of {subject}</source>
        <translation>Testi – {subject}</translation>
    </message>
    <message>
        <source>Note on the test of {subject} changed</source>
        <translation>Testin huomautus muutettu – {subject}</translation>
    </message>
    <message>
        <source>Test of {subject} marked as not yet done</source>
        <translation>Testi merkitty vielä tekemättömäksi – {subject}</translation>
    </message>
    <message>
        <source>Test of {subject} recorded as {outcome}</source>
        <translation>Testin tulos ”{outcome}” kirjattu – {subject}</translation>
    </message>
    <message>
        <source>Cost {cost} added: {amount}</source>
        <translation>Kulu {cost} lisätty: {amount}</translation>
    </message>
    <message>
        <source>Cost {cost} removed</source>
        <translation>Kulu {cost} poistettu</translation>
    </message>
    <message>
        <source>Shared cost {cost} now shared with this placement</source>
        <translation>Jaettu kulu {cost} jaetaan nyt myös tälle harjoittelulle</translation>
    </message>
    <message>
        <source>This placement no longer shares a shared cost</source>
        <translation>Tämä harjoittelu ei enää osallistu jaettuun kuluun</translation>
    </message>
    <message>
        <source>Work-list item {item} snoozed until {until}</source>
        <translation>Työlistan kohde {item} torkutettu {until} asti</translation>
    </message>
    <message>
        <source>A work-list item is no longer snoozed</source>
        <translation>Työlistan kohde ei ole enää torkutettu</translation>
    </message>
    <message>
        <source>{what} recorded</source>
        <translation>{what} kirjattu</translation>
    </message>
    <message>
        <source>{what} removed</source>
        <translation>{what} poistettu</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} queued</source>
        <translation>Sähköposti ”{subject}” vastaanottajalle {to} lisätty jonoon</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} removed from the outbox</source>
        <translation>Sähköposti ”{subject}” vastaanottajalle {to} poistettu Lähtevistä</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} sent</source>
        <translation>Sähköposti ”{subject}” vastaanottajalle {to} lähetetty</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} could not be sent</source>
        <translation>Sähköpostin ”{subject}” lähetys vastaanottajalle {to} epäonnistui</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} cancelled</source>
        <translation>Sähköposti ”{subject}” vastaanottajalle {to} peruttu</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} queued again</source>
        <translation>Sähköposti ”{subject}” vastaanottajalle {to} lisätty uudelleen jonoon</translation>
    </message>
    <message>
        <source>Placement saved</source>
        <translation>Harjoittelu tallennettu</translation>
    </message>
    <message>
        <source>{field} replaced</source>
        <translation>{field} korvattu</translation>
    </message>
    <message>
        <source>{field} added</source>
        <translation>{field} lisätty</translation>
    </message>
    <message>
        <source>{field} set to {after}</source>
        <translation>{field} asetettu arvoon {after}</translation>
    </message>
    <message>
        <source>{field} cleared (was {before})</source>
        <translation>{field} tyhjennetty (oli {before})</translation>
    </message>
    <message>
        <source>{field} changed from {before} to {after}</source>
        <translation>{field} muutettu arvosta {before} arvoon {after}</translation>
    </message>
    <message>
        <source>{kind} version {number}</source>
        <translation>{kind}, versio {number}</translation>
    </message>
    <message>
        <source>Import &amp;students…</source>
        <translation>Tuo &amp;opiskelijat…</translation>
    </message>
    <message>
        <source>&amp;Students…</source>
        <translation>&amp;Opiskelijat…</translation>
    </message>
    <message>
        <source>Import students</source>
        <translation>Tuo opiskelijat</translation>
    </message>
    <message>
        <source>Import students from</source>
        <translation>Tuo opiskelijat tiedostosta</translation>
    </message>
    <message>
        <source>Save the students import template</source>
        <translation>Tallenna tuontipohja: opiskelijat</translation>
    </message>
    <message>
        <source>Saved the students template to {path}.</source>
        <translation>Tuontipohja (opiskelijat) tallennettu: {path}.</translation>
    </message>
    <message>
        <source>Importing students</source>
        <translation>Tuodaan: opiskelijat</translation>
    </message>
    <message>
        <source>Choose an Excel (.xlsx) or CSV file with one row per student. You see what vipdesk understood before anything is imported; if any row has a problem, nothing is. Rows already in vipdesk are skipped.</source>
        <translation>Valitse Excel- (.xlsx) tai CSV-tiedosto, jossa on yksi rivi kutakin kohdetta kohden (opiskelija). Näet, miten vipdesk tulkitsi tiedot, ennen kuin mitään tuodaan; jos jollakin rivillä on ongelma, mitään ei tuoda. vipdeskissä jo olevat rivit ohitetaan.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln student(s).</source>
        <translation>
            <numerusform>%Ln opiskelija tuotu.</numerusform>
            <numerusform>%Ln opiskelijaa tuotu.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new student(s)</source>
        <translation>
            <numerusform>%Ln uusi opiskelija</numerusform>
            <numerusform>%Ln uutta opiskelijaa</numerusform>
        </translation>
    </message>
    <message>
        <source>Import &amp;organisations…</source>
        <translation>Tuo o&amp;rganisaatiot…</translation>
    </message>
    <message>
        <source>&amp;Organisations…</source>
        <translation>&amp;Organisaatiot…</translation>
    </message>
    <message>
        <source>Import organisations</source>
        <translation>Tuo organisaatiot</translation>
    </message>
    <message>
        <source>Import organisations from</source>
        <translation>Tuo organisaatiot tiedostosta</translation>
    </message>
    <message>
        <source>Save the organisations import template</source>
        <translation>Tallenna tuontipohja: organisaatiot</translation>
    </message>
    <message>
        <source>Saved the organisations template to {path}.</source>
        <translation>Tuontipohja (organisaatiot) tallennettu: {path}.</translation>
    </message>
    <message>
        <source>Importing organisations</source>
        <translation>Tuodaan: organisaatiot</translation>
    </message>
    <message>
        <source>Choose an Excel (.xlsx) or CSV file with one row per organisation. You see what vipdesk understood before anything is imported; if any row has a problem, nothing is. Rows already in vipdesk are skipped.</source>
        <translation>Valitse Excel- (.xlsx) tai CSV-tiedosto, jossa on yksi rivi kutakin kohdetta kohden (organisaatio). Näet, miten vipdesk tulkitsi tiedot, ennen kuin mitään tuodaan; jos jollakin rivillä on ongelma, mitään ei tuoda. vipdeskissä jo olevat rivit ohitetaan.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln organisation(s).</source>
        <translation>
            <numerusform>%Ln organisaatio tuotu.</numerusform>
            <numerusform>%Ln organisaatiota tuotu.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new organisation(s)</source>
        <translation>
            <numerusform>%Ln uusi organisaatio</numerusform>
            <numerusform>%Ln uutta organisaatiota</numerusform>
        </translation>
    </message>
    <message>
        <source>Import &amp;placements…</source>
        <translation>Tuo &amp;harjoittelut…</translation>
    </message>
    <message>
        <source>&amp;Placements…</source>
        <translation>&amp;Harjoittelut…</translation>
    </message>
    <message>
        <source>Import placements</source>
        <translation>Tuo harjoittelut</translation>
    </message>
    <message>
        <source>Import placements from</source>
        <translation>Tuo harjoittelut tiedostosta</translation>
    </message>
    <message>
        <source>Save the placements import template</source>
        <translation>Tallenna tuontipohja: harjoittelut</translation>
    </message>
    <message>
        <source>Saved the placements template to {path}.</source>
        <translation>Tuontipohja (harjoittelut) tallennettu: {path}.</translation>
    </message>
    <message>
        <source>Importing placements</source>
        <translation>Tuodaan: harjoittelut</translation>
    </message>
    <message>
        <source>Choose an Excel (.xlsx) or CSV file with one row per placement. You see what vipdesk understood before anything is imported; if any row has a problem, nothing is. Rows already in vipdesk are skipped.</source>
        <translation>Valitse Excel- (.xlsx) tai CSV-tiedosto, jossa on yksi rivi kutakin kohdetta kohden (harjoittelu). Näet, miten vipdesk tulkitsi tiedot, ennen kuin mitään tuodaan; jos jollakin rivillä on ongelma, mitään ei tuoda. vipdeskissä jo olevat rivit ohitetaan.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln placement(s).</source>
        <translation>
            <numerusform>%Ln harjoittelu tuotu.</numerusform>
            <numerusform>%Ln harjoittelua tuotu.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new placement(s)</source>
        <translation>
            <numerusform>%Ln uusi harjoittelu</numerusform>
            <numerusform>%Ln uutta harjoittelua</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln already exist(s) — skipped</source>
        <translation>
            <numerusform>%Ln on jo olemassa — ohitettu</numerusform>
            <numerusform>%Ln on jo olemassa — ohitettu</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln with problems</source>
        <translation>
            <numerusform>%Ln, joissa on ongelmia</numerusform>
            <numerusform>%Ln, joissa on ongelmia</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose the student, or create a new one.</source>
        <translation>Valitse opiskelija tai luo uusi.</translation>
    </message>
    <message>
        <source>Choose the host organisation, or create a new one.</source>
        <translation>Valitse vastaanottava organisaatio tai luo uusi.</translation>
    </message>
    <message>
        <source>Choose the sending institution.</source>
        <translation>Valitse lähettävä korkeakoulu.</translation>
    </message>
    <message>
        <source>Give the placement a title, e.g. &apos;Market research assistant&apos;.</source>
        <translation>Anna harjoittelulle otsikko, esim. ”Markkinatutkimusassistentti”.</translation>
    </message>
    <message>
        <source>The title is longer than 200 characters.</source>
        <translation>Otsikko on yli 200 merkkiä pitkä.</translation>
    </message>
    <message>
        <source>The description is longer than {limit} characters.</source>
        <translation>Kuvaus on yli {limit} merkkiä pitkä.</translation>
    </message>
    <message>
        <source>&apos;{code}&apos; is not an ISO 4217 code.</source>
        <translation>&apos;{code}&apos; ei ole ISO 4217 -koodi.</translation>
    </message>
    <message>
        <source>&apos;{code}&apos; is not an ISO 4217 currency code (e.g. EUR).</source>
        <translation>&apos;{code}&apos; ei ole ISO 4217 -valuuttakoodi (esim. EUR).</translation>
    </message>
    <message>
        <source>&apos;{code}&apos; is not an ISO 4217 currency.</source>
        <translation>&apos;{code}&apos; ei ole ISO 4217 -valuutta.</translation>
    </message>
    <message>
        <source>A cost is either for one placement or shared, not both.</source>
        <translation>Kulu kuuluu joko yhdelle harjoittelulle tai jaetaan, ei molempia.</translation>
    </message>
    <message>
        <source>A placement chosen no longer exists.</source>
        <translation>Valittua harjoittelua ei ole enää olemassa.</translation>
    </message>
    <message>
        <source>A rate must be more than zero.</source>
        <translation>Kurssin on oltava suurempi kuin nolla.</translation>
    </message>
    <message>
        <source>A share cannot be negative.</source>
        <translation>Osuus ei voi olla negatiivinen.</translation>
    </message>
    <message>
        <source>Another funding source has this name.</source>
        <translation>Toisella rahoituslähteellä on tämä nimi.</translation>
    </message>
    <message>
        <source>Choose the placement, or the placements or year to share among.</source>
        <translation>Valitse harjoittelu tai harjoittelut tai vuosi, joiden kesken jaetaan.</translation>
    </message>
    <message>
        <source>Describe the cost, e.g. &apos;Laptop for the student&apos;.</source>
        <translation>Kuvaile kulu, esim. &apos;Kannettava tietokone opiskelijalle&apos;.</translation>
    </message>
    <message>
        <source>Enter the amount (or, for staff time, the hours and hourly rate).</source>
        <translation>Anna summa (tai henkilöstön työajalle tunnit ja tuntihinta).</translation>
    </message>
    <message>
        <source>Enter the amount awarded.</source>
        <translation>Anna myönnetty summa.</translation>
    </message>
    <message>
        <source>Enter the amount to the cent (two decimals at most).</source>
        <translation>Anna summa sentin tarkkuudella (enintään kaksi desimaalia).</translation>
    </message>
    <message>
        <source>Enter the date of the cost (it chooses the exchange rate).</source>
        <translation>Anna kulun päivämäärä (se määrää vaihtokurssin).</translation>
    </message>
    <message>
        <source>Enter the first day the source pays for.</source>
        <translation>Anna ensimmäinen päivä, jonka lähde maksaa.</translation>
    </message>
    <message>
        <source>Enter the last day the source pays for.</source>
        <translation>Anna viimeinen päivä, jonka lähde maksaa.</translation>
    </message>
    <message>
        <source>Every share is zero, so the cost cannot be split this way.</source>
        <translation>Jokainen osuus on nolla, joten kulua ei voi jakaa näin.</translation>
    </message>
    <message>
        <source>Hours cannot be negative.</source>
        <translation>Tunnit eivät voi olla negatiivisia.</translation>
    </message>
    <message>
        <source>Line {line}: &apos;{code}&apos; is not an ISO 4217 code.</source>
        <translation>Rivi {line}: &apos;{code}&apos; ei ole ISO 4217 -koodi.</translation>
    </message>
    <message>
        <source>Line {line}: a rate must be more than zero.</source>
        <translation>Rivi {line}: kurssin on oltava suurempi kuin nolla.</translation>
    </message>
    <message>
        <source>Line {line}: expected date,currency,rate.</source>
        <translation>Rivi {line}: odotettiin date,currency,rate.</translation>
    </message>
    <message>
        <source>Line {line}: write the date as YYYY-MM-DD and the rate as 1.0825.</source>
        <translation>Rivi {line}: kirjoita päivämäärä muodossa VVVV-KK-PP ja kurssi muodossa 1.0825.</translation>
    </message>
    <message>
        <source>Name the funding source, e.g. &apos;Erasmus+ KA131 2024&apos;.</source>
        <translation>Nimeä rahoituslähde, esim. &apos;Erasmus+ KA131 2024&apos;.</translation>
    </message>
    <message>
        <source>Share among the placements listed or among a year, not both.</source>
        <translation>Jaa luetelluille harjoitteluille tai vuoden kesken, ei molempia.</translation>
    </message>
    <message>
        <source>The amount awarded cannot be negative.</source>
        <translation>Myönnetty summa ei voi olla negatiivinen.</translation>
    </message>
    <message>
        <source>The amount cannot be negative; enter a refund as its own note.</source>
        <translation>Summa ei voi olla negatiivinen; kirjaa palautus omaksi merkinnäkseen.</translation>
    </message>
    <message>
        <source>The description is longer than 200 characters.</source>
        <translation>Kuvaus on yli 200 merkkiä pitkä.</translation>
    </message>
    <message>
        <source>The hourly rate cannot be negative.</source>
        <translation>Tuntihinta ei voi olla negatiivinen.</translation>
    </message>
    <message>
        <source>The invoice reference is longer than {limit} characters.</source>
        <translation>Laskun viite on yli {limit} merkkiä pitkä.</translation>
    </message>
    <message>
        <source>The name is longer than 200 characters.</source>
        <translation>Nimi on yli 200 merkkiä pitkä.</translation>
    </message>
    <message>
        <source>The notes are longer than {limit} characters.</source>
        <translation>Muistiinpanot ovat yli {limit} merkkiä pitkiä.</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>Jakso päättyy ennen kuin se alkaa.</translation>
    </message>
    <message>
        <source>The reference is longer than {limit} characters.</source>
        <translation>Tunnus on yli {limit} merkkiä pitkä.</translation>
    </message>
    <message>
        <source>There is no exchange rate for {currency} on or before {day} (against {base}). Enter one, or import them from a CSV file.</source>
        <translation>Valuutalle {currency} ei ole vaihtokurssia päivänä {day} tai sitä ennen (suhteessa valuuttaan {base}). Syötä kurssi tai tuo kurssit CSV-tiedostosta.</translation>
    </message>
    <message>
        <source>There is no grant to record: no physical days are funded.</source>
        <translation>Kirjattavaa apurahaa ei ole: fyysisiä päiviä ei rahoiteta.</translation>
    </message>
    <message>
        <source>There is nobody to share this cost among.</source>
        <translation>Ei ole ketään, kenen kesken tämän kulun voisi jakaa.</translation>
    </message>
    <message>
        <source>This cost item no longer exists.</source>
        <translation>Tätä kulua ei ole enää olemassa.</translation>
    </message>
    <message>
        <source>This funding source no longer exists.</source>
        <translation>Tätä rahoituslähdettä ei ole enää olemassa.</translation>
    </message>
    <message>
        <source>This rate of {currency} for {day} was changed after you opened it.</source>
        <translation>Tätä valuutan {currency} kurssia päivälle {day} muutettiin sen jälkeen, kun avasit sen.</translation>
    </message>
    <message>
        <source>{amount} has more than two decimals; enter it to the cent.</source>
        <translation>Luvussa {amount} on yli kaksi desimaalia; anna se sentin tarkkuudella.</translation>
    </message>
    <message>
        <source>{category}: enter a budget of zero or more, to the cent.</source>
        <translation>{category}: anna budjetti, joka on nolla tai enemmän, sentin tarkkuudella.</translation>
    </message>
    <message>
        <source>{cost} ({day}): {problem}</source>
        <translation>{cost} ({day}): {problem}</translation>
    </message>
    <message>
        <source>{day} is outside the period of {source} ({start} to {end}).</source>
        <translation>{day} on lähteen {source} jakson ulkopuolella ({start}–{end}).</translation>
    </message>
    <message>
        <source>{source} pays for cost items; move or delete them first.</source>
        <translation>{source} maksaa kuluja; siirrä tai poista ne ensin.</translation>
    </message>
    <message>
        <source>{source}: {cost}: {problem}</source>
        <translation>{source}: {cost}: {problem}</translation>
    </message>
    <message>
        <source>Enter the planned start date.</source>
        <translation>Anna suunniteltu alkamispäivä.</translation>
    </message>
    <message>
        <source>Enter the planned end date.</source>
        <translation>Anna suunniteltu päättymispäivä.</translation>
    </message>
    <message>
        <source>The end ({end}) is before the start ({start}).</source>
        <translation>Loppu ({end}) on ennen alkua ({start}).</translation>
    </message>
    <message>
        <source>Enter the hours per week (1 to 60).</source>
        <translation>Anna viikkotunnit (1–60).</translation>
    </message>
    <message>
        <source>Hours per week must be between 1 and 60.</source>
        <translation>Viikkotuntien on oltava välillä 1–60.</translation>
    </message>
    <message>
        <source>ECTS credits must be between 0 and 60.</source>
        <translation>Opintopisteiden on oltava välillä 0–60.</translation>
    </message>
    <message>
        <source>ECTS credits take at most one decimal, e.g. 7.5.</source>
        <translation>Opintopisteissä voi olla enintään yksi desimaali, esim. 7,5.</translation>
    </message>
    <message>
        <source>A blended placement needs at least one physical and one virtual period.</source>
        <translation>Monimuotoharjoittelussa on oltava vähintään yksi fyysinen ja yksi virtuaalinen jakso.</translation>
    </message>
    <message>
        <source>Period {n} needs a start and an end date.</source>
        <translation>Jaksolle {n} tarvitaan alkamis- ja päättymispäivä.</translation>
    </message>
    <message>
        <source>Period {n} ends before it starts.</source>
        <translation>Jakso {n} päättyy ennen kuin se alkaa.</translation>
    </message>
    <message>
        <source>Period {n} lies outside the planned start and end.</source>
        <translation>Jakso {n} on suunnitellun alun ja lopun ulkopuolella.</translation>
    </message>
    <message>
        <source>Periods {a} and {b} overlap.</source>
        <translation>Jaksot {a} ja {b} menevät päällekkäin.</translation>
    </message>
    <message>
        <source>The chosen student was deleted.</source>
        <translation>Valittu opiskelija on poistettu.</translation>
    </message>
    <message>
        <source>The chosen host organisation was deleted.</source>
        <translation>Valittu vastaanottava organisaatio on poistettu.</translation>
    </message>
    <message>
        <source>The chosen sending institution was deleted.</source>
        <translation>Valittu lähettävä korkeakoulu on poistettu.</translation>
    </message>
    <message>
        <source>The chosen mentor was deleted.</source>
        <translation>Valittu mentori on poistettu.</translation>
    </message>
    <message>
        <source>The mentor must work at the host organisation.</source>
        <translation>Mentorin on työskenneltävä vastaanottavassa organisaatiossa.</translation>
    </message>
    <message>
        <source>The chosen tutor was deleted.</source>
        <translation>Valittu ohjaaja on poistettu.</translation>
    </message>
    <message>
        <source>The academic tutor must work at an institution.</source>
        <translation>Korkeakoulun ohjaajan on työskenneltävä korkeakoulussa.</translation>
    </message>
    <message>
        <source>Another coordinator took the same reference just now: save again.</source>
        <translation>Toinen koordinaattori otti juuri saman tunnisteen: tallenna uudelleen.</translation>
    </message>
    <message>
        <source>The end is before the start.</source>
        <translation>Loppu on ennen alkua.</translation>
    </message>
    <message>
        <source>This placement no longer exists: someone may have deleted it.</source>
        <translation>Tätä harjoittelua ei ole enää olemassa: joku on ehkä poistanut sen.</translation>
    </message>
    <message>
        <source>This placement was deleted by someone else; your edits were not saved.</source>
        <translation>Joku muu poisti tämän harjoittelun; muutoksiasi ei tallennettu.</translation>
    </message>
    <message>
        <source>The database refused the change: {reason}</source>
        <translation>Tietokanta hylkäsi muutoksen: {reason}</translation>
    </message>
    <message>
        <source>A placement cannot go from &apos;{current}&apos; to &apos;{target}&apos;.</source>
        <translation>Harjoittelu ei voi siirtyä tilasta &apos;{current}&apos; tilaan &apos;{target}&apos;.</translation>
    </message>
    <message>
        <source>Say why the placement moves anyway.</source>
        <translation>Kerro, miksi harjoittelu siirtyy silti eteenpäin.</translation>
    </message>
    <message>
        <source>Only an office lead can move a placement past open checks.</source>
        <translation>Vain toimiston vastaava voi siirtää harjoittelun avointen tarkistusten ohi.</translation>
    </message>
    <message>
        <source>There is no checklist item &apos;{key}&apos;.</source>
        <translation>Tarkistuslistalla ei ole kohtaa &apos;{key}&apos;.</translation>
    </message>
    <message>
        <source>“{item}” follows from vipdesk&apos;s records; to tick it by hand, say why (e.g. “done outside vipdesk: paper questionnaire”).</source>
        <translation>”{item}” seuraa vipdeskin tiedoista; jos merkitset sen käsin, kerro miksi (esim. ”tehty vipdeskin ulkopuolella: paperikysely”).</translation>
    </message>
    <message>
        <source>A login name cannot contain a comma.</source>
        <translation>Käyttäjätunnuksessa ei voi olla pilkkua.</translation>
    </message>
    <message>
        <source>The list of office leads is longer than {limit} characters.</source>
        <translation>Toimiston vastaavien luettelo on yli {limit} merkkiä pitkä.</translation>
    </message>
    <message>
        <source>Only an office lead can change who the office leads are.</source>
        <translation>Vain toimiston vastaava voi muuttaa, ketkä ovat vastaavia.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not an e-mail address; it should look like name@uni.eu.</source>
        <translation>&apos;{value}&apos; ei ole sähköpostiosoite; sen pitäisi näyttää tältä: nimi@uni.eu.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a country code; choose a country from the list.</source>
        <translation>&apos;{value}&apos; ei ole maakoodi; valitse maa luettelosta.</translation>
    </message>
    <message>
        <source>Choose the time zone, e.g. Europe/Warsaw.</source>
        <translation>Valitse aikavyöhyke, esim. Europe/Warsaw.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a time zone; choose one from the list.</source>
        <translation>&apos;{value}&apos; ei ole aikavyöhyke; valitse aikavyöhyke luettelosta.</translation>
    </message>
    <message>
        <source>The website address is longer than 300 characters.</source>
        <translation>Verkkosivuston osoite on yli 300 merkkiä pitkä.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; does not look like a web address, e.g. https://acme.eu.</source>
        <translation>&apos;{value}&apos; ei näytä verkko-osoitteelta, esim. https://acme.eu.</translation>
    </message>
    <message>
        <source>Enter the given name.</source>
        <translation>Anna etunimi.</translation>
    </message>
    <message>
        <source>The given name is longer than {limit} characters.</source>
        <translation>Etunimi on yli {limit} merkkiä pitkä.</translation>
    </message>
    <message>
        <source>Enter the family name.</source>
        <translation>Anna sukunimi.</translation>
    </message>
    <message>
        <source>The family name is longer than {limit} characters.</source>
        <translation>Sukunimi on yli {limit} merkkiä pitkä.</translation>
    </message>
    <message>
        <source>Enter the student&apos;s e-mail address.</source>
        <translation>Anna opiskelijan sähköpostiosoite.</translation>
    </message>
    <message>
        <source>The student number is longer than {limit} characters.</source>
        <translation>Opiskelijanumero on yli {limit} merkkiä pitkä.</translation>
    </message>
    <message>
        <source>The date of birth is in the future.</source>
        <translation>Syntymäaika on tulevaisuudessa.</translation>
    </message>
    <message>
        <source>A student must be at least {age}; check the year ({year}).</source>
        <translation>Opiskelijan on oltava vähintään {age}-vuotias; tarkista vuosi ({year}).</translation>
    </message>
    <message>
        <source>Another contact already uses this e-mail.</source>
        <translation>Toinen yhteyshenkilö käyttää jo tätä sähköpostiosoitetta.</translation>
    </message>
    <message>
        <source>Another institution already has this name ({name}).</source>
        <translation>Toisella korkeakoululla on jo tämä nimi ({name}).</translation>
    </message>
    <message>
        <source>Another institution already has this name.</source>
        <translation>Toisella korkeakoululla on jo tämä nimi.</translation>
    </message>
    <message>
        <source>Another organisation already has this name ({name}).</source>
        <translation>Toisella organisaatiolla on jo tämä nimi ({name}).</translation>
    </message>
    <message>
        <source>Another organisation in this country already has this name.</source>
        <translation>Toisella organisaatiolla tässä maassa on jo tämä nimi.</translation>
    </message>
    <message>
        <source>Another organisation in {country} already has this name ({name}).</source>
        <translation>Toisella organisaatiolla maassa {country} on jo tämä nimi ({name}).</translation>
    </message>
    <message>
        <source>Born in {year}? Check the year.</source>
        <translation>Syntymävuosi {year}? Tarkista vuosi.</translation>
    </message>
    <message>
        <source>Choose the country.</source>
        <translation>Valitse maa.</translation>
    </message>
    <message>
        <source>Choose where this person works: either a host organisation or an institution.</source>
        <translation>Valitse, missä henkilö työskentelee: joko vastaanottavassa organisaatiossa tai korkeakoulussa.</translation>
    </message>
    <message>
        <source>Enter the contact&apos;s e-mail address.</source>
        <translation>Kirjoita yhteyshenkilön sähköpostiosoite.</translation>
    </message>
    <message>
        <source>Enter the contact&apos;s name.</source>
        <translation>Kirjoita yhteyshenkilön nimi.</translation>
    </message>
    <message>
        <source>Enter the institution&apos;s name.</source>
        <translation>Kirjoita korkeakoulun nimi.</translation>
    </message>
    <message>
        <source>Enter the organisation&apos;s name.</source>
        <translation>Kirjoita organisaation nimi.</translation>
    </message>
    <message>
        <source>The Erasmus code is longer than {limit} characters.</source>
        <translation>Erasmus-koodi on yli {limit} merkkiä pitkä.</translation>
    </message>
    <message>
        <source>The address is longer than {limit} characters.</source>
        <translation>Osoite on yli {limit} merkkiä pitkä.</translation>
    </message>
    <message>
        <source>The city is longer than {limit} characters.</source>
        <translation>Kaupunki on yli {limit} merkkiä pitkä.</translation>
    </message>
    <message>
        <source>The faculty is longer than {limit} characters.</source>
        <translation>Tiedekunta on yli {limit} merkkiä pitkä.</translation>
    </message>
    <message>
        <source>The name is longer than {limit} characters.</source>
        <translation>Nimi on yli {limit} merkkiä pitkä.</translation>
    </message>
    <message>
        <source>The phone number is longer than {limit} characters.</source>
        <translation>Puhelinnumero on yli {limit} merkkiä pitkä.</translation>
    </message>
    <message>
        <source>The position is longer than {limit} characters.</source>
        <translation>Tehtävänimike on yli {limit} merkkiä pitkä.</translation>
    </message>
    <message>
        <source>The postcode is longer than {limit} characters.</source>
        <translation>Postinumero on yli {limit} merkkiä pitkä.</translation>
    </message>
    <message>
        <source>The sector is longer than {limit} characters.</source>
        <translation>Toimiala on yli {limit} merkkiä pitkä.</translation>
    </message>
    <message>
        <source>The street is longer than {limit} characters.</source>
        <translation>Katuosoite on yli {limit} merkkiä pitkä.</translation>
    </message>
    <message>
        <source>The study cycle is an EQF level from 5 to 8.</source>
        <translation>Opintojen sykli on EQF-taso 5–8.</translation>
    </message>
    <message>
        <source>The field of education is longer than {limit} characters.</source>
        <translation>Koulutusala on yli {limit} merkkiä pitkä.</translation>
    </message>
    <message>
        <source>The programme is longer than {limit} characters.</source>
        <translation>Koulutusohjelma on yli {limit} merkkiä pitkä.</translation>
    </message>
    <message>
        <source>This student no longer exists: someone may have deleted it.</source>
        <translation>Tätä opiskelijaa ei ole enää: joku on ehkä poistanut hänet.</translation>
    </message>
    <message>
        <source>This student was deleted; the equity flags were not saved.</source>
        <translation>Tämä opiskelija poistettiin; yhdenvertaisuustietoja ei tallennettu.</translation>
    </message>
    <message>
        <source>This {what} no longer exists: someone may have deleted it.</source>
        <translation>Tätä tietuetta ({what}) ei ole enää: joku on ehkä poistanut sen.</translation>
    </message>
    <message>
        <source>This {what} was deleted by someone else; your edits were not saved.</source>
        <translation>Joku muu poisti tämän tietueen ({what}); muutoksiasi ei tallennettu.</translation>
    </message>
    <message>
        <source>This {what} was linked to another record just now, so it was not deleted.</source>
        <translation>Tämä tietue ({what}) liitettiin juuri toiseen tietueeseen, joten sitä ei poistettu.</translation>
    </message>
    <message>
        <source>vipdesk cannot write in &apos;{code}&apos;; choose one of {codes}.</source>
        <translation>vipdesk ei osaa kirjoittaa kielellä &apos;{code}&apos;; valitse jokin näistä: {codes}.</translation>
    </message>
    <message>
        <source>Language {n}: type the language, e.g. English.</source>
        <translation>Kieli {n}: kirjoita kieli, esim. englanti.</translation>
    </message>
    <message>
        <source>Language {n}: the name is longer than {limit} characters.</source>
        <translation>Kieli {n}: nimi on yli {limit} merkkiä pitkä.</translation>
    </message>
    <message>
        <source>{count} contact</source>
        <translation>yhteyshenkilöitä: {count}</translation>
    </message>
    <message>
        <source>{count} contacts</source>
        <translation>yhteyshenkilöitä: {count}</translation>
    </message>
    <message>
        <source>{count} placement</source>
        <translation>harjoitteluja: {count}</translation>
    </message>
    <message>
        <source>{count} placements</source>
        <translation>harjoitteluja: {count}</translation>
    </message>
    <message>
        <source>{count} student</source>
        <translation>opiskelijoita: {count}</translation>
    </message>
    <message>
        <source>{count} students</source>
        <translation>opiskelijoita: {count}</translation>
    </message>
    <message>
        <source>{first} and {second}</source>
        <translation>{first} ja {second}</translation>
    </message>
    <message>
        <source>{first}, {second} and {third}</source>
        <translation>{first}, {second} ja {third}</translation>
    </message>
    <message>
        <source>{name} has {records}; delete or reassign them first.</source>
        <translation>Tietueeseen {name} liittyy {records}; poista tai siirrä ne ensin.</translation>
    </message>
    <message>
        <source>{name} is mentor or tutor of {placements}; choose someone else there first.</source>
        <translation>{name} on mentori tai ohjaaja ({placements}); valitse niihin ensin joku muu.</translation>
    </message>
    <message>
        <source>{name}: choose a level ({levels}).</source>
        <translation>{name}: valitse taso ({levels}).</translation>
    </message>
    <message>
        <source>{name} is listed twice.</source>
        <translation>{name} on luettelossa kahdesti.</translation>
    </message>
    <message>
        <source>Another student already uses this e-mail ({name}).</source>
        <translation>Toinen opiskelija käyttää jo tätä sähköpostiosoitetta ({name}).</translation>
    </message>
    <message>
        <source>Another student already has this student number ({name}).</source>
        <translation>Toisella opiskelijalla on jo tämä opiskelijanumero ({name}).</translation>
    </message>
    <message>
        <source>The chosen institution was deleted.</source>
        <translation>Valittu korkeakoulu on poistettu.</translation>
    </message>
    <message>
        <source>Another student already uses this e-mail.</source>
        <translation>Toinen opiskelija käyttää jo tätä sähköpostiosoitetta.</translation>
    </message>
    <message>
        <source>Another student already has this student number.</source>
        <translation>Toisella opiskelijalla on jo tämä opiskelijanumero.</translation>
    </message>
    <message>
        <source>The equity note is longer than {limit} characters.</source>
        <translation>Yhdenvertaisuusmerkintöjen huomautus on yli {limit} merkkiä pitkä.</translation>
    </message>
    <message>
        <source>Give the date it took place.</source>
        <translation>Anna päivä, jolloin se pidettiin.</translation>
    </message>
    <message>
        <source>The date is outside the placement&apos;s period ({start} – {end}).</source>
        <translation>Päivä on harjoittelujakson ulkopuolella ({start} – {end}).</translation>
    </message>
    <message>
        <source>The date is in the future: log it once it has taken place.</source>
        <translation>Päivä on tulevaisuudessa: kirjaa se, kun se on pidetty.</translation>
    </message>
    <message>
        <source>Say who took part.</source>
        <translation>Kerro, ketkä osallistuivat.</translation>
    </message>
    <message>
        <source>Keep the participants under {limit} characters.</source>
        <translation>Pidä osallistujat alle {limit} merkissä.</translation>
    </message>
    <message>
        <source>Choose one of the tools chosen for this placement.</source>
        <translation>Valitse jokin tälle harjoittelulle valituista työkaluista.</translation>
    </message>
    <message>
        <source>The duration is from {low} to {high} minutes.</source>
        <translation>Kesto on {low}–{high} minuuttia.</translation>
    </message>
    <message>
        <source>Keep it under {limit} characters.</source>
        <translation>Pidä se alle {limit} merkissä.</translation>
    </message>
    <message>
        <source>Say what follows up on the concern.</source>
        <translation>Kerro huolenaiheen jatkotoimet.</translation>
    </message>
    <message>
        <source>Only a concern is resolved.</source>
        <translation>Vain huolenaihe voidaan ratkaista.</translation>
    </message>
    <message>
        <source>The concern is resolved before it was raised.</source>
        <translation>Huolenaihe on ratkaistu ennen kuin se nousi esiin.</translation>
    </message>
    <message>
        <source>The resolution date is in the future.</source>
        <translation>Ratkaisupäivä on tulevaisuudessa.</translation>
    </message>
    <message>
        <source>Say how the concern was resolved.</source>
        <translation>Kerro, miten huolenaihe ratkaistiin.</translation>
    </message>
    <message>
        <source>The file {name} is empty.</source>
        <translation>Tiedosto {name} on tyhjä.</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>Tiedosto on tyhjä.</translation>
    </message>
    <message>
        <source>The file {name} is over 20 MB.</source>
        <translation>Tiedosto {name} on yli 20 Mt.</translation>
    </message>
    <message>
        <source>The file is over 20 MB.</source>
        <translation>Tiedosto on yli 20 Mt.</translation>
    </message>
    <message>
        <source>Keep the file name under {limit} characters.</source>
        <translation>Pidä tiedostonimi alle {limit} merkissä.</translation>
    </message>
    <message>
        <source>The file {name} is not a PDF, a Word document (.docx), a PNG or a JPEG.</source>
        <translation>Tiedosto {name} ei ole PDF, Word-asiakirja (.docx), PNG eikä JPEG.</translation>
    </message>
    <message>
        <source>The file is not a PDF, a Word document (.docx), a PNG or a JPEG.</source>
        <translation>Tiedosto ei ole PDF, Word-asiakirja (.docx), PNG eikä JPEG.</translation>
    </message>
    <message>
        <source>The file {name} is named as a {claimed} but is something else inside.</source>
        <translation>Tiedoston {name} nimi kertoo muodoksi {claimed}, mutta sisältö on jotain muuta.</translation>
    </message>
    <message>
        <source>The file {name} is named as a {claimed} but is a {found} inside.</source>
        <translation>Tiedoston {name} nimi kertoo muodoksi {claimed}, mutta sisältö on {found}.</translation>
    </message>
    <message>
        <source>The file {name} is damaged: it cannot be read.</source>
        <translation>Tiedosto {name} on vioittunut: sitä ei voi lukea.</translation>
    </message>
    <message>
        <source>Credits are from 0 to 60, with at most one decimal.</source>
        <translation>Opintopisteitä on 0–60, enintään yhdellä desimaalilla.</translation>
    </message>
    <message>
        <source>More credits than the {planned} planned: say why in the reason.</source>
        <translation>Enemmän opintopisteitä kuin suunnitellut {planned}: kerro syy.</translation>
    </message>
    <message>
        <source>Keep the reason under {limit} characters.</source>
        <translation>Pidä syy alle {limit} merkissä.</translation>
    </message>
    <message>
        <source>Choose one of the grading scales.</source>
        <translation>Valitse jokin arviointiasteikoista.</translation>
    </message>
    <message>
        <source>Choose the grading scale the grade is on.</source>
        <translation>Valitse arviointiasteikko, jolla arvosana on annettu.</translation>
    </message>
    <message>
        <source>“{grade}” is not on the {scale} scale ({grades}).</source>
        <translation>”{grade}” ei ole arviointiasteikolla ”{scale}” ({grades}).</translation>
    </message>
    <message>
        <source>“{grade}” is not on the {scale} scale (a number from {low} to {high}).</source>
        <translation>”{grade}” ei ole arviointiasteikolla ”{scale}” (luku väliltä {low}–{high}).</translation>
    </message>
    <message>
        <source>The date is in the future.</source>
        <translation>Päivä on tulevaisuudessa.</translation>
    </message>
    <message>
        <source>The date is before the placement started.</source>
        <translation>Päivä on ennen harjoittelun alkua.</translation>
    </message>
    <message>
        <source>Keep the outcomes under {limit} characters.</source>
        <translation>Pidä oppimistulokset alle {limit} merkissä.</translation>
    </message>
    <message>
        <source>This monitoring entry no longer exists.</source>
        <translation>Tätä seurantamerkintää ei ole enää olemassa.</translation>
    </message>
    <message>
        <source>This entry has no file attached.</source>
        <translation>Tähän merkintään ei ole liitetty tiedostoa.</translation>
    </message>
    <message>
        <source>The reply time is 1 to 336 hours.</source>
        <translation>Vastausaika on 1–336 tuntia.</translation>
    </message>
    <message>
        <source>A meeting lasts 10 to 240 minutes.</source>
        <translation>Tapaaminen kestää 10–240 minuuttia.</translation>
    </message>
    <message>
        <source>Keep this under {limit} characters.</source>
        <translation>Pidä tämä alle {limit} merkissä.</translation>
    </message>
    <message>
        <source>{who}: choose a time zone from the list.</source>
        <translation>{who}: valitse aikavyöhyke luettelosta.</translation>
    </message>
    <message>
        <source>{who}: tick at least one working day.</source>
        <translation>{who}: valitse vähintään yksi työpäivä.</translation>
    </message>
    <message>
        <source>{who}: enter the start and end of the day.</source>
        <translation>{who}: anna päivän alku ja loppu.</translation>
    </message>
    <message>
        <source>{who}: the day must end after it starts (same day).</source>
        <translation>{who}: päivän on päätyttävä alkamisensa jälkeen (saman päivän aikana).</translation>
    </message>
    <message>
        <source>{a} ({zone_a}) and {b} ({zone_b}) are {gap} h apart: beyond 6 to 7 hours meetings at the same time are hard to hold. Plan more written, asynchronous exchange.</source>
        <translation>{a} ({zone_a}) ja {b} ({zone_b}): aikaero {gap} h. Yli 6–7 tunnin erolla samanaikaisia tapaamisia on vaikea pitää. Suunnittele enemmän kirjallista, eriaikaista viestintää.</translation>
    </message>
    <message>
        <source>On {short} of {days} working days they share less than {minimum} hours (least: {least} h on {day}).</source>
        <translation>Yhteistä aikaa on alle {minimum} tuntia {short}/{days} työpäivänä (vähiten: {least} h, {day}).</translation>
    </message>
    <message>
        <source>The clocks change on different dates ({listed}): the shared hours move in between. Check the meeting time for those weeks.</source>
        <translation>Kellot siirtyvät eri päivinä ({listed}): yhteiset tunnit siirtyvät siinä välissä. Tarkista tapaamisaika noille viikoille.</translation>
    </message>
    <message>
        <source>{zones} on {days}</source>
        <translation>{zones}: {days}</translation>
    </message>
    <message>
        <source>{a} and {b}</source>
        <translation>{a} ja {b}</translation>
    </message>
    <message>
        <source>No {minutes}-minute slot lies inside the shared hours on the same weekday all through the placement: widen someone&apos;s hours or agree meeting times week by week.</source>
        <translation>Mikään {minutes} minuutin aika ei osu yhteisiin tunteihin samana viikonpäivänä koko harjoittelun ajan: laajenna jonkun työaikaa tai sovi tapaamisajat viikko kerrallaan.</translation>
    </message>
    <message>
        <source>This questionnaire response no longer exists.</source>
        <translation>Tätä kyselyn vastausta ei ole enää olemassa.</translation>
    </message>
    <message>
        <source>This questionnaire was completed; re-assess to record new answers.</source>
        <translation>Kysely on jo täytetty; arvioi uudelleen tallentaaksesi uudet vastaukset.</translation>
    </message>
    <message>
        <source>{count} question(s) still need an answer, the first: “{question}”</source>
        <translation>{count} kysymystä odottaa vielä vastausta, ensimmäinen: ”{question}”</translation>
    </message>
    <message>
        <source>A completed questionnaire is kept as history.</source>
        <translation>Täytetty kysely säilytetään historiana.</translation>
    </message>
    <message>
        <source>There is no question &apos;{key}&apos; in this version.</source>
        <translation>Tässä versiossa ei ole kysymystä &apos;{key}&apos;.</translation>
    </message>
    <message>
        <source>Type the answer as text.</source>
        <translation>Kirjoita vastaus tekstinä.</translation>
    </message>
    <message>
        <source>The answer is too long.</source>
        <translation>Vastaus on liian pitkä.</translation>
    </message>
    <message>
        <source>Choose a number from 1 to {points}.</source>
        <translation>Valitse luku väliltä 1–{points}.</translation>
    </message>
    <message>
        <source>Choose one of the answers offered.</source>
        <translation>Valitse jokin tarjotuista vastauksista.</translation>
    </message>
    <message>
        <source>No questionnaire &apos;{name}&apos; is installed.</source>
        <translation>Kyselyä &apos;{name}&apos; ei ole asennettu.</translation>
    </message>
    <message>
        <source>Version {version} of the &apos;{questionnaire}&apos; questionnaire is not installed: this response comes from another vipdesk version.</source>
        <translation>Kyselyn &apos;{questionnaire}&apos; versiota {version} ei ole asennettu: vastaus on peräisin toisesta vipdesk-versiosta.</translation>
    </message>
    <message>
        <source>The questionnaire translation {name} cannot be read: {reason}</source>
        <translation>Kyselyn käännöstä {name} ei voi lukea: {reason}</translation>
    </message>
    <message>
        <source>The questionnaire translation {name} does not match its English file: {difference}.</source>
        <translation>Kyselyn käännös {name} ei vastaa englanninkielistä tiedostoa: {difference}.</translation>
    </message>
    <message>
        <source>its id, version or party</source>
        <translation>sen tunniste, versio tai osapuoli</translation>
    </message>
    <message>
        <source>its themes</source>
        <translation>sen teemat</translation>
    </message>
    <message>
        <source>{found} questions instead of {expected}</source>
        <translation>{found} kysymystä {expected} sijaan</translation>
    </message>
    <message>
        <source>question &apos;{key}&apos;</source>
        <translation>kysymys &apos;{key}&apos;</translation>
    </message>
    <message>
        <source>Unknown purpose or tool: {keys}.</source>
        <translation>Tuntematon tarkoitus tai työkalu: {keys}.</translation>
    </message>
    <message>
        <source>Enter the date of the test.</source>
        <translation>Anna testin päivämäärä.</translation>
    </message>
    <message>
        <source>The note is longer than {limit} characters.</source>
        <translation>Muistiinpano on yli {limit} merkkiä pitkä.</translation>
    </message>
    <message>
        <source>This placement no longer exists.</source>
        <translation>Tätä harjoittelua ei ole enää olemassa.</translation>
    </message>
    <message>
        <source>This protocol was deleted by someone else.</source>
        <translation>Joku muu poisti tämän suunnitelman.</translation>
    </message>
    <message>
        <source>A secure connection to {where} failed: {reason} (is it the right port for the security chosen?).</source>
        <translation>Suojattu yhteys kohteeseen {where} epäonnistui: {reason} (onko portti oikea valitulle suojaukselle?).</translation>
    </message>
    <message>
        <source>Attachment too large: the message is {size} MB and the server takes at most {limit} MB.</source>
        <translation>Liite on liian suuri: viesti on {size} Mt, ja palvelin ottaa enintään {limit} Mt.</translation>
    </message>
    <message>
        <source>Attachment too large: the server refused the message ({reply}).</source>
        <translation>Liite on liian suuri: palvelin hylkäsi viestin ({reply}).</translation>
    </message>
    <message>
        <source>Login refused by {where}: the user name or password is not accepted ({reply}).</source>
        <translation>Kirjautuminen hylätty ({where}): käyttäjätunnusta tai salasanaa ei hyväksytä ({reply}).</translation>
    </message>
    <message>
        <source>No mail server is set: fill in Settings → E-mail, or save the message as .eml.</source>
        <translation>Sähköpostipalvelinta ei ole määritetty: täytä Asetukset → Sähköposti tai tallenna viesti .eml-tiedostona.</translation>
    </message>
    <message>
        <source>No password is stored for {user}: enter it in Settings → E-mail.</source>
        <translation>Käyttäjälle {user} ei ole tallennettu salasanaa: anna se kohdassa Asetukset → Sähköposti.</translation>
    </message>
    <message>
        <source>Recipient refused: {recipient} ({reply}).</source>
        <translation>Vastaanottaja hylätty: {recipient} ({reply}).</translation>
    </message>
    <message>
        <source>Sender refused: {sender} ({reply}).</source>
        <translation>Lähettäjä hylätty: {sender} ({reply}).</translation>
    </message>
    <message>
        <source>Server unreachable: cannot connect to {where} ({reason}).</source>
        <translation>Palvelinta ei tavoiteta: yhteyttä kohteeseen {where} ei saada ({reason}).</translation>
    </message>
    <message>
        <source>The connection to the server was lost while sending; the message stays to be sent again.</source>
        <translation>Yhteys palvelimeen katkesi lähetyksen aikana; viesti odottaa uutta lähetystä.</translation>
    </message>
    <message>
        <source>The server cannot take a user name or password with letters beyond A–Z (it offers no AUTH PLAIN).</source>
        <translation>Palvelin ei hyväksy käyttäjätunnusta tai salasanaa, jossa on muita kuin A–Z-kirjaimia (se ei tarjoa AUTH PLAIN -tunnistusta).</translation>
    </message>
    <message>
        <source>The server does not take addresses written in non-Latin letters (SMTPUTF8).</source>
        <translation>Palvelin ei hyväksy muilla kuin latinalaisilla kirjaimilla kirjoitettuja osoitteita (SMTPUTF8).</translation>
    </message>
    <message>
        <source>The server refused the message ({reply}).</source>
        <translation>Palvelin hylkäsi viestin ({reply}).</translation>
    </message>
    <message>
        <source>The server {where} does not accept a login on this connection: choose STARTTLS or TLS.</source>
        <translation>Palvelin {where} ei hyväksy kirjautumista tässä yhteydessä: valitse STARTTLS tai TLS.</translation>
    </message>
    <message>
        <source>The server {where} does not offer STARTTLS: choose TLS or ask IT for the right port.</source>
        <translation>Palvelin {where} ei tarjoa STARTTLS:ää: valitse TLS tai kysy IT-tuelta oikeaa porttia.</translation>
    </message>
    <message>
        <source>Give at least one recipient.</source>
        <translation>Anna vähintään yksi vastaanottaja.</translation>
    </message>
    <message>
        <source>Give the message a subject.</source>
        <translation>Anna viestille aihe.</translation>
    </message>
    <message>
        <source>The subject is one line.</source>
        <translation>Aihe on yksi rivi.</translation>
    </message>
    <message>
        <source>The subject is over 300 characters.</source>
        <translation>Aihe on yli 300 merkkiä.</translation>
    </message>
    <message>
        <source>The attachments come to {size} MB; most servers take 25 MB.</source>
        <translation>Liitteet ovat yhteensä {size} Mt; useimmat palvelimet ottavat vastaan 25 Mt.</translation>
    </message>
    <message>
        <source>A file name may not hold a line break or a slash.</source>
        <translation>Tiedostonimessä ei saa olla rivinvaihtoa eikä kauttaviivaa.</translation>
    </message>
    <message>
        <source>A name or address may not hold a line break.</source>
        <translation>Nimessä tai osoitteessa ei saa olla rivinvaihtoa.</translation>
    </message>
    <message>
        <source>An empty address is not an e-mail address.</source>
        <translation>Tyhjä osoite ei ole sähköpostiosoite.</translation>
    </message>
    <message>
        <source>{address} is not an e-mail address.</source>
        <translation>{address} ei ole sähköpostiosoite.</translation>
    </message>
    <message>
        <source>This message is no longer in the outbox.</source>
        <translation>Tämä viesti ei ole enää lähtevissä.</translation>
    </message>
    <message>
        <source>Give the server&apos;s name, like smtp.example.edu.</source>
        <translation>Anna palvelimen nimi, esim. smtp.example.edu.</translation>
    </message>
    <message>
        <source>The port is a number from 1 to 65535.</source>
        <translation>Portti on luku väliltä 1–65535.</translation>
    </message>
    <message>
        <source>Give the address messages come from.</source>
        <translation>Anna osoite, josta viestit lähetetään.</translation>
    </message>
    <message>
        <source>A setting is longer than 200 characters.</source>
        <translation>Jokin asetus on yli 200 merkkiä pitkä.</translation>
    </message>
    <message>
        <source>Set the address messages come from in Settings → E-mail first.</source>
        <translation>Aseta ensin lähettäjän osoite kohdassa Asetukset → Sähköposti.</translation>
    </message>
    <message>
        <source>Give the user name the password belongs to.</source>
        <translation>Anna käyttäjätunnus, johon salasana kuuluu.</translation>
    </message>
    <message>
        <source>A brace must enclose a placeholder, like {example}.</source>
        <translation>Aaltosulkeiden sisällä on oltava paikkamerkki, esim. {example}.</translation>
    </message>
    <message>
        <source>Unknown placeholder {name}: use one of the list.</source>
        <translation>Tuntematon paikkamerkki {name}: käytä jotakin luettelon paikkamerkkiä.</translation>
    </message>
    <message>
        <source>The message needs a text.</source>
        <translation>Viestissä on oltava tekstiä.</translation>
    </message>
    <message>
        <source>There is no mail template &apos;{key}&apos;.</source>
        <translation>Viestipohjaa &apos;{key}&apos; ei ole.</translation>
    </message>
    <message>
        <source>The placement has no academic tutor to send this to.</source>
        <translation>Harjoittelulla ei ole korkeakoulun ohjaajaa, jolle tämän voisi lähettää.</translation>
    </message>
    <message>
        <source>A certificate is requested from the host, not signed by three.</source>
        <translation>Todistus pyydetään isännältä; sitä eivät allekirjoita kolme osapuolta.</translation>
    </message>
    <message>
        <source>The certificate is kept; it is not sent to the parties.</source>
        <translation>Todistus säilytetään; sitä ei lähetetä osapuolille.</translation>
    </message>
    <message>
        <source>The fillable PDF is the agreement for the host&apos;s HR.</source>
        <translation>Täytettävä PDF on sopimus isännän henkilöstöhallinnolle.</translation>
    </message>
    <message>
        <source>The {document} is {state}: send it for signature first, then e-mail it.</source>
        <translation>Asiakirjan {document} tila on ”{state}”: lähetä se ensin allekirjoitettavaksi ja sitten sähköpostilla.</translation>
    </message>
    <message>
        <source>The trainee has signed the {document} already.</source>
        <translation>Harjoittelija on jo allekirjoittanut asiakirjan {document}.</translation>
    </message>
    <message>
        <source>The sending institution has signed the {document} already.</source>
        <translation>Lähettävä korkeakoulu on jo allekirjoittanut asiakirjan {document}.</translation>
    </message>
    <message>
        <source>The receiving organisation has signed the {document} already.</source>
        <translation>Vastaanottava organisaatio on jo allekirjoittanut asiakirjan {document}.</translation>
    </message>
    <message>
        <source>The agreement {reference} has no e-mail address for the trainee: add it to the record, or write the address in the message.</source>
        <translation>Sopimuksessa {reference} ei ole harjoittelijan sähköpostiosoitetta: lisää se tietoihin tai kirjoita osoite viestiin.</translation>
    </message>
    <message>
        <source>The agreement {reference} has no e-mail address for the sending institution: add it to the record, or write the address in the message.</source>
        <translation>Sopimuksessa {reference} ei ole lähettävän korkeakoulun sähköpostiosoitetta: lisää se tietoihin tai kirjoita osoite viestiin.</translation>
    </message>
    <message>
        <source>The agreement {reference} has no e-mail address for the receiving organisation: add it to the record, or write the address in the message.</source>
        <translation>Sopimuksessa {reference} ei ole vastaanottavan organisaation sähköpostiosoitetta: lisää se tietoihin tai kirjoita osoite viestiin.</translation>
    </message>
    <message>
        <source>{name} is an Outlook .msg file, which vipdesk does not read: in Outlook, save the message as .eml (or save the attached PDF) and open that.</source>
        <translation>{name} on Outlookin .msg-tiedosto, jota vipdesk ei lue: tallenna viesti Outlookissa .eml-muodossa (tai tallenna liitetty PDF) ja avaa se.</translation>
    </message>
    <message>
        <source>{name} is a PDF, not an e-mail: open it as a returned PDF.</source>
        <translation>{name} on PDF, ei sähköposti: avaa se palautettuna PDF:nä.</translation>
    </message>
    <message>
        <source>{name} is not an e-mail message (.eml).</source>
        <translation>{name} ei ole sähköpostiviesti (.eml).</translation>
    </message>
    <message>
        <source>{name} is over {limit} MB; save the PDF from it.</source>
        <translation>{name} on yli {limit} Mt; tallenna PDF siitä.</translation>
    </message>
    <message>
        <source>{name} carries no agreement or questionnaire exported by vipdesk (no attachment).</source>
        <translation>{name} ei sisällä vipdeskistä vietyä sopimusta tai kyselyä (ei liitettä).</translation>
    </message>
    <message>
        <source>{name} carries no agreement or questionnaire exported by vipdesk ({held}).</source>
        <translation>{name} ei sisällä vipdeskistä vietyä sopimusta tai kyselyä ({held}).</translation>
    </message>
    <message>
        <source>&apos;{email}&apos; is not an e-mail address.</source>
        <translation>&apos;{email}&apos; ei ole sähköpostiosoite.</translation>
    </message>
    <message>
        <source>All three parties sign: the trainee, the institution and the host.</source>
        <translation>Kaikki kolme osapuolta allekirjoittavat: harjoittelija, korkeakoulu ja vastaanottava organisaatio.</translation>
    </message>
    <message>
        <source>Each party may appear only once in the order.</source>
        <translation>Kukin osapuoli saa olla järjestyksessä vain kerran.</translation>
    </message>
    <message>
        <source>Enter the date of the signature.</source>
        <translation>Anna allekirjoituksen päivämäärä.</translation>
    </message>
    <message>
        <source>Enter the name of the person who signed.</source>
        <translation>Anna allekirjoittaneen henkilön nimi.</translation>
    </message>
    <message>
        <source>Name at least one party who signs.</source>
        <translation>Nimeä vähintään yksi allekirjoittava osapuoli.</translation>
    </message>
    <message>
        <source>No communication tool is recorded: say which tools serve {needed} (choose them in preparation, or on the Technology page) before sending.</source>
        <translation>Viestintätyökalua ei ole kirjattu: kerro ennen lähettämistä, mitkä työkalut palvelevat näitä: {needed} (valitse ne valmistelussa tai Teknologia-sivulla).</translation>
    </message>
    <message>
        <source>No scan is attached for the {party}.</source>
        <translation>Skannausta ei ole liitetty osapuolelle: {party}.</translation>
    </message>
    <message>
        <source>Signer not confirmed ({because}); recorded on the explicit confirmation of the coordinator. Certificate: {certificate}</source>
        <translation>Allekirjoittajaa ei vahvistettu ({because}); kirjattu koordinaattorin nimenomaisella vahvistuksella. Varmenne: {certificate}</translation>
    </message>
    <message>
        <source>Signer not confirmed ({because}); recorded on the explicit confirmation of {user}. Certificate: {certificate}</source>
        <translation>Allekirjoittajaa ei vahvistettu ({because}); kirjattu käyttäjän {user} nimenomaisella vahvistuksella. Varmenne: {certificate}</translation>
    </message>
    <message>
        <source>The date is before the document was sent ({sent}).</source>
        <translation>Päivämäärä on ennen asiakirjan lähettämistä ({sent}).</translation>
    </message>
    <message>
        <source>The date of the signature is in the future.</source>
        <translation>Allekirjoituksen päivämäärä on tulevaisuudessa.</translation>
    </message>
    <message>
        <source>The placement is &apos;{status}&apos;: move it to &apos;Preparing&apos; before sending the agreement.</source>
        <translation>Harjoittelun tila on &apos;{status}&apos;: siirrä se tilaan &apos;Valmistelussa&apos; ennen sopimuksen lähettämistä.</translation>
    </message>
    <message>
        <source>The {document} is already signed by every party and locked.</source>
        <translation>{document}: kaikki osapuolet ovat jo allekirjoittaneet, ja se on lukittu.</translation>
    </message>
    <message>
        <source>The {document} is not out for signature.</source>
        <translation>{document}: ei ole lähetetty allekirjoitettavaksi.</translation>
    </message>
    <message>
        <source>The {document} is out for signature and cannot change: start a new version to change it.</source>
        <translation>{document}: lähetetty allekirjoitettavaksi eikä voi muuttua; aloita uusi versio muuttaaksesi sitä.</translation>
    </message>
    <message>
        <source>The {document} is signed by all parties and locked: record changes as an amendment.</source>
        <translation>{document}: kaikki osapuolet ovat allekirjoittaneet, ja se on lukittu; kirjaa muutokset sopimusmuutoksena.</translation>
    </message>
    <message>
        <source>The {party} does not sign the {document}.</source>
        <translation>Osapuoli {party} ei allekirjoita asiakirjaa: {document}.</translation>
    </message>
    <message>
        <source>The {party} has signed the {document} already.</source>
        <translation>Osapuoli {party} on jo allekirjoittanut asiakirjan: {document}.</translation>
    </message>
    <message>
        <source>The {party} signs first (order: {order}).</source>
        <translation>Ensin allekirjoittaa: {party} (järjestys: {order}).</translation>
    </message>
    <message>
        <source>Unknown party &apos;{party}&apos; in the order.</source>
        <translation>Tuntematon osapuoli &apos;{party}&apos; järjestyksessä.</translation>
    </message>
    <message>
        <source>{file} carries no signature for the {party}.</source>
        <translation>Tiedostossa {file} ei ole allekirjoitusta osapuolelta: {party}.</translation>
    </message>
    <message>
        <source>{file} is not the {document} as sent for signature with a signature added; ask the party to sign the file they received, without saving it as a new PDF.</source>
        <translation>{file} ei ole asiakirja {document} sellaisena kuin se lähetettiin allekirjoitettavaksi, allekirjoitus lisättynä; pyydä osapuolta allekirjoittamaan saamansa tiedosto tallentamatta sitä uutena PDF:nä.</translation>
    </message>
    <message>
        <source>{file}: the signature for the {party} is intact, but its signer {signer} is not confirmed: {reasons}.</source>
        <translation>{file}: osapuolen {party} allekirjoitus on eheä, mutta allekirjoittajaa {signer} ei ole vahvistettu: {reasons}.</translation>
    </message>
    <message>
        <source>{file}: the signature in {field} does not hold: {verdict}. Nothing was recorded.</source>
        <translation>{file}: kentän {field} allekirjoitus ei ole pätevä: {verdict}. Mitään ei kirjattu.</translation>
    </message>
    <message>
        <source>{kind} {number}</source>
        <translation>{kind} {number}</translation>
    </message>
    <message>
        <source>save it from Excel or LibreOffice as .xlsx or as CSV (UTF-8), then import that.</source>
        <translation>tallenna se Excelissä tai LibreOfficessa .xlsx-muodossa tai CSV-muodossa (UTF-8) ja tuo se.</translation>
    </message>
    <message>
        <source>Open it in Excel or LibreOffice and save it again, or save it as CSV (UTF-8).</source>
        <translation>Avaa se Excelissä tai LibreOfficessa ja tallenna se uudelleen, tai tallenna se CSV-muodossa (UTF-8).</translation>
    </message>
    <message>
        <source>{name} would unpack to {size}, more than a spreadsheet vipdesk reads ({most}); it is not an ordinary workbook.</source>
        <translation>{name} purkautuisi {size} kokoiseksi, enemmän kuin vipdeskin lukema taulukko ({most}); se ei ole tavallinen työkirja.</translation>
    </message>
    <message>
        <source>{name} holds {count} files; a spreadsheet has far fewer: {advice}</source>
        <translation>{name} sisältää {count} tiedostoa; taulukossa on paljon vähemmän: {advice}</translation>
    </message>
    <message>
        <source>{name} is damaged: the part {member} is missing from it. {advice}</source>
        <translation>{name} on vioittunut: siitä puuttuu osa {member}. {advice}</translation>
    </message>
    <message>
        <source>{name} contains a document type declaration (DTD) in {member}, which workbooks saved by Excel or LibreOffice never do; vipdesk does not read it. {advice}</source>
        <translation>{name} sisältää dokumenttityypin määrittelyn (DTD) osassa {member}, mitä Excelin tai LibreOfficen tallentamissa työkirjoissa ei koskaan ole; vipdesk ei lue sitä. {advice}</translation>
    </message>
    <message>
        <source>{name} is damaged: its part {member} is not well-formed ({reason}, line {line}). {advice}</source>
        <translation>{name} on vioittunut: sen osa {member} ei ole hyvin muodostettu ({reason}, rivi {line}). {advice}</translation>
    </message>
    <message>
        <source>{name} is a damaged or unknown archive: {advice}</source>
        <translation>{name} on vioittunut tai tuntematon arkisto: {advice}</translation>
    </message>
    <message>
        <source>{name} is damaged: its part {member} cannot be unpacked. {advice}</source>
        <translation>{name} on vioittunut: sen osaa {member} ei voi purkaa. {advice}</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number vipdesk can use.</source>
        <translation>&apos;{text}&apos; ei ole luku, jota vipdesk voi käyttää.</translation>
    </message>
    <message>
        <source>{code} is an error shown by the spreadsheet (a formula that failed), not a value: correct it or clear the cell.</source>
        <translation>{code} on taulukon näyttämä virhe (epäonnistunut kaava), ei arvo: korjaa se tai tyhjennä solu.</translation>
    </message>
    <message>
        <source>The cell holds {size} characters; a cell holds at most {most}.</source>
        <translation>Solussa on {size} merkkiä; solussa voi olla enintään {most}.</translation>
    </message>
    <message>
        <source>The cell holds {type}, not a value.</source>
        <translation>Solussa on {type}, ei arvoa.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; contains a control character ({code}), which is not text: retype the cell.</source>
        <translation>&apos;{text}&apos; sisältää ohjausmerkin ({code}), joka ei ole tekstiä: kirjoita solu uudelleen.</translation>
    </message>
    <message>
        <source>The column &apos;{title}&apos; is missing.</source>
        <translation>Sarake &apos;{title}&apos; puuttuu.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date in the calendar.</source>
        <translation>&apos;{text}&apos; ei ole kalenterin päivämäärä.</translation>
    </message>
    <message>
        <source>The column &apos;{title}&apos; (or &apos;{first}&apos; or &apos;{second}&apos;) is missing.</source>
        <translation>Sarake &apos;{title}&apos; (tai &apos;{first}&apos; tai &apos;{second}&apos;) puuttuu.</translation>
    </message>
    <message>
        <source>The column &apos;{title}&apos; (or &apos;{first}&apos;) is missing.</source>
        <translation>Sarake &apos;{title}&apos; (tai &apos;{first}&apos;) puuttuu.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date in the calendar; dates with / are read day first (1 February).</source>
        <translation>&apos;{text}&apos; ei ole kalenterin päivämäärä; /-merkein kirjoitetut päivämäärät luetaan päivä ensin (1. helmikuuta).</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date in the calendar; dates with / are read month first (January 2).</source>
        <translation>&apos;{text}&apos; ei ole kalenterin päivämäärä; /-merkein kirjoitetut päivämäärät luetaan kuukausi ensin (tammikuu 2).</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is a number, not a date: format the cell as a date.</source>
        <translation>&apos;{text}&apos; on luku, ei päivämäärä: muotoile solu päivämääräksi.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is a duration, not a date: format the cell as a date.</source>
        <translation>&apos;{text}&apos; on kesto, ei päivämäärä: muotoile solu päivämääräksi.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a country: write its English name or its code (DE).</source>
        <translation>&apos;{text}&apos; ei ole maa: kirjoita sen englanninkielinen nimi tai koodi (DE).</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a language vipdesk writes messages in: write one of {codes}, or its name (German, Deutsch).</source>
        <translation>&apos;{text}&apos; ei ole kieli, jolla vipdesk kirjoittaa viestejä: kirjoita jokin näistä: {codes}, tai sen nimi (German, Deutsch).</translation>
    </message>
    <message>
        <source>Two columns mean &apos;{title}&apos; (&apos;{first}&apos; and &apos;{second}&apos;); keep one.</source>
        <translation>Kaksi saraketta tarkoittaa &apos;{title}&apos; (&apos;{first}&apos; ja &apos;{second}&apos;); säilytä yksi.</translation>
    </message>
    <message>
        <source>Add a column &apos;{first}&apos; or &apos;{second}&apos;.</source>
        <translation>Lisää sarake &apos;{first}&apos; tai &apos;{second}&apos;.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date: write 2027-02-01, 01.02.2027 or 01/02/2027.</source>
        <translation>&apos;{text}&apos; ei ole päivämäärä: kirjoita 2027-02-01, 01.02.2027 tai 01/02/2027.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number.</source>
        <translation>&apos;{text}&apos; ei ole luku.</translation>
    </message>
    <message>
        <source>{order} is not a date order: choose day_first or month_first.</source>
        <translation>{order} ei ole päivämääräjärjestys: valitse day_first tai month_first.</translation>
    </message>
    <message>
        <source>{name} is larger than {most} ({size}); import it in parts.</source>
        <translation>{name} on suurempi kuin {most} ({size}); tuo se osissa.</translation>
    </message>
    <message>
        <source>{name} is a ZIP archive, not a spreadsheet: {advice}</source>
        <translation>{name} on ZIP-arkisto, ei taulukko: {advice}</translation>
    </message>
    <message>
        <source>The row has {last} values but the header only {width} columns: a value that holds the separator (comma) needs quotes around it.</source>
        <translation>Rivillä on {last} arvoa, mutta otsikossa vain {width} saraketta: erotinmerkin (pilkku) sisältävä arvo tarvitsee lainausmerkit ympärilleen.</translation>
    </message>
    <message>
        <source>{name} is empty: there is nothing to import.</source>
        <translation>{name} on tyhjä: tuotavaa ei ole.</translation>
    </message>
    <message>
        <source>{name} is a folder, not a file: choose a file in it.</source>
        <translation>{name} on kansio, ei tiedosto: valitse sen sisältä tiedosto.</translation>
    </message>
    <message>
        <source>{name} is a named pipe, not an ordinary file: vipdesk imports only files saved on disk.</source>
        <translation>{name} on nimetty putki, ei tavallinen tiedosto: vipdesk tuo vain levylle tallennettuja tiedostoja.</translation>
    </message>
    <message>
        <source>{name} is a socket, not an ordinary file: vipdesk imports only files saved on disk.</source>
        <translation>{name} on pistoke (socket), ei tavallinen tiedosto: vipdesk tuo vain levylle tallennettuja tiedostoja.</translation>
    </message>
    <message>
        <source>{name} is a device, not an ordinary file: vipdesk imports only files saved on disk.</source>
        <translation>{name} on laite, ei tavallinen tiedosto: vipdesk tuo vain levylle tallennettuja tiedostoja.</translation>
    </message>
    <message>
        <source>{name} is a PDF document, not a spreadsheet: {advice}</source>
        <translation>{name} on PDF-asiakirja, ei taulukko: {advice}</translation>
    </message>
    <message>
        <source>{name} is an old-style Excel 97-2003 (.xls) or Office file, not a spreadsheet: {advice}</source>
        <translation>{name} on vanha Excel 97-2003 -tiedosto (.xls) tai Office-tiedosto, ei taulukko: {advice}</translation>
    </message>
    <message>
        <source>{name} is an image, not a spreadsheet: {advice}</source>
        <translation>{name} on kuva, ei taulukko: {advice}</translation>
    </message>
    <message>
        <source>{name} is text in UTF-16 (Excel&apos;s &apos;Unicode Text&apos;), not a spreadsheet: {advice}</source>
        <translation>{name} on UTF-16-tekstiä (Excelin &apos;Unicode-teksti&apos;), ei taulukko: {advice}</translation>
    </message>
    <message>
        <source>{name} is a binary file, not a spreadsheet: {advice}</source>
        <translation>{name} on binääritiedosto, ei taulukko: {advice}</translation>
    </message>
    <message>
        <source>{name} is an OpenDocument spreadsheet (.ods), not a spreadsheet: {advice}</source>
        <translation>{name} on OpenDocument-laskentataulukko (.ods), ei vipdeskin lukema taulukko: {advice}</translation>
    </message>
    <message>
        <source>{name} is a Word document, not a spreadsheet: {advice}</source>
        <translation>{name} on Word-asiakirja, ei taulukko: {advice}</translation>
    </message>
    <message>
        <source>The row has {last} values but the header only {width} columns: a value that holds the separator (tab) needs quotes around it.</source>
        <translation>Rivillä on {last} arvoa, mutta otsikossa vain {width} saraketta: erotinmerkin (sarkain) sisältävä arvo tarvitsee lainausmerkit ympärilleen.</translation>
    </message>
    <message>
        <source>The row has {last} values but the header only {width} columns: a value that holds the separator (semicolon) needs quotes around it.</source>
        <translation>Rivillä on {last} arvoa, mutta otsikossa vain {width} saraketta: erotinmerkin (puolipiste) sisältävä arvo tarvitsee lainausmerkit ympärilleen.</translation>
    </message>
    <message>
        <source>{name} has no worksheet: there is nothing to import.</source>
        <translation>{name}: ei laskentataulukkoa, tuotavaa ei ole.</translation>
    </message>
    <message>
        <source>There is no file {path}.</source>
        <translation>Tiedostoa {path} ei ole.</translation>
    </message>
    <message>
        <source>{kind} {start} to {end}</source>
        <translation>{kind} {start}–{end}</translation>
    </message>
    <message>
        <source>Cannot read {name}: {reason}.</source>
        <translation>Tiedostoa {name} ei voi lukea: {reason}.</translation>
    </message>
    <message>
        <source>{name} is not UTF-8 text (line {line}): in Excel choose &apos;CSV UTF-8 (comma delimited)&apos; when saving, or save as .xlsx.</source>
        <translation>{name} ei ole UTF-8-tekstiä (rivi {line}): valitse Excelissä tallennettaessa &apos;CSV UTF-8 (pilkuin eroteltu)&apos; tai tallenna .xlsx-muodossa.</translation>
    </message>
    <message>
        <source>{name} is not a readable CSV file (line {line}): {reason}.</source>
        <translation>{name} ei ole luettava CSV-tiedosto (rivi {line}): {reason}.</translation>
    </message>
    <message>
        <source>{name} has more than {most} rows; import it in parts.</source>
        <translation>Tiedostossa {name} on yli {most} riviä; tuo se osissa.</translation>
    </message>
    <message>
        <source>{name} is damaged: its sheet cannot be read ({reason}). {advice}</source>
        <translation>{name} on vioittunut: sen taulukkoa ei voi lukea ({reason}). {advice}</translation>
    </message>
    <message>
        <source>The file is damaged here ({reason}): nothing from this row on can be read. {advice}</source>
        <translation>Tiedosto on tässä vioittunut ({reason}): tästä rivistä eteenpäin mitään ei voi lukea. {advice}</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a mode; choose one of: {allowed}.</source>
        <translation>&apos;{text}&apos; ei ole muoto; valitse jokin näistä: {allowed}.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a status; choose one of: {allowed}.</source>
        <translation>&apos;{text}&apos; ei ole tila; valitse jokin näistä: {allowed}.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is far too many hours.</source>
        <translation>&apos;{text}&apos; on aivan liian monta tuntia.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a whole number of hours.</source>
        <translation>&apos;{text}&apos; ei ole kokonainen määrä tunteja.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a period: write e.g. &apos;physical 2027-02-01 to 2027-02-28&apos;.</source>
        <translation>&apos;{text}&apos; ei ole jakso: kirjoita esim. &apos;physical 2027-02-01 to 2027-02-28&apos;.</translation>
    </message>
    <message>
        <source>No student with the e-mail {email} in vipdesk; import or add the student first.</source>
        <translation>vipdeskissä ei ole opiskelijaa, jonka sähköposti on {email}; tuo tai lisää opiskelija ensin.</translation>
    </message>
    <message>
        <source>No student with the number {number} in vipdesk.</source>
        <translation>vipdeskissä ei ole opiskelijaa numerolla {number}.</translation>
    </message>
    <message>
        <source>The e-mail and the student number belong to two different students.</source>
        <translation>Sähköposti ja opiskelijanumero kuuluvat kahdelle eri opiskelijalle.</translation>
    </message>
    <message>
        <source>No host organisation &apos;{name}&apos; in {country} in vipdesk; import or add it first.</source>
        <translation>vipdeskissä ei ole vastaanottavaa organisaatiota &apos;{name}&apos; maassa {country}; tuo tai lisää se ensin.</translation>
    </message>
    <message>
        <source>{count} contacts at the host are called {name}: give the e-mail instead.</source>
        <translation>{count} vastaanottavan organisaation yhteyshenkilön nimi on {name}: anna sen sijaan sähköposti.</translation>
    </message>
    <message>
        <source>A reference has at most 20 characters.</source>
        <translation>Tunnuksessa on enintään 20 merkkiä.</translation>
    </message>
    <message>
        <source>Enter the mode: virtual, blended or physical.</source>
        <translation>Anna muoto: virtual, blended tai physical.</translation>
    </message>
    <message>
        <source>No contact with the e-mail {email} in vipdesk.</source>
        <translation>vipdeskissä ei ole yhteyshenkilöä, jonka sähköposti on {email}.</translation>
    </message>
    <message>
        <source>{count} contacts at the institution are called {name}: give the e-mail instead.</source>
        <translation>{count} korkeakoulun yhteyshenkilön nimi on {name}: anna sen sijaan sähköposti.</translation>
    </message>
    <message>
        <source>The same reference as row {first}.</source>
        <translation>Sama tunnus kuin rivillä {first}.</translation>
    </message>
    <message>
        <source>The same student, host and planned start as row {first}.</source>
        <translation>Sama opiskelija, vastaanottava organisaatio ja suunniteltu alku kuin rivillä {first}.</translation>
    </message>
    <message>
        <source>Nobody called {name} works at the host; give the e-mail of a contact in vipdesk.</source>
        <translation>Kukaan nimeltä {name} ei työskentele vastaanottavassa organisaatiossa; anna vipdeskissä olevan yhteyshenkilön sähköposti.</translation>
    </message>
    <message>
        <source>Nobody called {name} works at the institution; give the e-mail of a contact in vipdesk.</source>
        <translation>Kukaan nimeltä {name} ei työskentele korkeakoulussa; anna vipdeskissä olevan yhteyshenkilön sähköposti.</translation>
    </message>
    <message>
        <source>vipdesk imports {kinds}; not &apos;{kind}&apos;.</source>
        <translation>vipdesk tuo: {kinds}; ei &apos;{kind}&apos;.</translation>
    </message>
    <message>
        <source>Nothing imported: {problems} problems in {rows} rows of {source}; correct the file and import it again.</source>
        <translation>Mitään ei tuotu: {problems} ongelmaa {rows} rivillä tiedostossa {source}; korjaa tiedosto ja tuo se uudelleen.</translation>
    </message>
    <message>
        <source>The database refused one of the placements (someone may have added the same record meanwhile), so nothing was imported. Import the file again: the preview will show what exists now.</source>
        <translation>Tietokanta hylkäsi yhden harjoitteluista (joku on ehkä lisännyt saman tietueen sillä välin), joten mitään ei tuotu. Tuo tiedosto uudelleen: esikatselu näyttää, mitä nyt on olemassa.</translation>
    </message>
    <message>
        <source>Nothing imported: 1 problem in 1 row of {source}; correct the file and import it again.</source>
        <translation>Mitään ei tuotu: 1 ongelma 1 rivillä tiedostossa {source}; korjaa tiedosto ja tuo se uudelleen.</translation>
    </message>
    <message>
        <source>Nothing imported: {problems} problems in 1 row of {source}; correct the file and import it again.</source>
        <translation>Mitään ei tuotu: {problems} ongelmaa 1 rivillä tiedostossa {source}; korjaa tiedosto ja tuo se uudelleen.</translation>
    </message>
    <message>
        <source>The database refused one of the students (someone may have added the same record meanwhile), so nothing was imported. Import the file again: the preview will show what exists now.</source>
        <translation>Tietokanta hylkäsi yhden opiskelijoista (joku on ehkä lisännyt saman tietueen sillä välin), joten mitään ei tuotu. Tuo tiedosto uudelleen: esikatselu näyttää, mitä nyt on olemassa.</translation>
    </message>
    <message>
        <source>The database refused one of the organisations (someone may have added the same record meanwhile), so nothing was imported. Import the file again: the preview will show what exists now.</source>
        <translation>Tietokanta hylkäsi yhden organisaatioista (joku on ehkä lisännyt saman tietueen sillä välin), joten mitään ei tuotu. Tuo tiedosto uudelleen: esikatselu näyttää, mitä nyt on olemassa.</translation>
    </message>
    <message>
        <source>There are no rows below the header.</source>
        <translation>Otsikon alla ei ole rivejä.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a study cycle: write 5, 6, 7 or 8 (EQF level).</source>
        <translation>&apos;{text}&apos; ei ole opintojen sykli: kirjoita 5, 6, 7 tai 8 (EQF-taso).</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a size; choose one of: {allowed}.</source>
        <translation>&apos;{text}&apos; ei ole koko; valitse jokin näistä: {allowed}.</translation>
    </message>
    <message>
        <source>There is no institution &apos;{name}&apos; in vipdesk; add it first.</source>
        <translation>vipdeskissä ei ole korkeakoulua &apos;{name}&apos;; lisää se ensin.</translation>
    </message>
    <message>
        <source>The same e-mail as row {first}.</source>
        <translation>Sama sähköposti kuin rivillä {first}.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is far too many employees.</source>
        <translation>&apos;{text}&apos; on aivan liian monta työntekijää.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a whole number of employees.</source>
        <translation>&apos;{text}&apos; ei ole kokonainen määrä työntekijöitä.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number of employees.</source>
        <translation>&apos;{text}&apos; ei ole työntekijöiden määrä.</translation>
    </message>
    <message>
        <source>The same student number as row {first}.</source>
        <translation>Sama opiskelijanumero kuin rivillä {first}.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is stored as a number but is none.</source>
        <translation>&apos;{text}&apos; on tallennettu lukuna, mutta ei ole luku.</translation>
    </message>
    <message>
        <source>The cell is formatted as a date but {text} is no date.</source>
        <translation>Solu on muotoiltu päivämääräksi, mutta {text} ei ole päivämäärä.</translation>
    </message>
    <message>
        <source>{name} is damaged: its shared strings are not well-formed ({reason}, line {line}). {advice}</source>
        <translation>{name} on vioittunut: sen jaetut merkkijonot eivät ole hyvin muodostettuja ({reason}, rivi {line}). {advice}</translation>
    </message>
    <message>
        <source>{name} is damaged: the sheet &apos;{sheet}&apos; is listed but not where to find it. {advice}</source>
        <translation>{name} on vioittunut: taulukko &apos;{sheet}&apos; on luettelossa, mutta ei sitä, mistä se löytyy. {advice}</translation>
    </message>
    <message>
        <source>row {row} is beyond Excel&apos;s last row</source>
        <translation>rivi {row} on Excelin viimeisen rivin jälkeen</translation>
    </message>
    <message>
        <source>The cell refers to text the file does not hold: damaged.</source>
        <translation>Solu viittaa tekstiin, jota tiedostossa ei ole: vioittunut.</translation>
    </message>
    <message>
        <source>a cell lies beyond Excel&apos;s last column</source>
        <translation>solu on Excelin viimeisen sarakkeen jälkeen</translation>
    </message>
    <message>
        <source>Cannot create the database {name}: the folder {folder} is read-only.</source>
        <translation>Tietokantaa {name} ei voi luoda: kansio {folder} on kirjoitussuojattu.</translation>
    </message>
    <message>
        <source>Cannot make the folder {folder} for the database: {reason}.</source>
        <translation>Tietokannan kansiota {folder} ei voi luoda: {reason}.</translation>
    </message>
    <message>
        <source>The database</source>
        <translation>Tietokanta</translation>
    </message>
    <message>
        <source>The database URL is not understood; write it as {forms}.</source>
        <translation>Tietokannan URL-osoitetta ei ymmärretä; kirjoita se muodossa {forms}.</translation>
    </message>
    <message>
        <source>The database at {url} cannot be reached. Check the network or the server, then try again; nothing you typed has been lost.</source>
        <translation>Tietokantaan osoitteessa {url} ei saada yhteyttä. Tarkista verkko tai palvelin ja yritä uudelleen; mitään kirjoittamaasi ei ole menetetty.</translation>
    </message>
    <message>
        <source>The database is busy: another program is writing to it. Try again in a moment.</source>
        <translation>Tietokanta on varattu: toinen ohjelma kirjoittaa siihen. Yritä hetken päästä uudelleen.</translation>
    </message>
    <message>
        <source>The disk holding {database} is full: free some space, then try again.</source>
        <translation>Levy, jolla {database} on, on täynnä: vapauta tilaa ja yritä uudelleen.</translation>
    </message>
    <message>
        <source>The folder {folder} is read-only: vipdesk needs to write beside the database {name}. Nothing was changed.</source>
        <translation>Kansio {folder} on kirjoitussuojattu: vipdeskin täytyy kirjoittaa tietokannan {name} viereen. Mitään ei muutettu.</translation>
    </message>
    <message>
        <source>The server name {host} is not known: check the host in the database URL and the network.</source>
        <translation>Palvelimen nimeä {host} ei tunneta: tarkista tietokannan URL-osoitteen palvelin ja verkko.</translation>
    </message>
    <message>
        <source>The server {host} asks for a password for user {user}: add it to the database URL (postgresql+psycopg://USER:PASSWORD@HOST/DATABASE).</source>
        <translation>Palvelin {host} pyytää käyttäjän {user} salasanaa: lisää se tietokannan URL-osoitteeseen (postgresql+psycopg://KÄYTTÄJÄ:SALASANA@PALVELIN/TIETOKANTA).</translation>
    </message>
    <message>
        <source>The server {host} has no user {user}: check the user name in the database URL.</source>
        <translation>Palvelimella {host} ei ole käyttäjää {user}: tarkista käyttäjänimi tietokannan URL-osoitteessa.</translation>
    </message>
    <message>
        <source>The server {host} refused the password of user {user}: check the password in the database URL.</source>
        <translation>Palvelin {host} hylkäsi käyttäjän {user} salasanan: tarkista salasana tietokannan URL-osoitteessa.</translation>
    </message>
    <message>
        <source>There is no database &quot;{name}&quot; on the server {host}: check its name in the URL, or ask the administrator to create it.</source>
        <translation>Palvelimella {host} ei ole tietokantaa &quot;{name}&quot;: tarkista sen nimi URL-osoitteessa tai pyydä ylläpitäjää luomaan se.</translation>
    </message>
    <message>
        <source>This database was made by a newer version of vipdesk (schema {schema}). Install the newer vipdesk to open it; it has not been changed.</source>
        <translation>Tämä tietokanta on tehty vipdeskin uudemmalla versiolla (skeema {schema}). Asenna uudempi vipdesk avataksesi sen; sitä ei ole muutettu.</translation>
    </message>
    <message>
        <source>User {user} may not connect to the database &quot;{name}&quot; on {host}: ask the administrator for access.</source>
        <translation>Käyttäjä {user} ei saa muodostaa yhteyttä tietokantaan &quot;{name}&quot; palvelimella {host}: pyydä ylläpitäjältä käyttöoikeutta.</translation>
    </message>
    <message>
        <source>the database</source>
        <translation>tietokanta</translation>
    </message>
    <message>
        <source>vipdesk reaches PostgreSQL through psycopg: write the database URL as postgresql+psycopg://… instead of {scheme}://….</source>
        <translation>vipdesk käyttää PostgreSQL:ää psycopgin kautta: kirjoita tietokannan URL-osoite muodossa postgresql+psycopg://… eikä {scheme}://….</translation>
    </message>
    <message>
        <source>vipdesk works with SQLite files and PostgreSQL servers, not {scheme}://…; write the database URL as {forms}.</source>
        <translation>vipdesk toimii SQLite-tiedostojen ja PostgreSQL-palvelimien kanssa, ei {scheme}://…; kirjoita tietokannan URL-osoite muodossa {forms}.</translation>
    </message>
    <message>
        <source>{database} cannot be read or written: its disk or network drive reported an error or is not available. Check it, then try again.</source>
        <translation>{database}: lukeminen tai kirjoittaminen ei onnistu: levy tai verkkoasema ilmoitti virheestä tai ei ole käytettävissä. Tarkista se ja yritä uudelleen.</translation>
    </message>
    <message>
        <source>{database} holds other data and is not a vipdesk database; it has not been changed.</source>
        <translation>{database} sisältää muita tietoja eikä ole vipdeskin tietokanta; sitä ei ole muutettu.</translation>
    </message>
    <message>
        <source>{database} is damaged: it cannot be read as a database. It has not been changed; open a backup copy instead.</source>
        <translation>{database} on vahingoittunut: sitä ei voi lukea tietokantana. Sitä ei ole muutettu; avaa sen sijaan varmuuskopio.</translation>
    </message>
    <message>
        <source>{database} is not a vipdesk database: it is not a database file at all. It has not been changed.</source>
        <translation>{database} ei ole vipdeskin tietokanta: se ei ole lainkaan tietokantatiedosto. Sitä ei ole muutettu.</translation>
    </message>
    <message>
        <source>{database} is open read-only: vipdesk needs to write to it. Nothing was changed.</source>
        <translation>{database} on avattu vain luku -tilassa: vipdeskin täytyy kirjoittaa siihen. Mitään ei muutettu.</translation>
    </message>
    <message>
        <source>{path} cannot be opened: check that its folder exists and can be written to.</source>
        <translation>{path}: avaaminen ei onnistu: tarkista, että kansio on olemassa ja siihen voi kirjoittaa.</translation>
    </message>
    <message>
        <source>{path} cannot be opened: your account may not read it (file permissions).</source>
        <translation>{path}: avaaminen ei onnistu: tilisi ei saa lukea sitä (tiedoston käyttöoikeudet).</translation>
    </message>
    <message>
        <source>{path} is a folder, not a database file: give the path of a file, such as {example}.</source>
        <translation>{path} on kansio, ei tietokantatiedosto: anna tiedoston polku, esimerkiksi {example}.</translation>
    </message>
    <message>
        <source>{path} is a read-only file: vipdesk needs to write to it. Nothing was changed.</source>
        <translation>{path} on kirjoitussuojattu tiedosto: vipdeskin täytyy kirjoittaa siihen. Mitään ei muutettu.</translation>
    </message>
    <message>
        <source>A trusted certificate cannot be read: {reason}</source>
        <translation>Luotettua varmennetta ei voi lukea: {reason}</translation>
    </message>
    <message>
        <source>ALTERED after signing by {signer}: {changes}</source>
        <translation>MUUTETTU allekirjoituksen jälkeen (allekirjoittaja {signer}): {changes}</translation>
    </message>
    <message>
        <source>ALTERED after signing by {signer}: {changes} ({detail})</source>
        <translation>MUUTETTU allekirjoituksen jälkeen (allekirjoittaja {signer}): {changes} ({detail})</translation>
    </message>
    <message>
        <source>ALTERED: the signed content does not match the signature</source>
        <translation>MUUTETTU: allekirjoitettu sisältö ei vastaa allekirjoitusta</translation>
    </message>
    <message>
        <source>Cannot make a temporary file beside {path}.</source>
        <translation>Tiedoston {path} viereen ei voi luoda väliaikaista tiedostoa.</translation>
    </message>
    <message>
        <source>Cannot open {name}: the passphrase is wrong, or it is not a PKCS#12 key file.</source>
        <translation>Tiedostoa {name} ei voi avata: tunnuslause on väärä, tai se ei ole PKCS#12-avaintiedosto.</translation>
    </message>
    <message>
        <source>Cannot sign {name}: {reason}</source>
        <translation>Tiedostoa {name} ei voi allekirjoittaa: {reason}</translation>
    </message>
    <message>
        <source>Cannot write to {folder}: the folder does not exist; {name} was not saved.</source>
        <translation>Kansioon {folder} ei voi kirjoittaa: kansiota ei ole; tiedostoa {name} ei tallennettu.</translation>
    </message>
    <message>
        <source>Cannot write {name}: it may be open in another program (close it there), or the folder {folder} is read-only. Nothing was saved.</source>
        <translation>Tiedostoa {name} ei voi kirjoittaa: se voi olla auki toisessa ohjelmassa (sulje se siellä), tai kansio {folder} on kirjoitussuojattu. Mitään ei tallennettu.</translation>
    </message>
    <message>
        <source>Cannot write {name}: {reason}. Nothing was saved.</source>
        <translation>Tiedostoa {name} ei voi kirjoittaa: {reason}. Mitään ei tallennettu.</translation>
    </message>
    <message>
        <source>DAMAGED signature: {problem}</source>
        <translation>VAHINGOITTUNUT allekirjoitus: {problem}</translation>
    </message>
    <message>
        <source>No trusted certificate has the fingerprint {fingerprint}.</source>
        <translation>Millään luotetulla varmenteella ei ole sormenjälkeä {fingerprint}.</translation>
    </message>
    <message>
        <source>The disk holding {folder} is full; {name} was not saved.</source>
        <translation>Levy, jolla {folder} on, on täynnä; tiedostoa {name} ei tallennettu.</translation>
    </message>
    <message>
        <source>The scan</source>
        <translation>Skannaus</translation>
    </message>
    <message>
        <source>The scan {name}</source>
        <translation>Skannaus {name}</translation>
    </message>
    <message>
        <source>a different certificate than the one accepted before for {expected} (SHA-256 {fingerprint}…)</source>
        <translation>eri varmenne kuin se, joka hyväksyttiin aiemmin henkilölle {expected} (SHA-256 {fingerprint}…)</translation>
    </message>
    <message>
        <source>an annotation on page {number} changed</source>
        <translation>sivun {number} merkintää muutettu</translation>
    </message>
    <message>
        <source>annotations added on page {number}: {count}</source>
        <translation>merkintöjä lisätty sivulle {number}: {count}</translation>
    </message>
    <message>
        <source>annotations removed from page {number}</source>
        <translation>merkintöjä poistettu sivulta {number}</translation>
    </message>
    <message>
        <source>bytes were appended after the signature</source>
        <translation>allekirjoituksen jälkeen lisättiin tavuja</translation>
    </message>
    <message>
        <source>changes that are not allowed after signing</source>
        <translation>muutoksia, jotka eivät ole sallittuja allekirjoituksen jälkeen</translation>
    </message>
    <message>
        <source>content of page {number} changed</source>
        <translation>sivun {number} sisältöä muutettu</translation>
    </message>
    <message>
        <source>document properties (XMP metadata) changed: {names}</source>
        <translation>asiakirjan ominaisuuksia (XMP-metatiedot) muutettu: {names}</translation>
    </message>
    <message>
        <source>document properties changed: {names}</source>
        <translation>asiakirjan ominaisuuksia muutettu: {names}</translation>
    </message>
    <message>
        <source>document settings changed: {names}</source>
        <translation>asiakirjan asetuksia muutettu: {names}</translation>
    </message>
    <message>
        <source>field {name} changed</source>
        <translation>kenttää {name} muutettu</translation>
    </message>
    <message>
        <source>fonts or images of page {number} changed</source>
        <translation>sivun {number} fontteja tai kuvia muutettu</translation>
    </message>
    <message>
        <source>form field {name} changed its type</source>
        <translation>lomakekentän {name} tyyppi muuttui</translation>
    </message>
    <message>
        <source>form field {name} removed</source>
        <translation>lomakekenttä {name} poistettu</translation>
    </message>
    <message>
        <source>form settings changed: {names}</source>
        <translation>lomakkeen asetuksia muutettu: {names}</translation>
    </message>
    <message>
        <source>intact</source>
        <translation>muuttumaton</translation>
    </message>
    <message>
        <source>intact (certificate not from a trusted authority)</source>
        <translation>muuttumaton (varmenne ei ole luotetulta myöntäjältä)</translation>
    </message>
    <message>
        <source>intact, signer NOT CONFIRMED: {reasons}</source>
        <translation>muuttumaton, allekirjoittajaa EI VAHVISTETTU: {reasons}</translation>
    </message>
    <message>
        <source>intact, signer confirmed</source>
        <translation>muuttumaton, allekirjoittaja vahvistettu</translation>
    </message>
    <message>
        <source>later changes that cannot be read</source>
        <translation>myöhempiä muutoksia, joita ei voi lukea</translation>
    </message>
    <message>
        <source>layout of page {number} changed</source>
        <translation>sivun {number} asettelua muutettu</translation>
    </message>
    <message>
        <source>new appearance for field {name}, its value unchanged</source>
        <translation>kentän {name} ulkoasu uusi, arvo ennallaan</translation>
    </message>
    <message>
        <source>new appearance for the empty signature field {name}</source>
        <translation>tyhjän allekirjoituskentän {name} ulkoasu uusi</translation>
    </message>
    <message>
        <source>new form field {name} added</source>
        <translation>uusi lomakekenttä {name} lisätty</translation>
    </message>
    <message>
        <source>new signature field {name} added</source>
        <translation>uusi allekirjoituskenttä {name} lisätty</translation>
    </message>
    <message>
        <source>new signature field {name} added and signed</source>
        <translation>uusi allekirjoituskenttä {name} lisätty ja allekirjoitettu</translation>
    </message>
    <message>
        <source>nobody on record signs for the {party}</source>
        <translation>kenellekään ei ole kirjattu allekirjoitusta osapuolen puolesta (osapuoli: {party})</translation>
    </message>
    <message>
        <source>pages added or removed ({then} pages when signed, {now} now)</source>
        <translation>sivuja lisätty tai poistettu ({then} sivua allekirjoitettaessa, nyt {now})</translation>
    </message>
    <message>
        <source>signature added in {name}, a field of no party</source>
        <translation>allekirjoitus lisätty kenttään {name}, joka ei kuulu millekään osapuolelle</translation>
    </message>
    <message>
        <source>signed in {field}, which is no party&apos;s field</source>
        <translation>allekirjoitettu kenttään {field}, joka ei kuulu millekään osapuolelle</translation>
    </message>
    <message>
        <source>the certificate is not from an authority this office trusts, and none was accepted before for {expected}</source>
        <translation>varmenne ei ole myöntäjältä, johon tämä toimisto luottaa, eikä henkilölle {expected} ole aiemmin hyväksytty varmennetta</translation>
    </message>
    <message>
        <source>the certificate names {name}, but the {party} is to be signed for by {expected}</source>
        <translation>varmenteessa on nimi {name}, mutta osapuolen puolesta ({party}) allekirjoittaa {expected}</translation>
    </message>
    <message>
        <source>the file is not a document stored in this database, so its signers cannot be compared with the records</source>
        <translation>tiedosto ei ole tähän tietokantaan tallennettu asiakirja, joten sen allekirjoittajia ei voi verrata tietoihin</translation>
    </message>
    <message>
        <source>the signature in {name} was replaced or redrawn</source>
        <translation>kentän {name} allekirjoitus on korvattu tai piirretty uudelleen</translation>
    </message>
    <message>
        <source>{name} cannot be read as a certificate: {reason}</source>
        <translation>Tiedostoa {name} ei voi lukea varmenteena: {reason}</translation>
    </message>
    <message>
        <source>{name} has no signature field for the {party}: export the document from vipdesk.</source>
        <translation>Tiedostossa {name} ei ole allekirjoituskenttää osapuolelle ({party}): vie asiakirja vipdeskistä.</translation>
    </message>
    <message>
        <source>{name} holds no certificate.</source>
        <translation>Tiedostossa {name} ei ole varmennetta.</translation>
    </message>
    <message>
        <source>{name} is already signed for the {party}.</source>
        <translation>{name} on jo allekirjoitettu osapuolen puolesta ({party}).</translation>
    </message>
    <message>
        <source>{name} is damaged: its signature fields cannot be read ({reason}).</source>
        <translation>{name} on vahingoittunut: sen allekirjoituskenttiä ei voi lukea ({reason}).</translation>
    </message>
    <message>
        <source>{scan} is damaged: it cannot be read.</source>
        <translation>{scan} on vahingoittunut: sitä ei voi lukea.</translation>
    </message>
    <message>
        <source>{scan} is empty.</source>
        <translation>{scan} on tyhjä.</translation>
    </message>
    <message>
        <source>{scan} is not a PDF, PNG or JPEG file.</source>
        <translation>{scan} ei ole PDF-, PNG- tai JPEG-tiedosto.</translation>
    </message>
    <message>
        <source>{scan} is over 25 MB.</source>
        <translation>{scan} on yli 25 Mt.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not an amount of money.</source>
        <translation>&apos;{text}&apos; ei ole rahamäärä.</translation>
    </message>
    <message>
        <source>Agreement {reference} is signed by every party and locked: changes are amendments, so there is no fillable version to send.</source>
        <translation>Sopimus {reference} on kaikkien osapuolten allekirjoittama ja lukittu: muutokset tehdään sopimusmuutoksena, joten täytettävää versiota ei ole lähetettävänä.</translation>
    </message>
    <message>
        <source>Cannot read {path}: {reason}.</source>
        <translation>Tiedostoa {path} ei voi lukea: {reason}.</translation>
    </message>
    <message>
        <source>Cannot write to the folder {folder}: {reason}. Choose another folder; no agreement was written.</source>
        <translation>Kansioon {folder} ei voi kirjoittaa: {reason}. Valitse toinen kansio; yhtään sopimusta ei kirjoitettu.</translation>
    </message>
    <message>
        <source>Cannot write {file} into {folder} ({reason}): it may be open in another program. {written} of {count} agreements were written.</source>
        <translation>Tiedostoa {file} ei voi kirjoittaa kansioon {folder} ({reason}): se voi olla auki toisessa ohjelmassa. {written}/{count} sopimusta kirjoitettiin.</translation>
    </message>
    <message>
        <source>Choose at least one change to accept.</source>
        <translation>Valitse vähintään yksi hyväksyttävä muutos.</translation>
    </message>
    <message>
        <source>The actual end is before the actual start.</source>
        <translation>Todellinen päättyminen on ennen todellista alkua.</translation>
    </message>
    <message>
        <source>The agreement is not signed by all parties yet.</source>
        <translation>Kaikki osapuolet eivät ole vielä allekirjoittaneet sopimusta.</translation>
    </message>
    <message>
        <source>The deadline in the task &apos;{task}&apos; is not a date.</source>
        <translation>Tehtävän &apos;{task}&apos; määräaika ei ole päivämäärä.</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist; no agreement was written.</source>
        <translation>Kansiota {folder} ei ole olemassa; yhtään sopimusta ei kirjoitettu.</translation>
    </message>
    <message>
        <source>The returned {field} is longer than {limit} characters (it has {length}).</source>
        <translation>Palautettu kenttä ”{field}” on yli {limit} merkkiä pitkä (siinä on {length}).</translation>
    </message>
    <message>
        <source>The {document} has not been sent for signature yet: no PDF to send.</source>
        <translation>{document} ei ole vielä lähetetty allekirjoitettavaksi: lähetettävää PDF:ää ei ole.</translation>
    </message>
    <message>
        <source>The {document} is not signed by every party yet.</source>
        <translation>Kaikki osapuolet eivät ole vielä allekirjoittaneet: {document}.</translation>
    </message>
    <message>
        <source>There is no placement &apos;{text}&apos; in this database.</source>
        <translation>Tässä tietokannassa ei ole harjoittelua &apos;{text}&apos;.</translation>
    </message>
    <message>
        <source>There is no placement with id {id}.</source>
        <translation>Harjoittelua tunnisteella {id} ei ole.</translation>
    </message>
    <message>
        <source>This agreement document no longer exists.</source>
        <translation>Tätä sopimusasiakirjaa ei ole enää olemassa.</translation>
    </message>
    <message>
        <source>This agreement version is no longer the current one: a later version replaced it, or it was deleted.</source>
        <translation>Tämä sopimuksen versio ei ole enää voimassa oleva: myöhempi versio korvasi sen, tai se poistettiin.</translation>
    </message>
    <message>
        <source>Write the mentor&apos;s evaluation of the trainee: Table D certifies it.</source>
        <translation>Kirjoita mentorin arvio harjoittelijasta: taulukko D vahvistaa sen.</translation>
    </message>
    <message>
        <source>a questionnaire</source>
        <translation>kysely</translation>
    </message>
    <message>
        <source>a traineeship certificate</source>
        <translation>harjoittelutodistus</translation>
    </message>
    <message>
        <source>an agreement</source>
        <translation>sopimus</translation>
    </message>
    <message>
        <source>an amendment to an agreement</source>
        <translation>sopimusmuutos</translation>
    </message>
    <message>
        <source>financial amount</source>
        <translation>tuen määrä</translation>
    </message>
    <message>
        <source>financial support</source>
        <translation>taloudellinen tuki</translation>
    </message>
    <message>
        <source>host department</source>
        <translation>osasto</translation>
    </message>
    <message>
        <source>host insurance</source>
        <translation>vastaanottavan organisaation vakuutus</translation>
    </message>
    <message>
        <source>in kind</source>
        <translation>luontoisetuudet</translation>
    </message>
    <message>
        <source>mentor email</source>
        <translation>mentorin sähköposti</translation>
    </message>
    <message>
        <source>mentor name</source>
        <translation>mentorin nimi</translation>
    </message>
    <message>
        <source>mentor position</source>
        <translation>mentorin asema</translation>
    </message>
    <message>
        <source>nothing of vipdesk</source>
        <translation>ei mitään vipdeskin tunnisteita</translation>
    </message>
    <message>
        <source>tasks</source>
        <translation>tehtävät</translation>
    </message>
    <message>
        <source>{file} carries a damaged vipdesk reference.</source>
        <translation>Tiedoston {file} vipdesk-tunnus on vahingoittunut.</translation>
    </message>
    <message>
        <source>{file} carries the reference {reference} with the placement id {theirs}, but {reference} here is placement {ours}: the file comes from another database, or its properties were changed.</source>
        <translation>Tiedostossa {file} on tunnus {reference} ja harjoittelun tunniste {theirs}, mutta täällä {reference} on harjoittelu {ours}: tiedosto on toisesta tietokannasta tai sen ominaisuuksia on muutettu.</translation>
    </message>
    <message>
        <source>{file} does not match version {version} of agreement {reference} as it was sent: it was made from other content.</source>
        <translation>{file} ei vastaa sopimuksen {reference} versiota {version} sellaisena kuin se lähetettiin: se on tehty muusta sisällöstä.</translation>
    </message>
    <message>
        <source>{file} is damaged and cannot be read as a PDF ({reason}).</source>
        <translation>{file} on vahingoittunut eikä sitä voi lukea PDF-tiedostona ({reason}).</translation>
    </message>
    <message>
        <source>{file} is damaged: its form fields cannot be read ({reason}).</source>
        <translation>{file} on vahingoittunut: sen lomakekenttiä ei voi lukea ({reason}).</translation>
    </message>
    <message>
        <source>{file} is not a PDF file.</source>
        <translation>{file} ei ole PDF-tiedosto.</translation>
    </message>
    <message>
        <source>{file} is not {wanted} exported by vipdesk.</source>
        <translation>{file} ei ole vipdeskin viemä tiedosto: odotettiin asiakirjaa {wanted}.</translation>
    </message>
    <message>
        <source>{file} is protected with a password; ask the sender for an unprotected copy.</source>
        <translation>{file} on suojattu salasanalla; pyydä lähettäjältä suojaamaton kopio.</translation>
    </message>
    <message>
        <source>{file} is the agreement of placement {theirs}, not of {ours}.</source>
        <translation>{file} on harjoittelun {theirs} sopimus, ei harjoittelun {ours}.</translation>
    </message>
    <message>
        <source>{file} is version {version} of agreement {reference}, which is not stored here: export the current version and send that.</source>
        <translation>{file} on sopimuksen {reference} versio {version}, jota ei ole tallennettu tänne: vie nykyinen versio ja lähetä se.</translation>
    </message>
    <message>
        <source>{file} is {found}, not {wanted} exported by vipdesk.</source>
        <translation>{file} on {found}; odotettiin vipdeskin viemää asiakirjaa: {wanted}.</translation>
    </message>
    <message>
        <source>{file} was changed after vipdesk exported it: its vipdesk identifiers say {now}, but the file as exported says {was}. It is refused.</source>
        <translation>Tiedostoa {file} muutettiin sen jälkeen, kun vipdesk vei sen: sen vipdesk-tunnisteet sanovat {now}, mutta viety tiedosto sanoo {was}. Se hylätään.</translation>
    </message>
    <message>
        <source>{file}: the signature in {field} does not hold: {verdict}. The file is not reviewed; ask for the file as it was signed.</source>
        <translation>{file}: kentän {field} allekirjoitus ei ole pätevä: {verdict}. Tiedostoa ei tarkasteta; pyydä tiedosto sellaisena kuin se allekirjoitettiin.</translation>
    </message>
    <message>
        <source>{one} or {other}</source>
        <translation>{one} tai {other}</translation>
    </message>
    <message>
        <source>{reference} (placement {id})</source>
        <translation>{reference} (harjoittelu {id})</translation>
    </message>
    <message>
        <source>{file} asks a questionnaire vipdesk does not know.</source>
        <translation>{file} sisältää kyselyn, jota vipdesk ei tunne.</translation>
    </message>
    <message>
        <source>{file} asks other questions than the {questionnaire} of {reference} as vipdesk has it (the file was altered, or the agreement&apos;s learning outcomes changed since it was sent): it is refused; send a new one.</source>
        <translation>{file} kysyy eri kysymyksiä kuin vipdeskin tuntema {questionnaire} harjoittelulle {reference} (tiedostoa on muutettu, tai sopimuksen oppimistulokset ovat muuttuneet lähettämisen jälkeen): se hylätään; lähetä uusi.</translation>
    </message>
    <message>
        <source>{file} is a questionnaire of placement {reference}, which is not in this database.</source>
        <translation>{file} on harjoittelun {reference} kysely, eikä harjoittelua ole tässä tietokannassa.</translation>
    </message>
    <message>
        <source>{file} is a questionnaire of placement {theirs}, not of {ours}.</source>
        <translation>{file} on harjoittelun {theirs} kysely, ei harjoittelun {ours}.</translation>
    </message>
    <message>
        <source>{file} is in a language vipdesk does not know.</source>
        <translation>{file} on kielellä, jota vipdesk ei tunne.</translation>
    </message>
    <message>
        <source>{file} is not complete: {problems}</source>
        <translation>{file} ei ole täydellinen: {problems}</translation>
    </message>
    <message>
        <source>{file}: its form was altered: {problems}.</source>
        <translation>{file}: lomaketta on muutettu: {problems}.</translation>
    </message>
    <message>
        <source>{file}: {problem}</source>
        <translation>{file}: {problem}</translation>
    </message>
    <message>
        <source>There is no work-list rule &apos;{key}&apos;.</source>
        <translation>Työlistan sääntöä ”{key}” ei ole.</translation>
    </message>
    <message>
        <source>This deleted record can no longer be restored: someone restored it, or it was deleted more than 30 days ago.</source>
        <translation>Tätä poistettua tietuetta ei voi enää palauttaa: joku palautti sen, tai se poistettiin yli 30 päivää sitten.</translation>
    </message>
    <message>
        <source>{what} {name} cannot be restored: what it belongs to (a student, host, funding source or shared cost) was deleted since, or its reference was taken again. Nothing was changed.</source>
        <translation>{what} {name}: palauttaminen ei onnistu: se, mihin tietue kuuluu (opiskelija, vastaanottava organisaatio, rahoituslähde tai jaettu kulu), on sittemmin poistettu, tai sen tunnus on otettu uudelleen käyttöön. Mitään ei muutettu.</translation>
    </message>
    <message>
        <source>“{setting}”: choose from {least} to {most} days.</source>
        <translation>”{setting}”: valitse {least}–{most} päivää.</translation>
    </message>
    <message>
        <source>Synchronous contact as close as possible to meeting in person: video or web conferencing.</source>
        <translation>Synkroninen yhteys, mahdollisimman lähellä kasvokkaista tapaamista: video- tai verkkokokous.</translation>
    </message>
    <message>
        <source>Where the student asks quickly and gets an answer within the agreed reply time.</source>
        <translation>Paikka, jossa opiskelija kysyy nopeasti ja saa vastauksen sovitussa vastausajassa.</translation>
    </message>
    <message>
        <source>Asynchronous and archived: reports, feedback, agreements.</source>
        <translation>Asynkroninen ja arkistoitu: raportit, palaute, sopimukset.</translation>
    </message>
    <message>
        <source>One place where work in progress and deliverables live.</source>
        <translation>Yksi paikka keskeneräiselle työlle ja tuotoksille.</translation>
    </message>
    <message>
        <source>A blog or e-portfolio: it also serves the final assessment.</source>
        <translation>Blogi tai e-portfolio: se palvelee myös loppuarviointia.</translation>
    </message>
    <message>
        <source>Space for informal contact with co-workers: a team channel, a virtual coffee.</source>
        <translation>Tilaa epämuodolliselle yhteydelle työtovereihin: tiimin kanava, virtuaalikahvit.</translation>
    </message>
    <message>
        <source>A low-bandwidth way to reach each other: a phone call can beat the trendy app.</source>
        <translation>Vähän kaistaa vaativa tapa tavoittaa toisensa: puhelu voi voittaa muotisovelluksen.</translation>
    </message>
    <message>
        <source>Common in companies and universities; guests need an invitation to the host&apos;s tenant.</source>
        <translation>Yleinen yrityksissä ja korkeakouluissa; vieraat tarvitsevat kutsun vastaanottavan organisaation ympäristöön.</translation>
    </message>
    <message>
        <source>Joins from a link; some companies block it or allow only their own licence.</source>
        <translation>Liittyminen linkistä; jotkin yritykset estävät sen tai sallivat vain oman lisenssinsä.</translation>
    </message>
    <message>
        <source>Runs in the browser; often blocked where a company standardises on Microsoft.</source>
        <translation>Toimii selaimessa; usein estetty, jos yritys on vakioinut Microsoftin.</translation>
    </message>
    <message>
        <source>Open source, no account, runs in the browser; quality depends on the server used.</source>
        <translation>Avointa lähdekoodia, ei tiliä, toimii selaimessa; laatu riippuu käytetystä palvelimesta.</translation>
    </message>
    <message>
        <source>Frequent in larger companies; joins from a link.</source>
        <translation>Yleinen suuremmissa yrityksissä; liittyminen linkistä.</translation>
    </message>
    <message>
        <source>Channels per topic suit questions and non-task talk; the student needs an invitation to the workspace.</source>
        <translation>Aihekohtaiset kanavat sopivat kysymyksiin ja muuhun kuin työhön liittyvään juttuun; opiskelija tarvitsee kutsun työtilaan.</translation>
    </message>
    <message>
        <source>Everybody has it and it works on weak connections, but it mixes private and work life and uses private phone numbers.</source>
        <translation>Kaikilla on se ja se toimii heikoillakin yhteyksillä, mutta se sekoittaa yksityis- ja työelämän ja käyttää yksityisiä puhelinnumeroita.</translation>
    </message>
    <message>
        <source>Private by design; uses private phone numbers.</source>
        <translation>Yksityisyys suunnittelun lähtökohtana; käyttää yksityisiä puhelinnumeroita.</translation>
    </message>
    <message>
        <source>Asynchronous, archived, works on any connection: the default for reports and formal exchange.</source>
        <translation>Asynkroninen, arkistoitu, toimii millä tahansa yhteydellä: oletus raporteille ja viralliselle viestinnälle.</translation>
    </message>
    <message>
        <source>Works when the internet does not; mind the cost of international calls.</source>
        <translation>Toimii, kun internet ei toimi; huomioi ulkomaanpuhelujen hinta.</translation>
    </message>
    <message>
        <source>The institution&apos;s learning platform: assignments, feedback and an archive for the assessment; host staff need guest access.</source>
        <translation>Korkeakoulun oppimisalusta: tehtävät, palaute ja arkisto arviointia varten; vastaanottavan organisaation henkilöstö tarvitsee vierastunnukset.</translation>
    </message>
    <message>
        <source>The host&apos;s document store; external users need to be invited.</source>
        <translation>Vastaanottavan organisaation dokumenttivarasto; ulkopuoliset käyttäjät on kutsuttava.</translation>
    </message>
    <message>
        <source>Easy sharing by link; check whether the host allows company data there.</source>
        <translation>Helppo jakaa linkillä; tarkista, salliiko vastaanottava organisaatio yrityksen tiedot siellä.</translation>
    </message>
    <message>
        <source>Self-hosted by many universities; guests can be given links or accounts.</source>
        <translation>Monen korkeakoulun itse ylläpitämä; vieraille voi antaa linkkejä tai tunnuksia.</translation>
    </message>
    <message>
        <source>E-portfolio often run next to Moodle; the student decides what mentor and tutor see.</source>
        <translation>E-portfolio, usein Moodlen rinnalla; opiskelija päättää, mitä mentori ja ohjaaja näkevät.</translation>
    </message>
    <message>
        <source>A reflection blog, private or shared with tutor and mentor.</source>
        <translation>Reflektioblogi, yksityinen tai jaettu ohjaajan ja mentorin kanssa.</translation>
    </message>
    <message>
        <source>Telephone</source>
        <translation>Puhelin</translation>
    </message>
    <message>
        <source>Moodle (the university&apos;s LMS)</source>
        <translation>Moodle (korkeakoulun oppimisalusta)</translation>
    </message>
    <message>
        <source>Mahara e-portfolio</source>
        <translation>Mahara e-portfolio</translation>
    </message>
    <message>
        <source>Blog (e.g. WordPress)</source>
        <translation>Blogi (esim. WordPress)</translation>
    </message>
    <message>
        <source>Search students</source>
        <translation>Hae opiskelijoita</translation>
    </message>
    <message>
        <source>Search students…</source>
        <translation>Hae opiskelijoita…</translation>
    </message>
    <message>
        <source>The students, one per row; Enter opens one</source>
        <translation>Opiskelijat, yksi riviä kohti; Enter avaa valitun</translation>
    </message>
    <message>
        <source>Students not loaded</source>
        <translation>Opiskelijoita ei voitu ladata</translation>
    </message>
    <message>
        <source>Cannot open the student</source>
        <translation>Opiskelijaa ei voi avata</translation>
    </message>
    <message>
        <source>Delete student</source>
        <translation>Poista opiskelija</translation>
    </message>
    <message>
        <source>Student not deleted</source>
        <translation>Opiskelijaa ei poistettu</translation>
    </message>
    <message>
        <source>No students yet — press New… to add one</source>
        <translation>Ei vielä opiskelijoita — valitse Uusi… ja lisää ensimmäinen</translation>
    </message>
    <message>
        <source>No students match “{text}”.</source>
        <translation>Hakua ”{text}” vastaavia opiskelijoita ei löytynyt.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln student(s)</source>
        <translation>
            <numerusform>%Ln opiskelija</numerusform>
            <numerusform>%Ln opiskelijaa</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln student(s)</source>
        <translation>
            <numerusform>{shown} / %Ln opiskelijasta</numerusform>
            <numerusform>{shown} / %Ln opiskelijasta</numerusform>
        </translation>
    </message>
    <message>
        <source>Search host organisations</source>
        <translation>Hae vastaanottavia organisaatioita</translation>
    </message>
    <message>
        <source>Search host organisations…</source>
        <translation>Hae vastaanottavia organisaatioita…</translation>
    </message>
    <message>
        <source>Host organisations</source>
        <translation>Vastaanottavat organisaatiot</translation>
    </message>
    <message>
        <source>The host organisations, one per row; Enter opens one</source>
        <translation>Vastaanottavat organisaatiot, yksi riviä kohti; Enter avaa valitun</translation>
    </message>
    <message>
        <source>Host organisations not loaded</source>
        <translation>Vastaanottavia organisaatioita ei voitu ladata</translation>
    </message>
    <message>
        <source>Cannot open the organisation</source>
        <translation>Organisaatiota ei voi avata</translation>
    </message>
    <message>
        <source>Delete organisation</source>
        <translation>Poista organisaatio</translation>
    </message>
    <message>
        <source>Organisation not deleted</source>
        <translation>Organisaatiota ei poistettu</translation>
    </message>
    <message>
        <source>No host organisations yet — press New… to add one</source>
        <translation>Ei vielä vastaanottavia organisaatioita — valitse Uusi… ja lisää ensimmäinen</translation>
    </message>
    <message>
        <source>No host organisations match “{text}”.</source>
        <translation>Hakua ”{text}” vastaavia vastaanottavia organisaatioita ei löytynyt.</translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln host organisation(s)</source>
        <translation>
            <numerusform>{shown} / %Ln vastaanottavasta organisaatiosta</numerusform>
            <numerusform>{shown} / %Ln vastaanottavasta organisaatiosta</numerusform>
        </translation>
    </message>
    <message>
        <source>Search contacts</source>
        <translation>Hae yhteyshenkilöitä</translation>
    </message>
    <message>
        <source>Search contacts…</source>
        <translation>Hae yhteyshenkilöitä…</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Yhteyshenkilöt</translation>
    </message>
    <message>
        <source>The contacts, one per row; Enter opens one</source>
        <translation>Yhteyshenkilöt, yksi riviä kohti; Enter avaa valitun</translation>
    </message>
    <message>
        <source>Contacts not loaded</source>
        <translation>Yhteyshenkilöitä ei voitu ladata</translation>
    </message>
    <message>
        <source>Cannot open the contact</source>
        <translation>Yhteyshenkilöä ei voi avata</translation>
    </message>
    <message>
        <source>Delete contact</source>
        <translation>Poista yhteyshenkilö</translation>
    </message>
    <message>
        <source>Contact not deleted</source>
        <translation>Yhteyshenkilöä ei poistettu</translation>
    </message>
    <message>
        <source>No contacts yet — press New… to add one</source>
        <translation>Ei vielä yhteyshenkilöitä — valitse Uusi… ja lisää ensimmäinen</translation>
    </message>
    <message>
        <source>No contacts match “{text}”.</source>
        <translation>Hakua ”{text}” vastaavia yhteyshenkilöitä ei löytynyt.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln contact(s)</source>
        <translation>
            <numerusform>%Ln yhteyshenkilö</numerusform>
            <numerusform>%Ln yhteyshenkilöä</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln contact(s)</source>
        <translation>
            <numerusform>{shown} / %Ln yhteyshenkilöstä</numerusform>
            <numerusform>{shown} / %Ln yhteyshenkilöstä</numerusform>
        </translation>
    </message>
    <message>
        <source>Search institutions</source>
        <translation>Hae oppilaitoksia</translation>
    </message>
    <message>
        <source>Search institutions…</source>
        <translation>Hae oppilaitoksia…</translation>
    </message>
    <message>
        <source>Institutions</source>
        <translation>Oppilaitokset</translation>
    </message>
    <message>
        <source>The institutions, one per row; Enter opens one</source>
        <translation>Oppilaitokset, yksi riviä kohti; Enter avaa valitun</translation>
    </message>
    <message>
        <source>Institutions not loaded</source>
        <translation>Oppilaitoksia ei voitu ladata</translation>
    </message>
    <message>
        <source>Cannot open the institution</source>
        <translation>Oppilaitosta ei voi avata</translation>
    </message>
    <message>
        <source>Delete institution</source>
        <translation>Poista oppilaitos</translation>
    </message>
    <message>
        <source>Institution not deleted</source>
        <translation>Oppilaitosta ei poistettu</translation>
    </message>
    <message>
        <source>No institutions yet — press New… to add one</source>
        <translation>Ei vielä oppilaitoksia — valitse Uusi… ja lisää ensimmäinen</translation>
    </message>
    <message>
        <source>No institutions match “{text}”.</source>
        <translation>Hakua ”{text}” vastaavia oppilaitoksia ei löytynyt.</translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln institution(s)</source>
        <translation>
            <numerusform>{shown} / %Ln oppilaitoksesta</numerusform>
            <numerusform>{shown} / %Ln oppilaitoksesta</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln question(s) still need an answer, the first: “{question}”</source>
        <translation>
            <numerusform>%Ln kysymys odottaa vielä vastausta: ”{question}”</numerusform>
            <numerusform>%Ln kysymystä odottaa vielä vastausta, ensimmäinen: ”{question}”</numerusform>
        </translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date. Type it as YYYY-MM-DD, e.g. 2026-03-01.</source>
        <translation>&apos;{text}&apos; ei ole päivämäärä. Kirjoita se muodossa VVVV-KK-PP tai P.K.VVVV, esim. 2026-03-01 tai 1.3.2026.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number of credits; type e.g. 15 or 7.5.</source>
        <translation>&apos;{text}&apos; ei ole opintopistemäärä; kirjoita esim. 15 tai 7,5.</translation>
    </message>
</context>
</TS>
