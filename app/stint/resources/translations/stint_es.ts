<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Stint</source>
        <translation>Acerca de Stint</translation>
    </message>
    <message>
        <source>Data:</source>
        <translation>Datos:</translation>
    </message>
    <message>
        <source>Settings:</source>
        <translation>Preferencias:</translation>
    </message>
    <message>
        <source>Logs:</source>
        <translation>Registros:</translation>
    </message>
    <message>
        <source>A time tracker for your tasks on your own servers; it keeps working offline.</source>
        <translation>Un registro de tiempo para tus tareas en tus propios servidores; sigue funcionando sin conexión.</translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <source>Add account</source>
        <translation>Añadir cuenta</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Probar</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Añadir</translation>
    </message>
    <message>
        <source>Sign in again</source>
        <translation>Iniciar sesión de nuevo</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Iniciar sesión</translation>
    </message>
    <message>
        <source>%1 — %2 at %3</source>
        <translation>%1 — %2 en %3</translation>
    </message>
    <message>
        <source>%1 reads its token from the variable %2, which is not set for the desktop app: started from a menu or at login, it does not see the variables your shell sets. Give the token here and Stint keeps it in the system keyring instead.</source>
        <translation>%1 lee su token de la variable %2, que no está definida para la aplicación de escritorio: iniciada desde un menú o al entrar en la sesión, no ve las variables que define tu terminal. Escribe aquí el token y Stint lo guardará en el llavero del sistema.</translation>
    </message>
    <message>
        <source>This computer has no system keyring (a password store such as GNOME Keyring or KWallet), so Stint cannot keep the token itself. Choose “Read from an environment variable” instead: Stint then reads the token, each time it syncs, from a variable you set where your desktop session starts (for example in ~/.profile), and never writes it anywhere; start Stint again after setting it. A browser sign-in needs the keyring.</source>
        <translation>Este equipo no tiene llavero del sistema (un almacén de contraseñas como GNOME Keyring o KWallet), así que Stint no puede guardar el token por sí mismo. Elige «Leer de una variable de entorno»: Stint leerá el token, cada vez que sincronice, de una variable que definas donde empieza tu sesión de escritorio (por ejemplo en ~/.profile), y nunca lo escribirá en ningún sitio; vuelve a iniciar Stint después de definirla. Iniciar sesión con el navegador necesita el llavero.</translation>
    </message>
    <message>
        <source>Checking with the server…</source>
        <translation>Comprobando con el servidor…</translation>
    </message>
    <message>
        <source>It works: signed in as %1; %2 tasks to bring in. Nothing was stored.</source>
        <translation>Funciona: sesión de %1; %2 tareas por traer. No se ha guardado nada.</translation>
    </message>
    <message>
        <source>Sign in in your browser (waiting up to 5 minutes). If it did not open, go to this address: %1</source>
        <translation>Inicia sesión en el navegador (se espera hasta 5 minutos). Si no se abrió, ve a esta dirección: %1</translation>
    </message>
</context>
<context>
    <name>AccountForm</name>
    <message>
        <source>only for a confidential app</source>
        <translation>solo para una aplicación confidencial</translation>
    </message>
    <message>
        <source>System keyring</source>
        <translation>Llavero del sistema</translation>
    </message>
    <message>
        <source>Read from an environment variable</source>
        <translation>Leer de una variable de entorno</translation>
    </message>
    <message>
        <source>Allow insecure http (not https) to this server</source>
        <translation>Permitir http inseguro (no https) con este servidor</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nombre</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>&amp;Tipo</translation>
    </message>
    <message>
        <source>&amp;URL</source>
        <translation>&amp;URL</translation>
    </message>
    <message>
        <source>&amp;Sign in with</source>
        <translation>&amp;Iniciar sesión con</translation>
    </message>
    <message>
        <source>&amp;Token</source>
        <translation>&amp;Token</translation>
    </message>
    <message>
        <source>&amp;Username</source>
        <translation>&amp;Usuario</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Contraseña</translation>
    </message>
    <message>
        <source>&amp;Client id</source>
        <translation>Id de &amp;cliente</translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation>Secreto del cliente</translation>
    </message>
    <message>
        <source>Keep the secret in</source>
        <translation>Guardar el secreto en</translation>
    </message>
    <message>
        <source>&amp;Variable name</source>
        <translation>Nombre de la &amp;variable</translation>
    </message>
    <message>
        <source>Other options</source>
        <translation>Otras opciones</translation>
    </message>
    <message>
        <source>One KEY=VALUE per line</source>
        <translation>Un CLAVE=VALOR por línea</translation>
    </message>
    <message>
        <source>Give the client id of the app registered on the server</source>
        <translation>Indica el id de cliente de la aplicación registrada en el servidor</translation>
    </message>
    <message>
        <source>API &amp;key</source>
        <translation>&amp;Clave de API</translation>
    </message>
    <message>
        <source>API &amp;token</source>
        <translation>&amp;Token de API</translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="vanished">Clave de API</translation>
    </message>
    <message>
        <source>API token</source>
        <translation type="vanished">Token de API</translation>
    </message>
    <message>
        <source>Username and password</source>
        <translation>Usuario y contraseña</translation>
    </message>
    <message>
        <source>Sign in with the browser</source>
        <translation>Iniciar sesión con el navegador</translation>
    </message>
    <message>
        <source>Password &amp;variable</source>
        <translation>&amp;Variable de la contraseña</translation>
    </message>
    <message>
        <source>Token &amp;variable</source>
        <translation>&amp;Variable del token</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>Tablero</translation>
    </message>
    <message>
        <source>Boards</source>
        <translation>Tableros</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Proyecto</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Actividad</translation>
    </message>
    <message>
        <source>Tracker id</source>
        <translation>Id del tipo de petición</translation>
    </message>
    <message>
        <source>default board, name or id (optional)</source>
        <translation>tablero por defecto, nombre o id (opcional)</translation>
    </message>
    <message>
        <source>only these boards, comma-separated (optional)</source>
        <translation>solo estos tableros, separados por comas (opcional)</translation>
    </message>
    <message>
        <source>default project (optional)</source>
        <translation>proyecto por defecto (opcional)</translation>
    </message>
    <message>
        <source>time entry activity, id or name</source>
        <translation>actividad de las horas, id o nombre</translation>
    </message>
    <message>
        <source>tracker for new issues (optional)</source>
        <translation>tipo de las peticiones nuevas (opcional)</translation>
    </message>
    <message>
        <source>(optional)</source>
        <translation>(opcional)</translation>
    </message>
    <message>
        <source>Give the username</source>
        <translation>Indica el usuario</translation>
    </message>
    <message>
        <source>The environment variable %1 is not set</source>
        <translation>La variable de entorno %1 no está definida</translation>
    </message>
    <message>
        <source>Give the password</source>
        <translation>Indica la contraseña</translation>
    </message>
    <message>
        <source>Give the token</source>
        <translation>Indica el token</translation>
    </message>
    <message>
        <source>Not KEY=VALUE: %1</source>
        <translation>No es CLAVE=VALOR: %1</translation>
    </message>
</context>
<context>
    <name>AccountsPanel</name>
    <message>
        <source>Accounts</source>
        <translation>Cuentas</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Último error</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Añadir…</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Probar</translation>
    </message>
    <message>
        <source>Sign in again…</source>
        <translation>Iniciar sesión de nuevo…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Added %1 (signed in as %2): %3 tasks</source>
        <translation>Añadida %1 (sesión de %2): %3 tareas</translation>
    </message>
    <message>
        <source>%1: signed in as %2; queued changes go out at the next sync</source>
        <translation>%1: sesión de %2; los cambios en cola se envían en la próxima sincronización</translation>
    </message>
    <message>
        <source>Testing %1…</source>
        <translation>Probando %1…</translation>
    </message>
    <message>
        <source>%1 works (signed in as %2)</source>
        <translation>%1 funciona (sesión de %2)</translation>
    </message>
    <message>
        <source>Remove account</source>
        <translation>Quitar cuenta</translation>
    </message>
    <message>
        <source>Remove %1 with its tasks, entries and unsent changes from this computer? The server keeps its copy.</source>
        <translation>¿Quitar %1 de este equipo con sus tareas, registros y cambios sin enviar? El servidor conserva su copia.</translation>
    </message>
</context>
<context>
    <name>AwayQuestion</name>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <source>{hours} h {minutes:02d} min</source>
        <translation>{hours} h {minutes:02d} min</translation>
    </message>
    <message>
        <source>The screen was locked for {span} (since {since}) while “{title}” was running.</source>
        <translation>La pantalla estuvo bloqueada {span} (desde las {since}) mientras «{title}» estaba en marcha.</translation>
    </message>
    <message>
        <source>The computer was asleep for {span} (since {since}) while “{title}” was running.</source>
        <translation>El ordenador estuvo en suspensión {span} (desde las {since}) mientras «{title}» estaba en marcha.</translation>
    </message>
    <message>
        <source>Stint was not running for {span} (since {since}: the computer was off, or Stint was stopped) while “{title}” was running.</source>
        <translation>Stint no estuvo en funcionamiento {span} (desde las {since}: el ordenador estaba apagado o Stint se detuvo) mientras «{title}» estaba en marcha.</translation>
    </message>
    <message>
        <source>You were away for {span} (since {since}) while “{title}” was running.</source>
        <translation>Estuviste fuera {span} (desde las {since}) mientras «{title}» estaba en marcha.</translation>
    </message>
    <message>
        <source>What should happen to that time?</source>
        <translation>¿Qué hacemos con ese tiempo?</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message numerus="yes">
        <source>+%n more</source>
        <translation>
            <numerusform>+%n más</numerusform>
            <numerusform>+%n más</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DailyBackup</name>
    <message>
        <source>The daily backup failed: {error}</source>
        <translation>La copia de seguridad diaria ha fallado: {error}</translation>
    </message>
</context>
<context>
    <name>DamagedDialog</name>
    <message>
        <source>The database is damaged</source>
        <translation>La base de datos está dañada</translation>
    </message>
    <message>
        <source>Restore this backup</source>
        <translation>Restaurar esta copia</translation>
    </message>
    <message>
        <source>Quit Stint</source>
        <translation>Salir de Stint</translation>
    </message>
    <message>
        <source>Stint&apos;s database {path} is damaged ({problem}), so Stint has not opened it and has written nothing to it.</source>
        <translation>La base de datos de Stint {path} está dañada ({problem}), así que Stint no la ha abierto ni ha escrito nada en ella.</translation>
    </message>
    <message>
        <source>There is no sound backup to restore. Run `stint doctor` in a terminal for details; `stint restore FILE` puts a copy you have elsewhere in its place.</source>
        <translation>No hay ninguna copia de seguridad sana que restaurar. Ejecute `stint doctor` en un terminal para ver los detalles; `stint restore ARCHIVO` pone en su lugar una copia que tenga en otro sitio.</translation>
    </message>
    <message>
        <source>The last good backup is from {when} ({name}). Restore it? What was recorded after it is not in it. The damaged database is kept in the backups folder.</source>
        <translation>La última copia de seguridad buena es del {when} ({name}). ¿Restaurarla? Lo registrado después no está en ella. La base de datos dañada se guarda en la carpeta de copias.</translation>
    </message>
    <message>
        <source>The backup could not be restored: {error}</source>
        <translation>No se ha podido restaurar la copia: {error}</translation>
    </message>
</context>
<context>
    <name>DayModel</name>
    <message>
        <source>Start</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <source>Project · task</source>
        <translation>Proyecto · tarea</translation>
    </message>
    <message>
        <source>Account: %1</source>
        <translation>Cuenta: %1</translation>
    </message>
    <message>
        <source>Began on %1 at %2</source>
        <translation>Empezó el %1 a las %2</translation>
    </message>
    <message>
        <source>Still running</source>
        <translation>Sigue en marcha</translation>
    </message>
    <message>
        <source>Goes on until %1 at %2</source>
        <translation>Sigue hasta el %1 a las %2</translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="vanished">Tarea</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sincronización</translation>
    </message>
    <message>
        <source>local task</source>
        <translation type="vanished">tarea local</translation>
    </message>
    <message>
        <source>waiting to sync</source>
        <translation type="vanished">pendiente de sincronizar</translation>
    </message>
    <message>
        <source>synced</source>
        <translation type="vanished">sincronizado</translation>
    </message>
    <message>
        <source>local only</source>
        <translation type="vanished">solo local</translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="vanished">fallido</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation type="vanished">conflicto</translation>
    </message>
    <message>
        <source>running</source>
        <translation type="vanished">en marcha</translation>
    </message>
</context>
<context>
    <name>DayTimeline</name>
    <message>
        <source>Click a free time to add an entry there; drag an entry&apos;s edge to change it</source>
        <translation>Pulsa en un hueco libre para añadir un registro ahí; arrastra el borde de un registro para cambiar su hora</translation>
    </message>
    <message>
        <source>Click to add an entry: %1–%2</source>
        <translation>Pulsa para añadir un registro: %1–%2</translation>
    </message>
</context>
<context>
    <name>DayView</name>
    <message>
        <source>◀ Previous</source>
        <translation>◀ Anterior</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>Siguiente ▶</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Añadir…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Split…</source>
        <translation>Dividir…</translation>
    </message>
    <message>
        <source>Start a new timer on this entry&apos;s task, with its note</source>
        <translation>Inicia un temporizador nuevo en la tarea de este registro, con su nota</translation>
    </message>
    <message>
        <source>Cut this entry in two at a time you choose</source>
        <translation>Parte este registro en dos a la hora que elijas</translation>
    </message>
    <message>
        <source>Total: %1</source>
        <translation>Total: %1</translation>
    </message>
    <message>
        <source>Entry added</source>
        <translation>Registro añadido</translation>
    </message>
    <message>
        <source>Entry changed</source>
        <translation>Registro modificado</translation>
    </message>
    <message>
        <source>%1 is already running</source>
        <translation>%1 ya está en marcha</translation>
    </message>
    <message>
        <source>Started %1 again</source>
        <translation>%1 en marcha de nuevo</translation>
    </message>
    <message>
        <source>Entry split</source>
        <translation>Registro dividido</translation>
    </message>
    <message>
        <source>Delete entry</source>
        <translation>Eliminar registro</translation>
    </message>
    <message>
        <source>Delete the entry of %1 (%2)?</source>
        <translation>¿Eliminar el registro de %1 (%2)?</translation>
    </message>
    <message>
        <source>Entry deleted</source>
        <translation>Registro eliminado</translation>
    </message>
</context>
<context>
    <name>Desktop</name>
    <message>
        <source>Stopped “{title}” at {since}, when the screen locked.</source>
        <translation>«{title}» se detuvo a las {since}, al bloquearse la pantalla.</translation>
    </message>
    <message>
        <source>Stopped “{title}” at {since}, when the computer went to sleep.</source>
        <translation>«{title}» se detuvo a las {since}, al suspenderse el ordenador.</translation>
    </message>
    <message>
        <source>Stopped “{title}” at {since}, when the computer shut down.</source>
        <translation>«{title}» se detuvo a las {since}, al apagarse el ordenador.</translation>
    </message>
    <message>
        <source>Stint: timer stopped</source>
        <translation>Stint: temporizador detenido</translation>
    </message>
    <message>
        <source>Stop the running timer, or start the last task again</source>
        <translation>Detener el temporizador en marcha o reanudar la última tarea</translation>
    </message>
    <message>
        <source>Search tasks and start one</source>
        <translation>Buscar una tarea e iniciarla</translation>
    </message>
    <message>
        <source>Start the previous task again</source>
        <translation>Reanudar la tarea anterior</translation>
    </message>
    <message>
        <source>this desktop offers no global shortcuts portal</source>
        <translation>este escritorio no ofrece el portal de atajos globales</translation>
    </message>
    <message>
        <source>Idle detection: looking for a source…</source>
        <translation>Detección de inactividad: buscando una fuente…</translation>
    </message>
    <message>
        <source>Idle detection is unavailable on this session</source>
        <translation>La detección de inactividad no está disponible en esta sesión</translation>
    </message>
    <message>
        <source>Idle time from {name}</source>
        <translation>Inactividad según {name}</translation>
    </message>
    <message>
        <source>Sleep, shutdown and screen lock are seen through logind</source>
        <translation>La suspensión, el apagado y el bloqueo de pantalla se detectan mediante logind</translation>
    </message>
    <message>
        <source>The screen lock is seen through the screen saver; a sleep is noticed on waking</source>
        <translation>El bloqueo de pantalla se detecta mediante el salvapantallas; una suspensión se nota al despertar</translation>
    </message>
    <message>
        <source>Sleep and lock cannot be seen on this session; a sleep is noticed on waking</source>
        <translation>En esta sesión no se detectan la suspensión ni el bloqueo; una suspensión se nota al despertar</translation>
    </message>
    <message>
        <source>Global shortcuts are registered with the desktop</source>
        <translation>Los atajos globales están registrados en el escritorio</translation>
    </message>
    <message>
        <source>The desktop can register global shortcuts for Stint</source>
        <translation>El escritorio puede registrar atajos globales para Stint</translation>
    </message>
    <message>
        <source>This desktop offers no global shortcuts portal: bind `stint toggle`, `stint pick` and `stint start --last` in its keyboard settings (see the README)</source>
        <translation>Este escritorio no ofrece el portal de atajos globales: asigna `stint toggle`, `stint pick` y `stint start --last` en su configuración de teclado (consulta el README)</translation>
    </message>
    <message>
        <source>start/stop</source>
        <translation>iniciar/detener</translation>
    </message>
    <message>
        <source>search tasks</source>
        <translation>buscar tareas</translation>
    </message>
    <message>
        <source>previous task</source>
        <translation>tarea anterior</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>No tasks yet</source>
        <translation>Aún no hay tareas</translation>
    </message>
    <message>
        <source>Stint times the tasks you work on. Add a task of your own to start a timer now, or connect the server your team keeps its tasks on (Wapify, WarmDesk, Gipo, Whama, Wekan, TimeTagger, Redmine) to bring them in; your time goes back to it, and keeps counting offline.</source>
        <translation>Stint mide el tiempo de las tareas en las que trabajas. Añade una tarea propia para iniciar ya un temporizador, o conecta el servidor donde tu equipo tiene sus tareas (Wapify, WarmDesk, Gipo, Whama, Wekan, TimeTagger, Redmine) para traerlas; tu tiempo vuelve a él, y se sigue contando sin conexión.</translation>
    </message>
    <message>
        <source>&amp;New task…</source>
        <translation>&amp;Nueva tarea…</translation>
    </message>
    <message>
        <source>&amp;Connect a server…</source>
        <translation>&amp;Conectar un servidor…</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <source>Edit entry</source>
        <translation>Editar registro</translation>
    </message>
    <message>
        <source>Add entry</source>
        <translation>Añadir registro</translation>
    </message>
    <message>
        <source>1:30, 90m or 1.5h</source>
        <translation>1:30, 90m o 1.5h</translation>
    </message>
    <message>
        <source>How long: 1:30, 90m, 1h30m or 1.5h. Sets the end.</source>
        <translation>Cuánto dura: 1:30, 90m, 1h30m o 1.5h. Fija el fin.</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en marcha</translation>
    </message>
    <message>
        <source>&amp;Task</source>
        <translation>&amp;Tarea</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Inicio</translation>
    </message>
    <message>
        <source>&amp;End</source>
        <translation>&amp;Fin</translation>
    </message>
    <message>
        <source>&amp;Duration</source>
        <translation>&amp;Duración</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>&amp;Nota</translation>
    </message>
    <message>
        <source>Choose a task from the list.</source>
        <translation>Elige una tarea de la lista.</translation>
    </message>
</context>
<context>
    <name>IdleDialog</name>
    <message>
        <source>You were away</source>
        <translation type="vanished">Estuviste ausente</translation>
    </message>
    <message>
        <source>&amp;Keep it</source>
        <translation>&amp;Conservarlo</translation>
    </message>
    <message>
        <source>&amp;Discard it and keep tracking</source>
        <translation>&amp;Descartarlo y seguir midiendo</translation>
    </message>
    <message>
        <source>Discard it and &amp;stop</source>
        <translation>Descartarlo y &amp;parar</translation>
    </message>
    <message>
        <source>Time away</source>
        <translation>Tiempo fuera</translation>
    </message>
</context>
<context>
    <name>IdlePrompt</name>
    <message>
        <source>Stint: time away</source>
        <translation>Stint: tiempo fuera</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Conservar</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <source>Discard and stop</source>
        <translation>Descartar y detener</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import time</source>
        <translation>Importar tiempo</translation>
    </message>
    <message>
        <source>Choose a file to import</source>
        <translation>Elige un archivo para importar</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>Found from the content</source>
        <translation>Según el contenido</translation>
    </message>
    <message>
        <source>Local tasks</source>
        <translation>Tareas locales</translation>
    </message>
    <message>
        <source>Tasks of account %1, pushed to its server</source>
        <translation>Tareas de la cuenta %1, enviadas a su servidor</translation>
    </message>
    <message>
        <source>Dates like 03/04/2026 are day/month/year</source>
        <translation>Fechas como 03/04/2026 son día/mes/año</translation>
    </message>
    <message>
        <source>Import entries that overlap others too</source>
        <translation>Importar también las entradas que se solapan con otras</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Archivo:</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Formato:</translation>
    </message>
    <message>
        <source>Times in the file are in:</source>
        <translation>Las horas del archivo están en:</translation>
    </message>
    <message>
        <source>Put the time on:</source>
        <translation>Poner el tiempo en:</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>Time tracker files (*.csv *.tsv *.json *.txt *frames);;All files (*)</source>
        <translation>Archivos de registro de tiempo (*.csv *.tsv *.json *.txt *frames);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurar</translation>
    </message>
    <message>
        <source>A Stint export into an empty database: restore %1 tasks and %2 entries, its accounts and settings, exactly as they were.</source>
        <translation>Una exportación de Stint en una base de datos vacía: se restauran %1 tareas y %2 entradas, sus cuentas y ajustes, tal como estaban.</translation>
    </message>
    <message>
        <source>%1: %2 entries (%3) to import onto %4 tasks, %5 of them new.</source>
        <translation>%1: %2 entradas (%3) para importar en %4 tareas, %5 de ellas nuevas.</translation>
    </message>
    <message>
        <source>%1 skipped.</source>
        <translation>%1 omitidas.</translation>
    </message>
    <message>
        <source>%1 not time to import.</source>
        <translation>%1 sin tiempo que importar.</translation>
    </message>
    <message>
        <source>%1 could not be read.</source>
        <translation>%1 no se pudieron leer.</translation>
    </message>
    <message>
        <source>Note: %1.</source>
        <translation>Nota: %1.</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importando…</translation>
    </message>
    <message>
        <source>Imported %1 entries (%2).</source>
        <translation>Importadas %1 entradas (%2).</translation>
    </message>
    <message>
        <source>Restored %1 tasks and %2 entries.</source>
        <translation>Restauradas %1 tareas y %2 entradas.</translation>
    </message>
    <message>
        <source>Import (new task)</source>
        <translation>Importar (tarea nueva)</translation>
    </message>
    <message>
        <source>Skip: %1</source>
        <translation>Omitir: %1</translation>
    </message>
    <message>
        <source>Not imported: %1</source>
        <translation>No se importa: %1</translation>
    </message>
    <message>
        <source>Cannot read: %1</source>
        <translation>No se puede leer: %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Stint</source>
        <translation>Stint</translation>
    </message>
    <message>
        <source>&amp;Tasks</source>
        <translation>&amp;Tareas</translation>
    </message>
    <message>
        <source>&amp;Day</source>
        <translation>&amp;Día</translation>
    </message>
    <message>
        <source>&amp;Week</source>
        <translation type="vanished">&amp;Semana</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Export report…</source>
        <translation>&amp;Exportar informe…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Preferencias…</translation>
    </message>
    <message>
        <source>&amp;Tracking</source>
        <translation>&amp;Seguimiento</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Informes</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>&amp;About Stint</source>
        <translation>&amp;Acerca de Stint</translation>
    </message>
    <message>
        <source>&amp;New task…</source>
        <translation>&amp;Nueva tarea…</translation>
    </message>
    <message>
        <source>&amp;Reports</source>
        <translation>&amp;Informes</translation>
    </message>
    <message>
        <source>&amp;Start/stop selected task</source>
        <translation>&amp;Iniciar/parar la tarea seleccionada</translation>
    </message>
    <message>
        <source>&amp;Find task</source>
        <translation>&amp;Buscar tarea</translation>
    </message>
    <message>
        <source>&amp;Export timesheet…</source>
        <translation type="vanished">&amp;Exportar hoja de horas…</translation>
    </message>
    <message>
        <source>&amp;Failed changes…</source>
        <translation>Cambios &amp;fallidos…</translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation>Si&amp;ncronizar ahora</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation type="vanished">&amp;Preferencias…</translation>
    </message>
    <message>
        <source>&amp;Close window</source>
        <translation>&amp;Cerrar ventana</translation>
    </message>
    <message>
        <source>S&amp;top timer</source>
        <translation>De&amp;tener el temporizador</translation>
    </message>
    <message>
        <source>&amp;Refused changes…</source>
        <translation type="vanished">Cambios &amp;rechazados…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Tareas</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Día</translation>
    </message>
    <message>
        <source>Week</source>
        <translation type="vanished">Semana</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importar…</translation>
    </message>
</context>
<context>
    <name>NewTaskDialog</name>
    <message>
        <source>New task</source>
        <translation>Nueva tarea</translation>
    </message>
    <message>
        <source>&amp;Start the timer now</source>
        <translation>&amp;Iniciar el temporizador ahora</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>&amp;Crear</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Título:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Descripción:</translation>
    </message>
    <message>
        <source>&amp;Project:</source>
        <translation>&amp;Proyecto:</translation>
    </message>
    <message>
        <source>&amp;Where:</source>
        <translation>&amp;Dónde:</translation>
    </message>
    <message>
        <source>On {account} (synced)</source>
        <translation>En {account} (sincronizada)</translation>
    </message>
    <message>
        <source>Local only (never synced)</source>
        <translation>Solo local (nunca se sincroniza)</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <source>The server refused Stint&apos;s credentials for {name}. Sign in again in Settings; your changes are kept until then.</source>
        <translation type="vanished">El servidor rechazó las credenciales de Stint para {name}. Vuelve a iniciar sesión en Preferencias; tus cambios se guardan hasta entonces.</translation>
    </message>
    <message>
        <source>Sync with {name} failed: {error}</source>
        <translation type="vanished">Falló la sincronización con {name}: {error}</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation type="vanished">error desconocido</translation>
    </message>
    <message>
        <source>Stint: {name} needs attention</source>
        <translation>Stint: {name} necesita atención</translation>
    </message>
    <message>
        <source>Stint: changes rejected</source>
        <translation type="vanished">Stint: cambios rechazados</translation>
    </message>
    <message>
        <source>The server rejected {n} change(s). Open Stint to retry, edit or discard them.</source>
        <translation type="vanished">El servidor rechazó {n} cambio(s). Abre Stint para reintentarlos, editarlos o descartarlos.</translation>
    </message>
    <message>
        <source>Stint: timer still running</source>
        <translation>Stint: el temporizador sigue en marcha</translation>
    </message>
    <message>
        <source>“{title}” has been running for {hours:.1f} hours. Forgot to stop it?</source>
        <translation>«{title}» lleva {hours:.1f} horas en marcha. ¿Olvidaste pararlo?</translation>
    </message>
    <message>
        <source>Stint: nothing is being tracked</source>
        <translation>Stint: no se está midiendo nada</translation>
    </message>
    <message>
        <source>It is working time and no timer runs. Start one from the tray menu.</source>
        <translation>Es horario de trabajo y no hay ningún temporizador en marcha. Inicia uno desde el menú de la bandeja.</translation>
    </message>
    <message>
        <source>Sign in…</source>
        <translation>Iniciar sesión…</translation>
    </message>
    <message>
        <source>Your changes are kept until then.</source>
        <translation>Tus cambios se guardan hasta entonces.</translation>
    </message>
    <message>
        <source>Retry or discard them in the list of refused changes.</source>
        <translation>Reinténtalos o descártalos en la lista de cambios rechazados.</translation>
    </message>
    <message>
        <source>Stint: changes refused</source>
        <translation>Stint: cambios rechazados</translation>
    </message>
    <message>
        <source>Show them…</source>
        <translation>Verlos…</translation>
    </message>
    <message>
        <source>Start…</source>
        <translation>Iniciar…</translation>
    </message>
</context>
<context>
    <name>OpsDialog</name>
    <message>
        <source>Failed changes</source>
        <translation>Cambios fallidos</translation>
    </message>
    <message>
        <source>create task</source>
        <translation>crear tarea</translation>
    </message>
    <message>
        <source>start timer</source>
        <translation>iniciar temporizador</translation>
    </message>
    <message>
        <source>stop timer</source>
        <translation>parar temporizador</translation>
    </message>
    <message>
        <source>change status</source>
        <translation>cambiar estado</translation>
    </message>
    <message>
        <source>add entry</source>
        <translation>añadir registro</translation>
    </message>
    <message>
        <source>edit entry</source>
        <translation>editar registro</translation>
    </message>
    <message>
        <source>delete entry</source>
        <translation>eliminar registro</translation>
    </message>
    <message>
        <source>The server refused these changes. Retry sends one again; discard keeps your local copy but stops sending it. When a task creation&apos;s reply was lost and the server has the task after all, Use a server task… makes yours that one.</source>
        <translation>El servidor rechazó estos cambios. Reintentar lo vuelve a enviar; descartar conserva tu copia local pero deja de enviarlo. Si se perdió la respuesta a la creación de una tarea y el servidor sí la tiene, Usar una tarea del servidor… convierte la tuya en esa.</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Cuenta</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tarea</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Server&apos;s message</source>
        <translation>Mensaje del servidor</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <source>Use a server task…</source>
        <translation>Usar una tarea del servidor…</translation>
    </message>
    <message>
        <source>The server made this task after all: pick it, and your time and changes go to it</source>
        <translation>El servidor sí creó esta tarea: elígela, y tu tiempo y tus cambios irán a ella</translation>
    </message>
    <message>
        <source>Waiting to be sent: the server could not take these yet. Stint tries again by itself.</source>
        <translation>Pendientes de enviar: el servidor aún no ha podido recibirlos. Stint lo vuelve a intentar por sí solo.</translation>
    </message>
    <message>
        <source>Next try</source>
        <translation>Próximo intento</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Último error</translation>
    </message>
    <message>
        <source>Changes waiting to be sent</source>
        <translation>Cambios pendientes de enviar</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>Where</source>
        <translation>Dónde</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tiempo</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tarea</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Proyecto</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>What happens</source>
        <translation>Qué pasa</translation>
    </message>
</context>
<context>
    <name>QuickStart</name>
    <message>
        <source>Start task</source>
        <translation>Iniciar tarea</translation>
    </message>
    <message>
        <source>Type to search tasks…</source>
        <translation>Escribe para buscar tareas…</translation>
    </message>
</context>
<context>
    <name>QuitQuestion</name>
    <message>
        <source>Quit Stint</source>
        <translation>Salir de Stint</translation>
    </message>
    <message>
        <source>“{title}” is running ({elapsed}).</source>
        <translation>«{title}» está en marcha ({elapsed}).</translation>
    </message>
    <message>
        <source>Kept running, it goes on counting while Stint is closed, and shows again at the next start. Stopped, its time ends now.</source>
        <translation>Si sigue en marcha, continúa contando mientras Stint está cerrado y vuelve a aparecer al iniciarlo. Si se detiene, su tiempo termina ahora.</translation>
    </message>
    <message>
        <source>&amp;Keep it running</source>
        <translation>&amp;Mantenerlo en marcha</translation>
    </message>
    <message>
        <source>&amp;Stop it and quit</source>
        <translation>&amp;Detenerlo y salir</translation>
    </message>
</context>
<context>
    <name>ReportChoices</name>
    <message>
        <source>Week</source>
        <translation>Semana</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Mes</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Fechas</translation>
    </message>
    <message>
        <source>Grid: tasks × days</source>
        <translation>Cuadrícula: tareas × días</translation>
    </message>
    <message>
        <source>Detail: every entry</source>
        <translation>Detalle: cada registro</translation>
    </message>
    <message>
        <source>to</source>
        <translation>a</translation>
    </message>
    <message>
        <source>All projects</source>
        <translation>Todos los proyectos</translation>
    </message>
    <message>
        <source>All accounts</source>
        <translation>Todas las cuentas</translation>
    </message>
    <message>
        <source>Local tasks</source>
        <translation>Tareas locales</translation>
    </message>
</context>
<context>
    <name>ReportLabels</name>
    <message>
        <source>Timesheet</source>
        <translation>Hoja de horas</translation>
    </message>
    <message>
        <source>Time entries</source>
        <translation>Registros de tiempo</translation>
    </message>
    <message>
        <source>Per project</source>
        <translation>Por proyecto</translation>
    </message>
    <message>
        <source>Per task</source>
        <translation>Por tarea</translation>
    </message>
    <message>
        <source>Per day</source>
        <translation>Por día</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tarea</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Proyecto</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Cuenta</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sincronización</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Registro</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Marcas</translation>
    </message>
    <message>
        <source>H:MM</source>
        <translation>H:MM</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>horas</translation>
    </message>
    <message>
        <source>(no project)</source>
        <translation>(sin proyecto)</translation>
    </message>
    <message>
        <source>local</source>
        <translation>local</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en marcha</translation>
    </message>
    <message>
        <source>No time recorded in this period.</source>
        <translation>No hay tiempo registrado en este periodo.</translation>
    </message>
    <message>
        <source>each entry rounded up to {minutes} min per day</source>
        <translation>cada registro redondeado hacia arriba a {minutes} min por día</translation>
    </message>
    <message>
        <source>each entry rounded to the nearest {minutes} min per day</source>
        <translation>cada registro redondeado a los {minutes} min más cercanos por día</translation>
    </message>
    <message>
        <source>only {what}</source>
        <translation>solo {what}</translation>
    </message>
    <message>
        <source>project {name}</source>
        <translation>proyecto {name}</translation>
    </message>
    <message>
        <source>account {name}</source>
        <translation>cuenta {name}</translation>
    </message>
    <message>
        <source>local tasks</source>
        <translation>tareas locales</translation>
    </message>
    <message>
        <source>Page {page}/{pages}</source>
        <translation>Página {page}/{pages}</translation>
    </message>
    <message>
        <source>→ the entry goes on across midnight; each day shows its own part</source>
        <translation>→ el registro sigue pasada la medianoche; cada día muestra su parte</translation>
    </message>
    <message>
        <source>local only — the server cannot hold this time</source>
        <translation>solo local — el servidor no puede guardar este tiempo</translation>
    </message>
    <message>
        <source>failed — the server rejected this time; it is kept only here</source>
        <translation>fallido — el servidor rechazó este tiempo; solo se guarda aquí</translation>
    </message>
    <message>
        <source>local task</source>
        <translation>tarea local</translation>
    </message>
    <message>
        <source>waiting to sync</source>
        <translation>pendiente de sincronizar</translation>
    </message>
    <message>
        <source>synced</source>
        <translation>sincronizado</translation>
    </message>
    <message>
        <source>local only</source>
        <translation>solo local</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fallido</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>conflicto</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>lun</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>mar</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>mié</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>jue</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>vie</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>sáb</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>dom</translation>
    </message>
    <message>
        <source>Jan</source>
        <translation>ene</translation>
    </message>
    <message>
        <source>Feb</source>
        <translation>feb</translation>
    </message>
    <message>
        <source>Mar</source>
        <translation>mar</translation>
    </message>
    <message>
        <source>Apr</source>
        <translation>abr</translation>
    </message>
    <message>
        <source>May</source>
        <translation>may</translation>
    </message>
    <message>
        <source>Jun</source>
        <translation>jun</translation>
    </message>
    <message>
        <source>Jul</source>
        <translation>jul</translation>
    </message>
    <message>
        <source>Aug</source>
        <translation>ago</translation>
    </message>
    <message>
        <source>Sep</source>
        <translation>sep</translation>
    </message>
    <message>
        <source>Oct</source>
        <translation>oct</translation>
    </message>
    <message>
        <source>Nov</source>
        <translation>nov</translation>
    </message>
    <message>
        <source>Dec</source>
        <translation>dic</translation>
    </message>
</context>
<context>
    <name>ServerTaskDialog</name>
    <message>
        <source>Use a server task</source>
        <translation>Usar una tarea del servidor</translation>
    </message>
    <message>
        <source>If the server already has “%1”, pick it: this task becomes that one, with its time and waiting changes, and nothing more is created.</source>
        <translation>Si el servidor ya tiene «%1», elígela: esta tarea pasa a ser esa, con su tiempo y sus cambios pendientes, y no se crea nada más.</translation>
    </message>
    <message>
        <source>Use this task</source>
        <translation>Usar esta tarea</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Stint settings</source>
        <translation>Preferencias de Stint</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>off</source>
        <translation>desactivado</translation>
    </message>
    <message>
        <source>up</source>
        <translation>hacia arriba</translation>
    </message>
    <message>
        <source>to the nearest</source>
        <translation>al más cercano</translation>
    </message>
    <message>
        <source>Remind me when no timer runs during working hours</source>
        <translation>Avisarme si no hay temporizador en marcha en horario de trabajo</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>Start Stint when I log in</source>
        <translation>Iniciar Stint al iniciar sesión</translation>
    </message>
    <message>
        <source>System (%1)</source>
        <translation>Sistema (%1)</translation>
    </message>
    <message>
        <source>Stint speaks the new language from its next start.</source>
        <translation>Stint usará el nuevo idioma la próxima vez que se inicie.</translation>
    </message>
    <message>
        <source>General</source>
        <translation>General</translation>
    </message>
    <message>
        <source>Tracking</source>
        <translation>Seguimiento</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>Sync every</source>
        <translation>Sincronizar cada</translation>
    </message>
    <message>
        <source>Weeks start on</source>
        <translation>La semana empieza el</translation>
    </message>
    <message>
        <source>Round timesheets</source>
        <translation>Redondear hojas de horas</translation>
    </message>
    <message>
        <source>Ask after idle for</source>
        <translation>Preguntar tras inactividad de</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>Recordatorios</translation>
    </message>
    <message>
        <source>Working hours</source>
        <translation>Horario de trabajo</translation>
    </message>
    <message>
        <source>Working days</source>
        <translation>Días laborables</translation>
    </message>
    <message>
        <source>Warn when a timer runs longer than</source>
        <translation>Avisar si un temporizador dura más de</translation>
    </message>
    <message>
        <source>working hours must end after they start</source>
        <translation>el horario de trabajo debe terminar después de empezar</translation>
    </message>
    <message>
        <source>Cannot save: %1</source>
        <translation>No se puede guardar: %1</translation>
    </message>
    <message>
        <source>ask me what to do with the time</source>
        <translation>preguntarme qué hacer con el tiempo</translation>
    </message>
    <message>
        <source>stop the timer</source>
        <translation>detener el temporizador</translation>
    </message>
    <message>
        <source>keep counting</source>
        <translation>seguir contando</translation>
    </message>
    <message>
        <source>Register global shortcuts…</source>
        <translation>Registrar atajos globales…</translation>
    </message>
    <message>
        <source>When the screen locks or the computer sleeps</source>
        <translation>Al bloquearse la pantalla o suspenderse el ordenador</translation>
    </message>
    <message>
        <source>Global shortcuts</source>
        <translation>Atajos globales</translation>
    </message>
    <message>
        <source>Idle detection is unavailable on this session</source>
        <translation>La detección de inactividad no está disponible en esta sesión</translation>
    </message>
    <message>
        <source>Bind `stint toggle`, `stint pick` and `stint start --last` in your desktop&apos;s keyboard settings (see the README).</source>
        <translation>Asigna `stint toggle`, `stint pick` y `stint start --last` en la configuración de teclado de tu escritorio (consulta el README).</translation>
    </message>
    <message>
        <source>Global shortcuts: %1</source>
        <translation>Atajos globales: %1</translation>
    </message>
    <message>
        <source>Global shortcuts registered with the desktop.</source>
        <translation>Atajos globales registrados en el escritorio.</translation>
    </message>
</context>
<context>
    <name>SplitDialog</name>
    <message>
        <source>Split entry</source>
        <translation>Dividir registro</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Registro</translation>
    </message>
    <message>
        <source>Split &amp;at</source>
        <translation>Dividir &amp;a las</translation>
    </message>
    <message>
        <source>Gives</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en marcha</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <source>Local only</source>
        <translation type="vanished">Solo local</translation>
    </message>
    <message>
        <source>No server account is configured.</source>
        <translation>No hay ninguna cuenta de servidor configurada.</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="vanished">Sin conexión</translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="vanished">Conectado</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting</source>
        <translation type="vanished">
            <numerusform>%n cambio pendiente</numerusform>
            <numerusform>%n cambios pendientes</numerusform>
        </translation>
    </message>
    <message>
        <source>Last sync %1</source>
        <translation>Última sincronización %1</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>Nunca sincronizado</translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation type="vanished">
            <numerusform>%n fallido</numerusform>
            <numerusform>%n fallidos</numerusform>
        </translation>
    </message>
    <message>
        <source>Show the changes waiting to be sent</source>
        <translation>Mostrar los cambios pendientes de enviar</translation>
    </message>
    <message>
        <source>Sign in to %1…</source>
        <translation>Iniciar sesión en %1…</translation>
    </message>
    <message numerus="yes">
        <source>%n refused</source>
        <translation>
            <numerusform>%n rechazado</numerusform>
            <numerusform>%n rechazados</numerusform>
        </translation>
    </message>
    <message>
        <source>Show the changes the server refused</source>
        <translation>Mostrar los cambios que rechazó el servidor</translation>
    </message>
    <message>
        <source>today %1</source>
        <translation>hoy %1</translation>
    </message>
    <message>
        <source>No timer running</source>
        <translation>Ningún temporizador en marcha</translation>
    </message>
    <message>
        <source>▶ %1 — %2</source>
        <translation>▶ %1 — %2</translation>
    </message>
</context>
<context>
    <name>StintApp</name>
    <message>
        <source>Stint cannot start</source>
        <translation>Stint no puede arrancar</translation>
    </message>
    <message>
        <source>Stint cannot use its data: {error}</source>
        <translation>Stint no puede usar sus datos: {error}</translation>
    </message>
    <message>
        <source>The backup was restored. The damaged database is kept as {path}.</source>
        <translation>Se ha restaurado la copia. La base de datos dañada se guarda como {path}.</translation>
    </message>
    <message>
        <source>Stint is still running</source>
        <translation>Stint sigue en marcha</translation>
    </message>
    <message>
        <source>Stint keeps running in the tray, counting any timer. Open it again from the tray icon; quit from the tray menu or with Quit in the window&apos;s File menu.</source>
        <translation>Stint sigue en marcha en la bandeja, contando cualquier temporizador. Ábrelo de nuevo desde el icono de la bandeja; sal desde el menú de la bandeja o con Salir en el menú Archivo de la ventana.</translation>
    </message>
    <message>
        <source>Stint: no system tray</source>
        <translation>Stint: sin bandeja del sistema</translation>
    </message>
    <message>
        <source>Your desktop has no system tray, so Stint runs as a normal window. Closing the window quits Stint; a running timer is asked about first.</source>
        <translation>Tu escritorio no tiene bandeja del sistema, así que Stint funciona como una ventana normal. Cerrar la ventana cierra Stint; antes se pregunta qué hacer con un temporizador en marcha.</translation>
    </message>
    <message>
        <source>Your desktop has no system tray, so Stint runs as a normal window. Closing the window quits Stint; timers keep their state and the `stint` command works as usual.</source>
        <translation type="vanished">Tu escritorio no tiene bandeja del sistema, así que Stint funciona como una ventana normal. Cerrar la ventana cierra Stint; los temporizadores conservan su estado y la orden `stint` funciona como siempre.</translation>
    </message>
</context>
<context>
    <name>SyncRunner</name>
    <message>
        <source>Sync failed: {text}</source>
        <translation>Falló la sincronización: {text}</translation>
    </message>
</context>
<context>
    <name>SyncState</name>
    <message>
        <source>{name}: up to date (last sync {when})</source>
        <translation>{name}: al día (última sincronización {when})</translation>
    </message>
    <message>
        <source>{name}: {n} change waiting to sync</source>
        <translation>{name}: {n} cambio pendiente de sincronizar</translation>
    </message>
    <message>
        <source>{name}: {n} changes waiting to sync</source>
        <translation>{name}: {n} cambios pendientes de sincronizar</translation>
    </message>
    <message>
        <source>{name}: not synced yet</source>
        <translation>{name}: aún sin sincronizar</translation>
    </message>
    <message>
        <source>{name}: offline — the server cannot be reached; next try at {when}</source>
        <translation>{name}: sin conexión — no se puede contactar con el servidor; próximo intento: {when}</translation>
    </message>
    <message>
        <source>{name}: offline — the server cannot be reached</source>
        <translation>{name}: sin conexión — no se puede contactar con el servidor</translation>
    </message>
    <message>
        <source>{name}: server trouble — {message}; next try at {when}</source>
        <translation>{name}: problemas en el servidor — {message}; próximo intento: {when}</translation>
    </message>
    <message>
        <source>{name}: server trouble — {message}</source>
        <translation>{name}: problemas en el servidor — {message}</translation>
    </message>
    <message>
        <source>{name}: needs sign-in — the server refused the saved credentials</source>
        <translation>{name}: hay que iniciar sesión — el servidor rechazó las credenciales guardadas</translation>
    </message>
    <message>
        <source>{name}: needs its secret — the variable {variable} is not set for the app</source>
        <translation>{name}: falta su secreto — la variable {variable} no está definida para la aplicación</translation>
    </message>
    <message>
        <source>{name}: needs its secret — the system keyring has none for it</source>
        <translation>{name}: falta su secreto — el llavero del sistema no tiene ninguno para esta cuenta</translation>
    </message>
    <message>
        <source>{name}: sync error — {message}</source>
        <translation>{name}: error de sincronización — {message}</translation>
    </message>
    <message>
        <source>{name}: {n} change refused by the server</source>
        <translation>{name}: {n} cambio rechazado por el servidor</translation>
    </message>
    <message>
        <source>{name}: {n} changes refused by the server</source>
        <translation>{name}: {n} cambios rechazados por el servidor</translation>
    </message>
    <message>
        <source>{n} change waiting to sync</source>
        <translation>{n} cambio pendiente de sincronizar</translation>
    </message>
    <message>
        <source>{n} changes waiting to sync</source>
        <translation>{n} cambios pendientes de sincronizar</translation>
    </message>
    <message>
        <source>Local only</source>
        <translation>Solo local</translation>
    </message>
    <message>
        <source>Needs its secret</source>
        <translation>Falta el secreto</translation>
    </message>
    <message>
        <source>Needs sign-in</source>
        <translation>Hay que iniciar sesión</translation>
    </message>
    <message>
        <source>{n} change refused</source>
        <translation>{n} cambio rechazado</translation>
    </message>
    <message>
        <source>{n} changes refused</source>
        <translation>{n} cambios rechazados</translation>
    </message>
    <message>
        <source>Server trouble</source>
        <translation>Problemas en el servidor</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <source>Sync error</source>
        <translation>Error de sincronización</translation>
    </message>
    <message>
        <source>Waiting to sync</source>
        <translation>Pendiente de sincronizar</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Aún sin sincronizar</translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>Al día</translation>
    </message>
</context>
<context>
    <name>TaskPicker</name>
    <message>
        <source>Type part of a task&apos;s title or project</source>
        <translation>Escribe parte del título o del proyecto de una tarea</translation>
    </message>
</context>
<context>
    <name>TaskTableModel</name>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Proyecto</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Vence</translation>
    </message>
    <message>
        <source>Tracked</source>
        <translation>Registrado</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Cuenta</translation>
    </message>
    <message>
        <source>Timer running</source>
        <translation>Temporizador en marcha</translation>
    </message>
    <message>
        <source>local</source>
        <translation>local</translation>
    </message>
</context>
<context>
    <name>TasksView</name>
    <message>
        <source>Search title or project</source>
        <translation>Buscar por título o proyecto</translation>
    </message>
    <message>
        <source>Pending only</source>
        <translation>Solo pendientes</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>New task…</source>
        <translation>Nueva tarea…</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Todos los estados</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Parar</translation>
    </message>
    <message>
        <source>Select a task to start or stop its timer.</source>
        <translation>Selecciona una tarea para iniciar o detener su temporizador.</translation>
    </message>
    <message>
        <source>Timer stopped</source>
        <translation>Temporizador parado</translation>
    </message>
    <message>
        <source>No timer is running</source>
        <translation>No hay ningún temporizador en marcha</translation>
    </message>
    <message>
        <source>Timer started</source>
        <translation>Temporizador iniciado</translation>
    </message>
    <message>
        <source>Status changed; its timer stopped</source>
        <translation>Estado cambiado; su temporizador se ha detenido</translation>
    </message>
    <message>
        <source>Status changed</source>
        <translation>Estado cambiado</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>Stint — starting…</source>
        <translation>Stint — iniciando…</translation>
    </message>
    <message>
        <source>Tracking: {title} — {elapsed}</source>
        <translation>Midiendo: {title} — {elapsed}</translation>
    </message>
    <message>
        <source>Not tracking</source>
        <translation>Sin medir</translation>
    </message>
    <message>
        <source>{n} change(s) waiting to sync</source>
        <translation type="vanished">{n} cambio(s) pendientes de sincronizar</translation>
    </message>
    <message>
        <source>{n} change(s) rejected by the server</source>
        <translation type="vanished">{n} cambio(s) rechazados por el servidor</translation>
    </message>
    <message>
        <source>{name}: sign in again</source>
        <translation type="vanished">{name}: vuelve a iniciar sesión</translation>
    </message>
    <message>
        <source>{name}: sync error</source>
        <translation type="vanished">{name}: error de sincronización</translation>
    </message>
    <message>
        <source>Today: {total}</source>
        <translation>Hoy: {total}</translation>
    </message>
    <message>
        <source>…and {n} more accounts</source>
        <translation>…y {n} cuentas más</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>▶ {title} — {elapsed}</source>
        <translation>▶ {title} — {elapsed}</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Detener</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>&amp;Preferencias…</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation type="vanished">&amp;Parar</translation>
    </message>
    <message>
        <source>Recent tasks</source>
        <translation>Tareas recientes</translation>
    </message>
    <message>
        <source>Start &amp;task…</source>
        <translation>Iniciar &amp;tarea…</translation>
    </message>
    <message>
        <source>&amp;New task…</source>
        <translation>&amp;Nueva tarea…</translation>
    </message>
    <message>
        <source>&amp;Open Stint</source>
        <translation>&amp;Abrir Stint</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="vanished">&amp;Preferencias…</translation>
    </message>
    <message>
        <source>Sync: no server account yet (add one in Settings)</source>
        <translation>Sincronización: aún no hay cuenta de servidor (añade una en Preferencias)</translation>
    </message>
    <message>
        <source>Sign in to {name}…</source>
        <translation>Iniciar sesión en {name}…</translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation>S&amp;incronizar ahora</translation>
    </message>
    <message>
        <source>Sync: no server account configured (add one in Settings)</source>
        <translation type="vanished">Sincronización: no hay cuenta de servidor (añade una en Preferencias)</translation>
    </message>
    <message>
        <source>Sync: not available in this build</source>
        <translation type="vanished">Sincronización: no disponible en esta versión</translation>
    </message>
    <message>
        <source>never</source>
        <translation type="vanished">nunca</translation>
    </message>
    <message>
        <source>S&amp;ync now (last: {when}, {n} waiting)</source>
        <translation type="vanished">S&amp;incronizar ahora (última: {when}, {n} pendientes)</translation>
    </message>
</context>
<context>
    <name>WeekView</name>
    <message>
        <source>Some of this time is local only: the server cannot hold it.</source>
        <translation>Parte de este tiempo es solo local: el servidor no puede guardarlo.</translation>
    </message>
    <message>
        <source>The server rejected a change to some of this time; see the failed changes.</source>
        <translation>El servidor rechazó un cambio de parte de este tiempo; consulta los cambios fallidos.</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Este mes</translation>
    </message>
    <message>
        <source>Up to today</source>
        <translation>Hasta hoy</translation>
    </message>
    <message>
        <source>Total: %1</source>
        <translation>Total: %1</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Exportar informe</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>Guardado en %1</translation>
    </message>
    <message>
        <source>Report exported</source>
        <translation>Informe exportado</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ Anterior</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Esta semana</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>Siguiente ▶</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <source>Week %1: %2 – %3</source>
        <translation type="vanished">Semana %1: %2 – %3</translation>
    </message>
    <message>
        <source>Not rounded</source>
        <translation>Sin redondeo</translation>
    </message>
    <message>
        <source>up</source>
        <translation type="vanished">hacia arriba</translation>
    </message>
    <message>
        <source>to the nearest</source>
        <translation type="vanished">al más cercano</translation>
    </message>
    <message>
        <source>Each entry rounded %1 to %2 min per day</source>
        <translation type="vanished">Cada registro redondeado %1 a %2 min por día</translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="vanished">Tarea</translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="vanished">Total</translation>
    </message>
    <message>
        <source>Export timesheet</source>
        <translation type="vanished">Exportar hoja de horas</translation>
    </message>
    <message>
        <source>Exporting %1…</source>
        <translation>Exportando %1…</translation>
    </message>
    <message>
        <source>Timesheet saved to %1</source>
        <translation type="vanished">Hoja de horas guardada en %1</translation>
    </message>
    <message>
        <source>Timesheet exported</source>
        <translation type="vanished">Hoja de horas exportada</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Falló la exportación: %1</translation>
    </message>
</context>
</TS>
