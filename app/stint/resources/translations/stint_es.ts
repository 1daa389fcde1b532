<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>AccountDialog</name>
    <message>
        <location filename="../../ui/account_dialog.py" line="60" />
        <source>Add account</source>
        <translation>Añadir cuenta</translation>
    </message>
    <message>
        <location filename="../../ui/account_dialog.py" line="61" />
        <source>&amp;Test</source>
        <translation>&amp;Probar</translation>
    </message>
    <message>
        <location filename="../../ui/account_dialog.py" line="63" />
        <source>&amp;Add</source>
        <translation>&amp;Añadir</translation>
    </message>
    <message>
        <location filename="../../ui/account_dialog.py" line="65" />
        <source>Sign in again</source>
        <translation>Iniciar sesión de nuevo</translation>
    </message>
    <message>
        <location filename="../../ui/account_dialog.py" line="66" />
        <source>&amp;Sign in</source>
        <translation>&amp;Iniciar sesión</translation>
    </message>
    <message>
        <location filename="../../ui/account_dialog.py" line="67" />
        <source>%1 — %2 at %3</source>
        <translation>%1 — %2 en %3</translation>
    </message>
    <message>
        <location filename="../../ui/account_dialog.py" line="104" />
        <source>Checking with the server…</source>
        <translation>Comprobando con el servidor…</translation>
    </message>
    <message>
        <location filename="../../ui/account_dialog.py" line="128" />
        <source>It works: signed in as %1; %2 tasks to bring in. Nothing was stored.</source>
        <translation>Funciona: sesión de %1; %2 tareas por traer. No se ha guardado nada.</translation>
    </message>
    <message>
        <location filename="../../ui/account_dialog.py" line="132" />
        <source>Sign in in your browser (waiting up to 5 minutes). If it did not open, go to this address: %1</source>
        <translation>Inicia sesión en el navegador (se espera hasta 5 minutos). Si no se abrió, ve a esta dirección: %1</translation>
    </message>
</context>
<context>
    <name>AccountForm</name>
    <message>
        <location filename="../../ui/account_form.py" line="98" />
        <source>only for a confidential app</source>
        <translation>solo para una aplicación confidencial</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="100" />
        <source>System keyring</source>
        <translation>Llavero del sistema</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="101" />
        <source>Read from an environment variable</source>
        <translation>Leer de una variable de entorno</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="106" />
        <source>Allow insecure http (not https) to this server</source>
        <translation>Permitir http inseguro (no https) con este servidor</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="110" />
        <source>&amp;Name</source>
        <translation>&amp;Nombre</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="111" />
        <source>&amp;Kind</source>
        <translation>&amp;Tipo</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="112" />
        <source>&amp;URL</source>
        <translation>&amp;URL</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="113" />
        <source>&amp;Sign in with</source>
        <translation>&amp;Iniciar sesión con</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="114" />
        <source>&amp;Token</source>
        <translation>&amp;Token</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="115" />
        <source>&amp;Username</source>
        <translation>&amp;Usuario</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="116" />
        <source>&amp;Password</source>
        <translation>&amp;Contraseña</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="117" />
        <source>&amp;Client id</source>
        <translation>Id de &amp;cliente</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="118" />
        <source>Client secret</source>
        <translation>Secreto del cliente</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="119" />
        <source>Keep the secret in</source>
        <translation>Guardar el secreto en</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="120" />
        <source>&amp;Variable name</source>
        <translation>Nombre de la &amp;variable</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="121" />
        <source>Other options</source>
        <translation>Otras opciones</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="123" />
        <source>One KEY=VALUE per line</source>
        <translation>Un CLAVE=VALOR por línea</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="147" />
        <source>API &amp;key</source>
        <translation>&amp;Clave de API</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="147" />
        <source>API &amp;token</source>
        <translation>&amp;Token de API</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="150" />
        <source>API key</source>
        <translation>Clave de API</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="150" />
        <source>API token</source>
        <translation>Token de API</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="151" />
        <source>Username and password</source>
        <translation>Usuario y contraseña</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="151" />
        <source>Sign in with the browser</source>
        <translation>Iniciar sesión con el navegador</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="179" />
        <source>Password &amp;variable</source>
        <translation>&amp;Variable de la contraseña</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="179" />
        <source>Token &amp;variable</source>
        <translation>&amp;Variable del token</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="182" />
        <source>Board</source>
        <translation>Tablero</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="182" />
        <source>Boards</source>
        <translation>Tableros</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="182" />
        <source>Project</source>
        <translation>Proyecto</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="183" />
        <source>Activity</source>
        <translation>Actividad</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="183" />
        <source>Tracker id</source>
        <translation>Id del tipo de petición</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="186" />
        <source>default board, name or id (optional)</source>
        <translation>tablero por defecto, nombre o id (opcional)</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="187" />
        <source>only these boards, comma-separated (optional)</source>
        <translation>solo estos tableros, separados por comas (opcional)</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="188" />
        <source>default project (optional)</source>
        <translation>proyecto por defecto (opcional)</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="189" />
        <source>time entry activity, id or name</source>
        <translation>actividad de las horas, id o nombre</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="190" />
        <source>tracker for new issues (optional)</source>
        <translation>tipo de las peticiones nuevas (opcional)</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="190" />
        <source>(optional)</source>
        <translation>(opcional)</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="208" />
        <source>Give the username</source>
        <translation>Indica el usuario</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="214" />
        <source>The environment variable %1 is not set</source>
        <translation>La variable de entorno %1 no está definida</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="218" />
        <source>Give the password</source>
        <translation>Indica la contraseña</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="218" />
        <source>Give the token</source>
        <translation>Indica el token</translation>
    </message>
    <message>
        <location filename="../../ui/account_form.py" line="232" />
        <source>Not KEY=VALUE: %1</source>
        <translation>No es CLAVE=VALOR: %1</translation>
    </message>
</context>
<context>
    <name>AccountsPanel</name>
    <message>
        <location filename="../../ui/accounts_panel.py" line="38" />
        <source>Accounts</source>
        <translation>Cuentas</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_panel.py" line="43" />
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_panel.py" line="43" />
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_panel.py" line="43" />
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_panel.py" line="44" />
        <source>Last error</source>
        <translation>Último error</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_panel.py" line="50" />
        <source>Add…</source>
        <translation>Añadir…</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_panel.py" line="51" />
        <source>Test</source>
        <translation>Probar</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_panel.py" line="52" />
        <source>Sign in again…</source>
        <translation>Iniciar sesión de nuevo…</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_panel.py" line="53" />
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_panel.py" line="121" />
        <source>Added %1 (signed in as %2): %3 tasks</source>
        <translation>Añadida %1 (sesión de %2): %3 tareas</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_panel.py" line="124" />
        <source>%1: signed in as %2; queued changes go out at the next sync</source>
        <translation>%1: sesión de %2; los cambios en cola se envían en la próxima sincronización</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_panel.py" line="135" />
        <source>Testing %1…</source>
        <translation>Probando %1…</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_panel.py" line="145" />
        <source>%1 works (signed in as %2)</source>
        <translation>%1 funciona (sesión de %2)</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_panel.py" line="155" />
        <source>Remove account</source>
        <translation>Quitar cuenta</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_panel.py" line="156" />
        <source>Remove %1 with its tasks, entries and unsent changes from this computer? The server keeps its copy.</source>
        <translation>¿Quitar %1 de este equipo con sus tareas, registros y cambios sin enviar? El servidor conserva su copia.</translation>
    </message>
</context>
<context>
    <name>DailyBackup</name>
    <message>
        <location filename="../../ui/daily_backup.py" line="60" />
        <source>The daily backup failed: {error}</source>
        <translation>La copia de seguridad diaria ha fallado: {error}</translation>
    </message>
</context>
<context>
    <name>DamagedDialog</name>
    <message>
        <location filename="../../ui/damaged.py" line="56" />
        <source>The database is damaged</source>
        <translation>La base de datos está dañada</translation>
    </message>
    <message>
        <location filename="../../ui/damaged.py" line="67" />
        <source>Restore this backup</source>
        <translation>Restaurar esta copia</translation>
    </message>
    <message>
        <location filename="../../ui/damaged.py" line="71" />
        <source>Quit Stint</source>
        <translation>Salir de Stint</translation>
    </message>
    <message>
        <location filename="../../ui/damaged.py" line="79" />
        <source>Stint&apos;s database {path} is damaged ({problem}), so Stint has not opened it and has written nothing to it.</source>
        <translation>La base de datos de Stint {path} está dañada ({problem}), así que Stint no la ha abierto ni ha escrito nada en ella.</translation>
    </message>
    <message>
        <location filename="../../ui/damaged.py" line="83" />
        <source>There is no sound backup to restore. Run `stint doctor` in a terminal for details; `stint restore FILE` puts a copy you have elsewhere in its place.</source>
        <translation>No hay ninguna copia de seguridad sana que restaurar. Ejecute `stint doctor` en un terminal para ver los detalles; `stint restore ARCHIVO` pone en su lugar una copia que tenga en otro sitio.</translation>
    </message>
    <message>
        <location filename="../../ui/damaged.py" line="87" />
        <source>The last good backup is from {when} ({name}). Restore it? What was recorded after it is not in it. The damaged database is kept in the backups folder.</source>
        <translation>La última copia de seguridad buena es del {when} ({name}). ¿Restaurarla? Lo registrado después no está en ella. La base de datos dañada se guarda en la carpeta de copias.</translation>
    </message>
    <message>
        <location filename="../../ui/damaged.py" line="104" />
        <source>The backup could not be restored: {error}</source>
        <translation>No se ha podido restaurar la copia: {error}</translation>
    </message>
</context>
<context>
    <name>DayModel</name>
    <message>
        <location filename="../../ui/day_view.py" line="45" />
        <source>Start</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="45" />
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="45" />
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="45" />
        <source>Task</source>
        <translation>Tarea</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="45" />
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="46" />
        <source>Sync</source>
        <translation>Sincronización</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="48" />
        <source>local task</source>
        <translation>tarea local</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="48" />
        <source>waiting to sync</source>
        <translation>pendiente de sincronizar</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="48" />
        <source>synced</source>
        <translation>sincronizado</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="49" />
        <source>local only</source>
        <translation>solo local</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="49" />
        <source>failed</source>
        <translation>fallido</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="49" />
        <source>conflict</source>
        <translation>conflicto</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="90" />
        <source>running</source>
        <translation>en marcha</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/day_model.py" line="42" />
        <source>Project · task</source>
        <translation>Proyecto · tarea</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/day_model.py" line="127" />
        <source>Account: %1</source>
        <translation>Cuenta: %1</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/day_model.py" line="131" />
        <source>Began on %1 at %2</source>
        <translation>Empezó el %1 a las %2</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/day_model.py" line="135" />
        <source>Still running</source>
        <translation>Sigue en marcha</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/day_model.py" line="137" />
        <source>Goes on until %1 at %2</source>
        <translation>Sigue hasta el %1 a las %2</translation>
    </message>
</context>
<context>
    <name>DayView</name>
    <message>
        <location filename="../../ui/day_view.py" line="117" />
        <source>◀ Previous</source>
        <translation>◀ Anterior</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="117" />
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="118" />
        <source>Next ▶</source>
        <translation>Siguiente ▶</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="132" />
        <source>Add…</source>
        <translation>Añadir…</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="132" />
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="132" />
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="191" />
        <source>Total: %1</source>
        <translation>Total: %1</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="209" />
        <source>Entry added</source>
        <translation>Registro añadido</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="214" />
        <source>Entry changed</source>
        <translation>Registro modificado</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="221" />
        <source>Delete entry</source>
        <translation>Eliminar registro</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="222" />
        <source>Delete the entry of %1 (%2)?</source>
        <translation>¿Eliminar el registro de %1 (%2)?</translation>
    </message>
    <message>
        <location filename="../../ui/day_view.py" line="233" />
        <source>Entry deleted</source>
        <translation>Registro eliminado</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/day_view.py" line="71" />
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/day_view.py" line="72" />
        <source>Split…</source>
        <translation>Dividir…</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/day_view.py" line="73" />
        <source>Start a new timer on this entry's task, with its note</source>
        <translation>Inicia un temporizador nuevo en la tarea de este registro, con su nota</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/day_view.py" line="74" />
        <source>Cut this entry in two at a time you choose</source>
        <translation>Parte este registro en dos a la hora que elijas</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/day_view.py" line="237" />
        <source>Started %1 again</source>
        <translation>%1 en marcha de nuevo</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/day_view.py" line="245" />
        <source>Entry split</source>
        <translation>Registro dividido</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/day_view.py" line="238" />
        <source>%1 is already running</source>
        <translation>%1 ya está en marcha</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <location filename="../../ui/entry_dialog.py" line="52" />
        <source>Edit entry</source>
        <translation>Editar registro</translation>
    </message>
    <message>
        <location filename="../../ui/entry_dialog.py" line="52" />
        <source>Add entry</source>
        <translation>Añadir registro</translation>
    </message>
    <message>
        <location filename="../../ui/entry_dialog.py" line="74" />
        <source>running</source>
        <translation>en marcha</translation>
    </message>
    <message>
        <location filename="../../ui/entry_dialog.py" line="87" />
        <source>&amp;Task</source>
        <translation>&amp;Tarea</translation>
    </message>
    <message>
        <location filename="../../ui/entry_dialog.py" line="88" />
        <source>&amp;Start</source>
        <translation>&amp;Inicio</translation>
    </message>
    <message>
        <location filename="../../ui/entry_dialog.py" line="89" />
        <source>&amp;End</source>
        <translation>&amp;Fin</translation>
    </message>
    <message>
        <location filename="../../ui/entry_dialog.py" line="90" />
        <source>&amp;Note</source>
        <translation>&amp;Nota</translation>
    </message>
    <message>
        <location filename="../../ui/entry_dialog.py" line="112" />
        <source>Choose a task from the list.</source>
        <translation>Elige una tarea de la lista.</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/entry_dialog.py" line="49" />
        <source>1:30, 90m or 1.5h</source>
        <translation>1:30, 90m o 1.5h</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/entry_dialog.py" line="50" />
        <source>How long: 1:30, 90m, 1h30m or 1.5h. Sets the end.</source>
        <translation>Cuánto dura: 1:30, 90m, 1h30m o 1.5h. Fija el fin.</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/entry_dialog.py" line="76" />
        <source>&amp;Duration</source>
        <translation>&amp;Duración</translation>
    </message>
</context>
<context>
    <name>IdleDialog</name>
    <message>
        <location filename="../../ui/idle_prompt.py" line="116" />
        <source>You were away</source>
        <translation>Estuviste ausente</translation>
    </message>
    <message>
        <location filename="../../ui/idle_prompt.py" line="125" />
        <source>&amp;Keep it</source>
        <translation>&amp;Conservarlo</translation>
    </message>
    <message>
        <location filename="../../ui/idle_prompt.py" line="126" />
        <source>&amp;Discard it and keep tracking</source>
        <translation>&amp;Descartarlo y seguir midiendo</translation>
    </message>
    <message>
        <location filename="../../ui/idle_prompt.py" line="127" />
        <source>Discard it and &amp;stop</source>
        <translation>Descartarlo y &amp;parar</translation>
    </message>
    <message>
        <source>Time away</source>
        <translation>Tiempo fuera</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/import_dialog.py" line="93" />
        <source>Import time</source>
        <translation>Importar tiempo</translation>
    </message>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/import_dialog.py" line="95" />
        <source>Choose a file to import</source>
        <translation>Elige un archivo para importar</translation>
    </message>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/import_dialog.py" line="96" />
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/import_dialog.py" line="102" />
        <source>Found from the content</source>
        <translation>Según el contenido</translation>
    </message>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/import_dialog.py" line="111" />
        <source>Local tasks</source>
        <translation>Tareas locales</translation>
    </message>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/import_dialog.py" line="113" />
        <source>Tasks of account %1, pushed to its server</source>
        <translation>Tareas de la cuenta %1, enviadas a su servidor</translation>
    </message>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/import_dialog.py" line="114" />
        <source>Dates like 03/04/2026 are day/month/year</source>
        <translation>Fechas como 03/04/2026 son día/mes/año</translation>
    </message>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/import_dialog.py" line="115" />
        <source>Import entries that overlap others too</source>
        <translation>Importar también las entradas que se solapan con otras</translation>
    </message>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/import_dialog.py" line="117" />
        <source>File:</source>
        <translation>Archivo:</translation>
    </message>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/import_dialog.py" line="118" />
        <source>Format:</source>
        <translation>Formato:</translation>
    </message>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/import_dialog.py" line="119" />
        <source>Times in the file are in:</source>
        <translation>Las horas del archivo están en:</translation>
    </message>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/import_dialog.py" line="120" />
        <source>Put the time on:</source>
        <translation>Poner el tiempo en:</translation>
    </message>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/import_dialog.py" line="133" />
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/import_dialog.py" line="154" />
        <source>Time tracker files (*.csv *.tsv *.json *.txt *frames);;All files (*)</source>
        <translation>Archivos de registro de tiempo (*.csv *.tsv *.json *.txt *frames);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/import_dialog.py" line="194" />
        <source>Restore</source>
        <translation>Restaurar</translation>
    </message>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/import_dialog.py" line="224" />
        <source>A Stint export into an empty database: restore %1 tasks and %2 entries, its accounts and settings, exactly as they were.</source>
        <translation>Una exportación de Stint en una base de datos vacía: se restauran %1 tareas y %2 entradas, sus cuentas y ajustes, tal como estaban.</translation>
    </message>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/import_dialog.py" line="228" />
        <source>%1: %2 entries (%3) to import onto %4 tasks, %5 of them new.</source>
        <translation>%1: %2 entradas (%3) para importar en %4 tareas, %5 de ellas nuevas.</translation>
    </message>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/import_dialog.py" line="233" />
        <source>%1 skipped.</source>
        <translation>%1 omitidas.</translation>
    </message>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/import_dialog.py" line="235" />
        <source>%1 not time to import.</source>
        <translation>%1 sin tiempo que importar.</translation>
    </message>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/import_dialog.py" line="237" />
        <source>%1 could not be read.</source>
        <translation>%1 no se pudieron leer.</translation>
    </message>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/import_dialog.py" line="238" />
        <source>Note: %1.</source>
        <translation>Nota: %1.</translation>
    </message>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/import_dialog.py" line="248" />
        <source>Importing…</source>
        <translation>Importando…</translation>
    </message>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/import_dialog.py" line="258" />
        <source>Imported %1 entries (%2).</source>
        <translation>Importadas %1 entradas (%2).</translation>
    </message>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/import_dialog.py" line="274" />
        <source>Restored %1 tasks and %2 entries.</source>
        <translation>Restauradas %1 tareas y %2 entradas.</translation>
    </message>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/import_dialog.py" line="284" />
        <source>Import (new task)</source>
        <translation>Importar (tarea nueva)</translation>
    </message>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/import_dialog.py" line="288" />
        <source>Skip: %1</source>
        <translation>Omitir: %1</translation>
    </message>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/import_dialog.py" line="290" />
        <source>Not imported: %1</source>
        <translation>No se importa: %1</translation>
    </message>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/import_dialog.py" line="292" />
        <source>Cannot read: %1</source>
        <translation>No se puede leer: %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/window.py" line="25" />
        <source>Stint</source>
        <translation>Stint</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="30" />
        <source>&amp;Tasks</source>
        <translation>&amp;Tareas</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="31" />
        <source>&amp;Day</source>
        <translation>&amp;Día</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="32" />
        <source>&amp;Week</source>
        <translation>&amp;Semana</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="51" />
        <source>&amp;Tracking</source>
        <translation>&amp;Seguimiento</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="52" />
        <source>&amp;New task…</source>
        <translation>&amp;Nueva tarea…</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="53" />
        <source>&amp;Start/stop selected task</source>
        <translation>&amp;Iniciar/parar la tarea seleccionada</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="54" />
        <source>&amp;Find task</source>
        <translation>&amp;Buscar tarea</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="56" />
        <source>&amp;Export timesheet…</source>
        <translation>&amp;Exportar hoja de horas…</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="57" />
        <source>&amp;Failed changes…</source>
        <translation>Cambios &amp;fallidos…</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="59" />
        <source>S&amp;ync now</source>
        <translation>S&amp;incronizar ahora</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="60" />
        <source>Se&amp;ttings…</source>
        <translation>&amp;Preferencias…</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="62" />
        <source>&amp;Close window</source>
        <translation>&amp;Cerrar ventana</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="63" />
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="64" />
        <source>Tasks</source>
        <translation>Tareas</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="64" />
        <source>Day</source>
        <translation>Día</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="64" />
        <source>Week</source>
        <translation>Semana</translation>
    </message>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/window.py" line="57" />
        <source>&amp;Import…</source>
        <translation>&amp;Importar…</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/window.py" line="32" />
        <source>&amp;Reports</source>
        <translation>&amp;Informes</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/window.py" line="56" />
        <source>&amp;Export report…</source>
        <translation>&amp;Exportar informe…</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/window.py" line="64" />
        <source>Reports</source>
        <translation>Informes</translation>
    </message>
</context>
<context>
    <name>NewTaskDialog</name>
    <message>
        <location filename="../../ui/new_task.py" line="23" />
        <source>New task</source>
        <translation>Nueva tarea</translation>
    </message>
    <message>
        <location filename="../../ui/new_task.py" line="31" />
        <source>&amp;Start the timer now</source>
        <translation>&amp;Iniciar el temporizador ahora</translation>
    </message>
    <message>
        <location filename="../../ui/new_task.py" line="34" />
        <source>&amp;Create</source>
        <translation>&amp;Crear</translation>
    </message>
    <message>
        <location filename="../../ui/new_task.py" line="38" />
        <source>&amp;Title:</source>
        <translation>&amp;Título:</translation>
    </message>
    <message>
        <location filename="../../ui/new_task.py" line="39" />
        <source>&amp;Description:</source>
        <translation>&amp;Descripción:</translation>
    </message>
    <message>
        <location filename="../../ui/new_task.py" line="40" />
        <source>&amp;Project:</source>
        <translation>&amp;Proyecto:</translation>
    </message>
    <message>
        <location filename="../../ui/new_task.py" line="41" />
        <source>&amp;Where:</source>
        <translation>&amp;Dónde:</translation>
    </message>
    <message>
        <location filename="../../ui/new_task.py" line="56" />
        <source>On {account} (synced)</source>
        <translation>En {account} (sincronizada)</translation>
    </message>
    <message>
        <location filename="../../ui/new_task.py" line="57" />
        <source>Local only (never synced)</source>
        <translation>Solo local (nunca se sincroniza)</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <location filename="../../ui/notify.py" line="71" />
        <source>The server refused Stint's credentials for {name}. Sign in again in Settings; your changes are kept until then.</source>
        <translation>El servidor rechazó las credenciales de Stint para {name}. Vuelve a iniciar sesión en Preferencias; tus cambios se guardan hasta entonces.</translation>
    </message>
    <message>
        <location filename="../../ui/notify.py" line="74" />
        <source>Sync with {name} failed: {error}</source>
        <translation>Falló la sincronización con {name}: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/notify.py" line="75" />
        <source>unknown error</source>
        <translation>error desconocido</translation>
    </message>
    <message>
        <location filename="../../ui/notify.py" line="76" />
        <source>Stint: {name} needs attention</source>
        <translation>Stint: {name} necesita atención</translation>
    </message>
    <message>
        <location filename="../../ui/notify.py" line="79" />
        <source>Stint: changes rejected</source>
        <translation>Stint: cambios rechazados</translation>
    </message>
    <message>
        <location filename="../../ui/notify.py" line="80" />
        <source>The server rejected {n} change(s). Open Stint to retry, edit or discard them.</source>
        <translation>El servidor rechazó {n} cambio(s). Abre Stint para reintentarlos, editarlos o descartarlos.</translation>
    </message>
    <message>
        <location filename="../../ui/notify.py" line="98" />
        <source>Stint: timer still running</source>
        <translation>Stint: el temporizador sigue en marcha</translation>
    </message>
    <message>
        <location filename="../../ui/notify.py" line="99" />
        <source>“{title}” has been running for {hours:.1f} hours. Forgot to stop it?</source>
        <translation>«{title}» lleva {hours:.1f} horas en marcha. ¿Olvidaste pararlo?</translation>
    </message>
    <message>
        <location filename="../../ui/notify.py" line="116" />
        <source>Stint: nothing is being tracked</source>
        <translation>Stint: no se está midiendo nada</translation>
    </message>
    <message>
        <location filename="../../ui/notify.py" line="117" />
        <source>It is working time and no timer runs. Start one from the tray menu.</source>
        <translation>Es horario de trabajo y no hay ningún temporizador en marcha. Inicia uno desde el menú de la bandeja.</translation>
    </message>
    <message>
        <source>Sign in…</source>
        <translation>Iniciar sesión…</translation>
    </message>
    <message>
        <source>Start…</source>
        <translation>Iniciar…</translation>
    </message>
</context>
<context>
    <name>OpsDialog</name>
    <message>
        <location filename="../../ui/ops_dialog.py" line="55" />
        <source>Failed changes</source>
        <translation>Cambios fallidos</translation>
    </message>
    <message>
        <location filename="../../ui/ops_dialog.py" line="58" />
        <source>create task</source>
        <translation>crear tarea</translation>
    </message>
    <message>
        <location filename="../../ui/ops_dialog.py" line="58" />
        <source>start timer</source>
        <translation>iniciar temporizador</translation>
    </message>
    <message>
        <location filename="../../ui/ops_dialog.py" line="58" />
        <source>stop timer</source>
        <translation>parar temporizador</translation>
    </message>
    <message>
        <location filename="../../ui/ops_dialog.py" line="59" />
        <source>change status</source>
        <translation>cambiar estado</translation>
    </message>
    <message>
        <location filename="../../ui/ops_dialog.py" line="59" />
        <source>add entry</source>
        <translation>añadir registro</translation>
    </message>
    <message>
        <location filename="../../ui/ops_dialog.py" line="60" />
        <source>edit entry</source>
        <translation>editar registro</translation>
    </message>
    <message>
        <location filename="../../ui/ops_dialog.py" line="60" />
        <source>delete entry</source>
        <translation>eliminar registro</translation>
    </message>
    <message>
        <location filename="../../ui/ops_dialog.py" line="62" />
        <source>The server refused these changes. Retry sends one again; discard keeps your local copy but stops sending it.</source>
        <translation>El servidor rechazó estos cambios. Reintentar lo vuelve a enviar; descartar conserva tu copia local pero deja de enviarlo.</translation>
    </message>
    <message>
        <location filename="../../ui/ops_dialog.py" line="66" />
        <source>Account</source>
        <translation>Cuenta</translation>
    </message>
    <message>
        <location filename="../../ui/ops_dialog.py" line="66" />
        <source>Change</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <location filename="../../ui/ops_dialog.py" line="66" />
        <source>Task</source>
        <translation>Tarea</translation>
    </message>
    <message>
        <location filename="../../ui/ops_dialog.py" line="67" />
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <location filename="../../ui/ops_dialog.py" line="67" />
        <source>Server's message</source>
        <translation>Mensaje del servidor</translation>
    </message>
    <message>
        <location filename="../../ui/ops_dialog.py" line="72" />
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <location filename="../../ui/ops_dialog.py" line="73" />
        <source>Discard</source>
        <translation>Descartar</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/import_dialog.py" line="47" />
        <source>Where</source>
        <translation>Dónde</translation>
    </message>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/import_dialog.py" line="47" />
        <source>Start</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/import_dialog.py" line="47" />
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/import_dialog.py" line="47" />
        <source>Time</source>
        <translation>Tiempo</translation>
    </message>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/import_dialog.py" line="47" />
        <source>Task</source>
        <translation>Tarea</translation>
    </message>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/import_dialog.py" line="48" />
        <source>Project</source>
        <translation>Proyecto</translation>
    </message>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/import_dialog.py" line="48" />
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location filename="../work/wt/importers/app/stint/ui/import_dialog.py" line="48" />
        <source>What happens</source>
        <translation>Qué pasa</translation>
    </message>
</context>
<context>
    <name>QuickStart</name>
    <message>
        <location filename="../../ui/quick_start.py" line="27" />
        <source>Start task</source>
        <translation>Iniciar tarea</translation>
    </message>
    <message>
        <location filename="../../ui/quick_start.py" line="30" />
        <source>Type to search tasks…</source>
        <translation>Escribe para buscar tareas…</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="28" />
        <source>Stint settings</source>
        <translation>Preferencias de Stint</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="32" />
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="37" />
        <location filename="../../ui/settings_dialog.py" line="57" />
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="38" />
        <location filename="../../ui/settings_dialog.py" line="58" />
        <source>off</source>
        <translation>desactivado</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="40" />
        <source>up</source>
        <translation>hacia arriba</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="41" />
        <source>to the nearest</source>
        <translation>al más cercano</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="52" />
        <source>Remind me when no timer runs during working hours</source>
        <translation>Avisarme si no hay temporizador en marcha en horario de trabajo</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="55" />
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="56" />
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="59" />
        <source>Start Stint when I log in</source>
        <translation>Iniciar Stint al iniciar sesión</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="62" />
        <source>Tracking</source>
        <translation>Seguimiento</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="64" />
        <source>Sync every</source>
        <translation>Sincronizar cada</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="65" />
        <source>Weeks start on</source>
        <translation>La semana empieza el</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="69" />
        <source>Round timesheets</source>
        <translation>Redondear hojas de horas</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="70" />
        <source>Ask after idle for</source>
        <translation>Preguntar tras inactividad de</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="71" />
        <source>Reminders</source>
        <translation>Recordatorios</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="76" />
        <source>Working hours</source>
        <translation>Horario de trabajo</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="77" />
        <source>Working days</source>
        <translation>Días laborables</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="79" />
        <source>Warn when a timer runs longer than</source>
        <translation>Avisar si un temporizador dura más de</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="112" />
        <source>working hours must end after they start</source>
        <translation>el horario de trabajo debe terminar después de empezar</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="121" />
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
    <name>StatusLine</name>
    <message>
        <location filename="../../ui/status_bar.py" line="71" />
        <source>Local only</source>
        <translation>Solo local</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="72" />
        <source>No server account is configured.</source>
        <translation>No hay ninguna cuenta de servidor configurada.</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="74" />
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="77" />
        <source>Online</source>
        <translation>Conectado</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/status_bar.py" line="79" />
        <source>%n change(s) waiting</source>
        <translation><numerusform>%n cambio pendiente</numerusform><numerusform>%n cambios pendientes</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="83" />
        <source>Last sync %1</source>
        <translation>Última sincronización %1</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="85" />
        <source>Never synced</source>
        <translation>Nunca sincronizado</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/status_bar.py" line="86" />
        <source>%n failed</source>
        <translation><numerusform>%n fallido</numerusform><numerusform>%n fallidos</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="87" />
        <source>Show the changes the server refused</source>
        <translation>Mostrar los cambios que rechazó el servidor</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="94" />
        <source>No timer running</source>
        <translation>Ningún temporizador en marcha</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="98" />
        <source>▶ %1 — %2</source>
        <translation>▶ %1 — %2</translation>
    </message>
</context>
<context>
    <name>StintApp</name>
    <message>
        <location filename="../../ui/app.py" line="185" />
        <source>Stint cannot start</source>
        <translation>Stint no puede arrancar</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="186" />
        <source>Stint cannot use its data: {error}</source>
        <translation>Stint no puede usar sus datos: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="175" />
        <source>The backup was restored. The damaged database is kept as {path}.</source>
        <translation>Se ha restaurado la copia. La base de datos dañada se guarda como {path}.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="242" />
        <source>Stint: no system tray</source>
        <translation>Stint: sin bandeja del sistema</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="243" />
        <source>Your desktop has no system tray, so Stint runs as a normal window. Closing the window quits Stint; timers keep their state and the `stint` command works as usual.</source>
        <translation>Tu escritorio no tiene bandeja del sistema, así que Stint funciona como una ventana normal. Cerrar la ventana cierra Stint; los temporizadores conservan su estado y la orden `stint` funciona como siempre.</translation>
    </message>
</context>
<context>
    <name>SyncRunner</name>
    <message>
        <location filename="../../ui/sync_runner.py" line="78" />
        <source>Sync failed: {text}</source>
        <translation>Falló la sincronización: {text}</translation>
    </message>
</context>
<context>
    <name>TaskTableModel</name>
    <message>
        <location filename="../../ui/task_model.py" line="95" />
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <location filename="../../ui/task_model.py" line="95" />
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../ui/task_model.py" line="95" />
        <source>Project</source>
        <translation>Proyecto</translation>
    </message>
    <message>
        <location filename="../../ui/task_model.py" line="95" />
        <source>Due</source>
        <translation>Vence</translation>
    </message>
    <message>
        <location filename="../../ui/task_model.py" line="96" />
        <source>Tracked</source>
        <translation>Registrado</translation>
    </message>
    <message>
        <location filename="../../ui/task_model.py" line="96" />
        <source>Account</source>
        <translation>Cuenta</translation>
    </message>
    <message>
        <location filename="../../ui/task_model.py" line="184" />
        <source>Timer running</source>
        <translation>Temporizador en marcha</translation>
    </message>
    <message>
        <location filename="../../ui/task_model.py" line="200" />
        <source>local</source>
        <translation>local</translation>
    </message>
</context>
<context>
    <name>TasksView</name>
    <message>
        <location filename="../../ui/tasks_view.py" line="74" />
        <source>Search title or project</source>
        <translation>Buscar por título o proyecto</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_view.py" line="79" />
        <source>Pending only</source>
        <translation>Solo pendientes</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_view.py" line="97" />
        <location filename="../../ui/tasks_view.py" line="178" />
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_view.py" line="99" />
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_view.py" line="103" />
        <source>New task…</source>
        <translation>Nueva tarea…</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_view.py" line="148" />
        <source>All statuses</source>
        <translation>Todos los estados</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_view.py" line="178" />
        <source>Stop</source>
        <translation>Parar</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_view.py" line="190" />
        <source>Timer stopped</source>
        <translation>Temporizador parado</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_view.py" line="195" />
        <source>Timer started</source>
        <translation>Temporizador iniciado</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_view.py" line="204" />
        <source>Status changed</source>
        <translation>Estado cambiado</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <location filename="../../ui/tray.py" line="46" />
        <source>Stint — starting…</source>
        <translation>Stint — iniciando…</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="82" />
        <source>Tracking: {title} — {elapsed}</source>
        <translation>Midiendo: {title} — {elapsed}</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="85" />
        <location filename="../../ui/tray.py" line="119" />
        <source>Not tracking</source>
        <translation>Sin medir</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="87" />
        <source>{n} change(s) waiting to sync</source>
        <translation>{n} cambio(s) pendientes de sincronizar</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="89" />
        <source>{n} change(s) rejected by the server</source>
        <translation>{n} cambio(s) rechazados por el servidor</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="96" />
        <source>{name}: sign in again</source>
        <translation>{name}: vuelve a iniciar sesión</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="97" />
        <source>{name}: sync error</source>
        <translation>{name}: error de sincronización</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="108" />
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="109" />
        <location filename="../../ui/tray.py" line="135" />
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="115" />
        <source>▶ {title} — {elapsed}</source>
        <translation>▶ {title} — {elapsed}</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="117" />
        <source>S&amp;top</source>
        <translation>&amp;Parar</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="121" />
        <source>Recent tasks</source>
        <translation>Tareas recientes</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="129" />
        <source>Start &amp;task…</source>
        <translation>Iniciar &amp;tarea…</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="130" />
        <source>&amp;New task…</source>
        <translation>&amp;Nueva tarea…</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="132" />
        <source>&amp;Open Stint</source>
        <translation>&amp;Abrir Stint</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="140" />
        <source>Sync: no server account configured (add one in Settings)</source>
        <translation>Sincronización: no hay cuenta de servidor (añade una en Preferencias)</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="143" />
        <source>Sync: not available in this build</source>
        <translation>Sincronización: no disponible en esta versión</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="146" />
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="147" />
        <source>S&amp;ync now (last: {when}, {n} waiting)</source>
        <translation>S&amp;incronizar ahora (última: {when}, {n} pendientes)</translation>
    </message>
</context>
<context>
    <name>WeekView</name>
    <message>
        <location filename="../../ui/week_view.py" line="45" />
        <source>Some of this time is local only: the server cannot hold it.</source>
        <translation>Parte de este tiempo es solo local: el servidor no puede guardarlo.</translation>
    </message>
    <message>
        <location filename="../../ui/week_view.py" line="46" />
        <source>The server rejected a change to some of this time; see the failed changes.</source>
        <translation>El servidor rechazó un cambio de parte de este tiempo; consulta los cambios fallidos.</translation>
    </message>
    <message>
        <location filename="../../ui/week_view.py" line="50" />
        <source>◀ Previous</source>
        <translation>◀ Anterior</translation>
    </message>
    <message>
        <location filename="../../ui/week_view.py" line="50" />
        <source>This week</source>
        <translation>Esta semana</translation>
    </message>
    <message>
        <location filename="../../ui/week_view.py" line="51" />
        <source>Next ▶</source>
        <translation>Siguiente ▶</translation>
    </message>
    <message>
        <location filename="../../ui/week_view.py" line="55" />
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <location filename="../../ui/week_view.py" line="123" />
        <source>Week %1: %2 – %3</source>
        <translation>Semana %1: %2 – %3</translation>
    </message>
    <message>
        <location filename="../../ui/week_view.py" line="126" />
        <source>Not rounded</source>
        <translation>Sin redondeo</translation>
    </message>
    <message>
        <location filename="../../ui/week_view.py" line="128" />
        <source>up</source>
        <translation>hacia arriba</translation>
    </message>
    <message>
        <location filename="../../ui/week_view.py" line="128" />
        <source>to the nearest</source>
        <translation>al más cercano</translation>
    </message>
    <message>
        <location filename="../../ui/week_view.py" line="129" />
        <source>Each entry rounded %1 to %2 min per day</source>
        <translation>Cada registro redondeado %1 a %2 min por día</translation>
    </message>
    <message>
        <location filename="../../ui/week_view.py" line="138" />
        <source>Task</source>
        <translation>Tarea</translation>
    </message>
    <message>
        <location filename="../../ui/week_view.py" line="140" />
        <location filename="../../ui/week_view.py" line="157" />
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../ui/week_view.py" line="178" />
        <source>Export timesheet</source>
        <translation>Exportar hoja de horas</translation>
    </message>
    <message>
        <location filename="../../ui/week_view.py" line="191" />
        <source>Exporting %1…</source>
        <translation>Exportando %1…</translation>
    </message>
    <message>
        <location filename="../../ui/week_view.py" line="196" />
        <source>Timesheet saved to %1</source>
        <translation>Hoja de horas guardada en %1</translation>
    </message>
    <message>
        <location filename="../../ui/week_view.py" line="197" />
        <source>Timesheet exported</source>
        <translation>Hoja de horas exportada</translation>
    </message>
    <message>
        <location filename="../../ui/week_view.py" line="199" />
        <source>Export failed: %1</source>
        <translation>Falló la exportación: %1</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/week_view.py" line="159" />
        <source>This month</source>
        <translation>Este mes</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/week_view.py" line="160" />
        <source>Up to today</source>
        <translation>Hasta hoy</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/week_view.py" line="193" />
        <source>Export report</source>
        <translation>Exportar informe</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/week_view.py" line="211" />
        <source>Saved to %1</source>
        <translation>Guardado en %1</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/week_view.py" line="212" />
        <source>Report exported</source>
        <translation>Informe exportado</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/week_view.py" line="167" />
        <source>Total: %1</source>
        <translation>Total: %1</translation>
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
    <name>DayTimeline</name>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/timeline.py" line="56" />
        <source>Click a free time to add an entry there; drag an entry's edge to change it</source>
        <translation>Pulsa en un hueco libre para añadir un registro ahí; arrastra el borde de un registro para cambiar su hora</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/timeline.py" line="189" />
        <source>Click to add an entry: %1–%2</source>
        <translation>Pulsa para añadir un registro: %1–%2</translation>
    </message>
</context>
<context>
    <name>ReportChoices</name>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_choices.py" line="31" />
        <source>Week</source>
        <translation>Semana</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_choices.py" line="31" />
        <source>Month</source>
        <translation>Mes</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_choices.py" line="31" />
        <source>Dates</source>
        <translation>Fechas</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_choices.py" line="35" />
        <source>Grid: tasks × days</source>
        <translation>Cuadrícula: tareas × días</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_choices.py" line="36" />
        <source>Detail: every entry</source>
        <translation>Detalle: cada registro</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_choices.py" line="42" />
        <source>to</source>
        <translation>a</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_choices.py" line="74" />
        <source>All projects</source>
        <translation>Todos los proyectos</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_choices.py" line="75" />
        <source>All accounts</source>
        <translation>Todas las cuentas</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_choices.py" line="75" />
        <source>Local tasks</source>
        <translation>Tareas locales</translation>
    </message>
</context>
<context>
    <name>ReportLabels</name>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="25" />
        <source>Timesheet</source>
        <translation>Hoja de horas</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="26" />
        <source>Time entries</source>
        <translation>Registros de tiempo</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="27" />
        <source>Per project</source>
        <translation>Por proyecto</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="28" />
        <source>Per task</source>
        <translation>Por tarea</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="29" />
        <source>Per day</source>
        <translation>Por día</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="30" />
        <source>Task</source>
        <translation>Tarea</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="31" />
        <source>Project</source>
        <translation>Proyecto</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="32" />
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="33" />
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="34" />
        <source>Start</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="35" />
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="36" />
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="37" />
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="38" />
        <source>Account</source>
        <translation>Cuenta</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="39" />
        <source>Sync</source>
        <translation>Sincronización</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="40" />
        <source>Entry</source>
        <translation>Registro</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="41" />
        <source>Flags</source>
        <translation>Marcas</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="42" />
        <source>H:MM</source>
        <translation>H:MM</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="43" />
        <source>hours</source>
        <translation>horas</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="44" />
        <source>(no project)</source>
        <translation>(sin proyecto)</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="45" />
        <source>local</source>
        <translation>local</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="46" />
        <source>running</source>
        <translation>en marcha</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="47" />
        <source>No time recorded in this period.</source>
        <translation>No hay tiempo registrado en este periodo.</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="48" />
        <source>each entry rounded up to {minutes} min per day</source>
        <translation>cada registro redondeado hacia arriba a {minutes} min por día</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="49" />
        <source>each entry rounded to the nearest {minutes} min per day</source>
        <translation>cada registro redondeado a los {minutes} min más cercanos por día</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="50" />
        <source>only {what}</source>
        <translation>solo {what}</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="51" />
        <source>project {name}</source>
        <translation>proyecto {name}</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="52" />
        <source>account {name}</source>
        <translation>cuenta {name}</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="53" />
        <source>local tasks</source>
        <translation>tareas locales</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="54" />
        <source>Page {page}/{pages}</source>
        <translation>Página {page}/{pages}</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="55" />
        <source>→ the entry goes on across midnight; each day shows its own part</source>
        <translation>→ el registro sigue pasada la medianoche; cada día muestra su parte</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="57" />
        <source>local only — the server cannot hold this time</source>
        <translation>solo local — el servidor no puede guardar este tiempo</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="58" />
        <source>failed — the server rejected this time; it is kept only here</source>
        <translation>fallido — el servidor rechazó este tiempo; solo se guarda aquí</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="59" />
        <source>local task</source>
        <translation>tarea local</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="60" />
        <source>waiting to sync</source>
        <translation>pendiente de sincronizar</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="61" />
        <source>synced</source>
        <translation>sincronizado</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="62" />
        <source>local only</source>
        <translation>solo local</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="63" />
        <source>failed</source>
        <translation>fallido</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="64" />
        <source>conflict</source>
        <translation>conflicto</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="65" />
        <source>Mon</source>
        <translation>lun</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="65" />
        <source>Tue</source>
        <translation>mar</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="65" />
        <source>Wed</source>
        <translation>mié</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="66" />
        <source>Thu</source>
        <translation>jue</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="66" />
        <source>Fri</source>
        <translation>vie</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="66" />
        <source>Sat</source>
        <translation>sáb</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="67" />
        <source>Sun</source>
        <translation>dom</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="68" />
        <source>Jan</source>
        <translation>ene</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="68" />
        <source>Feb</source>
        <translation>feb</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="68" />
        <source>Mar</source>
        <translation>mar</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="69" />
        <source>Apr</source>
        <translation>abr</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="69" />
        <source>May</source>
        <translation>may</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="69" />
        <source>Jun</source>
        <translation>jun</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="70" />
        <source>Jul</source>
        <translation>jul</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="70" />
        <source>Aug</source>
        <translation>ago</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="70" />
        <source>Sep</source>
        <translation>sep</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="71" />
        <source>Oct</source>
        <translation>oct</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="71" />
        <source>Nov</source>
        <translation>nov</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/report_labels.py" line="71" />
        <source>Dec</source>
        <translation>dic</translation>
    </message>
</context>
<context>
    <name>SplitDialog</name>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/split_dialog.py" line="24" />
        <source>Split entry</source>
        <translation>Dividir registro</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/split_dialog.py" line="34" />
        <source>Entry</source>
        <translation>Registro</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/split_dialog.py" line="35" />
        <source>Split &amp;at</source>
        <translation>Dividir &amp;a las</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/split_dialog.py" line="36" />
        <source>Gives</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/split_dialog.py" line="54" />
        <source>running</source>
        <translation>en marcha</translation>
    </message>
</context>
<context>
    <name>TaskPicker</name>
    <message>
        <location filename="../../work/wt/views/app/stint/ui/task_picker.py" line="33" />
        <source>Type part of a task's title or project</source>
        <translation>Escribe parte del título o del proyecto de una tarea</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message numerus="yes">
        <location filename="../../work/wt/views/app/stint/ui/bar_chart.py" line="146" />
        <source>+%n more</source>
        <translation>
            <numerusform>+%n más</numerusform>
            <numerusform>+%n más</numerusform>
        </translation>
    </message>
</context>
</TS>