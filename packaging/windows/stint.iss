; Inno Setup script for Stint on Windows (Inno Setup 6).
;   pyinstaller packaging\stint.spec       -> dist\stint\ (stint.exe, stintw.exe, _internal\)
;   iscc packaging\windows\stint.iss       -> dist\stint-<version>-windows-x64-setup.exe
; A per-user install by default (no administrator needed), like the Linux install.sh;
; the user can choose an all-users install in the first dialog.

#define AppVersion "0.1.0"
#define AppExe "stintw.exe"

[Setup]
AppId={{6F1D3C2A-4B7E-4E9A-9C55-2D8B0E7A1F43}
AppName=Stint
AppVersion={#AppVersion}
AppPublisher=The Stint developers
AppComments=Offline-first time tracker in the system tray
DefaultDirName={autopf}\Stint
DefaultGroupName=Stint
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=stint-{#AppVersion}-windows-x64-setup
SetupIconFile=stint.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName=Stint
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; Stint may be running in the tray while it is upgraded or removed: ask it to close.
CloseApplications=yes

[Tasks]
Name: "autostart"; Description: "Start Stint when I sign in"; GroupDescription: "Options:"; Flags: unchecked
Name: "desktopicon"; Description: "Create a desktop shortcut"; GroupDescription: "Options:"; Flags: unchecked

[Files]
; The whole one-folder bundle: stint.exe (console, for the command line), stintw.exe
; (no console, for shortcuts and autostart) and the shared _internal\ folder.
Source: "..\..\dist\stint\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Stint"; Filename: "{app}\{#AppExe}"; Comment: "Time tracker in the system tray"
Name: "{group}\Uninstall Stint"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Stint"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; The same value the settings dialog's "Start on login" writes (stint.autostart: HKCU
; ...\Run, value "Stint"), so the two agree and either can switch it off.
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; ValueName: "Stint"; ValueData: """{app}\{#AppExe}"""; Flags: uninsdeletevalue; Tasks: autostart
; Removed on uninstall even when the app, not this installer, created it.
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: none; ValueName: "Stint"; Flags: uninsdeletevalue

[Run]
Filename: "{app}\{#AppExe}"; Description: "Start Stint now"; Flags: nowait postinstall skipifsilent

; Your database and settings (%LOCALAPPDATA%\stint) are not removed on uninstall.
