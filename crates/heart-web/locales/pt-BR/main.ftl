# reviewed-by-fluent-speaker: no
# Person-facing messages only (locales/person-facing.txt); staff pages fall back to English.

# en-hash: c887f134
skip-to-content = Pular para o conteúdo principal
# en-hash: eb814be3
nav-label = Principal
# en-hash: 01b259ab
nav-sign-out = Sair ({ $name })
# en-hash: 198cca6f
nav-ask = Pedir apoio
# en-hash: bfd402b2
nav-sign-in = Entrar
# en-hash: fabcf5e7
footer-not-emergency = Não somos um serviço de emergência. Em uma emergência médica, ligue para o 911. Para apoio em crise a qualquer hora, ligue ou mande mensagem de texto para o 988. Você também pode ligar para a Massachusetts Behavioral Health Help Line (Linha de Ajuda em Saúde Mental de Massachusetts): 833-773-2445.
# en-hash: 89db19f6
required = (obrigatório)
# en-hash: c01bf554
translation-new = Esta tradução é nova e ainda não foi revisada por uma pessoa fluente no idioma. Se algo parecer errado, por favor nos avise quando falar conosco ou por mensagem de texto.
# en-hash: 4f5d04f5
error-home = Ir para a página inicial
# en-hash: e3325a8f
error-reference = Referência, se você contar isso à equipe: { $name }
# en-hash: bb629e36
error-csrf-title = Por favor, envie o formulário de novo
# en-hash: 00b6c7bb
error-csrf = Este formulário expirou ou foi aberto em outra janela. Nada foi salvo. Confira e envie de novo.
# en-hash: 04ed297e
error-forbidden-title = Isso não faz parte do seu trabalho aqui
# en-hash: 88a9c302
error-forbidden = Sua conta não inclui isso. Se você precisar, peça a uma pessoa da equipe que tenha permissão de administração.
# en-hash: e3ebaa16
error-not-found-title = Não encontrado
# en-hash: d0b4733c
error-not-found = Não conseguimos encontrar essa página ou esse registro.
# en-hash: 8692ef87
error-conflict-title = Não foi possível fazer isso
# en-hash: 8c98449c
error-throttled-title = Por favor, aguarde um momento
# en-hash: 78c7f4ec
error-invalid-title = Algumas respostas precisam de atenção
# en-hash: f0352631
error-invalid = Algumas respostas precisam de atenção. Volte e confira o formulário.
# en-hash: dda10dd7
error-internal-title = Algo deu errado do nosso lado
# en-hash: be28368e
error-unavailable-title = Por favor, tente de novo daqui a pouco
# en-hash: 6a95b1b7
error-unavailable = Nosso banco de dados está fora do ar por um momento (pode estar passando para o sistema reserva). Nada foi salvo. Envie de novo em alguns segundos.
# en-hash: 5e42a274
error-internal = Algo deu errado do nosso lado e nada foi alterado. Tente de novo. Se continuar acontecendo, passe o código do incidente { $incident } para a pessoa que administra o sistema.
# en-hash: b7e838d5
errors-heading = Por favor, confira estas respostas
# en-hash: 59212ef4
field-error-required = Esta informação é necessária.
# en-hash: d38529b6
field-error-invalid = Isto não parece correto.
# en-hash: 34b13edc
field-error-unknown = Esta não é uma das opções.
# en-hash: 64ee6332
field-error-unreachable = Não há como chegar lá pelas ruas a partir daqui.
# en-hash: 3cea9bbd
field-error-taken = Isto já está em uso.
# en-hash: bb612d83
field-error-mismatch = As duas senhas não são iguais.
# en-hash: d1c5d653
alt-heading = Se você precisa de alguém agora
# en-hash: 7d2805ba
alt-988 = 988 Linha de Prevenção do Suicídio e Crise (Suicide and Crisis Lifeline): ligue ou mande mensagem de texto para o 988, a qualquer hora.
# en-hash: 268660fb
alt-bhhl = Massachusetts Behavioral Health Help Line (Linha de Ajuda em Saúde Mental de Massachusetts): 833-773-2445, a qualquer hora, em muitos idiomas.
# en-hash: 56e6607c
alt-911 = Emergência médica: ligue para o 911.
# en-hash: f34fe822
phone-text-988 = mandar uma mensagem de texto
# en-hash: f3808f25
hours-open = Estamos abertos agora.
# en-hash: f4e71746
hours-open-until = Estamos abertos agora, até { $until }.
# en-hash: 461f2540
hours-closed = Estamos fechados agora.
# en-hash: c575dfde
hours-closed-until = Estamos fechados agora. Abrimos de novo: { $at }.
# en-hash: 8f3a16bf
home-title = Apoio no lugar da polícia
# en-hash: bd88c356
home-heading = { $team }: apoio comunitário em crises
# en-hash: 5df2db4f
home-what = Nossa equipe de apoio entre pares atende pessoas em { $area } no lugar da polícia. Vamos até quem está em sofrimento, em conflito ou precisando de ajuda. Ouvimos, ficamos por perto e conectamos as pessoas ao que elas precisam.
# en-hash: f3b82efd
home-not-emergency = Não somos um serviço de emergência. Em uma emergência médica, ligue para o 911.
# en-hash: 198cca6f
home-ask = Pedir apoio
# en-hash: 9c870aa6
home-how-heading = Como funciona
# en-hash: 6dec8e39
home-how-1 = Conte para nós o que está acontecendo, com você ou com outra pessoa. Você não precisa dar seu nome.
# en-hash: 7782edf5
home-how-2 = Uma pessoa da equipe de apoio entre pares liga de volta, ou uma dupla vai até você.
# en-hash: a94cadd6
home-how-3 = Nunca chamamos a polícia, e nada do que você nos contar é compartilhado com a polícia.
# en-hash: 198cca6f
request-title = Pedir apoio
# en-hash: 198cca6f
request-heading = Pedir apoio
# en-hash: ccecd5a6
request-questions-hint = Estas perguntas nos ajudam a decidir quem deve ir. Pule as que não quiser responder.
# en-hash: f6f4688f
request-send = Enviar
# en-hash: 9681d288
request-limited = Muitos pedidos vieram desta conexão nos últimos minutos, então este não foi enviado. Por favor, tente de novo em alguns minutos. Se você precisa de alguém agora, use uma das linhas abaixo.
# en-hash: 07253bb3
donate-limited = Muitas doações foram iniciadas desta conexão nos últimos minutos, então esta não foi. Por favor, tente de novo em alguns minutos.
# en-hash: ebbd2763
thanks-title = Recebemos seu pedido
# en-hash: ebbd2763
thanks-heading = Recebemos seu pedido
# en-hash: acf4f398
thanks-reference = Seu número de referência: { $reference }
# en-hash: fd726019
thanks-status-link = Veja como está seu pedido
# en-hash: 5e63933a
thanks-status-hint = Guarde este link para voltar aqui. Ele mostra em que etapa está seu pedido, e nada sobre você. Qualquer pessoa com o link pode ver isso, então não compartilhe o link.
# en-hash: f707b233
progress-kind-web = seu pedido de apoio
# en-hash: 1f6b043a
thanks-closed = Estamos fechados agora, então ninguém vai ver seu pedido até { $at }. Se você precisa de alguém antes disso, por favor use uma das linhas abaixo.
# en-hash: d9572c66
thanks-full = Todas as nossas equipes estão com outras pessoas agora. Seu pedido está na fila e vamos até você assim que uma equipe estiver livre. Se você não pode esperar, por favor use uma das linhas abaixo.
# en-hash: e664cc2c
thanks-team = Uma equipe vai sair assim que houver uma livre.
# en-hash: 2a92247f
thanks-contact = Alguém da equipe vai entrar em contato do jeito que você disse que é seguro.
# en-hash: 1700d434
intake-who-legend = Quem está pedindo?
# en-hash: 843f77ae
requester-person = A pessoa que precisa de apoio
# en-hash: 8f2a684c
requester-on_behalf = Alguém pedindo por outra pessoa
# en-hash: ff394c9a
requester-partner = Uma organização parceira
# en-hash: 2207d4a0
intake-summary = O que está acontecendo?
# en-hash: 2b40c4f7
intake-summary-hint = Em palavras simples. Só o que nos ajuda a apoiar a pessoa.
# en-hash: 91f45115
intake-where-legend = Onde?
# en-hash: d24e3af4
intake-location = Onde a pessoa está?
# en-hash: 1edde58b
intake-location-hint = Uma rua, uma esquina ou um lugar. Você pode deixar em branco.
# en-hash: dac57454
intake-location-withheld = Prefere não dizer
# en-hash: 238a676d
intake-lat = Latitude
# en-hash: 6d80458f
intake-lon = Longitude
# en-hash: 05a49b09
intake-contact-legend = Como falar com a pessoa
# en-hash: daf3a133
intake-contact-hint = Tudo é opcional. Pedidos anônimos são bem-vindos.
# en-hash: 26f8d208
intake-contact-name = Nome, ou como a pessoa quer ser chamada
# en-hash: 63dceb88
intake-contact-phone = Telefone
# en-hash: a52d18b6
intake-safe-legend = O que é seguro?
# en-hash: f884bf09
intake-safe-hint = Só entramos em contato com as pessoas das formas que elas dizem ser seguras.
# en-hash: 5bb8abce
intake-safe-call = Uma ligação é segura
# en-hash: 59b01c57
intake-safe-text = Uma mensagem de texto é segura
# en-hash: 1a32d258
intake-safe-voicemail = Um recado na caixa postal é seguro
# en-hash: 48ec414f
intake-safe-hours = Horários seguros para falar com a pessoa
# en-hash: e8363c25
safe-times-hint = Use o nosso horário local. Pergunte em que horários ninguém mais vai ver nem ouvir.
# en-hash: 5e7de49a
safe-times-any = Qualquer horário
# en-hash: b577e601
safe-times-only = Só nestes dias, entre estes horários
# en-hash: e08c0aa8
safe-times-days = Dias
# en-hash: 21819769
safe-times-from = De
# en-hash: 7caf856e
safe-times-to = Até
# en-hash: 996a0dfa
field-error-safe_hours = Informe os dias e depois os horários, como mon-fri 18:00-21:00.
# en-hash: 765944ea
field-error-safe_hours_missing = Escolha os dias e os dois horários, ou escolha Qualquer horário.
# en-hash: 3d788c63
intake-code-word = Palavra-código
# en-hash: e77a0573
intake-code-word-hint = Uma palavra que a pessoa da nossa equipe vai dizer, para saberem que somos nós.
# en-hash: 33b2baff
intake-language = Idioma de preferência
# en-hash: 8aa3e2b2
intake-interpreter = A pessoa gostaria de um intérprete
# en-hash: b3f8aa04
intake-questions-legend = Algumas perguntas
# en-hash: ba118bf7
language-en = Inglês
# en-hash: 3411059c
language-es = Espanhol
# en-hash: da8757fe
language-pt-BR = Português (Brasil)
# en-hash: ec18adfb
language-ht = Crioulo haitiano
# en-hash: 8a9779f4
language-zh = Chinês
# en-hash: e1b6cb2b
language-am = Amárico
# en-hash: bafb66f3
language-ar = Árabe
# en-hash: e7f4fe26
language-bn = Bengali
# en-hash: e901fd85
language-other = Outro idioma
# en-hash: 76f5ad67
need-housing = Moradia
# en-hash: e4eb1806
need-food = Comida
# en-hash: 5ccc2e87
need-money = Dinheiro
# en-hash: 726d11bd
need-safety = Segurança
# en-hash: 014659ab
need-conflict = Conflito
# en-hash: fec80bef
need-medical = Atendimento médico
# en-hash: f97e9da0
need-other = Outro
# en-hash: 49f19bee
status-received = Recebido
# en-hash: a62f9212
status-triaged = Avaliado
# en-hash: cf540bd3
status-waiting = Esperando uma equipe
# en-hash: 0f3453e1
status-assigned = Equipe designada
# en-hash: c21ead06
status-closed = Encerrado
# en-hash: d353a99e
status-cancelled = Cancelado
# en-hash: 5011c951
time-in = daqui a { $duration }
# en-hash: 159c8275
time-ago = há { $duration }
# en-hash: a69e7639
duration-m = { $m } min
# en-hash: e2266625
duration-h = { $h } h
# en-hash: cd500055
duration-dh = { $d } d { $h } h
# en-hash: 8f3e5009
footer-what-we-hold = Quais dados guardamos sobre as pessoas, e por quanto tempo
# en-hash: 5466af5f
inventory-title = Quais dados guardamos sobre as pessoas
# en-hash: 824337fa
inventory-intro = Cada tipo de dado pessoal que este serviço guarda, por quê, por quanto tempo e quem pode ver. Coletamos o mínimo possível. Você pode pedir a alguém da nossa equipe para ver, exportar ou apagar seu registro.
# en-hash: d3ae14a5
inventory-why = Por quê
# en-hash: 99a013a8
inventory-kept = Por quanto tempo
# en-hash: 5d34a0f3
inventory-who = Quem pode ver
# en-hash: 41d7f6da
inventory-how = Como é protegido
# en-hash: 8250f82b
inv-kept-days = Por { $days } dias depois do último contato da pessoa. Depois disso, é apagado automaticamente, a menos que a pessoa tenha pedido para guardarmos.
# en-hash: b1ccdd6b
inv-sealed = Protegido com uma chave feita só para esta pessoa. Quando os dados da pessoa são apagados, a chave é destruída.
# en-hash: f2208d23
inv-who-request = As pessoas que atendem as chamadas, enviam equipes e organizam o trabalho. As pessoas da equipe que foi atender.
# en-hash: 7dfd31da
inv-who-care = As pessoas que enviam equipes e organizam o trabalho. As pessoas da equipe que foi atender.
# en-hash: 41d25250
inv-request = O que aconteceu, nas palavras de quem fez o pedido, e as respostas às nossas perguntas
# en-hash: c6f386b6
inv-request-why = Para enviarmos as pessoas certas, com as coisas certas.
# en-hash: 5110d6ff
inv-place = Onde a pessoa está: o lugar descrito em palavras e um ponto no mapa
# en-hash: 2c9776c6
inv-place-why = Para encontrar a pessoa.
# en-hash: 7471aaa0
inv-contact = Nome e número de telefone, se a pessoa informou. Você também pode receber ajuda sem dar seu nome.
# en-hash: 8cdc03bb
inv-contact-why = Para falar com a pessoa de novo, só das formas que ela disse que são seguras.
# en-hash: fcfc06c0
inv-contact-how = Protegido como acima. Também guardamos um código feito a partir do número de telefone. Esse código não pode ser transformado de volta no número. Ele nos mostra que a pessoa já ligou antes.
# en-hash: 26288c2c
inv-safe = Quando e como é seguro falar com a pessoa, uma palavra-código e se ela quer um intérprete
# en-hash: b7dfc3b2
inv-safe-why = Para que entrar em contato nunca coloque a pessoa em perigo.
# en-hash: 0ffed447
inv-encounter = O que a equipe fez, e o que a pessoa disse sobre isso com as próprias palavras
# en-hash: 372c9e6d
inv-encounter-why = Para o apoio continuar, e para os acompanhamentos que a pessoa aceitou.
# en-hash: e7090de0
inv-follow-up = Anotações que a equipe faz sobre um pedido: o que aconteceu, as tentativas de falar com a pessoa, o que o próximo turno precisa saber, e os acompanhamentos depois de uma visita
# en-hash: 57288c17
inv-follow-up-why = Para o próximo turno saber o que aconteceu, e para fazer o acompanhamento combinado.
# en-hash: 6e22e4ba
inv-aid = Dinheiro que a equipe pagou por uma pessoa (ajuda mútua): anotações, quem recebeu (como a companhia de luz ou o dono do imóvel), por que um pedido foi recusado, e o recibo
# en-hash: e8af8e87
inv-aid-why = Para que duas pessoas confiram um pagamento antes de ele ser feito, e a contabilidade mostre para onde foi o dinheiro.
# en-hash: da2d5073
inv-aid-who = A pessoa da equipe que pediu, e as pessoas que cuidam do dinheiro.
# en-hash: 79d54927
inv-aid-how = Protegido como acima. O valor, para que foi e o tipo de pessoa ou empresa que recebeu ficam na contabilidade. A contabilidade cita o pedido de ajuda, nunca a pessoa.
# en-hash: 3acf70db
inv-referral = O que uma pessoa escolheu compartilhar com um serviço para onde a encaminhamos: um primeiro nome, um número para retornar a ligação, necessidades, idioma, uma anotação. Só o que ela escolheu.
# en-hash: dbe6749e
inv-referral-why = Para o serviço poder falar com a pessoa. Nada que ela não aceitou é enviado.
# en-hash: f0429176
inv-referral-who = O serviço para onde foi enviado, e só esses dados. As pessoas que organizam o trabalho. As pessoas da equipe que foi atender.
# en-hash: 088c67e3
inv-referral-how = Protegido como acima. Cancelar o encaminhamento, ou apagar os dados da pessoa, remove isso. O serviço nunca vê mais nada sobre a pessoa.
# en-hash: 9aa67b13
inv-sms = Mensagens de texto enviadas e recebidas pela pessoa, e o número de onde ela escreveu
# en-hash: 03a113e2
inv-sms-why = Para conversar com quem pediu apoio por mensagem de texto. Só mandamos notícias se a pessoa disse que é seguro receber mensagens de texto.
# en-hash: 5327a649
inv-sms-how = Protegido como acima. Se um número envia STOP, guardamos só um código feito a partir dele. Não mandamos nada para esse número até ele enviar START. Nosso serviço de mensagens de texto (Twilio) também guarda cada mensagem e o número nos próprios registros, com as próprias regras. Quando os dados de uma pessoa são apagados aqui, pedimos à Twilio que apague as mensagens dela também. Continuamos pedindo até a Twilio responder. Os registros da Twilio sobre como usamos o serviço dela estão fora do que podemos apagar.
# en-hash: eeeeee38
inv-alert = Um alerta de uma organização parceira, enquanto espera o tempo marcado pela organização: o que ela viu, e onde
# en-hash: 7c3dbfc2
inv-alert-why = Para que um alarme chegue à nossa equipe, não à polícia, e só quando o tempo acabar. Por exemplo: alguém está aqui dentro há mais de uma hora.
# en-hash: 1a4462e1
inv-alert-kept = Até o tempo acabar. Depois, vira um pedido, como acima. Se a organização parceira disser que a pessoa saiu, o alerta é apagado.
# en-hash: fe6ad4fe
inv-alert-who = Ninguém, enquanto espera. Depois, as mesmas pessoas que veem um pedido.
# en-hash: 08333599
inv-alert-how = Protegido com a chave do servidor. O lugar é guardado só como um código, para juntar alertas do mesmo lugar.
# en-hash: 44828e65
inv-donor = Nomes e e-mails de quem doa, suas doações e suas mensagens
# en-hash: e82df1b6
inv-donor-why = Para enviar recibos e um resumo anual das doações, e para manter uma contabilidade honesta.
# en-hash: c2ed8196
inv-donor-kept = Pelo tempo que a contabilidade precisa ser guardada: sete anos depois da doação, como é comum.
# en-hash: 12f13599
inv-donor-who = As pessoas que cuidam do dinheiro. Nunca é juntado aos registros das pessoas que apoiamos.
# en-hash: 00664add
inv-donor-how = Guardado separado dos registros de apoio. Os recibos saem pelo nosso próprio servidor de e-mail. Nossos registros do sistema guardam os códigos de resposta dele, nunca um endereço. As cópias de segurança são tão seguras quanto o servidor.
# en-hash: f29a553f
inv-legal = Exigências de entregar registros, como uma intimação judicial ou uma ordem judicial: quem pediu, o número de referência, o que pediu e o que entregamos, se entregamos algo
# en-hash: 989289b7
inv-legal-why = Para que duas pessoas analisem cada exigência, e para podermos mostrar o que recusamos. A pessoa é avisada, a menos que um tribunal proíba.
# en-hash: cf6cd6d9
inv-legal-kept = A lista fica. O texto de uma exigência sobre uma pessoa é apagado junto com os dados da pessoa.
# en-hash: b2a2789a
inv-legal-who = As pessoas que organizam o trabalho.
# en-hash: 420c269d
inv-legal-how = Uma exigência sobre uma pessoa é protegida com a chave dessa pessoa. Assim, apagar os dados da pessoa apaga o texto da exigência. Qualquer outra exigência é protegida com a chave do servidor.
# en-hash: fdede359
inv-ems = Por que uma ambulância (serviço médico de emergência) foi chamada, e se a pessoa concordou
# en-hash: 0662c23b
inv-ems-why = Chamar uma ambulância é raro, e anotamos cada vez que acontece.
# en-hash: 18bb05b3
inv-ems-who = As pessoas que atendem as chamadas, enviam equipes e organizam o trabalho.
# en-hash: faa87699
inv-ems-how = O motivo é protegido como acima. Se a pessoa concordou ou não fica guardado como sim ou não.
# en-hash: b805b26b
inv-counts = Horários, etapas, como terminou, tipos de necessidade, idioma. Sem nomes.
# en-hash: 78da5518
inv-counts-why = Para fazer o serviço funcionar, e para dar números a quem nos financia e à cidade.
# en-hash: 92e2e16d
inv-counts-kept = Para sempre, como números. Depois que os dados da pessoa são apagados, os números não podem mais ser ligados a ela.
# en-hash: 15108cd4
inv-counts-who = Todas as pessoas da equipe. Só os números saem da equipe.
# en-hash: c860ff22
inv-counts-how = Guardado no banco de dados. As cópias de segurança são tão seguras quanto o servidor.
# en-hash: 2b1aea43
inv-outreach = Nas caminhadas de abordagem: quantas pessoas encontramos e o que demos a elas, sem nomes. Se a pessoa concordar, um código de retorno feito com partes que ela escolhe (como iniciais e mês de nascimento), guardado só numa forma embaralhada que ninguém consegue ler de volta.
# en-hash: 148d81bd
inv-outreach-why = Para contar o trabalho com honestidade, e para contar só uma vez uma pessoa que encontramos de novo.
# en-hash: 20b9d694
inv-outreach-kept = Para sempre, como números. Podemos fazer qualquer código deixar de corresponder a qualquer momento trocando a chave: os códigos anteriores não correspondem mais a ninguém.
# en-hash: 4c1ffa11
inv-outreach-who = As pessoas da equipe que saem às ruas ou planejam o trabalho. Só os números saem da equipe.
# en-hash: 1637a136
inv-outreach-how = O código é embaralhado com uma chave guardada fora do banco de dados, então o banco de dados sozinho não consegue ligá-lo a ninguém.
# en-hash: e433807a
inv-audit = Quem viu ou mudou o registro de uma pessoa (o registro de auditoria). Usa códigos, não nomes.
# en-hash: 153eb9f6
inv-audit-why = Para que ninguém acesse os dados de uma pessoa sem deixar rastro.
# en-hash: 200a8e17
inv-audit-kept = Para sempre. Não contém dados pessoais.
# en-hash: 5e735d35
inv-audit-who = As pessoas que organizam o trabalho. A pessoa, na própria cópia do seu registro.
# en-hash: 63bbad33
inv-audit-how = Cada entrada é ligada à anterior, e a cadeia é assinada, então qualquer mudança aparece.
# en-hash: b3468608
inventory-not-held = O que nunca guardamos
# en-hash: 3e3b0bd8
inventory-not-held-list = Situação migratória. Pontuações de risco ou marcações de "pessoa que liga com frequência". Nada para a polícia ou vindo da polícia: o sistema não tem acesso para a polícia e não tem como enviar nada à polícia.
# en-hash: 76979221
inventory-your-rights = Alguém pode exigir dados sobre você, como em uma intimação judicial ou um pedido da polícia. Se isso acontecer, fica registrado e duas pessoas analisam o pedido. Nós avisamos você, a menos que uma ordem judicial proíba.
# en-hash: bae8ad76
field-error-unchanged = A conta já pode fazer isso.
# en-hash: e5398945
suggest-some = %n lugares encontrados. Use as setas do teclado para escolher um.
# en-hash: 20ad9e3a
suggest-none = Nenhum lugar encontrado com estas palavras ainda.
# en-hash: 1874dac6
suggest-chosen = Escolhido: %p. O ponto no mapa já foi marcado.
# en-hash: c6402106
nav-donate = Doar
# en-hash: 0059798b
optional = (opcional)
# en-hash: da8c72b1
donate-title = Doe hoje
# en-hash: da8c72b1
donate-heading = Doe hoje
# en-hash: a3664cc0
donate-intro = Sua doação ajuda { $name } a atender chamadas no lugar da polícia. Ela sustenta o apoio entre pares, a ajuda mútua para quem passa por um momento difícil e o acompanhamento depois.
# en-hash: 55aa9db1
donate-cancelled = Seu pagamento não foi concluído e nada foi cobrado. Você pode tentar de novo abaixo.
# en-hash: 2aadb5b5
donate-to-campaign = Doar para esta campanha
# en-hash: ad9ac0c2
donate-goal = arrecadado de uma meta de { $n }
# en-hash: db7f9e30
donate-progress = { $n }% da meta
# en-hash: 276eacd2
donate-offline = As doações online ainda não estão disponíveis aqui. Para doar por cheque ou transferência bancária, fale com a equipe. Toda doação recebe um recibo.
# en-hash: 06a1ee61
donate-amount = Quanto?
# en-hash: 114523f0
donate-own-amount = Escolha o seu valor
# en-hash: 3b2b5679
donate-own-amount-label = Seu valor
# en-hash: dacc8bb3
donate-range = No mínimo { $n },
# en-hash: 61e3876a
donate-max = no máximo { $n }.
# en-hash: ddc79ba1
donate-how-often = Com que frequência?
# en-hash: 30436158
donate-once = Uma vez
# en-hash: 9b11f6b7
donate-monthly = Todo mês
# en-hash: b5858111
donate-fund = Para que é a doação?
# en-hash: 76cdcd26
donate-message = Uma mensagem curta
# en-hash: 09d06597
donate-message-hint = Até { $n } caracteres, só texto.
# en-hash: ffc5b4e7
donate-counter = %n de %max caracteres
# en-hash: 3603f602
test-mode = Modo de teste: nenhum dinheiro é movimentado.
# en-hash: 31820338
test-mode-hint = Esta é a demonstração. As doações aqui passam por uma página de cartão simulada neste servidor. Nada é cobrado e nada sai da máquina.
# en-hash: ff445f11
test-checkout-title = Página de cartão simulada
# en-hash: b087b7b2
test-checkout-monthly = todo mês
# en-hash: 994c3495
test-checkout-pay = Pagar (teste: nada é cobrado)
# en-hash: fbd738a3
test-checkout-done = Esta doação já foi feita.
# en-hash: 08571589
test-checkout-receipt = Ver o recibo
# en-hash: 67fb80c7
test-checkout-cancel = Voltar sem doar
# en-hash: 2c6b2e25
donate-name = Seu nome
# en-hash: 5bdc002f
donate-anonymous = Doar de forma anônima (seu nome não aparece em lugar nenhum)
# en-hash: c36b1f8e
donate-email = E-mail para o seu recibo
# en-hash: e6f72ffc
donate-email-hint = Enviamos o recibo e, uma vez por ano, o resumo das suas doações. Nada mais.
# en-hash: efadf373
donate-give = Continuar para o pagamento
# en-hash: d634006e
donate-secure = Você paga na página segura do serviço de pagamento. Nós nunca vemos seu cartão.
# en-hash: 1b791eae
donate-separate = O que sabemos sobre quem doa fica separado dos registros das pessoas que apoiamos. Só quem cuida da contabilidade pode ver.
# en-hash: e3f75b4b
receipt-title = Seu recibo
# en-hash: 268bc183
receipt-heading = Muito obrigado
# en-hash: 254be555
receipt-pending-heading = Esperando o pagamento
# en-hash: 20dc050d
receipt-pending = Ainda não recebemos resposta do serviço de pagamento. Isso costuma levar alguns segundos.
# en-hash: fb7099ad
receipt-check-again = Verificar de novo
# en-hash: fb7d64e2
receipt-acknowledgement = Comprovante da sua doação
# en-hash: 350be364
receipt-organisation = Organização
# en-hash: 911f2424
receipt-tax-id = número de identificação fiscal { $n }
# en-hash: f7c38806
receipt-donor = Doador(a)
# en-hash: 49e96d7c
receipt-amount = Valor
# en-hash: 99c40ab4
receipt-date = Data
# en-hash: ca15ebc0
receipt-fund = Para
# en-hash: e16bd0b1
receipt-refunded = Devolvido
# en-hash: 71bf9093
receipt-reference = Referência
# en-hash: 7c7b2569
receipt-no-goods = Nenhum bem ou serviço foi oferecido em troca desta contribuição.
# en-hash: cf1c1ae6
receipt-large = Guarde este comprovante. Para doações de US$ 250 ou mais, ele é o reconhecimento por escrito exigido pelas regras fiscais dos EUA.
# en-hash: 1107ad83
receipt-your-message = Sua mensagem:
# en-hash: f65f007d
receipt-keep = Guarde o endereço desta página para ver seu recibo de novo.
# en-hash: 63ff1131
field-error-generic = Isto não pode ser usado. Confira e tente de novo.
# en-hash: 856f29fb
service-open = A equipe está atendendo agora e vai responder assim que puder.
# en-hash: a537ef97
service-full = A equipe está atendendo, mas agora todos estão com outras pessoas. Seu pedido fica guardado e será atendido assim que alguém estiver livre.
# en-hash: 68c0d7d7
service-full-until = A equipe está atendendo, mas agora todos estão com outras pessoas (até mais ou menos { $until }). Seu pedido fica guardado e será atendido assim que alguém estiver livre.
# en-hash: 06a36cfe
service-closed = A equipe não está atendendo agora. Seu pedido fica guardado para o próximo turno.
# en-hash: 7a2eb461
service-closed-until = A equipe não está atendendo agora. Seu pedido fica guardado para o próximo turno, que começa { $at }.
# en-hash: a102086c
hours-full = Estamos abertos, mas agora todos da equipe estão com outras pessoas. Os pedidos ficam guardados e são atendidos assim que alguém estiver livre.
# en-hash: cd418dcd
hours-full-until = Estamos abertos, mas agora todos da equipe estão com outras pessoas, até mais ou menos { $until }. Os pedidos ficam guardados e são atendidos assim que alguém estiver livre.
# en-hash: 317acac9
hours-holiday = Hoje estamos fechados.
# en-hash: 86ad3fee
progress-title = Como está indo
# en-hash: 86ad3fee
progress-heading = Como está indo
# en-hash: 8ce09e4f
progress-kind = O que foi enviado: { $name }
# en-hash: f4f394d1
progress-since = Recebido: { $when }.
# en-hash: e9660bd2
progress-waiting = Recebido. A equipe vai cuidar disso se ainda for preciso quando acabar o tempo de espera da organização parceira.
# en-hash: 0899b35c
progress-received = Recebido. A equipe já está com ele.
# en-hash: e01c351d
progress-closed = Encerrado.
# en-hash: e5b95c2e
progress-private = Esta página mostra só em que etapa está, nunca nada sobre a pessoa.
# en-hash: 310da67c
sms-ack = { $team } recebeu sua mensagem.{ $state } Se for seguro enviarmos notícias aqui, responda SAFE. Não somos serviço de emergência: 24h, 988 ou 833-773-2445; 911 em emergência médica. Responda STOP para parar. For English, reply EN.
# en-hash: 073766ec
sms-closed = { " " }Estamos fechados; sua mensagem fica para o próximo turno ({ $at }).
# en-hash: 1b5b5bb7
sms-full = { " " }Todos estão atendendo outras pessoas (até aprox. { $until }); sua mensagem fica guardada até alguém ficar livre.
# en-hash: b0192756
sms-question = { $question } Responda { $choices }.
# en-hash: 5a50cdf2
sms-choice = { $n } para { $answer }
# en-hash: 501b08ad
sms-screened = { $team }: obrigado, isso nos ajuda a enviar o apoio certo.
# en-hash: c85f8a7a
sms-help = { $team }: apoio comunitário em crises, não é serviço de emergência. Escreva o que está acontecendo. Responda STOP para parar. 24h: 988, ou MA Behavioral Health Help Line 833-773-2445; 911 em emergência médica.
# en-hash: b4701cba
sms-start = { $team }: pode nos escrever de novo. Responda STOP para parar.
# en-hash: 70917b58
sms-safe = { $team }: obrigado. Mandaremos notícias aqui. Responda STOP para parar.
# en-hash: 9897c5bb
sms-on-the-way = { $team }: uma equipe está indo.
# en-hash: 505eff6d
sms-not-found = { $team }: não encontramos você. Responda esta mensagem para continuar.
# en-hash: c3d54cd8
nav-directory = Buscar apoio
# en-hash: 42087968
directory-title = Buscar apoio por perto
# en-hash: 42087968
directory-heading = Buscar apoio por perto
# en-hash: 1b65a787
directory-intro = Comida, uma cama para esta noite, ajuda com contas, saúde, ajuda jurídica e mais, de organizações da cidade e arredores. Não é preciso criar conta.
# en-hash: e3ad92be
directory-q = O que você está procurando?
# en-hash: b80feab3
directory-q-hint = Algumas palavras, por exemplo "banco de alimentos" ou "ajuda com contas". Não precisa escrever tudo certo.
# en-hash: d5e68044
directory-need = Tipo de apoio
# en-hash: bcb32f11
directory-need-any = Qualquer tipo
# en-hash: d9f314ef
directory-near = Perto de
# en-hash: abcb845c
directory-near-hint = Um endereço ou um lugar, por exemplo "71 Cherry St".
# en-hash: 1f152125
directory-language = Idioma falado
# en-hash: a8d71c96
directory-only = Mostrar só
# en-hash: 14b67e62
directory-open-now = Aberto agora
# en-hash: 420ad2f5
directory-free = Gratuito
# en-hash: a0f76cf2
directory-no-id = Não pede documento de identidade
# en-hash: b3d43659
directory-accessible = Acessível para cadeira de rodas
# en-hash: 49c266ba
directory-search = Buscar
# en-hash: 763f69cb
directory-near-unknown = Não conseguimos encontrar esse lugar, então os resultados não estão em ordem de distância. Tente um endereço.
# en-hash: 52ff47c0
directory-found = Serviços encontrados: { $count }
# en-hash: 604dce44
directory-all = Serviços
# en-hash: 03f139fd
directory-distance = a { $distance }
# en-hash: 14b67e62
directory-is-open = Aberto agora
# en-hash: b7c1a931
directory-is-closed = Fechado agora
# en-hash: e30be00a
directory-open-data = Este diretório é de dados abertos (Open Referral HSDS 3.0) em /hsds. Ligue antes de ir: horários e lugares mudam.
# en-hash: 10502b14
directory-cap-open = Aberto hoje
# en-hash: 1ac45e3e
directory-cap-full = Lotado hoje
# en-hash: 331b5264
directory-cap-closed = Fechado hoje
# en-hash: 2942b2bf
directory-cap-available = Vagas livres: { $n }
# en-hash: a48a326d
directory-updated-now = atualizado agora mesmo
# en-hash: ed333436
directory-updated-minutes = atualizado há { $n } minutos
# en-hash: f5f93e5d
directory-updated-hours = atualizado há { $n } horas
# en-hash: 30362ef7
directory-updated-days = atualizado há { $n } dias
# en-hash: beb72b36
directory-cap-legend = Hoje em { $name }
# en-hash: 2b065c7c
directory-cap-status = Hoje
# en-hash: 59dec9a3
directory-cap-places = Vagas livres (opcional)
# en-hash: b1675c76
directory-cap-note = Aviso para o público (opcional)
# en-hash: c1c1009d
directory-cap-save = Atualizar
# en-hash: 6357161e
directory-refer = Encaminhar para { $name }
# en-hash: fcfa7b30
directory-referring = Você está escolhendo um serviço para encaminhar alguém.
# en-hash: 590fdb94
directory-referring-back = Voltar para o pedido
# en-hash: 92340695
service-status-active = Ativo
# en-hash: ac7c949f
service-status-inactive = Inativo
# en-hash: d51a153c
service-status-defunct = Não funciona mais
# en-hash: 5859ebc8
field-error-restricted = Um fundo restrito guarda o dinheiro para a sua finalidade: ele não pode ser transferido para fora.
# en-hash: 4472678a
mail-receipt-subject = { $org }: recibo da sua doação de { $amount }
# en-hash: de21eda2
mail-receipt-intro = Obrigado pela sua doação para { $org }. Este e-mail é o seu recibo.
# en-hash: bcc666c2
mail-receipt-link = Seu recibo online: { $url }
# en-hash: 276243fb
mail-statement-subject = { $org }: resumo das suas doações de { $n }
# en-hash: b0f7706e
mail-footer = Você recebe este e-mail porque doou para { $org } com este endereço. Enviamos recibos e, uma vez por ano, um resumo das doações; nada mais. Para nos perguntar qualquer coisa, responda este e-mail.
# en-hash: 85629534
donate-email-hint-no-mail = Para o seu recibo: ele aparece na próxima página, e a equipe pode enviar de novo se você pedir.
# en-hash: b9cf2c61
receipt-mail-sent = Enviamos este recibo para o seu e-mail.
# en-hash: cc777438
receipt-mail-waiting = Estamos enviando este recibo para o seu e-mail.
# en-hash: 3a1ceaee
receipt-mail-failed = Não conseguimos enviar este recibo por e-mail. Guarde esta página ou peça uma cópia à equipe.
# en-hash: e0f4f767
day-today = hoje
# en-hash: bafd151a
day-tomorrow = amanhã
# en-hash: 6a00dfc1
weekday-1 = segunda-feira
# en-hash: 7d8af1de
weekday-2 = terça-feira
# en-hash: c0a6cc82
weekday-3 = quarta-feira
# en-hash: fc266206
weekday-4 = quinta-feira
# en-hash: e21f3f37
weekday-5 = sexta-feira
# en-hash: dbe35c73
weekday-6 = sábado
# en-hash: 873fef76
weekday-7 = domingo
# en-hash: f40d7f51
weekday-short-1 = seg
# en-hash: d1eb39b0
weekday-short-2 = ter
# en-hash: 58339f45
weekday-short-3 = qua
# en-hash: 7da11212
weekday-short-4 = qui
# en-hash: 66dab40c
weekday-short-5 = sex
# en-hash: fdeb71b5
weekday-short-6 = sáb
# en-hash: db18f17f
weekday-short-7 = dom
# en-hash: 5c5db120
month-short-1 = jan
# en-hash: caf71b3f
month-short-2 = fev
# en-hash: b4b7d381
month-short-3 = mar
# en-hash: 617531b4
month-short-4 = abr
# en-hash: 8c78fe5b
month-short-5 = mai
# en-hash: b27fd46e
month-short-6 = jun
# en-hash: c43f56b9
month-short-7 = jul
# en-hash: 41e1d82a
month-short-8 = ago
# en-hash: 451e2b71
month-short-9 = set
# en-hash: 6877e849
month-short-10 = out
# en-hash: 3e630d29
month-short-11 = nov
# en-hash: f2a0cfbc
month-short-12 = dez
# en-hash: 691f5681
sms-language = { $team }: vamos escrever em português.
# en-hash: 651bb684
inv-circle = Círculos: as palavras com que cada pessoa de um círculo escolhe ser chamada, seu idioma e forma de contato seguro, seu plano de segurança, as notas das conversas com ela e os acordos feitos
# en-hash: 520e95a5
inv-circle-why = Para que os facilitadores ajudem as pessoas envolvidas a resolver juntas um conflito ou um dano, com as palavras de cada pessoa guardadas só para ela.
# en-hash: ea72772d
inv-circle-kept = Até { $days } dias depois que o círculo é fechado; então todas as suas chaves são destruídas. Uma pessoa pode pedir para ver o que é seu ou para apagar a qualquer momento.
# en-hash: 5b6e6272
inv-circle-who = Somente os facilitadores do círculo. Ninguém mais, nem a administração.
# en-hash: c3a5654a
inv-circle-how = As palavras de cada pessoa ficam trancadas com a chave dela, os acordos com uma chave do próprio círculo. Apagar uma pessoa deixa as palavras das outras como estavam.
