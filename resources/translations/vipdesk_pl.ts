<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pl_PL">
<context>
    <name></name>
    <message>
        <source>Cannot read {name}: {value}.</source>
        <translation>Nie można odczytać {name}: {value}.</translation>
    </message>
    <message>
        <source>Draft agreement</source>
        <translation>Projekt porozumienia</translation>
    </message>
    <message>
        <source>Save the final PDF</source>
        <translation>Zapisz ostateczny PDF</translation>
    </message>
    <message>
        <source>Save the PDF</source>
        <translation>Zapisz PDF</translation>
    </message>
    <message>
        <source>{reference} {title} for HR.pdf</source>
        <translation>{reference} {title} dla HR.pdf</translation>
    </message>
    <message>
        <source>Save the fillable PDF for HR</source>
        <translation>Zapisz PDF do wypełnienia dla HR</translation>
    </message>
    <message>
        <source>Choose the PDF returned by HR</source>
        <translation>Wybierz PDF odesłany przez HR</translation>
    </message>
    <message>
        <source>Import returned PDF</source>
        <translation>Importuj odesłany PDF</translation>
    </message>
    <message>
        <source>Choose a PDF to verify</source>
        <translation>Wybierz PDF do weryfikacji</translation>
    </message>
    <message>
        <source>Verify a PDF</source>
        <translation>Weryfikuj PDF</translation>
    </message>
    <message>
        <source>This placement</source>
        <translation>Ta praktyka</translation>
    </message>
    <message>
        <source>Signed by every party</source>
        <translation>Podpisane przez wszystkie strony</translation>
    </message>
    <message>
        <source>{title} is signed by every party and locked. Its final PDF is archived with SHA-256 {final_sha256}.</source>
        <translation>Dokument {title} został podpisany przez wszystkie strony i zablokowany. Jego ostateczny PDF zarchiwizowano z sumą SHA-256 {final_sha256}.</translation>
    </message>
    <message>
        <source>Save scan</source>
        <translation>Zapisz skan</translation>
    </message>
    <message>
        <source>Save the scan</source>
        <translation>Zapisz skan</translation>
    </message>
    <message>
        <source>No placement is selected</source>
        <translation>Nie wybrano żadnej praktyki</translation>
    </message>
    <message numerus="yes">
        <source>%Ln placement(s)</source>
        <translation>
            <numerusform>%Ln praktyka</numerusform>
            <numerusform>%Ln praktyki</numerusform>
            <numerusform>%Ln praktyk</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The %Ln selected placement(s)</source>
        <translation>
            <numerusform>Wybrana praktyka</numerusform>
            <numerusform>%Ln wybrane praktyki</numerusform>
            <numerusform>%Ln wybranych praktyk</numerusform>
        </translation>
    </message>
    <message>
        <source>The agreements were not exported</source>
        <translation>Nie wyeksportowano porozumień</translation>
    </message>
    <message>
        <source>Cancelled: no agreement was written, the folder is as it was.</source>
        <translation>Anulowano: nie zapisano żadnego porozumienia, folder pozostał bez zmian.</translation>
    </message>
    <message>
        <source>Export agreements</source>
        <translation>Eksportuj porozumienia</translation>
    </message>
    <message>
        <source>The {count} shown with an agreement on file</source>
        <translation>Widoczne z zapisanym porozumieniem ({count})</translation>
    </message>
    <message>
        <source>The {count} shown in the list</source>
        <translation>Widoczne na liście ({count})</translation>
    </message>
    <message>
        <source> ({missing:,} drafted from their records)</source>
        <translation> (w tym {missing:,} przygotowanych na podstawie danych)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Wybierz…</translation>
    </message>
    <message>
        <source>Fillable: the host&apos;s part as form fields, for HR to complete</source>
        <translation>Do wypełnienia: część organizacji przyjmującej jako pola formularza do uzupełnienia przez HR</translation>
    </message>
    <message>
        <source>Agreements of</source>
        <translation>Porozumienia dla</translation>
    </message>
    <message>
        <source>Save into</source>
        <translation>Zapisz w</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Wariant</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Otwórz folder</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Eksportuj</translation>
    </message>
    <message>
        <source>One PDF per placement, named by its reference (e.g. VIP-2027-00042.pdf), ready to send for signature. If you cancel, the folder is left as it was.</source>
        <translation>Jeden PDF na praktykę, nazwany jej numerem (np. VIP-2027-00042.pdf), gotowy do wysłania do podpisu. Po anulowaniu folder pozostaje bez zmian.</translation>
    </message>
    <message>
        <source>Save the agreements into</source>
        <translation>Zapisz porozumienia w</translation>
    </message>
    <message>
        <source>Choose the folder to save the agreements into.</source>
        <translation>Wybierz folder, w którym zostaną zapisane porozumienia.</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>Folder {folder} nie istnieje.</translation>
    </message>
    <message>
        <source>There is no placement to export.</source>
        <translation>Brak praktyk do eksportu.</translation>
    </message>
    <message>
        <source>Writing the agreements of {count}…</source>
        <translation>Zapisywanie porozumień: {count}…</translation>
    </message>
    <message>
        <source>Exporting agreements</source>
        <translation>Eksport porozumień</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %Ln agreement(s) to {folder}.</source>
        <translation>
            <numerusform>Zapisano %Ln porozumienie w {folder}.</numerusform>
            <numerusform>Zapisano %Ln porozumienia w {folder}.</numerusform>
            <numerusform>Zapisano %Ln porozumień w {folder}.</numerusform>
        </translation>
    </message>
    <message>
        <source>{replaced:,} of them replaced earlier files of the same name.</source>
        <translation>Liczba zastąpionych wcześniejszych plików o tej samej nazwie: {replaced:,}.</translation>
    </message>
    <message>
        <source>{count} had been deleted meanwhile and were left out.</source>
        <translation>Liczba praktyk usuniętych w międzyczasie i pominiętych: {count}.</translation>
    </message>
    <message>
        <source>Returned PDF — {name}</source>
        <translation>Odesłany PDF — {name}</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;{name}&lt;/b&gt; differs from the agreement in %n field(s). Tick the changes to accept: they become a new version to send again; the others are left as they are.</source>
        <translation>
            <numerusform>&lt;b&gt;{name}&lt;/b&gt; różni się od porozumienia w %n polu. Zaznacz zmiany do przyjęcia: utworzą nową wersję do ponownego wysłania; pozostałe zostaną bez zmian.</numerusform>
            <numerusform>&lt;b&gt;{name}&lt;/b&gt; różni się od porozumienia w %n polach. Zaznacz zmiany do przyjęcia: utworzą nową wersję do ponownego wysłania; pozostałe zostaną bez zmian.</numerusform>
            <numerusform>&lt;b&gt;{name}&lt;/b&gt; różni się od porozumienia w %n polach. Zaznacz zmiany do przyjęcia: utworzą nową wersję do ponownego wysłania; pozostałe zostaną bez zmian.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; changes no field of the agreement.</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; nie zmienia żadnego pola porozumienia.</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Pole</translation>
    </message>
    <message>
        <source>In vipdesk</source>
        <translation>W vipdesk</translation>
    </message>
    <message>
        <source>In the returned PDF</source>
        <translation>W odesłanym PDF</translation>
    </message>
    <message>
        <source>Signed digitally in this file: &lt;b&gt;{who}&lt;/b&gt;.</source>
        <translation>Podpisane elektronicznie w tym pliku: &lt;b&gt;{who}&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Nobody signed this file digitally.</source>
        <translation>Nikt nie podpisał tego pliku elektronicznie.</translation>
    </message>
    <message>
        <source>Record the {value}&apos;s digital signature</source>
        <translation>Zarejestruj podpis elektroniczny: {value}</translation>
    </message>
    <message>
        <source>&amp;Accept selected</source>
        <translation>&amp;Przyjmij zaznaczone</translation>
    </message>
    <message>
        <source>Amend the agreement</source>
        <translation>Aneks do porozumienia</translation>
    </message>
    <message>
        <source>The signed agreement stays as it is. An amendment records what changes during the placement; all three parties sign it.</source>
        <translation>Podpisane porozumienie pozostaje bez zmian. Aneks określa, co zmienia się w trakcie praktyki; podpisują go wszystkie trzy strony.</translation>
    </message>
    <message>
        <source>e.g. The project moved to a new team; hours reduced.</source>
        <translation>np. Projekt przeniesiono do nowego zespołu; zmniejszono liczbę godzin.</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Powód</translation>
    </message>
    <message>
        <source>&amp;Start amendment</source>
        <translation>&amp;Utwórz aneks</translation>
    </message>
    <message>
        <source>Traineeship certificate</source>
        <translation>Zaświadczenie o odbyciu praktyki</translation>
    </message>
    <message>
        <source>The certificate states what really happened. When did the traineeship actually start and end?</source>
        <translation>Zaświadczenie podaje rzeczywisty przebieg praktyki. Kiedy praktyka faktycznie się rozpoczęła i zakończyła?</translation>
    </message>
    <message>
        <source>Actual start</source>
        <translation>Faktyczny początek</translation>
    </message>
    <message>
        <source>Actual end</source>
        <translation>Faktyczny koniec</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;Dalej</translation>
    </message>
    <message>
        <source>Traineeship certificate {version} — {reference}</source>
        <translation>Zaświadczenie o odbyciu praktyki {version} — {reference}</translation>
    </message>
    <message>
        <source> (read only)</source>
        <translation> (tylko do odczytu)</translation>
    </message>
    <message>
        <source>&lt;b&gt;{trainee_name}&lt;/b&gt; at &lt;b&gt;{host_name}&lt;/b&gt;&lt;br&gt;Planned {planned_start} – {planned_end}, {hours_per_week} h/week, {label}</source>
        <translation>&lt;b&gt;{trainee_name}&lt;/b&gt; w &lt;b&gt;{host_name}&lt;/b&gt;&lt;br&gt;Planowo {planned_start} – {planned_end}, {hours_per_week} godz./tydz., {label}</translation>
    </message>
    <message>
        <source>One task per line</source>
        <translation>Jedno zadanie w wierszu</translation>
    </message>
    <message>
        <source>One learning outcome per line</source>
        <translation>Jeden efekt uczenia się w wierszu</translation>
    </message>
    <message>
        <source>The mentor&apos;s evaluation of the trainee</source>
        <translation>Ocena praktykanta przez mentora</translation>
    </message>
    <message>
        <source>Overall assessment or suggested grade (optional)</source>
        <translation>Ocena ogólna lub proponowany stopień (opcjonalnie)</translation>
    </message>
    <message>
        <source>Tasks carried out</source>
        <translation>Wykonane zadania</translation>
    </message>
    <message>
        <source>Learning outcomes achieved</source>
        <translation>Osiągnięte efekty uczenia się</translation>
    </message>
    <message>
        <source>Mentor&apos;s evaluation</source>
        <translation>Ocena mentora</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>Ocena</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Zapisz</translation>
    </message>
    <message>
        <source>Start a new version?</source>
        <translation>Utworzyć nową wersję?</translation>
    </message>
    <message>
        <source>Start version {value} as a copy of {title}? Version {number} is then superseded: no more signatures are recorded on it, and the new version is sent for signature again.</source>
        <translation>Utworzyć wersję {value} jako kopię dokumentu {title}? Wersja {number} zostanie wtedy zastąpiona: nie będą na niej rejestrowane kolejne podpisy, a nowa wersja zostanie ponownie wysłana do podpisu.</translation>
    </message>
    <message>
        <source>New version</source>
        <translation>Nowa wersja</translation>
    </message>
    <message>
        <source>&amp;Draft agreement…</source>
        <translation>&amp;Przygotuj porozumienie…</translation>
    </message>
    <message>
        <source>&amp;View…</source>
        <translation>Po&amp;każ…</translation>
    </message>
    <message>
        <source>Se&amp;nd for signature…</source>
        <translation>Wyślij &amp;do podpisu…</translation>
    </message>
    <message>
        <source>&amp;Record signature…</source>
        <translation>&amp;Zarejestruj podpis…</translation>
    </message>
    <message>
        <source>Dec&amp;line…</source>
        <translation>&amp;Odrzuć…</translation>
    </message>
    <message>
        <source>Save sc&amp;an…</source>
        <translation>Zapisz &amp;skan…</translation>
    </message>
    <message>
        <source>Save &amp;PDF…</source>
        <translation>Zapisz PD&amp;F…</translation>
    </message>
    <message>
        <source>&amp;Fillable PDF for HR…</source>
        <translation>PDF do wypełnienia dla &amp;HR…</translation>
    </message>
    <message>
        <source>Send &amp;by e-mail…</source>
        <translation>Wyślij &amp;e-mailem…</translation>
    </message>
    <message>
        <source>&amp;Import returned PDF…</source>
        <translation>&amp;Importuj odesłany PDF…</translation>
    </message>
    <message>
        <source>Ne&amp;w version</source>
        <translation>&amp;Nowa wersja</translation>
    </message>
    <message>
        <source>A&amp;mend…</source>
        <translation>&amp;Aneks…</translation>
    </message>
    <message>
        <source>&amp;Certificate…</source>
        <translation>Zaświad&amp;czenie…</translation>
    </message>
    <message>
        <source>V&amp;erify a PDF…</source>
        <translation>Wer&amp;yfikuj PDF…</translation>
    </message>
    <message>
        <source>&lt;b&gt;No agreement yet&lt;/b&gt; — &lt;i&gt;Draft the agreement…&lt;/i&gt; starts version 1 from the placement&apos;s records: parties, dates, tasks, tools and the communication protocol.</source>
        <translation>&lt;b&gt;Brak porozumienia&lt;/b&gt; — &lt;i&gt;Przygotuj porozumienie…&lt;/i&gt; tworzy wersję 1 na podstawie danych praktyki: strony, daty, zadania, narzędzia i protokół komunikacji.</translation>
    </message>
    <message>
        <source>Send it for signature first; then e-mail it to each party.</source>
        <translation>Najpierw należy wysłać dokument do podpisu, a potem e-mailem do każdej ze stron.</translation>
    </message>
    <message>
        <source>A later version replaced it.</source>
        <translation>Dokument został zastąpiony późniejszą wersją.</translation>
    </message>
    <message>
        <source>Select a document in the list first.</source>
        <translation>Najpierw wybierz dokument z listy.</translation>
    </message>
    <message>
        <source>Draft the agreement first.</source>
        <translation>Najpierw przygotuj porozumienie.</translation>
    </message>
    <message>
        <source>No agreement version is open: a returned PDF has nothing to change.</source>
        <translation>Żadna wersja porozumienia nie jest otwarta: odesłany PDF nie ma czego zmienić.</translation>
    </message>
    <message>
        <source>Only once the agreement is signed by every party and locked.</source>
        <translation>Dopiero gdy porozumienie zostanie podpisane przez wszystkie strony i zablokowane.</translation>
    </message>
    <message>
        <source>There is no version to replace yet.</source>
        <translation>Nie ma jeszcze wersji do zastąpienia.</translation>
    </message>
    <message>
        <source>It is out for signature: start a new version to change it.</source>
        <translation>Dokument wysłano do podpisu: aby go zmienić, utwórz nową wersję.</translation>
    </message>
    <message>
        <source>It is signed and locked: changes are amendments.</source>
        <translation>Dokument jest podpisany i zablokowany: zmiany wprowadza się aneksem.</translation>
    </message>
    <message>
        <source>It is not out for signature.</source>
        <translation>Dokumentu nie wysłano do podpisu.</translation>
    </message>
    <message>
        <source>It has no PDF until it is sent for signature.</source>
        <translation>PDF powstaje dopiero po wysłaniu dokumentu do podpisu.</translation>
    </message>
    <message>
        <source>Only agreement versions go to HR as a fillable PDF.</source>
        <translation>Do HR jako PDF do wypełnienia trafiają tylko wersje porozumienia.</translation>
    </message>
    <message>
        <source>Only a draft or a version out for signature goes to HR.</source>
        <translation>Do HR trafia tylko projekt lub wersja wysłana do podpisu.</translation>
    </message>
    <message>
        <source>Select a paper signature (scan attached) in the signatures table.</source>
        <translation>Wybierz w tabeli podpisów podpis papierowy (z załączonym skanem).</translation>
    </message>
    <message>
        <source>Only an agreement version out for signature is replaced.</source>
        <translation>Zastąpić można tylko wersję porozumienia wysłaną do podpisu.</translation>
    </message>
    <message>
        <source>Save the placement first to draft its agreement.</source>
        <translation>Najpierw zapisz praktykę, aby przygotować jej porozumienie.</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stan</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Wysłano</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Zablokowano</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Agreement versions</source>
        <translation>Wersje porozumienia</translation>
    </message>
    <message>
        <source>Each version of the agreement, its state and date</source>
        <translation>Wszystkie wersje porozumienia, ich stan i data</translation>
    </message>
    <message>
        <source>Party</source>
        <translation>Strona</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Podpisujący</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Metoda</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Funkcja</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>Zarejestrowane przez</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>Podpisy</translation>
    </message>
    <message>
        <source>Who signed the chosen version, when and how</source>
        <translation>Kto podpisał wybraną wersję, kiedy i w jaki sposób</translation>
    </message>
    <message>
        <source>M&amp;ore</source>
        <translation>&amp;Więcej</translation>
    </message>
    <message>
        <source>Every action on the agreement, and why some cannot be done now</source>
        <translation>Wszystkie działania dotyczące porozumienia i powody, dla których niektórych nie można teraz wykonać</translation>
    </message>
    <message>
        <source>Edit &amp;draft…</source>
        <translation>Edytuj &amp;projekt…</translation>
    </message>
    <message>
        <source>Why: {note}</source>
        <translation>Powód: {note}</translation>
    </message>
    <message>
        <source>Not sent yet: the signatures are recorded once it is out for signature.</source>
        <translation>Jeszcze nie wysłano: podpisy rejestruje się po wysłaniu dokumentu do podpisu.</translation>
    </message>
    <message>
        <source>Signing order: {order_text}</source>
        <translation>Kolejność podpisów: {order_text}</translation>
    </message>
    <message>
        <source>Next to sign: &lt;b&gt;{value}&lt;/b&gt;</source>
        <translation>Następny podpisujący: &lt;b&gt;{value}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{hex_of}&apos;&gt;Declined by the {party_label}: {reason}&lt;/span&gt; — start a new version to rework it.</source>
        <translation>&lt;span style=&apos;color:{hex_of}&apos;&gt;Odrzucone ({party_label}): {reason}&lt;/span&gt; — aby wprowadzić poprawki, utwórz nową wersję.</translation>
    </message>
    <message>
        <source>SHA-256 of the final PDF: &lt;tt&gt;{final_sha256}&lt;/tt&gt;</source>
        <translation>SHA-256 ostatecznego PDF: &lt;tt&gt;{final_sha256}&lt;/tt&gt;</translation>
    </message>
    <message>
        <source>Send {title} for signature</source>
        <translation>Wyślij do podpisu: {title}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{title}&lt;/b&gt; is frozen when it is sent: its PDF is made and each party signs it in turn. Choose the order in which the parties sign.</source>
        <translation>Po wysłaniu dokument &lt;b&gt;{title}&lt;/b&gt; zostaje zamrożony: powstaje jego PDF, a strony kolejno go podpisują. Wybierz kolejność podpisywania.</translation>
    </message>
    <message>
        <source>Signing order</source>
        <translation>Kolejność podpisów</translation>
    </message>
    <message>
        <source>Who signs first, second, third</source>
        <translation>Kto podpisuje jako pierwszy, drugi, trzeci</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Przenieś w &amp;górę</translation>
    </message>
    <message>
        <source>Move d&amp;own</source>
        <translation>Przenieś w &amp;dół</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Wyślij</translation>
    </message>
    <message>
        <source>Order: {order_text}</source>
        <translation>Kolejność: {order_text}</translation>
    </message>
    <message>
        <source>Not sent — please correct first:
</source>
        <translation>Nie wysłano — najpierw popraw:
</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Dokumenty PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Scans (*.pdf *.png *.jpg *.jpeg)</source>
        <translation>Skany (*.pdf *.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Certificates with their key (*.p12 *.pfx)</source>
        <translation>Certyfikaty z kluczem (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>&amp;Typed approval (by e-mail or letter)</source>
        <translation>&amp;Zgoda wyrażona e-mailem lub listem</translation>
    </message>
    <message>
        <source>&amp;Paper signature, with a scan of the signed page</source>
        <translation>Podpis &amp;na papierze, ze skanem podpisanej strony</translation>
    </message>
    <message>
        <source>Digital: a PDF &amp;returned signed</source>
        <translation>Elektroniczny: PDF &amp;odesłany z podpisem</translation>
    </message>
    <message>
        <source>Digital: sign &amp;here with a certificate (.p12)</source>
        <translation>Elektroniczny: podpisz &amp;tutaj certyfikatem (.p12)</translation>
    </message>
    <message>
        <source>Record signature — {value}</source>
        <translation>Zarejestruj podpis — {value}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{value}&lt;/b&gt; signs &lt;b&gt;{title}&lt;/b&gt;. How did they sign?</source>
        <translation>&lt;b&gt;{value}&lt;/b&gt; podpisuje dokument &lt;b&gt;{title}&lt;/b&gt;. W jaki sposób złożono podpis?</translation>
    </message>
    <message>
        <source>Choose the file…</source>
        <translation>Wybierz plik…</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Przeglądaj…</translation>
    </message>
    <message>
        <source>Used once to sign; never stored</source>
        <translation>Użyte jednorazowo do podpisu; nigdy nie jest przechowywane</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Imię i nazwisko</translation>
    </message>
    <message>
        <source>Date signed</source>
        <translation>Data podpisu</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Plik</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Hasło</translation>
    </message>
    <message>
        <source>&amp;Sign</source>
        <translation>&amp;Podpisz</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>&amp;Zarejestruj</translation>
    </message>
    <message>
        <source>Choose the file.</source>
        <translation>Wybierz plik.</translation>
    </message>
    <message>
        <source>Record an unconfirmed signer?</source>
        <translation>Zarejestrować niepotwierdzonego podpisującego?</translation>
    </message>
    <message>
        <source>{exc}

Record this signature only if you have confirmed who signed (for example by telephone). Your confirmation and the reason are kept in the placement&apos;s history.</source>
        <translation>{exc}

Zarejestruj ten podpis tylko wtedy, gdy potwierdzono, kto podpisał (np. telefonicznie). Potwierdzenie i powód zostaną zachowane w historii praktyki.</translation>
    </message>
    <message>
        <source>Decline — {title}</source>
        <translation>Odrzuć — {title}</translation>
    </message>
    <message>
        <source>A decline is recorded with its reason and &lt;b&gt;resets every other signature&lt;/b&gt; on {title}, digital ones included. Start a new version to change the text.</source>
        <translation>Odrzucenie jest rejestrowane wraz z powodem i &lt;b&gt;kasuje wszystkie inne podpisy&lt;/b&gt; dokumentu {title}, również elektroniczne. Aby zmienić tekst, utwórz nową wersję.</translation>
    </message>
    <message>
        <source>What the party wants changed, in their words</source>
        <translation>Co strona chce zmienić (jej słowami)</translation>
    </message>
    <message>
        <source>&amp;Decline</source>
        <translation>&amp;Odrzuć</translation>
    </message>
    <message>
        <source>Say why the party declines.</source>
        <translation>Podaj, dlaczego strona odrzuca dokument.</translation>
    </message>
    <message>
        <source>Record the decline?</source>
        <translation>Zarejestrować odrzucenie?</translation>
    </message>
    <message>
        <source>Record that the {value} declines? Every signature recorded so far on this version is reset.</source>
        <translation>Zarejestrować odrzucenie przez stronę: {value}? Wszystkie dotąd zarejestrowane podpisy tej wersji zostaną skasowane.</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der);;All files (*)</source>
        <translation>Certyfikaty (*.pem *.crt *.cer *.der);;Wszystkie pliki (*)</translation>
    </message>
    <message>
        <source>Trusted certificates</source>
        <translation>Zaufane certyfikaty</translation>
    </message>
    <message>
        <source>Signatures whose certificate was issued by one of these authorities are confirmed when the signer&apos;s name matches the person recorded for that party.</source>
        <translation>Podpisy, których certyfikat wystawił jeden z tych urzędów certyfikacji, są potwierdzane, gdy nazwisko podpisującego zgadza się z osobą zarejestrowaną dla danej strony.</translation>
    </message>
    <message>
        <source>The authorities whose signatures count as confirmed</source>
        <translation>Urzędy certyfikacji, których podpisy uznaje się za potwierdzone</translation>
    </message>
    <message>
        <source>No certificate is trusted yet: signers are confirmed only by the certificate accepted before for them.</source>
        <translation>Żaden certyfikat nie jest jeszcze zaufany: podpisujący są potwierdzani tylko certyfikatem zaakceptowanym dla nich wcześniej.</translation>
    </message>
    <message>
        <source>&amp;Add certificate file…</source>
        <translation>&amp;Dodaj plik certyfikatu…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Usuń</translation>
    </message>
    <message>
        <source>Trusted from now on: {names}.</source>
        <translation>Zaufane od teraz: {names}.</translation>
    </message>
    <message>
        <source>Trust a certificate</source>
        <translation>Zaufaj certyfikatowi</translation>
    </message>
    <message>
        <source>Trust this certificate no longer?

{text}</source>
        <translation>Przestać ufać temu certyfikatowi?

{text}</translation>
    </message>
    <message>
        <source>&lt;b&gt;DAMAGED signature&lt;/b&gt;</source>
        <translation>&lt;b&gt;USZKODZONY podpis&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;ALTERED after signing by {signer}&lt;/b&gt;: </source>
        <translation>&lt;b&gt;ZMIENIONO po podpisaniu przez {signer}&lt;/b&gt;: </translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;small&gt;{organisation}issued by {issuer}&lt;br&gt;valid {valid_from} to {valid_until}&lt;br&gt;SHA-256 {value}&lt;br&gt;{value2}&lt;/small&gt;</source>
        <translation>&lt;br&gt;&lt;small&gt;{organisation}wydany przez {issuer}&lt;br&gt;ważny od {valid_from} do {valid_until}&lt;br&gt;SHA-256 {value}&lt;br&gt;{value2}&lt;/small&gt;</translation>
    </message>
    <message>
        <source>intact, but &lt;b&gt;signer NOT CONFIRMED&lt;/b&gt;: {reasons}</source>
        <translation>nienaruszony, ale &lt;b&gt;podpisujący NIEPOTWIERDZONY&lt;/b&gt;: {reasons}</translation>
    </message>
    <message>
        <source>intact; signer confirmed</source>
        <translation>nienaruszony; podpisujący potwierdzony</translation>
    </message>
    <message>
        <source>&lt;p&gt;This PDF carries &lt;b&gt;no digital signatures&lt;/b&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Ten PDF nie zawiera &lt;b&gt;żadnych podpisów elektronicznych&lt;/b&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;ALTERED or DAMAGED: this file was changed after it was signed, or a signature is broken.&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;ZMIENIONY lub USZKODZONY: plik zmieniono po podpisaniu albo podpis jest uszkodzony.&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Every signature is intact, but a signer is not confirmed&lt;/b&gt; as the person on record: see the reason below.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Wszystkie podpisy są nienaruszone, ale podpisujący nie został potwierdzony&lt;/b&gt; jako osoba zarejestrowana: powód podano poniżej.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Every signature is intact&lt;/b&gt; and every signer confirmed: nothing was changed after signing.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Wszystkie podpisy są nienaruszone&lt;/b&gt;, a wszyscy podpisujący potwierdzeni: po podpisaniu nic nie zmieniono.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;small&gt;on record: {expected}&lt;/small&gt;</source>
        <translation>&lt;br&gt;&lt;small&gt;zarejestrowano: {expected}&lt;/small&gt;</translation>
    </message>
    <message>
        <source>&lt;table cellspacing=&apos;0&apos; cellpadding=&apos;3&apos; border=&apos;1&apos; style=&apos;border-collapse:collapse&apos;&gt;&lt;tr&gt;&lt;th&gt;Party&lt;/th&gt;&lt;th&gt;Signed by&lt;/th&gt;&lt;th&gt;When&lt;/th&gt;&lt;th&gt;Verdict&lt;/th&gt;&lt;/tr&gt;</source>
        <translation>&lt;table cellspacing=&apos;0&apos; cellpadding=&apos;3&apos; border=&apos;1&apos; style=&apos;border-collapse:collapse&apos;&gt;&lt;tr&gt;&lt;th&gt;Strona&lt;/th&gt;&lt;th&gt;Podpisujący&lt;/th&gt;&lt;th&gt;Kiedy&lt;/th&gt;&lt;th&gt;Wynik&lt;/th&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>{archived_title} has no archived final PDF to compare with.</source>
        <translation>{archived_title}: brak zarchiwizowanego ostatecznego PDF do porównania.</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;This is the archived final PDF&lt;/b&gt; of {archived_title}.&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;To jest zarchiwizowany ostateczny PDF&lt;/b&gt; dokumentu {archived_title}.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;This file differs from the archived final PDF&lt;/b&gt; of {archived_title}.&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Ten plik różni się od zarchiwizowanego ostatecznego PDF&lt;/b&gt; dokumentu {archived_title}.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;{archive}&lt;br&gt;&lt;small&gt;SHA-256 of this file: {sha256}&lt;/small&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;{archive}&lt;br&gt;&lt;small&gt;SHA-256 tego pliku: {sha256}&lt;/small&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Verify — {name}</source>
        <translation>Weryfikacja — {name}</translation>
    </message>
    <message>
        <source>{who}: name</source>
        <translation>{who}: imię i nazwisko</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Stanowisko</translation>
    </message>
    <message>
        <source>{who}: position</source>
        <translation>{who}: stanowisko</translation>
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
        <translation>Strony</translation>
    </message>
    <message>
        <source>Programme</source>
        <comment>the agreement&apos;s section</comment>
        <translation>Program</translation>
    </message>
    <message>
        <source>Tasks and deliverables</source>
        <translation>Zadania i rezultaty</translation>
    </message>
    <message>
        <source>Learning outcomes, monitoring and evaluation</source>
        <translation>Efekty uczenia się, monitorowanie i ocena</translation>
    </message>
    <message>
        <source>Roles and responsibilities</source>
        <translation>Role i obowiązki</translation>
    </message>
    <message>
        <source>Technology</source>
        <translation>Technologia</translation>
    </message>
    <message>
        <source>Host commitments</source>
        <translation>Zobowiązania organizacji przyjmującej</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) to fix before Next.</source>
        <translation>
            <numerusform>%n problem do rozwiązania przed przejściem dalej.</numerusform>
            <numerusform>%n problemy do rozwiązania przed przejściem dalej.</numerusform>
            <numerusform>%n problemów do rozwiązania przed przejściem dalej.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>And see the message(s) in red below.</source>
        <translation>
            <numerusform>Zobacz też komunikat na czerwono poniżej.</numerusform>
            <numerusform>Zobacz też komunikaty na czerwono poniżej.</numerusform>
            <numerusform>Zobacz też komunikaty na czerwono poniżej.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>See the message(s) in red below.</source>
        <translation>
            <numerusform>Zobacz komunikat na czerwono poniżej.</numerusform>
            <numerusform>Zobacz komunikaty na czerwono poniżej.</numerusform>
            <numerusform>Zobacz komunikaty na czerwono poniżej.</numerusform>
        </translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Pozycja</translation>
    </message>
    <message>
        <source>Remove {label}</source>
        <translation>Usuń {label}</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Zadanie</translation>
    </message>
    <message>
        <source>What the trainee does</source>
        <translation>Co robi praktykant</translation>
    </message>
    <message>
        <source>What is handed in</source>
        <translation>Co jest przekazywane</translation>
    </message>
    <message>
        <source>Deliverable</source>
        <translation>Rezultat</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Termin</translation>
    </message>
    <message>
        <source>Deliverable:</source>
        <translation>Rezultat:</translation>
    </message>
    <message>
        <source>Deadline:</source>
        <translation>Termin:</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>Narzędzie</translation>
    </message>
    <message>
        <source>e.g. Microsoft Teams</source>
        <translation>np. Microsoft Teams</translation>
    </message>
    <message>
        <source>e.g. weekly meetings, chat</source>
        <translation>np. cotygodniowe spotkania, czat</translation>
    </message>
    <message>
        <source>Used for</source>
        <translation>Zastosowanie</translation>
    </message>
    <message>
        <source>e.g. tested with all actors on 12 January</source>
        <translation>np. przetestowane ze wszystkimi osobami 12 stycznia</translation>
    </message>
    <message>
        <source>Test status</source>
        <translation>Status testu</translation>
    </message>
    <message>
        <source>Used for:</source>
        <translation>Zastosowanie:</translation>
    </message>
    <message>
        <source>Test status:</source>
        <translation>Status testu:</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Okres</translation>
    </message>
    <message>
        <source>Kind of period</source>
        <translation>Rodzaj okresu</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Pierwszy dzień</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Ostatni dzień</translation>
    </message>
    <message>
        <source>to</source>
        <translation>do</translation>
    </message>
    <message>
        <source>EQF 5 — short cycle</source>
        <translation>EQF 5 — studia krótkiego cyklu</translation>
    </message>
    <message>
        <source>EQF 6 — bachelor</source>
        <translation>EQF 6 — studia I stopnia</translation>
    </message>
    <message>
        <source>EQF 7 — master</source>
        <translation>EQF 7 — studia II stopnia</translation>
    </message>
    <message>
        <source>EQF 8 — doctorate</source>
        <translation>EQF 8 — doktorat</translation>
    </message>
    <message>
        <source>&lt; 250 employees</source>
        <translation>&lt; 250 pracowników</translation>
    </message>
    <message>
        <source>≥ 250 employees</source>
        <translation>≥ 250 pracowników</translation>
    </message>
    <message>
        <source>Filled from the placement&apos;s records: correct anything that is wrong here. Fields marked * are required.</source>
        <translation>Uzupełniono na podstawie danych praktyki: popraw tu wszystko, co się nie zgadza. Pola oznaczone * są wymagane.</translation>
    </message>
    <message>
        <source>Trainee</source>
        <translation>Praktykant</translation>
    </message>
    <message>
        <source>Sending institution</source>
        <translation>Uczelnia wysyłająca</translation>
    </message>
    <message>
        <source>Receiving organisation</source>
        <translation>Organizacja przyjmująca</translation>
    </message>
    <message>
        <source>ISCED-F code and name, e.g. 0311 Economics</source>
        <translation>Kod i nazwa ISCED-F, np. 0311 Ekonomia</translation>
    </message>
    <message>
        <source>Na&amp;me</source>
        <translation>&amp;Imię i nazwisko</translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation>&amp;E-mail</translation>
    </message>
    <message>
        <source>Date of birt&amp;h</source>
        <translation>Data &amp;urodzenia</translation>
    </message>
    <message>
        <source>Nationa&amp;lity</source>
        <translation>&amp;Obywatelstwo</translation>
    </message>
    <message>
        <source>Stud&amp;y cycle</source>
        <translation>Stopie&amp;ń studiów</translation>
    </message>
    <message>
        <source>Field of e&amp;ducation</source>
        <translation>D&amp;ziedzina kształcenia</translation>
    </message>
    <message>
        <source>e.g. B LEUVEN01</source>
        <translation>np. B LEUVEN01</translation>
    </message>
    <message>
        <source>Responsible person</source>
        <translation>Osoba odpowiedzialna</translation>
    </message>
    <message>
        <source>Academic tutor</source>
        <translation>Opiekun uczelniany</translation>
    </message>
    <message>
        <source>Instit&amp;ution</source>
        <translation>I&amp;nstytucja</translation>
    </message>
    <message>
        <source>&amp;Faculty</source>
        <translation>&amp;Wydział</translation>
    </message>
    <message>
        <source>Erasmus &amp;code</source>
        <translation>&amp;Kod Erasmus</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>&amp;Adres</translation>
    </message>
    <message>
        <source>C&amp;ountry</source>
        <translation>K&amp;raj</translation>
    </message>
    <message>
        <source>Responsi&amp;ble person</source>
        <translation>Osoba od&amp;powiedzialna</translation>
    </message>
    <message>
        <source>Academ&amp;ic tutor</source>
        <translation>Opiekun u&amp;czelniany</translation>
    </message>
    <message>
        <source>e.g. Information and communication</source>
        <translation>np. Informacja i komunikacja</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>Osoba kontaktowa</translation>
    </message>
    <message>
        <source>Mentor</source>
        <translation>Mentor</translation>
    </message>
    <message>
        <source>Or&amp;ganisation</source>
        <translation>Or&amp;ganizacja</translation>
    </message>
    <message>
        <source>De&amp;partment</source>
        <translation>Dzia&amp;ł</translation>
    </message>
    <message>
        <source>Addre&amp;ss</source>
        <translation>Adre&amp;s</translation>
    </message>
    <message>
        <source>&amp;Website</source>
        <translation>S&amp;trona WWW</translation>
    </message>
    <message>
        <source>Coun&amp;try</source>
        <translation>Kra&amp;j</translation>
    </message>
    <message>
        <source>Si&amp;ze</source>
        <translation>Wie&amp;lkość</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Sektor</translation>
    </message>
    <message>
        <source>Mento&amp;r</source>
        <translation>&amp;Mentor</translation>
    </message>
    <message>
        <source>Table A: the traineeship&apos;s title, period, hours and mode.</source>
        <translation>Tabela A: tytuł, okres, godziny i tryb praktyki.</translation>
    </message>
    <message>
        <source>What the traineeship is about, in two or three lines</source>
        <translation>Czego dotyczy praktyka — w dwóch lub trzech wierszach</translation>
    </message>
    <message>
        <source>The placement&apos;s planned period: {span}.</source>
        <translation>Planowany okres praktyki: {span}.</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> godz.</translation>
    </message>
    <message>
        <source>&amp;Add a period</source>
        <translation>Dod&amp;aj okres</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Tytuł</translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation>&amp;Opis</translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation>O&amp;kres</translation>
    </message>
    <message>
        <source>&amp;Hours per week</source>
        <translation>&amp;Godziny tygodniowo</translation>
    </message>
    <message>
        <source>M&amp;ode</source>
        <translation>T&amp;ryb</translation>
    </message>
    <message>
        <source>Blended periods</source>
        <translation>Okresy (tryb mieszany)</translation>
    </message>
    <message>
        <source>&apos;{currency}&apos; is not a currency; choose a code such as EUR from the list.</source>
        <translation>„{currency}” nie jest walutą; wybierz z listy kod, np. EUR.</translation>
    </message>
    <message>
        <source>&apos;{level}&apos; is not a language level; choose A1 to C2 or native.</source>
        <translation>„{level}” nie jest poziomem znajomości języka; wybierz od A1 do C2 lub ojczysty.</translation>
    </message>
    <message>
        <source>A blended traineeship needs at least one physical and one virtual period; add a physical one.</source>
        <translation>Praktyka mieszana wymaga co najmniej jednego okresu fizycznego i jednego wirtualnego; dodaj okres fizyczny.</translation>
    </message>
    <message>
        <source>A blended traineeship needs at least one physical and one virtual period; add a virtual one.</source>
        <translation>Praktyka mieszana wymaga co najmniej jednego okresu fizycznego i jednego wirtualnego; dodaj okres wirtualny.</translation>
    </message>
    <message>
        <source>A blended traineeship needs its physical and virtual periods: add them.</source>
        <translation>Praktyka mieszana wymaga okresów fizycznych i wirtualnych: dodaj je.</translation>
    </message>
    <message>
        <source>Add at least one learning outcome: what the trainee will know or be able to do.</source>
        <translation>Dodaj co najmniej jeden efekt uczenia się: co praktykant będzie wiedzieć lub umieć zrobić.</translation>
    </message>
    <message>
        <source>Add at least one line to the communication protocol: when the actors are available, how they report and how fast they reply.</source>
        <translation>Dodaj co najmniej jeden wiersz do protokołu komunikacji: kiedy uczestnicy są dostępni, jak składają raporty i jak szybko odpowiadają.</translation>
    </message>
    <message>
        <source>Add at least one task, with its deliverable and deadline.</source>
        <translation>Dodaj co najmniej jedno zadanie wraz z rezultatem i terminem.</translation>
    </message>
    <message>
        <source>Credits cannot be negative ({credits}).</source>
        <translation>Liczba punktów nie może być ujemna ({credits}).</translation>
    </message>
    <message>
        <source>Describe the evaluation procedure: who evaluates the trainee, when and on what basis.</source>
        <translation>Opisz procedurę oceny: kto ocenia praktykanta, kiedy i na jakiej podstawie.</translation>
    </message>
    <message>
        <source>Describe the monitoring plan: who follows the trainee&apos;s progress, and how often.</source>
        <translation>Opisz plan monitorowania: kto śledzi postępy praktykanta i jak często.</translation>
    </message>
    <message>
        <source>Enter the ECTS credits: a traineeship embedded in the curriculum counts towards the degree.</source>
        <translation>Wpisz punkty ECTS: praktyka będąca częścią programu studiów wlicza się do dyplomu.</translation>
    </message>
    <message>
        <source>Enter the country of the receiving organisation.</source>
        <translation>Wpisz kraj organizacji przyjmującej.</translation>
    </message>
    <message>
        <source>Enter the first day of the traineeship.</source>
        <translation>Wpisz pierwszy dzień praktyki.</translation>
    </message>
    <message>
        <source>Enter the last day of the traineeship.</source>
        <translation>Wpisz ostatni dzień praktyki.</translation>
    </message>
    <message>
        <source>Enter the mentor&apos;s name.</source>
        <translation>Wpisz imię i nazwisko mentora.</translation>
    </message>
    <message>
        <source>Enter the monthly amount of the financial support, or say that there is none.</source>
        <translation>Wpisz miesięczną kwotę wsparcia finansowego albo zaznacz, że go nie ma.</translation>
    </message>
    <message>
        <source>Enter the name of the receiving organisation.</source>
        <translation>Wpisz nazwę organizacji przyjmującej.</translation>
    </message>
    <message>
        <source>Enter the name of the sending institution&apos;s responsible person.</source>
        <translation>Wpisz imię i nazwisko osoby odpowiedzialnej na uczelni wysyłającej.</translation>
    </message>
    <message>
        <source>Enter the name of the sending institution.</source>
        <translation>Wpisz nazwę uczelni wysyłającej.</translation>
    </message>
    <message>
        <source>Enter the title of the traineeship.</source>
        <translation>Wpisz tytuł praktyki.</translation>
    </message>
    <message>
        <source>Enter the trainee&apos;s name.</source>
        <translation>Wpisz imię i nazwisko praktykanta.</translation>
    </message>
    <message>
        <source>Hours per week must be between {low} and {high}; it is {hours}.</source>
        <translation>Liczba godzin tygodniowo musi wynosić od {low} do {high}; podano {hours}.</translation>
    </message>
    <message>
        <source>No period covers {dates}: every day of a blended traineeship is either physical or virtual.</source>
        <translation>Żaden okres nie obejmuje terminu {dates}: każdy dzień praktyki mieszanej jest albo fizyczny, albo wirtualny.</translation>
    </message>
    <message>
        <source>Period {n} (physical, {dates})</source>
        <translation>Okres {n} (fizyczny, {dates})</translation>
    </message>
    <message>
        <source>Period {n} (virtual, {dates})</source>
        <translation>Okres {n} (wirtualny, {dates})</translation>
    </message>
    <message>
        <source>Period {n} needs a first and a last day.</source>
        <translation>Okres {n} wymaga pierwszego i ostatniego dnia.</translation>
    </message>
    <message>
        <source>Task {n} has no description.</source>
        <translation>Zadanie {n} nie ma opisu.</translation>
    </message>
    <message>
        <source>Task {n}&apos;s deadline {deadline} is after the end of the period ({end}).</source>
        <translation>Termin zadania {n} ({deadline}) przypada po zakończeniu okresu ({end}).</translation>
    </message>
    <message>
        <source>Task {n}&apos;s deadline {deadline} is before the start of the period ({start}).</source>
        <translation>Termin zadania {n} ({deadline}) przypada przed rozpoczęciem okresu ({start}).</translation>
    </message>
    <message>
        <source>The certificate must be issued within {low} to {high} weeks after the end (it says {weeks}).</source>
        <translation>Zaświadczenie musi zostać wydane w ciągu {low}–{high} tygodni po zakończeniu (podano: {weeks}).</translation>
    </message>
    <message>
        <source>The duties of the {who} are empty: write at least one, or restore the default text.</source>
        <translation>Lista obowiązków roli „{who}” jest pusta: wpisz co najmniej jeden albo przywróć tekst domyślny.</translation>
    </message>
    <message>
        <source>The monthly amount must be more than 0 (it is {amount}).</source>
        <translation>Kwota miesięczna musi być większa od 0 (podano: {amount}).</translation>
    </message>
    <message>
        <source>The traineeship ends on {end}, after the placement&apos;s planned end ({planned}). Change the date here, or the placement&apos;s planned period first.</source>
        <translation>Praktyka kończy się {end}, po planowanym końcu ({planned}). Zmień datę tutaj albo najpierw planowany okres praktyki.</translation>
    </message>
    <message>
        <source>The traineeship starts on {start}, before the placement&apos;s planned start ({planned}). Change the date here, or the placement&apos;s planned period first.</source>
        <translation>Praktyka zaczyna się {start}, przed planowanym początkiem ({planned}). Zmień datę tutaj albo najpierw planowany okres praktyki.</translation>
    </message>
    <message>
        <source>Tool {n} has no name.</source>
        <translation>Narzędzie {n} nie ma nazwy.</translation>
    </message>
    <message>
        <source>{period} ends before it starts.</source>
        <translation>{period} kończy się, zanim się zaczyna.</translation>
    </message>
    <message>
        <source>{period} is not inside the traineeship ({dates}).</source>
        <translation>{period} nie mieści się w czasie trwania praktyki ({dates}).</translation>
    </message>
    <message>
        <source>{period} overlaps {other}.</source>
        <translation>{period} i {other} nakładają się.</translation>
    </message>
    <message>
        <source>&amp;Add a task</source>
        <translation>Dodaj &amp;zadanie</translation>
    </message>
    <message>
        <source>What the trainee will do, what each task delivers and by when. Deadlines fall inside the period, {span}.</source>
        <translation>Co będzie robić praktykant, jaki rezultat daje każde zadanie i w jakim terminie. Terminy mieszczą się w okresie {span}.</translation>
    </message>
    <message>
        <source>Task {value}&apos;s deadline: {message}</source>
        <translation>Termin zadania {value}: {message}</translation>
    </message>
    <message>
        <source>The knowledge, skills and competences to be acquired, how progress is followed and how the trainee is evaluated.</source>
        <translation>Wiedza, umiejętności i kompetencje do zdobycia, sposób śledzenia postępów i sposób oceny praktykanta.</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Efekt</translation>
    </message>
    <message>
        <source>e.g. Builds churn models in Python</source>
        <translation>np. Tworzy w Pythonie modele odpływu klientów</translation>
    </message>
    <message>
        <source>Add an o&amp;utcome</source>
        <translation>Dodaj e&amp;fekt</translation>
    </message>
    <message>
        <source>Who follows the trainee&apos;s progress, how and how often</source>
        <translation>Kto śledzi postępy praktykanta, jak i jak często</translation>
    </message>
    <message>
        <source>Who evaluates the trainee, when and on what basis</source>
        <translation>Kto ocenia praktykanta, kiedy i na jakiej podstawie</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>Kryterium</translation>
    </message>
    <message>
        <source>e.g. Quality and timeliness of the deliverables</source>
        <translation>np. Jakość i terminowość rezultatów</translation>
    </message>
    <message>
        <source>Add a c&amp;riterion</source>
        <translation>Dodaj k&amp;ryterium</translation>
    </message>
    <message>
        <source>e.g. English</source>
        <translation>np. angielski</translation>
    </message>
    <message>
        <source>level not yet known</source>
        <translation>poziom jeszcze nieznany</translation>
    </message>
    <message>
        <source>at level</source>
        <translation>na poziomie</translation>
    </message>
    <message>
        <source>Learning &amp;outcomes</source>
        <translation>&amp;Efekty uczenia się</translation>
    </message>
    <message>
        <source>&amp;Monitoring plan</source>
        <translation>&amp;Plan monitorowania</translation>
    </message>
    <message>
        <source>&amp;Evaluation</source>
        <translation>&amp;Ocena</translation>
    </message>
    <message>
        <source>Evaluation &amp;criteria</source>
        <translation>&amp;Kryteria oceny</translation>
    </message>
    <message>
        <source>&amp;Language of work</source>
        <translation>&amp;Język pracy</translation>
    </message>
    <message>
        <source>When each actor is available, how and how often the trainee reports, how fast messages are answered, and who is the helpdesk for whom.</source>
        <translation>Kiedy każda z osób jest dostępna, jak i jak często praktykant składa raporty, jak szybko odpowiada się na wiadomości i kto dla kogo jest punktem kontaktowym.</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Wiersz</translation>
    </message>
    <message>
        <source>e.g. Weekly video call with the mentor, Mondays 10:00 CET</source>
        <translation>np. Cotygodniowa wideorozmowa z mentorem, poniedziałki 10:00 CET</translation>
    </message>
    <message>
        <source>&amp;Add a line</source>
        <translation>D&amp;odaj wiersz</translation>
    </message>
    <message>
        <source>One duty per line</source>
        <translation>Jeden obowiązek w wierszu</translation>
    </message>
    <message>
        <source>Restore default text</source>
        <translation>Przywróć tekst domyślny</translation>
    </message>
    <message>
        <source>{role}: name</source>
        <translation>{role}: imię i nazwisko</translation>
    </message>
    <message>
        <source>{role}: duties</source>
        <translation>{role}: obowiązki</translation>
    </message>
    <message>
        <source>Restore the default duties of the {role}</source>
        <translation>Przywróć domyślne obowiązki roli „{role}”</translation>
    </message>
    <message>
        <source>Replace the duties with the standard text</source>
        <translation>Zastąp obowiązki tekstem standardowym</translation>
    </message>
    <message>
        <source>No standard text</source>
        <translation>Brak tekstu standardowego</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Imię i nazwisko:</translation>
    </message>
    <message>
        <source>What the trainee, the mentor, the tutor and the coordinator undertake. One duty per line; edit freely, or restore the standard text.</source>
        <translation>Do czego zobowiązują się praktykant, mentor, opiekun uczelniany i koordynator. Jeden obowiązek w wierszu; tekst można dowolnie edytować lub przywrócić standardowy.</translation>
    </message>
    <message>
        <source>Which tool serves what, and whether it was tested with every actor before the start. Tools chosen in the preparation are listed already.</source>
        <translation>Które narzędzie do czego służy i czy przed rozpoczęciem przetestowano je ze wszystkimi osobami. Narzędzia wybrane podczas przygotowania są już na liście.</translation>
    </message>
    <message>
        <source>&amp;Add a tool</source>
        <translation>Dodaj &amp;narzędzie</translation>
    </message>
    <message>
        <source>Traineeship embedded in the curriculum</source>
        <translation>Praktyka wpisana w program studiów</translation>
    </message>
    <message>
        <source>Voluntary traineeship</source>
        <translation>Praktyka dobrowolna</translation>
    </message>
    <message>
        <source>Traineeship of a recent graduate</source>
        <translation>Praktyka absolwenta</translation>
    </message>
    <message>
        <source>Table B: how the sending institution recognises the traineeship, and the trainee&apos;s insurance.</source>
        <translation>Tabela B: jak uczelnia wysyłająca uznaje praktykę oraz ubezpieczenie praktykanta.</translation>
    </message>
    <message>
        <source>&amp;Embedded in the curriculum</source>
        <translation>&amp;Część programu studiów</translation>
    </message>
    <message>
        <source>&amp;Voluntary traineeship</source>
        <translation>&amp;Praktyka dobrowolna</translation>
    </message>
    <message>
        <source>Recent &amp;graduate</source>
        <translation>Niedawny &amp;absolwent</translation>
    </message>
    <message>
        <source>Recognition</source>
        <translation>Uznanie</translation>
    </message>
    <message>
        <source>ECTS &amp;credits</source>
        <translation>Punkty &amp;ECTS</translation>
    </message>
    <message>
        <source>G&amp;rade</source>
        <translation>&amp;Ocena</translation>
    </message>
    <message>
        <source>&amp;Transcript</source>
        <translation>Wykaz &amp;zaliczeń</translation>
    </message>
    <message>
        <source>&amp;Insurance</source>
        <translation>&amp;Ubezpieczenie</translation>
    </message>
    <message>
        <source>Table C: what the receiving organisation commits to.</source>
        <translation>Tabela C: do czego zobowiązuje się organizacja przyjmująca.</translation>
    </message>
    <message>
        <source>The organisation &amp;pays a monthly allowance of</source>
        <translation>&amp;Organizacja wypłaca miesięczne świadczenie w wysokości</translation>
    </message>
    <message>
        <source>Monthly amount</source>
        <translation>Kwota miesięczna</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Waluta</translation>
    </message>
    <message>
        <source>e.g. a laptop, software licences, access to online tools</source>
        <translation>np. laptop, licencje na oprogramowanie, dostęp do narzędzi online</translation>
    </message>
    <message>
        <source> weeks after the end</source>
        <translation> tyg. po zakończeniu</translation>
    </message>
    <message>
        <source>Financial support</source>
        <translation>Wsparcie finansowe</translation>
    </message>
    <message>
        <source>Support in &amp;kind</source>
        <translation>Wsparcie &amp;rzeczowe</translation>
    </message>
    <message>
        <source>&amp;Certificate within</source>
        <translation>&amp;Zaświadczenie w ciągu</translation>
    </message>
    <message>
        <source>The traineeship certificate is issued {low} to {high} weeks after the end at the latest.</source>
        <translation>Zaświadczenie o odbyciu praktyki jest wydawane najpóźniej {low}–{high} tygodni po zakończeniu.</translation>
    </message>
    <message>
        <source>This version has been sent to the parties and is frozen: it can no longer be changed. Changes need a new version of the agreement.</source>
        <translation>Ta wersja została wysłana do stron i jest zamrożona: nie można jej już zmienić. Zmiany wymagają nowej wersji porozumienia.</translation>
    </message>
    <message>
        <source>{title}; {span}; {hours_per_week} h/week, {value}</source>
        <translation>{title}; {span}; {hours_per_week} godz./tydz., {value}</translation>
    </message>
    <message>
        <source>no role</source>
        <translation>brak roli</translation>
    </message>
    <message>
        <source>no tool listed</source>
        <translation>brak narzędzi</translation>
    </message>
    <message>
        <source>, {credits} ECTS</source>
        <translation>, {credits} ECTS</translation>
    </message>
    <message>
        <source>no allowance</source>
        <translation>bez świadczenia</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Przegląd</translation>
    </message>
    <message>
        <source>Every section at a glance. Finish saves the draft; it stays editable until it is sent.</source>
        <translation>Wszystkie sekcje w skrócie. „Zakończ” zapisuje projekt; można go edytować aż do wysłania.</translation>
    </message>
    <message>
        <source>The language the agreement&apos;s PDF is written in; remembered for this host. Texts vipdesk wrote (default tasks, plans, roles, protocol) follow it when the draft is saved; texts you typed stay as they are.</source>
        <translation>Język, w którym powstaje PDF porozumienia; zapamiętywany dla tej organizacji przyjmującej. Teksty napisane przez vipdesk (domyślne zadania, plany, role, protokół) zmieniają się na ten język przy zapisie wersji roboczej; teksty wpisane przez Ciebie pozostają bez zmian.</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;margin:6px 0&apos;&gt;&lt;span style=&apos;color:{hex_of}&apos;&gt;✘&lt;/span&gt; &lt;b&gt;{title}&lt;/b&gt; — &lt;a href=&apos;{key}&apos;&gt;go to this page&lt;/a&gt;&lt;/p&gt;&lt;ul style=&apos;margin-top:0&apos;&gt;{items}&lt;/ul&gt;</source>
        <translation>&lt;p style=&apos;margin:6px 0&apos;&gt;&lt;span style=&apos;color:{hex_of}&apos;&gt;✘&lt;/span&gt; &lt;b&gt;{title}&lt;/b&gt; — &lt;a href=&apos;{key}&apos;&gt;przejdź do tej strony&lt;/a&gt;&lt;/p&gt;&lt;ul style=&apos;margin-top:0&apos;&gt;{items}&lt;/ul&gt;</translation>
    </message>
    <message numerus="yes">
        <source>%n task(s)</source>
        <translation>
            <numerusform>%n zadanie</numerusform>
            <numerusform>%n zadania</numerusform>
            <numerusform>%n zadań</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n learning outcome(s)</source>
        <translation>
            <numerusform>%n efekt uczenia się</numerusform>
            <numerusform>%n efekty uczenia się</numerusform>
            <numerusform>%n efektów uczenia się</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n evaluation criterion/criteria</source>
        <translation>
            <numerusform>%n kryterium oceny</numerusform>
            <numerusform>%n kryteria oceny</numerusform>
            <numerusform>%n kryteriów oceny</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n wiersz</numerusform>
            <numerusform>%n wiersze</numerusform>
            <numerusform>%n wierszy</numerusform>
        </translation>
    </message>
    <message>
        <source>a monthly allowance, amount not given yet</source>
        <translation>miesięczne świadczenie, kwota jeszcze nie podana</translation>
    </message>
    <message>
        <source>{amount} a month</source>
        <translation>{amount} miesięcznie</translation>
    </message>
    <message numerus="yes">
        <source>{support}; certificate within %n week(s)</source>
        <translation>
            <numerusform>{support}; zaświadczenie w ciągu %n tygodnia</numerusform>
            <numerusform>{support}; zaświadczenie w ciągu %n tygodni</numerusform>
            <numerusform>{support}; zaświadczenie w ciągu %n tygodni</numerusform>
        </translation>
    </message>
    <message>
        <source>Language of the agreement</source>
        <translation>Język porozumienia</translation>
    </message>
    <message>
        <source>With the &amp;English text alongside (bilingual)</source>
        <translation>Z tekstem &amp;angielskim obok (dwujęzyczne)</translation>
    </message>
    <message>
        <source>Each heading and fixed text in both languages; what people typed, once</source>
        <translation>Każdy nagłówek i stały tekst w obu językach; to, co wpisano, raz</translation>
    </message>
    <message>
        <source>&amp;Language of the agreement:</source>
        <translation>&amp;Język porozumienia:</translation>
    </message>
    <message numerus="yes">
        <source>%n section(s) need attention before Finish. Use the links, or Back.</source>
        <translation>
            <numerusform>%n sekcja wymaga uwagi przed „Zakończ”. Użyj linków lub przycisku „Wstecz”.</numerusform>
            <numerusform>%n sekcje wymagają uwagi przed „Zakończ”. Użyj linków lub przycisku „Wstecz”.</numerusform>
            <numerusform>%n sekcji wymaga uwagi przed „Zakończ”. Użyj linków lub przycisku „Wstecz”.</numerusform>
        </translation>
    </message>
    <message>
        <source>Every section is complete. Press Finish to save the draft.</source>
        <translation>Wszystkie sekcje są kompletne. Kliknij „Zakończ”, aby zapisać projekt.</translation>
    </message>
    <message>
        <source>Agreement {reference} — version {version}</source>
        <translation>Porozumienie {reference} — wersja {version}</translation>
    </message>
    <message>
        <source> (sent, read-only)</source>
        <translation> (wysłane, tylko do odczytu)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Zamknij</translation>
    </message>
    <message>
        <source>Every section at a glance, as sent. Close leaves it as it is.</source>
        <translation>Wszystkie sekcje w skrócie, w wersji wysłanej. „Zamknij” niczego nie zmienia.</translation>
    </message>
    <message>
        <source>Draft not saved</source>
        <translation>Nie zapisano projektu</translation>
    </message>
    <message>
        <source>{exc}
What you typed stays on this page.</source>
        <translation>{exc}
Wpisane dane pozostają na tej stronie.</translation>
    </message>
    <message>
        <source>Save the draft?</source>
        <translation>Zapisać projekt?</translation>
    </message>
    <message>
        <source>Save what you typed as a draft before closing?</source>
        <translation>Zapisać wpisane dane jako projekt przed zamknięciem?</translation>
    </message>
    <message>
        <source>Cannot open the demo</source>
        <translation>Nie można otworzyć wersji demonstracyjnej</translation>
    </message>
    <message>
        <source>vipdesk: unexpected error</source>
        <translation>vipdesk: nieoczekiwany błąd</translation>
    </message>
    <message>
        <source>Something went wrong that vipdesk did not expect ({kind}). What you saved is safe. Details are in {value}.</source>
        <translation>W vipdesk wystąpił nieoczekiwany błąd ({kind}). To, co zapisano, jest bezpieczne. Szczegóły w {value}.</translation>
    </message>
    <message>
        <source>vipdesk cannot open the database</source>
        <translation>vipdesk nie może otworzyć bazy danych</translation>
    </message>
    <message>
        <source>Like the &amp;system</source>
        <translation>Jak w &amp;systemie</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Jasny</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Ciemny</translation>
    </message>
    <message>
        <source>Colour &amp;scheme</source>
        <translation>&amp;Schemat kolorów</translation>
    </message>
    <message>
        <source>{value} colours. Panels already open take them in full when opened again, or on the next start.</source>
        <translation>Kolory: {value}. Otwarte już panele przyjmą je w pełni po ponownym otwarciu lub po następnym uruchomieniu.</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Język</translation>
    </message>
    <message>
        <source>vipdesk speaks {language} from the next start.</source>
        <translation>vipdesk będzie używać języka: {language} od następnego uruchomienia.</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>Zmienione przez kogoś innego</translation>
    </message>
    <message>
        <source>another user</source>
        <translation>inny użytkownik</translation>
    </message>
    <message>
        <source>&lt;b&gt;{who}&lt;/b&gt; saved this record after you opened it. Nothing of yours has been saved yet. Compare the two versions, then choose:</source>
        <translation>Rekord został zapisany przez: &lt;b&gt;{who}&lt;/b&gt; już po jego otwarciu tutaj. Wprowadzone tu zmiany nie zostały jeszcze zapisane. Porównaj obie wersje, a następnie wybierz:</translation>
    </message>
    <message>
        <source>Your version</source>
        <translation>Moja wersja</translation>
    </message>
    <message>
        <source>Saved by {who}</source>
        <translation>Zapisana przez: {who}</translation>
    </message>
    <message>
        <source>Reload theirs (drop my edits)</source>
        <translation>Wczytaj tamtą wersję (odrzuć moje zmiany)</translation>
    </message>
    <message>
        <source>Keep mine (save over theirs)</source>
        <translation>Zachowaj moją (zapisz zamiast tamtej)</translation>
    </message>
    <message>
        <source>Back to editing</source>
        <translation>Wróć do edycji</translation>
    </message>
    <message>
        <source>Full name of the person answering</source>
        <translation>Imię i nazwisko osoby odpowiadającej</translation>
    </message>
    <message>
        <source>&amp;Answered by:</source>
        <translation>Osoba &amp;odpowiadająca:</translation>
    </message>
    <message>
        <source>Enter the name of the person who answers.</source>
        <translation>Wpisz imię i nazwisko osoby odpowiadającej.</translation>
    </message>
    <message>
        <source>Answer this question: it is required.</source>
        <translation>Odpowiedz na to pytanie: jest wymagane.</translation>
    </message>
    <message>
        <source>{reached} of {planned}</source>
        <translation>{reached} z {planned}</translation>
    </message>
    <message>
        <source>Save the placement first to record its evaluations.</source>
        <translation>Najpierw zapisz praktykę, aby rejestrować jej ewaluacje.</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Etap</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Kto</translation>
    </message>
    <message>
        <source>Respondent</source>
        <translation>Respondent</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Wynik</translation>
    </message>
    <message>
        <source>Outcomes reached</source>
        <translation>Osiągnięte efekty</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>Zarejestrowano</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Sposób</translation>
    </message>
    <message>
        <source>Evaluations</source>
        <translation>Ewaluacje</translation>
    </message>
    <message>
        <source>Each evaluation, newest first</source>
        <translation>Wszystkie ewaluacje, od najnowszej</translation>
    </message>
    <message>
        <source>&amp;Enter evaluation…</source>
        <translation>&amp;Wprowadź ewaluację…</translation>
    </message>
    <message>
        <source>E&amp;xport questionnaire…</source>
        <translation>E&amp;ksportuj kwestionariusz…</translation>
    </message>
    <message>
        <source>A fillable PDF for the student, the mentor or the tutor</source>
        <translation>PDF do wypełnienia dla studenta, mentora lub opiekuna uczelnianego</translation>
    </message>
    <message>
        <source>&amp;Import returned…</source>
        <translation>&amp;Importuj odesłany…</translation>
    </message>
    <message>
        <source>Read a filled-in questionnaire PDF back, answer by answer</source>
        <translation>Wczytaj wypełniony kwestionariusz PDF, odpowiedź po odpowiedzi</translation>
    </message>
    <message>
        <source>E-mail &amp;questionnaire…</source>
        <translation>Wyślij kwestionariusz &amp;e-mailem…</translation>
    </message>
    <message>
        <source>Send the fillable PDF to the person who answers it</source>
        <translation>Wyślij PDF do wypełnienia osobie, która ma na niego odpowiedzieć</translation>
    </message>
    <message>
        <source>{label} by the {value}</source>
        <translation>{label}: {value}</translation>
    </message>
    <message>
        <source>Every evaluation is in.</source>
        <translation>Wszystkie ewaluacje są już zebrane.</translation>
    </message>
    <message>
        <source>Not yet given: </source>
        <translation>Jeszcze brak: </translation>
    </message>
    <message>
        <source>Enter an evaluation</source>
        <translation>Wprowadź ewaluację</translation>
    </message>
    <message>
        <source>Cannot start the evaluation</source>
        <translation>Nie można rozpocząć ewaluacji</translation>
    </message>
    <message>
        <source>Evaluation not stored</source>
        <translation>Nie zapisano ewaluacji</translation>
    </message>
    <message>
        <source>Export a questionnaire</source>
        <translation>Eksportuj kwestionariusz</translation>
    </message>
    <message>
        <source>E-mail a questionnaire</source>
        <translation>Wyślij kwestionariusz e-mailem</translation>
    </message>
    <message>
        <source>PDF files (*.pdf);;All files (*)</source>
        <translation>Pliki PDF (*.pdf);;Wszystkie pliki (*)</translation>
    </message>
    <message>
        <source>&amp;Questionnaire:</source>
        <translation>&amp;Kwestionariusz:</translation>
    </message>
    <message>
        <source>The questions and the form in this language; a questionnaire not yet translated into it goes out in English</source>
        <translation>Pytania i formularz w tym języku; kwestionariusz, który nie został jeszcze przetłumaczony, zostanie wysłany po angielsku</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Język:</translation>
    </message>
    <message>
        <source>Returned: {title}</source>
        <translation>Odesłany: {title}</translation>
    </message>
    <message>
        <source>{name}: answered by &lt;b&gt;{respondent}&lt;/b&gt; ({value}). Check the answers, then store them.</source>
        <translation>{name}: odpowiada &lt;b&gt;{respondent}&lt;/b&gt; ({value}). Sprawdź odpowiedzi, a następnie je zapisz.</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Pytanie</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Odpowiedź</translation>
    </message>
    <message>
        <source>(no answer)</source>
        <translation>(brak odpowiedzi)</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Odpowiedzi</translation>
    </message>
    <message>
        <source>Each question and the answer read</source>
        <translation>Każde pytanie i odczytana odpowiedź</translation>
    </message>
    <message>
        <source>&amp;Store these answers</source>
        <translation>&amp;Zapisz te odpowiedzi</translation>
    </message>
    <message>
        <source>Save the questionnaire</source>
        <translation>Zapisz kwestionariusz</translation>
    </message>
    <message>
        <source>Questionnaire not saved</source>
        <translation>Nie zapisano kwestionariusza</translation>
    </message>
    <message>
        <source>Returned questionnaire</source>
        <translation>Odesłany kwestionariusz</translation>
    </message>
    <message>
        <source>Not a questionnaire of this placement</source>
        <translation>To nie jest kwestionariusz tej praktyki</translation>
    </message>
    <message>
        <source>Answers not stored</source>
        <translation>Nie zapisano odpowiedzi</translation>
    </message>
    <message>
        <source>Click a bar to list the cost items behind it.</source>
        <translation>Kliknij słupek, aby wyświetlić składające się na niego pozycje kosztów.</translation>
    </message>
    <message>
        <source>Budget against actual per funding source</source>
        <translation>Budżet a wykonanie według źródła finansowania</translation>
    </message>
    <message>
        <source>No funding sources yet.</source>
        <translation>Brak źródeł finansowania.</translation>
    </message>
    <message>
        <source>One placement</source>
        <translation>Jedna praktyka</translation>
    </message>
    <message>
        <source>Shared by year</source>
        <translation>Wspólny, według roku</translation>
    </message>
    <message>
        <source>Shared, chosen</source>
        <translation>Wspólny, wybrane praktyki</translation>
    </message>
    <message>
        <source>All modes</source>
        <translation>Wszystkie tryby</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Rok</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Tryb</translation>
    </message>
    <message>
        <source>Placements sharing it</source>
        <translation>Praktyki, które go współdzielą</translation>
    </message>
    <message>
        <source>Tick the placements that share the cost</source>
        <translation>Zaznacz praktyki, które współdzielą koszt</translation>
    </message>
    <message>
        <source>a placement</source>
        <translation>praktyka</translation>
    </message>
    <message>
        <source>This {what} was changed after you opened it.</source>
        <translation>Ten rekord ({what}) zmieniono po jego otwarciu przez Ciebie.</translation>
    </message>
    <message>
        <source>This {what} was changed by {who} after you opened it.</source>
        <translation>Ten rekord ({what}) zmienił(a) {who} po jego otwarciu przez Ciebie.</translation>
    </message>
    <message>
        <source>agreement</source>
        <translation>porozumienie</translation>
    </message>
    <message>
        <source>base currency</source>
        <translation>waluta bazowa</translation>
    </message>
    <message>
        <source>checklist</source>
        <translation>lista kontrolna</translation>
    </message>
    <message>
        <source>choice of tools</source>
        <translation>wybór narzędzi</translation>
    </message>
    <message>
        <source>cost item</source>
        <translation>pozycja kosztów</translation>
    </message>
    <message>
        <source>e-mail setup</source>
        <translation>ustawienia poczty e-mail</translation>
    </message>
    <message>
        <source>list of office leads</source>
        <translation>lista osób prowadzących w biurze</translation>
    </message>
    <message>
        <source>placement</source>
        <translation>praktyka</translation>
    </message>
    <message>
        <source>student&apos;s equity flags</source>
        <translation>znaczniki równych szans studenta</translation>
    </message>
    <message>
        <source>tool test</source>
        <translation>test narzędzia</translation>
    </message>
    <message>
        <source>work-list day count</source>
        <translation>liczba dni listy zadań</translation>
    </message>
    <message>
        <source>Cost item not saved</source>
        <translation>Nie zapisano pozycji kosztów</translation>
    </message>
    <message>
        <source>e.g. Laptop for the student</source>
        <translation>np. laptop dla studenta</translation>
    </message>
    <message>
        <source>No funding source</source>
        <translation>Brak źródła finansowania</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategoria</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Opis</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Kwota</translation>
    </message>
    <message>
        <source>Staff hours</source>
        <translation>Godziny pracy personelu</translation>
    </message>
    <message>
        <source>Hourly rate</source>
        <translation>Stawka godzinowa</translation>
    </message>
    <message>
        <source>Funding source</source>
        <translation>Źródło finansowania</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Faktura</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Dotyczy</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Udział</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Uwagi</translation>
    </message>
    <message>
        <source>Cost item: {description}</source>
        <translation>Pozycja kosztów: {description}</translation>
    </message>
    <message>
        <source>New cost item</source>
        <translation>Nowa pozycja kosztów</translation>
    </message>
    <message>
        <source>For staff time, enter the hours and hourly rate and leave the amount empty.</source>
        <translation>W przypadku czasu pracy personelu wpisz liczbę godzin i stawkę godzinową, a kwotę pozostaw pustą.</translation>
    </message>
    <message>
        <source>Staff time: {hours} h × {rate} = {format_money}</source>
        <translation>Czas pracy personelu: {hours} godz. × {rate} = {format_money}</translation>
    </message>
    <message>
        <source> (the amount above is used)</source>
        <translation> (używana jest powyższa kwota)</translation>
    </message>
    <message>
        <source>Save the placement first to record its costs.</source>
        <translation>Najpierw zapisz praktykę, aby rejestrować jej koszty.</translation>
    </message>
    <message>
        <source>Costs</source>
        <translation>Koszty</translation>
    </message>
    <message>
        <source>The costs of this placement, one per row</source>
        <translation>Koszty tej praktyki, po jednym w wierszu</translation>
    </message>
    <message>
        <source>New cost item…</source>
        <translation>Nowa pozycja kosztów…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Edytuj…</translation>
    </message>
    <message>
        <source>Cost item</source>
        <translation>Pozycja kosztów</translation>
    </message>
    <message>
        <source>shared</source>
        <translation>wspólny</translation>
    </message>
    <message>
        <source>direct</source>
        <translation>bezpośredni</translation>
    </message>
    <message>
        <source>Amount ({base})</source>
        <translation>Kwota ({base})</translation>
    </message>
    <message>
        <source>No costs recorded for this placement yet.</source>
        <translation>Nie zarejestrowano jeszcze kosztów tej praktyki.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Total {format_money}&lt;/b&gt; — direct {format_money2}, share of shared costs {format_money3}</source>
        <translation>&lt;b&gt;Razem {format_money}&lt;/b&gt; — bezpośrednie {format_money2}, udział w kosztach wspólnych {format_money3}</translation>
    </message>
    <message>
        <source>Not counted anywhere yet: </source>
        <translation>Jeszcze nigdzie nieuwzględnione: </translation>
    </message>
    <message>
        <source>Shared: all{mode} of {share_year} ({label})</source>
        <translation>Wspólny: wszystkie z {share_year}{mode} ({label})</translation>
    </message>
    <message>
        <source>Shared: {count} placements ({label})</source>
        <translation>Wspólny, praktyki: {count} ({label})</translation>
    </message>
    <message>
        <source>Cost items</source>
        <translation>Pozycje kosztów</translation>
    </message>
    <message>
        <source>The placement&apos;s costs, one per row</source>
        <translation>Koszty praktyki, po jednym w wierszu</translation>
    </message>
    <message>
        <source>No cost items yet. Add the first with New….</source>
        <translation>Brak pozycji kosztów. Pierwszą można dodać przyciskiem „Dodaj…”.</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>Dodaj…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Usuń…</translation>
    </message>
    <message>
        <source>Cost items not loaded</source>
        <translation>Nie wczytano pozycji kosztów</translation>
    </message>
    <message>
        <source>Delete cost item</source>
        <translation>Usuń pozycję kosztów</translation>
    </message>
    <message>
        <source>Delete {description}?</source>
        <translation>Usunąć pozycję „{description}”?</translation>
    </message>
    <message>
        <source>Cost item not deleted</source>
        <translation>Nie usunięto pozycji kosztów</translation>
    </message>
    <message>
        <source>Exchange rates</source>
        <translation>Kursy walut</translation>
    </message>
    <message>
        <source>Units of a currency worth 1 {base}, valid from a date until the next rate. A cost is converted at the latest rate on or before its date.</source>
        <translation>Ile jednostek waluty odpowiada 1 {base}; kurs obowiązuje od podanej daty do następnego kursu. Koszt przelicza się po ostatnim kursie z dnia kosztu lub wcześniejszym.</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>Obowiązuje od</translation>
    </message>
    <message>
        <source>Rate (per 1 {base})</source>
        <translation>Kurs (za 1 {base})</translation>
    </message>
    <message>
        <source>Stored rates, newest first</source>
        <translation>Zapisane kursy, od najnowszych</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Kurs</translation>
    </message>
    <message>
        <source>Add rate</source>
        <translation>Dodaj kurs</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>Importuj CSV…</translation>
    </message>
    <message>
        <source>Lines of date,currency,rate, e.g. 2026-01-01,USD,1.0825</source>
        <translation>Wiersze w formacie data,waluta,kurs, np. 2026-01-01,USD,1.0825</translation>
    </message>
    <message>
        <source>Add a rate: currency, valid from, rate</source>
        <translation>Dodaj kurs: waluta, obowiązuje od, kurs</translation>
    </message>
    <message>
        <source>Type the rate as a number, e.g. 1.0825.</source>
        <translation>Wpisz kurs jako liczbę, np. 1.0825.</translation>
    </message>
    <message>
        <source>Enter the date the rate is valid from.</source>
        <translation>Wpisz datę, od której obowiązuje kurs.</translation>
    </message>
    <message>
        <source>Import exchange rates</source>
        <translation>Importuj kursy walut</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Pliki CSV (*.csv);;Wszystkie pliki (*)</translation>
    </message>
    <message>
        <source>{name} could not be read: {exc}</source>
        <translation>Nie można odczytać {name}: {exc}</translation>
    </message>
    <message numerus="yes">
        <source>Stored %n rate(s).</source>
        <translation>
            <numerusform>Zapisano %n kurs.</numerusform>
            <numerusform>Zapisano %n kursy.</numerusform>
            <numerusform>Zapisano %n kursów.</numerusform>
        </translation>
    </message>
    <message>
        <source>Source: {source}</source>
        <translation>Źródło: {source}</translation>
    </message>
    <message>
        <source>Erasmus+ grant</source>
        <translation>Dofinansowanie Erasmus+</translation>
    </message>
    <message>
        <source>By start date</source>
        <translation>Według daty rozpoczęcia</translation>
    </message>
    <message>
        <source>Call {year}</source>
        <translation>Konkurs {year}</translation>
    </message>
    <message>
        <source>The call whose project period covers the placement&apos;s start</source>
        <translation>Konkurs, którego okres realizacji projektu obejmuje rozpoczęcie praktyki</translation>
    </message>
    <message>
        <source>Fewer opportunities</source>
        <translation>Mniejsze szanse</translation>
    </message>
    <message>
        <source>Green travel</source>
        <translation>Zielona podróż</translation>
    </message>
    <message>
        <source>Zero grant</source>
        <translation>Dofinansowanie zerowe</translation>
    </message>
    <message>
        <source>No individual support from Erasmus+ EU funds</source>
        <translation>Bez wsparcia indywidualnego ze środków UE w ramach Erasmus+</translation>
    </message>
    <message>
        <source>Travel days</source>
        <translation>Dni podróży</translation>
    </message>
    <message>
        <source> travel days</source>
        <translation> dni podróży</translation>
    </message>
    <message>
        <source>Extra days of individual support for green travel</source>
        <translation>Dodatkowe dni wsparcia indywidualnego za zieloną podróż</translation>
    </message>
    <message>
        <source>Travel distance</source>
        <translation>Odległość podróży</translation>
    </message>
    <message>
        <source> km</source>
        <translation> km</translation>
    </message>
    <message>
        <source>distance not given</source>
        <translation>nie podano odległości</translation>
    </message>
    <message>
        <source>For short blended stays with fewer opportunities: travel support by distance band</source>
        <translation>Dla krótkich pobytów w trybie mieszanym osób z mniejszymi szansami: wsparcie na podróż według przedziału odległości</translation>
    </message>
    <message>
        <source>Call year:</source>
        <translation>Rok konkursu:</translation>
    </message>
    <message>
        <source>Top-ups:</source>
        <translation>Dodatki:</translation>
    </message>
    <message>
        <source>Travel:</source>
        <translation>Podróż:</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Liczba</translation>
    </message>
    <message>
        <source>Grant lines</source>
        <translation>Pozycje dofinansowania</translation>
    </message>
    <message>
        <source>The grant line by line, with the rule of each</source>
        <translation>Dofinansowanie pozycja po pozycji, z zasadą obliczenia każdej</translation>
    </message>
    <message>
        <source>Record as cost item</source>
        <translation>Zarejestruj jako pozycję kosztów</translation>
    </message>
    <message>
        <source>Save what is paid to the student as a cost of this placement</source>
        <translation>Zapisz kwotę wypłacaną studentowi jako koszt tej praktyki</translation>
    </message>
    <message>
        <source>There are no grant rates to calculate with.</source>
        <translation>Brak stawek dofinansowania do obliczeń.</translation>
    </message>
    <message>
        <source>Source: {note_source}</source>
        <translation>Źródło: {note_source}</translation>
    </message>
    <message>
        <source>, country group {group}</source>
        <translation>, grupa krajów {group}</translation>
    </message>
    <message>
        <source>{physical_days} physical days{counted}{group}. &lt;b&gt;To the student: {format_money}&lt;/b&gt;</source>
        <translation>Dni pobytu fizycznego: {physical_days}{counted}{group}. &lt;b&gt;Dla studenta: {format_money}&lt;/b&gt;</translation>
    </message>
    <message>
        <source> · in all {format_money}</source>
        <translation> · łącznie {format_money}</translation>
    </message>
    <message>
        <source>Grant not recorded</source>
        <translation>Nie zarejestrowano dofinansowania</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n dzień</numerusform>
            <numerusform>%n dni</numerusform>
            <numerusform>%n dni</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n month(s)</source>
        <translation>
            <numerusform>%n miesiąc</numerusform>
            <numerusform>%n miesiące</numerusform>
            <numerusform>%n miesięcy</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n once</source>
        <comment>a grant line paid one time: 1 once</comment>
        <translation>
            <numerusform>%n jednorazowo</numerusform>
            <numerusform>%n jednorazowo</numerusform>
            <numerusform>%n jednorazowo</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n participant(s)</source>
        <translation>
            <numerusform>%n uczestnik</numerusform>
            <numerusform>%n uczestników</numerusform>
            <numerusform>%n uczestników</numerusform>
        </translation>
    </message>
    <message>
        <source>counted as {months} and {days}</source>
        <translation>liczone jako {months} i {days}</translation>
    </message>
    <message>
        <source>Individual support, days {first}–{last}</source>
        <translation>Wsparcie indywidualne, dni {first}–{last}</translation>
    </message>
    <message>
        <source>Give the travel distance to add the travel support.</source>
        <translation>Podaj odległość podróży, aby dodać wsparcie na podróż.</translation>
    </message>
    <message>
        <source>Green travel top-up</source>
        <translation>Dodatek na ekologiczną podróż</translation>
    </message>
    <message>
        <source>Individual support</source>
        <translation>Wsparcie indywidualne</translation>
    </message>
    <message>
        <source>Traineeship top-up</source>
        <translation>Dodatek na praktykę</translation>
    </message>
    <message>
        <source>Fewer opportunities top-up</source>
        <translation>Dodatek dla uczestników z mniejszymi szansami</translation>
    </message>
    <message>
        <source>{days} physical days is less than the {months} months a long-term traineeship needs; only a blended placement with {low} to {high} physical days is funded as short-term.</source>
        <translation>{days} dni fizycznych to mniej niż {months} miesiące wymagane dla praktyki długoterminowej; tylko praktyka mieszana z {low}–{high} dniami fizycznymi jest finansowana jako krótkoterminowa.</translation>
    </message>
    <message>
        <source>A purely virtual placement gets no individual support.</source>
        <translation>Praktyka całkowicie wirtualna nie otrzymuje wsparcia indywidualnego.</translation>
    </message>
    <message>
        <source>{days} physical days is too short: the Programme Guide funds physical stays of {low} days or more ({low} to {high} in a blended placement).</source>
        <translation>{days} dni fizycznych to za mało: Przewodnik po programie finansuje pobyty fizyczne od {low} dni ({low}–{high} w praktyce mieszanej).</translation>
    </message>
    <message>
        <source>A zero-grant participant gets no individual support from Erasmus+ EU funds.</source>
        <translation>Uczestnik bez dofinansowania (zero-grant) nie otrzymuje wsparcia indywidualnego ze środków UE programu Erasmus+.</translation>
    </message>
    <message>
        <source>Organisational support (participant {number})</source>
        <translation>Wsparcie organizacyjne (uczestnik {number})</translation>
    </message>
    <message>
        <source>{days} physical days is more than the {months} months the Programme Guide funds in a study cycle.</source>
        <translation>{days} dni fizycznych to więcej niż {months} miesięcy, które Przewodnik po programie finansuje w jednym cyklu studiów.</translation>
    </message>
    <message>
        <source>This blended placement has no physical period yet, so nothing is funded.</source>
        <translation>Ta praktyka mieszana nie ma jeszcze okresu fizycznego, więc nic nie jest finansowane.</translation>
    </message>
    <message>
        <source>{line}, extra days</source>
        <translation>{line}, dni dodatkowe</translation>
    </message>
    <message>
        <source>Fewer opportunities top-up, {days} physical days</source>
        <translation>Dodatek dla uczestników z mniejszymi szansami, {days} dni fizycznych</translation>
    </message>
    <message>
        <source>Green travel support, {km} km</source>
        <translation>Wsparcie na ekologiczną podróż, {km} km</translation>
    </message>
    <message>
        <source>Travel support, {km} km</source>
        <translation>Wsparcie na podróż, {km} km</translation>
    </message>
    <message>
        <source>No travel support for {km} km: the bands start at 10 km.</source>
        <translation>Brak wsparcia na podróż dla {km} km: przedziały zaczynają się od 10 km.</translation>
    </message>
    <message>
        <source>No travel support: it goes to {who} only.</source>
        <translation>Brak wsparcia na podróż: przysługuje tylko: {who}.</translation>
    </message>
    <message>
        <source>Green travel days</source>
        <translation>Dni podróży ekologicznej</translation>
    </message>
    <message>
        <source>No Erasmus+ rate table covers a start on {day} (vipdesk has {known}); choose a call year.</source>
        <translation>Żadna tabela stawek Erasmus+ nie obejmuje rozpoczęcia {day} (vipdesk zna: {known}); wybierz rok naboru.</translation>
    </message>
    <message>
        <source>{country} is in none of the country groups of the call {year} rates.</source>
        <translation>{country} nie należy do żadnej grupy krajów stawek naboru {year}.</translation>
    </message>
    <message>
        <source>There are no Erasmus+ rates for the call year {year}.</source>
        <translation>Brak stawek Erasmus+ dla roku naboru {year}.</translation>
    </message>
    <message>
        <source>{code} is an outermost region or overseas country or territory: the Programme Guide sets their grants apart and the call {year} table has no rates for them; ask your national agency.</source>
        <translation>{code} to region najbardziej oddalony lub kraj bądź terytorium zamorskie: Przewodnik po programie ustala dla nich osobne kwoty, a tabela naboru {year} ich nie zawiera; zapytaj Narodową Agencję.</translation>
    </message>
    <message>
        <source>call {year}: {start} – {end}</source>
        <translation>nabór {year}: {start} – {end}</translation>
    </message>
    <message>
        <source>The organisational support tiers of this call year end too early.</source>
        <translation>Progi wsparcia organizacyjnego dla tego roku zaproszenia kończą się zbyt wcześnie.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>brak</translation>
    </message>
    <message>
        <source>funding source</source>
        <translation>źródło finansowania</translation>
    </message>
    <message>
        <source>Funding source not saved</source>
        <translation>Nie zapisano źródła finansowania</translation>
    </message>
    <message>
        <source>e.g. Erasmus+ KA131 2026</source>
        <translation>np. Erasmus+ KA131 2026</translation>
    </message>
    <message>
        <source>e.g. the grant agreement number</source>
        <translation>np. numer umowy o dofinansowanie</translation>
    </message>
    <message>
        <source>Name</source>
        <comment>not a person&apos;s</comment>
        <translation>Nazwa</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Rodzaj</translation>
    </message>
    <message>
        <source>Amount awarded</source>
        <translation>Przyznana kwota</translation>
    </message>
    <message>
        <source>Pays from</source>
        <translation>Finansuje od</translation>
    </message>
    <message>
        <source>Pays until</source>
        <translation>Finansuje do</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Numer referencyjny</translation>
    </message>
    <message>
        <source>Budget lines</source>
        <translation>Pozycje budżetu</translation>
    </message>
    <message>
        <source>Funding source: {name}</source>
        <translation>Źródło finansowania: {name}</translation>
    </message>
    <message>
        <source>New funding source</source>
        <translation>Nowe źródło finansowania</translation>
    </message>
    <message numerus="yes">
        <source>%Ln participant(s)</source>
        <translation>
            <numerusform>%Ln uczestnik</numerusform>
            <numerusform>%Ln uczestników</numerusform>
            <numerusform>%Ln uczestników</numerusform>
        </translation>
    </message>
    <message>
        <source>Awarded</source>
        <translation>Przyznano</translation>
    </message>
    <message>
        <source>Spent</source>
        <translation>Wydano</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>Pozostało</translation>
    </message>
    <message>
        <source>overspent</source>
        <translation>przekroczony</translation>
    </message>
    <message>
        <source>Placement</source>
        <translation>Praktyka</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Źródło</translation>
    </message>
    <message>
        <source>New source…</source>
        <translation>Nowe źródło…</translation>
    </message>
    <message>
        <source>Cost items…</source>
        <translation>Pozycje kosztów…</translation>
    </message>
    <message>
        <source>Exchange rates…</source>
        <translation>Kursy walut…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Odśwież</translation>
    </message>
    <message>
        <source>Funding sources</source>
        <translation>Źródła finansowania</translation>
    </message>
    <message>
        <source>Each source: budget, spent, left</source>
        <translation>Każde źródło: budżet, wydano, pozostało</translation>
    </message>
    <message>
        <source>&lt;b&gt;Funding sources&lt;/b&gt;</source>
        <translation>&lt;b&gt;Źródła finansowania&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Spent of the amount awarded&lt;/b&gt;</source>
        <translation>&lt;b&gt;Wydano z przyznanej kwoty&lt;/b&gt;</translation>
    </message>
    <message>
        <source>No costs recorded yet: add cost items to see the cost per participant.</source>
        <translation>Nie zarejestrowano jeszcze kosztów: dodaj pozycje kosztów, aby zobaczyć koszt na uczestnika.</translation>
    </message>
    <message>
        <source>Cost per participant by mode</source>
        <translation>Koszt na uczestnika według trybu</translation>
    </message>
    <message>
        <source>Cost per participant by year</source>
        <translation>Koszt na uczestnika według roku</translation>
    </message>
    <message>
        <source>Click a bar or select a source to list the cost items behind it.</source>
        <translation>Kliknij słupek lub wybierz źródło, aby wyświetlić składające się na nie pozycje kosztów.</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Szczegóły</translation>
    </message>
    <message>
        <source>What the chosen bar or source is made of</source>
        <translation>Z czego składa się wybrany słupek lub źródło</translation>
    </message>
    <message>
        <source>Funding not loaded</source>
        <translation>Nie wczytano finansowania</translation>
    </message>
    <message>
        <source>{spent} of {awarded}</source>
        <translation>{spent} z {awarded}</translation>
    </message>
    <message>
        <source> — overspent</source>
        <translation> — przekroczono</translation>
    </message>
    <message>
        <source>Not counted: {value}</source>
        <translation>Nieuwzględnione: {value}</translation>
    </message>
    <message>
        <source>Not counted:
• </source>
        <translation>Nieuwzględnione:
• </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;{title}&lt;/b&gt;: %n cost item(s), {total} in all</source>
        <translation>
            <numerusform>&lt;b&gt;{title}&lt;/b&gt;: %n pozycja kosztów, łącznie {total}</numerusform>
            <numerusform>&lt;b&gt;{title}&lt;/b&gt;: %n pozycje kosztów, łącznie {total}</numerusform>
            <numerusform>&lt;b&gt;{title}&lt;/b&gt;: %n pozycji kosztów, łącznie {total}</numerusform>
        </translation>
    </message>
    <message>
        <source>{label} ({what}), {participants} participants</source>
        <translation>{label} ({what}), uczestnicy: {participants}</translation>
    </message>
    <message>
        <source>Cannot open the funding source</source>
        <translation>Nie można otworzyć źródła finansowania</translation>
    </message>
    <message>
        <source>Delete funding source</source>
        <translation>Usuń źródło finansowania</translation>
    </message>
    <message>
        <source>Delete {name}?</source>
        <translation>Usunąć {name}?</translation>
    </message>
    <message>
        <source>Funding source not deleted</source>
        <translation>Nie usunięto źródła finansowania</translation>
    </message>
    <message>
        <source>Anywhere</source>
        <translation>Wszędzie</translation>
    </message>
    <message>
        <source>The user guide, at the section of what you are looking at</source>
        <translation>Podręcznik użytkownika, w sekcji dotyczącej bieżącego widoku</translation>
    </message>
    <message>
        <source>Alt + underlined letter</source>
        <translation>Alt + podkreślona litera</translation>
    </message>
    <message>
        <source>The menu, button, tab or field of that letter</source>
        <translation>Menu, przycisk, karta lub pole oznaczone tą literą</translation>
    </message>
    <message>
        <source>Tab / Shift+Tab</source>
        <translation>Tab / Shift+Tab</translation>
    </message>
    <message>
        <source>The next / previous control</source>
        <translation>Następny / poprzedni element</translation>
    </message>
    <message>
        <source>Tables</source>
        <translation>Tabele</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Open the selected placement or record</source>
        <translation>Otwiera wybraną praktykę lub rekord</translation>
    </message>
    <message>
        <source>Arrow keys, Page Up/Down</source>
        <translation>Strzałki, Page Up/Down</translation>
    </message>
    <message>
        <source>Move through the rows</source>
        <translation>Przechodzi między wierszami</translation>
    </message>
    <message>
        <source>Tab bars</source>
        <translation>Paski kart</translation>
    </message>
    <message>
        <source>Ctrl+Tab / Ctrl+Shift+Tab</source>
        <translation>Ctrl+Tab / Ctrl+Shift+Tab</translation>
    </message>
    <message>
        <source>The next / previous tab</source>
        <translation>Następna / poprzednia karta</translation>
    </message>
    <message>
        <source>Placement editor</source>
        <translation>Edytor praktyki</translation>
    </message>
    <message>
        <source>Save the placement</source>
        <translation>Zapisuje praktykę</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Close; unsaved changes are asked about</source>
        <translation>Zamyka; pyta o niezapisane zmiany</translation>
    </message>
    <message>
        <source>Pickers</source>
        <translation>Listy wyboru</translation>
    </message>
    <message>
        <source>Down, then Enter</source>
        <translation>Strzałka w dół, potem Enter</translation>
    </message>
    <message>
        <source>List the matches of what you typed and take one</source>
        <translation>Wyświetla pozycje pasujące do wpisanego tekstu i wybiera jedną</translation>
    </message>
    <message>
        <source>Date fields</source>
        <translation>Pola daty</translation>
    </message>
    <message>
        <source>Type the date</source>
        <translation>Wpisz datę</translation>
    </message>
    <message>
        <source>YYYY-MM-DD, DD/MM/YYYY or DD.MM.YYYY</source>
        <translation>RRRR-MM-DD, DD/MM/RRRR lub DD.MM.RRRR</translation>
    </message>
    <message>
        <source>Text boxes</source>
        <translation>Pola tekstowe</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tab</translation>
    </message>
    <message>
        <source>Moves on (a text box never keeps Tab)</source>
        <translation>Przechodzi dalej (pole tekstowe nigdy nie przechwytuje klawisza Tab)</translation>
    </message>
    <message>
        <source>Wizards</source>
        <translation>Kreatory</translation>
    </message>
    <message>
        <source>Alt+N / Alt+B</source>
        <translation>Alt+D / Alt+W</translation>
    </message>
    <message>
        <source>Next / Back page</source>
        <translation>Następna / poprzednia strona</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Skróty klawiaturowe</translation>
    </message>
    <message>
        <source>Where, which keys, what they do</source>
        <translation>Gdzie, jakie klawisze, co robią</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Gdzie</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Klawisze</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Działanie</translation>
    </message>
    <message>
        <source>vipdesk user guide</source>
        <translation>Podręcznik użytkownika vipdesk</translation>
    </message>
    <message>
        <source>Search the guide</source>
        <translation>Szukaj w podręczniku</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Spis treści</translation>
    </message>
    <message>
        <source>No section mentions this.</source>
        <translation>Żadna sekcja o tym nie wspomina.</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>&amp;Podręcznik użytkownika</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <source>Stopping… nothing will be changed.</source>
        <translation>Zatrzymywanie… nic nie zostanie zmienione.</translation>
    </message>
    <message>
        <source> ({done:,} of {total:,})</source>
        <translation> ({done:,} z {total:,})</translation>
    </message>
    <message>
        <source>It was not done</source>
        <translation>Nie wykonano</translation>
    </message>
    <message>
        <source>Cancelled: nothing was changed.</source>
        <translation>Anulowano: nic nie zmieniono.</translation>
    </message>
    <message>
        <source>Send by e-mail</source>
        <translation>Wyślij e-mailem</translation>
    </message>
    <message>
        <source>{party_label}: the PDF to sign</source>
        <translation>{party_label}: PDF do podpisu</translation>
    </message>
    <message>
        <source>{party_label}: the fillable PDF for HR</source>
        <translation>{party_label}: PDF do wypełnienia dla HR</translation>
    </message>
    <message>
        <source>The message is shown before it goes; you can change it there.</source>
        <translation>Wiadomość zostanie wyświetlona przed wysłaniem; można ją tam zmienić.</translation>
    </message>
    <message>
        <source>&amp;Send to:</source>
        <translation>&amp;Wyślij do:</translation>
    </message>
    <message>
        <source>The message&apos;s wording and dates in this language</source>
        <translation>Treść i daty wiadomości w tym języku</translation>
    </message>
    <message>
        <source>Language of the message</source>
        <translation>Język wiadomości</translation>
    </message>
    <message>
        <source>&amp;Message in:</source>
        <translation>&amp;Wiadomość w języku:</translation>
    </message>
    <message>
        <source>Every party has signed {title}.</source>
        <translation>Wszystkie strony podpisały: {title}.</translation>
    </message>
    <message>
        <source>No mail server is set (Settings → E-mail): open the message in your mail program, or save it as a file. It is not kept in the outbox.</source>
        <translation>Nie skonfigurowano serwera poczty (Ustawienia → E-mail): otwórz wiadomość w programie pocztowym lub zapisz ją jako plik. Nie zostanie zachowana w skrzynce nadawczej.</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Do</translation>
    </message>
    <message>
        <source>Cc</source>
        <translation>DW</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Temat</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Wiadomość</translation>
    </message>
    <message>
        <source>Attached files</source>
        <translation>Załączone pliki</translation>
    </message>
    <message>
        <source>The files sent with it</source>
        <translation>Pliki wysyłane razem z wiadomością</translation>
    </message>
    <message>
        <source>Attached:</source>
        <translation>Załączniki:</translation>
    </message>
    <message>
        <source>From {sender}</source>
        <translation>Od: {sender}</translation>
    </message>
    <message>
        <source>&amp;Open in mail program</source>
        <translation>&amp;Otwórz w programie pocztowym</translation>
    </message>
    <message>
        <source>Save as .&amp;eml…</source>
        <translation>Zapisz jako .&amp;eml…</translation>
    </message>
    <message>
        <source>&amp;Message:</source>
        <translation>&amp;Wiadomość:</translation>
    </message>
    <message>
        <source>Save the message</source>
        <translation>Zapisz wiadomość</translation>
    </message>
    <message>
        <source>E-mail (*.eml)</source>
        <translation>E-mail (*.eml)</translation>
    </message>
    <message>
        <source>Open in mail program</source>
        <translation>Otwórz w programie pocztowym</translation>
    </message>
    <message>
        <source>No mail program opened it. The message is saved as {path}: attach or open it from there.</source>
        <translation>Żaden program pocztowy nie otworzył wiadomości. Zapisano ją jako {path}: można ją stamtąd załączyć lub otworzyć.</translation>
    </message>
    <message>
        <source>No e-mail yet. Messages sent from a placement (agreements, questionnaires, reminders) show here.</source>
        <translation>Brak wiadomości e-mail. Pojawią się tu wiadomości wysłane z praktyki (porozumienia, kwestionariusze, przypomnienia).</translation>
    </message>
    <message>
        <source>Failed ({attempts} tries)</source>
        <translation>Niepowodzenie (próby: {attempts})</translation>
    </message>
    <message>
        <source>Failed</source>
        <comment>a message that could not be sent</comment>
        <translation>Niepowodzenie</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Kiedy</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Co się stało</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Skrzynka nadawcza</translation>
    </message>
    <message>
        <source>Every e-mail and what became of it</source>
        <translation>Wszystkie e-maile i ich los</translation>
    </message>
    <message>
        <source>&amp;Send queued now</source>
        <translation>&amp;Wyślij teraz oczekujące</translation>
    </message>
    <message>
        <source>Re&amp;try</source>
        <translation>&amp;Ponów</translation>
    </message>
    <message>
        <source>&amp;Cancel sending</source>
        <translation>&amp;Anuluj wysyłanie</translation>
    </message>
    <message>
        <source>&amp;Read…</source>
        <translation>&amp;Czytaj…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s)</source>
        <translation>
            <numerusform>%Ln wiadomość</numerusform>
            <numerusform>%Ln wiadomości</numerusform>
            <numerusform>%Ln wiadomości</numerusform>
        </translation>
    </message>
    <message>
        <source>From: {value}
To: {value2}
</source>
        <translation>Od: {value}
Do: {value2}
</translation>
    </message>
    <message>
        <source>Cc: {value}
</source>
        <translation>DW: {value}
</translation>
    </message>
    <message>
        <source>Subject: {value}
</source>
        <translation>Temat: {value}
</translation>
    </message>
    <message>
        <source>Attached: {join}
</source>
        <translation>Załączniki: {join}
</translation>
    </message>
    <message>
        <source>State: {state}</source>
        <translation>Stan: {state}</translation>
    </message>
    <message>
        <source>Send reminders</source>
        <translation>Wyślij przypomnienia</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n reminder(s)&lt;/b&gt; due today.</source>
        <translation>
            <numerusform>&lt;b&gt;%n przypomnienie&lt;/b&gt; na dziś.</numerusform>
            <numerusform>&lt;b&gt;%n przypomnienia&lt;/b&gt; na dziś.</numerusform>
            <numerusform>&lt;b&gt;%n przypomnień&lt;/b&gt; na dziś.</numerusform>
        </translation>
    </message>
    <message>
        <source>{reminded_lately} item(s) were reminded in the last 7 days.</source>
        <translation>Pozycje, o których przypomniano w ciągu ostatnich 7 dni: {reminded_lately}.</translation>
    </message>
    <message>
        <source>No e-mail address for {join}.</source>
        <translation>Brak adresu e-mail dla: {join}.</translation>
    </message>
    <message>
        <source>No mail server is set (Settings → E-mail): save them as .eml files.</source>
        <translation>Nie skonfigurowano serwera poczty (Ustawienia → E-mail): zapisz przypomnienia jako pliki .eml.</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>Przypomnienia</translation>
    </message>
    <message>
        <source>Each reminder, to whom and about what</source>
        <translation>Każde przypomnienie: do kogo i w jakiej sprawie</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Send %n reminder(s)</source>
        <translation>
            <numerusform>&amp;Wyślij %n przypomnienie</numerusform>
            <numerusform>&amp;Wyślij %n przypomnienia</numerusform>
            <numerusform>&amp;Wyślij %n przypomnień</numerusform>
        </translation>
    </message>
    <message>
        <source>Save as .&amp;eml files…</source>
        <translation>Zapisz jako pliki .&amp;eml…</translation>
    </message>
    <message>
        <source>Save the reminders in</source>
        <translation>Zapisz przypomnienia w</translation>
    </message>
    <message>
        <source>Save the reminders</source>
        <translation>Zapisz przypomnienia</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Wysyłanie</translation>
    </message>
    <message>
        <source>Sending e-mail</source>
        <translation>Wysyłanie wiadomości</translation>
    </message>
    <message>
        <source>{summary}.

{first}

The Outbox keeps the failed messages: correct the settings or the address, then Retry.</source>
        <translation>{summary}.

{first}

Nieudane wiadomości pozostają w skrzynce nadawczej: popraw ustawienia lub adres, a następnie kliknij „Ponów”.</translation>
    </message>
    <message numerus="yes">
        <source>%n sent</source>
        <translation>
            <numerusform>wysłano: %n</numerusform>
            <numerusform>wysłano: %n</numerusform>
            <numerusform>wysłano: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>nieudane: %n</numerusform>
            <numerusform>nieudane: %n</numerusform>
            <numerusform>nieudane: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n still queued</source>
        <translation>
            <numerusform>nadal w kolejce: %n</numerusform>
            <numerusform>nadal w kolejce: %n</numerusform>
            <numerusform>nadal w kolejce: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Serwer</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Zabezpieczenia</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nazwa użytkownika</translation>
    </message>
    <message>
        <source>stored in the system&apos;s credential store</source>
        <translation>przechowywane w systemowym magazynie poświadczeń</translation>
    </message>
    <message>
        <source>not stored</source>
        <translation>nieprzechowywane</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Hasło</translation>
    </message>
    <message>
        <source>International Office, University of …</source>
        <translation>Dział Współpracy Międzynarodowej, Uniwersytet …</translation>
    </message>
    <message>
        <source>Sender name</source>
        <translation>Nazwa nadawcy</translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation>Adres nadawcy</translation>
    </message>
    <message>
        <source>Reply-to</source>
        <translation>Adres do odpowiedzi</translation>
    </message>
    <message>
        <source>Send a &amp;test message</source>
        <translation>Wyślij wiadomość &amp;testową</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Wiadomości</translation>
    </message>
    <message>
        <source>Each message vipdesk sends; choose one</source>
        <translation>Każda wiadomość wysyłana przez vipdesk; wybierz jedną</translation>
    </message>
    <message>
        <source>Placeholders: {names}</source>
        <translation>Symbole zastępcze: {names}</translation>
    </message>
    <message>
        <source>Save &amp;wording</source>
        <translation>Zapisz &amp;treść</translation>
    </message>
    <message>
        <source>&amp;Restore the shipped text</source>
        <translation>&amp;Przywróć tekst domyślny</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Temat:</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>Tekst:</translation>
    </message>
    <message>
        <source>Signature (ends every message)</source>
        <translation>Podpis (na końcu każdej wiadomości)</translation>
    </message>
    <message>
        <source>{title} (office wording)</source>
        <translation>{title} (treść biura)</translation>
    </message>
    <message>
        <source>Mail templates</source>
        <translation>Szablony wiadomości</translation>
    </message>
    <message>
        <source>E-mail settings</source>
        <translation>Ustawienia poczty e-mail</translation>
    </message>
    <message>
        <source>&amp;Server and sender</source>
        <translation>&amp;Serwer i nadawca</translation>
    </message>
    <message>
        <source>&amp;Messages</source>
        <translation>&amp;Wiadomości</translation>
    </message>
    <message>
        <source>Not sent: {exc}</source>
        <translation>Nie wysłano: {exc}</translation>
    </message>
    <message>
        <source>Sent to {sender_address}; the server answered {reply}.</source>
        <translation>Wysłano do {sender_address}; odpowiedź serwera: {reply}.</translation>
    </message>
    <message>
        <source>This computer has no credential store: the password is kept until vipdesk is closed, and will be asked for again.</source>
        <translation>Ten komputer nie ma magazynu poświadczeń: hasło jest przechowywane do zamknięcia vipdesk, a potem trzeba będzie podać je ponownie.</translation>
    </message>
    <message>
        <source>E-mail (*.eml);;All files (*)</source>
        <translation>E-mail (*.eml);;Wszystkie pliki (*)</translation>
    </message>
    <message>
        <source>Import returned mail</source>
        <translation>Importuj odesłaną pocztę</translation>
    </message>
    <message>
        <source>Out&amp;box</source>
        <translation>Skrzynka &amp;nadawcza</translation>
    </message>
    <message>
        <source>&amp;E-mail…</source>
        <translation>&amp;E-mail…</translation>
    </message>
    <message>
        <source>The mail server, the sender and the message templates</source>
        <translation>Serwer poczty, nadawca i szablony wiadomości</translation>
    </message>
    <message>
        <source>Import returned &amp;mail (.eml)…</source>
        <translation>Importuj odesłaną &amp;pocztę (.eml)…</translation>
    </message>
    <message>
        <source>E-mail the report</source>
        <translation>Wyślij raport e-mailem</translation>
    </message>
    <message>
        <source>Not ours, left alone: {name}</source>
        <translation>Nie pochodzi z vipdesk, pominięto: {name}</translation>
    </message>
    <message>
        <source>{name} is the {kind} of {reference}: record its signatures in the Agreement tab (Record signature…).</source>
        <translation>{name}: {kind} dla {reference}. Podpisy zarejestruj na karcie Porozumienie (Zarejestruj podpis…).</translation>
    </message>
    <message>
        <source>vipdesk — {describe_url}</source>
        <translation>vipdesk — {describe_url}</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Spróbuj ponownie</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>Sekcje</translation>
    </message>
    <message>
        <source>&amp;Today</source>
        <translation>&amp;Dziś</translation>
    </message>
    <message>
        <source>&amp;Placements</source>
        <translation>&amp;Praktyki</translation>
    </message>
    <message>
        <source>&amp;Students</source>
        <translation>&amp;Studenci</translation>
    </message>
    <message>
        <source>&amp;Organisations</source>
        <translation>&amp;Organizacje</translation>
    </message>
    <message>
        <source>&amp;Contacts</source>
        <translation>&amp;Kontakty</translation>
    </message>
    <message>
        <source>&amp;Institutions</source>
        <translation>&amp;Instytucje</translation>
    </message>
    <message>
        <source>F&amp;unding</source>
        <translation>&amp;Finansowanie</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>P&amp;lik</translation>
    </message>
    <message>
        <source>&amp;New placement…</source>
        <translation>&amp;Nowa praktyka…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Odśwież</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Zakończ</translation>
    </message>
    <message>
        <source>Export &amp;agreements…</source>
        <translation>Eksportuj &amp;porozumienia…</translation>
    </message>
    <message>
        <source>Settin&amp;gs</source>
        <translation>&amp;Ustawienia</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Edycja</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Znajdź…</translation>
    </message>
    <message>
        <source>&amp;Open placement</source>
        <translation>&amp;Otwórz praktykę</translation>
    </message>
    <message>
        <source>&amp;Delete placement…</source>
        <translation>&amp;Usuń praktykę…</translation>
    </message>
    <message>
        <source>&amp;Recently deleted…</source>
        <translation>O&amp;statnio usunięte…</translation>
    </message>
    <message>
        <source>&amp;Trusted certificates…</source>
        <translation>Zaufane &amp;certyfikaty…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Widok</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Pomo&amp;c</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Skróty klawiaturowe</translation>
    </message>
    <message>
        <source>&amp;About vipdesk</source>
        <translation>&amp;O programie vipdesk</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Główny</translation>
    </message>
    <message>
        <source>&amp;Today ({due:,})</source>
        <translation>&amp;Dziś ({due:,})</translation>
    </message>
    <message>
        <source>{due:,} due · {overdue:,} overdue · {placements:,} placements · {describe_url}</source>
        <translation>do zrobienia: {due:,} · zaległe: {overdue:,} · praktyki: {placements:,} · {describe_url}</translation>
    </message>
    <message>
        <source>Cannot open the placement</source>
        <translation>Nie można otworzyć praktyki</translation>
    </message>
    <message>
        <source>Delete placement</source>
        <translation>Usuń praktykę</translation>
    </message>
    <message>
        <source>Delete {reference} — {student} at {host}? Its checklist goes with it. This cannot be undone.</source>
        <translation>Usunąć {reference} — {student}, {host}? Lista kontrolna zostanie usunięta razem z praktyką. Tej operacji nie można cofnąć.</translation>
    </message>
    <message>
        <source>Deleted {reference}.</source>
        <translation>Usunięto {reference}.</translation>
    </message>
    <message>
        <source>About vipdesk</source>
        <translation>O programie vipdesk</translation>
    </message>
    <message>
        <source>&lt;b&gt;vipdesk {version__}&lt;/b&gt;&lt;br&gt;Records, preparation and reporting for virtual and blended international work placements.&lt;br&gt;&lt;br&gt;Database: {describe_url}</source>
        <translation>&lt;b&gt;vipdesk {version__}&lt;/b&gt;&lt;br&gt;Ewidencja, przygotowanie i raportowanie wirtualnych i mieszanych praktyk zagranicznych.&lt;br&gt;&lt;br&gt;Baza danych: {describe_url}</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; mixes separators. Type it as 1234.50 or 1 234,50.</source>
        <translation>&apos;{text}&apos; zawiera różne separatory. Wpisz kwotę jako 1234,50 lub 1 234,50.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not an amount. Type it as 1234.50 or 1 234,50.</source>
        <translation>&apos;{text}&apos; nie jest kwotą. Wpisz ją jako 1234,50 lub 1 234,50.</translation>
    </message>
    <message>
        <source>e.g. 1234.50 or 1 234,50</source>
        <translation>np. 1234,50 lub 1 234,50</translation>
    </message>
    <message>
        <source>Reports and reflections (*.pdf *.docx *.png *.jpg *.jpeg);;All files (*)</source>
        <translation>Raporty i refleksje (*.pdf *.docx *.png *.jpg *.jpeg);;Wszystkie pliki (*)</translation>
    </message>
    <message>
        <source>student, mentor, tutor</source>
        <translation>student, mentor, opiekun uczelniany</translation>
    </message>
    <message>
        <source>student, mentor</source>
        <translation>student, mentor</translation>
    </message>
    <message>
        <source>student, tutor</source>
        <translation>student, opiekun uczelniany</translation>
    </message>
    <message>
        <source>student, colleagues</source>
        <translation>student, współpracownicy</translation>
    </message>
    <message>
        <source>student, coordinator</source>
        <translation>student, koordynator</translation>
    </message>
    <message>
        <source>student, mentor, coordinator</source>
        <translation>student, mentor, koordynator</translation>
    </message>
    <message>
        <source>monitoring entry</source>
        <translation>wpis monitorowania</translation>
    </message>
    <message>
        <source>Monitoring entry not saved</source>
        <translation>Nie zapisano wpisu monitorowania</translation>
    </message>
    <message>
        <source>e.g. student, mentor</source>
        <translation>np. student, mentor</translation>
    </message>
    <message>
        <source>One of the tools chosen for this placement (Preparation tab)</source>
        <translation>Jedno z narzędzi wybranych dla tej praktyki (karta Przygotowanie)</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Attach a file…</source>
        <translation>Załącz plik…</translation>
    </message>
    <message>
        <source>A PDF, a Word document (.docx), a PNG or a JPEG, up to {value} MB</source>
        <translation>PDF, dokument Word (.docx), PNG lub JPEG, do {value} MB</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Usuń</translation>
    </message>
    <message>
        <source>This raised a concern</source>
        <translation>Zgłoszono problem</translation>
    </message>
    <message>
        <source>Who took part</source>
        <translation>Kto uczestniczył</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Czas trwania</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notatka</translation>
    </message>
    <message>
        <source>Concern</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Dalsze działania</translation>
    </message>
    <message>
        <source>Resolved on</source>
        <translation>Rozwiązano dnia</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Rozwiązanie</translation>
    </message>
    <message>
        <source>{kind} of {day}</source>
        <translation>{kind} z {day}</translation>
    </message>
    <message>
        <source>New log entry</source>
        <translation>Nowy wpis w dzienniku</translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation>Załącz plik</translation>
    </message>
    <message>
        <source>{name} is over {value} MB.</source>
        <translation>Plik {name} przekracza {value} MB.</translation>
    </message>
    <message>
        <source>Cannot read {name}: {strerror}.</source>
        <translation>Nie można odczytać {name}: {strerror}.</translation>
    </message>
    <message>
        <source>No file</source>
        <translation>Brak pliku</translation>
    </message>
    <message>
        <source>open</source>
        <translation>otwarte</translation>
    </message>
    <message>
        <source>resolved {day}</source>
        <translation>rozwiązano {day}</translation>
    </message>
    <message>
        <source>{what} ({cadence}): {met} of {expected} expected met</source>
        <translation>{what} ({cadence}): zrealizowano {met} z {expected} oczekiwanych</translation>
    </message>
    <message>
        <source>; overdue since {day}</source>
        <translation>; zaległe od {day}</translation>
    </message>
    <message>
        <source>met on {met_on}</source>
        <translation>odbyło się {met_on}</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>jeszcze nie</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>pominięte</translation>
    </message>
    <message>
        <source>Save the placement first to keep its monitoring log.</source>
        <translation>Najpierw zapisz praktykę, aby prowadzić jej dziennik monitorowania.</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Kto</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>Min</translation>
    </message>
    <message>
        <source>Monitoring log</source>
        <translation>Dziennik monitorowania</translation>
    </message>
    <message>
        <source>Meetings, reports and checks</source>
        <translation>Spotkania, raporty i kontrole</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Oczekiwane</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Spotkanie</translation>
    </message>
    <message>
        <source>Expected meetings</source>
        <translation>Oczekiwane spotkania</translation>
    </message>
    <message>
        <source>Each slot of the protocol&apos;s cadence: met or missed</source>
        <translation>Każdy termin wynikający z częstotliwości spotkań w protokole: odbyte lub pominięte</translation>
    </message>
    <message>
        <source>&amp;New entry…</source>
        <translation>&amp;Nowy wpis…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Edytuj…</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>&amp;Usuń</translation>
    </message>
    <message>
        <source>Save &amp;file…</source>
        <translation>Zapisz &amp;plik…</translation>
    </message>
    <message>
        <source>&amp;Recognition…</source>
        <translation>U&amp;znanie…</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>Spotkania</translation>
    </message>
    <message>
        <source>Reports and reflections</source>
        <translation>Raporty i refleksje</translation>
    </message>
    <message>
        <source>No communication protocol yet: no rhythm of meetings to measure.</source>
        <translation>Brak protokołu komunikacji: nie ma częstotliwości spotkań, z którą można porównać.</translation>
    </message>
    <message numerus="yes">
        <source>%n concern(s) open</source>
        <translation>
            <numerusform>%n otwarty problem</numerusform>
            <numerusform>%n otwarte problemy</numerusform>
            <numerusform>%n otwartych problemów</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing logged yet: New entry… records the kick-off first.</source>
        <translation>Nic jeszcze nie zapisano: „Nowy wpis…” rejestruje najpierw spotkanie otwierające.</translation>
    </message>
    <message>
        <source>No credits planned: nothing to recognise in the degree.</source>
        <translation>Nie zaplanowano punktów: w programie studiów nie ma czego uznawać.</translation>
    </message>
    <message>
        <source>Not complete yet: </source>
        <translation>Jeszcze niekompletne: </translation>
    </message>
    <message>
        <source>{credits_awarded} of {planned_credits} credits, grade {grade}, transcript of {transcript_on}.</source>
        <translation>{credits_awarded} z {planned_credits} punktów, ocena {grade}, wykaz zaliczeń z {transcript_on}.</translation>
    </message>
    <message>
        <source>Delete the {label} of {held_on}? It can be restored from Edit → Recently deleted for 30 days.</source>
        <translation>Usunąć {label} z {held_on}? Można go przywrócić przez Edycja → Ostatnio usunięte przez 30 dni.</translation>
    </message>
    <message>
        <source>Delete the entry</source>
        <translation>Usuń wpis</translation>
    </message>
    <message>
        <source>Not deleted</source>
        <translation>Nie usunięto</translation>
    </message>
    <message>
        <source>Save the file</source>
        <translation>Zapisz plik</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Nie zapisano</translation>
    </message>
    <message>
        <source>Recognition not saved</source>
        <translation>Nie zapisano uznania</translation>
    </message>
    <message>
        <source>Only when more credits are awarded than planned</source>
        <translation>Tylko gdy przyznano więcej punktów, niż zaplanowano</translation>
    </message>
    <message>
        <source>One learning outcome achieved per line</source>
        <translation>Jeden osiągnięty efekt uczenia się w wierszu</translation>
    </message>
    <message>
        <source>All planned outcomes achieved</source>
        <translation>Osiągnięto wszystkie zaplanowane efekty</translation>
    </message>
    <message>
        <source>Credits awarded (ECTS)</source>
        <translation>Przyznane punkty (ECTS)</translation>
    </message>
    <message>
        <source>Reason for more credits</source>
        <translation>Powód przyznania większej liczby punktów</translation>
    </message>
    <message>
        <source>Grading scale</source>
        <translation>Skala ocen</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Ocena</translation>
    </message>
    <message>
        <source>Transcript of records of</source>
        <translation>Wykaz zaliczeń z dnia</translation>
    </message>
    <message>
        <source>Certificate received on</source>
        <translation>Zaświadczenie otrzymano dnia</translation>
    </message>
    <message>
        <source> ({planned_credits} ECTS planned)</source>
        <translation> (zaplanowano {planned_credits} ECTS)</translation>
    </message>
    <message>
        <source>Recognition{planned}</source>
        <translation>Uznanie{planned}</translation>
    </message>
    <message>
        <source>{credits} planned</source>
        <translation>planowane: {credits}</translation>
    </message>
    <message>
        <source>a number from {low} to {high}</source>
        <translation>liczba od {low} do {high}</translation>
    </message>
    <message>
        <source>Host organisation</source>
        <translation>Organizacja przyjmująca</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>Instytucja</translation>
    </message>
    <message>
        <source>Contact not saved</source>
        <translation>Nie zapisano kontaktu</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rola</translation>
    </message>
    <message>
        <source>Works at</source>
        <translation>Miejsce pracy</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Strefa czasowa</translation>
    </message>
    <message>
        <source>Contact: {name}</source>
        <translation>Kontakt: {name}</translation>
    </message>
    <message>
        <source>New {label}</source>
        <translation>Nowy kontakt: {label}</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>Nowy kontakt</translation>
    </message>
    <message>
        <source>where this person works</source>
        <translation>miejsce pracy tej osoby</translation>
    </message>
    <message>
        <source>a time zone</source>
        <translation>strefa czasowa</translation>
    </message>
    <message>
        <source>Institution not saved</source>
        <translation>Nie zapisano instytucji</translation>
    </message>
    <message>
        <source>e.g. PL WARSZAW01</source>
        <translation>np. PL WARSZAW01</translation>
    </message>
    <message>
        <source>Erasmus code</source>
        <translation>Kod Erasmus</translation>
    </message>
    <message>
        <source>Faculty</source>
        <translation>Wydział</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Kraj</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Miasto</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Strona WWW</translation>
    </message>
    <message>
        <source>Institution: {name}</source>
        <translation>Instytucja: {name}</translation>
    </message>
    <message>
        <source>New institution</source>
        <translation>Nowa instytucja</translation>
    </message>
    <message>
        <source>a country</source>
        <translation>kraj</translation>
    </message>
    <message>
        <source>Organisation not saved</source>
        <translation>Nie zapisano organizacji</translation>
    </message>
    <message>
        <source>Street and number, as on a letter</source>
        <translation>Ulica i numer, jak w adresie pocztowym</translation>
    </message>
    <message>
        <source>e.g. Software, Renewable energy, NGO</source>
        <translation>np. oprogramowanie, energia odnawialna, NGO</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Ulica</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Kod pocztowy</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Wielkość</translation>
    </message>
    <message>
        <source>Organisation: {name}</source>
        <translation>Organizacja: {name}</translation>
    </message>
    <message>
        <source>New host organisation</source>
        <translation>Nowa organizacja przyjmująca</translation>
    </message>
    <message>
        <source>EQF 5 (short cycle)</source>
        <translation>ERK 5 (studia krótkiego cyklu)</translation>
    </message>
    <message>
        <source>EQF 6 (bachelor)</source>
        <translation>ERK 6 (studia pierwszego stopnia)</translation>
    </message>
    <message>
        <source>EQF 7 (master)</source>
        <translation>ERK 7 (studia drugiego stopnia)</translation>
    </message>
    <message>
        <source>EQF 8 (doctorate)</source>
        <translation>ERK 8 (doktorat)</translation>
    </message>
    <message>
        <source>Student not saved</source>
        <translation>Nie zapisano studenta</translation>
    </message>
    <message>
        <source>ISCED-F, e.g. 0413 Management and administration</source>
        <translation>ISCED-F, np. 0413 Zarządzanie i administracja</translation>
    </message>
    <message>
        <source>Messages to the student are offered in this language</source>
        <translation>Wiadomości do studenta są proponowane w tym języku</translation>
    </message>
    <message>
        <source>Language for the student&apos;s messages</source>
        <translation>Język wiadomości do studenta</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Imię</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Nazwisko</translation>
    </message>
    <message>
        <source>Student number</source>
        <translation>Numer albumu</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Data urodzenia</translation>
    </message>
    <message>
        <source>Nationality</source>
        <translation>Obywatelstwo</translation>
    </message>
    <message>
        <source>Study cycle</source>
        <translation>Stopień studiów</translation>
    </message>
    <message>
        <source>Field of education</source>
        <translation>Dziedzina kształcenia</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>Kierunek studiów</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Języki</translation>
    </message>
    <message>
        <source>Messages in</source>
        <translation>Język wiadomości</translation>
    </message>
    <message>
        <source>Student: {full_name}</source>
        <translation>Student: {full_name}</translation>
    </message>
    <message>
        <source>New student</source>
        <translation>Nowy student</translation>
    </message>
    <message>
        <source>an institution</source>
        <translation>instytucja</translation>
    </message>
    <message>
        <source>Native</source>
        <translation>Ojczysty</translation>
    </message>
    <message>
        <source>Each language with its CEFR level</source>
        <translation>Każdy język z poziomem CEFR</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Język</translation>
    </message>
    <message>
        <source>Level (CEFR)</source>
        <translation>Poziom (CEFR)</translation>
    </message>
    <message>
        <source>Add language</source>
        <translation>Dodaj język</translation>
    </message>
    <message>
        <source>Disability or health condition</source>
        <translation>Niepełnosprawność lub problemy zdrowotne</translation>
    </message>
    <message>
        <source>Economic, social or geographic obstacles</source>
        <translation>Przeszkody ekonomiczne, społeczne lub geograficzne</translation>
    </message>
    <message>
        <source>Migrant or refugee background</source>
        <translation>Pochodzenie migranckie lub uchodźcze</translation>
    </message>
    <message>
        <source>Working student or carer</source>
        <translation>Student pracujący lub sprawujący opiekę</translation>
    </message>
    <message>
        <source>Special-category personal data (GDPR art. 9): record only what the student declared, e.g. for an Erasmus+ inclusion top-up. Kept apart from the student record, never shown in lists or exports; the history notes only that it changed.</source>
        <translation>Szczególne kategorie danych osobowych (art. 9 RODO): należy zapisywać tylko to, co zadeklarował student, np. na potrzeby dodatku na rzecz włączenia w programie Erasmus+. Dane są przechowywane oddzielnie od rekordu studenta i nigdy nie pojawiają się na listach ani w eksportach; historia odnotowuje jedynie fakt zmiany.</translation>
    </message>
    <message>
        <source>Sensitive: equity flags</source>
        <translation>Dane wrażliwe: znaczniki równości szans</translation>
    </message>
    <message>
        <source>Note on the grant&apos;s grounds</source>
        <translation>Uwaga o podstawach dofinansowania</translation>
    </message>
    <message>
        <source>Note (only what is needed for the grant)</source>
        <translation>Uwaga (tylko to, co niezbędne do dofinansowania)</translation>
    </message>
    <message>
        <source>Student no.</source>
        <translation>Nr albumu</translation>
    </message>
    <message>
        <source>Placements</source>
        <translation>Praktyki</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>Studenci</translation>
    </message>
    <message>
        <source>Delete {name}? This cannot be undone.</source>
        <translation>Usunąć {name}? Tej operacji nie można cofnąć.</translation>
    </message>
    <message>
        <source>student</source>
        <translation>student</translation>
    </message>
    <message>
        <source>organisation</source>
        <translation>organizacja</translation>
    </message>
    <message numerus="yes">
        <source>%Ln host organisation(s)</source>
        <translation>
            <numerusform>%Ln organizacja przyjmująca</numerusform>
            <numerusform>%Ln organizacje przyjmujące</numerusform>
            <numerusform>%Ln organizacji przyjmujących</numerusform>
        </translation>
    </message>
    <message>
        <source>contact</source>
        <translation>kontakt</translation>
    </message>
    <message>
        <source>institution</source>
        <translation>instytucja</translation>
    </message>
    <message numerus="yes">
        <source>%Ln institution(s)</source>
        <translation>
            <numerusform>%Ln instytucja</numerusform>
            <numerusform>%Ln instytucje</numerusform>
            <numerusform>%Ln instytucji</numerusform>
        </translation>
    </message>
    <message>
        <source>done outside vipdesk: </source>
        <translation>wykonano poza vipdesk: </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) marked below</source>
        <translation>
            <numerusform>%n pozycja zaznaczona poniżej</numerusform>
            <numerusform>%n pozycje zaznaczone poniżej</numerusform>
            <numerusform>%n pozycji zaznaczonych poniżej</numerusform>
        </translation>
    </message>
    <message>
        <source>{count} things block</source>
        <translation>Blokady ({count}) dla</translation>
    </message>
    <message>
        <source>1 thing blocks</source>
        <translation>1 blokada dla</translation>
    </message>
    <message>
        <source>{first}; and {last}</source>
        <translation>{first}; oraz {last}</translation>
    </message>
    <message>
        <source>{things} “{target}”: {reasons}</source>
        <translation>{things} „{target}”: {reasons}</translation>
    </message>
    <message>
        <source>Other moves</source>
        <translation>Inne kroki</translation>
    </message>
    <message>
        <source>Save the placement to start its checklist.</source>
        <translation>Zapisz praktykę, aby rozpocząć jej listę kontrolną.</translation>
    </message>
    <message>
        <source>Status: &lt;b&gt;Draft&lt;/b&gt; (not saved yet)</source>
        <translation>Status: &lt;b&gt;Wersja robocza&lt;/b&gt; (jeszcze niezapisana)</translation>
    </message>
    <message>
        <source> — step {value} of {count}</source>
        <translation> — krok {value} z {count}</translation>
    </message>
    <message>
        <source>Status: &lt;b&gt;{label}&lt;/b&gt;{step}</source>
        <translation>Status: &lt;b&gt;{label}&lt;/b&gt;{step}</translation>
    </message>
    <message>
        <source>Move to “{label}”</source>
        <translation>Przejdź do statusu „{label}”</translation>
    </message>
    <message>
        <source>Shows what still blocks it, with a way to each fix.</source>
        <translation>Pokazuje, co jeszcze blokuje, i jak to naprawić.</translation>
    </message>
    <message>
        <source>Cancel the placement…</source>
        <translation>Anuluj praktykę…</translation>
    </message>
    <message>
        <source>Reopen as {label}</source>
        <translation>Otwórz ponownie jako „{label}”</translation>
    </message>
    <message>
        <source>Back to {label}</source>
        <translation>Wróć do „{label}”</translation>
    </message>
    <message>
        <source>{phase} — {done} of {count} done</source>
        <translation>{phase} — wykonano {done} z {count}</translation>
    </message>
    <message>
        <source>nothing recorded</source>
        <translation>nic nie zapisano</translation>
    </message>
    <message>
        <source>Before the placement</source>
        <translation>Przed praktyką</translation>
    </message>
    <message>
        <source>During the placement</source>
        <translation>W trakcie praktyki</translation>
    </message>
    <message>
        <source>After the placement</source>
        <translation>Po praktyce</translation>
    </message>
    <message>
        <source>Follows from vipdesk&apos;s records.</source>
        <translation>Wynika z danych w vipdesk.</translation>
    </message>
    <message>
        <source>Ticking by hand asks why (the records do not show it).</source>
        <translation>Ręczne zaznaczenie wymaga podania powodu (dane tego nie wykazują).</translation>
    </message>
    <message>
        <source>⚠ blocks the next step</source>
        <translation>⚠ blokuje następny krok</translation>
    </message>
    <message>
        <source>Tick by hand</source>
        <translation>Zaznacz ręcznie</translation>
    </message>
    <message>
        <source>vipdesk ticks “{label}” from its records, which do not show it yet ({value}). Why is it done?</source>
        <translation>vipdesk zaznacza „{label}” na podstawie swoich danych, które jeszcze tego nie wykazują ({value}). Dlaczego uznać to za wykonane?</translation>
    </message>
    <message>
        <source>New placement</source>
        <translation>Nowa praktyka</translation>
    </message>
    <message>
        <source>Placement details</source>
        <translation>Szczegóły praktyki</translation>
    </message>
    <message>
        <source>Placement sections</source>
        <translation>Sekcje praktyki</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Preparation</source>
        <translation>Przygotowanie</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Porozumienie</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>Monitorowanie</translation>
    </message>
    <message>
        <source>Mail</source>
        <translation>Poczta</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historia</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Zapisz</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>Zapisz (Ctrl+S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
    <message>
        <source> — &lt;i&gt;unsaved changes&lt;/i&gt;</source>
        <translation> — &lt;i&gt;niezapisane zmiany&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;New placement{dirty}&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Nowa praktyka{dirty}&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>{reference} — placement</source>
        <translation>{reference} — praktyka</translation>
    </message>
    <message>
        <source>No further step: the placement is completed</source>
        <translation>Brak dalszego kroku: praktyka jest zakończona</translation>
    </message>
    <message>
        <source>No further step: the placement was cancelled</source>
        <translation>Brak dalszego kroku: praktykę anulowano</translation>
    </message>
    <message>
        <source>No further step</source>
        <translation>Brak dalszego kroku</translation>
    </message>
    <message numerus="yes">
        <source>Next: {label} — %n thing(s) still to do (Status tab)</source>
        <translation>
            <numerusform>Dalej: {label} — pozostał jeszcze %n punkt (karta Status)</numerusform>
            <numerusform>Dalej: {label} — pozostały jeszcze %n punkty (karta Status)</numerusform>
            <numerusform>Dalej: {label} — pozostało jeszcze %n punktów (karta Status)</numerusform>
        </translation>
    </message>
    <message>
        <source>Next: {label} — nothing blocks it</source>
        <translation>Dalej: {label} — nic nie blokuje</translation>
    </message>
    <message>
        <source>Restore unsaved changes?</source>
        <translation>Przywrócić niezapisane zmiany?</translation>
    </message>
    <message>
        <source>vipdesk closed on {day} at {time} before changes to this placement were saved. Restore them? (They are not saved until you press Save.)</source>
        <translation>vipdesk zamknięto {day} o {time}, zanim zmiany tej praktyki zostały zapisane. Przywrócić je? (Zostaną zapisane dopiero po kliknięciu „Zapisz”.)</translation>
    </message>
    <message>
        <source>Nothing was saved: please correct the fields marked below.</source>
        <translation>Nic nie zapisano: popraw pola oznaczone poniżej.</translation>
    </message>
    <message>
        <source>{exc} Your edits are still here, not saved.</source>
        <translation>{exc} Wprowadzone zmiany nadal tu są, niezapisane.</translation>
    </message>
    <message>
        <source>Delete {reference} ({title})? Its checklist goes with it. This cannot be undone.</source>
        <translation>Usunąć {reference} ({title})? Lista kontrolna zostanie usunięta razem z nią. Tej operacji nie można cofnąć.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Niezapisane zmiany</translation>
    </message>
    <message>
        <source>This placement has changes that are not saved. Save them before closing?</source>
        <translation>Ta praktyka ma niezapisane zmiany. Zapisać je przed zamknięciem?</translation>
    </message>
    <message>
        <source>Virtual: online only. Blended: online with a physical stay abroad (give its periods below). Physical: on site at the host.</source>
        <translation>Wirtualna: tylko online. Mieszana: online oraz pobyt fizyczny za granicą (jego okresy podaj poniżej). Fizyczna: na miejscu w organizacji przyjmującej.</translation>
    </message>
    <message>
        <source>Who supervises the trainee&apos;s work at the host; signs the certificate</source>
        <translation>Kto nadzoruje pracę praktykanta w organizacji przyjmującej; podpisuje zaświadczenie</translation>
    </message>
    <message>
        <source>Who follows the learning at the sending institution and recognises it</source>
        <translation>Kto śledzi postępy w nauce na uczelni wysyłającej i je uznaje</translation>
    </message>
    <message>
        <source>The trainee&apos;s university, which sends and recognises the placement</source>
        <translation>Uczelnia praktykanta, która kieruje na praktykę i ją uznaje</translation>
    </message>
    <message>
        <source>The agreed first day; the agreement and grant count from it</source>
        <translation>Uzgodniony pierwszy dzień; od niego liczy się porozumienie i dofinansowanie</translation>
    </message>
    <message>
        <source>The agreed last day; an extension is an amendment</source>
        <translation>Uzgodniony ostatni dzień; przedłużenie wymaga aneksu</translation>
    </message>
    <message>
        <source>Agreed working hours a week (1 to 60), as the agreement states them</source>
        <translation>Uzgodnione godziny pracy w tygodniu (od 1 do 60), zgodnie z porozumieniem</translation>
    </message>
    <message>
        <source>ECTS the placement is worth in the degree; empty when it does not count (then no recognition is needed to complete it)</source>
        <translation>Liczba punktów ECTS za praktykę w programie studiów; puste, gdy praktyka się nie wlicza (wtedy do jej zakończenia nie jest potrzebne uznanie)</translation>
    </message>
    <message>
        <source>Internal notes of the office: never printed on the agreement</source>
        <translation>Wewnętrzne uwagi biura: nigdy nie są drukowane w porozumieniu</translation>
    </message>
    <message>
        <source>Periods</source>
        <translation>Okresy</translation>
    </message>
    <message>
        <source>The placement&apos;s virtual and physical periods: kind, start, end</source>
        <translation>Wirtualne i fizyczne okresy praktyki: rodzaj, początek, koniec</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Początek</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Koniec</translation>
    </message>
    <message>
        <source>Add period</source>
        <translation>Dodaj okres</translation>
    </message>
    <message>
        <source>Remove period</source>
        <translation>Usuń okres</translation>
    </message>
    <message>
        <source>Period {value}: {exc}</source>
        <translation>Okres {value}: {exc}</translation>
    </message>
    <message>
        <source>New student…</source>
        <translation>Nowy student…</translation>
    </message>
    <message>
        <source>New host…</source>
        <translation>Nowa organizacja…</translation>
    </message>
    <message>
        <source>Type part of its name or country (↓ lists them)</source>
        <translation>Wpisz część nazwy lub kraju (↓ wyświetla listę)</translation>
    </message>
    <message>
        <source>New institution…</source>
        <translation>Nowa instytucja…</translation>
    </message>
    <message>
        <source>New mentor…</source>
        <translation>Nowy mentor…</translation>
    </message>
    <message>
        <source>New tutor…</source>
        <translation>Nowy opiekun uczelniany…</translation>
    </message>
    <message>
        <source>e.g. 7.5 (empty if none)</source>
        <translation>np. 7,5 (puste, jeśli brak)</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Student</translation>
    </message>
    <message>
        <source>Company mentor</source>
        <translation>Mentor w przedsiębiorstwie</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Tytuł</translation>
    </message>
    <message>
        <source>Planned start and end</source>
        <translation>Planowany początek i koniec</translation>
    </message>
    <message>
        <source>Hours per week</source>
        <translation>Godziny tygodniowo</translation>
    </message>
    <message>
        <source>ECTS credits</source>
        <translation>Punkty ECTS</translation>
    </message>
    <message>
        <source>Planned start</source>
        <translation>Planowany początek</translation>
    </message>
    <message>
        <source>Planned end</source>
        <translation>Planowany koniec</translation>
    </message>
    <message>
        <source>Blended: physical and virtual periods</source>
        <translation>Mieszana: okresy fizyczne i wirtualne</translation>
    </message>
    <message>
        <source>No student matches what you typed: pick one from the list or create a new one.</source>
        <translation>Żaden student nie pasuje do wpisanego tekstu: wybierz z listy lub utwórz nowego.</translation>
    </message>
    <message>
        <source>No host organisation matches what you typed: pick one from the list or create a new one.</source>
        <translation>Żadna organizacja przyjmująca nie pasuje do wpisanego tekstu: wybierz z listy lub utwórz nową.</translation>
    </message>
    <message>
        <source>No institution matches what you typed: pick one from the list or create a new one.</source>
        <translation>Żadna instytucja nie pasuje do wpisanego tekstu: wybierz z listy lub utwórz nową.</translation>
    </message>
    <message>
        <source>No mentor matches what you typed: pick one from the list or create a new one.</source>
        <translation>Żaden mentor nie pasuje do wpisanego tekstu: wybierz z listy lub utwórz nowego.</translation>
    </message>
    <message>
        <source>No tutor matches what you typed: pick one from the list or create a new one.</source>
        <translation>Żaden opiekun uczelniany nie pasuje do wpisanego tekstu: wybierz z listy lub utwórz nowego.</translation>
    </message>
    <message>
        <source>(deleted since)</source>
        <translation>(usunięto w międzyczasie)</translation>
    </message>
    <message>
        <source>Nothing has been recorded for this placement yet.</source>
        <translation>Dla tej praktyki nic jeszcze nie zarejestrowano.</translation>
    </message>
    <message>
        <source>The history starts when the placement is first saved.</source>
        <translation>Historia zaczyna się od pierwszego zapisania praktyki.</translation>
    </message>
    <message>
        <source>What changed, newest first</source>
        <translation>Co się zmieniło, od najnowszych</translation>
    </message>
    <message>
        <source>Stored details</source>
        <translation>Zapisane szczegóły</translation>
    </message>
    <message>
        <source>Show the audit entry behind the selected line as stored</source>
        <translation>Pokaż wpis audytu dla zaznaczonego wiersza w postaci zapisanej</translation>
    </message>
    <message>
        <source>Select a line to see the entry as stored.</source>
        <translation>Wybierz wiersz, aby zobaczyć wpis w postaci zapisanej.</translation>
    </message>
    <message>
        <source>{text}

As stored:
{detail}</source>
        <translation>{text}

W postaci zapisanej:
{detail}</translation>
    </message>
    <message>
        <source>Choose the host organisation first: the mentor works there.</source>
        <translation>Najpierw wybierz organizację przyjmującą: tam pracuje mentor.</translation>
    </message>
    <message>
        <source>Choose the sending institution first: the tutor works there.</source>
        <translation>Najpierw wybierz uczelnię wysyłającą: tam pracuje opiekun uczelniany.</translation>
    </message>
    <message>
        <source>Status not changed</source>
        <translation>Nie zmieniono statusu</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;The placement cannot move to “{label}” yet.&lt;/b&gt;&lt;br&gt;%n thing(s) need doing first:</source>
        <translation>
            <numerusform>&lt;b&gt;Praktyka nie może jeszcze przejść do statusu „{label}”.&lt;/b&gt;&lt;br&gt;Najpierw należy wykonać %n punkt:</numerusform>
            <numerusform>&lt;b&gt;Praktyka nie może jeszcze przejść do statusu „{label}”.&lt;/b&gt;&lt;br&gt;Najpierw należy wykonać %n punkty:</numerusform>
            <numerusform>&lt;b&gt;Praktyka nie może jeszcze przejść do statusu „{label}”.&lt;/b&gt;&lt;br&gt;Najpierw należy wykonać %n punktów:</numerusform>
        </translation>
    </message>
    <message>
        <source>Open {label}</source>
        <translation>Otwórz: {label}</translation>
    </message>
    <message>
        <source>Move anyway (office lead)…</source>
        <translation>Przejdź mimo to (kierownik biura)…</translation>
    </message>
    <message>
        <source>Move although the records do not back it yet; your reason is kept in the history.</source>
        <translation>Przejdź, choć dane jeszcze tego nie potwierdzają; powód zostanie zapisany w historii.</translation>
    </message>
    <message>
        <source>Cancel placement</source>
        <translation>Anuluj praktykę</translation>
    </message>
    <message>
        <source>Cancel {reference}? You can reopen it later.</source>
        <translation>Anulować {reference}? Można ją później wznowić.</translation>
    </message>
    <message>
        <source>Move anyway</source>
        <translation>Przejdź mimo to</translation>
    </message>
    <message>
        <source>Why does {reference} move to “{label}” although the records do not back it yet? The reason is kept in the placement&apos;s history.</source>
        <translation>Dlaczego {reference} ma przejść do statusu „{label}”, choć dane jeszcze tego nie potwierdzają? Powód zostanie zapisany w historii praktyki.</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Następny krok</translation>
    </message>
    <message>
        <source>{details}
What to do: {action}.</source>
        <translation>{details}
Co zrobić: {action}.</translation>
    </message>
    <message>
        <source>&lt;h2&gt;No placements yet&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Brak praktyk&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Start by recording a placement: the student, the host organisation, the dates and the mode (virtual, blended or physical).&lt;br&gt;Or open the demo database to look around with sample records first.</source>
        <translation>Zacznij od zarejestrowania praktyki: student, organizacja przyjmująca, daty i tryb (wirtualny, mieszany lub fizyczny).&lt;br&gt;Można też najpierw otworzyć demonstracyjną bazę danych z przykładowymi danymi.</translation>
    </message>
    <message>
        <source>New placement (Ctrl+N)</source>
        <translation>Nowa praktyka (Ctrl+N)</translation>
    </message>
    <message>
        <source>Open the demo database</source>
        <translation>Otwórz demonstracyjną bazę danych</translation>
    </message>
    <message>
        <source>Search placements</source>
        <translation>Szukaj praktyk</translation>
    </message>
    <message>
        <source>Search reference, student, organisation, title or country  (Ctrl+F)</source>
        <translation>Szukaj numeru, studenta, organizacji, tytułu lub kraju  (Ctrl+F)</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>Wszystkie lata</translation>
    </message>
    <message>
        <source>All countries</source>
        <translation>Wszystkie kraje</translation>
    </message>
    <message>
        <source>Host country</source>
        <translation>Kraj przyjmujący</translation>
    </message>
    <message>
        <source>Show the placements hosted in one country</source>
        <translation>Pokaż praktyki w jednym kraju</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Wymaga uwagi</translation>
    </message>
    <message>
        <source>Show only placements with something due on the work list (the Today tab)</source>
        <translation>Pokaż tylko praktyki, które mają coś do zrobienia na liście zadań (karta Dziś)</translation>
    </message>
    <message>
        <source>Show the placements of one status</source>
        <translation>Pokaż praktyki o jednym statusie</translation>
    </message>
    <message>
        <source>One placement per row; Enter opens it</source>
        <translation>Jedna praktyka w wierszu; Enter ją otwiera</translation>
    </message>
    <message>
        <source>VIP-2026-00000</source>
        <translation>VIP-2026-00000</translation>
    </message>
    <message>
        <source>Blended</source>
        <translation>Mieszana</translation>
    </message>
    <message>
        <source>All placements</source>
        <translation>Wszystkie praktyki</translation>
    </message>
    <message numerus="yes">
        <source>%Ln shown</source>
        <translation>
            <numerusform>%Ln widoczna</numerusform>
            <numerusform>%Ln widoczne</numerusform>
            <numerusform>%Ln widocznych</numerusform>
        </translation>
    </message>
    <message>
        <source>Needs attention ({waiting:,})</source>
        <translation>Wymaga uwagi ({waiting:,})</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>pon.</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>wt.</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>śr.</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>czw.</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>pt.</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>sob.</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>niedz.</translation>
    </message>
    <message>
        <source>Shared hours per weekday</source>
        <translation>Wspólne godziny w poszczególnych dniach tygodnia</translation>
    </message>
    <message>
        <source>No shared hours to show</source>
        <translation>Brak wspólnych godzin do pokazania</translation>
    </message>
    <message>
        <source>Result…</source>
        <translation>Wynik…</translation>
    </message>
    <message>
        <source>Scores per theme, blocking answers and advice</source>
        <translation>Wyniki według tematów, odpowiedzi blokujące i zalecenia</translation>
    </message>
    <message>
        <source>Export as PDF…</source>
        <translation>Eksportuj jako PDF…</translation>
    </message>
    <message>
        <source>The questionnaire as a fillable PDF to send to the party</source>
        <translation>Kwestionariusz jako PDF do wypełnienia, do wysłania danej stronie</translation>
    </message>
    <message>
        <source>Not assessed</source>
        <translation>Nie oceniono</translation>
    </message>
    <message>
        <source> · {earlier} earlier</source>
        <translation> · wcześniejsze: {earlier}</translation>
    </message>
    <message>
        <source>Blocks: “{question}” {answer}</source>
        <translation>Blokuje: „{question}” {answer}</translation>
    </message>
    <message>
        <source>Low: {label} ({score})</source>
        <translation>Nisko: {label} ({score})</translation>
    </message>
    <message>
        <source>Re-assessment</source>
        <translation>Ponowna ocena</translation>
    </message>
    <message>
        <source>Questionnaire</source>
        <translation>Kwestionariusz</translation>
    </message>
    <message>
        <source>Resume questionnaire…</source>
        <translation>Wznów kwestionariusz…</translation>
    </message>
    <message>
        <source>{what} started {started_at} by {respondent}, not finished</source>
        <translation>{what} rozpoczęty {started_at} przez {respondent}, niezakończony</translation>
    </message>
    <message>
        <source>Started {started_at} by {respondent}; continues at the first unanswered page</source>
        <translation>Rozpoczęty {started_at} przez {respondent}; kontynuacja od pierwszej strony bez odpowiedzi</translation>
    </message>
    <message>
        <source>Re-assess…</source>
        <translation>Oceń ponownie…</translation>
    </message>
    <message>
        <source>A new questionnaire; the earlier result stays in history</source>
        <translation>Nowy kwestionariusz; wcześniejszy wynik pozostaje w historii</translation>
    </message>
    <message>
        <source>Start questionnaire…</source>
        <translation>Rozpocznij kwestionariusz…</translation>
    </message>
    <message>
        <source>Communication protocol</source>
        <translation>Protokół komunikacji</translation>
    </message>
    <message>
        <source>&lt;b&gt;Written&lt;/b&gt;{who} · reports {label}, replies within {reply_hours} h</source>
        <translation>&lt;b&gt;Spisany&lt;/b&gt;{who} · raporty {label}, odpowiedź w ciągu {reply_hours} godz.</translation>
    </message>
    <message>
        <source>Edit protocol…</source>
        <translation>Edytuj protokół…</translation>
    </message>
    <message>
        <source>Not written yet: availability, reporting, reply times, meetings.</source>
        <translation>Jeszcze nie spisano: dostępność, raportowanie, czas odpowiedzi, spotkania.</translation>
    </message>
    <message>
        <source>Write protocol…</source>
        <translation>Spisz protokół…</translation>
    </message>
    <message>
        <source>{hours_text} shared a working day</source>
        <translation>Wspólne godziny w dniu roboczym: {hours_text}</translation>
    </message>
    <message>
        <source>Shared hours: {shared}</source>
        <translation>Wspólne godziny: {shared}</translation>
    </message>
    <message>
        <source>With office hours (Monday to Friday, 9:00–17:00) for everyone: {shared}.</source>
        <translation>Przy godzinach pracy biura (od poniedziałku do piątku, 9:00–17:00) dla wszystkich: {shared}.</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Narzędzia</translation>
    </message>
    <message>
        <source>Choose tools…</source>
        <translation>Wybierz narzędzia…</translation>
    </message>
    <message>
        <source>Test plan…</source>
        <translation>Plan testów…</translation>
    </message>
    <message>
        <source>No tools chosen yet: which tool serves meetings, questions, reports, documents?</source>
        <translation>Nie wybrano jeszcze narzędzi: które narzędzie służy do spotkań, pytań, raportów, dokumentów?</translation>
    </message>
    <message>
        <source>{names} · tested {done} of {count} (tool × person)</source>
        <translation>{names} · przetestowano {done} z {count} (narzędzie × osoba)</translation>
    </message>
    <message>
        <source> · {count} tips in Choose tools</source>
        <translation> · wskazówki w „Wybierz narzędzia”: {count}</translation>
    </message>
    <message>
        <source>Blocks “Agreement sent”:
</source>
        <translation>Blokuje „Porozumienie wysłane”:
</translation>
    </message>
    <message>
        <source>Save the placement to start its preparation.</source>
        <translation>Zapisz praktykę, aby rozpocząć jej przygotowanie.</translation>
    </message>
    <message>
        <source>Import returned questionnaire…</source>
        <translation>Importuj odesłany kwestionariusz…</translation>
    </message>
    <message>
        <source>Language of exported questionnaires</source>
        <translation>Język eksportowanych kwestionariuszy</translation>
    </message>
    <message>
        <source>“Export as PDF…” writes the questionnaire in this language (in English where it is not translated yet)</source>
        <translation>„Eksportuj jako PDF…” zapisuje kwestionariusz w tym języku (po angielsku, jeśli nie został jeszcze przetłumaczony)</translation>
    </message>
    <message>
        <source> by {name}</source>
        <translation> przez {name}</translation>
    </message>
    <message>
        <source>Meeting: every {weekday}, {start} ({zone})</source>
        <translation>Spotkanie: co tydzień ({weekday}), {start} ({zone})</translation>
    </message>
    <message>
        <source>PDFs &amp;in:</source>
        <translation>PDF w &amp;języku:</translation>
    </message>
    <message>
        <source>Something blocks the start: see the critical answers below.</source>
        <translation>Coś blokuje rozpoczęcie: zob. odpowiedzi krytyczne poniżej.</translation>
    </message>
    <message>
        <source>Student, host and institution are ready.</source>
        <translation>Wszystkie strony są gotowe: student, organizacja przyjmująca i uczelnia.</translation>
    </message>
    <message>
        <source>Not everything is assessed or strong enough yet.</source>
        <translation>Nie wszystko zostało już ocenione lub nie wszędzie wynik jest wystarczający.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Readiness&lt;/b&gt;&lt;br&gt;{verdict}</source>
        <translation>&lt;b&gt;Gotowość&lt;/b&gt;&lt;br&gt;{verdict}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{label}&lt;/b&gt; — answered by {respondent} on {when} (questionnaire version {questionnaire_version})</source>
        <translation>&lt;b&gt;{label}&lt;/b&gt; — odpowiada {respondent}, {when} (wersja kwestionariusza {questionnaire_version})</translation>
    </message>
    <message>
        <source>{label} works on {name}</source>
        <translation>{label}: praca w dniu {name}</translation>
    </message>
    <message>
        <source>{label} starts at</source>
        <translation>{label}: początek pracy</translation>
    </message>
    <message>
        <source>{label} ends at</source>
        <translation>{label}: koniec pracy</translation>
    </message>
    <message>
        <source>Working days</source>
        <translation>Dni robocze</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Od</translation>
    </message>
    <message>
        <source> ({first} to {last})</source>
        <translation> ({first} do {last})</translation>
    </message>
    <message>
        <source>Every {weekday}, {start}–{end} ({zone})</source>
        <translation>Co tydzień ({weekday}), {start}–{end} ({zone})</translation>
    </message>
    <message>
        <source>Shared working hours per weekday, {first} to {last}, in the student&apos;s days:</source>
        <translation>Wspólne godziny pracy w dniu tygodnia, {first} do {last}, w dniach studenta:</translation>
    </message>
    <message>
        <source>Fill in the student&apos;s time zone, days and hours to see them.</source>
        <translation>Uzupełnij strefę czasową, dni i godziny pracy studenta, aby je zobaczyć.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Suggested {meeting_minutes}-minute meeting:&lt;/b&gt; {first_line}</source>
        <translation>&lt;b&gt;Proponowane spotkanie ({meeting_minutes} min):&lt;/b&gt; {first_line}</translation>
    </message>
    <message>
        <source>&lt;b&gt;No meeting time&lt;/b&gt; fits every week: see below.</source>
        <translation>&lt;b&gt;Żaden termin spotkania&lt;/b&gt; nie pasuje w każdym tygodniu: zob. poniżej.</translation>
    </message>
    <message>
        <source>communication protocol</source>
        <translation>protokół komunikacji</translation>
    </message>
    <message>
        <source>Communication protocol not saved</source>
        <translation>Nie zapisano protokołu komunikacji</translation>
    </message>
    <message>
        <source> working hours</source>
        <translation> godz. pracy</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> minut</translation>
    </message>
    <message>
        <source>e.g. Teams: weekly meeting and quick questions. E-mail: reports. Shared drive: deliverables. A chat group: non-task talk.</source>
        <translation>np. Teams: cotygodniowe spotkanie i szybkie pytania. E-mail: raporty. Dysk współdzielony: rezultaty. Grupa na czacie: rozmowy nieformalne.</translation>
    </message>
    <message>
        <source>Name, e-mail or phone, and hours</source>
        <translation>Imię i nazwisko, e-mail lub telefon oraz godziny</translation>
    </message>
    <message>
        <source>Availability</source>
        <translation>Dostępność</translation>
    </message>
    <message>
        <source>Shared hours</source>
        <translation>Wspólne godziny</translation>
    </message>
    <message>
        <source>Reporting</source>
        <translation>Raportowanie</translation>
    </message>
    <message>
        <source>Reply within</source>
        <translation>Odpowiedź w ciągu</translation>
    </message>
    <message>
        <source>Meeting length</source>
        <translation>Długość spotkania</translation>
    </message>
    <message>
        <source>Which tool for what</source>
        <translation>Które narzędzie do czego</translation>
    </message>
    <message>
        <source>Helpdesk for the student</source>
        <translation>Punkt kontaktowy dla studenta</translation>
    </message>
    <message>
        <source>Helpdesk for company staff</source>
        <translation>Punkt kontaktowy dla pracowników przedsiębiorstwa</translation>
    </message>
    <message>
        <source>Communication protocol — {heading}</source>
        <translation>Protokół komunikacji — {heading}</translation>
    </message>
    <message>
        <source>{label}: &apos;{text}&apos; is not a time zone.</source>
        <translation>{label}: „{text}” nie jest strefą czasową.</translation>
    </message>
    <message>
        <source>Readiness result</source>
        <translation>Wynik gotowości</translation>
    </message>
    <message>
        <source>&lt;br&gt;{missing} required question(s) not answered yet.</source>
        <translation>&lt;br&gt;Wymagane pytania bez odpowiedzi: {missing}.</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;font-size:large&apos;&gt;{level_badge}&amp;nbsp; Overall score &lt;b&gt;{overall}&lt;/b&gt;&lt;/p&gt;{note}</source>
        <translation>&lt;p style=&apos;font-size:large&apos;&gt;{level_badge}&amp;nbsp; Wynik ogólny &lt;b&gt;{overall}&lt;/b&gt;&lt;/p&gt;{note}</translation>
    </message>
    <message>
        <source>below {threshold}</source>
        <translation>poniżej {threshold}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Blocking answers&lt;/b&gt; — these must be solved before the placement can start:&lt;ul style=&apos;margin-left:-20px&apos;&gt;</source>
        <translation>&lt;b&gt;Odpowiedzi blokujące&lt;/b&gt; — trzeba je rozwiązać, zanim praktyka będzie mogła się rozpocząć:&lt;ul style=&apos;margin-left:-20px&apos;&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;What to do&lt;/b&gt;&lt;ul style=&apos;margin-left:-20px&apos;&gt;</source>
        <translation>&lt;b&gt;Co zrobić&lt;/b&gt;&lt;ul style=&apos;margin-left:-20px&apos;&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;What to do&lt;/b&gt;&lt;br&gt;Nothing: every answer is strong.</source>
        <translation>&lt;b&gt;Co zrobić&lt;/b&gt;&lt;br&gt;Nic: wszystkie odpowiedzi są mocne.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Placement:&lt;/b&gt; {about}</source>
        <translation>&lt;b&gt;Praktyka:&lt;/b&gt; {about}</translation>
    </message>
    <message>
        <source>{count} questions on {count2} pages, about {max} minutes. Each page is saved when you press Next: you can stop at any time and continue later.</source>
        <translation>Pytania: {count}, strony: {count2}, około {max} min. Każda strona jest zapisywana po kliknięciu „Dalej”: można przerwać w dowolnym momencie i kontynuować później.</translation>
    </message>
    <message>
        <source>{value} of {count} answered — </source>
        <translation>Odpowiedzi: {value} z {count} — </translation>
    </message>
    <message>
        <source>answer every question marked * to go on.</source>
        <translation>odpowiedz na każde pytanie oznaczone *, aby przejść dalej.</translation>
    </message>
    <message>
        <source>press Next to save.</source>
        <translation>kliknij „Dalej”, aby zapisać.</translation>
    </message>
    <message>
        <source>{page} · Optional: leave empty if there is nothing to add.</source>
        <translation>{page} · Opcjonalne: pozostaw puste, jeśli nie ma nic do dodania.</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Wynik</translation>
    </message>
    <message>
        <source>Press Finish to record this assessment. Until then you can go back and change answers.</source>
        <translation>Kliknij „Zakończ”, aby zarejestrować tę ocenę. Do tego czasu można wrócić i zmienić odpowiedzi.</translation>
    </message>
    <message>
        <source>{party} readiness</source>
        <translation>Gotowość: {party}</translation>
    </message>
    <message>
        <source>Page {n} of {count}</source>
        <translation>Strona {n} z {count}</translation>
    </message>
    <message>
        <source>{exc}
Your answers on this page are kept.</source>
        <translation>{exc}
Odpowiedzi na tej stronie zostają zachowane.</translation>
    </message>
    <message>
        <source>{exc} Their answers are shown now; check this page and press Next again.</source>
        <translation>{exc} Teraz widać odpowiedzi drugiej osoby; sprawdź tę stronę i ponownie kliknij „Dalej”.</translation>
    </message>
    <message>
        <source>Close without saving?</source>
        <translation>Zamknąć bez zapisywania?</translation>
    </message>
    <message>
        <source>This page could not be saved. Close anyway and lose its answers?</source>
        <translation>Nie udało się zapisać tej strony. Zamknąć mimo to i utracić odpowiedzi z tej strony?</translation>
    </message>
    <message>
        <source>{tool_name} with the {label}</source>
        <translation>{tool_name} — {label}</translation>
    </message>
    <message>
        <source>Result: {who}</source>
        <translation>Wynik: {who}</translation>
    </message>
    <message>
        <source>Date: {who}</source>
        <translation>Data: {who}</translation>
    </message>
    <message>
        <source>Note: {who}</source>
        <translation>Uwaga: {who}</translation>
    </message>
    <message>
        <source>What happened; for a failure, what replaces it</source>
        <translation>Co się stało; w razie niepowodzenia — czym zastąpiono narzędzie</translation>
    </message>
    <message>
        <source>Test plan — {heading}</source>
        <translation>Plan testów — {heading}</translation>
    </message>
    <message>
        <source>Test plan</source>
        <translation>Plan testów</translation>
    </message>
    <message>
        <source>Try each tool with each person before the start: install, log in, a short call or message, a shared file. Record what happened.</source>
        <translation>Przed rozpoczęciem wypróbuj każde narzędzie z każdą osobą: instalacja, logowanie, krótka rozmowa lub wiadomość, wspólny plik. Zapisz, co się stało.</translation>
    </message>
    <message>
        <source>With</source>
        <translation>Z kim</translation>
    </message>
    <message>
        <source>Choose the tools first.</source>
        <translation>Najpierw wybierz narzędzia.</translation>
    </message>
    <message>
        <source>{who}: someone else recorded this test meanwhile; reloaded.</source>
        <translation>{who}: ktoś inny zapisał w międzyczasie ten test; wczytano ponownie.</translation>
    </message>
    <message>
        <source>{name} (optional)</source>
        <translation>{name} (opcjonalnie)</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— brak —</translation>
    </message>
    <message>
        <source>{name} (not made for this)</source>
        <translation>{name} (nie do tego celu)</translation>
    </message>
    <message>
        <source>Choose tools that everybody can use and preferably already uses, and say explicitly which one serves each purpose.</source>
        <translation>Wybierz narzędzia, z których wszyscy mogą korzystać, a najlepiej już korzystają, i jednoznacznie określ, do czego służy każde z nich.</translation>
    </message>
    <message>
        <source>Check the choice</source>
        <translation>Sprawdź wybór</translation>
    </message>
    <message>
        <source>Press Finish to save. Then test every tool with the student, the mentor and the tutor: the agreement cannot be sent before.</source>
        <translation>Kliknij „Zakończ”, aby zapisać. Następnie przetestuj każde narzędzie ze studentem, mentorem i opiekunem uczelnianym: wcześniej nie można wysłać porozumienia.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Chosen&lt;/b&gt;&lt;ul style=&apos;margin-left:-20px&apos;&gt;</source>
        <translation>&lt;b&gt;Wybrane&lt;/b&gt;&lt;ul style=&apos;margin-left:-20px&apos;&gt;</translation>
    </message>
    <message>
        <source>No tool chosen yet.</source>
        <translation>Nie wybrano jeszcze narzędzia.</translation>
    </message>
    <message>
        <source>No advice: the choice follows the guide.</source>
        <translation>Brak zaleceń: wybór jest zgodny z przewodnikiem.</translation>
    </message>
    <message>
        <source>Tools — {heading}</source>
        <translation>Narzędzia — {heading}</translation>
    </message>
    <message>
        <source>Tools not saved</source>
        <translation>Nie zapisano narzędzi</translation>
    </message>
    <message>
        <source> They chose: {join}.</source>
        <translation> Wybrano: {join}.</translation>
    </message>
    <message>
        <source>Someone else chose tools for this placement after you opened it.{chosen} Press Finish again to keep your choice, or Back to change it.</source>
        <translation>Ktoś inny wybrał narzędzia dla tej praktyki po jej otwarciu tutaj.{chosen} Kliknij ponownie „Zakończ”, aby zachować własny wybór, lub „Wstecz”, aby go zmienić.</translation>
    </message>
    <message>
        <source>Their version differs in: {join}.

</source>
        <translation>Tamta wersja różni się w polach: {join}.

</translation>
    </message>
    <message>
        <source>{details}Reload shows their version and drops your edits; Keep mine saves your version over theirs.</source>
        <translation>{details}„Wczytaj ponownie” pokazuje tamtą wersję i odrzuca wprowadzone tu zmiany; „Zachowaj moje” zapisuje bieżącą wersję w miejsce tamtej.</translation>
    </message>
    <message>
        <source>Reload (discard mine)</source>
        <translation>Wczytaj ponownie (odrzuć moje)</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>Zachowaj moje</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not in the list; choose {what} from it.</source>
        <translation>„{text}” nie ma na liście; wybierz z listy: {what}.</translation>
    </message>
    <message>
        <source>Discard your changes?</source>
        <translation>Odrzucić zmiany?</translation>
    </message>
    <message>
        <source>Equity flags are special-category personal data (GDPR art. 9). Include them only when the recipient needs them, e.g. for a grant&apos;s inclusion support; keep and send the file securely.</source>
        <translation>Znaczniki równości szans to szczególne kategorie danych osobowych (art. 9 RODO). Należy je dołączać tylko wtedy, gdy odbiorca ich potrzebuje, np. do wsparcia na rzecz włączenia w ramach dofinansowania; plik należy bezpiecznie przechowywać i przesyłać.</translation>
    </message>
    <message>
        <source>The report was not saved</source>
        <translation>Nie zapisano raportu</translation>
    </message>
    <message>
        <source>Cancelled: no file was written.</source>
        <translation>Anulowano: nie zapisano żadnego pliku.</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Eksportuj raport</translation>
    </message>
    <message>
        <source>Every placement</source>
        <translation>Wszystkie praktyki</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Wszystkie statusy</translation>
    </message>
    <message>
        <source>Language of the report</source>
        <translation>Język raportu</translation>
    </message>
    <message>
        <source>Sheet names, headers, summaries and charts in this language; the data as recorded</source>
        <translation>Nazwy arkuszy, nagłówki, podsumowania i wykresy w tym języku; dane w postaci zapisanej</translation>
    </message>
    <message>
        <source>Include the students&apos; equity flags</source>
        <translation>Dołącz znaczniki równości szans studentów</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Zapisz jako</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Raport</translation>
    </message>
    <message>
        <source>Search text</source>
        <translation>Szukany tekst</translation>
    </message>
    <message>
        <source>Year (planned start)</source>
        <translation>Rok (planowany początek)</translation>
    </message>
    <message>
        <source>Sensitive data</source>
        <translation>Dane wrażliwe</translation>
    </message>
    <message>
        <source>Save to</source>
        <translation>Zapisz w</translation>
    </message>
    <message>
        <source>Then e-mail it (to a funder or a manager)</source>
        <translation>Następnie wyślij e-mailem (do instytucji finansującej lub przełożonego)</translation>
    </message>
    <message>
        <source>An Excel workbook with the filters below, key figures with a chart, and the detail. The filters start as they are set in the placements list.</source>
        <translation>Skoroszyt Excel z poniższymi filtrami, kluczowymi wskaźnikami z wykresem i szczegółami. Filtry są początkowo ustawione tak jak na liście praktyk.</translation>
    </message>
    <message>
        <source>Save the report as</source>
        <translation>Zapisz raport jako</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Skoroszyt Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Choose where to save the report.</source>
        <translation>Wybierz, gdzie zapisać raport.</translation>
    </message>
    <message>
        <source>The folder {parent} does not exist.</source>
        <translation>Folder {parent} nie istnieje.</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>Zastąpić plik?</translation>
    </message>
    <message>
        <source>{name} exists already. Replace it?</source>
        <translation>Plik {name} już istnieje. Zastąpić go?</translation>
    </message>
    <message>
        <source>Writing the report…</source>
        <translation>Zapisywanie raportu…</translation>
    </message>
    <message>
        <source>Exporting the report “{title}”</source>
        <translation>Eksport raportu „{title}”</translation>
    </message>
    <message>
        <source>funding sources</source>
        <translation>źródła finansowania</translation>
    </message>
    <message>
        <source>placements</source>
        <translation>praktyk</translation>
    </message>
    <message>
        <source>Saved {records:,} {what} to {path}.</source>
        <translation>Zapisano w {path}; {what}: {records:,}.</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv *.txt);;All files (*)</source>
        <translation>Arkusze (*.xlsx *.csv *.txt);;Wszystkie pliki (*)</translation>
    </message>
    <message>
        <source>The template was not saved</source>
        <translation>Nie zapisano szablonu</translation>
    </message>
    <message>
        <source>Nothing was imported</source>
        <translation>Nic nie zaimportowano</translation>
    </message>
    <message>
        <source>&lt;b&gt;Nothing was imported.&lt;/b&gt; </source>
        <translation>&lt;b&gt;Nic nie zaimportowano.&lt;/b&gt; </translation>
    </message>
    <message>
        <source>Stopped: nothing was imported.</source>
        <translation>Zatrzymano: nic nie zaimportowano.</translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation>Nie wybrano pliku.</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Wybierz plik…</translation>
    </message>
    <message>
        <source>Save template…</source>
        <translation>Zapisz szablon…</translation>
    </message>
    <message>
        <source>An empty workbook with the right columns and a Help sheet</source>
        <translation>Pusty skoroszyt z właściwymi kolumnami i arkuszem pomocy</translation>
    </message>
    <message>
        <source>How dates written with slashes are read; 31.12.2000 and 2000-12-31 are always clear</source>
        <translation>Jak odczytywane są daty zapisane z ukośnikami; 31.12.2000 i 2000-12-31 są zawsze jednoznaczne</translation>
    </message>
    <message>
        <source>Dates such as 01/02/2026 are written &amp;day first or month first:</source>
        <translation>Daty typu 01/02/2026 zaczynają się od &amp;dnia lub od miesiąca:</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Podgląd</translation>
    </message>
    <message>
        <source>The rows as they would be imported</source>
        <translation>Wiersze w postaci, w jakiej zostałyby zaimportowane</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Wiersz</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Kolumna</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problemy</translation>
    </message>
    <message>
        <source>What to correct, row by row</source>
        <translation>Co poprawić, wiersz po wierszu</translation>
    </message>
    <message>
        <source>Reading and checking the file…</source>
        <translation>Odczytywanie i sprawdzanie pliku…</translation>
    </message>
    <message>
        <source>Checking {name}</source>
        <translation>Sprawdzanie: {name}</translation>
    </message>
    <message>
        <source>The date order was not changed</source>
        <translation>Nie zmieniono kolejności dat</translation>
    </message>
    <message>
        <source>&lt;b&gt;This file cannot be imported.&lt;/b&gt; {message}</source>
        <translation>&lt;b&gt;Tego pliku nie można zaimportować.&lt;/b&gt; {message}</translation>
    </message>
    <message>
        <source>Import as</source>
        <translation>Importuj jako</translation>
    </message>
    <message>
        <source> (first {PREVIEW_ROWS} shown)</source>
        <translation> (pokazano pierwsze {PREVIEW_ROWS})</translation>
    </message>
    <message>
        <source>&lt;b&gt;{source}&lt;/b&gt;: {count:,} rows{more} — {summary}.</source>
        <translation>&lt;b&gt;{source}&lt;/b&gt;: liczba wierszy {count:,}{more} — {summary}.</translation>
    </message>
    <message>
        <source>&lt;br&gt;Columns not used: {join}.</source>
        <translation>&lt;br&gt;Nieużywane kolumny: {join}.</translation>
    </message>
    <message>
        <source>&lt;br&gt;Dates with slashes read {label}.</source>
        <translation>&lt;br&gt;Daty z ukośnikami odczytano jako: {label}.</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Nothing can be imported until every problem below is corrected in the file&lt;/b&gt; ({count:,}).&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:{hex_of}&apos;&gt;&lt;b&gt;Nie można niczego zaimportować, dopóki wszystkie poniższe problemy nie zostaną poprawione w pliku&lt;/b&gt; ({count:,}).&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;There is nothing new to import.</source>
        <translation>&lt;br&gt;Nie ma nic nowego do zaimportowania.</translation>
    </message>
    <message>
        <source>Problems ({count:,})</source>
        <translation>Problemy ({count:,})</translation>
    </message>
    <message>
        <source> {count:,} already existed and were skipped.</source>
        <translation> Pominięto już istniejące: {count:,}.</translation>
    </message>
    <message>
        <source>&amp;Export report to Excel…</source>
        <translation>&amp;Eksportuj raport do Excela…</translation>
    </message>
    <message>
        <source>Save import &amp;template</source>
        <translation>Zapisz &amp;szablon importu</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>Zapisano {path}.</translation>
    </message>
    <message>
        <source>Snooze — {reference}</source>
        <translation>Odłóż — {reference}</translation>
    </message>
    <message>
        <source>Why, e.g. “host HR away until Monday”</source>
        <translation>Dlaczego, np. „dział HR organizacji nieobecny do poniedziałku”</translation>
    </message>
    <message>
        <source>Hide &amp;until</source>
        <translation>Ukryj &amp;do</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>&amp;Notatka</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Odłóż</translation>
    </message>
    <message>
        <source>It shows again the day after, unless the records say it is done by then.</source>
        <translation>Pozycja pojawi się ponownie następnego dnia, chyba że do tego czasu dane wykażą, że została wykonana.</translation>
    </message>
    <message>
        <source>Work-list rules</source>
        <translation>Reguły listy zadań</translation>
    </message>
    <message>
        <source> days</source>
        <translation> dni</translation>
    </message>
    <message>
        <source>{what}. Shipped default: {default_days} days.</source>
        <translation>{what}. Domyślnie: {default_days} dni.</translation>
    </message>
    <message>
        <source>Restore &amp;defaults</source>
        <translation>Przywróć &amp;domyślne</translation>
    </message>
    <message>
        <source>When the work list shows an item. These numbers apply to everyone using this database.</source>
        <translation>Kiedy lista zadań pokazuje pozycję. Te liczby dotyczą wszystkich użytkowników tej bazy danych.</translation>
    </message>
    <message>
        <source>Snoozed {reference} ({what}) until {day_text}.</source>
        <translation>Odłożono {reference} ({what}) do {day_text}.</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Organizacja przyjmująca</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Co zrobić</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Od</translation>
    </message>
    <message>
        <source>{what}: {details}
What to do: {action}.</source>
        <translation>{what}: {details}
Co zrobić: {action}.</translation>
    </message>
    <message>
        <source>365 days overdue</source>
        <translation>365 dni po terminie</translation>
    </message>
    <message>
        <source>30 Sep 2026</source>
        <translation>30 wrz 2026</translation>
    </message>
    <message>
        <source>Open the placement where this is done (Enter)</source>
        <translation>Otwórz praktykę w miejscu, gdzie się to wykonuje (Enter)</translation>
    </message>
    <message>
        <source>S&amp;nooze…</source>
        <translation>&amp;Odłóż…</translation>
    </message>
    <message>
        <source>Hide this item until a date ({SNOOZE_SHORTCUT})</source>
        <translation>Ukryj tę pozycję do wybranej daty ({SNOOZE_SHORTCUT})</translation>
    </message>
    <message>
        <source>&amp;Rules…</source>
        <translation>&amp;Reguły…</translation>
    </message>
    <message>
        <source>When the work list shows an item: the number of days</source>
        <translation>Kiedy lista zadań pokazuje pozycję: liczba dni</translation>
    </message>
    <message>
        <source>Send re&amp;minders…</source>
        <translation>Wyślij &amp;przypomnienia…</translation>
    </message>
    <message>
        <source>E-mail each party a due item waits for: signatures, certificate, evaluations</source>
        <translation>Wyślij e-mail do każdej strony, na którą czeka pozycja: podpisy, zaświadczenie, ewaluacje</translation>
    </message>
    <message>
        <source>Reminders: {summary}.</source>
        <translation>Przypomnienia: {summary}.</translation>
    </message>
    <message>
        <source>Work list</source>
        <translation>Lista zadań</translation>
    </message>
    <message>
        <source>What is due, grouped by overdue, this week and later</source>
        <translation>Co jest do zrobienia, w grupach: zaległe, w tym tygodniu i później</translation>
    </message>
    <message>
        <source>&lt;h2&gt;All is done&lt;/h2&gt;&lt;p&gt;Nothing needs you today: no signatures waiting too long, no start with preparation open, no certificate or evaluation missing.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Wszystko zrobione&lt;/h2&gt;&lt;p&gt;Na dziś nie ma nic do zrobienia: żadne podpisy nie czekają zbyt długo, żadna praktyka nie zaczyna się z otwartym przygotowaniem, nie brakuje żadnego zaświadczenia ani ewaluacji.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Today, {long_day}&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Dziś, {long_day}&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Cannot snooze</source>
        <translation>Nie można odłożyć</translation>
    </message>
    <message>
        <source> · {snoozed:,} snoozed</source>
        <translation> · odłożone: {snoozed:,}</translation>
    </message>
    <message>
        <source>Nothing due{snoozed}.</source>
        <translation>Nic do zrobienia{snoozed}.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s): {parts}{snoozed}</source>
        <translation>
            <numerusform>%Ln pozycja: {parts}{snoozed}</numerusform>
            <numerusform>%Ln pozycje: {parts}{snoozed}</numerusform>
            <numerusform>%Ln pozycji: {parts}{snoozed}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln overdue</source>
        <translation>
            <numerusform>%Ln zaległa</numerusform>
            <numerusform>%Ln zaległe</numerusform>
            <numerusform>%Ln zaległych</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln this week</source>
        <translation>
            <numerusform>%Ln w tym tygodniu</numerusform>
            <numerusform>%Ln w tym tygodniu</numerusform>
            <numerusform>%Ln w tym tygodniu</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln later</source>
        <translation>
            <numerusform>%Ln później</numerusform>
            <numerusform>%Ln później</numerusform>
            <numerusform>%Ln później</numerusform>
        </translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Rekord</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Usunięto</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>Pozostało dni</translation>
    </message>
    <message>
        <source>Recently deleted</source>
        <translation>Ostatnio usunięte</translation>
    </message>
    <message>
        <source>Placements and cost items deleted in the last 30 days. Restoring one brings it back with everything it had: checklist, questionnaires, protocol, tools, agreements and costs.</source>
        <translation>Praktyki i pozycje kosztów usunięte w ciągu ostatnich 30 dni. Przywrócona pozycja wraca ze wszystkim, co zawierała: listą kontrolną, kwestionariuszami, protokołem, narzędziami, porozumieniami i kosztami.</translation>
    </message>
    <message>
        <source>What was deleted in the last 30 days</source>
        <translation>Co usunięto w ciągu ostatnich 30 dni</translation>
    </message>
    <message>
        <source>Nothing was deleted in the last 30 days.</source>
        <translation>W ciągu ostatnich 30 dni nic nie usunięto.</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Przywróć</translation>
    </message>
    <message>
        <source>Not restored</source>
        <translation>Nie przywrócono</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>RRRR-MM-DD</translation>
    </message>
    <message>
        <source>Pick from a calendar</source>
        <translation>Wybierz z kalendarza</translation>
    </message>
    <message>
        <source>{label} (required)</source>
        <translation>{label} (wymagane)</translation>
    </message>
    <message>
        <source>Type part of a name, e-mail or student number</source>
        <translation>Wpisz część imienia i nazwiska, adresu e-mail lub numeru albumu</translation>
    </message>
    <message>
        <source>Starts soon with preparation open</source>
        <translation>Wkrótce start przy otwartym przygotowaniu</translation>
    </message>
    <message>
        <source>Close what blocks the start, or move the start</source>
        <translation>Usuń to, co blokuje start, albo przesuń start</translation>
    </message>
    <message>
        <source>Warn this many days before the start while preparation is open</source>
        <translation>Ostrzegaj tyle dni przed startem, gdy przygotowanie jest otwarte</translation>
    </message>
    <message>
        <source>Agreement waiting for signatures</source>
        <translation>Porozumienie czeka na podpisy</translation>
    </message>
    <message>
        <source>Remind who has not signed</source>
        <translation>Przypomnij tym, którzy nie podpisali</translation>
    </message>
    <message>
        <source>Agreement out for signature for this many days</source>
        <translation>Porozumienie wysłane do podpisu od tylu dni</translation>
    </message>
    <message>
        <source>Still ongoing after its planned end</source>
        <translation>Nadal trwa po planowanym końcu</translation>
    </message>
    <message>
        <source>Move it to evaluating, or change the end date</source>
        <translation>Przenieś do oceny albo zmień datę końca</translation>
    </message>
    <message>
        <source>Still ongoing this many days after the planned end</source>
        <translation>Nadal trwa tyle dni po planowanym końcu</translation>
    </message>
    <message>
        <source>Traineeship certificate not received</source>
        <translation>Nie otrzymano zaświadczenia o odbyciu praktyki</translation>
    </message>
    <message>
        <source>Ask the host for the certificate</source>
        <translation>Poproś organizację przyjmującą o zaświadczenie</translation>
    </message>
    <message>
        <source>No traineeship certificate this many days after the end</source>
        <translation>Brak zaświadczenia o odbyciu praktyki tyle dni po końcu</translation>
    </message>
    <message>
        <source>Evaluation missing</source>
        <translation>Brak oceny</translation>
    </message>
    <message>
        <source>Evaluate it with the student and the host</source>
        <translation>Oceń ze studentem i organizacją przyjmującą</translation>
    </message>
    <message>
        <source>Evaluation not done this many days after the end</source>
        <translation>Brak oceny tyle dni po końcu</translation>
    </message>
    <message>
        <source>Recognition missing</source>
        <translation>Brak uznania</translation>
    </message>
    <message>
        <source>Record the credits in the transcript</source>
        <translation>Wpisz punkty do wykazu zaliczeń</translation>
    </message>
    <message>
        <source>Credits not recognised this many days after the end</source>
        <translation>Punkty nieuznane tyle dni po końcu</translation>
    </message>
    <message>
        <source>Amendment waiting for signatures</source>
        <translation>Aneks czeka na podpisy</translation>
    </message>
    <message>
        <source>Remind who has not signed the amendment</source>
        <translation>Przypomnij tym, którzy nie podpisali aneksu</translation>
    </message>
    <message>
        <source>Amendment out for signature for this many days</source>
        <translation>Aneks wysłany do podpisu od tylu dni</translation>
    </message>
    <message>
        <source>Meeting overdue against the protocol</source>
        <translation>Spotkanie zaległe według protokołu</translation>
    </message>
    <message>
        <source>Hold the meeting and log it, or record why it was missed</source>
        <translation>Odbądź spotkanie i je zapisz albo zapisz, dlaczego się nie odbyło</translation>
    </message>
    <message>
        <source>Days of grace after the protocol&apos;s cadence expected a meeting (then overdue)</source>
        <translation>Dni tolerancji po terminie spotkania z protokołu (potem zaległe)</translation>
    </message>
    <message>
        <source>Tool test failed, no reason recorded</source>
        <translation>Test narzędzia nieudany, brak powodu</translation>
    </message>
    <message>
        <source>Choose another tool, or record why it is acceptable</source>
        <translation>Wybierz inne narzędzie albo zapisz, dlaczego jest do przyjęcia</translation>
    </message>
    <message>
        <source>A failed tool test has no reason this many days after it</source>
        <translation>Nieudany test narzędzia bez powodu przez tyle dni</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>%n dzień po terminie</numerusform>
            <numerusform>%n dni po terminie</numerusform>
            <numerusform>%n dni po terminie</numerusform>
        </translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>Na dziś</translation>
    </message>
    <message numerus="yes">
        <source>Due in %n day(s)</source>
        <translation>
            <numerusform>Za %n dzień</numerusform>
            <numerusform>Za %n dni</numerusform>
            <numerusform>Za %n dni</numerusform>
        </translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Zaległe</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>W tym tygodniu</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Później</translation>
    </message>
    <message>
        <source>the student&apos;s readiness</source>
        <translation>gotowość studenta</translation>
    </message>
    <message>
        <source>the host&apos;s readiness</source>
        <translation>gotowość organizacji przyjmującej</translation>
    </message>
    <message>
        <source>the institution&apos;s readiness</source>
        <translation>gotowość uczelni</translation>
    </message>
    <message>
        <source>the communication protocol</source>
        <translation>protokół komunikacji</translation>
    </message>
    <message>
        <source>a tool for every purpose</source>
        <translation>narzędzie do każdego celu</translation>
    </message>
    <message>
        <source>the tool tests</source>
        <translation>testy narzędzi</translation>
    </message>
    <message>
        <source>the signed agreement</source>
        <translation>podpisane porozumienie</translation>
    </message>
    <message>
        <source>{first} and {last}</source>
        <translation>{first} i {last}</translation>
    </message>
    <message>
        <source>{student} at {host}</source>
        <translation>{student} w {host}</translation>
    </message>
    <message>
        <source>Starts {day}; still open: {still}.</source>
        <translation>Rozpoczyna się {day}; nadal otwarte: {still}.</translation>
    </message>
    <message>
        <source>the student ({name})</source>
        <translation>student ({name})</translation>
    </message>
    <message>
        <source>the host ({name})</source>
        <translation>organizacja przyjmująca ({name})</translation>
    </message>
    <message>
        <source>your institution ({name})</source>
        <translation>Twoja uczelnia ({name})</translation>
    </message>
    <message>
        <source>Sent {day}</source>
        <translation>Wysłano {day}</translation>
    </message>
    <message>
        <source>not signed yet by {who}</source>
        <translation>jeszcze niepodpisane: {who}</translation>
    </message>
    <message>
        <source>declined by {who}</source>
        <translation>odrzucone: {who}</translation>
    </message>
    <message>
        <source>Ticked by {who}</source>
        <translation>Zaznaczone przez: {who}</translation>
    </message>
    <message>
        <source>Ticked by hand</source>
        <translation>Zaznaczone ręcznie</translation>
    </message>
    <message>
        <source>Not ticked yet: {item}</source>
        <translation>Jeszcze nie zaznaczone: {item}</translation>
    </message>
    <message>
        <source>{item} — {detail}</source>
        <translation>{item} — {detail}</translation>
    </message>
    <message>
        <source>not done yet</source>
        <translation>jeszcze nie zrobione</translation>
    </message>
    <message>
        <source>The agreement is not signed by all three parties and locked: {detail}</source>
        <translation>Porozumienie nie jest podpisane przez wszystkie trzy strony i zablokowane: {detail}</translation>
    </message>
    <message>
        <source>record the signatures on the Agreement tab</source>
        <translation>zapisz podpisy na karcie „Porozumienie”</translation>
    </message>
    <message>
        <source>No agreement version has been sent for signature: {detail}</source>
        <translation>Żadna wersja porozumienia nie została wysłana do podpisu: {detail}</translation>
    </message>
    <message>
        <source>draft it and send it from the Agreement tab</source>
        <translation>przygotuj je i wyślij z karty „Porozumienie”</translation>
    </message>
    <message>
        <source>questionnaire completed {day}, no critical flag</source>
        <translation>kwestionariusz wypełniony {day}, brak sygnałów krytycznych</translation>
    </message>
    <message numerus="yes">
        <source>%n critical flag(s) open: {flags}</source>
        <translation>
            <numerusform>%n otwarty sygnał krytyczny: {flags}</numerusform>
            <numerusform>%n otwarte sygnały krytyczne: {flags}</numerusform>
            <numerusform>%n otwartych sygnałów krytycznych: {flags}</numerusform>
        </translation>
    </message>
    <message>
        <source>protocol saved {day}</source>
        <translation>protokół zapisany {day}</translation>
    </message>
    <message>
        <source>no tool chosen for: {purposes}</source>
        <translation>nie wybrano narzędzia dla: {purposes}</translation>
    </message>
    <message>
        <source>the student</source>
        <translation>student</translation>
    </message>
    <message>
        <source>the host mentor</source>
        <translation>mentor w organizacji przyjmującej</translation>
    </message>
    <message>
        <source>no final evaluation by {first} or {second}</source>
        <translation>brak oceny końcowej: {first} i {second}</translation>
    </message>
    <message>
        <source>no final evaluation by {who}</source>
        <translation>brak oceny końcowej: {who}</translation>
    </message>
    <message>
        <source>final evaluations by the student and the host mentor, the last on {day}</source>
        <translation>oceny końcowe studenta i mentora są gotowe, ostatnia z {day}</translation>
    </message>
    <message>
        <source>not recorded yet: {missing}</source>
        <translation>jeszcze nie zapisano: {missing}</translation>
    </message>
    <message>
        <source>questionnaire started, not completed yet</source>
        <translation>kwestionariusz rozpoczęty, jeszcze nie ukończony</translation>
    </message>
    <message>
        <source>no questionnaire completed yet</source>
        <translation>jeszcze żaden kwestionariusz nie został wypełniony</translation>
    </message>
    <message>
        <source>no communication protocol saved yet</source>
        <translation>jeszcze nie zapisano protokołu komunikacji</translation>
    </message>
    <message>
        <source>no credits planned: the placement does not count toward the degree</source>
        <translation>nie zaplanowano punktów: praktyka nie jest zaliczana do studiów</translation>
    </message>
    <message>
        <source>“{question}” answered {answer}</source>
        <translation>„{question}” — odpowiedź: {answer}</translation>
    </message>
    <message>
        <source>the company mentor</source>
        <translation>mentor w firmie</translation>
    </message>
    <message>
        <source>the academic tutor</source>
        <translation>opiekun uczelniany</translation>
    </message>
    <message>
        <source>not tested with {who}</source>
        <translation>nie przetestowano: {who}</translation>
    </message>
    <message>
        <source>failed with {who}, no reason recorded</source>
        <translation>test nieudany: {who}, bez zapisanego powodu</translation>
    </message>
    <message>
        <source>{tool}: {problems}</source>
        <translation>{tool}: {problems}</translation>
    </message>
    <message numerus="yes">
        <source>%n tool(s) tested with every actor</source>
        <translation>
            <numerusform>%n narzędzie przetestowane ze wszystkimi uczestnikami</numerusform>
            <numerusform>%n narzędzia przetestowane ze wszystkimi uczestnikami</numerusform>
            <numerusform>%n narzędzi przetestowanych ze wszystkimi uczestnikami</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n failed test(s) accepted with a reason)</source>
        <translation>
            <numerusform>(%n nieudany test zaakceptowany z podaniem powodu)</numerusform>
            <numerusform>(%n nieudane testy zaakceptowane z podaniem powodu)</numerusform>
            <numerusform>(%n nieudanych testów zaakceptowanych z podaniem powodu)</numerusform>
        </translation>
    </message>
    <message>
        <source>, last on {day}</source>
        <translation>, ostatnio {day}</translation>
    </message>
    <message>
        <source>no agreement drafted yet</source>
        <translation>jeszcze nie przygotowano porozumienia</translation>
    </message>
    <message>
        <source>no certificate drafted yet</source>
        <translation>jeszcze nie przygotowano zaświadczenia</translation>
    </message>
    <message>
        <source>agreement {number}</source>
        <translation>porozumienie {number}</translation>
    </message>
    <message>
        <source>certificate</source>
        <translation>zaświadczenie</translation>
    </message>
    <message>
        <source>{document} signed and locked {day}</source>
        <translation>{document} podpisane i zablokowane {day}</translation>
    </message>
    <message>
        <source>the trainee</source>
        <translation>praktykant</translation>
    </message>
    <message>
        <source>the sending institution</source>
        <translation>uczelnia wysyłająca</translation>
    </message>
    <message>
        <source>the receiving organisation</source>
        <translation>organizacja przyjmująca</translation>
    </message>
    <message>
        <source>{document} declined by {who}</source>
        <translation>{document} odrzucone: {who}</translation>
    </message>
    <message>
        <source>{document} out for signature; not signed yet by {who}</source>
        <translation>{document} wysłane do podpisu; jeszcze niepodpisane: {who}</translation>
    </message>
    <message>
        <source>every party</source>
        <translation>wszystkie strony</translation>
    </message>
    <message>
        <source>{document} is a draft, not sent for signature yet</source>
        <translation>{document} to wersja robocza, jeszcze niewysłana do podpisu</translation>
    </message>
    <message>
        <source>no kick-off meeting logged yet</source>
        <translation>jeszcze nie zapisano spotkania otwierającego</translation>
    </message>
    <message>
        <source>kick-off meeting logged, on {day}</source>
        <translation>spotkanie otwierające zapisane, {day}</translation>
    </message>
    <message numerus="yes">
        <source>%n kick-off meeting(s) logged, last on {day}</source>
        <translation>
            <numerusform>%n spotkanie otwierające zapisane, ostatnie {day}</numerusform>
            <numerusform>%n spotkania otwierające zapisane, ostatnie {day}</numerusform>
            <numerusform>%n spotkań otwierających zapisanych, ostatnie {day}</numerusform>
        </translation>
    </message>
    <message>
        <source>no mentor meeting logged yet</source>
        <translation>jeszcze nie zapisano spotkania z mentorem</translation>
    </message>
    <message>
        <source>mentor meeting logged, on {day}</source>
        <translation>spotkanie z mentorem zapisane, {day}</translation>
    </message>
    <message numerus="yes">
        <source>%n mentor meeting(s) logged, last on {day}</source>
        <translation>
            <numerusform>%n spotkanie z mentorem zapisane, ostatnie {day}</numerusform>
            <numerusform>%n spotkania z mentorem zapisane, ostatnie {day}</numerusform>
            <numerusform>%n spotkań z mentorem zapisanych, ostatnie {day}</numerusform>
        </translation>
    </message>
    <message>
        <source>no coaching session logged yet</source>
        <translation>jeszcze nie zapisano konsultacji z opiekunem</translation>
    </message>
    <message>
        <source>coaching session logged, on {day}</source>
        <translation>konsultacja z opiekunem zapisana, {day}</translation>
    </message>
    <message numerus="yes">
        <source>%n coaching session(s) logged, last on {day}</source>
        <translation>
            <numerusform>%n konsultacja z opiekunem zapisana, ostatnia {day}</numerusform>
            <numerusform>%n konsultacje z opiekunem zapisane, ostatnia {day}</numerusform>
            <numerusform>%n konsultacji z opiekunem zapisanych, ostatnia {day}</numerusform>
        </translation>
    </message>
    <message>
        <source>no peer feedback logged yet</source>
        <translation>jeszcze nie zapisano informacji zwrotnej od rówieśników</translation>
    </message>
    <message>
        <source>peer feedback logged, on {day}</source>
        <translation>informacja zwrotna od rówieśników zapisana, {day}</translation>
    </message>
    <message numerus="yes">
        <source>%n peer feedback entries logged, last on {day}</source>
        <translation>
            <numerusform>%n informacja zwrotna od rówieśników zapisana, ostatnia {day}</numerusform>
            <numerusform>%n informacje zwrotne od rówieśników zapisane, ostatnia {day}</numerusform>
            <numerusform>%n informacji zwrotnych od rówieśników zapisanych, ostatnia {day}</numerusform>
        </translation>
    </message>
    <message>
        <source>no reflection entry logged yet</source>
        <translation>jeszcze nie zapisano refleksji</translation>
    </message>
    <message>
        <source>reflection entry logged, on {day}</source>
        <translation>refleksja zapisana, {day}</translation>
    </message>
    <message numerus="yes">
        <source>%n reflection entry(ies) logged, last on {day}</source>
        <translation>
            <numerusform>%n refleksja zapisana, ostatnia {day}</numerusform>
            <numerusform>%n refleksje zapisane, ostatnia {day}</numerusform>
            <numerusform>%n refleksji zapisanych, ostatnia {day}</numerusform>
        </translation>
    </message>
    <message>
        <source>the credits awarded</source>
        <translation>przyznane punkty</translation>
    </message>
    <message>
        <source>the grade</source>
        <translation>ocena</translation>
    </message>
    <message>
        <source>the transcript date</source>
        <translation>data wykazu zaliczeń</translation>
    </message>
    <message>
        <source>the learning outcomes achieved</source>
        <translation>osiągnięte efekty uczenia się</translation>
    </message>
    <message>
        <source>the certificate&apos;s receipt date</source>
        <translation>data otrzymania zaświadczenia</translation>
    </message>
    <message>
        <source>{awarded} of {planned} credits recognised, grade {grade}</source>
        <translation>uznano {awarded} z {planned} punktów, ocena {grade}</translation>
    </message>
    <message>
        <source>, transcript of {day}</source>
        <translation>, wykaz zaliczeń z {day}</translation>
    </message>
    <message>
        <source>{tool}: failed with {who}</source>
        <translation>{tool}: test nieudany ({who})</translation>
    </message>
    <message>
        <source>A meeting was expected by {day}; none logged since.</source>
        <translation>Spotkanie było oczekiwane do {day}; od tego czasu nie zapisano żadnego.</translation>
    </message>
    <message>
        <source>Planned end {day}; still ongoing.</source>
        <translation>Planowany koniec {day}; nadal trwa.</translation>
    </message>
    <message>
        <source>Ended {day}.</source>
        <translation>Zakończono {day}.</translation>
    </message>
    <message>
        <source>Student selected; expectations of student, host and institution discussed</source>
        <translation>Student wybrany; omówiono oczekiwania studenta, organizacji przyjmującej i uczelni</translation>
    </message>
    <message>
        <source>Student readiness checked: independence, motivation, digital skills, connectivity</source>
        <translation>Sprawdzono gotowość studenta: samodzielność, motywacja, umiejętności cyfrowe, łącze</translation>
    </message>
    <message>
        <source>Host readiness checked: real tasks, mentor time, system access, security</source>
        <translation>Sprawdzono gotowość organizacji przyjmującej: rzeczywiste zadania, czas mentora, dostęp do systemów, bezpieczeństwo</translation>
    </message>
    <message>
        <source>Institution readiness checked: learning outcomes, recognition, staff time</source>
        <translation>Sprawdzono gotowość uczelni: efekty uczenia się, uznanie, czas pracowników</translation>
    </message>
    <message>
        <source>Communication tools chosen and tested with every actor</source>
        <translation>Narzędzia komunikacji wybrane i przetestowane z każdym uczestnikiem</translation>
    </message>
    <message>
        <source>Communication protocol agreed: availability, reporting, reply times, meetings</source>
        <translation>Uzgodniono protokół komunikacji: dostępność, raportowanie, czas odpowiedzi, spotkania</translation>
    </message>
    <message>
        <source>Agreement signed by student, institution and host</source>
        <translation>Porozumienie podpisane przez studenta, uczelnię i organizację przyjmującą</translation>
    </message>
    <message>
        <source>Preparatory training offered: cultural, linguistic, technical</source>
        <translation>Zaproponowano szkolenie przygotowawcze: kulturowe, językowe, techniczne</translation>
    </message>
    <message>
        <source>Helpdesk named for the student and for company staff</source>
        <translation>Wskazano punkt kontaktowy dla studenta i dla pracowników firmy</translation>
    </message>
    <message>
        <source>Accident and liability insurance arranged</source>
        <translation>Zapewniono ubezpieczenie od wypadków i odpowiedzialności cywilnej</translation>
    </message>
    <message>
        <source>Kick-off meeting held with student, mentor and tutor</source>
        <translation>Odbyto spotkanie otwierające ze studentem, mentorem i opiekunem uczelnianym</translation>
    </message>
    <message>
        <source>Task mentoring running, with more than one co-worker involved</source>
        <translation>Trwa opieka merytoryczna z udziałem więcej niż jednego pracownika</translation>
    </message>
    <message>
        <source>Academic coaching and feedback sessions held</source>
        <translation>Odbyto sesje coachingu akademickiego i informacji zwrotnej</translation>
    </message>
    <message>
        <source>Peer feedback organised</source>
        <translation>Zorganizowano informację zwrotną od rówieśników</translation>
    </message>
    <message>
        <source>Reflection kept by the student (blog or e-portfolio)</source>
        <translation>Student prowadzi refleksję (blog lub e-portfolio)</translation>
    </message>
    <message>
        <source>Any change of programme agreed as an amendment signed by all three</source>
        <translation>Każdą zmianę programu uzgodniono w formie aneksu podpisanego przez wszystkie trzy strony</translation>
    </message>
    <message>
        <source>Placement evaluated with the student and the host</source>
        <translation>Praktykę oceniono ze studentem i organizacją przyjmującą</translation>
    </message>
    <message>
        <source>Final assessment of the student done</source>
        <translation>Przeprowadzono końcową ocenę studenta</translation>
    </message>
    <message>
        <source>Traineeship certificate issued by the host (within 5 weeks of the end)</source>
        <translation>Organizacja przyjmująca wydała zaświadczenie o odbyciu praktyki (w ciągu 5 tygodni od zakończenia)</translation>
    </message>
    <message>
        <source>Credits recognised in the transcript</source>
        <translation>Punkty uznane w wykazie zaliczeń</translation>
    </message>
    <message>
        <source>Collaboration and reflection records archived</source>
        <translation>Zarchiwizowano dokumentację współpracy i refleksji</translation>
    </message>
    <message>
        <source>Equally</source>
        <translation>Po równo</translation>
    </message>
    <message>
        <source>By funded days</source>
        <translation>Według dofinansowanych dni</translation>
    </message>
    <message>
        <source>By credits</source>
        <translation>Według punktów</translation>
    </message>
    <message>
        <source>Typed in</source>
        <translation>Wpisane</translation>
    </message>
    <message>
        <source>Returned PDF</source>
        <translation>Odesłany PDF</translation>
    </message>
    <message>
        <source>Coordinator</source>
        <translation>Koordynator</translation>
    </message>
    <message>
        <source>Learning agreement</source>
        <translation>Porozumienie o programie praktyki</translation>
    </message>
    <message>
        <source>Amendment</source>
        <translation>Aneks</translation>
    </message>
    <message>
        <source>Out for signature</source>
        <translation>Wysłane do podpisu</translation>
    </message>
    <message>
        <source>Signed and locked</source>
        <translation>Podpisane i zablokowane</translation>
    </message>
    <message>
        <source>Superseded</source>
        <translation>Zastąpione</translation>
    </message>
    <message>
        <source>Kick-off meeting</source>
        <translation>Spotkanie otwierające</translation>
    </message>
    <message>
        <source>Mentor meeting</source>
        <translation>Spotkanie z mentorem</translation>
    </message>
    <message>
        <source>Tutor coaching</source>
        <translation>Konsultacja z opiekunem</translation>
    </message>
    <message>
        <source>Progress report</source>
        <translation>Sprawozdanie z postępów</translation>
    </message>
    <message>
        <source>Peer feedback</source>
        <translation>Informacja zwrotna od rówieśników</translation>
    </message>
    <message>
        <source>Reflection entry</source>
        <translation>Refleksja</translation>
    </message>
    <message>
        <source>Well-being check</source>
        <translation>Rozmowa o samopoczuciu</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Incydent</translation>
    </message>
    <message>
        <source>Mid-term</source>
        <translation>Śródokresowa</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>Końcowa</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>W kolejce</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Przed</translation>
    </message>
    <message>
        <source>During</source>
        <translation>W trakcie</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Po</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>W toku</translation>
    </message>
    <message>
        <source>Digital signature</source>
        <translation>Podpis cyfrowy</translation>
    </message>
    <message>
        <source>Paper signature (scan attached)</source>
        <translation>Podpis na papierze (skan w załączeniu)</translation>
    </message>
    <message>
        <source>Typed approval</source>
        <translation>Zatwierdzenie wpisane</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Oczekuje</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Odrzucone</translation>
    </message>
    <message>
        <source>ECTS grades (A–F)</source>
        <translation>Oceny ECTS (A–F)</translation>
    </message>
    <message>
        <source>Pass / fail</source>
        <translation>Zaliczone / niezaliczone</translation>
    </message>
    <message>
        <source>German (1.0 best – 5.0)</source>
        <translation>Niemiecka (1,0 najlepsza – 5,0)</translation>
    </message>
    <message>
        <source>Dutch (1 – 10 best)</source>
        <translation>Holenderska (1 – 10 najlepsza)</translation>
    </message>
    <message>
        <source>Italian (18 – 30 best)</source>
        <translation>Włoska (18 – 30 najlepsza)</translation>
    </message>
    <message>
        <source>Polish (2.0 – 5.0 best)</source>
        <translation>Polska (2,0 – 5,0 najlepsza)</translation>
    </message>
    <message>
        <source>Finnish (0 – 5 best)</source>
        <translation>Fińska (0 – 5 najlepsza)</translation>
    </message>
    <message>
        <source>Danish 7-point (-3 – 12 best)</source>
        <translation>Duńska 7-stopniowa (-3 – 12 najlepsza)</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Dział</translation>
    </message>
    <message>
        <source>Mentor: name</source>
        <translation>Mentor: imię i nazwisko</translation>
    </message>
    <message>
        <source>Mentor: position</source>
        <translation>Mentor: stanowisko</translation>
    </message>
    <message>
        <source>Mentor: e-mail</source>
        <translation>Mentor: e-mail</translation>
    </message>
    <message>
        <source>Financial support: amount per month</source>
        <translation>Wsparcie finansowe: kwota miesięcznie</translation>
    </message>
    <message>
        <source>Contribution in kind</source>
        <translation>Świadczenia rzeczowe</translation>
    </message>
    <message>
        <source>Insurance by the receiving organisation</source>
        <translation>Ubezpieczenie zapewniane przez organizację przyjmującą</translation>
    </message>
    <message>
        <source>Tasks, deliverables and deadlines</source>
        <translation>Zadania, rezultaty i terminy</translation>
    </message>
    <message>
        <source>Host mentor</source>
        <translation>Mentor w przedsiębiorstwie</translation>
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
        <translation>Dziś · {day}</translation>
    </message>
    <message>
        <source>Yesterday · {day}</source>
        <translation>Wczoraj · {day}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>tak</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>{n} hours</source>
        <translation>{n} godz.</translation>
    </message>
    <message>
        <source>{n} minutes</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <source>Physical</source>
        <translation>fizyczny</translation>
    </message>
    <message>
        <source>Virtual</source>
        <translation>wirtualny</translation>
    </message>
    <message>
        <source>learning agreement {number}</source>
        <translation>porozumienie o programie praktyki {number}</translation>
    </message>
    <message>
        <source>amendment {number}</source>
        <translation>aneks {number}</translation>
    </message>
    <message>
        <source>traineeship certificate {number}</source>
        <translation>zaświadczenie o odbyciu praktyki {number}</translation>
    </message>
    <message>
        <source>recognition</source>
        <translation>uznanie</translation>
    </message>
    <message>
        <source>mid-term evaluation</source>
        <translation>ocena śródokresowa</translation>
    </message>
    <message>
        <source>final evaluation</source>
        <translation>ocena końcowa</translation>
    </message>
    <message>
        <source>{entry} of {day}</source>
        <translation>{entry} z {day}</translation>
    </message>
    <message>
        <source>the host organisation</source>
        <translation>organizacja przyjmująca</translation>
    </message>
    <message>
        <source>Student readiness questionnaire</source>
        <translation>Kwestionariusz gotowości studenta</translation>
    </message>
    <message>
        <source>Host organisation readiness questionnaire</source>
        <translation>Kwestionariusz gotowości organizacji przyjmującej</translation>
    </message>
    <message>
        <source>Sending institution readiness questionnaire</source>
        <translation>Kwestionariusz gotowości uczelni wysyłającej</translation>
    </message>
    <message>
        <source>reopened as a draft</source>
        <translation>ponownie otwarto jako wersję roboczą</translation>
    </message>
    <message>
        <source>sent for signature</source>
        <translation>wysłano do podpisu</translation>
    </message>
    <message>
        <source>signed by all three parties and locked</source>
        <translation>zebrano podpisy wszystkich trzech stron i zablokowano</translation>
    </message>
    <message>
        <source>superseded by a newer version</source>
        <translation>zastąpiono nowszą wersją</translation>
    </message>
    <message>
        <source>host organisation</source>
        <translation>organizacja przyjmująca</translation>
    </message>
    <message>
        <source>sending institution</source>
        <translation>uczelnia wysyłająca</translation>
    </message>
    <message>
        <source>company mentor</source>
        <translation>mentor w przedsiębiorstwie</translation>
    </message>
    <message>
        <source>academic tutor</source>
        <translation>opiekun uczelniany</translation>
    </message>
    <message>
        <source>shared cost</source>
        <translation>koszt wspólny</translation>
    </message>
    <message>
        <source>document</source>
        <translation>dokument</translation>
    </message>
    <message>
        <source>planned start</source>
        <translation>planowany początek</translation>
    </message>
    <message>
        <source>planned end</source>
        <translation>planowany koniec</translation>
    </message>
    <message>
        <source>hours per week</source>
        <translation>godziny tygodniowo</translation>
    </message>
    <message>
        <source>reply time</source>
        <translation>czas odpowiedzi</translation>
    </message>
    <message>
        <source>meeting length</source>
        <translation>długość spotkania</translation>
    </message>
    <message>
        <source>note on tools</source>
        <translation>notatka o narzędziach</translation>
    </message>
    <message>
        <source>ticked by</source>
        <translation>osoba zaznaczająca</translation>
    </message>
    <message>
        <source>ticked at</source>
        <translation>czas zaznaczenia</translation>
    </message>
    <message>
        <source>signer</source>
        <translation>podpisujący</translation>
    </message>
    <message>
        <source>signer&apos;s function</source>
        <translation>funkcja podpisującego</translation>
    </message>
    <message>
        <source>signer&apos;s e-mail</source>
        <translation>e-mail podpisującego</translation>
    </message>
    <message>
        <source>signing date</source>
        <translation>data podpisu</translation>
    </message>
    <message>
        <source>tool</source>
        <translation>narzędzie</translation>
    </message>
    <message>
        <source>test date</source>
        <translation>data testu</translation>
    </message>
    <message>
        <source>content fingerprint</source>
        <translation>odcisk cyfrowy treści</translation>
    </message>
    <message>
        <source>fingerprint of the signed PDF</source>
        <translation>odcisk cyfrowy podpisanego PDF-a</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>signed PDF</source>
        <translation>podpisany PDF</translation>
    </message>
    <message>
        <source>signed and locked PDF</source>
        <translation>podpisany i zablokowany PDF</translation>
    </message>
    <message>
        <source>date</source>
        <translation>data</translation>
    </message>
    <message>
        <source>questionnaire</source>
        <translation>kwestionariusz</translation>
    </message>
    <message>
        <source>work-list item</source>
        <translation>pozycja listy zadań</translation>
    </message>
    <message>
        <source>title</source>
        <translation>tytuł</translation>
    </message>
    <message>
        <source>status</source>
        <translation>status</translation>
    </message>
    <message>
        <source>mode</source>
        <translation>tryb</translation>
    </message>
    <message>
        <source>description</source>
        <translation>opis</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>uwagi</translation>
    </message>
    <message>
        <source>note</source>
        <translation>notatka</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>powód</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>kwota</translation>
    </message>
    <message>
        <source>currency</source>
        <translation>waluta</translation>
    </message>
    <message>
        <source>category</source>
        <translation>kategoria</translation>
    </message>
    <message>
        <source>state</source>
        <translation>stan</translation>
    </message>
    <message>
        <source>method</source>
        <translation>metoda</translation>
    </message>
    <message>
        <source>reporting</source>
        <translation>raportowanie</translation>
    </message>
    <message>
        <source>meetings</source>
        <translation>spotkania</translation>
    </message>
    <message>
        <source>start</source>
        <translation>początek</translation>
    </message>
    <message>
        <source>end</source>
        <translation>koniec</translation>
    </message>
    <message>
        <source>until</source>
        <translation>odłożone do</translation>
    </message>
    <message>
        <source>grade</source>
        <translation>ocena</translation>
    </message>
    <message>
        <source>credits awarded</source>
        <translation>przyznane punkty</translation>
    </message>
    <message>
        <source>transcript date</source>
        <translation>data wykazu zaliczeń</translation>
    </message>
    <message>
        <source>certificate received on</source>
        <translation>data otrzymania zaświadczenia</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>czas trwania (minuty)</translation>
    </message>
    <message>
        <source>participants</source>
        <translation>uczestnicy</translation>
    </message>
    <message>
        <source>concern</source>
        <translation>problem</translation>
    </message>
    <message>
        <source>resolved on</source>
        <translation>data rozwiązania</translation>
    </message>
    <message>
        <source>result</source>
        <translation>wynik</translation>
    </message>
    <message>
        <source>phase</source>
        <translation>faza</translation>
    </message>
    <message>
        <source>{reason} (open then: {overridden})</source>
        <translation>{reason} (wówczas otwarte: {overridden})</translation>
    </message>
    <message>
        <source>Status changed from {before} to {after} past open checks</source>
        <translation>Zmieniono status z {before} na {after} mimo otwartych punktów</translation>
    </message>
    <message>
        <source>{subject}: {change}</source>
        <translation>{subject} – {change}</translation>
    </message>
    <message>
        <source>{title}, {student} at {host}, {start} – {end}</source>
        <translation>{title}, {student} w {host}, {start} – {end}</translation>
    </message>
    <message>
        <source>{tool} with {actor}</source>
        <translation>{tool} ({actor})</translation>
    </message>
    <message>
        <source>{kind} period</source>
        <translation>Okres {kind}</translation>
    </message>
    <message>
        <source>Signature of {party} on {document}</source>
        <translation>Podpis ({party}, {document})</translation>
    </message>
    <message>
        <source>Tool for {purpose} changed from {before} to {after}</source>
        <translation>Zmieniono narzędzie do celu {purpose} z {before} na {after}</translation>
    </message>
    <message>
        <source>Test of {subject} ({day}) recorded as {outcome}</source>
        <translation>Zarejestrowano test narzędzia {subject} z dnia {day} z wynikiem „{outcome}”</translation>
    </message>
    <message>
        <source>Cost {cost}</source>
        <translation>Koszt {cost}</translation>
    </message>
    <message>
        <source>Share of a shared cost</source>
        <translation>Udział w koszcie wspólnym</translation>
    </message>
    <message>
        <source>Snooze of a work-list item</source>
        <translation>Odłożenie pozycji listy zadań</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to}</source>
        <translation>E-mail „{subject}” do {to}</translation>
    </message>
    <message>
        <source>{subject} saved</source>
        <translation>{subject} – zapisano</translation>
    </message>
    <message>
        <source>Placement {reference} created</source>
        <translation>Utworzono praktykę {reference}</translation>
    </message>
    <message>
        <source>Placement {reference} deleted</source>
        <translation>Usunięto praktykę {reference}</translation>
    </message>
    <message>
        <source>{item} ticked</source>
        <translation>Zaznaczono pozycję {item}</translation>
    </message>
    <message>
        <source>{item} unticked</source>
        <translation>Odznaczono pozycję {item}</translation>
    </message>
    <message>
        <source>Note on {item} changed</source>
        <translation>Zmieniono notatkę do pozycji {item}</translation>
    </message>
    <message>
        <source>{kind} period added: {start} – {end}</source>
        <translation>Dodano okres {kind}: {start} – {end}</translation>
    </message>
    <message>
        <source>{kind} period removed</source>
        <translation>Usunięto okres {kind}</translation>
    </message>
    <message>
        <source>{document} drafted</source>
        <translation>{document} – utworzono wersję roboczą</translation>
    </message>
    <message>
        <source>{document} deleted</source>
        <translation>{document} – usunięto</translation>
    </message>
    <message>
        <source>{document} {state}</source>
        <translation>{document} – {state}</translation>
    </message>
    <message>
        <source>{document} edited</source>
        <translation>{document} – zmieniono treść</translation>
    </message>
    <message>
        <source>Signed PDF of {document} updated</source>
        <translation>{document} – zaktualizowano podpisany PDF</translation>
    </message>
    <message>
        <source>{document} checked and frozen for sending</source>
        <translation>{document} – sprawdzono i zamrożono do wysłania</translation>
    </message>
    <message>
        <source>Note on {document} changed</source>
        <translation>{document} – zmieniono notatkę</translation>
    </message>
    <message>
        <source>Signature of {party} awaited on {document}</source>
        <translation>Oczekiwanie na podpis ({party}, {document})</translation>
    </message>
    <message>
        <source>Signature of {party} on {document} removed</source>
        <translation>Usunięto podpis ({party}, {document})</translation>
    </message>
    <message>
        <source>{how} from {signer}</source>
        <translation>{how}: {signer}</translation>
    </message>
    <message>
        <source>{how}, dated {day}</source>
        <translation>{how}, z dnia {day}</translation>
    </message>
    <message>
        <source>Signature of {party} on {document} recorded ({how})</source>
        <translation>Zarejestrowano podpis ({party}, {document}; {how})</translation>
    </message>
    <message>
        <source>{party}&apos;s refusal to sign {document} recorded</source>
        <translation>Zarejestrowano odmowę podpisu ({party}, {document})</translation>
    </message>
    <message>
        <source>Signature of {party} on {document} reset: signing starts over</source>
        <translation>Skasowano podpis ({party}, {document}): podpisywanie zaczyna się od nowa</translation>
    </message>
    <message>
        <source>Note on the signature of {party} on {document} changed</source>
        <translation>Zmieniono notatkę do podpisu ({party}, {document})</translation>
    </message>
    <message>
        <source>{questionnaire} started</source>
        <translation>{questionnaire} rozpoczęty</translation>
    </message>
    <message>
        <source>{questionnaire} started with {respondent}</source>
        <translation>{questionnaire} rozpoczęty (odpowiada: {respondent})</translation>
    </message>
    <message>
        <source>{questionnaire} discarded before it was completed</source>
        <translation>{questionnaire} odrzucony przed wypełnieniem</translation>
    </message>
    <message>
        <source>{questionnaire} completed</source>
        <translation>{questionnaire} wypełniony</translation>
    </message>
    <message>
        <source>Communication protocol saved</source>
        <translation>Zapisano protokół komunikacji</translation>
    </message>
    <message>
        <source>Communication protocol removed</source>
        <translation>Usunięto protokół komunikacji</translation>
    </message>
    <message>
        <source>{tool} chosen for {purpose}</source>
        <translation>Wybrano {tool} do celu {purpose}</translation>
    </message>
    <message>
        <source>Tool for {purpose} removed</source>
        <translation>Usunięto narzędzie do celu {purpose}</translation>
    </message>
    <message>
        <source>Test of {subject} removed</source>
        <translation>Usunięto test narzędzia {subject}</translation>
    </message>
    <message>
        <source>Test of {subject}</source>
        <translation>Test narzędzia {subject}</translation>
    </message>
    <message>
        <source>Note on the test of {subject} changed</source>
        <translation>Zmieniono notatkę do testu narzędzia {subject}</translation>
    </message>
    <message>
        <source>Test of {subject} marked as not yet done</source>
        <translation>Test narzędzia {subject} oznaczono jako jeszcze nieprzeprowadzony</translation>
    </message>
    <message>
        <source>Test of {subject} recorded as {outcome}</source>
        <translation>Zarejestrowano test narzędzia {subject} z wynikiem „{outcome}”</translation>
    </message>
    <message>
        <source>Cost {cost} added: {amount}</source>
        <translation>Dodano koszt {cost}: {amount}</translation>
    </message>
    <message>
        <source>Cost {cost} removed</source>
        <translation>Usunięto koszt {cost}</translation>
    </message>
    <message>
        <source>Shared cost {cost} now shared with this placement</source>
        <translation>Koszt wspólny {cost} jest teraz dzielony także z tą praktyką</translation>
    </message>
    <message>
        <source>This placement no longer shares a shared cost</source>
        <translation>Ta praktyka nie uczestniczy już w koszcie wspólnym</translation>
    </message>
    <message>
        <source>Work-list item {item} snoozed until {until}</source>
        <translation>Odłożono pozycję listy zadań {item} do {until}</translation>
    </message>
    <message>
        <source>A work-list item is no longer snoozed</source>
        <translation>Pozycja listy zadań nie jest już odłożona</translation>
    </message>
    <message>
        <source>{what} recorded</source>
        <translation>Zarejestrowano: {what}</translation>
    </message>
    <message>
        <source>{what} removed</source>
        <translation>Usunięto: {what}</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} queued</source>
        <translation>E-mail „{subject}” do {to} czeka w kolejce</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} removed from the outbox</source>
        <translation>Usunięto ze skrzynki nadawczej e-mail „{subject}” do {to}</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} sent</source>
        <translation>Wysłano e-mail „{subject}” do {to}</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} could not be sent</source>
        <translation>Nie udało się wysłać e-maila „{subject}” do {to}</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} cancelled</source>
        <translation>Anulowano e-mail „{subject}” do {to}</translation>
    </message>
    <message>
        <source>E-mail “{subject}” to {to} queued again</source>
        <translation>E-mail „{subject}” do {to} ponownie czeka w kolejce</translation>
    </message>
    <message>
        <source>Placement saved</source>
        <translation>Zapisano praktykę</translation>
    </message>
    <message>
        <source>{field} replaced</source>
        <translation>{field}: zastąpiono</translation>
    </message>
    <message>
        <source>{field} added</source>
        <translation>{field}: dodano</translation>
    </message>
    <message>
        <source>{field} set to {after}</source>
        <translation>{field}: ustawiono {after}</translation>
    </message>
    <message>
        <source>{field} cleared (was {before})</source>
        <translation>{field}: wyczyszczono (było: {before})</translation>
    </message>
    <message>
        <source>{field} changed from {before} to {after}</source>
        <translation>{field}: zmiana z {before} na {after}</translation>
    </message>
    <message>
        <source>{kind} version {number}</source>
        <translation>{kind}, wersja {number}</translation>
    </message>
    <message>
        <source>Import &amp;students…</source>
        <translation>Importuj &amp;studentów…</translation>
    </message>
    <message>
        <source>&amp;Students…</source>
        <translation>&amp;Studenci…</translation>
    </message>
    <message>
        <source>Import students</source>
        <translation>Import studentów</translation>
    </message>
    <message>
        <source>Import students from</source>
        <translation>Import studentów z pliku</translation>
    </message>
    <message>
        <source>Save the students import template</source>
        <translation>Zapisz szablon importu studentów</translation>
    </message>
    <message>
        <source>Saved the students template to {path}.</source>
        <translation>Zapisano szablon importu studentów w {path}.</translation>
    </message>
    <message>
        <source>Importing students</source>
        <translation>Trwa import studentów</translation>
    </message>
    <message>
        <source>Choose an Excel (.xlsx) or CSV file with one row per student. You see what vipdesk understood before anything is imported; if any row has a problem, nothing is. Rows already in vipdesk are skipped.</source>
        <translation>Wybierz plik Excel (.xlsx) lub CSV z jednym wierszem na studenta. Przed importem widać, jak vipdesk odczytał dane; jeśli którykolwiek wiersz zawiera problem, nic nie zostanie zaimportowane. Wiersze już obecne w vipdesk są pomijane.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln student(s).</source>
        <translation>
            <numerusform>Zaimportowano %Ln studenta.</numerusform>
            <numerusform>Zaimportowano %Ln studentów.</numerusform>
            <numerusform>Zaimportowano %Ln studentów.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new student(s)</source>
        <translation>
            <numerusform>%Ln nowy student</numerusform>
            <numerusform>%Ln nowi studenci</numerusform>
            <numerusform>%Ln nowych studentów</numerusform>
        </translation>
    </message>
    <message>
        <source>Import &amp;organisations…</source>
        <translation>Importuj &amp;organizacje…</translation>
    </message>
    <message>
        <source>&amp;Organisations…</source>
        <translation>&amp;Organizacje…</translation>
    </message>
    <message>
        <source>Import organisations</source>
        <translation>Import organizacji</translation>
    </message>
    <message>
        <source>Import organisations from</source>
        <translation>Import organizacji z pliku</translation>
    </message>
    <message>
        <source>Save the organisations import template</source>
        <translation>Zapisz szablon importu organizacji</translation>
    </message>
    <message>
        <source>Saved the organisations template to {path}.</source>
        <translation>Zapisano szablon importu organizacji w {path}.</translation>
    </message>
    <message>
        <source>Importing organisations</source>
        <translation>Trwa import organizacji</translation>
    </message>
    <message>
        <source>Choose an Excel (.xlsx) or CSV file with one row per organisation. You see what vipdesk understood before anything is imported; if any row has a problem, nothing is. Rows already in vipdesk are skipped.</source>
        <translation>Wybierz plik Excel (.xlsx) lub CSV z jednym wierszem na organizację. Przed importem widać, jak vipdesk odczytał dane; jeśli którykolwiek wiersz zawiera problem, nic nie zostanie zaimportowane. Wiersze już obecne w vipdesk są pomijane.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln organisation(s).</source>
        <translation>
            <numerusform>Zaimportowano %Ln organizację.</numerusform>
            <numerusform>Zaimportowano %Ln organizacje.</numerusform>
            <numerusform>Zaimportowano %Ln organizacji.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new organisation(s)</source>
        <translation>
            <numerusform>%Ln nowa organizacja</numerusform>
            <numerusform>%Ln nowe organizacje</numerusform>
            <numerusform>%Ln nowych organizacji</numerusform>
        </translation>
    </message>
    <message>
        <source>Import &amp;placements…</source>
        <translation>Importuj &amp;praktyki…</translation>
    </message>
    <message>
        <source>&amp;Placements…</source>
        <translation>&amp;Praktyki…</translation>
    </message>
    <message>
        <source>Import placements</source>
        <translation>Import praktyk</translation>
    </message>
    <message>
        <source>Import placements from</source>
        <translation>Import praktyk z pliku</translation>
    </message>
    <message>
        <source>Save the placements import template</source>
        <translation>Zapisz szablon importu praktyk</translation>
    </message>
    <message>
        <source>Saved the placements template to {path}.</source>
        <translation>Zapisano szablon importu praktyk w {path}.</translation>
    </message>
    <message>
        <source>Importing placements</source>
        <translation>Trwa import praktyk</translation>
    </message>
    <message>
        <source>Choose an Excel (.xlsx) or CSV file with one row per placement. You see what vipdesk understood before anything is imported; if any row has a problem, nothing is. Rows already in vipdesk are skipped.</source>
        <translation>Wybierz plik Excel (.xlsx) lub CSV z jednym wierszem na praktykę. Przed importem widać, jak vipdesk odczytał dane; jeśli którykolwiek wiersz zawiera problem, nic nie zostanie zaimportowane. Wiersze już obecne w vipdesk są pomijane.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln placement(s).</source>
        <translation>
            <numerusform>Zaimportowano %Ln praktykę.</numerusform>
            <numerusform>Zaimportowano %Ln praktyki.</numerusform>
            <numerusform>Zaimportowano %Ln praktyk.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new placement(s)</source>
        <translation>
            <numerusform>%Ln nowa praktyka</numerusform>
            <numerusform>%Ln nowe praktyki</numerusform>
            <numerusform>%Ln nowych praktyk</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln already exist(s) — skipped</source>
        <translation>
            <numerusform>%Ln już istnieje — pominięto</numerusform>
            <numerusform>%Ln już istnieją — pominięto</numerusform>
            <numerusform>%Ln już istnieje — pominięto</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln with problems</source>
        <translation>
            <numerusform>%Ln z problemami</numerusform>
            <numerusform>%Ln z problemami</numerusform>
            <numerusform>%Ln z problemami</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose the student, or create a new one.</source>
        <translation>Wybierz studenta lub utwórz nowego.</translation>
    </message>
    <message>
        <source>Choose the host organisation, or create a new one.</source>
        <translation>Wybierz organizację przyjmującą lub utwórz nową.</translation>
    </message>
    <message>
        <source>Choose the sending institution.</source>
        <translation>Wybierz uczelnię wysyłającą.</translation>
    </message>
    <message>
        <source>Give the placement a title, e.g. &apos;Market research assistant&apos;.</source>
        <translation>Nadaj praktyce tytuł, np. „Asystent ds. badań rynku”.</translation>
    </message>
    <message>
        <source>The title is longer than 200 characters.</source>
        <translation>Tytuł jest dłuższy niż 200 znaków.</translation>
    </message>
    <message>
        <source>The description is longer than {limit} characters.</source>
        <translation>Opis jest dłuższy niż {limit} znaków.</translation>
    </message>
    <message>
        <source>&apos;{code}&apos; is not an ISO 4217 code.</source>
        <translation>&apos;{code}&apos; nie jest kodem ISO 4217.</translation>
    </message>
    <message>
        <source>&apos;{code}&apos; is not an ISO 4217 currency code (e.g. EUR).</source>
        <translation>&apos;{code}&apos; nie jest kodem waluty ISO 4217 (np. EUR).</translation>
    </message>
    <message>
        <source>&apos;{code}&apos; is not an ISO 4217 currency.</source>
        <translation>&apos;{code}&apos; nie jest walutą ISO 4217.</translation>
    </message>
    <message>
        <source>A cost is either for one placement or shared, not both.</source>
        <translation>Koszt dotyczy jednej praktyki albo jest dzielony, nie oba naraz.</translation>
    </message>
    <message>
        <source>A placement chosen no longer exists.</source>
        <translation>Jedna z wybranych praktyk już nie istnieje.</translation>
    </message>
    <message>
        <source>A rate must be more than zero.</source>
        <translation>Kurs musi być większy od zera.</translation>
    </message>
    <message>
        <source>A share cannot be negative.</source>
        <translation>Udział nie może być ujemny.</translation>
    </message>
    <message>
        <source>Another funding source has this name.</source>
        <translation>Inne źródło finansowania ma już tę nazwę.</translation>
    </message>
    <message>
        <source>Choose the placement, or the placements or year to share among.</source>
        <translation>Wybierz praktykę albo praktyki lub rok, między które koszt zostanie podzielony.</translation>
    </message>
    <message>
        <source>Describe the cost, e.g. &apos;Laptop for the student&apos;.</source>
        <translation>Opisz koszt, np. &apos;Laptop dla studenta&apos;.</translation>
    </message>
    <message>
        <source>Enter the amount (or, for staff time, the hours and hourly rate).</source>
        <translation>Podaj kwotę (albo, dla czasu pracy personelu, godziny i stawkę godzinową).</translation>
    </message>
    <message>
        <source>Enter the amount awarded.</source>
        <translation>Podaj przyznaną kwotę.</translation>
    </message>
    <message>
        <source>Enter the amount to the cent (two decimals at most).</source>
        <translation>Podaj kwotę z dokładnością do centa (najwyżej dwa miejsca po przecinku).</translation>
    </message>
    <message>
        <source>Enter the date of the cost (it chooses the exchange rate).</source>
        <translation>Podaj datę kosztu (od niej zależy kurs wymiany).</translation>
    </message>
    <message>
        <source>Enter the first day the source pays for.</source>
        <translation>Podaj pierwszy dzień, za który płaci źródło.</translation>
    </message>
    <message>
        <source>Enter the last day the source pays for.</source>
        <translation>Podaj ostatni dzień, za który płaci źródło.</translation>
    </message>
    <message>
        <source>Every share is zero, so the cost cannot be split this way.</source>
        <translation>Każdy udział wynosi zero, więc kosztu nie da się tak podzielić.</translation>
    </message>
    <message>
        <source>Hours cannot be negative.</source>
        <translation>Liczba godzin nie może być ujemna.</translation>
    </message>
    <message>
        <source>Line {line}: &apos;{code}&apos; is not an ISO 4217 code.</source>
        <translation>Wiersz {line}: &apos;{code}&apos; nie jest kodem ISO 4217.</translation>
    </message>
    <message>
        <source>Line {line}: a rate must be more than zero.</source>
        <translation>Wiersz {line}: kurs musi być większy od zera.</translation>
    </message>
    <message>
        <source>Line {line}: expected date,currency,rate.</source>
        <translation>Wiersz {line}: oczekiwano date,currency,rate.</translation>
    </message>
    <message>
        <source>Line {line}: write the date as YYYY-MM-DD and the rate as 1.0825.</source>
        <translation>Wiersz {line}: zapisz datę jako RRRR-MM-DD, a kurs jako 1.0825.</translation>
    </message>
    <message>
        <source>Name the funding source, e.g. &apos;Erasmus+ KA131 2024&apos;.</source>
        <translation>Nazwij źródło finansowania, np. &apos;Erasmus+ KA131 2024&apos;.</translation>
    </message>
    <message>
        <source>Share among the placements listed or among a year, not both.</source>
        <translation>Podziel między wymienione praktyki albo między praktyki roku, nie oba naraz.</translation>
    </message>
    <message>
        <source>The amount awarded cannot be negative.</source>
        <translation>Przyznana kwota nie może być ujemna.</translation>
    </message>
    <message>
        <source>The amount cannot be negative; enter a refund as its own note.</source>
        <translation>Kwota nie może być ujemna; zwrot wpisz jako osobną notatkę.</translation>
    </message>
    <message>
        <source>The description is longer than 200 characters.</source>
        <translation>Opis jest dłuższy niż 200 znaków.</translation>
    </message>
    <message>
        <source>The hourly rate cannot be negative.</source>
        <translation>Stawka godzinowa nie może być ujemna.</translation>
    </message>
    <message>
        <source>The invoice reference is longer than {limit} characters.</source>
        <translation>Numer faktury jest dłuższy niż {limit} znaków.</translation>
    </message>
    <message>
        <source>The name is longer than 200 characters.</source>
        <translation>Nazwa jest dłuższa niż 200 znaków.</translation>
    </message>
    <message>
        <source>The notes are longer than {limit} characters.</source>
        <translation>Notatki są dłuższe niż {limit} znaków.</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>Okres kończy się, zanim się zaczyna.</translation>
    </message>
    <message>
        <source>The reference is longer than {limit} characters.</source>
        <translation>Numer referencyjny jest dłuższy niż {limit} znaków.</translation>
    </message>
    <message>
        <source>There is no exchange rate for {currency} on or before {day} (against {base}). Enter one, or import them from a CSV file.</source>
        <translation>Brak kursu wymiany dla {currency} na dzień {day} lub wcześniej (względem {base}). Wpisz kurs albo zaimportuj kursy z pliku CSV.</translation>
    </message>
    <message>
        <source>There is no grant to record: no physical days are funded.</source>
        <translation>Nie ma stypendium do zapisania: żadne dni fizycznej obecności nie są finansowane.</translation>
    </message>
    <message>
        <source>There is nobody to share this cost among.</source>
        <translation>Nie ma nikogo, między kogo można podzielić ten koszt.</translation>
    </message>
    <message>
        <source>This cost item no longer exists.</source>
        <translation>Ta pozycja kosztów już nie istnieje.</translation>
    </message>
    <message>
        <source>This funding source no longer exists.</source>
        <translation>To źródło finansowania już nie istnieje.</translation>
    </message>
    <message>
        <source>This rate of {currency} for {day} was changed after you opened it.</source>
        <translation>Ten kurs {currency} na dzień {day} zmieniono po jego otwarciu.</translation>
    </message>
    <message>
        <source>{amount} has more than two decimals; enter it to the cent.</source>
        <translation>{amount} ma więcej niż dwa miejsca po przecinku; podaj kwotę z dokładnością do centa.</translation>
    </message>
    <message>
        <source>{category}: enter a budget of zero or more, to the cent.</source>
        <translation>{category}: podaj budżet równy zero lub większy, z dokładnością do centa.</translation>
    </message>
    <message>
        <source>{cost} ({day}): {problem}</source>
        <translation>{cost} ({day}): {problem}</translation>
    </message>
    <message>
        <source>{day} is outside the period of {source} ({start} to {end}).</source>
        <translation>{day} jest poza okresem źródła {source} (od {start} do {end}).</translation>
    </message>
    <message>
        <source>{source} pays for cost items; move or delete them first.</source>
        <translation>{source} finansuje pozycje kosztów; najpierw je przenieś lub usuń.</translation>
    </message>
    <message>
        <source>{source}: {cost}: {problem}</source>
        <translation>{source}: {cost}: {problem}</translation>
    </message>
    <message>
        <source>Enter the planned start date.</source>
        <translation>Wpisz planowaną datę rozpoczęcia.</translation>
    </message>
    <message>
        <source>Enter the planned end date.</source>
        <translation>Wpisz planowaną datę zakończenia.</translation>
    </message>
    <message>
        <source>The end ({end}) is before the start ({start}).</source>
        <translation>Koniec ({end}) jest przed początkiem ({start}).</translation>
    </message>
    <message>
        <source>Enter the hours per week (1 to 60).</source>
        <translation>Wpisz liczbę godzin tygodniowo (od 1 do 60).</translation>
    </message>
    <message>
        <source>Hours per week must be between 1 and 60.</source>
        <translation>Liczba godzin tygodniowo musi wynosić od 1 do 60.</translation>
    </message>
    <message>
        <source>ECTS credits must be between 0 and 60.</source>
        <translation>Punkty ECTS muszą wynosić od 0 do 60.</translation>
    </message>
    <message>
        <source>ECTS credits take at most one decimal, e.g. 7.5.</source>
        <translation>Punkty ECTS mają najwyżej jedno miejsce po przecinku, np. 7,5.</translation>
    </message>
    <message>
        <source>A blended placement needs at least one physical and one virtual period.</source>
        <translation>Praktyka mieszana wymaga co najmniej jednego okresu fizycznego i jednego wirtualnego.</translation>
    </message>
    <message>
        <source>Period {n} needs a start and an end date.</source>
        <translation>Okres {n} wymaga daty rozpoczęcia i zakończenia.</translation>
    </message>
    <message>
        <source>Period {n} ends before it starts.</source>
        <translation>Okres {n} kończy się, zanim się zaczyna.</translation>
    </message>
    <message>
        <source>Period {n} lies outside the planned start and end.</source>
        <translation>Okres {n} wykracza poza planowany początek i koniec.</translation>
    </message>
    <message>
        <source>Periods {a} and {b} overlap.</source>
        <translation>Okresy {a} i {b} nakładają się.</translation>
    </message>
    <message>
        <source>The chosen student was deleted.</source>
        <translation>Wybrany student został usunięty.</translation>
    </message>
    <message>
        <source>The chosen host organisation was deleted.</source>
        <translation>Wybrana organizacja przyjmująca została usunięta.</translation>
    </message>
    <message>
        <source>The chosen sending institution was deleted.</source>
        <translation>Wybrana uczelnia wysyłająca została usunięta.</translation>
    </message>
    <message>
        <source>The chosen mentor was deleted.</source>
        <translation>Wybrany mentor został usunięty.</translation>
    </message>
    <message>
        <source>The mentor must work at the host organisation.</source>
        <translation>Mentor musi pracować w organizacji przyjmującej.</translation>
    </message>
    <message>
        <source>The chosen tutor was deleted.</source>
        <translation>Wybrany opiekun został usunięty.</translation>
    </message>
    <message>
        <source>The academic tutor must work at an institution.</source>
        <translation>Opiekun uczelniany musi pracować w instytucji.</translation>
    </message>
    <message>
        <source>Another coordinator took the same reference just now: save again.</source>
        <translation>Inny koordynator właśnie zajął ten sam numer referencyjny: zapisz ponownie.</translation>
    </message>
    <message>
        <source>The end is before the start.</source>
        <translation>Koniec jest przed początkiem.</translation>
    </message>
    <message>
        <source>This placement no longer exists: someone may have deleted it.</source>
        <translation>Ta praktyka już nie istnieje: ktoś mógł ją usunąć.</translation>
    </message>
    <message>
        <source>This placement was deleted by someone else; your edits were not saved.</source>
        <translation>Ta praktyka została usunięta przez kogoś innego; twoje zmiany nie zostały zapisane.</translation>
    </message>
    <message>
        <source>The database refused the change: {reason}</source>
        <translation>Baza danych odrzuciła zmianę: {reason}</translation>
    </message>
    <message>
        <source>A placement cannot go from &apos;{current}&apos; to &apos;{target}&apos;.</source>
        <translation>Praktyka nie może przejść ze stanu &apos;{current}&apos; do &apos;{target}&apos;.</translation>
    </message>
    <message>
        <source>Say why the placement moves anyway.</source>
        <translation>Napisz, dlaczego praktyka mimo to przechodzi dalej.</translation>
    </message>
    <message>
        <source>Only an office lead can move a placement past open checks.</source>
        <translation>Tylko kierownik biura może przesunąć praktykę mimo otwartych kontroli.</translation>
    </message>
    <message>
        <source>There is no checklist item &apos;{key}&apos;.</source>
        <translation>Nie ma pozycji listy kontrolnej &apos;{key}&apos;.</translation>
    </message>
    <message>
        <source>“{item}” follows from vipdesk&apos;s records; to tick it by hand, say why (e.g. “done outside vipdesk: paper questionnaire”).</source>
        <translation>„{item}” wynika z danych vipdesk; aby zaznaczyć to ręcznie, podaj powód (np. „zrobione poza vipdesk: kwestionariusz papierowy”).</translation>
    </message>
    <message>
        <source>A login name cannot contain a comma.</source>
        <translation>Login nie może zawierać przecinka.</translation>
    </message>
    <message>
        <source>The list of office leads is longer than {limit} characters.</source>
        <translation>Lista kierowników biura jest dłuższa niż {limit} znaków.</translation>
    </message>
    <message>
        <source>Only an office lead can change who the office leads are.</source>
        <translation>Tylko kierownik biura może zmienić, kto jest kierownikiem biura.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not an e-mail address; it should look like name@uni.eu.</source>
        <translation>&apos;{value}&apos; nie jest adresem e-mail; powinien wyglądać jak nazwa@uni.eu.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a country code; choose a country from the list.</source>
        <translation>&apos;{value}&apos; nie jest kodem kraju; wybierz kraj z listy.</translation>
    </message>
    <message>
        <source>Choose the time zone, e.g. Europe/Warsaw.</source>
        <translation>Wybierz strefę czasową, np. Europe/Warsaw.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a time zone; choose one from the list.</source>
        <translation>&apos;{value}&apos; nie jest strefą czasową; wybierz strefę z listy.</translation>
    </message>
    <message>
        <source>The website address is longer than 300 characters.</source>
        <translation>Adres strony WWW jest dłuższy niż 300 znaków.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; does not look like a web address, e.g. https://acme.eu.</source>
        <translation>&apos;{value}&apos; nie wygląda na adres strony WWW, np. https://acme.eu.</translation>
    </message>
    <message>
        <source>Enter the given name.</source>
        <translation>Wpisz imię.</translation>
    </message>
    <message>
        <source>The given name is longer than {limit} characters.</source>
        <translation>Imię jest dłuższe niż {limit} znaków.</translation>
    </message>
    <message>
        <source>Enter the family name.</source>
        <translation>Wpisz nazwisko.</translation>
    </message>
    <message>
        <source>The family name is longer than {limit} characters.</source>
        <translation>Nazwisko jest dłuższe niż {limit} znaków.</translation>
    </message>
    <message>
        <source>Enter the student&apos;s e-mail address.</source>
        <translation>Wpisz adres e-mail studenta.</translation>
    </message>
    <message>
        <source>The student number is longer than {limit} characters.</source>
        <translation>Numer albumu jest dłuższy niż {limit} znaków.</translation>
    </message>
    <message>
        <source>The date of birth is in the future.</source>
        <translation>Data urodzenia jest w przyszłości.</translation>
    </message>
    <message>
        <source>A student must be at least {age}; check the year ({year}).</source>
        <translation>Student musi mieć co najmniej {age} lat; sprawdź rok ({year}).</translation>
    </message>
    <message>
        <source>Another contact already uses this e-mail.</source>
        <translation>Inny kontakt używa już tego adresu e-mail.</translation>
    </message>
    <message>
        <source>Another institution already has this name ({name}).</source>
        <translation>Inna instytucja ma już tę nazwę ({name}).</translation>
    </message>
    <message>
        <source>Another institution already has this name.</source>
        <translation>Inna instytucja ma już tę nazwę.</translation>
    </message>
    <message>
        <source>Another organisation already has this name ({name}).</source>
        <translation>Inna organizacja ma już tę nazwę ({name}).</translation>
    </message>
    <message>
        <source>Another organisation in this country already has this name.</source>
        <translation>Inna organizacja w tym kraju ma już tę nazwę.</translation>
    </message>
    <message>
        <source>Another organisation in {country} already has this name ({name}).</source>
        <translation>Inna organizacja w kraju {country} ma już tę nazwę ({name}).</translation>
    </message>
    <message>
        <source>Born in {year}? Check the year.</source>
        <translation>Rok urodzenia {year}? Sprawdź rok.</translation>
    </message>
    <message>
        <source>Choose the country.</source>
        <translation>Wybierz kraj.</translation>
    </message>
    <message>
        <source>Choose where this person works: either a host organisation or an institution.</source>
        <translation>Wybierz, gdzie ta osoba pracuje: w organizacji przyjmującej albo w instytucji.</translation>
    </message>
    <message>
        <source>Enter the contact&apos;s e-mail address.</source>
        <translation>Wpisz adres e-mail kontaktu.</translation>
    </message>
    <message>
        <source>Enter the contact&apos;s name.</source>
        <translation>Wpisz imię i nazwisko kontaktu.</translation>
    </message>
    <message>
        <source>Enter the institution&apos;s name.</source>
        <translation>Wpisz nazwę instytucji.</translation>
    </message>
    <message>
        <source>Enter the organisation&apos;s name.</source>
        <translation>Wpisz nazwę organizacji.</translation>
    </message>
    <message>
        <source>The Erasmus code is longer than {limit} characters.</source>
        <translation>Kod Erasmus jest dłuższy niż {limit} znaków.</translation>
    </message>
    <message>
        <source>The address is longer than {limit} characters.</source>
        <translation>Adres jest dłuższy niż {limit} znaków.</translation>
    </message>
    <message>
        <source>The city is longer than {limit} characters.</source>
        <translation>Miejscowość jest dłuższa niż {limit} znaków.</translation>
    </message>
    <message>
        <source>The faculty is longer than {limit} characters.</source>
        <translation>Wydział jest dłuższy niż {limit} znaków.</translation>
    </message>
    <message>
        <source>The name is longer than {limit} characters.</source>
        <translation>Nazwa jest dłuższa niż {limit} znaków.</translation>
    </message>
    <message>
        <source>The phone number is longer than {limit} characters.</source>
        <translation>Numer telefonu jest dłuższy niż {limit} znaków.</translation>
    </message>
    <message>
        <source>The position is longer than {limit} characters.</source>
        <translation>Stanowisko jest dłuższe niż {limit} znaków.</translation>
    </message>
    <message>
        <source>The postcode is longer than {limit} characters.</source>
        <translation>Kod pocztowy jest dłuższy niż {limit} znaków.</translation>
    </message>
    <message>
        <source>The sector is longer than {limit} characters.</source>
        <translation>Branża jest dłuższa niż {limit} znaków.</translation>
    </message>
    <message>
        <source>The street is longer than {limit} characters.</source>
        <translation>Ulica jest dłuższa niż {limit} znaków.</translation>
    </message>
    <message>
        <source>The study cycle is an EQF level from 5 to 8.</source>
        <translation>Stopień studiów to poziom EQF od 5 do 8.</translation>
    </message>
    <message>
        <source>The field of education is longer than {limit} characters.</source>
        <translation>Dziedzina kształcenia jest dłuższa niż {limit} znaków.</translation>
    </message>
    <message>
        <source>The programme is longer than {limit} characters.</source>
        <translation>Kierunek studiów jest dłuższy niż {limit} znaków.</translation>
    </message>
    <message>
        <source>This student no longer exists: someone may have deleted it.</source>
        <translation>Ten student już nie istnieje: ktoś mógł go usunąć.</translation>
    </message>
    <message>
        <source>This student was deleted; the equity flags were not saved.</source>
        <translation>Ten student został usunięty; znaczniki równych szans nie zostały zapisane.</translation>
    </message>
    <message>
        <source>This {what} no longer exists: someone may have deleted it.</source>
        <translation>Ten rekord ({what}) już nie istnieje: ktoś mógł go usunąć.</translation>
    </message>
    <message>
        <source>This {what} was deleted by someone else; your edits were not saved.</source>
        <translation>Ten rekord ({what}) usunęła inna osoba; Twoje zmiany nie zostały zapisane.</translation>
    </message>
    <message>
        <source>This {what} was linked to another record just now, so it was not deleted.</source>
        <translation>Ten rekord ({what}) został właśnie powiązany z innym rekordem, więc go nie usunięto.</translation>
    </message>
    <message>
        <source>vipdesk cannot write in &apos;{code}&apos;; choose one of {codes}.</source>
        <translation>vipdesk nie umie pisać w języku &apos;{code}&apos;; wybierz jeden z tych: {codes}.</translation>
    </message>
    <message>
        <source>Language {n}: type the language, e.g. English.</source>
        <translation>Język {n}: wpisz język, np. angielski.</translation>
    </message>
    <message>
        <source>Language {n}: the name is longer than {limit} characters.</source>
        <translation>Język {n}: nazwa jest dłuższa niż {limit} znaków.</translation>
    </message>
    <message>
        <source>{count} contact</source>
        <translation>kontakty: {count}</translation>
    </message>
    <message>
        <source>{count} contacts</source>
        <translation>kontakty: {count}</translation>
    </message>
    <message>
        <source>{count} placement</source>
        <translation>praktyki: {count}</translation>
    </message>
    <message>
        <source>{count} placements</source>
        <translation>praktyki: {count}</translation>
    </message>
    <message>
        <source>{count} student</source>
        <translation>studenci: {count}</translation>
    </message>
    <message>
        <source>{count} students</source>
        <translation>studenci: {count}</translation>
    </message>
    <message>
        <source>{first} and {second}</source>
        <translation>{first} i {second}</translation>
    </message>
    <message>
        <source>{first}, {second} and {third}</source>
        <translation>{first}, {second} i {third}</translation>
    </message>
    <message>
        <source>{name} has {records}; delete or reassign them first.</source>
        <translation>{name} ma powiązane rekordy ({records}); najpierw je usuń lub przypisz gdzie indziej.</translation>
    </message>
    <message>
        <source>{name} is mentor or tutor of {placements}; choose someone else there first.</source>
        <translation>{name} jest mentorem lub opiekunem w praktykach ({placements}); najpierw wybierz tam kogoś innego.</translation>
    </message>
    <message>
        <source>{name}: choose a level ({levels}).</source>
        <translation>{name}: wybierz poziom ({levels}).</translation>
    </message>
    <message>
        <source>{name} is listed twice.</source>
        <translation>{name} występuje na liście dwa razy.</translation>
    </message>
    <message>
        <source>Another student already uses this e-mail ({name}).</source>
        <translation>Inny student używa już tego adresu e-mail ({name}).</translation>
    </message>
    <message>
        <source>Another student already has this student number ({name}).</source>
        <translation>Inny student ma już ten numer albumu ({name}).</translation>
    </message>
    <message>
        <source>The chosen institution was deleted.</source>
        <translation>Wybrana instytucja została usunięta.</translation>
    </message>
    <message>
        <source>Another student already uses this e-mail.</source>
        <translation>Inny student używa już tego adresu e-mail.</translation>
    </message>
    <message>
        <source>Another student already has this student number.</source>
        <translation>Inny student ma już ten numer albumu.</translation>
    </message>
    <message>
        <source>The equity note is longer than {limit} characters.</source>
        <translation>Uwaga do znaczników równości szans jest dłuższa niż {limit} znaków.</translation>
    </message>
    <message>
        <source>Give the date it took place.</source>
        <translation>Podaj datę, kiedy to się odbyło.</translation>
    </message>
    <message>
        <source>The date is outside the placement&apos;s period ({start} – {end}).</source>
        <translation>Data jest poza okresem praktyki ({start} – {end}).</translation>
    </message>
    <message>
        <source>The date is in the future: log it once it has taken place.</source>
        <translation>Data jest w przyszłości: zapisz to, gdy już się odbędzie.</translation>
    </message>
    <message>
        <source>Say who took part.</source>
        <translation>Podaj, kto brał udział.</translation>
    </message>
    <message>
        <source>Keep the participants under {limit} characters.</source>
        <translation>Lista uczestników musi mieć mniej niż {limit} znaków.</translation>
    </message>
    <message>
        <source>Choose one of the tools chosen for this placement.</source>
        <translation>Wybierz jedno z narzędzi wybranych dla tej praktyki.</translation>
    </message>
    <message>
        <source>The duration is from {low} to {high} minutes.</source>
        <translation>Czas trwania wynosi od {low} do {high} minut.</translation>
    </message>
    <message>
        <source>Keep it under {limit} characters.</source>
        <translation>Tekst musi mieć mniej niż {limit} znaków.</translation>
    </message>
    <message>
        <source>Say what follows up on the concern.</source>
        <translation>Podaj dalsze działania w sprawie problemu.</translation>
    </message>
    <message>
        <source>Only a concern is resolved.</source>
        <translation>Rozwiązać można tylko problem.</translation>
    </message>
    <message>
        <source>The concern is resolved before it was raised.</source>
        <translation>Problem został rozwiązany, zanim go zgłoszono.</translation>
    </message>
    <message>
        <source>The resolution date is in the future.</source>
        <translation>Data rozwiązania jest w przyszłości.</translation>
    </message>
    <message>
        <source>Say how the concern was resolved.</source>
        <translation>Podaj, jak problem został rozwiązany.</translation>
    </message>
    <message>
        <source>The file {name} is empty.</source>
        <translation>Plik {name} jest pusty.</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>Plik jest pusty.</translation>
    </message>
    <message>
        <source>The file {name} is over 20 MB.</source>
        <translation>Plik {name} przekracza 20 MB.</translation>
    </message>
    <message>
        <source>The file is over 20 MB.</source>
        <translation>Plik przekracza 20 MB.</translation>
    </message>
    <message>
        <source>Keep the file name under {limit} characters.</source>
        <translation>Nazwa pliku musi mieć mniej niż {limit} znaków.</translation>
    </message>
    <message>
        <source>The file {name} is not a PDF, a Word document (.docx), a PNG or a JPEG.</source>
        <translation>Plik {name} nie jest plikiem PDF, dokumentem Word (.docx), PNG ani JPEG.</translation>
    </message>
    <message>
        <source>The file is not a PDF, a Word document (.docx), a PNG or a JPEG.</source>
        <translation>Plik nie jest plikiem PDF, dokumentem Word (.docx), PNG ani JPEG.</translation>
    </message>
    <message>
        <source>The file {name} is named as a {claimed} but is something else inside.</source>
        <translation>Plik {name} ma nazwę pliku {claimed}, ale w środku jest czymś innym.</translation>
    </message>
    <message>
        <source>The file {name} is named as a {claimed} but is a {found} inside.</source>
        <translation>Plik {name} ma nazwę pliku {claimed}, ale w środku jest plikiem {found}.</translation>
    </message>
    <message>
        <source>The file {name} is damaged: it cannot be read.</source>
        <translation>Plik {name} jest uszkodzony: nie da się go odczytać.</translation>
    </message>
    <message>
        <source>Credits are from 0 to 60, with at most one decimal.</source>
        <translation>Punkty mieszczą się w przedziale od 0 do 60, z co najwyżej jednym miejscem po przecinku.</translation>
    </message>
    <message>
        <source>More credits than the {planned} planned: say why in the reason.</source>
        <translation>Więcej punktów niż planowane {planned}: podaj powód.</translation>
    </message>
    <message>
        <source>Keep the reason under {limit} characters.</source>
        <translation>Powód musi mieć mniej niż {limit} znaków.</translation>
    </message>
    <message>
        <source>Choose one of the grading scales.</source>
        <translation>Wybierz jedną ze skal ocen.</translation>
    </message>
    <message>
        <source>Choose the grading scale the grade is on.</source>
        <translation>Wybierz skalę ocen, w której jest ocena.</translation>
    </message>
    <message>
        <source>“{grade}” is not on the {scale} scale ({grades}).</source>
        <translation>„{grade}” nie należy do skali ocen „{scale}” ({grades}).</translation>
    </message>
    <message>
        <source>“{grade}” is not on the {scale} scale (a number from {low} to {high}).</source>
        <translation>„{grade}” nie należy do skali ocen „{scale}” (liczba od {low} do {high}).</translation>
    </message>
    <message>
        <source>The date is in the future.</source>
        <translation>Data jest w przyszłości.</translation>
    </message>
    <message>
        <source>The date is before the placement started.</source>
        <translation>Data jest wcześniejsza niż początek praktyki.</translation>
    </message>
    <message>
        <source>Keep the outcomes under {limit} characters.</source>
        <translation>Osiągnięte efekty uczenia się muszą mieć mniej niż {limit} znaków.</translation>
    </message>
    <message>
        <source>This monitoring entry no longer exists.</source>
        <translation>Ten wpis monitorowania już nie istnieje.</translation>
    </message>
    <message>
        <source>This entry has no file attached.</source>
        <translation>Do tego wpisu nie dołączono pliku.</translation>
    </message>
    <message>
        <source>The reply time is 1 to 336 hours.</source>
        <translation>Czas odpowiedzi wynosi od 1 do 336 godzin.</translation>
    </message>
    <message>
        <source>A meeting lasts 10 to 240 minutes.</source>
        <translation>Spotkanie trwa od 10 do 240 minut.</translation>
    </message>
    <message>
        <source>Keep this under {limit} characters.</source>
        <translation>Tekst musi mieć mniej niż {limit} znaków.</translation>
    </message>
    <message>
        <source>{who}: choose a time zone from the list.</source>
        <translation>{who}: wybierz strefę czasową z listy.</translation>
    </message>
    <message>
        <source>{who}: tick at least one working day.</source>
        <translation>{who}: zaznacz co najmniej jeden dzień roboczy.</translation>
    </message>
    <message>
        <source>{who}: enter the start and end of the day.</source>
        <translation>{who}: wpisz początek i koniec dnia.</translation>
    </message>
    <message>
        <source>{who}: the day must end after it starts (same day).</source>
        <translation>{who}: dzień musi kończyć się po rozpoczęciu (tego samego dnia).</translation>
    </message>
    <message>
        <source>{a} ({zone_a}) and {b} ({zone_b}) are {gap} h apart: beyond 6 to 7 hours meetings at the same time are hard to hold. Plan more written, asynchronous exchange.</source>
        <translation>{a} ({zone_a}) i {b} ({zone_b}): różnica czasu {gap} h. Przy ponad 6–7 godzinach trudno o spotkania w tym samym czasie. Zaplanuj więcej pisemnej, asynchronicznej wymiany.</translation>
    </message>
    <message>
        <source>On {short} of {days} working days they share less than {minimum} hours (least: {least} h on {day}).</source>
        <translation>W {short} z {days} dni roboczych wspólny czas jest krótszy niż {minimum} godz. (najmniej: {least} h, {day}).</translation>
    </message>
    <message>
        <source>The clocks change on different dates ({listed}): the shared hours move in between. Check the meeting time for those weeks.</source>
        <translation>Zegary są przestawiane w różnych dniach ({listed}): w tym czasie wspólne godziny się przesuwają. Sprawdź godzinę spotkań w tych tygodniach.</translation>
    </message>
    <message>
        <source>{zones} on {days}</source>
        <translation>{zones}: {days}</translation>
    </message>
    <message>
        <source>{a} and {b}</source>
        <translation>{a} i {b}</translation>
    </message>
    <message>
        <source>No {minutes}-minute slot lies inside the shared hours on the same weekday all through the placement: widen someone&apos;s hours or agree meeting times week by week.</source>
        <translation>Żadne okno o długości {minutes} min nie mieści się we wspólnych godzinach w tym samym dniu tygodnia przez całą praktykę: poszerz czyjeś godziny albo ustalaj terminy spotkań co tydzień.</translation>
    </message>
    <message>
        <source>This questionnaire response no longer exists.</source>
        <translation>Ta odpowiedź na kwestionariusz już nie istnieje.</translation>
    </message>
    <message>
        <source>This questionnaire was completed; re-assess to record new answers.</source>
        <translation>Ten kwestionariusz został ukończony; przeprowadź ponowną ocenę, aby zapisać nowe odpowiedzi.</translation>
    </message>
    <message>
        <source>{count} question(s) still need an answer, the first: “{question}”</source>
        <translation>Pytania bez odpowiedzi: {count}, pierwsze: „{question}”</translation>
    </message>
    <message>
        <source>A completed questionnaire is kept as history.</source>
        <translation>Ukończony kwestionariusz pozostaje w historii.</translation>
    </message>
    <message>
        <source>There is no question &apos;{key}&apos; in this version.</source>
        <translation>W tej wersji nie ma pytania &apos;{key}&apos;.</translation>
    </message>
    <message>
        <source>Type the answer as text.</source>
        <translation>Wpisz odpowiedź jako tekst.</translation>
    </message>
    <message>
        <source>The answer is too long.</source>
        <translation>Odpowiedź jest za długa.</translation>
    </message>
    <message>
        <source>Choose a number from 1 to {points}.</source>
        <translation>Wybierz liczbę od 1 do {points}.</translation>
    </message>
    <message>
        <source>Choose one of the answers offered.</source>
        <translation>Wybierz jedną z proponowanych odpowiedzi.</translation>
    </message>
    <message>
        <source>No questionnaire &apos;{name}&apos; is installed.</source>
        <translation>Kwestionariusz &apos;{name}&apos; nie jest zainstalowany.</translation>
    </message>
    <message>
        <source>Version {version} of the &apos;{questionnaire}&apos; questionnaire is not installed: this response comes from another vipdesk version.</source>
        <translation>Wersja {version} kwestionariusza &apos;{questionnaire}&apos; nie jest zainstalowana: ta odpowiedź pochodzi z innej wersji vipdesk.</translation>
    </message>
    <message>
        <source>The questionnaire translation {name} cannot be read: {reason}</source>
        <translation>Nie można odczytać tłumaczenia kwestionariusza {name}: {reason}</translation>
    </message>
    <message>
        <source>The questionnaire translation {name} does not match its English file: {difference}.</source>
        <translation>Tłumaczenie kwestionariusza {name} nie zgadza się z plikiem angielskim: {difference}.</translation>
    </message>
    <message>
        <source>its id, version or party</source>
        <translation>jego identyfikator, wersja lub strona</translation>
    </message>
    <message>
        <source>its themes</source>
        <translation>jego tematy</translation>
    </message>
    <message>
        <source>{found} questions instead of {expected}</source>
        <translation>liczba pytań {found} zamiast {expected}</translation>
    </message>
    <message>
        <source>question &apos;{key}&apos;</source>
        <translation>pytanie &apos;{key}&apos;</translation>
    </message>
    <message>
        <source>Unknown purpose or tool: {keys}.</source>
        <translation>Nieznany cel lub narzędzie: {keys}.</translation>
    </message>
    <message>
        <source>Enter the date of the test.</source>
        <translation>Wpisz datę testu.</translation>
    </message>
    <message>
        <source>The note is longer than {limit} characters.</source>
        <translation>Notatka jest dłuższa niż {limit} znaków.</translation>
    </message>
    <message>
        <source>This placement no longer exists.</source>
        <translation>Ta praktyka już nie istnieje.</translation>
    </message>
    <message>
        <source>This protocol was deleted by someone else.</source>
        <translation>Ten protokół został usunięty przez kogoś innego.</translation>
    </message>
    <message>
        <source>A secure connection to {where} failed: {reason} (is it the right port for the security chosen?).</source>
        <translation>Bezpieczne połączenie z {where} nie powiodło się: {reason} (czy to właściwy port dla wybranego zabezpieczenia?).</translation>
    </message>
    <message>
        <source>Attachment too large: the message is {size} MB and the server takes at most {limit} MB.</source>
        <translation>Załącznik za duży: wiadomość ma {size} MB, a serwer przyjmuje najwyżej {limit} MB.</translation>
    </message>
    <message>
        <source>Attachment too large: the server refused the message ({reply}).</source>
        <translation>Załącznik za duży: serwer odrzucił wiadomość ({reply}).</translation>
    </message>
    <message>
        <source>Login refused by {where}: the user name or password is not accepted ({reply}).</source>
        <translation>Logowanie odrzucone przez {where}: nazwa użytkownika lub hasło nie zostały przyjęte ({reply}).</translation>
    </message>
    <message>
        <source>No mail server is set: fill in Settings → E-mail, or save the message as .eml.</source>
        <translation>Nie skonfigurowano serwera poczty: uzupełnij Ustawienia → E-mail albo zapisz wiadomość jako .eml.</translation>
    </message>
    <message>
        <source>No password is stored for {user}: enter it in Settings → E-mail.</source>
        <translation>Brak zapisanego hasła dla {user}: wpisz je w Ustawienia → E-mail.</translation>
    </message>
    <message>
        <source>Recipient refused: {recipient} ({reply}).</source>
        <translation>Odbiorca odrzucony: {recipient} ({reply}).</translation>
    </message>
    <message>
        <source>Sender refused: {sender} ({reply}).</source>
        <translation>Nadawca odrzucony: {sender} ({reply}).</translation>
    </message>
    <message>
        <source>Server unreachable: cannot connect to {where} ({reason}).</source>
        <translation>Serwer nieosiągalny: nie można połączyć się z {where} ({reason}).</translation>
    </message>
    <message>
        <source>The connection to the server was lost while sending; the message stays to be sent again.</source>
        <translation>Połączenie z serwerem zostało przerwane podczas wysyłania; wiadomość czeka na ponowne wysłanie.</translation>
    </message>
    <message>
        <source>The server cannot take a user name or password with letters beyond A–Z (it offers no AUTH PLAIN).</source>
        <translation>Serwer nie przyjmuje nazwy użytkownika ani hasła z literami spoza A–Z (nie oferuje AUTH PLAIN).</translation>
    </message>
    <message>
        <source>The server does not take addresses written in non-Latin letters (SMTPUTF8).</source>
        <translation>Serwer nie przyjmuje adresów zapisanych literami spoza alfabetu łacińskiego (SMTPUTF8).</translation>
    </message>
    <message>
        <source>The server refused the message ({reply}).</source>
        <translation>Serwer odrzucił wiadomość ({reply}).</translation>
    </message>
    <message>
        <source>The server {where} does not accept a login on this connection: choose STARTTLS or TLS.</source>
        <translation>Serwer {where} nie przyjmuje logowania w tym połączeniu: wybierz STARTTLS lub TLS.</translation>
    </message>
    <message>
        <source>The server {where} does not offer STARTTLS: choose TLS or ask IT for the right port.</source>
        <translation>Serwer {where} nie oferuje STARTTLS: wybierz TLS albo zapytaj dział IT o właściwy port.</translation>
    </message>
    <message>
        <source>Give at least one recipient.</source>
        <translation>Podaj co najmniej jednego odbiorcę.</translation>
    </message>
    <message>
        <source>Give the message a subject.</source>
        <translation>Nadaj wiadomości temat.</translation>
    </message>
    <message>
        <source>The subject is one line.</source>
        <translation>Temat to jeden wiersz.</translation>
    </message>
    <message>
        <source>The subject is over 300 characters.</source>
        <translation>Temat ma ponad 300 znaków.</translation>
    </message>
    <message>
        <source>The attachments come to {size} MB; most servers take 25 MB.</source>
        <translation>Załączniki mają razem {size} MB; większość serwerów przyjmuje 25 MB.</translation>
    </message>
    <message>
        <source>A file name may not hold a line break or a slash.</source>
        <translation>Nazwa pliku nie może zawierać podziału wiersza ani ukośnika.</translation>
    </message>
    <message>
        <source>A name or address may not hold a line break.</source>
        <translation>Nazwa ani adres nie mogą zawierać podziału wiersza.</translation>
    </message>
    <message>
        <source>An empty address is not an e-mail address.</source>
        <translation>Pusty adres nie jest adresem e-mail.</translation>
    </message>
    <message>
        <source>{address} is not an e-mail address.</source>
        <translation>{address} nie jest adresem e-mail.</translation>
    </message>
    <message>
        <source>This message is no longer in the outbox.</source>
        <translation>Tej wiadomości nie ma już w skrzynce nadawczej.</translation>
    </message>
    <message>
        <source>Give the server&apos;s name, like smtp.example.edu.</source>
        <translation>Podaj nazwę serwera, np. smtp.example.edu.</translation>
    </message>
    <message>
        <source>The port is a number from 1 to 65535.</source>
        <translation>Port to liczba od 1 do 65535.</translation>
    </message>
    <message>
        <source>Give the address messages come from.</source>
        <translation>Podaj adres, z którego wychodzą wiadomości.</translation>
    </message>
    <message>
        <source>A setting is longer than 200 characters.</source>
        <translation>Jedno z ustawień jest dłuższe niż 200 znaków.</translation>
    </message>
    <message>
        <source>Set the address messages come from in Settings → E-mail first.</source>
        <translation>Najpierw ustaw adres nadawcy w Ustawienia → E-mail.</translation>
    </message>
    <message>
        <source>Give the user name the password belongs to.</source>
        <translation>Podaj nazwę użytkownika, do której należy hasło.</translation>
    </message>
    <message>
        <source>A brace must enclose a placeholder, like {example}.</source>
        <translation>Nawias klamrowy musi obejmować symbol zastępczy, np. {example}.</translation>
    </message>
    <message>
        <source>Unknown placeholder {name}: use one of the list.</source>
        <translation>Nieznany symbol zastępczy {name}: użyj jednego z listy.</translation>
    </message>
    <message>
        <source>The message needs a text.</source>
        <translation>Wiadomość musi mieć treść.</translation>
    </message>
    <message>
        <source>There is no mail template &apos;{key}&apos;.</source>
        <translation>Nie ma szablonu wiadomości &apos;{key}&apos;.</translation>
    </message>
    <message>
        <source>The placement has no academic tutor to send this to.</source>
        <translation>Praktyka nie ma opiekuna uczelnianego, do którego można to wysłać.</translation>
    </message>
    <message>
        <source>A certificate is requested from the host, not signed by three.</source>
        <translation>Zaświadczenie zamawia się u gospodarza; nie podpisują go trzy strony.</translation>
    </message>
    <message>
        <source>The certificate is kept; it is not sent to the parties.</source>
        <translation>Zaświadczenie jest przechowywane; nie wysyła się go stronom.</translation>
    </message>
    <message>
        <source>The fillable PDF is the agreement for the host&apos;s HR.</source>
        <translation>Wypełnialny PDF to porozumienie dla działu kadr gospodarza.</translation>
    </message>
    <message>
        <source>The {document} is {state}: send it for signature first, then e-mail it.</source>
        <translation>Dokument {document} ma status „{state}”: najpierw wyślij go do podpisu, potem e-mailem.</translation>
    </message>
    <message>
        <source>The trainee has signed the {document} already.</source>
        <translation>Praktykant już podpisał dokument {document}.</translation>
    </message>
    <message>
        <source>The sending institution has signed the {document} already.</source>
        <translation>Uczelnia wysyłająca już podpisała dokument {document}.</translation>
    </message>
    <message>
        <source>The receiving organisation has signed the {document} already.</source>
        <translation>Organizacja przyjmująca już podpisała dokument {document}.</translation>
    </message>
    <message>
        <source>The agreement {reference} has no e-mail address for the trainee: add it to the record, or write the address in the message.</source>
        <translation>Porozumienie {reference} nie ma adresu e-mail praktykanta: dodaj go do rekordu albo wpisz adres w wiadomości.</translation>
    </message>
    <message>
        <source>The agreement {reference} has no e-mail address for the sending institution: add it to the record, or write the address in the message.</source>
        <translation>Porozumienie {reference} nie ma adresu e-mail uczelni wysyłającej: dodaj go do rekordu albo wpisz adres w wiadomości.</translation>
    </message>
    <message>
        <source>The agreement {reference} has no e-mail address for the receiving organisation: add it to the record, or write the address in the message.</source>
        <translation>Porozumienie {reference} nie ma adresu e-mail organizacji przyjmującej: dodaj go do rekordu albo wpisz adres w wiadomości.</translation>
    </message>
    <message>
        <source>{name} is an Outlook .msg file, which vipdesk does not read: in Outlook, save the message as .eml (or save the attached PDF) and open that.</source>
        <translation>{name} to plik .msg programu Outlook, którego vipdesk nie czyta: w Outlooku zapisz wiadomość jako .eml (albo zapisz załączony PDF) i otwórz go.</translation>
    </message>
    <message>
        <source>{name} is a PDF, not an e-mail: open it as a returned PDF.</source>
        <translation>{name} to PDF, a nie e-mail: otwórz go jako odesłany PDF.</translation>
    </message>
    <message>
        <source>{name} is not an e-mail message (.eml).</source>
        <translation>{name} nie jest wiadomością e-mail (.eml).</translation>
    </message>
    <message>
        <source>{name} is over {limit} MB; save the PDF from it.</source>
        <translation>{name} ma ponad {limit} MB; zapisz z niego PDF.</translation>
    </message>
    <message>
        <source>{name} carries no agreement or questionnaire exported by vipdesk (no attachment).</source>
        <translation>{name} nie zawiera porozumienia ani kwestionariusza wyeksportowanego z vipdesk (brak załącznika).</translation>
    </message>
    <message>
        <source>{name} carries no agreement or questionnaire exported by vipdesk ({held}).</source>
        <translation>{name} nie zawiera porozumienia ani kwestionariusza wyeksportowanego z vipdesk ({held}).</translation>
    </message>
    <message>
        <source>&apos;{email}&apos; is not an e-mail address.</source>
        <translation>„{email}” nie jest adresem e-mail.</translation>
    </message>
    <message>
        <source>All three parties sign: the trainee, the institution and the host.</source>
        <translation>Podpisują wszystkie trzy strony: praktykant, uczelnia i organizacja przyjmująca.</translation>
    </message>
    <message>
        <source>Each party may appear only once in the order.</source>
        <translation>Każda strona może wystąpić w kolejności tylko raz.</translation>
    </message>
    <message>
        <source>Enter the date of the signature.</source>
        <translation>Wpisz datę podpisu.</translation>
    </message>
    <message>
        <source>Enter the name of the person who signed.</source>
        <translation>Wpisz imię i nazwisko osoby, która podpisała.</translation>
    </message>
    <message>
        <source>Name at least one party who signs.</source>
        <translation>Wskaż co najmniej jedną stronę, która podpisuje.</translation>
    </message>
    <message>
        <source>No communication tool is recorded: say which tools serve {needed} (choose them in preparation, or on the Technology page) before sending.</source>
        <translation>Nie zapisano narzędzia komunikacji: przed wysłaniem wskaż narzędzia do tych celów: {needed} (wybierz je w przygotowaniu albo na stronie Technologia).</translation>
    </message>
    <message>
        <source>No scan is attached for the {party}.</source>
        <translation>Brak załączonego skanu dla strony: {party}.</translation>
    </message>
    <message>
        <source>Signer not confirmed ({because}); recorded on the explicit confirmation of the coordinator. Certificate: {certificate}</source>
        <translation>Podpisujący niepotwierdzony ({because}); zarejestrowano na wyraźne potwierdzenie koordynatora. Certyfikat: {certificate}</translation>
    </message>
    <message>
        <source>Signer not confirmed ({because}); recorded on the explicit confirmation of {user}. Certificate: {certificate}</source>
        <translation>Podpisujący niepotwierdzony ({because}); zarejestrowano na wyraźne potwierdzenie użytkownika {user}. Certyfikat: {certificate}</translation>
    </message>
    <message>
        <source>The date is before the document was sent ({sent}).</source>
        <translation>Data jest wcześniejsza niż wysłanie dokumentu ({sent}).</translation>
    </message>
    <message>
        <source>The date of the signature is in the future.</source>
        <translation>Data podpisu jest w przyszłości.</translation>
    </message>
    <message>
        <source>The placement is &apos;{status}&apos;: move it to &apos;Preparing&apos; before sending the agreement.</source>
        <translation>Status praktyki to „{status}”: przed wysłaniem porozumienia zmień go na „W przygotowaniu”.</translation>
    </message>
    <message>
        <source>The {document} is already signed by every party and locked.</source>
        <translation>{document}: już podpisane przez wszystkie strony i zablokowane.</translation>
    </message>
    <message>
        <source>The {document} is not out for signature.</source>
        <translation>{document}: nie zostało wysłane do podpisu.</translation>
    </message>
    <message>
        <source>The {document} is out for signature and cannot change: start a new version to change it.</source>
        <translation>{document}: wysłane do podpisu i nie może się zmienić; aby je zmienić, zacznij nową wersję.</translation>
    </message>
    <message>
        <source>The {document} is signed by all parties and locked: record changes as an amendment.</source>
        <translation>{document}: podpisane przez wszystkie strony i zablokowane; zmiany zapisz jako aneks.</translation>
    </message>
    <message>
        <source>The {party} does not sign the {document}.</source>
        <translation>Strona {party} nie podpisuje dokumentu: {document}.</translation>
    </message>
    <message>
        <source>The {party} has signed the {document} already.</source>
        <translation>Strona {party} już podpisała dokument: {document}.</translation>
    </message>
    <message>
        <source>The {party} signs first (order: {order}).</source>
        <translation>Najpierw podpisuje strona: {party} (kolejność: {order}).</translation>
    </message>
    <message>
        <source>Unknown party &apos;{party}&apos; in the order.</source>
        <translation>Nieznana strona „{party}” w kolejności.</translation>
    </message>
    <message>
        <source>{file} carries no signature for the {party}.</source>
        <translation>{file} nie zawiera podpisu strony: {party}.</translation>
    </message>
    <message>
        <source>{file} is not the {document} as sent for signature with a signature added; ask the party to sign the file they received, without saving it as a new PDF.</source>
        <translation>{file} to nie jest dokument {document} w postaci wysłanej do podpisu z dodanym podpisem; poproś stronę o podpisanie otrzymanego pliku bez zapisywania go jako nowy PDF.</translation>
    </message>
    <message>
        <source>{file}: the signature for the {party} is intact, but its signer {signer} is not confirmed: {reasons}.</source>
        <translation>{file}: podpis strony {party} jest nienaruszony, ale podpisujący {signer} nie jest potwierdzony: {reasons}.</translation>
    </message>
    <message>
        <source>{file}: the signature in {field} does not hold: {verdict}. Nothing was recorded.</source>
        <translation>{file}: podpis w polu {field} nie jest ważny: {verdict}. Nic nie zapisano.</translation>
    </message>
    <message>
        <source>{kind} {number}</source>
        <translation>{kind} {number}</translation>
    </message>
    <message>
        <source>save it from Excel or LibreOffice as .xlsx or as CSV (UTF-8), then import that.</source>
        <translation>zapisz go w Excelu lub LibreOffice jako .xlsx albo CSV (UTF-8), a potem zaimportuj ten plik.</translation>
    </message>
    <message>
        <source>Open it in Excel or LibreOffice and save it again, or save it as CSV (UTF-8).</source>
        <translation>Otwórz go w Excelu lub LibreOffice i zapisz ponownie albo zapisz jako CSV (UTF-8).</translation>
    </message>
    <message>
        <source>{name} would unpack to {size}, more than a spreadsheet vipdesk reads ({most}); it is not an ordinary workbook.</source>
        <translation>{name} po rozpakowaniu zająłby {size}, więcej niż arkusz, który czyta vipdesk ({most}); to nie jest zwykły skoroszyt.</translation>
    </message>
    <message>
        <source>{name} holds {count} files; a spreadsheet has far fewer: {advice}</source>
        <translation>{name} zawiera {count} plików; arkusz ma ich znacznie mniej: {advice}</translation>
    </message>
    <message>
        <source>{name} is damaged: the part {member} is missing from it. {advice}</source>
        <translation>{name} jest uszkodzony: brakuje w nim części {member}. {advice}</translation>
    </message>
    <message>
        <source>{name} contains a document type declaration (DTD) in {member}, which workbooks saved by Excel or LibreOffice never do; vipdesk does not read it. {advice}</source>
        <translation>{name} zawiera deklarację typu dokumentu (DTD) w {member}, czego skoroszyty zapisane przez Excel lub LibreOffice nigdy nie robią; vipdesk jej nie czyta. {advice}</translation>
    </message>
    <message>
        <source>{name} is damaged: its part {member} is not well-formed ({reason}, line {line}). {advice}</source>
        <translation>{name} jest uszkodzony: jego część {member} nie jest poprawnie zbudowana ({reason}, wiersz {line}). {advice}</translation>
    </message>
    <message>
        <source>{name} is a damaged or unknown archive: {advice}</source>
        <translation>{name} jest uszkodzonym lub nieznanym archiwum: {advice}</translation>
    </message>
    <message>
        <source>{name} is damaged: its part {member} cannot be unpacked. {advice}</source>
        <translation>{name} jest uszkodzony: jego części {member} nie da się rozpakować. {advice}</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number vipdesk can use.</source>
        <translation>&apos;{text}&apos; nie jest liczbą, której vipdesk może użyć.</translation>
    </message>
    <message>
        <source>{code} is an error shown by the spreadsheet (a formula that failed), not a value: correct it or clear the cell.</source>
        <translation>{code} to błąd pokazany przez arkusz (formuła, która zawiodła), a nie wartość: popraw go lub wyczyść komórkę.</translation>
    </message>
    <message>
        <source>The cell holds {size} characters; a cell holds at most {most}.</source>
        <translation>Komórka zawiera {size} znaków; komórka mieści najwyżej {most}.</translation>
    </message>
    <message>
        <source>The cell holds {type}, not a value.</source>
        <translation>Komórka zawiera {type}, a nie wartość.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; contains a control character ({code}), which is not text: retype the cell.</source>
        <translation>&apos;{text}&apos; zawiera znak sterujący ({code}), który nie jest tekstem: wpisz komórkę ponownie.</translation>
    </message>
    <message>
        <source>The column &apos;{title}&apos; is missing.</source>
        <translation>Brakuje kolumny &apos;{title}&apos;.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date in the calendar.</source>
        <translation>&apos;{text}&apos; nie jest datą z kalendarza.</translation>
    </message>
    <message>
        <source>The column &apos;{title}&apos; (or &apos;{first}&apos; or &apos;{second}&apos;) is missing.</source>
        <translation>Brakuje kolumny &apos;{title}&apos; (lub &apos;{first}&apos; albo &apos;{second}&apos;).</translation>
    </message>
    <message>
        <source>The column &apos;{title}&apos; (or &apos;{first}&apos;) is missing.</source>
        <translation>Brakuje kolumny &apos;{title}&apos; (lub &apos;{first}&apos;).</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date in the calendar; dates with / are read day first (1 February).</source>
        <translation>&apos;{text}&apos; nie jest datą z kalendarza; daty z / są czytane najpierw dzień (1 lutego).</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date in the calendar; dates with / are read month first (January 2).</source>
        <translation>&apos;{text}&apos; nie jest datą z kalendarza; daty z / są czytane najpierw miesiąc (styczeń 2).</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is a number, not a date: format the cell as a date.</source>
        <translation>&apos;{text}&apos; to liczba, a nie data: sformatuj komórkę jako datę.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is a duration, not a date: format the cell as a date.</source>
        <translation>&apos;{text}&apos; to czas trwania, a nie data: sformatuj komórkę jako datę.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a country: write its English name or its code (DE).</source>
        <translation>&apos;{text}&apos; nie jest krajem: wpisz jego angielską nazwę lub kod (DE).</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a language vipdesk writes messages in: write one of {codes}, or its name (German, Deutsch).</source>
        <translation>&apos;{text}&apos; nie jest językiem, w którym vipdesk pisze wiadomości: wpisz jeden z {codes} lub jego nazwę (German, Deutsch).</translation>
    </message>
    <message>
        <source>Two columns mean &apos;{title}&apos; (&apos;{first}&apos; and &apos;{second}&apos;); keep one.</source>
        <translation>Dwie kolumny oznaczają &apos;{title}&apos; (&apos;{first}&apos; i &apos;{second}&apos;); zostaw jedną.</translation>
    </message>
    <message>
        <source>Add a column &apos;{first}&apos; or &apos;{second}&apos;.</source>
        <translation>Dodaj kolumnę &apos;{first}&apos; lub &apos;{second}&apos;.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date: write 2027-02-01, 01.02.2027 or 01/02/2027.</source>
        <translation>&apos;{text}&apos; nie jest datą: wpisz 2027-02-01, 01.02.2027 lub 01/02/2027.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number.</source>
        <translation>&apos;{text}&apos; nie jest liczbą.</translation>
    </message>
    <message>
        <source>{order} is not a date order: choose day_first or month_first.</source>
        <translation>{order} nie jest kolejnością daty: wybierz day_first lub month_first.</translation>
    </message>
    <message>
        <source>{name} is larger than {most} ({size}); import it in parts.</source>
        <translation>{name} jest większy niż {most} ({size}); zaimportuj go w częściach.</translation>
    </message>
    <message>
        <source>{name} is a ZIP archive, not a spreadsheet: {advice}</source>
        <translation>{name} to archiwum ZIP, a nie arkusz: {advice}</translation>
    </message>
    <message>
        <source>The row has {last} values but the header only {width} columns: a value that holds the separator (comma) needs quotes around it.</source>
        <translation>Wiersz ma {last} wartości, a nagłówek tylko {width} kolumn: wartość zawierająca separator (przecinek) musi być w cudzysłowie.</translation>
    </message>
    <message>
        <source>{name} is empty: there is nothing to import.</source>
        <translation>{name} jest pusty: nie ma nic do zaimportowania.</translation>
    </message>
    <message>
        <source>{name} is a folder, not a file: choose a file in it.</source>
        <translation>{name} to folder, a nie plik: wybierz plik w nim.</translation>
    </message>
    <message>
        <source>{name} is a named pipe, not an ordinary file: vipdesk imports only files saved on disk.</source>
        <translation>{name} to potok nazwany, a nie zwykły plik: vipdesk importuje tylko pliki zapisane na dysku.</translation>
    </message>
    <message>
        <source>{name} is a socket, not an ordinary file: vipdesk imports only files saved on disk.</source>
        <translation>{name} to gniazdo (socket), a nie zwykły plik: vipdesk importuje tylko pliki zapisane na dysku.</translation>
    </message>
    <message>
        <source>{name} is a device, not an ordinary file: vipdesk imports only files saved on disk.</source>
        <translation>{name} to urządzenie, a nie zwykły plik: vipdesk importuje tylko pliki zapisane na dysku.</translation>
    </message>
    <message>
        <source>{name} is a PDF document, not a spreadsheet: {advice}</source>
        <translation>{name} to dokument PDF, a nie arkusz: {advice}</translation>
    </message>
    <message>
        <source>{name} is an old-style Excel 97-2003 (.xls) or Office file, not a spreadsheet: {advice}</source>
        <translation>{name} to stary plik Excel 97-2003 (.xls) lub plik Office, a nie arkusz: {advice}</translation>
    </message>
    <message>
        <source>{name} is an image, not a spreadsheet: {advice}</source>
        <translation>{name} to obraz, a nie arkusz: {advice}</translation>
    </message>
    <message>
        <source>{name} is text in UTF-16 (Excel&apos;s &apos;Unicode Text&apos;), not a spreadsheet: {advice}</source>
        <translation>{name} to tekst w UTF-16 (&apos;Tekst Unicode&apos; Excela), a nie arkusz: {advice}</translation>
    </message>
    <message>
        <source>{name} is a binary file, not a spreadsheet: {advice}</source>
        <translation>{name} to plik binarny, a nie arkusz: {advice}</translation>
    </message>
    <message>
        <source>{name} is an OpenDocument spreadsheet (.ods), not a spreadsheet: {advice}</source>
        <translation>{name} to arkusz OpenDocument (.ods), a nie arkusz, który czyta vipdesk: {advice}</translation>
    </message>
    <message>
        <source>{name} is a Word document, not a spreadsheet: {advice}</source>
        <translation>{name} to dokument Word, a nie arkusz: {advice}</translation>
    </message>
    <message>
        <source>The row has {last} values but the header only {width} columns: a value that holds the separator (tab) needs quotes around it.</source>
        <translation>Wiersz ma {last} wartości, a nagłówek tylko {width} kolumn: wartość zawierająca separator (tabulator) musi być w cudzysłowie.</translation>
    </message>
    <message>
        <source>The row has {last} values but the header only {width} columns: a value that holds the separator (semicolon) needs quotes around it.</source>
        <translation>Wiersz ma {last} wartości, a nagłówek tylko {width} kolumn: wartość zawierająca separator (średnik) musi być w cudzysłowie.</translation>
    </message>
    <message>
        <source>{name} has no worksheet: there is nothing to import.</source>
        <translation>{name} nie ma arkusza: nie ma nic do zaimportowania.</translation>
    </message>
    <message>
        <source>There is no file {path}.</source>
        <translation>Nie ma pliku {path}.</translation>
    </message>
    <message>
        <source>{kind} {start} to {end}</source>
        <translation>{kind} od {start} do {end}</translation>
    </message>
    <message>
        <source>Cannot read {name}: {reason}.</source>
        <translation>Nie można odczytać {name}: {reason}.</translation>
    </message>
    <message>
        <source>{name} is not UTF-8 text (line {line}): in Excel choose &apos;CSV UTF-8 (comma delimited)&apos; when saving, or save as .xlsx.</source>
        <translation>{name} nie jest tekstem UTF-8 (wiersz {line}): w Excelu przy zapisie wybierz &apos;CSV UTF-8 (rozdzielany przecinkami)&apos; albo zapisz jako .xlsx.</translation>
    </message>
    <message>
        <source>{name} is not a readable CSV file (line {line}): {reason}.</source>
        <translation>{name} nie jest czytelnym plikiem CSV (wiersz {line}): {reason}.</translation>
    </message>
    <message>
        <source>{name} has more than {most} rows; import it in parts.</source>
        <translation>{name} ma więcej niż {most} wierszy; zaimportuj go w częściach.</translation>
    </message>
    <message>
        <source>{name} is damaged: its sheet cannot be read ({reason}). {advice}</source>
        <translation>{name} jest uszkodzony: nie da się odczytać jego arkusza ({reason}). {advice}</translation>
    </message>
    <message>
        <source>The file is damaged here ({reason}): nothing from this row on can be read. {advice}</source>
        <translation>Plik jest tu uszkodzony ({reason}): od tego wiersza nic nie da się odczytać. {advice}</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a mode; choose one of: {allowed}.</source>
        <translation>&apos;{text}&apos; nie jest trybem; wybierz jeden z: {allowed}.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a status; choose one of: {allowed}.</source>
        <translation>&apos;{text}&apos; nie jest statusem; wybierz jeden z: {allowed}.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is far too many hours.</source>
        <translation>&apos;{text}&apos; to o wiele za dużo godzin.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a whole number of hours.</source>
        <translation>&apos;{text}&apos; nie jest całkowitą liczbą godzin.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a period: write e.g. &apos;physical 2027-02-01 to 2027-02-28&apos;.</source>
        <translation>&apos;{text}&apos; nie jest okresem: wpisz np. &apos;physical 2027-02-01 to 2027-02-28&apos;.</translation>
    </message>
    <message>
        <source>No student with the e-mail {email} in vipdesk; import or add the student first.</source>
        <translation>W vipdesk nie ma studenta z adresem e-mail {email}; najpierw zaimportuj lub dodaj studenta.</translation>
    </message>
    <message>
        <source>No student with the number {number} in vipdesk.</source>
        <translation>W vipdesk nie ma studenta z numerem {number}.</translation>
    </message>
    <message>
        <source>The e-mail and the student number belong to two different students.</source>
        <translation>Adres e-mail i numer albumu należą do dwóch różnych studentów.</translation>
    </message>
    <message>
        <source>No host organisation &apos;{name}&apos; in {country} in vipdesk; import or add it first.</source>
        <translation>W vipdesk nie ma organizacji przyjmującej &apos;{name}&apos; w kraju {country}; najpierw ją zaimportuj lub dodaj.</translation>
    </message>
    <message>
        <source>{count} contacts at the host are called {name}: give the e-mail instead.</source>
        <translation>{count} kontakty w organizacji przyjmującej nazywają się {name}: podaj zamiast tego adres e-mail.</translation>
    </message>
    <message>
        <source>A reference has at most 20 characters.</source>
        <translation>Numer referencyjny ma najwyżej 20 znaków.</translation>
    </message>
    <message>
        <source>Enter the mode: virtual, blended or physical.</source>
        <translation>Podaj tryb: virtual, blended lub physical.</translation>
    </message>
    <message>
        <source>No contact with the e-mail {email} in vipdesk.</source>
        <translation>W vipdesk nie ma kontaktu z adresem e-mail {email}.</translation>
    </message>
    <message>
        <source>{count} contacts at the institution are called {name}: give the e-mail instead.</source>
        <translation>{count} kontakty w instytucji nazywają się {name}: podaj zamiast tego adres e-mail.</translation>
    </message>
    <message>
        <source>The same reference as row {first}.</source>
        <translation>Ten sam numer referencyjny co w wierszu {first}.</translation>
    </message>
    <message>
        <source>The same student, host and planned start as row {first}.</source>
        <translation>Ten sam student, organizacja przyjmująca i planowany początek co w wierszu {first}.</translation>
    </message>
    <message>
        <source>Nobody called {name} works at the host; give the e-mail of a contact in vipdesk.</source>
        <translation>Nikt o nazwisku {name} nie pracuje w organizacji przyjmującej; podaj adres e-mail kontaktu w vipdesk.</translation>
    </message>
    <message>
        <source>Nobody called {name} works at the institution; give the e-mail of a contact in vipdesk.</source>
        <translation>Nikt o nazwisku {name} nie pracuje w instytucji; podaj adres e-mail kontaktu w vipdesk.</translation>
    </message>
    <message>
        <source>vipdesk imports {kinds}; not &apos;{kind}&apos;.</source>
        <translation>vipdesk importuje {kinds}; nie &apos;{kind}&apos;.</translation>
    </message>
    <message>
        <source>Nothing imported: {problems} problems in {rows} rows of {source}; correct the file and import it again.</source>
        <translation>Nic nie zaimportowano: problemy ({problems}) w wierszach ({rows}) pliku {source}; popraw plik i zaimportuj go ponownie.</translation>
    </message>
    <message>
        <source>The database refused one of the placements (someone may have added the same record meanwhile), so nothing was imported. Import the file again: the preview will show what exists now.</source>
        <translation>Baza danych odrzuciła jedną z praktyk (ktoś mógł w międzyczasie dodać ten sam rekord), więc nic nie zaimportowano. Zaimportuj plik ponownie: podgląd pokaże, co istnieje teraz.</translation>
    </message>
    <message>
        <source>Nothing imported: 1 problem in 1 row of {source}; correct the file and import it again.</source>
        <translation>Nic nie zaimportowano: 1 problem w 1 wierszu pliku {source}; popraw plik i zaimportuj go ponownie.</translation>
    </message>
    <message>
        <source>Nothing imported: {problems} problems in 1 row of {source}; correct the file and import it again.</source>
        <translation>Nic nie zaimportowano: problemy ({problems}) w 1 wierszu pliku {source}; popraw plik i zaimportuj go ponownie.</translation>
    </message>
    <message>
        <source>The database refused one of the students (someone may have added the same record meanwhile), so nothing was imported. Import the file again: the preview will show what exists now.</source>
        <translation>Baza danych odrzuciła jednego ze studentów (ktoś mógł w międzyczasie dodać ten sam rekord), więc nic nie zaimportowano. Zaimportuj plik ponownie: podgląd pokaże, co istnieje teraz.</translation>
    </message>
    <message>
        <source>The database refused one of the organisations (someone may have added the same record meanwhile), so nothing was imported. Import the file again: the preview will show what exists now.</source>
        <translation>Baza danych odrzuciła jedną z organizacji (ktoś mógł w międzyczasie dodać ten sam rekord), więc nic nie zaimportowano. Zaimportuj plik ponownie: podgląd pokaże, co istnieje teraz.</translation>
    </message>
    <message>
        <source>There are no rows below the header.</source>
        <translation>Pod nagłówkiem nie ma wierszy.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a study cycle: write 5, 6, 7 or 8 (EQF level).</source>
        <translation>&apos;{text}&apos; nie jest stopniem studiów: wpisz 5, 6, 7 lub 8 (poziom EQF).</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a size; choose one of: {allowed}.</source>
        <translation>&apos;{text}&apos; nie jest wielkością; wybierz jedną z: {allowed}.</translation>
    </message>
    <message>
        <source>There is no institution &apos;{name}&apos; in vipdesk; add it first.</source>
        <translation>W vipdesk nie ma instytucji &apos;{name}&apos;; najpierw ją dodaj.</translation>
    </message>
    <message>
        <source>The same e-mail as row {first}.</source>
        <translation>Ten sam adres e-mail co w wierszu {first}.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is far too many employees.</source>
        <translation>&apos;{text}&apos; to o wiele za dużo pracowników.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a whole number of employees.</source>
        <translation>&apos;{text}&apos; nie jest całkowitą liczbą pracowników.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number of employees.</source>
        <translation>&apos;{text}&apos; nie jest liczbą pracowników.</translation>
    </message>
    <message>
        <source>The same student number as row {first}.</source>
        <translation>Ten sam numer albumu co w wierszu {first}.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is stored as a number but is none.</source>
        <translation>&apos;{text}&apos; jest zapisane jako liczba, ale nią nie jest.</translation>
    </message>
    <message>
        <source>The cell is formatted as a date but {text} is no date.</source>
        <translation>Komórka jest sformatowana jako data, ale {text} nie jest datą.</translation>
    </message>
    <message>
        <source>{name} is damaged: its shared strings are not well-formed ({reason}, line {line}). {advice}</source>
        <translation>{name} jest uszkodzony: jego współdzielone ciągi nie są poprawnie zbudowane ({reason}, wiersz {line}). {advice}</translation>
    </message>
    <message>
        <source>{name} is damaged: the sheet &apos;{sheet}&apos; is listed but not where to find it. {advice}</source>
        <translation>{name} jest uszkodzony: arkusz &apos;{sheet}&apos; jest wymieniony, ale nie wiadomo, gdzie go znaleźć. {advice}</translation>
    </message>
    <message>
        <source>row {row} is beyond Excel&apos;s last row</source>
        <translation>wiersz {row} leży za ostatnim wierszem Excela</translation>
    </message>
    <message>
        <source>The cell refers to text the file does not hold: damaged.</source>
        <translation>Komórka odwołuje się do tekstu, którego plik nie zawiera: uszkodzony.</translation>
    </message>
    <message>
        <source>a cell lies beyond Excel&apos;s last column</source>
        <translation>komórka leży za ostatnią kolumną Excela</translation>
    </message>
    <message>
        <source>Cannot create the database {name}: the folder {folder} is read-only.</source>
        <translation>Nie można utworzyć bazy danych {name}: folder {folder} jest tylko do odczytu.</translation>
    </message>
    <message>
        <source>Cannot make the folder {folder} for the database: {reason}.</source>
        <translation>Nie można utworzyć folderu {folder} na bazę danych: {reason}.</translation>
    </message>
    <message>
        <source>The database</source>
        <translation>Baza danych</translation>
    </message>
    <message>
        <source>The database URL is not understood; write it as {forms}.</source>
        <translation>Adres URL bazy danych jest niezrozumiały; zapisz go jako {forms}.</translation>
    </message>
    <message>
        <source>The database at {url} cannot be reached. Check the network or the server, then try again; nothing you typed has been lost.</source>
        <translation>Baza danych pod adresem {url} jest nieosiągalna. Sprawdź sieć lub serwer i spróbuj ponownie; nic z tego, co wpisano, nie zostało utracone.</translation>
    </message>
    <message>
        <source>The database is busy: another program is writing to it. Try again in a moment.</source>
        <translation>Baza danych jest zajęta: inny program właśnie do niej zapisuje. Spróbuj ponownie za chwilę.</translation>
    </message>
    <message>
        <source>The disk holding {database} is full: free some space, then try again.</source>
        <translation>Dysk z bazą {database} jest pełny: zwolnij miejsce i spróbuj ponownie.</translation>
    </message>
    <message>
        <source>The folder {folder} is read-only: vipdesk needs to write beside the database {name}. Nothing was changed.</source>
        <translation>Folder {folder} jest tylko do odczytu: vipdesk musi zapisywać obok bazy danych {name}. Niczego nie zmieniono.</translation>
    </message>
    <message>
        <source>The server name {host} is not known: check the host in the database URL and the network.</source>
        <translation>Nazwa serwera {host} jest nieznana: sprawdź hosta w adresie URL bazy danych oraz sieć.</translation>
    </message>
    <message>
        <source>The server {host} asks for a password for user {user}: add it to the database URL (postgresql+psycopg://USER:PASSWORD@HOST/DATABASE).</source>
        <translation>Serwer {host} wymaga hasła użytkownika {user}: dodaj je do adresu URL bazy danych (postgresql+psycopg://UŻYTKOWNIK:HASŁO@HOST/BAZA).</translation>
    </message>
    <message>
        <source>The server {host} has no user {user}: check the user name in the database URL.</source>
        <translation>Serwer {host} nie ma użytkownika {user}: sprawdź nazwę użytkownika w adresie URL bazy danych.</translation>
    </message>
    <message>
        <source>The server {host} refused the password of user {user}: check the password in the database URL.</source>
        <translation>Serwer {host} odrzucił hasło użytkownika {user}: sprawdź hasło w adresie URL bazy danych.</translation>
    </message>
    <message>
        <source>There is no database &quot;{name}&quot; on the server {host}: check its name in the URL, or ask the administrator to create it.</source>
        <translation>Na serwerze {host} nie ma bazy danych „{name}”: sprawdź jej nazwę w adresie URL albo poproś administratora o jej utworzenie.</translation>
    </message>
    <message>
        <source>This database was made by a newer version of vipdesk (schema {schema}). Install the newer vipdesk to open it; it has not been changed.</source>
        <translation>Tę bazę danych utworzyła nowsza wersja vipdesk (schemat {schema}). Zainstaluj nowszą wersję vipdesk, aby ją otworzyć; baza nie została zmieniona.</translation>
    </message>
    <message>
        <source>User {user} may not connect to the database &quot;{name}&quot; on {host}: ask the administrator for access.</source>
        <translation>Użytkownik {user} nie może łączyć się z bazą danych „{name}” na {host}: poproś administratora o dostęp.</translation>
    </message>
    <message>
        <source>the database</source>
        <translation>baza danych</translation>
    </message>
    <message>
        <source>vipdesk reaches PostgreSQL through psycopg: write the database URL as postgresql+psycopg://… instead of {scheme}://….</source>
        <translation>vipdesk łączy się z PostgreSQL przez psycopg: zapisz adres URL bazy danych jako postgresql+psycopg://… zamiast {scheme}://….</translation>
    </message>
    <message>
        <source>vipdesk works with SQLite files and PostgreSQL servers, not {scheme}://…; write the database URL as {forms}.</source>
        <translation>vipdesk działa z plikami SQLite i serwerami PostgreSQL, nie z {scheme}://…; zapisz adres URL bazy danych jako {forms}.</translation>
    </message>
    <message>
        <source>{database} cannot be read or written: its disk or network drive reported an error or is not available. Check it, then try again.</source>
        <translation>{database}: nie można odczytać ani zapisać: dysk lub dysk sieciowy zgłosił błąd albo jest niedostępny. Sprawdź go i spróbuj ponownie.</translation>
    </message>
    <message>
        <source>{database} holds other data and is not a vipdesk database; it has not been changed.</source>
        <translation>{database} zawiera inne dane i nie jest bazą danych vipdesk; nie została zmieniona.</translation>
    </message>
    <message>
        <source>{database} is damaged: it cannot be read as a database. It has not been changed; open a backup copy instead.</source>
        <translation>{database} jest uszkodzona: nie da się jej odczytać jako bazy danych. Nie została zmieniona; otwórz zamiast niej kopię zapasową.</translation>
    </message>
    <message>
        <source>{database} is not a vipdesk database: it is not a database file at all. It has not been changed.</source>
        <translation>{database} nie jest bazą danych vipdesk: to w ogóle nie jest plik bazy danych. Nie została zmieniona.</translation>
    </message>
    <message>
        <source>{database} is open read-only: vipdesk needs to write to it. Nothing was changed.</source>
        <translation>{database} jest otwarta tylko do odczytu: vipdesk musi do niej zapisywać. Niczego nie zmieniono.</translation>
    </message>
    <message>
        <source>{path} cannot be opened: check that its folder exists and can be written to.</source>
        <translation>Nie można otworzyć {path}: sprawdź, czy folder istnieje i czy można w nim zapisywać.</translation>
    </message>
    <message>
        <source>{path} cannot be opened: your account may not read it (file permissions).</source>
        <translation>Nie można otworzyć {path}: Twoje konto nie ma prawa go odczytać (uprawnienia plików).</translation>
    </message>
    <message>
        <source>{path} is a folder, not a database file: give the path of a file, such as {example}.</source>
        <translation>{path} to folder, a nie plik bazy danych: podaj ścieżkę pliku, na przykład {example}.</translation>
    </message>
    <message>
        <source>{path} is a read-only file: vipdesk needs to write to it. Nothing was changed.</source>
        <translation>{path} jest plikiem tylko do odczytu: vipdesk musi do niego zapisywać. Niczego nie zmieniono.</translation>
    </message>
    <message>
        <source>A trusted certificate cannot be read: {reason}</source>
        <translation>Nie można odczytać zaufanego certyfikatu: {reason}</translation>
    </message>
    <message>
        <source>ALTERED after signing by {signer}: {changes}</source>
        <translation>ZMIENIONO po podpisaniu przez {signer}: {changes}</translation>
    </message>
    <message>
        <source>ALTERED after signing by {signer}: {changes} ({detail})</source>
        <translation>ZMIENIONO po podpisaniu przez {signer}: {changes} ({detail})</translation>
    </message>
    <message>
        <source>ALTERED: the signed content does not match the signature</source>
        <translation>ZMIENIONO: podpisana treść nie zgadza się z podpisem</translation>
    </message>
    <message>
        <source>Cannot make a temporary file beside {path}.</source>
        <translation>Nie można utworzyć pliku tymczasowego obok {path}.</translation>
    </message>
    <message>
        <source>Cannot open {name}: the passphrase is wrong, or it is not a PKCS#12 key file.</source>
        <translation>Nie można otworzyć {name}: hasło jest błędne albo to nie jest plik klucza PKCS#12.</translation>
    </message>
    <message>
        <source>Cannot sign {name}: {reason}</source>
        <translation>Nie można podpisać {name}: {reason}</translation>
    </message>
    <message>
        <source>Cannot write to {folder}: the folder does not exist; {name} was not saved.</source>
        <translation>Nie można zapisać w {folder}: folder nie istnieje; nie zapisano {name}.</translation>
    </message>
    <message>
        <source>Cannot write {name}: it may be open in another program (close it there), or the folder {folder} is read-only. Nothing was saved.</source>
        <translation>Nie można zapisać {name}: plik może być otwarty w innym programie (zamknij go tam) albo folder {folder} jest tylko do odczytu. Niczego nie zapisano.</translation>
    </message>
    <message>
        <source>Cannot write {name}: {reason}. Nothing was saved.</source>
        <translation>Nie można zapisać {name}: {reason}. Niczego nie zapisano.</translation>
    </message>
    <message>
        <source>DAMAGED signature: {problem}</source>
        <translation>USZKODZONY podpis: {problem}</translation>
    </message>
    <message>
        <source>No trusted certificate has the fingerprint {fingerprint}.</source>
        <translation>Żaden zaufany certyfikat nie ma odcisku {fingerprint}.</translation>
    </message>
    <message>
        <source>The disk holding {folder} is full; {name} was not saved.</source>
        <translation>Dysk z folderem {folder} jest pełny; nie zapisano {name}.</translation>
    </message>
    <message>
        <source>The scan</source>
        <translation>Skan</translation>
    </message>
    <message>
        <source>The scan {name}</source>
        <translation>Skan {name}</translation>
    </message>
    <message>
        <source>a different certificate than the one accepted before for {expected} (SHA-256 {fingerprint}…)</source>
        <translation>inny certyfikat niż ten przyjęty wcześniej dla: {expected} (SHA-256 {fingerprint}…)</translation>
    </message>
    <message>
        <source>an annotation on page {number} changed</source>
        <translation>zmieniono adnotację na stronie {number}</translation>
    </message>
    <message>
        <source>annotations added on page {number}: {count}</source>
        <translation>dodano adnotacje na stronie {number}: {count}</translation>
    </message>
    <message>
        <source>annotations removed from page {number}</source>
        <translation>usunięto adnotacje ze strony {number}</translation>
    </message>
    <message>
        <source>bytes were appended after the signature</source>
        <translation>po podpisie dopisano bajty</translation>
    </message>
    <message>
        <source>changes that are not allowed after signing</source>
        <translation>zmiany niedozwolone po podpisaniu</translation>
    </message>
    <message>
        <source>content of page {number} changed</source>
        <translation>zmieniono treść strony {number}</translation>
    </message>
    <message>
        <source>document properties (XMP metadata) changed: {names}</source>
        <translation>zmieniono właściwości dokumentu (metadane XMP): {names}</translation>
    </message>
    <message>
        <source>document properties changed: {names}</source>
        <translation>zmieniono właściwości dokumentu: {names}</translation>
    </message>
    <message>
        <source>document settings changed: {names}</source>
        <translation>zmieniono ustawienia dokumentu: {names}</translation>
    </message>
    <message>
        <source>field {name} changed</source>
        <translation>zmieniono pole {name}</translation>
    </message>
    <message>
        <source>fonts or images of page {number} changed</source>
        <translation>zmieniono czcionki lub obrazy strony {number}</translation>
    </message>
    <message>
        <source>form field {name} changed its type</source>
        <translation>pole formularza {name} zmieniło typ</translation>
    </message>
    <message>
        <source>form field {name} removed</source>
        <translation>usunięto pole formularza {name}</translation>
    </message>
    <message>
        <source>form settings changed: {names}</source>
        <translation>zmieniono ustawienia formularza: {names}</translation>
    </message>
    <message>
        <source>intact</source>
        <translation>nienaruszony</translation>
    </message>
    <message>
        <source>intact (certificate not from a trusted authority)</source>
        <translation>nienaruszony (certyfikat nie pochodzi od zaufanego wystawcy)</translation>
    </message>
    <message>
        <source>intact, signer NOT CONFIRMED: {reasons}</source>
        <translation>nienaruszony, podpisujący NIEPOTWIERDZONY: {reasons}</translation>
    </message>
    <message>
        <source>intact, signer confirmed</source>
        <translation>nienaruszony, podpisujący potwierdzony</translation>
    </message>
    <message>
        <source>later changes that cannot be read</source>
        <translation>późniejsze zmiany, których nie da się odczytać</translation>
    </message>
    <message>
        <source>layout of page {number} changed</source>
        <translation>zmieniono układ strony {number}</translation>
    </message>
    <message>
        <source>new appearance for field {name}, its value unchanged</source>
        <translation>nowy wygląd pola {name}, wartość bez zmian</translation>
    </message>
    <message>
        <source>new appearance for the empty signature field {name}</source>
        <translation>nowy wygląd pustego pola podpisu {name}</translation>
    </message>
    <message>
        <source>new form field {name} added</source>
        <translation>dodano nowe pole formularza {name}</translation>
    </message>
    <message>
        <source>new signature field {name} added</source>
        <translation>dodano nowe pole podpisu {name}</translation>
    </message>
    <message>
        <source>new signature field {name} added and signed</source>
        <translation>dodano i podpisano nowe pole podpisu {name}</translation>
    </message>
    <message>
        <source>nobody on record signs for the {party}</source>
        <translation>w danych nikt nie podpisuje za stronę: {party}</translation>
    </message>
    <message>
        <source>pages added or removed ({then} pages when signed, {now} now)</source>
        <translation>dodano lub usunięto strony (przy podpisaniu: {then}, teraz: {now})</translation>
    </message>
    <message>
        <source>signature added in {name}, a field of no party</source>
        <translation>dodano podpis w {name}, polu żadnej ze stron</translation>
    </message>
    <message>
        <source>signed in {field}, which is no party&apos;s field</source>
        <translation>podpisano w {field}, polu żadnej ze stron</translation>
    </message>
    <message>
        <source>the certificate is not from an authority this office trusts, and none was accepted before for {expected}</source>
        <translation>certyfikat nie pochodzi od wystawcy, któremu ufa to biuro, i wcześniej nie przyjęto żadnego dla: {expected}</translation>
    </message>
    <message>
        <source>the certificate names {name}, but the {party} is to be signed for by {expected}</source>
        <translation>certyfikat wskazuje {name}, ale za stronę ({party}) ma podpisać {expected}</translation>
    </message>
    <message>
        <source>the file is not a document stored in this database, so its signers cannot be compared with the records</source>
        <translation>plik nie jest dokumentem zapisanym w tej bazie danych, więc nie można porównać jego podpisujących z danymi</translation>
    </message>
    <message>
        <source>the signature in {name} was replaced or redrawn</source>
        <translation>podpis w {name} zastąpiono lub narysowano na nowo</translation>
    </message>
    <message>
        <source>{name} cannot be read as a certificate: {reason}</source>
        <translation>Nie można odczytać {name} jako certyfikatu: {reason}</translation>
    </message>
    <message>
        <source>{name} has no signature field for the {party}: export the document from vipdesk.</source>
        <translation>{name} nie ma pola podpisu dla strony ({party}): wyeksportuj dokument z vipdesk.</translation>
    </message>
    <message>
        <source>{name} holds no certificate.</source>
        <translation>{name} nie zawiera certyfikatu.</translation>
    </message>
    <message>
        <source>{name} is already signed for the {party}.</source>
        <translation>{name} jest już podpisany za stronę ({party}).</translation>
    </message>
    <message>
        <source>{name} is damaged: its signature fields cannot be read ({reason}).</source>
        <translation>{name} jest uszkodzony: nie można odczytać jego pól podpisu ({reason}).</translation>
    </message>
    <message>
        <source>{scan} is damaged: it cannot be read.</source>
        <translation>{scan} jest uszkodzony: nie da się go odczytać.</translation>
    </message>
    <message>
        <source>{scan} is empty.</source>
        <translation>{scan} jest pusty.</translation>
    </message>
    <message>
        <source>{scan} is not a PDF, PNG or JPEG file.</source>
        <translation>{scan} nie jest plikiem PDF, PNG ani JPEG.</translation>
    </message>
    <message>
        <source>{scan} is over 25 MB.</source>
        <translation>{scan} przekracza 25 MB.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not an amount of money.</source>
        <translation>&apos;{text}&apos; nie jest kwotą pieniędzy.</translation>
    </message>
    <message>
        <source>Agreement {reference} is signed by every party and locked: changes are amendments, so there is no fillable version to send.</source>
        <translation>Porozumienie {reference} jest podpisane przez wszystkie strony i zablokowane: zmiany wprowadza się aneksem, więc nie ma wersji do wypełnienia do wysłania.</translation>
    </message>
    <message>
        <source>Cannot read {path}: {reason}.</source>
        <translation>Nie można odczytać {path}: {reason}.</translation>
    </message>
    <message>
        <source>Cannot write to the folder {folder}: {reason}. Choose another folder; no agreement was written.</source>
        <translation>Nie można zapisać w folderze {folder}: {reason}. Wybierz inny folder; nie zapisano żadnego porozumienia.</translation>
    </message>
    <message>
        <source>Cannot write {file} into {folder} ({reason}): it may be open in another program. {written} of {count} agreements were written.</source>
        <translation>Nie można zapisać {file} w {folder} ({reason}): plik może być otwarty w innym programie. Zapisano {written} z {count} porozumień.</translation>
    </message>
    <message>
        <source>Choose at least one change to accept.</source>
        <translation>Wybierz co najmniej jedną zmianę do przyjęcia.</translation>
    </message>
    <message>
        <source>The actual end is before the actual start.</source>
        <translation>Faktyczny koniec przypada przed faktycznym początkiem.</translation>
    </message>
    <message>
        <source>The agreement is not signed by all parties yet.</source>
        <translation>Porozumienie nie jest jeszcze podpisane przez wszystkie strony.</translation>
    </message>
    <message>
        <source>The deadline in the task &apos;{task}&apos; is not a date.</source>
        <translation>Termin w zadaniu &apos;{task}&apos; nie jest datą.</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist; no agreement was written.</source>
        <translation>Folder {folder} nie istnieje; nie zapisano żadnego porozumienia.</translation>
    </message>
    <message>
        <source>The returned {field} is longer than {limit} characters (it has {length}).</source>
        <translation>Zwrócone pole „{field}” jest dłuższe niż {limit} znaków (ma ich {length}).</translation>
    </message>
    <message>
        <source>The {document} has not been sent for signature yet: no PDF to send.</source>
        <translation>{document}: dokument nie został jeszcze wysłany do podpisu, więc nie ma PDF do wysłania.</translation>
    </message>
    <message>
        <source>The {document} is not signed by every party yet.</source>
        <translation>{document}: dokument nie jest jeszcze podpisany przez wszystkie strony.</translation>
    </message>
    <message>
        <source>There is no placement &apos;{text}&apos; in this database.</source>
        <translation>W tej bazie danych nie ma praktyki &apos;{text}&apos;.</translation>
    </message>
    <message>
        <source>There is no placement with id {id}.</source>
        <translation>Nie ma praktyki o identyfikatorze {id}.</translation>
    </message>
    <message>
        <source>This agreement document no longer exists.</source>
        <translation>Ten dokument porozumienia już nie istnieje.</translation>
    </message>
    <message>
        <source>This agreement version is no longer the current one: a later version replaced it, or it was deleted.</source>
        <translation>Ta wersja porozumienia nie jest już bieżąca: zastąpiła ją późniejsza wersja albo została usunięta.</translation>
    </message>
    <message>
        <source>Write the mentor&apos;s evaluation of the trainee: Table D certifies it.</source>
        <translation>Wpisz ocenę praktykanta wystawioną przez mentora: Tabela D ją poświadcza.</translation>
    </message>
    <message>
        <source>a questionnaire</source>
        <translation>kwestionariusz</translation>
    </message>
    <message>
        <source>a traineeship certificate</source>
        <translation>zaświadczenie o odbyciu praktyki</translation>
    </message>
    <message>
        <source>an agreement</source>
        <translation>porozumienie</translation>
    </message>
    <message>
        <source>an amendment to an agreement</source>
        <translation>aneks do porozumienia</translation>
    </message>
    <message>
        <source>financial amount</source>
        <translation>kwota wsparcia</translation>
    </message>
    <message>
        <source>financial support</source>
        <translation>wsparcie finansowe</translation>
    </message>
    <message>
        <source>host department</source>
        <translation>dział</translation>
    </message>
    <message>
        <source>host insurance</source>
        <translation>ubezpieczenie zapewniane przez organizację przyjmującą</translation>
    </message>
    <message>
        <source>in kind</source>
        <translation>świadczenia rzeczowe</translation>
    </message>
    <message>
        <source>mentor email</source>
        <translation>e-mail mentora</translation>
    </message>
    <message>
        <source>mentor name</source>
        <translation>imię i nazwisko mentora</translation>
    </message>
    <message>
        <source>mentor position</source>
        <translation>stanowisko mentora</translation>
    </message>
    <message>
        <source>nothing of vipdesk</source>
        <translation>nic z vipdesk</translation>
    </message>
    <message>
        <source>tasks</source>
        <translation>zadania</translation>
    </message>
    <message>
        <source>{file} carries a damaged vipdesk reference.</source>
        <translation>{file} zawiera uszkodzony numer referencyjny vipdesk.</translation>
    </message>
    <message>
        <source>{file} carries the reference {reference} with the placement id {theirs}, but {reference} here is placement {ours}: the file comes from another database, or its properties were changed.</source>
        <translation>{file} ma numer referencyjny {reference} z identyfikatorem praktyki {theirs}, ale tutaj {reference} to praktyka {ours}: plik pochodzi z innej bazy danych albo zmieniono jego właściwości.</translation>
    </message>
    <message>
        <source>{file} does not match version {version} of agreement {reference} as it was sent: it was made from other content.</source>
        <translation>{file} nie odpowiada wersji {version} porozumienia {reference} w postaci, w jakiej ją wysłano: powstał z innej treści.</translation>
    </message>
    <message>
        <source>{file} is damaged and cannot be read as a PDF ({reason}).</source>
        <translation>{file} jest uszkodzony i nie da się go odczytać jako PDF ({reason}).</translation>
    </message>
    <message>
        <source>{file} is damaged: its form fields cannot be read ({reason}).</source>
        <translation>{file} jest uszkodzony: nie da się odczytać jego pól formularza ({reason}).</translation>
    </message>
    <message>
        <source>{file} is not a PDF file.</source>
        <translation>{file} nie jest plikiem PDF.</translation>
    </message>
    <message>
        <source>{file} is not {wanted} exported by vipdesk.</source>
        <translation>{file} nie jest plikiem wyeksportowanym przez vipdesk: oczekiwano: {wanted}.</translation>
    </message>
    <message>
        <source>{file} is protected with a password; ask the sender for an unprotected copy.</source>
        <translation>{file} jest chroniony hasłem; poproś nadawcę o niezabezpieczoną kopię.</translation>
    </message>
    <message>
        <source>{file} is the agreement of placement {theirs}, not of {ours}.</source>
        <translation>{file} to porozumienie praktyki {theirs}, a nie {ours}.</translation>
    </message>
    <message>
        <source>{file} is version {version} of agreement {reference}, which is not stored here: export the current version and send that.</source>
        <translation>{file} to wersja {version} porozumienia {reference}, której tu nie zapisano: wyeksportuj bieżącą wersję i wyślij ją.</translation>
    </message>
    <message>
        <source>{file} is {found}, not {wanted} exported by vipdesk.</source>
        <translation>{file} to {found}; oczekiwano: {wanted} wyeksportowany przez vipdesk.</translation>
    </message>
    <message>
        <source>{file} was changed after vipdesk exported it: its vipdesk identifiers say {now}, but the file as exported says {was}. It is refused.</source>
        <translation>{file} zmieniono po wyeksportowaniu przez vipdesk: jego identyfikatory vipdesk wskazują {now}, a plik w wyeksportowanej postaci wskazuje {was}. Plik jest odrzucony.</translation>
    </message>
    <message>
        <source>{file}: the signature in {field} does not hold: {verdict}. The file is not reviewed; ask for the file as it was signed.</source>
        <translation>{file}: podpis w {field} nie jest ważny: {verdict}. Plik nie jest sprawdzany; poproś o plik w postaci, w jakiej go podpisano.</translation>
    </message>
    <message>
        <source>{one} or {other}</source>
        <translation>{one} lub {other}</translation>
    </message>
    <message>
        <source>{reference} (placement {id})</source>
        <translation>{reference} (praktyka {id})</translation>
    </message>
    <message>
        <source>{file} asks a questionnaire vipdesk does not know.</source>
        <translation>{file} zawiera kwestionariusz, którego vipdesk nie zna.</translation>
    </message>
    <message>
        <source>{file} asks other questions than the {questionnaire} of {reference} as vipdesk has it (the file was altered, or the agreement&apos;s learning outcomes changed since it was sent): it is refused; send a new one.</source>
        <translation>{file} zadaje inne pytania niż {questionnaire} dla {reference} w wersji znanej vipdesk (plik zmieniono albo efekty uczenia się z porozumienia zmieniły się od wysłania): plik jest odrzucony; wyślij nowy.</translation>
    </message>
    <message>
        <source>{file} is a questionnaire of placement {reference}, which is not in this database.</source>
        <translation>{file} to kwestionariusz praktyki {reference}, której nie ma w tej bazie danych.</translation>
    </message>
    <message>
        <source>{file} is a questionnaire of placement {theirs}, not of {ours}.</source>
        <translation>{file} to kwestionariusz praktyki {theirs}, a nie {ours}.</translation>
    </message>
    <message>
        <source>{file} is in a language vipdesk does not know.</source>
        <translation>{file} jest w języku, którego vipdesk nie zna.</translation>
    </message>
    <message>
        <source>{file} is not complete: {problems}</source>
        <translation>{file} nie jest kompletny: {problems}</translation>
    </message>
    <message>
        <source>{file}: its form was altered: {problems}.</source>
        <translation>{file}: formularz został zmieniony: {problems}.</translation>
    </message>
    <message>
        <source>{file}: {problem}</source>
        <translation>{file}: {problem}</translation>
    </message>
    <message>
        <source>There is no work-list rule &apos;{key}&apos;.</source>
        <translation>Nie ma reguły listy zadań „{key}”.</translation>
    </message>
    <message>
        <source>This deleted record can no longer be restored: someone restored it, or it was deleted more than 30 days ago.</source>
        <translation>Tego usuniętego rekordu nie można już przywrócić: ktoś go przywrócił albo usunięto go ponad 30 dni temu.</translation>
    </message>
    <message>
        <source>{what} {name} cannot be restored: what it belongs to (a student, host, funding source or shared cost) was deleted since, or its reference was taken again. Nothing was changed.</source>
        <translation>{what} {name}: nie można przywrócić: to, do czego należy (student, organizacja przyjmująca, źródło finansowania lub koszt wspólny), zostało w międzyczasie usunięte albo jego oznaczenie zostało ponownie użyte. Niczego nie zmieniono.</translation>
    </message>
    <message>
        <source>“{setting}”: choose from {least} to {most} days.</source>
        <translation>„{setting}”: wybierz od {least} do {most} dni.</translation>
    </message>
    <message>
        <source>Synchronous contact as close as possible to meeting in person: video or web conferencing.</source>
        <translation>Kontakt synchroniczny, jak najbliższy spotkaniu osobistemu: wideo- lub telekonferencja.</translation>
    </message>
    <message>
        <source>Where the student asks quickly and gets an answer within the agreed reply time.</source>
        <translation>Miejsce, gdzie student szybko pyta i dostaje odpowiedź w uzgodnionym czasie.</translation>
    </message>
    <message>
        <source>Asynchronous and archived: reports, feedback, agreements.</source>
        <translation>Asynchronicznie i z archiwum: sprawozdania, informacje zwrotne, ustalenia.</translation>
    </message>
    <message>
        <source>One place where work in progress and deliverables live.</source>
        <translation>Jedno miejsce na bieżącą pracę i rezultaty.</translation>
    </message>
    <message>
        <source>A blog or e-portfolio: it also serves the final assessment.</source>
        <translation>Blog lub e-portfolio: służy też ocenie końcowej.</translation>
    </message>
    <message>
        <source>Space for informal contact with co-workers: a team channel, a virtual coffee.</source>
        <translation>Miejsce na nieformalny kontakt ze współpracownikami: kanał zespołu, wirtualna kawa.</translation>
    </message>
    <message>
        <source>A low-bandwidth way to reach each other: a phone call can beat the trendy app.</source>
        <translation>Sposób na kontakt przy słabym łączu: telefon bywa lepszy niż modna aplikacja.</translation>
    </message>
    <message>
        <source>Common in companies and universities; guests need an invitation to the host&apos;s tenant.</source>
        <translation>Popularne w firmach i na uczelniach; goście potrzebują zaproszenia do środowiska organizacji przyjmującej.</translation>
    </message>
    <message>
        <source>Joins from a link; some companies block it or allow only their own licence.</source>
        <translation>Dołączanie przez link; niektóre firmy je blokują lub dopuszczają tylko własną licencję.</translation>
    </message>
    <message>
        <source>Runs in the browser; often blocked where a company standardises on Microsoft.</source>
        <translation>Działa w przeglądarce; często blokowane tam, gdzie firma standardowo używa Microsoftu.</translation>
    </message>
    <message>
        <source>Open source, no account, runs in the browser; quality depends on the server used.</source>
        <translation>Otwarte oprogramowanie, bez konta, działa w przeglądarce; jakość zależy od użytego serwera.</translation>
    </message>
    <message>
        <source>Frequent in larger companies; joins from a link.</source>
        <translation>Częste w większych firmach; dołączanie przez link.</translation>
    </message>
    <message>
        <source>Channels per topic suit questions and non-task talk; the student needs an invitation to the workspace.</source>
        <translation>Kanały tematyczne nadają się do pytań i rozmów poza zadaniami; student potrzebuje zaproszenia do przestrzeni roboczej.</translation>
    </message>
    <message>
        <source>Everybody has it and it works on weak connections, but it mixes private and work life and uses private phone numbers.</source>
        <translation>Każdy je ma i działa przy słabym łączu, ale miesza życie prywatne z pracą i używa prywatnych numerów telefonów.</translation>
    </message>
    <message>
        <source>Private by design; uses private phone numbers.</source>
        <translation>Prywatne z założenia; używa prywatnych numerów telefonów.</translation>
    </message>
    <message>
        <source>Asynchronous, archived, works on any connection: the default for reports and formal exchange.</source>
        <translation>Asynchronicznie, z archiwum, działa przy każdym łączu: domyślny kanał sprawozdań i formalnej wymiany.</translation>
    </message>
    <message>
        <source>Works when the internet does not; mind the cost of international calls.</source>
        <translation>Działa, gdy nie działa internet; uwaga na koszt połączeń międzynarodowych.</translation>
    </message>
    <message>
        <source>The institution&apos;s learning platform: assignments, feedback and an archive for the assessment; host staff need guest access.</source>
        <translation>Platforma e-learningowa uczelni: zadania, informacje zwrotne i archiwum do oceny; pracownicy organizacji przyjmującej potrzebują dostępu gościa.</translation>
    </message>
    <message>
        <source>The host&apos;s document store; external users need to be invited.</source>
        <translation>Repozytorium dokumentów organizacji przyjmującej; użytkowników zewnętrznych trzeba zaprosić.</translation>
    </message>
    <message>
        <source>Easy sharing by link; check whether the host allows company data there.</source>
        <translation>Łatwe udostępnianie przez link; sprawdź, czy organizacja przyjmująca dopuszcza tam dane firmowe.</translation>
    </message>
    <message>
        <source>Self-hosted by many universities; guests can be given links or accounts.</source>
        <translation>Utrzymywane przez wiele uczelni we własnym zakresie; gościom można dać linki lub konta.</translation>
    </message>
    <message>
        <source>E-portfolio often run next to Moodle; the student decides what mentor and tutor see.</source>
        <translation>E-portfolio, często obok Moodle; student decyduje, co widzą mentor i opiekun.</translation>
    </message>
    <message>
        <source>A reflection blog, private or shared with tutor and mentor.</source>
        <translation>Blog refleksyjny, prywatny lub udostępniony opiekunowi i mentorowi.</translation>
    </message>
    <message>
        <source>Telephone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Moodle (the university&apos;s LMS)</source>
        <translation>Moodle (platforma uczelni)</translation>
    </message>
    <message>
        <source>Mahara e-portfolio</source>
        <translation>Mahara e-portfolio</translation>
    </message>
    <message>
        <source>Blog (e.g. WordPress)</source>
        <translation>Blog (np. WordPress)</translation>
    </message>
    <message>
        <source>Search students</source>
        <translation>Szukaj studentów</translation>
    </message>
    <message>
        <source>Search students…</source>
        <translation>Szukaj studentów…</translation>
    </message>
    <message>
        <source>The students, one per row; Enter opens one</source>
        <translation>Studenci, jeden na wiersz; Enter otwiera wybranego</translation>
    </message>
    <message>
        <source>Students not loaded</source>
        <translation>Nie wczytano studentów</translation>
    </message>
    <message>
        <source>Cannot open the student</source>
        <translation>Nie można otworzyć danych studenta</translation>
    </message>
    <message>
        <source>Delete student</source>
        <translation>Usuń studenta</translation>
    </message>
    <message>
        <source>Student not deleted</source>
        <translation>Nie usunięto studenta</translation>
    </message>
    <message>
        <source>No students yet — press New… to add one</source>
        <translation>Brak studentów — kliknij „Dodaj…”, aby dodać pierwszego</translation>
    </message>
    <message>
        <source>No students match “{text}”.</source>
        <translation>Żaden student nie pasuje do „{text}”.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln student(s)</source>
        <translation>
            <numerusform>%Ln student</numerusform>
            <numerusform>%Ln studentów</numerusform>
            <numerusform>%Ln studentów</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln student(s)</source>
        <translation>
            <numerusform>{shown} z %Ln studenta</numerusform>
            <numerusform>{shown} z %Ln studentów</numerusform>
            <numerusform>{shown} z %Ln studentów</numerusform>
        </translation>
    </message>
    <message>
        <source>Search host organisations</source>
        <translation>Szukaj organizacji przyjmujących</translation>
    </message>
    <message>
        <source>Search host organisations…</source>
        <translation>Szukaj organizacji przyjmujących…</translation>
    </message>
    <message>
        <source>Host organisations</source>
        <translation>Organizacje przyjmujące</translation>
    </message>
    <message>
        <source>The host organisations, one per row; Enter opens one</source>
        <translation>Organizacje przyjmujące, jedna na wiersz; Enter otwiera wybraną</translation>
    </message>
    <message>
        <source>Host organisations not loaded</source>
        <translation>Nie wczytano organizacji przyjmujących</translation>
    </message>
    <message>
        <source>Cannot open the organisation</source>
        <translation>Nie można otworzyć organizacji</translation>
    </message>
    <message>
        <source>Delete organisation</source>
        <translation>Usuń organizację</translation>
    </message>
    <message>
        <source>Organisation not deleted</source>
        <translation>Nie usunięto organizacji</translation>
    </message>
    <message>
        <source>No host organisations yet — press New… to add one</source>
        <translation>Brak organizacji przyjmujących — kliknij „Dodaj…”, aby dodać pierwszą</translation>
    </message>
    <message>
        <source>No host organisations match “{text}”.</source>
        <translation>Żadna organizacja przyjmująca nie pasuje do „{text}”.</translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln host organisation(s)</source>
        <translation>
            <numerusform>{shown} z %Ln organizacji przyjmującej</numerusform>
            <numerusform>{shown} z %Ln organizacji przyjmujących</numerusform>
            <numerusform>{shown} z %Ln organizacji przyjmujących</numerusform>
        </translation>
    </message>
    <message>
        <source>Search contacts</source>
        <translation>Szukaj kontaktów</translation>
    </message>
    <message>
        <source>Search contacts…</source>
        <translation>Szukaj kontaktów…</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Kontakty</translation>
    </message>
    <message>
        <source>The contacts, one per row; Enter opens one</source>
        <translation>Kontakty, jeden na wiersz; Enter otwiera wybrany</translation>
    </message>
    <message>
        <source>Contacts not loaded</source>
        <translation>Nie wczytano kontaktów</translation>
    </message>
    <message>
        <source>Cannot open the contact</source>
        <translation>Nie można otworzyć kontaktu</translation>
    </message>
    <message>
        <source>Delete contact</source>
        <translation>Usuń kontakt</translation>
    </message>
    <message>
        <source>Contact not deleted</source>
        <translation>Nie usunięto kontaktu</translation>
    </message>
    <message>
        <source>No contacts yet — press New… to add one</source>
        <translation>Brak kontaktów — kliknij „Dodaj…”, aby dodać pierwszy</translation>
    </message>
    <message>
        <source>No contacts match “{text}”.</source>
        <translation>Żaden kontakt nie pasuje do „{text}”.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln contact(s)</source>
        <translation>
            <numerusform>%Ln kontakt</numerusform>
            <numerusform>%Ln kontakty</numerusform>
            <numerusform>%Ln kontaktów</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln contact(s)</source>
        <translation>
            <numerusform>{shown} z %Ln kontaktu</numerusform>
            <numerusform>{shown} z %Ln kontaktów</numerusform>
            <numerusform>{shown} z %Ln kontaktów</numerusform>
        </translation>
    </message>
    <message>
        <source>Search institutions</source>
        <translation>Szukaj instytucji</translation>
    </message>
    <message>
        <source>Search institutions…</source>
        <translation>Szukaj instytucji…</translation>
    </message>
    <message>
        <source>Institutions</source>
        <translation>Instytucje</translation>
    </message>
    <message>
        <source>The institutions, one per row; Enter opens one</source>
        <translation>Instytucje, jedna na wiersz; Enter otwiera wybraną</translation>
    </message>
    <message>
        <source>Institutions not loaded</source>
        <translation>Nie wczytano instytucji</translation>
    </message>
    <message>
        <source>Cannot open the institution</source>
        <translation>Nie można otworzyć instytucji</translation>
    </message>
    <message>
        <source>Delete institution</source>
        <translation>Usuń instytucję</translation>
    </message>
    <message>
        <source>Institution not deleted</source>
        <translation>Nie usunięto instytucji</translation>
    </message>
    <message>
        <source>No institutions yet — press New… to add one</source>
        <translation>Brak instytucji — kliknij „Dodaj…”, aby dodać pierwszą</translation>
    </message>
    <message>
        <source>No institutions match “{text}”.</source>
        <translation>Żadna instytucja nie pasuje do „{text}”.</translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln institution(s)</source>
        <translation>
            <numerusform>{shown} z %Ln instytucji</numerusform>
            <numerusform>{shown} z %Ln instytucji</numerusform>
            <numerusform>{shown} z %Ln instytucji</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln question(s) still need an answer, the first: “{question}”</source>
        <translation>
            <numerusform>%Ln pytanie czeka na odpowiedź: „{question}”</numerusform>
            <numerusform>%Ln pytania czekają na odpowiedź, pierwsze: „{question}”</numerusform>
            <numerusform>%Ln pytań czeka na odpowiedź, pierwsze: „{question}”</numerusform>
        </translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date. Type it as YYYY-MM-DD, e.g. 2026-03-01.</source>
        <translation>&apos;{text}&apos; nie jest datą. Wpisz ją jako RRRR-MM-DD lub DD.MM.RRRR, np. 2026-03-01 lub 1.03.2026.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number of credits; type e.g. 15 or 7.5.</source>
        <translation>&apos;{text}&apos; nie jest liczbą punktów; wpisz np. 15 lub 7,5.</translation>
    </message>
</context>
</TS>
