# Las palabras del guion de evaluación (config/triage.toml), por id de mensaje. Traducido de
# locales/en-US/triage.ftl; una prueba exige que cada texto del guion tenga su mensaje aquí.

# en-hash: 42b85df5
triage-q-medical = ¿Hay alguien herido, inconsciente, con dificultad para respirar, sangrando mucho, con dolor en el pecho o con una sobredosis en este momento?
# en-hash: 85a39ab3
triage-a-medical-yes = Sí
# en-hash: 1ea442a1
triage-a-medical-no = No
# en-hash: dca5fa43
triage-a-medical-unsure = No sé
# en-hash: 836f81eb
triage-q-in_area = ¿Está la persona en la zona que atiende el equipo?
# en-hash: 85a39ab3
triage-a-in_area-yes = Sí
# en-hash: 1ea442a1
triage-a-in_area-no = No
# en-hash: dca5fa43
triage-a-in_area-unsure = No sé
# en-hash: f1542d0f
triage-q-where_now = ¿Dónde está la persona ahora?
# en-hash: 6743866e
triage-a-where_now-outside = Afuera, en un lugar público
# en-hash: 9f04b443
triage-a-where_now-sheltering = Refugiándose en un lugar que no es para eso (un portal, el vestíbulo de un cajero automático, una escalera)
# en-hash: 9c9d752a
triage-a-where_now-home = En casa o en un lugar privado
# en-hash: e182f05e
triage-a-where_now-not_said = Prefiere no decirlo, o no se sabe
# en-hash: 39f9b27b
triage-q-weather = ¿Está expuesta al frío, al calor o al mal tiempo?
# en-hash: 85a39ab3
triage-a-weather-yes = Sí
# en-hash: 1ea442a1
triage-a-weather-no = No
# en-hash: f4dea287
triage-q-distress = ¿Cómo está la persona ahora mismo?
# en-hash: 67345cee
triage-a-distress-acute = Muy angustiada o en duelo
# en-hash: df07d69b
triage-a-distress-struggling = Pasándolo mal, pero puede hablar
# en-hash: 38f6b83e
triage-a-distress-calm = Tranquila
# en-hash: 91cdf976
triage-q-suicide = ¿Ha hablado la persona de pensamientos de suicidio o de quitarse la vida?
# en-hash: 1ea442a1
triage-a-suicide-no = No
# en-hash: be56b38a
triage-a-suicide-thoughts = Sí, pensamientos
# en-hash: d1c55ab8
triage-a-suicide-plan_now = Sí, con un plan o los medios ahora mismo
# en-hash: 4434b55c
triage-q-wants_visit = ¿Quiere la persona que alguien vaya a verla en persona?
# en-hash: 85a39ab3
triage-a-wants_visit-yes = Sí
# en-hash: 1ea442a1
triage-a-wants_visit-no = No
# en-hash: dca5fa43
triage-a-wants_visit-unsure = No sé
# en-hash: 8bf320a7
triage-q-harm_at_home = ¿Hay alguien en casa que le hace daño o le controla, también con el dinero?
# en-hash: 85a39ab3
triage-a-harm_at_home-yes = Sí
# en-hash: 1ea442a1
triage-a-harm_at_home-no = No
# en-hash: dac57454
triage-a-harm_at_home-not_said = Prefiere no decirlo
# en-hash: 03defd1d
triage-q-money_need = ¿Una de sus mayores preocupaciones es el dinero, las cuentas, la comida o la vivienda?
# en-hash: 85a39ab3
triage-a-money_need-yes = Sí
# en-hash: 1ea442a1
triage-a-money_need-no = No

# en-hash: 08812303
triage-rule-medical_emergency = Señal de alarma médica: llame ahora a EMS (911 si es una emergencia médica). Anote por qué y si la persona estuvo de acuerdo. Un equipo puede ir después, cuando EMS ya esté allí.
# en-hash: 4c7f9ff6
triage-rule-outside_area = Fuera de la zona que atendemos. Ofrezca alternativas: 988 (llamada o texto), la Línea de Salud Conductual de Massachusetts 833-773-2445, 911 si es una emergencia médica.
# en-hash: 6a1e38ac
triage-rule-suicide_plan_now = Pensamientos de suicidio con un plan o los medios ahora, y la persona acepta una visita: envíe un equipo ahora y quédese en la línea hasta que llegue.
# en-hash: ddaf2a15
triage-rule-suicide_plan_now_phone = Pensamientos de suicidio con un plan o los medios ahora, y la persona no quiere una visita: acompáñela por teléfono, ofrezca el 988 y la Línea de Salud Conductual 833-773-2445. Nunca la policía.
# en-hash: c75f0de3
triage-rule-acute_distress_in_public = Una persona muy angustiada o en duelo en un lugar público: envíe un equipo ahora; va en lugar de la policía.
# en-hash: 1dd41480
triage-rule-sheltering_in_cold = Alguien que se refugia del frío o del mal tiempo: envíe un equipo con abrigo y opciones de refugio; un albergue, un centro de calor o un traslado, como la persona elija.
# en-hash: 57d9b5ac
triage-rule-thoughts_money_harm_at_home = Apoyo por teléfono ahora: escuche y hablen juntos de su seguridad. Después, con su consentimiento: ayuda mutua para las cuentas y una derivación a apoyo a largo plazo (por ejemplo, servicios contra la violencia doméstica). Nunca la policía.
# en-hash: 07fd75e9
triage-rule-thoughts_no_visit = Apoyo por teléfono ahora, y ofrezca una visita o una llamada de seguimiento. El 988 y la Línea de Salud Conductual 833-773-2445 atienden a cualquier hora.
# en-hash: 61acecbd
triage-rule-wants_visit = La persona pidió que alguien vaya: envíe un equipo cuando haya uno libre.
# en-hash: d5996bc0
triage-rule-acute_distress_private = Muy angustiada, pero en un lugar privado y sin pedir una visita: apoyo por teléfono ahora; ofrezca una visita en cualquier momento.
# en-hash: 434b93a6
triage-rule-practical_need = Una necesidad práctica (dinero, comida, vivienda): una derivación al servicio adecuado, y ayuda mutua cuando corresponda.
# en-hash: 546c4a91
triage-rule-unreachable_in_public = Nadie puede llamar ni escribir a esta persona, y está en un lugar público: envíe un equipo a ver cómo está, en lugar de la policía.
# en-hash: 60f504d2
triage-rule-fallback = Primero hablen por teléfono; ofrezca una visita, una derivación o una llamada de seguimiento, como la persona prefiera.
# en-hash: 87f2053a
triage-rule-unscreened = Aún sin evaluar: haga las preguntas de evaluación.
# en-hash: 5ece44bc
triage-rule-unreachable = El guion sugiere apoyo por teléfono, pero no se puede llamar ni escribir a esta persona: quien atiende decide qué hacer (una visita, u otra forma de contactarla).
