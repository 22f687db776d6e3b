# The screening script's words (config/triage.toml), by message id. Translated from
# locales/en-US/triage.ftl; a test requires every script text to have its message here.

# en-hash: 42b85df5
triage-q-medical = አሁን የተጎዳ፣ ራሱን የሳተ፣ መተንፈስ የቸገረው፣ ብዙ ደም የሚፈሰው፣ የደረት ሕመም ያለበት ወይም ከመጠን በላይ መድኃኒት የወሰደ ሰው አለ?
# en-hash: 85a39ab3
triage-a-medical-yes = አዎ
# en-hash: 1ea442a1
triage-a-medical-no = አይ
# en-hash: dca5fa43
triage-a-medical-unsure = እርግጠኛ አይደለሁም
# en-hash: 836f81eb
triage-q-in_area = ሰውየው ቡድኑ በሚያገለግለው አካባቢ ውስጥ ናቸው?
# en-hash: 85a39ab3
triage-a-in_area-yes = አዎ
# en-hash: 1ea442a1
triage-a-in_area-no = አይ
# en-hash: dca5fa43
triage-a-in_area-unsure = እርግጠኛ አይደለሁም
# en-hash: f1542d0f
triage-q-where_now = ሰውየው አሁን የት ናቸው?
# en-hash: 6743866e
triage-a-where_now-outside = ውጭ፣ በሕዝብ ቦታ
# en-hash: 9f04b443
triage-a-where_now-sheltering = ለመጠለያ ባልተሠራ ቦታ ተጠልለዋል (የበር መግቢያ፣ የኤቲኤም ክፍል፣ የደረጃ መውጫ)
# en-hash: 9c9d752a
triage-a-where_now-home = ቤት ወይም ግል በሆነ ቦታ
# en-hash: e182f05e
triage-a-where_now-not_said = መናገር አይፈልጉም፣ ወይም አይታወቅም
# en-hash: 39f9b27b
triage-q-weather = ለብርድ፣ ለሙቀት ወይም ለአየር ሁኔታ ተጋልጠዋል?
# en-hash: 85a39ab3
triage-a-weather-yes = አዎ
# en-hash: 1ea442a1
triage-a-weather-no = አይ
# en-hash: f4dea287
triage-q-distress = ሰውየው አሁን እንዴት ናቸው?
# en-hash: 67345cee
triage-a-distress-acute = በከባድ ጭንቀት ወይም ሐዘን ውስጥ ናቸው
# en-hash: df07d69b
triage-a-distress-struggling = እየተቸገሩ ነው፤ ግን መናገር ይችላሉ
# en-hash: 38f6b83e
triage-a-distress-calm = ተረጋግተዋል
# en-hash: 91cdf976
triage-q-suicide = ሰውየው ራሳቸውን ስለማጥፋት ወይም ሕይወታቸውን ስለማቆም ሐሳብ ተናግረዋል?
# en-hash: 1ea442a1
triage-a-suicide-no = አይ
# en-hash: be56b38a
triage-a-suicide-thoughts = አዎ፣ ሐሳብ አላቸው
# en-hash: d1c55ab8
triage-a-suicide-plan_now = አዎ፣ አሁን ዕቅድ ወይም መንገዱ አላቸው
# en-hash: 4434b55c
triage-q-wants_visit = ሰውየው አንድ ሰው በአካል እንዲመጣላቸው ይፈልጋሉ?
# en-hash: 85a39ab3
triage-a-wants_visit-yes = አዎ
# en-hash: 1ea442a1
triage-a-wants_visit-no = አይ
# en-hash: dca5fa43
triage-a-wants_visit-unsure = እርግጠኛ አይደለሁም
# en-hash: 8bf320a7
triage-q-harm_at_home = ቤት ውስጥ የሚጎዳቸው ወይም የሚቆጣጠራቸው ሰው አለ? በገንዘብም ቢሆን።
# en-hash: 85a39ab3
triage-a-harm_at_home-yes = አዎ
# en-hash: 1ea442a1
triage-a-harm_at_home-no = አይ
# en-hash: dac57454
triage-a-harm_at_home-not_said = መናገር አይፈልጉም
# en-hash: 03defd1d
triage-q-money_need = ዋናው ጭንቀታቸው ገንዘብ፣ ሂሳብ፣ ምግብ ወይም መኖሪያ ቤት ነው?
# en-hash: 85a39ab3
triage-a-money_need-yes = አዎ
# en-hash: 1ea442a1
triage-a-money_need-no = አይ

# en-hash: 08812303
triage-rule-medical_emergency = የሕክምና አስቸኳይ ምልክት፦ አሁኑኑ ለአምቡላንስ (EMS) ይደውሉ (ለሕክምና ድንገተኛ 911)። ለምን እንደሆነ፣ እና ሰውየው መስማማታቸውን ይመዝግቡ። EMS ከደረሰ በኋላ ቡድን ሊከተል ይችላል።
# en-hash: 4c7f9ff6
triage-rule-outside_area = ከምናገለግለው አካባቢ ውጭ ነው። ሌሎች አማራጮችን ያቅርቡ፦ 988 (ጥሪ ወይም የጽሑፍ መልእክት)፣ Massachusetts Behavioral Health Help Line 833-773-2445፣ ለሕክምና ድንገተኛ 911።
# en-hash: 6a1e38ac
triage-rule-suicide_plan_now = አሁን ዕቅድ ወይም መንገድ ያለው ራስን የማጥፋት ሐሳብ፣ ሰውየውም ጉብኝት ይቀበላሉ፦ አሁኑኑ ቡድን ይላኩ፤ ቡድኑ እስኪደርስ በስልክ ላይ ይቆዩ።
# en-hash: ddaf2a15
triage-rule-suicide_plan_now_phone = አሁን ዕቅድ ወይም መንገድ ያለው ራስን የማጥፋት ሐሳብ፣ ሰውየውም ጉብኝት አይፈልጉም፦ በስልክ አብረዋቸው ይቆዩ። 988ን እና Behavioral Health Help Line 833-773-2445ን ይጠቁሙ። ፖሊስ በፍጹም አይሳተፍም።
# en-hash: c75f0de3
triage-rule-acute_distress_in_public = በሕዝብ ቦታ በከባድ ጭንቀት ወይም ሐዘን ውስጥ ያለ ሰው፦ አሁኑኑ ቡድን ይላኩ፤ ቡድኑ የሚሄደው በፖሊስ ምትክ ነው።
# en-hash: 1dd41480
triage-rule-sheltering_in_cold = ከብርድ ወይም ከአየር ሁኔታ የሚጠለል ሰው፦ የሚያሞቁ ዕቃዎችንና የመጠለያ አማራጮችን የያዘ ቡድን ይላኩ። መጠለያ፣ የማሞቂያ ማዕከል ወይም መጓጓዣ፣ ሰውየው እንደመረጡት።
# en-hash: 57d9b5ac
triage-rule-thoughts_money_harm_at_home = አሁን የስልክ ድጋፍ፦ ያዳምጡ፤ አብረው ስለ ደህንነት ይነጋገሩ። ቀጥሎ፣ በፈቃዳቸው፦ ለሂሳቦች የጋራ መረዳዳት፣ እና ወደ ረጅም ጊዜ ድጋፍ ማስተላለፍ (ለምሳሌ የቤት ውስጥ ጥቃት አገልግሎቶች)። ፖሊስ በፍጹም አይሳተፍም።
# en-hash: 07fd75e9
triage-rule-thoughts_no_visit = አሁን የስልክ ድጋፍ ይስጡ፤ ጉብኝት ወይም የክትትል ጥሪ ያቅርቡ። 988 እና Behavioral Health Help Line 833-773-2445 በማንኛውም ሰዓት ይገኛሉ።
# en-hash: 61acecbd
triage-rule-wants_visit = ሰውየው አንድ ሰው እንዲመጣ ጠይቀዋል፦ ቡድን ነፃ ሲሆን ይላኩ።
# en-hash: d5996bc0
triage-rule-acute_distress_private = በከባድ ጭንቀት ውስጥ ናቸው፤ ግን ግል ቦታ ላይ ናቸው፤ ጉብኝትም አልጠየቁም፦ አሁን የስልክ ድጋፍ ይስጡ፤ በማንኛውም ጊዜ ጉብኝት ያቅርቡ።
# en-hash: 434b93a6
triage-rule-practical_need = ተግባራዊ ፍላጎት (ገንዘብ፣ ምግብ፣ መኖሪያ ቤት)፦ ወደ ትክክለኛው አገልግሎት ማስተላለፍ፣ እና በሚስማማበት ቦታ የጋራ መረዳዳት።
# en-hash: 546c4a91
triage-rule-unreachable_in_public = ለዚህ ሰው መደወልም ሆነ መልእክት መላክ አይቻልም፤ በሕዝብ ቦታም ናቸው፦ በፖሊስ ምትክ፣ ደህንነታቸውን እንዲያይ ቡድን ይላኩ።
# en-hash: 60f504d2
triage-rule-fallback = መጀመሪያ በስልክ ይነጋገሩ። ሰውየው እንደፈለጉት ጉብኝት፣ ወደ ሌላ አገልግሎት ማስተላለፍ ወይም የክትትል ጥሪ ያቅርቡ።
# en-hash: 87f2053a
triage-rule-unscreened = ገና አልተገመገመም፦ የግምገማ ጥያቄዎቹን ይጠይቁ።
# en-hash: 5ece44bc
triage-rule-unreachable = የግምገማ መመሪያው የስልክ ድጋፍ ይጠቁማል፤ ነገር ግን ለዚህ ሰው መደወልም ሆነ መልእክት መላክ አይቻልም። ጥሪ ተቀባዩ ቀጥሎ ምን እንደሚደረግ ይወስናል (ጉብኝት፣ ወይም ሰውየውን የሚያገኙበት ሌላ መንገድ)።
