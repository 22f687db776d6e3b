# As palavras do roteiro de triagem (config/triage.toml), por id de mensagem. Traduzido de
# locales/en-US/triage.ftl; um teste exige que cada texto do roteiro tenha sua mensagem aqui.

# en-hash: 42b85df5
triage-q-medical = Alguém está ferido, inconsciente, com dificuldade para respirar, sangrando muito, com dor no peito ou com uma overdose agora?
# en-hash: 85a39ab3
triage-a-medical-yes = Sim
# en-hash: 1ea442a1
triage-a-medical-no = Não
# en-hash: dca5fa43
triage-a-medical-unsure = Não tenho certeza
# en-hash: 836f81eb
triage-q-in_area = A pessoa está na região que a equipe atende?
# en-hash: 85a39ab3
triage-a-in_area-yes = Sim
# en-hash: 1ea442a1
triage-a-in_area-no = Não
# en-hash: dca5fa43
triage-a-in_area-unsure = Não tenho certeza
# en-hash: f1542d0f
triage-q-where_now = Onde a pessoa está agora?
# en-hash: 6743866e
triage-a-where_now-outside = Na rua, em um lugar público
# en-hash: 9f04b443
triage-a-where_now-sheltering = Abrigada em um lugar que não é feito para isso (entrada de prédio, cabine de caixa eletrônico, escada)
# en-hash: 9c9d752a
triage-a-where_now-home = Em casa ou em um lugar privado
# en-hash: e182f05e
triage-a-where_now-not_said = Prefere não dizer, ou não se sabe
# en-hash: 39f9b27b
triage-q-weather = A pessoa está exposta ao frio, ao calor ou ao mau tempo?
# en-hash: 85a39ab3
triage-a-weather-yes = Sim
# en-hash: 1ea442a1
triage-a-weather-no = Não
# en-hash: f4dea287
triage-q-distress = Como a pessoa está agora?
# en-hash: 67345cee
triage-a-distress-acute = Em sofrimento intenso ou em luto
# en-hash: df07d69b
triage-a-distress-struggling = Passando por dificuldade, mas consegue conversar
# en-hash: 38f6b83e
triage-a-distress-calm = Calma
# en-hash: 91cdf976
triage-q-suicide = A pessoa falou em pensamentos de suicídio ou em tirar a própria vida?
# en-hash: 1ea442a1
triage-a-suicide-no = Não
# en-hash: be56b38a
triage-a-suicide-thoughts = Sim, pensamentos
# en-hash: d1c55ab8
triage-a-suicide-plan_now = Sim, com um plano ou os meios agora
# en-hash: 4434b55c
triage-q-wants_visit = A pessoa quer que alguém vá até ela pessoalmente?
# en-hash: 85a39ab3
triage-a-wants_visit-yes = Sim
# en-hash: 1ea442a1
triage-a-wants_visit-no = Não
# en-hash: dca5fa43
triage-a-wants_visit-unsure = Não tenho certeza
# en-hash: 8bf320a7
triage-q-harm_at_home = Alguém em casa está machucando ou controlando a pessoa, inclusive com dinheiro?
# en-hash: 85a39ab3
triage-a-harm_at_home-yes = Sim
# en-hash: 1ea442a1
triage-a-harm_at_home-no = Não
# en-hash: dac57454
triage-a-harm_at_home-not_said = Prefere não dizer
# en-hash: 03defd1d
triage-q-money_need = Uma das principais preocupações é dinheiro, contas, comida ou moradia?
# en-hash: 85a39ab3
triage-a-money_need-yes = Sim
# en-hash: 1ea442a1
triage-a-money_need-no = Não

# en-hash: 08812303
triage-rule-medical_emergency = Sinal de alerta médico: chame o EMS agora (911 para emergência médica). Anote o motivo e se a pessoa concordou. Uma equipe pode ir depois que o EMS chegar.
# en-hash: 4c7f9ff6
triage-rule-outside_area = Fora da região que atendemos. Ofereça alternativas: 988 (ligação ou mensagem), a Massachusetts Behavioral Health Help Line 833-773-2445, 911 para emergência médica.
# en-hash: 6a1e38ac
triage-rule-suicide_plan_now = Pensamentos de suicídio com um plano ou os meios agora, e a pessoa aceita uma visita: envie uma equipe agora e fique na linha até ela chegar.
# en-hash: ddaf2a15
triage-rule-suicide_plan_now_phone = Pensamentos de suicídio com um plano ou os meios agora, e a pessoa não quer visita: fique com ela ao telefone, ofereça o 988 e a Behavioral Health Help Line 833-773-2445. Nunca a polícia.
# en-hash: c75f0de3
triage-rule-acute_distress_in_public = Uma pessoa em sofrimento intenso ou em luto em um lugar público: envie uma equipe agora; ela vai no lugar da polícia.
# en-hash: 1dd41480
triage-rule-sheltering_in_cold = Alguém se abrigando do frio ou do mau tempo: envie uma equipe com itens para aquecer e opções de abrigo; um abrigo, um centro de aquecimento ou uma carona, como a pessoa escolher.
# en-hash: 57d9b5ac
triage-rule-thoughts_money_harm_at_home = Apoio por telefone agora: ouça e conversem juntos sobre segurança. Depois, com consentimento: ajuda mútua para as contas e encaminhamento para apoio de longo prazo (por exemplo, serviços contra violência doméstica). Nunca a polícia.
# en-hash: 07fd75e9
triage-rule-thoughts_no_visit = Apoio por telefone agora, e ofereça uma visita ou uma ligação de acompanhamento. O 988 e a Behavioral Health Help Line 833-773-2445 atendem a qualquer hora.
# en-hash: 61acecbd
triage-rule-wants_visit = A pessoa pediu que alguém fosse até ela: envie uma equipe quando houver uma livre.
# en-hash: d5996bc0
triage-rule-acute_distress_private = Em sofrimento intenso, mas em um lugar privado e sem pedir visita: apoio por telefone agora; ofereça uma visita a qualquer momento.
# en-hash: 434b93a6
triage-rule-practical_need = Uma necessidade prática (dinheiro, comida, moradia): encaminhamento para o serviço certo, e ajuda mútua quando couber.
# en-hash: 546c4a91
triage-rule-unreachable_in_public = Ninguém consegue ligar nem mandar mensagem para esta pessoa, e ela está em um lugar público: envie uma equipe para ver como ela está, no lugar da polícia.
# en-hash: 60f504d2
triage-rule-fallback = Primeiro conversem por telefone; ofereça uma visita, um encaminhamento ou uma ligação de acompanhamento, como a pessoa preferir.
# en-hash: 87f2053a
triage-rule-unscreened = Ainda sem triagem: faça as perguntas de triagem.
# en-hash: 5ece44bc
triage-rule-unreachable = O roteiro sugere apoio por telefone, mas não dá para ligar nem mandar mensagem para esta pessoa: quem atende decide o próximo passo (uma visita ou outra forma de contato).
