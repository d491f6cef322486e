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
setup-howto-body = Escribe tu PIN en la calculadora y pulsa =. Si el PIN no es correcto, la calculadora solo muestra el número, como cualquier calculadora: ningún mensaje, ninguna pista. Después de seis PIN equivocados seguidos, la aplicación espera antes de volver a comprobar un PIN; mientras espera, tu PIN y = muestran Error. Deja la calculadora abierta y vuelve a intentarlo más tarde: solo cuenta el tiempo con la aplicación abierta.
setup-language = Idioma
setup-start = Empecemos
setup-pin-title = Elige tu PIN
setup-pin-body = Tu PIN lleva solo números, porque lo escribes en la calculadora. Necesita al menos { $min } dígitos.
setup-pin-strength = Cuanto más largo, mucho más seguro. Alguien con una copia de los archivos del teléfono podría probar rápido todos los PIN de 6 dígitos; cada dígito de más lo hace diez veces más difícil. Con 8 dígitos o más vas bien: elige números fáciles para ti y difíciles de adivinar, no una fecha de cumpleaños.
setup-pin-forgotten = Guárdalo donde no lo pierdas: si olvidas tu PIN, nadie podrá volver a abrir tu espacio. Después de seis PIN equivocados seguidos, la calculadora espera antes de volver a probar un PIN (al principio 30 segundos, como mucho una hora, y solo cuenta el tiempo con la aplicación abierta); mientras espera, cualquier PIN y = muestran Error. Cualquier número largo seguido de = cuenta como un intento, también si lo escribe otra persona.
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
setup-decoy-body = Puedes elegir un segundo PIN que abre «Notas»: un espacio sencillo de notas con algunas notas cotidianas elegidas al azar, que puedes cambiar. Nada en él habla de seguridad, de ayuda ni de un segundo espacio. Si alguien te obliga a abrir la app, puedes escribir este PIN.
setup-decoy-risk = Piensa si esto es seguro para ti. Quien conoce esta app sabe que tiene un espacio de seguridad, así que Notas no le va a engañar; el segundo PIN sirve frente a quien no conoce la app.
setup-decoy-label = Segundo PIN
setup-decoy-confirm-label = Escribe el segundo PIN otra vez
setup-decoy-same = El segundo PIN tiene que ser distinto de tu PIN.
setup-duress-label = Borrar también mi espacio real cuando se use este segundo PIN
setup-duress-risk = Si lo activas, al escribir el segundo PIN se destruye la clave de tu espacio real y se borra todo lo que contiene, para siempre y sin vuelta atrás, también en copias de los archivos de este teléfono. Nadie puede ver en la pantalla que pasó. Actívalo solo si perder tu plan es más seguro que que alguien lo lea.
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
settings-change-pin-body = Elige un PIN nuevo. El PIN anterior deja de funcionar enseguida, también con copias de los archivos de este teléfono hechas antes: la clave que abría se destruye. Cada cambio cuenta como un intento para la espera tras PIN incorrectos.
settings-new-pin = PIN nuevo
settings-new-pin-confirm = Escribe el PIN nuevo otra vez
settings-pin-changed = Tu PIN ya cambió.
settings-rekey = Renovar la clave de cifrado
settings-rekey-body = Si crees que alguien copió los archivos de este teléfono y puede saber tu PIN, renueva la clave. Todo recibe una clave nueva y la anterior se destruye en el almacén seguro de claves del teléfono, así que las copias hechas antes ya no se pueden abrir, ni siquiera con tu PIN. En un ordenador la clave es un archivo junto a los datos: una copia completa hecha antes sigue legible con tu PIN.
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
settings-wipe-body = Esto borra tu plan, tus recursos y tu PIN de este teléfono, para siempre. Después la app es solo una calculadora; para configurarla otra vez, escribe { $code } en ella. Nadie, ni siquiera tú, podrá recuperar los datos.
settings-wipe-confirm-label = Para borrar, escribe { $word }
settings-wipe-word = BORRAR
settings-wipe-button = Borrar todo ahora
settings-limits = Lo que esta app puede y no puede hacer

## Errores (con calma, nunca datos privados)
error-generic = Algo no salió bien. No se perdió nada. Inténtalo otra vez.
error-storage = El teléfono no pudo guardar ahora. Inténtalo de nuevo en un momento.
error-damaged = Algunos datos guardados no se pudieron leer. Se muestra lo que sí se abre; el resto queda aparte.
error-wrong-current = Eso no funcionó. Revisa e inténtalo otra vez.

## Safety plan
plan-stage-label = ¿Dónde estás ahora?
plan-stage-choose = Prefiero no decirlo
plan-stage-staying = Me quedo, por ahora o para siempre
plan-stage-thinking = Estoy pensando en irme
plan-stage-leaving = Me estoy preparando para irme
plan-stage-left = Ya me fui
plan-stage-note = Puedes cambiarlo cuando quieras. Las ideas de abajo se adaptan a lo que elijas. Aquí nada te pide que te vayas.
plan-intro-none = Este es tu plan. Llena solo lo que te sirva, en el orden que quieras. Salta lo que no necesites.
plan-intro-staying = Mucha gente se queda, y por muy buenas razones. Este plan puede ayudarte a estar más segura o seguro donde estás.
plan-intro-thinking = No tienes que decidir nada hoy. Este plan te ayuda a pensarlo con calma, a tu ritmo.
plan-intro-leaving = Irse puede ser el momento más peligroso. Planea los pasos y, si puedes, habla antes con alguien de una línea de ayuda.
plan-intro-left = Hiciste algo muy difícil. Este plan puede ayudarte a estar a salvo en tu nuevo lugar.
plan-saved-note = Tu plan se guarda en este teléfono cada vez que lo cambias.
plan-sec-warning-signs = Señales de alerta
plan-sec-warning-signs-hint = ¿Qué pasa antes de que las cosas empeoren? Conocer las señales te puede dar tiempo.
plan-sec-safe-places = Lugares seguros
plan-sec-safe-places-hint = Lugares a los que puedes ir si lo necesitas, y cómo llegar.
plan-sec-people = Personas de confianza
plan-sec-people-hint = Escribe tú a cada persona. Acuerda con cada una una palabra clave que signifique «necesito ayuda».
plan-sec-children = Hijas e hijos
plan-sec-children-hint = Cómo proteger mejor a los niños, y qué pueden hacer ellos.
plan-sec-documents = Documentos y cosas para llevar
plan-sec-documents-hint = Anota dónde guardas cada cosa, para encontrarla rápido. Marca lo que ya tienes listo.
plan-sec-money = Dinero y trabajo
plan-sec-money-hint = Dinero propio, y el trabajo o los estudios.
plan-sec-tech = Si alguien controla mi teléfono o mis cuentas
plan-sec-tech-hint = Pasos que pueden ayudar. Ninguno garantiza que nadie te vigile: si crees que alguien revisa tu teléfono, usa uno más seguro para buscar ayuda.
plan-sec-notes = Mis notas
plan-sec-notes-hint = Cualquier otra cosa que quieras recordar.
plan-up = Subir
plan-down = Bajar
plan-skip = Saltar
plan-up-label = Subir «{ $section }»
plan-down-label = Bajar «{ $section }»
plan-skip-label = Saltar «{ $section }» por ahora
plan-skipped-title = Partes que saltaste
plan-skipped-note = Lo que escribiste en ellas se guarda.
plan-show = Mostrar
plan-show-label = Volver a mostrar «{ $section }»
plan-your-words = Tus palabras para «{ $section }»
plan-suggestions = Ideas que puedes añadir
plan-suggestions-note = Solo lo que añadas pasa a ser parte de tu plan.
plan-add = Añadir
plan-add-label = Añadir a mi plan: { $text }
plan-added = Añadido
plan-place = Lugar
plan-place-how = Cómo llegar
plan-place-add = Añadir un lugar
plan-place-remove-label = Quitar el lugar { $number }
plan-person-name = Nombre
plan-person-phone = Teléfono
plan-person-code = Palabra clave
plan-person-add = Añadir una persona
plan-person-remove-label = Quitar a la persona { $number }
plan-remove = Quitar
plan-thing-id = Identificación (credencial, licencia de manejo, pasaporte)
plan-thing-birth-certificates = Actas de nacimiento
plan-thing-immigration = Papeles de inmigración
plan-thing-medication = Medicinas y recetas
plan-thing-money = Dinero y tarjetas del banco
plan-thing-keys = Llaves (casa, carro, trabajo)
plan-thing-phone-charger = Cargador del teléfono
plan-thing-other = Otra cosa
plan-thing-what = ¿Qué es?
plan-thing-kept = Dónde lo guardas
plan-thing-kept-label = Dónde guardas «{ $thing }»
plan-thing-ready-label = «{ $thing }»: ya lo tengo listo
plan-thing-add = Añadir otra cosa
plan-thing-remove-label = Quitar «{ $thing }»

## Plan suggestions (copied into the plan only when the person taps Add)
plan-sug-signs-1 = Toma alcohol o usa drogas más de lo normal.
plan-sug-signs-2 = Se enoja por el dinero, por celos o por cosas pequeñas.
plan-sug-signs-3 = Revisa mi teléfono o me pregunta dónde estuve.
plan-sug-places-room = Un cuarto con puerta hacia afuera, lejos de la cocina y del baño.
plan-sug-places-neighbour = Una vecina o un vecino a quien puedo tocarle la puerta, de día o de noche.
plan-sug-places-open-late = Una tienda, una clínica o una iglesia que abra hasta tarde.
plan-sug-places-friend = Una amistad o un familiar que la otra persona no conozca bien.
plan-sug-places-shelter = Un refugio (una línea de ayuda me puede ayudar a encontrar uno).
plan-sug-children-room = Los niños saben a qué cuarto seguro o a qué vecino ir.
plan-sug-children-code = Una palabra clave que les dice a los niños que vayan a un lugar seguro.
plan-sug-children-call = Los niños más grandes saben llamar al 911 y qué decir.
plan-sug-children-school = La escuela sabe quién puede recoger a mis hijos y quién no.
plan-sug-children-bag = Una bolsita para cada niño: su juguete favorito, medicinas, una muda de ropa.
plan-sug-money-cash = Guardar un poco de efectivo donde solo yo lo encuentre.
plan-sug-money-own-account = Abrir una cuenta de banco a mi nombre, con los estados de cuenta enviados a un lugar seguro.
plan-sug-money-accounts = Cambiar los PIN de mis tarjetas y cuentas del banco.
plan-sug-money-work = Contarle a alguien de confianza en el trabajo, para que filtre llamadas o visitas.
plan-sug-tech-location = Revisar qué apps y aparatos comparten mi ubicación, y apagar lo que pueda.
plan-sug-tech-passwords = Cambiar contraseñas y preguntas de seguridad desde un teléfono o computadora que la otra persona nunca usó.
plan-sug-tech-new-phone = Pensar en un teléfono nuevo o de prepago, que no esté en un plan compartido.
plan-sug-tech-safer-phone = Usar el teléfono de una amistad, una computadora de la biblioteca o el teléfono del trabajo para buscar ayuda.
plan-sug-tech-careful = Cambiar la configuración puede alertar a quien vigila. Puede ser más seguro no cambiar nada todavía.
plan-sug-tech-limits = Ninguna app puede detener el spyware ni la grabación de pantalla. Esta tampoco.
plan-sug-notes-staying = Llamar a una línea de ayuda para hablarlo: no me van a decir que me vaya.
plan-sug-notes-thinking = Hablar con alguien de una línea de ayuda sin tener que decidir nada.
plan-sug-notes-leaving = Elegir un momento en que la otra persona no esté.
plan-sug-notes-left = Cambiar mis rutas y horarios para ir al trabajo, a la escuela y a las tiendas.

## My resources
res-intro = Las personas y los servicios en los que confías, guardados solo en este teléfono.
res-trace-note = Es bueno que lo sepas: las llamadas y los mensajes que haces desde este teléfono quedan en el registro de llamadas y en la factura. Esta app no puede ocultarlos. Si alguien los revisa, piensa en usar un teléfono más seguro.
res-trace-dismiss = Entendido, no mostrar otra vez
res-search-label = Buscar
res-sort-label = Ordenar por
res-sort-name = Nombre (de la A a la Z)
res-sort-newest = Lo más nuevo primero
res-add = Añadir un recurso
res-empty = Todavía no hay nada guardado. Añade las personas y los servicios en los que confías.
res-none-found = Nada coincide con tu búsqueda.
res-form-new = Nuevo recurso
res-form-edit = Editar recurso
res-name = Nombre
res-phone = Número para llamar
res-sms = Número para mensajes de texto
res-sms-body = Mensaje para empezar (opcional)
res-website = Sitio web
res-notes = Notas
res-name-needed = Ponle un nombre, por favor.
res-call = Llamar
res-call-label = Llamar a { $name }
res-text = Mensaje
res-text-label = Enviar un mensaje a { $name }
res-web = Sitio web
res-web-label = Abrir el sitio web de { $name }
res-edit = Editar
res-edit-label = Editar { $name }
res-delete = Borrar
res-delete-label = Borrar { $name }
res-delete-confirm = ¿Borrar «{ $name }» para siempre?
res-delete-yes = Sí, borrar
res-delete-no = Conservarlo
res-deleted = Borrado.
res-from-directory = Copiado del directorio.

## Know the signs / you are not alone
signs-intro = Lo que te está pasando no es tu culpa. Mucha gente vive esto. Hay ayuda, y tú eliges qué ayuda quieres.
signs-h-overlap = Distintos tipos de daño suelen ir juntos
signs-overlap-1 = El maltrato de la pareja, que te obliguen a trabajar o a vender sexo (trata de personas) y el daño a los niños muchas veces pasan al mismo tiempo.
signs-overlap-2 = Un estudio encontró que hasta 70 de cada 100 mujeres adultas víctimas de trata habían sufrido antes violencia de su pareja.
signs-overlap-3 = Otro estudio encontró que 79 de cada 100 personas que sufrieron violencia de pareja también sufrieron control o robo de su dinero.
signs-overlap-4 = Más o menos 1 de cada 6 niños reportados como fugados probablemente son víctimas de trata sexual (2021).
signs-h-known = Muchas veces es alguien cercano
signs-known-1 = Quienes cometen trata muchas veces conocen a sus víctimas: una pareja, un esposo o una esposa, el padre, la madre u otra persona de la familia.
signs-h-signs = Señales a las que prestar atención
signs-sign-1 = Alguien te quita tu dinero, tu sueldo o tus papeles.
signs-sign-2 = Alguien te obliga a trabajar, o a tener sexo, por dinero que no te quedas.
signs-sign-3 = Alguien dice que le debes y que tienes que pagarle trabajando.
signs-sign-4 = Alguien amenaza con hacerte daño a ti, a tus hijos o a tu familia, o con quitarte a tus hijos.
signs-sign-5 = Alguien te aleja de tus amistades y tu familia, o vigila a dónde vas.
signs-sign-6 = Alguien dice que es por la familia, por la relación o por su adicción.
signs-h-blame = No es tu culpa
signs-blame-1 = Muchas personas sobrevivientes se culpan. Lo que pasó no es tu culpa. Lo que hiciste para sobrevivir tampoco es tu culpa.
signs-h-help = Ayuda sin tener que ir a la policía
signs-help-1 = Puedes recibir ayuda sin llamar a la policía. Los servicios deben ayudarte aunque no vayas a la policía ni a un juzgado.
signs-help-2 = No tienes que estar lista o listo para irte para recibir ayuda. Tú decides qué necesitas y cuándo.
signs-help-3 = Hay servicios dirigidos por y para comunidades latinas, negras, nativas y otras.
signs-find-help = Buscar una línea de ayuda
signs-sources = Fuentes
signs-sources-note = De «The Intersections of Human Trafficking, Intimate Partner Violence, and Child Welfare», del National Center to Advance Peace for Children, Youth, and Families (NCAP). Los números entre corchetes son sus referencias:

## Directorio (buscar ayuda)
dir-intro = Líneas nacionales que funcionan sin internet. Lo que buscas aquí se queda en este teléfono.
dir-search = Buscar
dir-search-placeholder = Nombre, tipo de ayuda, ciudad…
dir-filters = Para quién es y cómo contactar
dir-any-language = Cualquier idioma
dir-language = Idioma
dir-state = Estado o zona
dir-any-state = Cualquier lugar (líneas nacionales)
dir-open = Horario
dir-open-any = Cualquier hora
dir-open-now = Abierto ahora
dir-open-always = Abierto 24/7
dir-text = Se puede escribir por mensaje
dir-chat = Tiene chat en línea
dir-no-police = Sin tener que llamar a la policía
dir-results = { $count ->
    [one] 1 resultado
   *[other] { $count } resultados
}
dir-partial = No hay una coincidencia exacta. Estos se parecen:
dir-none = No encontramos nada. Prueba con menos palabras o menos filtros.
dir-verified = Revisado el { $date }
dir-not-verified = Todavía sin revisar
dir-unverified = sin verificar
dir-out-of-date = Esta lista puede estar desactualizada. La seguimos mostrando para que puedas pedir ayuda.
dir-confidential = La dirección se mantiene en privado por seguridad.
dir-hours-always = Abierto las 24 horas, todos los días
dir-save = Guardar en mis recursos
dir-saved = Guardado en mis recursos
dir-source = Fuente: { $source }
dir-bundled = Incluido en la app: { $name }
dir-downloaded = Descargado de { $publisher }, versión { $version }
dir-pop-native = Pueblos nativos
dir-pop-latino = Latinas/os
dir-pop-black = Personas negras
dir-pop-lgbtq = LGBTQ+
dir-pop-youth = Jóvenes
dir-pop-families_with_children = Familias con hijos
dir-pop-undocumented = Personas sin papeles
dir-pop-deaf_asl = Personas sordas / ASL
dir-contact-call = Llamar
dir-contact-text = Mensaje
dir-contact-chat = Chat
dir-contact-tty = TTY
dir-contact-videophone = Videollamada
dir-contact-web = Sitio web
dir-contact-email = Correo
dir-text-keyword = Escribe { $keyword } al { $number }
dir-updates = Actualizaciones (opcional)
dir-updates-body = Descargar actualizaciones está apagado. Si lo enciendes, la app descarga el directorio desde la dirección de abajo solo cuando tocas Actualizar. Quien pueda ver tu red (quien tiene el Wi-Fi, la compañía de teléfono) puede ver que se descargó algo de esa dirección, pero no lo que buscas. No se envía nada sobre ti.
dir-updates-enable = Encender la descarga de actualizaciones
dir-updates-url = Dirección del directorio (https)
dir-updates-confirm = Usar esta dirección
dir-updates-confirmed = Esta dirección está confirmada.
dir-updates-bad-url = Escribe una dirección que empiece por https.
dir-refresh = Actualizar ahora
dir-refresh-updated = El directorio está actualizado.
dir-refresh-unchanged = El directorio ya estaba al día.
dir-refresh-off = Descargar actualizaciones está apagado.
dir-refresh-failed = No se pudo actualizar el directorio. Tu directorio no cambió. Puedes intentarlo más tarde.
dir-refresh-rejected = La descarga no pasó los controles de seguridad, así que no se usó. Tu directorio no cambió.
dir-refresh-unreachable = No se pudo llegar a la dirección del directorio. Tu directorio no cambió. Puedes intentarlo más tarde.

## Enlaces de recursos: abrir y compartir
import-title = Abrir un enlace
import-verified = Verificado: { $organisation }, vence el { $date }
import-not-verified = Sin verificar: confírmalo con la persona que te lo envió
import-intro = { $count ->
    [one] Este enlace trae 1 recurso:
   *[other] Este enlace trae { $count } recursos:
}
import-nothing-yet = No se guarda nada hasta que toques Guardar.
import-save = Guardar en mis recursos
import-discard = Ahora no
import-saved = { $count ->
    [one] Guardaste 1 recurso en mis recursos.
   *[other] Guardaste { $count } recursos en mis recursos.
}
import-to-resources = Ir a mis recursos
import-unchanged = No se guardó nada y nada cambió.
import-empty = Si alguien te envió un enlace de recursos, pégalo abajo para ver qué trae antes de guardar nada.
import-paste-label = Pega un enlace de recursos
import-paste-open = Ver qué trae el enlace
link-problem-not-a-link = Esto no parece un enlace de recursos. Revisa que lo hayas copiado completo.
link-problem-damaged = Parece que el enlace está dañado o incompleto. Puedes pedirle a la persona que te lo envíe otra vez.
link-problem-unsupported = Este enlace se hizo con una versión más nueva de la app, así que aquí todavía no se puede leer.
link-problem-not-trusted = Este enlace se cambió después de hacerlo, o viene de alguien que la app no conoce. Para cuidarte, no se muestra.
link-problem-expired = Este enlace ya venció. Pídele uno nuevo a la persona que te lo envió.
link-problem-cannot-share = No se pudo hacer un enlace con estas entradas. Prueba a elegir menos.
res-from-link = Agregar desde un enlace
share-title = Compartir recursos
share-pick = Elegir para compartir
share-pick-label = Elegir { $name } para compartir
share-picked = { $count ->
    [one] 1 elegido para compartir
   *[other] { $count } elegidos para compartir
}
share-open = Compartir lo elegido
share-intro = Cualquier persona con este enlace o código QR puede ver estos recursos. No lleva nada más de este teléfono.
share-empty = Todavía no elegiste nada. Elige entradas en el directorio o en mis recursos y vuelve aquí.
share-remove = Quitar
share-remove-label = Quitar { $name } del enlace
share-signed = Firmado como { $organisation }. El enlace sirve hasta el { $date }.
share-unsigned = Este enlace no está firmado, así que quien lo abra verá «Sin verificar». Con una clave de organización en Ajustes, los enlaces van firmados.
share-key-expired = La clave de tu organización venció, así que este enlace no está firmado. Quien lo abra verá «Sin verificar».
share-qr-label = Código QR del enlace
share-qr-too-long = Este enlace es demasiado largo para un código QR. Comparte el texto del enlace o elige menos entradas.
share-link-label = El enlace
share-send = Compartir
share-sheet-shown = Elige a dónde enviar el enlace.
share-failed = No se pudo abrir el menú para compartir. Puedes copiar el enlace.
share-clear = Listo, quitar lo elegido
share-copy-label = Copia el enlace desde aquí
share-clipboard-note = Otras apps de este teléfono pueden leer lo que copias. La app nunca copia nada por ti.
org-key-title = Clave de la organización
org-key-body = Para quienes acompañan a otras personas: con la clave de enlaces de tu organización, los enlaces que compartes muestran «Verificado» con el nombre de tu organización. La clave queda bajo llave en esta app y no se vuelve a mostrar.
org-key-none = No hay clave de organización. Los enlaces que compartes no van firmados.
org-key-set = Los enlaces van firmados como { $organisation } hasta el { $date } (clave { $key }).
org-key-expired = La clave de { $organisation } venció el { $date }. Los enlaces que compartes no van firmados.
org-key-pem-label = Clave de enlaces (el texto PEM)
org-key-delegation-label = Delegación (el texto que empieza con BEGIN HAVEN DELEGATION)
org-key-save = Guardar clave
org-key-saved = La clave quedó guardada.
org-key-removed = La clave se quitó.
org-key-remove = Quitar clave
org-key-invalid = La clave y la delegación no van juntas, o una está incompleta. No se guardó nada.
share-max = Puedes compartir hasta { $max } a la vez.

## Código de configuración y límites
setup-code-title = Cómo llegaste aquí
setup-code-body = Abriste esta configuración escribiendo { $code } en la calculadora. Si tocas Salir ahora, no se guarda nada y la app sigue siendo una calculadora normal; escribe { $code } otra vez para volver. Cuando ya tengas un PIN, el código no hace nada.
setup-limits-cannot-5 = engañar a quien conoce esta app: sabe que tiene un espacio de seguridad. El segundo PIN sirve frente a quien no la conoce.
home-link-waiting = { $count ->
    [one] 1 enlace en espera
   *[other] { $count } enlaces en espera
}

## Notas (el espacio que abre el segundo PIN: un bloc de notas corriente)
notes-title = Notas
notes-empty = Todavía no hay notas. Toca «Nueva nota» para escribir una.
notes-new = Nueva nota
notes-open-settings = Ajustes
notes-settings-title = Ajustes
notes-edit-title = Nota
notes-field-title = Título
notes-field-body = Nota
notes-delete = Borrar
notes-delete-ask = ¿Borrar esta nota?
notes-delete-yes = Sí, borrarla
notes-saved = Guardado
notes-error = No se pudo guardar ahora. Inténtalo otra vez.
notes-language = Idioma
notes-idle = Bloquear cuando deje de usar la app durante
notes-idle-minutes = { $minutes ->
    [one] 1 minuto
   *[other] { $minutes } minutos
}
notes-date = { $day } { $month } { $year }
notes-month-1 = ene
notes-month-2 = feb
notes-month-3 = mar
notes-month-4 = abr
notes-month-5 = may
notes-month-6 = jun
notes-month-7 = jul
notes-month-8 = ago
notes-month-9 = sept
notes-month-10 = oct
notes-month-11 = nov
notes-month-12 = dic

## Notas de inicio: un espacio de Notas recibe algunas, elegidas al azar
notes-starter-1-title = Súper
notes-starter-1-body =
    Leche
    Huevos
    Pan de caja
    Jitomates
    Arroz
    Plátanos
    Jabón para trastes
notes-starter-2-title = Lentejas
notes-starter-2-body =
    1 cebolla, 2 zanahorias, 1 pimiento, pimentón dulce y una hoja de laurel.
    Cuarenta minutos a fuego lento, y un chorrito de vinagre al final.
notes-starter-3-title = Libros pendientes
notes-starter-3-body =
    La novela que recomendaron en el club de lectura
    Algo cortito para el camión
    Terminar el de jardinería antes de devolverlo
notes-starter-4-title = Ideas de regalo de cumpleaños
notes-starter-4-body =
    Una bufanda verde oscuro
    Una libreta bonita
    Entradas para el jardín botánico
    Repetir el pastel de limón, que gustó mucho
notes-starter-5-title = Maleta para el fin de semana
notes-starter-5-body =
    Cargador
    Traje de baño
    Protector solar
    Dos suéteres, que en la noche refresca
    Algo para comer en el camino
notes-starter-6-title = Carro
notes-starter-6-body =
    Cambio de aceite hacia los 70.000 km
    Preguntar por el rechinido de los frenos
    La llanta delantera izquierda se ve baja
notes-starter-7-title = Plantas
notes-starter-7-body =
    Regar el helecho los domingos
    La albahaca quiere más sol: pasarla a la ventana de la cocina
    Cambiar de maceta el cactus en primavera
notes-starter-8-title = Hot cakes
notes-starter-8-body =
    1 taza de harina, 1 cucharada de azúcar, 2 cucharaditas de polvo para hornear.
    1 taza de leche, 1 huevo, mantequilla derretida.
    No batir de más; si quedan grumos, no pasa nada.
notes-starter-9-title = Películas por ver
notes-starter-9-body =
    El documental de los pulpos
    Una comedia para el viernes
    La vieja en blanco y negro del cineclub
notes-starter-10-title = Limpieza a fondo
notes-starter-10-body =
    Repisas del refri
    Juntas del baño
    Lavar las cortinas
    Aspirar debajo del sillón
notes-starter-11-title = Cosas por arreglar
notes-starter-11-body =
    La llave de la cocina gotea
    Bisagra floja en el ropero
    Foco del pasillo
notes-starter-12-title = Día de campo
notes-starter-12-body =
    Mantel
    Tortas
    Uvas
    Agua de jamaica
    Servilletas
    Una pelota para el parque
notes-starter-13-title = Pan de plátano
notes-starter-13-body =
    3 plátanos bien maduros, 1/3 de taza de mantequilla, 3/4 de taza de azúcar, 1 huevo,
    1 cucharadita de bicarbonato, 1 taza y media de harina.
    Horno a 180 °C como una hora; probar con un palillo.
notes-starter-14-title = Moverme más
notes-starter-14-body =
    Caminar media hora después de comer
    Estirar antes de dormir
    Subir por las escaleras y no por el elevador
notes-starter-15-title = Ideas para el patio
notes-starter-15-body =
    Girasoles junto a la barda
    Una jardinera de hierbas junto a la puerta
    Preguntar a los vecinos cómo hacen su composta
notes-starter-16-title = Comidas de la semana
notes-starter-16-body =
    Lunes: sopa de fideo
    Martes: tacos
    Miércoles: lo que sobre
    Jueves: arroz con pollo
    Viernes: pizza casera
notes-starter-17-title = Para la cocina
notes-starter-17-body =
    Fibras nuevas
    Papel para hornear
    Una olla más grande
    Sal de mar
notes-starter-18-title = Corte de pelo
notes-starter-18-body = Martes a las 4. Solo despuntar esta vez, quizá unas capas.
notes-starter-19-title = Gorro tejido
notes-starter-19-body =
    Montar 88 puntos, 5 cm de resorte.
    Tejer liso hasta que mida 18 cm.
    Menguar cada 8 puntos y luego en vueltas alternas.
notes-starter-20-title = Biblioteca
notes-starter-20-body = Devolver el libro de recetas antes del 12. Preguntar si ya llegó el de letra grande.
notes-starter-21-title = Palabras bonitas
notes-starter-21-body =
    sobremesa
    madrugada
    el nombre de esa florecita azul de la parada
notes-starter-22-title = Frases que me gustaron
notes-starter-22-body =
    Poco a poco se anda lejos.
    Más vale hecho que perfecto.
notes-starter-23-title = Practicar inglés
notes-starter-23-body =
    Repasar los verbos irregulares
    Ver una serie con subtítulos en inglés
    Diez minutos al día, todos los días
notes-starter-24-title = Guacamole
notes-starter-24-body =
    2 aguacates, media cebolla morada, limón, cilantro y sal; un chile si se quiere.
    Machacar con tenedor, que queden trocitos.
notes-starter-25-title = Tarjetas de fin de año
notes-starter-25-body =
    Los tíos
    Los vecinos de la casa azul
    La familia del tercer piso
    Comprar timbres
notes-starter-26-title = Ropa
notes-starter-26-body =
    Suéteres de lana en agua fría, secar extendidos
    Toallas blancas aparte
    Quitamanchas para el mantel
notes-starter-27-title = Pintar la sala
notes-starter-27-body =
    ¿Blanco hueso o arena clara?
    Llevar la muestra a la tienda
    Dos manos, y cubrir los marcos de las ventanas antes
notes-starter-28-title = Gato de la vecina
notes-starter-28-body =
    De jueves a domingo.
    Media lata en la mañana y en la noche, agua fresca, limpiar el arenero.
notes-starter-29-title = Kermés de la escuela
notes-starter-29-body =
    Dos docenas de galletas el sábado temprano
    Etiquetas con los ingredientes
    Platos desechables
notes-starter-30-title = Salsa de jitomate
notes-starter-30-body =
    Aceite de oliva, 3 dientes de ajo, 1 lata de jitomate molido, unas hojas de albahaca.
    Veinte minutos a fuego bajo; la sal al final.
notes-starter-31-title = Lista de deseos
notes-starter-31-body =
    Zapatos cómodos para caminar
    Un impermeable con gorro
    Una bocina pequeña para la cocina
notes-starter-32-title = Que no se me olvide
notes-starter-32-body =
    Sacar el pollo del congelador la noche anterior
    Devolver el paraguas a la oficina
    Pilas para el reloj de pared

## Plan de seguridad para todas las sobrevivientes (issue 16): trata, hijos, jóvenes,
## revisión del teléfono, mensaje con la palabra clave, prioridades, fuentes.
plan-sec-control = Documentos, deudas y quién controla
plan-sec-control-hint = Si alguien tiene tus documentos, dice que le debes, controla tu trabajo o actúa con otras personas. Escribe solo lo que sea seguro guardar.
plan-sec-money-youth = Dinero, comida y un lugar donde quedarme
plan-sec-money-hint-youth = Lo que necesitas para salir adelante, y dónde conseguirlo sin deberle nada a nadie.
plan-sec-people-hint-youth = Amistades y adultos de confianza. Acuerda con cada uno una palabra clave que signifique «necesito ayuda».
plan-sec-children-hint-youth = Si tienes hijos, o hermanos menores que cuidas.
plan-youth-label = Tengo menos de 18 años
plan-youth-hint = Las palabras y las ideas de tu plan se adaptan a ti. Puedes cambiarlo cuando quieras.
plan-youth-note = Antes de contarle algo a un adulto: algunos adultos tienen la obligación de avisar a los servicios de protección infantil o a la policía si creen que alguien menor de edad sufre daño. Entre ellos están maestros, médicos, enfermeras, consejeros y trabajadores sociales, y en algunos estados cualquier adulto. Puedes preguntar antes: «¿Tienes que reportar lo que te cuente?».
plan-youth-note-2 = Haberte ido de casa, vivir en un hogar de crianza o haber cambiado sexo u otra cosa para sobrevivir no te hace mala persona. No es tu culpa, y puedes recibir ayuda.
plan-prio-title = Lo que más me importa ahora (opcional)
plan-prio-note = Marca lo que más te importa, empezando por lo primero. Las ideas de tu plan aparecerán en ese orden. No es una evaluación del peligro ni da ninguna puntuación.
plan-prio-children = Mis hijos
plan-prio-housing = Un lugar donde quedarme
plan-prio-money = El dinero
plan-prio-immigration = La inmigración
plan-prio-relationship = La relación
plan-prio-health = Mi salud
plan-prio-danger = Si quieres valorar qué tan peligrosa es tu situación, una persona de apoyo de una línea de ayuda o de un programa local puede hacer contigo una evaluación del peligro.
plan-about = Sobre esta información
plan-about-note = De dónde vienen los datos de esta parte. Los títulos están en su idioma original.
plan-mandated-title = Quién tiene que reportar
plan-mandated-body = En todos los estados de EE. UU., algunas personas que trabajan con menores deben avisar a los servicios de protección infantil o a la policía si sospechan maltrato o abandono: por ejemplo, maestros, médicos, enfermeras, trabajadores sociales, consejeros, personal de guarderías y policías. En algunos estados, cualquier adulto. Las reglas cambian según el estado.
plan-mandated-ask = Puedes preguntarle a alguien, antes de contarle algo, si tendría que reportarlo. Una persona de apoyo puede explicarte qué significa un reporte donde vives.
plan-tech-title = Revisión de seguridad del teléfono
plan-tech-intro = Una lista para revisar por tu cuenta, cuando sea seguro. Esta app no revisa tu teléfono y no puede saber si alguien lo vigila.
plan-tech-caution = Piensa en tu seguridad antes de cambiar o quitar algo: la otra persona podría notarlo.
plan-tech-looked = Ya lo revisé
plan-tech-looked-label = «{ $item }»: ya lo revisé
plan-tech-passwords = Contraseñas que conoce
plan-tech-passwords-body = ¿La otra persona conoce o comparte el PIN de tu teléfono o las contraseñas de tu correo, tu nube o tus redes sociales? ¿Podría adivinarlas, o adivinar tus preguntas de seguridad?
plan-tech-passwords-line = Contraseñas que conoce o puede adivinar: cuáles, y cuáles cambiar más adelante desde un aparato seguro.
plan-tech-location = Ubicación compartida
plan-tech-location-body = Revisa qué apps, opciones de «compartir en familia», autos o pequeños rastreadores podrían mostrar dónde estás.
plan-tech-location-line = Qué podría compartir mi ubicación, y si es seguro desactivarlo.
plan-tech-accounts = Cuentas vinculadas y copias de seguridad
plan-tech-accounts-body = Revisa qué aparatos tienen abiertas tus cuentas, y si tus mensajes, fotos o llamadas se copian a una nube que la otra persona puede abrir.
plan-tech-accounts-line = Cuentas y copias que podría ver, y qué aparatos tienen mi sesión abierta.
plan-tech-apps = Apps desconocidas con permisos especiales
plan-tech-apps-body = En los ajustes del teléfono, busca apps que no conozcas con permisos de accesibilidad o de administrador del dispositivo. Esos permisos dejan que una app vea la pantalla o controle el teléfono.
plan-tech-apps-line = Apps que no conozco con permisos de accesibilidad o de administrador del dispositivo.
plan-tech-stalkerware = Señales de una app espía
plan-tech-stalkerware-body = La otra persona sabe cosas que solo podría saber por tu teléfono: mensajes, lugares, fotos. El teléfono también puede calentarse o gastar la batería más rápido que antes, aunque eso puede tener otras causas.
plan-tech-stalkerware-line = Señales de que sabe lo que hay en mi teléfono, y un teléfono más seguro que pueda usar.
plan-tech-bill = La factura del teléfono
plan-tech-bill-body = Si la otra persona paga la factura o comparte el plan, puede ver a quién llamas o escribes, y cuándo. Las llamadas a líneas de ayuda también pueden aparecer.
plan-tech-bill-line = Quién ve la factura del teléfono, y un teléfono más seguro para las llamadas que quiero mantener en privado.
plan-person-message = Enviar la palabra clave
plan-person-message-label = Enviar la palabra clave a { $name }
plan-person-trace = Esto abre tu app de mensajes con la palabra clave ya escrita. No se envía nada hasta que tú toques Enviar. Después, el mensaje queda en esa app y en la factura del teléfono, como cualquier mensaje.
plan-person-open = Abrir mi app de mensajes
plan-person-open-label = Abrir mi app de mensajes con la palabra clave para { $name }
plan-person-cancel = Ahora no
plan-person-no-number = Primero añade un número de teléfono.
plan-sug-signs-owe = Dice que le debo más, o aumenta lo que le debo.
plan-sug-signs-move = Habla de llevarme a otro lugar o a otra ciudad.
plan-sug-signs-report = Amenaza con llamar a inmigración o a la policía.
plan-sug-signs-family = Amenaza a mis hijos o a mi familia, aquí o en mi país.
plan-sug-people-network = Pensar quién de mi familia o de mi comunidad es de confianza, y quién podría contarlo.
plan-sug-children-safe-adults = Mis hijos conocen el nombre de dos adultos de confianza a quienes pueden acudir.
plan-sug-children-what-say = Practicar con mis hijos qué hacer cuando hay gritos: ir al cuarto seguro, llamar a un adulto de confianza.
plan-sug-children-call-other = Los más grandes saben que pueden llamar a un adulto de confianza o a una línea de ayuda, no solo al 911.
plan-sug-children-cps = Si temo que los servicios de protección infantil se lleven a mis hijos, hablar antes con una persona de apoyo sobre cómo funciona donde vivo.
plan-sug-children-used = Si me obligaron a involucrar a mis hijos, eso fue parte del control sobre mí. Una persona de apoyo puede ayudarme a pensar los siguientes pasos.
plan-sug-children-custody = Si la otra persona es el padre de mis hijos, preguntar a una persona de apoyo por la custodia y por un abogado que entienda de abuso y de trata.
plan-sug-control-papers = Anotar qué documentos tiene otra persona (identificación, pasaporte, papeles de inmigración). Quedarse con los documentos de alguien para controlarlo puede ser un delito federal.
plan-sug-control-replace = Los documentos se pueden reponer: un pasaporte de EE. UU. con el Departamento de Estado, la tarjeta de residente con el formulario I-90 de USCIS, un pasaporte de otro país en su consulado. Una persona de apoyo puede ayudarme a hacerlo sin riesgo.
plan-sug-control-immigration = Si temo por mi situación migratoria: la visa T, la visa U y la autopetición VAWA protegen a algunas sobrevivientes. Preguntar a una persona de apoyo en inmigración cuál podría servirme, antes de decidir nada.
plan-sug-control-debt = Anotar lo que dicen que debo y lo que ya pagué, solo si es seguro guardarlo. Una deuda que se usa para obligar a alguien a trabajar o a quedarse es una señal de trata.
plan-sug-control-work = Si es en el trabajo donde me controlan, buscar una persona o un lugar seguro fuera del trabajo.
plan-sug-control-network = Anotar quiénes están involucrados (pareja, familia, gente que trabaja con ellos) y de quiénes no estoy segura.
plan-sug-control-police = Puedo recibir ayuda sin ir a la policía. La ayuda no debería depender de hablar con ellos.
plan-sug-notes-danger = Pedir a una persona de apoyo que haga conmigo una evaluación del peligro, si la quiero.
plan-sug-youth-signs-older = Alguien mayor me da regalos, dinero o un lugar donde quedarme, y luego dice que le debo.
plan-sug-youth-places-drop-in = Un centro o refugio para jóvenes al que podría ir (una línea de ayuda para jóvenes puede ayudarme a encontrarlo).
plan-sug-youth-places-friend = La casa de una amistad donde vive un adulto de confianza.
plan-sug-youth-people-ask = Antes de contarle algo a un adulto, preguntar: «¿Tienes que reportar lo que te cuente?».
plan-sug-youth-money-basics = Lugares donde puedo conseguir comida, una ducha o una cama sin dar nada a cambio.
plan-sug-youth-money-trade = Si alguna vez cambié sexo u otra cosa por comida, un lugar donde quedarme o dinero, lo hice para sobrevivir. Puedo recibir ayuda igual.
plan-sug-youth-notes-not-fault = Lo que me pasó no es mi culpa.
plan-sug-youth-notes-foster = Si vivo en un hogar de crianza, mi trabajador social, un voluntario CASA o un abogado pueden ser personas con quienes hablar.
signs-h-control = Cuando alguien tiene tus documentos, tu dinero o tu trabajo
signs-control-1 = En EE. UU., quedarse con la identificación, el pasaporte o los papeles de inmigración de alguien para controlarlo puede ser un delito federal. Los documentos se pueden reponer, y una persona de apoyo puede ayudarte a hacerlo sin riesgo.
signs-control-2 = Una deuda que no deja de crecer, o que te dicen que tienes que pagar trabajando, puede ser una forma de control.
signs-control-3 = La trata no es solo sexual: también es que te obliguen a trabajar, o a hacer tareas de la casa o de cuidado, por poco o ningún pago.
signs-control-4 = Quien controla puede ser tu pareja, tus padres u otros familiares, o un grupo de personas que actúan juntas.
signs-h-immigration = Si temes por tu situación migratoria
signs-imm-t = La visa T es para personas que son o fueron víctimas de trata. Les permite quedarse en EE. UU. y trabajar.
signs-imm-u = La visa U es para víctimas de ciertos delitos, entre ellos la violencia doméstica y la trata, que han ayudado o están dispuestas a ayudar a las autoridades.
signs-imm-vawa = La autopetición VAWA permite a algunas personas pedir un estatus migratorio por su cuenta, sin que el agresor lo sepa ni tenga que estar de acuerdo: personas maltratadas por su cónyuge o su padre o madre con ciudadanía o residencia permanente, o por un hijo o hija adulto con ciudadanía.
signs-imm-advocate = Una persona de apoyo en inmigración o un abogado puede decirte cuál podría servirte, si alguna. Preguntar no es presentar una solicitud. Esta app no avisa a nadie.
signs-h-children = Los hijos y los servicios de protección infantil
signs-child-1 = Quienes maltratan o explotan a veces amenazan con hacer daño a tus hijos o quitártelos para mantener el control.
signs-child-2 = Algunas sobrevivientes tienen hijos con su tratante. Los sistemas de protección infantil, de manutención y de custodia necesitan entender cómo eso afecta a una madre o un padre.
signs-child-3 = Si te obligaron a involucrar a tus hijos o a traer a otras personas, eso fue parte del control sobre ti.
signs-child-4 = Algunas personas que trabajan con menores deben reportar si sospechan maltrato o abandono: maestros, médicos, enfermeras, trabajadores sociales, consejeros, policías y, en algunos estados, cualquier adulto. Las reglas cambian según el estado; una persona de apoyo puede explicártelas.
signs-h-youth = Si tienes menos de 18 años
signs-youth-1 = Algunos jóvenes cambian sexo por comida, un lugar donde quedarse o dinero cuando no tienen adónde ir. Eso es sobrevivir, y no es su culpa.
signs-youth-2 = Quienes se van de casa o viven en hogares de crianza son blanco más a menudo de personas que les ofrecen dónde quedarse y luego piden algo a cambio.
signs-youth-3 = Antes de contarle algo a un adulto, puedes preguntarle si tiene que reportarlo.
signs-about = Sobre esta información
share-safe-title = ¿Es seguro enviarlo a su teléfono?
share-safe-body = Si otra persona puede leer sus mensajes, mejor muestra el código QR en persona, o envía solo el número: parece un mensaje cualquiera.
share-safe-short = Enviar solo el número
share-safe-full = Mostrar el enlace completo
share-short-label = Solo el número, nada más
share-short-none = Ninguno de los recursos elegidos tiene número de teléfono.
share-short-send = Compartir este texto

## issue 14 A: tarjetas de recursos (todo lo que importa), lo que cada línea hace y no hace,
## etiquetas de confianza, rastros, nombres de idiomas y fechas
card-hours-unknown = Horario no indicado. Puedes preguntar cuando te atiendan.
card-compiled = Datos reunidos el { $date } de páginas públicas. Nadie llamó para comprobarlos.
card-checked = Comprobado el { $date }
card-dated = puede estar desactualizado
card-source-label = Fuente
card-sure-official = De la página del propio servicio o de una página oficial.
card-sure-dated = De una página oficial que puede ser antigua: puede estar desactualizado.
card-sure-third-party = Visto solo en otros sitios web, no en el del servicio: sin verificar.
card-sure-unverified = Sin verificar. Comprueba el número antes de confiar en él.
card-translated = Traducido por quienes mantienen esta lista, no por el servicio.
card-date = { $day } de { $month } de { $year }
card-read-on = leído el { $date }
card-policy-title = Lo que esta línea hace y no hace
card-policy-none = Esta lista todavía no dice si esta línea puede avisar a la policía o a los servicios de protección infantil. Puedes preguntarlo antes de dar tu nombre.
card-policy-unverified = sin verificar: pregúntalo a la línea
card-policy-confidential-yes = Confidencial.
card-policy-confidential-sometimes = Confidencial, con límites.
card-policy-confidential-no = No es confidencial.
card-policy-confidential-unknown = Confidencialidad: no se sabe.
card-policy-mandated_reporting-yes = Por ley debe denunciar algunas cosas.
card-policy-mandated_reporting-sometimes = Debe denunciar en algunos casos.
card-policy-mandated_reporting-no = No es una línea de denuncias.
card-policy-mandated_reporting-unknown = Denuncias obligatorias por ley: no se sabe.
card-policy-police-yes = Avisa a la policía.
card-policy-police-sometimes = Puede avisar a la policía en algunos casos.
card-policy-police-no = No avisa a la policía.
card-policy-police-unknown = Policía: no se sabe.
card-policy-child_welfare-yes = Avisa a los servicios de protección infantil.
card-policy-child_welfare-sometimes = Puede avisar a los servicios de protección infantil en algunos casos.
card-policy-child_welfare-no = No avisa a los servicios de protección infantil.
card-policy-child_welfare-unknown = Servicios de protección infantil: no se sabe.
trace-title = Antes de llamar, escribir o chatear
trace-body = Las llamadas y los mensajes aparecen en el registro de llamadas y en la factura del teléfono. Las respuestas y las devoluciones de llamada pueden llegar como notificaciones normales, con una vista previa en la pantalla de bloqueo. El chat y los sitios web se abren en el navegador y quedan en su historial. Esta app no puede ocultar nada de esto. Si alguien revisa este teléfono, piensa en usar un teléfono más seguro.
trace-go = Continuar
trace-cancel = Ahora no
res-from-link-unverified = De un enlace sin verificar: comprueba el número antes de confiar en él.
share-has-unverified = Algunos de estos no están verificados. El enlace los sigue marcando «sin verificar», aunque esté firmado.
lang-en = Inglés
lang-es = Español
lang-ase = Lengua de señas americana
lang-fr = Francés
lang-zh = Chino
lang-vi = Vietnamita
lang-ar = Árabe
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre
## issue 17 E
dir-refresh-too-large = Este directorio es más grande de lo que esta app acepta (16 MB), así que no se usó. Tu directorio no cambió.
dir-refresh-expired = Este directorio ya venció, así que no se usó. Tu directorio no cambió.
## issue 15: the log of what happened (entries, corrections, removal, attachments, export,
## guidance). Guidance cites `core::sources` (Topic::Evidence).
home-evidence = Lo que pasó
home-evidence-desc = Un registro con fechas, guardado solo aquí
ev-title = Lo que pasó
ev-edit-title = Anotarlo
ev-entry-title = Anotación
ev-export-title = Exportar
ev-guide-title = Registrar con seguridad
ev-intro = Anota lo que pasó, cuando estés lista y solo si es seguro. Cada anotación recibe una huella y queda enlazada con la anterior, así que un cambio se puede detectar después.
ev-checked = { $count ->
    [one] 1 anotación, cadena comprobada
   *[other] { $count } anotaciones, cadena comprobada
}
ev-check-failed = La comprobación encontró un problema: el registro puede haber sido cambiado o dañado. Expórtalo y muéstraselo a una persona de apoyo antes de añadir más.
ev-new = Nueva anotación
ev-continue-draft = Seguir con la anotación sin terminar
ev-export = Exportar para una persona de apoyo
ev-guide = Cómo registrar con seguridad
ev-empty = Todavía no hay nada anotado.
ev-removed-line = Se quitó una anotación el { $date }.
ev-written = Escrita el { $date }
ev-files-count = { $count ->
    [one] 1 archivo
   *[other] { $count } archivos
}
ev-fix-line = Corrección escrita el { $date }:
ev-fix-title = Corrección escrita el { $date }
ev-attachments = Fotos y archivos
ev-amend = Añadir una corrección
ev-f-when = Cuándo pasó
ev-f-when-hint = Basta con tu mejor cálculo. Puedes dejarlo vacío.
ev-f-written = Escrita (la fecha la pone la app y no se puede cambiar)
ev-f-what = Qué pasó
ev-f-place = Dónde
ev-f-people = Quién estaba o lo vio
ev-f-injuries = Lesiones
ev-remove = Quitar esta anotación
ev-remove-explain = Al quitarla se borra de esta app lo que escribiste, sus fotos y archivos, y sus correcciones. El registro guarda una línea que dice que se quitó una anotación y cuándo, para que el resto se pueda seguir comprobando. No se puede deshacer.
ev-remove-yes = Quitarla
ev-remove-no = Conservarla
ev-att-meta = { $size }, { $type }
ev-att-show = Ver
ev-att-not-shown = Se guarda aquí tal como estaba. Solo se abre en otro lugar dentro de una exportación.
ev-written-on-save = La hora en que se escribió la pone la app al guardar, y no se puede cambiar.
ev-amending = Una corrección de la anotación escrita el { $date }. Esa anotación queda como estaba; la corrección se muestra debajo.
ev-amending-draft = Una corrección de una anotación anterior. Esa anotación queda como estaba; la corrección se muestra debajo.
ev-save = Guardar anotación
ev-save-fix = Guardar corrección
ev-draft-note = Lo que escribes se guarda sobre la marcha, aunque la app se bloquee.
ev-draft-found = Tienes una anotación sin terminar de antes.
ev-draft-continue = Seguir con ella
ev-draft-discard = Borrarla y empezar de nuevo
ev-draft-preview = Empieza así: { $what }
ev-limits = Hasta { $count } fotos o archivos por anotación, de hasta { $size } cada uno.
ev-take-photo = Tomar una foto
ev-add-files = Añadir fotos o archivos
ev-unpick = Quitar este archivo
ev-files-stay = Las fotos y los archivos se añaden al guardar la anotación; si la app se bloquea antes, vuelve a añadirlos. Un archivo que eliges se copia aquí; el original sigue donde estaba, así que bórralo allí si no es seguro conservarlo.
ev-err-too-large = Un archivo supera el límite y no se añadió.
ev-err-too-many = Son más archivos de los que caben en una anotación. Empieza otra para el resto.
ev-err-too-long = El texto es demasiado largo. Divídelo en dos anotaciones.
ev-err-unreadable = Un archivo no se pudo leer y no se añadió.
ev-err-check = No se pudo comprobar el registro: puede estar dañado.
ev-err-export = No se pudo hacer la exportación. Nada salió de la app.
ev-export-h-leaving = Antes de que algo salga de esta app
ev-export-leaving-1 = La exportación es un solo archivo ZIP y no está cifrado: quien lo tenga puede abrirlo y leer todo lo que contiene.
ev-export-leaving-2 = Una vez fuera de esta app, alguien que revise el teléfono o la computadora puede encontrarlo, copiarlo, o puede enviarse a una copia de seguridad en línea (la nube) sin que te des cuenta.
ev-export-leaving-3 = Si puedes, entrégalo en persona a la persona de apoyo, abogada o tribunal, y luego bórralo del teléfono o la computadora, también de las descargas y de la papelera.
ev-export-leaving-4 = Tus anotaciones se quedan aquí como están; exportar no cambia nada del registro.
ev-export-h-inside = Qué contiene
ev-export-inside = Una cronología para imprimir (página web y PDF), tus fotos y archivos originales, una lista de todas las huellas con la cadena y su firma, y un README breve que explica cómo alguien puede comprobar que nada se cambió.
ev-export-continue = Lo entiendo, continuar
ev-export-save = Guardar el archivo…
ev-export-share = Compartir el archivo…
ev-export-busy = Preparando la exportación…
ev-export-saved = { $count ->
    [one] Se guardó 1 anotación
   *[other] Se guardaron { $count } anotaciones
} en { $path }. Bórralo cuando lo hayas entregado.
ev-export-shared = { $count ->
    [one] El archivo con 1 anotación está en el menú de compartir
   *[other] El archivo con { $count } anotaciones está en el menú de compartir
}: solo lo recibe la app que elijas ahí. Borra cualquier copia cuando lo hayas entregado.
ev-export-cancelled = No se guardó nada.
ev-export-unsupported = Este teléfono todavía no puede pasar el archivo. Nada salió de la app.
ev-guide-intro = Un registro puede ayudar si decides pedir una orden de protección o ir a un tribunal, ahora o más adelante. Anota solo lo que quieras, cuando sea seguro.
ev-guide-h-safety = Tu seguridad es lo primero
ev-guide-safety-1 = Un registro del maltrato puede ser peligroso si lo encuentra la persona que te hace daño. Piensa en quién puede ver tu teléfono y cuándo.
ev-guide-safety-2 = Si no tienes claro que sea seguro, una persona de apoyo puede ayudarte a guardar los registros en otro lugar, o guardarte una copia.
ev-guide-safety-3 = Puedes quitar una anotación en cualquier momento. El registro solo mostrará que se quitó una.
ev-guide-h-what = Qué anotar
ev-guide-what-1 = La fecha y la hora, dónde pasó, y lo que la persona hizo o dijo, con tus propias palabras.
ev-guide-what-2 = Quién estaba o lo vio, y si llamaste a alguien o fuiste al médico.
ev-guide-what-3 = Las cosas pequeñas también cuentan: pueden mostrar un patrón con el tiempo.
ev-guide-h-originals = Guarda los originales
ev-guide-orig-1 = Guarda los mensajes, correos y mensajes de voz amenazantes en vez de borrarlos, y haz una captura de pantalla que muestre quién lo envió y cuándo.
ev-guide-orig-2 = Guarda la foto o el archivo original, no una copia editada o reenviada: una copia puede perder la información que muestra cuándo se hizo.
ev-guide-orig-3 = Si decides bloquear o borrar, regístralo antes. Una persona de apoyo puede ayudarte a decidir.
ev-guide-h-injuries = Fotografiar lesiones
ev-guide-inj-1 = Toma fotos lo antes posible, de cerca y desde más lejos para que se vea el lugar del cuerpo, y desde más de un ángulo.
ev-guide-inj-2 = Pon algo junto a la lesión para mostrar su tamaño, como una moneda o una regla.
ev-guide-inj-3 = Los moretones cambian en los días siguientes: toma más fotos cada día. Un médico o una enfermera también pueden registrar las lesiones.
ev-guide-app = En esta app, las anotaciones y las fotos se guardan solo en su espacio cifrado en este dispositivo, y nada sale de él si no exportas. Cada anotación recibe una huella (SHA-256) y queda enlazada con la anterior, y la cadena se firma con una clave guardada en el mismo espacio, así que un cambio se puede detectar. Una huella muestra que nada cambió después de escribirse; no puede probar cuándo pasó algo.
## issue 14 B
dir-zip = Código postal (ZIP, opcional)
dir-zip-private = Los servicios cerca de este código salen primero. Su código se queda en este teléfono: no se envía ni se guarda.
dir-zip-near = Los servicios con dirección se ordenan por distancia a este código. No se envía ni se guarda.
dir-zip-malformed = Un código postal tiene cinco dígitos.
dir-zip-unknown = Este código postal no está en la lista de la app. Pruebe uno cercano.
dir-unmatched = Ningún servicio menciona { $words }.
dir-none-words = No encontramos nada para { $words }.
dir-none-national = Estas líneas nacionales pueden ayudarle a encontrar refugios y servicios locales cerca de usted:
dir-none-try = También puede probar una palabra más general, como «refugio», «ayuda legal» o «consejería». Las palabras en inglés también sirven.
dir-none-filters = Ningún servicio cumple todos estos filtros.
dir-drop = Sin «{ $filter }» ({ $count })
dir-drop-words = las palabras buscadas
dir-drop-all = Quitar todos los filtros
dir-lang-name-en = inglés
dir-lang-name-es = español
dir-lang-name-ase = lengua de señas americana
dir-lang-name-fr = francés
dir-lang-name-ht = criollo haitiano
dir-lang-name-zh = chino
dir-lang-name-vi = vietnamita
dir-lang-name-ko = coreano
dir-lang-name-ar = árabe
dir-lang-name-ru = ruso
dir-lang-name-tl = tagalo
dir-lang-name-pt = portugués
dir-lang-name-so = somalí
dir-lang-name-hmn = hmong
## issue 17 F
link-problem-revoked = No verificado — revocado. La clave que firmó este enlace fue retirada por la raíz del directorio, así que el enlace no se muestra. Pide uno nuevo.
dir-refresh-revoked = No verificado — revocado. La descarga estaba firmada con una clave que fue retirada, así que no se usó, y ya no se muestra nada firmado con esa clave.
