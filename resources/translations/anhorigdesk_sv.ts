<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="sv" sourcelanguage="en">
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
        <translation><numerusform>%n ändring inte synkad</numerusform><numerusform>%n ändringar inte synkade</numerusform></translation>
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
        <translation><numerusform>%n ändring</numerusform><numerusform>%n ändringar</numerusform></translation>
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