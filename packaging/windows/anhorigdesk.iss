; Inno Setup script of the AnhörigDesk installer for Windows (UNTESTED: it cannot be built on
; the project's Linux machines; see packaging/windows/README.md).
;
;   1. on Windows, from the repository: uv sync --locked --no-default-groups --group packaging
;      then: uv run --no-default-groups --group packaging python packaging/make_icons.py
;      and:  uv run --no-default-groups --group packaging pyinstaller packaging/anhorigdesk.spec --noconfirm
;      (the bundle: dist\AnhorigDesk\AnhorigDesk.exe)
;   2. "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\anhorigdesk.iss
;      (the installer: build\packaging\AnhorigDesk-0.1.0-setup.exe)
;
; Per machine (Program Files, needs administrator rights: what an IT department deploys, also
; silently: AnhorigDesk-0.1.0-setup.exe /VERYSILENT /NORESTART), a Start-menu entry, and the
; users' data is never touched: profiles live in each user's %LOCALAPPDATA%\AnhorigDesk,
; which neither an upgrade (same AppId) nor the uninstaller removes.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define RepoRoot AddBackslash(SourcePath) + "..\.."

[Setup]
; the AppId ties upgrades and the uninstaller together: never change it
AppId={{6F1E5C8A-3B7D-4C2E-9A41-7D0B2E8F5A13}
AppName=AnhörigDesk
AppVersion={#AppVersion}
AppVerName=AnhörigDesk {#AppVersion}
AppPublisher=AnhörigDesk
DefaultDirName={autopf}\AnhorigDesk
DefaultGroupName=AnhörigDesk
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#RepoRoot}\build\packaging
OutputBaseFilename=AnhorigDesk-{#AppVersion}-setup
SetupIconFile={#RepoRoot}\build\packaging\icons\anhorigdesk.ico
UninstallDisplayIcon={app}\AnhorigDesk.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no
VersionInfoVersion={#AppVersion}
VersionInfoProductName=AnhörigDesk

[Languages]
Name: "swedish"; MessagesFile: "compiler:Languages\Swedish.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; an upgrade replaces the program folder's contents (old modules must not linger); user data
; is not there
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#RepoRoot}\dist\AnhorigDesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\AnhörigDesk"; Filename: "{app}\AnhorigDesk.exe"; Comment: "Stöd till anhöriga"
Name: "{autodesktop}\AnhörigDesk"; Filename: "{app}\AnhorigDesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\AnhorigDesk.exe"; Description: "{cm:LaunchProgram,AnhörigDesk}"; Flags: nowait postinstall skipifsilent unchecked

[UninstallDelete]
; only the program folder; %LOCALAPPDATA%\AnhorigDesk (the profiles) stays
Type: filesandordirs; Name: "{app}\_internal"
