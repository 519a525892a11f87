# Install rules beyond the binaries (those are in app/CMakeLists.txt): desktop integration, the
# systemd user unit, icons and the runtime installer. Layout from GNUInstallDirs.

set(CLAWTRAY_SYSTEMD_USER_UNIT_DIR "lib/systemd/user" CACHE STRING
    "Where the systemd user unit goes (relative paths are under the install prefix)")
set(_installer ${CMAKE_CURRENT_SOURCE_DIR}/installer)
set(_generated ${CMAKE_CURRENT_BINARY_DIR}/installer)

# The unit names the binary by absolute path. The prefix is only final at install time (CPack
# installs into its own prefix, /usr for the DEB), so the unit is generated then, not at configure.
install(CODE "
  set(CMAKE_INSTALL_FULL_BINDIR \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\")
  configure_file(\"${_installer}/clawtray.service.in\" \"${_generated}/clawtray.service\" @ONLY)
")
install(FILES ${_generated}/clawtray.service DESTINATION ${CLAWTRAY_SYSTEMD_USER_UNIT_DIR})

install(FILES ${_installer}/clawtray.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${_installer}/dev.clawtray.ClawTray.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)

# The gateway runtime is not packaged; this script fetches the versions scripts/setup.sh pins.
file(STRINGS ${CMAKE_CURRENT_SOURCE_DIR}/scripts/setup.sh _pins REGEX "^(NODE|OPENCLAW)_VERSION=")
foreach(_pin IN LISTS _pins)
  if(_pin MATCHES "^(NODE|OPENCLAW)_VERSION=\"([^\"]+)\"")
    set(CLAWTRAY_${CMAKE_MATCH_1}_VERSION ${CMAKE_MATCH_2})
  endif()
endforeach()
if(NOT CLAWTRAY_NODE_VERSION OR NOT CLAWTRAY_OPENCLAW_VERSION)
  message(FATAL_ERROR "scripts/setup.sh must pin NODE_VERSION and OPENCLAW_VERSION (read by cmake/ClawTrayInstall.cmake)")
endif()
configure_file(${_installer}/clawtray-install-runtime.in ${_generated}/clawtray-install-runtime @ONLY)
install(PROGRAMS ${_generated}/clawtray-install-runtime DESTINATION ${CMAKE_INSTALL_BINDIR})

# Icons: the app icon and the tray's status icons (resources/ is owned by the UI; install what is
# there at configure time).
set(_icons ${CMAKE_CURRENT_SOURCE_DIR}/resources/icons)
if(EXISTS ${_icons}/clawtray.svg)
  install(FILES ${_icons}/clawtray.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
endif()
file(GLOB _status_icons CONFIGURE_DEPENDS ${_icons}/status/*.svg)
if(_status_icons)
  install(FILES ${_status_icons} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/status)
endif()
