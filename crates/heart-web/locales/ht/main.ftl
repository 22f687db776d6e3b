# reviewed-by-fluent-speaker: no
# Person-facing messages only (locales/person-facing.txt); staff pages fall back to English.

# en-hash: c887f134
skip-to-content = Ale dirèkteman nan kontni prensipal la
# en-hash: eb814be3
nav-label = Prensipal
# en-hash: 01b259ab
nav-sign-out = Dekonekte ({ $name })
# en-hash: 198cca6f
nav-ask = Mande sipò
# en-hash: bfd402b2
nav-sign-in = Konekte
# en-hash: fabcf5e7
footer-not-emergency = Nou pa yon sèvis ijans. Si gen yon ijans medikal, rele 911. Pou sipò nan kriz nenpòt lè, rele oswa voye tèks bay 988. Ou ka rele tou Massachusetts Behavioral Health Help Line (Liy Èd Sante Mantal Massachusetts) nan 833-773-2445.
# en-hash: 89db19f6
required = (obligatwa)
# en-hash: c01bf554
translation-new = Tradiksyon sa a nouvo. Yon moun ki pale lang lan byen poko verifye l. Si yon bagay pa sonnen byen, tanpri di nou sa lè w ap pale ak nou, oswa nan yon tèks.
# en-hash: 4f5d04f5
error-home = Ale nan paj kòmansman an
# en-hash: e3325a8f
error-reference = Referans, si ou di ekip la sa: { $name }
# en-hash: bb629e36
error-csrf-title = Tanpri voye fòm nan ankò
# en-hash: 00b6c7bb
error-csrf = Fòm sa a te ekspire, oswa li te louvri nan yon lòt fenèt. Nou pa anrejistre anyen. Tanpri verifye l epi voye l ankò.
# en-hash: 04ed297e
error-forbidden-title = Sa pa fè pati travay ou isit la
# en-hash: 88a9c302
error-forbidden = Kont ou pa gen aksè sa a. Si ou bezwen l, mande yon kòlèg ki gen dwa administratè.
# en-hash: e3ebaa16
error-not-found-title = Nou pa jwenn li
# en-hash: d0b4733c
error-not-found = Nou pa t ka jwenn paj sa a oswa dosye sa a.
# en-hash: 8692ef87
error-conflict-title = Nou pa t ka fè sa
# en-hash: 8c98449c
error-throttled-title = Tanpri tann yon ti moman
# en-hash: 78c7f4ec
error-invalid-title = Gen kèk repons ki bezwen atansyon
# en-hash: f0352631
error-invalid = Gen kèk repons ki bezwen atansyon. Tounen dèyè epi verifye fòm nan.
# en-hash: dda10dd7
error-internal-title = Yon bagay pa mache bò kote pa nou
# en-hash: be28368e
error-unavailable-title = Tanpri eseye ankò nan yon ti moman
# en-hash: 6a95b1b7
error-unavailable = Baz done nou an pa disponib pou yon ti moman (li ka ap pase sou sistèm rezèv li). Nou pa anrejistre anyen. Tanpri voye sa a ankò nan kèk segonn.
# en-hash: 5e42a274
error-internal = Yon bagay pa mache bò kote pa nou, epi anyen pa chanje. Tanpri eseye ankò. Si sa kontinye rive, bay administratè w la kòd ensidan sa a: { $incident }.
# en-hash: b7e838d5
errors-heading = Tanpri verifye repons sa yo
# en-hash: 59212ef4
field-error-required = Nou bezwen sa a.
# en-hash: d38529b6
field-error-invalid = Sa a pa sanble kòrèk.
# en-hash: 34b13edc
field-error-unknown = Sa a pa youn nan chwa yo.
# en-hash: 64ee6332
field-error-unreachable = Pa gen okenn wout nan lari pou rive la depi isit la.
# en-hash: 3cea9bbd
field-error-taken = Sa a deja pran.
# en-hash: bb612d83
field-error-mismatch = De modpas yo pa menm.
# en-hash: d1c5d653
alt-heading = Si ou bezwen yon moun kounye a
# en-hash: 7d2805ba
alt-988 = 988, Liy Sekou pou Swisid ak Kriz (Suicide and Crisis Lifeline): rele oswa voye tèks bay 988, nenpòt lè.
# en-hash: 268660fb
alt-bhhl = Massachusetts Behavioral Health Help Line (Liy Èd Sante Mantal Massachusetts): 833-773-2445, nenpòt lè, nan anpil lang.
# en-hash: 56e6607c
alt-911 = Yon ijans medikal: rele 911.
# en-hash: f34fe822
phone-text-988 = voye yon tèks
# en-hash: f3808f25
hours-open = Nou louvri kounye a.
# en-hash: f4e71746
hours-open-until = Nou louvri kounye a, jiska { $until }.
# en-hash: 461f2540
hours-closed = Nou fèmen kounye a.
# en-hash: c575dfde
hours-closed-until = Nou fèmen kounye a. N ap louvri ankò: { $at }.
# en-hash: 8f3a16bf
home-title = Sipò olye de polis
# en-hash: bd88c356
home-heading = { $team }: sipò kominotè nan moman kriz
# en-hash: 5df2db4f
home-what = Nou se moun nan kominote a ki vin bay sipò, olye de polis. Nou vini lè yon moun nan { $area } nan detrès, nan konfli, oswa bezwen èd. Nou koute, nou rete, epi nou konekte moun ak sa yo bezwen.
# en-hash: f3b82efd
home-not-emergency = Nou pa yon sèvis ijans. Si gen yon ijans medikal, rele 911.
# en-hash: 198cca6f
home-ask = Mande sipò
# en-hash: 9c870aa6
home-how-heading = Kijan sa mache
# en-hash: 6dec8e39
home-how-1 = Di nou sa k ap pase, pou tèt ou oswa pou yon lòt moun. Ou pa oblije bay non ou.
# en-hash: 7782edf5
home-how-2 = Yon moun nan ekip sipò a ap rele w tounen, oswa yon ekip de moun ap vin jwenn ou.
# en-hash: a94cadd6
home-how-3 = Nou pa janm voye polis, epi nou pa janm pataje sa ou di nou ak polis.
# en-hash: 198cca6f
request-title = Mande sipò
# en-hash: 198cca6f
request-heading = Mande sipò
# en-hash: ccecd5a6
request-questions-hint = Kesyon sa yo ede nou deside kiyès ki dwe vini. Sote sa ou pa vle reponn yo.
# en-hash: f6f4688f
request-send = Voye
# en-hash: 9681d288
request-limited = Anpil demann te sòti nan koneksyon sa a nan dènye minit yo, kidonk demann sa a pa t pati. Tanpri eseye ankò nan kèk minit. Si ou bezwen yon moun kounye a, sèvi ak youn nan liy ki anba yo.
# en-hash: 07253bb3
donate-limited = Anpil don te kòmanse nan koneksyon sa a nan dènye minit yo, kidonk don sa a pa t kòmanse. Tanpri eseye ankò nan kèk minit.
# en-hash: ebbd2763
thanks-title = Nou resevwa demann ou an
# en-hash: ebbd2763
thanks-heading = Nou resevwa demann ou an
# en-hash: acf4f398
thanks-reference = Nimewo referans ou: { $reference }
# en-hash: fd726019
thanks-status-link = Gade kijan demann ou an ap avanse
# en-hash: 5e63933a
thanks-status-hint = Kenbe lyen sa a pou w ka tounen sou li. Li montre kote demann ou an rive, men li pa montre anyen sou ou. Nenpòt moun ki gen lyen an ka wè sa, kidonk kenbe l pou tèt ou.
# en-hash: f707b233
progress-kind-web = demann sipò ou an
# en-hash: 1f6b043a
thanks-closed = Nou fèmen kounye a, kidonk pèsonn p ap wè demann ou an jiska { $at }. Si ou bezwen yon moun anvan sa, tanpri sèvi ak youn nan liy ki anba yo.
# en-hash: d9572c66
thanks-full = Tout ekip nou yo avèk lòt moun kounye a. Demann ou an nan liy datant, epi n ap vini depi yon ekip lib. Si ou pa ka tann, tanpri sèvi ak youn nan liy ki anba yo.
# en-hash: e664cc2c
thanks-team = Yon ekip ap pran wout depi youn lib.
# en-hash: 2a92247f
thanks-contact = Yon moun nan ekip la ap kontakte w, nan fason ou te di ki san danje pou ou.
# en-hash: 1700d434
intake-who-legend = Kiyès k ap mande?
# en-hash: 843f77ae
requester-person = Moun ki bezwen sipò a
# en-hash: 8f2a684c
requester-on_behalf = Yon moun k ap mande pou yon lòt moun
# en-hash: ff394c9a
requester-partner = Yon òganizasyon patnè
# en-hash: 2207d4a0
intake-summary = Kisa k ap pase?
# en-hash: 2b40c4f7
intake-summary-hint = Ak mo senp. Sèlman sa ki ka ede nou bay moun nan sipò.
# en-hash: 91f45115
intake-where-legend = Ki kote?
# en-hash: d24e3af4
intake-location = Ki kote moun nan ye?
# en-hash: 1edde58b
intake-location-hint = Yon lari, yon kwen oswa yon kote. Ou ka kite l vid.
# en-hash: dac57454
intake-location-withheld = Pito pa di
# en-hash: 238a676d
intake-lat = Latitid
# en-hash: 6d80458f
intake-lon = Lonjitid
# en-hash: 05a49b09
intake-contact-legend = Kijan pou nou jwenn moun nan
# en-hash: daf3a133
intake-contact-hint = Tout se opsyonèl. Nou byen kontan resevwa demann san non tou.
# en-hash: 26f8d208
intake-contact-name = Non, oswa kijan pou nou rele l
# en-hash: 63dceb88
intake-contact-phone = Telefòn
# en-hash: a52d18b6
intake-safe-legend = Kisa ki san danje?
# en-hash: f884bf09
intake-safe-hint = Nou kontakte moun sèlman nan fason yo di ki san danje pou yo.
# en-hash: 5bb8abce
intake-safe-call = Yon apèl san danje
# en-hash: 59b01c57
intake-safe-text = Yon mesaj tèks san danje
# en-hash: 1a32d258
intake-safe-voicemail = Yon mesaj vokal san danje
# en-hash: 48ec414f
intake-safe-hours = Lè ki san danje pou kontakte l
# en-hash: e8363c25
safe-times-hint = Sèvi ak lè lokal nou an. Mande ki lè pèsonn lòt p ap wè ni tande.
# en-hash: 5e7de49a
safe-times-any = Nenpòt ki lè
# en-hash: b577e601
safe-times-only = Sèlman jou sa yo, ant lè sa yo
# en-hash: e08c0aa8
safe-times-days = Jou
# en-hash: 21819769
safe-times-from = Depi
# en-hash: 7caf856e
safe-times-to = Jiska
# en-hash: 996a0dfa
field-error-safe_hours = Bay jou yo, apre sa lè yo, tankou mon-fri 18:00-21:00.
# en-hash: 765944ea
field-error-safe_hours_missing = Chwazi jou yo ak toude lè yo, oswa chwazi Nenpòt ki lè.
# en-hash: 3d788c63
intake-code-word = Mo kòd
# en-hash: e77a0573
intake-code-word-hint = Yon mo moun nan ekip nou an ap di, pou yo konnen se nou.
# en-hash: 33b2baff
intake-language = Lang li prefere
# en-hash: 8aa3e2b2
intake-interpreter = Moun nan ta renmen gen yon entèprèt
# en-hash: b3f8aa04
intake-questions-legend = Kèk kesyon
# en-hash: ba118bf7
language-en = Angle
# en-hash: 3411059c
language-es = Panyòl
# en-hash: da8757fe
language-pt-BR = Pòtigè (Brezil)
# en-hash: ec18adfb
language-ht = Kreyòl ayisyen
# en-hash: 8a9779f4
language-zh = Chinwa
# en-hash: e1b6cb2b
language-am = Amarik
# en-hash: bafb66f3
language-ar = Arab
# en-hash: e7f4fe26
language-bn = Bengali
# en-hash: e901fd85
language-other = Yon lòt lang
# en-hash: 76f5ad67
need-housing = Lojman
# en-hash: e4eb1806
need-food = Manje
# en-hash: 5ccc2e87
need-money = Lajan
# en-hash: 726d11bd
need-safety = Sekirite
# en-hash: 014659ab
need-conflict = Konfli
# en-hash: fec80bef
need-medical = Swen medikal
# en-hash: f97e9da0
need-other = Lòt
# en-hash: 49f19bee
status-received = Resevwa
# en-hash: a62f9212
status-triaged = Evalye
# en-hash: cf540bd3
status-waiting = Ap tann yon ekip
# en-hash: 0f3453e1
status-assigned = Yon ekip pran l
# en-hash: c21ead06
status-closed = Fèmen
# en-hash: d353a99e
status-cancelled = Anile
# en-hash: 5011c951
time-in = nan { $duration }
# en-hash: 159c8275
time-ago = sa gen { $duration }
# en-hash: a69e7639
duration-m = { $m } min
# en-hash: e2266625
duration-h = { $h } h
# en-hash: cd500055
duration-dh = { $d } j { $h } h
# en-hash: 8f3e5009
footer-what-we-hold = Ki enfòmasyon nou kenbe sou moun, ak pou konbyen tan
# en-hash: 5466af5f
inventory-title = Ki enfòmasyon nou kenbe sou moun
# en-hash: 824337fa
inventory-intro = Chak kalite enfòmasyon pèsonèl sèvis sa a kenbe, poukisa, pou konbyen tan, ak kiyès ki ka wè l. Nou ranmase mwens enfòmasyon nou kapab. Ou ka mande yon moun nan ekip la pou w wè, ekspòte oswa efase dosye ou.
# en-hash: d3ae14a5
inventory-why = Poukisa
# en-hash: 99a013a8
inventory-kept = Pou konbyen tan
# en-hash: 5d34a0f3
inventory-who = Kiyès ki ka wè l
# en-hash: 41d7f6da
inventory-how = Kijan nou pwoteje l
# en-hash: 8250f82b
inv-kept-days = Pandan { $days } jou apre dènye fwa nou te gen kontak ak moun nan. Apre sa, li efase poukont li, sof si moun nan te mande nou pou nou kenbe l.
# en-hash: b1ccdd6b
inv-sealed = Fèmen ak yon kle ki fèt pou moun sa a sèlman. Lè nou efase dosye moun nan, nou detwi kle a.
# en-hash: f2208d23
inv-who-request = Moun ki reponn apèl, ki voye ekip yo epi ki planifye travay la. Moun nan ekip sipò ki te ale a.
# en-hash: 7dfd31da
inv-who-care = Moun ki voye ekip yo epi ki planifye travay la. Moun nan ekip sipò ki te ale a.
# en-hash: 41d25250
inv-request = Sa k te pase, jan moun ki te mande a di l, ak repons li bay kesyon nou yo
# en-hash: c6f386b6
inv-request-why = Pou nou voye bon moun yo, ak bon bagay yo.
# en-hash: 5110d6ff
inv-place = Kote moun nan ye: kote a ak mo, ak yon pwen sou kat la
# en-hash: 2c9776c6
inv-place-why = Pou nou jwenn moun nan.
# en-hash: 7471aaa0
inv-contact = Non ak nimewo telefòn, si moun nan te bay yo. Ou ka jwenn èd san bay non tou.
# en-hash: 8cdc03bb
inv-contact-why = Pou nou kontakte moun nan ankò, sèlman nan fason li te di ki san danje.
# en-hash: fcfc06c0
inv-contact-how = Fèmen menm jan ak anwo a. Nou kenbe tou yon kòd nou fè ak nimewo telefòn nan. Nou pa ka fè kòd la tounen nimewo a ankò. Li fè nou konnen moun nan te deja rele nou.
# en-hash: 26288c2c
inv-safe = Ki lè ak kijan li san danje pou kontakte moun nan, yon mo kòd, epi si li vle yon entèprèt
# en-hash: b7dfc3b2
inv-safe-why = Pou lè nou kontakte moun nan, sa pa janm mete l an danje.
# en-hash: 0ffed447
inv-encounter = Sa ekip la te fè, ak sa moun nan li menm di sou sa
# en-hash: 372c9e6d
inv-encounter-why = Pou sipò a kontinye, epi pou nou pran nouvèl moun nan jan li te dakò.
# en-hash: e7090de0
inv-follow-up = Nòt ekip la ekri sou yon demann: sa k te pase, fwa nou te eseye kontakte moun nan, sa pwochen ekip k ap travay la dwe konnen, ak lè nou pran nouvèl moun nan apre yon vizit
# en-hash: 57288c17
inv-follow-up-why = Pou pwochen ekip k ap travay la konnen sa k te pase, epi pou nou pran nouvèl moun nan, jan nou te dakò.
# en-hash: 6e22e4ba
inv-aid = Lajan ekip la te peye pou yon moun (èd mityèl): nòt, kiyès ki te resevwa lajan an (tankou konpayi elektrisite a oswa mèt kay la), poukisa nou te refize yon demann, ak resi a
# en-hash: e8af8e87
inv-aid-why = Pou de moun verifye yon peman anvan li fèt, epi pou kontablite a montre kote lajan an ale.
# en-hash: da2d5073
inv-aid-who = Moun nan ekip la ki te mande lajan an, ak moun ki okipe lajan yo.
# en-hash: 79d54927
inv-aid-how = Fèmen menm jan ak anwo a. Montan an, pou kisa lajan an te ye, ak ki kalite moun oswa biznis ki te resevwa l rete nan kontablite a. Kontablite a nonmen demann èd la, li pa janm nonmen moun nan.
# en-hash: 3acf70db
inv-referral = Sa yon moun te chwazi pataje ak yon sèvis nou te voye l bay: prenon li, yon nimewo pou rele l tounen, bezwen li, lang li, yon nòt. Sèlman sa li te chwazi.
# en-hash: dbe6749e
inv-referral-why = Pou sèvis la ka kontakte l. Nou pa janm voye anyen li pa t dakò.
# en-hash: f0429176
inv-referral-who = Sèvis nou te voye l bay la, epi sèlman detay sa yo. Moun ki planifye travay la. Moun nan ekip sipò ki te ale a.
# en-hash: 088c67e3
inv-referral-how = Fèmen menm jan ak anwo a. Lè nou anile referans lan, oswa lè nou efase dosye moun nan, sa retire l. Sèvis la pa janm wè okenn lòt bagay sou moun nan.
# en-hash: 9aa67b13
inv-sms = Mesaj tèks nou voye bay moun nan ak sa li voye ban nou, ak nimewo li te sèvi pou voye tèks yo
# en-hash: 03a113e2
inv-sms-why = Pou nou pale ak yon moun ki te mande sipò pa tèks. Nou voye nouvèl sèlman si li te di tèks san danje pou li.
# en-hash: 5327a649
inv-sms-how = Fèmen menm jan ak anwo a. Si yon nimewo voye STOP, nou kenbe sèlman yon kòd nou fè ak li. Nou pa voye anyen ba li jiskaske li voye START. Sèvis tèks nou an (Twilio) kenbe tou chak mesaj ak nimewo a nan pwòp dosye pa l, dapre pwòp règ pa l. Lè nou efase dosye yon moun isit la, nou mande Twilio pou l efase mesaj moun nan tou. Nou kontinye mande jiskaske li reponn. Nou pa ka efase dosye Twilio kenbe sou fason nou sèvi ak sèvis li.
# en-hash: eeeeee38
inv-alert = Yon alèt ki sòti nan men yon patnè, pandan l ap tann tan datant patnè a fini: sa yo te wè, ak ki kote
# en-hash: 7c3dbfc2
inv-alert-why = Pou alèt la rive jwenn ekip nou an, pa polis, epi sèlman lè tan an fini. Pa egzanp: gen yon moun ki andedan isit la depi plis pase yon èdtan.
# en-hash: 1a4462e1
inv-alert-kept = Jiskaske tan datant lan fini. Apre sa, li tounen yon demann, menm jan ak anwo a. Si patnè a di moun nan ale, nou efase l.
# en-hash: fe6ad4fe
inv-alert-who = Pèsonn pandan l ap tann. Apre sa, menm moun ki ka wè yon demann.
# en-hash: 08333599
inv-alert-how = Fèmen ak kle sèvè a. Nou kenbe kote a sèlman kòm yon kòd, pou nou ka mete ansanm alèt ki sòti nan menm kote a.
# en-hash: 44828e65
inv-donor = Non ak adrès imèl moun ki bay don yo, don yo, ak mesaj yo
# en-hash: e82df1b6
inv-donor-why = Pou nou voye resi ak yon lis don chak ane, epi pou nou kenbe yon kontablite onèt.
# en-hash: c2ed8196
inv-donor-kept = Otan tan nou oblije kenbe kontablite a: sèt ane apre don an, jan sa fèt abityèlman.
# en-hash: 12f13599
inv-donor-who = Moun ki okipe lajan yo. Nou pa janm mete l ansanm ak dosye moun nou sipòte yo.
# en-hash: 00664add
inv-donor-how = Nou kenbe l apa de dosye sipò yo. Resi yo pati pa pwòp sèvè imèl pa nou. Jounal nou yo kenbe kòd repons sèvè a, yo pa janm kenbe yon adrès. Kopi rezèv yo an sekirite menm jan ak sèvè a.
# en-hash: f29a553f
inv-legal = Lè yon moun egzije dosye, tankou ak yon sitasyon tribinal oswa yon lòd tribinal: kiyès ki te mande, nimewo referans yo, sa yo te mande, ak sa nou te bay, si nou te bay kichòy
# en-hash: 989289b7
inv-legal-why = Pou de moun egzamine chak demann, epi pou nou ka montre sa nou te refize. Nou di moun nan sa, sof si yon tribinal entèdi sa.
# en-hash: cf6cd6d9
inv-legal-kept = Lis la rete. Mo yon demann sou yon moun efase ansanm ak dosye moun nan.
# en-hash: b2a2789a
inv-legal-who = Moun ki planifye travay la.
# en-hash: 420c269d
inv-legal-how = Yon demann sou yon moun fèmen ak kle moun sa a. Kidonk, lè nou efase dosye moun nan, mo demann nan efase tou. Tout lòt demann fèmen ak kle sèvè a.
# en-hash: fdede359
inv-ems = Poukisa nou te rele yon anbilans (sèvis medikal ijans), ak si moun nan te dakò
# en-hash: 0662c23b
inv-ems-why = Nou ra rele anbilans, epi nou ekri chak fwa sa rive.
# en-hash: 18bb05b3
inv-ems-who = Moun ki reponn apèl, ki voye ekip yo epi ki planifye travay la.
# en-hash: faa87699
inv-ems-how = Rezon an fèmen menm jan ak anwo a. Pou di si moun nan te dakò, nou kenbe sèlman yon wi oswa yon non.
# en-hash: b805b26b
inv-counts = Lè, etap, kijan sa te fini, kalite bezwen, lang. Pa gen non.
# en-hash: 78da5518
inv-counts-why = Pou fè sèvis la mache, epi pou bay moun ki finanse nou yo ak vil la kèk chif.
# en-hash: 92e2e16d
inv-counts-kept = Pou toutan, kòm chif. Yon fwa nou efase enfòmasyon moun nan, pèsonn pa ka konekte chif yo ak li ankò.
# en-hash: 15108cd4
inv-counts-who = Tout moun nan ekip la. Se sèlman chif ki sòti nan ekip la.
# en-hash: c860ff22
inv-counts-how = Nou kenbe yo nan baz done a. Kopi rezèv yo an sekirite menm jan ak sèvè a.
# en-hash: 2b1aea43
inv-outreach = Pandan vizit nan lari yo: konbyen moun nou rankontre ak sa nou ba yo, san non. Si moun nan dakò, yon kòd retou ki fèt ak moso li chwazi (tankou inisyal ak mwa nesans), nou kenbe li sèlman nan yon fòm melanje pèsonn pa ka li.
# en-hash: 148d81bd
inv-outreach-why = Pou nou konte travay la onètman, epi pou nou konte yon moun nou rankontre ankò yon sèl fwa.
# en-hash: 20b9d694
inv-outreach-kept = Pou toujou, kòm kantite. Nou ka fè tout kòd sispann koresponn nenpòt ki lè lè nou chanje kle li: kòd ki te la anvan yo pa koresponn ak pèsonn ankò.
# en-hash: 4c1ffa11
inv-outreach-who = Moun nan ekip la ki soti nan lari oswa ki planifye travay la. Se sèlman kantite ki soti nan ekip la.
# en-hash: 1637a136
inv-outreach-how = Nou melanje kòd la ak yon kle ki kenbe deyò baz done a, kidonk baz done a pou kont li pa ka mare l ak pèsonn.
# en-hash: e433807a
inv-audit = Kiyès ki te gade oswa chanje dosye yon moun (jounal kontwòl la). Li sèvi ak kòd, pa ak non.
# en-hash: 153eb9f6
inv-audit-why = Pou pèsonn pa ka rive jwenn enfòmasyon yon moun san li pa kite yon tras.
# en-hash: 200a8e17
inv-audit-kept = Pou toutan. Li pa gen okenn enfòmasyon pèsonèl ladan l.
# en-hash: 5e735d35
inv-audit-who = Moun ki planifye travay la. Moun nan li menm, nan kopi dosye pa li.
# en-hash: 63bbad33
inv-audit-how = Chak liy konekte ak sa ki te anvan l, epi chèn nan siyen, kidonk si gen chanjman, sa parèt.
# en-hash: b3468608
inventory-not-held = Sa nou pa janm kenbe
# en-hash: 3e3b0bd8
inventory-not-held-list = Estati imigrasyon. Nòt "risk" oswa etikèt "moun ki rele twòp". Anyen pou polis oswa ki sòti nan polis. Pa gen wòl pou polis, ni okenn fason pou voye anyen bay polis.
# en-hash: 76979221
inventory-your-rights = Si yon moun egzije enfòmasyon sou ou (yon sitasyon tribinal, yon demann polis), nou note sa. De moun egzamine demann nan, epi nou di ou sa, sof si yon lòd tribinal entèdi sa.
# en-hash: bae8ad76
field-error-unchanged = Kont lan deja ka fè sa.
# en-hash: e5398945
suggest-some = %n kote koresponn. Sèvi ak flèch klavye yo pou chwazi youn.
# en-hash: 20ad9e3a
suggest-none = Poko gen okenn kote ki koresponn ak mo sa yo.
# en-hash: 1874dac6
suggest-chosen = Kote ou chwazi: %p. Pwen li sou kat la deja make.
# en-hash: c6402106
nav-donate = Bay
# en-hash: 0059798b
optional = (opsyonèl)
# en-hash: da8c72b1
donate-title = Fè yon don jodi a
# en-hash: da8c72b1
donate-heading = Fè yon don jodi a
# en-hash: a3664cc0
donate-intro = Don ou ede { $name } kontinye reponn apèl olye de polis. Li finanse moun kominote a ki bay sipò, èd mityèl pou moun k ap pase yon moman difisil, ak swivi.
# en-hash: 55aa9db1
donate-cancelled = Peman ou an pa t fèt, e nou pa t pran okenn lajan. Ou ka eseye ankò anba a.
# en-hash: 2aadb5b5
donate-to-campaign = Bay pou kanpay sa a
# en-hash: ad9ac0c2
donate-goal = ranmase sou yon objektif { $n }
# en-hash: db7f9e30
donate-progress = { $n } pousan objektif la
# en-hash: 276eacd2
donate-offline = Nou poko mete don sou entènèt an plas isit la. Pou bay ak chèk oswa ak transfè labank, mande ekip la. Chak don resevwa yon resi.
# en-hash: 06a1ee61
donate-amount = Konbyen?
# en-hash: 114523f0
donate-own-amount = Chwazi kantite pa ou
# en-hash: 3b2b5679
donate-own-amount-label = Kantite ou
# en-hash: dacc8bb3
donate-range = Omwen { $n },
# en-hash: 61e3876a
donate-max = pa plis pase { $n }.
# en-hash: ddc79ba1
donate-how-often = Konbyen fwa?
# en-hash: 30436158
donate-once = Yon sèl fwa
# en-hash: 9b11f6b7
donate-monthly = Chak mwa
# en-hash: b5858111
donate-fund = Pou kisa?
# en-hash: 76cdcd26
donate-message = Yon ti mesaj
# en-hash: 09d06597
donate-message-hint = Jiska { $n } karaktè, tèks senp.
# en-hash: ffc5b4e7
donate-counter = %n sou %max karaktè
# en-hash: 3603f602
test-mode = Mòd tès: okenn lajan pa deplase.
# en-hash: 31820338
test-mode-hint = Sa a se demonstrasyon an. Don isit yo pase sou yon fo paj kat sou sèvè sa a. Nou pa pran okenn lajan, e anyen pa kite machin nan.
# en-hash: ff445f11
test-checkout-title = Fo paj kat
# en-hash: b087b7b2
test-checkout-monthly = chak mwa
# en-hash: 994c3495
test-checkout-pay = Peye (tès: nou pa pran okenn lajan)
# en-hash: fbd738a3
test-checkout-done = Don sa a deja resevwa.
# en-hash: 08571589
test-checkout-receipt = Gade resi a
# en-hash: 67fb80c7
test-checkout-cancel = Tounen san bay
# en-hash: 2c6b2e25
donate-name = Non ou
# en-hash: 5bdc002f
donate-anonymous = Bay san non (non ou pa parèt okenn kote)
# en-hash: c36b1f8e
donate-email = Imèl pou resi ou
# en-hash: e6f72ffc
donate-email-hint = Nou voye resi a, epi yon fwa pa ane, rezime don ou yo. Pa gen lòt bagay.
# en-hash: efadf373
donate-give = Kontinye pou peye
# en-hash: d634006e
donate-secure = Ou peye sou paj sekirize sèvis peman an. Nou pa janm wè kat ou.
# en-hash: 1b791eae
donate-separate = Sa nou konnen sou moun ki bay don rete apa de dosye moun nou sipòte yo. Se sèlman moun ki fè kontablite a ki ka wè l.
# en-hash: e3f75b4b
receipt-title = Resi ou
# en-hash: 268bc183
receipt-heading = Mèsi
# en-hash: 254be555
receipt-pending-heading = N ap tann peman an
# en-hash: 20dc050d
receipt-pending = Sèvis peman an poko reponn nou. Sa konn pran kèk segonn.
# en-hash: fb7099ad
receipt-check-again = Verifye ankò
# en-hash: fb7d64e2
receipt-acknowledgement = Konfimasyon don ou
# en-hash: 350be364
receipt-organisation = Òganizasyon
# en-hash: 911f2424
receipt-tax-id = nimewo idantifikasyon fiskal { $n }
# en-hash: f7c38806
receipt-donor = Donatè
# en-hash: 49e96d7c
receipt-amount = Montan
# en-hash: 99c40ab4
receipt-date = Dat
# en-hash: ca15ebc0
receipt-fund = Pou
# en-hash: e16bd0b1
receipt-refunded = Remèt
# en-hash: 71bf9093
receipt-reference = Referans
# en-hash: 7c7b2569
receipt-no-goods = Nou pa t bay okenn machandiz ni sèvis an echanj pou kontribisyon sa a.
# en-hash: cf1c1ae6
receipt-large = Kenbe konfimasyon sa a. Pou yon don $250 oswa plis, se konfimasyon ekri règ taks Etazini yo mande a.
# en-hash: 1107ad83
receipt-your-message = Mesaj ou:
# en-hash: f65f007d
receipt-keep = Kenbe adrès paj sa a pou w ka wè resi ou ankò.
# en-hash: 63ff1131
field-error-generic = Nou pa ka itilize sa a. Verifye l epi eseye ankò.
# en-hash: 856f29fb
service-open = Ekip la louvri, e l ap reponn depi li kapab.
# en-hash: a537ef97
service-full = Ekip la louvri, men tout moun nan ekip la avèk lòt moun kounye a. Nou kenbe demann ou an, e n ap pran l depi yon moun lib.
# en-hash: 68c0d7d7
service-full-until = Ekip la louvri, men tout moun nan ekip la avèk lòt moun kounye a (jiska anviwon { $until }). Nou kenbe demann ou an, e n ap pran l depi yon moun lib.
# en-hash: 06a36cfe
service-closed = Ekip la fèmen kounye a. Nou kenbe demann ou an pou pwochen ekip k ap travay la.
# en-hash: 7a2eb461
service-closed-until = Ekip la fèmen kounye a. Nou kenbe demann ou an pou pwochen ekip k ap travay la, ki kòmanse { $at }.
# en-hash: a102086c
hours-full = Nou louvri, men tout moun nan ekip la avèk lòt moun kounye a. Nou kenbe demann yo, e n ap pran yo depi yon moun lib.
# en-hash: cd418dcd
hours-full-until = Nou louvri, men tout moun nan ekip la avèk lòt moun kounye a, jiska anviwon { $until }. Nou kenbe demann yo, e n ap pran yo depi yon moun lib.
# en-hash: 317acac9
hours-holiday = Nou fèmen jodi a.
# en-hash: 86ad3fee
progress-title = Kijan sa ap mache
# en-hash: 86ad3fee
progress-heading = Kijan sa ap mache
# en-hash: 8ce09e4f
progress-kind = Sa ki te voye: { $name }
# en-hash: f4f394d1
progress-since = Resevwa: { $when }.
# en-hash: e9660bd2
progress-waiting = Resevwa. Ekip la ap pran l si li toujou nesesè lè tan datant patnè a fini.
# en-hash: 0899b35c
progress-received = Resevwa. Ekip la genyen l.
# en-hash: e01c351d
progress-closed = Fèmen.
# en-hash: e5b95c2e
progress-private = Paj sa a montre sèlman kote sa rive. Li pa janm montre anyen sou moun nan.
# en-hash: 310da67c
sms-ack = { $team } resevwa mesaj ou.{ $state } Si nou ka voye w nouvèl isit la san danje, reponn SAFE. Nou pa sèvis ijans: nenpòt lè 988 oswa 833-773-2445; 911 pou ijans medikal. Reponn STOP pou kanpe. For English, reply EN.
# en-hash: 073766ec
sms-closed = { " " }Nou fèmen kounye a; nou kenbe mesaj ou pou pwochen ekip la ({ $at }).
# en-hash: 1b5b5bb7
sms-full = { " " }Tout ekip la okipe ak lòt moun kounye a (jiska anviwon { $until }). Nou kenbe mesaj ou, n ap pran l depi yon moun lib.
# en-hash: b0192756
sms-question = { $question } Reponn { $choices }.
# en-hash: 5a50cdf2
sms-choice = { $n } pou { $answer }
# en-hash: 501b08ad
sms-screened = { $team }: mèsi, sa ede nou voye bon sipò a.
# en-hash: c85f8a7a
sms-help = { $team }: sipò kominotè nan kriz, nou pa sèvis ijans. Ekri nou sa k ap pase. Reponn STOP pou kanpe tèks yo. Nenpòt lè: 988, oswa MA Behavioral Health Help Line 833-773-2445; 911 pou ijans medikal.
# en-hash: b4701cba
sms-start = { $team }: ou ka ekri nou ankò. Reponn STOP pou kanpe.
# en-hash: 70917b58
sms-safe = { $team }: mèsi. N ap voye w nouvèl isit la. Reponn STOP pou kanpe.
# en-hash: 9897c5bb
sms-on-the-way = { $team }: yon ekip sou wout.
# en-hash: 505eff6d
sms-not-found = { $team }: nou pa t ka jwenn ou. Reponn mesaj sa a pou kontinye.
# en-hash: c3d54cd8
nav-directory = Jwenn sipò
# en-hash: 42087968
directory-title = Jwenn sipò toupre
# en-hash: 42087968
directory-heading = Jwenn sipò toupre
# en-hash: 1b65a787
directory-intro = Manje, yon kabann aswè a, èd pou bòdwo, swen sante, èd legal ak plis ankò. Yo sòti nan òganizasyon nan vil la ak bò kote l. Ou pa bezwen kont.
# en-hash: e3ad92be
directory-q = Kisa w ap chèche?
# en-hash: b80feab3
directory-q-hint = Kèk mo, pa egzanp "bank manje" oswa "èd pou bòdwo". Ou pa bezwen ekri yo egzak.
# en-hash: d5e68044
directory-need = Kalite sipò
# en-hash: bcb32f11
directory-need-any = Nenpòt kalite
# en-hash: d9f314ef
directory-near = Toupre
# en-hash: abcb845c
directory-near-hint = Yon adrès oswa yon kote, pa egzanp "71 Cherry St".
# en-hash: 1f152125
directory-language = Lang yo pale
# en-hash: a8d71c96
directory-only = Montre sèlman
# en-hash: 14b67e62
directory-open-now = Louvri kounye a
# en-hash: 420ad2f5
directory-free = Gratis
# en-hash: a0f76cf2
directory-no-id = Yo pa mande pyès idantite
# en-hash: b3d43659
directory-accessible = Aksesib pou chèz woulant
# en-hash: 49c266ba
directory-search = Chèche
# en-hash: 763f69cb
directory-near-unknown = Nou pa t ka jwenn kote sa a, kidonk rezilta yo pa ranje dapre distans. Eseye ak yon adrès.
# en-hash: 52ff47c0
directory-found = Sèvis nou jwenn: { $count }
# en-hash: 604dce44
directory-all = Sèvis
# en-hash: 03f139fd
directory-distance = { $distance } lwen
# en-hash: 14b67e62
directory-is-open = Louvri kounye a
# en-hash: b7c1a931
directory-is-closed = Fèmen kounye a
# en-hash: e30be00a
directory-open-data = Anyè sa a se done ouvè (Open Referral HSDS 3.0) nan /hsds. Rele anvan ou ale: lè ak kote yo ka chanje.
# en-hash: 10502b14
directory-cap-open = Louvri jodi a
# en-hash: 1ac45e3e
directory-cap-full = Plen jodi a
# en-hash: 331b5264
directory-cap-closed = Fèmen jodi a
# en-hash: 2942b2bf
directory-cap-available = { $n } plas lib
# en-hash: a48a326d
directory-updated-now = mete ajou kounye a la
# en-hash: ed333436
directory-updated-minutes = mete ajou sa gen { $n } minit
# en-hash: f5f93e5d
directory-updated-hours = mete ajou sa gen { $n } èdtan
# en-hash: 30362ef7
directory-updated-days = mete ajou sa gen { $n } jou
# en-hash: beb72b36
directory-cap-legend = Jodi a nan { $name }
# en-hash: 2b065c7c
directory-cap-status = Jodi a
# en-hash: 59dec9a3
directory-cap-places = Plas lib (opsyonèl)
# en-hash: b1675c76
directory-cap-note = Nòt pou piblik la (opsyonèl)
# en-hash: c1c1009d
directory-cap-save = Mete ajou
# en-hash: 6357161e
directory-refer = Refere bay { $name }
# en-hash: fcfa7b30
directory-referring = W ap chwazi yon sèvis pou w refere yon moun.
# en-hash: 590fdb94
directory-referring-back = Tounen nan demann nan
# en-hash: 92340695
service-status-active = Aktif
# en-hash: ac7c949f
service-status-inactive = Pa aktif
# en-hash: d51a153c
service-status-defunct = Li pa fonksyone ankò
# en-hash: 5859ebc8
field-error-restricted = Lajan yon fon espesyal rete pou objektif li sèlman. Nou pa ka deplase l.
# en-hash: 4472678a
mail-receipt-subject = { $org }: resi pou don { $amount } ou a
# en-hash: de21eda2
mail-receipt-intro = Mèsi pou don ou bay { $org }. Imèl sa a se resi ou.
# en-hash: bcc666c2
mail-receipt-link = Resi ou sou entènèt: { $url }
# en-hash: 276243fb
mail-statement-subject = { $org }: rezime don ou pou { $n }
# en-hash: b0f7706e
mail-footer = Ou resevwa imèl sa a paske ou te fè yon don bay { $org } ak adrès sa a. Nou voye resi, epi yon fwa pa ane, yon rezime don; pa gen lòt bagay. Pou mande nou nenpòt bagay, reponn imèl sa a.
# en-hash: 85629534
donate-email-hint-no-mail = Pou resi ou: li parèt nan pwochen paj la, epi ekip la ka voye l ankò si ou mande l.
# en-hash: b9cf2c61
receipt-mail-sent = Nou voye resi sa a ba ou pa imèl.
# en-hash: cc777438
receipt-mail-waiting = N ap voye resi sa a ba ou pa imèl.
# en-hash: 3a1ceaee
receipt-mail-failed = Nou pa t ka voye resi sa a pa imèl. Kenbe paj sa a, oswa mande ekip la yon kopi.
# en-hash: e0f4f767
day-today = jodi a
# en-hash: bafd151a
day-tomorrow = demen
# en-hash: 6a00dfc1
weekday-1 = lendi
# en-hash: 7d8af1de
weekday-2 = madi
# en-hash: c0a6cc82
weekday-3 = mèkredi
# en-hash: fc266206
weekday-4 = jedi
# en-hash: e21f3f37
weekday-5 = vandredi
# en-hash: dbe35c73
weekday-6 = samdi
# en-hash: 873fef76
weekday-7 = dimanch
# en-hash: f40d7f51
weekday-short-1 = len
# en-hash: d1eb39b0
weekday-short-2 = mad
# en-hash: 58339f45
weekday-short-3 = mèk
# en-hash: 7da11212
weekday-short-4 = jed
# en-hash: 66dab40c
weekday-short-5 = van
# en-hash: fdeb71b5
weekday-short-6 = sam
# en-hash: db18f17f
weekday-short-7 = dim
# en-hash: 5c5db120
month-short-1 = jan
# en-hash: caf71b3f
month-short-2 = fev
# en-hash: b4b7d381
month-short-3 = mas
# en-hash: 617531b4
month-short-4 = avr
# en-hash: 8c78fe5b
month-short-5 = me
# en-hash: b27fd46e
month-short-6 = jen
# en-hash: c43f56b9
month-short-7 = jiy
# en-hash: 41e1d82a
month-short-8 = out
# en-hash: 451e2b71
month-short-9 = sep
# en-hash: 6877e849
month-short-10 = okt
# en-hash: 3e630d29
month-short-11 = nov
# en-hash: f2a0cfbc
month-short-12 = des
# en-hash: 691f5681
sms-language = { $team }: n ap ekri w an kreyòl ayisyen.
# en-hash: 651bb684
inv-circle = Sèk: mo chak moun nan yon sèk chwazi pou yo rele yo, lang yo ak fason ki san danje pou kontakte yo, plan sekirite yo, nòt sou konvèsasyon ak yo, ak akò ki fèt yo
# en-hash: 520e95a5
inv-circle-why = Pou moun k ap fasilite yo ka ede moun ki konsène yo rezoud yon konfli oswa yon mal ansanm, ak mo chak moun kenbe pou li sèlman.
# en-hash: ea72772d
inv-circle-kept = Jiska { $days } jou apre sèk la fèmen; apre sa, tout kle li yo detwi. Yon moun ka mande pou l wè pa l la oswa pou yo efase l nenpòt ki lè.
# en-hash: 5b6e6272
inv-circle-who = Se sèlman moun k ap fasilite sèk la. Pèsonn lòt, menm administratè yo.
# en-hash: c3a5654a
inv-circle-how = Mo chak moun fèmen anba pwòp kle pa yo, akò yo anba yon kle pa sèk la. Efase yon moun kite mo lòt yo jan yo te ye a.
