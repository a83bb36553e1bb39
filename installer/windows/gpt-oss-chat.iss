; Inno Setup 6 script: a per-user installer (no administrator rights) for the PyInstaller folder.
;
;   python packaging\build.py
;   iscc /DAppVersion=0.1.0 installer\windows\gpt-oss-chat.iss        -> dist\gpt-oss-chat-0.1.0-setup.exe
;
; Installs to %LOCALAPPDATA%\Programs\gpt-oss Chat, adds a Start menu entry (and, if ticked, a desktop shortcut),
; opens .gguf files with the app, and on uninstall asks whether to delete the user's data as well.
; Paths in this file are relative to this file (Inno Setup's SourceDir). Saved as UTF-8 with a BOM, so that Inno
; Setup reads the Japanese messages as UTF-8. Needs Inno Setup 6.3 or later (x64compatible).

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z (pyproject.toml's version)
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\gpt-oss-chat"
#endif
#define AppName "gpt-oss Chat"
#define AppExe "gpt-oss-chat.exe"
#define AppId "io.github.gptosschat.GptOssChat"
#define ProgId "io.github.gptosschat.GptOssChat.gguf"

[Setup]
AppId={#AppId}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The gpt-oss Chat contributors
AppPublisherURL=https://github.com/gptosschat/gpt-oss-chat
VersionInfoVersion={#AppVersion}
; Per user: {autopf} is %LOCALAPPDATA%\Programs, registry roots HKA are HKCU, shortcuts go to the user's menus.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 runs on Windows 10 1809 and later.
MinVersion=10.0.17763
OutputDir=..\..\dist
OutputBaseFilename=gpt-oss-chat-{#AppVersion}-setup
SetupIconFile=..\..\assets\icons\gpt-oss-chat.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"

[CustomMessages]
english.GgufFile=GGUF model
japanese.GgufFile=GGUF モデル
english.DeleteUserData=Also delete your conversations, settings, logs and downloaded models?%n%n%1%n%nChoose No to keep them for a later installation.
japanese.DeleteUserData=会話、設定、ログ、ダウンロードしたモデルも削除しますか？%n%n%1%n%n「いいえ」を選ぶと、次のインストールのために残します。

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; AppUserModelID: "{#AppId}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; AppUserModelID: "{#AppId}"; Tasks: desktopicon

[Registry]
; .gguf opens with the app: a ProgID, the extension pointing at it, and the app listed under "Open with".
Root: HKA; Subkey: "Software\Classes\.gguf"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.gguf\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:GgufFile}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" --model ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".gguf"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
{ Where the app keeps the user's data on Windows: platformdirs with appname = appauthor = "gpt-oss-chat"
  (app/core/paths.py), all under %LOCALAPPDATA%\gpt-oss-chat:
    data and config  %LOCALAPPDATA%\gpt-oss-chat\gpt-oss-chat          conversations.sqlite3, settings.json, window.ini
    models           %LOCALAPPDATA%\gpt-oss-chat\gpt-oss-chat\models   downloaded and imported .gguf files
    cache            %LOCALAPPDATA%\gpt-oss-chat\gpt-oss-chat\Cache
    logs             %LOCALAPPDATA%\gpt-oss-chat\gpt-oss-chat\Logs
  API keys for remote servers are in the Windows Credential Manager (service "gpt-oss-chat"), which this leaves alone.
  A silent uninstall keeps everything. }
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataRoot: String;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    DataRoot := ExpandConstant('{localappdata}\gpt-oss-chat');
    if DirExists(DataRoot) and not UninstallSilent then
      if MsgBox(FmtMessage(CustomMessage('DeleteUserData'), [DataRoot]), mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
        DelTree(DataRoot, True, True, True);
  end;
end;
