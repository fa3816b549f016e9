; Inno Setup 6 script for VisitApp on Windows: a per-machine install under Program Files, a Start menu entry,
; silent install for deployment tools, and upgrade in place (the fixed AppId below ties every version together).
; NOT BUILT OR TESTED ON THE DEVELOPMENT MACHINE (Linux); see installers/README.md for the steps.
;
; Build, from the repository root, after `py installers\build.py` has made dist\visitapp and build\icons:
;   iscc /DAppVersion=0.1.0 installers\windows\visitapp.iss
; Silent install:    VisitApp-0.1.0-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /LOG="%TEMP%\visitapp-setup.log"
; Silent uninstall:  "%ProgramFiles%\VisitApp\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
; Neither touches the workers' vaults, which live in each user's %LOCALAPPDATA%\VisitApp.

#ifndef AppVersion
  #error Pass the version from pyproject.toml: iscc /DAppVersion=X.Y.Z installers\windows\visitapp.iss
#endif

[Setup]
; Never change this AppId: it is how Windows knows a new version replaces the old one.
AppId={{B8F18231-6715-4295-B9BA-FDA7C2800C03}
AppName=VisitApp
AppVersion={#AppVersion}
AppVerName=VisitApp {#AppVersion}
AppPublisher=VisitApp team
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\VisitApp
DisableDirPage=yes
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=VisitApp-{#AppVersion}-setup
SetupIconFile=..\..\build\icons\visitapp.ico
UninstallDisplayIcon={app}\VisitApp.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; An upgrade while VisitApp is open: ask it to close (it saves and locks on a polite close), then replace it.
CloseApplications=yes
RestartApplications=no
; Signing: define SignTool "signtool" in the Inno Setup IDE or pass /S"signtool=..." to iscc (README), then
; uncomment the next line so the installer and uninstaller are signed too.
; SignTool=signtool

[InstallDelete]
; Upgrade in place: remove the previous version's libraries first, so none of them lingers beside the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\..\dist\visitapp\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\VisitApp"; Filename: "{app}\VisitApp.exe"; Comment: "Record home visits offline, encrypted"

[Run]
Filename: "{app}\VisitApp.exe"; Description: "Start VisitApp"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] for user folders, on purpose: uninstalling leaves every worker's vault where it is.
