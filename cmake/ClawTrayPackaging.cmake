# CPack: a DEB for Debian/Ubuntu (built and checked by tests/scripts/package_check.sh); NSIS and
# DragNDrop settings are here for Windows and macOS builds but are not tested.
# The OpenClaw gateway runtime (Node 24 + openclaw, ~600 MB) is deliberately not bundled.

set(CLAWTRAY_PACKAGE_MAINTAINER "ClawTray developers <packaging@clawtray.invalid>" CACHE STRING
    "Maintainer field of the packages")

set(CPACK_PACKAGE_NAME clawtray)
set(CPACK_PACKAGE_VENDOR "ClawTray developers")
set(CPACK_PACKAGE_CONTACT "${CLAWTRAY_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_INSTALL_DIRECTORY ClawTray)
set(CPACK_PACKAGE_EXECUTABLES clawtray ClawTray)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Native supervisor for the OpenClaw gateway (tray, headless, CLI)")
set(CPACK_PACKAGE_DESCRIPTION [=[
ClawTray owns a local OpenClaw gateway: it starts it, waits until it is ready,
watches its health, reconnects or restarts it when it crashes or hangs, and
shows state, health and logs from the system tray. It also runs headless
(clawtray --headless, with a systemd user unit) and is scriptable with
clawtray ctl (status, start, stop, restart --safe, reload, logs, diagnostics).
.
The gateway runtime is NOT included in this package: it needs Node.js 24 and
the openclaw npm package (about 600 MB). Install them for your user with
  clawtray-install-runtime
(needs npm: sudo apt install npm), which puts them in
~/.local/share/clawtray/runtime where ClawTray looks by default, or set
runtime/nodePath and runtime/openclawDir in ~/.config/clawtray/clawtray.ini.]=])

# Debian
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CLAWTRAY_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
if(CLAWTRAY_BUILD_UI)
  # Loaded as a plugin (the SVG icon engine for the tray's icons), so shlibdeps cannot see it.
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6svg6")
endif()
# npm fetches the runtime; a Secret Service provider keeps the gateway token in the keychain.
# npm fetches the runtime; Qt's own translations give the standard buttons the desktop's language.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "npm, qt6-translations-l10n")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "gnome-keyring | keepassxc | kwalletmanager")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

# Windows (untested)
set(CPACK_NSIS_DISPLAY_NAME ClawTray)
set(CPACK_NSIS_PACKAGE_NAME ClawTray)
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_INSTALLED_ICON_NAME bin/clawtray-desktop.exe)
# macOS (untested)
set(CPACK_DMG_VOLUME_NAME ClawTray)

if(WIN32)
  set(CPACK_GENERATOR NSIS)
elseif(APPLE)
  set(CPACK_GENERATOR DragNDrop)
else()
  set(CPACK_GENERATOR DEB)
endif()

include(CPack)
