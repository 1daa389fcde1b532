"""The desktop's own services, spoken to over D-Bus: idle time, sleep and lock,
notifications with actions, global shortcuts.

Qt-free: the wire is jeepney (pure Python, already installed with keyring on Linux),
and waiting is left to whoever owns the event loop — `bus.Bus` is fed by the app's
loop (stint.ui.desktop_link puts a QSocketNotifier on its socket), so no call ever
blocks the GUI and no thread is needed. Each module here is one desktop interface:

    bus.py            the connection: async calls, signal subscriptions, name owners
    idle_monitor.py   GNOME's Mutter IdleMonitor, the freedesktop/KDE ScreenSaver
    session.py        logind (sleep, shutdown, the session's lock) and screen savers
    notifications.py  org.freedesktop.Notifications with actions
    shortcuts.py      the XDG portal's GlobalShortcuts

Why jeepney and not Qt's QtDBus (through the Python binding): the portal and
Notifications calls need exact D-Bus types (`a(sa{sv})`, `u`, `a{sv}` of variants),
which the binding cannot express (no QDBusArgument streaming of structs from Python),
and logind's sleep inhibitor is a file descriptor. jeepney states every signature explicitly, keeps this code testable
without Qt, and costs no new dependency.
"""
