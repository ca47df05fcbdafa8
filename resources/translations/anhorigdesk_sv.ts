<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="sv" sourcelanguage="en">
<context>
    <name>AppController</name>
    <message>
        <source>AnhörigDesk</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The profiles could not be read: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CarerEditPage</name>
    <message>
        <source>Edit carer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New carer</source>
        <translation type="unfinished">Ny anhörig</translation>
    </message>
    <message>
        <source>Fields marked * are required. What you type is kept as a draft until you save.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Name *</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Personal identity number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Personal identity number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>P&amp;hone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>E-&amp;mail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Preferred &amp;language</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Preferred language</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Child carer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Child carer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Hours of care per &amp;week</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Hours of care per week</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Support &amp;contact</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Support contact</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>YYYYMMDD-NNNN</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Under 18: take extra care with consent and guardians</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The carer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cared-for persons</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Linked cared-for persons</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name of the person cared for</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Year of birth</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The cared-for person is the carer's</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Link</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Link the cared-for person</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Consent given by the carer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Given:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>How the consent was given</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Date the consent was given</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Me</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Restored from a draft.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>not saved yet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Draft saved.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Write the carer's name.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Check the personal identity number.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Carer saved.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not save: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CarerListModel</name>
    <message>
        <source>Name</source>
        <extracomment>(generation, milliseconds from request to rows in the model)</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Child carer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Last changed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Child</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ended</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CarerPage</name>
    <message>
        <source>Carer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New &amp;conversation</source>
        <translation type="unfinished">Nytt &amp;samtal</translation>
    </message>
    <message>
        <source>Start support &amp;plan</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Voluntariness check-&amp;in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>P&amp;rint…</source>
        <translation>Skriv &amp;ut…</translation>
    </message>
    <message>
        <source>Personal identity number:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Phone:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>E-mail:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Address:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Preferred language:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Hours of care per week:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Support contact:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cares for</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cared-for persons</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No cared-for person linked yet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Consent</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Consents</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No consent recorded yet. Ask the carer and record it under Edit.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The carer perspective</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Which entries to show</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Everything</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Timeline of entries</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Nothing recorded yet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Print &amp;entry…</source>
        <translation>Skriv ut &amp;anteckningen…</translation>
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
        <source>Child carer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ended</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>withdrawn %1</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n conversation(s), latest %1</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>Not touched on yet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Printing is not installed in this version.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CarersPage</name>
    <message>
        <source>Carers</source>
        <translation type="unfinished">Anhöriga</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name, phone, address or words from a note</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Search carers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Filter by unit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Filter by support contact</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>C&amp;hild carers only</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Show &amp;ended</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;New carer…</source>
        <translation type="unfinished">&amp;Ny anhörig…</translation>
    </message>
    <message>
        <source>All units</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All support contacts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Me</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n carer(s) found</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message numerus="yes">
        <source>%n carer(s) shown; scroll for more</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message numerus="yes">
        <source>%n carer(s)</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>No carer matches the search.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No carers yet. Register the first with New carer (Ctrl+N).</source>
        <translation type="unfinished" />
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
    <name>EntryPage</name>
    <message>
        <source>Saved as a draft while you write; Save puts it on the carer's timeline.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Close (keep draft)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Restored from a draft.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Draft saved.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saved on the timeline.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not save: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>FormWidget</name>
    <message>
        <source>YYYY-MM-DD</source>
        <extracomment>whether the question's conditions let it show (independent of Qt's queued show)</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Remove row</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add row</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Home</source>
        <translation>Hem</translation>
    </message>
    <message>
        <source>Carers you worked with lately, drafts you have not finished, and what is due.</source>
        <translation>Anhöriga du nyss har arbetat med, utkast som inte är klara och det som ska göras.</translation>
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
        <source>Check-ins and follow-ups appear here when scheduling is set up.</source>
        <translation>Avstämningar och uppföljningar visas här när planeringen är igång.</translation>
    </message>
    <message>
        <source>Carer details</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New carer</source>
        <translation type="unfinished">Ny anhörig</translation>
    </message>
</context>
<context>
    <name>IdentityPage</name>
    <message>
        <source>Welcome to AnhörigDesk</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Create your profile on this computer.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your profile keeps what you record encrypted on this computer. Each colleague who shares the computer has a profile of their own.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your &amp;unit:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your unit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>for example Anhörigstöd Norra</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>KeyPage</name>
    <message>
        <source>How to unlock the profile</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The key to your encrypted data is kept safe in one of two ways.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>With this computer's &amp;keychain (you sign in as usual)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>With a &amp;passphrase that I type each time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This computer has no secure keychain, so a passphrase is needed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Pass&amp;phrase:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished">Lösenfras</translation>
    </message>
    <message>
        <source>Repeat the passphrase</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>at least %n characters</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message numerus="yes">
        <source>The passphrase needs at least %n characters.</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Partner</source>
        <extracomment>the five parts of the carer perspective, as the samtal form's perspective_parts values</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Child</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Parent</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Sibling</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Friend</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Neighbour</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Details about them may be recorded</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Details may be shared with the care staff</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>We may contact them</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The support plan may be printed for them</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Verbally</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>In writing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Digitally</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Through a guardian</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Conversation</source>
        <translation type="unfinished">Samtal</translation>
    </message>
    <message>
        <source>Support plan</source>
        <translation>Stödplan</translation>
    </message>
    <message>
        <source>Voluntariness check-in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Short-term stay</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Handout printed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Seen and listened to</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Kept informed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Their care and their life</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Their knowledge used</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Their own need of support</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>On a home visit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>At the unit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>By phone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>By video</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Another way</source>
        <translation type="unfinished" />
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
        <translation type="unfinished" />
    </message>
    <message>
        <source>Arabic</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Somali</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Persian</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Bosnian</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Polish</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tigrinya</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Other language</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>AnhörigDesk is locked</source>
        <translation>AnhörigDesk är låst</translation>
    </message>
    <message>
        <source>Press Unlock to open the profile with the computer's keychain.</source>
        <translation>Tryck på Lås upp för att öppna profilen med datorns nyckelring.</translation>
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
        <source>Unlock</source>
        <translation>Lås upp</translation>
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
    <name>MainWindow</name>
    <message>
        <source>&amp;New carer…</source>
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
        <source>Edit the open carer's details</source>
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
        <source>&amp;Print…</source>
        <translation>Skriv &amp;ut…</translation>
    </message>
    <message>
        <source>Print a document for the open carer</source>
        <translation>Skriv ut ett dokument för den öppna anhöriga</translation>
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
        <source>Locked — AnhörigDesk</source>
        <translation>Låst — AnhörigDesk</translation>
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
</context>
<context>
    <name>NoteEditor</name>
    <message>
        <source>&amp;Date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;How</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Who took part *</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>What came &amp;up *</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Sharing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Date of the conversation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>How the conversation took place</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Who took part</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Roles, for example: the carer, home-care worker</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Conversation note</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>What matters for the support to the carer. What they tell in confidence about themselves does not belong in the cared-for person's file.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The conversation touched on</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Only in the carer's record</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>May be shared with colleagues in the care</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Write who took part.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Write what came up in the conversation.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>Print preview</source>
        <extracomment>Width in pixels of a page drawn by the fallback view.</extracomment>
        <translation>Förhandsgranskning</translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <source>Print</source>
        <extracomment>Wait this long after the last change of option before making the PDF again. Which entries each entry-based document can be made from. a printout was recorded on this carer's timeline (carer id) the document shown in the preview changed (its page count)</extracomment>
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
        <source>Large &amp;print:</source>
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
        <translation>Den anhöriga själv</translation>
    </message>
    <message>
        <source>Someone else (only with the carer's consent)</source>
        <translation>Någon annan (bara med den anhörigas samtycke)</translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation>Avstämning</translation>
    </message>
    <message>
        <source>&amp;Agreed:</source>
        <translation>Överens&amp;kommet:</translation>
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
        <source>&amp;Print…</source>
        <translation>Skriv &amp;ut…</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>Spara som &amp;PDF…</translation>
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
        <translation>Utskriften är till den anhöriga själv</translation>
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
        <source>Could not read the carer's record: %1</source>
        <translation>Den anhörigas uppgifter kunde inte läsas: %1</translation>
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
        <translation>Ingen stödplan har sparats för den här anhöriga ännu.</translation>
    </message>
    <message>
        <source>No voluntariness check-in has been recorded for this carer yet.</source>
        <translation>Ingen avstämning av frivillighet har sparats för den här anhöriga ännu.</translation>
    </message>
    <message>
        <source>No form has been recorded for this carer yet.</source>
        <translation>Inget formulär har sparats för den här anhöriga ännu.</translation>
    </message>
    <message>
        <source>This was told in confidence: it can only be printed for the carer themself.</source>
        <translation>Det här berättades i förtroende: det får bara skrivas ut till den anhöriga själv.</translation>
    </message>
    <message>
        <source>The carer has not agreed that this may be given to anyone else. Record the consent under Edit first, or print it for the carer.</source>
        <translation>Den anhöriga har inte samtyckt till att det här lämnas till någon annan. Registrera samtycket under Redigera först, eller skriv ut det till den anhöriga.</translation>
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
        <source>Nothing to show.</source>
        <translation>Inget att visa.</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation><numerusform>%n sida</numerusform><numerusform>%n sidor</numerusform></translation>
    </message>
    <message>
        <source>AnhörigDesk printout</source>
        <translation>Utskrift från AnhörigDesk</translation>
    </message>
    <message>
        <source>Printing failed: %1</source>
        <translation>Utskriften misslyckades: %1</translation>
    </message>
    <message>
        <source>Printing was cancelled; nothing was recorded.</source>
        <translation>Utskriften avbröts. Inget antecknades.</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Spara som PDF</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF-dokument (*.pdf)</translation>
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
        <source>Printed, but it could not be noted on the timeline: %1</source>
        <translation>Utskriven, men den kunde inte antecknas på tidslinjen: %1</translation>
    </message>
    <message>
        <source>Sent to the printer and noted on the timeline.</source>
        <translation>Skickad till skrivaren och antecknad på tidslinjen.</translation>
    </message>
    <message>
        <source>Saved as PDF and noted on the timeline.</source>
        <translation>Sparad som PDF och antecknad på tidslinjen.</translation>
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
    <name>PrintLabels</name>
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
        <source>Short-term stay list</source>
        <translation>Lista för korttidsvistelse</translation>
    </message>
    <message>
        <source>Recorded form</source>
        <translation>Sparat formulär</translation>
    </message>
    <message>
        <source>large print</source>
        <translation>stor stil</translation>
    </message>
    <message>
        <source>for someone else</source>
        <translation>till någon annan</translation>
    </message>
    <message>
        <source>saved as PDF</source>
        <translation>sparad som PDF</translation>
    </message>
    <message>
        <source>printed</source>
        <translation>utskriven</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation><numerusform>%n sida</numerusform><numerusform>%n sidor</numerusform></translation>
    </message>
</context>
<context>
    <name>ProfilePicker</name>
    <message>
        <source>Open profile — AnhörigDesk</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Who is working?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Profiles on this computer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Pass&amp;phrase:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished">Lösenfras</translation>
    </message>
    <message>
        <source>This profile is unlocked with the computer's keychain.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Open</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;New profile…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Type the passphrase first.</source>
        <translation type="unfinished">Skriv lösenfrasen först.</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ProfileWizard</name>
    <message>
        <source>New profile — AnhörigDesk</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Create profile</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Creating the profile…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
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
</context>
<context>
    <name>ShortTermPage</name>
    <message>
        <source>Short-term unit</source>
        <translation>Korttid</translation>
    </message>
    <message>
        <source>The unit's own list of what matters to carers during a stay: who does what, when, how and where, followed up each term.</source>
        <translation>Enhetens egen lista över det som är viktigt för anhöriga under en vistelse: vem gör vad, när, hur och var – följs upp varje termin.</translation>
    </message>
    <message>
        <source>This unit has no checklist yet. When one is defined, its stays are listed here.</source>
        <translation>Enheten har ingen checklista än. När en finns visas vistelserna här.</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Sync</source>
        <translation>Synk</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Läge:</translation>
    </message>
    <message>
        <source>Waiting to be sent:</source>
        <translation>Väntar på att skickas:</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Klar</translation>
    </message>
    <message>
        <source>Not set up on this computer</source>
        <translation>Inte inställd på den här datorn</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n ändring</numerusform>
            <numerusform>%n ändringar</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation>Synka &amp;nu</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Synka nu</translation>
    </message>
    <message>
        <source>Everything you write is saved on this computer first, encrypted. Sync sends it to the municipality's server when there is a connection.</source>
        <translation>Allt du skriver sparas först krypterat på den här datorn. Synken skickar det till kommunens server när det finns en uppkoppling.</translation>
    </message>
    <message>
        <source>Sync is not set up on this computer.</source>
        <translation>Synk är inte inställd på den här datorn.</translation>
    </message>
    <message>
        <source>Sync finished.</source>
        <translation>Synken är klar.</translation>
    </message>
    <message>
        <source>Sync failed; will try again later.</source>
        <translation>Synken misslyckades; ett nytt försök görs senare.</translation>
    </message>
</context>
</TS>