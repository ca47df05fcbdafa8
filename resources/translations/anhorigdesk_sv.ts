<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv" sourcelanguage="en">
<context>
    <name>AppController</name>
    <message>
        <source>AnhörigDesk</source>
        <translation>AnhörigDesk</translation>
    </message>
    <message>
        <source>The profiles could not be read: %1</source>
        <translation>Profilerna kunde inte läsas: %1</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>Back up profile</source>
        <translation>Säkerhetskopiera profil</translation>
    </message>
    <message>
        <source>Back up this profile</source>
        <translation>Säkerhetskopiera den här profilen</translation>
    </message>
    <message>
        <source>Everything in the profile is written, encrypted, to one file. Choose a passphrase for the backup: you need it to restore the file, on this computer or another, and nobody can read the file without it. It is not your profile&apos;s passphrase and it is not kept anywhere: write it down somewhere safe.</source>
        <translation>Allt i profilen skrivs krypterat till en fil. Välj en lösenfras för säkerhetskopian: du behöver den för att återställa filen, på den här datorn eller en annan, och utan den kan ingen läsa filen. Det är inte profilens lösenfras och den sparas ingenstans: skriv ner den och förvara den säkert.</translation>
    </message>
    <message>
        <source>Keep the file somewhere other than this computer, e.g. on the network drive IT gives you. Changes made after the backup are not in it.</source>
        <translation>Spara filen någon annanstans än på den här datorn, t.ex. på den nätverksenhet som IT ger dig. Det som ändras efter säkerhetskopieringen finns inte med i den.</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Fil:</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>&amp;Välj…</translation>
    </message>
    <message>
        <source>Backup &amp;passphrase:</source>
        <translation>Säkerhetskopians &amp;lösenfras:</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>&amp;Upprepa:</translation>
    </message>
    <message>
        <source>Passphrase of the backup</source>
        <translation>Säkerhetskopians lösenfras</translation>
    </message>
    <message>
        <source>The backup&apos;s passphrase again</source>
        <translation>Säkerhetskopians lösenfras igen</translation>
    </message>
    <message>
        <source>&amp;Back up</source>
        <translation>&amp;Säkerhetskopiera</translation>
    </message>
    <message>
        <source>Save the backup as</source>
        <translation>Spara säkerhetskopian som</translation>
    </message>
    <message>
        <source>AnhörigDesk backups (*%1)</source>
        <translation>AnhörigDesk-säkerhetskopior (*%1)</translation>
    </message>
    <message>
        <source>The two passphrases differ. Type the same one twice.</source>
        <translation>Lösenfraserna är olika. Skriv samma två gånger.</translation>
    </message>
    <message>
        <source>The passphrase needs at least %1 characters.</source>
        <translation>Lösenfrasen behöver minst %1 tecken.</translation>
    </message>
    <message>
        <source>Writing the encrypted backup…</source>
        <translation>Skriver den krypterade säkerhetskopian…</translation>
    </message>
    <message>
        <source>The backup is written to %1. Keep its passphrase safe: without it the backup cannot be restored.</source>
        <translation>Säkerhetskopian är skriven till %1. Förvara lösenfrasen säkert: utan den kan säkerhetskopian inte återställas.</translation>
    </message>
</context>
<context>
    <name>CarerEditPage</name>
    <message>
        <source>Edit carer</source>
        <translation>Ändra anhörig</translation>
    </message>
    <message>
        <source>New carer</source>
        <translation>Ny anhörig</translation>
    </message>
    <message>
        <source>Fields marked * are required. What you type is kept as a draft until you save.</source>
        <translation>Fält märkta med * måste fyllas i. Det du skriver sparas som utkast tills du sparar.</translation>
    </message>
    <message>
        <source>&amp;Name *</source>
        <translation>&amp;Namn *</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <source>&amp;Personal identity number</source>
        <translation>&amp;Personnummer</translation>
    </message>
    <message>
        <source>Personal identity number</source>
        <translation>Personnummer</translation>
    </message>
    <message>
        <source>P&amp;hone</source>
        <translation>&amp;Telefon</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>E-&amp;mail</source>
        <translation>E-&amp;post</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-post</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>&amp;Adress</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adress</translation>
    </message>
    <message>
        <source>Preferred &amp;language</source>
        <translation>Önskat &amp;språk</translation>
    </message>
    <message>
        <source>Preferred language</source>
        <translation>Önskat språk</translation>
    </message>
    <message>
        <source>&amp;Child carer</source>
        <translation>&amp;Barn som anhörig</translation>
    </message>
    <message>
        <source>Child carer</source>
        <translation>Barn som anhörig</translation>
    </message>
    <message>
        <source>P&amp;rotected identity</source>
        <translation>Sk&amp;yddade personuppgifter</translation>
    </message>
    <message>
        <source>Protected identity</source>
        <translation>Skyddade personuppgifter</translation>
    </message>
    <message>
        <source>Hours of care per &amp;week</source>
        <translation>Timmar &amp;per vecka med omsorg</translation>
    </message>
    <message>
        <source>Hours of care per week</source>
        <translation>Timmar per vecka med omsorg</translation>
    </message>
    <message>
        <source>Support &amp;contact</source>
        <translation>Stöd&amp;kontakt</translation>
    </message>
    <message>
        <source>Support contact</source>
        <translation>Stödkontakt</translation>
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation>&amp;Anteckningar</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Anteckningar</translation>
    </message>
    <message>
        <source>YYYYMMDD-NNNN</source>
        <translation>ÅÅÅÅMMDD-NNNN</translation>
    </message>
    <message>
        <source>The notes were changed on two computers at once. Only the newest version is shown here: choose or merge the versions first, or the other one is lost when you change the notes.</source>
        <translation>Anteckningarna ändrades på två datorer samtidigt. Här visas bara den senaste versionen: välj eller slå ihop versionerna först, annars går den andra förlorad när du ändrar anteckningarna.</translation>
    </message>
    <message>
        <source>Choose a &amp;version…</source>
        <translation>Välj &amp;version…</translation>
    </message>
    <message>
        <source>Under 18: take extra care with consent and guardians</source>
        <translation>Under 18 år: var extra noga med samtycke och vårdnadshavare</translation>
    </message>
    <message>
        <source>Address and contact details are never shown in lists, printed or shared with other units</source>
        <translation>Adress och kontaktuppgifter visas aldrig i listor, skrivs aldrig ut och delas aldrig med andra enheter</translation>
    </message>
    <message>
        <source>The carer</source>
        <translation>Den anhörige</translation>
    </message>
    <message>
        <source>Cared-for persons</source>
        <translation>Närstående</translation>
    </message>
    <message>
        <source>Linked cared-for persons</source>
        <translation>Kopplade närstående</translation>
    </message>
    <message>
        <source>Name of the person cared for</source>
        <translation>Den närståendes namn</translation>
    </message>
    <message>
        <source>Year of birth</source>
        <translation>Födelseår</translation>
    </message>
    <message>
        <source>The cared-for person is the carer&apos;s</source>
        <translation>Den närstående är den anhöriges</translation>
    </message>
    <message>
        <source>&amp;Link</source>
        <translation>&amp;Koppla</translation>
    </message>
    <message>
        <source>Link the cared-for person</source>
        <translation>Koppla den närstående</translation>
    </message>
    <message>
        <source>Consent given by the carer</source>
        <translation>Den anhöriges samtycke</translation>
    </message>
    <message>
        <source>&amp;Given:</source>
        <translation>&amp;Lämnat:</translation>
    </message>
    <message>
        <source>To record that the carer withdraws a consent, clear its box and save; the consent keeps its history with the date it was withdrawn.</source>
        <translation>Om den anhöriga återkallar ett samtycke: ta bort bocken och spara. Samtycket finns kvar i historiken med datum för återkallelsen.</translation>
    </message>
    <message>
        <source>How the consent was given</source>
        <translation>Hur samtycket lämnades</translation>
    </message>
    <message>
        <source>Date the consent was given</source>
        <translation>Datum då samtycket lämnades</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="vanished">&amp;Spara</translation>
    </message>
    <message>
        <source>&amp;Open the registered carer</source>
        <translation>&amp;Öppna den registrerade</translation>
    </message>
    <message>
        <source>Save a ne&amp;w carer anyway</source>
        <translation>Spara en ny anhörig &amp;ändå</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ingen</translation>
    </message>
    <message>
        <source>Me</source>
        <translation>Jag</translation>
    </message>
    <message>
        <source>Restored from a draft.</source>
        <translation type="vanished">Återställt från ett utkast.</translation>
    </message>
    <message>
        <source>not saved yet</source>
        <translation>inte sparad än</translation>
    </message>
    <message>
        <source>Draft saved.</source>
        <translation type="vanished">Utkastet är sparat.</translation>
    </message>
    <message>
        <source>Write the carer&apos;s name.</source>
        <translation>Skriv den anhöriges namn.</translation>
    </message>
    <message>
        <source>Check the personal identity number.</source>
        <translation>Kontrollera personnumret.</translation>
    </message>
    <message>
        <source>Already registered with the same name and the same birth date or phone number: %1. Is it the same person? Open the registered carer, or save a new one anyway.</source>
        <translation>Redan registrerad med samma namn och samma födelsedatum eller telefonnummer: %1. Är det samma person? Öppna den som redan är registrerad, eller spara en ny anhörig ändå.</translation>
    </message>
    <message>
        <source>Carer saved.</source>
        <translation>Den anhörige är sparad.</translation>
    </message>
    <message>
        <source>Could not save: %1</source>
        <translation type="vanished">Kunde inte spara: %1</translation>
    </message>
</context>
<context>
    <name>CarerListModel</name>
    <message>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <source>Child carer</source>
        <translation>Barn som anhörig</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Förfaller</translation>
    </message>
    <message>
        <source>Born · address · cares for</source>
        <translation>Född · adress · ger stöd till</translation>
    </message>
    <message>
        <source>Last changed</source>
        <translation>Senast ändrad</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>Barn</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Avslutad</translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation>Avstämning</translation>
    </message>
    <message>
        <source>Plan review</source>
        <translation>Uppföljning av stödplan</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Uppföljning</translation>
    </message>
    <message>
        <source>overdue since %1</source>
        <extracomment>&quot;due soon&quot; looks this many days ahead (the home screen&apos;s due lists do the same) (the schedule book, now), or None while the book is still being built carer id → CarerDue of the rows shown (None: the schedules are not built yet)</extracomment>
        <translation>försenad sedan %1</translation>
    </message>
    <message>
        <source>due today</source>
        <translation>förfaller i dag</translation>
    </message>
    <message>
        <source>due %1</source>
        <translation>förfaller %1</translation>
    </message>
    <message numerus="yes">
        <source>%n more item(s) due</source>
        <translation>
            <numerusform>En sak till förfaller</numerusform>
            <numerusform>%n saker till förfaller</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CarerPage</name>
    <message>
        <source>from %1</source>
        <extracomment>the entry kind (form) each carer action opens on the entry page</extracomment>
        <translation>från %1</translation>
    </message>
    <message>
        <source>%1 of %2 routines done</source>
        <translation>%1 av %2 rutiner klara</translation>
    </message>
    <message>
        <source>Carer</source>
        <translation>Anhörig</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>Ä&amp;ndra…</translation>
    </message>
    <message>
        <source>Share &amp;with unit…</source>
        <translation>Dela med &amp;enhet…</translation>
    </message>
    <message>
        <source>New &amp;conversation</source>
        <translation>Nytt &amp;samtal</translation>
    </message>
    <message>
        <source>Start support &amp;plan</source>
        <translation>Påbörja &amp;stödplan</translation>
    </message>
    <message>
        <source>Voluntariness check-&amp;in</source>
        <translation>&amp;Avstämning om frivillighet</translation>
    </message>
    <message>
        <source>Short-term &amp;stay</source>
        <translation>&amp;Korttidsvistelse</translation>
    </message>
    <message>
        <source>P&amp;rint…</source>
        <translation>Skriv &amp;ut…</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>&amp;Historik…</translation>
    </message>
    <message>
        <source>Register e&amp;xtract…</source>
        <translation>Register&amp;utdrag…</translation>
    </message>
    <message>
        <source>Everything stored about the carer, for the carer (GDPR art. 15)</source>
        <translation>Allt som finns sparat om anhörigen, till anhörigen (artikel 15 i dataskyddsförordningen)</translation>
    </message>
    <message>
        <source>Every change of the details, with who and when</source>
        <translation>Varje ändring av uppgifterna, med vem och när</translation>
    </message>
    <message>
        <source>The carer has consented to sharing with your unit: you see the carer&apos;s name, birth year and language and the entries marked shareable. The rest of the record stays with the carer&apos;s own unit.</source>
        <translation>Den anhöriga har samtyckt till delning med din enhet: du ser den anhörigas namn, födelseår och språk och anteckningarna som är markerade som delbara. Resten av uppgifterna finns hos den anhörigas egen enhet.</translation>
    </message>
    <message>
        <source>Personal identity number:</source>
        <translation>Personnummer:</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>Telefon:</translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation>E-post:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adress:</translation>
    </message>
    <message>
        <source>Preferred language:</source>
        <translation>Önskat språk:</translation>
    </message>
    <message>
        <source>Hours of care per week:</source>
        <translation>Timmar per vecka med omsorg:</translation>
    </message>
    <message>
        <source>Support contact:</source>
        <translation>Stödkontakt:</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Uppgifter</translation>
    </message>
    <message>
        <source>Cares for</source>
        <translation>Ger stöd till</translation>
    </message>
    <message>
        <source>Cared-for persons</source>
        <translation>Närstående</translation>
    </message>
    <message>
        <source>No cared-for person linked yet.</source>
        <translation>Ingen närstående är kopplad än.</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Samtycke</translation>
    </message>
    <message>
        <source>Consents</source>
        <translation>Samtycken</translation>
    </message>
    <message>
        <source>No consent recorded yet. Ask the carer and record it under Edit.</source>
        <translation>Inget samtycke är registrerat. Fråga den anhörige och fyll i det under Ändra.</translation>
    </message>
    <message>
        <source>The carer perspective</source>
        <translation>Anhörigperspektivet</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Tidslinje</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Visa:</translation>
    </message>
    <message>
        <source>Which entries to show</source>
        <translation>Vilka anteckningar som visas</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Allt</translation>
    </message>
    <message>
        <source>Which confidentiality marking to show</source>
        <translation>Vilken sekretessmärkning som visas</translation>
    </message>
    <message>
        <source>Any marking</source>
        <translation>Alla märkningar</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Vad</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Sammanfattning</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Av</translation>
    </message>
    <message>
        <source>Marking</source>
        <translation>Märkning</translation>
    </message>
    <message>
        <source>Timeline of entries</source>
        <translation>Tidslinje med anteckningar</translation>
    </message>
    <message>
        <source>Nothing recorded yet.</source>
        <translation>Inget är antecknat än.</translation>
    </message>
    <message>
        <source>Print en&amp;try…</source>
        <translation>Skriv ut an&amp;teckningen…</translation>
    </message>
    <message>
        <source>Print the selected entry</source>
        <translation>Skriv ut den valda anteckningen</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Skriv ut…</translation>
    </message>
    <message>
        <source>%1: the text “%2” was changed on two computers at once; both versions are kept.</source>
        <translation>%1: texten ”%2” ändrades på två datorer samtidigt; båda versionerna finns kvar.</translation>
    </message>
    <message>
        <source>Protected identity</source>
        <translation>Skyddade personuppgifter</translation>
    </message>
    <message>
        <source>Shared with your unit</source>
        <translation>Delad med din enhet</translation>
    </message>
    <message>
        <source>born %1</source>
        <translation>född %1</translation>
    </message>
    <message>
        <source>A carer with a protected identity is not shared with other units</source>
        <translation>En anhörig med skyddade personuppgifter delas inte med andra enheter</translation>
    </message>
    <message>
        <source>[corrected %1 by %2]</source>
        <translation>[rättad %1 av %2]</translation>
    </message>
    <message>
        <source>[correction]</source>
        <translation>[rättelse]</translation>
    </message>
    <message>
        <source>Reopen the s&amp;upport…</source>
        <translation>Återuppta s&amp;tödet…</translation>
    </message>
    <message>
        <source>Close the s&amp;upport…</source>
        <translation>Avsluta s&amp;tödet…</translation>
    </message>
    <message>
        <source>Undo the end of the relation</source>
        <translation>Ångra att relationen avslutades</translation>
    </message>
    <message>
        <source>End the re&amp;lation…</source>
        <translation>Avsluta re&amp;lationen…</translation>
    </message>
    <message>
        <source>The relation is open again.</source>
        <translation>Relationen gäller igen.</translation>
    </message>
    <message>
        <source>The support is closed. The record stays readable.</source>
        <translation>Stödet är avslutat. Uppgifterna går fortfarande att läsa.</translation>
    </message>
    <message>
        <source>The support is open again.</source>
        <translation>Stödet är återupptaget.</translation>
    </message>
    <message>
        <source>The relation is ended.</source>
        <translation>Relationen är avslutad.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>The register extract is saved (PDF and JSON).</source>
        <translation>Registerutdraget är sparat (PDF och JSON).</translation>
    </message>
    <message>
        <source>%1: the text %2 was changed on two computers at once; both versions are kept.</source>
        <translation type="vanished">%1: texten %2 ändrades på två datorer samtidigt; båda versionerna finns kvar.</translation>
    </message>
    <message>
        <source>Choose a &amp;version…</source>
        <translation>Välj &amp;version…</translation>
    </message>
    <message>
        <source>Deleted. It is deleted on the other computers at the next sync.</source>
        <translation>Borttaget. Det tas bort på de andra datorerna vid nästa synk.</translation>
    </message>
    <message>
        <source>Kept. The notice goes away on the other computers at the next sync.</source>
        <translation>Behållet. Meddelandet försvinner på de andra datorerna vid nästa synk.</translation>
    </message>
    <message>
        <source>Child carer</source>
        <translation>Barn som anhörig</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Avslutad</translation>
    </message>
    <message>
        <source>ended %1</source>
        <translation>avslutad %1</translation>
    </message>
    <message>
        <source>also a carer: %1</source>
        <translation>också anhörig: %1</translation>
    </message>
    <message>
        <source>withdrawn %1</source>
        <translation>återkallat %1</translation>
    </message>
    <message numerus="yes">
        <source>%n conversation(s), latest %1</source>
        <translation>
            <numerusform>%n samtal, senast %1</numerusform>
            <numerusform>%n samtal, senast %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Not touched on yet</source>
        <translation>Inte berört än</translation>
    </message>
    <message>
        <source>Saved; the printout is noted on the timeline.</source>
        <translation type="vanished">Sparat; utskriften är noterad på tidslinjen.</translation>
    </message>
    <message>
        <source>Printing is not installed in this version.</source>
        <translation>Utskrift finns inte i den här versionen.</translation>
    </message>
</context>
<context>
    <name>CarerPicker</name>
    <message>
        <source>New stay</source>
        <translation>Ny vistelse</translation>
    </message>
    <message>
        <source>Search for the carer by name…</source>
        <translation>Sök anhörig på namn…</translation>
    </message>
    <message>
        <source>Search for the carer</source>
        <translation>Sök anhörig</translation>
    </message>
    <message>
        <source>Carers found</source>
        <translation>Hittade anhöriga</translation>
    </message>
</context>
<context>
    <name>CarerSchedulePanel</name>
    <message>
        <source>Check-ins and follow-ups</source>
        <extracomment>for above the tabs: the next check-in, the state of the check-ins and the carer&apos;s unfinished drafts, offered back (seen as soon as the carer opens)</extracomment>
        <translation>Avstämningar och uppföljningar</translation>
    </message>
    <message>
        <source>Unfinished:</source>
        <translation>Ej avslutat:</translation>
    </message>
    <message>
        <source>Open follow-ups</source>
        <translation>Öppna uppföljningar</translation>
    </message>
    <message>
        <source>Check-ins</source>
        <translation>Avstämningar</translation>
    </message>
    <message>
        <source>Check-in history</source>
        <translation>Tidigare avstämningar</translation>
    </message>
    <message>
        <source>&amp;Pause…</source>
        <translation>&amp;Pausa…</translation>
    </message>
    <message>
        <source>Pause check-ins until a date</source>
        <translation>Pausa avstämningarna till ett datum</translation>
    </message>
    <message>
        <source>D&amp;eclined…</source>
        <translation>A&amp;vböjer…</translation>
    </message>
    <message>
        <source>The carer declines check-ins</source>
        <translation>Den anhöriga avböjer avstämningar</translation>
    </message>
    <message>
        <source>C&amp;lose…</source>
        <translation>A&amp;vsluta…</translation>
    </message>
    <message>
        <source>The caring has ended</source>
        <translation>Omsorgen har upphört</translation>
    </message>
    <message>
        <source>Re&amp;open…</source>
        <translation>&amp;Återuppta…</translation>
    </message>
    <message>
        <source>Start check-ins again</source>
        <translation>Börja med avstämningarna igen</translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation>Avstämning</translation>
    </message>
    <message>
        <source>Plan review</source>
        <translation>Uppföljning av stödplan</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Uppföljning</translation>
    </message>
    <message>
        <source>own choice</source>
        <translation>eget val</translation>
    </message>
    <message>
        <source>not sure</source>
        <translation>osäker</translation>
    </message>
    <message>
        <source>not own choice</source>
        <translation>inte eget val</translation>
    </message>
    <message>
        <source>Continue: %1 (%2)</source>
        <translation>Fortsätt: %1 (%2)</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Hämtar…</translation>
    </message>
    <message>
        <source>Next check-in: %1 — %2</source>
        <translation>Nästa avstämning: %1 – %2</translation>
    </message>
    <message>
        <source>Plan review: %1 — %2</source>
        <translation>Stödplanen följs upp: %1 – %2</translation>
    </message>
    <message>
        <source>No check-in is scheduled.</source>
        <translation>Ingen avstämning är planerad.</translation>
    </message>
    <message>
        <source>%1 — due %2</source>
        <translation>%1 – senast %2</translation>
    </message>
    <message>
        <source>burden %1 of 5</source>
        <translation>belastning %1 av 5</translation>
    </message>
    <message>
        <source>Check-ins are active.</source>
        <translation>Avstämningarna pågår.</translation>
    </message>
    <message>
        <source>Paused %1 until %2</source>
        <translation>Pausad %1 till %2</translation>
    </message>
    <message>
        <source>Declined %1</source>
        <translation>Avböjd %1</translation>
    </message>
    <message>
        <source>Closed %1: %2</source>
        <translation>Avslutad %1: %2</translation>
    </message>
</context>
<context>
    <name>CarersPage</name>
    <message>
        <source>Plan review</source>
        <extracomment>while a due filter waits for the schedules, look this often whether they are built</extracomment>
        <translation type="vanished">Uppföljning av stödplan</translation>
    </message>
    <message>
        <source>overdue since %1</source>
        <translation type="vanished">försenad sedan %1</translation>
    </message>
    <message>
        <source>Child carer</source>
        <extracomment>while a due filter waits for the schedules, look this often whether they are built</extracomment>
        <translation>Barn som anhörig</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Carers</source>
        <translation>Anhöriga</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Sök:</translation>
    </message>
    <message>
        <source>Name, phone, address or words from a note</source>
        <translation>Namn, telefon, adress eller ord ur en anteckning</translation>
    </message>
    <message>
        <source>Search carers</source>
        <translation>Sök anhöriga</translation>
    </message>
    <message>
        <source>Shared with your unit (the carer&apos;s consent):</source>
        <translation>Delade med din enhet (den anhörigas samtycke):</translation>
    </message>
    <message>
        <source>Carers shared with your unit</source>
        <translation>Anhöriga som delats med din enhet</translation>
    </message>
    <message>
        <source>Filter by unit</source>
        <translation>Filtrera på enhet</translation>
    </message>
    <message>
        <source>Filter by support contact</source>
        <translation>Filtrera på stödkontakt</translation>
    </message>
    <message>
        <source>Filter by what is due</source>
        <translation>Filtrera på vad som förfaller</translation>
    </message>
    <message numerus="yes">
        <source>Check-ins, plan reviews and follow-ups from the schedules: due within %n day(s), or overdue</source>
        <translation>
            <numerusform>Avstämningar, uppföljningar av stödplaner och andra uppföljningar enligt planeringen: förfaller inom %n dag eller är försenade</numerusform>
            <numerusform>Avstämningar, uppföljningar av stödplaner och andra uppföljningar enligt planeringen: förfaller inom %n dagar eller är försenade</numerusform>
        </translation>
    </message>
    <message>
        <source>Due or not</source>
        <translation>Förfaller eller inte</translation>
    </message>
    <message>
        <source>Has something due</source>
        <translation>Har något som förfaller</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Förfallet</translation>
    </message>
    <message>
        <source>C&amp;hild carers only</source>
        <translation>Bara &amp;barn som anhöriga</translation>
    </message>
    <message>
        <source>Show &amp;ended</source>
        <translation>Visa &amp;avslutade</translation>
    </message>
    <message>
        <source>&amp;New carer…</source>
        <translation>&amp;Ny anhörig…</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>Alla enheter</translation>
    </message>
    <message>
        <source>All support contacts</source>
        <translation>Alla stödkontakter</translation>
    </message>
    <message>
        <source>Me</source>
        <translation>Jag</translation>
    </message>
    <message numerus="yes">
        <source>The first %n matches; type more to narrow the search</source>
        <translation>
            <numerusform>Den första träffen; skriv mer för att begränsa sökningen</numerusform>
            <numerusform>De första %n träffarna; skriv mer för att begränsa sökningen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n carer(s) found</source>
        <translation>
            <numerusform>%n anhörig hittad</numerusform>
            <numerusform>%n anhöriga hittade</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n carer(s) shown; scroll for more</source>
        <translation>
            <numerusform>%n anhörig visas; bläddra för fler</numerusform>
            <numerusform>%n anhöriga visas; bläddra för fler</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n carer(s)</source>
        <translation>
            <numerusform>%n anhörig</numerusform>
            <numerusform>%n anhöriga</numerusform>
        </translation>
    </message>
    <message>
        <source>Working out what is due…</source>
        <translation>Räknar ut vad som förfaller…</translation>
    </message>
    <message>
        <source>No carer matches the search.</source>
        <translation>Ingen anhörig matchar sökningen.</translation>
    </message>
    <message>
        <source>Nothing is overdue for the carers shown.</source>
        <translation>Inget är försenat för de anhöriga som visas.</translation>
    </message>
    <message numerus="yes">
        <source>Nothing is due in the next %n day(s) for the carers shown.</source>
        <translation>
            <numerusform>Inget förfaller det närmaste dygnet för de anhöriga som visas.</numerusform>
            <numerusform>Inget förfaller de närmaste %n dagarna för de anhöriga som visas.</numerusform>
        </translation>
    </message>
    <message>
        <source>No carers yet. Register the first with New carer (Ctrl+N).</source>
        <translation>Inga anhöriga än. Lägg till den första med Ny anhörig (Ctrl+N).</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <source>The support has ended</source>
        <translation>Stödet har upphört</translation>
    </message>
    <message>
        <source>The carer has moved</source>
        <translation>Anhörigen har flyttat</translation>
    </message>
    <message>
        <source>The carer has died</source>
        <translation>Anhörigen har avlidit</translation>
    </message>
    <message>
        <source>The cared-for person has died</source>
        <translation>Den närstående har avlidit</translation>
    </message>
    <message>
        <source>Other reason</source>
        <translation>Annat skäl</translation>
    </message>
    <message>
        <source>The cared-for person has moved</source>
        <translation>Den närstående har flyttat</translation>
    </message>
    <message>
        <source>The relationship has ended</source>
        <translation>Relationen har upphört</translation>
    </message>
    <message>
        <source>Close the support</source>
        <translation>Avsluta stödet</translation>
    </message>
    <message>
        <source>Reopen the support</source>
        <translation>Återuppta stödet</translation>
    </message>
    <message>
        <source>End the relation</source>
        <translation>Avsluta relationen</translation>
    </message>
    <message>
        <source>The case is closed: check-ins and plan reviews stop, the carer is shown as ended everywhere. The record stays readable and searchable.</source>
        <translation>Ärendet avslutas: avstämningar och uppföljningar av stödplanen upphör och anhörigen visas som avslutad överallt. Uppgifterna går fortfarande att läsa och söka fram.</translation>
    </message>
    <message>
        <source>The case is open again and check-ins start again.</source>
        <translation>Ärendet öppnas igen och avstämningarna börjar på nytt.</translation>
    </message>
    <message>
        <source>The relation stays on the record, marked as ended. When every relation has ended, check-ins stop.</source>
        <translation>Relationen finns kvar i uppgifterna, markerad som avslutad. När alla relationer har avslutats upphör avstämningarna.</translation>
    </message>
    <message>
        <source>&amp;Why</source>
        <translation>&amp;Varför</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Varför</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>&amp;Anteckning</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Anteckning</translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <source>Change passphrase</source>
        <translation>Byt lösenfras</translation>
    </message>
    <message>
        <source>Your records stay as they are; only the passphrase that unlocks them changes.</source>
        <translation>Det du har antecknat ändras inte; bara lösenfrasen som låser upp det byts.</translation>
    </message>
    <message>
        <source>&amp;Current passphrase:</source>
        <translation>&amp;Nuvarande lösenfras:</translation>
    </message>
    <message>
        <source>&amp;New passphrase:</source>
        <translation>N&amp;y lösenfras:</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>&amp;Upprepa:</translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation>Nuvarande lösenfras</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>Ny lösenfras</translation>
    </message>
    <message>
        <source>Repeat the new passphrase</source>
        <translation>Upprepa den nya lösenfrasen</translation>
    </message>
    <message>
        <source>Type your current passphrase.</source>
        <translation>Skriv din nuvarande lösenfras.</translation>
    </message>
    <message>
        <source>The new passphrase needs at least %1 characters.</source>
        <translation>Den nya lösenfrasen behöver minst %1 tecken.</translation>
    </message>
    <message>
        <source>The new passphrases differ.</source>
        <translation>De nya lösenfraserna är olika.</translation>
    </message>
    <message>
        <source>Changing the passphrase…</source>
        <translation>Byter lösenfras…</translation>
    </message>
</context>
<context>
    <name>ChangePinDialog</name>
    <message>
        <source>Change PIN</source>
        <extracomment>too many wrong PINs: the app closes the profile (the text says so)</extracomment>
        <translation>Byt PIN-kod</translation>
    </message>
    <message>
        <source>The PIN (%1–%2 digits) is asked when the profile has been locked, so that only you can open it again.</source>
        <translation>PIN-koden (%1–%2 siffror) efterfrågas när profilen har låsts, så att bara du kan öppna den igen.</translation>
    </message>
    <message>
        <source>&amp;Current PIN:</source>
        <translation>&amp;Nuvarande PIN-kod:</translation>
    </message>
    <message>
        <source>&amp;New PIN:</source>
        <translation>N&amp;y PIN-kod:</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>&amp;Upprepa:</translation>
    </message>
    <message>
        <source>Current PIN</source>
        <translation>Nuvarande PIN-kod</translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation>Ny PIN-kod</translation>
    </message>
    <message>
        <source>Repeat the new PIN</source>
        <translation>Upprepa den nya PIN-koden</translation>
    </message>
    <message>
        <source>Type your current PIN.</source>
        <translation>Skriv din nuvarande PIN-kod.</translation>
    </message>
    <message>
        <source>The PIN must be %1–%2 digits.</source>
        <translation>PIN-koden ska vara %1–%2 siffror.</translation>
    </message>
    <message>
        <source>The two PINs differ.</source>
        <translation>De två PIN-koderna är olika.</translation>
    </message>
    <message>
        <source>Changing the PIN…</source>
        <translation>Byter PIN-kod…</translation>
    </message>
</context>
<context>
    <name>CheckinChart</name>
    <message>
        <source>Chart of voluntariness and burden over the check-ins</source>
        <translation>Diagram över frivillighet och belastning vid avstämningarna</translation>
    </message>
    <message>
        <source>No check-ins yet.</source>
        <translation>Inga avstämningar än.</translation>
    </message>
    <message>
        <source>own choice</source>
        <translation>eget val</translation>
    </message>
    <message>
        <source>not sure</source>
        <translation>osäker</translation>
    </message>
    <message>
        <source>not own choice</source>
        <translation>inte eget val</translation>
    </message>
    <message>
        <source>burden %1 of 5</source>
        <translation>belastning %1 av 5</translation>
    </message>
    <message>
        <source>Burden (1–5)</source>
        <translation>Belastning (1–5)</translation>
    </message>
    <message>
        <source>Own choice</source>
        <translation>Eget val</translation>
    </message>
    <message>
        <source>Not sure</source>
        <translation>Osäker</translation>
    </message>
    <message>
        <source>Not own choice</source>
        <translation>Inte eget val</translation>
    </message>
</context>
<context>
    <name>ConflictView</name>
    <message>
        <source>Conflicts</source>
        <translation>Konflikter</translation>
    </message>
    <message>
        <source>These records were changed on two computers before they synced. Where the same text was changed, both versions are kept: pick one, or merge them. Where a colleague deleted a record while it was being changed, the change was kept: keep the record or delete it after all. Your choice reaches the others at the next sync.</source>
        <translation>De här uppgifterna ändrades på två datorer innan de hann synkas. Där samma text ändrades finns båda versionerna kvar: välj en eller slå ihop dem. Där en kollega tog bort något medan det ändrades har ändringen sparats: behåll det eller ta bort det ändå. Ditt val når de andra vid nästa synk.</translation>
    </message>
    <message>
        <source>Records that need a decision</source>
        <translation>Uppgifter som behöver ett beslut</translation>
    </message>
    <message>
        <source>The same text was changed on two computers before they synced. Both versions are kept. Pick one, or merge them, and keep the result; it reaches the others at the next sync.</source>
        <translation type="vanished">Samma text ändrades på två datorer innan de synkades. Båda versionerna finns kvar. Välj en, eller slå ihop dem, och spara resultatet; det når de andra vid nästa synkning.</translation>
    </message>
    <message>
        <source>No conflicts. Everything agrees.</source>
        <translation>Inga konflikter. Allt stämmer överens.</translation>
    </message>
    <message>
        <source>Carers with conflicts</source>
        <translation type="vanished">Anhöriga med konflikter</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="vanished">Anteckningar</translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="vanished">Anteckning</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(inget namn)</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>AnhörigDesk stopped unexpectedly</source>
        <translation>AnhörigDesk avslutades oväntat</translation>
    </message>
    <message>
        <source>Something went wrong. Your saved work is safe. The report below contains no personal data; copy it and send it to your IT support.</source>
        <translation>Något gick fel. Det du har sparat finns kvar. Rapporten nedan innehåller inga personuppgifter; kopiera den och skicka den till er IT-support.</translation>
    </message>
    <message>
        <source>&amp;Copy report</source>
        <translation>&amp;Kopiera rapporten</translation>
    </message>
    <message>
        <source>Copy crash report</source>
        <translation>Kopiera felrapporten</translation>
    </message>
    <message>
        <source>Crash report</source>
        <translation>Felrapport</translation>
    </message>
</context>
<context>
    <name>DeletedNotice</name>
    <message>
        <source>Deleted while it was being changed – the change was kept</source>
        <translation>Borttaget medan det ändrades – ändringen sparades</translation>
    </message>
    <message>
        <source>&amp;Keep it</source>
        <translation>&amp;Behåll</translation>
    </message>
    <message>
        <source>The record stays, for everyone; the notice goes away</source>
        <translation>Uppgiften finns kvar för alla; meddelandet försvinner</translation>
    </message>
    <message>
        <source>&amp;Delete it after all…</source>
        <translation>&amp;Ta bort ändå…</translation>
    </message>
    <message>
        <source>The record is deleted on every computer at the next sync</source>
        <translation>Uppgiften tas bort på alla datorer vid nästa synk</translation>
    </message>
    <message>
        <source>Delete this carer after all? The carer is deleted on every computer at the next sync; earlier versions are kept in the history.</source>
        <translation>Ta bort den anhörige ändå? Den anhörige tas bort på alla datorer vid nästa synk; tidigare versioner finns kvar i historiken.</translation>
    </message>
    <message>
        <source>Delete “%1” after all? It is deleted on every computer at the next sync; earlier versions are kept in the history.</source>
        <translation>Ta bort ”%1” ändå? Det tas bort på alla datorer vid nästa synk; tidigare versioner finns kvar i historiken.</translation>
    </message>
    <message>
        <source>Delete after all</source>
        <translation>Ta bort ändå</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Ta bort</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Avbryt</translation>
    </message>
</context>
<context>
    <name>DemoMark</name>
    <message>
        <source>Demo – fictitious data</source>
        <translation>Demo – fiktiva uppgifter</translation>
    </message>
    <message>
        <source>This profile holds fictional demo data and is never synced, so that the invented carers do not reach your colleagues. Create a profile without demo data to sign in to a sync server.</source>
        <translation>Den här profilen innehåller fiktiva demodata och synkas aldrig, så att de påhittade anhöriga inte hamnar hos dina kollegor. Skapa en profil utan demodata för att logga in på en synkserver.</translation>
    </message>
</context>
<context>
    <name>DraftEditorPage</name>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Spara</translation>
    </message>
    <message>
        <source>Restored from a draft.</source>
        <translation>Återställt från ett utkast.</translation>
    </message>
    <message>
        <source>Draft saved.</source>
        <translation>Utkastet är sparat.</translation>
    </message>
    <message>
        <source>Could not save: %1</source>
        <translation>Kunde inte spara: %1</translation>
    </message>
</context>
<context>
    <name>DueView</name>
    <message>
        <source>Mine</source>
        <extracomment>rows shown per list: the most overdue first (thousands of rows would only hide the top and cost the GUI thread ~40 ms per thousand to build)</extracomment>
        <translation>Mina</translation>
    </message>
    <message>
        <source>My unit&apos;s</source>
        <translation>Min enhets</translation>
    </message>
    <message>
        <source>My due items</source>
        <translation>Mina uppgifter att göra</translation>
    </message>
    <message>
        <source>My unit&apos;s due items</source>
        <translation>Min enhets uppgifter att göra</translation>
    </message>
    <message>
        <source>When</source>
        <translation>När</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Vad</translation>
    </message>
    <message>
        <source>Carer</source>
        <translation>Anhörig</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Senast</translation>
    </message>
    <message>
        <source>Working out what is due…</source>
        <translation>Räknar ut vad som ska göras…</translation>
    </message>
    <message>
        <source>Nothing of yours is due in the next two weeks.</source>
        <translation>Inget av ditt ska göras de närmaste två veckorna.</translation>
    </message>
    <message>
        <source>Nothing else in your unit is due in the next two weeks.</source>
        <translation>Inget annat i din enhet ska göras de närmaste två veckorna.</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) late</source>
        <translation>
            <numerusform>%n dag sen</numerusform>
            <numerusform>%n dagar sen</numerusform>
        </translation>
    </message>
    <message>
        <source>Today</source>
        <translation>I dag</translation>
    </message>
    <message numerus="yes">
        <source>in %n day(s)</source>
        <translation>
            <numerusform>om %n dag</numerusform>
            <numerusform>om %n dagar</numerusform>
        </translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation>Avstämning</translation>
    </message>
    <message>
        <source>Plan review</source>
        <translation>Uppföljning av stödplan</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Uppföljning</translation>
    </message>
    <message>
        <source>Showing the %1 most urgent of %2.</source>
        <extracomment>when the lists were last filled (monotonic; the benchmark&apos;s figures)</extracomment>
        <translation>Visar de %1 mest brådskande av %2.</translation>
    </message>
</context>
<context>
    <name>EntryPage</name>
    <message>
        <source>Saved as a draft while you write; Save puts it on the carer&apos;s timeline.</source>
        <translation>Sparas som utkast medan du skriver; Spara lägger det på den anhöriges tidslinje.</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="vanished">&amp;Spara</translation>
    </message>
    <message>
        <source>Correction: %1</source>
        <translation>Rättelse: %1</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Släng</translation>
    </message>
    <message>
        <source>Close (keep draft)</source>
        <translation>Stäng (behåll utkastet)</translation>
    </message>
    <message>
        <source>Example form (Exempelkommunen): the example municipality&apos;s form is used until your municipality&apos;s material has been published and this laptop has synced.</source>
        <translation>Exempelformulär (Exempelkommunen): exempelkommunens formulär används tills kommunens eget material har publicerats och den här datorn har synkroniserat.</translation>
    </message>
    <message>
        <source>The correction is saved; the earlier text stays readable.</source>
        <translation>Rättelsen är sparad. Den tidigare texten går fortfarande att läsa.</translation>
    </message>
    <message>
        <source>Restored from a draft.</source>
        <translation type="vanished">Återställt från ett utkast.</translation>
    </message>
    <message>
        <source>Draft saved.</source>
        <translation type="vanished">Utkastet är sparat.</translation>
    </message>
    <message>
        <source>Saved on the timeline.</source>
        <translation>Sparat på tidslinjen.</translation>
    </message>
    <message>
        <source>Could not save: %1</source>
        <translation type="vanished">Kunde inte spara: %1</translation>
    </message>
</context>
<context>
    <name>ExtractDialog</name>
    <message>
        <source>Register extract</source>
        <translation>Registerutdrag</translation>
    </message>
    <message>
        <source>Everything stored about the carer, for the carer (GDPR article 15). Review it before it is released.</source>
        <translation>Allt som finns sparat om anhörigen, till anhörigen (artikel 15 i dataskyddsförordningen). Granska det innan det lämnas ut.</translation>
    </message>
    <message>
        <source>The extract is of this computer only: what the server holds is not included.</source>
        <translation>Utdraget gäller bara den här datorn: det som finns på servern kommer inte med.</translation>
    </message>
    <message>
        <source>Information about other people may be covered by secrecy. Tick what to withhold and write why (double-click the reason).</source>
        <translation>Uppgifter om andra personer kan omfattas av sekretess. Kryssa för det som inte ska lämnas ut och skriv varför (dubbelklicka på skälet).</translation>
    </message>
    <message>
        <source>Withhold</source>
        <translation>Lämnas inte ut</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Skäl</translation>
    </message>
    <message>
        <source>Parts about other people</source>
        <translation>Delar som rör andra personer</translation>
    </message>
    <message>
        <source>&amp;Large print</source>
        <translation>&amp;Stor stil</translation>
    </message>
    <message>
        <source>&amp;Release and save…</source>
        <translation>&amp;Lämna ut och spara…</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Läser…</translation>
    </message>
    <message>
        <source>The extract could not be made: %1</source>
        <translation>Utdraget kunde inte göras: %1</translation>
    </message>
    <message>
        <source>The extract includes what the server holds about the carer and the server&apos;s access log.</source>
        <translation>Utdraget innehåller också det som servern har sparat om den anhörige och serverns åtkomstlogg.</translation>
    </message>
    <message>
        <source>The server could not be reached (%1): the extract is of this computer only.</source>
        <translation>Servern gick inte att nå (%1): utdraget gäller bara den här datorn.</translation>
    </message>
    <message>
        <source>%1 entries (with every correction), %2 relations, %3 consents, %4 accesses in the log.</source>
        <translation>%1 anteckningar (med alla rättelser), %2 relationer, %3 samtycken, %4 åtkomster i loggen.</translation>
    </message>
    <message>
        <source>Write why “%1” is withheld.</source>
        <translation>Skriv varför ”%1” inte lämnas ut.</translation>
    </message>
    <message>
        <source>Save the register extract in</source>
        <translation>Spara registerutdraget i</translation>
    </message>
    <message>
        <source>The extract could not be saved: %1</source>
        <translation>Utdraget kunde inte sparas: %1</translation>
    </message>
</context>
<context>
    <name>FieldConflict</name>
    <message>
        <source>Use version %1 (written %2 on this computer)</source>
        <translation>Använd version %1 (skriven %2 på den här datorn)</translation>
    </message>
    <message>
        <source>Use version %1 (written %2 on another computer)</source>
        <translation>Använd version %1 (skriven %2 på en annan dator)</translation>
    </message>
    <message>
        <source>Use version %1 (written %2)</source>
        <translation>Använd version %1 (skriven %2)</translation>
    </message>
    <message>
        <source>Use version %1</source>
        <translation>Använd version %1</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>Use a merged text (edit below)</source>
        <translation>Använd en sammanslagen text (redigera nedan)</translation>
    </message>
    <message>
        <source>Merged text</source>
        <translation>Sammanslagen text</translation>
    </message>
    <message>
        <source>&amp;Keep the chosen text</source>
        <translation>&amp;Spara den valda texten</translation>
    </message>
</context>
<context>
    <name>FollowUpArea</name>
    <message>
        <source>Follow-up</source>
        <translation>Uppföljning</translation>
    </message>
</context>
<context>
    <name>FollowUpPage</name>
    <message>
        <source>Follow-up</source>
        <translation>Uppföljning</translation>
    </message>
    <message>
        <source>An answer in a form raised this flag. Talk with the carer, then write what was done: that closes the follow-up.</source>
        <translation>Ett svar i ett formulär gav den här signalen. Prata med den anhöriga och skriv sedan vad som gjordes: då är uppföljningen klar.</translation>
    </message>
    <message>
        <source>Carer:</source>
        <translation>Anhörig:</translation>
    </message>
    <message>
        <source>Flag:</source>
        <translation>Signal:</translation>
    </message>
    <message>
        <source>Raised:</source>
        <translation>Uppstod:</translation>
    </message>
    <message>
        <source>Due:</source>
        <translation>Senast:</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Läge:</translation>
    </message>
    <message>
        <source>What was &amp;done *</source>
        <translation>Vad som &amp;gjordes *</translation>
    </message>
    <message>
        <source>What was done about the follow-up</source>
        <translation>Vad som gjordes i uppföljningen</translation>
    </message>
    <message>
        <source>For example: called the carer, booked a conversation about respite on Tuesday.</source>
        <translation>Till exempel: ringde den anhöriga, bokade ett samtal om avlösning på tisdag.</translation>
    </message>
    <message>
        <source>&amp;Mark as done</source>
        <translation>&amp;Markera som klar</translation>
    </message>
    <message>
        <source>Open the &amp;response</source>
        <translation>Öppna &amp;svaret</translation>
    </message>
    <message>
        <source>Open the &amp;carer</source>
        <translation>Öppna &amp;anhörig</translation>
    </message>
    <message>
        <source>&amp;Back to home</source>
        <translation>&amp;Tillbaka till Hem</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öppen</translation>
    </message>
    <message>
        <source>Done %1: %2</source>
        <translation>Klar %1: %2</translation>
    </message>
    <message>
        <source>Write what was done first.</source>
        <translation>Skriv först vad som gjordes.</translation>
    </message>
    <message>
        <source>Follow-up marked as done.</source>
        <translation>Uppföljningen är markerad som klar.</translation>
    </message>
    <message>
        <source>Could not save: %1</source>
        <translation>Kunde inte spara: %1</translation>
    </message>
</context>
<context>
    <name>FormPage</name>
    <message>
        <source>Stored response</source>
        <translation>Sparat svar</translation>
    </message>
    <message>
        <source>Loading the response…</source>
        <translation>Hämtar svaret…</translation>
    </message>
    <message>
        <source>&amp;Back to the carer</source>
        <translation>&amp;Tillbaka till anhörig</translation>
    </message>
    <message>
        <source>&amp;Correct the entry…</source>
        <translation>&amp;Rätta anteckningen…</translation>
    </message>
    <message>
        <source>Open the &amp;newer version</source>
        <translation>Öppna den &amp;nyare versionen</translation>
    </message>
    <message>
        <source>Stored %1, form version %2. Read-only: a correction is a new entry.</source>
        <translation>Sparat %1, formulärversion %2. Kan bara läsas: en rättelse blir en ny anteckning.</translation>
    </message>
    <message>
        <source>Written by %1.</source>
        <translation>Skrivet av %1.</translation>
    </message>
    <message>
        <source>Corrected %1 by %2. This is the text as it was before the correction.</source>
        <translation>Rättad %1 av %2. Detta är texten som den var före rättelsen.</translation>
    </message>
    <message>
        <source>This is a correction, stored %1 by %2; the earlier text stays readable.</source>
        <translation>Detta är en rättelse, sparad %1 av %2. Den tidigare texten går fortfarande att läsa.</translation>
    </message>
    <message>
        <source>May be shared with colleagues in the care.</source>
        <translation type="vanished">Får delas med kollegor i omsorgen.</translation>
    </message>
    <message>
        <source>The forms could not be loaded in this installation.</source>
        <translation>Formulären kunde inte läsas in i den här installationen.</translation>
    </message>
    <message>
        <source>This entry cannot be shown as a form: its form version is not known here.</source>
        <translation>Anteckningen kan inte visas som formulär: dess formulärversion är okänd här.</translation>
    </message>
</context>
<context>
    <name>FormWidget</name>
    <message>
        <source>YYYY-MM-DD</source>
        <extracomment>A prefilled answer&apos;s note: dark text on a light amber band (contrast above 12:1). whether the question&apos;s conditions let it show (independent of Qt&apos;s queued show) shown while the answer is one the form was prefilled with (until the user changes it)</extracomment>
        <translation>ÅÅÅÅ-MM-DD</translation>
    </message>
    <message>
        <source>Choose date…</source>
        <translation>Välj datum…</translation>
    </message>
    <message>
        <source>Choose a date: %1</source>
        <translation>Välj ett datum: %1</translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation>Ta bort rad</translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>Lägg till rad</translation>
    </message>
    <message>
        <source>Filled in with today&apos;s date. Change it if it was another day.</source>
        <translation>Förifyllt med dagens datum. Ändra om det var en annan dag.</translation>
    </message>
    <message>
        <source>Filled in from the check-in on %1. Change it if the answer is different today.</source>
        <translation>Förifyllt från avstämningen %1. Ändra om svaret är ett annat i dag.</translation>
    </message>
    <message>
        <source>Filled in from the carer&apos;s record. Change it if it is not right.</source>
        <translation>Förifyllt från registret. Ändra om det inte stämmer.</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>History of the details</source>
        <translation>Uppgifternas historik</translation>
    </message>
    <message>
        <source>Every change of the carer&apos;s details, newest first. Earlier values are kept.</source>
        <translation>Varje ändring av anhörigens uppgifter, den senaste först. Tidigare värden sparas.</translation>
    </message>
    <message>
        <source>The details have not been changed since they were registered.</source>
        <translation>Uppgifterna har inte ändrats sedan de registrerades.</translation>
    </message>
    <message>
        <source>When</source>
        <translation>När</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Av</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Uppgift</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Före</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Efter</translation>
    </message>
    <message>
        <source>Changes of the carer&apos;s details</source>
        <translation>Ändringar av anhörigens uppgifter</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Home</source>
        <extracomment>emitted when the page reloads its lists (an installed due view reloads with it)</extracomment>
        <translation>Hem</translation>
    </message>
    <message>
        <source>Recent carers</source>
        <translation>Senaste anhöriga</translation>
    </message>
    <message>
        <source>No carers opened yet. Find one under Carers, or register a new one with Ctrl+N.</source>
        <translation>Du har inte öppnat någon anhörig än. Sök under Anhöriga eller lägg till en ny med Ctrl+N.</translation>
    </message>
    <message>
        <source>Unsaved drafts</source>
        <translation>Osparade utkast</translation>
    </message>
    <message>
        <source>No unfinished drafts.</source>
        <translation>Inga utkast som väntar.</translation>
    </message>
    <message>
        <source>Due (the %1 most urgent of %2)</source>
        <translation>Att göra (de %1 mest brådskande av %2)</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Att göra</translation>
    </message>
    <message>
        <source>Due items</source>
        <translation>Saker att göra</translation>
    </message>
    <message>
        <source>Nothing is due.</source>
        <translation>Inget att göra just nu.</translation>
    </message>
    <message>
        <source>Working out which check-ins and follow-ups are due…</source>
        <translation>Räknar fram vilka avstämningar och uppföljningar som ska göras…</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>%n dag försenad</numerusform>
            <numerusform>%n dagar försenad</numerusform>
        </translation>
    </message>
    <message>
        <source>due today</source>
        <translation>ska göras i dag</translation>
    </message>
    <message numerus="yes">
        <source>in %n day(s)</source>
        <translation>
            <numerusform>om %n dag</numerusform>
            <numerusform>om %n dagar</numerusform>
        </translation>
    </message>
    <message>
        <source>Carer details</source>
        <translation>Uppgifter om anhörig</translation>
    </message>
    <message>
        <source>What is due, carers you worked with lately, and drafts you have not finished.</source>
        <translation>Det som ska göras, anhöriga du nyss har arbetat med och utkast som inte är klara.</translation>
    </message>
    <message>
        <source>New carer</source>
        <translation>Ny anhörig</translation>
    </message>
</context>
<context>
    <name>IdentityPage</name>
    <message>
        <source>Welcome to AnhörigDesk</source>
        <translation>Välkommen till AnhörigDesk</translation>
    </message>
    <message>
        <source>Create your profile on this computer.</source>
        <translation>Skapa din profil på den här datorn.</translation>
    </message>
    <message>
        <source>Your profile keeps what you record encrypted on this computer. Each colleague who shares the computer has a profile of their own.</source>
        <translation>I din profil sparas det du antecknar krypterat på den här datorn. Varje kollega som delar datorn har en egen profil.</translation>
    </message>
    <message>
        <source>&amp;Your name:</source>
        <translation>&amp;Ditt namn:</translation>
    </message>
    <message>
        <source>Your &amp;unit:</source>
        <translation>Din &amp;enhet:</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Ditt namn</translation>
    </message>
    <message>
        <source>Your unit</source>
        <translation>Din enhet</translation>
    </message>
    <message>
        <source>for example Anhörigstöd Norra</source>
        <translation>till exempel Anhörigstöd Norra</translation>
    </message>
    <message>
        <source>&amp;Fill the profile with fictional demo data</source>
        <translation>&amp;Fyll profilen med fiktiva demodata</translation>
    </message>
    <message>
        <source>Fill the profile with fictional demo data</source>
        <translation>Fyll profilen med fiktiva demodata</translation>
    </message>
    <message>
        <source>For practice and demonstrations: %1 invented carers with conversations and check-ins. Never use a demo profile for real people.</source>
        <translation>För övning och visning: %1 påhittade anhöriga med samtal och uppföljningar. Använd aldrig en demoprofil för riktiga personer.</translation>
    </message>
</context>
<context>
    <name>KeyPage</name>
    <message>
        <source>How to unlock the profile</source>
        <translation>Så låser du upp profilen</translation>
    </message>
    <message>
        <source>The key to your encrypted data is kept safe in one of two ways.</source>
        <translation>Nyckeln till dina krypterade uppgifter kan förvaras på två sätt.</translation>
    </message>
    <message>
        <source>With this computer&apos;s &amp;keychain (you sign in as usual)</source>
        <translation>Med datorns &amp;nyckelring (du loggar in som vanligt)</translation>
    </message>
    <message>
        <source>With a passphrase that I &amp;type each time</source>
        <translation>Med en lösen&amp;fras som jag skriver varje gång</translation>
    </message>
    <message>
        <source>This computer has no secure keychain, so a passphrase is needed.</source>
        <translation>Datorn saknar en säker nyckelring, så en lösenfras behövs.</translation>
    </message>
    <message>
        <source>Choose a PIN of %1–%2 digits. The profile asks for it after it has been locked, so that only you can open it again; the computer&apos;s keychain alone does not.</source>
        <translation>Välj en PIN-kod på %1–%2 siffror. Profilen frågar efter den när den har låsts, så att bara du kan öppna den igen; datorns nyckelring räcker inte ensam.</translation>
    </message>
    <message>
        <source>P&amp;IN:</source>
        <translation>P&amp;IN-kod:</translation>
    </message>
    <message>
        <source>Repe&amp;at PIN:</source>
        <translation>Upprepa PIN-&amp;kod:</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN-kod</translation>
    </message>
    <message>
        <source>Repeat the PIN</source>
        <translation>Upprepa PIN-koden</translation>
    </message>
    <message>
        <source>Pass&amp;phrase:</source>
        <translation>&amp;Lösenfras:</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>&amp;Upprepa:</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Lösenfras</translation>
    </message>
    <message>
        <source>Repeat the passphrase</source>
        <translation>Upprepa lösenfrasen</translation>
    </message>
    <message numerus="yes">
        <source>at least %n characters</source>
        <translation>
            <numerusform>minst %n tecken</numerusform>
            <numerusform>minst %n tecken</numerusform>
        </translation>
    </message>
    <message>
        <source>The PIN must be %1–%2 digits.</source>
        <translation>PIN-koden ska vara %1–%2 siffror.</translation>
    </message>
    <message>
        <source>The two PINs differ.</source>
        <translation>De två PIN-koderna är olika.</translation>
    </message>
    <message numerus="yes">
        <source>The passphrase needs at least %n characters.</source>
        <translation>
            <numerusform>Lösenfrasen behöver minst %n tecken.</numerusform>
            <numerusform>Lösenfrasen behöver minst %n tecken.</numerusform>
        </translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Lösenfraserna är olika.</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Partner</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>Barn</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>Förälder</translation>
    </message>
    <message>
        <source>Sibling</source>
        <translation>Syskon</translation>
    </message>
    <message>
        <source>Friend</source>
        <translation>Vän</translation>
    </message>
    <message>
        <source>Neighbour</source>
        <translation>Granne</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Annan</translation>
    </message>
    <message>
        <source>Details about them may be recorded</source>
        <translation>Uppgifter om hen får registreras</translation>
    </message>
    <message>
        <source>Details may be shared with the care staff</source>
        <translation>Uppgifter får delas med personalen i vården och omsorgen</translation>
    </message>
    <message>
        <source>We may contact them</source>
        <translation>Vi får kontakta hen</translation>
    </message>
    <message>
        <source>The support plan may be printed for them</source>
        <translation>Stödplanen får skrivas ut till hen</translation>
    </message>
    <message>
        <source>The record may be shared with a named unit</source>
        <translation>Uppgifterna får delas med en namngiven enhet</translation>
    </message>
    <message>
        <source>Verbally</source>
        <translation>Muntligt</translation>
    </message>
    <message>
        <source>In writing</source>
        <translation>Skriftligt</translation>
    </message>
    <message>
        <source>Digitally</source>
        <translation>Digitalt</translation>
    </message>
    <message>
        <source>Through a guardian</source>
        <translation>Via vårdnadshavare</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Samtal</translation>
    </message>
    <message>
        <source>Support plan</source>
        <translation>Stödplan</translation>
    </message>
    <message>
        <source>Voluntariness check-in</source>
        <translation>Avstämning om frivillighet</translation>
    </message>
    <message>
        <source>Short-term stay</source>
        <translation>Korttidsvistelse</translation>
    </message>
    <message>
        <source>Handout printed</source>
        <translation>Utskrivet material</translation>
    </message>
    <message>
        <source>Information handout</source>
        <translation>Informationsblad</translation>
    </message>
    <message>
        <source>Support plan printed</source>
        <translation>Stödplan utskriven</translation>
    </message>
    <message>
        <source>Check-in summary printed</source>
        <translation>Sammanfattning av avstämning utskriven</translation>
    </message>
    <message>
        <source>Short-term unit list printed</source>
        <translation>Korttidslista utskriven</translation>
    </message>
    <message>
        <source>Form printed</source>
        <translation>Formulär utskrivet</translation>
    </message>
    <message>
        <source>Seen and listened to</source>
        <translation>Blir sedd och lyssnad på</translation>
    </message>
    <message>
        <source>Kept informed</source>
        <translation>Hålls informerad</translation>
    </message>
    <message>
        <source>Their care and their life</source>
        <translation>Omsorgen hen ger och hens liv</translation>
    </message>
    <message>
        <source>Their knowledge used</source>
        <translation>Hens kunskap tas till vara</translation>
    </message>
    <message>
        <source>Their own need of support</source>
        <translation>Hens eget behov av stöd</translation>
    </message>
    <message>
        <source>On a home visit</source>
        <translation>Vid hembesök</translation>
    </message>
    <message>
        <source>At the unit</source>
        <translation>På enheten</translation>
    </message>
    <message>
        <source>By phone</source>
        <translation>Per telefon</translation>
    </message>
    <message>
        <source>By video</source>
        <translation>Via video</translation>
    </message>
    <message>
        <source>Another way</source>
        <translation>Annat sätt</translation>
    </message>
    <message>
        <source>First check-in</source>
        <translation>Första avstämningen</translation>
    </message>
    <message>
        <source>Check-in due</source>
        <translation>Dags för avstämning</translation>
    </message>
    <message>
        <source>New plan: how is it going?</source>
        <translation>Ny stödplan: hur går det?</translation>
    </message>
    <message>
        <source>Situation changed</source>
        <translation>Situationen har ändrats</translation>
    </message>
    <message>
        <source>After a short-term stay</source>
        <translation>Efter korttidsvistelse</translation>
    </message>
    <message>
        <source>Check-ins resumed</source>
        <translation>Avstämningarna har återupptagits</translation>
    </message>
    <message>
        <source>Plan review date</source>
        <translation>Stödplanens uppföljningsdatum</translation>
    </message>
    <message>
        <source>Review the plan</source>
        <translation>Se över stödplanen</translation>
    </message>
    <message>
        <source>Follow-up talk</source>
        <translation>Uppföljande samtal</translation>
    </message>
    <message>
        <source>b. %1</source>
        <translation>f. %1</translation>
    </message>
    <message>
        <source>cares for %1</source>
        <translation>stöd till %1</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>”%1”</translation>
    </message>
    <message>
        <source>Swedish</source>
        <translation>Svenska</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Engelska</translation>
    </message>
    <message>
        <source>Easy Swedish</source>
        <translation>Lättläst svenska</translation>
    </message>
    <message>
        <source>Finnish</source>
        <translation>Finska</translation>
    </message>
    <message>
        <source>Arabic</source>
        <translation>Arabiska</translation>
    </message>
    <message>
        <source>Somali</source>
        <translation>Somaliska</translation>
    </message>
    <message>
        <source>Persian</source>
        <translation>Persiska</translation>
    </message>
    <message>
        <source>Bosnian</source>
        <translation>Bosniska</translation>
    </message>
    <message>
        <source>Polish</source>
        <translation>Polska</translation>
    </message>
    <message>
        <source>Tigrinya</source>
        <translation>Tigrinja</translation>
    </message>
    <message>
        <source>Other language</source>
        <translation>Annat språk</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>AnhörigDesk is locked</source>
        <extracomment>Unlocker kinds: the passphrase; a keychain profile&apos;s PIN; a keychain profile without a PIN yet (the lock screen asks to choose one before it opens) too many wrong PINs: the app closes the profile (the text says so, translated)</extracomment>
        <translation>AnhörigDesk är låst</translation>
    </message>
    <message>
        <source>Press Unlock to open the profile with the computer&apos;s keychain.</source>
        <translation type="vanished">Tryck på Lås upp för att öppna profilen med datorns nyckelring.</translation>
    </message>
    <message>
        <source>Type your passphrase to continue.</source>
        <translation>Skriv din lösenfras för att fortsätta.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Lösenfras</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Lås upp</translation>
    </message>
    <message>
        <source>Type your PIN to continue.</source>
        <translation>Skriv din PIN-kod för att fortsätta.</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN-kod</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Lås upp</translation>
    </message>
    <message>
        <source>Choose a PIN for this profile (%1–%2 digits). From now on the profile asks for it when it has been locked, so that only you can open it; the computer&apos;s keychain alone no longer does.</source>
        <translation>Välj en PIN-kod för profilen (%1–%2 siffror). Från och med nu frågar profilen efter den när den har låsts, så att bara du kan öppna den; datorns nyckelring räcker inte längre ensam.</translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation>Ny PIN-kod</translation>
    </message>
    <message>
        <source>Repeat the PIN</source>
        <translation>Upprepa PIN-koden</translation>
    </message>
    <message>
        <source>&amp;Save PIN and continue</source>
        <translation>&amp;Spara PIN-kod och fortsätt</translation>
    </message>
    <message>
        <source>Save PIN and continue</source>
        <translation>Spara PIN-kod och fortsätt</translation>
    </message>
    <message>
        <source>The PIN must be %1–%2 digits.</source>
        <translation>PIN-koden ska vara %1–%2 siffror.</translation>
    </message>
    <message>
        <source>The two PINs differ.</source>
        <translation>De två PIN-koderna är olika.</translation>
    </message>
    <message>
        <source>Type the PIN first.</source>
        <translation>Skriv PIN-koden först.</translation>
    </message>
    <message>
        <source>Type the passphrase first.</source>
        <translation>Skriv lösenfrasen först.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Kontrollerar…</translation>
    </message>
    <message>
        <source>That did not unlock the profile. Try again.</source>
        <translation>Profilen gick inte att låsa upp. Försök igen.</translation>
    </message>
</context>
<context>
    <name>LogReviewPage</name>
    <message>
        <source>Access-log review</source>
        <translation>Loggkontroll</translation>
    </message>
    <message>
        <source>outside own units</source>
        <translation>utanför egna enheter</translation>
    </message>
    <message>
        <source>outside working hours</source>
        <translation>utanför arbetstid</translation>
    </message>
    <message>
        <source>many people in a short time</source>
        <translation>många personer på kort tid</translation>
    </message>
    <message>
        <source>print/export</source>
        <translation>utskrift/export</translation>
    </message>
    <message>
        <source>log row altered</source>
        <translation>loggrad ändrad</translation>
    </message>
    <message>
        <source>log rows missing</source>
        <translation>loggrader saknas</translation>
    </message>
    <message>
        <source>log chain broken</source>
        <translation>loggkedjan bruten</translation>
    </message>
    <message>
        <source>log rewritten</source>
        <translation>loggen omskriven</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tid</translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation>Medarbetare</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Åtgärd</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Highlights</source>
        <translation>Att granska</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>Granskad</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Anteckning</translation>
    </message>
    <message>
        <source>Follow-up → Access-log review</source>
        <translation>Uppföljning → Loggkontroll</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Enhet</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Från</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Till</translation>
    </message>
    <message>
        <source>Monthly sample for</source>
        <translation>Månadens stickprov för</translation>
    </message>
    <message>
        <source>Access-log rows</source>
        <translation>Loggrader</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alla</translation>
    </message>
    <message>
        <source>Reads</source>
        <translation>Läsningar</translation>
    </message>
    <message>
        <source>Searches</source>
        <translation>Sökningar</translation>
    </message>
    <message>
        <source>Lists</source>
        <translation>Listor</translation>
    </message>
    <message>
        <source>Prints</source>
        <translation>Utskrifter</translation>
    </message>
    <message>
        <source>Exports</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>pseudonym from a row</source>
        <translation>pseudonym från en rad</translation>
    </message>
    <message>
        <source>user id</source>
        <translation>användar-id</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Sök</translation>
    </message>
    <message>
        <source>Show sample</source>
        <translation>Visa stickprov</translation>
    </message>
    <message>
        <source>Open person</source>
        <translation>Öppna person</translation>
    </message>
    <message>
        <source>Open staff member</source>
        <translation>Öppna medarbetare</translation>
    </message>
    <message>
        <source>Mark reviewed</source>
        <translation>Markera granskad</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportera CSV…</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>Exportera PDF…</translation>
    </message>
    <message>
        <source>The access-log review needs a connection to the server: sign in under Sync (it is not available offline).</source>
        <translation>Loggkontrollen behöver kontakt med servern: logga in under Synk (den finns inte utan uppkoppling).</translation>
    </message>
    <message>
        <source>Only a unit manager (or an administrator) reviews the unit&apos;s access log.</source>
        <translation>Bara en enhetschef (eller en administratör) granskar enhetens åtkomstlogg.</translation>
    </message>
    <message>
        <source>Online: the whole unit&apos;s log, from the server.</source>
        <translation>Uppkopplad: hela enhetens logg, från servern.</translation>
    </message>
    <message>
        <source>Your own accesses are reviewed by someone else.</source>
        <translation>Dina egna åtkomster granskas av någon annan.</translation>
    </message>
    <message>
        <source>Only a unit manager of the unit (or an administrator) may review its log.</source>
        <translation>Bara enhetens chef (eller en administratör) får granska dess logg.</translation>
    </message>
    <message>
        <source>The server could not be reached or refused: %1</source>
        <translation>Servern gick inte att nå eller sade nej: %1</translation>
    </message>
    <message>
        <source>Marked as reviewed.</source>
        <translation>Markerad som granskad.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>Access-log review: monthly sample</source>
        <translation>Loggkontroll: månadens stickprov</translation>
    </message>
    <message>
        <source>Unit %1, month %2</source>
        <translation>Enhet %1, månad %2</translation>
    </message>
    <message>
        <source>Unit %1, %2 – %3</source>
        <translation>Enhet %1, %2 – %3</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Exportera CSV</translation>
    </message>
    <message>
        <source>Exported.</source>
        <translation>Exporterad.</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>Exportera PDF</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;New carer…</source>
        <extracomment>a screen was added (name, page): built at start, or on its first visit thread pools of the other users of the store (sync, background work), waited for before the database key changes; the app controller fills it in</extracomment>
        <translation>&amp;Ny anhörig…</translation>
    </message>
    <message>
        <source>Register a new carer</source>
        <translation>Lägg till en ny anhörig</translation>
    </message>
    <message>
        <source>&amp;Edit carer…</source>
        <translation>&amp;Ändra anhörig…</translation>
    </message>
    <message>
        <source>Edit the open carer&apos;s details</source>
        <translation>Ändra uppgifterna för den öppna anhöriga</translation>
    </message>
    <message>
        <source>New &amp;conversation</source>
        <translation>Nytt &amp;samtal</translation>
    </message>
    <message>
        <source>Write a conversation note for the open carer</source>
        <translation>Skriv en samtalsanteckning för den öppna anhöriga</translation>
    </message>
    <message>
        <source>Start &amp;support plan</source>
        <translation>Påbörja s&amp;tödplan</translation>
    </message>
    <message>
        <source>Start a support plan (stödplan) with the open carer</source>
        <translation>Påbörja en stödplan med den öppna anhöriga</translation>
    </message>
    <message>
        <source>Voluntariness &amp;check-in</source>
        <translation>&amp;Avstämning om frivillighet</translation>
    </message>
    <message>
        <source>Ask whether the caring is still voluntary</source>
        <translation>Fråga om insatsen fortfarande är frivillig</translation>
    </message>
    <message>
        <source>Short-term &amp;stay</source>
        <translation>&amp;Korttidsvistelse</translation>
    </message>
    <message>
        <source>Follow a short-term stay (korttid) with the open carer</source>
        <translation>Följ upp en korttidsvistelse med den öppna anhöriga</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>Skriv &amp;ut…</translation>
    </message>
    <message>
        <source>Print a document for the open carer</source>
        <translation>Skriv ut ett dokument för den öppna anhöriga</translation>
    </message>
    <message>
        <source>Print the selected entr&amp;y…</source>
        <translation>Skriv ut den valda ant&amp;eckningen…</translation>
    </message>
    <message>
        <source>Print the entry selected on the open carer&apos;s timeline</source>
        <translation>Skriv ut anteckningen som är vald på den öppna anhörigas tidslinje</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Lås</translation>
    </message>
    <message>
        <source>Lock the profile now</source>
        <translation>Lås profilen nu</translation>
    </message>
    <message>
        <source>Change pass&amp;phrase…</source>
        <translation>Byt lö&amp;senfras…</translation>
    </message>
    <message>
        <source>Change the passphrase that unlocks this profile</source>
        <translation>Byt lösenfrasen som låser upp profilen</translation>
    </message>
    <message>
        <source>Change the database &amp;key…</source>
        <translation>Byt database&amp;nyckel…</translation>
    </message>
    <message>
        <source>Encrypt this profile&apos;s database again with a new key</source>
        <translation>Kryptera profilens databas på nytt med en ny nyckel</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Inställningar…</translation>
    </message>
    <message>
        <source>Language, text size and lock time</source>
        <translation>Språk, textstorlek och tid till låsning</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Avsluta</translation>
    </message>
    <message>
        <source>Close AnhörigDesk</source>
        <translation>Stäng AnhörigDesk</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Ångra</translation>
    </message>
    <message>
        <source>Undo the last edit</source>
        <translation>Ångra den senaste ändringen</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Gör om</translation>
    </message>
    <message>
        <source>Redo the last undone edit</source>
        <translation>Gör om det du senast ångrade</translation>
    </message>
    <message>
        <source>&amp;Find carer</source>
        <translation>&amp;Sök anhörig</translation>
    </message>
    <message>
        <source>Search among the carers</source>
        <translation>Sök bland de anhöriga</translation>
    </message>
    <message>
        <source>&amp;Home</source>
        <translation>&amp;Hem</translation>
    </message>
    <message>
        <source>Show the home screen</source>
        <translation>Visa startsidan</translation>
    </message>
    <message>
        <source>&amp;Carers</source>
        <translation>&amp;Anhöriga</translation>
    </message>
    <message>
        <source>Show the list of carers</source>
        <translation>Visa listan över anhöriga</translation>
    </message>
    <message>
        <source>&amp;Short-term unit</source>
        <translation>&amp;Korttid</translation>
    </message>
    <message>
        <source>Show the short-term unit</source>
        <translation>Visa korttidsenheten</translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation>S&amp;ynk</translation>
    </message>
    <message>
        <source>Show the sync state</source>
        <translation>Visa synkroniseringen</translation>
    </message>
    <message>
        <source>&amp;Larger text</source>
        <translation>&amp;Större text</translation>
    </message>
    <message>
        <source>Make all text larger</source>
        <translation>Gör all text större</translation>
    </message>
    <message>
        <source>&amp;Toolbar</source>
        <translation>&amp;Verktygsfält</translation>
    </message>
    <message>
        <source>Show or hide the toolbar</source>
        <translation>Visa eller dölj verktygsfältet</translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation>Synka &amp;nu</translation>
    </message>
    <message>
        <source>Sync with the server now</source>
        <translation>Synka med servern nu</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Kortkommandon</translation>
    </message>
    <message>
        <source>List every keyboard shortcut</source>
        <translation>Visa alla kortkommandon</translation>
    </message>
    <message>
        <source>&amp;About AnhörigDesk</source>
        <translation>&amp;Om AnhörigDesk</translation>
    </message>
    <message>
        <source>Version and licence</source>
        <translation>Version och licens</translation>
    </message>
    <message>
        <source>New carer</source>
        <translation>Ny anhörig</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Samtal</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Sök</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Skriv ut</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synk</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Lås</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arkiv</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Redigera</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Visa</translation>
    </message>
    <message>
        <source>&amp;Carer</source>
        <translation>A&amp;nhörig</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hjälp</translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>Verktygsfält</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Hem</translation>
    </message>
    <message>
        <source>Carers</source>
        <translation>Anhöriga</translation>
    </message>
    <message>
        <source>Short-term unit</source>
        <translation>Korttid</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Uppföljning</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>Navigering</translation>
    </message>
    <message>
        <source>Current screen</source>
        <translation>Aktuell vy</translation>
    </message>
    <message>
        <source>Work in progress</source>
        <translation>Arbete pågår</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Cancel the running work</source>
        <translation>Avbryt det som pågår</translation>
    </message>
    <message>
        <source>Sync state</source>
        <translation>Synkstatus</translation>
    </message>
    <message>
        <source>Changes not yet synced</source>
        <translation>Ändringar som inte är synkade</translation>
    </message>
    <message>
        <source>The passphrase is changed.</source>
        <translation>Lösenfrasen är bytt.</translation>
    </message>
    <message>
        <source>The database key is changed.</source>
        <translation>Databasnyckeln är bytt.</translation>
    </message>
    <message>
        <source>Locked — AnhörigDesk</source>
        <translation>Låst — AnhörigDesk</translation>
    </message>
    <message>
        <source>Sync: off (demo data)</source>
        <translation>Synk: av (demodata)</translation>
    </message>
    <message>
        <source>Sync: not set up</source>
        <translation>Synk: inte inställd</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not synced</source>
        <translation>
            <numerusform>%n ändring inte synkad</numerusform>
            <numerusform>%n ändringar inte synkade</numerusform>
        </translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Kortkommandon</translation>
    </message>
    <message>
        <source>About AnhörigDesk</source>
        <translation>Om AnhörigDesk</translation>
    </message>
    <message>
        <source>&lt;h3&gt;AnhörigDesk %1&lt;/h3&gt;&lt;p&gt;Support for family carers: conversations, support plans and check-ins, kept encrypted on this computer and synced with your municipality.&lt;/p&gt;&lt;p&gt;Licence: EUPL-1.2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;AnhörigDesk %1&lt;/h3&gt;&lt;p&gt;Stöd till anhöriga: samtal, stödplaner och avstämningar, krypterat på den här datorn och synkat med din kommun.&lt;/p&gt;&lt;p&gt;Licens: EUPL-1.2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Back up profile…</source>
        <translation>&amp;Säkerhetskopiera profil…</translation>
    </message>
    <message>
        <source>Write an encrypted backup of this profile to a file</source>
        <translation>Skriv en krypterad säkerhetskopia av profilen till en fil</translation>
    </message>
    <message>
        <source>Res&amp;tore profile…</source>
        <translation>Å&amp;terställ profil…</translation>
    </message>
    <message>
        <source>Restore a profile from a backup file</source>
        <translation>Återställ en profil från en säkerhetskopia</translation>
    </message>
    <message>
        <source>The backup is written.</source>
        <translation>Säkerhetskopian är skriven.</translation>
    </message>
</context>
<context>
    <name>MarkingControl</name>
    <message>
        <source>Confidentiality</source>
        <translation>Sekretessmärkning</translation>
    </message>
    <message>
        <source>Mark as only about the carer</source>
        <translation>Märk som bara om den anhöriga</translation>
    </message>
    <message>
        <source>Mark as may be shared with the care staff</source>
        <translation>Märk som får delas med personalen i vården</translation>
    </message>
    <message>
        <source>Reading the carer&apos;s consent…</source>
        <translation>Läser den anhörigas samtycke…</translation>
    </message>
    <message>
        <source>Sharing is not possible: the carer has not consented to details being shared with the care staff.</source>
        <translation>Delning går inte: den anhöriga har inte samtyckt till att uppgifter delas med personalen i vården.</translation>
    </message>
    <message>
        <source>The carer has not consented to sharing with the care staff (or has withdrawn it). Record the consent under Edit carer first; until then everything stays in the carer&apos;s record only.</source>
        <translation>Den anhöriga har inte samtyckt till delning med personalen i vården (eller har tagit tillbaka samtycket). Skriv in samtycket under Ändra anhörig först; till dess stannar allt bara hos den anhöriga.</translation>
    </message>
    <message>
        <source>The carer consented to sharing with the care staff on %1.</source>
        <translation>Den anhöriga samtyckte till delning med personalen i vården %1.</translation>
    </message>
    <message>
        <source>Choose sharing only for what the care staff need to know; what the carer tells in confidence about themselves stays in the carer&apos;s record.</source>
        <translation>Välj delning bara för det som personalen i vården behöver veta; det den anhöriga berättar i förtroende om sig själv stannar hos den anhöriga.</translation>
    </message>
</context>
<context>
    <name>MarkingTexts</name>
    <message>
        <source>Carer only</source>
        <translation>Bara den anhöriga</translation>
    </message>
    <message>
        <source>May be shared</source>
        <translation>Får delas</translation>
    </message>
    <message>
        <source>Only about the carer: stays in the carer&apos;s record</source>
        <translation>Bara om den anhöriga: stannar hos den anhöriga</translation>
    </message>
    <message>
        <source>May be shared with the staff of the cared-for person&apos;s care</source>
        <translation>Får delas med personalen i den närståendes vård</translation>
    </message>
</context>
<context>
    <name>NoteEditor</name>
    <message>
        <source>&amp;Date</source>
        <translation>&amp;Datum</translation>
    </message>
    <message>
        <source>&amp;How</source>
        <translation>&amp;Hur</translation>
    </message>
    <message>
        <source>&amp;Who took part *</source>
        <translation>&amp;Vilka var med *</translation>
    </message>
    <message>
        <source>What came &amp;up *</source>
        <translation>Vad kom &amp;fram *</translation>
    </message>
    <message>
        <source>Sharing</source>
        <translation type="vanished">Delning</translation>
    </message>
    <message>
        <source>Date of the conversation</source>
        <translation>Datum för samtalet</translation>
    </message>
    <message>
        <source>How the conversation took place</source>
        <translation>Hur samtalet skedde</translation>
    </message>
    <message>
        <source>Who took part</source>
        <translation>Vilka var med</translation>
    </message>
    <message>
        <source>Roles, for example: the carer, home-care worker</source>
        <translation>Roller, till exempel: den anhörige, undersköterska</translation>
    </message>
    <message>
        <source>Conversation note</source>
        <translation>Samtalsanteckning</translation>
    </message>
    <message>
        <source>What matters for the support to the carer. What they tell in confidence about themselves does not belong in the cared-for person&apos;s file.</source>
        <translation>Det som är viktigt för stödet till den anhörige. Det hen berättar i förtroende om sig själv hör inte hemma i den närståendes journal.</translation>
    </message>
    <message>
        <source>The conversation touched on</source>
        <translation>Samtalet rörde</translation>
    </message>
    <message>
        <source>Only in the carer&apos;s record</source>
        <translation type="vanished">Bara i den anhöriges akt</translation>
    </message>
    <message>
        <source>May be shared with colleagues in the care</source>
        <translation type="vanished">Får delas med kollegor i vården och omsorgen</translation>
    </message>
    <message>
        <source>Write who took part.</source>
        <translation>Skriv vilka som var med.</translation>
    </message>
    <message>
        <source>Write what came up in the conversation.</source>
        <translation>Skriv vad som kom fram i samtalet.</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>Print preview</source>
        <translation>Förhandsgranskning</translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <source>Print — AnhörigDesk</source>
        <translation type="vanished">Skriv ut — AnhörigDesk</translation>
    </message>
    <message>
        <source>What do you want to print?</source>
        <translation type="vanished">Vad vill du skriva ut?</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation type="vanished">Dokument</translation>
    </message>
    <message>
        <source>Information about the support on offer (handout)</source>
        <translation type="vanished">Information om stödet som finns (informationsblad)</translation>
    </message>
    <message>
        <source>&amp;Large print</source>
        <translation type="vanished">&amp;Stor stil</translation>
    </message>
    <message>
        <source>The PDF is &amp;given to the carer (noted on the timeline as handed over)</source>
        <translation type="vanished">PDF:en &amp;lämnas till den anhörige (noteras på tidslinjen som utlämnad)</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>Spara som &amp;PDF…</translation>
    </message>
    <message>
        <source>The example municipality&apos;s details are used until your municipality&apos;s file is placed in the data folder as municipality.yaml.</source>
        <translation type="vanished">Exempelkommunens uppgifter används tills er kommuns fil ligger i datamappen som municipality.yaml.</translation>
    </message>
    <message>
        <source>Preparing the document…</source>
        <translation type="vanished">Förbereder dokumentet…</translation>
    </message>
    <message>
        <source>The document could not be made: %1</source>
        <translation type="vanished">Dokumentet kunde inte skapas: %1</translation>
    </message>
    <message>
        <source>Print</source>
        <extracomment>Wait this long after the last change of option before making the PDF again. Which entries each entry-based document can be made from. a printout was recorded on this carer&apos;s timeline (carer id) the document shown in the preview changed (its page count) what counts as handed over: paper from &quot;Skriv ut…&quot; always; a PDF only when it is meant for the carer (sent or given to them), not a copy kept for oneself</extracomment>
        <translation>Skriv ut</translation>
    </message>
    <message>
        <source>Information handout</source>
        <translation>Informationsblad</translation>
    </message>
    <message>
        <source>Support plan</source>
        <translation>Stödplan</translation>
    </message>
    <message>
        <source>Check-in summary</source>
        <translation>Sammanfattning av avstämning</translation>
    </message>
    <message>
        <source>A recorded form (as it was filled in)</source>
        <translation>Ett sparat formulär (så som det fylldes i)</translation>
    </message>
    <message>
        <source>&amp;Document:</source>
        <translation>&amp;Dokument:</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Från:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Språk:</translation>
    </message>
    <message>
        <source>Lar&amp;ge print:</source>
        <translation>Stor st&amp;il:</translation>
    </message>
    <message>
        <source>Bigger text for easier reading</source>
        <translation>Större text som är lättare att läsa</translation>
    </message>
    <message>
        <source>Contact on the printout</source>
        <translation>Kontakt på utskriften</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Namn:</translation>
    </message>
    <message>
        <source>P&amp;hone:</source>
        <translation>&amp;Telefon:</translation>
    </message>
    <message>
        <source>Printed for</source>
        <translation>Utskriften är till</translation>
    </message>
    <message>
        <source>The carer themself</source>
        <translation>Den anhörige själv</translation>
    </message>
    <message>
        <source>Someone else (only with the carer&apos;s consent)</source>
        <translation>Någon annan (bara med den anhöriges samtycke)</translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation>Avstämning</translation>
    </message>
    <message>
        <source>&amp;Agreed:</source>
        <translation>Öv&amp;erenskommet:</translation>
    </message>
    <message>
        <source>One thing agreed per line</source>
        <translation>En överenskommelse per rad</translation>
    </message>
    <message>
        <source>Next check-in on</source>
        <translation>Nästa avstämning den</translation>
    </message>
    <message>
        <source>&amp;Municipality file…</source>
        <translation>&amp;Kommunfil…</translation>
    </message>
    <message>
        <source>Example material (Exempelkommunen): the example municipality&apos;s details are used until your municipality&apos;s material is published on the server and this laptop has synced.</source>
        <translation>Exempelmaterial (Exempelkommunen): exempelkommunens uppgifter används tills kommunens eget material har publicerats på servern och den här datorn har synkroniserat.</translation>
    </message>
    <message>
        <source>The PDF is given to the carer</source>
        <translation>PDF:en lämnas till den anhörige</translation>
    </message>
    <message>
        <source>The saved PDF is given to the carer</source>
        <translation>Den sparade PDF:en lämnas till den anhörige</translation>
    </message>
    <message>
        <source>A printout on paper is noted on the timeline as handed over. A saved PDF is noted only when it is given to the carer; a copy you keep yourself is not.</source>
        <translation>En utskrift på papper noteras på tidslinjen som utlämnad. En sparad PDF noteras bara när den lämnas till den anhörige, inte en kopia du sparar åt dig själv.</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>Skriv &amp;ut…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Stäng</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Show &amp;whole pages</source>
        <translation>Visa &amp;hela sidor</translation>
    </message>
    <message>
        <source>Show whole pages in the preview</source>
        <translation>Visa hela sidor i förhandsgranskningen</translation>
    </message>
    <message>
        <source>Document to print</source>
        <translation>Dokument att skriva ut</translation>
    </message>
    <message>
        <source>Recorded form to print from</source>
        <translation>Sparat formulär som skrivs ut</translation>
    </message>
    <message>
        <source>Language of the printout</source>
        <translation>Utskriftens språk</translation>
    </message>
    <message>
        <source>Large print</source>
        <translation>Stor stil</translation>
    </message>
    <message>
        <source>Contact name on the printout</source>
        <translation>Kontaktens namn på utskriften</translation>
    </message>
    <message>
        <source>Contact phone on the printout</source>
        <translation>Kontaktens telefonnummer på utskriften</translation>
    </message>
    <message>
        <source>Printed for the carer themself</source>
        <translation>Utskriften är till den anhörige själv</translation>
    </message>
    <message>
        <source>Printed for someone else</source>
        <translation>Utskriften är till någon annan</translation>
    </message>
    <message>
        <source>What was agreed</source>
        <translation>Det som ni kom överens om</translation>
    </message>
    <message>
        <source>Print the next check-in date</source>
        <translation>Skriv ut datum för nästa avstämning</translation>
    </message>
    <message>
        <source>Date of the next check-in</source>
        <translation>Datum för nästa avstämning</translation>
    </message>
    <message>
        <source>Choose the municipality file</source>
        <translation>Välj kommunfilen</translation>
    </message>
    <message>
        <source>Printing progress</source>
        <translation>Utskriftens förlopp</translation>
    </message>
    <message>
        <source>Cancel printing</source>
        <translation>Avbryt utskriften</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Läser…</translation>
    </message>
    <message>
        <source>Could not read the carer&apos;s record: %1</source>
        <translation>Den anhöriges uppgifter kunde inte läsas: %1</translation>
    </message>
    <message>
        <source>Municipality: %1 (%2)</source>
        <translation>Kommun: %1 (%2)</translation>
    </message>
    <message>
        <source>Municipality file: %1</source>
        <translation>Kommunfil: %1</translation>
    </message>
    <message>
        <source>(latest)</source>
        <translation>(senaste)</translation>
    </message>
    <message>
        <source>No support plan has been recorded for this carer yet.</source>
        <translation>Ingen stödplan har sparats för den här anhörige ännu.</translation>
    </message>
    <message>
        <source>No voluntariness check-in has been recorded for this carer yet.</source>
        <translation>Ingen avstämning av frivillighet har sparats för den här anhörige ännu.</translation>
    </message>
    <message>
        <source>No form has been recorded for this carer yet.</source>
        <translation>Inget formulär har sparats för den här anhörige ännu.</translation>
    </message>
    <message>
        <source>This was told in confidence: it can only be printed for the carer themself.</source>
        <translation>Det här berättades i förtroende: det får bara skrivas ut till den anhörige själv.</translation>
    </message>
    <message>
        <source>The carer has not agreed that this may be given to anyone else. Record the consent under Edit first, or print it for the carer.</source>
        <translation>Den anhörige har inte samtyckt till att det här lämnas till någon annan. Registrera samtycket under Ändra först, eller skriv ut det till den anhörige.</translation>
    </message>
    <message>
        <source>The form version this was recorded with is not known on this computer yet; sync and try again.</source>
        <translation>Formulärversionen som användes är inte känd på den här datorn ännu. Synkronisera och försök igen.</translation>
    </message>
    <message>
        <source>This entry was not made with a form and cannot be printed.</source>
        <translation>Anteckningen gjordes inte med ett formulär och kan inte skrivas ut.</translation>
    </message>
    <message>
        <source>The entry is no longer on the timeline.</source>
        <translation>Anteckningen finns inte längre på tidslinjen.</translation>
    </message>
    <message>
        <source>The document could not be made (%1).</source>
        <translation>Dokumentet kunde inte skapas (%1).</translation>
    </message>
    <message>
        <source>The municipality file %1 cannot be used, so nothing can be printed until it is corrected:</source>
        <translation>Kommunfilen %1 kan inte användas, så inget kan skrivas ut förrän den är rättad:</translation>
    </message>
    <message>
        <source>• field %1: %2</source>
        <translation>• fältet %1: %2</translation>
    </message>
    <message>
        <source>Correct the file, or choose another one with “Municipality file…”.</source>
        <translation>Rätta filen eller välj en annan med ”Kommunfil…”.</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>saknas</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>är tomt</translation>
    </message>
    <message>
        <source>the file does not exist</source>
        <translation>filen finns inte</translation>
    </message>
    <message>
        <source>language not listed under `languages`</source>
        <translation>språket står inte under `languages`</translation>
    </message>
    <message>
        <source>unknown field (allowed: %1)</source>
        <translation>okänt fält (tillåtna: %1)</translation>
    </message>
    <message>
        <source>not valid YAML at line %1, column %2</source>
        <translation>inte giltig YAML på rad %1, kolumn %2</translation>
    </message>
    <message>
        <source>not valid YAML</source>
        <translation>inte giltig YAML</translation>
    </message>
    <message>
        <source>Nothing to show.</source>
        <translation>Inget att visa.</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n sida</numerusform>
            <numerusform>%n sidor</numerusform>
        </translation>
    </message>
    <message>
        <source>AnhörigDesk printout</source>
        <translation>Utskrift från AnhörigDesk</translation>
    </message>
    <message>
        <source>Printing was cancelled; nothing was recorded.</source>
        <translation>Utskriften avbröts. Inget antecknades.</translation>
    </message>
    <message>
        <source>The printer could not be used. Check that it is on and connected, or save as PDF instead; nothing was recorded.</source>
        <translation>Skrivaren kunde inte användas. Kontrollera att den är på och ansluten, eller spara som PDF i stället. Inget antecknades.</translation>
    </message>
    <message>
        <source>Printing failed: %1</source>
        <translation>Utskriften misslyckades: %1</translation>
    </message>
    <message>
        <source>Saved as PDF and noted on the timeline as given to the carer.</source>
        <translation>Sparad som PDF och noterad på tidslinjen som utlämnad till den anhörige.</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation type="vanished">Spara som PDF</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation type="vanished">PDF-dokument (*.pdf)</translation>
    </message>
    <message>
        <source>Recorded form</source>
        <translation>Sparat formulär</translation>
    </message>
    <message>
        <source>The PDF could not be saved: %1</source>
        <translation>PDF-filen kunde inte sparas: %1</translation>
    </message>
    <message>
        <source>Saved as PDF. Not noted on the timeline as handed over.</source>
        <translation>Sparad som PDF. Inte noterad på tidslinjen som utlämnad.</translation>
    </message>
    <message>
        <source>Sent to the printer and noted on the timeline.</source>
        <translation>Skickad till skrivaren och antecknad på tidslinjen.</translation>
    </message>
    <message>
        <source>Saved as PDF and noted on the timeline.</source>
        <translation type="vanished">Sparad som PDF och antecknad på tidslinjen.</translation>
    </message>
    <message>
        <source>Municipality file</source>
        <translation>Kommunfil</translation>
    </message>
    <message>
        <source>Municipality files (*.yaml *.yml)</source>
        <translation>Kommunfiler (*.yaml *.yml)</translation>
    </message>
</context>
<context>
    <name>ProfilePicker</name>
    <message>
        <source>Open profile — AnhörigDesk</source>
        <translation>Öppna profil — AnhörigDesk</translation>
    </message>
    <message>
        <source>Who is working?</source>
        <translation>Vem arbetar?</translation>
    </message>
    <message>
        <source>Profiles on this computer</source>
        <translation>Profiler på den här datorn</translation>
    </message>
    <message>
        <source>Remove &amp;unfinished profile…</source>
        <translation>&amp;Ta bort ofärdig profil…</translation>
    </message>
    <message>
        <source>Creating this profile stopped before it was finished (for example the disk was full). Finish it once the problem is solved, or remove it: it holds no records yet.</source>
        <translation>Den här profilen blev inte färdigskapad (till exempel var disken full). Gör den färdig när problemet är åtgärdat, eller ta bort den: den innehåller inga uppgifter ännu.</translation>
    </message>
    <message>
        <source>P&amp;IN:</source>
        <translation>P&amp;IN-kod:</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN-kod</translation>
    </message>
    <message>
        <source>Pass&amp;phrase:</source>
        <translation>&amp;Lösenfras:</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Lösenfras</translation>
    </message>
    <message>
        <source>This profile is unlocked with the computer&apos;s keychain.</source>
        <translation type="vanished">Den här profilen låses upp med datorns nyckelring.</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Öppna</translation>
    </message>
    <message>
        <source>&amp;New profile…</source>
        <translation>&amp;Ny profil…</translation>
    </message>
    <message>
        <source>(not finished)</source>
        <translation>(ofärdig)</translation>
    </message>
    <message>
        <source>This profile is unlocked with the computer&apos;s keychain. Next you choose a PIN for it.</source>
        <translation>Profilen låses upp med datorns nyckelring. Därefter väljer du en PIN-kod för den.</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Gör färdig</translation>
    </message>
    <message>
        <source>Type the PIN first.</source>
        <translation>Skriv PIN-koden först.</translation>
    </message>
    <message>
        <source>Type the passphrase first.</source>
        <translation>Skriv lösenfrasen först.</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation>Öppnar…</translation>
    </message>
    <message>
        <source>Remove unfinished profile</source>
        <translation>Ta bort ofärdig profil</translation>
    </message>
    <message>
        <source>Remove the unfinished profile “%1”? It holds no records yet; its key is removed from this computer.</source>
        <translation>Ta bort den ofärdiga profilen ”%1”? Den innehåller inga uppgifter ännu; dess nyckel tas bort från datorn.</translation>
    </message>
    <message>
        <source>The unfinished profile was removed.</source>
        <translation>Den ofärdiga profilen är borttagen.</translation>
    </message>
    <message>
        <source>Updating the profile&apos;s data for this version of the program ({0} of {1}). This is done once and can take a minute; nothing is lost if it is interrupted.</source>
        <translation>Uppdaterar profilens data för den här versionen av programmet ({0} av {1}). Det görs en gång och kan ta en minut; inget går förlorat om det avbryts.</translation>
    </message>
    <message>
        <source>&amp;Restore profile…</source>
        <translation>&amp;Återställ profil…</translation>
    </message>
</context>
<context>
    <name>ProfileWizard</name>
    <message>
        <source>New profile — AnhörigDesk</source>
        <translation>Ny profil — AnhörigDesk</translation>
    </message>
    <message>
        <source>&amp;Create profile</source>
        <translation>&amp;Skapa profil</translation>
    </message>
    <message>
        <source>Creating the profile…</source>
        <translation>Skapar profilen…</translation>
    </message>
    <message>
        <source>&amp;Restore profile…</source>
        <translation>&amp;Återställ profil…</translation>
    </message>
</context>
<context>
    <name>RekeyDialog</name>
    <message>
        <source>Change the database key</source>
        <extracomment>the core&apos;s steps (anhorigdesk.profiles.profiles.REKEY_STEPS) after waiting for other work</extracomment>
        <translation>Byt databasnyckel</translation>
    </message>
    <message>
        <source>Everything in this profile is kept encrypted with a key. A new random key is made and the whole database is encrypted again with it; the old key no longer opens it. Your records, drafts and unsynced changes stay as they are, and you unlock the profile as before.</source>
        <translation>Allt i den här profilen hålls krypterat med en nyckel. En ny slumpad nyckel skapas och hela databasen krypteras om med den; den gamla nyckeln öppnar den inte längre. Dina uppgifter, utkast och ändringar som inte synkats finns kvar som de är, och du låser upp profilen som vanligt.</translation>
    </message>
    <message>
        <source>On a large profile this can take a while. The window waits meanwhile, and sync pauses. If the computer stops in the middle, the change is finished the next time you open the profile.</source>
        <translation>På en stor profil kan det ta en stund. Fönstret väntar under tiden och synken gör paus. Om datorn stannar mitt i slutförs bytet nästa gång du öppnar profilen.</translation>
    </message>
    <message>
        <source>Your &amp;passphrase:</source>
        <translation>Din &amp;lösenfras:</translation>
    </message>
    <message>
        <source>Your passphrase, to keep the new key with it</source>
        <translation>Din lösenfras, som den nya nyckeln skyddas med</translation>
    </message>
    <message>
        <source>&amp;Change the key</source>
        <translation>&amp;Byt nyckel</translation>
    </message>
    <message>
        <source>Changing the database key…</source>
        <translation>Byter databasnyckel…</translation>
    </message>
    <message>
        <source>Do not turn off the computer. The window is locked until this is done.</source>
        <translation>Stäng inte av datorn. Fönstret är låst tills bytet är klart.</translation>
    </message>
    <message>
        <source>Progress of the key change</source>
        <translation>Hur långt nyckelbytet har kommit</translation>
    </message>
    <message>
        <source>Waiting for sync and other work to pause…</source>
        <translation>Väntar på att synken och annat arbete gör paus…</translation>
    </message>
    <message>
        <source>Making the new key and keeping it safe beside the old one…</source>
        <translation>Skapar den nya nyckeln och sparar den säkert bredvid den gamla…</translation>
    </message>
    <message>
        <source>Encrypting the database again with the new key…</source>
        <translation>Krypterar om databasen med den nya nyckeln…</translation>
    </message>
    <message>
        <source>Taking the new key into use…</source>
        <translation>Tar den nya nyckeln i bruk…</translation>
    </message>
    <message>
        <source>The database key is changed</source>
        <translation>Databasnyckeln är bytt</translation>
    </message>
    <message>
        <source>The profile is now encrypted with a new key. Everything is as before; unlock it as you always do.</source>
        <translation>Profilen är nu krypterad med en ny nyckel. Allt är som förut; lås upp den som du brukar.</translation>
    </message>
    <message>
        <source>The profile is now encrypted with a new key (%1 s). Everything is as before; unlock it as you always do.</source>
        <translation type="vanished">Profilen är nu krypterad med en ny nyckel (%1 s). Allt är som förut; lås upp den som du brukar.</translation>
    </message>
    <message>
        <source>The key could not be changed</source>
        <translation>Databasnyckeln kunde inte bytas</translation>
    </message>
    <message>
        <source>The database could not be opened again. Quit AnhörigDesk and open the profile again: an interrupted change is finished then.</source>
        <translation>Databasen kunde inte öppnas igen. Avsluta AnhörigDesk och öppna profilen på nytt: ett avbrutet byte slutförs då.</translation>
    </message>
    <message>
        <source>Nothing was lost: the profile still opens with its old key and you can go on working. (%1)</source>
        <translation>Inget har gått förlorat: profilen öppnas fortfarande med sin gamla nyckel och du kan arbeta vidare. (%1)</translation>
    </message>
</context>
<context>
    <name>Reminder</name>
    <message numerus="yes">
        <source>%n overdue item(s) of yours</source>
        <translation>
            <numerusform>%n försenad uppgift för dig</numerusform>
            <numerusform>%n försenade uppgifter för dig</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more in your unit</source>
        <translation>
            <numerusform>%n till i din enhet</numerusform>
            <numerusform>%n till i din enhet</numerusform>
        </translation>
    </message>
    <message>
        <source>Reminder: %1. See the home screen.</source>
        <translation>Påminnelse: %1. Se Hem.</translation>
    </message>
    <message>
        <source>Overdue: %1.</source>
        <translation>Försenat: %1.</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore profile</source>
        <translation>Återställ profil</translation>
    </message>
    <message>
        <source>Restore a profile from a backup</source>
        <translation>Återställ en profil från en säkerhetskopia</translation>
    </message>
    <message>
        <source>Choose the backup file and type the passphrase chosen when it was made. The whole file is checked before anything on this computer changes.</source>
        <translation>Välj säkerhetskopian och skriv lösenfrasen som valdes när den gjordes. Hela filen kontrolleras innan något på den här datorn ändras.</translation>
    </message>
    <message>
        <source>The restored profile holds what was in it when the backup was made. If it syncs with a server, sign in again after restoring.</source>
        <translation type="vanished">Den återställda profilen innehåller det som fanns i den när säkerhetskopian gjordes. Om den synkas med en server: logga in igen efter återställningen.</translation>
    </message>
    <message>
        <source>The restored profile holds what was in it when the backup was made. If it syncs with a server, it becomes a new device there: sign in again after restoring. Changes in the backup that had not reached the server are sent then; nothing is sent twice.</source>
        <translation>Den återställda profilen innehåller det som fanns i den när säkerhetskopian gjordes. Om den synkas med en server blir den en ny enhet där: logga in igen efter återställningen. Ändringar i kopian som inte hade nått servern skickas då; inget skickas två gånger.</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Fil:</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>&amp;Välj…</translation>
    </message>
    <message>
        <source>Backup &amp;passphrase:</source>
        <translation>Säkerhetskopians &amp;lösenfras:</translation>
    </message>
    <message>
        <source>Passphrase of the backup</source>
        <translation>Säkerhetskopians lösenfras</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Återställ</translation>
    </message>
    <message>
        <source>Choose a backup</source>
        <translation>Välj en säkerhetskopia</translation>
    </message>
    <message>
        <source>AnhörigDesk backups (*%1);;All files (*)</source>
        <translation>AnhörigDesk-säkerhetskopior (*%1);;Alla filer (*)</translation>
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation>Kontrollerar säkerhetskopian…</translation>
    </message>
    <message>
        <source>The backup is of the profile that is open now. Quit AnhörigDesk, and restore it from the profile picker (Restore profile…) before you open it.</source>
        <translation>Säkerhetskopian är av profilen som är öppen nu. Avsluta AnhörigDesk och återställ den från profilväljaren (Återställ profil…) innan du öppnar den.</translation>
    </message>
    <message>
        <source>Replace the profile?</source>
        <translation>Ersätta profilen?</translation>
    </message>
    <message>
        <source>The profile &quot;%1&quot; is already on this computer. Replace it with the backup? What was written in it after the backup was made is lost, unless it has been synced to the server.</source>
        <translation>Profilen &quot;%1&quot; finns redan på den här datorn. Ersätta den med säkerhetskopian? Det som skrivits i den efter att säkerhetskopian gjordes försvinner, om det inte har synkats till servern.</translation>
    </message>
    <message>
        <source>&amp;Replace</source>
        <translation>&amp;Ersätt</translation>
    </message>
    <message>
        <source>&amp;Keep it</source>
        <translation>&amp;Behåll den</translation>
    </message>
    <message>
        <source>Nothing was restored; the profile on this computer is as it was.</source>
        <translation>Inget återställdes; profilen på den här datorn är som den var.</translation>
    </message>
    <message>
        <source>Restoring the profile…</source>
        <translation>Återställer profilen…</translation>
    </message>
    <message>
        <source>The profile &quot;%1&quot; is restored. Open it from the profile picker with the backup&apos;s passphrase, or as before with the computer&apos;s keychain.</source>
        <translation>Profilen &quot;%1&quot; är återställd. Öppna den från profilväljaren med säkerhetskopians lösenfras, eller som förut med datorns nyckelring.</translation>
    </message>
    <message>
        <source>The sync server sees this computer as a new device: sign in again once you have opened the profile, before it syncs.</source>
        <translation>Synkservern ser den här datorn som en ny enhet: logga in igen när du har öppnat profilen, innan den synkas.</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) in the backup had not reached the server when it was made: sent at the first sync, unless the server has them already.</source>
        <translation>
            <numerusform>En ändring i säkerhetskopian hade inte nått servern när kopian gjordes: den skickas vid första synkningen, om inte servern redan har den.</numerusform>
            <numerusform>%n ändringar i säkerhetskopian hade inte nått servern när kopian gjordes: de skickas vid första synkningen, om inte servern redan har dem.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SavePdfDialog</name>
    <message>
        <source>Save as PDF</source>
        <translation>Spara som PDF</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF-dokument (*.pdf)</translation>
    </message>
</context>
<context>
    <name>SettingDialog</name>
    <message>
        <source>Pause check-ins</source>
        <translation>Pausa avstämningar</translation>
    </message>
    <message>
        <source>Carer declines check-ins</source>
        <translation>Den anhöriga avböjer avstämningar</translation>
    </message>
    <message>
        <source>Close check-ins</source>
        <translation>Avsluta avstämningar</translation>
    </message>
    <message>
        <source>Reopen check-ins</source>
        <translation>Återuppta avstämningar</translation>
    </message>
    <message>
        <source>No check-in falls due before the day you choose.</source>
        <translation>Ingen avstämning blir aktuell före dagen du väljer.</translation>
    </message>
    <message>
        <source>The carer does not want check-ins. They stop until reopened; follow-ups stay.</source>
        <translation>Den anhöriga vill inte ha avstämningar. De upphör tills de återupptas; uppföljningar finns kvar.</translation>
    </message>
    <message>
        <source>The caring has ended. Check-ins and plan reviews stop until reopened; follow-ups stay.</source>
        <translation>Omsorgen har upphört. Avstämningar och uppföljning av stödplanen upphör tills de återupptas; uppföljningar finns kvar.</translation>
    </message>
    <message>
        <source>Check-ins start again; the next one is due today.</source>
        <translation>Avstämningarna börjar igen; nästa är aktuell i dag.</translation>
    </message>
    <message>
        <source>&amp;Reason *</source>
        <translation>&amp;Orsak *</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Orsak</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Orsak</translation>
    </message>
    <message>
        <source>&amp;Until</source>
        <translation>&amp;Till och med</translation>
    </message>
    <message>
        <source>Check-ins may be due again from</source>
        <translation>Avstämningar kan bli aktuella igen från</translation>
    </message>
    <message>
        <source>&amp;Why caring ended</source>
        <translation>&amp;Varför omsorgen upphörde</translation>
    </message>
    <message>
        <source>Why caring ended</source>
        <translation>Varför omsorgen upphörde</translation>
    </message>
    <message>
        <source>Write the reason.</source>
        <translation>Skriv orsaken.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <extracomment>too many wrong PINs while changing it: the app closes the profile (the text says so)</extracomment>
        <translation>Inställningar</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Språk:</translation>
    </message>
    <message>
        <source>Larger &amp;text:</source>
        <translation>Större &amp;text:</translation>
    </message>
    <message>
        <source>Make all text larger</source>
        <translation>Gör all text större</translation>
    </message>
    <message>
        <source>&amp;Lock after:</source>
        <translation>&amp;Lås efter:</translation>
    </message>
    <message>
        <source> min idle</source>
        <translation> min utan aktivitet</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>Större text</translation>
    </message>
    <message>
        <source>Minutes idle before the profile locks</source>
        <translation>Minuter utan aktivitet innan profilen låses</translation>
    </message>
    <message>
        <source>Profile at &amp;start:</source>
        <translation>Profil vid &amp;start:</translation>
    </message>
    <message>
        <source>Always let me choose the profile</source>
        <translation>Låt mig alltid välja profil</translation>
    </message>
    <message>
        <source>Always let me choose the profile at start</source>
        <translation>Låt mig alltid välja profil när programmet startar</translation>
    </message>
    <message>
        <source>Otherwise the only profile on this computer opens at once when the computer&apos;s keychain unlocks it.</source>
        <translation>Annars öppnas den enda profilen på datorn direkt när datorns nyckelring låser upp den.</translation>
    </message>
    <message>
        <source>&amp;PIN:</source>
        <translation>&amp;PIN-kod:</translation>
    </message>
    <message>
        <source>Change PIN…</source>
        <translation>Byt PIN-kod…</translation>
    </message>
    <message>
        <source>Change the PIN that unlocks this profile</source>
        <translation>Byt PIN-koden som låser upp profilen</translation>
    </message>
</context>
<context>
    <name>ShareWithUnitDialog</name>
    <message>
        <source>Share with unit</source>
        <translation>Dela med enhet</translation>
    </message>
    <message>
        <source>With the carer&apos;s consent, the unit chosen here sees the entries marked shareable. Entries about the carer only stay with your unit. Withdrawing the consent ends the sharing.</source>
        <translation>Med den anhöriges samtycke ser enheten som väljs här de anteckningar som är markerade som delbara. Anteckningar som bara gäller den anhörige stannar hos er enhet. Om samtycket återkallas upphör delningen.</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Enhet</translation>
    </message>
    <message>
        <source>How the carer consented</source>
        <translation>Hur den anhörige samtyckte</translation>
    </message>
    <message>
        <source>&amp;Unit</source>
        <translation>&amp;Enhet</translation>
    </message>
    <message>
        <source>&amp;Consent given</source>
        <translation>&amp;Samtycke lämnat</translation>
    </message>
    <message>
        <source>&amp;Share</source>
        <translation>&amp;Dela</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
</context>
<context>
    <name>ShortTermPage</name>
    <message>
        <source>Carer</source>
        <translation>Anhörig</translation>
    </message>
    <message>
        <source>Stay began</source>
        <translation>Vistelsen började</translation>
    </message>
    <message>
        <source>Stay ends</source>
        <translation>Vistelsen slutar</translation>
    </message>
    <message>
        <source>Routines done</source>
        <translation>Rutiner klara</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Läge</translation>
    </message>
    <message>
        <source>What we do and say</source>
        <translation>Det här gör och säger vi</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Vem</translation>
    </message>
    <message>
        <source>When</source>
        <translation>När</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Hur</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Var</translation>
    </message>
    <message>
        <source>Routine</source>
        <translation>Rutin</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Gjort</translation>
    </message>
    <message>
        <source>Partly</source>
        <translation>Delvis</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>Inte gjort</translation>
    </message>
    <message>
        <source>Not relevant</source>
        <translation>Ej aktuellt</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Höll</translation>
    </message>
    <message>
        <source>Short-term unit</source>
        <translation>Korttid</translation>
    </message>
    <message>
        <source>The unit&apos;s own list of what matters to carers during a stay: who does what, when, how and where, run with the carer for each stay and followed up each term.</source>
        <translation>Enhetens egen lista över det som är viktigt för anhöriga under en vistelse: vem som gör vad, när, hur och var – gås igenom med den anhöriga vid varje vistelse och följs upp varje termin.</translation>
    </message>
    <message>
        <source>Stays</source>
        <translation>Vistelser</translation>
    </message>
    <message>
        <source>Our list</source>
        <translation>Vår lista</translation>
    </message>
    <message>
        <source>Term follow-up</source>
        <translation>Terminsuppföljning</translation>
    </message>
    <message>
        <source>New stay…</source>
        <translation>Ny vistelse…</translation>
    </message>
    <message>
        <source>Start a new stay</source>
        <translation>Påbörja en ny vistelse</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öppna</translation>
    </message>
    <message>
        <source>Open the selected stay</source>
        <translation>Öppna den valda vistelsen</translation>
    </message>
    <message>
        <source>◀ Previous term</source>
        <translation>◀ Föregående termin</translation>
    </message>
    <message>
        <source>Previous term</source>
        <translation>Föregående termin</translation>
    </message>
    <message>
        <source>Next term ▶</source>
        <translation>Nästa termin ▶</translation>
    </message>
    <message>
        <source>Next term</source>
        <translation>Nästa termin</translation>
    </message>
    <message>
        <source>&amp;Print the list for carers…</source>
        <translation>&amp;Skriv ut listan för anhöriga…</translation>
    </message>
    <message>
        <source>Print the unit&apos;s list for carers</source>
        <translation>Skriv ut enhetens lista för anhöriga</translation>
    </message>
    <message>
        <source>The list is the unit&apos;s korttid form in the material the municipality publishes on the server; laptops receive a new version at sync.</source>
        <translation>Listan är enhetens korttidsformulär i det material kommunen publicerar på servern; datorerna får en ny version när de synkroniserar.</translation>
    </message>
    <message>
        <source>The list comes from the unit&apos;s korttid form; a municipality adjusts it in its form folder.</source>
        <translation type="vanished">Listan kommer från enhetens korttidsformulär; kommunen justerar den i sin formulärmapp.</translation>
    </message>
    <message>
        <source>The short-term list could not be loaded.</source>
        <translation>Korttidslistan kunde inte läsas in.</translation>
    </message>
    <message>
        <source>Being filled in (draft)</source>
        <translation>Fylls i (utkast)</translation>
    </message>
    <message>
        <source>Ongoing</source>
        <translation>Pågår</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Avslutad</translation>
    </message>
    <message>
        <source>No ongoing or recent stays. Start one with “New stay…” when a person comes for short-term care.</source>
        <translation>Inga pågående eller nyligen avslutade vistelser. Påbörja en med ”Ny vistelse…” när någon kommer till korttiden.</translation>
    </message>
    <message>
        <source>Example material: this is the example municipality&apos;s list (Exempelkommunen, Exempelby kommun). Your municipality&apos;s own material replaces it when it has been published on the server and this laptop has synced.</source>
        <translation>Exempelmaterial: det här är exempelkommunens lista (Exempelkommunen, Exempelby kommun). Kommunens eget material ersätter den när det har publicerats på servern och den här datorn har synkroniserat.</translation>
    </message>
    <message>
        <source>Your unit&apos;s own list, published by the municipality (material version %1).</source>
        <translation>Enhetens egen lista, publicerad av kommunen (materialversion %1).</translation>
    </message>
    <message>
        <source>The municipality&apos;s list (material version %1); your unit has no list of its own.</source>
        <translation>Kommunens lista (materialversion %1); enheten har ingen egen lista.</translation>
    </message>
    <message>
        <source>Example material: the municipality&apos;s material (version %1) has no korttid list, so the example municipality&apos;s list (Exempelkommunen) is shown.</source>
        <translation>Exempelmaterial: kommunens material (version %1) har ingen korttidslista, så exempelkommunens lista (Exempelkommunen) visas.</translation>
    </message>
    <message>
        <source>No stays began this term.</source>
        <translation>Inga vistelser började den här terminen.</translation>
    </message>
    <message numerus="yes">
        <source>%n stay(s) began this term.</source>
        <translation>
            <numerusform>%n vistelse började den här terminen.</numerusform>
            <numerusform>%n vistelser började den här terminen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Held least often: %1.</source>
        <translation>Höll minst ofta: %1.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to the sync server</source>
        <translation>Logga in på synkservern</translation>
    </message>
    <message>
        <source>Sign in once while you are online. After that this profile works offline too and syncs by itself when there is a connection. Your password is not stored.</source>
        <translation>Logga in en gång medan du är uppkopplad. Sedan fungerar profilen även utan uppkoppling och synkar av sig själv när det finns en anslutning. Ditt lösenord sparas inte.</translation>
    </message>
    <message>
        <source>Server &amp;address:</source>
        <translation>Server&amp;adress:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Användarnamn:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Lösenord:</translation>
    </message>
    <message>
        <source>&amp;Certificate file:</source>
        <translation>&amp;Certifikatfil:</translation>
    </message>
    <message>
        <source>e.g. sync.kommun.se</source>
        <translation>t.ex. sync.kommun.se</translation>
    </message>
    <message>
        <source>Only if your municipality gave you one</source>
        <translation>Bara om kommunen har gett dig en</translation>
    </message>
    <message>
        <source>A CA bundle (.pem) for a server that uses the municipality&apos;s own certificates.</source>
        <translation>En CA-fil (.pem) för en server som använder kommunens egna certifikat.</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Bläddra…</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Logga in</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradress</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Användarnamn</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Lösenord</translation>
    </message>
    <message>
        <source>Certificate file</source>
        <translation>Certifikatfil</translation>
    </message>
    <message>
        <source>Signing in</source>
        <translation>Loggar in</translation>
    </message>
    <message>
        <source>Choose the certificate file</source>
        <translation>Välj certifikatfilen</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Certifikat (*.pem *.crt *.cer);;Alla filer (*)</translation>
    </message>
</context>
<context>
    <name>StatisticsView</name>
    <message>
        <source>Statistics</source>
        <extracomment>the figures on screen changed (a test waits on it)</extracomment>
        <translation>Statistik</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Månad</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>Termin</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>År</translation>
    </message>
    <message>
        <source>January</source>
        <translation>januari</translation>
    </message>
    <message>
        <source>February</source>
        <translation>februari</translation>
    </message>
    <message>
        <source>March</source>
        <translation>mars</translation>
    </message>
    <message>
        <source>April</source>
        <translation>april</translation>
    </message>
    <message>
        <source>May</source>
        <translation>maj</translation>
    </message>
    <message>
        <source>June</source>
        <translation>juni</translation>
    </message>
    <message>
        <source>July</source>
        <translation>juli</translation>
    </message>
    <message>
        <source>August</source>
        <translation>augusti</translation>
    </message>
    <message>
        <source>September</source>
        <translation>september</translation>
    </message>
    <message>
        <source>October</source>
        <translation>oktober</translation>
    </message>
    <message>
        <source>November</source>
        <translation>november</translation>
    </message>
    <message>
        <source>December</source>
        <translation>december</translation>
    </message>
    <message>
        <source>Spring term</source>
        <translation>Vårterminen</translation>
    </message>
    <message>
        <source>Autumn term</source>
        <translation>Höstterminen</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Enheter</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Counts</source>
        <translation>Antal</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Visa</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportera CSV…</translation>
    </message>
    <message>
        <source>Export Excel…</source>
        <translation>Exportera Excel…</translation>
    </message>
    <message>
        <source>Save PDF report…</source>
        <translation>Spara rapport som PDF…</translation>
    </message>
    <message>
        <source>Exports show counts under 5 as “&lt; 5”.</source>
        <translation>I exporter visas antal under 5 som ”&lt; 5”.</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Område</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Mått</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Antal</translation>
    </message>
    <message>
        <source>Choose at least one unit.</source>
        <translation>Välj minst en enhet.</translation>
    </message>
    <message>
        <source>The statistics could not be read (%1).</source>
        <translation>Statistiken kunde inte läsas (%1).</translation>
    </message>
    <message>
        <source>Choose units and a period, then Show.</source>
        <translation>Välj enheter och period och tryck på Visa.</translation>
    </message>
    <message>
        <source>The whole units&apos; figures, from the server.</source>
        <translation>Hela enheternas siffror, från servern.</translation>
    </message>
    <message>
        <source>Offline: only this computer&apos;s own caseload, not the whole unit.</source>
        <translation>Utan anslutning: bara den här datorns egna ärenden, inte hela enheten.</translation>
    </message>
    <message>
        <source>Only this computer&apos;s own caseload: the server shows the whole unit&apos;s figures to its unit managers only.</source>
        <translation>Bara den här datorns egna ärenden: servern visar hela enhetens siffror bara för enhetens chefer.</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV-fil (*.csv)</translation>
    </message>
    <message>
        <source>Excel file (*.xlsx)</source>
        <translation>Excel-fil (*.xlsx)</translation>
    </message>
    <message>
        <source>PDF file (*.pdf)</source>
        <translation>PDF-fil (*.pdf)</translation>
    </message>
    <message>
        <source>Export statistics</source>
        <translation>Exportera statistik</translation>
    </message>
    <message>
        <source>The file could not be written (%1).</source>
        <translation>Filen kunde inte skrivas (%1).</translation>
    </message>
</context>
<context>
    <name>SyncMessages</name>
    <message>
        <source>The server cannot be reached. Your work is saved on this computer; sync tries again by itself.</source>
        <translation>Servern går inte att nå. Ditt arbete är sparat på den här datorn; synkningen försöker igen av sig själv.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted. Choose your municipality&apos;s certificate file (CA bundle) when you sign in.</source>
        <translation>Serverns certifikat är inte betrott. Välj kommunens certifikatfil (CA-fil) när du loggar in.</translation>
    </message>
    <message>
        <source>You are signed out from the server. Sign in again to sync.</source>
        <translation>Du är utloggad från servern. Logga in igen för att synka.</translation>
    </message>
    <message>
        <source>Your session on the server has ended. Sign in again to sync.</source>
        <translation>Din inloggning på servern har gått ut. Logga in igen för att synka.</translation>
    </message>
    <message>
        <source>The user name or the password is wrong.</source>
        <translation>Användarnamnet eller lösenordet är fel.</translation>
    </message>
    <message>
        <source>Too many sign-in attempts. Wait a few minutes and try again.</source>
        <translation>För många inloggningsförsök. Vänta några minuter och försök igen.</translation>
    </message>
    <message>
        <source>This computer is registered to another user on the server. Ask your administrator.</source>
        <translation>Den här datorn är registrerad på en annan användare på servern. Fråga din administratör.</translation>
    </message>
    <message>
        <source>This version of AnhörigDesk does not match the server. Update the program.</source>
        <translation>Den här versionen av AnhörigDesk passar inte servern. Uppdatera programmet.</translation>
    </message>
    <message>
        <source>The server is older than this version of AnhörigDesk. Ask IT support to update the server; your work is saved on this computer.</source>
        <translation>Servern är äldre än den här versionen av AnhörigDesk. Be IT-supporten att uppdatera servern; ditt arbete är sparat på den här datorn.</translation>
    </message>
    <message>
        <source>Your account on the server is disabled. Ask your administrator to enable it.</source>
        <translation>Ditt konto på servern är avstängt. Be din administratör att aktivera det igen.</translation>
    </message>
    <message>
        <source>The server refused some changes because your account has no access to them. They are kept on this computer.</source>
        <translation>Servern tog inte emot vissa ändringar eftersom ditt konto saknar behörighet till dem. De finns kvar på den här datorn.</translation>
    </message>
    <message>
        <source>The server and this computer still disagree after a check. Contact support; nothing has been lost here.</source>
        <translation>Servern och den här datorn stämmer fortfarande inte överens efter en kontroll. Kontakta support; ingenting har gått förlorat här.</translation>
    </message>
    <message>
        <source>The server is being restored. Sync tries again later.</source>
        <translation>Servern håller på att återställas. Synkningen försöker igen senare.</translation>
    </message>
    <message>
        <source>The server does not accept this computer&apos;s changes in order. Contact support.</source>
        <translation>Servern tar inte emot den här datorns ändringar i ordning. Kontakta support.</translation>
    </message>
    <message>
        <source>This computer&apos;s data is older than what the server has received from it. Contact support before you write more.</source>
        <translation>Datorns uppgifter är äldre än det servern redan har fått från den. Kontakta support innan du skriver mer.</translation>
    </message>
    <message>
        <source>The server address is not valid. Write it as sync.kommun.se or https://sync.kommun.se.</source>
        <translation>Serveradressen är inte giltig. Skriv den som sync.kommun.se eller https://sync.kommun.se.</translation>
    </message>
    <message>
        <source>The server address must start with https://.</source>
        <translation>Serveradressen måste börja med https://.</translation>
    </message>
    <message>
        <source>The certificate file was not found. Sign in again and choose your municipality&apos;s certificate file (CA bundle).</source>
        <translation>Certifikatfilen hittades inte. Logga in igen och välj kommunens certifikatfil (CA-fil).</translation>
    </message>
    <message>
        <source>The chosen file is not a certificate file (PEM). Choose the certificate file (CA bundle) your municipality gave you.</source>
        <translation>Den valda filen är ingen certifikatfil (PEM). Välj certifikatfilen (CA-filen) som du har fått av kommunen.</translation>
    </message>
    <message>
        <source>This profile holds fictional demo data and is never synced, so that the invented carers do not reach your colleagues. Create a profile without demo data to sign in.</source>
        <translation>Den här profilen innehåller fiktiva demodata och synkas aldrig, så att de påhittade anhöriga inte hamnar hos dina kollegor. Skapa en profil utan demodata för att logga in.</translation>
    </message>
    <message>
        <source>The server cannot be reached. Check the server address and that this computer is online, then try again.</source>
        <translation>Servern går inte att nå. Kontrollera serveradressen och att datorn är uppkopplad, och försök sedan igen.</translation>
    </message>
    <message>
        <source>Signing in did not work because of an error in the program. Try again; if it happens again, contact IT support.</source>
        <translation>Inloggningen misslyckades på grund av ett fel i programmet. Försök igen; kontakta IT-supporten om det händer igen.</translation>
    </message>
    <message>
        <source>The certificate file was not found.</source>
        <translation type="vanished">Certifikatfilen hittades inte.</translation>
    </message>
    <message>
        <source>Your account on the server belongs to no unit. Ask your administrator.</source>
        <translation>Ditt konto på servern hör inte till någon enhet. Fråga din administratör.</translation>
    </message>
    <message>
        <source>This profile already holds data synced for another account. Create a new profile to sign in with that account.</source>
        <translation>Den här profilen har redan uppgifter som synkats för ett annat konto. Skapa en ny profil för att logga in med det kontot.</translation>
    </message>
    <message>
        <source>The sign-in could not be kept in the computer&apos;s keychain.</source>
        <translation>Inloggningen kunde inte sparas i datorns nyckelring.</translation>
    </message>
    <message>
        <source>The sync was cancelled.</source>
        <translation>Synkningen avbröts.</translation>
    </message>
    <message>
        <source>Sync stopped because of an error in the program. It tries again later.</source>
        <translation>Synkningen stoppades av ett fel i programmet. Den försöker igen senare.</translation>
    </message>
    <message>
        <source>Sync did not succeed (code %1). It tries again later.</source>
        <translation>Synkningen lyckades inte (kod %1). Den försöker igen senare.</translation>
    </message>
    <message>
        <source>This computer has been blocked from syncing by the administrator (reported lost or stolen). Ask your administrator.</source>
        <translation>Den här datorn har spärrats från synkning av administratören (anmäld borttappad eller stulen). Kontakta din administratör.</translation>
    </message>
</context>
<context>
    <name>SyncNotices</name>
    <message>
        <source>Carer&apos;s details</source>
        <translation>Uppgifter om den anhörige</translation>
    </message>
    <message>
        <source>Consent: %1</source>
        <translation>Samtycke: %1</translation>
    </message>
    <message>
        <source>Cares for: %1</source>
        <translation>Ger stöd till: %1</translation>
    </message>
    <message>
        <source>Cared-for person: %1</source>
        <translation>Närstående: %1</translation>
    </message>
    <message>
        <source>Follow-up task, due %1</source>
        <translation>Uppföljning, senast %1</translation>
    </message>
    <message>
        <source>Check-in interval</source>
        <translation>Intervall för avstämning</translation>
    </message>
    <message>
        <source>Unit: %1</source>
        <translation>Enhet: %1</translation>
    </message>
    <message>
        <source>Staff member: %1</source>
        <translation>Medarbetare: %1</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Anteckningar</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Anteckning</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>Vad som gjordes</translation>
    </message>
    <message>
        <source>A colleague</source>
        <translation>En kollega</translation>
    </message>
    <message>
        <source>You deleted this record (%2) while it was being changed on another computer.</source>
        <translation>Du tog bort det här (%2) medan det ändrades på en annan dator.</translation>
    </message>
    <message>
        <source>%1 deleted this record (%2) while it was being changed on this computer.</source>
        <translation>%1 tog bort det här (%2) medan det ändrades på den här datorn.</translation>
    </message>
    <message>
        <source>%1 deleted this record (%2) while it was being changed on another computer.</source>
        <translation>%1 tog bort det här (%2) medan det ändrades på en annan dator.</translation>
    </message>
    <message>
        <source>The change was kept, so the record is still here. Keep it, or delete it after all; your choice reaches every computer at the next sync.</source>
        <translation>Ändringen sparades, så uppgiften finns kvar. Behåll den eller ta bort den ändå; ditt val når alla datorer vid nästa synk.</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Signed in to the server.</source>
        <translation>Inloggad på servern.</translation>
    </message>
    <message>
        <source>Signed out from the server.</source>
        <translation>Utloggad från servern.</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synk</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Läge:</translation>
    </message>
    <message>
        <source>Off: %1</source>
        <translation>Av: %1</translation>
    </message>
    <message>
        <source>Waiting to be sent:</source>
        <translation type="vanished">Väntar på att skickas:</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="vanished">Klar</translation>
    </message>
    <message>
        <source>Not set up on this computer</source>
        <translation>Inte inställd på den här datorn</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation type="vanished">
            <numerusform>%n ändring</numerusform>
            <numerusform>%n ändringar</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation type="vanished">Synka &amp;nu</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation type="vanished">Synka nu</translation>
    </message>
    <message>
        <source>Everything you write is saved on this computer first, encrypted. Sync sends it to the municipality&apos;s server when there is a connection.</source>
        <translation>Allt du skriver sparas först krypterat på den här datorn. Synken skickar det till kommunens server när det finns en uppkoppling.</translation>
    </message>
    <message>
        <source>Sync is not set up on this computer.</source>
        <translation>Synk är inte inställd på den här datorn.</translation>
    </message>
    <message>
        <source>Sync finished.</source>
        <translation type="vanished">Synken är klar.</translation>
    </message>
    <message>
        <source>Sync failed; will try again later.</source>
        <translation type="vanished">Synken misslyckades; ett nytt försök görs senare.</translation>
    </message>
</context>
<context>
    <name>SyncRevoked</name>
    <message>
        <source>This computer is blocked</source>
        <translation>Datorn är spärrad</translation>
    </message>
    <message>
        <source>Your administrator has blocked this computer from the sync server, as reported lost or stolen.</source>
        <translation>Administratören har spärrat den här datorn från synkservern, eftersom den har anmälts borttappad eller stulen.</translation>
    </message>
    <message>
        <source>To protect the carers&apos; data, this profile and everything in it are now removed from this computer, also changes that were not yet sent to the server. What was synced is kept on the server. If this is a mistake, ask your administrator.</source>
        <translation>För att skydda de anhörigas uppgifter tas den här profilen och allt i den nu bort från datorn, även ändringar som ännu inte har skickats till servern. Det som har synkats finns kvar på servern. Om detta är ett misstag, kontakta din administratör.</translation>
    </message>
    <message>
        <source>The profile and its data have been removed from this computer. AnhörigDesk closes when you press OK.</source>
        <translation>Profilen och dess uppgifter har tagits bort från den här datorn. AnhörigDesk stängs när du trycker på OK.</translation>
    </message>
    <message>
        <source>The profile could not be removed completely. Do not use this computer for AnhörigDesk; contact IT support. AnhörigDesk closes when you press OK.</source>
        <translation>Profilen kunde inte tas bort helt. Använd inte den här datorn för AnhörigDesk; kontakta IT-supporten. AnhörigDesk stängs när du trycker på OK.</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>Sync: not signed in</source>
        <translation>Synk: inte inloggad</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synkar…</translation>
    </message>
    <message>
        <source>Sync: sign in again</source>
        <translation>Synk: logga in igen</translation>
    </message>
    <message>
        <source>Offline – saved on this computer</source>
        <translation>Offline – sparat på den här datorn</translation>
    </message>
    <message>
        <source>Sync: problem, see the Sync screen</source>
        <translation>Synk: problem, se Synk-vyn</translation>
    </message>
    <message numerus="yes">
        <source>Synced %1 – %n conflict(s)</source>
        <translation>
            <numerusform>Synkat %1 – %n konflikt</numerusform>
            <numerusform>Synkat %1 – %n konflikter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Synced %1 – %n deleted record(s) kept, see the Sync screen</source>
        <translation>
            <numerusform>Synkat %1 – %n borttagen uppgift behölls, se Synk</numerusform>
            <numerusform>Synkat %1 – %n borttagna uppgifter behölls, se Synk</numerusform>
        </translation>
    </message>
    <message>
        <source>Synced %1</source>
        <translation>Synkat %1</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Inte synkat än</translation>
    </message>
    <message>
        <source>Syncing… %1 of %2</source>
        <translation>Synkar… %1 av %2</translation>
    </message>
</context>
<context>
    <name>SyncStatusPanel</name>
    <message>
        <source>Account:</source>
        <translation>Konto:</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Läge:</translation>
    </message>
    <message>
        <source>Last synced:</source>
        <translation>Senast synkat:</translation>
    </message>
    <message>
        <source>Waiting to be sent:</source>
        <translation>Väntar på att skickas:</translation>
    </message>
    <message>
        <source>Conflicts:</source>
        <translation>Konflikter:</translation>
    </message>
    <message>
        <source>Deleted while changed:</source>
        <translation>Borttaget under ändring:</translation>
    </message>
    <message>
        <source>Refused by the server:</source>
        <translation>Nekade av servern:</translation>
    </message>
    <message>
        <source>Set aside:</source>
        <translation>Lagt åt sidan:</translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation>Synka &amp;nu</translation>
    </message>
    <message>
        <source>Sync with the server now (F5)</source>
        <translation>Synka med servern nu (F5)</translation>
    </message>
    <message>
        <source>&amp;Cancel sync</source>
        <translation>&amp;Avbryt synkningen</translation>
    </message>
    <message>
        <source>Sign &amp;in…</source>
        <translation>Logga &amp;in…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Logga &amp;ut</translation>
    </message>
    <message>
        <source>&amp;Send refused changes again</source>
        <translation>&amp;Skicka nekade ändringar igen</translation>
    </message>
    <message>
        <source>After your access has been changed on the server</source>
        <translation>När din behörighet har ändrats på servern</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>Synkningens förlopp</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 på %2</translation>
    </message>
    <message>
        <source>Not signed in. Sign in once to sync this profile.</source>
        <translation>Inte inloggad. Logga in en gång för att synka profilen.</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Aldrig</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n ändring</numerusform>
            <numerusform>%n ändringar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) with conflicting texts</source>
        <translation>
            <numerusform>%n uppgift med texter i konflikt</numerusform>
            <numerusform>%n uppgifter med texter i konflikt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n carer(s) with conflicting texts</source>
        <translation type="vanished">
            <numerusform>%n anhörig med motstridiga texter</numerusform>
            <numerusform>%n anhöriga med motstridiga texter</numerusform>
        </translation>
    </message>
    <message>
        <source>None</source>
        <translation>Inga</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) a colleague deleted while they were being changed; the change was kept. Keep or delete them below.</source>
        <translation>
            <numerusform>%n uppgift som en kollega tog bort medan den ändrades; ändringen sparades. Behåll eller ta bort den nedan.</numerusform>
            <numerusform>%n uppgifter som en kollega tog bort medan de ändrades; ändringarna sparades. Behåll eller ta bort dem nedan.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s), kept on this computer</source>
        <translation>
            <numerusform>%n ändring, finns kvar på den här datorn</numerusform>
            <numerusform>%n ändringar, finns kvar på den här datorn</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) from the server failed the checks and were set aside; everything else was synced. Tell your IT support (they can see them on the server).</source>
        <translation>
            <numerusform>%n ändring från servern klarade inte kontrollerna och har lagts åt sidan; allt annat är synkroniserat. Säg till IT-supporten (de ser den på servern).</numerusform>
            <numerusform>%n ändringar från servern klarade inte kontrollerna och har lagts åt sidan; allt annat är synkroniserat. Säg till IT-supporten (de ser dem på servern).</numerusform>
        </translation>
    </message>
    <message>
        <source>Not set up</source>
        <translation>Inte inställt</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synkar…</translation>
    </message>
    <message>
        <source>Signed out by the server: sign in again</source>
        <translation>Utloggad av servern: logga in igen</translation>
    </message>
    <message>
        <source>Offline: your work is saved on this computer. Next try at %1</source>
        <translation>Offline: ditt arbete är sparat på den här datorn. Nästa försök kl. %1</translation>
    </message>
    <message>
        <source>Offline: your work is saved on this computer</source>
        <translation>Offline: ditt arbete är sparat på den här datorn</translation>
    </message>
    <message>
        <source>Last sync did not succeed</source>
        <translation>Senaste synkningen lyckades inte</translation>
    </message>
    <message>
        <source>Changes wait to be sent</source>
        <translation>Ändringar väntar på att skickas</translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>Allt är synkat</translation>
    </message>
</context>
<context>
    <name>ThinningDueView</name>
    <message>
        <source>Thinning</source>
        <translation>Gallring</translation>
    </message>
    <message>
        <source>Carer</source>
        <translation>Anhörig</translation>
    </message>
    <message>
        <source>Thinning date</source>
        <translation>Gallringsdatum</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Senaste aktivitet</translation>
    </message>
    <message>
        <source>What happens</source>
        <translation>Vad som händer</translation>
    </message>
    <message>
        <source>Five years after the last activity about a carer their record is thinned out (gallras) on the server and on every laptop. The date is estimated from this laptop&apos;s records; the server&apos;s run decides, never earlier than shown.</source>
        <translation>Fem år efter den senaste aktiviteten om en anhörig gallras uppgifterna på servern och på alla datorer. Datumet är uppskattat från den här datorns uppgifter; serverns körning avgör, aldrig tidigare än det som visas.</translation>
    </message>
    <message>
        <source>Thinned out</source>
        <translation>Gallras</translation>
    </message>
    <message>
        <source>Kept for research, then leaves the laptops</source>
        <translation>Bevaras för forskning, lämnar sedan datorerna</translation>
    </message>
    <message>
        <source>Kept by the municipality, then leaves the laptops</source>
        <translation>Bevaras av kommunen, lämnar sedan datorerna</translation>
    </message>
    <message>
        <source>Kept (no personal identity number), then leaves the laptops</source>
        <translation>Bevaras (inget personnummer), lämnar sedan datorerna</translation>
    </message>
    <message>
        <source>No carer of your unit is due for thinning in the next %1 days.</source>
        <translation>Ingen anhörig i din enhet ska gallras de närmaste %1 dagarna.</translation>
    </message>
    <message numerus="yes">
        <source>%n carer(s) of your unit are due for thinning in the next %1 days.</source>
        <translation>
            <numerusform>En anhörig i din enhet ska gallras de närmaste %1 dagarna.</numerusform>
            <numerusform>%n anhöriga i din enhet ska gallras de närmaste %1 dagarna.</numerusform>
        </translation>
    </message>
    <message>
        <source>(due now)</source>
        <translation>(ska gallras nu)</translation>
    </message>
</context>
<context>
    <name>UnitListPrintDialog</name>
    <message>
        <source>Print the unit&apos;s list</source>
        <extracomment>The list is made again this long after the last change of option (as in the carer&apos;s print dialog).</extracomment>
        <translation>Skriv ut enhetens lista</translation>
    </message>
    <message>
        <source>Swedish</source>
        <translation>Svenska</translation>
    </message>
    <message>
        <source>Easy-to-read Swedish</source>
        <translation>Lättläst svenska</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Engelska</translation>
    </message>
    <message>
        <source>Short-term &amp;unit:</source>
        <translation>&amp;Korttidsenhet:</translation>
    </message>
    <message>
        <source>The short-term unit the list is for</source>
        <translation>Korttidsenheten som listan gäller</translation>
    </message>
    <message>
        <source>Name of the short-term unit</source>
        <translation>Korttidsenhetens namn</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Språk:</translation>
    </message>
    <message>
        <source>Unit &amp;phone:</source>
        <translation>Enhetens &amp;telefon:</translation>
    </message>
    <message>
        <source>&amp;Hours:</source>
        <translation>&amp;Tider:</translation>
    </message>
    <message>
        <source>Large &amp;print</source>
        <translation>Stor &amp;stil</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <source>Unit phone</source>
        <translation>Enhetens telefon</translation>
    </message>
    <message>
        <source>Hours when carers can call</source>
        <translation>Tider då anhöriga kan ringa</translation>
    </message>
    <message>
        <source>The list holds the unit&apos;s routines and no personal data.</source>
        <translation>Listan innehåller enhetens rutiner och inga personuppgifter.</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>Skriv &amp;ut…</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>Spara som P&amp;DF…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Stäng</translation>
    </message>
    <message>
        <source>The list could not be made: %1</source>
        <translation>Listan kunde inte skapas: %1</translation>
    </message>
    <message>
        <source>Nothing to show.</source>
        <translation>Inget att visa.</translation>
    </message>
    <message>
        <source>Here at the short-term unit</source>
        <translation>Här på korttiden</translation>
    </message>
    <message>
        <source>Printing failed: %1</source>
        <translation>Utskriften misslyckades: %1</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation type="vanished">Spara som PDF</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation type="vanished">PDF-dokument (*.pdf)</translation>
    </message>
    <message>
        <source>The PDF could not be saved: %1</source>
        <translation>PDF-filen kunde inte sparas: %1</translation>
    </message>
</context>
</TS>
