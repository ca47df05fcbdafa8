<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AppController</name>
    <message>
        <source>AnhörigDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profiles could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>Back up profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up this profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything in the profile is written, encrypted, to one file. Choose a passphrase for the backup: you need it to restore the file, on this computer or another, and nobody can read the file without it. It is not your profile&apos;s passphrase and it is not kept anywhere: write it down somewhere safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the file somewhere other than this computer, e.g. on the network drive IT gives you. Changes made after the backup are not in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup &amp;passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase of the backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup&apos;s passphrase again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the backup as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AnhörigDesk backups (*%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passphrases differ. Type the same one twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase needs at least %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the encrypted backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup is written to %1. Keep its passphrase safe: without it the backup cannot be restored.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CarerEditPage</name>
    <message>
        <source>Edit carer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New carer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields marked * are required. What you type is kept as a draft until you save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Personal identity number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal identity number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;hone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-&amp;mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preferred &amp;language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preferred language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Child carer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Child carer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;rotected identity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protected identity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours of care per &amp;week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours of care per week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support &amp;contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YYYYMMDD-NNNN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The notes were changed on two computers at once. Only the newest version is shown here: choose or merge the versions first, or the other one is lost when you change the notes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a &amp;version…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Under 18: take extra care with consent and guardians</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address and contact details are never shown in lists, printed or shared with other units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The carer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cared-for persons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linked cared-for persons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the person cared for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Year of birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cared-for person is the carer&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link the cared-for person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent given by the carer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Given:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To record that the carer withdraws a consent, clear its box and save; the consent keeps its history with the date it was withdrawn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the consent was given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date the consent was given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open the registered carer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a ne&amp;w carer anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not saved yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the carer&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the personal identity number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already registered with the same name and the same birth date or phone number: %1. Is it the same person? Open the registered carer, or save a new one anyway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carer saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CarerListModel</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Child carer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Born · address · cares for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Child</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overdue since %1</source>
        <extracomment>&quot;due soon&quot; looks this many days ahead (the home screen&apos;s due lists do the same) (the schedule book, now), or None while the book is still being built carer id → CarerDue of the rows shown (None: the schedules are not built yet)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>due today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>due %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n more item(s) due</source>
        <translation>
            <numerusform>%n more item due</numerusform>
            <numerusform>%n more items due</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CarerPage</name>
    <message>
        <source>from %1</source>
        <extracomment>the entry kind (form) each carer action opens on the entry page</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 routines done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share &amp;with unit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start support &amp;plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voluntariness check-&amp;in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Short-term &amp;stay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;rint…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register e&amp;xtract…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything stored about the carer, for the carer (GDPR art. 15)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every change of the details, with who and when</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The carer has consented to sharing with your unit: you see the carer&apos;s name, birth year and language and the entries marked shareable. The rest of the record stays with the carer&apos;s own unit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal identity number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preferred language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours of care per week:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support contact:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cares for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cared-for persons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No cared-for person linked yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No consent recorded yet. Ask the carer and record it under Edit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The carer perspective</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which entries to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which confidentiality marking to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any marking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline of entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing recorded yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print en&amp;try…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the selected entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the text “%2” was changed on two computers at once; both versions are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a &amp;version…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted. It is deleted on the other computers at the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept. The notice goes away on the other computers at the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Child carer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protected identity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared with your unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>born %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A carer with a protected identity is not shared with other units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ended %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>also a carer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>withdrawn %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n conversation(s), latest %1</source>
        <translation>
            <numerusform>%n conversation, latest %1</numerusform>
            <numerusform>%n conversations, latest %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Not touched on yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[corrected %1 by %2]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[correction]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen the s&amp;upport…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the s&amp;upport…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo the end of the relation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the re&amp;lation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The relation is open again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The support is closed. The record stays readable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The support is open again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The relation is ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The register extract is saved (PDF and JSON).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing is not installed in this version.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CarerPicker</name>
    <message>
        <source>New stay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search for the carer by name…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search for the carer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carers found</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CarerSchedulePanel</name>
    <message>
        <source>Check-ins and follow-ups</source>
        <extracomment>for above the tabs: the next check-in, the state of the check-ins and the carer&apos;s unfinished drafts, offered back (seen as soon as the carer opens)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unfinished:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open follow-ups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check-ins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check-in history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause check-ins until a date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;eclined…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The carer declines check-ins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The caring has ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start check-ins again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>own choice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not sure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not own choice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next check-in: %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan review: %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No check-in is scheduled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — due %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>burden %1 of 5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check-ins are active.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused %1 until %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declined %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CarersPage</name>
    <message>
        <source>Child carer</source>
        <extracomment>while a due filter waits for the schedules, look this often whether they are built</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name, phone, address or words from a note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search carers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared with your unit (the carer&apos;s consent):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carers shared with your unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by support contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by what is due</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Check-ins, plan reviews and follow-ups from the schedules: due within %n day(s), or overdue</source>
        <translation>
            <numerusform>Check-ins, plan reviews and follow-ups from the schedules: due within %n day, or overdue</numerusform>
            <numerusform>Check-ins, plan reviews and follow-ups from the schedules: due within %n days, or overdue</numerusform>
        </translation>
    </message>
    <message>
        <source>Due or not</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Has something due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hild carers only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New carer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All support contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Me</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The first %n matches; type more to narrow the search</source>
        <translation>
            <numerusform>The first %n matches; type more to narrow the search</numerusform>
            <numerusform>The first %n matches; type more to narrow the search</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n carer(s) found</source>
        <translation>
            <numerusform>%n carer found</numerusform>
            <numerusform>%n carers found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n carer(s) shown; scroll for more</source>
        <translation>
            <numerusform>%n carer shown; scroll for more</numerusform>
            <numerusform>%n carers shown; scroll for more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n carer(s)</source>
        <translation>
            <numerusform>%n carer</numerusform>
            <numerusform>%n carers</numerusform>
        </translation>
    </message>
    <message>
        <source>Working out what is due…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No carer matches the search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is overdue for the carers shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Nothing is due in the next %n day(s) for the carers shown.</source>
        <translation>
            <numerusform>Nothing is due in the next %n day for the carers shown.</numerusform>
            <numerusform>Nothing is due in the next %n days for the carers shown.</numerusform>
        </translation>
    </message>
    <message>
        <source>No carers yet. Register the first with New carer (Ctrl+N).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <source>The support has ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The carer has moved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The carer has died</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cared-for person has died</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cared-for person has moved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The relationship has ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen the support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the relation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The case is closed: check-ins and plan reviews stop, the carer is shown as ended everywhere. The record stays readable and searchable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The case is open again and check-ins start again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The relation stays on the record, marked as ended. When every relation has ended, check-ins stop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <source>Change passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your records stay as they are; only the passphrase that unlocks them changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Current passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat the new passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your current passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new passphrase needs at least %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new passphrases differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changing the passphrase…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChangePinDialog</name>
    <message>
        <source>Change PIN</source>
        <extracomment>too many wrong PINs: the app closes the profile (the text says so)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PIN (%1–%2 digits) is asked when the profile has been locked, so that only you can open it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Current PIN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New PIN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat the new PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your current PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PIN must be %1–%2 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two PINs differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changing the PIN…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CheckinChart</name>
    <message>
        <source>Chart of voluntariness and burden over the check-ins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No check-ins yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>own choice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not sure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not own choice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>burden %1 of 5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Burden (1–5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Own choice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not own choice</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictView</name>
    <message>
        <source>Conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These records were changed on two computers before they synced. Where the same text was changed, both versions are kept: pick one, or merge them. Where a colleague deleted a record while it was being changed, the change was kept: keep the record or delete it after all. Your choice reaches the others at the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records that need a decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No conflicts. Everything agrees.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>AnhörigDesk stopped unexpectedly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong. Your saved work is safe. The report below contains no personal data; copy it and send it to your IT support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy crash report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crash report</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeletedNotice</name>
    <message>
        <source>Deleted while it was being changed – the change was kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record stays, for everyone; the notice goes away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete it after all…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record is deleted on every computer at the next sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this carer after all? The carer is deleted on every computer at the next sync; earlier versions are kept in the history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete “%1” after all? It is deleted on every computer at the next sync; earlier versions are kept in the history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete after all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DemoMark</name>
    <message>
        <source>Demo – fictitious data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This profile holds fictional demo data and is never synced, so that the invented carers do not reach your colleagues. Create a profile without demo data to sign in to a sync server.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DraftEditorPage</name>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored from a draft.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DueView</name>
    <message>
        <source>Mine</source>
        <extracomment>rows shown per list: the most overdue first (thousands of rows would only hide the top and cost the GUI thread ~40 ms per thousand to build)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My unit&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My due items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My unit&apos;s due items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working out what is due…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing of yours is due in the next two weeks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing else in your unit is due in the next two weeks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) late</source>
        <translation>
            <numerusform>%n day late</numerusform>
            <numerusform>%n days late</numerusform>
        </translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>in %n day(s)</source>
        <translation>
            <numerusform>in %n day</numerusform>
            <numerusform>in %n days</numerusform>
        </translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing the %1 most urgent of %2.</source>
        <extracomment>when the lists were last filled (monotonic; the benchmark&apos;s figures)</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EntryPage</name>
    <message>
        <source>Correction: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved as a draft while you write; Save puts it on the carer&apos;s timeline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close (keep draft)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Example form (Exempelkommunen): the example municipality&apos;s form is used until your municipality&apos;s material has been published and this laptop has synced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The correction is saved; the earlier text stays readable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved on the timeline.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExtractDialog</name>
    <message>
        <source>Register extract</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything stored about the carer, for the carer (GDPR article 15). Review it before it is released.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The extract is of this computer only: what the server holds is not included.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Information about other people may be covered by secrecy. Tick what to withhold and write why (double-click the reason).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withhold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parts about other people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Large print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Release and save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The extract could not be made: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The extract includes what the server holds about the carer and the server&apos;s access log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not be reached (%1): the extract is of this computer only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 entries (with every correction), %2 relations, %3 consents, %4 accesses in the log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write why “%1” is withheld.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the register extract in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The extract could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FieldConflict</name>
    <message>
        <source>Use version %1 (written %2 on this computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use version %1 (written %2 on another computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use version %1 (written %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a merged text (edit below)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merged text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep the chosen text</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FollowUpArea</name>
    <message>
        <source>Follow-up</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FollowUpPage</name>
    <message>
        <source>Follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An answer in a form raised this flag. Talk with the carer, then write what was done: that closes the follow-up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flag:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raised:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was &amp;done *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was done about the follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For example: called the carer, booked a conversation about respite on Tuesday.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mark as done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the &amp;response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the &amp;carer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back to home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write what was done first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up marked as done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FormPage</name>
    <message>
        <source>Stored response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the response…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back to the carer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Correct the entry…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the &amp;newer version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored %1, form version %2. Read-only: a correction is a new entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written by %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The forms could not be loaded in this installation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This entry cannot be shown as a form: its form version is not known here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corrected %1 by %2. This is the text as it was before the correction.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a correction, stored %1 by %2; the earlier text stays readable.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FormWidget</name>
    <message>
        <source>YYYY-MM-DD</source>
        <extracomment>A prefilled answer&apos;s note: dark text on a light amber band (contrast above 12:1). whether the question&apos;s conditions let it show (independent of Qt&apos;s queued show) shown while the answer is one the form was prefilled with (until the user changes it)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose date…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a date: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filled in with today&apos;s date. Change it if it was another day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filled in from the check-in on %1. Change it if the answer is different today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filled in from the carer&apos;s record. Change it if it is not right.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>History of the details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every change of the carer&apos;s details, newest first. Earlier values are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The details have not been changed since they were registered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes of the carer&apos;s details</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Home</source>
        <extracomment>emitted when the page reloads its lists (an installed due view reloads with it)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent carers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No carers opened yet. Find one under Carers, or register a new one with Ctrl+N.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No unfinished drafts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due (the %1 most urgent of %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is due.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working out which check-ins and follow-ups are due…</source>
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
        <source>due today</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>in %n day(s)</source>
        <translation>
            <numerusform>in %n day</numerusform>
            <numerusform>in %n days</numerusform>
        </translation>
    </message>
    <message>
        <source>Carer details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is due, carers you worked with lately, and drafts you have not finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New carer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IdentityPage</name>
    <message>
        <source>Welcome to AnhörigDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create your profile on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your profile keeps what you record encrypted on this computer. Each colleague who shares the computer has a profile of their own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Your name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your &amp;unit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for example Anhörigstöd Norra</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fill the profile with fictional demo data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill the profile with fictional demo data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For practice and demonstrations: %1 invented carers with conversations and check-ins. Never use a demo profile for real people.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeyPage</name>
    <message>
        <source>How to unlock the profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key to your encrypted data is kept safe in one of two ways.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With this computer&apos;s &amp;keychain (you sign in as usual)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With a passphrase that I &amp;type each time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer has no secure keychain, so a passphrase is needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a PIN of %1–%2 digits. The profile asks for it after it has been locked, so that only you can open it again; the computer&apos;s keychain alone does not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;IN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repe&amp;at PIN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat the PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass&amp;phrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat the passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>at least %n characters</source>
        <translation>
            <numerusform>at least %n characters</numerusform>
            <numerusform>at least %n characters</numerusform>
        </translation>
    </message>
    <message>
        <source>The PIN must be %1–%2 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two PINs differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The passphrase needs at least %n characters.</source>
        <translation>
            <numerusform>The passphrase needs at least %n characters.</numerusform>
            <numerusform>The passphrase needs at least %n characters.</numerusform>
        </translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Child</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sibling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Friend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Neighbour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details about them may be recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details may be shared with the care staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>We may contact them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The support plan may be printed for them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record may be shared with a named unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verbally</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In writing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Digitally</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Through a guardian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voluntariness check-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Short-term stay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handout printed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Information handout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support plan printed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check-in summary printed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Short-term unit list printed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Form printed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seen and listened to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept informed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Their care and their life</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Their knowledge used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Their own need of support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On a home visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At the unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another way</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First check-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check-in due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New plan: how is it going?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Situation changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After a short-term stay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check-ins resumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan review date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review the plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up talk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>b. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cares for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swedish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Easy Swedish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finnish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arabic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Somali</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Persian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bosnian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Polish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tigrinya</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other language</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>AnhörigDesk is locked</source>
        <extracomment>Unlocker kinds: the passphrase; a keychain profile&apos;s PIN; a keychain profile without a PIN yet (the lock screen asks to choose one before it opens) too many wrong PINs: the app closes the profile (the text says so, translated)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your passphrase to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your PIN to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a PIN for this profile (%1–%2 digits). From now on the profile asks for it when it has been locked, so that only you can open it; the computer&apos;s keychain alone no longer does.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat the PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save PIN and continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save PIN and continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PIN must be %1–%2 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two PINs differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the PIN first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the passphrase first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That did not unlock the profile. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LogReviewPage</name>
    <message>
        <source>Access-log review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>outside own units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>outside working hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>many people in a short time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>print/export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log row altered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log rows missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log chain broken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log rewritten</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Highlights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up → Access-log review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monthly sample for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access-log rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pseudonym from a row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open staff member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The access-log review needs a connection to the server: sign in under Sync (it is not available offline).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a unit manager (or an administrator) reviews the unit&apos;s access log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online: the whole unit&apos;s log, from the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your own accesses are reviewed by someone else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a unit manager of the unit (or an administrator) may review its log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not be reached or refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marked as reviewed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access-log review: monthly sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit %1, month %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit %1, %2 – %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;New carer…</source>
        <extracomment>a screen was added (name, page): built at start, or on its first visit thread pools of the other users of the store (sync, background work), waited for before the database key changes; the app controller fills it in</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register a new carer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit carer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the open carer&apos;s details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a conversation note for the open carer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start &amp;support plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a support plan (stödplan) with the open carer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voluntariness &amp;check-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask whether the caring is still voluntary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Short-term &amp;stay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow a short-term stay (korttid) with the open carer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print a document for the open carer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the selected entr&amp;y…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the entry selected on the open carer&apos;s timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock the profile now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change pass&amp;phrase…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the passphrase that unlocks this profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the database &amp;key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypt this profile&apos;s database again with a new key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language, text size and lock time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close AnhörigDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo the last edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo the last undone edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find carer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search among the carers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the home screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Carers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the list of carers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Short-term unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the short-term unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the sync state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Larger text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make all text larger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync with the server now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List every keyboard shortcut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About AnhörigDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version and licence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New carer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Carer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Short-term unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the running work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes not yet synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase is changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database key is changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked — AnhörigDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync: off (demo data)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync: not set up</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not synced</source>
        <translation>
            <numerusform>%n change not synced</numerusform>
            <numerusform>%n changes not synced</numerusform>
        </translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About AnhörigDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;AnhörigDesk %1&lt;/h3&gt;&lt;p&gt;Support for family carers: conversations, support plans and check-ins, kept encrypted on this computer and synced with your municipality.&lt;/p&gt;&lt;p&gt;Licence: EUPL-1.2&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back up profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write an encrypted backup of this profile to a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Res&amp;tore profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore a profile from a backup file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup is written.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MarkingControl</name>
    <message>
        <source>Confidentiality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark as only about the carer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark as may be shared with the care staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the carer&apos;s consent…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharing is not possible: the carer has not consented to details being shared with the care staff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The carer has not consented to sharing with the care staff (or has withdrawn it). Record the consent under Edit carer first; until then everything stays in the carer&apos;s record only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The carer consented to sharing with the care staff on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose sharing only for what the care staff need to know; what the carer tells in confidence about themselves stays in the carer&apos;s record.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MarkingTexts</name>
    <message>
        <source>Carer only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>May be shared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only about the carer: stays in the carer&apos;s record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>May be shared with the staff of the cared-for person&apos;s care</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoteEditor</name>
    <message>
        <source>&amp;Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;How</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Who took part *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What came &amp;up *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of the conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the conversation took place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who took part</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roles, for example: the carer, home-care worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What matters for the support to the carer. What they tell in confidence about themselves does not belong in the cared-for person&apos;s file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conversation touched on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write who took part.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write what came up in the conversation.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>Print preview</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print</source>
        <extracomment>Wait this long after the last change of option before making the PDF again. Which entries each entry-based document can be made from. a printout was recorded on this carer&apos;s timeline (carer id) the document shown in the preview changed (its page count) what counts as handed over: paper from &quot;Skriv ut…&quot; always; a PDF only when it is meant for the carer (sent or given to them), not a copy kept for oneself</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Information handout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check-in summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A recorded form (as it was filled in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Document:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bigger text for easier reading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact on the printout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;hone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printed for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The carer themself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone else (only with the carer&apos;s consent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Agreed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One thing agreed per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next check-in on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Municipality file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Example material (Exempelkommunen): the example municipality&apos;s details are used until your municipality&apos;s material is published on the server and this laptop has synced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PDF is given to the carer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The saved PDF is given to the carer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A printout on paper is noted on the timeline as handed over. A saved PDF is noted only when it is given to the carer; a copy you keep yourself is not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;whole pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show whole pages in the preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document to print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded form to print from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language of the printout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Large print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact name on the printout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact phone on the printout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printed for the carer themself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printed for someone else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was agreed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the next check-in date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of the next check-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the municipality file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel printing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the carer&apos;s record: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Municipality: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Municipality file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(latest)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No support plan has been recorded for this carer yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No voluntariness check-in has been recorded for this carer yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No form has been recorded for this carer yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This was told in confidence: it can only be printed for the carer themself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The carer has not agreed that this may be given to anyone else. Record the consent under Edit first, or print it for the carer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The form version this was recorded with is not known on this computer yet; sync and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This entry was not made with a form and cannot be printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The entry is no longer on the timeline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The document could not be made (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The municipality file %1 cannot be used, so nothing can be printed until it is corrected:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>• field %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct the file, or choose another one with “Municipality file…”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>language not listed under `languages`</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown field (allowed: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid YAML at line %1, column %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid YAML</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message>
        <source>AnhörigDesk printout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The printer could not be used. Check that it is on and connected, or save as PDF instead; nothing was recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved as PDF and noted on the timeline as given to the carer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing was cancelled; nothing was recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lar&amp;ge print:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PDF could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved as PDF. Not noted on the timeline as handed over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent to the printer and noted on the timeline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Municipality file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Municipality files (*.yaml *.yml)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfilePicker</name>
    <message>
        <source>Open profile — AnhörigDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who is working?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profiles on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove &amp;unfinished profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating this profile stopped before it was finished (for example the disk was full). Finish it once the problem is solved, or remove it: it holds no records yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;IN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass&amp;phrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not finished)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This profile is unlocked with the computer&apos;s keychain. Next you choose a PIN for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the PIN first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the passphrase first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove unfinished profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the unfinished profile “%1”? It holds no records yet; its key is removed from this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The unfinished profile was removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updating the profile&apos;s data for this version of the program ({0} of {1}). This is done once and can take a minute; nothing is lost if it is interrupted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore profile…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileWizard</name>
    <message>
        <source>New profile — AnhörigDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore profile…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RekeyDialog</name>
    <message>
        <source>Change the database key</source>
        <extracomment>the core&apos;s steps (anhorigdesk.profiles.profiles.REKEY_STEPS) after waiting for other work</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything in this profile is kept encrypted with a key. A new random key is made and the whole database is encrypted again with it; the old key no longer opens it. Your records, drafts and unsynced changes stay as they are, and you unlock the profile as before.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On a large profile this can take a while. The window waits meanwhile, and sync pauses. If the computer stops in the middle, the change is finished the next time you open the profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your &amp;passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your passphrase, to keep the new key with it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Change the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changing the database key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not turn off the computer. The window is locked until this is done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress of the key change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for sync and other work to pause…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Making the new key and keeping it safe beside the old one…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypting the database again with the new key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taking the new key into use…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database key is changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile is now encrypted with a new key. Everything is as before; unlock it as you always do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key could not be changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database could not be opened again. Quit AnhörigDesk and open the profile again: an interrupted change is finished then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was lost: the profile still opens with its old key and you can go on working. (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Reminder</name>
    <message numerus="yes">
        <source>%n overdue item(s) of yours</source>
        <translation>
            <numerusform>%n overdue item of yours</numerusform>
            <numerusform>%n overdue items of yours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more in your unit</source>
        <translation>
            <numerusform>%n more in your unit</numerusform>
            <numerusform>%n more in your unit</numerusform>
        </translation>
    </message>
    <message>
        <source>Reminder: %1. See the home screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore a profile from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the backup file and type the passphrase chosen when it was made. The whole file is checked before anything on this computer changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The restored profile holds what was in it when the backup was made. If it syncs with a server, it becomes a new device there: sign in again after restoring. Changes in the backup that had not reached the server are sent then; nothing is sent twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup &amp;passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase of the backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AnhörigDesk backups (*%1);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup is of the profile that is open now. Quit AnhörigDesk, and restore it from the profile picker (Restore profile…) before you open it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the profile?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile &quot;%1&quot; is already on this computer. Replace it with the backup? What was written in it after the backup was made is lost, unless it has been synced to the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was restored; the profile on this computer is as it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring the profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile &quot;%1&quot; is restored. Open it from the profile picker with the backup&apos;s passphrase, or as before with the computer&apos;s keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sync server sees this computer as a new device: sign in again once you have opened the profile, before it syncs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) in the backup had not reached the server when it was made: sent at the first sync, unless the server has them already.</source>
        <translation>
            <numerusform>%n change in the backup had not reached the server when it was made: sent at the first sync, unless the server has them already.</numerusform>
            <numerusform>%n changes in the backup had not reached the server when it was made: sent at the first sync, unless the server has them already.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SavePdfDialog</name>
    <message>
        <source>Save as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingDialog</name>
    <message>
        <source>Pause check-ins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carer declines check-ins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close check-ins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen check-ins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No check-in falls due before the day you choose.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The carer does not want check-ins. They stop until reopened; follow-ups stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The caring has ended. Check-ins and plan reviews stop until reopened; follow-ups stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check-ins start again; the next one is due today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check-ins may be due again from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Why caring ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why caring ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the reason.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <extracomment>too many wrong PINs while changing it: the app closes the profile (the text says so)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Larger &amp;text:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make all text larger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lock after:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minutes idle before the profile locks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile at &amp;start:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Always let me choose the profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Always let me choose the profile at start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Otherwise the only profile on this computer opens at once when the computer&apos;s keychain unlocks it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;PIN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change PIN…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the PIN that unlocks this profile</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShareWithUnitDialog</name>
    <message>
        <source>Share with unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With the carer&apos;s consent, the unit chosen here sees the entries marked shareable. Entries about the carer only stay with your unit. Withdrawing the consent ends the sharing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the carer consented</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Consent given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShortTermPage</name>
    <message>
        <source>Carer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stay began</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stay ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Routines done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What we do and say</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Routine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not relevant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Short-term unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The unit&apos;s own list of what matters to carers during a stay: who does what, when, how and where, run with the carer for each stay and followed up each term.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Our list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Term follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New stay…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new stay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the selected stay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ Previous term</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous term</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next term ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next term</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Print the list for carers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the unit&apos;s list for carers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list is the unit&apos;s korttid form in the material the municipality publishes on the server; laptops receive a new version at sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The short-term list could not be loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Being filled in (draft)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ongoing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No ongoing or recent stays. Start one with “New stay…” when a person comes for short-term care.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Example material: this is the example municipality&apos;s list (Exempelkommunen, Exempelby kommun). Your municipality&apos;s own material replaces it when it has been published on the server and this laptop has synced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your unit&apos;s own list, published by the municipality (material version %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The municipality&apos;s list (material version %1); your unit has no list of its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Example material: the municipality&apos;s material (version %1) has no korttid list, so the example municipality&apos;s list (Exempelkommunen) is shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No stays began this term.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n stay(s) began this term.</source>
        <translation>
            <numerusform>%n stay began this term.</numerusform>
            <numerusform>%n stays began this term.</numerusform>
        </translation>
    </message>
    <message>
        <source>Held least often: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to the sync server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in once while you are online. After that this profile works offline too and syncs by itself when there is a connection. Your password is not stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server &amp;address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Certificate file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. sync.kommun.se</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only if your municipality gave you one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A CA bundle (.pem) for a server that uses the municipality&apos;s own certificates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the certificate file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatisticsView</name>
    <message>
        <source>Statistics</source>
        <extracomment>the figures on screen changed (a test waits on it)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Term</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>January</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>February</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>March</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>April</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>May</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>June</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>July</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>August</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>September</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>October</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>November</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>December</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spring term</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Autumn term</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save PDF report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exports show counts under 5 as “&lt; 5”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at least one unit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The statistics could not be read (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose units and a period, then Show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The whole units&apos; figures, from the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: only this computer&apos;s own caseload, not the whole unit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only this computer&apos;s own caseload: the server shows the whole unit&apos;s figures to its unit managers only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel file (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF file (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be written (%1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncMessages</name>
    <message>
        <source>The server cannot be reached. Your work is saved on this computer; sync tries again by itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted. Choose your municipality&apos;s certificate file (CA bundle) when you sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are signed out from the server. Sign in again to sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session on the server has ended. Sign in again to sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user name or the password is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many sign-in attempts. Wait a few minutes and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer is registered to another user on the server. Ask your administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer has been blocked from syncing by the administrator (reported lost or stolen). Ask your administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This version of AnhörigDesk does not match the server. Update the program.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is older than this version of AnhörigDesk. Ask IT support to update the server; your work is saved on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your account on the server is disabled. Ask your administrator to enable it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused some changes because your account has no access to them. They are kept on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server and this computer still disagree after a check. Contact support; nothing has been lost here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is being restored. Sync tries again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server does not accept this computer&apos;s changes in order. Contact support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer&apos;s data is older than what the server has received from it. Contact support before you write more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server address is not valid. Write it as sync.kommun.se or https://sync.kommun.se.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server address must start with https://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate file was not found. Sign in again and choose your municipality&apos;s certificate file (CA bundle).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chosen file is not a certificate file (PEM). Choose the certificate file (CA bundle) your municipality gave you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This profile holds fictional demo data and is never synced, so that the invented carers do not reach your colleagues. Create a profile without demo data to sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server cannot be reached. Check the server address and that this computer is online, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in did not work because of an error in the program. Try again; if it happens again, contact IT support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your account on the server belongs to no unit. Ask your administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This profile already holds data synced for another account. Create a new profile to sign in with that account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in could not be kept in the computer&apos;s keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sync was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync stopped because of an error in the program. It tries again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync did not succeed (code %1). It tries again later.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncNotices</name>
    <message>
        <source>Carer&apos;s details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cares for: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cared-for person: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up task, due %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check-in interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff member: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A colleague</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You deleted this record (%2) while it was being changed on another computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 deleted this record (%2) while it was being changed on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 deleted this record (%2) while it was being changed on another computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The change was kept, so the record is still here. Keep it, or delete it after all; your choice reaches every computer at the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Signed in to the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out from the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not set up on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation type="vanished">
            <numerusform>%n change</numerusform>
            <numerusform>%n changes</numerusform>
        </translation>
    </message>
    <message>
        <source>Everything you write is saved on this computer first, encrypted. Sync sends it to the municipality&apos;s server when there is a connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync is not set up on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncRevoked</name>
    <message>
        <source>This computer is blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your administrator has blocked this computer from the sync server, as reported lost or stolen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To protect the carers&apos; data, this profile and everything in it are now removed from this computer, also changes that were not yet sent to the server. What was synced is kept on the server. If this is a mistake, ask your administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile and its data have been removed from this computer. AnhörigDesk closes when you press OK.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile could not be removed completely. Do not use this computer for AnhörigDesk; contact IT support. AnhörigDesk closes when you press OK.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>Sync: not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync: sign in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline – saved on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync: problem, see the Sync screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Synced %1 – %n conflict(s)</source>
        <translation>
            <numerusform>Synced %1 – %n conflict</numerusform>
            <numerusform>Synced %1 – %n conflicts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Synced %1 – %n deleted record(s) kept, see the Sync screen</source>
        <translation>
            <numerusform>Synced %1 – %n deleted record kept, see the Sync screen</numerusform>
            <numerusform>Synced %1 – %n deleted records kept, see the Sync screen</numerusform>
        </translation>
    </message>
    <message>
        <source>Synced %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing… %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncStatusPanel</name>
    <message>
        <source>Account:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last synced:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting to be sent:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted while changed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused by the server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set aside:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync with the server now (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send refused changes again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After your access has been changed on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in. Sign in once to sync this profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n change</numerusform>
            <numerusform>%n changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) with conflicting texts</source>
        <translation>
            <numerusform>%n record with conflicting texts</numerusform>
            <numerusform>%n records with conflicting texts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n carer(s) with conflicting texts</source>
        <translation type="vanished">
            <numerusform>%n carer with conflicting texts</numerusform>
            <numerusform>%n carers with conflicting texts</numerusform>
        </translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) a colleague deleted while they were being changed; the change was kept. Keep or delete them below.</source>
        <translation>
            <numerusform>%n record a colleague deleted while they were being changed; the change was kept. Keep or delete them below.</numerusform>
            <numerusform>%n records a colleague deleted while they were being changed; the change was kept. Keep or delete them below.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s), kept on this computer</source>
        <translation>
            <numerusform>%n change, kept on this computer</numerusform>
            <numerusform>%n changes, kept on this computer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) from the server failed the checks and were set aside; everything else was synced. Tell your IT support (they can see them on the server).</source>
        <translation>
            <numerusform>%n change from the server failed the checks and was set aside; everything else was synced. Tell your IT support (they can see it on the server).</numerusform>
            <numerusform>%n changes from the server failed the checks and were set aside; everything else was synced. Tell your IT support (they can see them on the server).</numerusform>
        </translation>
    </message>
    <message>
        <source>Not set up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out by the server: sign in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: your work is saved on this computer. Next try at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: your work is saved on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync did not succeed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes wait to be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ThinningDueView</name>
    <message>
        <source>Thinning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinning date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Five years after the last activity about a carer their record is thinned out (gallras) on the server and on every laptop. The date is estimated from this laptop&apos;s records; the server&apos;s run decides, never earlier than shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinned out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept for research, then leaves the laptops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept by the municipality, then leaves the laptops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept (no personal identity number), then leaves the laptops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No carer of your unit is due for thinning in the next %1 days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n carer(s) of your unit are due for thinning in the next %1 days.</source>
        <translation>
            <numerusform>%n carer of your unit are due for thinning in the next %1 days.</numerusform>
            <numerusform>%n carers of your unit are due for thinning in the next %1 days.</numerusform>
        </translation>
    </message>
    <message>
        <source>(due now)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnitListPrintDialog</name>
    <message>
        <source>Print the unit&apos;s list</source>
        <extracomment>The list is made again this long after the last change of option (as in the carer&apos;s print dialog).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swedish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Easy-to-read Swedish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Short-term &amp;unit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The short-term unit the list is for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the short-term unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit &amp;phone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hours:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Large &amp;print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours when carers can call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list holds the unit&apos;s routines and no personal data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list could not be made: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Here at the short-term unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PDF could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
