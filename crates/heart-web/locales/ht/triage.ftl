# The screening script's words (config/triage.toml), by message id, in Haitian Creole. Translated from
# locales/en-US/triage.ftl; a test requires every text of the script to have its message here.

# en-hash: 42b85df5
triage-q-medical = Èske yon moun bezwen swen medikal ijan kounye a? Pa egzanp: blese, pèdi konesans, pa ka respire byen, senyen anpil, doulè nan pwatrin, oswa ovèdoz.
# en-hash: 85a39ab3
triage-a-medical-yes = Wi
# en-hash: 1ea442a1
triage-a-medical-no = Non
# en-hash: dca5fa43
triage-a-medical-unsure = Pa sèten
# en-hash: 836f81eb
triage-q-in_area = Èske moun nan nan zòn ekip la sèvi a?
# en-hash: 85a39ab3
triage-a-in_area-yes = Wi
# en-hash: 1ea442a1
triage-a-in_area-no = Non
# en-hash: dca5fa43
triage-a-in_area-unsure = Pa sèten
# en-hash: f1542d0f
triage-q-where_now = Ki kote moun nan ye kounye a?
# en-hash: 6743866e
triage-a-where_now-outside = Deyò, nan yon kote piblik
# en-hash: 9f04b443
triage-a-where_now-sheltering = Li abrite yon kote ki pa fèt pou sa (pòt antre, antre machin ATM, eskalye)
# en-hash: 9c9d752a
triage-a-where_now-home = Lakay li oswa yon kote prive
# en-hash: e182f05e
triage-a-where_now-not_said = Pito pa di, oswa nou pa konnen
# en-hash: 39f9b27b
triage-q-weather = Èske li ekspoze a fredi, chalè oswa move tan?
# en-hash: 85a39ab3
triage-a-weather-yes = Wi
# en-hash: 1ea442a1
triage-a-weather-no = Non
# en-hash: f4dea287
triage-q-distress = Kijan moun nan ye kounye a?
# en-hash: 67345cee
triage-a-distress-acute = Nan gwo detrès oswa nan gwo chagren
# en-hash: df07d69b
triage-a-distress-struggling = Li gen difikilte, men li ka pale
# en-hash: 38f6b83e
triage-a-distress-calm = Li kalm
# en-hash: 91cdf976
triage-q-suicide = Èske moun nan te pale de lide pou l touye tèt li oswa pou l mete fen nan lavi l?
# en-hash: 1ea442a1
triage-a-suicide-no = Non
# en-hash: be56b38a
triage-a-suicide-thoughts = Wi, li gen lide sa yo
# en-hash: d1c55ab8
triage-a-suicide-plan_now = Wi, li gen yon plan oswa mwayen kounye a
# en-hash: 4434b55c
triage-q-wants_visit = Èske moun nan vle yon moun vin jwenn li an pèsòn?
# en-hash: 85a39ab3
triage-a-wants_visit-yes = Wi
# en-hash: 1ea442a1
triage-a-wants_visit-no = Non
# en-hash: dca5fa43
triage-a-wants_visit-unsure = Pa sèten
# en-hash: 8bf320a7
triage-q-harm_at_home = Èske gen yon moun lakay li k ap fè l mal oswa k ap kontwole l, menm pou lajan?
# en-hash: 85a39ab3
triage-a-harm_at_home-yes = Wi
# en-hash: 1ea442a1
triage-a-harm_at_home-no = Non
# en-hash: dac57454
triage-a-harm_at_home-not_said = Pito pa di
# en-hash: 03defd1d
triage-q-money_need = Èske yon gwo enkyetid se lajan, bòdwo, manje oswa lojman?
# en-hash: 85a39ab3
triage-a-money_need-yes = Wi
# en-hash: 1ea442a1
triage-a-money_need-no = Non

# en-hash: 08812303
triage-rule-medical_emergency = Siy medikal grav: rele sèvis ijans medikal (EMS) kounye a (911 pou yon ijans medikal). Note poukisa, ak si moun nan te dakò. Yon ekip ka swiv apre EMS rive.
# en-hash: 4c7f9ff6
triage-rule-outside_area = Andeyò zòn nou sèvi a. Ofri lòt opsyon: 988 (rele oswa voye tèks), Massachusetts Behavioral Health Help Line 833-773-2445, 911 pou yon ijans medikal.
# en-hash: 6a1e38ac
triage-rule-suicide_plan_now = Lide swisid ak yon plan oswa mwayen kounye a, epi moun nan ouvè pou yon vizit. Voye yon ekip touswit, epi rete sou liy lan jiskaske yo rive.
# en-hash: ddaf2a15
triage-rule-suicide_plan_now_phone = Lide swisid ak yon plan oswa mwayen kounye a, epi moun nan pa vle vizit. Rete avè l nan telefòn. Ofri 988 ak Behavioral Health Help Line 833-773-2445. Pa janm polis.
# en-hash: c75f0de3
triage-rule-acute_distress_in_public = Yon moun nan gwo detrès oswa gwo chagren nan yon kote piblik: voye yon ekip kounye a. Yo ale olye de polis.
# en-hash: 1dd41480
triage-rule-sheltering_in_cold = Yon moun k ap pare fredi oswa move tan: voye yon ekip ak bagay pou chofe ak opsyon abri. Yon abri, yon sant pou chofe oswa yon transpò, jan moun nan chwazi.
# en-hash: 57d9b5ac
triage-rule-thoughts_money_harm_at_home = Sipò nan telefòn kounye a: koute, pale ansanm sou sekirite. Apre sa, si moun nan dakò: èd mityèl pou bòdwo yo. Epi yon referans pou sipò alontèm (pa egzanp, sèvis pou vyolans domestik). Pa janm polis.
# en-hash: 07fd75e9
triage-rule-thoughts_no_visit = Sipò nan telefòn kounye a, epi ofri yon vizit oswa yon apèl swivi. 988 ak Behavioral Health Help Line 833-773-2445 la nenpòt lè.
# en-hash: 61acecbd
triage-rule-wants_visit = Moun nan mande pou yon moun vini: voye yon ekip depi youn lib.
# en-hash: d5996bc0
triage-rule-acute_distress_private = Nan gwo detrès, men nan yon kote prive epi li pa mande vizit: sipò nan telefòn kounye a. Ofri yon vizit nenpòt lè.
# en-hash: 434b93a6
triage-rule-practical_need = Yon bezwen pratik (lajan, manje, lojman): yon referans bay bon sèvis la, ak èd mityèl lè sa konvni.
# en-hash: 546c4a91
triage-rule-unreachable_in_public = Pèsonn pa ka rele oswa voye tèks bay moun sa a, epi li nan yon kote piblik. Voye yon ekip al wè kijan l ye, olye de polis.
# en-hash: 60f504d2
triage-rule-fallback = Pale sou sa nan telefòn anvan. Ofri yon vizit, yon referans oswa yon apèl swivi, jan moun nan vle.
# en-hash: 87f2053a
triage-rule-unscreened = Poko evalye: poze kesyon evalyasyon yo.
# en-hash: 5ece44bc
triage-rule-unreachable = Gid la sijere sipò nan telefòn, men nou pa ka rele ni voye tèks bay moun sa a. Moun k ap pran apèl la deside sa pou fè apre: yon vizit, oswa yon lòt fason pou jwenn li.
