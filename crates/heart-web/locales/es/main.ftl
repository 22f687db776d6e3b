# reviewed-by-fluent-speaker: no
## Estructura de la página
# en-hash: c887f134
skip-to-content = Saltar al contenido principal
# en-hash: eb814be3
nav-label = Principal
# en-hash: d83caacf
nav-board = Tablero en vivo
# en-hash: 82f20d8b
nav-intake = Recibir una solicitud
# en-hash: ada27592
nav-requests = Solicitudes
# en-hash: 6899e997
nav-responder = Mi equipo
# en-hash: d09baf6b
nav-follow-ups = Seguimientos
# en-hash: 01b259ab
nav-sign-out = Cerrar sesión ({ $name })
# en-hash: 198cca6f
nav-ask = Pedir apoyo
# en-hash: bfd402b2
nav-sign-in = Iniciar sesión
# en-hash: fabcf5e7
footer-not-emergency = No somos un servicio de emergencias. En una emergencia médica, llame al 911. Para apoyo en crisis a cualquier hora, llame o envíe un mensaje de texto al 988, o llame a la Línea de Ayuda de Salud Conductual de Massachusetts (Behavioral Health Help Line) al 833-773-2445.
# en-hash: 89db19f6
required = (obligatorio)
# en-hash: c01bf554
translation-new = Esta traducción es nueva y todavía no la ha revisado una persona que hable el idioma con fluidez. Si algo no se entiende bien, díganoslo cuando hable con nosotros o en un mensaje de texto.

## Errores
# en-hash: 4f5d04f5
error-home = Ir a la página de inicio
# en-hash: e3325a8f
error-reference = Referencia, si se lo cuenta al equipo: { $name }
# en-hash: bb629e36
error-csrf-title = Por favor, envíe el formulario otra vez
# en-hash: 00b6c7bb
error-csrf = Este formulario había vencido o se abrió en otra ventana. No se guardó nada. Revíselo y envíelo otra vez.
# en-hash: 04ed297e
error-forbidden-title = Esto no forma parte de su trabajo aquí
# en-hash: 88a9c302
error-forbidden = Su cuenta no incluye esto. Si lo necesita, pídaselo a una persona de su equipo que tenga el permiso de administración.
# en-hash: e3ebaa16
error-not-found-title = No se encontró
# en-hash: d0b4733c
error-not-found = No pudimos encontrar esa página o ese registro.
# en-hash: 8692ef87
error-conflict-title = No se pudo hacer eso
# en-hash: 8c98449c
error-throttled-title = Por favor, espere un momento
# en-hash: 78c7f4ec
error-invalid-title = Algunas respuestas necesitan atención
# en-hash: f0352631
error-invalid = Algunas respuestas necesitan atención. Vuelva atrás y revise el formulario.
# en-hash: dda10dd7
error-internal-title = Algo salió mal de nuestro lado
# en-hash: be28368e
error-unavailable-title = Por favor, intente otra vez en un momento
# en-hash: 6a95b1b7
error-unavailable = Nuestra base de datos no está disponible por un momento (puede estar cambiando a su sistema de respaldo). No se guardó nada. Envíe esto otra vez en unos segundos.
# en-hash: 5e42a274
error-internal = Algo salió mal de nuestro lado y no se cambió nada. Intente otra vez. Si sigue pasando, dé a la persona que administra el sistema el código de incidente { $incident }.
# en-hash: b7e838d5
errors-heading = Por favor, revise estas respuestas
# en-hash: 4a52394e
done-intake = Guardado. La solicitud está en el tablero.
# en-hash: b53cd64c
done-assigned = Guardado. El equipo está asignado y su pantalla lo muestra.
# en-hash: f3b947fb
done-acknowledged = Recibido. El reloj de la primera respuesta se detuvo para esta solicitud.
# en-hash: 3b3afb53
done-follow_up = Guardado. El seguimiento está marcado como hecho.
# en-hash: ff3032dc
done-follow_up_no_answer = Guardado. No contestó: vuelve a tocar más tarde.
# en-hash: 5a4bd8f4
done-follow_up_rescheduled = Guardado. Toca el nuevo día.
# en-hash: 0270f928
done-follow_up_could_not_reach = Guardado. Otra vez sin respuesta: se cierra como "no se pudo contactar".
# en-hash: e7a9d782
done-follow_up_declined = Guardado. No quiere seguimiento: se cierra.
# en-hash: 3bb63bb1
done-password_changed = Su contraseña cambió. Se cerraron todas sus otras sesiones.
# en-hash: 039b1ceb
done-corrected = La solicitud está corregida. El registro guarda quién cambió qué partes.
# en-hash: 3c63cab8
correct-title = Corregir esta solicitud
# en-hash: 911a1fda
correct-intro = Corrija lo que se anotó mal. El registro guarda quién corrigió qué partes y cuándo, no las palabras anteriores.
# en-hash: 9fdfabe3
correct-link = Corregir lo anotado
# en-hash: 3b565e93
correct-location-hint = Una dirección, una esquina o un lugar. Las palabras cambiadas se ubican de nuevo en el mapa.
# en-hash: a5c4ed7f
correct-needs-legend = Necesidades nombradas en la visita
# en-hash: 0a676dce
correct-submit = Guardar la corrección
# en-hash: 7b9ff63e
correct-back = Volver a la solicitud sin guardar
# en-hash: 11f6f407
field-error-no_encounter = Las necesidades se nombran al registrar la visita. Registre la visita primero.
# en-hash: 4e92cd6a
changes-heading = Correcciones y evaluaciones repetidas
# en-hash: 469ead1f
change-screened-again = Evaluada de nuevo: antes { $from }, ahora { $to }
# en-hash: 0d3406b2
change-corrected = Corregido: { $fields }
# en-hash: 7af59294
corrected-field-summary = lo que pasa
# en-hash: b48111c1
corrected-field-location = dónde
# en-hash: a4ef304b
corrected-field-language = idioma
# en-hash: b602d908
corrected-field-safe_contact = formas seguras de contactar
# en-hash: 266d1c70
corrected-field-needs = necesidades
# en-hash: ee68cc1b
safe-times-kept = Como se indicó antes: { $hours }
# en-hash: f3becdd9
not-safe-now = No es un momento seguro para contactar.
# en-hash: 442c3442
safe-again = Seguro de nuevo { $when }.
# en-hash: ce7d994e
done-text_waits = No es un momento seguro para contactar ahora: el mensaje espera y sale { $when }.
# en-hash: 5cc3f712
conflict-texts-not-safe = Esta persona no dijo que los mensajes de texto sean seguros. Pregúntele primero en una llamada y luego corrija la solicitud.
# en-hash: f3c9adc8
done-note = Guardado. La nota está en la cronología.
# en-hash: dbad75d7
done-handover_read = Marcado como leído. Ya no está en el tablero.
# en-hash: 982cae55
done-account_disabled = Desactivada. Sus sesiones terminaron y sus tokens dejaron de funcionar.
# en-hash: 379e2472
done-token_revoked = Revocado. El token deja de funcionar al instante.
# en-hash: 36ccb883
done-closed = Guardado y cerrado.
# en-hash: da5c8338
done-closed-follow-up = Guardado y cerrado. El seguimiento es el { $when }.
# en-hash: 59212ef4
field-error-required = Esto es necesario.
# en-hash: 51ccdf73
field-error-too_long = Esto es demasiado largo.
# en-hash: e9317ddc
field-error-too_short = Esto es demasiado corto: use al menos 10 caracteres.
# en-hash: 3926cf28
field-error-out_of_range = Esto está fuera del rango permitido.
# en-hash: d38529b6
field-error-invalid = Esto no parece correcto.
# en-hash: 34b13edc
field-error-unknown = Esta no es una de las opciones.
# en-hash: 2711bc48
field-error-off_the_map = Este punto no está cerca de una calle del área que atendemos.
# en-hash: 64ee6332
field-error-unreachable = No hay forma de llegar allí por las calles desde aquí.
# en-hash: 80c71a27
field-error-not_placed = No pudimos encontrar ese lugar. Pruebe con una dirección ("71 Cherry St"), una esquina ("Prospect & Harvard") o el nombre de un lugar.
# en-hash: 56d08d92
field-error-cannot_be_phoned = Estas respuestas llevan a apoyo por teléfono, pero no hay forma de llamar ni de escribir a esta persona. Elija lo que corresponde a una visita, o añada un número al que acepte llamadas o mensajes.
# en-hash: 3cea9bbd
field-error-taken = Esto ya está en uso.
# en-hash: bb612d83
field-error-mismatch = Las dos contraseñas no son iguales.
# en-hash: e804cfcb
field-error-not_marked_safe = Esta forma de contactar a la persona no está marcada como segura. Pregúntele; marque que dijo que es segura, o elija otra forma.

## Alternativas y horario
# en-hash: d1c5d653
alt-heading = Si necesita a alguien ahora mismo
# en-hash: 7d2805ba
alt-988 = 988 Línea de Prevención del Suicidio y Crisis: llame o envíe un mensaje de texto al 988, a cualquier hora.
# en-hash: 268660fb
alt-bhhl = Línea de Ayuda de Salud Conductual de Massachusetts: 833-773-2445, a cualquier hora, en muchos idiomas.
# en-hash: 56e6607c
alt-911 = Una emergencia médica: llame al 911.
# en-hash: f34fe822
phone-text-988 = enviar un texto
# en-hash: f3808f25
hours-open = Estamos abiertos ahora.
# en-hash: f4e71746
hours-open-until = Estamos abiertos ahora, hasta { $until }.
# en-hash: 461f2540
hours-closed = Estamos cerrados ahora.
# en-hash: c575dfde
hours-closed-until = Estamos cerrados ahora. Volvemos a abrir: { $at }.

## Páginas públicas
# en-hash: 8f3a16bf
home-title = Apoyo en lugar de la policía
# en-hash: bd88c356
home-heading = { $team }: apoyo comunitario en crisis
# en-hash: 5df2db4f
home-what = Personas de apoyo entre pares que acuden, en lugar de la policía, cuando alguien en { $area } está pasando por un momento de angustia, está en un conflicto o necesita ayuda. Escuchamos, nos quedamos y conectamos a las personas con lo que necesitan.
# en-hash: f3b82efd
home-not-emergency = No somos un servicio de emergencias. En una emergencia médica, llame al 911.
# en-hash: 198cca6f
home-ask = Pedir apoyo
# en-hash: 9c870aa6
home-how-heading = Cómo funciona
# en-hash: 6dec8e39
home-how-1 = Cuéntenos qué está pasando, para usted o para otra persona. No tiene que dar su nombre.
# en-hash: 7782edf5
home-how-2 = Una persona de apoyo entre pares le devuelve la llamada, o un equipo de dos personas va a donde usted está.
# en-hash: a94cadd6
home-how-3 = Nunca enviamos a la policía, y nada de lo que nos cuente se comparte con la policía.
# en-hash: 198cca6f
request-title = Pedir apoyo
# en-hash: 198cca6f
request-heading = Pedir apoyo
# en-hash: ccecd5a6
request-questions-hint = Estas preguntas nos ayudan a decidir quién debe ir. Puede saltarse las que no quiera responder.
# en-hash: f6f4688f
request-send = Enviar
# en-hash: 9681d288
request-limited = Llegaron muchas solicitudes desde esta conexión en los últimos minutos, así que esta no se envió. Por favor, intente otra vez en unos minutos. Si necesita a alguien ahora, use una de las líneas de abajo.
# en-hash: 07253bb3
donate-limited = Se iniciaron muchas donaciones desde esta conexión en los últimos minutos, así que esta no. Por favor, intente otra vez en unos minutos.
# en-hash: ebbd2763
thanks-title = Recibimos su solicitud
# en-hash: ebbd2763
thanks-heading = Recibimos su solicitud
# en-hash: acf4f398
thanks-reference = Su número de referencia: { $reference }
# en-hash: fd726019
thanks-status-link = Vea cómo va su solicitud
# en-hash: 5e63933a
thanks-status-hint = Guarde este enlace para volver: muestra en qué punto está su solicitud, y nada sobre usted. Cualquiera con el enlace puede verlo, así que guárdelo en privado.
# en-hash: f707b233
progress-kind-web = su solicitud de apoyo
# en-hash: 1f6b043a
thanks-closed = Estamos cerrados ahora, así que nadie verá su solicitud hasta { $at }. Si necesita a alguien antes, por favor use una de las líneas de abajo.
# en-hash: d9572c66
thanks-full = Todos nuestros equipos están con otras personas en este momento. Su solicitud está en la fila y iremos en cuanto un equipo esté libre. Si no puede esperar, por favor use una de las líneas de abajo.
# en-hash: e664cc2c
thanks-team = Un equipo saldrá en cuanto haya uno libre.
# en-hash: 2a92247f
thanks-contact = Alguien del equipo se comunicará con usted de la forma que usted dijo que es segura.

## Iniciar sesión
# en-hash: bfd402b2
login-title = Iniciar sesión
# en-hash: e3b89e9d
login-username = Nombre de usuario
# en-hash: e7cf3ef4
login-password = Contraseña
# en-hash: bfd402b2
login-submit = Iniciar sesión
# en-hash: 6cc85b1f
login-failed = Ese nombre de usuario y esa contraseña no coinciden con ninguna cuenta activa.
# en-hash: ab944a20
login-throttled = Demasiados intentos para esta cuenta. Intente otra vez en { $seconds } segundos.
# en-hash: 6a97c860
setup-title = Elija su contraseña
# en-hash: 3dd9df44
setup-password = Contraseña nueva
# en-hash: c220b40e
setup-password-hint = Al menos 10 caracteres. Unas cuantas palabras sin relación entre sí funcionan bien.
# en-hash: cfd75036
setup-password-again = La misma contraseña otra vez
# en-hash: e86cf7b8
setup-submit = Guardar contraseña

## Recepción de solicitudes
# en-hash: 82f20d8b
intake-title = Recibir una solicitud
# en-hash: 515bf7fe
intake-channel = Cómo llegó
# en-hash: 63dceb88
channel-phone = Teléfono
# en-hash: ca47049e
channel-sms = Mensaje de texto
# en-hash: 43af7e90
channel-partner = Organización aliada
# en-hash: a7cbe3d1
channel-web = Formulario web
# en-hash: d756eb99
intake-submit = Guardar solicitud
# en-hash: df73b5c2
intake-questions-hint = Haga estas preguntas con sus propias palabras. Las respuestas deciden cómo respondemos; puede cambiarlas después.
# en-hash: 1700d434
intake-who-legend = ¿Quién lo pide?
# en-hash: 843f77ae
requester-person = La persona que necesita apoyo
# en-hash: 8f2a684c
requester-on_behalf = Alguien que pide por otra persona
# en-hash: ff394c9a
requester-partner = Una organización aliada
# en-hash: 2207d4a0
intake-summary = ¿Qué está pasando?
# en-hash: 2b40c4f7
intake-summary-hint = En palabras sencillas. Solo lo que nos ayude a apoyar a la persona.
# en-hash: 91f45115
intake-where-legend = ¿Dónde?
# en-hash: d24e3af4
intake-location = ¿Dónde está la persona?
# en-hash: 1edde58b
intake-location-hint = Una calle, una esquina o un lugar. Puede dejarlo en blanco.
# en-hash: dac57454
intake-location-withheld = Prefiere no decirlo
# en-hash: 238a676d
intake-lat = Latitud
# en-hash: 6d80458f
intake-lon = Longitud
# en-hash: 05a49b09
intake-contact-legend = Cómo comunicarse con la persona
# en-hash: daf3a133
intake-contact-hint = Todo es opcional. Las solicitudes anónimas son bienvenidas.
# en-hash: 26f8d208
intake-contact-name = Nombre, o cómo quiere que le llamen
# en-hash: 63dceb88
intake-contact-phone = Teléfono
# en-hash: a52d18b6
intake-safe-legend = ¿Qué es seguro?
# en-hash: f884bf09
intake-safe-hint = Solo contactamos a las personas de las formas que ellas dicen que son seguras.
# en-hash: 5bb8abce
intake-safe-call = Una llamada es segura
# en-hash: 59b01c57
intake-safe-text = Un mensaje de texto es seguro
# en-hash: 1a32d258
intake-safe-voicemail = Un mensaje de voz es seguro
# en-hash: 48ec414f
intake-safe-hours = Horas seguras para comunicarse
# en-hash: e8363c25
safe-times-hint = Use nuestra hora local. Pregunte cuándo nadie más verá ni oirá.
# en-hash: 5e7de49a
safe-times-any = A cualquier hora
# en-hash: b577e601
safe-times-only = Solo estos días, entre estas horas
# en-hash: e08c0aa8
safe-times-days = Días
# en-hash: 21819769
safe-times-from = Desde
# en-hash: 7caf856e
safe-times-to = Hasta
# en-hash: 996a0dfa
field-error-safe_hours = Indique días y luego horas, por ejemplo mon-fri 18:00-21:00.
# en-hash: 765944ea
field-error-safe_hours_missing = Elija los días y las dos horas, o elija A cualquier hora.
# en-hash: 3d788c63
intake-code-word = Palabra clave
# en-hash: e77a0573
intake-code-word-hint = Una palabra que dirá la persona de nuestro equipo, para que sepan que somos nosotros.
# en-hash: 33b2baff
intake-language = Idioma que prefiere
# en-hash: 8aa3e2b2
intake-interpreter = La persona quiere un intérprete
# en-hash: b3f8aa04
intake-questions-legend = Algunas preguntas

# en-hash: ba118bf7
language-en = Inglés
# en-hash: 3411059c
language-es = Español
# en-hash: da8757fe
language-pt-BR = Portugués (Brasil)
# en-hash: ec18adfb
language-ht = Criollo haitiano
# en-hash: 8a9779f4
language-zh = Chino
# en-hash: e1b6cb2b
language-am = Amárico
# en-hash: bafb66f3
language-ar = Árabe
# en-hash: e7f4fe26
language-bn = Bengalí
# en-hash: e901fd85
language-other = Otro idioma

## Solicitudes
# en-hash: ada27592
requests-title = Solicitudes
# en-hash: ea923f45
requests-none = Todavía no hay solicitudes.
# en-hash: d45b559c
requests-caption = Solicitudes encontradas, las más nuevas primero
# en-hash: d977bf00
requests-filters = Buscar solicitudes
# en-hash: e0e2d843
requests-from = Desde (día)
# en-hash: 1d5d2005
requests-to = Hasta (día)
# en-hash: ec420809
requests-dates-hint = Días como año-mes-día, por ejemplo 2026-11-01. Como mucho dos años.
# en-hash: 2b505597
requests-any = Cualquiera
# en-hash: 9c65dc97
requests-open = Abiertas (ni cerradas ni canceladas)
# en-hash: 8262e2fb
requests-outcome = Cómo se cerró
# en-hash: 515bf7fe
requests-channel = Cómo llegó
# en-hash: 4c2bc9a0
requests-need = Necesidad
# en-hash: 0df6f1ca
requests-show = Mostrar
# en-hash: 0898d673
requests-words = Palabras en lo que se dijo o dónde
# en-hash: 10008270
requests-words-hint = Se buscan en las solicitudes de los días elegidos, al abrirlas; como mucho 5.000 solicitudes por búsqueda.
# en-hash: 822b2ae4
requests-find = Buscar
# en-hash: bed2d615
requests-found = { $count ->
    [one] 1 solicitud encontrada
   *[other] { $count } solicitudes encontradas
}
# en-hash: 9046da16
requests-pages = Páginas
# en-hash: 549b86fb
requests-page-of = Página { $n }
# en-hash: 718c4569
requests-newer = Más nuevas
# en-hash: 03281c88
requests-older = Más antiguas
# en-hash: 49f19bee
col-received = Recibida
# en-hash: 21f10374
col-summary = Qué está pasando
# en-hash: 9061383b
col-triage = Respuesta
# en-hash: 920e413c
col-status = Estado
# en-hash: 5985039f
col-team = Equipo
# en-hash: cf9c7aa2
col-when = Cuándo
# en-hash: 18237647
col-interval = Desde que llegó
# en-hash: 59f03d64
request-detail-title = Solicitud
# en-hash: 6980e539
request-reference = referencia { $reference }
# en-hash: 24b5a77c
request-full-id = Identificador completo: { $id }
# en-hash: c6f2cd77
received-ago = Recibida hace { $age }
# en-hash: a9ba3846
team-is = Equipo: { $team }
# en-hash: bf41ca74
priority-n = Prioridad { $n }
# en-hash: 9ce6a3cd
ago = hace { $age }
# en-hash: 58de9c87
since = Desde hace { $age }
# en-hash: 05db0ae5
waiting-for = { $age }
# en-hash: 9061383b
triage-heading = Respuesta
# en-hash: 21f10374
detail-what = Qué está pasando
# en-hash: 3fe486b9
detail-who = Quién lo pidió
# en-hash: 1daaa38f
detail-where = Dónde
# en-hash: 4ec59fad
detail-location-withheld = La persona prefirió no decirlo.
# en-hash: 2b5c3d26
detail-contact = Contacto
# en-hash: e7a8aa2d
detail-anonymous = Anónimo
# en-hash: 02516aea
detail-safe = Formas seguras de contacto
# en-hash: a4fe6526
detail-language = Idioma
# en-hash: d323c5ac
safe-call-yes = llamar: sí
# en-hash: 9b4493d8
safe-call-no = llamar: no
# en-hash: 91dce5b8
safe-text-yes = textos: sí
# en-hash: 56f818a8
safe-text-no = textos: no
# en-hash: b8a0c352
safe-voicemail-yes = mensaje de voz: sí
# en-hash: e1dc55f6
safe-voicemail-no = mensaje de voz: no
# en-hash: 9e48b176
safe-hours-are = Horas seguras: { $hours }
# en-hash: 2feba1fd
code-word-is = Palabra clave: { $word }
# en-hash: 4c4f03ab
screen-heading = Evaluación
# en-hash: 25b7d897
screen-submit = Guardar respuestas
# en-hash: 0eccd67d
assign-heading = Enviar un equipo
# en-hash: f2337df0
assign-legend = Equipos disponibles, primero los más cercanos
# en-hash: 26671198
assign-none-free = No hay ningún equipo libre en este momento. La solicitud espera arriba en el tablero.
# en-hash: 8ece895c
assign-submit = Asignar
# en-hash: 5985039f
assign-team-label = Equipo
# en-hash: b8d2b917
distance-km = a { $km } km
# en-hash: 4664827f
move-heading = Avance
# en-hash: fe3670f0
action-en_route = Vamos en camino
# en-hash: 59401519
action-on_scene = Llegamos
# en-hash: 41bc8cce
action-unassign = Quitar el equipo
# en-hash: 56196683
action-cancel = Cancelar solicitud
# en-hash: efe92156
action-check-in = Estamos bien
# en-hash: 739484a5
checkin-due = Próxima confirmación { $when }. Pulse “Estamos bien” para reiniciarla; si no, se alerta a despacho.
# en-hash: 9f579ee0
close-heading = Registrar el apoyo y cerrar
# en-hash: 3f1458c2
close-heading-scene = Registrar el encuentro y cerrar
# en-hash: 6b933c88
encounters-heading = Registro del encuentro
# en-hash: 9dcff98e
history-heading = Cronología
# en-hash: a525b395
ems-instruction = Llame ahora a emergencias médicas (EMS, 911): esta es una emergencia médica. Después, registre por qué y si la persona estuvo de acuerdo.
# en-hash: 59a85a69
ems-reason = Por qué se llamó a EMS
# en-hash: 7b705ee0
ems-consent = ¿La persona estuvo de acuerdo?
# en-hash: 7886d805
ems-consent-agreed = Estuvo de acuerdo
# en-hash: 44b57731
ems-consent-declined = No estuvo de acuerdo
# en-hash: d98ab9be
ems-consent-could_not_ask = No pudimos preguntarle
# en-hash: b37c7879
ems-consent- = No registrado
# en-hash: d8d099d1
ems-submit = Registrar el contacto con EMS
# en-hash: 36c714dd
ems-recorded = Se contactó a EMS: { $reason }

## Encuentro
# en-hash: 5f9bbdd1
enc-needs = Necesidades
# en-hash: 9a2fc57b
enc-actions = Qué se hizo
# en-hash: cfec1dea
enc-own-words = En las propias palabras de la persona
# en-hash: b86b269d
enc-own-words-hint = Opcional, y solo si la persona está de acuerdo.
# en-hash: 904597a7
enc-outcome = Resultado, elegido junto con la persona
# en-hash: 09b2d9cd
enc-follow-up = Seguimiento
# en-hash: 2b49687a
enc-follow-up-consent = La persona aceptó un seguimiento
# en-hash: 7470bd3b
enc-follow-up-method = Cómo
# en-hash: 69704e4e
enc-follow-up-hours = En cuántas horas
# en-hash: dc6578cb
enc-follow-up-safe = La persona nos dijo ahora que esta forma de contactarla es segura
# en-hash: 115cb7de
enc-submit = Guardar y cerrar
# en-hash: 3224521b
enc-consented = La persona aceptó un seguimiento.
# en-hash: 47046526
enc-no-follow-up = Sin seguimiento.
# en-hash: 1570e39c
field-name-needs = { enc-needs }
# en-hash: ccb7acd6
field-name-actions = { enc-actions }
# en-hash: edc26529
field-name-own_words = { enc-own-words }
# en-hash: e77ccd11
field-name-outcome = { enc-outcome }
# en-hash: 786a2dd1
field-name-follow_up_method = { enc-follow-up-method }
# en-hash: fd3c564d
field-name-follow_up_hours = { enc-follow-up-hours }
# en-hash: 0d25d6b7
responder-person = La persona
# en-hash: 842eb3a5
responder-call = Llamar al { $phone }
# en-hash: 1627daac
responder-text = Escribir al { $phone }
# en-hash: 539496b0
responder-no-phone-contact = No llame ni escriba: la persona no ha dicho que sea seguro.
# en-hash: 5ab4e441
responder-full-request = Abrir la solicitud completa

# en-hash: 76f5ad67
need-housing = Vivienda
# en-hash: e4eb1806
need-food = Comida
# en-hash: 5ccc2e87
need-money = Dinero
# en-hash: dbcb26fe
need-mental_health = Salud mental
# en-hash: 90d097cc
need-substance_use = Uso de sustancias
# en-hash: 726d11bd
need-safety = Seguridad
# en-hash: 014659ab
need-conflict = Conflicto
# en-hash: fec80bef
need-medical = Atención médica
# en-hash: f97e9da0
need-other = Otra

# en-hash: deceaa92
close-connected_to_support = Se conectó con apoyo
# en-hash: 04b540bd
close-resolved_for_now = Resuelto por ahora
# en-hash: a0e051ca
close-declined_their_choice = No aceptó: fue su decisión
# en-hash: d8d26a04
close-could_not_find_them = No pudimos encontrar a la persona
# en-hash: 2609bf2c
close-ongoing_support = Apoyo continuo

# en-hash: 1f0a0e26
method-phone = Llamada telefónica
# en-hash: ca47049e
method-text = Mensaje de texto
# en-hash: 1c8ac867
method-visit = Visita
# en-hash: f97e9da0
method-other = Otro

## Estados y resultados
# en-hash: 49f19bee
status-received = Recibida
# en-hash: a62f9212
status-triaged = Evaluada
# en-hash: cf540bd3
status-waiting = Esperando un equipo
# en-hash: 0f3453e1
status-assigned = Equipo asignado
# en-hash: b63a305d
status-en_route = En camino
# en-hash: 1ecbd90c
status-on_scene = Con la persona
# en-hash: c21ead06
status-closed = Cerrada
# en-hash: d353a99e
status-cancelled = Cancelada
# en-hash: 27595579
outcome-needs_screening = Falta la evaluación
# en-hash: eeb9efc8
outcome-field_response = Sale un equipo
# en-hash: 7e750c34
outcome-phone_support = Apoyo por teléfono
# en-hash: aeb7b004
outcome-referral_only = Derivación
# en-hash: bca2a197
outcome-ems_medical = EMS: emergencia médica
# en-hash: 52c91b34
outcome-outside_scope = Fuera de lo que hacemos
# en-hash: e6744473
team-available = Disponible
# en-hash: 8191888d
team-assigned = Asignado
# en-hash: b63a305d
team-en_route = En camino
# en-hash: d99a4a21
team-on_scene = Con alguien
# en-hash: bd1b2e04
team-wrapping_up = Terminando
# en-hash: 8cc820b7
team-off_shift = Fuera de turno
# en-hash: 5c9bdbe0
team-not-on-shift = no está de turno ahora
## Tablero
# en-hash: d83caacf
board-title = Tablero en vivo
# en-hash: d2d30e93
board-open = Solicitudes abiertas
# en-hash: 1e1a1c07
board-teams = Equipos
# en-hash: 10b8cbcc
board-no-open = No hay solicitudes abiertas.
# en-hash: 4724d501
alerts-heading = Alertas de seguridad
# en-hash: 6ffa75b9
alert-checkin_lapsed = Un equipo en el lugar no ha confirmado que está bien
# en-hash: 4deb2a47
alert-need_help = Un equipo necesita ayuda
# en-hash: cf3f234c
alert-position = su ubicación
# en-hash: e05da741
alert-request = la solicitud
# en-hash: 728360fa
alert-clear = El equipo está bien: quitar la alerta
# en-hash: 4dd2f445
alert-clear-safe = Estamos bien: quitar la alerta
# en-hash: 461ff11e
live-online = En vivo: los cambios aparecen solos.
# en-hash: 9be23b54
live-offline = Reconectando… el tablero se pondrá al día.
# en-hash: ce7d8008
live-static = Las actualizaciones necesitan JavaScript; recargue la página para ver los cambios.
# en-hash: 01a7f4a4
live-new-request = Nueva solicitud en el tablero.
# en-hash: cb92e158
live-alert = Alerta de seguridad de un equipo.
# en-hash: de12d6d7
live-assignment = Su asignación cambió.

## Equipo de respuesta
# en-hash: 6899e997
responder-title = Mi equipo
# en-hash: f7dcfbd9
responder-assignment = Nuestra asignación
# en-hash: 1daaa38f
responder-directions = Dónde
# en-hash: fee06911
responder-open-map = Abrir en mapas
# en-hash: 92a1e919
responder-no-assignment = No hay ninguna asignación por ahora.
# en-hash: 34c355fd
responder-no-team = Su cuenta todavía no está en un equipo. Pida a una persona coordinadora que le agregue a uno.
# en-hash: 53ca44a6
team-set-available = Estamos disponibles
# en-hash: bd1b2e04
team-set-wrapping_up = Terminando
# en-hash: cf268fad
team-set-off_shift = Terminamos el turno
# en-hash: 4ca0ca38
need-help = Necesitamos ayuda
# en-hash: 11125687
need-help-hint = Alerta en silencio a despacho y a los demás equipos de turno con dónde están (la ubicación de este teléfono si lo permite; si no, el lugar al que fueron). Nunca llama a la policía.
# en-hash: ffa34139
need-help-sent = Se alertó a despacho a las { $time }.
# en-hash: 828c9ede
need-help-failed-title = Su alerta no se envió
# en-hash: 4f9a1399
need-help-failed = No se pudo alertar a despacho desde aquí. Llame a despacho ahora.
# en-hash: 743e2f30
need-help-call-dispatch = Llamar a despacho: { $phone }
# en-hash: 81eacab1
need-help-failed-emergency = En una emergencia médica llame al
# en-hash: 175b1f83
offline-waiting = Esperando para enviar
# en-hash: adc56fb4
offline-waiting-one = esperando para enviar: este teléfono no tiene señal, y se envía cuando vuelva la señal.
# en-hash: 151a977f
offline-done-at = en este teléfono a las { $time }
# en-hash: 4b189fc3
offline-no-longer = no enviado: la solicitud se reasignó o se cerró mientras tanto, así que esto ya no aplica.
# en-hash: 310b496c
offline-not-sent = no enviado: el servidor no pudo aceptarlo.
# en-hash: 90f50908
offline-typed = Lo que escribió se guarda aquí:
# en-hash: 031b4884
offline-dismiss = Quitarlo de este teléfono
# en-hash: ea0b69c4
offline-sign-in = Inicie sesión de nuevo para enviar lo que espera.
# en-hash: 5f399606
offline-encounter = El registro del encuentro
# en-hash: c8d608af
offline-encounter-kept = El registro del encuentro se guarda en este teléfono y se envía cuando vuelva la señal.
# en-hash: 2fcf1193
offline-need-help = Este teléfono no tiene señal, así que no se avisó a despacho. Llame a despacho ahora.
# en-hash: cd017737
device-sends-heading = Enviado desde un teléfono después de un tiempo sin señal
# en-hash: f8cf83a7
col-what = Qué
# en-hash: 06597e64
col-device-at = Hecho (la hora del teléfono)
# en-hash: 49f19bee
col-received-at = Recibido
# en-hash: fe3670f0
device-send-en_route = Vamos en camino
# en-hash: 59401519
device-send-on_scene = Llegamos
# en-hash: efe92156
device-send-check_in = Estamos bien
# en-hash: 5f399606
device-send-encounter = El registro del encuentro
# en-hash: b35f2292
field-error-used = Esto ya se usó.
# en-hash: fe7a0904
need-help-again = Intentar "Necesitamos ayuda" otra vez
# en-hash: de66e020
need-help-back = Volver a mi equipo
# en-hash: e84c6280
alert-where-device = la ubicación del teléfono
# en-hash: b7794a8f
alert-where-request = donde fue el equipo (el lugar de la solicitud)
# en-hash: e2dcb473
alert-where-shared = la última ubicación que compartió el equipo
# en-hash: bb64fde0
alert-where-base = la base del equipo: no se conoce una ubicación mejor
# en-hash: 3205ebfe
alert-where-age = { $where }, hace { $age }

## Seguimientos
# en-hash: d09baf6b
follow-ups-title = Seguimientos
# en-hash: 240ecb67
follow-ups-none = No hay seguimientos abiertos.
# en-hash: 4d6f13b6
follow-ups-due = Para hacer ahora
# en-hash: b743c760
follow-ups-upcoming = Próximos
# en-hash: 5798edea
follow-up-due = Vence { $when }
# en-hash: 06002845
follow-up-language = Habla { $language }: llame o escriba en ese idioma, con intérprete si hace falta.
# en-hash: 2d3a7e33
follow-up-interpreter = Necesita intérprete.
# en-hash: 11a6767d
follow-up-done = Hecho
# en-hash: 483bd490
follow-up-note = Qué pasó
# en-hash: 95acc4a2
follow-up-mark-done = Marcar como hecho
# en-hash: 1302267f
follow-up-how = Cómo fue
# en-hash: d0bb6c71
follow-up-result-reached = Hablamos con la persona
# en-hash: 7e49c68d
follow-up-result-no_answer = No contestó
# en-hash: f4d1e5b3
follow-up-result-rescheduled = Pidió otro día
# en-hash: 4645e73b
follow-up-result-declined = No quiere seguimiento
# en-hash: df95bf25
follow-up-result-could_not_reach = No se pudo contactar
# en-hash: a164a764
follow-up-due-new = El nuevo día (solo si pidió otro día)
# en-hash: ec5b780d
follow-up-due-hint = Como año-mes-día, por ejemplo 2027-01-15.
# en-hash: 1509f561
follow-up-save = Guardar
# en-hash: 0db43740
follow-up-tries = { $count ->
    [one] Un intento
   *[other] { $count } intentos
}
# en-hash: 9ad65a8b
follow-up-take = Tomarlo
# en-hash: 77ebb51e
follow-up-give-back = Devolverlo
# en-hash: b9d1ace7
follow-up-mine = Usted lo tomó.
# en-hash: 4a6a786b
follow-up-taken = Alguien lo tomó.
# en-hash: 0df6f1ca
follow-ups-show = Mostrar
# en-hash: a52ace42
follow-ups-show-all = Todos
# en-hash: f57afb7d
follow-ups-show-mine = Míos
# en-hash: 93f7597f
follow-ups-show-unassigned = Sin tomar
# en-hash: d660945b
follow-ups-show-overdue = Atrasados

## Tiempo
# en-hash: 5011c951
time-in = en { $duration }
# en-hash: 159c8275
time-ago = hace { $duration }
# en-hash: a69e7639
duration-m = { $m } min
# en-hash: e2266625
duration-h = { $h } h
# en-hash: cd500055
duration-dh = { $d } d { $h } h

## Equipos y turnos
# en-hash: 1e1a1c07
nav-teams = Equipos
# en-hash: 476831b6
teams-title = Equipos y turnos
# en-hash: 7db20897
teams-members = Personas
# en-hash: ca3b01fc
teams-no-members = Todavía no hay nadie en este equipo.
# en-hash: 46caa74a
teams-needs-two = Un equipo sale con dos o más personas de respuesta: agregue personas antes de poder asignarlo.
# en-hash: 0c6bac03
teams-shifts = Turnos de la próxima semana
# en-hash: e2318852
teams-no-shifts = No hay turnos planeados.
# en-hash: db391703
teams-add-shift = Agregar un turno
# en-hash: 99c40ab4
teams-date = Fecha
# en-hash: 96dbedec
teams-start = Empieza
# en-hash: e98982c9
teams-end = Termina
# en-hash: 6216bd8a
teams-end-hint = Si el final es antes del inicio, el turno pasa de la medianoche.
# en-hash: f81e9c20
teams-move = Cambiar a una persona de equipo
# en-hash: 8630a0dc
teams-responder = Persona de respuesta
# en-hash: e1ef47d4
teams-to-team = Al equipo
# en-hash: e3924f28
teams-no-team = Sin equipo
# en-hash: 6ecc3df6
teams-move-submit = Cambiar
# en-hash: 7c81b807
nav-rota = Turnos
# en-hash: 7c81b807
rota-title = Calendario de turnos
# en-hash: 17ac94dc
rota-intro = Cuatro semanas de turnos. Primero los turnos a los que les falta gente. Apúntese a los turnos de su equipo u ofrezca el suyo para un cambio.
# en-hash: f13f4ad8
rota-gaps = Turnos a los que les falta gente
# en-hash: 5eb7d9e4
rota-no-gaps = Todos los turnos de las próximas cuatro semanas tienen la gente que necesitan.
# en-hash: da70ac41
rota-weeks = Turnos por semana
# en-hash: 871af2e7
rota-no-slots = No hay turnos en las próximas cuatro semanas. Una persona coordinadora fija abajo el horario semanal de cada equipo.
# en-hash: 8e79e6e0
rota-week = Semana del { $date }
# en-hash: 7db20897
rota-col-people = Personas
# en-hash: 441ed85b
rota-nobody = Nadie todavía.
# en-hash: 246737da
rota-needs = { $count ->
    [one] Falta 1 persona.
   *[other] Faltan { $count } personas.
}
# en-hash: ea002f32
rota-people = { $count ->
    [one] 1 persona
   *[other] { $count } personas
}
# en-hash: bf4f0df7
rota-full = Completo.
# en-hash: 631411ad
rota-offered = ofrecido para un cambio
# en-hash: 5e2b8e96
rota-sign-up = Apuntarme
# en-hash: 164546a9
rota-withdraw = Salir del turno
# en-hash: e15c3879
rota-offer = Ofrecer para un cambio
# en-hash: 47e4f0aa
rota-keep-place = Quedarme con mi lugar
# en-hash: e7962010
rota-take = Tomar el lugar de { $name }
# en-hash: 1672b2bc
rota-remove = Quitar a { $name }
# en-hash: e9463dcc
rota-place-who = Poner a
# en-hash: c18d0171
rota-place = Poner en este turno
# en-hash: 5867588b
rota-feed-title = Su calendario
# en-hash: c23d217d
rota-feed-intro = Un enlace privado a sus turnos al que cualquier aplicación de calendario se puede suscribir. Nombra al equipo, nunca a una persona atendida.
# en-hash: 8adea143
rota-feed-made = Su enlace se creó { $when }.
# en-hash: b39086ff
rota-feed-make = Crear mi enlace de calendario
# en-hash: 039eb017
rota-feed-renew = Crear un enlace nuevo (el anterior deja de funcionar)
# en-hash: adfde46a
rota-feed-stop = Detener mi enlace de calendario
# en-hash: 3a418e8c
rota-feed-new-title = Su enlace de calendario
# en-hash: 7793b13f
rota-feed-once = Cópielo ahora: solo se muestra esta vez. Quien tenga el enlace ve sus turnos.
# en-hash: 38b57188
rota-feed-link = Enlace de calendario
# en-hash: 7c3bd631
rota-pattern-title = El horario semanal de un equipo
# en-hash: c531a1c5
rota-no-patterns = Ningún equipo tiene todavía un horario semanal.
# en-hash: 871f513b
rota-pattern = Días y horas
# en-hash: 8c5b72db
rota-pattern-hint = En la zona horaria del equipo, por ejemplo tue,thu 10:00-16:00; sat 12:00-18:00. Los turnos se crean con cuatro semanas de antelación.
# en-hash: 6a391022
rota-needed = Personas en cada turno
# en-hash: cc242160
rota-needed-hint = Al menos 2: un equipo de calle nunca va solo.
# en-hash: b3f16c5e
rota-pattern-submit = Guardar el horario
# en-hash: b78a1d63
done-rota_sign_up = Se apuntó al turno.
# en-hash: 32a5d63f
done-rota_withdraw = Ya no está en el turno.
# en-hash: c78396c3
done-rota_offer = Su lugar está ofrecido para un cambio. Sigue siendo suyo hasta que alguien lo tome.
# en-hash: acbfe141
done-rota_keep_place = Su lugar ya no está ofrecido.
# en-hash: 0268b3f0
done-rota_take = Tomó el lugar. Ahora es suyo.
# en-hash: cec1899b
done-rota_place = Puesto en el turno.
# en-hash: 38dc8643
done-rota_remove = Quitado del turno.
# en-hash: 1fe295c1
done-rota_pattern = Horario guardado. Los turnos de las próximas cuatro semanas están creados.
# en-hash: facb68a3
done-rota_feed_stopped = Su enlace de calendario ya no funciona.
# en-hash: abda0bba
field-error-pattern = Indique los días y luego las horas, por ejemplo tue,thu 10:00-16:00.
# en-hash: 7b056867
field-error-end_before_start = Cada turno debe terminar después de empezar, el mismo día.
# en-hash: 297c4535
field-error-full = Este turno ya tiene toda la gente que necesita.
# en-hash: 0d0190fb
field-error-past = Este turno ya terminó.
# en-hash: 6f4bb15c
field-error-already = Ya está en este turno.
# en-hash: c36650d9
field-error-not_signed_up = No está en este turno.
# en-hash: 2e17787e
field-error-not_offered = Nadie ofreció un lugar en este turno.
# en-hash: 63ec5ea4
field-error-self = No puede hacer un cambio consigo mismo.
# en-hash: a4a2d970
field-error-not_member = Solo los miembros del equipo pueden estar en sus turnos. Una persona coordinadora puede añadir gente al equipo.
# en-hash: 32da5b24
push-title = Alertas en este teléfono
# en-hash: bef2d9b2
push-intro = Reciba una alerta en este dispositivo cuando envíen a su equipo, cuando un equipo pida ayuda o cuando una solicitud espere y nadie esté en el tablero. Las alertas nunca nombran a una persona atendida.
# en-hash: 44d11861
push-devices = { $count ->
    [0] Ningún dispositivo suyo tiene las alertas activadas.
    [one] Las alertas están activadas en 1 dispositivo suyo.
   *[other] Las alertas están activadas en { $count } dispositivos suyos.
}
# en-hash: 5c2a760c
push-needs-js = Las alertas necesitan un navegador con JavaScript que pueda mostrar notificaciones.
# en-hash: cc2cec11
push-on = Activar las alertas en este dispositivo
# en-hash: 7a532daa
push-off = Desactivar las alertas en este dispositivo
# en-hash: 6e6f57c0
push-asking = Su navegador le pedirá permiso para mostrar notificaciones.
# en-hash: d020aa14
push-denied = Las notificaciones están bloqueadas para este sitio. Permítalas en la configuración del navegador y vuelva a intentarlo.
# en-hash: 2781a89d
push-failed = No se pudieron activar ni desactivar las alertas. Vuelva a intentarlo.
# en-hash: 1e4b1f90
push-word-new-request = Hay una solicitud nueva esperando.
# en-hash: 67e9afd1
push-word-assigned = Su equipo tiene una solicitud.
# en-hash: 0c6b099e
push-word-need-help = Un equipo pidió ayuda.
# en-hash: f35567e8
push-word-checkin-lapsed = Un equipo en el lugar no ha confirmado que está bien.
# en-hash: 8933ccc4
push-word-shift-reminder = Tiene un turno dentro de un día. Vea el calendario de turnos.
# en-hash: 34e0d7b7
push-word-handover = El turno anterior le dejó un traspaso.
# en-hash: d60dbba0
push-word-priority = Prioridad
# en-hash: 5609ca7c
done-push_on = Las alertas están activadas en este dispositivo.
# en-hash: 5488d8d9
done-push_off = Las alertas están desactivadas en este dispositivo.
# en-hash: 7f5784d5
ways-title = Cómo le llegan los avisos
# en-hash: 0ae8e11d
ways-intro = Además de los dispositivos de arriba: los mismos avisos como mensaje de texto o correo electrónico, horas en que solo le llega un pedido de ayuda, y si está de guardia cuando ningún equipo tiene turno.
# en-hash: 83ecb07b
ways-by-text = Enviarme también cada aviso como mensaje de texto
# en-hash: f01c1821
ways-phone = Su número de teléfono para textos
# en-hash: 3cc0b7b5
ways-phone-hint = Se guarda cerrado; solo el servidor lo usa, para enviar el aviso. Déjelo vacío para quitarlo: entonces se destruye.
# en-hash: 5e0f980c
ways-texts-off = Los avisos por mensaje de texto no están configurados aquí.
# en-hash: 8679cee5
ways-by-email = Enviarme también cada aviso por correo electrónico
# en-hash: 1285252e
ways-email = Su correo electrónico para avisos
# en-hash: e9fc2901
ways-email-hint = Se guarda cerrado con su número; solo el servidor lo usa. Déjelo vacío para quitarlo.
# en-hash: b45f48ed
field-error-mail_off = El correo electrónico no está configurado aquí.
# en-hash: bf0671dd
ways-quiet = Horas de silencio
# en-hash: 403c0948
ways-quiet-hint = En estas horas no le llega nada, salvo un equipo que pide ayuda. Deje ambas vacías para ninguna. De 22:00 a 07:00 pasa la medianoche.
# en-hash: 21819769
ways-quiet-from = Desde
# en-hash: 7caf856e
ways-quiet-until = Hasta
# en-hash: f9208131
ways-on-call = Estoy de guardia fuera de los turnos
# en-hash: 5f1f2281
ways-on-call-hint = Cuando llega una solicitud y ningún equipo tiene turno, el aviso llega a las personas de guardia.
# en-hash: 8ab77879
ways-save = Guardar cómo me llegan los avisos
# en-hash: 38581d18
nav-planner = Planificador
# en-hash: d1f23f0d
nav-impact = Impacto
# en-hash: 57db0bb0
nav-transparency = Nuestras cifras
# en-hash: 9d18e25a
field-error-period_too_long = Elija cinco años como máximo.
# en-hash: d1f23f0d
impact-title = Impacto
# en-hash: 3a7f07a9
impact-intro = Lo que hizo el equipo en un período, contado de la misma forma en todas partes (vea cómo se cuenta cada cifra). Cada gráfico tiene sus números en una tabla debajo.
# en-hash: 6e795d4d
impact-period = Período
# en-hash: 1a72a326
impact-period-hint = Días completos en la zona horaria del equipo, ambos incluidos. Vacío: los últimos doce meses hasta hoy.
# en-hash: 6c0f6d25
impact-from = Primer día
# en-hash: a4e24bc4
impact-to = Último día
# en-hash: 1746d85c
impact-show = Mostrar las cifras
# en-hash: 6c5fbc44
impact-summary = Del { $date } al { $time }
# en-hash: dccba147
impact-requests = { $n ->
    [one] 1 solicitud
   *[other] { $n } solicitudes
}
# en-hash: b4d723f5
impact-people = { $n ->
    [one] 1 persona atendida.
   *[other] { $n } personas atendidas.
}
# en-hash: 1e44df05
impact-returning = Que volvieron: { $n }.
# en-hash: 2e5e6a34
impact-ems-consent = Contactos con EMS en que la persona estuvo de acuerdo: { $n }
# en-hash: 8eb757dd
impact-referrals-connected = Derivaciones que terminaron en conexión: { $n }
# en-hash: 92b8b153
impact-follow-ups-on-time = Seguimientos hechos a tiempo: { $n }
# en-hash: 716bca0d
impact-closed-or-full = Llegaron con el equipo cerrado o lleno: { $n }, todas guardadas; respondidas desde entonces: { $count }.
# en-hash: f845928e
impact-closed-or-full-time = Tiempo hasta una primera respuesta: { $minutes } (p50), { $time } (p90).
# en-hash: 653cd345
impact-no-police = Solicitudes enviadas a la policía: ninguna. heart no tiene forma de enviar una.
# en-hash: 34aa9017
impact-download-csv = Descargar todas las tablas (CSV)
# en-hash: 98ada123
impact-download-json = Descargar las cifras (JSON)
# en-hash: e405ef77
impact-download-table = Descargar esta tabla (CSV)
# en-hash: 9b854570
impact-definitions = Cómo se cuenta cada cifra
# en-hash: dd8093e2
impact-table-channel = Solicitudes por mes y canal
# en-hash: 44187a2d
impact-table-outcome = Solicitudes por mes y resultado
# en-hash: 60e8e588
impact-table-priority = Solicitudes por mes y prioridad
# en-hash: 31ec661f
impact-table-need = Solicitudes por mes y necesidad
# en-hash: 07107a8a
impact-table-neighbourhood = Solicitudes por mes y barrio
# en-hash: 07d9a5b8
impact-table-ems = Contactos con EMS según lo que dijo la persona
# en-hash: 8debcfa6
impact-table-alerts = Alertas de "necesito ayuda" y controles vencidos
# en-hash: 270f8c1e
impact-table-referrals = Derivaciones hechas, según dónde están ahora
# en-hash: a46fe393
impact-table-follow_ups = Seguimientos previstos, según cómo fueron
# en-hash: f37432ec
impact-table-availability = Solicitudes según si el equipo estaba abierto
# en-hash: 2389d7cd
impact-table-no-totals = Una solicitud puede tener varias necesidades, por eso esta tabla no tiene totales.
# en-hash: 310ca503
impact-month = Mes
# en-hash: b474b397
impact-quarter = Trimestre
# en-hash: c9b3c382
impact-total = Total
# en-hash: 18f857f5
impact-times = Tiempos de respuesta
# en-hash: 4ccf4b5b
impact-times-hint = Minutos completos. p50: la mitad de las solicitudes estuvo dentro de este tiempo; p90: nueve de cada diez.
# en-hash: ce4683e7
impact-channel = Canal
# en-hash: 8e6a6cca
impact-step = Paso
# en-hash: e2a6ff2c
impact-count = Cuántas
# en-hash: 157c56d5
impact-p50 = p50 (mediana)
# en-hash: 11751019
impact-p90 = p90
# en-hash: 4047554f
impact-all-channels = Todos los canales
# en-hash: 64564cd3
impact-step-reply = Hasta una primera respuesta
# en-hash: c9038442
impact-step-assigned = Hasta asignar un equipo
# en-hash: 17ee84e8
impact-step-arrived = Hasta la llegada
# en-hash: f03370dd
impact-step-on_scene = Tiempo en el lugar
# en-hash: 5e6c7cdc
impact-aid = Ayuda mutua dada
# en-hash: 10587685
impact-aid-none = No se pagó ayuda mutua en este período.
# en-hash: f57a935b
impact-fund = Fondo
# en-hash: daab7c43
impact-median = Mediana
# en-hash: 9b389101
impact-minutes = { $n ->
    [one] 1 minuto
   *[other] { $n } minutos
}
# en-hash: 225c1621
impact-none = Ninguno en este período
# en-hash: c710cf29
impact-chart-requests = Solicitudes por mes
# en-hash: aef08795
impact-chart-requests-summary = { $n } solicitudes en total; el mes con más fue { $name }.
# en-hash: 203c5867
impact-chart-outcomes = Resultados por mes
# en-hash: f08aa25c
impact-chart-outcomes-summary = En total: { $name }.
# en-hash: 9877179d
impact-chart-times = Tiempo hasta una primera respuesta por mes, p50 y p90
# en-hash: e09cf3b9
impact-chart-times-summary = En { $name }: { $n } minutos (p50 / p90).
# en-hash: d353a99e
impact-col-cancelled = Cancelada
# en-hash: c6d44ccb
impact-col-not_closed = Aún sin cerrar
# en-hash: dc937b59
impact-col-none = Ninguna
# en-hash: d09f5c2e
impact-col-not_said = Sin indicar
# en-hash: ed077f3d
impact-col-open = Abierto
# en-hash: 008dacb6
impact-col-full = Lleno
# en-hash: c21ead06
impact-col-closed = Cerrado
# en-hash: b37c7879
impact-col-not_recorded = Sin registro
# en-hash: a6b48d9a
impact-col-on_time = A tiempo
# en-hash: 0f950da1
impact-col-late = Tarde
# en-hash: 57db0bb0
transparency-title = Nuestras cifras
# en-hash: 93a32eaa
transparency-title-team = { $name }: nuestras cifras
# en-hash: e2aabc12
transparency-intro = Lo que hicimos, para que cualquiera lo vea. Nadie puede ser identificado: los números pequeños se ocultan, y también otros suficientes para que no se puedan deducir.
# en-hash: e9edc869
transparency-requests = Solicitudes: { $n }
# en-hash: aa18c01a
transparency-police = Solicitudes enviadas a la policía: { $n }. Siempre ninguna: no tenemos forma de enviar una.
# en-hash: 401403c9
transparency-aid = Ayuda mutua: { $n } pagos, { $count } en total.
# en-hash: 69a71017
transparency-aid-few = Ayuda mutua: { $n } pagos.
# en-hash: e5842739
transparency-money = De dónde vino el dinero: donaciones { $n }, subvenciones { $count }.
# en-hash: 0ff2be86
transparency-suppressed-hint = { $n ->
    [one] Los números pequeños se muestran como "menos de 1".
   *[other] Cualquier número desde 1 hasta { $n } (sin incluirlo) se muestra como "menos de { $n }", y se ocultan algunos otros con él para que no se pueda deducir de los totales.
}
# en-hash: cd9baa30
transparency-fewer-than = { $n ->
    [one] menos de 1
   *[other] menos de { $n }
}
# en-hash: 8fc1143a
transparency-table-channel = Solicitudes por mes y por cómo nos llegaron
# en-hash: 44187a2d
transparency-table-outcome = Solicitudes por mes y resultado
# en-hash: 075f0433
transparency-table-neighbourhood = Solicitudes por trimestre y barrio
# en-hash: f9e82e3b
transparency-times-hint = { $n ->
    [one] Minutos completos.
   *[other] Minutos completos, solo para meses con al menos { $n } solicitudes.
}
# en-hash: aa0ca02e
transparency-reply-p50 = Hasta una primera respuesta, p50
# en-hash: 89754d40
transparency-reply-p90 = Hasta una primera respuesta, p90
# en-hash: 3201c23f
transparency-arrived-p50 = Hasta la llegada, p50
# en-hash: bfdf5d98
transparency-arrived-p90 = Hasta la llegada, p90
# en-hash: 4437904b
transparency-chart-summary = Dibujado para { $n } de { $count } meses; un mes cuyo número está oculto no tiene barra.
# en-hash: 7d308720
funder-title = Informe para quien financia
# en-hash: c6a67207
funder-intro = Para un fondo y un período: el dinero que entró, lo que pagó y lo que hizo el equipo en ese tiempo. Se imprime limpio (la navegación y los formularios no salen en el papel).
# en-hash: f57a935b
funder-fund = Fondo
# en-hash: c8ee347d
funder-show = Hacer el informe
# en-hash: 2cea7eca
funder-report = { $name }
# en-hash: fcd45ef9
funder-restriction = En qué se puede gastar este fondo: { $name }
# en-hash: 8e0d3721
funder-money-in = Dinero que entró
# en-hash: 278edbd1
funder-gifts = Donaciones recibidas
# en-hash: 0e285f0a
funder-grants = Subvenciones recibidas
# en-hash: 6a04abb5
funder-refunds = Donaciones devueltas
# en-hash: af2609c4
funder-paid-for = Lo que pagó el fondo
# en-hash: 11bb68f7
funder-paid-nothing = El fondo no pagó nada en este período.
# en-hash: f8cf83a7
funder-what = Qué
# en-hash: 49e96d7c
funder-amount = Importe
# en-hash: 0761c317
funder-aid-for = Ayuda mutua: { $name }
# en-hash: 4352be59
funder-spent-fees = Comisiones de pago y bancarias
# en-hash: 1fd5a40e
funder-activity = Lo que hizo el equipo en el mismo período
# en-hash: 7d1e0605
funder-requests-answered = { $n ->
    [one] 1 solicitud atendida
   *[other] { $n } solicitudes atendidas
}
# en-hash: b28e4e00
funder-cost-per-request = Costo por solicitud atendida: { $n }
# en-hash: 7592714b
funder-cost-per-person = Costo por persona atendida: { $n }
# en-hash: 8e96d8df
funder-definitions = Cómo se cuentan
# en-hash: bc5d2e0e
funder-def-in = Dinero que entró: donaciones y subvenciones registradas en el libro de este fondo en los días del período (fechas locales de la organización); las donaciones devueltas son reembolsos y disputas perdidas.
# en-hash: 3ccf8553
funder-def-spent = Lo que pagó el fondo: la ayuda mutua pagada con él (por propósito; los pagos revertidos no se cuentan) y las comisiones, según su libro.
# en-hash: 6ef626f3
funder-def-answered = Solicitudes atendidas: las recibidas en el período, por cualquier vía, salvo las canceladas antes de que alguien fuera.
# en-hash: 8c33fa4d
funder-def-people = Personas atendidas: registros de personas distintos entre esas solicitudes; quien pidió ayuda sin dar un número tiene un registro propio.
# en-hash: b8afa26d
funder-def-cost = Costo por solicitud atendida y por persona atendida: lo que pagó el fondo, dividido por cada una. Los demás costos del equipo (otros fondos, tiempo no pagado) no están incluidos.
# en-hash: 0a4059cd
funder-download = Descargar el informe (CSV)
# en-hash: 6b0b262d
funder-print = Para imprimirlo, use Imprimir en su navegador.
# en-hash: 8955b2c4
planner-file = La tabla de tipos de llamada de otra ciudad (opcional)
# en-hash: db1f35bd
planner-file-hint = Un archivo CSV con las columnas City, Field 1, Count y Category, como en la tabla del Vera Institute, de hasta 2 MB. Se lee solo para esta respuesta y nunca se guarda. Vacío: la tabla del Vera de cinco ciudades.
# en-hash: 4f6937c1
planner-file-line = Línea { $n } del archivo.
# en-hash: 4232682c
planner-file-column = La columna: { $name }.
# en-hash: 28a8401e
planner-city-hint = En la tabla del Vera: { $name }. Con su propio archivo: una de sus ciudades, o vacío si solo tiene una.
# en-hash: 27f4f73f
planner-minutes-from = De dónde salen los minutos por llamada
# en-hash: 54e368a2
planner-minutes-given = Los minutos indicados arriba
# en-hash: d326a431
planner-minutes-history = Nuestro propio tiempo por llamada del último año (desde que se asigna un equipo hasta que se cierra la solicitud)
# en-hash: 48ba9bee
planner-minutes-used = { $n } minutos por llamada, de media.
# en-hash: 504af8a8
planner-minutes-from-history = Estos minutos son nuestros: la media de { $n } solicitudes del último año.
# en-hash: 929045b5
planner-minutes-too-few = Muy pocas de nuestras solicitudes del último año tienen el tiempo de un equipo ({ $n }), así que se usaron los minutos indicados.
# en-hash: 36663a49
planner-file-cities = De su archivo, que contiene: { $name }.
# en-hash: 6e18e72b
field-error-file_not_csv = Esto no es un archivo CSV que se pueda leer.
# en-hash: b94325c8
field-error-file_missing_column = El archivo necesita las columnas City, Field 1, Count y Category.
# en-hash: 48f61c8f
field-error-file_no_city = Una fila del archivo no tiene City.
# en-hash: d3caf775
field-error-file_bad_count = Un Count del archivo no es un número entero.
# en-hash: 7559551d
field-error-file_negative_count = Un Count del archivo es menor que cero.
# en-hash: 6a5ddf6b
field-error-file_no_calls = El archivo no tiene llamadas.
# en-hash: acf7f4e6
field-error-unknown_city = No hay ninguna ciudad así en la tabla.
# en-hash: f7cf6912
field-name-calltypes = { planner-file }
# en-hash: 38581d18
planner-title = Planificador
# en-hash: b1fa10f8
planner-intro = Para una ciudad o un equipo que decide cuánto asumir: qué llamadas al 911 de una ciudad podría atender un equipo como el nuestro, y cuántos equipos haría falta en cada hora de la semana. Las llamadas vienen de la tabla del Vera Institute con los tipos de llamada de cinco ciudades de EE. UU. Cómo se cuenta: docs/planner.md.
# en-hash: fc33f732
planner-city = Ciudad
# en-hash: 415802c1
planner-years = Años que cubren los conteos de la ciudad
# en-hash: 59126b06
planner-years-hint = Los conteos de la tabla cubren varios años y no dicen cuántos. Por ejemplo 5.
# en-hash: e9c8a6c7
planner-choice = Qué llamadas podrían llegar a un equipo como el nuestro
# en-hash: 908629b9
planner-choice-default = Nuestra opción: salud mental, ayuda al público, personas desaparecidas, visitas de bienestar, personas caídas, en crisis o que buscan refugio, y alteraciones
# en-hash: e3380068
planner-choice-chosen = Solo las categorías marcadas abajo
# en-hash: 3f51b2f9
planner-choice-hint = Nunca una llamada cuyas palabras nombran un arma o violencia, elija lo que elija.
# en-hash: 944d3fe3
planner-minutes = Minutos que un equipo dedica a una llamada
# en-hash: a3c62205
planner-minutes-hint = En promedio, desde que sale hasta que queda libre. Vacío: 45.
# en-hash: 74723d5f
planner-within = Minutos que una solicitud puede esperar a un equipo libre
# en-hash: 3eaecf2d
planner-within-hint = Vacío: 15.
# en-hash: d2128217
planner-target = Parte de las solicitudes que encuentra un equipo libre en ese tiempo
# en-hash: 8e8976dd
planner-target-hint = Entre 0 y 1, como 0.9 para nueve de cada diez. Vacío: 0.9.
# en-hash: 0408098a
planner-spread = Cómo se reparten las llamadas en la semana
# en-hash: d4f84efe
planner-spread-even = Por igual en cada hora
# en-hash: 4ae42d0e
planner-spread-history = Como nuestras solicitudes del último año
# en-hash: fa8ed0bd
planner-submit = Planificar
# en-hash: 12b0d3ff
planner-result = { $name }: lo que podría pasar a nosotros, y los equipos que haría falta
# en-hash: 2813d85b
planner-calls-per-year = { $n } llamadas al año en la tabla de la ciudad.
# en-hash: 13f294b5
planner-could-move = { $n } llamadas al año podrían llegar a un equipo como el nuestro.
# en-hash: 25f16bc8
planner-share = Es { $n } de todas las llamadas de la ciudad en la tabla.
# en-hash: 04e564a6
planner-people-hours = { $n } horas-persona por semana, dos personas por equipo.
# en-hash: 4b0563f4
planner-shaped-by = La semana tiene la forma de nuestras { $n } solicitudes del último año.
# en-hash: 792b2fa8
planner-too-few = Tenemos muy pocas solicitudes del último año ({ $n }) para dar forma a la semana, así que las llamadas se reparten por igual.
# en-hash: bec8c07f
planner-teams = Equipos necesarios, por hora de la semana
# en-hash: 8ee9f520
planner-teams-caption = Equipos de guardia necesarios cada hora (más oscuro: más), de lunes a domingo, horas en la zona horaria del equipo.
# en-hash: 8f2364e1
planner-day = Día
# en-hash: bd56f940
field-error-not_a_number = Escriba un número, como 0.9 o 45.
# en-hash: c58367f8
done-alert_ways = Guardado. Los avisos le llegan como dijo.
# en-hash: 82652d0d
field-error-sms_off = Los mensajes de texto no están configurados aquí.
# en-hash: 6b0c929b
field-error-same_time = Las horas de silencio necesitan dos horas distintas.
# en-hash: 2278cf9b
teams-add-team = Agregar un equipo
# en-hash: 0952fcc6
teams-name = Nombre del equipo

## Conflictos: el estado actual del registro no permite ese paso
# en-hash: 176a2cf5
conflict-idempotency = Esta Idempotency-Key ya se usó para otra cosa.
# en-hash: d9d62006
conflict-idempotency-reused = Esta Idempotency-Key ya se envió antes con otra solicitud. Use una clave nueva para una solicitud nueva.
# en-hash: 4b496db4
conflict-closed-already = Esta solicitud ya está cerrada o cancelada.
# en-hash: 23730dde
conflict-imported-already = Este archivo ya se importó; no se escribió nada.
# en-hash: 18b52c03
conflict-ambiguous-reference = Más de una solicitud termina con estos caracteres. Escriba más del identificador, o ábrala desde la lista.
# en-hash: 71bf9093
board-find-reference = Referencia
# en-hash: ed077f3d
board-find-open = Abrir
# en-hash: 448c7c9a
board-find-hint = Los seis caracteres que se le dieron a la persona, p. ej. 12a663.
# en-hash: d9301ad1
conflict-not-on-scene = El equipo marca "Llegamos" antes de registrar el encuentro y cerrar la solicitud.
# en-hash: 8b821921
conflict-follow-up-done = Este seguimiento ya está hecho.
# en-hash: 0fb57041
conflict-follow-up-cancelled = Este seguimiento se canceló cuando se borró el registro de la persona.
# en-hash: 03a9c7e7
conflict-changed-meanwhile = Alguien cambió esta solicitud mientras usted la miraba. Recargue la página para ver en qué punto está, y luego intente otra vez.
# en-hash: bd537e7f
conflict-illegal-transition = Esta solicitud ya avanzó, así que ese paso no es posible ahora. Recargue la página para ver en qué punto está.
# en-hash: cc93fc64
conflict-use-screening = Use las preguntas de evaluación para decidir la respuesta a una solicitud.
# en-hash: 953cdd65
conflict-team-busy = Ese equipo no está disponible en este momento. Elija otro equipo, o deje que la solicitud espere.
# en-hash: 563ebd40
conflict-team-too-small = Un equipo sale con dos o más personas de respuesta. Primero agregue personas al equipo.
# en-hash: adcd81bc
conflict-team-on-request = El equipo todavía está atendiendo una solicitud: primero haga avanzar esa solicitud.
# en-hash: 2dc69292
conflict-people-only = Solo una persona con sesión iniciada puede pedir o aprobar esto.
# en-hash: e96d2ef3
conflict-push-off = Las alertas al teléfono no están configuradas en este servidor.
# en-hash: cb14b57d
conflict-already-erased = El registro de esta persona ya fue borrado.
# en-hash: 97d38755
conflict-nothing-to-join = No hay un registro anterior con este número de teléfono para unir.
# en-hash: d211e4e5
conflict-join-too-late = Esta solicitud ya tiene un registro propio (una visita, un seguimiento, mensajes, una derivación, ayuda o una nota), así que se queda donde está.
# en-hash: 3dceb791
conflict-already-asked = Esto ya está esperando aprobación.
# en-hash: 5f968268
conflict-own-approval = Otra persona debe aprobar lo que usted pidió: es la regla de las dos personas.
# en-hash: 1dadcc47
conflict-already-decided = Esto ya se decidió.
# en-hash: 6ee78c3c
conflict-export-not-ready = Esta exportación todavía no está aprobada, o ya se descargó.
# en-hash: ecf07677
conflict-export-expired = Esta exportación se aprobó hace más de un día. Pídala otra vez.

## El registro de una persona, la regla de las dos personas
# en-hash: 82087744
person-link = El registro de esta persona: verlo, exportarlo o borrarlo
# en-hash: 47c4c949
person-title = El registro de una persona
# en-hash: 590fdb94
person-back = Volver a la solicitud
# en-hash: e38b9526
person-erased = Los datos de esta persona se borraron: { $when }. Solo quedan los conteos.
# en-hash: 0c4da8ab
person-requests = Sus solicitudes
# en-hash: 741c2fe7
person-keep-heading = Conservar el registro
# en-hash: df015ac3
person-keep-yes = La persona nos pidió conservar su registro más allá del período habitual de conservación.
# en-hash: 2d7b9e2e
person-keep-no = El registro se borra automáticamente cuando pasa el período de conservación sin contacto.
# en-hash: 645c1b9c
person-keep-start = La persona pide que lo conservemos
# en-hash: 0a99d484
person-keep-stop = La persona ya no pide que lo conservemos
# en-hash: 644eb791
person-join-heading = Alguien dio este número de teléfono antes
# en-hash: 1a3483c8
person-join-intro = Esta solicitud llegó por el formulario público con un número de teléfono que está en un registro anterior. Cualquiera puede escribir cualquier número allí, así que se guardó aparte. Si la persona le dice que los contactos anteriores fueron suyos, únala a ese registro; si no, déjela como está.
# en-hash: b94b17b8
person-join-confirm = La persona me dijo que el registro anterior es suyo
# en-hash: 45737631
person-join-button = Unir al registro anterior
# en-hash: 2722b520
person-asks-heading = Exportar o borrar, cuando la persona lo pide
# en-hash: 9a06ec1d
person-asks-intro = Una segunda persona debe aprobar una exportación o un borrado antes de que se haga. Una exportación aprobada se puede descargar una sola vez, solo por quien la pidió, dentro de un día.
# en-hash: 3793c003
person-ask-reason-export = Por qué exportar
# en-hash: 42f13ec7
person-ask-reason-erase = Por qué borrar
# en-hash: 8bebf554
person-ask-export = Pedir una exportación (JSON)
# en-hash: a2bdd548
person-ask-erase = Pedir que se borre el registro de esta persona
# en-hash: 1767989b
person-asked-heading = Lo pedido hasta ahora
# en-hash: 07efccdc
sealed-open = Se puede leer.
# en-hash: 6f3f20d4
sealed-erased = Los datos de esta persona se borraron. Solo quedan los conteos.
# en-hash: 867776fe
sealed-unreadable = No se pudieron abrir estos datos: el archivo de claves no coincide, o los datos fueron alterados. No se cambió nada.
# en-hash: dcf2f33a
reason-person_asked = La persona lo pidió
# en-hash: 4a1dc1ae
reason-recorded_in_error = Registrado por error
# en-hash: 5fe2ccb1
reason-retention_exception = Excepción al período de conservación
# en-hash: a8503ce7
decline-could_not_confirm_person = No pudimos confirmar que era la persona
# en-hash: 355013ee
decline-asked_in_error = Pedido por error
# en-hash: 21ff841a
decline-other = Otro motivo
# en-hash: 2bfc3471
nav-approvals = Aprobaciones
# en-hash: 2bfc3471
approvals-title = Aprobaciones
# en-hash: 2d4c2d22
approvals-intro = Las exportaciones, los borrados y los cambios en lo que una cuenta puede hacer necesitan una segunda persona. Usted no puede aprobar lo que pidió.
# en-hash: ca4fb9ab
approvals-none = No hay nada pendiente.
# en-hash: af8350c3
approval-kind-export = Exportación del registro de una persona
# en-hash: 200e0f7d
approval-kind-erase = Borrado del registro de una persona
# en-hash: 522b101e
approval-kind-capabilities = Cambio en lo que una cuenta puede hacer
# en-hash: 2f6a10d6
approval-kind-enable = Dejar que una cuenta desactivada vuelva a entrar
# en-hash: 10c5739b
approval-status-pending = Esperando aprobación
# en-hash: 87b42e40
approval-status-approved = Aprobado
# en-hash: dce083a2
approval-status-declined = Rechazado
# en-hash: 11a6767d
approval-status-done = Hecho
# en-hash: 424a2551
approval-status-expired = Vencido
# en-hash: d0fc6298
approval-asked-by = pedido por { $who }
# en-hash: 43327040
approval-decided-by = decidido por { $who }
# en-hash: 38a81e87
approval-person = persona
# en-hash: 9af21132
approval-account = cuenta
# en-hash: 42d4c8b3
approval-own = Usted pidió esto: otra persona debe aprobarlo.
# en-hash: 6b3e1448
approval-will-erase = Lo que se borrará
# en-hash: eee1f260
approval-erase-requests = { $count ->
    [one] { $count } solicitud
   *[other] { $count } solicitudes
}
# en-hash: c48ec6ff
approval-erase-encounters = { $count ->
    [one] { $count } registro de encuentro
   *[other] { $count } registros de encuentro
}
# en-hash: 9cb17a91
approval-erase-follow-ups = { $count ->
    [one] { $count } seguimiento pendiente, que se cancelará
   *[other] { $count } seguimientos pendientes, que se cancelarán
}
# en-hash: 539dc05a
approval-erase-texts = { $count ->
    [one] { $count } mensaje de texto
   *[other] { $count } mensajes de texto
}
# en-hash: d9c91750
approval-erase-referrals = { $count ->
    [one] { $count } derivación
   *[other] { $count } derivaciones
}
# en-hash: 03f2f6ba
approval-erase-kinds = Se borra: nombre, teléfono, lugar, lo que se dijo, respuestas de evaluación, notas, registros de encuentro, mensajes, detalles de derivaciones y de ayuda mutua. Se guarda: cantidades y horas, sin nada que identifique a la persona. No se puede deshacer.
# en-hash: 1644249f
approval-erase-confirm = He leído lo que se borrará, y sé que no se puede deshacer
# en-hash: 89a23fbf
detail-erased = { $reason ->
    [person_asked] Borrado a pedido de la persona el { $when }
    [recorded_in_error] Borrado el { $when }: se registró por error
   *[other] Borrado el { $when }, al cumplirse el tiempo que guardamos los registros
}
# en-hash: c36098e4
follow-up-cancelled = Cancelado: se borró el registro de la persona
# en-hash: 1ec5046d
notes-title = Notas y relevo
# en-hash: 57bde4de
notes-none = Todavía no hay notas.
# en-hash: f5387f9b
note-kind = Tipo
# en-hash: d8da2c49
note-kind-note = Nota
# en-hash: 168de08a
note-kind-call_attempt = Intento de comunicarse con la persona
# en-hash: 7fc172da
note-kind-handover = Relevo para el siguiente turno
# en-hash: 1302267f
note-result = Cómo fue
# en-hash: 2b56d8c2
note-result-hint = Solo para un intento de comunicarse con la persona.
# en-hash: fd71b47f
note-result-none = (no es una llamada)
# en-hash: d0bb6c71
note-result-reached = Hablamos con la persona
# en-hash: 7e49c68d
note-result-no_answer = No contestó
# en-hash: db233f08
note-result-voicemail = Dejamos un mensaje de voz
# en-hash: c9c5ff37
note-result-wrong_number = Número equivocado
# en-hash: 260c1163
note-text = Qué escribir
# en-hash: c4f4dc1e
note-add = Añadir a la cronología
# en-hash: 06b0dbaf
note-by = Por { $who }
# en-hash: 18b12dc9
note-read-at = Leído { $time }
# en-hash: fbe841ea
note-unread = Sin leer
# en-hash: 85294b7e
note-erased = Las palabras se borraron con el registro de la persona.
# en-hash: f33c1203
field-name-note_kind = { note-kind }
# en-hash: 500662d8
field-name-note_text = { note-text }
# en-hash: 2dbe4fb1
field-name-note_result = { note-result }
# en-hash: fecdcccd
handovers-title = Relevo del turno anterior
# en-hash: eb7e3020
handovers-none = No hay relevos pendientes.
# en-hash: b49c9b6c
handovers-mark-read = Marcar como leído
# en-hash: bd26e13e
handover-own = Usted escribió esto. Alguien del siguiente turno lo marca como leído.
# en-hash: b5ea6486
approval-approve-export = Aprobar la exportación
# en-hash: ca18f934
approval-approve-erase = Aprobar: borrar ahora
# en-hash: 7ae76843
approval-approve-capabilities = Aprobar el cambio
# en-hash: b69cd02c
approval-approve-enable = Aprobar: activar la cuenta
# en-hash: f38b0356
person-merge-into = El otro registro de la misma persona: la referencia de una solicitud
# en-hash: 174a809d
person-merge-hint = Los seis caracteres de una de sus solicitudes (o su id completo). Este registro pasa a aquel cuando otra persona lo apruebe.
# en-hash: 2addc72e
person-merge-ask = Pedir unir este registro a aquel
# en-hash: 54988089
approval-kind-merge = Unir dos registros de una misma persona
# en-hash: 1c5cead8
approval-approve-merge = Aprobar: unir ahora
# en-hash: f7b17c53
approval-merge-confirm = Comprobé que son la misma persona. Unirlos no se puede deshacer.
# en-hash: 9273da6c
approval-merge-into = al registro de la solicitud { $reference }
# en-hash: ad0ad6d8
reason-person_agreed = La persona aceptó que ambos son suyos
# en-hash: e193ffe9
person-merge-agreed = La persona aceptó que ambos registros son suyos
# en-hash: 84915878
field-error-same_person = Esa solicitud está en este mismo registro.
# en-hash: d2c49c33
approval-decline-reason = Por qué se rechaza
# en-hash: a2d285b3
approval-decline = Rechazar
# en-hash: 9aaa1974
approval-download = Descargar la exportación (JSON)
# en-hash: bb6aea28
nav-audit = Auditoría
# en-hash: 2c7a77d2
audit-title = Quién vio qué
# en-hash: e9cc3b0a
audit-intro = Cada lectura del registro de una persona y cada cambio dejan una entrada aquí, encadenada para que cualquier modificación se note. Las personas atendidas aparecen solo con identificadores seudónimos.
# en-hash: c17b94b8
audit-who = Quién
# en-hash: f8cf83a7
audit-what = Qué
# en-hash: bfdd5106
audit-record = Registro
# en-hash: 8f3e5009
footer-what-we-hold = Qué datos guardamos sobre las personas, y por cuánto tiempo
# en-hash: 5466af5f
inventory-title = Qué datos guardamos sobre las personas
# en-hash: 824337fa
inventory-intro = Cada tipo de dato personal que guarda este servicio, por qué, por cuánto tiempo y quién puede verlo. Recogemos lo menos posible. Usted puede pedir a una persona de nuestro equipo que le muestre, exporte o borre su registro.
# en-hash: d3ae14a5
inventory-why = Por qué
# en-hash: 99a013a8
inventory-kept = Por cuánto tiempo
# en-hash: 5d34a0f3
inventory-who = Quién puede verlo
# en-hash: 41d7f6da
inventory-how = Cómo se protege
# en-hash: 8250f82b
inv-kept-days = Durante { $days } días después del último contacto de la persona. Luego se borra solo, a menos que la persona nos haya pedido guardarlo.
# en-hash: b1ccdd6b
inv-sealed = Protegido con una clave hecha solo para esta persona. Cuando se borran los datos de la persona, se destruye la clave.
# en-hash: f2208d23
inv-who-request = Las personas que atienden las llamadas, envían equipos y organizan el trabajo. Las personas de respuesta del equipo que fue.
# en-hash: 7dfd31da
inv-who-care = Las personas que envían equipos y organizan el trabajo. Las personas de respuesta del equipo que fue.
# en-hash: 41d25250
inv-request = Lo que pasó, en palabras de quien hizo la solicitud, y sus respuestas a nuestras preguntas
# en-hash: c6f386b6
inv-request-why = Para enviar a las personas indicadas, con lo que haga falta.
# en-hash: 5110d6ff
inv-place = Dónde está la persona: el lugar descrito con palabras y un punto en el mapa
# en-hash: 2c9776c6
inv-place-why = Para encontrar a la persona.
# en-hash: 7471aaa0
inv-contact = Nombre y número de teléfono, si la persona los dio. También puede recibir ayuda sin dar su nombre.
# en-hash: 8cdc03bb
inv-contact-why = Para volver a comunicarnos con la persona, solo de las formas que dijo que son seguras.
# en-hash: fcfc06c0
inv-contact-how = Protegido como arriba. También guardamos un código hecho a partir del número de teléfono. Ese código no se puede convertir otra vez en el número. Nos muestra que una persona ya llamó antes.
# en-hash: 26288c2c
inv-safe = Cuándo y cómo es seguro comunicarse con la persona, una palabra clave, y si quiere un intérprete
# en-hash: b7dfc3b2
inv-safe-why = Para que comunicarnos con la persona nunca la ponga en peligro.
# en-hash: 0ffed447
inv-encounter = Lo que hizo el equipo, y lo que la persona dijo sobre eso con sus propias palabras
# en-hash: 372c9e6d
inv-encounter-why = Para que el apoyo continúe, y para los seguimientos que la persona aceptó.
# en-hash: e7090de0
inv-follow-up = Notas que el equipo escribe sobre una solicitud: lo que pasó, los intentos de comunicarse con la persona, lo que el próximo turno debe saber, y los seguimientos después de una visita
# en-hash: 57288c17
inv-follow-up-why = Para que el próximo turno sepa lo que pasó, y para hacer el seguimiento acordado.
# en-hash: 6e22e4ba
inv-aid = Dinero que el equipo pagó por una persona (ayuda mutua): notas, a quién se pagó (por ejemplo, la compañía de luz o el dueño de la vivienda), por qué se dijo que no a una solicitud, y el recibo
# en-hash: e8af8e87
inv-aid-why = Para que dos personas revisen un pago antes de hacerlo, y para que la contabilidad muestre adónde fue el dinero.
# en-hash: da2d5073
inv-aid-who = La persona de respuesta que lo pidió, y las personas que manejan el dinero.
# en-hash: 79d54927
inv-aid-how = Protegido como arriba. La cantidad, para qué fue y qué tipo de persona o empresa recibió el pago se quedan en la contabilidad. La contabilidad nombra la solicitud de ayuda, nunca a la persona.
# en-hash: 3acf70db
inv-referral = Lo que una persona decidió compartir con un servicio al que la enviamos: un nombre de pila, un número para devolver la llamada, sus necesidades, su idioma, una nota. Solo lo que eligió.
# en-hash: dbe6749e
inv-referral-why = Para que el servicio pueda comunicarse con la persona. Nunca se envía nada que no haya aceptado.
# en-hash: f0429176
inv-referral-who = El servicio al que se envió, y solo esos datos. Las personas que organizan el trabajo. Las personas de respuesta del equipo que fue.
# en-hash: 088c67e3
inv-referral-how = Protegido como arriba. Si se retira la derivación, o se borran los datos de la persona, se elimina. El servicio nunca ve nada más sobre la persona.
# en-hash: 9aa67b13
inv-sms = Los mensajes de texto que la persona envió y recibió, y el número desde el que escribió
# en-hash: 03a113e2
inv-sms-why = Para hablar con alguien que pidió apoyo por mensaje de texto. Solo enviamos novedades si la persona dijo que los mensajes de texto son seguros.
# en-hash: 5327a649
inv-sms-how = Protegido como arriba. Si un número envía STOP, solo guardamos un código hecho a partir de él. No le enviamos nada hasta que envíe START. Nuestro servicio de mensajes de texto (Twilio) también guarda cada mensaje y el número en sus propios registros, según sus propias condiciones. Cuando se borran aquí los datos de una persona, le pedimos a Twilio que también borre sus mensajes. Seguimos pidiéndolo hasta que responda. Los registros de Twilio sobre cómo usamos su servicio no los podemos borrar nosotros.
# en-hash: eeeeee38
inv-alert = Una alerta de una organización aliada, mientras espera que termine el tiempo que fijó la organización: lo que vio, y dónde
# en-hash: 7c3dbfc2
inv-alert-why = Para que una alarma llegue a nuestro equipo, no a la policía, y solo cuando se acabe el tiempo. Por ejemplo: alguien lleva más de una hora aquí adentro.
# en-hash: 1a4462e1
inv-alert-kept = Hasta que se acaba el tiempo. Luego se convierte en una solicitud, como arriba. Si la organización aliada dice que la persona se fue, se borra.
# en-hash: fe6ad4fe
inv-alert-who = Nadie mientras espera. Después, las mismas personas que para una solicitud.
# en-hash: 08333599
inv-alert-how = Protegido con la clave del servidor. El lugar se guarda solo como un código, para unir las alertas del mismo lugar.
# en-hash: 6ac6e8d0
inv-team-phone = El número de teléfono de un miembro del equipo para avisos por texto, si lo da
# en-hash: 8d8164f8
inv-team-phone-why = Para que una solicitud nueva, una asignación o un pedido de ayuda llegue a quien responde aunque su navegador esté cerrado.
# en-hash: 0bf49be3
inv-team-phone-kept = Hasta que lo quite en la página de su cuenta. Entonces se destruye.
# en-hash: f481aa0d
inv-team-phone-who = Nadie lo lee: el servidor lo usa solo para enviar el aviso.
# en-hash: 606e78f9
inv-team-phone-how = Cerrado con una llave propia, que se destruye con el número. Un aviso no dice más que de qué tipo es, su prioridad y el barrio.
# en-hash: 44828e65
inv-donor = Nombres y correos electrónicos de quienes donan, sus donaciones y sus mensajes
# en-hash: e82df1b6
inv-donor-why = Para enviar recibos y un resumen anual de donaciones, y para llevar una contabilidad honesta.
# en-hash: c2ed8196
inv-donor-kept = Mientras se deba guardar la contabilidad: siete años después de la donación, como es habitual.
# en-hash: 12f13599
inv-donor-who = Las personas que manejan el dinero. Nunca se une con los registros de las personas que apoyamos.
# en-hash: 00664add
inv-donor-how = Se guarda aparte de los registros de apoyo. Los recibos salen por nuestro propio servidor de correo. Nuestros registros del sistema guardan sus códigos de respuesta, nunca una dirección. Las copias de seguridad están tan seguras como el servidor.
# en-hash: f29a553f
inv-legal = Exigencias de entregar registros, como una citación judicial o una orden judicial: quién la hizo, su número de referencia, qué pidió, y qué entregamos, si entregamos algo
# en-hash: 989289b7
inv-legal-why = Para que dos personas revisen cada exigencia, y podamos mostrar lo que rechazamos. Se le avisa a la persona, a menos que un tribunal lo prohíba.
# en-hash: cf6cd6d9
inv-legal-kept = La lista se queda. El texto de una exigencia sobre una persona se borra junto con los datos de la persona.
# en-hash: b2a2789a
inv-legal-who = Las personas que organizan el trabajo.
# en-hash: 420c269d
inv-legal-how = Una exigencia sobre una persona se protege con la clave de esa persona. Así, al borrar los datos de la persona, se borra su texto. Cualquier otra exigencia se protege con la clave del servidor.
# en-hash: fdede359
inv-ems = Por qué se llamó a una ambulancia (servicios médicos de emergencia), y si la persona estuvo de acuerdo
# en-hash: 0662c23b
inv-ems-why = Llamar a una ambulancia es poco común, y lo anotamos cada vez.
# en-hash: 18bb05b3
inv-ems-who = Las personas que atienden las llamadas, envían equipos y organizan el trabajo.
# en-hash: faa87699
inv-ems-how = El motivo está protegido como arriba. Si la persona estuvo de acuerdo se guarda como sí o no.
# en-hash: b805b26b
inv-counts = Horas, pasos, cómo terminó, tipos de necesidad, idioma. Sin nombres.
# en-hash: 78da5518
inv-counts-why = Para hacer funcionar el servicio, y para dar conteos a quienes nos financian y a la ciudad.
# en-hash: 92e2e16d
inv-counts-kept = Para siempre, como conteos. Una vez borrados los datos de la persona, los conteos ya no se pueden relacionar con ella.
# en-hash: 15108cd4
inv-counts-who = Todas las personas del equipo. Solo los conteos salen del equipo.
# en-hash: c860ff22
inv-counts-how = Se guardan en la base de datos. Las copias de seguridad están tan seguras como el servidor.
# en-hash: 2b1aea43
inv-outreach = En los recorridos de alcance: cuántas personas encontramos y qué les dimos, sin nombres. Si la persona está de acuerdo, un código de regreso hecho con partes que ella elige (como iniciales y mes de nacimiento), guardado solo en una forma revuelta que nadie puede leer.
# en-hash: 148d81bd
inv-outreach-why = Para contar el trabajo con honestidad, y para contar una sola vez a una persona que volvemos a encontrar.
# en-hash: 20b9d694
inv-outreach-kept = Para siempre, como números. Podemos hacer que ningún código coincida en cualquier momento cambiando su clave: los códigos anteriores ya no coinciden con nadie.
# en-hash: 4c1ffa11
inv-outreach-who = Las personas del equipo que salen o planifican el trabajo. Solo los números salen del equipo.
# en-hash: 1637a136
inv-outreach-how = El código se revuelve con una clave guardada fuera de la base de datos, así que la base de datos sola no puede relacionarlo con nadie.
# en-hash: e433807a
inv-audit = Quién vio o cambió el registro de una persona (el registro de auditoría). Usa códigos, no nombres.
# en-hash: 153eb9f6
inv-audit-why = Para que nadie llegue a los datos de una persona sin dejar rastro.
# en-hash: 200a8e17
inv-audit-kept = Para siempre. No contiene datos personales.
# en-hash: 5e735d35
inv-audit-who = Las personas que organizan el trabajo. La persona, en su propia copia de su registro.
# en-hash: 63bbad33
inv-audit-how = Cada entrada está unida a la anterior, y la cadena está firmada, así que se nota cualquier cambio.
# en-hash: b3468608
inventory-not-held = Lo que nunca guardamos
# en-hash: 3e3b0bd8
inventory-not-held-list = Estatus migratorio. Puntuaciones de riesgo o etiquetas de "persona que llama con frecuencia". Nada para la policía ni de la policía: no existe un rol de policía ni ninguna forma de enviar algo a la policía.
# en-hash: 76979221
inventory-your-rights = Si alguien exige datos sobre usted (una citación judicial, una solicitud de la policía), eso queda registrado, dos personas lo revisan y se lo decimos a usted, a menos que una orden judicial lo prohíba.
# en-hash: 318655ce
languages-title = Idiomas
# en-hash: fe6e6b83
languages-intro = Qué tan completo está cada idioma. Todo lo que ve una persona atendida o un donante (páginas públicas, mensajes de texto, correos, las preguntas de evaluación) debe estar en cada idioma; las páginas del equipo pueden mostrar inglés donde falta un mensaje. Mientras ninguna persona que hable el idioma con fluidez lo haya revisado, sus páginas públicas dicen que la traducción es nueva.
# en-hash: 3e0b37db
languages-caption = Cada idioma que habla heart
# en-hash: a4fe6526
languages-col-language = Idioma
# en-hash: 83038ac6
languages-col-person = Para personas atendidas y donantes
# en-hash: ab45c7d8
languages-col-staff = Páginas del equipo
# en-hash: 8d414f6f
languages-col-stale = Hechas a partir de un inglés anterior
# en-hash: 9984e7a3
languages-col-reviewed = Revisado por una persona con fluidez
# en-hash: eadc1005
languages-of = { $n } de { $total }
# en-hash: 85a39ab3
languages-yes = Sí
# en-hash: a9549d7d
languages-no = Todavía no
# en-hash: 287fd6ba
languages-stale-list = Compárelas con el inglés de hoy y luego ejecute heart i18n stamp: { $ids }
# en-hash: 55898449
nav-health = Estado
# en-hash: ea604d2b
doctor-title = Qué arreglar
# en-hash: d30c779b
doctor-intro = heart doctor encuentra esto en el servidor, cada cosa con una solución sencilla. Quien mantiene el servidor puede ejecutar heart doctor para ver la misma lista (también consulta los servicios de correo, mensajes de texto y pagos).
# en-hash: d847ebdb
doctor-fault = Fallo:
# en-hash: 09c6a1e3
doctor-warning = Consejo:
# en-hash: 7db845fe
doctor-fix = Cómo arreglarlo:
# en-hash: 56057c63
doctor-erasure_log_missing = Falta el registro de borrados { $name }: restaurar una copia de seguridad traería de vuelta a personas borradas.
# en-hash: 69ffe5d0
doctor-erasure_log_missing-fix = Vuelva a poner la copia guardada junto al archivo de claves. Si aquí nunca se borró a nadie, al iniciar heart se crea uno vacío.
# en-hash: 533cd23c
doctor-key_file_missing = No hay archivo de claves en { $name }.
# en-hash: 301f07a2
doctor-key_file_missing-fix = Una instalación nueva lo crea al iniciarse por primera vez; si no, vuelva a poner la copia guardada antes de iniciar.
# en-hash: d6ca4d8d
doctor-key_file_open = Otros usuarios del servidor pueden leer el archivo de claves { $name }.
# en-hash: 3c362506
doctor-key_file_open-fix = Que solo heart pueda leerlo: chmod 600 { $name }
# en-hash: dd19cf20
doctor-key_file_owner = El archivo de claves { $name } pertenece a otro usuario que el directorio de datos.
# en-hash: daa503aa
doctor-key_file_owner-fix = Déselo al usuario con el que se ejecuta heart (el dueño del directorio de datos) con chown.
# en-hash: 10ef03d1
doctor-key_with_backups = El archivo de claves { $name } está en el mismo disco que las copias de seguridad: quien se lleve el disco puede leerlas.
# en-hash: f5d6e445
doctor-key_with_backups-fix = Guarde una copia del archivo de claves lejos de las copias de seguridad (un gestor de contraseñas, una caja fuerte), o envíe las copias a otro lugar.
# en-hash: 741913e2
doctor-disk_low = El disco de { $name } está lleno en más de un 90 %.
# en-hash: acbe8c34
doctor-disk_low-fix = Libere espacio en ese disco (copias antiguas a otro lugar, registros) o amplíelo.
# en-hash: 495365fe
doctor-backup_stale = La copia de seguridad más reciente en { $name } es demasiado antigua, o no hay ninguna.
# en-hash: 529809d7
doctor-backup_stale-fix = Compruebe que heart serve está en marcha y puede escribir allí (su registro dice por qué falló una copia); heart backup ARCHIVO hace una ahora.
# en-hash: 92402735
doctor-backups_off = Las copias de seguridad programadas están desactivadas.
# en-hash: e197db12
doctor-backups_off-fix = Configure backup_hours (24 por defecto), o haga copias por otros medios y pruebe a restaurarlas.
# en-hash: 6717a474
doctor-cookies_not_secure = A heart se llega por https, pero sus cookies también podrían enviarse por http sin cifrar.
# en-hash: 3742ed1c
doctor-cookies_not_secure-fix = Ponga secure_cookies = true en la configuración.
# en-hash: 27347631
doctor-no_admin = Ninguna cuenta activa tiene admin: nadie puede añadir cuentas ni aprobar lo que necesita a dos personas.
# en-hash: 53811388
doctor-no_admin-fix = En el servidor: heart user add --username NOMBRE --capabilities admin, y luego una segunda para la regla de dos personas.
# en-hash: b4e5feeb
doctor-clock_skew = El reloj de este servidor y el de la base de datos difieren en más de un minuto.
# en-hash: ca19f126
doctor-clock_skew-fix = Mantenga ambos relojes en hora con NTP (systemd-timesyncd o chrony).
# en-hash: 656402ef
doctor-service_silent = El servicio { $name } está configurado pero no responde.
# en-hash: 343fdb55
doctor-service_silent-fix = Revise su configuración, la red y que el servicio esté en marcha.
# en-hash: b3b6fb0d
health-backup-after = La orden después de cada copia (backup_after)
# en-hash: 28d0b92e
health-backup-after-ok = terminó bien
# en-hash: c09aaacb
health-backup-after-failed = no terminó bien: { $name }
# en-hash: 5d14f57a
doctor-backup_after_failed = La orden que se ejecuta después de cada copia de seguridad no terminó bien ({ $name }).
# en-hash: 4be94868
doctor-backup_after_failed-fix = Ejecútela a mano con la copia más reciente para ver por qué; las copias en sí se hicieron.
# en-hash: 0a8cdbfe
health-title = Estado de esta instalación
# en-hash: 43900cf2
health-ok = Todo se ve bien.
# en-hash: 53b8394b
health-warning = Algo necesita atención: vea abajo.
# en-hash: 8462b632
health-last-backup = Última copia de seguridad
# en-hash: 2db8806b
health-backup-at = { $when }
# en-hash: 3e4dfbfd
health-backups-kept = copias guardadas: { $n }
# en-hash: bd3ce633
health-no-backup = Todavía ninguna.
# en-hash: 3f0d23e6
health-backup-overdue = Atrasada: revise el registro (log) del servidor.
# en-hash: afe77031
health-disk = Espacio libre en disco
# en-hash: b6bdcac8
health-disk-low = Poco: menos de 1 GiB.
# en-hash: 904e91f9
health-disk-full = Las escrituras fallan desde { $when }: el disco está lleno. No se guarda nada nuevo hasta que haya espacio; mientras tanto se pide a las personas que lo intenten de nuevo, y heart vuelve a escribir por sí solo cuando se libera espacio.
# en-hash: b764cdc0
health-unknown = Desconocido
# en-hash: 40ff5c59
health-outbox = Mensajes esperando para salir
# en-hash: ab9be07e
health-outbox-none-yet = esta instalación todavía no envía mensajes
# en-hash: 0ae00b1a
health-audit = Entradas de auditoría
# en-hash: 3b1f58d9
health-retention = Conservación de datos
# en-hash: ad8731f5
health-retention-days = Los datos que identifican a una persona se borran { $days } días después del último contacto.

## Segundo factor
# en-hash: f0be6eab
conflict-second-factor-set = Esta cuenta ya tiene configurado un segundo factor.
# en-hash: 373234c9
conflict-second-factor-missing = Primero empiece a configurar el segundo factor.
# en-hash: e109632e
conflict-second-factor-needed = Primero configure un segundo factor en la página de su cuenta.
# en-hash: 7e1b0d56
nav-account = Cuenta
# en-hash: 14fe23de
code-title = Su código para iniciar sesión
# en-hash: 340f4630
code-label = Código
# en-hash: 875acc25
code-hint = Los seis dígitos que muestra ahora su aplicación de autenticación, o uno de sus códigos de recuperación.
# en-hash: 31fbef16
code-submit = Continuar
# en-hash: 0304fe26
code-error-code_wrong = Ese código no es correcto, o ya venció. Pruebe con el código que muestra su aplicación ahora.
# en-hash: 62e7b67b
code-error-code_used = Ese código ya se usó. Espere al siguiente.
# en-hash: 53c0a394
code-error-code_format = Escriba los seis dígitos de su aplicación, o un código de recuperación.
# en-hash: d7e38a38
enrol-title = Configure su segundo factor
# en-hash: 7f683532
enrol-required = Su cuenta tiene acceso a datos personales de otras personas, así que para iniciar sesión hace falta un segundo paso: un código de una aplicación en su teléfono.
# en-hash: 17ed8b18
enrol-step-app = Abra una aplicación de autenticación (por ejemplo Aegis, FreeOTP o Google Authenticator).
# en-hash: b9914e83
enrol-step-scan = Escanee este código con ella.
# en-hash: 204f514d
enrol-qr-label = Código QR para agregar esta cuenta a su aplicación de autenticación
# en-hash: d939033d
enrol-manual = O escriba esta clave en la aplicación:
# en-hash: d5cb63d4
enrol-step-code = Escriba los seis dígitos que muestra la aplicación, para confirmar.
# en-hash: 109de3e8
enrol-code-label = Código de la aplicación
# en-hash: eebdd24a
enrol-submit = Confirmar
# en-hash: 49e2f75e
recovery-title = Sus códigos de recuperación
# en-hash: ddee4c3a
recovery-intro = Si pierde su teléfono, cada uno de estos códigos le permite iniciar sesión una vez. Guárdelos en un lugar seguro, lejos de su teléfono. Solo se muestran ahora.
# en-hash: e9fb4219
recovery-continue = Ya los guardé: continuar
# en-hash: dbb5f637
account-title = Su cuenta
# en-hash: 3edc4ef3
account-signed-in-as = Sesión iniciada como { $name }.
# en-hash: d135f059
account-failed-before = { $count ->
    [one] Alguien escribió una contraseña incorrecta para su cuenta una vez desde la última vez que inició sesión.
   *[other] Alguien escribió una contraseña incorrecta para su cuenta { $count } veces desde la última vez que inició sesión.
}
# en-hash: f56bfb2d
account-failed-since = { $count ->
    [one] Se escribió una contraseña incorrecta para su cuenta desde que inició sesión ahora.
   *[other] Se escribieron { $count } contraseñas incorrectas para su cuenta desde que inició sesión ahora.
}
# en-hash: 0bbdadde
account-failed-advice = Si no fue usted, no se bloqueó nada y nadie entró; si alguien podría conocer su contraseña, pida a una persona administradora que la restablezca. Su segundo factor sigue protegiendo la cuenta.
# en-hash: e3e01045
account-second-factor = Segundo factor
# en-hash: 7e72c5a6
account-second-factor-on = Al iniciar sesión se pide un código de su aplicación de autenticación.
# en-hash: 542c614f
account-second-factor-off = Al iniciar sesión todavía no se pide un segundo factor.
# en-hash: 2336ae1d
account-set-up = Configurar uno
# en-hash: 9636a600
account-recovery-left = Códigos de recuperación restantes: { $n }
# en-hash: a07510ca
account-sessions = Dónde tiene la sesión iniciada
# en-hash: bbda702b
account-password = Su contraseña
# en-hash: 4e2baa8d
account-password-current = Su contraseña actual
# en-hash: ce3f3aca
account-password-others = Se cierran todas sus otras sesiones.
# en-hash: 0876521d
account-password-submit = Cambiar la contraseña
# en-hash: 4d41f74e
account-sessions-intro = ¿Perdió un teléfono, o inició sesión en una computadora compartida? Cierre todas las sesiones de su cuenta, incluida esta.
# en-hash: af180fca
account-sign-out-everywhere = Cerrar sesión en todas partes
# en-hash: c87ccdb4
passkeys-title = Llaves de acceso
# en-hash: 05c5f58c
passkeys-intro = Una llave de acceso es un segundo factor que guarda su teléfono, su computadora o una llave de seguridad: confirma con su huella, su cara o su PIN en lugar de escribir un código. Agregue una o varias, y póngale nombre a cada una para saber cuál es cuál. Los códigos de su aplicación siguen funcionando.
# en-hash: 6fd96387
passkeys-off = Las llaves de acceso no están configuradas en este servidor. Quien lo administra puede activarlas (el ajuste webauthn_rp_id).
# en-hash: 9f3b5f6c
passkeys-none = Todavía no tiene ninguna llave de acceso.
# en-hash: 3cc56e04
passkeys-added = Agregada { $when }
# en-hash: b58cba00
passkeys-last-used = usada por última vez { $when }
# en-hash: dcd1d522
passkeys-new-name = Nombre
# en-hash: 3064d79a
passkeys-rename = Cambiar el nombre
# en-hash: 0dafb7cc
passkeys-remove = Quitar { $name }
# en-hash: 4a1ca3a4
passkeys-needs-js = Para agregar una llave de acceso hace falta JavaScript y un navegador compatible con llaves de acceso.
# en-hash: 18d7e64c
passkeys-failed = La llave de acceso no funcionó. Inténtelo de nuevo, o use un código de su aplicación.
# en-hash: ab99fe56
passkeys-name = Nombre de la nueva llave de acceso
# en-hash: 0fc3d18f
passkeys-name-hint = Por ejemplo, "teléfono del trabajo" o "llave azul". Hasta 60 caracteres.
# en-hash: 09fb67d5
passkeys-add = Agregar una llave de acceso
# en-hash: b60b19cd
passkeys-use = Usar una llave de acceso
# en-hash: 17112099
code-error-passkey_refused = No se pudo comprobar esa llave de acceso. Inténtelo de nuevo, o use un código de su aplicación.
# en-hash: 36bb331f
code-error-passkey_expired = Tardó demasiado. Inténtelo de nuevo.
# en-hash: 442d7f3e
code-error-passkey_taken = Esa llave de acceso ya está en una cuenta.
# en-hash: 36ad1649
field-error-passkey_refused = No se pudo comprobar la llave de acceso.
# en-hash: a9a54d0b
field-error-passkey_expired = La solicitud de la llave de acceso caducó; inténtelo de nuevo.
# en-hash: 442d7f3e
field-error-passkey_taken = Esa llave de acceso ya está en una cuenta.
# en-hash: 5fa07342
conflict-passkeys-off = Las llaves de acceso no están configuradas en este servidor.
# en-hash: c3d7005f
conflict-passkey-failed = No se pudo iniciar la llave de acceso. Inténtelo de nuevo.
# en-hash: 92a09a00
conflict-no-passkey = Esta cuenta no tiene llave de acceso. Use un código de su aplicación.
# en-hash: 4ba9b66e
conflict-money-settings = Los ajustes de dinero no son válidos; quien administra este servidor debe corregirlos.
# en-hash: cb816c37
done-passkey_added = Guardado. La llave de acceso está agregada.
# en-hash: 3b41bb4b
done-passkey_renamed = Guardado. La llave de acceso tiene su nuevo nombre.
# en-hash: 0ebc9736
done-passkey_removed = La llave de acceso está quitada.
# en-hash: fe809ecf
step-up-label = Su código otra vez (de su aplicación)
# en-hash: c502c1db
step-up-hint = Las exportaciones y los borrados vuelven a pedir su segundo factor.

## Registro de requerimientos legales
# en-hash: a4fd39a5
conflict-demand-closed = Este requerimiento está cerrado.
# en-hash: b563be63
conflict-own-review = Una segunda persona, distinta, revisa cada requerimiento legal.
# en-hash: 14bc088a
conflict-already-reviewed = Dos personas ya revisaron este requerimiento.
# en-hash: 3f0c73cd
conflict-gag-order = Una orden judicial prohíbe informar a la persona. Registre cuándo se levanta.
# en-hash: f4067180
conflict-needs-two-reviews = Dos personas distintas revisan un requerimiento legal antes de cerrarlo.
# en-hash: ddfe98b8
field-error-choose_one = Elija una de las opciones.
# en-hash: 4c296537
field-error-invalid_date = Indique una fecha.
# en-hash: e3d2f12c
field-error-too_many = Más de 5.000 solicitudes en este periodo: elija menos días.
# en-hash: c39d07af
field-error-password_wrong = Esa no es su contraseña actual.
# en-hash: 5fd16701
field-error-not_found = No existe esa solicitud.
# en-hash: ee9e4d09
field-error-code_wrong = Ese código no es correcto, o ya venció.
# en-hash: 62e7b67b
field-error-code_used = Ese código ya se usó. Espere al siguiente.
# en-hash: 53c0a394
field-error-code_format = Escriba los seis dígitos de su aplicación, o un código de recuperación.
# en-hash: 5b051ec1
nav-legal = Requerimientos legales
# en-hash: e5d03594
legal-title = Registro de requerimientos legales
# en-hash: e8531174
legal-intro = Cada citación judicial, orden judicial o solicitud de datos de la policía se registra aquí y la revisan dos personas distintas, y se informa a la persona afectada, a menos que una orden judicial lo prohíba. heart no tiene ninguna forma de enviar nada a la policía: lo que se entregue lo deciden personas y queda registrado aquí.
# en-hash: ab92c68b
legal-none = Todavía no hay requerimientos.
# en-hash: 2efeeeb0
legal-from-police = Policía
# en-hash: 60f6a416
legal-from-court = Tribunal
# en-hash: 846698da
legal-from-agency = Agencia del gobierno
# en-hash: f5fa3796
legal-from-lawyer = Abogado o abogada
# en-hash: 3233cb04
legal-from-other = Otra persona o entidad
# en-hash: 21819769
legal-from-label = De parte de
# en-hash: 49f19bee
legal-received = Recibido
# en-hash: 9aca2787
legal-reference = Su número de referencia (número de expediente)
# en-hash: f7192f0c
legal-asked = Qué pidieron
# en-hash: 4b559708
legal-words-erased = (borrado junto con la persona)
# en-hash: 89a8737d
legal-asked-hint = Descríbalo sin nombres: en su lugar, vincule abajo la solicitud de la persona.
# en-hash: a43c53ac
legal-request = La solicitud a la que se refiere (su número de referencia), si hay una
# en-hash: 626e9d2e
legal-gag-order = Una orden judicial prohíbe informar a la persona
# en-hash: 7116fba7
legal-record = Registrar un requerimiento
# en-hash: 53cfa45a
legal-record-submit = Registrarlo
# en-hash: 84cb7871
legal-reviews = Revisiones
# en-hash: 05a76180
legal-no-review = Todavía sin revisar.
# en-hash: 44237ef9
legal-your-review = Su revisión
# en-hash: df48bbd6
legal-review-submit = Registrar mi revisión
# en-hash: 2631349b
legal-decision-refuse = Negarse
# en-hash: c74aab94
legal-decision-challenge = Impugnarlo ante el tribunal
# en-hash: e9b9bc6a
legal-decision-hand_over_some = Entregar solo una parte
# en-hash: 00bb8886
legal-decision-hand_over = Entregar lo que se pidió
# en-hash: e15d2b64
legal-person-told = Se informó a la persona
# en-hash: fdcad131
legal-gag = Todavía no se permite: una orden judicial lo prohíbe.
# en-hash: 46438371
legal-not-yet = Todavía no.
# en-hash: ae61fff1
legal-mark-told = Ya se informó a la persona
# en-hash: b77705df
legal-gag-lifted = Se levantó la orden judicial
# en-hash: a759fa11
legal-handed-over = Entregado
# en-hash: 30b6e47c
legal-handed-over-label = Qué se entregó (sin nombres), o "nada"
# en-hash: b17a8c99
legal-open = Todavía abierto.
# en-hash: bbff4634
legal-close = Cerrar el requerimiento

## Cuentas
# en-hash: 8a7c8b67
nav-accounts = Cuentas
# en-hash: 8a7c8b67
accounts-title = Cuentas
# en-hash: 177b745a
accounts-intro = Lo que cada cuenta puede hacer. Un cambio entra en vigor cuando lo aprueba otra persona administradora.
# en-hash: e9cd49a1
accounts-add-title = Añadir una cuenta
# en-hash: e3b89e9d
accounts-add-username = Nombre de usuario
# en-hash: af0401ba
accounts-add-username-hint = Minúsculas, dígitos, puntos y guiones: lo que escribe para entrar.
# en-hash: 9f631706
accounts-add-name = El nombre que ven sus compañeros
# en-hash: 83222861
accounts-add-may = Lo que debe poder hacer (lo aprueba otra persona administradora)
# en-hash: 2db84aea
accounts-add-submit = Añadir la cuenta
# en-hash: 852baa74
accounts-added = Cuenta añadida. Envíe este enlace de un solo uso a la persona para que elija una contraseña. No se muestra de nuevo.
# en-hash: 75081b59
accounts-disabled = Desactivada
# en-hash: 7679d555
accounts-disable = Desactivar esta cuenta
# en-hash: e075c6c6
accounts-disable-hint = Al instante: sus sesiones terminan y sus tokens dejan de funcionar.
# en-hash: 531fb999
accounts-ask-enable = Pedir que se active de nuevo
# en-hash: 64957a8d
accounts-reset = Crear un enlace para una contraseña nueva
# en-hash: 9da034d8
accounts-reset-hint = Al instante: su contraseña deja de funcionar y sus sesiones terminan.
# en-hash: 92619ac7
accounts-reset-done = Envíe este enlace de un solo uso a la persona para que elija una contraseña nueva. Funciona una vez, durante 24 horas, y no se muestra de nuevo. Después entra con la contraseña y su segundo factor, como antes.
# en-hash: fa884c0e
tokens-title = Tokens de la API
# en-hash: 2f7e7b72
tokens-intro = Tokens que sistemas y personas usan con la API. Solo se guarda una huella de cada uno, nunca el token. Termine los que ya no hagan falta.
# en-hash: 65f8d97a
tokens-none = Todavía no hay tokens.
# en-hash: dcd1d522
tokens-col-name = Nombre
# en-hash: ca15ebc0
tokens-col-for = Para
# en-hash: 45a5300c
tokens-col-created = Creado
# en-hash: 830ec7f8
tokens-col-used = Último uso
# en-hash: 6300ef80
tokens-never = Nunca
# en-hash: 2b4c8c6d
tokens-works = Funciona
# en-hash: 08106b3e
tokens-until = Funciona hasta { $time }
# en-hash: f6f738d0
tokens-revoked = Revocado
# en-hash: 7cdc804e
tokens-ended = Terminado
# en-hash: 87e6d00b
tokens-revoke = Revocar
# en-hash: 88579e77
tokens-revoke-named = Revocar el token { $name }
# en-hash: 8c78fe5b
accounts-may = Puede
# en-hash: 7d43c037
accounts-ask = Pedir este cambio
# en-hash: 522b101e
reason-capability_change = Cambio en lo que una cuenta puede hacer
# en-hash: 2f6a10d6
reason-account_enable = Dejar que una cuenta desactivada vuelva a entrar
# en-hash: bae8ad76
field-error-unchanged = Eso ya es lo que la cuenta puede hacer.
# en-hash: df0bbd7a
capability-intake = Recibir solicitudes (recepción)
# en-hash: 50f8f1b6
capability-dispatch = Despachar equipos
# en-hash: 820b99e9
capability-respond = Responder en persona
# en-hash: 4b076492
capability-coordinate = Coordinar: registros, seguimientos, aprobaciones
# en-hash: b92dddb7
capability-admin = Administrar cuentas

## Dónde: mapas, tiempos de llegada, sugerencias de lugares, la ubicación de un equipo
# en-hash: be176b00
map-heading = Mapa
# en-hash: 011d6d0c
map-board-hint = En este mapa, las solicitudes abiertas (círculos) y los equipos (cuadrados) se muestran por su cuadra; solo el equipo enviado a una solicitud ve el punto exacto en su mapa. Los equipos fuera de turno no se muestran.
# en-hash: ce5c767d
map-board-title = Mapa de solicitudes abiertas y equipos
# en-hash: 59f03d64
map-request = Solicitud
# en-hash: 89750630
map-request-exact-title = Mapa: el punto exacto y cómo llegar
# en-hash: c4dfacce
map-request-block-title = Mapa: la cuadra de la solicitud
# en-hash: fed73be0
eta-minutes = a unos { $minutes } min
# en-hash: 5eff0ee1
neighbourhood-is = Barrio: { $name }
# en-hash: e5398945
suggest-some = %n lugares coinciden. Use las flechas del teclado para elegir uno.
# en-hash: 20ad9e3a
suggest-none = Todavía ningún lugar coincide con estas palabras.
# en-hash: 1874dac6
suggest-chosen = Elegido: %p. Su punto en el mapa ya está marcado.
# en-hash: 11f5da83
position-heading = ¿Dónde está el equipo?
# en-hash: 16499dd6
position-hint = Comparta dónde está para que despacho vea quién está más cerca. Escriba una dirección, una esquina o un lugar, o use la ubicación de este dispositivo. Solo se comparte cuando usted pulsa un botón.
# en-hash: 9782379e
position-where = Dirección, esquina o lugar
# en-hash: 8d748a2d
position-submit = Compartir este lugar
# en-hash: 9fdc1c35
position-use-device = Usar la ubicación de este dispositivo
# en-hash: d02ede46
teams-base = Base (opcional)
# en-hash: 892b1a56
teams-base-hint = De dónde sale el equipo: una dirección, una esquina o un lugar. Los tiempos de viaje se calculan desde aquí hasta que el equipo comparta dónde está.

## Dinero: donaciones, fondos, ayuda mutua
# en-hash: c6402106
nav-donate = Donar
# en-hash: 3004682e
nav-funds = Fondos
# en-hash: a9083270
nav-mutual-aid = Ayuda mutua
# en-hash: 0059798b
optional = (opcional)
# en-hash: da8c72b1
donate-title = Done hoy
# en-hash: da8c72b1
donate-heading = Done hoy
# en-hash: a3664cc0
donate-intro = Su donación ayuda a que { $name } siga respondiendo llamadas en lugar de la policía: personas de apoyo entre pares, ayuda mutua para personas que pasan por un momento difícil, y apoyo de seguimiento.
# en-hash: 55aa9db1
donate-cancelled = Su pago no se completó y no se cobró nada. Puede intentarlo otra vez abajo.
# en-hash: 2aadb5b5
donate-to-campaign = Donar a esta campaña
# en-hash: ad9ac0c2
donate-goal = recaudado de una meta de { $n }
# en-hash: db7f9e30
donate-progress = { $n } % de la meta
# en-hash: 276eacd2
donate-offline = Las donaciones en línea todavía no están configuradas aquí. Para donar con cheque o transferencia bancaria, pregunte al equipo; cada donación recibe un recibo.
# en-hash: 06a1ee61
donate-amount = ¿Cuánto?
# en-hash: 114523f0
donate-own-amount = Elija su propia cantidad
# en-hash: 3b2b5679
donate-own-amount-label = Su cantidad
# en-hash: dacc8bb3
donate-range = Al menos { $n },
# en-hash: 61e3876a
donate-max = como máximo { $n }.
# en-hash: ddc79ba1
donate-how-often = ¿Con qué frecuencia?
# en-hash: 30436158
donate-once = Una vez
# en-hash: 9b11f6b7
donate-monthly = Cada mes
# en-hash: b5858111
donate-fund = ¿Para qué es?
# en-hash: 76cdcd26
donate-message = Un mensaje corto
# en-hash: 09d06597
donate-message-hint = Hasta { $n } caracteres, solo texto.
# en-hash: ffc5b4e7
donate-counter = %n de %max caracteres
# en-hash: 3603f602
test-mode = Modo de prueba: no se mueve dinero.
# en-hash: 31820338
test-mode-hint = Esta es la demostración. Las donaciones pasan por una página de tarjeta simulada en este servidor; no se cobra nada y nada sale de la máquina.
# en-hash: ff445f11
test-checkout-title = Página de tarjeta simulada
# en-hash: b087b7b2
test-checkout-monthly = cada mes
# en-hash: 994c3495
test-checkout-pay = Pagar (prueba: no se cobra nada)
# en-hash: fbd738a3
test-checkout-done = Esta donación ya se recibió.
# en-hash: 08571589
test-checkout-receipt = Ver el recibo
# en-hash: 67fb80c7
test-checkout-cancel = Volver sin donar
# en-hash: 2c6b2e25
donate-name = Su nombre
# en-hash: 5bdc002f
donate-anonymous = Donar de forma anónima (su nombre no se muestra en ningún lugar)
# en-hash: c36b1f8e
donate-email = Correo electrónico para su recibo
# en-hash: e6f72ffc
donate-email-hint = Le enviamos el recibo y, una vez al año, su resumen de donaciones. Nada más.
# en-hash: efadf373
donate-give = Continuar al pago
# en-hash: d634006e
donate-secure = Usted paga en la página segura del servicio de pagos; nosotros nunca vemos su tarjeta.
# en-hash: 1b791eae
donate-separate = Lo que sabemos de quienes donan se guarda aparte de los registros de las personas que apoyamos, y solo lo pueden ver las personas que llevan la contabilidad.
# en-hash: e3f75b4b
receipt-title = Su recibo
# en-hash: 268bc183
receipt-heading = Gracias
# en-hash: 254be555
receipt-pending-heading = Esperando el pago
# en-hash: 20dc050d
receipt-pending = Todavía no tenemos respuesta del servicio de pagos. Esto suele tardar unos segundos.
# en-hash: fb7099ad
receipt-check-again = Volver a revisar
# en-hash: fb7d64e2
receipt-acknowledgement = Constancia de su donación
# en-hash: 350be364
receipt-organisation = Organización
# en-hash: 911f2424
receipt-tax-id = número de identificación fiscal { $n }
# en-hash: f7c38806
receipt-donor = Donante
# en-hash: 49e96d7c
receipt-amount = Monto
# en-hash: 99c40ab4
receipt-date = Fecha
# en-hash: ca15ebc0
receipt-fund = Para
# en-hash: e16bd0b1
receipt-refunded = Devuelto
# en-hash: 71bf9093
receipt-reference = Referencia
# en-hash: 7c7b2569
receipt-no-goods = No se entregaron bienes ni servicios a cambio de esta contribución.
# en-hash: cf1c1ae6
receipt-large = Guarde esta constancia: para una donación de $250 o más, es el reconocimiento por escrito que piden las normas fiscales de EE. UU.
# en-hash: 1107ad83
receipt-your-message = Su mensaje:
# en-hash: f65f007d
receipt-keep = Guarde la dirección de esta página para volver a ver su recibo.
# en-hash: 3004682e
funds-title = Fondos
# en-hash: 35e06a10
funds-donate-page = La página de donaciones
# en-hash: 237d7258
funds-balances = Lo que tiene cada fondo ahora
# en-hash: f57a935b
funds-fund = Fondo
# en-hash: f5387f9b
funds-kind = Tipo
# en-hash: d05e07b7
funds-balance = Saldo
# en-hash: c24d50c6
funds-reconciliation = Conciliación
# en-hash: 21819769
funds-from = Desde
# en-hash: f4b06ef6
funds-to = Hasta
# en-hash: 0df6f1ca
funds-show = Mostrar
# en-hash: 6e795d4d
funds-period = Período
# en-hash: f4b13e93
funds-opening = Saldo inicial
# en-hash: 8bc1d53c
funds-in = Entradas
# en-hash: 9a3c5460
funds-out = Salidas
# en-hash: f79ebae4
funds-closing = Saldo final
# en-hash: 0d8691ec
funds-csv = Descargar el libro contable en CSV (para contabilidad)
# en-hash: 8eccd1ac
funds-gifts = Donaciones recientes
# en-hash: f194270b
funds-no-gifts = Todavía no hay donaciones.
# en-hash: 920e413c
funds-status = Estado
# en-hash: d5c64095
funds-refund = Devolver
# en-hash: 11c57063
funds-refund-amount = Monto a devolver
# en-hash: 1123b85f
funds-record-gift = Registrar una donación recibida en mano
# en-hash: 17c8e636
funds-method = Cómo llegó
# en-hash: 30e9a089
funds-campaigns = Campañas
# en-hash: dcd1d522
funds-name = Nombre
# en-hash: cdbf6975
funds-goal = Meta
# en-hash: a172d432
funds-add-campaign = Agregar la campaña
# en-hash: e0e5de3c
funds-new = Un fondo nuevo
# en-hash: 6b45b8bb
funds-restriction = Qué puede pagar una subvención restringida
# en-hash: 82f2489d
funds-add = Agregar el fondo
# en-hash: c910d474
fund-kind-general = General
# en-hash: a9083270
fund-kind-mutual_aid = Ayuda mutua
# en-hash: 005065dc
fund-kind-restricted = Subvención restringida
# en-hash: 9fa0fa7c
fund-no-entries = No se registró nada en este período.
# en-hash: 222f81dc
fund-ledger = El libro contable
# en-hash: f8cf83a7
fund-what = Qué
# en-hash: c0bf75bd
fund-change = Cambio
# en-hash: a8283ade
fund-undo = Deshacer
# en-hash: dbb3e9e1
fund-flagged = (dejó el fondo por debajo de cero)
# en-hash: d3ae14a5
fund-why = Por qué
# en-hash: fae1c6f1
fund-reverse = Revertir
# en-hash: 1a596a09
entry-kind-gift = Donación
# en-hash: 78b7d037
entry-kind-grant = Subvención
# en-hash: c165e29b
entry-kind-disbursement = Ayuda mutua pagada
# en-hash: dde8bef7
entry-kind-transfer = Transferencia
# en-hash: f842c3e1
entry-kind-fee = Comisión
# en-hash: e2bba1db
entry-kind-refund = Donación devuelta
# en-hash: fd100656
entry-kind-dispute = Donación en disputa
# en-hash: 7fee49df
entry-kind-reversal = Reversión
# en-hash: f1b49d74
gift-status-pending = esperando el pago
# en-hash: 268ad70e
gift-status-paid = pagada
# en-hash: 1beeed79
gift-status-refunded = devuelta
# en-hash: ed87b960
gift-status-disputed = en disputa
# en-hash: 5d28a90f
gift-status-failed = falló
# en-hash: 8367cd66
gift-method-card = tarjeta
# en-hash: ab0fcec0
gift-method-cash = efectivo
# en-hash: 20f65c28
gift-method-check = cheque
# en-hash: 0f32f91e
gift-method-bank_transfer = transferencia bancaria
# en-hash: 0917427f
donors-title = Donantes
# en-hash: c4793d02
gift-donor-name = Nombre de quien dona (opcional)
# en-hash: 77802432
gift-donor-email = Correo de quien dona, para su recibo
# en-hash: dcd1d522
donors-name = Nombre
# en-hash: 969ccbd3
donors-email = Correo electrónico
# en-hash: d554760e
field-error-not_allowed = Esto no está permitido aquí.
# en-hash: 63ff1131
field-error-generic = Esto no se puede usar. Revíselo e inténtelo de nuevo.
# en-hash: 455716f2
donors-report = Cómo van las donaciones
# en-hash: eaa76f28
donors-year-total = Los últimos 12 meses
# en-hash: f7eb3cae
donors-count = { $n ->
    [one] de { $n } donante
   *[other] de { $n } donantes
}
# en-hash: 16d38904
donors-recurring = Donaciones mensuales, cada mes
# en-hash: 2868f5bb
donors-retention = Donantes que volvieron a donar
# en-hash: b61f592e
donors-no-history = Todavía no hay suficiente historial.
# en-hash: 46aa8ebf
donors-concentration = Dependencia de pocos donantes
# en-hash: be3812cf
donors-top = quien más donó aportó el { $n } %
# en-hash: d51c0551
donors-top-five = los cinco mayores donantes, el { $n } %
# en-hash: cff61200
donors-risk = Un solo donante aporta la cuarta parte del dinero o más: perder ese apoyo nos afectaría mucho. Amplíe el círculo de donantes.
# en-hash: 0917427f
donors-list = Donantes
# en-hash: ef6b65d5
donors-statement = Resumen de donaciones
# en-hash: ef6b65d5
statement-title = Resumen de donaciones
# en-hash: 66f9c5fa
statement-heading = Resumen de donaciones de { $n }
# en-hash: c8fa683e
statement-none = No hubo donaciones este año.
# en-hash: 18e872be
statement-total = Total:
# en-hash: a9083270
aid-title = Ayuda mutua
# en-hash: 59eec0e6
aid-intro = Dinero para personas que pasan por un momento difícil. Una persona distinta con permiso de finanzas aprueba cada solicitud; nadie aprueba la suya propia.
# en-hash: 10c5739b
aid-awaiting = Esperando aprobación
# en-hash: 7b4ea638
aid-approved = Aprobada, esperando el pago
# en-hash: fb81b961
aid-paid = Pagada
# en-hash: dce083a2
aid-declined = Rechazada
# en-hash: 903ea500
aid-none = Ninguna.
# en-hash: 493edb29
aid-approvals = aprobaciones: { $n }
# en-hash: 980355b3
aid-one-title = Solicitud de ayuda mutua
# en-hash: ca800c8a
aid-care-record = El registro del apoyo
# en-hash: d4e8830a
aid-purpose = Para qué
# en-hash: 5efeb3ba
aid-purpose-arrears = Renta o servicios (luz, agua, gas) atrasados
# en-hash: e4eb1806
aid-purpose-food = Comida
# en-hash: aaead4ab
aid-purpose-transport = Transporte
# en-hash: 63dceb88
aid-purpose-phone = Teléfono
# en-hash: c4d3d42e
aid-purpose-medicine = Medicinas
# en-hash: f97e9da0
aid-purpose-other = Otro
# en-hash: fbb059ed
aid-status-awaiting_approval = esperando aprobación
# en-hash: 7090c76c
aid-status-approved = aprobada, esperando el pago
# en-hash: 268ad70e
aid-status-paid = pagada
# en-hash: a8bfacf3
aid-status-declined = rechazada
# en-hash: 20f65c28
aid-method-check = cheque
# en-hash: 8367cd66
aid-method-card = tarjeta
# en-hash: ab0fcec0
aid-method-cash = efectivo
# en-hash: 11804954
aid-method-gift_card = tarjeta de regalo
# en-hash: 0f32f91e
aid-method-bank_transfer = transferencia bancaria
# en-hash: c624785e
aid-payee = Pagado a
# en-hash: 0d25d6b7
aid-payee-person = La persona
# en-hash: e7890fe7
aid-payee-third = Un tercero (una compañía de servicios, el dueño de la vivienda)
# en-hash: efaee0ed
aid-payee-name = Nombre del tercero
# en-hash: d164cde2
aid-how-paid = Cómo se paga
# en-hash: 2931d4b0
aid-asked-by = Pedido por
# en-hash: 8e838c46
aid-approvals-label = Aprobado por
# en-hash: 56d6e061
aid-no-approvals = nadie todavía
# en-hash: cbbd86b9
aid-decline-reason = Por qué se rechaza
# en-hash: fb81b961
aid-paid-at = Pagado
# en-hash: 8a7525b1
aid-notes = Notas
# en-hash: 903ea500
aid-no-notes = Ninguna.
# en-hash: b7d3dda1
aid-proof = Recibo o comprobante de pago
# en-hash: 3273c402
aid-proof-download = Descargarlo
# en-hash: bd3ce633
aid-no-proof = Todavía ninguno.
# en-hash: 6007acbe
aid-approve = Aprobar
# en-hash: a573abfc
aid-mark-paid = Registrar que se pagó
# en-hash: a2d285b3
aid-decline = Rechazar
# en-hash: daa9b236
aid-not-yours = Usted pidió esto, así que otra persona lo aprueba y lo paga.
# en-hash: 5133741f
aid-attach = Adjuntar un recibo o comprobante de pago
# en-hash: a62fb88e
aid-attach-hint = Un archivo PNG, JPEG o PDF, de hasta 2 MB. Se guarda cifrado junto con el registro de la persona.
# en-hash: 865e89de
aid-upload = Subir
# en-hash: e843ff07
aid-ask = Pedir ayuda mutua
# en-hash: 040f6196
aid-ask-hint = Solo lo que necesita el pago: sin nombres. El nombre de la persona nunca llega al libro contable.
# en-hash: 615561c2
aid-ask-submit = Enviar para aprobación
# en-hash: 7d5ca99d
field-error-amount_not_a_number = Escriba una cantidad en números, como 25 o 25.50.
# en-hash: e81f4466
field-error-amount_not_positive = La cantidad debe ser mayor que cero.
# en-hash: 4b0b1192
field-error-amount_fraction = Escriba la cantidad en centavos enteros.
# en-hash: 65b65734
field-error-amount_too_large = Esa cantidad es demasiado grande.
# en-hash: 2c997201
field-error-unknown_currency = No manejamos esa moneda.
# en-hash: 22db9c5e
field-error-below_minimum = Eso es menos que la donación mínima que acepta esta página.
# en-hash: c2cb58d2
field-error-above_maximum = Eso es más de lo que acepta esta página de una sola vez.
# en-hash: 2c1ece3a
field-error-no_markup = Solo texto, por favor: sin < ni >.
# en-hash: f866999d
field-error-invalid_email = Escriba un correo electrónico como nombre@example.org.
# en-hash: 1bc2744e
field-error-over_request_cap = Eso es más de lo que puede pedir una sola solicitud.
# en-hash: 4c914547
field-error-over_person_cap = Con eso, esta persona pasaría del máximo que una persona puede recibir en el período.
# en-hash: 0c5635d8
field-error-no_fund = Todavía no hay un fondo de ayuda mutua: una persona con permiso de finanzas puede crear uno.
# en-hash: 272b8b9f
field-error-after_to = El inicio es posterior al final.
# en-hash: c5a373a7
field-error-too_large = El archivo pesa más de 2 MB.
# en-hash: caec833d
field-error-file_type = Use un archivo PNG, JPEG o PDF.
# en-hash: f3c4fee5
conflict-not-online = Las donaciones en línea no están configuradas aquí.
# en-hash: fbc8d569
conflict-provider-down = El servicio de pagos no respondió. No se cobró nada; por favor, intente otra vez en unos minutos.
# en-hash: e42c7877
conflict-own-request = Una persona distinta de quien hizo la solicitud la aprueba, la rechaza y la paga.
# en-hash: f01088b0
conflict-approved-already = Usted ya aprobó esto; otra persona debe aprobarlo.
# en-hash: 445b83d2
conflict-not-awaiting-approval = Esta solicitud ya no está esperando aprobación.
# en-hash: 60c21279
conflict-not-approved = Esta solicitud todavía no está aprobada.
# en-hash: 7185698d
conflict-paid-already = Esta solicitud ya se pagó.
# en-hash: c7acf514
conflict-insufficient-funds = El fondo no tiene suficiente dinero para esto.
# en-hash: ddae07fc
conflict-already-reversed = Este asiento ya fue revertido.
# en-hash: d2f6a4ee
conflict-reverse-of-reversal = Una reversión no se puede revertir; en su lugar, registre el asiento otra vez.
# en-hash: a2d3294b
conflict-mixed-currencies = El dinero solo se mueve entre fondos de la misma moneda.
# en-hash: ec3db2d1
conflict-unknown-fund = No existe ese fondo.
# en-hash: 8e754fb9
conflict-unknown-entry = No existe ese asiento.
# en-hash: 5bae6315
conflict-unbalanced-entry = El asiento no cuadra.
# en-hash: 8682b79f
conflict-not-paid = Esta donación no se pagó.
# en-hash: 5d7f5d3d
field-error-more_than_the_person = Un token de una persona no puede hacer más de lo que esa persona puede hacer.
# en-hash: c2ceb8ec
field-error-one_of_two = Indique la cantidad una sola vez: como texto o en unidades menores, no de las dos formas.
# en-hash: ae522993
field-error-in_the_future = No se puede registrar una donación antes del día en que llegó.
# en-hash: 39984040
conflict-erased-person = El registro de esta persona fue borrado: no se puede guardar nada más sobre ella.

## Todas las vías de entrada: el estado del servicio, las páginas de estado, el interruptor del tablero y el reloj de primera respuesta
# en-hash: 856f29fb
service-open = El equipo está abierto y responderá en cuanto pueda.
# en-hash: a537ef97
service-full = El equipo está abierto, pero todo nuestro equipo de respuesta está con otras personas en este momento. Su solicitud queda guardada y se atenderá en cuanto alguien esté libre.
# en-hash: 68c0d7d7
service-full-until = El equipo está abierto, pero todo nuestro equipo de respuesta está con otras personas en este momento (hasta aproximadamente { $until }). Su solicitud queda guardada y se atenderá en cuanto alguien esté libre.
# en-hash: 06a36cfe
service-closed = El equipo está cerrado ahora. Su solicitud queda guardada para el próximo turno.
# en-hash: 7a2eb461
service-closed-until = El equipo está cerrado ahora. Su solicitud queda guardada para el próximo turno, que empieza { $at }.
# en-hash: a102086c
hours-full = Estamos abiertos, pero todo nuestro equipo de respuesta está con otras personas en este momento. Las solicitudes quedan guardadas y se atienden en cuanto alguien esté libre.
# en-hash: cd418dcd
hours-full-until = Estamos abiertos, pero todo nuestro equipo de respuesta está con otras personas en este momento, hasta aproximadamente { $until }. Las solicitudes quedan guardadas y se atienden en cuanto alguien esté libre.
# en-hash: 317acac9
hours-holiday = Hoy estamos cerrados.
# en-hash: 86ad3fee
progress-title = Cómo va
# en-hash: 86ad3fee
progress-heading = Cómo va
# en-hash: 8ce09e4f
progress-kind = Qué se envió: { $name }
# en-hash: f4f394d1
progress-since = Recibida: { $when }.
# en-hash: e9660bd2
progress-waiting = Recibida. El equipo la atenderá si todavía hace falta cuando termine el tiempo de espera de la organización aliada.
# en-hash: 0899b35c
progress-received = Recibida. El equipo ya la tiene.
# en-hash: 86315084
progress-team_on_the_way = Un equipo va en camino o ya está allí.
# en-hash: e01c351d
progress-closed = Cerrada.
# en-hash: e5b95c2e
progress-private = Esta página solo muestra en qué punto está, nunca nada sobre la persona.
# en-hash: 207b1cfd
board-service-heading = Recepción de solicitudes
# en-hash: 12c33a97
board-full-on = Indicar que estamos completos por { $hours } h
# en-hash: da60d585
board-full-off = Ya podemos recibir solicitudes otra vez
# en-hash: 188fe6d7
board-full-hint = Cuando todas las personas de respuesta estén ocupadas, indíquelo: todos los canales se lo dicen a la gente al instante y les indican otras líneas. Las solicitudes se siguen guardando.
# en-hash: 224192c9
board-ack-heading = Esperando una primera respuesta
# en-hash: 1469e8ce
board-ack-none = Ya se dio una primera respuesta a todas las solicitudes abiertas.
# en-hash: 33e2a9d9
board-ack-waiting = { $channel }: esperando { $minutes } min
# en-hash: 4d227b9a
board-ack-over = pasó del objetivo
# en-hash: f9236d9e
board-ack-submit = Confirmar recibo
# en-hash: a3697d32
board-ack-target = Objetivo: una primera respuesta en { $minutes } minutos como máximo.
# en-hash: 0808d6aa
board-ack-stats = Primeras respuestas, últimos 30 días
# en-hash: c45afffc
board-ack-channel = Vía de entrada
# en-hash: ada27592
board-ack-count = Solicitudes
# en-hash: daab7c43
board-ack-median = Mediana
# en-hash: b63a6c57
board-ack-p90 = 9 de cada 10 en
# en-hash: fe97a7e4
board-ack-within = Dentro del objetivo
# en-hash: b4f6bdc2
board-ack-min = { $minutes } min
# en-hash: 242982ba
board-ack-pct = { $n } %
# en-hash: b8b8fba8
channel-open311 = 311 de la ciudad

## Mensajes de texto
# en-hash: 512662ed
texts-title = Mensajes de texto
# en-hash: 97d0b7f4
texts-safe = La persona dijo que es seguro enviar textos a este número: las novedades se envían ahí.
# en-hash: 30f0409d
texts-not-safe = La persona no ha dicho que los textos sean seguros: solo se envían respuestas, no novedades. Puede responder SAFE.
# en-hash: 5a4c7cab
texts-dir-in = De la persona
# en-hash: bf2e21fa
texts-dir-out = Del equipo
# en-hash: f5e7da83
texts-status-queued = esperando para enviarse
# en-hash: 7afbb334
texts-status-sent = enviado
# en-hash: 373e0712
texts-status-delivered = entregado
# en-hash: 503681ce
texts-status-undelivered = no entregado
# en-hash: 06fcbdd9
texts-status-failed = no se pudo enviar
# en-hash: 538af2e7
texts-erased = (borrado)
# en-hash: 1a1f9733
texts-reply-label = Responder por texto
# en-hash: 92a00b1f
texts-reply-submit = Enviar texto
# en-hash: 3fe7b2e0
conflict-no-number = Esta solicitud no tiene un número al que enviar textos.
# en-hash: 2cbf66bb
conflict-sms-off = Los mensajes de texto no están configurados.
# en-hash: 9952b039
conflict-opted-out = Esta persona envió STOP: no se le enviarán textos hasta que envíe START.

## Las palabras de los mensajes de texto (cortas: un texto tiene 160 caracteres, 70 con emoji)
# en-hash: 310da67c
sms-ack = { $team } recibió su mensaje.{ $state } Si es seguro enviarle novedades por aquí, responda SAFE. No somos un servicio de emergencias: a cualquier hora 988 o 833-773-2445; 911 si es una emergencia médica. Responda STOP para no recibir más. For English, reply EN.
# en-hash: 073766ec
sms-closed = { " " }Estamos cerrados ahora; su mensaje queda guardado para el próximo turno ({ $at }).
# en-hash: 1b5b5bb7
sms-full = { " " }Todo el equipo está con otras personas ahora (hasta aprox. { $until }); su mensaje queda guardado y lo atenderemos en cuanto alguien esté libre.
# en-hash: b0192756
sms-question = { $question } Responda { $choices }.
# en-hash: 5a50cdf2
sms-choice = { $n } para { $answer }
# en-hash: 501b08ad
sms-screened = { $team }: gracias, eso nos ayuda a enviar el apoyo adecuado.
# en-hash: c85f8a7a
sms-help = { $team }: apoyo comunitario en crisis, no es un servicio de emergencias. Escríbanos qué está pasando. Responda STOP para no recibir textos. A cualquier hora: 988, o la Línea de Salud Conductual de MA 833-773-2445; 911 si es una emergencia médica.
# en-hash: b4701cba
sms-start = { $team }: puede volver a escribirnos. Responda STOP para no recibir más textos.
# en-hash: 70917b58
sms-safe = { $team }: gracias. Le enviaremos novedades por aquí. Responda STOP para no recibir más textos.
# en-hash: 9897c5bb
sms-on-the-way = { $team }: un equipo va en camino.
# en-hash: 505eff6d
sms-not-found = { $team }: no pudimos encontrarle. Responda a este mensaje para continuar.
# en-hash: 070de0fc
conflict-proof-kept = El comprobante de una solicitud pagada se guarda tal como está; no se puede reemplazar.

## El directorio de recursos
# en-hash: c3d54cd8
nav-directory = Buscar apoyo
# en-hash: 42087968
directory-title = Buscar apoyo cerca
# en-hash: 42087968
directory-heading = Buscar apoyo cerca
# en-hash: 1b65a787
directory-intro = Comida, una cama para esta noche, ayuda con las cuentas, atención de salud, ayuda legal y más, de organizaciones de la ciudad y sus alrededores. No necesita una cuenta.
# en-hash: e3ad92be
directory-q = ¿Qué está buscando?
# en-hash: b80feab3
directory-q-hint = Unas pocas palabras, por ejemplo "despensa de comida" o "ayuda con cuentas". No hace falta escribirlas perfectamente.
# en-hash: d5e68044
directory-need = Tipo de apoyo
# en-hash: bcb32f11
directory-need-any = Cualquier tipo
# en-hash: d9f314ef
directory-near = Cerca de
# en-hash: abcb845c
directory-near-hint = Una dirección o un lugar, por ejemplo "71 Cherry St".
# en-hash: 1f152125
directory-language = Idioma que hablan
# en-hash: a8d71c96
directory-only = Mostrar solo
# en-hash: 14b67e62
directory-open-now = Abierto ahora
# en-hash: 420ad2f5
directory-free = Gratis
# en-hash: a0f76cf2
directory-no-id = No piden identificación
# en-hash: b3d43659
directory-accessible = Accesible en silla de ruedas
# en-hash: 49c266ba
directory-search = Buscar
# en-hash: 763f69cb
directory-near-unknown = No pudimos encontrar ese lugar, así que los resultados no están ordenados por distancia. Pruebe con una dirección.
# en-hash: 52ff47c0
directory-found = Servicios encontrados: { $count }
# en-hash: 604dce44
directory-all = Servicios
# en-hash: 03f139fd
directory-distance = a { $distance }
# en-hash: 14b67e62
directory-is-open = Abierto ahora
# en-hash: b7c1a931
directory-is-closed = Cerrado ahora
# en-hash: e30be00a
directory-open-data = Este directorio es de datos abiertos (Open Referral HSDS 3.0) en /hsds. Llame antes de ir: los horarios y los lugares cambian.
# en-hash: 10502b14
directory-cap-open = Abierto hoy
# en-hash: 1ac45e3e
directory-cap-full = Lleno hoy
# en-hash: 331b5264
directory-cap-closed = Cerrado hoy
# en-hash: 2942b2bf
directory-cap-available = Lugares libres: { $n }
# en-hash: a48a326d
directory-updated-now = actualizado hace un momento
# en-hash: ed333436
directory-updated-minutes = actualizado hace { $n } min
# en-hash: f5f93e5d
directory-updated-hours = actualizado hace { $n } h
# en-hash: 30362ef7
directory-updated-days = actualizado hace { $n } días
# en-hash: beb72b36
directory-cap-legend = Hoy en { $name }
# en-hash: 2b065c7c
directory-cap-status = Hoy
# en-hash: 59dec9a3
directory-cap-places = Lugares libres (opcional)
# en-hash: b1675c76
directory-cap-note = Nota para el público (opcional)
# en-hash: c1c1009d
directory-cap-save = Actualizar

## Organizaciones aliadas y derivaciones
# en-hash: a27974e8
nav-partner = Nuestra organización
# en-hash: 8417a4bd
capability-finance = Fondos, donaciones y ayuda mutua (finanzas)
# en-hash: 2786d672
capability-partner = Organización aliada (solo sus propios servicios y derivaciones)
# en-hash: c96dd941
capability-submit = Un sistema que entrega solicitudes (submit; solo el estado de las suyas)
# en-hash: a3d970fc
field-error-partner_alone = La cuenta de una organización aliada solo puede tener el permiso de organización aliada.
# en-hash: a04b5a19
field-error-partner_only = El permiso de organización aliada es solo para cuentas de una organización aliada.
# en-hash: b0ae709a
field-error-first_name_not_on_record = No hay ningún nombre registrado para compartir.
# en-hash: f023c9a3
field-error-callback_not_on_record = No hay ningún número de contacto registrado para compartir.
# en-hash: a3cde95c
field-error-needs_not_on_record = El encuentro no indica necesidades para compartir.
# en-hash: 78f59e3c
field-error-language_not_on_record = No hay ningún idioma registrado para compartir.
# en-hash: a2de00ec
conflict-no-encounter = Una derivación se hace desde el encuentro: primero registre el encuentro.
# en-hash: b4265af8
conflict-referral-state = Esta derivación ya avanzó, así que ese paso no es posible ahora. Recargue la página para ver en qué punto está.
# en-hash: 6357161e
directory-refer = Derivar a { $name }
# en-hash: fcfa7b30
directory-referring = Está eligiendo un servicio al que derivar a alguien.
# en-hash: 590fdb94
directory-referring-back = Volver a la solicitud
# en-hash: 76ffc344
referrals-title = Derivaciones
# en-hash: 864d3448
referral-find = Buscar un servicio al que derivar
# en-hash: cb9df4e4
referral-status-sent = Enviada, esperando respuesta
# en-hash: a00fb0c5
referral-status-accepted = Aceptada
# en-hash: dce083a2
referral-status-declined = Rechazada
# en-hash: 22965568
referral-status-connected = Conectada
# en-hash: 00c0b03f
referral-status-withdrawn = Retirada
# en-hash: e2e46f0f
referral-reason-full = No hay lugares libres ahora
# en-hash: 233c4356
referral-reason-not_offered = No ofrecemos esto
# en-hash: 87bae3e9
referral-reason-not_eligible = Fuera de lo que podemos atender
# en-hash: 2889c534
referral-reason-could_not_reach = No pudimos comunicarnos con la persona
# en-hash: af3d9fc4
referral-reason-person_chose_not = La persona decidió no seguir adelante
# en-hash: 21ff841a
referral-reason-other = Otro motivo
# en-hash: d660945b
referral-overdue = Atrasada
# en-hash: 47b7c9c1
referral-sent = Enviada: { $at }
# en-hash: 00972ca3
referral-changed = Último cambio: { $at }
# en-hash: a4a8e1d9
referral-due = próximo paso { $when }
# en-hash: 886b3e98
referral-shared = Compartido con su consentimiento
# en-hash: bd4f570b
referral-shared-nothing = No se compartió nada sobre la persona.
# en-hash: 0c77e2e7
referral-withdraw = Retirar (la persona cambió de opinión)
# en-hash: 72ed2297
share-first_name = Su nombre de pila
# en-hash: c791d333
share-callback = Un número para devolverle la llamada o el texto
# en-hash: 9761e1aa
share-needs = Con qué necesita apoyo
# en-hash: e6a3a69e
share-language = El idioma que prefiere
# en-hash: e4f520ec
share-note = Una nota escrita con la persona
# en-hash: 76e733b9
refer-title = Derivar a alguien
# en-hash: 6357161e
refer-heading = Derivar a { $name }
# en-hash: 67f91622
refer-intro = Lea cada punto a la persona y marque solo lo que acepta compartir. Nada más sobre ella llega al servicio; puede cambiar de opinión después.
# en-hash: 7188e373
refer-share-legend = Lo que acepta compartir
# en-hash: 6b4d7015
refer-share-hint = No compartir nada está bien: entonces el servicio espera a que la persona se comunique.
# en-hash: 2d52f9c7
refer-note = Una nota para el servicio
# en-hash: 4fc06c75
refer-note-hint = Escríbala con la persona, en sus propias palabras. Solo se comparte si se marca "Una nota escrita con la persona".
# en-hash: 45c8953d
refer-consent = La persona aceptó que la deriven a este servicio.
# en-hash: 7ec218b4
refer-submit = Enviar la derivación
# en-hash: 19766ed6
refer-cancel = Cancelar
# en-hash: a27974e8
partner-title = Nuestra organización
# en-hash: 4f89b671
partner-intro = Las personas derivadas a su organización, lo que aceptaron compartir, y sus servicios publicados. No ve nada más.
# en-hash: 9f760ab2
partner-referrals-open = Esperando su respuesta
# en-hash: fe399524
partner-referrals-none = No hay derivaciones pendientes.
# en-hash: 66559035
partner-referrals-done = Respondidas
# en-hash: 156ff734
partner-nothing-shared = La persona decidió no compartir nada: se comunicará por su cuenta.
# en-hash: 89713b9c
partner-accept = Aceptar
# en-hash: dafec994
partner-connected = Ya se conectó
# en-hash: a2d285b3
partner-decline = Rechazar
# en-hash: 38d2b278
partner-reason = Por qué la rechaza
# en-hash: f9479b86
partner-reason-choose = Elija un motivo
# en-hash: 1def1ed9
partner-services = Sus servicios publicados
# en-hash: 0fa01f36
partner-no-capacity = Todavía no se ha dicho nada sobre hoy.
# en-hash: 9dc8e6b2
partner-edit = Editar { $name }
# en-hash: 5f2303fd
partner-hook = Recibir derivaciones en su propio sistema
# en-hash: c2d48f7e
partner-hook-intro = Enviamos cada derivación nueva, firmada con HMAC-SHA256 (encabezados X-Heart-Timestamp y X-Heart-Signature), a esta dirección https. Déjela vacía para dejar de recibirlas.
# en-hash: 78f800d2
partner-hook-url = Dirección (https)
# en-hash: 1509f561
partner-hook-save = Guardar
# en-hash: e8476b93
partner-hook-secret = Su secreto de firma, que solo se muestra ahora:
# en-hash: 526e0087
partner-service-description = Descripción
# en-hash: 969ccbd3
partner-service-email = Correo electrónico
# en-hash: b5a229ac
partner-service-url = Sitio web
# en-hash: 920e413c
partner-service-status = Estado
# en-hash: 2032286e
partner-service-save = Guardar el servicio
# en-hash: 92340695
service-status-active = Activo
# en-hash: 2ca2bb2d
service-status-temporarily_closed = Cerrado temporalmente
# en-hash: ac7c949f
service-status-inactive = Inactivo
# en-hash: d51a153c
service-status-defunct = Ya no funciona
# en-hash: 749a6bb6
conflict-already-referred = Esta persona ya fue derivada a este servicio y espera su respuesta.
# en-hash: 5690ea67
field-error-not_chosen_to_share = Usted escribió una nota: marque "Una nota escrita con la persona" para compartirla, o bórrela.
# en-hash: c394cc24
field-error-internal_address = Esta dirección está dentro de una red privada. Use la dirección https pública de su sistema.
# en-hash: 3f24f2df
partner-erased = Los datos de la persona se borraron a pedido suyo; aquí no queda nada sobre ella.
# en-hash: fb7aba53
funds-record-grant = Registrar una subvención recibida
# en-hash: 64a1ba5f
funds-funder = De (quien financia)
# en-hash: 5466c61b
funds-transfer = Mover dinero entre fondos
# en-hash: aebdfc68
funds-transfer-hint = Entre fondos de la misma moneda. El dinero de un fondo restringido se queda allí, para su propósito.
# en-hash: c6e618de
funds-move-from = Del fondo
# en-hash: 82f37b19
funds-move-to = Al fondo
# en-hash: d3ae14a5
funds-reason = Por qué
# en-hash: 5859ebc8
field-error-restricted = Un fondo restringido guarda su dinero para su propósito: no se puede sacar.
# en-hash: 53f2c079
field-error-same_fund = Elija dos fondos distintos.
# en-hash: a2d3294b
field-error-other_currency = El dinero solo se mueve entre fondos de la misma moneda.
# en-hash: 854ddad1
field-error-no_aid_caps = No hay límites de ayuda mutua para esta moneda (money.aid_caps), así que no se puede dar ayuda de ella.
# en-hash: 4472678a
mail-receipt-subject = { $org }: recibo de su donación de { $amount }
# en-hash: de21eda2
mail-receipt-intro = Gracias por su donación a { $org }. Este correo es su recibo.
# en-hash: bcc666c2
mail-receipt-link = Su recibo en línea: { $url }
# en-hash: 276243fb
mail-statement-subject = { $org }: su resumen de donaciones de { $n }
# en-hash: b0f7706e
mail-footer = Recibe este correo porque donó a { $org } con esta dirección. Enviamos recibos y, una vez al año, un resumen de donaciones; nada más. Para preguntarnos algo, responda a este correo.
# en-hash: 85629534
donate-email-hint-no-mail = Para su recibo: aparece en la página siguiente, y el equipo puede enviarlo de nuevo si lo pide.
# en-hash: b9cf2c61
receipt-mail-sent = Le enviamos este recibo por correo.
# en-hash: cc777438
receipt-mail-waiting = Le estamos enviando este recibo por correo.
# en-hash: 3a1ceaee
receipt-mail-failed = No pudimos enviarle este recibo por correo. Guarde esta página o pida una copia al equipo.
# en-hash: af3c14de
statement-send = Enviar este resumen al donante por correo
# en-hash: 83b8d43d
statement-sent = El resumen se enviará al donante por correo en un minuto.
# en-hash: 7581ec37
field-error-no_gifts = No hay donaciones en ese año para un resumen.
# en-hash: 8cbb3ac2
conflict-mail-off = El correo no está configurado aquí: imprima el resumen.
# en-hash: fb1aed5b
conflict-mail-settings = La configuración de correo no se puede usar; consulte a quien administra este servidor.
# en-hash: 5dc00fe2
conflict-handover-read = Alguien ya marcó este relevo como leído.
# en-hash: 09755d19
conflict-handover-own = Un relevo es para el siguiente turno: otra persona lo marca como leído.
# en-hash: d6f19892
conflict-own-account = Otra persona administradora hace esto con su propia cuenta.
# en-hash: def91b24
conflict-account-disabled = Esta cuenta ya está desactivada.
# en-hash: e648702c
conflict-account-active = Esta cuenta no está desactivada.
# en-hash: 03021d8e
conflict-token-revoked = Este token ya fue revocado.
# en-hash: b26af478
conflict-follow-up-taken = Otra persona tomó este seguimiento.
# en-hash: d3c54022
conflict-partner-disabled = Este socio ya está desactivado.
# en-hash: a30a1c9b
donors-mail = Recibos y resúmenes por correo
# en-hash: e71eb756
donors-mail-sent = { $n } enviados
# en-hash: 00cfcb97
donors-mail-waiting = { $n } en espera
# en-hash: c357d010
donors-mail-failed = { $n } no se pudieron enviar (el servidor de correo del donante los rechazó, o no respondió en un día). Imprímalos desde el resumen del donante.
# en-hash: 3c5a323c
donors-mail-off = El correo está desactivado (no hay mail.smtp_url en la configuración): los recibos se muestran a los donantes en la página, no se envían.
# en-hash: c7475477
funds-receipt-language = Idioma del recibo
# en-hash: e0f4f767
day-today = hoy
# en-hash: bafd151a
day-tomorrow = mañana
# en-hash: 6a00dfc1
weekday-1 = lunes
# en-hash: 7d8af1de
weekday-2 = martes
# en-hash: c0a6cc82
weekday-3 = miércoles
# en-hash: fc266206
weekday-4 = jueves
# en-hash: e21f3f37
weekday-5 = viernes
# en-hash: dbe35c73
weekday-6 = sábado
# en-hash: 873fef76
weekday-7 = domingo
# en-hash: f40d7f51
weekday-short-1 = lun
# en-hash: d1eb39b0
weekday-short-2 = mar
# en-hash: 58339f45
weekday-short-3 = mié
# en-hash: 7da11212
weekday-short-4 = jue
# en-hash: 66dab40c
weekday-short-5 = vie
# en-hash: fdeb71b5
weekday-short-6 = sáb
# en-hash: db18f17f
weekday-short-7 = dom
# en-hash: 5c5db120
month-short-1 = ene
# en-hash: caf71b3f
month-short-2 = feb
# en-hash: b4b7d381
month-short-3 = mar
# en-hash: 617531b4
month-short-4 = abr
# en-hash: 8c78fe5b
month-short-5 = may
# en-hash: b27fd46e
month-short-6 = jun
# en-hash: c43f56b9
month-short-7 = jul
# en-hash: 41e1d82a
month-short-8 = ago
# en-hash: 451e2b71
month-short-9 = sept
# en-hash: 6877e849
month-short-10 = oct
# en-hash: 3e630d29
month-short-11 = nov
# en-hash: f2a0cfbc
month-short-12 = dic
# en-hash: 6f328609
mail-kind-receipt = recibo
# en-hash: b111c6e1
mail-kind-statement = resumen
# en-hash: 691f5681
sms-language = { $team }: le escribiremos en español.

## Alcance comunitario
# en-hash: a5803fdf
nav-outreach = Alcance
# en-hash: a5803fdf
outreach-title = Alcance comunitario
# en-hash: 89e11873
outreach-intro = Recorridos y eventos en los que el equipo encuentra a la gente donde está, contados sin nombres: cuántas personas, qué se entregó, naloxona, derivaciones. Quien pidió un equipo es una solicitud en la cola de siempre.
# en-hash: 4bd8b41b
outreach-record = Registrar un recorrido o un evento
# en-hash: 1a963357
outreach-walks = { $n ->
    [one] 1 recorrido o evento
   *[other] { $n } recorridos y eventos
}
# en-hash: 0f6e9fe8
outreach-people-reached = { $n ->
    [one] 1 persona alcanzada
   *[other] { $n } personas alcanzadas
}
# en-hash: 8dac69c9
outreach-unique-people = { $n ->
    [one] 1 persona que dio un código de regreso
   *[other] { $n } personas distintas que dieron un código de regreso
}
# en-hash: 79496932
outreach-naloxone = { $n ->
    [one] 1 kit de naloxona entregado.
   *[other] { $n } kits de naloxona entregados.
}
# en-hash: ced915e2
outreach-naloxone-used = { $n ->
    [one] Naloxona usada una vez (una sobredosis revertida).
   *[other] Naloxona usada { $n } veces (sobredosis revertidas).
}
# en-hash: f66c0c36
outreach-referrals = { $n ->
    [one] 1 derivación
   *[other] { $n } derivaciones
}
# en-hash: 1eaa13ef
outreach-asked = { $n ->
    [one] 1 persona pidió un equipo
   *[other] { $n } personas pidieron un equipo
}
# en-hash: 0cf2f0e2
outreach-items = Entregado
# en-hash: c94b209f
outreach-weeks = Semana a semana
# en-hash: e1ec886a
outreach-week = Semana del
# en-hash: 22e4ca85
outreach-col-walks = Recorridos
# en-hash: abb3698e
outreach-col-reached = Personas alcanzadas
# en-hash: d13913e0
outreach-col-unique = Personas distintas (códigos)
# en-hash: d1b3b3c2
outreach-col-naloxone = Naloxona entregada / usada
# en-hash: 76ffc344
outreach-col-referrals = Derivaciones
# en-hash: d892430e
outreach-none = No hay recorridos ni eventos en este periodo.
# en-hash: ba67abac
outreach-list = Recorridos y eventos
# en-hash: 08ee52ae
outreach-kind-walk = Recorrido
# en-hash: 4e1f49a9
outreach-kind-event = Evento
# en-hash: c5bebbad
done-outreach = Guardado. El recorrido está contado.
# en-hash: a5803fdf
channel-outreach = Alcance comunitario
# en-hash: 4172102d
tally-title = Registrar un recorrido
# en-hash: d64cf872
tally-intro = Cuente sobre la marcha; envíe una vez al final. Sin señal, este teléfono lo guarda y lo envía cuando vuelva la señal.
# en-hash: 581ec77d
tally-kind = ¿Qué fue?
# en-hash: 1daaa38f
tally-place = Dónde
# en-hash: 3a2eb0fb
tally-place-hint = Una cuadra, una esquina o un lugar con nombre, como "Central Square" o "Mass Ave and Prospect St". Una dirección se guarda solo como su cuadra.
# en-hash: ecbc89cd
tally-started = Empezó
# en-hash: 7cdc804e
tally-ended = Terminó
# en-hash: 8186c221
tally-people = Quiénes fueron
# en-hash: adb81391
tally-people-hint = Un recorrido necesita al menos dos personas.
# en-hash: c3ea5bf7
tally-counts = Cuentas
# en-hash: abb3698e
tally-people-reached = Personas alcanzadas
# en-hash: 1d432f58
tally-conversations = Conversaciones
# en-hash: 3ecd4312
tally-naloxone-given = Naloxona entregada
# en-hash: e9a6a1e6
tally-naloxone-used = Naloxona usada (una sobredosis revertida)
# en-hash: ca33ea42
tally-referrals = Derivaciones hechas
# en-hash: aa0c0045
tally-asked = Pidieron un equipo (cada una abre una solicitud)
# en-hash: 8846a863
tally-less = Uno menos: { $name }
# en-hash: 60b5e449
tally-more = Uno más: { $name }
# en-hash: b490ac75
tally-items = Entregado
# en-hash: b7a2f999
tally-codes = Códigos de regreso (opcional)
# en-hash: 61ae68df
tally-codes-hint = Solo con el acuerdo de la persona: las partes que elija dar, como iniciales y mes de nacimiento, o un apodo. Una persona por línea. Solo se guarda una forma revuelta, que nadie puede leer; nos deja contar a cada persona una vez.
# en-hash: e59e6114
tally-send = Enviar el recorrido
# en-hash: 7ca7dea9
supply-water = Agua
# en-hash: e4eb1806
supply-food = Comida
# en-hash: c25faab7
supply-socks = Calcetines
# en-hash: 57f3d50a
supply-hygiene_kits = Kits de higiene
# en-hash: 5bea3ab3
supply-clothing = Ropa
# en-hash: 49d31f63
supply-blankets = Mantas
# en-hash: 6d2d8fa9
supply-tents = Carpas
# en-hash: 041357fe
supply-naloxone = Naloxona
# en-hash: 8ea0709b
supply-fentanyl_test_strips = Tiras de prueba de fentanilo
# en-hash: 273f1a44
supply-phone_chargers = Cargadores de teléfono
# en-hash: d237eef3
supply-transit_passes = Pases de transporte
# en-hash: 656e5c8a
field-error-before_start = Debe ser después del inicio.
# en-hash: fc3b5e82
field-error-in_future = Esto aún no ha pasado: registre un recorrido al terminar.
# en-hash: adb81391
field-error-too_few = Un recorrido necesita al menos dos personas.
# en-hash: 5a909f94
field-error-more_than_given = Es más de lo que se entregó.
# en-hash: fa8583ee
field-name-place = { tally-place }
# en-hash: 9e372027
field-name-people = { tally-people }
# en-hash: b349ef86
field-name-codes = { tally-codes }
# en-hash: 4cb55472
impact-table-outreach = Recorridos y eventos de alcance por mes
# en-hash: d1010028
impact-table-outreach-hint = Contados sin nombres. Las personas distintas son las que dieron un código de regreso, contadas una vez en cada mes, así que los meses no se suman.
# en-hash: abb3698e
outreach-col-people_reached = Personas alcanzadas
# en-hash: d13913e0
outreach-col-unique_people = Personas distintas (códigos)
# en-hash: 3ecd4312
outreach-col-naloxone_given = Naloxona entregada
# en-hash: 6e38287d
outreach-col-naloxone_used = Naloxona usada
# en-hash: 878ada94
outreach-col-asked_for_team = Pidieron un equipo
# en-hash: e22578f1
tally-reopen = Abrirlo de nuevo para corregir

## Línea de apoyo
# en-hash: 86d71ba0
nav-warmline = Línea de apoyo
# en-hash: 86d71ba0
warmline-title = Línea de apoyo
# en-hash: f66f9c9b
warmline-intro = Una llamada o un mensaje que no necesita una solicitud: alguien quería hablar, o pidió un número. Regístrelo con tres respuestas. No se pregunta ni se guarda nada sobre la persona; se cuenta en las cifras del equipo.
# en-hash: 4f846a84
warmline-minutes = Minutos
# en-hash: d9fa908f
warmline-about = ¿De qué se trató?
# en-hash: 85ab7ab4
warmline-offered = ¿Qué se ofreció?
# en-hash: f5c231f2
warmline-channel = Cómo nos contactó
# en-hash: 7db7212d
warmline-save = Registrarlo
# en-hash: 5e5f8001
done-warmline = Registrado. Gracias.
# en-hash: b168d555
warmline-about-wanted_to_talk = Quería hablar
# en-hash: 3c65f815
warmline-about-loneliness = Soledad
# en-hash: dbcb26fe
warmline-about-mental_health = Salud mental
# en-hash: 90d097cc
warmline-about-substance_use = Consumo de sustancias
# en-hash: 76f5ad67
warmline-about-housing = Vivienda
# en-hash: e4eb1806
warmline-about-food = Comida
# en-hash: 5ccc2e87
warmline-about-money = Dinero
# en-hash: 726d11bd
warmline-about-safety = Seguridad
# en-hash: e3a24fbf
warmline-about-asked_for_a_number = Pidió un número
# en-hash: cc728431
warmline-about-other = Otra cosa
# en-hash: 32059103
warmline-offered-listened = Escuchamos
# en-hash: 1cb0ba12
warmline-offered-information = Información
# en-hash: a3d4bb11
warmline-offered-a_number_to_call = Un número al que llamar
# en-hash: 28625989
warmline-offered-referral = Una derivación
# en-hash: c393e0e1
warmline-offered-mutual_aid_information = Cómo pedir ayuda mutua
# en-hash: 11575dd8
warmline-offered-a_call_back = Volver a llamar
# en-hash: 96ab8799
warmline-offered-crisis_line = La línea de crisis
# en-hash: 39423eda
impact-table-warmline = Contactos de la línea de apoyo por mes y tema
# en-hash: f38a80d9
impact-table-warmline_offered = Contactos de la línea de apoyo por mes y lo que se ofreció
# en-hash: 118845df
impact-table-warmline_minutes = Minutos de la línea de apoyo por mes
# en-hash: bd2b912d
impact-table-warmline-offered-hint = A un contacto se le pueden ofrecer varias cosas, así que esta tabla no tiene totales.
# en-hash: 73612ebc
field-name-minutes = { warmline-minutes }
# en-hash: 4ad5e8ad
field-name-about = { warmline-about }
# en-hash: 7d0ec572
field-name-offered = { warmline-offered }

## Conversaciones después de llamadas difíciles
# en-hash: 16e92472
nav-debriefs = Conversaciones
# en-hash: 16f1f97e
debriefs-title = Conversaciones después de llamadas difíciles
# en-hash: 50796a39
debriefs-intro = Una llamada difícil abre una conversación: una alerta de "necesito ayuda", un contacto con EMS, una muerte, violencia vista, o un equipo que dice que fue difícil. Hable con quienes fueron dentro de un día. Lo que se dice no se escribe; solo que ocurrió.
# en-hash: dea0f6c6
debriefs-none = No hay conversaciones pendientes.
# en-hash: e3924f28
debriefs-no-team = Sin equipo
# en-hash: 01ca415c
debriefs-due = Para { $time }
# en-hash: 5e208e7f
debriefs-overdue = Atrasada desde { $time }
# en-hash: 9c6da702
debriefs-request = La solicitud
# en-hash: 1204e2e7
debriefs-time-off = Alguien pidió tiempo libre
# en-hash: 670b4e52
debriefs-mark-done = Ya hablamos
# en-hash: 1ead15e4
done-debrief = Guardado. Gracias por cuidar al equipo.
# en-hash: 0febc184
debrief-reason-need_help = Se pulsó "necesito ayuda"
# en-hash: bef3cc92
debrief-reason-ems = Se llamó a EMS
# en-hash: 489e0712
debrief-reason-death = Alguien murió
# en-hash: 36897661
debrief-reason-violence = Se vio violencia
# en-hash: edf1b172
debrief-reason-hard = Fue difícil
# en-hash: a5ebeda2
debrief-done = hablado
# en-hash: feb9a474
debrief-waiting = esperando una conversación
# en-hash: 16f1f97e
account-debriefs = Conversaciones después de llamadas difíciles
# en-hash: 777cf707
account-debriefs-intro = Llamadas difíciles de su equipo en los últimos 90 días, y si el equipo ya habló de ellas. Si necesita tiempo libre o alguien con quien hablar, dígalo a una persona coordinadora.
# en-hash: c7859dcf
enc-team-care = Para el equipo (no es parte del registro de la persona)
# en-hash: c57bc445
enc-team-care-hint = Cualquiera de estas pide a una persona coordinadora que hable con el equipo dentro de un día.
# en-hash: acf9fd8a
enc-hard = Fue difícil
# en-hash: 9ff58339
enc-violence = Vimos violencia
# en-hash: 489e0712
enc-death = Alguien murió

## Capacitaciones
# en-hash: 6b7c0fb1
nav-trainings = Capacitaciones
# en-hash: 6b7c0fb1
trainings-title = Capacitaciones
# en-hash: bf341ddc
trainings-intro = En qué se capacitó cada persona del equipo, y hasta cuándo vale. Una capacitación vencida, o que vence en 30 días, se muestra primero, aquí y en la página de cuenta de la persona.
# en-hash: c1ebc781
trainings-soon = Requiere atención
# en-hash: 0a20b961
trainings-all = Todas las capacitaciones
# en-hash: 2fe2607c
trainings-none = Aún no hay capacitaciones registradas.
# en-hash: 6007db63
trainings-person = Persona
# en-hash: 36a798e3
trainings-kind = Capacitación
# en-hash: d3df0df9
trainings-date = Día de la capacitación
# en-hash: d190e943
trainings-expires = Vale hasta
# en-hash: fe18013d
trainings-standing = Ahora
# en-hash: 86771290
trainings-no-expiry = No vence
# en-hash: c3812fc4
trainings-remove = Quitar
# en-hash: e1cc0b34
trainings-remove-one = Quitar la capacitación de { $name } del { $date }
# en-hash: dcc1087d
trainings-add = Registrar una capacitación
# en-hash: 7ca41615
trainings-choose = Elija…
# en-hash: 53cfa45a
trainings-save = Registrarla
# en-hash: 69278652
done-training = Guardado. La capacitación está registrada.
# en-hash: b4df0c43
done-training_removed = Quitada.
# en-hash: d4d7b17c
training-kind-first_aid = Primeros auxilios
# en-hash: 041357fe
training-kind-naloxone = Naloxona
# en-hash: 674c58f9
training-kind-de_escalation = Desescalada
# en-hash: 79f6a317
training-kind-peer_support = Apoyo entre pares
# en-hash: 4318d6cd
training-kind-mandated_reporting = Denuncia obligatoria
# en-hash: d61f3033
training-kind-driving = Conducción
# en-hash: f97e9da0
training-kind-other = Otra
# en-hash: 97b05602
training-standing-current = vigente
# en-hash: 03017439
training-standing-expiring = vence en 30 días
# en-hash: 26ab0ccc
training-standing-expired = vencida
# en-hash: 1f6c51e9
account-trainings = Sus capacitaciones
# en-hash: 4c37e1a8
field-name-expires = { trainings-expires }
# en-hash: 150f3d78
conflict-done-already = Alguien ya marcó esta conversación como hecha.
# en-hash: 3b83c3ab
field-error-over_caseload = Ya tiene tantos seguimientos como una persona debería llevar. Diga por qué toma uno más, o déjelo para otra persona.
# en-hash: eec8becf
follow-up-caseload-reason = ¿Por qué tomar uno más?
# en-hash: 89a39f98
follow-up-take-anyway = Tomarlo igualmente
# en-hash: bc669512
caseload-reason-covering_for_someone = Cubro a alguien
# en-hash: 61924a2a
caseload-reason-knows_the_person = La persona me conoce
# en-hash: f8ba1c66
caseload-reason-short_staffed = Nos falta gente
# en-hash: 21ff841a
caseload-reason-other = Otro motivo

## Supplies
# en-hash: 6be75605
nav-supplies = Suministros
# en-hash: 6be75605
supplies-title = Suministros
# en-hash: df09582c
supplies-intro = Lo que guarda el equipo, dónde y hasta cuándo. Las existencias nunca bajan de cero. Cada cambio se registra con quién lo hizo.
# en-hash: bdba8e35
supplies-receive = Suministros recibidos
# en-hash: 4a8e46d0
supplies-give = Suministros entregados
# en-hash: 89fd1b89
supplies-move = Suministros trasladados
# en-hash: 43330c50
supplies-levels = Niveles de existencias bajas
# en-hash: c11d8a12
supplies-watch = Bajos o por vencer
# en-hash: bffd84e5
supplies-watch-none = Nada está bajo, vencido ni vence en los próximos 30 días.
# en-hash: 8b081953
supplies-low = bajo: quedan { $n }
# en-hash: 12e0114e
supplies-expiring = { $n } vencidos o vencen en 30 días
# en-hash: 79789bf1
supplies-shortfalls = Entregado en recorridos más allá de las existencias
# en-hash: d2c3ea02
supplies-shortfalls-intro = Un recorrido entregó más de lo que había en existencias. Revise la cifra y márquela como revisada.
# en-hash: 1c017b4d
supplies-short-by = { $n } más de lo que había
# en-hash: 44721348
supplies-checked = Revisado
# en-hash: d5cade7e
supplies-stock = Existencias
# en-hash: cd7e048b
supplies-none = Aún no hay suministros registrados.
# en-hash: f5387f9b
supplies-kind = Tipo
# en-hash: e9463dcc
supplies-place = Lugar
# en-hash: 9de5d84e
supplies-on-hand = Disponibles
# en-hash: ee1d183e
supplies-low-at = Bajo en
# en-hash: 1783c689
supplies-low-at-hint = Con este número o menos, las existencias aparecen como bajas y van en el aviso diario. 0 significa nunca bajo.
# en-hash: da05861f
supplies-expiring-30 = Vencidos o vencen en 30 días
# en-hash: 6c1ff09d
supplies-is-low = bajo
# en-hash: 952146e9
supplies-moves = Últimos cambios
# en-hash: e8e9207c
supplies-moves-none = Aún no se ha recibido, entregado ni trasladado nada.
# en-hash: 49f19bee
supplies-dir-received = Recibido
# en-hash: b490ac75
supplies-dir-given = Entregado
# en-hash: b11c9047
supplies-dir-moved = Trasladado
# en-hash: e2f819f1
supplies-by-walk = en un recorrido
# en-hash: dad5a969
supplies-receipt-link = Recibo
# en-hash: bdba8e35
supplies-received-title = Suministros recibidos
# en-hash: 4a8e46d0
supplies-given-title = Suministros entregados
# en-hash: 89fd1b89
supplies-moved-title = Suministros trasladados
# en-hash: 2fb0991c
supplies-back = Volver a suministros
# en-hash: 4fc0e970
supplies-received-place = Guardado en
# en-hash: 25aec327
supplies-given-place = Entregado desde
# en-hash: de6de588
supplies-moved-place = Trasladado desde
# en-hash: 44f8b879
supplies-to-place = Trasladado a
# en-hash: e2a6ff2c
supplies-count = Cuántos
# en-hash: 71712ec2
supplies-expires = Vence el
# en-hash: b4d1f9ad
supplies-expires-hint = Déjelo vacío si no vence. No un día pasado.
# en-hash: 8246c8b3
supplies-source = De dónde vino
# en-hash: c67941a4
supplies-source-bought = Comprado
# en-hash: ce60b5a6
supplies-source-donated = Donado
# en-hash: f97e9da0
supplies-source-other = Otro
# en-hash: 29c5acbf
supplies-ledger-entry = Asiento contable
# en-hash: c10a07c2
supplies-ledger-entry-hint = Comprado: la referencia del asiento contable que lo pagó.
# en-hash: 0874350c
supplies-donor-name = Nombre de quien dona
# en-hash: 5ec63593
supplies-donor-name-hint = Donado: el nombre para el recibo. Déjelo vacío para no ponerlo.
# en-hash: d8d98986
supplies-donor-email = Correo de quien dona
# en-hash: ddc8ae8f
supplies-donor-email-hint = Donado: opcional. Con él, la donación se guarda con los datos de quien dona, como las donaciones de dinero.
# en-hash: eeea61ca
supplies-request = Solicitud (ayuda mutua)
# en-hash: 5da209e6
supplies-request-hint = Opcional: la referencia de la solicitud a la que fueron.
# en-hash: 1509f561
supplies-save = Guardar
# en-hash: 8410efc4
supplies-levels-intro = Fije el número con el que un tipo en un lugar cuenta como bajo.
# en-hash: f529c629
supplies-levels-set = Niveles fijados
# en-hash: c7b807c2
supplies-levels-none = Aún no hay niveles fijados.
# en-hash: 3689d829
supplies-levels-change = Fijar un nivel
# en-hash: ad725ad3
supplies-receipt-title = Recibo de suministros donados
# en-hash: 4ab57fe1
supplies-receipt-thanks = Gracias por su donación
# en-hash: 4aaf38f5
supplies-receipt-items = Lo que donó
# en-hash: a4f3251f
supplies-receipt-no-value = Recibimos estos artículos como donación. Este recibo no indica ningún valor.
# en-hash: 9e380d99
supply-place-office = Oficina
# en-hash: 1d319b83
supply-place-van = Furgoneta
# en-hash: 701571ab
board-supplies = Suministros para revisar
# en-hash: 717f1c79
board-supplies-see = Ver suministros
# en-hash: f1bad134
push-word-supplies = Algunos suministros están bajos o vencen pronto. Vea la página de suministros.
# en-hash: 6f5ed7bc
done-supplies_received = Guardado. Los suministros se sumaron a las existencias.
# en-hash: da1bece7
done-supplies_given = Guardado. Los suministros se restaron de las existencias.
# en-hash: bba2e418
done-supplies_moved = Guardado. Los suministros se trasladaron.
# en-hash: 99dab8b5
done-supply_level = Guardado. El nivel está fijado.
# en-hash: eba32659
done-shortfall_checked = Guardado. La diferencia está marcada como revisada.
# en-hash: fd9b3543
field-error-same_place = Elija un lugar distinto.
# en-hash: cfa23bdd
field-error-only_moved = Solo para suministros trasladados.
# en-hash: 7f84b3e8
field-error-only_received = Solo para suministros recibidos.
# en-hash: 4367ddcc
field-error-only_bought = Solo para suministros comprados.
# en-hash: b0254200
field-error-only_donated = Solo para suministros donados.
# en-hash: 32a8908f
field-error-only_given = Solo para suministros entregados.
# en-hash: aedf1d91
field-error-more_than_on_hand = Esto es más de lo que hay en existencias.
# en-hash: 26cb7094
field-error-in_past = Este día ya pasó.
# en-hash: 44f8b879
field-name-to_place = Trasladado a
# en-hash: 29c5acbf
field-name-ledger_entry_id = Asiento contable
# en-hash: 0874350c
field-name-donor_name = Nombre de quien dona
# en-hash: d8d98986
field-name-donor_email = Correo de quien dona
# en-hash: 59f03d64
field-name-request_id = Solicitud
# en-hash: ee1d183e
field-name-low_at = Bajo en

## Hours and rest
# en-hash: 860946c7
rota-past-title = Esto pasa de sus horas o de su descanso
# en-hash: ae15c130
rota-past-confirm = El descanso importa, para usted y para las personas que apoya. Aún puede anotarse. Se avisará a quienes coordinan, para que hablen con usted.
# en-hash: 8cd7099f
rota-past-anyway = Anotarme de todos modos
# en-hash: a0e63d7c
rota-past-not = Ahora no
# en-hash: dc49d1f5
rota-my-week = Sus horas en el calendario esta semana: { $hours } de { $limit }.
# en-hash: 27eba804
rota-strained = Más horas o poco descanso
# en-hash: b9752642
rota-strained-intro = Personas con más horas de las que fijó el equipo, o con poco descanso entre dos turnos. Hable con ellas.
# en-hash: eb74fa16
rota-strained-hours = { $name }: { $hours } horas,
# en-hash: 5fad0601
rota-strained-rest = { $name } tiene poco descanso antes o después de este turno.
# en-hash: 05576c6d
rota-place-reason = Si pasa de sus horas o descanso, por qué
# en-hash: 9ccacf99
rota-place-reason-none = No hace falta
# en-hash: 00209fc3
rota-reason-they_asked = La persona lo pidió
# en-hash: 32c93778
rota-reason-short_staffed = Falta gente
# en-hash: bc669512
rota-reason-covering_for_someone = Cubre a alguien
# en-hash: 21ff841a
rota-reason-other = Otro motivo
# en-hash: a3828243
field-error-past_hours = Esto pasa de las horas por semana que fijó el equipo.
# en-hash: fc5a2789
field-error-past_rest = Esto deja muy poco descanso entre dos turnos.
# en-hash: d3ae14a5
field-name-reason = Por qué
# en-hash: f8caa6d2
push-word-rota-strain = Un turno pasa de las horas o del descanso de alguien. Vea el calendario de turnos.
# en-hash: 534bc6ce
account-hours = Sus horas
# en-hash: 009a1605
account-hours-rest = El equipo pide al menos { $hours } horas de descanso entre dos turnos. Vea el calendario de turnos para cambiar sus turnos.
# en-hash: 18ecc184
assign-training = Este tipo de solicitud necesita a alguien con capacitación en { $training }. Los equipos que la tienen van primero.
# en-hash: 450ae7d6
assign-training-none = Este tipo de solicitud necesita a alguien con capacitación en { $training }. Ningún equipo de turno tiene a alguien con ella ahora.
# en-hash: 13c94bbf
assign-has-training = tiene la capacitación
# en-hash: b3667637
field-error-with_receipt = El recibo ya nombra a quien dona.
# en-hash: dad5a969
field-name-receipt = Recibo
# en-hash: 439917f8
supplies-receipt-add = Añadir otro artículo a este recibo
# en-hash: c3674706
supplies-receipt-adding = Este artículo va en el recibo del { $date }.
# en-hash: 4ea77207
supplies-discard = Suministros desechados
# en-hash: d134cf94
supplies-discarded-title = Suministros desechados (vencidos o dañados)
# en-hash: cdda1876
supplies-discarded-place = Sacado de
# en-hash: 519c0392
supplies-dir-discarded = Desechado
# en-hash: 02df9f2d
done-supplies_discarded = Guardado. Los suministros se restaron de las existencias como desechados.
# en-hash: f9fe9267
field-error-needs_reason = Esto pasa de sus horas o de su descanso. Elija por qué ubicarle.
# en-hash: aa74f400
nav-circles = Círculos
# en-hash: aa74f400
circles-title = Círculos
# en-hash: 73f4ca16
circles-intro = Un círculo ayuda a personas en conflicto, o después de un daño, a resolverlo juntas: conversaciones por separado con cada persona, un círculo conjunto cuando todas estén listas, un acuerdo y seguimientos durante semanas. Solo quienes facilitan un círculo leen lo que se dice en él. Cada persona puede salir cuando quiera.
# en-hash: 9b155aaa
circles-yours = Círculos que usted facilita
# en-hash: aaf7d2df
circles-none = Todavía no facilita ningún círculo.
# en-hash: ca034766
circles-untitled = Círculo abierto el { $date }
# en-hash: 635aa9be
circles-open = Abrir un círculo
# en-hash: e6c4bc38
circles-open-hint = Nombre a dos o más facilitadores. Solo ellos leerán las palabras del círculo, incluido su título.
# en-hash: 8280fbd6
circles-title-field = Título (opcional)
# en-hash: 347389bd
circles-title-hint = Unas palabras para los facilitadores. Evite nombres.
# en-hash: 1cdd53ff
circles-facilitators = Facilitadores
# en-hash: cab28c40
circles-facilitators-hint = Elija al menos dos personas con la capacidad de círculo.
# en-hash: c79022ab
circles-no-facilitators = Nadie tiene todavía la capacidad de círculo. Una persona administradora puede darla.
# en-hash: 35f68806
circles-request = Solicitud de la que surgió (opcional)
# en-hash: d23b3947
circles-request-hint = El identificador de la solicitud, si el círculo surgió de una llamada.
# en-hash: 3e3e0ba2
circles-open-submit = Abrir el círculo
# en-hash: b93d3bce
circle-title = Círculo
# en-hash: 98a2e5b8
circle-private = Solo los facilitadores de este círculo ven esta página. Las palabras de cada persona se guardan bajo su propia clave.
# en-hash: 2ea02f3e
circle-stage-now = Etapa: { $name }
# en-hash: 6302a3be
circle-facilitators = Facilitadores:
# en-hash: beb8194b
circle-move-to = Pasar a
# en-hash: 6faf8f69
circle-move-hint = Avance una etapa a la vez, haga una pausa o termine. Un círculo conjunto necesita que todas las personas que siguen participando acepten participar y reunirse.
# en-hash: c49cb987
circle-move = Mover el círculo
# en-hash: b19fb8d1
circle-stage-opened = Abierto
# en-hash: e4e8b89a
circle-stage-pre_meetings = Conversaciones por separado
# en-hash: df312f5c
circle-stage-circle = Círculo conjunto
# en-hash: 2dff10f6
circle-stage-agreement = Acuerdo
# en-hash: 2aaa5b33
circle-stage-check_ins = Seguimientos
# en-hash: c21ead06
circle-stage-closed = Cerrado
# en-hash: e159b061
circle-stage-paused = En pausa
# en-hash: 253e526e
circle-stage-ended = Terminado sin acuerdo
# en-hash: 0207c30f
circle-people = Personas en el círculo
# en-hash: 2812ab22
circle-people-none = Todavía no se ha añadido a nadie.
# en-hash: de2774db
circle-a-participant = una persona participante
# en-hash: 15250a8b
circle-person-erased = El registro de esta persona fue borrado. Lo que dijo ya no existe.
# en-hash: df87b515
circle-withdrawn = Se retiró
# en-hash: 8c16819a
circle-language = Idioma:
# en-hash: 78d6db65
circle-contact = Contacto seguro:
# en-hash: b279621a
circle-take-part = Aceptó participar
# en-hash: 6365266a
circle-meet = Aceptó una reunión conjunta
# en-hash: dd53c7c9
circle-consent-not-asked = aún no se preguntó
# en-hash: 8a798890
circle-consent-yes = sí
# en-hash: 9390298f
circle-consent-no = no
# en-hash: bdbca2f5
circle-agrees-take-part = Acepta participar
# en-hash: 5cba5f61
circle-withdraws = Se retira
# en-hash: ad20c2c2
circle-agrees-meet = Acepta reunirse
# en-hash: 5733a479
circle-declines-meet = No quiere reunirse
# en-hash: 502d6dbe
circle-safety-plan = Plan de seguridad
# en-hash: 1145c5a1
circle-plan-who = A quién puede llamar
# en-hash: 78774a02
circle-plan-unsafe = Qué quiere que pase si se siente en peligro
# en-hash: 8a66ea41
circle-plan-save = Guardar el plan de seguridad
# en-hash: 64dedd38
circle-record = Su registro: exportar o borrar
# en-hash: f8cf83a7
circle-record-what = Qué
# en-hash: 7e48f54b
circle-record-export = Exportar para la persona
# en-hash: abe8355e
circle-record-erase = Borrar su registro
# en-hash: d3ae14a5
circle-record-reason = Por qué
# en-hash: 8e392434
circle-record-ask = Pedir que otro facilitador lo apruebe
# en-hash: 200395f5
circle-add-person = Añadir una persona
# en-hash: 987f4af3
circle-role-words = Cómo quiere que se le nombre
# en-hash: ee5ae809
circle-role-words-hint = Sus propias palabras, por ejemplo "la persona dañada", "una persona de apoyo", "un vecino".
# en-hash: 564c4a4f
circle-language-field = Idioma (opcional)
# en-hash: 9776d6b7
circle-contact-field = Cómo y cuándo es seguro contactarle (opcional)
# en-hash: aa43c4de
circle-add-person-submit = Añadir
# en-hash: 3422ecf0
circle-notes = Notas de las conversaciones
# en-hash: ccca9335
circle-notes-hint = Cada nota pertenece a una persona y se guarda bajo su clave. Nada de lo que dijo una persona se muestra a otra.
# en-hash: ea44a2cb
circle-note-person = Con quién
# en-hash: ec352519
circle-note-text = Qué se dijo o acordó
# en-hash: b78d3ddc
circle-note-save = Guardar la nota
# en-hash: 57bde4de
circle-notes-none = Todavía no hay notas.
# en-hash: 538af2e7
circle-note-erased = (borrada)
# en-hash: fa5fda37
circle-agreements = Acuerdos
# en-hash: 0a78ff3b
circle-agreement-print = Acuerdo para imprimir
# en-hash: bcb423af
circle-agreement-agrees = { $name } está de acuerdo con esto
# en-hash: c2736ba3
circle-agreement-withdraw = { $name } retira su acuerdo
# en-hash: 7f6471be
circle-agreement-new = Hacer un acuerdo
# en-hash: dacf921d
circle-commitment-n = Compromiso { $n }
# en-hash: 856ef98a
circle-agreement-save = Guardar el acuerdo
# en-hash: 2aaa5b33
circle-check-ins = Seguimientos
# en-hash: 5147b8d1
circle-check-in-due = Seguimiento el { $date }
# en-hash: 483bd490
circle-check-in-result = Qué pasó
# en-hash: f9b73e1a
circle-check-in-note = Nota (opcional)
# en-hash: f3f839a6
circle-check-in-new-day = Nuevo día, si pidió otro
# en-hash: aaa8d3c8
circle-status-unchanged = sin cambios
# en-hash: 19e4752c
circle-check-in-save = Guardar el seguimiento
# en-hash: f6286859
circle-check-in-schedule-day = Día del próximo seguimiento
# en-hash: 868d556e
circle-check-in-schedule = Programar un seguimiento
# en-hash: 36a0619d
circle-asks = Exportaciones y borrados pedidos
# en-hash: d86ff267
circle-erase-confirm = Entiendo que esto no se puede deshacer
# en-hash: a7aa567d
circle-code = Código de su aplicación de autenticación
# en-hash: 6007acbe
circle-approve = Aprobar
# en-hash: e2e6fcf2
circle-download = Descargar la exportación
# en-hash: 2dff10f6
agreement-title = Acuerdo
# en-hash: 3b382c36
agreement-made = Acuerdo del { $date }
# en-hash: 35ebc105
agreement-commitments = Compromisos
# en-hash: 5785a544
agreement-who = Quién se compromete
# en-hash: be09fa44
agreement-what = A qué se compromete
# en-hash: 125466b8
agreement-due = Para el
# en-hash: fe18013d
agreement-status = Ahora
# en-hash: 7bb93ece
agreement-agreed-by = Aceptado por:
# en-hash: 70a71c79
agreement-no-consent = Nadie ha aceptado esto todavía.
# en-hash: e1c588d1
agreement-back = Volver al círculo
# en-hash: 2348f998
commitment-open = abierto
# en-hash: 79f076ab
commitment-kept = cumplido
# en-hash: 2b6b853c
commitment-in_progress = en curso
# en-hash: e7657cf3
commitment-not_kept = no cumplido
# en-hash: eaaf598b
done-circle_opened = El círculo está abierto.
# en-hash: aa4a5187
done-circle_person = Añadido.
# en-hash: 5056760a
done-circle_note = Guardado. La nota se guarda bajo la clave de esa persona.
# en-hash: 6f77cb39
done-circle_consent = Registrado.
# en-hash: e52ae156
done-circle_stage = El círculo avanzó.
# en-hash: f8697600
done-circle_agreement = El acuerdo está guardado.
# en-hash: fb1b042d
done-circle_plan = El plan de seguridad está guardado.
# en-hash: 7d5b1aa6
done-circle_check_in = El seguimiento está programado.
# en-hash: da63572b
done-circle_check_in_result = El seguimiento está registrado.
# en-hash: 21ed4a15
done-circle_asked = Pedido. Otro facilitador debe aprobarlo.
# en-hash: cc670a30
done-circle_decided = Decidido.
# en-hash: b2cf20ad
conflict-circle-done = Este círculo está cerrado o terminado.
# en-hash: 50981cd7
conflict-needs-agreement = Un seguimiento viene después de un acuerdo. Haga primero el acuerdo.
# en-hash: e4b68a56
conflict-already-done = Esto ya estaba registrado.
# en-hash: a7378d86
field-error-two_needed = Nombre al menos a dos facilitadores.
# en-hash: 3034e089
field-error-not_facilitator = Esta persona no tiene la capacidad de círculo.
# en-hash: 9b20ee34
field-error-not_in_circle = Esta persona no está en el círculo.
# en-hash: 7fec3dc3
field-error-withdrawn = Esta persona se retiró del círculo.
# en-hash: 37da6bf6
field-error-erased = El registro de esta persona fue borrado.
# en-hash: 509eedc0
field-error-not_for_this = Esto es solo para un acuerdo.
# en-hash: 17777688
field-error-not_next = Un círculo avanza una etapa a la vez, hace una pausa o termina.
# en-hash: 15ec9881
field-error-needs_consent = Todas las personas que siguen participando deben aceptar participar y reunirse antes de un círculo conjunto.
# en-hash: a63eeed1
field-error-needs_agreement = Haga primero un acuerdo.
# en-hash: b2cf20ad
field-error-circle_done = Este círculo está cerrado o terminado.
# en-hash: 74f81933
field-error-no_one_holds = Nadie que participe en el círculo se nombra así.
# en-hash: 7e8cd205
field-name-title = Título
# en-hash: 1cdd53ff
field-name-facilitators = Facilitadores
# en-hash: 987f4af3
field-name-role_words = Cómo quiere que se le nombre
# en-hash: a4fe6526
field-name-language = Idioma
# en-hash: f21c7a4a
field-name-contact = Contacto seguro
# en-hash: 6007db63
field-name-person_id = Persona
# en-hash: d8da2c49
field-name-text = Nota
# en-hash: de838855
field-name-stage = Etapa
# en-hash: 8f2364e1
field-name-due = Día
# en-hash: cef4fc73
field-name-what = Consentimiento a
# en-hash: 2dff10f6
field-name-agreement_id = Acuerdo
# en-hash: 35ebc105
field-name-commitments = Compromisos
# en-hash: 483bd490
field-name-result = Qué pasó
# en-hash: 1145c5a1
field-name-who_to_call = A quién puede llamar
# en-hash: 591364a1
field-name-if_unsafe = Si se siente en peligro
# en-hash: f8cf83a7
field-name-kind = Qué
# en-hash: d8da2c49
field-name-note = Nota
# en-hash: 23a1b3eb
field-error-over_limit = Hay demasiados.
# en-hash: 651bb684
inv-circle = Círculos: las palabras con que cada persona de un círculo elige que se le nombre, su idioma y su forma de contacto seguro, su plan de seguridad, las notas de las conversaciones con ella y los acuerdos
# en-hash: 520e95a5
inv-circle-why = Para que los facilitadores ayuden a las personas a resolver juntas un conflicto o un daño, con las palabras de cada persona guardadas solo para ella.
# en-hash: ea72772d
inv-circle-kept = Hasta { $days } días después de que el círculo se cierra; entonces se destruyen todas sus claves. Una persona puede pedir ver lo suyo o que se borre en cualquier momento.
# en-hash: 5b6e6272
inv-circle-who = Solo los facilitadores del círculo. Nadie más, tampoco la administración.
# en-hash: c3a5654a
inv-circle-how = Las palabras de cada persona se guardan bajo su propia clave, los acuerdos bajo una clave propia del círculo. Borrar a una persona deja las palabras de las demás como estaban.
# en-hash: 04753976
circle-from-request-link = Abrir un círculo a partir de esta solicitud
# en-hash: 630d749b
circles-check-in-due = Seguimiento previsto el { $date }
# en-hash: 05ab6356
circles-check-in-overdue = Seguimiento pendiente desde el { $date }
