## Haven — español. Tratamos a la persona de «tú», con calma y sin tecnicismos.
language-name = Español

## Común
quick-exit = Salir
quick-exit-label = Salida rápida: volver a la calculadora y bloquear
back = Atrás
next = Siguiente
skip = Omitir
cancel = Cancelar
save = Guardar
saved = Guardado
saving = Guardando…
done = Listo
close = Cerrar
working = Un momento…

## Primer uso
setup-welcome-title = Te damos la bienvenida
setup-welcome-body = Esta app guarda tu plan de seguridad y las personas y servicios en los que confías, bajo llave en este teléfono. Solo tú decides qué guardar.
setup-disguise-title = Parece una calculadora
setup-disguise-body = En tu pantalla de inicio esta app se llama «Calculadora» y funciona como tal. Quien la abra verá una calculadora normal.
setup-howto-title = Cómo abrirla
setup-howto-body = Escribe tu PIN en la calculadora y pulsa =. Si el PIN no es correcto, la calculadora solo muestra un número: ningún mensaje, ninguna pista.
setup-language = Idioma
setup-start = Empecemos
setup-pin-title = Elige tu PIN
setup-pin-body = Tu PIN lleva solo números, porque lo escribes en la calculadora. Necesita al menos { $min } dígitos.
setup-pin-strength = Cuanto más largo, mucho más seguro. Alguien con una copia de los archivos del teléfono podría probar rápido todos los PIN de 6 dígitos; cada dígito de más lo hace diez veces más difícil. Con 8 dígitos o más vas bien: elige números fáciles para ti y difíciles de adivinar, no una fecha de cumpleaños.
setup-pin-label = PIN nuevo
setup-pin-confirm-label = Escribe el PIN otra vez
setup-pin-too-short = Usa al menos { $min } dígitos.
setup-pin-too-long = Usa como máximo { $max } dígitos.
setup-pin-digits-only = Usa solo números.
setup-pin-mismatch = Los dos PIN no coinciden.
setup-pin-strong = Muy bien: { $count } dígitos.
setup-pin-ok-short = { $count } dígitos sirven. Con más dígitos sería más seguro.
setup-limits-title = Lo que esta app puede y no puede hacer
setup-limits-can = Puede:
setup-limits-can-1 = verse y funcionar como una calculadora normal;
setup-limits-can-2 = guardar lo que escribas bajo llave y cifrado en este teléfono;
setup-limits-can-3 = volver a la calculadora con un toque en Salir, y bloquearse cuando dejas de usarla.
setup-limits-cannot = No puede:
setup-limits-cannot-1 = protegerte de programas espía o de grabaciones de pantalla en este teléfono. Si crees que alguien vigila tu teléfono, usa un teléfono más seguro para pedir ayuda;
setup-limits-cannot-2 = protegerte si alguien te obliga a abrirla;
setup-limits-cannot-3 = ocultar que descargaste la app: la tienda de apps guarda un historial;
setup-limits-cannot-4 = ocultar tus llamadas y mensajes: aparecen en el registro de llamadas y en la factura del teléfono.
setup-decoy-title = Un segundo PIN (opcional)
setup-decoy-body = Puedes elegir un segundo PIN que abre un espacio sencillo, con notas del día a día. Si alguien te obliga a abrir la app, puedes escribir este PIN.
setup-decoy-risk = Piensa si esto es seguro para ti: si alguien sabe de la app y encuentra el espacio vacío o demasiado simple, puede que no lo crea.
setup-decoy-label = Segundo PIN
setup-decoy-confirm-label = Escribe el segundo PIN otra vez
setup-decoy-same = El segundo PIN tiene que ser distinto de tu PIN.
setup-duress-label = Borrar también mi espacio real cuando se use este segundo PIN
setup-duress-risk = Si lo activas, al escribir el segundo PIN se borra todo tu espacio real, para siempre y sin vuelta atrás. Nadie puede ver que pasó. Actívalo solo si perder tu plan es más seguro que que alguien lo lea.
setup-decoy-skip = Sin segundo PIN
setup-decoy-use = Usar este segundo PIN
setup-creating = Estamos preparando tu espacio bajo llave. Tarda unos segundos…
setup-done-title = Todo listo
setup-done-body = Desde ahora esta app siempre se abre como la calculadora. Para volver, escribe tu PIN y pulsa =.
setup-done-tip = Consejo: pruébalo una vez ahora, para que tus dedos lo recuerden.
setup-finish = Ir a la calculadora

## Inicio
home-title = Tu espacio
home-intro = Todo lo que hay aquí está bajo llave en este teléfono. Toca Salir cuando quieras para volver a la calculadora.
home-plan = Mi plan de seguridad
home-plan-desc = Tu plan, tus pasos: para quedarte, para irte o para más adelante.
home-resources = Mis recursos
home-resources-desc = Personas y servicios de confianza, guardados en este teléfono.
home-directory = Buscar ayuda
home-directory-desc = Líneas nacionales que funcionan sin internet.
home-signs = No estás sola, no estás solo
home-signs-desc = Señales a tener en cuenta, y ayuda que no necesita policía.
home-settings = Ajustes
home-settings-desc = PIN, segundo PIN, bloqueo automático, idioma, borrar.
empty-soon = Esta parte todavía no está lista. Llegará en una próxima actualización.

## Ajustes
settings-title = Ajustes
settings-language = Idioma
settings-idle = Bloquear cuando deje de usar la app durante
settings-idle-minutes = { $minutes ->
    [one] 1 minuto
   *[other] { $minutes } minutos
}
settings-change-pin = Cambiar el PIN
settings-change-pin-body = Elige un PIN nuevo. El PIN anterior deja de funcionar enseguida.
settings-new-pin = PIN nuevo
settings-new-pin-confirm = Escribe el PIN nuevo otra vez
settings-pin-changed = Tu PIN ya cambió.
settings-rekey = Renovar la clave de cifrado
settings-rekey-body = Si crees que alguien copió los archivos de este teléfono y puede saber tu PIN, renueva la clave. Así, las copias antiguas ya no se podrán abrir con tu PIN.
settings-rekey-button = Renovar la clave
settings-rekey-done = La clave está renovada.
settings-decoy = Segundo PIN
settings-decoy-none = No hay un segundo PIN.
settings-decoy-set = Hay un segundo PIN.
settings-decoy-replace = Poner un segundo PIN nuevo
settings-decoy-remove = Quitar el segundo PIN
settings-decoy-removed = El segundo PIN se quitó.
settings-decoy-saved = El segundo PIN está guardado.
settings-wipe = Borrar todo
settings-wipe-body = Esto borra tu plan, tus recursos y tu PIN de este teléfono, para siempre. Después la app empieza de cero. Nadie, ni siquiera tú, podrá recuperar los datos.
settings-wipe-confirm-label = Para borrar, escribe { $word }
settings-wipe-word = BORRAR
settings-wipe-button = Borrar todo ahora
settings-limits = Lo que esta app puede y no puede hacer

## Errores (con calma, nunca datos privados)
error-generic = Algo no salió bien. No se perdió nada. Inténtalo otra vez.
error-storage = El teléfono no pudo guardar ahora. Inténtalo de nuevo en un momento.
error-damaged = Algunos datos guardados no se pudieron leer. Se muestra lo que sí se abre; el resto queda aparte.
error-wrong-current = Eso no funcionó. Revisa e inténtalo otra vez.

## Contenido del espacio señuelo (algo normal y cotidiano)
decoy-notes = Compras: leche, arroz, manzanas, pan. Llamar al dentista el lunes. Devolver los libros de la biblioteca el viernes. Regar las plantas.
