# reviewed-by-fluent-speaker: no
# Person-facing messages only (locales/person-facing.txt); staff pages fall back to English.

# en-hash: c887f134
skip-to-content = ወደ ዋናው ይዘት ይዝለሉ
# en-hash: eb814be3
nav-label = ዋና
# en-hash: 01b259ab
nav-sign-out = ይውጡ ({ $name })
# en-hash: 198cca6f
nav-ask = ድጋፍ ይጠይቁ
# en-hash: bfd402b2
nav-sign-in = ይግቡ
# en-hash: fabcf5e7
footer-not-emergency = እኛ የድንገተኛ አደጋ አገልግሎት አይደለንም። የሕክምና ድንገተኛ አደጋ ሲያጋጥም ወደ 911 ይደውሉ። በማንኛውም ሰዓት የችግር ጊዜ ድጋፍ ለማግኘት ወደ 988 ይደውሉ ወይም የጽሑፍ መልእክት ይላኩ። ወይም ወደ Massachusetts Behavioral Health Help Line (የማሳቹሴትስ የአእምሮ ጤና የእርዳታ መስመር) በ833-773-2445 ይደውሉ።
# en-hash: 89db19f6
required = (አስፈላጊ)
# en-hash: c01bf554
translation-new = ይህ ትርጉም አዲስ ነው። አማርኛን አቀላጥፎ የሚናገር ሰው ገና አልፈተሸውም። የሆነ ነገር ትክክል ካልመሰለዎት፣ ሲያነጋግሩን ወይም በጽሑፍ መልእክት እባክዎ ይንገሩን።
# en-hash: 4f5d04f5
error-home = ወደ መነሻ ገጹ ይሂዱ
# en-hash: e3325a8f
error-reference = ይህን ለቡድኑ ሲነግሩ ይህን ማጣቀሻ ይስጡ፦ { $name }
# en-hash: bb629e36
error-csrf-title = እባክዎ ቅጹን እንደገና ይላኩ
# en-hash: 00b6c7bb
error-csrf = ይህ ቅጽ ጊዜው አልፎበታል፣ ወይም በሌላ መስኮት ተከፍቶ ነበር። ምንም ነገር አልተቀመጠም። እባክዎ ይፈትሹትና እንደገና ይላኩት።
# en-hash: 04ed297e
error-forbidden-title = ይህ እዚህ የሥራዎ አካል አይደለም
# en-hash: 88a9c302
error-forbidden = መለያዎ ይህን አያካትትም። ካስፈለገዎት፣ የአስተዳዳሪ ፈቃድ ያለውን የሥራ ባልደረባዎን ይጠይቁ።
# en-hash: e3ebaa16
error-not-found-title = አልተገኘም
# en-hash: d0b4733c
error-not-found = ያንን ገጽ ወይም መዝገብ ማግኘት አልቻልንም።
# en-hash: 8692ef87
error-conflict-title = ያንን ማድረግ አልተቻለም
# en-hash: 8c98449c
error-throttled-title = እባክዎ ትንሽ ይጠብቁ
# en-hash: 78c7f4ec
error-invalid-title = አንዳንድ መልሶች ማስተካከያ ያስፈልጋቸዋል
# en-hash: f0352631
error-invalid = አንዳንድ መልሶች ማስተካከያ ያስፈልጋቸዋል። ወደ ኋላ ተመልሰው ቅጹን ይፈትሹ።
# en-hash: dda10dd7
error-internal-title = በእኛ በኩል ችግር ተፈጥሯል
# en-hash: be28368e
error-unavailable-title = እባክዎ ትንሽ ቆይተው እንደገና ይሞክሩ
# en-hash: 6a95b1b7
error-unavailable = የመረጃ ቋታችን ለጥቂት ጊዜ አይገኝም (ወደ ተጠባባቂው እየተቀየረ ሊሆን ይችላል)። ምንም ነገር አልተቀመጠም። እባክዎ ከጥቂት ሰከንዶች በኋላ እንደገና ይላኩት።
# en-hash: 5e42a274
error-internal = በእኛ በኩል ችግር ተፈጥሯል፤ ምንም ነገር አልተቀየረም። እባክዎ እንደገና ይሞክሩ። ችግሩ ከቀጠለ፣ የችግሩን መለያ ቁጥር { $incident } ለአስተዳዳሪዎ ይንገሩ።
# en-hash: b7e838d5
errors-heading = እባክዎ እነዚህን መልሶች ይፈትሹ
# en-hash: 59212ef4
field-error-required = ይህ ያስፈልጋል።
# en-hash: d38529b6
field-error-invalid = ይህ ትክክል አይመስልም።
# en-hash: 34b13edc
field-error-unknown = ይህ ከምርጫዎቹ አንዱ አይደለም።
# en-hash: 64ee6332
field-error-unreachable = ከዚህ ተነስቶ በመንገድ ወደዚያ መድረስ አይቻልም።
# en-hash: 3cea9bbd
field-error-taken = ይህ ቀድሞ ተይዟል።
# en-hash: bb612d83
field-error-mismatch = ሁለቱ የይለፍ ቃሎች አንድ አይደሉም።
# en-hash: d1c5d653
alt-heading = አሁኑኑ የሚያነጋግርዎት ሰው ካስፈለገዎት
# en-hash: 7d2805ba
alt-988 = 988 Suicide and Crisis Lifeline (ራስን የማጥፋት ሐሳብ እና የችግር ጊዜ የእርዳታ መስመር)፦ በማንኛውም ሰዓት ወደ 988 ይደውሉ ወይም የጽሑፍ መልእክት ይላኩ።
# en-hash: 268660fb
alt-bhhl = Massachusetts Behavioral Health Help Line (የማሳቹሴትስ የአእምሮ ጤና የእርዳታ መስመር)፦ 833-773-2445፣ በማንኛውም ሰዓት፣ በብዙ ቋንቋዎች።
# en-hash: 56e6607c
alt-911 = የሕክምና ድንገተኛ አደጋ፦ ወደ 911 ይደውሉ።
# en-hash: f34fe822
phone-text-988 = የጽሑፍ መልእክት ይላኩ
# en-hash: f3808f25
hours-open = አሁን ክፍት ነን።
# en-hash: f4e71746
hours-open-until = አሁን ክፍት ነን፤ እስከ { $until } ድረስ።
# en-hash: 461f2540
hours-closed = አሁን ዝግ ነን።
# en-hash: c575dfde
hours-closed-until = አሁን ዝግ ነን። እንደገና የምንከፍተው፦ { $at }።
# en-hash: 8f3a16bf
home-title = ከፖሊስ ይልቅ ድጋፍ
# en-hash: bd88c356
home-heading = { $team }፦ የማኅበረሰብ የችግር ጊዜ ድጋፍ
# en-hash: 5df2db4f
home-what = በ{ $area } አንድ ሰው በጭንቀት ውስጥ ሲሆን፣ ግጭት ውስጥ ሲገባ ወይም እርዳታ ሲፈልግ፣ ከፖሊስ ይልቅ የምንመጣ የአቻ ድጋፍ ሰጪዎች ነን። እናዳምጣለን፣ አብረን እንቆያለን፣ ሰዎችን ከሚያስፈልጋቸው ነገር ጋር እናገናኛለን።
# en-hash: f3b82efd
home-not-emergency = እኛ የድንገተኛ አደጋ አገልግሎት አይደለንም። የሕክምና ድንገተኛ አደጋ ሲያጋጥም ወደ 911 ይደውሉ።
# en-hash: 198cca6f
home-ask = ድጋፍ ይጠይቁ
# en-hash: 9c870aa6
home-how-heading = እንዴት እንደሚሠራ
# en-hash: 6dec8e39
home-how-1 = ለራስዎም ሆነ ለሌላ ሰው፣ ምን እየሆነ እንዳለ ይንገሩን። ስምዎን መስጠት አይጠበቅብዎትም።
# en-hash: 7782edf5
home-how-2 = የአቻ ድጋፍ ሰጪ መልሶ ይደውልልዎታል፣ ወይም ሁለት ሰዎች ያሉት ቡድን ወደ እርስዎ ይመጣል።
# en-hash: a94cadd6
home-how-3 = ፖሊስ በፍጹም አንልክም፤ የሚነግሩን ማንኛውም ነገር ለፖሊስ አይነገርም።
# en-hash: 198cca6f
request-title = ድጋፍ ይጠይቁ
# en-hash: 198cca6f
request-heading = ድጋፍ ይጠይቁ
# en-hash: ccecd5a6
request-questions-hint = እነዚህ ጥያቄዎች ማን መምጣት እንዳለበት ለመወሰን ይረዱናል። መመለስ የማይፈልጉትን መዝለል ይችላሉ።
# en-hash: f6f4688f
request-send = ይላኩ
# en-hash: 9681d288
request-limited = ባለፉት ጥቂት ደቂቃዎች ከዚህ ግንኙነት ብዙ ጥያቄዎች መጥተዋል፤ ስለዚህ ይህኛው አልተላከም። እባክዎ ከጥቂት ደቂቃዎች በኋላ እንደገና ይሞክሩ። አሁኑኑ ሰው ካስፈለገዎት፣ ከታች ካሉት መስመሮች አንዱን ይጠቀሙ።
# en-hash: 07253bb3
donate-limited = ባለፉት ጥቂት ደቂቃዎች ከዚህ ግንኙነት ብዙ ልገሳዎች ተጀምረዋል፤ ስለዚህ ይህኛው አልተጀመረም። እባክዎ ከጥቂት ደቂቃዎች በኋላ እንደገና ይሞክሩ።
# en-hash: ebbd2763
thanks-title = ጥያቄዎ ደርሶናል
# en-hash: ebbd2763
thanks-heading = ጥያቄዎ ደርሶናል
# en-hash: acf4f398
thanks-reference = የመለያ ቁጥርዎ፦ { $reference }
# en-hash: fd726019
thanks-status-link = ጥያቄዎ የት እንደደረሰ ይመልከቱ
# en-hash: 5e63933a
thanks-status-hint = ተመልሰው ለማየት ይህን ሊንክ ያስቀምጡ። ጥያቄዎ የት እንደደረሰ ብቻ ያሳያል፤ ስለ እርስዎ ምንም አያሳይም። ሊንኩ ያለው ማንኛውም ሰው ይህን ማየት ይችላል፤ ስለዚህ ለራስዎ ብቻ ያስቀምጡት።
# en-hash: f707b233
progress-kind-web = የድጋፍ ጥያቄዎ
# en-hash: 1f6b043a
thanks-closed = አሁን ዝግ ነን፤ ስለዚህ እስከ { $at } ድረስ ጥያቄዎን ማንም አያየውም። ከዚያ በፊት ሰው ካስፈለገዎት፣ እባክዎ ከታች ካሉት መስመሮች አንዱን ይጠቀሙ።
# en-hash: d9572c66
thanks-full = ሁሉም ቡድኖቻችን አሁን ከሌሎች ሰዎች ጋር ናቸው። ጥያቄዎ በተራ ላይ ነው፤ አንድ ቡድን ነፃ እንደሆነ እንመጣለን። መጠበቅ ካልቻሉ፣ እባክዎ ከታች ካሉት መስመሮች አንዱን ይጠቀሙ።
# en-hash: e664cc2c
thanks-team = አንድ ቡድን ነፃ እንደሆነ ወዲያውኑ ጉዞ ይጀምራል።
# en-hash: 2a92247f
thanks-contact = ከቡድኑ አንድ ሰው፣ ደህንነቱ የተጠበቀ ነው ባሉት መንገድ ይገናኛል።
# en-hash: 1700d434
intake-who-legend = የሚጠይቀው ማን ነው?
# en-hash: 843f77ae
requester-person = ድጋፍ የሚያስፈልገው ሰው
# en-hash: 8f2a684c
requester-on_behalf = ለሌላ ሰው የሚጠይቅ ሰው
# en-hash: ff394c9a
requester-partner = አጋር ድርጅት
# en-hash: 2207d4a0
intake-summary = ምን እየሆነ ነው?
# en-hash: 2b40c4f7
intake-summary-hint = በቀላል ቃላት። ሰውየውን ለመደገፍ የሚረዳንን ብቻ ይጻፉ።
# en-hash: 91f45115
intake-where-legend = የት?
# en-hash: d24e3af4
intake-location = ሰውየው የት ናቸው?
# en-hash: 1edde58b
intake-location-hint = መንገድ፣ የመንገድ ጥግ ወይም ቦታ። ባዶ መተው ይችላሉ።
# en-hash: dac57454
intake-location-withheld = መናገር አይፈልጉም
# en-hash: 238a676d
intake-lat = ኬክሮስ
# en-hash: 6d80458f
intake-lon = ኬንትሮስ
# en-hash: 05a49b09
intake-contact-legend = እንዴት ልናገኛቸው እንችላለን
# en-hash: daf3a133
intake-contact-hint = ሁሉም አማራጭ ነው። ስም ሳይጠቅሱ መጠየቅም ይቻላል።
# en-hash: 26f8d208
intake-contact-name = ስም፣ ወይም ምን ተብለው መጠራት እንደሚፈልጉ
# en-hash: 63dceb88
intake-contact-phone = ስልክ
# en-hash: a52d18b6
intake-safe-legend = የትኛው መንገድ ደህንነቱ የተጠበቀ ነው?
# en-hash: f884bf09
intake-safe-hint = ሰዎችን የምናገኘው ደህንነቱ የተጠበቀ ነው ባሉት መንገድ ብቻ ነው።
# en-hash: 5bb8abce
intake-safe-call = ስልክ መደወል ደህንነቱ የተጠበቀ ነው
# en-hash: 59b01c57
intake-safe-text = የጽሑፍ መልእክት ደህንነቱ የተጠበቀ ነው
# en-hash: 1a32d258
intake-safe-voicemail = የድምፅ መልእክት ደህንነቱ የተጠበቀ ነው
# en-hash: 48ec414f
intake-safe-hours = ለማግኘት ደህንነቱ የተጠበቀ ሰዓት
# en-hash: e8363c25
safe-times-hint = የአካባቢያችንን ሰዓት ይጠቀሙ። ሌላ ሰው የማያይበትና የማይሰማበትን ጊዜ ይጠይቁ።
# en-hash: 5e7de49a
safe-times-any = በማንኛውም ጊዜ
# en-hash: b577e601
safe-times-only = በእነዚህ ቀናት፣ በእነዚህ ሰዓቶች መካከል ብቻ
# en-hash: e08c0aa8
safe-times-days = ቀናት
# en-hash: 21819769
safe-times-from = ከ
# en-hash: 7caf856e
safe-times-to = እስከ
# en-hash: 996a0dfa
field-error-safe_hours = መጀመሪያ ቀናትን፣ ከዚያ ሰዓቶችን ይጻፉ፤ ለምሳሌ mon-fri 18:00-21:00።
# en-hash: 765944ea
field-error-safe_hours_missing = ቀናቱን እና ሁለቱንም ሰዓቶች ይምረጡ፣ ወይም «በማንኛውም ጊዜ»ን ይምረጡ።
# en-hash: 3d788c63
intake-code-word = የምስጢር ቃል
# en-hash: e77a0573
intake-code-word-hint = የእኛ ድጋፍ ሰጪ የሚናገረው ቃል፤ እኛ መሆናችንን እንዲያውቁ።
# en-hash: 33b2baff
intake-language = የሚመርጡት ቋንቋ
# en-hash: 8aa3e2b2
intake-interpreter = ሰውየው አስተርጓሚ ይፈልጋሉ
# en-hash: b3f8aa04
intake-questions-legend = ጥቂት ጥያቄዎች
# en-hash: ba118bf7
language-en = እንግሊዝኛ
# en-hash: 3411059c
language-es = ስፓኒሽ
# en-hash: da8757fe
language-pt-BR = ፖርቱጋልኛ (ብራዚል)
# en-hash: ec18adfb
language-ht = የሄይቲ ክሪዮል
# en-hash: 8a9779f4
language-zh = ቻይንኛ
# en-hash: e1b6cb2b
language-am = አማርኛ
# en-hash: bafb66f3
language-ar = ዓረብኛ
# en-hash: e7f4fe26
language-bn = ቤንጋሊኛ
# en-hash: e901fd85
language-other = ሌላ ቋንቋ
# en-hash: 76f5ad67
need-housing = መኖሪያ ቤት
# en-hash: e4eb1806
need-food = ምግብ
# en-hash: 5ccc2e87
need-money = ገንዘብ
# en-hash: 726d11bd
need-safety = ደህንነት
# en-hash: 014659ab
need-conflict = ግጭት
# en-hash: fec80bef
need-medical = ሕክምና
# en-hash: f97e9da0
need-other = ሌላ
# en-hash: 49f19bee
status-received = ደርሷል
# en-hash: a62f9212
status-triaged = ተገምግሟል
# en-hash: cf540bd3
status-waiting = ቡድን በመጠበቅ ላይ
# en-hash: 0f3453e1
status-assigned = ቡድን ተመድቧል
# en-hash: c21ead06
status-closed = ተዘግቷል
# en-hash: d353a99e
status-cancelled = ተሰርዟል
# en-hash: 5011c951
time-in = ከ{ $duration } በኋላ
# en-hash: 159c8275
time-ago = ከ{ $duration } በፊት
# en-hash: a69e7639
duration-m = { $m } ደቂቃ
# en-hash: e2266625
duration-h = { $h } ሰዓት
# en-hash: cd500055
duration-dh = { $d } ቀን { $h } ሰዓት
# en-hash: 8f3e5009
footer-what-we-hold = ስለ ሰዎች ምን መረጃ እንደምንይዝ፣ እና ለምን ያህል ጊዜ
# en-hash: 5466af5f
inventory-title = ስለ ሰዎች የምንይዘው መረጃ
# en-hash: 824337fa
inventory-intro = ይህ አገልግሎት የሚይዘው እያንዳንዱ ዓይነት የግል መረጃ፣ ለምን፣ ለምን ያህል ጊዜ፣ እና ማን ሊያየው እንደሚችል። የምንሰበስበው በተቻለ መጠን ትንሽ ነው። መዝገብዎን ለማየት፣ ለመውሰድ ወይም ለማጥፋት ድጋፍ ሰጪን መጠየቅ ይችላሉ።
# en-hash: d3ae14a5
inventory-why = ለምን
# en-hash: 99a013a8
inventory-kept = ለምን ያህል ጊዜ
# en-hash: 5d34a0f3
inventory-who = ማን ሊያየው ይችላል
# en-hash: 41d7f6da
inventory-how = እንዴት እንደሚጠበቅ
# en-hash: 8250f82b
inv-kept-days = ከሰውየው ጋር ለመጨረሻ ጊዜ ከተገናኘን በኋላ ለ{ $days } ቀናት። ከዚያ በራሱ ይጠፋል፤ ሰውየው እንድናስቀምጠው ካልጠየቁ በስተቀር።
# en-hash: b1ccdd6b
inv-sealed = ለዚህ ሰው ብቻ በተሠራ ቁልፍ ተቆልፏል። የሰውየው መረጃ ሲጠፋ ቁልፉም ይጠፋል።
# en-hash: f2208d23
inv-who-request = ጥሪዎችን የሚቀበሉ፣ ቡድኖችን የሚልኩ እና ሥራውን የሚያቅዱ ሰዎች። ወደ ሰውየው የሄደው ቡድን ድጋፍ ሰጪዎች።
# en-hash: 7dfd31da
inv-who-care = ቡድኖችን የሚልኩ እና ሥራውን የሚያቅዱ ሰዎች። ወደ ሰውየው የሄደው ቡድን ድጋፍ ሰጪዎች።
# en-hash: 41d25250
inv-request = ምን እንደተፈጠረ፣ ድጋፍ በጠየቀው ሰው ቃላት፣ እና ለጥያቄዎቻችን የሰጣቸው መልሶች
# en-hash: c6f386b6
inv-request-why = ትክክለኛዎቹን ሰዎች፣ ከሚያስፈልጉት ነገሮች ጋር እንድንልክ።
# en-hash: 5110d6ff
inv-place = ሰውየው ያሉበት ቦታ፦ ቦታው በቃላት፣ እና በካርታ ላይ ያለ ነጥብ
# en-hash: 2c9776c6
inv-place-why = ሰውየውን ለማግኘት።
# en-hash: 7471aaa0
inv-contact = ስምና ስልክ ቁጥር፣ ሰውየው ከሰጡን። ያለ ስምም እርዳታ ማግኘት ይችላሉ።
# en-hash: 8cdc03bb
inv-contact-why = ሰውየውን እንደገና ለማግኘት፣ ደህንነቱ የተጠበቀ ነው ባሉት መንገድ ብቻ።
# en-hash: fcfc06c0
inv-contact-how = ከላይ እንደተገለጸው ተቆልፏል። ከስልክ ቁጥሩ የተሠራ ኮድም እንይዛለን። ይህ ኮድ ተመልሶ ስልክ ቁጥር ሊሆን አይችልም። አንድ ሰው ከዚህ በፊት እንደደወለ ያሳየናል።
# en-hash: 26288c2c
inv-safe = ሰውየውን መቼና እንዴት ማግኘት ደህንነቱ የተጠበቀ እንደሆነ፣ የምስጢር ቃል፣ እና አስተርጓሚ ይፈልጉ እንደሆነ
# en-hash: b7dfc3b2
inv-safe-why = ሰውየውን ማግኘታችን በፍጹም አደጋ ላይ እንዳይጥላቸው።
# en-hash: 0ffed447
inv-encounter = ቡድኑ ያደረገው፣ እና ሰውየው ስለዚያ በራሳቸው ቃላት የተናገሩት
# en-hash: 372c9e6d
inv-encounter-why = እንክብካቤው እንዲቀጥል፣ እና ሰውየው ለተስማሙበት ክትትል።
# en-hash: e7090de0
inv-follow-up = ቡድኑ ስለ አንድ የድጋፍ ጥያቄ የሚጽፋቸው ማስታወሻዎች፦ ምን እንደተፈጠረ፣ ሰውየውን ለማግኘት የተደረጉ ሙከራዎች፣ የሚቀጥለው ፈረቃ ማወቅ ያለበት ነገር፣ እና ከጉብኝት በኋላ የሚደረግ ክትትል
# en-hash: 57288c17
inv-follow-up-why = የሚቀጥለው ፈረቃ ምን እንደተፈጠረ እንዲያውቅ፣ እና በተስማማነው መሠረት ሰውየውን ለመጠየቅ።
# en-hash: 6e22e4ba
inv-aid = ቡድኑ ለአንድ ሰው የከፈለው ገንዘብ (የጋራ መረዳዳት)፦ ማስታወሻዎች፣ ገንዘቡ የተከፈለው ለማን እንደሆነ (ለምሳሌ የመብራት ድርጅት ወይም የቤት አከራይ)፣ አንድ ጥያቄ ለምን ተቀባይነት እንዳላገኘ፣ እና ደረሰኙ
# en-hash: e8af8e87
inv-aid-why = ክፍያ ከመፈጸሙ በፊት ሁለት ሰዎች እንዲፈትሹት፣ እና የሂሳብ መዝገቡ ገንዘቡ የት እንደሄደ እንዲያሳይ።
# en-hash: da2d5073
inv-aid-who = እርዳታውን የጠየቀው ድጋፍ ሰጪ፣ እና ገንዘብ የሚያስተዳድሩ ሰዎች።
# en-hash: 79d54927
inv-aid-how = ከላይ እንደተገለጸው ተቆልፏል። መጠኑ፣ ለምን እንደሆነ እና የተከፈለው አካል ዓይነት ለሂሳብ መዝገቡ ይቀመጣሉ። የሂሳብ መዝገቡ የእርዳታ ጥያቄውን እንጂ ሰውየውን በፍጹም አይጠቅስም።
# en-hash: 3acf70db
inv-referral = ሰውየው ወዳስተላለፍናቸው አገልግሎት እንዲላክ የመረጡት መረጃ፦ የመጀመሪያ ስም፣ መልሶ የሚደወልበት ቁጥር፣ ፍላጎቶች፣ ቋንቋ፣ ማስታወሻ። የመረጡትን ብቻ።
# en-hash: dbe6749e
inv-referral-why = አገልግሎቱ ሰውየውን እንዲያገኛቸው። ያልተስማሙበት ምንም ነገር በፍጹም አይላክም።
# en-hash: f0429176
inv-referral-who = መረጃው የተላከለት አገልግሎት፣ እነዚያን ዝርዝሮች ብቻ። ሥራውን የሚያቅዱ ሰዎች። ወደ ሰውየው የሄደው ቡድን ድጋፍ ሰጪዎች።
# en-hash: 088c67e3
inv-referral-how = ከላይ እንደተገለጸው ተቆልፏል። ማስተላለፉ ሲሰረዝ፣ ወይም የሰውየው መረጃ ሲጠፋ፣ ይወገዳል። አገልግሎቱ ስለ ሰውየው ሌላ ምንም ነገር በፍጹም አያይም።
# en-hash: 9aa67b13
inv-sms = ወደ ሰውየው የተላኩና ከእነሱ የመጡ የጽሑፍ መልእክቶች፣ እና የጻፉበት ስልክ ቁጥር
# en-hash: 03a113e2
inv-sms-why = በጽሑፍ መልእክት ድጋፍ ከጠየቀ ሰው ጋር ለመነጋገር። መረጃ የምንልከው በጽሑፍ መልእክት መገናኘት ደህንነቱ የተጠበቀ ነው ካሉ ብቻ ነው።
# en-hash: 5327a649
inv-sms-how = ከላይ እንደተገለጸው ተቆልፏል። አንድ ቁጥር STOP ብሎ ከጻፈ፣ ከቁጥሩ የተሠራ ኮድ ብቻ እንይዛለን። START ብሎ እስኪጽፍ ድረስ ወደዚያ ቁጥር ምንም አንልክም። የጽሑፍ መልእክት አገልግሎታችን (Twilio) ደግሞ እያንዳንዱን መልእክትና ቁጥሩን በራሱ መዝገብ፣ በራሱ ደንቦች ይይዛል። የአንድ ሰው መረጃ እዚህ ሲጠፋ፣ Twilio መልእክቶቻቸውን እንዲያጠፋ እንጠይቃለን። መልስ እስኪሰጥ ድረስ መጠየቃችንን እንቀጥላለን። Twilio አገልግሎቱን እንዴት እንደምንጠቀም የሚይዛቸውን መዝገቦች ማጥፋት አንችልም።
# en-hash: eeeeee38
inv-alert = ከአጋር ድርጅት የመጣ ማንቂያ፣ የአጋሩን የሰዓት ቆጣሪ እየጠበቀ ሳለ፦ ያዩት ነገር፣ እና የት እንደሆነ
# en-hash: 7c3dbfc2
inv-alert-why = ማንቂያው ወደ ፖሊስ ሳይሆን ወደ ቡድናችን እንዲደርስ፣ እና ጊዜው ካለቀ በኋላ ብቻ። ለምሳሌ፦ አንድ ሰው እዚህ ውስጥ ከአንድ ሰዓት በላይ ቆይቷል።
# en-hash: 1a4462e1
inv-alert-kept = የሰዓት ቆጣሪው እስኪያልቅ ድረስ። ከዚያ ከላይ እንደተገለጸው ጥያቄ ይሆናል። አጋሩ ሰውየው ሄደዋል ካለ፣ ይሰረዛል።
# en-hash: fe6ad4fe
inv-alert-who = በመጠበቅ ላይ ሳለ ማንም። ከዚያ በኋላ፣ ጥያቄን ማየት የሚችሉት እነዚያው ሰዎች።
# en-hash: 08333599
inv-alert-how = በሰርቨሩ ቁልፍ ተቆልፏል። ቦታው የሚቀመጠው እንደ ኮድ ብቻ ነው፤ ከአንድ ቦታ የመጡ ማንቂያዎችን ለማገናኘት።
# en-hash: 44828e65
inv-donor = የለጋሾች ስሞችና የኢሜይል አድራሻዎች፣ ልገሳዎቻቸው እና መልእክቶቻቸው
# en-hash: e82df1b6
inv-donor-why = ደረሰኞችንና በዓመት አንድ ጊዜ የልገሳ ማጠቃለያ ለመላክ፣ እና ታማኝ የሂሳብ መዝገብ ለመያዝ።
# en-hash: c2ed8196
inv-donor-kept = የሂሳብ መዝገብ መቀመጥ እስካለበት ድረስ፦ እንደተለመደው፣ ከልገሳው በኋላ ሰባት ዓመት።
# en-hash: 12f13599
inv-donor-who = ገንዘብ የሚያስተዳድሩ ሰዎች። ከምንደግፋቸው ሰዎች መዝገቦች ጋር በፍጹም አይገናኝም።
# en-hash: 00664add
inv-donor-how = ከእንክብካቤ መዝገቦች ተለይቶ ይቀመጣል። ደረሰኞች የሚላኩት በራሳችን የኢሜይል ሰርቨር ነው። የሲስተም መዝገቦቻችን የሰርቨሩን የመልስ ኮዶች ብቻ ይይዛሉ፤ አድራሻ በፍጹም አይይዙም። መጠባበቂያ ቅጂዎች ልክ እንደ ሰርቨሩ የተጠበቁ ናቸው።
# en-hash: f29a553f
inv-legal = ሕጋዊ የመዝገብ ጥያቄዎች፣ ለምሳሌ የፍርድ ቤት መጥሪያ ወይም የፍርድ ቤት ትእዛዝ፦ ማን እንደጠየቀ፣ የእነሱ መለያ ቁጥር፣ ምን እንደጠየቁ፣ እና የሰጠነው ነገር ካለ ምን እንደሰጠን
# en-hash: 989289b7
inv-legal-why = እያንዳንዱን ሕጋዊ ጥያቄ ሁለት ሰዎች እንዲያዩት፣ እና ምን እንዳልሰጠን ማሳየት እንድንችል። ፍርድ ቤት ካልከለከለ በስተቀር ለሰውየው እንነግራቸዋለን።
# en-hash: cf6cd6d9
inv-legal-kept = ዝርዝሩ ይቀመጣል። ስለ አንድ ሰው የቀረበ ሕጋዊ ጥያቄ ቃላት ከሰውየው መረጃ ጋር አብረው ይጠፋሉ።
# en-hash: b2a2789a
inv-legal-who = ሥራውን የሚያቅዱ ሰዎች።
# en-hash: 420c269d
inv-legal-how = ስለ አንድ ሰው የቀረበ ሕጋዊ ጥያቄ በዚያ ሰው ቁልፍ ይቆለፋል። ስለዚህ የሰውየው መረጃ ሲጠፋ የጥያቄው ቃላትም ይጠፋሉ። ሌላ ማንኛውም ሕጋዊ ጥያቄ በሰርቨሩ ቁልፍ ይቆለፋል።
# en-hash: fdede359
inv-ems = አምቡላንስ (የድንገተኛ ሕክምና አገልግሎት) ለምን እንደተጠራ፣ እና ሰውየው ተስማምተው እንደሆነ
# en-hash: 0662c23b
inv-ems-why = አምቡላንስ የምንጠራው አልፎ አልፎ ነው፤ እያንዳንዱን ጊዜ እንጽፈዋለን።
# en-hash: 18bb05b3
inv-ems-who = ጥሪዎችን የሚቀበሉ፣ ቡድኖችን የሚልኩ እና ሥራውን የሚያቅዱ ሰዎች።
# en-hash: faa87699
inv-ems-how = ምክንያቱ ከላይ እንደተገለጸው ተቆልፏል። ሰውየው ተስማምተው እንደሆነ በአዎ ወይም በአይ ብቻ ይቀመጣል።
# en-hash: b805b26b
inv-counts = ሰዓቶች፣ ደረጃዎች፣ እንዴት እንደተጠናቀቀ፣ የፍላጎት ዓይነቶች፣ ቋንቋ። ስሞች የሉም።
# en-hash: 78da5518
inv-counts-why = አገልግሎቱን ለማካሄድ፣ እና ለገንዘብ ሰጪዎችና ለከተማው አጠቃላይ ቁጥሮችን ለመስጠት።
# en-hash: 92e2e16d
inv-counts-kept = ለዘለቄታው፣ እንደ አጠቃላይ ቁጥሮች። የሰውየው መረጃ ከጠፋ በኋላ፣ ቁጥሮቹን መልሶ ከእነሱ ጋር ማያያዝ አይቻልም።
# en-hash: 15108cd4
inv-counts-who = በቡድኑ ውስጥ ያለ ሁሉም ሰው። ከቡድኑ የሚወጡት አጠቃላይ ቁጥሮች ብቻ ናቸው።
# en-hash: c860ff22
inv-counts-how = በመረጃ ቋቱ ውስጥ ይቀመጣል። መጠባበቂያ ቅጂዎች ልክ እንደ ሰርቨሩ የተጠበቁ ናቸው።
# en-hash: 2b1aea43
inv-outreach = በመንገድ ላይ የማዳረስ ጉብኝቶች፡ ስንት ሰዎችን እንዳገኘን እና ምን እንደሰጠናቸው፣ ያለ ስም። ሰውየው ከተስማማ፣ እሱ ከመረጣቸው ክፍሎች (ለምሳሌ የስም መነሻ ፊደላት እና የልደት ወር) የተሠራ የተመላሽ ኮድ፣ ማንም መልሶ ሊያነበው በማይችል በተቀላቀለ መልክ ብቻ ይቀመጣል።
# en-hash: 148d81bd
inv-outreach-why = ሥራውን በታማኝነት ለመቁጠር፣ እና እንደገና ያገኘነውን ሰው አንድ ጊዜ ብቻ ለመቁጠር።
# en-hash: 20b9d694
inv-outreach-kept = ለዘለቄታው፣ እንደ ቁጥሮች። ቁልፉን በመቀየር በማንኛውም ጊዜ ሁሉም ኮዶች እንዳይዛመዱ ማድረግ እንችላለን፡ ከዚያ በፊት የነበሩ ኮዶች ከማንም ጋር አይዛመዱም።
# en-hash: 4c1ffa11
inv-outreach-who = ወደ ውጭ የሚወጡ ወይም ሥራውን የሚያቅዱ የቡድኑ አባላት። ከቡድኑ የሚወጡት ቁጥሮች ብቻ ናቸው።
# en-hash: 1637a136
inv-outreach-how = ኮዱ ከመረጃ ቋቱ ውጭ በተቀመጠ ቁልፍ ይቀላቀላል፣ ስለዚህ የመረጃ ቋቱ ብቻውን ከማንም ጋር ሊያገናኘው አይችልም።
# en-hash: e433807a
inv-audit = የአንድን ሰው መዝገብ ማን እንዳየ ወይም እንደቀየረ (የቁጥጥር መዝገብ)። ስሞችን ሳይሆን ኮዶችን ይጠቀማል።
# en-hash: 153eb9f6
inv-audit-why = ማንም ሰው ዱካ ሳይተው የአንድን ሰው መረጃ እንዳያገኝ።
# en-hash: 200a8e17
inv-audit-kept = ለዘለቄታው። ምንም የግል መረጃ አይይዝም።
# en-hash: 5e735d35
inv-audit-who = ሥራውን የሚያቅዱ ሰዎች። ሰውየው ራሳቸው፣ በራሳቸው የመዝገብ ቅጂ።
# en-hash: 63bbad33
inv-audit-how = እያንዳንዱ ግቤት ከቀደመው ጋር ተያይዟል፤ ሰንሰለቱም ተፈርሟል፤ ስለዚህ ማንኛውም ለውጥ ይታያል።
# en-hash: b3468608
inventory-not-held = በፍጹም የማንይዘው
# en-hash: 3e3b0bd8
inventory-not-held-list = የኢሚግሬሽን ሁኔታ። የአደጋ ግምት ነጥቦች ወይም "ደጋግሞ የሚደውል" የሚሉ ምልክቶች። ለፖሊስ የሚሄድ ወይም ከፖሊስ የሚመጣ ምንም ነገር፦ የፖሊስ ሚና የለም፤ ለፖሊስ ምንም ነገር መላክ አይቻልም።
# en-hash: 76979221
inventory-your-rights = አንድ ሰው ስለ እርስዎ መረጃ ቢጠይቅ (የፍርድ ቤት መጥሪያ፣ የፖሊስ ጥያቄ)፣ ይመዘገባል፤ ሁለት ሰዎች ይገመግሙታል። የፍርድ ቤት ትእዛዝ ካልከለከለ በስተቀር እንነግርዎታለን።
# en-hash: bae8ad76
field-error-unchanged = መለያው ይህን አሁንም ማድረግ ይችላል።
# en-hash: e5398945
suggest-some = %n ቦታዎች ይዛመዳሉ። አንዱን ለመምረጥ የቀስት ቁልፎችን ይጠቀሙ።
# en-hash: 20ad9e3a
suggest-none = እስካሁን ከእነዚህ ቃላት ጋር የሚዛመድ ቦታ የለም።
# en-hash: 1874dac6
suggest-chosen = የተመረጠው፦ %p። በካርታው ላይ ያለው ነጥቡ ተሞልቷል።
# en-hash: c6402106
nav-donate = ይለግሱ
# en-hash: 0059798b
optional = (አማራጭ)
# en-hash: da8c72b1
donate-title = ዛሬ ይለግሱ
# en-hash: da8c72b1
donate-heading = ዛሬ ይለግሱ
# en-hash: a3664cc0
donate-intro = ልገሳዎ { $name } ከፖሊስ ይልቅ ጥሪዎችን መመለሱን እንዲቀጥል ያደርጋል፦ የአቻ ድጋፍ ሰጪዎች፣ ለተቸገሩ ሰዎች የጋራ መረዳዳት፣ እና የክትትል እንክብካቤ።
# en-hash: 55aa9db1
donate-cancelled = ክፍያዎ አልተጠናቀቀም፤ ምንም ገንዘብ አልተቆረጠም። ከታች እንደገና መሞከር ይችላሉ።
# en-hash: 2aadb5b5
donate-to-campaign = ለዚህ ዘመቻ ይለግሱ
# en-hash: ad9ac0c2
donate-goal = ከ{ $n } ግብ ውስጥ የተሰበሰበ
# en-hash: db7f9e30
donate-progress = ከግቡ { $n } በመቶ
# en-hash: 276eacd2
donate-offline = እዚህ የኦንላይን ልገሳ ገና አልተዘጋጀም። በቼክ ወይም በባንክ ዝውውር ለመለገስ ቡድኑን ይጠይቁ። ለእያንዳንዱ ልገሳ ደረሰኝ ይሰጣል።
# en-hash: 06a1ee61
donate-amount = ምን ያህል?
# en-hash: 114523f0
donate-own-amount = የራስዎን መጠን ይምረጡ
# en-hash: 3b2b5679
donate-own-amount-label = የእርስዎ መጠን
# en-hash: dacc8bb3
donate-range = ቢያንስ { $n }፣
# en-hash: 61e3876a
donate-max = ቢበዛ { $n }።
# en-hash: ddc79ba1
donate-how-often = በየስንት ጊዜው?
# en-hash: 30436158
donate-once = አንድ ጊዜ
# en-hash: 9b11f6b7
donate-monthly = በየወሩ
# en-hash: b5858111
donate-fund = ለምን ዓላማ ነው?
# en-hash: 76cdcd26
donate-message = አጭር መልእክት
# en-hash: 09d06597
donate-message-hint = እስከ { $n } ፊደላት፣ ተራ ጽሑፍ ብቻ።
# en-hash: ffc5b4e7
donate-counter = ከ%max ፊደላት %n
# en-hash: 3603f602
test-mode = የሙከራ ሁኔታ፦ ምንም ገንዘብ አይንቀሳቀስም።
# en-hash: 31820338
test-mode-hint = ይህ ማሳያ ነው። እዚህ የሚደረጉ ልገሳዎች በዚህ ሰርቨር ላይ ባለ የማስመሰያ የካርድ ገጽ ያልፋሉ። ምንም ገንዘብ አይቆረጥም፤ ምንም ነገር ከዚህ ማሽን አይወጣም።
# en-hash: ff445f11
test-checkout-title = የማስመሰያ የካርድ ገጽ
# en-hash: b087b7b2
test-checkout-monthly = በየወሩ
# en-hash: 994c3495
test-checkout-pay = ይክፈሉ (ሙከራ፦ ምንም ገንዘብ አይቆረጥም)
# en-hash: fbd738a3
test-checkout-done = ይህ ልገሳ ቀድሞ ደርሶናል።
# en-hash: 08571589
test-checkout-receipt = ደረሰኙን ይመልከቱ
# en-hash: 67fb80c7
test-checkout-cancel = ሳይለግሱ ይመለሱ
# en-hash: 2c6b2e25
donate-name = ስምዎ
# en-hash: 5bdc002f
donate-anonymous = ስምዎን ሳይገልጹ ይለግሱ (ስምዎ የትም አይታይም)
# en-hash: c36b1f8e
donate-email = ደረሰኝዎ የሚላክበት ኢሜይል
# en-hash: e6f72ffc
donate-email-hint = ደረሰኙን፣ እና በዓመት አንድ ጊዜ የልገሳ ማጠቃለያዎን እንልካለን። ሌላ ምንም አንልክም።
# en-hash: efadf373
donate-give = ወደ ክፍያ ይቀጥሉ
# en-hash: d634006e
donate-secure = የሚከፍሉት በክፍያ አገልግሎቱ ደህንነቱ የተጠበቀ ገጽ ላይ ነው፤ ካርድዎን በፍጹም አናይም።
# en-hash: 1b791eae
donate-separate = ስለ ለጋሾች የምናውቀው መረጃ ከምንደግፋቸው ሰዎች መዝገቦች ተለይቶ ይያዛል። ሊያዩት የሚችሉት የሂሳብ መዝገብ የሚይዙ ሰዎች ብቻ ናቸው።
# en-hash: e3f75b4b
receipt-title = ደረሰኝዎ
# en-hash: 268bc183
receipt-heading = እናመሰግናለን
# en-hash: 254be555
receipt-pending-heading = ክፍያውን በመጠበቅ ላይ
# en-hash: 20dc050d
receipt-pending = ከክፍያ አገልግሎቱ ገና መልስ አልደረሰንም። ይህ ብዙውን ጊዜ ጥቂት ሰከንዶች ይወስዳል።
# en-hash: fb7099ad
receipt-check-again = እንደገና ይፈትሹ
# en-hash: fb7d64e2
receipt-acknowledgement = የልገሳዎ ማረጋገጫ
# en-hash: 350be364
receipt-organisation = ድርጅት
# en-hash: 911f2424
receipt-tax-id = የግብር መለያ ቁጥር { $n }
# en-hash: f7c38806
receipt-donor = ለጋሽ
# en-hash: 49e96d7c
receipt-amount = መጠን
# en-hash: 99c40ab4
receipt-date = ቀን
# en-hash: ca15ebc0
receipt-fund = ዓላማ
# en-hash: e16bd0b1
receipt-refunded = ተመልሷል
# en-hash: 71bf9093
receipt-reference = መለያ ቁጥር
# en-hash: 7c7b2569
receipt-no-goods = ለዚህ ልገሳ በምላሹ ምንም ዕቃ ወይም አገልግሎት አልተሰጠም።
# en-hash: cf1c1ae6
receipt-large = ይህን ማረጋገጫ ያስቀምጡ። ለ$250 ወይም ከዚያ በላይ ልገሳ፣ የአሜሪካ የግብር ሕጎች የሚጠይቁት የጽሑፍ ማረጋገጫ ይህ ነው።
# en-hash: 1107ad83
receipt-your-message = መልእክትዎ፦
# en-hash: f65f007d
receipt-keep = ደረሰኝዎን እንደገና ለማየት የዚህን ገጽ አድራሻ ያስቀምጡ።
# en-hash: 63ff1131
field-error-generic = ይህ ጥቅም ላይ ሊውል አይችልም። ይፈትሹትና እንደገና ይሞክሩ።
# en-hash: 856f29fb
service-open = ቡድኑ ክፍት ነው፤ በተቻለ ፍጥነት ምላሽ ይሰጣል።
# en-hash: a537ef97
service-full = ቡድኑ ክፍት ነው፤ ነገር ግን ሁሉም ድጋፍ ሰጪዎች አሁን ከሌሎች ሰዎች ጋር ናቸው። ጥያቄዎ ተቀምጧል፤ አንድ ሰው ነፃ እንደሆነ ይስተናገዳል።
# en-hash: 68c0d7d7
service-full-until = ቡድኑ ክፍት ነው፤ ነገር ግን ሁሉም ድጋፍ ሰጪዎች አሁን ከሌሎች ሰዎች ጋር ናቸው (እስከ { $until } ገደማ)። ጥያቄዎ ተቀምጧል፤ አንድ ሰው ነፃ እንደሆነ ይስተናገዳል።
# en-hash: 06a36cfe
service-closed = ቡድኑ አሁን ዝግ ነው። ጥያቄዎ ለሚቀጥለው ፈረቃ ተቀምጧል።
# en-hash: 7a2eb461
service-closed-until = ቡድኑ አሁን ዝግ ነው። ጥያቄዎ ለሚቀጥለው ፈረቃ ተቀምጧል፤ ፈረቃው የሚጀምረው፦ { $at }።
# en-hash: a102086c
hours-full = ክፍት ነን፤ ነገር ግን ሁሉም ድጋፍ ሰጪዎች አሁን ከሌሎች ሰዎች ጋር ናቸው። ጥያቄዎች ይቀመጣሉ፤ አንድ ሰው ነፃ እንደሆነ ይስተናገዳሉ።
# en-hash: cd418dcd
hours-full-until = ክፍት ነን፤ ነገር ግን ሁሉም ድጋፍ ሰጪዎች እስከ { $until } ገደማ ከሌሎች ሰዎች ጋር ናቸው። ጥያቄዎች ይቀመጣሉ፤ አንድ ሰው ነፃ እንደሆነ ይስተናገዳሉ።
# en-hash: 317acac9
hours-holiday = ዛሬ ዝግ ነን።
# en-hash: 86ad3fee
progress-title = ሂደቱ የት ደረሰ
# en-hash: 86ad3fee
progress-heading = ሂደቱ የት ደረሰ
# en-hash: 8ce09e4f
progress-kind = የተላከው፦ { $name }
# en-hash: f4f394d1
progress-since = የደረሰው፦ { $when }።
# en-hash: e9660bd2
progress-waiting = ደርሷል። የአጋር ድርጅቱ የመጠበቂያ ጊዜ ሲያልቅ፣ አሁንም የሚያስፈልግ ከሆነ ቡድኑ ይይዘዋል።
# en-hash: 0899b35c
progress-received = ደርሷል። ቡድኑ ይዞታል።
# en-hash: e01c351d
progress-closed = ተዘግቷል።
# en-hash: e5b95c2e
progress-private = ይህ ገጽ የሚያሳየው ሂደቱ የት እንደደረሰ ብቻ ነው፤ ስለ ሰውየው ምንም አያሳይም።
# en-hash: 310da67c
sms-ack = { $team }፦ መልእክትዎ ደርሶናል።{ $state } እዚህ መረጃ ብንልክልዎ ደህንነቱ የተጠበቀ ከሆነ፣ SAFE ብለው ይመልሱ። የድንገተኛ አገልግሎት አይደለንም፦ በማንኛውም ሰዓት 988 ወይም 833-773-2445፤ ለሕክምና ድንገተኛ 911። ለማቆም STOP ብለው ይመልሱ። For English, reply EN.
# en-hash: 073766ec
sms-closed = { " " }አሁን ዝግ ነን፤ መልእክትዎ ለሚቀጥለው ፈረቃ ተቀምጧል ({ $at })።
# en-hash: 1b5b5bb7
sms-full = { " " }ሁሉም ድጋፍ ሰጪዎች እስከ { $until } ገደማ ተይዘዋል፤ መልእክትዎ ተቀምጧል፤ ሰው ነፃ ሲሆን እንይዘዋለን።
# en-hash: b0192756
sms-question = { $question } ይመልሱ፦ { $choices }።
# en-hash: 5a50cdf2
sms-choice = { $answer } ከሆነ { $n }
# en-hash: 501b08ad
sms-screened = { $team }፦ እናመሰግናለን፤ ይህ ትክክለኛውን ድጋፍ ለመላክ ይረዳናል።
# en-hash: c85f8a7a
sms-help = { $team }፦ የማኅበረሰብ የችግር ጊዜ ድጋፍ ነን፤ የድንገተኛ አገልግሎት አይደለንም። ምን እየሆነ እንዳለ ይጻፉልን። መልእክቶችን ለማቆም STOP ብለው ይመልሱ። በማንኛውም ሰዓት፦ 988፣ ወይም MA Behavioral Health Help Line 833-773-2445፤ ለሕክምና ድንገተኛ 911።
# en-hash: b4701cba
sms-start = { $team }፦ እንደገና ሊጽፉልን ይችላሉ። ለማቆም STOP ብለው ይመልሱ።
# en-hash: 70917b58
sms-safe = { $team }፦ እናመሰግናለን። መረጃ እዚህ እንልክልዎታለን። ለማቆም STOP ብለው ይመልሱ።
# en-hash: 9897c5bb
sms-on-the-way = { $team }፦ ቡድን በመንገድ ላይ ነው።
# en-hash: 505eff6d
sms-not-found = { $team }፦ ልናገኝዎ አልቻልንም። ለመቀጠል ለዚህ መልእክት መልስ ይስጡ።
# en-hash: c3d54cd8
nav-directory = ድጋፍ ያግኙ
# en-hash: 42087968
directory-title = በአቅራቢያዎ ድጋፍ ያግኙ
# en-hash: 42087968
directory-heading = በአቅራቢያዎ ድጋፍ ያግኙ
# en-hash: 1b65a787
directory-intro = ምግብ፣ የዛሬ ማታ መኝታ፣ የሂሳብ ክፍያ እርዳታ፣ የጤና እንክብካቤ፣ የሕግ እርዳታ እና ሌሎችም፣ በከተማዋና በአካባቢዋ ካሉ ድርጅቶች። መለያ አያስፈልግም።
# en-hash: e3ad92be
directory-q = ምን እየፈለጉ ነው?
# en-hash: b80feab3
directory-q-hint = ጥቂት ቃላት፣ ለምሳሌ "የምግብ ባንክ" ወይም "የሂሳብ እርዳታ"። አጻጻፉ ፍጹም መሆን አያስፈልገውም።
# en-hash: d5e68044
directory-need = የድጋፍ ዓይነት
# en-hash: bcb32f11
directory-need-any = ማንኛውም ዓይነት
# en-hash: d9f314ef
directory-near = በአቅራቢያ
# en-hash: abcb845c
directory-near-hint = የመንገድ አድራሻ ወይም ቦታ፣ ለምሳሌ "71 Cherry St"።
# en-hash: 1f152125
directory-language = የሚነገር ቋንቋ
# en-hash: a8d71c96
directory-only = እነዚህን ብቻ አሳይ
# en-hash: 14b67e62
directory-open-now = አሁን ክፍት የሆኑ
# en-hash: 420ad2f5
directory-free = ነፃ
# en-hash: a0f76cf2
directory-no-id = መታወቂያ የማይጠይቁ
# en-hash: b3d43659
directory-accessible = ለዊልቸር ተደራሽ
# en-hash: 49c266ba
directory-search = ይፈልጉ
# en-hash: 763f69cb
directory-near-unknown = ያንን ቦታ ማግኘት አልቻልንም፤ ስለዚህ ውጤቶቹ በርቀት አልተደረደሩም። የመንገድ አድራሻ ይሞክሩ።
# en-hash: 52ff47c0
directory-found = የተገኙ አገልግሎቶች፦ { $count }
# en-hash: 604dce44
directory-all = አገልግሎቶች
# en-hash: 03f139fd
directory-distance = { $distance } ርቀት ላይ
# en-hash: 14b67e62
directory-is-open = አሁን ክፍት ነው
# en-hash: b7c1a931
directory-is-closed = አሁን ዝግ ነው
# en-hash: e30be00a
directory-open-data = ይህ ማውጫ በ/hsds ላይ ክፍት መረጃ ነው (Open Referral HSDS 3.0)። ከመሄድዎ በፊት ይደውሉ፤ ሰዓቶችና ቦታዎች ይቀያየራሉ።
# en-hash: 10502b14
directory-cap-open = ዛሬ ክፍት ነው
# en-hash: 1ac45e3e
directory-cap-full = ዛሬ ሞልቷል
# en-hash: 331b5264
directory-cap-closed = ዛሬ ዝግ ነው
# en-hash: 2942b2bf
directory-cap-available = { $n } ክፍት ቦታዎች አሉ
# en-hash: a48a326d
directory-updated-now = አሁን ተዘምኗል
# en-hash: ed333436
directory-updated-minutes = ከ{ $n } ደቂቃ በፊት ተዘምኗል
# en-hash: f5f93e5d
directory-updated-hours = ከ{ $n } ሰዓት በፊት ተዘምኗል
# en-hash: 30362ef7
directory-updated-days = ከ{ $n } ቀን በፊት ተዘምኗል
# en-hash: beb72b36
directory-cap-legend = ዛሬ በ{ $name }
# en-hash: 2b065c7c
directory-cap-status = ዛሬ
# en-hash: 59dec9a3
directory-cap-places = ክፍት ቦታዎች (አማራጭ)
# en-hash: b1675c76
directory-cap-note = ለሕዝብ ማስታወሻ (አማራጭ)
# en-hash: c1c1009d
directory-cap-save = አዘምን
# en-hash: 6357161e
directory-refer = ወደ { $name } ያስተላልፉ
# en-hash: fcfa7b30
directory-referring = አንድን ሰው የሚያስተላልፉበትን አገልግሎት እየመረጡ ነው።
# en-hash: 590fdb94
directory-referring-back = ወደ ጥያቄው ይመለሱ
# en-hash: 92340695
service-status-active = በሥራ ላይ
# en-hash: ac7c949f
service-status-inactive = በሥራ ላይ አይደለም
# en-hash: d51a153c
service-status-defunct = ከእንግዲህ አይሠራም
# en-hash: 5859ebc8
field-error-restricted = የተገደበ ፈንድ ገንዘቡን ለዓላማው ብቻ ይይዛል፤ ወደ ሌላ ሊዛወር አይችልም።
# en-hash: 4472678a
mail-receipt-subject = { $org }፦ ለ{ $amount } ልገሳዎ ደረሰኝ
# en-hash: de21eda2
mail-receipt-intro = ለ{ $org } ስለለገሱ እናመሰግናለን። ይህ ኢሜይል ደረሰኝዎ ነው።
# en-hash: bcc666c2
mail-receipt-link = ደረሰኝዎ በኦንላይን፦ { $url }
# en-hash: 276243fb
mail-statement-subject = { $org }፦ የ{ $n } የልገሳ ማጠቃለያዎ
# en-hash: b0f7706e
mail-footer = ይህ ኢሜይል የደረሰዎት በዚህ አድራሻ ለ{ $org } ስለለገሱ ነው። ደረሰኞችን፣ እና በዓመት አንድ ጊዜ የልገሳ ማጠቃለያ እንልካለን፤ ሌላ ምንም አንልክም። ማንኛውንም ነገር ለመጠየቅ፣ ለዚህ ኢሜይል መልስ ይስጡ።
# en-hash: 85629534
donate-email-hint-no-mail = ለደረሰኝዎ፦ በሚቀጥለው ገጽ ላይ ይታያል፤ ከጠየቁ ቡድኑ እንደገና ሊልክልዎ ይችላል።
# en-hash: b9cf2c61
receipt-mail-sent = ይህን ደረሰኝ በኢሜይል ልከንልዎታል።
# en-hash: cc777438
receipt-mail-waiting = ይህን ደረሰኝ በኢሜይል እየላክንልዎ ነው።
# en-hash: 3a1ceaee
receipt-mail-failed = ይህን ደረሰኝ በኢሜይል መላክ አልቻልንም። ይህን ገጽ ያስቀምጡ፣ ወይም ቡድኑን ቅጂ ይጠይቁ።
# en-hash: e0f4f767
day-today = ዛሬ
# en-hash: bafd151a
day-tomorrow = ነገ
# en-hash: 6a00dfc1
weekday-1 = ሰኞ
# en-hash: 7d8af1de
weekday-2 = ማክሰኞ
# en-hash: c0a6cc82
weekday-3 = ረቡዕ
# en-hash: fc266206
weekday-4 = ሐሙስ
# en-hash: e21f3f37
weekday-5 = ዓርብ
# en-hash: dbe35c73
weekday-6 = ቅዳሜ
# en-hash: 873fef76
weekday-7 = እሑድ
# en-hash: f40d7f51
weekday-short-1 = ሰኞ
# en-hash: d1eb39b0
weekday-short-2 = ማክሰ
# en-hash: 58339f45
weekday-short-3 = ረቡዕ
# en-hash: 7da11212
weekday-short-4 = ሐሙስ
# en-hash: 66dab40c
weekday-short-5 = ዓርብ
# en-hash: fdeb71b5
weekday-short-6 = ቅዳሜ
# en-hash: db18f17f
weekday-short-7 = እሑድ
# en-hash: 5c5db120
month-short-1 = ጃንዩ
# en-hash: caf71b3f
month-short-2 = ፌብሩ
# en-hash: b4b7d381
month-short-3 = ማርች
# en-hash: 617531b4
month-short-4 = ኤፕሪ
# en-hash: 8c78fe5b
month-short-5 = ሜይ
# en-hash: b27fd46e
month-short-6 = ጁን
# en-hash: c43f56b9
month-short-7 = ጁላይ
# en-hash: 41e1d82a
month-short-8 = ኦገስ
# en-hash: 451e2b71
month-short-9 = ሴፕቴ
# en-hash: 6877e849
month-short-10 = ኦክቶ
# en-hash: 3e630d29
month-short-11 = ኖቬም
# en-hash: f2a0cfbc
month-short-12 = ዲሴም
# en-hash: 691f5681
sms-language = { $team }፦ በአማርኛ እንጽፍልዎታለን።
# en-hash: 651bb684
inv-circle = ክበቦች፦ በክበብ ውስጥ ያለ እያንዳንዱ ሰው እንዲጠራበት የመረጣቸው ቃላት፣ ቋንቋው እና ደህንነቱ የተጠበቀ የመገናኛ መንገዱ፣ የደህንነት እቅዱ፣ ከእሱ ጋር የተደረጉ ንግግሮች ማስታወሻዎች እና የተደረጉ ስምምነቶች
# en-hash: 520e95a5
inv-circle-why = አመቻቾቹ የሚመለከታቸውን ሰዎች ግጭትን ወይም ጉዳትን በአንድነት እንዲፈቱ እንዲረዱ፣ የእያንዳንዱ ሰው ቃል ለእሱ ብቻ ተጠብቆ።
# en-hash: ea72772d
inv-circle-kept = ክበቡ ከተዘጋ በኋላ እስከ { $days } ቀናት ድረስ፤ ከዚያ ሁሉም ቁልፎቹ ይጠፋሉ። ማንም ሰው በማንኛውም ጊዜ የራሱን ማየት ወይም እንዲሰረዝ መጠየቅ ይችላል።
# en-hash: 5b6e6272
inv-circle-who = የክበቡ አመቻቾች ብቻ። ሌላ ማንም፣ አስተዳዳሪዎችም ጭምር አይደሉም።
# en-hash: c3a5654a
inv-circle-how = የእያንዳንዱ ሰው ቃል በራሱ ቁልፍ ተቆልፏል፣ ስምምነቶቹ በክበቡ የራሱ ቁልፍ። አንድን ሰው መሰረዝ የሌሎችን ቃል እንደነበረ ይተዋል።
