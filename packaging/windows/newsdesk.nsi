; Newsdesk installer for Windows (NSIS 3).
;   makensis -DVERSION=0.1.0rc1 -DVERSION_NUMERIC=0.1.0.0 -DSOURCE_DIR=..\..\dist\newsdesk
;            -DLICENSE_FILE=..\..\LICENSE -DICON=..\..\build\icons\newsdesk.ico
;            -DOUT_FILE=..\..\dist\newsdesk-0.1.0rc1-windows-x64-setup.exe newsdesk.nsi
; (packaging/windows/build.sh passes these; VERSION may be a pre-release, VERSION_NUMERIC
; is its four numbers, from packaging/versions.py --numeric.)
; Per-user (no administrator rights) or per-machine install, chosen on a page or with
; /AllUsers or /CurrentUser on the command line; the licence shown; Start-menu shortcut;
; uninstaller registered in Apps & features; optional "Open with Newsdesk" for .md files.
; Installing or uninstalling while Newsdesk runs asks to close it first; the uninstaller
; offers (unticked) to remove the settings, caches and logs, never the journal of unsaved edits.
Unicode true
!ifdef NO_COMPRESSION  ; for checking the script quickly (CI on Linux)
  SetCompress off
!else
  SetCompressor /SOLID lzma
!endif
ManifestDPIAware true

!ifndef VERSION
  !error "define VERSION"
!endif
!ifndef VERSION_NUMERIC
  !error "define VERSION_NUMERIC (four numbers: packaging/versions.py --numeric)"
!endif
!ifndef SOURCE_DIR
  !error "define SOURCE_DIR (the PyInstaller onedir bundle)"
!endif
!ifndef LICENSE_FILE
  !error "define LICENSE_FILE (the repository's LICENSE)"
!endif
!ifndef OUT_FILE
  !define OUT_FILE "newsdesk-${VERSION}-setup.exe"
!endif

!define APP_NAME "Newsdesk"
!define APP_EXE "newsdesk.exe"
!define CLI_EXE "newsdesk-cli.exe"
!define APP_ID "io.github.newsdesk.Newsdesk"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"

Name "${APP_NAME}"
OutFile "${OUT_FILE}"
BrandingText "${APP_NAME} ${VERSION}"
VIProductVersion "${VERSION_NUMERIC}"
VIFileVersion "${VERSION_NUMERIC}"
VIAddVersionKey "ProductName" "${APP_NAME}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "${APP_NAME} installer"
VIAddVersionKey "LegalCopyright" "Newsdesk developers, MIT licence"

; ---- per-user or per-machine -------------------------------------------------------
!define MULTIUSER_EXECUTIONLEVEL Highest
!define MULTIUSER_MUI
!define MULTIUSER_INSTALLMODE_COMMANDLINE
!define MULTIUSER_USE_PROGRAMFILES64
!define MULTIUSER_INSTALLMODE_INSTDIR "${APP_NAME}"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_KEY "${UNINSTALL_KEY}"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_VALUENAME "InstallMode"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_KEY "${UNINSTALL_KEY}"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_VALUENAME "InstallLocation"
!include MultiUser.nsh
!include MUI2.nsh
!include FileFunc.nsh
!include StrFunc.nsh

!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Start ${APP_NAME}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_LICENSE "${LICENSE_FILE}"
!insertmacro MULTIUSER_PAGE_INSTALLMODE
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

; ---- Newsdesk must not be running: its files are in use and its edits unsaved -------------
!macro CHECK_NOT_RUNNING UN
Function ${UN}CheckNotRunning
  again:
    nsExec::ExecToStack 'tasklist /FI "IMAGENAME eq ${APP_EXE}" /FO CSV /NH'
    Pop $0  ; exit code
    Pop $1  ; output: a CSV row per running process, or an "INFO: no tasks" line
    !if "${UN}" == ""
      ${StrStr} $2 $1 '"${APP_EXE}"'
    !else
      ${UnStrStr} $2 $1 '"${APP_EXE}"'
    !endif
    StrCmp $2 "" done
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION \
      "${APP_NAME} is running. Save your work and close it, then click Retry." /SD IDCANCEL IDRETRY again
    Abort
  done:
FunctionEnd
!macroend
!insertmacro CHECK_NOT_RUNNING ""
!insertmacro CHECK_NOT_RUNNING "un."

Function .onInit
  !insertmacro MULTIUSER_INIT
  Call CheckNotRunning
FunctionEnd

Function un.onInit
  !insertmacro MULTIUSER_UNINIT
  Call un.CheckNotRunning
FunctionEnd

; ---- what is installed ----------------------------------------------------------------
Section "!${APP_NAME}" SecApp
  SectionIn RO
  SetOutPath "$INSTDIR"
  RMDir /r "$INSTDIR\_internal"  ; an older version's files must not linger
  File /r "${SOURCE_DIR}\*.*"
  WriteUninstaller "$INSTDIR\Uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "URLInfoAbout" "https://github.com/newsdesk/newsdesk"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "Publisher" "Newsdesk developers"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "InstallMode" "$MultiUser.InstallMode"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Uninstall.exe" /$MultiUser.InstallMode'
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /$MultiUser.InstallMode /S'
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section /o "Offer Newsdesk in Open With for .md files" SecAssoc
  WriteRegStr SHCTX "Software\Classes\Applications\${APP_EXE}\shell\open\command" "" '"$INSTDIR\${APP_EXE}" "%1"'
  WriteRegStr SHCTX "Software\Classes\Applications\${APP_EXE}" "FriendlyAppName" "${APP_NAME}"
  WriteRegStr SHCTX "Software\Classes\.md\OpenWithList\${APP_EXE}" "" ""
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "Association" "1"
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecApp} "The Newsdesk program and its Start-menu shortcut."
  !insertmacro MUI_DESCRIPTION_TEXT ${SecAssoc} "Lists Newsdesk under Open With for Markdown articles; does not change the default program."
!insertmacro MUI_FUNCTION_DESCRIPTION_END

Section "un.${APP_NAME}" UnSecApp
  SectionIn RO
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\Uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey SHCTX "Software\Classes\Applications\${APP_EXE}"
  DeleteRegValue SHCTX "Software\Classes\.md\OpenWithList\${APP_EXE}" ""
  DeleteRegKey /ifempty SHCTX "Software\Classes\.md\OpenWithList\${APP_EXE}"
  DeleteRegKey SHCTX "${UNINSTALL_KEY}"
SectionEnd

; Unticked: a reinstall keeps the columns, recent folders and caches. The journal of
; unsaved edits (%APPDATA%\Newsdesk\*.journal) is never removed here.
Section /o "un.Remove my settings, caches and logs" UnSecSettings
  SetShellVarContext current
  Delete "$APPDATA\Newsdesk\Newsdesk.ini"
  RMDir "$APPDATA\Newsdesk"  ; only if nothing else (a journal) is left
  RMDir /r "$LOCALAPPDATA\Newsdesk\Cache"
  RMDir /r "$LOCALAPPDATA\Newsdesk\Logs"
  RMDir "$LOCALAPPDATA\Newsdesk"
SectionEnd

!insertmacro MUI_UNFUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${UnSecApp} "The Newsdesk program, its shortcut and registration."
  !insertmacro MUI_DESCRIPTION_TEXT ${UnSecSettings} "Your Newsdesk settings (columns, recent folders), the index caches and the log files. Unsaved edits kept in the journal stay."
!insertmacro MUI_UNFUNCTION_DESCRIPTION_END
